"""The FastAPI app: a JSON API (OpenAPI at ``/openapi.json``, Swagger UI at ``/docs``) and
Jinja2 + htmx pages.

Pages: overview (``/``), network (``/network``), scenario lab (``/lab``), claims
(``/claims``), perspectives (``/perspectives``), sources (``/sources``, ``/documents/{id}``,
``/seeds/{source}``), ingest (``/ingest``). API under ``/api``. Every asset (htmx,
Cytoscape.js, Swagger UI, CSS, JS) comes from the package, never a CDN. The routes live in
:mod:`realpolitik.web.routers`, one router per page group; their shared dependencies in
:mod:`realpolitik.web.deps`.

Security
--------
* Starlette's ``TrustedHostMiddleware`` checks the ``Host`` header first (loopback names by
  default; 400 otherwise). :class:`~realpolitik.web.guard.RequestGuard` runs next, before
  any route: no cross-origin (``Origin: null`` included) writes or expensive reads (403),
  the access token on every write and every expensive read (``/perspectives``,
  ``/api/perspectives``, ``/report.html``, ``/lab``) when the app has one (401), request
  bodies capped while they stream, chunked ones included (413), and the CSRF token bound
  to the browser session on every write (403), all before a body is parsed; a strict
  Content-Security-Policy on every response (no inline script or style).
* Ensemble runs (``/api/whatif``, ``/api/runs``, ``/lab/run``) share one bounded queue
  (429 with ``Retry-After`` when full).
* The token: ``X-Realpolitik-Token`` header, ``Authorization: Bearer``, or the ``rp_token``
  cookie set by visiting any page with ``?token=...``; :func:`realpolitik.cli.web` refuses to
  bind a non-loopback address without one.
* Ensembles per request are bounded (``max_members``); expensive results share one bounded
  LRU cache (:mod:`realpolitik.web.cache`).
* Jinja2 autoescapes everything; article text is never marked safe.
* Ids in paths are looked up in the data set or the store; no request path reaches the file
  system (static files go through Starlette's checked ``StaticFiles``; seed articles are read
  by the file names of the data set only, inside the seeds folder).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from realpolitik.report.analysis import Analysis
from realpolitik.web import datasets  # noqa: F401  (registers the background data sets)
from realpolitik.web.background import NotReady
from realpolitik.web.config import (
    DEFAULT_ALLOWED_HOSTS,
    DEFAULT_MAX_UPLOAD_BYTES,
    MAX_API_MEMBERS,
    WebConfig,
)
from realpolitik.web.deps import get_state, package_dir, render
from realpolitik.web.guard import RequestGuard
from realpolitik.web.routers import all_routers
from realpolitik.web.routers.ingest import IngestRequest
from realpolitik.web.routers.lab import LeverIn, WhatIfRequest
from realpolitik.web.state import WebState

__all__ = [
    "DEFAULT_MAX_UPLOAD_BYTES",
    "MAX_API_MEMBERS",
    "IngestRequest",
    "LeverIn",
    "WhatIfRequest",
    "create_app",
]

_log = logging.getLogger(__name__)


def create_app(
    db_url: str | None = None,
    token: str | None = None,
    *,
    analysis: Analysis | None = None,
    members: int = 1000,
    seeds_dir: Path | None = None,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
    max_members: int = MAX_API_MEMBERS,
    allowed_hosts: Sequence[str] = DEFAULT_ALLOWED_HOSTS,
    timing: bool = False,
    lab_waits: tuple[float, float] = (0.6, 0.5),
    precompute: bool = True,
    cache_dir: Path | None = None,
) -> FastAPI:
    """Build the web app.

    Parameters
    ----------
    db_url : str, optional
        Evidence store URL (default ``$REALPOLITIK_DB`` or ``sqlite:///realpolitik.sqlite``).
    token : str, optional
        Access token of every write and expensive read (``None``: none; only safe on a
        loopback bind).
    analysis : Analysis, optional
        A precomputed baseline analysis (default: computed on first request, then cached).
    members : int
        Ensemble size of the cached baseline and of the default what-if.
    seeds_dir : Path, optional
        Folder of the seed articles (relation evidence and the seed article pages).
    max_upload_bytes : int
        Largest accepted ingest text; bodies are cut off at this plus 64 kB.
    max_members : int
        Largest ensemble one request may ask for.
    allowed_hosts : sequence of str
        Accepted ``Host`` names (default loopback names; ``"*"``: any).
    timing : bool
        Add a ``Server-Timing`` header with the handler's time (benchmarks).
    lab_waits : (float, float)
        Seconds a lab run's start and each progress poll wait for the run to finish before
        answering with progress (``(0, 0)``: plain polling every 250 ms).
    precompute : bool
        Compute the baseline, the claims' and the report's data in the background from
        start-up; pages answer at once with progress until it is ready (``False``: each is
        computed on first use while that request waits).
    cache_dir : Path, optional
        Folder keeping the background results per data hash, so a restart loads them
        (``None``: kept in memory only; ``realpolitik serve`` passes
        :func:`realpolitik.web.background.default_cache_dir`).

    Returns
    -------
    FastAPI
    """
    config = WebConfig(
        token=token or None,
        max_upload_bytes=max_upload_bytes,
        max_members=max_members,
        allowed_hosts=tuple(allowed_hosts),
        timing=timing,
        lab_first_wait_s=lab_waits[0],
        lab_poll_wait_s=lab_waits[1],
    )
    state = WebState(db_url=db_url, members=members, analysis=analysis, seeds_dir=seeds_dir)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if precompute:
            state.start_background(cache_dir)
        yield
        state.close()

    app = FastAPI(
        lifespan=lifespan,
        title="realpolitik",
        summary="Who will take control of the region? Scenarios, evidence and claims.",
        version=_version(),
        openapi_tags=[{"name": "api", "description": "JSON API"}],
        docs_url=None,
        redoc_url=None,
    )
    app.state.rp = state
    app.state.rp_config = config
    app.mount("/static", StaticFiles(directory=str(package_dir("static"))), name="static")
    for router in all_routers():
        app.include_router(router)
    _error_pages(app)
    app.add_middleware(RequestGuard, config=config)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=config.host_patterns)
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, detail: str) -> Response:
    """JSON under ``/api``; an in-place fragment for htmx; an HTML page otherwise."""
    if _wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status)
    if request.headers.get("hx-request"):
        return HTMLResponse(
            f'<p class="error" role="alert" data-status="{status}">{_escape(detail)}</p>',
            status_code=status,
        )
    return render(request, "error.html", status_code=status, status=status, detail=detail)


def _escape(text: str) -> str:
    import html

    return html.escape(text)


def _pending(request: Request, exc: NotReady) -> Response:
    """A page whose background data is not ready: its progress now, filled in later by
    ``static/app.js`` (JSON endpoints: 503 with ``Retry-After``)."""
    bg = get_state(request).background
    status = bg.status()["datasets"] if bg is not None else {}
    if _wants_json(request):
        return JSONResponse(
            {"detail": f"still computing: {', '.join(exc.names)}", "status": status},
            status_code=503,
            headers={"Retry-After": "2"},
        )
    rows = [(n, status[n]) for n in status if n in exc.names]
    if request.headers.get("hx-request"):
        return HTMLResponse(
            '<p class="muted" role="status">Still computing; try again in a moment.</p>',
            status_code=503,
            headers={"Retry-After": "2"},
        )
    return render(
        request,
        "pending.html",
        heading="Computing this page's data...",
        names=exc.names,
        rows=rows,
        headers={"Cache-Control": "no-store"},
    )


def _error_pages(app: FastAPI) -> None:
    @app.exception_handler(NotReady)
    async def not_ready(request: Request, exc: NotReady) -> Response:
        return _pending(request, exc)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request) and not isinstance(exc.detail, str):
            out: Response = JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        else:
            out = _error(request, exc.status_code, str(exc.detail))
        out.headers.update(exc.headers or {})  # e.g. Retry-After of a full queue
        return out

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": jsonable(exc.errors())}, status_code=422)
        parts = [
            f"{'.'.join(str(x) for x in e.get('loc', ()) if x != 'body')}: {e.get('msg', '')}"
            for e in exc.errors()
        ]
        return _error(request, 422, "invalid request: " + "; ".join(parts))

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        _log.exception("unhandled error on %s", request.url.path)
        return _error(
            request,
            500,
            f"server error ({exc.__class__.__name__}); the server log has the details",
        )


def jsonable(errors: Any) -> Any:
    """Validation errors made JSON-safe (FastAPI's encoder)."""
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(errors)


def _version() -> str:
    from realpolitik import __version__

    return str(__version__)

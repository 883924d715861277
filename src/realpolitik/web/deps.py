"""Dependencies shared by the routers: the app state, its store, its settings, the token check
and page rendering. Routers receive them with ``Depends`` instead of closing over
``create_app``'s locals.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from realpolitik.web.config import WebConfig, supplied_token
from realpolitik.web.routers import nav_links
from realpolitik.web.state import WebState

if TYPE_CHECKING:
    from realpolitik.store.repository import Store

__all__ = [
    "Config",
    "State",
    "bounded_members",
    "csrf_token",
    "get_config",
    "get_state",
    "needs",
    "package_dir",
    "render",
    "require_store",
    "require_token",
    "templates",
]


def package_dir(sub: str) -> Path:
    """A folder shipped inside ``realpolitik.web`` (``templates``, ``static``)."""
    return Path(str(resources.files("realpolitik.web").joinpath(sub)))


def get_state(request: Request) -> WebState:
    """The app's :class:`WebState`."""
    return request.app.state.rp  # type: ignore[no-any-return]


def get_config(request: Request) -> WebConfig:
    """The app's :class:`WebConfig`."""
    return request.app.state.rp_config  # type: ignore[no-any-return]


State = Annotated[WebState, Depends(get_state)]
Config = Annotated[WebConfig, Depends(get_config)]


def require_token(request: Request, config: Config) -> None:
    """Dependency of writes and expensive reads: the access token when the app has one (the
    request guard already refused a request without it; this documents it in OpenAPI)."""
    supplied = supplied_token(request.headers, request.cookies, request.query_params)
    if not config.token_ok(supplied):
        raise HTTPException(401, "this endpoint needs the access token")


def needs(*names: str) -> Any:
    """A page's dependency on background data sets: while any of ``names`` is still being
    computed the page answers at once with its progress (``NotReady``, rendered by the
    app), and fills in when they are ready.

    Examples
    --------
    >>> from fastapi import Depends
    >>> dep = Depends(needs("analysis"))
    """

    def check(state: State) -> None:
        state.require(*names)

    return check


def require_store(state: State) -> Store:
    """The evidence store, or 503 naming why it is unavailable."""
    store = state.store
    if store is None:
        raise HTTPException(503, f"evidence store unavailable: {state.store_error}")
    return store


def bounded_members(n: int, config: WebConfig, *, cap: int | None = None) -> int:
    """``n`` if within the server's limit (and ``cap``), else HTTP 422 naming the limit."""
    top = min(config.max_members, cap) if cap else config.max_members
    if n > top:
        raise HTTPException(422, f"members: at most {top} on this server")
    return n


_TEMPLATES: Jinja2Templates | None = None


def templates() -> Jinja2Templates:
    """The Jinja2 environment of the pages (autoescaping; presenters as globals)."""
    global _TEMPLATES
    if _TEMPLATES is None:
        from realpolitik.scenarios.outcomes import CONTENDERS, OUTCOME_DEFINITIONS
        from realpolitik.web import present

        t = Jinja2Templates(directory=str(package_dir("templates")))
        t.env.globals.update(
            contenders=CONTENDERS,
            outcome_definitions=OUTCOME_DEFINITIONS,
            scenario_label=present.scenario_label,
            lever_label=present.lever_label,
            outcome_label=present.outcome_label,
            explain=present.explain,
            nav=nav_links,
            csrf_token=csrf_token,
        )
        t.env.filters.update(pct=present.pct, pp=present.pp, pct_ci=present.pct_ci, num=present.num)
        _TEMPLATES = t
    return _TEMPLATES


def csrf_token(request: Request) -> str:
    """The CSRF token of the request's browser session (templates: ``csrf_token(request)``;
    pages put it in a ``<meta>`` that ``static/app.js`` sends with every htmx request)."""
    from realpolitik.web.guard import session_of

    return get_config(request).csrf_for(session_of(request.scope))


def render(
    request: Request,
    template: str,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
    **ctx: Any,
) -> HTMLResponse:
    """A page or fragment from ``templates/<template>``."""
    state = get_state(request)
    config = get_config(request)
    return templates().TemplateResponse(
        request,
        template,
        {"active": template.split(".")[0], "state": state, "config": config, **ctx},
        status_code=status_code,
        headers=headers,
    )

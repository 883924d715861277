"""The request guard: a pure ASGI middleware in front of every route.

The ``Host`` allow-list runs before it (Starlette's ``TrustedHostMiddleware``, added by
:func:`realpolitik.web.app.create_app`; 400 otherwise: defeats DNS rebinding on the
tokenless loopback bind). Then, in this order, before any route runs and before a request
body is parsed:

1. a write or an expensive read (:meth:`WebConfig.needs_token`) whose ``Origin`` is
   ``null`` (a sandboxed frame, a ``data:`` page) or names another host, or a write whose
   ``Sec-Fetch-Site`` is ``cross-site``, is refused (403);
2. a write or an expensive read must carry the access token when the app has one (401), so a
   request without it costs no parsing and no ensemble;
3. the request body is capped **while it streams**: a ``Content-Length`` above the cap is
   refused at once, and a body without one (``Transfer-Encoding: chunked``) is counted chunk
   by chunk and refused (413) as soon as it passes the cap. The body is buffered up to the cap
   and handed to the route only when complete, so no route ever parses an oversized body;
4. a write must carry the CSRF token bound to the browser's session (the ``X-CSRF-Token``
   header, which ``static/app.js`` adds to every htmx request, or a ``csrf_token`` form
   field), else 403. Exempt: a request carrying the valid access token in a header
   (scripts), and a JSON body (``Content-Type: application/json``), which a page on another
   origin cannot send without a CORS preflight this server never grants.

Every response gets a strict ``Content-Security-Policy``
(:data:`~realpolitik.web.config.CONTENT_SECURITY_POLICY`), ``nosniff``,
``Referrer-Policy: same-origin`` (no referrer leaves the site; ``no-referrer`` would make
the browser send ``Origin: null`` with the pages' own form posts, which step 1 refuses) and
``DENY`` framing headers, optionally ``Server-Timing``; a browser without a session gets the
HttpOnly ``SameSite=Strict`` session cookie; a valid ``?token=`` sets the HttpOnly token
cookie. Refusals are JSON under ``/api``, an HTML fragment for htmx requests, a small HTML
page otherwise.
"""

from __future__ import annotations

import html
import json
import re
import secrets
import time
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from realpolitik.web.config import (
    CONTENT_SECURITY_POLICY,
    CSRF_FIELD,
    CSRF_HEADER,
    SESSION_COOKIE,
    TOKEN_COOKIE,
    WebConfig,
    supplied_token,
)

__all__ = ["RequestGuard", "csp_for", "refusal", "session_of"]

_UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
_MULTIPART_FIELD = re.compile(
    rb'name="' + CSRF_FIELD.encode() + rb'"\r\n(?:[^\r\n]*\r\n)*?\r\n([0-9a-f]{1,128})'
)


def csp_for(path: str) -> str:
    """The Content-Security-Policy of ``path``.

    Examples
    --------
    >>> "script-src 'self';" in csp_for("/lab") and "unsafe-inline" not in csp_for("/lab")
    True
    >>> "script-src 'none'" in csp_for("/report.html")
    True
    >>> "style-src 'self' 'unsafe-inline'" in csp_for("/network")
    True
    """
    if path == "/report.html":  # one self-contained file: inline CSS and SVG, no script
        return (
            "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        )
    if path == "/docs":  # Swagger UI sets inline styles; its script is a static file
        return CONTENT_SECURITY_POLICY.replace(
            "style-src 'self'", "style-src 'self' 'unsafe-inline'"
        )
    if path == "/network":  # Cytoscape.js injects its container's style; scripts stay strict
        return CONTENT_SECURITY_POLICY.replace(
            "style-src 'self'", "style-src 'self' 'unsafe-inline'"
        )
    return CONTENT_SECURITY_POLICY


def _cookies(headers: dict[str, str]) -> dict[str, str]:
    try:
        return {k: m.value for k, m in SimpleCookie(headers.get("cookie", "")).items()}
    except Exception:  # a malformed Cookie header: no cookies
        return {}


def session_of(scope: Scope) -> str:
    """The browser session id of a request (set by the guard; empty outside it)."""
    return str(scope.get("rp_session", ""))


def _form_csrf(headers: dict[str, str], body: bytes) -> str:
    """The ``csrf_token`` field of a form body (URL-encoded or multipart), or ``""``."""
    ctype = headers.get("content-type", "")
    if ctype.startswith("application/x-www-form-urlencoded"):
        return dict(parse_qsl(body.decode("latin-1"))).get(CSRF_FIELD, "")
    if ctype.startswith("multipart/form-data"):
        m = _MULTIPART_FIELD.search(body[:1_000_000])
        return m.group(1).decode() if m else ""
    return ""


Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def refusal(path: str, headers: dict[str, str], status: int, detail: str) -> tuple[bytes, str]:
    """Body and content type of a refusal: JSON for the API, HTML for pages and fragments.

    Examples
    --------
    >>> refusal("/api/x", {}, 413, "too big")[1]
    'application/json'
    >>> b"&lt;b&gt;" in refusal("/ingest", {"hx-request": "true"}, 400, "<b>")[0]
    True
    """
    if path.startswith("/api/") or "application/json" in headers.get("accept", "")[:40]:
        return json.dumps({"detail": detail}).encode(), "application/json"
    msg = html.escape(detail)
    if headers.get("hx-request"):
        return (
            f'<p class="error" role="alert" data-status="{status}">{msg}</p>'.encode(),
            "text/html; charset=utf-8",
        )
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>realpolitik: error {status}</title><link rel="stylesheet" href="/static/app.css">'
        f'</head><body><main id="main"><h1>Error {status}</h1>'
        f'<p class="error" role="alert">{msg}</p><p><a href="/">Back to the overview</a></p>'
        "</main></body></html>"
    )
    return page.encode(), "text/html; charset=utf-8"


class _TooLarge(Exception):
    pass


class RequestGuard:
    """ASGI middleware enforcing :class:`~realpolitik.web.config.WebConfig` (see module doc)."""

    def __init__(self, app: ASGIApp, config: WebConfig) -> None:
        self.app = app
        self.config = config

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        t0 = time.perf_counter()
        headers = _headers(scope)
        path = str(scope.get("path", ""))
        method = str(scope.get("method", "GET")).upper()
        cookies = _cookies(headers)
        session = cookies.get(SESSION_COOKIE, "")
        fresh = not re.fullmatch(r"[0-9a-f]{32}", session)
        if fresh:
            session = secrets.token_hex(16)
        scope["rp_session"] = session
        problem = self._check(method, path, headers, scope, cookies)
        if problem is not None:
            await self._refuse(send, path, headers, *problem)
            return
        if method in _UNSAFE:
            try:
                receive, body = await self._buffer(headers, receive)
            except _TooLarge:
                cap = self.config.max_upload_bytes
                await self._refuse(
                    send, path, headers, 413,
                    f"request body larger than the limit of {cap:,} bytes "
                    f"({cap / 1e6:.1f} MB): upload a smaller file or split the text",
                )  # fmt: skip
                return
            if not self._csrf_ok(headers, session, body):
                await self._refuse(
                    send, path, headers, 403,
                    "missing or stale CSRF token: reload the page and try again (scripts: send "
                    "JSON, or the access token in the X-Realpolitik-Token header)",
                )  # fmt: skip
                return
        await self.app(
            scope, receive, self._wrap_send(send, scope, headers, t0, session if fresh else "")
        )

    def _csrf_ok(self, headers: dict[str, str], session: str, body: bytes) -> bool:
        cfg = self.config
        if headers.get("content-type", "").split(";")[0].strip() == "application/json":
            return True  # cross-site pages cannot send JSON without a preflight
        header_token = supplied_token(headers, {}, {})
        if cfg.token and header_token and cfg.token_ok(header_token):
            return True  # a script with the access token in a header
        supplied = headers.get(CSRF_HEADER, "") or _form_csrf(headers, body)
        return cfg.csrf_ok(session, supplied)

    def _check(
        self,
        method: str,
        path: str,
        headers: dict[str, str],
        scope: Scope,
        cookies: dict[str, str],
    ) -> tuple[int, str] | None:
        cfg = self.config
        guarded = cfg.needs_token(method, path)
        if guarded:
            origin = headers.get("origin")
            host = headers.get("host", "")
            if origin is not None and (origin == "null" or urlsplit(origin).netloc != host):
                return 403, f"cross-origin request refused (Origin: {origin})"
            if method in _UNSAFE and headers.get("sec-fetch-site") == "cross-site":
                return 403, "cross-site write refused"
        if cfg.token and guarded:
            query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
            if not cfg.token_ok(supplied_token(headers, cookies, query)):
                return 401, (
                    "this page or endpoint needs the access token: open the dashboard once as "
                    "/?token=TOKEN, or send the X-Realpolitik-Token header"
                )
        return None

    async def _buffer(self, headers: dict[str, str], receive: Receive) -> tuple[Receive, bytes]:
        cap = self.config.max_body_bytes
        length = headers.get("content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                declared = cap + 1
            if declared > cap:
                raise _TooLarge
        chunks: list[bytes] = []
        size = 0
        while True:
            msg = await receive()
            if msg["type"] == "http.disconnect":
                chunks = []
                break
            body = msg.get("body", b"")
            size += len(body)
            if size > cap:
                raise _TooLarge
            chunks.append(body)
            if not msg.get("more_body", False):
                break
        data = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": data, "more_body": False}
            return await receive()

        return replay, data

    async def _refuse(
        self, send: Send, path: str, headers: dict[str, str], status: int, detail: str
    ) -> None:
        body, ctype = refusal(path, headers, status, detail)
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", ctype.encode()),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                    *self._security_headers(path),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    @staticmethod
    def _security_headers(path: str) -> list[tuple[bytes, bytes]]:
        return [
            (b"content-security-policy", csp_for(path).encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin"),
            (b"x-frame-options", b"DENY"),
        ]

    def _wrap_send(
        self, send: Send, scope: Scope, headers: dict[str, str], t0: float, new_session: str
    ) -> Send:
        cfg = self.config
        path = str(scope.get("path", ""))
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        set_cookie = bool(cfg.token and query.get("token") and cfg.token_ok(query["token"]))

        async def wrapped(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                extra = self._security_headers(path)
                if new_session:
                    extra.append(
                        (
                            b"set-cookie",
                            f"{SESSION_COOKIE}={new_session}; HttpOnly; SameSite=Strict; "
                            "Path=/".encode(),
                        )
                    )
                if set_cookie:
                    extra.append(
                        (
                            b"set-cookie",
                            f"{TOKEN_COOKIE}={cfg.token}; HttpOnly; SameSite=Strict; "
                            "Path=/".encode(),
                        )
                    )
                if cfg.timing:
                    dur = 1000 * (time.perf_counter() - t0)
                    extra.append((b"server-timing", f"app;dur={dur:.2f}".encode()))
                msg = {**msg, "headers": [*msg.get("headers", []), *extra]}
            await send(msg)

        return wrapped

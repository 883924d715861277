"""The request guard: a pure ASGI middleware in front of every route.

In this order, before any route runs and before a request body is parsed:

1. the ``Host`` header must name an allowed host (400 otherwise; defeats DNS rebinding on the
   tokenless loopback bind);
2. a write whose ``Origin`` names another host is refused (403);
3. a write or an expensive read (:meth:`WebConfig.needs_token`) must carry the access token
   when the app has one (401), so a request without it costs no parsing and no ensemble;
4. the request body is capped **while it streams**: a ``Content-Length`` above the cap is
   refused at once, and a body without one (``Transfer-Encoding: chunked``) is counted chunk
   by chunk and refused (413) as soon as it passes the cap. The body is buffered up to the cap
   and handed to the route only when complete, so no route ever parses an oversized body.

Responses get ``nosniff``, ``no-referrer`` and ``DENY`` framing headers, optionally
``Server-Timing``; a valid ``?token=`` sets the HttpOnly token cookie. Refusals are JSON
under ``/api``, an HTML fragment for htmx requests, a small HTML page otherwise.
"""

from __future__ import annotations

import html
import json
import time
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from realpolitik.web.config import TOKEN_COOKIE, WebConfig, supplied_token

__all__ = ["RequestGuard", "refusal"]

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
        problem = self._check(method, path, headers, scope)
        if problem is not None:
            await self._refuse(send, path, headers, *problem)
            return
        if method in ("POST", "PUT", "PATCH", "DELETE"):
            try:
                receive = await self._buffer(headers, receive)
            except _TooLarge:
                cap = self.config.max_upload_bytes
                await self._refuse(
                    send, path, headers, 413,
                    f"request body larger than the limit of {cap:,} bytes "
                    f"({cap / 1e6:.1f} MB): upload a smaller file or split the text",
                )  # fmt: skip
                return
        await self.app(scope, receive, self._wrap_send(send, scope, headers, t0))

    def _check(
        self, method: str, path: str, headers: dict[str, str], scope: Scope
    ) -> tuple[int, str] | None:
        cfg = self.config
        host = headers.get("host", "")
        if not cfg.host_allowed(host):
            return 400, (
                f"host {host!r} is not served here (allowed: {', '.join(cfg.allowed_hosts)}; "
                "start the server with --allow-host NAME)"
            )
        if method not in ("GET", "HEAD", "OPTIONS"):
            origin = headers.get("origin")
            if origin and origin != "null" and urlsplit(origin).netloc != host:
                return 403, "cross-origin write refused"
        if cfg.token and cfg.needs_token(method, path):
            query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
            cookies = {k: m.value for k, m in SimpleCookie(headers.get("cookie", "")).items()}
            if not cfg.token_ok(supplied_token(headers, cookies, query)):
                return 401, (
                    "this page or endpoint needs the access token: open the dashboard once as "
                    "/?token=TOKEN, or send the X-Realpolitik-Token header"
                )
        return None

    async def _buffer(self, headers: dict[str, str], receive: Receive) -> Receive:
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

        return replay

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
                    *self._security_headers(),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    @staticmethod
    def _security_headers() -> list[tuple[bytes, bytes]]:
        return [
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
        ]

    def _wrap_send(self, send: Send, scope: Scope, headers: dict[str, str], t0: float) -> Send:
        cfg = self.config
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        set_cookie = bool(cfg.token and query.get("token") and cfg.token_ok(query["token"]))

        async def wrapped(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                extra = self._security_headers()
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

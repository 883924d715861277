"""Settings of one dashboard instance, and the access-token check every guard shares.

:class:`WebConfig` is built once by :func:`realpolitik.web.app.create_app` and read by the
request guard (:mod:`realpolitik.web.guard`) and the routers' dependencies
(:mod:`realpolitik.web.deps`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "CSRF_FIELD",
    "CSRF_HEADER",
    "DEFAULT_ALLOWED_HOSTS",
    "DEFAULT_MAX_UPLOAD_BYTES",
    "EXPENSIVE_GET_PREFIXES",
    "MAX_API_MEMBERS",
    "SESSION_COOKIE",
    "TOKEN_COOKIE",
    "WebConfig",
    "host_name",
    "host_pattern",
    "supplied_token",
]

DEFAULT_MAX_UPLOAD_BYTES = 2_000_000
"""Largest accepted ingest text (bytes)."""

MAX_API_MEMBERS = 5_000
"""Largest ensemble one request may ask for."""

TOKEN_COOKIE = "rp_token"
"""Cookie holding the access token (set by opening any page once with ``?token=...``)."""

SESSION_COOKIE = "rp_session"
"""Cookie holding the browser session id the CSRF token is bound to (HttpOnly, SameSite)."""

CSRF_FIELD = "csrf_token"
"""Form field carrying the CSRF token (pages put it in every form)."""

CSRF_HEADER = "x-csrf-token"
"""Header carrying the CSRF token (``static/app.js`` adds it to every htmx request)."""

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
"""The policy of every page: scripts, styles and fetches from this server only, no inline
script or style, no framing. ``/docs`` (Swagger UI sets inline styles) allows inline
style, ``/report.html`` (one self-contained file) inline style and ``data:`` images only."""

DEFAULT_ALLOWED_HOSTS: tuple[str, ...] = ("127.0.0.1", "localhost", "::1")
"""Host names accepted in the ``Host`` header by default (loopback only)."""

EXPENSIVE_GET_PREFIXES: tuple[str, ...] = (
    "/api/perspectives",
    "/perspectives",
    "/report.html",
    "/lab",
)
"""Reading paths that run ensembles or build the report: they need the token like writes."""

MULTIPART_OVERHEAD = 64_000
"""Bytes allowed on top of ``max_upload_bytes`` for form fields, boundaries and headers."""


def host_pattern(name: str) -> str:
    """``name`` as Starlette's ``TrustedHostMiddleware`` compares it (IPv6 in brackets).

    Examples
    --------
    >>> host_pattern("::1"), host_pattern("LocalHost"), host_pattern("*")
    ('[::1]', 'localhost', '*')
    """
    h = name.strip().lower()
    return f"[{h}]" if ":" in h and not h.startswith("[") else h


def host_name(host_header: str) -> str:
    """The host part of a ``Host`` header, lower-cased, without port or IPv6 brackets.

    Examples
    --------
    >>> host_name("LocalHost:8000"), host_name("[::1]:80"), host_name("127.0.0.1")
    ('localhost', '::1', '127.0.0.1')
    """
    h = host_header.strip().lower()
    if h.startswith("["):
        return h[1:].split("]", 1)[0]
    if h.count(":") == 1:
        h = h.split(":", 1)[0]
    return h


def supplied_token(
    headers: Mapping[str, str], cookies: Mapping[str, str], query: Mapping[str, str]
) -> str:
    """The token a request carries: ``X-Realpolitik-Token``, ``Authorization: Bearer``, the
    ``rp_token`` cookie or a ``token`` query parameter (first found).

    Examples
    --------
    >>> supplied_token({"authorization": "Bearer abc"}, {}, {})
    'abc'
    >>> supplied_token({}, {"rp_token": "c"}, {"token": "q"})
    'c'
    """
    tok = headers.get("x-realpolitik-token", "")
    auth = headers.get("authorization", "")
    if not tok and auth.lower().startswith("bearer "):
        tok = auth[7:].strip()
    return tok or cookies.get(TOKEN_COOKIE, "") or query.get("token", "")


@dataclass(frozen=True)
class WebConfig:
    """What one app instance allows.

    Parameters
    ----------
    token : str, optional
        Access token of writes and expensive reads (``None``: none needed; loopback only).
    max_upload_bytes : int
        Largest ingest text; request bodies are cut off at this plus a small overhead.
    max_members : int
        Largest ensemble one request may ask for.
    allowed_hosts : tuple of str
        Accepted ``Host`` names (``"*"`` accepts any: only behind a proxy that checks it).
    timing : bool
        Add a ``Server-Timing`` header (benchmarks).
    lab_first_wait_s : float
        How long starting a lab run waits for it to finish before answering with a progress
        fragment (a short run then shows at once, without polling).
    lab_poll_wait_s : float
        How long a progress poll waits for the run to finish before answering (long poll:
        the result shows as soon as it exists, not at the next poll).
    """

    token: str | None = None
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    max_members: int = MAX_API_MEMBERS
    allowed_hosts: tuple[str, ...] = DEFAULT_ALLOWED_HOSTS
    timing: bool = False
    lab_first_wait_s: float = 0.6
    lab_poll_wait_s: float = 0.5
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)
    """Key of the CSRF tokens (new at each start: a page opened before a restart reloads)."""

    def csrf_for(self, session: str) -> str:
        """The CSRF token bound to browser session ``session``.

        Examples
        --------
        >>> c = WebConfig(secret=b"k")
        >>> c.csrf_for("a") == c.csrf_for("a") != c.csrf_for("b")
        True
        """
        return hmac.new(self.secret, session.encode(), hashlib.sha256).hexdigest()

    def csrf_ok(self, session: str, supplied: str) -> bool:
        """Whether ``supplied`` is the CSRF token of ``session`` (never for no session)."""
        if not session or not supplied:
            return False
        return hmac.compare_digest(self.csrf_for(session).encode(), supplied.encode())

    @property
    def host_patterns(self) -> list[str]:
        """The allowed hosts as ``TrustedHostMiddleware`` patterns."""
        return [host_pattern(h) for h in self.allowed_hosts]

    @property
    def max_body_bytes(self) -> int:
        """Largest request body accepted (upload limit plus form overhead)."""
        return self.max_upload_bytes + MULTIPART_OVERHEAD

    def token_ok(self, supplied: str) -> bool:
        """Whether ``supplied`` is the access token (always true when the app has none)."""
        if not self.token:
            return True
        return bool(supplied) and hmac.compare_digest(supplied.encode(), self.token.encode())

    @staticmethod
    def needs_token(method: str, path: str) -> bool:
        """Whether a request must carry the token (when the app has one): every write and the
        expensive reads (:data:`EXPENSIVE_GET_PREFIXES`; polling a lab run is cheap).

        Examples
        --------
        >>> WebConfig.needs_token("GET", "/"), WebConfig.needs_token("POST", "/api/whatif")
        (False, True)
        >>> WebConfig.needs_token("GET", "/lab"), WebConfig.needs_token("GET", "/lab/run/ab12")
        (True, False)
        """
        if method not in ("GET", "HEAD", "OPTIONS"):
            return True
        if path.startswith("/lab/run/"):
            return False
        return any(path == p or path.startswith(p + "/") or path.startswith(p + "?")
                   for p in EXPENSIVE_GET_PREFIXES)  # fmt: skip

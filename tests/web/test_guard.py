"""The request guard and the server's limits: chunked bodies, Host header, the token on
expensive reads, bounded ensembles, one bounded cache, error pages."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from tests.web.conftest import TESTCLIENT_WARNING, serve

pytestmark = pytest.mark.filterwarnings(TESTCLIENT_WARNING)

EXPENSIVE = ["/api/perspectives", "/perspectives", "/report.html", "/lab"]


def test_chunked_body_without_length_is_refused(make_client: Any) -> None:
    """No Content-Length (chunked): counted as it arrives. (TestClient reads the whole body
    before the app sees it; the live-server test below checks that reading stops early.)"""
    c = make_client(max_upload_bytes=1000)

    def body() -> Iterator[bytes]:
        for _ in range(2_000):
            yield b"x" * 1000

    r = c.post("/api/ingest", content=body(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413
    assert "limit" in r.json()["detail"]
    small = c.post("/api/ingest", content=iter([b'{"text": "Japan and China met."}']),
                   headers={"Content-Type": "application/json"})  # fmt: skip
    assert small.status_code == 200, small.text


@pytest.fixture()
def live(analysis: Any, tmp_path: Any) -> Iterator[int]:
    from realpolitik.web.app import create_app

    app = create_app(f"sqlite:///{tmp_path / 's.sqlite'}", "tok", analysis=analysis,
                     max_upload_bytes=1000)  # fmt: skip
    with serve(app) as port:
        yield port


def _raw(port: int, head: bytes, chunks: Iterator[bytes]) -> tuple[int, int]:
    """Send a raw request; returns (status, bytes of body sent before the answer)."""
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(head)
        s.setblocking(False)
        data = b""
        for ch in chunks:
            try:
                s.sendall(b"%x\r\n%s\r\n" % (len(ch), ch))
                sent += len(ch)
            except (BlockingIOError, BrokenPipeError, ConnectionResetError):
                break
            with contextlib.suppress(BlockingIOError):
                data += s.recv(4096)
            if data:
                break
        s.setblocking(True)
        while b"\r\n" not in data:
            more = s.recv(4096)
            if not more:
                break
            data += more
    return int(data.split(b" ")[1]), sent


def test_chunked_body_on_a_live_server(live: int) -> None:
    head = (
        b"POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Realpolitik-Token: tok\r\n"
        b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    status, sent = _raw(live, head, (b"y" * 4096 for _ in range(5000)))
    assert status == 413
    assert sent < 5_000_000, "answered long before the 20 MB body ended"
    # Without the token the body is never read: refused at once.
    head = head.replace(b"X-Realpolitik-Token: tok\r\n", b"")
    status, sent = _raw(live, head, (b"y" * 4096 for _ in range(5000)))
    assert status == 401


def test_host_allow_list(make_client: Any, analysis: Any) -> None:
    from fastapi.testclient import TestClient

    c = make_client()
    assert c.get("/api/health").status_code == 200
    for host in ("evil.example", "attacker.test:8000", "127.0.0.1.nip.io"):
        r = c.get("/api/health", headers={"Host": host})
        assert r.status_code == 400, host  # Starlette's TrustedHostMiddleware
    assert c.get("/", headers={"Host": "127.0.0.1:8000"}).status_code == 200
    assert c.get("/api/health", headers={"Host": "[::1]:8000"}).status_code == 200
    assert c.get("/", headers={"Host": "evil.example"}).status_code == 400
    custom = make_client(allowed_hosts=("dash.example.org",), csrf=False)
    assert custom.get("/api/health", headers={"Host": "dash.example.org"}).status_code == 200
    assert custom.get("/api/health").status_code == 400, "localhost not in this list"
    assert isinstance(TestClient, type)


def test_token_on_expensive_reads(make_client: Any) -> None:
    c = make_client(token="s3cret")
    for path in EXPENSIVE:
        r = c.get(path)
        assert r.status_code == 401, path
    assert "access token" in c.get("/report.html").text
    ok = {"X-Realpolitik-Token": "s3cret"}
    assert c.get("/report.html", headers=ok).status_code == 200
    assert c.get("/lab", headers=ok).status_code == 200
    assert c.get("/api/perspectives?members=20", headers=ok).status_code in (200, 404)
    for path in ("/", "/claims", "/network", "/api/overview", "/sources"):
        assert c.get(path).status_code == 200, f"{path} is cheap: no token"
    tokenless = make_client()
    assert tokenless.get("/report.html").status_code == 200, "no token set: open on loopback"


def test_members_are_bounded(make_client: Any) -> None:
    c = make_client(max_members=300)
    assert c.post("/api/whatif", json={"members": 400}).status_code == 422
    assert c.get("/api/perspectives?members=400").status_code == 422
    r = c.post("/lab/run", data={"members": "400"}, headers={"HX-Request": "true"})
    assert "between 10 and 300" in r.text


def test_report_is_cached_per_analysis(make_client: Any) -> None:
    c = make_client()
    t0 = time.perf_counter()
    first = c.get("/report.html").text
    t1 = time.perf_counter()
    again = c.get("/report.html").text
    t2 = time.perf_counter()
    assert first == again
    assert (t2 - t1) < (t1 - t0) / 5, "the second open is served from the cache"
    keys = c.app.state.rp.cache.entries()
    assert sum(1 for k in keys if k[0] == "report") == 1


def test_unknown_ids_give_html_pages(make_client: Any) -> None:
    c = make_client()
    paths = ["/documents/987654", "/seeds/no-such-source", "/lab/run/nope",
             "/fragments/relation/nope", "/fragments/pair/AAA/BBB", "/no/such/page"]  # fmt: skip
    for path in paths:
        r = c.get(path)
        assert r.status_code == 404, path
        assert r.headers["content-type"].startswith("text/html"), path
        assert 'role="alert"' in r.text, path
    r = c.get("/documents/not-a-number")
    assert r.status_code == 422 and "<html" in r.text
    assert c.get("/api/documents/987654").json() == {"detail": "no document 987654"}
    frag = c.get("/documents/987654", headers={"HX-Request": "true"})
    assert frag.text.startswith('<p class="error"'), "htmx gets a fragment, not a page"


def test_swagger_ui_is_local(make_client: Any) -> None:
    c = make_client()
    html = c.get("/docs").text
    assert "/static/vendor/swagger-ui-bundle.js" in html and "/static/vendor/swagger-ui.css" in html
    assert "cdn" not in html.lower() and "https://" not in html
    assert c.get("/static/vendor/swagger-ui-bundle.js").status_code == 200
    assert c.get("/static/vendor/swagger-ui.css").status_code == 200
    assert c.get("/redoc").status_code == 404, "ReDoc would load from a CDN: not served"


def test_lru_cache_is_bounded_and_computes_once() -> None:
    from realpolitik.web.cache import LRUCache

    c = LRUCache(3)
    calls: list[int] = []

    def slow(i: int) -> int:
        calls.append(i)
        time.sleep(0.05)
        return i

    threads = [threading.Thread(target=c.get_or_compute, args=("k", lambda: slow(1)))
               for _ in range(4)]  # fmt: skip
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == [1], "four concurrent requests, one computation"
    for i in range(10):
        c.get_or_compute(i, lambda i=i: i)  # type: ignore[misc]
    assert len(c) == 3 and c.entries() == [7, 8, 9]


def test_server_error_is_a_readable_message(make_client: Any, monkeypatch: Any) -> None:
    from fastapi.testclient import TestClient
    from tests.web.conftest import BASE_URL

    from realpolitik.web.state import WebState

    c = make_client()

    def broken(self: Any) -> Any:
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(WebState, "extractor", property(broken))
    quiet = TestClient(c.app, base_url=BASE_URL, raise_server_exceptions=False)
    hx = {"HX-Request": "true", "X-CSRF-Token": c.headers["X-CSRF-Token"]}
    quiet.cookies = c.cookies
    r = quiet.post("/ingest", data={"text": "Japan met China."}, headers=hx)
    assert r.status_code == 500
    assert r.text.startswith('<p class="error" role="alert"') and "server error" in r.text
    api = quiet.post("/api/ingest", json={"text": "Japan met China."})
    assert api.status_code == 500 and "server error" in api.json()["detail"]


def test_background_runs_are_bounded(make_client: Any) -> None:
    from realpolitik.web.state import MAX_PENDING

    c = make_client()
    body = {"levers": [{"id": "rcep_expansion"}], "members": 3000}
    codes = [c.post("/api/runs", json=body).status_code for _ in range(MAX_PENDING + 2)]
    assert 429 in codes, codes
    assert codes[0] == 202
    assert codes.count(202) <= MAX_PENDING + 1, "at most MAX_PENDING waiting at once"

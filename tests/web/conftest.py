"""Fixtures of the web tests: one small analysis shared by every app built here, and the
store-backed clients on SQLite and on PostgreSQL.

PostgreSQL comes from ``REALPOLITIK_TEST_PG_URL`` through the root ``db_url`` fixture: locally
a missing server skips the PostgreSQL half with a message; under ``CI=true`` it fails.
Nothing heavy runs at import time: analyses are session fixtures.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from realpolitik.report.analysis import Analysis, analyse

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"
BASE_URL = "http://localhost"
"""TestClients speak to a loopback host name (the Host allow-list refuses ``testserver``)."""
TESTCLIENT_WARNING = "ignore:Using `httpx` with `starlette.testclient`"
"""Starlette's TestClient warns about its httpx backend; harmless for these tests."""

HOSTILE = (
    "Seoul and Tokyo signed a defence pact on Monday, officials said.\n"
    '<script>document.title="pwned";window.__pwned=1</script>\n'
    "China criticised Japan and South Korea for the agreement. "
    '<img src=x onerror="window.__pwned=2"> The ministers met again in Beijing.'
)
"""An article carrying markup that must render as text, never run."""


@pytest.fixture(scope="session")
def analysis() -> Analysis:
    """Baseline and claim scenarios with a small ensemble (a few seconds, once)."""
    return analyse(members=200)


@pytest.fixture(scope="session")
def seeds() -> Path | None:
    """The seed articles folder, when ../shared is present."""
    return SEEDS if SEEDS.is_dir() else None


@pytest.fixture()
def store_url(db_url: str) -> str:
    """A fresh, empty evidence store URL: the root ``db_url`` (SQLite, or PostgreSQL emptied)."""
    return db_url


def free_port() -> int:
    """A loopback TCP port free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serve(app: Any, **config: Any) -> Iterator[int]:
    """Run ``app`` under uvicorn on a free loopback port in a thread; yield the port."""
    import uvicorn

    srv = uvicorn.Server(uvicorn.Config(app, port=free_port(), log_level="warning", **config))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    try:
        yield int(srv.config.port)
    finally:
        srv.should_exit = True
        t.join(timeout=10)


def csrf_of(client: Any) -> str:
    """The CSRF token of ``client``'s browser session, read from a page's ``<meta>`` (the
    client keeps the session cookie the page sets)."""
    import re

    page = client.get("/ingest").text
    m = re.search(r'<meta name="csrf-token" content="([0-9a-f]+)">', page)
    assert m, "every page carries the session's CSRF token"
    return m.group(1)


@pytest.fixture()
def make_client(analysis: Analysis, seeds: Path | None, tmp_path: Path) -> Iterator[Any]:
    """A factory of TestClients over fresh apps (own SQLite store in tmp_path unless ``db``)."""
    from fastapi.testclient import TestClient

    from realpolitik.web.app import create_app

    clients: list[TestClient] = []

    def make(
        token: str | None = None, db: str | None = None, csrf: bool = True, **kw: Any
    ) -> TestClient:
        db = db or f"sqlite:///{tmp_path / f'store{len(clients)}.sqlite'}"
        kw.setdefault("precompute", False)  # the analysis is given; start-up tests set it
        app = create_app(db, token, analysis=analysis, seeds_dir=seeds, **kw)
        c = TestClient(app, base_url=BASE_URL)
        c.__enter__()
        clients.append(c)
        if csrf:  # behave like the pages' script: the session's CSRF token on every request
            c.headers["X-CSRF-Token"] = csrf_of(c)
        return c

    yield make
    for c in clients:
        c.__exit__(None, None, None)


@pytest.fixture()
def store_client(make_client: Any, store_url: str) -> Any:
    """A TestClient whose evidence store is SQLite or PostgreSQL (parametrised)."""
    return make_client(db=store_url)


CHROMIUM = os.environ.get("REALPOLITIK_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
"""Chromium (from apt, never a downloaded browser) and its flags for the browser tests."""


def _need_browser() -> None:
    if Path(CHROMIUM).is_file() and shutil.which(CHROMIUM):
        return
    msg = f"chromium not found at {CHROMIUM} (apt-get install chromium; never playwright install)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(msg + " -- browser tests are required under CI")
    pytest.skip(msg)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()

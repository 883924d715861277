"""Fixtures of the web tests: one small analysis shared by every app built here, and the
store-backed clients on SQLite and on PostgreSQL.

PostgreSQL comes from ``REALPOLITIK_TEST_PG_URL`` as in ``tests/store/conftest.py``: locally
a missing server skips the PostgreSQL half with a message; under ``CI=true`` it fails.
Nothing heavy runs at import time: analyses are session fixtures.
"""

from __future__ import annotations

import os
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

_TABLES = ("stances", "figures", "claims", "events", "mentions", "sentences", "documents",
           "lenses", "alembic_version")  # fmt: skip


@pytest.fixture(scope="session")
def analysis() -> Analysis:
    """Baseline and claim scenarios with a small ensemble (a few seconds, once)."""
    return analyse(members=200)


@pytest.fixture(scope="session")
def seeds() -> Path | None:
    """The seed articles folder, when ../shared is present."""
    return SEEDS if SEEDS.is_dir() else None


def _pg_url() -> str:
    url = os.environ.get("REALPOLITIK_TEST_PG_URL", "")
    why = ""
    if not url:
        why = 'REALPOLITIK_TEST_PG_URL is not set (run: eval "$(bash scripts/pg-start.sh)")'
    else:
        import sqlalchemy as sa

        try:
            eng = sa.create_engine(url)
            with eng.connect() as conn:
                conn.execute(sa.text("select 1"))
            eng.dispose()
        except Exception as exc:  # any driver error means: no usable server
            why = f"PostgreSQL at {url} is unreachable: {exc.__class__.__name__}"
    if why:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true and PostgreSQL is required for the web store tests: {why}")
        pytest.skip(f"PostgreSQL tests skipped: {why}")
    return url


def _reset_pg(url: str) -> None:
    import sqlalchemy as sa

    eng = sa.create_engine(url)
    with eng.begin() as conn:
        for t in _TABLES:
            conn.execute(sa.text(f"DROP TABLE IF EXISTS {t} CASCADE"))
    eng.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty evidence store URL: a SQLite file, or the test PostgreSQL reset."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'evidence.sqlite'}"
        return
    url = _pg_url()
    _reset_pg(url)
    yield url
    _reset_pg(url)


@pytest.fixture()
def make_client(analysis: Analysis, seeds: Path | None, tmp_path: Path) -> Iterator[Any]:
    """A factory of TestClients over fresh apps (own SQLite store in tmp_path unless ``db``)."""
    from fastapi.testclient import TestClient

    from realpolitik.web.app import create_app

    clients: list[TestClient] = []

    def make(token: str | None = None, db: str | None = None, **kw: Any) -> TestClient:
        db = db or f"sqlite:///{tmp_path / f'store{len(clients)}.sqlite'}"
        app = create_app(db, token, analysis=analysis, seeds_dir=seeds, **kw)
        c = TestClient(app, base_url=BASE_URL)
        c.__enter__()
        clients.append(c)
        return c

    yield make
    for c in clients:
        c.__exit__(None, None, None)


@pytest.fixture()
def store_client(make_client: Any, store_url: str) -> Any:
    """A TestClient whose evidence store is SQLite or PostgreSQL (parametrised)."""
    return make_client(db=store_url)

"""Shared fixtures: paths to ../shared (skipping cleanly when it is absent), and ``db_url``.

``db_url`` runs a test on SQLite and on a real PostgreSQL server. PostgreSQL comes from
``REALPOLITIK_TEST_PG_URL`` (``scripts/test.sh`` starts a throwaway server with
``scripts/pg-start.sh``). Locally, a missing or unreachable server skips the PostgreSQL half with
a message; under ``CI=true`` it is a failure, so the suite cannot pass by skipping it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder beside the repository; skips the test when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent (seed articles and eval files live there)")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    """The five seed articles."""
    d = shared_dir / "seeds"
    if not d.is_dir():
        pytest.skip("../shared/seeds is absent")
    return d


def _pg_url() -> str:
    url = os.environ.get("REALPOLITIK_TEST_PG_URL", "")
    ci = os.environ.get("CI", "").lower() == "true"
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
        if ci:
            pytest.fail(f"CI=true and PostgreSQL is required for the store tests: {why}")
        pytest.skip(f"PostgreSQL tests skipped: {why}")
    return url


def drop_every_table(url: str) -> None:
    """Drop every table the database holds (read from the database itself, not from our
    schema, so a table added later, or left by another test, cannot leak rows between tests)."""
    import sqlalchemy as sa

    eng = sa.create_engine(url)
    with eng.begin() as conn:
        meta = sa.MetaData()
        meta.reflect(conn)
        meta.drop_all(conn)
    eng.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL: a SQLite file, or the test PostgreSQL database emptied."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'evidence.sqlite'}"
        return
    url = _pg_url()
    drop_every_table(url)
    yield url
    drop_every_table(url)

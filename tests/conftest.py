"""Shared fixtures: paths to ../shared (skipping cleanly when it is absent), and ``db_url``.

``db_url`` runs a test on SQLite and on a real PostgreSQL server. PostgreSQL comes from
``REALPOLITIK_TEST_PG_URL`` (``scripts/test.sh`` starts a throwaway server with
``scripts/pg-start.sh``). Locally, a missing or unreachable server skips the PostgreSQL half with
a message; under ``CI=true`` it is a failure, so the suite cannot pass by skipping it.

Under ``CI=true`` no test may skip: every skip (a missing ``../shared`` file, the trained parser,
PostgreSQL, chromium, wherever the skip is raised) is turned into a failure by
:func:`pytest_runtest_makereport`, so the run fails instead of passing without them. The one
exception is a skip whose reason starts with ``"not run:"`` (:data:`NOT_RUN`): an optional
extra that is documented as not installed by default, listed by ``-ra`` in the summary.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CI = os.environ.get("CI", "").lower() == "true"
NOT_RUN = "not run:"


def _skip_reason(report: Any) -> str:
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    return str(reason).removeprefix("Skipped: ")


def _fail_skip_under_ci(report: Any) -> None:
    """Turn a skip into a failure under ``CI=true`` unless it is an optional "not run" one."""
    if not (CI and report.skipped) or hasattr(report, "wasxfail"):
        return
    reason = _skip_reason(report)
    if reason.startswith(NOT_RUN):
        return
    report.outcome = "failed"
    report.longrepr = (
        f"CI=true: this test may not skip ({reason}). Install or provide what it needs "
        "(scripts/test.sh sets up the parser, PostgreSQL and chromium; ../shared sits "
        "beside the clone)."
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Under ``CI=true``, a skipped test fails (see the module docstring)."""
    outcome = yield
    _fail_skip_under_ci(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Any:
    """Under ``CI=true``, a module skipped at collection fails too."""
    outcome = yield
    _fail_skip_under_ci(outcome.get_result())


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


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    """Close every pyplot figure a test left open (past 20 matplotlib warns, which is an error
    here). The package draws without pyplot (``realpolitik._figure``); a library it calls may not.
    A server thread can be importing pyplot at teardown, so only a fully imported one is used."""
    yield
    import sys

    close = getattr(sys.modules.get("matplotlib.pyplot"), "close", None)
    if close is not None:
        close("all")

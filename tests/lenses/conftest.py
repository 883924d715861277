"""Fixtures for the lens tests: a synthetic article of our own and a seed-article store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from realpolitik.data import load_dataset
from realpolitik.model.dataset import Dataset
from realpolitik.store import Store, open_store

# Our own text (not from any outside source): one hostile act between two treaty allies.
HOSTILE_SENTENCE = (
    "The United States imposed sanctions on Japan on Monday after a dispute over troop costs."
)
HOSTILE_ARTICLE = (
    "Allies at odds\n\n"
    + HOSTILE_SENTENCE
    + "\nOfficials in Tokyo said the talks would continue next month.\n"
)


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load_dataset()


@pytest.fixture()
def hostile_sentence() -> str:
    """The one hostile sentence of the synthetic article."""
    return HOSTILE_SENTENCE


@pytest.fixture()
def hostile_store(tmp_path: Path, db_url: str) -> Iterator[tuple[Store, Path]]:
    """A store holding only the synthetic article (on SQLite and on PostgreSQL)."""
    from realpolitik.ingest.pipeline import ingest

    art = tmp_path / "allies_at_odds.txt"
    art.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    store = open_store(db_url)
    report = ingest([str(art)], store)
    assert report.documents == 1
    yield store, art
    store.close()


@pytest.fixture(scope="module")
def seed_store(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The five seed articles ingested into a temporary SQLite store."""
    from realpolitik.ingest.pipeline import ingest

    db = tmp_path_factory.mktemp("lens_seeds") / "seeds.sqlite"
    store = open_store(f"sqlite:///{db}")
    ingest(sorted(str(p) for p in seeds_dir.glob("*.txt")), store)
    yield store
    store.close()

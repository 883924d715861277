"""The since/until filters compare real dates, alike on SQLite and PostgreSQL (no collation).

Constructed case: one document per date text, each with one event on its own dyad; the dyads
that :func:`dyad_tone` returns tell which documents a filter kept.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from realpolitik.errors import InputError
from realpolitik.model.dates import period_bounds, period_start, within
from realpolitik.store import open_store
from realpolitik.store.queries import dyad_tone
from realpolitik.store.schema import DocumentRow, EventRow, SentenceRow

DATES = ["2024-12-31", "2025", "2025-03", "2025-03-24", "2025-04-01", ""]


def _fill(url: str) -> None:
    store = open_store(url)
    try:
        with store.session() as s:
            for k, text in enumerate(DATES):
                doc = DocumentRow(
                    content_hash=f"h{k}",
                    date=text,
                    day=period_start(text),
                    text="x",
                    extractor_version="t",
                )
                s.add(doc)
                s.flush()
                sent = SentenceRow(document_id=doc.id, idx=0, start=0, end=1, text="x")
                s.add(sent)
                s.flush()
                s.add(
                    EventRow(
                        document_id=doc.id,
                        sentence_id=sent.id,
                        start=0,
                        end=1,
                        extractor_version="t",
                        source_actor=f"A{k}",
                        target_actor="ZZZ",
                        goldstein=5.0,
                        confidence=1.0,
                        mode="actual",
                        date=text,
                    )
                )
    finally:
        store.close()


def _kept(url: str, since: str | None, until: str | None) -> list[str]:
    store = open_store(url)
    try:
        tone = dyad_tone(store, since=since, until=until)
    finally:
        store.close()
    return [DATES[int(a[1:])] for a, _ in sorted(tone)]


@pytest.mark.parametrize(
    ("since", "until", "kept"),
    [
        ("2025-03", "2025-03", ["2025-03", "2025-03-24"]),
        (None, "2025", ["2024-12-31", "2025", "2025-03", "2025-03-24", "2025-04-01"]),
        ("2025", None, ["2025", "2025-03", "2025-03-24", "2025-04-01"]),
        ("2025-03-24", "2025-03-24", ["2025-03-24"]),
        (None, "2024", ["2024-12-31"]),
        (None, None, ["2024-12-31", "2025", "2025-03", "2025-03-24", "2025-04-01", ""]),
    ],
)
def test_date_filters_on_both_backends(
    db_url: str, since: str | None, until: str | None, kept: list[str]
) -> None:
    _fill(db_url)
    assert _kept(db_url, since, until) == kept
    # the lenses' in-Python document filter applies the same rule
    assert [d for d in DATES if within(d, since or "", until or "")] == kept


def test_a_malformed_filter_date_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="since"):
        dyad_tone(open_store(f"sqlite:///{tmp_path / 'e.sqlite'}"), since="March 2025")


@given(st.dates(), st.sampled_from([4, 7, 10]))
def test_a_period_contains_every_date_it_is_a_prefix_of(day: object, width: int) -> None:
    text = str(day)
    first, last = period_bounds(text[:width])
    assert first <= day <= last  # type: ignore[operator]
    assert period_bounds(text) == (day, day)


def test_migration_0003_fills_day_from_existing_dates(tmp_path: Path) -> None:
    """A store written at revision 0002 (no ``day``) gets ``day`` filled on upgrade."""
    from alembic import command
    from alembic.config import Config

    import realpolitik.store

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    cfg = Config()
    cfg.set_main_option(
        "script_location", str(Path(realpolitik.store.__file__).parent / "migrations")
    )
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        conn.execute(
            sa.text(
                "INSERT INTO documents (content_hash, source, title, outlet, author, url, date,"
                " format, text, furniture, n_sentences, n_mentions, n_events, n_claims,"
                " n_figures, extractor_version, ingested_at) VALUES"
                " ('a', '', '', '', '', '', '2025-03', 'txt', 'x', '[]', 0, 0, 0, 0, 0, 't', ''),"
                " ('b', '', '', '', '', '', '', 'txt', 'x', '[]', 0, 0, 0, 0, 0, 't', '')"
            )
        )
    engine.dispose()
    store = open_store(url)
    try:
        with store.sessions() as s:
            days = dict(s.execute(sa.select(DocumentRow.content_hash, DocumentRow.day)).all())
    finally:
        store.close()
    assert days == {"a": period_start("2025-03"), "b": None}

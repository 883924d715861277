"""Dated documents: precedence option > manifest > metadata > text, folders, the report."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from realpolitik.errors import InputError
from realpolitik.ingest.dates import DATE_SOURCES, load_manifest, normalise_date, resolve_date
from realpolitik.ingest.pipeline import ingest
from realpolitik.ingest.readers import read_sources
from realpolitik.store import open_store
from realpolitik.store.schema import DocumentRow

DATES = st.dates(date(1900, 1, 1), date(2099, 12, 31)).map(lambda d: d.isoformat())


@settings(deadline=None, max_examples=60)
@given(
    option=st.one_of(st.just(""), DATES),
    manifest=st.one_of(st.just(""), DATES),
    metadata=st.one_of(st.just(""), DATES),
    text=st.one_of(st.just(""), DATES.map(lambda d: f"Published: {d}\nBody.")),
)
def test_precedence_is_option_manifest_metadata_text(
    option: str, manifest: str, metadata: str, text: str
) -> None:
    got = resolve_date(option=option, manifest=manifest, metadata=metadata, text=text)
    given_values = {"option": option, "manifest": manifest, "metadata": metadata, "text": text}
    first = next((k for k in DATE_SOURCES[:4] if given_values[k]), "unknown")
    assert got.source == first
    if first == "text":
        assert got.date == text[len("Published: ") : len("Published: ") + 10]
    elif first != "unknown":
        assert got.date == given_values[first]
    else:
        assert got.date is None


def test_text_dates_must_state_their_year() -> None:
    assert normalise_date("Tuesday (April 19)") is None
    assert resolve_date(text="WASHINGTON, April 11 (AP) - Talks.").source == "unknown"
    assert resolve_date(text="SEOUL, 3 March 2023 - Talks.").date == "2023-03-03"


def test_bad_option_date_is_an_input_error() -> None:
    with pytest.raises(InputError, match="--date"):
        resolve_date(option="next tuesday-ish")


def _folder(tmp_path: Path) -> Path:
    d = tmp_path / "articles"
    d.mkdir()
    (d / "a1.txt").write_text("Manila accused Beijing of ramming a boat.", encoding="utf-8")
    (d / "a2.txt").write_text(
        "Published: 4 May 2024\nTokyo and Seoul signed a defence accord.", encoding="utf-8"
    )
    (d / "a3.txt").write_text("Canberra praised Beijing for lifting tariffs.", encoding="utf-8")
    (d / "README.md").write_text("# About these articles\nChina and Japan.", encoding="utf-8")
    (d / "manifest.json").write_text(
        json.dumps([{"file": "a1.txt", "date": "2023-08-05", "outlet": "example.org"}]),
        encoding="utf-8",
    )
    return d


def test_folder_reads_articles_only_and_the_manifest(tmp_path: Path) -> None:
    d = _folder(tmp_path)
    docs = list(read_sources([str(d)]))
    names = sorted(Path(x.source).name for x in docs)
    assert names == ["a1.txt", "a2.txt", "a3.txt"]
    a1 = next(x for x in docs if x.source.endswith("a1.txt"))
    assert (a1.date, a1.date_source, a1.outlet) == ("2023-08-05", "manifest", "example.org")


def test_ingest_reports_every_date_and_its_source(tmp_path: Path) -> None:
    d = _folder(tmp_path)
    store = open_store(f"sqlite:///{tmp_path / 'ev.sqlite'}")
    report = ingest([str(d)], store)
    detail = {
        Path(x["source"]).name: (x["date"], x["date_source"]) for x in report.documents_detail
    }
    assert detail == {
        "a1.txt": ("2023-08-05", "manifest"),
        "a2.txt": ("2024-05-04", "text"),
        "a3.txt": (None, "unknown"),
    }
    assert [Path(s).name for s in report.undated] == ["a3.txt"]
    with store.sessions() as s:
        rows = {r.source.rsplit("/", 1)[-1]: (r.day, r.date_source) for r in s.query(DocumentRow)}
    assert rows["a3.txt"] == (None, "unknown")
    store.close()


def test_date_option_wins_over_the_manifest(tmp_path: Path) -> None:
    d = _folder(tmp_path)
    store = open_store("sqlite://")
    report = ingest([str(d)], store, date="2020-01-02")
    assert {(x["date"], x["date_source"]) for x in report.documents_detail} == {
        ("2020-01-02", "option")
    }
    store.close()


def test_a_bad_manifest_is_named(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text('[{"file": "x.txt", "date": "soon"}]')
    with pytest.raises(InputError, match=r"manifest.json: entry 1 \(x.txt\)"):
        load_manifest(tmp_path)

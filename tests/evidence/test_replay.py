"""Replay of ../shared/eval/stream in date order: the series show what the record shows.

Each check reads the pair's counted (deduplicated) events inside a documented window and
compares their confidence-weighted tone (Goldstein / 10) with zero; nothing here was tuned to
the stream (the windows are the issue's, the weights and half-life are the module defaults):

* Japan-South Korea warming from March 2023: window 2023-03-01 .. 2025-06-30, tone > 0;
* China-Philippines hostile at sea through 2023-24: window 2023-01-01 .. 2024-12-31, tone < 0;
* Russia-North Korea moving together in 2023-24: window 2023-01-01 .. 2024-12-31, tone > 0;
* China-Australia thawing from late 2022: window 2022-11-01 .. 2025-06-30, tone > 0;
* US-China escalating over tariffs in April 2025: window 2025-04-01 .. 2025-04-30, tone < 0,
  and the decayed state at 2025-04-30 below the state at 2025-03-31.

The stream is third-party text: it is read from ../shared, never copied.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from realpolitik.evidence.series import EvidenceEvent, deduplicate, pair_states
from realpolitik.evidence.store import load_events, refresh_series
from realpolitik.ingest.pipeline import default_extractor, ingest
from realpolitik.store import open_store


@pytest.fixture(scope="module")
def stream_events(tmp_path_factory: pytest.TempPathFactory) -> list[EvidenceEvent]:
    from tests.conftest import SHARED

    folder = SHARED / "eval" / "stream"
    if not folder.is_dir():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true and ../shared/eval/stream is absent")
        pytest.skip("../shared/eval/stream is absent")
    from realpolitik.errors import MissingDependencyError

    try:
        extractor = default_extractor(parser=True)
    except MissingDependencyError as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true and the parser is missing: {exc}")
        pytest.skip(str(exc))
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    files = [str(folder / m["file"]) for m in sorted(manifest, key=lambda m: m["date"])]
    db = tmp_path_factory.mktemp("replay") / "stream.sqlite"
    store = open_store(f"sqlite:///{db}")
    report = ingest(files, store, extractor=extractor)
    assert report.documents == len(manifest) and not report.undated
    assert refresh_series(store) > 0
    events = load_events(store)
    store.close()
    return events


def _window_tone(events: list[EvidenceEvent], a: str, b: str, start: str, end: str) -> float:
    lo, hi = date.fromisoformat(start), date.fromisoformat(end)
    pair = (a, b) if a <= b else (b, a)
    counted = deduplicate(e for e in events if e.pair == pair and lo <= e.day <= hi)
    total = sum(c.event.weight for c in counted)
    assert total > 0, f"no {a}-{b} events between {start} and {end}"
    return sum(c.event.weight * c.event.tone for c in counted) / total


@pytest.mark.parametrize(
    ("a", "b", "start", "end", "sign"),
    [
        ("JPN", "KOR", "2023-03-01", "2025-06-30", +1),
        ("CHN", "PHL", "2023-01-01", "2024-12-31", -1),
        ("PRK", "RUS", "2023-01-01", "2024-12-31", +1),
        ("AUS", "CHN", "2022-11-01", "2025-06-30", +1),
        ("CHN", "USA", "2025-04-01", "2025-04-30", -1),
    ],
)
def test_replay_windows(
    stream_events: list[EvidenceEvent], a: str, b: str, start: str, end: str, sign: int
) -> None:
    tone = _window_tone(stream_events, a, b, start, end)
    assert tone * sign > 0, f"{a}-{b} {start}..{end}: tone {tone:+.3f}"


def test_tariff_escalation_lowers_the_us_china_state(stream_events: list[EvidenceEvent]) -> None:
    before = pair_states(stream_events, date(2025, 3, 31))[("CHN", "USA")].tone
    after = pair_states(stream_events, date(2025, 4, 30))[("CHN", "USA")].tone
    assert after < before


def test_stream_dates_come_from_the_manifest(tmp_path: Path) -> None:
    from tests.conftest import SHARED

    folder = SHARED / "eval" / "stream"
    if not folder.is_dir():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true and ../shared/eval/stream is absent")
        pytest.skip("../shared/eval/stream is absent")
    from realpolitik.ingest.readers import read_sources

    docs = list(read_sources([str(folder)]))
    assert len(docs) == 58 and all(d.date_source == "manifest" for d in docs)
    assert not any(Path(d.source).name == "README.md" for d in docs)

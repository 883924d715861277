"""The as-of system: nothing after the day counts; one event moves a relation a little."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from realpolitik.data import load_dataset
from realpolitik.evidence.asof import as_of_dataset, build_as_of_system
from realpolitik.evidence.series import EvidenceEvent, deduplicate, pair_states, relation_series
from realpolitik.evidence.update import SINGLE_EVENT_FRACTION
from realpolitik.model.dataset import Dataset
from realpolitik.scenarios.state import DEFAULT_PLAYERS

AS_OF = date(2024, 6, 30)
PLAYERS = DEFAULT_PLAYERS[:6]


@lru_cache(maxsize=1)
def _ds() -> Dataset:
    return load_dataset()


def _event_tone_weight() -> float:
    sys = build_as_of_system(_ds(), [], AS_OF, actors=PLAYERS)
    return float(sys.system.base_term_weights[sys.system.term_names.index("event_tone")])


def events(days: st.SearchStrategy[date]) -> st.SearchStrategy[list[EvidenceEvent]]:
    one = st.builds(
        EvidenceEvent,
        event_id=st.integers(1, 10_000),
        sentence_id=st.integers(1, 100),
        document_id=st.integers(1, 50),
        a=st.sampled_from(PLAYERS),
        b=st.sampled_from(PLAYERS),
        plover=st.sampled_from(["AGREE", "ACCUSE", "FIGHT", "CONSULT"]),
        cameo=st.sampled_from(["03", "11", "19", "04", ""]),
        goldstein=st.floats(-10, 10),
        confidence=st.floats(0, 1),
        day=days,
    ).filter(lambda e: e.a != e.b)
    return st.lists(one, max_size=12, unique_by=lambda e: e.event_id)


BEFORE = st.dates(date(2022, 1, 1), AS_OF)
AFTER = st.dates(AS_OF + timedelta(days=1), date(2026, 12, 31))


@settings(deadline=None, max_examples=25)
@given(before=events(BEFORE), after=events(AFTER))
def test_no_evidence_after_as_of_changes_any_output(
    before: list[EvidenceEvent], after: list[EvidenceEvent]
) -> None:
    ids = {e.event_id for e in before}
    after = [e for e in after if e.event_id not in ids]
    a = build_as_of_system(_ds(), before, AS_OF, actors=PLAYERS)
    b = build_as_of_system(_ds(), before + after, AS_OF, actors=PLAYERS)
    assert np.array_equal(a.system.terms, b.system.terms)
    assert a.changed() == b.changed()
    assert pair_states(before, AS_OF) == pair_states(before + after, AS_OF)


@settings(deadline=None, max_examples=40)
@given(
    pair=st.sampled_from([(x, y) for x in PLAYERS for y in PLAYERS if x < y]),
    goldstein=st.floats(-10, 10),
    confidence=st.floats(0, 1),
    day=BEFORE,
)
def test_one_event_moves_a_relation_by_at_most_the_documented_fraction(
    pair: tuple[str, str], goldstein: float, confidence: float, day: date
) -> None:
    e = EvidenceEvent(1, 1, 1, pair[0], pair[1], "X", "", goldstein, confidence, day)
    res = build_as_of_system(_ds(), [e], AS_OF, actors=PLAYERS)
    moved = np.abs(res.system.propensity - res.baseline.propensity)
    half_range = _event_tone_weight()  # the evidence term's bound: p0 +- weight
    assert moved.max() <= SINGLE_EVENT_FRACTION * half_range + 1e-12
    i, j = res.system.index(pair[0]), res.system.index(pair[1])
    assert np.count_nonzero(moved) in (0, 2) and moved[i, j] == moved.max()


@settings(deadline=None, max_examples=25)
@given(evs=events(BEFORE))
def test_relations_stay_in_bounds_and_series_tones_in_scale(evs: list[EvidenceEvent]) -> None:
    res = build_as_of_system(_ds(), evs, AS_OF, actors=PLAYERS)
    moved = np.abs(res.system.propensity - res.baseline.propensity)
    assert moved.max() < _event_tone_weight()
    for p in relation_series(evs, "week"):
        assert -1.0 <= p.tone <= 1.0 and p.events >= 1
    assert sum(len(c.reports) for c in deduplicate(evs)) == len(evs)


def test_a_sustained_run_moves_more_than_one_article() -> None:
    def agree(k: int, day: date) -> EvidenceEvent:
        return EvidenceEvent(k, k, k, "CHN", "JPN", "AGREE", "03", 5.2, 0.9, day)

    one = build_as_of_system(_ds(), [agree(1, AS_OF)], AS_OF, actors=PLAYERS)
    run = [agree(k, AS_OF - timedelta(days=7 * k)) for k in range(1, 21)]
    many = build_as_of_system(_ds(), run, AS_OF, actors=PLAYERS)
    i, j = one.system.index("CHN"), one.system.index("JPN")
    d1 = one.system.propensity[i, j] - one.baseline.propensity[i, j]
    d20 = many.system.propensity[i, j] - many.baseline.propensity[i, j]
    assert 0 < d1 < d20 / 4


def test_the_same_event_reported_twice_counts_once() -> None:
    a = EvidenceEvent(1, 1, 1, "CHN", "JPN", "COERCE", "17", -7.0, 0.9, date(2023, 8, 5))
    b = EvidenceEvent(2, 9, 2, "JPN", "CHN", "COERCE", "17", -7.0, 0.9, date(2023, 8, 7))
    one = build_as_of_system(_ds(), [a], AS_OF, actors=PLAYERS)
    both = build_as_of_system(_ds(), [a, b], AS_OF, actors=PLAYERS)
    assert np.array_equal(one.system.terms, both.system.terms)
    assert both.changed()[0]["documents"] == [1, 2]


def test_built_in_rows_dated_after_the_day_are_dropped() -> None:
    ds = _ds()
    later = [r for r in ds.relations if r.start and r.start[:4] == "2024"]
    assert later, "the built-in data has relations starting in 2024"
    old = as_of_dataset(ds, date(2023, 12, 31))
    assert not {r.id for r in later} & {r.id for r in old.relations}
    assert all(e.date[:4] <= "2023" for e in old.events)


def test_removing_the_listed_documents_restores_the_baseline() -> None:
    evs = [
        EvidenceEvent(1, 1, 3, "CHN", "USA", "COERCE", "17", -7.0, 0.9, date(2023, 8, 5)),
        EvidenceEvent(2, 2, 4, "JPN", "KOR", "AGREE", "03", 5.2, 0.8, date(2023, 3, 16)),
    ]
    res = build_as_of_system(_ds(), evs, AS_OF, actors=PLAYERS)
    docs = {d for row in res.changed() for d in row["documents"]}
    assert docs == {3, 4}
    assert np.array_equal(res.without(docs).system.propensity, res.baseline.propensity)

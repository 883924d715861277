"""Lens spec, storage, evidence selection, state, comparison and attribution."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from realpolitik.errors import InputError
from realpolitik.lenses import (
    EvidenceItem,
    Lens,
    build_lens_state,
    collect_evidence,
    compare_lenses,
    get_lens,
    list_lenses,
    parse_stance,
    prescreen_scores,
    save_lens,
    tone_from_items,
)
from realpolitik.lenses.api import lens_state_from_store
from realpolitik.model.dataset import Dataset
from realpolitik.scenarios.catalogue import load_builtin
from realpolitik.scenarios.members import make_plan
from realpolitik.scenarios.runner import run_plan
from realpolitik.scenarios.state import build_system
from realpolitik.store import Store, dyad_tone, list_documents, open_store

# -- spec and storage ------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["", "has space", "-lead", "x" * 65])
def test_bad_lens_names_are_refused(bad: str) -> None:
    with pytest.raises(InputError, match="lens name"):
        Lens(bad)


def test_bad_dates_and_stance_are_refused() -> None:
    with pytest.raises(InputError, match="--since"):
        Lens("a", since="March 2025")
    with pytest.raises(InputError, match="after --until"):
        Lens("a", since="2025-05", until="2025-01")
    with pytest.raises(InputError, match="ACTOR OP NUMBER"):
        parse_stance("china positive")
    assert parse_stance("USA<=-0.2").accepts(-0.3)
    assert not parse_stance("USA<=-0.2").accepts(0.0)


def test_storage_round_trip_and_duplicates(db_url: str) -> None:
    store = open_store(db_url)
    try:
        lens = Lens(
            "a",
            sources=("1", "x.txt"),
            outlets=("TA",),
            since="2025",
            stance=(parse_stance("CHN>0"),),
        )
        save_lens(store, lens, created="t0")
        assert get_lens(store, "a") == lens
        with pytest.raises(InputError, match="already exists"):
            save_lens(store, lens, created="t1")
        save_lens(store, Lens("a", sources=("2",)), created="t1", replace=True)
        assert get_lens(store, "a").sources == ("2",)
        with pytest.raises(InputError, match="no lens named 'b'"):
            get_lens(store, "b")
        assert [x.name for x in list_lenses(store)] == ["a"]
    finally:
        store.close()


def test_lenses_persist_in_the_database_file(db_url: str) -> None:
    url = db_url
    s1 = open_store(url)
    save_lens(s1, Lens("kept", sources=("3",)), created="t")
    s1.close()
    s2 = open_store(url)
    try:
        assert get_lens(s2, "kept").sources == ("3",)
    finally:
        s2.close()


# -- tone and pre-screen -----------------------------------------------------------------------

_ACTORS = ["CHN", "USA", "JPN", "KOR", "RUS"]
_event = st.tuples(
    st.sampled_from(_ACTORS),
    st.sampled_from(_ACTORS),
    st.floats(-10, 10),
    st.floats(0, 1),
    st.integers(0, 10**6),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_event, min_size=1, max_size=4), min_size=1, max_size=6))
def test_tone_is_bounded_and_order_free(
    groups: list[list[tuple[str, str, float, float, int]]],
) -> None:
    items = [EvidenceItem(1, i, "x", "", tuple(g)) for i, g in enumerate(groups)]
    a = tone_from_items(items)
    b = tone_from_items(reversed(items))
    assert a.keys() == b.keys()
    for k in a:
        assert -1.0 <= a[k] <= 1.0
        assert a[k] == pytest.approx(b[k], abs=1e-12)
        assert k[0] < k[1]


def test_prescreen_zero_exactly_when_no_player_dyad(dataset: Dataset) -> None:
    inside = EvidenceItem(1, 1, "x", "", (("USA", "JPN", -8.0, 0.9, 1),))
    outside = EvidenceItem(1, 2, "x", "", (("RUS", "UKR", -9.0, 0.9, 2),))
    state = build_lens_state(dataset, [inside, outside], name="x")
    scores = prescreen_scores([inside, outside], state.system, 0.5)
    assert scores[outside.key] == 0.0 and scores[inside.key] > 0
    # Removing the zero-score item really changes nothing.
    loo = build_lens_state(dataset, [inside, outside], name="x", exclude=[outside.key])
    assert np.array_equal(loo.system.terms, state.system.terms)


# -- the no-evidence lens is exactly the baseline ------------------------------------------------


def _runs(system, names: list[str], members: int = 120):  # type: ignore[no-untyped-def]
    out = {}
    for n in names:
        spec = load_builtin(n)
        out[n] = run_plan(make_plan(spec, system), members=members, seed=7)
    return out


def test_lens_without_evidence_gives_exactly_the_baseline(dataset: Dataset) -> None:
    store = open_store("sqlite://")
    try:
        save_lens(store, Lens("nothing", sources=("no-such-file.txt",)), created="t")
        empty = lens_state_from_store(store, "nothing", dataset)
    finally:
        store.close()
    # Evidence only between actors that are not players is no evidence for the system either.
    off_system = build_lens_state(
        dataset, [EvidenceItem(1, 1, "x", "", (("RUS", "UKR", -9.0, 1.0, 1),))], name="off"
    )
    base = build_system(dataset)
    names = ["baseline", "c000_us_influence", "c004_kor_sides_us"]
    ref = _runs(base, names)
    for state in (empty, off_system):
        assert state.is_baseline
        assert np.array_equal(state.system.terms, base.terms)
        got = _runs(state.system, names)
        for n in names:
            assert np.array_equal(got[n].controller, ref[n].controller)
            assert got[n].outcomes.keys() == ref[n].outcomes.keys()
            for k in ref[n].outcomes:
                assert np.array_equal(got[n].outcomes[k], ref[n].outcomes[k]), (n, k)


# -- the synthetic hostile article -----------------------------------------------------------------


def test_hostile_event_between_allies_lowers_propensity_and_is_named(
    dataset: Dataset, hostile_store: tuple[Store, Path], hostile_sentence: str
) -> None:
    store, article = hostile_store
    save_lens(store, Lens("quarrel", sources=(article.name,)), created="t")
    ev = collect_evidence(store, get_lens(store, "quarrel"))
    assert len(ev.documents) == 1
    state = lens_state_from_store(store, "quarrel", dataset)
    base = build_system(dataset)
    i, j = base.index("USA"), base.index("JPN")
    assert state.system.propensity[i, j] < base.propensity[i, j]
    # Only the US-Japan dyad moved.
    changed = np.argwhere(~np.isclose(state.system.propensity, base.propensity))
    assert {tuple(sorted((base.actors[a], base.actors[b]))) for a, b in changed} == {("JPN", "USA")}

    res = compare_lenses(dataset, [state], scenarios=["baseline"], members=60, top=3)
    top = res["propensity_differences"][0]
    assert top["dyad"] in ("USA-JPN", "JPN-USA")
    att = top["attribution"]["quarrel"]
    assert att["delta_vs_baseline"] < 0
    cause = att["items"][0]
    assert cause["text"] == hostile_sentence
    assert hostile_sentence in article.read_text(encoding="utf-8")
    assert cause["source"].endswith(article.name)
    assert cause["effect"] == pytest.approx(att["delta_vs_baseline"], abs=1e-3)
    # Whatever ensemble answers moved, this sentence is the only possible cause and is named.
    for d in res["differences"]:
        for a in d["attribution"].values():
            assert a["items"][0]["text"] == hostile_sentence


# -- the seed articles ---------------------------------------------------------------------------


def test_tone_matches_the_store_query_on_each_seed(seed_store: Store) -> None:
    for doc in list_documents(seed_store):
        lens = Lens(f"d{doc['id']}", sources=(str(doc["id"]),))
        ev = collect_evidence(seed_store, lens)
        assert [d["id"] for d in ev.documents] == [doc["id"]]
        mine = tone_from_items(ev.items)
        theirs = dyad_tone(seed_store, sources=[doc["source"]])
        assert mine.keys() == theirs.keys()
        for k in mine:
            assert mine[k] == pytest.approx(theirs[k], abs=1e-12)


@pytest.mark.slow
def test_five_seed_lenses_compare_and_attribute(dataset: Dataset, seed_store: Store) -> None:
    states = []
    for k in ("000", "001", "002", "003", "004"):
        save_lens(seed_store, Lens(f"seed{k}", sources=(k,)), created="t", replace=True)
        states.append(lens_state_from_store(seed_store, f"seed{k}", dataset))
    res = compare_lenses(dataset, states, members=100, top=3, top_k=3)
    assert res["lenses"] == ["baseline"] + [s.name for s in states]
    assert len(res["table"]) == len(res["scenarios"])
    docs = {s.name: {d["id"] for d in s.documents} for s in states}
    assert all(len(v) == 1 for v in docs.values())
    for d in res["differences"]:
        assert d["spread"] > 0
        for lname, att in d["attribution"].items():
            assert att["tried"] <= 3
            assert all(it["document_id"] in docs[lname] for it in att["items"])
    assert res["cost"]["attribution_runs"] <= len(states) * 3 * 3


def test_lens_tone_matches_the_store_query_on_both_backends(
    hostile_store: tuple[Store, Path],
) -> None:
    """The lens path (evidence items) and the store's SQL path give the same tone."""
    store, article = hostile_store
    lens = Lens("one", sources=(article.name,))
    mine = tone_from_items(collect_evidence(store, lens).items)
    assert mine and mine == dyad_tone(store)
    assert all(v < 0 for v in mine.values())  # the article's one event is hostile

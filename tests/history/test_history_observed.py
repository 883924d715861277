"""Observed alignment: the documented rule on constructed panels and on known history."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from realpolitik.history.observed import observed_alignment, signed_edges
from realpolitik.history.panel import load_panel

# CoW codes: USA 2, JPN 740, CHN 710, RUS 365, PRK 731, KOR 732
PLAYERS = ("USA", "JPN", "CHN", "RUS", "PRK", "KOR")


def _panel(atop: list[tuple[int, int]], riv: list[tuple[int, int]], mid: list[tuple[int, int]]):  # type: ignore[no-untyped-def]
    """The shipped panel with the three tables of the rule replaced by constructed rows."""
    base = load_panel()
    flags = dict.fromkeys(["atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"], 0)
    cols = ["ccode1", "ccode2", "year"]
    a = pd.DataFrame(
        [(u, v, 2000, 1, 0, 0, 0, 0) for u, v in atop], columns=[*cols, "atop_defense", *flags]
    )
    r = pd.DataFrame([(u, v, 2000) for u, v in riv], columns=cols)
    m = pd.DataFrame([(u, v, 1997) for u, v in mid], columns=cols)
    return replace(base, atop=a, rivalry=r, mid=m)


def test_rule_on_a_constructed_graph() -> None:
    # USA-JPN pact; CHN-RUS pact AND rivalry (rivalry wins); USA-CHN MID 1997 (in window);
    # PRK-KOR nothing.
    p = _panel(atop=[(2, 740), (365, 710)], riv=[(365, 710)], mid=[(2, 710)])
    edges = set(signed_edges(2000, PLAYERS, p))
    assert edges == {("USA", "JPN", 1), ("CHN", "RUS", -1), ("USA", "CHN", -1)}
    o = observed_alignment(2000, PLAYERS, p)
    assert o.same_side("USA", "JPN") is True
    assert o.same_side("USA", "CHN") is False and o.same_side("CHN", "RUS") is False
    assert o.same_side("USA", "RUS") is True  # the enemy of my enemy, by balance
    assert o.same_side("PRK", "KOR") is None  # no edge: not scored
    assert o.frustration == 0


def test_mids_older_than_five_years_do_not_count() -> None:
    p = _panel(atop=[], riv=[], mid=[(2, 710)])
    # The MID file covers 2002 (a dispute between two non-players), so its window ends there.
    later = pd.DataFrame([(200, 220, 2002)], columns=["ccode1", "ccode2", "year"])
    p = replace(p, mid=pd.concat([p.mid, later], ignore_index=True))
    assert signed_edges(2001, PLAYERS, p) == [("USA", "CHN", -1)]  # 1997 in 1997..2001
    assert signed_edges(2002, PLAYERS, p) == []  # window 1998..2002


def test_components_are_scored_separately() -> None:
    p = _panel(atop=[(2, 740)], riv=[(731, 732)], mid=[])
    o = observed_alignment(2000, PLAYERS, p)
    assert o.same_side("USA", "JPN") is True and o.same_side("PRK", "KOR") is False
    assert o.same_side("USA", "PRK") is None  # different components: relative side arbitrary


def test_known_history() -> None:
    o60 = observed_alignment(1960, PLAYERS)
    assert o60.same_side("USA", "JPN") and o60.same_side("USA", "KOR")
    assert o60.same_side("USA", "RUS") is False
    o75 = observed_alignment(1975, PLAYERS)
    assert ("CHN", "RUS", -1) in o75.edges  # the Sino-Soviet rivalry beats the 1950 treaty


def test_ties_between_optimal_splits_are_not_scored() -> None:
    # USA-CHN, CHN-RUS, USA-RUS all negative: frustration 1, three optimal splits that
    # disagree on every pair; USA-JPN positive keeps JPN with USA in every optimum.
    p = _panel(atop=[(2, 740)], riv=[(2, 710), (365, 710), (2, 365)], mid=[])
    o = observed_alignment(2000, PLAYERS, p)
    assert o.frustration == 1
    assert o.same_side("USA", "CHN") is None and o.same_side("CHN", "RUS") is None
    assert o.same_side("USA", "JPN") is True

"""Features of the change model: the state of every pair at a base year, from data <= base only.

The change model (:mod:`realpolitik.forecasting.change`) forecasts whether a pair is on the
``same`` side ``h`` years after a base year. Its inputs, one row per pair present at the base,
are grouped (the ablation table of ``docs/backtest.md`` drops one group at a time):

==============  =============================================================================
group           features (all measured at or before the base year ``B``)
==============  =============================================================================
state           ``same``, ``opposed`` (the measured class at ``B``, ``neither`` the
                reference) and ``score`` (the alignment score in [-1, 1])
trend           ``score_trend`` (score at ``B`` minus score at ``B - 5``),
                ``class_changed`` (1 when the class at ``B - 5`` differs)
volatility      ``system_flip``: the share of the region's pairs whose ``same`` status
                changed between ``B - 5`` and ``B`` (how restless the system is)
signals         every ``sig_<signal>`` column of the measured alignment at ``B`` (missing
                stays missing: the model handles it)
landscape       the raw propensity terms of :func:`realpolitik.history.terms.history_terms`
                (``t_<term>``) and the landscape ensemble's own pair probability
                ``landscape_p`` (when given)
triad           ``shared_friends``, ``shared_enemies`` (third states ``same`` resp.
                ``opposed`` with both, as a share of the third states), ``cross_ties`` (a
                friend of one is an enemy of the other): triadic closure
capability      ``cap_ratio`` = ``|log(cinc_a / cinc_b)|`` and ``cap_shift``, its change over
                five years (CoW NMC 6.0 CINC)
regime          ``regime_gap`` = ``|polity2_a - polity2_b|``, ``regime_change`` = the larger
                five-year change of either state's polity2 (Polity IV via the panel)
rivalry         ``rivalry_onset`` / ``rivalry_end``: a Thompson-Sakuwa-Suhas strategic rivalry
                active at ``B`` and not at ``B - 5``, or the reverse
un              ``un_distance`` = ``|z_a - z_b|`` of UN General Assembly ideal points
                standardised among the players of the year, and ``un_trend``, its
                five-year change
==============  =============================================================================

Event tone from the evidence store is not a feature: the store covers the last few years only,
none of which has an outcome yet (``docs/backtest.md``).

The measured alignment comes in as a *truth frame*: a DataFrame with columns ``a, b, year,
score, side`` (``same`` | ``opposed`` | ``neither``), optionally ``flagged`` and
``sig_<signal>`` columns, one row per pair of states that exist in the year (the interface of
:func:`realpolitik.history.alignment.alignment_panel`). It is injected, so tests run on
synthetic frames.

Examples
--------
>>> import pandas as pd
>>> t = pd.DataFrame({"a": ["A", "A", "B"], "b": ["B", "C", "C"], "year": [1990] * 3,
...                   "score": [0.8, -0.6, 0.0], "side": ["same", "opposed", "neither"]})
>>> cube = TruthCube.from_frame(t, ("A", "B", "C"))
>>> cube.side(1990).tolist()
[[0, 1, -1], [1, 0, 0], [-1, 0, 0]]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from realpolitik.errors import DataError

if TYPE_CHECKING:
    import pandas as pd

    from realpolitik.history.panel import Panel

__all__ = [
    "FEATURE_GROUPS",
    "TREND_YEARS",
    "TruthCube",
    "TruthSource",
    "base_features",
    "default_truth",
    "feature_names",
]

TREND_YEARS = 5
"""Years over which trends and onsets are measured (``B - 5 .. B``)."""

TruthSource = Callable[[Sequence[int], Sequence[str]], "pd.DataFrame"]
"""``truth(years, players) -> DataFrame`` with the truth-frame columns."""

FEATURE_GROUPS: dict[str, tuple[str, ...]] = {
    "state": ("same", "opposed", "score"),
    "trend": ("score_trend", "class_changed"),
    "volatility": ("system_flip",),
    "signals": (),  # the truth frame's sig_* columns, filled in by feature_names
    "landscape": ("landscape_p",),  # plus t_<term> for every history term
    "triad": ("shared_friends", "shared_enemies", "cross_ties"),
    "capability": ("cap_ratio", "cap_shift"),
    "regime": ("regime_gap", "regime_change"),
    "rivalry": ("rivalry_onset", "rivalry_end"),
    "un": ("un_distance", "un_trend"),
}
"""Feature groups (the unit of the ablation table)."""

_SIDE = {"same": 1, "opposed": -1, "neither": 0}


def _term_columns() -> tuple[str, ...]:
    from realpolitik.history.terms import HISTORY_TERMS

    return tuple(f"t_{t}" for t in HISTORY_TERMS if t != "constant")


def feature_names(signals: Sequence[str] = (), *, landscape: bool = True) -> dict[str, list[str]]:
    """Group -> feature columns, given the truth frame's signal columns.

    Examples
    --------
    >>> g = feature_names(["sig_pact"], landscape=False)
    >>> g["signals"], "landscape" in g
    (['sig_pact'], False)
    """
    out: dict[str, list[str]] = {}
    for group, cols in FEATURE_GROUPS.items():
        if group == "signals":
            if signals:
                out[group] = sorted(signals)
        elif group == "landscape":
            if landscape:
                out[group] = [*_term_columns(), *cols]
        else:
            out[group] = list(cols)
    return out


@dataclass
class TruthCube:
    """The truth frame as per-year pair matrices over a fixed player order.

    ``side(y)`` is ``+1`` same, ``-1`` opposed, ``0`` neither (and 0 for absent pairs);
    ``present(y)`` says which pairs have a row; ``score(y)`` and ``signal(y, name)`` are
    ``nan`` where absent.
    """

    players: tuple[str, ...]
    signals: tuple[str, ...]
    _side: dict[int, NDArray[np.int8]] = field(default_factory=dict)
    _score: dict[int, NDArray[np.float64]] = field(default_factory=dict)
    _present: dict[int, NDArray[np.bool_]] = field(default_factory=dict)
    _flagged: dict[int, NDArray[np.bool_]] = field(default_factory=dict)
    _sig: dict[tuple[int, str], NDArray[np.float64]] = field(default_factory=dict)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, players: Sequence[str]) -> TruthCube:
        """Build the cube; rows naming players outside ``players`` are ignored.

        Raises
        ------
        DataError
            A required column is missing or a side is not same/opposed/neither.
        """
        missing = {"a", "b", "year", "score", "side"} - set(frame.columns)
        if missing:
            raise DataError(f"truth frame lacks the columns {sorted(missing)}")
        bad = set(frame["side"].unique()) - set(_SIDE)
        if bad:
            raise DataError(f"truth frame: side values {sorted(map(str, bad))} are not known")
        sigs = tuple(sorted(c for c in frame.columns if str(c).startswith("sig_")))
        cube = cls(players=tuple(players), signals=sigs)
        pos = {p: i for i, p in enumerate(cube.players)}
        n = len(cube.players)
        ia = frame["a"].map(pos)
        ib = frame["b"].map(pos)
        keep = ia.notna() & ib.notna()
        f = frame[keep]
        ia_all = ia[keep].to_numpy(dtype=np.int64)
        ib_all = ib[keep].to_numpy(dtype=np.int64)
        years = f["year"].to_numpy(dtype=np.int64)
        side = f["side"].map(_SIDE).to_numpy(dtype=np.int8)
        score = f["score"].to_numpy(dtype=np.float64, na_value=np.nan)
        sig_vals = {s: f[s].to_numpy(dtype=np.float64, na_value=np.nan) for s in sigs}
        flag = (
            f["flagged"].to_numpy(dtype=bool)
            if "flagged" in f.columns
            else np.zeros(len(f), dtype=bool)
        )
        for y in np.unique(years):
            m = years == y
            i, j = ia_all[m], ib_all[m]
            cube._side[int(y)] = _sym(np.zeros((n, n), dtype=np.int8), i, j, side[m])
            cube._score[int(y)] = _sym(np.full((n, n), np.nan), i, j, score[m])
            cube._present[int(y)] = _sym(np.zeros((n, n), dtype=bool), i, j, True)
            cube._flagged[int(y)] = _sym(np.zeros((n, n), dtype=bool), i, j, flag[m])
            for s in sigs:
                cube._sig[(int(y), s)] = _sym(np.full((n, n), np.nan), i, j, sig_vals[s][m])
        return cube

    def has(self, year: int) -> bool:
        """Whether the frame holds rows of ``year``."""
        return int(year) in self._side

    def side(self, year: int) -> NDArray[np.int8]:
        """Side matrix of ``year`` (zeros when the year is absent)."""
        n = len(self.players)
        return self._side.get(int(year), np.zeros((n, n), dtype=np.int8))

    def score(self, year: int) -> NDArray[np.float64]:
        """Score matrix of ``year`` (nan when absent)."""
        n = len(self.players)
        return self._score.get(int(year), np.full((n, n), np.nan))

    def present(self, year: int) -> NDArray[np.bool_]:
        """Which pairs have a row in ``year``."""
        n = len(self.players)
        return self._present.get(int(year), np.zeros((n, n), dtype=bool))

    def scored(self, year: int) -> NDArray[np.bool_]:
        """Pairs with a row in ``year`` that is not flagged (a source had ended): the
        outcomes the backtest scores."""
        n = len(self.players)
        flagged = self._flagged.get(int(year), np.zeros((n, n), dtype=bool))
        out: NDArray[np.bool_] = self.present(year) & ~flagged
        return out

    def signal(self, year: int, name: str) -> NDArray[np.float64]:
        """Signal matrix of ``year`` (nan when absent)."""
        n = len(self.players)
        return self._sig.get((int(year), name), np.full((n, n), np.nan))


def _sym(m: Any, i: NDArray[np.int64], j: NDArray[np.int64], v: Any) -> Any:
    m[i, j] = v
    m[j, i] = v
    return m


def default_truth() -> TruthSource:
    """The measured alignment (:func:`realpolitik.history.alignment.alignment_panel`), for the
    requested years it covers (others are left out: no outcome, no trend)."""
    from realpolitik.history.alignment import FIRST_YEAR, LAST_YEAR, alignment_panel

    def source(years: Sequence[int], players: Sequence[str]) -> pd.DataFrame:
        ys = [int(y) for y in years if FIRST_YEAR <= int(y) <= LAST_YEAR]
        return alignment_panel(years=ys, players=list(players))

    return source


def _triad(side: NDArray[np.int8], present: NDArray[np.bool_]) -> dict[str, NDArray[np.float64]]:
    s = (side == 1).astype(np.float64)
    o = (side == -1).astype(np.float64)
    alive = present.any(axis=1).astype(np.float64)
    others = np.maximum(alive.sum() - 2.0, 1.0)
    return {
        "shared_friends": (s @ s) / others,
        "shared_enemies": (o @ o) / others,
        "cross_ties": (s @ o + o @ s) / others,
    }


def _state_values(
    panel: Panel, table: str, column: str, players: Sequence[str], year: int, max_age: int
) -> NDArray[np.float64]:
    from realpolitik.history.players import CCODES

    df = panel.table(table)
    d = df[(df["year"] <= year) & (df["year"] > year - max_age) & df[column].notna()]
    d = d.sort_values("year").drop_duplicates("ccode", keep="last")
    val = dict(zip(d["ccode"].astype(int), d[column].astype(float), strict=True))
    return np.array([val.get(CCODES.get(p, -1), np.nan) for p in players], dtype=np.float64)


def _un_distance(panel: Panel, players: Sequence[str], year: int) -> NDArray[np.float64]:
    ip = _state_values(panel, "unga", "idealpointfp", players, year, 3)
    ok = np.isfinite(ip)
    if ok.sum() >= 2:
        ip = (ip - np.nanmean(ip)) / (np.nanstd(ip) or 1.0)
    d: NDArray[np.float64] = np.abs(ip[:, None] - ip[None, :])
    return d


def _rivalry(panel: Panel, players: Sequence[str], year: int) -> NDArray[np.float64]:
    from realpolitik.history.players import CCODES

    pos = {CCODES[p]: i for i, p in enumerate(players) if p in CCODES}
    n = len(players)
    out = np.zeros((n, n))
    r = panel.rivalry
    r = r[r["year"] == min(year, int(r["year"].max()))]
    for u, v in zip(r["ccode1"].astype(int), r["ccode2"].astype(int), strict=True):
        i, j = pos.get(u), pos.get(v)
        if i is not None and j is not None:
            out[i, j] = out[j, i] = 1.0
    return out


def _panel_features(
    panel: Panel, players: Sequence[str], base: int
) -> dict[str, NDArray[np.float64]]:
    past = base - TREND_YEARS
    cinc = np.log(np.maximum(_state_values(panel, "nmc", "cinc", players, base, 5), 1e-9))
    cinc0 = np.log(np.maximum(_state_values(panel, "nmc", "cinc", players, past, 5), 1e-9))
    lr, lr0 = cinc[:, None] - cinc[None, :], cinc0[:, None] - cinc0[None, :]
    pol = _state_values(panel, "regime", "polity2", players, base, 5)
    pol0 = _state_values(panel, "regime", "polity2", players, past, 5)
    dpol = np.abs(pol - pol0)
    riv, riv0 = _rivalry(panel, players, base), _rivalry(panel, players, past)
    un, un0 = _un_distance(panel, players, base), _un_distance(panel, players, past)
    return {
        "cap_ratio": np.abs(lr),
        "cap_shift": np.abs(lr - lr0),
        "regime_gap": np.abs(pol[:, None] - pol[None, :]),
        "regime_change": np.fmax(dpol[:, None], dpol[None, :]),
        "rivalry_onset": riv * (1 - riv0),
        "rivalry_end": riv0 * (1 - riv),
        "un_distance": un,
        "un_trend": un - un0,
    }


def _terms(
    panel: Panel, players: Sequence[str], base: int, idx: NDArray[np.int64]
) -> dict[str, NDArray[np.float64]]:
    from realpolitik.history.players import CCODES
    from realpolitik.history.terms import HISTORY_TERMS, history_terms

    n = len(players)
    known = [i for i, p in enumerate(players) if p in CCODES and i in set(idx.tolist())]
    raw = history_terms(panel, [CCODES[players[i]] for i in known], base).raw
    out = {}
    for k, t in enumerate(HISTORY_TERMS):
        if t == "constant":
            continue
        m = np.full((n, n), np.nan)
        m[np.ix_(known, known)] = raw[k]
        out[f"t_{t}"] = m
    return out


def base_features(
    base: int,
    cube: TruthCube,
    panel: Panel,
    *,
    landscape_p: dict[tuple[str, str], float] | None = None,
    with_terms: bool = True,
) -> pd.DataFrame:
    """One row per pair present at ``base`` (``a`` before ``b`` in the cube's player order)
    with every feature of :data:`FEATURE_GROUPS` (see the module docstring).

    ``panel`` must already be cut at ``base`` (``panel.upto(base)``) by the caller or not:
    it is cut here again. ``landscape_p`` maps ``(a, b)`` to the landscape ensemble's pair
    probability (``nan`` for pairs it does not cover).
    """
    import pandas as pd

    pan = panel.upto(base)
    players = cube.players
    side, present = cube.side(base), cube.present(base)
    iu, ju = np.nonzero(np.triu(present, 1))
    past_side, past_present = cube.side(base - TREND_YEARS), cube.present(base - TREND_YEARS)
    cols: dict[str, NDArray[np.float64]] = {
        "same": (side == 1).astype(np.float64),
        "opposed": (side == -1).astype(np.float64),
        "score": cube.score(base),
        "score_trend": cube.score(base) - cube.score(base - TREND_YEARS),
        "class_changed": np.where(past_present, (side != past_side).astype(float), np.nan),
    }
    both = np.triu(present & past_present, 1)
    flips = ((side == 1) != (past_side == 1))[both]
    cols["system_flip"] = np.full(side.shape, float(flips.mean()) if flips.size else np.nan)
    cols |= _triad(side, present)
    cols |= _panel_features(pan, players, base)
    for s in cube.signals:
        cols[s] = cube.signal(base, s)
    if with_terms:
        alive = np.unique(np.concatenate([iu, ju])).astype(np.int64)
        cols |= _terms(pan, players, base, alive)
    data: dict[str, object] = {
        "a": [players[i] for i in iu],
        "b": [players[j] for j in ju],
        "base": np.full(iu.size, int(base), dtype=np.int64),
    }
    for name, m in cols.items():
        data[name] = m[iu, ju]
    if with_terms:
        lp = landscape_p or {}
        data["landscape_p"] = np.array(
            [lp.get((players[i], players[j]), np.nan) for i, j in zip(iu, ju, strict=True)]
        )
    return pd.DataFrame(data)

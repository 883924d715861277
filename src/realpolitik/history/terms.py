"""Propensity terms of a dated history system, built from the panel rows at or before the year.

Each term is a signed raw input per pair (``raw[k, i, j]``, symmetric, zero diagonal); the
propensity is ``sum_k w_k raw_k``. The first six terms use the same constructions as the East
Asia terms of the same name (:mod:`realpolitik.engines.alignment.propensity`); the last three
exist only here (see ``docs/backtest.md`` for the mapping), as does ``constant``.

========================  ===============================================================
term                      raw input for the pair in year Y (latest covered year <= Y)
========================  ===============================================================
alliance                  +1 if an ATOP defence or offence pledge is in force
security_partnership      +1 if an ATOP neutrality, non-aggression or consultation pledge
rivalry                   -1 if a Thompson-Sakuwa-Suhas strategic rivalry is active
hostility                 -1 if a CoW MID 5 dispute involved the pair in Y-4 .. Y
regime_similarity         +1 both democracies (polity2 >= 6) or both autocracies (<= -6),
                          -1 one of each, 0 otherwise or unknown
shared_threats            +number of third states (of the shipped panel) with a rivalry or
                          recent MID with both
trade_share               +100 * trade_ij / sqrt(total trade_i * total trade_j) (percent of
                          the geometric mean of the two states' trade with the world)
joint_igo                 +joint full IGO memberships / the largest count among the pairs
un_affinity               mean - |z_i - z_j|, z the UN ideal points standardised among the
                          players with a value in Y-2 .. Y (0 when either has none)
constant                  1 for every pair: with a weight ``b``, a propensity of 0 means
                          "as likely apart as together" (the intercept of the logistic fit)
========================  ===============================================================

"Latest covered year": a source that ends before Y (ATOP 2018, rivalries 2020, MID, trade and
IGO 2014, Polity 2017) is read at its last year, the latest information available in Y.

Examples
--------
>>> from realpolitik.history.panel import load_panel
>>> t = history_terms(load_panel().upto(1960), [2, 740, 710], 1960)
>>> t.raw[HISTORY_TERMS.index("alliance")].tolist()
[[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    import pandas as pd

    from realpolitik.history.panel import Panel

__all__ = [
    "HISTORY_TERMS",
    "MID_WINDOW",
    "UN_MAX_AGE",
    "HistoryTerms",
    "history_terms",
    "regime_class",
]

HISTORY_TERMS: tuple[str, ...] = (
    "alliance",
    "security_partnership",
    "rivalry",
    "hostility",
    "regime_similarity",
    "shared_threats",
    "trade_share",
    "joint_igo",
    "un_affinity",
    "constant",
)
"""Term names, in the order of the ``terms`` axis."""

MID_WINDOW = 5
"""Years of MID history that count (Y-4 .. Y)."""

UN_MAX_AGE = 3
"""A UN ideal point counts for three years (Y-2 .. Y); older ones (a state that left the UN,
such as Taiwan after 1971) do not."""


@dataclass(frozen=True)
class HistoryTerms:
    """Raw terms of one year: ``raw`` has shape ``(len(HISTORY_TERMS), n, n)``."""

    ccodes: tuple[int, ...]
    year: int
    raw: NDArray[np.float64]


def _covered(df: pd.DataFrame, year: int) -> int | None:
    """Latest year <= ``year`` with rows in ``df`` (None when there is none)."""
    ys = df["year"]
    ys = ys[ys <= year]
    return int(ys.max()) if len(ys) else None


def _pairs(df: pd.DataFrame, pos: dict[int, int]) -> list[tuple[int, int, int]]:
    """``(i, j, row)`` for the rows of ``df`` whose two states are players."""
    a = df["ccode1"].to_numpy()
    b = df["ccode2"].to_numpy()
    out = []
    for r, (u, v) in enumerate(zip(a, b, strict=True)):
        i, j = pos.get(int(u)), pos.get(int(v))
        if i is not None and j is not None and i != j:
            out.append((i, j, r))
    return out


def _set(raw: NDArray[np.float64], k: int, i: int, j: int, value: float) -> None:
    raw[k, i, j] = raw[k, j, i] = value


def regime_class(polity2: float | None) -> str:
    """``"democracy"`` (polity2 >= 6), ``"autocracy"`` (<= -6) or ``""`` (else or unknown).

    Examples
    --------
    >>> regime_class(10), regime_class(-7), regime_class(0), regime_class(None)
    ('democracy', 'autocracy', '', '')
    """
    if polity2 is None or not np.isfinite(polity2):
        return ""
    return "democracy" if polity2 >= 6 else ("autocracy" if polity2 <= -6 else "")


def _latest_state(
    df: pd.DataFrame, column: str, year: int, max_age: int | None = None
) -> dict[int, float]:
    d = df[(df["year"] <= year) & df[column].notna()]
    if max_age is not None:
        d = d[d["year"] > year - max_age]
    d = d.sort_values("year").drop_duplicates("ccode", keep="last")
    return {int(c): float(v) for c, v in zip(d["ccode"], d[column], strict=True)}


def _ties(p: Panel, year: int, pos: dict[int, int], raw: NDArray[np.float64]) -> None:
    k = HISTORY_TERMS.index
    y = _covered(p.atop, year)
    if y is not None:
        at = p.atop[p.atop["year"] == y]
        for i, j, r in _pairs(at, pos):
            row = at.iloc[r]
            if row["atop_defense"] == 1 or row["atop_offense"] == 1:
                _set(raw, k("alliance"), i, j, 1.0)
            if row["atop_neutral"] == 1 or row["atop_nonagg"] == 1 or row["atop_consul"] == 1:
                _set(raw, k("security_partnership"), i, j, 1.0)
    y = _covered(p.rivalry, year)
    if y is not None:
        for i, j, _ in _pairs(p.rivalry[p.rivalry["year"] == y], pos):
            _set(raw, k("rivalry"), i, j, -1.0)
    y = _covered(p.mid, year)
    if y is not None:
        mids = p.mid[(p.mid["year"] <= y) & (p.mid["year"] > y - MID_WINDOW)]
        for i, j, _ in _pairs(mids, pos):
            _set(raw, k("hostility"), i, j, -1.0)


def _adversaries(p: Panel, year: int) -> dict[int, set[int]]:
    """Every shipped state's rivals and recent MID opponents in ``year``."""
    out: dict[int, set[int]] = {}
    frames = []
    y = _covered(p.rivalry, year)
    if y is not None:
        frames.append(p.rivalry[p.rivalry["year"] == y])
    y = _covered(p.mid, year)
    if y is not None:
        frames.append(p.mid[(p.mid["year"] <= y) & (p.mid["year"] > y - MID_WINDOW)])
    for f in frames:
        for a, b in zip(f["ccode1"].to_numpy(), f["ccode2"].to_numpy(), strict=True):
            out.setdefault(int(a), set()).add(int(b))
            out.setdefault(int(b), set()).add(int(a))
    return out


def _state_terms(p: Panel, year: int, codes: Sequence[int], raw: NDArray[np.float64]) -> None:
    k = HISTORY_TERMS.index
    n = len(codes)
    pol = _latest_state(p.regime, "polity2", year)
    cls = [regime_class(pol.get(c)) for c in codes]
    adv = _adversaries(p, year)
    ip = _latest_state(p.unga, "idealpointfp", year, max_age=UN_MAX_AGE)
    have = [c for c in codes if c in ip]
    z: dict[int, float] = {}
    if len(have) >= 2:
        v = np.array([ip[c] for c in have])
        sd = float(v.std()) or 1.0
        z = {c: (ip[c] - float(v.mean())) / sd for c in have}
    dist = [abs(z[a] - z[b]) for i, a in enumerate(have) for b in have[i + 1 :]]
    mean_dist = float(np.mean(dist)) if dist else 0.0
    for i in range(n):
        for j in range(i + 1, n):
            a, b = codes[i], codes[j]
            if cls[i] and cls[j]:
                _set(raw, k("regime_similarity"), i, j, 1.0 if cls[i] == cls[j] else -1.0)
            common = (adv.get(a, set()) & adv.get(b, set())) - {a, b}
            if common:
                _set(raw, k("shared_threats"), i, j, float(len(common)))
            if a in z and b in z:
                _set(raw, k("un_affinity"), i, j, mean_dist - abs(z[a] - z[b]))


def _economic_terms(p: Panel, year: int, pos: dict[int, int], raw: NDArray[np.float64]) -> None:
    k = HISTORY_TERMS.index
    y = _covered(p.trade, year)
    if y is not None:
        tot = _latest_state(p.trade_totals[p.trade_totals["year"] == y], "total_trade", y)
        tr = p.trade[p.trade["year"] == y]
        codes = {v: c for c, v in pos.items()}
        flows = np.nansum(
            tr[["flow1", "flow2"]].to_numpy(dtype=np.float64, na_value=np.nan), axis=1
        )
        for i, j, r in _pairs(tr, pos):
            flow = float(flows[r])
            ti, tj = tot.get(codes[i], 0.0), tot.get(codes[j], 0.0)
            if flow > 0 and ti > 0 and tj > 0:
                _set(raw, k("trade_share"), i, j, 100.0 * flow / float(np.sqrt(ti * tj)))
    y = _covered(p.igo, year)
    if y is not None:
        igo = p.igo[p.igo["year"] == y]
        dyad = igo["dyadigos"].to_numpy(dtype=np.float64, na_value=np.nan)
        cells = [(i, j, float(dyad[r])) for i, j, r in _pairs(igo, pos)]
        top = max((c for _, _, c in cells), default=0.0)
        for i, j, c in cells:
            if top > 0:
                _set(raw, k("joint_igo"), i, j, c / top)


def history_terms(panel: Panel, ccodes: Sequence[int], year: int) -> HistoryTerms:
    """Raw terms of the players ``ccodes`` in ``year`` from ``panel.upto(year)``.

    The panel is truncated here again, so rows dated after ``year`` never count.
    """
    p = panel.upto(year)
    codes = tuple(int(c) for c in ccodes)
    n = len(codes)
    pos = {c: i for i, c in enumerate(codes)}
    raw = np.zeros((len(HISTORY_TERMS), n, n))
    _ties(p, year, pos, raw)
    _state_terms(p, year, codes, raw)
    _economic_terms(p, year, pos, raw)
    raw[HISTORY_TERMS.index("constant")] = 1.0 - np.eye(n)
    return HistoryTerms(ccodes=codes, year=int(year), raw=raw)

"""A dated system: the scenario engine's :class:`~realpolitik.scenarios.state.System` for a year.

:func:`system_at` builds, for any year the panel covers and any list of players, the same
array state the scenario ensembles and ``realpolitik align`` take (capability shares, their
growth prior, the propensity matrix split into named terms; no issue positions, which the
panel does not hold), from rows dated at or before the year only.

* **Players** are the requested states that are members of the state system in the year
  (a CoW NMC row in the latest NMC year <= Y); others are dropped (:func:`players_at`).
* **Sizes** are the capability index of :func:`realpolitik.engines.power.capability_index`
  with the economy measured by SDP-project GDP (2011 PPP USD; the panel has no nominal
  GDP) and population, military spending and personnel from NMC 6.0: weights 1/3, 1/3,
  1/6, 1/6, as in the East Asia index. ``size="cinc"`` uses NMC CINC shares instead.
* **Growth prior**: :func:`realpolitik.engines.power.growth_prior` on the NMC CINC series
  up to the year (trend over the last ten years, dispersion over the last twenty).
* **Propensity terms**: :func:`realpolitik.history.terms.history_terms` times the weights
  (:mod:`realpolitik.history.weights`).

Examples
--------
>>> s = system_at(1985, ("CHN", "USA", "JPN", "RUS"))
>>> s.actors, s.base_year, round(float(s.shares.sum()), 6)
(('CHN', 'USA', 'JPN', 'RUS'), 1985, 1.0)
>>> bool(s.propensity[1, 2] > 0)   # USA-JPN: a defence pledge
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from realpolitik.errors import InputError
from realpolitik.history.panel import Panel, load_panel
from realpolitik.history.players import ASIA_PACIFIC, ccode, code
from realpolitik.history.terms import HISTORY_TERMS, history_terms
from realpolitik.scenarios.state import System

if TYPE_CHECKING:
    from realpolitik.model.dataset import Dataset

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "SIZE_WEIGHTS",
    "explain_at",
    "players_at",
    "sizes_at",
    "system_at",
]

FIRST_YEAR = 1925
"""First year with every source a system needs (NMC, ATOP, MIDs of the five years before)."""
LAST_YEAR = 2024
"""Last year of the panel (UN ideal points; older sources are read at their last year)."""

SIZE_WEIGHTS: dict[str, float] = {
    "gdp_ppp": 1 / 3,
    "population": 1 / 3,
    "milex": 1 / 6,
    "milper": 1 / 6,
}
"""Capability-index weights of history sizes (the East Asia index with PPP GDP)."""


def _check_year(year: int) -> int:
    y = int(year)
    if not FIRST_YEAR <= y <= LAST_YEAR:
        raise InputError(
            f"year {y} is outside the history panel ({FIRST_YEAR}-{LAST_YEAR}); "
            "choose a year in that range"
        )
    return y


def players_at(year: int, players: Sequence[str], panel: Panel | None = None) -> tuple[str, ...]:
    """The players that are state-system members in ``year`` (NMC rows), in input order."""
    p = (panel or load_panel()).upto(_check_year(year))
    nmc = p.nmc
    last = int(nmc["year"].max())
    alive = set(nmc.loc[nmc["year"] == last, "ccode"].astype(int))
    wanted = [ccode(a) for a in players]
    return tuple(code(c) for c in wanted if c in alive)


def _capability_dataset(p: Panel, codes: Sequence[str], year: int) -> Dataset:
    """A :class:`~realpolitik.model.dataset.Dataset` of capability rows (for the engines)."""
    from realpolitik.model.dataset import Dataset
    from realpolitik.model.types import Capability

    cc = {ccode(a): a for a in codes}
    rows: list[Capability] = []
    nmc = p.nmc[p.nmc["ccode"].isin(list(cc)) & (p.nmc["year"] > year - 25)]
    gdp = p.gdp[p.gdp["ccode"].isin(list(cc)) & (p.gdp["year"] > year - 25)]
    series = [
        (nmc, "milex", "milex", 1e-6, "cow_nmc_6_0"),
        (nmc, "milper", "milper", 1.0, "cow_nmc_6_0"),
        (nmc, "tpop", "population", 1e-3, "cow_nmc_6_0"),
        (nmc, "cinc", "cinc", 1.0, "cow_nmc_6_0"),
        (gdp, "gdp", "gdp_ppp", 1e-9, "sdp_anders_2020"),
    ]
    for df, column, indicator, scale, src in series:
        actors = df["ccode"].to_numpy(dtype=np.int64)
        years = df["year"].to_numpy(dtype=np.int64)
        values = df[column].to_numpy(dtype=np.float64, na_value=np.nan)
        for c, y, v in zip(actors, years, values, strict=True):
            if np.isfinite(v) and v >= 0:
                rows.append(
                    Capability(
                        actor=cc[int(c)],
                        year=int(y),
                        indicator=indicator,
                        value=float(v) * scale,
                        source_id=src,
                        provenance="file",
                    )
                )
    return Dataset(name=f"history-{year}", base_year=year, actors=(), capabilities=tuple(rows))


def sizes_at(
    year: int, players: Sequence[str], *, size: str = "index", panel: Panel | None = None
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """``(shares, growth_mean, growth_sd)`` of ``players`` in ``year``."""
    from realpolitik.engines.power import capability_index, growth_prior

    y = _check_year(year)
    p = (panel or load_panel()).upto(y)
    ds = _capability_dataset(p, players, y)
    weights = SIZE_WEIGHTS if size == "index" else {"cinc": 1.0}
    if size not in ("index", "cinc"):
        raise InputError(f"size {size!r}: use 'index' or 'cinc'")
    ci = capability_index(ds, y, actors=tuple(players), weights=weights)
    prior = growth_prior(ds, tuple(players), since=y - 20)
    return np.asarray(ci.shares, dtype=float), prior.mean, prior.sd


def system_at(
    year: int,
    players: Sequence[str] | None = None,
    *,
    weights: str | NDArray[np.float64] = "fitted",
    size: str = "index",
    panel: Panel | None = None,
) -> System:
    """The system of ``year`` for ``players`` (default the twelve Asia-Pacific players).

    Parameters
    ----------
    year : int
        Between :data:`FIRST_YEAR` and :data:`LAST_YEAR`.
    players : sequence of str, optional
        Project codes (:data:`realpolitik.history.players.CCODES`); those not in the state
        system in ``year`` are dropped.
    weights : "fitted", "judgement" or array
        Term weights (:func:`realpolitik.history.weights.history_weights`) or an array with
        one weight per :data:`~realpolitik.history.terms.HISTORY_TERMS`.
    size : "index" or "cinc"
        Capability index (default) or NMC CINC shares.
    panel : Panel, optional
        Default: the shipped panel.

    Raises
    ------
    InputError
        Year outside the panel, unknown player, fewer than two players in the year.
    """
    y = _check_year(year)
    pan = panel or load_panel()
    codes = players_at(y, players if players is not None else ASIA_PACIFIC, pan)
    if len(codes) < 2:
        raise InputError(f"fewer than two of the players are states in {y}: {codes}")
    shares, g_mean, g_sd = sizes_at(y, codes, size=size, panel=pan)
    raw = history_terms(pan, [ccode(a) for a in codes], y).raw
    if isinstance(weights, str):
        from realpolitik.history.weights import history_weights

        w = history_weights(weights).mean
    else:
        w = np.asarray(weights, dtype=float)
        if w.shape != (len(HISTORY_TERMS),):
            raise InputError(f"weights need one value per term: {', '.join(HISTORY_TERMS)}")
    n = len(codes)
    return System(
        actors=codes,
        base_year=y,
        shares=shares,
        growth_mean=g_mean,
        growth_sd=g_sd,
        term_names=HISTORY_TERMS,
        terms=w[:, None, None] * raw,
        issues=(),
        positions=np.zeros((0, n)),
        salience=np.zeros((0, n)),
    )


def explain_at(
    year: int,
    a: str,
    b: str,
    players: Sequence[str] | None = None,
    *,
    weights: str = "fitted",
    panel: Panel | None = None,
) -> dict[str, object]:
    """Which history terms make ``p_ab`` in ``year``: raw input, weight, contribution.

    The shape of :meth:`realpolitik.engines.alignment.propensity.PropensityResult.explain`.

    Examples
    --------
    >>> e = explain_at(1965, "USA", "JPN", ("USA", "JPN", "CHN"))
    >>> [t["raw"] for t in e["terms"] if t["term"] == "alliance"]
    [1.0]
    """
    from realpolitik.engines.alignment.propensity import pair_explanation
    from realpolitik.history.weights import history_weights

    sy = system_at(year, players, weights=weights, panel=panel)
    for c in (a, b):
        if c not in sy.actors:
            raise InputError(f"{c!r} is not a player in {year}; players: {', '.join(sy.actors)}")
    if a == b:
        raise InputError("--explain needs two different actors")
    i, j = sy.actors.index(a), sy.actors.index(b)
    w = history_weights(weights)
    terms = []
    for k, t in enumerate(sy.term_names):
        raw = 0.0 if w.mean[k] == 0 else float(sy.terms[k, i, j] / w.mean[k])
        terms.append(
            {
                "term": t,
                "raw": raw,
                "weight": float(w.mean[k]),
                "contribution": float(sy.terms[k, i, j]),
                "evidence": [],
                "why": "",
            }
        )
    return pair_explanation(a, b, sy.base_year, (i, j), sy.propensity, sy.shares, terms)

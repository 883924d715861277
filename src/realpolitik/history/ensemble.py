"""Ensemble forecast of a dated system: pair probabilities of being on one side at base + h.

The same machinery as the main job's ensembles (:mod:`realpolitik.scenarios.members`): member
``i`` draws from :func:`realpolitik._rng.member_generator` ``(seed, i)``, in order, the growth
of each capability share (normal, the growth prior), the term weights and the noise on each
propensity (sd 0.05 times the largest ``|p_ij|``, the main job's default); shares are projected
``h`` years with :func:`realpolitik.engines.power.project_shares`; each member's two-bloc
landscape is solved exactly by :func:`realpolitik.engines.alignment.ensemble.solve_two_blocs`.

Weights: a random bootstrap row of the preset's draws per member (``fitted``); a preset with a
single row (``judgement``) gets the main job's log-normal multiplier (sigma 0.3) instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from realpolitik._rng import member_generator
from realpolitik.engines.alignment.ensemble import EnsembleLandscape, solve_two_blocs
from realpolitik.engines.alignment.weights import WeightDraws
from realpolitik.engines.power import project_shares
from realpolitik.history.panel import Panel, load_panel
from realpolitik.history.players import ccode
from realpolitik.history.system import players_at, sizes_at
from realpolitik.history.terms import history_terms

__all__ = [
    "JUDGEMENT_SIGMA",
    "PROPENSITY_NOISE",
    "Forecast",
    "forecast",
    "landscape_label",
    "landscape_solver",
    "region_forecast",
]

JUDGEMENT_SIGMA = 0.3
"""Log-normal sigma of the weight multipliers when a preset has one row (main job default)."""
PROPENSITY_NOISE = 0.05
"""Noise sd on each propensity, relative to the largest ``|p_ij|`` (main job default)."""


@dataclass(frozen=True)
class Forecast:
    """Forecast of one base year.

    Attributes
    ----------
    base : int
    players : tuple of str
        Players present at the base year.
    horizons : tuple of int
    p_same : ndarray (H, n, n)
        Share of members placing each pair on one side, per horizon.
    modal : ndarray of int (H, n)
        The most frequent two-bloc assignment per horizon (player 0 in bloc 0).
    """

    base: int
    players: tuple[str, ...]
    horizons: tuple[int, ...]
    p_same: NDArray[np.float64]
    modal: NDArray[np.int64]


def _draws(
    weights: WeightDraws,
    g_mean: NDArray[np.float64],
    g_sd: NDArray[np.float64],
    members: int,
    seed: int,
    n_pairs: int,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    k, n = weights.mean.size, g_mean.size
    growth = np.empty((members, n))
    w = np.empty((members, k))
    z = np.empty((members, n_pairs))
    single = weights.draws.shape[0] == 1
    for i in range(members):
        g = member_generator(seed, i)
        growth[i] = g_mean + g_sd * g.standard_normal(n)
        if single:
            w[i] = weights.draws[0] * np.exp(JUDGEMENT_SIGMA * g.standard_normal(k))
        else:
            w[i] = weights.draws[g.integers(weights.draws.shape[0])]
        z[i] = g.standard_normal(n_pairs)
    return growth, w, z


def landscape_solver(
    n_players: int, seed: int
) -> Callable[[NDArray[np.float64], NDArray[np.float64]], EnsembleLandscape]:
    """The solver of a region's landscape: exact enumeration up to
    :data:`~realpolitik.engines.alignment.descent.EXACT_MAX` players, else multi-start descent
    (:func:`~realpolitik.engines.alignment.descent.descend_two_blocs`, seeded by ``seed``)."""
    from realpolitik.engines.alignment.descent import EXACT_MAX, descend_two_blocs

    if n_players <= EXACT_MAX:
        return solve_two_blocs

    def descend(s: NDArray[np.float64], p: NDArray[np.float64]) -> EnsembleLandscape:
        return descend_two_blocs(s, p, rng=seed)

    return descend


@lru_cache(maxsize=64)
def region_forecast(
    base: int, horizons: tuple[int, ...], players: tuple[str, ...], weights: str, members: int,
    seed: int,
) -> Forecast:  # fmt: skip
    """:func:`forecast` of a region with a named weight preset
    (:func:`realpolitik.history.weights.history_weights`) and :func:`landscape_solver`
    (seeded by ``seed + base``), kept per process: the history backtest and the skill backtest
    of ``realpolitik backtest`` ask for the same ensembles (the result is read-only)."""
    from realpolitik.history.weights import history_weights

    solve = landscape_solver(len(players), seed + base)
    w = history_weights(weights)
    return forecast(base, horizons, players, w, members=members, seed=seed, solve=solve)


def landscape_label(n_players: int) -> str:
    """How :func:`landscape_solver` solves a region of ``n_players`` (``exact`` or
    ``heuristic: multi-start descent``)."""
    from realpolitik.engines.alignment.descent import EXACT_MAX

    return "exact" if n_players <= EXACT_MAX else "heuristic: multi-start descent"


def _modal(assign: NDArray[np.int8]) -> NDArray[np.int64]:
    rows, counts = np.unique(assign, axis=0, return_counts=True)
    out: NDArray[np.int64] = rows[int(np.argmax(counts))].astype(np.int64)
    return out


def forecast(
    base: int,
    horizons: Sequence[int],
    players: Sequence[str],
    weights: WeightDraws,
    *,
    members: int = 1000,
    seed: int = 0,
    panel: Panel | None = None,
    solve: Callable[[NDArray[np.float64], NDArray[np.float64]], EnsembleLandscape] = (
        solve_two_blocs
    ),
) -> Forecast:
    """Pair probabilities of the players present in ``base``, ``h`` years ahead.

    ``solve`` maps ``(sizes, propensity)`` batches to their solutions (default: exact
    enumeration; :func:`realpolitik.engines.alignment.descent.descend_two_blocs` for big regions).
    """
    pan = panel or load_panel()
    present = players_at(base, players, pan)
    n = len(present)
    raw = history_terms(pan, [ccode(a) for a in present], base).raw
    shares, g_mean, g_sd = sizes_at(base, present, panel=pan)
    iu = np.triu_indices(n, 1)
    growth, w, z = _draws(weights, g_mean, g_sd, members, seed, iu[0].size)
    p = np.einsum("bk,kij->bij", w, raw)
    scale = float(np.abs(np.einsum("k,kij->ij", weights.mean, raw)).max()) or 1.0
    noise = np.zeros_like(p)
    noise[:, iu[0], iu[1]] = z * PROPENSITY_NOISE * scale
    p = p + noise + np.swapaxes(noise, 1, 2)
    p_same = np.empty((len(horizons), n, n))
    modal = np.empty((len(horizons), n), dtype=np.int64)
    for t, h in enumerate(horizons):
        sizes = project_shares(shares, growth, h)
        assign = solve(sizes, p).assignment
        same = assign[:, :, None] == assign[:, None, :]
        p_same[t] = same.mean(axis=0)
        modal[t] = _modal(assign)
    return Forecast(
        base=int(base),
        players=present,
        horizons=tuple(int(h) for h in horizons),
        p_same=p_same,
        modal=modal,
    )

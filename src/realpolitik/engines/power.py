"""Balance of power: a CINC-like capability index and its projection to a horizon year.

The index is a weighted mean of each actor's *share* of the system total of each component,
the construction of the Correlates of War Composite Index of National Capability (CINC;
Singer, Bremer & Stuckey 1972), restricted to the actors of the system and with an economic
component (nominal GDP) in place of CINC's iron-and-steel and energy series:

    index_i = sum_k w_k * x_ik / sum_j x_jk

Default weights: economy (``gdp_nominal``) 1/3, demography (``population``) 1/3, military 1/3
split evenly between spending (``milex``) and personnel (``milper``), as CINC splits its
military dimension. A missing component counts as zero for that actor (a lower bound) and is
listed in :attr:`CapabilityIndex.missing`: North Korea, for instance, has no GDP or spending
series.

Projection treats each actor's index share as growing at a constant log rate ``g_i`` and
renormalises: ``index_i(T) ∝ index_i(t0) * exp(g_i * (T - t0))``. The default prior for ``g_i``
is the actor's trend in CINC share from the data set's CINC history (see :func:`growth_prior`).

References
----------
Boulding, K. E. (1962). *Conflict and Defense: A General Theory*. Harper & Row (the
loss-of-strength gradient).

Bueno de Mesquita, B. (1981). *The War Trap*. Yale University Press (capabilities discounted by
distance).

Singer, J. D., Bremer, S., & Stuckey, J. (1972). Capability distribution, uncertainty, and major
power war, 1820-1965. In B. Russett (Ed.), *Peace, War, and Numbers* (pp. 19-48). Sage.

Examples
--------
>>> import numpy as np
>>> project_shares(np.array([0.5, 0.5]), np.array([0.1, 0.0]), years=0).tolist()
[0.5, 0.5]
>>> s = project_shares(np.array([0.5, 0.5]), np.array([0.1, 0.0]), years=10)
>>> bool(s[0] > 0.7) and bool(abs(s.sum() - 1) < 1e-12)
True
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from realpolitik.errors import ModelError
from realpolitik.model.dataset import Dataset

__all__ = [
    "DEFAULT_WEIGHTS",
    "CapabilityIndex",
    "GrowthPrior",
    "capability_index",
    "compute_index",
    "growth_prior",
    "indicator_shares",
    "loss_of_strength",
    "project_shares",
]

DEFAULT_WEIGHTS: Mapping[str, float] = {
    "gdp_nominal": 1 / 3,
    "population": 1 / 3,
    "milex": 1 / 6,
    "milper": 1 / 6,
}
"""Component weights of the default capability index (they sum to 1)."""


@dataclass(frozen=True)
class CapabilityIndex:
    """A capability index over a set of actors.

    Attributes
    ----------
    actors : tuple of str
        Actor codes, in the order of ``shares``.
    shares : ndarray, shape (n,)
        Index values; they sum to 1.
    components : dict
        Per component, the actors' shares of the system total (each sums to 1).
    years : dict
        ``(actor, component) -> year`` of the value used.
    missing : tuple of (actor, component)
        Components with no value at or before the requested year (counted as zero).
    """

    actors: tuple[str, ...]
    shares: NDArray[np.float64]
    components: dict[str, NDArray[np.float64]]
    years: dict[tuple[str, str], int] = field(default_factory=dict)
    missing: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict[str, float]:
        """``{actor: share}``."""
        return {a: float(s) for a, s in zip(self.actors, self.shares, strict=True)}


def compute_index(
    values: NDArray[np.float64], weights: Sequence[float]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Weighted mean of component shares (the pure core of :func:`capability_index`).

    Parameters
    ----------
    values : ndarray, shape (n, k)
        Component values per actor; ``nan`` means missing (counted as zero).
    weights : sequence of float, length k
        Component weights (normalised to sum to 1).

    Returns
    -------
    index : ndarray, shape (n,)
        Sums to 1.
    shares : ndarray, shape (n, k)
        Each column is the actors' share of that component.

    Examples
    --------
    >>> import numpy as np
    >>> idx, _ = compute_index(np.array([[3.0, 1.0], [1.0, 1.0]]), [0.5, 0.5])
    >>> idx.round(3).tolist()
    [0.625, 0.375]
    """
    v = np.nan_to_num(np.asarray(values, dtype=float), nan=0.0)
    w = np.asarray(weights, dtype=float)
    if v.ndim != 2 or v.shape[1] != w.size:
        raise ValueError("values must be (n, k) with one weight per column")
    if (v < 0).any() or (w < 0).any() or w.sum() <= 0:
        raise ValueError("values and weights must be non-negative, weights not all zero")
    totals = v.sum(axis=0)
    keep = totals > 0
    shares = np.zeros_like(v)
    shares[:, keep] = v[:, keep] / totals[keep]
    w_eff = np.where(keep, w, 0.0)
    if w_eff.sum() <= 0:
        raise ValueError("every component is zero for every actor")
    index = shares @ (w_eff / w_eff.sum())
    return index, shares


def _latest(dataset: Dataset, year: int | None) -> dict[tuple[str, str], tuple[int, float]]:
    latest: dict[tuple[str, str], tuple[int, float]] = {}
    for c in dataset.capabilities:
        if year is not None and c.year > year:
            continue
        key = (c.actor, c.indicator)
        if key not in latest or c.year > latest[key][0]:
            latest[key] = (c.year, c.value)
    return latest


def capability_index(
    dataset: Dataset,
    year: int | None = None,
    *,
    actors: Sequence[str] | None = None,
    weights: Mapping[str, float] | None = None,
) -> CapabilityIndex:
    """The capability index of the data set's states and territories in ``year``.

    Parameters
    ----------
    dataset : Dataset
        The system state.
    year : int, optional
        Use, per actor and component, the latest value at or before ``year``
        (default: the latest value available).
    actors : sequence of str, optional
        Restrict to these actor codes (default: every state and territory).
    weights : mapping, optional
        Component weights (default :data:`DEFAULT_WEIGHTS`).

    Returns
    -------
    CapabilityIndex
        ``.as_dict()`` gives ``{actor: share}``, shares summing to 1.

    Raises
    ------
    ModelError
        If no actor has any component value.
    """
    w = dict(weights or DEFAULT_WEIGHTS)
    codes = tuple(actors) if actors is not None else tuple(a.code for a in dataset.states)
    if not codes:
        raise ModelError("no actors to index: the data set has no states or territories")
    latest = _latest(dataset, year)
    comps = list(w)
    values = np.full((len(codes), len(comps)), np.nan)
    years: dict[tuple[str, str], int] = {}
    missing: list[tuple[str, str]] = []
    for i, a in enumerate(codes):
        for k, comp in enumerate(comps):
            hit = latest.get((a, comp))
            if hit is None:
                missing.append((a, comp))
            else:
                years[(a, comp)] = hit[0]
                values[i, k] = hit[1]
    if np.isnan(values).all():
        raise ModelError(
            f"no capability values for {', '.join(codes)} at or before {year}: "
            "check capabilities.csv or choose a later year"
        )
    index, shares = compute_index(values, [w[c] for c in comps])
    return CapabilityIndex(
        actors=codes,
        shares=index,
        components={c: shares[:, k] for k, c in enumerate(comps)},
        years=years,
        missing=tuple(missing),
    )


@dataclass(frozen=True)
class GrowthPrior:
    """Normal prior of each actor's annual log growth of capability share.

    Attributes
    ----------
    actors : tuple of str
    mean, sd : ndarray, shape (n,)
    basis : dict
        ``actor -> (first_year, last_year)`` of the CINC values the trend uses
        (``None`` when the actor has no CINC history and gets the default).
    """

    actors: tuple[str, ...]
    mean: NDArray[np.float64]
    sd: NDArray[np.float64]
    basis: dict[str, tuple[int, int] | None]


def growth_prior(
    dataset: Dataset,
    actors: Sequence[str],
    *,
    since: int = 1990,
    trend_years: int = 10,
    default_sd: float = 0.02,
    min_sd: float = 0.005,
) -> GrowthPrior:
    """Growth prior of capability shares from the data set's CINC history.

    The mean is the annualised log change of the actor's CINC share over its last
    ``trend_years`` (or more, to the nearest earlier observation); the standard deviation
    is the dispersion of annualised log changes between consecutive observations since
    ``since`` (floored at ``min_sd``). Actors without CINC history get mean 0 and
    ``default_sd``.

    Notes
    -----
    CINC shares are world shares; a trend in world share is used as the trend of the
    actor's share of the regional system, which holds when the rest of the world's share
    is stable. This is an assumption of the projection and is stated in the docs.
    """
    series: dict[str, dict[int, float]] = {}
    for c in dataset.capabilities:
        if c.indicator == "cinc" and c.value > 0:
            series.setdefault(c.actor, {})[c.year] = c.value
    mean = np.zeros(len(actors))
    sd = np.full(len(actors), default_sd)
    basis: dict[str, tuple[int, int] | None] = {}
    for i, a in enumerate(actors):
        ys = sorted(y for y in series.get(a, {}) if y >= since)
        if len(ys) < 2:
            basis[a] = None
            continue
        s = series[a]
        last = ys[-1]
        earlier = [y for y in ys if y <= last - trend_years]
        first = earlier[-1] if earlier else ys[0]
        mean[i] = (np.log(s[last]) - np.log(s[first])) / (last - first)
        steps = np.array(
            [(np.log(s[b]) - np.log(s[a0])) / (b - a0) for a0, b in itertools.pairwise(ys)]
        )
        sd[i] = max(float(np.std(steps, ddof=1)) if steps.size > 1 else default_sd, min_sd)
        basis[a] = (first, last)
    return GrowthPrior(actors=tuple(actors), mean=mean, sd=sd, basis=basis)


def project_shares(
    shares: NDArray[np.float64], growth: NDArray[np.float64], years: float
) -> NDArray[np.float64]:
    """Project capability shares ``years`` ahead at log growth rates ``growth``.

    Parameters
    ----------
    shares : ndarray, shape (..., n)
        Current shares (need not sum to 1; the output does).
    growth : ndarray, shape (..., n)
        Annual log growth rates; broadcast against ``shares`` (e.g. ``(B, n)`` draws).
    years : float
        Horizon minus base year (>= 0).

    Returns
    -------
    ndarray, shape broadcast(shares, growth)
        Projected shares summing to 1 along the last axis.
    """
    if years < 0:
        raise ValueError("years must be >= 0")
    s = np.asarray(shares, dtype=float)
    g = np.asarray(growth, dtype=float)
    logw = np.log(np.clip(s, 1e-300, None)) + g * years
    logw = logw - logw.max(axis=-1, keepdims=True)
    w = np.exp(logw) * (s > 0)
    out: NDArray[np.float64] = w / w.sum(axis=-1, keepdims=True)
    return out


def indicator_shares(
    dataset: Dataset, year: int, actors: Sequence[str], indicators: Sequence[str]
) -> tuple[NDArray[np.float64], tuple[tuple[str, str], ...]]:
    """Each actor's share of the system total of each indicator (latest value <= ``year``).

    Returns ``(shares, missing)``: ``shares`` is ``(len(indicators), n)`` with ``nan`` where an
    actor has no value (each row's known values sum to 1), ``missing`` the ``(actor,
    indicator)`` pairs without a value.

    Examples
    --------
    >>> from realpolitik.data import load_dataset
    >>> sh, miss = indicator_shares(load_dataset(), 2025, ["CHN", "USA"], ["gdp_nominal"])
    >>> bool(abs(sh.sum() - 1) < 1e-12), miss
    (True, ())
    """
    latest = _latest(dataset, year)
    out = np.full((len(indicators), len(actors)), np.nan)
    missing: list[tuple[str, str]] = []
    for k, ind in enumerate(indicators):
        for i, a in enumerate(actors):
            hit = latest.get((a, ind))
            if hit is None or hit[1] <= 0:
                missing.append((a, ind))
            else:
                out[k, i] = hit[1]
        tot = np.nansum(out[k])
        if tot > 0:
            out[k] = out[k] / tot
    return out, tuple(missing)


def loss_of_strength(
    shares: NDArray[np.float64], distance_km: NDArray[np.float64], decay: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Capability shares discounted by distance to the theatre, renormalised.

    ``s_i' ∝ s_i * exp(-decay * distance_i / 1000 km)``: Boulding's (1962) loss-of-strength
    gradient in exponential form, with ``decay`` the fraction of strength lost per 1000 km
    (about; exactly ``1 - exp(-decay)``).

    Parameters
    ----------
    shares : ndarray (..., n)
    distance_km : ndarray (n,)
    decay : ndarray broadcastable to ``shares[..., :1]`` (e.g. ``(B, 1)``)

    Examples
    --------
    >>> import numpy as np
    >>> s = loss_of_strength(np.array([0.5, 0.5]), np.array([0.0, 10000.0]), np.array([0.05]))
    >>> s.round(3).tolist()
    [0.622, 0.378]
    """
    s = np.asarray(shares, dtype=float)
    w = s * np.exp(-np.asarray(decay, dtype=float) * np.asarray(distance_km) / 1000.0)
    tot = w.sum(axis=-1, keepdims=True)
    out: NDArray[np.float64] = np.where(tot > 0, w / np.where(tot > 0, tot, 1.0), s)
    return out

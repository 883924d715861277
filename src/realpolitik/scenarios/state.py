"""The system state as arrays: what one ensemble member starts from.

:class:`System` holds, for a fixed list of players and issues, the base-year capability
shares and their growth prior, the propensity matrix split into named terms, and the issue
positions and saliences. :func:`build_system` makes one from a :class:`~realpolitik.model.
Dataset` with the alignment engine's propensity formula and the capability index.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from realpolitik.engines.power import (
    DEFAULT_WEIGHTS,
    capability_index,
    growth_prior,
    indicator_shares,
)
from realpolitik.errors import ScenarioError
from realpolitik.model.dataset import Dataset

__all__ = ["DEFAULT_PLAYERS", "System", "TermFunction", "build_system"]

DEFAULT_PLAYERS: tuple[str, ...] = (
    "CHN",
    "USA",
    "JPN",
    "KOR",
    "PRK",
    "RUS",
    "TWN",
    "IND",
    "VNM",
    "AUS",
    "PHL",
    "IDN",
)
"""The default players of the East Asia system: the actors the seed articles discuss that
hold capability data, plus Indonesia as the largest ASEAN state. ``CHN`` comes first so that
bloc 0 is always China's bloc."""

TermFunction = Callable[[Dataset, Sequence[str], int], tuple[tuple[str, ...], NDArray[np.float64]]]


@dataclass(frozen=True)
class System:
    """Arrays of one system state (players in a fixed order).

    Attributes
    ----------
    actors : tuple of str
        Players; ``actors[0]`` anchors bloc 0.
    base_year : int
    shares : ndarray (n,)
        Capability-index shares at the base year (sum to 1).
    growth_mean, growth_sd : ndarray (n,)
        Prior of annual log growth of each share.
    term_names : tuple of str
    terms : ndarray (K, n, n)
        Weighted propensity contributions per term; ``P = terms.sum(0)``.
    issues : tuple of str
    positions : ndarray (m, n)
        0-100 positions, ``nan`` where an actor has none.
    salience : ndarray (m, n)
        0-1 saliences, 0 where an actor has none.
    measure_shares : ndarray (4, n), optional
        Base-year shares under CoW CINC, GDP at market rates, GDP at PPP and military
        spending (:data:`~realpolitik.scenarios.structure.CAPABILITY_MEASURES` less the
        composite), missing values imputed (see ``imputed``); ``None``: no measure
        uncertainty (every member uses ``shares``).
    composite_components : ndarray (4, n), optional
        Shares of the composite index's components (GDP, population, military spending,
        personnel; 0 where missing) and ``composite_weights`` their default weights.
    distance_km : ndarray (n,), optional
        Capital-to-theatre distances of the loss-of-strength gradient (0: no discount).
    term_weights : ndarray (K,), optional
        The weights the terms were built with (for fitted-weight draws).
    imputed : tuple of str
        ``"ACTOR:measure"`` values imputed from the composite share.
    data_dir : str, optional
        Folder of a user's data-set copy: its ``lever_effects.toml`` and ``propensity.toml``
        are the ones the engines read.
    """

    actors: tuple[str, ...]
    base_year: int
    shares: NDArray[np.float64]
    growth_mean: NDArray[np.float64]
    growth_sd: NDArray[np.float64]
    term_names: tuple[str, ...]
    terms: NDArray[np.float64]
    issues: tuple[str, ...]
    positions: NDArray[np.float64]
    salience: NDArray[np.float64]
    measure_shares: NDArray[np.float64] | None = None
    composite_components: NDArray[np.float64] | None = None
    composite_weights: tuple[float, ...] = (1 / 3, 1 / 3, 1 / 6, 1 / 6)
    distance_km: NDArray[np.float64] | None = None
    term_weights: NDArray[np.float64] | None = None
    imputed: tuple[str, ...] = ()
    data_dir: str | None = None

    @property
    def base_term_weights(self) -> NDArray[np.float64]:
        """``term_weights``, or ones when unknown."""
        if self.term_weights is None:
            return np.ones(len(self.term_names))
        return self.term_weights

    @property
    def distances(self) -> NDArray[np.float64]:
        """``distance_km``, or zeros when unknown."""
        return np.zeros(len(self.actors)) if self.distance_km is None else self.distance_km

    @property
    def propensity(self) -> NDArray[np.float64]:
        """The base propensity matrix (sum of the terms)."""
        out: NDArray[np.float64] = self.terms.sum(axis=0)
        return out

    @property
    def scale(self) -> float:
        """The largest ``|p_ij|`` of the base matrix (1 if all zero); for display only: lever
        effects and noise are in absolute propensity units."""
        m = float(np.abs(self.propensity).max())
        return m if m > 0 else 1.0

    def index(self, actor: str) -> int:
        """Array index of ``actor``; ``ScenarioError`` if it is not a player."""
        try:
            return self.actors.index(actor)
        except ValueError:
            raise ScenarioError(
                f"actor '{actor}' is not a player of this system ({', '.join(self.actors)})"
            ) from None


def _default_terms(
    dataset: Dataset, actors: Sequence[str], year: int
) -> tuple[tuple[str, ...], NDArray[np.float64]]:
    from realpolitik.engines.alignment.propensity import propensity_terms

    return propensity_terms(dataset, actors, year)


def _folder_terms(weights: Path) -> TermFunction:
    """Terms with the weights of a data-set copy's ``propensity.toml``."""

    def terms(
        dataset: Dataset, actors: Sequence[str], year: int
    ) -> tuple[tuple[str, ...], NDArray[np.float64]]:
        from realpolitik.engines.alignment.propensity import propensity_matrix

        r = propensity_matrix(dataset, year, weights=weights, actors=actors)
        return r.term_names, r.contributions

    return terms


def _term_weights(names: tuple[str, ...], path: Path | None) -> NDArray[np.float64]:
    """The weights the terms were built with: a copy's ``propensity.toml``, else the fitted
    preset (the alignment engine's default)."""
    from realpolitik.engines.alignment.propensity import load_weights, preset_weights

    specs = load_weights(path) if path is not None else preset_weights("fitted")
    return np.array([float(specs[t].weight) if t in specs else 1.0 for t in names])


_COMPOSITE = tuple(DEFAULT_WEIGHTS)
_SINGLE = ("cinc", "gdp_nominal", "gdp_ppp", "milex")


def _measures(
    dataset: Dataset, players: tuple[str, ...], year: int, composite: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64], tuple[str, ...]]:
    """Single-indicator measure shares (imputed) and composite component shares."""
    single, missing = indicator_shares(dataset, year, players, _SINGLE)
    imputed = []
    for k in range(single.shape[0]):
        row = single[k]
        miss = np.isnan(row)
        if miss.all():
            single[k] = composite
            imputed += [f"{a}:{_SINGLE[k]}" for a in players]
            continue
        if miss.any():
            row[miss] = composite[miss] / composite[~miss].sum()
            single[k] = row / row.sum()
            imputed += [f"{players[i]}:{_SINGLE[k]}" for i in np.flatnonzero(miss)]
    comps, _ = indicator_shares(dataset, year, players, _COMPOSITE)
    del missing
    return single, np.nan_to_num(comps, nan=0.0), tuple(imputed)


def build_system(
    dataset: Dataset,
    actors: Sequence[str] | None = None,
    year: int | None = None,
    *,
    terms: TermFunction | None = None,
    data_dir: str | Path | None = None,
) -> System:
    """Build the array state of ``dataset`` for ``actors`` in ``year``.

    Parameters
    ----------
    dataset : Dataset
    actors : sequence of str, optional
        Players (default :data:`DEFAULT_PLAYERS` that exist in the data set).
    year : int, optional
        Base year (default the data set's).
    terms : callable, optional
        ``terms(dataset, actors, year) -> (names, (K, n, n) array)``; default the alignment
        engine's documented propensity formula (with the weights of
        ``data_dir/propensity.toml`` when that file exists).
    data_dir : str or Path, optional
        The folder of the data set (a user's copy): its weights and lever effects are the
        ones the engines read.

    Raises
    ------
    ScenarioError
        For unknown actors.
    """
    known = {a.code for a in dataset.actors}
    if actors is None:
        players = tuple(a for a in DEFAULT_PLAYERS if a in known)
    else:
        players = tuple(actors)
        unknown = [a for a in players if a not in known]
        if unknown:
            raise ScenarioError(f"unknown actor(s) {unknown}: not in data set '{dataset.name}'")
        if len(set(players)) != len(players):
            raise ScenarioError("actors: each actor may appear only once")
    if len(players) < 2:
        raise ScenarioError("a system needs at least two players")
    y = dataset.base_year if year is None else year
    ci = capability_index(dataset, y, actors=players)
    prior = growth_prior(dataset, players)
    folder = Path(data_dir) if data_dir is not None else None
    wfile = folder / "propensity.toml" if folder is not None else None
    if wfile is not None and not wfile.is_file():
        wfile = None
    if terms is None:
        terms = _folder_terms(wfile) if wfile is not None else _default_terms
    names, t = terms(dataset, players, y)
    single, comps, imputed = _measures(dataset, players, y, ci.shares)
    from realpolitik.scenarios.geography import theatre_distances

    issues = tuple(i.id for i in dataset.issues)
    a_index = {a: k for k, a in enumerate(players)}
    i_index = {s: k for k, s in enumerate(issues)}
    pos = np.full((len(issues), len(players)), np.nan)
    sal = np.zeros((len(issues), len(players)))
    for p in dataset.positions:
        if p.actor in a_index and p.issue in i_index:
            pos[i_index[p.issue], a_index[p.actor]] = p.position
            sal[i_index[p.issue], a_index[p.actor]] = p.salience
    return System(
        actors=players,
        base_year=y,
        shares=ci.shares,
        growth_mean=prior.mean,
        growth_sd=prior.sd,
        term_names=tuple(names),
        terms=np.asarray(t, dtype=float),
        issues=issues,
        positions=pos,
        salience=sal,
        measure_shares=single,
        composite_components=comps,
        composite_weights=tuple(float(DEFAULT_WEIGHTS[c]) for c in _COMPOSITE),
        distance_km=theatre_distances(players),
        term_weights=_term_weights(tuple(names), wfile),
        imputed=imputed,
        data_dir=str(folder) if folder is not None else None,
    )

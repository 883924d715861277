"""Structural uncertainty: the modelling choices every ensemble member draws.

Besides the growth rates, propensity noise and issue noise around the base state, each member
draws the *structure* of the model, each choice from a documented range (``docs/models.md``,
"Structural uncertainty"):

- **capability measure** (:data:`CAPABILITY_MEASURES`): CoW CINC, GDP at market rates, GDP at
  PPP, military spending, or the composite index with its component weights perturbed
  (log-normal, sigma :data:`COMPOSITE_SIGMA`, a judgement); equal probabilities (judgement).
  An actor with no value for a single-indicator measure gets the share implied by its
  composite share (listed in :attr:`Structure.imputed`).
- **loss-of-strength gradient** (Boulding 1962): capability discounted by
  ``exp(-decay * distance / 1000 km)`` from the capital to the theatre (:data:`THEATRE`, the
  East China Sea), ``decay ~ U(0, 0.05)``: 0 is no loss (global power projection); 0.05
  reproduces the discount Bueno de Mesquita's (1981) adjustment gives the United States
  against China at 250 miles a day (about 0.6 of its strength retained).
- **growth model** (:data:`GROWTH_MODELS`): the CINC share trend kept to the horizon; the trend
  halved (regression to the mean, Pritchett & Summers 2014); or no trend (shares persist);
  each with the prior's standard deviation; equal probabilities (judgement).
- **term weights**: :func:`sample_term_weights`, the one seam for fitted weights.
- **bloc count**: two or three blocs, equal probabilities (judgement).
- **control threshold**: a bloc controls the region when it holds more than ``tau`` of the
  capability, ``tau ~ U(0.5, 0.6)``: 0.5 is a simple majority; 0.556 is Organski & Kugler's
  (1980) parity line (a challenger below 80% of the leader); 0.6 is a judgement.

Every draw is a transform of uniform numbers in ``[0, 1)`` laid out in named blocks
(:class:`InputLayout`), so the ensemble (member ``i`` draws its block from child ``i`` of the
root seed) and the Sobol design of :mod:`realpolitik.scenarios.sensitivity` read the same
inputs through the same code.

References
----------
Boulding, K. E. (1962). *Conflict and Defense*. Harper & Row.
Bueno de Mesquita, B. (1981). *The War Trap*. Yale University Press.
Organski, A. F. K., & Kugler, J. (1980). *The War Ledger*. University of Chicago Press.
Pritchett, L., & Summers, L. H. (2014). Asiaphoria meets regression to the mean. NBER Working
Paper 20573.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import numpy as np
from numpy.typing import NDArray

from realpolitik._rng import member_generator
from realpolitik.scenarios.geography import CAPITALS, THEATRE

if TYPE_CHECKING:
    from realpolitik.scenarios.spec import ScenarioSpec
    from realpolitik.scenarios.state import System

__all__ = [
    "BLOC_COUNTS",
    "CAPABILITY_MEASURES",
    "CAPITALS",
    "COMPOSITE_SIGMA",
    "DECAY_RANGE",
    "GROWTH_MODELS",
    "THEATRE",
    "THRESHOLD_RANGE",
    "Draws",
    "InputLayout",
    "WeightDrawsLike",
    "default_weight_draws",
    "draw_units",
    "make_layout",
    "sample_term_weights",
    "transform",
]

CAPABILITY_MEASURES: tuple[str, ...] = ("cinc", "gdp_market", "gdp_ppp", "milex", "composite")
"""Capability measures a member may draw (equal probabilities)."""

MEASURE_INDICATOR: dict[str, str] = {
    "cinc": "cinc",
    "gdp_market": "gdp_nominal",
    "gdp_ppp": "gdp_ppp",
    "milex": "milex",
}
"""Single-indicator measures -> the ``capabilities.csv`` indicator they read."""

COMPOSITE_SIGMA = 0.5
"""Log-normal sigma of each composite component weight's multiplier (a judgement)."""

DECAY_RANGE: tuple[float, float] = (0.0, 0.05)
"""Uniform range of the loss-of-strength decay per 1000 km (see the module docstring)."""

GROWTH_MODELS: tuple[str, ...] = ("cinc_trend", "damped_trend", "persistence")
"""Growth models a member may draw (equal probabilities)."""

GROWTH_TREND_FACTOR: dict[str, float] = {"cinc_trend": 1.0, "damped_trend": 0.5, "persistence": 0.0}

BLOC_COUNTS: tuple[int, ...] = (2, 3)
"""Bloc counts a member may draw (equal probabilities, up to the scenario's ``blocs``)."""

THRESHOLD_RANGE: tuple[float, float] = (0.5, 0.6)
"""Uniform range of the control threshold (see the module docstring)."""


class WeightDrawsLike(Protocol):
    """What :func:`sample_term_weights` needs of fitted weights: the shape of
    ``realpolitik.engines.alignment.propensity.WeightDraws`` (issue 11), structurally typed so
    that the fitted draws plug in without a conversion."""

    @property
    def terms(self) -> tuple[str, ...]: ...

    @property
    def mean(self) -> NDArray[np.float64]: ...

    @property
    def draws(self) -> NDArray[np.float64]: ...

    @property
    def source(self) -> str: ...


def default_weight_draws(system: System | None = None) -> WeightDrawsLike | None:
    """The term-weight draws every plan samples unless it is given its own.

    The fitted weights of the History backtest (bootstrap draws of the logistic fit,
    :func:`~realpolitik.engines.alignment.weights.load_weight_draws`), when ``system`` was built
    with them (its ``term_weights`` equal the fitted means on the terms both name). A system
    built with other weights (the ``judgement`` preset, a data-set copy's ``propensity.toml``)
    gets ``None``: the judgement prior of :func:`sample_term_weights`, so a user's weights are
    never silently replaced by the fitted ones.

    Examples
    --------
    >>> d = default_weight_draws()
    >>> d.draws.shape[0] > 1 and d.source.startswith("fit-weights")
    True
    """
    from realpolitik.engines.alignment.weights import load_weight_draws

    draws = load_weight_draws("fitted")
    if system is None or system.term_weights is None:
        return draws
    for k, t in enumerate(system.term_names):
        if t in draws.terms and not np.isclose(
            system.term_weights[k], draws.mean[draws.terms.index(t)]
        ):
            return None
    return draws


def _ndtri(u: NDArray[np.float64]) -> NDArray[np.float64]:
    from scipy.special import ndtri

    out: NDArray[np.float64] = ndtri(np.clip(u, 1e-12, 1 - 1e-12))
    return out


def sample_term_weights(
    u: NDArray[np.float64],
    term_names: tuple[str, ...],
    base_weights: NDArray[np.float64],
    *,
    draws: WeightDrawsLike | None = None,
    sigma: float = 0.3,
) -> NDArray[np.float64]:
    """Multipliers of each propensity term's weight, one row per member.

    The one seam where the term weights' uncertainty enters the ensembles.

    Parameters
    ----------
    u : ndarray (B, k)
        Uniform numbers in ``[0, 1)``, ``k = len(term_names)``.
    term_names : tuple of str
        The system's terms (``System.term_names``).
    base_weights : ndarray (k,)
        The weights the system's term contributions were built with (``propensity.toml``).
    draws : WeightDrawsLike, optional
        Fitted weights with their uncertainty (issue 11). Each member takes row
        ``floor(u[:, 0] * n_draws)`` and the multiplier of term ``t`` is
        ``draws[row, t] / base_weights[t]`` (1 for terms the draws do not name or whose base
        weight is 0).
    sigma : float
        Without ``draws``: the judgement prior, multiplier ``exp(sigma * z)`` with ``z``
        standard normal per term (``UncertaintySpec.term_weight_sigma``).

    Examples
    --------
    >>> import numpy as np
    >>> u = np.array([[0.5, 0.5]])
    >>> sample_term_weights(u, ("a", "b"), np.array([1.0, 2.0])).tolist()
    [[1.0, 1.0]]
    >>> class W:
    ...     terms = ("b",); mean = np.array([3.0]); draws = np.array([[4.0], [6.0]]); source = "x"
    >>> sample_term_weights(np.array([[0.9, 0.1]]), ("a", "b"), np.array([1.0, 2.0]),
    ...                     draws=W()).tolist()
    [[1.0, 3.0]]
    """
    uu = np.asarray(u, dtype=float)
    if draws is None:
        return np.exp(sigma * _ndtri(uu))
    d = np.asarray(draws.draws, dtype=float)
    rows = np.minimum((uu[:, 0] * d.shape[0]).astype(np.int64), d.shape[0] - 1)
    out = np.ones((uu.shape[0], len(term_names)))
    for k, t in enumerate(term_names):
        if t in draws.terms and base_weights[k] != 0:
            out[:, k] = d[rows, draws.terms.index(t)] / base_weights[k]
    return out


@dataclass(frozen=True)
class InputLayout:
    """Named blocks of a member's uniform inputs, in draw order.

    Attributes
    ----------
    blocks : tuple of (name, width)
    """

    blocks: tuple[tuple[str, int], ...]

    @property
    def width(self) -> int:
        """Total number of uniform inputs per member."""
        return sum(w for _, w in self.blocks)

    def slice(self, name: str) -> slice:
        """Columns of block ``name``."""
        start = 0
        for n, w in self.blocks:
            if n == name:
                return slice(start, start + w)
            start += w
        raise KeyError(name)

    def names(self) -> list[str]:
        """Block names, in order."""
        return [n for n, w in self.blocks if w > 0]


def make_layout(spec: ScenarioSpec, system: System) -> InputLayout:
    """The input blocks of ``spec`` on ``system`` (levers and explicit inputs last)."""
    n, k, m = len(system.actors), len(system.term_names), len(system.issues)
    blocks: list[tuple[str, int]] = [
        ("capability_measure", 1),
        ("composite_weights", 4),
        ("distance_decay", 1),
        ("growth_model", 1),
        ("growth_rates", n),
        ("term_weights", k),
        ("propensity_noise", n * (n - 1) // 2),
        ("bloc_count", 1),
        ("control_threshold", 1),
        ("positions", m * n),
        ("saliences", m * n),
    ]
    blocks += [(f"lever:{lv.id}", 1) for lv in spec.levers]
    blocks += [(f"input:{j}", 1) for j in range(len(spec.uncertainty.inputs))]
    return InputLayout(tuple(blocks))


def draw_units(layout: InputLayout, root: int, members: range) -> NDArray[np.float64]:
    """Member ``i``'s uniform inputs from child ``i`` of ``root``: ``(len(members), width)``."""
    out = np.empty((len(members), layout.width))
    for row, i in enumerate(members):
        out[row] = member_generator(root, i).random(layout.width)
    return out


@dataclass(frozen=True)
class Draws:
    """The sampled inputs of a batch of members (see :func:`transform`)."""

    measure: NDArray[np.int64]
    base_shares: NDArray[np.float64]
    decay: NDArray[np.float64]
    growth_model: NDArray[np.int64]
    growth: NDArray[np.float64]
    wmult: NDArray[np.float64]
    noise: NDArray[np.float64]
    blocs: NDArray[np.int64]
    threshold: NDArray[np.float64]
    pos_noise: NDArray[np.float64]
    sal_noise: NDArray[np.float64]
    lam: NDArray[np.float64]
    extra: NDArray[np.float64]


def _categorical(u: NDArray[np.float64], k: int) -> NDArray[np.int64]:
    return np.minimum((u * k).astype(np.int64), k - 1)


def _base_shares(
    system: System, measure: NDArray[np.int64], u_comp: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Base-year capability shares of each member under its drawn measure (before decay)."""
    b = measure.size
    comps = system.composite_components
    if comps is None or system.measure_shares is None:
        return np.tile(system.shares, (b, 1))
    w = np.asarray(system.composite_weights) * np.exp(COMPOSITE_SIGMA * _ndtri(u_comp))
    keep = comps.sum(axis=1) > 0
    w = np.where(keep[None, :], w, 0.0)
    comp = (w / w.sum(axis=1, keepdims=True)) @ comps
    out = np.asarray(system.measure_shares)[np.minimum(measure, len(CAPABILITY_MEASURES) - 2)]
    is_comp = measure == CAPABILITY_MEASURES.index("composite")
    return np.where(is_comp[:, None], comp, out)


def transform(
    u: NDArray[np.float64],
    layout: InputLayout,
    spec: ScenarioSpec,
    system: System,
    draws: WeightDrawsLike | None = None,
) -> Draws:
    """Turn uniform inputs ``(B, width)`` into a batch's draws.

    Lever intensities drawn outside ``[0, 2]`` are clipped to it (the caller warns: see
    :func:`realpolitik.scenarios.members.evaluate_units`).
    """
    sy, un = system, spec.uncertainty
    n, m = len(sy.actors), len(sy.issues)
    b = u.shape[0]

    def col(name: str) -> NDArray[np.float64]:
        return u[:, layout.slice(name)]

    measure = _categorical(col("capability_measure")[:, 0], len(CAPABILITY_MEASURES))
    gm = _categorical(col("growth_model")[:, 0], len(GROWTH_MODELS))
    factor = np.array([GROWTH_TREND_FACTOR[g] for g in GROWTH_MODELS])[gm]
    growth = factor[:, None] * sy.growth_mean + un.growth_sd_scale * sy.growth_sd * _ndtri(
        col("growth_rates")
    )
    iu = np.triu_indices(n, 1)
    noise = np.zeros((b, n, n))
    noise[:, iu[0], iu[1]] = _ndtri(col("propensity_noise")) * un.propensity_noise
    noise = noise + np.swapaxes(noise, 1, 2)
    counts = tuple(c for c in BLOC_COUNTS if c <= spec.blocs)
    lo, hi = DECAY_RANGE
    tlo, thi = THRESHOLD_RANGE
    lam = np.empty((b, len(spec.levers)))
    for j, lv in enumerate(spec.levers):
        d = lv.intensity
        uj = col(f"lever:{lv.id}")[:, 0]
        lam[:, j] = float(d) if isinstance(d, float | int) else d.ppf(uj)
    extra = np.empty((b, len(un.inputs)))
    for j, inp in enumerate(un.inputs):
        extra[:, j] = inp.distribution.ppf(col(f"input:{j}")[:, 0])
    return Draws(
        measure=measure,
        base_shares=_base_shares(sy, measure, col("composite_weights")),
        decay=lo + (hi - lo) * col("distance_decay")[:, 0],
        growth_model=gm,
        growth=growth,
        wmult=sample_term_weights(
            col("term_weights"),
            sy.term_names,
            sy.base_term_weights,
            draws=draws,
            sigma=un.term_weight_sigma,
        ),
        noise=noise,
        blocs=np.array(counts)[_categorical(col("bloc_count")[:, 0], len(counts))],
        threshold=tlo + (thi - tlo) * col("control_threshold")[:, 0],
        pos_noise=_ndtri(col("positions")).reshape(b, m, n) * un.position_sd,
        sal_noise=_ndtri(col("saliences")).reshape(b, m, n) * un.salience_sd,
        lam=lam,
        extra=extra,
    )

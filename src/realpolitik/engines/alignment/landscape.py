"""Landscape theory of aggregation (Axelrod & Bennett 1993): energy, local minima, basins.

Actors ``i`` have sizes ``s_i > 0``; pairs have propensities ``p_ij`` (positive: they want to be
in the same bloc). A configuration ``X`` puts every actor in one of ``k`` blocs; ``d_ij(X)`` is 1
when ``i`` and ``j`` are apart. The energy (frustration) of ``X`` sums over *ordered* pairs, as in
the paper, so each unordered pair counts twice:

    E(X) = sum_{i != j} s_i s_j p_ij d_ij(X)

A configuration is a *local minimum* (a predicted stable alignment) when no single actor can
*strictly* lower ``E`` by switching to another bloc. From any configuration, *steepest descent*
repeatedly makes the switch with the largest decrease; ties (within a tolerance of ``1e-9``
times the largest ``|W_ij|``) go to the lowest actor index and then the lowest target bloc in the
canonical labelling (blocs numbered in order of their first member). The *basin* of a minimum
is the share of all configurations whose descent ends there.

Configurations are counted modulo relabelling of the blocs: with two blocs there are
``2**(n-1)`` of them (the all-in-one-bloc configuration included); with ``k`` blocs,
``sum_{j<=k} S(n, j)`` (Stirling numbers of the second kind). A bloc may be empty.

Solvers
-------
``"exact"``
    Every configuration is visited (vectorised numpy, chunks of 2**16); all minima, energies
    and exact basins. Two blocs: practical to about 24-26 actors for basins and 34 for the
    global minimum alone (:func:`global_minimum` with ``method="enumerate"``).
``"milp"``
    The global minimum is certified by a MILP (HiGHS); the list of minima and their basins
    come from multi-start steepest descent (``starts`` random configurations), so they are a
    sample: ``minima_complete`` is False and basins are estimated shares of the starts.
``"heuristic"``
    Multi-start steepest descent only; nothing is certified.
``"enumerate"``
    Two blocs: the global minimum is certified by exhaustive enumeration
    (:func:`global_minimum` with ``method="enumerate"``); minima and basins are sampled by
    multi-start descent as for ``milp``.
``"branch"``
    Two blocs: the global minimum is certified by branch and bound
    (:mod:`realpolitik.engines.alignment._branch`: Russian-doll bounds, the first actor fixed
    against the bloc swap, warm-started from the best descent); minima and basins are sampled
    as for ``milp``. Should the search run out of ``time_limit``, the MILP gets the time left.
``"auto"``
    ``exact`` up to :data:`EXACT_AUTO_MAX` actors (two blocs) or when the k-bloc space has at
    most :data:`K_EXACT_MAX_CONFIGURATIONS` configurations; for two blocs ``branch`` beyond
    (0.3-0.4 s at n = 40, where the MILP took 88 s: docs/benchmarks.md); ``heuristic`` for
    more blocs.

References
----------
Axelrod, R., & Bennett, D. S. (1993). A landscape theory of aggregation. *British Journal of
Political Science*, 23(2), 211-233.

Galam, S. (1996). Fragmentation versus stability in bimodal coalitions. *Physica A*, 230,
174-188 (shows the two-bloc landscape is an Ising spin glass; the global minimum of a
frustrated system can be far from unique).

Examples
--------
>>> import numpy as np
>>> sizes = np.array([1.0, 1.0, 1.0])
>>> P = np.array([[0, 1, -1], [1, 0, -1], [-1, -1, 0]], dtype=float)
>>> r = landscape(sizes, P)
>>> r.solver, r.configurations, len(r.minima)
('exact', 4, 1)
>>> r.minima[0].assignment.tolist(), r.minima[0].energy, r.minima[0].basin
([0, 0, 1], -4.0, 1.0)
>>> energy(sizes, P, [0, 0, 0])
0.0
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from realpolitik._rng import RNGLike, as_generator
from realpolitik.engines.alignment._branch import branch_and_bound
from realpolitik.engines.alignment._enumerate import (
    canonical_labels,
    enumerate_global_minimum,
    enumerate_k_blocs,
    enumerate_two_blocs,
    k_bloc_moves,
    steepest_moves,
)
from realpolitik.errors import ModelError

__all__ = [
    "ENUMERATE_AUTO_MAX",
    "EXACT_AUTO_MAX",
    "EXACT_MAX",
    "K_EXACT_MAX_CONFIGURATIONS",
    "LandscapeResult",
    "LocalMinimum",
    "Solver",
    "configuration_count",
    "energy",
    "global_minimum",
    "interaction_matrix",
    "is_local_minimum",
    "landscape",
    "local_search",
]

Solver = Literal["auto", "exact", "enumerate", "branch", "milp", "heuristic"]

EXACT_AUTO_MAX = 24
"""Largest n for which ``solver="auto"`` enumerates two-bloc landscapes (about 2 s at n = 24)."""

ENUMERATE_AUTO_MAX = 33
"""Largest n for which ``solver="auto"`` certifies the two-bloc global minimum by enumeration.

The crossover measured by ``benchmarks/bench_alignment.py`` (docs/benchmarks.md), with the
float32 scan: enumeration (``2**(n-1)`` configurations, time doubling with each actor) was
5-12x faster than the HiGHS MILP at n = 30 and 1.95x at n = 32, and 0.62x as fast at n = 34
in the same run; the log-linear crossover lies at n = 33.2. ``auto`` now certifies beyond
:data:`EXACT_AUTO_MAX` by branch and bound, faster than both (kept for the benchmark)."""

EXACT_MAX = 28
"""Largest n accepted by ``solver="exact"`` for all minima and basins (memory: 2**(n-1) ints)."""

K_EXACT_MAX_CONFIGURATIONS = 2_000_000
"""Largest k-bloc configuration count that ``solver="auto"`` enumerates."""


@dataclass(frozen=True)
class LocalMinimum:
    """One stable configuration.

    Attributes
    ----------
    assignment : ndarray of int, shape (n,)
        Bloc of each actor, canonical (actor 0 in bloc 0, new blocs numbered in order).
    energy : float
        ``E(X)``.
    basin : float
        Share of configurations (exact) or of random starts (sampled) that descend here.
    basin_size : int
        Number of configurations (exact) or starts (sampled) that descend here.
    """

    assignment: NDArray[np.int64]
    energy: float
    basin: float
    basin_size: int

    def blocs(self, names: Sequence[str], k: int) -> list[list[str]]:
        """The ``k`` blocs as lists of names (empty blocs included, in canonical order)."""
        return [[names[int(i)] for i in np.flatnonzero(self.assignment == b)] for b in range(k)]


@dataclass(frozen=True)
class LandscapeResult:
    """The alignment landscape of a system.

    Attributes
    ----------
    n, blocs : int
        Number of actors and of blocs.
    configurations : int
        Size of the configuration space, modulo relabelling of blocs (see module docs).
    solver : {"exact", "enumerate", "branch", "milp", "heuristic"}
        What produced the result.
    certified : bool
        The global minimum energy is proven (exact enumeration, or MILP optimal).
    minima_complete : bool
        ``minima`` lists every local minimum with exact basins (exact enumeration only).
    global_minimum_energy : float
    global_minimum : ndarray of int
        A configuration attaining it.
    minima : tuple of LocalMinimum
        Sorted by energy (then by larger basin).
    starts : int
        Number of configurations descended (all of them when exact).
    notes : tuple of str
        Caveats (e.g. a MILP time-out).
    """

    n: int
    blocs: int
    configurations: int
    solver: Literal["exact", "enumerate", "branch", "milp", "heuristic"]
    certified: bool
    minima_complete: bool
    global_minimum_energy: float
    global_minimum: NDArray[np.int64]
    minima: tuple[LocalMinimum, ...]
    starts: int
    notes: tuple[str, ...] = field(default=())

    def to_dict(self, names: Sequence[str]) -> dict[str, object]:
        """The JSON shape of ``realpolitik align --json``."""
        return {
            "n": self.n,
            "configurations": self.configurations,
            "solver": self.solver,
            "certified": self.certified,
            "global_minimum_energy": self.global_minimum_energy,
            "minima": [
                {
                    "blocs": m.blocs(names, self.blocs),
                    "energy": m.energy,
                    "basin": m.basin,
                    "basin_size": m.basin_size,
                }
                for m in self.minima
            ],
            "blocs_k": self.blocs,
            "minima_complete": self.minima_complete,
            "basin_method": "exact" if self.minima_complete else "sampled",
            "starts": self.starts,
            "global_minimum_blocs": LocalMinimum(self.global_minimum, 0.0, 0.0, 0).blocs(
                names, self.blocs
            ),
            "notes": list(self.notes),
        }


# ----------------------------------------------------------------------------- helpers


def interaction_matrix(sizes: ArrayLike, P: ArrayLike) -> NDArray[np.float64]:
    """``W_ij = s_i s_j p_ij`` with a zero diagonal, after validating the inputs.

    Raises ``ValueError`` for plain argument misuse: non-1-D sizes, a non-square or
    asymmetric ``P``, shapes that disagree, non-finite values or sizes ``<= 0``.

    Examples
    --------
    >>> interaction_matrix([1.0, 2.0], [[0.0, 0.5], [0.5, 0.0]]).tolist()
    [[0.0, 1.0], [1.0, 0.0]]
    """
    s = np.asarray(sizes, dtype=float)
    p = np.asarray(P, dtype=float)
    if s.ndim != 1 or s.size < 1:
        raise ValueError("sizes must be a non-empty 1-D array")
    if p.ndim != 2 or p.shape[0] != p.shape[1]:
        raise ValueError(f"P must be a square matrix, got shape {p.shape}")
    if p.shape[0] != s.size:
        raise ValueError(f"P is {p.shape[0]}x{p.shape[0]} but there are {s.size} sizes")
    if not np.all(np.isfinite(s)) or not np.all(np.isfinite(p)):
        raise ValueError("sizes and P must be finite (no NaN or inf)")
    if np.any(s <= 0):
        raise ValueError("sizes must be > 0")
    scale = max(1.0, float(np.abs(p).max(initial=0.0)))
    if not np.allclose(p, p.T, rtol=0.0, atol=1e-9 * scale):
        raise ValueError("P must be symmetric (p_ij == p_ji)")
    w: NDArray[np.float64] = np.outer(s, s) * (p + p.T) / 2.0
    np.fill_diagonal(w, 0.0)
    return w


def _tol(W: NDArray[np.float64]) -> float:
    return 1e-9 * float(np.abs(W).max(initial=0.0))


def configuration_count(n: int, k: int = 2) -> int:
    """Number of configurations of ``n`` actors in at most ``k`` unlabelled blocs.

    Examples
    --------
    >>> configuration_count(4), configuration_count(4, 3), configuration_count(30)
    (8, 14, 536870912)
    """
    if n < 1 or k < 1:
        raise ValueError("n and k must be >= 1")
    # S(n, j) by the recurrence S(i, j) = j S(i-1, j) + S(i-1, j-1).
    row = [1] + [0] * k  # S(0, .)
    for _ in range(n):
        row = [0] + [j * row[j] + row[j - 1] for j in range(1, k + 1)]
    return sum(row[1:])


def energy(sizes: ArrayLike, P: ArrayLike, assignment: ArrayLike) -> float:
    """Energy ``E(X) = sum_{i != j} s_i s_j p_ij d_ij(X)`` of one configuration.

    Parameters
    ----------
    sizes : array_like, shape (n,)
    P : array_like, shape (n, n)
        Symmetric propensities (diagonal ignored).
    assignment : array_like of int, shape (n,)
        Any bloc labels.

    Examples
    --------
    >>> energy([1, 1], [[0, 2], [2, 0]], [0, 1])
    4.0
    """
    W = interaction_matrix(sizes, P)
    a = np.asarray(assignment)
    if a.shape != (W.shape[0],):
        raise ValueError("assignment must have one bloc label per actor")
    return float((W * (a[:, None] != a[None, :])).sum())


def is_local_minimum(sizes: ArrayLike, P: ArrayLike, assignment: ArrayLike, k: int = 2) -> bool:
    """True when no single actor can strictly lower the energy by moving to another bloc.

    Moves to any of the ``k`` blocs are tried (an empty one included while fewer than ``k``
    blocs are in use).

    Examples
    --------
    >>> P = [[0, 1], [1, 0]]
    >>> is_local_minimum([1, 1], P, [0, 0]), is_local_minimum([1, 1], P, [0, 1])
    (True, False)
    """
    W = interaction_matrix(sizes, P)
    a = canonical_labels(np.asarray(assignment)[None, :], max(k, int(np.max(assignment)) + 1))
    if int(a.max()) >= k:
        raise ValueError(f"assignment uses more than {k} blocs")
    _, delta = k_bloc_moves(W, a, k)
    return bool(delta.min() >= -_tol(W))


def _sorted_minima(minima: list[LocalMinimum]) -> tuple[LocalMinimum, ...]:
    return tuple(sorted(minima, key=lambda m: (m.energy, -m.basin, tuple(m.assignment.tolist()))))


def _two_bloc_assignment(code: int, n: int) -> NDArray[np.int64]:
    a = np.zeros(n, dtype=np.int64)
    a[1:] = (code >> np.arange(n - 1)) & 1
    return a


# ----------------------------------------------------------------------------- local search


def local_search(
    W: NDArray[np.float64],
    k: int = 2,
    *,
    starts: int = 4096,
    rng: RNGLike = None,
    max_steps: int = 10_000,
) -> tuple[list[LocalMinimum], int]:
    """Multi-start steepest descent from uniformly random configurations (uncertified).

    Every start is descended with the same rule as the exact solver (largest decrease; ties
    to the lowest actor, then the lowest bloc), vectorised over starts. Distinct end points
    are returned with the share of starts that reached each (a Monte Carlo estimate of the
    basin under uniform sampling of labelled configurations).

    Returns ``(minima, starts)``.
    """
    n = W.shape[0]
    gen = as_generator(rng)
    tol = _tol(W)
    a = gen.integers(0, k, size=(starts, n)).astype(np.int8)
    active = np.ones(starts, dtype=bool)
    for _ in range(max_steps):
        idx = np.flatnonzero(active)
        if idx.size == 0:
            break
        a[idx] = canonical_labels(a[idx], k)
        _, delta = k_bloc_moves(W, a[idx], k)
        improving, actor, bloc = steepest_moves(delta, tol)
        rr = idx[improving]
        a[rr, actor[improving]] = bloc[improving]
        active[idx[~improving]] = False
    else:  # pragma: no cover - descent strictly lowers E, so it ends
        raise ModelError("local search did not converge; report this with the input")
    canon = canonical_labels(a, k)
    uniq, counts = np.unique(canon, axis=0, return_counts=True)
    energies, _ = k_bloc_moves(W, uniq, k)
    minima = [
        LocalMinimum(
            assignment=u.astype(np.int64),
            energy=float(e),
            basin=float(c) / starts,
            basin_size=int(c),
        )
        for u, e, c in zip(uniq, energies, counts, strict=True)
    ]
    return minima, starts


# ----------------------------------------------------------------------------- global minimum


def global_minimum(
    sizes: ArrayLike,
    P: ArrayLike,
    *,
    method: Literal["enumerate", "branch", "milp"] = "milp",
    time_limit: float | None = None,
) -> tuple[float, NDArray[np.int64], bool]:
    """Global minimum of the two-bloc energy: ``(energy, assignment, certified)``.

    ``method="enumerate"`` visits all ``2**(n-1)`` configurations (always certified;
    practical to about n = 34); ``method="branch"`` runs the branch and bound of
    :mod:`~realpolitik.engines.alignment._branch` (certified when it ends within
    ``time_limit``); ``method="milp"`` solves the max-cut MILP with HiGHS (certified when
    HiGHS proves optimality within ``time_limit``).

    Examples
    --------
    >>> P = [[0, 1, -1], [1, 0, -1], [-1, -1, 0]]
    >>> e1, a1, c1 = global_minimum([1, 1, 1], P, method="enumerate")
    >>> e2, a2, c2 = global_minimum([1, 1, 1], P, method="milp")
    >>> e3, a3, c3 = global_minimum([1, 1, 1], P, method="branch")
    >>> e1 == e2 == e3, a1.tolist() == a2.tolist() == a3.tolist(), c1 and c2 and c3
    (True, True, True)
    """
    W = interaction_matrix(sizes, P)
    n = W.shape[0]
    if method == "enumerate":
        e, code = enumerate_global_minimum(W)
        return float(e), _two_bloc_assignment(code, n), True
    if method == "branch":
        found = branch_and_bound(W, time_limit=time_limit)
        return found.energy, found.x, found.certified
    if method == "milp":
        from realpolitik.engines.alignment.milp import two_bloc_milp

        res = two_bloc_milp(W, time_limit=time_limit)
        return res.objective, res.x, res.certified
    raise ValueError(f"unknown method {method!r}: use 'enumerate', 'branch' or 'milp'")


# ----------------------------------------------------------------------------- main entry


def landscape(
    sizes: ArrayLike,
    P: ArrayLike,
    *,
    blocs: int = 2,
    solver: Solver = "auto",
    rng: RNGLike = None,
    starts: int = 4096,
    time_limit: float | None = 60.0,
) -> LandscapeResult:
    """Every local minimum of the alignment landscape, with energies and basins.

    Parameters
    ----------
    sizes : array_like, shape (n,)
        Actor sizes, ``> 0``.
    P : array_like, shape (n, n)
        Symmetric propensities, taken as given (diagonal ignored).
    blocs : int, default 2
        Number of blocs ``k >= 2`` (empty blocs allowed).
    solver : {"auto", "exact", "milp", "heuristic"}
        See the module docs. ``"milp"`` needs ``blocs == 2``.
    rng : int, Generator or None
        Seed of the random starts (``milp``/``heuristic`` only).
    starts : int, default 4096
        Random starts of the descent sample (``milp``/``heuristic``).
    time_limit : float or None, default 60
        Seconds for HiGHS (``milp``).

    Returns
    -------
    LandscapeResult

    Raises
    ------
    ValueError
        Misused arguments (see :func:`interaction_matrix`), ``blocs < 2``, or an exact
        enumeration too large to attempt.

    Notes
    -----
    Exact two-bloc enumeration costs ``O(n 2**(n-1))`` time and ``O(2**(n-1))`` memory
    (0.2 s at n = 20 on the 2-core reference machine; see docs/benchmarks.md). The global
    minimum is always among the local minima; ties between equal-energy configurations are
    reported as separate minima.

    Examples
    --------
    Two camps that dislike each other (planted):

    >>> import numpy as np
    >>> camp = np.array([0, 0, 1, 1])
    >>> P = np.where(camp[:, None] == camp[None, :], 1.0, -1.0)
    >>> np.fill_diagonal(P, 0)
    >>> r = landscape(np.ones(4), P)
    >>> r.global_minimum.tolist(), r.certified, r.minima_complete
    ([0, 0, 1, 1], True, True)
    """
    W = interaction_matrix(sizes, P)
    n = W.shape[0]
    if not isinstance(blocs, int | np.integer) or blocs < 2:
        raise ValueError("blocs must be an integer >= 2")
    k = int(blocs)
    count = configuration_count(n, k)
    chosen = _choose_solver(solver, n, k, count)
    if chosen == "exact":
        return _exact(W, k, count)
    return _sampled(W, k, count, chosen, rng=rng, starts=starts, time_limit=time_limit)


def _choose_solver(solver: str, n: int, k: int, count: int) -> str:
    """``solver``, with ``"auto"`` resolved by size (see the module docs); checks the pairing."""
    if solver == "auto":
        if k > 2:
            return "exact" if count <= K_EXACT_MAX_CONFIGURATIONS else "heuristic"
        if n <= EXACT_AUTO_MAX:
            return "exact"
        return "branch"
    if solver not in ("exact", "enumerate", "branch", "milp", "heuristic"):
        raise ValueError(
            f"unknown solver {solver!r}: use auto, exact, enumerate, branch, milp or heuristic"
        )
    if solver in ("milp", "enumerate", "branch") and k != 2:
        raise ValueError(f"solver={solver!r} supports blocs=2 only; use 'heuristic' for k > 2")
    return solver


def _exact(W: NDArray[np.float64], k: int, count: int) -> LandscapeResult:
    """Every configuration descended: all minima with exact basins."""
    n = W.shape[0]
    tol = _tol(W)
    if k == 2:
        if n > EXACT_MAX:
            raise ValueError(
                f"exact enumeration of all minima is limited to n <= {EXACT_MAX} "
                f"(got n = {n}); use solver='milp'"
            )
        ex = enumerate_two_blocs(W, tol)
        found = [
            (_two_bloc_assignment(int(c), n), e, b)
            for c, e, b in zip(ex.codes, ex.energies, ex.basin_sizes, strict=True)
        ]
        total = ex.total
    else:
        if count > 50 * K_EXACT_MAX_CONFIGURATIONS:
            raise ValueError(
                f"{count} configurations are too many to enumerate; use solver='heuristic'"
            )
        labels, energies, sizes_b, _, total = enumerate_k_blocs(W, k, tol)
        found = [
            (lab.astype(np.int64), e, b)
            for lab, e, b in zip(labels, energies, sizes_b, strict=True)
        ]
    minima = [
        LocalMinimum(assignment=a, energy=float(e), basin=float(b) / total, basin_size=int(b))
        for a, e, b in found
    ]
    ordered = _sorted_minima(minima)
    best = ordered[0]
    return LandscapeResult(
        n=n,
        blocs=k,
        configurations=count,
        solver="exact",
        certified=True,
        minima_complete=True,
        global_minimum_energy=best.energy,
        global_minimum=best.assignment,
        minima=ordered,
        starts=count,
    )


def _certify(
    W: NDArray[np.float64], solver: str, time_limit: float | None, start: NDArray[np.int64]
) -> tuple[float, NDArray[np.int64], bool, str]:
    """Two-bloc global minimum ``(energy, canonical assignment, certified, status)``;
    ``start`` is the best assignment known (the warm start of the branch and bound)."""
    n = W.shape[0]
    if solver == "enumerate":
        e, code = enumerate_global_minimum(W)
        return float(e), _two_bloc_assignment(code, n), True, "optimal"
    if solver == "branch":
        began = time.monotonic()
        found = branch_and_bound(W, start=start, time_limit=time_limit)
        if found.certified:
            return found.energy, found.x, True, "optimal (branch and bound)"
        if time_limit is not None:  # the MILP gets the time left
            time_limit = max(1.0, time_limit - (time.monotonic() - began))
    from realpolitik.engines.alignment.milp import two_bloc_milp

    res = two_bloc_milp(W, time_limit=time_limit)
    x = canonical_labels(res.x[None, :], 2)[0].astype(np.int64)
    return res.objective, x, res.certified, res.status


def _sampled(
    W: NDArray[np.float64],
    k: int,
    count: int,
    solver: str,
    *,
    rng: RNGLike,
    starts: int,
    time_limit: float | None,
) -> LandscapeResult:
    """Minima and basins sampled by multi-start descent; the global minimum certified by
    enumeration or the MILP (two blocs), or the best start (``heuristic``)."""
    sampled, n_starts = local_search(W, k, starts=starts, rng=rng)
    notes: list[str] = [
        f"minima and basins from {n_starts} random starts of steepest descent (a sample)"
    ]
    certified = False
    best = min(sampled, key=lambda m: m.energy)
    best_e, best_a = best.energy, best.assignment
    if solver in ("enumerate", "branch", "milp"):
        energy_, x, certified, status = _certify(W, solver, time_limit, best_a)
        if not certified:
            notes.append(f"HiGHS stopped before proving optimality: {status}")
        if not any(np.array_equal(m.assignment, x) for m in sampled):
            sampled.append(LocalMinimum(assignment=x, energy=energy_, basin=0.0, basin_size=0))
            notes.append("the certified optimum was reached by no random start (basin < 1/starts)")
        if certified or energy_ < best_e:
            best_e, best_a = energy_, x
    return LandscapeResult(
        n=W.shape[0],
        blocs=k,
        configurations=count,
        solver=solver,  # type: ignore[arg-type]
        certified=certified,
        minima_complete=False,
        global_minimum_energy=float(best_e),
        global_minimum=best_a,
        minima=_sorted_minima(sampled),
        starts=n_starts,
        notes=tuple(notes),
    )

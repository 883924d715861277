"""Landscape theory engine: fast enumeration against a naive brute force, invariances,
planted camps, the single-switch test, MILP against enumeration, k blocs."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from realpolitik.engines.alignment._enumerate import restricted_growth_strings
from realpolitik.engines.alignment.landscape import (
    ENUMERATE_AUTO_MAX,
    EXACT_AUTO_MAX,
    configuration_count,
    energy,
    global_minimum,
    interaction_matrix,
    is_local_minimum,
    landscape,
)

# ----------------------------------------------------------------------------- naive reference


def _naive_two_blocs(s: np.ndarray, p: np.ndarray) -> dict[tuple[int, ...], tuple[float, float]]:
    """All local minima -> (energy, basin) by brute force over *labelled* configurations.

    Energies straight from the definition (ordered pairs); a switch is judged by the energy
    difference of the two configurations; steepest descent is followed start by start, ties to
    the lowest actor index. Both labellings of a partition are started, so counts are halved.
    """
    n = len(s)
    configs = list(itertools.product((0, 1), repeat=n))
    C = np.array(configs)
    W = np.outer(s, s) * p
    np.fill_diagonal(W, 0.0)
    apart = C[:, :, None] != C[:, None, :]
    E = dict(zip(configs, (apart * W).sum(axis=(1, 2)).tolist(), strict=True))

    def flip(c: tuple[int, ...], i: int) -> tuple[int, ...]:
        return tuple(1 - v if k == i else v for k, v in enumerate(c))

    def canon(c: tuple[int, ...]) -> tuple[int, ...]:
        return c if c[0] == 0 else tuple(1 - v for v in c)

    ends: dict[tuple[int, ...], int] = {}
    for c in configs:
        cur = c
        while True:
            best, best_i = 0.0, -1
            for i in range(n):
                d = E[flip(cur, i)] - E[cur]
                if d < best:  # strictly lower; '<' keeps the lowest index on ties
                    best, best_i = d, i
            if best_i < 0:
                break
            cur = flip(cur, best_i)
        key = canon(cur)
        ends[key] = ends.get(key, 0) + 1
    return {k: (E[k], v / len(configs)) for k, v in ends.items()}


def _naive_k_blocs(W: np.ndarray, k: int) -> dict[tuple[int, ...], tuple[float, float]]:
    """k-bloc brute force over canonical partitions (first-use labelling)."""
    n = W.shape[0]

    def canon(c: tuple[int, ...]) -> tuple[int, ...]:
        m: dict[int, int] = {}
        return tuple(m.setdefault(v, len(m)) for v in c)

    parts = sorted({canon(c) for c in itertools.product(range(k), repeat=n)})

    def E(c: tuple[int, ...]) -> float:
        return float(sum(W[i, j] for i in range(n) for j in range(n) if c[i] != c[j]))

    energies = {c: E(c) for c in parts}
    ends: dict[tuple[int, ...], int] = {}
    for c in parts:
        cur = c
        while True:
            best, move = 0.0, None
            for i in range(n):
                for b in range(k):
                    if b == cur[i]:
                        continue
                    nxt = canon(tuple(b if j == i else v for j, v in enumerate(cur)))
                    d = energies[nxt] - energies[cur]
                    if d < best:
                        best, move = d, nxt
            if move is None:
                break
            cur = move
        ends[cur] = ends.get(cur, 0) + 1
    return {c: (energies[c], v / len(parts)) for c, v in ends.items()}


@st.composite
def integer_systems(draw: st.DrawFn, max_n: int = 12) -> tuple[np.ndarray, np.ndarray]:
    """Integer sizes and propensities: every comparison is exact, so ties are real ties."""
    n = draw(st.integers(2, max_n))
    s = np.array(draw(st.lists(st.integers(1, 5), min_size=n, max_size=n)), dtype=float)
    upper = draw(st.lists(st.integers(-4, 4), min_size=n * (n - 1) // 2, max_size=n * (n - 1) // 2))
    p = np.zeros((n, n))
    p[np.triu_indices(n, 1)] = upper
    return s, p + p.T


@st.composite
def float_systems(draw: st.DrawFn, max_n: int = 10) -> tuple[np.ndarray, np.ndarray]:
    """Continuous random systems (ties have probability zero)."""
    n = draw(st.integers(2, max_n))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    s = rng.uniform(0.05, 1.0, n)
    p = rng.uniform(-1, 1, (n, n))
    p = (p + p.T) / 2
    np.fill_diagonal(p, 0)
    return s, p


def _as_dict(result: object) -> dict[tuple[int, ...], tuple[float, float]]:
    return {
        tuple(int(v) for v in m.assignment): (m.energy, m.basin)
        for m in result.minima  # type: ignore[attr-defined]
    }


# ----------------------------------------------------------------------------- properties


def _assert_same_minima(
    got: dict[tuple[int, ...], tuple[float, float]],
    want: dict[tuple[int, ...], tuple[float, float]],
) -> None:
    """The same minima with the same energies and basins."""
    assert got.keys() == want.keys()
    for key, (e, basin) in want.items():
        assert got[key][0] == pytest.approx(e, abs=1e-9)
        assert got[key][1] == pytest.approx(basin, abs=1e-12)


@settings(max_examples=50, deadline=None)
@given(integer_systems(max_n=12))
def test_enumeration_equals_naive_brute_force(system: tuple[np.ndarray, np.ndarray]) -> None:
    s, p = system
    fast = _as_dict(landscape(s, p, solver="exact"))
    slow = _naive_two_blocs(s, p)
    _assert_same_minima(fast, slow)


@settings(max_examples=25, deadline=None)
@given(integer_systems(max_n=6), st.integers(3, 4))
def test_k_bloc_enumeration_equals_naive(system: tuple[np.ndarray, np.ndarray], k: int) -> None:
    s, p = system
    W = interaction_matrix(s, p)
    fast = _as_dict(landscape(s, p, blocs=k, solver="exact"))
    slow = _naive_k_blocs(W, k)
    _assert_same_minima(fast, slow)


@settings(max_examples=30, deadline=None)
@given(integer_systems(max_n=9))
def test_k_bloc_code_path_agrees_with_two_bloc_path_at_k2(
    system: tuple[np.ndarray, np.ndarray],
) -> None:
    from realpolitik.engines.alignment._enumerate import enumerate_k_blocs

    s, p = system
    W = interaction_matrix(s, p)
    labels, energies, sizes, _, total = enumerate_k_blocs(W, 2, 0.0)
    general = {
        tuple(int(v) for v in lab): (float(e), b / total)
        for lab, e, b in zip(labels, energies, sizes, strict=True)
    }
    two = _as_dict(landscape(s, p, solver="exact"))
    _assert_same_minima(general, two)


@settings(max_examples=40, deadline=None)
@given(float_systems(max_n=10), st.randoms(use_true_random=False))
def test_invariant_under_relabelling_and_bloc_swap(
    system: tuple[np.ndarray, np.ndarray], rnd: object
) -> None:
    s, p = system
    n = len(s)
    perm = np.array(rnd.sample(range(n), n))  # type: ignore[attr-defined]
    a = np.array([rnd.randint(0, 1) for _ in range(n)])  # type: ignore[attr-defined]
    e = energy(s, p, a)
    assert energy(s, p, 1 - a) == pytest.approx(e)  # bloc swap
    assert energy(s[perm], p[np.ix_(perm, perm)], a[perm]) == pytest.approx(e)  # relabel
    r1 = landscape(s, p, solver="exact")
    r2 = landscape(s[perm], p[np.ix_(perm, perm)], solver="exact")
    assert sorted((round(m.energy, 9), round(m.basin, 12)) for m in r1.minima) == sorted(
        (round(m.energy, 9), round(m.basin, 12)) for m in r2.minima
    )
    # The same partitions, once actors are mapped back.
    back = {
        frozenset(frozenset(perm[np.flatnonzero(m.assignment == b)].tolist()) for b in (0, 1))
        for m in r2.minima
    }
    fwd = {
        frozenset(frozenset(np.flatnonzero(m.assignment == b).tolist()) for b in (0, 1))
        for m in r1.minima
    }
    assert back == fwd


@settings(max_examples=40, deadline=None)
@given(st.integers(4, 14), st.integers(0, 2**32 - 1), st.floats(0.0, 0.45))
def test_planted_two_camps_are_recovered(n: int, seed: int, noise: float) -> None:
    rng = np.random.default_rng(seed)
    camp = rng.integers(0, 2, n)
    camp[0], camp[1] = 0, 1  # both camps non-empty
    same = camp[:, None] == camp[None, :]
    base = np.where(same, 1.0, -1.0)
    jitter = rng.uniform(-noise, noise, (n, n))
    p = base + (jitter + jitter.T) / 2
    np.fill_diagonal(p, 0)
    s = rng.uniform(0.1, 2.0, n)
    r = landscape(s, p, solver="exact")
    assert r.global_minimum.tolist() == camp.tolist()
    assert r.minima[0].assignment.tolist() == camp.tolist()
    _, a_milp, certified = global_minimum(s, p, method="milp")
    assert certified and a_milp.tolist() == camp.tolist()


@settings(max_examples=40, deadline=None)
@given(float_systems(max_n=11), st.integers(2, 3))
def test_every_reported_minimum_passes_the_single_switch_test(
    system: tuple[np.ndarray, np.ndarray], k: int
) -> None:
    s, p = system
    r = landscape(s, p, blocs=k)
    tol = 1e-9 * np.abs(interaction_matrix(s, p)).max()
    assert r.minima_complete and sum(m.basin for m in r.minima) == pytest.approx(1.0)
    for m in r.minima:
        e = energy(s, p, m.assignment)
        assert e == pytest.approx(m.energy)
        for i in range(len(s)):
            for b in range(k):
                moved = m.assignment.copy()
                moved[i] = b
                assert energy(s, p, moved) >= e - tol
        assert is_local_minimum(s, p, m.assignment, k)


@settings(max_examples=30, deadline=None)
@given(float_systems(max_n=12))
def test_milp_optimum_equals_enumeration_optimum(system: tuple[np.ndarray, np.ndarray]) -> None:
    s, p = system
    e_enum, _, _ = global_minimum(s, p, method="enumerate")
    e_milp, a_milp, certified = global_minimum(s, p, method="milp")
    assert certified
    assert e_milp == pytest.approx(e_enum, abs=1e-9)
    assert energy(s, p, a_milp) == pytest.approx(e_enum, abs=1e-9)
    assert landscape(s, p, solver="exact").global_minimum_energy == pytest.approx(e_enum)


# ----------------------------------------------------------------------------- examples


def test_configuration_count_matches_the_enumerated_space() -> None:
    assert configuration_count(5, 2) == 2**4
    for n, k in [(5, 3), (6, 4), (7, 3)]:
        assert configuration_count(n, k) == len(restricted_growth_strings(n, k))
    # Bell number B(6) = 203 when k >= n.
    assert configuration_count(6, 6) == 203


def test_energy_counts_ordered_pairs() -> None:
    # One pair apart with s = (2, 3) and p = 1: the paper's sum counts (i, j) and (j, i).
    assert energy([2.0, 3.0], [[0, 1], [1, 0]], [0, 1]) == 12.0


def test_milp_and_heuristic_solvers_flag_their_status() -> None:
    n = 12
    s, p = _spin_glass(n, 3)
    exact = landscape(s, p, solver="exact")
    milp = landscape(s, p, solver="milp", rng=1, starts=512)
    heur = landscape(s, p, solver="heuristic", rng=1, starts=512)
    assert milp.certified and not milp.minima_complete
    assert not heur.certified and not heur.minima_complete
    assert milp.global_minimum_energy == pytest.approx(exact.global_minimum_energy)
    exact_keys = {tuple(m.assignment) for m in exact.minima}
    # Every sampled end point is a true local minimum.
    assert {tuple(m.assignment) for m in heur.minima} <= exact_keys
    assert sum(m.basin_size for m in heur.minima) == 512


def test_heuristic_k_blocs_end_in_local_minima() -> None:
    n = 30
    s, p = _spin_glass(n, 5)
    r = landscape(s, p, blocs=3, rng=2, starts=256)
    assert r.solver == "heuristic" and not r.certified
    for m in r.minima[:5]:
        assert is_local_minimum(s, p, m.assignment, 3)


def _spin_glass(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Sizes U(0.1, 1) and symmetric propensities U(-1, 1) averaged, zero diagonal."""
    rng = np.random.default_rng(seed)
    s = rng.uniform(0.1, 1, n)
    p = rng.uniform(-1, 1, (n, n))
    p = (p + p.T) / 2
    np.fill_diagonal(p, 0)
    return s, p


def _planted(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    camp = rng.integers(0, 2, n)
    camp[0] = 0
    p = np.where(camp[:, None] == camp[None, :], 1.0, -1.0) * rng.uniform(0.5, 1, (n, n))
    p = (p + p.T) / 2
    np.fill_diagonal(p, 0)
    return camp, p


@pytest.mark.parametrize(
    ("n", "solver"),
    [(EXACT_AUTO_MAX + 2, "branch"), (ENUMERATE_AUTO_MAX + 2, "branch")],
)
def test_auto_certifies_by_branch_and_bound_beyond_exact(n: int, solver: str) -> None:
    """Beyond all-minima enumeration, auto certifies the global minimum by branch and bound
    and finds the planted camps."""
    camp, p = _planted(n, 11)
    r = landscape(np.ones(n), p, rng=0, starts=64)
    assert r.solver == solver and r.certified and not r.minima_complete
    assert r.global_minimum.tolist() == camp.tolist()


def test_enumerate_and_milp_agree_on_a_spin_glass() -> None:
    n = 18
    s, p = _spin_glass(n, 3)
    a = landscape(s, p, solver="enumerate", rng=0, starts=64)
    b = landscape(s, p, solver="milp", rng=0, starts=64)
    c = landscape(s, p, solver="exact")
    assert a.certified and b.certified
    assert a.global_minimum_energy == pytest.approx(c.global_minimum_energy, abs=1e-9)
    assert b.global_minimum_energy == pytest.approx(c.global_minimum_energy, abs=1e-6)


@pytest.mark.parametrize(
    ("sizes", "P", "message"),
    [
        ([1, 1], [[0, 1, 0], [1, 0, 0]], "square"),
        ([1, 1], [[0, 1], [0.5, 0]], "symmetric"),
        ([1, -1], [[0, 1], [1, 0]], "> 0"),
        ([1, 1], [[0, np.nan], [np.nan, 0]], "finite"),
        ([1, 1, 1], [[0, 1], [1, 0]], "sizes"),
    ],
)
def test_bad_inputs_raise_clear_errors(
    sizes: list[float], P: list[list[float]], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        landscape(sizes, P)

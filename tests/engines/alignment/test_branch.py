"""Branch and bound for the two-bloc global minimum, against exhaustive enumeration."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from realpolitik.engines.alignment._branch import branch_and_bound
from realpolitik.engines.alignment._enumerate import enumerate_global_minimum
from realpolitik.engines.alignment.landscape import global_minimum


def _symmetric(a: np.ndarray) -> np.ndarray:
    upper = np.triu(a, 1)
    return upper + upper.T


def _energy(W: np.ndarray, x: np.ndarray) -> float:
    return float((W * (x[:, None] != x[None, :])).sum())


@st.composite
def interaction(draw: st.DrawFn) -> np.ndarray:
    n = draw(st.integers(1, 13))
    # small integers give exact ties (many optima); zeros give disconnected actors
    ints = draw(arrays(np.int64, (n, n), elements=st.integers(-3, 3)))
    scale = draw(st.sampled_from([1.0, 0.37, 1e-3]))
    return _symmetric(ints.astype(float) * scale)


@settings(max_examples=150, deadline=None)
@given(W=interaction(), leaf_bits=st.integers(1, 6))
def test_branch_and_bound_finds_the_enumerated_minimum(W: np.ndarray, leaf_bits: int) -> None:
    res = branch_and_bound(W, leaf_bits=leaf_bits)
    best, _ = enumerate_global_minimum(W) if W.shape[0] > 1 else (0.0, 0)
    tol = 1e-9 * float(np.abs(W).sum()) + 1e-12
    assert res.certified
    assert abs(res.energy - best) <= tol
    assert res.energy == _energy(W, res.x)
    assert res.x.shape == (W.shape[0],) and (res.x.size == 0 or res.x[0] == 0)


@settings(max_examples=40, deadline=None)
@given(W=interaction(), seed=st.integers(0, 2**32 - 1))
def test_any_warm_start_gives_the_same_minimum(W: np.ndarray, seed: int) -> None:
    start = np.random.default_rng(seed).integers(0, 2, W.shape[0])
    cold, warm = branch_and_bound(W), branch_and_bound(W, start=start)
    assert abs(cold.energy - warm.energy) <= 1e-9 * float(np.abs(W).sum()) + 1e-12


def test_spin_glass_at_n_26_matches_enumeration_and_cuts_most_prefixes() -> None:
    rng = np.random.default_rng(5)
    s = rng.uniform(0.1, 1.0, 26)
    W = np.outer(s, s) * _symmetric(rng.uniform(-1, 1, (26, 26)))
    res = branch_and_bound(W, leaf_bits=10)
    assert np.isclose(res.energy, enumerate_global_minimum(W)[0], rtol=0, atol=1e-9)
    # without cuts the last problem alone scans 2**(25 - 10) prefixes
    assert res.certified and res.leaves < 2 ** (25 - 10)


def test_out_of_time_returns_an_uncertified_assignment() -> None:
    rng = np.random.default_rng(1)
    W = _symmetric(rng.uniform(-1, 1, (20, 20)))
    res = branch_and_bound(W, time_limit=0.0)
    assert not res.certified
    assert res.energy == _energy(W, res.x)


def test_global_minimum_branch_agrees_with_enumerate() -> None:
    rng = np.random.default_rng(2)
    p = _symmetric(rng.uniform(-1, 1, (18, 18)))
    sizes = rng.uniform(0.1, 1, 18)
    e1, a1, c1 = global_minimum(sizes, p, method="enumerate")
    e2, a2, c2 = global_minimum(sizes, p, method="branch")
    assert c1 and c2 and np.isclose(e1, e2, rtol=0, atol=1e-9)
    assert a2[0] == 0 and a1.tolist() == a2.tolist()  # continuous weights: one optimum

"""Scores: constructed cases and invariants."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from realpolitik.history.scores import accuracy, adjusted_rand, brier, log_score


def _rand_brute(a: list[int], b: list[int]) -> float:
    pairs = list(itertools.combinations(range(len(a)), 2))
    agree = sum((a[i] == a[j]) == (b[i] == b[j]) for i, j in pairs)
    return agree / len(pairs)


labels = st.lists(st.integers(0, 3), min_size=3, max_size=12)


@settings(deadline=None)  # the shared CI machine is slow at times: no per-example deadline
@given(labels, st.data())
def test_ari_is_symmetric_label_free_and_one_on_identity(a: list[int], data: st.DataObject) -> None:
    b = data.draw(st.lists(st.integers(0, 3), min_size=len(a), max_size=len(a)))
    assert np.isclose(adjusted_rand(a, b), adjusted_rand(b, a))
    renamed = [{0: 7, 1: 5, 2: 9, 3: 1}[v] for v in b]
    assert np.isclose(adjusted_rand(a, renamed), adjusted_rand(a, b))
    assert adjusted_rand(a, a) == 1.0
    if _rand_brute(a, b) == 1.0:
        assert np.isclose(adjusted_rand(a, b), 1.0)


def test_ari_known_value() -> None:
    # Hubert & Arabie example by hand: contingency [[2,1],[0,2]], n=5.
    a, b = [0, 0, 0, 1, 1], [0, 0, 1, 1, 1]
    index, sa, sb, tot = 1 + 0 + 0 + 1, 3 + 1, 1 + 3, 10
    expected = (index - sa * sb / tot) / ((sa + sb) / 2 - sa * sb / tot)
    assert np.isclose(adjusted_rand(a, b), expected)


def test_probability_scores() -> None:
    y = np.array([1.0, 0.0, 1.0, 0.0])
    perfect, coin, wrong = y.copy(), np.full(4, 0.5), 1 - y
    assert brier(perfect, y) == 0 and brier(coin, y) == 0.25 and brier(wrong, y) == 1
    assert accuracy(perfect, y) == 1 and accuracy(wrong, y) == 0
    assert log_score(perfect, y) > log_score(coin, y) > log_score(wrong, y)
    assert np.isclose(log_score(wrong, y), np.log(1e-3))  # clipped, finite

"""Skill scores: scoringrules Brier/log score, clustered bootstrap BSS, AP over changes,
equal-count reliability."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from realpolitik.forecasting import skill as sk

probs = st.lists(st.floats(0.0, 1.0), min_size=2, max_size=40)


@given(probs, st.data())
@settings(max_examples=50, deadline=None)
def test_brier_matches_definition_and_log_score_is_bounded(
    p: list[float], data: st.DataObject
) -> None:
    y = np.array(data.draw(st.lists(st.sampled_from([0.0, 1.0]), min_size=len(p), max_size=len(p))))
    pa = np.array(p)
    assert sk.brier(pa, y) == pytest.approx(float(np.mean((pa - y) ** 2)))
    ls = sk.log_score(pa, y)
    assert np.log(sk.LOG_CLIP) - 1e-12 <= ls <= 0.0


def test_bss_of_the_reference_itself_is_zero_and_interval_contains_it() -> None:
    g = np.random.default_rng(1)
    y = (g.random(300) < 0.3).astype(float)
    ref = np.full(300, 0.3)
    b, lo, hi = sk.brier_skill(ref, ref, y, np.arange(300) // 3, n_boot=200, rng=0)
    assert b == pytest.approx(0.0) and lo == pytest.approx(0.0) and hi == pytest.approx(0.0)


def test_bss_interval_excludes_zero_for_a_clearly_better_forecast() -> None:
    g = np.random.default_rng(2)
    truth = g.random(400)
    y = (g.random(400) < truth).astype(float)
    b, lo, hi = sk.brier_skill(truth, np.full(400, 0.5), y, np.arange(400) // 4, n_boot=400)
    assert lo <= b <= hi
    assert lo > 0.0


def test_clustered_interval_is_wider_than_a_row_bootstrap_when_rows_repeat() -> None:
    g = np.random.default_rng(3)
    p = g.random(50)
    y = (g.random(50) < p).astype(float)
    rep = 10  # every pair seen 10 times with the same outcome: 50 clusters, not 500 rows
    pp, yy, ref = np.repeat(p, rep), np.repeat(y, rep), np.full(50 * rep, 0.5)
    _, lo_c, hi_c = sk.brier_skill(pp, ref, yy, np.repeat(np.arange(50), rep), n_boot=500)
    _, lo_r, hi_r = sk.brier_skill(pp, ref, yy, np.arange(50 * rep), n_boot=500)
    assert hi_c - lo_c > 1.5 * (hi_r - lo_r)


def test_average_precision_of_changes() -> None:
    yb = np.array([1.0, 1.0, 1.0, 0.0, 0.0, 0.0])
    y = np.array([1.0, 0.0, 1.0, 0.0, 1.0, 0.0])
    perfect = np.array([0.9, 0.1, 0.9, 0.1, 0.9, 0.1])
    assert sk.average_precision_change(perfect, y, yb) == pytest.approx(1.0)
    persistence = yb.copy()  # says "no change" everywhere: ties at zero
    assert sk.average_precision_change(persistence, y, yb) == pytest.approx(2 / 6)
    assert sk.average_precision_change(perfect, yb, yb) is None


@given(st.lists(st.floats(0.0, 1.0), min_size=1, max_size=200), st.integers(1, 12))
@settings(max_examples=50, deadline=None)
def test_equal_count_bins_cover_every_row_once(p: list[float], bins: int) -> None:
    pa = np.array(p)
    y = (pa > 0.5).astype(float)
    table = sk.reliability_equal_count(pa, y, bins)
    sizes = [r["n"] for r in table]
    assert sum(sizes) == pa.size
    assert max(sizes) - min(sizes) <= 1
    means = [r["mean_p"] for r in table]
    assert means == sorted(means)


def test_calibration_gap_ignores_small_bins() -> None:
    table = [{"n": 60, "mean_p": 0.1, "observed": 0.12}, {"n": 10, "mean_p": 0.9, "observed": 0.0}]
    assert sk.calibration_gap(table) == pytest.approx(0.02)
    assert sk.calibration_gap(table, min_n=100) is None

"""The change model on synthetic truth frames: features, calibration, stack, descent."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from realpolitik.engines.alignment.descent import descend_two_blocs
from realpolitik.errors import DataError, ModelError
from realpolitik.forecasting.change import fit_change, fit_stack
from realpolitik.forecasting.features import TruthCube, base_features
from realpolitik.history.panel import load_panel

PLAYERS = ("USA", "JPN", "CHN", "RUS", "KOR")


def _frame(years: list[int], sides: dict[int, dict[tuple[str, str], str]]) -> pd.DataFrame:
    rows = []
    for y in years:
        for i, a in enumerate(PLAYERS):
            for b in PLAYERS[i + 1 :]:
                side = sides.get(y, {}).get((a, b), "neither")
                score = {"same": 0.8, "opposed": -0.8, "neither": 0.0}[side]
                rows.append((a, b, y, score, side, score / 2, y >= 2015))
    cols = ["a", "b", "year", "score", "side", "sig_test", "flagged"]
    return pd.DataFrame(rows, columns=cols)


def test_cube_rejects_unknown_sides_and_missing_columns() -> None:
    f = _frame([1990], {})
    with pytest.raises(DataError, match="side"):
        TruthCube.from_frame(f.assign(side="allied"), PLAYERS)
    with pytest.raises(DataError, match="columns"):
        TruthCube.from_frame(f.drop(columns="score"), PLAYERS)


def test_features_read_the_base_and_five_years_before_only() -> None:
    sides = {
        1985: {("USA", "JPN"): "same", ("USA", "KOR"): "same"},
        1990: {("USA", "JPN"): "same", ("USA", "KOR"): "same", ("JPN", "KOR"): "same",
               ("USA", "RUS"): "opposed", ("JPN", "RUS"): "opposed"},
        1995: {("USA", "RUS"): "same"},
    }  # fmt: skip
    cube = TruthCube.from_frame(_frame([1985, 1990, 1995], sides), PLAYERS)
    f = base_features(1990, cube, load_panel(), with_terms=False).set_index(["a", "b"])
    assert f.loc[("USA", "JPN"), "same"] == 1.0
    assert f.loc[("USA", "RUS"), "opposed"] == 1.0
    assert f.loc[("JPN", "KOR"), "class_changed"] == 1.0
    assert f.loc[("USA", "JPN"), "class_changed"] == 0.0
    # USA and JPN share the friend KOR and the enemy RUS (of 3 third states)
    assert f.loc[("USA", "JPN"), "shared_friends"] == pytest.approx(1 / 3)
    assert f.loc[("USA", "JPN"), "shared_enemies"] == pytest.approx(1 / 3)
    # KOR is a friend of both, RUS an enemy of both: no cross tie
    assert f.loc[("USA", "JPN"), "cross_ties"] == 0.0
    assert f.loc[("RUS", "KOR"), "cross_ties"] == pytest.approx(2 / 3)
    # the 1995 outcome never reaches the 1990 features: rewrite it and nothing moves
    other = TruthCube.from_frame(
        _frame([1985, 1990, 1995], {**sides, 1995: {("USA", "JPN"): "opposed"}}), PLAYERS
    )
    g = base_features(1990, other, load_panel(), with_terms=False).set_index(["a", "b"])
    pd.testing.assert_frame_equal(f, g)


def _synthetic(n: int, seed: int) -> pd.DataFrame:
    g = np.random.default_rng(seed)
    same = (g.random(n) < 0.4).astype(float)
    opposed = np.where(same > 0, 0.0, (g.random(n) < 0.3).astype(float))
    trend = g.normal(size=n)
    logit = np.where(same > 0, 2.5 + 1.2 * trend, -3.0 + 1.2 * trend)
    y = (g.random(n) < 1 / (1 + np.exp(-logit))).astype(float)
    cols = {"same": same, "opposed": opposed, "score_trend": trend, "noise": g.normal(size=n)}
    return pd.DataFrame({**cols, "base": g.integers(0, 8, n), "y": y})


@pytest.mark.parametrize("n", [600, 4000])
def test_calibrated_on_new_data_and_better_than_the_class_alone(n: int) -> None:
    train, test = _synthetic(n, 0), _synthetic(4000, 1)
    m = fit_change(train, ["same", "opposed", "score_trend", "noise"])
    assert m.calibration == ("platt" if n < 1000 else "isotonic")
    p = m.predict(test)
    y = test["y"].to_numpy()
    for lo, hi in [(0.0, 0.2), (0.2, 0.8), (0.8, 1.0)]:
        sel = (p >= lo) & (p < hi)
        if sel.sum() > 200:
            assert abs(p[sel].mean() - y[sel].mean()) < 0.06
    base_only = fit_change(train, ["same", "opposed"]).predict(test)
    assert np.mean((p - y) ** 2) < np.mean((base_only - y) ** 2)


def test_change_model_needs_two_base_years() -> None:
    df = _synthetic(200, 0).assign(base=1990)
    with pytest.raises(ModelError, match="two base years"):
        fit_change(df, ["same", "opposed"])


def test_stack_weights_the_informative_input() -> None:
    g = np.random.default_rng(4)
    y = (g.random(2000) < 0.5).astype(float)
    good = np.clip(np.where(y > 0, 0.8, 0.2) + g.normal(0, 0.05, 2000), 0.01, 0.99)
    s = fit_stack(g.random(2000), good, y)
    assert abs(s.coef[2]) > 5 * abs(s.coef[1])


@pytest.mark.parametrize("seed", range(5))
def test_descent_reaches_the_exact_global_minimum_on_small_systems(seed: int) -> None:
    from realpolitik.engines.alignment.ensemble import solve_two_blocs

    g = np.random.default_rng(seed)
    n, b = 9, 20
    sizes = g.random((b, n)) + 0.1
    p = g.normal(size=(b, n, n))
    p = (p + np.swapaxes(p, 1, 2)) / 2
    exact = solve_two_blocs(sizes, p)
    heur = descend_two_blocs(sizes, p, starts=16, rng=seed)
    assert np.all(heur.energy >= exact.energy - 1e-9)
    assert np.mean(np.isclose(heur.energy, exact.energy)) >= 0.9
    assert np.all(heur.assignment[:, 0] == 0)


def test_the_median_imputer_matches_scikit_learns() -> None:
    from sklearn.impute import SimpleImputer

    from realpolitik.forecasting.change import _MedianImputer

    g = np.random.default_rng(1)
    for _ in range(10):
        x = g.normal(size=(200, 6))
        x[g.random(x.shape) < 0.3] = np.nan
        x[:, 2] = np.nan  # a column without any value
        x[:, 4] = 1.0  # a column without a missing value
        new = g.normal(size=(50, 6))
        new[g.random(new.shape) < 0.3] = np.nan
        ref = SimpleImputer(strategy="median", add_indicator=True, keep_empty_features=True)
        ref.fit(x)
        ours = _MedianImputer().fit(x)
        assert np.allclose(ref.transform(new), ours.transform(new))
        assert np.allclose(ref.transform(x), ours.transform(x))

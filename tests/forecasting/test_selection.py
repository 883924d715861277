"""Rolling-origin selection of the change model's complexity (forecasting/selection.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from realpolitik.forecasting.change import Complexity
from realpolitik.forecasting.selection import (
    MIN_FIT_BASES,
    candidates,
    rolling_origins,
    select_complexity,
)

BASES = np.arange(1950, 1990, 5)


def _frame(seed: int, signal: float, n_noise: int = 8, per_base: int = 250) -> pd.DataFrame:
    """Pairs whose P(same later) depends on the class and, within ``same`` pairs only, on
    ``trend`` with strength ``signal``; plus pure-noise columns."""
    g = np.random.default_rng(seed)
    n = per_base * BASES.size
    same = (g.random(n) < 0.4).astype(float)
    trend = g.normal(size=n)
    z = np.where(same > 0, 2.5 + signal * trend, -3.0)
    y = (g.random(n) < 1 / (1 + np.exp(-z))).astype(float)
    cols = {f"noise{i}": g.normal(size=n) for i in range(n_noise)}
    return pd.DataFrame(
        {
            "same": same,
            "opposed": 0.0,
            "trend": trend,
            **cols,
            "base": np.repeat(BASES, per_base),
            "horizon": 5,
            "y": y,
        }
    )


def _sets(df: pd.DataFrame) -> dict[str, list[str]]:
    rest = [c for c in df.columns if c.startswith("noise")]
    return {"state": ["same", "opposed"], "all": ["same", "opposed", "trend", *rest]}


def test_noise_features_are_left_out() -> None:
    df = _frame(0, signal=0.0)
    sel = select_complexity(df, _sets(df))
    assert sel.name == "state"
    assert len(sel.table) == len(candidates(_sets(df)))


def test_a_class_specific_signal_is_kept_with_its_interaction() -> None:
    df = _frame(1, signal=3.0)
    sel = select_complexity(df, _sets(df))
    assert sel.name == "all"
    assert sel.complexity.interact


def test_origins_never_see_their_own_outcomes() -> None:
    df = _frame(2, signal=1.0)
    sel = select_complexity(df, _sets(df))
    assert sel.origins
    for v in sel.origins:
        earlier = df[df["base"] + df["horizon"] < v]
        assert earlier["base"].nunique() >= MIN_FIT_BASES


def test_no_usable_origin_gives_the_simplest_candidate() -> None:
    df = _frame(3, signal=3.0)
    df = df[df["base"] <= 1955]
    sel = select_complexity(df, _sets(df))
    assert sel.origins == ()
    assert sel.table == []
    assert (sel.name, sel.complexity) == candidates(_sets(df))[0]
    assert sel.complexity == Complexity(c=0.01, interact=False)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(1940, 2020), min_size=1, max_size=40),
    st.integers(1, 12),
    st.integers(0, 6),
)
def test_rolling_origins_respect_the_embargo(bases: list[int], h: int, k: int) -> None:
    b = np.array(bases, dtype=float)
    y = (np.arange(b.size) % 2).astype(float)
    out = rolling_origins(b, b + h, y, k)
    assert len(out) <= k
    assert out == sorted(out)
    for v in out:
        assert v in bases
        fit = b + h < v
        assert np.unique(b[fit]).size >= MIN_FIT_BASES
        assert np.unique(y[fit]).size == 2

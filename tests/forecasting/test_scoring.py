"""Scoring: the register's scores agree with the backtest's own (history.scores)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from realpolitik.forecasting.scoring import brier_scores, log_scores, score_table
from realpolitik.history.fit import log_score as history_log_score
from realpolitik.history.scores import brier as history_brier

probs = st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(0, 1)), min_size=1, max_size=50)


@settings(deadline=None)  # the first example imports scoringrules (scipy)
@given(probs)
def test_means_equal_the_backtest_scores(rows: list[tuple[float, int]]) -> None:
    p = np.array([r[0] for r in rows])
    y = np.array([r[1] for r in rows], dtype=float)
    assert np.isclose(brier_scores(p, y).mean(), history_brier(p, y))
    assert np.isclose(log_scores(p, y).mean(), history_log_score(p, y))


@settings(deadline=None)  # the first example imports scoringrules (scipy)
@given(probs)
def test_scores_are_proper_at_the_truth(rows: list[tuple[float, int]]) -> None:
    """A forecast of the outcome itself scores best: Brier 0, log score log(0.999)."""
    y = np.array([r[1] for r in rows], dtype=float)
    p = np.array([r[0] for r in rows])
    assert (brier_scores(y, y) <= brier_scores(p, y) + 1e-12).all()
    assert (log_scores(y, y) >= log_scores(p, y) - 1e-12).all()


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        brier_scores([1.5], [1])
    with pytest.raises(ValueError, match="0 or 1"):
        log_scores([0.5], [2])
    with pytest.raises(ValueError, match="shape"):
        brier_scores([0.5, 0.5], [1])


def test_score_table_groups_and_sorts() -> None:
    rng = np.random.default_rng(3)
    f = pd.DataFrame(
        {
            "model": rng.choice(["b", "a"], 200),
            "horizon": rng.choice([10, 5], 200),
            "p": rng.random(200),
            "y": rng.integers(0, 2, 200),
        }
    )
    t = score_table(f, by=["model", "horizon"])
    assert list(t[["model", "horizon"]].itertuples(index=False, name=None)) == sorted(
        set(zip(f["model"], f["horizon"], strict=True))
    )
    assert t["n"].sum() == 200
    for row in t.itertuples():
        part = f[(f["model"] == row.model) & (f["horizon"] == row.horizon)]
        assert np.isclose(row.brier, history_brier(part["p"].to_numpy(), part["y"].to_numpy()))


def test_score_table_of_nothing_is_empty() -> None:
    t = score_table(pd.DataFrame(columns=["model", "p", "y"]), by=["model"])
    assert t.empty and list(t.columns) == ["model", "n", "brier", "log_score"]

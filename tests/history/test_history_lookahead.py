"""No look-ahead: rewriting every panel row dated after Y leaves the Y system unchanged.

(The measured alignment, the truth, has its own data and its own test:
``test_history_alignment.py``.)
"""

from __future__ import annotations

from dataclasses import fields, replace

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from realpolitik.history.panel import Panel, load_panel
from realpolitik.history.system import system_at

PLAYERS = ("CHN", "USA", "JPN", "KOR", "PRK", "RUS", "TWN")
KEYS = {"ccode", "ccode1", "ccode2", "year"}


def _rewrite(
    df: pd.DataFrame, after: int, rng: np.random.Generator, at: bool = False
) -> pd.DataFrame:
    """Scramble every value of the rows dated after ``after`` (or exactly at it)."""
    df = df.copy()
    mask = (df["year"] == after) if at else (df["year"] > after)
    rows = int(mask.sum())
    for col in df.columns:
        if col in KEYS or rows == 0:
            continue
        if pd.api.types.is_numeric_dtype(df[col]):
            values = rng.integers(-3, 200, rows).astype(float)
            if pd.api.types.is_integer_dtype(df[col]):
                df[col] = df[col].astype("float64")
            df.loc[mask, col] = values
    if not at and rows:
        # Later rows may also appear or disappear: drop a random half of them.
        later = np.flatnonzero(mask.to_numpy())
        drop = rng.choice(later, size=later.size // 2, replace=False)
        df = df.drop(index=df.index[drop])
    return df


def _rewritten(panel: Panel, year: int, seed: int, at: bool = False) -> Panel:
    rng = np.random.default_rng(seed)
    return replace(
        panel, **{f.name: _rewrite(getattr(panel, f.name), year, rng, at) for f in fields(panel)}
    )


def _same(a: object, b: object) -> bool:
    from realpolitik.scenarios.state import System

    assert isinstance(a, System) and isinstance(b, System)
    return (
        a.actors == b.actors
        and np.allclose(a.shares, b.shares)
        and np.allclose(a.growth_mean, b.growth_mean)
        and np.allclose(a.growth_sd, b.growth_sd)
        and np.allclose(a.terms, b.terms)
    )


@pytest.mark.slow  # about 10 s: two systems per example
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(year=st.sampled_from([1950, 1972, 1989, 2001, 2013]), seed=st.integers(0, 2**16))
def test_rows_after_the_year_do_not_change_its_system(year: int, seed: int) -> None:
    panel = load_panel()
    changed = _rewritten(panel, year, seed)
    w = np.linspace(-1.0, 1.0, 10)  # every term counts, whatever the fitted weights are
    assert _same(
        system_at(year, PLAYERS, weights=w, panel=panel),
        system_at(year, PLAYERS, weights=w, panel=changed),
    )


def test_rows_of_the_year_itself_do_change_it() -> None:
    """The check above can fail: scrambling the year's own rows changes the system."""
    panel = load_panel()
    w = np.linspace(-1.0, 1.0, 10)
    before = system_at(1985, PLAYERS, weights=w, panel=panel)
    after = system_at(1985, PLAYERS, weights=w, panel=_rewritten(panel, 1985, 1, at=True))
    assert not _same(before, after)


def test_years_outside_the_panel_fail_clearly() -> None:
    from realpolitik.errors import InputError

    with pytest.raises(InputError, match="outside the history panel"):
        system_at(1900, PLAYERS)
    with pytest.raises(InputError, match="no history data"):
        system_at(1990, ("USA", "XXX"))

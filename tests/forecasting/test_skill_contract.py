"""The ``skill`` key of ``realpolitik backtest --json`` (issue 20 contract)."""

from __future__ import annotations

import math

import pytest

from realpolitik.cli.history import backtest_json
from realpolitik.errors import InputError
from realpolitik.forecasting.evaluate import region_players

KEYS = {"model", "horizon", "region", "sample", "n", "brier", "brier_persistence", "bss",
        "bss_low", "bss_high", "log_score", "ap_change"}  # fmt: skip


def test_skill_rows_follow_the_contract() -> None:
    out = backtest_json(members=20, horizons=(5,), start=1975, stop=2005)
    rows = out["skill"]
    assert {(r["model"], r["sample"]) for r in rows} == {
        (m, s) for m in ("landscape", "change", "stack") for s in ("in", "out")
    }
    for r in rows:
        assert set(r) >= KEYS
        assert r["horizon"] == 5 and r["region"] == "asia-pacific" and r["n"] > 0
        assert 0.0 <= r["brier"] <= 1.0 and 0.0 <= r["brier_persistence"] <= 1.0
        # brier and brier_persistence are rounded to 6 decimals: ~1e-4 off at a Brier of 0.01
        expected = 1 - r["brier"] / r["brier_persistence"]
        assert math.isclose(r["bss"], expected, rel_tol=1e-3, abs_tol=1e-3)
        assert r["bss_low"] <= r["bss"] + 1e-9 and r["bss"] <= r["bss_high"] + 1e-9
        assert r["log_score"] <= 0.0
        assert r["ap_change"] is None or 0.0 <= r["ap_change"] <= 1.0
    same_pairs = {r["n"] for r in rows if r["sample"] == "out"}
    assert len(same_pairs) == 1  # every model on the same rows
    assert out["skill_models"]["asia-pacific"]["landscape"] == "exact"


def test_years_without_an_out_of_sample_split_still_give_the_in_sample_rows() -> None:
    out = backtest_json(members=5, horizons=(5,), start=1970, stop=1980)
    assert {r["sample"] for r in out["skill"]} == {"in"}


def test_unknown_region_is_refused() -> None:
    with pytest.raises(InputError, match="region"):
        region_players("atlantis")

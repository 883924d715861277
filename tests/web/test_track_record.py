"""The dashboard's track record: the live forecasts of the register, scored once due."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import pytest

from realpolitik.forecasting.register import record_backtest, record_run
from realpolitik.history.alignment import alignment_year

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")


def test_track_record_scores_only_due_live_forecasts(make_client: Any, tmp_path: Any) -> None:
    url = f"sqlite:///{tmp_path / 'reg.sqlite'}"
    pairs = pd.DataFrame(
        {
            "model": ["m", "m"],
            "question": ["pair", "pair"],
            "a": ["USA", "USA"],
            "b": ["JPN", "CHN"],
            "target": [date(2004, 12, 31), date(2099, 12, 31)],
            "p": [0.8, 0.3],
        }
    )
    # issued live in 1999 (the clock says so), so its 2004 forecast is due now
    record_run(url, pairs, kind="live", as_of=date(1999, 12, 31), command="test")
    record_backtest(
        url,
        pd.DataFrame(
            [(1990, 5, "r", "change", "USA", "JPN", 0.5)],
            columns=["base", "horizon", "region", "model", "a", "b", "p"],
        ),
    )
    c = make_client(db=url)
    body = c.get("/api/track-record").json()
    assert (body["runs"], body["resolved"], body["pending"]) == (1, 1, 1)
    y = float(alignment_year(2004, ["USA", "JPN"])["side"].iloc[0] == "same")
    assert [(s["kind"], s["horizon"], s["n"]) for s in body["scores"]] == [("live", 5, 1)]
    assert body["scores"][0]["brier"] == pytest.approx((0.8 - y) ** 2)
    page = c.get("/track-record").text
    assert 'id="track-table"' in page and "1 forecast(s) resolved" in page
    assert 'href="/track-record"' in c.get("/").text


def test_track_record_of_an_empty_register(make_client: Any) -> None:
    c = make_client()
    assert c.get("/api/track-record").json()["scores"] == []
    assert 'id="track-empty"' in c.get("/track-record").text

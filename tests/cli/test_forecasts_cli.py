"""``realpolitik forecasts``: the score contract, list/show/export, simulate and forecast
--db."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from realpolitik.cli import app
from realpolitik.forecasting.register import record_backtest
from realpolitik.history.alignment import alignment_year
from realpolitik.history.scores import brier
from realpolitik.store import open_store

runner = CliRunner()
PLAYERS = ["CHN", "JPN", "KOR", "PRK", "RUS", "USA"]


def _backtest() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    rows = [
        (base, h, "asia", model, a, b, float(rng.random()))
        for base in (1980, 1990, 1995)  # outcomes to 2005: none flagged (diplomacy ends 2009)
        for h in (5, 10)
        for model in ("change", "landscape")
        for i, a in enumerate(PLAYERS)
        for b in PLAYERS[i + 1 :]
    ]
    return pd.DataFrame(rows, columns=["base", "horizon", "region", "model", "a", "b", "p"])


def test_score_json_contract_against_the_measured_alignment(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'f.sqlite'}"
    pred = _backtest()
    run = record_backtest(url, pred)
    res = runner.invoke(app, ["forecasts", "score", "--db", url, "--run", run[:10], "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert set(out) == {"resolved", "pending", "scores"}
    assert (out["resolved"], out["pending"]) == (len(pred), 0)
    for s in out["scores"]:
        assert set(s) == {"kind", "model", "horizon", "n", "brier", "log_score"}
        part = pred[(pred["model"] == s["model"]) & (pred["horizon"] == s["horizon"])]
        y = [
            float(alignment_year(int(r.base + r.horizon), [r.a, r.b])["side"].iloc[0] == "same")
            for r in part.itertuples()
        ]
        assert s["brier"] == pytest.approx(brier(part["p"].to_numpy(), np.array(y)))


def test_score_as_of_before_the_targets_leaves_them_pending(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'f.sqlite'}"
    record_backtest(url, _backtest())
    res = runner.invoke(app, ["forecasts", "score", "--db", url, "--as-of", "1990", "--json"])
    out = json.loads(res.stdout)
    due = _backtest().eval("base + horizon <= 1990").sum()
    assert (out["resolved"], out["pending"]) == (due, len(_backtest()) - due)
    bad = runner.invoke(app, ["forecasts", "score", "--db", url, "--as-of", "soon"])
    assert bad.exit_code == 1 and "YYYY-MM-DD" in bad.output


def test_list_show_export(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'f.sqlite'}"
    run = record_backtest(url, _backtest(), seed=42)
    listed = json.loads(runner.invoke(app, ["forecasts", "list", "--db", url, "--json"]).stdout)
    assert [r["id"] for r in listed] == [run] and listed[0]["seed"] == 42
    shown = runner.invoke(
        app, ["forecasts", "show", run[:6], "--db", url, "--json", "--limit", "3"]
    )
    assert len(json.loads(shown.stdout)["forecasts"]) == 3
    missing = runner.invoke(app, ["forecasts", "show", "zzz", "--db", url])
    assert missing.exit_code == 1 and "no run" in missing.output
    out = tmp_path / "f.csv"
    assert runner.invoke(app, ["forecasts", "export", str(out), "--db", url]).exit_code == 0
    assert len(pd.read_csv(out)) == len(_backtest())


def test_simulate_with_db_records_a_retrospective_run(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'f.sqlite'}"
    res = runner.invoke(
        app, ["simulate", "baseline", "--year", "1990", "-n", "10", "--db", url, "--json"]
    )
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout)  # stdout stays the JSON summary
    listed = json.loads(runner.invoke(app, ["forecasts", "list", "--db", url, "--json"]).stdout)
    assert [(r["kind"], r["command"], r["as_of"]) for r in listed] == [
        ("retrospective", "simulate", "1990-12-31")
    ]
    n = len(summary["outcomes"]) + len(summary["who_controls"])
    assert listed[0]["n_forecasts"] == n and listed[0]["seed"] == summary["seed"]


def test_forecast_with_db_records_a_live_run_that_cannot_be_rewritten(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'f.sqlite'}"
    plain = runner.invoke(app, ["forecast", "trilateral_fta", "--rounds", "3", "--json"])
    res = runner.invoke(app, ["forecast", "trilateral_fta", "--rounds", "3", "--db", url, "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout) == json.loads(plain.stdout)  # the JSON is unchanged
    (item,) = json.loads(res.stdout)["issues"]
    listed = json.loads(runner.invoke(app, ["forecasts", "list", "--db", url, "--json"]).stdout)
    assert [(r["kind"], r["command"]) for r in listed] == [("live", "forecast")]
    run = listed[0]["id"]
    shown = json.loads(
        runner.invoke(app, ["forecasts", "show", run, "--db", url, "--limit", "0", "--json"]).stdout
    )
    assert shown["run"]["provenance"]["issues"]["trilateral_fta"]["forecasts"] == item["forecasts"]
    got = {(f["model"], f["outcome"]): f["p"] for f in shown["forecasts"]}
    for model, x in item["forecasts"].items():
        assert got[(f"bargain:{model}", "issue_up:trilateral_fta")] == float(x > item["status_quo"])
        assert got[(f"bargain:{model}", "trilateral_fta_progress")] == float(x >= 60)
    assert {f["target"] for f in shown["forecasts"]} == {"2030-12-31"}
    store = open_store(url)
    try:
        with pytest.raises(sa.exc.DatabaseError, match="immutable"), store.engine.begin() as c:
            c.execute(sa.text("UPDATE forecasts SET p = 0.5"))
    finally:
        store.close()
    due = runner.invoke(app, ["forecasts", "score", "--db", url, "--as-of", "2031-01-01"])
    assert due.exit_code == 0, due.output
    assert "0 resolved, 8 pending" in due.output
    assert "no dated source measures issue positions" in " ".join(due.output.split())

"""CLI contracts: backtest --json, align/balance/simulate --year, fit-weights."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from realpolitik.cli import app

runner = CliRunner()


def test_backtest_json_contract() -> None:
    res = runner.invoke(
        app,
        [
            "backtest",
            "--json",
            "--from",
            "1975",
            "--to",
            "1985",
            "--step",
            "10",
            "--horizon",
            "5",
            "--horizon",
            "10",
            "--members",
            "20",
            "--seed",
            "3",
            "--players",
            "CHN,USA,JPN,KOR,PRK,RUS,TWN",
            "--weights",
            "judgement",
        ],
    )
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert set(out) >= {"scores", "europe1936", "change_events", "regions"}
    assert out["regions"][0]["scores"] == out["scores"]
    models = {s["model"] for s in out["scores"]}
    assert models == {"landscape", "persistence", "alliances", "base_rate"}
    for s in out["scores"]:
        assert s["horizon"] in (5, 10) and s["pairs"] in ("all", "change")
        assert isinstance(s["n"], int)
        for k in ("accuracy", "brier", "log_score"):
            assert s[k] is None or isinstance(s[k], float)
        assert s["ari"] is None or isinstance(s["ari"], float)
        if s["n"]:
            assert 0 <= s["brier"] <= 1 and s["log_score"] <= 0
    e = out["europe1936"]
    assert e["total"] == 17 and e["correct"] + len(e["misplaced"]) == 17
    scored = {
        (s["horizon"]): s["n"]
        for s in out["scores"]
        if s["model"] == "landscape" and s["pairs"] == "change"
    }
    assert len(out["change_events"]) <= sum(scored.values())
    for ev in out["change_events"]:
        assert set(ev) == {"base", "horizon", "a", "b", "observed_same_side", "p_same_side"}
        assert 0 <= ev["p_same_side"] <= 1 and isinstance(ev["observed_same_side"], bool)
    for s in out["scores"]:
        if s["model"] != "landscape" and s["n"]:
            lo, hi = s["brier_diff_ci90"]
            assert lo <= s["brier_diff"] <= hi
        if s["pairs"] == "change" and s["model"] == "persistence" and s["variant"] == "0/1":
            # persistence 0/1 gives every change probability 0: its average precision is the
            # share of pairs that changed, rounded to 6 decimals like every JSON score
            n_changed = sum(e["horizon"] == s["horizon"] for e in out["change_events"])
            if n_changed:
                assert abs(s["average_precision"] - round(n_changed / s["n"], 6)) < 1e-12


def test_backtest_bad_options_exit_non_zero() -> None:
    res = runner.invoke(app, ["backtest", "--from", "1930", "--members", "5"])
    assert res.exit_code != 0 and "base years" in res.output
    res = runner.invoke(app, ["backtest", "--players", "USA,XXX", "--members", "5"])
    assert res.exit_code != 0 and "XXX" in res.output
    res = runner.invoke(app, ["backtest", "--weights", "nope", "--members", "5"])
    assert res.exit_code != 0 and "fitted or judgement" in res.output


def test_align_and_balance_accept_history_years() -> None:
    res = runner.invoke(app, ["align", "--year", "1975", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["year"] == 1975 and out["source"] == "history" and "USA" in out["actors"]
    res = runner.invoke(app, ["align", "--year", "1975", "--explain", "USA", "JPN", "--json"])
    exp = json.loads(res.stdout)
    assert abs(sum(t["contribution"] for t in exp["terms"]) - exp["p"]) < 1e-9
    res = runner.invoke(app, ["balance", "--year", "1985", "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["nodes"] >= 2
    res = runner.invoke(app, ["align", "--year", "1900"])
    assert res.exit_code != 0 and "1925-2024" in res.output
    res = runner.invoke(app, ["balance"])
    assert res.exit_code != 0 and "--edges" in res.output


def test_simulate_from_a_past_year() -> None:
    res = runner.invoke(app, ["simulate", "baseline", "--year", "1990", "-n", "20", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout[res.stdout.index("{") :])
    assert abs(sum(v["p"] for v in out["who_controls"].values()) - 1) < 1e-9

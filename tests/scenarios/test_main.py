"""The main job, claims, the CLI commands of the scenario topic, and lever mechanics."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
from typer.testing import CliRunner

from realpolitik.cli import app
from realpolitik.report.run_report import write_run_report
from realpolitik.scenarios.catalogue import builtin_scenarios, load_builtin
from realpolitik.scenarios.main import run_all
from realpolitik.scenarios.runner import run_scenario
from realpolitik.scenarios.spec import ScenarioSpec, load_scenario
from realpolitik.scenarios.state import System

runner = CliRunner()


def test_run_all_writes_results_and_report(system: System, tmp_path: Path) -> None:
    res = run_all(
        system=system,
        names=["c004_supply_chain", "v_without_india"],
        members=80,
        seed=4,
        out=tmp_path,
        tipping_members=40,
        sobol_base=16,
    )
    res.files += write_run_report(res, tmp_path)
    assert [c.scenario for c in res.claims] == ["c004_supply_chain"]
    rows = res.table()
    assert [r["scenario"] for r in rows] == ["baseline", "c004_supply_chain", "v_without_india"]
    assert rows[2]["lift"] is None  # structural variants are not paired with the baseline
    for name in ("summary.json", "claims.json", "report.md", "who_controls.png", "claims.png"):
        assert (tmp_path / name).is_file(), name
    assert (tmp_path / "scenarios" / "baseline.parquet").is_file()
    manifest = json.loads((tmp_path / "scenarios" / "baseline.manifest.json").read_text())
    assert manifest["seed"] == 4 and manifest["members"] == 80
    assert {"numpy", "realpolitik", "python"} <= set(manifest["versions"])
    report = (tmp_path / "report.md").read_text()
    assert "Who controls the region" in report and "c004_supply_chain" in report


def test_zero_intensity_levers_reproduce_the_baseline(system: System) -> None:
    base = run_scenario(load_builtin("baseline"), system=system, members=150, seed=9)
    spec = ScenarioSpec(
        name="off",
        levers=[
            {"id": "jpn_kor_defence_pact", "intensity": 0.0},
            {"id": "us_retrenchment", "intensity": 0.0},
        ],
    )
    off = run_scenario(spec, system=system, members=150, seed=9)
    assert (off.controller == base.controller).all()
    for k in base.outcomes:
        assert (off.outcomes[k] == base.outcomes[k]).all(), k


def test_lever_intensity_moves_capability_as_documented(system: System) -> None:
    def mean_share(intensity: float) -> float:
        spec = ScenarioSpec(name="t", levers=[{"id": "us_tariffs_china", "intensity": intensity}])
        return run_scenario(spec, system=system, members=200, seed=2).means["share_CHN"]

    assert mean_share(1.0) < mean_share(0.5) < mean_share(0.0)


def test_taiwan_unification_absorbs_taiwan(system: System) -> None:
    spec = load_builtin("c004_taiwan")
    res = run_scenario(spec, system=system, members=50, seed=1)
    assert res.means["share_TWN"] == 0.0
    base = run_scenario(load_builtin("baseline"), system=system, members=50, seed=1)
    assert res.means["share_CHN"] > base.means["share_CHN"]


def test_builtin_scenarios_and_quickstart_example_load(tmp_path: Path, system: System) -> None:
    for name in builtin_scenarios():
        spec = load_builtin(name)
        assert spec.members >= 1000
        if spec.claim is not None:
            assert spec.levers and spec.claim.source.startswith("seed")
    text = Path(__file__).resolve().parents[2].joinpath("docs", "quickstart.md").read_text()
    block = re.search(r"```toml\n(.*?)```", text, re.S)
    assert block is not None
    path = tmp_path / "example.toml"
    path.write_text(block.group(1))
    res = run_scenario(load_scenario(path), system=system, members=40)
    assert res.members == 40


def test_cli_simulate_claims_schema_and_list(tmp_path: Path) -> None:
    r = runner.invoke(app, ["simulate", "baseline", "-n", "60", "--seed", "3", "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert set(data["contenders"]) == {"China-led", "US-led", "Japan-Korea", "no one", "margin"}
    for name in ("China-led", "US-led", "no one"):
        p = data["contenders"][name]["probability"]["p"]
        assert p == data["who_controls"][name]["p"]
        q = data["contenders"][name]["share"]
        assert 0 <= q["q05"] <= q["q50"] <= q["q95"] <= 1
    # the "no one" output is the largest bloc's share: with at most three blocs it is >= 1/3
    assert data["contenders"]["no one"]["share"]["q05"] >= 1 / 3 - 1e-9
    r = runner.invoke(app, ["scenario", "schema"])
    assert r.exit_code == 0 and json.loads(r.stdout)["title"] == "ScenarioSpec"
    r = runner.invoke(app, ["scenario", "list", "--json"])
    assert r.exit_code == 0 and len(json.loads(r.stdout)) == len(builtin_scenarios())
    r = runner.invoke(app, ["simulate", "no_such_scenario"])
    assert r.exit_code != 0 and "no built-in scenario" in r.output


def test_cli_run_small(tmp_path: Path) -> None:
    out = tmp_path / "res"
    r = runner.invoke(
        app,
        [
            "run",
            *("-n", "50", "--tipping-members", "0", "--sobol", "16"),
            *("--out", str(out), "-s", "c004_taiwan"),
        ],
    )
    assert r.exit_code == 0, r.output
    assert "Who controls the region" in r.output
    summary = json.loads((out / "summary.json").read_text())
    for name in ("China-led", "Japan-Korea", "US-led", "no one"):
        c = summary["contenders"][name]
        assert {"probability", "share"} <= set(c) and set(c["share"]) == {"q05", "q50", "q95"}
    assert (out / "report.md").is_file()
    claims = json.loads((out / "claims.json").read_text())
    assert claims[0]["id"] == "c004_taiwan"
    assert claims[0]["dependency"] == "by_construction"
    assert not claims[0]["verdict"].startswith(("supported", "partly"))
    assert np.isfinite(claims[0]["lift"]["p"])

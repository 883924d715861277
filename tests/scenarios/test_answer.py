"""Constructed cases for issue 23: leader naming, the hedging rule, the conditional tables, the
fixed control categories, the claims' contract and the summary's new keys."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from realpolitik.cli import app
from realpolitik.engines.alignment.ensemble import solve_two_blocs
from realpolitik.errors import ScenarioError
from realpolitik.scenarios.catalogue import load_builtin
from realpolitik.scenarios.claims import DOSE_GRID, evaluate_claim
from realpolitik.scenarios.conditional import (
    conditional_answers,
    structural_interval,
    threshold_bands,
)
from realpolitik.scenarios.hedging import (
    HEDGE_MARGIN,
    assignment_margins,
    bloc_leaders,
    hedging_mask,
)
from realpolitik.scenarios.main import run_all
from realpolitik.scenarios.outcomes import (
    CONTENDERS,
    MemberResults,
    compute_outcomes,
    contender_shares,
    controller,
    top_leader,
)
from realpolitik.scenarios.runner import STRESS_ROWS, EnsembleResult, run_scenario
from realpolitik.scenarios.spec import ScenarioSpec
from realpolitik.scenarios.state import System
from realpolitik.scenarios.structure import CAPABILITY_MEASURES

ACTORS = ("CHN", "USA", "JPN", "KOR", "IND", "AUS")


def _system(actors: tuple[str, ...] = ACTORS) -> System:
    n = len(actors)
    return System(
        actors, 2025, np.full(n, 1 / n), np.zeros(n), np.zeros(n), (), np.zeros((0, n, n)),
        (), np.zeros((0, n)), np.zeros((0, n)),
    )  # fmt: skip


def _member(
    blocs: list[int], shares: list[float], hedging: list[bool] | None = None, tau: float = 0.5
) -> MemberResults:
    return MemberResults(
        blocs=np.array([blocs], np.int8),
        shares=np.array([shares]),
        n_minima=np.ones(1, np.int64),
        forecasts=np.zeros((1, 0)),
        base_shares=np.array([shares]),
        base_blocs=np.array([blocs], np.int8),
        threshold=np.array([tau]),
        hedging=None if hedging is None else np.array([hedging]),
    )


#                CHN   USA   JPN   KOR   IND   AUS
def test_a_bloc_is_named_after_its_most_capable_member() -> None:
    sy = _system()
    # China and the United States in one bloc: China is larger here, so it is China-led.
    r = _member([0, 0, 1, 1, 1, 1], [0.40, 0.25, 0.10, 0.10, 0.10, 0.05])
    assert controller(sy, r).tolist() == ["China-led"]
    # The same bloc with the United States larger is US-led.
    r = _member([0, 0, 1, 1, 1, 1], [0.25, 0.40, 0.10, 0.10, 0.10, 0.05])
    assert controller(sy, r).tolist() == ["US-led"]
    # India leading the largest bloc with Japan and Korea in it: "other", led by India.
    r = _member([0, 1, 2, 2, 2, 2], [0.15, 0.15, 0.15, 0.10, 0.40, 0.05], tau=0.55)
    assert controller(sy, r).tolist() == ["other"] and top_leader(sy, r).tolist() == ["IND"]
    # Japan leading a bloc with Korea: Japan-Korea.
    r = _member([0, 1, 2, 2, 2, 2], [0.10, 0.10, 0.40, 0.30, 0.05, 0.05])
    assert controller(sy, r).tolist() == ["Japan-Korea"]
    c = contender_shares(sy, r)
    assert c["jk_pole"][0] == 1.0 and c["Japan-Korea"][0] == pytest.approx(0.8)
    assert c["China-led"][0] == pytest.approx(0.10) and c["US-led"][0] == pytest.approx(0.10)


def test_bloc_leaders_constructed() -> None:
    lead = bloc_leaders(np.array([[0, 0, 2, 2]]), np.array([[0.1, 0.4, 0.3, 0.2]]))
    assert lead.tolist() == [[1, -1, 2]]


def test_hedgers_add_capability_to_no_bloc() -> None:
    sy = _system()
    shares = [0.30, 0.30, 0.05, 0.05, 0.25, 0.05]
    blocs = [0, 1, 1, 1, 1, 1]
    committed = _member(blocs, shares, tau=0.55)
    assert controller(sy, committed).tolist() == ["US-led"]  # 0.70 with India
    hedged = _member(blocs, shares, hedging=[False, False, False, False, True, False], tau=0.55)
    # Without India's 0.25 the US bloc holds 0.45 < 0.55: no one controls.
    assert controller(sy, hedged).tolist() == ["no one"]
    assert contender_shares(sy, hedged)["US-led"][0] == pytest.approx(0.45)


def test_hedging_rule_constructed() -> None:
    # Player 2 is tied almost equally to bloc 0 (0.4 * 0.05) and bloc 1 (0.4 * 0.045):
    # margin (0.02 - 0.018) / 0.038 = 0.053 < 0.1, so it hedges; the two leaders never do.
    s = np.array([[0.4, 0.4, 0.2]])
    p = np.array([[[0, -1, 0.05], [-1, 0, 0.045], [0.05, 0.045, 0]]])
    blocs = np.array([[0, 1, 0]], np.int8)
    m = assignment_margins(s, p, blocs, np.array([2]))
    assert m[0, 2] == pytest.approx((0.02 - 0.018) / 0.038)
    assert hedging_mask(s, p, blocs, np.array([2])).tolist() == [[False, False, True]]
    # A clear tie (0.05 against -0.05) is a margin of 1: no hedging.
    p2 = p.copy()
    p2[0, 1, 2] = p2[0, 2, 1] = -0.05
    assert not hedging_mask(s, p2, blocs, np.array([2]))[0, 2]
    # With three blocs an empty bloc (tie 0) is an alternative: a player tied to nobody
    # but weakly to its own bloc hedges.
    p3 = np.array([[[0, -1, 0.001], [-1, 0, -0.5], [0.001, -0.5, 0]]])
    three = assignment_margins(s, p3, blocs, np.array([3]))[0, 2]
    assert three == pytest.approx(0.0004 / 0.2004)
    assert hedging_mask(s, p3, blocs, np.array([3]))[0, 2]
    # With two blocs the only alternative is the hostile bloc: a margin of 1, no hedging.
    assert assignment_margins(s, p3, blocs, np.array([2]))[0, 2] == pytest.approx(1.0)


@settings(max_examples=40, deadline=None)
@given(st.integers(3, 7), st.integers(0, 2**32 - 1))
def test_at_the_two_bloc_minimum_no_player_gains_by_moving(n: int, seed: int) -> None:
    """The margin is the energy a move releases: never negative at the global minimum, and
    leaders and absorbed players never hedge."""
    rng = np.random.default_rng(seed)
    s = rng.dirichlet(np.ones(n), size=4)
    s[:, -1] = np.where(rng.random(4) < 0.3, 0.0, s[:, -1])
    a = rng.normal(size=(4, n, n))
    p = a + np.swapaxes(a, 1, 2)
    blocs = solve_two_blocs(s, p).assignment
    m = assignment_margins(s, p, blocs, np.full(4, 2))
    # Absorbed players (share 0) weigh nothing in the energy: they may sit anywhere.
    # (float32 enumeration in the solver: near-ties may differ by rounding)
    assert (m[s > 1e-12] >= -1e-5).all()
    h = hedging_mask(s, p, blocs, np.full(4, 2), margin=HEDGE_MARGIN)
    lead = bloc_leaders(blocs, s)
    for b in range(4):
        for k in lead[b]:
            if k >= 0:
                assert not h[b, k]
    assert not h[s <= 1e-12].any()


def test_tech_shift_west_excludes_chinas_bloc() -> None:
    sy = _system()
    # Japan, Korea and Australia with China (the US apart): not a shift west.
    r = _member([0, 1, 0, 0, 1, 0], [0.3, 0.3, 0.1, 0.1, 0.1, 0.1])
    assert not compute_outcomes(sy, r)["jpn_kor_tech_shift_west"][0]
    r = _member([0, 1, 2, 2, 1, 2], [0.3, 0.3, 0.1, 0.1, 0.1, 0.1])
    assert compute_outcomes(sy, r)["jpn_kor_tech_shift_west"][0]


def _fake_run(
    controller_: list[str], inputs: dict[str, list[float]], stress: frozenset[str] = frozenset()
) -> EnsembleResult:
    return EnsembleResult(
        name="x",
        members=len(controller_),
        seed=0,
        system=_system(),
        outcomes={},
        controller=np.array(controller_),
        inputs={k: np.asarray(v, float) for k, v in inputs.items()},
        stress_varied=stress,
    )


def test_conditional_tables_constructed() -> None:
    # Four members per measure; CINC members are all China-led, military spending US-led.
    n = 4 * len(CAPABILITY_MEASURES)
    measure = [k for k in range(len(CAPABILITY_MEASURES)) for _ in range(4)]
    ctrl = ["China-led" if m == 0 else "US-led" if m == 3 else "no one" for m in measure]
    thr = [0.51, 0.54, 0.58, 0.59] * len(CAPABILITY_MEASURES)
    run = _fake_run(
        ctrl,
        {"measure": measure, "threshold": thr, "growth_model": [0] * n, "blocs": [2] * n},
    )
    rows = conditional_answers(run)
    by = {(r["choice"], r["value"]): r for r in rows}
    assert by[("capability_measure", "cinc")]["contenders"]["China-led"]["p"] == 1.0
    assert by[("capability_measure", "milex")]["contenders"]["US-led"]["p"] == 1.0
    assert by[("capability_measure", "gdp_ppp")]["contenders"]["no one"]["p"] == 1.0
    bands = [r for r in rows if r["choice"] == "control_threshold"]
    assert [r["value"] for r in bands] == [f"{a:.3f}-{b:.3f}" for a, b in threshold_bands()]
    assert [r["members"] for r in bands] == [5, 5, 10]
    assert sum(r["members"] for r in rows if r["choice"] == "capability_measure") == n
    pooled = {c: float(np.mean(np.array(ctrl) == c)) for c in CONTENDERS}
    spread = structural_interval(rows, pooled)
    assert spread["US-led"]["low"] == 0.0 and spread["US-led"]["high"] == 1.0
    for c, v in spread.items():
        assert float(v["low"]) <= pooled[c] <= float(v["high"])


def test_fixed_control_categories_are_flagged() -> None:
    run = _fake_run(["US-led", "no one", "US-led"], {})
    fixed = run.fixed_controls()
    assert "Japan-Korea" in fixed and "China-led" in fixed and "US-led" not in fixed
    assert f"{STRESS_ROWS} stress draws" in fixed["Japan-Korea"]
    # A category the stress draws moved is not fixed, whatever the members said.
    moved = _fake_run(["US-led", "no one"], {}, stress=frozenset({"control:Japan-Korea"}))
    assert "Japan-Korea" not in moved.fixed_controls()
    assert run.contender_summary()["Japan-Korea"]["fixed"] == fixed["Japan-Korea"]


def test_base_year_comparison_uses_the_members_own_draw(system: System) -> None:
    # At horizon = base year with no lever, every member's horizon configuration is its own
    # base-year configuration: China's bloc cannot have declined in any member.
    spec = ScenarioSpec(name="now", horizon=2025)
    run = run_scenario(spec, system=system, members=120, seed=3)
    assert not run.outcomes["china_influence_decline"].any()


def test_an_unlabelled_claim_is_an_error(system: System) -> None:
    base = run_scenario(load_builtin("baseline"), system=system, members=20, seed=1)
    with pytest.raises(ScenarioError, match="no dependency label"):
        evaluate_claim(
            base, base, levers=(), source="s", summary="x", outcome="regional_stability",
            dependency=None,
        )  # fmt: skip


def test_summary_and_claims_contract(system: System, tmp_path: Path) -> None:
    res = run_all(
        system=system,
        names=["c000_us_influence", "c000_tech_west"],
        members=60,
        seed=5,
        out=tmp_path,
        tipping_members=20,
        path_members=20,
        choice_members=20,
        sobol_base=0,
    )
    s = json.loads((tmp_path / "summary.json").read_text())
    rows = s["conditional"]
    for m in CAPABILITY_MEASURES:
        assert any(r["choice"] == "capability_measure" and r["value"] == m for r in rows)
    assert len([r for r in rows if r["choice"] == "control_threshold"]) == 3
    for r in rows:
        assert set(r["contenders"]["China-led"]) == {"p", "low", "high"}
    assert [p["year"] for p in s["paths"]] == list(range(2025, 2041))
    assert set(s["paths"][0]["contenders"]) >= {"China-led", "Japan-Korea", "US-led", "no one"}
    assert set(s["hedging"]) == set(system.actors)
    assert all(0.0 <= v <= 1.0 for v in s["hedging"].values())
    jk = s["japan_korea"]
    assert set(jk["share"]) == set(CAPABILITY_MEASURES) and jk["needed"] == 0.5
    assert jk["first_control_intensity"] is None or jk["first_control_intensity"] <= 5
    assert s["headline"]["text"].startswith("China-led bloc controls")
    claims = {c["id"]: c for c in s["claims"]}
    infl = claims["c000_us_influence"]
    assert [d["intensity"] for d in infl["dose_response"]] == list(DOSE_GRID)
    assert {"intensity", "p", "low", "high"} <= set(infl["dose_response"][0])
    assert set(infl["headline_lift"]) == {"China-led", "Japan-Korea", "US-led", "no one"}
    tech = claims["c000_tech_west"]
    assert tech["dependency"] == "not_representable" and tech["dose_response"] == []
    # Two claims with the same antecedent share one ensemble (same members, same draws).
    assert res.runs["c000_tech_west"].manifest["same_ensemble_as"] == "c000_us_influence"
    assert (tmp_path / "scenarios" / "c000_tech_west.parquet").is_file()


def test_claims_cli_json_rows() -> None:
    r = CliRunner().invoke(
        app, ["claims", "--json", "-n", "20", "--tipping-members", "10", "--seed", "2"]
    )
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert rows and all("dose_response" in x and "headline_lift" in x for x in rows)
    labels = {x["dependency"] for x in rows}
    assert "not_representable" in labels


def test_japan_korea_arithmetic_without_a_search(system: System) -> None:
    from realpolitik.scenarios.doses import japan_korea

    jk = japan_korea(load_builtin("baseline"), system, members=0, seed=1)
    ij, ik = system.index("JPN"), system.index("KOR")
    assert jk["share"]["composite"] == pytest.approx(system.shares[ij] + system.shares[ik])
    assert jk["searched"] is False and jk["first_control_intensity"] is None
    assert jk["needed"] == 0.5 and jk["p_at"] == []


def test_run_cli_leads_with_the_question_as_asked(tmp_path: Path) -> None:
    args = ["run", "-n", "30", "--seed", "3", "--out", str(tmp_path), "-s", "c004_taiwan"]
    args += ["--tipping-members", "10", "--path-members", "10", "--choice-members", "10"]
    r = CliRunner().invoke(app, [*args, "--sobol", "0"])
    assert r.exit_code == 0, r.output
    assert r.stdout.lstrip().startswith("China-led bloc controls")
    assert "The answer under each structural choice" in r.stdout
    report = (tmp_path / "report.md").read_text()
    for section in ("## The question as asked", "## The answer under each structural choice",
                    "## Paths 2025-2040", "## Hedgers", "## Whose choices matter",
                    "## Issue forecasts"):  # fmt: skip
        assert section in report, section
    assert (tmp_path / "paths.png").is_file() and (tmp_path / "doses.png").is_file()

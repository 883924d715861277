"""Structural draws, the term-weight seam, clipping, Sobol' contract, data-set copies, and the
property that an outcome marked fixed is constant over random inputs."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from realpolitik.cli import app
from realpolitik.data import export_dataset, load_dataset
from realpolitik.scenarios.catalogue import load_builtin
from realpolitik.scenarios.members import evaluate_units, make_plan
from realpolitik.scenarios.runner import run_plan
from realpolitik.scenarios.spec import ScenarioSpec
from realpolitik.scenarios.state import System, build_system
from realpolitik.scenarios.structure import (
    CAPABILITY_MEASURES,
    sample_term_weights,
    transform,
)


def test_measures_differ_and_composite_is_the_default_index(system: System) -> None:
    assert system.measure_shares is not None
    chn = system.actors.index("CHN")
    # CINC gives China a larger share than GDP at market rates (issue 12's 0.50 vs 0.36).
    assert system.measure_shares[0, chn] > system.measure_shares[1, chn]
    plan = make_plan(load_builtin("baseline"), system)
    u = np.full((len(CAPABILITY_MEASURES), plan.layout.width), 0.5)
    u[:, plan.layout.slice("capability_measure")] = (
        (np.arange(len(CAPABILITY_MEASURES)) + 0.5) / len(CAPABILITY_MEASURES)
    )[:, None]
    d = transform(u, plan.layout, plan.spec, system)
    assert d.measure.tolist() == list(range(len(CAPABILITY_MEASURES)))
    np.testing.assert_allclose(d.base_shares[-1], system.shares, atol=1e-12)
    assert np.allclose(d.base_shares.sum(axis=1), 1)


def test_weight_seam_takes_fitted_draws(system: System) -> None:
    class Fitted:
        terms = ("alliance", "rivalry")
        mean = np.array([2.0, 0.5])
        draws = np.array([[2.0, 0.5], [4.0, 1.0]])
        source = "test"

    k = len(system.term_names)
    u = np.array([[0.1] * k, [0.9] * k])
    m = sample_term_weights(u, system.term_names, system.base_term_weights, draws=Fitted())
    ia, ir = system.term_names.index("alliance"), system.term_names.index("rivalry")
    base = system.base_term_weights
    # the multiplier turns the weight the system was built with into the drawn weight
    np.testing.assert_allclose(m[:, ia] * base[ia], [2.0, 4.0])
    np.testing.assert_allclose(m[:, ir] * base[ir], [0.5, 1.0])
    other = [j for j in range(k) if j not in (ia, ir)]
    assert (m[:, other] == 1).all()


def test_intensity_draws_are_clipped_with_a_warning(system: System) -> None:
    spec = ScenarioSpec.model_validate(
        {
            "name": "wide",
            "levers": [
                {"id": "us_retrenchment", "intensity": {"dist": "normal", "mean": 1.8, "sd": 1}}
            ],
        }
    )
    plan = make_plan(spec, system)
    with pytest.warns(UserWarning, match="clipped"):
        cols = evaluate_units(plan, np.random.default_rng(0).random((50, plan.layout.width)))
    lam = np.asarray(cols["lever_us_retrenchment"])
    assert lam.max() <= 2.0 and lam.min() >= 0.0


def test_sobol_contract_and_stable_top(system: System) -> None:
    r = CliRunner().invoke(app, ["sensitivity", "baseline", "--json", "-n", "32"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert set(data) >= {"output", "method", "indices"} and data["output"] == "china_led"
    row = data["indices"][0]
    assert set(row) == {"input", "S1", "S1_conf", "ST", "ST_conf"}
    names = [x["input"] for x in data["indices"]]
    # The fitted weights' bootstrap row is one draw: one named input, not one per term.
    assert "capability_measure" in names and "alignment_model_draw" in names
    assert not any(n.startswith("weight:") for n in names)


def test_sensitivity_rejects_unknown_output() -> None:
    r = CliRunner().invoke(app, ["sensitivity", "baseline", "--output", "China-led", "-n", "16"])
    assert r.exit_code != 0 and "china_led" in r.output


def test_data_copy_lever_effects_and_weights_are_read(tmp_path: Path) -> None:
    folder = export_dataset(tmp_path / "copy")
    fx = (folder / "lever_effects.toml").read_text()
    fx = fx.replace("delta = -1.1 },", "delta = -9.0 },", 1)  # us_retrenchment, US ties
    (folder / "lever_effects.toml").write_text(fx)
    w = (folder / "propensity.toml").read_text().replace("weight = 1.0", "weight = 3.0", 1)
    (folder / "propensity.toml").write_text(w)
    own = build_system(load_dataset(folder), data_dir=folder)
    base = build_system(load_dataset())
    spec = ScenarioSpec(name="r", levers=[{"id": "us_retrenchment", "intensity": 1.0}])
    assert own.term_weights is not None and own.term_weights[0] == 3.0
    i, j = own.index("USA"), own.index("JPN")
    assert make_plan(spec, own).levers[0].dp[i, j] == -9.0
    assert make_plan(spec, base).levers[0].dp[i, j] == pytest.approx(-1.1)


@pytest.fixture(scope="module")
def fixed_baseline(system: System) -> tuple[object, dict[str, bool]]:
    plan = make_plan(load_builtin("baseline"), system)
    run = run_plan(plan, members=1000, seed=11)
    fixed = {k: bool(run.outcomes[k][0]) for k in run.fixed_outcomes()}
    return plan, fixed


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    corner=st.sampled_from([0.001, 0.999, None]),
    seed=st.integers(0, 2**32 - 1),
)
def test_fixed_outcomes_are_constant_over_random_inputs(
    fixed_baseline: tuple[object, dict[str, bool]], corner: float | None, seed: int
) -> None:
    plan, fixed = fixed_baseline
    width = plan.layout.width  # type: ignore[attr-defined]
    u = np.random.default_rng(seed).random((64, width))
    if corner is not None:  # push every input of half the rows to one end of its range
        u[::2] = corner
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cols = evaluate_units(plan, u)  # type: ignore[arg-type]
    for oid, value in fixed.items():
        got = np.asarray(cols[f"outcome_{oid}"], dtype=bool)
        assert (got == value).all(), oid


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(3, 7))
def test_three_bloc_descent_ends_in_a_local_minimum(seed: int, n: int) -> None:
    from realpolitik.engines.alignment.landscape import is_local_minimum
    from realpolitik.scenarios._blocs import descend_k_blocs

    rng = np.random.default_rng(seed)
    sizes = rng.uniform(0.1, 1.0, (1, n))
    p = rng.normal(0, 1, (n, n))
    p = (p + p.T) / 2
    np.fill_diagonal(p, 0)
    start = rng.integers(0, 2, (1, n)).astype(np.int8)
    out = descend_k_blocs(sizes, p[None], start, 3)
    assert out.min() >= 0 and out.max() <= 2
    assert is_local_minimum(sizes[0], p, out[0], k=3)


def test_tipping_text_and_claims_json_contract(system: System) -> None:
    from realpolitik.scenarios.main import run_all

    res = run_all(
        system=system,
        names=["c000_self_reliance"],
        members=60,
        seed=3,
        tipping_members=30,
        sobol_base=0,
    )
    (c,) = [x.as_dict() for x in res.claims]
    assert {
        "id",
        "outcome",
        "levers",
        "dependency",
        "p_with",
        "p_without",
        "lift",
        "tipping_intensity",
        "verdict",
    } <= set(c)
    assert c["dependency"] == "mediated"
    # Japan and Korea do not leave the US even at twice the documented retrenchment
    assert c["tipping_intensity"] is None and c["tipping"] == "none up to 2x"


def test_plan_samples_fitted_draws_through_the_seam(system: System) -> None:
    class Fitted:
        terms = ("alliance",)
        mean = np.array([0.5])
        draws = np.array([[0.5], [1.5]])
        source = "test fit"

    plan = make_plan(load_builtin("baseline"), system, weight_draws=Fitted())
    cols = evaluate_units(plan, np.random.default_rng(1).random((40, plan.layout.width)))
    w = np.asarray(cols["weight_alliance"])
    assert set(np.round(w, 12)) == {0.5, 1.5}  # the built-in alliance weight is 1
    run = run_plan(plan, members=20, seed=1)
    assert run.manifest["term_weights"] == "fitted: test fit"


def test_means_skip_undefined_values(system: System) -> None:
    from realpolitik.scenarios.runner import _Collector

    acc = _Collector(("A",))
    nan = float("nan")
    acc.add(
        {
            "member": np.array([0, 1, 2]),
            "forecast_x": np.array([nan, 40.0, 60.0]),
            "forecast_y": np.array([nan, nan, nan]),
            "base_share_A": np.ones(3),
        }
    )
    assert acc.sums["forecast_x"] / acc.counts["forecast_x"] == 50.0  # not 100 / 3
    assert acc.counts["forecast_y"] == 0

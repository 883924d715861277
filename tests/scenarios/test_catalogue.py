"""Every catalogue lever applies and every catalogue outcome is computed."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from realpolitik.model.dataset import Dataset
from realpolitik.scenarios.levers import compile_levers, load_lever_effects
from realpolitik.scenarios.outcomes import OUTCOME_DEFINITIONS
from realpolitik.scenarios.runner import run_scenario
from realpolitik.scenarios.spec import ScenarioSpec
from realpolitik.scenarios.state import System


def _catalogue(shared_dir: Path) -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads(
        (shared_dir / "eval" / "catalogue.json").read_text()
    )
    return data


def test_every_reference_lever_and_outcome_has_an_implementation(shared_dir: Path) -> None:
    cat = _catalogue(shared_dir)
    assert set(cat["levers"]) <= set(load_lever_effects())
    assert set(cat["outcomes"]) <= set(OUTCOME_DEFINITIONS)


def test_lever_effects_cite_known_sources_and_ids(dataset: Dataset) -> None:
    sources = {s.id for s in dataset.sources}
    actors = {a.code for a in dataset.actors}
    issues = {i.id for i in dataset.issues}
    levers = {lv.id for lv in dataset.levers}
    for lid, eff in load_lever_effects().items():
        assert lid in levers, lid
        assert eff.sources and set(eff.sources) <= sources, lid
        assert eff.why
        for e in eff.effects:
            for pair in e.get("pairs", []):
                assert set(pair) <= actors, (lid, pair)
            assert set(e.get("actors", [])) <= actors, lid
            if "issue" in e:
                assert e["issue"] in issues, (lid, e["issue"])


@pytest.mark.parametrize("lever", sorted(load_lever_effects()))
def test_each_lever_changes_the_state(lever: str, system: System) -> None:
    (c,) = compile_levers([lever], system.actors, system.issues)
    b = 3
    p = np.zeros((b, *system.terms.shape[1:]))
    growth = np.zeros((b, len(system.actors)))
    shares = np.tile(system.shares, (b, 1))
    pos = np.tile(np.nan_to_num(system.positions, nan=50.0), (b, 1, 1))
    sal = np.tile(system.salience, (b, 1, 1)) * 0.5
    before = [x.copy() for x in (p, growth, shares, pos, sal)]
    c.apply(np.array([0.0, 0.5, 1.0]), p, growth, shares, pos, sal)
    after = (p, growth, shares, pos, sal)
    # Intensity 0 changes nothing; intensity 1 changes something.
    assert all(np.array_equal(a[0], bf[0]) for a, bf in zip(after, before, strict=True))
    assert any(not np.array_equal(a[2], bf[2]) for a, bf in zip(after, before, strict=True))
    assert np.allclose(p, np.swapaxes(p, 1, 2))
    assert np.allclose(shares.sum(axis=1), 1.0)
    assert ((pos >= 0) & (pos <= 100)).all() and ((sal >= 0) & (sal <= 1)).all()


def test_every_outcome_is_computed_with_all_levers(system: System) -> None:
    spec = ScenarioSpec(
        name="everything",
        levers=[{"id": k, "intensity": 0.5} for k in sorted(load_lever_effects())],
    )
    res = run_scenario(spec, system=system, members=64, seed=3)
    assert set(res.outcomes) == set(OUTCOME_DEFINITIONS)
    for v in res.outcomes.values():
        assert v.shape == (64,) and v.dtype == bool
    ctl = res.control()
    assert sum(e.value for e in ctl.values()) == pytest.approx(1.0)


def test_lever_effects_are_absolute_not_scaled_by_the_system(system: System) -> None:
    """A lens that doubles every propensity must not double the levers (issue 12)."""
    from dataclasses import replace

    from realpolitik.scenarios.members import make_plan

    doubled = replace(system, terms=system.terms * 2)
    assert doubled.scale == pytest.approx(2 * system.scale)
    spec = ScenarioSpec(name="r", levers=[{"id": "us_retrenchment", "intensity": 1.0}])
    a = make_plan(spec, system).levers[0].dp
    b = make_plan(spec, doubled).levers[0].dp
    np.testing.assert_array_equal(a, b)
    fx = load_lever_effects()["us_retrenchment"].effects[0]
    i, j = system.index("USA"), system.index("JPN")
    assert a[i, j] == fx["delta"]

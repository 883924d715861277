"""Lens comparison: the same scenarios under each lens, where they disagree, and why.

:func:`compare_lenses` runs the built-in baseline and claim scenarios under the baseline
state and under every lens, with the same root seed and ensemble size (common random numbers:
member ``i`` draws the same inputs in every lens, so differences are paired). It then

1. lists, per scenario, the probability of the scenario's outcome and of each answer to
   "who controls the region" under each lens (the comparison table);
2. ranks the **differences**: the (scenario, answer) cells whose probability spreads most
   across the lenses (baseline included), and the dyads whose propensity spreads most;
3. **attributes** each difference: for every lens that moves the cell away from the
   baseline, it removes one evidence item (a sentence and its events), rebuilds the lens
   state, reruns the scenario on the same members and reports the change (leave-one-out),
   items ranked by the size of their effect.

Attribution cost is bounded by a **pre-screen**: an item can only act through the dyads its
events touch, and its first-order effect on the landscape energy is
``sum over its dyads |dp_ij| * s_i * s_j`` (``dp`` the change of the event-tone contribution
when the item is removed, ``s`` capability shares). Items with a zero score are skipped
exactly (their removal cannot change the state); of the rest only the ``top_k`` highest are
rerun. ``top_k=None`` gives full leave-one-out (the benchmark's baseline).

References
----------
Axelrod, R., & Bennett, D. S. (1993). A landscape theory of aggregation. *British Journal of
Political Science*, 23(2), 211-233.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from realpolitik.lenses.evidence import EvidenceItem
from realpolitik.lenses.state import LensState, build_lens_state, shift_from_items
from realpolitik.model.dataset import Dataset
from realpolitik.scenarios.outcomes import CONTENDERS
from realpolitik.scenarios.runner import EnsembleResult, paired_lift, run_plan
from realpolitik.scenarios.spec import ScenarioSpec
from realpolitik.scenarios.state import System, build_system

__all__ = ["HEADLINE", "compare_lenses", "prescreen_scores", "scenario_cells"]

HEADLINE = "China-led bloc controls the region"
"""Outcome label of the baseline and structural scenarios (as in the main job's table)."""


@dataclass
class _Counter:
    runs: int = 0
    attribution_runs: int = 0


def _specs(names: Sequence[str] | None) -> dict[str, ScenarioSpec]:
    from realpolitik.scenarios.catalogue import builtin_scenarios, load_builtin

    wanted = list(names) if names else builtin_scenarios()
    specs = {"baseline": load_builtin("baseline")}
    for n in wanted:
        if n != "baseline":
            specs[n] = load_builtin(n)
    return specs


def _system_for(dataset: Dataset, state: LensState, spec: ScenarioSpec) -> System:
    if spec.actors is None and spec.base_year is None:
        return state.system
    return build_system(dataset, spec.actors, spec.base_year, terms=state.terms)


def _run(
    dataset: Dataset, state: LensState, spec: ScenarioSpec, members: int, seed: int
) -> EnsembleResult:
    from realpolitik.scenarios.members import make_plan

    return run_plan(make_plan(spec, _system_for(dataset, state, spec)), members=members, seed=seed)


def scenario_cells(spec: ScenarioSpec, run: EnsembleResult) -> dict[str, float]:
    """The answers of one scenario run: its outcome (the claim's consequent, or the headline)
    and each contender's probability of controlling the region.

    Keys are ``"outcome:<id>"`` and ``"controls:<contender>"``.
    """
    cells: dict[str, float] = {}
    outcome = spec.claim.outcome if spec.claim is not None else None
    if outcome and outcome in run.outcomes:
        cells[f"outcome:{outcome}"] = float(run.outcomes[outcome].mean())
    for c in CONTENDERS:
        cells[f"controls:{c}"] = float((run.controller == c).mean()) if run.controller.size else 0.0
    return cells


def prescreen_scores(
    items: Sequence[EvidenceItem], system: System, event_weight: float
) -> dict[str, float]:
    """First-order energy effect of removing each item (see the module notes).

    Examples
    --------
    >>> from realpolitik.data import load_dataset
    >>> from realpolitik.lenses.state import build_lens_state
    >>> a = EvidenceItem(1, 1, "x", "", (("USA", "JPN", -8.0, 1.0, 1),))
    >>> b = EvidenceItem(1, 2, "x", "", (("UKR", "RUS", -8.0, 1.0, 2),))
    >>> st = build_lens_state(load_dataset(), [a, b])
    >>> s = prescreen_scores([a, b], st.system, 0.5)
    >>> s["d1:s1"] > 0, s["d1:s2"]
    (True, 0.0)
    """
    full = shift_from_items(items)
    pos = {a: i for i, a in enumerate(system.actors)}
    out: dict[str, float] = {}
    for it in items:
        dyads = [d for d in it.dyads if d[0] in pos and d[1] in pos]
        if not dyads:
            out[it.key] = 0.0
            continue
        rest = shift_from_items(x for x in items if x.key != it.key)
        score = 0.0
        for a, b in dyads:
            dp = event_weight * (full.get((a, b), 0.0) - rest.get((a, b), 0.0))
            score += abs(dp) * float(system.shares[pos[a]] * system.shares[pos[b]])
        out[it.key] = score
    return out


def _configuration(system: System) -> dict[str, Any]:
    from realpolitik.engines.alignment.ensemble import solve_two_blocs

    sol = solve_two_blocs(system.shares[None], system.propensity[None])
    blocs = np.asarray(sol.assignment[0])
    chn = system.actors.index("CHN") if "CHN" in system.actors else 0
    china_bloc = [a for a, b in zip(system.actors, blocs, strict=True) if b == blocs[chn]]
    other = [a for a in system.actors if a not in china_bloc]
    share = float(sum(system.shares[system.actors.index(a)] for a in china_bloc))
    return {"china_bloc": china_bloc, "other_bloc": other, "china_bloc_share": round(share, 4)}


def _event_weight() -> float:
    from realpolitik.engines.alignment.propensity import load_weights

    return load_weights()["event_tone"].weight


def compare_lenses(
    dataset: Dataset,
    lenses: Sequence[LensState],
    *,
    scenarios: Sequence[str] | None = None,
    members: int = 200,
    seed: int | None = None,
    top: int = 5,
    top_k: int | None = 4,
    attribution_members: int | None = None,
    min_effect: float | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Run the scenarios under every lens, rank where they differ and attribute each difference.

    Parameters
    ----------
    dataset : Dataset
        The structural data (the baseline state is built from it with no evidence).
    lenses : sequence of LensState
        Lens states built with :func:`realpolitik.lenses.state.build_lens_state` on the
        default actors and year.
    scenarios : sequence of str, optional
        Built-in scenario names (default: all); the baseline scenario always runs.
    members : int
        Ensemble size of every run (same for all lenses).
    seed : int, optional
        Root seed (default: the baseline scenario's); the same for every lens.
    top : int
        How many differences to report (and attribute).
    top_k : int or None
        Items rerun per lens and difference after the pre-screen; ``None`` reruns every item
        with a non-zero score (full leave-one-out, no pre-screen).
    attribution_members : int, optional
        Members per leave-one-out rerun (default ``members``); fewer members bound the cost,
        and the effects stay paired because the seed is the same.
    min_effect : float, optional
        A lens is attributed for a difference when it moves the cell from the baseline by at
        least this much (default ``1 / members``: any change at all).
    progress : callable, optional
        Called with a short message as work proceeds.

    Returns
    -------
    dict
        JSON-ready: ``lenses``, ``members``, ``seed``, ``coverage``, ``configuration``,
        ``table`` (one row per scenario: outcome probability, who controls, and the paired
        lift of P(China-led controls) over the baseline with its 90% interval),
        ``differences`` (outcome cells, each with its attribution),
        ``propensity_differences`` (dyads, each with its attribution) and
        ``cost`` (number of ensemble runs).

    Notes
    -----
    Cost: ``(L + 1) * S`` ensemble runs of ``members`` plus at most
    ``L * top * top_k`` attribution runs of one scenario each (cached per lens, item and
    scenario), where ``L`` lenses and ``S`` scenarios. The propensity attribution needs no
    ensemble run (the propensity of a dyad is deterministic given the state).
    """
    names = [s.name for s in lenses]
    if len(set(names)) != len(names) or "baseline" in names:
        raise ValueError("lens names must be unique and not 'baseline'")
    specs = _specs(scenarios)
    states: dict[str, LensState] = {
        "baseline": build_lens_state(dataset, [], name="baseline"),
        **{s.name: s for s in lenses},
    }
    ew = _event_weight()
    job = _Comparison(
        dataset=dataset,
        states=states,
        specs=specs,
        members=members,
        root=specs["baseline"].seed if seed is None else int(seed),
        att_members=members if attribution_members is None else int(attribution_members),
        top_k=top_k,
        say=progress or (lambda _msg: None),
        screens={ln: prescreen_scores(st.items, st.system, ew) for ln, st in states.items()},
    )
    # 1. Every scenario under every lens (same seed, same members).
    table = [job.scenario_row(sname) for sname in specs]
    # 2. The outcome cells that spread most across the lenses, each attributed to items.
    threshold = (1.0 / members) if min_effect is None else float(min_effect)
    differences = [job.difference(*row, threshold) for row in job.spread_rows()[:top]]
    return {
        "lenses": list(states),
        "members": members,
        "attribution_members": job.att_members,
        "seed": job.root,
        "scenarios": list(specs),
        "coverage": {ln: st.coverage() for ln, st in states.items() if ln != "baseline"},
        "configuration": {ln: _configuration(st.system) for ln, st in states.items()},
        "table": table,
        "differences": differences,
        "propensity_differences": _propensity_differences(dataset, states, top, ew),
        "claims": {ln: _claims(st) for ln, st in states.items() if ln != "baseline"},
        "cost": {"runs": job.counter.runs, "attribution_runs": job.counter.attribution_runs}
        | {"top_k": top_k},
    }


@dataclass
class _Comparison:
    """The shared state of one :func:`compare_lenses` call: runs and caches, step by step."""

    dataset: Dataset
    states: dict[str, LensState]
    specs: dict[str, ScenarioSpec]
    members: int
    root: int
    att_members: int
    top_k: int | None
    say: Callable[[str], None]
    screens: dict[str, dict[str, float]]
    counter: _Counter = field(default_factory=_Counter)
    runs: dict[tuple[str, str], EnsembleResult] = field(default_factory=dict)
    cells: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    loo_cache: dict[tuple[str, str, str], EnsembleResult] = field(default_factory=dict)
    full_cache: dict[tuple[str, str], EnsembleResult] = field(default_factory=dict)

    def scenario_row(self, sname: str) -> dict[str, Any]:
        """Run ``sname`` under every lens; its table row (outcome, who controls, lift)."""
        spec = self.specs[sname]
        row: dict[str, Any] = {"scenario": sname, "p": {}, "who_controls": {}, "china_led_lift": {}}
        self.cells[sname] = {}
        for lname, st in self.states.items():
            self.say(f"{lname}: {sname}")
            r = _run(self.dataset, st, spec, self.members, self.root)
            self.counter.runs += 1
            self.runs[(lname, sname)] = r
            c = self.cells[sname][lname] = scenario_cells(spec, r)
            key = next((k for k in c if k.startswith("outcome:")), "controls:China-led")
            row["outcome"] = key.split(":", 1)[1] if key.startswith("outcome:") else HEADLINE
            row["p"][lname] = round(c[key], 4)
            row["who_controls"][lname] = {
                k.split(":", 1)[1]: round(v, 4) for k, v in c.items() if k.startswith("controls:")
            }
            if lname != "baseline":
                base = self.runs[("baseline", sname)].controller == "China-led"
                lift = paired_lift(r.controller == "China-led", base)
                row["china_led_lift"][lname] = {k: round(v, 4) for k, v in lift.as_dict().items()}
        return row

    def spread_rows(self) -> list[tuple[float, str, str, dict[str, float]]]:
        """(spread, scenario, cell, value per lens) of every cell that differs, widest first."""
        rows = []
        for sname, by_lens in self.cells.items():
            for key in by_lens["baseline"]:
                values = {ln: by_lens[ln][key] for ln in self.states}
                spread = max(values.values()) - min(values.values())
                if spread > 0:
                    rows.append((spread, sname, key, values))
        rows.sort(key=lambda t: (-t[0], t[1], t[2]))
        return rows

    def candidates(self, lname: str) -> list[str]:
        """The lens's items by pre-screen score (non-zero only), at most ``top_k``."""
        sc = self.screens[lname]
        ranked = sorted((k for k, v in sc.items() if v > 0), key=lambda k: (-sc[k], k))
        return ranked if self.top_k is None else ranked[: self.top_k]

    def _full(self, lname: str, sname: str) -> EnsembleResult:
        if self.att_members == self.members:
            return self.runs[(lname, sname)]
        if (lname, sname) not in self.full_cache:
            st, spec = self.states[lname], self.specs[sname]
            self.full_cache[(lname, sname)] = _run(
                self.dataset, st, spec, self.att_members, self.root
            )
            self.counter.attribution_runs += 1
        return self.full_cache[(lname, sname)]

    def _without(self, lname: str, item: str, sname: str) -> EnsembleResult:
        ck = (lname, item, sname)
        if ck not in self.loo_cache:
            self.say(f"{lname}: {sname} without {item}")
            st = self.states[lname]
            loo = build_lens_state(self.dataset, st.items, name=lname, exclude=[item])
            self.loo_cache[ck] = _run(
                self.dataset, loo, self.specs[sname], self.att_members, self.root
            )
            self.counter.attribution_runs += 1
        return self.loo_cache[ck]

    def difference(
        self, spread: float, sname: str, key: str, values: dict[str, float], threshold: float
    ) -> dict[str, Any]:
        """One outcome cell that differs, attributed for every lens that moves it enough."""
        return {
            "scenario": sname,
            "cell": key,
            "spread": round(spread, 4),
            "p": {ln: round(v, 4) for ln, v in values.items()},
            "attribution": {
                ln: self.attribute(ln, sname, key, values)
                for ln in self.states
                if ln != "baseline" and abs(values[ln] - values["baseline"]) >= threshold
            },
        }

    def attribute(
        self, lname: str, sname: str, key: str, values: dict[str, float]
    ) -> dict[str, Any]:
        """Leave-one-out effect on cell ``key`` of each pre-screened item of lens ``lname``."""
        spec = self.specs[sname]
        p_full = scenario_cells(spec, self._full(lname, sname))[key]
        by_key = {it.key: it for it in self.states[lname].items}
        tried = self.candidates(lname)
        effects = [
            {
                **_item_ref(by_key[ik]),
                "effect": round(
                    p_full - scenario_cells(spec, self._without(lname, ik, sname))[key], 4
                ),
                "prescreen": round(self.screens[lname][ik], 6),
            }
            for ik in tried
        ]
        effects.sort(key=lambda e: (-abs(e["effect"]), e["key"]))
        return {
            "delta_vs_baseline": round(values[lname] - values["baseline"], 4),
            "candidates": sum(1 for v in self.screens[lname].values() if v > 0),
            "tried": len(tried),
            "items": effects,
        }


def _claims(st: LensState) -> list[dict[str, Any]]:
    """The lens's claims that name an outcome or a lever, as JSON-ready references."""
    return [
        {
            "document_id": c.get("document_id"),
            "sentence_id": c.get("sentence_id"),
            "kind": c.get("kind"),
            "outcome": c.get("outcome"),
            "levers": [lv.get("id") for lv in (c.get("levers") or [])][:1],
            "text": c.get("text"),
        }
        for c in st.claims
        if c.get("outcome") or c.get("levers")
    ]


def _item_ref(it: EvidenceItem) -> dict[str, Any]:
    return {
        "key": it.key,
        "document_id": it.document_id,
        "sentence_id": it.sentence_id,
        "source": it.source,
        "text": it.text,
        "dyads": [f"{a}-{b}" for a, b in it.dyads],
    }


def _propensity_differences(
    dataset: Dataset, states: dict[str, LensState], top: int, event_weight: float
) -> list[dict[str, Any]]:
    base = states["baseline"].system
    n = len(base.actors)
    rows = []
    for i in range(n):
        for j in range(i + 1, n):
            vals = {ln: float(st.system.propensity[i, j]) for ln, st in states.items()}
            spread = max(vals.values()) - min(vals.values())
            if spread > 1e-12:
                rows.append((spread, i, j, vals))
    rows.sort(key=lambda t: (-t[0], t[1], t[2]))
    out = []
    for spread, i, j, vals in rows[:top]:
        a, b = base.actors[i], base.actors[j]
        dyad = (a, b) if a <= b else (b, a)
        attribution: dict[str, Any] = {}
        for ln, st in states.items():
            if ln == "baseline" or abs(vals[ln] - vals["baseline"]) <= 1e-12:
                continue
            full_tone = st.shift.get(dyad, 0.0)
            effects = []
            for it in st.items:
                if dyad not in it.dyads:
                    continue
                rest = shift_from_items(x for x in st.items if x.key != it.key)
                effects.append(
                    {
                        **_item_ref(it),
                        "effect": round(event_weight * (full_tone - rest.get(dyad, 0.0)), 4),
                    }
                )
            effects.sort(key=lambda e: (-abs(e["effect"]), e["key"]))
            attribution[ln] = {
                "delta_vs_baseline": round(vals[ln] - vals["baseline"], 4),
                "items": effects,
            }
        out.append(
            {
                "dyad": f"{a}-{b}",
                "spread": round(spread, 4),
                "p": {ln: round(v, 4) for ln, v in vals.items()},
                "attribution": attribution,
            }
        )
    return out

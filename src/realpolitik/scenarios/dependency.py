"""Lever -> outcome dependency: is a claim's answer written by its own input?

From the lever specs (``lever_effects.toml``: which variables a lever writes) and the outcome
definitions (:data:`~realpolitik.scenarios.outcomes.OUTCOMES`: which variables an outcome
reads), each (levers, outcome) pair gets one label:

``by_construction``
    A lever writes a variable the outcome reads without an engine in between: a growth or
    capability-transfer effect and an outcome that reads capability shares (the projection
    only compounds the written rate and renormalises), or a position effect on issue ``q``
    and an outcome that reads the forecast of ``q`` (the forecast is a capability- and
    salience-weighted average of the written positions).
``mediated``
    No direct write, but a written variable is an input of an engine whose output the
    outcome reads: propensities or capabilities -> the alignment engine -> ``blocs`` and
    ``n_minima``; saliences or capabilities -> the bargaining engine -> ``forecast:q``.
``unreachable``
    No path: the lever's effects cannot move the outcome, so its lift is zero whatever the
    data say.
``not_representable``
    The claim's antecedent or outcome is something the model has no variable for
    (technology flows, supply chains): the lever or outcome would only be a proxy, so the
    claim is not judged on it (:data:`UNREPRESENTED_LEVERS`,
    :attr:`~realpolitik.scenarios.outcomes.OutcomeDef.not_representable`).

Only mediated claims can earn a supporting verdict (:func:`realpolitik.scenarios.claims.
verdict`).

Examples
--------
>>> from realpolitik.scenarios.levers import load_lever_effects
>>> fx = load_lever_effects()
>>> classify(["us_retrenchment"], "us_domestic_pressure", fx).label
'by_construction'
>>> classify(["china_military_pressure"], "kor_joins_us_coalition", fx).label
'mediated'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from realpolitik.scenarios.levers import LeverEffects
from realpolitik.scenarios.outcomes import OUTCOMES, OutcomeDef

__all__ = ["UNREPRESENTED_LEVERS", "Dependency", "classify", "lever_writes"]

Label = Literal["by_construction", "unreachable", "mediated", "not_representable"]

UNREPRESENTED_LEVERS: dict[str, str] = {
    "jpn_kor_tech_alliance_west": "technology alliances and investment flows are not model "
    "variables, and its partners Europe and Canada are not players: the lever moves "
    "propensities with Australia as a proxy",
}
"""Catalogue levers that stand for something the model cannot represent -> why."""

ALIGNMENT_INPUTS = ("propensity", "growth", "transfer")
"""Effect types whose variables feed the alignment engine (propensities and capabilities)."""


@dataclass(frozen=True)
class Dependency:
    """The label of one (levers, outcome) pair and why."""

    label: Label
    reason: str

    def as_dict(self) -> dict[str, str]:
        """``{"label": ..., "reason": ...}``."""
        return {"label": self.label, "reason": self.reason}


def lever_writes(spec: LeverEffects) -> set[str]:
    """The variables a lever writes: ``propensity``, ``growth``, ``transfer``,
    ``position:<issue>``, ``salience:<issue>``.

    Examples
    --------
    >>> from realpolitik.scenarios.levers import load_lever_effects
    >>> sorted(lever_writes(load_lever_effects()["trilateral_fta"]))
    ['position:trilateral_fta', 'propensity', 'salience:trilateral_fta']
    """
    out: set[str] = set()
    for eff in spec.effects:
        t = eff["type"]
        out.add(f"{t}:{eff['issue']}" if t in ("position", "salience") else t)
    return out


def _direct(writes: set[str], reads: tuple[str, ...]) -> list[str]:
    hits = []
    for r in reads:
        if r == "share":
            hits += [
                f"{w} -> capability shares" for w in sorted(writes) if w in ("growth", "transfer")
            ]
        elif r.startswith("forecast:"):
            q = r.split(":", 1)[1]
            if f"position:{q}" in writes:
                hits.append(f"positions on {q} -> the {q} forecast")
    return hits


def _mediated(writes: set[str], reads: tuple[str, ...]) -> list[str]:
    paths = []
    for r in reads:
        if r in ("blocs", "n_minima"):
            paths += [f"{w} -> alignment engine" for w in sorted(writes) if w in ALIGNMENT_INPUTS]
        elif r.startswith("forecast:"):
            q = r.split(":", 1)[1]
            if f"salience:{q}" in writes:
                paths.append(f"salience on {q} -> bargaining engine")
            paths += [
                f"{w} (capabilities) -> bargaining engine"
                for w in sorted(writes)
                if w in ("growth", "transfer")
            ]
    return paths


def classify(
    levers: Iterable[str],
    outcome: str | OutcomeDef,
    effects: Mapping[str, LeverEffects],
) -> Dependency:
    """Label the dependency of ``outcome`` on the ``levers`` (see the module docstring).

    Raises
    ------
    KeyError
        For an unknown lever or outcome id.
    """
    odef = outcome if isinstance(outcome, OutcomeDef) else {o.id: o for o in OUTCOMES}[outcome]
    ids = list(levers)
    proxies = [f"{lid}: {UNREPRESENTED_LEVERS[lid]}" for lid in ids if lid in UNREPRESENTED_LEVERS]
    if odef.not_representable:
        proxies.append(f"{odef.id}: {odef.not_representable}")
    if proxies:
        return Dependency("not_representable", "; ".join(proxies))
    writes: set[str] = set()
    for lid in ids:
        writes |= lever_writes(effects[lid])
    direct = _direct(writes, odef.reads)
    if direct:
        return Dependency(
            "by_construction",
            f"{', '.join(ids)} write(s) what '{odef.id}' reads: " + "; ".join(direct),
        )
    paths = _mediated(writes, odef.reads)
    if paths:
        return Dependency("mediated", "through " + "; ".join(dict.fromkeys(paths)))
    return Dependency(
        "unreachable",
        f"{', '.join(ids)} write(s) {', '.join(sorted(writes)) or 'nothing'}, none of which "
        f"reaches what '{odef.id}' reads ({', '.join(odef.reads)})",
    )

"""The seed articles' conditional claims, run on the model.

For each claim scenario (antecedent = levers, consequent = an outcome) the model's
probability of the consequent is measured with and without the antecedent on the same
ensemble members (same root seed, so the same draws of every uncertain input: common random
numbers). The lift is the paired difference, with a 90% interval; the verdict reads it, with
an effect-size floor (:data:`EFFECT_FLOOR`) and only for claims whose dependency is
``mediated`` (:mod:`realpolitik.scenarios.dependency`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from realpolitik._fields import pick
from realpolitik.errors import ScenarioError
from realpolitik.scenarios.dependency import Dependency
from realpolitik.scenarios.outcomes import HEADLINE_CONTENDERS
from realpolitik.scenarios.runner import EnsembleResult, Estimate, paired_lift

__all__ = [
    "DOSE_GRID",
    "EFFECT_FLOOR",
    "NO_TIPPING",
    "ClaimResult",
    "DosePoint",
    "evaluate_claim",
    "tipping_intensity",
    "verdict",
]


EFFECT_FLOOR = 0.05
"""Smallest lift (5 percentage points) that counts as an effect: a smaller lift, however
precisely measured with thousands of paired members, is "negligible"."""

NO_TIPPING = "none up to 2x"
"""Shown when the outcome stays below one half even at twice the documented lever effect."""


@dataclass(frozen=True)
class DosePoint:
    """P(outcome) with the antecedent's levers at one intensity (paired members)."""

    intensity: float
    estimate: Estimate
    members: int

    def as_dict(self) -> dict[str, float]:
        """``{"intensity", "p", "low", "high", "members"}``."""
        return {"intensity": self.intensity, **self.estimate.as_dict(), "members": self.members}


@dataclass(frozen=True)
class ClaimResult:
    """One claim's verdict.

    ``dependency`` is ``by_construction``, ``unreachable``, ``mediated`` or
    ``not_representable`` with ``dependency_reason`` (:mod:`realpolitik.scenarios.dependency`);
    ``fixed`` says why the outcome did not vary in either run (``None`` when it did);
    ``dose_response`` is P(outcome) with the levers at each intensity from 0 to 2 (paired
    members, fewer than the headline's); ``headline_lift`` the paired lift of each headline
    contender's control at the documented intensity.
    """

    scenario: str
    source: str
    summary: str
    levers: tuple[str, ...]
    outcome: str
    with_antecedent: Estimate
    without: Estimate
    lift: Estimate
    verdict: str
    tipping: float | None = None
    dependency: str = "mediated"
    dependency_reason: str = ""
    fixed: str | None = None
    tipping_searched: bool = False
    dose_response: tuple[DosePoint, ...] = ()
    headline_lift: tuple[tuple[str, Estimate], ...] = ()

    def tipping_text(self) -> str:
        """The tipping intensity as shown: a number, "none up to 2x", or "-" (not searched)."""
        if self.tipping is not None:
            return f"{self.tipping:g}"
        return NO_TIPPING if self.tipping_searched else "-"

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (the ``realpolitik claims --json`` contract plus display fields)."""
        return {
            "id": self.scenario,
            **pick(self, "scenario", "source"),
            "claim": self.summary,
            "levers": list(self.levers),
            **pick(self, "outcome", "dependency", "dependency_reason"),
            "p_with": self.with_antecedent.as_dict(),
            "p_without": self.without.as_dict(),
            "lift": self.lift.as_dict(),
            "verdict": self.verdict,
            "tipping_intensity": self.tipping,
            "tipping": self.tipping_text(),
            "fixed": self.fixed,
            "dose_response": [d.as_dict() for d in self.dose_response],
            "headline_lift": {k: e.value for k, e in self.headline_lift},
            "headline_lift_interval": {k: e.as_dict() for k, e in self.headline_lift},
        }


def verdict(
    p_with: Estimate,
    lift: Estimate,
    p_without: Estimate | None = None,
    *,
    dependency: str = "mediated",
    reason: str = "",
    floor: float = EFFECT_FLOOR,
) -> str:
    """A one-line reading of a claim's lift and probabilities.

    Only a ``mediated`` claim can be supported; a lift must clear its 90% interval *and* the
    effect-size ``floor`` to count.

    Examples
    --------
    >>> e = Estimate
    >>> verdict(e(0.7, 0.65, 0.75), e(0.3, 0.25, 0.35), e(0.4, 0.35, 0.45))
    'supported: the antecedent makes the outcome likely'
    >>> verdict(e(0.9, 0.85, 0.95), e(0.3, 0.25, 0.35), e(0.6, 0.55, 0.65))
    'supported but not needed: the antecedent raises an outcome that is likely anyway'
    >>> verdict(e(0.3, 0.25, 0.35), e(0.2, 0.15, 0.25), e(0.1, 0.05, 0.15))
    'partly supported: the antecedent raises the outcome, but it stays unlikely'
    >>> verdict(e(0.12, 0.1, 0.14), e(0.02, 0.01, 0.03), e(0.1, 0.08, 0.12))
    'negligible: the antecedent moves the outcome by less than the 5-point floor'
    >>> verdict(e(0.1, 0.05, 0.15), e(-0.2, -0.25, -0.15), e(0.3, 0.25, 0.35))
    'contradicted: the antecedent lowers the outcome'
    >>> verdict(e(0.1, 0.05, 0.15), e(0.0, -0.01, 0.01))
    'not supported: no measurable effect of the antecedent'
    >>> verdict(e(1.0, 0.99, 1.0), e(0.0, 0.0, 0.0), e(1.0, 0.99, 1.0))
    'not supported as a cause: the outcome is already likely without the antecedent'
    >>> verdict(e(0.9, 0.85, 0.95), e(0.5, 0.45, 0.55), e(0.4, 0.35, 0.45),
    ...         dependency="by_construction", reason="growth -> shares")
    'not testable: true by construction (growth -> shares)'
    >>> verdict(e(0.0, 0.0, 0.0), e(0.0, 0.0, 0.0), e(0.0, 0.0, 0.0),
    ...         dependency="unreachable", reason="no path")
    'no effect possible: no path'
    >>> verdict(e(0.2, 0.1, 0.3), e(0.1, 0.05, 0.15), dependency="not_representable",
    ...         reason="supply chains are not model variables")
    'not testable: the model cannot represent it (supply chains are not model variables)'
    """
    if dependency == "not_representable":
        return f"not testable: the model cannot represent it ({reason or 'no such variable'})"
    if dependency == "unreachable":
        return f"no effect possible: {reason or 'no path from the levers to the outcome'}"
    if dependency == "by_construction":
        return f"not testable: true by construction ({reason or 'the lever writes the outcome'})"
    likely_anyway = p_without is not None and p_without.value >= 0.5
    if lift.low > 0 and lift.value >= floor:
        if likely_anyway:
            return (
                "supported but not needed: the antecedent raises an outcome that is likely anyway"
            )
        if p_with.value >= 0.5:
            return "supported: the antecedent makes the outcome likely"
        return "partly supported: the antecedent raises the outcome, but it stays unlikely"
    if lift.high < 0 and lift.value <= -floor:
        return "contradicted: the antecedent lowers the outcome"
    if lift.low > 0 or lift.high < 0:
        return (
            f"negligible: the antecedent moves the outcome by less than the "
            f"{round(floor * 100)}-point floor"
        )
    if likely_anyway:
        return "not supported as a cause: the outcome is already likely without the antecedent"
    return "not supported: no measurable effect of the antecedent"


def evaluate_claim(
    claim_run: EnsembleResult,
    baseline: EnsembleResult,
    *,
    levers: tuple[str, ...],
    source: str,
    summary: str,
    outcome: str,
    dependency: Dependency | None,
) -> ClaimResult:
    """Compare a claim scenario with the baseline on ``outcome`` (same members).

    Also the paired lift of each headline contender's control (``headline_lift``).

    Raises
    ------
    ScenarioError
        When ``dependency`` is ``None``: a claim must be labelled
        (:func:`realpolitik.scenarios.dependency.classify`) before it is judged, never
        silently taken as mediated.
    ValueError
        When the runs do not share seed and ensemble size.
    """
    if dependency is None:
        raise ScenarioError(
            f"claim '{claim_run.name}' on '{outcome}' has no dependency label: classify its "
            "levers against the outcome (realpolitik.scenarios.dependency.classify) first"
        )
    if claim_run.seed != baseline.seed or claim_run.members != baseline.members:
        raise ValueError("claim and baseline runs must share seed and ensemble size")
    dep = dependency
    a = claim_run.outcomes[outcome]
    b = baseline.outcomes[outcome]
    p_with = claim_run.probability(outcome)
    p_without = baseline.probability(outcome)
    lift = paired_lift(a, b)
    fixed = None
    both = np.concatenate([a, b])
    stable = outcome in claim_run.fixed_outcomes() and outcome in baseline.fixed_outcomes()
    if stable and (both.all() or not both.any()):
        fixed = (
            f"fixed under the model: {'true' if both.all() else 'false'} in all {a.size} "
            "members with and without the antecedent and in every stress draw of the "
            "structural choices"
        )
    v = verdict(p_with, lift, p_without, dependency=dep.label, reason=dep.reason)
    if fixed is not None and dep.label == "mediated":
        v = f"not supported: {fixed}"
    return ClaimResult(
        scenario=claim_run.name,
        source=source,
        summary=summary,
        levers=levers,
        outcome=outcome,
        with_antecedent=p_with,
        without=p_without,
        lift=lift,
        verdict=v,
        dependency=dep.label,
        dependency_reason=dep.reason,
        fixed=fixed,
        headline_lift=tuple(
            (c, paired_lift(claim_run.controller == c, baseline.controller == c))
            for c in HEADLINE_CONTENDERS
        ),
    )


ProgressFn = Callable[[int, int], None]

TIPPING_GRID: tuple[float, ...] = (0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0)
"""Lever intensities tried by :func:`tipping_intensity` (1 = the documented effect)."""

DOSE_GRID: tuple[float, ...] = (0.0, *TIPPING_GRID)
"""Intensities of a claim's dose-response curve (0 = the antecedent off, 2 = twice it)."""


def tipping_intensity(
    probability_at: Callable[[float], float],
    threshold: float = 0.5,
    grid: tuple[float, ...] = TIPPING_GRID,
) -> float | None:
    """The smallest intensity on ``grid`` at which the outcome's probability reaches ``threshold``.

    Only meaningful when the outcome is unlikely without the antecedent (the main job skips
    claims whose outcome is already likely in the baseline).

    ``probability_at(x)`` runs the claim scenario with every antecedent lever fixed at
    intensity ``x`` and returns P(outcome). ``None`` ("none up to 2x") means the outcome stays
    below the threshold even at twice the documented effect; that end of the grid is tried
    first, so a claim that never tips costs one run.

    Examples
    --------
    >>> tipping_intensity(lambda x: min(1.0, x / 1.2))
    0.75
    >>> tipping_intensity(lambda x: 0.0) is None
    True
    """
    top = probability_at(grid[-1])
    if top < threshold:
        return None
    for x in grid[:-1]:
        if probability_at(x) >= threshold:
            return x
    return grid[-1]

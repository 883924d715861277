"""The bounded Bayesian update of a relation by evidence (pure: numbers in, numbers out).

The model
---------
Each pair's relation is the built-in propensity ``p0`` (every term of the alignment engine's
formula, from the built-in data dated up to the as-of date) plus the evidence term
``w * delta`` (the ``event_tone`` term of ``propensity.toml``, weight ``w``):

* **prior**: ``delta ~ Normal(0, PRIOR_SD**2)``, truncated to [-1, 1]. The built-in value is the
  prior mean; ``PRIOR_SD`` (in tone units) is how far the pair's current conduct may plausibly
  lie from what the built-in relations already imply.
* **likelihood**: each counted event ``k`` (deduplicated, :mod:`realpolitik.evidence.series`)
  reports a tone ``y_k ~ Normal(delta, EVENT_SD**2 / v_k)``, where ``v_k`` in [0, 1] is its
  weight (confidence x outlet weight x age discount): one fully confident fresh event is one
  noisy reading of the pair's state.
* **posterior mean**: ``delta = V * ybar / (KAPPA + V)`` with ``V = sum v_k``, ``ybar`` the
  weighted mean tone and ``KAPPA = (EVENT_SD / PRIOR_SD) ** 2`` (the prior's strength, in
  events); posterior sd ``PRIOR_SD * sqrt(KAPPA / (KAPPA + V))``.

Bounds (what the property tests check)
--------------------------------------
``|delta| <= |ybar| * V / (KAPPA + V) < 1``, so the relation stays in ``p0 +- w`` (its
documented range). A single event has ``V <= 1``, so it moves the relation by at most
``w / (1 + KAPPA)`` = :data:`SINGLE_EVENT_FRACTION` (10%) of that half-range; a sustained run of
``V`` events moves it by up to ``V / (KAPPA + V)`` of it (20 events: 69%).

What evidence can move, and what it cannot
------------------------------------------
Evidence moves the **relations** (the propensity of each pair of players, through this term).
It does not move capabilities (shares and growth come from the built-in indicators), issue
positions or saliences (no issue-position extractor exists; the stance of a document toward an
actor is not an issue position), nor the built-in relation terms (alliances, disputes, ...):
those change only with the built-in data, dated up to the as-of date.

Examples
--------
>>> one = update_relation(tone=0.52, weight=0.8)
>>> round(one.delta, 4), one.delta <= SINGLE_EVENT_FRACTION
(0.0424, True)
>>> run = update_relation(tone=-0.6, weight=20.0)
>>> round(run.delta, 3), round(run.sd, 3)
(-0.414, 0.167)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["EVENT_SD", "KAPPA", "PRIOR_SD", "SINGLE_EVENT_FRACTION", "Posterior", "update_relation"]

PRIOR_SD = 0.3
"""Prior sd of the evidence term (tone units): the built-in relations are taken to pin a pair's
current conduct to within about +-0.6 tone (two sd) -- a modelling judgement, not fitted."""

EVENT_SD = 0.9
"""Sd of one fully confident event's tone around the pair's state: single coded events are
noisy (Goldstein scores of one pair's events in a month commonly span most of [-1, 1])."""

KAPPA = (EVENT_SD / PRIOR_SD) ** 2
"""Prior strength in fully confident fresh events (9)."""

SINGLE_EVENT_FRACTION = 1.0 / (1.0 + KAPPA)
"""The most one event (weight <= 1) can move a relation, as a fraction of its half-range ``w``."""


@dataclass(frozen=True)
class Posterior:
    """The evidence term of one pair after the update.

    Attributes
    ----------
    delta : float
        Posterior mean of the term's raw value, in (-1, 1) (times the term's weight it is the
        change of the pair's propensity).
    sd : float
        Posterior sd of ``delta``.
    weight : float
        ``V``: the summed event weights behind it.
    """

    delta: float
    sd: float
    weight: float


def update_relation(
    tone: float, weight: float, prior_sd: float = PRIOR_SD, event_sd: float = EVENT_SD
) -> Posterior:
    """Posterior of the evidence term from events of mean ``tone`` and total ``weight``.

    Parameters
    ----------
    tone : float
        Weighted mean tone of the pair's counted events, in [-1, 1].
    weight : float
        Their summed weights ``V >= 0`` (each event at most 1).
    prior_sd, event_sd : float
        See :data:`PRIOR_SD` and :data:`EVENT_SD`.

    Raises
    ------
    ValueError
        When ``tone`` is outside [-1, 1] or ``weight`` is negative.
    """
    if not -1.0 <= tone <= 1.0:
        raise ValueError(f"tone {tone} outside [-1, 1]")
    if weight < 0:
        raise ValueError(f"weight {weight} is negative")
    kappa = (event_sd / prior_sd) ** 2
    delta = weight * tone / (kappa + weight)
    return Posterior(delta, prior_sd * math.sqrt(kappa / (kappa + weight)), weight)

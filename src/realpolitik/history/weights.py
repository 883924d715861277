"""Weights of the history terms and their mapping onto the East Asia terms.

The history terms (:data:`~realpolitik.history.terms.HISTORY_TERMS`) and the East Asia terms
(``propensity.toml``, built from ``relations.csv`` kinds) are not the same measurements. The
explicit mapping (:data:`TERM_MAP`) says which history term measures which East Asia term in
the same unit; only those carry a fitted weight over. Everything else keeps its judgement
weight and is labelled ``judgement`` in ``propensity_fitted.csv``.

=====================  =====================  ==============================================
history term           East Asia term         why (or why not)
=====================  =====================  ==============================================
alliance               alliance               ATOP defence/offence pledge, 0/1; EA: defence
                                              treaties and alliances, strength in [0, 1]
security_partnership   security_partnership   ATOP neutrality / non-aggression / consultation;
                                              EA cites ATOP consultation pledges for it
rivalry                rivalry                strategic rivalry, -1; EA: rivalry, -strength
hostility              hostility              MID in the last 5 years, -1; EA: hostile acts
regime_similarity      regime_similarity      same +1 / opposed -1 construction
shared_threats         shared_threats         count of common adversaries (EA: summed
                                              strengths of common adversaries)
trade_share            (none)                 % of the two states' world trade, not % of GDP
                                              as EA's trade_dependence: different unit
joint_igo              (none)                 joint IGO memberships; EA's cooperation counts
                                              reported cooperation events, a different thing
un_affinity            (none)                 UN ideal points: no EA term
constant               (none)                 the fit's intercept; EA's propensity has none
(none)                 trade_agreement,       no history counterpart: judgement weights
                       trade_dependence,
                       cooperation,
                       territorial_dispute,
                       sanctions, event_tone
=====================  =====================  ==============================================

The judgement weights of the history terms are those of the mapped East Asia terms
(read from ``propensity.toml``), plus three judgements for the history-only terms
(:data:`HISTORY_ONLY_JUDGEMENT`).

Examples
--------
>>> j = history_weights("judgement")
>>> dict(zip(j.terms, j.mean.round(2).tolist()))["rivalry"]
1.0
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from realpolitik._paths import PACKAGE_DATA
from realpolitik.engines.alignment.weights import WeightDraws, read_draws
from realpolitik.errors import InputError
from realpolitik.history.terms import HISTORY_TERMS

__all__ = [
    "FITTED_HISTORY_FILE",
    "HISTORY_ONLY_JUDGEMENT",
    "TERM_MAP",
    "history_weights",
]

FITTED_HISTORY_FILE = PACKAGE_DATA / "history" / "weights_fitted.csv"
"""Fitted history-term weights with bootstrap draws (``realpolitik fit-weights``)."""

TERM_MAP: dict[str, str | None] = {
    "alliance": "alliance",
    "security_partnership": "security_partnership",
    "rivalry": "rivalry",
    "hostility": "hostility",
    "regime_similarity": "regime_similarity",
    "shared_threats": "shared_threats",
    "trade_share": None,
    "joint_igo": None,
    "un_affinity": None,
    "constant": None,
}
"""History term -> East Asia term measured in the same unit (None: no counterpart)."""

HISTORY_ONLY_JUDGEMENT: dict[str, tuple[float, str]] = {
    "trade_share": (
        0.02,
        "EA trade_dependence is 0.05 per % of GDP; trade is about a third of GDP for the "
        "players, so a % of world trade is worth about a third of that",
    ),
    "joint_igo": (0.4, "the weight of EA cooperation, the nearest EA term, per full share"),
    "un_affinity": (
        0.25,
        "the weight of regime similarity (the ideology term of Axelrod & Bennett) per "
        "standard deviation of ideal-point distance",
    ),
    "constant": (0.0, "the East Asia judgement propensity has no constant term"),
}
"""Judgement weights of the history terms with no East Asia counterpart, with reasons."""


def _judgement() -> WeightDraws:
    from realpolitik.engines.alignment.propensity import load_weights

    specs = load_weights()
    mean = []
    for t in HISTORY_TERMS:
        ea = TERM_MAP[t]
        mean.append(specs[ea].weight if ea is not None else HISTORY_ONLY_JUDGEMENT[t][0])
    m = np.array(mean)
    return WeightDraws(
        terms=HISTORY_TERMS,
        mean=m,
        draws=m[None].copy(),
        source="judgement: propensity.toml via realpolitik.history.weights.TERM_MAP",
    )


def history_weights(preset: str = "fitted", path: str | Path | None = None) -> WeightDraws:
    """Weights of the history terms: ``"fitted"`` (file) or ``"judgement"`` (mapped toml).

    Raises
    ------
    InputError
        Unknown preset.
    """
    if preset == "judgement":
        return _judgement()
    if preset == "fitted":
        return read_draws(Path(path) if path is not None else FITTED_HISTORY_FILE, HISTORY_TERMS)
    raise InputError(f"weights {preset!r}: use 'fitted' or 'judgement'")

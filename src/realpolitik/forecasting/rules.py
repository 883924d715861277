"""What resolves each outcome the project forecasts: a rule on measured facts, or why not yet.

Every outcome question the project writes to the register has one :class:`Resolution`: the
measured fact that decides it and, where the project holds that fact, the rule that reads it
(:data:`OUTCOME_RULES`). An outcome without a rule says why it stays pending
(:attr:`Resolution.pending`): the fact is not measured by any source the project ships, or it
is a property of the model rather than of the world. The questions are

* the catalogue's outcomes (:data:`realpolitik.scenarios.outcomes.OUTCOMES`), issued by
  ``run`` and ``simulate``;
* ``controls:<contender>``, the answers to "who controls the region" (``run``, ``simulate``);
* ``issue_up:<issue>``, the bargaining forecast of ``realpolitik forecast``: the issue stands
  above its status quo at the target date.

The rules read the measured pair sides of the target year
(:func:`realpolitik.history.alignment.alignment_year`), where "in one bloc" is read pair by pair
as "on the same side" (the measure has no forced partition).

Examples
--------
>>> resolution_of("kor_joins_us_coalition").rule is not None
True
>>> resolution_of("controls:China-led").family
'controls:'
>>> resolution_of("no_such_outcome") is None
True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = [
    "FAMILIES",
    "OUTCOME_PLAYERS",
    "OUTCOME_RULES",
    "RESOLUTIONS",
    "OutcomeRule",
    "Resolution",
    "Sides",
    "resolution_of",
]

Sides = Callable[[str, str], str]
"""The measured side of a pair in the target year (raises ``KeyError`` when absent)."""

OutcomeRule = Callable[[Sides], bool]
"""An outcome's resolution rule on the measured sides of its target year."""


@dataclass(frozen=True)
class Resolution:
    """How one outcome (or one family of outcomes) is resolved.

    Attributes
    ----------
    outcome : str
        The outcome id, or a family prefix ending in ``:`` (``controls:``, ``issue_up:``).
    fact : str
        The measured fact that decides the outcome, in words.
    rule : callable or None
        The rule on the measured pair sides (:data:`OutcomeRule`); ``None``: no rule yet.
    players : tuple of str
        The players the rule reads.
    pending : str
        Why the outcome stays pending when due (empty when it has a rule).
    """

    outcome: str
    fact: str
    rule: OutcomeRule | None = None
    players: tuple[str, ...] = ()
    pending: str = ""

    @property
    def family(self) -> str:
        """The family prefix (``controls:``), or empty for a single outcome."""
        return self.outcome if self.outcome.endswith(":") else ""


def _same(sides: Sides, a: str, b: str) -> bool:
    return sides(a, b) == "same"


def _bloc(sides: Sides, members: Sequence[str], outside: Sequence[str]) -> bool:
    """Every two of ``members`` on the same side, none of them with any of ``outside``."""
    inside = all(_same(sides, x, y) for i, x in enumerate(members) for y in members[i + 1 :])
    return inside and not any(_same(sides, x, o) for x in members for o in outside)


_CAPABILITY = (
    "it needs the measured capability of the blocs at the target year, which the register "
    "does not read: the history panel's capability source (CoW NMC 6.0) ends in 2016 and "
    "the built-in capabilities end with 2022-2025 snapshots, so no rule is defined; pending until "
    "a capability series covering the target year is joined to the measured alignment"
)
_ISSUE_SCALE = (
    "it reads a position on the project's own 0-100 issue scale, coded once for 2025 "
    "(source rp-coding-2025); no dated source measures issue positions, so it is "
    "unresolvable until a dated coding of the issue at the target year is added to the data, "
    "with its source"
)
_BLOC_FACT = "the measured pair sides of the target year: "

RESOLUTIONS: dict[str, Resolution] = {
    r.outcome: r
    for r in (
        Resolution(
            "us_influence_loss",
            _BLOC_FACT + "yes unless both USA-JPN and USA-KOR are 'same'",
            lambda s: not (_same(s, "USA", "JPN") and _same(s, "USA", "KOR")),
            ("USA", "JPN", "KOR"),
        ),
        Resolution(
            "jpn_kor_self_reliance",
            _BLOC_FACT + "JPN-KOR 'same', and neither of them 'same' with USA or CHN",
            lambda s: _bloc(s, ("JPN", "KOR"), ("USA", "CHN")),
            ("USA", "CHN", "JPN", "KOR"),
        ),
        Resolution(
            "jpn_kor_tech_shift_west",
            _BLOC_FACT + "JPN, KOR and AUS pairwise 'same', none of them 'same' with USA "
            "or CHN (the catalogue's proxy)",
            lambda s: _bloc(s, ("JPN", "KOR", "AUS"), ("USA", "CHN")),
            ("USA", "CHN", "JPN", "KOR", "AUS"),
        ),
        Resolution(
            "kor_joins_us_coalition",
            _BLOC_FACT + "KOR-USA 'same' and CHN-USA not 'same'",
            lambda s: _same(s, "KOR", "USA") and not _same(s, "CHN", "USA"),
            ("USA", "CHN", "KOR"),
        ),
        Resolution(
            "china_supply_chain_weakened",
            _BLOC_FACT + "JPN, KOR and TWN pairwise 'same', none of them 'same' with CHN "
            "(the catalogue's proxy)",
            lambda s: _bloc(s, ("JPN", "KOR", "TWN"), ("CHN",)),
            ("CHN", "JPN", "KOR", "TWN"),
        ),
        Resolution(
            "china_regional_leadership",
            "China's bloc holds more than the control threshold of the region's capability "
            "at the target year, with Japan and South Korea in it",
            pending=_CAPABILITY,
        ),
        Resolution(
            "jpn_kor_counterbloc",
            "Japan and South Korea on one side without China, their bloc's capability at "
            "least China's bloc's at the target year",
            pending=_CAPABILITY,
        ),
        Resolution(
            "china_influence_decline",
            "China's bloc's capability share at the target year below its share at the issue date",
            pending=_CAPABILITY,
        ),
        Resolution(
            "us_domestic_pressure",
            "the United States' capability share at the target year below 90% of its share "
            "at the issue date (the catalogue measures the outcome by capability share)",
            pending=_CAPABILITY,
        ),
        Resolution(
            "japan_southwest_vulnerable",
            "China's bloc controls the region (capability above the threshold) at the target "
            "year and Japan is not in it",
            pending=_CAPABILITY,
        ),
        Resolution(
            "trilateral_fta_progress",
            "the trilateral FTA issue stands at 60 or more on its 0-100 scale at the target year",
            pending=_ISSUE_SCALE,
        ),
        Resolution(
            "regional_stability",
            "none: the number of stable configurations of the model's own landscape",
            pending="it is a property of the model's landscape, not an event in the world: no "
            "measured fact resolves it, and it is kept in the register but never scored",
        ),
        Resolution(
            "controls:",
            "the bloc with the largest capability share at the target year, above the "
            "control threshold, and its leader",
            pending=_CAPABILITY + " (and the threshold is a model parameter drawn per member)",
        ),
        Resolution(
            "issue_up:",
            "the issue's position at the target year above its 2025 status quo",
            pending=_ISSUE_SCALE,
        ),
    )
}
"""Outcome id (or family prefix) -> its :class:`Resolution`."""

FAMILIES: tuple[str, ...] = tuple(k for k in RESOLUTIONS if k.endswith(":"))
"""The outcome families: ``controls:<contender>`` and ``issue_up:<issue>``."""

OUTCOME_RULES: dict[str, OutcomeRule] = {
    k: r.rule for k, r in RESOLUTIONS.items() if r.rule is not None
}
"""The outcomes that resolve from the measured alignment, and their rules."""

OUTCOME_PLAYERS: dict[str, tuple[str, ...]] = {
    k: r.players for k, r in RESOLUTIONS.items() if r.rule is not None
}
"""The players each rule of :data:`OUTCOME_RULES` reads."""


def resolution_of(outcome: str) -> Resolution | None:
    """The :class:`Resolution` of ``outcome`` (its own, or its family's: ``controls:US-led``);
    ``None`` if none is documented (a bare family prefix included)."""
    if outcome in RESOLUTIONS and outcome not in FAMILIES:
        return RESOLUTIONS[outcome]
    for family in FAMILIES:
        if outcome.startswith(family) and len(outcome) > len(family):
            return RESOLUTIONS[family]
    return None

"""Context rules for surface forms that name different actors (or none) depending on the text.

Two rule kinds, named in ``data/ambiguous.csv``:

``pair``
    The form names ``default`` unless the ``alternative`` actor is co-mentioned (by an
    unambiguous form) in the same sentence while ``default`` is not; failing a decision in the
    sentence, the same test on the whole text; failing that, ``default``. So a bare "Korean" is
    South Korean (KOR) unless the sentence (or else the text) speaks of North Korea only.
``us_state``
    The form names ``default`` unless a cue of the US state of the same name is in the sentence
    ("Washington state", "Atlanta, Georgia", "the governor of Georgia") and no cue of the country
    is; then it names no actor.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .tables import Ambiguity

__all__ = ["resolve_ambiguity"]

_US_STATE_CUES: dict[str, re.Pattern[str]] = {
    "Georgia": re.compile(
        r"\b(?:Atlanta|Savannah|Augusta|Peach State|Georgia Tech|University of Georgia|"
        r"[Gg]overnor|[Cc]ounty|[Ss]tate of Georgia|Georgia [Ss]tate|Georgia,? U\.?S\.?|"
        r"Alabama|Florida|Tennessee|Carolina|runoff|Republicans?|Democrats?)\b"
    ),
    "Washington": re.compile(
        r"\b(?:Seattle|Spokane|Tacoma|Olympia|Pacific Northwest|Oregon|Idaho|"
        r"Washington [Ss]tate|[Ss]tate of Washington|[Gg]overnor|[Cc]ounty|Puget Sound)\b"
    ),
}
_COUNTRY_CUES: dict[str, re.Pattern[str]] = {
    "Georgia": re.compile(
        r"\b(?:Tbilisi|Caucasus|Abkhazia|Ossetia|Batumi|Georgian Dream|"
        r"Kremlin|Moscow|Russia|Armenia|Azerbaijan|EU|NATO)\b"
    ),
    "Washington": re.compile(
        r"\b(?:D\.?C\.?|White House|Beijing|Moscow|Tokyo|Seoul|Kremlin|"
        r"Pentagon|administration|allies|sanctions|tariffs?)\b"
    ),
}


def resolve_ambiguity(
    amb: Ambiguity, sentence: str, sent_codes: Mapping[str, int], doc_codes: Mapping[str, int]
) -> str | None:
    """The actor code an ambiguous form names in context, or ``None`` for no actor.

    Parameters
    ----------
    amb : Ambiguity
        The table row of the form.
    sentence : str
        The sentence around the mention.
    sent_codes, doc_codes : mapping of str to int
        Counts of unambiguously matched actor codes in the sentence and in the whole text.

    Examples
    --------
    >>> a = Ambiguity("Korean", "demonym", "KOR", "PRK", "pair", "")
    >>> resolve_ambiguity(a, "A Korean envoy arrived.", {}, {})
    'KOR'
    >>> resolve_ambiguity(a, "Pyongyang said a Korean envoy arrived.", {"PRK": 1}, {"PRK": 1})
    'PRK'
    >>> g = Ambiguity("Georgia", "name", "GEO", "", "us_state", "")
    >>> resolve_ambiguity(g, "The governor of Georgia signed it.", {}, {}) is None
    True
    """
    if amb.rule == "pair":
        for codes in (sent_codes, doc_codes):
            alt, dflt = codes.get(amb.alternative, 0), codes.get(amb.default, 0)
            if alt and not dflt:
                return amb.alternative
            if dflt and not alt:
                return amb.default
        return amb.default
    if amb.rule == "us_state":
        key = "Georgia" if amb.alias.startswith("Georgia") else "Washington"
        if _US_STATE_CUES[key].search(sentence) and not _COUNTRY_CUES[key].search(sentence):
            return amb.alternative or None
        return amb.default
    raise ValueError(f"unknown ambiguity rule {amb.rule!r} for {amb.alias!r}")

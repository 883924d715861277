"""The ingestion records (defined in :mod:`realpolitik.model.evidence`) and the rules' version.

Examples
--------
>>> m = Mention(sent=0, start=0, end=5, text="Tokyo", kind="actor", actor="JPN", via="capital")
>>> m.actor
'JPN'
"""

from __future__ import annotations

from realpolitik.model.evidence import (
    Claim,
    Event,
    ExtractedDocument,
    FigureItem,
    LeverScore,
    Mention,
    RawDocument,
    Sentence,
    Stance,
)

__all__ = [
    "EXTRACTOR_VERSION",
    "Claim",
    "Event",
    "ExtractedDocument",
    "FigureItem",
    "LeverScore",
    "Mention",
    "RawDocument",
    "Sentence",
    "Stance",
]

EXTRACTOR_VERSION = "rules-0.2"
"""Version tag written on every evidence row; bump it when the rules change."""

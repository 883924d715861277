"""The ingestion records (defined in :mod:`realpolitik.model.evidence`) and the rules' version.

Examples
--------
>>> m = Mention(sent=0, start=0, end=5, text="Tokyo", kind="actor", actor="JPN", via="capital")
>>> m.actor
'JPN'
"""

from __future__ import annotations

from realpolitik.model import evidence
from realpolitik.model.evidence import *  # noqa: F403 - the names are listed in evidence.__all__

__all__ = ["EXTRACTOR_VERSION"]
__all__ += evidence.__all__

EXTRACTOR_VERSION = "rules-0.4"
"""Version tag written on every evidence row; bump it when the rules change."""

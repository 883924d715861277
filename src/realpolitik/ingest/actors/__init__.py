"""World actor dictionary: every state, IGOs and groupings, dated office holders, mention finder.

Pure data and the standard library (plus pycountry for ISO names); spaCy is never imported here.

Examples
--------
>>> from realpolitik.ingest.actors import load_world
>>> world = load_world()
>>> world.lookup("PRK").name
'North Korea'
"""

from __future__ import annotations

from .dictionary import ActorDictionary
from .records import ActorKind, ActorMatch, ActorRecord, PersonTerm, Via
from .sectors import SECTORS
from .world import load_world

__all__ = [
    "SECTORS",
    "ActorDictionary",
    "ActorKind",
    "ActorMatch",
    "ActorRecord",
    "PersonTerm",
    "Via",
    "load_world",
]

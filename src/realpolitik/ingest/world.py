"""The world actor dictionary (:mod:`realpolitik.ingest.actors`) inside the text pipeline.

The data set's alias table (the 33 East Asian actors and the seed people) stays first: a
surface form it knows keeps its code. Every other form of the world dictionary (states,
territories, IGOs, groupings, dated office holders) is added to the same phrase matchers, so
matching stays one pass. Forms the dictionary marks as context-dependent ("Korean", "Georgia",
"Congo") are resolved by the dictionary on their sentence; unknown titled names are resolved as
office holders on the article's date.

Examples
--------
>>> from realpolitik.ingest.nlp import AliasTable
>>> t = world_table(AliasTable.from_rows([("JPN", "Japan", "state", ("Tokyo",))]))
>>> t.actors["JPN"].aliases[0], "FRA" in t.actors
('Tokyo', True)
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from realpolitik.ingest.days import parse_day
from realpolitik.ingest.nlp import ActorInfo, AliasTable, PersonInfo

__all__ = ["WorldResolver", "load_world_cached", "parse_day", "world_table"]

_KIND = {"state": "state", "territory": "territory", "igo": "organisation", "grouping": "grouping"}


@lru_cache(maxsize=1)
def load_world_cached() -> Any:
    """The world actor dictionary (loaded once per process)."""
    from realpolitik.ingest.actors import load_world

    return load_world()


def _claimed(table: AliasTable) -> dict[str, str]:
    forms: dict[str, str] = {}
    for a in table.actors.values():
        for f in (a.name, a.code, *a.aliases):
            forms.setdefault(f, a.code)
            if f.startswith("the "):
                forms.setdefault(f[4:], a.code)
    return forms


def world_table(table: AliasTable, world: Any = None) -> AliasTable:
    """``table`` extended with the world dictionary's actors, forms and office holders."""
    world = world if world is not None else load_world_cached()
    claimed = _claimed(table)
    people_forms = {f for p in table.people.values() for f in (p.name, *p.aliases)}
    actors = dict(table.actors)
    extra: dict[str, list[str]] = {}
    for pat in world.patterns():
        form, code, via = pat["pattern"], pat["label"], pat["id"]
        if via == "person" or form in claimed or form in people_forms:
            continue
        extra.setdefault(code, []).append(form)
    for rec in world.records():
        if rec.code not in actors and rec.code in extra:
            actors[rec.code] = ActorInfo(rec.code, rec.name, _KIND.get(rec.kind, rec.kind))
    for code, forms in extra.items():
        info = actors.get(code)
        if info is not None:
            new = tuple(f for f in forms if f not in info.aliases and f != info.name)
            actors[code] = ActorInfo(info.code, info.name, info.kind, info.aliases + new)
    people = dict(table.people)
    for pid, pinfo in _world_people(world, people_forms).items():
        if pinfo.actor in actors:
            people[pid] = pinfo
    return AliasTable(actors, people, dict(table.members))


def _world_people(world: Any, taken: set[str]) -> dict[str, PersonInfo]:
    """Office holders whose every name form belongs to one actor (others resolve by date)."""
    idx = world.people
    forms_of: dict[str, set[str]] = {}
    term_of: dict[str, Any] = {}
    for form in idx.names():
        terms = idx.terms(form)
        if form in taken or len({t.code for t in terms}) != 1:
            continue
        for t in terms:
            forms_of.setdefault(t.name, set()).add(form)
            term_of.setdefault(t.name, t)
    out: dict[str, PersonInfo] = {}
    for name, forms in forms_of.items():
        t = term_of[name]
        out[f"w:{name}"] = PersonInfo(
            f"w:{name}", name, t.code, t.role, tuple(sorted(forms - {name}))
        )
    return out


class WorldResolver:
    """Context-dependent forms and unknown names, resolved with the world dictionary.

    Parameters
    ----------
    world : ActorDictionary, optional
        Default: :func:`load_world_cached`.
    """

    def __init__(self, world: Any = None) -> None:
        self.world = world if world is not None else load_world_cached()
        self.ambiguous = frozenset(self.world.ambiguities)

    def sentence_code(self, sentence: str, offset: int, day: dt.date | None) -> str | None:
        """The code the dictionary gives the form at ``offset`` of ``sentence`` (None: no actor)."""
        for m in self.world.find(sentence, day):
            if m.start == offset:
                return str(m.code)
        return None

    def pair(self, form: str) -> tuple[str, str] | None:
        """``(default, alternative)`` of a form with a ``pair`` rule ("Korean": KOR, PRK)."""
        amb = self.world.ambiguities.get(form)
        if amb is None or amb.rule != "pair" or not amb.alternative:
            return None
        return str(amb.default), str(amb.alternative)

    def person(self, name: str, day: dt.date | None) -> str | None:
        """Actor of the office holder called ``name`` on ``day`` (None when unknown)."""
        code = self.world.person(name, day)
        return str(code) if code else None

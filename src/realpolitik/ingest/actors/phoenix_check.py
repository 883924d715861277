"""Check the world dictionary against the Phoenix dictionaries: what they have that ours lacks.

Three kinds of gap are listed. *Names*: the other names of a Phoenix country entry (the entry
coded with the bare three-letter country code) that our dictionary does not have; those that are
safe to add are the spelling variants of one of our own names or adjectives for the same country
(as many words, the same first four letters, letters 85% alike; one word: 5 letters or more),
not stop phrases,
not context-dependent, not naming another actor, not given under two Phoenix codes. *People*:
office holders with a dated ``<country>GOV`` role starting in 1990 or later whose Phoenix names
carry a head-of-state, head-of-government or foreign-minister title followed by their own name
("PRESIDENT X"); people we already list (same name or alias, or the same surname in an
overlapping term for the same country) are ours and left alone. *IGOs*: undated ``IGO...``
entries of the international file none of whose names we have (listed only: their codes do not
map onto ours, so nothing is filled from them).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from .phoenix import PhoenixEntry, proper_case
from .records import PersonTerm
from .tables import SurfaceRow

__all__ = ["IgoGap", "NameGap", "PersonGap", "PhoenixGaps", "find_gaps"]

_SINCE = dt.date(1990, 1, 1)
_ALIKE = 0.85
_SHORTEST = 5
_FORM = re.compile(r"^[A-Za-z][A-Za-z .'-]*[A-Za-z.]$")
_TITLES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("PRIME", "MINISTER"), "head of government"),
    (("FOREIGN", "MINISTER"), "foreign minister"),
    (("SECRETARY", "OF", "STATE"), "foreign minister"),
    (("PRESIDENT",), "head of state"),
    (("PREMIER",), "head of government"),
    (("CHANCELLOR",), "head of government"),
    (("KING",), "head of state"),
    (("EMIR",), "head of state"),
)
_NOT_BEFORE = frozenset({"VICE", "DEPUTY", "FORMER", "EX", "SENATE", "ASSEMBLY", "PARTY", "BANK"})
_TITLE_WORDS = frozenset(w for t, _r in _TITLES for w in t) | _NOT_BEFORE | {"ADMINISTRATION"}


@dataclass(frozen=True)
class NameGap:
    """A name of a Phoenix country entry that we lack; ``safe``: it passes the filling rules."""

    code: str
    form: str
    line: int
    safe: bool


@dataclass(frozen=True)
class PersonGap:
    """A Phoenix office holder (one dated term) that we lack."""

    name: str
    aliases: tuple[str, ...]
    code: str
    role: str
    start: dt.date
    end: dt.date | None
    line: int
    terms: int


@dataclass(frozen=True)
class IgoGap:
    """A Phoenix international organisation none of whose names we have."""

    code: str
    name: str
    line: int


@dataclass(frozen=True)
class PhoenixGaps:
    """Everything the Phoenix dictionaries have that ours lacks."""

    names: tuple[NameGap, ...]
    people: tuple[PersonGap, ...]
    igos: tuple[IgoGap, ...]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def _letters(text: str) -> str:
    return "".join(c for c in _fold(text) if c.isalpha())


@dataclass(frozen=True)
class _Ours:
    forms: frozenset[str]  # folded surface forms of every actor, person, stop phrase, ambiguity
    own: dict[str, tuple[str, ...]]  # code -> folded names and adjectives
    codes: frozenset[str]
    people: tuple[PersonTerm, ...]


def _ours(
    rows: Iterable[SurfaceRow], people: Iterable[PersonTerm], reserved: Iterable[str]
) -> _Ours:
    rows, people = list(rows), tuple(people)
    forms = {_fold(f) for r in rows for f in r.record.aliases}
    forms |= {_fold(f) for t in people for f in (t.name, *t.aliases)}
    forms |= {_fold(f) for f in reserved}
    own = {r.record.code: tuple(_fold(f) for f in (*r.names, *r.demonyms)) for r in rows}
    return _Ours(frozenset(forms), own, frozenset(own), people)


def _country_code(entry: PhoenixEntry, codes: frozenset[str], legacy: dict[str, str]) -> str:
    if len(entry.roles) != 1 or entry.roles[0].start or entry.roles[0].end:
        return ""
    code = legacy.get(entry.roles[0].code, entry.roles[0].code)
    return code if code in codes and len(code) == 3 else ""


def _variant_of(form: str, own: tuple[str, ...]) -> bool:
    """A spelling variant of one of our names or adjectives: as many words, the same first four
    letters and letters at least 85% alike (difflib's ratio), so "Afghanestan" for "Afghanistan"
    but neither "Australian Alps" for "Australian" nor a city such as "Mexicali" for "Mexican"."""
    letters, words = _letters(form), len(form.split())
    if words == 1 and len(letters) < _SHORTEST:
        return False  # short single words are too often common words ("Pole")
    return len(letters) >= 4 and any(
        _letters(o)[:4] == letters[:4]
        and len(o.split()) == words
        and SequenceMatcher(None, letters, _letters(o)).ratio() >= _ALIKE
        for o in own
    )


def _name_gaps(entries: list[PhoenixEntry], ours: _Ours, legacy: dict[str, str]) -> list[NameGap]:
    found: list[tuple[str, str, int]] = []
    for e in entries:
        code = _country_code(e, ours.codes, legacy)
        if code:
            found += [(code, proper_case(f), e.line) for f in (e.name, *e.aliases)]
    owners: dict[str, set[str]] = {}
    for code, form, _line in found:
        owners.setdefault(_fold(form), set()).add(code)
    out: dict[tuple[str, str], NameGap] = {}
    for code, form, line in found:
        if _fold(form) in ours.forms or (code, _fold(form)) in out:
            continue
        safe = (
            bool(_FORM.match(form))
            and len(owners[_fold(form)]) == 1
            and _variant_of(form, ours.own[code])
        )
        out[(code, _fold(form))] = NameGap(code, form, line, safe)
    return list(out.values())


def _title_role(entry: PhoenixEntry) -> str | None:
    name_words = set(entry.name.split())
    roles = set()
    for alias in entry.aliases:
        words = alias.split()
        for title, role in _TITLES:
            n = len(title)
            for i in range(len(words) - n + 1):
                rest = words[i + n :]
                if (
                    tuple(words[i : i + n]) == title
                    and rest
                    and all(w in name_words for w in rest)
                    and not (i and words[i - 1] in _NOT_BEFORE)
                ):
                    roles.add(role)
    return roles.pop() if len(roles) == 1 else None


def _surname(name: str) -> str:
    """The last word's letters without an Arabic article ("al-Maliki", "al Maliki": "maliki")."""
    last = _letters(name.replace("-", " ").split()[-1])
    return last[2:] if last.startswith(("al", "el")) and len(last) > 5 else last


def _known(name: str, aliases: tuple[str, ...], code: str, start: dt.date, ours: _Ours) -> bool:
    if any(_fold(f) in ours.forms for f in (name, *aliases)):
        return True
    last = _surname(name)
    return any(t.code == code and _surname(t.name) == last and t.end >= start for t in ours.people)


def _aliases(entry: PhoenixEntry) -> tuple[str, ...]:
    out = []
    for a in entry.aliases:
        words = a.split()
        if len(words) >= 2 and not _TITLE_WORDS & set(words) and _FORM.match(a):
            out.append(proper_case(a))
    return tuple(dict.fromkeys(out))


def _person_gaps(
    entries: list[PhoenixEntry], ours: _Ours, legacy: dict[str, str], until: dt.date
) -> list[PersonGap]:
    out: list[PersonGap] = []
    for e in entries:
        name = proper_case(e.name)
        role = _title_role(e)
        if role is None or len(name.split()) < 2 or not _FORM.match(name):
            continue
        terms = [
            r
            for r in e.roles
            if len(r.code) == 6 and r.code.endswith("GOV") and r.start and r.start >= _SINCE
        ]
        codes = {legacy.get(r.code[:3], r.code[:3]) for r in terms}
        if not terms or len(codes) != 1 or not codes <= ours.codes:
            continue
        code, aliases = codes.pop(), _aliases(e)
        aliases = tuple(a for a in aliases if a != name and _fold(a) not in ours.forms)
        for r in terms:
            assert r.start is not None
            if not _known(name, aliases, code, r.start, ours):
                end = r.end if r.end is not None else until
                out.append(PersonGap(name, aliases, code, role, r.start, end, e.line, len(terms)))
    return out


def _igo_gaps(entries: list[PhoenixEntry], ours: _Ours) -> list[IgoGap]:
    out = []
    for e in entries:
        codes = {r.code for r in e.roles if r.start is None and r.end is None}
        if len(e.roles) != 1 or not codes or not next(iter(codes)).startswith("IGO"):
            continue
        names = [_fold(f).removeprefix("the ") for f in (e.name, *e.aliases)]
        if not any(f in ours.forms for f in names):
            out.append(IgoGap(next(iter(codes)), proper_case(e.name), e.line))
    return out


def _latest(entries: Iterable[PhoenixEntry]) -> dt.date:
    days = [d for e in entries for r in e.roles for d in (r.start, r.end) if d is not None]
    return max(days, default=_SINCE)


def find_gaps(
    countries: list[PhoenixEntry],
    international: list[PhoenixEntry],
    rows: Iterable[SurfaceRow],
    people: Iterable[PersonTerm],
    reserved: Iterable[str] = (),
    legacy: dict[str, str] | None = None,
) -> PhoenixGaps:
    """List what the Phoenix country and international dictionaries have that ours lacks.

    ``reserved`` are forms that must never be added (stop phrases, context-dependent forms);
    ``legacy`` maps old CAMEO country codes to ours. A person's open-ended Phoenix term ends at
    the latest date the country file records (the file stops there; we do not know more).

    Examples
    --------
    >>> from realpolitik.ingest.actors.phoenix import parse_phoenix
    >>> from realpolitik.ingest.actors.tables import DATA_DIR, read_rows
    >>> rows = read_rows(DATA_DIR / "states.csv", "state")
    >>> sample = ["FRANCE_ [FRA]", "+FRANNCE_", "+REPUBLIQUE_FRANCAISE_", "+PARIS_"]
    >>> [(g.form, g.safe) for g in find_gaps(parse_phoenix(sample), [], rows, []).names]
    [('Frannce', True), ('Republique Francaise', False)]
    """
    legacy = legacy or {}
    ours = _ours(rows, people, reserved)
    return PhoenixGaps(
        tuple(_name_gaps(countries, ours, legacy)),
        tuple(_person_gaps(countries, ours, legacy, _latest(countries))),
        tuple(_igo_gaps(international, ours)),
    )

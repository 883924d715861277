"""The world actor dictionary: actor records, dated office holders and a fast mention finder."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from realpolitik.errors import DataValidationError, Problem
from realpolitik.ingest.dates import MONTHS, WEEKDAYS

from .context import resolve_ambiguity
from .matcher import PhraseIndex, Token, tokenize
from .people import PeopleIndex
from .records import ActorMatch, ActorRecord, PersonTerm, Via
from .sectors import sector_after, sector_before
from .tables import Ambiguity, SurfaceRow

__all__ = ["ActorDictionary"]

_ABBREV = frozenset(
    {
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "St",
        "Gen",
        "Lt",
        "Col",
        "Sen",
        "Rep",
        "Gov",
        "No",
        "Jr",
        "Sr",
        "Prof",
        "Adm",
        "Maj",
        "Capt",
        "Sgt",
    }
)


@dataclass(frozen=True)
class _Entry:
    kind: str  # "actor" | "amb" | "person" | "stop" | "split"
    code: str = ""
    via: Via = "name"
    sector: str | None = None
    amb: Ambiguity | None = None
    name: str = ""
    parts: tuple[tuple[int, int, str], ...] = ()


# "North and South Korea": one phrase, two actors (token ranges inside the phrase).
_NOUNS: tuple[tuple[str, Via], ...] = (
    ("Korea", "name"),
    ("Korean", "demonym"),
    ("Koreans", "demonym"),
)
_SPLITS: tuple[tuple[str, Via, tuple[tuple[int, int, str], ...]], ...] = tuple(
    (f"{a} and {b} {noun}", via, ((0, 1, ca), (2, 4, cb)))
    for a, b, ca, cb in (("North", "South", "PRK", "KOR"), ("South", "North", "KOR", "PRK"))
    for noun, via in _NOUNS
)
# Country names that are also given names: "Chad Smith", "Jordan Peterson" name no country.
_GIVEN_NAMES = frozenset({"Chad", "Jordan"})


def _surface_entries(row: SurfaceRow) -> Iterable[tuple[str, _Entry]]:
    rec = row.record
    if rec.kind == "nonstate":  # armed movements: rebels unless the text says otherwise
        for f in (*row.names, *row.abbrevs):
            yield f, _Entry("actor", rec.code, "name", "REB")
        return
    igo = rec.kind in ("igo", "grouping")
    for via, forms in (
        ("name", row.names),
        ("code", row.abbrevs),
        ("demonym", row.demonyms),
        ("capital", row.capitals),
    ):
        for f in forms:
            yield f, _Entry("actor", rec.code, "igo" if igo else via)  # type: ignore[arg-type]
    for seat in row.seats:
        form, _, sector = seat.partition("=")
        yield form, _Entry("actor", rec.code, "igo" if igo else "capital", sector or "GOV")


def _day(date: dt.date | None) -> dt.date | None:
    """A ``datetime`` is reduced to its date (terms are compared with dates)."""
    return date.date() if isinstance(date, dt.datetime) else date


def _hyphen_joined(tokens: list[Token], a: int, b: int) -> bool:
    """Whether tokens ``a:b`` continue a hyphenated word ("Wen" inside "Ko Wen-je")."""
    before = (
        a >= 2
        and tokens[a - 1].text == "-"
        and tokens[a - 1].start == tokens[a - 2].end
        and tokens[a].start == tokens[a - 1].end
    )
    after = (
        b + 1 < len(tokens)
        and tokens[b].text == "-"
        and tokens[b].start == tokens[b - 1].end
        and tokens[b + 1].start == tokens[b].end
    )
    return before or after


_TITLES = frozenset(
    {
        "President",
        "Prime",
        "Minister",
        "Premier",
        "Chancellor",
        "King",
        "Queen",
        "Emperor",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Secretary",
        "General",
        "Gen",
        "Chairman",
        "Leader",
        "Foreign",
        "Sultan",
        "Sheikh",
        "Emir",
        "Prince",
        "Crown",
        "Governor",
        "Senator",
        "Vice",
        "Former",
        "Counsellor",
        "Chief",
        "Supreme",
        "Marshal",
        "Ayatollah",
        "Lord",
        "Dame",
        "Sir",
        "Madam",
        "Comrade",
        "State",
        "Presidents",
        "Ministers",
        "Secretaries",
        "Chairwoman",
        "Director",
        # name particles: "El Bashir" is still Bashir
        "El",
        "Al",
        "Abu",
        "Bin",
        "Ibn",
        "De",
        "Del",
        "Da",
        "Van",
        "Von",
        "Le",
        "La",
        "Di",
    }
)
_WHEN = frozenset({*WEEKDAYS, *MONTHS, "I"})


def _part_of_other_name(tokens: list[Token], a: int) -> bool:
    """Whether a one-word name at token ``a`` belongs to a longer name ("Jeb Bush", "Kim Yo Jong").

    True when a capitalised word other than a title precedes it inside the sentence, or one other
    than a weekday or month follows it.
    """
    nxt = tokens[a + 1].text if a + 1 < len(tokens) else ""
    if nxt[:1].isupper() and nxt.isalpha() and nxt not in _WHEN:
        return True
    if a == 0:
        return False
    prev = tokens[a - 1].text
    if not (prev[:1].isupper() and prev.isalpha()) or prev in _TITLES:
        return False
    before = tokens[a - 2].text if a >= 2 else "."
    return before not in (".", "!", "?", '"', "'", ":", ";", "(")


def _sentence_ids(tokens: list[Token]) -> list[int]:
    ids, sid = [], 0
    for i, tok in enumerate(tokens):
        ids.append(sid)
        if tok.text in ".!?" and i + 1 < len(tokens) and tokens[i + 1].text[:1].isupper():
            prev = tokens[i - 1].text if i else ""
            if not (len(prev) == 1 and prev.isupper()) and prev not in _ABBREV:
                sid += 1
    return ids


class ActorDictionary:
    """Actors of the world, their surface forms and dated office holders.

    Build it with :func:`realpolitik.ingest.actors.load_world`; the constructor takes the parsed
    tables and refuses a surface form that names two actors without a rule in the ambiguity
    table.

    Parameters
    ----------
    rows : iterable of SurfaceRow
        States, territories, IGOs and groupings with their surface forms.
    people : iterable of PersonTerm
        Dated office terms.
    ambiguities : iterable of Ambiguity
        Context-dependent surface forms (these override the rows' own forms).
    stop_phrases : iterable of str
        Phrases that contain an actor's name but name no actor ("South China Sea").
    legacy_codes : dict of str to str
        Older codes (CAMEO, Correlates of War) accepted by :meth:`lookup`.

    Examples
    --------
    >>> from realpolitik.ingest.actors import load_world
    >>> world = load_world()
    >>> [(m.surface, m.code, m.via) for m in world.find("Beijing and Tokyo met.")]
    [('Beijing', 'CHN', 'capital'), ('Tokyo', 'JPN', 'capital')]
    """

    def __init__(
        self,
        rows: Iterable[SurfaceRow],
        people: Iterable[PersonTerm],
        ambiguities: Iterable[Ambiguity],
        stop_phrases: Iterable[str],
        legacy_codes: dict[str, str] | None = None,
    ) -> None:
        self._rows = list(rows)
        self._records = {r.record.code: r.record for r in self._rows}
        if len(self._records) != len(self._rows):
            dup = sorted(
                {
                    c
                    for c in (r.record.code for r in self._rows)
                    if sum(r.record.code == c for r in self._rows) > 1
                }
            )
            raise DataValidationError(
                [
                    Problem(
                        "states.csv/igos.csv",
                        None,
                        "code",
                        f"code {c} is used twice",
                        "give each actor its own code",
                    )
                    for c in dup
                ]
            )
        self._legacy = dict(legacy_codes or {})
        self._people = PeopleIndex(people)
        self._ambiguities = {a.alias: a for a in ambiguities}
        self._stops = list(stop_phrases)
        entries = self._check(self._build_entries())
        self._index: PhraseIndex[_Entry] = PhraseIndex(entries.items())

    # -- construction -------------------------------------------------------------------------
    def _build_entries(self) -> list[tuple[str, _Entry]]:
        out: list[tuple[str, _Entry]] = [(s, _Entry("stop")) for s in self._stops]
        out += [(form, _Entry("split", via=via, parts=parts)) for form, via, parts in _SPLITS]
        out += [
            (a.alias, _Entry("amb", a.default, a.via, amb=a))  # type: ignore[arg-type]
            for a in self._ambiguities.values()
        ]
        for row in self._rows:
            out += [(f, e) for f, e in _surface_entries(row) if f not in self._ambiguities]
        out += [(n, _Entry("person", via="person", name=n)) for n in self._people.names()]
        return out

    def _check(self, entries: list[tuple[str, _Entry]]) -> dict[str, _Entry]:
        seen: dict[str, _Entry] = {}
        problems = []
        for form, entry in entries:
            prev = seen.get(form)
            if prev is None:
                seen[form] = entry
            elif prev.kind == "actor" and entry.kind == "actor" and prev.code != entry.code:
                problems.append(
                    Problem(
                        "states.csv/igos.csv",
                        None,
                        "aliases",
                        f"{form!r} names both {prev.code} and {entry.code}",
                        "drop one, or add it to ambiguous.csv with a rule",
                    )
                )
        if problems:
            raise DataValidationError(problems)
        return seen

    # -- look-ups -----------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._records)

    def records(self) -> list[ActorRecord]:
        """Every actor record, sorted by code."""
        return [self._records[c] for c in sorted(self._records)]

    def canonical(self, code: str) -> str | None:
        """The dictionary's code for ``code`` (itself, or the modern code of a legacy one)."""
        if code in self._records:
            return code
        mapped = self._legacy.get(code)
        return mapped if mapped in self._records else None

    def lookup(self, code: str) -> ActorRecord | None:
        """The record of an actor code (legacy codes such as ``JAP`` accepted), or ``None``.

        Examples
        --------
        >>> from realpolitik.ingest.actors import load_world
        >>> load_world().lookup("JAP").name
        'Japan'
        """
        canon = self.canonical(code)
        return self._records[canon] if canon else None

    def plover_code(self, code: str) -> str | None:
        """The code a PLOVER record would give this actor (country codes; ``IGO``; ``IMG``).

        States and territories keep their code; IGOs and groupings are ``IGO``; a non-state
        movement takes its parent country (Hamas ``PSE``) or, without one, ``IMG`` (CAMEO's
        international militarized group).

        Examples
        --------
        >>> from realpolitik.ingest.actors import load_world
        >>> w = load_world()
        >>> [w.plover_code(c) for c in ("JAP", "UNSC", "HAMAS", "ALQAEDA", "XXX")]
        ['JPN', 'IGO', 'PSE', 'IMG', None]
        """
        rec = self.lookup(code)
        if rec is None:
            return None
        if rec.kind in ("igo", "grouping"):
            return "IGO"
        if rec.kind == "nonstate":
            return rec.parent or "IMG"
        return rec.code

    @property
    def people(self) -> PeopleIndex:
        """The dated office-holder index."""
        return self._people

    @property
    def ambiguities(self) -> dict[str, Ambiguity]:
        """Context-dependent surface forms by form."""
        return dict(self._ambiguities)

    @property
    def stop_phrases(self) -> tuple[str, ...]:
        """Phrases that contain an actor's name but name no actor ("South China Sea").

        A matcher built from :meth:`patterns` should add these (and drop their matches) so that
        longest match keeps "China" in "South China Sea" from naming CHN.
        """
        return tuple(self._stops)

    def person(self, name: str, date: dt.date | None = None) -> str | None:
        """The actor code of the office holder called ``name`` on ``date`` (see PeopleIndex).

        Examples
        --------
        >>> from realpolitik.ingest.actors import load_world
        >>> import datetime as dt
        >>> load_world().person("Abe", dt.date(2015, 6, 1))
        'JPN'
        """
        return self._people.resolve(name, _day(date))

    def alias_entry(self, form: str) -> tuple[str, str] | None:
        """``(kind, code)`` a surface form is indexed under (kind: actor/amb/person/stop)."""
        e = self._index.get(form)
        return None if e is None else (e.kind, e.code)

    # -- matching -----------------------------------------------------------------------------
    def find(self, text: str, date: dt.date | None = None) -> list[ActorMatch]:
        """Every actor mention in ``text``, longest match first, in text order.

        Parameters
        ----------
        text : str
            Any text.
        date : datetime.date, optional
            The article's date, used to resolve people to the office they held.

        Returns
        -------
        list of ActorMatch
            Non-overlapping mentions with character offsets into ``text``.

        Examples
        --------
        >>> from realpolitik.ingest.actors import load_world
        >>> import datetime as dt
        >>> w = load_world()
        >>> [(m.code, m.sector) for m in w.find("The Chinese military and Bush spoke.",
        ...                                      dt.date(2001, 5, 1))]
        [('CHN', 'MIL'), ('USA', 'GOV')]
        """
        date = _day(date)
        tokens = tokenize(text)
        if not tokens:
            return []
        raw = list(self._index.scan(tokens))
        need_sents = any(e.kind == "amb" for _a, _b, e in raw)
        sids = _sentence_ids(tokens) if need_sents else []
        doc: Counter[str] = Counter()
        sent: dict[int, Counter[str]] = {}
        for a, _b, e in raw:
            for code in [e.code] if e.kind == "actor" else [c for _i, _j, c in e.parts]:
                doc[code] += 1
                if need_sents:
                    sent.setdefault(sids[a], Counter())[code] += 1
        out: list[ActorMatch] = []
        for a, b, e in raw:
            if e.kind == "split":
                for i, j, part in e.parts:
                    start, end = tokens[a + i].start, tokens[a + j - 1].end
                    out.append(
                        ActorMatch(
                            start, end, text[start:end], part, sector_after(tokens, a + j), e.via
                        )
                    )
                continue
            found, sector = self._resolve(e, tokens, a, b, sids, sent, doc, text, date)
            if found is None:
                continue
            start, end = tokens[a].start, tokens[b - 1].end
            sector = sector_after(tokens, b) or sector_before(tokens, a) or sector
            out.append(ActorMatch(start, end, text[start:end], found, sector, e.via))
        return out

    def _resolve(
        self,
        e: _Entry,
        tokens: list[Token],
        a: int,
        b: int,
        sids: list[int],
        sent: dict[int, Counter[str]],
        doc: Counter[str],
        text: str,
        date: dt.date | None,
    ) -> tuple[str | None, str | None]:
        if e.kind == "actor":
            if (
                tokens[a].text in _GIVEN_NAMES
                and b < len(tokens)
                and tokens[b].text.istitle()
                and tokens[b].text.isalpha()
            ):
                return None, None
            return e.code, e.sector
        if e.kind == "amb" and e.amb is not None:
            sid = sids[a]
            lo = next((i for i in range(a, -1, -1) if sids[i] != sid), -1) + 1
            hi = next((i for i in range(b, len(tokens)) if sids[i] != sid), len(tokens))
            sentence = text[tokens[lo].start : tokens[hi - 1].end]
            return resolve_ambiguity(e.amb, sentence, sent.get(sid, Counter()), doc), None
        if e.kind == "person":
            if _hyphen_joined(tokens, a, b) or (b - a == 1 and _part_of_other_name(tokens, a)):
                return None, None
            code = self._people.resolve(e.name, date, doc)
            if code is None or date is None:
                return code, None
            return code, self._person_sector(e.name, code, date)
        return None, None

    def _person_sector(self, name: str, code: str, date: dt.date) -> str | None:
        terms = [t for t in self._people.terms(name) if t.code == code]
        if any(t.covers(date) for t in terms):
            return "GOV"
        return "ELI" if any(t.end < date for t in terms) else None

    def patterns(self) -> list[dict[str, str]]:
        """Phrase patterns for a spaCy ``EntityRuler`` (label = actor code, id = how it matched).

        Context-dependent forms carry their default code and an id ending in ``:ambiguous``;
        people whose name belongs to several actors, and stop phrases, are left out.

        Examples
        --------
        >>> from realpolitik.ingest.actors import load_world
        >>> {"label": "CHN", "pattern": "Beijing", "id": "capital"} in load_world().patterns()
        True
        """
        out: list[dict[str, str]] = []
        for form, e in self._index_items():
            if e.kind == "actor":
                out.append({"label": e.code, "pattern": form, "id": e.via})
            elif e.kind == "amb":
                out.append({"label": e.code, "pattern": form, "id": f"{e.via}:ambiguous"})
            elif e.kind == "split":
                continue
            elif e.kind == "person":
                codes = self._people.codes(e.name)
                if len(codes) == 1:
                    out.append({"label": codes.pop(), "pattern": form, "id": "person"})
        return out

    def _index_items(self) -> list[tuple[str, _Entry]]:
        return sorted(self._check(self._build_entries()).items())

"""The coder's dictionary: its data structures, lookup, and the type table and word classes
of ``plover_lexicon.tsv`` (verbs and nouns: :mod:`realpolitik.ingest.cameo_plover`).

The dictionary was written for this project from the PLOVER (Open Event Data Alliance, 2021)
and CAMEO (Gerner, Schrodt et al. 2002; manual 1.1b3, 2012) category definitions; the file's
header gives the sources and its format. Each PLOVER type carries a CAMEO root code, a
Goldstein (1992) weight and a quad class, so a coded event has a sign (cooperative > 0).

Examples
--------
>>> lex = load_lexicon()
>>> lex.types["AGREE"].goldstein > 0 > lex.types["THREATEN"].goldstein
True
>>> "hold" in lex.light, "say" in lex.say, lex.verbs
(True, True, {})
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from realpolitik.errors import InputError

__all__ = ["COOPERATIVE_QUADS", "Hint", "LexEntry", "Lexicon", "TypeInfo", "load_lexicon"]

LEXICON_FILE = Path(__file__).with_name("plover_lexicon.tsv")
_IRREGULAR = {
    "meet": ("met",), "hold": ("held",), "give": ("gave", "given"), "take": ("took", "taken"),
    "send": ("sent",), "fight": ("fought",), "seek": ("sought",), "make": ("made",),
    "begin": ("began", "begun"), "strike": ("struck",), "speak": ("spoke",),
    "withdraw": ("withdrew", "withdrawn"), "tell": ("told",), "say": ("said",),
    "lend": ("lent",), "freeze": ("froze", "frozen"), "break": ("broke", "broken"),
    "fly": ("flew", "flown"), "shake": ("shook",), "put": ("put",), "set": ("set",),
    "cut": ("cut",), "quit": ("quit",), "undertake": ("undertook",), "write": ("wrote",),
    "deny": ("deni",), "ally": ("alli",), "supply": ("suppli",), "apply": ("appli",),
    "throw": ("threw", "thrown"), "lead": ("led",),
}  # fmt: skip
_MODALS = ("must", "should", "ought")
"""Modals of obligation: "X said Y must ..." is a DEMAND of X on Y (the coder's rule)."""
COOPERATIVE_QUADS = frozenset({"verbal-coop", "material-coop"})


@dataclass(frozen=True)
class TypeInfo:
    """A PLOVER type: CAMEO root code, Goldstein weight and quad class."""

    name: str
    cameo: str
    goldstein: float
    quad: str

    @property
    def cooperative(self) -> bool:
        """Whether the type is cooperative (its quad class is verbal or material cooperation)."""
        return self.quad in COOPERATIVE_QUADS

    @property
    def violent(self) -> bool:
        """Whether the type is material conflict (force, coercion, mobilisation, sanctions)."""
        return self.quad == "material-conf"


@dataclass(frozen=True)
class LexEntry:
    """One dictionary line: type, part of speech, lemma, particle/preposition, objects, the
    CAMEO code it came from ("" for an entry without one) and the object's modifiers (one of
    them must be there too: "trade" of "trade treaty"). A *null* entry (type "", from a
    CAMEO ``[---]`` pattern) says that the verb with these objects codes no event. ``extra``
    holds a pattern's other content words (each as the set of its forms): the entry applies
    only where each is in the verb's clause, as in PETRARCH2, where every word of a pattern
    must match; ``before`` the words a pattern puts before the verb, which must be in the
    clause before it. ``own``: the file states the entry for this very verb (a pattern whose
    comment names it, or the verb line's own code) rather than for its block, which settles a
    tie between equally specific entries."""

    type: str
    pos: str
    lemma: str
    particle: str = ""
    objects: frozenset[str] = frozenset()
    code: str = ""
    modifiers: frozenset[str] = frozenset()
    extra: tuple[frozenset[str], ...] = ()
    before: tuple[frozenset[str], ...] = ()
    own: bool = False


@dataclass
class Lexicon:
    """The parsed dictionary: type table, verb and noun entries and the word classes."""

    types: dict[str, TypeInfo] = field(default_factory=dict)
    verbs: dict[str, list[LexEntry]] = field(default_factory=dict)
    nouns: dict[str, LexEntry] = field(default_factory=dict)
    light: frozenset[str] = frozenset()
    intensify: frozenset[str] = frozenset()
    intent: frozenset[str] = frozenset()
    say: frozenset[str] = frozenset()
    deny: frozenset[str] = frozenset()
    partitive: frozenset[str] = frozenset()
    aspect: frozenset[str] = frozenset()
    fulfil: frozenset[str] = frozenset()
    enter: frozenset[str] = frozenset()

    def verb(
        self,
        lemma: str,
        particles: set[str] | None = None,
        objects: set[str] | None = None,
        clause: set[str] | None = None,
        heads: set[str] | None = None,
        direct: set[str] | None = None,
        preceding: set[str] | None = None,
    ) -> LexEntry | None:
        """The most specific entry for a verb: with objects, then particle, then plain.

        ``particles`` are the verb's particle and preposition children (``"out"``, ``"for"``),
        ``objects`` the lemmas of its object, prepositional objects and complement verbs (and
        their modifiers), ``clause`` the lemmas and words of the verb's clause, where an
        entry's ``extra`` words must be (without it, entries with extra words do not apply).
        ``heads``, when given, are the objects' head nouns: a noun compound is a kind of its
        head, so an entry whose object is only a modifier ("power" in "blew up power lines")
        does not apply, unless the head is a noun of quantity (:attr:`partitive`: "aid
        shipments" are aid), where it is less specific than one naming the head. ``direct``,
        when given, are the lemmas of the verb's own objects (not of its prepositional
        phrases): an entry with objects but no preposition stands for a pattern whose noun
        follows the verb ("urge * TALKS"), so only they can match it ("demanded it at the
        talks" names the occasion, not the demand). ``preceding``, when given, are the words
        of the clause before the verb, where an entry's ``before`` words must be (without it,
        the whole clause).
        The answer may be a null entry (``type == ""``): this use of the verb is no event.
        """
        entries = self.verbs.get(lemma)
        if not entries:
            return None
        parts, objs, ctx = particles or set(), objects or set(), clause or set()
        named = objs if heads is None else heads
        mass = self.partitive  # but "aid shipments" are aid: a quantity's modifier names it
        best: list[LexEntry] = []
        top = -1
        for e in entries:
            if e.particle and e.particle not in parts:
                continue
            if e.objects and not (e.objects & (objs if e.particle or direct is None else direct)):
                continue
            if e.objects and heads is not None and not e.objects & named and not heads & mass:
                continue  # "power lines" are lines: a modifier alone is not the object
            if e.modifiers and not (e.modifiers & objs):
                continue
            if not all(g & ctx for g in e.extra):
                continue
            if not all(g & (ctx if preceding is None else preceding) for g in e.before):
                continue
            score = (2 if e.objects & named else bool(e.objects)) + 2 * bool(e.modifiers)
            score += bool(e.particle)
            score += bool(e.extra or e.before)  # a longer pattern, all of it found
            if score > top:
                best, top = [e], score
            elif score == top:
                best.append(e)
        if not best:
            return None
        # equally specific entries disagreeing (a dictionary with many patterns per verb):
        # those written for this verb, if any, then the type most of them give, the first such
        best = [e for e in best if e.own] or best
        # the same pattern written twice: the later line stands, as PETRARCH2 reads the file
        last = {(e.particle, e.objects, e.modifiers, e.extra, e.before): e for e in best}
        best = list(last.values())
        votes = Counter(e.type for e in best)
        return next(e for e in best if votes[e.type] == max(votes.values()))

    def hint(self, irregular: Mapping[str, Iterable[str]] | None = None) -> Hint:
        """A cheap pre-filter: can the coder find an event in a text? (See :class:`Hint`.)

        Whole words only: each dictionary word with its regular inflections (``-s``, ``-es``,
        ``-ed``, ``-d``, ``-ing``, a dropped final ``e``, ``y`` -> ``ies``/``ied``, a doubled
        final consonant) and the irregular past forms. A sentence without a hit has nothing
        for the coder, which looks words up by their lemma.

        ``irregular`` (lemma -> surface forms) adds the forms a lemmatizer maps to a dictionary
        word by exception (``spent`` -> *spend*): the parse path passes its own lemmatizer's
        exception table (:func:`realpolitik.ingest.parse.lemma_exceptions`), so that every
        word the coder can look up is found. With it the hint is built anew, not cached.

        Examples
        --------
        >>> from realpolitik.ingest.cameo_plover import default_lexicon
        >>> hint = default_lexicon().hint()
        >>> hint.search("Seoul ACCUSED Tokyo"), hint.search("a firm stance")
        ('accused', None)
        >>> hint.search("the ceasefire was fragile"), hint.search("a ceasefire between them")
        (None, 'ceasefire')
        >>> default_lexicon().hint({"accuse": ["accusated"]}).search("X accusated Y")
        'accusated'
        """
        if irregular is not None:
            return self._build_hint(irregular)
        got = self.__dict__.get("_hint")
        if got is None:
            got = self._build_hint({})
            self.__dict__["_hint"] = got
        return got

    def _build_hint(self, irregular: Mapping[str, Iterable[str]]) -> Hint:
        def forms(words: Iterable[str]) -> frozenset[str]:
            return frozenset(
                f for w in words for f in (*_inflections(w), *irregular.get(w.lower(), ()))
            )

        return Hint(forms({*self.verbs, *_MODALS}), forms(self.nouns), forms(self.light))

    def noun(self, lemma: str) -> LexEntry | None:
        """The entry of an event noun (``talks``, ``sanction``), if any."""
        return self.nouns.get(lemma)


_RUN = re.compile(r"\w+(?:-\w+)*")


@dataclass(frozen=True)
class Hint:
    """Dictionary word forms, found as whole words (case folded) in a text.

    A text can give the coder an event only through an event verb (or *must*/*should*), or
    through an event noun that a light verb takes as its object ("held talks") or that
    ``between``/``among`` follows ("a pact between ..."). :meth:`search` answers exactly that,
    as the regexes ``\\b(?:form|...)\\b`` (IGNORECASE) over each set would, from one pass
    that cuts the text into words (hyphenated runs and their parts) and looks each up: some
    hundred times faster than an alternation of 2,000 forms.
    """

    verbs: frozenset[str]
    nouns: frozenset[str]
    light: frozenset[str]

    @property
    def forms(self) -> frozenset[str]:
        """Every form, verbs and nouns."""
        return self.verbs | self.nouns

    def search(self, text: str) -> str | None:
        """The first verb form found in ``text`` (lower case), else the first noun form when a
        light-verb form or ``between``/``among`` is there too, else None."""
        noun: str | None = None
        frame = False
        for word in _words(text):
            if word in self.verbs:
                return word
            if noun is None and word in self.nouns:
                noun = word
            frame = frame or word in self.light or word in ("between", "among")
        return noun if noun is not None and frame else None


def _words(text: str) -> list[str]:
    """Lower-cased words of ``text``: each hyphenated run and every run of its parts."""
    out = []
    for run in _RUN.findall(text.lower()):
        out.append(run)
        if "-" in run:
            parts = run.split("-")
            out += [
                "-".join(parts[i:j])
                for i in range(len(parts))
                for j in range(i + 1, len(parts) + 1)
                if j - i < len(parts)
            ]
    return out


def _inflections(word: str) -> set[str]:
    """A word's regular inflections (generous: a few non-words cost nothing) and irregulars."""
    w = word.lower()
    out = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing"}
    if w.endswith("e"):
        out.add(w[:-1] + "ing")
    if w.endswith("ie"):
        out.add(w[:-2] + "ying")
    if w.endswith("y"):
        out |= {w[:-1] + "ies", w[:-1] + "ied"}
    if len(w) >= 3 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou":
        out |= {w + w[-1] + "ed", w + w[-1] + "ing"}  # ban -> banned, refer -> referring
    out.update(f for f in _IRREGULAR.get(w, ()) if not f.endswith("i"))
    return out


def _parse_line(lex: Lexicon, cols: list[str], where: str) -> None:
    head = cols[0]
    if head == "@type":
        if len(cols) != 5:
            raise InputError(f"{where}: @type needs TYPE, CAMEO, goldstein, quad")
        lex.types[cols[1]] = TypeInfo(cols[1], cols[2], float(cols[3]), cols[4])
    elif head in (
        "@light",
        "@intensify",
        "@intent",
        "@say",
        "@deny",
        "@partitive",
        "@aspect",
        "@fulfil",
        "@enter",
    ):
        setattr(lex, head[1:], frozenset(c for c in cols[1:] if c))
    else:
        if head not in lex.types or len(cols) < 3 or cols[1] not in ("v", "n"):
            raise InputError(
                f"{where}: expected TYPE (declared by @type), v|n, LEMMA [OBJECTS]; got {cols!r}"
            )
        words = cols[2].split()
        objs = frozenset(o for o in cols[3].split("|") if o) if len(cols) > 3 else frozenset()
        entry = LexEntry(head, cols[1], words[0], " ".join(words[1:]), objs)
        if cols[1] == "n":
            lex.nouns.setdefault(entry.lemma, entry)
        else:
            lex.verbs.setdefault(entry.lemma, []).append(entry)


def load_lexicon(path: str | Path = LEXICON_FILE) -> Lexicon:
    """Read a dictionary file in the format described in its header.

    Raises
    ------
    InputError
        Naming the file and line of a malformed entry.
    """
    lex = Lexicon()
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read event dictionary {path}: {exc}") from exc
    for no, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            _parse_line(lex, line.rstrip("\n").split("\t"), f"{path}:{no}")
        except ValueError as exc:
            raise InputError(f"{path}:{no}: {exc}") from exc
    return lex

"""The text pipeline: spaCy's blank English + sentencizer + phrase matchers built from aliases.

No trained model is needed: actors are found by their names, aliases, capitals and adjectives,
people by their names and aliases, all taken from the data set (so the dictionaries never go
stale: edit the data set and the next run uses it). Unknown *titled* persons ("Defence Secretary
Ana Cruz") are reported as candidates, never silently attached to a known person.

Examples
--------
>>> table = AliasTable.from_rows(
...     actors=[("JPN", "Japan", "state", ("Tokyo", "Japanese"))],
...     people=[("kishi", "Aiko Kishi", "JPN", "Minister", ())],
... )
>>> a = TextPipeline(table).analyse("Tokyo said Aiko Kishi would travel.")
>>> [(m.text, m.kind, m.actor) for m in a.mentions]
[('Tokyo', 'actor', 'JPN'), ('Aiko Kishi', 'person', 'JPN')]
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from types import ModuleType
from typing import Any

from realpolitik.ingest.tokenizer import CachedTokenizer
from realpolitik.ingest.types import Mention, Sentence

__all__ = [
    "TITLES",
    "ActorInfo",
    "AliasTable",
    "Analysis",
    "PersonInfo",
    "TextPipeline",
    "chunk_bounds",
    "default_alias_table",
    "import_spacy",
    "make_doc_chunked",
]


def import_spacy() -> ModuleType:
    """Import spaCy without letting its backend (thinc) import torch.

    thinc imports torch whenever it is installed (the optional ``embeddings`` extra brings it),
    which costs about 2 s and 200 MiB per process; the blank pipeline and the optional trained
    parser never use it. torch is hidden only while spaCy is first imported and stays
    importable afterwards (the embedding scorer imports it itself).
    """
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    hide = "torch" not in sys.modules
    if hide:
        sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        import spacy
    finally:
        if hide and sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
    return spacy


TITLES = (
    "President",
    "Vice President",
    "Prime Minister",
    "Premier",
    "Foreign Minister",
    "Defence Minister",
    "Defense Minister",
    "Trade Minister",
    "Finance Minister",
    "Minister",
    "Secretary of State",
    "Defence Secretary",
    "Defense Secretary",
    "Secretary",
    "Ambassador",
    "Chancellor",
    "King",
    "Queen",
    "Senator",
    "Governor",
    "General",
    "Admiral",
    "Marshal",
    "Chairman",
    "Secretary-General",
    "Secretary General",
    "Spokesperson",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "Professor",
    "Prof.",
    "Dr.",
    "Dr",
    "Mr",
    "Mr.",
    "Ms",
    "Ms.",
    "Mrs",
    "Mrs.",
    "Trade Representative",
    "Commander",
    "Envoy",
    "envoy",
    "Representative",
)
"""Words and phrases that introduce a person's name."""

_HEAD_ROLES = re.compile(
    r"president|prime minister|premier|chancellor|king|queen|head of (?:state|government)", re.I
)
_NAME_TOKEN = re.compile(r"^[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?$|^[A-Z]{2,}$")
_PARTICLES = {"van", "von", "de", "da", "bin", "al", "del", "la"}
_NAME = r"(?:[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?|[A-Z]{2,})"
_NAME_RUN = re.compile(
    rf"(?<![\w-]){_NAME}(?:\s(?:(?:van|von|de|da|bin|al|del|la)\s)?{_NAME}){{1,6}}(?![\w-])"
)
_APPOSITIVE = re.compile(
    r"^,\s+(?:a|an|the)\s+(?:\w+\s+){0,3}?(professor|researcher|analyst|fellow|director|"
    r"scholar|lecturer|spokesperson|spokesman|spokeswoman|minister|official|adviser|advisor|"
    r"diplomat|ambassador|general|admiral|expert|economist|senator|lawmaker|commander)\b"
)
_NATIVE_GLOSS = re.compile(r"\s*\([^()]{0,20}?[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
"""A name glossed in Chinese, Japanese or Korean script right after it: "Hou Yu-ih (...)", the
usual way East Asian news introduces a person."""
_FUNCTION_WORDS = {
    "the",
    "a",
    "an",
    "and",
    "or",
    "but",
    "both",
    "between",
    "with",
    "of",
    "for",
    "to",
    "in",
    "on",
    "as",
    "if",
    "while",
    "when",
    "because",
    "although",
    "neither",
    "nor",
    "than",
}
_ADJECTIVE_SUFFIX = re.compile(r"(?:ese|ian|an|ish|i|ic|ch)s?$")


@dataclass(frozen=True)
class ActorInfo:
    """An actor's code, name, kind and aliases."""

    code: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class PersonInfo:
    """A person's id, name, actor, role and aliases."""

    id: str
    name: str
    actor: str
    role: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class AliasTable:
    """Actors and people with the names text uses for them (from the data set or given rows)."""

    actors: dict[str, ActorInfo]
    people: dict[str, PersonInfo]
    members: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_rows(
        cls,
        actors: Iterable[tuple[str, str, str, Sequence[str]]],
        people: Iterable[tuple[str, str, str, str, Sequence[str]]] = (),
        members: dict[str, tuple[str, ...]] | None = None,
    ) -> AliasTable:
        """Build from ``(code, name, kind, aliases)`` and ``(id, name, actor, role, aliases)``."""
        return cls(
            {c: ActorInfo(c, n, k, tuple(al)) for c, n, k, al in actors},
            {i: PersonInfo(i, n, a, r, tuple(al)) for i, n, a, r, al in people},
            dict(members or {}),
        )

    @classmethod
    def from_dataset(cls, dataset: Any) -> AliasTable:
        """Build from a :class:`realpolitik.model.Dataset` (its actors and people)."""
        return cls.from_rows(
            ((a.code, a.name, a.kind, a.aliases) for a in dataset.actors),
            ((p.id, p.name, p.actor, p.role, p.aliases) for p in dataset.people),
            _members(dataset),
        )

    def kind(self, code: str) -> str:
        """Kind of an actor (``state``, ``territory``, ``organisation``, ``grouping``)."""
        info = self.actors.get(code)
        return info.kind if info else "unknown"


def _members(dataset: Any) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for m in getattr(dataset, "memberships", ()):
        if not m.end:
            out.setdefault(m.grouping, []).append(m.member)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=4)
def default_alias_table(name: str = "east-asia-2025") -> AliasTable:
    """Alias table of a data set (default: the built-in one), cached."""
    from realpolitik.data import load_dataset

    return AliasTable.from_dataset(load_dataset(name))


@dataclass
class Analysis:
    """Sentences and mentions of one cleaned text, plus the spaCy ``Doc`` for later stages."""

    text: str
    sentences: list[Sentence]
    mentions: list[Mention]
    doc: Any = field(repr=False, default=None)
    sent_of_char: list[int] = field(repr=False, default_factory=list)

    def in_sentence(self, idx: int) -> list[Mention]:
        """Mentions inside sentence ``idx``, in text order."""
        return [m for m in self.mentions if m.sent == idx]


CHUNK_CHARS = 100_000
"""Characters tokenized per call on a long text (spaCy refuses texts over ``max_length``)."""


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """``[start, end)`` pieces of ``text`` of at most ``size`` characters, each ending at a line
    break or else at whitespace when one lies in its second half (a piece with no whitespace
    there is cut at ``size``). The pieces cover the text exactly, in order.

    Examples
    --------
    >>> chunk_bounds("one two\\nthree four", 10)
    [(0, 8), (8, 18)]
    """
    out: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > size:
        end = start + size
        cut = text.rfind("\n", start + size // 2, end)
        if cut < 0:
            cut = max(text.rfind(c, start + size // 2, end) for c in " \t\r")
        end = cut + 1 if cut > start + size // 2 - 1 else end
        out.append((start, end))
        start = end
    out.append((start, n))
    return out


def make_doc_chunked(nlp: Any, text: str, size: int = CHUNK_CHARS) -> Any:
    """The tokenized ``Doc`` of ``text``, tokenized piece by piece (:func:`chunk_bounds`) and
    joined, so a text of any length up to the configured byte limit is read (spaCy's
    ``max_length`` guards its parser's memory; tokenizing a piece at a time needs none of it).
    ``doc.text == text`` and every token offset is the one in ``text``.

    Examples
    --------
    >>> nlp = import_spacy().blank("en")
    >>> doc = make_doc_chunked(nlp, "Seoul met Tokyo.\\nThen Manila spoke.", size=20)
    >>> doc.text == "Seoul met Tokyo.\\nThen Manila spoke.", doc[5].text, doc[5].idx
    (True, 'Then', 17)
    """
    if len(text) <= size:
        return nlp.make_doc(text)
    from spacy.tokens import Doc

    docs = [nlp.tokenizer(text[a:b]) for a, b in chunk_bounds(text, size)]
    return Doc.from_docs(docs, ensure_whitespace=False)


def _sentence_starts(doc: Any, punct: Any) -> Any:
    """Sentence starts: spaCy's ``sentencizer`` rule plus one after every line break.

    A sentence starts at the first token after a sentence-final character (``punct``: the
    orth ids of spaCy's ``Sentencizer.default_punct_chars``) that is neither punctuation nor
    such a character (the component's rule), and at the first non-space token after a
    whitespace token holding a newline (a paragraph or line is never joined to the next).
    Computed on whole token arrays: the component builds a Python ``Token`` per token, which
    cost about a fifth of the tokenizer.
    """
    import numpy as np
    from spacy.attrs import IS_PUNCT, IS_SPACE, ORTH, SENT_START

    n = len(doc)
    if n == 0:
        return doc
    arr = doc.to_array([ORTH, IS_PUNCT, IS_SPACE])
    orth = arr[:, 0]
    final = np.isin(orth, punct)
    word = ~(final | arr[:, 1].astype(bool))
    idx = np.arange(n)
    last_final = np.maximum.accumulate(np.where(final, idx, -1))
    last_word = np.maximum.accumulate(np.where(word, idx, -1))
    start = np.zeros(n, dtype=bool)
    start[0] = True
    start[1:] = word[1:] & (last_final[:-1] > last_word[:-1])
    space = arr[:, 2].astype(bool)
    if space.any():
        strings = doc.vocab.strings
        newline_orths = [o for o in set(orth[space].tolist()) if "\n" in strings[o]]
        if newline_orths:
            # the token after the last line break before it, when no word came in between
            brk = np.isin(orth, newline_orths)
            last_brk = np.maximum.accumulate(np.where(brk, idx, -1))
            last_solid = np.maximum.accumulate(np.where(~space, idx, -1))
            start[1:] |= ~space[1:] & (last_brk[:-1] > last_solid[:-1])
    doc.from_array([SENT_START], np.where(start, 1, -1).astype("uint64").reshape(n, 1))
    return doc


class TextPipeline:
    """Sentence splitting and mention finding over cleaned text.

    Parameters
    ----------
    table : AliasTable
        Names to look for. Use :func:`default_alias_table` for the built-in data set.

    Notes
    -----
    Matching is a phrase-matcher pass (linear in tokens). Longest match wins; an actor name
    right after a capitalised word mid-sentence is taken as part of a longer proper name
    ("Latin America", "East China Sea", "Radio Free Europe") and not resolved. A one-word
    person alias ("Moon") counts only after the full name, after a title, or, for heads of
    state and government, outside a ``the ...`` noun phrase.
    """

    def __init__(self, table: AliasTable, resolver: Any = None) -> None:
        spacy = import_spacy()

        self.table = table
        self.resolver = resolver  # realpolitik.ingest.world.WorldResolver, optional
        self._ambiguous: frozenset[str] = (
            resolver.ambiguous if resolver is not None else frozenset()
        )
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.tokenizer = CachedTokenizer(nlp.tokenizer)
        # Two phrase matchers (exact spelling for names and aliases; lower case for the
        # multi-word person names) instead of spaCy's EntityRuler, whose token-pattern Matcher
        # cost more than the tokenizer. Same resolution as the EntityRuler: longest match first,
        # then the earliest.
        from spacy.matcher import PhraseMatcher

        orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._ent_of: dict[int, tuple[str, str]] = {}
        for a in table.actors.values():
            for alias in {a.name, a.code if a.kind == "grouping" else a.name, *a.aliases}:
                self._add(orth, nlp, "ACTOR", a.code, alias)
                if alias.startswith("the "):
                    self._add(orth, nlp, "ACTOR", a.code, alias[4:])
        self._short: dict[str, set[str]] = {}
        for p in table.people.values():
            for alias in {p.name, *p.aliases}:
                self._add(orth, nlp, "PERSON", p.id, alias)
                if len(nlp.make_doc(alias)) > 1:
                    self._add(lower, nlp, "PERSON", p.id, alias)
                else:
                    self._short.setdefault(p.id, set()).add(alias)
        self._matchers = (orth, lower)
        self.nlp = nlp
        import numpy as np

        self._final = np.array(
            [nlp.vocab.strings.add(c) for c in nlp.get_pipe("sentencizer").punct_chars],
            dtype="uint64",
        )
        self._titles = {t.lower() for t in TITLES}
        self._title_last = {t.split()[-1].lower() for t in TITLES}
        self._trigger = re.compile(
            r"\b(?:"
            + "|".join(sorted({re.escape(t.split()[-1]) for t in TITLES}, key=len, reverse=True))
            + r"|said|says)\s+$",
            re.I,
        )

    def _add(self, matcher: Any, nlp: Any, label: str, ent_id: str, alias: str) -> None:
        key = f"{label}|{ent_id}"
        self._ent_of[nlp.vocab.strings.add(key)] = (label, ent_id)
        matcher.add(key, [nlp.make_doc(alias)])

    def _set_entities(self, doc: Any) -> None:
        """The EntityRuler's resolution: longest first, then earliest; no overlapping ends."""
        from spacy.tokens import Span

        found = {(k, s, e) for m in self._matchers for k, s, e in m(doc) if s != e}
        ents = []
        seen: set[int] = set()
        for key, start, end in sorted(found, key=lambda m: (m[2] - m[1], -m[1]), reverse=True):
            if start not in seen and end - 1 not in seen:
                label, ent_id = self._ent_of[key]
                ents.append(Span(doc, start, end, label=label, span_id=ent_id))
                seen.update(range(start, end))
        doc.ents = ents

    def analyse(self, text: str, date: str = "") -> Analysis:
        """Split ``text`` into sentences and find mentions of actors and people.

        ``date`` (the article's, ``YYYY-MM-DD``) resolves office holders and context-dependent
        names when the pipeline has a world resolver.
        """
        doc = _sentence_starts(make_doc_chunked(self.nlp, text), self._final)
        self._set_entities(doc)
        sentences: list[Sentence] = []
        starts: list[int] = []
        for sent in doc.sents:
            s0 = sent.start_char
            raw = text[s0 : sent.end_char]
            body = raw.strip()
            if not body:
                continue  # only space tokens
            start = s0 + len(raw) - len(raw.lstrip())
            end = start + len(body)
            idx = len(sentences)
            sentences.append(Sentence(idx, start, end, text[start:end]))
            starts.append(start)

        def sent_of(char: int) -> int:
            return max(0, bisect_right(starts, char) - 1)

        mentions = self._mentions(doc, text, sent_of)
        if self._ambiguous:
            mentions = self._disambiguate(mentions, sentences, date)
        mentions.extend(self._candidates(doc, text, sent_of, mentions, date))
        mentions.sort(key=lambda m: m.start)
        return Analysis(text, sentences, mentions, doc)

    # -- mentions -----------------------------------------------------------------------------
    def _mentions(self, doc: Any, text: str, sent_of: Any) -> list[Mention]:
        out: list[Mention] = []
        ents = doc.ents  # each access builds new Span objects: read once
        ent_ends = {e.end for e in ents}
        ent_last = {e - 1 for e in ent_ends}
        seen_people: set[str] = set()
        for ent in ents:
            sent = sent_of(ent.start_char)
            prev = doc[ent.start - 1] if ent.start > 0 else None
            at_start = prev is None or sent_of(prev.idx) != sent
            if ent.label_ == "ACTOR":
                if (
                    prev is not None
                    and not at_start
                    and not doc[ent.start].is_sent_start
                    and not prev.is_sent_start
                    and prev.lower_ not in _FUNCTION_WORDS
                    and prev.text[:1].isupper()
                    and prev.is_alpha
                    and prev.i not in ent_last
                    and prev.text.lower() not in self._title_last
                    and prev.i + 1 not in ent_ends
                ):
                    continue  # part of a longer proper name: "Latin America", "East China Sea"
                info = self.table.actors[ent.ent_id_]
                out.append(
                    Mention(
                        sent,
                        ent.start_char,
                        ent.end_char,
                        ent.text,
                        "actor",
                        info.code,
                        None,
                        _via(ent.text, info),
                    )
                )
            else:
                pinfo = self.table.people[ent.ent_id_]
                if len(ent) == 1 and not self._short_ok(ent, doc, pinfo, seen_people):
                    continue
                seen_people.add(pinfo.id)
                out.append(
                    Mention(
                        sent,
                        ent.start_char,
                        ent.end_char,
                        ent.text,
                        "person",
                        pinfo.actor,
                        pinfo.id,
                        "official",
                    )
                )
        return out

    def _short_ok(self, ent: Any, doc: Any, p: PersonInfo, seen: set[str]) -> bool:
        prev = doc[ent.start - 1] if ent.start > 0 else None
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if (nxt is not None and nxt.text == "-" and not doc[ent.end - 1].whitespace_) or (
            prev is not None
            and not doc[ent.start].is_sent_start
            and prev.is_title
            and prev.is_alpha
            and prev.lower_ not in self._title_last
            and prev.lower_ not in _FUNCTION_WORDS
        ):
            return False  # part of a longer name: "Wen" in "Ko Wen-je", "Li" in "Wang Li"
        if p.id in seen:
            return True
        if prev is not None and prev.text.lower() in self._title_last:
            return True
        if _HEAD_ROLES.search(p.role):
            nxt = doc[ent.end] if ent.end < len(doc) else None
            if prev is not None and prev.lower_ in {"the", "a", "an"}:
                return nxt is not None and nxt.lower_ in {
                    "administration",
                    "government",
                    "era",
                    "team",
                    "'s",
                    "cabinet",
                }
            return True
        return False

    def _disambiguate(
        self, mentions: list[Mention], sentences: list[Sentence], date: str
    ) -> list[Mention]:
        """Context-dependent forms ("Korean", "Georgia") resolved by the world dictionary."""
        from dataclasses import replace

        from realpolitik.ingest.days import parse_day

        day = parse_day(date)
        sure = [x for x in mentions if x.actor and x.text not in self._ambiguous]
        out = []
        for m in mentions:
            if m.kind == "actor" and m.text in self._ambiguous:
                s = sentences[m.sent]
                code = self.resolver.sentence_code(s.text, m.start - s.start, day)
                code = _pair_context(self.resolver.pair(m.text), code, m.sent, sure)
                if code is None or code not in self.table.actors:
                    continue
                m = replace(m, actor=code)
            out.append(m)
        return out

    def _candidates(
        self, doc: Any, text: str, sent_of: Any, known: list[Mention], date: str = ""
    ) -> list[Mention]:
        """Unknown persons introduced by a title, an appositive role, or ``said``.

        With a world resolver, a name that is a known office holder on ``date`` becomes a
        ``person`` mention of that holder's actor.
        """
        covered: set[int] = set()
        for m in known:
            covered.update(range(m.start, m.end))
        out: list[Mention] = []
        for run in _NAME_RUN.finditer(text):
            words = [
                (w.start() + run.start(), w.group(0)) for w in re.finditer(r"\S+", run.group(0))
            ]
            cut = max(
                (k for k, (_, w) in enumerate(words) if w.lower() in self._title_last),
                default=-1,
            )
            titled = cut >= 0
            words = words[cut + 1 :]
            if len(words) < 2:
                continue
            start, end = words[0][0], words[-1][0] + len(words[-1][1])
            before = text[max(0, start - 30) : start]
            if not (
                titled
                or self._trigger.search(before)
                or _APPOSITIVE.match(text[end : end + 80])
                or _NATIVE_GLOSS.match(text, end)
            ):
                continue
            if any(c in covered for c in range(start, end)) or any(
                self._is_actor_word(w) for _, w in words
            ):
                continue
            sent = sent_of(start)
            name = text[start:end]
            held = self._office_holder(name, date)
            out.append(
                Mention(
                    sent,
                    start,
                    end,
                    name,
                    "person" if held else "candidate",
                    held or self._nearby_actor(known, start, sent),
                    f"w:{name}" if held else None,
                    "official" if held else "title",
                )
            )
            covered.update(range(start, end))
        return out

    def _office_holder(self, name: str, date: str) -> str | None:
        if self.resolver is None:
            return None
        from realpolitik.ingest.days import parse_day

        code = self.resolver.person(name, parse_day(date))
        return code if code in self.table.actors else None

    def _is_actor_word(self, word: str) -> bool:
        words = self.__dict__.get("_actor_words")
        if words is None:
            words = {w for a in self.table.actors.values() for w in (a.name, *a.aliases)}
            self.__dict__["_actor_words"] = words
        return word in words

    @staticmethod
    def _nearby_actor(known: list[Mention], start: int, sent: int) -> str | None:
        """Actor of an adjective or name right before the title ("Philippine Defence ..."),
        else the one actor the sentence names, if it names only one ("General X said the
        Indian army ...")."""
        best = None
        named: set[str] = set()
        for m in known:
            if m.sent == sent and m.kind == "actor" and m.actor:
                named.add(m.actor)
                if m.end <= start and start - m.end <= 40:
                    best = m.actor
        return best or (next(iter(named)) if len(named) == 1 else None)


def _pair_context(
    pair: tuple[str, str] | None, code: str | None, sent: int, sure: list[Mention]
) -> str | None:
    """A ``default``/``alternative`` form ("Korean": KOR/PRK) read from the other mentions.

    The dictionary's rule (the alternative when only it is co-mentioned, in the sentence, then
    in the text) applied to this pipeline's mentions, in which people stand for their actor
    ("Kim Jong Un said the Korean people ..." is PRK).
    """
    if pair is None or code is None:
        return code
    default, alternative = pair
    for scope in ([x for x in sure if x.sent == sent], sure):
        codes = {x.actor for x in scope}
        if alternative in codes and default not in codes:
            return alternative
        if default in codes:
            return default
    return code


def _via(surface: str, info: ActorInfo) -> str:
    if surface in (info.name, info.code):
        return "name"
    if surface[:1].isupper() and _ADJECTIVE_SUFFIX.search(surface) and " " not in surface:
        return "adjective"
    return "alias"

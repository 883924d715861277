"""Claims: forecasts and conditionals, split into antecedent and consequent, mapped to levers.

Detection (rules for the language, not for particular articles):

* **conditional** - an antecedent marker (*if, unless, as long as, provided that, in case*); or
  a main-clause *would* whose subject is a noun phrase, not a pronoun ("Closer ties would
  weaken ..."): the subject is the condition;
* **forecast** - a main-clause *will / would / could*, *is (un)likely to*, *is expected to*,
  *poised to*; a modal inside a relative or causal clause (*which could*, *because they will*)
  does not make the sentence a forecast, one inside the complement of an epistemic verb
  (*does not mean that ... will*, *premature to assume that ... will*) does; deontic and
  evaluative uses (*will have to*, *will be key to*) are not forecasts;
* **elaboration** - a sentence opening with an anaphor (*Such a scenario would*, *It would
  also*, *In this way*) right after a claim continues that claim (stored, not counted twice);
* **hedge** - *may / might* (stored with low confidence; not counted as a claim).

Mapping: every catalogue lever and outcome gets a profile of *concepts* (a synonym lexicon
written for the vocabulary of regional politics, plus the description's own words) and of
actors (found in its description by the same pipeline); a claim's antecedent is scored
against levers and its consequent against outcomes (each with a little weight on the other
half), by IDF-weighted concept overlap plus actor overlap.

Examples
--------
>>> cat = Catalogue.from_pairs(
...     levers={"us_exit": "The US withdraws its troops from the region."},
...     outcomes={"china_lead": "China becomes the leading power of the region."})
>>> detect_claim_kind("If Washington withdraws, China will lead the region by 2030.")
('conditional', 'if')
>>> cat.best("levers", "If Washington withdraws")[0].id
'us_exit'
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import Any, Protocol

from spacy.lang.en.stop_words import STOP_WORDS

from realpolitik.ingest.types import Claim, LeverScore

__all__ = [
    "CONCEPTS",
    "Catalogue",
    "Rescorer",
    "detect_claim_kind",
    "find_claims",
    "horizon_year",
    "split_conditional",
]

# A synonym lexicon: concept -> word stems (prefix match on lower-cased tokens).
CONCEPTS: dict[str, tuple[str, ...]] = {
    "retreat": (
        "withdr",
        "retreat",
        "retrench",
        "distanc",
        "disengag",
        "isolation",
        "pullback",
        "pull-out",
        "abandon",
        "neglect",
        "disappear",
        "scale",
        "downgrad",
        "exit",
        "burden",
        "drawdown",
    ),
    "commitment": ("commitment", "guarante", "presence", "support", "troop", "protect"),
    "coercion": (
        "expansion",
        "aggress",
        "assertive",
        "coerc",
        "militariz",
        "warship",
        "incursion",
        "provocati",
        "intimidat",
        "bully",
        "hostile",
        "pressur",
    ),
    "military": ("militar", "defen", "armed", "army", "navy", "naval"),
    "security": ("security", "secur"),
    "economy": (
        "econom",
        "trade",
        "trading",
        "deal",
        "invest",
        "market",
        "commerc",
        "export",
        "import",
        "offer",
    ),
    "ties": (
        "relation",
        "ties",
        "tie",
        "rapprochement",
        "cooperat",
        "partnership",
        "collaborat",
        "engag",
        "integrat",
        "bilateral",
        "friendship",
    ),
    "align": ("coalition", "coordinat", "bloc", "alliance", "align", "summit", "dialogue"),
    "pact": ("pact", "treaty"),
    "side": ("side", "siding", "join"),
    "intensify": (
        "deepen",
        "strengthen",
        "strong",
        "closer",
        "tighten",
        "intensif",
        "boost",
        "enhanc",
        "upgrad",
    ),
    "counter": ("counter", "contain", "deter", "balanc", "check"),
    "influence": ("influence", "sway", "clout", "sphere", "interest"),
    "leadership": (
        "lead",
        "dominan",
        "dominat",
        "hegemon",
        "guarantor",
        "architecture",
        "primacy",
        "enforce",
        "condition",
    ),
    "decline": (
        "lose",
        "loss",
        "losing",
        "erod",
        "weaken",
        "declin",
        "diminish",
        "fade",
        "collapse",
        "catastroph",
        "undermin",
    ),
    "self": ("own", "independen", "autonom", "self-relian", "indigenous", "mechanism"),
    "buildup": ("build-up", "buildup", "rearm", "capabilit", "modernis", "moderniz"),
    "tech": ("technolog", "tech", "cyber", "artificial", "semiconductor", "chip"),
    "shift": ("divert", "redirect", "shift", "move", "reorient", "relocat"),
    "domestic": ("internal", "domestic", "crisis", "crises", "priorit", "redefin"),
    "supply": ("supply", "supplier", "chain", "production", "high-tech", "hightech"),
    "vulnerable": (
        "vulnerab",
        "indefensib",
        "defenceless",
        "defenseless",
        "exposed",
        "hard-to-defend",
    ),
    "control": ("control", "unif", "reunif", "annex", "takeover", "seiz", "capture"),
    "southwest": (
        "southwest",
        "south-west",
        "senkaku",
        "okinawa",
        "shipping",
        "lane",
        "route",
        "ryukyu",
    ),
    "stability": ("peace", "stabil", "stable", "calm", "conflict", "war"),
    "fta": ("fta", "free-trade"),
    "exchange": ("exchange", "visitor", "touris", "people-to-people", "cultur", "student"),
    "tariff": ("tariff", "duties", "levies", "levy"),
    "constitution": ("constitution", "pacifis", "article-9"),
    "nuclear": ("nuclear", "missile", "warhead", "icbm"),
    "protectionism": ("protection", "autarky", "self-sufficien"),
    "sanctions": ("sanction", "evasion", "evad", "circumvent", "drone", "component"),
}
_STOP = set(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "as",
        "at",
        "from",
        "into",
        "its",
        "their",
        "his",
        "her",
        "this",
        "that",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "will",
        "would",
        "could",
        "can",
        "may",
        "might",
        "must",
        "should",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "not",
        "no",
        "up",
        "over",
        "under",
        "than",
        "then",
        "more",
        "most",
        "less",
        "such",
        "also",
        "even",
        "further",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "while",
        "if",
        "unless",
        "long",
        "provided",
        "case",
        "about",
        "against",
        "between",
        "both",
        "each",
        "other",
        "others",
        "all",
        "any",
        "some",
        "region",
        "regional",
        "east",
        "asia",
        "east-asia",
        "it",
        "they",
        "them",
        "there",
        "here",
        "per",
        "via",
    ]
)
# spaCy's English stop-word list (function words: "otherwise", "until", "only") joins the
# hand list above, whose own entries are the catalogue's domain words ("region", "east")
_STOP |= STOP_WORDS
_PHRASES = [
    (re.compile(r"\bhard to defend\b", re.I), "hard-to-defend"),
    (re.compile(r"\bfree trade\b", re.I), "free-trade"),
    (re.compile(r"\bpeople[- ]to[- ]people\b", re.I), "people-to-people"),
    (re.compile(r"\bsouth[- ]western\b", re.I), "southwest"),
    (re.compile(r"\bbuild[- ]up\b", re.I), "build-up"),
]
_TOKEN = re.compile(r"[A-Za-z][A-Za-z\-]*[A-Za-z]")
_NEG_ENGAGE = re.compile(
    r"\b(?:not|n't|fails? to|unable to|no longer|cannot)\b[^,.;]{0,40}\b(?:provide|support|"
    r"recogni[sz]e|engage|commit|defend|help|reconcile|honou?r)",
    re.I,
)


@lru_cache(maxsize=65536)
def _word_concepts(word: str) -> frozenset[str]:
    return frozenset(c for c, stems in CONCEPTS.items() if any(word.startswith(t) for t in stems))


def _concept_hits(word: str, out: set[str]) -> bool:
    hits = _word_concepts(word)
    out.update(hits)
    return bool(hits)


def concepts(text: str, ignore: frozenset[str] = frozenset()) -> set[str]:
    """Concepts named in ``text`` (lexicon concepts, else the word's first six letters).

    Examples
    --------
    >>> sorted(concepts("Washington withdraws its troops"))
    ['commitment', 'retreat', 'washin']
    """
    return set(_concepts(text, ignore))


_IGNORE_SETS: dict[frozenset[str], frozenset[str]] = {}


def _shared(words: frozenset[str]) -> frozenset[str]:
    """One object per distinct ignore-set. ``_concepts`` caches on ``(text, ignore)``: with two
    equal sets that are different objects (two catalogues), each cache hit would compare the
    sets element by element (thousands of names with the world dictionary: about 40 us)."""
    return _IGNORE_SETS.setdefault(words, words)


@lru_cache(maxsize=8192)
def _concepts(text: str, ignore: frozenset[str]) -> frozenset[str]:
    """Cached worker of :func:`concepts`."""
    for pat, rep in _PHRASES:
        text = pat.sub(rep, text)
    out: set[str] = set()
    for tok in _TOKEN.findall(text):
        w = tok.lower().removesuffix("'s").strip("-")
        if not _concept_hits(w, out) and "-" in w:
            for part in w.split("-"):
                if (
                    part
                    and part not in ignore
                    and part not in _STOP
                    and not _concept_hits(part, out)
                    and len(part) >= 4
                ):
                    out.add(part[:6])
            continue
        if w in _STOP or len(w) < 3 or w in ignore:
            continue
        if not _concept_hits(w, set()) and len(w) >= 4:
            out.add(w[:6])
    if _NEG_ENGAGE.search(text):
        out.add("retreat")
    return frozenset(out)


@dataclass
class _Entry:
    id: str
    concepts: set[str]
    actors: set[str]
    principal: str | None = None


@dataclass
class Catalogue:
    """Levers and outcomes as concept and actor profiles, for scoring claim halves."""

    levers: list[_Entry]
    outcomes: list[_Entry]
    idf: dict[str, dict[str, float]] = field(default_factory=dict)
    ignore: frozenset[str] = frozenset()

    @cached_property
    def system(self) -> frozenset[str]:
        """The actors the catalogue's levers and outcomes name: the system it describes."""
        return frozenset(a for e in (*self.levers, *self.outcomes) for a in e.actors)

    def outside(self, actors: Iterable[str]) -> bool:
        """Whether a claim naming ``actors`` is about other states' affairs: it names some
        actors and none of the system's (a coup in West Africa moves no East Asian lever).
        A claim naming no actor is not outside: its words alone decide its lever.

        Examples
        --------
        >>> cat = Catalogue.from_pairs({"us_exit": "The US withdraws."}, {},
        ...                            actors_of={"us_exit": {"USA"}})
        >>> cat.outside(["NER", "NGA"]), cat.outside(["NER", "USA"]), cat.outside([])
        (True, False, False)
        """
        named = set(actors)
        system = self.system
        return bool(named) and bool(system) and not (named & system)

    @classmethod
    def from_pairs(
        cls,
        levers: dict[str, str],
        outcomes: dict[str, str],
        actors_of: dict[str, set[str]] | None = None,
        ignore: Iterable[str] = (),
        principal_of: dict[str, str] | None = None,
    ) -> Catalogue:
        """Build from ``{id: description}`` maps.

        ``actors_of`` gives each id's actor codes; words in ``ignore`` (actor names and
        adjectives, which the actor term already scores) are not concepts.
        """
        actors_of = actors_of or {}
        ig = _shared(frozenset(w.lower() for w in ignore))
        po = principal_of or {}
        lv = [
            _Entry(k, concepts(v, ig), set(actors_of.get(k, ())), po.get(k))
            for k, v in levers.items()
        ]
        oc = [
            _Entry(k, concepts(v, ig), set(actors_of.get(k, ())), po.get(k))
            for k, v in outcomes.items()
        ]
        cat = cls(lv, oc, ignore=ig)
        for name, entries in (("levers", lv), ("outcomes", oc)):
            n = len(entries)
            df: dict[str, int] = {}
            for e in entries:
                for c in e.concepts:
                    df[c] = df.get(c, 0) + 1
            cat.idf[name] = {c: math.log((n + 1) / (d + 0.5)) for c, d in df.items()}
        return cat

    def score(
        self,
        which: str,
        text: str,
        actors: Iterable[str] = (),
        other: str = "",
        other_actors: Iterable[str] = (),
        top: int | None = None,
    ) -> list[LeverScore]:
        """All entries of ``which`` (``levers``/``outcomes``) scored against a claim half.

        Highest score first, ties by id, then the entries scoring 0 in id order; ``top``
        keeps only the first ``top`` entries that score above 0.
        """
        idf = self.idf[which]
        main = concepts(text, self.ignore)
        side = concepts(other, self.ignore) - main
        actors = list(actors)
        first = actors[0] if actors else None
        acts, oacts = set(actors), set(other_actors) - set(actors)
        tnorm = (
            math.sqrt(
                sum(idf.get(c, 0.0) ** 2 for c in main)
                + sum((0.1 * idf.get(c, 0.0)) ** 2 for c in side)
            )
            or 1.0
        )
        entries, enorms, inv, by_actor, by_principal, zeros = self._index(which)
        dots: dict[int, float] = {}
        for c in main:
            for i, w in inv.get(c, ()):
                dots[i] = dots.get(i, 0.0) + w
        # only entries the half itself names, by a concept or an actor, can score above zero:
        # the other half re-weighs them but does not nominate an entry on its own
        touched = set(dots)
        for c in side:
            for i, w in inv.get(c, ()):
                dots[i] = dots.get(i, 0.0) + 0.1 * w
        for a in acts:
            touched.update(by_actor.get(a, ()))
        if first is not None:
            touched.update(by_principal.get(first, ()))
        ranked: list[tuple[float, str]] = []
        n_act = len(acts) + 0.1 * len(oacts)
        for i in touched:
            e = entries[i]
            lex = dots.get(i, 0.0) / (enorms[i] * tnorm)
            act = 0.0
            if e.actors and n_act:
                act = (len(e.actors & acts) + 0.1 * len(e.actors & oacts)) / n_act
            # who pulls the lever: the entry's first actor is the half's first actor
            if e.principal and first is not None and e.principal == first:
                act += 0.4
            sc = round(min(1.0, 0.75 * lex + 0.25 * act), 4)
            if sc > 0:
                ranked.append((-sc, e.id))
        ranked.sort()
        if top is not None:
            return [LeverScore(i, -sc) for sc, i in ranked[:top]]
        out = [LeverScore(i, -sc) for sc, i in ranked]
        if len(out) < len(entries):  # the rest score 0, in id order
            scored = {x.id for x in out}
            out.extend(z for z in zeros if z.id not in scored)
        return out

    def _index(self, which: str) -> tuple[Any, ...]:
        """Per kind, built once: entries, their norms, concept -> ``[(entry, idf**2)]``,
        actor -> entries, principal -> entries, and zero scores in id order."""
        cache: dict[str, Any] = self.__dict__.setdefault("_index_cache", {})
        if which not in cache:
            idf = self.idf[which]
            entries: list[_Entry] = getattr(self, which)
            enorms = [
                math.sqrt(sum(idf.get(c, 0.0) ** 2 for c in e.concepts)) or 1.0 for e in entries
            ]
            inv: dict[str, list[tuple[int, float]]] = {}
            by_actor: dict[str, list[int]] = {}
            by_principal: dict[str, list[int]] = {}
            for i, e in enumerate(entries):
                for c in e.concepts:
                    inv.setdefault(c, []).append((i, idf.get(c, 0.0) ** 2))
                for a in e.actors:
                    by_actor.setdefault(a, []).append(i)
                if e.principal:
                    by_principal.setdefault(e.principal, []).append(i)
            zeros = [LeverScore(e.id, 0.0) for e in sorted(entries, key=lambda e: e.id)]
            cache[which] = (entries, enorms, inv, by_actor, by_principal, zeros)
        return cache[which]  # type: ignore[no-any-return]

    def best(self, which: str, text: str, actors: Iterable[str] = ()) -> list[LeverScore]:
        """Entries of ``which`` ranked for ``text`` (highest score first)."""
        return self.score(which, text, actors)


class Rescorer(Protocol):
    """Re-ranks rule scores of claim halves (e.g. the optional embedding scorer).

    ``rescore`` receives ``(which, text, rule_scores)`` items, ``which`` being ``levers`` or
    ``outcomes``, and returns one re-ranked list per item (highest score first). Only claims
    whose kind is in ``kinds`` are re-ranked.
    """

    kinds: frozenset[str]

    def rescore(
        self, items: Sequence[tuple[str, str, Sequence[LeverScore]]]
    ) -> list[list[LeverScore]]: ...


_ANTECEDENT = re.compile(
    r"\b(?:if|unless|as long as|so long as|provided that|providing that|in case|"
    r"in the event(?: that)?|on condition that)\b|"
    # "once" and "until" as conjunctions (a clause follows), not "once again", "until 2030"
    r"(?<!\bat )\bonce\b(?!\s+(?:again|more|and|or|in|upon|every|a|an)\b)"
    r"(?=\s+(?:the|both|all|they|we|it|he|she|this|these|those|[A-Z]\w*)\s+\w+)|"
    r"\buntil\b(?=\s+(?:further|more|both|they|we|it|he|she|the two|a deal|an agreement)\b)|"
    # a sentence opening "Otherwise, ..." states what follows if the last one's condition fails
    r"^\W*otherwise\b(?=\s*,)",
    re.I,
)
_FUTURE = re.compile(
    r"\b(?:will|won't|would|could|wouldn't|couldn't|shall)\b|'ll\b|"
    r"\b(?:is|are|was|were|seems?|appears?)\s+(?:(?:not|also|very|highly|more|less)\s+)?"
    r"(?:un)?likely to\b|\b(?:is|are)\s+(?:\w+\s+)?(?:expected|anticipated|scheduled|due) to\b|"
    r"\bpoised to\b|\bbound to\b|\b(?:intent|intention|pledge|vow|promise) to\b|"
    r"\bgoing to\b|\bset to\b(?= \w+)",
    re.I,
)
_HEDGE = re.compile(r"\b(?:may|might)\b", re.I)
# Words one of which every match of the pattern above them contains (lower case): a substring
# test is much cheaper than the case-folded regex, which then runs only on the sentences that
# have one.
_ANTECEDENT_WORDS = (
    "if", "unless", "long as", "provided that", "providing that", "in case", "in the event",
    "on condition that", "once", "until", "otherwise",
)  # fmt: skip
_FUTURE_WORDS = (
    "will", "won't", "would", "could", "shall", "'ll", "likely to", "expected to",
    "anticipated to", "scheduled to", "due to", "poised to", "bound to", "intent to",
    "intention to", "pledge to", "vow to", "promise to", "going to", "set to",
)  # fmt: skip
_HEDGE_WORDS = ("may", "might")
_HORIZON_WORDS = ("decade", "20", "within", "next year")
_RELATIVE = re.compile(
    r"\b(?:which|who|whom|whose|where|when|because|since|whereby)\b|"
    r"\b(?:that)\b",
    re.I,
)
_REPORTING = (
    r"mean|means|meant|assume|assumes|assumed|assuming|expect|expects|expected|predict|"
    r"predicts|believe|believes|think|thinks|argue|argues|likely|unlikely|possible|"
    r"premature|clear|certain|probable|doubt|doubtful|suggest|suggests|warn|warns|warned|"
    r"fear|fears|realis\w*|realiz\w*|say|says|said|claim|claims|"
    # other verbs that report a statement or a finding ("insisted that X would ...")
    r"insist|insists|insisted|conclude|concludes|concluded|reaffirm|reaffirms|reaffirmed|"
    r"stress|stresses|stressed|emphasi[sz]e[sd]?|reiterate[sd]?|estimate[sd]?|forecasts?|"
    r"projects?|projected|predicted|believed|argued|thought|suggested|claimed|"
    # verbs that announce a commitment ("announced it would help")
    r"announce[sd]?|pledge[sd]?|promise[sd]?|vow(?:s|ed)?|declare[sd]?|confirm(?:s|ed)?"
)
_EPISTEMIC = re.compile(rf"\b(?:{_REPORTING})\s+(?:\w+\s+)?$", re.I)
# a *would* whose subject directly follows a reporting verb, "that" left out ("the US announced
# it would help", "Seoul said the talks would resume"): the future of a report, not a condition
_REPORTED = re.compile(rf"\b(?:{_REPORTING})\s+(?:\w+\s+){{1,3}}$", re.I)
_NOT_FORECAST = re.compile(
    r"\bwill (?:have|need) to\b|"
    r"\bwill\s+(?:also\s+)?be\s+(?:\w+\s+)?(?:crucial|key|vital|essential|"
    r"important|critical|necessary|instrumental|needed|required)\b",
    re.I,
)
_ANAPHOR = re.compile(
    r"^(?:in this way|in that case|such an? \w+|this(?! is\b)|that|it|these|those|then)\b", re.I
)
_PRONOUN_SUBJ = re.compile(
    r"^(?:(?:\w+ly|however|thus|so|yet|but|and|still|then|therefore),?\s+)?"
    r"(?:it|they|he|she|we|you|i|this|that|these|those|there|one)\b",
    re.I,
)
_HORIZON = [
    (
        re.compile(r"\bby (?:the )?end of (?:the|this) decade\b|\bby the decade's end\b", re.I),
        "decade",
    ),
    (re.compile(r"\b(?:by|before|until|in) (?:the year )?(20\d\d)\b", re.I), "year"),
    (
        re.compile(r"\bwithin (?:the next )?(\d+|two|three|four|five|ten|twenty) years\b", re.I),
        "within",
    ),
    (re.compile(r"\b(?:in|over) the next decade\b", re.I), "nextdecade"),
    (re.compile(r"\bnext year\b", re.I), "nextyear"),
]
_WORDNUM = {"two": 2, "three": 3, "four": 4, "five": 5, "ten": 10, "twenty": 20}


def horizon_year(text: str, doc_year: int | None) -> int | None:
    """The year a claim looks ahead to, when it says so ("by the end of the decade" -> 2030).

    Examples
    --------
    >>> horizon_year("by the end of the decade", 2025)
    2030
    >>> horizon_year("within five years", 2024)
    2029
    """
    low = text.lower()
    if not any(w in low for w in _HORIZON_WORDS):
        return None
    for pat, kind in _HORIZON:
        m = pat.search(text)
        if not m:
            continue
        if kind == "year":
            return int(m.group(1))
        if doc_year is None:
            return None
        if kind == "decade":
            return (doc_year // 10 + 1) * 10
        if kind == "within":
            g = m.group(1)
            return doc_year + (int(g) if g.isdigit() else _WORDNUM[g.lower()])
        if kind == "nextdecade":
            return doc_year + 10
        return doc_year + 1
    return None


def _counts(sentence: str, m: re.Match[str]) -> bool:
    """Is this future marker in the main clause (or an epistemic complement)?"""
    before = sentence[: m.start()]
    clause = re.split(r"[,;:]\s+|\s+-\s+", before)[-1]
    rel = list(_RELATIVE.finditer(clause))
    if not rel:
        return True
    last = rel[-1]
    if last.group(0).lower() == "that":
        return bool(_EPISTEMIC.search(clause[: last.start()]))
    return False


def detect_claim_kind(sentence: str) -> tuple[str | None, str]:
    """``(kind, marker)`` for a sentence: conditional, forecast, hedge, or ``(None, '')``.

    Examples
    --------
    >>> detect_claim_kind("Manila will protest, which could escalate things.")
    ('forecast', 'will')
    >>> detect_claim_kind("The talks, which could resume soon, were cancelled.")
    (None, '')
    """
    low = sentence.lower()
    ante = _ANTECEDENT.search(sentence) if any(w in low for w in _ANTECEDENT_WORDS) else None
    if ante and not re.search(r"\b(?:as|even|whether)\s*$", sentence[: ante.start()], re.I):
        return "conditional", ante.group(0).lower()
    future = any(w in low for w in _FUTURE_WORDS)
    for m in _FUTURE.finditer(sentence) if future else ():
        if _NOT_FORECAST.match(sentence, m.start()):
            continue
        if not _counts(sentence, m):
            continue
        word = m.group(0).lower()
        if (
            word.startswith("would")
            and not _PRONOUN_SUBJ.match(sentence.strip())
            and re.match(r"^[^,;]*$", sentence[: m.start()])
            and not _REPORTED.search(sentence[: m.start()])
        ):
            return "conditional", "would"
        return "forecast", re.sub(r"\s+", " ", word)
    hedge = _HEDGE.search(sentence) if any(w in low for w in _HEDGE_WORDS) else None
    if hedge:
        return "hedge", hedge.group(0).lower()
    return None, ""


def split_conditional(sentence: str, marker: str) -> tuple[str, str]:
    """Split a conditional into ``(antecedent, consequent)``.

    Examples
    --------
    >>> split_conditional("If Manila protests, Beijing will respond.", "if")
    ('If Manila protests', 'Beijing will respond.')
    >>> split_conditional("Beijing will respond if Manila protests.", "if")
    ('if Manila protests.', 'Beijing will respond')
    """
    if marker == "would":
        i = re.search(r"\bwould\b", sentence, re.I)
        assert i is not None
        return sentence[: i.start()].strip(), sentence[i.start() :].strip()
    m = re.search(rf"\b{re.escape(marker)}\b", sentence, re.I)
    if m is None:
        return "", sentence
    lead = sentence[: m.start()]
    if not lead.strip() or (
        re.fullmatch(r"\s*(?:\w+,?\s+){0,4}", lead) and "," in sentence[m.end() :]
    ):
        rest = sentence[m.start() :]
        # the antecedent ends at the comma that opens the main clause
        cut = re.search(
            r",\s+(?=(?:the |a |an |this |these |those |it |they |we |[A-Z]|"
            r"(?:\w+ ){1,3}(?:will|would|could|can|may|might)\b))",
            rest,
        )
        if cut:
            ante = rest[: cut.start()]
            return (lead + ante).strip(), rest[cut.end() :].strip()
        return rest.strip(), lead.strip()
    return sentence[m.start() :].strip(), lead.strip().rstrip(",")


def find_claims(
    sentences: list[tuple[int, int, int, str]],
    actors_by_span: dict[int, list[tuple[int, int, str]]],
    catalogue: Catalogue | None,
    doc_year: int | None,
    rescorer: Rescorer | None = None,
    splitter: Callable[[str, str], tuple[str, str] | None] | None = None,
) -> list[Claim]:
    """Claims of a document.

    Parameters
    ----------
    sentences : list of (idx, start, end, text)
        The document's sentences.
    actors_by_span : dict
        Sentence index -> ``(start, end, actor)`` references (pronouns resolved).
    catalogue : Catalogue or None
        Levers and outcomes to map to (None: detection only).
    doc_year : int or None
        Year of the document, for relative horizons.
    rescorer : Rescorer, optional
        Re-ranks the rule scores of the mapped halves (one call per document); without it the
        rule scores are final.
    splitter : callable, optional
        ``splitter(sentence, marker) -> (antecedent, consequent) | None`` tried before the
        comma rules of :func:`split_conditional` (the optional parser,
        :class:`realpolitik.ingest.parse.ParserSplitter`).
    """
    out: list[Claim] = []
    recent: list[int] = []
    pending: list[tuple[int, str, list[LeverScore], str, list[LeverScore]]] = []
    for idx, start, end, text in sentences:
        kind, marker = detect_claim_kind(text)
        if kind is None:
            continue
        if (
            kind in ("forecast", "conditional")
            and marker in ("would", "could", "will")
            and _ANAPHOR.match(text.strip())
            and any(idx - r <= 2 for r in recent)
        ):
            kind = "elaboration"
        ante, cons = ("", text)
        if kind == "conditional":
            parsed = splitter(text, marker) if splitter is not None else None
            ante, cons = parsed or split_conditional(text, marker)
        refs = [
            r
            for r in actors_by_span.get(idx, [])
            if not text[max(0, r[0] - start - 5) : r[0] - start].lower().endswith("anti-")
        ]
        a_off = text.find(ante) if ante else -1

        def in_ante(
            r: tuple[int, int, str], a_off: int = a_off, ante: str = ante, s0: int = start
        ) -> bool:
            return a_off >= 0 and s0 + a_off <= r[0] < s0 + a_off + len(ante)

        ante_actors = tuple(dict.fromkeys(r[2] for r in refs if in_ante(r)))
        cons_actors = tuple(dict.fromkeys(r[2] for r in refs if not in_ante(r)))
        levers: tuple[LeverScore, ...] = ()
        outcome, oscore = None, 0.0
        mappable = kind in ("conditional", "forecast", "elaboration")
        if catalogue is not None and mappable and not catalogue.outside(ante_actors + cons_actors):
            full = rescorer is not None and kind in rescorer.kinds  # it re-ranks every entry
            lv, oc = _map_halves(catalogue, (ante, cons, text), ante_actors, cons_actors, full)
            levers = tuple(x for x in lv[:3] if x.score > 0)
            if oc and oc[0].score > 0:
                outcome, oscore = oc[0].id, oc[0].score
            if full:
                pending.append((len(out), ante or text, lv, cons, oc))
        conf = {"conditional": 0.8, "forecast": 0.7, "elaboration": 0.5, "hedge": 0.3}[kind]
        out.append(
            Claim(
                idx,
                start,
                end,
                kind,
                text,
                marker,
                ante,
                cons,
                levers,
                outcome,
                oscore,
                horizon_year(text, doc_year),
                tuple(dict.fromkeys(ante_actors + cons_actors)),
                conf,
            )
        )
        if kind != "hedge":
            recent.append(idx)
    if rescorer is not None and pending:
        _rescore(out, pending, rescorer)
    return out


def _map_halves(
    catalogue: Catalogue,
    halves: tuple[str, str, str],
    ante_actors: tuple[str, ...],
    cons_actors: tuple[str, ...],
    full: bool,
) -> tuple[list[LeverScore], list[LeverScore]]:
    """Levers scored on the antecedent (or the sentence), outcomes on the consequent.

    ``halves`` is ``(antecedent, consequent, sentence)``; ``full``: every entry, for a
    rescorer; else the top 3 levers and the top outcome.
    """
    ante, cons, text = halves
    lever_text = ante or text
    lv = catalogue.score(
        "levers", lever_text, ante_actors or cons_actors, cons, cons_actors, top=None if full else 3
    )
    oc = catalogue.score("outcomes", cons, cons_actors, ante, ante_actors, top=None if full else 1)
    return lv, oc


def _rescore(
    out: list[Claim],
    pending: list[tuple[int, str, list[LeverScore], str, list[LeverScore]]],
    rescorer: Rescorer,
) -> None:
    """Replace the rule scores of the pending claims by the rescorer's (one batch call)."""
    items: list[tuple[str, str, Sequence[LeverScore]]] = []
    for _, lt, lv, ct, oc in pending:
        items += [("levers", lt, lv), ("outcomes", ct, oc)]
    res = rescorer.rescore(items)
    for n, (k, *_rest) in enumerate(pending):
        lv, oc = res[2 * n], res[2 * n + 1]
        best = oc[0] if oc and oc[0].score > 0 else None
        out[k] = replace(
            out[k],
            levers=tuple(x for x in lv[:3] if x.score > 0),
            outcome=best.id if best else None,
            outcome_score=best.score if best else 0.0,
        )

"""Who did what to whom, from a trained dependency parse and the PLOVER verb dictionary.

For every verb of a parsed sentence that the dictionary (:mod:`realpolitik.ingest.lexicon`)
knows, directly, through a particle or preposition ("call for", "pull out"), through its object
("sign a treaty") or, for light verbs, through its object noun ("hold talks"):

* **source** = the actors heading the verb's subject: coordinated subjects all count ("Jordan and
  Britain"), an apposition or possessor stands for its actor ("Japan's foreign minister", "the
  foreign minister of Japan", "Israeli troops"); a passive verb's source is its ``by`` agent;
  a complement verb ("agreed to open", "said they would") inherits the subject of its head;
* **target** = the actors of the object (or a passive verb's subject), then of a dative or
  prepositional object, then of a complement clause's subject ("demanded that the US ...");
* **reported speech**: an event inside the complement of a verb of saying is the embedded
  subject's ("X said Y attacked Z" is Y's); with no actor there it is the speaker's; "X said Y
  must ..." is a DEMAND of X on Y;
* **mode**: ``negated`` (a ``neg`` child), ``future`` (will, shall, going to, or an intent verb
  such as *plan to*, *ready to*), ``hypothetical`` (could, might, may, an ``if``/``unless``
  clause) or ``actual``. Following CAMEO's treatment of intentions (codes 03 and 13), a stated
  future cooperative action is coded AGREE, a future or conditional coercive one THREATEN, and a
  negated cooperative one ("did not agree", "will not visit") REJECT.

A complement verb under a coded verb is not coded again ("warned it would shut" is one
THREATEN). Everything here is pure: the parse comes in as a spaCy ``Doc``.

Examples
--------
>>> from realpolitik.ingest.parse import load_parser
>>> nlp = load_parser(lemmas=True)  # doctest: +SKIP
>>> doc = nlp("Japan and Australia signed a defence treaty.")  # doctest: +SKIP
>>> [(e.sources, e.targets, e.type) for e in code_parsed(doc, [(0, 5, "JPN"), (10, 19, "AUS")])]
... # doctest: +SKIP
[(('JPN',), ('AUS',), 'AGREE')]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from realpolitik.ingest.blas import one_blas_thread
from realpolitik.ingest.cameo import PARTICLES
from realpolitik.ingest.cameo_plover import default_lexicon
from realpolitik.ingest.dates import TIME_WORDS
from realpolitik.ingest.goldstein import goldstein as code_goldstein
from realpolitik.ingest.lexicon import LexEntry, Lexicon
from realpolitik.ingest.types import Event

__all__ = [
    "ParsedEvent",
    "code_docs",
    "code_parsed",
    "code_sentences",
    "parse_texts",
    "to_events",
]

_SUBJ = ("nsubj", "csubj", "expl")
_NO_DESCEND = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "mark"})
_PRONOUNS = frozenset({"it", "they", "he", "she", "we"})
_DOMESTIC_GROUPS = frozenset(
    {
        # unnamed domestic groups, coded with the country of the story (CAMEO's country-prefixed
        # sector codes: REB, OPP, CVL, COP, EDU ...)
        "rebel",
        "insurgent",
        "guerrilla",
        "guerilla",
        "militant",
        "militia",
        "separatist",
        "protester",
        "protestor",
        "demonstrator",
        "rioter",
        "mob",
        "marcher",
        "student",
        "worker",
        "resident",
        "villager",
        "refugee",
        "supporter",
        "opposition",
        "party",
        "fundamentalist",
        "activist",
        "youth",
        "landowner",
        "police",
        "policeman",
        "soldier",
        "troop",
        "army",
        "authority",
        "court",
        "government",
        "cabinet",
        "parliament",
        "administration",
        "union",
        "group",
        "crowd",
        "farmer",
        "teacher",
        "doctor",
        "prisoner",
        "inmate",
        "people",
        "gunman",
        "attacker",
        "assailant",
        "bomber",
        "sniper",
        "kidnapper",
        "hijacker",
        "assassin",
    }
)
_PLACE_PREPS = frozenset(
    {"in", "through", "across", "throughout", "outside", "inside", "around", "near", "at"}
)
_PLACE_NOUNS = frozenset(
    {
        # nouns of places, whose named modifier or "of" phrase says where ("the Iraqi city of
        # Basra"): a closed class of geographic words
        "city", "town", "village", "capital", "province", "region", "district", "area",
        "state", "border", "frontier", "sector", "enclave", "camp", "port", "island",
        "suburb", "quarter", "neighbourhood", "neighborhood", "street", "road", "highway",
        "zone", "valley", "county", "territory", "outskirts", "centre", "center", "coast",
    }
)  # fmt: skip
_CROWDS = frozenset({"protester", "protestor", "demonstrator", "rioter", "mob", "marcher"})
"""A protest crowd's material conflict is protest (CAMEO 14; its violence a riot, 145)."""
_FORCE = frozenset({"ASSAULT", "FIGHT"})
_VENUE = frozenset({"in", "at"})
"""Prepositions of a meeting's place ("met in Tokyo", "signed a treaty at the summit")."""
_NAMING = frozenset({"call", "term", "dub"})
"""Verbs that name their object with an object predicate ("called X a Y"), a sense their
dictionary blocks (telephoning, appeals, calls for) do not code."""
_REMOVAL = frozenset({"expel", "deport", "evict", "banish"})
"""Verbs of removal from a territory: "was expelled from X" with no agent was X's act."""
_STANCE = frozenset({"oppose"})
"""Participles of attitude: "is opposed to" is the subject's stance, not done to it."""
_FREE = frozenset({"conj", "cc", "appos", "flat", "det", "case", "punct"})
_MODIFIER = frozenset({"compound", "amod", "poss", "nmod", "npadvmod"})
_PREP_RANK = {
    "against": 0, "on": 0, "upon": 0, "at": 0, "with": 1, "to": 1, "toward": 1, "towards": 1,
    "from": 1, "into": 1, "over": 2, "for": 2, "in": 3, "of": 0, "about": 2, "between": 1,
}  # fmt: skip
_FUTURE = frozenset({"will", "shall", "'ll", "wo"})
_MAYBE = frozenset({"could", "might", "may"})
_MUST = frozenset({"must", "should", "ought"})
_VERBAL = frozenset({"AGREE", "REQUEST", "DEMAND", "DISAPPROVE", "ACCUSE", "REJECT", "THREATEN"})
_INVESTIGATE = "INVESTIGATE"
_SYMMETRIC = frozenset({"FIGHT"})
"""Conflict types whose verbs are symmetric ("clash", "fight"; not "attack"): see to_events."""


@dataclass(frozen=True)
class ParsedEvent:
    """One coded event of a parsed sentence.

    ``sources`` and ``targets`` are actor codes (``targets`` may be empty: "X demobilised");
    ``start``/``end`` are the verb's character offsets in the ``Doc``; ``depth`` its distance
    from the sentence root (0 for the main verb, also for the complement of a main verb of
    saying), used to pick a sentence's main event. ``reciprocal``: the sources act on each
    other ("accused each other", "talks between X and Y"), see :func:`to_events`.
    """

    type: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    mode: str
    start: int
    end: int
    cue: str
    depth: int
    confidence: float
    domestic: bool = False
    code: str = ""
    reciprocal: bool = False


def _actor_index(doc: Any, spans: Iterable[tuple[int, int, str]]) -> dict[int, str]:
    """Token index -> actor code for the tokens inside the given character spans."""
    out: dict[int, str] = {}
    starts: list[int] | None = None
    for start, end, code in spans:
        if starts is None:
            from spacy.attrs import IDX

            starts = doc.to_array([IDX]).tolist()
        # tokens overlapping [start, end): char_span(..., alignment_mode="expand") without
        # building the Span
        first = max(0, bisect_right(starts, start) - 1)
        if first < len(starts) and starts[first] + len(doc[first]) <= start:
            first += 1
        last = bisect_left(starts, end)
        for i in range(first, last):
            out.setdefault(i, code)
    return out


def _actors_under(
    head: Any, actors: dict[int, str], cut: frozenset[str] = frozenset()
) -> list[str]:
    """Actor codes nearest to ``head`` in its subtree (cheapest path; relative clauses cut, and
    the phrases of the prepositions in ``cut``)."""
    best: dict[str, float] = {}
    stack: list[tuple[Any, float]] = [(head, 0.0)]
    while stack:
        tok, cost = stack.pop()
        code = actors.get(tok.i)
        if code is not None and cost < best.get(code, 99):
            best[code] = cost
        for ch in tok.children:
            dep = ch.dep_
            if dep in _NO_DESCEND or (dep == "prep" and ch.lower_ in cut):
                continue
            if dep in _FREE or dep == "pobj":
                step = 0.0
            elif dep in _MODIFIER:
                step = 0.5
            elif dep == "prep":
                step = 1.0 + 0.25 * _PREP_RANK.get(ch.lower_, 4)
            else:
                step = 2.0
            stack.append((ch, cost + step))
    if not best:
        return []
    low = min(best.values())
    order = {c: i for i, c in reversed([(actors[t.i], t.i) for t in head.subtree if t.i in actors])}
    return sorted((c for c, v in best.items() if v == low), key=lambda c: order.get(c, 0))


def _subject(verb: Any) -> tuple[Any | None, bool]:
    """(subject token, passive) of a verb, inherited from the head for complements/conjuncts."""
    t = verb
    for _ in range(5):
        kids = list(t.children)
        for c in kids:
            if c.dep_ in _SUBJ:
                return c, False
        # the small model sometimes hangs a passive's subject on its auxiliary ("Peru is
        # opposed to ...": "Peru" under "is"): it is the participle's subject all the same
        hung = [g for a in kids if a.dep_ == "auxpass" for g in a.children if g.dep_ in _SUBJ]
        for c in kids + hung:
            if c.dep_ in ("nsubjpass", "csubjpass") or c in hung:
                if _stance(t, kids):
                    return c, False
                return _agent(kids, hung=True), True
        if t.dep_ == "acl" and t.tag_ == "VBN" and t.head.i != t.i:
            # "fishermen detained by X": a past participle on a noun is a passive; the noun
            # undergoes it, and only a by phrase says who did it
            return _agent(kids), True
        if t.dep_ in ("relcl", "acl") and t.head.i != t.i:
            return t.head, False
        if t.dep_ in ("xcomp", "conj", "advcl", "acomp") and t.head.i != t.i:
            t = t.head
            continue
        break
    return None, False


def _stance(verb: Any, kids: list[Any]) -> bool:
    """A participle of attitude (:data:`_STANCE`) with its *to* complement and no agent ("Peru
    is opposed to the plan"): an adjectival passive, saying what the subject holds, so the
    subject is the one who opposes."""
    if verb.lemma_.lower() not in _STANCE or any(c.dep_ == "agent" for c in kids):
        return False
    return any(c.lower_ == "to" or (c.dep_ == "xcomp" and c.tag_ in ("VB", "VBG")) for c in kids)


def _stranded_subject(verb: Any, actors: dict[int, str]) -> list[str]:
    """Actors of the noun phrase right before a finite main or reported verb that the parser
    left without a subject ("Following talks in Geneva, X and Y signed ...", where the small
    model reads "Geneva, X and Y" as one list): an English finite clause has a subject, and it
    is the phrase between the last comma and the verb."""
    finite = verb.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ == "aux" for c in verb.children)
    if verb.dep_ not in ("ROOT", "ccomp") or not finite:
        return []
    doc, k = verb.doc, verb.i - 1
    while k >= verb.sent.start and doc[k].dep_ in ("aux", "auxpass", "neg", "advmod"):
        k -= 1
    if k < verb.sent.start or doc[k].pos_ not in ("NOUN", "PROPN"):
        return []
    commas = [t.i for t in doc[verb.sent.start : k] if t.text in (",", ";", ":")]
    start = max(commas, default=verb.sent.start - 1) + 1
    head = doc[k]
    while head.dep_ == "conj" and start <= head.head.i < verb.i:
        head = head.head  # "X and Y": the first conjunct heads the coordination
    return _actors_under(head, {i: c for i, c in actors.items() if start <= i < verb.i})


def _agent(kids: list[Any], hung: bool = False) -> Any | None:
    """The noun of a verb's *by* agent phrase, if it has one (``hung``: or of a *by* phrase
    the parser hung on the verb's object, see :func:`_object_by`)."""
    agent = next((a for a in kids if a.dep_ == "agent"), None) or (
        _object_by(kids) if hung else None
    )
    return next((p for p in agent.children if p.dep_ == "pobj"), None) if agent else None


def _object_by(kids: list[Any]) -> Any | None:
    """The *by* phrase of a passive verb that the parser hung on the verb's second object
    ("was granted a loan by the bank": the bank granted it)."""
    objs = [c for c in kids if c.dep_ == "dobj"]
    return next((p for o in objs for p in o.children if p.lower_ == "by"), None)


def _targets(
    verb: Any, actors: dict[int, str], passive: bool, skip: set[str], venue: bool = False
) -> list[str]:
    """Actors of the object slots, in order of preference (see module notes); ``venue``: the
    verb is a meeting's or agreement's, whose *in* or *at* phrase is where, not with whom."""
    kids = list(verb.children)
    slots: list[Any] = []
    if passive:
        slots += [c for c in kids if c.dep_ in ("nsubjpass", "csubjpass")]
        if verb.dep_ == "acl" and verb.head.i != verb.i:
            slots.append(verb.head)  # the noun a past participle modifies undergoes it
    slots += [c for c in kids if c.dep_ in ("dobj", "dative", "attr", "oprd")]
    preps = sorted(
        (
            c
            for c in kids
            if c.dep_ in ("prep", "agent")
            and c.lower_ in _PREP_RANK
            and not (venue and c.lower_ in _VENUE)
        ),
        key=lambda c: _PREP_RANK[c.lower_],
    )
    slots += [p for c in preps for p in c.children if c.dep_ != "agent" and p.dep_ == "pobj"]
    for comp in (c for c in kids if c.dep_ in ("ccomp", "xcomp")):
        slots += [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "dative")]
        slots += [
            p
            for pr in comp.children
            if pr.dep_ == "prep" and pr.lower_ in _PREP_RANK
            for p in pr.children
            if p.dep_ == "pobj"
        ]
    for slot in slots:
        found = [
            c
            for c in _actors_under(slot, actors, _VENUE if venue else frozenset())
            if c not in skip
        ]
        if found:
            return found
    return []


def _subtree_targets(
    verb: Any, subj: Any, actors: dict[int, str], skip: set[str], verbal: bool = False
) -> list[str]:
    """Actors anywhere in the verb's own subtree (not its subject's), nearest first.

    ``verbal``: the event is a statement (accuse, threaten, demand ...); actors inside its
    complement clause are what was said, not whom it was said to. Actors inside a relative
    clause are never taken: they are that clause's verb's participants ("closed its ports after
    the storm that Norway had predicted" is not done to Norway).
    """
    banned = {t.i for t in subj.subtree} if subj is not None else set()
    best: dict[str, int] = {}
    for t in verb.subtree:
        code = actors.get(t.i)
        if code is None or t.i in banned or code in skip:
            continue
        d, u, k, said, relative = 0, t, 0, False, False
        while u.i != verb.i and k < 12:  # coordination and apposition cost nothing
            d += 0 if u.dep_ in _FREE else 1
            said = said or (u.dep_ == "ccomp" and u.head.i == verb.i)
            relative = relative or u.dep_ == "relcl"
            u, k = u.head, k + 1
        if (said and verbal) or relative:
            # inside what was said or warned: its actors are content, not the target; inside a
            # relative clause: they are that clause's own verb's participants
            continue
        best[code] = min(best.get(code, 99), d)
    if not best:
        return []
    low = min(best.values())
    return [c for c, v in best.items() if v == low]


def _participant(verb: Any) -> bool:
    """Whether the verb has an object or a prepositional object (someone or something acted on)."""
    return any(
        c.dep_ in ("dobj", "dative", "nsubjpass", "attr")
        or (c.dep_ == "prep" and any(g.dep_ == "pobj" for g in c.children))
        for c in verb.children
    )


def _temporal(prep: Any) -> bool:
    """Whether a prepositional phrase only says when: every object a time noun or a year.

    A dictionary pattern keyed on a preposition ("call on", "press for") reads the phrase as
    the verb's complement; a time adjunct ("telephoned the minister on Tuesday", "agreed in
    1995") is none, so it must not select such a pattern.
    """
    objs = [g for g in prep.children if g.dep_ == "pobj"]
    return bool(objs) and all(
        g.lemma_.lower() in TIME_WORDS or (g.text.isdigit() and len(g.text) == 4) for g in objs
    )


def _named(noun: Any, partitive: frozenset[str]) -> Any:
    """The noun a phrase names: past nouns of quantity, measure, span or sequence to their
    "of" phrase ("a second round of negotiations" names negotiations, "two tonnes of food"
    food)."""
    for _ in range(3):
        if noun.lemma_.lower() not in partitive:
            break
        of = [g for p in noun.children if p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
        if not of:
            break
        noun = of[0]
    return noun


def _objects(
    verb: Any, partitive: frozenset[str] = frozenset(), fulfil: frozenset[str] = frozenset()
) -> tuple[set[str], set[str], set[str], set[str]]:
    """(particles and prepositions, object lemmas with their modifiers, the objects' head
    lemmas, the verb's own objects with their modifiers, not those of its prepositions) of a
    verb, for dictionary lookup; a partitive object stands for its "of" noun. A verb of
    fulfilling (``fulfil``: "provided Chad with aid", the same as "provided aid to Chad")
    takes the noun of its *with* phrase as its own object."""
    parts: set[str] = set()
    objs: set[str] = set()
    heads: set[str] = set()
    direct: set[str] = set()
    theme = verb.lemma_.lower() in fulfil
    for c in verb.children:
        if c.dep_ == "prep" and _temporal(c):
            continue  # "demanded on Thursday": when, not what (no "demand on" pattern)
        if theme and c.dep_ == "prep" and c.lower_ == "with":
            given = [_named(g, partitive) for g in c.children if g.dep_ == "pobj"]
            direct.update(n.lemma_.lower() for n in given)
        if c.dep_ in ("prt", "prep", "agent"):
            parts.add(c.lower_)
            pobjs = [_named(g, partitive).lemma_.lower() for g in c.children if g.dep_ == "pobj"]
            heads.update(pobjs)
            if c.dep_ == "prep" and not pobjs:  # a complex preposition: "out of the talks"
                for g in c.children:
                    if g.dep_ == "prep":
                        parts.add(g.lower_)
                        heads.update(
                            _named(x, partitive).lemma_.lower()
                            for x in g.children
                            if x.dep_ == "pobj"
                        )
        elif c.dep_ in ("dobj", "attr", "oprd", "xcomp", "dative", "nsubjpass"):
            # not ccomp: a finite complement clause is what was said, not the verb's object
            n = _named(c, partitive)
            heads.add(n.lemma_.lower())
            direct.add(n.lemma_.lower())
            mods = {g.lemma_.lower() for g in n.children if g.dep_ in ("compound", "amod")}
            objs |= mods
            direct |= mods
        elif c.dep_ == "acomp":
            heads.add(c.lemma_.lower())
            direct.add(c.lemma_.lower())
        elif c.dep_ == "advmod" and c.i > verb.i and c.lower_ in PARTICLES and not c.n_lefts:
            parts.add(c.lower_)  # a particle the parser calls an adverb: "pulled back from"
    return parts, objs | heads, heads, direct


def _clause(verb: Any) -> tuple[set[str], set[str]]:
    """Lemmas and lower-cased words of the verb's clause (its subtree, without the clauses
    embedded in it), where a dictionary pattern's other words must be found, and of the part
    of it before the verb, where the words a pattern puts before the verb must be."""
    out: set[str] = set()
    before: set[str] = set()
    stack = [verb]
    while stack:
        t = stack.pop()
        out.update((t.lemma_.lower(), t.lower_))
        if t.i < verb.i:
            before.update((t.lemma_.lower(), t.lower_))
        stack.extend(c for c in t.children if c.dep_ not in _NO_DESCEND)
    return out, before


def _entry(verb: Any, lex: Lexicon) -> LexEntry | None:
    """The dictionary entry of a verb (or of its object noun when it is a light verb)."""
    lemma = verb.lemma_.lower()
    if lemma not in lex.verbs and lemma not in lex.light and lemma not in lex.intent:
        return None  # neither an event verb nor a light verb: nothing to look up
    if lemma in _NAMING and {"dobj", "oprd"} <= {c.dep_ for c in verb.children}:
        return None  # "called the move a provocation": naming, which CAMEO's CALL never codes
    parts, objs, heads, direct = _objects(verb, lex.partitive, lex.fulfil)
    clause, before = _clause(verb)
    e = lex.verb(lemma, parts, objs, clause, heads, direct, before)
    if e is not None and not e.type:
        return None  # a null pattern ("seize the opportunity"): this use is no event
    if lemma in lex.intent and not (e is not None and e.objects):
        intended = _phrase_event(verb, lex, ("for",))
        if intended is not None:
            return intended
    if lemma in lex.enter and not (e is not None and e.objects):
        entered = _phrase_event(verb, lex, ("on", "into", "to"))  # "went on strike"
        if entered is not None:
            return entered
    if e is not None and not (lemma in lex.light and e.pos == "v" and not e.objects):
        return e
    if lemma in lex.light:
        for c in verb.children:
            if c.dep_ in ("dobj", "attr", "nsubjpass"):
                ne = lex.noun(_named(c, lex.partitive).lemma_.lower())
                if ne is not None:
                    return ne
    return e


def _phrase_event(verb: Any, lex: Lexicon, preps: tuple[str, ...]) -> LexEntry | None:
    """The event noun of the verb's phrase with one of ``preps``: what an intent verb is
    readied *for* ("preparing for war", "set for talks": intended as "plans to attack"
    intends the attack, rule 40), or what a verb of entering goes *on*, *into* or *to*
    ("went on strike", "went to war", rule 53)."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            for g in prep.children:
                ne = lex.noun(_named(g, lex.partitive).lemma_.lower()) if g.dep_ == "pobj" else None
                if ne is not None:
                    return ne
    return None


def _aux(verb: Any) -> set[str]:
    """Lower-cased auxiliaries, negations and markers of a verb (and of its head for xcomp)."""
    out = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "mark")}
    if any(c.dep_ == "neg" for c in verb.children):
        out.add("not")
    return out


def _condition_clause(t: Any) -> bool:
    """An ``if``/``unless`` clause: the condition of its head's event."""
    return bool(t.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in t.children))


def _conditional(verb: Any) -> bool:
    t = verb
    for _ in range(4):
        if _condition_clause(t) or any(_condition_clause(c) for c in t.children):
            return True
        if t.head.i == t.i:
            break
        t = t.head
    return False


def _mode(verb: Any, intent: bool, reported: bool) -> str:
    aux = _aux(verb)
    if "not" in aux or "never" in aux or "n't" in aux:
        return "negated"
    if aux & _MAYBE or _conditional(verb) or _question(verb):
        return "hypothetical"
    if intent or aux & _FUTURE or ("would" in aux and reported) or "going" in aux:
        return "future"
    if "would" in aux:
        return "hypothetical"
    return "actual"


def _question(verb: Any) -> bool:
    """Whether the verb's sentence is a question ("Will Oslo and Ottawa sign?"): it asks
    whether the event happens, it does not say that it did."""
    last: str = verb.sent[-1].text
    return last.endswith("?")


def _recode(type_: str, mode: str, lex: Lexicon) -> tuple[str, str]:
    """CAMEO's treatment of intentions and refusals (see module notes)."""
    info = lex.types.get(type_)
    if info is None:
        return type_, mode
    if mode == "negated" and info.cooperative and type_ != "REQUEST":
        return "REJECT", "actual"
    if mode in ("future", "hypothetical") and type_ not in _VERBAL and type_ != _INVESTIGATE:
        if info.cooperative:
            return "AGREE", mode
        if not info.cooperative:
            return "THREATEN", mode
    return type_, mode


def _depth(tok: Any, lex: Lexicon) -> int:
    d, t = 0, tok
    while t.head.i != t.i and d < 20:
        if not (t.dep_ == "ccomp" and t.head.lemma_.lower() in lex.say):
            d += 1
        t = t.head
    return d


def _governed(verb: Any, coded: set[int]) -> bool:
    """A complement of an already coded verb (its head's event covers it)."""
    t = verb
    for _ in range(8):
        if t.dep_ in ("relcl", "conj", "parataxis", "ROOT") or t.head.i == t.i:
            return False
        t = t.head  # through complements, purpose clauses and the nouns they hang on
        if t.i in coded:
            return True
    return False


def code_parsed(
    doc: Any,
    spans: Sequence[tuple[int, int, str]],
    *,
    lexicon: Lexicon | None = None,
    fallback: str | None = None,
) -> list[ParsedEvent]:
    """Code the events of one parsed sentence (or short text).

    Parameters
    ----------
    doc : spacy.tokens.Doc
        Parsed by a trained pipeline with a lemmatizer.
    spans : sequence of (start, end, code)
        Actor mentions as character offsets into ``doc.text``.
    lexicon : Lexicon, optional
        Default: the built-in dictionary.
    fallback : str, optional
        Actor that a pronoun subject ("it", "they") stands for (the previous sentence's).
    """
    lex = lexicon or default_lexicon()
    actors = _actor_index(doc, spans)
    if not actors:
        return []
    out: list[ParsedEvent] = []
    coded: set[int] = set()
    from spacy.attrs import POS
    from spacy.symbols import ADJ, AUX, NOUN, VERB

    pos = doc.to_array([POS]).tolist()  # one array instead of a Token per word
    verbs = [doc[i] for i, p in enumerate(pos) if p in (VERB, AUX, ADJ)]
    for verb in sorted(verbs, key=lambda t: (_depth(t, lex), t.i)):
        if verb.i in coded:
            continue
        ev = _code_verb(verb, lex, actors, coded, fallback)
        if ev is not None:
            out.append(ev)
    out.extend(_nominal_events([doc[i] for i, p in enumerate(pos) if p == NOUN], lex, actors))
    return out


def _nominal_events(
    nouns: Sequence[Any], lex: Lexicon, actors: dict[int, str]
) -> list[ParsedEvent]:
    """Events named by a noun: mutual ones ("talks between X and Y", "a pact announced
    between ...", "fighting broke out between ...": the verb of an event noun's subject says
    it happened, and its parties may hang on that verb) and suffered ones (see
    :func:`_suffered`)."""
    out = []
    for noun in nouns:
        entry = lex.noun(noun.lemma_.lower())
        if entry is None:
            continue
        suffered = _suffered(noun, entry, lex, actors)
        if suffered is not None:
            out.append(suffered)
            continue
        heads = [noun, *(c for c in noun.children if c.dep_ == "acl")]
        if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i != noun.i:
            heads.append(noun.head)
        preps = [
            p
            for h in heads
            for p in h.children
            if p.dep_ == "prep" and p.lower_ in ("between", "among")
        ]
        for p in preps:
            codes = [c for t in p.subtree if (c := actors.get(t.i))]
            group = tuple(dict.fromkeys(codes))
            if len(group) >= 2:
                out.append(_noun_event(entry, noun, group, (), _depth(noun, lex), 0.8, True))
                break
    return out


def _suffered(
    noun: Any, entry: LexEntry, lex: Lexicon, actors: dict[int, str]
) -> ParsedEvent | None:
    """An event its target is said to undergo: "X came under criticism from Y", "X is under
    attack by Y" (the subject of the verb that "under" hangs on is the target, the actors of
    the noun's own "from" or "by" phrase the source)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "under" or prep.head.pos_ not in ("VERB", "AUX"):
        return None
    verb = prep.head
    subj, _ = _subject(verb)
    by = [g for p in noun.children if p.lower_ in ("from", "by") for g in p.children]
    src = [a for g in by for a in _actors_under(g, actors)]
    tgt = [a for a in (_actors_under(subj, actors) if subj is not None else []) if a not in src]
    if not src or not tgt:
        return None
    src_t, tgt_t = tuple(dict.fromkeys(src)), tuple(dict.fromkeys(tgt))
    return _noun_event(entry, noun, src_t, tgt_t, _depth(verb, lex), 0.9, False)


def _noun_event(
    entry: LexEntry,
    noun: Any,
    src: tuple[str, ...],
    tgt: tuple[str, ...],
    depth: int,
    top: float,
    mutual: bool,
) -> ParsedEvent:
    """An actual event named by ``noun``; its confidence falls by 0.1 a level from ``top``."""
    end = noun.idx + len(noun.text)
    conf = round(max(0.3, top - 0.1 * depth), 3)
    return ParsedEvent(
        entry.type, src, tgt, "actual", noun.idx, end, noun.text, depth, conf, False,
        entry.code, mutual,
    )  # fmt: skip


def _complement(c: Any) -> bool:
    """Whether ``c`` is its head's complement verb: an ``xcomp``, or a bare *to* infinitive the
    small model calls a purpose clause because a time phrase stands between ("offered on
    Wednesday to mediate") when the head has no object of its own ("offered aid to help"
    keeps its purpose clause)."""
    if c.dep_ == "xcomp":
        return True
    if c.dep_ != "advcl" or c.tag_ != "VB" or any(k.dep_ == "dobj" for k in c.head.children):
        return False
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)


def _intent_head(verb: Any, lex: Lexicon) -> bool:
    """The verb is the complement of an intent verb ("plans to", "is ready to send ..."); a
    condition ("vowed to retaliate if Norway ...") is not what is intended."""
    t = verb
    for _ in range(3):
        h = t.head
        if t.dep_ not in ("xcomp", "advcl") or h.i == t.i or _condition_clause(t):
            return False
        if h.lemma_.lower() in lex.intent:
            return True
        t = h
    return False


def _clause_head(verb: Any) -> Any:
    """The verb whose clause ``verb`` completes ("said he was willing to meet": *meet* is the
    complement of *willing*, of *was*): a reported clause reports its complements too."""
    t = verb
    for _ in range(6):
        if t.dep_ not in ("xcomp", "acomp") or t.head.i == t.i:
            break
        t = t.head
    return t


def _speaker(verb: Any, actors: dict[int, str]) -> list[str]:
    """Actors of the subject of the clause that reports or demands ``verb`` (its head's)."""
    if verb.dep_ not in ("ccomp", "acl", "relcl") or verb.head.i == verb.i:
        return []
    h = verb.head
    while h.pos_ not in ("VERB", "AUX") and h.head.i != h.i:
        h = h.head  # "issued a reminder to Iraq that it must ...": up to the verb
    subj, _ = _subject(h)
    return _actors_under(subj, actors) if subj is not None else []


def _sources(
    verb: Any, subj: Any, actors: dict[int, str], speaker: list[str], fallback: str | None
) -> list[str]:
    if subj is None:
        return speaker
    if subj.lower_ in _PRONOUNS and speaker:
        return speaker  # "X said they would ...": the pronoun is the speaker
    src = _actors_under(subj, actors)
    if not src and subj.lower_ in _PRONOUNS and fallback:
        src = [fallback]
    return src or speaker


def _denied(verb: Any, lex: Lexicon) -> bool:
    """The verb's clause is what a verb of denial denies: its finite complement ("denied that
    it had ...") or a clause on its object noun ("dismissed reports that ..."), or a conjunct
    of either. A denied event is not reported as having happened."""
    t = verb
    for _ in range(8):
        if t.dep_ != "conj" or t.head.i == t.i:
            break
        t = t.head
    h = t.head
    if h.i == t.i:
        return False
    if t.dep_ == "ccomp":
        return h.lemma_.lower() in lex.deny
    if t.dep_ == "acl" and h.head.i != h.i:
        return h.dep_ in ("dobj", "pobj") and h.head.lemma_.lower() in lex.deny
    return False


def _unrealised(verb: Any) -> bool:
    """The verb is an infinitive on a noun ("a request to reopen talks", "a plan to build a
    base", "the right to inspect"): what the noun asks, plans or allows, not an event that
    happened."""
    return (
        verb.dep_ == "acl"
        and verb.head.pos_ in ("NOUN", "PROPN")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def _event_type(verb: Any, lex: Lexicon, coded: set[int]) -> tuple[str, str, bool] | None:
    """The verb's PLOVER type and CAMEO code, and whether its event is only promised, or None
    when it codes nothing (or its head's event covers it, or a verb of denial denies it)."""
    if _denied(verb, lex) or _unrealised(verb):
        return None
    entry = _entry(verb, lex) if verb.pos_ != "ADJ" else None
    if _aux(verb) & _MUST and verb.dep_ in ("ccomp", "acl"):
        return "DEMAND", "10", False  # "X said (that) Y must ...": X demands of Y
    if entry is None:
        return None
    reported = verb.dep_ == "ccomp" and verb.head.lemma_.lower() in lex.say
    if _governed(verb, coded) and not _intent_head(verb, lex) and not reported:
        return None
    intent = verb.lemma_.lower() in lex.intent
    carried = intent or verb.lemma_.lower() in lex.aspect
    named = entry.pos == "n" or bool(entry.objects)  # "began a hunger strike to press ..."
    if carried and not named and any(_complement(c) and _entry(c, lex) for c in verb.children):
        return None  # "intends to ban", "began withdrawing": the complement carries the event
    # "pledged aid": a light verb of intent names an event it promises, not one it did
    return entry.type, entry.code, intent and entry.pos == "n"


def _code_verb(
    verb: Any, lex: Lexicon, actors: dict[int, str], coded: set[int], fallback: str | None
) -> ParsedEvent | None:
    typed = _event_type(verb, lex, coded)
    if typed is None:
        return None
    type_, code, promised = typed
    head = _clause_head(verb)
    reported = head.dep_ == "ccomp" and head.head.lemma_.lower() in lex.say
    subj, passive = _subject(verb)
    speaker = _speaker(head, actors)
    demand = type_ == "DEMAND" and bool(_aux(verb) & _MUST)
    info = lex.types.get(type_)
    if info is not None and info.violent and type_ != "PROTEST" and _crowd(subj, passive, lex):
        type_, code = "PROTEST", "145" if type_ in _FORCE else "140"
        info = lex.types.get(type_)
    if demand:
        own = _actors_under(subj, actors) if subj is not None else []
        src, tgt = speaker, [c for c in own if c not in speaker]
    else:
        src = _sources(verb, subj, actors, speaker if reported else [], fallback)
        if not src and subj is None and not passive:
            src = _stranded_subject(verb, actors)
        mutual = len(src) >= 2 and _cooperative(info)  # "X and Y met": with each other
        tgt = _targets(verb, actors, passive, set(src), venue=mutual)
        saying = verb.lemma_.lower() in lex.say  # its second party is its addressee or object
        if not tgt and not saying and not mutual:
            # actors elsewhere in the clause; but coordinated sources of a cooperative verb
            # with no object ("X and Y held talks, during which ... Gaza") act with each other,
            # and a verb of saying has no target but its addressee or object ("X insisted ...,
            # noting that Y ...": Y is what X talked about)
            tgt = _subtree_targets(verb, subj, actors, set(src), type_ in _VERBAL)
    if info is not None and info.violent and (subj is None or not _actors_under(subj, actors)):
        through = _through(verb, subj, passive, actors, lex)  # before the speaker's fallback
        if through:
            src, tgt = through, _targets(verb, actors, passive, set(through))
    if not src:
        src = _unnamed_source(verb, subj, passive, type_, actors, lex)
        tgt = [c for c in tgt if c not in src]
    if not src or (passive and verb.dep_ == "acl" and not tgt):
        return None  # a participle on a noun that names no one it was done to is background
    if not tgt and not demand:
        tgt = _second_party(verb, actors, set(src), reported)
    domestic = False
    if not tgt and len(src) == 1 and _participant(verb):
        tgt, domestic = list(src), True  # acted on someone unnamed at home: CAMEO's domestic
    mode = "actual" if demand else _mode(verb, promised or _intent_head(verb, lex), reported)
    coded_type = type_
    type_, mode = _recode(type_, mode, lex)
    if type_ != coded_type:
        code = ""  # recoded (an intention, a refusal): the type's root code stands
    coded.add(verb.i)
    depth = _depth(verb, lex)
    # a mutual event of coordinated sources ("X and Y held talks") has its second party
    together = len(src) >= 2 and (_cooperative(lex.types.get(type_)) or type_ in _SYMMETRIC)
    conf = max(0.3, 0.9 - 0.1 * depth) * (1.0 if (tgt and not domestic) or together else 0.8)
    return ParsedEvent(
        type_,
        tuple(src),
        tuple(tgt),
        mode,
        verb.idx,
        verb.idx + len(verb.text),
        verb.text,
        depth,
        round(conf, 3),
        domestic,
        code,
        _reciprocal(verb),
    )


def _cooperative(info: Any) -> bool:
    return info is not None and bool(info.cooperative)


def _unnamed_source(
    verb: Any, subj: Any, passive: bool, type_: str, actors: dict[int, str], lex: Lexicon
) -> list[str]:
    """The source of an act whose subject names no actor, by CAMEO's conventions: an unnamed
    domestic group or attacker is of the place it acts in (rules 42, 50); force by no one
    named is the place's (rule 51: "were killed by a roadside bomb", "a mine explosion
    killed"); a passive removal is the act of the state it removes from (rule 54: "was
    expelled from Peru")."""
    group = subj is not None and _named(subj, lex.partitive).lemma_.lower() in _DOMESTIC_GROUPS
    unnamed_force = (
        type_ in _FORCE
        and (subj is None or subj.pos_ == "NOUN")
        and not (passive and verb.dep_ == "acl")
    )
    src = _home(verb, actors) if group or unnamed_force else []
    if not src and passive and verb.lemma_.lower() in _REMOVAL:
        src = _removed_from(verb, actors)
    return src


def _crowd(subj: Any, passive: bool, lex: Lexicon) -> bool:
    """Whether a protest crowd does the act ("protesters stormed the ministry", "demonstrators
    blocked the road"): CAMEO's root 14 takes the collective actions of protesters, their
    obstruction and their violence (145, a riot), where the same acts by organised forces
    are coercion, assault or fighting."""
    return (
        subj is not None and not passive and _named(subj, lex.partitive).lemma_.lower() in _CROWDS
    )


def _removed_from(verb: Any, actors: dict[int, str]) -> list[str]:
    """The state a passive verb of removal names with *from* ("was expelled from Peru"): a
    state expels from its own territory, so with no agent named it is the one that acted."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "from":
            found = [actors[g.i] for g in prep.children if g.dep_ == "pobj" and g.i in actors]
            if found:
                return found[:1]
    return []


def _home(verb: Any, actors: dict[int, str]) -> list[str]:
    """The country of an unnamed domestic group that acts ("thousands of students marched
    ..."): the story's only country, else the place the verb says it acted in ("marched
    through Lima", "rallied in Tirana"): a crowd belongs where it gathers."""
    only = set(actors.values())
    if len(only) == 1:
        return list(only)
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in _PLACE_PREPS:
            found = {c for g in prep.children for c in _place(g, actors, 3)}
            if len(found) == 1:
                return list(found)
    return []


def _place(tok: Any, actors: dict[int, str], depth: int) -> set[str]:
    """Actors naming the place a phrase is: a named place ("in Tirana"), a place noun with
    its named modifier or *of* phrase ("outside the Iraqi city of Basra"), or a place phrase
    on an event noun ("in a bomb explosion in a district of Beirut"); an abstract noun's
    phrase is no place ("in defiance of Chinese authorities")."""
    if tok.i in actors:
        return {actors[tok.i]}
    out: set[str] = set()
    place = tok.lemma_.lower() in _PLACE_NOUNS
    if place:
        out |= {actors[m.i] for m in tok.children if m.dep_ in ("amod", "compound", "poss")
                and m.i in actors}  # fmt: skip
    for prep in tok.children:
        if depth and prep.dep_ == "prep" and (prep.lower_ in _PLACE_PREPS or
                                              (place and prep.lower_ == "of")):  # fmt: skip
            out |= {c for g in prep.children if g.dep_ == "pobj"
                    for c in _place(g, actors, depth - 1)}  # fmt: skip
        elif depth and prep.dep_ == "pobj":  # a complex preposition: "outside of the city"
            out |= _place(prep, actors, depth - 1)
    return out


def _through(
    verb: Any, subj: Any, passive: bool, actors: dict[int, str], lex: Lexicon
) -> list[str]:
    """Who did a violent act through a weapon or in an attack, when the subject names no
    actor: the agent of a participle on the subject ("shells fired by X struck ..."), or, for
    a passive with no agent, the actors of a violent event noun it happened in ("were killed
    in an X air raid")."""
    if subj is not None:
        agents = [a for c in subj.children if c.dep_ == "acl" for a in c.children]
        by = [g for a in agents if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
        return [x for g in by for x in _actors_under(g, actors)]
    if not passive:
        return []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "during"):
            continue
        for g in prep.children:
            noun = lex.noun(g.lemma_.lower()) if g.dep_ == "pobj" else None
            info = lex.types.get(noun.type) if noun is not None else None
            if info is not None and info.violent:
                return _actors_under(g, actors)
    return []


def _second_party(verb: Any, actors: dict[int, str], src: set[str], reported: bool) -> list[str]:
    """The party an event with no named target is aimed at: the subject of its condition ("warned
    of consequences if Norway ..."), or, for an event reported to someone, the addressee of the
    verb of saying ("told Norway that it would not accept ...")."""
    for c in verb.children:
        if _condition_clause(c):
            subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
            found = [a for a in _actors_under(subj, actors) if a not in src] if subj else []
            if found:
                return found
    if not reported:
        return []
    heard = [c for c in verb.head.children if c.dep_ in ("dobj", "dative")]
    return [a for h in heard for a in _actors_under(h, actors) if a not in src]


def _reciprocal(verb: Any) -> bool:
    """Whether the verb's own phrase holds a reciprocal pronoun ("each other", "one another")."""
    words = [t.lower_ for t in verb.subtree]
    return any(a in ("each", "one") and b in ("other", "another") for a, b in pairwise(words))


def to_events(
    sent: int, offset: int, pe: ParsedEvent, lexicon: Lexicon | None = None
) -> list[Event]:
    """Pairwise :class:`~realpolitik.ingest.types.Event` rows of one parsed event.

    Sources x targets; with no target, the pairs inside a coordinated source group when the
    event is mutual ("Japan and Australia signed a treaty"), else one row per source with no
    target. An event is mutual when it is reciprocal (:class:`ParsedEvent`) or its type is
    symmetric: cooperation (meeting, agreeing, cooperating take two sides that act together)
    and fighting ("their navies clashed": with no one else named, the two are the sides).
    A one-sided act of two co-agents is not done to each other: "Peru and Chile imposed
    sanctions" does not make Peru sanction Chile.
    """
    lex = lexicon or default_lexicon()
    info = lex.types.get(pe.type)
    mutual = pe.reciprocal or pe.type in _SYMMETRIC or (info is not None and info.cooperative)
    cameo, g = (info.cameo, info.goldstein) if info else (None, None)
    if pe.code:  # the matched pattern's own code, and its own Goldstein weight
        cameo = pe.code
        own = code_goldstein(pe.code)
        g = g if own is None else own
    pairs: list[tuple[str, str | None]]
    if pe.targets:
        pairs = [(s, t) for s in pe.sources for t in pe.targets if s != t or pe.domestic]
    elif len(pe.sources) >= 2 and mutual:
        pairs = [(a, b) for i, a in enumerate(pe.sources) for b in pe.sources[i + 1 :]]
    else:
        pairs = [(s, None) for s in pe.sources]
    return [
        Event(
            sent,
            offset + pe.start,
            offset + pe.end,
            s,
            t,
            pe.type,
            cameo,
            g,
            pe.mode,
            "event",
            pe.confidence,
            pe.cue,
        )
        for s, t in pairs
    ]


def parse_texts(nlp: Any, texts: Sequence[str]) -> list[Any]:
    """Parse ``texts`` in one ``nlp.pipe`` batch, BLAS on one thread
    (:mod:`realpolitik.ingest.blas`); one ``Doc`` per text, in order."""
    with one_blas_thread():
        return list(nlp.pipe(texts, batch_size=64))


def code_docs(
    sentences: Sequence[tuple[int, int, str, Sequence[tuple[int, int, str]], str | None]],
    docs: Sequence[Any],
    lexicon: Lexicon | None = None,
) -> dict[int, list[Event]]:
    """Code parsed sentences: ``docs[k]`` is the parse of ``sentences[k]`` (see
    :func:`code_sentences`); the events per sentence index."""
    lex = lexicon or default_lexicon()
    out: dict[int, list[Event]] = {}
    for (idx, start, _text, spans, fallback), doc in zip(sentences, docs, strict=True):
        local = [(a - start, b - start, c) for a, b, c in spans]
        evs = [
            e
            for pe in code_parsed(doc, local, lexicon=lex, fallback=fallback)
            for e in to_events(idx, start, pe, lex)
        ]
        if evs:
            out[idx] = evs
    return out


def code_sentences(
    nlp: Any,
    sentences: Sequence[tuple[int, int, str, Sequence[tuple[int, int, str]], str | None]],
    lexicon: Lexicon | None = None,
    keep: dict[str, Any] | None = None,
    also: Sequence[str] = (),
) -> dict[int, list[Event]]:
    """Parse and code many sentences in one batch.

    ``sentences``: ``(idx, start, text, spans, fallback)`` with spans in document offsets.
    Returns the events per sentence index (sentences without a coded event are absent).
    ``keep``, when given, receives each parse by sentence text (the conditional splitter
    reuses them instead of parsing again); ``also`` are more texts parsed in the same batch
    into ``keep`` only, not coded (one batched parse is much cheaper than one per sentence).
    """
    coded = {s[2] for s in sentences}
    extra = [t for t in dict.fromkeys(also) if keep is not None and t not in coded]
    docs = parse_texts(nlp, [*(s[2] for s in sentences), *extra])
    if keep is not None:
        keep.update(zip(extra, docs[len(sentences) :], strict=True))
        keep.update((s[2], d) for s, d in zip(sentences, docs, strict=False))
    return code_docs(sentences, docs[: len(sentences)], lexicon)

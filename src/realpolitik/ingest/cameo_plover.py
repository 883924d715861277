"""CAMEO codes to PLOVER types, and the coder's verb entries built from the CAMEO dictionary.

The conversion table is the PLOVER project's ``CAMEO2PLOVER-2021.txt`` (manual draft 0.8,
17 September 2021; CC BY-SA 4.0, shipped unmodified in ``ingest/eventdata``), one line per code:
``code: TYPE, mode, context # description``. A code missing from the table takes its parent's
type (``0234`` -> ``023``).

Type names. The table uses PLOVER 2021's names; the gold-standard records (and the coder's type
table) keep four of PLOVER 0.5's finer types, which the 2021 manual merged. Following the 0.5
definitions, by CAMEO root: ``09`` (investigate) is INVESTIGATE, not ACCUSE; ``10`` (demand)
is DEMAND, not REQUEST; ``19`` (conventional military force) is FIGHT, not ASSAULT. CAMEO
``01`` (public statements) has no PLOVER type and codes nothing. CAMEO ``02`` (appeals) is
not in the 2021 table; which type it takes (REQUEST, the 2021 manual's definition, or DEMAND)
is a parameter, ``appeal``, chosen by cross-validation (see ``docs/ingestion.md``).

Entries. Each verb of a CAMEO block gets an entry with its own code or the block's (none when
its line says ``[---]``: it codes only through patterns); each pattern of a block gives every
plain verb of the block (PETRARCH2's reading) an entry with the pattern's particle or
preposition and the head nouns of its first constituent after the verb. A ``[---]`` pattern
gives a *null* entry (type ""): as in PETRARCH2, where the first matching pattern decides, the
verb with that object codes no event ("seize the opportunity" is no seizure).
A pattern's other content words must be in the verb's clause: later constituents anywhere in
it (``LexEntry.extra``), a restriction before the verb before it (``LexEntry.before``); its
source and target markers (``$``, ``+``) are not used: the dependency parse finds source and
target. A phrasal verb gets the block's patterns with its own particle, the pattern's
preposition becoming one of those clause words. A light verb's pattern objects ("stage *
attack") also become event nouns, for the coder's light-verb rule, except an intensifying
verb's (``Lexicon.intensify``: "escalate * WAR" is a threat).

Examples
--------
>>> table = parse_conversion("040: CONSULT, ,  # Consult\\n1123: ACCUSE, allege, military # x")
>>> plover_type("0402", table), plover_type("1123", table), plover_type("100", table)
('CONSULT', 'ACCUSE', 'DEMAND')
>>> plover_type("010", table) is None
True
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from realpolitik.errors import InputError
from realpolitik.ingest.cameo import (
    CAMEO_FILE,
    NULL_CODE,
    PARTICLES,
    CameoBlock,
    CameoDictionary,
    CameoPattern,
    load_cameo,
)
from realpolitik.ingest.goldstein import GOLDSTEIN_FILE
from realpolitik.ingest.lexicon import LEXICON_FILE, LexEntry, Lexicon, load_lexicon

__all__ = [
    "APPEAL_TYPES",
    "CODER_REVISION",
    "CONVERSION_FILE",
    "SETTINGS_FILE",
    "cameo_entries",
    "cameo_lexicon",
    "default_lexicon",
    "dictionary_version",
    "load_conversion",
    "parse_conversion",
    "plover_type",
]

CONVERSION_FILE = Path(__file__).with_name("eventdata") / "CAMEO2PLOVER-2021.txt"
SETTINGS_FILE = Path(__file__).with_name("eventdata") / "settings.json"
CODER_REVISION = "47"
"""Bumped when the reading of the files or the coding rules change, so that the coder's
version changes with them and ``evidence recode`` re-codes stored documents (2: CAMEO's
``[---]`` codes honoured; co-agents; verbs of saying; standing relations kept; 3: a time
adjunct such as "on Tuesday" selects no prepositional pattern; 4: "staged" is *stage*, not
*stag*, and a pattern's other words must be in the verb's clause; 5: a light verb of intent,
"pledged aid", promises its event; 6: patterns whose only words precede the verb are kept;
7: intensifying verbs' patterns do not type event nouns; 8: "EXERCISES" is also *exercise*;
9: "of", "as", "during", ... are prepositions; 10: a block's patterns reach its phrasal verbs;
11: an event's Goldstein weight is its CAMEO code's, not its PLOVER family's; 12: an actor
inside a relative clause is not the main verb's target; 13: a subject-only pattern stays with
the verbs its comment names; 12-22: coder rules 14-25, docs/benchmarks.md says which;
23: rules 26-30, partitive objects, particles parsed as adverbs, direct objects for patterns
without a preposition, events undergone, and event nouns' parties on their verb; 24: rules
31-33, a pattern's words before the verb, the wielder of a weapon, infinitives on nouns;
25: rule 34, verbs of beginning pass the event to their complement; 26: rule 35, a passive's
*by* phrase hung on its object; 27: rule 36, a tie between patterns goes to the one written
for the verb; 28: rule 37, a finite verb left without a subject takes the phrase before it;
29: rule 38, ``_``-joined pattern words are a noun phrase; 30: rule 39, a pattern written
twice takes its later line; 31: rule 40, an intent verb readied for an event noun intends it;
32: rule 41, a past participle on a noun is done to the noun).
The rules are in ``docs/ingestion.md``."""
APPEAL_TYPES = ("REQUEST", "DEMAND")
"""The candidate types of CAMEO root 02 (appeals), which the 2021 table leaves out."""

_LEGACY = {"09": "INVESTIGATE", "10": "DEMAND", "19": "FIGHT"}
_LINE = re.compile(r"^\s*(\d+)\s*:\s*([A-Z]+)")


def parse_conversion(text: str, where: str = "conversion table") -> dict[str, str]:
    """CAMEO code -> PLOVER type, from the table's text (comment and blank lines skipped).

    Raises
    ------
    InputError
        When no line of the text reads ``code: TYPE``.
    """
    out: dict[str, str] = {}
    for line in text.splitlines():
        m = _LINE.match(line)
        if m is not None:
            out.setdefault(m.group(1), m.group(2))
    if not out:
        raise InputError(f"{where}: no 'code: TYPE' line (CAMEO2PLOVER format)")
    return out


@lru_cache(maxsize=1)
def load_conversion(path: str | Path = CONVERSION_FILE) -> dict[str, str]:
    """Read the CAMEO to PLOVER table (default: the shipped 2021 table; cached).

    Raises
    ------
    InputError
        When the file cannot be read or holds no mapping.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read CAMEO to PLOVER table {path}: {exc}") from exc
    return parse_conversion(text, str(path))


def plover_type(
    code: str,
    table: dict[str, str],
    appeal: str = "REQUEST",
    remap: dict[str, str] | None = None,
) -> str | None:
    """The PLOVER type of a CAMEO code (see the module notes), None for none.

    ``remap``: three-digit CAMEO code -> type, overriding the table (learnt from records by
    :func:`realpolitik.ingest.event_cv.learn_remap`).
    """
    if remap and code[:3] in remap:
        return remap[code[:3]]
    root = code[:2]
    if root in _LEGACY:
        return _LEGACY[root]
    if root == "02":
        return appeal
    for k in range(len(code), 1, -1):
        got = table.get(code[:k])
        if got is not None:
            return got
    return None


def _usual(
    block: CameoBlock, table: dict[str, str], appeal: str, remap: dict[str, str]
) -> dict[str, str]:
    """Verb -> a code of its most frequent type over the block's patterns first found with it.

    A verb of a block without a code (``[---]``) has no type of its own in the file; its
    patterns show its usual sense ("reject" is found mostly with refusals). Patterns whose code
    has no PLOVER type count as "no event", so a verb mostly found in statements gets none.
    """
    votes: dict[str, Counter[str | None]] = {}
    codes: dict[tuple[str, str | None], Counter[str]] = {}
    for p in block.patterns:
        if not p.code:
            continue  # a null pattern blocks one use of a verb; it says nothing of its sense
        for verb in p.found:
            ty = plover_type(p.code, table, appeal, remap)
            votes.setdefault(verb, Counter())[ty] += 1
            codes.setdefault((verb, ty), Counter())[p.code] += 1
    out: dict[str, str] = {}
    for verb, c in votes.items():
        top = c.most_common(1)[0][0]
        if top is not None:
            out[verb] = codes[(verb, top)].most_common(1)[0][0]
    return out


def _written_for(pattern: CameoPattern, lemma: str) -> bool:
    """Whether a pattern was written for verb ``lemma``: its comment names it, or it names none
    (PETRARCH2 files a block's patterns beside all its verbs; rules 16 and 20 need the verb)."""
    return not pattern.found or lemma in pattern.found


def cameo_entries(
    dictionary: CameoDictionary | None = None,
    table: dict[str, str] | None = None,
    *,
    appeal: str = "REQUEST",
    light: frozenset[str] = frozenset(),
    remap: dict[str, str] | None = None,
) -> tuple[list[LexEntry], list[LexEntry]]:
    """(verb entries, event-noun entries) of a CAMEO dictionary under a conversion table.

    Parameters
    ----------
    dictionary, table : optional
        Default: the shipped ``CAMEO.2.0.txt`` and ``CAMEO2PLOVER-2021.txt``.
    appeal : str
        The type of CAMEO root 02 (one of :data:`APPEAL_TYPES`).
    light : frozenset of str
        Light verbs, whose pattern objects also become event nouns.

    Examples
    --------
    >>> verbs, nouns = cameo_entries(light=frozenset({"hold"}))
    >>> sorted({e.type for e in verbs if e.lemma == "sign" and "treaty" in e.objects})
    ['AGREE', 'COOPERATE', 'SUPPORT']
    >>> sorted({e.type for e in verbs if e.lemma == "sign" and not (e.objects or e.particle)})
    ['SUPPORT']
    >>> [e.type for e in verbs if e.lemma == "seize" and "opportunity" in e.objects]
    ['']
    """
    remap = remap or {}
    d = dictionary if dictionary is not None else load_cameo()
    t = table if table is not None else load_conversion()
    verbs: list[LexEntry] = []
    nouns: dict[str, Counter[tuple[str, str]]] = {}
    for block in d.blocks:
        plain = [v for v in block.verbs if not v.particle]
        phrasal = [v for v in block.verbs if v.particle in PARTICLES and v.particle]
        usual = _usual(block, t, appeal, remap)
        for v in block.verbs:
            code = v.code or block.code or usual.get(v.lemma, "")
            type_ = plover_type(code, t, appeal, remap) if code and code != NULL_CODE else None
            if type_ is not None:
                # a verb line's own code is the file's word on that verb; a block's is shared
                own = bool(v.code)
                if v.particle in PARTICLES or not v.particle:
                    verbs.append(LexEntry(type_, "v", v.lemma, v.particle, code=code, own=own))
                else:
                    objs = frozenset({v.particle})
                    verbs.append(LexEntry(type_, "v", v.lemma, "", objs, code, own=own))
        for p in block.patterns:
            # "": no event. A pattern whose code PLOVER has no type for (the 01 statements:
            # "deliver * ADDRESS [010]") is no event either; dropped, it would leave that use
            # of the verb to the verb's own type (a speech delivered would be aid delivered)
            type_ = (plover_type(p.code, t, appeal, remap) or "") if p.code else ""
            # a pattern naming only who acts ("&MILITARY * [192]", found with TAKE) carries no
            # word of the act but its verb's: it stays with the verbs its comment names
            subject_only = not (p.objects or p.particle or p.modifiers) and bool(
                p.extra or p.before
            )
            for v in plain:
                if subject_only and not _written_for(p, v.lemma):
                    continue
                verbs.append(_pattern_entry(type_, v.lemma, p.particle, p, p.extra))
                # a light verb's object names the event ("stage * ATTACK") only in a pattern
                # written for that verb: "seize * MINISTER [181]", filed beside TAKE, is the
                # seizing, and "minister" is no event noun ("gave the minister a tour")
                if (
                    type_
                    and v.lemma in light
                    and _written_for(p, v.lemma)
                    and not (p.particle or p.modifiers or p.extra or p.before)
                ):
                    for o in p.objects:
                        nouns.setdefault(o, Counter())[(type_, p.code)] += 1
            # a phrasal verb's entry has its particle; the pattern's preposition, if any,
            # becomes a word of its clause ("pull out * (OF TALKS)": "of" is there too)
            prep = (frozenset({p.particle}),) if p.particle else ()
            for v in phrasal:
                if subject_only and not _written_for(p, v.lemma):
                    continue
                verbs.append(_pattern_entry(type_, v.lemma, v.particle, p, p.extra + prep))
    return verbs, [
        LexEntry(ty, "n", o, code=code) for o, c in nouns.items() for (ty, code) in [_top_type(c)]
    ]


def _pattern_entry(
    type_: str, lemma: str, particle: str, p: CameoPattern, extra: tuple[frozenset[str], ...]
) -> LexEntry:
    """A verb's entry for one pattern of its block."""
    own = lemma in p.found
    return LexEntry(
        type_, "v", lemma, particle, p.objects, p.code, p.modifiers, extra, p.before, own
    )


def _top_type(votes: Counter[tuple[str, str]]) -> tuple[str, str]:
    """The most frequent type of the votes, with its most frequent code."""
    types: Counter[str] = Counter()
    for (ty, _), n in votes.items():
        types[ty] += n
    best = types.most_common(1)[0][0]
    return max(((ty, code) for ty, code in votes if ty == best), key=lambda k: votes[k])


def cameo_lexicon(appeal: str = "REQUEST", remap: dict[str, str] | None = None) -> Lexicon:
    """The coder's dictionary: verbs and event nouns from CAMEO, types and word classes from
    ``plover_lexicon.tsv`` (PLOVER types with their CAMEO roots and Goldstein weights, and the
    light, intent and saying verbs: general English word classes, see ``docs/ingestion.md``).

    Parameters
    ----------
    appeal : str
        The type of CAMEO root 02 (one of :data:`APPEAL_TYPES`).
    remap : dict, optional
        Three-digit CAMEO code -> type, overriding the conversion table.

    Examples
    --------
    >>> lex = cameo_lexicon()
    >>> lex.verb("accuse").type, lex.verb("sign", objects={"agreement"}).code
    ('ACCUSE', '057')
    >>> lex.verb("seize").type, lex.verb("seize", objects={"opportunity"}).type
    ('COERCE', '')
    >>> lex.verb("hold") is None  # "HOLD [---]": only its patterns (and nouns) code events
    True
    """
    if appeal not in APPEAL_TYPES:
        raise InputError(f"appeal type must be one of {APPEAL_TYPES}, got {appeal!r}")
    base = load_lexicon()
    lex = Lexicon(
        types=base.types,
        light=base.light,
        intensify=base.intensify,
        intent=base.intent,
        say=base.say,
        deny=base.deny,
        partitive=base.partitive,
        aspect=base.aspect,
        fulfil=base.fulfil,
        enter=base.enter,
    )
    # an intensifying verb's pattern codes the escalation ("escalate * WAR [138]" is a threat),
    # not the noun: only the other light verbs' patterns type the event nouns
    verbs, nouns = cameo_entries(appeal=appeal, light=base.light - base.intensify, remap=remap)
    for e in verbs:
        lex.verbs.setdefault(e.lemma, []).append(e)
    for n in nouns:
        lex.nouns.setdefault(n.lemma, n)
    return lex


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The coder's dictionary with the shipped settings (``eventdata/settings.json``; cached).

    The settings (the type of CAMEO appeals and the code remap) are chosen from the PLOVER
    development records by :func:`realpolitik.ingest.event_cv.learn_settings`; the same
    choice made on four folds and scored on the fifth is ``realpolitik eval events --cv 5``.
    """
    try:
        raw = json.loads(SETTINGS_FILE.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read coder settings {SETTINGS_FILE}: {exc}") from exc
    return cameo_lexicon(raw.get("appeal", "REQUEST"), dict(raw.get("remap", {})))


@lru_cache(maxsize=1)
def dictionary_version() -> str:
    """Version of the coder's dictionary: the first 10 hex digits of the SHA-256 of the
    shipped CAMEO file, conversion table, settings, word-class file and Goldstein table, and of
    :data:`CODER_REVISION` (stored on events).

    Examples
    --------
    >>> len(dictionary_version())
    10
    """
    h = hashlib.sha256()
    for path in (CAMEO_FILE, CONVERSION_FILE, SETTINGS_FILE, LEXICON_FILE, GOLDSTEIN_FILE):
        h.update(Path(path).read_bytes())
    h.update(CODER_REVISION.encode())
    return h.hexdigest()[:10]

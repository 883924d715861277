"""Event coding: who did what to whom, in the PLOVER ontology with CAMEO codes kept beside it.

A sentence's actors come from :mod:`realpolitik.ingest.nlp` (names, capitals, adjectives, and
officials speaking for their state; ``it``/``its`` resolved to the sentence's or the previous
sentence's first actor). An event needs a *cue* from the verb/noun dictionary below plus a
source and a target found around it (left group -> right group; a coordinated group or a
hyphen compound with a mutual cue -> pairs inside the group; ``anti-X`` -> the group against X).
Each event carries a mode (actual, future, hypothetical, negated) read from modals, ``if`` and
negations before the cue, and a confidence. Sentences with two or more actors but no cue, or a
cue without both ends, are recorded as *uncodable* with the reason: there is no silent fallback
code (TABARI's and PETRARCH's users complain of exactly that).

Examples
--------
>>> from realpolitik.ingest.nlp import AliasTable, TextPipeline
>>> t = AliasTable.from_rows([("PHL", "Philippines", "state", ("Manila",)),
...                           ("CHN", "China", "state", ("Beijing",))])
>>> a = TextPipeline(t).analyse("Manila accused Beijing of ramming a supply boat.")
>>> [(e.source, e.target, e.plover, e.cameo, e.goldstein, e.mode)
...  for e in code_events(a) if not e.uncodable]
[('PHL', 'CHN', 'ACCUSE', '112', -2.0, 'actual')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from realpolitik.errors import DataError
from realpolitik.ingest.goldstein import goldstein
from realpolitik.ingest.nlp import Analysis
from realpolitik.ingest.types import Event, Sentence

__all__ = ["CUES", "PLOVER_TYPES", "Cue", "code_events", "sentence_actors"]

PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "DEMAND",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
"""PLOVER event types used here (Halterman et al., PLOVER/POLECAT specification)."""


@dataclass(frozen=True)
class Cue:
    """A dictionary entry: regex, PLOVER type, CAMEO code, Goldstein score, aspect, mutual."""

    pattern: re.Pattern[str]
    plover: str
    cameo: str
    goldstein: float
    aspect: str = "event"  # "state" for standing relations ("allies", "dispute")
    mutual: bool = False  # a relation between members of one group ("X and Y ... ties")
    strength: float = 0.8


def _c(
    rx: str,
    plover: str,
    cameo: str,
    aspect: str = "event",
    mutual: bool = False,
    strength: float = 0.8,
) -> Cue:
    """A cue weighed by its CAMEO code's Goldstein weight (:mod:`realpolitik.ingest.goldstein`)."""
    g = goldstein(cameo)
    if g is None:
        raise DataError(f"CAMEO code {cameo!r} has no Goldstein weight in the shipped table")
    return Cue(re.compile(rf"\b(?:{rx})\b", re.I), plover, cameo, g, aspect, mutual, strength)


_FRIENDLY_STATE = ("COOPERATE", "050", "state", True)
"""The coding of a standing friendly relation (PLOVER, CAMEO, aspect, mutual)."""

# Each cue's Goldstein (1992) weight is its CAMEO code's, from the shipped lookup table.

CUES: tuple[Cue, ...] = (
    # cooperation, standing relations
    _c(
        r"mutual defen[cs]e treaty|defen[cs]e (?:treaty|pact)|security treaty",
        "COOPERATE",
        "062",
        "state",
        True,
        0.9,
    ),
    _c(r"all(?:y|ies|ied)|alliances?(?! between)", "COOPERATE", "062", "state", True),
    _c(
        r"(?:true |close |old )?friends?(?:hip)?|friendl(?:y|ier)",
        *_FRIENDLY_STATE,
    ),
    _c(
        r"(?:close|closer|strong|stronger|warm|warmer|deep|deeper) (?:ties|relations|"
        r"relationship|partnership|cooperation)",
        *_FRIENDLY_STATE,
    ),
    _c(
        r"partners?(?:hips?)?|rapprochement|reconciliation",
        *_FRIENDLY_STATE,
        0.7,
    ),
    _c(
        r"military cooperation|defen[cs]e cooperation|security cooperation|joint (?:military )?"
        r"(?:exercises?|drills?|patrols?)|host(?:s|ed|ing)? (?:thousands of )?(?:\w+ )?troops",
        "COOPERATE",
        "062",
        "event",
        True,
        0.85,
    ),
    _c(
        r"intelligence[- ]sharing|shar(?:e|es|ed|ing) intelligence",
        "COOPERATE",
        "064",
        "event",
        True,
        0.85,
    ),
    _c(
        r"(?:economic|trade|trading) (?:ties|relationship|relations|cooperation)|"
        r"free trade (?:deal|agreement)|economic integration|investment",
        "COOPERATE",
        "061",
        "state",
        True,
        0.7,
    ),
    _c(
        r"cooperat(?:e|es|ed|ing|ion)|collaborat(?:e|es|ed|ing|ion)|work(?:s|ed|ing)? together",
        "COOPERATE",
        "050",
        "event",
        True,
        0.7,
    ),
    _c(
        r"(?:improv|strengthen|deepen|boost|mend|restor)(?:e|es|ed|ing|s)? (?:\w+ ){0,2}"
        r"(?:ties|relations|relationship|trust)",
        "COOPERATE",
        "050",
        "event",
        True,
        0.8,
    ),
    _c(
        r"support(?:s|ed|ing)? for|support(?:s|ed|ing)?|back(?:s|ed|ing)(?! down)|backing of|"
        r"sid(?:e|es|ed|ing) with|align(?:s|ed|ing)? with|alignment with|go(?:es|ing)? closer to",
        "SUPPORT",
        "051",
        "event",
        False,
        0.75,
    ),
    _c(
        r"welcom(?:e|es|ed|ing)|prais(?:e|es|ed|ing)|endors(?:e|es|ed|ing)",
        "SUPPORT",
        "051",
        "event",
        False,
        0.7,
    ),
    _c(
        r"help(?:s|ed|ing)?|aid(?:s|ed)?|assist(?:s|ed|ing)?|supply(?:ing)?|supplie[sd]",
        "AID",
        "070",
        "event",
        False,
        0.6,
    ),
    _c(
        r"agree(?:s|d)? (?:on|to)|sign(?:s|ed|ing)? (?:an? |the |their )?(?:[\w-]+ ){0,4}?"
        r"(?:deal|agreement|accord|pact|treaty|memorandum|declaration)|"
        r"reach(?:ed)? (?:an? )?(?:deal|agreement|consensus)",
        "AGREE",
        "057",
        "event",
        True,
        0.8,
    ),
    _c(
        r"(?:met|meets|meet|meeting|talks|dialogue|summit|consult(?:s|ed|ations?)?)"
        r"(?: with| between)?",
        "CONSULT",
        "040",
        "event",
        True,
        0.6,
    ),
    _c(r"visit(?:s|ed|ing)?|trip to", "CONSULT", "042", "event", False, 0.6),
    _c(r"urg(?:e|es|ed|ing)|call(?:s|ed)? on|appeal(?:s|ed)? to", "REQUEST", "020"),
    _c(
        r"(?:soften|ease|eas|resolv|settl|end|overcom|reduc|defus)(?:e|es|ed|ing|s)? "
        r"(?:\w+ ){0,2}(?:rivalr(?:y|ies)|disputes?|tensions?|differences|hostility)",
        "CONCEDE",
        "080",
        "event",
        True,
        0.75,
    ),
    # conflict
    _c(
        r"(?:territorial |maritime |border )?disputes?(?! over raw)|rival(?:ry|ries|s)?|"
        r"at odds|tensions?|hostil(?:e|ity)|feud|clash(?:es)?|grudge",
        "REJECT",
        "120",
        "state",
        True,
        0.75,
    ),
    _c(
        r"threat(?:s|en|ens|ened)?(?: from| to)?|menac(?:e|es|ing)",
        "THREATEN",
        "130",
        "event",
        False,
        0.7,
    ),
    _c(
        r"accus(?:e|es|ed|ing)|criticis(?:e|es|ed|ing)|criticiz(?:e|es|ed|ing)|"
        r"condemn(?:s|ed|ing)?|denounc(?:e|es|ed|ing)|blam(?:e|es|ed|ing)",
        "ACCUSE",
        "112",
    ),
    _c(
        r"oppos(?:e|es|ed|ing)|reject(?:s|ed|ing)?|resist(?:s|ed|ing|ance)?|counter(?:s|ed|"
        r"ing)?|contain(?:s|ed|ing)?|obstruct(?:s|ed|ing)?|warn(?:s|ed|ing)? against",
        "REJECT",
        "120",
        "event",
        False,
        0.7,
    ),
    _c(
        r"concerns? (?:about|over)|worried about|wary of",
        "ACCUSE",
        "110",
        "event",
        False,
        0.6,
    ),
    _c(
        r"(?:impos(?:e|es|ed|ing)|expand(?:s|ed|ing)?|rais(?:e|es|ed|ing)) (?:\w+ ){0,3}"
        r"(?:tariffs?|sanctions?|duties)|tariffs? on|sanctions? (?:on|against)|"
        r"export controls?",
        "SANCTION",
        "163",
        "event",
        False,
        0.85,
    ),
    _c(
        r"pressur(?:e|es|ed|ing)|coerc(?:e|es|ed|ing|ion)|bully(?:ing)?|interfer(?:e|es|ed|"
        r"ing|ence)|intimidat(?:e|es|ed|ing|ion)",
        "COERCE",
        "170",
        "event",
        False,
        0.7,
    ),
    _c(
        r"military aggression|sent warships|deploy(?:s|ed|ing)? (?:\w+ ){0,2}(?:warships|"
        r"troops|forces|vessels)|incursions?|military activity",
        "MOBILIZE",
        "150",
        "event",
        False,
        0.8,
    ),
    _c(
        r"(?:launch|fir)(?:es|ed|ing)? (?:\w+ ){0,2}missiles?|ramm(?:ed|ing)|"
        r"water cannon|attack(?:s|ed|ing)?|invasion|invad(?:e|es|ed|ing)|strikes? on",
        "ASSAULT",
        "190",
        "event",
        False,
        0.8,
    ),
    _c(
        r"war (?:with|on|against)|at war|fought|fight(?:s|ing)?",
        "ASSAULT",
        "190",
        "event",
        True,
        0.7,
    ),
)


def _alternation(first: int) -> str:
    """Cues ``first..`` as one alternation, each in a group named ``c<index>``."""
    return "|".join(f"(?P<c{i}>{CUES[i].pattern.pattern[5:-3]})" for i in range(first, len(CUES)))


class _CueScanner:
    """The cue dictionary compiled for scanning: all cues at once, and each on its own.

    Two instances: one case-insensitive for any text, one case-sensitive run on the
    lower-cased sentence (Python's ``re`` is several times faster without IGNORECASE; used
    when lower-casing keeps the length, so that offsets are the same). The cue patterns are
    written in lower case.
    """

    def __init__(self, flags: int) -> None:
        body = "|".join(f"(?:{c.pattern.pattern[5:-3]})" for c in CUES)
        self.any = re.compile(rf"\b(?:{body})\b", flags)
        # every position where some cue matches (zero-width, so overlapping starts are all
        # found); the named group says the first cue, in dictionary order, matching there
        self.at = re.compile(rf"(?=\b(?:{_alternation(0)})\b)", flags)
        # from[k]: the first cue with index >= k matching at a position
        self.after = [re.compile(rf"\b(?:{_alternation(k)})\b", flags) for k in range(len(CUES))]
        self.each = [re.compile(c.pattern.pattern, flags) for c in CUES]

    def present(self, sentence: str) -> list[int]:
        """Indices of the cues that match somewhere in ``sentence``, in dictionary order.

        Exact: a cue that matches anywhere matches at one of the positions the combined
        lookahead finds, and at each position every matching cue is found by resuming the
        alternation after the last one found. Scanning starts at the leftmost match of any cue.
        """
        first = self.any.search(sentence)
        if first is None:
            return []
        present: set[int] = set()
        n = len(CUES)
        for m in self.at.finditer(sentence, first.start()):
            p = m.start()
            j = int(str(m.lastgroup)[1:])
            while True:
                present.add(j)
                if j + 1 >= n:
                    break
                nxt = self.after[j + 1].match(sentence, p)
                if nxt is None:
                    break
                j = int(str(nxt.lastgroup)[1:])
        return sorted(present)


_FOLDED = _CueScanner(re.I)
_LOWER = _CueScanner(0)


def _scanner(sentence: str) -> tuple[_CueScanner, str]:
    """The fast scanner over the lower-cased sentence when offsets survive lower-casing."""
    low = sentence.lower()
    return (_LOWER, low) if len(low) == len(sentence) else (_FOLDED, sentence)


def _present_cues(sentence: str) -> list[Cue]:
    """The cues that match somewhere in ``sentence``, in dictionary order."""
    sc, hay = _scanner(sentence)
    return [CUES[i] for i in sc.present(hay)]


_MODAL = re.compile(
    r"\b(?:will|would|could|might|may|shall|going to|plans? to|expected to|likely to|"
    r"intends? to|aims? to|set to|poised to|seeks? to|trying to|tries to|want(?:s)? to)\b",
    re.I,
)
_HYPO = re.compile(r"\b(?:if|unless|as long as|provided that|in case|would|could|might)\b", re.I)
_NEG = re.compile(r"\b(?:not|n't|never|no longer|neither|nor|without|no)\b|n't\b", re.I)
_CLAUSE = re.compile(r"[;:]|,\s+(?:but|while|whereas|although|though|which|who)\b|\bwhile\b")
_PRONOUN = re.compile(
    r"\b(?:it|its|itself)\b|\bboth (?:countries|nations|sides)\b|"
    r"\bthe two (?:countries|nations|sides)?\b",
    re.I,
)
_JOIN = re.compile(
    r"^(?:,\s*|\s+and\s+|\s*&\s*|,\s*and\s+|\s+or\s+|-|\s*-\s*|\s+nor\s+|"
    r",\s+as well as\s+)$"
)


@dataclass(frozen=True)
class _Ref:
    start: int
    end: int
    actor: str
    via: str


def sentence_actors(analysis: Analysis) -> dict[int, list[_Ref]]:
    """Actor references per sentence: mentions (people stand for their actor) and pronouns."""
    by: dict[int, list[_Ref]] = {s.idx: [] for s in analysis.sentences}
    for m in analysis.mentions:
        if m.actor and m.kind in ("actor", "person"):
            by[m.sent].append(_Ref(m.start, m.end, m.actor, m.via))
    prev_first: list[_Ref] = []
    prev_group: list[_Ref] = []
    for s in analysis.sentences:
        refs = by[s.idx]
        for pm in _PRONOUN.finditer(s.text):
            start, end = s.start + pm.start(), s.start + pm.end()
            word = pm.group(0).lower()
            if word.startswith(("both", "the two")):
                group = _first_group(refs, analysis.text, before=start) or prev_group
                if len(group) >= 2:
                    by[s.idx].extend(_Ref(start, end, g.actor, "pronoun") for g in group[:2])
                continue
            before = [r for r in refs if r.end <= start and r.via != "pronoun"]
            ante = before[0] if before else (prev_first[0] if prev_first else None)
            if ante is not None:
                by[s.idx].append(_Ref(start, end, ante.actor, "pronoun"))
        by[s.idx].sort(key=lambda r: r.start)
        named = [r for r in by[s.idx] if r.via != "pronoun"]
        if named:
            prev_first = named[:1]
            # "both countries" later refers back to a coordinated *subject*, not to actors
            # named as objects of a preposition ("pressure from Peru and Chile")
            grp = next(
                (
                    g
                    for g in _groups(named, analysis.text)
                    if len(g) >= 2 and _subject(g[0], analysis.text, s.start)
                ),
                [],
            )
            prev_group = grp if len(grp) >= 2 else prev_group
    return by


def _first_group(refs: list[_Ref], text: str, before: int | None = None) -> list[_Ref]:
    refs = [r for r in refs if before is None or r.end <= before]
    if not refs:
        return []
    group = [refs[0]]
    for r in refs[1:]:
        if _JOIN.match(text[group[-1].end : r.start]):
            group.append(r)
        else:
            break
    return group


def _groups(refs: list[_Ref], text: str) -> list[list[_Ref]]:
    groups: list[list[_Ref]] = []
    for r in refs:
        if groups and _JOIN.match(text[groups[-1][-1].end : r.start]):
            groups[-1].append(r)
        else:
            groups.append([r])
    return groups


_IRREALIS = re.compile(
    # the cue sits in the infinitive complement of a verb or noun of wishing, asking or trying:
    # "urged Tokyo and Seoul to deepen trust", "efforts to foster collaboration between ..."
    r"\b(?:urg(?:e|es|ed|ing)|call(?:s|ed|ing)?\s+(?:on|upon)|ask(?:s|ed|ing)?|"
    r"press(?:es|ed|ing)?|push(?:es|ed|ing)?|encourag(?:e|es|ed|ing)|invit(?:e|es|ed|ing)|"
    r"want(?:s|ed|ing)?|hop(?:e|es|ed|ing)|wish(?:es|ed|ing)?|seek(?:s|ing)?|sought|"
    r"aim(?:s|ed|ing)?|tr(?:y|ies|ied|ying)|effort|efforts|bid|attempts?|"
    r"need(?:s|ed)?|intend(?:s|ed)?)\b[^;:.!?]{0,80}?\bto\s+(?:\w+\s+){0,4}(?:and\s+)?$",
    re.I,
)
_CONTENT_OF = re.compile(
    # the cue is what a threat, risk or fear is about, not something that happened:
    # "threats of missile attacks", "the risk of a clash"
    r"\b(?:threats?|risks?|fears?|dangers?|possibility|prospects?|spectre|specter|"
    r"likelihood)\s+of\s+(?:\w+\s+){0,4}(?:and\s+)?$",
    re.I,
)


def _mode(prefix: str, sentence: str) -> str:
    if _NEG.search(prefix[-30:]):
        return "negated"
    if _IRREALIS.search(prefix[-120:]) or _CONTENT_OF.search(prefix[-60:]):
        return "hypothetical"
    if _MODAL.search(prefix[-45:]):
        return (
            "hypothetical"
            if _HYPO.search(sentence)
            and not re.search(r"\b(?:will|going to|expected to|plans? to)\b", prefix[-45:], re.I)
            else "future"
        )
    if re.search(r"\b(?:if|unless)\b", prefix, re.I):
        return "hypothetical"
    return "actual"


def code_events(
    analysis: Analysis,
    *,
    kinds: dict[str, str] | None = None,
    precomputed: dict[int, list[_Ref]] | None = None,
) -> list[Event]:
    """Code every sentence of ``analysis`` into events (or record it as uncodable).

    Parameters
    ----------
    analysis : Analysis
        Output of :meth:`TextPipeline.analyse`.
    kinds : dict, optional
        Actor code -> kind; groupings are not coded as event parties (they are memberships).
    precomputed : dict, optional
        Precomputed :func:`sentence_actors` (saves a pass).

    Returns
    -------
    list of Event
        One event per (cue, source, target) triple, deduplicated per sentence; an uncodable
        record for sentences naming two or more actors without a usable cue.

    Notes
    -----
    Linear in sentences x cues. Confidence = cue strength x 0.8 when an end is a pronoun
    x 0.9 when source and target are more than 60 characters from the cue.
    """
    kinds = kinds or {}
    refs_by = precomputed if precomputed is not None else sentence_actors(analysis)
    text = analysis.text
    out: list[Event] = []
    for s in analysis.sentences:
        refs = [r for r in refs_by[s.idx] if kinds.get(r.actor, "state") != "grouping"]
        actors = {r.actor for r in refs}
        if not actors:
            continue
        if len(actors) < 2:
            # one actor cannot make an event (source and target must differ): only whether
            # some cue is present matters, for the uncodable record; one regex pass answers it
            sc, hay = _scanner(s.text)
            if sc.any.search(hay):
                out.append(_uncodable(s, actors, 1))
            continue
        found: dict[tuple[str, str, str], Event] = {}
        for ev in _anti(s.idx, s.start, refs, text):
            found[(ev.source or "", ev.target or "", "REJECT")] = ev
        cue_hits = 0
        taken: list[tuple[int, int]] = []
        sc, hay = _scanner(s.text)
        for ci in sc.present(hay):
            cue = CUES[ci]
            for m in sc.each[ci].finditer(hay):
                cs, ce = s.start + m.start(), s.start + m.end()
                if any(a < ce and cs < b for a, b in taken):
                    continue  # a longer, earlier-listed cue already covers these words
                taken.append((cs, ce))
                cue_hits += 1
                mode = ""
                for src, tgt, dist in _pairs(cue, refs, text, cs, ce, s.start, s.end):
                    if src.actor == tgt.actor:
                        continue
                    if not mode:  # the same for every pair of this cue
                        prefix = text[s.start : cs]
                        mode = _mode(_CLAUSE.split(prefix)[-1] if prefix else "", s.text)
                    conf = cue.strength
                    if "pronoun" in (src.via, tgt.via):
                        conf *= 0.8
                    if dist > 60:
                        conf *= 0.9
                    key = (src.actor, tgt.actor, cue.plover)
                    ev = Event(
                        s.idx,
                        min(src.start, cs),
                        max(tgt.end, ce),
                        src.actor,
                        tgt.actor,
                        cue.plover,
                        cue.cameo,
                        cue.goldstein,
                        mode,
                        cue.aspect,
                        round(conf, 3),
                        s.text[m.start() : m.end()],
                    )
                    if key not in found or found[key].confidence < ev.confidence:
                        found[key] = ev
        out.extend(found.values())
        if not found and (len(actors) >= 2 or (cue_hits and actors)):
            out.append(_uncodable(s, actors, cue_hits))
    return out


def _uncodable(s: Sentence, actors: set[str], cue_hits: int) -> Event:
    reason = (
        "names two or more actors but no event cue"
        if cue_hits == 0
        else "event cue without both a source and a target actor"
    )
    return Event(
        s.idx, s.start, s.end, None, None, None, None, None, "actual", uncodable=True, reason=reason
    )


_PREP = re.compile(
    r"\b(?:in|on|at|during|of|near|from|towards?|over|about|against|for|to|with|into|"
    r"between|by|across|around|than|like|anti-)\s*(?:the\s+)?$",
    re.I,
)


_RIGHT_CLAUSE = re.compile(
    r"[;:]|,\s+(?:(?!(?:including|excluding|regarding|concerning|involving|following|"
    r"notwithstanding|during)\b)\w+ing|but|while|whereas|although|though)\b",
    re.I,
)
"""Between a cue and a later actor: a new clause starts (participle, relative, contrast)."""

_MAX_GAP = 50
"""Most characters between a source group and its cue (a longer gap usually hides a verb)."""


def _subject(r: _Ref, text: str, s0: int) -> bool:
    """A reference that can be a source: not the object of a preposition, not ``anti-X``."""
    return not _PREP.search(text[max(s0, r.start - 14) : r.start])


def _pairs(
    cue: Cue, refs: list[_Ref], text: str, cs: int, ce: int, s0: int, s1: int
) -> list[tuple[_Ref, _Ref, int]]:
    left = [r for r in refs if r.end <= cs]
    right = [r for r in refs if r.start >= ce]
    out: list[tuple[_Ref, _Ref, int]] = []
    lgroups = [g for g in _groups(left, text) if _subject(g[0], text, s0)]
    rgroups = _groups(right, text)
    lg = lgroups[-1] if lgroups else []
    # a possessor right before the cue is its source: "its support for", "Beijing's backing of"
    if (
        left
        and re.fullmatch(r"(?:'s)?\s*(?:\w+\s+)?", text[left[-1].end : cs])
        and (left[-1].via == "pronoun" or text[left[-1].end : left[-1].end + 2] == "'s")
    ):
        lg = [left[-1]]
    # the source group must lie in the same clause as the cue, and close to it
    if lg and (_CLAUSE.search(text[lg[-1].end : cs]) or cs - lg[-1].end > _MAX_GAP):
        lg = []
    rg = rgroups[0] if rgroups and rgroups[0][0].start - ce <= 60 else []
    if rg and _RIGHT_CLAUSE.search(text[ce : rg[0].start]):
        rg = []  # the actor belongs to another clause: "the alliance, obstructing Beijing"
    between = text[ce : rg[0].start] if rg else ""
    if cue.mutual and len(lg) >= 2:
        # "X and Y strengthen their ties": a relation inside the group (when close to the cue).
        # "X and Y clash with Z": the group acts together against Z, so no conflict between X
        # and Y; a cooperative cue toward Z ("X and Y keep close ties with Z") still shows X
        # and Y on one side.
        # "... ties with Z", "... closer to Z"; not "to counter Z" (an infinitive)
        toward = bool(
            re.match(r"^\s*(?:with|toward|towards)\b|^\s*to\s*(?:the\s+)?$", between, re.I)
        )
        if cs - lg[-1].end <= 60 and not (toward and rg and cue.goldstein < 0):
            for i, a in enumerate(lg):
                for b in lg[i + 1 :]:
                    out.append((a, b, cs - a.end))
        if not toward:
            return out
    if lg and rg:
        for a in lg:
            for b in rg:
                out.append((a, b, max(cs - a.end, b.start - ce)))
    elif rg and cue.mutual and len(rg) >= 2 and re.search(r"\bbetween\s*$", between):
        for i, a in enumerate(rg):
            for b in rg[i + 1 :]:
                out.append((a, b, b.start - ce))
    return out


def _anti(sent: int, s0: int, refs: list[_Ref], text: str) -> list[Event]:
    """``X ... anti-Y coalition``: every actor of the first group stands against Y."""
    out: list[Event] = []
    if not refs or "anti-" not in text[s0 : max(r.start for r in refs)].lower():
        return out
    for r in refs:
        if re.search(r"\banti-\s*$", text[max(s0, r.start - 6) : r.start], re.I):
            others = [o for o in refs if o.actor != r.actor and o.end <= r.start]
            grp = _groups(others, text)
            for o in grp[0] if grp else []:
                out.append(
                    Event(
                        sent,
                        o.start,
                        r.end,
                        o.actor,
                        r.actor,
                        "REJECT",
                        "120",
                        -4.0,
                        "actual",
                        "state",
                        0.7,
                        "anti-",
                    )
                )
    return out

"""A reader for the CAMEO verb-pattern dictionary of the PETRARCH2 coder (``CAMEO.2.0.txt``).

The file (Open Event Data Alliance, MIT; shipped in ``ingest/eventdata`` with its source) holds
synonym sets, then verb blocks. Its format, as documented in PETRARCH2's
``PETRreader.read_verb_dictionary``:

* ``&NAME`` starts a synonym set, each following ``+WORD`` line a member (``_`` joins words);
* ``---  NAME   [code]  ---`` starts a verb block, ``[---]`` meaning no code of its own;
* a verb line is ``WORD {FORMS} [code]`` (irregular forms in braces, an own code optional) or
  ``+VERB_PARTICLE {FORMS} [code]`` for a phrasal verb;
* a pattern line is ``- WORDS [code]``: ``*`` marks the verb, ``$`` the source, ``+`` the
  target, ``^`` skips a phrase, ``{A B}`` is a noun phrase, ``(PREP ...)`` a prepositional
  phrase and ``&NAME`` a synonym set; as in PETRARCH2 a block's patterns apply to all its verbs;
* a code ``[042:043]`` is a source:target pair (the first is the event's); ``#`` starts a
  comment;
* ``[---]`` on a pattern means "no event" (PETRARCH2 stops at the first matching pattern, so
  ``- * OPPORTUNITY [---]`` keeps "seize the opportunity" from the block's arrests); on a verb
  line it means the verb codes nothing by itself, only through its block's patterns
  (:data:`NULL_CODE`), whatever the block's code.

This module reads the file into plain data; :mod:`realpolitik.ingest.cameo_plover` maps the
codes to PLOVER types and builds the coder's verb entries.

Examples
--------
>>> text = '''&FOOD
... +RICE
... +GRAIN
...
... ####### VERB PATTERNS #######
... ---  SEND   [070]  ---
... SEND {SENT SENDING}
... +SEND_OFF [020]
... DISPATCH [---]
... - * TROOPS (TO BORDER)        [154]  # my own example
... - * &FOOD                     [073:073]
... - * GREETINGS                 [---]
... '''
>>> d = parse_cameo(text)
>>> d.blocks[0].code, [(v.lemma, v.particle, v.code) for v in d.blocks[0].verbs]
('070', [('send', '', ''), ('send', 'off', '020'), ('dispatch', '', '---')])
>>> [(sorted(p.objects), p.code) for p in d.blocks[0].patterns]
[(['troop', 'troops'], '154'), (['grain', 'rice'], '073'), (['greeting', 'greetings'], '')]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from realpolitik.errors import InputError

__all__ = [
    "CAMEO_FILE",
    "NULL_CODE",
    "CameoBlock",
    "CameoDictionary",
    "CameoPattern",
    "CameoVerb",
    "load_cameo",
    "parse_cameo",
    "singular",
]

CAMEO_FILE = Path(__file__).with_name("eventdata") / "CAMEO.2.0.txt"
PARTICLES = frozenset(
    {
        "about",
        "across",
        "after",
        "against",
        "ahead",
        "along",
        "amid",
        "among",
        "apart",
        "around",
        "as",
        "aside",
        "at",
        "away",
        "back",
        "before",
        "behind",
        "between",
        "beyond",
        "by",
        "despite",
        "down",
        "during",
        "for",
        "forth",
        "forward",
        "from",
        "in",
        "into",
        "of",
        "off",
        "on",
        "onto",
        "out",
        "over",
        "since",
        "through",
        "to",
        "toward",
        "towards",
        "under",
        "until",
        "up",
        "upon",
        "with",
        "within",
        "without",
    }
)
"""English particles and prepositions: a bare one right after the verb is its particle."""

NULL_CODE = "---"
"""A verb's code when its line says ``[---]``: no event of its own, whatever its block's."""

_FUNCTION_WORDS = PARTICLES | {"a", "an", "the", "of", "its", "his", "her", "their"}
"""Words that are never a pattern's head noun."""
_CODE = re.compile(r"\[([^\]]*)\]\s*$")
_TOKEN = re.compile(r"\([^)]*\)|\{[^}]*\}|[^\s(){}]+")


@dataclass(frozen=True)
class CameoVerb:
    """One verb of a block: lemma, particle of a phrasal verb, and its own CAMEO code ("" for
    none given, :data:`NULL_CODE` for ``[---]``)."""

    lemma: str
    particle: str = ""
    code: str = ""


@dataclass(frozen=True)
class CameoPattern:
    """One pattern: the verb's particle or preposition, its object head nouns, the code ("" for
    ``[---]``: no event), the verbs its comment names (where the pattern was first found), the
    head's modifiers, and its other content words, each as the forms it stands for:
    ``extra``, those after its first constituent ("DEMONSTRATION (IN SOLIDARITY)" has the
    extra word "solidarity"; the coder looks for them in the verb's clause), and ``before``,
    those before the verb ("UNION * CALL": a trade union's refusal, found only before it)."""

    particle: str
    objects: frozenset[str]
    code: str
    found: tuple[str, ...] = ()
    modifiers: frozenset[str] = frozenset()
    extra: tuple[frozenset[str], ...] = ()
    before: tuple[frozenset[str], ...] = ()


@dataclass
class CameoBlock:
    """A verb block: name, block code ("" for ``[---]``), verbs and patterns."""

    name: str
    code: str
    verbs: list[CameoVerb] = field(default_factory=list)
    patterns: list[CameoPattern] = field(default_factory=list)


@dataclass
class CameoDictionary:
    """The synonym sets and verb blocks of a CAMEO verb dictionary."""

    synonyms: dict[str, frozenset[str]] = field(default_factory=dict)
    blocks: list[CameoBlock] = field(default_factory=list)


def singular(word: str) -> str:
    """A regular English singular (the dictionary writes nouns as they appear in text).

    Examples
    --------
    >>> singular("rallies"), singular("talks"), singular("crises"), singular("press")
    ('rally', 'talk', 'crisis', 'press')
    """
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("ses") and len(w) > 4 and w[-4] in "i":
        return w[:-2] + "is"
    if w.endswith(("ches", "shes", "xes", "sses")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def _forms(word: str) -> set[str]:
    """A pattern noun's spelling and its singular readings: spelling cannot tell "crises"
    (crisis) from "exercises" (exercise), so a word in *-ises* has both.

    Examples
    --------
    >>> sorted(_forms("EXERCISES")), sorted(_forms("talks"))
    (['exercise', 'exercises', 'exercisis'], ['talk', 'talks'])
    """
    w = word.lower()
    out = {w, singular(w)}
    if w.endswith("ises"):
        out.add(w[:-1])
    return out


def _code(raw: str) -> str:
    """The event's code of ``[src:tgt]`` (source side first), "" for ``---`` or none."""
    for part in raw.split(":"):
        part = part.strip()
        if part and part[0].isdigit():
            return part
    return ""


def _word(word: str, synonyms: dict[str, frozenset[str]]) -> set[str]:
    """The lemmas one pattern word stands for (a synonym set is all its members)."""
    if word.startswith("&"):
        return set(synonyms.get(word.rstrip("_"), frozenset()))
    if not re.fullmatch(r"[A-Za-z][A-Za-z\-']*", word) or word.lower() in _FUNCTION_WORDS:
        return set()
    return _forms(word)


def _split(words: str) -> list[str]:
    """A pattern's words, with ``_``-joined ones apart (``AIR_STRIKE`` is "air strike"; a
    synonym set's name, ``&FIGHT_CRIM``, stays whole).

    Examples
    --------
    >>> _split("{NIGHT_RAID} &FIGHT_CRIM")
    ['{NIGHT', 'RAID}', '&FIGHT_CRIM']
    """
    return [p for w in words.split() for p in ([w] if w.startswith("&") else w.split("_")) if p]


def _words(token: str, synonyms: dict[str, frozenset[str]]) -> tuple[set[str], set[str]]:
    """(head nouns, modifiers) of a pattern token: ``{TRADE &TREATY}`` is a treaty (the
    head, last) modified by "trade"."""
    inner = _split(token.strip("{}"))
    if not inner:
        return set(), set()
    mods = {m for w in inner[:-1] for m in _word(w, synonyms)}
    return _word(inner[-1], synonyms), mods


def _pattern(
    body: str, code: str, synonyms: dict[str, frozenset[str]], comment: str = ""
) -> CameoPattern | None:
    """The first constituent after the verb: particle and object head nouns."""
    tokens = _TOKEN.findall(body)
    if "*" not in tokens:
        return None
    particle = ""
    objects: set[str] = set()
    mods: set[str] = set()
    after = [t for t in tokens[tokens.index("*") + 1 :] if not _marker(t)]
    used = len(after)
    for k, tok in enumerate(after):
        if tok.startswith("("):
            inner = tok[1:-1].split()
            took = not particle and bool(inner) and inner[0].lower() in PARTICLES
            if took:
                particle = inner[0].lower()
                inner = inner[1:]
            rest = [w for w in inner if w not in ("$", "+", "^")]
            if rest and not objects:
                objects, mods = _words("{" + " ".join(rest) + "}", synonyms)
            # a phrase that gave neither particle nor object ("OFF (FOR)": the verb has its
            # particle already) is a later constituent, kept by _content
            used = k + 1 if took or objects else k
            break
        if not particle and not objects and tok.lower() in PARTICLES:
            particle = tok.lower()
            continue
        objects, mods = _words(tok, synonyms)
        if objects:
            used = k + 1
            break  # else an article or other function word: the head comes later
    # the other words: a restriction before the verb ("GUERRILLA * &WEAPON", "&AIRCRAFT *"),
    # or constituents after the first ("* DEMONSTRATION (IN SOLIDARITY)")
    extra = _content(after[used:], synonyms)
    before = _content(tokens[: tokens.index("*")], synonyms)
    if not (particle or objects or extra or before):
        return None
    found = tuple(
        w.lower().split("_")[0] for w in re.findall(r"[A-Z][A-Z_]+", comment.split(" - ")[0])
    )
    return CameoPattern(particle, frozenset(objects), code, found, frozenset(mods), extra, before)


def _content(tokens: list[str], synonyms: dict[str, frozenset[str]]) -> tuple[frozenset[str], ...]:
    """The content words of pattern tokens, each as the set of forms it stands for (markers,
    prepositions and articles left out): ``(IN SOLIDARITY)`` -> ``({"solidarity"},)``; a
    phrase that is only a preposition requires the preposition, ``(OF)`` -> ``({"of"},)``
    (without it, ``* PROTEST (OF)`` would be ``* PROTEST`` written again).

    Examples
    --------
    >>> _content(["(IN SOLIDARITY)", "(OF)"], {})
    (frozenset({'solidarity'}), frozenset({'of'}))
    """
    out: list[frozenset[str]] = []
    for t in tokens:
        if _marker(t):
            continue
        words = [w for w in _split(t.strip("(){}")) if not _marker(w)]
        groups = [g for g in (frozenset(_word(w, synonyms)) for w in words) if g]
        if not groups and t.startswith("(") and t.endswith(")") and len(words) == 1:
            groups = [frozenset({words[0].lower()})]
        out.extend(groups)
    return tuple(out)


def _marker(token: str) -> bool:
    """A source, target or skip marker of a pattern (``$``, ``+``, ``^``, ``%``, ``+WORD``)."""
    return token in ("$", "+", "^", "%") or token.startswith(("$", "+", "^"))


def _verb(line: str) -> CameoVerb | None:
    """A verb line: ``WORD {FORMS} [code]`` or ``+VERB_PARTICLE {FORMS} [code]``."""
    m = _CODE.search(line)
    code = (_code(m.group(1)) or NULL_CODE) if m else ""
    head = re.sub(r"\{[^}]*\}", " ", line[: m.start()] if m else line).split()
    if not head:
        return None
    parts = head[0].lstrip("+").lower().strip("_").split("_")
    if not parts[0].isalpha():
        return None
    return CameoVerb(parts[0], " ".join(parts[1:]), code)


def _synonyms(lines: list[str]) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    name = ""
    for line in lines:
        s = line.split("#", 1)[0].strip()
        if s.startswith("&"):
            name = s.rstrip("_")
            out.setdefault(name, set())
        elif s.startswith("+") and name:
            word = s[1:].strip("_")
            # one-word members only: the coder matches single object lemmas, and the last
            # word of "cease_fire" is not what the set means
            if word.replace("-", "").isalpha():
                out[name] |= _forms(word)
        elif not s:
            name = ""
    return {k: frozenset(v) for k, v in out.items()}


def parse_cameo(text: str, where: str = "CAMEO dictionary") -> CameoDictionary:
    """Read a CAMEO verb dictionary's text (see the module notes for the format).

    Raises
    ------
    InputError
        Naming ``where`` and the line when the verb patterns section is missing or a line
        of a block cannot be read.
    """
    lines = text.splitlines()
    start = next((i for i, ln in enumerate(lines) if "VERB PATTERNS" in ln), None)
    if start is None:
        raise InputError(f"{where}: no '####### VERB PATTERNS #######' section")
    out = CameoDictionary(synonyms=_synonyms(lines[:start]))
    block: CameoBlock | None = None
    forms: set[str] = set()  # irregular forms of the listed verbs
    for no, raw in enumerate(lines[start + 1 :], start + 2):
        line, _, comment = raw.partition("#")
        line = line.rstrip()
        if not line.strip():
            continue
        if line.startswith("---"):
            m = re.match(r"---\s+(\S+)\s+\[([^\]]*)\]", line)
            if m is None:
                raise InputError(f"{where}:{no}: expected '---  NAME   [code]  ---'")
            block = CameoBlock(m.group(1), _code(m.group(2)))
            out.blocks.append(block)
        elif block is None:
            raise InputError(f"{where}:{no}: a verb or pattern before the first verb block")
        elif line.startswith("-"):
            m = _CODE.search(line)
            if m is None:
                continue  # a pattern without a code codes nothing
            pat = _pattern(line[1 : m.start()], _code(m.group(1)), out.synonyms, comment)
            if pat is not None:  # a "[---]" pattern (code "") is kept: it blocks the verb
                block.patterns.append(pat)
        else:
            verb = _verb(line)
            if verb is not None:
                block.verbs.append(verb)
                forms |= {f.lower() for b in re.findall(r"\{([^}]*)\}", line) for f in b.split()}
    _add_named_verbs(out, forms)
    return out


def _inflected(word: str, listed: set[str], forms: set[str]) -> bool:
    """Is ``word`` a listed verb, one of its irregular forms, or a regular inflection of one
    ("stepped", "rallied", "ruled")?"""
    if word in listed or word in forms:
        return True
    for end in ("ing", "ed", "es", "s"):
        stem = word[: -len(end)]
        if word.endswith(end) and {stem, stem + "e", stem[:-1], stem[:-1] + "y"} & listed:
            return True
    return word.endswith("ied") and word[:-3] + "y" in listed


def _add_named_verbs(d: CameoDictionary, forms: set[str]) -> None:
    """A verb that a block's pattern comments name (the verb each pattern was written for) but
    that no block lists joins that block.

    CAMEO 2.0 names URGE in 22 comments of its DEMAND block and lists it nowhere, so its
    patterns could never apply. The verb's own code (for a use no pattern matches) is the
    family most of those patterns give (URGE: 19 of 22 are appeals, 020), not the block's
    (DEMAND, 100). Inflected forms in the comments ("RULED_OUT" for RULE_OUT) and phrasal
    verbs written as one word ("PULLBACK") are the listed verbs, not new ones.
    """
    listed = {v.lemma for b in d.blocks for v in b.verbs}
    listed |= {v.lemma + v.particle.replace(" ", "") for b in d.blocks for v in b.verbs}
    for block in d.blocks:
        named = {p.found[0] for p in block.patterns if p.found and p.found[0].isalpha()}
        for word in sorted(named):
            if not _inflected(word, listed, forms):
                roots = Counter(p.code[:2] for p in block.patterns if p.found[:1] == (word,))
                roots.pop("", None)
                code = roots.most_common(1)[0][0] + "0" if roots else ""
                block.verbs.append(CameoVerb(word, "", code))
                listed.add(word)


@lru_cache(maxsize=1)
def load_cameo(path: str | Path = CAMEO_FILE) -> CameoDictionary:
    """Read a CAMEO verb dictionary file (default: the shipped ``CAMEO.2.0.txt``; cached).

    Raises
    ------
    InputError
        When the file cannot be read or is malformed.
    """
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise InputError(f"cannot read CAMEO dictionary {path}: {exc}") from exc
    return parse_cameo(text, str(path))

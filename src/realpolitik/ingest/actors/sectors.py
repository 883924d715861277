"""Sector of an actor mention, read from the words that follow it ("Chinese military" -> MIL).

Codes follow the CAMEO actor-role codes that PLOVER records carry in ``sector``: GOV
(government), MIL (military), COP (police), REB (rebels, insurgents), OPP (opposition), BUS
(business), MED (media), JRN (journalists), LEG (legislature), JUD (judiciary), CVL (civilians),
REF (refugees), EDU (education), PTY (parties), ELI (elites, e.g. former office holders).
"""

from __future__ import annotations

from .matcher import PhraseIndex, Token

__all__ = ["SECTORS", "sector_after", "sector_before"]

_WORDS: dict[str, tuple[str, ...]] = {
    "GOV": (
        "government",
        "governments",
        "administration",
        "authorities",
        "official",
        "officials",
        "ministry",
        "minister",
        "ministers",
        "foreign ministry",
        "foreign minister",
        "defence ministry",
        "defense ministry",
        "defence minister",
        "defense minister",
        "president",
        "President",
        "prime minister",
        "Prime Minister",
        "premier",
        "Premier",
        "cabinet",
        "leader",
        "leaders",
        "leadership",
        "diplomat",
        "diplomats",
        "embassy",
        "envoy",
        "envoys",
        "ambassador",
        "regime",
        "negotiator",
        "negotiators",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "delegation",
        "state department",
        "Foreign Ministry",
        "Foreign Minister",
        "Defence Ministry",
        "Defense Ministry",
        "government officials",
        "foreign secretary",
        "Foreign Secretary",
        "Secretary of State",
        "king",
        "King",
        "emperor",
        "Emperor",
        "chancellor",
        "Chancellor",
    ),
    "MIL": (
        "military",
        "militaries",
        "army",
        "navy",
        "air force",
        "armed forces",
        "troops",
        "soldiers",
        "forces",
        "marines",
        "coast guard",
        "Coast Guard",
        "warships",
        "warship",
        "jets",
        "fighter jets",
        "peacekeepers",
        "peacekeeping troops",
        "Army",
        "Navy",
        "Air Force",
        "People's Liberation Army",
        "military officials",
        "generals",
    ),
    "COP": (
        "police",
        "riot police",
        "border guards",
        "border patrol",
        "security forces",
        "police officers",
    ),
    "REB": (
        "rebels",
        "rebel",
        "insurgents",
        "militants",
        "militant",
        "guerrillas",
        "guerrilla",
        "separatists",
        "militia",
        "militias",
        "jihadists",
        "junta",
    ),
    "OPP": (
        "opposition",
        "opposition party",
        "opposition parties",
        "dissidents",
        "dissident",
        "opposition leader",
        "opposition lawmakers",
    ),
    "BUS": (
        "business",
        "businesses",
        "company",
        "companies",
        "firm",
        "firms",
        "industry",
        "exporters",
        "importers",
        "businessmen",
        "corporations",
        "banks",
        "investors",
        "automakers",
        "manufacturers",
        "chipmakers",
        "fisheries industry",
    ),
    "MED": (
        "media",
        "state media",
        "press",
        "state television",
        "television",
        "TV",
        "newspaper",
        "newspapers",
        "news agency",
        "state news agency",
        "broadcaster",
        "state broadcaster",
        "state-run media",
        "state - run media",
        "tabloid",
    ),
    "JRN": ("journalist", "journalists", "reporter", "reporters"),
    "LEG": (
        "parliament",
        "Parliament",
        "lawmakers",
        "legislators",
        "legislature",
        "Congress",
        "congress",
        "Senate",
        "senators",
        "MPs",
        "National Assembly",
        "Diet",
        "Duma",
    ),
    "JUD": (
        "court",
        "courts",
        "judges",
        "judiciary",
        "Supreme Court",
        "supreme court",
        "prosecutors",
        "high court",
    ),
    "CVL": (
        "civilians",
        "citizens",
        "nationals",
        "national",
        "people",
        "residents",
        "fishermen",
        "tourists",
        "villagers",
        "public",
        "protesters",
        "workers",
    ),
    "REF": ("refugees", "refugee", "asylum seekers", "displaced"),
    "EDU": ("students", "universities", "university", "scholars", "academics"),
    "PTY": ("party", "ruling party", "Communist Party", "communist party"),
}

SECTORS: tuple[str, ...] = tuple(sorted(_WORDS))
_INDEX: PhraseIndex[str] = PhraseIndex(
    (form, code)
    for code, phrases in _WORDS.items()
    for phrase in phrases
    for form in (phrase, phrase[:1].upper() + phrase[1:])
)
# Words that may sit between an actor and its sector word ("China's top military officials").
_SKIP = frozenset(
    {
        "'",
        "s",
        "top",
        "senior",
        "main",
        "ruling",
        "state",
        "national",
        "new",
        "former",
        "federal",
        "central",
        "own",
        "local",
        "largest",
        "biggest",
        "major",
        "foreign",
        "defence",
        "defense",
        "interim",
        "caretaker",
    }
)


def sector_after(tokens: list[Token], end: int, limit: int = 4) -> str | None:
    """The sector stated by the words right after token ``end`` (exclusive), or ``None``.

    Up to ``limit`` tokens are examined; possessive ``'s`` and modifiers such as "top" or
    "state" are skipped; the first sector phrase found decides.

    Examples
    --------
    >>> from realpolitik.ingest.actors.matcher import tokenize
    >>> toks = tokenize("Peruvian state media said")
    >>> sector_after(toks, 1)
    'MED'
    >>> sector_after(tokenize("China's top military officials met"), 1)
    'MIL'
    >>> sector_after(tokenize("China said"), 1) is None
    True
    """
    stop = min(len(tokens), end + limit + 2)
    i = end
    while i < stop:
        hit = _INDEX.match_at(tokens, i)
        if hit is not None:
            return hit[1]
        if tokens[i].text not in _SKIP:
            return None
        i += 1
    return None


_LINKS = frozenset({"of", "in", "from"})
# Head nouns between a sector word and the link: "opposition parties in", "rebel leaders from".
_HEADS = frozenset(
    {
        "groups",
        "leaders",
        "members",
        "supporters",
        "figures",
        "units",
        "fighters",
        "commanders",
        "representatives",
    }
)


def sector_before(tokens: list[Token], start: int) -> str | None:
    """The sector of a "<sector> of/in/from [the] <actor>" phrase ending before token ``start``.

    Examples
    --------
    >>> from realpolitik.ingest.actors.matcher import tokenize
    >>> sector_before(tokenize("the government of Japan"), 3)
    'GOV'
    >>> sector_before(tokenize("rebels in the Congo"), 3)
    'REB'
    >>> sector_before(tokenize("Opposition groups in Malawi"), 3)
    'OPP'
    >>> sector_before(tokenize("a visit to Japan"), 3) is None
    True
    """
    k = start - 1
    if k >= 0 and tokens[k].text == "the":
        k -= 1
    if k < 1 or tokens[k].text not in _LINKS:
        return None
    ends = (k, k - 1) if tokens[k - 1].text in _HEADS else (k,)
    for j in range(max(0, k - 5), k):
        hit = _INDEX.match_at(tokens, j)
        if hit is not None and j + hit[0] in ends:
            return hit[1]
    return None

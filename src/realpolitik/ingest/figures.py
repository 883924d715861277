"""Figures: stated amounts with unit and scale, normalised, attached to the sentence's actors.

``USD 24 trillion`` -> 2.4e13 USD; ``1.6 billion people`` -> 1.6e9 people; ``10%`` -> 0.1
fraction; ``300 times`` -> 300 ratio; ``15 consecutive years`` -> 15 years; ``15 economies``
-> 15 count. Calendar years, dates, ordinals (except anniversaries) and footnote markers are
not figures, nor spans of time since something ("six years ago", "five years of rivalry",
"the first visit in 15 years"); numbers written in words are left alone (too ambiguous for
rules) except in deadlines ("within one week" -> 1 weeks). Counted votes, seats and tonnes
carry those units.

Examples
--------
>>> [(f.value, f.unit) for f in find_figures("Trade hit $300 billion, up 12% on 2023.")]
[(300000000000.0, 'USD'), (0.12, 'fraction')]
"""

from __future__ import annotations

import re

from realpolitik.ingest.types import FigureItem

__all__ = ["SCALES", "find_figures"]

SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "tr": 1e12,
}
"""Scale words and their multipliers."""

_CURRENCY = {
    "usd": "USD",
    "us$": "USD",
    "$": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "eur": "EUR",
    "€": "EUR",
    "euros": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "¥": "JPY",
    "jpy": "JPY",
    "yen": "JPY",
    "cny": "CNY",
    "rmb": "CNY",
    "yuan": "CNY",
    "won": "KRW",
    "krw": "KRW",
    "pesos": "PHP",
    "php": "PHP",
    "aud": "AUD",
    "a$": "AUD",
}
_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s?(?P<scale>trillion|billion|million|thousand|bn|mn|tn)\b|(?P<sx>[mbk])\b)?"
_PEOPLE = re.compile(
    r"^(?:\s+\w+){0,2}?\s+(?:people|persons|inhabitants|residents|citizens|visitors|tourists|"
    r"voters|workers|refugees|migrants|troops|soldiers|personnel|users|viewers)\b|"
    r"^\s+(?:of\s+)?(?:people|population)",
    re.I,
)
_PEOPLE_BEFORE = re.compile(
    r"\b(?:population|visitors|tourists|people|inhabitants|residents|troops|soldiers)\b"
    r"[^.;]{0,60}$",
    re.I,
)
_COUNT_NOUN = re.compile(r"^\s+((?:[A-Za-z][\w-]*\s+){0,2}?([a-z][a-z-]+s))\b")
_NOUN_UNIT = {
    "votes": "votes",
    "ballots": "votes",
    "seats": "seats",
    "tons": "tonnes",
    "tonnes": "tonnes",
    "others": "people",
}
"""Counted nouns that carry their own unit ("4.2 million votes", "7.1 million tons")."""
_SINCE = re.compile(
    # spans of time since something are not figures: "six years ago", "five years of
    # rivalry", "in the two weeks since", "the first trip in 12 years"
    r"^\s+(?:ago|since|earlier|before|of\b)"
)
_SPAN_BEFORE = re.compile(
    r"\b(?:first|last|longest|biggest|largest|highest|lowest)\b[^.;,]{0,40}\b(?:in|for)\s+"
    r"(?:the\s+)?(?:past\s+|last\s+|nearly\s+|almost\s+|over\s+|more\s+than\s+)*$|"
    r"\b(?:in|over|during|for)\s+the\s+(?:past|last|previous)\s+(?:nearly\s+|almost\s+)?$",
    re.I,
)
_WORDNUM = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "a": 1,
}  # fmt: skip
_DEADLINE = re.compile(
    # a deadline is a figure: "within one week", "a 30-day ultimatum"
    r"\bwithin\s+(?P<num>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a)\s+"
    r"(?P<unit>days?|weeks?|months?)\b|"
    r"\b(?P<num2>\d+|one|two|three|four|five|six|seven|eight|nine|ten)[- ]"
    r"(?P<unit2>day|week|month)\s+(?:ultimatum|deadline)\b",
    re.I,
)
_HINT = re.compile(r"within|ultimatum|deadline", re.I)
_MONTH = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$", re.I
)
_PATTERNS = [
    (
        "money",
        re.compile(
            r"(?P<cur>US\$|A\$|USD|EUR|GBP|JPY|CNY|RMB|KRW|AUD|PHP|\$|€|£|¥)\s?" + _NUM + _SCALE,
            re.I,
        ),
    ),
    (
        "money2",
        re.compile(
            _NUM + r"\s?(?:(?P<scale>trillion|billion|million|thousand|bn|mn|tn)\s)?"
            r"(?:US\s)?(?P<cur>dollars|euros|yen|yuan|won|pesos)\b",
            re.I,
        ),
    ),
    ("percent", re.compile(_NUM + r"\s?(?:%|percent\b|per cent\b|pct\b)", re.I)),
    ("ratio", re.compile(_NUM + r"\s?(?:times\b|-fold\b|fold\b)", re.I)),
    ("anniversary", re.compile(r"(?P<num>\d+)(?:st|nd|rd|th)\s+anniversary\b", re.I)),
    (
        "years",
        re.compile(
            _NUM + r"\s(?:consecutive\s|straight\s|successive\s|full\s)?years?\b(?!\s+(?:old|ago))",
            re.I,
        ),
    ),
    ("scaled", re.compile(_NUM + r"\s(?P<scale>trillion|billion|million|thousand)\b", re.I)),
    ("count", re.compile(r"(?<![\w.,$€£¥-])" + _NUM + r"(?![\w.%-]|,\d)", re.I)),
]


_DIGIT = re.compile(r"\d")
_NEEDS = {
    # words one of which a match of the pattern contains (lower case): patterns whose words
    # are all absent from a sentence are not run
    "money": ("$", "\u20ac", "\u00a3", "\u00a5", "usd", "eur", "gbp", "jpy", "cny", "rmb", "krw",
              "aud", "php"),
    "money2": ("dollars", "euros", "yen", "yuan", "won", "pesos"),
    "percent": ("%", "percent", "per cent", "pct"),
    "ratio": ("times", "fold"),
    "anniversary": ("anniversary",),
    "years": ("year",),
    "scaled": ("trillion", "billion", "million", "thousand"),
    "count": ("",),
}  # fmt: skip
_DEADLINE_WORDS = ("within", "ultimatum", "deadline")


def _value(num: str) -> float:
    return float(num.replace(",", ""))


def find_figures(
    text: str, *, offset: int = 0, sent: int = 0, actors: tuple[str, ...] = ()
) -> list[FigureItem]:
    """Figures stated in one sentence.

    Parameters
    ----------
    text : str
        The sentence.
    offset : int
        Character offset of the sentence in the document (spans are document offsets).
    sent : int
        Sentence index written on each figure.
    actors : tuple of str
        Actors of the sentence, attached to each figure.

    Notes
    -----
    One pass per pattern, most specific first; a later pattern never re-reads characters an
    earlier one consumed. O(len(text)).
    """
    if not _DIGIT.search(text):
        if _HINT.search(text):
            return _deadlines(text, offset, sent, actors, [])
        return []  # every pattern needs a digit: most sentences are done in one scan
    taken: list[tuple[int, int]] = []
    out: list[FigureItem] = []
    low = text.lower()
    for kind, pat in _PATTERNS:
        if not any(w in low for w in _NEEDS[kind]):
            continue
        for m in pat.finditer(text):
            s, e = m.start(), m.end()
            if any(a < e and s < b for a, b in taken):
                continue
            g = m.groupdict()
            num = g.get("num") or ""
            if not num:
                continue
            v = _value(num)
            scale_word = (g.get("scale") or g.get("sx") or "").lower()
            scale = SCALES.get(scale_word, 1.0)
            unit = ""
            noun = ""
            if kind in ("money", "money2"):
                unit = _CURRENCY.get((g.get("cur") or "").lower(), "USD")
                v *= scale
            elif kind == "percent":
                unit, v = "fraction", v / 100.0
            elif kind == "ratio":
                unit = "ratio"
            elif kind in ("anniversary", "years"):
                unit = "years"
                if kind == "years" and "." not in num and 1800 <= v <= 2100:
                    continue
                if kind == "years" and (_SINCE.match(text[e:]) or _SPAN_BEFORE.search(text[:s])):
                    continue
            elif kind == "scaled":
                v *= scale
                after = text[e : e + 60]
                unit = (
                    "people"
                    if (_PEOPLE.match(after) or _PEOPLE_BEFORE.search(text[:s]))
                    else "count"
                )
                cm = _COUNT_NOUN.match(after)
                noun = cm.group(2) if cm else ""
                unit = _NOUN_UNIT.get(noun.lower(), unit) if cm and cm.start(1) < 2 else unit
            else:  # a bare number: a figure only with a counted plural noun after it
                if "." in num or (1800 <= v <= 2100) or _MONTH.search(text[:s]):
                    continue
                if re.match(r"^(?:st|nd|rd|th)\b|^\s*-\s*\d", text[e : e + 4]):
                    continue
                cm = _COUNT_NOUN.match(text[e : e + 60])
                if not cm or cm.group(2) in {"years", "months", "days", "weeks", "times"}:
                    continue
                noun = cm.group(2)
                unit = "people" if _PEOPLE.match(text[e : e + 40]) else "count"
                unit = _NOUN_UNIT.get(noun.lower(), unit) if cm.start(1) < 2 else unit
                e = e + cm.end()
            out.append(FigureItem(sent, offset + s, offset + e, text[s:e], v, unit, noun, actors))
            taken.append((s, e))
    if any(w in low for w in _DEADLINE_WORDS):
        out.extend(_deadlines(text, offset, sent, actors, taken))
    out.sort(key=lambda f: f.start)
    return out


def _deadlines(
    text: str, offset: int, sent: int, actors: tuple[str, ...], taken: list[tuple[int, int]]
) -> list[FigureItem]:
    """Deadlines ("within one week") in days, weeks or months, numbers in words allowed."""
    out = []
    for m in _DEADLINE.finditer(text):
        num = (m.group("num") or m.group("num2") or "").lower()
        unit = (m.group("unit") or m.group("unit2") or "").lower().rstrip("s") + "s"
        v = float(num) if num.isdigit() else float(_WORDNUM.get(num, 0))
        s = m.start("num") if m.group("num") else m.start()
        e = m.end("unit") if m.group("unit") else m.end("unit2")
        if not v or any(a < e and s < b for a, b in taken):
            continue
        out.append(FigureItem(sent, offset + s, offset + e, text[s:e], v, unit, "", actors))
    return out

"""Cleaning article text: page furniture out, footnote markers off, typography normalised.

Page furniture (cookie banners, share buttons, comment forms, photo credits, "reading time",
author boxes and disclaimers) is removed line by line by patterns that describe the *kind* of
line, never a particular site; pull-quotes (a paragraph that repeats text found in another
paragraph) are dropped; footnote numbers glued to words or sentence ends ("China.1Both") are
taken off. What was removed is returned so that a reader can audit it.

Examples
--------
>>> c = clean_text("Tokyo and Seoul met.3 Both sides agreed.\\nShare this page:\\n")
>>> c.text
'Tokyo and Seoul met. Both sides agreed.'
>>> c.furniture
['Share this page:']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["PULL_QUOTE_PARAGRAPHS", "Cleaned", "clean_text", "normalise_typography"]

_TYPO = {
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u2032": "'",
    "\u2013": "-",
    "\u2011": "-",
    "\u2010": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u2026": "...",
    "\u00ad": "",
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\ufeff": "",
}
_TYPO_RE = re.compile("|".join(map(re.escape, _TYPO)))
_EMDASH = re.compile(r"\s*\u2014\s*")


def normalise_typography(text: str) -> str:
    """Straight quotes, plain hyphens, ``' - '`` for em dashes, no soft hyphens or odd spaces.

    Examples
    --------
    >>> normalise_typography("\u201cyes\u201d\u2014Korea\u2013Japan")
    '"yes" - Korea-Japan'
    """
    text = _TYPO_RE.sub(lambda m: _TYPO[m.group(0)], text)
    return _EMDASH.sub(" - ", text)


# Whole-line furniture: each pattern describes a kind of line found on news and blog pages.
# (pattern, most words a line may have for it to apply (0: any), words one of which any match
# contains in the lower-cased line: a substring test that skips the regex on most lines)
_FURNITURE: list[tuple[re.Pattern[str], int, tuple[str, ...]]] = [
    (re.compile(r"\breading time\b", re.I), 8, ("reading time",)),
    (re.compile(r"\b(?:min(?:ute)?s?) read\b", re.I), 6, (" read",)),
    (
        re.compile(r"\b(?:uses?|using) cookies\b|\bcookie (?:policy|settings|preferences)\b", re.I),
        0,
        ("cookie",),
    ),
    (re.compile(r"\bopt[- ]out\b.*\bif you wish\b", re.I), 0, ("if you wish",)),
    (re.compile(r"^(?:accept|accept all|reject all|got it|i agree|ok)$", re.I), 0, ("",)),
    (
        re.compile(r"^share(?: (?:the|this) (?:post|article|story|page))?\s*:?$", re.I),
        0,
        ("share",),
    ),
    (re.compile(r"^(?:share on|tweet|email|print|copy link|follow us)\b", re.I), 6, ("",)),
    (re.compile(r"^leave a (?:reply|comment)\b", re.I), 6, ("leave a ",)),
    (
        re.compile(r"\byour email address will not be published\b", re.I),
        0,
        ("email address",),
    ),
    (re.compile(r"\brequired fields are marked\b", re.I), 0, ("required fields",)),
    (re.compile(r"^(?:post comment|submit|name\*?|email\*?|website)$", re.I), 0, ("",)),
    (
        re.compile(
            r"^(?:latest|related(?: posts| articles| stories)?|read more|recommended|"
            r"most read|advertisement|sponsored|more from \w+)\s*:?$",
            re.I,
        ),
        0,
        ("",),
    ),
    (re.compile(r"\bsubscribe\b.*\bnewsletter\b", re.I), 15, ("newsletter",)),
    (
        re.compile(r"\b(?:photo|image|picture|illustration)s?(?: credits?)?\s*:", re.I),
        16,
        (":",),
    ),
    (re.compile(r"^(?:photo|image) (?:by|courtesy of)\b", re.I), 16, ("photo", "image")),
    # a photo caption: one short present-tense sentence about what a picture shows
    (
        re.compile(
            r"^[^.!?]*\b(?:is|are) (?:seen|pictured|shown|displayed)\b(?! as\b)[^.!?]*\.?$|"
            r"\b(?:REUTERS|AFP|AP Photo|EPA|Getty Images)/",
        ),
        30,
        ("is ", "are ", "/"),
    ),
    (
        re.compile(r"\u00a9|\bcopyright\b|\ball rights reserved\b", re.I),
        20,
        ("\u00a9", "copyright", "all rights reserved"),
    ),
    (
        re.compile(
            r"\b(?:this|the) (?:article|piece|post|commentary) (?:reflects|represents) "
            r"the (?:author|writer)",
            re.I,
        ),
        0,
        (" the author", " the writer"),
    ),
    (re.compile(r"\bviews expressed\b.*\b(?:author|writer)s?\b", re.I), 0, ("views expressed",)),
    (re.compile(r"\bnot necessarily (?:reflect )?the views of\b", re.I), 0, ("the views of",)),
    (re.compile(r"^(?:about the author|author bio|author)\s*:", re.I), 0, ("author",)),
]
_DATE_LINE = re.compile(r"^(?:date|published|posted|updated)\s*:?\s*(.{4,40}?)\.?$", re.I)
_BYLINE = re.compile(
    r"^[Bb][Yy]\s+((?:[A-Z][A-Za-z.'\-]+)(?:\s+(?:[A-Z][A-Za-z.'\-]+|van|von|de|da|bin)){0,4})$"
)
_DATELINE = re.compile(
    # a wire dateline opening the first paragraph: "LIMA, June 3 (Some Agency) --",
    # "OSLO (Some News) -", "QUITO -" (em dashes are " - " after normalisation)
    r"^(?P<line>[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3}"
    r"(?:, [A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?)?(?: \([A-Z][\w .&-]{1,40}\))? (?:--?|:)) "
)
_BIO_NAME = re.compile(
    r"^(?:about the author|author)\s*:\s*([A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3})"
)

# Footnote markers: digits glued after a sentence end (letter + . ! ? and optional quote) and
# before a capital, a quote, a space or the end of the line; or a number opening a sentence.
_FOOT_GLUED = re.compile(r'(?<=[A-Za-z)\]][.!?])("?)(\d{1,3})(?=[A-Z"\s]|$)')
_FOOT_SPACED = re.compile(r'(?<=[.!?"]) (\d{1,3})(?=[A-Z"][a-z])')
_WS = re.compile(r"[ \t]+")


def parse_date(text: str) -> str:
    """ISO date (as precise as stated) from a free-form date, or ``''`` (read by dateparser:
    :func:`realpolitik.ingest.dates.normalise_date`).

    Examples
    --------
    >>> parse_date("March 24, 2025")
    '2025-03-24'
    >>> parse_date("7 Feb 2024")
    '2024-02-07'
    """
    from realpolitik.ingest.dates import normalise_date

    return normalise_date(text) or ""


@dataclass
class Cleaned:
    """Cleaned text plus what was taken out and the metadata found on the way."""

    text: str
    furniture: list[str] = field(default_factory=list)
    date: str = ""
    author: str = ""
    footnotes: int = 0
    pull_quotes: int = 0


def _is_furniture(line: str) -> bool:
    words = len(line.split())
    low = line.lower()
    for pat, max_words, needs in _FURNITURE:
        if (
            (max_words == 0 or words <= max_words)
            and any(w in low for w in needs)
            and pat.search(line)
        ):
            return True
    return False


_GLUE = re.compile(r'(?<=[a-z][.!?])(")?(?=[A-Z])')


def _respace(line: str) -> str:
    """Put back the space a glued footnote hid: ``met.Both`` -> ``met. Both``.

    A quote between the sentence end and the capital closes a quotation when an odd number of
    quotes precede it, else it opens the next sentence.
    """

    def fix(m: re.Match[str]) -> str:
        if not m.group(1):
            return " "
        return '" ' if line.count('"', 0, m.start()) % 2 == 1 else ' "'

    return _GLUE.sub(fix, line)


def _key(par: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", "", par.lower()).strip()


PULL_QUOTE_PARAGRAPHS = 1_000
"""Most paragraphs a text may have for paragraphs quoted inside others to be looked for."""


def clean_text(text: str, known: Callable[[str], bool] | None = None) -> Cleaned:
    """Remove page furniture, pull-quotes and footnote markers; normalise typography.

    Parameters
    ----------
    text : str
        Article text, one paragraph per line (blank lines allowed).
    known : callable, optional
        ``known(name)`` says whether a byline's author is a person the caller tracks (an
        official or expert writing under their name); such a byline stays in the text as a
        mention of them. Other bylines (reporters) are furniture.

    Returns
    -------
    Cleaned
        ``text`` has one paragraph per line; ``furniture`` lists removed lines.

    Notes
    -----
    Linear in the text length, except the pull-quote check, which compares each paragraph
    with the others (quadratic in the number of paragraphs, a few dozen in an article); in a
    text of more than :data:`PULL_QUOTE_PARAGRAPHS` paragraphs only exact repeats are removed.
    """
    out = Cleaned(text="")
    paragraphs: list[str] = []
    for raw in normalise_typography(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n"):
        line = _WS.sub(" ", raw).strip()
        if not line:
            continue
        dm = _DATE_LINE.match(line)
        if dm and parse_date(dm.group(1)):
            out.date = out.date or parse_date(dm.group(1))
            out.furniture.append(line)
            continue
        bio = _BIO_NAME.match(line)
        if bio and not out.author:
            out.author = bio.group(1)
        if _is_furniture(line):
            out.furniture.append(line)
            continue
        by = _BYLINE.match(line)
        if by:
            out.author = out.author or by.group(1)
            if known is None or not known(by.group(1)):
                out.furniture.append(line)
                continue
        if not paragraphs:
            dl = _DATELINE.match(line)
            if dl and len(line) > dl.end() + 20 and line[dl.end()].isupper():
                out.furniture.append(dl.group("line"))
                line = line[dl.end() :]
        line, n1 = _FOOT_GLUED.subn(lambda m: m.group(1), line)
        line, n2 = _FOOT_SPACED.subn("", line)
        out.footnotes += n1 + n2
        line = _respace(line)
        paragraphs.append(line)
    keys = [_key(p) for p in paragraphs]
    keep: list[str] = []
    seen: set[str] = set()
    # inside other paragraphs only in an article-sized text (a long report or book has no
    # pull-quotes, and the check is quadratic); exact repeats always
    inside = len(keys) <= PULL_QUOTE_PARAGRAPHS
    for i, (par, key) in enumerate(zip(paragraphs, keys, strict=True)):
        if len(key.split()) >= 6:
            repeated = key in seen
            seen.add(key)
            quoted = inside and any(
                j != i and len(other) > len(key) and key in other for j, other in enumerate(keys)
            )
            if repeated or quoted:
                out.pull_quotes += 1
                continue
        keep.append(par)
    out.text = "\n".join(keep)
    return out

"""Publication dates of documents: where each comes from, and how free-form dates are read.

Every document gets a date and says where it came from (``date_source``), in this order of
precedence (the first that gives a date wins):

1. ``option`` -- ``ingest --date YYYY-MM-DD`` (one date for every document of the run);
2. ``manifest`` -- a ``manifest.json`` sidecar in the article's folder: a list of objects with
   ``file`` (the article's file name) and ``date`` (also read: ``url``, ``outlet``, ``title``);
3. ``metadata`` -- the page's own metadata: HTML meta tags and JSON-LD (read by htmldate,
   through trafilatura), a JSONL line's ``date``, an RSS/Atom entry's ``published``;
4. ``text`` -- a date stated at the top of the article (the first :data:`TEXT_HEAD` characters:
   a ``Published: ...`` line, a dateline or byline); it must state its year (``Tuesday (April
   19)`` is no date), and is read by dateparser;
5. ``unknown`` -- none of these: the document is stored with no date (``documents.day`` is
   NULL), the ingest report says so, and every as-of system leaves it out
   (:mod:`realpolitik.evidence.asof`).

Free-form dates are read by `dateparser <https://dateparser.readthedocs.io>`_ (English) and kept
as precise as stated: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

Examples
--------
>>> normalise_date("March 24, 2025"), normalise_date("7 Feb 2024"), normalise_date("March 2025")
('2025-03-24', '2024-02-07', '2025-03')
>>> normalise_date("Fri, 07 Jan 2022 10:00:00 GMT"), normalise_date("Tuesday (April 19)")
('2022-01-07', None)
>>> date_from_text("SEOUL, March 24, 2025 (Reuters) - Talks resumed.")
'2025-03-24'
>>> resolve_date(option="", manifest="2023-03-16", metadata="2023-03-17", text="")
DocumentDate(date='2023-03-16', source='manifest')
>>> resolve_date()
DocumentDate(date=None, source='unknown')
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from realpolitik.errors import InputError

__all__ = [
    "DATE_SOURCES",
    "MANIFEST_NAME",
    "MONTHS",
    "TEXT_HEAD",
    "TIME_WORDS",
    "WEEKDAYS",
    "DateSource",
    "DocumentDate",
    "date_from_html",
    "date_from_text",
    "load_manifest",
    "normalise_date",
    "resolve_date",
    "warm_up",
]

DateSource = Literal["option", "manifest", "metadata", "text", "unknown"]

DATE_SOURCES: tuple[DateSource, ...] = ("option", "manifest", "metadata", "text", "unknown")
"""Where a document's date can come from, in order of precedence."""

MANIFEST_NAME = "manifest.json"
"""The sidecar file giving per-file metadata in a folder of articles."""

TEXT_HEAD = 400
"""How many characters at the top of an article are searched for a stated date."""

WEEKDAYS: tuple[str, ...] = (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
)  # fmt: skip
MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
TIME_WORDS: frozenset[str] = frozenset(
    {w.lower() for w in (*WEEKDAYS, *MONTHS)}
    | {"today", "yesterday", "tomorrow", "tonight", "morning", "afternoon", "evening", "night"}
    | {"day", "weekend", "week", "month", "year", "decade", "century", "hour", "time", "period"}
    | {"spring", "summer", "autumn", "winter", "season", "moment", "date"}
)
"""Lower-cased nouns that name a time (English weekdays, months and time units): a
prepositional phrase headed by one ("on Thursday", "in March", "over the weekend") says when
something happened, not to whom or about what."""

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_MON = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# candidate spans of a date in running text; dateparser reads each, the first that gives a
# date with its year stated wins
_CANDIDATES = re.compile(
    rf"\b\d{{4}}-\d{{1,2}}-\d{{1,2}}\b"
    rf"|\b{_MON}\s+\d{{1,2}},?\s+\d{{4}}\b"
    rf"|\b\d{{1,2}}\s+{_MON},?\s+\d{{4}}\b"
    rf"|\b{_MON}\s+\d{{4}}\b"
)


@dataclass(frozen=True)
class DocumentDate:
    """A document's date (``YYYY[-MM[-DD]]`` or ``None``) and where it came from."""

    date: str | None
    source: DateSource


@lru_cache(maxsize=1)
def _parser() -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"]},
    )


def warm_up() -> None:
    """Build the date reader and let it load its English data now.

    dateparser compiles its locale's patterns on the first date it reads (about 0.3 CPU
    seconds, once per process); the extractor calls this when it is built, so that cost is
    part of its load time and not of the first document.
    """
    _parser().get_date_data("1 January 2000")


@lru_cache(maxsize=4096)
def normalise_date(text: str) -> str | None:
    """An ISO date as precise as ``text`` states it, or ``None`` (no year stated, no date).

    Parameters
    ----------
    text : str
        A free-form date: ``"March 24, 2025"``, ``"2025-03-24T08:00:00Z"``, an RSS
        ``"Mon, 24 Mar 2025 08:00:00 GMT"``, ``"March 2025"``, ``"2025"``.

    Examples
    --------
    >>> normalise_date("2025"), normalise_date("2025-03-24T08:00:00+00:00")
    ('2025', '2025-03-24')
    """
    text = text.strip()
    if not text or not _YEAR.search(text):
        return None
    try:
        data = _parser().get_date_data(text)
    except (ValueError, OverflowError):
        return None
    when = data.date_obj
    if when is None:
        return None
    if data.period == "year":
        return f"{when.year:04d}"
    if data.period == "month":
        return f"{when.year:04d}-{when.month:02d}"
    return str(when.strftime("%Y-%m-%d"))


def date_from_text(text: str) -> str | None:
    """The first date with a stated year in the top :data:`TEXT_HEAD` characters of ``text``.

    Examples
    --------
    >>> date_from_text("Published: 7 February 2024\\nSeoul and Tokyo met."), date_from_text("x")
    ('2024-02-07', None)
    """
    for m in _CANDIDATES.finditer(text[:TEXT_HEAD]):
        got = normalise_date(m.group(0))
        if got is not None:
            return got
    return None


def date_from_html(html: str) -> str | None:
    """The publication date in an HTML page's metadata (htmldate, original date), or ``None``.

    Examples
    --------
    >>> page = '<html><head><meta property="article:published_time" content="2024-05-02">'
    >>> date_from_html(page + "</head><body><p>Text.</p></body></html>")
    '2024-05-02'
    """
    from htmldate import find_date

    try:
        found = find_date(html, original_date=True, extensive_search=False)
    except (ValueError, TypeError):
        return None
    return normalise_date(found) if found else None


def load_manifest(folder: Path) -> dict[str, dict[str, str]]:
    """``file name -> {"date", "url", "outlet", "title"}`` from ``folder/manifest.json``.

    An absent manifest gives ``{}``.

    Raises
    ------
    InputError
        When the manifest is not a JSON list of objects with a ``file`` string, or an entry's
        ``date`` is not a date (the message names the file and the entry).
    """
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not readable JSON ({exc}); fix or remove the file") from exc
    if not isinstance(entries, list):
        raise InputError(f"{path}: expected a JSON list of {{file, date, ...}} objects")
    out: dict[str, dict[str, str]] = {}
    for n, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            raise InputError(f"{path}: entry {n} needs a 'file' string (the article's file name)")
        raw = str(entry.get("date") or "")
        date = normalise_date(raw) if raw else None
        if raw and date is None:
            raise InputError(f"{path}: entry {n} ({entry['file']}): date {raw!r} is not a date")
        out[entry["file"]] = {
            "date": date or "",
            **{k: str(entry.get(k) or "") for k in ("url", "outlet", "title")},
        }
    return out


def resolve_date(
    *, option: str = "", manifest: str = "", metadata: str = "", text: str = ""
) -> DocumentDate:
    """The date by precedence option > manifest > metadata > text; else unknown.

    ``metadata`` may be free-form (it is read by :func:`normalise_date`); ``text`` is the
    article text, searched by :func:`date_from_text`.

    Raises
    ------
    InputError
        When ``option`` is given and is not a date.
    """
    if option:
        got = normalise_date(option)
        if got is None:
            raise InputError(f"--date {option!r}: use an ISO date YYYY-MM-DD")
        return DocumentDate(got, "option")
    if manifest:
        return DocumentDate(manifest, "manifest")
    meta = normalise_date(metadata) if metadata else None
    if meta is not None:
        return DocumentDate(meta, "metadata")
    stated = date_from_text(text) if text else None
    if stated is not None:
        return DocumentDate(stated, "text")
    return DocumentDate(None, "unknown")

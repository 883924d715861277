"""Read the Phoenix (PETRARCH2 / TABARI) actor dictionary format.

An entry is a line with a name (``_`` for spaces), optional ``+`` lines with its other names, and
its codes in brackets, on the name line or on tab-indented lines below it. A code may carry dates:
``[USAGOV >090120]`` (from), ``[USAGOV <090120]`` (until), ``[USAGOV 090120-170120]`` (between);
six-digit dates are ``YYMMDD`` (years below 30 are 20xx), eight-digit ones ``YYYYMMDD``. ``#``
starts a comment. The format is the one documented by the PETRARCH2 reader of the Open Event Data
Alliance; this module is our own reader of it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from realpolitik.errors import DataValidationError, Problem

__all__ = ["PhoenixEntry", "PhoenixRole", "parse_phoenix", "proper_case", "read_phoenix"]

_CODE = re.compile(r"\[\s*([A-Z0-9~-]+)(?:\s+([<>]?)(\d{6,8})(?:\s*-\s*(\d{6,8}))?)?\s*\]")
_SMALL = frozenset(
    {"of", "the", "and", "de", "du", "des", "la", "le", "el", "al", "da", "do", "for", "in", "on"}
)
_PIVOT = 30  # two-digit years below this are 20xx (the files stop around 2015)


@dataclass(frozen=True)
class PhoenixRole:
    """One code of an entry, with the dates it holds between (``None``: open)."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True)
class PhoenixEntry:
    """A Phoenix actor: its name, other names (as written, ``_`` turned to spaces) and codes."""

    name: str
    aliases: tuple[str, ...]
    roles: tuple[PhoenixRole, ...]
    line: int


def _date(text: str) -> dt.date:
    """A ``YYMMDD``/``YYYYMMDD`` date; a day past the month's end (the files hold a few, such as
    31 November) is read as the month's last day."""
    if len(text) == 8:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:])
    else:
        yy = int(text[:2])
        year, month, day = (2000 + yy if yy < _PIVOT else 1900 + yy), int(text[2:4]), int(text[4:])
    first = dt.date(year, month, 1)  # a bad month raises ValueError
    last = (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
    return first.replace(day=max(1, min(day, last.day)))


def _roles(text: str) -> list[PhoenixRole]:
    out = []
    for m in _CODE.finditer(text):
        code, sign, first, second = m.groups()
        if code.strip("-~") == "":
            continue  # "[---]": no code
        if first is None:
            out.append(PhoenixRole(code))
        elif second is not None:
            out.append(PhoenixRole(code, _date(first), _date(second)))
        elif sign == "<":
            out.append(PhoenixRole(code, None, _date(first)))
        else:
            out.append(PhoenixRole(code, _date(first), None))
    return out


def _name(text: str) -> str:
    return " ".join(text.replace("_", " ").split())


def _flush(
    out: list[PhoenixEntry], cur: tuple[str, list[str], list[PhoenixRole], int] | None
) -> None:
    if cur is not None and cur[0]:
        name, aliases, roles, line = cur
        out.append(PhoenixEntry(name, tuple(dict.fromkeys(aliases)), tuple(roles), line))


def parse_phoenix(lines: Iterable[str], source: str = "<text>") -> list[PhoenixEntry]:
    """Parse Phoenix actor-dictionary lines into entries.

    Raises :class:`~realpolitik.errors.DataValidationError` naming the line of a bad date.

    Examples
    --------
    >>> text = ["FREEDONIA_  [FRD]", "+FREEDONIAN_", "RUFUS_FIREFLY_  # a leader",
    ...         "+PRESIDENT_FIREFLY", "\\t[FRDGOV 330101-331231]", "\\t[FRDELI]"]
    >>> [(e.name, e.aliases, e.line) for e in parse_phoenix(text)]
    [('FREEDONIA', ('FREEDONIAN',), 1), ('RUFUS FIREFLY', ('PRESIDENT FIREFLY',), 3)]
    >>> parse_phoenix(text)[1].roles[0]
    PhoenixRole(code='FRDGOV', start=datetime.date(1933, 1, 1), end=datetime.date(1933, 12, 31))
    """
    out: list[PhoenixEntry] = []
    cur: tuple[str, list[str], list[PhoenixRole], int] | None = None
    for i, raw in enumerate(lines, 1):
        text = raw.split("#", 1)[0].rstrip()
        if not text.strip():
            continue
        try:
            roles = _roles(text)
        except ValueError as exc:
            problem = Problem(source, i, "date", f"not a date ({exc})", "write YYMMDD or YYYYMMDD")
            raise DataValidationError([problem]) from exc
        head = text.split("[", 1)[0]
        if text.startswith("+") and cur is not None:
            cur[1].append(_name(head[1:]))
            cur[2].extend(roles)
        elif text[0].isspace() or text.startswith("["):
            if cur is not None:
                cur[2].extend(roles)
        else:
            _flush(out, cur)
            cur = (_name(head), [], roles, i)
    _flush(out, cur)
    return out


def read_phoenix(path: Path) -> list[PhoenixEntry]:
    """Read a Phoenix actor dictionary file (UTF-8, undecodable bytes replaced)."""
    with path.open(encoding="utf-8", errors="replace") as fh:
        return parse_phoenix(fh, path.name)


def _cap(word: str, first: bool) -> str:
    if "." in word or any(c.isdigit() for c in word):
        return word
    parts = word.split("-")
    done = []
    for j, part in enumerate(parts):
        low = part.lower()
        if low in _SMALL and not (first and j == 0):
            done.append(low)
        else:
            done.append(low[:1].upper() + low[1:])
    return "-".join(done)


def proper_case(name: str) -> str:
    """Write an upper-case Phoenix name in ordinary capitals.

    Examples
    --------
    >>> proper_case("PEOPLE'S REPUBLIC OF CHINA")
    "People's Republic of China"
    >>> proper_case("BASHAR AL-ASSAD")
    'Bashar al-Assad'
    >>> proper_case("GEORGE H.W. BUSH")
    'George H.W. Bush'
    """
    return " ".join(_cap(w, k == 0) for k, w in enumerate(name.split()))

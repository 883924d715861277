"""Read and check the dictionary's CSV tables (``data/*.csv`` beside this module).

Every problem is reported with its file, row and field through
:class:`realpolitik.errors.DataValidationError`.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from realpolitik.errors import DataValidationError, Problem

from .records import ActorKind, ActorRecord, PersonTerm

__all__ = [
    "DATA_DIR",
    "Ambiguity",
    "SurfaceRow",
    "read_ambiguities",
    "read_legacy_codes",
    "read_people",
    "read_phoenix_names",
    "read_rows",
    "read_stop_phrases",
]

DATA_DIR = Path(__file__).resolve().parent / "data"
_KINDS: tuple[ActorKind, ...] = ("state", "igo", "grouping", "territory", "nonstate")
_ROLES = (
    "head of state",
    "head of government",
    "head of state and government",
    "foreign minister",
    "secretary-general",
)


@dataclass(frozen=True)
class SurfaceRow:
    """An actor row with its surface forms split by how they name the actor."""

    record: ActorRecord
    names: tuple[str, ...]
    abbrevs: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    seats: tuple[str, ...]


@dataclass(frozen=True)
class Ambiguity:
    """A surface form that names different actors (or none) depending on context."""

    alias: str
    via: str
    default: str
    alternative: str
    rule: str
    note: str


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(s.strip() for s in (value or "").split(";") if s.strip())


def _open(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [r for r in rows if not (next(iter(r.values()), "") or "").startswith("#")]


def _need(rows: list[dict[str, str]], path: Path, cols: tuple[str, ...]) -> list[Problem]:
    out = []
    for i, row in enumerate(rows, 1):
        for c in cols:
            if not (row.get(c) or "").strip():
                out.append(Problem(path.name, i, c, "empty", f"fill in '{c}'"))
    return out


def read_rows(path: Path, default_kind: ActorKind) -> list[SurfaceRow]:
    """Read a states or IGO table into :class:`SurfaceRow` objects.

    Examples
    --------
    >>> rows = read_rows(DATA_DIR / "igos.csv", "igo")
    >>> any(r.record.code == "NATO" for r in rows)
    True
    """
    rows = _open(path)
    problems = _need(rows, path, ("code", "name", "source"))
    out: list[SurfaceRow] = []
    for i, row in enumerate(rows, 1):
        kind = (row.get("kind") or default_kind).strip()
        if kind not in _KINDS:
            problems.append(
                Problem(
                    path.name,
                    i,
                    "kind",
                    f"unknown kind {kind!r}",
                    f"use one of {', '.join(_KINDS)}",
                )
            )
            continue
        names, abbrevs = _split(row.get("names")), _split(row.get("abbrevs"))
        demonyms, capitals = _split(row.get("demonyms")), _split(row.get("capitals"))
        seats = _split(row.get("seats"))
        name = row["name"].strip()
        seat_forms = tuple(seat.partition("=")[0] for seat in seats)
        aliases = tuple(dict.fromkeys((name, *names, *abbrevs, *demonyms, *capitals, *seat_forms)))
        rec = ActorRecord(
            row["code"].strip(),
            name,
            kind,
            aliases,  # type: ignore[arg-type]
            row["source"].strip(),
            (row.get("un_member") or "").strip() == "1",
            (row.get("parent") or "").strip() or None,
        )
        out.append(SurfaceRow(rec, (name, *names), abbrevs, demonyms, capitals, seats))
    if problems:
        raise DataValidationError(problems)
    return out


def _date(value: str, end: bool) -> dt.date:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        y, m = parts
        if not end:
            return dt.date(y, m, 1)
        nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    raise ValueError(value)


def read_people(path: Path) -> list[PersonTerm]:
    """Read the dated office-holder table.

    ``start``/``end`` are ``YYYY-MM-DD`` or ``YYYY-MM`` (a month: first day for a start, last day
    for an end); an empty ``end`` means in office when the table was compiled.

    Examples
    --------
    >>> terms = read_people(DATA_DIR / "people.csv")
    >>> all(t.start <= t.end for t in terms)
    True
    """
    rows = _open(path)
    problems = _need(rows, path, ("name", "code", "role", "start", "source"))
    out: list[PersonTerm] = []
    for i, row in enumerate(rows, 1):
        if any(not (row.get(c) or "").strip() for c in ("name", "code", "role", "start", "source")):
            continue
        role = row["role"].strip()
        if role not in _ROLES:
            problems.append(
                Problem(
                    path.name,
                    i,
                    "role",
                    f"unknown role {role!r}",
                    f"use one of {', '.join(_ROLES)}",
                )
            )
            continue
        try:
            start = _date(row["start"].strip(), end=False)
            end_s = (row.get("end") or "").strip()
            end = _date(end_s, end=True) if end_s else dt.date.max
        except ValueError:
            problems.append(
                Problem(path.name, i, "start/end", "not a date", "write YYYY-MM-DD or YYYY-MM")
            )
            continue
        if end < start:
            problems.append(Problem(path.name, i, "end", "ends before it starts", "fix the dates"))
            continue
        out.append(
            PersonTerm(
                row["name"].strip(),
                _split(row.get("aliases")),
                row["code"].strip(),
                role,
                start,
                end,
                row["source"].strip(),
                (row.get("uncertain") or "").strip() == "1",
            )
        )
    if problems:
        raise DataValidationError(problems)
    return out


def read_ambiguities(path: Path) -> list[Ambiguity]:
    """Read the table of context-dependent surface forms.

    Examples
    --------
    >>> {a.alias for a in read_ambiguities(DATA_DIR / "ambiguous.csv")} >= {"Korea", "Georgia"}
    True
    """
    rows = _open(path)
    problems = _need(rows, path, ("alias", "via", "default", "rule", "note"))
    if problems:
        raise DataValidationError(problems)
    return [
        Ambiguity(
            r["alias"].strip(),
            r["via"].strip(),
            r["default"].strip(),
            (r.get("alternative") or "").strip(),
            r["rule"].strip(),
            r["note"].strip(),
        )
        for r in rows
    ]


def read_stop_phrases(path: Path) -> list[str]:
    """Phrases that contain an actor's name but name no actor ("South China Sea")."""
    return [r["phrase"].strip() for r in _open(path) if (r.get("phrase") or "").strip()]


def read_legacy_codes(path: Path) -> dict[str, str]:
    """Older or non-ISO codes (CAMEO, Correlates of War) mapped to the dictionary's codes.

    Examples
    --------
    >>> read_legacy_codes(DATA_DIR / "legacy_codes.csv")["JAP"]
    'JPN'
    """
    return {r["code"].strip(): r["canonical"].strip() for r in _open(path)}


def read_phoenix_names(path: Path) -> dict[str, list[tuple[str, str]]]:
    """The country names filled from the Phoenix dictionaries: code -> ``(form, via)`` pairs.

    Written by ``scripts/build_phoenix_fill.py``; ``via`` is ``name`` or ``demonym``.

    Examples
    --------
    >>> names = read_phoenix_names(DATA_DIR / "phoenix_names.csv")
    >>> all(via in ("name", "demonym") for forms in names.values() for _f, via in forms)
    True
    """
    rows = _open(path)
    problems = _need(rows, path, ("code", "form", "via", "source"))
    out: dict[str, list[tuple[str, str]]] = {}
    for i, row in enumerate(rows, 1):
        via = (row.get("via") or "").strip()
        if via not in ("name", "demonym"):
            problems.append(
                Problem(path.name, i, "via", f"unknown via {via!r}", "use name or demonym")
            )
            continue
        out.setdefault(row["code"].strip(), []).append((row["form"].strip(), via))
    if problems:
        raise DataValidationError(problems)
    return out

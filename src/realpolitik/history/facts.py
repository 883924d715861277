"""The record the measured alignment is checked against: sourced facts of diplomatic history.

``realpolitik/data/history/facts.csv`` holds one fact a row: a pair of states (the history
kit's iso3 codes), a span of years, its kind (``stable``: one class throughout; ``change``: the
class after ``change_year``, with ``before`` the class it left), the expected class
(``same``, ``opposed``, ``neither``), a one-line note in our own words and a citation (a book,
article or reference work). ``docs/history-facts.md`` renders it.

A fact *agrees* when the measured class equals the expected one in every year of its span,
except within two years of its change year and years in which one of the two is not a state
(Syria inside the United Arab Republic, 1959-60: ``measured`` says ``absent``). A ``change``
fact also *shows its change* when the measure has the ``before`` class three years before the
change and the expected class two years after it (a change of class inside the five-year
window around the change year).

The facts were written from the cited works, not chosen or edited by what the measure says.
``facts_holdout.csv`` (:data:`HOLDOUT_FILE`, same columns) holds facts written later, after the
measure's rules were fixed, and committed before any of them was measured.

Examples
--------
>>> facts = load_facts()
>>> len(facts) >= 80, {f.kind for f in facts} == {"stable", "change"}
(True, True)
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from realpolitik._paths import PACKAGE_DATA
from realpolitik.errors import DataError

__all__ = [
    "CLASSES",
    "FACTS_FILE",
    "HOLDOUT_FILE",
    "Fact",
    "FactCheck",
    "FactResult",
    "check_fact",
    "check_facts",
    "fact_dicts",
    "load_facts",
]

FACTS_FILE = PACKAGE_DATA / "history" / "facts.csv"
"""The shipped fact table."""

HOLDOUT_FILE = PACKAGE_DATA / "history" / "facts_holdout.csv"
"""A second table of facts, written after the measure's rules were fixed and committed before
any of them was measured: how the measure does on facts it was not written against."""

CLASSES = ("same", "opposed", "neither")
"""The measure's classes."""

EXEMPT = 2
"""Years either side of a change year that a fact does not score."""


@dataclass(frozen=True)
class Fact:
    """One row of the fact table (``a`` < ``b``)."""

    a: str
    b: str
    start: int
    end: int
    kind: str
    change_year: int | None
    before: str | None
    expected: str
    famous: bool
    note: str
    source: str


@dataclass(frozen=True)
class FactResult:
    """A fact beside what the measure says for each year of its span."""

    fact: Fact
    measured: tuple[str, ...]
    agree: bool
    shows_change: bool | None

    def to_dict(self) -> dict[str, Any]:
        """The ``history facts --json`` entry."""
        f = self.fact
        return {
            "a": f.a,
            "b": f.b,
            "from": f.start,
            "to": f.end,
            "kind": f.kind,
            "change_year": f.change_year,
            "before": f.before,
            "expected": f.expected,
            "measured": list(self.measured),
            "agree": self.agree,
            "shows_change": self.shows_change,
            "famous": f.famous,
            "note": f.note,
            "source": f.source,
        }


@dataclass(frozen=True)
class FactCheck:
    """All facts checked."""

    results: tuple[FactResult, ...]

    @property
    def n(self) -> int:
        """Number of facts."""
        return len(self.results)

    @property
    def agree(self) -> int:
        """Facts that agree."""
        return sum(r.agree for r in self.results)

    def to_dict(self) -> dict[str, Any]:
        """The object printed by ``realpolitik history facts --json``."""
        return {
            "n": self.n,
            "agree": self.agree,
            "facts": [r.to_dict() for r in self.results],
        }


def _int(row: dict[str, str], key: str, where: str) -> int:
    try:
        return int(row[key])
    except (KeyError, ValueError):
        raise DataError(f"{where}: field {key!r} must be a year, got {row.get(key)!r}") from None


def _parse(row: dict[str, str], where: str) -> Fact:
    a, b = sorted((row["a"].strip(), row["b"].strip()))
    kind = row["kind"].strip()
    expected = row["expected"].strip()
    before = row["before"].strip() or None
    if kind not in ("stable", "change"):
        raise DataError(f"{where}: kind {kind!r} must be stable or change")
    if expected not in CLASSES or (before is not None and before not in CLASSES):
        raise DataError(f"{where}: expected/before must be one of {', '.join(CLASSES)}")
    change = _int(row, "change_year", where) if kind == "change" else None
    if kind == "change" and before is None:
        raise DataError(f"{where}: a change fact needs the class it left in 'before'")
    start, end = _int(row, "from", where), _int(row, "to", where)
    if not start <= end or (change is not None and not start <= change <= end):
        raise DataError(f"{where}: span {start}-{end} (change {change}) is not ordered")
    if not row["source"].strip():
        raise DataError(f"{where}: a fact needs its source")
    return Fact(
        a=a,
        b=b,
        start=start,
        end=end,
        kind=kind,
        change_year=change,
        before=before,
        expected=expected,
        famous=row["famous"].strip() == "1",
        note=row["note"].strip(),
        source=row["source"].strip(),
    )


def load_facts(path: str | Path | None = None) -> tuple[Fact, ...]:
    """Read and validate the fact table; :class:`DataError` naming the row otherwise."""
    p = Path(path) if path is not None else FACTS_FILE
    try:
        with p.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise DataError(f"fact table {p} cannot be read ({exc})") from exc
    return tuple(_parse(r, f"{p.name} row {k + 2}") for k, r in enumerate(rows))


Sides = dict[tuple[str, str], dict[int, str]]


def _sides(facts: Sequence[Fact]) -> Sides:
    """The measured class of every fact pair, by year."""
    from realpolitik.history.alignment import alignment_panel

    players = sorted({f.a for f in facts} | {f.b for f in facts})
    df = alignment_panel(players=players)
    wanted = {(f.a, f.b) for f in facts}
    out: Sides = {k: {} for k in wanted}
    for a, b, y, side in zip(df["a"], df["b"], df["year"], df["side"], strict=True):
        d = out.get((a, b))
        if d is not None:
            d[int(y)] = str(side)
    return out


def check_fact(fact: Fact, sides: Sides | None = None) -> FactResult:
    """Compare one fact with the measure."""
    got = (sides if sides is not None else _sides([fact]))[(fact.a, fact.b)]
    c = fact.change_year
    span = range(fact.start, fact.end + 1)
    measured = tuple(got.get(y, "absent") for y in span)
    agree = all(
        m == fact.expected
        for y, m in zip(span, measured, strict=True)
        if (c is None or abs(y - c) > EXEMPT) and m != "absent"
    )
    shows = None
    if c is not None:
        first = min(got) if got else c
        shows = got.get(max(c - 3, first)) == fact.before and got.get(c + 2) == fact.expected
    return FactResult(fact=fact, measured=measured, agree=agree, shows_change=shows)


def check_facts(facts: Sequence[Fact] | None = None) -> FactCheck:
    """Check every fact (default: the shipped table) against the measured alignment."""
    fs = tuple(facts) if facts is not None else load_facts()
    sides = _sides(fs)
    return FactCheck(tuple(check_fact(f, sides) for f in fs))


def fact_dicts(facts: Sequence[Fact]) -> list[dict[str, Any]]:
    """Plain dicts of facts (for rendering)."""
    return [asdict(f) for f in facts]

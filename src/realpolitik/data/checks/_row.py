"""The shared machinery of the data-set checks: problems, one row's cell checks, one table's loop.

Every table check (one module per CSV file in this package) is a function ``check(row)`` that
runs the cell checks of :class:`Row` (each records a :class:`~realpolitik.errors.Problem` naming
the file, 1-based data row, field, what is wrong and how to fix it) and returns the typed record,
or ``None`` when the row is unusable. :func:`check_table` runs it over every row of a file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from realpolitik.errors import Problem
from realpolitik.model.dates import period_bounds

__all__ = ["SEP", "Ctx", "Known", "Row", "check_table", "split"]

SEP = ";"
"""Separator of multi-valued cells (aliases, source ids, actor lists, seeds)."""

T = TypeVar("T")


@dataclass
class Ctx:
    """Collects problems while the rows of one data set are checked."""

    problems: list[Problem]

    def add(self, file: str, row: int | None, field: str | None, message: str, fix: str) -> None:
        self.problems.append(Problem(file, row, field, message, fix))


@dataclass
class Known:
    """The ids the tables checked so far define, for the references of the later tables."""

    sources: set[str] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)
    groupings: set[str] = field(default_factory=set)
    issues: set[str] = field(default_factory=set)


def split(cell: str) -> tuple[str, ...]:
    """The items of a multi-valued cell (``a; b`` -> ``("a", "b")``)."""
    return tuple(p.strip() for p in cell.split(SEP) if p.strip())


@dataclass
class Row:
    """One data row of one file, with the checks that record a problem when a cell is wrong."""

    ctx: Ctx
    known: Known
    file: str
    index: int
    cells: dict[str, str]
    seen: dict[object, int]

    def __getitem__(self, column: str) -> str:
        return self.cells[column]

    def add(self, field: str | None, message: str, fix: str) -> None:
        """Record a problem in this row."""
        self.ctx.add(self.file, self.index, field, message, fix)

    def nonempty(self, field: str) -> bool:
        if self.cells[field] == "":
            self.add(field, f"{field} is empty", f"fill in {field}")
            return False
        return True

    def unique(self, field: str, key: object) -> bool:
        if key in self.seen:
            self.add(
                field,
                f"duplicate {field} {key!r} (first in row {self.seen[key]})",
                "give each row its own id or merge the rows",
            )
            return False
        self.seen[key] = self.index
        return True

    def unique_id(self, field: str = "id") -> bool:
        """The row's id: filled in and not used by an earlier row."""
        return self.nonempty(field) and self.unique(field, self.cells[field])

    def choice(self, field: str, allowed: Sequence[str], text: str | None = None) -> bool:
        text = self.cells[field] if text is None else text
        if text not in allowed:
            self.add(
                field, f"{text!r} is not an allowed {field}", f"use one of: {', '.join(allowed)}"
            )
            return False
        return True

    def number(
        self,
        field: str,
        lo: float | None = None,
        hi: float | None = None,
        required: bool = True,
        text: str | None = None,
    ) -> float | None:
        text = self.cells[field] if text is None else text
        if text == "":
            if required:
                self.add(field, f"{field} is empty", f"give a number for {field}")
            return None
        try:
            v = float(text)
        except ValueError:
            self.add(field, f"{text!r} is not a number", "write a plain number like 12.5")
            return None
        if v != v:  # NaN
            self.add(field, "value is NaN", "give a finite number or drop the row")
            return None
        if (lo is not None and v < lo) or (hi is not None and v > hi):
            rng = f"[{lo if lo is not None else '-inf'}, {hi if hi is not None else 'inf'}]"
            self.add(field, f"{v:g} is outside {rng}", f"use a value in {rng}")
            return None
        return v

    def year(self, field: str, required: bool = True) -> int | None:
        text = self.cells[field]
        if text == "":
            if required:
                self.add(field, f"{field} is empty", "give a year like 2024")
            return None
        if not text.isdigit() or not 1800 <= int(text) <= 2100:
            self.add(field, f"{text!r} is not a year", "give a four-digit year 1800-2100")
            return None
        return int(text)

    def date(self, field: str, required: bool = False) -> str:
        text = self.cells[field]
        if text == "":
            if required:
                self.add(field, f"{field} is empty", "give a date YYYY, YYYY-MM or YYYY-MM-DD")
            return ""
        try:
            ok = 1800 <= period_bounds(text)[0].year <= 2100
        except ValueError:
            ok = False
        if not ok:
            self.add(
                field,
                f"{text!r} is not a valid date",
                "write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2025-03-22)",
            )
            return ""
        return text

    def refs(
        self, field: str, known: Iterable[str], what: str, fix_file: str, required: bool = True
    ) -> tuple[str, ...]:
        """The ids in a multi-valued cell that ``known`` defines (the others are problems)."""
        items = split(self.cells[field])
        known_set = set(known)
        if not items and required:
            what_fix = "cite at least one source id from sources.csv" if what == "source" else ""
            self.add(
                field,
                f"{field} is empty" + (" (every row needs a source)" if what == "source" else ""),
                what_fix or f"give at least one {what} id from {fix_file}",
            )
        good = []
        for it in items:
            if it not in known_set:
                self.add(
                    field,
                    f"unknown {what} {it!r}",
                    f"use a {what} id defined in {fix_file} or add {it!r} there",
                )
            else:
                good.append(it)
        return tuple(good)

    def sources(self, field: str = "source_ids") -> tuple[str, ...]:
        """The cited source ids (at least one, each defined in sources.csv)."""
        return self.refs(field, self.known.sources, "source", "sources.csv")

    def actors(self, field: str = "actors") -> tuple[str, ...]:
        """The actor codes of an optional multi-valued cell (each defined in actors.csv)."""
        return self.refs(field, self.known.actors, "actor", "actors.csv", False)

    def defined(self, field: str, known: set[str], message: str, fix: str) -> bool:
        """The cell holds one id in ``known``; else record ``message`` and ``fix``."""
        if self.cells[field] not in known:
            self.add(field, message, fix)
            return False
        return True

    def actor(self, field: str) -> bool:
        """The cell holds one actor code defined in actors.csv."""
        code = self.cells[field]
        fix = f"use a code defined in actors.csv or add {code!r} there"
        return self.defined(field, self.known.actors, f"unknown actor code {code!r}", fix)

    def take(self, *columns: str) -> dict[str, Any]:
        """The named cells, as keyword arguments of a record."""
        return {c: self.cells[c] for c in columns}


def check_table(
    ctx: Ctx,
    known: Known,
    file: str,
    rows: list[dict[str, str]],
    check: Callable[[Row], T | None],
) -> list[T]:
    """Run ``check`` on every row of ``file`` (1-based); the records of the good rows."""
    seen: dict[object, int] = {}
    out: list[T] = []
    for i, cells in enumerate(rows, 1):
        item = check(Row(ctx, known, file, i, cells, seen))
        if item is not None:
            out.append(item)
    return out


RowCheck = Callable[[Row], Any]

"""The data-set validator: one check per file of the data set.

:func:`check_tables` runs the table checks in dependency order (sources first, as every row cites
them; actors before the tables that name actors; issues before positions), each over every row
with :func:`~realpolitik.data.checks._row.check_table`, and collects every problem.
"""

from __future__ import annotations

from typing import Any

from realpolitik.data.checks import (
    actors,
    capabilities,
    events,
    figures,
    issues,
    levers,
    memberships,
    outcomes,
    people,
    positions,
    relations,
    sources,
)
from realpolitik.data.checks._row import SEP, Ctx, Known, RowCheck, check_table, split
from realpolitik.data.checks.files import FILES, OPTIONAL_COLUMNS, read_csv, read_toml

__all__ = [
    "CHECKS",
    "FILES",
    "OPTIONAL_COLUMNS",
    "SEP",
    "Ctx",
    "check_tables",
    "read_csv",
    "read_toml",
    "split",
]

CHECKS: tuple[tuple[str, RowCheck], ...] = tuple(
    (m.FILE, m.check)
    for m in (
        sources,
        actors,
        memberships,
        people,
        capabilities,
        relations,
        issues,
        positions,
        events,
        figures,
        levers,
        outcomes,
    )
)
"""Every CSV file with its row check, in the order the references need."""


def _learn(known: Known, file: str, items: list[Any]) -> None:
    if file == "sources.csv":
        known.sources = {s.id for s in items}
    elif file == "actors.csv":
        known.actors = {a.code for a in items}
        known.groupings = {a.code for a in items if a.kind in ("grouping", "organisation")}
    elif file == "issues.csv":
        known.issues = {x.id for x in items}


def check_tables(ctx: Ctx, raw: dict[str, list[dict[str, str]] | None]) -> dict[str, list[Any]]:
    """The good records of every file (file name -> list); the problems go to ``ctx``."""
    known = Known()
    out: dict[str, list[Any]] = {}
    for file, check in CHECKS:
        out[file] = check_table(ctx, known, file, raw.get(file) or [], check)
        _learn(known, file, out[file])
    return out

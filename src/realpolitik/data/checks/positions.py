"""``positions.csv``: an actor's position (0-100) and salience (0-1) on a known issue."""

from __future__ import annotations

from realpolitik.data.checks._row import Row
from realpolitik.model.types import Position

FILE = "positions.csv"


def check(r: Row) -> Position | None:
    """The position of one row, or None (its problems recorded)."""
    issue = r["issue"]
    fix = f"use an issue id defined in issues.csv or add {issue!r} there"
    ok = r.defined("issue", r.known.issues, f"unknown issue {issue!r}", fix)
    ok &= r.actor("actor")
    ok &= r.unique("actor", (r["issue"], r["actor"]))
    pos = r.number("position", 0.0, 100.0)
    sal = r.number("salience", 0.0, 1.0)
    srcs = r.sources()
    if not ok or pos is None or sal is None:
        return None
    cells = r.take("issue", "actor", "rationale")
    return Position(**cells, position=pos, salience=sal, source_ids=srcs)

"""``outcomes.csv``: id (unique), description, three-digit seed ids."""

from __future__ import annotations

from realpolitik.data.checks._row import Row
from realpolitik.data.checks.catalogue import entry
from realpolitik.model.types import Outcome

FILE = "outcomes.csv"


def check(r: Row) -> Outcome | None:
    """The outcome of one row, or None (its problems recorded)."""
    ok, seeds = entry(r)
    return Outcome(id=r["id"], description=r["description"], seeds=seeds) if ok else None

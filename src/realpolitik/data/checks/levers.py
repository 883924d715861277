"""``levers.csv``: id (unique), description, three-digit seed ids."""

from __future__ import annotations

from realpolitik.data.checks._row import Row
from realpolitik.data.checks.catalogue import entry
from realpolitik.model.types import Lever

FILE = "levers.csv"


def check(r: Row) -> Lever | None:
    """The lever of one row, or None (its problems recorded)."""
    ok, seeds = entry(r)
    return Lever(id=r["id"], description=r["description"], seeds=seeds) if ok else None

"""``figures.csv``: id (unique), a value with its unit, an optional year, actors, sources."""

from __future__ import annotations

from realpolitik.data.checks._row import Row
from realpolitik.model.types import Figure

FILE = "figures.csv"


def check(r: Row) -> Figure | None:
    """The figure of one row, or None (its problems recorded)."""
    ok = r.unique_id()
    val = r.number("value")
    ok &= val is not None and r.nonempty("unit")
    yr = r.year("year", required=False)
    if r["year"] and yr is None:
        ok = False
    acts = r.actors()
    srcs = r.sources()
    if not ok or val is None:
        return None
    cells = r.take("id", "description", "unit")
    return Figure(**cells, value=val, actors=acts, year=yr, source_ids=srcs)

"""``issues.csv``: id (unique), name, description, the meaning of 0 and 100, a status quo."""

from __future__ import annotations

from realpolitik.data.checks._row import Row
from realpolitik.model.types import Issue

FILE = "issues.csv"


def check(r: Row) -> Issue | None:
    """The issue of one row, or None (its problems recorded)."""
    ok = r.unique_id()
    for col in ("name", "description", "low", "high"):
        ok &= r.nonempty(col)
    sq = r.number("status_quo", 0.0, 100.0, required=False)
    if r["status_quo"] and sq is None:
        ok = False
    srcs = r.sources()
    if not ok:
        return None
    cells = r.take("id", "name", "description", "low", "high")
    return Issue(**cells, status_quo=sq, source_ids=srcs)

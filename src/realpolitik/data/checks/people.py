"""``people.csv``: id (unique), name, the actor they serve, dates, sources."""

from __future__ import annotations

from realpolitik.data.checks._row import Row, split
from realpolitik.model.types import Person

FILE = "people.csv"


def check(r: Row) -> Person | None:
    """The person of one row, or None (its problems recorded)."""
    ok = r.unique_id()
    ok &= r.nonempty("name")
    ok &= r.actor("actor")
    start = r.date("start")
    end = r.date("end")
    srcs = r.sources()
    if not ok:
        return None
    cells = r.take("id", "name", "actor", "role")
    return Person(**cells, start=start, end=end, aliases=split(r["aliases"]), source_ids=srcs)

"""``events.csv``: id (unique), a required date, description, actors, sources."""

from __future__ import annotations

from realpolitik.data.checks._row import Row
from realpolitik.model.types import Event

FILE = "events.csv"


def check(r: Row) -> Event | None:
    """The event of one row, or None (its problems recorded)."""
    ok = r.unique_id()
    d = r.date("date", required=True)
    ok &= bool(d) and r.nonempty("description")
    acts = r.actors()
    srcs = r.sources()
    if not ok:
        return None
    return Event(id=r["id"], date=d, description=r["description"], actors=acts, source_ids=srcs)

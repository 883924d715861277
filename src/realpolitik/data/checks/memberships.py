"""``memberships.csv``: a grouping or organisation, a member actor, dates, sources."""

from __future__ import annotations

from realpolitik.data.checks._row import Row
from realpolitik.model.types import Membership

FILE = "memberships.csv"
_FIX_GROUPING = "use the code of an actors.csv row whose kind is grouping or organisation"


def check(r: Row) -> Membership | None:
    """The membership of one row, or None (its problems recorded)."""
    what = f"{r['grouping']!r} is not a grouping or organisation in actors.csv"
    ok = r.defined("grouping", r.known.groupings, what, _FIX_GROUPING)
    ok &= r.actor("member")
    ok &= r.unique("member", (r["grouping"], r["member"], r["start"]))
    start = r.date("start")
    end = r.date("end")
    srcs = r.sources()
    if not ok:
        return None
    return Membership(**r.take("grouping", "member"), start=start, end=end, source_ids=srcs)

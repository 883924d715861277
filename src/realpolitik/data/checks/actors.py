"""``actors.csv``: code (unique, upper-case), name, kind, sources."""

from __future__ import annotations

import re

from realpolitik.data.checks._row import Row, split
from realpolitik.model.types import Actor

FILE = "actors.csv"
KINDS = ("state", "territory", "organisation", "grouping")
CODE_RE = re.compile(r"^[A-Z][A-Z0-9_]{1,11}$")


def check(r: Row) -> Actor | None:
    """The actor of one row, or None (its problems recorded)."""
    ok = r.unique("code", r["code"])
    if not CODE_RE.match(r["code"]):
        r.add(
            "code",
            f"{r['code']!r} is not a valid actor code",
            "use 2-12 upper-case letters/digits, ISO 3166 alpha-3 for states (e.g. KOR)",
        )
        ok = False
    ok &= r.nonempty("name")
    ok &= r.choice("kind", KINDS)
    srcs = r.sources()
    if not ok:
        return None
    cells = r.take("code", "name", "kind", "region", "regime")
    return Actor(**cells, aliases=split(r["aliases"]), source_ids=srcs)

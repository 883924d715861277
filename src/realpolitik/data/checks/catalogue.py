"""What ``levers.csv`` and ``outcomes.csv`` share: id (unique), description, three-digit seeds."""

from __future__ import annotations

import re

from realpolitik.data.checks._row import Row, split

__all__ = ["entry"]

SEED_RE = re.compile(r"^\d{3}$")


def entry(r: Row) -> tuple[bool, tuple[str, ...]]:
    """Whether the row is good, and its seed ids."""
    ok = r.unique_id()
    ok &= r.nonempty("description")
    seeds = split(r["seeds"])
    for s in seeds:
        if not SEED_RE.match(s):
            r.add(
                "seeds",
                f"{s!r} is not a seed id",
                "give three-digit seed file ids separated by ';' (e.g. 000;004)",
            )
            ok = False
    return ok, seeds

"""``levers.csv`` and ``outcomes.csv``: id (unique), description, three-digit seed ids."""

from __future__ import annotations

import re

from realpolitik.data.checks._row import Row, split
from realpolitik.model.types import Lever, Outcome

SEED_RE = re.compile(r"^\d{3}$")


def _entry(r: Row) -> tuple[bool, tuple[str, ...]]:
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


def check_lever(r: Row) -> Lever | None:
    """The lever of one row of ``levers.csv``, or None (its problems recorded)."""
    ok, seeds = _entry(r)
    return Lever(id=r["id"], description=r["description"], seeds=seeds) if ok else None


def check_outcome(r: Row) -> Outcome | None:
    """The outcome of one row of ``outcomes.csv``, or None (its problems recorded)."""
    ok, seeds = _entry(r)
    return Outcome(id=r["id"], description=r["description"], seeds=seeds) if ok else None

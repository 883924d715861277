"""``capabilities.csv``: actor, year, indicator with its unit, value, one source, provenance."""

from __future__ import annotations

from realpolitik.data.checks._row import Row
from realpolitik.model.types import INDICATORS, Capability

FILE = "capabilities.csv"
PROVENANCE = ("file", "reported", "unverified", "derived", "article")


def _unit(r: Row) -> bool:
    if not r.choice("indicator", tuple(INDICATORS)):
        return False
    unit = INDICATORS[r["indicator"]]
    if r["unit"] != unit:
        r.add(
            "unit",
            f"unit {r['unit']!r} does not match {r['indicator']}",
            f"write the unit as {unit!r} (convert the value if needed)",
        )
        return False
    return True


def _source(r: Row) -> bool:
    if r["source_id"] == "":
        r.add(
            "source_id",
            "source_id is empty (every value needs a source)",
            "cite a source id from sources.csv",
        )
        return False
    if r["source_id"] not in r.known.sources:
        r.add(
            "source_id",
            f"unknown source {r['source_id']!r}",
            f"use a source id defined in sources.csv or add {r['source_id']!r} there",
        )
        return False
    return True


def check(r: Row) -> Capability | None:
    """The capability value of one row, or None (its problems recorded)."""
    ok = r.actor("actor")
    year = r.year("year")
    ok &= year is not None
    ok &= _unit(r)
    value = r.number("value", lo=0.0, hi=1.0 if r["indicator"] == "cinc" else None)
    ok &= value is not None
    ok &= r.unique("indicator", (r["actor"], r["year"], r["indicator"]))
    ok &= _source(r)
    ok &= r.choice("provenance", PROVENANCE)
    if not ok or year is None or value is None:
        return None
    cells = r.take("actor", "indicator", "source_id", "provenance", "note")
    return Capability(**cells, year=year, value=value)

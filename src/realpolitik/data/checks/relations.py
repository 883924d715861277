"""``relations.csv``: two different actors, kind, sign, weight, dates, direction, sources."""

from __future__ import annotations

from realpolitik.data.checks._row import Row
from realpolitik.data.checks.capabilities import PROVENANCE
from realpolitik.model.types import RELATION_KINDS, Relation

FILE = "relations.csv"


def _sign(r: Row) -> int | None:
    if r["sign"] in ("-1", "0", "1", "+1"):
        return int(r["sign"])
    r.add(
        "sign",
        f"sign {r['sign']!r} is not -1, 0 or 1",
        "use -1 (hostile), 0 (neutral/weight only) or 1 (cooperative)",
    )
    return None


def _ends(r: Row) -> tuple[bool, str, str]:
    start = r.date("start")
    end = r.date("end")
    if start and end and end[:4] < start[:4]:
        r.add("end", f"end {end} is before start {start}", "swap or fix the dates")
        return False, start, end
    return True, start, end


def check(r: Row) -> Relation | None:
    """The relation of one row, or None (its problems recorded)."""
    ok = r.unique_id()
    ok &= r.actor("a")
    ok &= r.actor("b")
    if r["a"] == r["b"] and r["a"]:
        r.add("b", "a relation needs two different actors", "fix a or b")
        ok = False
    ok &= r.choice("kind", RELATION_KINDS)
    sign = _sign(r)
    weight = r.number("weight", lo=0.0, text=r["weight"] or "1")
    dates_ok, start, end = _ends(r)
    ok &= sign is not None and weight is not None and dates_ok
    directed = r["directed"].lower()
    if directed not in ("", "true", "false", "0", "1"):
        r.add("directed", f"{r['directed']!r} is not a boolean", "write true or false")
        ok = False
    prov = r.cells.get("provenance", "")
    if prov:
        ok &= r.choice("provenance", PROVENANCE, text=prov)
    srcs = r.sources()
    if not (ok and srcs) or sign is None or weight is None:
        return None
    return Relation(
        id=r["id"],
        a=r["a"],
        b=r["b"],
        kind=r["kind"],  # type: ignore[arg-type]
        sign=sign,  # type: ignore[arg-type]
        weight=weight,
        start=start,
        end=end,
        directed=directed in ("true", "1"),
        provenance=prov or None,  # type: ignore[arg-type]
        source_ids=list(srcs),
        note=r["note"],
    )

"""``sources.csv``: id (unique), title, kind, an optional date."""

from __future__ import annotations

from realpolitik.data.checks._row import Row
from realpolitik.data.checks.files import FILES
from realpolitik.model.types import Source

FILE = "sources.csv"
KINDS = ("article", "dataset", "report", "treaty", "web")


def check(r: Row) -> Source | None:
    """The source of one row, or None (its problems recorded)."""
    ok = r.unique_id()
    ok &= r.nonempty("title")
    ok &= r.choice("kind", KINDS)
    r.date("date")
    return Source(**{k: r[k] for k in FILES[FILE]}) if ok else None  # type: ignore[arg-type]

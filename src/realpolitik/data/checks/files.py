"""The files of a data set, their columns, and reading them (problems recorded, none raised)."""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path
from typing import Any

from realpolitik.data.checks._row import Ctx

__all__ = ["FILES", "OPTIONAL_COLUMNS", "read_csv", "read_toml"]

FILES: dict[str, tuple[str, ...]] = {
    "sources.csv": (
        "id",
        "title",
        "kind",
        "publisher",
        "outlet",
        "date",
        "version",
        "url",
        "file",
        "perspective",
    ),
    "actors.csv": ("code", "name", "kind", "region", "regime", "aliases", "source_ids"),
    "memberships.csv": ("grouping", "member", "start", "end", "source_ids"),
    "people.csv": ("id", "name", "actor", "role", "start", "end", "aliases", "source_ids"),
    "capabilities.csv": (
        "actor",
        "year",
        "indicator",
        "value",
        "unit",
        "source_id",
        "provenance",
        "note",
    ),
    "relations.csv": (
        "id",
        "a",
        "b",
        "kind",
        "sign",
        "weight",
        "start",
        "end",
        "directed",
        "provenance",
        "source_ids",
        "note",
    ),
    "issues.csv": ("id", "name", "description", "low", "high", "status_quo", "source_ids"),
    "positions.csv": ("issue", "actor", "position", "salience", "source_ids", "rationale"),
    "events.csv": ("id", "date", "description", "actors", "source_ids"),
    "figures.csv": ("id", "description", "value", "unit", "actors", "year", "source_ids"),
    "levers.csv": ("id", "description", "seeds"),
    "outcomes.csv": ("id", "description", "seeds"),
}
"""Every CSV file of a data set and its columns, in order (all required)."""

OPTIONAL_COLUMNS: dict[str, frozenset[str]] = {
    "relations.csv": frozenset({"provenance"}),
}
"""Columns that may be absent from a user's file (an empty value is assumed)."""


def read_csv(folder: Path, fname: str, ctx: Ctx) -> list[dict[str, str]] | None:
    path = folder / fname
    if not path.is_file():
        ctx.add(
            fname,
            None,
            None,
            "file is missing",
            f"restore {fname} (`realpolitik data export DIR` writes a complete copy)",
        )
        return None
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            header = list(reader.fieldnames or [])
            rows = [{k: (v or "").strip() for k, v in r.items() if k is not None} for r in reader]
    except (UnicodeDecodeError, csv.Error) as exc:
        ctx.add(fname, None, None, f"cannot be read as UTF-8 CSV: {exc}", "save it as UTF-8 CSV")
        return None
    missing = [
        c for c in FILES[fname] if c not in header and c not in OPTIONAL_COLUMNS.get(fname, ())
    ]
    for col in missing:
        ctx.add(
            fname,
            None,
            col,
            f"column '{col}' is missing",
            f"add the column; the header must be: {','.join(FILES[fname])}",
        )
    if missing:
        return None
    return rows


def read_toml(folder: Path, ctx: Ctx) -> dict[str, Any] | None:
    path = folder / "dataset.toml"
    if not path.is_file():
        ctx.add(
            "dataset.toml",
            None,
            None,
            "file is missing",
            "add dataset.toml with name = '...' and base_year = YYYY",
        )
        return None
    try:
        meta = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        ctx.add("dataset.toml", None, None, f"invalid TOML: {exc}", "fix the TOML syntax")
        return None
    ok = True
    if not isinstance(meta.get("name"), str) or not meta.get("name"):
        ctx.add("dataset.toml", None, "name", "name is missing", "add name = 'my-data-set'")
        ok = False
    by = meta.get("base_year")
    if not isinstance(by, int) or not 1800 <= by <= 2100:
        ctx.add(
            "dataset.toml",
            None,
            "base_year",
            f"base_year must be a year, got {by!r}",
            "set base_year = 2025 (an integer)",
        )
        ok = False
    return meta if ok else None

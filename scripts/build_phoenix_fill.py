"""Check the world actor dictionary against the Phoenix dictionaries and fill its safe gaps.

Reads ``Phoenix.Countries.actors.txt`` and ``Phoenix.International.actors.txt`` (Open Event Data
Alliance, PETRARCH2 @ 676801c, MIT) from ``../shared/data/eventcoding/`` and our own tables
(``states.csv``, ``igos.csv``, ``people.csv``, ``stop_phrases.csv``, ``ambiguous.csv``) and

- with ``--check``: prints the gaps as JSON (counts and the first examples of each kind);
- otherwise: writes ``phoenix_names.csv`` (country names we lacked that pass the filling rules)
  and ``phoenix_people.csv`` (office holders we lacked, with Phoenix's dates) beside our tables,
  each row citing its Phoenix file and line. Our own rows always win: nothing of ours is changed.

Run from the repository root:
``PYTHONPATH=src python scripts/build_phoenix_fill.py [--shared ../shared] [--check]``.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from realpolitik.ingest.actors.phoenix import read_phoenix
from realpolitik.ingest.actors.phoenix_check import PhoenixGaps, find_gaps
from realpolitik.ingest.actors.tables import (
    DATA_DIR,
    read_ambiguities,
    read_legacy_codes,
    read_people,
    read_stop_phrases,
)
from realpolitik.ingest.actors.world import base_rows

COUNTRIES = "Phoenix.Countries.actors.txt"
INTERNATIONAL = "Phoenix.International.actors.txt"
SOURCE = "oeda-petrarch2-676801c-mit:{file}:{line}"


def gaps(shared: Path) -> PhoenixGaps:
    """The gaps between our base tables (without any Phoenix fill) and the Phoenix files."""
    folder = shared / "data" / "eventcoding"
    rows = base_rows()
    reserved = [*read_stop_phrases(DATA_DIR / "stop_phrases.csv")]
    reserved += [a.alias for a in read_ambiguities(DATA_DIR / "ambiguous.csv")]
    reserved += ["Chad", "Jordan"]  # given names (see dictionary._GIVEN_NAMES)
    return find_gaps(
        read_phoenix(folder / COUNTRIES),
        read_phoenix(folder / INTERNATIONAL),
        rows,
        read_people(DATA_DIR / "people.csv"),
        reserved,
        read_legacy_codes(DATA_DIR / "legacy_codes.csv"),
    )


def _demonym(form: str) -> bool:
    low = form.lower()
    return " " not in low and low.endswith(("ian", "ians", "ese", "ish", "ean", "eans"))


def write(found: PhoenixGaps, out: Path) -> tuple[int, int]:
    """Write the two fill tables; returns their row counts."""
    names = sorted((g for g in found.names if g.safe), key=lambda g: (g.code, g.form))
    with (out / "phoenix_names.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["code", "form", "via", "source"])
        for g in names:
            via = "demonym" if _demonym(g.form) else "name"
            w.writerow([g.code, g.form, via, SOURCE.format(file=COUNTRIES, line=g.line)])
    people = sorted(found.people, key=lambda p: (p.code, p.start, p.name))
    with (out / "phoenix_people.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["name", "aliases", "code", "role", "start", "end", "source", "uncertain"])
        for p in people:
            uncertain = "1" if p.terms > 1 else ""
            end = p.end.isoformat() if p.end else ""
            src = SOURCE.format(file=COUNTRIES, line=p.line)
            w.writerow([p.name, ";".join(p.aliases), p.code, p.role, p.start, end, src, uncertain])
    return len(names), len(people)


def summary(found: PhoenixGaps, n: int = 10) -> dict[str, object]:
    """Counts and first examples of each kind of gap (JSON-ready)."""
    return {
        "names": {
            "missing": len(found.names),
            "safe": sum(g.safe for g in found.names),
            "examples": [[g.code, g.form, g.safe] for g in found.names[:n]],
        },
        "people": {
            "missing_terms": len(found.people),
            "examples": [[p.name, p.code, p.role, str(p.start)] for p in found.people[:n]],
        },
        "igos": {
            "missing": len(found.igos),
            "examples": [[g.code, g.name] for g in found.igos[:n]],
        },
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--check", action="store_true", help="print the gaps, write nothing")
    args = ap.parse_args()
    found = gaps(args.shared)
    if args.check:
        print(json.dumps(summary(found), indent=2))
        return
    n_names, n_people = write(found, DATA_DIR)
    print(f"wrote {n_names} names and {n_people} office-holder terms to {DATA_DIR}")


if __name__ == "__main__":
    main()

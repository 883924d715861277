"""``realpolitik evidence series``: one pair's relation series and its state at a date.

Registered under the ``evidence`` group by :mod:`realpolitik.cli.ingest`.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

import typer

from realpolitik.cli._common import DB_OPT, JSON_OPT, console, fail, print_json
from realpolitik.errors import InputError, RealpolitikError

if TYPE_CHECKING:  # the evidence package imports SQLAlchemy: not on the `--help` path
    from realpolitik.evidence.series import Period

__all__ = ["OUTLET_WEIGHT_OPTION", "outlet_weights_of", "series_cmd"]

OUTLET_WEIGHT_OPTION: Any = typer.Option(
    None,
    "--outlet-weight",
    help="NAME=W: weigh an outlet's events by W in [0, 1] (0 excludes it); repeatable.",
)


def outlet_weights_of(items: list[str] | None) -> dict[str, float] | None:
    """Parse ``--outlet-weight`` values (``None`` when none given)."""
    if not items:
        return None
    from realpolitik.evidence.store import parse_outlet_weights

    return parse_outlet_weights(items)


def _pair(text: str) -> tuple[str, str]:
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 2 or not all(parts) or parts[0] == parts[1]:
        raise InputError(f"--pair {text!r}: give two different actor codes, e.g. CHN,PHL")
    return parts[0], parts[1]


def _csv(data: dict[str, Any]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["a", "b", "period", "events", "tone", "weight", "documents"])
    a, b = data["pair"]
    for p in data["points"]:
        w.writerow([a, b, p["period"], p["events"], p["tone"], p["weight"], p["documents"]])
    return buf.getvalue()


def series_cmd(
    pair: str = typer.Option(..., "--pair", help="Two actor codes, e.g. CHN,PHL."),
    db: str | None = DB_OPT,
    as_of: str | None = typer.Option(
        None, "--as-of", help="Read nothing dated after this day (YYYY-MM-DD; default today)."
    ),
    period: str = typer.Option("month", "--period", help="day | week | month"),
    fmt: str = typer.Option("table", "--format", help="table | json | csv"),
    json_out: bool = JSON_OPT,
    outlet_weight: list[str] | None = OUTLET_WEIGHT_OPTION,
) -> None:
    """A pair's relation series (events and tone per period) and its decayed state.

    Example: `realpolitik evidence series --db sqlite:///ev.sqlite --pair CHN,PHL --as-of
    2024-12-31 --json`
    """
    from realpolitik.evidence.api import pair_series

    try:
        if period not in ("day", "week", "month"):
            raise InputError(f"--period {period!r}: use day, week or month")
        if fmt not in ("table", "json", "csv"):
            raise InputError(f"--format {fmt!r}: use table, json or csv")
        a, b = _pair(pair)
        kind: Period = "day" if period == "day" else "week" if period == "week" else "month"
        data = pair_series(db, a, b, as_of, kind, outlet_weights=outlet_weights_of(outlet_weight))
    except RealpolitikError as exc:
        fail(str(exc))
    if json_out or fmt == "json":
        print_json(data)
    elif fmt == "csv":
        typer.echo(_csv(data), nl=False)
    else:
        _table(data)


def _table(data: dict[str, Any]) -> None:
    from rich.table import Table

    a, b = data["pair"]
    t = Table(title=f"{a}-{b} relation series up to {data['as_of']}")
    for col in ("period", "events", "tone", "weight", "documents"):
        t.add_column(col)
    for p in data["points"]:
        t.add_row(
            p["period"],
            str(p["events"]),
            f"{p['tone']:+.3f}",
            f"{p['weight']:.2f}",
            str(p["documents"]),
        )
    console.print(t)
    c = data["current"]
    console.print(
        f"state at {data['as_of']}: tone {c['tone']:+.3f}, weight {c['weight']:.2f} "
        f"(decayed), {c['documents']} document(s)",
        highlight=False,
    )

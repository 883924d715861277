"""CLI commands for the forecast register: ``realpolitik forecasts list|show|score|export``.

Every forecast ``run``, ``simulate``, ``forecast`` and ``backtest`` issue with ``--db`` is kept
in the store, immutable; these commands read it. ``score`` resolves what is due against the
measured alignment (or the outcome's rule) and prints Brier and log score per kind, model and
horizon.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import typer

from realpolitik.cli._common import (
    DB_OPT,
    JSON_OPT,
    console,
    err_console,
    fail,
    on_store,
    print_json,
)
from realpolitik.errors import RealpolitikError

__all__ = [
    "REGISTER_DB_OPT",
    "live_track_record",
    "parse_as_of",
    "record_ensembles",
    "record_forecasts",
    "register",
    "register_url",
]

REGISTER_DB_OPT: Any = typer.Option(
    None,
    "--db",
    help="Write the forecasts to the forecast register at this URL (default $REALPOLITIK_DB; "
    "with neither, nothing is written).",
)
"""The ``--db`` option of the commands that issue forecasts (``forecast``; ``run`` and
``simulate`` share theirs with ``--as-of``)."""

KIND_OPT = typer.Option(
    None, "--kind", help="Only runs of this kind: live, backtest, retrospective."
)
RUN_OPT = typer.Option(None, "--run", help="Only this run (its id or a unique prefix).")


def parse_as_of(text: str | None) -> date | None:
    """``YYYY-MM-DD`` (or ``YYYY``: its 31 December) as a date; a bad value exits 1."""
    if not text:
        return None
    try:
        return date(int(text), 12, 31) if text.isdigit() else date.fromisoformat(text)
    except ValueError:
        fail(f"--as-of {text!r}: give a date as YYYY-MM-DD (or a year)")


def register_url(db: str | None) -> str | None:
    """The register's URL: ``db`` or ``$REALPOLITIK_DB`` (``None`` with neither)."""
    from realpolitik.store.repository import DEFAULT_DB_ENV

    return db or os.environ.get(DEFAULT_DB_ENV) or None


def live_track_record(db: str | None) -> dict[str, Any] | None:
    """The register's live track record (``None`` without a register URL); exits 1 when the
    register cannot be read."""
    url = register_url(db)
    if url is None:
        return None
    from realpolitik.forecasting.track import track_record

    try:
        return track_record(url)
    except RealpolitikError as exc:
        fail(f"forecast register: {exc}")


def record_forecasts(
    db: str | None,
    frame: Any,
    *,
    command: str,
    as_of: date | None = None,
    kind: str | None = None,
    seed: int | None = None,
    data: str | None = None,
    extra: dict[str, Any] | None = None,
) -> str | None:
    """Write register rows (``frame``, :func:`realpolitik.forecasting.register.record_run`) as
    one run of ``command``.

    The URL is ``db`` or ``$REALPOLITIK_DB``; with neither nothing is written (``None``). A run
    dated in the past (``as_of``) is ``retrospective``, else ``live``. The run id goes to
    stderr, so ``--json`` output stays clean. A failed write exits 1.
    """
    url = register_url(db)
    if url is None:
        return None
    from realpolitik.data.loader import resolve_dataset_path
    from realpolitik.forecasting.register import get_run, record_run

    try:
        folder = resolve_dataset_path(data) if data else None
        run_id = record_run(
            url,
            frame,
            kind=kind,
            as_of=as_of,
            command=command,
            seed=seed,
            data=folder,
            extra=extra,
        )
        info = get_run(url, run_id)
    except RealpolitikError as exc:
        fail(f"forecast register: {exc}")
    err_console.print(
        f"forecast register: run {run_id} ({info.n_forecasts} forecasts, {info.kind})",
        highlight=False,
    )
    return run_id


def record_ensembles(
    db: str | None,
    runs: Iterable[Any],
    *,
    command: str,
    as_of: date | None = None,
    kind: str | None = None,
    data: str | None = None,
) -> str | None:
    """Write the forecasts of ensemble results (``EnsembleResult``) as one register run
    (:func:`record_forecasts`); ``None`` without a register URL."""
    if register_url(db) is None:
        return None
    import pandas as pd

    from realpolitik.forecasting.issued import ensemble_forecasts

    runs = list(runs)
    frame = pd.concat(
        [ensemble_forecasts(r.summary(), horizon=r.manifest["scenario"]["horizon"]) for r in runs],
        ignore_index=True,
    )
    seed = runs[0].seed if runs else None
    return record_forecasts(
        db, frame, command=command, as_of=as_of, kind=kind, seed=seed, data=data
    )


def list_cmd(
    db: str | None = DB_OPT, kind: str | None = KIND_OPT, json_out: bool = JSON_OPT
) -> None:
    """The runs in the register, newest first.

    Example: `realpolitik forecasts list --db sqlite:///realpolitik.sqlite`
    """
    from realpolitik.forecasting.register import list_runs

    runs = on_store(db, lambda s: list_runs(s, kind=kind))
    if json_out:
        print_json([r.as_dict() for r in runs])
        return
    from rich.table import Table

    t = Table(title=f"Forecast runs ({len(runs)})")
    for col in ("run", "created (UTC)", "kind", "command", "as of", "forecasts", "seed"):
        t.add_column(col)
    for r in runs:
        seed = "-" if r.seed is None else str(r.seed)
        t.add_row(
            r.id[:12], r.created_at, r.kind, r.command, str(r.as_of), str(r.n_forecasts), seed
        )
    console.print(t)


def show(
    run: str = typer.Argument(..., help="Run id (or a unique prefix)."),
    db: str | None = DB_OPT,
    limit: int = typer.Option(20, "--limit", min=0, help="Forecasts to print (0 = all)."),
    json_out: bool = JSON_OPT,
) -> None:
    """One run: its provenance (code version, data hash, seed) and its forecasts.

    Example: `realpolitik forecasts show 3f2a --db sqlite:///realpolitik.sqlite`
    """
    from realpolitik.forecasting.register import forecasts_frame, get_run

    def work(s: Any) -> tuple[Any, Any]:
        info = get_run(s, run)
        return info, forecasts_frame(s, run=info.id)

    info, frame = on_store(db, work)
    rows = frame if limit == 0 else frame.head(limit)
    if json_out:
        print_json({"run": info.as_dict(), "forecasts": rows.to_dict("records")})
        return
    for key, value in info.as_dict().items():
        console.print(f"[bold]{key}:[/] {value}", highlight=False)
    console.print(rows.drop(columns=["run_id", "kind"]).to_string(index=False), highlight=False)
    if len(rows) < len(frame):
        console.print(f"... {len(frame) - len(rows)} more (--limit 0 prints all)")


def score(
    db: str | None = DB_OPT,
    as_of: str | None = typer.Option(
        None, "--as-of", help="Resolve forecasts due by this date (YYYY-MM-DD; default today)."
    ),
    run: str | None = RUN_OPT,
    kind: str | None = KIND_OPT,
    json_out: bool = JSON_OPT,
) -> None:
    """Resolve every forecast due by --as-of and print Brier and log score per kind, model and
    horizon; only `live` forecasts are the project's track record. Without --json the pending
    forecasts are counted by the reason they are pending (not due, no measure for the year, an
    outcome without a rule and why: docs/forecasts.md).

    JSON: {"resolved", "pending", "scores": [{"kind", "model", "horizon", "n", "brier",
    "log_score"}]}.

    Example: `realpolitik forecasts score --db sqlite:///realpolitik.sqlite --kind backtest --json`
    """
    from realpolitik.forecasting.track import pending_reasons, resolve_register, score_resolved

    day = parse_as_of(as_of)
    resolved = on_store(db, lambda s: resolve_register(s, as_of=day, run=run, kind=kind))
    out = score_resolved(resolved)
    if json_out:
        print_json(out)
        return
    _print_scores(out)
    for r in pending_reasons(resolved):
        which = f" [{', '.join(r['outcomes'])}]" if r["outcomes"] else ""
        line = f"pending ({r['n']}){which}: {r['reason']}"
        console.print(line, highlight=False, markup=False)


def _print_scores(out: dict[str, Any]) -> None:
    from rich.table import Table

    t = Table(title=f"Register scores: {out['resolved']} resolved, {out['pending']} pending")
    for col in ("kind", "model", "horizon", "n", "Brier", "log score"):
        t.add_column(col)
    for r in out["scores"]:
        t.add_row(
            r["kind"],
            r["model"],
            str(r["horizon"]),
            str(r["n"]),
            f"{r['brier']:.3f}",
            f"{r['log_score']:.3f}",
        )
    console.print(t)


def export(
    path: Path = typer.Argument(..., help="Output file: .parquet or .csv."),
    db: str | None = DB_OPT,
    run: str | None = RUN_OPT,
    kind: str | None = KIND_OPT,
) -> None:
    """Export the register's forecasts (all, one run, or one kind) to Parquet or CSV.

    Example: `realpolitik forecasts export forecasts.parquet --kind live`
    """
    from realpolitik.forecasting.register import export_forecasts

    out = on_store(db, lambda s: export_forecasts(s, path, run=run, kind=kind))
    console.print(f"wrote {out}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add the ``forecasts`` group to ``app``."""
    group = typer.Typer(
        help="The forecast register: every forecast the project issued, immutable, and its "
        "scores once due.\n\nExample: `realpolitik forecasts score --db sqlite:///realpolitik.sqlite`",
        no_args_is_help=True,
    )
    app.add_typer(group, name="forecasts")
    group.command("list")(list_cmd)
    group.command("show")(show)
    group.command("score")(score)
    group.command("export")(export)

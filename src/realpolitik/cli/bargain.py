"""CLI commands for the 'bargain' topic: ``realpolitik bargain`` and ``realpolitik forecast``."""

from __future__ import annotations

import csv
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from realpolitik.cli._common import DATA_OPTION, console, err_console, fail, print_json
from realpolitik.cli._lens import LENS_OPTION, lens_dataset
from realpolitik.cli.forecasts import REGISTER_DB_OPT, record_forecasts, register_url
from realpolitik.errors import InputError, RealpolitikError

if TYPE_CHECKING:
    from realpolitik.engines.bargaining import BargainResult

__all__ = ["read_actors_csv", "register"]

REQUIRED = ("actor", "capability", "position", "salience")
MODELS = ("eum", "compromise", "median")
PRESET_NAMES = ("scholz2011", "paper")


def read_actors_csv(path: Path) -> tuple[list[str], list[float], list[float], list[float]]:
    """Read and validate an ``actor,capability,position,salience`` CSV file.

    Returns
    -------
    (actors, capabilities, positions, saliences)

    Raises
    ------
    InputError
        Naming the file, row (1-based, header excluded) and column of the first problem.
    """
    if not path.exists():
        raise InputError(f"{path}: file not found (give a CSV with columns {','.join(REQUIRED)})")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a CSV file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read as UTF-8 text ({exc})") from exc
    reader = csv.DictReader(text.splitlines())
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(
            f"{path}: missing column(s) {', '.join(missing)} "
            f"(the header must name {','.join(REQUIRED)})"
        )
    reader.fieldnames = header
    actors: list[str] = []
    caps: list[float] = []
    pos: list[float] = []
    sal: list[float] = []
    for row_no, row in enumerate(reader, start=1):
        if all((v or "").strip() == "" for k, v in row.items() if k is not None):
            continue  # blank line
        name = (row.get("actor") or "").strip()
        if not name:
            raise InputError(f"{path}, row {row_no}, column 'actor': empty actor name")
        if name in actors:
            raise InputError(f"{path}, row {row_no}, column 'actor': duplicate actor {name!r}")
        values: dict[str, float] = {}
        for col in ("capability", "position", "salience"):
            raw = (row.get(col) or "").strip()
            try:
                val = float(raw)
            except ValueError:
                raise InputError(
                    f"{path}, row {row_no}, column '{col}': {raw!r} is not a number"
                ) from None
            if not math.isfinite(val):
                raise InputError(f"{path}, row {row_no}, column '{col}': {raw!r} is not finite")
            values[col] = val
        if values["capability"] <= 0:
            raise InputError(
                f"{path}, row {row_no}, column 'capability': {values['capability']:g} must be > 0"
            )
        if not 0.0 <= values["salience"] <= 1.0:
            raise InputError(
                f"{path}, row {row_no}, column 'salience': {values['salience']:g} is outside "
                "[0, 1] (divide 0-100 saliences by 100)"
            )
        actors.append(name)
        caps.append(values["capability"])
        pos.append(values["position"])
        sal.append(values["salience"])
    if not actors:
        raise InputError(f"{path}: no actor rows")
    if sum(c * s for c, s in zip(caps, sal, strict=True)) <= 0:
        raise InputError(f"{path}: every salience is 0; at least one actor must care (s > 0)")
    return actors, caps, pos, sal


def _run_model(
    model: str,
    pos: list[float],
    caps: list[float],
    sal: list[float],
    *,
    preset: str,
    rounds: int,
    q: float,
) -> BargainResult:
    from realpolitik.engines.bargaining import (
        EUMOptions,
        compromise,
        expected_utility,
        median_voter,
    )

    if model == "eum":
        return expected_utility(
            pos, caps, sal, options=EUMOptions.preset(preset), rounds=rounds, q=q
        )
    if model == "compromise":
        return compromise(pos, caps, sal)
    return median_voter(pos, caps, sal)


def _result_table(title: str, actors: list[str], res: BargainResult) -> Any:
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    table.add_column("actor")
    for t in range(res.positions.shape[0]):
        table.add_column(f"r{t}", justify="right")
    for a, name in enumerate(actors):
        table.add_row(name, *(f"{res.positions[t, a]:.2f}" for t in range(res.positions.shape[0])))
    table.add_row("[bold]median[/]", *(f"{m:.2f}" for m in res.medians))
    table.add_row("[bold]weighted mean[/]", *(f"{m:.2f}" for m in res.means))
    return table


def bargain(
    actors_csv: Path = typer.Argument(
        ..., help="CSV with columns actor,capability,position,salience (salience in 0-1)."
    ),
    model: str = typer.Option("eum", "--model", "-m", help="eum | compromise | median"),
    preset: str = typer.Option("scholz2011", "--preset", help="EUM preset: scholz2011 | paper"),
    rounds: int = typer.Option(10, "--rounds", "-n", min=0, help="EUM rounds to play."),
    q: float = typer.Option(
        1.0, "--q", min=0.0, max=1.0, help="EUM Q: status-quo probability when no challenge."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON on stdout."),
) -> None:
    """Forecast one issue with a bargaining model (expected utility, compromise, median).

    Example: `realpolitik bargain actors.csv --model eum --preset scholz2011 --rounds 8 --json`

    JSON: {"rounds": [{"round", "median", "mean", "positions": {actor: x}}], "forecast"}.
    One actor, or all actors at one position, is a fixed point: the forecast is that position.
    """
    try:
        if model not in MODELS:
            raise InputError(f"--model must be one of {', '.join(MODELS)}, not {model!r}")
        if preset not in PRESET_NAMES:
            raise InputError(f"--preset must be one of {', '.join(PRESET_NAMES)}, not {preset!r}")
        names, caps, pos, sal = read_actors_csv(actors_csv)
        res = _run_model(model, pos, caps, sal, preset=preset, rounds=rounds, q=q)
    except RealpolitikError as exc:
        fail(str(exc))
    except ValueError as exc:  # argument misuse caught by the engine
        fail(f"{actors_csv}: {exc}")
    out = res.to_dict(names)
    out["model"] = model
    if model == "eum":
        out["preset"] = preset
        out["q"] = q
    if as_json:
        print_json(out)
        return
    if len(names) == 1 or len(set(pos)) == 1:
        err_console.print(
            "note: one actor or a single position: nothing to bargain, the forecast is "
            "that position."
        )
    label = f"{model} ({preset})" if model == "eum" else model
    console.print(_result_table(f"{actors_csv.name}: {label}", names, res))
    console.print(f"[bold]forecast:[/] {out['forecast']:.3f}")


def forecast(
    issue: str | None = typer.Argument(None, help="Issue id (default: every built-in issue)."),
    rounds: int = typer.Option(10, "--rounds", "-n", min=0, help="EUM rounds to play."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON on stdout."),
    lens: str | None = LENS_OPTION,
    data: str | None = DATA_OPTION,
    db: str | None = REGISTER_DB_OPT,
) -> None:
    """Forecast the built-in issues with the EUM (both presets), compromise and median models.

    With --db (or $REALPOLITIK_DB) each model's forecast is also written to the forecast
    register as "the issue stands above its status quo" at the end of the baseline scenario's
    horizon year (docs/forecasts.md).

    Example: `realpolitik forecast --json`
    """
    try:
        from realpolitik.data import load_dataset
        from realpolitik.engines.bargaining.forecast import forecast_issues

        dataset = lens_dataset(lens) or load_dataset(data or "east-asia-2025")
        results = forecast_issues(dataset, issue=issue, rounds=rounds)
    except RealpolitikError as exc:
        fail(str(exc))
    _record(db, results, rounds=rounds, lens=lens, data=data)
    if as_json:
        print_json({"issues": results})
        return
    from rich.table import Table

    table = Table(title="Bargaining forecasts (0-100 scale)")
    for col in ("issue", "actors", "median r0", "EUM scholz2011", "EUM paper", "compromise"):
        table.add_column(col, justify="left" if col == "issue" else "right")
    for item in results:
        f = item["forecasts"]
        table.add_row(
            item["issue"],
            str(len(item["actors"])),
            f"{f['median']:.1f}",
            f"{f['eum_scholz2011']:.1f}",
            f"{f['eum_paper']:.1f}",
            f"{f['compromise']:.1f}",
        )
    console.print(table)


def _record(
    db: str | None,
    results: list[dict[str, Any]],
    *,
    rounds: int,
    lens: str | None,
    data: str | None,
) -> None:
    """Write the bargaining forecasts to the register (nothing without a register URL).

    The target is 31 December of the built-in baseline scenario's horizon: the year the
    scenarios read the issue forecasts at. The point forecasts themselves are kept in the run's
    provenance (``issues``)."""
    if register_url(db) is None:
        return
    from datetime import date

    from realpolitik.forecasting.issued import bargain_forecasts
    from realpolitik.scenarios.catalogue import resolve_scenario

    try:
        target = date(int(resolve_scenario("baseline").horizon), 12, 31)
    except RealpolitikError as exc:
        fail(str(exc))
    points = {
        r["issue"]: {"status_quo": r["status_quo"], "forecasts": r["forecasts"]} for r in results
    }
    record_forecasts(
        db,
        bargain_forecasts(results, target),
        command="forecast",
        data=data,
        extra={"issues": points, "rounds": rounds, "lens": lens},
    )


def register(app: typer.Typer) -> None:
    """Add this topic's commands to ``app``."""
    app.command("bargain")(bargain)
    app.command("forecast")(forecast)

"""``realpolitik data check [DIR]`` and ``realpolitik data export DIR``: the data-set files."""

from __future__ import annotations

from pathlib import Path

import typer

from realpolitik.cli._common import JSON_OPT, console, err_console, fail, print_json
from realpolitik.errors import RealpolitikError

__all__ = ["check", "export", "register"]

_COUNTED = {"capabilities": "capability values"}


def check(
    directory: str = typer.Argument(
        "east-asia-2025", help="Data-set folder (default: the built-in data set)."
    ),
    json_out: bool = JSON_OPT,
) -> None:
    """Validate a data set; print every problem (file, row, field, fix); exit 1 if any.

    Example: `realpolitik data check mydata`
    """
    from realpolitik.data import load_dataset, validate_dataset

    problems = validate_dataset(directory)
    if json_out:
        print_json(
            {
                "ok": not problems,
                "problems": [
                    {
                        "file": p.file,
                        "row": p.row,
                        "field": p.field,
                        "message": p.message,
                        "fix": p.fix,
                    }
                    for p in problems
                ],
            }
        )
        if problems:
            raise typer.Exit(1)
        return
    if problems:
        for p in problems:
            err_console.print(f"[red]✗[/] {p}", highlight=False, markup=True, soft_wrap=True)
        fail(f"{len(problems)} problem(s) in {directory}")
    ds = load_dataset(directory)
    tables = ("actors", "people", "capabilities", "relations", "issues", "positions", "sources")
    counts = ", ".join(f"{len(getattr(ds, t))} {_COUNTED.get(t, t)}" for t in tables)
    console.print(f"[green]OK[/] {ds.name} (base year {ds.base_year}): {counts}", highlight=False)


def export(
    directory: Path = typer.Argument(..., help="Folder to write the copy into."),
    name: str = typer.Option("east-asia-2025", "--name", help="Data set to copy."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing copy."),
) -> None:
    """Copy a data set's files to DIR so you can edit your own version.

    Example: `realpolitik data export mydata && realpolitik data check mydata`
    """
    from realpolitik.data import export_dataset

    try:
        out = export_dataset(directory, name=name, force=force)
    except RealpolitikError as exc:
        fail(str(exc))
    console.print(f"wrote {out}: edit the CSV files, then run `realpolitik data check {out}`")


def register(app: typer.Typer) -> None:
    """Add the ``data`` group (``check``, ``export``) to ``app``."""
    data_app = typer.Typer(
        help=(
            "Check or copy a data set.\n\n"
            "Example: `realpolitik data export mydata` then edit the CSV files and run "
            "`realpolitik data check mydata`."
        ),
        no_args_is_help=True,
    )
    app.add_typer(data_app, name="data")
    data_app.command("check")(check)
    data_app.command("export")(export)

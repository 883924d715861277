"""Shared CLI helpers: consoles, JSON output and error exits."""

from __future__ import annotations

import json
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

__all__ = ["DATA_OPTION", "console", "data_weights", "err_console", "fail", "print_json"]

console = Console()
err_console = Console(stderr=True)


def print_json(obj: Any) -> None:
    """Print ``obj`` as JSON on stdout (no rich markup, safe to pipe)."""
    typer.echo(json.dumps(obj, indent=2, ensure_ascii=False, default=str))


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``message`` (plain text, never markup) as an error on stderr; exit with ``code``."""
    err_console.print(
        f"[bold red]error:[/] {escape(message)}", markup=True, highlight=False, soft_wrap=True
    )
    raise typer.Exit(code)


DATA_OPTION: Any = typer.Option(
    None,
    "--data",
    "-d",
    help="Data set: the built-in name or the folder of your copy (`realpolitik data export "
    "DIR`); a copy's propensity.toml and lever_effects.toml are the ones the engines read.",
)
"""The shared ``--data`` option of every command that reads the data set."""


def data_weights(data: str | None) -> Any:
    """The ``propensity.toml`` of the data-set folder ``data`` (``None``: built-in weights)."""
    if not data:
        return None
    from realpolitik.data.loader import resolve_dataset_path

    path = resolve_dataset_path(data) / "propensity.toml"
    return path if path.is_file() else None

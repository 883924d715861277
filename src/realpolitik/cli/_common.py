"""Shared CLI helpers: consoles, JSON output and error exits."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, NoReturn, cast

import typer

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["DB_OPT", "JSON_OPT", "console", "err_console", "fail", "print_json"]

DB_OPT = typer.Option(
    None,
    "--db",
    help="Evidence database URL: sqlite:///PATH (default ./realpolitik.sqlite or "
    "$REALPOLITIK_DB) or postgresql+psycopg://user@host:port/db.",
)
"""The ``--db`` option of every command that reads or writes the evidence store."""

JSON_OPT = typer.Option(False, "--json", help="Print JSON on stdout instead of tables.")
"""The ``--json`` option: machine-readable output on stdout."""


class _LazyConsole:
    """A rich ``Console`` made on first use: rich costs ~0.1 s to import, ``--help`` needs none."""

    def __init__(self, stderr: bool) -> None:
        self._stderr = stderr
        self._console: Console | None = None

    def _real(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=self._stderr)
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real(), name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name.startswith("_"):
            object.__setattr__(self, name, value)
        else:
            setattr(self._real(), name, value)

    # dunder methods bypass __getattr__: rich's Live/Progress use the console as a context
    def __enter__(self) -> Console:
        return self._real().__enter__()

    def __exit__(self, *exc: Any) -> None:
        self._real().__exit__(*exc)


console = cast("Console", _LazyConsole(stderr=False))
err_console = cast("Console", _LazyConsole(stderr=True))


def print_json(obj: Any) -> None:
    """Print ``obj`` as JSON on stdout (no rich markup, safe to pipe)."""
    typer.echo(json.dumps(obj, indent=2, ensure_ascii=False, default=str))


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``message`` (plain text, never markup) as an error on stderr; exit with ``code``."""
    from rich.markup import escape

    err_console.print(
        f"[bold red]error:[/] {escape(message)}", markup=True, highlight=False, soft_wrap=True
    )
    raise typer.Exit(code)

"""Shared CLI helpers: consoles, JSON output and error exits."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar, cast

import typer

from realpolitik.errors import RealpolitikError

if TYPE_CHECKING:
    from rich.console import Console

    from realpolitik.store.repository import Store

T = TypeVar("T")

__all__ = [
    "DATA_OPTION",
    "DB_OPT",
    "JSON_OPT",
    "console",
    "data_weights",
    "err_console",
    "fail",
    "on_store",
    "print_json",
]

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


def on_store(db: str | None, work: Callable[[Store], T]) -> T:
    """Run ``work`` on the evidence store at ``db`` and close it; a realpolitik error (the
    store unreachable, a bad filter) becomes a CLI failure: the message on stderr, exit 1."""
    from realpolitik.store.repository import open_store

    try:
        store = open_store(db)
        try:
            return work(store)
        finally:
            store.close()
    except RealpolitikError as exc:
        fail(str(exc))

"""Options and helpers shared by the scenario commands (light: no heavy import at load)."""

from __future__ import annotations

from typing import Any

import typer

from realpolitik.cli._common import err_console, fail

__all__ = [
    "BACKEND_OPTION",
    "TIPPING_OPTION",
    "WORKERS_OPTION",
    "make_executor",
    "pct",
    "progress",
    "signed",
]

BACKEND_OPTION: Any = typer.Option(
    "serial",
    "--backend",
    help="Where members run: serial (this process), process (a process pool) or dask.",
)
WORKERS_OPTION: Any = typer.Option(None, "--workers", help="Workers for process/dask.")
TIPPING_OPTION: Any = typer.Option(
    300,
    "--tipping-members",
    min=0,
    help="Members per point of the claims' dose-response curves 0-2x (the tipping intensity "
    "is read off them) and of the Japan-Korea search up to 5x (0 = skip them).",
)


def make_executor(backend: str, workers: int | None, scheduler: str | None) -> Any:
    """The executor for ``--backend``; exits with a message on bad options."""
    from realpolitik.scenarios.executors import make_executor as _make

    if scheduler and backend != "dask":
        fail("--scheduler needs --backend dask")
    try:
        return _make(backend, workers, scheduler)
    except ValueError as exc:
        fail(str(exc))


def progress() -> Any:
    """A transient progress bar on stderr (disabled when stderr is not a terminal)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    return Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    )


def pct(e: dict[str, float] | None) -> str:
    """A probability with its interval (the one percent formatter: ``format_estimate``)."""
    from realpolitik.scenarios.runner import format_estimate

    return format_estimate(e)


def signed(e: dict[str, float] | None) -> str:
    """A lift with its interval, signed."""
    from realpolitik.scenarios.runner import format_estimate

    return format_estimate(e, signed=True)

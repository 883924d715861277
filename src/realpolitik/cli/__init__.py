"""The ``realpolitik`` command line: thin wrappers, one command = one API call + formatting.

Each topic lives in its own module that exposes ``register(app)``; this module only assembles
them. Heavy libraries are imported inside the commands so ``realpolitik --help`` stays fast.
"""

from __future__ import annotations

import sys

import typer

from realpolitik import __version__
from realpolitik.cli import align, bargain, data, history, ingest, lens, scenario, web
from realpolitik.cli._common import console, fail
from realpolitik.errors import RealpolitikError

__all__ = ["app", "main"]

app = typer.Typer(
    name="realpolitik",
    help=(
        "A sourced, runnable model of the East Asian regional order.\n\n"
        "Start with `realpolitik run` (the main job on the built-in East Asia 2025 data), "
        "or browse the data with `realpolitik actors`, `realpolitik actor CHN`, "
        "`realpolitik relations` and `realpolitik issues`."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)


def _version_callback(value: bool) -> None:
    if value:
        console.print(f"realpolitik {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        callback=_version_callback,
        is_eager=True,
        help="Print the version and exit.",
    ),
) -> None:
    """realpolitik: who will take control of the region?"""


for _module in (data, align, bargain, scenario, ingest, web, lens, history):
    _module.register(app)


def main() -> None:
    """Console-script entry point: run the app, turning realpolitik errors into exit code 1."""
    try:
        app()
    except RealpolitikError as exc:  # pragma: no cover - exercised through subprocess tests
        fail(str(exc))
        sys.exit(1)

"""The ``realpolitik`` command line: thin wrappers, one command = one API call + formatting.

Each topic lives in its own module that exposes ``register(app)``; this module only assembles
them. Heavy libraries are imported inside the commands so ``realpolitik --help`` stays fast.
"""

from __future__ import annotations

import sys
from typing import Any

import typer

from realpolitik.cli import align, bargain, data, forecasts, history, ingest, lens, scenario, web
from realpolitik.cli._common import console, fail
from realpolitik.errors import RealpolitikError

__all__ = ["app", "main"]


def _coerce_none_without_pydantic() -> None:
    """Let an option that was not given (``None``) skip typer's pydantic coercion.

    typer (0.29) builds a pydantic ``TypeAdapter`` to coerce every parameter value, even the
    group's unset ``--help`` when a sub-command's ``--help`` is asked for, and pydantic costs
    ~0.2 s to import. Coercing ``None`` on a single-value parameter is the identity in typer
    (``RuntimeParam.coerce``), so this keeps the result and skips the import; every given value
    still goes through typer's own coercion.
    """
    from typer.core import _TyperParameter

    original = _TyperParameter.process_value
    if getattr(original, "_realpolitik_fast", False):
        return

    def process_value(self: _TyperParameter, ctx: Any, value: Any) -> Any:
        if value is None and not (self.multiple or self.nargs == -1) and not self.required:
            return value if self.callback is None else self.callback(ctx, self, value)
        return original(self, ctx, value)

    process_value._realpolitik_fast = True  # type: ignore[attr-defined]
    _TyperParameter.process_value = process_value  # type: ignore[method-assign]


_coerce_none_without_pydantic()

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
    # Plain click help: typer's rich formatter imports rich, markdown-it and pygments (~0.3 s),
    # more than the whole `--help` budget (0.3 s, benchmarks/bench_startup.py).
    rich_markup_mode=None,
)


def _version_callback(value: bool) -> None:
    if value:
        from realpolitik import __version__  # importlib.metadata: only when asked

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
forecasts.register(app)


def main() -> None:
    """Console-script entry point: run the app, turning realpolitik errors into exit code 1."""
    try:
        app()
    except RealpolitikError as exc:  # pragma: no cover - exercised through subprocess tests
        fail(str(exc))
        sys.exit(1)

"""The ``realpolitik`` command line: thin wrappers, one command = one API call + formatting.

Each topic lives in its own module that exposes ``register(app)`` (adding its commands to a
typer app). The table :data:`COMMANDS` below names, for every top-level command, the module
that registers it and the one-line summary that ``realpolitik --help`` lists. Modules are
imported only when one of their commands runs or shows its help (click's lazy-loading group
pattern, through typer's documented ``cls=`` hook), so ``realpolitik --help`` imports no topic
module and no heavy library (``benchmarks/bench_startup.py``).

Adding a command
----------------
1. Add it in your topic module's ``register(app)`` (``app.command("name")(fn)``, or
   ``app.add_typer(sub, name="name")`` for a group of sub-commands).
2. Add one line to :data:`COMMANDS`: ``"name": ("realpolitik.cli.<module>", "<summary>")``,
   the summary being the first line of the command's help. ``tests/cli/test_registry.py``
   fails until the table and the modules agree (names and summaries).
"""

from __future__ import annotations

import difflib
import importlib
import sys
from functools import cache
from typing import Any

import typer
import typer.main
from typer.core import TyperGroup

from realpolitik.errors import RealpolitikError

__all__ = ["COMMANDS", "app", "load_topic", "main"]

# name: (module whose register(app) adds it, summary listed by `realpolitik --help`).
# One line per top-level command, in the order `--help` lists them.
COMMANDS: dict[str, tuple[str, str]] = {
    "actors": (
        "realpolitik.cli.data",
        "List the actors with their kind, latest CINC, GDP and aliases.",
    ),
    "actor": (
        "realpolitik.cli.data",
        "Show one actor: capabilities, relations and issue positions, each with its sources.",
    ),
    "relations": (
        "realpolitik.cli.data",
        "List relations (typed, signed, weighted, dated, sourced).",
    ),
    "issues": (
        "realpolitik.cli.data",
        "List the contested issues (0-100 scales) or the positions on one issue.",
    ),
    "data": ("realpolitik.cli.data", "Check or copy a data set."),
    "align": (
        "realpolitik.cli.align",
        "Predict stable blocs with landscape theory (Axelrod & Bennett 1993).",
    ),
    "balance": (
        "realpolitik.cli.align",
        "Structural balance: frustration index (exact, MILP) and triangle balance ratio.",
    ),
    "bargain": (
        "realpolitik.cli.bargain",
        "Forecast one issue with a bargaining model (expected utility, compromise, median).",
    ),
    "forecast": (
        "realpolitik.cli.bargain",
        "Forecast the built-in issues with the EUM (both presets), compromise and median models.",
    ),
    "summary": (
        "realpolitik.cli.scenario",
        "The built-in system at a glance: actors by capability, alliances, contested issues.",
    ),
    "run": (
        "realpolitik.cli.scenario",
        "The main job: the baseline and every seed-claim scenario on the built-in data.",
    ),
    "simulate": ("realpolitik.cli.scenario", "Run one scenario as a Monte Carlo ensemble."),
    "claims": (
        "realpolitik.cli.scenario",
        "The seed articles' conditional claims with the model's verdicts.",
    ),
    "sensitivity": (
        "realpolitik.cli.scenario",
        "What drives the answer: Sobol' first- and total-order indices (SALib) of a "
        "contender's control of the region (or of the bloc-share margin, or China's bloc share) "
        "over every sampled input, structural choices included, each input named for what it is "
        "(the alignment model's fitted-weight draw is one input).",
    ),
    "scenario": (
        "realpolitik.cli.scenario",
        "Scenario files: list, show, and the JSON Schema.",
    ),
    "ingest": (
        "realpolitik.cli.ingest",
        "Read articles, extract evidence and store it (one transaction per article).",
    ),
    "evidence": ("realpolitik.cli.ingest", "Browse stored evidence."),
    "eval": ("realpolitik.cli.ingest", "Evaluate extraction against annotations."),
    "report": (
        "realpolitik.cli.web",
        "Write the report: who controls the region (baseline and scenarios), the alignment "
        "network, capability fan charts, issue forecasts, claims, sensitivity, sources, "
        "manifest; with ``--lens``, a Perspectives section (the same scenarios under each "
        "lens, the differences with the sentences that cause them, coverage per lens).",
    ),
    "serve": ("realpolitik.cli.web", "Serve the dashboard and JSON API (OpenAPI at /docs)."),
    "lens": (
        "realpolitik.cli.lens",
        "Perspective lenses: the system as each source sees it, and where sources disagree.",
    ),
    "backtest": (
        "realpolitik.cli.history",
        "Score the alignment model's forecasts against what happened (docs/backtest.md).",
    ),
    "fit-weights": (
        "realpolitik.cli.history",
        "Fit the propensity weights on 1950-1990 and compare them out of sample.",
    ),
    "history": (
        "realpolitik.cli.history",
        "What happened: the measured alignment since 1946 and the facts it is checked on.",
    ),
    "forecasts": (
        "realpolitik.cli.forecasts",
        "The forecast register: every forecast the project issued, immutable, and its scores once "
        "due.",
    ),
}


def _help_callback(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        typer.echo(ctx.get_help())
        raise typer.Exit()


_HELP_OPTION: Any = typer.Option(
    False,
    "--help",
    callback=_help_callback,
    is_eager=True,
    expose_value=False,
    help="Show this message and exit.",
)


@cache
def load_topic(module: str) -> dict[str, Any]:
    """The click commands that ``module.register`` adds, by name (imported once per process).

    Parameters
    ----------
    module : str
        Dotted name of a topic module of :mod:`realpolitik.cli` (a value of :data:`COMMANDS`).

    Returns
    -------
    dict of str to click command
        Every top-level command the module registers.

    Examples
    --------
    >>> sorted(load_topic("realpolitik.cli.align"))
    ['align', 'balance']
    """
    sub = typer.Typer(rich_markup_mode=None, add_completion=False)
    importlib.import_module(module).register(sub)

    @sub.callback()
    def _group() -> None:  # a callback makes typer build a group even for one command
        pass

    commands: dict[str, Any] = dict(getattr(typer.main.get_command(sub), "commands", {}))
    for command in commands.values():
        _flag_help(command)
    return commands


def _help_flag() -> Any:
    """A fresh ``--help`` option that is a boolean flag defaulting to False.

    typer coerces every parameter value through pydantic (~0.15 s to import) except booleans;
    the built-in help option's unset value is None, so a group's own help option costs that
    import whenever a command below it shows its help. This flag does not.
    """
    tiny = typer.Typer(add_completion=False)

    @tiny.command(add_help_option=False)
    def _flag(show_help: bool = _HELP_OPTION) -> None:  # pragma: no cover - never run
        pass

    return typer.main.get_command(tiny).params[0]


def _flag_help(command: Any) -> None:
    """Give every group at or below ``command`` the boolean ``--help`` of :func:`_help_flag`."""
    subcommands = getattr(command, "commands", None)
    if subcommands is None:
        return
    command.add_help_option = False
    command.params.append(_help_flag())
    for sub in subcommands.values():
        _flag_help(sub)


class _LazyGroup(TyperGroup):
    """The root group: commands come from :data:`COMMANDS`, their modules load on demand."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in COMMANDS:
            return None
        return load_topic(COMMANDS[cmd_name][0]).get(cmd_name)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and not args[0].startswith("-") and args[0] not in COMMANDS:
            close = difflib.get_close_matches(args[0], list(COMMANDS))
            hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
            ctx.fail(f"No such command {args[0]!r}.{hint}")
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """List the commands from the table, importing none of them."""
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [(name, _shorten(summary, limit)) for name, (_, summary) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, as click does."""
    if len(text) <= limit:
        return text
    return text[: max(limit - 3, 0)].rsplit(" ", 1)[0].rstrip(" .,;:") + "..."


app = typer.Typer(
    name="realpolitik",
    cls=_LazyGroup,
    help=(
        "A sourced, runnable model of the East Asian regional order.\n\n"
        "Start with `realpolitik run` (the main job on the built-in East Asia 2025 data), "
        "or browse the data with `realpolitik actors`, `realpolitik actor CHN`, "
        "`realpolitik relations` and `realpolitik issues`."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain click help: typer's rich formatter imports rich, markdown-it and pygments (~0.3 s).
    rich_markup_mode=None,
    # The root's --help is the boolean option of `_root` below: a flag that defaults to False
    # needs no value coercion, whereas the built-in help option's unset value (None) goes
    # through typer's pydantic coercion (~0.15 s) whenever a sub-command's --help is asked for.
    add_help_option=False,
)


def _version_callback(value: bool) -> None:
    if value:
        from realpolitik import __version__  # importlib.metadata: only when asked

        typer.echo(f"realpolitik {__version__}")
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
    show_help: bool = _HELP_OPTION,
) -> None:
    """realpolitik: who will take control of the region?"""


def main() -> None:
    """Console-script entry point: run the app, turning realpolitik errors into exit code 1."""
    try:
        app()
    except RealpolitikError as exc:  # pragma: no cover - exercised through subprocess tests
        from realpolitik.cli._common import fail

        fail(str(exc))
        sys.exit(1)

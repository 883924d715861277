"""``realpolitik scenario list|show|schema``: the scenario files."""

from __future__ import annotations

import typer

from realpolitik.cli._common import console, fail, print_json
from realpolitik.errors import RealpolitikError

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add the ``scenario`` sub-app to ``app``."""
    scen = typer.Typer(
        help="Scenario files: list, show, and the JSON Schema.", no_args_is_help=True
    )
    app.add_typer(scen, name="scenario")

    @scen.command("schema")
    def schema() -> None:
        """Print the JSON Schema of scenario files (for editors and validators).

        Example: `realpolitik scenario schema > scenario.schema.json`
        """
        from realpolitik.scenarios.spec import scenario_schema

        print_json(scenario_schema())

    @scen.command("list")
    def list_cmd(json_out: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
        """List the built-in scenarios (the baseline and one per seed claim).

        Example: `realpolitik scenario list`
        """
        from rich.table import Table

        from realpolitik.scenarios.catalogue import builtin_scenarios, load_builtin

        specs = [load_builtin(n) for n in builtin_scenarios()]
        if json_out:
            print_json([s.model_dump(mode="json", by_alias=True) for s in specs])
            return
        t = Table(title="Built-in scenarios")
        for col in ("name", "levers", "outcome", "source", "description"):
            t.add_column(col, overflow="fold")
        for s in specs:
            t.add_row(
                s.name,
                ", ".join(lv.id for lv in s.levers) or "-",
                s.claim.outcome if s.claim else "-",
                s.claim.source if s.claim else "-",
                s.description,
            )
        console.print(t)

    @scen.command("show")
    def show(name: str = typer.Argument(..., help="Built-in scenario name or a file.")) -> None:
        """Print a scenario, validated, as JSON (a template for your own files).

        Example: `realpolitik scenario show c004_taiwan`
        """
        from realpolitik.scenarios.catalogue import resolve_scenario

        try:
            spec = resolve_scenario(name)
        except RealpolitikError as exc:
            fail(str(exc))
        print_json(spec.model_dump(mode="json", by_alias=True))

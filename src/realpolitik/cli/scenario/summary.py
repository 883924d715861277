"""``realpolitik summary``: the built-in system at a glance."""

from __future__ import annotations

import typer

from realpolitik.cli._common import console, fail, print_json
from realpolitik.errors import RealpolitikError

__all__ = ["register"]


def _summary_run(data: str, json_out: bool, top: int) -> None:
    """Print a summary of the system: actors by capability, alliances, contested issues."""
    from rich.table import Table

    from realpolitik.data import load_dataset, summary

    try:
        s = summary(load_dataset(data))
    except RealpolitikError as exc:
        fail(str(exc))
    if json_out:
        print_json(s)
        return
    c = s["counts"]
    console.print(
        f"[bold]{s['name']}[/] (base year {s['base_year']}): {c['actors']} actors "
        f"({c['states']} states/territories), {c['relations']} relations, {c['issues']} issues, "
        f"{c['positions']} positions, {c['capabilities']} capability values",
        highlight=False,
    )
    t = Table(title="Actors by capability (latest CoW CINC share)")
    for col in ("rank", "code", "name", "CINC", "year", "GDP USD bn (year)"):
        t.add_column(col)
    for k, r in enumerate(s["actors_by_capability"][:top], 1):
        t.add_row(
            str(k),
            r["code"],
            r["name"],
            "" if r["cinc"] is None else f"{r['cinc']:.4f}",
            "" if r["cinc_year"] is None else str(r["cinc_year"]),
            ""
            if r["gdp_nominal_usd_bn"] is None
            else f"{r['gdp_nominal_usd_bn']:,.0f} ({r['gdp_year']})",
        )
    console.print(t)
    t = Table(title="Alliances and security partnerships in force")
    for col in ("a", "b", "kind", "since", "sources"):
        t.add_column(col)
    for r in s["alliances"]:
        t.add_row(r["a"], r["b"], r["kind"], r["start"], ", ".join(r["sources"]))
    console.print(t)
    t = Table(title="Contested issues (0-100)")
    for col in ("issue", "0 means", "100 means", "lowest", "highest"):
        t.add_column(col)
    for i in s["issues"]:
        t.add_row(
            i["name"],
            i["low"],
            i["high"],
            ", ".join(f"{a} {p:g}" for a, p in i["lowest"]),
            ", ".join(f"{a} {p:g}" for a, p in i["highest"]),
        )
    console.print(t)


def register(app: typer.Typer) -> None:
    """Add ``summary`` to ``app``."""

    @app.command("summary")
    def summary_cmd(
        data: str = typer.Option("east-asia-2025", "--data", "-d", help="Data set name or folder."),
        top: int = typer.Option(15, "--top", help="How many actors to list."),
        json_out: bool = typer.Option(False, "--json", help="Print JSON on stdout."),
    ) -> None:
        """The built-in system at a glance: actors by capability, alliances, contested issues.

        Example: `realpolitik summary --top 10`
        """
        _summary_run(data, json_out, top)

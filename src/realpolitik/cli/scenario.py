"""CLI commands for the 'scenario' topic (registered by :mod:`realpolitik.cli`).

``realpolitik run`` is the main job (baseline + every seed-claim scenario); ``simulate`` runs
one scenario; ``claims`` lists the articles' claims with the model's verdicts; ``scenario``
lists, shows and publishes the schema of scenario files; ``summary`` prints the built-in
system at a glance.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from realpolitik.cli._common import console, err_console, fail, print_json
from realpolitik.cli._lens import LENS_OPTION, lens_system, lens_terms
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


_BACKEND_OPTION: Any = typer.Option(
    "serial",
    "--backend",
    help="Where members run: serial (this process), process (a process pool) or dask.",
)
_WORKERS_OPTION: Any = typer.Option(None, "--workers", help="Workers for process/dask.")
_TIPPING_OPTION: Any = typer.Option(
    300,
    "--tipping-members",
    min=0,
    help="Members per run of the tipping-intensity search (0 = skip it).",
)


def _make_executor(backend: str, workers: int | None, scheduler: str | None) -> Any:
    from realpolitik.scenarios.executors import make_executor

    if scheduler and backend != "dask":
        fail("--scheduler needs --backend dask")
    try:
        return make_executor(backend, workers, scheduler)
    except ValueError as exc:
        fail(str(exc))


def _progress() -> Any:
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


def _pct(e: dict[str, float] | None) -> str:
    from realpolitik.scenarios.runner import format_estimate

    return format_estimate(e)


def _signed(e: dict[str, float] | None) -> str:
    from realpolitik.scenarios.runner import format_estimate

    return format_estimate(e, signed=True)


def register(app: typer.Typer) -> None:
    """Add this topic's commands to ``app``."""

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

    @app.command("run")
    def run(
        members: int = typer.Option(
            2000, "--members", "-n", min=10, help="Ensemble members per scenario."
        ),
        seed: int | None = typer.Option(
            None, "--seed", help="Root seed (default: the scenarios')."
        ),
        out: Path = typer.Option(Path("results"), "--out", "-o", help="Results folder."),
        backend: str = _BACKEND_OPTION,
        workers: int | None = _WORKERS_OPTION,
        scenario: list[str] | None = typer.Option(
            None, "--scenario", "-s", help="Run only these built-in scenarios (repeatable)."
        ),
        tipping: int = _TIPPING_OPTION,
        json_out: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
        lens: str | None = LENS_OPTION,
    ) -> None:
        """The main job: the baseline and every seed-claim scenario on the built-in data.

        Prints, per scenario, the probability (90% interval) that the China-led bloc controls
        the region and that the claim's outcome happens, with the lift over the baseline;
        writes Parquet, manifests, summary.json, claims.json and report.md with plots to
        --out.

        Example: `realpolitik run --members 2000 --out results`
        """
        from rich.table import Table

        from realpolitik.scenarios.main import run_all

        ex = _make_executor(backend, workers, None)
        try:
            with _progress() as bar:
                task = bar.add_task("scenarios", total=None)

                def prog(name: str, done: int, total: int) -> None:
                    bar.update(task, description=name, completed=done, total=total)

                res = run_all(
                    names=scenario or None,
                    members=members,
                    seed=seed,
                    executor=ex,
                    out=out,
                    progress=prog,
                    tipping_members=tipping,
                    system=lens_system(lens),
                    terms=lens_terms(lens),
                )
        except RealpolitikError as exc:
            fail(str(exc))
        finally:
            ex.close()
        if json_out:
            print_json(res.summary())
            return
        t = Table(title="Scenarios: outcome probability (90% interval) and lift over the baseline")
        for col in ("scenario", "outcome", "probability", "lift", "who controls (P)"):
            t.add_column(col, overflow="fold")
        for row in res.table():
            ctl = ", ".join(f"{k} {v:.0%}" for k, v in row["who_controls"].items() if v >= 0.005)
            t.add_row(
                row["scenario"],
                row["outcome"],
                _pct(row["probability"]),
                _signed(row["lift"]),
                ctl,
            )
        console.print(t)
        base_ctl = res.baseline.control()
        console.print(
            "Baseline answer to 'who controls the region in "
            f"{res.baseline.manifest['scenario']['horizon']}': "
            + ", ".join(
                f"{k} {v.value:.1%} [{v.low:.1%}, {v.high:.1%}]"
                for k, v in base_ctl.items()
                if v.value > 0
            ),
            highlight=False,
        )
        console.print(f"Report: {out / 'report.md'}", highlight=False)

    @app.command("simulate")
    def simulate(
        scenario: str = typer.Argument(
            ..., help="A scenario file (.toml/.yaml) or the name of a built-in scenario."
        ),
        members: int | None = typer.Option(None, "-n", "--members", min=1, help="Ensemble size."),
        seed: int | None = typer.Option(None, "--seed", help="Root seed."),
        backend: str = _BACKEND_OPTION,
        scheduler: str | None = typer.Option(
            None, "--scheduler", help="Join a running Dask scheduler, e.g. tcp://127.0.0.1:8786."
        ),
        workers: int | None = _WORKERS_OPTION,
        out: Path | None = typer.Option(None, "--out", "-o", help="Folder for Parquet + manifest."),
        batch: int = typer.Option(1000, "--batch", min=1, help="Members per batch."),
        plot: Path | None = typer.Option(
            None, "--plot", help="Tornado plot of the headline's drivers."
        ),
        json_out: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
        lens: str | None = LENS_OPTION,
        year: int | None = typer.Option(
            None, "--year", help="Start from a past year's system (history panel, 1925-2024)."
        ),
    ) -> None:
        """Run one scenario as a Monte Carlo ensemble.

        Member i always uses child i of the root SeedSequence, so the same seed gives the
        same results on every back end and worker count.

        Example: `realpolitik simulate c000_rcep_leadership -n 5000 --backend process --out results`
        """
        from rich.table import Table

        from realpolitik.scenarios.catalogue import resolve_scenario
        from realpolitik.scenarios.runner import run_scenario
        from realpolitik.scenarios.sensitivity import rank_correlations, tornado_plot

        hist = None
        try:
            spec = resolve_scenario(scenario)
            if year is not None:
                from realpolitik.history.scenario import dated_scenario

                spec, hist = dated_scenario(spec, year)
        except RealpolitikError as exc:
            fail(str(exc))
        ex = _make_executor(backend, workers, scheduler)
        try:
            with _progress() as bar:
                task = bar.add_task(spec.name, total=members or spec.members)
                res = run_scenario(
                    spec,
                    system=hist or lens_system(lens, spec),
                    members=members,
                    seed=seed,
                    executor=ex,
                    out=out,
                    batch_size=batch,
                    progress=lambda d, n: bar.update(task, completed=d, total=n),
                )
        except RealpolitikError as exc:
            fail(str(exc))
        finally:
            ex.close()
        targets = dict(res.outcomes)
        targets["china_led_controls"] = res.controller == "China-led"
        sens = rank_correlations(res.inputs, targets, top=10)
        if plot is not None:
            tornado_plot(sens.get("china_led_controls", []), "Drivers: China-led controls", plot)
        summary = res.summary()
        summary["sensitivity"] = sens
        summary["manifest"] = res.manifest
        if json_out:
            print_json(summary)
            return
        t = Table(title=f"{spec.name}: who controls the region in {spec.horizon}?")
        t.add_column("contender")
        t.add_column("probability [90% interval]")
        for k, e in summary["who_controls"].items():
            t.add_row(k, _pct(e))
        console.print(t)
        t = Table(title="Outcomes")
        t.add_column("outcome")
        t.add_column("probability [90% interval]")
        for k, e in summary["outcomes"].items():
            t.add_row(k, _pct(e))
        console.print(t)
        drivers = sens.get("china_led_controls", [])[:5]
        if drivers:
            console.print(
                "Top drivers of 'China-led controls': "
                + ", ".join(f"{k} ({v:+.2f})" for k, v in drivers),
                highlight=False,
            )
        if out is not None:
            console.print(f"Wrote {res.parquet} and its manifest", highlight=False)

    @app.command("claims")
    def claims(
        members: int = typer.Option(2000, "--members", "-n", min=10, help="Members per scenario."),
        seed: int | None = typer.Option(None, "--seed", help="Root seed."),
        backend: str = _BACKEND_OPTION,
        workers: int | None = _WORKERS_OPTION,
        tipping: int = _TIPPING_OPTION,
        json_out: bool = typer.Option(False, "--json", help="Print JSON on stdout."),
        lens: str | None = LENS_OPTION,
    ) -> None:
        """The seed articles' conditional claims with the model's verdicts.

        For each claim: its article, the model's probability of the consequent with and
        without the antecedent (same ensemble members), the lift with its 90% interval and a
        one-line verdict. "tipping" is the smallest lever intensity (1 = the documented
        effect, up to 2) at which the consequent becomes likely, when it is unlikely without.

        Example: `realpolitik claims --members 4000 --json`
        """
        from rich.table import Table

        from realpolitik.scenarios.main import run_all

        ex = _make_executor(backend, workers, None)
        try:
            with _progress() as bar:
                task = bar.add_task("claims", total=None)
                res = run_all(
                    members=members,
                    seed=seed,
                    executor=ex,
                    progress=lambda name, d, n: bar.update(
                        task, description=name, completed=d, total=n
                    ),
                    tipping_members=tipping,
                    system=lens_system(lens),
                    terms=lens_terms(lens),
                )
        except RealpolitikError as exc:
            fail(str(exc))
        finally:
            ex.close()
        rows = [c.as_dict() for c in res.claims]
        if json_out:
            print_json(rows)
            return
        t = Table(title="The articles' claims on the model", show_lines=True)
        for col in (
            "article",
            "claim",
            "outcome",
            "P with",
            "P without",
            "lift",
            "tipping",
            "verdict",
        ):
            t.add_column(col, overflow="fold")
        for r in rows:
            t.add_row(
                r["source"],
                r["claim"],
                r["outcome"],
                _pct(r["p_with"]),
                _pct(r["p_without"]),
                _signed(r["lift"]),
                "-" if r["tipping_intensity"] is None else f"{r['tipping_intensity']:g}",
                r["verdict"],
            )
        console.print(t)

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

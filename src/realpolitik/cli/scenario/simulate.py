"""``realpolitik simulate``: one scenario as a Monte Carlo ensemble."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from realpolitik.cli._asof import AS_OF_OPTION, DB_OPTION, as_of_or_none
from realpolitik.cli._common import DATA_OPTION, console, fail, print_json
from realpolitik.cli._lens import LENS_OPTION, lens_system
from realpolitik.cli.forecasts import record_ensembles
from realpolitik.cli.scenario._shared import (
    BACKEND_OPTION,
    WORKERS_OPTION,
    make_executor,
    pct,
    progress,
)
from realpolitik.errors import RealpolitikError

if TYPE_CHECKING:
    from realpolitik.scenarios.spec import ScenarioSpec
    from realpolitik.scenarios.state import System

__all__ = ["register", "simulate_and_print"]


def _system_for(spec: ScenarioSpec, data: str | None) -> System:
    from realpolitik.data import load_dataset
    from realpolitik.data.loader import resolve_dataset_path
    from realpolitik.scenarios.state import build_system

    folder = resolve_dataset_path(data or spec.dataset).resolve()
    return build_system(
        load_dataset(folder), spec.actors, spec.base_year, data_dir=folder if data else None
    )


def simulate_and_print(
    spec: ScenarioSpec,
    system: System,
    *,
    run_opts: dict[str, Any],
    plot: Path | None,
    json_out: bool,
    register: dict[str, Any] | None = None,
) -> None:
    """Run ``spec`` on a prebuilt ``system`` and print (or ``--json``) its summary.

    ``run_opts``: ``members``, ``seed``, ``executor``, ``out``, ``batch_size`` of
    :func:`~realpolitik.scenarios.runner.run_scenario`. ``register``: keyword arguments of
    :func:`~realpolitik.cli.forecasts.record_ensembles` (``db``, ``as_of``, ``data``) to write
    the forecasts to the register.
    """
    from rich.table import Table

    from realpolitik.scenarios.runner import control_targets, run_scenario
    from realpolitik.scenarios.sensitivity import rank_correlations, tornado_plot

    with progress() as bar:
        task = bar.add_task(spec.name, total=run_opts.get("members") or spec.members)
        res = run_scenario(
            spec,
            system=system,
            progress=lambda d, n: bar.update(task, completed=d, total=n),
            **run_opts,
        )
    if register is not None:
        record_ensembles(runs=[res], command="simulate", **register)
    sens = rank_correlations(res.inputs, control_targets(res), top=10)
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
        t.add_row(k, pct(e))
    console.print(t)
    t = Table(title="Outcomes")
    t.add_column("outcome")
    t.add_column("probability [90% interval]")
    fixed = summary["fixed_outcomes"]
    for k, e in summary["outcomes"].items():
        t.add_row(k, f"fixed under the model ({fixed[k]})" if k in fixed else pct(e))
    console.print(t)
    drivers = sens.get("china_led_controls", [])[:5]
    if drivers:
        console.print(
            "Top drivers of 'China-led controls': "
            + ", ".join(f"{k} ({v:+.2f})" for k, v in drivers),
            highlight=False,
        )
    if res.parquet is not None:
        console.print(f"Wrote {res.parquet} and its manifest", highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``simulate`` to ``app``."""

    @app.command("simulate")
    def simulate(
        scenario: str = typer.Argument(
            ..., help="A scenario file (.toml/.yaml) or the name of a built-in scenario."
        ),
        members: int | None = typer.Option(None, "-n", "--members", min=1, help="Ensemble size."),
        seed: int | None = typer.Option(None, "--seed", help="Root seed."),
        backend: str = BACKEND_OPTION,
        scheduler: str | None = typer.Option(
            None, "--scheduler", help="Join a running Dask scheduler, e.g. tcp://127.0.0.1:8786."
        ),
        workers: int | None = WORKERS_OPTION,
        out: Path | None = typer.Option(None, "--out", "-o", help="Folder for Parquet + manifest."),
        batch: int = typer.Option(1000, "--batch", min=1, help="Members per batch."),
        plot: Path | None = typer.Option(
            None, "--plot", help="Tornado plot of the headline's drivers."
        ),
        json_out: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
        lens: str | None = LENS_OPTION,
        data: str | None = DATA_OPTION,
        year: int | None = typer.Option(
            None, "--year", help="Start from a past year's system (history panel, 1925-2024)."
        ),
        db: str | None = DB_OPTION,
        as_of: str | None = AS_OF_OPTION,
    ) -> None:
        """Run one scenario as a Monte Carlo ensemble.

        Member i always uses child i of the root SeedSequence, so the same seed gives the
        same results on every back end and worker count.

        Example: `realpolitik simulate c000_rcep_leadership -n 5000 --backend process --out results`
        """
        from realpolitik.scenarios.catalogue import resolve_scenario

        try:
            spec = resolve_scenario(scenario)
            asof = None
            if year is not None:
                from realpolitik.history.scenario import dated_scenario

                spec, system = dated_scenario(spec, year)
            elif as_of:
                asof = as_of_or_none(as_of, db, lens=lens, actors=spec.actors)
                system = asof.system if asof is not None else _system_for(spec, data)
            else:
                system = lens_system(lens, spec) or _system_for(spec, data)
        except RealpolitikError as exc:
            fail(str(exc))
        ex = make_executor(backend, workers, scheduler)
        opts = {"members": members, "seed": seed, "executor": ex, "out": out, "batch_size": batch}
        # a past year (--year) or a past --as-of day makes the register run retrospective
        issued = date(year, 12, 31) if year is not None else (asof.as_of if asof else None)
        reg = {"db": db, "as_of": issued, "data": data}
        try:
            simulate_and_print(
                spec, system, run_opts=opts, plot=plot, json_out=json_out, register=reg
            )
        except RealpolitikError as exc:
            fail(str(exc))
        finally:
            ex.close()

"""``realpolitik run``: the main job (baseline + every seed-claim scenario)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from realpolitik.cli._asof import (
    AS_OF_OPTION,
    DB_OPTION,
    OUTLETS_FILE_OPTION,
    as_of_or_none,
    write_evidence,
)
from realpolitik.cli._common import DATA_OPTION, console, fail, print_json
from realpolitik.cli._lens import LENS_OPTION, lens_system, lens_terms
from realpolitik.cli.evidence_series import OUTLET_WEIGHT_OPTION
from realpolitik.cli.forecasts import live_track_record, record_ensembles
from realpolitik.cli.scenario._shared import (
    BACKEND_OPTION,
    TIPPING_OPTION,
    WORKERS_OPTION,
    make_executor,
    pct,
    progress,
    signed,
)
from realpolitik.errors import RealpolitikError

if TYPE_CHECKING:
    from realpolitik.scenarios.main import MainResult

__all__ = ["print_run", "register"]


def print_run(res: MainResult, out: Path) -> None:
    """The run's answer: the headline sentence (China-led against Japan-Korea, then the
    others), the contenders, the answer under each structural choice, the paths, hedgers,
    whose choices matter, the scenarios and the drivers."""
    from rich.table import Table

    summary = res.summary()
    console.print(summary["headline"]["text"], highlight=False)
    console.print(f"Pooled: {summary['headline']['pooled']}.", highlight=False)
    _print_contenders(res)
    _print_conditional(summary["conditional"])
    _print_paths(summary["paths"])
    hedge = sorted(summary["hedging"].items(), key=lambda kv: -kv[1])
    console.print(
        "Hedgers (share of members in which each state adds its capability to no bloc): "
        + ", ".join(f"{a} {v:.0%}" for a, v in hedge if v >= 0.005),
        highlight=False,
    )
    if summary["choices"]:
        console.print(
            "Whose choices matter (change in P(control) when the actor's levers go 0 -> 2x): "
            + "; ".join(
                f"{r['actor']} "
                + ", ".join(f"{k} {v:+.0%}" for k, v in r["delta"].items() if abs(v) >= 0.005)
                for r in summary["choices"]
            ),
            highlight=False,
        )
    t = Table(title="Scenarios: outcome probability (90% interval) and lift over the baseline")
    for col in ("scenario", "outcome", "dependency", "probability", "lift", "who controls (P)"):
        t.add_column(col, overflow="fold")
    for row in res.table():
        ctl = ", ".join(f"{k} {v:.0%}" for k, v in row["who_controls"].items() if v >= 0.005)
        t.add_row(
            row["scenario"],
            row["outcome"],
            row["dependency"] or "-",
            row["display"],
            "no effect possible (outcome fixed)" if row["fixed"] else signed(row["lift"]),
            ctl,
        )
    console.print(t)
    for name, sob in summary["sobol_outputs"].items():
        if isinstance(sob, str):
            console.print(f"Sobol' {name}: {sob}", highlight=False)
            continue
        top = ", ".join(f"{r['input']} (ST {float(r['ST']):.2f})" for r in sob["indices"][:3])
        console.print(f"What drives {name} (Sobol' total order): {top}", highlight=False)
    console.print(f"Report: {out / 'report.md'}", highlight=False)


def _print_contenders(res: MainResult) -> None:
    from rich.table import Table

    from realpolitik.scenarios.runner import format_estimate

    horizon = res.baseline.manifest["scenario"]["horizon"]
    t = Table(title=f"Who controls the region in {horizon}? (baseline, equal-weight pool)")
    for col in ("contender", "P(controls) [90%]", "capability share 5% / 50% / 95%"):
        t.add_column(col)
    cont = res.baseline.contender_summary()
    for name in ("China-led", "Japan-Korea", "US-led", "no one"):
        c = cont[name]
        q = c["share"]
        p = f"fixed under the model ({c['fixed']})" if c["fixed"] else ""
        t.add_row(
            name,
            p or format_estimate(c["probability"]),
            f"{q['q05']:.3f} / {q['q50']:.3f} / {q['q95']:.3f}",
        )
    console.print(t)
    m = cont["margin"]
    console.print(
        f"Margin between the first two blocs: {m['q05']:.3f} / {m['q50']:.3f} / {m['q95']:.3f}"
        " (5/50/95%). Blocs are named after their most capable member; hedgers add their "
        "capability to no bloc.",
        highlight=False,
    )


def _print_conditional(rows: list[dict[str, Any]]) -> None:
    from rich.table import Table

    t = Table(title="The answer under each structural choice (P(controls), 90% interval)")
    names = ("China-led", "Japan-Korea", "US-led", "no one")
    for col in ("choice", "value", "members", *names):
        t.add_column(col, overflow="fold")
    for r in rows:
        t.add_row(
            r["choice"],
            r["value"],
            str(r["members"]),
            *(pct(r["contenders"][c]) for c in names),
        )
    console.print(t)


def _print_paths(paths: list[dict[str, Any]]) -> None:
    if not paths:
        return
    years = [p for p in paths if p["year"] % 5 == 0 or p is paths[-1]]
    console.print(
        f"Paths ({paths[0]['members']} members a year): "
        + "; ".join(
            f"{p['year']} "
            + ", ".join(f"{k} {v:.0%}" for k, v in p["contenders"].items() if v >= 0.005)
            for p in years
        ),
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    """Add ``run`` to ``app``."""

    @app.command("run")
    def run(
        members: int = typer.Option(
            2000, "--members", "-n", min=10, help="Ensemble members per scenario."
        ),
        seed: int | None = typer.Option(
            None, "--seed", help="Root seed (default: the scenarios')."
        ),
        out: Path = typer.Option(Path("results"), "--out", "-o", help="Results folder."),
        backend: str = BACKEND_OPTION,
        workers: int | None = WORKERS_OPTION,
        scenario: list[str] | None = typer.Option(
            None, "--scenario", "-s", help="Run only these built-in scenarios (repeatable)."
        ),
        tipping: int = TIPPING_OPTION,
        sobol: int = typer.Option(
            256, "--sobol", min=0, help="Base sample of the Sobol' analysis (0 = skip)."
        ),
        path_members: int = typer.Option(
            400, "--path-members", min=0, help="Members a year of the paths 2025-2040 (0 = skip)."
        ),
        choice_members: int = typer.Option(
            300,
            "--choice-members",
            min=0,
            help="Members of 'whose choices matter' (each actor's levers 0 -> 2x; 0 = skip).",
        ),
        json_out: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
        lens: str | None = LENS_OPTION,
        data: str | None = DATA_OPTION,
        db: str | None = DB_OPTION,
        as_of: str | None = AS_OF_OPTION,
        outlet_weight: list[str] | None = OUTLET_WEIGHT_OPTION,
        outlets: Path | None = OUTLETS_FILE_OPTION,
    ) -> None:
        """The main job: the baseline and every seed-claim scenario on the built-in data.

        Prints the question as asked (China-led against Japan-Korea, then the others) with
        the answer under each structural choice, the paths 2025-2040, the hedgers and whose
        choices matter; per scenario, the probability (90% interval) of the claim's outcome
        with the lift over the baseline; the drivers (Sobol'); writes Parquet, manifests,
        summary.json, claims.json and report.md with plots to --out.

        Example: `realpolitik run --members 2000 --out results`
        """
        from realpolitik.report.run_report import write_run_report
        from realpolitik.scenarios.main import run_all

        asof = as_of_or_none(as_of, db, lens=lens, outlet_weight=outlet_weight, outlets=outlets)
        ex = make_executor(backend, workers, None)
        try:
            with progress() as bar:
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
                    system=asof.system if asof else lens_system(lens),
                    terms=asof.terms if asof else lens_terms(lens),
                    dataset=asof.dataset if asof else None,
                    data=data,
                    sobol_base=sobol,
                    path_members=path_members,
                    choice_members=choice_members,
                )
            evidence = write_evidence(out / "summary.json", asof) if asof else None
            record_ensembles(
                db,
                [res.baseline, *res.runs.values()],
                command="run",
                as_of=asof.as_of if asof else None,
                data=data,
            )
            res.files += write_run_report(res, out, track=live_track_record(db))
            if asof is not None:
                from realpolitik.report.news import write_news_section

                res.files.append(write_news_section(asof, out))
        except RealpolitikError as exc:
            fail(str(exc))
        finally:
            ex.close()
        if json_out:
            print_json(res.summary() | ({"evidence": evidence} if evidence else {}))
            return
        print_run(res, out)

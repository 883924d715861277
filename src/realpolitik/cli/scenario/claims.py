"""``realpolitik claims``: the seed articles' claims with the model's verdicts."""

from __future__ import annotations

from typing import Any

import typer

from realpolitik.cli._common import DATA_OPTION, console, fail, print_json
from realpolitik.cli._lens import LENS_OPTION, lens_system, lens_terms
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

__all__ = ["print_claims", "register"]


def print_claims(rows: list[dict[str, Any]]) -> None:
    """The claims table (dependency, probabilities, lift, tipping, verdict)."""
    from rich.table import Table

    t = Table(title="The articles' claims on the model (levers at intensity 1)", show_lines=True)
    cols = ("article", "claim", "outcome", "dependency", "P with", "P without", "lift")
    for col in (*cols, "dose 0 / 1 / 2x", "headline lift", "tipping", "verdict"):
        t.add_column(col, overflow="fold")
    for r in rows:
        no_effect = r["dependency"] == "unreachable" or bool(r["fixed"])
        dose = {d["intensity"]: d["p"] for d in r["dose_response"]}
        doses = " / ".join(f"{dose[x]:.0%}" for x in (0.0, 1.0, 2.0) if x in dose) or "-"
        head = ", ".join(f"{k} {v:+.1%}" for k, v in r["headline_lift"].items() if abs(v) >= 5e-4)
        t.add_row(
            r["source"],
            r["claim"],
            r["outcome"],
            r["dependency"],
            "fixed under the model" if r["fixed"] else pct(r["p_with"]),
            "fixed under the model" if r["fixed"] else pct(r["p_without"]),
            "not representable (proxy only)"
            if r["dependency"] == "not_representable"
            else "no effect possible"
            if no_effect
            else signed(r["lift"]),
            doses,
            head or "none",
            r["tipping"],
            r["verdict"],
        )
    console.print(t)


def register(app: typer.Typer) -> None:
    """Add ``claims`` to ``app``."""

    @app.command("claims")
    def claims(
        members: int = typer.Option(2000, "--members", "-n", min=10, help="Members per scenario."),
        seed: int | None = typer.Option(None, "--seed", help="Root seed."),
        backend: str = BACKEND_OPTION,
        workers: int | None = WORKERS_OPTION,
        tipping: int = TIPPING_OPTION,
        json_out: bool = typer.Option(False, "--json", help="Print JSON on stdout."),
        lens: str | None = LENS_OPTION,
        data: str | None = DATA_OPTION,
    ) -> None:
        """The seed articles' conditional claims with the model's verdicts.

        For each claim: its article, its dependency (by_construction: the lever writes what
        the outcome reads; unreachable: no path; mediated: through an engine;
        not_representable: the model has no variable for it; only mediated claims can be
        supported), the probability of the consequent with and without the antecedent at
        its documented intensity (same members), the lift with its 90% interval, the
        dose-response from 0 to 2x (paired, --tipping-members members a point), the lift on
        each headline contender, the tipping intensity (the smallest intensity, up to 2x, at
        which the consequent becomes likely; "none up to 2x") and a verdict (an effect needs
        a lift of at least 5 points).

        Example: `realpolitik claims --members 4000 --json`
        """
        from realpolitik.scenarios.main import run_all

        ex = make_executor(backend, workers, None)
        try:
            with progress() as bar:
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
                    data=data,
                    sobol_base=0,
                    path_members=0,
                    choice_members=0,
                )
        except RealpolitikError as exc:
            fail(str(exc))
        finally:
            ex.close()
        rows = [c.as_dict() for c in res.claims]
        if json_out:
            print_json(rows)
            return
        print_claims(rows)

"""``realpolitik sensitivity``: Sobol' indices of the headline over every sampled input."""

from __future__ import annotations

import typer

from realpolitik.cli._common import DATA_OPTION, console, fail, print_json
from realpolitik.errors import RealpolitikError

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add ``sensitivity`` to ``app``."""

    @app.command("sensitivity")
    def sensitivity(
        scenario: str = typer.Argument(
            "baseline", help="A scenario file or the name of a built-in scenario."
        ),
        output: str = typer.Option(
            "china_led",
            "--output",
            help="china_led | us_led | no_one | japan_korea (1 where that contender controls "
            "the region at the horizon) or margin | china_share (the largest bloc's share minus "
            "the second's; the share of China's bloc).",
        ),
        n_base: int = typer.Option(
            256, "--n-base", "-n", min=16, help="Sobol' base sample (a power of two)."
        ),
        seed: int | None = typer.Option(
            None,
            "--seed",
            help="Seed of the design and the bootstrap (default: the scenario's root seed, "
            "the one `realpolitik run` uses).",
        ),
        json_out: bool = typer.Option(False, "--json", help="Print JSON on stdout."),
        data: str | None = DATA_OPTION,
    ) -> None:
        """What drives the answer: Sobol' first- and total-order indices (SALib) of a
        contender's control of the region (or of the bloc-share margin, or China's bloc
        share) over every sampled input, structural choices included, each input named for
        what it is (the alignment model's fitted-weight draw is one input).

        Example: `realpolitik sensitivity baseline --output us_led --json`
        """
        from rich.table import Table

        from realpolitik.data import load_dataset
        from realpolitik.data.loader import resolve_dataset_path
        from realpolitik.scenarios.catalogue import resolve_scenario
        from realpolitik.scenarios.members import make_plan
        from realpolitik.scenarios.sensitivity import sobol_indices
        from realpolitik.scenarios.state import build_system

        try:
            spec = resolve_scenario(scenario)
            folder = resolve_dataset_path(data or spec.dataset).resolve()
            system = build_system(
                load_dataset(folder), spec.actors, spec.base_year, data_dir=folder if data else None
            )
            res = sobol_indices(
                make_plan(spec, system),
                output=output,
                n_base=n_base,
                seed=spec.seed if seed is None else seed,
            )
        except (RealpolitikError, ValueError) as exc:
            fail(str(exc))
        if json_out:
            print_json(res.as_dict())
            return
        t = Table(title=f"{spec.name}: what drives '{output}' ({res.method})")
        for col in ("input", "S1", "S1 95%", "ST", "ST 95%"):
            t.add_column(col)
        for r in res.indices:
            t.add_row(
                str(r["input"]),
                f"{float(r['S1']):.3f}",
                f"±{float(r['S1_conf']):.3f}",
                f"{float(r['ST']):.3f}",
                f"±{float(r['ST_conf']):.3f}",
            )
        console.print(t)

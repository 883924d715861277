"""CLI commands ``backtest``, ``fit-weights`` and ``history alignment`` / ``history facts``.

The module stays light: the history package, pandas and statsmodels load inside the commands.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from realpolitik.cli._common import console, fail, print_json
from realpolitik.errors import InputError, RealpolitikError

__all__ = ["alignment_json", "backtest_json", "facts_json", "register"]


def _players(text: str | None) -> tuple[str, ...]:
    from realpolitik.history.players import ASIA_PACIFIC, ccode

    if not text:
        return ASIA_PACIFIC
    codes = tuple(c.strip().upper() for c in text.split(",") if c.strip())
    for c in codes:
        ccode(c)
    if len(set(codes)) != len(codes) or len(codes) < 2:
        raise InputError(f"--players {text!r}: give at least two different codes")
    if len(codes) > 20:
        raise InputError(f"--players: {len(codes)} players; the exact ensemble takes at most 20")
    return codes


def _regions(
    names: tuple[str, ...], players: str | None
) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """``(name, players, landscape players)`` per region: ``world`` is every state for the
    change model and the stack, its landscape (and history backtest) on ``major-powers``."""
    from realpolitik.forecasting.evaluate import landscape_players, region_names, region_players

    if players:
        if names and names != ("asia-pacific",):
            raise InputError("give --players or --region, not both")
        chosen = _players(players)
        return [("players", chosen, chosen)]
    out = []
    for name in names or ("asia-pacific",):
        if name not in region_names():
            raise InputError(f"--region {name!r}: use one of {', '.join(region_names())}")
        out.append((name, region_players(name), landscape_players(name)))
    return out


def backtest_json(
    *,
    start: int = 1955,
    stop: int = 2015,
    step: int = 5,
    horizons: tuple[int, ...] = (5, 10),
    members: int = 1000,
    seed: int = 0,
    players: str | None = None,
    weights: str = "fitted",
    regions: tuple[str, ...] = ("asia-pacific",),
    db: str | None = None,
    ablation: bool = False,
) -> dict[str, Any]:
    """The object printed by ``realpolitik backtest --json``.

    ``scores`` and ``change_events`` are those of the first region; ``regions`` holds every
    region's (``region``, ``players``, ``scores``, ``change_events``: the history backtest's
    landscape rows, on ``major-powers`` for ``world``); ``skill``,
    ``reliability``, ``skill_models`` (and ``ablation``) come from
    :func:`realpolitik.forecasting.evaluate.skill_json`.
    """
    from threadpoolctl import threadpool_limits

    from realpolitik.history.backtest import run_backtest
    from realpolitik.history.europe1936 import europe_1936

    if weights not in ("fitted", "judgement"):
        raise InputError(f"--weights {weights!r}: use fitted or judgement")
    reports = []
    chosen = _regions(tuple(regions), players)
    for name, _, members_of in chosen:
        with threadpool_limits(limits=1):  # many small solves: BLAS threads only contend
            res = run_backtest(
                start=start, stop=stop, step=step, horizons=horizons, members=members,
                seed=seed, players=members_of, weights=weights,
            )  # fmt: skip
        reports.append(
            {
                "region": name,
                "players": list(members_of),
                "scores": res.scores(),
                "change_events": res.change_events(),
            }
        )
    from realpolitik.forecasting.evaluate import skill_json

    skill = skill_json(
        chosen,
        start=start, stop=stop, step=step, horizons=horizons, members=members, seed=seed,
        weights=weights, db=db, ablation=ablation,
    )  # fmt: skip
    return {
        "scores": reports[0]["scores"],
        "europe1936": europe_1936(weights).to_dict(),
        "change_events": reports[0]["change_events"],
        "regions": reports,
        **skill,
    }


def alignment_json(year: int, players: str | None = None) -> dict[str, Any]:
    """The object printed by ``realpolitik history alignment --year Y --json``."""
    from realpolitik.history.alignment import SIGNALS, alignment_year

    wanted = None if not players else [c.strip() for c in players.split(",") if c.strip()]
    df = alignment_year(year, wanted)
    sig = {name: df[f"sig_{name}"].to_numpy() for name in SIGNALS}
    pairs = []
    for k, (a, b, score, side, flag) in enumerate(
        zip(df["a"], df["b"], df["score"], df["side"], df["flagged"], strict=True)
    ):
        signals = {n: float(v[k]) for n, v in sig.items() if v[k] == v[k]}
        pairs.append(
            {
                "a": a,
                "b": b,
                "score": float(score),
                "side": side,
                "signals": signals,
                "flagged": bool(flag),
            }
        )
    return {"year": int(year), "pairs": pairs}


def facts_json(path: Path | None = None) -> dict[str, Any]:
    """The object printed by ``realpolitik history facts --json`` (``path``: another table)."""
    from realpolitik.history.facts import check_facts, load_facts

    return check_facts(load_facts(path)).to_dict()


def _export(year: int | None, fmt: str, out: Path) -> None:
    from realpolitik.history.alignment import alignment_panel

    if fmt not in ("csv", "parquet"):
        raise InputError(f"--format {fmt!r}: use csv or parquet")
    df = alignment_panel(None if year is None else [year])
    try:
        if fmt == "csv":
            df.to_csv(out, index=False)
        else:
            df.to_parquet(out, index=False)
    except OSError as exc:
        raise InputError(f"--out {out}: cannot write ({exc})") from exc
    console.print(f"wrote {len(df)} pair-years to {out}")


def _register_history(app: typer.Typer) -> None:
    hist = typer.Typer(
        help="What happened: the measured alignment since 1946 and the facts it is checked on.",
        no_args_is_help=True,
    )
    app.add_typer(hist, name="history")

    @hist.command("alignment")
    def alignment_cmd(
        year: int | None = typer.Option(None, "--year", help="Year (1946-2024)."),
        players: str | None = typer.Option(
            None, "--players", help="Comma-separated iso3 codes (default: every state)."
        ),
        fmt: str = typer.Option("csv", "--format", help="csv | parquet (with --out)."),
        out: Path | None = typer.Option(None, "--out", help="Export the panel to this file."),
        json_out: bool = typer.Option(False, "--json", help="Print pure JSON on stdout."),
    ) -> None:
        """The measured alignment of every pair of states (docs/backtest.md).

        Examples:

            realpolitik history alignment --year 1985 --players USA,CHN,RUS --json

            realpolitik history alignment --format parquet --out alignment.parquet
        """
        try:
            if out is not None:
                _export(year, fmt, out)
                return
            if year is None:
                raise InputError("give --year (or --out FILE to export the whole panel)")
            res = alignment_json(year, players)
        except RealpolitikError as exc:
            fail(str(exc))
        if json_out:
            print_json(res)
            return
        for p in res["pairs"]:
            if p["side"] != "neither":
                console.print(f"{p['a']}-{p['b']}  {p['side']:<8} {p['score']:+.2f}")

    @hist.command("facts")
    def facts_cmd(
        json_out: bool = typer.Option(False, "--json", help="Print pure JSON on stdout."),
        holdout: bool = typer.Option(
            False,
            "--holdout",
            help="Check the held-out table (facts written after the rules were fixed).",
        ),
        file: Path | None = typer.Option(
            None, "--file", help="Check your own fact table (the columns of facts.csv)."
        ),
    ) -> None:
        """Check the measure against the sourced fact table (docs/history-facts.md).

        Examples:

            realpolitik history facts

            realpolitik history facts --holdout --json

            realpolitik history facts --file my_facts.csv
        """
        from realpolitik.history.facts import HOLDOUT_FILE

        if holdout and file is not None:
            fail("give --holdout or --file, not both")
        try:
            res = facts_json(HOLDOUT_FILE if holdout else file)
        except RealpolitikError as exc:
            fail(str(exc))
        if json_out:
            print_json(res)
            return
        for f in res["facts"]:
            mark = "ok " if f["agree"] else "NO "
            console.print(f"{mark}{f['a']}-{f['b']} {f['from']}-{f['to']} {f['expected']}")
        console.print(f"{res['agree']}/{res['n']} facts agree")


def _print(out: dict[str, Any]) -> None:
    for rep in out["regions"]:
        console.print(f"[bold]{rep['region']}[/]: {', '.join(rep['players'])}")
        _print_scores(rep["scores"])
    e = out["europe1936"]
    console.print(
        f"Europe 1936: {e['correct']}/{e['total']} placed; misplaced: "
        f"{', '.join(e['misplaced']) or 'none'}"
    )
    console.print(f"{len(out['change_events'])} change events (see --json for each)")


def _print_scores(scores: list[dict[str, Any]]) -> None:
    from rich.table import Table

    table = Table(
        "model", "variant", "h", "pairs", "n", "accuracy", "Brier", "log score", "ARI", "AP",
        "Brier - landscape [90%]",
    )  # fmt: skip
    for s in scores:
        ci = s["brier_diff_ci90"]
        diff = (
            "-"
            if s["brier_diff"] is None
            else f"{s['brier_diff']:+.3f} [{ci[0]:+.3f}, {ci[1]:+.3f}]"
        )
        table.add_row(
            s["model"],
            s["variant"] or "",
            str(s["horizon"]),
            s["pairs"],
            str(s["n"]),
            *(
                "-" if s[k] is None else f"{s[k]:.3f}"
                for k in ("accuracy", "brier", "log_score", "ari", "average_precision")
            ),
            diff,
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add ``backtest``, ``fit-weights`` and the ``history`` group to ``app``."""
    _register_history(app)
    _register_backtest(app)
    _register_fit_weights(app)


def _register_backtest(app: typer.Typer) -> None:
    @app.command("backtest")
    def backtest(
        start: int = typer.Option(1955, "--from", help="First base year."),
        stop: int = typer.Option(2015, "--to", help="Last base year."),
        step: int = typer.Option(5, "--step", min=1, help="Years between base years."),
        horizon: list[int] = typer.Option(
            [5, 10], "--horizon", help="Forecast horizon in years (repeatable)."
        ),
        members: int = typer.Option(1000, "--members", min=1, help="Members per base year."),
        seed: int = typer.Option(0, "--seed", help="Root seed."),
        players: str | None = typer.Option(
            None, "--players", help="Comma-separated codes (default: the 12 main-job players)."
        ),
        region: list[str] = typer.Option(
            ["asia-pacific"],
            "--region",
            help="asia-pacific | europe | middle-east | africa | americas | major-powers | "
            "world (every state; repeatable; state lists in docs/backtest.md).",
        ),
        weights: str = typer.Option("fitted", "--weights", help="fitted | judgement"),
        db: str | None = typer.Option(
            None, "--db", help="Store URL: write the out-of-sample forecasts to the register."
        ),
        ablation: bool = typer.Option(
            False, "--ablation", help="Add the change model's feature ablation table."
        ),
        json_out: bool = typer.Option(False, "--json", help="Print pure JSON on stdout."),
    ) -> None:
        """Score the alignment model's forecasts against what happened (docs/backtest.md).

        Examples:

            realpolitik backtest --json

            realpolitik backtest --from 1995 --to 2015 --horizon 10 --weights judgement
        """
        try:
            out = backtest_json(
                start=start,
                stop=stop,
                step=step,
                horizons=tuple(horizon),
                members=members,
                seed=seed,
                players=players,
                weights=weights,
                regions=tuple(region),
                db=db,
                ablation=ablation,
            )
        except RealpolitikError as exc:
            fail(str(exc))
        if json_out:
            print_json(out)
        else:
            _print(out)


def _register_fit_weights(app: typer.Typer) -> None:
    @app.command("fit-weights")
    def fit_weights_cmd(
        boot: int = typer.Option(200, "--boot", min=1, help="Pair-bootstrap draws."),
        seed: int = typer.Option(0, "--seed", help="Bootstrap seed."),
        write: bool = typer.Option(
            False,
            "--write",
            help="Overwrite the shipped history weights (data/history/weights_fitted.csv). "
            "The main job's weights come from the change model (docs/models.md).",
        ),
        out: Path | None = typer.Option(
            None,
            "--out",
            help="Folder for weights_fitted.csv and, for comparison, this fit mapped onto the "
            "East Asia terms (propensity_fitted.csv); instead of --write.",
        ),
        json_out: bool = typer.Option(False, "--json", help="Print pure JSON on stdout."),
    ) -> None:
        """Fit the propensity weights on 1950-1990 and compare them out of sample.

        Example: `realpolitik fit-weights --out fitted/`
        """
        from realpolitik.history.fit import fit_weights, write_fit
        from realpolitik.history.weights import FITTED_HISTORY_FILE

        try:
            fit = fit_weights(n_boot=boot, rng=seed)
            if write:
                write_fit(fit, FITTED_HISTORY_FILE)
            elif out is not None:
                write_fit(fit, out / "weights_fitted.csv", out / "propensity_fitted.csv")
        except RealpolitikError as exc:
            fail(str(exc))
        import numpy as np

        lo, hi = np.percentile(fit.draws[:, 1:], [5, 95], axis=0)
        terms = [
            {"term": t, "weight": float(c), "p5": float(a), "p95": float(b)}
            for t, c, a, b in zip(fit.terms, fit.coef[1:], lo, hi, strict=True)
        ]
        res = {
            "terms": terms,
            "n_train": fit.n_train,
            "n_test": fit.n_test,
            "test_log_score": fit.test_log_score,
        }
        if json_out:
            print_json(res)
            return
        for t in terms:
            console.print(f"{t['term']:<22} {t['weight']:+.3f}  [{t['p5']:+.3f}, {t['p95']:+.3f}]")
        console.print(f"out-of-sample log score: {fit.test_log_score}")

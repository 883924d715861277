"""The main job's report: Markdown with plots, written to the results folder.

Figures (PNG, matplotlib Agg): who controls the region per scenario with 90% intervals,
the lift of each claim with its interval, a tornado of the drivers of the headline, and a
fan chart of projected capability shares in the baseline.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from realpolitik._figure import new_figure
from realpolitik.report.answer import answer_data, answer_markdown, doses_figure, paths_figure
from realpolitik.report.figures import lift_forest
from realpolitik.scenarios.outcomes import CONTENDER_COLOURS, CONTENDERS, OUTCOME_DEFINITIONS
from realpolitik.scenarios.runner import format_estimate

if TYPE_CHECKING:
    from collections.abc import Iterable

    from realpolitik.scenarios.claims import ClaimResult
    from realpolitik.scenarios.main import MainResult
    from realpolitik.scenarios.runner import EnsembleResult

__all__ = ["claim_row", "contender_rows", "control_table", "quantiles_text", "write_run_report"]


def _who_controls(result: MainResult, path: Path) -> Path:
    runs = [("baseline", result.baseline), *result.runs.items()]
    names = [n for n, _ in runs]
    fig, ax = new_figure((9, 0.35 * len(names) + 1.5))
    left = np.zeros(len(names))
    for c in CONTENDERS:
        vals = np.array([r.control()[c].value for _, r in runs])
        ax.barh(names, vals, left=left, color=CONTENDER_COLOURS[c], label=c)
        left += vals
    ax.set_xlim(0, 1)
    ax.invert_yaxis()
    ax.set_xlabel("probability that the contender's bloc controls the region at the horizon")
    ax.legend(ncol=5, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.12))
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return path


def _claims(result: MainResult, path: Path) -> Path:
    cl = result.claims
    fig, ax = new_figure((9, 0.4 * max(len(cl), 2) + 1.2))
    lift_forest(
        ax,
        [(c.lift.value, c.lift.low, c.lift.high) for c in cl],
        [f"{c.scenario} -> {c.outcome}" for c in cl],
        fontsize=8,
        xlabel="lift: P(outcome | antecedent) - P(outcome | baseline), 90% interval",
    )
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return path


def _fan(result: MainResult, path: Path) -> Path | None:
    base = result.baseline
    if base.parquet is None:
        return None
    import pyarrow.parquet as pq

    actors = base.system.actors
    table = pq.read_table(base.parquet, columns=[f"share_{a}" for a in actors])
    data = np.column_stack([table.column(f"share_{a}").to_numpy() for a in actors])
    order = np.argsort(-base.system.shares)
    fig, ax = new_figure((9, 4))
    pos = np.arange(len(actors))
    q = np.quantile(data[:, order], [0.05, 0.25, 0.5, 0.75, 0.95], axis=0)
    ax.fill_between(pos, q[0], q[4], color="#9ecae1", label="90% band")
    ax.fill_between(pos, q[1], q[3], color="#4292c6", label="50% band")
    ax.plot(pos, q[2], "k.-", label="median at horizon")
    ax.plot(pos, base.system.shares[order], "r_", markersize=14, label="base year")
    ax.set_xticks(pos, [actors[i] for i in order])
    ax.set_ylabel("capability share of the system")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return path


def _pct(e: dict[str, float] | None) -> str:
    return format_estimate(e)


def quantiles_text(q: dict[str, float]) -> str:
    """The 5%, 50% and 95% quantiles as ``"q05 / q50 / q95"``, three decimals each.

    Parameters
    ----------
    q : dict
        With keys ``q05``, ``q50`` and ``q95``.

    Returns
    -------
    str
    """
    return f"{q['q05']:.3f} / {q['q50']:.3f} / {q['q95']:.3f}"


def contender_rows(cont: dict[str, Any]) -> list[str]:
    """One Markdown table row per contender: probability (90% interval) and share quantiles.

    Parameters
    ----------
    cont : dict
        :meth:`~realpolitik.scenarios.runner.EnsembleResult.contender_summary` of a run.

    Returns
    -------
    list of str
        ``| contender | probability | q05 / q50 / q95 |`` rows, in the order China-led,
        Japan-Korea, US-led, no one.
    """
    return [
        f"| {name} | "
        + ("fixed under the model" if cont[name].get("fixed") else _pct(cont[name]["probability"]))
        + f" | {quantiles_text(cont[name]['share'])} |"
        for name in ("China-led", "Japan-Korea", "US-led", "no one")
    ]


def control_table(runs: Iterable[tuple[str, EnsembleResult]]) -> list[str]:
    """Who controls the region, per run: a Markdown table, one row per named run.

    Parameters
    ----------
    runs : iterable of (str, EnsembleResult)
        Row label and run.

    Returns
    -------
    list of str
        The header, its rule and one row per run: each contender's probability (90% interval).
    """
    lines = ["| scenario | " + " | ".join(CONTENDERS) + " |", "|---|" + "---|" * len(CONTENDERS)]
    for name, run in runs:
        ctl = run.control()
        lines.append(f"| {name} | " + " | ".join(_pct(ctl[c].as_dict()) for c in CONTENDERS) + " |")
    return lines


def _contender_lines(result: MainResult) -> list[str]:
    cont = result.baseline.contender_summary()
    lines = [
        "| contender | P(controls) (90% interval) | capability share 5% / 50% / 95% |",
        "|---|---|---|",
        *contender_rows(cont),
    ]
    jk = cont["Japan-Korea"]
    lines += [
        "",
        f"Margin between the first two blocs: {quantiles_text(cont['margin'])} (5/50/95%). "
        "Every row is P(that contender controls the region); the Japan-Korea bloc (Japan and "
        "South Korea in one bloc that one of them leads) exists in "
        f"{_pct(jk['p_bloc_exists'])} of members. The shares are those of the bloc China "
        "leads, the Japan-Korea bloc, the bloc the United States leads and the largest bloc "
        "(hedgers' capability counted in none). The pooled answer is an equal-weight pool over "
        "the structural choices: see the next section for each choice's own answer.",
    ]
    fixed = result.baseline.fixed_controls()
    if fixed:
        lines += ["", *[f"- {c}: fixed under the model ({why})." for c, why in fixed.items()]]
    return lines


def _claim_lines(result: MainResult) -> list[str]:
    lines = [
        "| claim | source | outcome | dependency | P with | P without | lift (90% interval) | "
        "tipping intensity | verdict |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    lines += [claim_row(c, c.summary) for c in result.claims]
    return lines


def claim_row(claim: ClaimResult, label: str, *, signed: bool = False) -> str:
    """A claim as one Markdown table row: label, source, outcome, dependency, P with,
    P without, lift, tipping intensity and verdict.

    Parameters
    ----------
    claim : ClaimResult
    label : str
        The first cell (the claim's summary or its scenario name).
    signed : bool
        Write the lift with its sign.

    Returns
    -------
    str
        The row; an outcome fixed under the model, or unreachable, has no lift to show.
    """
    d = claim.as_dict()
    fixed = "fixed under the model" if claim.fixed else None
    no_effect = claim.dependency == "unreachable" or claim.fixed is not None
    lift = "no effect possible" if no_effect else format_estimate(d["lift"], signed)
    if claim.dependency == "not_representable":
        lift = f"not representable (proxy lift {format_estimate(d['lift'], True)})"
    return (
        f"| {label} | {claim.source} | {claim.outcome} | {claim.dependency} | "
        f"{fixed or _pct(d['p_with'])} | {fixed or _pct(d['p_without'])} | {lift} | "
        f"{claim.tipping_text()} | {claim.verdict} |"
    )


def _driver_lines(result: MainResult, sens: list[tuple[str, float]]) -> list[str]:
    outs = {k: v for k, v in result.sobol_outputs.items() if not isinstance(v, str)}
    if outs:
        first = next(iter(outs.values()))
        names = list(outs)
        lines = [
            "Sobol' total-order indices (ST, 95% interval) of each contender's control "
            "indicator, the margin between the first two blocs and China's bloc share "
            f"({first.method}; {first.evaluations} member evaluations; the alignment model's "
            "fitted-weight draw is one input).",
            "",
            "| input | " + " | ".join(names) + " |",
            "|---|" + "---|" * len(names),
        ]
        inputs = [str(r["input"]) for r in first.indices]
        for i in inputs:
            cells = []
            for n in names:
                row = next(r for r in outs[n].indices if r["input"] == i)
                cells.append(f"{float(row['ST']):.2f} ± {float(row['ST_conf']):.2f}")
            lines.append(f"| {i} | " + " | ".join(cells) + " |")
        skipped = {k: v for k, v in result.sobol_outputs.items() if isinstance(v, str)}
        lines += [f"- {k}: {v}" for k, v in skipped.items()]
        return lines
    if sens:
        lines = ["| input | Spearman rho with 'China-led controls' |", "|---|---|"]
        return lines + [f"| {k} | {v:+.3f} |" for k, v in sens[:10]]
    return ["No driver computed: the headline did not vary and no Sobol' analysis was run."]


def write_run_report(
    result: MainResult, out: Path, track: dict[str, Any] | None = None
) -> list[Path]:
    """Write ``report.md`` and its figures into ``out``; return the files written.

    ``track``: the live track record of the forecast register
    (:func:`realpolitik.forecasting.track.track_record`), shown beside the answer.
    """
    from realpolitik.report.track_record import track_record_lines
    from realpolitik.scenarios.sensitivity import tornado_plot

    out.mkdir(parents=True, exist_ok=True)
    files = [_who_controls(result, out / "who_controls.png"), _claims(result, out / "claims.png")]
    sens = result.sensitivity.get("china_led_controls", [])
    if sens:
        files.append(
            tornado_plot(sens, "Drivers of 'China-led bloc controls'", out / "tornado.png")
        )
    fan = _fan(result, out / "capability_fan.png")
    if fan is not None:
        files.append(fan)
    base = result.baseline
    data = answer_data(result)
    figs = {}
    if paths_figure(data["paths"], out / "paths.png") is not None:
        files.append(out / "paths.png")
        figs["paths"] = "paths.png"
    if doses_figure(data["claims"], out / "doses.png") is not None:
        files.append(out / "doses.png")
        figs["doses"] = "doses.png"
    lines = [
        "# realpolitik: who will take control of the region?",
        "",
        "## The question as asked",
        "",
        data["headline"]["text"],
        "",
        f"Ensemble of {base.members} members per scenario, root seed {base.seed}, "
        f"horizon {base.manifest['scenario']['horizon']}; "
        f"players: {', '.join(base.system.actors)}. Each member draws the capability measure, "
        "the loss-of-strength gradient, the growth model, the term weights, two or three "
        "blocs and the control threshold.",
        "",
        "## Who controls the region at the horizon",
        "",
        "A bloc controls the region when it is the largest bloc of the predicted alignment and "
        "holds more than the member's control threshold (drawn in [0.5, 0.6]) of the "
        "projected capability.",
        "",
        *_contender_lines(result),
        "",
        "Per scenario, the probability of each answer to 'who controls the region' (here "
        "Japan-Korea means that the Japan-Korea bloc itself controls):",
        "",
        *control_table([("baseline", base), *result.runs.items()]),
    ]
    lines += ["", "![who controls](who_controls.png)", ""]
    lines += answer_markdown(data, figs, headline=False)
    lines += [*track_record_lines(track), "", "## The articles' claims", ""]
    lines += _claim_lines(result)
    lines += ["", "![claims](claims.png)", "", "## What drives the headline", ""]
    lines += _driver_lines(result, sens)
    if sens:
        lines += ["", "![tornado](tornado.png)"]
    if fan is not None:
        lines += ["", "## Capability shares at the horizon (baseline)", ""]
        lines += ["![capability fan](capability_fan.png)"]
    fixed = base.fixed_outcomes()
    lines += ["", "## Outcome definitions", ""]
    lines += [
        f"- **{k}**: {v}" + (f" *Fixed under the model: {fixed[k]}.*" if k in fixed else "")
        for k, v in OUTCOME_DEFINITIONS.items()
    ]
    report = out / "report.md"
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [*files, report]

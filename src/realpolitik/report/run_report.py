"""The main job's report: Markdown with plots, written to the results folder.

Figures (PNG, matplotlib Agg): who controls the region per scenario with 90% intervals,
the lift of each claim with its interval, a tornado of the drivers of the headline, and a
fan chart of projected capability shares in the baseline.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from realpolitik.scenarios.outcomes import CONTENDER_COLOURS, CONTENDERS, OUTCOME_DEFINITIONS
from realpolitik.scenarios.runner import format_estimate

if TYPE_CHECKING:
    from realpolitik.scenarios.main import MainResult

__all__ = ["write_run_report"]


def _plt() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _who_controls(result: MainResult, path: Path) -> Path:
    plt = _plt()
    runs = [("baseline", result.baseline), *result.runs.items()]
    names = [n for n, _ in runs]
    fig, ax = plt.subplots(figsize=(9, 0.35 * len(names) + 1.5))
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
    plt.close(fig)
    return path


def _claims(result: MainResult, path: Path) -> Path:
    plt = _plt()
    cl = result.claims
    fig, ax = plt.subplots(figsize=(9, 0.4 * max(len(cl), 2) + 1.2))
    y = np.arange(len(cl))
    vals = np.array([c.lift.value for c in cl])
    lo = vals - np.array([c.lift.low for c in cl])
    hi = np.array([c.lift.high for c in cl]) - vals
    ax.errorbar(vals, y, xerr=[lo, hi], fmt="o", color="black", capsize=3)
    ax.axvline(0, color="grey", lw=0.8)
    ax.set_yticks(y, [f"{c.scenario} -> {c.outcome}" for c in cl], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("lift: P(outcome | antecedent) - P(outcome | baseline), 90% interval")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def _fan(result: MainResult, path: Path) -> Path | None:
    base = result.baseline
    if base.parquet is None:
        return None
    import pyarrow.parquet as pq

    plt = _plt()
    actors = base.system.actors
    table = pq.read_table(base.parquet, columns=[f"share_{a}" for a in actors])
    data = np.column_stack([table.column(f"share_{a}").to_numpy() for a in actors])
    order = np.argsort(-base.system.shares)
    fig, ax = plt.subplots(figsize=(9, 4))
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
    plt.close(fig)
    return path


def _pct(e: dict[str, float] | None) -> str:
    return format_estimate(e)


def _contender_lines(result: MainResult) -> list[str]:
    cont = result.baseline.contender_summary()
    lines = [
        "| contender | probability (90% interval) | capability share 5% / 50% / 95% |",
        "|---|---|---|",
    ]
    for name in ("China-led", "Japan-Korea", "US-led", "no one"):
        c = cont[name]
        q = c["share"]
        lines.append(
            f"| {name} | {_pct(c['probability'])} | "
            f"{q['q05']:.3f} / {q['q50']:.3f} / {q['q95']:.3f} |"
        )
    m = cont["margin"]
    lines += [
        "",
        f"Margin between the first two blocs: {m['q05']:.3f} / {m['q50']:.3f} / "
        f"{m['q95']:.3f} (5/50/95%). Japan-Korea is the probability that Japan and South Korea "
        "form a bloc without the United States or China; the shares are those of China's "
        "bloc, that bloc, the US bloc and the largest bloc.",
    ]
    return lines


def _claim_lines(result: MainResult) -> list[str]:
    lines = [
        "| claim | source | outcome | dependency | P with | P without | lift (90% interval) | "
        "tipping intensity | verdict |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for c in result.claims:
        d = c.as_dict()
        fixed = "fixed under the model" if c.fixed else None
        no_effect = c.dependency == "unreachable" or c.fixed is not None
        lift = "no effect possible" if no_effect else _pct(d["lift"])
        lines.append(
            f"| {c.summary} | {c.source} | {c.outcome} | {c.dependency} | "
            f"{fixed or _pct(d['p_with'])} | {fixed or _pct(d['p_without'])} | {lift} | "
            f"{c.tipping_text()} | {c.verdict} |"
        )
    return lines


def _driver_lines(result: MainResult, sens: list[tuple[str, float]]) -> list[str]:
    sob = result.sobol
    if sob is not None:
        lines = [
            f"Sobol' indices of the {sob.output} bloc's capability share at the horizon "
            f"({sob.method}; {sob.evaluations} member evaluations).",
            "",
            "| input | S1 | ST (95% interval) |",
            "|---|---|---|",
        ]
        lines += [
            f"| {r['input']} | {float(r['S1']):.3f} | {float(r['ST']):.3f} "
            f"± {float(r['ST_conf']):.3f} |"
            for r in sob.indices
        ]
        return lines
    if sens:
        lines = ["| input | Spearman rho with 'China-led controls' |", "|---|---|"]
        return lines + [f"| {k} | {v:+.3f} |" for k, v in sens[:10]]
    return ["No driver computed: the headline did not vary and no Sobol' analysis was run."]


def write_run_report(result: MainResult, out: Path) -> list[Path]:
    """Write ``report.md`` and its figures into ``out``; return the files written."""
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
    lines = [
        "# realpolitik: who will take control of the region?",
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
        "| scenario | " + " | ".join(CONTENDERS) + " |",
        "|---|" + "---|" * len(CONTENDERS),
    ]
    for name, run in [("baseline", base), *result.runs.items()]:
        ctl = run.control()
        lines.append(f"| {name} | " + " | ".join(_pct(ctl[c].as_dict()) for c in CONTENDERS) + " |")
    lines += ["", "![who controls](who_controls.png)", "", "## The articles' claims", ""]
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

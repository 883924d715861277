"""The answer and what it rests on, for the report and the dashboard.

:func:`answer_data` gathers, from a :class:`~realpolitik.scenarios.main.MainResult`, every
section that shows what the headline rests on: the question as asked (China-led against
Japan-Korea, with the Japan-Korea arithmetic), the answer under each structural choice with
the structural interval, the yearly paths, the hedgers, the claims' dose-responses and
headline lifts, whose choices matter, and the issue forecasts with the bargaining models'
accuracy on DEU III. It is pure (result in, JSON-ready dict out), so the web app can compute
it in the background; :func:`answer_markdown` renders it for ``report.md`` and
:func:`paths_figure` / :func:`doses_figure` draw its charts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from realpolitik._figure import new_figure
from realpolitik.scenarios.outcomes import CONTENDER_COLOURS, HEADLINE_CONTENDERS
from realpolitik.scenarios.runner import format_estimate

if TYPE_CHECKING:
    from realpolitik.scenarios.main import MainResult

__all__ = ["DEU3_ACCURACY", "answer_data", "answer_markdown", "doses_figure", "paths_figure"]

DEU3_ACCURACY: dict[str, dict[str, float | str]] = {
    "expected_utility": {
        "model": "EUM (scholz2011 preset)",
        "mae": 27.44,
        "low": 24.78,
        "high": 30.22,
    },
    "compromise": {
        "model": "compromise (c*s weighted mean)",
        "mae": 23.22,
        "low": 21.26,
        "high": 25.23,
    },
}
"""Mean absolute error (0-100 scale, 95% bootstrap interval) of the two issue models on DEU
III (Arregui & Perarnaud 2021, 353 issues): ``benchmarks/deu3.py``, as recorded in
``docs/bargaining.md`` ("Benchmark: DEU III")."""


def answer_data(result: MainResult) -> dict[str, Any]:
    """Every "what it rests on" section of a main-job result, JSON-ready.

    Keys: ``headline``, ``contenders``, ``conditional``, ``structural_interval``, ``paths``,
    ``hedging``, ``leaders``, ``japan_korea``, ``claims`` (id, claim, outcome, dependency,
    dose_response, headline_lift), ``choices``, ``issues``, ``deu3``, ``sobol``.
    """
    s = result.summary()
    return {
        "headline": s["headline"],
        "contenders": s["contenders"],
        "conditional": s["conditional"],
        "structural_interval": s["structural_interval"],
        "paths": s["paths"],
        "hedging": s["hedging"],
        "leaders": s["leaders"],
        "japan_korea": s["japan_korea"],
        "claims": [
            {
                k: c[k]
                for k in (
                    "id",
                    "claim",
                    "outcome",
                    "dependency",
                    "dependency_reason",
                    "dose_response",
                    "headline_lift",
                    "verdict",
                )
            }
            for c in s["claims"]
        ],
        "choices": s["choices"],
        "issues": s["issues"],
        "deu3": DEU3_ACCURACY,
        "sobol": s["sobol_outputs"],
    }


def _pct(e: dict[str, float]) -> str:
    return format_estimate(e)


def _conditional_lines(data: dict[str, Any]) -> list[str]:
    names = list(HEADLINE_CONTENDERS)
    lines = [
        f"Pooled answer: {data['headline']['pooled']}.",
        "",
        "| choice | value | members | " + " | ".join(names) + " |",
        "|---|---|---|" + "---|" * len(names),
    ]
    for r in data["conditional"]:
        cells = " | ".join(_pct(r["contenders"][c]) for c in names)
        lines.append(f"| {r['choice']} | {r['value']} | {r['members']} | {cells} |")
    lines += ["", "| contender | pooled | across measure and threshold |", "|---|---|---|"]
    for c, v in data["structural_interval"].items():
        lines.append(f"| {c} | {v['p']:.1%} | {v['low']:.1%} - {v['high']:.1%} |")
    return lines


def _jk_lines(jk: dict[str, Any] | None) -> list[str]:
    if jk is None:
        return ["Japan-Korea arithmetic not computed (the system lacks Japan or South Korea)."]
    first = jk["first_control_intensity"]
    table = [
        "| measure | Japan + South Korea share (base year) |",
        "|---|---|",
        *[f"| {m} | {v:.3f} |" for m, v in jk["share"].items()],
        "",
    ]
    if not jk.get("searched", True):
        return [*table, f"Control needs more than {jk['needed']:.2f} of the capability "
                "(the lever search was skipped: no dose members)."]  # fmt: skip
    tried = ", ".join(f"{p['intensity']:g}x: {p['p']:.1%}" for p in jk["p_at"])
    return [
        *table,
        f"Control needs more than {jk['needed']:.2f} of the capability. With every lever that "
        f"favours the pair applied together ({', '.join(jk['levers'])}; {jk['members']} "
        f"members) P(Japan-Korea controls) is {tried}: "
        + (
            f"it first controls in 1% of members at {first:g}x."
            if first is not None
            else "it never reaches 1% of members. Japan-Korea is an arithmetic ceiling, not a "
            "finding of the model."
        ),
    ]


def _claim_lines(data: dict[str, Any]) -> list[str]:
    lines = [
        "| claim | dependency | dose 0 / 0.5 / 1 / 1.5 / 2x (90% interval at 2x) | "
        "lift on the headline |",
        "|---|---|---|---|",
    ]
    for c in data["claims"]:
        d = {p["intensity"]: p for p in c["dose_response"]}
        if d:
            top = d.get(2.0)
            dose = " / ".join(f"{d[x]['p']:.0%}" for x in (0.0, 0.5, 1.0, 1.5, 2.0) if x in d)
            if top is not None:
                dose += f" ([{top['low']:.0%}, {top['high']:.0%}], {top['members']} members)"
        else:
            dose = f"not computed ({c['dependency']})"
        head = ", ".join(f"{k} {v:+.1%}" for k, v in c["headline_lift"].items())
        lines.append(f"| {c['id']} -> {c['outcome']} | {c['dependency']} | {dose} | {head} |")
    return lines


def _choice_lines(data: dict[str, Any]) -> list[str]:
    names = list(HEADLINE_CONTENDERS)
    lines = [
        "| actor | levers | " + " | ".join(names) + " |",
        "|---|---|" + "---|" * len(names),
    ]
    for r in data["choices"]:
        cells = " | ".join(f"{r['delta'][c]:+.1%}" for c in names)
        lines.append(f"| {r['actor']} | {', '.join(r['levers'])} | {cells} |")
    return lines


def _issue_lines(data: dict[str, Any]) -> list[str]:
    acc = data["deu3"]
    lines = [
        "| issue | status quo | expected utility | compromise | ensemble mean at horizon |",
        "|---|---|---|---|---|",
    ]
    for r in data["issues"]:
        mean = r["ensemble_mean"]
        lines.append(
            f"| {r['name']} | {r['status_quo']:.0f} | {r['expected_utility']:.0f} | "
            f"{r['compromise']:.0f} | "
            + ("-" if mean is None or mean != mean else f"{mean:.0f} ({r['ensemble_model']})")
            + " |"
        )
    lines += [
        "",
        "Accuracy on DEU III (EU legislative outcomes, 353 issues; mean absolute error on the "
        "0-100 scale, 95% bootstrap interval; `benchmarks/deu3.py`): "
        + "; ".join(
            f"{v['model']} {float(v['mae']):.1f} [{float(v['low']):.1f}, {float(v['high']):.1f}]"
            for v in acc.values()
        )
        + ".",
    ]
    return lines


def answer_markdown(
    data: dict[str, Any], figures: dict[str, str], *, headline: bool = True
) -> list[str]:
    """The report's sections of :func:`answer_data` (``figures``: name -> relative path of
    the ``paths`` and ``doses`` charts, when drawn; without ``headline`` the first section
    starts at the Japan-Korea arithmetic)."""
    hedge = sorted(data["hedging"].items(), key=lambda kv: -kv[1])
    top = ["## The question as asked", "", data["headline"]["text"], ""] if headline else []
    lines = [
        *top,
        "### Japan-Korea: the arithmetic",
        "",
        *_jk_lines(data["japan_korea"]),
        "",
        "## The answer under each structural choice",
        "",
        *_conditional_lines(data),
        "",
        "## Paths 2025-2040",
        "",
    ]
    if data["paths"]:
        lines.append(
            f"P(each contender controls) per horizon year ({data['paths'][0]['members']} "
            "members a year, the same members every year)."
        )
        if "paths" in figures:
            lines += ["", f"![paths]({figures['paths']})"]
    lines += [
        "",
        "## Hedgers",
        "",
        "A state hedges when moving it to another bloc would cost less than a tenth of its "
        "weighted ties (`realpolitik.scenarios.hedging`); it then adds its capability to no "
        "bloc. Share of members in which each state hedges:",
        "",
        "| state | hedges |",
        "|---|---|",
        *[f"| {a} | {v:.1%} |" for a, v in hedge],
        "",
        "Leader of the largest bloc: "
        + ", ".join(f"{a} {v:.1%}" for a, v in data["leaders"].items())
        + ".",
        "",
        "## Claims: dose-response and lift on the headline",
        "",
        *_claim_lines(data),
    ]
    if "doses" in figures:
        lines += ["", f"![doses]({figures['doses']})"]
    lines += [
        "",
        "## Whose choices matter",
        "",
        "Change in P(controls) when each actor's levers move together from 0 to 2x (paired "
        "members; `realpolitik.scenarios.doses.LEVER_CHOOSERS`):",
        "",
        *_choice_lines(data),
        "",
        "## Issue forecasts",
        "",
        *_issue_lines(data),
    ]
    return lines


def paths_figure(paths: list[dict[str, Any]], path: Path) -> Path | None:
    """P(each contender controls) per year with 90% bands; ``None`` without paths."""
    if not paths:
        return None
    years = [p["year"] for p in paths]
    fig, ax = new_figure((8, 4))
    for c in HEADLINE_CONTENDERS:
        ys = [p["contenders"][c] for p in paths]
        lo = [p["intervals"][c][0] for p in paths]
        hi = [p["intervals"][c][1] for p in paths]
        ax.plot(years, ys, "-o", ms=3, color=CONTENDER_COLOURS[c], label=c)
        ax.fill_between(years, lo, hi, color=CONTENDER_COLOURS[c], alpha=0.2)
    ax.set_ylim(0, 1)
    ax.set_xlabel("horizon year")
    ax.set_ylabel("P(controls the region)")
    ax.legend(fontsize=8, ncol=4)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return path


def doses_figure(claims: list[dict[str, Any]], path: Path) -> Path | None:
    """Each claim's dose-response (P(outcome) against intensity, 90% bands)."""
    curves = [c for c in claims if c["dose_response"]]
    if not curves:
        return None
    fig, ax = new_figure((8, 4.5))
    for c in curves:
        xs = [d["intensity"] for d in c["dose_response"]]
        line = ax.plot(xs, [d["p"] for d in c["dose_response"]], "-o", ms=3, label=c["id"])
        ax.fill_between(
            xs,
            [d["low"] for d in c["dose_response"]],
            [d["high"] for d in c["dose_response"]],
            color=line[0].get_color(),
            alpha=0.12,
        )
    ax.axvline(1.0, color="black", lw=0.8, ls=":")
    ax.set_xlabel("lever intensity (1 = as documented)")
    ax.set_ylabel("P(claim's outcome)")
    ax.set_ylim(0, 1)
    ax.legend(fontsize=6, ncol=2)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return path

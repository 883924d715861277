"""The self-contained HTML report and its Markdown twin.

:func:`report_context` turns an :class:`~realpolitik.report.analysis.Analysis` into plain
rows (numbers already formatted); :func:`render_html` fills the Jinja2 template (autoescaped;
figures inlined as SVG, CSS inlined, no script, no external reference, so the file opens
offline); :func:`render_markdown` writes the same sections as Markdown with the figures as
``.svg`` files beside it. :func:`write_report` does either into a folder.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from realpolitik.scenarios.outcomes import CONTENDERS, OUTCOME_DEFINITIONS

if TYPE_CHECKING:
    from realpolitik.report.analysis import Analysis

__all__ = ["pct", "render_html", "render_markdown", "report_context", "write_report"]

Format = Literal["html", "md"]


def pct(e: dict[str, float] | None) -> str:
    """``"12.3% [10.1%, 14.8%]"`` for an estimate dict (empty for ``None``).

    Examples
    --------
    >>> pct({"p": 0.5, "low": 0.45, "high": 0.55})
    '50.0% [45.0%, 55.0%]'
    """
    if e is None:
        return ""
    from realpolitik.scenarios.runner import format_estimate

    return format_estimate(e)


def _sensitivity(a: Analysis) -> tuple[str, list[tuple[str, float]]]:
    sob = a.main.sobol
    if sob is not None and sob.indices:
        key = f"Sobol total-order index of the {sob.output} bloc's capability share"
        return key, [(str(r["input"]), float(r["ST"])) for r in sob.indices]
    sens = a.main.sensitivity
    for key in ("china_led_controls", "us_led_controls"):
        if sens.get(key):
            return key, sens[key]
    # The headline may not vary at all (then no correlation exists): show the outcome whose
    # baseline probability is closest to one half instead, and say so.
    best = None
    for oid, flags in a.main.baseline.outcomes.items():
        if sens.get(oid):
            dist = abs(float(flags.mean()) - 0.5)
            if best is None or dist < best[0]:
                best = (dist, oid)
    if best is None:
        return "", []
    return best[1], sens[best[1]]


def _claim_rows(a: Analysis) -> list[dict[str, Any]]:
    sources = {s.id: s for s in a.dataset.sources}
    claims = []
    for c in a.main.claims:
        d = c.as_dict()
        src = sources.get(c.source)
        claims.append(
            {
                **d,
                "title": src.title if src else c.source,
                "file": src.file if src else "",
                "p_with_txt": pct(d["p_with"]),
                "p_without_txt": pct(d["p_without"]),
                "lift_txt": f"{d['lift']['p']:+.3f}",
                "interval_txt": f"[{d['lift']['low']:+.3f}, {d['lift']['high']:+.3f}]",
            }
        )
    return claims


def report_context(a: Analysis) -> dict[str, Any]:
    """Plain rows and figures (SVG) for the templates."""
    from realpolitik.report import figures

    sy = a.system
    answer = a.answer()
    control_rows = [
        {"scenario": name, "cells": [pct(ctl[c]) for c in CONTENDERS]}
        for name, ctl in answer.items()
    ]
    base_ctl = answer["baseline"]
    leader = max(CONTENDERS, key=lambda c: base_ctl[c]["p"])
    claims = _claim_rows(a)
    land = a.landscape
    minima = [
        {
            "rank": k + 1,
            "energy": f"{m.energy:.4g}",
            "basin": f"{m.basin:.1%}",
            "blocs": [", ".join(b) for b in m.blocs(sy.actors, land.blocs)],
        }
        for k, m in enumerate(land.minima)
    ]
    issues = [
        {
            "issue": it["issue"],
            "name": it["name"],
            "status_quo": "" if it["status_quo"] is None else f"{it['status_quo']:.0f}",
            "median": f"{it['forecasts']['median']:.1f}",
            "compromise": f"{it['forecasts']['compromise']:.1f}",
            "eum": f"{it['forecasts'].get('eum_scholz2011', float('nan')):.1f}",
            "actors": len(it["actors"]),
        }
        for it in a.issues
    ]
    sens_key, sens_rows = _sensitivity(a)
    outcomes = [
        {
            "id": oid,
            "definition": OUTCOME_DEFINITIONS.get(oid, ""),
            "p": pct(a.main.baseline.probability(oid).as_dict()),
        }
        for oid in sorted(a.main.baseline.outcomes)
    ]
    manifest = dict(a.main.baseline.manifest)
    return {
        "members": a.members,
        "seed": a.seed,
        "horizon": a.horizon,
        "base_year": sy.base_year,
        "actors": list(sy.actors),
        "contenders": list(CONTENDERS),
        "control_rows": control_rows,
        "leader": leader,
        "leader_p": pct(base_ctl[leader]),
        "headline": a.main.headline()["text"],
        "conditional": [
            {
                "choice": r["choice"].replace("_", " "),
                "value": r["value"],
                "cells": [pct(r["contenders"][k]) for k in CONTENDERS],
            }
            for r in a.main.conditional()
        ],
        "claims": claims,
        "minima": minima,
        "landscape": {
            "solver": land.solver,
            "configurations": land.configurations,
            "certified": land.certified,
            "complete": land.minima_complete,
        },
        "issues": issues,
        "outcomes": outcomes,
        "sens_key": sens_key,
        "sens_rows": [(k, f"{v:+.3f}") for k, v in sens_rows[:12]],
        "sources": [s.model_dump() for s in a.dataset.sources],
        "manifest_json": json.dumps(manifest, indent=2, default=str, sort_keys=True),
        "notes": a.notes,
        "fig": {
            "control": figures.control_svg(list(answer.items())),
            "network": figures.network_svg(
                sy.actors,
                sy.shares,
                sy.propensity,
                [int(b) for b in land.global_minimum],
                title=f"global minimum of the {sy.base_year} landscape",
            ),
            "fan": figures.fan_svg(a.fan),
            "issues": figures.issues_svg(a.issues),
            "tornado": figures.tornado_svg(sens_rows, f"drivers of '{sens_key}'")
            if sens_rows
            else "",
            "claims": figures.claims_svg([c.as_dict() for c in a.main.claims]),
            "reliability": figures.reliability_svg(a.track_record["bins"])
            if a.track_record
            else "",
        },
        "track": _track_rows(a),
    }


def _track_rows(a: Analysis) -> dict[str, Any] | None:
    """The backtest scores at 10 years (model and baselines, all and changed pairs)."""
    if not a.track_record:
        return None
    rows = [
        {
            "model": s["model"] + (f" ({s['variant']})" if s.get("variant") else ""),
            "pairs": s["pairs"],
            "n": s["n"],
            "brier": "-" if s["brier"] is None else f"{s['brier']:.3f}",
            "log_score": "-" if s["log_score"] is None else f"{s['log_score']:.3f}",
        }
        for s in a.track_record["scores"]
        if s["horizon"] == 10
    ]
    return {"members": a.track_record["members"], "rows": rows}


def _env() -> Any:
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(
        loader=PackageLoader("realpolitik.report", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(a: Analysis, *, context: dict[str, Any] | None = None) -> str:
    """The report as one self-contained HTML page (inline CSS and SVG, no script)."""
    ctx = context or report_context(a)
    return str(_env().get_template("report.html").render(**ctx))


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    def cell(s: str) -> str:
        return str(s).replace("|", "\\|").replace("\n", " ")

    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(cell(c) for c in r) + " |" for r in rows]
    return out


def _md_track(c: dict[str, Any], fig: dict[str, str]) -> list[str]:
    """The track-record section (Markdown lines), or a pointer to ``realpolitik backtest``."""
    L = ["## Track record (backtest)", ""]
    t = c.get("track")
    if not t:
        return [
            *L,
            "Not run for this report: `realpolitik backtest` scores the alignment "
            "model on 1955-2015 history (docs/backtest.md).",
            "",
        ]
    L += [
        f"The same landscape model, run from each base year 1955-2015 ({t['members']} members "
        "per base year), scored 10 years ahead against the observed alignment beside the "
        "named baselines (lower Brier and higher log score are better):",
        "",
        *_md_table(
            ["model", "pairs", "n", "Brier", "log score"],
            [[r["model"], r["pairs"], r["n"], r["brier"], r["log_score"]] for r in t["rows"]],
        ),
        "",
        f"![reliability]({fig['reliability']})",
        "",
    ]
    return L


def _md_tail(c: dict[str, Any], fig: dict[str, str]) -> list[str]:
    """Sensitivity, outcomes, perspectives, sources, manifest and notes (Markdown lines)."""
    L = ["## Sensitivity", ""]
    if c["sens_rows"]:
        L += [f"Drivers: {c['sens_key']} (Sobol') or Spearman rho with it.", ""]
        L += _md_table(["input", "index"], [[k, v] for k, v in c["sens_rows"]])
        L += ["", f"![tornado]({fig['tornado']})", ""]
    else:
        L += ["No sampled input varies with any outcome in this ensemble.", ""]
    L += _md_track(c, fig)
    L += ["## Outcomes (baseline)", ""]
    L += _md_table(
        ["outcome", "P (90% interval)", "definition"],
        [[o["id"], o["p"], o["definition"]] for o in c["outcomes"]],
    )
    if c.get("persp"):
        from realpolitik.report.perspectives import perspectives_markdown

        L += ["", *perspectives_markdown(c["persp"])]
    L += ["", "## Sources", ""]
    for s in c["sources"]:
        where = s["file"] or s["url"]
        L.append(
            f'- <a id="src-{s["id"]}"></a>**{s["id"]}**: {s["title"]} '
            f"({', '.join(x for x in (s['kind'], s['publisher'], s['date'], s['version']) if x)})"
            + (f"; {where}" if where else "")
        )
    L += ["", "## Manifest (baseline run)", "", "```json", c["manifest_json"], "```", ""]
    if c["notes"]:
        L += ["## Notes", "", *[f"- {n}" for n in c["notes"]], ""]
    return L


def render_markdown(
    a: Analysis, *, context: dict[str, Any] | None = None, figure_names: dict[str, str]
) -> str:
    """The report as Markdown; ``figure_names`` maps figure keys to relative file names."""
    c = context or report_context(a)
    fig = figure_names
    L = [
        "# realpolitik: who will take control of the region?",
        "",
        f"Ensembles of {c['members']} members per scenario, root seed {c['seed']}, base year "
        f"{c['base_year']}, horizon {c['horizon']}; players: {', '.join(c['actors'])}.",
        "",
        "## The answer",
        "",
        f"{c['headline']} (Baseline, {c['horizon']}; the answer under each structural choice "
        "is in the table below.) A bloc, named after its "
        "most capable member, controls the region when it is the "
        "largest bloc of the predicted alignment (two or three blocs, as each member draws) "
        "and holds more than the member's control threshold (drawn in [0.5, 0.6]) of the "
        "projected capability; 'no one' otherwise.",
        "",
        *_md_table(
            ["scenario", *c["contenders"]],
            [[r["scenario"], *r["cells"]] for r in c["control_rows"]],
        ),
        "",
        f"![who controls]({fig['control']})",
        "",
        "The baseline pools the structural choices with equal weights (a judgement); its "
        "answer under each choice (90% intervals):",
        "",
        *_md_table(
            ["choice", "value", *c["contenders"]],
            [[r["choice"], r["value"], *r["cells"]] for r in c["conditional"]],
        ),
        "",
        "## Alignment network and landscape",
        "",
        f"Landscape of the {c['base_year']} state ({c['landscape']['solver']} solver, "
        f"{c['landscape']['configurations']} configurations, minima complete: "
        f"{c['landscape']['complete']}). Red: China's bloc; blue: the other bloc.",
        "",
        f"![network]({fig['network']})",
        "",
        *_md_table(
            ["minimum", "energy", "basin", "bloc 0", "bloc 1"],
            [
                [str(m["rank"]), m["energy"], m["basin"], *(m["blocs"] + ["", ""])[:2]]
                for m in c["minima"]
            ],
        ),
        "",
        "## Capability projections",
        "",
        f"![capability fan chart]({fig['fan']})",
        "",
        "## Issue forecasts",
        "",
        *_md_table(
            ["issue", "status quo", "median voter", "compromise", "EUM (Scholz 2011)", "actors"],
            [
                [
                    i["name"],
                    i["status_quo"],
                    i["median"],
                    i["compromise"],
                    i["eum"],
                    str(i["actors"]),
                ]
                for i in c["issues"]
            ],
        ),
        "",
        f"![issue forecasts]({fig['issues']})",
        "",
        "## The articles' claims",
        "",
        *_md_table(
            ["article", "claim", "dependency", "verdict", "lift", "90% interval", "evidence"],
            [
                [
                    f"{k['source']} ({k['title']})",
                    k["claim"],
                    k["dependency"],
                    k["verdict"],
                    k["lift_txt"],
                    k["interval_txt"],
                    f"[{k['source']}](#src-{k['source']})",
                ]
                for k in c["claims"]
            ],
        ),
        "",
        f"![claims]({fig['claims']})",
        "",
        *_md_tail(c, fig),
    ]
    return "\n".join(L)


def write_report(
    a: Analysis,
    out: Path,
    fmt: Format = "html",
    *,
    perspectives: dict[str, Any] | None = None,
) -> list[Path]:
    """Write ``report.html`` (one file) or ``report.md`` plus its ``.svg`` figures into ``out``.

    ``perspectives``, a lens comparison from
    :func:`realpolitik.report.perspectives.compare_store_lenses`, adds a "Perspectives"
    section (table, differences with their evidence sentences, coverage).

    Returns the files written.
    """
    if fmt not in ("html", "md"):
        raise ValueError(f"unknown report format {fmt!r}: use 'html' or 'md'")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    ctx = report_context(a)
    if perspectives is not None:
        from realpolitik.report.perspectives import perspectives_context

        ctx["persp"] = perspectives_context(perspectives)
    if fmt == "html":
        path = out / "report.html"
        path.write_text(render_html(a, context=ctx), encoding="utf-8")
        return [path]
    files: list[Path] = []
    names: dict[str, str] = {}
    for key, svg in ctx["fig"].items():
        if not svg:
            continue
        name = f"{key}.svg"
        (out / name).write_text('<?xml version="1.0" encoding="utf-8"?>\n' + svg, encoding="utf-8")
        files.append(out / name)
        names[key] = name
    names.setdefault("tornado", "")
    names.setdefault("reliability", "")
    md = out / "report.md"
    md.write_text(render_markdown(a, context=ctx, figure_names=names), encoding="utf-8")
    return [*files, md]

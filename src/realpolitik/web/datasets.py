"""The dashboard's built-in background data sets (see :mod:`realpolitik.web.background`).

In computing order: the baseline analysis (baseline and claim scenarios, the Sobol' table),
each scenario's article sentence (overview and claims pages), the report page. Importing
this module registers them; :func:`realpolitik.web.app.create_app` does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from realpolitik.web.background import Precompute, Progress, register

if TYPE_CHECKING:
    from realpolitik.web.state import WebState

__all__ = ["report_page", "scenario_sources"]


def _analysis(state: WebState, progress: Progress) -> Any:
    return state.compute_analysis(progress)


def scenario_sources(state: WebState, progress: Progress) -> dict[str, dict[str, Any]]:
    """Per scenario: its description, and for a claim scenario the article and the sentence
    (``href`` to the seed article page at the claim's sentence when the file is available)."""
    from realpolitik.scenarios.catalogue import load_builtin
    from realpolitik.web.seeds import claim_sentence

    names = ["baseline", *state.analysis.main.runs]
    out: dict[str, dict[str, Any]] = {}
    for i, name in enumerate(names):
        progress(name, i, len(names))
        try:
            spec = load_builtin(name)
        except Exception:  # a scenario outside the catalogue: no description
            out[name] = {"description": "", "href": ""}
            continue
        row: dict[str, Any] = {"description": spec.description, "href": ""}
        if spec.claim is not None:
            sid = spec.claim.source
            n = claim_sentence(state.dataset, state.seeds_dir, sid, spec.claim.cue)
            row["source"] = sid
            row["href"] = f"/seeds/{sid}#s{n}" if n is not None else f"/sources#src-{sid}"
        out[name] = row
    return out


def report_page(state: WebState, progress: Progress) -> str:
    """The full report of the analysis as one HTML page."""
    from realpolitik.report.html import render_html

    progress("rendering the report", 0, 1)
    return render_html(state.analysis)


register(Precompute("analysis", "baseline and claim scenarios", _analysis))
register(Precompute("scenario_sources", "the claims' article sentences", scenario_sources))
register(Precompute("report", "the full report", report_page))

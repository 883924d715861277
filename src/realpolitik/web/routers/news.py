"""What the news changed: the as-of system against its baseline (``/news?as_of=DATE``).

The page reads the app's evidence store (``serve --db URL``) up to ``as_of`` (default: today),
builds the as-of system (:func:`realpolitik.evidence.api.as_of_system`) and shows the headline
with and without the evidence, the relations moved most (before, after) and their events,
each linked to its document and sentence.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from realpolitik.errors import RealpolitikError
from realpolitik.web.deps import State, render

__all__ = ["router"]

router = APIRouter()

MEMBERS = 200
"""Ensemble members of each headline on the page (the CLI's `run` uses the scenario's)."""


def _news(state: Any, as_of: str | None) -> dict[str, Any]:
    from realpolitik.evidence.api import as_of_system
    from realpolitik.forecasting.provenance import evidence_watermark
    from realpolitik.report.news import headline, news_section

    store = state.store
    if store is None:
        raise HTTPException(503, f"evidence store unavailable: {state.store_error}")
    day = as_of or date.today().isoformat()

    def compute() -> dict[str, Any]:
        try:
            res = as_of_system(store, day)
        except RealpolitikError as exc:
            raise HTTPException(422, str(exc)) from exc
        with_ev = headline(res.system, MEMBERS)
        without = headline(res.baseline, MEMBERS) if res.changed() else with_ev
        return news_section(res, with_ev, without)

    # two ensembles per answer: computed once per day, data version and evidence watermark
    key = ("news", day, state.version, evidence_watermark(store))
    return state.cache.get_or_compute(key, compute)  # type: ignore[no-any-return]


@router.get("/api/news", tags=["api"])
def api_news(state: State, as_of: str | None = None) -> dict[str, Any]:
    """The as-of system's headline with and without evidence and the relations it moved."""
    return _news(state, as_of)


@router.get("/news", response_class=HTMLResponse, include_in_schema=False)
def news(request: Request, state: State, as_of: str | None = None) -> HTMLResponse:
    return render(request, "news.html", **_news(state, as_of))

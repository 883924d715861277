"""The answer page: the question as asked and what the answer rests on (issue 23).

The headline (China-led against Japan-Korea, then the others) with the Japan-Korea
arithmetic, the answer under each structural choice, the paths 2025-2040, the hedgers, the
claims' dose-responses and headline lifts, whose choices matter, and the issue forecasts with
their DEU III accuracy. The data come from :func:`realpolitik.report.answer.answer_data`, a
pure function of the analysis' main result (computable in the background).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from realpolitik.web.deps import State, needs, render

__all__ = ["answer_page_data", "router"]

router = APIRouter()

_W, _H, _PAD = 640, 240, 36


def answer_page_data(state: Any) -> dict[str, Any]:
    """:func:`~realpolitik.report.answer.answer_data` of the analysis, cached per version."""
    from realpolitik.report.answer import answer_data

    def compute() -> dict[str, Any]:
        return answer_data(state.analysis.main)

    return state.cache.get_or_compute(("answer", state.version), compute)  # type: ignore[no-any-return]


def path_lines(paths: list[dict[str, Any]]) -> dict[str, Any]:
    """SVG polyline points of each contender's yearly probability (``viewBox`` 640 x 240).

    Examples
    --------
    >>> d = path_lines([{"year": 2025, "contenders": {"US-led": 0.5}},
    ...                 {"year": 2026, "contenders": {"US-led": 1.0}}])
    >>> d["lines"]["US-led"]
    '36.0,120.0 604.0,36.0'
    """
    if not paths:
        return {"lines": {}, "years": []}
    years: list[int] = [int(p["year"]) for p in paths]
    span = max(years[-1] - years[0], 1)

    def x(y: int) -> float:
        return _PAD + (_W - 2 * _PAD) * (y - years[0]) / span

    def yv(p: float) -> float:
        return _H - _PAD + (2 * _PAD - _H) * p

    from realpolitik.scenarios.outcomes import CONTENDER_COLOURS

    names = list(paths[0]["contenders"])
    lines = {
        c: " ".join(f"{x(p['year']):.1f},{yv(p['contenders'][c]):.1f}" for p in paths)
        for c in names
    }
    ticks = [(y, round(x(y), 1)) for y in years if (y - years[0]) % 5 == 0]
    colours = {c: CONTENDER_COLOURS.get(c, "#666") for c in names}
    return {"lines": lines, "years": ticks, "width": _W, "height": _H, "pad": _PAD,
            "colours": colours}  # fmt: skip


@router.get("/api/answer", tags=["api"])
def api_answer(state: State) -> dict[str, Any]:
    """The question as asked and what the answer rests on (conditional answers, paths,
    hedgers, Japan-Korea arithmetic, claims' dose-responses, whose choices matter, issue
    forecasts)."""
    return answer_page_data(state)


@router.get(
    "/answer",
    response_class=HTMLResponse,
    include_in_schema=False,
    dependencies=[Depends(needs("analysis"))],
)
def answer(request: Request, state: State) -> HTMLResponse:
    data = answer_page_data(state)
    return render(request, "answer.html", d=data, chart=path_lines(data["paths"]))

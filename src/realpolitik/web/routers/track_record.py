"""Track record: how the project's live forecasts (the forecast register) have scored.

Only ``live`` forecasts count; backtest and retrospective runs are scored by
``realpolitik forecasts score --kind``. The register lives in the evidence store.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from realpolitik.store.repository import Store
from realpolitik.web.deps import render, require_store

__all__ = ["router"]

router = APIRouter()


@router.get("/api/track-record", tags=["api"])
def api_track_record(store: Annotated[Store, Depends(require_store)]) -> dict[str, Any]:
    """Scores of the resolved live forecasts: ``{"runs", "resolved", "pending", "as_of",
    "scores": [{"kind", "model", "horizon", "n", "brier", "log_score"}]}``."""
    from realpolitik.forecasting.track import track_record

    return track_record(store)


@router.get("/track-record", response_class=HTMLResponse, include_in_schema=False)
def track_record_page(
    request: Request, store: Annotated[Store, Depends(require_store)]
) -> HTMLResponse:
    return render(request, "track_record.html", track=api_track_record(store))

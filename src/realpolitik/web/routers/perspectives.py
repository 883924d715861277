"""Perspectives: the built-in scenarios under each stored lens (token-guarded: expensive)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from realpolitik.errors import RealpolitikError
from realpolitik.web import perspectives as persp
from realpolitik.web.deps import Config, State, bounded_members, needs, render, require_token

__all__ = ["router"]

router = APIRouter()


@router.get("/api/perspectives", tags=["api"], dependencies=[Depends(require_token)])
def api_perspectives(
    state: State,
    config: Config,
    lens: list[str] = Query(
        default=[], description="Stored lens to compare (repeatable; default: every lens)."
    ),
    members: int = Query(persp.DEFAULT_MEMBERS, ge=10, le=persp.MAX_MEMBERS),
) -> dict[str, Any]:
    """Every built-in scenario under each lens and the baseline (same members and seed):
    the answers, the differences with their evidence sentences ranked by effect, the
    propensity differences and the coverage per lens (kept in the app's bounded cache per
    lenses, members and store contents). Needs the token when the app has one."""
    return persp.comparison(state, lens, bounded_members(members, config))


@router.get("/perspectives", response_class=HTMLResponse, include_in_schema=False,
            dependencies=[Depends(require_token), Depends(needs("analysis"))])  # fmt: skip
def perspectives(
    request: Request,
    state: State,
    config: Config,
    lens: list[str] = Query(default=[]),
    members: int = Query(persp.DEFAULT_MEMBERS, ge=10, le=persp.MAX_MEMBERS),
) -> HTMLResponse:
    from realpolitik.report.perspectives import LENS_HINT, perspectives_context

    store = state.store
    try:
        known = persp.stored_lenses(store) if store is not None else []
    except RealpolitikError:
        known = []  # comparison() below reports the store problem
    ctx: dict[str, Any] = {"known": known, "chosen": lens, "members": members, "p": None}
    status = 200
    if known or lens or store is None:
        try:
            res = persp.comparison(state, lens, bounded_members(members, config))
            ctx["p"] = perspectives_context(res)
            ctx["documents"] = res["documents"]
        except HTTPException as exc:
            ctx["error"], status = str(exc.detail), exc.status_code
    return render(request, "perspectives.html", status_code=status, hint=LENS_HINT, **ctx)

"""Perspectives: the built-in scenarios under each stored lens (token-guarded: expensive)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from realpolitik.errors import RealpolitikError
from realpolitik.web import perspectives as persp
from realpolitik.web.deps import Config, State, bounded_members, needs, render, require_token

__all__ = ["LensIn", "router"]

router = APIRouter()


class LensIn(BaseModel):
    """A lens to create: a named selection of stored evidence (as ``realpolitik lens
    create``). Every filter given must pass; none: every document."""

    name: str = Field(min_length=1, max_length=64, examples=["seed004"])
    sources: list[str] = Field(default_factory=list, max_length=50)
    outlets: list[str] = Field(default_factory=list, max_length=50)
    since: str = Field("", max_length=10)
    until: str = Field("", max_length=10)
    stance: list[str] = Field(default_factory=list, max_length=20)
    note: str = Field("", max_length=300)
    replace: bool = False


def _create(state: Any, body: LensIn) -> dict[str, Any]:
    """Store the lens; 422 naming the field for bad input, 503 without a store."""
    from realpolitik.lenses.api import create_lens
    from realpolitik.lenses.spec import Lens, parse_stance

    store = state.store
    if store is None:
        raise HTTPException(503, f"evidence store unavailable: {state.store_error}")
    try:
        lens = Lens(
            body.name,
            sources=tuple(body.sources),
            outlets=tuple(body.outlets),
            since=body.since,
            until=body.until,
            stance=tuple(parse_stance(x) for x in body.stance),
            note=body.note,
        )
        info: dict[str, Any] = create_lens(store, lens, replace=body.replace)
    except RealpolitikError as exc:
        raise HTTPException(422, str(exc)) from exc
    return {"name": lens.name, "describe": lens.describe(), **info}


@router.post("/api/lenses", tags=["api"], status_code=201, dependencies=[Depends(require_token)])
def api_create_lens(body: LensIn, state: State) -> dict[str, Any]:
    """Create a lens in the evidence store; returns what it selects (documents, evidence
    sentences, events, claims). 422 for a bad name, date or stance, or a name in use
    without ``replace``."""
    return _create(state, body)


def _split(text: str) -> list[str]:
    return [x.strip() for x in text.replace("\n", ",").split(",") if x.strip()]


@router.post("/perspectives/lenses", include_in_schema=False,
             dependencies=[Depends(require_token)])  # fmt: skip
def create_lens_form(
    request: Request,
    state: State,
    name: str = Form(..., max_length=64),
    sources: str = Form("", max_length=2000),
    outlets: str = Form("", max_length=2000),
    since: str = Form("", max_length=10),
    until: str = Form("", max_length=10),
    stance: str = Form("", max_length=500),
    note: str = Form("", max_length=300),
) -> Response:
    """The perspectives page's lens form: create, then back to the page (303)."""
    try:
        body = LensIn(
            name=name.strip(), sources=_split(sources), outlets=_split(outlets),
            since=since.strip(), until=until.strip(), stance=_split(stance), note=note,
        )  # fmt: skip
        _create(state, body)
    except (HTTPException, ValueError) as exc:
        detail = exc.detail if isinstance(exc, HTTPException) else str(exc)
        status = exc.status_code if isinstance(exc, HTTPException) else 422
        from realpolitik.report.perspectives import LENS_HINT

        try:
            known = persp.stored_lenses(state.store) if state.store is not None else []
        except RealpolitikError:
            known = []
        return render(
            request, "perspectives.html", status_code=status, hint=LENS_HINT, known=known,
            chosen=[], members=persp.DEFAULT_MEMBERS, p=None, lens_error=str(detail),
            form={"name": name, "sources": sources, "outlets": outlets, "since": since,
                  "until": until, "stance": stance, "note": note},
        )  # fmt: skip
    return RedirectResponse(f"/perspectives?created={body.name}", status_code=303)


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
    ctx: dict[str, Any] = {"known": known, "chosen": lens, "members": members, "p": None,
                           "created": request.query_params.get("created", "")}  # fmt: skip
    status = 200
    if known or lens or store is None:
        try:
            res = persp.comparison(state, lens, bounded_members(members, config), wait=False)
            ctx["p"] = perspectives_context(res)
            ctx["documents"] = res["documents"]
        except HTTPException as exc:
            ctx["error"], status = str(exc.detail), exc.status_code
    return render(request, "perspectives.html", status_code=status, hint=LENS_HINT, **ctx)

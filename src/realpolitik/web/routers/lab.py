"""The scenario lab: levers on top of the baseline, run now or in the background.

Every run is one paired ensemble: the baseline column, the scenario column and the lift come
from the same members and seed (:meth:`realpolitik.web.state.WebState.whatif`).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from realpolitik.errors import ScenarioError
from realpolitik.scenarios.outcomes import OUTCOME_DEFINITIONS
from realpolitik.web.config import MAX_API_MEMBERS
from realpolitik.web.deps import Config, State, bounded_members, needs, render, require_token
from realpolitik.web.present import result_rows
from realpolitik.web.routers.meta import levers as lever_catalogue
from realpolitik.web.state import QueueFull

__all__ = ["LeverIn", "WhatIfRequest", "router"]

router = APIRouter()


class LeverIn(BaseModel):
    """A lever of a what-if: catalogue id and intensity (0 = off, 1 = as documented)."""

    id: str = Field(min_length=1, max_length=80, examples=["rcep_expansion"])
    intensity: float = Field(1.0, ge=0.0, le=2.0)


class WhatIfRequest(BaseModel):
    """A what-if: levers on top of the baseline, and the ensemble size."""

    levers: list[LeverIn] = Field(default_factory=list, max_length=40)
    members: int = Field(1000, ge=10, le=MAX_API_MEMBERS)


@router.post("/api/whatif", tags=["api"], dependencies=[Depends(require_token)])
def api_whatif(body: WhatIfRequest, state: State, config: Config) -> dict[str, Any]:
    """Run a what-if now beside the baseline on the same members (1,000 members: well under
    a second)."""
    n = bounded_members(body.members, config)
    try:
        return state.whatif([lv.model_dump() for lv in body.levers], n)
    except ScenarioError as exc:
        raise HTTPException(422, str(exc)) from exc


@router.post("/api/runs", tags=["api"], status_code=202, dependencies=[Depends(require_token)])
def api_submit(body: WhatIfRequest, state: State, config: Config) -> dict[str, Any]:
    """Start a what-if in the background; poll ``GET /api/runs/{id}``."""
    n = bounded_members(body.members, config)
    try:
        return state.submit([lv.model_dump() for lv in body.levers], n).as_dict()
    except ScenarioError as exc:
        raise HTTPException(422, str(exc)) from exc
    except QueueFull as exc:
        raise HTTPException(429, str(exc)) from exc


@router.get("/api/runs/{job_id}", tags=["api"])
def api_job(job_id: str, state: State) -> dict[str, Any]:
    """Progress of a background run, and its result when done."""
    job = state.job(job_id)
    if job is None:
        raise HTTPException(404, f"no run {job_id!r}")
    return job.as_dict()


def _baseline_result(state: Any) -> dict[str, Any]:
    base = state.analysis.main.baseline
    return {
        "control": {c: {"baseline": e.as_dict()} for c, e in base.control().items()},
        "outcomes": {o: {"baseline": base.probability(o).as_dict()} for o in sorted(base.outcomes)},
    }


def _job_page(request: Request, state: Any, job: Any, error: str) -> HTMLResponse:
    res = job.result if job is not None and job.result else None
    tables = result_rows(res or _baseline_result(state), OUTCOME_DEFINITIONS)
    return render(request, "_job.html", job=job, error=error, res=res, tables=tables)


@router.get("/lab", response_class=HTMLResponse, include_in_schema=False,
            dependencies=[Depends(needs("analysis"))])  # fmt: skip
def lab(request: Request, state: State, config: Config) -> HTMLResponse:
    a = state.analysis
    chosen = set(request.query_params.getlist("lever"))
    tables = result_rows(_baseline_result(state), OUTCOME_DEFINITIONS)
    return render(
        request,
        "lab.html",
        levers=lever_catalogue(),
        chosen=chosen,
        a=a,
        tables=tables,
        max_members=config.max_members,
    )


def _form_levers(form: Any) -> list[dict[str, Any]]:
    levers = []
    for lid in [str(v) for v in form.getlist("lever")][:40]:
        raw = form.get(f"intensity_{lid}", "1")
        try:
            x = min(2.0, max(0.0, float(str(raw))))
        except ValueError:
            x = 1.0
        levers.append({"id": lid, "intensity": x})
    return levers


@router.post("/lab/run", response_class=HTMLResponse, include_in_schema=False,
             dependencies=[Depends(require_token)])  # fmt: skip
async def lab_run(request: Request, state: State, config: Config) -> HTMLResponse:
    form = await request.form()
    levers = _form_levers(form)
    try:
        n = int(str(form.get("members", state.members)))
    except ValueError:
        return _job_page(request, state, None, "members: give a whole number")
    if not 10 <= n <= config.max_members:
        return _job_page(
            request, state, None, f"members: between 10 and {config.max_members} on this server"
        )
    try:
        job = state.submit(levers, n)
    except (ScenarioError, QueueFull) as exc:
        return _job_page(request, state, None, str(exc))
    if config.lab_first_wait_s > 0:
        import anyio

        await anyio.to_thread.run_sync(job.finished.wait, config.lab_first_wait_s)
    return _job_page(request, state, job, "")


@router.get("/lab/run/{job_id}", response_class=HTMLResponse, include_in_schema=False)
def lab_job(request: Request, job_id: str, state: State, config: Config) -> HTMLResponse:
    job = state.job(job_id)
    if job is None:
        raise HTTPException(404, f"no run {job_id!r} (runs are kept while the server runs)")
    if config.lab_poll_wait_s > 0:
        job.finished.wait(config.lab_poll_wait_s)  # long poll: answer as soon as it is done
    return _job_page(request, state, job, job.error)

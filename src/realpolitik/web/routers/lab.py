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
from realpolitik.web.guard import session_of
from realpolitik.web.present import compare_rows, result_rows
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


_FULL: dict[int | str, dict[str, Any]] = {
    429: {"description": "the run queue is full; retry after Retry-After"}
}

RETRY_AFTER_S = 2
"""Seconds a client refused with 429 (queue full) is told to wait before trying again."""


def _queue(state: Any, body: WhatIfRequest, config: Any) -> Any:
    """Put a what-if on the app's bounded run queue (the lab's): 422 for a bad lever or
    ensemble size, 429 with ``Retry-After`` when the queue is full."""
    n = bounded_members(body.members, config)
    try:
        return state.submit([lv.model_dump() for lv in body.levers], n)
    except ScenarioError as exc:
        raise HTTPException(422, str(exc)) from exc
    except QueueFull as exc:
        raise HTTPException(429, str(exc), headers={"Retry-After": str(RETRY_AFTER_S)}) from exc


@router.post("/api/whatif", tags=["api"], dependencies=[Depends(require_token)],
             responses=_FULL)  # fmt: skip
async def api_whatif(body: WhatIfRequest, state: State, config: Config) -> dict[str, Any]:
    """Run a what-if beside the baseline on the same members and wait for it (1,000
    members: well under a second). It goes through the same bounded queue as the lab and
    ``/api/runs``: 429 with ``Retry-After`` when the queue is full."""
    import anyio

    job = _queue(state, body, config)
    await anyio.to_thread.run_sync(job.finished.wait)
    if job.status != "done" or job.result is None:
        raise HTTPException(500, f"the run failed: {job.error}")
    return job.result  # type: ignore[no-any-return]


@router.post("/api/runs", tags=["api"], status_code=202, dependencies=[Depends(require_token)],
             responses=_FULL)  # fmt: skip
def api_submit(body: WhatIfRequest, state: State, config: Config) -> dict[str, Any]:
    """Start a what-if in the background; poll ``GET /api/runs/{id}``."""
    return _queue(state, body, config).as_dict()  # type: ignore[no-any-return]


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


def _job_page(
    request: Request, state: Any, job: Any, error: str, status_code: int = 200
) -> HTMLResponse:
    # The status first: a run marked done has its result (set before the status), so the
    # fragment never shows "done" without it while the worker finishes meanwhile.
    status = job.status if job is not None else "baseline"
    res = job.result if status == "done" else None
    tables = result_rows(res or _baseline_result(state), OUTCOME_DEFINITIONS)
    history = state.runs(session_of(request.scope)) if res else []
    headers = {"Retry-After": str(RETRY_AFTER_S)} if status_code == 429 else None
    return render(
        request,
        "_job.html",
        status_code=status_code,
        headers=headers,
        job=job,
        status=status,
        error=error,
        res=res,
        tables=tables,
        history=history,
    )


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
        history=state.runs(session_of(request.scope)),
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
        job = state.submit(levers, n, session=session_of(request.scope))
    except ScenarioError as exc:
        return _job_page(request, state, None, str(exc), 422)
    except QueueFull as exc:
        return _job_page(request, state, None, str(exc), 429)
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


@router.get("/lab/compare", response_class=HTMLResponse, include_in_schema=False)
def lab_compare(request: Request, state: State) -> HTMLResponse:
    """Two finished runs of the page's history side by side (``?run=ID&run=ID``)."""
    ids = request.query_params.getlist("run")
    if len(ids) != 2:
        raise HTTPException(422, "tick exactly two runs to compare")
    jobs = [state.job(i) for i in ids]
    missing = [i for i, j in zip(ids, jobs, strict=True) if j is None or j.result is None]
    if missing:
        raise HTTPException(
            404, f"no finished run {missing[0]!r} (runs are kept while the server runs)"
        )
    a, b = jobs
    assert a is not None and b is not None and a.result is not None and b.result is not None
    tables = compare_rows(a.result, b.result, OUTCOME_DEFINITIONS)
    return render(request, "_compare.html", a=a, b=b, tables=tables)

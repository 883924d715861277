"""The claims page: each seed claim run on the model, with its article sentence and the
stored evidence of that same article."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from realpolitik.web.deps import State, needs, render
from realpolitik.web.routers.overview import scenario_sources

__all__ = ["mark_shared_levers", "router"]

router = APIRouter()


@router.get("/api/claims", tags=["api"])
def api_claims(state: State) -> list[dict[str, Any]]:
    """The seed articles' claims with verdicts, lifts and intervals."""
    return [c.as_dict() for c in state.analysis.main.claims]


def _stored_by_article(state: Any, files: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """Stored claims of the ingested copies of each article (by source id), never matched by
    outcome alone: a claim is listed under an article only when its document is that article."""
    store = state.store
    if store is None or not files:
        return {}
    try:
        from sqlalchemy import select

        from realpolitik.store.schema import ClaimRow, DocumentRow

        out: dict[str, list[dict[str, Any]]] = {}
        with store.session() as s:
            docs = s.execute(select(DocumentRow.id, DocumentRow.source, DocumentRow.title)).all()
            for sid, file in files.items():
                stem = file.rsplit(".", 1)[0]
                ids = {
                    d.id: d.title or d.source
                    for d in docs
                    if d.source == file or d.source.endswith("/" + file) or stem in d.source
                }
                if not ids:
                    continue
                rows = s.scalars(
                    select(ClaimRow).where(ClaimRow.document_id.in_(ids)).order_by(ClaimRow.id)
                ).all()
                out[sid] = [
                    {
                        "text": r.text,
                        "outcome": r.outcome,
                        "document_id": r.document_id,
                        "document": ids[r.document_id],
                        "href": f"/documents/{r.document_id}#s{r.sentence_id}",
                    }
                    for r in rows
                ]
        return out
    except Exception:  # an older store schema: show the model's claims only
        return {}


def mark_shared_levers(rows: list[dict[str, Any]]) -> None:
    """Mark claims whose scenarios pull the same levers: ``shared`` is the other claims'
    scenarios (those with the same outcome too show identical numbers: one run), and
    ``group`` a letter per lever set, so the table says why two rows agree.

    Examples
    --------
    >>> rows = [{"scenario": "a", "levers": ["x"], "outcome": "o"},
    ...         {"scenario": "b", "levers": ["x"], "outcome": "o"},
    ...         {"scenario": "c", "levers": ["y"], "outcome": "o"}]
    >>> mark_shared_levers(rows)
    >>> [(r["group"], r["shared"]) for r in rows]
    [('A', ['b']), ('A', ['a']), ('', [])]
    """
    by_set: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for r in rows:
        by_set.setdefault(tuple(sorted(r.get("levers") or ())), []).append(r)
    letters = iter("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    for levers, group in by_set.items():
        letter = next(letters, "*") if len(group) > 1 and levers else ""
        for r in group:
            r["group"] = letter
            r["shared"] = [o["scenario"] for o in group if o is not r] if letter else []
            r["same_numbers"] = [
                o["scenario"] for o in group if o is not r and o.get("outcome") == r.get("outcome")
            ] if letter else []  # fmt: skip


@router.get("/claims", response_class=HTMLResponse, include_in_schema=False,
            dependencies=[Depends(needs("analysis", "scenario_sources"))])  # fmt: skip
def claims(request: Request, state: State) -> HTMLResponse:
    a = state.analysis
    srcs = {s.id: s for s in a.dataset.sources}
    rows = [c.as_dict() for c in a.main.claims]
    files = {r["source"]: srcs[r["source"]].file for r in rows
             if r["source"] in srcs and srcs[r["source"]].file}  # fmt: skip
    stored = _stored_by_article(state, files)
    mark_shared_levers(rows)
    for r in rows:
        ev = stored.get(r["source"], [])
        # The same article's claims: those mapped to this outcome first.
        r["stored"] = sorted(ev, key=lambda e: e["outcome"] != r["outcome"])[:2]
    return render(request, "claims.html", claims=rows, srcs=srcs, scen=scenario_sources(state))

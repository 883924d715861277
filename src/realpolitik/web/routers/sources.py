"""Sources: the data set's sources, ingested documents and the built-in seed articles."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import HTMLResponse

from realpolitik.web.deps import State, render
from realpolitik.web.evidence import document_view
from realpolitik.web.seeds import seed_articles, seed_view

__all__ = ["router"]

router = APIRouter()

DocumentId = Annotated[int, Path(ge=1, le=2**63 - 1, description="A stored document's id.")]
"""A document id: a positive 64-bit integer (a larger number is 422, never a database
overflow)."""


def _documents(state: Any) -> list[dict[str, Any]]:
    store = state.store
    if store is None:
        return []
    from realpolitik.store.queries import list_documents

    return list_documents(store, limit=200)


@router.get("/api/sources", tags=["api"])
def api_sources(state: State) -> dict[str, Any]:
    """Data-set sources, ingested documents and the seed articles."""
    return {
        "sources": [s.model_dump() for s in state.dataset.sources],
        "documents": _documents(state),
        "seeds": seed_articles(state.dataset, state.seeds_dir),
        "store_error": state.store_error,
    }


def _document(state: Any, document_id: int) -> dict[str, Any]:
    store = state.store
    view = document_view(store, document_id) if store is not None else None
    if view is None:
        raise HTTPException(404, f"no document {document_id}")
    return view


@router.get("/api/documents/{document_id}", tags=["api"])
def api_document(document_id: DocumentId, state: State) -> dict[str, Any]:
    """A stored document with its extractions and their character spans."""
    view = _document(state, document_id)
    view.pop("blocks", None)
    view["segments"] = [{"text": s.text, "kinds": list(s.kinds)} for s in view["segments"]]
    return view


@router.get("/sources", response_class=HTMLResponse, include_in_schema=False)
def sources(request: Request, state: State) -> HTMLResponse:
    return render(request, "sources.html", **api_sources(state))


@router.get("/documents/{document_id}", response_class=HTMLResponse, include_in_schema=False)
def document(request: Request, document_id: DocumentId, state: State) -> HTMLResponse:
    return render(request, "document.html", doc=_document(state, document_id))


@router.get("/seeds/{source_id}", response_class=HTMLResponse, include_in_schema=False)
def seed(request: Request, source_id: str, state: State) -> HTMLResponse:
    view = seed_view(state.dataset, state.seeds_dir, source_id)
    if view is None:
        known = {s["id"]: s for s in seed_articles(state.dataset, state.seeds_dir)}
        why = (
            f"the article file {known[source_id]['file']} is not in the seeds folder "
            "(start the server with --seeds DIR)"
            if source_id in known
            else f"no seed article {source_id!r}"
        )
        raise HTTPException(404, why)
    return render(request, "seed.html", doc=view)

"""Ingest: upload or paste an article; the evidence it yields is stored and shown."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from realpolitik.errors import RealpolitikError
from realpolitik.web.config import DEFAULT_MAX_UPLOAD_BYTES
from realpolitik.web.deps import Config, State, render, require_token
from realpolitik.web.evidence import document_view

__all__ = ["IngestRequest", "ingest_bytes", "router"]

router = APIRouter()


class IngestRequest(BaseModel):
    """Text to ingest into the evidence store."""

    text: str = Field(min_length=1, max_length=DEFAULT_MAX_UPLOAD_BYTES)
    title: str = Field("", max_length=300)
    source: str = Field("", max_length=300)
    format: Literal["txt", "md", "html"] = "txt"


def _extract(state: Any, data: bytes, *, title: str, source: str, fmt: str) -> Any:
    """Read and extract one text with the ingestion pipeline (an ``ExtractedDocument``)."""
    try:
        from realpolitik.ingest.readers import ReadProblem, read_bytes
    except ImportError as exc:
        raise HTTPException(503, "the ingestion pipeline is not available") from exc
    items = list(read_bytes(data, source or title or "pasted text", fmt))
    if not items or isinstance(items[0], ReadProblem):
        raise HTTPException(422, str(items[0]) if items else "nothing to ingest")
    raw = items[0]
    if title:
        raw = dataclasses.replace(raw, title=title)
    try:
        return state.extractor.extract(raw)
    except RealpolitikError as exc:
        raise HTTPException(422, str(exc)) from exc


def ingest_bytes(state: Any, data: bytes, *, title: str, source: str, fmt: str) -> dict[str, Any]:
    """Extract and store one text; the counts are those of what the document page lists
    (events: coded ones, with the uncodable count apart)."""
    store = state.store
    if store is None:
        raise HTTPException(503, f"evidence store unavailable: {state.store_error}")
    from realpolitik.store.repository import has_document, save_document

    doc = _extract(state, data, title=title, source=source, fmt=fmt)
    try:
        new_id = save_document(store, doc, str(state.extractor.version), str(state.extractor.coder))
    except RealpolitikError as exc:
        raise HTTPException(503, str(exc)) from exc
    duplicate = new_id is None
    if new_id is None:
        with store.session() as s:
            new_id = has_document(s, doc.content_hash)
    uncodable = sum(1 for e in doc.events if getattr(e, "uncodable", False))
    return {
        "document_id": new_id,
        "duplicate": duplicate,
        "counts": {
            "sentences": len(doc.sentences),
            "mentions": len(doc.mentions),
            "events": len(doc.events) - uncodable,
            "uncodable_events": uncodable,
            "claims": len(doc.claims),
            "figures": len(doc.figures),
        },
    }


@router.post("/api/ingest", tags=["api"], dependencies=[Depends(require_token)])
def api_ingest(body: IngestRequest, state: State, config: Config) -> dict[str, Any]:
    """Ingest one text into the evidence store; returns the evidence counts."""
    data = body.text.encode()
    if len(data) > config.max_upload_bytes:
        raise HTTPException(413, f"text larger than {config.max_upload_bytes} bytes")
    return ingest_bytes(state, data, title=body.title, source=body.source, fmt=body.format)


@router.get("/ingest", response_class=HTMLResponse, include_in_schema=False)
def ingest_page(request: Request, config: Config) -> HTMLResponse:
    return render(request, "ingest.html", max_bytes=config.max_upload_bytes)


def _failed(request: Request, status: int, error: str) -> HTMLResponse:
    return render(request, "_ingested.html", status_code=status, result=None, doc=None, error=error)


@router.post("/ingest", response_class=HTMLResponse, include_in_schema=False,
             dependencies=[Depends(require_token)])  # fmt: skip
async def ingest_post(
    request: Request,
    state: State,
    config: Config,
    text: str = Form(""),
    title: str = Form(""),
    upload: UploadFile | None = File(None),
) -> HTMLResponse:
    fmt, source, data = "txt", title or "pasted text", text.encode()
    cap = config.max_upload_bytes
    if upload is not None and upload.filename:
        data = await upload.read(cap + 1)
        source = Path(upload.filename).name  # used as a label only, never opened
        fmt = {".html": "html", ".htm": "html", ".md": "md"}.get(Path(source).suffix.lower(), "txt")
    if not data.strip():
        return _failed(request, 422, "nothing to ingest: choose a file or paste some text")
    if len(data) > cap:
        return _failed(request, 413, f"too large: at most {cap:,} bytes ({cap / 1e6:.1f} MB)")
    try:
        result = ingest_bytes(state, data, title=title, source=source, fmt=fmt)
    except HTTPException as exc:
        return _failed(request, exc.status_code, f"could not ingest {source}: {exc.detail}")
    store = state.store
    doc = document_view(store, int(result["document_id"])) if store is not None else None
    return render(request, "_ingested.html", result=result, doc=doc, error="")

"""What a lens sees: the documents it selects and their evidence items.

An **evidence item** is one sentence of one selected document together with the coded
events it states (only events in the ``actual`` mode with both actors and a Goldstein
score: the same events :func:`realpolitik.store.queries.dyad_tone` averages). Items are
the unit of attribution: ``lens compare`` removes one item at a time and reruns.

This module is the only part of :mod:`realpolitik.lenses` that reads the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from sqlalchemy import select

from realpolitik._fields import pick
from realpolitik.lenses.spec import Lens
from realpolitik.model.dates import within
from realpolitik.store.queries import list_claims, list_documents, list_events
from realpolitik.store.repository import Store
from realpolitik.store.schema import StanceRow

__all__ = ["EvidenceItem", "LensEvidence", "collect_evidence", "select_documents"]

_ALL = 10**9


@dataclass(frozen=True)
class EvidenceItem:
    """One sentence and the coded events it states.

    Attributes
    ----------
    document_id, sentence_id : int
    source : str
        The document's source (path or URL).
    text : str
        The sentence.
    events : tuple
        ``(source_actor, target_actor, goldstein, confidence, event_id)`` per event.
    """

    document_id: int
    sentence_id: int
    source: str
    text: str
    events: tuple[tuple[str, str, float, float, int], ...]

    @property
    def key(self) -> str:
        """Stable id ``"d<document>:s<sentence>"``."""
        return f"d{self.document_id}:s{self.sentence_id}"

    @property
    def dyads(self) -> tuple[tuple[str, str], ...]:
        """Unordered dyads (``a < b``) the item speaks about."""
        return tuple(sorted({(min(a, b), max(a, b)) for a, b, *_ in self.events if a != b}))

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            **pick(self, "key", "document_id", "sentence_id", "source", "text"),
            "events": [
                {"source": a, "target": b, "goldstein": g, "confidence": c, "event_id": e}
                for a, b, g, c, e in self.events
            ],
        }


@dataclass(frozen=True)
class LensEvidence:
    """The documents a lens selects, their evidence items and their claims."""

    lens: Lens
    documents: tuple[dict[str, Any], ...]
    items: tuple[EvidenceItem, ...]
    claims: tuple[dict[str, Any], ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready summary."""
        return {
            "lens": self.lens.as_dict(),
            "documents": [
                {k: d.get(k) for k in ("id", "source", "outlet", "author", "date")}
                for d in self.documents
            ],
            "items": len(self.items),
            "events": sum(len(i.events) for i in self.items),
            "claims": len(self.claims),
        }


def _basename(source: str) -> str:
    name = PurePosixPath(source).name
    return PureWindowsPath(name).name


def _source_match(value: str, doc: dict[str, Any]) -> bool:
    v = value.strip()
    src = str(doc.get("source") or "")
    base = _basename(src)
    stem = base.rsplit(".", 1)[0]
    return (
        v in (str(doc["id"]), src, base, stem)
        or (bool(v) and base.startswith(v + "_"))
        or (bool(v) and v == str(doc.get("author") or ""))
    )


def _stances(store: Store) -> dict[tuple[int, str], float]:
    with store.sessions() as s:
        rows = s.execute(select(StanceRow.document_id, StanceRow.actor, StanceRow.score)).all()
    return {(int(d), str(a)): float(v) for d, a, v in rows}


def select_documents(store: Store, lens: Lens) -> list[dict[str, Any]]:
    """Stored documents that pass every filter of ``lens`` (ascending id)."""
    docs = sorted(list_documents(store, limit=_ALL), key=lambda d: int(d["id"]))
    stances = _stances(store) if lens.stance else {}
    out = []
    outlets = {o.casefold() for o in lens.outlets}
    for d in docs:
        if lens.sources and not any(_source_match(v, d) for v in lens.sources):
            continue
        if outlets and str(d.get("outlet") or "").casefold() not in outlets:
            continue
        if not within(d.get("date"), lens.since, lens.until):
            continue
        if not all(f.accepts(stances.get((int(d["id"]), f.actor))) for f in lens.stance):
            continue
        out.append(d)
    return out


def collect_evidence(store: Store, lens: Lens) -> LensEvidence:
    """Documents, evidence items (sentences with actual, codable events) and claims of ``lens``.

    Notes
    -----
    One query per selected document for events and one for claims: O(evidence of the lens).
    """
    docs = select_documents(store, lens)
    items: list[EvidenceItem] = []
    claims: list[dict[str, Any]] = []
    for d in docs:
        by_sentence: dict[int, list[dict[str, Any]]] = {}
        for e in list_events(store, document=int(d["id"]), mode="actual", limit=_ALL):
            if e["source"] is None or e["target"] is None or e["goldstein"] is None:
                continue
            by_sentence.setdefault(int(e["sentence_id"]), []).append(e)
        for sid in sorted(by_sentence):
            evs = by_sentence[sid]
            items.append(
                EvidenceItem(
                    document_id=int(d["id"]),
                    sentence_id=sid,
                    source=str(d.get("source") or ""),
                    text=str(evs[0]["sentence"]),
                    events=tuple(
                        (
                            str(e["source"]),
                            str(e["target"]),
                            float(e["goldstein"]),
                            float(e["confidence"]),
                            int(e["id"]),
                        )
                        for e in evs
                    ),
                )
            )
        claims += list_claims(store, document=int(d["id"]), limit=_ALL)
    return LensEvidence(lens=lens, documents=tuple(docs), items=tuple(items), claims=tuple(claims))

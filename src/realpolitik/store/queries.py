"""Reading evidence back: listings for the CLI, and the bridges from evidence to the model.

* :func:`dyad_tone` gives per-dyad event tone (mean Goldstein score / 10, in [-1, 1]) that the
  alignment engine's event-tone term reads;
* :func:`relation_candidates` proposes signed relations the data set does not hold yet;
* :func:`scenario_stubs` turns claims mapped to catalogue ids into scenario stubs.

Examples
--------
>>> from realpolitik.store import open_store
>>> s = open_store("sqlite://")
>>> dyad_tone(s)
{}
>>> s.close()
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from itertools import islice
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from realpolitik.errors import InputError
from realpolitik.model.dates import period_bounds
from realpolitik.model.tone import dyad, dyad_tone_of, tone
from realpolitik.store.repository import Store, open_store
from realpolitik.store.repository import same_names as _same
from realpolitik.store.schema import (
    ClaimRow,
    DocumentRow,
    EventRow,
    FigureRow,
    SentenceRow,
    StanceRow,
)

__all__ = [
    "dyad_tone",
    "list_claims",
    "list_documents",
    "list_events",
    "list_figures",
    "list_stances",
    "relation_candidates",
    "scenario_stubs",
]

StoreLike = Store | Session | str | None


@contextmanager
def _session(where: StoreLike) -> Iterator[Session]:
    if isinstance(where, Session):
        yield where
        return
    if isinstance(where, Store):
        with where.sessions() as s:
            yield s
        return
    store = open_store(where)
    try:
        with store.sessions() as s:
            yield s
    finally:
        store.close()


def _date_filter(stmt: Any, since: str | None, until: str | None) -> Any:
    """Documents whose period starts on or after ``since``'s first day and on or before
    ``until``'s last day (``until="2025-03"`` keeps 2025-03-24); real dates, no collation."""
    if since:
        stmt = stmt.where(DocumentRow.day >= _bound(since, "since")[0])
    if until:
        stmt = stmt.where(DocumentRow.day <= _bound(until, "until")[1])
    return stmt


def _bound(text: str, name: str) -> tuple[date, date]:
    try:
        return period_bounds(text)
    except ValueError as exc:
        raise InputError(f"{name}: {exc}") from exc


def _tone_rows(
    s: Session,
    since: str | None,
    until: str | None,
    sources: Iterable[str] | None,
    modes: tuple[str, ...] = ("actual",),
) -> list[Any]:
    stmt = (
        select(
            EventRow.source_actor,
            EventRow.target_actor,
            EventRow.goldstein,
            EventRow.confidence,
            EventRow.document_id,
        )
        .join(DocumentRow, DocumentRow.id == EventRow.document_id)
        .where(
            EventRow.uncodable.is_(False),
            EventRow.mode.in_(modes),
            EventRow.source_actor.is_not(None),
            EventRow.target_actor.is_not(None),
            EventRow.goldstein.is_not(None),
        )
    )
    stmt = _date_filter(stmt, since, until)
    if sources is not None:
        src = list(sources)
        stmt = stmt.where(
            (DocumentRow.outlet.in_(src))
            | (DocumentRow.source.in_(src))
            | (DocumentRow.author.in_(src))
        )
    return list(s.execute(stmt).all())


def dyad_tone(
    session_or_url: StoreLike = None,
    since: str | None = None,
    until: str | None = None,
    sources: Iterable[str] | None = None,
) -> dict[tuple[str, str], float]:
    """Mean event tone per unordered dyad, normalised to [-1, 1] (Goldstein score / 10).

    Only events in the ``actual`` mode count (future, hypothetical and negated events are kept
    in the store but say nothing about the present state of a relation); each event is weighted
    by its confidence.

    Parameters
    ----------
    session_or_url : Store, Session, str or None
        Where the evidence lies (None: the default database).
    since, until : str, optional
        ISO dates (any precision) bounding the documents' dates, inclusive.
    sources : iterable of str, optional
        Keep only documents from these outlets, authors or source paths.

    Returns
    -------
    dict
        ``{(a, b): tone}`` with ``a < b`` alphabetically.

    Notes
    -----
    Goldstein (1992) scores run from -10 (military attack) to +10 (military aid); dividing the
    weighted mean by 10 keeps the sign and the scale comparable across dyads. O(events).

    References
    ----------
    Goldstein, J. S. (1992). A conflict-cooperation scale for WEIS events data. Journal of
    Conflict Resolution 36(2), 369-385.
    """
    with _session(session_or_url) as s:
        rows = _tone_rows(s, since, until, sources)
    return dyad_tone_of((a, b, g, conf) for a, b, g, conf, _doc in rows)


def relation_candidates(
    session_or_url: StoreLike = None,
    *,
    known: Iterable[tuple[str, str]] = (),
    min_events: int = 2,
    min_abs_tone: float = 0.1,
) -> list[dict[str, Any]]:
    """Signed dyads the evidence supports that are not among ``known`` pairs.

    Returns a list of ``{"a", "b", "sign", "tone", "n_events", "documents"}`` dicts, strongest
    tone first; the caller (data set merge rules) decides whether to adopt them.
    """
    known_set = {dyad(a, b) for a, b in known}
    with _session(session_or_url) as s:
        rows = _tone_rows(s, None, None, None)
    by: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for a, b, g, conf, doc in rows:
        if a != b:
            by[dyad(a, b)].append((float(g), float(conf), int(doc)))
    out: list[dict[str, Any]] = []
    for key, items in by.items():
        if key in known_set or len(items) < min_events:
            continue
        t = tone((g, c) for g, c, _ in items)
        if abs(t) < min_abs_tone:
            continue
        out.append(
            {
                "a": key[0],
                "b": key[1],
                "sign": 1 if t > 0 else -1,
                "tone": round(t, 4),
                "n_events": len(items),
                "documents": sorted({d for _, _, d in items}),
            }
        )
    out.sort(key=lambda r: (-abs(r["tone"]), r["a"], r["b"]))
    return out


def scenario_stubs(
    session_or_url: StoreLike = None, *, min_score: float = 0.2
) -> list[dict[str, Any]]:
    """Conditional claims mapped to catalogue ids, as scenario stubs the scenario engine reads.

    Each stub is ``{"levers": [ids], "outcome": id, "horizon": year or None, "claim_id",
    "document_id", "sentence_id", "source", "text", "score"}``; claims whose best lever or
    outcome scores under ``min_score`` are left out.
    """
    with _session(session_or_url) as s:
        rows = s.execute(
            select(ClaimRow, DocumentRow.source)
            .join(DocumentRow, DocumentRow.id == ClaimRow.document_id)
            .where(ClaimRow.kind == "conditional", ClaimRow.outcome.is_not(None))
            .order_by(ClaimRow.id)
        ).all()
    stubs = []
    for c, src in rows:
        levers = [lv["id"] for lv in c.levers if float(lv["score"]) >= min_score]
        if not levers or c.outcome_score < min_score:
            continue
        stubs.append(
            {
                "levers": levers[:1],
                "outcome": c.outcome,
                "horizon": c.horizon,
                "claim_id": c.id,
                "document_id": c.document_id,
                "sentence_id": c.sentence_id,
                "source": src,
                "text": c.text,
                "score": round(min(float(c.levers[0]["score"]), c.outcome_score), 4),
            }
        )
    return stubs


def list_documents(where: StoreLike = None, *, limit: int = 100) -> list[dict[str, Any]]:
    """Stored documents, newest id first."""
    with _session(where) as s:
        rows = s.scalars(select(DocumentRow).order_by(DocumentRow.id.desc()).limit(limit)).all()
        return [
            {
                "id": d.id,
                "source": d.source,
                "title": d.title,
                "outlet": d.outlet,
                "author": d.author,
                "date": d.date,
                "format": d.format,
                "sentences": d.n_sentences,
                "mentions": d.n_mentions,
                "events": d.n_events,
                "claims": d.n_claims,
                "figures": d.n_figures,
                "hash": d.content_hash[:12],
                "extractor_version": d.extractor_version,
            }
            for d in rows
        ]


def _equal(stmt: Any, model: Any, **values: object) -> Any:
    """``stmt`` restricted to rows whose column equals each given (non-empty) value."""
    for column, value in values.items():
        if value is not None and value != "":
            stmt = stmt.where(getattr(model, column) == value)
    return stmt


def _evidence_dict(row: Any, fields: dict[str, str]) -> dict[str, Any]:
    """An evidence row as JSON-ready data: ids, span, then ``fields`` (key -> column)."""
    head = {"id": row.id, "document_id": row.document_id, "sentence_id": row.sentence_id}
    return head | {"span": [row.start, row.end]} | {k: getattr(row, c) for k, c in fields.items()}


_EVENT_FIELDS = {"source": "source_actor", "target": "target_actor"} | _same(
    "plover", "cameo", "goldstein", "mode", "aspect", "confidence", "cue", "uncodable", "reason"
)
_CLAIM_FIELDS = _same(
    "kind", "marker", "antecedent", "consequent", "levers", "outcome", "outcome_score"
) | _same("horizon", "actors", "confidence", "text")
_FIGURE_FIELDS = _same("text", "value", "unit", "noun", "actors")


def list_events(
    where: StoreLike = None,
    *,
    actor: str | None = None,
    mode: str | None = None,
    document: int | None = None,
    include_uncodable: bool = False,
    limit: int = 200,
) -> list[dict[str, Any]]:
    """Coded events, filtered by actor (source or target), mode or document."""
    with _session(where) as s:
        stmt = select(EventRow, SentenceRow.text).join(
            SentenceRow, SentenceRow.id == EventRow.sentence_id
        )
        if not include_uncodable:
            stmt = stmt.where(EventRow.uncodable.is_(False))
        if actor:
            stmt = stmt.where((EventRow.source_actor == actor) | (EventRow.target_actor == actor))
        stmt = _equal(stmt, EventRow, mode=mode, document_id=document)
        rows = s.execute(stmt.order_by(EventRow.id).limit(limit)).all()
        return [_evidence_dict(e, _EVENT_FIELDS) | {"sentence": text} for e, text in rows]


def list_claims(
    where: StoreLike = None,
    *,
    kind: str | None = None,
    lever: str | None = None,
    outcome: str | None = None,
    document: int | None = None,
    limit: int = 200,
) -> list[dict[str, Any]]:
    """Claims, filtered by kind, best lever, outcome or document."""
    with _session(where) as s:
        stmt = _equal(select(ClaimRow), ClaimRow, kind=kind, outcome=outcome, document_id=document)
        rows = s.scalars(stmt.order_by(ClaimRow.id)).all()
        kept = (c for c in rows if not lever or (c.levers and c.levers[0]["id"] == lever))
        return [_evidence_dict(c, _CLAIM_FIELDS) for c in islice(kept, limit)]


def list_figures(
    where: StoreLike = None,
    *,
    unit: str | None = None,
    actor: str | None = None,
    limit: int = 200,
) -> list[dict[str, Any]]:
    """Stated figures, filtered by unit or attached actor."""
    with _session(where) as s:
        stmt = _equal(select(FigureRow), FigureRow, unit=unit)
        rows = s.scalars(stmt.order_by(FigureRow.id)).all()
        kept = (f for f in rows if not actor or actor in f.actors)
        return [_evidence_dict(f, _FIGURE_FIELDS) for f in islice(kept, limit)]


def list_stances(
    where: StoreLike = None, *, source: str | None = None, actor: str | None = None
) -> list[dict[str, Any]]:
    """Stance of each source toward each actor: item-weighted mean over its documents."""
    with _session(where) as s:
        stmt = _equal(select(StanceRow), StanceRow, source=source, actor=actor)
        rows = s.scalars(stmt).all()
    acc: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for r in rows:
        a = acc[(r.source, r.actor)]
        a[0] += r.score * r.n_items
        a[1] += r.n_items
        a[2] += 1
    return [
        {
            "source": src,
            "actor": act,
            "score": round(v[0] / v[1], 4) if v[1] else 0.0,
            "n_items": int(v[1]),
            "documents": int(v[2]),
        }
        for (src, act), v in sorted(acc.items())
    ]

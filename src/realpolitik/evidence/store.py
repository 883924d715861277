"""Reading evidence events from the store and writing the relation series back.

This is the only module of :mod:`realpolitik.evidence` that touches the database. Documents with
an unknown date (``documents.day`` NULL) are never read. A document dated ``YYYY-MM`` or
``YYYY`` counts from the *last* day of that period, so nothing is read before it could have been
published.

Outlets are weighted or excluded by a mapping ``outlet -> weight in [0, 1]`` (0 excludes; an
outlet not named weighs 1), given by option (``--outlet-weight NAME=W``) or read from a TOML
file with a table ``[outlets]`` (:func:`load_outlet_weights`); the weight multiplies each event's
confidence. A lens (:class:`~realpolitik.lenses.spec.Lens`) restricts the documents read, so a
lens is a filter over the same evidence.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select

from realpolitik.errors import InputError
from realpolitik.evidence.series import PERIODS, EvidenceEvent, relation_series
from realpolitik.model.dates import period_bounds
from realpolitik.store.repository import Store
from realpolitik.store.schema import DocumentRow, EventRow, SeriesLinkRow, SeriesPointRow

__all__ = ["load_events", "load_outlet_weights", "parse_outlet_weights", "refresh_series"]


def parse_outlet_weights(items: Iterable[str]) -> dict[str, float]:
    """``["reuters.com=0.5", "x.com=0"]`` -> ``{"reuters.com": 0.5, "x.com": 0.0}``.

    Raises
    ------
    InputError
        When an item is not ``NAME=W`` with ``W`` in [0, 1].

    Examples
    --------
    >>> parse_outlet_weights(["Reuters=0.5", "tabloid.example=0"])
    {'reuters': 0.5, 'tabloid.example': 0.0}
    """
    out: dict[str, float] = {}
    for item in items:
        name, sep, value = item.rpartition("=")
        try:
            w = float(value)
        except ValueError:
            w = -1.0
        if not sep or not name.strip() or not 0.0 <= w <= 1.0:
            raise InputError(
                f"--outlet-weight {item!r}: use NAME=W with W between 0 (exclude) and 1"
            )
        out[name.strip().casefold()] = w
    return out


def load_outlet_weights(path: Path) -> dict[str, float]:
    """Outlet weights from a TOML file's ``[outlets]`` table (``"name" = weight``).

    Raises
    ------
    InputError
        When the file cannot be read or a weight is not in [0, 1].
    """
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("outlets", {})
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{path}: cannot read outlet weights ({exc})") from exc
    if not isinstance(table, dict):
        raise InputError(f"{path}: [outlets] must be a table of name = weight")
    return parse_outlet_weights(f"{k}={v}" for k, v in table.items())


def _document_days(
    store: Store, until: date | None, documents: Iterable[int] | None
) -> dict[int, tuple[date, str]]:
    """``id -> (last day of its date's period, outlet)`` of the dated documents up to ``until``."""
    stmt = select(DocumentRow.id, DocumentRow.date, DocumentRow.outlet).where(
        DocumentRow.day.is_not(None)
    )
    if until is not None:
        stmt = stmt.where(DocumentRow.day <= until)
    wanted = None if documents is None else set(documents)
    out = {}
    with store.sessions() as s:
        for doc_id, text, outlet in s.execute(stmt):
            if wanted is not None and doc_id not in wanted:
                continue
            try:
                last = period_bounds(str(text))[1]
            except ValueError:
                continue
            if until is None or last <= until:
                out[int(doc_id)] = (last, str(outlet or ""))
    return out


def load_events(
    store: Store,
    *,
    until: date | None = None,
    documents: Iterable[int] | None = None,
    outlet_weights: Mapping[str, float] | None = None,
) -> list[EvidenceEvent]:
    """Evidence events of the dated documents up to ``until`` (all when ``None``).

    Only ``actual`` events between two different actors with a Goldstein score count.
    ``documents`` restricts the documents (a lens's selection); ``outlet_weights`` multiplies
    each event's confidence by its outlet's weight (0 leaves the outlet out).
    """
    days = _document_days(store, until, documents)
    weights = {k.casefold(): float(v) for k, v in (outlet_weights or {}).items()}
    stmt = (
        select(EventRow)
        .where(EventRow.uncodable.is_(False), EventRow.mode == "actual")
        .where(EventRow.goldstein.is_not(None), EventRow.source_actor.is_not(None))
        .where(EventRow.target_actor.is_not(None))
        .order_by(EventRow.id)
    )
    out = []
    with store.sessions() as s:
        for e in s.scalars(stmt):
            if e.document_id not in days or e.source_actor == e.target_actor:
                continue
            day, outlet = days[e.document_id]
            w = weights.get(outlet.casefold(), 1.0)
            if w <= 0:
                continue
            out.append(_event(e, day, outlet, w))
    return out


def _event(e: Any, day: date, outlet: str, w: float) -> EvidenceEvent:
    return EvidenceEvent(
        event_id=int(e.id),
        sentence_id=int(e.sentence_id),
        document_id=int(e.document_id),
        a=str(e.source_actor),
        b=str(e.target_actor),
        plover=str(e.plover or ""),
        cameo=str(e.cameo or ""),
        goldstein=float(e.goldstein),
        confidence=float(e.confidence) * w,
        day=day,
        outlet=outlet,
    )


def refresh_series(store: Store) -> int:
    """Recompute and store the series of every pair and period kind, with their links.

    The stored series cover every dated document (no as-of cut: the as-of views are computed
    from the events, :func:`load_events` with ``until``); one transaction replaces the old rows.
    Returns the number of series points written.
    """
    events = load_events(store)
    n = 0
    with store.session() as s:
        s.execute(delete(SeriesLinkRow))
        s.execute(delete(SeriesPointRow))
        for kind in PERIODS:
            for p in relation_series(events, kind):
                row = SeriesPointRow(
                    a=p.a,
                    b=p.b,
                    period_kind=kind,
                    period=p.period,
                    start=p.start,
                    events=p.events,
                    tone=p.tone,
                    weight=p.weight,
                    documents=p.documents,
                    counts=p.counts,
                    quads=p.quads,
                )
                s.add(row)
                s.flush()
                links = [
                    {"series_id": row.id, "event_id": ev, "sentence_id": se}
                    | {"document_id": d, "counted": c}
                    for ev, se, d, c in p.links
                ]
                s.connection().execute(insert(SeriesLinkRow), links)
                n += 1
    return n

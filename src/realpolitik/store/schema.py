"""SQLAlchemy 2 schema of the evidence store.

Every evidence row (mention, event, claim, figure) points at its document, its sentence and a
character span ``[start, end)`` in the document's cleaned text, and records the version of the
extractor that produced it, so any number the model uses can be traced to the words it came from.

Examples
--------
>>> sorted(Base.metadata.tables)  # doctest: +NORMALIZE_WHITESPACE
['claims', 'documents', 'events', 'figures', 'forecast_runs', 'forecasts', 'lenses', 'mentions',
 'relation_series', 'relation_series_links', 'sentences', 'stances']
"""

from __future__ import annotations

from datetime import date as Date_
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "Base",
    "ClaimRow",
    "DocumentRow",
    "EventRow",
    "FigureRow",
    "ForecastRow",
    "ForecastRunRow",
    "LensRow",
    "MentionRow",
    "SentenceRow",
    "SeriesLinkRow",
    "SeriesPointRow",
    "StanceRow",
]


class Base(DeclarativeBase):
    """Declarative base of the evidence store."""


class DocumentRow(Base):
    """One ingested article (its cleaned text and metadata)."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    source: Mapped[str] = mapped_column(Text, nullable=False, default="")
    title: Mapped[str] = mapped_column(Text, nullable=False, default="")
    outlet: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    author: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    url: Mapped[str] = mapped_column(Text, nullable=False, default="")
    date: Mapped[str] = mapped_column(String(32), nullable=False, default="")
    # the first day of the period `date` names (NULL when empty or not YYYY[-MM[-DD]]): the
    # since/until filters compare real dates (realpolitik.model.dates), never text
    day: Mapped[Date_ | None] = mapped_column(Date, nullable=True, index=True)
    # where the date came from (realpolitik.ingest.dates): option | manifest | metadata | text |
    # unknown; revision 0005
    date_source: Mapped[str] = mapped_column(String(16), nullable=False, default="unknown")
    format: Mapped[str] = mapped_column(String(16), nullable=False, default="txt")
    text: Mapped[str] = mapped_column(Text, nullable=False)
    furniture: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    n_sentences: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    n_mentions: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    n_events: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    n_claims: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    n_figures: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    extractor_version: Mapped[str] = mapped_column(String(32), nullable=False)
    ingested_at: Mapped[str] = mapped_column(String(40), nullable=False, default="")


class _OfDocument:
    """The id and the owning document of a sentence or stance row."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
    )


class SentenceRow(_OfDocument, Base):
    """One sentence of a document, with its character span in the cleaned text."""

    __tablename__ = "sentences"
    __table_args__ = (Index("ix_sentences_doc_idx", "document_id", "idx", unique=True),)

    idx: Mapped[int] = mapped_column(Integer, nullable=False)
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)


class _Evidence:
    """Columns every evidence row shares."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True
    )
    sentence_id: Mapped[int] = mapped_column(
        ForeignKey("sentences.id", ondelete="CASCADE"), nullable=False
    )
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)
    extractor_version: Mapped[str] = mapped_column(String(32), nullable=False)


class MentionRow(_Evidence, Base):
    """A mention of an actor, a person, or an unknown titled person (``candidate``)."""

    __tablename__ = "mentions"

    text: Mapped[str] = mapped_column(Text, nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)  # actor | person | candidate
    actor: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    person: Mapped[str | None] = mapped_column(String(64), nullable=True)
    via: Mapped[str] = mapped_column(String(16), nullable=False, default="name")


class EventRow(_Evidence, Base):
    """A coded event (PLOVER type, CAMEO code, Goldstein score, mode) or an uncodable sentence."""

    __tablename__ = "events"

    source_actor: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    target_actor: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    plover: Mapped[str | None] = mapped_column(String(16), nullable=True)
    cameo: Mapped[str | None] = mapped_column(String(8), nullable=True)
    goldstein: Mapped[float | None] = mapped_column(Float, nullable=True)
    mode: Mapped[str] = mapped_column(String(16), nullable=False, default="actual")
    aspect: Mapped[str] = mapped_column(String(8), nullable=False, default="event")
    confidence: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    cue: Mapped[str] = mapped_column(Text, nullable=False, default="")
    uncodable: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    date: Mapped[str] = mapped_column(String(32), nullable=False, default="")
    # the event coder (and its dictionary's version) that coded the row; migration 0004
    coder: Mapped[str] = mapped_column(String(64), nullable=False, default="", index=True)


class ClaimRow(_Evidence, Base):
    """A forecast or conditional claim, split and mapped to catalogue levers and outcomes."""

    __tablename__ = "claims"

    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    marker: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    antecedent: Mapped[str] = mapped_column(Text, nullable=False, default="")
    consequent: Mapped[str] = mapped_column(Text, nullable=False, default="")
    levers: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    outcome: Mapped[str | None] = mapped_column(String(64), nullable=True)
    outcome_score: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    horizon: Mapped[int | None] = mapped_column(Integer, nullable=True)
    actors: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    confidence: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)


class FigureRow(_Evidence, Base):
    """A stated quantity, normalised (value in base units), attached to actors."""

    __tablename__ = "figures"

    text: Mapped[str] = mapped_column(Text, nullable=False)
    value: Mapped[float] = mapped_column(Float, nullable=False)
    unit: Mapped[str] = mapped_column(String(32), nullable=False)
    noun: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    actors: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)


class StanceRow(_OfDocument, Base):
    """Where one source (outlet or author) stands toward one actor, from one document."""

    __tablename__ = "stances"
    __table_args__ = (Index("ix_stances_doc_actor", "document_id", "actor", unique=True),)

    source: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    actor: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    score: Mapped[float] = mapped_column(Float, nullable=False)
    n_items: Mapped[int] = mapped_column(Integer, nullable=False)
    extractor_version: Mapped[str] = mapped_column(String(32), nullable=False)


class LensRow(Base):
    """One stored perspective lens (:mod:`realpolitik.lenses.storage`); revision ``0002``."""

    __tablename__ = "lenses"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    spec: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    created: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class ForecastRunRow(Base):
    """One run of the forecast register (:mod:`realpolitik.forecasting.register`); revision
    ``0006``. Immutable: the migration adds triggers that refuse UPDATE and DELETE."""

    __tablename__ = "forecast_runs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    created_at: Mapped[str] = mapped_column(String(40), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    command: Mapped[str] = mapped_column(String(32), nullable=False, default="")
    as_of: Mapped[Date_] = mapped_column(Date, nullable=False)
    seed: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    code_version: Mapped[str] = mapped_column(String(64), nullable=False)
    data_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    provenance: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    n_forecasts: Mapped[int] = mapped_column(Integer, nullable=False)


class ForecastRow(Base):
    """One issued forecast: a probability (with its interval) that a question resolves yes at
    its target date. Immutable, like its run."""

    __tablename__ = "forecasts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[str] = mapped_column(ForeignKey("forecast_runs.id"), nullable=False, index=True)
    model: Mapped[str] = mapped_column(String(64), nullable=False)
    question: Mapped[str] = mapped_column(String(16), nullable=False)  # pair | outcome
    a: Mapped[str | None] = mapped_column(String(16), nullable=True)
    b: Mapped[str | None] = mapped_column(String(16), nullable=True)
    outcome: Mapped[str | None] = mapped_column(String(64), nullable=True)
    region: Mapped[str] = mapped_column(String(32), nullable=False, default="")
    issued: Mapped[Date_] = mapped_column(Date, nullable=False)
    target: Mapped[Date_] = mapped_column(Date, nullable=False, index=True)
    horizon: Mapped[int] = mapped_column(Integer, nullable=False)
    p: Mapped[float] = mapped_column(Float, nullable=False)
    p_low: Mapped[float | None] = mapped_column(Float, nullable=True)
    p_high: Mapped[float | None] = mapped_column(Float, nullable=True)


class SeriesPointRow(Base):
    """One period of one pair's relation series (:mod:`realpolitik.evidence.series`); rev 0005.

    ``period_kind`` is ``day``, ``week`` or ``month``; ``period`` its label (``2023-03-16``,
    ``2023-W11``, ``2023-03``) and ``start`` its first day. ``counts`` holds events per PLOVER
    type, ``quads`` per quad class; ``tone`` is the confidence-weighted Goldstein tone in
    [-1, 1] of the period's deduplicated events and ``weight`` their summed confidence.
    """

    __tablename__ = "relation_series"
    __table_args__ = (
        Index("ix_relation_series_key", "a", "b", "period_kind", "period", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    a: Mapped[str] = mapped_column(String(16), nullable=False)
    b: Mapped[str] = mapped_column(String(16), nullable=False)
    period_kind: Mapped[str] = mapped_column(String(8), nullable=False)
    period: Mapped[str] = mapped_column(String(16), nullable=False)
    start: Mapped[Date_] = mapped_column(Date, nullable=False, index=True)
    events: Mapped[int] = mapped_column(Integer, nullable=False)
    tone: Mapped[float] = mapped_column(Float, nullable=False)
    weight: Mapped[float] = mapped_column(Float, nullable=False)
    documents: Mapped[int] = mapped_column(Integer, nullable=False)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    quads: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)


class SeriesLinkRow(Base):
    """The events (with their sentence and document) behind one series value; revision 0005."""

    __tablename__ = "relation_series_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    series_id: Mapped[int] = mapped_column(
        ForeignKey("relation_series.id", ondelete="CASCADE"), nullable=False, index=True
    )
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), nullable=False
    )
    sentence_id: Mapped[int] = mapped_column(Integer, nullable=False)
    document_id: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    # False: a duplicate report of an event counted once (its representative has True)
    counted: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)

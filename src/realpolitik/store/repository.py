"""Opening the evidence store, writing one document per transaction, and reading evidence back.

Examples
--------
>>> store = open_store("sqlite://")
>>> count_rows(store)["documents"]
0
>>> store.close()
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, func, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from realpolitik.errors import StoreError
from realpolitik.model.dates import period_start
from realpolitik.model.evidence import ExtractedDocument
from realpolitik.store.schema import (
    ClaimRow,
    DocumentRow,
    EventRow,
    FigureRow,
    MentionRow,
    SentenceRow,
    StanceRow,
)

__all__ = [
    "DEFAULT_DB_ENV",
    "Store",
    "check_consistency",
    "count_rows",
    "default_db_url",
    "has_document",
    "open_store",
    "recode_document",
    "save_document",
    "stored_documents",
]

DEFAULT_DB_ENV = "REALPOLITIK_DB"
"""Environment variable naming the default database URL."""

_TABLES = {
    "documents": DocumentRow,
    "sentences": SentenceRow,
    "mentions": MentionRow,
    "events": EventRow,
    "claims": ClaimRow,
    "figures": FigureRow,
    "stances": StanceRow,
}


def default_db_url() -> str:
    """The database URL used when none is given: ``$REALPOLITIK_DB`` or ``./realpolitik.sqlite``.

    Examples
    --------
    >>> default_db_url().startswith(("sqlite", "postgresql")) or "REALPOLITIK_DB" in os.environ
    True
    """
    return os.environ.get(DEFAULT_DB_ENV) or "sqlite:///realpolitik.sqlite"


def _normalise_url(url: str) -> str:
    if "://" not in url:  # a bare path means a SQLite file
        return f"sqlite:///{Path(url)}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


@dataclass
class Store:
    """An open evidence store: an engine and a session factory, migrated to the latest schema."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work is committed on success and rolled back on any error."""
        with self.sessions() as s:
            try:
                yield s
                s.commit()
            except BaseException:
                s.rollback()
                raise

    def close(self) -> None:
        """Release the connection pool."""
        self.engine.dispose()


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _migrate(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


_DRIVER_PACKAGES = {
    "psycopg": "psycopg[binary]",
    "psycopg2": "psycopg2-binary",
    "pymysql": "PyMySQL",
    "MySQLdb": "mysqlclient",
    "asyncpg": "asyncpg",
    "pg8000": "pg8000",
    "oracledb": "oracledb",
    "pyodbc": "pyodbc",
}


def _missing_driver(url: str, module: str) -> str:
    """One line naming the package a database URL's driver needs.

    Examples
    --------
    >>> print(_missing_driver("mysql+pymysql://u:secret@h/db", "pymysql")[:60])
    the --db URL 'mysql+pymysql://u:***@h/db' needs the database
    >>> _missing_driver("mysql+pymysql://u:secret@h/db", "pymysql").split(": ")[-1]
    'pip install PyMySQL'
    """
    from sqlalchemy.engine import make_url

    try:
        shown = make_url(url).render_as_string(hide_password=True)
    except (SQLAlchemyError, ValueError):
        shown = url.split("@")[-1]
    package = _DRIVER_PACKAGES.get(module, module)
    return (
        f"the --db URL {shown!r} needs the database driver {module!r}, which is not "
        f"installed: pip install {package}"
    )


def open_store(url: str | None = None, *, migrate: bool = True) -> Store:
    """Open (and create or upgrade, via Alembic ``upgrade head``) the evidence store at ``url``.

    Parameters
    ----------
    url : str, optional
        SQLAlchemy URL (``sqlite:///PATH``, ``postgresql+psycopg://user@host/db``) or a bare
        file path (SQLite). Defaults to :func:`default_db_url`.
    migrate : bool
        Run the packaged migrations first (default).

    Returns
    -------
    Store

    Raises
    ------
    StoreError
        When the database cannot be reached or migrated.

    Examples
    --------
    >>> s = open_store("sqlite://")
    >>> s.engine.dialect.name
    'sqlite'
    >>> s.close()
    """
    full = _normalise_url(url or default_db_url())
    try:
        if full.startswith("sqlite"):
            engine = create_engine(full, future=True)
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(full, future=True, pool_pre_ping=True)
        if migrate:
            _migrate(engine)
    except ModuleNotFoundError as exc:
        raise StoreError(_missing_driver(full, exc.name or "")) from exc
    except (SQLAlchemyError, OSError) as exc:
        raise StoreError(
            f"cannot open the evidence store at {full!r}: {exc.__class__.__name__}: "
            f"{str(exc).splitlines()[0]}. Check the --db URL (sqlite:///PATH or "
            "postgresql+psycopg://user@host:port/db) and that the server is running."
        ) from exc
    return Store(full, engine, sessionmaker(engine, expire_on_commit=False))


def has_document(session: Session, content_hash: str) -> int | None:
    """Id of the stored document with this content hash, or ``None``."""
    return session.scalar(select(DocumentRow.id).where(DocumentRow.content_hash == content_hash))


def _bulk(s: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    """One executemany INSERT of ``rows`` into ``model``'s table (nothing when empty).

    Core, not the ORM bulk path: the ORM splits rows into groups by which values are None
    and compiles each group on its own; the rows here all carry every column.
    """
    if rows:
        s.connection().execute(insert(model.__table__), rows)


def _document_row(doc: ExtractedDocument, version: str) -> DocumentRow:
    return DocumentRow(
        content_hash=doc.content_hash,
        source=doc.raw.source,
        title=doc.raw.title,
        outlet=doc.raw.outlet,
        author=doc.author or doc.raw.author,
        url=doc.raw.url,
        date=doc.date or doc.raw.date,
        day=period_start(doc.date or doc.raw.date),
        date_source=doc.date_source,
        format=doc.raw.format,
        text=doc.text,
        furniture=list(doc.furniture),
        n_sentences=len(doc.sentences),
        n_mentions=len(doc.mentions),
        n_events=len(doc.events),
        n_claims=len(doc.claims),
        n_figures=len(doc.figures),
        extractor_version=version,
        ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def _spanned(
    items: Iterable[Any], base: dict[str, Any], sid: dict[int, int], fields: dict[str, str]
) -> list[dict[str, Any]]:
    """One row per evidence item: ``base``, its sentence id and span, and ``fields``
    (column -> attribute of the item)."""
    return [
        {
            **base,
            "sentence_id": sid[x.sent],
            "start": x.start,
            "end": x.end,
            **{col: getattr(x, attr) for col, attr in fields.items()},
        }
        for x in items
    ]


def same_names(*names: str) -> dict[str, str]:
    """``{name: name}``: a column that keeps its attribute's name."""
    return {n: n for n in names}


_same = same_names


_MENTION = _same("text", "kind", "actor", "person", "via")
_EVENT = {"source_actor": "source", "target_actor": "target"} | _same(
    "plover", "cameo", "goldstein", "mode", "aspect", "confidence", "cue", "uncodable", "reason"
)
_CLAIM = _same(
    "kind", "text", "marker", "antecedent", "consequent", "outcome", "outcome_score", "horizon"
) | _same("confidence")
_FIGURE = _same("text", "value", "unit", "noun")


def _evidence_rows(
    doc: ExtractedDocument, row: DocumentRow, sid: dict[int, int], version: str, coder: str = ""
) -> list[tuple[type[Any], list[dict[str, Any]]]]:
    """The rows of every evidence table for one stored document (row has its id)."""
    base = {"document_id": row.id, "extractor_version": version}
    claims = _spanned(doc.claims, base, sid, _CLAIM)
    for out, c in zip(claims, doc.claims, strict=True):
        out["levers"] = [{"id": lv.id, "score": round(lv.score, 4)} for lv in c.levers]
        out["actors"] = list(c.actors)
    figures = _spanned(doc.figures, base, sid, _FIGURE)
    for out, f in zip(figures, doc.figures, strict=True):
        out["actors"] = list(f.actors)
    stance_source = row.outlet or row.author or row.source
    stances = [
        {"document_id": row.id, "source": stance_source, "actor": st.actor, "score": st.score}
        | {"n_items": st.n_items, "extractor_version": version}
        for st in doc.stances
    ]
    return [
        (MentionRow, _spanned(doc.mentions, base, sid, _MENTION)),
        (EventRow, _spanned(doc.events, {**base, "date": row.date, "coder": coder}, sid, _EVENT)),
        (ClaimRow, claims),
        (FigureRow, figures),
        (StanceRow, stances),
    ]


def _save_sentences(s: Session, doc: ExtractedDocument, document_id: int) -> dict[int, int]:
    """Insert the sentences; sentence index -> row id."""
    rows = [
        {"document_id": document_id, "idx": x.idx, "start": x.start, "end": x.end, "text": x.text}
        for x in doc.sentences
    ]
    _bulk(s, SentenceRow, rows)
    stmt = select(SentenceRow.idx, SentenceRow.id).where(SentenceRow.document_id == document_id)
    return {int(i): int(k) for i, k in s.execute(stmt)}


def save_document(
    store: Store, doc: ExtractedDocument, version: str, coder: str = ""
) -> int | None:
    """Store one extracted document and all its evidence in ONE transaction.

    ``coder`` names the event coder and dictionary version stored on each event row.

    Returns the new document id, or ``None`` when a document with the same content hash is
    already stored (nothing is added). A failure part-way rolls the whole document back.

    Raises
    ------
    StoreError
        When the database refuses the write.
    """
    try:
        with store.session() as s:
            if has_document(s, doc.content_hash) is not None:
                return None
            row = _document_row(doc, version)
            s.add(row)
            s.flush()
            # Bulk inserts (one executemany per table) inside the document's transaction: the
            # ORM unit of work per row cost more than the extraction itself.
            sid = _save_sentences(s, doc, row.id)
            for model, rows in _evidence_rows(doc, row, sid, version, coder):
                _bulk(s, model, rows)
            return row.id
    except IntegrityError:
        # a concurrent writer stored the same content hash first: nothing to add
        return None
    except OperationalError as exc:
        raise StoreError(
            f"writing {doc.raw.source!r} failed and was rolled back: {str(exc).splitlines()[0]}"
        ) from exc


def stored_documents(store: Store) -> list[dict[str, Any]]:
    """Every stored document's id, text and metadata, with the coders of its events.

    Examples
    --------
    >>> s = open_store("sqlite://")
    >>> stored_documents(s)
    []
    >>> s.close()
    """
    cols = ("id", "text", "source", "title", "outlet", "author", "url", "date", "format")
    with store.sessions() as s:
        docs = [
            dict(zip(cols, r, strict=True))
            for r in s.execute(select(*(getattr(DocumentRow, c) for c in cols)))
        ]
        coders: dict[int, set[str]] = {}
        for doc_id, coder in s.execute(select(EventRow.document_id, EventRow.coder).distinct()):
            coders.setdefault(int(doc_id), set()).add(coder)
    return [d | {"coders": sorted(coders.get(d["id"], set()))} for d in docs]


def recode_document(
    store: Store, document_id: int, doc: ExtractedDocument, version: str, coder: str
) -> None:
    """Replace a stored document's evidence by ``doc``'s, in ONE transaction.

    The document row keeps its id and metadata; its sentences, mentions, events, claims,
    figures and stances are deleted and written again from ``doc`` (extracted from the stored
    text), so every event of the document carries ``coder``.

    Raises
    ------
    StoreError
        When the document is not stored or the database refuses the write (rolled back).
    """
    try:
        with store.session() as s:
            row = s.get(DocumentRow, document_id)
            if row is None:
                raise StoreError(f"no stored document with id {document_id}")
            for model in (StanceRow, FigureRow, ClaimRow, EventRow, MentionRow, SentenceRow):
                s.execute(delete(model).where(model.document_id == document_id))
            row.n_sentences, row.n_mentions = len(doc.sentences), len(doc.mentions)
            row.n_events, row.n_claims = len(doc.events), len(doc.claims)
            row.n_figures, row.extractor_version = len(doc.figures), version
            s.flush()
            sid = _save_sentences(s, doc, row.id)
            for model, rows in _evidence_rows(doc, row, sid, version, coder):
                _bulk(s, model, rows)
    except OperationalError as exc:
        raise StoreError(
            f"re-coding document {document_id} failed and was rolled back: "
            f"{str(exc).splitlines()[0]}"
        ) from exc


def count_rows(store: Store) -> dict[str, int]:
    """Number of rows in every table of the store."""
    with store.sessions() as s:
        return {
            name: int(s.scalar(select(func.count()).select_from(cls)) or 0)
            for name, cls in _TABLES.items()
        }


def check_consistency(store: Store) -> list[str]:
    """Problems that would show a half-written document (empty list when consistent).

    Every document's stored counts must equal the rows that point at it, and every evidence span
    must lie inside its document's text.
    """
    problems: list[str] = []
    with store.sessions() as s:
        docs = s.execute(
            select(
                DocumentRow.id,
                DocumentRow.n_sentences,
                DocumentRow.n_mentions,
                DocumentRow.n_events,
                DocumentRow.n_claims,
                DocumentRow.n_figures,
                func.length(DocumentRow.text),
            )
        ).all()
        counts: dict[str, dict[int, int]] = {}
        for name, cls in (
            ("sentences", SentenceRow),
            ("mentions", MentionRow),
            ("events", EventRow),
            ("claims", ClaimRow),
            ("figures", FigureRow),
        ):
            counts[name] = {
                int(d): int(n)
                for d, n in s.execute(
                    select(cls.document_id, func.count()).group_by(cls.document_id)
                ).all()
            }
        doc_ids = set()
        for did, ns, nm, ne, nc, nf, length in docs:
            doc_ids.add(did)
            for name, want in (
                ("sentences", ns),
                ("mentions", nm),
                ("events", ne),
                ("claims", nc),
                ("figures", nf),
            ):
                got = counts[name].get(did, 0)
                if got != want:
                    problems.append(f"document {did}: {got} {name} stored, {want} expected")
            bad = s.scalar(
                select(func.count())
                .select_from(SentenceRow)
                .where(SentenceRow.document_id == did, SentenceRow.end > length)
            )
            if bad:
                problems.append(f"document {did}: {bad} sentence spans beyond the text")
        for name, per in counts.items():
            orphans = set(per) - doc_ids
            if orphans:
                problems.append(f"{name} rows point at missing documents {sorted(orphans)}")
    return problems

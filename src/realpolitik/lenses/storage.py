"""Durable lens definitions: a ``lenses`` table in the evidence store.

The table is created by the store's Alembic revision ``0002`` (after the ingestion layer's
``0001``), which :func:`~realpolitik.store.open_store` applies; :func:`ensure_table` also
creates it for a store opened with ``migrate=False``. The table holds only the lens name, its
definition (JSON) and the creation time.

Examples
--------
>>> from realpolitik.store import open_store
>>> from realpolitik.lenses.spec import Lens
>>> store = open_store("sqlite://")
>>> save_lens(store, Lens("demo", sources=("1",)), created="2025-01-01T00:00:00Z")
>>> [lens.name for lens in list_lenses(store)]
['demo']
>>> get_lens(store, "demo").sources
('1',)
>>> store.close()
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table, delete, select
from sqlalchemy.exc import SQLAlchemyError

from realpolitik.errors import InputError, StoreError
from realpolitik.lenses.spec import Lens
from realpolitik.store.repository import Store
from realpolitik.store.schema import LensRow

__all__ = ["LensRow", "delete_lens", "ensure_table", "get_lens", "list_lenses", "save_lens"]


def ensure_table(store: Store) -> None:
    """Create the ``lenses`` table when it is missing (idempotent; for stores opened without
    migrations, since revision ``0002`` creates it otherwise)."""
    try:
        cast(Table, LensRow.__table__).create(store.engine, checkfirst=True)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot create the lenses table in {store.url}: {exc}") from exc


def save_lens(store: Store, lens: Lens, *, created: str, replace: bool = False) -> None:
    """Store ``lens``; ``InputError`` if the name is taken and ``replace`` is false."""
    ensure_table(store)
    with store.session() as s:
        row = s.get(LensRow, lens.name)
        if row is not None and not replace:
            raise InputError(
                f"a lens named {lens.name!r} already exists; choose another name or pass --replace"
            )
        if row is None:
            s.add(LensRow(name=lens.name, spec=lens.as_dict(), created=created, note=lens.note))
        else:
            row.spec = lens.as_dict()
            row.created = created
            row.note = lens.note


def get_lens(store: Store, name: str) -> Lens:
    """The stored lens ``name``; ``InputError`` naming the known lenses when it is missing."""
    ensure_table(store)
    with store.sessions() as s:
        row = s.get(LensRow, name)
        if row is None:
            known = [r for r in s.scalars(select(LensRow.name).order_by(LensRow.name))]
            hint = (
                ", ".join(known) if known else "none yet; create one with `realpolitik lens create`"
            )
            raise InputError(f"no lens named {name!r} in {store.url} (lenses: {hint})")
        return Lens.from_dict(dict(row.spec))


def list_lenses(store: Store) -> list[Lens]:
    """All stored lenses, by name."""
    ensure_table(store)
    with store.sessions() as s:
        return [
            Lens.from_dict(dict(r.spec)) for r in s.scalars(select(LensRow).order_by(LensRow.name))
        ]


def delete_lens(store: Store, name: str) -> bool:
    """Remove lens ``name``; whether it existed."""
    ensure_table(store)
    with store.session() as s:
        existed = s.get(LensRow, name) is not None
        s.execute(delete(LensRow).where(LensRow.name == name))
    return existed

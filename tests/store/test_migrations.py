"""The store's Alembic chain: one head, and a fresh store has every table, lenses included."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic.config import Config
from alembic.script import ScriptDirectory

import realpolitik.store
from realpolitik.store import open_store


def test_single_head_and_all_tables(tmp_path: Path) -> None:
    cfg = Config()
    cfg.set_main_option(
        "script_location", str(Path(realpolitik.store.__file__).parent / "migrations")
    )
    assert len(ScriptDirectory.from_config(cfg).get_heads()) == 1
    store = open_store(f"sqlite:///{tmp_path / 'ev.sqlite'}")
    try:
        tables = set(sa.inspect(store.engine).get_table_names())
    finally:
        store.close()
    assert {"documents", "sentences", "events", "claims", "figures", "lenses"} <= tables


def test_migrations_and_orm_models_describe_the_same_schema(db_url: str) -> None:
    """Autogenerate against a freshly migrated database finds nothing to add, drop or alter:
    the Alembic chain and ``store/schema.py`` agree (types, nullability, indexes, lenses too)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from realpolitik.store.schema import Base

    store = open_store(db_url)
    try:
        with store.engine.connect() as conn:
            ctx = MigrationContext.configure(
                conn, opts={"compare_type": True, "compare_server_default": False}
            )
            diff = compare_metadata(ctx, Base.metadata)
    finally:
        store.close()
    assert diff == []


def test_compare_metadata_sees_a_missing_column(tmp_path: Path) -> None:
    """The check above can fail: a model column the migrations never made is reported."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from realpolitik.store.schema import Base

    store = open_store(f"sqlite:///{tmp_path / 'ev.sqlite'}")
    meta = sa.MetaData()
    for table in Base.metadata.tables.values():
        table.to_metadata(meta)
    meta.tables["documents"].append_column(sa.Column("extra", sa.Integer))
    try:
        with store.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), meta)
    finally:
        store.close()
    assert [d[0] for d in diff] == ["add_column"]

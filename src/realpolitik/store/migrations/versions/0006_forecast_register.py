"""The forecast register: ``forecast_runs`` and ``forecasts``, immutable by trigger.

Every forecast the project issues is kept, never rewritten: triggers refuse UPDATE and DELETE
(and, on PostgreSQL, TRUNCATE) of both tables, so a rerun adds a new run. Dropping the tables
(``downgrade``) is the only way to remove them.

Revision ID: 0006
Revises: 0003 (the lead re-chains 0004-0006 at merge)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_TABLES = ("forecast_runs", "forecasts")
_MESSAGE = "the forecast register is immutable: a forecast is never rewritten; add a new run"
_PG_FUNCTION = "realpolitik_forecast_register_immutable"


def _create_tables() -> None:
    op.create_table(
        "forecast_runs",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("command", sa.String(32), nullable=False),
        sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("seed", sa.BigInteger, nullable=True),
        sa.Column("code_version", sa.String(64), nullable=False),
        sa.Column("data_hash", sa.String(64), nullable=False),
        sa.Column("provenance", sa.JSON, nullable=False),
        sa.Column("n_forecasts", sa.Integer, nullable=False),
    )
    op.create_index("ix_forecast_runs_kind", "forecast_runs", ["kind"])
    op.create_table(
        "forecasts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("run_id", sa.String(32), sa.ForeignKey("forecast_runs.id"), nullable=False),
        sa.Column("model", sa.String(64), nullable=False),
        sa.Column("question", sa.String(16), nullable=False),
        sa.Column("a", sa.String(16), nullable=True),
        sa.Column("b", sa.String(16), nullable=True),
        sa.Column("outcome", sa.String(64), nullable=True),
        sa.Column("region", sa.String(32), nullable=False),
        sa.Column("issued", sa.Date, nullable=False),
        sa.Column("target", sa.Date, nullable=False),
        sa.Column("horizon", sa.Integer, nullable=False),
        sa.Column("p", sa.Float, nullable=False),
        sa.Column("p_low", sa.Float, nullable=True),
        sa.Column("p_high", sa.Float, nullable=True),
    )
    op.create_index("ix_forecasts_run_id", "forecasts", ["run_id"])
    op.create_index("ix_forecasts_target", "forecasts", ["target"])


def _sqlite_guards() -> None:
    for table in _TABLES:
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END"
            )


def _postgresql_guards() -> None:
    op.execute(
        f"CREATE OR REPLACE FUNCTION {_PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN RAISE EXCEPTION '{_MESSAGE} (% on %)', TG_OP, TG_TABLE_NAME; END $$"
    )
    for table in _TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {_PG_FUNCTION}()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {_PG_FUNCTION}()"
        )


def upgrade() -> None:
    _create_tables()
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _sqlite_guards()
    elif dialect == "postgresql":
        _postgresql_guards()


def downgrade() -> None:
    op.drop_table("forecasts")
    op.drop_table("forecast_runs")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP FUNCTION IF EXISTS {_PG_FUNCTION}()")

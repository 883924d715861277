"""Relation series (per pair and period, linked to events) and documents' ``date_source``.

See :mod:`realpolitik.evidence.series`. Existing documents get ``date_source`` ``metadata``
when they carry a date (its origin was not recorded) and ``unknown`` otherwise.

Revision ID: 0005
Revises: 0003 (the lead re-chains 0004/0005/0006 at merge)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(
            sa.Column("date_source", sa.String(16), nullable=False, server_default="unknown")
        )
    documents = sa.table("documents", sa.column("date"), sa.column("date_source"))
    op.get_bind().execute(
        documents.update().where(documents.c.date != "").values(date_source="metadata")
    )
    op.create_table(
        "relation_series",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("a", sa.String(16), nullable=False),
        sa.Column("b", sa.String(16), nullable=False),
        sa.Column("period_kind", sa.String(8), nullable=False),
        sa.Column("period", sa.String(16), nullable=False),
        sa.Column("start", sa.Date, nullable=False),
        sa.Column("events", sa.Integer, nullable=False),
        sa.Column("tone", sa.Float, nullable=False),
        sa.Column("weight", sa.Float, nullable=False),
        sa.Column("documents", sa.Integer, nullable=False),
        sa.Column("counts", sa.JSON, nullable=False),
        sa.Column("quads", sa.JSON, nullable=False),
    )
    op.create_index(
        "ix_relation_series_key",
        "relation_series",
        ["a", "b", "period_kind", "period"],
        unique=True,
    )
    op.create_index("ix_relation_series_start", "relation_series", ["start"])
    op.create_table(
        "relation_series_links",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "series_id",
            sa.Integer,
            sa.ForeignKey("relation_series.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("sentence_id", sa.Integer, nullable=False),
        sa.Column("document_id", sa.Integer, nullable=False),
        sa.Column("counted", sa.Boolean, nullable=False),
    )
    op.create_index("ix_relation_series_links_series_id", "relation_series_links", ["series_id"])
    op.create_index(
        "ix_relation_series_links_document_id", "relation_series_links", ["document_id"]
    )


def downgrade() -> None:
    op.drop_table("relation_series_links")
    op.drop_table("relation_series")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("date_source")

"""Documents get ``day``: the first day of the period their ``date`` text names, as a DATE.

The since/until filters compare this real date instead of text (which depended on the
collation: ``date <= until || U+FFFF``). Existing rows are filled from ``date``.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from realpolitik.model.dates import period_start

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("day", sa.Date, nullable=True))
        batch.create_index("ix_documents_day", ["day"])
    documents = sa.table(
        "documents", sa.column("id", sa.Integer), sa.column("date"), sa.column("day", sa.Date)
    )
    bind = op.get_bind()
    rows = bind.execute(sa.select(documents.c.id, documents.c.date)).all()
    for doc_id, text in rows:
        day = period_start(text)
        if day is not None:
            bind.execute(documents.update().where(documents.c.id == doc_id).values(day=day))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_index("ix_documents_day")
        batch.drop_column("day")

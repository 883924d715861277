"""Events get ``coder``: the event coder and dictionary version that coded them.

``realpolitik evidence recode`` re-codes stored documents whose events another coder made, so
that no store mixes two coders' events. Rows stored before this revision get ``""`` (unknown
coder), which ``recode`` treats as another coder.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("coder", sa.String(64), nullable=False, server_default=""))
        batch.create_index("ix_events_coder", ["coder"])


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_index("ix_events_coder")
        batch.drop_column("coder")

"""The evidence store: SQLAlchemy 2 schema, Alembic migrations, repository and queries.

SQLite by default (``sqlite:///realpolitik.sqlite`` or ``$REALPOLITIK_DB``), PostgreSQL by URL.
"""

from __future__ import annotations

from realpolitik.store import queries, repository
from realpolitik.store.queries import *  # noqa: F403 - the names are listed in queries.__all__
from realpolitik.store.repository import *  # noqa: F403 - listed in repository.__all__

__all__: list[str] = []
__all__ += repository.__all__
__all__ += queries.__all__

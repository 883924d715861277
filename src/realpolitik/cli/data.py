"""CLI commands for the 'data' topic (registered by :mod:`realpolitik.cli`).

One module per command family: :mod:`realpolitik.cli.data_files` (``data check``,
``data export``) and :mod:`realpolitik.cli.data_browse` (``actors``, ``actor``, ``relations``,
``issues``).
"""

from __future__ import annotations

import typer

from realpolitik.cli import data_browse, data_files
from realpolitik.cli.data_browse import actor_detail

__all__ = ["actor_detail", "register"]


def register(app: typer.Typer) -> None:
    """Add this topic's commands to ``app`` (the read commands first, then ``data ...``)."""
    data_browse.register(app)
    data_files.register(app)

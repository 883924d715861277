"""The app's routes, one router per page group; :func:`realpolitik.web.app.create_app`
includes them all. Shared dependencies (state, settings, store, token) come from
:mod:`realpolitik.web.deps`.
"""

from __future__ import annotations

from fastapi import APIRouter

__all__ = ["all_routers"]


def all_routers() -> list[APIRouter]:
    """Every router of the app, in inclusion order."""
    from realpolitik.web.routers import (
        answer,
        claims,
        docs,
        ingest,
        lab,
        meta,
        network,
        news,
        overview,
        perspectives,
        sources,
        track_record,
    )

    return [
        meta.router,
        overview.router,
        answer.router,
        network.router,
        lab.router,
        claims.router,
        perspectives.router,
        sources.router,
        ingest.router,
        docs.router,
        track_record.router,
        news.router,
    ]

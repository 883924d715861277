"""The app's routes, one router per page group, and the navigation bar.

Adding a page (other helpers): write ``routers/<name>.py`` with a module-level
``router = APIRouter()`` and its template, add the module name to :data:`PAGE_MODULES`, and,
for a page in the navigation bar, a row to :data:`NAV`. Data that takes more than a moment
to compute is registered as a background data set (:mod:`realpolitik.web.background`) and
the page declares ``dependencies=[Depends(needs("name"))]`` (:func:`realpolitik.web.deps.
needs`): it then answers at once with progress and fills in when ready. Shared dependencies
(state, settings, store, token) come from :mod:`realpolitik.web.deps`.
"""

from __future__ import annotations

from importlib import import_module

from fastapi import APIRouter

__all__ = ["NAV", "PAGE_MODULES", "all_routers", "nav_links"]

PAGE_MODULES: tuple[str, ...] = (
    "meta",
    "overview",
    "answer",
    "network",
    "lab",
    "claims",
    "perspectives",
    "sources",
    "ingest",
    "docs",
    "track_record",
    "news",
)
"""Router modules under ``realpolitik.web.routers``, in inclusion order."""

NAV: tuple[tuple[str, str, str], ...] = (
    ("/", "overview", "overview"),
    ("/answer", "answer", "what it rests on"),
    ("/network", "network", "network"),
    ("/lab", "lab", "scenario lab"),
    ("/claims", "claims", "claims"),
    ("/perspectives", "perspectives", "perspectives"),
    ("/sources", "sources", "sources"),
    ("/ingest", "ingest", "ingest"),
)
"""The navigation bar: (address, template name marking it current, label)."""


def nav_links() -> tuple[tuple[str, str, str], ...]:
    """The navigation bar's links (:data:`NAV`)."""
    return NAV


def all_routers() -> list[APIRouter]:
    """Every router of the app, in inclusion order (:data:`PAGE_MODULES`)."""
    return [import_module(f"{__name__}.{m}").router for m in PAGE_MODULES]

"""The dashboard's perspectives: lens comparisons over the app's store, cached in its state.

:func:`comparison` resolves the lenses (default: every lens in the store), checks the request
(HTTP 404 for an unknown lens or an empty store, 422 for too many lenses, 503 without a
store), runs :func:`realpolitik.report.perspectives.compare_store_lenses` once per
(lenses, members, store fingerprint) and keeps the result in the app's shared LRU cache
(:attr:`realpolitik.web.state.WebState.cache`, keys starting with ``"perspectives"``). The
fingerprint (the lens definitions and the documents' count and largest id) makes a cached
comparison stale as soon as a lens is replaced or a document is ingested.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from fastapi import HTTPException

from realpolitik.errors import InputError, RealpolitikError
from realpolitik.report.perspectives import LENS_HINT, MAX_LENSES, compare_store_lenses
from realpolitik.web.background import NotReady

if TYPE_CHECKING:
    from realpolitik.store.repository import Store
    from realpolitik.web.state import WebState

__all__ = ["DEFAULT_MEMBERS", "MAX_MEMBERS", "comparison", "stored_lenses"]

DEFAULT_MEMBERS = 200
"""Members per ensemble of a comparison when the request names none."""

MAX_MEMBERS = 2000
"""Largest ensemble of a comparison (it runs every scenario under every lens)."""


def stored_lenses(store: Store) -> list[dict[str, Any]]:
    """Every lens in ``store`` as ``{"name", "describe", "note"}``."""
    from realpolitik.lenses.storage import list_lenses

    return [{"name": x.name, "describe": x.describe(), "note": x.note} for x in list_lenses(store)]


def _fingerprint(store: Store, names: Sequence[str]) -> str:
    from sqlalchemy import func, select

    from realpolitik.lenses.storage import list_lenses
    from realpolitik.store.schema import DocumentRow

    specs = {x.name: x.as_dict() for x in list_lenses(store) if x.name in set(names)}
    with store.sessions() as s:
        count, top = s.execute(select(func.count(DocumentRow.id), func.max(DocumentRow.id))).one()
    return json.dumps([specs, count, top], sort_keys=True, default=str)


def comparison(
    state: WebState, names: Sequence[str], members: int, *, wait: bool = True
) -> dict[str, Any]:
    """The comparison of ``names`` (default: every stored lens) with ``members`` members,
    from the cache or computed now (seconds; see :mod:`realpolitik.lenses.compare`).

    Raises
    ------
    HTTPException
        503 without a store; 404 when the store has no lens or a named lens is unknown;
        422 for more than :data:`MAX_LENSES` lenses or a lens named ``baseline``.
    """
    store = state.store
    if store is None:
        raise HTTPException(503, f"evidence store unavailable: {state.store_error}")
    wanted = list(dict.fromkeys(n for n in names if n))
    if len(wanted) > MAX_LENSES:
        raise HTTPException(422, f"lens: at most {MAX_LENSES} lenses per comparison")
    if "baseline" in wanted:
        raise HTTPException(422, "lens: 'baseline' is always compared; name stored lenses only")
    try:
        known = [x["name"] for x in stored_lenses(store)]
    except RealpolitikError as exc:
        raise HTTPException(503, str(exc)) from exc
    if not wanted:
        if not known:
            raise HTTPException(404, f"no lenses in the evidence store: {LENS_HINT}")
        wanted = known[:MAX_LENSES]
    missing = [n for n in wanted if n not in known]
    if missing:
        raise HTTPException(
            404, f"no lens named {missing[0]!r} (lenses: {', '.join(known) or 'none'})"
        )
    key = ("perspectives", tuple(wanted), members, _fingerprint(store, wanted))

    def compute() -> dict[str, Any]:
        try:
            return compare_store_lenses(store, state.dataset, wanted, members=members)
        except InputError as exc:
            raise HTTPException(422, str(exc)) from exc
        except RealpolitikError as exc:
            raise HTTPException(503, str(exc)) from exc

    bg = state.background
    if not wait and bg is not None and state.cache.get(key) is None:
        # The page answers at once with progress; the comparison runs on its own thread and
        # lands in the cache, where the reloaded page finds it.
        name = "~perspectives-" + hashlib.sha256(repr(key).encode()).hexdigest()[:12]
        entry = bg.run_later(
            name,
            f"comparing {', '.join(wanted)} at {members} members",
            lambda: state.cache.get_or_compute(key, compute),
        )
        if entry.status == "error":
            bg.forget(name)  # computed again below, in the request: its error is shown
        elif entry.status != "ready":
            raise NotReady([name])
    # One computation per key: a second request for the same comparison waits for the first.
    return state.cache.get_or_compute(key, compute)

"""The one entry point from the store to the engines: :func:`as_of_system`.

It reads the evidence (:mod:`realpolitik.evidence.store`) and hands plain records to the pure
builder (:func:`realpolitik.evidence.asof.build_as_of_system`), which returns the engines'
:class:`~realpolitik.scenarios.state.System`; no engine reads the store.

Examples
--------
>>> from realpolitik.store import open_store
>>> store = open_store("sqlite://")
>>> res = as_of_system(store, "2023-06-30")
>>> res.as_of.isoformat(), res.changed(), res.system.base_year
('2023-06-30', [], 2023)
>>> pair_series(store, "CHN", "PHL", "2023-06-30")["current"]
{'tone': 0.0, 'weight': 0.0, 'documents': 0}
>>> store.close()
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from realpolitik.errors import InputError
from realpolitik.evidence.asof import AsOfSystem, build_as_of_system
from realpolitik.evidence.series import Period, pair_states, relation_series
from realpolitik.evidence.store import load_events
from realpolitik.model.dataset import Dataset
from realpolitik.model.dates import period_bounds
from realpolitik.store.repository import Store, open_store

__all__ = ["as_of_system", "evidence_summary", "pair_series", "parse_as_of"]


def parse_as_of(text: str | date) -> date:
    """The as-of day: ``YYYY-MM-DD`` (``YYYY-MM`` or ``YYYY``: the period's last day).

    Raises
    ------
    InputError
        When ``text`` is not such a date.

    Examples
    --------
    >>> parse_as_of("2023-06"), parse_as_of("2024-02-29")
    (datetime.date(2023, 6, 30), datetime.date(2024, 2, 29))
    """
    if isinstance(text, date):
        return text
    try:
        return period_bounds(text)[1]
    except ValueError:
        raise InputError(f"--as-of {text!r}: use an ISO date YYYY-MM-DD") from None


def _open(where: Store | str | None) -> tuple[Store, bool]:
    if isinstance(where, Store):
        return where, False
    return open_store(where), True


def as_of_system(
    where: Store | str | None,
    as_of: str | date,
    *,
    dataset: Dataset | None = None,
    actors: Sequence[str] | None = None,
    documents: Iterable[int] | None = None,
    outlet_weights: Mapping[str, float] | None = None,
    exclude_documents: Iterable[int] = (),
) -> AsOfSystem:
    """The system at ``as_of``: built-in data and evidence dated up to it.

    Parameters
    ----------
    where : Store, URL or None
        The evidence store (``None``: ``$REALPOLITIK_DB`` or ``./realpolitik.sqlite``).
    as_of : str or date
    dataset : Dataset, optional
        Default: the built-in ``east-asia-2025``.
    actors : sequence of str, optional
    documents : iterable of int, optional
        Only these documents speak (a lens's selection,
        :func:`realpolitik.lenses.evidence.select_documents`: a filter over the same evidence).
    outlet_weights : mapping, optional
        ``outlet -> weight in [0, 1]`` (0 excludes).
    exclude_documents : iterable of int
        Documents left out.

    Raises
    ------
    InputError, StoreError
        Bad date, unreachable store.
    """
    day = parse_as_of(as_of)
    store, owned = _open(where)
    try:
        events = load_events(store, until=day, documents=documents, outlet_weights=outlet_weights)
    finally:
        if owned:
            store.close()
    if dataset is None:
        from realpolitik.data import load_dataset

        dataset = load_dataset()
    return build_as_of_system(
        dataset, events, day, actors=actors, exclude_documents=exclude_documents
    )


def pair_series(
    where: Store | str | None,
    a: str,
    b: str,
    as_of: str | date | None = None,
    period: Period = "month",
    *,
    outlet_weights: Mapping[str, float] | None = None,
) -> dict[str, Any]:
    """The ``evidence series`` contract: the pair's points and its current state at ``as_of``.

    ``as_of`` defaults to today; nothing dated after it is read.
    """
    day = parse_as_of(as_of) if as_of else date.today()
    store, owned = _open(where)
    try:
        events = load_events(store, until=day, outlet_weights=outlet_weights)
    finally:
        if owned:
            store.close()
    pair = (a, b) if a <= b else (b, a)
    mine = [e for e in events if e.pair == pair]
    points = [
        {
            "period": p.period,
            "events": p.events,
            "tone": p.tone,
            "weight": p.weight,
            "documents": p.documents,
            "counts": p.counts,
            "quads": p.quads,
        }
        for p in relation_series(mine, period)
    ]
    st = pair_states(mine, day).get(pair)
    current = (
        {"tone": st.tone, "weight": st.weight, "documents": st.documents}
        if st is not None
        else {"tone": 0.0, "weight": 0.0, "documents": 0}
    )
    return {"pair": [a, b], "as_of": day.isoformat(), "points": points, "current": current}


def evidence_summary(res: AsOfSystem) -> dict[str, Any]:
    """The ``evidence`` key of ``summary.json`` (``run --db URL --as-of DATE``)."""
    return {
        "as_of": res.as_of.isoformat(),
        "documents": len(res.documents),
        "events": res.n_events,
        "changed": [
            {k: row[k] for k in ("a", "b", "before", "after", "documents")} for row in res.changed()
        ],
    }

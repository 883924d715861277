"""The register's scores: resolve what is due, score it per kind, model and horizon.

:func:`score_register` is what ``realpolitik forecasts score`` prints; :func:`track_record`
keeps only ``live`` forecasts (issued about the future), the project's track record, which the
report and the dashboard show beside the answer. Backtest and retrospective forecasts are
scored per kind and never mixed into it.

Examples
--------
>>> from datetime import date
>>> from realpolitik.store import open_store
>>> store = open_store("sqlite://")
>>> score_register(store, as_of=date(2026, 1, 1))
{'resolved': 0, 'pending': 0, 'scores': []}
>>> store.close()
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from typing import Any

import pandas as pd

from realpolitik.forecasting.register import StoreLike, forecasts_frame, list_runs, opened
from realpolitik.forecasting.resolve import OutcomeRule, Truth, default_truth, resolve_forecasts
from realpolitik.forecasting.scoring import score_table

__all__ = [
    "SCORE_KEYS",
    "pending_reasons",
    "resolve_register",
    "score_register",
    "score_resolved",
    "track_record",
]

SCORE_KEYS = ("kind", "model", "horizon")
"""The group keys of the register's score table."""


def _today() -> date:
    return datetime.now(UTC).date()


def resolve_register(
    store: StoreLike,
    as_of: date | None = None,
    run: str | None = None,
    kind: str | None = None,
    truth: Truth = default_truth,
    rules: Mapping[str, OutcomeRule] | None = None,
    today: Callable[[], date] = _today,
) -> pd.DataFrame:
    """The register's forecasts (all, one ``run`` or one ``kind``) with their resolution as of
    ``as_of`` (default today): ``y``, ``status`` and ``reason``
    (:func:`~realpolitik.forecasting.resolve.resolve_forecasts`)."""
    frame = forecasts_frame(store, run=run, kind=kind)
    return resolve_forecasts(frame, as_of or today(), truth=truth, rules=rules)


def pending_reasons(resolved: pd.DataFrame) -> list[dict[str, Any]]:
    """Why the pending forecasts of ``resolved`` (:func:`resolve_register`) are pending:
    ``[{"reason", "n", "outcomes"}]``, most frequent first; ``outcomes`` lists the outcome
    questions pending for that reason (empty for pairs).

    Examples
    --------
    >>> f = pd.DataFrame({"status": ["pending", "pending", "resolved"],
    ...                   "reason": ["not due", "not due", ""],
    ...                   "outcome": ["regional_stability", None, None]})
    >>> pending_reasons(f)
    [{'reason': 'not due', 'n': 2, 'outcomes': ['regional_stability']}]
    """
    pending = resolved[resolved["status"] == "pending"]
    out = [
        {
            "reason": str(reason),
            "n": len(rows),
            "outcomes": sorted(str(o) for o in rows["outcome"].dropna().unique()),
        }
        for reason, rows in pending.groupby("reason", sort=False)
    ]
    return sorted(out, key=lambda r: -int(r["n"]))


def score_register(
    store: StoreLike,
    as_of: date | None = None,
    run: str | None = None,
    kind: str | None = None,
    truth: Truth = default_truth,
    rules: Mapping[str, OutcomeRule] | None = None,
    today: Callable[[], date] = _today,
) -> dict[str, Any]:
    """Resolve every forecast due by ``as_of`` and score the resolved ones.

    Parameters
    ----------
    store : Store or str
        The store, or its URL.
    as_of : datetime.date, optional
        Resolve forecasts whose target date is on or before it (default today).
    run, kind : str, optional
        Only this run (id or unique prefix) or this kind of run.
    truth, rules
        The measured alignment and the outcome rules
        (:func:`realpolitik.forecasting.resolve.resolve_forecasts`).
    today : callable
        The clock.

    Returns
    -------
    dict
        ``{"resolved": int, "pending": int, "scores": [{"kind", "model", "horizon", "n",
        "brier", "log_score"}]}``, scores sorted by kind, model and horizon.
    """
    resolved = resolve_register(store, as_of, run, kind, truth, rules, today)
    return score_resolved(resolved)


def score_resolved(resolved: pd.DataFrame) -> dict[str, Any]:
    """The score table of resolved forecasts (:func:`resolve_register`), as
    :func:`score_register` returns it."""
    done = resolved[resolved["status"] == "resolved"]
    table = score_table(done, by=SCORE_KEYS)
    scores = [
        {
            "kind": str(r["kind"]),
            "model": str(r["model"]),
            "horizon": int(r["horizon"]),
            "n": int(r["n"]),
            "brier": float(r["brier"]),
            "log_score": float(r["log_score"]),
        }
        for r in table.to_dict("records")
    ]
    return {"resolved": len(done), "pending": len(resolved) - len(done), "scores": scores}


def track_record(
    store: StoreLike,
    as_of: date | None = None,
    truth: Truth = default_truth,
    today: Callable[[], date] = _today,
) -> dict[str, Any]:
    """The project's track record: the scores of its resolved ``live`` forecasts.

    Returns
    -------
    dict
        :func:`score_register` of the live runs, plus ``runs`` (how many live runs the
        register holds) and ``as_of`` (ISO date).

    Examples
    --------
    >>> from realpolitik.store import open_store
    >>> store = open_store("sqlite://")
    >>> track_record(store, as_of=date(2026, 1, 1))["runs"]
    0
    >>> store.close()
    """
    day = as_of or today()
    with opened(store) as st:
        out = score_register(st, as_of=day, kind="live", truth=truth)
        out["runs"] = len(list_runs(st, kind="live"))
    out["as_of"] = day.isoformat()
    return out

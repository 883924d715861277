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

from realpolitik.forecasting.register import StoreLike, forecasts_frame, list_runs, opened
from realpolitik.forecasting.resolve import OutcomeRule, Truth, default_truth, resolve_forecasts
from realpolitik.forecasting.scoring import score_table

__all__ = ["SCORE_KEYS", "score_register", "track_record"]

SCORE_KEYS = ("kind", "model", "horizon")
"""The group keys of the register's score table."""


def _today() -> date:
    return datetime.now(UTC).date()


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
    frame = forecasts_frame(store, run=run, kind=kind)
    resolved = resolve_forecasts(frame, as_of or today(), truth=truth, rules=rules)
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

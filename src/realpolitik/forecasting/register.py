"""The forecast register: every forecast the project issues, kept immutable in the store.

A *run* is one command's output (``run``, ``simulate``, ``forecast``, ``backtest``): its id,
creation time, kind, issue date (``as_of``), seed, code version and data hash. A *forecast* is
one probability, with its interval where the model gives one, that a question resolves yes at a
target date:

* ``pair``: players ``a < b`` (ISO3) are on the same side of the measured alignment
  (:mod:`realpolitik.forecasting.resolve`);
* ``outcome``: an outcome of the catalogue (or a contender of the headline question) happens,
  by the outcome's own resolution rule.

Runs have a kind: ``live`` (issued about the future), ``backtest`` (issued as of a past base
year from data up to it) or ``retrospective`` (an as-of run dated in the past). This module
only inserts and reads; the store's triggers (migration ``0006``) refuse any UPDATE or DELETE,
so a forecast is never rewritten and a rerun adds a new run.

Examples
--------
>>> import pandas as pd
>>> from datetime import date
>>> from realpolitik.store import open_store
>>> store = open_store("sqlite://")
>>> f = pd.DataFrame({"model": ["landscape"], "question": ["pair"], "a": ["JPN"],
...                   "b": ["CHN"], "target": [date(2030, 12, 31)], "p": [0.2]})
>>> run = record_run(store, f, as_of=date(2025, 12, 31), command="doctest",
...                  today=lambda: date(2025, 12, 31))
>>> info = get_run(store, run)
>>> info.kind, info.n_forecasts
('live', 1)
>>> forecasts_frame(store)[["a", "b", "horizon", "p"]].values.tolist()
[['CHN', 'JPN', 5, 0.2]]
>>> store.close()
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Table, insert, select
from sqlalchemy.exc import SQLAlchemyError

from realpolitik.errors import InputError, StoreError
from realpolitik.forecasting.provenance import (
    code_version,
    combined_hash,
    data_hashes,
    evidence_watermark,
)
from realpolitik.store.repository import Store, open_store
from realpolitik.store.schema import ForecastRow, ForecastRunRow

__all__ = [
    "BACKTEST_COLUMNS",
    "FORECAST_COLUMNS",
    "KINDS",
    "QUESTIONS",
    "RunInfo",
    "StoreLike",
    "export_forecasts",
    "forecasts_frame",
    "get_run",
    "list_runs",
    "opened",
    "record_backtest",
    "record_run",
    "run_kind",
]

KINDS = ("backtest", "live", "retrospective")
"""The kinds of run; only ``live`` forecasts make the track record."""

QUESTIONS = ("outcome", "pair")
"""The kinds of question a forecast answers."""

FORECAST_COLUMNS = (
    "model",
    "question",
    "a",
    "b",
    "outcome",
    "region",
    "issued",
    "target",
    "horizon",
    "p",
    "p_low",
    "p_high",
)
"""The columns of a forecast (``record_run`` needs ``model, question, target, p``)."""

BACKTEST_COLUMNS = ("base", "horizon", "region", "model", "a", "b", "p")
"""The columns :func:`record_backtest` needs."""

_REQUIRED = ("model", "question", "target", "p")

StoreLike = Store | str
"""An open store, or the URL of one."""


@contextmanager
def opened(store: StoreLike) -> Iterator[Store]:
    """``store`` itself, or the store at that URL, opened for the block and closed after."""
    if isinstance(store, Store):
        yield store
        return
    opened = open_store(store)
    try:
        yield opened
    finally:
        opened.close()


@dataclass(frozen=True)
class RunInfo:
    """One run of the register, as stored."""

    id: str
    created_at: str
    kind: str
    command: str
    as_of: date
    seed: int | None
    code_version: str
    data_hash: str
    provenance: dict[str, Any]
    n_forecasts: int

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready dict (the date as ISO text)."""
        out = asdict(self)
        out["as_of"] = self.as_of.isoformat()
        return out


def run_kind(as_of: date | None, today: date) -> str:
    """``retrospective`` for an issue date before ``today``, else ``live``.

    Examples
    --------
    >>> run_kind(date(2020, 1, 1), date(2026, 1, 1)), run_kind(None, date(2026, 1, 1))
    ('retrospective', 'live')
    """
    return "retrospective" if as_of is not None and as_of < today else "live"


def _problem(rows: pd.DataFrame, field: str, what: str, fix: str) -> InputError:
    where = ", ".join(str(int(i) + 1) for i in rows.index[:5])
    more = f" and {len(rows) - 5} more" if len(rows) > 5 else ""
    return InputError(f"forecast rows {where}{more}, field {field!r}: {what}; {fix}")


def _as_dates(col: pd.Series, field: str) -> pd.Series:
    try:
        parsed = pd.to_datetime(col, errors="raise")
    except (ValueError, TypeError) as exc:
        raise InputError(
            f"forecast field {field!r}: {exc}; give dates as YYYY-MM-DD or datetime.date"
        ) from exc
    return parsed.dt.date


def _check_values(f: pd.DataFrame) -> None:
    """Raise :class:`InputError` naming the first bad rows of ``f`` (normalised already)."""
    checks: list[tuple[pd.Series, str, str, str]] = [
        (~f["question"].isin(QUESTIONS), "question", "unknown kind", f"use one of {QUESTIONS}"),
        (f["model"].fillna("").eq(""), "model", "empty", "name the model that made it"),
        (~f["p"].between(0.0, 1.0), "p", "not a probability", "give a number in [0, 1]"),
        (
            (f["question"] == "pair") & (f["a"].isna() | f["b"].isna() | (f["a"] == f["b"])),
            "a/b",
            "a pair question needs two different players",
            "give ISO3 codes in a and b",
        ),
        (
            (f["question"] == "outcome") & f["outcome"].fillna("").eq(""),
            "outcome",
            "an outcome question needs the outcome's id",
            "give the outcome column",
        ),
        (f["p_low"] > f["p"], "p_low", "above p", "give p_low <= p"),
        (f["p_high"] < f["p"], "p_high", "below p", "give p_high >= p"),
        (f["horizon"] < 0, "target", "before the issue date", "give target >= issued"),
    ]
    for bad, field, what, fix in checks:
        if bad.any():
            raise _problem(f[bad], field, what, fix)


def _normalised(forecasts: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """The forecasts with every column of :data:`FORECAST_COLUMNS`, checked and canonical
    (pairs ordered ``a < b``, defaults filled)."""
    missing = [c for c in _REQUIRED if c not in forecasts.columns]
    if missing:
        raise InputError(f"forecasts lack the columns {missing}; give at least {list(_REQUIRED)}")
    f = forecasts.reset_index(drop=True).copy()
    for col in ("a", "b", "outcome", "p_low", "p_high", "horizon"):
        if col not in f.columns:
            f[col] = None
    f["region"] = f["region"].fillna("").astype(str) if "region" in f.columns else ""
    f["issued"] = _as_dates(f["issued"], "issued") if "issued" in f.columns else as_of
    f["target"] = _as_dates(f["target"], "target")
    years = pd.Series([t.year - i.year for t, i in zip(f["target"], f["issued"], strict=True)])
    f["horizon"] = pd.to_numeric(f["horizon"]).fillna(years).astype(int)
    for col in ("p", "p_low", "p_high"):
        f[col] = pd.to_numeric(f[col], errors="coerce").astype(float)
    f["p"] = f["p"].fillna(-1.0)  # a missing p is reported as "not a probability"
    f.loc[[t < i for t, i in zip(f["target"], f["issued"], strict=True)], "horizon"] = -1
    swap = (f["question"] == "pair") & f["a"].notna() & f["b"].notna() & (f["a"] > f["b"])
    f.loc[swap, ["a", "b"]] = f.loc[swap, ["b", "a"]].to_numpy()
    _check_values(f)
    return f[list(FORECAST_COLUMNS)]


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


def _none(x: Any) -> Any:
    return None if x is None or (isinstance(x, float) and np.isnan(x)) else x


def _rows(run_id: str, f: pd.DataFrame) -> list[dict[str, Any]]:
    cols = list(FORECAST_COLUMNS)
    return [
        {"run_id": run_id, **{c: _none(v) for c, v in zip(cols, rec, strict=True)}}
        for rec in f.itertuples(index=False, name=None)
    ]


def _today() -> date:
    return datetime.now(UTC).date()


def record_run(
    store: StoreLike,
    forecasts: pd.DataFrame,
    *,
    kind: str | None = None,
    as_of: date | None = None,
    command: str = "",
    seed: int | None = None,
    data: str | Path | None = None,
    extra: dict[str, Any] | None = None,
    today: Callable[[], date] = _today,
) -> str:
    """Write one run and its forecasts, in one transaction; return the new run id.

    Parameters
    ----------
    store : Store or str
        The store, or its URL.
    forecasts : pandas.DataFrame
        One row per forecast; columns from :data:`FORECAST_COLUMNS`, at least ``model``,
        ``question``, ``target`` and ``p``. ``issued`` defaults to ``as_of``, ``horizon`` to
        the years between issue and target, ``region`` to empty. Pairs are stored ``a < b``.
    kind : str, optional
        One of :data:`KINDS`; default :func:`run_kind` of ``as_of``.
    as_of : datetime.date, optional
        The run's issue date (default today, or the latest ``issued`` of the forecasts).
    command : str
        The command that issued the forecasts.
    seed : int, optional
        The root seed.
    data : str or Path, optional
        The data-set folder used (hashed with the panel and the evidence watermark).
    extra : dict, optional
        Anything else worth keeping with the run (JSON-serialisable).
    today : callable
        The clock (injected in tests).

    Returns
    -------
    str
        The run id (32 hex digits).

    Raises
    ------
    InputError
        A forecast is invalid (the message names the rows and the field); nothing is written.
    StoreError
        The store refused the write; nothing is written.
    """
    now = today()
    if kind is not None and kind not in KINDS:
        raise InputError(f"unknown run kind {kind!r}; use one of {KINDS}")
    if as_of is None and "issued" in forecasts.columns and len(forecasts):
        as_of = max(_as_dates(forecasts["issued"], "issued"))
    kind = kind or run_kind(as_of, now)
    as_of = as_of or now
    f = _normalised(forecasts, as_of)
    with opened(store) as st:
        parts = data_hashes(data=data, evidence=evidence_watermark(st))
        run_id = uuid.uuid4().hex
        run = {
            "id": run_id,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "kind": kind,
            "command": command,
            "as_of": as_of,
            "seed": seed,
            "code_version": code_version(),
            "data_hash": combined_hash(parts),
            "provenance": {"data": parts, **(extra or {})},
            "n_forecasts": len(f),
        }
        try:
            with st.session() as s:
                s.connection().execute(insert(_table(ForecastRunRow)), [run])
                if len(f):
                    s.connection().execute(insert(_table(ForecastRow)), _rows(run_id, f))
        except SQLAlchemyError as exc:
            raise StoreError(
                f"cannot write the forecast run to {st.url!r}: {str(exc).splitlines()[0]}"
            ) from exc
    return run_id


def record_backtest(url: StoreLike, predictions: pd.DataFrame, **meta: Any) -> str:
    """Write a backtest's pair predictions as one ``backtest`` run; return its id.

    Parameters
    ----------
    url : str or Store
        The store URL (or an open store).
    predictions : pandas.DataFrame
        Columns :data:`BACKTEST_COLUMNS`: ``base`` (year), ``horizon`` (years), ``region``,
        ``model``, ``a``, ``b`` and ``p`` = P(``a`` and ``b`` on the same side at
        ``base + horizon``). Each is issued at the end of its base year and targets the end of
        ``base + horizon``.
    **meta
        Passed to :func:`record_run` (``seed``, ``command``, ``data``, ``extra``, ``today``).

    Examples
    --------
    >>> from realpolitik.store import open_store
    >>> store = open_store("sqlite://")
    >>> pred = pd.DataFrame({"base": [1990], "horizon": [10], "region": ["asia"],
    ...                      "model": ["change"], "a": ["USA"], "b": ["JPN"], "p": [0.9]})
    >>> run = record_backtest(store, pred)
    >>> forecasts_frame(store, run=run)[["kind", "issued", "target"]].astype(str).values.tolist()
    [['backtest', '1990-12-31', '2000-12-31']]
    >>> store.close()
    """
    missing = [c for c in BACKTEST_COLUMNS if c not in predictions.columns]
    if missing:
        raise InputError(f"backtest predictions lack the columns {missing}")
    base = pd.to_numeric(predictions["base"]).astype(int)
    horizon = pd.to_numeric(predictions["horizon"]).astype(int)
    f = predictions[["model", "region", "a", "b", "p"]].copy()
    f["question"] = "pair"
    f["horizon"] = horizon.to_numpy()
    f["issued"] = [date(int(y), 12, 31) for y in base]
    f["target"] = [date(int(y), 12, 31) for y in base + horizon]
    meta.setdefault("command", "backtest")
    return record_run(url, f, kind="backtest", **meta)


def _info(row: ForecastRunRow) -> RunInfo:
    return RunInfo(
        id=row.id,
        created_at=row.created_at,
        kind=row.kind,
        command=row.command,
        as_of=row.as_of,
        seed=row.seed,
        code_version=row.code_version,
        data_hash=row.data_hash,
        provenance=dict(row.provenance),
        n_forecasts=row.n_forecasts,
    )


def list_runs(store: StoreLike, kind: str | None = None) -> list[RunInfo]:
    """Every run (of ``kind``, if given), newest first."""
    query = select(ForecastRunRow).order_by(ForecastRunRow.created_at.desc(), ForecastRunRow.id)
    if kind is not None:
        query = query.where(ForecastRunRow.kind == kind)
    with opened(store) as st, st.sessions() as s:
        return [_info(r) for r in s.scalars(query)]


def get_run(store: StoreLike, run_id: str) -> RunInfo:
    """The run whose id is ``run_id`` or starts with it (a unique prefix).

    Raises
    ------
    InputError
        No run, or more than one, matches.
    """
    prefix = run_id.strip().lower()
    if not prefix:
        raise InputError("give a run id (see `realpolitik forecasts list`)")
    query = select(ForecastRunRow).where(ForecastRunRow.id.startswith(prefix, autoescape=True))
    with opened(store) as st, st.sessions() as s:
        rows = list(s.scalars(query.limit(2)))
    if len(rows) != 1:
        what = "no run" if not rows else "more than one run"
        raise InputError(f"{what} has an id starting {prefix!r}; see `realpolitik forecasts list`")
    return _info(rows[0])


def forecasts_frame(
    store: StoreLike, run: str | None = None, kind: str | None = None
) -> pd.DataFrame:
    """The stored forecasts (of one run, or of one kind), with their run's ``kind``.

    Returns
    -------
    pandas.DataFrame
        Columns ``id, run_id, kind`` then :data:`FORECAST_COLUMNS`, ordered by id; dates as
        ``datetime.date``.
    """
    if kind is not None and kind not in KINDS:
        raise InputError(f"unknown run kind {kind!r}; use one of {KINDS}")
    t, r = _table(ForecastRow), _table(ForecastRunRow)
    cols = [t.c.id, t.c.run_id, r.c.kind, *(t.c[c] for c in FORECAST_COLUMNS)]
    query = select(*cols).join(r, r.c.id == t.c.run_id).order_by(t.c.id)
    with opened(store) as st:
        if run is not None:
            query = query.where(t.c.run_id == get_run(st, run).id)
        if kind is not None:
            query = query.where(r.c.kind == kind)
        with st.engine.connect() as conn:
            rows = conn.execute(query).all()
    return pd.DataFrame(rows, columns=["id", "run_id", "kind", *FORECAST_COLUMNS])


def export_forecasts(
    store: StoreLike, path: str | Path, run: str | None = None, kind: str | None = None
) -> Path:
    """Write the forecasts (as :func:`forecasts_frame`) to ``path``: ``.parquet`` or ``.csv``.

    Raises
    ------
    InputError
        Another suffix.
    """
    out = Path(path)
    if out.suffix.lower() not in (".parquet", ".csv"):
        raise InputError(f"export to {out.name!r}: give a file ending .parquet or .csv")
    frame = forecasts_frame(store, run=run, kind=kind)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".parquet":
        frame.to_parquet(out, index=False)
    else:
        frame.to_csv(out, index=False)
    return out

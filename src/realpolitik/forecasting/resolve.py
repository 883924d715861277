"""Resolving due forecasts: a pair against the measured alignment, an outcome by its rule.

A forecast is *due* when its target date is on or before the as-of date. A due forecast
resolves against the measured alignment of its target year (the truth,
:func:`realpolitik.history.alignment.alignment_year`, injected here as a callable so the
prediction never reads its own target through this module and tests can give a constructed
truth):

* a ``pair`` question is yes (``y = 1``) when the pair's measured side is ``same``, and no
  (``y = 0``) when it is ``opposed`` or ``neither``;
* an ``outcome`` question resolves by the outcome's own rule (:data:`OUTCOME_RULES`, documented
  with every other outcome in :mod:`realpolitik.forecasting.rules`), read on the measured sides
  of the pairs the outcome names, where "in one bloc" means "on the same side" pair by pair
  (the measured alignment has no forced partition). An outcome without a rule (it reads
  capability shares, an issue position or the landscape's minima) stays pending with the
  reason its :class:`~realpolitik.forecasting.rules.Resolution` gives.

Everything else is *pending*, with the reason: not due yet, no measured alignment for the
year (the truth raised), the pair absent from that year's alignment (a player did not exist),
the cell ``flagged`` (the measure imputes it because a source ended: MIDs 2014, ATOP 2018,
rivalries 2020; the backtest does not score these either), or no rule for the outcome.

Examples
--------
>>> import pandas as pd
>>> from datetime import date
>>> def truth(year, players):
...     return pd.DataFrame({"a": ["CHN"], "b": ["JPN"], "year": [year], "side": ["opposed"]})
>>> f = pd.DataFrame({"question": ["pair", "pair"], "a": ["CHN", "CHN"], "b": ["JPN", "JPN"],
...                   "outcome": [None, None], "p": [0.2, 0.2],
...                   "target": [date(2000, 12, 31), date(2040, 12, 31)]})
>>> resolve_forecasts(f, date(2026, 1, 1), truth)[["y", "status"]].values.tolist()
[[0.0, 'resolved'], [nan, 'pending']]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

import numpy as np
import pandas as pd

from realpolitik.errors import RealpolitikError
from realpolitik.forecasting.rules import (
    OUTCOME_PLAYERS,
    OUTCOME_RULES,
    OutcomeRule,
    Sides,
    resolution_of,
)

__all__ = [
    "FLAGGED",
    "OUTCOME_PLAYERS",
    "OUTCOME_RULES",
    "OutcomeRule",
    "Sides",
    "Truth",
    "default_truth",
    "resolve_forecasts",
]

FLAGGED = "flagged"
"""The side given to an imputed cell of the measure: such a pair or outcome stays pending."""

Truth = Callable[[int, Sequence[str]], pd.DataFrame]
"""``(year, players) -> DataFrame`` with columns ``a, b, side`` (``same|opposed|neither``)
and optionally ``flagged`` (an imputed cell, left unresolved)."""


def default_truth(year: int, players: Sequence[str]) -> pd.DataFrame:
    """The measured alignment of ``year`` (:func:`realpolitik.history.alignment.alignment_year`)
    among ``players``; codes the measure does not know are left out, not refused, so one
    unknown code cannot hold back the other forecasts of the year.

    Raises
    ------
    InputError
        The year is outside the measure's data (the forecasts stay pending).
    """
    from realpolitik.history.alignment import alignment_year

    frame = alignment_year(year)
    wanted = set(players)
    return frame[frame["a"].isin(wanted) & frame["b"].isin(wanted)]


def _truth_of(year: int, players: Sequence[str], truth: Truth) -> pd.DataFrame | str:
    """The year's sides of ordered pairs (``a < b``), or the reason there are none. A
    ``flagged`` cell (the measure carries an ended source forward: an imputation) gets the
    side ``flagged``, which resolves nothing."""
    try:
        frame = truth(year, players)
    except (RealpolitikError, LookupError, ValueError) as exc:
        return f"no measured alignment for {year}: {exc}"
    a = frame["a"].astype(str).to_numpy()
    b = frame["b"].astype(str).to_numpy()
    side = frame["side"].astype(str).to_numpy()
    if "flagged" in frame.columns:
        side = np.where(frame["flagged"].fillna(False).astype(bool).to_numpy(), FLAGGED, side)
    return pd.DataFrame({"a": np.minimum(a, b), "b": np.maximum(a, b), "side": side})


def _players(rows: pd.DataFrame) -> list[str]:
    pairs = rows[rows["question"] == "pair"]
    names = set(pairs["a"].dropna()) | set(pairs["b"].dropna())
    for outcome in rows.loc[rows["question"] == "outcome", "outcome"].dropna():
        names |= set(OUTCOME_PLAYERS.get(str(outcome), ()))
    return sorted(str(n) for n in names)


def _rule_gap(outcome: str, rules: Mapping[str, OutcomeRule]) -> str | None:
    """Why ``outcome`` cannot resolve whatever the date (``None`` when it has a rule)."""
    if outcome in rules:
        return None
    doc = resolution_of(outcome)
    if doc is None or not doc.pending:
        return "no resolution rule is documented for this outcome"
    return f"no resolution rule: {doc.pending}"


def _resolve_outcome(
    outcome: str, sides: pd.DataFrame, rules: Mapping[str, OutcomeRule]
) -> str | bool:
    rule = rules.get(outcome)
    if rule is None:
        return _rule_gap(outcome, rules) or ""
    known = sides[sides["side"] != FLAGGED]
    lookup = dict(zip(zip(known["a"], known["b"], strict=True), known["side"], strict=True))
    try:
        return bool(rule(lambda x, y: lookup[(min(x, y), max(x, y))]))
    except KeyError as exc:
        return f"outcome {outcome!r}: pair {exc} absent from (or imputed in) the measure"


def _resolve_year(
    rows: pd.DataFrame, year: int, truth: Truth, rules: Mapping[str, OutcomeRule]
) -> tuple[pd.Series, pd.Series]:
    """Outcomes (``y``, NaN when pending) and reasons of the due ``rows`` targeting ``year``."""
    y = pd.Series(np.nan, index=rows.index)
    reason = pd.Series("", index=rows.index)
    sides = _truth_of(year, _players(rows), truth)
    if isinstance(sides, str):
        reason[:] = sides
        return y, reason
    pairs = rows[rows["question"] == "pair"]
    keyed = sides.drop_duplicates(["a", "b"]).set_index(["a", "b"])["side"]
    found = keyed.reindex(pd.MultiIndex.from_arrays([pairs["a"], pairs["b"]])).to_numpy()
    have = pd.notna(found) & (found != FLAGGED)
    y[pairs.index[have]] = (found[have] == "same").astype(float)
    reason[pairs.index[pd.isna(found)]] = f"pair absent from the measured alignment of {year}"
    reason[pairs.index[found == FLAGGED]] = (
        f"the measured alignment of {year} is imputed for this pair (a source ended): not scored"
    )
    outcomes = rows.loc[rows["question"] == "outcome", "outcome"]
    for idx, outcome in zip(outcomes.index, outcomes, strict=True):
        got = _resolve_outcome(str(outcome), sides, rules)
        if isinstance(got, bool):
            y.loc[idx] = float(got)
        else:
            reason.loc[idx] = got
    return y, reason


def _explain_rule_gaps(out: pd.DataFrame, rules: Mapping[str, OutcomeRule]) -> None:
    """Give every outcome without a rule that reason, due or not (it is the one that holds
    whatever the date)."""
    outcomes = out.loc[out["question"] == "outcome", "outcome"]
    for idx, outcome in zip(outcomes.index, outcomes, strict=True):
        gap = _rule_gap(str(outcome), rules)
        if gap is not None:
            out.loc[idx, "reason"] = gap


def resolve_forecasts(
    forecasts: pd.DataFrame,
    as_of: date,
    truth: Truth = default_truth,
    rules: Mapping[str, OutcomeRule] | None = None,
) -> pd.DataFrame:
    """The forecasts with their resolution: ``y``, ``status`` and ``reason``.

    Parameters
    ----------
    forecasts : pandas.DataFrame
        Columns ``question``, ``a``, ``b``, ``outcome`` and ``target`` (``datetime.date``), as
        :func:`realpolitik.forecasting.register.forecasts_frame` gives.
    as_of : datetime.date
        Forecasts whose target is on or before this date are due.
    truth : callable
        ``(year, players) -> DataFrame[a, b, side]`` (:data:`Truth`); default the measured
        alignment (:func:`default_truth`).
    rules : mapping, optional
        Outcome rules (default :data:`OUTCOME_RULES`).

    Returns
    -------
    pandas.DataFrame
        A copy of ``forecasts`` plus ``y`` (1.0 yes, 0.0 no, NaN pending), ``status``
        (``resolved`` or ``pending``) and ``reason`` (why pending; empty when resolved).

    Notes
    -----
    The truth is asked once per target year, for the players the due forecasts name. An
    outcome without a rule is pending with the reason its
    :class:`~realpolitik.forecasting.rules.Resolution` gives, due or not.
    """
    out = forecasts.copy()
    out["y"] = np.nan
    out["reason"] = "not due: the target date is after the as-of date"
    if len(out):
        due = np.array([t <= as_of for t in out["target"]], dtype=bool)
        years = pd.Series([t.year for t in out["target"]], index=out.index)
        for year in sorted(set(years[due])):
            rows = out[due & (years == year).to_numpy()]
            y, reason = _resolve_year(rows, int(year), truth, rules or OUTCOME_RULES)
            out.loc[rows.index, "y"] = y
            out.loc[rows.index, "reason"] = reason
        _explain_rule_gaps(out, rules or OUTCOME_RULES)
    out["status"] = np.where(out["y"].notna(), "resolved", "pending")
    return out

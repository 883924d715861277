"""The model's past: a sourced 1925-2024 panel, dated systems, what happened, and a backtest.

* :func:`load_panel` - the shipped panel (alliances, disputes, rivalries, IGOs, trade,
  regimes, UN ideal points, capabilities), each row with its source;
* :func:`system_at` - the scenario engine's ``System`` for any year and players, from rows
  dated at or before the year only;
* :func:`alignment_panel`, :func:`alignment_year` - what happened: the measured alignment of
  every pair of states, 1946-2024 (``same`` / ``opposed`` / ``neither``);
* :func:`check_facts` - the measure against sourced facts of diplomatic history;
* :func:`observed_alignment` - the measure read for a set of players: same-side, camps and
  the unaligned;
* :func:`run_backtest` - forecasts from each base year scored against what happened, beside
  named baselines;
* :func:`fit_weights` - propensity weights fitted on 1950-1990, labels before 1995 (a
  logistic model);
* :func:`europe_1936` - Axelrod & Bennett's Europe of 1936 against the sides of 1939-45.

See ``docs/backtest.md``.
"""

from __future__ import annotations

from realpolitik.history.alignment import alignment_panel, alignment_year
from realpolitik.history.backtest import BacktestResult, run_backtest
from realpolitik.history.europe1936 import Europe1936, europe_1936
from realpolitik.history.facts import check_facts
from realpolitik.history.fit import FitResult, fit_weights
from realpolitik.history.observed import ObservedAlignment, observed_alignment
from realpolitik.history.panel import Panel, load_panel
from realpolitik.history.system import explain_at, players_at, system_at
from realpolitik.history.terms import HISTORY_TERMS, history_terms
from realpolitik.history.weights import TERM_MAP, history_weights

__all__ = [
    "HISTORY_TERMS",
    "TERM_MAP",
    "BacktestResult",
    "Europe1936",
    "FitResult",
    "ObservedAlignment",
    "Panel",
    "alignment_panel",
    "alignment_year",
    "check_facts",
    "europe_1936",
    "explain_at",
    "fit_weights",
    "history_terms",
    "history_weights",
    "load_panel",
    "observed_alignment",
    "players_at",
    "run_backtest",
    "system_at",
]

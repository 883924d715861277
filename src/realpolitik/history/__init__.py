"""The model's past: a sourced 1925-2024 panel, dated systems, what happened, and a backtest.

* :func:`load_panel` - the shipped panel (alliances, disputes, rivalries, IGOs, trade,
  regimes, UN ideal points, capabilities), each row with its source;
* :func:`system_at` - the scenario engine's ``System`` for any year and players, from rows
  dated at or before the year only;
* :func:`observed_alignment` - the observed camps of a year (signed graph + exact balance);
* :func:`run_backtest` - forecasts from each base year scored against what happened, beside
  named baselines;
* :func:`fit_weights` - propensity weights fitted on 1950-1990 (a logistic model);
* :func:`europe_1936` - Axelrod & Bennett's Europe of 1936 against the sides of 1939-45.

See ``docs/backtest.md``.
"""

from __future__ import annotations

from realpolitik.history.backtest import BacktestResult, run_backtest
from realpolitik.history.europe1936 import Europe1936, europe_1936
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

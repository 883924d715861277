"""Forecasts that earn trust: a change model scored against persistence, calibrated.

* :func:`base_features` - the state of every pair at a base year (data <= base only);
* :func:`fit_change` - the change model, P(same at base + h | state at base), calibrated on
  training years only; :func:`fit_stack` - its stack with the landscape;
* :func:`brier_skill` and the other scores of :mod:`realpolitik.forecasting.skill`;
* :func:`skill_backtest` - landscape, change model and stack against persistence per region,
  in and out of sample (the ``skill`` key of ``realpolitik backtest --json``).

See ``docs/backtest.md`` and ``docs/models.md``.
"""

from __future__ import annotations

from realpolitik.forecasting.change import ChangeModel, Stack, fit_change, fit_stack
from realpolitik.forecasting.evaluate import SkillBacktest, region_players, skill_backtest
from realpolitik.forecasting.features import FEATURE_GROUPS, TruthCube, base_features
from realpolitik.forecasting.skill import (
    average_precision_change,
    brier_skill,
    reliability_equal_count,
)

__all__ = [
    "FEATURE_GROUPS",
    "ChangeModel",
    "SkillBacktest",
    "Stack",
    "TruthCube",
    "average_precision_change",
    "base_features",
    "brier_skill",
    "fit_change",
    "fit_stack",
    "region_players",
    "reliability_equal_count",
    "skill_backtest",
]

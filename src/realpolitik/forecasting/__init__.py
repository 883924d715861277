"""Forecasts that earn trust: a change model scored against persistence, and a register.

* :func:`base_features` - the state of every pair at a base year (data <= base only);
* :func:`fit_change` - the change model, P(same at base + h | state at base), calibrated on
  training years only; :func:`fit_stack` - its stack with the landscape;
* :func:`select_complexity` - its feature set, interactions and penalty, chosen by
  rolling-origin cross-validation on the training bases;
* :func:`brier_skill` and the other scores of :mod:`realpolitik.forecasting.skill`;
* :func:`skill_backtest` - landscape, change model and stack against persistence per region,
  in and out of sample (the ``skill`` key of ``realpolitik backtest --json``);
* :mod:`~realpolitik.forecasting.scoring`: Brier and log score (``scoringrules``);
* :mod:`~realpolitik.forecasting.register`: every issued forecast, immutable, in the store;
* :mod:`~realpolitik.forecasting.resolve`: resolving due forecasts against the measured truth;
* :mod:`~realpolitik.forecasting.rules`: what resolves each outcome, or why it stays pending;
* :mod:`~realpolitik.forecasting.track`: scores of the register, the live track record.

See ``docs/backtest.md``, ``docs/forecasts.md`` and ``docs/models.md``.
"""

from __future__ import annotations

from realpolitik.forecasting.change import (
    ChangeModel,
    Stack,
    fit_change,
    fit_stack,
)
from realpolitik.forecasting.evaluate import (
    SkillBacktest,
    region_players,
    skill_backtest,
)
from realpolitik.forecasting.features import (
    FEATURE_GROUPS,
    TruthCube,
    base_features,
)
from realpolitik.forecasting.issued import (
    bargain_forecasts,
    ensemble_forecasts,
)
from realpolitik.forecasting.register import (
    BACKTEST_COLUMNS,
    FORECAST_COLUMNS,
    KINDS,
    QUESTIONS,
    RunInfo,
    StoreLike,
    export_forecasts,
    forecasts_frame,
    get_run,
    list_runs,
    opened,
    record_backtest,
    record_run,
    run_kind,
)
from realpolitik.forecasting.resolve import (
    FLAGGED,
    Truth,
    default_truth,
    resolve_forecasts,
)
from realpolitik.forecasting.rules import (
    OUTCOME_PLAYERS,
    OUTCOME_RULES,
    RESOLUTIONS,
    OutcomeRule,
    Resolution,
    Sides,
    resolution_of,
)
from realpolitik.forecasting.scoring import (
    LOG_EPS,
    SCORE_COLUMNS,
    brier_scores,
    log_scores,
    score_table,
)
from realpolitik.forecasting.selection import select_complexity
from realpolitik.forecasting.skill import (
    average_precision_change,
    brier_skill,
    reliability_equal_count,
)
from realpolitik.forecasting.track import (
    SCORE_KEYS,
    pending_reasons,
    resolve_register,
    score_register,
    score_resolved,
    track_record,
)

__all__ = [
    "BACKTEST_COLUMNS",
    "FEATURE_GROUPS",
    "FLAGGED",
    "FORECAST_COLUMNS",
    "KINDS",
    "LOG_EPS",
    "OUTCOME_PLAYERS",
    "OUTCOME_RULES",
    "QUESTIONS",
    "RESOLUTIONS",
    "SCORE_COLUMNS",
    "SCORE_KEYS",
    "ChangeModel",
    "OutcomeRule",
    "Resolution",
    "RunInfo",
    "Sides",
    "SkillBacktest",
    "Stack",
    "StoreLike",
    "Truth",
    "TruthCube",
    "average_precision_change",
    "bargain_forecasts",
    "base_features",
    "brier_scores",
    "brier_skill",
    "default_truth",
    "ensemble_forecasts",
    "export_forecasts",
    "fit_change",
    "fit_stack",
    "forecasts_frame",
    "get_run",
    "list_runs",
    "log_scores",
    "opened",
    "pending_reasons",
    "record_backtest",
    "record_run",
    "region_players",
    "reliability_equal_count",
    "resolution_of",
    "resolve_forecasts",
    "resolve_register",
    "run_kind",
    "score_register",
    "score_resolved",
    "score_table",
    "select_complexity",
    "skill_backtest",
    "track_record",
]

"""Forecasting: scoring of probability forecasts and the forecast register.

* :mod:`~realpolitik.forecasting.scoring`: Brier and log score (``scoringrules``);
* :mod:`~realpolitik.forecasting.register`: every issued forecast, immutable, in the store;
* :mod:`~realpolitik.forecasting.resolve`: resolving due forecasts against the measured truth.
"""

from __future__ import annotations

from realpolitik.forecasting import issued, register, resolve, scoring, track
from realpolitik.forecasting.issued import *  # noqa: F403 - listed in issued.__all__
from realpolitik.forecasting.register import *  # noqa: F403 - listed in register.__all__
from realpolitik.forecasting.resolve import *  # noqa: F403 - listed in resolve.__all__
from realpolitik.forecasting.scoring import *  # noqa: F403 - listed in scoring.__all__
from realpolitik.forecasting.track import *  # noqa: F403 - listed in track.__all__

__all__: list[str] = []
__all__ += issued.__all__
__all__ += register.__all__
__all__ += resolve.__all__
__all__ += scoring.__all__
__all__ += track.__all__

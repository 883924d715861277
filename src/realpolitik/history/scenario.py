"""Run a scenario from a past year: the hook of ``realpolitik simulate --year``.

:func:`dated_scenario` moves a scenario to base year ``Y`` (the horizon keeps its distance
from the base year) and builds its system from the history panel
(:func:`realpolitik.history.system.system_at`), with the scenario's players when they all
have history data, else the twelve Asia-Pacific players. The panel holds no issue positions,
so levers that act on issues cannot run on a past year and fail with the scenario engine's
own message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from realpolitik.history.players import ASIA_PACIFIC, CCODES
from realpolitik.history.system import system_at

if TYPE_CHECKING:
    from realpolitik.scenarios.spec import ScenarioSpec
    from realpolitik.scenarios.state import System

__all__ = ["dated_scenario"]


def dated_scenario(spec: ScenarioSpec, year: int) -> tuple[ScenarioSpec, System]:
    """``(spec moved to year, the year's system)``.

    Examples
    --------
    >>> from realpolitik.scenarios.catalogue import load_builtin
    >>> spec, system = dated_scenario(load_builtin("baseline"), 1990)
    >>> spec.base_year, system.base_year, spec.horizon - spec.base_year
    (1990, 1990, 5)
    """
    if spec.base_year is not None:
        base = spec.base_year
    else:
        from realpolitik.data import load_dataset

        base = load_dataset(spec.dataset).base_year
    players = spec.actors if spec.actors and all(a in CCODES for a in spec.actors) else None
    system = system_at(year, players or ASIA_PACIFIC)
    update = {"base_year": int(year), "horizon": int(year) + spec.horizon - base}
    moved = spec.model_copy(update={**update, "actors": system.actors})
    return moved, system

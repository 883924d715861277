"""Evidence over time: relation series, the bounded update, and the as-of system.

``articles (dated) -> events -> relation series per pair and period -> as-of system``:

* :mod:`~realpolitik.evidence.series` -- deduplicated, weighed, age-discounted series (pure);
* :mod:`~realpolitik.evidence.update` -- the bounded Bayesian update of a relation (pure);
* :mod:`~realpolitik.evidence.asof` -- the built-in data and the evidence up to a day, as a
  :class:`~realpolitik.scenarios.state.System` (pure);
* :mod:`~realpolitik.evidence.store` -- reading events from the store, writing the series;
* :mod:`~realpolitik.evidence.api` -- :func:`as_of_system`, the one function the commands call.
"""

from __future__ import annotations

from realpolitik.evidence.api import as_of_system, pair_series
from realpolitik.evidence.asof import AsOfSystem, as_of_dataset, build_as_of_system
from realpolitik.evidence.series import EvidenceEvent, PairState, relation_series
from realpolitik.evidence.update import Posterior, update_relation

__all__ = [
    "AsOfSystem",
    "EvidenceEvent",
    "PairState",
    "Posterior",
    "as_of_dataset",
    "as_of_system",
    "build_as_of_system",
    "pair_series",
    "relation_series",
    "update_relation",
]

"""The as-of system: the built-in data dated up to a day, plus the evidence dated up to it.

:func:`as_of_dataset` drops every built-in row dated after the day (relations, memberships and
office holders that start later, events, sources and figures dated later, capability values of
later years). :func:`build_as_of_system` then builds two :class:`~realpolitik.scenarios.state.
System` objects from it -- the **baseline** (built-in only) and the **system** (built-in plus
evidence) -- through the same calls, the second with each pair's evidence term set by the
bounded Bayesian update of :mod:`realpolitik.evidence.update`. Everything here is pure: the
events come in as :class:`~realpolitik.evidence.series.EvidenceEvent` records (read from the
store by :mod:`realpolitik.evidence.store`), so the engines never read the store.

Examples
--------
>>> from datetime import date
>>> from realpolitik.data import load_dataset
>>> from realpolitik.evidence.series import EvidenceEvent
>>> ds = load_dataset()
>>> agree = EvidenceEvent(1, 1, 7, "IND", "CHN", "AGREE", "057", 5.2, 0.8, date(2024, 10, 21))
>>> res = build_as_of_system(ds, [agree], date(2024, 12, 31))
>>> row = res.changed()[0]
>>> (row["a"], row["b"], row["documents"], row["after"] > row["before"])
('CHN', 'IND', [7], True)
>>> later = EvidenceEvent(2, 2, 8, "IND", "CHN", "FIGHT", "19", -10.0, 1.0, date(2025, 1, 5))
>>> res2 = build_as_of_system(ds, [agree, later], date(2024, 12, 31))
>>> bool((res2.system.terms == res.system.terms).all())
True
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from numpy.typing import NDArray

from realpolitik.evidence.series import HALF_LIFE_DAYS, EvidenceEvent, PairState, pair_states
from realpolitik.evidence.update import Posterior, update_relation
from realpolitik.model.dataset import Dataset
from realpolitik.model.dates import period_start
from realpolitik.scenarios.state import System, TermFunction, build_system

__all__ = ["AsOfSystem", "as_of_dataset", "as_of_year", "build_as_of_system", "shift_terms"]


def _not_after(text: str | None, day: date) -> bool:
    start = period_start(text or "")
    return start is None or start <= day


def as_of_dataset(dataset: Dataset, day: date) -> Dataset:
    """``dataset`` without the rows dated after ``day`` (undated rows are kept).

    Examples
    --------
    >>> from realpolitik.data import load_dataset
    >>> ds = load_dataset()
    >>> old = as_of_dataset(ds, date(2023, 1, 1))
    >>> len(old.relations) < len(ds.relations), all(c.year <= 2023 for c in old.capabilities)
    (True, True)
    """
    return dataclasses.replace(
        dataset,
        relations=tuple(r for r in dataset.relations if _not_after(r.start, day)),
        memberships=tuple(m for m in dataset.memberships if _not_after(m.start, day)),
        people=tuple(p for p in dataset.people if _not_after(p.start, day)),
        events=tuple(e for e in dataset.events if _not_after(e.date, day)),
        sources=tuple(s for s in dataset.sources if _not_after(s.date, day)),
        figures=tuple(f for f in dataset.figures if f.year is None or f.year <= day.year),
        capabilities=tuple(c for c in dataset.capabilities if c.year <= day.year),
    )


def as_of_year(dataset: Dataset, day: date) -> int:
    """The base year of an as-of system: the day's year, at most the data set's base year."""
    return min(dataset.base_year, day.year)


def shift_terms(delta: dict[tuple[str, str], float]) -> TermFunction:
    """A :data:`~realpolitik.scenarios.state.TermFunction` with the evidence term
    (``event_tone`` of the propensity formula) set to ``delta`` (an empty ``delta``: exactly
    the baseline terms)."""
    frozen = dict(delta)

    def terms(
        dataset: Dataset, actors: Sequence[str], year: int
    ) -> tuple[tuple[str, ...], NDArray[np.float64]]:
        from realpolitik.engines.alignment.propensity import propensity_matrix

        r = propensity_matrix(dataset, year, actors=actors, event_tone=frozen or None)
        return r.term_names, r.contributions

    return terms


@dataclass(frozen=True)
class AsOfSystem:
    """The as-of system, its baseline and the evidence behind the difference.

    Attributes
    ----------
    as_of : date
    system, baseline : System
        With and without the evidence (same players, year and built-in rows).
    states : dict
        ``(a, b) -> PairState`` of every pair with evidence (players or not).
    posteriors : dict
        ``(a, b) -> Posterior`` of the same pairs.
    dataset : Dataset
        The built-in data dated up to ``as_of``.
    """

    as_of: date
    system: System
    baseline: System
    states: dict[tuple[str, str], PairState]
    posteriors: dict[tuple[str, str], Posterior]
    dataset: Dataset

    @property
    def delta(self) -> dict[tuple[str, str], float]:
        """``(a, b) -> posterior mean`` of the evidence term."""
        return {k: p.delta for k, p in self.posteriors.items()}

    @property
    def terms(self) -> TermFunction:
        """The term function that rebuilds this system for other players."""
        return shift_terms(self.delta)

    @property
    def documents(self) -> tuple[int, ...]:
        """Ids of every document whose events count."""
        return tuple(
            sorted({d for s in self.states.values() for c in s.events for d in c.documents})
        )

    @property
    def n_events(self) -> int:
        """Counted (deduplicated) events."""
        return sum(len(s.events) for s in self.states.values())

    @property
    def events(self) -> tuple[EvidenceEvent, ...]:
        """Every report of every counted event (the evidence used)."""
        return tuple(r for s in self.states.values() for c in s.events for r in c.reports)

    def without(self, documents: Iterable[int]) -> AsOfSystem:
        """The same as-of system with ``documents`` left out (the attribution check)."""
        return build_as_of_system(
            self.dataset,
            self.events,
            self.as_of,
            actors=self.system.actors,
            exclude_documents=documents,
        )

    def changed(self, top: int | None = None) -> list[dict[str, Any]]:
        """Player pairs whose propensity the evidence moved, largest move first.

        Each: ``a``, ``b``, ``before`` and ``after`` (propensity without and with the
        evidence), ``delta`` (evidence term), ``tone``, ``weight``, ``documents`` (ids), and
        ``events`` (``id``, ``sentence_id``, ``document_id``, ``plover``, ``goldstein``,
        ``day``) of its counted events with every report.
        """
        before: NDArray[np.float64] = self.baseline.propensity
        after: NDArray[np.float64] = self.system.propensity
        rows: list[dict[str, Any]] = []
        for (a, b), st in self.states.items():
            if a not in self.system.actors or b not in self.system.actors:
                continue
            i, j = self.system.index(a), self.system.index(b)
            if after[i, j] == before[i, j]:
                continue
            rows.append(
                {
                    "a": a,
                    "b": b,
                    "before": round(float(before[i, j]), 6),
                    "after": round(float(after[i, j]), 6),
                    "delta": round(self.posteriors[(a, b)].delta, 6),
                    "tone": st.tone,
                    "weight": st.weight,
                    "documents": sorted({d for c in st.events for d in c.documents}),
                    "events": [_event_dict(r) for c in st.events for r in c.reports],
                }
            )
        rows.sort(key=lambda r: (-abs(r["after"] - r["before"]), r["a"], r["b"]))
        return rows if top is None else rows[:top]


def _event_dict(e: EvidenceEvent) -> dict[str, Any]:
    return {
        "id": e.event_id,
        "sentence_id": e.sentence_id,
        "document_id": e.document_id,
        "plover": e.plover,
        "goldstein": e.goldstein,
        "day": e.day.isoformat(),
    }


def build_as_of_system(
    dataset: Dataset,
    events: Iterable[EvidenceEvent],
    as_of: date,
    *,
    actors: Sequence[str] | None = None,
    exclude_documents: Iterable[int] = (),
    half_life: float = HALF_LIFE_DAYS,
) -> AsOfSystem:
    """The system at ``as_of``: built-in rows and evidence dated up to it, nothing after.

    Parameters
    ----------
    dataset : Dataset
        The built-in data (all of it; rows after ``as_of`` are dropped here).
    events : iterable of EvidenceEvent
        Evidence (events after ``as_of`` are ignored).
    as_of : date
    actors : sequence of str, optional
        Players (default: :data:`~realpolitik.scenarios.state.DEFAULT_PLAYERS`).
    exclude_documents : iterable of int
        Documents left out (the attribution check: leaving out every document of
        :meth:`AsOfSystem.changed` gives the baseline back).
    half_life : float
        Age discount (days), :data:`~realpolitik.evidence.series.HALF_LIFE_DAYS`.
    """
    skip = set(exclude_documents)
    kept = [e for e in events if e.day <= as_of and e.document_id not in skip]
    states = pair_states(kept, as_of, half_life)
    posteriors = {k: update_relation(s.tone, s.weight) for k, s in states.items()}
    ds = as_of_dataset(dataset, as_of)
    year = as_of_year(dataset, as_of)
    baseline = build_system(ds, actors, year, terms=shift_terms({}))
    delta = {k: p.delta for k, p in posteriors.items() if p.delta != 0.0}
    system = build_system(ds, actors, year, terms=shift_terms(delta)) if delta else baseline
    return AsOfSystem(as_of, system, baseline, states, posteriors, ds)

"""Relation series: coded events aggregated per pair and period, deduplicated and weighed.

The unit is an **evidence event**: one coded event in the ``actual`` mode between two different
actors, with a Goldstein (1992) score, from a document with a known date (its day: the last day
of the period its date names, so that a document dated ``2023-03`` is never read before the end
of March 2023).

Scale and weights (the documented choices of this module):

* **tone** of one event = Goldstein score / 10, in [-1, 1]: -1 the most hostile act (military
  force, Goldstein -10), +1 the most cooperative (Goldstein +10). The tone of a set of events is
  the mean of their tones weighed by each event's weight, so an event's *intensity* (its
  Goldstein magnitude) and its *confidence* both count.
* **weight** of one event = the coder's confidence (in [0, 1]) x its outlet's weight (in
  [0, 1]; default 1, 0 excludes the outlet; see :mod:`realpolitik.evidence.store`).
* **deduplication**: the same event reported by several articles counts once. Events of one
  unordered pair and one PLOVER type whose days lie within :data:`DEDUP_WINDOW_DAYS` of the
  first of a run are one event; its representative is the report with the highest weight (ties:
  the lowest event id), and every report stays linked.
* **age discount** (for the state at a date, :func:`pair_states`): weight x
  ``0.5 ** (age_days / HALF_LIFE_DAYS)``; an event a half-life old counts half.
* **quad class** from the CAMEO root code (01-05 verbal cooperation, 06-08 material
  cooperation, 09-13 verbal conflict, 14-20 material conflict; Duval & Thompson 1980, as in
  GDELT), else from the sign of the Goldstein score (verbal).

Examples
--------
>>> from datetime import date
>>> e1 = EvidenceEvent(1, 10, 100, "CHN", "PHL", "COERCE", "17", -7.0, 0.9, date(2023, 8, 5))
>>> e2 = EvidenceEvent(2, 20, 200, "PHL", "CHN", "COERCE", "17", -7.0, 0.8, date(2023, 8, 6))
>>> counted = deduplicate([e1, e2])
>>> len(counted), counted[0].event.event_id, [r.event_id for r in counted[0].reports]
(1, 1, [1, 2])
>>> [(p.period, p.events, p.tone) for p in relation_series([e1, e2], "month")]
[('2023-08', 1, -0.7)]

References
----------
Goldstein, J. S. (1992). A conflict-cooperation scale for WEIS events data. *Journal of Conflict
Resolution* 36(2), 369-385.
Duval, R. D. & Thompson, W. R. (1980). Reconsidering the aggregate relationship between size,
economic development, and some types of foreign policy behavior. *American Journal of
Political Science* 24(3), 511-525.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

__all__ = [
    "DEDUP_WINDOW_DAYS",
    "HALF_LIFE_DAYS",
    "PERIODS",
    "QUADS",
    "CountedEvent",
    "EvidenceEvent",
    "PairState",
    "Period",
    "SeriesPoint",
    "decay",
    "deduplicate",
    "pair_states",
    "period_of",
    "quad_of",
    "relation_series",
]

Period = Literal["day", "week", "month"]

PERIODS: tuple[Period, ...] = ("day", "week", "month")
"""The period kinds of a series."""

QUADS = ("verbal-coop", "material-coop", "verbal-conf", "material-conf")
"""Quad classes (Duval & Thompson 1980)."""

DEDUP_WINDOW_DAYS = 3
"""Reports of one pair and PLOVER type within this many days of the first are one event (a
wire story republished, or the same act reported on consecutive days)."""

HALF_LIFE_DAYS = 180.0
"""Age at which an event counts half: relations answer to the last half-year or so of conduct
(a modelling judgement; a longer half-life makes the model slower to follow the news)."""


@dataclass(frozen=True)
class EvidenceEvent:
    """One coded event as evidence: ids down to the sentence, the pair, type, score and day.

    ``a``/``b`` are the source and target as coded; series and states use the unordered pair.
    ``confidence`` already includes the outlet's weight when one applies.
    """

    event_id: int
    sentence_id: int
    document_id: int
    a: str
    b: str
    plover: str
    cameo: str
    goldstein: float
    confidence: float
    day: date
    outlet: str = ""

    @property
    def pair(self) -> tuple[str, str]:
        """The unordered pair, alphabetical."""
        return (self.a, self.b) if self.a <= self.b else (self.b, self.a)

    @property
    def tone(self) -> float:
        """Goldstein / 10, clipped to [-1, 1]."""
        return max(-1.0, min(1.0, self.goldstein / 10.0))

    @property
    def weight(self) -> float:
        """The event's weight: its confidence in [0, 1]."""
        return max(0.0, min(1.0, self.confidence))


@dataclass(frozen=True)
class CountedEvent:
    """One deduplicated event: the representative report and every report of it."""

    event: EvidenceEvent
    reports: tuple[EvidenceEvent, ...]

    @property
    def documents(self) -> tuple[int, ...]:
        """Ids of the documents that report it."""
        return tuple(sorted({r.document_id for r in self.reports}))


def quad_of(cameo: str | None, goldstein: float) -> str:
    """Quad class of an event from its CAMEO root code, else from its Goldstein sign.

    Examples
    --------
    >>> quad_of("057", 8.0), quad_of("19", -10.0), quad_of(None, -2.0)
    ('verbal-coop', 'material-conf', 'verbal-conf')
    """
    root = int(cameo[:2]) if cameo and cameo[:2].isdigit() else 0
    if 1 <= root <= 5:
        return "verbal-coop"
    if 6 <= root <= 8:
        return "material-coop"
    if 9 <= root <= 13:
        return "verbal-conf"
    if 14 <= root <= 20:
        return "material-conf"
    return "verbal-coop" if goldstein >= 0 else "verbal-conf"


def period_of(day: date, period: Period) -> tuple[str, date]:
    """Label and first day of the period holding ``day``.

    Examples
    --------
    >>> period_of(date(2023, 3, 16), "week")
    ('2023-W11', datetime.date(2023, 3, 13))
    >>> period_of(date(2023, 3, 16), "month")[0], period_of(date(2023, 3, 16), "day")[0]
    ('2023-03', '2023-03-16')
    """
    if period == "day":
        return day.isoformat(), day
    if period == "week":
        y, w, _ = day.isocalendar()
        return f"{y:04d}-W{w:02d}", day - timedelta(days=day.weekday())
    if period == "month":
        return f"{day.year:04d}-{day.month:02d}", day.replace(day=1)
    raise ValueError(f"period {period!r}: use day, week or month")


def deduplicate(
    events: Iterable[EvidenceEvent], window_days: int = DEDUP_WINDOW_DAYS
) -> list[CountedEvent]:
    """Count each event once across the articles that report it (see the module notes).

    Notes
    -----
    O(n log n). Filter events by date *before* deduplicating, so a later report can never be
    the representative of an earlier event.
    """
    groups: dict[tuple[str, str, str], list[EvidenceEvent]] = defaultdict(list)
    for e in events:
        groups[(*e.pair, e.plover)].append(e)
    out: list[CountedEvent] = []
    for key in sorted(groups):
        run: list[EvidenceEvent] = []
        for e in sorted(groups[key], key=lambda x: (x.day, x.event_id)):
            if run and (e.day - run[0].day).days > window_days:
                out.append(_counted(run))
                run = []
            run.append(e)
        out.append(_counted(run))
    out.sort(key=lambda c: (c.event.day, c.event.event_id))
    return out


def _counted(run: Sequence[EvidenceEvent]) -> CountedEvent:
    best = min(run, key=lambda x: (-x.weight, x.event_id))
    return CountedEvent(best, tuple(run))


@dataclass(frozen=True)
class SeriesPoint:
    """One period of one pair's series (see the module notes for tone and weight)."""

    a: str
    b: str
    period_kind: str
    period: str
    start: date
    events: int
    tone: float
    weight: float
    documents: int
    counts: dict[str, int]
    quads: dict[str, int]
    links: tuple[tuple[int, int, int, bool], ...]
    """``(event_id, sentence_id, document_id, counted)``; ``counted`` is False for duplicate
    reports."""


def _mean_tone(counted: Sequence[CountedEvent], weights: Sequence[float]) -> tuple[float, float]:
    total = sum(weights)
    if total <= 0:
        return 0.0, 0.0
    num = sum(w * c.event.tone for c, w in zip(counted, weights, strict=True))
    return round(num / total, 6), round(total, 6)


def relation_series(events: Iterable[EvidenceEvent], period: Period = "month") -> list[SeriesPoint]:
    """The series of every pair: one point per pair and period with at least one event.

    Events are deduplicated first (:func:`deduplicate`); a counted event falls in the period
    of its representative's day. Points are sorted by pair, then period.
    """
    by: dict[tuple[str, str, str], list[CountedEvent]] = defaultdict(list)
    starts: dict[str, date] = {}
    for c in deduplicate(events):
        label, start = period_of(c.event.day, period)
        starts[label] = start
        by[(*c.event.pair, label)].append(c)
    out = []
    for (a, b, label), counted in sorted(by.items()):
        tone, weight = _mean_tone(counted, [c.event.weight for c in counted])
        counts: dict[str, int] = defaultdict(int)
        quads: dict[str, int] = defaultdict(int)
        for c in counted:
            counts[c.event.plover] += 1
            quads[quad_of(c.event.cameo, c.event.goldstein)] += 1
        links = tuple(
            (r.event_id, r.sentence_id, r.document_id, r is c.event)
            for c in counted
            for r in c.reports
        )
        docs = {r.document_id for c in counted for r in c.reports}
        out.append(
            SeriesPoint(
                a,
                b,
                period,
                label,
                starts[label],
                len(counted),
                tone,
                weight,
                len(docs),
                dict(sorted(counts.items())),
                dict(sorted(quads.items())),
                links,
            )
        )
    return out


def decay(age_days: float, half_life: float = HALF_LIFE_DAYS) -> float:
    """Age discount ``0.5 ** (age / half_life)`` (1 for an event of the day or in the future).

    Examples
    --------
    >>> decay(0), decay(180), decay(360)
    (1.0, 0.5, 0.25)
    """
    return float(0.5 ** (max(0.0, age_days) / half_life))


@dataclass(frozen=True)
class PairState:
    """The decayed, weighed state of one pair at a date.

    Attributes
    ----------
    a, b : str
    tone : float
        Weighted mean tone in [-1, 1] (weights: confidence x age discount).
    weight : float
        Sum of those weights (the evidence's strength, in fully confident fresh events).
    documents : int
        Documents reporting its counted events (duplicates included).
    events : tuple of CountedEvent
    """

    a: str
    b: str
    tone: float
    weight: float
    documents: int
    events: tuple[CountedEvent, ...]


def pair_states(
    events: Iterable[EvidenceEvent], as_of: date, half_life: float = HALF_LIFE_DAYS
) -> dict[tuple[str, str], PairState]:
    """State of every pair at ``as_of`` from the events dated up to it (later ones ignored).

    Examples
    --------
    >>> e = EvidenceEvent(1, 1, 1, "IND", "CHN", "AGREE", "057", 5.2, 1.0, date(2024, 10, 21))
    >>> s = pair_states([e], date(2025, 4, 19))[("CHN", "IND")]
    >>> s.tone, s.weight, s.documents
    (0.52, 0.5, 1)
    """
    kept = [e for e in events if e.day <= as_of]
    by: dict[tuple[str, str], list[CountedEvent]] = defaultdict(list)
    for c in deduplicate(kept):
        by[c.event.pair].append(c)
    out = {}
    for pair, counted in sorted(by.items()):
        weights = [c.event.weight * decay((as_of - c.event.day).days, half_life) for c in counted]
        tone, weight = _mean_tone(counted, weights)
        docs = {r.document_id for c in counted for r in c.reports}
        out[pair] = PairState(pair[0], pair[1], tone, weight, len(docs), tuple(counted))
    return out

"""Lens state: the baseline system state overlaid with one lens's evidence, and its coverage.

The overlay is explicit and small:

* **relations** -- the event-tone term of the propensity (:mod:`realpolitik.engines.alignment.
  propensity`, weight in ``propensity.toml``) reads the bounded Bayesian update
  (:mod:`realpolitik.evidence.update`) of the lens's per-dyad tone: the confidence-weighted
  mean Goldstein score / 10 of the ``actual`` events its documents state (the formula of
  :func:`realpolitik.store.queries.dyad_tone`, computed here from the items so that
  leave-one-out can drop one sentence), shrunk toward the baseline by the events' summed
  confidence (one event moves a relation by at most a tenth of the term's range). Dyads the
  lens says nothing about keep the baseline (the term is off) -- and are listed as fallbacks
  in the coverage.
* **issues** -- the ingestion layer extracts no issue positions or saliences (only stances
  toward actors), so every issue falls back to the baseline, and the coverage says so.
* **claims** -- the lens's conditional claims that map onto catalogue levers/outcomes are
  carried along (shown by ``lens compare``; they do not change the state).

With no evidence items the state is built through exactly the same calls as the baseline,
so every ensemble run under it is identical to the baseline run with the same seed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from realpolitik.lenses.evidence import EvidenceItem
from realpolitik.model.dataset import Dataset
from realpolitik.model.tone import dyad_tone_of
from realpolitik.scenarios.state import System, TermFunction, build_system

__all__ = ["LensState", "build_lens_state", "shift_from_items", "tone_from_items", "tone_terms"]


def tone_from_items(items: Iterable[EvidenceItem]) -> dict[tuple[str, str], float]:
    """Per-dyad tone of the items' events: confidence-weighted mean Goldstein / 10, in [-1, 1].

    Examples
    --------
    >>> events = (("USA", "JPN", -5.0, 1.0, 1), ("JPN", "USA", 3.0, 1.0, 2))
    >>> it = EvidenceItem(1, 1, "a.txt", "...", events)
    >>> tone_from_items([it])
    {('JPN', 'USA'): -0.1}

    Notes
    -----
    The one tone definition, :func:`realpolitik.model.tone.dyad_tone_of`, that
    :func:`realpolitik.store.queries.dyad_tone` uses too; O(events).

    References
    ----------
    Goldstein, J. S. (1992). A conflict-cooperation scale for WEIS events data. *Journal of
    Conflict Resolution* 36(2), 369-385.
    """
    return dyad_tone_of(ev[:4] for it in items for ev in it.events)


def tone_terms(tone: dict[tuple[str, str], float]) -> TermFunction:
    """A ``terms(dataset, actors, year)`` function for :func:`build_system` that feeds ``tone``
    to the propensity's event-tone term (an empty ``tone`` gives the baseline terms); the
    evidence term of :func:`realpolitik.evidence.asof.shift_terms`."""
    from realpolitik.evidence.asof import shift_terms

    return shift_terms(tone)


def shift_from_items(items: Iterable[EvidenceItem]) -> dict[tuple[str, str], float]:
    """Per-dyad evidence term of the items: the bounded Bayesian update
    (:func:`realpolitik.evidence.update.update_relation`) of the dyad's tone
    (:func:`tone_from_items`) with the summed confidences of its events as the evidence's weight.

    Items carry no dates, so there is no age discount and no deduplication here; with
    ``--as-of`` a lens is a document filter over the dated evidence instead
    (:mod:`realpolitik.evidence`), where both apply.

    Examples
    --------
    >>> it = EvidenceItem(1, 1, "a.txt", "...", (("IND", "CHN", 5.2, 1.0, 1),))
    >>> tone_from_items([it]), {k: round(v, 3) for k, v in shift_from_items([it]).items()}
    ({('CHN', 'IND'): 0.52}, {('CHN', 'IND'): 0.052})
    """
    from realpolitik.evidence.update import update_relation
    from realpolitik.model.tone import dyad

    kept = list(items)
    weight: dict[tuple[str, str], float] = {}
    for it in kept:
        for a, b, _g, conf, _id in it.events:
            if a != b:
                k = dyad(a, b)
                weight[k] = weight.get(k, 0.0) + max(0.0, min(1.0, float(conf)))
    return {
        k: update_relation(t, weight.get(k, 0.0)).delta for k, t in tone_from_items(kept).items()
    }


@dataclass(frozen=True)
class LensState:
    """A system state as one lens sees it.

    Attributes
    ----------
    name : str
    system : System
    tone : dict
        ``(a, b) -> tone`` for every dyad the lens's events touch (players or not).
    items : tuple of EvidenceItem
        The evidence used (after any exclusions).
    excluded : tuple of str
        Item keys left out (leave-one-out reruns).
    claims : tuple of dict
    documents : tuple of dict
    """

    name: str
    system: System
    tone: dict[tuple[str, str], float]
    items: tuple[EvidenceItem, ...]
    excluded: tuple[str, ...] = ()
    claims: tuple[dict[str, Any], ...] = field(default=())
    documents: tuple[dict[str, Any], ...] = field(default=())
    shift: dict[tuple[str, str], float] = field(default_factory=dict)
    """``(a, b) -> evidence term`` (:func:`shift_from_items`) the system was built with."""

    @property
    def terms(self) -> TermFunction:
        """The term function that rebuilds this state's propensity for other actor lists."""
        return tone_terms(self.shift)

    @property
    def is_baseline(self) -> bool:
        """True when the lens has no evidence on any pair of players."""
        return not self.player_tone()

    def player_tone(self) -> dict[tuple[str, str], float]:
        """The tone of dyads whose two actors are both players of the system."""
        players = set(self.system.actors)
        return {k: v for k, v in self.tone.items() if k[0] in players and k[1] in players}

    def coverage(self) -> dict[str, Any]:
        """What the lens overlays and where it falls back to the baseline.

        Returns a JSON-ready dict: dyads with lens evidence (tone, events, items), the count of
        dyads that fall back, dyads outside the system (an actor is not a player), issues
        (all baseline: no issue-position extractor exists) and claims.
        """
        players = self.system.actors
        n_events: dict[tuple[str, str], int] = {}
        n_items: dict[tuple[str, str], int] = {}
        for it in self.items:
            for d in it.dyads:
                n_items[d] = n_items.get(d, 0) + 1
            for a, b, *_ in it.events:
                if a != b:
                    k = (a, b) if a <= b else (b, a)
                    n_events[k] = n_events.get(k, 0) + 1
        inside = self.player_tone()
        outside = sorted(k for k in self.tone if k not in inside)
        total = len(players) * (len(players) - 1) // 2
        return {
            "lens": self.name,
            "documents": [d.get("source") for d in self.documents],
            "items": len(self.items),
            "dyads_total": total,
            "dyads_with_evidence": [
                {
                    "a": a,
                    "b": b,
                    "tone": round(t, 4),
                    "events": n_events.get((a, b), 0),
                    "items": n_items.get((a, b), 0),
                }
                for (a, b), t in sorted(inside.items())
            ],
            "dyads_baseline": total - len(inside),
            "dyads_outside_system": [f"{a}-{b}" for a, b in outside],
            "issues_with_evidence": [],
            "issues_baseline": list(self.system.issues),
            "issues_note": "no issue positions or saliences are extracted from text yet; "
            "every issue keeps the built-in positions",
            "claims": len(self.claims),
        }


def build_lens_state(
    dataset: Dataset,
    items: Sequence[EvidenceItem],
    *,
    name: str = "baseline",
    actors: Sequence[str] | None = None,
    year: int | None = None,
    exclude: Iterable[str] = (),
    claims: Sequence[dict[str, Any]] = (),
    documents: Sequence[dict[str, Any]] = (),
) -> LensState:
    """Build the lens state from the data set and the lens's evidence items.

    Parameters
    ----------
    dataset : Dataset
    items : sequence of EvidenceItem
    name : str
    actors, year : optional
        As :func:`realpolitik.scenarios.state.build_system`.
    exclude : iterable of str
        Item keys to leave out (leave-one-out).
    claims, documents : sequence of dict
        Carried along for reporting.

    Examples
    --------
    >>> from realpolitik.data import load_dataset
    >>> ds = load_dataset()
    >>> base = build_lens_state(ds, [])
    >>> hostile = EvidenceItem(1, 7, "x.txt", "...", (("USA", "JPN", -8.0, 1.0, 1),))
    >>> lens = build_lens_state(ds, [hostile], name="x")
    >>> i, j = base.system.index("USA"), base.system.index("JPN")
    >>> bool(lens.system.propensity[i, j] < base.system.propensity[i, j])
    True
    """
    skip = set(exclude)
    kept = tuple(it for it in items if it.key not in skip)
    tone = tone_from_items(kept)
    shift = shift_from_items(kept)
    system = build_system(dataset, actors, year, terms=tone_terms(shift))
    return LensState(
        name=name,
        system=system,
        tone=tone,
        items=kept,
        excluded=tuple(sorted(skip)),
        claims=tuple(claims),
        documents=tuple(documents),
        shift=shift,
    )

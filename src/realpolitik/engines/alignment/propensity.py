"""Sizes and propensities of the alignment game, built from the system state term by term.

Players are the data set's actors of kind ``state`` or ``territory`` (groupings and
organisations are not players) that have a positive capability index in the year. Their
**sizes** are their capability-index shares among the players
(:func:`realpolitik.engines.power.capability_index`: economy, population and military
spending/personnel, each as a share of the players' total).

The **propensity** of a pair is a weighted sum of signed terms,

    p_ij = sum_t  w_t * raw_t(i, j),

with weights ``w_t`` of a preset: by default the weights fitted on the 1950-1990 history panel
(``data/east_asia/propensity_fitted.csv``, :mod:`realpolitik.engines.alignment.weights`;
terms with no history counterpart keep their judgement weight), or the judgement weights of
``data/east_asia/propensity.toml`` (``weights="judgement"``; each with a one-line
justification and citation), and raw inputs:

========================  ===============================================================
term                      raw input for the pair (active in the year)
========================  ===============================================================
alliance                  +max strength of defence treaties / alliances
security_partnership      +max strength of security partnerships
trade_agreement           +max strength of trade agreements
trade_dependence          +goods trade as % of sqrt(GDP_i * GDP_j) (latest value <= year)
cooperation               +max strength of cooperation / support / dialogue
territorial_dispute       -max strength of territorial disputes
sanctions                 -max strength of sanctions / tariffs
rivalry                   -max strength of rivalries
hostility                 -max strength of hostile acts
regime_similarity         +1 same regime (democracy/autocracy), -1 opposed, 0 otherwise
shared_threats            +sum over third actors with a negative tie to both of the weaker tie
event_tone                mean event tone in [-1, 1] (passed in; 0 by default)
========================  ===============================================================

A relation is active in year ``Y`` when its start year is empty or ``<= Y`` and its end year
is empty or ``>= Y``; directed relations count for the pair. Several relations of one term in
a dyad count once, at the strongest, and all are listed as evidence. Every cell of every term
is inspectable through :meth:`PropensityResult.explain`.

References
----------
Axelrod, R., & Bennett, D. S. (1993). A landscape theory of aggregation. *British Journal of
Political Science*, 23(2), 211-233.

Oneal, J. R., & Russett, B. M. (1997). The classical liberals were right. *International
Studies Quarterly*, 41(2), 267-294.

Walt, S. M. (1987). *The Origins of Alliances*. Cornell University Press.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from realpolitik.engines.alignment.terms import (
    DEFAULT_WEIGHTS_FILE,
    TERMS,
    TermSpec,
    load_weights,
)
from realpolitik.errors import ModelError
from realpolitik.model.dataset import Dataset

__all__ = [
    "DEFAULT_PRESET",
    "DEFAULT_WEIGHTS_FILE",
    "PRESETS",
    "TERMS",
    "PropensityResult",
    "TermSpec",
    "load_weights",
    "pair_explanation",
    "players",
    "preset_weights",
    "propensity_matrix",
    "propensity_terms",
]

PRESETS: tuple[str, ...] = ("fitted", "judgement")
"""Named weight presets (:func:`preset_weights`)."""

DEFAULT_PRESET = "fitted"
"""The default weights: fitted on the 1950-1990 history panel (``docs/backtest.md``)."""

_RELATION_TERMS: dict[str, tuple[tuple[str, ...], int]] = {
    "alliance": (("defence_treaty", "alliance"), 1),
    "security_partnership": (("security_partnership",), 1),
    "trade_agreement": (("trade_agreement",), 1),
    "cooperation": (("cooperation", "support", "dialogue"), 1),
    "territorial_dispute": (("territorial_dispute",), -1),
    "sanctions": (("sanctions", "tariffs"), -1),
    "rivalry": (("rivalry",), -1),
    "hostility": (("hostility",), -1),
}
_ADVERSARY_TERMS = ("territorial_dispute", "sanctions", "rivalry", "hostility")
_OPPOSED = {frozenset(("democracy", "autocracy"))}


@dataclass(frozen=True)
class PropensityResult:
    """Sizes, propensity matrix and its per-term breakdown.

    Attributes
    ----------
    actors : tuple of str
        Players.
    year : int
    sizes : ndarray, shape (n,)
        Capability-index shares (sum to 1).
    matrix : ndarray, shape (n, n)
        ``P = sum_t weight_t * raw_t`` (symmetric, zero diagonal).
    term_names : tuple of str
    weights : ndarray, shape (K,)
    raw : ndarray, shape (K, n, n)
        Signed raw inputs per term.
    evidence : dict
        ``(term, a, b)`` with ``a < b`` -> tuple of evidence strings (relation ids with
        sources, or the computation).
    specs : dict
        Term name -> :class:`TermSpec`.
    excluded : tuple of str
        Default players left out because every propensity to them is zero.
    """

    actors: tuple[str, ...]
    year: int
    sizes: NDArray[np.float64]
    matrix: NDArray[np.float64]
    term_names: tuple[str, ...]
    weights: NDArray[np.float64]
    raw: NDArray[np.float64]
    evidence: dict[tuple[str, str, str], tuple[str, ...]] = field(default_factory=dict)
    specs: dict[str, TermSpec] = field(default_factory=dict)
    excluded: tuple[str, ...] = ()

    @property
    def contributions(self) -> NDArray[np.float64]:
        """``weights[:, None, None] * raw``: the terms as they enter ``P``."""
        out: NDArray[np.float64] = self.weights[:, None, None] * self.raw
        return out

    def explain(self, a: str, b: str) -> dict[str, Any]:
        """Which terms made ``p_ab``: term, raw input, weight, contribution, evidence.

        Raises
        ------
        ModelError
            If ``a`` or ``b`` is not a player, or ``a == b``.
        """
        for code in (a, b):
            if code not in self.actors:
                raise ModelError(
                    f"{code!r} is not a player in {self.year}; players: {', '.join(self.actors)}"
                )
        if a == b:
            raise ModelError("--explain needs two different actors")
        i, j = self.actors.index(a), self.actors.index(b)
        key = tuple(sorted((a, b)))
        terms = []
        for k, t in enumerate(self.term_names):
            terms.append(
                {
                    "term": t,
                    "raw": float(self.raw[k, i, j]),
                    "weight": float(self.weights[k]),
                    "contribution": float(self.weights[k] * self.raw[k, i, j]),
                    "evidence": list(self.evidence.get((t, key[0], key[1]), ())),
                    "why": self.specs[t].why if t in self.specs else "",
                }
            )
        return pair_explanation(a, b, self.year, (i, j), self.matrix, self.sizes, terms)

    def without(self, term: str) -> NDArray[np.float64]:
        """The propensity matrix with ``term`` switched off."""
        k = self.term_names.index(term)
        out: NDArray[np.float64] = self.matrix - self.weights[k] * self.raw[k]
        return out


def pair_explanation(
    a: str,
    b: str,
    year: int,
    index: tuple[int, int],
    matrix: NDArray[np.float64],
    sizes: NDArray[np.float64],
    terms: list[dict[str, Any]],
) -> dict[str, Any]:
    """The ``--explain`` object of one pair: its propensity, both sizes and the term rows.

    Parameters
    ----------
    a, b : str
        The pair's actor codes.
    year : int
        The year the propensity is read at.
    index : tuple of int
        Positions ``(i, j)`` of ``a`` and ``b`` in ``matrix`` and ``sizes``.
    matrix : ndarray (n, n)
        Propensity matrix.
    sizes : ndarray (n,)
        Actor sizes (capability shares).
    terms : list of dict
        One row per term (``term``, ``raw``, ``weight``, ``contribution``, ``evidence``,
        ``why``).

    Returns
    -------
    dict
        ``a``, ``b``, ``year``, ``p``, ``size_a``, ``size_b`` and ``terms``.
    """
    i, j = index
    return {
        "a": a,
        "b": b,
        "year": year,
        "p": float(matrix[i, j]),
        "size_a": float(sizes[i]),
        "size_b": float(sizes[j]),
        "terms": terms,
    }


def _year(text: str) -> int | None:
    text = text.strip()
    return int(text[:4]) if len(text) >= 4 and text[:4].isdigit() else None


def players(dataset: Dataset, year: int | None = None) -> tuple[str, ...]:
    """States and territories with a positive capability index in ``year`` (data order)."""
    from realpolitik.engines.power import capability_index

    states = tuple(a.code for a in dataset.states)
    if not states:
        raise ModelError("the data set has no states or territories to align")
    ci = capability_index(dataset, year).as_dict()
    return tuple(a for a in states if ci.get(a, 0.0) > 0)


def _gdp(dataset: Dataset, actor: str, year: int) -> tuple[float, int] | None:
    rows = [
        c
        for c in dataset.capabilities
        if c.actor == actor and c.indicator == "gdp_nominal" and c.year <= year and c.value > 0
    ]
    if not rows:
        return None
    best = max(rows, key=lambda c: c.year)
    return best.value, best.year


def _specs(weights: Mapping[str, float] | str | Path | None) -> dict[str, TermSpec]:
    """Term specs of a preset name, a TOML path, or a mapping over the default preset."""
    if weights is None or weights in PRESETS:
        return preset_weights(str(weights or DEFAULT_PRESET))
    if isinstance(weights, str | Path):
        return load_weights(weights)
    specs = preset_weights(DEFAULT_PRESET)
    for name, value in weights.items():
        if name not in specs:
            raise ModelError(f"unknown propensity term {name!r}; terms: {', '.join(TERMS)}")
        specs[name] = TermSpec(name, float(value), specs[name].why, specs[name].cite)
    return specs


def preset_weights(preset: str) -> dict[str, TermSpec]:
    """Term specs of a named preset: ``"fitted"`` (the default) or ``"judgement"``.

    The fitted preset takes the mean of :func:`~realpolitik.engines.alignment.weights.
    load_weight_draws` and keeps the judgement file's citation, with the basis in ``why``.

    Examples
    --------
    >>> preset_weights("judgement")["rivalry"].weight
    1.0
    >>> preset_weights("fitted")["alliance"].weight
    1.0
    """
    from realpolitik.engines.alignment.weights import load_weight_draws

    specs = load_weights()
    if preset == "judgement":
        return specs
    draws = load_weight_draws(preset)
    for t, w in zip(draws.terms, draws.mean, strict=True):
        fitted = not np.isclose(w, specs[t].weight) or t == "alliance"
        why = f"fitted ({draws.source})" if fitted else specs[t].why
        specs[t] = TermSpec(t, float(w), why, specs[t].cite)
    return specs


def _check_players(dataset: Dataset, codes: tuple[str, ...], y: int) -> None:
    for c in codes:
        try:
            kind = dataset.actor(c).kind
        except KeyError:
            raise ModelError(f"actor {c!r} is not in the data set") from None
        if kind not in ("state", "territory"):
            raise ModelError(f"{c!r} is a {kind}; only states and territories are players")
    if len(codes) < 2:
        raise ModelError(f"fewer than two players with capability data in {y}")


class _Terms:
    """The raw term tensor under construction, with its evidence notes."""

    def __init__(self, codes: tuple[str, ...]) -> None:
        self.codes = codes
        self.pos = {c: i for i, c in enumerate(codes)}
        self.raw = np.zeros((len(TERMS), len(codes), len(codes)))
        self.evidence: dict[tuple[str, str, str], list[str]] = {}
        self.k = {t: k for k, t in enumerate(TERMS)}

    def note(self, term: str, a: str, b: str, text: str) -> None:
        x, y = sorted((a, b))
        self.evidence.setdefault((term, x, y), []).append(text)

    def set(self, term: str, a: str, b: str, value: float) -> None:
        i, j, k = self.pos[a], self.pos[b], self.k[term]
        self.raw[k, i, j] = self.raw[k, j, i] = value

    def pairs(self) -> list[tuple[str, str]]:
        return [(a, b) for a in self.codes for b in self.codes if a < b]


_Trade = dict[frozenset[str], tuple[int, float, str]]
_Adversaries = dict[str, dict[str, tuple[str, float]]]


def _relations(dataset: Dataset, y: int, t: _Terms) -> tuple[_Adversaries, _Trade]:
    """Relation terms of the year; returns every actor's adversaries and the trade values."""
    kind_term = {kind: term for term, (kinds, _) in _RELATION_TERMS.items() for kind in kinds}
    adversaries: _Adversaries = {}
    trade: _Trade = {}
    for r in dataset.relations:
        start, end = _year(r.start), _year(r.end)
        if r.kind == "trade_value":
            if start is not None and start > y:
                continue
            key2 = frozenset((r.a, r.b))
            yr = start if start is not None else -1
            if key2 not in trade or yr > trade[key2][0]:
                trade[key2] = (yr, r.weight, f"{r.id} [{';'.join(r.source_ids)}]")
            continue
        if (start is not None and start > y) or (end is not None and end < y):
            continue
        term = kind_term.get(r.kind)
        if term is None or r.a == r.b:
            continue
        if term in _ADVERSARY_TERMS:
            for u, v in ((r.a, r.b), (r.b, r.a)):
                prev = adversaries.setdefault(u, {}).get(v)
                if prev is None or abs(float(r.weight)) > prev[1]:
                    adversaries[u][v] = (r.id, abs(float(r.weight)))
        if r.a in t.pos and r.b in t.pos:
            k, sign = t.k[term], _RELATION_TERMS[term][1]
            strength = abs(float(r.weight))
            if strength > abs(t.raw[k, t.pos[r.a], t.pos[r.b]]):
                t.set(term, r.a, r.b, sign * strength)
            t.note(term, r.a, r.b, f"{r.id} ({r.kind}, {strength:g}) [{';'.join(r.source_ids)}]")
    return adversaries, trade


def _trade_dependence(dataset: Dataset, y: int, trade: _Trade, t: _Terms) -> None:
    """Latest trade value at or before the year over the geometric mean of the GDPs."""
    for key2, (yr, value, ev) in trade.items():
        pair = sorted(key2)
        if len(pair) != 2 or pair[0] not in t.pos or pair[1] not in t.pos:
            continue
        a, b = pair
        ga, gb = _gdp(dataset, a, y), _gdp(dataset, b, y)
        if ga is None or gb is None:
            t.note("trade_dependence", a, b, f"{ev}: no nominal GDP for {a if ga is None else b}")
            continue
        pct = 100.0 * value / float(np.sqrt(ga[0] * gb[0]))
        t.set("trade_dependence", a, b, pct)
        t.note(
            "trade_dependence",
            a,
            b,
            f"{ev}: {value:g} bn ({yr}) / sqrt(GDP {a} {ga[0]:g} ({ga[1]}) x GDP {b} "
            f"{gb[0]:g} ({gb[1]})) = {pct:.3g}%",
        )


def _regime_and_threats(dataset: Dataset, adversaries: _Adversaries, t: _Terms) -> None:
    """Regime similarity and shared threats (third actors with a negative tie to both)."""
    for a, b in t.pairs():
        ra, rb = dataset.actor(a).regime, dataset.actor(b).regime
        if ra and rb and "hybrid" not in (ra, rb):
            sim = 1.0 if ra == rb else (-1.0 if frozenset((ra, rb)) in _OPPOSED else 0.0)
            if sim:
                t.set("regime_similarity", a, b, sim)
                t.note("regime_similarity", a, b, f"actors.csv regime: {a} {ra}, {b} {rb}")
        common = sorted(set(adversaries.get(a, {})) & set(adversaries.get(b, {})) - {a, b})
        total = 0.0
        for c in common:
            (ida, sa), (idb, sb) = adversaries[a][c], adversaries[b][c]
            total += min(sa, sb)
            t.note(
                "shared_threats",
                a,
                b,
                f"common adversary {c}: {ida} ({sa:g}), {idb} ({sb:g}) -> {min(sa, sb):g}",
            )
        if common:
            t.set("shared_threats", a, b, total)


def _event_tone(tones: Mapping[tuple[str, str], float] | None, t: _Terms) -> None:
    for (a, b), tone in (tones or {}).items():
        if a in t.pos and b in t.pos and a != b:
            if not -1.0 <= float(tone) <= 1.0:
                raise ModelError(f"event tone of {a}-{b} is {tone}; tones lie in [-1, 1]")
            t.set("event_tone", a, b, float(tone))
            t.note("event_tone", a, b, f"mean event tone {float(tone):+.3g} (ingested evidence)")


def propensity_matrix(
    dataset: Dataset,
    year: int | None = None,
    weights: Mapping[str, float] | str | Path | None = None,
    *,
    actors: Sequence[str] | None = None,
    event_tone: Mapping[tuple[str, str], float] | None = None,
) -> PropensityResult:
    """Sizes and the propensity matrix of ``dataset`` in ``year``, with every term.

    Parameters
    ----------
    dataset : Dataset
    year : int, optional
        Default: the data set's base year.
    weights : mapping, preset name, path or None
        ``None`` or ``"fitted"``: the fitted weights (:func:`preset_weights`);
        ``"judgement"``: the judgement weights of ``propensity.toml``; a TOML file in the
        format of the built-in one; or a mapping ``term -> weight`` that overrides the fitted
        preset's values for the terms it names.
    actors : sequence of str, optional
        Players (default :func:`players`, less those with no non-zero propensity, which are
        listed in ``excluded``).
    event_tone : mapping, optional
        ``(a, b) -> mean tone in [-1, 1]`` from ingested evidence.

    Returns
    -------
    PropensityResult

    Examples
    --------
    >>> from realpolitik.data import load_dataset
    >>> r = propensity_matrix(load_dataset(), 2025)
    >>> bool(r.matrix[r.actors.index("USA"), r.actors.index("JPN")] > 0)
    True
    >>> bool(abs(r.sizes.sum() - 1) < 1e-9)
    True
    """
    from realpolitik.engines.power import capability_index

    y = int(year if year is not None else dataset.base_year)
    specs = _specs(weights)
    if actors is None:
        # Default players; drop those with no tie at all (they would only duplicate minima).
        wmap = {t: sp.weight for t, sp in specs.items()}
        first = propensity_matrix(
            dataset, y, wmap, actors=players(dataset, y), event_tone=event_tone
        )
        isolated = [c for i, c in enumerate(first.actors) if not np.any(first.matrix[i])]
        kept = [c for c in first.actors if c not in isolated]
        result = propensity_matrix(dataset, y, wmap, actors=kept, event_tone=event_tone)
        return PropensityResult(**{**result.__dict__, "specs": specs, "excluded": tuple(isolated)})
    codes = tuple(actors)
    _check_players(dataset, codes, y)
    t = _Terms(codes)
    adversaries, trade = _relations(dataset, y, t)
    _trade_dependence(dataset, y, trade, t)
    _regime_and_threats(dataset, adversaries, t)
    _event_tone(event_tone, t)
    wvec = np.array([specs[name].weight for name in TERMS])
    matrix = np.einsum("k,kij->ij", wvec, t.raw)
    np.fill_diagonal(matrix, 0.0)
    sizes = capability_index(dataset, y, actors=codes).shares
    if np.any(sizes <= 0):
        zero = [c for c, s in zip(codes, sizes, strict=True) if s <= 0]
        raise ModelError(f"no capability data for {', '.join(zero)} in {y}: they cannot play")
    return PropensityResult(
        actors=codes,
        year=y,
        sizes=np.asarray(sizes, dtype=float),
        matrix=matrix,
        term_names=TERMS,
        weights=wvec,
        raw=t.raw,
        evidence={key: tuple(v) for key, v in t.evidence.items()},
        specs=specs,
    )


def propensity_terms(
    dataset: Dataset, actors: Sequence[str], year: int
) -> tuple[tuple[str, ...], NDArray[np.float64]]:
    """Term names and weighted contributions ``(K, n, n)`` for the scenario engine.

    ``contributions.sum(axis=0)`` is the propensity matrix of :func:`propensity_matrix`.
    """
    r = propensity_matrix(dataset, year, actors=actors)
    return r.term_names, r.contributions

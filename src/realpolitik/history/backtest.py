"""The backtest: forecasts from each base year's system, scored against what happened.

For every base year and horizon ``h``, the landscape ensemble (:mod:`realpolitik.history.
ensemble`) gives each pair of players present at the base the probability of being on one
side at ``base + h``; the observed alignment (:mod:`realpolitik.history.observed`) says what
happened. The named baselines (:mod:`realpolitik.history.baselines`) are scored on the same
rows. Scores: accuracy, Brier and log score of the pair probabilities
(:mod:`realpolitik.history.scores`) on all scored pairs; the change itself scored with proper
scores (Brier and log score of the probability of a change of same-side between the base and
``base + h``, average precision over the pairs that changed), never on a subset chosen by the
outcome; every Brier difference to the landscape with a 90% pair-clustered bootstrap interval;
the adjusted Rand index of the modal partition against the
observed camps (players in the largest observed component), averaged over base years.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from realpolitik.errors import InputError
from realpolitik.history import baselines as bl
from realpolitik.history.ensemble import Forecast, region_forecast
from realpolitik.history.observed import ObservedAlignment
from realpolitik.history.pairs import observed_cached
from realpolitik.history.players import ASIA_PACIFIC
from realpolitik.history.scores import (
    accuracy,
    adjusted_rand,
    average_precision,
    brier,
    log_score,
)
from realpolitik.history.system import FIRST_YEAR, LAST_YEAR

__all__ = ["MODELS", "BacktestResult", "Row", "run_backtest"]

MODELS: tuple[tuple[str, str | None], ...] = (
    ("landscape", None),
    ("persistence", "0/1"),
    ("persistence", "smoothed"),
    ("alliances", None),
    ("base_rate", None),
)
"""(model, variant) pairs scored."""


@dataclass(frozen=True)
class Row:
    """One scored pair: probabilities of every model beside the outcome."""

    base: int
    horizon: int
    a: str
    b: str
    observed: bool
    observed_base: bool | None
    p: dict[tuple[str, str | None], float]


@dataclass
class BacktestResult:
    """Rows, partitions' ARIs and the JSON of ``realpolitik backtest --json``."""

    rows: list[Row]
    ari: dict[tuple[str, str | None, int], list[tuple[int, float]]] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)

    def scores(self) -> list[dict[str, Any]]:
        """Score rows: model, variant, horizon, pairs, n, accuracy, brier, log_score, ari, ...

        ``pairs == "all"`` scores P(same side at base + h) on every scored pair; ``pairs ==
        "change"`` scores P(change of same-side between base and base + h) on every pair
        scored in both years (Brier, log score, accuracy at 0.5, and ``average_precision``
        over the pairs that changed). ``brier_diff`` is the model's Brier minus the
        landscape's on the same rows, with ``brier_diff_ci90`` its 90% interval from a
        bootstrap over pairs (all rows of a pair resampled together).
        """
        out = []
        for h in sorted({r.horizon for r in self.rows}):
            rows = [r for r in self.rows if r.horizon == h]
            for subset in ("all", "change"):
                out.extend(self._subset_scores(h, subset, rows))
        return out

    def _subset_scores(self, h: int, subset: str, rows: list[Row]) -> list[dict[str, Any]]:
        if subset == "change":
            rows = [r for r in rows if r.observed_base is not None]
        y = np.array([_outcome(r, subset) for r in rows])
        cluster = _clusters(rows)
        probs = {key: np.array([_prob(r, key, subset) for r in rows]) for key in MODELS}
        ref = probs[("landscape", None)]
        out = []
        for model, variant in MODELS:
            p = probs[(model, variant)]
            aris = [v for _, v in self.ari.get((model, variant, h), [])]
            ari = round(float(np.mean(aris)), 6) if subset == "all" and aris else None
            diff, ci = (None, None)
            if model != "landscape" and y.size:
                diff, ci = _brier_diff(p, ref, y, cluster)
            out.append(
                {
                    "model": model,
                    "variant": variant,
                    "horizon": h,
                    "pairs": subset,
                    "n": int(y.size),
                    "accuracy": _num(accuracy(p, y)),
                    "brier": _num(brier(p, y)),
                    "log_score": _num(log_score(p, y)) if y.size else None,
                    "ari": ari,
                    "average_precision": _num(average_precision(p, y))
                    if subset == "change"
                    else None,
                    "brier_diff": diff,
                    "brier_diff_ci90": ci,
                }
            )
        return out

    def subset(self, first: int, last: int) -> BacktestResult:
        """The rows and ARIs of base years ``first..last`` only."""
        return BacktestResult(
            rows=[r for r in self.rows if first <= r.base <= last],
            ari={k: [(b, v) for b, v in vs if first <= b <= last] for k, vs in self.ari.items()},
            settings={**self.settings, "from": first, "to": last},
        )

    def change_events(self) -> list[dict[str, Any]]:
        """Every pair whose side changed between base and base + h, with the model's p."""
        return [
            {
                "base": r.base,
                "horizon": r.horizon,
                "a": r.a,
                "b": r.b,
                "observed_same_side": r.observed,
                "p_same_side": round(r.p[("landscape", None)], 4),
            }
            for r in self.rows
            if r.observed_base is not None and r.observed_base != r.observed
        ]


def _num(x: float) -> float | None:
    return None if not np.isfinite(x) else round(float(x), 6)


BOOT = 1000
"""Bootstrap draws of the pair-clustered intervals."""


def _outcome(r: Row, subset: str) -> float:
    if subset == "change":
        return float(r.observed != r.observed_base)
    return float(r.observed)


def _prob(r: Row, key: tuple[str, str | None], subset: str) -> float:
    p = r.p[key]
    if subset == "change":
        return p if not r.observed_base else 1.0 - p
    return p


def _clusters(rows: Sequence[Row]) -> NDArray[np.int64]:
    ids: dict[tuple[str, str], int] = {}
    return np.array([ids.setdefault((r.a, r.b), len(ids)) for r in rows], dtype=np.int64)


def _brier_diff(
    p: NDArray[np.float64],
    ref: NDArray[np.float64],
    y: NDArray[np.float64],
    cluster: NDArray[np.int64],
) -> tuple[float | None, list[float] | None]:
    """Brier(p) - Brier(ref) with a 90% pair-clustered bootstrap interval (fixed seed)."""
    from realpolitik._rng import as_generator

    d = (p - y) ** 2 - (ref - y) ** 2
    k = int(cluster.max()) + 1
    sums = np.bincount(cluster, weights=d, minlength=k)
    counts = np.bincount(cluster, minlength=k).astype(float)
    draws = as_generator(0).integers(0, k, size=(BOOT, k))
    w = np.apply_along_axis(np.bincount, 1, draws, minlength=k).astype(float)
    boot = (w @ sums) / np.maximum(w @ counts, 1.0)
    lo, hi = np.percentile(boot, [5, 95])
    return _num(float(d.mean())), [round(float(lo), 6), round(float(hi), 6)]


def _labels(
    players: Sequence[str], obs: ObservedAlignment, assign: dict[str, int]
) -> tuple[list[int], list[int]] | None:
    comps = [obs.component[a] for a in players if a in obs.component]
    if not comps:
        return None
    big = max(set(comps), key=comps.count)
    nodes = [a for a in players if obs.component.get(a) == big]
    if len(nodes) < 2:
        return None
    return [obs.side[a] for a in nodes], [assign[a] for a in nodes]


def _score_base(f: Forecast, players: Sequence[str], result: BacktestResult) -> None:
    ob = observed_cached(f.base, players)
    rate = bl.base_rate(ob)
    comp = bl.defence_components(f.base, f.players)
    for t, h in enumerate(f.horizons):
        ot = observed_cached(f.base + h, players)
        eps = bl.flip_rate(observed_cached(f.base - h, players), ob)
        modal = {a: int(f.modal[t, i]) for i, a in enumerate(f.players)}
        persist = {
            a: ob.side.get(a, 2 + i) * 1 + 10 * ob.component.get(a, -1 - i)
            for i, a in enumerate(f.players)
        }
        parts: dict[tuple[str, str | None], dict[str, int]] = {
            ("landscape", None): modal,
            ("persistence", "0/1"): persist,
            ("persistence", "smoothed"): persist,
            ("alliances", None): comp,
        }
        for key, assign in parts.items():
            lab = _labels(f.players, ot, assign)
            if lab is not None:
                result.ari.setdefault((*key, h), []).append((f.base, adjusted_rand(*lab)))
        for i, a in enumerate(f.players):
            for j in range(i + 1, len(f.players)):
                b = f.players[j]
                s = ot.same_side(a, b)
                if s is None:
                    continue
                s0 = ob.same_side(a, b)
                p01 = rate if s0 is None else float(s0)
                psm = rate if s0 is None else eps + (1 - 2 * eps) * float(s0)
                result.rows.append(
                    Row(
                        base=f.base,
                        horizon=h,
                        a=a,
                        b=b,
                        observed=bool(s),
                        observed_base=s0,
                        p={
                            ("landscape", None): float(f.p_same[t, i, j]),
                            ("persistence", "0/1"): p01,
                            ("persistence", "smoothed"): psm,
                            ("alliances", None): float(comp[a] == comp[b]),
                            ("base_rate", None): rate,
                        },
                    )
                )


def run_backtest(
    *,
    start: int = 1955,
    stop: int = 2015,
    step: int = 5,
    horizons: Sequence[int] = (5, 10),
    members: int = 1000,
    seed: int = 0,
    players: Sequence[str] = ASIA_PACIFIC,
    weights: str = "fitted",
) -> BacktestResult:
    """Run the backtest (see the module docstring); defaults as ``realpolitik backtest``.

    Raises
    ------
    InputError
        Bad years, step, horizons or members.
    """
    from realpolitik.history.weights import history_weights

    if step < 1 or members < 1 or not horizons or min(horizons) < 1:
        raise InputError("--step, --members and every --horizon must be >= 1")
    if start > stop or start < FIRST_YEAR + max(horizons) or stop > LAST_YEAR:
        raise InputError(
            f"base years {start}-{stop}: they must lie in {FIRST_YEAR + max(horizons)}-"
            f"{LAST_YEAR} (the first base needs {max(horizons)} years of history before it)"
        )
    w = history_weights(weights)
    result = BacktestResult(
        rows=[],
        settings={
            "from": start,
            "to": stop,
            "step": step,
            "horizons": list(horizons),
            "members": members,
            "seed": seed,
            "players": list(players),
            "weights": weights,
            "weights_source": w.source,
        },
    )
    for base in range(start, stop + 1, step):
        f = region_forecast(base, tuple(horizons), tuple(players), weights, members, seed)
        _score_base(f, players, result)
    return result


def pair_arrays(
    result: BacktestResult, model: tuple[str, str | None] = ("landscape", None)
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """``(p, y)`` of every row (for reliability diagrams)."""
    p = np.array([r.p[model] for r in result.rows])
    y = np.array([float(r.observed) for r in result.rows])
    return p, y

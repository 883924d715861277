"""A plain per-pair Python loop implementation of the expected-utility model (test oracle).

Written independently of the vectorised :func:`~.expected_utility.expected_utility`, one actor
pair at a time, with the same :class:`~.options.EUMOptions`. Tests check that both agree on small
random inputs; the speed benchmark times both in the same run. Not for production use: O(n^3)
Python operations per round.

Examples
--------
>>> x = [4, 7, 4, 4, 10, 10, 10, 7, 4, 7]
>>> c = [.08, .08, .03, .16, .16, .16, .16, .05, .05, .08]
>>> s = [.8, .4, .2, .8, .6, .6, .9, .1, 1.0, .7]
>>> [round(m, 1) for m in reference_expected_utility(x, c, s, rounds=3)["medians"]]
[7.0, 8.4, 9.6, 10.0]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from realpolitik.engines.bargaining.options import EUMOptions

__all__ = ["reference_expected_utility"]

_INF = math.inf
_EPS = 1e-12


def _median(x: list[float], w: list[float], kind: str) -> float:
    n = len(x)
    if kind == "weighted_median":
        order = sorted(range(n), key=lambda k: x[k])
        total = sum(w)
        acc = 0.0
        for k in order:
            acc += w[k]
            if acc >= 0.5 * total - 1e-12 * max(1.0, total):
                return x[k]
        return x[order[-1]]
    # Condorcet: running winner of pairwise votes over the positions in ascending order
    best = None
    best_d = _INF
    dists = []
    for p in range(n):
        dists.append(sum(w[k] * abs(x[k] - x[p]) for k in range(n)))
    scale = max(1.0, max(abs(v) for v in dists))
    dmin = min(dists)
    for p in sorted(range(n), key=lambda k: x[k]):
        if dists[p] <= dmin + 1e-12 * scale and (best is None or x[p] < best):
            best = x[p]
            best_d = dists[p]
    assert best is not None and best_d < _INF
    return best


def _risk_from(exposure: list[float]) -> list[float]:
    hi, lo = max(exposure), min(exposure)
    out = []
    for e in exposure:
        big = (2 * e - hi - lo) / (hi - lo) if hi > lo else 0.0
        big = min(1.0, max(-1.0, big))
        out.append(min(2.0, max(0.5, (1 - big / 3) / (1 + big / 3))))
    return out


def _least(cands: list[float], xi: float) -> float | None:
    """The candidate closest to ``xi`` (ties: the lowest), or None."""
    if not cands:
        return None
    m = min(abs(v - xi) for v in cands)
    tol = 1e-12 * (1.0 + abs(xi))
    return min(v for v in cands if abs(v - xi) <= m + tol)


def _best_compromise(
    cc: str, comp: list[tuple[float, float, float, float]], xi: float
) -> float | None:
    """The compromise offer ``i`` accepts among ``(target, eij, eji, xj)`` by rule ``cc``."""
    if not comp:
        return None
    if cc == "least_move":
        return _least([f[0] for f in comp], xi)
    if cc == "lowest_key":
        keys = []
        for tgt, eij, eji, xj in comp:
            a, b = abs(eij), abs(eji)
            keys.append(((a * xi + b * xj) / (a + b), tgt))
        kmin = min(k for k, _ in keys)
        tol = 1e-12 * (1.0 + abs(kmin))
        return _least([tgt for k, tgt in keys if k <= kmin + tol], xi)
    if cc == "most_credible":
        cmax = max(f[2] for f in comp)
        tol = 1e-12 * (1.0 + abs(cmax))
        return _least([f[0] for f in comp if f[2] >= cmax - tol], xi)
    tot = sum(f[2] for f in comp)
    return sum(f[2] * f[0] for f in comp) / tot


@dataclass
class _Round:
    """One round of the model, written with loops: win probabilities, expected utilities,
    risk from exposure, and every actor's new position."""

    o: EUMOptions
    x: list[float]
    w: list[float]
    s: list[float]
    d: float
    mu: float
    q: float
    t: float | None
    global_den: dict[tuple[float, ...], float] = field(default_factory=dict)

    def u(self, k: int, a: int, r: list[float]) -> float:
        base = abs(self.x[k] - self.x[a]) / self.d
        return base ** r[k] if self.o.win_probability == "global" else base

    def prob(self, i: int, j: int, r: list[float]) -> float:
        n, w = len(self.x), self.w
        num = 0.0
        den = 0.0
        for k in range(n):
            v = w[k] * (self.u(k, j, r) - self.u(k, i, r))
            num += max(0.0, v)
            if self.o.win_probability == "pair":
                den += abs(v)
        if self.o.win_probability == "global":
            key = tuple(r)
            if key not in self.global_den:  # the same for every pair: computed once per r
                tot = 0.0
                for k in range(n):
                    for a in range(n):
                        for b in range(n):
                            tot += abs(w[k] * (self.u(k, b, r) - self.u(k, a, r)))
                self.global_den[key] = tot
            den = self.global_den[key]
        if den > 1e-300:
            return num / den
        return 0.5 if self.o.win_probability == "pair" and self.x[i] != self.x[j] else 0.0

    def eu(self, i: int, j: int, p: float, risk: float) -> float:
        if i == j:
            return 0.0
        xs, d, q = self.x, self.d, self.q
        dist = abs(xs[i] - xs[j]) / d
        us = 2 - 4 * (0.5 - 0.5 * dist) ** risk
        uf = 2 - 4 * (0.5 + 0.5 * dist) ** risk
        usq = 2 - 4 * 0.5**risk
        val = self.s[j] * (p * us + (1 - p) * uf) + (1 - self.s[j]) * us - q * usq
        if q != 1.0:
            dmu = abs(xs[i] - self.mu) / d
            tt = self.t if self.t is not None else (1.0 if dmu < dist else 0.0)
            ub = 2 - 4 * max(0.5 - 0.25 * (dmu + dist), 0.0) ** risk
            uw = 2 - 4 * (0.5 + 0.25 * (dmu + dist)) ** risk
            val -= (1 - q) * (tt * ub + (1 - tt) * uw)
        return float(val)

    def exposure(self, r: list[float]) -> list[float]:
        n = len(self.x)
        return [
            sum(self.eu(j, i, self.prob(j, i, r), r[j]) for j in range(n) if j != i)
            for i in range(n)
        ]

    def risk(self) -> list[float]:
        n = len(self.x)
        r = [1.0] * n
        if self.o.risk_update == "simultaneous":
            return _risk_from(self.exposure(r))
        for k in range(n):
            r[k] = _risk_from(self.exposure(r))[k]
        return r

    def new_position(self, i: int, r: list[float]) -> float:
        o, x = self.o, self.x
        conf: list[float] = []
        comp: list[tuple[float, float, float, float]] = []  # target, eij, eji, xj
        cap: list[float] = []
        for j in range(len(x)):
            if x[i] == x[j]:
                continue
            pij = self.prob(i, j, r)
            pji = self.prob(j, i, r)
            eij = self.eu(i, j, pij, r[i])
            eji = self.eu(j, i, pji, r[i] if o.perspective == "evaluator" else r[j])
            if eji > eij + _EPS and eij > _EPS:
                if o.conflict_move == "full":
                    conf.append(x[j])
                else:
                    frac = pji / (pij + pji) if pij + pji > 0 else 0.0
                    conf.append(x[i] + frac * (x[j] - x[i]))
            elif eji > _EPS and eij < -_EPS and eji > -eij + _EPS:
                comp.append((x[i] + (x[j] - x[i]) * abs(eij / eji), eij, eji, x[j]))
            elif o.capitulation and eji > _EPS and eij < -_EPS:
                cap.append(x[j])
        best_comp = _best_compromise(o.compromise_choice, comp, x[i])
        offers = (_least(conf, x[i]), best_comp, _least(cap, x[i]))
        if o.offer_choice == "by_type":
            return next((v for v in offers if v is not None), x[i])
        pick = _least([v for v in offers if v is not None], x[i])
        return x[i] if pick is None else pick


def reference_expected_utility(
    positions: Sequence[float],
    capabilities: Sequence[float],
    saliences: Sequence[float],
    *,
    options: EUMOptions | None = None,
    rounds: int = 10,
    q: float = 1.0,
    t: float | None = None,
) -> dict[str, list[float] | list[list[float]]]:
    """Run the model with loops; returns ``{"positions", "medians", "means", "risk"}`` lists."""
    o = options if options is not None else EUMOptions.preset("scholz2011")
    x = [float(v) for v in positions]
    c = [float(v) for v in capabilities]
    s = [float(v) for v in saliences]
    n = len(x)
    w = [c[k] * s[k] for k in range(n)]
    wsum = sum(w)
    d0 = max(x) - min(x)
    traj = [list(x)]
    meds = [_median(x, w, o.median)]
    means = [sum(w[k] * x[k] for k in range(n)) / wsum]
    risks: list[list[float]] = []
    for _ in range(rounds):
        d = d0 if o.position_range == "fixed" else max(x) - min(x)
        rnd = _Round(o, x, w, s, d if d > 0 else 1.0, _median(x, w, o.median), q, t)
        r = rnd.risk()
        risks.append(list(r))
        x = [rnd.new_position(i, r) for i in range(n)]
        traj.append(list(x))
        meds.append(_median(x, w, o.median))
        means.append(sum(w[k] * x[k] for k in range(n)) / wsum)
    return {"positions": traj, "medians": meds, "means": means, "risk": risks}

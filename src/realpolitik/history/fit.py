"""Propensity weights from data: a logistic model of same-side at base + h on the terms at base.

``logit P(same side at base + h) = b0 + sum_k beta_k raw_k(base)``, pooled over the horizons,
fitted on base years up to 1990 whose outcome year (base + h) falls before the first test base
year (an embargo: no training label is dated in the test period) and evaluated on base years
1995-2015. The fit is Bayesian
(posterior mode under weak Gaussian priors, :func:`fit_logit`): with the ties of the observed
alignment left out, every allied pair of the training years stayed on one side, so maximum
likelihood would put an infinite weight on alliances. ``tests/history`` checks that with a
flat prior the estimate equals statsmodels' maximum likelihood on data that do not separate.
Uncertainty: a cluster bootstrap that resamples *pairs* (all rows of a pair
together, since a pair's rows over the years are far from independent) and refits.

The judgement weights are compared on the same test rows fairly: their weighted sum enters a
logistic model with a fitted intercept and scale (two parameters fitted on the training rows),
so only the *relative* weights, which are what the landscape uses, are compared.

The history weights are the fitted ``beta`` with the intercept ``b0`` as the weight of the
``constant`` term (raw 1 for every pair), so that a pair's propensity is its fitted log-odds
of being on one side: 0 means "as likely apart as together". :func:`east_asia_rows` maps
them onto the East Asia terms (:data:`realpolitik.history.weights.TERM_MAP`), each draw
divided by its alliance weight (the landscape is invariant to a common positive scale, and
East Asia's judgement weights are on the alliance = 1 scale).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from realpolitik._rng import RNGLike, as_generator
from realpolitik.errors import ModelError
from realpolitik.history.pairs import PairTable, pair_table
from realpolitik.history.players import ASIA_PACIFIC

__all__ = [
    "PRIOR_SD",
    "FitResult",
    "east_asia_rows",
    "fit_logit",
    "fit_weights",
    "history_rows",
    "log_score",
    "write_fit",
]

SOURCE = "realpolitik fit-weights: logistic fit on the history panel (docs/backtest.md)"


def log_score(p: NDArray[np.float64], y: NDArray[np.float64], eps: float = 1e-3) -> float:
    """Mean log probability of the outcomes (higher is better), ``p`` clipped to [eps, 1-eps].

    Examples
    --------
    >>> import numpy as np
    >>> round(log_score(np.array([0.5, 0.5]), np.array([1.0, 0.0])), 4)
    -0.6931
    """
    q = np.clip(p, eps, 1 - eps)
    return float(np.mean(np.where(y > 0.5, np.log(q), np.log(1 - q))))


PRIOR_SD = 2.5
"""Prior sd of each term weight (Gaussian, mean 0; Gelman et al. 2008's scale)."""
INTERCEPT_PRIOR_SD = 10.0
"""Prior sd of the intercept (weak)."""


def fit_logit(
    x: NDArray[np.float64],
    y: NDArray[np.float64],
    prior_sd: float | None = PRIOR_SD,
) -> NDArray[np.float64]:
    """Posterior mode ``[b0, beta_1..beta_K]`` of a logistic regression.

    Gaussian priors, mean 0, sd :data:`PRIOR_SD` on each weight and
    :data:`INTERCEPT_PRIOR_SD` on the intercept (``prior_sd=None``: plain maximum
    likelihood). Newton-Raphson on the log posterior, which is strictly concave with the
    prior, so the estimate exists even when a term separates the outcomes (in the history
    panel every allied pair stayed on one side: the maximum-likelihood alliance weight is
    infinite). Columns that are constant get weight 0 (their effect is the intercept's).
    """
    keep = np.ptp(x, axis=0) > 0
    X = np.column_stack([np.ones(x.shape[0]), x[:, keep]])
    k = X.shape[1]
    prec = np.zeros(k)
    if prior_sd is not None:
        prec[0] = 1.0 / INTERCEPT_PRIOR_SD**2
        prec[1:] = 1.0 / prior_sd**2
    b = np.zeros(k)
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(X @ b)))
        grad = X.T @ (y - p) - prec * b
        hess = (X * (p * (1 - p))[:, None]).T @ X + np.diag(prec)
        step = np.linalg.solve(hess + 1e-12 * np.eye(k), grad)
        b = b + step
        if np.max(np.abs(step)) < 1e-8:
            break
    out = np.zeros(x.shape[1] + 1)
    out[0] = b[0]
    out[1:][keep] = b[1:]
    return out


def _with_constant(coef: NDArray[np.float64], terms: tuple[str, ...]) -> NDArray[np.float64]:
    """Move the intercept onto the ``constant`` term (whose column is all ones)."""
    out = coef.copy()
    if "constant" in terms:
        out[1 + terms.index("constant")] = out[0]
        out[0] = 0.0
    return out


def _prob(coef: NDArray[np.float64], x: NDArray[np.float64]) -> NDArray[np.float64]:
    z = coef[0] + x @ coef[1:]
    out: NDArray[np.float64] = 1.0 / (1.0 + np.exp(-z))
    return out


@dataclass(frozen=True)
class FitResult:
    """A fit with its bootstrap and out-of-sample comparison.

    Attributes
    ----------
    terms : tuple of str
    coef : ndarray (K + 1,)
        ``[0, beta...]`` on the training rows (the intercept is the ``constant`` weight).
    draws : ndarray (B, K + 1)
        Bootstrap refits.
    n_train, n_test : int
    train_bases, test_bases : tuple of int
    horizons : tuple of int
    test_log_score : dict
        ``{"fitted": ..., "judgement": ..., "base_rate": ...}`` on the test rows.
    judgement_calibration : tuple of float
        Intercept and scale fitted for the judgement weights.
    """

    terms: tuple[str, ...]
    coef: NDArray[np.float64]
    draws: NDArray[np.float64]
    n_train: int
    n_test: int
    train_bases: tuple[int, ...]
    test_bases: tuple[int, ...]
    horizons: tuple[int, ...]
    test_log_score: dict[str, float] = field(default_factory=dict)
    judgement_calibration: tuple[float, float] = (0.0, 1.0)


def _bootstrap(tab: PairTable, n_boot: int, rng: RNGLike) -> NDArray[np.float64]:
    g = as_generator(rng)
    keys = np.array([f"{a}-{b}" for a, b in zip(tab.a, tab.b, strict=True)])
    pairs, inverse = np.unique(keys, return_inverse=True)
    rows_of = [np.flatnonzero(inverse == k) for k in range(pairs.size)]
    out = np.empty((n_boot, tab.x.shape[1] + 1))
    for d in range(n_boot):
        pick = g.integers(0, pairs.size, pairs.size)
        idx = np.concatenate([rows_of[k] for k in pick])
        out[d] = fit_logit(tab.x[idx], tab.y[idx])
    return out


def fit_weights(
    *,
    train_bases: Sequence[int] = tuple(range(1950, 1991)),
    test_bases: Sequence[int] = tuple(range(1995, 2016)),
    horizons: Sequence[int] = (5, 10),
    players: Sequence[str] = ASIA_PACIFIC,
    n_boot: int = 200,
    rng: RNGLike = 0,
) -> FitResult:
    """Fit on ``train_bases`` (embargoed), bootstrap, and score fitted vs judgement on
    ``test_bases``."""
    from realpolitik.history.weights import history_weights

    train = pair_table(train_bases, horizons, players).embargo(min(test_bases))
    test = pair_table(test_bases, horizons, players)
    if train.y.size < 20 or len(set(train.y.tolist())) < 2:
        raise ModelError("too few training rows with both outcomes to fit the weights")
    coef = _with_constant(fit_logit(train.x, train.y), train.terms)
    draws = np.array([_with_constant(d, train.terms) for d in _bootstrap(train, n_boot, rng)])
    jw = history_weights("judgement").mean
    cal = fit_logit((train.x @ jw)[:, None], train.y)
    scores = {
        "fitted": log_score(_prob(coef, test.x), test.y),
        "judgement": log_score(_prob(cal, (test.x @ jw)[:, None]), test.y),
        "base_rate": log_score(np.full(test.y.size, train.y.mean()), test.y),
    }
    return FitResult(
        terms=train.terms,
        coef=coef,
        draws=draws,
        n_train=int(train.y.size),
        n_test=int(test.y.size),
        train_bases=tuple(train_bases),
        test_bases=tuple(test_bases),
        horizons=tuple(horizons),
        test_log_score=scores,
        judgement_calibration=(float(cal[0]), float(cal[1])),
    )


def _label(fit: FitResult) -> str:
    hs = "/".join(map(str, fit.horizons))
    return (
        f"fit-weights {fit.train_bases[0]}-{fit.train_bases[-1]} h{hs} "
        f"labels<{min(fit.test_bases)} n={fit.n_train} B={len(fit.draws)}"
    )


def history_rows(fit: FitResult) -> list[dict[str, object]]:
    """Rows ``draw,term,weight,basis,source`` of the history weights (draw -1 = point fit)."""
    src = _label(fit)
    rows: list[dict[str, object]] = []
    for d, c in [(-1, fit.coef), *enumerate(fit.draws)]:
        for t, w in zip(fit.terms, c[1:], strict=True):
            rows.append(
                {
                    "draw": d,
                    "term": t,
                    "weight": round(float(w), 6),
                    "basis": "fitted",
                    "source": src,
                }
            )
    return rows


def east_asia_rows(fit: FitResult) -> list[dict[str, object]]:
    """The fitted weights mapped onto the East Asia terms (alliance = 1 in every draw)."""
    from realpolitik.engines.alignment.propensity import TERMS, load_weights
    from realpolitik.history.weights import TERM_MAP

    judgement = load_weights()
    inverse = {ea: h for h, ea in TERM_MAP.items() if ea is not None}
    k = {t: i for i, t in enumerate(fit.terms)}
    src = _label(fit) + ", TERM_MAP, /alliance"
    rows: list[dict[str, object]] = []
    for d, c in [(-1, fit.coef), *enumerate(fit.draws)]:
        beta = c[1:]
        scale = beta[k["alliance"]]
        if scale <= 0:
            raise ModelError(f"draw {d}: fitted alliance weight {scale:.3g} <= 0; cannot rescale")
        for t in TERMS:
            h = inverse.get(t)
            if h is None:
                rows.append(
                    {
                        "draw": d,
                        "term": t,
                        "weight": judgement[t].weight,
                        "basis": "judgement",
                        "source": "judgement: propensity.toml",
                    }
                )
            else:
                rows.append(
                    {
                        "draw": d,
                        "term": t,
                        "weight": round(float(beta[k[h]] / scale), 6),
                        "basis": "fitted",
                        "source": src,
                    }
                )
    return rows


def write_fit(fit: FitResult, history_path: Path, east_asia_path: Path | None = None) -> None:
    """Write the history weights, and (given ``east_asia_path``) the mapped East Asia weights,
    as CSV files.

    The shipped East Asia weights come from the change model's fit instead
    (:mod:`realpolitik.forecasting.weights`); the mapping of this embargoed fit is written only
    where asked, for comparison.
    """
    import csv

    files = [(history_path, history_rows(fit))]
    if east_asia_path is not None:
        files.append((east_asia_path, east_asia_rows(fit)))
    for path, rows in files:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=["draw", "term", "weight", "basis", "source"])
            w.writeheader()
            w.writerows(rows)

"""The change model: P(a pair is on the ``same`` side at base + h | its state at the base).

Alignments rarely change, so a forecast that rebuilds the partition from scratch is scored mostly
on what persistence gets for free. The change model starts from the current state instead
(the measured class, its score and trend) and learns from past base years how often, and
after which signs (a rivalry's onset, diverging UN votes, a capability shift, a friend who is
the other's enemy), a pair leaves it. Feature list: :mod:`realpolitik.forecasting.features`.

**Estimator.** An L2 logistic regression (``estimator="logistic"``, the default) on the
standardised features, with main effects only or with every feature interacted with the class
at the base (:class:`Complexity`); the backtest chooses the feature set, the interactions and
the penalty by rolling-origin cross-validation on the training rows
(:mod:`realpolitik.forecasting.selection`). ``estimator="hgb"`` gives scikit-learn's
``HistGradientBoostingClassifier`` (depth 3, learning rate 0.05, 200 iterations, at least 20
rows and 2% of the training rows per leaf, L2 1.0) for comparison; it overfit the small
regional training sets (``docs/backtest.md``).

**Calibration** on training rows only: out-of-fold predictions (folds grouped by base year, so
a base year never predicts itself) are mapped to outcomes by isotonic regression when there are
at least :data:`ISOTONIC_MIN` training rows, else by Platt scaling (a logistic regression on
the logit), which needs fewer rows. The final estimator is refit on all training rows.

**Stack.** A logistic regression of the outcome on the logits of the landscape probability and
the change model's out-of-fold probability, fitted on the training rows (Wolpert's stacked
generalisation with a Platt-type combiner, calibrated by construction).

Examples
--------
>>> import numpy as np, pandas as pd
>>> g = np.random.default_rng(0)
>>> x = g.integers(0, 2, 600).astype(float)
>>> y = (g.random(600) < np.where(x > 0, 0.9, 0.1)).astype(float)
>>> df = pd.DataFrame({"same": x, "base": np.repeat(np.arange(6), 100), "y": y})
>>> m = fit_change(df, ["same"])
>>> p = m.predict(df)
>>> bool(abs(p[x > 0].mean() - 0.9) < 0.05 and abs(p[x == 0].mean() - 0.1) < 0.05)
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from realpolitik.errors import ModelError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DEFAULT_COMPLEXITY",
    "ISOTONIC_MIN",
    "MAX_FIT_ROWS",
    "P_CLIP",
    "ChangeModel",
    "Complexity",
    "Stack",
    "fit_change",
    "fit_stack",
    "logit",
    "raw_fit_predict",
]

MAX_FIT_ROWS = 20_000
"""Above this many training rows, the rows that are ``neither`` at the base and not ``same``
at the outcome (the bulk of the world's pairs, and the least informative) are subsampled and
re-weighted by the inverse of the sampling rate (an unbiased weighted likelihood)."""
ISOTONIC_MIN = 1000
"""Training rows from which calibration is isotonic (Platt scaling below)."""
P_CLIP = 1e-3
"""Calibrated probabilities are kept in ``[P_CLIP, 1 - P_CLIP]``."""

FloatArray = NDArray[np.float64]


def logit(p: FloatArray) -> FloatArray:
    """``log(p / (1 - p))`` with ``p`` clipped to ``[P_CLIP, 1 - P_CLIP]``.

    Examples
    --------
    >>> import numpy as np
    >>> logit(np.array([0.5, 1.0])).round(3).tolist()
    [0.0, 6.907]
    """
    q = np.clip(np.asarray(p, dtype=float), P_CLIP, 1 - P_CLIP)
    out: FloatArray = np.log(q / (1 - q))
    return out


class _MedianImputer:
    """Median imputation with missing-value indicators: what scikit-learn's
    ``SimpleImputer(strategy="median", add_indicator=True, keep_empty_features=True)`` does
    (medians from the fitted rows, 0 for a column without any value, an indicator column for
    each feature with a missing value in the fitted rows), with ``numpy.nanmedian`` instead of
    masked-array sorting (several times faster on the world's rows).

    Examples
    --------
    >>> import numpy as np
    >>> imp = _MedianImputer().fit(np.array([[1.0, np.nan], [3.0, np.nan], [np.nan, np.nan]]))
    >>> imp.transform(np.array([[np.nan, 5.0]])).tolist()
    [[2.0, 5.0, 1.0, 0.0]]
    """

    def fit(self, x: FloatArray) -> _MedianImputer:
        missing = np.isnan(x)
        empty = missing.all(axis=0)
        med = np.zeros(x.shape[1])
        if (~empty).any():
            med[~empty] = np.nanmedian(x[:, ~empty], axis=0)
        self.median, self.flagged = med, np.flatnonzero(missing.any(axis=0))
        return self

    def transform(self, x: FloatArray) -> FloatArray:
        missing = np.isnan(x)
        filled = np.where(missing, self.median[None, :], x)
        out: FloatArray = np.hstack([filled, missing[:, self.flagged].astype(np.float64)])
        return out

    def fit_transform(self, x: FloatArray) -> FloatArray:
        return self.fit(x).transform(x)


class _ClassLogistic:
    """L2 logistic regression, optionally with every feature interacted with the base class.

    Median imputation with missing-value indicators, standardisation, then (``interact``) the
    columns ``x * [same]``, ``x * [opposed]``, ``x * [neither]`` and the class dummies: one
    transition model per current class, fitted jointly; or (not ``interact``) the standardised
    columns alone (main effects). ``c`` is scikit-learn's inverse L2 strength.
    """

    def __init__(
        self, same_col: int, opposed_col: int | None, c: float = 1.0, interact: bool = True
    ) -> None:
        from sklearn.linear_model import LogisticRegression
        from sklearn.preprocessing import StandardScaler

        self.same_col, self.opposed_col, self.interact = same_col, opposed_col, interact
        self.imputer = _MedianImputer()
        self.scaler = StandardScaler()
        self.lr = LogisticRegression(C=c, max_iter=5000)

    def _design(self, x: FloatArray, fit: bool) -> FloatArray:
        s = np.nan_to_num(x[:, self.same_col])[:, None]
        o = (
            np.zeros_like(s)
            if self.opposed_col is None
            else np.nan_to_num(x[:, self.opposed_col])[:, None]
        )
        z = self.imputer.fit_transform(x) if fit else self.imputer.transform(x)
        z = self.scaler.fit_transform(z) if fit else self.scaler.transform(z)
        if not self.interact:
            return np.asarray(z, dtype=float)
        out: FloatArray = np.hstack([z * s, z * o, z * (1 - s - o), s, o])
        return out

    def fit(self, x: FloatArray, y: FloatArray, w: FloatArray | None = None) -> _ClassLogistic:
        self.lr.fit(self._design(x, True), y, sample_weight=w)
        return self

    def predict_proba(self, x: FloatArray) -> FloatArray:
        out: FloatArray = self.lr.predict_proba(self._design(x, False))
        return out


@dataclass(frozen=True)
class Complexity:
    """How complex the logistic change model is: inverse L2 strength ``c`` and whether every
    feature is interacted with the class at the base (``interact``)."""

    c: float = 1.0
    interact: bool = True


DEFAULT_COMPLEXITY = Complexity()
"""C = 1 with class interactions (the model before selection; used when none is chosen)."""


def _estimator(
    kind: str, n: int, rng: int, features: Sequence[str], cx: Complexity = DEFAULT_COMPLEXITY
) -> Any:
    from sklearn.ensemble import HistGradientBoostingClassifier

    if kind == "logistic":
        cols = list(features)
        return _ClassLogistic(
            cols.index("same"),
            cols.index("opposed") if "opposed" in cols else None,
            cx.c,
            cx.interact,
        )
    if kind == "hgb":
        return HistGradientBoostingClassifier(
            max_depth=3,
            learning_rate=0.05,
            max_iter=200,
            min_samples_leaf=max(20, n // 50),
            l2_regularization=1.0,
            early_stopping=False,
            random_state=rng,
        )
    raise ValueError(f"estimator {kind!r}: use 'logistic' or 'hgb'")


def _raw(est: Any, x: FloatArray) -> FloatArray:
    out: FloatArray = est.predict_proba(x)[:, 1]
    return out


@dataclass
class _Calibrator:
    method: str
    model: Any

    def __call__(self, raw: FloatArray) -> FloatArray:
        if self.method == "isotonic":
            out = np.asarray(self.model.predict(raw), dtype=float)
        else:
            out = np.asarray(self.model.predict_proba(logit(raw)[:, None])[:, 1], dtype=float)
        clipped: FloatArray = np.clip(out, P_CLIP, 1 - P_CLIP)
        return clipped


def _calibrator(raw: FloatArray, y: FloatArray) -> _Calibrator:
    from sklearn.isotonic import IsotonicRegression
    from sklearn.linear_model import LogisticRegression

    if raw.size >= ISOTONIC_MIN:
        iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(raw, y)
        return _Calibrator("isotonic", iso)
    return _Calibrator("platt", LogisticRegression(C=1e6).fit(logit(raw)[:, None], y))


@dataclass
class ChangeModel:
    """A fitted, calibrated change model.

    Attributes
    ----------
    features : tuple of str
    estimator : str
        ``hgb`` or ``logistic``.
    calibration : str
        ``isotonic`` or ``platt``.
    n_train : int
    oof : ndarray
        Calibrated out-of-fold probabilities of the training rows (for the stack).
    """

    features: tuple[str, ...]
    estimator: str
    calibration: str
    n_train: int
    oof: FloatArray
    _est: Any
    _cal: _Calibrator

    def predict(self, frame: pd.DataFrame) -> FloatArray:
        """Calibrated P(same at base + h) for the rows of ``frame``."""
        x = frame[list(self.features)].to_numpy(dtype=float, na_value=np.nan)
        return self._cal(_raw(self._est, x))


def _subsample(
    x: FloatArray, y: FloatArray, idx: NDArray[np.int64], same: FloatArray, rng: int
) -> tuple[NDArray[np.int64], FloatArray]:
    """Rows ``idx`` to fit on, with weights (see :data:`MAX_FIT_ROWS`)."""
    w = np.ones(idx.size)
    if idx.size <= MAX_FIT_ROWS:
        return idx, w
    bulk = (same[idx] == 0) & (y[idx] == 0)
    keep_n = max(MAX_FIT_ROWS - int((~bulk).sum()), MAX_FIT_ROWS // 4)
    if bulk.sum() <= keep_n:
        return idx, w
    g = np.random.default_rng(rng)
    rate = keep_n / bulk.sum()
    take = ~bulk | (g.random(idx.size) < rate)
    w = np.where(bulk, 1.0 / rate, 1.0)[take]
    return idx[take], w


def _fit_est(
    kind: str,
    features: Sequence[str],
    x: FloatArray,
    y: FloatArray,
    idx: NDArray[np.int64],
    rng: int,
    cx: Complexity = DEFAULT_COMPLEXITY,
) -> Any:
    same = np.nan_to_num(x[:, list(features).index("same")]) if "same" in features else y * 0
    rows, w = _subsample(x, y, idx, same, rng)
    est = _estimator(kind, rows.size, rng, features, cx)
    return (
        est.fit(x[rows], y[rows], w)
        if kind == "logistic"
        else est.fit(x[rows], y[rows], sample_weight=w)
    )


def raw_fit_predict(
    x: FloatArray,
    y: FloatArray,
    fit: NDArray[np.int64],
    x_new: FloatArray,
    features: Sequence[str],
    complexity: Complexity = DEFAULT_COMPLEXITY,
    rng: int = 0,
) -> FloatArray:
    """Uncalibrated P(same) of the logistic change model fitted on rows ``fit`` of ``x``, for
    the rows of ``x_new`` (model selection: :mod:`realpolitik.forecasting.selection`)."""
    return _raw(_fit_est("logistic", features, x, y, fit, rng, complexity), x_new)


def _folds(bases: FloatArray, k: int) -> list[tuple[NDArray[np.int64], NDArray[np.int64]]]:
    uniq = np.unique(bases)
    groups = np.array_split(uniq, min(k, uniq.size))
    return [(np.flatnonzero(~np.isin(bases, g)), np.flatnonzero(np.isin(bases, g))) for g in groups]


def fit_change(
    train: pd.DataFrame,
    features: Sequence[str],
    *,
    estimator: str = "logistic",
    folds: int = 4,
    rng: int = 0,
    complexity: Complexity = DEFAULT_COMPLEXITY,
) -> ChangeModel:
    """Fit and calibrate the change model on ``train`` (columns ``features``, ``base``, ``y``).

    ``complexity`` applies to the logistic estimator (chosen by rolling-origin
    cross-validation in :mod:`realpolitik.forecasting.selection`).

    Raises
    ------
    ModelError
        Fewer than two base years, or a single outcome class, in the training rows.
    """
    y = train["y"].to_numpy(dtype=float)
    bases = train["base"].to_numpy(dtype=float)
    if np.unique(bases).size < 2 or np.unique(y).size < 2:
        raise ModelError(
            "the change model needs training rows from at least two base years with both "
            "outcomes; widen --from/--to or choose a larger region"
        )
    x = train[list(features)].to_numpy(dtype=float, na_value=np.nan)
    oof_raw = np.full(y.size, np.nan)
    for tr, te in _folds(bases, folds):
        if np.unique(y[tr]).size < 2:
            oof_raw[te] = y[tr].mean()
            continue
        oof_raw[te] = _raw(_fit_est(estimator, features, x, y, tr, rng, complexity), x[te])
    cal = _calibrator(oof_raw, y)
    est = _fit_est(estimator, features, x, y, np.arange(y.size), rng, complexity)
    return ChangeModel(
        features=tuple(features),
        estimator=estimator,
        calibration=cal.method,
        n_train=int(y.size),
        oof=cal(oof_raw),
        _est=est,
        _cal=cal,
    )


@dataclass
class Stack:
    """Logistic combination of the landscape and change-model probabilities."""

    coef: tuple[float, float, float]

    def predict(self, p_landscape: FloatArray, p_change: FloatArray) -> FloatArray:
        """Stacked probabilities (``p_landscape`` may hold nan: the change model alone)."""
        b0, b1, b2 = self.coef
        lp = np.where(np.isfinite(p_landscape), logit(p_landscape), 0.0)
        z = b0 + b1 * lp + b2 * logit(p_change)
        return np.clip(1.0 / (1.0 + np.exp(-z)), P_CLIP, 1 - P_CLIP)


def fit_stack(p_landscape: FloatArray, p_change_oof: FloatArray, y: FloatArray) -> Stack:
    """Fit the stack on training rows (the change model's out-of-fold probabilities).

    Examples
    --------
    >>> import numpy as np
    >>> y = np.array([0.0, 1.0] * 50); pc = np.where(y > 0, 0.8, 0.2)
    >>> s = fit_stack(np.full(100, 0.5), pc, y)
    >>> bool(s.predict(np.array([0.5]), np.array([0.8]))[0] > 0.9)
    True
    """
    from sklearn.linear_model import LogisticRegression

    lp = np.where(np.isfinite(p_landscape), logit(p_landscape), 0.0)
    x = np.column_stack([lp, logit(p_change_oof)])
    lr = LogisticRegression(C=1.0, max_iter=1000).fit(x, y)
    return Stack(coef=(float(lr.intercept_[0]), float(lr.coef_[0, 0]), float(lr.coef_[0, 1])))

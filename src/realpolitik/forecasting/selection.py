"""The change model's complexity, chosen by rolling-origin cross-validation on training rows.

With 7-9 changes in a region's test years and a thousand-odd training rows, a logistic model
with every feature interacted with the current class (over 100 coefficients) fits noise. How
complex the model may be (which feature set, whether features are interacted with the class
at the base, how strong the L2 penalty is) is therefore chosen from the *training rows only*,
the way the model is used: for each of the last :data:`MAX_ORIGINS` training base years ``v``
(the *origins*), each candidate is fitted on the training rows whose outcome is known before
``v`` (``base + horizon < v``, the embargo rule of the backtest applied inside the training
years) and scored (Brier, uncalibrated) on the rows of base ``v``. The candidate with the lowest
Brier score pooled over the origins wins; ties go to the simpler candidate (the candidates are
ordered from simple to complex: feature sets as given, main effects before interactions, strong
penalty before weak). An origin needs :data:`MIN_FIT_BASES` earlier base years and both
outcomes; with no usable origin the simplest candidate is taken.

The grid (:data:`C_GRID`, interactions or not, and the feature sets the caller passes: the
backtest passes the class alone and every feature) was fixed before any score of it was seen.

Examples
--------
>>> import numpy as np, pandas as pd
>>> g = np.random.default_rng(0)
>>> n = 1400
>>> same = (g.random(n) < 0.4).astype(float)
>>> noise = g.normal(size=(n, 5))
>>> y = (g.random(n) < np.where(same > 0, 0.9, 0.05)).astype(float)
>>> df = pd.DataFrame({"same": same, "opposed": 0.0, "base": np.repeat(np.arange(1950, 1985, 5),
...                    200), "horizon": 5, "y": y, **{f"n{i}": noise[:, i] for i in range(5)}})
>>> pick = select_complexity(df, {"state": ["same", "opposed"],
...                               "all": ["same", "opposed", *[f"n{i}" for i in range(5)]]})
>>> pick.name, len(pick.origins)
('state', 4)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from realpolitik.forecasting.change import Complexity

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "C_GRID",
    "MAX_ORIGINS",
    "MIN_FIT_BASES",
    "Selection",
    "candidates",
    "rolling_origins",
    "select_complexity",
]

C_GRID = (0.01, 0.1, 1.0)
"""Inverse L2 strengths tried (scikit-learn's ``C``; standardised features)."""
MAX_ORIGINS = 4
"""Validation origins: the last this many training base years that have enough earlier rows."""
MIN_FIT_BASES = 2
"""Earlier base years an origin needs to fit on."""

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Selection:
    """The chosen candidate and the cross-validation table.

    Attributes
    ----------
    name : str
        The chosen feature set's name.
    features : tuple of str
    complexity : Complexity
    origins : tuple of int
        The validation base years used.
    table : list of dict
        Per candidate: ``features``, ``interact``, ``c``, ``brier`` (pooled over the origins).
    """

    name: str
    features: tuple[str, ...]
    complexity: Complexity
    origins: tuple[int, ...]
    table: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """JSON-ready description (for ``skill_models``)."""
        return {
            "features": self.name,
            "interact": self.complexity.interact,
            "c": self.complexity.c,
            "cv_origins": list(self.origins),
        }


def candidates(
    feature_sets: Mapping[str, Sequence[str]], c_grid: Sequence[float] = C_GRID
) -> list[tuple[str, Complexity]]:
    """Candidates from simple to complex.

    Examples
    --------
    >>> [(n, c.interact, c.c) for n, c in candidates({"s": ["same"]}, (0.1, 1.0))]
    [('s', False, 0.1), ('s', False, 1.0), ('s', True, 0.1), ('s', True, 1.0)]
    """
    return [
        (name, Complexity(c=c, interact=inter))
        for name in feature_sets
        for inter in (False, True)
        for c in c_grid
    ]


def rolling_origins(
    bases: FloatArray, label_year: FloatArray, y: FloatArray, max_origins: int = MAX_ORIGINS
) -> list[int]:
    """Validation base years: those with rows of :data:`MIN_FIT_BASES` earlier bases whose
    outcome year (``label_year``) is before them, both outcomes among those rows; the last
    ``max_origins``.

    Examples
    --------
    >>> import numpy as np
    >>> b = np.repeat([1955.0, 1960, 1965, 1970, 1975], 2)
    >>> rolling_origins(b, b + 5, np.tile([0.0, 1.0], 5))
    [1970, 1975]
    """
    out = []
    for v in np.unique(bases):
        fit = label_year < v
        if np.unique(bases[fit]).size >= MIN_FIT_BASES and np.unique(y[fit]).size == 2:
            out.append(int(v))
    return out[-max_origins:] if max_origins > 0 else []


def _cv_brier(
    train: pd.DataFrame,
    cols: Sequence[str],
    cx: Complexity,
    origins: Sequence[int],
    label_year: FloatArray,
    rng: int,
) -> float:
    from realpolitik.forecasting.change import raw_fit_predict

    bases = train["base"].to_numpy(dtype=float)
    y = train["y"].to_numpy(dtype=float)
    x = train[list(cols)].to_numpy(dtype=float, na_value=np.nan)
    sse, n = 0.0, 0
    for v in origins:
        fit, val = np.flatnonzero(label_year < v), np.flatnonzero(bases == v)
        p = raw_fit_predict(x, y, fit, x[val], cols, cx, rng)
        sse += float(np.sum((p - y[val]) ** 2))
        n += val.size
    return sse / max(n, 1)


def select_complexity(
    train: pd.DataFrame,
    feature_sets: Mapping[str, Sequence[str]],
    *,
    c_grid: Sequence[float] = C_GRID,
    max_origins: int = MAX_ORIGINS,
    rng: int = 0,
) -> Selection:
    """Choose the feature set and complexity of the logistic change model on ``train``
    (columns ``base``, ``y``, optional ``horizon`` (0 when absent), and the features) by
    rolling-origin cross-validation (module docstring).
    """
    bases = train["base"].to_numpy(dtype=float)
    h = train["horizon"].to_numpy(dtype=float) if "horizon" in train else np.zeros(len(train))
    y = train["y"].to_numpy(dtype=float)
    origins = rolling_origins(bases, bases + h, y, max_origins)
    cands = candidates(feature_sets, c_grid)
    table: list[dict[str, Any]] = []
    best, best_score = cands[0], float("inf")
    for name, cx in cands if origins else []:
        score = _cv_brier(train, feature_sets[name], cx, origins, bases + h, rng)
        table.append({"features": name, "interact": cx.interact, "c": cx.c, "brier": score})
        if score < best_score - 1e-12:
            best, best_score = (name, cx), score
    return Selection(
        name=best[0],
        features=tuple(feature_sets[best[0]]),
        complexity=best[1],
        origins=tuple(origins),
        table=table,
    )

"""The main job's propensity weights from the change model's landscape terms.

The scenario ensembles (``realpolitik run``, ``simulate``) weigh the propensity terms with the
``fitted`` preset (``data/east_asia/propensity_fitted.csv``, read by
:func:`realpolitik.engines.alignment.weights.load_weight_draws`). That file is written here from
the *landscape block of the change model*: a logistic model of ``same at base + h`` on the raw
propensity terms at the base (``t_<term>`` of :mod:`realpolitik.forecasting.features`), fitted on
the same rows as the change model (every backtest region's pairs, the measured alignment as the
outcome, flagged outcomes left out), the intercept as the ``constant`` term. Its uncertainty is
a bootstrap over pairs (all rows of a pair together). The fit itself is
:func:`realpolitik.history.fit.fit_logit` (weak Gaussian priors: alliances separate the
outcome), and :func:`realpolitik.history.fit.east_asia_rows` maps it onto the East Asia terms
(alliance = 1 in every draw; terms with no history counterpart keep their judgement weight,
labelled ``judgement``).

Why the landscape block and not the change model's pair probabilities: the scenario levers act
on propensity terms (a treaty, a dispute), and a lever must move the answer through the same
terms the model was validated on; a pair probability cannot be moved by a lever. Why refit on
every year with an outcome (labels up to 2014) rather than the embargoed training years: the
embargo is for *scoring*; the weights of a live forecast use all the history there is. The
history backtest keeps its own embargoed weights (``data/history/weights_fitted.csv``). The
``judgement`` preset stays available by name.

Examples
--------
>>> fit = change_weights(regions=("asia-pacific",), bases=range(1960, 2000, 10), n_boot=5)
>>> fit.terms[0], fit.draws.shape
('alliance', (5, 11))
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from realpolitik._rng import RNGLike
from realpolitik.errors import ModelError

if TYPE_CHECKING:
    import pandas as pd

    from realpolitik.history.fit import FitResult

__all__ = ["SOURCE_NOTE", "change_weights", "write_change_weights"]

SOURCE_NOTE = "change model landscape block (realpolitik.forecasting.weights)"
"""Appended to the weights' source label."""


def _rows(regions: Sequence[str], bases: Sequence[int], horizons: Sequence[int]) -> pd.DataFrame:
    import pandas as pd

    from realpolitik.forecasting.evaluate import design, region_players
    from realpolitik.forecasting.features import TREND_YEARS, TruthCube, default_truth
    from realpolitik.history.panel import load_panel

    years = sorted({y for b in bases for y in (b, b - TREND_YEARS, *(b + h for h in horizons),
                                               *(b - h for h in horizons))})  # fmt: skip
    frames = []
    for region in regions:
        players = region_players(region)
        cube = TruthCube.from_frame(default_truth()(years, players), players)
        frames.append(design(region, players, bases, horizons, cube, load_panel(), None))
    rows = pd.concat(frames, ignore_index=True)
    lo = rows[["a", "b"]].min(axis=1)
    hi = rows[["a", "b"]].max(axis=1)
    rows = rows.assign(a=lo, b=hi)
    return rows.drop_duplicates(["base", "horizon", "a", "b"]).reset_index(drop=True)


def change_weights(
    *,
    regions: Sequence[str] | None = None,
    bases: Iterable[int] = range(1950, 2014),
    horizons: Sequence[int] = (5, 10),
    n_boot: int = 200,
    rng: RNGLike = 0,
) -> FitResult:
    """Fit the change model's landscape block (module docstring); default: every backtest
    region, annual bases 1950-2013.

    Raises
    ------
    ModelError
        Too few rows with both outcomes.
    """
    from realpolitik.history.fit import FitResult, _bootstrap, _with_constant, fit_logit
    from realpolitik.history.pairs import PairTable
    from realpolitik.history.players import REGIONS
    from realpolitik.history.terms import HISTORY_TERMS

    rows = _rows(tuple(regions or REGIONS), list(bases), horizons)
    cols = [f"t_{t}" for t in HISTORY_TERMS if t != "constant"]
    x = np.column_stack([rows[c].fillna(0.0).to_numpy(dtype=float) for c in cols] +
                        [np.ones(len(rows))])  # fmt: skip
    y = rows["y"].to_numpy(dtype=float)
    if y.size < 20 or np.unique(y).size < 2:
        raise ModelError("too few rows with both outcomes to fit the change model's weights")
    tab = PairTable(
        terms=HISTORY_TERMS,
        x=x,
        y=y,
        y_base=rows["y_base"].to_numpy(dtype=float),
        base=rows["base"].to_numpy(dtype=np.int64),
        horizon=rows["horizon"].to_numpy(dtype=np.int64),
        a=tuple(rows["a"]),
        b=tuple(rows["b"]),
    )
    coef = _with_constant(fit_logit(tab.x, tab.y), tab.terms)
    draws = np.array([_with_constant(d, tab.terms) for d in _bootstrap(tab, n_boot, rng)])
    last = int((rows["base"] + rows["horizon"]).max())
    return FitResult(
        terms=tab.terms,
        coef=coef,
        draws=draws,
        n_train=int(y.size),
        n_test=0,
        train_bases=tuple(sorted(set(tab.base.tolist()))),
        test_bases=(last + 1,),
        horizons=tuple(horizons),
    )


def write_change_weights(fit: FitResult, path: str | Path | None = None) -> Path:
    """Write the East Asia rows of ``fit`` (default: the shipped ``propensity_fitted.csv``)."""
    import csv

    from realpolitik.engines.alignment.weights import FITTED_WEIGHTS_FILE
    from realpolitik.history.fit import east_asia_rows

    out = Path(path) if path is not None else FITTED_WEIGHTS_FILE
    rows = east_asia_rows(fit)
    for r in rows:
        if r["basis"] == "fitted":
            r["source"] = f"{r['source']}; {SOURCE_NOTE}"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["draw", "term", "weight", "basis", "source"])
        w.writeheader()
        w.writerows(rows)
    return out

"""The skill backtest: landscape, change model and stack against persistence, per region.

For every region, base year (``--from .. --to``, every ``--step`` years) and horizon, each
pair of states present at the base is one row: its features
(:mod:`realpolitik.forecasting.features`), the landscape ensemble's pair probability, the two
persistence forecasts and the outcome (``same`` at base + h, from the measured alignment).

* **out of sample**: the change model and the stack are fitted and calibrated on the rows with
  ``base + h < embargo`` (1995; the embargo: no training label is dated at or after the first
  scored base year) and scored on the bases ``embargo .. --to``;
* **in sample**: fitted and scored on every row (what the model can describe, not forecast).

The landscape has no fitted part here (its weights are the shipped ones). Scores
(:mod:`realpolitik.forecasting.skill`): Brier, log score, the Brier skill score against the
better of 0/1 and capped smoothed persistence on the same rows with a 90% pair-clustered
bootstrap interval, average precision over the pairs whose ``same`` status changed, and an
equal-count reliability table per model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from realpolitik.errors import InputError, ModelError
from realpolitik.forecasting.features import TruthCube, TruthSource, base_features, feature_names

if TYPE_CHECKING:
    import pandas as pd

    from realpolitik.history.panel import Panel

__all__ = [
    "EMBARGO",
    "MODELS",
    "SkillBacktest",
    "design",
    "region_players",
    "skill_backtest",
]

EMBARGO = 1995
"""First scored base year out of sample; training rows need ``base + h < EMBARGO``."""
MODELS = ("landscape", "change", "stack")
"""Models scored in the ``skill`` table."""

FloatArray = NDArray[np.float64]


def region_players(region: str) -> tuple[str, ...]:
    """The players of a backtest region (:data:`realpolitik.history.players.REGIONS`), or
    ``all-states`` (every state of the measured alignment, about 200; Python API only).

    Raises
    ------
    InputError
        Unknown region.
    """
    from realpolitik.history.players import REGIONS

    if region == "all-states":
        return _all_states()
    if region not in REGIONS:
        raise InputError(f"--region {region!r}: use one of {', '.join(REGIONS)}")
    return tuple(REGIONS[region])


def _all_states() -> tuple[str, ...]:
    from realpolitik.history.alignment import FIRST_YEAR, LAST_YEAR, states_in

    seen: dict[str, None] = {}
    for y in range(FIRST_YEAR, LAST_YEAR + 1, 5):
        seen.update(dict.fromkeys(states_in(y)))
    seen.update(dict.fromkeys(states_in(LAST_YEAR)))
    return tuple(sorted(seen))


def _landscape(
    base: int,
    horizons: Sequence[int],
    players: Sequence[str],
    weights: str,
    members: int,
    seed: int,
) -> dict[int, dict[tuple[str, str], float]]:
    from realpolitik.history.ensemble import forecast, landscape_solver
    from realpolitik.history.players import CCODES
    from realpolitik.history.weights import history_weights

    known = [p for p in players if p in CCODES]
    if len(known) < 2:
        return {h: {} for h in horizons}
    solve = landscape_solver(len(known), seed + base)
    w = history_weights(weights)
    f = forecast(base, horizons, known, w, members=members, seed=seed, solve=solve)
    out: dict[int, dict[tuple[str, str], float]] = {}
    for t, h in enumerate(f.horizons):
        d: dict[tuple[str, str], float] = {}
        for i, a in enumerate(f.players):
            for j, b in enumerate(f.players):
                if i != j:
                    d[(a, b)] = float(f.p_same[t, i, j])
        out[h] = d
    return out


def _flip_share(cube: TruthCube, before: int, after: int) -> float:
    from realpolitik.history.baselines import MAX_FLIP, MIN_FLIP

    both = np.triu(cube.present(before) & cube.present(after), 1)
    if not both.any():
        return MIN_FLIP
    changed = (cube.side(before) == 1) != (cube.side(after) == 1)
    return float(min(max(changed[both].mean(), MIN_FLIP), MAX_FLIP))


def design(
    region: str,
    players: Sequence[str],
    bases: Sequence[int],
    horizons: Sequence[int],
    cube: TruthCube,
    panel: Panel,
    landscape: Callable[[int], dict[int, dict[tuple[str, str], float]]] | None,
) -> pd.DataFrame:
    """Rows of every base, horizon and pair present at the base with an outcome.

    Columns: ``region, base, horizon, a, b, y, y_base, p_persist01, p_persist_smoothed,
    landscape_p`` and the features.
    """
    import pandas as pd

    frames = []
    for base in bases:
        lp = landscape(base) if landscape is not None else {}
        feats = base_features(base, cube, panel)
        same0 = feats["same"].to_numpy()
        pos = {p: i for i, p in enumerate(cube.players)}
        ia = feats["a"].map(pos).to_numpy()
        ib = feats["b"].map(pos).to_numpy()
        for h in horizons:
            if not cube.has(base + h):
                continue
            ok = cube.scored(base + h)[ia, ib]
            f = feats[ok].copy()
            eps = _flip_share(cube, base - h, base)
            f["horizon"] = h
            f["region"] = region
            f["y"] = (cube.side(base + h)[ia, ib][ok] == 1).astype(float)
            f["y_base"] = same0[ok]
            f["p_persist01"] = same0[ok]
            f["p_persist_smoothed"] = eps + (1 - 2 * eps) * same0[ok]
            if landscape is not None:
                d = lp.get(h, {})
                f["landscape_p"] = [
                    d.get((a, b), np.nan) for a, b in zip(f["a"], f["b"], strict=True)
                ]
            frames.append(f)
    if not frames:
        raise InputError(f"region {region}: no pair has an outcome in the chosen years")
    return pd.concat(frames, ignore_index=True)


@dataclass
class SkillBacktest:
    """Everything the skill backtest reports.

    Attributes
    ----------
    skill : list of dict
        The ``skill`` rows of ``realpolitik backtest --json``.
    reliability : list of dict
        Equal-count reliability tables per model, horizon, region and sample.
    ablation : list of dict
        Out-of-sample Brier skill score of the change model with one feature group left out.
    predictions : DataFrame
        Out-of-sample forecasts: ``base, horizon, region, model, a, b, p``.
    info : dict
        Per region: players, landscape solver, estimator, calibration, training rows.
    """

    skill: list[dict[str, Any]] = field(default_factory=list)
    reliability: list[dict[str, Any]] = field(default_factory=list)
    ablation: list[dict[str, Any]] = field(default_factory=list)
    predictions: Any = None
    info: dict[str, Any] = field(default_factory=dict)


def _num(x: float | None) -> float | None:
    return None if x is None or not np.isfinite(x) else round(float(x), 6)


def _score_rows(
    test: pd.DataFrame, preds: dict[str, FloatArray], key: dict[str, Any], n_boot: int, seed: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    from realpolitik.forecasting import skill as sk

    y = test["y"].to_numpy(dtype=float)
    yb = test["y_base"].to_numpy(dtype=float)
    refs = {
        "0/1": test["p_persist01"].to_numpy(dtype=float),
        "smoothed": test["p_persist_smoothed"].to_numpy(dtype=float),
    }
    ref_name, ref = sk.better_reference(refs, y)
    pair = (test["a"] + "|" + test["b"]).to_numpy()
    draws = sk.cluster_draws(pair, n_boot, seed)
    rows, rel = [], []
    for model, p in preds.items():
        bss, lo, hi = sk.brier_skill(p, ref, y, pair, draws=draws)
        rows.append(
            {
                "model": model,
                **key,
                "n": int(y.size),
                "brier": _num(sk.brier(p, y)),
                "brier_persistence": _num(sk.brier(ref, y)),
                "persistence": ref_name,
                "bss": _num(bss),
                "bss_low": _num(lo),
                "bss_high": _num(hi),
                "log_score": _num(sk.log_score(p, y)),
                "ap_change": _num(sk.average_precision_change(p, y, yb)),
                "change_rate": _num(float(np.mean(y != yb)) if y.size else None),
            }
        )
        table = sk.reliability_equal_count(p, y)
        rel.append({"model": model, **key, "max_gap": sk.calibration_gap(table), "bins": table})
    return rows, rel


def _fit_predict(
    train: pd.DataFrame,
    test: pd.DataFrame,
    feature_sets: dict[str, list[str]],
    estimator: str,
    seed: int,
) -> tuple[dict[str, FloatArray], dict[str, Any]]:
    from realpolitik.forecasting.change import fit_stack

    model, chosen = _fit_selected(train, feature_sets, estimator, seed)
    base_rate = float(train["y"].mean())
    lp_tr = train["landscape_p"].to_numpy(dtype=float, na_value=np.nan)
    lp_te = test["landscape_p"].to_numpy(dtype=float, na_value=np.nan)
    stack = fit_stack(lp_tr, model.oof, train["y"].to_numpy(dtype=float))
    p_change = model.predict(test)
    preds = {
        "landscape": np.where(np.isfinite(lp_te), lp_te, base_rate),
        "change": p_change,
        "stack": stack.predict(lp_te, p_change),
    }
    info = {
        "calibration": model.calibration,
        "n_train": model.n_train,
        "stack_coef": [round(c, 4) for c in stack.coef],
        "selected": chosen,
    }
    return preds, info


def _fit_selected(
    train: pd.DataFrame, feature_sets: dict[str, list[str]], estimator: str, seed: int
) -> tuple[Any, dict[str, Any]]:
    """The change model with its feature set and complexity chosen by rolling-origin
    cross-validation on ``train`` (:mod:`realpolitik.forecasting.selection`; the logistic
    estimator only, ``hgb`` takes every feature of the largest set)."""
    from realpolitik.forecasting.change import fit_change
    from realpolitik.forecasting.selection import select_complexity

    if estimator != "logistic":
        cols = max(feature_sets.values(), key=len)
        return fit_change(train, cols, estimator=estimator, rng=seed), {"features": "all"}
    sel = select_complexity(train, feature_sets, rng=seed)
    model = fit_change(
        train, sel.features, estimator=estimator, rng=seed, complexity=sel.complexity
    )
    return model, sel.summary()


def _split(
    rows: pd.DataFrame, h: int, sample: str, stop: int, embargo: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    r = rows[rows["horizon"] == h]
    if sample == "in":
        return r, r
    return r[r["base"] + h < embargo], r[(r["base"] >= embargo) & (r["base"] <= stop)]


def _ablation(
    rows: pd.DataFrame,
    groups: dict[str, list[str]],
    key: dict[str, Any],
    stop: int,
    embargo: int,
    estimator: str,
    seed: int,
) -> list[dict[str, Any]]:
    from realpolitik.forecasting import skill as sk

    train, test = _split(rows, key["horizon"], "out", stop, embargo)
    y = test["y"].to_numpy(dtype=float)
    refs = {k: test[k].to_numpy(dtype=float) for k in ("p_persist01", "p_persist_smoothed")}
    ref = sk.better_reference(refs, y)[1]
    variants: dict[str, list[str]] = {"all": [c for g in groups.values() for c in g]}
    for g in groups:
        if g != "state":
            variants[f"without {g}"] = [c for k, v in groups.items() if k != g for c in v]
    variants["state only"] = list(groups["state"])
    out = []
    for name, cols in variants.items():
        p = _fit_selected(train, {name: cols}, estimator, seed)[0].predict(test)
        out.append(
            {
                **key,
                "features": name,
                "n": int(y.size),
                "bss": _num(1 - sk.brier(p, y) / sk.brier(ref, y)),
                "ap_change": _num(
                    sk.average_precision_change(p, y, test["y_base"].to_numpy(dtype=float))
                ),
            }
        )
    return out


def _check(start: int, stop: int, step: int, horizons: Sequence[int]) -> None:
    if step < 1 or not horizons or min(horizons) < 1 or start > stop:
        raise InputError("--step and every --horizon must be >= 1, and --from <= --to")


def skill_backtest(
    regions: Sequence[str | tuple[str, Sequence[str]]] = ("asia-pacific",),
    *,
    start: int = 1955,
    stop: int = 2015,
    step: int = 5,
    horizons: Sequence[int] = (5, 10),
    members: int = 1000,
    seed: int = 0,
    weights: str = "fitted",
    embargo: int = EMBARGO,
    estimator: str = "logistic",
    ablation: bool = False,
    n_boot: int = 1000,
    truth: TruthSource | None = None,
    panel: Panel | None = None,
) -> SkillBacktest:
    """Run the skill backtest (module docstring) for ``regions`` (names of
    :func:`region_players`, or ``(name, players)`` pairs).

    A sample whose split has no rows (years that do not straddle the embargo) or too few to fit
    is left out of ``skill`` and named in ``info``.

    Raises
    ------
    InputError
        Bad years, horizons or region.
    """
    from realpolitik.forecasting.features import TREND_YEARS, default_truth
    from realpolitik.history.ensemble import landscape_label
    from realpolitik.history.panel import load_panel

    _check(start, stop, step, horizons)
    src = truth or default_truth()
    pan = panel or load_panel()
    bases = list(range(start, stop + 1, step))
    years = sorted(
        {
            y
            for b in bases
            for y in (b, b - TREND_YEARS, *(b + h for h in horizons), *(b - h for h in horizons))
        }
    )
    out = SkillBacktest()
    frames = []
    for entry in regions:
        region, players = (
            (entry, region_players(entry))
            if isinstance(entry, str)
            else (entry[0], tuple(entry[1]))
        )
        cube = TruthCube.from_frame(src(years, players), players)
        members_r = members

        def land(b: int, pl: Sequence[str] = players, m: int = members_r) -> Any:
            return _landscape(b, horizons, pl, weights, m, seed)

        try:
            rows = design(region, players, bases, horizons, cube, pan, land)
        except InputError as exc:
            out.info[region] = {"skipped": str(exc)}
            continue
        groups = feature_names(cube.signals)
        every = [c for g in groups.values() for c in g]
        feature_sets = {"state": list(groups["state"]), "all": every}
        info: dict[str, Any] = {
            "players": len(players),
            "members": members_r,
            "landscape": landscape_label(len(players)),
        }
        for h in horizons:
            for sample in ("out", "in"):
                train, test = _split(rows, h, sample, stop, embargo)
                if test.empty or train.empty:
                    continue
                try:
                    preds, fit_info = _fit_predict(train, test, feature_sets, estimator, seed)
                except ModelError as exc:
                    info[f"h{h}_{sample}"] = {"skipped": str(exc)}
                    continue
                key = {"horizon": int(h), "region": region, "sample": sample}
                s, r = _score_rows(test, preds, key, n_boot, seed)
                out.skill += s
                out.reliability += r
                info[f"h{h}_{sample}"] = fit_info
                if sample == "out":
                    frames.append(_predictions(test, preds, region, h))
                    if ablation:
                        out.ablation += _ablation(rows, groups, key, stop, embargo, estimator, seed)
        out.info[region] = info
    out.predictions = _concat(frames)
    return out


def _predictions(test: pd.DataFrame, preds: dict[str, FloatArray], region: str, h: int) -> Any:
    import pandas as pd

    return pd.concat(
        [
            pd.DataFrame(
                {
                    "base": test["base"].to_numpy(),
                    "horizon": h,
                    "region": region,
                    "model": m,
                    "a": test["a"].to_numpy(),
                    "b": test["b"].to_numpy(),
                    "p": p,
                }
            )
            for m, p in preds.items()
        ],
        ignore_index=True,
    )


def _concat(frames: list[Any]) -> Any:
    import pandas as pd

    cols = ["base", "horizon", "region", "model", "a", "b", "p"]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=cols)


def skill_json(
    regions: Sequence[str | tuple[str, Sequence[str]]],
    *,
    db: str | None = None,
    ablation: bool = False,
    **kwargs: Any,
) -> dict[str, Any]:
    """The keys the skill backtest adds to ``realpolitik backtest --json``: ``skill``,
    ``reliability``, ``skill_models`` (per region: players, landscape solver, calibration,
    training rows, stack coefficients), ``ablation`` when asked, and ``register_run`` (the
    run id) when ``db`` names a store for the forecast register.

    Raises
    ------
    InputError
        Bad years or region, or ``db`` given while the register is not installed.
    """
    res = skill_backtest(regions, ablation=ablation, **kwargs)
    out: dict[str, Any] = {
        "skill": res.skill,
        "reliability": res.reliability,
        "skill_models": res.info,
    }
    if ablation:
        out["ablation"] = res.ablation
    if db:
        try:
            from realpolitik.forecasting.register import (  # type: ignore[import-not-found]
                record_backtest,
            )
        except ImportError as exc:
            raise InputError("--db: the forecast register is not installed") from exc
        out["register_run"] = record_backtest(db, res.predictions, seed=kwargs.get("seed", 0))
    return out

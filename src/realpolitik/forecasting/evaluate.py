"""The skill backtest: landscape, change model and stack against persistence, per region.

For every region, base year (``--from .. --to``, every ``--step`` years) and horizon, each
pair of states present at the base is one row: its features
(:mod:`realpolitik.forecasting.features`), the landscape ensemble's pair probability, the two
persistence forecasts and the outcome (``same`` at base + h, from the measured alignment).

* **out of sample**: the change model and the stack are fitted and calibrated on the rows with
  ``base + h < embargo`` (1995; the embargo: no training label is dated at or after the first
  scored base year) and scored on the bases ``embargo .. --to``;
* **in sample**: fitted and scored on every row (what the model can describe, not forecast).

The change model trains on every year as a base (:data:`TRAIN_STEP`; the scored bases stay
every ``--step`` years, the embargo the same); the landscape runs on the scored bases only, so
its pair probability reaches the forecast through the stack (fitted on the training rows of the
scored bases) unless it exists at every training origin. ``world`` is every state; its
landscape runs on the ``major-powers`` subsample (:func:`landscape_players`), the other pairs
taking the training base rate (labelled in ``info``).

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
    "TRAIN_STEP",
    "RegionSpec",
    "SkillBacktest",
    "design",
    "landscape_players",
    "region_names",
    "region_players",
    "skill_backtest",
]

EMBARGO = 1995
"""First scored base year out of sample; training rows need ``base + h < EMBARGO``."""
TRAIN_STEP = 1
"""Years between the change model's training origins (1: every year from ``--from``). The
scored bases stay every ``--step`` years; the embargo is the same (``base + h < EMBARGO``)."""
MODELS = ("landscape", "change", "stack")
"""Models scored in the ``skill`` table."""

FloatArray = NDArray[np.float64]
RegionSpec = str | tuple[str, Sequence[str]] | tuple[str, Sequence[str], Sequence[str]]
"""A region: a name of :func:`region_names`, ``(name, players)`` or ``(name, players,
landscape players)``."""


def region_names() -> tuple[str, ...]:
    """Every ``--region`` name: :data:`realpolitik.history.players.REGIONS` and ``world``."""
    from realpolitik.history.players import REGIONS, WORLD

    return (*REGIONS, WORLD)


def region_players(region: str) -> tuple[str, ...]:
    """The players of a backtest region (:data:`realpolitik.history.players.REGIONS`), or
    ``world`` (every state of the measured alignment, about 200; ``all-states`` is the same).
    Each base year's rows hold the pairs of the players present in that year.

    Raises
    ------
    InputError
        Unknown region.
    """
    from realpolitik.history.players import REGIONS, WORLD

    if region in (WORLD, "all-states"):
        return _all_states()
    if region not in REGIONS:
        raise InputError(f"--region {region!r}: use one of {', '.join(region_names())}")
    return tuple(REGIONS[region])


def landscape_players(region: str) -> tuple[str, ...]:
    """The players the landscape ensemble runs on for ``region``: the region itself, except
    for ``world``, whose landscape runs on the ``major-powers`` subsample
    (:data:`realpolitik.history.players.WORLD_LANDSCAPE`, by multi-start descent).

    Raises
    ------
    InputError
        Unknown region.
    """
    from realpolitik.history.players import REGIONS, WORLD, WORLD_LANDSCAPE

    if region in (WORLD, "all-states"):
        return tuple(REGIONS[WORLD_LANDSCAPE])
    return region_players(region)


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
    from realpolitik.history.ensemble import region_forecast
    from realpolitik.history.players import CCODES

    known = tuple(p for p in players if p in CCODES)
    if len(known) < 2:
        return {h: {} for h in horizons}
    f = region_forecast(base, tuple(horizons), known, weights, members, seed)
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
    scored: Sequence[int],
) -> tuple[dict[str, FloatArray], dict[str, Any]]:
    """Fit the change model on every training origin and the stack on the training rows of
    the ``scored`` bases (the only ones with a landscape); forecast ``test``."""
    from realpolitik.forecasting.change import fit_stack

    model, chosen = _fit_selected(train, feature_sets, estimator, seed)
    base_rate = float(train["y"].mean())
    y_tr = train["y"].to_numpy(dtype=float)
    on = train["base"].isin(list(scored)).to_numpy()
    if np.unique(y_tr[on]).size < 2:
        on = np.ones(y_tr.size, dtype=bool)
    lp_tr = train["landscape_p"].to_numpy(dtype=float, na_value=np.nan)
    lp_te = test["landscape_p"].to_numpy(dtype=float, na_value=np.nan)
    stack = fit_stack(lp_tr[on], model.oof[on], y_tr[on])
    p_change = model.predict(test)
    preds = {
        "landscape": np.where(np.isfinite(lp_te), lp_te, base_rate),
        "change": p_change,
        "stack": stack.predict(lp_te, p_change),
    }
    info = {
        "calibration": model.calibration,
        "n_train": model.n_train,
        "n_train_stack": int(on.sum()),
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
    rows: pd.DataFrame, h: int, sample: str, stop: int, embargo: int, scored: Sequence[int]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Training rows (every origin; out of sample those with ``base + h < embargo``) and the
    scored rows (the ``scored`` bases; out of sample ``embargo .. stop``)."""
    r = rows[rows["horizon"] == h]
    on = r["base"].isin(list(scored))
    if sample == "in":
        return r, r[on]
    return r[r["base"] + h < embargo], r[on & (r["base"] >= embargo) & (r["base"] <= stop)]


def _ablation(
    rows: pd.DataFrame,
    groups: dict[str, list[str]],
    key: dict[str, Any],
    split: tuple[int, int, Sequence[int]],
    estimator: str,
    seed: int,
) -> list[dict[str, Any]]:
    from realpolitik.forecasting import skill as sk

    stop, embargo, scored = split
    train, test = _split(rows, key["horizon"], "out", stop, embargo, scored)
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


def _resolve(entry: RegionSpec) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """``(name, players, landscape players)`` of a region."""
    if isinstance(entry, str):
        return entry, region_players(entry), landscape_players(entry)
    players = tuple(entry[1])
    return entry[0], players, tuple(entry[2]) if len(entry) > 2 else players


def _feature_sets(
    signals: Sequence[str], landscape_everywhere: bool
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Feature groups and the selection's feature sets. The landscape's pair probability is a
    feature only when the landscape runs at every training origin on every pair; otherwise it
    enters through the stack alone (a feature must exist on every training row)."""
    groups = feature_names(signals)
    if not landscape_everywhere:
        groups["landscape"] = [c for c in groups["landscape"] if c != "landscape_p"]
    every = [c for g in groups.values() for c in g]
    return groups, {"state": list(groups["state"]), "all": every}


def _region_info(
    players: Sequence[str], land: Sequence[str], members: int, train_step: int
) -> dict[str, Any]:
    from realpolitik.history.ensemble import landscape_label

    label = landscape_label(len(land))
    if tuple(land) != tuple(players):
        label += f" on a subsample ({len(land)} players; other pairs: the training base rate)"
    return {
        "players": len(players),
        "members": members,
        "landscape": label,
        "landscape_players": len(land),
        "training_origins": f"every {train_step} year(s)",
    }


@dataclass(frozen=True)
class _Settings:
    horizons: tuple[int, ...]
    stop: int
    embargo: int
    scored: tuple[int, ...]
    estimator: str
    seed: int
    n_boot: int
    ablation: bool


def _score_region(
    out: SkillBacktest,
    region: str,
    rows: pd.DataFrame,
    groups: dict[str, list[str]],
    feature_sets: dict[str, list[str]],
    st: _Settings,
    info: dict[str, Any],
) -> list[Any]:
    """Fit and score both samples and horizons of one region; the out-of-sample forecasts."""
    frames = []
    for h in st.horizons:
        for sample in ("out", "in"):
            train, test = _split(rows, h, sample, st.stop, st.embargo, st.scored)
            if test.empty or train.empty:
                continue
            try:
                preds, fit_info = _fit_predict(
                    train, test, feature_sets, st.estimator, st.seed, st.scored
                )
            except ModelError as exc:
                info[f"h{h}_{sample}"] = {"skipped": str(exc)}
                continue
            key = {"horizon": int(h), "region": region, "sample": sample}
            s, r = _score_rows(test, preds, key, st.n_boot, st.seed)
            out.skill += s
            out.reliability += r
            info[f"h{h}_{sample}"] = fit_info
            if sample == "out":
                frames.append(_predictions(test, preds, region, h))
                if st.ablation:
                    split = (st.stop, st.embargo, st.scored)
                    out.ablation += _ablation(rows, groups, key, split, st.estimator, st.seed)
    return frames


def skill_backtest(
    regions: Sequence[RegionSpec] = ("asia-pacific",),
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
    train_step: int = TRAIN_STEP,
    truth: TruthSource | None = None,
    panel: Panel | None = None,
) -> SkillBacktest:
    """Run the skill backtest (module docstring) for ``regions`` (:data:`RegionSpec`).

    The scored bases are ``start .. stop`` every ``step`` years (the landscape runs on them);
    the change model trains on every ``train_step``-th year from ``start`` as well (more
    origins, the same embargo). The fits run on one BLAS thread (many small fits: threads
    only contend, most of all on a shared machine). A sample whose split has no rows (years
    that do not straddle the embargo) or too few to fit is left out of ``skill`` and named in
    ``info``.

    Raises
    ------
    InputError
        Bad years, horizons, step or region.
    """
    from threadpoolctl import threadpool_limits

    from realpolitik.forecasting.features import TREND_YEARS, default_truth
    from realpolitik.history.panel import load_panel

    _check(start, stop, min(step, train_step), horizons)
    src = truth or default_truth()
    pan = panel or load_panel()
    scored = tuple(range(start, stop + 1, step))
    origins = sorted(set(range(start, stop + 1, train_step)) | set(scored))
    years = sorted(
        {y for b in origins for y in (b, b - TREND_YEARS, *(b + k for k in horizons),
                                      *(b - k for k in horizons))}
    )  # fmt: skip
    st = _Settings(tuple(horizons), stop, embargo, scored, estimator, seed, n_boot, ablation)
    out = SkillBacktest()
    frames = []
    for entry in regions:
        region, players, land_pl = _resolve(entry)
        cube = TruthCube.from_frame(src(years, players), players)

        def land(b: int, pl: Sequence[str] = land_pl) -> Any:
            if b not in scored:
                return {h: {} for h in horizons}
            return _landscape(b, horizons, pl, weights, members, seed)

        try:
            with threadpool_limits(limits=1):
                rows = design(region, players, origins, horizons, cube, pan, land)
        except InputError as exc:
            out.info[region] = {"skipped": str(exc)}
            continue
        everywhere = set(origins) == set(scored) and land_pl == players
        groups, feature_sets = _feature_sets(cube.signals, everywhere)
        info = _region_info(players, land_pl, members, train_step)
        with threadpool_limits(limits=1):
            frames += _score_region(out, region, rows, groups, feature_sets, st, info)
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
    regions: Sequence[RegionSpec],
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

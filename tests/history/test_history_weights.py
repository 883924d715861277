"""Weight presets, the WeightDraws interface, the mapping and the logistic fit."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from realpolitik.engines.alignment.propensity import TERMS, load_weights, preset_weights
from realpolitik.engines.alignment.weights import WeightDraws, load_weight_draws
from realpolitik.errors import DataError, InputError
from realpolitik.history.fit import fit_logit
from realpolitik.history.terms import HISTORY_TERMS
from realpolitik.history.weights import TERM_MAP, history_weights


def test_weight_draws_interface() -> None:
    for preset in ("fitted", "judgement"):
        w = load_weight_draws(preset)
        assert isinstance(w, WeightDraws) and w.terms == TERMS and w.source
        assert w.mean.shape == (len(TERMS),) and w.draws.ndim == 2
        assert w.draws.shape[1] == len(TERMS) and np.all(np.isfinite(w.draws))
    j = load_weight_draws("judgement")
    toml = load_weights()
    assert np.allclose(j.mean, [toml[t].weight for t in TERMS]) and j.draws.shape == (1, 12)
    with pytest.raises(InputError, match="preset"):
        load_weight_draws("nope")


def test_fitted_east_asia_weights_follow_the_mapping() -> None:
    f = load_weight_draws("fitted")
    toml = load_weights()
    assert f.draws.shape[0] >= 100  # bootstrap draws
    k = TERMS.index("alliance")
    assert np.allclose(f.draws[:, k], 1.0) and f.mean[k] == 1.0  # rescaled per draw
    mapped = {ea for ea in TERM_MAP.values() if ea is not None}
    for i, t in enumerate(TERMS):
        if t not in mapped:  # no history counterpart: judgement in every draw
            assert np.allclose(f.draws[:, i], toml[t].weight)
    spread = f.draws.std(axis=0)
    assert all(spread[TERMS.index(t)] > 0 for t in mapped if t != "alliance")
    assert preset_weights("fitted")["rivalry"].weight == pytest.approx(
        f.mean[TERMS.index("rivalry")]
    )


def test_history_presets() -> None:
    j = history_weights("judgement")
    assert j.terms == HISTORY_TERMS and j.mean[HISTORY_TERMS.index("constant")] == 0.0
    f = history_weights("fitted")
    assert f.terms == HISTORY_TERMS and f.draws.shape[0] >= 100


def test_malformed_weight_file_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "w.csv"
    bad.write_text("draw,term,weight,basis,source\n-1,alliance,abc,fitted,x\n")
    with pytest.raises(DataError, match="line 2"):
        load_weight_draws("fitted", bad)
    bad.write_text("draw,term,weight,basis,source\n-1,alliance,1,fitted,x\n")
    with pytest.raises(DataError, match="lacks term"):
        load_weight_draws("fitted", bad)


def test_logistic_fit_recovers_known_coefficients() -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(5000, 3))
    beta = np.array([-0.5, 1.5, -2.0, 0.0])
    p = 1 / (1 + np.exp(-(beta[0] + x @ beta[1:])))
    y = (rng.random(p.size) < p).astype(float)
    assert np.allclose(fit_logit(x, y), beta, atol=0.15)
    # A constant column gets weight 0 (its effect is the intercept's).
    est2 = fit_logit(np.column_stack([x, np.ones(len(y))]), y)
    assert est2[-1] == 0.0 and np.allclose(est2[:4], beta, atol=0.15)


def test_separated_data_give_a_finite_weight() -> None:
    x = np.array([[1.0], [1.0], [0.0], [0.0], [0.0]])
    y = np.array([1.0, 1.0, 0.0, 1.0, 0.0])  # x = 1 always same side: MLE is infinite
    est = fit_logit(x, y)
    assert np.all(np.isfinite(est)) and 0 < est[1] < 10


@pytest.mark.slow  # importing statsmodels takes several seconds on a loaded machine
def test_flat_prior_equals_statsmodels_maximum_likelihood() -> None:
    from statsmodels.discrete.discrete_model import Logit

    rng = np.random.default_rng(5)
    x = rng.normal(size=(3000, 2))
    y = (rng.random(3000) < 1 / (1 + np.exp(-(0.3 + x @ [1.0, -0.7])))).astype(float)
    ref = Logit(y, np.column_stack([np.ones(3000), x])).fit(disp=0).params
    assert np.allclose(fit_logit(x, y, prior_sd=None), ref, atol=1e-6)


def test_the_shipped_east_asia_weights_are_the_change_models(tmp_path: Path) -> None:
    """The main job's fitted weights come from the change model's landscape block (their
    source says so); the embargoed history fit writes its own file and, only when asked, its
    East Asia mapping for comparison."""
    import csv

    from realpolitik.engines.alignment.weights import FITTED_WEIGHTS_FILE
    from realpolitik.forecasting.weights import SOURCE_NOTE
    from realpolitik.history.fit import fit_weights, write_fit

    with FITTED_WEIGHTS_FILE.open(encoding="utf-8") as fh:
        fitted = [r for r in csv.DictReader(fh) if r["basis"] == "fitted"]
    assert fitted and all(SOURCE_NOTE in r["source"] for r in fitted)
    fit = fit_weights(n_boot=2, rng=0, train_bases=(1960, 1970), test_bases=(1995,))
    write_fit(fit, tmp_path / "h.csv")
    assert [p.name for p in tmp_path.iterdir()] == ["h.csv"]
    write_fit(fit, tmp_path / "h.csv", tmp_path / "ea.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ea.csv", "h.csv"]

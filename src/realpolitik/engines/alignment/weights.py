"""Propensity weight presets with their uncertainty: fitted (default) and judgement.

:func:`load_weight_draws` returns a :class:`WeightDraws`: the East Asia term names (as in
``propensity.toml``), a mean weight per term and a matrix of draws an ensemble samples from
(member ``i`` takes row ``i mod n_draws`` or a random row; the choice is the caller's).

* ``"fitted"`` (default) reads ``data/east_asia/propensity_fitted.csv``: bootstrap draws of a
  logistic fit on the 1950-1990 history panel (``realpolitik fit-weights``, see
  ``docs/backtest.md``), mapped onto the East Asia terms and rescaled so that the alliance
  weight is 1 in every draw (the landscape is invariant to a common positive scale). Terms with
  no history counterpart keep their judgement weight in every draw; the file labels each row
  ``basis = fitted`` or ``judgement``.
* ``"judgement"`` reads ``propensity.toml``: one row, the judgement weights.

The file has columns ``draw,term,weight,basis,source``; ``draw = -1`` is the point estimate
(the mean), draws ``0..B-1`` the bootstrap.

Examples
--------
>>> j = load_weight_draws("judgement")
>>> j.terms[0], float(j.mean[0]), j.draws.shape
('alliance', 1.0, (1, 12))
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from realpolitik._paths import PACKAGE_DATA
from realpolitik.engines.alignment.terms import TERMS, load_weights
from realpolitik.errors import DataError, InputError

__all__ = ["FITTED_WEIGHTS_FILE", "PRESETS", "WeightDraws", "load_weight_draws", "read_draws"]

FITTED_WEIGHTS_FILE = PACKAGE_DATA / "east_asia" / "propensity_fitted.csv"
"""Fitted East Asia weights (``realpolitik/data/east_asia/propensity_fitted.csv``)."""

PRESETS: tuple[str, ...] = ("fitted", "judgement")
"""Named weight presets."""


@dataclass(frozen=True)
class WeightDraws:
    """Weights of the propensity terms with their uncertainty.

    Attributes
    ----------
    terms : tuple of str
        Term names.
    mean : ndarray, shape (n_terms,)
        Point weights.
    draws : ndarray, shape (n_draws, n_terms)
        Draws from the weights' uncertainty (the judgement preset: the single mean row).
    source : str
        Where the weights come from.
    """

    terms: tuple[str, ...]
    mean: NDArray[np.float64]
    draws: NDArray[np.float64]
    source: str


def read_draws(path: Path, terms: tuple[str, ...]) -> WeightDraws:
    """Read a ``draw,term,weight,basis,source`` file for ``terms``.

    Raises
    ------
    DataError
        Unreadable file, missing column, unknown term, non-finite weight, a term missing from
        a draw, or no point estimate (``draw = -1``).
    """
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise DataError(f"weights file {path} cannot be read: {exc}") from exc
    cells: dict[int, dict[str, float]] = {}
    sources: set[str] = set()
    for line, r in enumerate(rows, start=2):
        try:
            d, t, w = int(r["draw"]), r["term"], float(r["weight"])
        except (KeyError, TypeError, ValueError) as exc:
            raise DataError(
                f"weights file {path}, line {line}: need integer draw, term and numeric "
                f"weight ({exc})"
            ) from exc
        if t not in terms:
            raise DataError(f"weights file {path}, line {line}: unknown term {t!r}")
        if not math.isfinite(w):
            raise DataError(f"weights file {path}, line {line}: weight {w} is not finite")
        cells.setdefault(d, {})[t] = w
        sources.add(r.get("source") or "")
    if -1 not in cells:
        raise DataError(f"weights file {path}: no point estimate (a row set with draw = -1)")
    for d, row in cells.items():
        missing = [t for t in terms if t not in row]
        if missing:
            raise DataError(f"weights file {path}: draw {d} lacks term(s) {', '.join(missing)}")
    mean = np.array([cells[-1][t] for t in terms])
    ids = sorted(d for d in cells if d >= 0)
    draws = np.array([[cells[d][t] for t in terms] for d in ids]) if ids else mean[None]
    return WeightDraws(
        terms=terms, mean=mean, draws=draws, source="; ".join(sorted(s for s in sources if s))
    )


def load_weight_draws(preset: str = "fitted", path: str | Path | None = None) -> WeightDraws:
    """The weights of ``preset`` (``"fitted"`` or ``"judgement"``) with their draws.

    ``path`` overrides the file (a CSV for ``fitted``, a TOML for ``judgement``).

    Raises
    ------
    InputError
        Unknown preset.
    DataError
        Unreadable or malformed file.
    """
    if preset == "judgement":
        specs = load_weights(path)
        mean = np.array([specs[t].weight for t in TERMS])
        src = f"judgement: {Path(path).name if path else 'propensity.toml'}"
        return WeightDraws(terms=TERMS, mean=mean, draws=mean[None].copy(), source=src)
    if preset == "fitted":
        return read_draws(Path(path) if path is not None else FITTED_WEIGHTS_FILE, TERMS)
    raise InputError(f"weights preset {preset!r}: use one of {', '.join(PRESETS)}")

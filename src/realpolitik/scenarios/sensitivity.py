"""Sensitivity: which uncertain inputs drive the answer.

Two tools:

- :func:`sobol_indices`, the global one: Sobol' first-order (``S1``) and total-order
  (``ST``) indices with bootstrap confidence intervals (SALib; Saltelli 2002, Saltelli et al.
  2010) of a continuous headline output (a contender's capability share at the horizon, or
  the margin between the first two blocs) over *every* sampled input block, structural
  choices included: capability measure, composite weights, distance decay, growth model,
  growth rates, each propensity term's weight, propensity noise, bloc count, control
  threshold, issue noise, lever intensities and explicit inputs. The design feeds uniform
  rows to the same member code as the ensembles
  (:func:`realpolitik.scenarios.members.headline_outputs`). Cost: ``N * (G + 2)`` member
  evaluations for ``G`` input blocks (``N = 256``, about 14 blocks: 4,000 members).
- :func:`rank_correlations`, the quick one: Spearman correlation of each recorded input with
  each outcome indicator over the ensemble members (the tornado plot).

References
----------
Saltelli, A. (2002). Making best use of model evaluations to compute sensitivity indices.
*Computer Physics Communications* 145, 280-297.
Saltelli, A., et al. (2010). Variance based sensitivity analysis of model output. *Computer
Physics Communications* 181, 259-270.
Herman, J., & Usher, W. (2017). SALib: an open-source Python library for sensitivity analysis.
*Journal of Open Source Software* 2(9).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from realpolitik.scenarios.members import Plan

__all__ = ["SOBOL_OUTPUTS", "SobolResult", "rank_correlations", "sobol_indices", "tornado_plot"]

SOBOL_OUTPUTS: tuple[str, ...] = ("China-led", "US-led", "Japan-Korea", "margin")
"""Continuous outputs :func:`sobol_indices` can analyse (contender shares and the margin)."""


@dataclass(frozen=True)
class SobolResult:
    """Sobol' indices of one output; rows sorted by total-order index, largest first."""

    output: str
    method: str
    indices: tuple[dict[str, float | str], ...]
    evaluations: int
    output_sd: float

    def as_dict(self) -> dict[str, Any]:
        """The ``realpolitik sensitivity --json`` contract: ``output``, ``method``,
        ``indices`` (``input``, ``S1``, ``S1_conf``, ``ST``, ``ST_conf``), plus
        ``evaluations`` and ``output_sd``."""
        return {
            "output": self.output,
            "method": self.method,
            "indices": [dict(r) for r in self.indices],
            "evaluations": self.evaluations,
            "output_sd": self.output_sd,
        }

    def top(self, k: int = 3) -> list[str]:
        """Names of the ``k`` inputs with the largest total-order index."""
        return [str(r["input"]) for r in self.indices[:k]]


def _groups(plan: Plan) -> list[str]:
    groups: list[str] = []
    names = plan.system.term_names
    for name, width in plan.layout.blocks:
        if name == "term_weights":
            groups += [f"weight:{t}" for t in names]
        else:
            groups += [name] * width
    return groups


def sobol_indices(
    plan: Plan,
    *,
    output: str = "China-led",
    n_base: int = 256,
    seed: int = 0,
    chunk: int = 2000,
) -> SobolResult:
    """Sobol' indices of ``output`` over every sampled input block of ``plan``.

    Parameters
    ----------
    plan : Plan
    output : str
        One of :data:`SOBOL_OUTPUTS`.
    n_base : int
        Base sample size (a power of two; total evaluations ``n_base * (G + 2)``).
    seed : int
        Seed of the scrambled Sobol' sequence and of the bootstrap.

    Raises
    ------
    ValueError
        For an unknown output or a constant output (no variance to apportion).
    """
    import warnings

    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    from realpolitik.scenarios.members import headline_outputs

    if output not in SOBOL_OUTPUTS:
        raise ValueError(f"unknown output {output!r} (use one of {', '.join(SOBOL_OUTPUTS)})")
    groups = _groups(plan)
    width = len(groups)
    problem = {
        "num_vars": width,
        "names": [f"u{j}" for j in range(width)],
        "bounds": [[0.0, 1.0]] * width,
        "groups": groups,
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        x = sobol_sample.sample(problem, n_base, calc_second_order=False, seed=seed)
        x = np.clip(x, 0.0, np.nextafter(1.0, 0.0))
        y = np.concatenate(
            [headline_outputs(plan, x[s : s + chunk])[output] for s in range(0, len(x), chunk)]
        )
        if float(np.std(y)) == 0.0:
            raise ValueError(f"output {output!r} is constant over the design: nothing to apportion")
        si = sobol_analyze.analyze(
            problem, y, calc_second_order=False, seed=seed, print_to_console=False
        )
    names = list(dict.fromkeys(groups))
    rows: list[dict[str, float | str]] = [
        {
            "input": names[g],
            "S1": float(si["S1"][g]),
            "S1_conf": float(si["S1_conf"][g]),
            "ST": float(si["ST"][g]),
            "ST_conf": float(si["ST_conf"][g]),
        }
        for g in range(len(names))
    ]
    rows.sort(key=lambda r: -float(r["ST"]))
    return SobolResult(
        output=output,
        method=f"sobol (SALib; Saltelli design, N={n_base}, {len(names)} input groups, "
        "95% bootstrap intervals)",
        indices=tuple(rows),
        evaluations=len(x),
        output_sd=float(np.std(y)),
    )


def rank_correlations(
    inputs: dict[str, NDArray[np.float64]],
    outcomes: dict[str, NDArray[np.bool_]],
    *,
    top: int | None = None,
) -> dict[str, list[tuple[str, float]]]:
    """Spearman correlation of every input with every outcome.

    Parameters
    ----------
    inputs : dict
        Input name -> values over members (the first ``k`` members).
    outcomes : dict
        Outcome id -> booleans over members (at least ``k``).
    top : int, optional
        Keep only the ``top`` inputs per outcome.

    Returns
    -------
    dict
        Outcome id -> ``[(input, rho), ...]`` sorted by ``|rho|`` descending. Constant
        inputs or outcomes give no correlation and are left out.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.arange(100.0); y = x > 50
    >>> rank_correlations({"x": x, "z": np.zeros(100)}, {"o": y})["o"][0][0]
    'x'
    """
    from scipy.stats import spearmanr

    out: dict[str, list[tuple[str, float]]] = {}
    for oid, flags in outcomes.items():
        rows: list[tuple[str, float]] = []
        for name, x in inputs.items():
            k = min(len(x), len(flags))
            xv, yv = x[:k], flags[:k].astype(float)
            if k < 3 or np.ptp(xv) == 0 or np.ptp(yv) == 0:
                continue
            rho = float(spearmanr(xv, yv).statistic)
            if np.isfinite(rho):
                rows.append((name, rho))
        rows.sort(key=lambda r: -abs(r[1]))
        out[oid] = rows[:top] if top else rows
    return out


def tornado_plot(rows: list[tuple[str, float]], title: str, path: Path) -> Path:
    """Draw a tornado chart of ``(input, rho)`` rows to ``path`` (PNG or SVG)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = rows[:12][::-1]
    fig, ax = plt.subplots(figsize=(7, 0.4 * max(3, len(rows)) + 1))
    names = [r[0] for r in rows]
    vals = [r[1] for r in rows]
    colors = ["#b2182b" if v < 0 else "#2166ac" for v in vals]
    ax.barh(names, vals, color=colors)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlabel("Spearman rank correlation with the outcome")
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path

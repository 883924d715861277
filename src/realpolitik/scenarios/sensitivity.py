"""Sensitivity: which uncertain inputs drive the answer.

Two tools:

- :func:`sobol_indices`, the global one: Sobol' first-order (``S1``) and total-order
  (``ST``) indices with bootstrap confidence intervals (SALib; Saltelli 2002, Saltelli et al.
  2010) of the headline itself (:data:`SOBOL_OUTPUTS`: each contender's control indicator,
  the margin between the first two blocs, China's bloc share) over *every* sampled input
  block, structural choices included, each named for what it is: capability measure,
  composite weights, distance decay, growth model, growth rates, the alignment model's draw
  (one input: the row of the fitted weights' bootstrap, which moves every term weight
  jointly; with the judgement prior instead, one input per term, ``weight:<term>``),
  propensity noise, bloc count, control threshold, issue noise, lever intensities and
  explicit inputs. :func:`sobol_analysis` analyses several outputs of one design. The
  design feeds uniform rows to the same member code as the ensembles
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

from realpolitik._figure import new_figure

if TYPE_CHECKING:
    from realpolitik.scenarios.members import Plan

__all__ = [
    "ALIGNMENT_DRAW",
    "SOBOL_OUTPUTS",
    "SobolResult",
    "rank_correlations",
    "sobol_analysis",
    "sobol_indices",
    "tornado_plot",
]

SOBOL_OUTPUTS: tuple[str, ...] = (
    "china_led",
    "us_led",
    "no_one",
    "japan_korea",
    "margin",
    "china_share",
)
"""Outputs :func:`sobol_indices` can analyse: the control indicators of China-led, US-led,
no one and Japan-Korea (1 where that contender controls the region), the margin (largest
bloc's share minus the second's) and China's bloc share
(:func:`~realpolitik.scenarios.members.headline_outputs`)."""

ALIGNMENT_DRAW = "alignment_model_draw"
"""The input name of the fitted alignment weights' bootstrap row (one draw, every term)."""


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
    """Input names of the layout's columns: the fitted weights' draw is one input (only its
    first column is read), the judgement prior one input per term."""
    groups: list[str] = []
    names = plan.system.term_names
    for name, width in plan.layout.blocks:
        if name == "term_weights" and plan.weight_draws is not None:
            groups += [ALIGNMENT_DRAW] * width
        elif name == "term_weights":
            groups += [f"weight:{t}" for t in names]
        else:
            groups += [name] * width
    return groups


def sobol_indices(
    plan: Plan,
    *,
    output: str = "china_led",
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
        Seed of the scrambled Sobol' sequence and of the bootstrap (the ``run`` command
        uses the scenario's root seed).

    Raises
    ------
    ValueError
        For an unknown output or a constant output (no variance to apportion).
    """
    res = sobol_analysis(plan, outputs=(output,), n_base=n_base, seed=seed, chunk=chunk)
    found = res[output]
    if isinstance(found, str):
        raise ValueError(found)
    return found


def sobol_analysis(
    plan: Plan,
    *,
    outputs: tuple[str, ...] = SOBOL_OUTPUTS,
    n_base: int = 256,
    seed: int = 0,
    chunk: int = 2000,
) -> dict[str, SobolResult | str]:
    """Sobol' indices of several ``outputs`` from one design (see :func:`sobol_indices`).

    Returns
    -------
    dict
        Output -> its :class:`SobolResult`, or the reason it has none (constant over the
        design).
    """
    import warnings

    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    from realpolitik.scenarios.members import headline_outputs

    for output in outputs:
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
    names = list(dict.fromkeys(groups))
    out: dict[str, SobolResult | str] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        x = sobol_sample.sample(problem, n_base, calc_second_order=False, seed=seed)
        x = np.clip(x, 0.0, np.nextafter(1.0, 0.0))
        parts = [headline_outputs(plan, x[s : s + chunk]) for s in range(0, len(x), chunk)]
        for output in outputs:
            y = np.concatenate([p[output] for p in parts])
            if float(np.std(y)) == 0.0:
                out[output] = f"output {output!r} is constant over the design: nothing to apportion"
                continue
            si = sobol_analyze.analyze(
                problem, y, calc_second_order=False, seed=seed, print_to_console=False
            )
            out[output] = _result(output, si, names, n_base, len(x), float(np.std(y)))
    return out


def _result(
    output: str, si: Any, names: list[str], n_base: int, evaluations: int, sd: float
) -> SobolResult:
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
        evaluations=evaluations,
        output_sd=sd,
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

    rows = rows[:12][::-1]
    fig, ax = new_figure((7, 0.4 * max(3, len(rows)) + 1))
    names = [r[0] for r in rows]
    vals = [r[1] for r in rows]
    colors = ["#b2182b" if v < 0 else "#2166ac" for v in vals]
    ax.barh(names, vals, color=colors)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlabel("Spearman rank correlation with the outcome")
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(path)
    return path

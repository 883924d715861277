"""The headline conditional on each structural choice, beside the pooled answer.

A member draws its capability measure, control threshold, growth model and bloc count
(:mod:`realpolitik.scenarios.structure`); the pooled answer averages over those draws with
equal weights, a judgement. :func:`conditional_answers` splits the members of one run by each
choice (the threshold in three bands, thirds of its sampled range) and gives each contender's
probability of control within each group, with a 90% Wilson interval (Monte Carlo only);
:func:`structural_interval` gives, per contender, the range of those conditional answers over
the capability measure and the threshold band: the spread the structural choices add to the
Monte Carlo interval of the pooled answer.

Examples
--------
>>> import numpy as np
>>> ctrl = np.array(["US-led", "US-led", "China-led", "no one"])
>>> rows = conditional_rows(ctrl, {"capability_measure": np.array([0, 0, 3, 3])},
...                         {"capability_measure": ("cinc", "gdp", "ppp", "milex")})
>>> [(r["value"], r["members"], r["contenders"]["US-led"]["p"]) for r in rows]
[('cinc', 2, 1.0), ('milex', 2, 0.0)]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from realpolitik.scenarios.outcomes import CONTENDERS
from realpolitik.scenarios.structure import (
    BLOC_COUNTS,
    CAPABILITY_MEASURES,
    GROWTH_MODELS,
    THRESHOLD_RANGE,
)

if TYPE_CHECKING:
    from realpolitik.scenarios.runner import EnsembleResult

__all__ = [
    "POOLED_LABEL",
    "STRUCTURAL_CHOICES",
    "conditional_answers",
    "conditional_rows",
    "structural_interval",
    "threshold_bands",
]

POOLED_LABEL = (
    "equal-weight pool over the five capability measures, the control threshold in "
    "[0.5, 0.6], three growth models and two or three blocs (equal weights are a judgement, "
    "no source ranks the measures; each choice's own answer is in the conditional rows)"
)
"""What the pooled answer averages over, said wherever it is shown."""

STRUCTURAL_CHOICES: tuple[str, ...] = (
    "capability_measure",
    "control_threshold",
    "growth_model",
    "bloc_count",
)
"""The structural choices the conditional answers split by (``choice`` values)."""


def threshold_bands(bands: int = 3) -> list[tuple[float, float]]:
    """Equal bands of the control threshold's sampled range.

    Examples
    --------
    >>> [(round(a, 3), round(b, 3)) for a, b in threshold_bands()]
    [(0.5, 0.533), (0.533, 0.567), (0.567, 0.6)]
    """
    lo, hi = THRESHOLD_RANGE
    edges = np.linspace(lo, hi, bands + 1)
    return [(float(edges[k]), float(edges[k + 1])) for k in range(bands)]


def conditional_rows(
    controller: NDArray[np.str_],
    codes: Mapping[str, NDArray[np.integer]],
    labels: Mapping[str, Sequence[str]],
    contenders: Sequence[str] = CONTENDERS,
) -> list[dict[str, Any]]:
    """One row per (choice, value) with members: each contender's P(control) in that group.

    Parameters
    ----------
    controller : ndarray of str
        Who controls, per member (at least as long as each code array).
    codes : mapping
        Choice -> the value index each member drew.
    labels : mapping
        Choice -> the name of each value index.

    Returns
    -------
    list of dict
        ``{"choice", "value", "members", "contenders": {name: {"p", "low", "high"}}}``.
    """
    from realpolitik.scenarios.runner import wilson

    rows: list[dict[str, Any]] = []
    for choice, code in codes.items():
        ctrl = controller[: code.size]
        for k, label in enumerate(labels[choice]):
            mask = code == k
            n = int(mask.sum())
            if n == 0:
                continue
            rows.append(
                {
                    "choice": choice,
                    "value": label,
                    "members": n,
                    "contenders": {
                        c: wilson(int((ctrl[mask] == c).sum()), n).as_dict() for c in contenders
                    },
                }
            )
    return rows


def conditional_answers(run: EnsembleResult) -> list[dict[str, Any]]:
    """The run's answer conditional on each structural choice (:data:`STRUCTURAL_CHOICES`;
    the control threshold in three bands); see :func:`conditional_rows`."""
    inp = run.inputs
    bands = threshold_bands()
    thr = np.asarray(inp["threshold"], float)
    edges = np.array([b[0] for b in bands[1:]])
    counts = [c for c in BLOC_COUNTS if c <= int(np.max(inp["blocs"], initial=2))]
    codes = {
        "capability_measure": np.asarray(inp["measure"]).astype(np.int64),
        "control_threshold": np.searchsorted(edges, thr, side="right").astype(np.int64),
        "growth_model": np.asarray(inp["growth_model"]).astype(np.int64),
        "bloc_count": np.searchsorted(np.array(counts), np.asarray(inp["blocs"])).astype(np.int64),
    }
    labels = {
        "capability_measure": CAPABILITY_MEASURES,
        "control_threshold": tuple(f"{a:.3f}-{b:.3f}" for a, b in bands),
        "growth_model": GROWTH_MODELS,
        "bloc_count": tuple(f"{c} blocs" for c in counts),
    }
    return conditional_rows(run.controller, codes, labels)


def structural_interval(
    rows: list[dict[str, Any]],
    pooled: Mapping[str, float],
    choices: Sequence[str] = ("capability_measure", "control_threshold"),
) -> dict[str, dict[str, float | str]]:
    """Per contender: the pooled probability and the lowest and highest conditional answer
    over ``choices`` (the spread the structural choices add to the Monte Carlo interval).

    Examples
    --------
    >>> rows = [{"choice": "capability_measure", "value": v,
    ...          "contenders": {"US-led": {"p": p, "low": p, "high": p}}}
    ...         for v, p in (("cinc", 0.1), ("milex", 0.9))]
    >>> structural_interval(rows, {"US-led": 0.5})["US-led"]["high"]
    0.9
    """
    out: dict[str, dict[str, float | str]] = {}
    for c, p in pooled.items():
        vals = [r["contenders"][c]["p"] for r in rows if r["choice"] in choices]
        out[c] = {
            "p": float(p),
            "low": float(min(vals, default=p)),
            "high": float(max(vals, default=p)),
            "over": " and ".join(ch.replace("_", " ") for ch in choices),
        }
    return out

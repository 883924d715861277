"""Figures of the report and the dashboard as SVG text (matplotlib, no network).

Figures are built without pyplot (:func:`realpolitik._figure.new_figure`), so the web app's
request threads never share one.

Every function returns one ``<svg ...>`` element as a string (no XML prolog), ready to inline
in HTML or to write to a ``.svg`` file. Text stays text (``svg.fonttype = none``) so the
figures are small and searchable; ids are salted with a fixed string so the output is
deterministic.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from realpolitik._figure import new_figure
from realpolitik.scenarios.outcomes import CONTENDER_COLOURS as _COLOURS
from realpolitik.scenarios.outcomes import CONTENDERS

if TYPE_CHECKING:
    from realpolitik.report.analysis import FanChart

__all__ = [
    "BLOC_COLOURS",
    "CONTENDER_COLOURS",
    "claims_svg",
    "control_svg",
    "fan_svg",
    "issues_svg",
    "lift_forest",
    "network_svg",
    "tornado_svg",
]

CONTENDER_COLOURS: dict[str, str] = dict(_COLOURS)
"""The one contender colour map (defined in :mod:`realpolitik.scenarios.outcomes`)."""
BLOC_COLOURS: tuple[str, ...] = ("#d7301f", "#2b8cbe", "#31a354", "#984ea3")
"""Bloc 0 (China's bloc) red, bloc 1 blue, then green and purple."""


def _svg(fig: Any) -> str:
    import matplotlib

    # Text stays text, and ids are salted with a fixed string (deterministic output).
    matplotlib.rcParams["svg.fonttype"] = "none"
    matplotlib.rcParams["svg.hashsalt"] = "realpolitik"
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "realpolitik"})
    text = buf.getvalue()
    return text[text.index("<svg") :]


def control_svg(rows: Sequence[tuple[str, dict[str, dict[str, float]]]]) -> str:
    """Stacked bars: P(each contender controls the region) per scenario.

    ``rows`` are ``(scenario, {contender: {"p", "low", "high"}})``.

    Examples
    --------
    >>> s = control_svg([("baseline", {c: {"p": 0.2, "low": 0.1, "high": 0.3}
    ...                                  for c in CONTENDERS})])
    >>> s.startswith("<svg") and "baseline" in s
    True
    """
    names = [r[0] for r in rows]
    fig, ax = new_figure((8, 0.32 * len(names) + 1.4))
    left = np.zeros(len(names))
    for c in CONTENDERS:
        vals = np.array([r[1][c]["p"] for r in rows])
        ax.barh(names, vals, left=left, color=CONTENDER_COLOURS[c], label=c)
        left += vals
    ax.set_xlim(0, 1)
    ax.invert_yaxis()
    ax.set_xlabel("probability that the contender's bloc controls the region at the horizon")
    ax.legend(ncol=5, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.25 - 0.6 / len(rows)))
    fig.tight_layout()
    return _svg(fig)


def network_svg(
    actors: Sequence[str],
    shares: Sequence[float] | np.ndarray[Any, Any],
    propensity: np.ndarray[Any, Any],
    blocs: Sequence[int],
    *,
    title: str = "",
) -> str:
    """The alignment network: nodes sized by capability share and coloured by bloc, edges by
    propensity (blue positive, red negative, width ~ ``|p|``).

    The layout is a circle with each bloc on its own arc, so the picture is deterministic.
    """
    n = len(actors)
    order = sorted(range(n), key=lambda i: (blocs[i], i))
    angle = {i: 2 * np.pi * k / n for k, i in enumerate(order)}
    xy = {i: (np.cos(angle[i]), np.sin(angle[i])) for i in range(n)}
    p = np.asarray(propensity, dtype=float)
    scale = float(np.abs(p).max()) or 1.0
    fig, ax = new_figure((6.5, 6.5))
    for i in range(n):
        for j in range(i + 1, n):
            v = p[i, j]
            if abs(v) < 0.05 * scale:
                continue
            ax.plot(
                [xy[i][0], xy[j][0]],
                [xy[i][1], xy[j][1]],
                color="#2166ac" if v > 0 else "#b2182b",
                lw=0.4 + 3.0 * abs(v) / scale,
                alpha=0.55,
                zorder=1,
            )
    sh = np.asarray(shares, dtype=float)
    for i, a in enumerate(actors):
        ax.scatter(
            *xy[i],
            s=250 + 4000 * sh[i],
            color=BLOC_COLOURS[int(blocs[i]) % len(BLOC_COLOURS)],
            edgecolor="black",
            zorder=2,
        )
        ax.annotate(a, xy[i], ha="center", va="center", fontsize=8, color="white", zorder=3)
    ax.set_xlim(-1.3, 1.3)
    ax.set_ylim(-1.3, 1.3)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title, fontsize=10)
    fig.tight_layout()
    return _svg(fig)


def fan_svg(fan: FanChart, *, top: int = 6) -> str:
    """Fan charts of projected capability shares for the ``top`` actors (base-year share)."""
    first = fan.values[2, 0]
    idx = list(np.argsort(-first)[:top])
    cols = 3
    rows = int(np.ceil(len(idx) / cols))
    fig, axes = new_figure((9, 2.6 * rows), nrows=rows, ncols=cols, squeeze=False)
    for k, i in enumerate(idx):
        ax = axes[k // cols][k % cols]
        v = fan.values[:, :, i]
        ax.fill_between(fan.years, v[0], v[4], color="#c6dbef", label="90% band")
        ax.fill_between(fan.years, v[1], v[3], color="#6baed6", label="50% band")
        ax.plot(fan.years, v[2], color="black", lw=1.2, label="median")
        ax.set_title(fan.actors[i], fontsize=9)
        ax.tick_params(labelsize=7)
    for k in range(len(idx), rows * cols):
        axes[k // cols][k % cols].axis("off")
    axes[0][0].set_ylabel("capability share", fontsize=8)
    axes[0][0].legend(fontsize=7, loc="best")
    fig.tight_layout()
    return _svg(fig)


def issues_svg(issues: Sequence[dict[str, Any]], *, preset: str = "eum_scholz2011") -> str:
    """Issue forecasts over bargaining rounds: the median voter position per round (EUM),
    with the compromise forecast as a dashed line, one panel per issue."""
    items = [it for it in issues if preset in it.get("trajectories", {})]
    if not items:
        fig, ax = new_figure((4, 1))
        ax.text(0.5, 0.5, "no issue forecasts", ha="center")
        ax.axis("off")
        return _svg(fig)
    cols = 4
    rows = int(np.ceil(len(items) / cols))
    fig, axes = new_figure((10, 2.2 * rows), nrows=rows, ncols=cols, squeeze=False)
    for k, it in enumerate(items):
        ax = axes[k // cols][k % cols]
        med = it["trajectories"][preset]["medians"]
        ax.plot(range(len(med)), med, "o-", ms=2.5, color="#08519c", label="EUM median")
        ax.axhline(it["forecasts"]["compromise"], ls="--", color="#d95f0e", label="compromise")
        ax.set_ylim(-2, 102)
        ax.set_title(str(it["issue"]), fontsize=8)
        ax.tick_params(labelsize=7)
    for k in range(len(items), rows * cols):
        axes[k // cols][k % cols].axis("off")
    axes[0][0].legend(fontsize=6)
    axes[0][0].set_ylabel("position (0-100)", fontsize=7)
    fig.supxlabel("bargaining round", fontsize=8)
    fig.tight_layout()
    return _svg(fig)


def tornado_svg(rows: Sequence[tuple[str, float]], title: str) -> str:
    """Tornado chart of ``(input, Spearman rho)`` rows (top 12)."""
    rows = list(rows)[:12][::-1]
    fig, ax = new_figure((7, 0.35 * max(3, len(rows)) + 1.2))
    if rows:
        vals = [r[1] for r in rows]
        ax.barh([r[0] for r in rows], vals, color=["#b2182b" if v < 0 else "#2166ac" for v in vals])
    else:
        ax.text(0, 0, "no input varies with this outcome", ha="center")
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlabel("Spearman rank correlation with the outcome")
    ax.set_title(title, fontsize=10)
    ax.tick_params(labelsize=8)
    fig.tight_layout()
    return _svg(fig)


def reliability_svg(bins: Sequence[dict[str, float]]) -> str:
    """Reliability diagram: observed share against mean forecast per probability bin."""
    fig, ax = new_figure((5, 4.5))
    ax.plot([0, 1], [0, 1], color="grey", lw=1, ls="--", label="perfect calibration")
    xs, ys = [b["mean_p"] for b in bins], [b["observed"] for b in bins]
    ax.plot(xs, ys, marker="o", color="#2166ac", label="landscape model")
    for b in bins:
        ax.annotate(
            str(int(b["n"])),
            (b["mean_p"], b["observed"]),
            fontsize=6,
            xytext=(3, -8),
            textcoords="offset points",
        )
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("forecast probability that a pair is on one side")
    ax.set_ylabel("observed share on one side")
    ax.set_title("Backtest 1955-2015, 5 and 10 years ahead (numbers: pairs)", fontsize=9)
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    return _svg(fig)


def claims_svg(claims: Sequence[dict[str, Any]]) -> str:
    """Lift of each claim with its 90% interval (``ClaimResult.as_dict()`` rows)."""
    fig, ax = new_figure((8, 0.36 * max(len(claims), 2) + 1.2))
    lift_forest(
        ax,
        [(c["lift"]["p"], c["lift"]["low"], c["lift"]["high"]) for c in claims],
        [f"{c['scenario']}: {c['outcome']}" for c in claims],
        fontsize=7,
        xlabel="lift = P(outcome | antecedent) - P(outcome | baseline), 90% interval",
    )
    fig.tight_layout()
    return _svg(fig)


def lift_forest(
    ax: Any,
    lifts: Sequence[tuple[float, float, float]],
    labels: Sequence[str],
    *,
    fontsize: int,
    xlabel: str,
) -> None:
    """Draw claim lifts as points with their intervals, one row per claim, top to bottom.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    lifts : sequence of (float, float, float)
        ``(value, low, high)`` per claim.
    labels : sequence of str
        The row labels, one per claim.
    fontsize : int
        Font size of the row labels.
    xlabel : str
        The x-axis label.
    """
    y = np.arange(len(lifts))
    v = np.array([p for p, _, _ in lifts], dtype=float)
    lo = v - np.array([low for _, low, _ in lifts], dtype=float)
    hi = np.array([high for _, _, high in lifts], dtype=float) - v
    if len(lifts):
        ax.errorbar(v, y, xerr=[lo, hi], fmt="o", color="black", capsize=3)
    ax.axvline(0, color="grey", lw=0.8)
    ax.set_yticks(y, list(labels), fontsize=fontsize)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)

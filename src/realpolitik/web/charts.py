"""Dashboard charts drawn as inline SVG by the templates, from numbers computed here.

The report's matplotlib figures (:mod:`realpolitik.report.figures`) are fixed-size images
with the legend apart from the plot and one y-scale per panel; the dashboard needs panels
that stack on a narrow screen, share one y-scale so that they can be compared, and keep the
legend beside them. This module only computes coordinates (pure numbers); the templates draw
and escape.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from realpolitik.report.analysis import FanChart

__all__ = ["PANEL_H", "PANEL_W", "fan_panels", "nice_max"]

PANEL_W, PANEL_H = 240, 150
"""Size of one fan panel in SVG user units (it scales with its box)."""

_PAD_L, _PAD_R, _PAD_T, _PAD_B = 34, 8, 8, 20


def nice_max(x: float) -> float:
    """The smallest of 1, 2, 2.5, 5 times a power of ten at or above ``x``.

    Examples
    --------
    >>> nice_max(0.37), nice_max(0.041), nice_max(0.0)
    (0.4, 0.05, 0.1)
    """
    if x <= 0:
        return 0.1
    p = 10.0 ** math.floor(math.log10(x))
    for m in (1, 2, 2.5, 4, 5, 10):
        if m * p >= x - 1e-12:
            return float(round(m * p, 12))
    return float(10 * p)


def fan_panels(fan: FanChart, *, top: int = 6) -> dict[str, Any]:
    """Panels of projected capability shares for the ``top`` actors on one shared y-scale.

    Returns ``{"width", "height", "ymax", "ticks": [(y_px, label)],
    "years": [(x_px, label, anchor)], "panels": [{"actor", "band90", "band50", "median",
    "first", "last", ...}]}`` where the bands are SVG polygon point strings and ``median`` a
    polyline's.
    """
    vals = fan.values  # (q, years, actors)
    first = vals[2, 0]
    idx = sorted(range(len(fan.actors)), key=lambda i: -float(first[i]))[:top]
    ymax = nice_max(float(max(vals[4, :, i].max() for i in idx)))
    years = [int(y) for y in fan.years]
    x0, x1 = _PAD_L, PANEL_W - _PAD_R
    y0, y1 = PANEL_H - _PAD_B, _PAD_T

    def px(t: int) -> float:
        return x0 + (x1 - x0) * (t / max(1, len(years) - 1))

    def py(v: float) -> float:
        return y0 + (y1 - y0) * (min(max(v, 0.0), ymax) / ymax)

    def line(series: Any) -> str:
        return " ".join(f"{px(t):.1f},{py(float(v)):.1f}" for t, v in enumerate(series))

    def band(lo: Any, hi: Any) -> str:
        top_pts = [f"{px(t):.1f},{py(float(v)):.1f}" for t, v in enumerate(hi)]
        bot_pts = [f"{px(t):.1f},{py(float(v)):.1f}" for t, v in reversed(list(enumerate(lo)))]
        return " ".join(top_pts + bot_pts)

    panels = []
    for i in idx:
        v = vals[:, :, i]
        panels.append(
            {
                "actor": fan.actors[i],
                "band90": band(v[0], v[4]),
                "band50": band(v[1], v[3]),
                "median": line(v[2]),
                "first": float(v[2, 0]),
                "last": float(v[2, -1]),
                "last_low": float(v[0, -1]),
                "last_high": float(v[4, -1]),
            }
        )
    ticks = [(py(ymax * k / 4), f"{100 * ymax * k / 4:.0f}%") for k in range(5)]
    last = len(years) - 1
    xt = [(px(t), str(y), "start" if t == 0 else "end") for t, y in enumerate(years)
          if t in (0, last)]  # fmt: skip
    return {
        "width": PANEL_W,
        "height": PANEL_H,
        "x0": x0,
        "x1": x1,
        "y0": y0,
        "ymax": ymax,
        "ticks": ticks,
        "years": xt,
        "panels": panels,
    }

"""The one way realpolitik makes a matplotlib figure: without pyplot.

pyplot keeps a global registry of open figures and a current figure, which is not safe when the
web app draws charts in several request threads at once (and a figure never closed stays in the
registry). Matplotlib's guide for web servers recommends building :class:`matplotlib.figure.Figure`
directly; such a figure belongs to its caller alone and is freed with it, so nothing needs
closing. Saving works for any format (PNG, SVG) without choosing a backend.

Examples
--------
>>> fig, ax = new_figure((3, 2))
>>> _ = ax.plot([0, 1], [0, 1])
>>> import io
>>> buf = io.BytesIO(); fig.savefig(buf, format="png"); buf.getvalue()[:4] == b"\\x89PNG"
True
>>> fig, axes = new_figure((4, 2), ncols=2, squeeze=False)
>>> axes.shape
(1, 2)
"""

from __future__ import annotations

from typing import Any

__all__ = ["new_figure"]


def new_figure(
    figsize: tuple[float, float], *, nrows: int = 1, ncols: int = 1, squeeze: bool = True
) -> tuple[Any, Any]:
    """A new figure of ``figsize`` inches and its axes (as :meth:`Figure.subplots` returns them).

    Parameters
    ----------
    figsize : tuple of float
        Width and height in inches.
    nrows, ncols : int
        The grid of axes.
    squeeze : bool
        As in :meth:`matplotlib.figure.Figure.subplots`: ``False`` always returns a 2-D array.

    Returns
    -------
    tuple
        ``(figure, axes)``.
    """
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize)
    return fig, fig.subplots(nrows, ncols, squeeze=squeeze)

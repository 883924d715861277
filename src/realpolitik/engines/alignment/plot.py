"""Drawing of signed networks coloured by bloc (matplotlib, Agg backend).

The one output helper of the alignment package: it writes a PNG or SVG file and returns its
path. Positive ties are solid green, negative ties dashed red, line width grows with ``|w|``;
node area grows with ``size`` and node colour shows the bloc.

Examples
--------
>>> import numpy as np, tempfile, pathlib
>>> W = np.array([[0, 1, -1], [1, 0, -1], [-1, -1, 0]], dtype=float)
>>> out = pathlib.Path(tempfile.mkdtemp()) / "g.svg"
>>> draw_signed_network(["A", "B", "C"], W, [0, 0, 1], out).suffix
'.svg'
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import ArrayLike

from realpolitik._figure import new_figure

__all__ = ["BLOC_COLOURS", "draw_signed_network"]

BLOC_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2")
"""Colours of blocs 0, 1, 2, ... (cycled)."""


def draw_signed_network(
    names: Sequence[str],
    W: ArrayLike,
    assignment: ArrayLike,
    path: str | Path,
    *,
    sizes: ArrayLike | None = None,
    title: str = "",
    seed: int = 0,
) -> Path:
    """Draw the signed network ``W`` with nodes coloured by ``assignment``; write ``path``.

    Parameters
    ----------
    names : sequence of str
    W : array_like, shape (n, n)
        Signed weights; an edge is drawn where ``W_ij != 0``.
    assignment : array_like of int, shape (n,)
        Bloc of each node.
    path : str or Path
        Output file; the format follows the suffix (``.png`` or ``.svg``).
    sizes : array_like, optional
        Node sizes (relative).
    title : str
    seed : int
        Seed of the spring layout (the drawing is reproducible).

    Returns
    -------
    Path
    """
    import networkx as nx

    path = Path(path)
    if path.suffix.lower() not in (".png", ".svg"):
        raise ValueError(f"plot file {path} must end in .png or .svg")
    w = np.asarray(W, dtype=float)
    a = np.asarray(assignment)
    n = len(names)
    g = nx.Graph()
    g.add_nodes_from(range(n))
    scale = float(np.abs(w).max(initial=0.0)) or 1.0
    for i in range(n):
        for j in range(i + 1, n):
            if w[i, j] != 0:
                # Layout: pull along positive ties, almost none along negative ones.
                g.add_edge(i, j, w=w[i, j], layout=1.0 if w[i, j] > 0 else 0.02)
    # Start each bloc in its own column so the camps stay apart in the drawing.
    rng = np.random.default_rng(seed)
    start = {i: (3.0 * float(a[i]) + rng.uniform(-0.5, 0.5), rng.uniform(-1, 1)) for i in range(n)}
    pos = nx.spring_layout(g, pos=start, weight="layout", seed=seed, iterations=30)
    s = np.ones(n) if sizes is None else np.asarray(sizes, dtype=float)
    node_size = 300 + 2500 * s / s.max()
    fig, ax = new_figure((9, 7))
    for sign, style, colour in ((1, "solid", "#2e8b57"), (-1, "dashed", "#c0392b")):
        edges = [(i, j) for i, j, d in g.edges(data=True) if np.sign(d["w"]) == sign]
        widths = [0.5 + 3.0 * abs(g.edges[e]["w"]) / scale for e in edges]
        nx.draw_networkx_edges(
            g, pos, edgelist=edges, width=widths, style=style, edge_color=colour, alpha=0.6, ax=ax
        )
    colours = [BLOC_COLOURS[int(b) % len(BLOC_COLOURS)] for b in a]
    nx.draw_networkx_nodes(g, pos, node_size=node_size, node_color=colours, alpha=0.9, ax=ax)
    nx.draw_networkx_labels(g, pos, labels=dict(enumerate(names)), font_size=9, ax=ax)
    ax.set_title(title or "signed network (green +, red dashed -); colour = bloc")
    ax.axis("off")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    return path

"""CLI commands ``align`` (landscape theory) and ``balance`` (structural balance).

``realpolitik align`` predicts blocs on the built-in data (sizes from the capability index,
propensities from the relations, see ``docs/alignment.md``) or on CSV files given with
``--sizes`` and ``--propensities``. ``realpolitik balance`` measures a signed edge list.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path
from typing import Any

import typer

from realpolitik.cli._asof import AS_OF_OPTION, DB_OPTION, as_of_or_none
from realpolitik.cli._common import DATA_OPTION, console, data_weights, fail, print_json
from realpolitik.cli._lens import LENS_OPTION, lens_tone
from realpolitik.errors import InputError, RealpolitikError

__all__ = [
    "history_before",
    "history_edges",
    "read_edges",
    "read_propensities",
    "read_sizes",
    "register",
]


# ----------------------------------------------------------------------------- CSV readers


def _rows(path: Path, what: str) -> list[list[str]]:
    if not path.exists():
        raise InputError(f"{what} file {path} not found: check the path")
    if path.is_dir():
        raise InputError(f"{what} file {path} is a folder: give a CSV file")
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            rows = [[c.strip() for c in r] for r in csv.reader(fh)]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{what} file {path} cannot be read as UTF-8 CSV: {exc}") from exc
    rows = [r for r in rows if any(c for c in r)]
    if not rows:
        raise InputError(f"{what} file {path} is empty: it needs a header row and data rows")
    return rows


def _number(text: str, where: str, fix: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise InputError(f"{where}: {text!r} is not a number ({fix})") from None
    if not math.isfinite(v):
        raise InputError(f"{where}: {text!r} is not a finite number ({fix})")
    return v


def read_sizes(path: Path) -> tuple[list[str], list[float]]:
    """Read ``actor,size`` rows; sizes must be finite and > 0, names unique."""
    rows = _rows(path, "sizes")
    header = [h.lower() for h in rows[0]]
    if "actor" not in header or "size" not in header:
        raise InputError(
            f"sizes file {path}: header is {rows[0]}; it must have columns 'actor' and 'size'"
        )
    ia, isz = header.index("actor"), header.index("size")
    names: list[str] = []
    sizes: list[float] = []
    for r, row in enumerate(rows[1:], start=2):
        if len(row) <= max(ia, isz):
            raise InputError(f"sizes file {path}, line {r}: expected columns actor,size")
        name = row[ia]
        if not name:
            raise InputError(f"sizes file {path}, line {r}: empty actor name")
        if name in names:
            raise InputError(f"sizes file {path}, line {r}: actor {name!r} appears twice")
        v = _number(row[isz], f"sizes file {path}, line {r}, actor {name!r}", "sizes are > 0")
        if v <= 0:
            raise InputError(
                f"sizes file {path}, line {r}: size of {name!r} is {v}; sizes must be > 0"
            )
        names.append(name)
        sizes.append(v)
    if len(names) < 2:
        raise InputError(f"sizes file {path}: needs at least two actors, found {len(names)}")
    return names, sizes


def read_propensities(path: Path) -> tuple[list[str], list[list[float]]]:
    """Read a square, symmetric matrix with actor names as header and first column.

    Empty diagonal cells are read as 0 (the diagonal plays no role in the energy).
    """
    rows = _rows(path, "propensities")
    cols = rows[0][1:]
    n = len(cols)
    if n < 2:
        raise InputError(f"propensities file {path}: the header row must list the actor names")
    if len(set(cols)) != n or any(not c for c in cols):
        raise InputError(f"propensities file {path}: header names must be unique and non-empty")
    body = rows[1:]
    if len(body) != n or any(len(r) != n + 1 for r in body):
        shape = f"{len(body)} rows x {sorted({len(r) - 1 for r in body})} columns"
        raise InputError(
            f"propensities file {path} is not square: header names {n} actors but the body has "
            f"{shape}; give one row per actor and one column per actor"
        )
    row_names = [r[0] for r in body]
    if sorted(row_names) != sorted(cols):
        missing = sorted(set(cols) - set(row_names))
        extra = sorted(set(row_names) - set(cols))
        raise InputError(
            f"propensities file {path}: row names differ from the header names "
            f"(rows lack {missing}, rows add {extra}); use the same actors in both"
        )
    order = {name: k for k, name in enumerate(cols)}
    M = [[0.0] * n for _ in range(n)]
    for r, row in enumerate(body, start=2):
        i = order[row[0]]
        for j, cell in enumerate(row[1:]):
            if i == j and cell == "":
                continue
            where = f"propensities file {path}, line {r}, column {cols[j]!r}"
            M[i][j] = _number(cell, where, "fill every off-diagonal cell with a number")
    for i in range(n):
        for j in range(i + 1, n):
            if abs(M[i][j] - M[j][i]) > 1e-9 * max(1.0, abs(M[i][j]), abs(M[j][i])):
                raise InputError(
                    f"propensities file {path} is not symmetric: p({cols[i]},{cols[j]}) = "
                    f"{M[i][j]} but p({cols[j]},{cols[i]}) = {M[j][i]}; make them equal"
                )
    return cols, M


_SIGNS = {"1": 1, "+1": 1, "+": 1, "1.0": 1, "-1": -1, "-": -1, "-1.0": -1}


def read_edges(path: Path) -> list[tuple[str, str, int]]:
    """Read ``a,b,sign`` rows (sign +1 or -1; also ``+``/``-``)."""
    rows = _rows(path, "edges")
    header = [h.lower() for h in rows[0]]
    if not {"a", "b", "sign"} <= set(header):
        raise InputError(
            f"edges file {path}: header is {rows[0]}; it must have columns 'a', 'b' and 'sign'"
        )
    ia, ib, isg = header.index("a"), header.index("b"), header.index("sign")
    edges: list[tuple[str, str, int]] = []
    seen: set[frozenset[str]] = set()
    for r, row in enumerate(rows[1:], start=2):
        if len(row) <= max(ia, ib, isg):
            raise InputError(f"edges file {path}, line {r}: expected columns a,b,sign")
        a, b, s = row[ia], row[ib], row[isg]
        if not a or not b:
            raise InputError(f"edges file {path}, line {r}: empty node name")
        if a == b:
            raise InputError(
                f"edges file {path}, line {r}: self-loop {a}-{b}; an edge joins two nodes"
            )
        if s not in _SIGNS:
            raise InputError(f"edges file {path}, line {r}: sign {s!r} must be +1 or -1")
        key = frozenset((a, b))
        if key in seen:
            raise InputError(f"edges file {path}, line {r}: pair {a}-{b} appears twice")
        seen.add(key)
        edges.append((a, b, _SIGNS[s]))
    nodes = {v for e in edges for v in e[:2]}
    if len(nodes) < 2:
        raise InputError(
            f"edges file {path}: the graph has {len(nodes)} node(s); "
            "balance needs at least two nodes joined by a signed edge"
        )
    return edges


# ----------------------------------------------------------------------------- commands


def _print_landscape(result: Any, names: list[str], top: int, title: str) -> None:
    from rich.table import Table

    console.print(
        f"[bold]{title}[/]: n = {result.n}, {result.configurations:,} configurations, "
        f"solver {result.solver}, global minimum "
        f"{'certified' if result.certified else 'NOT certified'}, minima "
        f"{'complete (exact basins)' if result.minima_complete else 'sampled'}"
    )
    table = Table("#", "energy", "basin", "blocs")
    for r, m in enumerate(result.minima[:top], start=1):
        blocs = m.blocs(names, result.blocs)
        table.add_row(
            str(r),
            f"{m.energy:.6g}",
            f"{m.basin:.4f}",
            "  |  ".join(", ".join(b) if b else "(empty)" for b in blocs),
        )
    console.print(table)
    if len(result.minima) > top:
        console.print(f"... {len(result.minima) - top} more minima (use --top or --json)")
    for note in result.notes:
        console.print(f"[dim]note: {note}[/]")


def _explain(prop: Any, a: str, b: str, json_out: bool) -> None:
    exp = prop.explain(a, b)
    if json_out:
        print_json(exp)
        return
    from rich.table import Table

    console.print(f"[bold]p({a},{b}) = {exp['p']:.4f}[/]  (sum of the contributions below)")
    table = Table("term", "raw input", "weight", "contribution", "evidence")
    for t in exp["terms"]:
        table.add_row(
            t["term"],
            f"{t['raw']:.4g}",
            f"{t['weight']:.3g}",
            f"{t['contribution']:+.4f}",
            "; ".join(t["evidence"]) or "-",
        )
    console.print(table)


def history_before() -> int:
    """First year of the built-in data with capabilities other than CINC (earlier: history)."""
    from realpolitik.data import load_dataset

    ds = load_dataset()
    return min(c.year for c in ds.capabilities if c.indicator != "cinc")


def history_edges(year: int | None) -> list[tuple[str, str, int]]:
    """The measured signed graph of ``year`` among the Asia-Pacific players (same +, opposed -)."""
    from realpolitik.history.observed import signed_edges
    from realpolitik.history.players import ASIA_PACIFIC

    assert year is not None
    edges = signed_edges(year, ASIA_PACIFIC)
    if not edges:
        raise InputError(
            f"the measured alignment has no same/opposed pair among the players in {year}"
        )
    return edges


def history_camps(year: int) -> dict[str, Any]:
    """The observed camps of ``year`` (components of ``same``) and the unaligned players."""
    from realpolitik.history.observed import observed_alignment
    from realpolitik.history.players import ASIA_PACIFIC

    o = observed_alignment(year, ASIA_PACIFIC)
    return {"camps": [list(c) for c in o.camps], "unaligned": list(o.unaligned)}


def _explain_history(year: int, pair: tuple[str, str], weights: str, json_out: bool) -> None:
    from realpolitik.history.system import explain_at

    exp: Any = explain_at(year, pair[0], pair[1], weights=weights)

    class _P:
        def explain(self, a: str, b: str) -> Any:
            return exp

    _explain(_P(), pair[0], pair[1], json_out)


def _builtin_or_history(
    year: int | None,
    weights: str,
    explain: tuple[str, str] | None,
    json_out: bool,
    lens: str | None,
    data: str | None,
) -> tuple[list[str], Any, Any, str, Any] | None:
    """Names, sizes, propensity matrix, title and the PropensityResult (``None`` for a history
    year) of the built-in data (or a copy, ``--data``) or of the history panel before its first
    full year; ``None`` when ``--explain`` printed its answer."""
    if year is not None and year < history_before():
        if lens:
            raise InputError("--lens applies to the built-in data, not history years")
        if explain:
            _explain_history(year, explain, weights, json_out)
            return None
        from realpolitik.history.system import system_at

        hist = system_at(year, weights=weights)
        return list(hist.actors), hist.shares, hist.propensity, f"history panel ({year})", None
    from realpolitik.data import load_dataset
    from realpolitik.engines.alignment.propensity import propensity_matrix

    ds = load_dataset(data or "east-asia-2025")
    copy_weights = data_weights(data) if weights == "judgement" else None
    prop = propensity_matrix(
        ds, year=year, weights=copy_weights or weights, event_tone=lens_tone(lens)
    )
    if explain:
        _explain(prop, explain[0], explain[1], json_out)
        return None
    return list(prop.actors), prop.sizes, prop.matrix, f"{ds.name} ({prop.year})", prop


def _as_of_arrays(as_of: str, db: str | None, lens: str | None) -> tuple[Any, ...]:
    """Names, sizes, propensity, title and base year of the ``--as-of`` system."""
    asof = as_of_or_none(as_of, db, lens=lens)
    if asof is None:  # pragma: no cover - as_of is given
        raise InputError("--as-of needs a date")
    s = asof.system
    return (
        list(s.actors),
        s.shares,
        s.propensity,
        f"as of {asof.as_of} (built-in + evidence)",
        (s.base_year),
    )


def _print_align_json(result: Any, names: list[str], sz: Any, prop: Any, year: int | None) -> None:
    out = result.to_dict(names)
    out["actors"] = names
    out["sizes"] = [float(v) for v in sz]
    if prop is not None:
        out["year"] = prop.year
        out["excluded_isolated"] = list(prop.excluded)
    elif year is not None:
        out["year"] = year
        out["source"] = "history"
    print_json(out)


def _check_options(
    solver: str, plot: Path | None, sizes: Path | None, propensities: Path | None, weights: str
) -> None:
    if weights not in ("fitted", "judgement"):
        raise InputError(f"--weights {weights!r}: use fitted or judgement")
    if solver not in ("auto", "exact", "enumerate", "branch", "milp", "heuristic"):
        raise InputError(
            f"--solver {solver!r}: use auto, exact, enumerate, branch, milp or heuristic"
        )
    if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
        raise InputError(f"--plot {plot}: the file name must end in .png or .svg")
    if (sizes is None) != (propensities is None):
        raise InputError("give both --sizes and --propensities, or neither (built-in data)")


def _csv_system(sizes: Path, propensities: Path) -> tuple[list[str], Any, Any]:
    """Names, sizes and the propensity matrix (in the sizes file's order) from the two CSVs."""
    import numpy as np

    names, s = read_sizes(sizes)
    pnames, P = read_propensities(propensities)
    if set(names) != set(pnames):
        raise InputError(
            f"names differ between {sizes} and {propensities}: only in sizes "
            f"{sorted(set(names) - set(pnames))}, only in propensities "
            f"{sorted(set(pnames) - set(names))}; use the same actor names in both"
        )
    k = [pnames.index(a) for a in names]
    return names, np.asarray(s, dtype=float), np.asarray(P, dtype=float)[np.ix_(k, k)]


def align(
    year: int | None = typer.Option(
        None,
        "--year",
        help="Year of the state (default: the data set's base year). Years before the "
        "built-in data's first full year (2022) come from the history panel (1925-2024).",
    ),
    weights: str = typer.Option(
        "fitted", "--weights", help="Propensity weights: fitted (default) | judgement."
    ),
    sizes: Path | None = typer.Option(
        None, "--sizes", help="CSV with columns actor,size (sizes > 0)."
    ),
    propensities: Path | None = typer.Option(
        None,
        "--propensities",
        help="CSV square matrix: header row of actor names, actor name in the first column.",
    ),
    blocs: int = typer.Option(2, "--blocs", min=2, help="Number of blocs k >= 2."),
    solver: str = typer.Option(
        "auto",
        "--solver",
        help="auto | exact | enumerate | branch | milp | heuristic (see docs/alignment.md).",
    ),
    seed: int = typer.Option(0, "--seed", help="Seed of the random starts (milp/heuristic)."),
    json_out: bool = typer.Option(False, "--json", help="Print pure JSON on stdout."),
    plot: Path | None = typer.Option(
        None, "--plot", help="Write the signed network coloured by predicted bloc (.png/.svg)."
    ),
    explain: tuple[str, str] | None = typer.Option(
        None, "--explain", help="Show the terms that make p_AB (built-in data), e.g. CHN JPN."
    ),
    top: int = typer.Option(10, "--top", min=1, help="Minima shown in the table."),
    lens: str | None = LENS_OPTION,
    data: str | None = DATA_OPTION,
    db: str | None = DB_OPTION,
    as_of: str | None = AS_OF_OPTION,
) -> None:
    """Predict stable blocs with landscape theory (Axelrod & Bennett 1993).

    Examples:

        realpolitik align --json

        realpolitik align --sizes sizes.csv --propensities p.csv --blocs 2 --json

        realpolitik align --explain CHN KOR

        realpolitik align --year 1985 --json
    """

    from realpolitik.engines.alignment.landscape import interaction_matrix, landscape

    try:
        _check_options(solver, plot, sizes, propensities, weights)
        if sizes is not None and propensities is not None:
            if explain:
                raise InputError(
                    "--explain needs the built-in data (CSV propensities are taken as written)"
                )
            if year is not None:
                raise InputError("--year applies to the built-in data only")
            names, sz, Pm = _csv_system(sizes, propensities)
            title = f"{sizes.name} + {propensities.name}"
            prop = None
        elif as_of:
            names, sz, Pm, title, year = _as_of_arrays(as_of, db, lens)
            prop = None
        else:
            built = _builtin_or_history(year, weights, explain, json_out, lens, data)
            if built is None:
                return
            names, sz, Pm, title, prop = built
        try:
            result = landscape(sz, Pm, blocs=blocs, solver=solver, rng=seed)  # type: ignore[arg-type]
        except ValueError as exc:
            raise InputError(str(exc)) from exc
        if plot is not None:
            from realpolitik.engines.alignment.plot import draw_signed_network

            draw_signed_network(
                names,
                interaction_matrix(sz, Pm),
                result.global_minimum,
                plot,
                sizes=sz,
                title=f"{title}: global minimum, E = {result.global_minimum_energy:.4g}",
            )
        if json_out:
            _print_align_json(result, names, sz, prop, year)
        else:
            _print_landscape(result, names, top, title)
            if prop is not None and prop.excluded:
                console.print(
                    f"[dim]left out (no tie to any player): {', '.join(prop.excluded)}[/]"
                )
            if plot is not None:
                console.print(f"plot written to {plot}")
    except RealpolitikError as exc:
        fail(str(exc))


def balance(
    edges: Path | None = typer.Option(None, "--edges", help="CSV with columns a,b,sign (+1/-1)."),
    year: int | None = typer.Option(
        None,
        "--year",
        help="Instead of --edges: the measured alignment of that year among the Asia-Pacific "
        "players (same +, opposed -; observed camps and unaligned added; docs/backtest.md).",
    ),
    json_out: bool = typer.Option(False, "--json", help="Print pure JSON on stdout."),
    plot: Path | None = typer.Option(
        None, "--plot", help="Write the signed network coloured by bipartition (.png/.svg)."
    ),
) -> None:
    """Structural balance: frustration index (exact, MILP) and triangle balance ratio.

    Example:

        realpolitik balance --edges tribes.csv --json

        realpolitik balance --year 1985 --json
    """
    import numpy as np

    from realpolitik.engines.alignment.balance import frustration

    try:
        if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
            raise InputError(f"--plot {plot}: the file name must end in .png or .svg")
        if (edges is None) == (year is None):
            raise InputError("give --edges FILE or --year YEAR (one of the two)")
        rows = read_edges(edges) if edges is not None else history_edges(year)
        label = edges.name if edges is not None else f"observed {year}"
        try:
            res = frustration(rows)
        except ValueError as exc:
            raise InputError(f"{label}: {exc}") from exc
        if plot is not None:
            from realpolitik.engines.alignment.plot import draw_signed_network

            pos = {v: i for i, v in enumerate(res.nodes)}
            W = np.zeros((len(pos), len(pos)))
            for a, b, s in rows:
                W[pos[a], pos[b]] = W[pos[b], pos[a]] = s
            side = [0 if v in res.bipartition[0] else 1 for v in res.nodes]
            draw_signed_network(
                list(res.nodes),
                W,
                side,
                plot,
                title=f"{label}: frustration index {res.frustration_index}",
            )
        if json_out:
            print_json({**res.to_dict(), **(history_camps(year) if year is not None else {})})
        else:
            ratio = (
                "n/a (no triangles)"
                if res.triangle_balance_ratio is None
                else f"{res.triangle_balance_ratio:.4f} "
                f"({res.balanced_triangles}/{res.triangles} triangles balanced)"
            )
            console.print(
                f"[bold]{label}[/]: {len(res.nodes)} nodes, {res.edges} edges "
                f"({res.positive_edges} +, {res.negative_edges} -)"
            )
            console.print(
                f"frustration index: [bold]{res.frustration_index}[/]"
                f" ({'certified optimal' if res.certified else 'NOT certified'})"
            )
            console.print(f"triangle balance ratio: {ratio}")
            console.print(f"camp 1: {', '.join(res.bipartition[0])}")
            console.print(f"camp 2: {', '.join(res.bipartition[1]) or '(empty)'}")
            if year is not None:
                obs = history_camps(year)
                for k, camp in enumerate(obs["camps"], 1):
                    console.print(f"observed camp {k}: {', '.join(camp)}")
                console.print(f"unaligned: {', '.join(obs['unaligned']) or '(none)'}")
            if res.frustrated_edges:
                console.print(
                    "frustrated edges: "
                    + ", ".join(f"{a}-{b} ({s:+d})" for a, b, s in res.frustrated_edges)
                )
            if plot is not None:
                console.print(f"plot written to {plot}")
    except RealpolitikError as exc:
        fail(str(exc))


def register(app: typer.Typer) -> None:
    """Add ``align`` and ``balance`` to ``app``."""
    app.command("align")(align)
    app.command("balance")(balance)

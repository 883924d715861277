"""The read commands ``actors``, ``actor CODE``, ``relations`` and ``issues``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from realpolitik.cli._common import JSON_OPT, console, fail, print_json
from realpolitik.errors import RealpolitikError

if TYPE_CHECKING:
    from realpolitik.model.dataset import Dataset

__all__ = ["actor", "actor_detail", "actors", "issues", "register", "relations"]

_DATA_OPT = typer.Option(
    "east-asia-2025",
    "--data",
    "-d",
    help="Data set: the built-in name or the folder of your copy (see `data export`).",
)


def _print_table(title: str, columns: tuple[str, ...], rows: list[list[str]]) -> None:
    """Print a rich table of ``rows`` under ``columns``."""
    from rich.table import Table

    t = Table(title=title or None)
    for col in columns:
        t.add_column(col)
    for row in rows:
        t.add_row(*row)
    console.print(t)


def _capability_cells(c: dict[str, Any]) -> list[str]:
    src = c["source"]
    where = f"{src.get('publisher', '')} {src.get('title', '')} {src.get('version', '')}"
    value = f"{c['value']:,.6g}"
    return [c["indicator"], str(c["year"]), value, c.get("unit", ""), c["provenance"], where]


def _relation_cells(r: dict[str, Any]) -> list[str]:
    """id, a, b, kind, sign, weight, period, sources of a relation (as JSON data)."""
    period = f"{r['start']}-{r['end']}"
    head = [r["id"], r["a"], r["b"], r["kind"], f"{r['sign']:+d}", f"{r['weight']:g}"]
    return [*head, period, ", ".join(r["source_ids"])]


def _position_cells(p: dict[str, Any], who: str) -> list[str]:
    """``p[who]`` (issue or actor), position, salience, rationale, sources of a position."""
    values = [f"{p['position']:g}", f"{p['salience']:g}", p["rationale"]]
    return [p[who], *values, ", ".join(p["source_ids"])]


def _actor_cells(r: dict[str, Any]) -> list[str]:
    cinc = "" if r["cinc"] is None else f"{r['cinc']:.4f} ({r['cinc_year']})"
    gdp = r["gdp_nominal_usd_bn"]
    gdp_txt = "" if gdp is None else f"{gdp:,.0f} ({r['gdp_year']})"
    aliases = ", ".join(r["aliases"][:6]) + (" ..." if len(r["aliases"]) > 6 else "")
    return [r["code"], r["name"], r["kind"], cinc, gdp_txt, aliases]


def _issue_cells(row: dict[str, Any]) -> list[str]:
    sq = "" if row["status_quo"] is None else f"{row['status_quo']:g}"
    return [row["id"], row["name"], row["low"], row["high"], sq, str(len(row["positions"]))]


def _load(data: str) -> Dataset:
    from realpolitik.data import load_dataset

    try:
        return load_dataset(data)
    except RealpolitikError as exc:
        fail(str(exc))


def _source_info(ds: Dataset, ids: list[str] | tuple[str, ...]) -> list[dict[str, str]]:
    index = {s.id: s for s in ds.sources}
    out = []
    for sid in ids:
        s = index.get(sid)
        if s is None:
            continue
        out.append(
            {
                "id": s.id,
                "title": s.title,
                "kind": s.kind,
                "publisher": s.publisher or s.outlet,
                "version": s.version,
                "date": s.date,
            }
        )
    return out


def actor_detail(ds: Dataset, code: str) -> dict[str, Any]:
    """Everything the data set holds about one actor, with sources, as JSON-ready data.

    Parameters
    ----------
    ds : Dataset
        A loaded data set.
    code : str
        Actor code (must exist).

    Returns
    -------
    dict
        ``actor``, ``memberships``, ``members``, ``people``, ``capabilities`` (each with its
        ``source`` details), ``relations`` and ``positions`` (each with ``sources``).

    Examples
    --------
    >>> from realpolitik.data import load_dataset
    >>> d = actor_detail(load_dataset(), "CHN")
    >>> d["capabilities"][0]["source"]["publisher"] != ""
    True
    """
    from realpolitik.model.types import INDICATORS

    a = ds.actor(code)
    caps = sorted(
        (c for c in ds.capabilities if c.actor == code), key=lambda c: (c.indicator, c.year)
    )
    issue_names = {i.id: i.name for i in ds.issues}
    return {
        "actor": a.model_dump(mode="json"),
        "memberships": [m.model_dump(mode="json") for m in ds.memberships if m.member == code],
        "members": [m.member for m in ds.memberships if m.grouping == code],
        "people": [p.model_dump(mode="json") for p in ds.people if p.actor == code],
        "capabilities": [
            {
                **c.model_dump(mode="json"),
                "unit": INDICATORS.get(c.indicator, ""),
                "source": (_source_info(ds, [c.source_id]) or [{}])[0],
            }
            for c in caps
        ],
        "relations": [
            {**r.model_dump(mode="json"), "sources": _source_info(ds, r.source_ids)}
            for r in ds.relations_of(code)
        ],
        "positions": [
            {
                **p.model_dump(mode="json"),
                "issue_name": issue_names.get(p.issue, ""),
                "sources": _source_info(ds, p.source_ids),
            }
            for p in ds.positions
            if p.actor == code
        ],
    }


def actors(
    kind: str = typer.Option(
        "", "--kind", help="Only this kind: state, territory, organisation or grouping."
    ),
    data: str = _DATA_OPT,
    json_out: bool = JSON_OPT,
) -> None:
    """List the actors with their kind, latest CINC, GDP and aliases.

    Example: `realpolitik actors --kind state`
    """
    from realpolitik.data.summary import latest_size

    ds = _load(data)
    rows: list[dict[str, Any]] = []
    for a in ds.actors:
        if kind and a.kind != kind:
            continue
        rows.append(
            {"code": a.code, "name": a.name, "kind": a.kind, "region": a.region}
            | {"regime": a.regime}
            | latest_size(ds, a.code)
            | {"aliases": list(a.aliases)}
        )
    if json_out:
        print_json(rows)
        return
    _print_table(
        f"Actors of {ds.name}",
        ("code", "name", "kind", "CINC (year)", "GDP USD bn (year)", "aliases"),
        [_actor_cells(r) for r in rows],
    )


def actor(
    code: str = typer.Argument(..., help="Actor code, e.g. CHN, KOR, RCEP."),
    data: str = _DATA_OPT,
    json_out: bool = JSON_OPT,
) -> None:
    """Show one actor: capabilities, relations and issue positions, each with its sources.

    Example: `realpolitik actor CHN --json`
    """
    import difflib

    ds = _load(data)
    codes = [a.code for a in ds.actors]
    up = code.upper()
    if up not in codes:
        by_alias = [
            a.code
            for a in ds.actors
            if code.lower() in {x.lower() for x in a.aliases} or a.name.lower() == code.lower()
        ]
        close = by_alias or difflib.get_close_matches(up, codes, n=5, cutoff=0.4)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        fail(f"unknown actor code {code!r}{hint} (`realpolitik actors` lists all codes)")
    d = actor_detail(ds, up)
    if json_out:
        print_json(d)
        return
    a = d["actor"]
    console.print(f"[bold]{a['code']}[/] {a['name']} ({a['kind']}, {a['region']}, {a['regime']})")
    console.print("aliases: " + ", ".join(a["aliases"]), highlight=False)
    if d["memberships"]:
        console.print(
            "member of: " + ", ".join(m["grouping"] for m in d["memberships"]),
            highlight=False,
        )
    if d["members"]:
        console.print("members: " + ", ".join(d["members"]), highlight=False)
    for p in d["people"]:
        console.print(f"person: {p['name']} ({p['role']})", highlight=False)
    cols = ("indicator", "year", "value", "unit", "provenance", "source")
    _print_table("Capabilities", cols, [_capability_cells(c) for c in d["capabilities"]])
    cols = ("other", "kind", "sign", "weight", "period", "sources")
    rows = [[r["b"] if r["a"] == up else r["a"], *_relation_cells(r)[3:]] for r in d["relations"]]
    _print_table("Relations", cols, rows)
    _print_table(
        "Issue positions (0-100)",
        ("issue", "position", "salience", "rationale", "sources"),
        [_position_cells(p, "issue") for p in d["positions"]],
    )


def relations(
    actor_code: str = typer.Option("", "--actor", "-a", help="Only relations of this actor."),
    kind: str = typer.Option("", "--kind", "-k", help="Only this kind, e.g. defence_treaty."),
    data: str = _DATA_OPT,
    json_out: bool = JSON_OPT,
) -> None:
    """List relations (typed, signed, weighted, dated, sourced).

    Example: `realpolitik relations --actor KOR --kind alliance`
    """
    from realpolitik.model.types import RELATION_KINDS

    ds = _load(data)
    if kind and kind not in RELATION_KINDS:
        fail(f"unknown relation kind {kind!r}; use one of: {', '.join(RELATION_KINDS)}")
    code = actor_code.upper()
    if code and code not in {a.code for a in ds.actors}:
        fail(f"unknown actor code {actor_code!r} (`realpolitik actors` lists all codes)")
    rows = [
        r for r in ds.relations if (not code or code in (r.a, r.b)) and (not kind or r.kind == kind)
    ]
    if json_out:
        print_json(
            [{**r.model_dump(mode="json"), "sources": _source_info(ds, r.source_ids)} for r in rows]
        )
        return
    _print_table(
        f"Relations ({len(rows)})",
        ("id", "a", "b", "kind", "sign", "weight", "period", "sources", "note"),
        [[*_relation_cells(r.model_dump(mode="json")), r.note] for r in rows],
    )


def issues(
    issue: str = typer.Option("", "--issue", "-i", help="Show the positions on one issue."),
    data: str = _DATA_OPT,
    json_out: bool = JSON_OPT,
) -> None:
    """List the contested issues (0-100 scales) or the positions on one issue.

    Example: `realpolitik issues --issue taiwan`
    """
    ds = _load(data)
    ids = [i.id for i in ds.issues]
    if issue and issue not in ids:
        fail(f"unknown issue {issue!r}; known issues: {', '.join(ids)}")
    chosen = [i for i in ds.issues if not issue or i.id == issue]
    out: list[dict[str, Any]] = []
    for i in chosen:
        pos = sorted(ds.positions_on(i.id), key=lambda p: p.position)
        out.append(
            {
                **i.model_dump(mode="json"),
                "positions": [
                    {**p.model_dump(mode="json"), "sources": _source_info(ds, p.source_ids)}
                    for p in pos
                ],
            }
        )
    if json_out:
        print_json(out)
        return
    if issue:
        one = out[0]
        console.print(f"[bold]{one['name']}[/]: 0 = {one['low']}; 100 = {one['high']}")
        _print_table(
            "",
            ("actor", "position", "salience", "rationale", "sources"),
            [_position_cells(p, "actor") for p in one["positions"]],
        )
        return
    _print_table(
        f"Contested issues of {ds.name}",
        ("id", "name", "0 means", "100 means", "status quo", "actors"),
        [_issue_cells(row) for row in out],
    )


def register(app: typer.Typer) -> None:
    """Add ``actors``, ``actor``, ``relations`` and ``issues`` to ``app``."""
    app.command("actors")(actors)
    app.command("actor")(actor)
    app.command("relations")(relations)
    app.command("issues")(issues)

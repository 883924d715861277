"""CLI commands for the 'lens' topic: perspective lenses over the evidence store.

``realpolitik lens create NAME --source ...`` stores a lens, ``lens list`` shows them,
``lens show NAME`` prints a lens's coverage and ``lens compare [NAMES...]`` runs the built-in
scenarios under each lens and attributes the differences to sentences.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from realpolitik.cli._common import DB_OPT, JSON_OPT, console, fail, on_store, print_json
from realpolitik.errors import RealpolitikError

__all__ = ["register"]


def _short(text: str, words: int = 12) -> str:
    w = text.split()
    return " ".join(w[:words]) + (" ..." if len(w) > words else "")


def _print_compare(res: dict[str, Any]) -> None:
    from rich.table import Table

    lenses = res["lenses"]
    t = Table(
        title=f"Scenarios under each lens ({res['members']} members, seed {res['seed']})",
        show_lines=False,
    )
    t.add_column("scenario")
    t.add_column("outcome")
    for ln in lenses:
        t.add_column(ln, justify="right")
    for row in res["table"]:
        t.add_row(row["scenario"], row["outcome"], *(f"{row['p'][ln]:.0%}" for ln in lenses))
    console.print(t)
    if not res["differences"]:
        console.print("No scenario answer differs between the lenses.")
    for d in res["differences"]:
        vals = ", ".join(f"{ln} {p:.0%}" for ln, p in d["p"].items())
        console.print(f"\n[bold]{d['scenario']}[/] {d['cell']} (spread {d['spread']:.0%}): {vals}")
        for ln, att in d["attribution"].items():
            console.print(
                f"  {ln}: {att['delta_vs_baseline']:+.0%} vs baseline; "
                f"{att['tried']} of {att['candidates']} items rerun"
            )
            for it in att["items"][:3]:
                console.print(
                    f"    {it['effect']:+.1%}  doc {it['document_id']} sentence "
                    f"{it['sentence_id']}: {_short(it['text'])}",
                    highlight=False,
                )
    if res["propensity_differences"]:
        console.print("\n[bold]Propensities that differ most[/]")
    for d in res["propensity_differences"]:
        vals = ", ".join(f"{ln} {p:+.2f}" for ln, p in d["p"].items())
        console.print(f"  {d['dyad']}: {vals}")
        for ln, att in d["attribution"].items():
            top = att["items"][0] if att["items"] else None
            if top is not None:
                console.print(
                    f"    {ln} {att['delta_vs_baseline']:+.2f}: top item {top['effect']:+.2f} "
                    f"doc {top['document_id']} sentence {top['sentence_id']}: "
                    f"{_short(top['text'])}",
                    highlight=False,
                )


def create(
    name: str = typer.Argument(..., help="Lens name (letters, digits, _ . -)."),
    source: list[str] = typer.Option(
        [],
        "--source",
        help="Document id, file name (or its prefix before '_', e.g. 000), path, URL "
        "or author; repeat for several.",
    ),
    outlet: list[str] = typer.Option([], "--outlet", help="Outlet name; repeatable."),
    since: str = typer.Option("", "--since", help="Earliest document date (ISO)."),
    until: str = typer.Option("", "--until", help="Latest document date (ISO)."),
    stance: list[str] = typer.Option(
        [], "--stance", help="Keep documents whose stance passes, e.g. 'CHN>0'; repeatable."
    ),
    note: str = typer.Option("", "--note", help="What the lens stands for."),
    replace: bool = typer.Option(False, "--replace", help="Overwrite a lens of this name."),
    db: str | None = DB_OPT,
    json_out: bool = JSON_OPT,
) -> None:
    """Create a lens: a named selection of evidence (source, outlet, dates, stance).

    Example: `realpolitik lens create seed004 --source 004 --db sqlite:///ev.sqlite`
    """
    from realpolitik.lenses.api import create_lens
    from realpolitik.lenses.spec import Lens, parse_stance

    try:
        lens = Lens(
            name,
            sources=tuple(source),
            outlets=tuple(outlet),
            since=since,
            until=until,
            stance=tuple(parse_stance(s) for s in stance),
            note=note,
        )
    except RealpolitikError as exc:
        fail(str(exc))
    info = on_store(db, lambda store: create_lens(store, lens, replace=replace))
    if json_out:
        print_json(info)
        return
    console.print(
        f"lens [bold]{name}[/]: {lens.describe()} -> {len(info['documents'])} document(s), "
        f"{info['items']} evidence sentence(s), {info['events']} event(s), "
        f"{info['claims']} claim(s)"
    )
    if not info["documents"]:
        console.print("(no stored document matches yet: this lens gives the baseline)")


def list_cmd(db: str | None = DB_OPT, json_out: bool = JSON_OPT) -> None:
    """List the stored lenses and what each selects.

    Example: `realpolitik lens list --db sqlite:///ev.sqlite`
    """
    from rich.table import Table

    from realpolitik.lenses.evidence import collect_evidence
    from realpolitik.lenses.storage import list_lenses

    rows = on_store(
        db, lambda store: [collect_evidence(store, x).as_dict() for x in list_lenses(store)]
    )
    if json_out:
        print_json(rows)
        return
    if not rows:
        console.print("No lenses yet: create one with `realpolitik lens create NAME --source ...`")
        return
    t = Table(title="Lenses")
    for col in ("name", "selects", "documents", "sentences", "events", "claims"):
        t.add_column(col)
    from realpolitik.lenses.spec import Lens

    for r in rows:
        lens = Lens.from_dict(r["lens"])
        t.add_row(
            lens.name,
            lens.describe(),
            str(len(r["documents"])),
            str(r["items"]),
            str(r["events"]),
            str(r["claims"]),
        )
    console.print(t)


def show(
    name: str = typer.Argument(..., help="Lens name."),
    db: str | None = DB_OPT,
    json_out: bool = JSON_OPT,
) -> None:
    """What a lens overlays on the baseline (dyad tones) and where it falls back.

    Example: `realpolitik lens show seed001 --db sqlite:///ev.sqlite`
    """
    from realpolitik.lenses.api import lens_state

    try:
        cov = lens_state(name, db=db).coverage()
    except RealpolitikError as exc:
        fail(str(exc))
    if json_out:
        print_json(cov)
        return
    console.print(
        f"lens [bold]{name}[/]: {cov['items']} evidence sentence(s); "
        f"{len(cov['dyads_with_evidence'])} of {cov['dyads_total']} player dyads carry lens "
        f"tone, {cov['dyads_baseline']} fall back to the baseline; issues: all baseline "
        f"({cov['issues_note']})"
    )
    for d in cov["dyads_with_evidence"]:
        console.print(f"  {d['a']}-{d['b']}: tone {d['tone']:+.2f} ({d['events']} events)")
    if cov["dyads_outside_system"]:
        console.print(f"  outside the system: {', '.join(cov['dyads_outside_system'])}")


def compare(
    names: list[str] = typer.Argument(None, help="Lenses to compare (default: all)."),
    db: str | None = DB_OPT,
    scenario: list[str] = typer.Option(
        [], "--scenario", help="Built-in scenario to include (default: all); repeatable."
    ),
    members: int = typer.Option(200, "--members", min=1, help="Members per ensemble."),
    seed: int | None = typer.Option(None, "--seed", help="Root seed (same for all lenses)."),
    top: int = typer.Option(5, "--top", min=1, help="Differences to report."),
    top_k: int = typer.Option(
        4, "--top-k", min=0, help="Items rerun per lens and difference (0: every item)."
    ),
    attribution_members: int | None = typer.Option(
        None, "--attribution-members", min=1, help="Members per leave-one-out rerun."
    ),
    out: Path | None = typer.Option(None, "--out", help="Also write the JSON here."),
    json_out: bool = JSON_OPT,
) -> None:
    """Run the built-in scenarios under each lens; rank and attribute the differences.

    Example: `realpolitik lens compare seed000 seed004 --db sqlite:///ev.sqlite`
    """
    import json

    from realpolitik.lenses.api import compare_named

    try:
        res = compare_named(
            names or None,
            db=db,
            scenarios=scenario or None,
            members=members,
            seed=seed,
            top=top,
            top_k=top_k or None,
            attribution_members=attribution_members,
        )
    except RealpolitikError as exc:
        fail(str(exc))
    except ValueError as exc:
        fail(str(exc))
    if out is not None:
        out.write_text(json.dumps(res, indent=2, ensure_ascii=False), encoding="utf-8")
    if json_out:
        print_json(res)
        return
    _print_compare(res)


def register(app: typer.Typer) -> None:
    """Add the ``lens`` group to ``app``."""
    lens_app = typer.Typer(
        help="Perspective lenses: the system as each source sees it, and where sources "
        "disagree.\n\nExample: `realpolitik lens create seed000 --source 000 --db "
        "sqlite:///evidence.sqlite`",
        no_args_is_help=True,
    )
    app.add_typer(lens_app, name="lens")
    lens_app.command("create")(create)
    lens_app.command("list")(list_cmd)
    lens_app.command("show")(show)
    lens_app.command("compare")(compare)

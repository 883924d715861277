"""CLI commands for the 'ingest' topic (registered by :mod:`realpolitik.cli`).

``realpolitik ingest PATH_OR_URL...``, ``realpolitik evidence {documents,events,claims,figures,
stance}``, ``realpolitik eval extraction`` and ``realpolitik eval events``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from realpolitik.cli._common import (
    DB_OPT,
    JSON_OPT,
    console,
    err_console,
    fail,
    on_store,
    print_json,
)
from realpolitik.errors import RealpolitikError

__all__ = ["register"]

_DB_OPT = DB_OPT
_JSON_OPT = JSON_OPT
_EMB_OPT = typer.Option(
    False,
    "--embeddings",
    help="Also map claims to levers/outcomes by sentence-embedding similarity "
    "(needs the optional 'embeddings' extra).",
)
_PARSER_OPT = typer.Option(
    True,
    "--parser",
    hidden=True,
    help="Kept for old scripts: the trained parser is the default (see --fast).",
)
_FAST_OPT = typer.Option(
    False,
    "--fast",
    help="Code events with the rules only, no trained parser: faster, much weaker (scores "
    "in docs/ingestion.md). Default: the parse-based coder (needs en_core_web_sm).",
)


def _table(title: str, rows: list[dict[str, Any]], cols: list[str]) -> None:
    from rich.table import Table

    t = Table(title=title, show_lines=False)
    for c in cols:
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(*[("" if r.get(c) is None else str(r.get(c))) for c in cols])
    console.print(t)


def _print_report(report: Any) -> None:
    """The ingest summary table, the problems and the undated documents."""
    _table(
        "ingest summary",
        [
            {
                "documents": report.documents,
                "duplicates skipped": report.duplicates,
                "sentences": report.sentences,
                "mentions": report.mentions,
                "events": report.events,
                "claims": report.claims,
                "figures": report.figures,
                "problems": len(report.problems),
            }
        ],
        [
            "documents",
            "duplicates skipped",
            "sentences",
            "mentions",
            "events",
            "claims",
            "figures",
            "problems",
        ],
    )
    for p in report.problems:
        err_console.print(f"[yellow]problem:[/] {p}", markup=True, highlight=False)
    for src in report.undated:
        err_console.print(
            f"[yellow]no date:[/] {src} (stored with its date unknown; left out of every "
            "--as-of system; give --date or a manifest.json)",
            markup=True,
            highlight=False,
        )


def ingest_cmd(
    sources: list[str] = typer.Argument(..., help="Files, folders, .jsonl files, feed URLs."),
    db: str | None = _DB_OPT,
    json_out: bool = _JSON_OPT,
    max_bytes: int = typer.Option(5_000_000, "--max-bytes", help="Size limit per file."),
    embeddings: bool = _EMB_OPT,
    parser: bool = _PARSER_OPT,
    date: str | None = typer.Option(
        None,
        "--date",
        help="Publication date YYYY-MM-DD of every article read (overrides a manifest.json, "
        "the page metadata and a date in the text).",
    ),
    workers: int = typer.Option(
        1, "--workers", min=1, help="Extraction processes (1: serial, in this process)."
    ),
    scheduler: str | None = typer.Option(
        None,
        "--scheduler",
        help="Extract on Dask: a scheduler address (tcp://HOST:PORT), or 'local' for a local "
        "cluster of --workers processes.",
    ),
    fast: bool = _FAST_OPT,
) -> None:
    """Read articles, extract evidence and store it (one transaction per article).

    Example: `realpolitik ingest ../shared/seeds --db sqlite:///evidence.sqlite`
    """
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn

    from realpolitik.ingest.pipeline import default_extractor
    from realpolitik.store import open_store

    try:
        store = open_store(db)
        serial = workers <= 1 and scheduler is None
        extractor = default_extractor(embeddings=embeddings, parser=not fast) if serial else None
        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed} inputs"),
            console=err_console,
            disable=json_out,
            transient=True,
        ) as prog:
            task = prog.add_task("ingesting", total=None)

            def tick(src: str) -> None:
                prog.update(task, advance=1, description=f"ingesting {Path(src).name[:40]}")

            report = _ingest_any(
                sources,
                store,
                extractor,
                max_bytes,
                tick,
                date or "",
                workers,
                scheduler,
                not fast,
                embeddings,
            )
        if report.documents:
            from realpolitik.evidence.store import refresh_series

            refresh_series(store)
        store.close()
    except RealpolitikError as exc:
        fail(str(exc))
    if json_out:
        print_json(report.as_dict())
    else:
        _print_report(report)
    if not report.ok:
        fail("nothing could be ingested (see the problems above)")


def _ingest_any(
    sources: list[str],
    store: Any,
    extractor: Any,
    max_bytes: int,
    tick: Callable[[str], None],
    date: str,
    workers: int,
    scheduler: str | None,
    parser: bool,
    embeddings: bool,
) -> Any:
    """Serial ingestion with ``extractor``, or :mod:`realpolitik.ingest.parallel`."""
    from realpolitik.ingest.pipeline import ingest

    if extractor is not None:
        return ingest(
            sources, store, extractor=extractor, max_bytes=max_bytes, progress=tick, date=date
        )
    from realpolitik.ingest.parallel import ingest_parallel

    return ingest_parallel(
        sources,
        store,
        workers=workers,
        backend="process" if scheduler is None else "dask",
        scheduler=None if scheduler in (None, "local") else scheduler,
        parser=parser,
        embeddings=embeddings,
        max_bytes=max_bytes,
        date=date,
        progress=tick,
    )


def _listing(what: str, db: str | None, json_out: bool, **filters: Any) -> None:
    from realpolitik.store import (
        list_claims,
        list_documents,
        list_events,
        list_figures,
        list_stances,
    )

    fns: dict[str, Callable[..., list[dict[str, Any]]]] = {
        "documents": list_documents,
        "events": list_events,
        "claims": list_claims,
        "figures": list_figures,
        "stance": list_stances,
    }
    given = {k: v for k, v in filters.items() if v is not None}
    rows = on_store(db, lambda store: fns[what](store, **given))
    if json_out:
        print_json(rows)
        return
    cols = {
        "documents": [
            "id",
            "date",
            "title",
            "outlet",
            "sentences",
            "events",
            "claims",
            "figures",
            "source",
        ],
        "events": [
            "id",
            "document_id",
            "source",
            "target",
            "plover",
            "cameo",
            "goldstein",
            "mode",
            "confidence",
            "cue",
        ],
        "claims": ["id", "document_id", "kind", "levers", "outcome", "horizon", "text"],
        "figures": ["id", "document_id", "text", "value", "unit", "actors"],
        "stance": ["source", "actor", "score", "n_items", "documents"],
    }[what]
    if what == "claims":
        rows = [r | {"levers": ",".join(x["id"] for x in r["levers"][:1])} for r in rows]
    _table(what, rows, cols)


def events_eval_cmd(
    gold: Path = typer.Option(..., "--gold", help="PLOVER records (JSON list)."),
    json_out: bool = _JSON_OPT,
    fast: bool = _FAST_OPT,
    rules: bool = typer.Option(False, "--rules", hidden=True, help="Old name of --fast."),
    cv: int | None = typer.Option(
        None,
        "--cv",
        min=2,
        help="Also K-fold cross-validate the coder on these records: its learnt setting "
        "chosen on K-1 folds, scored on the K-th (adds 'cv' to the JSON).",
    ),
) -> None:
    """Event coding against PLOVER records: coverage, type/source/target/full accuracy.

    Example: `realpolitik eval events --gold ../shared/eval/plover/plover-gsr-dev.json --json`
    """
    from realpolitik.ingest.event_cv import cross_validate
    from realpolitik.ingest.pipeline import default_extractor
    from realpolitik.ingest.plover_eval import evaluate_events, load_records

    try:
        records = load_records(gold)
        res = evaluate_events(records, default_extractor(parser=not (fast or rules)))
        if cv is not None:
            if fast or rules:
                fail("--cv cross-validates the parse-based coder; drop --fast")
            res["cv"] = cross_validate(records, cv, lambda lex: default_extractor(lexicon=lex))
    except RealpolitikError as exc:
        fail(str(exc))
    if json_out:
        print_json(res)
        return
    _table(
        "event coding on PLOVER records",
        [{"measure": k, "value": res[k]} for k in res if k not in ("confusion", "cv")]
        + [{"measure": f"cv {k}", "value": v} for k, v in res.get("cv", {}).items()],
        ["measure", "value"],
    )
    _table(
        "confusion (gold -> coded main event)",
        [
            {"gold": g, "coded": ", ".join(f"{k} {v}" for k, v in row.items())}
            for g, row in res["confusion"].items()
        ],
        ["gold", "coded"],
    )


def _ev_documents(
    db: str | None = _DB_OPT,
    json_out: bool = _JSON_OPT,
    limit: int = typer.Option(100, help="Most rows shown."),
) -> None:
    """Stored documents. Example: `realpolitik evidence documents --json`"""
    _listing("documents", db, json_out, limit=limit)


def _ev_events(
    db: str | None = _DB_OPT,
    json_out: bool = _JSON_OPT,
    actor: str | None = typer.Option(None, help="Source or target actor code."),
    mode: str | None = typer.Option(None, help="actual | future | hypothetical | negated"),
    document: int | None = typer.Option(None, help="Document id."),
    uncodable: bool = typer.Option(False, "--uncodable", help="Include uncodable sentences."),
    limit: int = typer.Option(200, help="Most rows shown."),
) -> None:
    """Coded events. Example: `realpolitik evidence events --actor CHN --mode actual`"""
    _listing(
        "events",
        db,
        json_out,
        actor=actor,
        mode=mode,
        document=document,
        include_uncodable=uncodable,
        limit=limit,
    )


def _ev_claims(
    db: str | None = _DB_OPT,
    json_out: bool = _JSON_OPT,
    kind: str | None = typer.Option(None, help="forecast | conditional | elaboration | hedge"),
    lever: str | None = typer.Option(None, help="Best-matching lever id."),
    outcome: str | None = typer.Option(None, help="Outcome id."),
    document: int | None = typer.Option(None, help="Document id."),
    limit: int = typer.Option(200, help="Most rows shown."),
) -> None:
    """Claims. Example: `realpolitik evidence claims --kind conditional`"""
    _listing(
        "claims",
        db,
        json_out,
        kind=kind,
        lever=lever,
        outcome=outcome,
        document=document,
        limit=limit,
    )


def _ev_figures(
    db: str | None = _DB_OPT,
    json_out: bool = _JSON_OPT,
    unit: str | None = typer.Option(None, help="USD, people, fraction, ratio, years ..."),
    actor: str | None = typer.Option(None, help="Attached actor code."),
    limit: int = typer.Option(200, help="Most rows shown."),
) -> None:
    """Stated figures. Example: `realpolitik evidence figures --unit USD`"""
    _listing("figures", db, json_out, unit=unit, actor=actor, limit=limit)


def _ev_stance(
    db: str | None = _DB_OPT,
    json_out: bool = _JSON_OPT,
    source: str | None = typer.Option(None, help="Outlet, author or source path."),
    actor: str | None = typer.Option(None, help="Actor code."),
) -> None:
    """Stance of each source toward each actor. Example: `realpolitik evidence stance`"""
    _listing("stance", db, json_out, source=source, actor=actor)


def _ev_recode(
    db: str | None = _DB_OPT,
    json_out: bool = _JSON_OPT,
    every: bool = typer.Option(
        False, "--all", help="Re-code every document, also those the current coder coded."
    ),
    fast: bool = _FAST_OPT,
) -> None:
    """Re-code stored documents with the current event coder (one transaction each).

    Documents whose events another coder (or an unknown one) made are extracted again from
    their stored text, so that no store mixes two coders' events.
    Example: `realpolitik evidence recode --db sqlite:///evidence.sqlite`
    """
    from realpolitik.ingest.pipeline import default_extractor
    from realpolitik.ingest.types import RawDocument
    from realpolitik.store.repository import open_store, recode_document, stored_documents

    try:
        store = open_store(db)
        ex = default_extractor(parser=not fast)
        docs = stored_documents(store)
        recoded = events = 0
        for d in docs:
            if not every and d["coders"] == [ex.coder]:
                continue
            raw = RawDocument(
                text=d["text"], source=d["source"], title=d["title"], date=d["date"],
                url=d["url"], outlet=d["outlet"], author=d["author"],
            )  # fmt: skip
            doc = ex.extract(raw)
            recode_document(store, d["id"], doc, ex.version, ex.coder)
            recoded, events = recoded + 1, events + len(doc.events)
        store.close()
    except RealpolitikError as exc:
        fail(str(exc))
    out = {"coder": ex.coder, "documents": len(docs), "recoded": recoded, "events": events}
    if json_out:
        print_json(out)
    else:
        _table("recode", [out], list(out))


def _ev_app_extraction(
    gold: Path = typer.Option(..., "--gold", help="Gold file (format of seeds-gold.json)."),
    docs: Path = typer.Option(..., "--docs", help="Folder with the annotated documents."),
    json_out: bool = _JSON_OPT,
    embeddings: bool = _EMB_OPT,
    parser: bool = _PARSER_OPT,
    fast: bool = _FAST_OPT,
) -> None:
    """Precision, recall and F1 per category, per document and micro-averaged.

    Example: `realpolitik eval extraction --gold ../shared/eval/seeds-gold.json
    --docs ../shared/seeds`
    """
    from realpolitik.ingest.evaluate import CATEGORIES, evaluate_extraction
    from realpolitik.ingest.pipeline import default_extractor

    try:
        ex = default_extractor(embeddings=embeddings, parser=not fast)
        res = evaluate_extraction(gold, docs, extractor=ex)
    except RealpolitikError as exc:
        fail(str(exc))
    data = res.as_dict()
    if json_out:
        print_json(data)
        return
    m = data["micro"]
    _table(
        "extraction, micro-averaged over documents",
        [{"category": c} | m[c] for c in CATEGORIES]
        + [
            {
                "category": "furniture leaks",
                "precision": f"{m['furniture_leaks']['leaks']} of "
                f"{m['furniture_leaks']['boilerplate']} strings leaked",
            }
        ],
        ["category", "precision", "recall", "f1"],
    )
    _table(
        "F1 per document",
        [
            {"document": d}
            | {c: cats[c]["f1"] for c in CATEGORIES}
            | {"leaks": cats["furniture_leaks"]}
            for d, cats in data["documents"].items()
        ],
        ["document", *CATEGORIES, "leaks"],
    )
    for e in data["errors"]:
        err_console.print(f"[yellow]problem:[/] {e}", markup=True, highlight=False)


def register(app: typer.Typer) -> None:
    """Add this topic's commands to ``app``."""
    app.command("ingest")(ingest_cmd)

    ev = typer.Typer(
        help="Browse stored evidence. Example: `realpolitik evidence events --actor CHN`",
        no_args_is_help=True,
    )

    ev.command("documents")(_ev_documents)

    ev.command("events")(_ev_events)

    ev.command("claims")(_ev_claims)

    ev.command("figures")(_ev_figures)

    ev.command("stance")(_ev_stance)

    from realpolitik.cli.evidence_series import series_cmd

    ev.command("series")(series_cmd)
    ev.command("recode")(_ev_recode)

    app.add_typer(ev, name="evidence")

    ev_app = typer.Typer(help="Evaluate extraction against annotations.", no_args_is_help=True)

    ev_app.command("extraction")(_ev_app_extraction)

    ev_app.command("events")(events_eval_cmd)

    app.add_typer(ev_app, name="eval")

"""The shared ``--db URL --as-of DATE`` options of ``run``, ``simulate`` and ``align``.

With ``--as-of`` the command's system is :func:`realpolitik.evidence.api.as_of_system`: the
built-in data dated up to DATE plus the evidence in the store (``--db``, default
``$REALPOLITIK_DB``) dated up to DATE, nothing after it. ``--lens NAME`` then selects which
documents speak (a filter over the same evidence) and ``--outlet-weight NAME=W`` weighs or
excludes outlets. Without ``--as-of`` every helper returns ``None`` and the commands behave as
before.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from realpolitik.cli._common import err_console, fail
from realpolitik.errors import RealpolitikError

if TYPE_CHECKING:
    from realpolitik.evidence.asof import AsOfSystem

__all__ = ["AS_OF_OPTION", "DB_OPTION", "OUTLETS_FILE_OPTION", "as_of_or_none", "write_evidence"]

AS_OF_OPTION: Any = typer.Option(
    None,
    "--as-of",
    help="Build the system as of this day (YYYY-MM-DD): built-in rows dated later are dropped "
    "and the evidence in --db dated up to it updates the relations.",
)
DB_OPTION: Any = typer.Option(
    None,
    "--db",
    help="The store: evidence read for --as-of (default $REALPOLITIK_DB or "
    "./realpolitik.sqlite), and the forecast register the run's forecasts are written to "
    "(only when --db or $REALPOLITIK_DB is given).",
)
OUTLETS_FILE_OPTION: Any = typer.Option(
    None, "--outlets", help="TOML file with an [outlets] table of name = weight in [0, 1]."
)


def as_of_or_none(
    as_of: str | None,
    db: str | None,
    *,
    lens: str | None = None,
    outlet_weight: list[str] | None = None,
    outlets: Path | None = None,
    actors: Any = None,
) -> AsOfSystem | None:
    """The as-of system, or ``None`` without ``--as-of``; exits with a message on errors."""
    if not as_of:
        return None
    from realpolitik.cli.evidence_series import outlet_weights_of
    from realpolitik.evidence.api import as_of_system
    from realpolitik.evidence.store import load_outlet_weights

    try:
        weights = load_outlet_weights(outlets) if outlets else {}
        weights |= outlet_weights_of(outlet_weight) or {}
        docs = _lens_documents(db, lens)
        res = as_of_system(db, as_of, documents=docs, outlet_weights=weights or None, actors=actors)
    except RealpolitikError as exc:
        fail(str(exc))
    err_console.print(
        f"[dim]as of {res.as_of}: {len(res.documents)} dated document(s), {res.n_events} "
        f"counted event(s); {len(res.changed())} player pair(s) moved by evidence[/]",
        highlight=False,
    )
    return res


def _lens_documents(db: str | None, lens: str | None) -> list[int] | None:
    """Ids of the documents a stored lens selects (``None`` without ``--lens``)."""
    if not lens:
        return None
    from realpolitik.lenses.evidence import select_documents
    from realpolitik.lenses.storage import get_lens
    from realpolitik.store import open_store

    store = open_store(db)
    try:
        return [int(d["id"]) for d in select_documents(store, get_lens(store, lens))]
    finally:
        store.close()


def write_evidence(summary_path: Path, res: AsOfSystem) -> dict[str, Any]:
    """Add the ``evidence`` key to ``summary.json`` (and return it)."""
    import json

    from realpolitik.evidence.api import evidence_summary

    data = json.loads(summary_path.read_text(encoding="utf-8"))
    data["evidence"] = evidence_summary(res)
    summary_path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return dict(data["evidence"])

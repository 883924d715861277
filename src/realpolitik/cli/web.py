"""CLI commands for the web topic: `report` and `serve` (registered by realpolitik.cli)."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

import typer

from realpolitik.cli._common import DATA_OPTION, console, err_console, fail, print_json
from realpolitik.errors import RealpolitikError

__all__ = ["SEEDS_ENV", "TOKEN_ENV", "default_seeds", "is_loopback", "register"]

TOKEN_ENV = "REALPOLITIK_TOKEN"
"""Environment variable holding the access token of ``serve``."""

SEEDS_ENV = "REALPOLITIK_SEEDS"
"""Environment variable naming the seed articles folder of ``serve``."""


def default_seeds() -> Path | None:
    """The seed articles folder: ``$REALPOLITIK_SEEDS``, else ``../shared/seeds`` when present."""
    env = os.environ.get(SEEDS_ENV)
    for cand in ([Path(env)] if env else []) + [Path("..") / "shared" / "seeds"]:
        if cand.is_dir():
            return cand
    return None


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1).

    Examples
    --------
    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _write_report(
    scenarios: list[str] | None,
    out: Path,
    fmt: str,
    members: int,
    seed: int | None,
    json_out: bool,
    lens: list[str],
    db: str | None,
    data: str | None,
    backtest_members: int = 200,
) -> list[Path]:
    """Run the analysis (and the lens comparison) and write the report files."""
    from realpolitik.report.analysis import analyse
    from realpolitik.report.html import write_report

    try:
        with console.status("running the scenarios...") if not json_out else _null():
            a = analyse(
                list(scenarios) if scenarios else None,
                members=members,
                seed=seed,
                data=data,
                backtest_members=backtest_members,
            )
        persp = None
        if lens:
            from realpolitik.report.perspectives import compare_store_lenses
            from realpolitik.store.repository import open_store

            store = open_store(db)
            try:
                with console.status("comparing the lenses...") if not json_out else _null():
                    persp = compare_store_lenses(
                        store,
                        a.dataset,
                        [n for n in lens if n != "all"],
                        members=members,
                        scenarios=list(scenarios) if scenarios else None,
                        seed=seed,
                    )
            finally:
                store.close()
        files = write_report(a, out, "html" if fmt == "html" else "md", perspectives=persp)
    except RealpolitikError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write the report to {out}: {exc}")
    return files


def report(
    scenarios: list[str] = typer.Argument(
        None, help="Built-in scenario names (default: all; the baseline always runs)."
    ),
    out: Path = typer.Option(Path("report"), "--out", "-o", help="Output folder."),
    fmt: str = typer.Option("html", "--format", "-f", help="html (one file) or md."),
    members: int = typer.Option(1000, "--members", "-n", min=10, help="Members per scenario."),
    seed: int | None = typer.Option(None, "--seed", help="Root seed (default: baseline's)."),
    json_out: bool = typer.Option(False, "--json", help="Print the files written as JSON."),
    lens: list[str] = typer.Option(
        [],
        "--lens",
        help="Stored lens to compare in a Perspectives section (repeatable; "
        "'all' for every lens in the store).",
    ),
    db: str | None = typer.Option(
        None, "--db", help="Evidence store holding the lenses (default $REALPOLITIK_DB)."
    ),
    data: str | None = DATA_OPTION,
    backtest_members: int = typer.Option(
        200,
        "--backtest-members",
        min=0,
        help="Members per base year of the history backtest behind the track-record section "
        "(reliability diagram, scores beside the baselines); 0 leaves it out.",
    ),
) -> None:
    """Write the report: who controls the region (baseline and scenarios), the alignment
    network, capability fan charts, issue forecasts, claims, sensitivity, sources, manifest;
    with ``--lens``, a Perspectives section (the same scenarios under each lens, the
    differences with the sentences that cause them, coverage per lens).

    The HTML report is one self-contained file (inline CSS and SVG, no script) that opens
    offline; the Markdown twin writes ``report.md`` with ``.svg`` figures beside it.

    Example: `realpolitik report --out results/report` or
    `realpolitik report c004_taiwan c000_us_influence --format md -n 2000` or
    `realpolitik report --lens seed000 --lens seed004 --db sqlite:///evidence.sqlite`
    """
    if fmt not in ("html", "md"):
        fail(f"--format must be 'html' or 'md', not {fmt!r}")
    files = _write_report(
        scenarios, out, fmt, members, seed, json_out, lens, db, data, backtest_members
    )
    if json_out:
        print_json({"files": [str(f) for f in files]})
        return
    main = files[-1]
    console.print(f"report written: [bold]{main}[/] ({len(files)} file(s))")


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (default loopback)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    db: str | None = typer.Option(
        None, "--db", help="Evidence store URL (default $REALPOLITIK_DB or a local SQLite)."
    ),
    token: str | None = typer.Option(
        None,
        "--token",
        help=f"Access token for writing endpoints (or ${TOKEN_ENV}); required off loopback.",
    ),
    members: int = typer.Option(1000, "--members", "-n", min=10, help="Baseline members."),
    seeds: Path | None = typer.Option(
        None,
        "--seeds",
        help="Folder of the seed articles (readable pages, relation evidence); default "
        f"${SEEDS_ENV} or ../shared/seeds when present.",
    ),
    allow_host: list[str] = typer.Option(
        [],
        "--allow-host",
        help="Host name the browser uses to reach the server (repeatable; loopback names "
        "are always allowed). Other Host headers get 400 (DNS rebinding).",
    ),
) -> None:
    """Serve the dashboard and JSON API (OpenAPI at /docs).

    Pages: overview, network, scenario lab, claims, perspectives, sources, ingest. A bind to
    anything but loopback needs an access token (option or environment); open the dashboard
    once as `http://HOST:PORT/?token=TOKEN` to let the browser write.

    Example: `realpolitik serve` then open http://127.0.0.1:8000/ ;
    `REALPOLITIK_TOKEN=s3cret realpolitik serve --host 0.0.0.0 --port 8080`
    """
    tok = token or os.environ.get(TOKEN_ENV) or None
    if not is_loopback(host) and not tok:
        fail(
            f"binding {host} exposes the app beyond this machine: set an access token with "
            f"--token or ${TOKEN_ENV} (or bind 127.0.0.1)"
        )
    if seeds is not None and not seeds.is_dir():
        fail(f"--seeds {seeds}: not a folder")
    seeds = seeds or default_seeds()
    import uvicorn

    from realpolitik.web.app import create_app
    from realpolitik.web.background import default_cache_dir
    from realpolitik.web.config import DEFAULT_ALLOWED_HOSTS

    hosts = [*DEFAULT_ALLOWED_HOSTS, *allow_host]
    if host not in ("0.0.0.0", "::", "") and not is_loopback(host):
        hosts.append(host)
    app_ = create_app(
        db,
        tok,
        members=members,
        seeds_dir=seeds,
        allowed_hosts=hosts,
        cache_dir=default_cache_dir(),
    )
    err_console.print(
        f"realpolitik dashboard on http://{host}:{port}/ (Ctrl+C to stop); Host names "
        f"served: {', '.join(hosts)} (add one with --allow-host)"
    )
    uvicorn.run(app_, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    """Add this topic's commands to ``app``."""
    app.command("report")(report)
    app.command("serve")(serve)


class _null:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *args: object) -> None:
        return None

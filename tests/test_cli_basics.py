"""CLI basics: --help on every command, --version."""

from __future__ import annotations

from typing import Any

import typer
from typer.testing import CliRunner

from realpolitik import __version__
from realpolitik.cli import app

runner = CliRunner()


def _all_command_paths(group: typer.Typer) -> list[list[str]]:
    import typer.main

    click_app = typer.main.get_command(group)
    paths: list[list[str]] = []

    def walk(cmd: Any, prefix: list[str]) -> None:
        paths.append(prefix)
        if not hasattr(cmd, "list_commands"):
            return
        ctx = cmd.make_context(
            prefix[-1] if prefix else "realpolitik", ["--help"], resilient_parsing=True
        )
        for name in cmd.list_commands(ctx):
            walk(cmd.get_command(ctx, name), [*prefix, name])

    walk(click_app, [])
    return paths


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_every_command_has_help() -> None:
    for path in _all_command_paths(app):
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "Usage" in result.output

"""The command table of ``realpolitik.cli`` against what the topic modules really register."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict

import pytest
from typer.testing import CliRunner

from realpolitik.cli import COMMANDS, app, load_topic

runner = CliRunner()


def test_each_module_registers_exactly_its_table_commands() -> None:
    by_module: dict[str, set[str]] = defaultdict(set)
    for name, (module, _) in COMMANDS.items():
        by_module[module].add(name)
    for module, names in by_module.items():
        registered = set(load_topic(module))
        missing = sorted(registered - names)
        assert not missing, f"{module} registers {missing}: add a line per command to COMMANDS"
        assert registered == names, f"COMMANDS names {sorted(names - registered)} in {module}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_summary_is_the_commands_own_first_help_line(name: str) -> None:
    module, summary = COMMANDS[name]
    command = load_topic(module)[name]
    assert summary == command.get_short_help_str(limit=10_000)


def test_root_help_lists_every_command_in_table_order() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0, result.output
    section = result.output.split("Commands:")[1].splitlines()
    listed = [line.split()[0] for line in section if line[:2] == "  " and line[2:3] != " "]
    assert listed == list(COMMANDS)


def test_root_help_imports_no_topic_module() -> None:
    code = (
        "import json, sys\nfrom realpolitik.cli import app\ntry:\n    app(['--help'])\n"
        "except SystemExit:\n    pass\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('realpolitik.cli.'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_a_typo_suggests_the_close_command() -> None:
    result = runner.invoke(app, ["alig"])
    assert result.exit_code == 2
    assert "'align'" in result.output


def test_an_unknown_command_fails_without_a_suggestion() -> None:
    result = runner.invoke(app, ["zzzz"])
    assert result.exit_code == 2
    assert "No such command" in result.output
    assert "Did you mean" not in result.output

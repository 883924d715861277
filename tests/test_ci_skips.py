"""Under ``CI=true`` a skipped test fails, except an optional one reported as "not run"."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

CONFTEST = Path(__file__).with_name("conftest.py")

CASES = """
import pytest

def test_needs_shared():
    pytest.skip("../shared is absent")

def test_optional():
    pytest.skip("not run: the optional extra is not installed")

@pytest.mark.skipif(True, reason="no parser")
def test_marked():
    pass

@pytest.mark.xfail(reason="known", strict=True)
def test_xfail():
    assert False

def test_passes():
    pass
"""


def _run(tmp_path: Path, ci: str) -> dict[str, str]:
    """Outcome per test of an inner pytest run over CASES with this conftest, and its exit."""
    shutil.copy(CONFTEST, tmp_path / "conftest.py")
    (tmp_path / "test_cases.py").write_text(CASES, encoding="utf-8")
    xml = tmp_path / "report.xml"
    env = {**os.environ, "CI": ci, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    args = ["-p", "no:cacheprovider", "-c", os.devnull, "--rootdir", str(tmp_path)]
    out = subprocess.run(
        [sys.executable, "-m", "pytest", *args, f"--junitxml={xml}", "test_cases.py"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=tmp_path,
    )
    outcomes = {"exit": str(out.returncode)}
    for case in ElementTree.parse(xml).getroot().iter("testcase"):
        kinds = {child.tag: child.get("type", "") for child in case}
        if "failure" in kinds or "error" in kinds:
            outcome = "failed"
        elif "skipped" in kinds:
            outcome = "xfail" if kinds["skipped"] == "pytest.xfail" else "skipped"
        else:
            outcome = "passed"
        outcomes[case.get("name", "")] = outcome
    return outcomes


@pytest.mark.parametrize("ci", ["true", ""])
def test_skips_fail_only_under_ci(tmp_path: Path, ci: str) -> None:
    got = _run(tmp_path, ci)
    required = "failed" if ci else "skipped"
    assert got.get("test_needs_shared") == required, got
    assert got.get("test_marked") == required, got
    assert got.get("test_optional") == "skipped", got
    assert got.get("test_xfail") == "xfail", got
    assert got.get("test_passes") == "passed", got
    assert got["exit"] == ("1" if ci else "0")

"""`import realpolitik` and the command line's help load no heavy library (issue 15, point 7).

The timings live in ``benchmarks/bench_startup.py``; this pins the cause: what gets imported.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("pandas", "scipy", "matplotlib", "spacy", "sqlalchemy", "fastapi", "numpy", "pydantic")

_PROBE = """
import json, sys
{body}
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)))
"""


def _loaded(body: str) -> list[str]:
    code = _PROBE.format(body=body, heavy=HEAVY)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    loaded: list[str] = json.loads(out.stdout.strip().splitlines()[-1])
    return loaded


def test_import_realpolitik_loads_no_heavy_library() -> None:
    assert _loaded("import realpolitik") == []


def test_errors_are_importable_without_loading_anything_heavy() -> None:
    assert _loaded("from realpolitik import DataError, RealpolitikError") == []


@pytest.mark.parametrize("argv", [["--help"], ["align", "--help"], ["data", "check", "--help"]])
def test_help_loads_no_heavy_library(argv: list[str]) -> None:
    body = (
        f"from realpolitik.cli import app\ntry:\n    app({argv!r})\nexcept SystemExit:\n    pass\n"
    )
    assert _loaded(body) == []


def test_lazy_name_resolves_to_the_real_object() -> None:
    import realpolitik
    from realpolitik.data.loader import load_dataset

    assert realpolitik.load_dataset is load_dataset
    assert "load_dataset" in dir(realpolitik)

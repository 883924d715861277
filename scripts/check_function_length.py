"""Fail when a function in src/ is longer than 100 lines (issue 15: no god functions).

Counts the lines from ``def`` to the function's last line (docstring included, decorators not),
with the standard-library ``ast``. Prints ``file:function:lines`` for each violation and exits 1;
exits 0 when every function fits or is listed in ``EXCEPTIONS`` (name -> reason). An exception
that no longer exceeds the limit is reported too, so the list cannot go stale.

Run: ``.venv/bin/python scripts/check_function_length.py`` (``scripts/test.sh`` calls it).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

LIMIT = 100
ROOT = Path(__file__).resolve().parents[1]

# "path/relative/to/src/realpolitik.py:function" -> why it may exceed the limit for now.
EXCEPTIONS: dict[str, str] = {
    # Permanent.
    "store/migrations/versions/0001_initial.py:upgrade": (
        "a released Alembic revision: it is replayed, never edited"
    ),
}


def long_functions(src: Path, limit: int = LIMIT) -> list[tuple[str, int]]:
    """``(file:function, lines)`` for every function in ``src`` longer than ``limit`` lines."""
    found: list[tuple[str, int]] = []
    for path in sorted(src.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > limit:
                    found.append((f"{path.relative_to(src).as_posix()}:{node.name}", lines))
    return found


def main() -> int:
    src = ROOT / "src" / "realpolitik"
    found = long_functions(src)
    bad = [(name, n) for name, n in found if name not in EXCEPTIONS]
    stale = sorted(set(EXCEPTIONS) - {name for name, _ in found})
    for name, n in bad:
        print(f"src/realpolitik/{name}:{n} lines (limit {LIMIT}): split it by concern")
    for name in stale:
        print(f"{name}: listed in EXCEPTIONS but within {LIMIT} lines now; remove the entry")
    for name, n in found:
        if name in EXCEPTIONS:
            print(f"allowed: src/realpolitik/{name}:{n} lines ({EXCEPTIONS[name]})")
    return 1 if bad or stale else 0


if __name__ == "__main__":
    sys.exit(main())

"""Where the files bundled with the package live.

Examples
--------
>>> (PACKAGE_DATA / "east_asia" / "dataset.toml").is_file()
True
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["PACKAGE_DATA"]

PACKAGE_DATA = Path(__file__).resolve().parent / "data"
"""The installed ``realpolitik/data`` folder: built-in data sets, history panel, weights."""

"""The built-in East Asia 2025 data set and the loader, validator and exporter for data sets.

A data set is a folder of plain CSV files plus ``dataset.toml`` (see ``docs/data.md`` and the
README inside ``east_asia/``). Every number carries a source id pointing to ``sources.csv``.

Examples
--------
>>> from realpolitik.data import load_dataset
>>> ds = load_dataset("east-asia-2025")
>>> "Seoul" in ds.actor("KOR").aliases
True
"""

from realpolitik.data import loader
from realpolitik.data.loader import *  # noqa: F403 - the names are listed in loader.__all__
from realpolitik.data.summary import summary

__all__ = ["summary"]
__all__ += loader.__all__

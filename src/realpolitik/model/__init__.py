"""Domain model: typed actors, capabilities, relations, issues, sources and the catalogue."""

from realpolitik.model import types
from realpolitik.model.dataset import Dataset
from realpolitik.model.types import *  # noqa: F403 - the names are listed in types.__all__

__all__ = ["Dataset"]
__all__ += types.__all__

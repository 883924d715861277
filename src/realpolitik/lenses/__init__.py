"""Perspective lenses: the system as each source sees it, and where the sources disagree.

* :mod:`~realpolitik.lenses.spec` -- :class:`Lens`, a named filter over the evidence store;
* :mod:`~realpolitik.lenses.storage` -- lenses kept durably in the store (``lenses`` table);
* :mod:`~realpolitik.lenses.evidence` -- the documents and evidence items a lens selects;
* :mod:`~realpolitik.lenses.state` -- the baseline state overlaid with a lens's evidence, and
  its coverage report;
* :mod:`~realpolitik.lenses.compare` -- the same scenarios under each lens, the differences
  and their leave-one-out attribution to sentences;
* :mod:`~realpolitik.lenses.api` -- one-call helpers (create, load, compare by name).
"""

from __future__ import annotations

from realpolitik.lenses.compare import compare_lenses, prescreen_scores
from realpolitik.lenses.evidence import EvidenceItem, LensEvidence, collect_evidence
from realpolitik.lenses.spec import Lens, StanceFilter, parse_stance
from realpolitik.lenses.state import LensState, build_lens_state, shift_from_items, tone_from_items
from realpolitik.lenses.storage import delete_lens, get_lens, list_lenses, save_lens

__all__ = [
    "EvidenceItem",
    "Lens",
    "LensEvidence",
    "LensState",
    "StanceFilter",
    "build_lens_state",
    "collect_evidence",
    "compare_lenses",
    "delete_lens",
    "get_lens",
    "list_lenses",
    "parse_stance",
    "prescreen_scores",
    "save_lens",
    "shift_from_items",
    "tone_from_items",
]

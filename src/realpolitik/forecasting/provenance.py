"""What a register run was made from: the code version and one hash of its data.

The data hash covers the built-in data set (or the user's copy), the history panel and the
evidence watermark (how many documents the evidence store held, and the newest one's id), so
two runs with the same hash saw the same inputs.

Examples
--------
>>> from realpolitik._paths import PACKAGE_DATA
>>> len(folder_hash(PACKAGE_DATA / "history"))
64
>>> h = data_hashes(evidence="documents=0;max_id=0")
>>> sorted(h), len(combined_hash(h))
(['builtin', 'evidence', 'panel'], 64)
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from sqlalchemy import func, select

from realpolitik._paths import PACKAGE_DATA
from realpolitik.store.repository import Store
from realpolitik.store.schema import DocumentRow

__all__ = ["code_version", "combined_hash", "data_hashes", "evidence_watermark", "folder_hash"]

_SKIP_SUFFIXES = (".py", ".pyc")


def folder_hash(folder: str | Path) -> str:
    """SHA-256 over the relative names and bytes of every data file under ``folder``.

    Python files (the loaders beside the data) are left out. A missing folder hashes to the
    hash of nothing.
    """
    root = Path(folder)
    stamp = tuple(
        (str(p.relative_to(root)), p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.suffix not in _SKIP_SUFFIXES and "__pycache__" not in p.parts
    )
    return _hash_files(str(root), stamp)


@lru_cache(maxsize=16)
def _hash_files(root: str, stamp: tuple[tuple[str, int, int], ...]) -> str:
    digest = hashlib.sha256()
    for name, _mtime, _size in stamp:
        digest.update(name.encode("utf-8") + b"\0")
        digest.update((Path(root) / name).read_bytes())
    return digest.hexdigest()


def evidence_watermark(store: Store | None) -> str:
    """``documents=N;max_id=M`` of the evidence store (``none`` without one)."""
    if store is None:
        return "none"
    with store.sessions() as s:
        count, top = s.execute(select(func.count(DocumentRow.id), func.max(DocumentRow.id))).one()
    return f"documents={count};max_id={top or 0}"


def data_hashes(
    data: str | Path | None = None,
    panel: str | Path | None = None,
    evidence: str = "none",
) -> dict[str, str]:
    """The three parts of the data hash: ``builtin``, ``panel`` and ``evidence``.

    Parameters
    ----------
    data : str or Path, optional
        The data-set folder the run used (default: the built-in East Asia set).
    panel : str or Path, optional
        The history panel folder (default: the packaged one).
    evidence : str
        The evidence watermark (:func:`evidence_watermark`).
    """
    return {
        "builtin": folder_hash(data if data is not None else PACKAGE_DATA / "east_asia"),
        "panel": folder_hash(panel if panel is not None else PACKAGE_DATA / "history"),
        "evidence": evidence,
    }


def combined_hash(parts: dict[str, str]) -> str:
    """One SHA-256 of the parts (sorted keys)."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def code_version() -> str:
    """The package version, plus ``+g<commit>`` when the source is a git work tree.

    Examples
    --------
    >>> code_version().split("+")[0] == metadata.version("realpolitik")
    True
    """
    version = metadata.version("realpolitik")
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],
            cwd=Path(__file__).parent,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return version
    commit = out.stdout.strip()
    return f"{version}+g{commit}" if out.returncode == 0 and commit else version

"""The built-in seed articles, browsable without ingesting them.

The data set names each article source's file; the app reads it only from its seeds folder
(:func:`realpolitik.web.evidence.safe_child`), splits it into sentences with anchors ``s<n>``
(``n`` counts sentences from 0, the numbering relation evidence and claims link to) and shows
it escaped like any other untrusted text.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from realpolitik.web.evidence import safe_child, sentence_blocks, split_sentences

if TYPE_CHECKING:
    from realpolitik.model.dataset import Dataset

__all__ = ["claim_sentence", "seed_articles", "seed_view"]


def seed_articles(dataset: Dataset, seeds_dir: Path | None) -> list[dict[str, Any]]:
    """Every article source of the data set, with ``available`` when its file is readable."""
    out = []
    for s in dataset.sources:
        if s.kind != "article" or not s.file:
            continue
        path = safe_child(seeds_dir, s.file) if seeds_dir is not None else None
        out.append(
            {
                "id": s.id,
                "title": s.title,
                "file": s.file,
                "date": s.date,
                "publisher": s.publisher or s.outlet,
                "perspective": s.perspective,
                "available": path is not None,
            }
        )
    return out


@functools.lru_cache(maxsize=32)
def _read(path: Path, mtime: float) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    text = path.read_text(encoding="utf-8", errors="replace")
    return text, tuple(split_sentences(text))


def _load(seeds_dir: Path, file: str) -> tuple[str, tuple[tuple[int, int, str], ...]] | None:
    path = safe_child(seeds_dir, file)
    if path is None:
        return None
    return _read(path, path.stat().st_mtime)


def seed_view(dataset: Dataset, seeds_dir: Path | None, source_id: str) -> dict[str, Any] | None:
    """The page of one seed article (``None`` when the source or its file is unknown)."""
    src = next((s for s in dataset.sources if s.id == source_id and s.kind == "article"), None)
    if src is None or not src.file or seeds_dir is None:
        return None
    loaded = _load(seeds_dir, src.file)
    if loaded is None:
        return None
    text, sents = loaded
    blocks = sentence_blocks(text, [], [(a, b, f"s{n}") for n, (a, b, _) in enumerate(sents)])
    return {
        "id": src.id,
        "title": src.title,
        "file": src.file,
        "date": src.date,
        "publisher": src.publisher or src.outlet,
        "perspective": src.perspective,
        "blocks": blocks,
        "sentences": len(sents),
    }


def claim_sentence(
    dataset: Dataset, seeds_dir: Path | None, source_id: str, cue: str
) -> int | None:
    """Index of the first sentence of ``source_id``'s article containing ``cue`` (the phrase
    a claim scenario quotes to locate its claim), or ``None``."""
    if not cue or seeds_dir is None:
        return None
    src = next((s for s in dataset.sources if s.id == source_id), None)
    if src is None or not src.file:
        return None
    loaded = _load(seeds_dir, src.file)
    if loaded is None:
        return None
    low = " ".join(cue.split()).lower()
    for n, (_, _, sent) in enumerate(loaded[1]):
        if low in " ".join(sent.split()).lower():
            return n
    return None

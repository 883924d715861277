"""Parallel ingestion stores the same documents and events as a serial run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from realpolitik.ingest.parallel import ingest_parallel
from realpolitik.ingest.pipeline import default_extractor, ingest
from realpolitik.store import open_store
from realpolitik.store.queries import list_documents, list_events

TEXTS = [
    "Beijing condemned Manila over the collision near the shoal.",
    "Tokyo and Seoul signed a security agreement in March 2023.",
    "Canberra praised Beijing for lifting tariffs on barley.",
    "Pyongyang fired a missile toward Japan, Tokyo said.",
    "Washington imposed new tariffs on Chinese goods; Beijing retaliated.",
] * 4


def _corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    for k, text in enumerate(TEXTS):
        (d / f"a{k:02d}.txt").write_text(f"{text} (item {k})", encoding="utf-8")
    return d


def _stored(url: str) -> tuple[list[Any], list[Any]]:
    store = open_store(url)
    rows = list_documents(store, limit=10**6)
    docs = [(d["id"], Path(d["source"]).name, d["date"]) for d in rows]
    events = [
        (e["id"], e["document_id"], e["source"], e["target"], e["plover"], e["goldstein"])
        for e in list_events(store, limit=10**6)
    ]
    store.close()
    return docs, events


@pytest.mark.parametrize("backend", ["process", "dask"])
def test_parallel_equals_serial(tmp_path: Path, backend: str) -> None:
    d = _corpus(tmp_path)
    serial, par = f"sqlite:///{tmp_path / 's.sqlite'}", f"sqlite:///{tmp_path / 'p.sqlite'}"
    s = open_store(serial)
    rs = ingest([str(d)], s, extractor=default_extractor(), date="2024-01-02")
    s.close()
    p = open_store(par)
    rp = ingest_parallel([str(d)], p, workers=2, backend=backend, date="2024-01-02")
    p.close()
    assert rs.documents == rp.documents == len(TEXTS) and rs.events == rp.events > 0
    assert rs.documents_detail == rp.documents_detail
    assert _stored(serial) == _stored(par)

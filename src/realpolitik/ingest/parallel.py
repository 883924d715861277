"""Parallel ingestion: extraction in worker processes or on Dask, storage in input order.

Reading is serial (it is cheap and keeps the order); documents are cut into batches of
:data:`BATCH` and each batch is extracted by one worker (its own extractor, built once per
process: :func:`_worker_extractor`); the main process stores the extracted documents strictly
in input order, one transaction each, as :func:`realpolitik.ingest.pipeline.ingest` does. So a
parallel run stores the same documents, with the same ids and the same events, as a serial one
(``tests/ingest/test_parallel.py`` checks it for the process pool and Dask).

The back ends are the ensembles' (:mod:`realpolitik.scenarios.executors`): ``process`` (a
stdlib process pool) and ``dask`` (a local cluster, or a running scheduler by address).
Only the built-in data set's extractor is supported here (``parser`` and ``embeddings`` flags).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any

from realpolitik.errors import IngestError
from realpolitik.ingest.readers import DEFAULT_MAX_BYTES, ReadProblem, read_sources
from realpolitik.ingest.types import ExtractedDocument, RawDocument

__all__ = ["BATCH", "extract_batch", "ingest_parallel"]

BATCH = 16
"""Documents per task: large enough to amortise the transfer, small enough to balance."""

_EXTRACTORS: dict[tuple[bool, bool], Any] = {}


def _worker_extractor(parser: bool, embeddings: bool) -> Any:
    """The extractor of this process (built on first use)."""
    key = (parser, embeddings)
    if key not in _EXTRACTORS:
        from realpolitik.ingest.pipeline import default_extractor

        _EXTRACTORS[key] = default_extractor(parser=parser, embeddings=embeddings)
    return _EXTRACTORS[key]


def extract_batch(
    task: tuple[bool, bool, list[RawDocument]],
) -> tuple[str, str, list[ExtractedDocument | str]]:
    """Extract a batch in this process (its sentences parsed together): the extractor's
    version, and a document (or the problem's message) per input."""
    parser, embeddings, docs = task
    ex = _worker_extractor(parser, embeddings)
    out: list[ExtractedDocument | str] = [
        str(d) if isinstance(d, IngestError) else d for d in ex.extract_many(docs)
    ]
    return str(ex.version), str(ex.coder), out


def _batches(items: list[RawDocument]) -> Iterator[list[RawDocument]]:
    for i in range(0, len(items), BATCH):
        yield items[i : i + BATCH]


def ingest_parallel(
    sources: Iterable[str],
    store: Any,
    *,
    workers: int = 2,
    backend: str = "process",
    scheduler: str | None = None,
    parser: bool = True,
    embeddings: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    date: str = "",
    progress: Callable[[str], None] | None = None,
) -> Any:
    """:func:`~realpolitik.ingest.pipeline.ingest` with extraction on ``workers`` processes
    (``backend="process"``) or on Dask (``backend="dask"``, ``scheduler`` an address or a
    local cluster); the same stored result as a serial run.

    Returns
    -------
    IngestReport
    """
    from realpolitik.ingest.dates import resolve_date
    from realpolitik.ingest.pipeline import IngestReport, save_and_count
    from realpolitik.scenarios.executors import make_executor

    report = IngestReport()
    option = resolve_date(option=date).date if date else None
    raws: list[RawDocument] = []
    for item in read_sources(sources, max_bytes=max_bytes):
        if isinstance(item, ReadProblem):
            report.problems.append(str(item))
        else:
            raws.append(replace(item, date=option, date_source="option") if option else item)
    tasks = [(parser, embeddings, b) for b in _batches(raws)]
    ex = make_executor(backend, workers, scheduler)
    try:
        pending: dict[int, tuple[str, str, list[ExtractedDocument | str]]] = {}
        nxt = 0
        for idx, result in ex.map_unordered(extract_batch, tasks):
            pending[idx] = result
            while nxt in pending:  # store strictly in input order
                version, coder, docs = pending.pop(nxt)
                for got in docs:
                    _store_one(got, store, (version, coder), report, progress, save_and_count)
                nxt += 1
    finally:
        ex.close()
    return report


def _store_one(
    got: ExtractedDocument | str,
    store: Any,
    version: tuple[str, str],
    report: Any,
    progress: Callable[[str], None] | None,
    save: Callable[..., None],
) -> None:
    if isinstance(got, str):
        report.problems.append(got)
        return
    save(store, got, version[0], report, coder=version[1])
    if progress:
        progress(got.raw.source)

"""One BLAS thread while the trained spaCy pipeline runs.

The parser's matrix products go to numpy's BLAS (:func:`realpolitik.ingest.parse.load_parser`
switches thinc from BLIS to numpy). OpenBLAS splits a product over one thread per core; at the
parser's sizes (a few hundred token rows times 64 to 576 columns) the extra threads wake, spin
and wait far longer than they multiply. On the stream articles (``docs/benchmarks.md``, issue
22 section) the parse path took three to four times the CPU time with the default two threads
as with one, and more wall time too on the shared machine; the parses are the same.

:func:`one_blas_thread` limits BLAS to one thread for the duration of a parse and restores the
previous limits afterwards, so the rest of the process (the ensembles' and the alignment
enumeration's large products) keeps its threads. Nested and concurrent uses (the web app's
threads) share one limit: it is set on the first entry and restored on the last exit.
Parallel ingestion uses processes (``--workers``), one BLAS thread each.

Examples
--------
>>> with one_blas_thread():
...     pass
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["one_blas_thread", "prepare"]

_LOCK = threading.Lock()
_STATE: dict[str, Any] = {"depth": 0, "limiter": None, "controller": None}


def prepare() -> Any:
    """The process's thread-pool controller (built once: it lists the loaded BLAS libraries,
    so call it after numpy is imported; :func:`load_parser` does, at load time)."""
    with _LOCK:
        if _STATE["controller"] is None:
            from threadpoolctl import ThreadpoolController

            _STATE["controller"] = ThreadpoolController()
        return _STATE["controller"]


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run the body with BLAS limited to one thread (see module notes)."""
    controller = prepare()
    with _LOCK:
        if _STATE["depth"] == 0:
            _STATE["limiter"] = controller.limit(limits=1, user_api="blas")
        _STATE["depth"] += 1
    try:
        yield
    finally:
        with _LOCK:
            _STATE["depth"] -= 1
            if _STATE["depth"] == 0:
                _STATE["limiter"].restore_original_limits()
                _STATE["limiter"] = None

"""Data sets the dashboard computes in the background at start-up, persisted per data hash.

A page never computes an expensive result while the browser waits: at start-up the app runs
every registered :class:`Precompute` in order on one background thread (the baseline
analysis first, then what the claims page and the report need). A page whose data is not
ready yet answers at once with its progress (:class:`NotReady`, rendered by the app as a
"computing" page that polls ``GET /api/status`` from a static script and reloads itself when
the data is there). JSON endpoints wait for the data instead (scripts want the answer).

Each result whose :attr:`Precompute.persist` is true is written to the cache folder as
``{name}-{key}.pickle``, where the key hashes the data set, the ensemble size, the package
version and the package's files (:func:`data_key`): a restart with the same data and code
loads it in milliseconds; any change computes it afresh. The cache folder belongs to the
user running the server (pickles are only ever read from it, never from a request).

Adding a data set (other pages' helpers)
----------------------------------------
Call :func:`register` at import time of your router module with a plain function of the
app's :class:`~realpolitik.web.state.WebState` and a progress callback::

    from realpolitik.web.background import Precompute, register

    register(Precompute("track_record", "forecast track record", compute_track_record))

    @router.get("/track-record")
    def page(request: Request, state: State) -> HTMLResponse:
        rows = state.data("track_record")  # NotReady -> the progress page, filled in later
        ...

Examples
--------
>>> p = Precompute("x", "a number", lambda state, progress: 42, persist=False)
>>> p.name, p.persist
('x', False)
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "Background",
    "NotReady",
    "Precompute",
    "Progress",
    "data_key",
    "default_cache_dir",
    "register",
    "registered",
]

_log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: what a computation reports while it runs."""

MAX_ADHOC = 16
"""Finished request-specific computations (:meth:`Background.run_later`) kept in the status."""

CACHE_ENV = "REALPOLITIK_WEB_CACHE"
"""Environment variable naming the folder of persisted background results."""


class NotReady(Exception):
    """A page asked for background data that is still being computed (the app renders the
    progress page; JSON endpoints wait instead)."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = tuple(names)
        super().__init__(", ".join(self.names) + " not ready yet")


@dataclass(frozen=True)
class Precompute:
    """A data set computed in the background at start-up.

    Parameters
    ----------
    name : str
        Key of the data set (``state.data(name)``).
    label : str
        What it is, in words (shown on the progress page).
    compute : callable
        ``compute(state, progress) -> value``; may read other data sets with
        ``state.data(...)`` (they are computed first when registered first).
    persist : bool
        Keep the value on disk per :func:`data_key` (it must pickle).
    """

    name: str
    label: str
    compute: Callable[[Any, Progress], Any]
    persist: bool = True


_REGISTRY: dict[str, Precompute] = {}


def register(task: Precompute) -> None:
    """Add ``task`` to the data sets every new app computes at start-up (in registration
    order; registering a name again replaces it in place)."""
    _REGISTRY[task.name] = task


def registered() -> list[Precompute]:
    """The registered data sets, in computing order."""
    return list(_REGISTRY.values())


def default_cache_dir() -> Path:
    """``$REALPOLITIK_WEB_CACHE``, else ``$XDG_CACHE_HOME/realpolitik/web`` (``~/.cache``)."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "realpolitik" / "web"


def _code_fingerprint() -> str:
    """Names, sizes and modification times of the package's files (a code change, data
    file included, gives another key)."""
    import realpolitik

    root = Path(realpolitik.__file__).parent
    h = hashlib.sha256(str(getattr(realpolitik, "__version__", "")).encode())
    for p in sorted(root.rglob("*")):
        if p.suffix in (".py", ".csv", ".yaml", ".yml", ".json", ".html", ".toml"):
            st = p.stat()
            h.update(f"{p.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def data_key(dataset: Any, members: int, extra: str = "") -> str:
    """A short hash of the data set's contents, the ensemble size and the code.

    Examples
    --------
    >>> data_key(("a", 1), 100) == data_key(("a", 1), 100)
    True
    >>> data_key(("a", 1), 100) == data_key(("a", 2), 100)
    False
    """
    h = hashlib.sha256(repr(dataset).encode())
    h.update(f"|{members}|{extra}|{_code_fingerprint()}".encode())
    return h.hexdigest()[:20]


@dataclass
class _Entry:
    task: Precompute
    status: str = "pending"  # pending | running | ready | error
    stage: str = ""
    done: int = 0
    total: int = 0
    error: str = ""
    seconds: float = 0.0
    from_disk: bool = False
    value: Any = None
    event: threading.Event = field(default_factory=threading.Event)

    def as_dict(self) -> dict[str, Any]:
        return {
            "label": self.task.label,
            "status": self.status,
            "stage": self.stage,
            "done": self.done,
            "total": self.total,
            "error": self.error,
            "seconds": round(self.seconds, 3),
            "from_disk": self.from_disk,
        }


class Background:
    """Runs ``tasks`` in order on one daemon thread; values kept here and on disk.

    Parameters
    ----------
    state : realpolitik.web.state.WebState
        Passed to each computation.
    tasks : iterable of Precompute
    cache_dir : Path, optional
        Folder of persisted values (``None``: nothing persisted).
    key : callable, optional
        ``key() -> str``: the data hash of persisted values (computed on the thread).
    """

    def __init__(
        self,
        state: Any,  # realpolitik.web.state.WebState (not imported: it imports this module)
        tasks: Iterable[Precompute],
        cache_dir: Path | None = None,
        key: Callable[[], str] | None = None,
    ) -> None:
        self.state = state
        self.cache_dir = cache_dir
        self._key = key
        self.entries = {t.name: _Entry(t) for t in tasks}
        self._thread: threading.Thread | None = None

    def preset(self, name: str, value: Any) -> None:
        """Mark ``name`` ready with ``value`` (a result the caller already has)."""
        e = self.entries.get(name)
        if e is not None:
            e.value, e.status = value, "ready"
            e.event.set()

    def load_persisted(self) -> int:
        """Load every persisted value of the current data hash now, on the caller's thread
        (a restart with unchanged data then serves full pages from its first request);
        returns how many were loaded."""
        if self.cache_dir is None or self._key is None:
            return 0
        key, loaded = "", 0
        for e in list(self.entries.values()):
            if e.status == "ready" or not e.task.persist:
                continue
            key = key or self._key()
            path = self._path(e, key)
            if path is not None and path.is_file():
                self._compute(e, key)
                loaded += e.status == "ready"
        return loaded

    def start(self) -> None:
        """Start computing (once)."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._run, name="realpolitik-precompute", daemon=True
            )
            self._thread.start()

    def run_later(self, name: str, label: str, compute: Callable[[], Any]) -> _Entry:
        """Compute ``compute()`` on a thread of its own under ``name`` (not persisted),
        unless it was started already (then that entry, whatever its status: the caller
        decides what to do with a failure, e.g. :meth:`forget` it and compute in the
        request to report the error). Its status shows on ``/api/status``. For a page whose
        data depends on the request (a lens comparison): the page answers with its progress
        and reloads when ``name`` is ready."""
        e = self.entries.get(name)
        if e is not None:
            return e
        e = _Entry(Precompute(name, label, lambda state, progress: compute(), persist=False))
        self.entries[name] = e
        adhoc = [
            n for n, x in list(self.entries.items()) if n.startswith("~") and x.status == "ready"
        ]
        for old in adhoc[:-MAX_ADHOC]:
            self.entries.pop(old, None)
        threading.Thread(target=self._later, args=(e,), daemon=True).start()
        return e

    def _later(self, e: _Entry) -> None:
        _lower_priority()
        self._compute(e, "")

    def forget(self, name: str) -> None:
        """Drop the entry ``name`` (a failed :meth:`run_later` computation)."""
        self.entries.pop(name, None)

    def scheduled(self, name: str) -> bool:
        """Whether ``name`` is one of this app's background data sets."""
        return name in self.entries

    def ready(self, name: str) -> bool:
        """Whether ``name`` is computed (``False`` while pending, running or failed)."""
        e = self.entries.get(name)
        return e is not None and e.status == "ready"

    def wait(self, name: str, timeout: float | None = None) -> Any:
        """The value of ``name``, waiting for it (``RuntimeError`` when it failed,
        :class:`NotReady` after ``timeout``)."""
        e = self.entries[name]
        if not e.event.wait(timeout):
            raise NotReady([name])
        if e.status != "ready":
            raise RuntimeError(f"computing {e.task.label} failed: {e.error}")
        return e.value

    def status(self) -> dict[str, Any]:
        """Every data set's status (JSON-ready), and whether all start-up ones are ready
        (request-specific ones, named ``~...``, are listed but not counted)."""
        rows = {n: e.as_dict() for n, e in list(self.entries.items())}
        ready = all(r["status"] == "ready" for n, r in rows.items() if not n.startswith("~"))
        return {"ready": ready, "datasets": rows}

    # -- the thread -------------------------------------------------------------------
    def _run(self) -> None:
        _lower_priority()
        key = ""
        for e in list(self.entries.values()):
            if e.status == "ready":
                continue
            if e.task.persist and self.cache_dir is not None and not key and self._key:
                key = self._key()
            self._compute(e, key)

    def _path(self, e: _Entry, key: str) -> Path | None:
        if not (e.task.persist and key and self.cache_dir is not None):
            return None
        return self.cache_dir / f"{e.task.name}-{key}.pickle"

    def _compute(self, e: _Entry, key: str) -> None:
        t0 = time.perf_counter()
        e.status = "running"

        def progress(stage: str, done: int, total: int) -> None:
            e.stage, e.done, e.total = stage, done, total

        try:
            path = self._path(e, key)
            if path is not None and path.is_file() and self._load(e, path):
                pass
            else:
                e.value = e.task.compute(self.state, progress)
                if path is not None:
                    _write_atomic(path, pickle.dumps(e.value, protocol=pickle.HIGHEST_PROTOCOL))
            e.status = "ready"
        except Exception as exc:  # reported on the status endpoint and the pages
            _log.exception("background computation of %s failed", e.task.name)
            e.status, e.error = "error", f"{exc.__class__.__name__}: {exc}"
        finally:
            e.seconds = time.perf_counter() - t0
            e.event.set()

    @staticmethod
    def _load(e: _Entry, path: Path) -> bool:
        """Read a persisted value (``False``, and the file removed, when it is unreadable:
        the value is then computed again)."""
        try:
            e.value, e.from_disk = pickle.loads(path.read_bytes()), True
            return True
        except Exception:  # a truncated or stale file: compute afresh
            _log.warning("unreadable cache file %s: computing it again", path)
            path.unlink(missing_ok=True)
            return False


def _lower_priority() -> None:
    """Give the calling thread the lowest CPU priority (Linux threads have their own nice
    value), so the requests the server answers meanwhile keep the processor first."""
    # not Linux, or not permitted: the thread runs at normal priority
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)


def _write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename (a reader never
    sees half a file; a failed write leaves nothing behind)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)

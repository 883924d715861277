"""What the web app keeps between requests: the data, the cached baseline, background runs.

:class:`WebState` builds the system once, runs the :class:`~realpolitik.report.analysis.
Analysis` (baseline and claim scenarios) on first use and caches it, runs what-if ensembles
synchronously (:meth:`WebState.whatif`) or in a background thread with progress
(:meth:`WebState.submit`), and opens the evidence store lazily.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from realpolitik._fields import pick
from realpolitik.report.analysis import DEFAULT_MEMBERS, Analysis, analyse
from realpolitik.scenarios.runner import EnsembleResult, paired_lift, run_scenario
from realpolitik.scenarios.spec import ScenarioSpec
from realpolitik.web.background import Background, NotReady, registered
from realpolitik.web.cache import DEFAULT_MAX_ENTRIES, LRUCache

_T = TypeVar("_T")

if TYPE_CHECKING:
    from realpolitik.model.dataset import Dataset
    from realpolitik.scenarios.state import System
    from realpolitik.store.repository import Store

__all__ = ["MAX_PENDING", "Job", "QueueFull", "WebState", "compare"]

MAX_JOBS = 50
"""Finished background runs kept in memory (oldest dropped first)."""

MAX_PENDING = 8
"""Background runs queued or running at once; one more is refused (:class:`QueueFull`)."""


class QueueFull(RuntimeError):
    """Too many background runs are waiting: the request should be retried later (HTTP 429)."""


@dataclass
class Job:
    """A background ensemble run."""

    id: str
    levers: list[dict[str, Any]]
    members: int
    status: str = "queued"  # queued | running | done | error
    done: int = 0
    total: int = 0
    result: dict[str, Any] | None = None
    error: str = ""
    session: str = ""
    """The browser session that started it (the lab lists a session's own runs)."""
    number: int = 0
    """Its number among the server's runs (1, 2, ...: "run 3" on the page)."""
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    finished: threading.Event = field(default_factory=threading.Event, repr=False)
    """Set when the run is done or failed (a poll can wait on it instead of sleeping)."""

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready status (and result when done)."""
        return pick(self, "id", "status", "done", "total", "levers", "members", "result", "error")


def compare(run: EnsembleResult, base: EnsembleResult) -> dict[str, Any]:
    """A what-if result beside the baseline: control and outcomes, with paired lifts when the
    runs share members and seed (``changed``: members whose outcome the levers flip)."""
    paired = run.members == base.members and run.seed == base.seed
    ctrl_r, ctrl_b = run.control(), base.control()
    control = {}
    for c, e in ctrl_r.items():
        row: dict[str, Any] = {"scenario": e.as_dict(), "baseline": ctrl_b[c].as_dict()}
        if paired:
            w, wo = run.controller == c, base.controller == c
            row["lift"] = paired_lift(w, wo).as_dict()
            row["changed"] = int((w != wo).sum())
        control[c] = row
    outcomes = {}
    fb, fr = base.fixed_outcomes(), run.fixed_outcomes()
    # fixed only where both runs hold it at the same value (a lever that flips it moved it)
    fixed = {k: v for k, v in fr.items() if k in fb and fb[k].split()[0] == v.split()[0]}
    for oid in sorted(run.outcomes):
        row = {"scenario": run.probability(oid).as_dict()}
        if oid in fixed:  # the engine's own reason (constant over members and stress draws)
            row["fixed_reason"] = f"fixed under the model: {fixed[oid]}"
        if oid in base.outcomes:
            row["baseline"] = base.probability(oid).as_dict()
            if paired:
                w, wo = run.outcomes[oid], base.outcomes[oid]
                row["lift"] = paired_lift(w, wo).as_dict()
                row["changed"] = int((w != wo).sum())
        outcomes[oid] = row
    return {
        "members": run.members,
        "seed": run.seed,
        "paired": paired,
        "control": control,
        "outcomes": outcomes,
        "manifest": {
            "scenario_hash": run.manifest.get("scenario_hash"),
            "skipped_lever_effects": run.manifest.get("skipped_lever_effects", {}),
        },
    }


def _quiet(stage: str, done: int, total: int) -> None:
    """A progress callback that reports nowhere."""


def _baseline_spec() -> ScenarioSpec:
    from realpolitik.scenarios.catalogue import load_builtin

    return load_builtin("baseline")


class WebState:
    """Shared state of one app instance.

    Parameters
    ----------
    dataset : Dataset, optional
        Default: the built-in data set.
    db_url : str, optional
        Evidence store URL (default: :func:`realpolitik.store.default_db_url`).
    members : int
        Ensemble size of the cached baseline and the default what-if.
    analysis : Analysis, optional
        A precomputed analysis (tests and benchmarks share one).
    seeds_dir : Path, optional
        Folder of the seed articles (relation evidence and the seed article pages).
    cache_entries : int
        Bound of the shared :class:`~realpolitik.web.cache.LRUCache`.
    """

    def __init__(
        self,
        *,
        dataset: Dataset | None = None,
        db_url: str | None = None,
        members: int = DEFAULT_MEMBERS,
        analysis: Analysis | None = None,
        seeds_dir: Path | None = None,
        cache_entries: int = DEFAULT_MAX_ENTRIES,
    ) -> None:
        self._dataset = analysis.dataset if analysis is not None else dataset
        self._analysis = analysis
        if db_url is not None and db_url.strip() in ("sqlite://", "sqlite:///:memory:"):
            # An in-memory SQLite database lives in one connection, but requests and runs use
            # several threads: keep the data in a private temporary file instead.
            import tempfile

            folder = tempfile.mkdtemp(prefix="realpolitik-web-")
            db_url = f"sqlite:///{Path(folder) / 'evidence.sqlite'}"
        self.db_url = db_url
        self.members = members
        self.seeds_dir = seeds_dir
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._store_error = ""
        self._extractor: Any = None
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._runs = 0
        self._pool: ThreadPoolExecutor | None = None
        self.cache = LRUCache(cache_entries)
        """Every expensive result (baselines of other sizes, lens comparisons, the report
        page, figures): one bounded LRU cache, keyed by kind first."""
        self.background: Background | None = None
        """The data sets computed at start-up (:mod:`realpolitik.web.background`); ``None``:
        each is computed on first use, while its request waits."""

    def _once(self, name: str, build: Callable[[], _T]) -> _T:
        """The attribute ``name``, built by ``build()`` under the lock on first use.

        Double-checked: a value already built is returned without taking the lock, and
        ``build`` runs at most once however many threads ask at the same time.
        """
        value = getattr(self, name)
        if value is None:
            with self._lock:
                value = getattr(self, name)
                if value is None:
                    value = build()
                    setattr(self, name, value)
        return cast("_T", value)

    # -- data ---------------------------------------------------------------------------
    @property
    def dataset(self) -> Dataset:
        """The data set (loaded on first use)."""
        from realpolitik.data import load_dataset

        return self._once("_dataset", load_dataset)

    @property
    def has_analysis(self) -> bool:
        """Whether the baseline analysis is computed already."""
        return self._analysis is not None

    @property
    def analysis(self) -> Analysis:
        """The cached baseline and claim scenarios (from the background computation, waiting
        for it, or computed on first use when there is none)."""
        if self._analysis is not None:
            return self._analysis
        bg = self.background
        if bg is not None and bg.scheduled("analysis"):
            bg.start()
            value: Analysis = bg.wait("analysis")
            self._analysis = value
            return value
        ds = self.dataset  # outside the lock: loading the data set takes it
        return self._once("_analysis", lambda: analyse(dataset=ds, members=self.members))

    def compute_analysis(self, progress: Any = None) -> Analysis:
        """Run the baseline and claim scenarios (the ``analysis`` background data set)."""
        return analyse(dataset=self.dataset, members=self.members, progress=progress)

    def start_background(self, cache_dir: Path | None) -> Background:
        """Compute every registered data set in the background from now on, persisted in
        ``cache_dir`` per data hash (see :mod:`realpolitik.web.background`)."""
        from realpolitik.web.background import data_key

        bg = Background(
            self,
            registered(),
            cache_dir,
            key=lambda: data_key(self.dataset, self.members, str(self.seeds_dir or "")),
        )
        if self._analysis is not None:
            bg.preset("analysis", self._analysis)
        self.background = bg
        bg.load_persisted()
        if self._analysis is None and bg.ready("analysis"):
            self._analysis = bg.wait("analysis", 0)
        bg.start()
        return bg

    def require(self, *names: str) -> None:
        """Raise :class:`NotReady` naming those of ``names`` the background has not
        computed yet (a page then shows its progress instead of waiting)."""
        bg = self.background
        if bg is None:
            return
        bg.start()
        missing = [n for n in names if bg.scheduled(n) and not bg.ready(n)]
        failed = [n for n in missing if bg.entries[n].status == "error"]
        if failed:
            bg.wait(failed[0], 0)  # raises the failure
        if missing:
            raise NotReady(missing)

    def data(self, name: str) -> Any:
        """The background data set ``name``: its value when ready, :class:`NotReady` while
        the background computes it, or computed now (and cached) when nothing computes it
        in the background."""
        if name == "analysis":
            return self.analysis
        bg = self.background
        if bg is not None and bg.scheduled(name):
            self.require(name)
            return bg.wait(name, 0)
        task = next((t for t in registered() if t.name == name), None)
        if task is None:
            raise KeyError(f"no background data set {name!r}")
        return self.cache.get_or_compute((name, self.version), lambda: task.compute(self, _quiet))

    @property
    def version(self) -> str:
        """Identifies the data and analysis behind cached pages (members, seed, analysis id)."""
        a = self.analysis
        return f"{a.members}-{a.seed}-{id(a):x}"

    @property
    def system(self) -> System:
        """The system state of the cached analysis."""
        return self.analysis.system

    @property
    def store(self) -> Store | None:
        """The evidence store, or ``None`` when it cannot be opened (see :attr:`store_error`)."""
        if self._store is None and not self._store_error:
            with self._lock:
                if self._store is None and not self._store_error:
                    from realpolitik.errors import RealpolitikError
                    from realpolitik.store.repository import open_store

                    try:
                        self._store = open_store(self.db_url)
                    except RealpolitikError as exc:
                        self._store_error = str(exc)
        return self._store

    @property
    def extractor(self) -> Any:
        """The ingestion pipeline's extractor over the data set (built on first use)."""
        if self._extractor is not None:
            return self._extractor
        from realpolitik.ingest.pipeline import default_extractor

        ds = self.dataset  # outside the lock: loading the data set takes it
        return self._once("_extractor", lambda: default_extractor(ds))

    @property
    def store_error(self) -> str:
        """Why the store is unavailable (empty when it is fine or not tried yet)."""
        return self._store_error

    # -- runs ----------------------------------------------------------------------------
    def whatif(
        self,
        levers: list[dict[str, Any]],
        members: int | None = None,
        progress: Any = None,
    ) -> dict[str, Any]:
        """Run a what-if with ``levers`` and compare it with the cached baseline.

        Raises
        ------
        ScenarioError
            For an unknown lever.
        """
        a = self.analysis
        n = members or self.members
        base = self.baseline(n)
        spec = ScenarioSpec.model_validate(
            {**_baseline_spec().model_dump(mode="json"), "name": "whatif", "levers": levers}
        )
        run = run_scenario(
            spec,
            system=a.system,
            members=n,
            seed=base.seed,
            batch_size=max(100, n // 10),
            progress=progress,
        )
        return compare(run, base)

    def baseline(self, members: int) -> EnsembleResult:
        """The baseline ensemble with ``members`` members (the cached one, or run once and kept)
        so what-ifs compare with it on the same members."""
        a = self.analysis
        if members == a.main.baseline.members:
            return a.main.baseline
        return self.cache.get_or_compute(
            ("baseline", self.version, members),
            lambda: run_scenario(_baseline_spec(), system=a.system, members=members, seed=a.seed),
        )

    def submit(
        self, levers: list[dict[str, Any]], members: int | None = None, session: str = ""
    ) -> Job:
        """Queue a what-if in the background; poll :meth:`job` for progress. Every ensemble
        run of the app goes through this one bounded queue (one worker thread).

        Raises
        ------
        ScenarioError
            For an unknown lever.
        QueueFull
            When :data:`MAX_PENDING` runs are queued or running already.
        """
        from realpolitik.scenarios.levers import compile_levers

        a = self.analysis
        compile_levers([lv["id"] for lv in levers], a.system.actors, a.system.issues, 1.0)
        job = Job(uuid.uuid4().hex[:12], levers, members or self.members, session=session)
        job.total = job.members
        with self._lock:
            self._runs += 1
            job.number = self._runs
            pending = sum(1 for j in self._jobs.values() if j.status in ("queued", "running"))
            if pending >= MAX_PENDING:
                raise QueueFull(
                    f"{pending} runs are already waiting: try again when one has finished"
                )
            self._jobs[job.id] = job
            while len(self._jobs) > MAX_JOBS:
                self._jobs.popitem(last=False)

        def progress(done: int, total: int) -> None:
            job.done, job.total = done, total

        def work() -> None:
            job.status = "running"
            try:
                job.result = self.whatif(levers, job.members, progress)
                job.status = "done"
            except Exception as exc:  # reported to the client, never raised in the thread
                job.error = f"{exc.__class__.__name__}: {exc}"
                job.status = "error"
            finally:
                job.finished.set()

        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="realpolitik-run")
            pool = self._pool
        pool.submit(work)
        return job

    def job(self, job_id: str) -> Job | None:
        """A background run by id."""
        return self._jobs.get(job_id)

    def runs(self, session: str) -> list[Job]:
        """The finished runs of browser session ``session`` still kept, oldest first."""
        with self._lock:
            jobs = list(self._jobs.values())
        return [j for j in jobs if session and j.session == session and j.status == "done"]

    def close(self) -> None:
        """Stop the worker thread (the store stays open for the life of the process)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

"""realpolitik: a sourced, runnable model of the East Asian regional order.

The public API is listed in ``__all__`` (sorted; ``tests/test_exported_members.py`` pins it).
Sub-packages hold the rest: :mod:`realpolitik.data` (data sets), :mod:`realpolitik.model`
(domain types), :mod:`realpolitik.engines` (alignment, bargaining, power),
:mod:`realpolitik.scenarios` (levers, ensembles, claims), :mod:`realpolitik.ingest` and
:mod:`realpolitik.store` (evidence), :mod:`realpolitik.report` and :mod:`realpolitik.web`.

Examples
--------
>>> import realpolitik as rp
>>> ds = rp.load_dataset()
>>> ds.name
'east-asia-2025'
>>> float(rp.compromise([4, 7, 10], [1, 1, 1], [0.5, 0.5, 1.0]).forecast)
7.75
"""

import importlib as _importlib
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

from realpolitik.errors import (
    DataError,
    DataValidationError,
    IngestError,
    InputError,
    MissingDependencyError,
    ModelError,
    RealpolitikError,
    ScenarioError,
    SolverError,
    StoreError,
)

if _TYPE_CHECKING:  # the real names, for type checkers and IDEs; at run time they load lazily
    from realpolitik._rng import as_generator, member_seeds
    from realpolitik.data.loader import (
        export_dataset,
        load_dataset,
        validate_dataset,
        write_dataset,
    )
    from realpolitik.engines.alignment import (
        BalanceResult,
        LandscapeResult,
        energy,
        frustration,
        landscape,
    )
    from realpolitik.engines.alignment.propensity import PropensityResult, propensity_matrix
    from realpolitik.engines.bargaining import (
        BargainResult,
        EUMOptions,
        compromise,
        condorcet_median,
        expected_utility,
        median_voter,
        weighted_median,
    )
    from realpolitik.engines.power import CapabilityIndex, capability_index, project_shares
    from realpolitik.ingest.evaluate import evaluate_extraction
    from realpolitik.ingest.pipeline import ingest
    from realpolitik.lenses.compare import compare_lenses
    from realpolitik.model import Dataset
    from realpolitik.report.html import write_report
    from realpolitik.scenarios.catalogue import builtin_scenarios, load_builtin
    from realpolitik.scenarios.main import MainResult, run_all
    from realpolitik.scenarios.runner import EnsembleResult, run_scenario
    from realpolitik.scenarios.spec import ScenarioSpec, load_scenario
    from realpolitik.scenarios.state import System, build_system
    from realpolitik.store.queries import dyad_tone
    from realpolitik.store.repository import open_store
    from realpolitik.web.app import create_app

    __version__: str

# Every other public name loads on first use (PEP 562), so `import realpolitik` pulls in neither
# numpy nor the model types, the data loader, spaCy, SQLAlchemy or FastAPI
# (tests/test_import_time.py pins this; benchmarks/bench_startup.py measures it).
_LAZY = {
    "BalanceResult": "realpolitik.engines.alignment",
    "BargainResult": "realpolitik.engines.bargaining",
    "CapabilityIndex": "realpolitik.engines.power",
    "Dataset": "realpolitik.model",
    "EUMOptions": "realpolitik.engines.bargaining",
    "EnsembleResult": "realpolitik.scenarios.runner",
    "LandscapeResult": "realpolitik.engines.alignment",
    "MainResult": "realpolitik.scenarios.main",
    "PropensityResult": "realpolitik.engines.alignment.propensity",
    "ScenarioSpec": "realpolitik.scenarios.spec",
    "System": "realpolitik.scenarios.state",
    "as_generator": "realpolitik._rng",
    "build_system": "realpolitik.scenarios.state",
    "builtin_scenarios": "realpolitik.scenarios.catalogue",
    "capability_index": "realpolitik.engines.power",
    "compare_lenses": "realpolitik.lenses.compare",
    "compromise": "realpolitik.engines.bargaining",
    "condorcet_median": "realpolitik.engines.bargaining",
    "create_app": "realpolitik.web.app",
    "dyad_tone": "realpolitik.store.queries",
    "energy": "realpolitik.engines.alignment",
    "evaluate_extraction": "realpolitik.ingest.evaluate",
    "expected_utility": "realpolitik.engines.bargaining",
    "export_dataset": "realpolitik.data.loader",
    "frustration": "realpolitik.engines.alignment",
    "ingest": "realpolitik.ingest.pipeline",
    "landscape": "realpolitik.engines.alignment",
    "load_builtin": "realpolitik.scenarios.catalogue",
    "load_dataset": "realpolitik.data.loader",
    "load_scenario": "realpolitik.scenarios.spec",
    "median_voter": "realpolitik.engines.bargaining",
    "member_seeds": "realpolitik._rng",
    "open_store": "realpolitik.store.repository",
    "project_shares": "realpolitik.engines.power",
    "propensity_matrix": "realpolitik.engines.alignment.propensity",
    "run_all": "realpolitik.scenarios.main",
    "run_scenario": "realpolitik.scenarios.runner",
    "validate_dataset": "realpolitik.data.loader",
    "weighted_median": "realpolitik.engines.bargaining",
    "write_dataset": "realpolitik.data.loader",
    "write_report": "realpolitik.report.html",
}


def _version() -> str:
    import importlib.metadata as metadata

    try:
        return metadata.version("realpolitik")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0.0.0+unknown"


def __getattr__(name: str) -> _Any:
    if name == "__version__":
        value: _Any = _version()
    elif name in _LAZY:
        value = getattr(_importlib.import_module(_LAZY[name]), name)
    else:
        raise AttributeError(f"module 'realpolitik' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "BalanceResult",
    "BargainResult",
    "CapabilityIndex",
    "DataError",
    "DataValidationError",
    "Dataset",
    "EUMOptions",
    "EnsembleResult",
    "IngestError",
    "InputError",
    "LandscapeResult",
    "MainResult",
    "MissingDependencyError",
    "ModelError",
    "PropensityResult",
    "RealpolitikError",
    "ScenarioError",
    "ScenarioSpec",
    "SolverError",
    "StoreError",
    "System",
    "__version__",
    "as_generator",
    "build_system",
    "builtin_scenarios",
    "capability_index",
    "compare_lenses",
    "compromise",
    "condorcet_median",
    "create_app",
    "dyad_tone",
    "energy",
    "evaluate_extraction",
    "expected_utility",
    "export_dataset",
    "frustration",
    "ingest",
    "landscape",
    "load_builtin",
    "load_dataset",
    "load_scenario",
    "median_voter",
    "member_seeds",
    "open_store",
    "project_shares",
    "propensity_matrix",
    "run_all",
    "run_scenario",
    "validate_dataset",
    "weighted_median",
    "write_dataset",
    "write_report",
]

"""Web benchmark: what-if latency (1,000 members) and server time per page.

Run: ``.venv/bin/python benchmarks/bench_web.py``. Baseline in the same run: the same
what-if without the app's cache (load the data set and build the system per request, as a
stateless server would). Page times are the app's own ``Server-Timing`` (handler time, no
network), median of 20 requests after one warm-up.
"""

from __future__ import annotations

import statistics
import time
import warnings

warnings.filterwarnings("ignore")

from fastapi.testclient import TestClient  # noqa: E402

from realpolitik.data import load_dataset  # noqa: E402
from realpolitik.report.analysis import analyse  # noqa: E402
from realpolitik.scenarios.catalogue import load_builtin  # noqa: E402
from realpolitik.scenarios.runner import run_scenario  # noqa: E402
from realpolitik.scenarios.spec import ScenarioSpec  # noqa: E402
from realpolitik.scenarios.state import build_system  # noqa: E402
from realpolitik.web.app import create_app  # noqa: E402

LEVERS = [{"id": "rcep_expansion", "intensity": 1.0}, {"id": "us_retrenchment", "intensity": 0.5}]


def _median(f, n: int = 7) -> float:  # type: ignore[no-untyped-def]
    f()
    ts = []
    for _ in range(n):
        t = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t)
    return statistics.median(ts)


def main() -> None:
    t0 = time.perf_counter()
    a = analyse(members=1000)
    startup = time.perf_counter() - t0
    app = create_app("sqlite://", analysis=a, timing=True)
    c = TestClient(app, base_url="http://localhost")
    body = {"levers": LEVERS, "members": 1000}

    cached = _median(lambda: c.post("/api/whatif", json=body).raise_for_status())

    def stateless() -> None:
        sy = build_system(load_dataset())
        base = load_builtin("baseline")
        spec = ScenarioSpec.model_validate(
            {**base.model_dump(mode="json"), "name": "w", "levers": LEVERS}
        )
        run_scenario(spec, system=sy, members=1000)
        run_scenario(base, system=sy, members=1000)

    cold = _median(stateless, 3)
    print("## what-if, 1,000 members (median wall time)\n")
    print("| variant | seconds | target |")
    print("|---|---|---|")
    print(f"| app: POST /api/whatif (cached system and baseline) | {cached:.3f} | <= 1 s |")
    print(f"| baseline: stateless (load data, build system, run both) | {cold:.3f} | - |")
    print(f"\nstartup (baseline + 14 scenarios x 1,000 members, landscape, fan): {startup:.1f} s\n")
    print("## page server time (Server-Timing, median of 20 after warm-up)\n")
    print("| page | ms | target |")
    print("|---|---|---|")
    for path in ["/", "/network", "/lab", "/claims", "/sources", "/ingest", "/api/overview",
                 "/api/network", "/api/relations/ta-rcep-chn-jpn"]:  # fmt: skip
        c.get(path)
        ms = []
        for _ in range(20):
            r = c.get(path)
            r.raise_for_status()
            ms.append(float(r.headers["server-timing"].split("dur=")[1]))
        print(f"| {path} | {statistics.median(ms):.1f} | <= 300 |")


if __name__ == "__main__":
    main()

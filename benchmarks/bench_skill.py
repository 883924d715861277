"""Skill backtest speed (issue 20): the default ``realpolitik backtest`` (asia-pacific, all three
models, both horizons) and ``--region asia-pacific --region world``, in wall and CPU seconds.

Targets: at most 60 s and 180 s on 2 cores. Run from a fresh process each time:
``.venv/bin/python benchmarks/bench_skill.py [--world]``. On a shared machine the CPU seconds
(user + system of this process) are the figure to compare with the targets; the wall time
depends on the load, printed beside it.
"""

from __future__ import annotations

import os
import platform
import sys
import time

from realpolitik.cli.history import backtest_json


def main() -> None:
    regions = ("asia-pacific", "world") if "--world" in sys.argv else ("asia-pacific",)
    print(f"python {platform.python_version()}, {os.cpu_count()} CPUs, load {os.getloadavg()}")
    t, c = time.perf_counter(), time.process_time()
    out = backtest_json(regions=regions)
    wall, cpu = time.perf_counter() - t, time.process_time() - c
    print(f"regions {', '.join(regions)}: {len(out['skill'])} skill rows")
    print(f"wall {wall:.1f} s, CPU {cpu:.1f} s, load after {os.getloadavg()}")


if __name__ == "__main__":
    main()

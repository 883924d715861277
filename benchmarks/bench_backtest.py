"""Backtest speed: ``realpolitik backtest`` defaults against the same run with 1 member.

Defaults: the twelve Asia-Pacific players, base years 1955-2015 every 5 years, horizons 5 and
10, 1,000 members per base year, fitted weights. The 1-member run does everything else the
same (systems, observed alignments, baselines, Europe 1936), so the difference is the
ensemble's cost. Run: ``.venv/bin/python benchmarks/bench_backtest.py [--repeat N]``.
"""

from __future__ import annotations

import os
import platform
import sys
import time

from realpolitik.cli.history import backtest_json


def timed(members: int) -> float:
    t = time.perf_counter()
    backtest_json(members=members)
    return time.perf_counter() - t


def main() -> None:
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 1
    print(f"python {platform.python_version()}, {os.cpu_count()} CPUs, load {os.getloadavg()}")
    backtest_json(members=1, start=2015, stop=2015)  # warm the imports and caches
    for _ in range(repeat):
        one = timed(1)
        full = timed(1000)
        print(f"defaults (1000 members): {full:.1f} s   1 member per base year: {one:.1f} s")
    print(f"load after: {os.getloadavg()}")


if __name__ == "__main__":
    main()

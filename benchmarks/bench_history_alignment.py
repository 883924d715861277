"""Speed of the measured alignment: the CLI for one year of all states, and the whole panel.

Targets (issue 19): ``realpolitik history alignment --year 1985 --json`` for all states in at
most 5 s (a fresh process: imports, file loading, the year, JSON); the default backtest in at
most 60 s (``bench_backtest.py``). Run: ``.venv/bin/python benchmarks/bench_history_alignment.py
[--repeat N]``. Wall and CPU (user + sys) time of each CLI run are printed with the load.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time


def cli_once() -> tuple[float, float]:
    """Wall and CPU seconds of one ``history alignment --year 1985 --json`` process."""
    before = os.times()
    t = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "realpolitik", "history", "alignment", "--year", "1985", "--json"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - t
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu


def main() -> None:
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 3
    print(f"{os.cpu_count()} CPUs, load {os.getloadavg()}")
    for _ in range(repeat):
        wall, cpu = cli_once()
        print(f"history alignment --year 1985 --json: wall {wall:.2f} s, cpu {cpu:.2f} s")
    from realpolitik.history.alignment import alignment_panel, load_alignment_data

    t = time.perf_counter()
    load_alignment_data()
    load = time.perf_counter() - t
    t = time.perf_counter()
    n = len(alignment_panel())
    print(f"load {load:.2f} s; whole panel ({n} pair-years) {time.perf_counter() - t:.2f} s")
    print(f"load after: {os.getloadavg()}")


if __name__ == "__main__":
    main()

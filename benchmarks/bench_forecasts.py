"""Forecast register speed: write a backtest-sized run, then ``forecasts score`` on it.

The run is built like the default backtest's output: the twelve Asia-Pacific players (66
pairs), base years 1955-2015 every 5 years, horizons 5 and 10, six models (landscape, change,
stack, two persistences, base rate): 10,296 pair forecasts with random probabilities. The
score is timed as the command a user runs, in a fresh process (imports, the store, the
measured alignment of every target year, scoring). Target: at most 10 s.
The command's CPU time (user + system) is printed beside its wall time: on a shared machine
the wall time mostly measures the other processes. Run:
``.venv/bin/python benchmarks/bench_forecasts.py [--repeat N] [--db URL]``.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from realpolitik.forecasting.register import record_backtest
from realpolitik.history.players import ASIA_PACIFIC

MODELS = ("landscape", "change", "stack", "persistence", "persistence_smoothed", "base_rate")


def backtest_frame() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    players = sorted(ASIA_PACIFIC)
    rows = [
        (base, h, "asia-pacific", m, a, b)
        for base in range(1955, 2016, 5)
        for h in (5, 10)
        for m in MODELS
        for i, a in enumerate(players)
        for b in players[i + 1 :]
    ]
    frame = pd.DataFrame(rows, columns=["base", "horizon", "region", "model", "a", "b"])
    frame["p"] = rng.random(len(frame))
    return frame


def main() -> None:
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 3
    tmp = tempfile.mkdtemp()
    url = (
        sys.argv[sys.argv.index("--db") + 1] if "--db" in sys.argv else f"sqlite:///{tmp}/r.sqlite"
    )
    print(f"python {platform.python_version()}, {os.cpu_count()} CPUs, load {os.getloadavg()}")
    frame = backtest_frame()
    t = time.perf_counter()
    run = record_backtest(url, frame)
    print(f"record_backtest: {len(frame)} forecasts in {time.perf_counter() - t:.2f} s")
    cmd = [sys.executable, "-m", "realpolitik", "forecasts", "score", "--db", url, "--run", run]
    times, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        out = subprocess.run([*cmd, "--json"], capture_output=True, text=True, check=True)
        times.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        got = json.loads(out.stdout)
        print(
            f"forecasts score: {times[-1]:.2f} s wall, {cpus[-1]:.2f} s CPU "
            f"({got['resolved']} resolved, {got['pending']} pending)"
        )
    print(
        f"median {statistics.median(times):.2f} s wall, {statistics.median(cpus):.2f} s CPU "
        f"over {repeat}; load after {os.getloadavg()}"
    )
    Path(tmp).joinpath("r.sqlite").unlink(missing_ok=True)


if __name__ == "__main__":
    main()

"""Benchmark: ``realpolitik run`` (the main job) end to end, against named baselines.

Each command runs in its own process (``python -m realpolitik ...``) on the built-in data with
the default settings (2,000 members per scenario, 14 scenarios, tipping search with 300
members, Sobol' N = 256, Parquet and the report written). Measured:

- ``run``: the command as users call it (``realpolitik run --out DIR``);
- baseline ``ensembles only``: the same ensembles with no dose-response, no Japan-Korea
  search, no Sobol' analysis, no paths and no "whose choices" (``--tipping-members 0 --sobol 0
  --path-members 0 --choice-members 0``), the cost floor of the job;
- baseline ``main``: ``realpolitik run`` of an earlier source tree given with ``--main-src
  DIR`` (e.g. ``git archive 116677c src | tar -x -C /tmp/rp_main``; ``--main-label`` names
  it);
- ``sensitivity``: ``realpolitik sensitivity baseline --json`` (N = 256).

Reports wall seconds, CPU seconds (user + system of the child: what the command costs on an
otherwise idle core; the job is single-process) and the load average, so the figures can be
read under contention.

Usage: ``.venv/bin/python benchmarks/bench_run.py [--main-src /tmp/rp_main/src]``
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time


def timed(args: list[str], src: str | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of ``python -m realpolitik ARGS`` in a child process."""
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = src
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "realpolitik", *args],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


FLOOR = ("--tipping-members", "0", "--sobol", "0", "--path-members", "0", "--choice-members", "0")
"""Options that leave only the ensembles of ``realpolitik run``."""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--main-src", default=None, help="src/ folder of the main baseline")
    ap.add_argument("--main-label", default="main", help="name of that baseline")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as d:
        print(f"load before: {os.getloadavg()}")
        rows.append(
            (
                "baseline: ensembles only (2000 members each)",
                timed(["run", "--out", f"{d}/a", *FLOOR]),
            )
        )
        if args.main_src:
            rows.append(
                (
                    f"baseline: {args.main_label} realpolitik run",
                    timed(["run", "--out", f"{d}/m"], args.main_src),
                )
            )
        rows.append(("realpolitik run (defaults)", timed(["run", "--out", f"{d}/b"])))
        rows.append(
            (
                "realpolitik sensitivity baseline (N=256)",
                timed(["sensitivity", "baseline", "--json"]),
            )
        )
        print(f"load after: {os.getloadavg()}")
    for label, (wall, cpu) in rows:
        print(f"{label:46s} wall {wall:6.1f} s   CPU {cpu:6.1f} s")


if __name__ == "__main__":
    main()

"""Benchmark: ``realpolitik run`` (the main job) end to end, against a named baseline.

Times, in one process on the built-in data with the default settings (2,000 members per
scenario, 14 scenarios, tipping search with 300 members, Sobol' N = 256, Parquet and the
report written):

- ``run``: the command as users call it (``realpolitik run --out DIR``);
- baseline ``ensembles only``: the same 14 ensembles with no tipping search, no Sobol'
  analysis and no report (``--tipping-members 0 --sobol 0``), i.e. the cost floor of the job.

Also times ``realpolitik sensitivity baseline`` (N = 256). Reports wall and CPU seconds and
the load average, so the figures can be read under contention (the run is single-process:
CPU seconds are the wall time it takes on an idle core).

Usage: ``.venv/bin/python benchmarks/bench_run.py``
"""

from __future__ import annotations

import os
import tempfile
import time

from typer.testing import CliRunner

from realpolitik.cli import app


def timed(args: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds of this process (CPU time is what the command costs on an
    otherwise idle core; wall time depends on the machine's load)."""
    t0, c0 = time.perf_counter(), time.process_time()
    r = CliRunner().invoke(app, args)
    if r.exit_code != 0:
        raise SystemExit(r.output)
    return time.perf_counter() - t0, time.process_time() - c0


def main() -> None:
    with tempfile.TemporaryDirectory() as d:
        print(f"load before: {os.getloadavg()}")
        t_base = timed(["run", "--out", f"{d}/a", "--tipping-members", "0", "--sobol", "0"])
        t_run = timed(["run", "--out", f"{d}/b"])
        t_sens = timed(["sensitivity", "baseline", "--json"])
        print(f"load after: {os.getloadavg()}")
    for label, (wall, cpu) in (
        ("baseline 'ensembles only' (14 x 2000 members)", t_base),
        ("realpolitik run (defaults)", t_run),
        ("realpolitik sensitivity baseline (N=256)", t_sens),
    ):
        print(f"{label:48s} wall {wall:6.1f} s   CPU {cpu:6.1f} s")


if __name__ == "__main__":
    main()

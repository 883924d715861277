"""Certified ``realpolitik align`` at n = 30 and 40: this tree against an older one, one run.

Instances as in ``bench_alignment.py`` (dense random spin glasses, seeds 0-2). Each row runs
``realpolitik align --sizes S.csv --propensities P.csv --json`` (solver auto, a fresh process,
CSV in, JSON out; wall and CPU seconds) with this tree's source and, with ``--before DIR``,
with ``DIR/src`` (e.g. the merge base unpacked by ``git archive REV src | tar -x -C DIR``),
interleaved so machine
load hits both alike. Reports wall time, solver, certification and the energy of both, and
whether they agree. Targets (issue 24): certified at n = 30 in at most 3 s, n = 40 reported
(issue 15's goal: 60 s). The older tree's n = 40 runs only for the seeds in ``--before-40``
(default 0: it stops at its 60 s HiGHS limit).

Run: ``.venv/bin/python benchmarks/bench_align_certified.py [--before DIR] [--repeat N]``.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_alignment import write_instance

RUN_CLI = "import sys; from realpolitik.cli import main; sys.argv[0] = 'realpolitik'; main()"


def run(args: list[str], src: Path) -> tuple[float, float, dict[str, object]]:
    """Wall and CPU seconds (user + system, all threads) of one fresh ``align`` process."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", RUN_CLI, *args], capture_output=True, text=True, env=env, check=True
    )
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, json.loads(out.stdout)


def _arg(name: str, default: str | None) -> str | None:
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def main() -> None:
    before = _arg("--before", None)
    repeat = int(_arg("--repeat", "1") or 1)
    before_40 = {int(s) for s in (_arg("--before-40", "0") or "").split(",") if s}
    here = Path(__file__).resolve().parents[1] / "src"
    trees = {"this": here} | ({"before": Path(before) / "src"} if before else {})
    print(f"load average at the start {os.getloadavg()[0]:.2f}; {os.cpu_count()} cores")
    print(
        "| n | seed | tree | solver | certified | energy | wall (s), median | runs (s) "
        "| CPU (s), median |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as d:
        for n in (30, 40):
            for seed in (0, 1, 2):
                args = write_instance(n, seed, Path(d))
                energies = {}
                for name, src in trees.items():
                    if name == "before" and n == 40 and seed not in before_40:
                        continue
                    walls, cpus = [], []
                    for _ in range(repeat):
                        wall, cpu, out = run(args, src)
                        walls.append(wall)
                        cpus.append(cpu)
                    energies[name] = float(out["global_minimum_energy"])  # type: ignore[arg-type]
                    runs = ", ".join(f"{w:.2f}" for w in walls)
                    print(
                        f"| {n} | {seed} | {name} | {out['solver']} | {out['certified']} | "
                        f"{energies[name]:.9f} | {statistics.median(walls):.2f} | {runs} | "
                        f"{statistics.median(cpus):.2f} |",
                        flush=True,
                    )
                if len(energies) == 2:
                    same = abs(energies["this"] - energies["before"]) < 1e-9
                    print(f"|   |   | same energy: {'yes' if same else 'NO'} | | | | | | |")
    print(f"load average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()

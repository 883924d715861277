"""Alignment engine speed: exact enumeration against the HiGHS MILP on the same instances.

Instances: dense random systems, sizes s_i ~ U(0.1, 1), propensities p_ij = p_ji ~ U(-1, 1)
(every pair non-zero, mixed signs: a Sherrington-Kirkpatrick-like spin glass, the hard case
for max-cut MILPs). Seeds 0, 1, 2 per n. For each instance:

* ``all minima + basins``: :func:`landscape` with ``solver="exact"`` (n <= 24);
* ``enum global min``: :func:`global_minimum` with ``method="enumerate"`` (certified);
* ``MILP global min``: :func:`global_minimum` with ``method="milp"`` (HiGHS, certified when
  optimal within the time limit).

Both global minima are checked to agree. Every figure comes from the same run: at n = 40 the
enumeration is not run and its estimate scales this run's largest measured enumeration time by
``2**(n - n_measured)``. The run prints the crossover it measured (the n at which each method is
faster), which :data:`~realpolitik.engines.alignment.landscape.ENUMERATE_AUTO_MAX` follows, and
the wall time of ``realpolitik align`` (solver auto, a fresh process, CSV input) at n = 30 and 40.

Run: ``.venv/bin/python benchmarks/bench_alignment.py`` (``--quick`` skips n = 32, 34 and 40).
"""

from __future__ import annotations

import csv
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from realpolitik.engines.alignment.landscape import ENUMERATE_AUTO_MAX, global_minimum, landscape


def instance(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    s = rng.uniform(0.1, 1.0, n)
    p = rng.uniform(-1.0, 1.0, (n, n))
    p = np.triu(p, 1)
    return s, p + p.T


def timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t


def write_instance(n: int, seed: int, folder: Path) -> list[str]:
    """The instance as the two CSV files; returns the ``align`` arguments that read them."""
    s, p = instance(n, seed)
    names = [f"A{i:02d}" for i in range(n)]
    sizes, props = folder / f"s{n}_{seed}.csv", folder / f"p{n}_{seed}.csv"
    with sizes.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["actor", "size"])
        w.writerows([a, repr(float(v))] for a, v in zip(names, s, strict=True))
    with props.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["", *names])
        w.writerows([a, *(repr(float(v)) for v in row)] for a, row in zip(names, p, strict=True))
    return ["align", "--sizes", str(sizes), "--propensities", str(props), "--json"]


def align_cli(n: int, seed: int, folder: Path) -> tuple[float, dict[str, object]]:
    """Wall time of ``realpolitik align --sizes --propensities --json`` (solver auto) on the
    instance, as a user runs it: a fresh process, CSV input, JSON output."""
    args = write_instance(n, seed, folder)
    cli = str(Path(sys.executable).with_name("realpolitik"))
    cmd = [cli, *args]
    t = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t
    return wall, json.loads(out.stdout)


def main() -> None:
    quick = "--quick" in sys.argv
    plan = [(20, (0, 1, 2)), (24, (0,)), (30, (0, 1, 2))]
    if not quick:
        plan += [(32, (0,)), (34, (0,)), (40, (0,))]
    global_minimum(*instance(8, 0), method="milp")  # warm-up imports
    rows = []
    enum_t: dict[int, list[float]] = {}
    milp_t: dict[int, list[float]] = {}
    for n, seeds in plan:
        for seed in seeds:
            s, p = instance(n, seed)
            basins = "-"
            if n <= 24:
                res, t_all = timed(landscape, s, p, solver="exact")
                basins = f"{t_all:.2f} s ({len(res.minima)} minima)"
            if n <= 34:
                (e_enum, _, _), t_enum = timed(global_minimum, s, p, method="enumerate")
                enum_t.setdefault(n, []).append(t_enum)
                enum = f"{t_enum:.2f}"
            else:
                e_enum, t_enum = float("nan"), float("nan")
                known = max(enum_t)
                est = statistics.median(enum_t[known]) * 2 ** (n - known)
                enum = f"not run (~{est:.0f}: this run's n = {known} time x 2^{n - known})"
            (e_milp, _, cert), t_milp = timed(global_minimum, s, p, method="milp", time_limit=300.0)
            milp_t.setdefault(n, []).append(t_milp)
            agree = "-" if np.isnan(e_enum) else ("yes" if abs(e_enum - e_milp) < 1e-9 else "NO")
            ratio = "-" if np.isnan(t_enum) else f"{t_milp / t_enum:.2f}"
            rows.append(
                f"| {n} | {seed} | {basins} | {enum} | {t_milp:.2f} | {cert} | {agree} | {ratio} |"
            )
            print(rows[-1], flush=True)
    faster = [n for n in enum_t if statistics.median(enum_t[n]) < statistics.median(milp_t[n])]
    slower = [n for n in enum_t if n not in faster]
    cli_rows = []
    with tempfile.TemporaryDirectory() as d:
        for n, seed in [(30, 0), (30, 1), (30, 2)] + ([] if quick else [(40, 0)]):
            wall, out = align_cli(n, seed, Path(d))
            cli_rows.append(f"| {n} | {seed} | {out['solver']} | {out['certified']} | {wall:.2f} |")
            print(cli_rows[-1], flush=True)
    print()
    print(
        f"Machine: {platform.machine()}, {platform.system()}, Python {platform.python_version()}, "
        f"numpy {np.__version__}; load average at the end {os.getloadavg()[0]:.2f}"
    )
    print()
    print(
        "| n | seed | all minima + basins (exact) | enum global min (s) | MILP global min (s) "
        "| MILP certified | same optimum | MILP / enum |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(r)
    print()
    print(
        f"Crossover in this run: enumeration faster at n = {sorted(faster)}, "
        f"the MILP at n = {sorted(slower)} (median per n); "
        f"landscape(solver='auto') enumerates up to n = {ENUMERATE_AUTO_MAX}."
    )
    print()
    print("| n | seed | `realpolitik align` solver (auto) | certified | wall (s) |")
    print("|---|---|---|---|---|")
    for r in cli_rows:
        print(r)


if __name__ == "__main__":
    main()

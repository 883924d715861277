"""Command-line start-up: `import realpolitik`, `realpolitik --help` and `<command> --help`.

Each is run as a fresh process, interleaved with the baseline ``python -c pass`` in the same run
(so machine load hits both alike), after one untimed warm-up that also writes the bytecode caches
(as an installed package has them). Prints the median and the range of ``--repeat`` runs (default
7) and the same figures less the baseline. Targets (issue 15): ``import realpolitik`` < 0.2 s,
each ``--help`` < 0.3 s wall.

Run: ``.venv/bin/python benchmarks/bench_startup.py [--repeat N]``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

EXE = Path(sys.executable)
CLI = str(EXE.with_name("realpolitik"))
CASES: dict[str, list[str]] = {
    "python -c pass (baseline)": [str(EXE), "-c", "pass"],
    "import realpolitik": [str(EXE), "-c", "import realpolitik"],
    "realpolitik --help": [CLI, "--help"],
    "realpolitik align --help": [CLI, "align", "--help"],
    "realpolitik run --help": [CLI, "run", "--help"],
    "realpolitik data check --help": [CLI, "data", "check", "--help"],
    "realpolitik lens compare --help": [CLI, "lens", "compare", "--help"],
}


def _wall(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t


def main() -> None:
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 7
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for cmd in CASES.values():  # warm-up: page cache and __pycache__
        _wall(cmd, env)
    times: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(repeat):
        for name, cmd in CASES.items():
            times[name].append(_wall(cmd, env))
    base = statistics.median(times["python -c pass (baseline)"])
    print(f"python {sys.version.split()[0]}; load average {os.getloadavg()[0]:.2f}; {repeat} runs")
    print(f"| {'command':34} | median (s) | range (s)   | minus baseline (s) |")
    print(f"|{'-' * 36}|------------|-------------|--------------------|")
    for name, ts in times.items():
        med = statistics.median(ts)
        rng = f"{min(ts):.3f}-{max(ts):.3f}"
        print(f"| {name:34} | {med:10.3f} | {rng:11} | {med - base:18.3f} |")


if __name__ == "__main__":
    main()

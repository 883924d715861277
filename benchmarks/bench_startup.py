"""Command-line start-up: `import realpolitik`, `realpolitik --help` and `<command> --help`.

Each is run as a fresh process, interleaved with the baseline ``python -c pass`` in the same run
(so machine load hits both alike), after one untimed warm-up that also writes the bytecode caches
(as an installed package has them). Prints the median and the range of ``--repeat`` runs (default
7), the same figures less the baseline, and the median as a multiple of the baseline's.
Targets: ``import realpolitik`` < 0.2 s, each ``--help`` < 0.3 s wall (issue 15);
``realpolitik --help`` at most 15 times ``python -c pass`` (issue 24). CPU seconds (user +
system) are printed beside, with their own ratio: less sensitive to other work on the machine.

``--before DIR`` adds the same commands run from another source tree (e.g. an older commit's
``src`` unpacked with ``git archive REV src | tar -x -C DIR``), through ``PYTHONPATH``, in the
same interleaved runs.

Run: ``.venv/bin/python benchmarks/bench_startup.py [--repeat N] [--before DIR]``.
"""

from __future__ import annotations

import os
import resource
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


def _cases(before: str | None) -> dict[str, tuple[list[str], dict[str, str]]]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = {name: (cmd, env) for name, cmd in CASES.items()}
    if before:
        old = {**env, "PYTHONPATH": str(Path(before) / "src")}
        run_cli = "import sys; from realpolitik.cli import main; sys.argv[0] = 'rp'; main()"
        out["before: import realpolitik"] = (CASES["import realpolitik"], old)
        for name, cmd in CASES.items():
            if name.startswith("realpolitik "):
                out[f"before: {name}"] = ([str(EXE), "-c", run_cli, *cmd[1:]], old)
    return out


def _wall(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> None:
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 7
    before = sys.argv[sys.argv.index("--before") + 1] if "--before" in sys.argv else None
    cases = _cases(before)
    for cmd, env in cases.values():  # warm-up: page cache and __pycache__
        _wall(cmd, env)
    times: dict[str, list[float]] = {name: [] for name in cases}
    cpu: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(repeat):
        for name, (cmd, env) in cases.items():
            wall, used = _wall(cmd, env)
            times[name].append(wall)
            cpu[name].append(used)
    base = statistics.median(times["python -c pass (baseline)"])
    base_cpu = statistics.median(cpu["python -c pass (baseline)"])
    print(f"python {sys.version.split()[0]}; load average {os.getloadavg()[0]:.2f}; {repeat} runs")
    print(
        f"| {'command':42} | median (s) | range (s)   | minus baseline (s) | x baseline "
        "| CPU (s) | CPU x baseline |"
    )
    print(f"|{'-' * 44}|------------|-------------|--------------------|------------|---|---|")
    for name, ts in times.items():
        med = statistics.median(ts)
        rng = f"{min(ts):.3f}-{max(ts):.3f}"
        c = statistics.median(cpu[name])
        print(
            f"| {name:42} | {med:10.3f} | {rng:11} | {med - base:18.3f} | {med / base:10.1f} "
            f"| {c:.3f} | {c / base_cpu:.1f} |"
        )


if __name__ == "__main__":
    main()

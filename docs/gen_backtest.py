"""Regenerate the figures and tables of docs/backtest.md (and the timing of docs/benchmarks.md).

Run from the repository root: ``.venv/bin/python docs/gen_backtest.py > /tmp/backtest_tables.md``.
Writes ``docs/img/backtest_reliability.png`` and prints markdown tables on stdout.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import numpy as np

from realpolitik.history.backtest import BacktestResult, pair_arrays, run_backtest
from realpolitik.history.europe1936 import WWII_SIDE, europe_1936
from realpolitik.history.fit import fit_weights
from realpolitik.history.scores import reliability
from realpolitik.history.weights import history_weights

IMG = Path(__file__).resolve().parent / "img" / "backtest_reliability.png"


def _table(res: BacktestResult, title: str) -> None:
    print(f"\n**{title}**\n")
    print(
        "| h | pairs | model | n | accuracy | Brier | log score | ARI | AP "
        "| Brier - landscape [90%] |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for s in res.scores():
        name = s["model"] + (f" ({s['variant']})" if s["variant"] else "")
        cells = [
            "-" if s[k] is None else f"{s[k]:.3f}"
            for k in ("accuracy", "brier", "log_score", "ari", "average_precision")
        ]
        ci = s["brier_diff_ci90"]
        cells.append(
            "-"
            if s["brier_diff"] is None
            else f"{s['brier_diff']:+.3f} [{ci[0]:+.3f}, {ci[1]:+.3f}]"
        )
        print(f"| {s['horizon']} | {s['pairs']} | {name} | {s['n']} | " + " | ".join(cells) + " |")


def _reliability(results: dict[str, BacktestResult]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5.5, 5))
    ax.plot([0, 1], [0, 1], color="grey", lw=1, ls="--", label="perfect calibration")
    print("\n**Reliability (landscape, all rows of both horizons)**\n")
    print("| weights | bin | n | mean p | observed share |")
    print("|---|---|---|---|---|")
    for (label, res), marker in zip(results.items(), "os", strict=False):
        rows = reliability(*pair_arrays(res))
        xs = [r["mean_p"] for r in rows]
        ys = [r["observed"] for r in rows]
        ns = [r["n"] for r in rows]
        for r in rows:
            print(
                f"| {label} | {r['low']:.1f}-{r['high']:.1f} | {r['n']} | "
                f"{r['mean_p']:.3f} | {r['observed']:.3f} |"
            )
        ax.plot(xs, ys, marker=marker, label=f"landscape, {label} weights")
        for x, yv, n in zip(xs, ys, ns, strict=True):
            ax.annotate(str(n), (x, yv), fontsize=6, xytext=(3, -8), textcoords="offset points")
    ax.set_xlabel("forecast probability of being on one side")
    ax.set_ylabel("observed share on one side")
    ax.set_title("Backtest 1955-2015, horizons 5 and 10 years\n(numbers: pairs per bin)")
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    IMG.parent.mkdir(exist_ok=True)
    fig.savefig(IMG, dpi=120)


def main() -> None:
    t0 = time.perf_counter()
    fitted = run_backtest()
    t_default = time.perf_counter() - t0
    t0 = time.perf_counter()
    run_backtest(members=1)
    t_one = time.perf_counter() - t0
    judgement = run_backtest(weights="judgement")
    print(f"timing: defaults {t_default:.1f} s, 1 member {t_one:.1f} s, load {os.getloadavg()}")
    for label, res in (("fitted", fitted), ("judgement", judgement)):
        _table(res, f"{label} weights, all base years 1955-2015")
        _table(res.subset(1955, 1990), f"{label} weights, base years 1955-1990 (in sample)")
        _table(res.subset(1995, 2015), f"{label} weights, base years 1995-2015 (out of sample)")
    _reliability({"fitted": fitted, "judgement": judgement})
    print("\n**Change events**\n")
    print("| base | h | pair | observed | p fitted | p judgement |")
    print("|---|---|---|---|---|---|")
    jev = {(e["base"], e["horizon"], e["a"], e["b"]): e for e in judgement.change_events()}
    for e in fitted.change_events():
        j = jev[(e["base"], e["horizon"], e["a"], e["b"])]
        obs = "same side" if e["observed_same_side"] else "apart"
        print(
            f"| {e['base']} | {e['horizon']} | {e['a']}-{e['b']} | {obs} | "
            f"{e['p_same_side']:.3f} | {j['p_same_side']:.3f} |"
        )
    fit = fit_weights(n_boot=0)
    print("\n**Fit**\n")
    print(
        json.dumps(
            {
                "n_train": fit.n_train,
                "n_test": fit.n_test,
                "test_log_score": fit.test_log_score,
                "judgement_calibration": fit.judgement_calibration,
            }
        )
    )
    fw, jw = history_weights("fitted"), history_weights("judgement")
    lo, hi = np.percentile(fw.draws, [5, 95], axis=0)
    print("\n| term | fitted | 90% bootstrap | judgement |")
    print("|---|---|---|---|")
    for k, t in enumerate(fw.terms):
        print(f"| {t} | {fw.mean[k]:+.3f} | [{lo[k]:+.3f}, {hi[k]:+.3f}] | {jw.mean[k]:+.3f} |")
    print("\n**Europe 1936**\n")
    for w in ("fitted", "judgement"):
        e = europe_1936(w)
        print(
            f"- {w}: {e.correct}/17; predicted Allied bloc {', '.join(e.allied_bloc)}; "
            f"other {', '.join(e.other_bloc) or '(empty)'}; misplaced {', '.join(e.misplaced)}"
        )
    print("\n| state | observed | rule |")
    print("|---|---|---|")
    for a, (allied, why) in WWII_SIDE.items():
        print(f"| {a} | {'Allied' if allied else 'not Allied'} | {why} |")


if __name__ == "__main__":
    main()

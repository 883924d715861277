"""Print the Markdown tables of docs/backtest.md's skill section from `backtest --json` output.

Usage: ``realpolitik backtest --region asia-pacific --region world --ablation --json > out.json``
then ``python docs/gen_skill_tables.py out.json``.
"""

from __future__ import annotations

import json
import sys


def _f(x: float | None, fmt: str = "{:.3f}") -> str:
    return "-" if x is None else fmt.format(x)


def main(path: str) -> None:
    with open(path, encoding="utf-8") as fh:
        d = json.load(fh)
    print(
        "| region | sample | h | model | n | Brier | persistence (which) | BSS [90%] | log score "
        "| AP change | change rate |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for s in d["skill"]:
        lo, hi = _f(s["bss_low"], "{:+.3f}"), _f(s["bss_high"], "{:+.3f}")
        bss = f"{_f(s['bss'], '{:+.3f}')} [{lo}, {hi}]"
        print(
            f"| {s['region']} | {s['sample']} | {s['horizon']} | {s['model']} | {s['n']} | "
            f"{_f(s['brier'], '{:.4f}')} | {_f(s['brier_persistence'], '{:.4f}')} "
            f"({s['persistence']}) | {bss} | {_f(s['log_score'])} | {_f(s['ap_change'])} | "
            f"{_f(s['change_rate'])} |"
        )
    print()
    print("| region | sample | h | model | largest gap (deciles, n >= 50) | n: mean p/observed |")
    print("|---|---|---|---|---|---|")
    for r in d["reliability"]:
        bins = "; ".join(f"{b['n']}: {b['mean_p']:.3f}/{b['observed']:.3f}" for b in r["bins"])
        print(
            f"| {r['region']} | {r['sample']} | {r['horizon']} | {r['model']} | "
            f"{_f(r['max_gap'])} | {bins} |"
        )
    if "ablation" in d:
        print()
        print("| region | h | features | n | BSS | AP change |")
        print("|---|---|---|---|---|---|")
        for a in d["ablation"]:
            print(
                f"| {a['region']} | {a['horizon']} | {a['features']} | {a['n']} | "
                f"{_f(a['bss'], '{:+.3f}')} | {_f(a['ap_change'])} |"
            )
    print()
    print("```json")
    print(json.dumps(d["skill_models"], indent=1))
    print("```")


if __name__ == "__main__":
    main(sys.argv[1])

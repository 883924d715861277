"""Web benchmark in the browser: what-if at 1,000 members from click to result.

Run: ``.venv/bin/python benchmarks/bench_web_browser.py [--runs 7]``. Debian chromium via
Playwright against a live uvicorn server (loopback). Each run: tick two levers, click "Run
ensemble" and wait until the page shows the new run's result (the background run, its
polls and the swap included). Reported: median and worst of the runs after one warm-up
(which also computes the 1,000-member baseline), with the API's own time for the same
what-if (``POST /api/whatif``) as the baseline in the same run, and the machine load.
Also: the report page, first open (built) and second open (cached).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore")

CHROMIUM = os.environ.get("REALPOLITIK_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
LEVERS = ("rcep_expansion", "us_retrenchment")


def _click_to_result(page: object, members: int) -> float:
    p = page  # playwright Page
    prev = p.evaluate(  # type: ignore[attr-defined]
        "() => (document.querySelector('#result') || {dataset: {}}).dataset.job || ''"
    )
    p.fill('input[name="members"]', str(members))  # type: ignore[attr-defined]
    t0 = time.perf_counter()
    p.click("#run-button")  # type: ignore[attr-defined]
    p.wait_for_function(  # type: ignore[attr-defined]
        "(prev) => { const r = document.querySelector('#result');"
        " return r && r.dataset.job && r.dataset.job !== prev && r.dataset.status === 'done'; }",
        arg=prev,
        timeout=120_000,
    )
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--members", type=int, default=1000)
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).is_file():
        print(f"chromium not found at {CHROMIUM}", file=sys.stderr)
        return 1
    import httpx
    from playwright.sync_api import sync_playwright

    from realpolitik.report.analysis import analyse
    from realpolitik.web.app import create_app
    from realpolitik.web.live import live_server

    t0 = time.perf_counter()
    a = analyse(members=args.members)
    startup = time.perf_counter() - t0
    app = create_app("sqlite://", analysis=a, members=args.members)
    load0 = os.getloadavg()
    with live_server(app) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(base + "/lab")
        for lv in LEVERS:
            page.check(f"#lever-{lv}")
        _click_to_result(page, args.members)  # warm-up
        clicks = [_click_to_result(page, args.members) for _ in range(args.runs)]
        body = {"levers": [{"id": lv, "intensity": 1.0} for lv in LEVERS],
                "members": args.members}  # fmt: skip
        api = []
        with httpx.Client(base_url=base, timeout=60) as c:
            for _ in range(args.runs):
                t = time.perf_counter()
                c.post("/api/whatif", json=body).raise_for_status()
                api.append(time.perf_counter() - t)
            t = time.perf_counter()
            c.get("/report.html").raise_for_status()
            report_first = time.perf_counter() - t
            t = time.perf_counter()
            c.get("/report.html").raise_for_status()
            report_again = time.perf_counter() - t
        browser.close()
    load1 = os.getloadavg()
    print(f"## what-if, {args.members:,} members, two levers ({args.runs} runs after warm-up)\n")
    print("| measure | median s | worst s | target |")
    print("|---|---|---|---|")
    print(f"| browser: click to result shown | {statistics.median(clicks):.3f} | "
          f"{max(clicks):.3f} | < 1 s |")  # fmt: skip
    print(f"| baseline: `POST /api/whatif` (same run, no browser) | "
          f"{statistics.median(api):.3f} | {max(api):.3f} | - |")  # fmt: skip
    print(f"\nreport page: first open {report_first:.2f} s, second open {report_again:.3f} s")
    print(f"start-up analysis ({args.members:,} members): {startup:.1f} s")
    print(f"load average (1 min) before/after: {load0[0]:.2f} / {load1[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Regenerate the dashboard screenshots of docs/web.md (Debian chromium via Playwright).

Run: ``.venv/bin/python scripts/web_screenshots.py [--out docs/img] [--members 1000]``.
Starts the app on a free loopback port with a throwaway store holding one synthetic article
of our own and no seed articles (so that no third-party text appears in the docs), then
captures the pages at 1400 px and 390 px wide: overview, network after a pair click, the lab
after a run, claims, a document scrolled to a highlighted sentence, and the message of a
21 MB upload.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("REALPOLITIK_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


SAMPLE = (
    "Allies at odds\n\nOfficials in Tokyo met their counterparts from Seoul on Monday. "
    "The United States imposed sanctions on Japan after a dispute over troop costs. "
    "China and South Korea signed a cooperation agreement in Beijing on Tuesday.\n"
)
"""A synthetic article of our own (the docs show no third-party text)."""


def _shoot(base: str, out: Path) -> list[Path]:
    import httpx
    from playwright.sync_api import sync_playwright

    doc_id = httpx.post(base + "/api/ingest", json={"text": SAMPLE, "title": "Allies at odds"},
                        timeout=120).json()["document_id"]  # fmt: skip
    files: list[Path] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        for width in (1400, 390):
            page = browser.new_page(viewport={"width": width, "height": 900})

            def shot(name: str, full: bool = True, _w: int = width, _p: Any = page) -> None:
                path = out / f"web-{name}-{_w}.png"
                _p.screenshot(path=str(path), full_page=full)
                files.append(path)

            page.goto(base + "/")
            shot("overview")
            page.goto(base + "/network")
            page.wait_for_selector('#cy[data-ready="1"]')
            page.locator('#pair-list button[data-pair="JPN-KOR"]').click()
            page.locator("#edge-panel .pair-title").wait_for()
            shot("network", full=False)
            page.goto(base + "/lab")
            page.check("#lever-jpn_kor_defence_pact")
            page.check("#lever-rcep_expansion")
            page.click("#run-button")
            page.wait_for_selector("#result[data-status=done][data-job]", timeout=60_000)
            page.locator("#run").scroll_into_view_if_needed()
            shot("lab", full=False)
            page.goto(base + "/claims")
            shot("claims", full=False)
            page.goto(base + f"/documents/{doc_id}")
            anchor = page.evaluate(
                "() => [...document.querySelectorAll('.sent')]"
                ".find(e => e.innerText.includes('sanctions')).id"
            )
            page.goto(base + f"/documents/{doc_id}#{anchor}")
            shot("drilldown", full=False)
            page.goto(base + "/ingest")
            page.set_input_files(
                "#ingest-file",
                {"name": "big.txt", "mimeType": "text/plain", "buffer": b"x" * 21_000_000},
            )
            page.click("#ingest-button")
            page.locator("#ingested .error").wait_for()
            shot("ingest-error", full=False)
            page.close()
        browser.close()
    return files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "img")
    ap.add_argument("--members", type=int, default=1000)
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).is_file():
        print(f"chromium not found at {CHROMIUM}", file=sys.stderr)
        return 1
    from realpolitik.report.analysis import analyse
    from realpolitik.web.app import create_app
    from realpolitik.web.live import live_server

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            f"sqlite:///{Path(tmp) / 'evidence.sqlite'}",
            analysis=analyse(members=args.members),
            members=args.members,
            seeds_dir=None,
        )
        with live_server(app) as base:
            files = _shoot(base, args.out)
    for f in files:
        print(f.relative_to(REPO) if f.is_relative_to(REPO) else f)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

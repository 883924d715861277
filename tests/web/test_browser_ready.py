"""Browser tests of issue 24 (Debian's chromium via Playwright, live uvicorn): the cold
start (a fresh server paints its first page at once and fills it in), the two-run
comparison, the lab's keyboard path, and lenses created from the perspectives page at
390 px. Skipped with a message without chromium; a failure under ``CI=true``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.web.conftest import _need_browser, serve
from tests.web.test_browser import ARTIFACTS, focus_moves_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
]

PAINT_BUDGET_MS = 1000
"""The issue's bound: first paint within 1 s of the server's first answer."""


def _page(browser: Any, width: int = 1300) -> Any:
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    p = ctx.new_page()
    errors: list[str] = []
    p.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.console_errors = errors
    return p


def test_cold_start_paints_at_once_and_fills_in(browser: Any, tmp_path: Path) -> None:
    """A fresh server with nothing computed: the first page paints in under 1 s after the
    server's answer, shows progress, and becomes the overview by itself."""
    from realpolitik.web.app import create_app

    app = create_app(f"sqlite:///{tmp_path / 's.sqlite'}", members=100, cache_dir=tmp_path / "c")
    with serve(app, host="127.0.0.1") as port:
        p = _page(browser)
        p.goto(f"http://127.0.0.1:{port}/", wait_until="commit")
        p.wait_for_function(
            "() => performance.getEntriesByName('first-contentful-paint').length > 0",
            timeout=30_000,
        )
        paint = p.evaluate(
            """() => { const nav = performance.getEntriesByType('navigation')[0];
            const fcp = performance.getEntriesByName('first-contentful-paint')[0];
            return {answer: nav.responseStart, paint: fcp ? fcp.startTime : null}; }"""
        )
        assert paint["paint"] is not None, "the first page painted"
        after = paint["paint"] - paint["answer"]
        assert after < PAINT_BUDGET_MS, f"first paint {after:.0f} ms after the first answer"
        if p.locator("#pending").count():  # the analysis takes seconds: progress first
            assert p.locator("#pending-list li").count() >= 1
            ARTIFACTS.mkdir(exist_ok=True)
            p.screenshot(path=str(ARTIFACTS / "cold-start.png"), full_page=True)
        p.locator("#answer").wait_for(timeout=300_000)  # filled in by static/app.js
        assert p.locator("#control-table tbody tr").count() >= 2
        assert p.console_errors == [], p.console_errors  # CSP violations would be here
        p.context.close()
    assert any((tmp_path / "c").glob("analysis-*.pickle")), "persisted for the next start"


@pytest.fixture(scope="module")
def server(analysis: Any, tmp_path_factory: Any) -> Iterator[str]:
    _need_browser()
    from realpolitik.web.app import create_app

    db = tmp_path_factory.mktemp("ready") / "store.sqlite"
    app = create_app(f"sqlite:///{db}", analysis=analysis)
    with serve(app, host="127.0.0.1") as port:
        yield f"http://127.0.0.1:{port}"


def _run(p: Any, lever: str) -> str:
    for box in p.locator("#lab-form input[name=lever]:checked").all():
        box.uncheck()
    p.check(f"#lever-{lever}")
    prev = p.evaluate("() => (document.querySelector('#result') || {}).dataset?.job || ''")
    p.click("#run-button")
    p.wait_for_function(
        "(prev) => { const r = document.querySelector('#result[data-status=done]');"
        " return r && r.dataset.job !== prev; }",
        arg=prev,
        timeout=60_000,
    )
    return str(p.locator("#result").get_attribute("data-job"))


def test_two_runs_compare_side_by_side(browser: Any, server: str) -> None:
    p = _page(browser)
    p.goto(server + "/lab")
    p.fill('input[name="members"]', "200")
    a = _run(p, "rcep_expansion")
    focus_moves_to(p, "result")
    b = _run(p, "jpn_kor_defence_pact")
    assert p.locator("#run-history li[data-job]").count() == 2, "both runs kept"
    p.check(f'#run-history input[value="{a}"]')
    p.check(f'#run-history input[value="{b}"]')
    p.click("#compare-button")
    p.locator("#comparison").wait_for(timeout=10_000)
    focus_moves_to(p, "comparison")
    rows = p.evaluate(
        """() => [...document.querySelectorAll('#compare-outcomes tbody tr')].map(tr =>
          [tr.querySelector('.first-p').innerText, tr.querySelector('.second-p').innerText,
           tr.querySelector('.diff').innerText])"""
    )
    assert rows
    for first, second, diff in rows:
        p1, p2 = float(first.split("%")[0]), float(second.split("%")[0])
        assert abs((p2 - p1) - float(diff.split(" pp")[0])) <= 0.11, (first, second, diff)
    ARTIFACTS.mkdir(exist_ok=True)
    p.screenshot(path=str(ARTIFACTS / "lab-compare.png"), full_page=True)
    assert p.console_errors == []
    p.context.close()


def test_keyboard_path_through_the_lab(browser: Any, server: str) -> None:
    """From the top of the page: Run comes before the first lever in tab order; a lever is
    ticked with Space, the run started with Enter, and the focus lands on the result."""
    p = _page(browser)
    p.goto(server + "/lab")
    order: list[str] = []
    for _ in range(40):
        p.keyboard.press("Tab")
        el = p.evaluate("() => document.activeElement.id || document.activeElement.tagName")
        order.append(el)
        if el.startswith("lever-"):
            break
    assert "run-button" in order, order
    assert order.index("run-button") < len(order) - 1, "Run before the first lever"
    assert len(order) <= 20, f"the first lever is {len(order)} Tab stops down"
    p.keyboard.press("Space")  # tick the first lever
    first = order[-1]
    assert p.is_checked(f"#{first}")
    p.fill('input[name="members"]', "100")
    p.focus("#run-button")
    p.keyboard.press("Enter")
    p.locator("#result[data-status=done]").wait_for(timeout=60_000)
    p.wait_for_function("() => document.activeElement.id === 'result'", timeout=10_000)
    # The glossary answers "members" from the link beside the result's heading.
    p.keyboard.press("Tab")
    assert p.evaluate("() => document.activeElement.getAttribute('href')") == "#g-members"
    p.keyboard.press("Enter")
    assert p.locator("#glossary").evaluate("d => d.open"), "the glossary opens at the term"
    assert p.console_errors == []
    p.context.close()


def test_lens_created_from_the_perspectives_page_at_390_px(browser: Any, server: str) -> None:
    p = _page(browser, width=390)
    p.goto(server + "/perspectives")
    over = p.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert over <= 1, f"the page is {over} px wider than 390 px"
    if not p.locator("#new-lens").evaluate("d => d.open"):
        p.click("#new-lens summary")
    p.fill('#lens-form input[name="name"]', "recent")
    p.fill('#lens-form input[name="since"]', "2025-03")
    p.click("#lens-create", no_wait_after=True)
    p.wait_for_url("**/perspectives?created=recent", timeout=30_000)
    # The comparison runs in the background: the page shows progress, then fills in.
    p.locator("#lens-created").wait_for(timeout=300_000)
    assert "recent" in p.locator("#lens-created").inner_text()
    assert p.locator('#perspectives-form input[value="recent"]').count() == 1
    over = p.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert over <= 1, f"with a lens the page is {over} px wider than 390 px"
    ARTIFACTS.mkdir(exist_ok=True)
    p.screenshot(path=str(ARTIFACTS / "perspectives-390.png"), full_page=True)
    assert p.console_errors == []
    p.context.close()

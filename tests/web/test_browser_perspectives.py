"""Browser test of the perspectives page (chromium via Playwright, live uvicorn).

Marked like ``test_browser.py``: skipped with a message when chromium is absent, a failure
under ``CI=true``. The screenshot goes to ``test-artifacts/perspectives.png``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from tests.web.conftest import ARGS, CHROMIUM, _need_browser, serve
from tests.web.lens_store import make_lens_store
from tests.web.test_browser import ARTIFACTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
]


@pytest.fixture(scope="module")
def lens_server(analysis: Any, tmp_path_factory: Any) -> Iterator[tuple[str, dict[str, int]]]:
    _need_browser()
    from realpolitik.web.app import create_app

    url, ids = make_lens_store(tmp_path_factory.mktemp("persp_browser"))
    with serve(create_app(url, analysis=analysis)) as port:
        yield f"http://127.0.0.1:{port}", ids


def test_perspectives_page_links_to_the_sentence(
    lens_server: tuple[str, dict[str, int]],
) -> None:
    from playwright.sync_api import sync_playwright

    base, ids = lens_server
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "/")
        page.click('nav a[href="/perspectives"]')
        page.wait_for_url("**/perspectives")
        # The comparison runs in the background: progress first, the table when ready.
        page.locator("#perspectives-table").wait_for(timeout=300_000)
        assert page.locator("#perspectives-table tbody tr").count() >= 2
        assert page.locator("#perspectives-table thead th").count() == 2 + 3
        hostile = page.locator(f'blockquote.evidence[data-document="{ids["quarrel"]}"]').first
        assert "<script>window.__pwned=4</script>" in hostile.inner_text(), "shown as text"
        assert page.evaluate("() => window.__pwned === undefined"), "never run"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "perspectives.png"), full_page=True)
        hostile.locator("a").click()
        page.wait_for_url(f"**/documents/{ids['quarrel']}#s*")
        anchor = page.url.split("#")[1]
        assert page.locator(f"#{anchor}").count() == 1, "the cited sentence has its anchor"
        assert page.evaluate("() => window.__pwned === undefined")
        assert errors == []
        browser.close()

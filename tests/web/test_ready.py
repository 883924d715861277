"""Ready when opened: background data sets, their persistence per data hash, the progress
page and its status endpoint; the lab's run history and comparison; lenses from the page."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from tests.web.conftest import BASE_URL, TESTCLIENT_WARNING

from realpolitik.web.background import Background, NotReady, Precompute

pytestmark = pytest.mark.filterwarnings(TESTCLIENT_WARNING)


def _counting(calls: list[str], gate: threading.Event | None = None) -> Any:
    def compute(state: Any, progress: Any) -> dict[str, int]:
        progress("working", 0, 2)
        if gate is not None:
            gate.wait(10)
        calls.append("computed")
        progress("working", 2, 2)
        return {"answer": len(calls)}

    return compute


def test_background_persists_per_key_and_reloads_without_computing(tmp_path: Path) -> None:
    calls: list[str] = []
    task = Precompute("x", "a test value", _counting(calls))
    first = Background(object(), [task], tmp_path, key=lambda: "k1")  # type: ignore[arg-type]
    first.start()
    assert first.wait("x", 10) == {"answer": 1}
    assert first.status()["datasets"]["x"]["from_disk"] is False
    again = Background(object(), [task], tmp_path, key=lambda: "k1")  # type: ignore[arg-type]
    assert again.load_persisted() == 1, "loaded on the caller's thread, before serving"
    assert again.ready("x") and again.wait("x", 0) == {"answer": 1}
    assert again.status()["datasets"]["x"]["from_disk"] is True
    assert calls == ["computed"], "a restart with the same key computes nothing"
    other = Background(object(), [task], tmp_path, key=lambda: "k2")  # type: ignore[arg-type]
    assert other.load_persisted() == 0
    other.start()
    assert other.wait("x", 10) == {"answer": 2}, "another data hash: computed afresh"


def test_a_corrupt_cache_file_is_recomputed(tmp_path: Path) -> None:
    calls: list[str] = []
    task = Precompute("x", "a test value", _counting(calls))
    (tmp_path / "x-k.pickle").write_bytes(b"not a pickle")
    bg = Background(object(), [task], tmp_path, key=lambda: "k")  # type: ignore[arg-type]
    bg.load_persisted()
    bg.start()
    assert bg.wait("x", 10) == {"answer": 1} and calls == ["computed"]


def test_not_ready_while_running_and_failures_are_reported(tmp_path: Path) -> None:
    gate = threading.Event()
    calls: list[str] = []

    def broken(state: Any, progress: Any) -> None:
        raise ValueError("no data")

    bg = Background(
        object(),  # type: ignore[arg-type]
        [Precompute("slow", "slow", _counting(calls, gate)), Precompute("bad", "bad", broken)],
    )
    bg.start()
    with pytest.raises(NotReady):
        bg.wait("slow", 0.05)
    st = bg.status()
    assert st["ready"] is False and st["datasets"]["slow"]["status"] == "running"
    assert st["datasets"]["slow"]["stage"] == "working"
    gate.set()
    assert bg.wait("slow", 10) == {"answer": 1}
    with pytest.raises(RuntimeError, match="no data"):
        bg.wait("bad", 10)
    assert bg.status()["datasets"]["bad"]["error"] == "ValueError: no data"


def test_pages_answer_at_once_and_fill_in(analysis: Any, tmp_path: Path) -> None:
    """The analysis is given; the report is computed in the background: /report.html shows
    its progress (200, the status script, no wait) until it is ready, then the report."""
    from fastapi.testclient import TestClient

    from realpolitik.web.app import create_app

    app = create_app(
        f"sqlite:///{tmp_path / 's.sqlite'}", analysis=analysis, cache_dir=tmp_path / "c"
    )
    with TestClient(app, base_url=BASE_URL) as c:
        first = c.get("/report.html")
        status = c.get("/api/status").json()
        assert set(status["datasets"]) >= {"analysis", "scenario_sources", "report"}
        assert status["datasets"]["analysis"]["status"] == "ready", "given: ready at once"
        if 'id="pending"' in first.text:  # the usual case: the report takes seconds
            assert first.status_code == 200 and "/static/app.js" in first.text
            assert 'data-needs="report"' in first.text, "only what is missing"
        for _ in range(1200):
            if c.get("/api/status").json()["ready"]:
                break
            time.sleep(0.1)
        full = c.get("/report.html")
        assert full.status_code == 200 and 'id="pending"' not in full.text
        assert "<svg" in full.text
        assert c.get("/api/health").json()["baseline_cached"] is True
    assert any((tmp_path / "c").glob("report-*.pickle")), "persisted for the next start"


def _run(c: Any, lever: str) -> str:
    r = c.post("/lab/run", data={"lever": [lever], "members": "60"}, headers={"HX-Request": "1"})
    jid = re.search(r'data-job="([0-9a-f]+)"', r.text)
    assert jid, r.text[:300]
    for _ in range(600):
        page = c.get(f"/lab/run/{jid.group(1)}").text
        if 'data-status="done"' in page:
            assert 'id="run-history" class="run-history" hx-swap-oob="true"' in page
            return jid.group(1)
        time.sleep(0.05)
    raise AssertionError("the run did not finish")


def _cells(html: str, cls: str) -> dict[str, str]:
    return dict(re.findall(rf'<td class="num {cls}" data-key="([^"]+)">([^<]*)', html))


def test_runs_are_kept_per_session_and_two_compare(make_client: Any) -> None:
    c = make_client()
    a, b = _run(c, "rcep_expansion"), _run(c, "jpn_kor_defence_pact")
    lab = c.get("/lab").text
    assert lab.index(f'value="{a}"') < lab.index(f'value="{b}"'), "history, oldest first"
    assert lab.index('id="run-button"') < lab.index('name="lever"'), "Run above the levers"
    assert '<details class="why">' in lab, "lever descriptions fold"
    assert 'id="g-sobol"' in lab and 'id="g-seed"' in lab, "glossary"
    other = make_client()
    assert f'value="{a}"' not in other.get("/lab").text, "another session's runs are not listed"
    cmp = c.get(f"/lab/compare?run={a}&run={b}")
    assert cmp.status_code == 200
    res = {j: c.get(f"/api/runs/{j}").json()["result"] for j in (a, b)}
    first, second, diff = (_cells(cmp.text, k) for k in ("first-p", "second-p", "diff"))
    assert first and set(first) == set(second) == set(diff)
    for key, d in diff.items():
        part = "control" if key in res[a]["control"] else "outcomes"
        p1 = res[a][part][key]["scenario"]["p"]
        p2 = res[b][part][key]["scenario"]["p"]
        assert float(d.split(" pp")[0]) == pytest.approx(100 * (p2 - p1), abs=0.051), key
    assert c.get(f"/lab/compare?run={a}").status_code == 422
    assert c.get(f"/lab/compare?run={a}&run=nope").status_code == 404


def test_claims_sharing_levers_are_marked(make_client: Any, analysis: Any) -> None:
    page = make_client().get("/claims").text
    claims = [c.as_dict() for c in analysis.main.claims]
    sets = [tuple(sorted(c["levers"])) for c in claims]
    shared = {s for s in sets if s and sets.count(s) > 1}
    marks = re.findall(r'class="shared-lever" data-group="([A-Z*])"', page)
    assert len(marks) == sum(1 for s in sets if s in shared)


def test_lenses_are_created_from_the_page(store_client: Any) -> None:
    c = store_client
    page = c.get("/perspectives").text
    assert 'id="lens-form"' in page and 'name="csrf_token"' in page
    token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page)
    assert token
    form = {"name": "recent", "outlets": "TA, Other", "since": "2025-03",
            "csrf_token": token.group(1)}  # fmt: skip
    c.headers.pop("X-CSRF-Token", None)  # the plain form's own field
    r = c.post("/perspectives/lenses", data=form, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/perspectives?created=recent"
    again = c.post("/perspectives/lenses", data=form)
    assert again.status_code == 422 and "already exists" in again.text
    bad = c.post("/perspectives/lenses", data={**form, "name": "x2", "since": "March"})
    assert bad.status_code == 422 and "--since" in bad.text and 'value="March"' in bad.text
    api = c.post("/api/lenses", json={"name": "all", "note": "every document"})
    assert api.status_code == 201 and api.json()["describe"] == "all documents"
    from realpolitik.lenses.storage import list_lenses

    names = {x.name for x in list_lenses(c.app.state.rp.store)}
    assert names == {"recent", "all"}

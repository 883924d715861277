"""The perspectives page and ``GET /api/perspectives`` (TestClient), on two synthetic lenses."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.web.conftest import BASE_URL, TESTCLIENT_WARNING
from tests.web.lens_store import QUARREL_SENTENCE, THAW_SENTENCE, make_lens_store

from realpolitik.scenarios.catalogue import builtin_scenarios
from realpolitik.scenarios.outcomes import CONTENDERS

pytestmark = pytest.mark.filterwarnings(TESTCLIENT_WARNING)

N = 20  # members per ensemble: enough to exercise every path, fast


@pytest.fixture(scope="module")
def lens_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, int]]:
    return make_lens_store(tmp_path_factory.mktemp("persp"))


@pytest.fixture()
def client(analysis: Any, lens_db: tuple[str, dict[str, int]]) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from realpolitik.web.app import create_app

    app = create_app(lens_db[0], analysis=analysis, max_members=500, precompute=False)
    with TestClient(app, base_url=BASE_URL) as c:
        yield c


def test_api_compares_every_stored_lens(client: Any, lens_db: tuple[str, dict[str, int]]) -> None:
    ids = lens_db[1]
    r = client.get(f"/api/perspectives?members={N}")
    assert r.status_code == 200, r.text
    res = r.json()
    assert res["lenses"] == ["baseline", "quarrel", "thaw"]
    assert res["members"] == N
    assert res["table"][0]["scenario"] == "baseline"
    assert {row["scenario"] for row in res["table"]} == {"baseline", *builtin_scenarios()}
    for row in res["table"]:
        for ctl in row["who_controls"].values():
            assert set(ctl) == set(CONTENDERS)
            assert sum(ctl.values()) == pytest.approx(1.0, abs=1e-3)
    # The hostile act between allies lowers US-Japan propensity, and its sentence is the cause.
    top = next(d for d in res["propensity_differences"] if d["dyad"] in ("USA-JPN", "JPN-USA"))
    att = top["attribution"]["quarrel"]
    assert att["delta_vs_baseline"] < 0
    assert att["items"][0]["text"] == QUARREL_SENTENCE
    assert att["items"][0]["document_id"] == ids["quarrel"]
    assert "thaw" not in top["attribution"], "the thaw article says nothing about US-Japan"
    assert res["documents"][str(ids["quarrel"])]["title"] == "allies_at_odds.txt"
    cov = res["coverage"]
    assert [(x["a"], x["b"]) for x in cov["quarrel"]["dyads_with_evidence"]] == [("JPN", "USA")]
    assert [(x["a"], x["b"]) for x in cov["thaw"]["dyads_with_evidence"]] == [("CHN", "KOR")]


def test_lens_filter_and_cache(client: Any) -> None:
    state = client.app.state.rp

    def cached() -> int:
        return sum(1 for k in state.cache.entries() if k[0] == "perspectives")

    one = client.get(f"/api/perspectives?lens=thaw&members={N}").json()
    assert one["lenses"] == ["baseline", "thaw"]
    assert cached() == 1
    again = client.get(f"/api/perspectives?lens=thaw&lens=thaw&members={N}").json()
    assert again == one and cached() == 1, "served from the cache"
    client.get(f"/api/perspectives?lens=thaw&members={N + 10}")
    assert cached() == 2, "another member count is another comparison"
    # New evidence makes the cached comparison stale.
    r = client.post("/api/ingest", json={"text": "Japan and China held talks in Tokyo on Friday."})
    assert r.status_code == 200
    client.get(f"/api/perspectives?lens=thaw&members={N}")
    assert cached() == 3
    assert len(state.cache) <= state.cache.max_entries, "one bounded cache"


def test_api_errors_are_clear(client: Any, analysis: Any, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from realpolitik.web.app import create_app

    r = client.get("/api/perspectives?lens=nope")
    assert r.status_code == 404
    assert "nope" in r.json()["detail"] and "quarrel" in r.json()["detail"]
    assert client.get("/api/perspectives?members=5").status_code == 422
    assert client.get("/api/perspectives?members=1000").status_code == 422, "server cap 500"
    assert client.get("/api/perspectives?members=100000").status_code == 422
    assert client.get("/api/perspectives?lens=baseline").status_code == 422
    many = "&".join(f"lens=l{i}" for i in range(9))
    assert client.get(f"/api/perspectives?{many}").status_code == 422
    empty = create_app(f"sqlite:///{tmp_path / 'empty.sqlite'}", analysis=analysis)
    with TestClient(empty, base_url=BASE_URL) as e:
        r = e.get("/api/perspectives")
        assert r.status_code == 404 and "lens create" in r.json()["detail"]
        page = e.get("/perspectives")
        assert page.status_code == 200
        assert 'id="no-lenses"' in page.text and "realpolitik lens create" in page.text
        assert e.get("/perspectives?lens=nope").status_code == 404


def test_page_links_to_the_evidence_sentence(
    client: Any, lens_db: tuple[str, dict[str, int]]
) -> None:
    ids = lens_db[1]
    res = client.get(f"/api/perspectives?members={N}").json()
    page = client.get(f"/perspectives?members={N}")
    assert page.status_code == 200
    html = page.text
    assert 'href="/perspectives"' in html and 'class="active"' in html
    assert 'id="perspectives-table"' in html and 'id="coverage-table"' in html
    for ln in ("baseline", "quarrel", "thaw"):
        assert f"<th>{ln}</th>" in html
    item = next(
        d["attribution"]["quarrel"]["items"][0]
        for d in res["propensity_differences"]
        if "quarrel" in d["attribution"]
    )
    link = f"/documents/{ids['quarrel']}#s{item['sentence_id']}"
    assert f'href="{link}"' in html
    doc = client.get(link.split("#")[0])
    assert doc.status_code == 200
    assert f'id="s{item["sentence_id"]}"' in doc.text, "the document page has the anchor"
    assert THAW_SENTENCE in html
    # The nav of every page leads here.
    assert 'href="/perspectives"' in client.get("/claims").text


def test_hostile_markup_in_evidence_is_escaped(client: Any) -> None:
    html = client.get(f"/perspectives?members={N}").text
    assert "<script>window.__pwned" not in html
    assert "&lt;script&gt;window.__pwned=4&lt;/script&gt;" in html

"""JSON API and pages through FastAPI's TestClient."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from tests.web.conftest import HOSTILE, TESTCLIENT_WARNING

from realpolitik.scenarios.outcomes import CONTENDERS

pytestmark = pytest.mark.filterwarnings(TESTCLIENT_WARNING)


def test_overview_probabilities_are_distributions(make_client: Any, analysis: Any) -> None:
    c = make_client()
    body = c.get("/api/overview").json()
    assert body["members"] == analysis.members
    assert set(body["who_controls"]) == {"baseline", *analysis.main.runs}
    for ctl in body["who_controls"].values():
        assert set(ctl) == set(CONTENDERS)
        assert sum(e["p"] for e in ctl.values()) == pytest.approx(1.0)
        for e in ctl.values():
            assert e["low"] <= e["p"] <= e["high"]


def test_overview_shows_what_drives_the_answer(make_client: Any, analysis: Any) -> None:
    c = make_client()
    drivers = c.get("/api/overview").json()["drivers"]
    assert drivers is not None and drivers["indices"], "the drivers table is never empty"
    assert {r["input"] for r in drivers["indices"]} == {
        r["input"] for r in analysis.main.sobol.as_dict()["indices"]
    }
    st = [r["ST"] for r in drivers["indices"]]
    assert st == sorted(st, reverse=True)
    page = c.get("/").text
    assert 'id="drivers-table"' in page and drivers["indices"][0]["input"] in page


def test_whatif_rows_say_why_an_outcome_is_fixed(make_client: Any) -> None:
    res = make_client().post("/api/whatif", json={"levers": [], "members": 200}).json()
    for oid, row in res["outcomes"].items():
        p = row["scenario"]["p"]
        if "fixed_reason" in row:  # only an outcome held at one value in both runs
            assert p in (0.0, 1.0), oid
            assert row["fixed_reason"].startswith("fixed under the model"), oid
    # the built-in catalogue has outcomes no sampled input moves (docs/scenarios.md)
    assert any("fixed_reason" in row for row in res["outcomes"].values())


def test_network_edges_join_nodes_and_china_anchors_bloc_zero(make_client: Any) -> None:
    net = make_client().get("/api/network").json()
    ids = {n["id"] for n in net["nodes"]}
    assert net["relations"], "the built-in data has relations among the players"
    assert all(r["a"] in ids and r["b"] in ids for r in net["relations"])
    assert next(n for n in net["nodes"] if n["id"] == "CHN")["bloc"] == 0
    assert sum(n["share"] for n in net["nodes"]) == pytest.approx(1.0)


def test_relation_evidence_quotes_the_article(make_client: Any, analysis: Any, seeds: Any) -> None:
    if seeds is None:
        pytest.skip("../shared/seeds is absent")
    ds = analysis.dataset
    rel = next(r for r in ds.relations if "seed003" in r.source_ids)
    ev = make_client().get(f"/api/relations/{rel.id}").json()
    assert (ev["kind"], ev["sign"], ev["a"], ev["b"]) == (rel.kind, rel.sign, rel.a, rel.b)
    art = next(s for s in ev["sources"] if s["id"] == "seed003")
    assert art["sentences"], "a sentence naming both actors exists in seed 003"
    text = (seeds / art["file"]).read_text(encoding="utf-8")
    for q in art["sentences"]:
        assert text[q["start"] : q["end"]] == q["text"]


def test_unknown_ids_are_404(make_client: Any) -> None:
    c = make_client()
    assert c.get("/api/relations/no-such-relation").status_code == 404
    assert c.get("/api/runs/nope").status_code == 404
    assert c.get("/api/documents/987654").status_code == 404
    assert c.get("/documents/not-a-number").status_code == 422


def test_empty_whatif_is_the_baseline(make_client: Any, analysis: Any) -> None:
    res = make_client().post("/api/whatif", json={"levers": [], "members": 200}).json()
    assert res["paired"] is True
    for oid, row in res["outcomes"].items():
        assert row["scenario"] == row["baseline"], oid
        assert row["lift"]["p"] == 0.0


def test_lever_moves_an_outcome(make_client: Any) -> None:
    c = make_client()
    res = c.post(
        "/api/whatif", json={"levers": [{"id": "rcep_expansion", "intensity": 1.0}], "members": 200}
    ).json()
    moved = [o for o, r in res["outcomes"].items() if r["lift"]["low"] > 0 or r["lift"]["high"] < 0]
    assert moved, "RCEP expansion changes at least one outcome beyond its interval"


def test_bad_whatif_bodies_are_422(make_client: Any) -> None:
    c = make_client()
    assert c.post("/api/whatif", json={"levers": [{"id": "no_such_lever"}]}).status_code == 422
    assert c.post("/api/whatif", json={"members": 10**9}).status_code == 422
    assert c.post("/api/whatif", json={"members": 6000}).status_code == 422, "bounded"
    assert (
        c.post("/api/whatif", json={"levers": [{"id": "rcep_expansion", "intensity": 5}]})
    ).status_code == 422


def test_background_run_matches_the_synchronous_one(make_client: Any) -> None:
    c = make_client()
    body = {"levers": [{"id": "taiwan_unification", "intensity": 0.7}], "members": 300}
    job = c.post("/api/runs", json=body)
    assert job.status_code == 202
    jid = job.json()["id"]
    for _ in range(200):
        st = c.get(f"/api/runs/{jid}").json()
        if st["status"] in ("done", "error"):
            break
        time.sleep(0.05)
    assert st["status"] == "done", st["error"]
    assert st["done"] == st["total"] == 300
    sync = c.post("/api/whatif", json=body).json()
    assert st["result"]["outcomes"] == sync["outcomes"]


def test_pages_render(make_client: Any) -> None:
    c = make_client()
    for path, marker in [
        ("/", 'id="answer"'),
        ("/network", 'id="cy"'),
        ("/lab", 'id="lab-form"'),
        ("/claims", 'id="claims-table"'),
        ("/sources", "Sources of the data set"),
        ("/ingest", 'id="ingest-form"'),
    ]:
        r = c.get(path)
        assert r.status_code == 200, path
        assert marker in r.text, path
        assert "https://" not in r.text.split("<main")[0], "no CDN in the page head"


def test_lab_run_answers_at_once_when_fast(make_client: Any) -> None:
    c = make_client(lab_waits=(30.0, 0.5))
    r = c.post("/lab/run", data={"lever": ["rcep_expansion"], "members": "100"})
    assert 'id="result"' in r.text and 'data-status="done"' in r.text, "no poll needed"
    assert "same 100 members" in r.text


def test_lab_form_runs_in_background(make_client: Any) -> None:
    c = make_client(lab_waits=(0.0, 0.0))
    r = c.post("/lab/run", data={"lever": ["rcep_expansion"], "intensity_rcep_expansion": "1.5"})
    assert 'hx-target="this"' in r.text, "the progress fragment replaces itself, not #run"
    assert r.status_code == 200
    jid = r.text.split('hx-get="/lab/run/')[1].split('"')[0]
    for _ in range(200):
        page = c.get(f"/lab/run/{jid}").text
        if 'id="result"' in page:
            break
        time.sleep(0.05)
    assert 'data-status="done"' in page
    assert "scenario-p" in page


def test_static_assets_are_local_and_traversal_fails(make_client: Any) -> None:
    c = make_client()
    assert c.get("/static/vendor/htmx.min.js").status_code == 200
    assert c.get("/static/vendor/cytoscape.min.js").status_code == 200
    for bad in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2Fapp.py"):
        assert c.get(bad).status_code == 404, bad


def test_hostile_article_is_escaped(store_client: Any) -> None:
    c = store_client
    r = c.post("/api/ingest", json={"text": HOSTILE, "title": '<b onmouseover="x">t</b>'})
    assert r.status_code == 200, r.text
    doc_id = r.json()["document_id"]
    page = c.get(f"/documents/{doc_id}").text
    assert "<script>document.title" not in page
    assert "&lt;script&gt;document.title" in page
    assert "<img src=x onerror" not in page
    assert "<b onmouseover" not in page
    listing = c.get("/sources").text
    assert "<b onmouseover" not in listing and "&lt;b onmouseover" in listing


def test_ingest_upload_yields_evidence(store_client: Any) -> None:
    c = store_client
    files = {"upload": ("note.txt", HOSTILE.encode(), "text/plain")}
    r = c.post("/ingest", files=files, data={"title": "uploaded"})
    assert r.status_code == 200
    assert 'id="ingest-result"' in r.text
    doc = c.get("/api/documents/1").json()
    # The summary counts what the page lists (coded events), uncodable ones apart.
    coded = r.text.split(" coded events")[0].rsplit(", ", 1)[-1]
    assert int(coded) == len(doc["events"])
    assert r.text.count("<tr><td>") == len(doc["events"]), "one table row per counted event"
    assert doc["mentions"], "the pipeline finds Seoul, Tokyo, China, Japan"
    assert "".join(s["text"] for s in doc["segments"]) == doc["text"]
    again = c.post("/api/ingest", json={"text": HOSTILE}).json()
    assert again["duplicate"] is True and again["document_id"] == 1


def test_upload_size_limit(make_client: Any) -> None:
    c = make_client(max_upload_bytes=1000)
    big = "Japan and China met. " * 200
    r = c.post("/api/ingest", json={"text": big})
    assert r.status_code == 413
    files = {"upload": ("big.txt", big.encode(), "text/plain")}
    r = c.post("/ingest", files=files, headers={"HX-Request": "true"})
    assert r.status_code == 413
    assert 'class="error"' in r.text and "too large" in r.text, "a readable message in place"
    huge = {"upload": ("huge.txt", b"x" * 200_000, "text/plain")}
    r = c.post("/ingest", files=huge, headers={"HX-Request": "true"})
    assert r.status_code == 413 and 'role="alert"' in r.text, "cut off by the guard, as HTML"


def test_token_guards_every_write(make_client: Any) -> None:
    c = make_client(token="s3cret")
    body = {"levers": [], "members": 200}
    assert c.post("/api/whatif", json=body).status_code == 401
    assert c.post("/api/runs", json=body).status_code == 401
    assert c.post("/api/ingest", json={"text": "x"}).status_code == 401
    assert c.post("/lab/run", data={}).status_code == 401
    assert c.post("/ingest", data={"text": "x"}).status_code == 401
    bad = {"X-Realpolitik-Token": "wrong"}
    assert c.post("/api/whatif", json=body, headers=bad).status_code == 401
    ok = {"X-Realpolitik-Token": "s3cret"}
    assert c.post("/api/whatif", json=body, headers=ok).status_code == 200
    auth = {"Authorization": "Bearer s3cret"}
    assert c.post("/api/whatif", json=body, headers=auth).status_code == 200
    assert c.get("/api/overview").status_code == 200, "reading needs no token"
    c.get("/?token=s3cret")  # sets the HttpOnly cookie
    assert c.post("/api/whatif", json=body).status_code == 200


def test_cross_origin_writes_are_refused(make_client: Any) -> None:
    c = make_client()
    r = c.post("/api/whatif", json={"levers": []}, headers={"Origin": "http://evil.example"})
    assert r.status_code == 403


def test_openapi_published(make_client: Any) -> None:
    spec = make_client().get("/openapi.json").json()
    assert "/api/whatif" in spec["paths"] and "/api/relations/{relation_id}" in spec["paths"]
    assert "/lab/run" not in spec["paths"], "pages stay out of the API schema"


def test_report_download(make_client: Any) -> None:
    r = make_client().get("/report.html")
    assert r.status_code == 200 and "<script" not in r.text


def test_serve_refuses_public_bind_without_token(monkeypatch: Any) -> None:
    from typer.testing import CliRunner

    from realpolitik.cli import app

    monkeypatch.delenv("REALPOLITIK_TOKEN", raising=False)
    r = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0"])
    assert r.exit_code == 1
    assert "token" in r.output.lower()


def test_safe_child_refuses_traversal(tmp_path: Path) -> None:
    from realpolitik.web.evidence import safe_child

    (tmp_path / "ok.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    assert safe_child(tmp_path, "ok.txt") == (tmp_path / "ok.txt").resolve()
    for bad in ("../ok.txt", "sub/../ok.txt", "/etc/passwd", "", ".hidden", "sub", "a\x00b"):
        assert safe_child(tmp_path, bad) is None, bad


def test_serve_passes_allowed_hosts_and_seeds(monkeypatch: Any, tmp_path: Path) -> None:
    import uvicorn
    from typer.testing import CliRunner

    from realpolitik.cli import app

    served: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda a, **kw: served.append(a))
    monkeypatch.setenv("REALPOLITIK_SEEDS", str(tmp_path))
    r = CliRunner().invoke(app, ["serve", "--allow-host", "dash.example.org"])
    assert r.exit_code == 0, r.output
    cfg = served[0].state.rp_config
    assert {"dash.example.org", "127.0.0.1", "[::1]"} <= set(cfg.host_patterns)
    assert "evil.example" not in cfg.host_patterns
    assert served[0].state.rp.seeds_dir == tmp_path

"""The contracts of `ingest --json`, `evidence series` and `run --db --as-of`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from realpolitik.cli import app

runner = CliRunner()


def _corpus(tmp_path: Path) -> tuple[Path, str]:
    d = tmp_path / "news"
    d.mkdir()
    (d / "a.txt").write_text(
        "Beijing condemned Manila over the collision near the shoal.", encoding="utf-8"
    )
    (d / "b.txt").write_text("Tokyo and Seoul signed a security agreement.", encoding="utf-8")
    (d / "c.txt").write_text("Beijing threatened Manila with force.", encoding="utf-8")
    (d / "manifest.json").write_text(
        json.dumps(
            [
                {"file": "a.txt", "date": "2023-08-05"},
                {"file": "b.txt", "date": "2023-03-16"},
                {"file": "c.txt", "date": "2025-01-10"},
            ]
        ),
        encoding="utf-8",
    )
    return d, f"sqlite:///{tmp_path / 'ev.sqlite'}"


def test_ingest_json_has_documents_detail(tmp_path: Path) -> None:
    d, db = _corpus(tmp_path)
    res = runner.invoke(app, ["ingest", str(d), "--db", db, "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert {"documents", "events", "problems"} <= set(out)
    detail = sorted(out["documents_detail"], key=lambda x: x["source"])
    assert [x["date"] for x in detail] == ["2023-08-05", "2023-03-16", "2025-01-10"]
    assert all(set(x) == {"id", "source", "date", "date_source"} for x in detail)
    assert {x["date_source"] for x in detail} == {"manifest"}


def test_evidence_series_reads_nothing_after_as_of(tmp_path: Path) -> None:
    d, db = _corpus(tmp_path)
    assert runner.invoke(app, ["ingest", str(d), "--db", db]).exit_code == 0
    args = ["evidence", "series", "--db", db, "--pair", "CHN,PHL", "--json"]
    early = json.loads(runner.invoke(app, [*args, "--as-of", "2024-12-31"]).stdout)
    assert set(early) == {"pair", "as_of", "points", "current"}
    assert early["pair"] == ["CHN", "PHL"] and early["as_of"] == "2024-12-31"
    assert [p["period"] for p in early["points"]] == ["2023-08"]
    assert early["points"][0]["tone"] < 0 and early["current"]["documents"] == 1
    late = json.loads(runner.invoke(app, [*args, "--as-of", "2025-02-01"]).stdout)
    assert late["current"]["documents"] == 2
    csv = runner.invoke(app, [*args[:-1], "--as-of", "2024-12-31", "--format", "csv"]).stdout
    assert csv.splitlines()[0] == "a,b,period,events,tone,weight,documents"
    assert csv.splitlines()[1].startswith("CHN,PHL,2023-08,")


def test_run_as_of_writes_the_evidence_key(tmp_path: Path) -> None:
    d, db = _corpus(tmp_path)
    assert runner.invoke(app, ["ingest", str(d), "--db", db]).exit_code == 0
    out = tmp_path / "results"
    args = ["run", "--db", db, "--as-of", "2024-12-31", "--members", "40", "--sobol", "0"]
    res = runner.invoke(app, [*args, "--scenario", "baseline", "--out", str(out)])
    assert res.exit_code == 0, res.output
    ev = json.loads((out / "summary.json").read_text())["evidence"]
    assert set(ev) == {"as_of", "documents", "events", "changed"}
    assert ev["as_of"] == "2024-12-31" and ev["documents"] == 2
    pairs = {(c["a"], c["b"]) for c in ev["changed"]}
    assert ("CHN", "PHL") in pairs and ("JPN", "KOR") in pairs
    chn_phl = next(c for c in ev["changed"] if (c["a"], c["b"]) == ("CHN", "PHL"))
    assert chn_phl["after"] < chn_phl["before"] and set(chn_phl) == {
        "a",
        "b",
        "before",
        "after",
        "documents",
    }
    jpn_kor = next(c for c in ev["changed"] if (c["a"], c["b"]) == ("JPN", "KOR"))
    assert jpn_kor["after"] > jpn_kor["before"]  # a cooperative act warms the pair
    news = json.loads((out / "news.json").read_text())
    assert news["attribution_restores_baseline"] is True
    assert "What the news changed" in (out / "report.md").read_text()


def test_align_as_of_ignores_evidence_dated_later(tmp_path: Path) -> None:
    d, db = _corpus(tmp_path)
    (d / "c.txt").rename(tmp_path / "later.txt")  # the 2025 article comes in afterwards
    assert runner.invoke(app, ["ingest", str(d), "--db", db]).exit_code == 0
    args = ["align", "--db", db, "--as-of", "2024-12-31", "--json"]
    before = runner.invoke(app, args)
    assert before.exit_code == 0, before.output
    later = tmp_path / "later"
    later.mkdir()
    (tmp_path / "later.txt").rename(later / "c.txt")
    (later / "manifest.json").write_text(json.dumps([{"file": "c.txt", "date": "2025-01-10"}]))
    assert runner.invoke(app, ["ingest", str(later), "--db", db]).exit_code == 0
    after = runner.invoke(app, args)
    assert json.loads(after.stdout) == json.loads(before.stdout)

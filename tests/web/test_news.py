"""The dashboard's "what the news changed" page and API."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from realpolitik.ingest.pipeline import ingest
from realpolitik.store import open_store


def _store(tmp_path: Path) -> str:
    d = tmp_path / "news"
    d.mkdir()
    (d / "a.txt").write_text("Beijing condemned Manila over the collision.", encoding="utf-8")
    (d / "b.txt").write_text("Beijing threatened Manila with force.", encoding="utf-8")
    (d / "manifest.json").write_text(
        json.dumps(
            [{"file": "a.txt", "date": "2023-08-05"}, {"file": "b.txt", "date": "2025-01-10"}]
        )
    )
    url = f"sqlite:///{tmp_path / 'news.sqlite'}"
    store = open_store(url)
    ingest([str(d)], store)
    store.close()
    return url


def test_news_reads_nothing_after_as_of(make_client: Any, tmp_path: Path) -> None:
    client = make_client(db=_store(tmp_path))
    early = client.get("/api/news", params={"as_of": "2024-06-30"}).json()
    late = client.get("/api/news", params={"as_of": "2025-06-30"}).json()
    assert len(early["documents"]) == 1 and len(late["documents"]) == 2
    row = next(r for r in early["changed"] if (r["a"], r["b"]) == ("CHN", "PHL"))
    assert row["after"] < row["before"] and early["attribution_restores_baseline"]
    page = client.get("/news", params={"as_of": "2024-06-30"})
    assert page.status_code == 200 and "What the news changed" in page.text
    assert f"/documents/{row['documents'][0]}#s" in page.text
    assert client.get("/api/news", params={"as_of": "soon"}).status_code == 422

"""A text longer than spaCy's one-million-character limit uploads through the web form."""

from __future__ import annotations

from typing import Any


def test_upload_over_spacys_length_limit_yields_its_events(store_client: Any) -> None:
    filler = "".join(
        f"Paragraph {i} says the weather stayed mild and the markets were calm that week.\n"
        for i in range(15_000)
    )
    text = filler + "Seoul and Tokyo held talks on Monday.\n"
    assert 1_000_000 < len(text.encode()) < 5_000_000
    files = {"upload": ("long.txt", text.encode(), "text/plain")}
    r = store_client.post("/ingest", files=files, data={"title": "long"})
    assert r.status_code == 200, r.text[:500]
    doc = store_client.get("/api/documents/1").json()
    assert doc["text"].endswith("Seoul and Tokyo held talks on Monday.")
    talks = [e for e in doc["events"] if e.get("source") in ("KOR", "JPN")]
    assert talks, "the event of the last sentence is found"

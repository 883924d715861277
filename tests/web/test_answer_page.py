"""The answer page (issue 23): the question as asked and what the answer rests on."""

from __future__ import annotations

from typing import Any

import pytest
from tests.web.conftest import TESTCLIENT_WARNING

from realpolitik.scenarios.structure import CAPABILITY_MEASURES

pytestmark = pytest.mark.filterwarnings(TESTCLIENT_WARNING)


def test_answer_api_and_page(make_client: Any, analysis: Any) -> None:
    c = make_client()
    d = c.get("/api/answer").json()
    assert d["headline"]["text"].startswith("China-led bloc controls")
    measures = {r["value"] for r in d["conditional"] if r["choice"] == "capability_measure"}
    assert measures == set(CAPABILITY_MEASURES)
    assert len([r for r in d["conditional"] if r["choice"] == "control_threshold"]) == 3
    assert [p["year"] for p in d["paths"]] == list(range(2025, 2041))
    assert set(d["hedging"]) == set(analysis.system.actors)
    page = c.get("/answer").text
    for marker in ('id="headline"', 'id="conditional-table"', 'id="paths-chart"',
                   'id="hedging-table"', 'id="doses-table"', 'id="choices-table"',
                   'id="issues-table"', 'id="jk-table"'):  # fmt: skip
        assert marker in page, marker
    # The overview leads with the question as asked and links here.
    home = c.get("/").text
    assert "China-led bloc controls" in home and 'href="/answer"' in home

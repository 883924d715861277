"""The HTML report and its Markdown twin, and the `realpolitik report` command."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from realpolitik.report.analysis import Analysis, analyse
from realpolitik.report.html import write_report
from realpolitik.scenarios.outcomes import CONTENDERS


@pytest.fixture(scope="module")
def small() -> Analysis:
    return analyse(["c004_taiwan", "c000_us_influence"], members=100)


def test_html_is_self_contained(small: Analysis, tmp_path: Path) -> None:
    html = write_report(small, tmp_path, "html")[0].read_text(encoding="utf-8")
    assert "<script" not in html
    refs = re.findall(r'(?:src|href)="([^"#][^"]*)"', html)
    assert refs == [], f"external references: {refs[:5]}"
    assert html.count("<svg") >= 5
    for name in ("baseline", "c004_taiwan", "c000_us_influence"):
        assert f"<td>{name}</td>" in html
    assert "scenario_hash" in html, "the manifest is included"
    for s in small.dataset.sources:
        assert f'id="src-{s.id}"' in html


def test_answer_rows_are_distributions(small: Analysis) -> None:
    for ctl in small.answer().values():
        assert sum(ctl[c]["p"] for c in CONTENDERS) == pytest.approx(1.0)


def test_markdown_twin_links_existing_figures(small: Analysis, tmp_path: Path) -> None:
    files = write_report(small, tmp_path, "md")
    md = files[-1].read_text(encoding="utf-8")
    figs = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md)
    assert len(figs) >= 5
    for f in figs:
        assert (tmp_path / f).is_file(), f
        assert (tmp_path / f).read_text(encoding="utf-8").lstrip().startswith("<?xml")
    for c in small.main.claims:
        assert c.scenario in md or c.source in md


def test_fan_chart_quantiles_are_ordered(small: Analysis) -> None:
    v = small.fan.values
    assert (v[:-1] <= v[1:] + 1e-12).all(), "q05 <= q25 <= q50 <= q75 <= q95"
    # every member's shares sum to one, so the 5% quantiles sum to at most one and the 95%
    # quantiles to at least one, in every year
    assert (v[0].sum(axis=-1) <= 1 + 1e-9).all() and (v[-1].sum(axis=-1) >= 1 - 1e-9).all()
    # the fan reads the baseline ensemble's members (their capability measures included)
    start = small.main.baseline.start_shares
    assert start is not None
    np.testing.assert_allclose(v[2, 0], np.quantile(start, 0.5, axis=0))


@given(
    st.text(max_size=40),
    st.lists(
        st.tuples(
            st.integers(-5, 45),
            st.integers(-5, 45),
            st.sampled_from(["mention", "figure", "event", "claim"]),
        ),
        max_size=8,
    ),
)
def test_highlight_segments_cover_text(text: str, spans: list[tuple[int, int, str]]) -> None:
    from realpolitik.web.evidence import highlight_segments

    segs = highlight_segments(text, spans)
    assert "".join(s.text for s in segs) == text
    pos = 0
    for s in segs:
        for k in range(pos, pos + len(s.text)):
            want = {kind for a, b, kind in spans if a <= k < b}
            assert set(s.kinds) == want
        pos += len(s.text)


def test_cli_report(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from realpolitik.cli import app

    r = CliRunner().invoke(
        app, ["report", "c004_taiwan", "--members", "50", "--out", str(tmp_path), "--json"]
    )
    assert r.exit_code == 0, r.output
    assert (tmp_path / "report.html").is_file()
    bad = CliRunner().invoke(app, ["report", "--format", "pdf", "--out", str(tmp_path)])
    assert bad.exit_code == 1
    unknown = CliRunner().invoke(app, ["report", "no_such_scenario", "--out", str(tmp_path)])
    assert unknown.exit_code == 1
    assert "Traceback" not in unknown.output


def test_track_record_section(small: Analysis, tmp_path: Path) -> None:
    from dataclasses import replace

    from realpolitik.history.backtest import pair_arrays, run_backtest
    from realpolitik.report.analysis import track_record

    track = track_record(members=2)
    p, _ = pair_arrays(run_backtest(members=2))
    assert sum(b["n"] for b in track["bins"]) == p.size, "every scored pair is in one bin"
    for b in track["bins"]:
        assert b["low"] <= b["mean_p"] <= b["high"] and 0 <= b["observed"] <= 1
    models = {s["model"] for s in track["scores"]}
    assert {"landscape", "persistence", "alliances", "base_rate"} <= models
    with_track = replace(small, track_record=track)
    html = write_report(with_track, tmp_path / "h", "html")[0].read_text(encoding="utf-8")
    assert 'id="track-table"' in html and "base_rate" in html
    md = write_report(with_track, tmp_path / "m", "md")[-1].read_text(encoding="utf-8")
    assert "## Track record (backtest)" in md and (tmp_path / "m" / "reliability.svg").is_file()
    # without a backtest the section says how to get one, and no figure is written
    md0 = write_report(small, tmp_path / "n", "md")[-1].read_text(encoding="utf-8")
    assert "realpolitik backtest" in md0 and not (tmp_path / "n" / "reliability.svg").exists()

"""The fact table: valid, sourced, covering; checked against the measure; CLI contracts."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from realpolitik.cli import app
from realpolitik.errors import DataError
from realpolitik.history.facts import CLASSES, FACTS_FILE, HOLDOUT_FILE, check_facts, load_facts

runner = CliRunner()

REGIONS = {
    "europe": {"GBR", "FRA", "DEU", "DDR", "POL", "HUN", "CSK", "ROU", "ALB", "YUG", "AUT",
               "SWE", "IRL", "GRC", "ESP", "UKR", "GEO", "ARM", "AZE", "HRV"},
    "middle-east": {"EGY", "ISR", "IRN", "IRQ", "SAU", "SYR", "JOR", "KWT", "LBY", "TUR"},
    "asia-pacific": {"CHN", "JPN", "KOR", "PRK", "TWN", "IND", "PAK", "VNM", "IDN", "AUS"},
    "africa": {"ETH", "SOM", "AGO", "ZAF", "MOZ", "ZMB", "ERI", "COD", "RWA", "TCD", "SDN"},
    "americas": {"CUB", "ARG", "BRA", "ECU", "PER", "NIC", "HND", "SLV", "MEX", "CAN"},
}  # fmt: skip


def test_table_is_valid_sourced_and_covers_regions_and_decades() -> None:
    facts = load_facts()
    assert len(facts) >= 80
    assert all(f.a < f.b and f.expected in CLASSES and len(f.source) > 20 for f in facts)
    for name, states in REGIONS.items():
        assert sum(bool({f.a, f.b} & states) for f in facts) >= 8, name
    for decade in range(1940, 2020, 10):
        assert any(f.start <= decade + 9 and f.end >= max(decade, 1946) for f in facts), decade
    kinds = {f.kind for f in facts}
    assert kinds == {"stable", "change"} and {f.expected for f in facts} == set(CLASSES)


def test_a_bad_row_is_named(tmp_path: Path) -> None:
    rows = pd.read_csv(FACTS_FILE, dtype=str, keep_default_na=False)
    rows.loc[3, "expected"] = "friendly"
    bad = tmp_path / "facts.csv"
    rows.to_csv(bad, index=False)
    with pytest.raises(DataError, match=r"row 5.*expected"):
        load_facts(bad)


def test_agreement_rule() -> None:
    res = check_facts()
    assert res.n == len(load_facts()) and 0 <= res.agree <= res.n
    for r in res.results:
        f = r.fact
        assert len(r.measured) == f.end - f.start + 1
        scored = [
            m
            for y, m in zip(range(f.start, f.end + 1), r.measured, strict=True)
            if m != "absent" and (f.change_year is None or abs(y - f.change_year) > 2)
        ]
        assert r.agree == all(m == f.expected for m in scored)
        assert (r.shows_change is None) == (f.kind == "stable")


def test_history_cli_contracts(tmp_path: Path) -> None:
    res = runner.invoke(
        app, ["history", "alignment", "--year", "1985", "--players", "USA,CHN,RUS,JPN", "--json"]
    )
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["year"] == 1985 and len(out["pairs"]) == 6
    for p in out["pairs"]:
        assert p["a"] < p["b"] and p["side"] in CLASSES and -1 <= p["score"] <= 1
        assert all(isinstance(v, float) for v in p["signals"].values())
    for bad in (["--year", "1900"], ["--year", "1985", "--players", "USA,XXX"]):
        res = runner.invoke(app, ["history", "alignment", *bad, "--json"])
        assert res.exit_code == 1 and ("1900" in res.output or "XXX" in res.output)
    dest = tmp_path / "a.csv"
    res = runner.invoke(app, ["history", "alignment", "--year", "1960", "--out", str(dest)])
    assert res.exit_code == 0 and len(pd.read_csv(dest)) > 1000
    res = runner.invoke(app, ["history", "facts", "--json"])
    assert res.exit_code == 0, res.output
    facts = json.loads(res.stdout)
    assert facts["n"] == len(facts["facts"]) and facts["agree"] == sum(
        f["agree"] for f in facts["facts"]
    )
    keys = {"a", "b", "from", "to", "kind", "change_year", "expected", "measured", "agree"}
    assert all(keys | {"source"} <= set(f) for f in facts["facts"])


def test_holdout_table_is_valid_new_and_checked_by_the_cli(tmp_path: Path) -> None:
    held = load_facts(HOLDOUT_FILE)
    assert len(held) >= 40 and all(f.a < f.b and len(f.source) > 20 for f in held)
    main = {(f.a, f.b, f.start, f.end) for f in load_facts()}
    assert not main & {(f.a, f.b, f.start, f.end) for f in held}
    res = runner.invoke(app, ["history", "facts", "--holdout", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["n"] == len(held) and out["agree"] == check_facts(held).agree
    missing = tmp_path / "none.csv"
    res = runner.invoke(app, ["history", "facts", "--file", str(missing)])
    assert res.exit_code == 1 and "none.csv" in res.output
    res = runner.invoke(app, ["history", "facts", "--holdout", "--file", str(missing)])
    assert res.exit_code == 1 and "not both" in res.output

"""``realpolitik eval events``: scoring on PLOVER records (constructed ones here; the
development records are read from ../shared and the test skips without them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from realpolitik.errors import InputError, MissingDependencyError
from realpolitik.ingest.plover_eval import _same, _score, evaluate_events, load_records
from realpolitik.ingest.types import Event

KEYS = [
    "n",
    "coverage",
    "type_accuracy",
    "source_accuracy",
    "target_accuracy",
    "full_accuracy",
    "confusion",
]


def _rec(text: str, event: str, src: list[str], tgt: list[str]) -> dict[str, object]:
    return {
        "id": f"T-{event}",
        "date": "2020-01-01",
        "text": text,
        "event": event,
        "source": [{"actorText": c, "code": c} for c in src],
        "target": [{"actorText": c, "code": c} for c in tgt] if tgt else "",
    }


def canon(code: str) -> str:
    return {"JAP": "JPN"}.get(code, code)


def test_sets_and_generic_igo() -> None:
    kinds = {"UN": "organisation", "JPN": "state"}
    assert _same({"JPN"}, {"JPN"}, kinds) and _same({"IGO"}, {"UN"}, kinds)
    assert not _same({"IGO"}, {"JPN"}, kinds) and not _same({"JPN"}, {"JPN", "UN"}, kinds)


def test_score_mutual_and_directed_records() -> None:
    mutual = _rec("x", "AGREE", ["JAP", "AUS"], [])
    assert _score(mutual, ("AGREE", {"JPN"}, {"AUS"}), canon, {}) == (True, True, True)
    directed = _rec("x", "ACCUSE", ["CHN"], ["PHL"])
    assert _score(directed, ("DISAPPROVE", {"CHN"}, {"PHL"}), canon, {}) == (True, True, True)
    assert _score(directed, ("DISAPPROVE", {"PHL"}, {"CHN"}), canon, {}) == (True, False, False)
    assert _score(directed, None, canon, {}) == (False, False, False)


class _Stub:
    """An extractor that codes a fixed event for every text (to test the arithmetic only)."""

    def __init__(self) -> None:
        self.kinds: dict[str, str] = {}

    def extract(self, raw: object) -> object:
        text = getattr(raw, "text", "")
        ev = Event(0, 0, 4, "CHN", "PHL", "DISAPPROVE", "11", -2.0, "actual", confidence=0.9)

        class D:
            events = [ev] if "accused" in text else []

        return D()


def test_figures_of_a_small_set() -> None:
    recs = [
        _rec("Beijing accused Manila.", "DISAPPROVE", ["CHN"], ["PHL"]),
        _rec("Beijing accused Manila again.", "THREATEN", ["CHN"], ["PHL"]),
        _rec("Nothing happened.", "AGREE", ["JPN"], ["AUS"]),
        _rec("Manila accused Beijing.", "DISAPPROVE", ["PHL"], ["CHN"]),
    ]
    res = evaluate_events(recs, _Stub())
    assert list(res) == KEYS
    assert res["n"] == 4 and res["coverage"] == 0.75
    assert res["type_accuracy"] == 0.5 and res["source_accuracy"] == 0.5
    assert res["full_accuracy"] == 0.25
    assert res["confusion"]["AGREE"] == {"none": 1}
    assert res["confusion"]["THREATEN"] == {"DISAPPROVE": 1}


def test_bad_record_file_names_the_record(tmp_path: Path) -> None:
    p = tmp_path / "r.json"
    p.write_text(json.dumps([{"text": "x", "event": "AGREE"}, {"text": "y"}]))
    with pytest.raises(InputError, match="record 1"):
        load_records(p)


def test_cli_eval_events_json(tmp_path: Path) -> None:
    from realpolitik.cli import app

    p = tmp_path / "r.json"
    p.write_text(
        json.dumps([_rec("Tokyo accused Beijing of ramming a boat.", "ACCUSE", ["JPN"], ["CHN"])])
    )
    r = CliRunner().invoke(app, ["eval", "events", "--gold", str(p), "--json", "--rules"])
    assert r.exit_code == 0, r.output
    res = json.loads(r.stdout)
    assert list(res) == KEYS and res["n"] == 1 and res["full_accuracy"] == 1.0
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    r = CliRunner().invoke(app, ["eval", "events", "--gold", str(bad), "--rules"])
    assert r.exit_code != 0 and "bad.json" in r.output


@pytest.mark.slow
def test_plover_dev_targets(shared_dir: Path) -> None:
    from realpolitik.ingest.pipeline import default_extractor

    path = shared_dir / "eval" / "plover" / "plover-gsr-dev.json"
    if not path.is_file():
        pytest.skip("../shared/eval/plover is absent")
    try:
        ex = default_extractor(parser=True)
    except MissingDependencyError:
        pytest.skip("no trained spaCy English pipeline installed")
    res = evaluate_events(path, ex)
    assert res["n"] == 156
    # issue 22's targets are coverage 0.8, type 0.7, full 0.5; the CAMEO-built coder reaches
    # coverage 0.878, type 0.635, full 0.481 (docs/ingestion.md): these floors guard against
    # regressions, the missed targets are reported there
    assert res["coverage"] >= 0.8 and res["type_accuracy"] >= 0.6 and res["full_accuracy"] >= 0.45


@pytest.mark.parametrize("name", [f"probe-{k}.json" for k in "abcdefghijklmnopqrstu"])
def test_the_probe_sets_are_valid_plover_records(name: str) -> None:
    """The written probe sets (eval/probe-events) load as PLOVER records, with the coder's
    event types and actor codes of the world dictionary (or a generic organisation)."""
    from realpolitik.ingest.cameo_plover import default_lexicon
    from realpolitik.ingest.world import load_world_cached

    path = Path(__file__).resolve().parents[2] / "eval" / "probe-events" / name
    records = load_records(path)
    types = set(default_lexicon().types)
    canon = load_world_cached().canonical
    assert len({r["id"] for r in records}) == len(records)
    for r in records:
        assert r["event"] in types, r["id"]
        for actor in r["source"] + r["target"]:
            assert actor["code"] == "IGO" or canon(actor["code"]), (r["id"], actor)

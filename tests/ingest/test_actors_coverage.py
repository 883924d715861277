"""World actor dictionary measured on third-party data in ../shared (skipped when absent).

The PLOVER records and news-dev texts are read from ../shared at test time and never copied.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from realpolitik.ingest.actors import load_world

GENERIC = {"IGO", "NGO", "IMG"}  # PLOVER's generic organisation codes, not countries


def _plover(shared_dir: Path) -> list[dict[str, object]]:
    path = shared_dir / "eval" / "plover" / "plover-gsr-dev.json"
    if not path.is_file():
        pytest.skip("../shared/eval/plover/plover-gsr-dev.json is absent")
    data: list[dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _actors(records: list[dict[str, object]]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for rec in records:
        for key in ("source", "target"):
            out += rec.get(key) or []  # type: ignore[arg-type]
    return out


def test_plover_country_codes_are_known(shared_dir: Path) -> None:
    world = load_world()
    codes = [a["code"] for a in _actors(_plover(shared_dir)) if a["code"] not in GENERIC]
    known = [c for c in codes if world.canonical(c) is not None]
    assert len(codes) > 200
    assert len(known) / len(codes) >= 0.98, sorted(set(codes) - set(known))


def test_plover_actor_text_recall(shared_dir: Path) -> None:
    """Share of gold actor phrases in which find() yields the gold code (IGO for any IGO)."""
    world = load_world()
    actors = _actors(_plover(shared_dir))
    hits = 0
    for a in actors:
        got: set[str] = set()
        for m in world.find(a["actorText"]):
            rec = world.lookup(m.code)
            got |= {m.code, world.plover_code(m.code) or ""}
            if rec is not None and rec.parent:
                got.add(rec.parent)
        hits += (world.canonical(a["code"]) or a["code"]) in got
    assert hits / len(actors) >= 0.8  # 0.843, then 0.877 (docs/data.md)


def test_news_dev_actor_codes(shared_dir: Path) -> None:
    """Every gold actor of each news-dev article is among the dictionary's matches."""
    folder = shared_dir / "eval" / "news-dev"
    gold_path = folder / "news-dev-gold.json"
    if not gold_path.is_file():
        pytest.skip("../shared/eval/news-dev is absent")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["documents"]
    world = load_world()
    found = total = 0
    for name, doc in gold.items():
        day = dt.date.fromisoformat((doc["date"] + "-01")[:10])
        got = {m.code for m in world.find((folder / name).read_text(encoding="utf-8"), day)}
        found += len(set(doc["actors"]) & got)
        total += len(doc["actors"])
    assert found / total >= 0.9

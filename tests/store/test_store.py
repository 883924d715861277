"""The evidence store on SQLite and PostgreSQL: migrations, one transaction per document,
duplicates, interrupted imports, and the bridges to the model (dyad tone, stubs)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from realpolitik.errors import StoreError
from realpolitik.ingest.nlp import AliasTable
from realpolitik.ingest.pipeline import Extractor, ingest
from realpolitik.store import (
    Store,
    check_consistency,
    count_rows,
    dyad_tone,
    list_claims,
    list_events,
    open_store,
    relation_candidates,
    scenario_stubs,
)

TABLE = AliasTable.from_rows(
    actors=[
        ("PHL", "Philippines", "state", ("Manila", "Philippine")),
        ("CHN", "China", "state", ("Beijing", "Chinese")),
        ("USA", "United States", "state", ("Washington", "US")),
        ("JPN", "Japan", "state", ("Tokyo", "Japanese")),
    ],
    people=[("ana_cruz", "Ana Cruz", "PHL", "Foreign Secretary", ("Cruz",))],
)
LEVERS = {"china_coast_guard": "China sends more coast guard ships to the shoal."}
OUTCOMES = {"armed_clash": "An armed clash between China and the Philippines breaks out."}


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(TABLE, LEVERS, OUTCOMES)


def _article(i: int) -> str:
    # each article differs (its number), so each has its own content hash
    return textwrap.dedent(
        f"""\
        Report number {i} from the shoal
        Manila accused Beijing of ramming a supply boat on day {i}.
        Washington backed Manila and held joint patrols with the Philippines.
        Foreign Secretary Ana Cruz said {i + 3} sailors were hurt.
        If China sends more coast guard ships to the shoal, an armed clash will break out.
        """
    )


def _folder(tmp_path: Path, n: int) -> Path:
    d = tmp_path / "articles"
    d.mkdir(exist_ok=True)
    for i in range(n):
        (d / f"a{i:03d}.txt").write_text(_article(i), encoding="utf-8")
    return d


@pytest.fixture()
def s(db_url: str) -> Iterator[Store]:
    """An open store on each backend (closed after the test)."""
    store = open_store(db_url)
    yield store
    store.close()


def test_migrations_create_the_schema_and_are_idempotent(db_url: str) -> None:
    s = open_store(db_url)
    assert count_rows(s) == dict.fromkeys(
        ["documents", "sentences", "mentions", "events", "claims", "figures", "stances"], 0
    )
    s.close()
    s = open_store(db_url)  # upgrade head again: nothing to do, no error
    assert count_rows(s)["documents"] == 0
    s.close()


def test_ingest_stores_sourced_evidence_and_skips_duplicates(
    s: Store, tmp_path: Path, extractor: Extractor
) -> None:
    d = _folder(tmp_path, 3)
    rep = ingest([str(d)], s, extractor=extractor)
    assert (rep.documents, rep.duplicates, rep.problems) == (3, 0, [])
    first = count_rows(s)
    assert first["documents"] == 3 and first["sentences"] == 15
    again = ingest([str(d)], s, extractor=extractor)
    assert (again.documents, again.duplicates) == (0, 3)
    assert count_rows(s) == first
    assert check_consistency(s) == []
    evs = list_events(s, actor="CHN")
    assert evs and all(e["span"][0] < e["span"][1] for e in evs)
    # every event's span lies in its sentence's document text
    with s.sessions() as sess:
        from realpolitik.store.schema import DocumentRow, EventRow

        for ev in sess.query(EventRow).all():
            doc = sess.get(DocumentRow, ev.document_id)
            assert doc is not None and 0 <= ev.start < ev.end <= len(doc.text)
            assert ev.extractor_version == extractor.version


def test_dyad_tone_and_candidates_follow_the_events(
    s: Store, tmp_path: Path, extractor: Extractor
) -> None:
    ingest([str(_folder(tmp_path, 2))], s, extractor=extractor)
    tone = dyad_tone(s)
    assert tone[("CHN", "PHL")] < 0 < tone[("PHL", "USA")]
    assert all(-1.0 <= v <= 1.0 for v in tone.values())
    assert dyad_tone(s, since="2999") == {}
    cands = relation_candidates(s, known=[("PHL", "USA")], min_events=1)
    pairs = {(c["a"], c["b"]): c["sign"] for c in cands}
    assert pairs.get(("CHN", "PHL")) == -1 and ("PHL", "USA") not in pairs


def test_conditional_claims_become_scenario_stubs(
    s: Store, tmp_path: Path, extractor: Extractor
) -> None:
    ingest([str(_folder(tmp_path, 1))], s, extractor=extractor)
    claims = list_claims(s, kind="conditional")
    assert claims and claims[0]["antecedent"].startswith("If China")
    stubs = scenario_stubs(s)
    assert stubs[0]["levers"] == ["china_coast_guard"]
    assert stubs[0]["outcome"] == "armed_clash"
    assert stubs[0]["document_id"] == claims[0]["document_id"]


def test_exception_at_document_k_leaves_the_db_consistent(
    s: Store, tmp_path: Path, extractor: Extractor
) -> None:
    d = _folder(tmp_path, 6)

    def boom(k: int, _raw: object) -> None:
        if k == 3:
            raise RuntimeError("injected failure at document 3")

    with pytest.raises(RuntimeError):
        ingest([str(d)], s, extractor=extractor, on_document=boom)
    assert count_rows(s)["documents"] == 3
    assert check_consistency(s) == []
    rep = ingest([str(d)], s, extractor=extractor)
    assert (rep.documents, rep.duplicates) == (3, 3)
    assert count_rows(s)["documents"] == 6 and check_consistency(s) == []


_KILL_SCRIPT = """
import sys, time
from realpolitik.ingest.nlp import AliasTable
from realpolitik.ingest.pipeline import Extractor, ingest
from realpolitik.store import open_store
t = AliasTable.from_rows([("PHL", "Philippines", "state", ("Manila",)),
                          ("CHN", "China", "state", ("Beijing",))])
s = open_store(sys.argv[1])
ingest([sys.argv[2]], s, extractor=Extractor(t), on_document=lambda k, r: time.sleep(0.1))
"""


def test_sigkill_mid_import_then_the_next_import_completes(db_url: str, tmp_path: Path) -> None:
    n = 40
    d = _folder(tmp_path, n)
    s = open_store(db_url)
    env = dict(os.environ)
    proc = subprocess.Popen([sys.executable, "-c", _KILL_SCRIPT, db_url, str(d)], env=env)
    try:
        deadline = time.monotonic() + 60
        while count_rows(s)["documents"] < 3:
            assert proc.poll() is None, "the import ended before it could be killed"
            assert time.monotonic() < deadline, "the import never started storing"
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    stored = count_rows(s)["documents"]
    assert 3 <= stored < n
    assert check_consistency(s) == []
    t = AliasTable.from_rows(
        [("PHL", "Philippines", "state", ("Manila",)), ("CHN", "China", "state", ("Beijing",))]
    )
    rep = ingest([str(d)], s, extractor=Extractor(t))
    assert rep.documents == n - stored and rep.duplicates == stored
    assert count_rows(s)["documents"] == n and check_consistency(s) == []
    s.close()


def test_unreachable_database_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot open the evidence store"):
        open_store("postgresql+psycopg://nobody@127.0.0.1:1/none")

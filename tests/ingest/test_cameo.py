"""The CAMEO dictionary reader, the CAMEO to PLOVER mapping, the coder's learnt remap and its
cross-validation folds, chunked tokenization, and re-coding a store; on text written here."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from realpolitik.errors import InputError, MissingDependencyError, StoreError
from realpolitik.ingest.cameo import load_cameo, parse_cameo, singular
from realpolitik.ingest.cameo_plover import (
    cameo_entries,
    cameo_lexicon,
    load_conversion,
    parse_conversion,
    plover_type,
)
from realpolitik.ingest.event_cv import folds, learn_remap
from realpolitik.ingest.lexicon import LexEntry, Lexicon
from realpolitik.ingest.nlp import chunk_bounds, import_spacy, make_doc_chunked

SMALL = """# a dictionary written for this test
&BOAT
+FERRY
+TUG

####### VERB PATTERNS #######
---  SHIP   [070]  ---
SHIP {SHIPPED SHIPPING}
SEND
+SEND_BACK [084]
- * &BOAT                                [072]   # SHIP
- * (TO {EASTERN PORT})                  [061]   # SEND
- * {WAR TUG}                            [190]   # SHIP

---  SCOLD   [---]  ---
SCOLD
- * ENVOY                                [111]   # SCOLD
- * MINISTER                             [111]   # SCOLD
- * CROWD                                [010]   # SCOLD
"""


def test_reader_reads_blocks_verbs_patterns_and_synonyms() -> None:
    d = parse_cameo(SMALL)
    assert d.synonyms["&BOAT"] >= {"ferry", "tug"}
    ship, scold = d.blocks
    assert (ship.name, ship.code, scold.code) == ("SHIP", "070", "")
    assert [(v.lemma, v.particle, v.code) for v in ship.verbs] == [
        ("ship", "", ""),
        ("send", "", ""),
        ("send", "back", "084"),
    ]
    boat, port, war = ship.patterns
    assert boat.objects >= {"ferry", "tug"} and boat.code == "072" and boat.found == ("ship",)
    assert (port.particle, port.objects, port.modifiers) == ("to", {"port"}, {"eastern"})
    assert war.modifiers == {"war"} and war.objects >= {"tug"}


def test_a_verb_named_by_pattern_comments_and_listed_nowhere_joins_its_block() -> None:
    """CAMEO 2.0 writes patterns for URGE in its DEMAND block but lists the verb nowhere: the
    comment's verb joins the block; an inflected form of a listed verb does not."""
    text = SMALL.replace("# SCOLD\n- * CROWD", "# BERATE\n- * CROWD").replace(
        "[061]   # SEND", "[061]   # SENDING"
    )
    ship, scold = parse_cameo(text).blocks
    assert [(v.lemma, v.code) for v in scold.verbs] == [("scold", ""), ("berate", "110")]
    assert [v.lemma for v in ship.verbs] == ["ship", "send", "send"]
    assert "urge" in [v.lemma for b in load_cameo().blocks if b.name == "DEMAND" for v in b.verbs]


def _lexicon(verbs: list[LexEntry]) -> Lexicon:
    """A lexicon holding just these verb entries."""
    lex = Lexicon(verbs={})
    for e in verbs:
        lex.verbs.setdefault(e.lemma, []).append(e)
    return lex


def test_entries_apply_block_patterns_to_every_plain_verb_and_vote_uncoded_verbs() -> None:
    table = parse_conversion("070: AID\n072: AID\n084: RETREAT\n111: ACCUSE\n")
    verbs, _ = cameo_entries(parse_cameo(SMALL), table)
    by = {(e.lemma, e.particle, e.objects, e.modifiers): e.type for e in verbs}
    assert by[("send", "back", frozenset(), frozenset())] == "RETREAT"
    assert by[("send", "", frozenset(), frozenset())] == "AID"  # the block's code
    assert by[("scold", "", frozenset(), frozenset())] == "ACCUSE"  # two 111 patterns of three
    assert ("ship", "", frozenset({"tug", "war"}), frozenset()) not in by


def test_a_pattern_coded_as_a_statement_is_no_event() -> None:
    """PLOVER has no type for CAMEO's 01 statements: "scold * CROWD [010]" is no event, not
    the verb's own type (dropping the pattern would leave the crowd scolded as an accusation)."""
    table = parse_conversion("070: AID\n072: AID\n084: RETREAT\n111: ACCUSE\n")
    verbs, _ = cameo_entries(parse_cameo(SMALL), table)
    lex = _lexicon(verbs)
    crowd = lex.verb("scold", objects={"crowd"})
    assert crowd is not None and (crowd.type, crowd.code) == ("", "010")
    assert lex.verb("scold").type == "ACCUSE"
    assert lex.verb("scold", objects={"envoy"}).type == "ACCUSE"


def test_words_joined_by_underscores_are_a_noun_phrase() -> None:
    """``{NIGHT_RAID}`` is a raid at night: the pattern needs the raid, not any object (the
    reader used to drop the unreadable word and keep "* (FOR)" as a bare pattern)."""
    text = (
        "####### VERB PATTERNS #######\n---  ASK   [020]  ---\nASK\n- * (FOR {NIGHT_RAID}) [1383]\n"
    )
    (pattern,) = parse_cameo(text).blocks[0].patterns
    assert (pattern.particle, set(pattern.objects), set(pattern.modifiers)) == (
        "for",
        {"raid"},
        {"night"},
    )


TIED = """####### VERB PATTERNS #######
---  HAND   [070]  ---
HAND
LEND
- * FERRY                                [0332]  # LEND
- * FERRY                                [072]   # HAND
"""


def test_a_tie_between_patterns_goes_to_the_one_written_for_the_verb() -> None:
    """Two equally specific patterns of a block disagree on "hand a ferry": the one whose
    comment names HAND decides for *hand*, the other for *lend*; with no own pattern among
    them, the same pattern written twice, the later line (rule 39)."""
    table = parse_conversion("0332: AGREE\n070: AID\n072: AID\n")
    verbs, _ = cameo_entries(parse_cameo(TIED), table)
    lex = _lexicon(verbs)
    assert lex.verb("hand", objects={"ferry"}).code == "072"
    assert lex.verb("lend", objects={"ferry"}).code == "0332"
    anonymous = [replace(e, own=False) for e in lex.verbs["hand"]]
    assert Lexicon(verbs={"hand": anonymous}).verb("hand", objects={"ferry"}).code == "072"


def test_a_pattern_written_twice_takes_its_later_line() -> None:
    """PETRARCH2's reader stores a block's patterns in a tree, so a pattern written again
    further down replaces the earlier line: "hand a ferry" is the later 0332."""
    text = TIED.replace("[072]   # HAND", "[072]   # HAND\n- * FERRY [0332] # HAND")
    verbs, _ = cameo_entries(parse_cameo(text), parse_conversion("0332: AGREE\n072: AID\n"))
    lex = _lexicon(verbs)
    assert lex.verb("hand", objects={"ferry"}).code == "0332"


def test_a_verb_lines_own_code_beats_its_blocks_code() -> None:
    """POUND is listed twice in a block of fighting, once bare (the block's 190) and once with
    its own code (182, a beating): the code the file gives the verb itself decides."""
    text = "####### VERB PATTERNS #######\n---  HIT   [190]  ---\nPOUND\nPOUND [182]\n"
    table = parse_conversion("182: ASSAULT\n190: FIGHT\n")
    verbs, _ = cameo_entries(parse_cameo(text), table)
    lex = Lexicon(verbs={"pound": verbs})
    assert (lex.verb("pound").type, lex.verb("pound").code) == ("ASSAULT", "182")


LIGHT = """####### VERB PATTERNS #######
---  GRAB   [171]  ---
GRAB
TAKE
- * MINISTER                             [181]   # GRAB
- * TALKS                                [046]   # TAKE
- * RAID                                 [190]
"""


def test_event_nouns_come_from_patterns_written_for_the_light_verb() -> None:
    """ "grab * MINISTER" filed beside the light verb TAKE is the grabbing: "minister" is no
    event noun (else "gave the minister a tour" would be an abduction); "take * TALKS",
    written for TAKE, and a pattern with no comment make event nouns."""
    table = parse_conversion("046: CONSULT\n171: COERCE\n181: ASSAULT\n190: FIGHT\n")
    verbs, nouns = cameo_entries(parse_cameo(LIGHT), table, light=frozenset({"take"}))
    assert sorted((n.lemma, n.type) for n in nouns) == [
        ("raid", "FIGHT"),
        ("talk", "CONSULT"),
        ("talks", "CONSULT"),
    ]
    # the verb entries are unchanged: "take the minister" still codes the seizure
    assert any(e.lemma == "take" and "minister" in e.objects and e.type == "ASSAULT" for e in verbs)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("---  SHIP  [070]  ---\nSHIP\n", "no '####### VERB PATTERNS"),
        ("####### VERB PATTERNS #######\nSHIP\n", r"x\.txt:2"),
        ("####### VERB PATTERNS #######\n--- broken\n", r"x\.txt:2"),
    ],
)
def test_malformed_dictionary_names_file_and_line(text: str, where: str) -> None:
    with pytest.raises(InputError, match=where):
        parse_cameo(text, "x.txt")


def test_unreadable_files_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read CAMEO"):
        load_cameo.__wrapped__(tmp_path / "absent.txt")
    with pytest.raises(InputError, match="no 'code: TYPE'"):
        parse_conversion("# nothing here\n")


def test_type_names_follow_the_gold_versions_and_parents() -> None:
    table = load_conversion()
    assert plover_type("0231", table) == "REQUEST"
    assert plover_type("0231", table, appeal="DEMAND") == "DEMAND"
    assert plover_type("1041", table) == "DEMAND"
    assert plover_type("091", table) == "INVESTIGATE"
    assert plover_type("193", table) == "FIGHT"
    assert plover_type("1123", table) == "ACCUSE"
    assert plover_type("012", table) is None
    assert plover_type("0573", table) == plover_type("057", table) == "SUPPORT"
    assert plover_type("057", table, remap={"057": "AGREE"}) == "AGREE"
    with pytest.raises(InputError, match="appeal"):
        cameo_lexicon(appeal="PLEAD")


def test_shipped_dictionary_is_large_and_typed() -> None:
    lex = cameo_lexicon()
    entries = [e for es in lex.verbs.values() for e in es]
    assert len(lex.verbs) > 1000 and len(entries) > 10_000
    coded = [e for e in entries if e.type]
    assert {e.type for e in coded} <= set(lex.types)
    assert all(e.code for e in coded)
    # the file's "[---]" patterns, and those whose code PLOVER has no type for (statements)
    null = [e for e in entries if not e.type]
    table = load_conversion()
    assert null and all(e.objects or e.particle or e.extra or e.before for e in null)
    assert all(not e.code or plover_type(e.code, table) is None for e in null)
    assert {e.code[:2] for e in null if e.code} == {"01"}


NULLS = """# a dictionary written for this test
####### VERB PATTERNS #######
---  GRAB   [171]  ---
GRAB
HOLD [---]
- * CHANCE                               [---]   # GRAB
- * HOSTAGE                              [181]   # HOLD
"""


def test_null_codes_block_a_pattern_or_leave_a_verb_uncoded() -> None:
    d = parse_cameo(NULLS)
    assert [(v.lemma, v.code) for v in d.blocks[0].verbs] == [("grab", ""), ("hold", "---")]
    assert [(sorted(p.objects), p.code) for p in d.blocks[0].patterns] == [
        (["chance"], ""),
        (["hostage"], "181"),
    ]
    table = parse_conversion("171: COERCE\n181: ASSAULT\n")
    verbs, _ = cameo_entries(d, table)
    lex = _lexicon(verbs)
    assert lex.verb("grab").type == "COERCE"  # the block's code
    assert lex.verb("grab", objects={"chance"}).type == ""  # "[---]": no event
    assert lex.verb("hold") is None  # "HOLD [---]": no event of its own ...
    assert lex.verb("hold", objects={"hostage"}).type == "ASSAULT"  # ... only its patterns'
    assert lex.verb("hold", objects={"chance"}).type == ""  # the block's null pattern too


PARTIAL = """####### VERB PATTERNS #######
---  ORGANISE   [140]  ---
ORGANISE
- * PARADE (IN SUPPORT)                  [051]   # ORGANISE
- * PARADE                               [141]   # ORGANISE
- VETERAN * PICNIC                       [051]   # ORGANISE
- STUDENTS *                             [1411]  # ORGANISE
"""


def test_a_patterns_other_words_must_be_in_the_clause() -> None:
    """The reader keeps a pattern's first constituent after the verb as its object and its
    other content words as extra words; as in PETRARCH2, where every word of a pattern must
    match, an entry applies only where its extra words are in the verb's clause (before, the
    reader dropped them, and "PARADE (IN SUPPORT)" coded every parade as an endorsement)."""
    d = parse_cameo(PARTIAL)
    assert [(p.extra, p.before) for p in d.blocks[0].patterns] == [
        ((frozenset({"support"}),), ()),
        ((), ()),
        ((), (frozenset({"veteran"}),)),
        ((), (frozenset({"student", "students"}),)),  # a restriction on the subject alone
    ]
    table = parse_conversion("051: SUPPORT\n140: PROTEST\n141: PROTEST\n1411: PROTEST\n")
    verbs, _ = cameo_entries(d, table)
    lex = _lexicon(verbs)
    parade = {"parade"}
    assert lex.verb("organise", objects=parade).code == "141"
    assert lex.verb("organise", objects=parade, clause={"parade", "in", "support"}).code == "051"
    assert lex.verb("organise", objects={"picnic"}).code == "140"  # the block's code
    assert lex.verb("organise", objects={"picnic"}, clause={"veteran", "picnic"}).code == "051"
    assert lex.verb("organise").code == "140"
    assert lex.verb("organise", clause={"students", "organise"}).code == "1411"
    # words written before the verb must come before it ("the students' union organised"),
    # not after it ("organised a parade for students")
    after = {"organise", "parade", "for", "students"}
    assert lex.verb("organise", clause=after, preceding=set()).code == "140"
    assert lex.verb("organise", clause=after | {"students"}, preceding={"students"}).code == "1411"


BARE_PREPOSITION = """####### VERB PATTERNS #######
---  FILE   [---]  ---
FILE
- * PROTEST                              [110]   # FILE
- * PROTEST (OF)                         [140]   # FILE
- * AWAY (FOR)                           [020]   # FILE
"""


def test_a_phrase_that_is_only_a_preposition_requires_the_preposition() -> None:
    """ "PROTEST (OF)" is a protest followed by an *of* phrase, not "PROTEST" written again:
    the reader kept no word of it, so the later line replaced the plain pattern (rule 39) and
    every protest filed was a demonstration."""
    d = parse_cameo(BARE_PREPOSITION)
    of, for_ = (frozenset({"of"}),), (frozenset({"for"}),)
    assert [p.extra for p in d.blocks[0].patterns] == [(), of, for_]  # "AWAY (FOR)" as well
    verbs, _ = cameo_entries(d, parse_conversion("110: ACCUSE\n140: PROTEST\n"))
    lex = _lexicon(verbs)
    assert lex.verb("file", objects={"protest"}, clause={"file", "protest", "with"}).code == "110"
    assert lex.verb("file", objects={"protest"}, clause={"file", "protest", "of"}).code == "140"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab ", min_size=1).filter(lambda w: w.strip()))
def test_singular_never_grows(word: str) -> None:
    assert len(singular(word)) <= len(word.lower())


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["AGREE", "FIGHT", "SUPPORT"]),
            st.sampled_from(["057", "190", "0571", "05"]),
        )
    ),
    st.integers(1, 4),
)
def test_remap_only_where_enough_records_disagree(pairs: list[tuple[str, str]], k: int) -> None:
    current = {"057": "SUPPORT", "190": "FIGHT"}
    got = learn_remap(pairs, current, min_count=k)
    for code, gold in got.items():
        votes = [g for g, c in pairs if c[:3] == code]
        assert gold != current.get(code)
        assert votes.count(gold) >= k and votes.count(gold) > votes.count(current.get(code, ""))


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 200), st.integers(2, 10), st.integers(0, 5))
def test_folds_partition_the_records(n: int, k: int, seed: int) -> None:
    if k > n:
        with pytest.raises(InputError):
            folds(n, k, seed)
        return
    parts = folds(n, k, seed)
    assert sorted(i for p in parts for i in p) == list(range(n))
    assert max(map(len, parts)) - min(map(len, parts)) <= 1


_NLP = import_spacy().blank("en")


@settings(max_examples=80, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab. \n\t,")), max_size=300),
    st.integers(4, 40),
)
def test_chunked_doc_keeps_the_text_and_every_offset(text: str, size: int) -> None:
    bounds = chunk_bounds(text, size)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(b - a <= size for a, b in bounds)
    assert all(bounds[i][1] == bounds[i + 1][0] for i in range(len(bounds) - 1))
    doc = make_doc_chunked(_NLP, text, size)
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)


def test_text_over_spacys_limit_is_analysed() -> None:
    from realpolitik.ingest.nlp import TextPipeline, default_alias_table

    unit = "Lima and Quito met on Monday. "
    text = unit * (1_050_000 // len(unit))
    pipe = TextPipeline(default_alias_table())
    assert len(text) > pipe.nlp.max_length
    got = pipe.analyse(text)
    assert len(got.sentences) == 1_050_000 // len(unit)
    last = got.sentences[-1]
    assert text[last.start : last.end] == last.text == unit.strip()


def test_missing_driver_is_one_line_naming_the_package() -> None:
    pytest.importorskip("sqlalchemy")
    try:
        import pymysql  # noqa: F401

        pytest.skip("pymysql is installed here")
    except ModuleNotFoundError:
        pass
    from realpolitik.store import open_store

    with pytest.raises(StoreError) as err:
        open_store("mysql+pymysql://u:secret@localhost/x")
    msg = str(err.value)
    assert "\n" not in msg and "pip install PyMySQL" in msg and "secret" not in msg


def test_recode_gives_every_event_the_current_coder(tmp_path: Path) -> None:
    from realpolitik.cli import app
    from realpolitik.ingest.pipeline import default_extractor

    try:
        coder = default_extractor().coder
    except MissingDependencyError:
        if os.environ.get("CI", "").lower() == "true":
            raise
        pytest.skip("no trained spaCy English pipeline installed")
    (tmp_path / "a.txt").write_text(
        "Tokyo accused Beijing of harassing its boats. Seoul and Tokyo held talks.",
        encoding="utf-8",
    )
    db = f"sqlite:///{tmp_path / 'e.sqlite'}"
    runner = CliRunner()
    got = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--fast", "--db", db])
    assert got.exit_code == 0, got.output
    got = runner.invoke(app, ["evidence", "recode", "--db", db, "--json"])
    assert got.exit_code == 0, got.output
    import json

    res = json.loads(got.stdout)
    assert res["recoded"] == 1 and res["coder"] == coder and res["events"] > 0
    from realpolitik.store import open_store, stored_documents

    store = open_store(db)
    assert [d["coders"] for d in stored_documents(store)] == [[coder]]
    store.close()
    again = json.loads(runner.invoke(app, ["evidence", "recode", "--db", db, "--json"]).stdout)
    assert again["recoded"] == 0


def test_a_compounds_modifier_alone_is_not_the_object() -> None:
    """ "Blew up power lines": the lines were blown up, so *blast * POWER* (a criticism of the
    powers that be) does not apply to their modifier; "aid shipments" are aid, a quantity of
    it, so a pattern on *aid* applies there."""
    plain = LexEntry("FIGHT", "v", "blow", "", frozenset(), "190")
    power = LexEntry("ACCUSE", "v", "blow", "", frozenset({"power"}), "111")
    aid = LexEntry("SANCTION", "v", "blow", "", frozenset({"aid"}), "162")
    lex = _lexicon([plain, power, aid])
    lex.partitive = frozenset({"shipment"})
    lines = {"power", "line"}
    assert lex.verb("blow", objects=lines, heads={"line"}, direct=lines).code == "190"
    ships = {"aid", "shipment"}
    assert lex.verb("blow", objects=ships, heads={"shipment"}, direct=ships).code == "162"

"""The parse-based event coder and its CAMEO-built dictionary, on sentences written for these
tests.

The coder tests need the trained pipeline (``requirements/parser.txt``) and skip without it;
the dictionary tests run everywhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from realpolitik.errors import InputError, MissingDependencyError
from realpolitik.ingest.cameo_plover import default_lexicon
from realpolitik.ingest.coder import ParsedEvent, code_parsed, to_events
from realpolitik.ingest.lexicon import load_lexicon

LEX = default_lexicon()


def test_every_entry_has_a_declared_type_with_a_signed_weight() -> None:
    entries = [e for es in LEX.verbs.values() for e in es] + list(LEX.nouns.values())
    assert len(entries) > 300
    assert {e.type for e in entries if e.type} <= set(LEX.types)  # "": a null pattern
    assert all(e.type for e in LEX.nouns.values())
    for t in LEX.types.values():
        assert (t.goldstein > 0) == t.cooperative, t.name


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(sorted(LEX.verbs)), st.sets(st.sampled_from(["treaty", "aid", "talks"])))
def test_lookup_prefers_the_most_specific_entry(lemma: str, objects: set[str]) -> None:
    got = LEX.verb(lemma, set(), objects)
    plain = LEX.verb(lemma)
    if got is not None and got.objects:
        assert got.objects & objects  # an object-bound entry only when its object is there
    if plain is not None:
        assert not plain.objects and not plain.particle


def test_malformed_dictionary_line_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "lex.tsv"
    bad.write_text("@type\tAGREE\t03\t5.2\tverbal-coop\nAGREE\tx\tagree\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"lex\.tsv:2"):
        load_lexicon(bad)


def test_mutual_event_without_target_becomes_pairs() -> None:
    pe = ParsedEvent("AGREE", ("JPN", "AUS", "PHL"), (), "actual", 0, 6, "signed", 0, 0.9)
    rows = to_events(3, 100, pe)
    assert {(e.source, e.target) for e in rows} == {("JPN", "AUS"), ("JPN", "PHL"), ("AUS", "PHL")}
    assert all(e.goldstein and e.goldstein > 0 and e.start == 100 for e in rows)


@pytest.fixture(scope="module")
def nlp() -> object:
    from realpolitik.ingest.parse import load_parser

    try:
        return load_parser(lemmas=True)
    except MissingDependencyError:
        pytest.skip("no trained spaCy English pipeline installed (see requirements/parser.txt)")


ACTORS = {
    "Japan": "JPN",
    "Australia": "AUS",
    "Manila": "PHL",
    "Beijing": "CHN",
    "Seoul": "KOR",
    "Pyongyang": "PRK",
    "Tokyo": "JPN",
    "Hanoi": "VNM",
    "Chinese": "CHN",
    "Vietnamese": "VNM",
    "Canberra": "AUS",
    "Indonesia": "IDN",
    "Canada": "CAN",
    "Norway": "NOR",
    "Norwegian": "NOR",
    "Canadian": "CAN",
}


def _code(nlp: object, text: str) -> list[ParsedEvent]:
    import re

    spans = [
        (m.start(), m.end(), ACTORS[m.group(0)])
        for m in re.finditer("|".join(sorted(ACTORS, key=len, reverse=True)), text)
    ]
    return code_parsed(nlp(text), spans)  # type: ignore[operator]


def _main(evs: list[ParsedEvent]) -> tuple[str, tuple[str, ...], tuple[str, ...], str]:
    e = max(evs, key=lambda e: (e.confidence, -e.start))
    return e.type, e.sources, e.targets, e.mode


def test_signed_treaty_is_a_formal_agreement(nlp: object) -> None:
    """CAMEO 057 (sign formal agreement), which the 2021 table files under SUPPORT."""
    evs = _code(nlp, "Japan and Australia signed a treaty on Friday.")
    assert _main(evs) == ("SUPPORT", ("JPN", "AUS"), (), "actual")
    assert LEX.types["SUPPORT"].goldstein > 0
    assert evs[0].code == "057"


def test_passive_agent_is_the_source(nlp: object) -> None:
    evs = _code(nlp, "Manila was accused by Beijing of ramming a supply boat.")
    assert _main(evs)[:3] == ("ACCUSE", ("CHN",), ("PHL",))


def test_possessor_stands_for_its_actor(nlp: object) -> None:
    evs = _code(nlp, "Japan's foreign minister condemned Pyongyang over the missile launch.")
    assert _main(evs)[:3] == ("ACCUSE", ("JPN",), ("PRK",))


def test_reported_speech_is_the_embedded_subjects(nlp: object) -> None:
    evs = _code(nlp, "Seoul said Pyongyang had fired two missiles toward Japan.")
    typ, src, _tgt, _ = _main(evs)
    assert (typ, src) == ("FIGHT", ("PRK",)) and "KOR" not in src


def test_must_in_reported_speech_is_a_demand(nlp: object) -> None:
    evs = _code(nlp, "Tokyo said Beijing must release the detained fishermen.")
    assert _main(evs)[:3] == ("DEMAND", ("JPN",), ("CHN",))


def test_negated_cooperation_is_a_refusal(nlp: object) -> None:
    evs = _code(nlp, "Hanoi will not meet the Chinese delegation this year.")
    assert _main(evs)[:3] == ("REJECT", ("VNM",), ("CHN",))


def test_future_coercion_is_a_threat(nlp: object) -> None:
    evs = _code(nlp, "Canberra plans to impose sanctions on Indonesia next month.")
    assert _main(evs) == ("THREATEN", ("AUS",), ("IDN",), "future")


def test_hypothetical_mode(nlp: object) -> None:
    evs = _code(nlp, "Vietnamese officials could condemn Beijing if the ships return.")
    assert _main(evs)[3] == "hypothetical"


def test_nominal_event_between_a_group(nlp: object) -> None:
    evs = _code(nlp, "Officials described the talks between Tokyo, Seoul and Canberra.")
    assert any(e.type == "CONSULT" and set(e.sources) == {"JPN", "KOR", "AUS"} for e in evs)


def test_treaty_relation_is_positive_through_the_pipeline(nlp: object) -> None:
    from realpolitik.ingest.evaluate import predicted_relations
    from realpolitik.ingest.pipeline import default_extractor
    from realpolitik.ingest.types import RawDocument

    ex = default_extractor(parser=True)
    doc = ex.extract(
        RawDocument(
            text="Japan and Australia signed a mutual defence treaty amid tensions with Beijing.",
            source="t",
            date="2024-01-01",
        )
    )
    rel = predicted_relations(doc, ex.kinds, ex.relation_min_tone)
    assert rel.get(("AUS", "JPN")) == 1


def test_a_null_pattern_codes_no_event(nlp: object) -> None:
    """CAMEO's "seize * OPPORTUNITY [---]": taking a chance is no seizure."""
    assert not _code(nlp, "Canada is seizing the opportunity to expand its trade with Norway.")
    assert _main(_code(nlp, "Canada seized a Norwegian trawler."))[0] == "COERCE"


def test_a_speech_delivered_is_no_aid(nlp: object) -> None:
    """CAMEO's "deliver * ADDRESS [010]" is a statement, which PLOVER does not code; the verb's
    own type (aid) is for what is delivered otherwise."""
    evs = _code(nlp, "Canada's prime minister delivered an address at a summit in Norway.")
    assert not [e for e in evs if e.type == "AID"]
    assert _main(_code(nlp, "Canada delivered food to Norway."))[:3] == ("AID", ("CAN",), ("NOR",))


def test_a_person_given_something_is_not_an_abduction(nlp: object) -> None:
    """A light verb's object names the event only where a pattern was written for it."""
    evs = _code(nlp, "Canada provided Norway's minister with an escort.")
    assert evs and not [e for e in evs if e.type == "ASSAULT"]


def test_a_verb_of_saying_has_no_target_but_its_addressee(nlp: object) -> None:
    """A party named in an adjunct of a statement is talked about, not talked to."""
    evs = _code(nlp, "Canada insisted the plan was safe, noting that Norway had approved it.")
    assert not [e for e in evs if "CAN" in e.sources and "NOR" in e.targets]
    evs = _code(nlp, "Canada warned Norway that its trawlers would be seized.")
    assert any(e.sources == ("CAN",) and e.targets == ("NOR",) for e in evs)


@pytest.mark.parametrize(
    ("text", "paired"),
    [
        ("Canada and Norway imposed new tariffs on steel last year.", False),  # co-agents
        ("Canada and Norway accused each other of overfishing.", True),  # reciprocal
        ("Canadian and Norwegian trawlers clashed off the coast.", True),  # symmetric verb
        ("Canada and Norway signed a fisheries accord.", True),  # cooperation
    ],
)
def test_coordinated_sources_act_on_each_other_only_when_mutual(
    nlp: object, text: str, paired: bool
) -> None:
    evs = _code(nlp, text)
    assert evs, text
    rows = [r for e in evs for r in to_events(0, 0, e)]
    assert any({r.source, r.target} == {"CAN", "NOR"} for r in rows) == paired, rows


def test_a_question_does_not_assert_its_event(nlp: object) -> None:
    assert _main(_code(nlp, "Canada condemned Norway."))[3] == "actual"
    assert _main(_code(nlp, "Has Canada condemned Norway?"))[3] == "hypothetical"


def _relations(text: str, standing: bool = True) -> dict[tuple[str, str], int]:
    from realpolitik.ingest.evaluate import predicted_relations
    from realpolitik.ingest.pipeline import default_extractor
    from realpolitik.ingest.types import RawDocument

    ex = default_extractor(parser=True)
    doc = ex.extract(RawDocument(text=text, source="t", date="2024-01-01"))
    return predicted_relations(doc, ex.kinds, ex.relation_min_tone, standing=standing)


def test_a_standing_relation_stays_beside_the_parsed_event(nlp: object) -> None:
    """ "an ally of" is no verb: the parse codes the criticism, the rules the alliance."""
    from realpolitik.ingest.pipeline import default_extractor
    from realpolitik.ingest.types import RawDocument

    ex = default_extractor(parser=True)
    text = "Canada, an ally of Norway, criticised Norway over fishing quotas on Monday."
    doc = ex.extract(RawDocument(text=text, source="t", date="2024-01-01"))
    pair = [e for e in doc.events if {e.source, e.target} == {"CAN", "NOR"}]
    assert {e.aspect for e in pair} == {"state", "event"}
    assert _relations(text) == {("CAN", "NOR"): 1}


def test_a_stated_standing_relation_decides_the_sign(nlp: object) -> None:
    """Two allies who trade accusations once are still allies (the parse path's setting)."""
    text = (
        "Canada and Norway have been allies for decades. Canada condemned Norway on Monday, "
        "and Norway accused Canada of lying."
    )
    assert _relations(text, standing=False).get(("CAN", "NOR")) is None  # mixed evidence
    assert _relations(text).get(("CAN", "NOR")) == 1
    # no standing relation stated: the events alone decide
    assert _relations("Canada condemned Norway on Monday.").get(("CAN", "NOR")) == -1


def test_coordinated_sources_of_a_talk_meet_each_other(nlp: object) -> None:
    """No object: the actor in a later clause is not the target of the joint call."""
    evs = _code(nlp, "Japan and Australia held talks, during which they discussed Hanoi.")
    assert _main(evs)[:3] == ("CONSULT", ("JPN", "AUS"), ())


def test_what_was_warned_about_is_not_the_target(nlp: object) -> None:
    text = "Manila warned that a clash at sea would trigger the treaty it signed with Tokyo."
    evs = _code(nlp, text)
    assert any(e.type == "THREATEN" for e in evs)
    assert all("JPN" not in e.targets for e in evs if e.type == "THREATEN")


def test_what_was_said_is_not_the_verb_of_sayings_object(nlp: object) -> None:
    """A complement clause is content: "said" is not looked up with "fired" as its object."""
    evs = _code(nlp, "Seoul said Pyongyang had fired two missiles toward Japan.")
    assert all(e.cue != "said" for e in evs)


def test_halting_entry_is_a_sanction(nlp: object) -> None:
    evs = _code(nlp, "Beijing halted the entry of goods into Vietnamese ports.")
    assert _main(evs)[:3] == ("SANCTION", ("CHN",), ("VNM",))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Canada telephoned the Norwegian prime minister on Monday.", "CONSULT"),
        ("Canada demanded on Friday that Norway halt its whaling.", "DEMAND"),
        ("Canada called on Norway to halt its whaling.", "REQUEST"),  # "call on": a complement
    ],
)
def test_a_time_adjunct_selects_no_prepositional_pattern(nlp: object, text: str, kind: str) -> None:
    """CAMEO keys some senses on a preposition ("call on" is an appeal); "on Monday" only says
    when, so it must not select them (before: the telephone call was an appeal, the demand a
    use of military force)."""
    assert _main(_code(nlp, text))[0] == kind


@pytest.mark.parametrize(
    ("text", "kind", "mode"),
    [
        ("Canada pledged aid to Norway.", "AGREE", "future"),  # promised, not given
        ("Canada offered troops to Norway.", "AGREE", "future"),
        ("Canada pledged to impose sanctions on Norway.", "THREATEN", "future"),
        ("Canada sent aid to Norway.", "AID", "actual"),  # a light verb of doing
    ],
)
def test_a_light_verb_of_intent_promises_its_event(
    nlp: object, text: str, kind: str, mode: str
) -> None:
    """CAMEO codes offers and pledges as intentions (its OFFER block is 030, "express intent
    to cooperate"): the event a verb of intent names is promised, so it is coded as one."""
    typ, src, tgt, got = _main(_code(nlp, text))
    assert (typ, src, tgt, got) == (kind, ("CAN",), ("NOR",), mode)


def test_an_intensifying_verb_does_not_type_event_nouns(nlp: object) -> None:
    """CAMEO's "escalate * WAR [138]" codes the escalation (a threat), not the war: the
    patterns of intensifying light verbs do not give event nouns their types."""
    assert "escalate" in LEX.light and "escalate" in LEX.intensify
    assert LEX.nouns["war"].type == "FIGHT"
    assert _main(_code(nlp, "Canada launched a war against Norway."))[:3] == (
        "FIGHT",
        ("CAN",),
        ("NOR",),
    )


def test_a_pattern_noun_in_ises_matches_its_lemma(nlp: object) -> None:
    """CAMEO's "hold * {JOINT EXERCISES} [062]": the reader's singular of "exercises" was
    "exercisis" (as "crises" -> crisis), so the parser's lemma *exercise* never matched."""
    assert _main(_code(nlp, "Japan held a joint exercise with Australia."))[:3] == (
        "COOPERATE",
        ("JPN",),
        ("AUS",),
    )


def test_a_patterns_preposition_is_required(nlp: object) -> None:
    """CAMEO's "go/travel * (OF TALKS) [164]" (written for "pulled out of talks"): the reader
    did not know "of" as a preposition and kept "talks" alone, so travelling for talks was
    halting negotiations."""
    assert _main(_code(nlp, "Canada travelled to Norway for talks on fishing."))[:3] == (
        "CONSULT",
        ("CAN",),
        ("NOR",),
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Canada pulled out of the talks with Norway.", "164"),  # halt negotiations
        ("Canada pulled out its troops from Norway.", "0874"),  # military retreat
        ("Canada stepped up patrols near Norway.", "130"),  # a threat
    ],
)
def test_a_blocks_patterns_reach_its_phrasal_verbs(nlp: object, text: str, code: str) -> None:
    """As in PETRARCH2, a verb block's patterns apply to its phrasal verbs too ("+PULL_OUT"
    with "- * (OF TALKS) [164]"); "out of" is one complex preposition."""
    evs = _code(nlp, text)
    top = max(evs, key=lambda e: (e.confidence, -e.start))
    assert (top.code, top.sources, top.targets) == (code, ("CAN",), ("NOR",))


@pytest.mark.parametrize(
    "text",
    [
        "Canada closed its ports after a storm, which Norwegian forecasters had predicted.",
        "Canada closed its ports after the storm that Norway had predicted.",
    ],
)
def test_an_actor_in_a_relative_clause_is_not_the_main_verbs_target(nlp: object, text: str) -> None:
    """Rule 15: the relative clause's actors are its own verb's participants."""
    evs = [e for e in _code(nlp, text) if e.cue == "closed"]
    assert evs and all("NOR" not in e.targets for e in evs)


def test_a_target_outside_the_relative_clause_is_kept(nlp: object) -> None:
    evs = [e for e in _code(nlp, "Canada closed its ports to Norway after the storm.")]
    assert [e.targets for e in evs if e.cue == "closed"] == [("NOR",)]


def test_a_subject_only_pattern_stays_with_its_own_verb(nlp: object) -> None:
    """Rule 16: "&MILITARY * [192]" was written for *take* (troops took a town); an arrest by
    soldiers is still an arrest (173), not an occupation."""
    arrest = _code(nlp, "Canadian soldiers arrested two Norwegian fishermen on Monday.")
    assert [(e.type, e.code) for e in arrest] == [("COERCE", "173")]
    took = _code(nlp, "Canadian troops took the Norwegian town.")
    assert [(e.type, e.code) for e in took] == [("FIGHT", "192")]


@pytest.mark.parametrize(
    "text",
    [
        "Canada denied that Canadian warships had attacked Norwegian trawlers.",
        "Canada denied that Canadian warships had attacked Norwegian boats and seized their catch.",
        "Canada dismissed reports that Canadian warships had seized a Norwegian ship.",
    ],
)
def test_a_denied_event_is_not_coded(nlp: object, text: str) -> None:
    """What a verb of denial's complement says is denied, not reported: no attack or seizure
    is coded (the same clause under a verb of saying is)."""
    assert not [e for e in _code(nlp, text) if e.type in ("FIGHT", "ASSAULT", "COERCE")]
    said = _code(nlp, "Canada said that Canadian warships had attacked Norwegian trawlers.")
    assert _main(said)[:3] == ("FIGHT", ("CAN",), ("NOR",))


def test_urge_codes_with_the_patterns_written_for_it(nlp: object) -> None:
    """CAMEO 2.0's DEMAND block holds patterns written for URGE but does not list the verb;
    the reader adds it with the family most of them give: an urging is an appeal."""
    assert _main(_code(nlp, "Canada urged Norway to resume talks."))[:3] == (
        "REQUEST",
        ("CAN",),
        ("NOR",),
    )
    withdraw = _code(nlp, "Canada urged Norway to withdraw its troops.")
    assert [(e.type, e.code) for e in withdraw] == [("REQUEST", "025")]


@pytest.mark.parametrize(
    "text",
    [
        "Canada vowed to retaliate if Norway imposed tariffs.",
        "Canada promised to lift sanctions if Norway released the sailors.",
    ],
)
def test_a_condition_is_not_what_is_intended(nlp: object, text: str) -> None:
    """The intent verb's event is in its complement; the ``if`` clause on that complement is
    its condition, not a second promise or threat by the condition's subject."""
    evs = _code(nlp, text)
    assert [e.sources for e in evs] == [("CAN",)] and evs[0].targets == ("NOR",)


def test_a_noun_compound_is_a_kind_of_its_head(nlp: object) -> None:
    """ "Security cooperation" is cooperation: a pattern naming the modifier ("increase *
    SECURITY", a mobilisation) is less specific than one naming the head."""
    objs, ctx = {"security", "cooperation"}, {"security", "cooperation"}
    assert LEX.verb("deepen", set(), objs, ctx, heads={"security"}).type == "MOBILIZE"
    assert LEX.verb("deepen", set(), objs, ctx, heads={"cooperation"}).type == "AGREE"
    text = "Canada pledged to deepen security cooperation with Norway."
    assert _main(_code(nlp, text)) == ("AGREE", ("CAN",), ("NOR",), "future")


@pytest.mark.parametrize(
    "text",
    [
        "Canada warned of consequences if Norway went ahead with the plan.",
        "Canada told Norway that it would not accept the new quotas.",
    ],
)
def test_an_event_with_no_named_target_is_aimed_at_its_second_party(nlp: object, text: str) -> None:
    """A conditional warning is aimed at whoever's conduct is the condition, and an act
    announced to someone at the addressee; neither is Canada acting on itself."""
    src, tgt = _main(_code(nlp, text))[1:3]
    assert (src, tgt) == (("CAN",), ("NOR",))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Japan and Australia began a week of joint naval exercises.", "COOPERATE"),
        ("Japan and Australia held a second round of negotiations in Perth.", "CONSULT"),
    ],
)
def test_a_partitive_object_stands_for_its_of_noun(nlp: object, text: str, kind: str) -> None:
    """ "A week of exercises" is exercises and "a round of negotiations" negotiations: the
    noun of quantity or span is not what the verb acts on."""
    assert _main(_code(nlp, text))[0] == kind


def test_a_particle_the_parser_calls_an_adverb_is_a_particle(nlp: object) -> None:
    """ "Pulled back" is the phrasal verb *pull back* (a retreat), not *pull* (an extraction)."""
    text = "Vietnamese troops pulled back from positions near the Chinese border."
    assert _main(_code(nlp, text))[:3] == ("RETREAT", ("VNM",), ("CHN",))


def test_a_pattern_without_preposition_needs_a_direct_object(nlp: object) -> None:
    """CAMEO's "urge * TALKS" is an appeal for talks; "demanded it at the talks" names where
    the demand was made, so it stays a demand."""
    assert _main(_code(nlp, "Seoul demanded it at the talks."))[0] == "DEMAND"


def test_an_event_undergone_runs_from_the_from_phrase_to_the_subject(nlp: object) -> None:
    text = "Japan came under sharp criticism from Beijing on Monday."
    assert _main(_code(nlp, text))[:3] == ("ACCUSE", ("CHN",), ("JPN",))


def test_the_parties_of_an_event_noun_can_hang_on_its_verb(nlp: object) -> None:
    """ "Fighting broke out between X and Y": the onset verb carries the event's parties."""
    evs = _code(nlp, "Fighting broke out between Chinese and Vietnamese forces.")
    assert _main(evs)[:2] == ("FIGHT", ("CHN", "VNM"))


def test_a_patterns_words_before_the_verb_must_precede_it(nlp: object) -> None:
    """CAMEO's "UNION * CALL" is a trade union refusing a call (a threat of dissent): the
    word must come before the verb, not in "a European Union call" after it."""
    text = "Seoul refused a European Union call to lift the ban."
    assert _main(_code(nlp, text))[:2] == ("REJECT", ("KOR",))


@pytest.mark.parametrize(
    "text",
    [
        "Shells fired by Canadian forces struck a Norwegian village.",
        "Two Norwegian fishermen were killed in a Canadian air raid.",
    ],
)
def test_a_violent_act_is_done_by_whoever_wields_the_weapon(nlp: object, text: str) -> None:
    """With no actor as subject, the agent of a weapon's participle, or the actor of the
    attack a passive happened in, did the act."""
    assert _main(_code(nlp, text))[1:3] == (("CAN",), ("NOR",))


def test_an_infinitive_on_a_noun_is_not_an_event(nlp: object) -> None:
    """A plan to resume talks has not resumed them."""
    evs = _code(nlp, "Canada's plan to resume talks with Norway was published on Monday.")
    assert all(e.cue != "resume" for e in evs)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Vietnamese troops began withdrawing from the Chinese border.", "RETREAT"),
        ("Canada has begun sharing intelligence with Norway.", "COOPERATE"),
    ],
)
def test_a_verb_of_beginning_passes_the_event_to_its_complement(
    nlp: object, text: str, kind: str
) -> None:
    """ "Began withdrawing" is a withdrawal, not a beginning coded by *begin*'s own sense."""
    assert _main(_code(nlp, text))[0] == kind


def test_a_passives_by_phrase_on_its_object_is_the_agent(nlp: object) -> None:
    """In "Norway was granted a loan by Canada" the parser hangs "by Canada" on the loan;
    it is still who granted it."""
    text = "Norway was granted a large loan by Canada."
    assert _main(_code(nlp, text))[:3] == ("AID", ("CAN",), ("NOR",))


def test_a_tie_between_patterns_goes_to_the_one_written_for_the_verb(nlp: object) -> None:
    """CAMEO's GRANT block has two patterns for aircraft: an intent to give military aid,
    written for SUPPLY, and military aid, written for DONATE; a donation is the aid."""
    text = "Canada donated two aircraft to Norway."
    assert [(e.type, e.code) for e in _code(nlp, text)] == [("AID", "072")]


def test_a_verb_lines_own_code_beats_its_blocks_code(nlp: object) -> None:
    """CAMEO lists BEAT in its DESTROY block twice: bare (190, defeating a force) and with its
    own code (182, beating people up); the verb's own code decides."""
    text = "Norwegian fishermen were beaten by Canadian sailors."
    assert [(e.type, e.code) for e in _code(nlp, text)] == [("ASSAULT", "182")]


def test_a_finite_verb_left_without_a_subject_takes_the_phrase_before_it(nlp: object) -> None:
    """The small model reads "Oslo, Canada and Norway" as one list inside the opening phrase and
    leaves "signed" with no subject; the phrase between the last comma and the verb is it."""
    text = "After two days of talks in Oslo, Canada and Norway signed a fisheries treaty on Friday."
    type_, src, tgt, _ = _main(_code(nlp, text))
    assert (type_, set(src) | set(tgt)) == ("SUPPORT", {"CAN", "NOR"})


def test_a_pattern_written_twice_takes_its_later_line(nlp: object) -> None:
    """CAMEO's SEND block has "* &MILITARY" as military aid (072, for SEND and DEPLOY) and, further
    down, as a mobilisation (154, for DEPLOY): troops deployed to one's own border are forces
    moved, not aid to the neighbour."""
    text = "Canada deployed troops to its border with Norway."
    assert [(e.type, e.code) for e in _code(nlp, text)] == [("MOBILIZE", "154")]


def test_an_intent_verb_readied_for_an_event_noun_intends_that_event(nlp: object) -> None:
    """ "Preparing for war" intends the war (a threat), as "preparing to attack" does; the verb's
    own CAMEO sense, an intention to cooperate, was coded instead."""
    assert _main(_code(nlp, "Canada is preparing for war with Norway."))[:3] == (
        "THREATEN",
        ("CAN",),
        ("NOR",),
    )


def test_a_past_participle_on_a_noun_is_done_to_the_noun(nlp: object) -> None:
    """ "Fishermen detained by Canada": the fishermen undergo the detention and the *by* phrase
    names who did it; the coder used to read the noun as the one detaining."""
    events = _code(nlp, "Norwegian fishermen detained by Canada were freed on Monday.")
    assert ("COERCE", ("CAN",), ("NOR",)) in [(e.type, e.sources, e.targets) for e in events]


def test_an_unnamed_crowd_belongs_to_the_place_it_gathers_in(nlp: object) -> None:
    """ "Hundreds of people rallied in Canberra against the Chinese government": the subject is a
    quantity of an unnamed group (read through its *of* phrase) in a story of two countries, so
    its country is the place the verb says it acted in. The coder used to code nothing."""
    events = _code(nlp, "Hundreds of people rallied in Canberra against the Chinese government.")
    assert ("PROTEST", ("AUS",), ("CHN",)) in [(e.type, e.sources, e.targets) for e in events]


def test_a_quantity_of_a_domestic_group_is_that_group(nlp: object) -> None:
    """ "Thousands of students" are students: the group test reads past the quantity noun."""
    events = _code(nlp, "Thousands of students marched in Tokyo against the new security laws.")
    assert ("PROTEST", ("JPN",), ("JPN",)) in [(e.type, e.sources, e.targets) for e in events]


def test_a_reported_clause_reports_its_complements(nlp: object) -> None:
    """ "The Canadian prime minister said his government was ready to cooperate with Norway":
    *cooperate* completes *ready*, which completes the reported *was*, so its pronoun-owned
    subject is the speaker's; the coder looked for a speaker only on the reported verb itself
    and coded nothing."""
    text = "The Canadian prime minister said his government was ready to cooperate with Norway."
    assert _main(_code(nlp, text))[:3] == ("AGREE", ("CAN",), ("NOR",))
    text = "The Canadian prime minister said he was willing to meet the Norwegian king."
    assert _main(_code(nlp, text))[:3] == ("AGREE", ("CAN",), ("NOR",))


def test_a_verb_of_fulfilling_takes_its_with_phrase_as_its_object(nlp: object) -> None:
    """ "Canada provided Norway with food assistance" is "provided food assistance to Norway":
    the dictionary's *provide * ASSISTANCE* (aid) applies; the coder saw only the recipient as
    the object and took the plain verb's cooperation."""
    events = _code(nlp, "Canada provided Norway with emergency food assistance.")
    assert [(e.type, e.code, e.sources, e.targets) for e in events] == [
        ("AID", "070", ("CAN",), ("NOR",))
    ]


def test_what_a_protest_crowd_does_in_conflict_is_protest(nlp: object) -> None:
    """CAMEO's root 14 takes protesters' collective action: their violence is a riot (145), not
    armed force, and their seizure of a building is protest, not coercion."""
    text = "Norwegian protesters stormed the Canadian embassy in Oslo and set fire to cars."
    assert [(e.type, e.code) for e in _code(nlp, text)][:1] == [("PROTEST", "145")]
    text = "Norwegian demonstrators seized the Canadian consulate."
    assert [(e.type, e.code) for e in _code(nlp, text)][:1] == [("PROTEST", "140")]


def test_being_opposed_to_something_is_the_subjects_stance(nlp: object) -> None:
    """ "Canada is opposed to Norway's plan": an adjectival passive of attitude, so Canada is the
    one who opposes (the small model also hangs "Canada" on the auxiliary); a true passive with
    its agent stays the other way round."""
    assert _main(_code(nlp, "Canada is opposed to Norway's plan."))[:3] == (
        "ACCUSE",
        ("CAN",),
        ("NOR",),
    )
    assert _main(_code(nlp, "Canada was opposed by Norway at the summit."))[:3] == (
        "ACCUSE",
        ("NOR",),
        ("CAN",),
    )


def test_a_time_phrase_does_not_cut_an_intent_verb_from_its_complement(nlp: object) -> None:
    """ "Canada offered on Wednesday to mediate": the small model makes "to mediate" a purpose
    clause once the day stands between, and *offer* coded its own sense (030) instead of
    passing the event to its complement, as it does without the day."""
    with_day = _code(nlp, "Canada offered on Wednesday to mediate between Norway and Japan.")
    without = _code(nlp, "Canada offered to mediate between Norway and Japan.")
    assert [(e.type, e.code) for e in with_day] == [(e.type, e.code) for e in without]
    assert _main(with_day)[0] == "AGREE"


def test_an_aspect_verb_with_an_event_object_keeps_it(nlp: object) -> None:
    """ "Norwegian farmers began a hunger strike to press Canada ...": the object names the
    event (CAMEO's *begin * {HUNGER STRIKE}*) and "to press" is its purpose; the coder passed
    the event to "press" (a demand), as it rightly does for "began to withdraw"."""
    text = "Norwegian farmers began a hunger strike to press the government for higher prices."
    assert [(e.type, e.code) for e in _code(nlp, text)][:1] == [("PROTEST", "142")]


def test_unidentified_attackers_are_of_the_place_they_strike(nlp: object) -> None:
    """Gunmen are an unnamed group: in a story of two countries they take the place the verb
    names, read through a place noun ("the Norwegian town of ..."), as CAMEO codes
    unidentified attackers by the country of the attack; so does force by no one named."""
    text = "Unidentified gunmen opened fire on Canadian tourists in the Norwegian town of Tromso."
    assert [(e.sources, e.targets) for e in _code(nlp, text)][:1] == [(("NOR",), ("CAN",))]
    text = "Two Canadian soldiers were killed by a roadside bomb outside the Norwegian town of Vik."
    assert [(e.sources, e.targets) for e in _code(nlp, text)][:1] == [(("NOR",), ("CAN",))]


def test_an_abstract_noun_names_no_place(nlp: object) -> None:
    """ "In defiance of Chinese authorities" says against whom, not where: the crowd is not
    Chinese (and with no place named it stays uncoded)."""
    text = "Thousands of people blocked streets in defiance of Chinese authorities and Japan."
    assert not [e for e in _code(nlp, text) if "CHN" in e.sources]


def test_a_verb_of_entering_takes_the_event_it_enters(nlp: object) -> None:
    """ "Went on strike" is a strike, not a visit: *go*'s own CAMEO sense is travel (a
    consultation), and the event is the noun of its *on* phrase."""
    text = "Norwegian dockworkers went on strike on Monday."
    assert [e.type for e in _code(nlp, text)][:1] == ["PROTEST"]


def test_a_passive_removal_from_a_state_is_that_states_act(nlp: object) -> None:
    """ "Two Canadian diplomats were expelled from Norway": no agent is named, and a state
    expels from its own territory, so Norway expelled them; "from the party" names no state."""
    events = _code(nlp, "Two Canadian diplomats were expelled from Norway on Monday.")
    assert [(e.sources, e.targets) for e in events][:1] == [(("NOR",), ("CAN",))]


def test_where_two_sides_meet_is_not_a_third_party(nlp: object) -> None:
    """ "Canadian and Norwegian ministers met in Tokyo": the two meet each other, and Tokyo is
    where; the coder made Japan the party they met."""
    events = _code(nlp, "Canadian and Norwegian ministers met in Tokyo on Monday.")
    assert {(e.sources, e.targets) for e in events} == {(("CAN", "NOR"), ())}  # each other


def test_calling_something_a_name_is_no_telephone_call(nlp: object) -> None:
    """ "Canada called the Norwegian plan a serious mistake": *call* with an object and an
    object predicate names X as Y, a sense CAMEO's CALL block does not code; its plain *call*
    is a telephone consultation (041), and *call * PLAN* an intention, friendly acts this
    sentence does not report."""
    assert not _code(nlp, "Canada called the Norwegian plan a serious mistake.")
    assert not _code(nlp, "Canada called Norway's decision a serious mistake.")
    assert [e.type for e in _code(nlp, "Canada called Norway on Monday.")] == ["CONSULT"]


def test_a_mutual_event_has_its_second_party() -> None:
    """ "Peru and Ecuador held talks on their fishing dispute": the two talk with each other, so
    the talks are not an event without a target, ranked below the dispute they are about;
    and a venue on the object ("signed a peace agreement in Brasilia") is no party either.
    (The whole extractor: the world dictionary names the actors.)"""
    from realpolitik.ingest.pipeline import default_extractor
    from realpolitik.ingest.plover_eval import _main as main_event
    from realpolitik.ingest.types import RawDocument

    try:
        extractor = default_extractor()
    except MissingDependencyError:
        pytest.skip("no trained spaCy English pipeline installed (see requirements/parser.txt)")

    def code(text: str) -> Any:
        return main_event(extractor.extract(RawDocument(text=text, source="t")).events)

    assert code("Peru and Ecuador held talks on their fishing dispute.")[0] == "CONSULT"
    assert code("Peru and Ecuador signed a peace agreement in Brasilia.")[:3] == (
        "SUPPORT",
        {"PER"},
        {"ECU"},  # the pair of the two signatories, not both with Brazil
    )

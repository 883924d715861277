"""Extraction rules on articles written for these tests (other East Asian events than the
seeds, to show the rules generalise) and the measured targets on the five seed articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from realpolitik.ingest.claims import detect_claim_kind, horizon_year, split_conditional
from realpolitik.ingest.evaluate import evaluate_extraction, predicted_relations
from realpolitik.ingest.figures import find_figures
from realpolitik.ingest.pipeline import Extractor, default_extractor
from realpolitik.ingest.readers import read_sources
from realpolitik.ingest.types import ExtractedDocument, RawDocument

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


@pytest.fixture(scope="module")
def ex() -> Extractor:
    """The rules-only ``--fast`` mode, whose rules these tests check."""
    return default_extractor(parser=False)


def _doc(ex: Extractor, name: str) -> ExtractedDocument:
    raw = next(x for x in read_sources([str(FIX / name)]) if isinstance(x, RawDocument))
    return ex.extract(raw)


def test_shoal_incident(ex: Extractor) -> None:
    d = _doc(ex, "shoal_incident.txt")
    assert d.date == "2024-06-17" and d.author == "Ana Reyes"
    assert {m.actor for m in d.mentions if m.kind == "actor"} == {"PHL", "CHN", "USA", "JPN"}
    cand = [m for m in d.mentions if m.kind == "candidate"]
    assert [(m.text, m.actor) for m in cand] == [("Gilberto Teodoro", "PHL")]
    assert not any("Photo" in s.text or "Reply" in s.text for s in d.sentences)
    assert predicted_relations(d, ex.kinds) == {("CHN", "PHL"): -1, ("PHL", "USA"): 1}
    ram = next(e for e in d.events if e.cue == "ramming")
    assert (ram.source, ram.target, ram.plover, ram.cameo) == ("CHN", "PHL", "ASSAULT", "190")
    assert [(f.value, f.unit) for f in d.figures] == [
        (12.0, "count"),
        (39e9, "USD"),
        (0.08, "fraction"),
    ]
    kinds = [(c.kind, c.horizon) for c in d.claims]
    assert kinds == [("conditional", None), ("forecast", 2030)]
    assert d.claims[0].levers[0].id == "china_military_pressure"


def test_japan_australia_deal(ex: Extractor) -> None:
    d = _doc(ex, "japan_australia_deal.txt")
    assert predicted_relations(d, ex.kinds).get(("AUS", "JPN")) == 1
    fig = [(f.value, f.unit) for f in d.figures]
    assert fig == [(1.5e12, "JPY")]
    unless = next(c for c in d.claims if c.marker == "unless")
    assert unless.kind == "conditional" and unless.antecedent.startswith("Unless China")
    assert next(c for c in d.claims if "five years" in c.text).horizon == 2028
    # a future event is kept but not counted as actual
    assert any(e.mode == "future" for e in d.events if not e.uncodable)


def test_paracel_fishing(ex: Extractor) -> None:
    d = _doc(ex, "paracel_fishing.txt")
    assert d.date == "2024-09-03" and d.author == "Minh Tran"
    assert predicted_relations(d, ex.kinds) == {("CHN", "VNM"): -1, ("JPN", "VNM"): 1}
    coded = {(e.source, e.target, e.plover): e for e in d.events if not e.uncodable}
    assert coded[("CHN", "VNM", "ASSAULT")].mode == "actual"
    # talks Hanoi *urged* others to resume did not happen: irrealis complement
    assert coded[("CHN", "PHL", "CONSULT")].mode == "hypothetical"
    # "a partnership, angering Pyongyang": Pyongyang is not the partner
    assert not any({e.source, e.target} == {"KOR", "PRK"} for e in coded.values())
    assert [(c.kind, c.marker) for c in d.claims] == [("forecast", "will"), ("conditional", "if")]


@pytest.mark.parametrize(
    ("text", "pair", "mode"),
    [
        ("Tokyo and Seoul held talks on Monday.", ("JPN", "KOR"), "actual"),
        ("Beijing urged Tokyo and Seoul to hold talks soon.", ("JPN", "KOR"), "hypothetical"),
        ("Hanoi and Manila were urged to deepen ties.", ("PHL", "VNM"), "hypothetical"),
        ("Manila and Hanoi face the risk of clashes with Beijing.", ("PHL", "CHN"), "hypothetical"),
        ("Hanoi accused Beijing of harassing its fishermen.", ("VNM", "CHN"), "actual"),
    ],
)
def test_event_mode_rules(ex: Extractor, text: str, pair: tuple[str, str], mode: str) -> None:
    d = ex.extract(RawDocument(text=text, source="t"))
    modes = {e.mode for e in d.events if not e.uncodable and {e.source, e.target} == set(pair)}
    assert modes == {mode}


def test_group_acting_together_is_not_in_conflict(ex: Extractor) -> None:
    d = ex.extract(RawDocument(text="Manila and Hanoi clashes with Beijing.", source="t"))
    pairs = {frozenset((e.source, e.target)) for e in d.events if not e.uncodable}
    assert pairs == {frozenset(("PHL", "CHN")), frozenset(("VNM", "CHN"))}


@pytest.mark.parametrize(
    "text",
    [
        "Canberra joined the alliance, provoking Beijing.",
        "Seoul announced a new partnership, but Pyongyang objected.",
    ],
)
def test_party_not_across_clause(ex: Extractor, text: str) -> None:
    d = ex.extract(RawDocument(text=text, source="t"))
    assert not [e for e in d.events if not e.uncodable and e.plover == "COOPERATE"]


def test_asean_jsonl(ex: Extractor) -> None:
    items = list(read_sources([str(FIX / "asean_summit.jsonl")]))
    docs = [ex.extract(x) for x in items if isinstance(x, RawDocument)]
    assert len(docs) == 2 and sum(not isinstance(x, RawDocument) for x in items) == 1
    acts = {m.actor for m in docs[0].mentions if m.actor}
    assert {"ASEAN", "IDN", "MYS", "VNM", "USA", "CHN"} <= acts
    assert [(f.value, f.unit) for f in docs[0].figures] == [(680e6, "people")]
    assert any(c.kind == "conditional" for c in docs[0].claims)


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("If Hanoi joins the pact, trade will rise.", "conditional"),
        ("Seoul will host the next summit.", "forecast"),
        ("The talks, which could resume soon, were cancelled.", None),
        ("Observers said the ships could return.", "forecast"),
        ("Tokyo will have to decide soon.", None),
        ("Cooperation will be key to stability.", None),
        ("It is premature to assume that the truce will hold.", "forecast"),
        ("Closer ties would strengthen both navies.", "conditional"),
        ("They may meet again.", "hedge"),
    ],
)
def test_claim_detection_rules(sentence: str, kind: str | None) -> None:
    assert detect_claim_kind(sentence)[0] == kind


def test_split_and_horizon() -> None:
    assert split_conditional("Unless Manila yields, Beijing will block the shoal.", "unless") == (
        "Unless Manila yields",
        "Beijing will block the shoal.",
    )
    assert horizon_year("by 2035", None) == 2035
    assert horizon_year("by the end of the decade", None) is None


def test_figures_skip_dates_years_ordinals() -> None:
    s = "On March 22, 2025 the 11th round began; in 2016 it had 3 members and 15 ships."
    assert [(f.value, f.unit, f.noun) for f in find_figures(s)] == [
        (3.0, "count", "members"),
        (15.0, "count", "ships"),
    ]


def test_seed_targets(seeds_dir: Path, shared_dir: Path, ex: Extractor) -> None:
    res = evaluate_extraction(shared_dir / "eval" / "seeds-gold.json", seeds_dir, extractor=ex)
    m = res.micro()
    assert m["actors"][2] >= 0.95 and m["people"][2] >= 0.95 and m["figures"][2] >= 0.9
    assert m["claims"][1] >= 0.9 and m["claims"][0] >= 0.8
    assert m["conditional_mapping"][1] >= 0.7
    assert sum(len(v) for v in res.leaks.values()) == 0
    # relation signs: recall >= 0.7 with precision >= 0.8 (measured 0.864 / 0.704, see docs)
    assert m["relations"][1] >= 0.7 and m["relations"][0] >= 0.8


def test_cli_ingest_evidence_eval(tmp_path: Path, seeds_dir: Path, shared_dir: Path) -> None:
    from realpolitik.cli import app

    runner = CliRunner()
    db = f"sqlite:///{tmp_path / 'e.sqlite'}"
    r = runner.invoke(app, ["ingest", str(FIX), "--db", db, "--json"])
    assert r.exit_code == 0, r.output
    rep = json.loads(r.stdout)
    assert rep["documents"] == 5 and len(rep["problems"]) == 1
    assert "asean_summit.jsonl:2" in rep["problems"][0]
    r = runner.invoke(app, ["evidence", "events", "--actor", "CHN", "--db", db, "--json"])
    assert r.exit_code == 0 and json.loads(r.stdout)
    for what in ("documents", "claims", "figures", "stance"):
        r = runner.invoke(app, ["evidence", what, "--db", db, "--json"])
        assert r.exit_code == 0 and isinstance(json.loads(r.stdout), list)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    r = runner.invoke(app, ["ingest", str(empty), "--db", db])
    assert r.exit_code == 1 and "nothing could be ingested" in r.output
    r = runner.invoke(
        app,
        [
            "eval",
            "extraction",
            "--gold",
            str(shared_dir / "eval" / "seeds-gold.json"),
            "--docs",
            str(seeds_dir),
            "--json",
        ],
    )
    assert r.exit_code == 0 and json.loads(r.stdout)["micro"]["actors"]["f1"] >= 0.95


# -- carrying beyond the seeds (issue 13): rules written for no particular article -------------


def test_figures_units_deadlines_and_spans() -> None:
    got = [
        (f.text, f.value, f.unit) for f in find_figures("She won 6.2 million votes and 12 seats.")
    ]
    assert got == [("6.2 million", 6.2e6, "votes"), ("12 seats", 12.0, "seats")]
    assert [(f.value, f.unit) for f in find_figures("Leave within two weeks, they said.")] == [
        (2.0, "weeks")
    ]
    assert [(f.value, f.unit) for f in find_figures("Exports hit 3.1 million tonnes.")] == [
        (3.1e6, "tonnes")
    ]
    for span in (
        "It was the first summit in 12 years.",
        "Six years ago the talks broke down.",
        "After four years of tensions, both sides met.",
    ):
        assert find_figures(span) == [], span


def test_datelines_bylines_and_captions_are_furniture() -> None:
    from realpolitik.ingest.clean import clean_text

    c = clean_text(
        "HANOI, June 3 (Wire Service) -- Vietnam protested on Monday.\n"
        "By Minh Tran\n"
        "Fishing boats are seen in a harbour in Da Nang, on Friday.\n"
        "The talks are seen as a test of the new government.\n"
    )
    assert c.text.startswith("Vietnam protested")
    assert "The talks are seen as a test" in c.text  # "seen as" is not a caption
    assert c.furniture == [
        "HANOI, June 3 (Wire Service) --",
        "By Minh Tran",
        "Fishing boats are seen in a harbour in Da Nang, on Friday.",
    ]
    kept = clean_text("By Wang Yi\nChina and Japan met.", known=lambda n: n == "Wang Yi")
    assert kept.text.startswith("By Wang Yi")  # a tracked person's byline is a mention
    assert clean_text("NATO - the alliance - met in Brussels on Monday.").furniture == []


def test_world_actors_people_and_ambiguous_korean(ex: Extractor) -> None:
    d = ex.extract(
        RawDocument(
            text="Kenya and Peru agreed to expand trade. The Korean leader Kim Jong Un "
            "met officials in Pyongyang.",
            source="t",
            date="2020-05-01",
        )
    )
    acts = [(m.text, m.actor) for m in d.mentions if m.kind == "actor"]
    assert ("Kenya", "KEN") in acts and ("Peru", "PER") in acts
    assert ("Korean", "KOR") not in acts  # the other Korea's context: not South Korea
    d = ex.extract(
        RawDocument(text="Kim Jong Un said the Korean people would not give up.", source="t")
    )
    assert [m.actor for m in d.mentions if m.text == "Korean"] == ["PRK"]  # people count
    d = ex.extract(RawDocument(text="Seoul hosted the talks. Korean officials smiled.", source="t"))
    assert [m.actor for m in d.mentions if m.text == "Korean"] == ["KOR"]


@pytest.fixture(scope="module")
def news_dir(shared_dir: Path) -> Path:
    d = shared_dir / "eval" / "news-dev"
    if not (d / "news-dev-gold.json").is_file():
        pytest.skip("../shared/eval/news-dev is absent")
    return d


def test_news_dev_carries(news_dir: Path, ex: Extractor) -> None:
    res = evaluate_extraction(news_dir / "news-dev-gold.json", news_dir, extractor=ex)
    m = res.micro()
    assert sum(len(v) for v in res.leaks.values()) == 0  # no boilerplate in the evidence
    assert m["actors"][2] >= 0.9 and m["figures"][2] >= 0.85 and m["people"][2] >= 0.75


def test_signed_agreements_are_positive_on_the_rules_path(ex: Extractor) -> None:
    for text, pair in (
        ("Hanoi and Canberra signed a new maritime security agreement on Monday.", ("AUS", "VNM")),
        (
            "Japan and the Philippines signed a reciprocal access agreement to counter "
            "China's growing assertiveness.",
            ("JPN", "PHL"),
        ),
    ):
        rel = predicted_relations(ex.extract(RawDocument(text=text, source="t")), ex.kinds)
        assert rel.get(pair) == 1, text
        assert all(s == -1 for k, s in rel.items() if "CHN" in k)  # countered, not allied
    assert find_figures("Trade has grown for the past 15 years.") == []


def test_native_script_gloss_introduces_a_person(ex: Extractor) -> None:
    """A name glossed in Chinese, Japanese or Korean script is a person; with no actor right
    before it, the sentence's only actor is theirs (text written for this test)."""
    text = (
        "Ma Lin-shan (馬林山) of the opposition visited Taiwan's outlying islands on Monday. "
        "Park Ji-won (박지원) and Tanaka Emi (田中恵美) later met Japanese and Korean officials."
    )
    d = ex.extract(RawDocument(text=text, source="gloss", date="2024-05-01"))
    cand = {m.text: m.actor for m in d.mentions if m.kind == "candidate"}
    assert cand["Ma Lin-shan"] == "TWN"
    # two actors in the sentence: no guess
    assert cand["Park Ji-won"] is None and cand["Tanaka Emi"] is None
    # without the gloss the same name is not a person
    plain = ex.extract(RawDocument(text=text.replace(" (馬林山)", ""), source="plain"))
    assert "Ma Lin-shan" not in {m.text for m in plain.mentions}


def test_a_conditional_outside_the_system_moves_no_lever(ex: Extractor) -> None:
    """The built-in catalogue's levers are East Asian moves: a conditional naming only other
    states maps to none; the same condition with a state of the system still maps."""
    far = "If Ghana fails to pay its debts, Nigeria will withdraw its troops from Mali."
    near = "If Japan fails to pay its debts, the United States will withdraw its troops."
    (c_far,) = ex.extract(RawDocument(text=far, source="t")).claims
    (c_near,) = ex.extract(RawDocument(text=near, source="t")).claims
    assert c_far.kind == c_near.kind == "conditional"
    assert (c_far.levers, c_far.outcome) == ((), None)
    assert c_near.levers


def test_mapping_score_credits_a_right_abstention(tmp_path: Path, ex: Extractor) -> None:
    """Where the gold lists no lever for a conditional, mapping it to none is right."""
    import json

    text = "If Ghana fails to pay its debts, Nigeria will withdraw its troops from Mali."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    cue = "If Ghana fails to pay its debts"
    for levers, tp in (([], 1), (["us_retrenchment"], 0)):
        gold = {"documents": {"a.txt": {"claims": [
            {"cue": cue, "kind": "conditional", "levers": levers, "outcome": None}
        ]}}}  # fmt: skip
        (tmp_path / "g.json").write_text(json.dumps(gold), encoding="utf-8")
        res = evaluate_extraction(tmp_path / "g.json", tmp_path, extractor=ex)
        assert res.counts["a.txt"]["conditional_mapping"][0] == tp


def test_the_other_half_does_not_nominate_a_lever() -> None:
    """A lever is scored on the if-part: the then-part re-weighs the levers the if-part names
    (by a word or an actor) but cannot put forward one the if-part never mentions."""
    from realpolitik.ingest.claims import Catalogue

    cat = Catalogue.from_pairs(
        {"exit": "Washington withdraws its troops.", "tariff": "Beijing raises tariffs."}, {}
    )
    # the if-part shares nothing with either lever; the then-part names a withdrawal
    none = cat.score("levers", "until more talks are held", (), other="troops withdraw", top=3)
    assert none == []
    # the same then-part still re-weighs levers the if-part does name
    both = cat.score("levers", "if tariffs rise", (), other="troops withdraw")
    assert [x.id for x in both if x.score > 0] == ["tariff"]


def test_function_words_are_not_lever_concepts() -> None:
    """Connectives such as 'otherwise' or 'until' (spaCy's English stop words) are not what a
    claim is about, even when a lever's description happens to use one."""
    from realpolitik.ingest.claims import Catalogue, concepts

    assert not concepts("Otherwise, only until then.") & {"otherw", "until", "only"}
    cat = Catalogue.from_pairs({"unify": "The island is unified, by force or otherwise."}, {})
    assert cat.score("levers", "Otherwise they will regret it.", (), top=3) == []


def test_the_main_clause_may_open_with_a_demonstrative_subject() -> None:
    """The if-clause ends at the comma before the main clause's subject, also when that
    subject is 'these allies' or a short noun phrase before a modal, not at a later comma
    inside a list of names (sentence written for this test)."""
    s = "If Washington wavers, these allies will look to Europe, Canada and Australia."
    assert split_conditional(s, "if") == (
        "If Washington wavers",
        "these allies will look to Europe, Canada and Australia.",
    )
    s2 = "If talks stall, both coast guards will patrol the shoal, Manila said."
    assert split_conditional(s2, "if")[0] == "If talks stall"


def test_a_reported_would_is_a_forecast_not_a_condition() -> None:
    """*Would* right after a reporting verb and its subject, "that" left out, is the future of a
    report (a commitment or forecast); without the reporting verb it stays a conditional
    (sentences written for this test)."""
    assert detect_claim_kind("The ministry announced it would open two new consulates.")[0] == (
        "forecast"
    )
    assert detect_claim_kind("Tokyo pledged the fund would double by 2030.")[0] == "forecast"
    assert detect_claim_kind("A joint fund would double trade by 2030.")[0] == "conditional"


def test_a_sentence_opening_with_otherwise_is_a_conditional() -> None:
    """'Otherwise, ...' states what follows if the previous sentence's condition fails; the
    adverb inside a sentence ('by force or otherwise') is no condition."""
    kind, marker = detect_claim_kind("Otherwise, the talks will collapse within a month.")
    assert (kind, marker) == ("conditional", "otherwise")
    assert split_conditional("Otherwise, the talks will collapse.", "otherwise") == (
        "Otherwise",
        "the talks will collapse.",
    )
    assert detect_claim_kind("Seoul will act, by force or otherwise, soon.")[0] == "forecast"


def test_claim_kind_is_scored(tmp_path: Path, ex: Extractor) -> None:
    """The claim_kind category counts found gold claims whose kind is the gold one."""
    text = "The ministry announced it would open two new consulates next year."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    for kind, right in (("forecast", 1), ("conditional", 0)):
        gold = {"documents": {"a.txt": {"claims": [
            {"cue": "announced it would open two new consulates", "kind": kind,
             "levers": [], "outcome": None}
        ]}}}  # fmt: skip
        (tmp_path / "g.json").write_text(json.dumps(gold), encoding="utf-8")
        res = evaluate_extraction(tmp_path / "g.json", tmp_path, extractor=ex)
        assert res.counts["a.txt"]["claim_kind"] == [right, 1 - right, 1 - right]

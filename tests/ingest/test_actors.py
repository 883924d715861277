"""World actor dictionary: invariants over every record (hypothesis) and constructed cases.

Every example sentence here is written for these tests.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from realpolitik.errors import DataValidationError
from realpolitik.ingest.actors import ActorDictionary, load_world
from realpolitik.ingest.actors.tables import DATA_DIR, read_people, read_rows

W = load_world()
RECORDS = W.records()
TERMS = read_people(DATA_DIR / "people.csv")
REPO = Path(__file__).resolve().parents[2]
D = dt.date


def codes(text: str, date: dt.date | None = None) -> list[str]:
    return [m.code for m in W.find(text, date)]


# -- counts and invariants ---------------------------------------------------------------------
def test_counts_cover_the_world() -> None:
    states = [r for r in RECORDS if r.kind == "state"]
    assert len(states) == 193 and all(r.un_member for r in states)
    assert {"TWN", "XKX", "PSE", "VAT"} <= {r.code for r in RECORDS if r.kind == "territory"}
    igo = {r.code for r in RECORDS if r.kind in ("igo", "grouping")}
    assert {
        "UN",
        "UNSC",
        "EUR",
        "NATO",
        "ASEAN",
        "AU",
        "ECOWAS",
        "G7",
        "G20",
        "BRICS",
        "SCO",
        "QUAD",
        "AUKUS",
        "RCEP",
        "CPTPP",
        "APEC",
        "OPEC",
        "IAEA",
        "WHO",
        "WTO",
        "IMF",
        "WB",
        "LAS",
        "GCC",
        "OAS",
        "MERCOSUR",
        "ICC",
    } <= igo
    assert len(TERMS) >= 500


def test_state_codes_are_iso_alpha3() -> None:
    for r in RECORDS:
        if r.kind in ("state", "territory") and r.code != "XKX":
            assert pycountry.countries.get(alpha_3=r.code) is not None, r.code


def test_project_codes_are_known() -> None:
    path = REPO / "src" / "realpolitik" / "data" / "east_asia" / "actors.csv"
    with path.open(encoding="utf-8") as fh:
        project = {row["code"] for row in csv.DictReader(fh)}
    assert project and all(W.lookup(c) is not None for c in project)


def test_project_aliases_agree() -> None:
    """Every alias of the data set's 33 actors names the same code here ("Europe" aside)."""
    path = REPO / "src" / "realpolitik" / "data" / "east_asia" / "actors.csv"
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    not_eu = {"Europe", "European", "Europeans"}  # a continent, not the Union (docs/data.md)
    for row in rows:
        for alias in {row["name"], *row["aliases"].split(";")} - not_eu - {""}:
            entry = W.alias_entry(alias) or W.alias_entry(alias.removeprefix("the "))
            assert entry is not None and entry[1] == row["code"], (row["code"], alias, entry)


def test_every_record_has_code_source_and_unique_code() -> None:
    seen = set()
    for r in RECORDS:
        assert r.code and r.source and r.name and r.aliases
        assert r.code not in seen
        seen.add(r.code)
        assert r.parent is None or W.lookup(r.parent) is not None


def test_no_alias_names_two_actors_without_a_rule() -> None:
    by_alias: dict[str, set[str]] = defaultdict(set)
    for r in RECORDS:
        for a in r.aliases:
            by_alias[a].add(r.code)
    shared = {a: c for a, c in by_alias.items() if len(c) > 1}
    assert set(shared) <= set(W.ambiguities), shared


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([(r, a) for r in RECORDS for a in r.aliases]))
def test_every_alias_resolves_back(pair: tuple[object, str]) -> None:
    rec, alias = pair
    entry = W.alias_entry(alias)
    assert entry is not None, alias
    kind, code = entry
    if kind == "actor":
        assert code == rec.code  # type: ignore[attr-defined]
    else:
        amb = W.ambiguities[alias]
        assert rec.code in (amb.default, amb.alternative)  # type: ignore[attr-defined]


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(
        [
            (r.code, a)
            for r in RECORDS
            for a in r.aliases
            if a not in W.ambiguities and not a.startswith(("the ", "The "))
        ]
    )
)
def test_alias_found_in_a_sentence(pair: tuple[str, str]) -> None:
    code, alias = pair
    text = f"On Monday {alias} said it would reply."
    found = W.find(text)
    assert [m.code for m in found] == [code], (alias, found)
    m = found[0]
    assert text[m.start : m.end] == m.surface == alias


def test_people_forms_are_not_shadowed_by_places() -> None:
    shadowed = [f for f in W.people.names() if (W.alias_entry(f) or ("", ""))[0] != "person"]
    assert shadowed == []


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(TERMS), st.integers(min_value=0, max_value=10_000))
def test_person_terms_resolve_on_their_dates(term: object, k: int) -> None:
    t = term  # PersonTerm
    assert t.source and W.lookup(t.code) is not None  # type: ignore[attr-defined]
    end = min(t.end, D(2026, 12, 31))  # type: ignore[attr-defined]
    span = (end - t.start).days  # type: ignore[attr-defined]
    day = t.start + dt.timedelta(days=k % (span + 1))  # type: ignore[attr-defined]
    rivals = {x.code for x in W.people.in_office(t.name, day)}  # type: ignore[attr-defined]
    expected = t.code if rivals == {t.code} else None  # type: ignore[attr-defined]
    assert W.person(t.name, day) == expected  # type: ignore[attr-defined]


WORDS = st.sampled_from(
    [
        "said",
        "the",
        "talks",
        "us",
        "china",
        "turkey",
        "and",
        ",",
        ".",
        "Beijing",
        "U.S.",
        "North Korean",
        "EU",
        "Kinshasa",
        "Mr",
        "-",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=30))
def test_find_offsets_are_exact_and_ordered(words: list[str]) -> None:
    text = " ".join(words)
    found = W.find(text, D(2020, 1, 1))
    ends = -1
    for m in found:
        assert text[m.start : m.end] == m.surface and m.start >= ends
        ends = m.end
        assert W.lookup(m.code) is not None


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_find_never_fails_on_any_text(text: str) -> None:
    for m in W.find(text, dt.datetime(2020, 5, 1, 12, 0)):
        assert text[m.start : m.end] == m.surface


# -- case sensitivity, longest match, stop phrases -----------------------------------------------
def test_case_sensitive_proper_names() -> None:
    assert codes("Let us buy fine china and a turkey.") == []
    assert codes("The US and China talked; Turkey listened.") == ["USA", "CHN", "TUR"]


def test_longest_match_wins() -> None:
    assert codes("The People's Republic of China and the Republic of China.") == ["CHN", "TWN"]
    assert codes("Papua New Guinea, Equatorial Guinea, Guinea-Bissau and Guinea.") == [
        "PNG",
        "GNQ",
        "GNB",
        "GIN",
    ]
    assert codes("South Sudan and Sudan; Niger and Nigeria; Nigerien and Nigerian.") == [
        "SSD",
        "SDN",
        "NER",
        "NGA",
        "NER",
        "NGA",
    ]


def test_stop_phrases_name_no_actor() -> None:
    assert codes("Ships crossed the South China Sea and the Korean Peninsula.") == []
    assert codes("Oil prices in Latin America rose.") == []


# -- ambiguity rules ---------------------------------------------------------------------------
def test_korea_rules() -> None:
    assert codes("North Korean and South Korean envoys met.") == ["PRK", "KOR"]
    assert codes("A Korean delegation visited Tokyo.") == ["KOR", "JPN"]
    assert codes("Pyongyang said a Korean general had retired.") == ["PRK", "PRK"]
    assert codes("Seoul and Pyongyang traded words; the Korean side left.") == ["KOR", "PRK", "KOR"]
    assert codes("Korea will host the summit.") == ["KOR"]


def test_two_koreas_in_one_phrase() -> None:
    found = W.find("North and South Korean negotiators met; South and North Korea agreed.")
    assert [(m.surface, m.code) for m in found] == [
        ("North", "PRK"),
        ("South Korean", "KOR"),
        ("South", "KOR"),
        ("North Korea", "PRK"),
    ]


def test_given_names_are_not_countries() -> None:
    assert codes("Jordan Peterson and Chad Hurley spoke about Jordan and Chad.") == ["JOR", "TCD"]


def test_congo_rules() -> None:
    assert codes("The Democratic Republic of the Congo and Kinshasa agreed.") == ["COD", "COD"]
    assert codes("Officials in Brazzaville said Congo would vote.") == ["COG", "COG"]
    assert codes("Congo signed a mining deal.") == ["COD"]
    assert codes("Republic of the Congo and DR Congo met.") == ["COG", "COD"]


def test_georgia_and_washington_rules() -> None:
    assert codes("Georgia asked Moscow to withdraw troops from Abkhazia.") == ["GEO", "RUS"]
    assert codes("The governor of Georgia toured Atlanta on Friday.") == []
    assert codes("Washington imposed sanctions on Moscow.") == ["USA", "RUS"]
    assert codes("Apple orchards in Washington state near Seattle flourished.") == []
    assert codes("Tbilisi and Georgian officials met.") == ["GEO", "GEO"]


def test_other_variants() -> None:
    assert codes("Türkiye, Turkey and Turkiye.") == ["TUR"] * 3
    assert codes("Burma, later Myanmar.") == ["MMR", "MMR"]
    assert codes("Ivory Coast, or Côte d'Ivoire, or Cote d’Ivoire.") == ["CIV"] * 3
    assert codes("Czechia, the Czech Republic.") == ["CZE", "CZE"]
    assert codes("The Holy See and the Vatican.") == ["VAT", "VAT"]
    assert codes("The Soviet Union and the USSR.") == ["RUS", "RUS"]
    assert codes("Dominica and the Dominican Republic.") == ["DMA", "DOM"]
    assert codes("A Dominican diplomat spoke.") == ["DOM"]


def test_igo_and_metonyms() -> None:
    found = W.find(
        "The U.N. Security Council, NATO and the Kremlin; the White House and the Pentagon replied."
    )
    assert [(m.code, m.via) for m in found] == [
        ("UNSC", "igo"),
        ("NATO", "igo"),
        ("RUS", "capital"),
        ("USA", "capital"),
        ("USA", "capital"),
    ]
    assert [m.sector for m in found][-2:] == ["GOV", "MIL"]
    assert W.lookup("UNSC").parent == "UN"  # type: ignore[union-attr]


def test_legacy_codes() -> None:
    assert W.lookup("JAP").code == "JPN"  # type: ignore[union-attr]
    assert W.canonical("VTN") == "VNM" and W.canonical("XXX") is None


# -- sectors -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("The Chinese military held drills.", "MIL"),
        ("South Korean opposition lawmakers walked out.", "OPP"),
        ("Russian state media reported the launch.", "MED"),
        ("Japan's foreign ministry protested.", "GOV"),
        ("Philippine coast guard vessels sailed.", "MIL"),
        ("Afghan rebels attacked a post.", "REB"),
        ("Israeli police closed the road.", "COP"),
        ("German companies invested more.", "BUS"),
        ("British nationals were evacuated.", "CVL"),
        ("India said nothing.", None),
        ("The government of Japan protested.", "GOV"),
        ("Rebel leaders from Sudan met.", "REB"),
        ("Opposition groups in Zimbabwe marched.", "OPP"),
        ("A visit to Japan ended.", None),
        ("Boko Haram struck again.", "REB"),
    ],
)
def test_sector(text: str, sector: str | None) -> None:
    assert W.find(text)[0].sector == sector


# -- dated people ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "day", "code"),
    [
        ("Bush", D(2001, 6, 1), "USA"),
        ("Bush", D(1991, 6, 1), "USA"),
        ("Abe", D(2015, 6, 1), "JPN"),
        ("Putin", D(2010, 6, 1), "RUS"),
        ("Stoltenberg", D(2010, 6, 1), "NOR"),
        ("Stoltenberg", D(2020, 6, 1), "NATO"),
        ("Shevardnadze", D(1988, 6, 1), "RUS"),
        ("Shevardnadze", D(1998, 6, 1), "GEO"),
        ("Tusk", D(2017, 6, 1), "EUR"),
        ("Tusk", D(2024, 6, 1), "POL"),
        ("Kozyrev", D(2000, 6, 1), "RUS"),  # out of office: still his country
        ("Kim", D(2000, 6, 1), None),  # KOR and PRK both had a Kim in office
        ("Lee", D(2010, 6, 1), None),  # KOR and SGP
        ("Nobody Atall", D(2010, 6, 1), None),
    ],
)
def test_person_by_date(name: str, day: dt.date, code: str | None) -> None:
    assert W.person(name, day) == code


def test_ambiguous_surname_by_co_mention() -> None:
    found = W.find("Kim met envoys in Pyongyang on Monday.", D(2000, 6, 1))
    assert [(m.surface, m.code) for m in found] == [("Kim", "PRK"), ("Pyongyang", "PRK")]
    found = W.find("Seoul welcomed the plan, and Kim praised it.", D(2000, 6, 1))
    assert [(m.surface, m.code) for m in found] == [("Seoul", "KOR"), ("Kim", "KOR")]
    found = W.find("Lee spoke in Singapore.", D(2010, 6, 1))
    assert [m.code for m in found] == ["SGP", "SGP"]


def test_person_sector_and_hyphen_guard() -> None:
    found = W.find("Former leader Koizumi and Kishida met.", D(2023, 1, 10))
    assert [(m.code, m.sector, m.via) for m in found] == [
        ("JPN", "ELI", "person"),
        ("JPN", "GOV", "person"),
    ]
    assert codes("Ko Wen-je spoke.", D(2024, 1, 1)) == []


def test_one_word_name_inside_another_name() -> None:
    day = D(2004, 6, 1)
    assert codes("Yesterday Jeb Bush and Kim Yo Jong spoke.", day) == []
    assert codes("Yesterday President Bush spoke; Mr Abe and Bush Monday met.", day) == [
        "USA",
        "JPN",
        "USA",
    ]


# -- patterns and validation -------------------------------------------------------------------
def test_patterns_are_entity_ruler_ready() -> None:
    pats = W.patterns()
    assert len(pats) > 2000
    assert all(p["pattern"] and W.lookup(p["label"]) is not None for p in pats)
    assert {"label": "CHN", "pattern": "Beijing", "id": "capital"} in pats
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns([p for p in pats if p["label"] in ("KOR", "PRK")])  # type: ignore[attr-defined]
    doc = nlp("Pyongyang warned Seoul.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Pyongyang", "PRK"), ("Seoul", "KOR")]


def test_conflicting_alias_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "s.csv"
    f.write_text(
        "code,name,kind,un_member,names,abbrevs,demonyms,capitals,seats,source\n"
        "AAA,Alpha,state,1,Zed,,,,,x\nBBB,Beta,state,1,Zed,,,,,x\n",
        encoding="utf-8",
    )
    with pytest.raises(DataValidationError, match="'Zed' names both AAA and BBB"):
        ActorDictionary(read_rows(f, "state"), [], [], [])


def test_bad_people_row_is_located(tmp_path: Path) -> None:
    f = tmp_path / "p.csv"
    f.write_text(
        "name,aliases,code,role,start,end,source,uncertain\n"
        "A B,,USA,king of hearts,2000-01-01,,x,\n"
        "C D,,USA,foreign minister,2001-13-01,,x,\n",
        encoding="utf-8",
    )
    with pytest.raises(DataValidationError) as err:
        read_people(f)
    msg = str(err.value)
    assert "p.csv, row 1, field 'role'" in msg and "p.csv, row 2, field 'start/end'" in msg


def test_every_source_id_is_documented() -> None:
    doc = (REPO / "docs" / "data.md").read_text(encoding="utf-8")
    section = doc[doc.index("## World actor dictionary") :]
    ids = {t.source for t in TERMS}
    kinds = ("state", "territory", "nonstate")
    ids |= {s for r in RECORDS if r.kind in kinds for s in r.source.split(";")}
    missing = sorted(i for i in ids if f"`{i}`" not in section)
    assert missing == []

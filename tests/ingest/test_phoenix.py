"""The Phoenix actor-dictionary reader (constructed samples), the check against our world
dictionary, and the shipped fill (on the real files in ../shared/data/eventcoding/).

Every sample entry here is made up for these tests (Freedonia and its officials).
"""

from __future__ import annotations

import datetime as dt
import filecmp
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from realpolitik.errors import DataValidationError
from realpolitik.ingest.actors import load_world
from realpolitik.ingest.actors.phoenix import PhoenixRole, parse_phoenix, proper_case
from realpolitik.ingest.actors.phoenix_check import find_gaps
from realpolitik.ingest.actors.tables import DATA_DIR, read_people
from realpolitik.ingest.actors.world import base_rows

REPO = Path(__file__).resolve().parents[2]
D = dt.date

SAMPLE = """# a made-up dictionary
FREEDONIA_  [FRD]
+FREEDONIAN_  # the adjective
+REPUBLIC_OF_FREEDONIA

RUFUS_T._FIREFLY_  # a leader
+PRESIDENT_FIREFLY
\t[FRDELI 19200101-330101]
\t[FRDGOV >330102]
AMBASSADOR_TRENTINO_ [SLVGOV <321231] [FRDELI]
BOARD_OF_FREEDONIA_ [---]
\t[FRDGOV 330101-331131]
""".splitlines()


def test_reader_entries_aliases_and_inline_codes() -> None:
    entries = parse_phoenix(SAMPLE)
    assert [e.name for e in entries] == [
        "FREEDONIA",
        "RUFUS T. FIREFLY",
        "AMBASSADOR TRENTINO",
        "BOARD OF FREEDONIA",
    ]
    assert entries[0].aliases == ("FREEDONIAN", "REPUBLIC OF FREEDONIA")
    assert entries[0].roles == (PhoenixRole("FRD"),)
    assert [e.line for e in entries] == [2, 6, 10, 11]


def test_reader_keeps_dated_roles() -> None:
    firefly, trentino, board = parse_phoenix(SAMPLE)[1:]
    assert firefly.roles == (
        PhoenixRole("FRDELI", D(1920, 1, 1), D(1933, 1, 1)),
        PhoenixRole("FRDGOV", D(1933, 1, 2), None),
    )
    assert trentino.roles == (PhoenixRole("SLVGOV", None, D(1932, 12, 31)), PhoenixRole("FRDELI"))
    # "[---]" is no code; 31 November is read as the month's last day
    assert board.roles == (PhoenixRole("FRDGOV", D(1933, 1, 1), D(1933, 11, 30)),)


def test_reader_names_the_line_of_a_bad_date() -> None:
    with pytest.raises(DataValidationError, match=r"sample\.txt, row 2, field 'date'"):
        parse_phoenix(["FREEDONIA_ [FRD]", "\t[FRDGOV 331301-331231]"], "sample.txt")


@given(st.dates(D(1930, 1, 1), D(2029, 12, 31)), st.dates(D(1000, 1, 1), D(9999, 12, 31)))
def test_reader_dates_round_trip(short: dt.date, long: dt.date) -> None:
    line = f"\t[FRDGOV {short:%y%m%d}-{long:%Y%m%d}]"
    (entry,) = parse_phoenix(["X_", line])
    assert entry.roles == (PhoenixRole("FRDGOV", short, long),)


@given(st.lists(st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ'-", min_size=1, max_size=9), min_size=1))
def test_proper_case_is_stable(words: list[str]) -> None:
    once = proper_case(" ".join(words))
    assert proper_case(once.upper()) == once
    assert once.upper() == " ".join(words)


def test_check_finds_a_dated_leader_and_skips_the_rest() -> None:
    sample = [
        "FRANCE_ [FRA]",
        "+FRANCEE_",  # a misspelling: a safe name
        "+LUTETIA_",  # not a variant of our names
        "RUFUS_FIREFLY_",
        "+PRESIDENT_FIREFLY",
        "\t[FRAGOV 950101-990101]",
        "GROUCHO_TRENTINO_",  # before 1990
        "+PRESIDENT_TRENTINO",
        "\t[FRAGOV 850101-890101]",
        "CHICO_PINKY_",  # a vice president: no head of state
        "+VICE_PRESIDENT_PINKY",
        "\t[FRAGOV 950101-990101]",
        "EMMANUEL_MACRON_",  # ours already
        "+PRESIDENT_MACRON",
        "\t[FRAGOV 170514-220101]",
    ]
    gaps = find_gaps(parse_phoenix(sample), [], base_rows(), read_people(DATA_DIR / "people.csv"))
    assert {(g.form, g.safe) for g in gaps.names} == {("Francee", True), ("Lutetia", False)}
    assert [(p.name, p.role, p.start, p.end) for p in gaps.people] == [
        ("Rufus Firefly", "head of state", D(1995, 1, 1), D(1999, 1, 1))
    ]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bpf", REPO / "scripts" / "build_phoenix_fill.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shipped_fill_is_what_the_build_step_writes(shared_dir: Path, tmp_path: Path) -> None:
    script = _script()
    found = script.gaps(shared_dir)
    script.write(found, tmp_path)
    for name in ("phoenix_names.csv", "phoenix_people.csv"):
        assert filecmp.cmp(tmp_path / name, DATA_DIR / name, shallow=False), name


def test_check_on_the_real_files(shared_dir: Path) -> None:
    found = _script().gaps(shared_dir)
    assert found.names and found.people and found.igos
    world = load_world()
    for g in found.names:
        if g.safe:  # every filled name now names its country in the loaded dictionary
            assert world.alias_entry(g.form) == ("actor", g.code), g
    for p in found.people:
        assert p.start >= D(1990, 1, 1) and p.end is not None and p.end >= p.start
        assert p.role in ("head of state", "head of government", "foreign minister")
        assert world.person(p.name, p.start + (p.end - p.start) / 2) == p.code

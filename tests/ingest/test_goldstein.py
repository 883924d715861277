"""The Goldstein weights of CAMEO codes (``realpolitik.ingest.goldstein``) and their use as
an event's tone by the parse-based coder."""

from __future__ import annotations

from pathlib import Path

import pytest

from realpolitik.errors import InputError
from realpolitik.ingest.cameo import NULL_CODE, load_cameo
from realpolitik.ingest.coder import ParsedEvent, to_events
from realpolitik.ingest.goldstein import goldstein, load_goldstein


def test_every_code_of_the_shipped_dictionary_has_a_weight_of_its_roots_sign() -> None:
    """A CAMEO code's weight has the sign of its root family (cooperation 01-08, conflict
    09-20), so the per-code weight never turns a cooperative event hostile."""
    codes = {p.code for b in load_cameo().blocks for p in b.patterns} | {
        b.code for b in load_cameo().blocks
    }
    codes = {c for c in codes if c and c != NULL_CODE and c.isdigit()}
    assert len(codes) > 150
    for code in sorted(codes):
        w = goldstein(code)
        assert w is not None, code
        root = int(code[:2])
        if 3 <= root <= 8:
            assert w > 0, code
        elif root >= 9:
            assert w < 0, code


def test_a_code_takes_its_nearest_listed_parent() -> None:
    assert goldstein("0814") == goldstein("081") == 5.0
    assert goldstein("0899") == goldstein("08")
    assert goldstein("99") is None


def test_a_malformed_row_names_the_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "scale.txt"
    bad.write_text("CAMEOEVENTCODE\tGOLDSTEINSCALE\n040\t1.0\n045\tfive\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"scale\.txt, line 3"):
        load_goldstein.__wrapped__(bad)
    with pytest.raises(InputError, match="cannot read"):
        load_goldstein.__wrapped__(tmp_path / "absent.txt")


def _event(code: str) -> ParsedEvent:
    return ParsedEvent("CONSULT", ("NOR",), ("CAN",), "actual", 0, 8, "mediated", 0, 0.9, code=code)


def test_an_events_tone_is_its_codes_weight_not_its_familys() -> None:
    """Mediation (045) and a telephone call (041) are both CONSULT, but not equally warm."""
    (mediate,) = to_events(0, 0, _event("045"))
    (call,) = to_events(0, 0, _event("041"))
    (plain,) = to_events(0, 0, _event(""))
    assert (mediate.cameo, mediate.goldstein) == ("045", 5.0)
    assert (call.cameo, call.goldstein) == ("041", 1.0)
    assert plain.goldstein == 1.0  # no pattern code: the family's weight


def test_the_fast_rules_weigh_their_codes_as_the_table_does() -> None:
    """The ``--fast`` cue list states its Goldstein weights inline; they must be the table's."""
    from realpolitik.ingest.events import CUES

    assert [(c.cameo, c.goldstein) for c in CUES] == [(c.cameo, goldstein(c.cameo)) for c in CUES]

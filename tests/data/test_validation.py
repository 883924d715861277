"""One test per class of validation error: a broken copy yields that problem and a non-zero exit.

Each case exports the built-in data set to a temporary folder, breaks it in exactly one way,
then checks both :func:`validate_dataset` (file, row, field) and ``realpolitik data check``.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from realpolitik.cli import app
from realpolitik.data import export_dataset, load_dataset, validate_dataset, write_dataset
from realpolitik.errors import DataValidationError

runner = CliRunner()


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as fh:
        r = csv.DictReader(fh)
        return list(r.fieldnames or []), list(r)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, header, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def set_cell(fname: str, row: int, field: str, value: str) -> Callable[[Path], None]:
    """Break one cell (1-based data row)."""

    def apply(folder: Path) -> None:
        header, rows = _read(folder / fname)
        rows[row - 1][field] = value
        _write(folder / fname, header, rows)

    return apply


def duplicate_row(fname: str, row: int) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        header, rows = _read(folder / fname)
        rows.append(dict(rows[row - 1]))
        _write(folder / fname, header, rows)

    return apply


def drop_column(fname: str, column: str) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        header, rows = _read(folder / fname)
        header.remove(column)
        for r in rows:
            del r[column]
        _write(folder / fname, header, rows)

    return apply


def delete_file(fname: str) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        (folder / fname).unlink()

    return apply


def edit_toml(old: str, new: str) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        p = folder / "dataset.toml"
        p.write_text(p.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")

    return apply


@dataclass(frozen=True)
class Case:
    breaker: Callable[[Path], None]
    file: str
    row: int | None
    field: str | None
    words: str  # a fragment the message must contain


def cell(file: str, row: int, field: str, value: str, message: str) -> Case:
    """A case that writes ``value`` into one cell and expects a problem naming that cell."""
    return Case(set_cell(file, row, field, value), file, row, field, message)


CASES: dict[str, Case] = {
    "unknown_actor_code": cell("positions.csv", 3, "actor", "XYZ", "unknown actor"),
    "unknown_relation_actor": cell("relations.csv", 2, "b", "ZZZ", "unknown actor"),
    "duplicate_id": Case(
        duplicate_row("relations.csv", 1), "relations.csv", None, "id", "duplicate"
    ),
    "duplicate_capability": Case(
        duplicate_row("capabilities.csv", 5), "capabilities.csv", None, "indicator", "duplicate"
    ),
    "dangling_source": cell("capabilities.csv", 7, "source_id", "no-such-source", "unknown source"),
    "dangling_issue": cell("positions.csv", 4, "issue", "no_such_issue", "unknown issue"),
    "dangling_person_actor": cell("people.csv", 2, "actor", "QQQ", "unknown actor"),
    "membership_grouping_not_a_grouping": cell(
        "memberships.csv", 1, "grouping", "CHN", "not a grouping"
    ),
    "salience_out_of_range": cell("positions.csv", 5, "salience", "1.5", "outside"),
    "position_out_of_range": cell("positions.csv", 6, "position", "120", "outside"),
    "negative_capability": cell("capabilities.csv", 9, "value", "-3", "outside"),
    "cinc_above_one": cell("capabilities.csv", 4, "value", "2.5", "outside"),
    "bad_sign": cell("relations.csv", 3, "sign", "2", "sign"),
    "bad_date": cell("events.csv", 1, "date", "2025-13-40", "not a valid date"),
    "bad_year": cell("capabilities.csv", 2, "year", "20x5", "not a year"),
    "end_before_start": cell("relations.csv", 5, "end", "1900", "before start"),
    "missing_source": cell("relations.csv", 4, "source_ids", "", "source"),
    "missing_capability_source": cell("capabilities.csv", 3, "source_id", "", "needs a source"),
    "unparsable_number": cell("capabilities.csv", 8, "value", "12,5bn", "not a number"),
    "wrong_unit": cell("capabilities.csv", 1, "unit", "USD m", "unit"),
    "unknown_kind": cell("relations.csv", 6, "kind", "friendship", "not an allowed"),
    "bad_provenance": cell("capabilities.csv", 10, "provenance", "rumour", "not an allowed"),
    "missing_file": Case(delete_file("levers.csv"), "levers.csv", None, None, "missing"),
    "missing_column": Case(
        drop_column("positions.csv", "salience"), "positions.csv", None, "salience", "missing"
    ),
    "bad_base_year": Case(
        edit_toml("base_year = 2025", 'base_year = "soon"'),
        "dataset.toml",
        None,
        "base_year",
        "year",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_copy_is_reported(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    folder = export_dataset(tmp_path / "copy")
    assert validate_dataset(folder) == []
    case.breaker(folder)

    problems = validate_dataset(folder)
    hits = [
        p
        for p in problems
        if p.file == case.file
        and (case.row is None or p.row == case.row)
        and p.field == case.field
        and case.words in p.message
    ]
    assert hits, (name, [str(p) for p in problems])
    assert all(p.fix for p in problems)

    with pytest.raises(DataValidationError) as exc:
        load_dataset(folder)
    assert case.file in str(exc.value)

    result = runner.invoke(app, ["data", "check", str(folder)])
    assert result.exit_code != 0
    assert case.file in result.output
    if case.field:
        assert case.field in result.output


def test_all_problems_are_collected(tmp_path: Path) -> None:
    folder = export_dataset(tmp_path / "copy")
    set_cell("positions.csv", 1, "salience", "7")(folder)
    set_cell("relations.csv", 1, "sign", "x")(folder)
    set_cell("people.csv", 1, "actor", "NOPE")(folder)
    files = {p.file for p in validate_dataset(folder)}
    assert {"positions.csv", "relations.csv", "people.csv"} <= files


def test_check_json_lists_problems(tmp_path: Path) -> None:
    import json

    folder = export_dataset(tmp_path / "copy")
    set_cell("positions.csv", 2, "salience", "-1")(folder)
    result = runner.invoke(app, ["data", "check", str(folder), "--json"])
    assert result.exit_code == 1
    out = json.loads(result.stdout)
    assert out["ok"] is False
    assert {"file": "positions.csv", "row": 2, "field": "salience"}.items() <= out["problems"][
        0
    ].items()


def test_missing_folder_is_a_problem(tmp_path: Path) -> None:
    problems = validate_dataset(tmp_path / "nothing")
    assert problems and "does not exist" in problems[0].message
    result = runner.invoke(app, ["data", "check", str(tmp_path / "nothing")])
    assert result.exit_code == 1


# ---- round trip ------------------------------------------------------------------------------

_finite = st.floats(min_value=0, max_value=100, allow_nan=False, allow_infinity=False)
_unit = st.floats(min_value=0, max_value=1, allow_nan=False, allow_infinity=False)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    idx=st.integers(min_value=0, max_value=10_000),
    position=_finite,
    salience=_unit,
    value=st.floats(min_value=0, max_value=1e7, allow_nan=False, allow_infinity=False),
    note=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
)
def test_write_then_load_round_trips(
    idx: int, position: float, salience: float, value: float, note: str
) -> None:
    base = load_dataset()
    pos = list(base.positions)
    k = idx % len(pos)
    pos[k] = pos[k].model_copy(update={"position": position, "salience": salience})
    caps = list(base.capabilities)
    j = idx % len(caps)
    upd: dict[str, object] = {"note": note.strip()}
    if caps[j].indicator != "cinc":
        upd["value"] = value
    caps[j] = caps[j].model_copy(update=upd)
    import dataclasses

    ds = dataclasses.replace(base, positions=tuple(pos), capabilities=tuple(caps))
    with tempfile.TemporaryDirectory() as d:
        write_dataset(ds, d)
        back = load_dataset(d)
    assert back == ds


@settings(max_examples=30, deadline=None)
@given(
    row=st.integers(min_value=1, max_value=90),
    field=st.sampled_from(["issue", "actor", "position", "salience", "source_ids"]),
    text=st.text(max_size=12),
)
def test_validation_never_crashes_on_garbage(row: int, field: str, text: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        folder = export_dataset(Path(d) / "c")
        set_cell("positions.csv", row, field, text)(folder)
        problems = validate_dataset(folder)
    assert isinstance(problems, list)
    for p in problems:
        assert p.file and p.message and p.fix

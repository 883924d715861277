"""CLI contract of ``realpolitik align`` and ``realpolitik balance``, and their bad inputs."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from realpolitik.cli import app

runner = CliRunner()


def _out(res: object) -> str:
    """Output with rich's line wrapping undone."""
    return " ".join(res.output.split())  # type: ignore[attr-defined]


NAMES = ["A", "B", "C", "D", "E"]
CAMP = {"A": 0, "B": 0, "C": 1, "D": 1, "E": 1}


def _write_sizes(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text("actor,size\n" + "".join(f"{a},{s}\n" for a, s in rows), encoding="utf-8")
    return path


def _write_matrix(
    path: Path, names: list[str], M: list[list[str]], rows: list[str] | None = None
) -> Path:
    lines = ["actor," + ",".join(names)]
    for name, row in zip(rows or names, M, strict=True):
        lines.append(name + "," + ",".join(row))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _planted(tmp_path: Path) -> tuple[Path, Path]:
    sizes = _write_sizes(tmp_path / "sizes.csv", [(a, str(i + 1)) for i, a in enumerate(NAMES)])
    M = [["0" if a == b else ("1" if CAMP[a] == CAMP[b] else "-1") for b in NAMES] for a in NAMES]
    return sizes, _write_matrix(tmp_path / "p.csv", NAMES, M)


def _brute_energy(s: dict[str, float], blocs: list[list[str]]) -> float:
    side = {a: k for k, b in enumerate(blocs) for a in b}
    return float(
        sum(
            s[a] * s[b] * (1 if CAMP[a] == CAMP[b] else -1)
            for a, b in itertools.permutations(NAMES, 2)
            if side[a] != side[b]
        )
    )


def test_align_json_contract(tmp_path: Path) -> None:
    sizes, p = _planted(tmp_path)
    res = runner.invoke(app, ["align", "--sizes", str(sizes), "--propensities", str(p), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    for key, typ in [
        ("n", int),
        ("configurations", int),
        ("solver", str),
        ("certified", bool),
        ("global_minimum_energy", float),
        ("minima", list),
    ]:
        assert isinstance(out[key], typ), key
    assert out["n"] == 5 and out["configurations"] == 16
    assert out["solver"] == "exact" and out["certified"] is True
    energies = [m["energy"] for m in out["minima"]]
    assert energies == sorted(energies)
    best = out["minima"][0]
    assert sorted(map(sorted, best["blocs"])) == [["A", "B"], ["C", "D", "E"]]
    s = {a: float(i + 1) for i, a in enumerate(NAMES)}
    assert best["energy"] == pytest.approx(_brute_energy(s, best["blocs"]))
    assert out["global_minimum_energy"] == pytest.approx(best["energy"])
    assert sum(m["basin"] for m in out["minima"]) == pytest.approx(1.0)
    for m in out["minima"]:
        assert set(m) >= {"blocs", "energy", "basin"} and len(m["blocs"]) == 2


def test_align_with_three_blocs_and_plots(tmp_path: Path) -> None:
    sizes, p = _planted(tmp_path)
    png, svg = tmp_path / "a.png", tmp_path / "a.svg"
    res = runner.invoke(
        app,
        ["align", "--sizes", str(sizes), "--propensities", str(p), "--blocs", "3", "--json",
         "--plot", str(png)],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["configurations"] == 1 + 15 + 25  # S(5,1) + S(5,2) + S(5,3)
    assert all(len(m["blocs"]) == 3 for m in out["minima"])
    assert png.read_bytes()[:4] == b"\x89PNG"
    res = runner.invoke(
        app, ["align", "--sizes", str(sizes), "--propensities", str(p), "--plot", str(svg)]
    )
    assert res.exit_code == 0, res.output
    assert "<svg" in svg.read_text(encoding="utf-8")


def test_align_matrix_rows_may_come_in_any_order(tmp_path: Path) -> None:
    sizes, _ = _planted(tmp_path)
    M = {
        a: {b: "0" if a == b else ("2" if CAMP[a] == CAMP[b] else "-1") for b in NAMES}
        for a in NAMES
    }
    rows = list(reversed(NAMES))
    p = _write_matrix(tmp_path / "p2.csv", NAMES, [[M[r][c] for c in NAMES] for r in rows], rows)
    res = runner.invoke(app, ["align", "--sizes", str(sizes), "--propensities", str(p), "--json"])
    assert res.exit_code == 0, res.output
    best = json.loads(res.stdout)["minima"][0]["blocs"]
    assert sorted(map(sorted, best)) == [["A", "B"], ["C", "D", "E"]]


def _bad(tmp_path: Path, sizes: Path, p: Path, *needles: str) -> None:
    res = runner.invoke(app, ["align", "--sizes", str(sizes), "--propensities", str(p), "--json"])
    assert res.exit_code != 0
    assert res.stdout == "" or not res.stdout.strip().startswith("{")
    for needle in needles:
        assert needle in _out(res), res.output
    assert "Traceback" not in res.output


def test_align_rejects_non_square_matrix(tmp_path: Path) -> None:
    sizes, _ = _planted(tmp_path)
    p = _write_matrix(tmp_path / "p.csv", NAMES, [["0"] * 5] * 4, NAMES[:4])
    _bad(tmp_path, sizes, p, "p.csv", "not square")


def test_align_rejects_asymmetric_matrix(tmp_path: Path) -> None:
    sizes, _ = _planted(tmp_path)
    M = [["0"] * 5 for _ in NAMES]
    M[0][1] = "1"
    _bad(tmp_path, sizes, _write_matrix(tmp_path / "p.csv", NAMES, M), "p.csv", "not symmetric")


def test_align_rejects_names_that_differ_between_files(tmp_path: Path) -> None:
    _, p = _planted(tmp_path)
    sizes = _write_sizes(
        tmp_path / "s.csv", [("A", "1"), ("B", "1"), ("C", "1"), ("D", "1"), ("Z", "1")]
    )
    _bad(tmp_path, sizes, p, "names differ", "'Z'", "'E'")


def test_align_rejects_negative_sizes(tmp_path: Path) -> None:
    _, p = _planted(tmp_path)
    sizes = _write_sizes(tmp_path / "s.csv", [(a, "-1" if a == "C" else "1") for a in NAMES])
    _bad(tmp_path, sizes, p, "s.csv", "'C'", "> 0")


@pytest.mark.parametrize("where", ["sizes", "matrix"])
def test_align_rejects_nan(tmp_path: Path, where: str) -> None:
    sizes, p = _planted(tmp_path)
    if where == "sizes":
        sizes = _write_sizes(tmp_path / "s.csv", [(a, "nan" if a == "B" else "1") for a in NAMES])
        _bad(tmp_path, sizes, p, "s.csv", "'B'")
    else:
        M = [["0"] * 5 for _ in NAMES]
        M[1][2] = M[2][1] = "NaN"
        _bad(tmp_path, sizes, _write_matrix(tmp_path / "p.csv", NAMES, M), "p.csv", "line 3")


def test_align_rejects_missing_files(tmp_path: Path) -> None:
    sizes, _ = _planted(tmp_path)
    _bad(tmp_path, sizes, tmp_path / "nope.csv", "nope.csv", "not found")


def test_align_needs_both_files(tmp_path: Path) -> None:
    sizes, _ = _planted(tmp_path)
    res = runner.invoke(app, ["align", "--sizes", str(sizes)])
    assert res.exit_code != 0 and "--propensities" in _out(res)


# ----------------------------------------------------------------------------- balance


def _edges(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    path.write_text("a,b,sign\n" + "".join(f"{a},{b},{s}\n" for a, b, s in rows), encoding="utf-8")
    return path


def test_balance_json_contract_on_gahuku_gama(tmp_path: Path) -> None:
    from tests.engines.alignment.test_balance import GAHUKU_GAMA

    f = _edges(tmp_path / "gg.csv", [(a, b, f"{s:+d}") for a, b, s in GAHUKU_GAMA])
    svg = tmp_path / "gg.svg"
    res = runner.invoke(app, ["balance", "--edges", str(f), "--json", "--plot", str(svg)])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["frustration_index"] == 7
    assert isinstance(out["triangle_balance_ratio"], float)
    assert out["triangle_balance_ratio"] == pytest.approx(0.8676471, abs=1e-7)
    sides = out["bipartition"]
    assert len(sides) == 2 and sorted(sides[0] + sides[1]) == sorted(
        {v for e in GAHUKU_GAMA for v in e[:2]}
    )
    assert svg.exists()
    text = runner.invoke(app, ["balance", "--edges", str(f)])
    assert text.exit_code == 0 and "7" in text.output


@pytest.mark.parametrize(
    ("rows", "needle"),
    [
        ([("a", "a", "1")], "self-loop"),
        ([("a", "b", "2")], "sign"),
        ([("a", "b", "1"), ("b", "a", "-1")], "twice"),
    ],
)
def test_balance_rejects_bad_edges(
    tmp_path: Path, rows: list[tuple[str, str, str]], needle: str
) -> None:
    res = runner.invoke(app, ["balance", "--edges", str(_edges(tmp_path / "e.csv", rows))])
    assert res.exit_code != 0 and needle in _out(res) and "e.csv" in _out(res)


def test_balance_rejects_a_one_node_graph_and_missing_file(tmp_path: Path) -> None:
    empty = _edges(tmp_path / "one.csv", [])
    res = runner.invoke(app, ["balance", "--edges", str(empty)])
    assert res.exit_code != 0 and "one.csv" in _out(res)
    res = runner.invoke(app, ["balance", "--edges", str(tmp_path / "missing.csv")])
    assert res.exit_code != 0 and "not found" in _out(res)


def test_balance_rejects_wrong_header(tmp_path: Path) -> None:
    f = tmp_path / "h.csv"
    f.write_text("x,y,z\n1,2,3\n", encoding="utf-8")
    res = runner.invoke(app, ["balance", "--edges", str(f)])
    assert res.exit_code != 0 and "'sign'" in _out(res)


def test_plot_suffix_is_checked(tmp_path: Path) -> None:
    sizes, p = _planted(tmp_path)
    res = runner.invoke(
        app, ["align", "--sizes", str(sizes), "--propensities", str(p), "--plot", "x.pdf"]
    )
    assert res.exit_code != 0 and ".png or .svg" in _out(res)


@pytest.mark.parametrize(
    ("solver", "used"), [("auto", "branch"), ("enumerate", "enumerate"), ("milp", "milp")]
)
def test_large_system_reports_a_certified_sampled_landscape(
    tmp_path: Path, solver: str, used: str
) -> None:
    """n = 26, beyond all-minima enumeration: auto certifies the global minimum by branch and
    bound, --solver enumerate and milp by enumeration and HiGHS; the minima are sampled."""
    rng = np.random.default_rng(0)
    names = [f"X{i}" for i in range(26)]
    camp = rng.integers(0, 2, 26)
    M = [
        [("0" if i == j else ("1" if camp[i] == camp[j] else "-1")) for j in range(26)]
        for i in range(26)
    ]
    sizes = _write_sizes(tmp_path / "s.csv", [(a, "1") for a in names])
    p = _write_matrix(tmp_path / "p.csv", names, M)
    args = ["align", "--sizes", str(sizes), "--propensities", str(p), "--json"]
    res = runner.invoke(app, [*args, "--solver", solver])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["solver"] == used and out["certified"] is True
    assert out["configurations"] == 2**25 and out["minima_complete"] is False


# ----------------------------------------------------------------------------- built-in data


def test_align_builtin_json_and_explain(tmp_path: Path) -> None:
    res = runner.invoke(app, ["align", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["n"] == len(out["actors"]) and out["configurations"] == 2 ** (out["n"] - 1)
    best = out["minima"][0]["blocs"]
    side = {a: k for k, b in enumerate(best) for a in b}
    assert side["USA"] == side["JPN"] and side["CHN"] != side["USA"]
    res = runner.invoke(app, ["align", "--explain", "CHN", "KOR", "--json"])
    assert res.exit_code == 0, res.output
    exp = json.loads(res.stdout)
    assert sum(t["contribution"] for t in exp["terms"]) == pytest.approx(exp["p"])
    assert all(
        {"term", "raw", "weight", "contribution", "evidence"} <= set(t) for t in exp["terms"]
    )
    res = runner.invoke(app, ["align", "--explain", "CHN", "XXX"])
    assert res.exit_code != 0 and "XXX" in _out(res)
    png = tmp_path / "ea.png"
    res = runner.invoke(app, ["align", "--plot", str(png)])
    assert res.exit_code == 0 and png.stat().st_size > 1000

"""Constructed members where the answer is known: controller() and every outcome."""

from __future__ import annotations

import numpy as np
import pytest

from realpolitik.scenarios.outcomes import (
    OUTCOMES,
    MemberResults,
    compute_outcomes,
    contender_shares,
    controller,
)
from realpolitik.scenarios.state import System

ACTORS = ("CHN", "USA", "JPN", "KOR", "TWN", "AUS")


def _system() -> System:
    n = len(ACTORS)
    return System(
        ACTORS,
        2025,
        np.full(n, 1 / n),
        np.zeros(n),
        np.zeros(n),
        (),
        np.zeros((0, n, n)),
        ("trilateral_fta",),
        np.full((1, n), 50.0),
        np.full((1, n), 0.5),
    )


def _member(
    blocs: list[int],
    shares: list[float],
    *,
    base_blocs: list[int] | None = None,
    base_shares: list[float] | None = None,
    threshold: float = 0.55,
    n_minima: int = 1,
    fta: float = 50.0,
) -> MemberResults:
    return MemberResults(
        blocs=np.array([blocs], dtype=np.int8),
        shares=np.array([shares]),
        n_minima=np.array([n_minima]),
        forecasts=np.array([[fta]]),
        base_shares=np.array([base_shares or shares]),
        base_blocs=np.array([base_blocs or [0, 1, 1, 1, 1, 1]], dtype=np.int8),
        threshold=np.array([threshold]),
    )


#           CHN  USA  JPN  KOR  TWN  AUS
SHARES = [0.40, 0.35, 0.08, 0.07, 0.05, 0.05]


@pytest.mark.parametrize(
    ("blocs", "threshold", "expected"),
    [
        ([0, 1, 1, 1, 1, 1], 0.55, "US-led"),  # US bloc 0.60 > 0.55
        ([0, 1, 1, 1, 1, 1], 0.61, "no one"),  # 0.60 is not more than 0.61
        ([0, 1, 0, 0, 0, 1], 0.55, "China-led"),  # China's bloc 0.60
        ([0, 1, 2, 2, 1, 1], 0.50, "no one"),  # three blocs: 0.40 / 0.45 / 0.15
    ],
)
def test_controller_constructed(blocs: list[int], threshold: float, expected: str) -> None:
    sy = _system()
    assert controller(sy, _member(blocs, SHARES, threshold=threshold)).tolist() == [expected]


def test_controller_japan_korea_and_other() -> None:
    sy = _system()
    big_jk = [0.10, 0.10, 0.35, 0.35, 0.05, 0.05]
    assert controller(sy, _member([0, 1, 2, 2, 1, 1], big_jk)).tolist() == ["Japan-Korea"]
    other = [0.05, 0.05, 0.05, 0.05, 0.40, 0.40]
    assert controller(sy, _member([0, 1, 0, 0, 2, 2], other)).tolist() == ["other"]


def test_contender_shares_constructed() -> None:
    sy = _system()
    c = contender_shares(sy, _member([0, 1, 2, 2, 1, 1], SHARES))
    assert c["China-led"][0] == pytest.approx(0.40)
    assert c["US-led"][0] == pytest.approx(0.45)
    assert c["Japan-Korea"][0] == pytest.approx(0.15) and c["jk_pole"][0] == 1.0
    assert c["margin"][0] == pytest.approx(0.05)
    c2 = contender_shares(sy, _member([0, 1, 1, 1, 1, 1], SHARES))
    assert c2["Japan-Korea"][0] == 0.0 and c2["jk_pole"][0] == 0.0


CASES: dict[str, list[tuple[dict[str, object], bool]]] = {
    "china_regional_leadership": [
        ({"blocs": [0, 1, 0, 0, 1, 1], "threshold": 0.5}, True),  # 0.55 > 0.5, JPN and KOR in
        ({"blocs": [0, 1, 0, 0, 1, 1], "threshold": 0.56}, False),  # below the threshold
        ({"blocs": [0, 1, 0, 1, 0, 1], "threshold": 0.5}, False),  # KOR outside
    ],
    "jpn_kor_counterbloc": [
        ({"blocs": [0, 1, 1, 1, 0, 0]}, True),  # US+JPN+KOR 0.50 >= China+TWN+AUS 0.50
        ({"blocs": [0, 1, 1, 1, 0, 0], "shares": [0.5, 0.3, 0.05, 0.05, 0.05, 0.05]}, False),
    ],
    "us_influence_loss": [
        ({"blocs": [0, 1, 2, 1, 1, 1]}, True),
        ({"blocs": [0, 1, 1, 1, 0, 0]}, False),
    ],
    "china_influence_decline": [
        ({"blocs": [0, 1, 1, 1, 1, 1], "base_blocs": [0, 0, 1, 1, 1, 1]}, True),
        ({"blocs": [0, 1, 1, 1, 0, 1]}, False),  # China's bloc gained Taiwan
    ],
    "jpn_kor_self_reliance": [
        ({"blocs": [0, 1, 2, 2, 1, 1]}, True),
        ({"blocs": [0, 1, 0, 0, 1, 1]}, False),  # together, but with China
    ],
    "jpn_kor_tech_shift_west": [
        ({"blocs": [0, 1, 2, 2, 1, 2]}, True),
        ({"blocs": [0, 1, 2, 2, 1, 1]}, False),  # Australia stays with the US
    ],
    "us_domestic_pressure": [
        ({"base_shares": [0.30, 0.45, 0.08, 0.07, 0.05, 0.05]}, True),  # 0.35 < 0.9 * 0.45
        ({"base_shares": [0.40, 0.36, 0.08, 0.07, 0.05, 0.04]}, False),
    ],
    "trilateral_fta_progress": [({"fta": 60.0}, True), ({"fta": 59.9}, False)],
    "kor_joins_us_coalition": [
        ({"blocs": [0, 1, 1, 1, 1, 1]}, True),
        ({"blocs": [0, 1, 1, 2, 1, 1]}, False),
    ],
    "china_supply_chain_weakened": [
        ({"blocs": [0, 1, 1, 1, 1, 1]}, True),
        ({"blocs": [0, 1, 1, 1, 0, 1]}, False),  # Taiwan in China's bloc
    ],
    "japan_southwest_vulnerable": [
        ({"blocs": [0, 1, 1, 0, 0, 0], "threshold": 0.5}, True),  # China's bloc 0.57
        ({"blocs": [0, 1, 0, 0, 0, 1], "threshold": 0.5}, False),  # Japan inside it
    ],
    "regional_stability": [({"n_minima": 1}, True), ({"n_minima": 2}, False)],
}


def test_every_outcome_has_constructed_cases() -> None:
    assert set(CASES) == {o.id for o in OUTCOMES}


@pytest.mark.parametrize("oid", sorted(CASES))
def test_outcome_constructed(oid: str) -> None:
    sy = _system()
    for kwargs, expected in CASES[oid]:
        args = {"blocs": [0, 1, 1, 1, 1, 1], "shares": SHARES, **kwargs}
        res = _member(**args)  # type: ignore[arg-type]
        got = compute_outcomes(sy, res)[oid]
        assert got.tolist() == [expected], (oid, kwargs)

"""The ``world`` region of the skill backtest and its training origins (issue 20 follow-up)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from realpolitik.cli.history import _regions
from realpolitik.errors import InputError
from realpolitik.forecasting.evaluate import (
    _feature_sets,
    _split,
    landscape_players,
    region_names,
    region_players,
)
from realpolitik.history.players import REGIONS, WORLD_LANDSCAPE


def test_world_is_every_state_with_the_landscape_on_the_major_powers() -> None:
    world = region_players("world")
    assert len(world) > 150 and set(REGIONS[WORLD_LANDSCAPE]) <= set(world)
    assert region_players("all-states") == world
    assert landscape_players("world") == REGIONS[WORLD_LANDSCAPE]
    assert landscape_players("asia-pacific") == region_players("asia-pacific")
    assert "world" in region_names() and "major-powers" in region_names()


def test_cli_regions_give_the_history_backtest_the_landscape_players() -> None:
    (name, players, land), ap = _regions(("world", "asia-pacific"), None)
    assert name == "world" and players == region_players("world")
    assert land == REGIONS[WORLD_LANDSCAPE]
    assert ap[1] == ap[2] == REGIONS["asia-pacific"]
    with pytest.raises(InputError, match="world"):
        _regions(("atlantis",), None)


def _rows() -> pd.DataFrame:
    bases = np.arange(1955, 2016)
    return pd.DataFrame(
        {
            "base": np.repeat(bases, 2),
            "horizon": np.tile([5, 10], bases.size),
            "y": 0.0,
        }
    )


@pytest.mark.parametrize("h", [5, 10])
def test_every_year_trains_under_the_embargo_and_only_scored_bases_are_scored(h: int) -> None:
    scored = tuple(range(1955, 2016, 5))
    train, test = _split(_rows(), h, "out", 2015, 1995, scored)
    assert (train["base"] + h < 1995).all() and (train["horizon"] == h).all()
    assert set(train["base"]) == set(range(1955, 1995 - h))  # every year, not every 5th
    assert set(test["base"]) == {b for b in scored if b >= 1995}
    train_in, test_in = _split(_rows(), h, "in", 2015, 1995, scored)
    assert len(train_in) == 61 and set(test_in["base"]) == set(scored)


def test_the_landscape_probability_is_a_feature_only_where_it_exists_at_every_origin() -> None:
    groups, sets = _feature_sets(["sig_pact"], landscape_everywhere=False)
    assert "landscape_p" not in sets["all"] and "landscape_p" not in groups["landscape"]
    assert any(c.startswith("t_") for c in sets["all"])
    assert "landscape_p" in _feature_sets(["sig_pact"], landscape_everywhere=True)[1]["all"]
    assert sets["state"] == ["same", "opposed", "score"]

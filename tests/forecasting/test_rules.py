"""Resolution rules: every outcome the project forecasts has one, and the rules that read the
measured alignment agree with the model's own outcome on a partition."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from realpolitik.data import load_dataset
from realpolitik.forecasting.issued import BARGAIN_THRESHOLDS
from realpolitik.forecasting.rules import OUTCOME_PLAYERS, OUTCOME_RULES, resolution_of
from realpolitik.scenarios.outcomes import CONTENDERS, OUTCOMES, MemberResults, compute_outcomes
from realpolitik.scenarios.state import System

ACTORS = ("USA", "CHN", "JPN", "KOR", "AUS", "TWN")


def test_every_forecast_outcome_has_a_documented_resolution() -> None:
    questions = [o.id for o in OUTCOMES] + [f"controls:{c}" for c in CONTENDERS]
    questions += [f"issue_up:{i.id}" for i in load_dataset("east-asia-2025").issues]
    questions += [outcome for outcome, _ in BARGAIN_THRESHOLDS.values()]
    for q in questions:
        doc = resolution_of(q)
        assert doc is not None, q
        assert doc.fact
        # either a rule that reads named players, or the reason there is none
        assert (doc.rule is not None and doc.players and not doc.pending) or (
            doc.rule is None and doc.pending
        ), q
    assert resolution_of("controls:") is None and resolution_of("made_up") is None


def _system() -> System:
    n = len(ACTORS)
    z = np.zeros((0, n, n))
    return System(
        ACTORS, 2025, np.full(n, 1 / n), np.zeros(n), np.zeros(n), (), z, (),
        np.zeros((0, n)), np.zeros((0, n)),
    )  # fmt: skip


@pytest.mark.parametrize("outcome", sorted(OUTCOME_RULES))
def test_rules_agree_with_the_model_outcome_on_every_partition(outcome: str) -> None:
    """Read on the sides of a partition (same bloc = 'same'), each rule gives what the model's
    outcome gives for that configuration, for every assignment of the six players to three
    blocs."""
    sy = _system()
    labels = np.array(list(itertools.product(range(3), repeat=len(ACTORS))), dtype=np.int8)
    n = len(ACTORS)
    res = MemberResults(
        labels, np.full(labels.shape, 1 / n), np.ones(len(labels), dtype=np.int64),
        np.zeros((len(labels), 0)), np.full(labels.shape, 1 / n), None,
        np.full(len(labels), 0.55),
    )  # fmt: skip
    model = compute_outcomes(sy, res)[outcome]
    ix = {a: i for i, a in enumerate(ACTORS)}
    for row, expected in zip(labels, model, strict=True):

        def sides(a: str, b: str, row: np.ndarray = row) -> str:
            return "same" if row[ix[a]] == row[ix[b]] else "opposed"

        assert OUTCOME_RULES[outcome](sides) == bool(expected), (outcome, row.tolist())
    assert set(OUTCOME_PLAYERS[outcome]) <= set(ACTORS)


def test_a_rule_reads_only_its_players() -> None:
    for outcome, rule in OUTCOME_RULES.items():
        allowed = set(OUTCOME_PLAYERS[outcome])

        def sides(a: str, b: str, allowed: set[str] = allowed) -> str:
            if a not in allowed or b not in allowed:
                raise KeyError((a, b))
            return "same"

        rule(sides)  # raises KeyError when the rule reads a pair outside its players

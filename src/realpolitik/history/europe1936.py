"""Europe 1936: the landscape prediction of Axelrod & Bennett (1993) from the panel.

The seventeen European states of Axelrod & Bennett (1993), sizes from CoW NMC 6.0 CINC in
1936 (shares among the seventeen), propensity terms built by the same code as every history
system (:func:`realpolitik.history.system.system_at`) from the data dated 1936 or earlier, and
the weights of the chosen preset. The predicted alignment is the global minimum of the
two-bloc landscape (:func:`realpolitik.engines.alignment.landscape.landscape`); the bloc that
holds Britain is the predicted Allied bloc.

**Rule for the observed sides (World War II).** A state is *Allied* when its government fought
the Axis as a belligerent, in resisting invasion or from exile with forces in the field; every
other state (Axis belligerents, co-belligerents, neutrals, states annexed without fighting) is
*not Allied*. Per state: :data:`WWII_SIDE`. Axelrod & Bennett placed 15 of 17 with their
hand-coded propensities.

Trade (from 1946) and UN ideal points (from 1946) do not exist for 1936: those terms are 0.

Axelrod, R., & Bennett, D. S. (1993). A landscape theory of aggregation. *British Journal of
Political Science*, 23(2), 211-233.
"""

from __future__ import annotations

from dataclasses import dataclass

from realpolitik.history.players import EUROPE_1936

__all__ = ["WWII_SIDE", "Europe1936", "europe_1936"]

WWII_SIDE: dict[str, tuple[bool, str]] = {
    "GBR": (True, "at war with Germany from September 1939"),
    "FRA": (True, "at war with Germany from September 1939; Free French forces after 1940"),
    "RUS": (True, "at war with the Axis from June 1941"),
    "POL": (True, "invaded September 1939, fought; government-in-exile with forces"),
    "CSK": (True, "government-in-exile recognised 1940-41, Czechoslovak forces with the Allies"),
    "YUG": (True, "invaded April 1941, fought; government-in-exile"),
    "GRC": (True, "invaded by Italy October 1940, fought; government-in-exile"),
    "DEU": (False, "Axis"),
    "ITA": (False, "Axis (until 1943)"),
    "HUN": (False, "Axis from 1940 (Tripartite Pact)"),
    "ROU": (False, "Axis from 1940 (Tripartite Pact), until August 1944"),
    "FIN": (False, "co-belligerent with Germany against the USSR 1941-44"),
    "EST": (False, "neutral; annexed by the USSR 1940 without fighting"),
    "LVA": (False, "neutral; annexed by the USSR 1940 without fighting"),
    "LTU": (False, "neutral; annexed by the USSR 1940 without fighting"),
    "PRT": (False, "neutral throughout"),
    "DNK": (False, "neutral; occupied April 1940, government stayed, no exile forces"),
}
"""State -> (Allied?, reason), by the rule in the module docstring."""


@dataclass(frozen=True)
class Europe1936:
    """Predicted blocs against the observed sides."""

    allied_bloc: tuple[str, ...]
    other_bloc: tuple[str, ...]
    correct: int
    total: int
    misplaced: tuple[str, ...]
    weights: str

    def to_dict(self) -> dict[str, object]:
        """The ``europe1936`` object of ``realpolitik backtest --json``."""
        return {"correct": self.correct, "total": self.total, "misplaced": list(self.misplaced)}


def europe_1936(weights: str = "fitted") -> Europe1936:
    """Predict the 1936 alignment and compare it with the WWII sides (:data:`WWII_SIDE`)."""
    from realpolitik.engines.alignment.landscape import landscape
    from realpolitik.history.system import system_at

    sy = system_at(1936, EUROPE_1936, weights=weights, size="cinc")
    res = landscape(sy.shares, sy.propensity, blocs=2, solver="exact")
    assign = [int(v) for v in res.global_minimum]
    gbr = assign[sy.actors.index("GBR")]
    allied = tuple(a for a, b in zip(sy.actors, assign, strict=True) if b == gbr)
    other = tuple(a for a in sy.actors if a not in allied)
    misplaced = tuple(a for a in sy.actors if (a in allied) != WWII_SIDE[a][0])
    return Europe1936(
        allied_bloc=allied,
        other_bloc=other,
        correct=len(sy.actors) - len(misplaced),
        total=len(EUROPE_1936),
        misplaced=misplaced,
        weights=weights,
    )

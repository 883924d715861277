"""The result type shared by the bargaining models."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from realpolitik.engines.bargaining.options import EUMOptions

__all__ = ["BargainResult"]


@dataclass(frozen=True)
class BargainResult:
    """Trajectory of a bargaining model; round 0 is the input.

    Attributes
    ----------
    model : str
        ``"eum"``, ``"compromise"`` or ``"median"``.
    positions : ndarray, shape (rounds + 1, ..., n)
        Actor positions per round (leading batch shape as given).
    medians, means : ndarray, shape (rounds + 1, ...)
        Median voter position and capability x salience weighted mean per round.
    forecast : ndarray, shape (...)
        The model's forecast: the final median (EUM, median model) or the weighted mean
        (compromise model).
    risk : ndarray or None, shape (rounds, ..., n)
        Risk exponents used in each round (EUM only).
    options : EUMOptions or None
        The EUM options used.
    q : float or None
        Q, the probability of the status quo when no challenge is made (EUM only).
    """

    model: str
    positions: NDArray[np.float64]
    medians: NDArray[np.float64]
    means: NDArray[np.float64]
    forecast: NDArray[np.float64]
    risk: NDArray[np.float64] | None = None
    options: EUMOptions | None = None
    q: float | None = None

    @classmethod
    def static(
        cls,
        model: str,
        x: NDArray[np.float64],
        batch_shape: tuple[int, ...],
        medians: NDArray[np.float64],
        means: NDArray[np.float64],
        forecast: NDArray[np.float64],
    ) -> BargainResult:
        """The result of a one-shot model: round 0 only, from ``(B, n)`` positions ``x``."""
        return cls(
            model=model,
            positions=x.reshape((1, *batch_shape, x.shape[1])).copy(),
            medians=medians.reshape((1, *batch_shape)),
            means=means.reshape((1, *batch_shape)),
            forecast=np.asarray(forecast.reshape(batch_shape), dtype=np.float64).copy(),
        )

    @property
    def rounds(self) -> int:
        """Number of rounds played (round 0, the input, not counted)."""
        return int(self.positions.shape[0]) - 1

    def to_dict(self, actors: Sequence[str]) -> dict[str, Any]:
        """JSON-ready dict for a single issue: ``{"rounds": [...], "forecast": float}``.

        Raises
        ------
        ValueError
            If the result holds a batch, or ``actors`` does not match the actor axis.
        """
        if self.positions.ndim != 2:
            raise ValueError("to_dict needs a single-issue result (no batch axis)")
        if len(actors) != self.positions.shape[1]:
            raise ValueError("one name per actor is needed")
        rounds = []
        for t in range(self.positions.shape[0]):
            rounds.append(
                {
                    "round": t,
                    "median": float(self.medians[t]),
                    "mean": float(self.means[t]),
                    "positions": {
                        a: float(v) for a, v in zip(actors, self.positions[t], strict=True)
                    },
                }
            )
        return {"model": self.model, "rounds": rounds, "forecast": float(self.forecast)}

"""Distributions of uncertain scenario inputs, drawn with one generator per ensemble member.

Each distribution is a small pydantic model (validated when a scenario file is read) with a
vectorised ``sample(rng, size)``. Parameters are checked with messages that name the offending
parameter, so a scenario file error points at the key to fix.

Examples
--------
>>> import numpy as np
>>> d = Normal(mean=0.0, sd=1.0)
>>> d.sample(np.random.default_rng(0), 3).shape
(3,)
>>> Uniform(low=0, high=1).mean()
0.5
"""

from __future__ import annotations

from typing import Annotated, Literal

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "Beta",
    "Distribution",
    "Fixed",
    "LogNormal",
    "Normal",
    "Triangular",
    "Uniform",
]


class _Dist(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def sample(
        self, rng: np.random.Generator, size: int
    ) -> NDArray[np.float64]:  # pragma: no cover
        raise NotImplementedError

    def mean(self) -> float:  # pragma: no cover
        raise NotImplementedError

    def ppf(self, u: NDArray[np.float64]) -> NDArray[np.float64]:  # pragma: no cover
        """Quantile function: the value below which a share ``u`` of draws falls (used by
        the unified uniform design of :mod:`realpolitik.scenarios.structure`)."""
        raise NotImplementedError


class Fixed(_Dist):
    """A constant (no uncertainty)."""

    dist: Literal["fixed"] = "fixed"
    value: float

    def sample(self, rng: np.random.Generator, size: int) -> NDArray[np.float64]:
        return np.full(size, self.value)

    def mean(self) -> float:
        return self.value

    def ppf(self, u: NDArray[np.float64]) -> NDArray[np.float64]:
        return np.full(np.shape(u), self.value)


class Normal(_Dist):
    """Normal(mean, sd), optionally truncated to ``[low, high]`` by clipping."""

    dist: Literal["normal"] = "normal"
    mean_: float = Field(alias="mean")
    sd: float = Field(ge=0)
    low: float | None = None
    high: float | None = None

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    @model_validator(mode="after")
    def _check(self) -> Normal:
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low ({self.low}) must not exceed high ({self.high})")
        return self

    def sample(self, rng: np.random.Generator, size: int) -> NDArray[np.float64]:
        x = rng.normal(self.mean_, self.sd, size)
        if self.low is not None or self.high is not None:
            x = np.clip(x, self.low, self.high)
        return x

    def mean(self) -> float:
        return self.mean_

    def ppf(self, u: NDArray[np.float64]) -> NDArray[np.float64]:
        from scipy.special import ndtri

        x = self.mean_ + self.sd * ndtri(np.clip(u, 1e-12, 1 - 1e-12))
        if self.low is not None or self.high is not None:
            x = np.clip(x, self.low, self.high)
        return np.asarray(x, dtype=float)


class Uniform(_Dist):
    """Uniform on ``[low, high]``."""

    dist: Literal["uniform"] = "uniform"
    low: float
    high: float

    @model_validator(mode="after")
    def _check(self) -> Uniform:
        if self.low > self.high:
            raise ValueError(f"low ({self.low}) must not exceed high ({self.high})")
        return self

    def sample(self, rng: np.random.Generator, size: int) -> NDArray[np.float64]:
        return rng.uniform(self.low, self.high, size)

    def mean(self) -> float:
        return (self.low + self.high) / 2

    def ppf(self, u: NDArray[np.float64]) -> NDArray[np.float64]:
        return self.low + (self.high - self.low) * np.asarray(u, dtype=float)


class Triangular(_Dist):
    """Triangular on ``[low, high]`` with peak at ``mode``."""

    dist: Literal["triangular"] = "triangular"
    low: float
    mode: float
    high: float

    @model_validator(mode="after")
    def _check(self) -> Triangular:
        if not self.low <= self.mode <= self.high or self.low == self.high:
            raise ValueError(
                "need low <= mode <= high and low < high "
                f"(got {self.low}, {self.mode}, {self.high})"
            )
        return self

    def sample(self, rng: np.random.Generator, size: int) -> NDArray[np.float64]:
        return rng.triangular(self.low, self.mode, self.high, size)

    def mean(self) -> float:
        return (self.low + self.mode + self.high) / 3

    def ppf(self, u: NDArray[np.float64]) -> NDArray[np.float64]:
        a, c, b = self.low, self.mode, self.high
        uu = np.asarray(u, dtype=float)
        fc = (c - a) / (b - a)
        left = a + np.sqrt(uu * (b - a) * (c - a))
        right = b - np.sqrt((1 - uu) * (b - a) * (b - c))
        return np.where(uu < fc, left, right)


class Beta(_Dist):
    """Beta(a, b) on [0, 1], for intensities and probabilities."""

    dist: Literal["beta"] = "beta"
    a: float = Field(gt=0)
    b: float = Field(gt=0)

    def sample(self, rng: np.random.Generator, size: int) -> NDArray[np.float64]:
        return rng.beta(self.a, self.b, size)

    def mean(self) -> float:
        return self.a / (self.a + self.b)

    def ppf(self, u: NDArray[np.float64]) -> NDArray[np.float64]:
        from scipy.special import betaincinv

        return np.asarray(betaincinv(self.a, self.b, np.asarray(u, dtype=float)), dtype=float)


class LogNormal(_Dist):
    """Log-normal: ``exp(Normal(mu, sigma))``, for positive multipliers."""

    dist: Literal["lognormal"] = "lognormal"
    mu: float = 0.0
    sigma: float = Field(ge=0)

    def sample(self, rng: np.random.Generator, size: int) -> NDArray[np.float64]:
        return rng.lognormal(self.mu, self.sigma, size)

    def mean(self) -> float:
        return float(np.exp(self.mu + self.sigma**2 / 2))

    def ppf(self, u: NDArray[np.float64]) -> NDArray[np.float64]:
        from scipy.special import ndtri

        z = ndtri(np.clip(np.asarray(u, dtype=float), 1e-12, 1 - 1e-12))
        return np.asarray(np.exp(self.mu + self.sigma * z), dtype=float)


Distribution = Annotated[
    Fixed | Normal | Uniform | Triangular | Beta | LogNormal, Field(discriminator="dist")
]
"""Any distribution, chosen by its ``dist`` key in a scenario file."""

"""Scenario files: one pydantic model, TOML canonical, YAML accepted, JSON Schema published.

A scenario names a base data set and year, a horizon, the levers it pulls (each with a fixed
intensity or a distribution), the uncertain inputs and their distributions, the outcomes to
measure, the ensemble size and the root seed. :func:`load_scenario` reads a file and checks it
against the data set, raising :class:`~realpolitik.errors.ScenarioError` with the file and key
of the first problem found.

Examples
--------
>>> spec = ScenarioSpec.model_validate({"name": "demo", "horizon": 2030,
...     "levers": [{"id": "rcep_expansion", "intensity": 0.8}]})
>>> spec.levers[0].id, spec.members
('rcep_expansion', 2000)
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from realpolitik.errors import ScenarioError
from realpolitik.scenarios.distributions import Distribution

__all__ = [
    "ClaimRef",
    "InputSpec",
    "LeverSpec",
    "ScenarioSpec",
    "UncertaintySpec",
    "load_scenario",
    "scenario_hash",
    "scenario_schema",
]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class LeverSpec(_Model):
    """A lever pulled in the scenario: catalogue id and intensity (0 = off, 1 = full)."""

    id: str
    intensity: float | Distribution = 1.0

    @field_validator("intensity")
    @classmethod
    def _range(cls, v: float | Distribution) -> float | Distribution:
        if isinstance(v, float | int) and not 0.0 <= float(v) <= 2.0:
            raise ValueError("intensity must lie in [0, 2] (1 = the lever as documented)")
        return v


class InputSpec(_Model):
    """An extra uncertain input: ``target`` and its distribution.

    Targets: ``growth.<ACTOR>`` (annual log growth of capability share, replaces the prior),
    ``weight.<term>`` (multiplier of a propensity term's weight), ``propensity.<A>.<B>``
    (added to p_AB), ``position.<issue>.<ACTOR>`` (replaces the position, 0-100) and
    ``salience.<issue>.<ACTOR>`` (replaces the salience, 0-1).
    """

    target: str
    distribution: Distribution


class UncertaintySpec(_Model):
    """The default uncertainty around the base state, plus explicit inputs."""

    growth_sd_scale: float = Field(1.0, ge=0, description="scales every actor's growth-prior sd")
    term_weight_sigma: float = Field(
        0.3, ge=0, description="log-normal sigma of the multiplier on each propensity term weight"
    )
    propensity_noise: float = Field(
        0.1,
        ge=0,
        description="sd of noise added to each p_ij, in absolute propensity units (a defence "
        "treaty = 1); judgement, about a tenth of a security partnership",
    )
    position_sd: float = Field(5.0, ge=0, description="sd of noise on issue positions (0-100)")
    salience_sd: float = Field(0.05, ge=0, description="sd of noise on saliences (0-1)")
    inputs: tuple[InputSpec, ...] = ()


class ClaimRef(_Model):
    """The article claim a scenario operationalises."""

    source: str = Field(description="source id of the article, e.g. 'seed000'")
    summary: str = Field(description="the claim in our own words")
    outcome: str = Field(description="catalogue outcome id of the consequent")
    cue: str = ""


class ScenarioSpec(_Model):
    """A runnable what-if scenario."""

    name: str = Field(min_length=1)
    description: str = ""
    dataset: str = "east-asia-2025"
    base_year: int | None = None
    horizon: int = 2030
    actors: tuple[str, ...] | None = None
    blocs: int = Field(
        3, ge=2, le=3, description="most blocs a member may draw (2 or 3, equal probabilities)"
    )
    issue_model: Literal["compromise", "eum", "median"] = "compromise"
    levers: tuple[LeverSpec, ...] = ()
    uncertainty: UncertaintySpec = UncertaintySpec()
    outcomes: tuple[str, ...] | None = None
    members: int = Field(2000, ge=1)
    seed: int = Field(20250322, ge=0)
    claim: ClaimRef | None = None


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema of scenario files (for editors and validation elsewhere)."""
    return ScenarioSpec.model_json_schema()


def scenario_hash(spec: ScenarioSpec) -> str:
    """A stable short hash of the scenario's content (order of keys does not matter)."""
    payload = json.dumps(spec.model_dump(mode="json", by_alias=True), sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def _read_mapping(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise ScenarioError(f"{path}: scenario file not found (check the path)")
    text = path.read_text(encoding="utf-8", errors="replace")
    suffix = path.suffix.lower()
    try:
        if suffix == ".toml":
            data: Any = tomllib.loads(text)
        elif suffix in (".yaml", ".yml"):
            import yaml

            data = yaml.safe_load(text)
        else:
            raise ScenarioError(f"{path}: unknown scenario format '{suffix}' (use .toml or .yaml)")
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{path}: malformed TOML: {exc}") from exc
    except ScenarioError:
        raise
    except Exception as exc:  # yaml.YAMLError and friends
        raise ScenarioError(f"{path}: malformed YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ScenarioError(f"{path}: a scenario file must be a table/mapping at the top level")
    # Accept both a flat file and one with a [scenario] table for the scalar keys.
    if "scenario" in data and isinstance(data["scenario"], dict):
        head = data.pop("scenario")
        data = {**head, **data}
    return dict(data)


def _format_validation(path: Path, exc: ValidationError) -> str:
    lines = []
    for err in exc.errors()[:10]:
        key = ".".join(str(p) for p in err["loc"])
        lines.append(f"  - key '{key}': {err['msg']}")
    return f"{path}: invalid scenario:\n" + "\n".join(lines)


def load_scenario(path: str | Path) -> ScenarioSpec:
    """Read and validate a scenario file (TOML or YAML).

    Checks against the data set (lever, actor, issue and outcome ids; horizon after base
    year) happen in :func:`realpolitik.scenarios.state.check_scenario`, which the runner
    calls.

    Raises
    ------
    ScenarioError
        Naming the file and the key of each problem.
    """
    p = Path(path)
    data = _read_mapping(p)
    try:
        return ScenarioSpec.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(_format_validation(p, exc)) from exc

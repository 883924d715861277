"""The terms of the propensity sum and the judgement weights file that names them.

:mod:`realpolitik.engines.alignment.propensity` (which computes the terms) and
:mod:`realpolitik.engines.alignment.weights` (which reads the fitted draws of their weights)
both need the term names and the judgement weights; they live here so that neither of those
modules imports the other's reader.

Examples
--------
>>> TERMS[0], load_weights()["alliance"].weight
('alliance', 1.0)
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from realpolitik._paths import PACKAGE_DATA
from realpolitik.errors import DataError

__all__ = ["DEFAULT_WEIGHTS_FILE", "TERMS", "TermSpec", "load_weights"]

DEFAULT_WEIGHTS_FILE = PACKAGE_DATA / "east_asia" / "propensity.toml"
"""The built-in judgement weights (``realpolitik/data/east_asia/propensity.toml``)."""

TERMS: tuple[str, ...] = (
    "alliance",
    "security_partnership",
    "trade_agreement",
    "trade_dependence",
    "cooperation",
    "territorial_dispute",
    "sanctions",
    "rivalry",
    "hostility",
    "regime_similarity",
    "shared_threats",
    "event_tone",
)
"""Term names, in the order of the ``terms`` axis."""


@dataclass(frozen=True)
class TermSpec:
    """Weight of one term, with its justification and citation."""

    name: str
    weight: float
    why: str = ""
    cite: str = ""


def load_weights(path: str | Path | None = None) -> dict[str, TermSpec]:
    """Read term weights from a TOML file (default: the built-in ``propensity.toml``).

    Raises
    ------
    DataError
        Unreadable file, unknown term, or a weight that is not a finite number.

    Examples
    --------
    >>> w = load_weights()
    >>> w["alliance"].weight, sorted(w) == sorted(TERMS)
    (1.0, True)
    """
    p = Path(path) if path is not None else DEFAULT_WEIGHTS_FILE
    try:
        doc = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"propensity weights file {p} cannot be read: {exc}") from exc
    terms = doc.get("terms", {})
    out: dict[str, TermSpec] = {}
    for name, spec in terms.items():
        if name not in TERMS:
            raise DataError(f"{p}: unknown term [terms.{name}]; known terms: {', '.join(TERMS)}")
        w = spec.get("weight")
        if not isinstance(w, int | float) or not np.isfinite(w):
            raise DataError(f"{p}: [terms.{name}] weight must be a finite number, got {w!r}")
        out[name] = TermSpec(name, float(w), str(spec.get("why", "")), str(spec.get("cite", "")))
    for name in TERMS:
        out.setdefault(name, TermSpec(name, 0.0, "not in the weights file: off"))
    return out

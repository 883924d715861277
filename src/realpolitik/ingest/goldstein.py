"""Goldstein (1992) conflict-cooperation weights of CAMEO event codes.

The Goldstein scale is defined per event code, not per event family: within CAMEO's root 04
(consult) a telephone call weighs 1.0 and mediation 5.0; within root 13 (threaten) a vague
threat weighs -4.4 and an ultimatum -7.0. The parse-based coder types an event by PLOVER
family but keeps the CAMEO code of the dictionary pattern that matched, so an event's tone is
the weight of that code, read from the published lookup table (``eventdata/
CAMEO.goldsteinscale.txt``, the GDELT Project's CAMEO lookup; sources in
``eventdata/README.md``). A code missing from the table takes the weight of its nearest
parent code (``0814`` -> ``081`` -> ``08``).

Examples
--------
>>> goldstein("045")  # mediate
5.0
>>> goldstein("040")  # consult, unspecified
1.0
>>> goldstein("0999")  # not listed: its parent 09 (investigate)
-2.0
>>> goldstein("99") is None  # no such code or parent
True
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from realpolitik.errors import InputError

__all__ = ["GOLDSTEIN_FILE", "goldstein", "load_goldstein"]

GOLDSTEIN_FILE = Path(__file__).with_name("eventdata") / "CAMEO.goldsteinscale.txt"


@lru_cache(maxsize=1)
def load_goldstein(path: str | Path = GOLDSTEIN_FILE) -> dict[str, float]:
    """CAMEO code -> Goldstein weight, from the tab-separated lookup (header line skipped).

    Raises
    ------
    InputError
        When the file cannot be read or a row is not ``code<TAB>weight``.
    """
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read the Goldstein table {path}: {exc}") from exc
    out: dict[str, float] = {}
    for k, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        code, _, value = line.partition("\t")
        try:
            out[code.strip()] = float(value)
        except ValueError as exc:
            raise InputError(f"{path}, line {k}: expected 'CAMEO code<TAB>weight'") from exc
    return out


def goldstein(code: str) -> float | None:
    """Goldstein weight of a CAMEO ``code`` (its nearest listed parent's), or None."""
    table = load_goldstein()
    c = code.strip()
    while len(c) >= 2:
        if c in table:
            return table[c]
        c = c[:-1]
    return None

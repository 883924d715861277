"""The coder's one learnt setting, and its K-fold cross-validation on PLOVER records.

The CAMEO dictionary and the CAMEO-to-PLOVER table (:mod:`realpolitik.ingest.cameo_plover`)
decide every type, save one thing the records can teach: where the gold coding's PLOVER version
draws a line elsewhere than the 2021 table (a three-digit CAMEO code whose coded events the
coders typed differently). :func:`learn_remap` finds such codes: a code is remapped to a gold
type when at least ``min_count`` of the training records whose main event came from that code
have that type, and more of them than have the code's own type.

:func:`cross_validate` measures what that learning is worth on records it has not seen: the
records are cut into K folds (seeded shuffle, :mod:`realpolitik._rng`), the remap is learnt
on K-1 folds and the coder with it scores the K-th; the figures pool all K held-out folds.

Examples
--------
>>> pairs = [("AGREE", "057"), ("AGREE", "057"), ("SUPPORT", "057"), ("FIGHT", "190")]
>>> learn_remap(pairs, {"057": "SUPPORT", "190": "FIGHT"})
{'057': 'AGREE'}
>>> [sorted(f) for f in folds(6, 3, seed=1)]
[[1, 4], [0, 5], [2, 3]]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from realpolitik._rng import as_generator
from realpolitik.errors import InputError

__all__ = ["cross_validate", "folds", "learn_remap", "learn_settings"]

MIN_COUNT = 2
"""Training records a remap needs (one record is an anecdote)."""


def folds(n: int, k: int, seed: int = 0) -> list[list[int]]:
    """Record indices cut into ``k`` folds of near-equal size after a seeded shuffle.

    Raises
    ------
    InputError
        When ``k`` is below 2 or above ``n``.
    """
    if k < 2 or k > n:
        raise InputError(f"--cv needs 2 <= K <= number of records ({n}), got {k}")
    order = as_generator(seed).permutation(n).tolist()
    return [order[i::k] for i in range(k)]


def learn_remap(
    pairs: Sequence[tuple[str, str]],
    current: dict[str, str],
    min_count: int = MIN_COUNT,
) -> dict[str, str]:
    """Three-digit CAMEO code -> gold type, from (gold type, coded code) pairs.

    ``current``: the type each code has now (three-digit code -> type). See module notes.
    """
    by_code: dict[str, Counter[str]] = {}
    for gold, code in pairs:
        if len(code) >= 3:
            by_code.setdefault(code[:3], Counter())[gold] += 1
    out: dict[str, str] = {}
    for code, votes in sorted(by_code.items()):
        (gold, n), *_ = votes.most_common(1)
        own = current.get(code)
        if gold != own and n >= min_count and n > votes.get(own or "", 0):
            out[code] = gold
    return out


def _pairs(mains: Sequence[Any]) -> list[tuple[str, str]]:
    return [(m[0], m[2]) for m in mains if m is not None and m[2]]


def _current(codes: Sequence[str]) -> dict[str, str]:
    from realpolitik.ingest.cameo_plover import load_conversion, plover_type

    table = load_conversion()
    out = {}
    for c in codes:
        ty = plover_type(c[:3], table)
        if ty is not None:
            out[c[:3]] = "DISAPPROVE" if ty == "ACCUSE" else ty
    return out


def learn_settings(records: list[dict[str, Any]], make: Callable[[Any], Any]) -> dict[str, Any]:
    """The settings (``{"appeal", "remap"}``) learnt from ``records``.

    ``make(lexicon)`` returns an extractor using that lexicon (None: the plain CAMEO one).
    """
    from realpolitik.ingest.cameo_plover import cameo_lexicon
    from realpolitik.ingest.plover_eval import record_mains

    pairs = _pairs(record_mains(records, make(cameo_lexicon())))
    remap = learn_remap(pairs, _current([c for _, c in pairs]))
    return {"appeal": "REQUEST", "remap": remap}


def cross_validate(
    records: list[dict[str, Any]], k: int, make: Callable[[Any], Any], seed: int = 0
) -> dict[str, Any]:
    """K-fold figures (coverage, type and full accuracy) of the learnt coder (module notes).

    ``make(lexicon)`` returns an extractor using that lexicon.
    """
    from realpolitik.ingest.cameo_plover import cameo_lexicon
    from realpolitik.ingest.plover_eval import record_mains, summarise

    parts = folds(len(records), k, seed)
    base = record_mains(records, make(cameo_lexicon()))
    mains: list[Any] = [None] * len(records)
    for i, held in enumerate(parts):
        train = [base[j] for f, part in enumerate(parts) if f != i for j in part]
        pairs = _pairs(train)
        remap = learn_remap(pairs, _current([c for _, c in pairs]))
        ex = make(cameo_lexicon(remap=remap))
        for j, m in zip(held, record_mains([records[j] for j in held], ex), strict=True):
            mains[j] = m
    got = summarise(records, mains)
    return {
        "k": k,
        "coverage": got["coverage"],
        "type_accuracy": got["type_accuracy"],
        "full_accuracy": got["full_accuracy"],
    }

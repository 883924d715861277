"""Longest-match phrase finder over word tokens (one dict look-up per token, no regex alternation).

Phrases and texts are cut into tokens by the same rule (runs of word characters, or one other
non-space character), so a phrase only matches on whole-token boundaries: "Niger" never matches
inside "Nigeria", and "U.S." matches as the four tokens ``U . S .``. Matching is case-sensitive,
which keeps "US" (the country) apart from "us" and "China" apart from "china".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = ["PhraseIndex", "Token", "tokenize"]

P = TypeVar("P")

_TOKEN = re.compile(r"\w+|[^\w\s]")
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2010": "-", "\u2011": "-", "\u2013": "-"})


@dataclass(frozen=True)
class Token:
    """One token: its normalised text and character offsets."""

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Cut ``text`` into word and punctuation tokens (curly quotes and dashes folded).

    Examples
    --------
    >>> [t.text for t in tokenize("the U.S. and Côte d’Ivoire")]
    ['the', 'U', '.', 'S', '.', 'and', 'Côte', 'd', "'", 'Ivoire']
    """
    folded = text.translate(_FOLD)
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(folded)]


def _key(phrase: str) -> tuple[str, ...]:
    return tuple(t.text for t in tokenize(phrase))


class PhraseIndex(Generic[P]):
    """Phrases indexed by their first token; :meth:`scan` returns the longest match at each point.

    Examples
    --------
    >>> idx = PhraseIndex([("South China Sea", "stop"), ("China", "CHN")])
    >>> [(a, b, p) for a, b, p in idx.scan(tokenize("China and the South China Sea"))]
    [(0, 1, 'CHN'), (3, 6, 'stop')]
    """

    def __init__(self, phrases: Iterable[tuple[str, P]]) -> None:
        table: dict[tuple[str, ...], P] = {}
        for phrase, payload in phrases:
            key = _key(phrase)
            if key and key not in table:
                table[key] = payload
        first: dict[str, list[tuple[tuple[str, ...], P]]] = {}
        for key, payload in table.items():
            first.setdefault(key[0], []).append((key, payload))
        for cands in first.values():
            cands.sort(key=lambda kp: -len(kp[0]))
        self._first = first
        self._table = table

    def __len__(self) -> int:
        return len(self._table)

    def get(self, phrase: str) -> P | None:
        """The payload of an exact phrase, or ``None``."""
        return self._table.get(_key(phrase))

    def match_at(self, tokens: list[Token], i: int) -> tuple[int, P] | None:
        """The longest phrase starting at token ``i`` as ``(length, payload)``, or ``None``."""
        cands = self._first.get(tokens[i].text)
        if cands is None:
            return None
        n = len(tokens)
        for key, payload in cands:
            k = len(key)
            if i + k <= n and all(tokens[i + j].text == key[j] for j in range(1, k)):
                return k, payload
        return None

    def scan(self, tokens: list[Token]) -> Iterator[tuple[int, int, P]]:
        """Yield ``(first_token, end_token, payload)`` of non-overlapping longest matches."""
        i, n = 0, len(tokens)
        first = self._first
        while i < n:
            hit = self.match_at(tokens, i) if tokens[i].text in first else None
            if hit is None:
                i += 1
                continue
            yield i, i + hit[0], hit[1]
            i += hit[0]

"""Longest-match phrase finder over word tokens (one dict look-up per token, no regex alternation).

Phrases and texts are cut into tokens by the same rule (runs of word characters, or one other
non-space character), so a phrase only matches on whole-token boundaries: "Niger" never matches
inside "Nigeria", and "U.S." matches as the four tokens ``U . S .``. Matching is case-sensitive,
which keeps "US" (the country) apart from "us" and "China" apart from "china".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, Generic, NamedTuple, TypeVar

__all__ = ["PhraseIndex", "Token", "tokenize"]

P = TypeVar("P")

_TOKEN = re.compile(r"\w+|[^\w\s]")
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2010": "-", "\u2011": "-", "\u2013": "-"})


class Token(NamedTuple):
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
    return [Token(m.group(), *m.span()) for m in _TOKEN.finditer(folded)]


def _key(phrase: str) -> tuple[str, ...]:
    return tuple(t.text for t in tokenize(phrase))


_END = ""  # trie key for "a phrase ends here" (never a token)


class PhraseIndex(Generic[P]):
    """Phrases in a token trie; :meth:`scan` returns the longest match at each point.

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
        root: dict[str, Any] = {}
        for key, payload in table.items():
            node = root
            for tok in key:
                node = node.setdefault(tok, {})
            node[_END] = payload
        self._root = root
        self._table = table

    def __len__(self) -> int:
        return len(self._table)

    def get(self, phrase: str) -> P | None:
        """The payload of an exact phrase, or ``None``."""
        return self._table.get(_key(phrase))

    def match_at(self, tokens: list[Token], i: int) -> tuple[int, P] | None:
        """The longest phrase starting at token ``i`` as ``(length, payload)``, or ``None``."""
        node = self._root.get(tokens[i].text)
        best: tuple[int, P] | None = None
        j, n = i + 1, len(tokens)
        while node is not None:
            if _END in node:
                best = (j - i, node[_END])
            if j >= n:
                break
            node = node.get(tokens[j].text)
            j += 1
        return best

    def scan(self, tokens: list[Token]) -> Iterator[tuple[int, int, P]]:
        """Yield ``(first_token, end_token, payload)`` of non-overlapping longest matches."""
        i, n = 0, len(tokens)
        root = self._root
        while i < n:
            hit = self.match_at(tokens, i) if tokens[i].text in root else None
            if hit is None:
                i += 1
                continue
            yield i, i + hit[0], hit[1]
            i += hit[0]

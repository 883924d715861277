"""One bounded, thread-safe cache shared by every expensive result of the app.

Baselines of other ensemble sizes, lens comparisons, the report page and the overview figures
all live in one :class:`cachetools.LRUCache` (least recently used dropped first).
:class:`LRUCache` adds what the app needs on top: computing a missing entry holds a lock of
its own key only, so two different expensive requests do not queue behind one global lock,
while two requests for the same key compute it once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import cachetools

__all__ = ["DEFAULT_MAX_ENTRIES", "LRUCache"]

T = TypeVar("T")

DEFAULT_MAX_ENTRIES = 24
"""Entries kept by the app's cache."""


class LRUCache:
    """A least-recently-used cache of at most ``max_entries`` values (``cachetools``).

    Examples
    --------
    >>> c = LRUCache(2)
    >>> c.get_or_compute("a", lambda: 1), c.get_or_compute("b", lambda: 2)
    (1, 2)
    >>> c.get_or_compute("a", lambda: 99)  # a hit: not recomputed, now most recent
    1
    >>> _ = c.get_or_compute("c", lambda: 3)  # evicts "b", the least recently used
    >>> sorted(c.entries())
    ['a', 'c']
    """

    def __init__(self, max_entries: int = DEFAULT_MAX_ENTRIES) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self.max_entries = max_entries
        self._data: cachetools.LRUCache[Hashable, Any] = cachetools.LRUCache(max_entries)
        self._lock = threading.Lock()
        self._key_locks: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable) -> Any | None:
        """The value under ``key`` (marked most recent) or ``None``."""
        with self._lock:
            return self._data.get(key)

    def put(self, key: Hashable, value: Any) -> None:
        """Store ``value`` under ``key``, dropping the least recently used beyond the bound."""
        with self._lock:
            self._data[key] = value

    def get_or_compute(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached value of ``key``, or ``compute()`` stored under it (computed once even
        when several threads ask at the same time)."""
        hit = self.get(key)
        if hit is not None:
            return hit  # type: ignore[no-any-return]
        with self._lock:
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            hit = self.get(key)
            if hit is None:
                hit = compute()
                self.put(key, hit)
        with self._lock:
            self._key_locks.pop(key, None)
        return hit  # type: ignore[no-any-return]

    def entries(self) -> list[Hashable]:
        """Keys, in the order they were first stored (the oldest first)."""
        with self._lock:
            return list(self._data.keys())

    def __len__(self) -> int:
        with self._lock:
            return len(self._data)

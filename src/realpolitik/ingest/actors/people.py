"""Who held an office when: resolve a person's name to an actor code with the article's date."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping

from .records import PersonTerm

__all__ = ["PeopleIndex"]


class PeopleIndex:
    """Office terms indexed by every name form (full name and listed aliases).

    Resolution of a name on a date (see :meth:`resolve`):

    1. the terms of that name in force on the date; if they all belong to one actor, that actor;
    2. if they belong to several actors ("Kim" in 2000: KOR and PRK), the one of them co-mentioned
       most in the same text (``context``), or ``None`` on a tie;
    3. if no term is in force on the date, every term of that name is considered the same way
       (a former office holder stays with their country: "Kozyrev" in 2000 is still RUS);
    4. without a date, step 3 directly.

    Examples
    --------
    >>> t1 = PersonTerm("Kim Dae-jung", ("Kim",), "KOR", "head of state and government",
    ...                 dt.date(1998, 2, 25), dt.date(2003, 2, 24), "x")
    >>> t2 = PersonTerm("Kim Jong Il", ("Kim",), "PRK", "head of state",
    ...                 dt.date(1994, 7, 8), dt.date(2011, 12, 17), "x")
    >>> idx = PeopleIndex([t1, t2])
    >>> idx.resolve("Kim", dt.date(2000, 6, 1)) is None
    True
    >>> idx.resolve("Kim", dt.date(2000, 6, 1), {"PRK": 2})
    'PRK'
    >>> idx.resolve("Kim Dae-jung", dt.date(2000, 6, 1))
    'KOR'
    """

    def __init__(self, terms: Iterable[PersonTerm]) -> None:
        by_name: dict[str, list[PersonTerm]] = {}
        for t in terms:
            for form in dict.fromkeys((t.name, *t.aliases)):
                by_name.setdefault(" ".join(form.split()), []).append(t)
        self._by_name = by_name

    def names(self) -> list[str]:
        """Every name form, sorted."""
        return sorted(self._by_name)

    def terms(self, name: str) -> list[PersonTerm]:
        """The terms recorded under a name form (empty when unknown)."""
        return list(self._by_name.get(" ".join(name.split()), ()))

    def in_office(self, name: str, day: dt.date) -> list[PersonTerm]:
        """The terms of ``name`` in force on ``day``."""
        return [t for t in self.terms(name) if t.covers(day)]

    def resolve(
        self, name: str, day: dt.date | None = None, context: Mapping[str, int] | None = None
    ) -> str | None:
        """The actor code of ``name`` on ``day``, or ``None`` when unknown or undecidable."""
        terms = self.terms(name)
        if not terms:
            return None
        current = [t for t in terms if t.covers(day)] if day is not None else []
        return _pick(current or terms, context)

    def codes(self, name: str) -> set[str]:
        """Every actor code any term of ``name`` belongs to."""
        return {t.code for t in self.terms(name)}


def _pick(terms: list[PersonTerm], context: Mapping[str, int] | None) -> str | None:
    codes = Counter(t.code for t in terms)
    if len(codes) == 1:
        return next(iter(codes))
    if not context:
        return None
    scored = sorted(((context.get(c, 0), c) for c in codes), reverse=True)
    if scored[0][0] > 0 and scored[0][0] > scored[1][0]:
        return scored[0][1]
    return None

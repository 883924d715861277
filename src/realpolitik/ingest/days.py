"""Partial ISO dates of articles and office terms (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``).

Both the text pipeline (:mod:`realpolitik.ingest.nlp`) and the world actor dictionary's resolver
(:mod:`realpolitik.ingest.world`) read them; the one reader lives here.

Examples
--------
>>> parse_day("2021-09-30")
datetime.date(2021, 9, 30)
"""

from __future__ import annotations

import datetime as dt

__all__ = ["parse_day"]


def parse_day(date: str) -> dt.date | None:
    """``YYYY-MM-DD`` (or ``YYYY-MM``, ``YYYY``) as a date, else None.

    Examples
    --------
    >>> parse_day("2021-09"), parse_day("")
    (datetime.date(2021, 9, 1), None)
    """
    parts = (date or "").split("-")
    try:
        nums = [int(p) for p in parts[:3] if p]
        if not nums:
            return None
        return dt.date(nums[0], *([*nums[1:], 1, 1])[:2])
    except ValueError:
        return None

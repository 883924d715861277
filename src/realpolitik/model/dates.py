"""Dates of varying precision (``2025``, ``2025-03``, ``2025-03-24``) as the periods they name.

The store keeps the text as written and, for filtering, the first day of its period
(:func:`period_start`) in a real ``DATE`` column; a filter ``since`` compares with the first day
of its own period and ``until`` with the last (:func:`period_bounds`). So ``until="2025-03"``
keeps an article of 2025-03-24, and ``since="2025-03"`` leaves out one dated only ``2025``,
on SQLite and PostgreSQL alike, with no dependence on text collation.

Examples
--------
>>> period_bounds("2024-02")
(datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
>>> period_start("2025"), period_start("March 2025")
(datetime.date(2025, 1, 1), None)
>>> within("2025-03-24", until="2025-03"), within("2025", since="2025-03")
(True, False)
"""

from __future__ import annotations

import calendar
import re
from datetime import date

__all__ = ["PERIOD_RE", "period_bounds", "period_start", "within"]

PERIOD_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
"""``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""


def period_bounds(text: str) -> tuple[date, date]:
    """First and last day of the period ``text`` names.

    Raises
    ------
    ValueError
        If ``text`` is not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a real date.
    """
    m = PERIOD_RE.match(text.strip())
    if m is None:
        raise ValueError(f"{text!r} is not a date YYYY, YYYY-MM or YYYY-MM-DD")
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    if d is not None:
        day = date(y, int(mo), int(d))
        return day, day
    if mo is not None:
        first = date(y, int(mo), 1)
        return first, date(y, int(mo), calendar.monthrange(y, int(mo))[1])
    return date(y, 1, 1), date(y, 12, 31)


def period_start(text: str | None) -> date | None:
    """First day of the period ``text`` names; ``None`` when empty or not such a date."""
    try:
        return period_bounds(text)[0] if text else None
    except ValueError:
        return None


def within(text: str | None, since: str = "", until: str = "") -> bool:
    """Whether a document dated ``text`` passes ``since``/``until`` (empty: no bound), by the
    rule the store's SQL filter applies: its period's first day against ``since``'s first day
    and ``until``'s last day; an empty or malformed date passes no bound.

    Raises
    ------
    ValueError
        If ``since`` or ``until`` is not a date.
    """
    if not since and not until:
        return True
    day = period_start(text)
    if day is None:
        return False
    return (not since or day >= period_bounds(since)[0]) and (
        not until or day <= period_bounds(until)[1]
    )

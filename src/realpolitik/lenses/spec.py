"""A lens: a named filter over the evidence store (which documents "speak" in it).

A :class:`Lens` selects documents by source (document id, file name or path), outlet or
author, date range and, optionally, the document's stance toward an actor. Within one kind
of filter the values are alternatives (OR); the kinds combine with AND. A lens that selects
nothing is valid: its state is exactly the baseline (see :mod:`realpolitik.lenses.state`).

Examples
--------
>>> lens = Lens("only-000", sources=("000_0b023718aca825c6.txt",))
>>> lens.describe()
'source in [000_0b023718aca825c6.txt]'
>>> Lens.from_dict(lens.as_dict()) == lens
True
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from realpolitik.errors import InputError
from realpolitik.model.dates import period_bounds

__all__ = ["Lens", "StanceFilter", "parse_stance"]

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_STANCE = re.compile(r"^([A-Z]{2,8})\s*(>=|<=|>|<)\s*(-?\d+(\.\d+)?)$")


@dataclass(frozen=True)
class StanceFilter:
    """Keep documents whose stance score toward ``actor`` satisfies ``op value``.

    Stance scores come from the ingestion pipeline (one per document and actor, in [-1, 1]);
    a document with no stance toward the actor fails the filter.
    """

    actor: str
    op: str
    value: float

    def accepts(self, score: float | None) -> bool:
        """Whether a document with this stance ``score`` passes.

        Examples
        --------
        >>> StanceFilter("CHN", ">", 0.0).accepts(0.3), StanceFilter("CHN", ">", 0.0).accepts(None)
        (True, False)
        """
        if score is None:
            return False
        return {
            ">": score > self.value,
            ">=": score >= self.value,
            "<": score < self.value,
            "<=": score <= self.value,
        }[self.op]

    def __str__(self) -> str:
        return f"{self.actor}{self.op}{self.value:g}"


def parse_stance(text: str) -> StanceFilter:
    """Parse ``"CHN>0"`` / ``"USA<=-0.2"`` into a :class:`StanceFilter`.

    Raises
    ------
    InputError
        When the text is not ``ACTOR OP NUMBER`` with OP one of ``> >= < <=``.

    Examples
    --------
    >>> parse_stance("CHN>0.1")
    StanceFilter(actor='CHN', op='>', value=0.1)
    """
    m = _STANCE.match(text.strip())
    if not m:
        raise InputError(
            f"--stance {text!r}: expected ACTOR OP NUMBER, e.g. 'CHN>0' or 'USA<=-0.2' "
            "(actor code in capitals, OP one of > >= < <=)"
        )
    return StanceFilter(m.group(1), m.group(2), float(m.group(3)))


@dataclass(frozen=True)
class Lens:
    """A named selection of evidence.

    Attributes
    ----------
    name : str
        Letters, digits, ``_ . -`` (at most 64 characters).
    sources : tuple of str
        Document ids (``"3"``), file names (``000_x.txt``) or full source paths/URLs; a
        value also matches a document's author (so a person can be a source).
    outlets : tuple of str
        Outlet names (case-insensitive).
    since, until : str
        ISO dates (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) bounding the documents' dates,
        inclusive; documents without a date fail a date filter.
    stance : tuple of StanceFilter
        Every filter must pass.
    note : str
        Free text (what the lens stands for).
    """

    name: str
    sources: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    since: str = ""
    until: str = ""
    stance: tuple[StanceFilter, ...] = field(default=())
    note: str = ""

    def __post_init__(self) -> None:
        if not _NAME.match(self.name):
            raise InputError(
                f"lens name {self.name!r}: use 1-64 letters, digits, '_', '.' or '-' "
                "(starting with a letter or digit)"
            )
        for label, value in (("--since", self.since), ("--until", self.until)):
            try:
                if value:
                    period_bounds(value)
            except ValueError:
                raise InputError(
                    f"{label} {value!r}: use an ISO date YYYY, YYYY-MM or YYYY-MM-DD"
                ) from None
        if self.since and self.until and self.since > self.until:
            raise InputError(f"--since {self.since} is after --until {self.until}")

    def describe(self) -> str:
        """One line saying what the lens selects."""
        parts = []
        if self.sources:
            parts.append(f"source in [{', '.join(self.sources)}]")
        if self.outlets:
            parts.append(f"outlet in [{', '.join(self.outlets)}]")
        if self.since:
            parts.append(f"date >= {self.since}")
        if self.until:
            parts.append(f"date <= {self.until}")
        parts += [f"stance {s}" for s in self.stance]
        return " and ".join(parts) if parts else "all documents"

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (what the store keeps)."""
        d = asdict(self)
        d["sources"] = list(self.sources)
        d["outlets"] = list(self.outlets)
        d["stance"] = [str(s) for s in self.stance]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Lens:
        """Inverse of :meth:`as_dict`."""
        return cls(
            name=str(d["name"]),
            sources=tuple(str(s) for s in d.get("sources", ())),
            outlets=tuple(str(s) for s in d.get("outlets", ())),
            since=str(d.get("since", "")),
            until=str(d.get("until", "")),
            stance=tuple(parse_stance(s) for s in d.get("stance", ())),
            note=str(d.get("note", "")),
        )

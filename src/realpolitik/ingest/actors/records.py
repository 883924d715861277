"""Plain records of the world actor dictionary: actors, office terms and text matches."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

__all__ = ["ActorKind", "ActorMatch", "ActorRecord", "PersonTerm", "Via"]

ActorKind = Literal["state", "igo", "grouping", "territory", "nonstate"]
Via = Literal["name", "demonym", "capital", "person", "code", "igo"]


@dataclass(frozen=True)
class ActorRecord:
    """One actor: a state, a territory, an intergovernmental organisation or a grouping.

    Parameters
    ----------
    code : str
        ISO 3166-1 alpha-3 code for states and territories (``XKX`` for Kosovo, the
        user-assigned code the EU and IMF use); a short upper-case code for IGOs and groupings
        (``EUR`` is the European Union, as in the project's East Asia data set).
    name : str
        Short English name.
    kind : {"state", "igo", "grouping", "territory", "nonstate"}
        What the actor is (``nonstate``: an armed movement such as Hamas, with ``parent`` the
        country PLOVER records code it under).
    aliases : tuple of str
        Every surface form that names the actor in text (names, short names, demonyms,
        capitals and seats of government used as metonyms, abbreviations).
    source : str
        Where the record comes from (ids explained in ``docs/data.md``).
    un_member : bool
        Whether the actor is a UN member state.
    parent : str or None
        Code of the organisation a body belongs to (``UN`` for the Security Council).

    Examples
    --------
    >>> r = ActorRecord("JPN", "Japan", "state", ("Japan", "Tokyo"), "iso3166", True)
    >>> r.code, r.kind
    ('JPN', 'state')
    """

    code: str
    name: str
    kind: ActorKind
    aliases: tuple[str, ...]
    source: str
    un_member: bool = False
    parent: str | None = None


@dataclass(frozen=True)
class PersonTerm:
    """One dated term of office.

    Parameters
    ----------
    name : str
        Full name as usually written in English news.
    aliases : tuple of str
        Other surface forms (surname when it is safe, name order variants, romanisations).
    code : str
        Actor code the office belongs to.
    role : str
        ``head of state``, ``head of government``, ``head of state and government``,
        ``foreign minister`` or ``secretary-general`` (IGO heads).
    start, end : datetime.date
        First and last day in office (``end`` is ``datetime.date.max`` for an incumbent).
    source : str
        Source id of the row.
    uncertain : bool
        The row's dates or holder need checking (marked rather than guessed).

    Examples
    --------
    >>> t = PersonTerm("Shinzo Abe", ("Abe",), "JPN", "head of government",
    ...                dt.date(2012, 12, 26), dt.date(2020, 9, 16), "kantei")
    >>> t.covers(dt.date(2015, 1, 1)), t.covers(dt.date(2021, 1, 1))
    (True, False)
    """

    name: str
    aliases: tuple[str, ...]
    code: str
    role: str
    start: dt.date
    end: dt.date
    source: str
    uncertain: bool = False

    def covers(self, day: dt.date) -> bool:
        """Whether ``day`` falls inside the term (both ends included)."""
        return self.start <= day <= self.end


@dataclass(frozen=True)
class ActorMatch:
    """One actor mention found in a text.

    Parameters
    ----------
    start, end : int
        Character offsets into the text (``text[start:end] == surface``).
    surface : str
        The matched text.
    code : str
        Actor code.
    sector : str or None
        PLOVER/CAMEO sector code the text states next to the mention (``GOV``, ``MIL``,
        ``COP``, ``REB``, ``OPP``, ``BUS``, ``MED``, ``JRN``, ``LEG``, ``JUD``, ``CVL``,
        ``REF``, ``EDU``, ``PTY``, ``ELI``), or ``None`` when it says none.
    via : {"name", "demonym", "capital", "person", "code", "igo"}
        Which kind of surface form matched.

    Examples
    --------
    >>> m = ActorMatch(0, 5, "China", "CHN", None, "name")
    >>> m.end - m.start == len(m.surface)
    True
    """

    start: int
    end: int
    surface: str
    code: str
    sector: str | None
    via: Via

"""Build the world dictionary from the data tables, with ISO 3166 names from pycountry."""

from __future__ import annotations

import functools
from dataclasses import replace

from .dictionary import ActorDictionary
from .tables import (
    DATA_DIR,
    SurfaceRow,
    read_ambiguities,
    read_legacy_codes,
    read_people,
    read_phoenix_names,
    read_rows,
    read_stop_phrases,
)

__all__ = ["base_rows", "iso_names", "load_world"]


def iso_names(code: str) -> tuple[str, ...]:
    """ISO 3166-1 English names of an alpha-3 code usable as surface forms (via pycountry).

    Comma-inverted forms ("Korea, Republic of") are dropped and a leading "the " is removed.

    Examples
    --------
    >>> iso_names("USA")
    ('United States', 'United States of America')
    >>> iso_names("XKX")
    ()
    """
    import pycountry

    c = pycountry.countries.get(alpha_3=code)
    if c is None:
        return ()
    forms = []
    for attr in ("name", "official_name", "common_name"):
        v = getattr(c, attr, None)
        if not v or "," in v or "(" in v:
            continue
        forms.append(v[4:] if v.startswith("the ") else v)
    return tuple(dict.fromkeys(forms))


def _with_iso(row: SurfaceRow) -> SurfaceRow:
    if row.record.kind not in ("state", "territory"):
        return row
    extra = tuple(n for n in iso_names(row.record.code) if n not in row.record.aliases)
    if not extra:
        return row
    rec = replace(row.record, aliases=row.record.aliases + extra)
    return replace(row, record=rec, names=row.names + extra)


def _with_phoenix(row: SurfaceRow, extra: dict[str, list[tuple[str, str]]]) -> SurfaceRow:
    forms = [(f, via) for f, via in extra.get(row.record.code, ()) if f not in row.record.aliases]
    if not forms:
        return row
    names = tuple(f for f, via in forms if via == "name")
    demonyms = tuple(f for f, via in forms if via == "demonym")
    rec = replace(row.record, aliases=row.record.aliases + names + demonyms)
    return replace(row, record=rec, names=row.names + names, demonyms=row.demonyms + demonyms)


def base_rows() -> list[SurfaceRow]:
    """Our own state (with ISO 3166 names) and IGO rows, without the Phoenix fill.

    Examples
    --------
    >>> any(r.record.code == "KOR" for r in base_rows())
    True
    """
    rows = [_with_iso(r) for r in read_rows(DATA_DIR / "states.csv", "state")]
    return rows + read_rows(DATA_DIR / "igos.csv", "igo")


@functools.cache
def load_world() -> ActorDictionary:
    """The built-in world actor dictionary (built once per process; pure data, no spaCy).

    Our tables come first; the names and office holders filled from the Phoenix dictionaries
    (``phoenix_names.csv``, ``phoenix_people.csv``) only add what ours lack.

    Examples
    --------
    >>> w = load_world()
    >>> w.lookup("KOR").name, w.lookup("NATO").kind
    ('South Korea', 'igo')
    """
    extra = read_phoenix_names(DATA_DIR / "phoenix_names.csv")
    rows = [_with_phoenix(r, extra) for r in base_rows()]
    return ActorDictionary(
        rows,
        read_people(DATA_DIR / "people.csv") + read_people(DATA_DIR / "phoenix_people.csv"),
        read_ambiguities(DATA_DIR / "ambiguous.csv"),
        read_stop_phrases(DATA_DIR / "stop_phrases.csv"),
        read_legacy_codes(DATA_DIR / "legacy_codes.csv"),
    )

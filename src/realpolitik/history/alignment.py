"""What happened: a measured alignment of every pair of states, every year 1946-2024.

The truth the backtest scores against. It reads only its own shipped files
(``realpolitik/data/history/alignment/``: ATOP 5.1, the Gibler-Miller-Little MID 2.2.1
corrections to 2010 and CoW MID 5.0 for 2011-2014, Thompson-Sakuwa-Suhas
strategic rivalries, Voeten's UNGA ideal points, CoW Diplomatic Exchange 2006.1 and the CoW
state-year list) and shares no
code with the prediction (the propensity terms, the weights, the engines, the evidence store).
The rules and weights are fixed on the principles of ``docs/backtest.md`` ("The measured
alignment"), never fitted to the fact table (:mod:`realpolitik.history.facts`).

For a pair (a, b) in year T, six signals (positive = together, negative = apart):

* ``alliance`` in [0, 1]: the strongest ATOP pledge in force in T - defence or offence 1.0,
  consultation 0.75, neutrality or non-aggression 0.3;
* ``rivalry`` in {-1, 0}: a strategic rivalry active in T;
* ``mid`` in [-1, 0]: the most recent *severe* militarised dispute in T-4 .. T (war, lethal,
  or force used by both sides), ``-(1 - (T - y) / 5)`` for its year y;
* ``bloc`` in {-1, 0}: a and b are not defence-allied, but each is a major power or its
  defence ally (a pact not contradicted by a rivalry or a severe MID), and the two major
  powers are strategic rivals in T;
* ``unga`` in (-1, 1): ``-tanh(z)``, z the pair's UNGA ideal-point distance standardised over
  all pairs voting that year (missing when either state has no ideal point; a session that
  recorded no votes, 1964, carries the last session's points forward, flagged as below);
* ``diplomacy`` in {-1, 0}: a break of relations. At the latest CoW Diplomatic Exchange
  observation (five-yearly, 1950-2005) in T-4 .. T neither state is represented at the other,
  at an earlier one since 1950 one was, and both keep relations with more of the system than
  the median state does that year (missing before 1950 and after 2009).

``score = clip(0.7 alliance' - max(0.8 |rivalry|, 0.6 |mid|, 0.3 |bloc|, 0.3 |diplomacy|)
+ 0.15 unga, -1, 1)`` where ``alliance'`` is the alliance signal, divided by four when any
hostile signal is present
(a treaty between rivals is a treaty on paper). ``side`` is ``same`` at score >= 0.35,
``opposed`` at score <= -0.35, ``neither`` between: no state is forced into a camp.

A signal whose source ends before T (diplomatic exchange 2009, MIDs 2014, ATOP 2018,
rivalries 2020) is missing: its
``sig_`` column is NaN and the cell is ``flagged``; the score then carries the source's last
covered year forward (an imputation, which the backtest does not score). UN votes are
treated the same way in a year without recorded votes.

Examples
--------
>>> y = alignment_year(1985, ["USA", "JPN", "RUS", "CHN"])
>>> [(r.a, r.b, r.side) for r in y.itertuples()]  # doctest: +NORMALIZE_WHITESPACE
[('CHN', 'JPN', 'neither'), ('CHN', 'RUS', 'opposed'), ('CHN', 'USA', 'neither'),
 ('JPN', 'RUS', 'opposed'), ('JPN', 'USA', 'same'), ('RUS', 'USA', 'opposed')]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from realpolitik._paths import PACKAGE_DATA
from realpolitik.errors import DataError, InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ALIGNMENT_DIR",
    "FIRST_YEAR",
    "LAST_YEAR",
    "MAJOR_POWERS",
    "SIGNALS",
    "SOURCE_END",
    "THRESHOLD",
    "WEIGHTS",
    "AlignmentData",
    "alignment_panel",
    "alignment_year",
    "compute_year",
    "load_alignment_data",
    "states_in",
]

ALIGNMENT_DIR = PACKAGE_DATA / "history" / "alignment"
"""The measure's shipped files."""

FIRST_YEAR = 1946
LAST_YEAR = 2024
"""Years the measure covers (the CoW state list, v2016 to 2020 in the kit, carried to 2024)."""

SIGNALS: tuple[str, ...] = ("alliance", "rivalry", "mid", "bloc", "unga", "diplomacy")
"""Signal names (``sig_<name>`` columns)."""

WEIGHTS: dict[str, float] = {
    "alliance": 0.7,
    "rivalry": 0.8,
    "mid": 0.6,
    "bloc": 0.3,
    "unga": 0.15,
    "diplomacy": 0.3,
}
"""Weight of each signal in the score (principles in ``docs/backtest.md``)."""

PLEDGE_VALUE: dict[str, float] = {
    "atop_defense": 1.0,
    "atop_offense": 1.0,
    "atop_consul": 0.75,
    "atop_neutral": 0.3,
    "atop_nonagg": 0.3,
}
"""Alliance signal of each ATOP pledge type (the strongest in force counts)."""

PAPER_DISCOUNT = 0.25
"""Share of the alliance signal kept when a hostile signal (rivalry, MID, bloc) is present."""

THRESHOLD = 0.35
"""``same`` at score >= THRESHOLD, ``opposed`` at score <= -THRESHOLD."""

MID_WINDOW = 5
"""A severe MID counts in its year and the four after, fading linearly."""

SOURCE_END: dict[str, int] = {
    "alliance": 2018,
    "rivalry": 2020,
    "mid": 2014,
    "unga": 2024,
    "diplomacy": 2009,
}
"""Last year each source covers (ATOP 5.1, TSS rivalries, GML 2.2.1 then CoW MID 5.0, Voeten
2025; CoW Diplomatic Exchange 2006.1: its last observation, 2005, stands for 2005-09)."""

DE_WINDOW = 5
"""A Diplomatic Exchange observation (every five years) stands for its year and the four after."""

MAJOR_POWERS: tuple[int, ...] = (2, 200, 220, 365, 710)
"""CoW major powers after 1945 (USA, UK, France, USSR/Russia, China; CoW v2016)."""

NO_ISO: dict[int, str] = {817: "RVN", 511: "ZAN"}

_SIDES = np.array(["opposed", "neither", "same"], dtype=object)


@dataclass(frozen=True)
class AlignmentData:
    """The measure's inputs, each a DataFrame with a ``year`` column.

    Attributes
    ----------
    states : ``ccode``, ``year``, ``iso3``: the CoW state-years.
    atop : ATOP pledges in force, dyad-years (``ccode1``, ``ccode2``, ``year``, the five flags).
    mid : dispute dyad-years, GML MID 2.2.1 to 2010 and CoW MID 5.0 after (``hostlev``,
        ``hostlev1``, ``hostlev2``, ``fatality``).
    rivalry : strategic rivalries expanded to rivalry-years (``ccode1``, ``ccode2``, ``year``).
    unga : ideal points (``ccode``, ``year``, ``idealpointfp``).
    diplomacy : CoW Diplomatic Exchange dyad observations (``ccode1``, ``ccode2``, ``year``,
        ``DE``: 1 when either state is represented at the other).
    """

    states: pd.DataFrame
    atop: pd.DataFrame
    mid: pd.DataFrame
    rivalry: pd.DataFrame
    unga: pd.DataFrame
    diplomacy: pd.DataFrame

    def map_rows(self, fn: object) -> AlignmentData:
        """Apply ``fn(name, frame) -> frame`` to every table (used by the look-ahead tests)."""
        assert callable(fn)
        return replace(self, **{f.name: fn(f.name, getattr(self, f.name)) for f in fields(self)})


def _expand(riv: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    span = (riv["end"] - riv["start"] + 1).to_numpy(dtype=np.int64)
    rep = np.repeat(np.arange(len(riv)), span)
    offs = np.arange(len(rep)) - np.repeat(np.cumsum(span) - span, span)
    years = riv["start"].to_numpy(dtype=np.int64)[rep] + offs
    out = pd.DataFrame(
        {
            "ccode1": riv["ccode1"].to_numpy(dtype=np.int64)[rep],
            "ccode2": riv["ccode2"].to_numpy(dtype=np.int64)[rep],
            "year": years,
        }
    )
    return out[out["year"] >= FIRST_YEAR - MID_WINDOW].reset_index(drop=True)


_COLUMNS: dict[str, list[str]] = {
    "states": ["ccode", "year", "iso3"],
    "atop": ["ccode1", "ccode2", "year", *PLEDGE_VALUE],
    "mid": ["ccode1", "ccode2", "year", "hostlev", "hostlev1", "hostlev2", "fatality"],
    "rivalries": ["ccode1", "ccode2", "start", "end"],
    "unga": ["ccode", "year", "idealpointfp"],
    "diplomacy": ["ccode1", "ccode2", "year", "DE"],
}
"""The columns the measure reads from each file (the identifier and source columns are not)."""


def _read(path: Path) -> pd.DataFrame:
    import pandas as pd

    try:
        return pd.read_parquet(path, columns=_COLUMNS[path.stem])
    except (OSError, ValueError) as exc:
        raise DataError(
            f"alignment file {path} cannot be read ({exc}); rebuild it with "
            "scripts/build_history_data.py or reinstall the package"
        ) from exc


@lru_cache(maxsize=2)
def _load(directory: str) -> AlignmentData:
    d = Path(directory)
    return AlignmentData(
        states=_read(d / "states.parquet"),
        atop=_read(d / "atop.parquet"),
        mid=_read(d / "mid.parquet"),
        rivalry=_expand(_read(d / "rivalries.parquet")),
        unga=_read(d / "unga.parquet"),
        diplomacy=_read(d / "diplomacy.parquet"),
    )


def load_alignment_data(directory: str | Path | None = None) -> AlignmentData:
    """The shipped inputs (cached per folder); :class:`DataError` if a file is unreadable."""
    return _load(str(Path(directory) if directory is not None else ALIGNMENT_DIR))


def _state_codes(data: AlignmentData, year: int) -> tuple[np.ndarray, np.ndarray]:
    """CoW codes and iso3 codes of the states of ``year`` (sorted by iso3)."""
    st = data.states
    last = int(st["year"].max())
    y = min(year, last)
    rows = st[st["year"] == y]
    prev = set(st.loc[st["year"] == y - 1, "ccode"].astype(int))
    iso = [
        str(i) if isinstance(i, str) else NO_ISO.get(int(c), f"C{int(c)}")
        for c, i in zip(rows["ccode"], rows["iso3"], strict=True)
    ]
    chosen: dict[str, int] = {}
    for c, i in zip(rows["ccode"].astype(int), iso, strict=True):
        # two codes share an iso3 in a unification year (DEU 1990, YEM 1990): the state that
        # existed the year before keeps the code that year
        if i not in chosen or (c in prev and chosen[i] not in prev):
            chosen[i] = c
    names = np.array(sorted(chosen), dtype=object)
    return np.array([chosen[i] for i in names], dtype=np.int64), names


def states_in(year: int, data: AlignmentData | None = None) -> tuple[str, ...]:
    """The iso3 codes of the states of ``year`` (sorted).

    >>> "RVN" in states_in(1960), "RVN" in states_in(1980)
    (True, False)
    """
    _check_year(year)
    return tuple(str(s) for s in _state_codes(data or load_alignment_data(), year)[1])


def _matrix(
    df: pd.DataFrame, pos: dict[int, int], n: int, values: np.ndarray | None = None
) -> np.ndarray:
    """Symmetric n x n matrix holding the max of ``values`` (default 1) per dyad."""
    out = np.zeros((n, n))
    if df.empty:
        return out
    i = np.array([pos.get(int(c), -1) for c in df["ccode1"]], dtype=np.int64)
    j = np.array([pos.get(int(c), -1) for c in df["ccode2"]], dtype=np.int64)
    v = np.ones(len(df)) if values is None else values
    keep = (i >= 0) & (j >= 0) & (i != j)
    np.maximum.at(out, (i[keep], j[keep]), v[keep])
    np.maximum.at(out, (j[keep], i[keep]), v[keep])
    return out


def _alliance(data: AlignmentData, y: int, pos: dict[int, int], n: int) -> np.ndarray:
    rows = data.atop[data.atop["year"] == y]
    v = np.zeros(len(rows))
    for col, w in PLEDGE_VALUE.items():
        v = np.maximum(v, w * (rows[col].to_numpy(dtype=float) > 0))
    return _matrix(rows, pos, n, v)


def _defence(data: AlignmentData, y: int, pos: dict[int, int], n: int) -> np.ndarray:
    rows = data.atop[data.atop["year"] == y]
    mask = (rows["atop_defense"].to_numpy() > 0) | (rows["atop_offense"].to_numpy() > 0)
    return _matrix(rows[mask], pos, n)


def _mid(data: AlignmentData, y: int, pos: dict[int, int], n: int) -> np.ndarray:
    m = data.mid
    rows = m[(m["year"] <= y) & (m["year"] > y - MID_WINDOW)]
    hl1 = rows["hostlev1"].to_numpy(dtype=float)
    hl2 = rows["hostlev2"].to_numpy(dtype=float)
    severe = (
        (rows["hostlev"].to_numpy(dtype=float) >= 5)
        | (rows["fatality"].to_numpy(dtype=float) >= 1)
        | ((hl1 >= 4) & (hl2 >= 4))
    )
    rows = rows[severe]
    fade = 1.0 - (y - rows["year"].to_numpy(dtype=float)) / MID_WINDOW
    return _matrix(rows, pos, n, fade)


def _bloc(defence: np.ndarray, rivalry: np.ndarray, codes: np.ndarray) -> np.ndarray:
    majors = np.flatnonzero(np.isin(codes, MAJOR_POWERS))
    if majors.size == 0:
        return np.zeros(defence.shape)
    camp = defence[:, majors].copy()
    camp[majors, np.arange(majors.size)] = 1.0
    rival = rivalry[np.ix_(majors, majors)]
    out = (camp @ rival @ camp.T) > 0
    out &= defence == 0
    np.fill_diagonal(out, False)
    res: np.ndarray = out.astype(float)
    return res


def _voted(data: AlignmentData, year: int) -> int | None:
    """The last year at or before ``year`` with ideal points: a session that recorded no
    votes (1964, the Article 19 crisis) leaves the positions of the last one standing."""
    u = data.unga
    years = u.loc[(u["year"] <= year) & u["idealpointfp"].notna(), "year"]
    return int(years.max()) if not years.empty else None


def _unga(data: AlignmentData, year: int, pos: dict[int, int], n: int) -> np.ndarray:
    u = data.unga[data.unga["year"] == _voted(data, year)]
    ip = np.full(n, np.nan)
    for c, v in zip(u["ccode"], u["idealpointfp"], strict=True):
        k = pos.get(int(c))
        if k is not None and np.isfinite(v):
            ip[k] = float(v)
    dist = np.abs(ip[:, None] - ip[None, :])
    iu = np.triu_indices(n, 1)
    d = dist[iu]
    d = d[np.isfinite(d)]
    if d.size < 2 or float(d.std()) == 0.0:
        return np.full((n, n), np.nan)
    out: np.ndarray = -np.tanh((dist - d.mean()) / d.std())
    return out


def _broken(rows: pd.DataFrame, earlier: pd.DataFrame) -> np.ndarray:
    """Rows (one observation year) of a break: no exchange now, exchange at an earlier one.

    Only between diplomatically active states: each is represented at (or hosts) more of its
    partners in the file than the median state of that year, so that the loss of one partner
    is a choice, not the source's 1985 change of coding (side accreditations dropped).
    """
    import pandas as pd

    had = earlier.loc[earlier["DE"].to_numpy(dtype=float) > 0, ["ccode1", "ccode2"]]
    key = rows["ccode1"].to_numpy(dtype=np.int64) * 10000 + rows["ccode2"].to_numpy(dtype=np.int64)
    old = had["ccode1"].to_numpy(dtype=np.int64) * 10000 + had["ccode2"].to_numpy(dtype=np.int64)
    before = np.isin(key, old)

    de = rows["DE"].to_numpy(dtype=float) > 0
    ends = pd.DataFrame(
        {
            "c": np.concatenate([rows["ccode1"].to_numpy(), rows["ccode2"].to_numpy()]),
            "de": np.concatenate([de, de]),
        }
    )
    share = ends.groupby("c")["de"].mean()
    active = share[share > share.median()].index
    both = rows["ccode1"].isin(active).to_numpy() & rows["ccode2"].isin(active).to_numpy()
    out: np.ndarray = both & ~de & before
    return out


def _diplomacy(data: AlignmentData, year: int, pos: dict[int, int], n: int) -> np.ndarray:
    d = data.diplomacy
    seen = d.loc[(d["year"] <= year) & (d["year"] > year - DE_WINDOW), "year"]
    if seen.empty:
        return np.full((n, n), np.nan)
    last = int(seen.max())
    rows = d[d["year"] == last]
    return -_matrix(rows[_broken(rows, d[d["year"] < last])], pos, n)


def _signals(data: AlignmentData, year: int, codes: np.ndarray) -> dict[str, np.ndarray]:
    """Signal matrices of ``year``, each source read at min(year, its last year)."""
    n = len(codes)
    pos = {int(c): k for k, c in enumerate(codes)}
    ya, yr, ym = (min(year, SOURCE_END[s]) for s in ("alliance", "rivalry", "mid"))
    riv = _matrix(data.rivalry[data.rivalry["year"] == yr], pos, n)
    mid = _mid(data, ym, pos, n)
    yd = min(year, SOURCE_END["diplomacy"])
    dip = _diplomacy(data, yd, pos, n)
    pact = _defence(data, ya, pos, n) * ((riv == 0) & (mid == 0) & (np.nan_to_num(dip) == 0))
    return {
        "alliance": _alliance(data, ya, pos, n),
        "rivalry": -riv,
        "mid": -mid,
        "bloc": -_bloc(pact, riv, codes),
        "unga": _unga(data, year, pos, n),
        "diplomacy": dip,
    }


def _score(sig: dict[str, np.ndarray]) -> np.ndarray:
    w = WEIGHTS
    dip = w["diplomacy"] * -np.nan_to_num(sig["diplomacy"], nan=0.0)
    hostile = np.maximum.reduce(
        [w["rivalry"] * -sig["rivalry"], w["mid"] * -sig["mid"], w["bloc"] * -sig["bloc"], dip]
    )
    friend = w["alliance"] * sig["alliance"] * np.where(hostile > 0, PAPER_DISCOUNT, 1.0)
    unga = w["unga"] * np.nan_to_num(sig["unga"], nan=0.0)
    out: np.ndarray = np.clip(friend - hostile + unga, -1.0, 1.0)
    return out


def _ended(signal: str, year: int, data: AlignmentData) -> bool:
    """Is ``signal`` of ``year`` carried forward (its source has ended, or, for UN votes, the
    session recorded none)?"""
    if signal == "bloc":
        return year > min(SOURCE_END["alliance"], SOURCE_END["rivalry"])
    if signal == "unga" and year <= SOURCE_END["unga"]:
        return _voted(data, year) not in (year, None)
    return year > SOURCE_END[signal]


def compute_year(data: AlignmentData, year: int) -> pd.DataFrame:
    """The measure of ``year`` for every pair of its states, from ``data`` (pure).

    Reads only rows dated at or before ``year`` (a source that has ended is read at its last
    year). Columns: ``a``, ``b``, ``year``, ``score``, ``side``, ``sig_<signal>``, ``flagged``.
    """
    import pandas as pd

    codes, iso = _state_codes(data, year)
    sig = _signals(data, year, codes)
    score = _score(sig)
    i, j = np.triu_indices(len(codes), 1)
    s = np.round(score[i, j], 6)
    out = {
        "a": iso[i],
        "b": iso[j],
        "year": np.full(len(i), year, dtype=np.int64),
        "score": s,
        "side": _SIDES[(s > -THRESHOLD).astype(int) + (s >= THRESHOLD).astype(int)],
    }
    flagged = False
    for name in SIGNALS:
        ended = _ended(name, year, data)
        flagged |= ended
        out[f"sig_{name}"] = (
            np.full(len(i), np.nan) if ended else np.round(sig[name][i, j], 6) + 0.0
        )
    out["flagged"] = np.full(len(i), flagged)
    return pd.DataFrame(out)


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= int(year) <= LAST_YEAR:
        raise InputError(f"year {year} is outside the measure's data ({FIRST_YEAR}-{LAST_YEAR})")


@cache
def _shipped_year(year: int) -> pd.DataFrame:
    return compute_year(load_alignment_data(), year)


def _filter(df: pd.DataFrame, players: Sequence[str] | None) -> pd.DataFrame:
    if players is None:
        return df
    wanted = [p.strip().upper() for p in players]
    known = set(load_alignment_data().states["iso3"].dropna().astype(str)) | set(NO_ISO.values())
    for p in wanted:
        if p not in known:
            raise InputError(f"unknown state code {p!r}: use the history kit's iso3 codes")
    keep = df["a"].isin(wanted) & df["b"].isin(wanted)
    return df[keep].reset_index(drop=True)


def alignment_year(year: int, players: Sequence[str] | None = None) -> pd.DataFrame:
    """The measure of one year (all states, or the pairs among ``players``), cached.

    Raises
    ------
    InputError
        The year is outside 1946-2024 or a code is unknown.
    """
    _check_year(year)
    return _filter(_shipped_year(int(year)), players).copy()


def alignment_panel(
    years: Iterable[int] | None = None, players: Sequence[str] | None = None
) -> pd.DataFrame:
    """The measure for ``years`` (default 1946-2024) and ``players`` (default all states).

    One row per pair-year of states existing that year; columns as :func:`compute_year`.
    """
    import pandas as pd

    ys = list(range(FIRST_YEAR, LAST_YEAR + 1)) if years is None else sorted(set(years))
    for y in ys:
        _check_year(y)
    frames = [_filter(_shipped_year(int(y)), players) for y in ys]
    return pd.concat(frames, ignore_index=True)

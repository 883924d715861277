"""The history panel: the shipped Parquet subsets as dyad-year and state-year tables.

:func:`load_panel` reads ``realpolitik/data/history/`` (or a copy) into a :class:`Panel`.
Every table has a ``year`` column; rivalries (one row per rivalry with start and end years in
the source) are expanded here into rivalry-years, so "the rows after year Y" is well defined
for every table and :meth:`Panel.upto` can drop them. Everything that builds a dated system
goes through ``panel.upto(year)`` first: no value dated after the year can reach it.

Examples
--------
>>> p = load_panel()
>>> int(p.atop.year.max()), int(p.upto(1980).atop.year.max())
(2018, 1980)
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from realpolitik._paths import PACKAGE_DATA
from realpolitik.errors import DataError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DEFAULT_PANEL_DIR", "TABLES", "Panel", "load_panel"]

DEFAULT_PANEL_DIR = PACKAGE_DATA / "history"
"""The shipped panel (``realpolitik/data/history``)."""

TABLES: dict[str, str] = {
    "atop": "atop.parquet",
    "mid": "mid.parquet",
    "rivalry": "rivalries.parquet",
    "igo": "igo.parquet",
    "trade": "trade.parquet",
    "trade_totals": "trade_totals.parquet",
    "regime": "regime.parquet",
    "unga": "unga.parquet",
    "gdp": "sdp_gdp.parquet",
    "nmc": "nmc.parquet",
}
"""Panel table -> file name."""


@dataclass(frozen=True)
class Panel:
    """The panel tables (pandas DataFrames, all with a ``year`` column).

    Attributes
    ----------
    atop : ATOP 5.1 pledges in force (``atop_defense``, ``atop_offense``, ``atop_neutral``,
        ``atop_nonagg``, ``atop_consul``), dyad-years.
    mid : CoW MID 5.0 dispute dyad-years (``dispnum``, ``cowmidonset``, ``hostlev``).
    rivalry : Thompson-Sakuwa-Suhas strategic rivalries expanded to rivalry-years.
    igo : joint full IGO memberships (``dyadigos``), dyad-years.
    trade : CoW dyadic trade (``flow1``, ``flow2``, current million USD), dyad-years.
    trade_totals : each state's trade with all partners (``total_trade``), state-years.
    regime : ``polity2`` and ``v2x_polyarchy``, state-years.
    unga : UN General Assembly ideal points (``idealpointfp``), state-years.
    gdp : SDP project GDP (``gdp``, 2011 PPP USD), state-years.
    nmc : CoW NMC 6.0 (``milex``, ``milper``, ``tpop``, ``cinc``), state-years.
    """

    atop: pd.DataFrame
    mid: pd.DataFrame
    rivalry: pd.DataFrame
    igo: pd.DataFrame
    trade: pd.DataFrame
    trade_totals: pd.DataFrame
    regime: pd.DataFrame
    unga: pd.DataFrame
    gdp: pd.DataFrame
    nmc: pd.DataFrame

    def upto(self, year: int) -> Panel:
        """The panel with every row dated after ``year`` removed."""
        return replace(
            self,
            **{f.name: _upto(getattr(self, f.name), year) for f in fields(self)},
        )

    def table(self, name: str) -> pd.DataFrame:
        """One table by name (see :data:`TABLES`)."""
        out: pd.DataFrame = getattr(self, name)
        return out


def _upto(df: pd.DataFrame, year: int) -> pd.DataFrame:
    return df[df["year"] <= year]


def _expand_rivalries(riv: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    rows = []
    cols = ("ccode1", "ccode2", "start", "end", "tssr_id")
    arrays = [riv[c].to_numpy(dtype=np.int64) for c in cols]
    names = riv["rivalry"].astype(str).tolist()
    sources = riv["source"].astype(str).tolist()
    for k, (a, b, start, end, rid) in enumerate(zip(*arrays, strict=True)):
        for y in range(int(start), int(end) + 1):
            rows.append((int(a), int(b), y, int(rid), names[k], sources[k]))
    return pd.DataFrame(rows, columns=["ccode1", "ccode2", "year", "tssr_id", "rivalry", "source"])


@lru_cache(maxsize=4)
def _load(directory: str) -> Panel:
    import pandas as pd

    d = Path(directory)
    frames: dict[str, pd.DataFrame] = {}
    for name, fname in TABLES.items():
        path = d / fname
        try:
            frames[name] = pd.read_parquet(path)
        except (OSError, ValueError) as exc:
            raise DataError(
                f"history panel file {path} cannot be read ({exc}); rebuild it with "
                "scripts/build_history_data.py or reinstall the package"
            ) from exc
        if "year" not in frames[name] and name != "rivalry":
            raise DataError(f"history panel file {path} has no 'year' column")
    frames["rivalry"] = _expand_rivalries(frames["rivalry"])
    return Panel(**frames)


def load_panel(directory: str | Path | None = None) -> Panel:
    """Load the panel (cached per folder).

    Raises
    ------
    DataError
        A file is missing or unreadable.
    """
    return _load(str(Path(directory) if directory is not None else DEFAULT_PANEL_DIR))

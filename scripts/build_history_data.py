"""Build the compact history panel shipped in ``src/realpolitik/data/history/``.

Reads the history kit (``../shared/data/history/``, Parquet with provenance metadata) and the
CoW NMC 6.0 file (``../shared/data/cow-nmc/``) and writes, for the Asia-Pacific and the 1936
European players only (``realpolitik.history.players.ALL_CCODES``) and the years the
backtests need, one Parquet file per source with ``source`` and ``dataset`` columns. Nothing
is recoded except where the docstring of each step says so (docs/data.md, history section).

Run from the repository root: ``python scripts/build_history_data.py [--shared ../shared]
[--diplomatic-exchange bayer_2006.zip]``. The CoW Diplomatic Exchange file is not in the kit:
give the zip (or its csv) to rebuild ``alignment/diplomacy.parquet`` (docs/data.md says where
it comes from); without the option the shipped file is kept.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from realpolitik.history.players import ALL_CCODES

OUT = Path(__file__).resolve().parents[1] / "src" / "realpolitik" / "data" / "history"
FIRST_YEAR = 1920


def _meta(path: Path) -> tuple[str, str]:
    md = pq.read_metadata(path).metadata
    return md[b"histkit.source"].decode(), md[b"histkit.dataset"].decode()


def _dyads(df: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    keep = df.ccode1.isin(ALL_CCODES) & df.ccode2.isin(ALL_CCODES) & (df.year >= FIRST_YEAR)
    return df.loc[keep, ["ccode1", "ccode2", "year", *cols]].reset_index(drop=True)


def _write(df: pd.DataFrame, name: str, source: str, dataset: str) -> None:
    df = df.copy()
    df["source"] = source
    df["dataset"] = dataset
    df.to_parquet(OUT / name, index=False, compression="zstd")
    print(f"{name}: {len(df)} rows, {(OUT / name).stat().st_size / 1e3:.1f} kB")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--diplomatic-exchange", default=None, help="bayer_2006.zip or its csv")
    args = ap.parse_args()
    h = Path(args.shared) / "data" / "history"
    OUT.mkdir(parents=True, exist_ok=True)

    p = h / "atop_defense_dyad_year.parquet"
    flags = ["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"]
    _write(_dyads(pd.read_parquet(p), flags), "atop.parquet", *_meta(p))

    p = h / "mid_dyad_year.parquet"
    _write(
        _dyads(pd.read_parquet(p), ["dispnum", "cowmidonset", "hostlev"]), "mid.parquet", *_meta(p)
    )

    p = h / "rivalries.parquet"
    riv = pd.read_parquet(p)
    keep = riv.ccode1.isin(ALL_CCODES) & riv.ccode2.isin(ALL_CCODES) & (riv.end >= FIRST_YEAR)
    riv = riv.loc[keep, ["tssr_id", "rivalry", "ccode1", "ccode2", "start", "end"]]
    _write(riv.reset_index(drop=True), "rivalries.parquet", *_meta(p))

    p = h / "igo_joint_dyad_year.parquet"
    _write(_dyads(pd.read_parquet(p), ["dyadigos"]), "igo.parquet", *_meta(p))

    p = h / "trade_dyad_year.parquet"
    tr = pd.read_parquet(p)
    _write(_dyads(tr, ["flow1", "flow2"]), "trade.parquet", *_meta(p))
    # Derived: each state's total trade with all partners in the source (imports + exports,
    # current million USD); missing flows count as 0. Used to scale dyadic trade.
    f1 = tr.flow1.fillna(0.0).to_numpy()
    f2 = tr.flow2.fillna(0.0).to_numpy()
    both = pd.concat(
        [
            pd.DataFrame({"ccode": tr.ccode1, "year": tr.year, "total_trade": f1 + f2}),
            pd.DataFrame({"ccode": tr.ccode2, "year": tr.year, "total_trade": f1 + f2}),
        ]
    )
    tot = both.groupby(["ccode", "year"], as_index=False).total_trade.sum()
    tot = tot[tot.ccode.isin(ALL_CCODES)].reset_index(drop=True)
    src, ds = _meta(p)
    _write(tot, "trade_totals.parquet", src, ds + "; derived: sum over all partners of flow1+flow2")

    p = h / "regime_year.parquet"
    reg = pd.read_parquet(p)
    reg = reg[reg.ccode.isin(ALL_CCODES) & (reg.year >= FIRST_YEAR)]
    _write(
        reg[["ccode", "year", "polity2", "v2x_polyarchy"]].reset_index(drop=True),
        "regime.parquet",
        *_meta(p),
    )

    p = h / "unga_ideal_points.parquet"
    ip = pd.read_parquet(p)
    ip = ip[ip.ccode.isin(ALL_CCODES)]
    _write(ip[["ccode", "year", "idealpointfp"]].reset_index(drop=True), "unga.parquet", *_meta(p))

    # SDP GDP is Gleditsch-Ward numbered: join to CoW codes through the CoW list's iso3 (the
    # kit's README, warning 6). Values are ln(x + 1); stored back-transformed (expm1).
    p = h / "sdp_gdp_year.parquet"
    sdp = pd.read_parquet(p)
    cc = pd.read_parquet(h / "country_codes.parquet")
    cow = cc[(cc.system == "cow") & cc.code.isin(ALL_CCODES)].drop_duplicates("code")
    iso_to_cow = dict(zip(cow.iso3, cow.code, strict=True))
    sdp = sdp[sdp.iso3.isin(iso_to_cow) & (sdp.year >= FIRST_YEAR)].copy()
    sdp["ccode"] = sdp.iso3.map(iso_to_cow).astype("int16")
    sdp["gdp"] = np.expm1(sdp.wbgdp2011est.astype(float))
    src, ds = _meta(p)
    _write(
        sdp[["ccode", "year", "gdp"]].reset_index(drop=True),
        "sdp_gdp.parquet",
        src,
        ds + "; gdp = expm1(wbgdp2011est), 2011 PPP USD; ccode via iso3 from GW",
    )

    nmc = pd.read_csv(Path(args.shared) / "data" / "cow-nmc" / "NMC-60-abridged.csv")
    nmc = nmc[nmc.ccode.isin(ALL_CCODES) & (nmc.year >= FIRST_YEAR)]
    nmc = nmc[["ccode", "year", "milex", "milper", "tpop", "cinc"]].reset_index(drop=True)
    _write(
        nmc,
        "nmc.parquet",
        "Correlates of War Project: NMC-60-abridged.csv (version 2021)",
        "CoW National Material Capabilities v6.0 "
        "(Singer, Bremer & Stuckey 1972; Greig & Enterline 2021)",
    )

    build_alignment(h)
    if args.diplomatic_exchange:
        build_diplomacy(Path(args.diplomatic_exchange), h)
    else:
        print("alignment/diplomacy.parquet kept (no --diplomatic-exchange given)")


ALIGN_FIRST_YEAR = 1942
"""MIDs from 1942 feed the 1946 five-year window; nothing earlier is shipped for the measure."""

NO_ISO = {817: "RVN", 511: "ZAN"}
"""CoW states without an ISO 3166 code (the kit leaves them missing): project codes."""


def _iso(df: pd.DataFrame, code: str, iso: str) -> pd.DataFrame:
    fill = df[code].map(NO_ISO)
    df[iso] = df[iso].astype("object").where(df[iso].notna(), fill)
    return df


def build_alignment(h: Path) -> None:
    """Write ``data/history/alignment/``: every state, 1942/1946-2024, for the measured alignment.

    Faithful subsets of the kit (all states, the columns the measure reads plus the kit's
    identifiers); the only change is ``RVN``/``ZAN`` filled in where the kit has no ISO code.
    """
    out = OUT / "alignment"
    out.mkdir(parents=True, exist_ok=True)
    ids = ["ccode1", "ccode2", "year", "iso3_1", "iso3_2"]

    def dyads(name: str, cols: list[str]) -> pd.DataFrame:
        df = pd.read_parquet(h / name)
        df = df.loc[df.year >= ALIGN_FIRST_YEAR, [*ids, *cols]].reset_index(drop=True)
        return _iso(_iso(df, "ccode1", "iso3_1"), "ccode2", "iso3_2")

    def write(df: pd.DataFrame, fname: str, src: Path, note: str = "") -> None:
        s, d = _meta(src)
        df = df.copy()
        df["source"] = s
        df["dataset"] = d + note
        df.to_parquet(out / fname, index=False, compression="zstd")
        print(f"alignment/{fname}: {len(df)} rows, {(out / fname).stat().st_size / 1e3:.1f} kB")

    p = h / "atop_defense_dyad_year.parquet"
    flags = ["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"]
    write(dyads(p.name, flags), "atop.parquet", p)
    build_alignment_mids(h, dyads, out)
    p = h / "rivalries.parquet"
    riv = pd.read_parquet(p)
    riv = riv.loc[
        riv.end >= 1946,
        ["tssr_id", "rivalry", "ccode1", "ccode2", "start", "end", "iso3_1", "iso3_2", "principal"],
    ]
    write(
        _iso(_iso(riv.reset_index(drop=True), "ccode1", "iso3_1"), "ccode2", "iso3_2"),
        "rivalries.parquet",
        p,
    )
    p = h / "unga_ideal_points.parquet"
    ip = pd.read_parquet(p, columns=["ccode", "iso3", "year", "idealpointfp", "nvotesfp"])
    write(ip[ip.idealpointfp.notna()].reset_index(drop=True), "unga.parquet", p)
    # The state-years: the CoW state system membership behind the kit's regime file (its rows
    # are exactly the CoW state-years, gaps included: the Baltic states 1941-90, Syria 1959-60).
    p = h / "regime_year.parquet"
    st = pd.read_parquet(p, columns=["ccode", "year", "iso3", "name"])
    st = _iso(st[st.year >= 1946].reset_index(drop=True), "ccode", "iso3")
    write(st, "states.parquet", p, "; rows used only as the CoW state-year list (v2016)")


GML_LAST_YEAR = 2010
"""Last year of the Gibler-Miller-Little MID data (2.2.1); CoW MID 5.0 is used after it."""


def build_alignment_mids(
    h: Path, dyads: Callable[[str, list[str]], pd.DataFrame], out: Path
) -> None:
    """Write ``alignment/mid.parquet``: GML MID 2.2.1 to 2010, CoW MID 5.0 for 2011-2014.

    The Gibler-Miller-Little data re-examine every CoW dispute (dropping cases that were not
    militarised, re-dating others, correcting hostility levels and fatalities); the measure
    uses the corrected data for the years they cover and the CoW release only after
    (docs/backtest.md, principle 3). Each row keeps its own ``source`` and ``dataset``; the
    onset flag of either release is ``midonset``.
    """
    cols = ["dispnum", "hostlev", "hostlev1", "hostlev2", "fatality"]
    parts = []
    for name, onset, keep in (
        ("gml_mid_dyad_year.parquet", "gmlmidonset", lambda y: y <= GML_LAST_YEAR),
        ("mid_dyad_year.parquet", "cowmidonset", lambda y: y > GML_LAST_YEAR),
    ):
        df = dyads(name, [*cols, onset]).rename(columns={onset: "midonset"})
        df = df[keep(df.year)].copy()
        df["source"], df["dataset"] = _meta(h / name)
        parts.append(df)
    mids = pd.concat(parts, ignore_index=True)
    mids.to_parquet(out / "mid.parquet", index=False, compression="zstd")
    size = (out / "mid.parquet").stat().st_size / 1e3
    print(f"alignment/mid.parquet: {len(mids)} rows ({len(parts[0])} GML), {size:.1f} kB")


DE_SOURCE = (
    "github.com/chsuong/chronos_data_intro @ 8310571ce73fa1e646651d1cb3d98543c394baba : "
    "external_data/bayer_2006.zip : bayer_2006/Diplomatic_Exchange_2006v1.csv "
    "(sha256 735ae1347b0e7a714bca0f47d99c925cb85fb7bca2da1900206c755af2778be6)"
)
DE_DATASET = (
    "Correlates of War Diplomatic Exchange v2006.1 (Bayer 2006; Singer & Small 1966; "
    "Small & Singer 1973), five-yearly 1950-2005, undirected half of the directed file"
)
DE_SHA256 = "735ae1347b0e7a714bca0f47d99c925cb85fb7bca2da1900206c755af2778be6"


def _read_de(path: Path) -> pd.DataFrame:
    """The CoW Diplomatic Exchange csv, from the zip or the csv itself, checked by sha256."""
    import hashlib
    import io
    import zipfile

    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as z:
            raw = z.read("bayer_2006/Diplomatic_Exchange_2006v1.csv")
    else:
        raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != DE_SHA256:
        raise SystemExit(f"{path}: sha256 {digest} is not the pinned file's {DE_SHA256}")
    return pd.read_csv(io.BytesIO(raw))


def build_diplomacy(path: Path, h: Path) -> None:
    """Write ``alignment/diplomacy.parquet``: CoW Diplomatic Exchange 2006.1, 1950-2005.

    The source is directed and symmetric (checked here); the ``ccode1 < ccode2`` half is kept
    with its three codes as published (``DR_at_1``, ``DR_at_2``: 0 none, 1 charge d'affaires,
    2 minister, 3 ambassador, 9 other or level unknown; ``DE``: 1 when either side is
    represented at the other). Only the observation years from 1950 are kept.
    """
    de = _read_de(path)
    de = de[de.year >= 1950]
    back = de.rename(
        columns={"ccode1": "ccode2", "ccode2": "ccode1", "DR_at_1": "DR_at_2", "DR_at_2": "DR_at_1"}
    )
    m = de.merge(back, on=["ccode1", "ccode2", "year"], suffixes=("", "_r"))
    same = (m[["DE", "DR_at_1"]].to_numpy() == m[["DE_r", "DR_at_1_r"]].to_numpy()).all()
    if len(m) != len(de) or not same:
        raise SystemExit(f"{path}: the directed file is not symmetric")
    de = de[de.ccode1 < de.ccode2]
    de = de[["ccode1", "ccode2", "year", "DR_at_1", "DR_at_2", "DE"]].astype("int16")
    st = pd.read_parquet(h / "regime_year.parquet", columns=["ccode", "year", "iso3"])
    st = _iso(st, "ccode", "iso3").set_index(["ccode", "year"])["iso3"]
    for k in ("1", "2"):
        idx = pd.MultiIndex.from_arrays([de[f"ccode{k}"], de["year"]])
        de[f"iso3_{k}"] = st.reindex(idx).to_numpy()
    de = de[["ccode1", "ccode2", "year", "iso3_1", "iso3_2", "DR_at_1", "DR_at_2", "DE"]]
    de = de.reset_index(drop=True).assign(source=DE_SOURCE, dataset=DE_DATASET)
    out = OUT / "alignment" / "diplomacy.parquet"
    de.to_parquet(out, index=False, compression="zstd")
    print(f"alignment/diplomacy.parquet: {len(de)} rows, {out.stat().st_size / 1e3:.1f} kB")


if __name__ == "__main__":
    main()

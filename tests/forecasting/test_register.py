"""The forecast register on SQLite and PostgreSQL: writes, reads, immutability, scoring."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from realpolitik.errors import InputError
from realpolitik.forecasting.issued import bargain_forecasts
from realpolitik.forecasting.register import (
    export_forecasts,
    forecasts_frame,
    get_run,
    list_runs,
    record_backtest,
    record_run,
)
from realpolitik.forecasting.track import (
    pending_reasons,
    resolve_register,
    score_register,
    track_record,
)
from realpolitik.history.fit import log_score as history_log_score
from realpolitik.history.scores import brier as history_brier
from realpolitik.store import open_store

PLAYERS = ["AUS", "CHN", "JPN", "KOR", "PRK", "RUS", "USA"]


def constructed_truth(year: int, players: list[str]) -> pd.DataFrame:
    """A truth made up for the test: a fixed pseudo-random side per pair and year."""
    rows = []
    for i, a in enumerate(PLAYERS):
        for b in PLAYERS[i + 1 :]:
            r = np.random.default_rng([year, i, PLAYERS.index(b)]).random()
            side = "same" if r < 0.4 else ("opposed" if r < 0.7 else "neither")
            rows.append((a, b, year, 0.0, side))
    return pd.DataFrame(rows, columns=["a", "b", "year", "score", "side"])


def backtest_frame(seed: int = 0) -> pd.DataFrame:
    """A small constructed backtest: 3 models, bases 1970-2010, horizons 5 and 10."""
    rng = np.random.default_rng(seed)
    rows = []
    for base in range(1970, 2011, 5):
        for h in (5, 10):
            for model in ("change", "landscape", "stack"):
                for i, a in enumerate(PLAYERS):
                    for b in PLAYERS[i + 1 :]:
                        x, y = (a, b) if rng.random() < 0.5 else (b, a)  # either order
                        rows.append((base, h, "asia", model, x, y, float(rng.random())))
    return pd.DataFrame(rows, columns=["base", "horizon", "region", "model", "a", "b", "p"])


def _outcome(row: pd.Series) -> float:
    a, b = sorted((row["a"], row["b"]))
    t = constructed_truth(int(row["base"] + row["horizon"]), PLAYERS)
    side = t[(t["a"] == a) & (t["b"] == b)]["side"].iloc[0]
    return float(side == "same")


def test_score_reproduces_the_backtest_table(db_url: str) -> None:
    pred = backtest_frame()
    run = record_backtest(db_url, pred, seed=7)
    got = score_register(db_url, run=run, truth=constructed_truth, today=lambda: date(2026, 1, 1))
    assert got["resolved"] == len(pred) and got["pending"] == 0
    pred["y"] = pred.apply(_outcome, axis=1)
    expected = {
        (m, h): (
            len(g),
            history_brier(g["p"].to_numpy(), g["y"].to_numpy()),
            history_log_score(g["p"].to_numpy(), g["y"].to_numpy()),
        )
        for (m, h), g in pred.groupby(["model", "horizon"])
    }
    assert [(s["model"], s["horizon"]) for s in got["scores"]] == sorted(expected)
    for s in got["scores"]:
        n, brier, log = expected[(s["model"], s["horizon"])]
        assert s["kind"] == "backtest" and s["n"] == n
        assert s["brier"] == pytest.approx(brier) and s["log_score"] == pytest.approx(log)


def test_forecasts_are_immutable(db_url: str) -> None:
    run = record_backtest(db_url, backtest_frame().head(5))
    store = open_store(db_url)
    try:
        for sql in (
            "UPDATE forecasts SET p = 0.5",
            "DELETE FROM forecasts",
            "UPDATE forecast_runs SET kind = 'live'",
            "DELETE FROM forecast_runs",
        ):
            with (
                pytest.raises(sa.exc.DatabaseError, match="immutable"),
                store.engine.begin() as conn,
            ):
                conn.execute(sa.text(sql))
        with store.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM forecasts")).scalar() == 5
        assert (
            forecasts_frame(store, run=run)["p"].tolist() == backtest_frame().head(5)["p"].tolist()
        )
    finally:
        store.close()


def test_a_rerun_adds_a_run_and_keeps_the_first(db_url: str) -> None:
    store = open_store(db_url)
    try:
        first = record_backtest(store, backtest_frame(0).head(10))
        second = record_backtest(store, backtest_frame(1).head(10))
        assert first != second
        assert {r.id for r in list_runs(store)} == {first, second}
        assert (
            forecasts_frame(store, run=first)["p"].tolist()
            == backtest_frame(0).head(10)["p"].tolist()
        )
        assert len(forecasts_frame(store)) == 20
    finally:
        store.close()


def test_bad_forecasts_write_nothing(db_url: str) -> None:
    bad = backtest_frame().head(4)
    bad.loc[2, "p"] = 1.5
    with pytest.raises(InputError, match=r"rows 3, field 'p'"):
        record_backtest(db_url, bad)
    same = backtest_frame().head(2)
    same.loc[1, "b"] = same.loc[1, "a"]
    with pytest.raises(InputError, match="two different players"):
        record_backtest(db_url, same)
    assert list_runs(db_url) == [] and forecasts_frame(db_url).empty


def test_run_metadata_and_kinds(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    f = pd.DataFrame(
        {
            "model": ["ensemble", "ensemble"],
            "question": ["outcome", "outcome"],
            "outcome": ["us_influence_loss", "china_led_controls"],
            "target": ["2030-12-31", "2030-12-31"],
            "p": [0.3, 0.4],
            "p_low": [0.25, 0.35],
            "p_high": [0.35, 0.45],
        }
    )
    clock = lambda: date(2026, 1, 15)  # noqa: E731
    live = record_run(url, f, command="run", seed=11, today=clock)
    retro = record_run(url, f, command="run", as_of=date(2020, 6, 1), today=clock)
    info = get_run(url, live[:8])
    assert (info.kind, info.seed, info.as_of, info.n_forecasts) == (
        "live",
        11,
        date(2026, 1, 15),
        2,
    )
    assert len(info.data_hash) == 64 and set(info.provenance["data"]) == {
        "builtin",
        "panel",
        "evidence",
    }
    assert get_run(url, retro).kind == "retrospective"
    assert forecasts_frame(url, run=retro)["horizon"].tolist() == [10, 10]
    with pytest.raises(InputError, match="no run"):
        get_run(url, "ffff")
    with pytest.raises(InputError, match="unknown run kind"):
        record_run(url, f, kind="guess")


def test_outcome_forecasts_resolve_by_rule_or_stay_pending(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    f = pd.DataFrame(
        {
            "model": ["ensemble"] * 2,
            "question": ["outcome"] * 2,
            "outcome": ["kor_joins_us_coalition", "china_led_controls"],
            "target": [date(2001, 12, 31)] * 2,
            "p": [0.6, 0.4],
        }
    )
    record_run(url, f, as_of=date(1995, 12, 31), today=lambda: date(2026, 1, 1))
    t = constructed_truth(2001, PLAYERS)
    side = dict(zip(zip(t["a"], t["b"], strict=True), t["side"], strict=True))
    expected = float(side[("KOR", "USA")] == "same" and side[("CHN", "USA")] != "same")
    got = score_register(url, truth=constructed_truth, today=lambda: date(2026, 1, 1))
    assert (got["resolved"], got["pending"]) == (1, 1)
    assert got["scores"][0]["brier"] == pytest.approx((0.6 - expected) ** 2)
    assert got["scores"][0]["kind"] == "retrospective"


def test_track_record_counts_only_live_forecasts(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    record_backtest(url, backtest_frame().head(30))
    f = pd.DataFrame(
        {
            "model": ["m"],
            "question": ["pair"],
            "a": ["USA"],
            "b": ["JPN"],
            "target": [date(2031, 12, 31)],
            "p": [0.9],
        }
    )
    record_run(url, f, today=lambda: date(2026, 1, 1))
    early = track_record(url, truth=constructed_truth, today=lambda: date(2026, 1, 1))
    assert (early["runs"], early["resolved"], early["pending"], early["scores"]) == (1, 0, 1, [])
    late = track_record(url, as_of=date(2032, 1, 1), truth=constructed_truth)
    assert late["resolved"] == 1 and [s["kind"] for s in late["scores"]] == ["live"]


def test_missing_truth_leaves_forecasts_pending(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    record_backtest(url, backtest_frame().head(12))

    def no_truth(year: int, players: list[str]) -> pd.DataFrame:
        raise LookupError(f"nothing measured in {year}")

    got = score_register(url, truth=no_truth, today=lambda: date(2026, 1, 1))
    assert (got["resolved"], got["pending"], got["scores"]) == (0, 12, [])


def test_export_round_trips(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    record_backtest(url, backtest_frame().head(20))
    frame = forecasts_frame(url)
    for name in ("f.parquet", "f.csv"):
        out = export_forecasts(url, tmp_path / name)
        back = pd.read_parquet(out) if name.endswith("parquet") else pd.read_csv(out)
        assert back["p"].tolist() == pytest.approx(frame["p"].tolist())
        assert back["a"].tolist() == frame["a"].tolist()
    with pytest.raises(InputError, match=r"parquet or \.csv"):
        export_forecasts(url, tmp_path / "f.xlsx")


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.sampled_from(PLAYERS), st.sampled_from(PLAYERS), st.floats(0, 1)),
        min_size=1,
        max_size=20,
    ).filter(lambda rows: all(a != b for a, b, _ in rows))
)
def test_stored_forecasts_read_back_canonical(
    tmp_path: Path, rows: list[tuple[str, str, float]]
) -> None:
    """Whatever order a pair comes in, it is stored a < b with the same probability."""
    url = f"sqlite:///{tmp_path / f'p{abs(hash(tuple(rows)))}.sqlite'}"
    pred = pd.DataFrame(
        [(2000, 5, "r", "m", a, b, p) for a, b, p in rows],
        columns=["base", "horizon", "region", "model", "a", "b", "p"],
    )
    run = record_backtest(url, pred)
    back = forecasts_frame(url, run=run)
    assert (back["a"] < back["b"]).all()
    assert back["p"].tolist() == [p for _, _, p in rows]
    assert [set(x) for x in zip(back["a"], back["b"], strict=True)] == [{a, b} for a, b, _ in rows]


def test_flagged_cells_stay_pending(tmp_path: Path) -> None:
    """A cell the measure imputes (a source ended) resolves nothing, pair or outcome."""
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    pred = backtest_frame().head(21)  # one model, base 1970, horizon 5: the 21 pairs

    def truth(year: int, players: list[str]) -> pd.DataFrame:
        t = constructed_truth(year, players)
        t["flagged"] = t["a"] == "AUS"  # every pair with Australia is imputed
        t.loc[(t["a"] == "JPN") & (t["b"] == "KOR"), "side"] = "same"  # so the rule reads AUS
        return t

    run = record_backtest(url, pred)
    got = score_register(url, run=run, truth=truth, today=lambda: date(2026, 1, 1))
    n_aus = int(((pred["a"] == "AUS") | (pred["b"] == "AUS")).sum())
    assert (got["resolved"], got["pending"]) == (len(pred) - n_aus, n_aus)
    f = pd.DataFrame(
        {
            "model": ["m"],
            "question": ["outcome"],
            "outcome": ["jpn_kor_tech_shift_west"],  # reads pairs with AUS
            "target": [date(1980, 12, 31)],
            "p": [0.1],
        }
    )
    record_run(url, f, as_of=date(1975, 12, 31), today=lambda: date(2026, 1, 1))
    out = score_register(url, kind="retrospective", truth=truth, today=lambda: date(2026, 1, 1))
    assert (out["resolved"], out["pending"]) == (0, 1)


def test_bargain_forecasts_are_kept_immutable_and_pending_with_their_reason(db_url: str) -> None:
    """``realpolitik forecast``'s rows: written, never rewritten, and due or not, pending with
    the documented reason (no source measures issue positions), while an ensemble outcome
    with a rule resolves from the same truth."""
    results = [
        {"issue": "trilateral_fta", "status_quo": 35.0, "forecasts": {"median": 90.0, "x": 20.0}},
        {"issue": "taiwan", "status_quo": 60.0, "forecasts": {"median": 55.0}},
    ]
    f = bargain_forecasts(results, date(2001, 12, 31))
    assert f["p"].tolist() == [1.0, 1.0, 0.0, 0.0, 0.0]  # above the status quo / at 60+
    rule = pd.DataFrame(
        {
            "model": ["ensemble:baseline"],
            "question": ["outcome"],
            "outcome": ["kor_joins_us_coalition"],
            "target": [date(2001, 12, 31)],
            "p": [0.7],
        }
    )
    clock = lambda: date(2026, 1, 1)  # noqa: E731
    run = record_run(db_url, f, as_of=date(1996, 12, 31), command="forecast", today=clock)
    record_run(db_url, rule, as_of=date(1996, 12, 31), today=clock)
    store = open_store(db_url)
    try:
        with pytest.raises(sa.exc.DatabaseError, match="immutable"), store.engine.begin() as c:
            c.execute(sa.text("UPDATE forecasts SET p = 1 - p WHERE outcome LIKE 'issue_up:%'"))
        assert forecasts_frame(store, run=run)["p"].tolist() == f["p"].tolist()
        got = resolve_register(store, truth=constructed_truth, today=clock)
    finally:
        store.close()
    issues = got[got["model"].str.startswith("bargain:")]
    assert (issues["status"] == "pending").all()
    assert issues["reason"].str.contains("no dated source measures issue positions").all()
    (ensemble,) = got[got["model"] == "ensemble:baseline"].itertuples()
    t = constructed_truth(2001, PLAYERS)
    side = dict(zip(zip(t["a"], t["b"], strict=True), t["side"], strict=True))
    assert ensemble.status == "resolved"
    assert ensemble.y == float(side[("KOR", "USA")] == "same" and side[("CHN", "USA")] != "same")
    (why,) = pending_reasons(got)  # one reason: two models on two FTA questions, one on Taiwan
    assert why["n"] == 5 and why["outcomes"] == [
        "issue_up:taiwan",
        "issue_up:trilateral_fta",
        "trilateral_fta_progress",
    ]

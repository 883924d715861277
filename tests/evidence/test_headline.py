"""The single-sentence case: one India-China AGREE event moves the headline less than the width
of its Monte Carlo 90% interval (the plain-mean lens path moved it from 11.6% to 33.8%)."""

from __future__ import annotations

from datetime import date

from realpolitik.data import load_dataset
from realpolitik.evidence.asof import build_as_of_system
from realpolitik.evidence.series import EvidenceEvent
from realpolitik.report.news import headline


def test_one_agree_event_moves_the_headline_less_than_its_interval() -> None:
    # the most an AGREE event can weigh: full confidence, reported on the as-of day
    day = date(2025, 3, 22)
    agree = EvidenceEvent(1, 1, 1, "IND", "CHN", "AGREE", "03", 5.2, 1.0, day)
    res = build_as_of_system(load_dataset(), [agree], day)
    assert res.changed(), "the event moves the CHN-IND relation"
    with_ev = headline(res.system, members=400)
    without = headline(res.baseline, members=400)
    width = with_ev["high"] - with_ev["low"]
    assert abs(with_ev["p"] - without["p"]) < width

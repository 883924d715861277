"""Outcomes: computable, documented metrics of one ensemble member.

Every outcome of the catalogue is a boolean function of a member's result: the predicted
blocs at the horizon (two or three, as the member drew), the projected capability shares, the
member's base-year shares and base-year configuration, and the issue forecasts. Each
:class:`OutcomeDef` says what it measures and which model variables it *reads*; the dependency
analysis (:mod:`realpolitik.scenarios.dependency`) compares those reads with what a lever
writes.

The headline, *who controls the region*: the bloc with the largest projected capability share
controls the region when that share exceeds the member's control threshold ``tau`` (drawn in
``[0.5, 0.6]``). A bloc is named after its leader, its most capable member
(:func:`~realpolitik.scenarios.hedging.bloc_leaders`): China-led when China leads it, US-led
when the United States does, Japan-Korea when Japan or South Korea leads it with both of them
inside, and "other" otherwise (the leader is recorded, :func:`top_leader`). With no bloc above
``tau`` the answer is "no one". Hedgers (:mod:`realpolitik.scenarios.hedging`) keep their bloc
label for the membership outcomes but add their capability to no bloc: every bloc share, the
controller and the contender shares count only the capability of the states that commit.
The Japan-South Korea alliance, as a contender of its own, is the event "Japan and South Korea
in one bloc that one of them leads" (:func:`contender_shares`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from realpolitik.scenarios.state import System

__all__ = [
    "BASE_YEAR_OUTCOMES",
    "CONTENDERS",
    "CONTENDER_COLOURS",
    "HEADLINE_CONTENDERS",
    "OUTCOMES",
    "OUTCOME_DEFINITIONS",
    "MemberResults",
    "OutcomeDef",
    "bloc_totals",
    "compute_outcomes",
    "contender_shares",
    "controller",
    "top_leader",
]

CONTENDERS: tuple[str, ...] = ("China-led", "Japan-Korea", "US-led", "no one", "other")
"""Answers to the central question (``controller``), in display order."""

CONTENDER_COLOURS: dict[str, str] = {
    "China-led": "#d7301f",
    "US-led": "#2b8cbe",
    "Japan-Korea": "#31a354",
    "other": "#969696",
    "no one": "#fec44f",
}
"""The one colour per contender used by the report, the figures and the dashboard."""

HEADLINE_CONTENDERS: tuple[str, ...] = ("China-led", "Japan-Korea", "US-led", "no one")
"""The contenders of the seed question, reported in ``summary.json``."""


@dataclass(frozen=True)
class OutcomeDef:
    """One catalogue outcome.

    Attributes
    ----------
    id : str
    definition : str
        What is measured, in words.
    reads : tuple of str
        Model variables the outcome reads: ``blocs`` (the alignment engine's configuration),
        ``n_minima`` (the alignment landscape), ``share`` (projected capability shares),
        ``forecast:<issue>`` (the bargaining engine's forecast).
    actors : tuple of str
        Players it needs (omitted from systems without them).
    not_representable : str
        Why the model cannot represent what the outcome stands for (empty when it can): the
        outcome is then a proxy, and a claim about it is labelled ``not_representable``
        (:mod:`realpolitik.scenarios.dependency`) instead of being judged on the proxy.
    """

    id: str
    definition: str
    reads: tuple[str, ...]
    actors: tuple[str, ...] = ()
    not_representable: str = ""


OUTCOMES: tuple[OutcomeDef, ...] = (
    OutcomeDef(
        "china_regional_leadership",
        "China's bloc controls the region (it holds more than the control threshold of "
        "projected capability) with both Japan and South Korea inside it.",
        ("blocs", "share"),
        ("CHN", "JPN", "KOR"),
    ),
    OutcomeDef(
        "jpn_kor_counterbloc",
        "Japan and South Korea sit in one bloc without China, and that bloc holds at least as "
        "much projected capability as China's bloc.",
        ("blocs", "share"),
        ("CHN", "JPN", "KOR"),
    ),
    OutcomeDef(
        "us_influence_loss",
        "Japan or South Korea is not in the United States' bloc at the horizon (both are in it "
        "in the base-year configuration).",
        ("blocs",),
        ("USA", "JPN", "KOR"),
    ),
    OutcomeDef(
        "china_influence_decline",
        "China's bloc holds less projected capability at the horizon than China's base-year "
        "bloc held in the base year (the member's own capability measure). Its complement, "
        "China's bloc gaining, is the former 'US influence loss' share clause (merged here).",
        ("blocs", "share"),
        ("CHN",),
    ),
    OutcomeDef(
        "jpn_kor_self_reliance",
        "Japan and South Korea share a bloc that includes neither the United States nor China "
        "(possible only in members that draw three blocs).",
        ("blocs",),
        ("USA", "CHN", "JPN", "KOR"),
    ),
    OutcomeDef(
        "jpn_kor_tech_shift_west",
        "Japan and South Korea sit in one bloc with Australia (the western middle power among "
        "the players; the EU and Canada are not players) that excludes the United States and "
        "China.",
        ("blocs",),
        ("USA", "CHN", "JPN", "KOR", "AUS"),
        "technology and investment flows are not model variables, and Europe and Canada are "
        "not players: a bloc with Australia is a proxy for the shift, not the shift",
    ),
    OutcomeDef(
        "us_domestic_pressure",
        "The United States' projected capability share falls by more than 10% of its "
        "base-year value (the member's own measure).",
        ("share",),
        ("USA",),
    ),
    OutcomeDef(
        "trilateral_fta_progress",
        "The forecast on the trilateral FTA issue reaches at least 60 on its 0-100 scale "
        "(100 = FTA concluded).",
        ("forecast:trilateral_fta",),
    ),
    OutcomeDef(
        "kor_joins_us_coalition",
        "South Korea is in the United States' bloc and China is not.",
        ("blocs",),
        ("USA", "CHN", "KOR"),
    ),
    OutcomeDef(
        "china_supply_chain_weakened",
        "Japan, South Korea and Taiwan (the high-tech suppliers) all sit outside China's bloc "
        "and in one bloc together.",
        ("blocs",),
        ("CHN", "JPN", "KOR", "TWN"),
        "supply chains are not model variables: where the suppliers align is a proxy for "
        "China's access to their inputs, not a measure of it",
    ),
    OutcomeDef(
        "japan_southwest_vulnerable",
        "China's bloc controls the region and Japan is not in it.",
        ("blocs", "share"),
        ("CHN", "JPN"),
    ),
    OutcomeDef(
        "regional_stability",
        "The two-bloc landscape has a single stable configuration (one local minimum): no "
        "rival alignment the system could tip into.",
        ("n_minima",),
    ),
)
"""The outcome catalogue (ids as in ``outcomes.csv``)."""

OUTCOME_DEFINITIONS: dict[str, str] = {o.id: o.definition for o in OUTCOMES}

BASE_YEAR_OUTCOMES: tuple[str, ...] = ("china_influence_decline",)
"""Outcomes that compare with the member's own base-year configuration."""
"""Catalogue outcome id -> what is measured."""


@dataclass(frozen=True)
class MemberResults:
    """What the engines produced for a batch of members (the input of the outcomes).

    Attributes
    ----------
    blocs : ndarray (B, n) of int8
        Bloc label of each player in the predicted configuration (0, 1 or 2).
    shares : ndarray (B, n)
        Projected capability shares at the horizon (absorbed actors have 0).
    n_minima : ndarray (B,)
        Number of local minima of the two-bloc landscape.
    forecasts : ndarray (B, m)
        Issue forecasts (``nan`` where an issue has fewer than two actors).
    base_shares : ndarray (B, n)
        Base-year shares under the member's capability measure and distance decay.
    base_blocs : ndarray (B, n), optional
        The member's own base-year configuration (its measure, decay, weights and noise,
        no lever); ``None``: not solved, and :data:`BASE_YEAR_OUTCOMES` are not computed.
    threshold : ndarray (B,)
        Control threshold.
    hedging, base_hedging : ndarray (B, n) of bool, optional
        Hedgers at the horizon and in the base-year configuration
        (:func:`~realpolitik.scenarios.hedging.hedging_mask`); ``None``: nobody hedges.
    """

    blocs: NDArray[np.int8]
    shares: NDArray[np.float64]
    n_minima: NDArray[np.int64]
    forecasts: NDArray[np.float64]
    base_shares: NDArray[np.float64]
    base_blocs: NDArray[np.int8] | None
    threshold: NDArray[np.float64]
    hedging: NDArray[np.bool_] | None = None
    base_hedging: NDArray[np.bool_] | None = None

    def committed(self, base: bool = False) -> NDArray[np.float64]:
        """Capability shares with the hedgers' zeroed (horizon, or base year)."""
        s = self.base_shares if base else self.shares
        h = self.base_hedging if base else self.hedging
        return s if h is None else np.where(h, 0.0, s)


def bloc_totals(blocs: NDArray[np.integer], shares: NDArray[np.float64]) -> NDArray[np.float64]:
    """Capability share of each bloc label ``(B, 3)``.

    Examples
    --------
    >>> import numpy as np
    >>> bloc_totals(np.array([[0, 1, 1]]), np.array([[0.5, 0.3, 0.2]])).tolist()
    [[0.5, 0.5, 0.0]]
    """
    k = max(3, int(blocs.max()) + 1) if blocs.size else 3
    onehot = blocs[:, :, None] == np.arange(k)[None, None, :]
    out: NDArray[np.float64] = np.einsum("bnk,bn->bk", onehot, shares)
    return out


def top_leader(system: System, res: MemberResults) -> NDArray[np.str_]:
    """The leader (ISO3) of the largest bloc of each member, hedgers' capability left out.

    Examples
    --------
    >>> import numpy as np
    >>> from realpolitik.scenarios.state import System
    >>> z = np.zeros((0, 3, 3))
    >>> sy = System(("CHN", "USA", "IND"), 2025, np.full(3, 1 / 3), np.zeros(3),
    ...             np.zeros(3), (), z, (), np.zeros((0, 3)), np.zeros((0, 3)))
    >>> r = MemberResults(np.array([[0, 1, 1]], np.int8), np.array([[.3, .2, .5]]),
    ...     np.ones(1, int), np.zeros((1, 0)), np.full((1, 3), 1 / 3),
    ...     np.zeros((1, 3), np.int8), np.array([0.55]))
    >>> top_leader(sy, r).tolist()
    ['IND']
    """
    from realpolitik.scenarios.hedging import bloc_leaders

    active = res.committed()
    tot = bloc_totals(res.blocs, active)
    top = np.argmax(tot, axis=1)
    lead = bloc_leaders(res.blocs, active)[np.arange(tot.shape[0]), top]
    names = np.array(system.actors, dtype=object)
    return np.asarray(names[np.maximum(lead, 0)].astype(str))


def controller(system: System, res: MemberResults) -> NDArray[np.str_]:
    """The answer to the central question for each member (one of :data:`CONTENDERS`).

    The largest bloc (hedgers' capability left out) is named after its leader: China-led,
    US-led, Japan-Korea (Japan or South Korea leads it, both inside and committed) or other;
    "no one" when it holds no more than the member's threshold.

    Examples
    --------
    >>> import numpy as np
    >>> from realpolitik.scenarios.state import System
    >>> z = np.zeros((0, 4, 4))
    >>> sy = System(("CHN", "USA", "JPN", "KOR"), 2025, np.full(4, .25), np.zeros(4),
    ...             np.zeros(4), (), z, (), np.zeros((0, 4)), np.zeros((0, 4)))
    >>> r = MemberResults(np.array([[0, 1, 2, 2]], np.int8), np.array([[.2, .2, .3, .3]]),
    ...     np.ones(1, int), np.zeros((1, 0)), np.full((1, 4), .25), np.zeros((1, 4), np.int8),
    ...     np.array([0.55]))
    >>> controller(sy, r).tolist()
    ['Japan-Korea']
    """
    active = res.committed()
    tot = bloc_totals(res.blocs, active)
    top = np.argmax(tot, axis=1)
    top_share = tot[np.arange(tot.shape[0]), top]
    lead = top_leader(system, res)
    out = np.full(tot.shape[0], "other", dtype=object)
    out = np.where(lead == "CHN", "China-led", out)
    out = np.where(lead == "USA", "US-led", out)
    if "JPN" in system.actors and "KOR" in system.actors:
        ij, ik = system.actors.index("JPN"), system.actors.index("KOR")
        in_top = (res.blocs == top[:, None]) & (active > 0)
        jk = in_top[:, ij] & in_top[:, ik] & np.isin(lead, ("JPN", "KOR"))
        out = np.where(jk, "Japan-Korea", out)
    out = np.where(top_share > res.threshold, out, "no one")
    return np.asarray(out.astype(str))


def _idx(system: System, code: str) -> int | None:
    return system.actors.index(code) if code in system.actors else None


def _bloc_share(res: MemberResults, i: int, base: bool = False) -> NDArray[np.float64]:
    """Committed capability of player ``i``'s bloc (0 where ``i`` itself hedges)."""
    blocs = res.base_blocs if base and res.base_blocs is not None else res.blocs
    s = res.committed(base)
    same = (blocs == blocs[:, i : i + 1]) & (s[:, i : i + 1] > 0)
    out: NDArray[np.float64] = np.where(same, s, 0.0).sum(axis=1)
    return out


def _led_share(res: MemberResults, i: int) -> NDArray[np.float64]:
    """Committed capability of the bloc player ``i`` leads (0 where it leads none)."""
    from realpolitik.scenarios.hedging import bloc_leaders

    active = res.committed()
    lead = bloc_leaders(res.blocs, active)
    leads = np.take_along_axis(lead, res.blocs[:, i : i + 1].astype(np.int64), axis=1)[:, 0] == i
    return np.where(leads & (active[:, i] > 0), _bloc_share(res, i), 0.0)


def contender_shares(system: System, res: MemberResults) -> dict[str, NDArray[np.float64]]:
    """Continuous headline outputs per member (hedgers' capability counted in no bloc).

    ``China-led`` and ``US-led``: the capability share of the bloc China (the United States)
    leads, 0 where it leads none; ``china_share``: the share of China's bloc, whoever leads
    it; ``Japan-Korea``: the share of the bloc holding Japan and South Korea when one of them
    leads it (0 otherwise); ``no one``: the largest bloc's share (no one controls when it is
    at most the threshold); ``margin``: the largest bloc's share minus the second's;
    ``jk_pole``: 1 where the Japan-Korea bloc exists.
    """
    tot = np.sort(bloc_totals(res.blocs, res.committed()), axis=1)
    out: dict[str, NDArray[np.float64]] = {"no one": tot[:, -1], "margin": tot[:, -1] - tot[:, -2]}
    chn, usa, jpn, kor = (_idx(system, c) for c in ("CHN", "USA", "JPN", "KOR"))
    if chn is not None:
        out["China-led"] = _led_share(res, chn)
        out["china_share"] = _bloc_share(res, chn)
    if usa is not None:
        out["US-led"] = _led_share(res, usa)
    if jpn is not None and kor is not None:
        b = res.blocs
        pole = (b[:, jpn] == b[:, kor]) & ((_led_share(res, jpn) > 0) | (_led_share(res, kor) > 0))
        active = res.committed()
        pole &= (active[:, jpn] > 0) & (active[:, kor] > 0)
        out["jk_pole"] = pole.astype(float)
        out["Japan-Korea"] = np.where(pole, _bloc_share(res, jpn), 0.0)
    return out


def _together(b: NDArray[np.int8], idx: list[int]) -> NDArray[np.bool_]:
    out = np.ones(b.shape[0], dtype=bool)
    for i in idx[1:]:
        out &= b[:, i] == b[:, idx[0]]
    return out


def compute_outcomes(
    system: System, res: MemberResults, ctrl: NDArray[np.str_] | None = None
) -> dict[str, NDArray[np.bool_]]:
    """Every catalogue outcome for each member (see :data:`OUTCOMES`).

    Outcomes whose actors or issue are not part of the system are omitted.
    """
    ctrl = controller(system, res) if ctrl is None else ctrl
    b = res.blocs
    ix = {c: system.actors.index(c) for c in system.actors}
    out: dict[str, NDArray[np.bool_]] = {}
    china_controls = ctrl == "China-led"
    for o in OUTCOMES:
        if any(a not in ix for a in o.actors):
            continue
        if res.base_blocs is None and o.id in BASE_YEAR_OUTCOMES:
            continue
        if o.id == "china_regional_leadership":
            v = china_controls & _together(b, [ix["CHN"], ix["JPN"], ix["KOR"]])
        elif o.id == "jpn_kor_counterbloc":
            jk = _together(b, [ix["JPN"], ix["KOR"]]) & (b[:, ix["JPN"]] != b[:, ix["CHN"]])
            v = jk & (_bloc_share(res, ix["JPN"]) >= _bloc_share(res, ix["CHN"]))
        elif o.id == "us_influence_loss":
            v = ~_together(b, [ix["USA"], ix["JPN"], ix["KOR"]])
        elif o.id == "china_influence_decline":
            # A decline beyond rounding: the projection renormalises shares (about 1e-16).
            v = _bloc_share(res, ix["CHN"]) < _bloc_share(res, ix["CHN"], base=True) - 1e-9
        elif o.id == "jpn_kor_self_reliance":
            v = (
                _together(b, [ix["JPN"], ix["KOR"]])
                & (b[:, ix["JPN"]] != b[:, ix["USA"]])
                & (b[:, ix["JPN"]] != b[:, ix["CHN"]])
            )
        elif o.id == "jpn_kor_tech_shift_west":
            v = (
                _together(b, [ix["JPN"], ix["KOR"], ix["AUS"]])
                & (b[:, ix["JPN"]] != b[:, ix["USA"]])
                & (b[:, ix["JPN"]] != b[:, ix["CHN"]])
            )
        elif o.id == "us_domestic_pressure":
            i = ix["USA"]
            v = res.shares[:, i] < 0.9 * res.base_shares[:, i]
        elif o.id == "trilateral_fta_progress":
            if "trilateral_fta" not in system.issues:
                continue
            f = res.forecasts[:, system.issues.index("trilateral_fta")]
            v = np.nan_to_num(f, nan=0.0) >= 60.0
        elif o.id == "kor_joins_us_coalition":
            v = (b[:, ix["KOR"]] == b[:, ix["USA"]]) & (b[:, ix["CHN"]] != b[:, ix["USA"]])
        elif o.id == "china_supply_chain_weakened":
            sup = [ix["JPN"], ix["KOR"], ix["TWN"]]
            v = _together(b, sup) & (b[:, sup[0]] != b[:, ix["CHN"]])
        elif o.id == "japan_southwest_vulnerable":
            v = china_controls & (b[:, ix["JPN"]] != b[:, ix["CHN"]])
        elif o.id == "regional_stability":
            v = res.n_minima == 1
        else:  # pragma: no cover - every catalogue id is handled above
            raise AssertionError(o.id)
        out[o.id] = np.asarray(v, dtype=bool)
    return out

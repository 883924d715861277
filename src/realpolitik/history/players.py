"""Who plays in the history systems: project codes, Correlates of War codes and names.

Two player lists are built in:

* :data:`ASIA_PACIFIC`: the twelve players of the main job (the East Asia system's
  ``DEFAULT_PLAYERS``, China first so that bloc 0 is China's), the default of
  ``realpolitik backtest``. The same players answer the 2030 question, so the backtest measures
  the model on the system it is used for. :data:`ASIA_PACIFIC_EXTRA` lists more Asia-Pacific
  states whose data are shipped too (``--players`` may name them).
* :data:`EUROPE_1936`: the seventeen European states of Axelrod & Bennett (1993).

Codes are ISO 3166 alpha-3 as in the rest of the project (``RUS`` also for the USSR, ``DEU``
for Germany before 1945, ``CSK`` for Czechoslovakia, ``YUG`` for Yugoslavia, ``VNM`` also
for North Vietnam 1954-75, as in the history kit's README).

Examples
--------
>>> ccode("JPN"), code(740)
(740, 'JPN')
"""

from __future__ import annotations

from realpolitik.errors import InputError

__all__ = [
    "ALL_CCODES",
    "ASIA_PACIFIC",
    "ASIA_PACIFIC_EXTRA",
    "CCODES",
    "EUROPE_1936",
    "NAMES",
    "REGIONS",
    "WORLD",
    "WORLD_LANDSCAPE",
    "ccode",
    "code",
]

CCODES: dict[str, int] = {
    # Asia-Pacific
    "CHN": 710, "USA": 2, "JPN": 740, "KOR": 732, "PRK": 731, "RUS": 365, "TWN": 713,
    "IND": 750, "VNM": 816, "AUS": 900, "PHL": 840, "IDN": 850, "NZL": 920, "THA": 800,
    "MYS": 820, "SGP": 830, "PAK": 770, "MNG": 712, "MMR": 775, "KHM": 811, "LAO": 812,
    "BGD": 771,
    # Europe 1936 (RUS above)
    "GBR": 200, "FRA": 220, "DEU": 255, "ITA": 325, "POL": 290, "CSK": 315, "YUG": 345,
    "ROU": 360, "HUN": 310, "GRC": 350, "FIN": 375, "EST": 366, "LVA": 367, "LTU": 368,
    "PRT": 235, "DNK": 390,
    # Regions of the backtest (--region); Europe after 1945
    "NLD": 210, "BEL": 211, "ESP": 230, "TUR": 640, "DDR": 265, "BGR": 355, "ALB": 339,
    "AUT": 305, "SWE": 380, "UKR": 369,
    # Middle East
    "EGY": 651, "ISR": 666, "IRN": 630, "IRQ": 645, "SAU": 670, "SYR": 652, "JOR": 663,
    "LBY": 620, "KWT": 690, "LBN": 660,
    # Africa
    "ETH": 530, "SOM": 520, "ZAF": 560, "AGO": 540, "NGA": 475, "KEN": 501, "COD": 490,
    "TZA": 510, "MOZ": 541, "ZMB": 551, "SDN": 625, "DZA": 615, "MAR": 600, "UGA": 500,
    "RWA": 517,
    # Americas
    "CAN": 20, "MEX": 70, "CUB": 40, "BRA": 140, "ARG": 160, "CHL": 155, "PER": 135,
    "COL": 100, "VEN": 101, "NIC": 93, "ECU": 130,
}  # fmt: skip
"""Project code -> Correlates of War state code (CoW State System Membership v2016)."""

NAMES: dict[str, str] = {
    "CHN": "China", "USA": "United States", "JPN": "Japan", "KOR": "South Korea",
    "PRK": "North Korea", "RUS": "Russia/USSR", "TWN": "Taiwan", "IND": "India",
    "VNM": "Vietnam (North Vietnam 1954-75)", "AUS": "Australia", "PHL": "Philippines",
    "IDN": "Indonesia", "NZL": "New Zealand", "THA": "Thailand", "MYS": "Malaysia",
    "SGP": "Singapore", "PAK": "Pakistan", "MNG": "Mongolia", "MMR": "Myanmar",
    "KHM": "Cambodia", "LAO": "Laos", "BGD": "Bangladesh", "GBR": "United Kingdom",
    "FRA": "France", "DEU": "Germany (West Germany 1955-90)", "ITA": "Italy", "POL": "Poland",
    "CSK": "Czechoslovakia", "YUG": "Yugoslavia", "ROU": "Romania", "HUN": "Hungary",
    "GRC": "Greece", "FIN": "Finland", "EST": "Estonia", "LVA": "Latvia", "LTU": "Lithuania",
    "PRT": "Portugal", "DNK": "Denmark", "NLD": "Netherlands", "BEL": "Belgium", "ESP": "Spain",
    "TUR": "Turkey", "DDR": "East Germany", "BGR": "Bulgaria", "ALB": "Albania",
    "AUT": "Austria", "SWE": "Sweden", "UKR": "Ukraine", "EGY": "Egypt", "ISR": "Israel",
    "IRN": "Iran", "IRQ": "Iraq", "SAU": "Saudi Arabia", "SYR": "Syria", "JOR": "Jordan",
    "LBY": "Libya", "KWT": "Kuwait", "LBN": "Lebanon", "ETH": "Ethiopia", "SOM": "Somalia",
    "ZAF": "South Africa", "AGO": "Angola", "NGA": "Nigeria", "KEN": "Kenya",
    "COD": "DR Congo", "TZA": "Tanzania", "MOZ": "Mozambique", "ZMB": "Zambia",
    "SDN": "Sudan", "DZA": "Algeria", "MAR": "Morocco", "UGA": "Uganda", "RWA": "Rwanda",
    "CAN": "Canada", "MEX": "Mexico", "CUB": "Cuba", "BRA": "Brazil", "ARG": "Argentina",
    "CHL": "Chile", "PER": "Peru", "COL": "Colombia", "VEN": "Venezuela",
    "NIC": "Nicaragua", "ECU": "Ecuador",
}  # fmt: skip
"""Short names."""

ASIA_PACIFIC: tuple[str, ...] = (
    "CHN", "USA", "JPN", "KOR", "PRK", "RUS", "TWN", "IND", "VNM", "AUS", "PHL", "IDN",
)  # fmt: skip
"""Default backtest players: the main job's twelve players (China first)."""

ASIA_PACIFIC_EXTRA: tuple[str, ...] = (
    "NZL", "THA", "MYS", "SGP", "PAK", "MNG", "MMR", "KHM", "LAO", "BGD",
)  # fmt: skip
"""Further Asia-Pacific states with shipped data (usable with ``--players``)."""

EUROPE_1936: tuple[str, ...] = (
    "GBR", "FRA", "DEU", "ITA", "RUS", "POL", "CSK", "YUG", "ROU", "HUN", "GRC", "FIN",
    "EST", "LVA", "LTU", "PRT", "DNK",
)  # fmt: skip
"""The seventeen European states of Axelrod & Bennett (1993)."""

REGIONS: dict[str, tuple[str, ...]] = {
    "asia-pacific": ASIA_PACIFIC,
    "europe": (
        "USA", "RUS", "GBR", "FRA", "DEU", "ITA", "ESP", "NLD", "BEL", "TUR", "GRC", "POL",
        "DDR", "CSK", "HUN", "ROU", "BGR", "YUG", "AUT", "SWE",
    ),
    "middle-east": (
        "USA", "RUS", "GBR", "FRA", "EGY", "ISR", "IRN", "IRQ", "SAU", "SYR", "JOR", "TUR",
        "LBY", "KWT", "LBN",
    ),
    "africa": (
        "USA", "RUS", "FRA", "GBR", "CUB", "ETH", "SOM", "ZAF", "AGO", "NGA", "KEN", "COD",
        "TZA", "MOZ", "ZMB", "SDN", "DZA", "MAR", "UGA", "RWA",
    ),
    "americas": (
        "USA", "RUS", "GBR", "CAN", "MEX", "CUB", "BRA", "ARG", "CHL", "PER", "COL", "VEN",
        "NIC", "ECU",
    ),
    "major-powers": (
        "USA", "RUS", "CHN", "GBR", "FRA", "DEU", "JPN", "IND", "PAK", "BRA", "EGY", "IRN",
        "ISR", "TUR", "SAU", "ZAF", "NGA", "IDN", "KOR", "CUB",
    ),
}  # fmt: skip
"""Backtest regions (``--region``): at most 20 players each (the exact ensemble's limit); the
outside powers that shaped a region's alignments are members of it (docs/backtest.md).
``major-powers`` (twenty major states) was called ``world`` before issue 20's follow-up; the
region ``world`` of the backtest is every state (:data:`WORLD`), its landscape run on
``major-powers`` (:data:`WORLD_LANDSCAPE`)."""

WORLD = "world"
"""The backtest region of every state of the measured alignment present at the base year (the
change model and the stack; ``realpolitik.forecasting.evaluate.region_players``)."""
WORLD_LANDSCAPE = "major-powers"
"""The subsample of :data:`WORLD` on which the landscape ensemble (and the history backtest's
own rows) run: the landscape of about 190 players would not fit the backtest's time budget."""

ALL_CCODES: frozenset[int] = frozenset(CCODES.values())
"""CoW codes whose rows the shipped panel keeps."""

_BY_CCODE = {v: k for k, v in CCODES.items()}


def ccode(player: str) -> int:
    """CoW code of a project code; :class:`InputError` naming the known codes otherwise."""
    try:
        return CCODES[player]
    except KeyError:
        raise InputError(
            f"player {player!r} has no history data; known: {', '.join(sorted(CCODES))}"
        ) from None


def code(cow: int) -> str:
    """Project code of a CoW code (``KeyError`` if it is not shipped)."""
    return _BY_CCODE[int(cow)]

"""Where the actors sit: capital coordinates and their distance to the theatre.

The loss-of-strength gradient of :mod:`realpolitik.scenarios.structure` discounts capability
by the distance from each capital to the theatre; :mod:`realpolitik.scenarios.state` stores
those distances with the system. Both read them from here.

Examples
--------
>>> round(float(theatre_distances(("JPN",))[0]))
1510
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["CAPITALS", "THEATRE", "theatre_distances"]

THEATRE: tuple[float, float] = (30.0, 125.0)
"""Latitude, longitude of the theatre the loss-of-strength gradient measures to (East China
Sea, between Shanghai, Kyushu, the Korean peninsula and Taiwan)."""

CAPITALS: dict[str, tuple[float, float]] = {
    "CHN": (39.9, 116.4),
    "USA": (38.9, -77.0),
    "JPN": (35.7, 139.7),
    "KOR": (37.6, 127.0),
    "PRK": (39.0, 125.8),
    "RUS": (55.8, 37.6),
    "TWN": (25.0, 121.5),
    "IND": (28.6, 77.2),
    "VNM": (21.0, 105.8),
    "AUS": (-35.3, 149.1),
    "PHL": (14.6, 121.0),
    "IDN": (-6.2, 106.8),
    "MNG": (47.9, 106.9),
    "SGP": (1.3, 103.8),
    "THA": (13.8, 100.5),
    "MYS": (3.1, 101.7),
    "KHM": (11.6, 104.9),
    "LAO": (18.0, 102.6),
    "MMR": (19.8, 96.1),
    "BRN": (4.9, 114.9),
    "CAN": (45.4, -75.7),
    "GBR": (51.5, -0.1),
    "FRA": (48.9, 2.4),
    "DEU": (52.5, 13.4),
    "NZL": (-41.3, 174.8),
}
"""Capital coordinates (degrees, rounded to 0.1; Natural Earth 1:10m populated places v5.1),
the points the loss-of-strength distance is measured from. Actors not listed get distance 0
(no discount) and are listed in the plan's manifest."""


def _haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(np.radians, (*a, *b))
    h = np.sin((la2 - la1) / 2) ** 2 + np.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
    return float(2 * 6371.0 * np.arcsin(np.sqrt(h)))


def theatre_distances(actors: tuple[str, ...]) -> NDArray[np.float64]:
    """Great-circle distance (km) from each actor's capital to :data:`THEATRE` (0 if unknown).

    Examples
    --------
    >>> d = theatre_distances(("CHN", "USA", "XXX"))
    >>> bool(1000 < d[0] < 1500), bool(11000 < d[1] < 12500), float(d[2])
    (True, True, 0.0)
    """
    return np.array([_haversine_km(CAPITALS[a], THEATRE) if a in CAPITALS else 0.0 for a in actors])

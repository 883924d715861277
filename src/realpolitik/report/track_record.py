"""The report's track-record section: how the project's live forecasts have scored.

Takes the dict :func:`realpolitik.forecasting.track.track_record` returns (or ``None`` when
no forecast register was given) and returns Markdown lines. Only ``live`` forecasts count:
backtest and retrospective runs are scored by ``realpolitik forecasts score --kind``.

Examples
--------
>>> track_record_lines(None)[0]
'## Track record'
>>> rec = {"runs": 2, "resolved": 0, "pending": 40, "scores": [], "as_of": "2026-01-01"}
>>> "none of their 40 forecasts is due" in "\\n".join(track_record_lines(rec))
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["track_record_lines"]


def track_record_lines(track: Mapping[str, Any] | None) -> list[str]:
    """Markdown lines of the track-record section (heading included).

    Examples
    --------
    >>> rec = {"runs": 1, "resolved": 3, "pending": 0, "as_of": "2031-01-01", "scores": [
    ...     {"kind": "live", "model": "ensemble:baseline", "horizon": 5, "n": 3,
    ...      "brier": 0.12, "log_score": -0.4}]}
    >>> track_record_lines(rec)[-1]
    '| ensemble:baseline | 5 | 3 | 0.120 | -0.400 |'
    """
    lines = ["## Track record", ""]
    if track is None:
        return [
            *lines,
            "No forecast register was given (`--db URL` or `$REALPOLITIK_DB`), so this run's "
            "forecasts were not kept and no track record is shown.",
        ]
    head = (
        f"The forecast register holds {track['runs']} live run(s). As of {track['as_of']}, "
        f"{track['resolved']} of their forecasts are resolved and {track['pending']} pending."
    )
    if not track["scores"]:
        return [
            *lines,
            f"{head} No track record yet: none of their {track['pending']} forecasts is due "
            "(or resolvable) by that date.",
        ]
    return [
        *lines,
        f"{head} Brier (lower is better, 0.25 for a coin) and mean log probability of the "
        "outcome (higher is better) of the resolved live forecasts:",
        "",
        "| model | horizon (years) | n | Brier | log score |",
        "|---|---|---|---|---|",
        *(
            f"| {s['model']} | {s['horizon']} | {s['n']} | {s['brier']:.3f} | "
            f"{s['log_score']:.3f} |"
            for s in track["scores"]
        ),
    ]

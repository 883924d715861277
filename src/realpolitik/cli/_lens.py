"""The shared ``--lens NAME`` option of ``align``, ``forecast``, ``simulate``, ``claims`` and
``run``: one option and one call per command.

``NAME`` is a lens stored in the evidence store named by ``$REALPOLITIK_DB`` (default
``./realpolitik.sqlite``); ``NAME@URL`` names the store explicitly, e.g.
``--lens seed004@sqlite:///evidence.sqlite``. Without ``--lens`` every helper returns
``None``, which the commands read as "the baseline", so their behaviour is unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from realpolitik.cli._common import err_console, fail
from realpolitik.errors import RealpolitikError

if TYPE_CHECKING:
    from realpolitik.lenses.state import LensState
    from realpolitik.model.dataset import Dataset
    from realpolitik.scenarios.spec import ScenarioSpec
    from realpolitik.scenarios.state import System, TermFunction

__all__ = [
    "LENS_OPTION",
    "lens_dataset",
    "lens_state_or_none",
    "lens_system",
    "lens_terms",
    "lens_tone",
]

LENS_OPTION: Any = typer.Option(
    None,
    "--lens",
    help="Use a perspective lens's state instead of the baseline: NAME (store from "
    "$REALPOLITIK_DB) or NAME@sqlite:///PATH. Create lenses with `realpolitik lens create`.",
)

_cache: dict[str, LensState] = {}


def lens_state_or_none(lens: str | None) -> LensState | None:
    """The state of ``lens`` (``NAME`` or ``NAME@URL``), or ``None``; exits with a message on
    errors (unknown lens, unreachable store)."""
    if not lens:
        return None
    if lens in _cache:
        return _cache[lens]
    from realpolitik.lenses.api import lens_state

    name, _, url = lens.partition("@")
    try:
        state = lens_state(name, db=url or None)
    except RealpolitikError as exc:
        fail(str(exc))
    cov = state.coverage()
    err_console.print(
        f"[dim]lens {name}: {cov['items']} evidence sentence(s); "
        f"{len(cov['dyads_with_evidence'])} of {cov['dyads_total']} player dyads carry its "
        "event tone, the rest and every issue position fall back to the baseline[/]",
        highlight=False,
    )
    _cache[lens] = state
    return state


def lens_tone(lens: str | None) -> dict[tuple[str, str], float] | None:
    """The evidence term for :func:`~realpolitik.engines.alignment.propensity.
    propensity_matrix`'s ``event_tone`` (the bounded update of the lens's tone)."""
    state = lens_state_or_none(lens)
    return None if state is None else state.shift or None


def lens_terms(lens: str | None) -> TermFunction | None:
    """The lens's propensity terms function (for systems built later, e.g. variants)."""
    state = lens_state_or_none(lens)
    return None if state is None else state.terms


def lens_system(lens: str | None, spec: ScenarioSpec | None = None) -> System | None:
    """The lens's system state (for ``spec``'s actors and base year when given)."""
    state = lens_state_or_none(lens)
    if state is None:
        return None
    if spec is None or (spec.actors is None and spec.base_year is None):
        return state.system
    from realpolitik.data import load_dataset
    from realpolitik.scenarios.state import build_system

    try:
        return build_system(
            load_dataset(spec.dataset), spec.actors, spec.base_year, terms=state.terms
        )
    except RealpolitikError as exc:
        fail(str(exc))


def lens_dataset(lens: str | None) -> Dataset | None:
    """The data set the lens sees for issue models (positions/saliences: the baseline's, as no
    issue evidence is extracted yet; said on stderr)."""
    state = lens_state_or_none(lens)
    if state is None:
        return None
    from realpolitik.data import load_dataset

    return load_dataset()

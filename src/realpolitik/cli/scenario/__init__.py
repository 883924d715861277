"""CLI commands for the 'scenario' topic, one small module per command group.

``run`` (:mod:`.run`) is the main job (baseline + every seed-claim scenario); ``simulate``
(:mod:`.simulate`) runs one scenario; ``claims`` (:mod:`.claims`) lists the articles' claims
with the model's verdicts; ``sensitivity`` (:mod:`.sensitivity`) prints Sobol' indices;
``scenario list|show|schema`` (:mod:`.files`); ``summary`` (:mod:`.summary`). Each module's
``register(app)`` only declares its command: the work is imported inside the command body.
"""

from __future__ import annotations

import typer

from realpolitik.cli.scenario import claims, files, run, sensitivity, simulate, summary

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add this topic's commands to ``app``."""
    for module in (summary, run, simulate, claims, sensitivity, files):
        module.register(app)

"""Levers: documented, composable transformations of the system state.

The effects of every catalogue lever are data (``data/east_asia/lever_effects.toml``): each
lever lists what it changes (propensities, growth of capability shares, capability transfers,
issue positions and saliences), by how much at intensity 1, why, and which articles raise it.
:func:`compile_levers` turns them into array operations for one :class:`~realpolitik.scenarios.
state.System`; :meth:`CompiledLever.apply` applies them to a batch of members, each with its
own intensity, so levers compose by simple addition in the order given.

Effects on actors or issues that are not part of the system are skipped and listed in
:attr:`CompiledLever.skipped` (for example a lever that touches Laos when Laos is not a player).

Examples
--------
>>> specs = load_lever_effects()
>>> sorted(specs)[:3]
['china_dprk_support', 'china_economic_statecraft', 'china_military_pressure']
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from realpolitik.errors import ScenarioError

__all__ = ["CompiledLever", "LeverEffects", "compile_levers", "load_lever_effects"]


@dataclass(frozen=True)
class LeverEffects:
    """The documented effects of one lever at intensity 1."""

    id: str
    why: str
    sources: tuple[str, ...]
    effects: tuple[dict[str, Any], ...]


_EFFECT_KEYS = {
    "propensity": {"pairs", "delta"},
    "growth": {"actors", "delta"},
    "transfer": {"from", "to", "fraction"},
    "position": {"issue", "actors"},
    "salience": {"issue", "actors", "delta"},
}


def _parse(data: dict[str, Any], origin: str) -> dict[str, LeverEffects]:
    out: dict[str, LeverEffects] = {}
    for lid, body in data.get("levers", {}).items():
        effects = tuple(body.get("effects", ()))
        for k, eff in enumerate(effects):
            etype = eff.get("type")
            if etype not in _EFFECT_KEYS:
                raise ScenarioError(
                    f"{origin}: levers.{lid}.effects[{k}].type: unknown effect type {etype!r} "
                    f"(use one of {sorted(_EFFECT_KEYS)})"
                )
            missing = _EFFECT_KEYS[etype] - set(eff)
            if missing:
                raise ScenarioError(
                    f"{origin}: levers.{lid}.effects[{k}]: missing key(s) {sorted(missing)}"
                )
            if etype == "position" and "delta" not in eff and not {"to", "toward"} <= set(eff):
                raise ScenarioError(
                    f"{origin}: levers.{lid}.effects[{k}]: a position effect needs `delta` "
                    "or both `to` and `toward`"
                )
        out[lid] = LeverEffects(
            id=lid,
            why=str(body.get("why", "")),
            sources=tuple(body.get("sources", ())),
            effects=effects,
        )
    return out


@lru_cache(maxsize=8)
def load_lever_effects(path: str | None = None) -> dict[str, LeverEffects]:
    """Read lever effects (the built-in file by default).

    Raises
    ------
    ScenarioError
        For malformed TOML, unknown effect types or missing keys, naming the key.
    """
    if path is None:
        text = (
            resources.files("realpolitik.data")
            .joinpath("east_asia/lever_effects.toml")
            .read_text(encoding="utf-8")
        )
        origin = "lever_effects.toml (built-in)"
    else:
        text = Path(path).read_text(encoding="utf-8")
        origin = path
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{origin}: malformed TOML: {exc}") from exc
    return _parse(data, origin)


@dataclass(frozen=True)
class CompiledLever:
    """One lever's effects as arrays over a system's actors and issues.

    Attributes
    ----------
    id : str
    dp : ndarray (n, n)
        Propensity change at intensity 1, in absolute propensity units.
    dg : ndarray (n,)
        Change of annual log growth at intensity 1.
    transfers : tuple of (from_index, to_index, fraction)
    positions : tuple of (issue_index, actor_indices, delta, to, toward)
    saliences : tuple of (issue_index, actor_indices, delta)
    skipped : tuple of str
        Effects (or parts) that name actors or issues outside the system.
    """

    id: str
    dp: NDArray[np.float64]
    dg: NDArray[np.float64]
    transfers: tuple[tuple[int, int, float], ...] = ()
    positions: tuple[tuple[int, NDArray[np.intp], float, float, float], ...] = ()
    saliences: tuple[tuple[int, NDArray[np.intp], float], ...] = ()
    skipped: tuple[str, ...] = field(default=())

    def apply(
        self,
        intensity: NDArray[np.float64],
        p: NDArray[np.float64],
        growth: NDArray[np.float64],
        shares: NDArray[np.float64],
        positions: NDArray[np.float64],
        salience: NDArray[np.float64],
    ) -> None:
        """Apply in place to a batch: ``intensity`` (B,), ``p`` (B,n,n), ``growth`` (B,n),
        ``shares`` (B,n), ``positions`` and ``salience`` (B,m,n)."""
        lam = np.asarray(intensity, dtype=float)
        p += lam[:, None, None] * self.dp
        growth += lam[:, None] * self.dg
        for src, dst, frac in self.transfers:
            moved = np.clip(lam * frac, 0.0, 1.0) * shares[:, src]
            shares[:, dst] += moved
            shares[:, src] -= moved
        for issue, idx, delta, to, toward in self.positions:
            block = positions[:, issue, :][:, idx]
            if np.isnan(to):
                block = block + lam[:, None] * delta
            else:
                step = np.clip(lam * toward, 0.0, 1.0)[:, None]
                block = block + step * (to - block)
            positions[:, issue, idx] = np.clip(block, 0.0, 100.0)
        for issue, idx, delta in self.saliences:
            block = salience[:, issue, :][:, idx] + lam[:, None] * delta
            salience[:, issue, idx] = np.clip(block, 0.0, 1.0)


def compile_levers(
    ids: list[str] | tuple[str, ...],
    actors: tuple[str, ...],
    issues: tuple[str, ...],
    scale: float = 1.0,
    effects: dict[str, LeverEffects] | None = None,
) -> list[CompiledLever]:
    """Compile levers for a system with ``actors`` and ``issues``.

    Every effect is in absolute units (propensity points, log growth, shares, 0-100
    positions), so a lens or a data-set copy changes a lever's effect only by changing the
    file it reads.

    Parameters
    ----------
    ids : sequence of str
        Lever ids (catalogue ids).
    actors, issues : tuple of str
        The system's players and issues (array order).
    scale : float
        Multiplier of the propensity deltas (default 1: the file's absolute propensity
        units; the engines always use 1, kept for callers that pass it).
    effects : dict, optional
        Lever effects (default: the built-in file).

    Raises
    ------
    ScenarioError
        For an unknown lever id, listing the known ones.
    """
    table = effects if effects is not None else load_lever_effects()
    a_index = {a: i for i, a in enumerate(actors)}
    i_index = {s: i for i, s in enumerate(issues)}
    n = len(actors)
    out = []
    for lid in ids:
        if lid not in table:
            raise ScenarioError(f"unknown lever '{lid}' (known levers: {', '.join(sorted(table))})")
        spec = table[lid]
        dp = np.zeros((n, n))
        dg = np.zeros(n)
        transfers: list[tuple[int, int, float]] = []
        positions: list[tuple[int, NDArray[np.intp], float, float, float]] = []
        saliences: list[tuple[int, NDArray[np.intp], float]] = []
        skipped: list[str] = []
        for eff in spec.effects:
            etype = eff["type"]
            if etype == "propensity":
                for a, b in eff["pairs"]:
                    if a in a_index and b in a_index:
                        i, j = a_index[a], a_index[b]
                        dp[i, j] += eff["delta"] * scale
                        dp[j, i] += eff["delta"] * scale
                    else:
                        skipped.append(f"propensity {a}-{b}")
            elif etype == "growth":
                for a in eff["actors"]:
                    if a in a_index:
                        dg[a_index[a]] += eff["delta"]
                    else:
                        skipped.append(f"growth {a}")
            elif etype == "transfer":
                if eff["from"] in a_index and eff["to"] in a_index:
                    transfers.append(
                        (a_index[eff["from"]], a_index[eff["to"]], float(eff["fraction"]))
                    )
                else:
                    skipped.append(f"transfer {eff['from']}->{eff['to']}")
            else:
                issue = eff["issue"]
                present = [a for a in eff["actors"] if a in a_index]
                skipped += [f"{etype} {issue} {a}" for a in eff["actors"] if a not in a_index]
                if issue not in i_index:
                    skipped.append(f"{etype} {issue} (issue not in the system)")
                    continue
                idx = np.array([a_index[a] for a in present], dtype=np.intp)
                if etype == "position":
                    positions.append(
                        (
                            i_index[issue],
                            idx,
                            float(eff.get("delta", 0.0)),
                            float(eff.get("to", np.nan)),
                            float(eff.get("toward", 0.0)),
                        )
                    )
                else:
                    saliences.append((i_index[issue], idx, float(eff["delta"])))
        out.append(
            CompiledLever(
                id=lid,
                dp=dp,
                dg=dg,
                transfers=tuple(transfers),
                positions=tuple(positions),
                saliences=tuple(saliences),
                skipped=tuple(skipped),
            )
        )
    return out

"""Decide the level of every outcome from the layers of settings; the only place levels come from.

The layers, lowest first: the built-in defaults (each check's level, and each outcome's own
default in the check's table), a style's metadata, the config file, the command line. Each layer
maps ids to a level (``suggestion``, ``warning``, ``error``) or ``off``; an id is a check's
(``length``) or an outcome's (``length.far-too-long``). The rule:

1. The highest layer that says anything about an outcome decides it.
2. Within one layer, the outcome's own id beats its check's id.
3. So a higher layer's check-level setting beats a lower layer's outcome-level one: a config
   ``length: suggestion`` makes every length outcome a suggestion, although the built-in table
   makes ``length.far-too-long`` an error.
4. ``off`` at either id switches the outcome off. An outcome that is off by default (opt-in,
   such as ``proposed-time.zone-guessed``) is switched on only by naming its own id with a
   level; a level given to its check re-levels it once it is on, but never switches it on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ..checks import Check
from ..models import LEVELS, Level

OFF = "off"
BUILT_IN = "built-in"
Setting = Literal["suggestion", "warning", "error", "off"]
SETTINGS: tuple[Setting, ...] = (*LEVELS, "off")


@dataclass(frozen=True)
class Layer:
    """One layer of check settings: its name, levels by id, thresholds by check id."""

    name: str = ""
    levels: Mapping[str, Setting] = field(default_factory=dict)
    params: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class Resolved:
    """An outcome's effective level (None when off) and the layer that decided it."""

    level: Level | None
    set_by: str


def resolve(check: Check, code: str, layers: Sequence[Layer]) -> Resolved:
    """Return the level of the outcome ``code`` of ``check`` under ``layers`` (lowest first).

    ``layers`` excludes the built-in defaults, which are read from the check itself. An
    outcome code missing from the check's table (a new slot-planner note) has the check's level.
    """
    outcome = check.outcome(code)
    oid = f"{check.id}.{code}"
    opt_in = outcome is not None and not outcome.enabled
    enabled: tuple[bool, str] | None = None
    level: tuple[Level, str] | None = None
    for layer in reversed(layers):
        own, whole = layer.levels.get(oid), layer.levels.get(check.id)
        if enabled is None:
            if own is not None:
                enabled = (own != OFF, layer.name)
            elif whole == OFF or (whole is not None and not opt_in):
                enabled = (whole != OFF, layer.name)
        if level is None:
            said = _level(own) if own is not None else _level(whole)
            if said is not None:
                level = (said, layer.name)
    if enabled is None:
        enabled = (outcome.enabled if outcome else True, BUILT_IN)
    if level is None:
        level = ((outcome.level if outcome else None) or check.level, BUILT_IN)
    if not enabled[0]:
        return Resolved(None, enabled[1])
    return Resolved(level[0], level[1])


def _level(setting: Setting | None) -> Level | None:
    """Return the level a setting names, or None for off or no setting."""
    for level in LEVELS:
        if setting == level:
            return level
    return None


def thresholds(check: Check, layers: Sequence[Layer]) -> dict[str, Any]:
    """Return a check's thresholds: its defaults with each layer's laid over, lowest first."""
    out = dict(check.params)
    for layer in layers:
        out.update(layer.params.get(check.id, {}))
    return out

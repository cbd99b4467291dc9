"""The fields a template can read: which exist, whether a prospect has one, how one is written.

A template sees `CONTEXT` (caller, prospect, next_step, now); a field is written dotted, like
``prospect.referral.by``. Pure functions over the models; jinja2 is imported only by `dotted`,
which walks a parsed template.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..models import (
    CALLER_KEYS,
    PROSPECT_KEYS,
    REFERENCE_KEYS,
    REFERRAL_KEYS,
    Caller,
    Hours,
    Prospect,
    Reference,
    Referral,
)
from ..suggest import did_you_mean

CONTEXT = ("caller", "prospect", "next_step", "now")
FIELD = re.compile(r"(caller|prospect)(\.[A-Za-z_][A-Za-z0-9_]*)+\Z")

# What a template can read on each model, and the model an attribute leads to.
READABLE: dict[type, tuple[str, ...]] = {
    Prospect: (*PROSPECT_KEYS, "first_name"),
    Caller: (*CALLER_KEYS, "first_name"),
    Referral: REFERRAL_KEYS,
    Reference: REFERENCE_KEYS,
    Hours: ("days", "start", "end", "text"),
}
LEADS_TO: dict[str, type] = {"referral": Referral, "reference": Reference, "hours": Hours}
EMPTY: tuple[Any, ...] = (None, "", (), [], {})


def field_problem(dotted_name: str) -> str | None:
    """Return why a dotted field like 'prospect.referal.by' cannot exist, or None if it can.

    Anything under ``extra`` can exist (it is free-form); the message names the closest field.
    """
    if not FIELD.match(dotted_name):
        return (
            f"'{dotted_name}' is not a field; write it like prospect.referral.by or "
            "prospect.extra.event"
        )
    head, *parts = dotted_name.split(".")
    model: type | None = Prospect if head == "prospect" else Caller
    for i, part in enumerate(parts):
        if model is None:
            return None
        known = READABLE[model]
        if part not in known:
            owner = ".".join([head, *parts[:i]])
            return f"{owner} has no field '{part}'{did_you_mean(part, known, 'fields')}"
        if part == "extra":
            return None  # free-form
        model = LEADS_TO.get(part)
    return None


def field_value(field_path: str, caller: Caller | None, prospect: Prospect) -> Any:
    """Return the value a dotted field like 'prospect.referral.by' holds, or None."""
    head, _, rest = field_path.partition(".")
    value: Any = {"caller": caller, "prospect": prospect}.get(head)
    for part in rest.split(".") if rest else ():
        if value is None:
            return None
        value = value.get(part) if isinstance(value, Mapping) else getattr(value, part, None)
    return value


def has_field(field_path: str, caller: Caller | None, prospect: Prospect) -> bool:
    """Return True when a dotted field like 'prospect.referral.by' holds a value.

    A value is held unless it is missing, None or empty; ``False`` and ``0`` are values.
    """
    return field_value(field_path, caller, prospect) not in EMPTY


def dotted(node: object) -> str | None:
    """Return 'prospect.referral.by' for a Jinja AST chain of attribute lookups on a name."""
    from jinja2 import nodes

    parts: list[str] = []
    while isinstance(node, nodes.Getattr | nodes.Getitem):
        if isinstance(node, nodes.Getattr):
            parts.append(node.attr)
        elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            parts.append(node.arg.value)
        else:
            return None
        node = node.node
    if isinstance(node, nodes.Name):
        return ".".join([node.name, *reversed(parts)])
    return None

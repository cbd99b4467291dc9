"""The fields a template can read: which exist, whether a prospect has one, how one is written.

A template sees `CONTEXT` (caller, prospect, next_step, now, previous); a field is written
dotted, like ``prospect.referral.by``. Pure functions over the models; jinja2 is imported only
by `dotted`, which walks a parsed template.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
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

CONTEXT = ("caller", "prospect", "next_step", "now", "previous")
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


OPERATORS = (">=", "<=", "==", "!=", ">", "<")
_CONDITION = re.compile(
    r"\A\s*(?P<neg>not\s+)?(?P<field>[A-Za-z_][A-Za-z0-9_.]*)"
    r"(?:\s*(?P<op>>=|<=|==|!=|>|<)\s*(?P<value>.+?))?\s*\Z"
)


@dataclass(frozen=True)
class Condition:
    """One test over a prospect's (or caller's) data, from a style's ``recommend_when:``.

    Written as ``FIELD`` (the field has a value other than false), ``not FIELD`` (it has none,
    or false), or ``FIELD OP VALUE`` with OP one of ``>= <= == != > <``: numbers compare as
    numbers (``prospect.attempts >= 2``), text with ``==``/``!=`` ignoring case
    (``prospect.extra.tier == gold``).
    """

    field: str
    op: str  # "set", "not", or one of OPERATORS
    value: str | int | None = None

    @property
    def text(self) -> str:
        """Return the condition as written in metadata."""
        if self.op == "set":
            return self.field
        if self.op == "not":
            return f"not {self.field}"
        return f"{self.field} {self.op} {self.value}"

    def holds(self, caller: Caller | None, prospect: Prospect) -> bool:
        """Return True when the data meets the condition (a missing field meets only 'not')."""
        value = field_value(self.field, caller, prospect)
        given = value not in EMPTY and value is not False
        if self.op in ("set", "not"):
            return given if self.op == "set" else not given
        if value in EMPTY:
            return False
        if isinstance(self.value, int):
            try:
                number = int(str(value).strip())
            except ValueError:
                return False
            return _compare(number, self.op, self.value)
        same = str(value).strip().casefold() == str(self.value).casefold()
        return same if self.op == "==" else not same

    def describe(self) -> str:
        """Return the condition as a reason says it: 'prospect.extra.event is given'."""
        if self.op == "set":
            return f"{self.field} is given"
        if self.op == "not":
            return f"{self.field} is not given"
        return self.text


def _compare(left: int, op: str, right: int) -> bool:
    """Return `left OP right` for the numeric operators."""
    return {
        ">=": left >= right,
        "<=": left <= right,
        ">": left > right,
        "<": left < right,
        "==": left == right,
        "!=": left != right,
    }[op]


def parse_condition(text: str) -> Condition:
    """Return the Condition a ``recommend_when:`` entry says; ValueError says how to fix one."""
    m = _CONDITION.match(text)
    if not m:
        raise ValueError(
            f"'{text}' is not a condition; write a field (prospect.extra.event), "
            "'not prospect.reference', or a comparison (prospect.attempts >= 2)"
        )
    field, op, raw = m.group("field"), m.group("op"), m.group("value")
    problem = field_problem(field)
    if problem:
        raise ValueError(problem)
    if m.group("neg"):
        if op:
            raise ValueError(f"'{text}': use 'not' with a bare field, or the opposite comparison")
        return Condition(field, "not")
    if not op:
        return Condition(field, "set")
    value = raw.strip().strip("'\"")
    if re.fullmatch(r"-?\d+", value):
        return Condition(field, op, int(value))
    if op not in ("==", "!="):
        raise ValueError(f"'{text}': {op} compares numbers; write a whole number after it")
    return Condition(field, op, value)

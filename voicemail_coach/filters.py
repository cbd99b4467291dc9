"""Jinja filters that turn data into speech: numbers, slots, lists and names.

Each is a plain function a template uses as ``{{ value | name }}``; docs/templates.md shows them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context

TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam", "dame", "lord", "rev", "fr"}
)


def phone(number: Any) -> str:
    """Say a phone number in digit groups: '9015552120' -> '901-555-2120'."""
    from .phones import say_number

    return say_number(str(number))


@pass_context
def listener_phone(context: Context, number: Any) -> str:
    """Say a phone number as the prospect hears it: national at home, '+1 312-555-0142' abroad."""
    from .schedule import say_callback

    return say_callback(str(number), context.get("prospect"), context.get("caller"))


def digits(number: Any) -> str:
    """Say a phone number digit by digit in words: 'nine oh one, five five five, ...'."""
    from .phones import spoken_digits

    return spoken_digits(str(number))


def _moment(value: Any) -> datetime:
    """Return a slot given as a datetime or as ISO text ('2026-11-27 14:00')."""
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value).strip().replace("T", " "))
    except ValueError:
        raise ValueError(
            f"slot: {str(value)[:40]!r} is not a date and time; write it like 2026-11-27 14:00"
        ) from None


@pass_context
def slot(context: Context, when: Any, your_time: bool = False) -> str:
    """Say a slot (or a list of them) as people speak: 'this Friday at 2 p.m.'.

    The slot is said in the prospect's own time zone, relative to the template's `now`; a time
    without an offset is read in that zone. `your_time=True` adds "your time".
    """
    from .schedule import say_slots, zone_for

    items = list(when) if isinstance(when, list | tuple) else [when]
    if not items:
        raise ValueError("slot: the list of slots is empty")
    prospect, caller = context.get("prospect"), context.get("caller")
    zone = zone_for(prospect, caller)[0] if prospect is not None else None
    moments = []
    for item in items:
        moment = _moment(item)
        if moment.tzinfo is None or moment.utcoffset() is None:
            moment = moment.replace(tzinfo=zone) if zone else moment.astimezone()
        moments.append(moment.astimezone(zone) if zone else moment)
    moments.sort()
    now = context.get("now")
    if not isinstance(now, datetime):
        raise ValueError("slot: the template has no 'now' to say the day from")
    now = now.astimezone(moments[0].tzinfo) if now.tzinfo else now.replace(tzinfo=moments[0].tzinfo)
    return say_slots(moments, now, your_time=bool(your_time))


def or_list(items: Any, word: str = "or") -> str:
    """Join items as people say a choice: 'a', 'a or b', 'a, b or c'."""
    if isinstance(items, str):
        return items
    words = [str(i).strip() for i in items if i is not None and str(i).strip()]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {word} {words[-1]}"


def first_name(name: Any) -> str:
    """Return the first name of a person: 'Dr. Dana Jones' -> 'Dana', 'Jones, Dana' -> 'Dana'."""
    text = str(name).strip()
    if "," in text:
        family, _, given = text.partition(",")
        text = given.strip() or family.strip()
    parts = text.split()
    while len(parts) > 1 and parts[0].lower().rstrip(".") in TITLES:
        parts = parts[1:]
    return parts[0] if parts else ""


FILTERS: dict[str, Callable[..., Any]] = {
    "phone": listener_phone,
    "digits": digits,
    "slot": slot,
    "or_list": or_list,
    "first_name": first_name,
}

__all__ = ["FILTERS", "digits", "first_name", "or_list", "phone", "slot"]

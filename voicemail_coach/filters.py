"""Jinja filters that turn data into speech: numbers, slots, lists and names."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context


def phone(number: str) -> str:
    """Say a phone number in digit groups: '9015552120' -> '901-555-2120'."""
    from .phones import say_number

    return say_number(str(number))


def digits(number: str) -> str:
    """Say a phone number digit by digit in words: 'nine oh one, five five five, ...'."""
    from .phones import spoken_digits

    return spoken_digits(str(number))


@pass_context
def slot(context: Context, when: datetime) -> str:
    """Say a slot the way people speak, relative to the template's `now`."""
    from .slots import say_slot

    return say_slot(when, context["now"].astimezone(when.tzinfo))


def or_list(items: Iterable[Any]) -> str:
    """Join items with commas and a final 'or': 'a, b or c'."""
    words = [str(i) for i in items]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} or {words[-1]}"


def first_name(name: str) -> str:
    """Return the first word of a name."""
    parts = str(name).split()
    return parts[0] if parts else ""


FILTERS: dict[str, Callable[..., Any]] = {
    "phone": phone,
    "digits": digits,
    "slot": slot,
    "or_list": or_list,
    "first_name": first_name,
}

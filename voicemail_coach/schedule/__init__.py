"""Scheduling: when to propose the next call and how to say it; calendar holds for the slots.

Modules: ``hours`` (parse and test working hours, the 8 a.m.-9 p.m. calling window), ``zones``
(whose clock: zones and countries of both parties), ``holidays`` (public holidays, days off;
the ``holidays`` package is imported on first use only), ``slots`` (the planner, `SlotPlanner`),
``speech`` (slots, the callback number and availability as the listener hears them), ``assess``
(is a moment found in any script a time to call), ``ics`` (calendar holds; `icalendar` is
imported only when one is written).
"""

from __future__ import annotations

from .assess import assess_moment
from .holidays import parse_days_off
from .hours import CALLING_WINDOW, DEFAULT, parse_hours
from .slots import (
    HORIZON_DAYS,
    LEAD,
    MAX_PER_SLOT,
    NextStep,
    SlotPlanner,
    next_step,
    propose,
    resolve_now,
)
from .speech import (
    say_available,
    say_available_for,
    say_callback,
    say_number,
    say_slot,
    say_slots,
)
from .zones import caller_zone, country_of, zone_for

__all__ = [
    "CALLING_WINDOW",
    "DEFAULT",
    "HORIZON_DAYS",
    "LEAD",
    "MAX_PER_SLOT",
    "NextStep",
    "SlotPlanner",
    "assess_moment",
    "caller_zone",
    "country_of",
    "next_step",
    "parse_days_off",
    "parse_hours",
    "propose",
    "resolve_now",
    "say_available",
    "say_available_for",
    "say_callback",
    "say_number",
    "say_slot",
    "say_slots",
    "zone_for",
]

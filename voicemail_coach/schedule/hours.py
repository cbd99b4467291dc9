"""Working hours ('Mon-Fri 09:00-17:00') and the calling window: parsed, and tested against a time.

A slot is inside hours when its local weekday is a working day and its local start time is at or
after ``start`` and before ``end`` (a 09:00-17:00 day offers 09:00 up to 16:30). ``hours``
without days mean Mon-Fri; ``24:00`` may end a day.
"""

from __future__ import annotations

import re
from datetime import datetime, time

from ..models import DEFAULT_HOURS, Hours

__all__ = ["CALLING_WINDOW", "DEFAULT", "WEEKEND", "in_calling_window", "inside", "parse_hours"]

CALLING_WINDOW = (time(8), time(21))
"""Local times a prospect may be called: 8 a.m. to 9 p.m. (47 CFR 64.1200(c)(1), a sound
default everywhere). A slot starting at or after 21:00 is outside it."""
WEEKEND = frozenset({5, 6})

_DAY_WORDS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "mon": 0,
    "tue": 1,
    "wed": 2,
    "thu": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
    "tues": 1,
    "weds": 2,
    "thur": 3,
    "thurs": 3,
}
_DAY_GROUPS: dict[str, frozenset[int]] = {
    "weekdays": frozenset(range(5)),
    "weekends": WEEKEND,
    "daily": frozenset(range(7)),
}
_HOURS_HOW = "write days then 24-hour times, like 'Mon-Fri 09:00-17:00' or 'Mon,Wed 9:30-12:00'"
_HOURS_RE = re.compile(
    r"(?P<days>[^\d]*?)\s*(?P<start>\d{1,2}(?::\d{2})?)\s*[-\u2013]\s*(?P<end>\d{1,2}(?::\d{2})?)"
)
_CLOCK_RE = re.compile(r"(?P<h>\d{1,2})(?::(?P<m>\d{2}))?")


def parse_hours(text: str) -> Hours:
    """Parse working hours like 'Mon-Fri 09:00-17:00'; ValueError says how to write them."""
    raw = " ".join(str(text).split())
    if not raw:
        raise ValueError(f"hours are empty; {_HOURS_HOW}")
    match = _HOURS_RE.fullmatch(raw)
    if not match:
        raise ValueError(f"cannot read hours {raw!r}; {_HOURS_HOW}")
    days_text = match["days"].strip()
    days = _parse_days(days_text, raw) if days_text else _DAY_GROUPS["weekdays"]
    start = _parse_clock(match["start"], raw, end=False)
    end = _parse_clock(match["end"], raw, end=True)
    if end <= start:
        raise ValueError(
            f"hours {raw!r} end at {match['end']}, not after they start at {match['start']}; "
            "use 24-hour times on one day, like 09:00-17:00"
        )
    return Hours(days=days, start=start, end=end, text=raw)


def _parse_days(text: str, raw: str) -> frozenset[int]:
    """Return the weekdays (0 = Monday) named by 'Mon-Fri', 'Mon,Wed', 'Fri-Mon' or 'weekdays'."""
    days: set[int] = set()
    for part in text.split(","):
        words = [w.strip().lower() for w in re.split(r"[-\u2013]", part)]
        if len(words) == 1 and words[0] in _DAY_GROUPS:
            days |= _DAY_GROUPS[words[0]]
            continue
        if len(words) > 2 or not all(words):
            raise ValueError(
                f"cannot read the days {part.strip()!r} in hours {raw!r}; {_HOURS_HOW}"
            )
        for word in words:
            if word not in _DAY_WORDS:
                raise ValueError(
                    f"unknown day {word!r} in hours {raw!r}; "
                    "use Mon, Tue, Wed, Thu, Fri, Sat or Sun"
                )
        first, last = _DAY_WORDS[words[0]], _DAY_WORDS[words[-1]]
        days.update((first + i) % 7 for i in range((last - first) % 7 + 1))
    return frozenset(days)


def _parse_clock(text: str, raw: str, *, end: bool) -> time:
    """Return the time of 'HH:MM', 'H:MM' or 'H'; '24:00' only as an end (the end of the day)."""
    match = _CLOCK_RE.fullmatch(text)
    hour, minute = (int(match["h"]), int(match["m"] or 0)) if match else (99, 0)
    if end and (hour, minute) == (24, 0):
        return time.max
    if hour > 23 or minute > 59:
        raise ValueError(
            f"bad time {text!r} in hours {raw!r}; use 24-hour times from 00:00 to 24:00"
        )
    return time(hour, minute)


DEFAULT = parse_hours(DEFAULT_HOURS)


def inside(hours: Hours, local: datetime) -> bool:
    """Return whether a local time starts within the hours (day and clock)."""
    return local.weekday() in hours.days and hours.start <= local.time() < hours.end


def in_calling_window(local: datetime) -> bool:
    """Return whether a local time is between 8 a.m. and 9 p.m. (a 9 p.m. start is outside)."""
    return CALLING_WINDOW[0] <= local.time() < CALLING_WINDOW[1]

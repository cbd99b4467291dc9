"""Judge a moment proposed in any script, hand-written ones too: is it a time to call?

`assess_moment` is for the ``proposed-time`` check of ``score``: it returns Note records (codes
below), never levels. It imports the ``holidays`` package only when a country is given, and only
when it is called, that is when a proposed time was found.

Codes: ``slot-in-past`` (at or before now), ``slot-weekend`` (a Saturday or Sunday that is not
one of the listener's working days), ``slot-outside-calling-window`` (outside 8 a.m.-9 p.m.
where the listener is), ``slot-on-holiday`` (a public holiday of the given country).
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from ..models import Hours, Note
from .hours import CALLING_WINDOW, WEEKEND
from .speech import DAY_NAMES

__all__ = ["assess_moment"]


def _clock(moment: datetime) -> str:
    """Return '3 a.m.', '2:30 p.m.', 'noon' for a message."""
    if moment.minute == 0 and moment.hour == 12:
        return "noon"
    if moment.minute == 0 and moment.hour == 0:
        return "midnight"
    hour = moment.hour % 12 or 12
    said = str(hour) if moment.minute == 0 else f"{hour}:{moment.minute:02d}"
    return f"{said} {'a.m.' if moment.hour < 12 else 'p.m.'}"


def assess_moment(
    when: datetime,
    now: datetime,
    *,
    zone: tzinfo | None = None,
    country: str | None = None,
    subdivision: str | None = None,
    hours: Hours | None = None,
) -> tuple[Note, ...]:
    """Return the reasons a proposed moment is no time to call, as Notes; () when it is fine.

    ``when`` and ``now`` are aware. ``zone`` is the listener's (default: ``when``'s own);
    weekends and the calling window are judged on that clock, holidays of ``country`` (ISO code,
    with an optional ``subdivision``) on that date. ``hours`` name the listener's working days
    (a Saturday in them is no weekend finding). An unknown country is ignored.
    """
    local = when.astimezone(zone) if zone is not None else when
    day = f"{DAY_NAMES[local.weekday()]} {local:%Y-%m-%d}"
    said = f"{day} at {_clock(local)}"
    notes: list[Note] = []
    if when <= now:
        notes.append(Note("slot-in-past", f"{said} is in the past (now is {now:%Y-%m-%d %H:%M})"))
        return tuple(notes)
    if local.weekday() in WEEKEND and (hours is None or local.weekday() not in hours.days):
        name = DAY_NAMES[local.weekday()]
        notes.append(Note("slot-weekend", f"{said}: {name} is not a working day"))
    if not CALLING_WINDOW[0] <= local.time() < CALLING_WINDOW[1]:
        message = f"{said}: {_clock(local)} is outside 8 a.m.-9 p.m. for the listener"
        notes.append(Note("slot-outside-calling-window", message))
    if country:
        from .holidays import country_said, holiday_name, supported

        if supported(country, subdivision):
            holiday = holiday_name(local.date(), country, subdivision)
            if holiday is not None:
                message = f"{day} is {holiday} in {country_said(country)}"
                notes.append(Note("slot-on-holiday", message))
    return tuple(notes)

"""Say slots, the callback number and the caller's hours the way the listener hears them.

Decisions:

- Days are counted in the slot's own zone and said with the weekday, never "today" or
  "tomorrow": a voicemail is heard hours or days after it is left, and "tomorrow" depends on
  the listener's zone. "tomorrow, Thursday, at 9" is never said either: once the message is
  heard the next morning "tomorrow" contradicts "Thursday", and the weekday alone is already
  unambiguous within the coming week.
- The next six days: "Thursday" (the next day), "this Friday" (later this week, weeks start on
  Monday), "Tuesday" (next week). A slot later today, or a week or more ahead, is said with
  its date, since the weekday alone could mean two days: "Monday the 23rd", up to four weeks
  ahead, then "Monday, December 14th".
- "your time" is added when the caller's UTC offset differs from the prospect's at a slot.
- The callback number is said in national form to a prospect in the caller's country and with
  its country code to one abroad ("+1 312-555-0142" to London).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, tzinfo
from functools import lru_cache

from ..analysis.lexicon import DAY_NAMES, MONTH_NAMES
from ..errors import SlotError
from ..models import Caller, Note, Prospect

__all__ = [
    "DAY_NAMES",
    "MONTH_NAMES",
    "ordinal",
    "place_time",
    "say_available",
    "say_available_for",
    "say_callback",
    "say_day",
    "say_number",
    "say_slot",
    "say_slots",
]


def ordinal(n: int) -> str:
    """Return 1st, 2nd, 3rd, 4th, ... 11th, 12th, 13th, ... 21st."""
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def say_day(slot: datetime, now: datetime) -> str:
    """Say the slot's day from now's date in the slot's zone: 'Thursday', 'this Friday', ..."""
    if slot.tzinfo is not None and now.tzinfo is not None:
        now = now.astimezone(slot.tzinfo)
    today, day = now.date(), slot.date()
    delta = (day - today).days
    name = DAY_NAMES[day.weekday()]
    if delta == 1:
        return name
    if 2 <= delta <= 6:
        same_week = day.isocalendar()[:2] == today.isocalendar()[:2]
        return f"this {name}" if same_week else name
    if 0 <= delta <= 27:
        return f"{name} the {ordinal(day.day)}"
    said = f"{name}, {MONTH_NAMES[day.month - 1]} {ordinal(day.day)}"
    return f"{said}, {day.year}" if abs(delta) >= 300 else said


def _meridiem(slot: datetime) -> str | None:
    """Return 'a.m.' or 'p.m.', or None for noon and midnight, which are said as words."""
    if slot.minute == 0 and slot.hour in (0, 12):
        return None
    return "a.m." if slot.hour < 12 else "p.m."


def _say_clock(slot: datetime, *, meridiem: bool = True) -> str:
    """Say a clock time: '9 a.m.', '10:30 a.m.', 'noon', 'midnight' (or '9', '10:30' bare)."""
    if slot.minute == 0 and slot.hour == 12:
        return "noon"
    if slot.minute == 0 and slot.hour == 0:
        return "midnight"
    hour = slot.hour % 12 or 12
    said = str(hour) if slot.minute == 0 else f"{hour}:{slot.minute:02d}"
    return f"{said} {_meridiem(slot)}" if meridiem else said


def _or(items: Sequence[str]) -> str:
    """Join 'a', 'a or b', 'a, b or c'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


def say_slot(slot: datetime, now: datetime, *, your_time: bool = False) -> str:
    """Say one slot the way people speak: 'this Friday at 2 p.m.'."""
    return say_slots([slot], now, your_time=your_time)


def say_slots(slots: Sequence[datetime], now: datetime, *, your_time: bool = False) -> str:
    """Say slots compactly, in order given: 'Tuesday at 3 or 4 p.m.'; SlotError for none."""
    if not slots:
        raise SlotError("there is no slot to say; give at least one")
    days: list[list[datetime]] = []
    for slot in slots:
        if days and days[-1][0].date() == slot.date():
            days[-1].append(slot)
        else:
            days.append([slot])
    parts = []
    for same_day in days:
        meridiems = {_meridiem(slot) for slot in same_day}
        if len(same_day) > 1 and len(meridiems) == 1 and None not in meridiems:
            clocks = _or([_say_clock(slot, meridiem=False) for slot in same_day])
            clocks = f"{clocks} {meridiems.pop()}"
        else:
            clocks = _or([_say_clock(slot) for slot in same_day])
        parts.append(f"{say_day(same_day[0], now)} at {clocks}")
    return _or(parts) + (" your time" if your_time else "")


@lru_cache(maxsize=4096)
def say_number(caller_phone: str, prospect_region: str | None, caller_region: str = "US") -> str:
    """Say the caller's number for a listener in a region: national at home, else international.

    ``caller_region`` reads a number written without a country code ('020 7946 0958' is a UK
    number when it is 'GB'). ``prospect_region`` None means the caller's own country. Raise
    DataError when the caller's number is not a phone number.
    """
    import phonenumbers

    from .. import phones

    listener = (prospect_region or caller_region).upper()
    try:
        parsed = phonenumbers.parse(caller_phone, caller_region.upper())
    except phonenumbers.NumberParseException:
        return phones.say_number(caller_phone, listener)
    if not phonenumbers.is_possible_number(parsed):
        return phones.say_number(caller_phone, listener)
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    ext = f" extension {parsed.extension}" if parsed.extension else ""
    return phones.say_number(e164 + ext, listener)


def say_callback(number: str, prospect: Prospect | None, caller: Caller | None) -> str:
    """Say a number (the caller's) as this prospect hears it; see `say_number`.

    The caller's country reads a number without a country code; the prospect's country
    (record, phone or zone, as for holidays) decides national or international form. Unknown
    parties mean the US.
    """
    from .zones import country_of

    caller_region = country_of(caller)[0] or "US"
    prospect_region = country_of(prospect, caller)[0] if prospect is not None else None
    return say_number(number, prospect_region, caller_region)


_ZONE_WORDS = re.compile(
    r"\b(?:time|[ECMP][SD]?T|GMT|UTC|BST|CET|IST|AEST|AEDT|eastern|central|mountain|pacific)\b",
    re.IGNORECASE,
)
_CLOCK_WORD = re.compile(
    r"\b(?:\d{1,2}(?::\d{2})?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|noon|midnight)(?:\s*(?:a\.m\.|p\.m\.|am|pm|o'clock|o’clock))?(?![\w:])",
    re.IGNORECASE,
)


def place_time(zone: tzinfo) -> str:
    """Return how a zone is named aloud: 'Chicago time', 'Los Angeles time', 'UTC'."""
    key = str(getattr(zone, "key", "") or zone)
    if key in ("UTC", "Etc/UTC", "GMT"):
        return "UTC"
    return key.rsplit("/", 1)[-1].replace("_", " ") + " time"


def say_available(
    available: str, caller_zone: tzinfo, prospect_zone: tzinfo, at: datetime
) -> tuple[str, Note | None]:
    """Return the caller's availability with their zone said when the clocks differ at `at`.

    "between nine and noon, Monday to Friday" becomes "between nine and noon Chicago time,
    Monday to Friday" for a London prospect. Text that already names a zone, or clocks that
    agree, is returned as written. When no clock time can be found to put the zone after, the
    text is unchanged and an ``available-zone-unsaid`` note asks the author to add the zone.
    """
    if at.astimezone(caller_zone).utcoffset() == at.astimezone(prospect_zone).utcoffset():
        return available, None
    if _ZONE_WORDS.search(available):
        return available, None
    clocks = list(_CLOCK_WORD.finditer(available))
    said = place_time(caller_zone)
    if not clocks:
        message = (
            f"the caller's availability {available!r} does not say whose time it is, and the "
            f"prospect's clock differs; add '{said}' to it"
        )
        return available, Note("available-zone-unsaid", message)
    end = clocks[-1].end()
    return f"{available[:end]} {said}{available[end:]}", None


def say_available_for(
    caller: Caller, prospect: Prospect, now: datetime
) -> tuple[str | None, Note | None]:
    """Return the caller's `available:` text as this prospect should hear it (see
    `say_available`), or (None, None) when the caller gave none. For a template filter."""
    if not caller.available:
        return None, None
    from .zones import caller_zone, zone_for

    own = caller_zone(caller)[0]
    theirs = zone_for(prospect, caller)[0]
    if own is None:
        return caller.available, None
    return say_available(caller.available, own, theirs, now)

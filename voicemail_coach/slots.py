"""Propose the next call slots from both parties' hours, and say them the way people speak.

Decisions where the spec is silent:

- Time zones. The prospect's zone is their ``timezone``, else the one zone ``phonenumbers`` gives
  for their ``phone`` (a note says it was guessed), else the caller's zone (a note says so). A
  national number is read in the caller's phone's country, else the US. The caller's zone is
  their ``timezone``, else the prospect's zone (so "your time" is never said), else UTC.
- Hours. A slot is inside hours when its local weekday is a working day and its local start time
  is at or after ``start`` and before ``end`` (a 09:00-17:00 day offers 09:00 up to 16:30).
  ``hours`` without days mean Mon-Fri; ``24:00`` may end a day. No caller means no caller limits.
- Proposals. Slots start on the hour or half hour of the prospect's wall clock, at least two
  elapsed hours after ``now`` and within three weeks. The first local day with room for all of
  them wins; on it, slots an hour apart are preferred, on the hour when that costs at most half
  an hour. Wall times that do not exist or happen twice (DST changes) are never proposed.
- Saying. Dates are compared in the slot's own zone: "today", "tomorrow", "this Friday" (later
  this week, weeks start on Monday), "Tuesday" (within six days but next week), "Monday the 9th"
  (up to four weeks ahead), else "Monday, December 14th". "your time" is added when the caller's
  UTC offset differs from the prospect's at a slot.
- Explicit slots are sorted and de-duplicated (with a note); one at or before ``now`` is an
  error; one outside either party's hours, or less than two hours away, gets a note.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from difflib import get_close_matches
from functools import cache, lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from . import clock
from .errors import SlotError
from .models import DEFAULT_HOURS, Caller, Hours, Note, Prospect

__all__ = [
    "LEAD",
    "NextStep",
    "next_step",
    "parse_hours",
    "propose",
    "resolve_now",
    "say_slot",
    "say_slots",
    "zone_for",
]

LEAD = timedelta(hours=2)
"""How far ahead of ``now`` a proposed slot must start."""
HORIZON_DAYS = 21
"""How many local days ahead ``propose`` looks for slots shared by both parties."""
STEP_MINUTES = 30
UTC = timezone.utc

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DAY_WORDS: dict[str, int] = {
    **{name.lower(): i for i, name in enumerate(DAY_NAMES)},
    **{name[:3].lower(): i for i, name in enumerate(DAY_NAMES)},
    "tues": 1,
    "weds": 2,
    "thur": 3,
    "thurs": 3,
}
_DAY_GROUPS: dict[str, frozenset[int]] = {
    "weekdays": frozenset(range(5)),
    "weekends": frozenset({5, 6}),
    "daily": frozenset(range(7)),
}
_HOURS_HOW = "write days then 24-hour times, like 'Mon-Fri 09:00-17:00' or 'Mon,Wed 9:30-12:00'"
_HOURS_RE = re.compile(
    r"(?P<days>[^\d]*?)\s*(?P<start>\d{1,2}(?::\d{2})?)\s*[-\u2013]\s*(?P<end>\d{1,2}(?::\d{2})?)"
)
_CLOCK_RE = re.compile(r"(?P<h>\d{1,2})(?::(?P<m>\d{2}))?")


def parse_hours(text: str) -> Hours:
    """Parse working hours like 'Mon-Fri 09:00-17:00' or 'Mon,Wed 9:30-12:00'."""
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


def _inside(hours: Hours, local: datetime) -> bool:
    """Return whether a local time starts within the hours."""
    return local.weekday() in hours.days and hours.start <= local.time() < hours.end


def _zone(name: str, whose: str, prospect: Prospect | None = None) -> ZoneInfo:
    """Return the zone of an IANA name, or raise SlotError naming the closest known zone."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        pass
    known = {z.lower(): z for z in _known_zones()}
    close = get_close_matches(name.strip().lower(), known, n=1)
    hint = f" (did you mean {known[close[0]]!r}?)" if close else ""
    raise SlotError(
        f"unknown time zone {name!r} for {whose}{hint}; use an IANA name like America/Chicago",
        path=prospect.source if prospect else None,
        line=prospect.line if prospect else None,
    )


@cache
def _known_zones() -> frozenset[str]:
    """Return every IANA zone name this system (or the tzdata package) knows."""
    return frozenset(available_timezones())


def _caller_zone(caller: Caller | None) -> ZoneInfo | None:
    """Return the caller's own zone, or None when they did not set one."""
    if caller is None or not caller.timezone:
        return None
    return _zone(caller.timezone, f"caller {caller.name}")


@cache
def _home_region(phone: str) -> str:
    """Return the region of the caller's own number (national numbers are read in it)."""
    import phonenumbers

    with contextlib.suppress(phonenumbers.NumberParseException):
        return phonenumbers.region_code_for_number(phonenumbers.parse(phone, "US")) or "US"
    return "US"


def _phone_zones(phone: str, caller: Caller | None) -> tuple[str, ...]:
    """Return the IANA zones phonenumbers knows for a number; national ones read as the caller's."""
    region = _home_region(caller.phone) if caller is not None and caller.phone else "US"
    return _zones_in(phone, region)


@lru_cache(maxsize=4096)
def _zones_in(phone: str, region: str) -> tuple[str, ...]:
    """Return the zones of a number read in a region (cached: call lists repeat area codes)."""
    import phonenumbers  # imported here: scoring a script never needs its time-zone tables
    from phonenumbers import timezone as phone_zones

    try:
        number = phonenumbers.parse(phone, region)
    except phonenumbers.NumberParseException:
        return ()
    zones = phone_zones.time_zones_for_number(number)
    return tuple(z for z in zones if z in _known_zones())


def zone_for(prospect: Prospect, caller: Caller | None) -> tuple[ZoneInfo, Note | None]:
    """Return the prospect's zone and a note when it was guessed or fell back."""
    if prospect.timezone:
        return _zone(prospect.timezone, prospect.name, prospect), None
    own = _caller_zone(caller)
    fallback = own or ZoneInfo("UTC")
    using = f"using the caller's zone {own.key}" if own else "using UTC"
    fix = f"add a timezone for {prospect.name} to be sure"
    if not prospect.phone:
        return fallback, Note(
            "zone-unknown", f"no time zone or phone for {prospect.name}; {using}; {fix}"
        )
    zones = _phone_zones(prospect.phone, caller)
    if len(zones) == 1:
        guess = f"time zone guessed from phone {prospect.phone}: {zones[0]}"
        return ZoneInfo(zones[0]), Note("zone-guessed", f"{guess}; {fix}")
    if zones:
        why = f"phone {prospect.phone} spans {len(zones)} time zones"
    else:
        why = f"no time zone is known for phone {prospect.phone}"
    return fallback, Note("zone-unknown", f"{why}; {using}; {fix}")


def _exact(wall: datetime, zone: ZoneInfo) -> datetime | None:
    """Return the wall time in the zone, or None when DST makes it skipped or repeated."""
    first, second = wall.replace(tzinfo=zone, fold=0), wall.replace(tzinfo=zone, fold=1)
    return first if first.utcoffset() == second.utcoffset() else None


def _limits(
    caller: Caller | None, prospect: Prospect, zone: ZoneInfo
) -> tuple[Hours, Hours | None, ZoneInfo]:
    """Return the prospect's hours, the caller's hours (None without a caller) and their zone."""
    caller_hours = None if caller is None else caller.hours or DEFAULT
    return prospect.hours or DEFAULT, caller_hours, _caller_zone(caller) or zone


def _candidates(
    caller: Caller | None, prospect: Prospect, zone: ZoneInfo, now: datetime, count: int
) -> dict[date, list[datetime]]:
    """Return slots inside both parties' hours by day, up to the first day holding `count`."""
    own_hours, caller_hours, caller_zone = _limits(caller, prospect, zone)
    earliest = now.astimezone(UTC) + LEAD
    first_day = earliest.astimezone(zone).date()
    start = own_hours.start.hour * 60 + own_hours.start.minute
    start += -start % STEP_MINUTES
    found: dict[date, list[datetime]] = {}
    for offset in range(HORIZON_DAYS):
        day = first_day + timedelta(days=offset)
        if day.weekday() not in own_hours.days:
            continue
        for minutes in range(start, 24 * 60, STEP_MINUTES):
            wall = datetime.combine(day, time(minutes // 60, minutes % 60))
            if wall.time() >= own_hours.end:
                break
            slot = _exact(wall, zone)
            if slot is None or slot.astimezone(UTC) < earliest:
                continue
            if caller_hours is None or _inside(caller_hours, slot.astimezone(caller_zone)):
                found.setdefault(day, []).append(slot)
        if len(found.get(day, ())) >= count:
            break
    return found


def _pick(by_day: dict[date, list[datetime]], count: int) -> list[datetime]:
    """Choose slots: the first day with room for all, an hour apart and on the hour if cheap."""
    for slots in by_day.values():
        if len(slots) >= count:
            return _hourly_run(slots, count)
    return [slot for slots in by_day.values() for slot in slots][:count]


def _hourly_run(slots: list[datetime], count: int) -> list[datetime]:
    """Return the earliest run of slots an hour apart, on the hour when at most 30 minutes later."""
    by_wall = {slot.replace(tzinfo=None): slot for slot in slots}
    runs = []
    for slot in slots:
        walls = [slot.replace(tzinfo=None) + timedelta(hours=k) for k in range(count)]
        if all(wall in by_wall for wall in walls):
            runs.append([by_wall[wall] for wall in walls])
    if not runs:
        return slots[:count]
    first = runs[0][0].replace(tzinfo=None)
    for run in runs:
        if run[0].minute == 0 and run[0].replace(tzinfo=None) - first <= timedelta(minutes=30):
            return run
    return runs[0]


def propose(
    caller: Caller | None, prospect: Prospect, now: datetime, count: int = 2
) -> list[datetime]:
    """Return the next slots inside both parties' hours, aware, in the prospect's zone."""
    if count < 1:
        raise ValueError(f"count must be at least 1, not {count}")
    now = resolve_now(now, caller)
    zone, _ = zone_for(prospect, caller)
    return _propose(caller, prospect, zone, now, count)


def _propose(
    caller: Caller | None, prospect: Prospect, zone: ZoneInfo, now: datetime, count: int
) -> list[datetime]:
    """Return proposed slots in a known zone, or raise SlotError when the hours never meet."""
    slots = _pick(_candidates(caller, prospect, zone, now, count), count)
    if slots:
        return slots
    own_hours, caller_hours, caller_zone = _limits(caller, prospect, zone)
    theirs = f"{_possessive(prospect.name)} hours ({own_hours} {zone.key})"
    if caller is not None:
        theirs = f"{_possessive(caller.name)} hours ({caller_hours} {caller_zone.key}) and {theirs}"
    raise SlotError(
        f"no time in the {HORIZON_DAYS} days after {_label(now, zone)} is inside both {theirs}; "
        "widen the hours, correct a time zone, or give explicit slots",
        path=prospect.source,
        line=prospect.line,
    )


def resolve_now(now: datetime | None, caller: Caller | None) -> datetime:
    """Return an aware 'now': naive is read in the caller's zone; None means the current time."""
    return clock.resolve_now(now, _caller_zone(caller))


def _ordinal(n: int) -> str:
    """Return 1st, 2nd, 3rd, 4th, ... 11th, 12th, 13th, ... 21st."""
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _say_day(slot: datetime, now: datetime) -> str:
    """Say the slot's day relative to now's date in the slot's zone: 'today', 'this Friday', ..."""
    if slot.tzinfo is not None and now.tzinfo is not None:
        now = now.astimezone(slot.tzinfo)
    today, day = now.date(), slot.date()
    delta = (day - today).days
    name = DAY_NAMES[day.weekday()]
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if 2 <= delta <= 6:
        same_week = day.isocalendar()[:2] == today.isocalendar()[:2]
        return f"this {name}" if same_week else name
    if 7 <= delta <= 27:
        return f"{name} the {_ordinal(day.day)}"
    said = f"{name}, {MONTH_NAMES[day.month - 1]} {_ordinal(day.day)}"
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
    """Say one or two slots compactly: 'Tuesday at 3 or 4 p.m.'."""
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
        parts.append(f"{_say_day(same_day[0], now)} at {clocks}")
    return _or(parts) + (" your time" if your_time else "")


@dataclass(frozen=True)
class NextStep:
    """The next conversation proposed to a prospect, said aloud, with notes for findings."""

    text: str
    phrase: str
    slots: tuple[datetime, ...]
    notes: tuple[Note, ...] = ()


def _possessive(name: str) -> str:
    """Return "Dana Jones's"."""
    return f"{name}'s"


def _label(moment: datetime, zone: ZoneInfo | None = None) -> str:
    """Return '2026-11-27 14:00' (with the zone name when one is given), never said aloud."""
    if zone is not None:
        return f"{moment.astimezone(zone):%Y-%m-%d %H:%M} {zone.key}"
    return f"{moment:%Y-%m-%d %H:%M}"


def _as_slot(raw: object, zone: ZoneInfo, prospect: Prospect, notes: list[Note]) -> datetime:
    """Return an explicit slot as an aware time in the prospect's zone; naive ones are local."""
    where = {"path": prospect.source, "line": prospect.line}
    if isinstance(raw, str):
        try:
            raw = datetime.fromisoformat(raw.strip())
        except ValueError:
            raise SlotError(
                f"cannot read slot {raw!r} for {prospect.name}; write it like 2026-11-27 14:00",
                **where,
            ) from None
    if not isinstance(raw, datetime):
        raise SlotError(
            f"slot {raw!r} for {prospect.name} is not a date and time; "
            "write it like 2026-11-27 14:00",
            **where,
        )
    if raw.tzinfo is not None and raw.utcoffset() is not None:
        return raw.astimezone(zone)
    slot = _exact(raw, zone)
    if slot is not None:
        return slot
    first = raw.replace(tzinfo=zone, fold=0)
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != raw:
        raise SlotError(
            f"slot {_label(raw)} for {prospect.name} does not exist in {zone.key} "
            "(the clocks skip that hour); pick another time",
            **where,
        )
    notes.append(
        Note(
            "slot-repeated-hour",
            f"slot {_label(raw)} happens twice in {zone.key} (clocks go back); using the first",
        )
    )
    return first


def _explicit(
    caller: Caller | None, prospect: Prospect, zone: ZoneInfo, now: datetime, notes: list[Note]
) -> list[datetime]:
    """Return the prospect's own slots, sorted; raise for past ones, note the doubtful ones."""
    own_hours, caller_hours, caller_zone = _limits(caller, prospect, zone)
    slots: list[datetime] = []
    for raw in prospect.slots:
        slot = _as_slot(raw, zone, prospect, notes)
        label = _label(slot)
        if slot.astimezone(UTC) <= now.astimezone(UTC):
            raise SlotError(
                f"slot {label} for {prospect.name} is in the past (now is {_label(now, zone)}); "
                "remove it or change it to a later time",
                path=prospect.source,
                line=prospect.line,
            )
        if any(slot.astimezone(UTC) == other.astimezone(UTC) for other in slots):
            notes.append(
                Note("slot-listed-twice", f"slot {label} is listed twice; proposing it once")
            )
            continue
        if slot.astimezone(UTC) < now.astimezone(UTC) + LEAD:
            notes.append(
                Note(
                    "slot-too-soon",
                    f"slot {label} is less than 2 hours from now ({_label(now, zone)})",
                )
            )
        if not _inside(own_hours, slot):
            whose = _possessive(prospect.name)
            notes.append(
                Note("slot-outside-hours", f"slot {label} is outside {whose} hours ({own_hours})")
            )
        theirs = slot.astimezone(caller_zone)
        if caller is not None and caller_hours is not None and not _inside(caller_hours, theirs):
            at = "" if caller_zone == zone else f" ({_label(theirs, caller_zone)})"
            whose = _possessive(caller.name)
            message = f"slot {label}{at} is outside {whose} hours ({caller_hours})"
            notes.append(Note("slot-outside-caller-hours", message))
        slots.append(slot)
    return sorted(slots, key=lambda slot: slot.astimezone(UTC))


def next_step(caller: Caller | None, prospect: Prospect, now: datetime) -> NextStep:
    """Return the proposed next step for this prospect: explicit slots first, else proposed ones."""
    now = resolve_now(now, caller)
    zone, note = zone_for(prospect, caller)
    notes = [note] if note else []
    if prospect.slots:
        slots = _explicit(caller, prospect, zone, now, notes)
    else:
        slots = _propose(caller, prospect, zone, now, 2)
    caller_zone = _caller_zone(caller) or zone
    your_time = any(slot.utcoffset() != slot.astimezone(caller_zone).utcoffset() for slot in slots)
    phrase = say_slots(slots, now, your_time=your_time)
    return NextStep(
        text=f"Would {phrase} work for you?",
        phrase=phrase,
        slots=tuple(slots),
        notes=tuple(notes),
    )

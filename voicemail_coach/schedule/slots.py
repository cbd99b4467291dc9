"""Plan the next call slots from both parties' hours, zones and holidays, spread over a call list.

Decisions where the spec is silent:

- Proposals. Slots start on the hour or half hour of the prospect's wall clock, on their next
  local day at the earliest (a voicemail is often heard hours after it is left, so a slot later
  today may be past when it is heard), at least two elapsed hours after ``now`` and within
  three weeks; inside both parties' hours, inside 8 a.m.-9 p.m. for the prospect, never on a
  public holiday of either party (each on their own local date) or a configured day off (on
  the caller's date). Weekends are never offered unless the prospect's and caller's
  hours name those days. The first local day with room for all of them wins; on it, slots an
  hour apart are preferred, on the hour when that costs at most half an hour. Wall times that
  do not exist or happen twice (DST changes) are never proposed.
- No overlap. When the parties' hours never meet in the horizon, the least bad slots are
  proposed with a ``no-overlap`` note: inside the prospect's calling window on one of their
  working days, nearest to both parties' hours: minutes outside the prospect's hours count
  twice, minutes outside the caller's once (the caller is the one asking for the call); ties go
  to the prospect's comfort, then to the earlier time.
- Spreading. One `SlotPlanner` drafts a call list: it never offers a slot (an instant) to more
  than ``max_per_slot`` prospects (default 5: cold voicemails are returned 4-8% of the time, so
  five offers of one slot rarely bring two callers for it; a 100-prospect list needs about
  twenty slots, three or four days of one zone's office hours). Prospects are served in the
  order given, so the same list at the same ``now`` gets the same slots.
- Explicit slots are sorted and de-duplicated (with a note); one at or before ``now`` is an
  error; one outside either party's hours or the calling window, on a weekend or a holiday, or
  less than two hours away, gets a note. They are kept as given and count toward the spread.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from .. import clock
from ..errors import SlotError
from ..models import Caller, Hours, Note, Prospect
from .holidays import Calendar, Party, parties, supported
from .hours import CALLING_WINDOW, DEFAULT, WEEKEND, inside
from .speech import DAY_NAMES, say_slots
from .zones import caller_zone, country_of, zone_for

__all__ = [
    "HORIZON_DAYS",
    "LEAD",
    "MAX_PER_SLOT",
    "NextStep",
    "SlotPlanner",
    "next_step",
    "propose",
    "resolve_now",
]

LEAD = timedelta(hours=2)
"""How far ahead of ``now`` a proposed slot must start."""
HORIZON_DAYS = 21
"""How many local days ahead slots are looked for."""
MAX_PER_SLOT = 5
"""How many prospects of one call list may be offered the same slot (see the module notes)."""
STEP_MINUTES = 30
UTC = timezone.utc
_FAR = 7 * 24 * 60  # minutes: "outside the hours" for a day that is not a working day at all


@dataclass(frozen=True)
class NextStep:
    """The next conversation proposed to a prospect, said aloud, with notes for findings."""

    text: str
    phrase: str
    slots: tuple[datetime, ...]
    notes: tuple[Note, ...] = ()


def _label(moment: datetime, zone: tzinfo | None = None) -> str:
    """Return '2026-11-27 14:00' (with the zone name when one is given), never said aloud."""
    if zone is not None:
        return f"{moment.astimezone(zone):%Y-%m-%d %H:%M} {getattr(zone, 'key', zone)}"
    return f"{moment:%Y-%m-%d %H:%M}"


def _exact(wall: datetime, zone: ZoneInfo) -> datetime | None:
    """Return the wall time in the zone, or None when DST makes it skipped or repeated."""
    first, second = wall.replace(tzinfo=zone, fold=0), wall.replace(tzinfo=zone, fold=1)
    return first if first.utcoffset() == second.utcoffset() else None


def _minutes(t: time) -> int:
    """Return minutes since midnight; time.max (a '24:00' end) is 1440."""
    return 24 * 60 if t == time.max else t.hour * 60 + t.minute


def _windows(hours: Hours, zone: tzinfo, first: date, days: int) -> list[tuple[datetime, datetime]]:
    """Return (first, last) allowed starts in UTC of each working day from the day before
    `first` to the day after `days` days later, in order."""
    out = []
    for n in range(-1, days + 1):
        day = first + timedelta(days=n)
        if day.weekday() not in hours.days:
            continue
        start = datetime.combine(day, hours.start, zone).astimezone(UTC)
        end = datetime.combine(day, time(), zone) + timedelta(minutes=_minutes(hours.end))
        out.append((start, end.astimezone(UTC) - timedelta(minutes=STEP_MINUTES)))
    return out


def _distance(windows: list[tuple[datetime, datetime]], at: datetime) -> int:
    """Return the minutes from an instant to the nearest window (0 inside one)."""
    i = bisect_right(windows, at, key=lambda w: w[0])
    best = _FAR
    for start, last in windows[max(0, i - 1) : i + 1]:
        if start <= at <= last:
            return 0
        gap = start - at if at < start else at - last
        best = min(best, int(gap.total_seconds() // 60))
    return best


def _possessive(name: str) -> str:
    """Return "Dana Jones's"."""
    return f"{name}'s"


@dataclass
class _Lane:
    """Slots for one kind of prospect (zone, hours, holidays), found day by day and kept."""

    zone: ZoneInfo
    hours: Hours
    calendar: Calendar
    days: list[list[datetime]] = field(default_factory=list)
    least_bad: list[datetime] | None = None
    least_span: int = 0
    picked: dict[int, list[datetime]] = field(default_factory=dict)
    """`SlotPlanner._pick` by count, kept only without a per-slot limit or avoided slots (then
    every slot is free, and the pick depends on the lane's days alone, which never change once
    found)."""


class SlotPlanner:
    """Propose next steps for the prospects of one caller at one moment, spread over a list.

    Hold one planner for a whole call list: ``planner.next_step(prospect)`` for each prospect
    in order. Prospects sharing a zone, hours and holidays share the search for slots (kept in
    the planner), so each further prospect costs a lookup and a filter. No slot is offered to
    more than ``max_per_slot`` prospects (None: no limit). ``days_off`` are dates on which no
    call is proposed (``parse_days_off`` reads the config's list). A naive ``now`` is read in
    the caller's zone; None means the current time.
    """

    def __init__(
        self,
        caller: Caller | None,
        now: datetime | None = None,
        *,
        max_per_slot: int | None = MAX_PER_SLOT,
        days_off: Iterable[date] = (),
        count: int = 2,
    ) -> None:
        if count < 1:
            raise ValueError(f"count must be at least 1, not {count}")
        if max_per_slot is not None and max_per_slot < 1:
            raise ValueError(f"max_per_slot must be at least 1, not {max_per_slot}")
        self.caller = caller
        self.zone, self._zone_note = caller_zone(caller)
        self.now = clock.resolve_now(now, self.zone)
        self.hours = None if caller is None else caller.hours or DEFAULT
        self.max_per_slot = max_per_slot
        self.count = count
        self.days_off = frozenset(days_off)
        self._offered: dict[datetime, int] = {}
        self._avoid: frozenset[datetime] = frozenset()
        self._lanes: dict[tuple[object, ...], _Lane] = {}
        self._calendars: dict[tuple[str | None, str | None], Calendar] = {}
        self._caller_calendar = Calendar(self._party(caller, None), self.days_off)

    # --- who observes which holidays ------------------------------------------------------

    def _party(self, record: Caller | Prospect | None, caller: Caller | None) -> tuple[Party, ...]:
        """Return the record's holiday party; SlotError for a country the record names wrong."""
        if record is None:
            return ()
        country, subdivision = country_of(record, caller)
        if not country:
            return ()
        if not supported(country, subdivision):
            if getattr(record, "country", None):
                where = f" {subdivision}" if subdivision else ""
                raise SlotError(
                    f"no public holidays are known for country {country}{where} of "
                    f"{record.name}; use an ISO 3166 code like US, GB or IN (and a "
                    "subdivision like CA or ENG)",
                    path=getattr(record, "source", None),
                    line=getattr(record, "line", None),
                )
            return ()
        return parties([(country, subdivision, record.name)])

    def _calendar(self, prospect: Prospect) -> tuple[Calendar, Note | None]:
        """Return the prospect's holidays (kept per country), with a note when none are known.

        No note for a prospect with neither phone nor zone: they are assumed to share the
        caller's clock (a ``zone-unknown`` note says so) and the caller's holidays apply anyway.
        """
        key = country_of(prospect, self.caller)
        calendar = self._calendars.get(key)
        if calendar is None:
            calendar = self._calendars[key] = Calendar(self._party(prospect, self.caller))
        note = None
        if not calendar.parties and (prospect.phone or prospect.timezone):
            note = Note(
                "holidays-unknown",
                f"no country is known for {prospect.name}, so their public holidays are "
                "not avoided; add country: (and subdivision:) to be sure",
            )
        return calendar, note

    # --- proposing ------------------------------------------------------------------------

    def _lane(self, prospect: Prospect, zone: ZoneInfo, calendar: Calendar) -> _Lane:
        """Return the kept search for prospects like this one."""
        hours = prospect.hours or DEFAULT
        key = (zone.key, hours, calendar.key())
        lane = self._lanes.get(key)
        if lane is None:
            lane = self._lanes[key] = _Lane(zone, hours, calendar)
        return lane

    def _first_day(self, lane: _Lane) -> date:
        """Return the prospect's next local day: a voicemail is often heard hours later."""
        tomorrow = self.now.astimezone(lane.zone).date() + timedelta(days=1)
        return max(tomorrow, (self.now.astimezone(UTC) + LEAD).astimezone(lane.zone).date())

    def _caller_day(self, slot: datetime) -> date:
        """Return the slot's date on the caller's calendar (the prospect's without a caller)."""
        return slot.astimezone(self.zone).date() if self.zone is not None else slot.date()

    def _open(self, slot: datetime) -> bool:
        """Return whether the caller can take a slot: their hours, holidays and days off."""
        if self._caller_calendar.closed(self._caller_day(slot)) is not None:
            return False
        return (
            self.hours is None
            or self.zone is None
            or inside(self.hours, slot.astimezone(self.zone))
        )

    def _day(self, lane: _Lane, offset: int) -> list[datetime]:
        """Return the slots of the lane's `offset`-th local day inside both parties' limits."""
        while len(lane.days) <= offset:
            day = self._first_day(lane) + timedelta(days=len(lane.days))
            lane.days.append(self._search(lane, day))
        return lane.days[offset]

    def _search(self, lane: _Lane, day: date) -> list[datetime]:
        """Return a prospect-local day's slots inside both parties' hours and the window."""
        hours = lane.hours
        if day.weekday() not in hours.days or lane.calendar.closed(day) is not None:
            return []
        earliest = self.now.astimezone(UTC) + LEAD
        start = max(_minutes(hours.start), _minutes(CALLING_WINDOW[0]))
        start += -start % STEP_MINUTES
        end = min(_minutes(hours.end), _minutes(CALLING_WINDOW[1]))
        if not self._caller_meets(day, start, end, lane.zone):
            return []
        found = []
        for minutes in range(start, end, STEP_MINUTES):
            slot = _exact(datetime.combine(day, time(minutes // 60, minutes % 60)), lane.zone)
            if slot is None or slot.astimezone(UTC) < earliest:
                continue
            if self._open(slot):
                found.append(slot)
        return found

    def _caller_meets(self, day: date, start: int, end: int, zone: ZoneInfo) -> bool:
        """Return whether the caller's hours touch the prospect's local window on a day (a
        cheap test that skips days of no overlap before looking at each slot). It errs on the
        side of looking: an hour of slack either way covers a DST change that day."""
        if self.hours is None or self.zone is None:
            return True
        midnight = datetime.combine(day, time(), zone)
        low = (midnight + timedelta(minutes=start - 60)).astimezone(UTC)
        high = (midnight + timedelta(minutes=end + 60)).astimezone(UTC)
        days = {low.astimezone(self.zone).date(), high.astimezone(self.zone).date()}
        for first, last in _windows(self.hours, self.zone, min(days), len(days) - 1):
            if first < high and last >= low:
                return True
        return False

    def _free(self, slot: datetime) -> bool:
        """Return whether a slot may still be offered to one more prospect of the list."""
        key = slot.astimezone(UTC)
        if key in self._avoid:
            return False
        if self.max_per_slot is None:
            return True
        return self._offered.get(key, 0) < self.max_per_slot

    def _pick(self, lane: _Lane, count: int) -> list[datetime]:
        """Choose slots: the first day with room for all, an hour apart and on the hour if cheap."""
        if self.max_per_slot is None and not self._avoid:
            found = lane.picked.get(count)
            if found is None:
                found = lane.picked[count] = self._pick_free(lane, count)
            return list(found)
        return self._pick_free(lane, count)

    def _pick_free(self, lane: _Lane, count: int) -> list[datetime]:
        """Choose slots among the free ones (see `_pick`)."""
        partial: list[datetime] = []
        for offset in range(HORIZON_DAYS):
            free = [slot for slot in self._day(lane, offset) if self._free(slot)]
            if len(free) >= count:
                return _hourly_run(free, count)
            partial.extend(free)
        return partial[:count]

    def _least_bad(self, lane: _Lane, count: int) -> list[datetime]:
        """Return the slots nearest both parties' hours inside the prospect's calling window.

        Costs repeat weekly, so the first week is ranked first; the whole horizon only when a
        call list has filled that week.
        """
        for span in (7, HORIZON_DAYS):
            if lane.least_bad is None or lane.least_span < span:
                lane.least_bad, lane.least_span = self._rank(lane, span), span
            free = [slot for slot in lane.least_bad if self._free(slot)]
            if free:
                best_day = free[0].date()
                chosen = [slot for slot in free if slot.date() == best_day][:count]
                return sorted(chosen, key=lambda s: s.astimezone(UTC))
        return []

    def _rank(self, lane: _Lane, days: int) -> list[datetime]:
        """Return the prospect's calling-window slots of `days` days, least bad first."""
        ranked: list[tuple[int, int, datetime]] = []
        earliest = self.now.astimezone(UTC) + LEAD
        first = self._first_day(lane)
        theirs_open = _windows(lane.hours, lane.zone, first, days)
        ours_open: list[tuple[datetime, datetime]] = []
        if self.hours is not None and self.zone is not None:
            ours_open = _windows(self.hours, self.zone, first, days)
        window = range(_minutes(CALLING_WINDOW[0]), _minutes(CALLING_WINDOW[1]), STEP_MINUTES)
        for offset in range(days):
            day = first + timedelta(days=offset)
            if day.weekday() not in lane.hours.days or lane.calendar.closed(day):
                continue
            for minutes in window:
                slot = _exact(datetime.combine(day, time(minutes // 60, minutes % 60)), lane.zone)
                if slot is None or slot.astimezone(UTC) < earliest:
                    continue
                theirs = _distance(theirs_open, slot)
                ours = 0
                if self._caller_calendar.closed(self._caller_day(slot)):
                    continue
                if ours_open:
                    ours = _distance(ours_open, slot)
                ranked.append((2 * theirs + ours, theirs, slot))
        ranked.sort(key=lambda r: (r[0], r[1], r[2].astimezone(UTC)))
        return [slot for _, _, slot in ranked]

    def _no_overlap(self, prospect: Prospect, lane: _Lane, slots: list[datetime]) -> Note:
        """Return the note naming the hours that never meet and the slot proposed instead."""
        theirs = f"{_possessive(prospect.name)} hours ({lane.hours} {lane.zone.key})"
        nearest = _label(slots[0], lane.zone)
        if self.caller is not None and self.zone is not None:
            own = f"{_possessive(self.caller.name)} hours ({self.hours} {self.zone.key})"
            theirs = f"both {own} and {theirs}"
            nearest = f"{_label(slots[0], self.zone)} for {self.caller.name}"
        return Note(
            "no-overlap",
            f"no time in the {HORIZON_DAYS} days after {_label(self.now, lane.zone)} is inside "
            f"{theirs} between 8 a.m. and 9 p.m. for {prospect.name}; proposing the nearest "
            f"({nearest}); widen the hours, correct a time zone, or give explicit slots",
        )

    def propose(self, prospect: Prospect, count: int | None = None) -> list[datetime]:
        """Return (and book) the next slots for a prospect, aware, in the prospect's zone."""
        zone, _ = zone_for(prospect, self.caller)
        calendar, _ = self._calendar(prospect)
        notes: list[Note] = []
        return self._proposed(prospect, zone, calendar, count or self.count, notes)

    def _proposed(
        self, prospect: Prospect, zone: ZoneInfo, calendar: Calendar, count: int, notes: list[Note]
    ) -> list[datetime]:
        lane = self._lane(prospect, zone, calendar)
        slots = self._pick(lane, count)
        if not slots and any(lane.days):
            # The parties' hours meet, but the list has offered every such slot max_per_slot
            # times: offer the least offered of them again (evenly) rather than fail the row.
            slots = self._least_offered([slot for day in lane.days for slot in day], count)
            notes.append(self._full(prospect, lane))
        elif not slots:
            slots = self._least_bad(lane, count) or self._least_offered(lane.least_bad or [], count)
            if not slots:
                raise SlotError(
                    f"every day in the {HORIZON_DAYS} days after {_label(self.now, zone)} is a "
                    f"holiday or a day off for {prospect.name}; shorten days_off or give "
                    "explicit slots",
                    path=prospect.source,
                    line=prospect.line,
                )
            notes.append(self._no_overlap(prospect, lane, slots))
        self._book(slots)
        return slots

    def _least_offered(self, candidates: list[datetime], count: int) -> list[datetime]:
        """Return up to `count` of the candidates offered least so far, same day first.

        Candidates come in order of preference (chronological, or least bad first); the
        first day holding one of the least offered gives the slots, topped up in order.
        """
        candidates = [slot for slot in candidates if slot.astimezone(UTC) not in self._avoid]
        if not candidates:
            return []
        offers = [self._offered.get(slot.astimezone(UTC), 0) for slot in candidates]
        low = min(offers)
        pool = [slot for slot, n in zip(candidates, offers, strict=True) if n == low]
        day = pool[0].date()
        chosen = [slot for slot in pool if slot.date() == day][:count]
        chosen += [slot for slot in pool if slot not in chosen][: count - len(chosen)]
        return sorted(chosen, key=lambda slot: slot.astimezone(UTC))

    def _full(self, prospect: Prospect, lane: _Lane) -> Note:
        """Return the note saying every shared slot is offered to as many prospects as allowed."""
        return Note(
            "slots-full",
            f"every slot inside both parties' hours in the {HORIZON_DAYS} days after "
            f"{_label(self.now, lane.zone)} is already offered to as many prospects of this "
            f"list as max_per_slot ({self.max_per_slot}) allows; offering {prospect.name} the "
            "least offered of them again; raise max_per_slot or split the list",
        )

    def _book(self, slots: Iterable[datetime]) -> None:
        """Count slots as offered to one more prospect."""
        for slot in slots:
            key = slot.astimezone(UTC)
            self._offered[key] = self._offered.get(key, 0) + 1

    def hold(self, slots: Iterable[datetime]) -> None:
        """Count slots offered in earlier runs (and not yet passed) against ``max_per_slot``."""
        self._book(s for s in slots if s > self.now)

    def offered(self) -> dict[datetime, int]:
        """Return how many prospects each slot (a UTC instant) has been offered so far."""
        return dict(self._offered)

    # --- explicit slots -------------------------------------------------------------------

    def _explicit(
        self, prospect: Prospect, zone: ZoneInfo, calendar: Calendar, notes: list[Note]
    ) -> list[datetime]:
        """Return the prospect's own slots, sorted; raise for past ones, note the doubtful ones."""
        own_hours = prospect.hours or DEFAULT
        now = self.now
        slots: list[datetime] = []
        for raw in prospect.slots:
            slot = _as_slot(raw, zone, prospect, notes)
            label = _label(slot)
            if slot.astimezone(UTC) <= now.astimezone(UTC):
                raise SlotError(
                    f"slot {label} for {prospect.name} is in the past "
                    f"(now is {_label(now, zone)}); remove it or change it to a later time",
                    path=prospect.source,
                    line=prospect.line,
                )
            if any(slot.astimezone(UTC) == other.astimezone(UTC) for other in slots):
                notes.append(
                    Note("slot-listed-twice", f"slot {label} is listed twice; proposing it once")
                )
                continue
            if slot.astimezone(UTC) < now.astimezone(UTC) + LEAD:
                message = f"slot {label} is less than 2 hours from now ({_label(now, zone)})"
                notes.append(Note("slot-too-soon", message))
            notes.extend(self._doubts(prospect, own_hours, zone, calendar, slot))
            slots.append(slot)
        slots.sort(key=lambda slot: slot.astimezone(UTC))
        self._book(slots)
        return slots

    def _doubts(
        self,
        prospect: Prospect,
        own_hours: Hours,
        zone: ZoneInfo,
        calendar: Calendar,
        slot: datetime,
    ) -> list[Note]:
        """Return the notes on an explicit slot: window, weekend, hours, holidays."""
        label = _label(slot)
        whose = _possessive(prospect.name)
        day_name = DAY_NAMES[slot.weekday()]
        notes: list[Note] = []
        if not CALLING_WINDOW[0] <= slot.time() < CALLING_WINDOW[1]:
            message = f"slot {label} is outside 8 a.m.-9 p.m. in {zone.key}, {whose} local time"
            notes.append(Note("slot-outside-calling-window", message))
        elif slot.weekday() in WEEKEND and slot.weekday() not in own_hours.days:
            message = f"slot {label} is on a {day_name}, not one of {whose} working days"
            notes.append(Note("slot-weekend", message))
        elif not inside(own_hours, slot):
            message = f"slot {label} is outside {whose} hours ({own_hours})"
            notes.append(Note("slot-outside-hours", message))
        reasons = [calendar.closed(slot.date())]
        if self.caller is not None and self.zone is not None:
            theirs = slot.astimezone(self.zone)
            hours = self.hours or DEFAULT
            if not inside(hours, theirs):
                at = "" if self.zone == zone else f" ({_label(theirs, self.zone)})"
                message = (
                    f"slot {label}{at} is outside {_possessive(self.caller.name)} hours ({hours})"
                )
                notes.append(Note("slot-outside-caller-hours", message))
        reasons.append(self._caller_calendar.closed(self._caller_day(slot)))
        for reason in dict.fromkeys(r for r in reasons if r):
            message = f"slot {day_name} {slot:%Y-%m-%d} is {reason}"
            notes.append(Note("slot-on-holiday", message))
        return notes

    # --- the next step --------------------------------------------------------------------

    def next_step(self, prospect: Prospect, avoid: Iterable[datetime] = ()) -> NextStep:
        """Return the proposed next step: the prospect's explicit slots, else planned ones.

        Planned slots are never one of ``avoid`` (e.g. the slots an earlier voicemail offered).
        """
        self._avoid = frozenset(s.astimezone(UTC) for s in avoid)
        try:
            return self._next_step(prospect)
        finally:
            self._avoid = frozenset()

    def _next_step(self, prospect: Prospect) -> NextStep:
        zone, note = zone_for(prospect, self.caller)
        notes = [n for n in (self._zone_note, note) if n is not None]
        calendar, unknown = self._calendar(prospect)
        if unknown is not None:
            notes.append(unknown)
        if prospect.slots:
            slots = self._explicit(prospect, zone, calendar, notes)
        else:
            slots = self._proposed(prospect, zone, calendar, self.count, notes)
        own = self.zone or zone
        your_time = any(slot.utcoffset() != slot.astimezone(own).utcoffset() for slot in slots)
        phrase = say_slots(slots, self.now, your_time=your_time)
        return NextStep(f"Would {phrase} work for you?", phrase, tuple(slots), tuple(notes))


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


def _as_slot(raw: object, zone: ZoneInfo, prospect: Prospect, notes: list[Note]) -> datetime:
    """Return an explicit slot as an aware time in the prospect's zone; naive ones are local."""
    path, line = prospect.source, prospect.line
    if isinstance(raw, str):
        try:
            raw = datetime.fromisoformat(raw.strip())
        except ValueError:
            raise SlotError(
                f"cannot read slot {raw!r} for {prospect.name}; write it like 2026-11-27 14:00",
                path=path,
                line=line,
            ) from None
    if not isinstance(raw, datetime):
        raise SlotError(
            f"slot {raw!r} for {prospect.name} is not a date and time; "
            "write it like 2026-11-27 14:00",
            path=path,
            line=line,
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
            path=path,
            line=line,
        )
    notes.append(
        Note(
            "slot-repeated-hour",
            f"slot {_label(raw)} happens twice in {zone.key} (clocks go back); using the first",
        )
    )
    return first


def resolve_now(now: datetime | None, caller: Caller | None) -> datetime:
    """Return an aware 'now': naive is read in the caller's zone; None means the current time."""
    return clock.resolve_now(now, caller_zone(caller)[0])


def propose(
    caller: Caller | None,
    prospect: Prospect,
    now: datetime | None,
    count: int = 2,
    *,
    days_off: Iterable[date] = (),
) -> list[datetime]:
    """Return the next slots for one prospect, aware, in the prospect's zone (no spreading)."""
    planner = SlotPlanner(caller, now, max_per_slot=None, days_off=days_off, count=count)
    return planner.propose(prospect)


def next_step(
    caller: Caller | None,
    prospect: Prospect,
    now: datetime | None,
    *,
    days_off: Iterable[date] = (),
) -> NextStep:
    """Return the proposed next step for one prospect (a call list wants one `SlotPlanner`)."""
    return SlotPlanner(caller, now, max_per_slot=None, days_off=days_off).next_step(prospect)

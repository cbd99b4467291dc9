"""Property tests: every proposed next step is sound, and the detector reads it back exactly."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from voicemail_coach.errors import SlotError
from voicemail_coach.models import Caller, Hours, Prospect
from voicemail_coach.schedule import LEAD, NextStep, next_step, parse_hours

UTC = timezone.utc
ZONES = (
    "UTC",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Berlin",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
)
# Days on which some of the zones above change their clocks in 2026 and 2027.
DST_DAYS = (
    date(2026, 3, 8),
    date(2026, 3, 29),
    date(2026, 4, 5),
    date(2026, 9, 27),
    date(2026, 10, 4),
    date(2026, 10, 25),
    date(2026, 11, 1),
    date(2027, 3, 14),
    date(2027, 3, 28),
    date(2027, 4, 4),
    date(2027, 9, 26),
    date(2027, 10, 3),
    date(2027, 10, 31),
    date(2027, 11, 7),
)
CALLER_HOURS = (None, "Mon-Fri 07:00-20:00", "Mon-Sun 00:00-24:00", "Mon-Fri 08:00-18:00")
PROSPECT_HOURS = (None, "Mon-Fri 08:00-18:00", "Mon 09:00-12:00", "Tue,Thu 13:00-15:30")

any_moment = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31, 23, 59), timezones=st.just(UTC)
)
dst_week = st.builds(
    lambda day, minutes: datetime.combine(day, time(), UTC) + timedelta(minutes=minutes),
    st.sampled_from(DST_DAYS),
    st.integers(min_value=-7 * 24 * 60, max_value=7 * 24 * 60),
)
pairs = st.one_of(
    st.tuples(st.sampled_from(ZONES), st.sampled_from(ZONES)),
    # Pairs whose local dates often differ.
    st.sampled_from(
        [
            ("Pacific/Auckland", "America/Los_Angeles"),
            ("America/Los_Angeles", "Pacific/Auckland"),
            ("Asia/Tokyo", "America/New_York"),
            ("Europe/London", "Australia/Sydney"),
        ]
    ),
)


@st.composite
def cases(draw: st.DrawFn) -> tuple[Caller | None, Prospect, datetime]:
    now = draw(st.one_of(any_moment, dst_week))
    caller_zone, prospect_zone = draw(pairs)
    caller_hours = draw(st.sampled_from(CALLER_HOURS))
    prospect_hours = draw(st.sampled_from(PROSPECT_HOURS))
    caller = draw(
        st.sampled_from(
            [
                None,
                Caller(
                    name="Freda Whitehouse",
                    company="ABC Company",
                    phone="901-555-2120",
                    hours=parse_hours(caller_hours) if caller_hours else None,
                    timezone=caller_zone,
                ),
            ]
        )
    )
    prospect = Prospect(
        name="Dana Jones",
        company="XYZ Company",
        timezone=prospect_zone,
        hours=parse_hours(prospect_hours) if prospect_hours else None,
    )
    # A 'now' written in the caller's zone, as the command line and the library receive it.
    return caller, prospect, now.astimezone(ZoneInfo(caller_zone))


def step_for(caller: Caller | None, prospect: Prospect, now: datetime) -> NextStep:
    # Hours that never meet (London and Los Angeles office hours) give the least bad slot
    # with a `no-overlap` note, never an error.
    return next_step(caller, prospect, now)


def inside(hours: Hours | None, local: datetime) -> bool:
    hours = hours or parse_hours("Mon-Fri 09:00-17:00")
    return local.weekday() in hours.days and hours.start <= local.time() < hours.end


@settings(max_examples=200, deadline=None)
@given(cases())
def test_every_proposal_is_inside_both_hours_ahead_and_said_aloud(
    case: tuple[Caller | None, Prospect, datetime],
) -> None:
    caller, prospect, now = case
    step = step_for(caller, prospect, now)
    zone = ZoneInfo(prospect.timezone or "UTC")
    assert 1 <= len(step.slots) <= 2
    assert step.text == f"Would {step.phrase} work for you?"
    overlap = "no-overlap" not in [note.code for note in step.notes]
    hours = prospect.hours or parse_hours("Mon-Fri 09:00-17:00")
    for slot in step.slots:
        assert slot.tzinfo == zone
        assert slot.minute in (0, 30) and slot.second == 0
        assert slot.astimezone(UTC) - now.astimezone(UTC) >= LEAD
        assert slot.date() > now.astimezone(zone).date()  # never later "today"
        assert time(8) <= slot.time() < time(21)  # the prospect's calling window
        assert slot.weekday() in hours.days
        if overlap:
            assert inside(prospect.hours, slot)
        if caller is not None and overlap:
            assert inside(caller.hours, slot.astimezone(ZoneInfo(caller.timezone or zone.key)))
        # The wall time exists once: it survives a trip through UTC unchanged.
        assert slot.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == slot.replace(
            tzinfo=None
        )
    assert not re.search(r"\b(today|tomorrow|tonight)\b", step.text)
    assert not re.search(r"\d:00|\b(1[3-9]|2[0-3]):|\d{4}-\d{2}", step.text)
    your_time = caller is not None and any(
        slot.utcoffset() != slot.astimezone(ZoneInfo(caller.timezone or zone.key)).utcoffset()
        for slot in step.slots
    )
    assert step.phrase.endswith(" your time") is your_time


@settings(max_examples=200, deadline=None)
@given(cases())
def test_the_detector_reads_every_next_step_back(
    case: tuple[Caller | None, Prospect, datetime],
) -> None:
    from voicemail_coach.times import find_proposed_times

    caller, prospect, now = case
    step = step_for(caller, prospect, now)
    local_now = now.astimezone(step.slots[0].tzinfo)
    mentions = find_proposed_times(step.text, now=local_now)
    assert mentions, f"no proposed time found in {step.text!r} (now {local_now.isoformat()})"
    first = mentions[0]
    if first.when is not None:
        assert first.when == step.slots[0], (
            f"{step.text!r} (now {local_now:%a %Y-%m-%d %H:%M %Z}) read as "
            f"{first.when.isoformat()}, not {step.slots[0].isoformat()}"
        )


@st.composite
def explicit_cases(draw: st.DrawFn) -> tuple[Caller, Prospect, datetime]:
    now = draw(st.one_of(any_moment, dst_week))
    caller_zone, prospect_zone = draw(pairs)
    local = now.astimezone(ZoneInfo(prospect_zone))
    day = local.date() + timedelta(days=draw(st.integers(min_value=0, max_value=60)))
    first = datetime.combine(day, time()) + timedelta(minutes=30 * draw(st.integers(0, 47)))
    gap = draw(st.sampled_from([None, 30, 60, 180]))
    slots = [first] if gap is None else [first, first + timedelta(minutes=gap)]
    assume(first.replace(tzinfo=ZoneInfo(prospect_zone)).astimezone(UTC) > now)
    caller = Caller("Freda Whitehouse", "ABC Company", "901-555-2120", timezone=caller_zone)
    prospect = Prospect("Dana Jones", "XYZ Company", timezone=prospect_zone, slots=tuple(slots))
    return caller, prospect, now.astimezone(ZoneInfo(caller_zone))


@settings(max_examples=200, deadline=None)
@given(explicit_cases())
def test_the_detector_reads_explicit_slots_back(case: tuple[Caller, Prospect, datetime]) -> None:
    from voicemail_coach.times import find_proposed_times

    caller, prospect, now = case
    try:
        step = next_step(caller, prospect, now)
    except SlotError as error:
        # A slot inside a DST gap does not exist; the error is the right answer.
        assert "does not exist" in str(error)
        return
    local_now = now.astimezone(step.slots[0].tzinfo)
    mentions = find_proposed_times(step.text, now=local_now)
    assert mentions, f"no proposed time found in {step.text!r} (now {local_now.isoformat()})"
    if mentions[0].when is not None:
        assert mentions[0].when == step.slots[0], (
            f"{step.text!r} (now {local_now:%a %Y-%m-%d %H:%M %Z}) read as "
            f"{mentions[0].when.isoformat()}, not {step.slots[0].isoformat()}"
        )

"""Tests for slot proposal: hours, time zones, DST, explicit slots, and saying slots aloud.

Spreading over a call list and no-overlap plans are in test_slot_planner.py; holidays in
test_holidays.py.
"""

from __future__ import annotations

import re
import time as clock
from collections import Counter
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from voicemail_coach.errors import DataError, SlotError, VoicemailCoachError
from voicemail_coach.models import Caller, Hours, Prospect
from voicemail_coach.schedule import (
    MAX_PER_SLOT,
    NextStep,
    SlotPlanner,
    assess_moment,
    caller_zone,
    next_step,
    parse_hours,
    propose,
    resolve_now,
    say_available,
    say_available_for,
    say_number,
    say_slot,
    say_slots,
    zone_for,
    zones,
)

UTC = timezone.utc
NY = ZoneInfo("America/New_York")
CHI = ZoneInfo("America/Chicago")
LA = ZoneInfo("America/Los_Angeles")
LON = ZoneInfo("Europe/London")
AKL = ZoneInfo("Pacific/Auckland")
WEEKDAYS = frozenset(range(5))


def caller(
    tz: str | None = "America/Chicago", hours: str | None = None, phone: str = "901-555-2120"
) -> Caller:
    return Caller(
        name="Freda Whitehouse",
        company="ABC Company",
        phone=phone,
        hours=parse_hours(hours) if hours else None,
        timezone=tz,
    )


def prospect(
    tz: str | None = None,
    hours: str | None = None,
    phone: str | None = None,
    slots: tuple[datetime, ...] = (),
    **more: object,
) -> Prospect:
    return Prospect(
        name="Dana Jones",
        company="XYZ Company",
        phone=phone,
        timezone=tz,
        hours=parse_hours(hours) if hours else None,
        slots=slots,
        **more,  # type: ignore[arg-type]
    )


def at(zone: ZoneInfo, *args: int) -> datetime:
    return datetime(*args, tzinfo=zone)  # type: ignore[misc]


def walls(slots: list[datetime] | tuple[datetime, ...]) -> list[str]:
    return [f"{s:%a %Y-%m-%d %H:%M %z}" for s in slots]


# --- parse_hours ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days", "start", "end"),
    [
        ("Mon-Fri 09:00-17:00", WEEKDAYS, time(9), time(17)),
        ("Mon,Wed 9:30-12:00", {0, 2}, time(9, 30), time(12)),
        ("mon - fri   9-17", WEEKDAYS, time(9), time(17)),
        ("Fri-Mon 10:00-14:00", {4, 5, 6, 0}, time(10), time(14)),
        ("Tue\u2013Thu 09:00\u201317:00", {1, 2, 3}, time(9), time(17)),
        ("Monday, Thursday 9:00-11:00", {0, 3}, time(9), time(11)),
        ("Tues,Thurs 9-10", {1, 3}, time(9), time(10)),
        ("Mon-Wed,Fri 8:15-16:45", {0, 1, 2, 4}, time(8, 15), time(16, 45)),
        ("Sat 10:00-24:00", {5}, time(10), time.max),
        ("09:00-12:00", WEEKDAYS, time(9), time(12)),
        ("Weekdays 8:00-16:30", WEEKDAYS, time(8), time(16, 30)),
        ("Daily 0:00-24:00", set(range(7)), time(0), time.max),
    ],
)
def test_parse_hours_reads_common_forms(text: str, days: set[int], start: time, end: time) -> None:
    hours = parse_hours(text)
    assert (hours.days, hours.start, hours.end) == (frozenset(days), start, end)
    assert str(hours) == " ".join(text.split())


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "hours are empty"),
        ("whenever", "cannot read hours 'whenever'"),
        ("Mon-Fri", "cannot read hours"),
        ("Mon-Fri 09:00-17:00-18:00", "cannot read hours"),
        ("Mon-Fri 17:00-09:00", "not after they start at 17:00"),
        ("Mon-Fri 9-5", "use 24-hour times on one day"),
        ("Mon-Fri 09:00-09:00", "not after"),
        ("Mnd-Fri 09:00-17:00", "unknown day 'mnd'"),
        ("Mon-Funday 09:00-17:00", "unknown day 'funday'"),
        ("Mon-Fri 25:00-26:00", "bad time '25:00'"),
        ("Mon-Fri 09:75-10:00", "bad time '09:75'"),
        ("Mon-Fri 24:00-24:00", "bad time '24:00'"),
        ("Mon-Wed-Fri 9-17", "cannot read the days 'Mon-Wed-Fri'"),
        ("Mon,,Fri 9-17", "cannot read the days"),
    ],
)
def test_parse_hours_rejects_bad_text_saying_how_to_fix(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=r"like|use|write") as caught:
        parse_hours(text)
    assert says in str(caught.value)


# --- zone_for ------------------------------------------------------------------------------


def test_explicit_zone_wins_without_a_note() -> None:
    zone, note = zone_for(prospect(tz="Asia/Tokyo", phone="405-555-0199"), caller())
    assert (zone.key, note) == ("Asia/Tokyo", None)


@pytest.mark.parametrize(
    ("phone", "caller_phone", "expected"),
    [
        ("405-555-0199", "901-555-2120", "America/Chicago"),
        ("(212) 555-0100", "901-555-2120", "America/New_York"),
        ("+44 20 7946 0958", "901-555-2120", "Europe/London"),
        ("020 7946 0958", "+44 20 7946 0000", "Europe/London"),  # national form, caller's country
        ("+61 3 9999 1111", "901-555-2120", "Australia/Sydney"),
    ],
)
def test_zone_is_guessed_from_the_phone_with_a_note(
    phone: str, caller_phone: str, expected: str
) -> None:
    zone, note = zone_for(prospect(phone=phone), caller(tz="Europe/Paris", phone=caller_phone))
    assert zone.key == expected
    assert note is not None
    assert note.code == "zone-guessed"
    assert f"time zone guessed from phone {phone}: {expected}" in note.message


@pytest.mark.parametrize(
    ("phone", "says"),
    [
        ("+1 800 555 0199", "phone +1 800 555 0199 spans"),  # toll free: every North American zone
        ("123-456-7890", "no time zone is known for phone 123-456-7890"),
        ("not a number", "no time zone is known for phone not a number"),
        (None, "no time zone or phone for Dana Jones"),
    ],
)
def test_ambiguous_or_unknown_phone_falls_back_to_the_caller_zone(
    phone: str | None, says: str
) -> None:
    zone, note = zone_for(prospect(phone=phone), caller(tz="Europe/Paris"))
    assert zone.key == "Europe/Paris"
    assert note is not None
    assert note.code == "zone-unknown"
    assert says in note.message
    assert "using the caller's zone Europe/Paris" in note.message


@pytest.mark.parametrize(
    ("phone", "expected"),
    [
        ("312-555-0142", "America/Chicago"),  # a Chicago rep
        ("+44 161 496 0000", "Europe/London"),  # a Manchester rep
        ("+1 213 555 0100", "America/Los_Angeles"),
    ],
)
def test_a_caller_without_a_zone_gets_it_from_their_phone(phone: str, expected: str) -> None:
    zone, note = caller_zone(caller(tz=None, phone=phone))
    assert zone is not None and zone.key == expected
    assert note is not None and note.code == "caller-zone-guessed"
    assert note.message == (
        f"caller's time zone guessed from phone {phone}: {expected}; "
        "add a timezone to the caller to be sure"
    )
    assert caller_zone(caller(tz="Asia/Tokyo", phone=phone)) == (ZoneInfo("Asia/Tokyo"), None)


def test_an_800_caller_falls_back_to_the_machine_zone_with_a_note(denver_machine: None) -> None:
    toll_free = caller(tz=None, phone="+1 800 555 0199")
    zone, note = caller_zone(toll_free)
    assert zone is not None and zone.key == "America/Denver"
    assert note is not None and note.code == "caller-zone-unknown"
    assert note.message.startswith("caller's phone +1 800 555 0199 spans ")
    assert "using this machine's zone America/Denver" in note.message
    # A prospect without a zone of their own falls back to that zone, and says so.
    zone, note = zone_for(prospect(phone="+1 888 555 0100"), toll_free)
    assert zone.key == "America/Denver"
    assert note is not None and note.code == "zone-unknown"
    assert "using the caller's zone America/Denver" in note.message


def test_without_any_zone_at_all_utc_is_used_and_said(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zones, "machine_zone", lambda: None)
    zone, note = caller_zone(caller(tz=None, phone="+1 800 555 0199"))
    assert zone is not None and zone.key == "UTC"
    assert note is not None and "using UTC" in note.message
    zone, prospect_note = zone_for(prospect(), None)
    assert zone.key == "UTC"
    assert prospect_note is not None and "using UTC" in prospect_note.message


def test_unknown_zone_names_are_bad_input_with_a_suggestion() -> None:
    bad = prospect(tz="america/chicago", source="prospects.yaml", line=14)
    with pytest.raises(SlotError) as caught:
        zone_for(bad, caller())
    message = str(caught.value)
    assert message.startswith("prospects.yaml:14: unknown time zone 'america/chicago'")
    assert "did you mean 'America/Chicago'?" in message
    with pytest.raises(SlotError, match="unknown time zone 'Mars/Olympus' for caller Freda"):
        zone_for(prospect(), caller(tz="Mars/Olympus"))
    for name in ("", "../etc/passwd", "/etc/localtime", "America"):
        with pytest.raises(VoicemailCoachError):
            zone_for(prospect(tz=name or " "), caller())


# --- propose -------------------------------------------------------------------------------


def inside(hours: Hours, local: datetime) -> bool:
    return local.weekday() in hours.days and hours.start <= local.time() < hours.end


def test_proposals_fall_inside_both_parties_hours() -> None:
    # Caller 09:00-12:00 Chicago = 10:00-13:00 New York.
    c = caller(hours="Mon-Fri 09:00-12:00")
    p = prospect(tz="America/New_York")
    slots = propose(c, p, at(CHI, 2026, 11, 23, 7, 0))
    assert walls(slots) == ["Tue 2026-11-24 10:00 -0500", "Tue 2026-11-24 11:00 -0500"]
    for slot in propose(c, p, at(CHI, 2026, 11, 23, 10, 0), count=5):
        assert slot.tzinfo == NY
        assert inside(parse_hours("Mon-Fri 09:00-17:00"), slot)
        assert inside(parse_hours("Mon-Fri 09:00-12:00"), slot.astimezone(CHI))


def test_a_slot_later_today_is_never_proposed() -> None:
    # Monday afternoon has room, but the voicemail may be heard after it: Tuesday is first.
    p = prospect(tz="America/New_York")
    step = next_step(None, p, at(NY, 2026, 11, 23, 10, 10))
    assert walls(step.slots) == ["Tue 2026-11-24 09:00 -0500", "Tue 2026-11-24 10:00 -0500"]
    assert step.phrase == "Tuesday at 9 or 10 a.m."


def test_proposals_prefer_adjacent_hours_on_the_hour() -> None:
    # First free slot is 9:30; 10 and 11 a.m. cost half an hour and are said more compactly.
    p = prospect(tz="America/New_York", hours="Mon-Fri 09:30-17:00")
    slots = propose(None, p, at(NY, 2026, 11, 23, 10, 10))
    assert walls(slots) == ["Tue 2026-11-24 10:00 -0500", "Tue 2026-11-24 11:00 -0500"]
    assert walls(propose(None, prospect(tz="America/New_York"), at(NY, 2026, 11, 23, 7), 3)) == [
        "Tue 2026-11-24 09:00 -0500",
        "Tue 2026-11-24 10:00 -0500",
        "Tue 2026-11-24 11:00 -0500",
    ]


def test_weekends_and_non_working_days_are_skipped() -> None:
    p = prospect(tz="America/New_York")
    friday_evening = at(NY, 2026, 11, 27, 16, 0)
    assert walls(propose(None, p, friday_evening)) == [
        "Mon 2026-11-30 09:00 -0500",
        "Mon 2026-11-30 10:00 -0500",
    ]
    # A shop whose own hours name Saturday is offered Saturday (no caller limits here).
    weekend = prospect(tz="America/New_York", hours="Sat-Sun 10:00-14:00")
    assert walls(propose(None, weekend, friday_evening)) == [
        "Sat 2026-11-28 10:00 -0500",
        "Sat 2026-11-28 11:00 -0500",
    ]
    # A caller on default hours never works Saturdays: the weekend shop gets no shared time.
    step = next_step(caller(), weekend, friday_evening)
    assert [n.code for n in step.notes] == ["no-overlap"]


def test_default_hours_apply_to_both_parties() -> None:
    # Caller with no hours: Mon-Fri 09:00-17:00 Chicago, i.e. from 10:00 in New York.
    slots = propose(caller(), prospect(tz="America/New_York"), at(NY, 2026, 11, 23, 6, 0))
    assert walls(slots) == ["Tue 2026-11-24 10:00 -0500", "Tue 2026-11-24 11:00 -0500"]
    # A caller without a zone is on their phone's clock (901: Memphis, Central time), not UTC.
    slots = propose(caller(tz=None), prospect(tz="America/New_York"), at(NY, 2026, 11, 23, 6, 0))
    assert walls(slots) == ["Tue 2026-11-24 10:00 -0500", "Tue 2026-11-24 11:00 -0500"]


def test_a_chicago_rep_without_a_zone_calling_london_keeps_chicago_hours() -> None:
    # 9-5 in Chicago is 3 p.m.-11 p.m. in London: only 3 p.m. to 4:30 p.m. fit both.
    rep = caller(tz=None, phone="312-555-0142")
    london = prospect(phone="+44 20 7946 0958")
    step = next_step(rep, london, datetime(2026, 11, 23, 8, 0))  # naive: 8 a.m. in Chicago
    assert walls(step.slots) == ["Tue 2026-11-24 15:00 +0000", "Tue 2026-11-24 16:00 +0000"]
    assert step.phrase == "Tuesday at 3 or 4 p.m. your time"
    assert [n.code for n in step.notes] == ["caller-zone-guessed", "zone-guessed"]


def test_london_caller_and_los_angeles_prospect_meet_in_a_narrow_window() -> None:
    c = caller(tz="Europe/London", hours="Mon-Fri 08:00-18:00")
    p = prospect(tz="America/Los_Angeles")
    slots = propose(c, p, at(LON, 2026, 11, 23, 8, 0))
    # 09:00-10:00 in Los Angeles is 17:00-18:00 in London: two half-hour starts, no hour apart.
    assert walls(slots) == ["Tue 2026-11-24 09:00 -0800", "Tue 2026-11-24 09:30 -0800"]
    assert [f"{s.astimezone(LON):%H:%M}" for s in slots] == ["17:00", "17:30"]
    step = next_step(c, p, at(LON, 2026, 11, 23, 8, 0))
    assert step.phrase == "Tuesday at 9 or 9:30 a.m. your time"
    assert step.notes == ()


def test_count_must_be_positive() -> None:
    with pytest.raises(ValueError, match="count must be at least 1"):
        propose(None, prospect(tz="UTC"), at(UTC, 2026, 1, 5, 8, 0), count=0)


def test_a_naive_now_is_read_in_the_caller_zone() -> None:
    # 23:30 Monday in Chicago is already 05:30 Tuesday in London: the first London day is
    # Wednesday. Read as UTC it would still be Monday in London, and Tuesday would be offered.
    late = datetime(2026, 11, 23, 23, 30)
    london = prospect(tz="Europe/London")
    for rep in (caller(), caller(tz=None, phone="312-555-0142")):
        assert walls(propose(rep, london, late)) == [
            "Wed 2026-11-25 15:00 +0000",
            "Wed 2026-11-25 16:00 +0000",
        ]


# --- DST -----------------------------------------------------------------------------------


def test_spring_forward_in_new_york_between_now_and_the_slot() -> None:
    now = at(NY, 2026, 3, 6, 16, 0)  # Friday, EST (-05:00)
    assert now.utcoffset() == timedelta(hours=-5)
    slots = propose(caller(tz="America/New_York"), prospect(tz="America/New_York"), now)
    assert walls(slots) == ["Mon 2026-03-09 09:00 -0400", "Mon 2026-03-09 10:00 -0400"]
    assert slots[0].astimezone(UTC) == at(UTC, 2026, 3, 9, 13, 0)
    step = next_step(caller(tz="America/New_York"), prospect(tz="America/New_York"), now)
    assert step.phrase == "Monday at 9 or 10 a.m."


def test_spring_gap_weeks_between_london_and_new_york() -> None:
    # The US has moved to EDT on 2026-03-08, the UK stays on GMT until 2026-03-29: 4 hours apart.
    c = caller(tz="Europe/London")
    slots = propose(c, prospect(tz="America/New_York"), at(LON, 2026, 3, 6, 16, 0))
    assert walls(slots) == ["Mon 2026-03-09 09:00 -0400", "Mon 2026-03-09 10:00 -0400"]
    assert [f"{s.astimezone(LON):%H:%M %z}" for s in slots] == ["13:00 +0000", "14:00 +0000"]


def test_autumn_change_in_london() -> None:
    now = at(LON, 2026, 10, 23, 15, 30)  # Friday, BST (+01:00); clocks go back on the 25th
    assert now.utcoffset() == timedelta(hours=1)
    slots = propose(caller(tz="Europe/London"), prospect(tz="Europe/London"), now)
    assert walls(slots) == ["Mon 2026-10-26 09:00 +0000", "Mon 2026-10-26 10:00 +0000"]
    assert slots[0].astimezone(UTC) == at(UTC, 2026, 10, 26, 9, 0)


@pytest.mark.parametrize(
    ("now", "expected", "london"),
    [
        # Friday 2026-10-30: London is on GMT, New York still on EDT (4 hours apart).
        (
            at(LON, 2026, 10, 29, 9, 0),
            ["Fri 2026-10-30 09:00 -0400", "Fri 2026-10-30 10:00 -0400"],
            ["13:00", "14:00"],
        ),
        # On Monday New York is on EST too (5 hours apart).
        (
            at(LON, 2026, 10, 30, 15, 0),
            ["Mon 2026-11-02 09:00 -0500", "Mon 2026-11-02 10:00 -0500"],
            ["14:00", "15:00"],
        ),
    ],
)
def test_autumn_change_between_london_and_new_york(
    now: datetime, expected: list[str], london: list[str]
) -> None:
    slots = propose(caller(tz="Europe/London"), prospect(tz="America/New_York"), now)
    assert walls(slots) == expected
    assert [f"{s.astimezone(LON):%H:%M}" for s in slots] == london


# --- the calling window and no overlap -----------------------------------------------------


def test_night_hours_are_clipped_to_the_calling_window_with_a_note() -> None:
    night = prospect(tz="America/New_York", hours="Sun 01:00-04:00")
    step = next_step(None, night, at(NY, 2026, 3, 8, 0, 30))
    # Never 3 a.m.: the nearest to their hours inside 8 a.m.-9 p.m., on their next Sunday.
    assert walls(step.slots) == ["Sun 2026-03-15 08:00 -0400", "Sun 2026-03-15 08:30 -0400"]
    assert step.phrase == "Sunday the 15th at 8 or 8:30 a.m."
    assert [n.code for n in step.notes] == ["no-overlap"]
    assert step.notes[0].message.startswith(
        "no time in the 21 days after 2026-03-08 00:30 America/New_York is inside "
        "Dana Jones's hours (Sun 01:00-04:00 America/New_York) between 8 a.m. and 9 p.m. "
        "for Dana Jones; proposing the nearest (2026-03-15 08:00 America/New_York)"
    )


def test_los_angeles_rep_and_bangalore_prospect_get_the_least_bad_slot() -> None:
    # 9-5 in Los Angeles is 10:30 p.m.-6:30 a.m. in Bangalore: the hours never meet. The rep
    # stays late (7:30 p.m.) rather than asking the prospect to take a call before 9 a.m.
    # Tuesday 24 November 2026 is Guru Nanak's Birthday, a public holiday in India: Wednesday.
    rep = caller(tz="America/Los_Angeles", phone="213-555-0100")
    bangalore = prospect(tz="Asia/Kolkata", phone="+91 80 4000 0000")
    step = next_step(rep, bangalore, at(LA, 2026, 11, 23, 9, 0))
    kolkata = ZoneInfo("Asia/Kolkata")
    assert [f"{s:%a %H:%M}" for s in step.slots] == ["Wed 09:00", "Wed 09:30"]
    assert all(s.tzinfo == kolkata for s in step.slots)
    assert [f"{s.astimezone(LA):%a %H:%M}" for s in step.slots] == ["Tue 19:30", "Tue 20:00"]
    assert step.text == "Would this Wednesday at 9 or 9:30 a.m. your time work for you?"
    assert [n.code for n in step.notes] == ["no-overlap"]
    assert step.notes[0].message == (
        "no time in the 21 days after 2026-11-23 22:30 Asia/Kolkata is inside both "
        "Freda Whitehouse's hours (Mon-Fri 09:00-17:00 America/Los_Angeles) and Dana Jones's "
        "hours (Mon-Fri 09:00-17:00 Asia/Kolkata) between 8 a.m. and 9 p.m. for Dana Jones; "
        "proposing the nearest (2026-11-24 19:30 America/Los_Angeles for Freda Whitehouse); "
        "widen the hours, correct a time zone, or give explicit slots"
    )


def test_london_and_los_angeles_office_hours_never_meet_and_still_get_a_slot() -> None:
    step = next_step(
        caller(tz="Europe/London"), prospect(tz="America/Los_Angeles"), at(LON, 2026, 1, 12, 8)
    )
    assert [n.code for n in step.notes] == ["no-overlap"]
    for slot in step.slots:
        assert time(8) <= slot.time() < time(21) and slot.weekday() < 5


# --- explicit slots ------------------------------------------------------------------------


def test_explicit_slots_take_precedence_in_the_prospect_zone() -> None:
    p = prospect(
        tz="America/Chicago", slots=(datetime(2026, 11, 27, 15, 0), datetime(2026, 11, 27, 14, 0))
    )
    step = next_step(caller(), p, at(CHI, 2026, 11, 23, 8, 0))
    assert walls(step.slots) == ["Fri 2026-11-27 14:00 -0600", "Fri 2026-11-27 15:00 -0600"]
    assert step.phrase == "this Friday at 2 or 3 p.m."
    assert tuple(n.message for n in step.notes) == ()


def test_explicit_slots_may_be_aware_or_text() -> None:
    p = prospect(
        tz="America/Chicago",
        slots=(at(UTC, 2026, 11, 27, 20, 0), "2026-11-27 15:00"),  # type: ignore[arg-type]
    )
    step = next_step(caller(), p, at(CHI, 2026, 11, 23, 8, 0))
    assert walls(step.slots) == ["Fri 2026-11-27 14:00 -0600", "Fri 2026-11-27 15:00 -0600"]
    bad = prospect(tz="America/Chicago", slots=("soon",))  # type: ignore[arg-type]
    with pytest.raises(SlotError, match=r"cannot read slot 'soon'.*like 2026-11-27 14:00"):
        next_step(caller(), bad, at(CHI, 2026, 11, 23, 8, 0))


def test_a_past_slot_is_bad_input_naming_the_slot() -> None:
    p = prospect(
        tz="America/Chicago",
        slots=(datetime(2026, 11, 20, 14, 0),),
        source="prospects.yaml",
        line=14,
    )
    with pytest.raises(SlotError) as caught:
        next_step(caller(), p, at(CHI, 2026, 11, 23, 8, 0))
    assert str(caught.value) == (
        "prospects.yaml:14: slot 2026-11-20 14:00 for Dana Jones is in the past "
        "(now is 2026-11-23 08:00 America/Chicago); remove it or change it to a later time"
    )


def test_a_slot_outside_hours_is_kept_and_noted() -> None:
    p = prospect(
        tz="America/Chicago", slots=(datetime(2026, 11, 27, 19, 0), datetime(2026, 11, 28, 10, 0))
    )
    step = next_step(caller(tz="Europe/London"), p, at(CHI, 2026, 11, 23, 8, 0))
    assert len(step.slots) == 2
    assert tuple(n.message for n in step.notes) == (
        "slot 2026-11-27 19:00 is outside Dana Jones's hours (Mon-Fri 09:00-17:00)",
        "slot 2026-11-27 19:00 (2026-11-28 01:00 Europe/London) is outside "
        "Freda Whitehouse's hours (Mon-Fri 09:00-17:00)",
        "slot 2026-11-28 10:00 is on a Saturday, not one of Dana Jones's working days",
        "slot 2026-11-28 10:00 (2026-11-28 16:00 Europe/London) is outside "
        "Freda Whitehouse's hours (Mon-Fri 09:00-17:00)",
    )
    assert [n.code for n in step.notes] == [
        "slot-outside-hours",
        "slot-outside-caller-hours",
        "slot-weekend",
        "slot-outside-caller-hours",
    ]
    assert step.phrase == "this Friday at 7 p.m. or this Saturday at 10 a.m. your time"


def test_an_explicit_slot_at_night_is_outside_the_calling_window() -> None:
    p = prospect(
        tz="America/Chicago", hours="Daily 00:00-24:00", slots=(datetime(2026, 11, 24, 6),)
    )
    step = next_step(caller(hours="Daily 00:00-24:00"), p, at(CHI, 2026, 11, 23, 8, 0))
    assert [(n.code, n.message) for n in step.notes] == [
        (
            "slot-outside-calling-window",
            "slot 2026-11-24 06:00 is outside 8 a.m.-9 p.m. in America/Chicago, "
            "Dana Jones's local time",
        )
    ]


def test_doubtful_explicit_slots_are_noted_never_dropped_silently() -> None:
    soon = datetime(2026, 11, 23, 9, 0)
    p = prospect(tz="America/Chicago", slots=(soon, soon))
    step = next_step(caller(), p, at(CHI, 2026, 11, 23, 8, 0))
    assert walls(step.slots) == ["Mon 2026-11-23 09:00 -0600"]
    assert tuple(n.message for n in step.notes) == (
        "slot 2026-11-23 09:00 is less than 2 hours from now (2026-11-23 08:00 America/Chicago)",
        "slot 2026-11-23 09:00 is listed twice; proposing it once",
    )
    assert [n.code for n in step.notes] == ["slot-too-soon", "slot-listed-twice"]
    # Later today is said with its date: a bare "Monday" would mean next week.
    assert step.text == "Would Monday the 23rd at 9 a.m. work for you?"


def test_explicit_slots_in_dst_changes() -> None:
    skipped = prospect(tz="America/New_York", slots=(datetime(2026, 3, 8, 2, 30),))
    with pytest.raises(SlotError, match=r"2026-03-08 02:30 .* does not exist in America/New_York"):
        next_step(None, skipped, at(NY, 2026, 3, 1, 8, 0))
    twice = prospect(
        tz="America/New_York", hours="Daily 00:00-24:00", slots=(datetime(2026, 11, 1, 1, 30),)
    )
    step = next_step(None, twice, at(NY, 2026, 10, 28, 8, 0))
    assert walls(step.slots) == ["Sun 2026-11-01 01:30 -0400"]
    assert tuple(n.message for n in step.notes) == (
        "slot 2026-11-01 01:30 happens twice in America/New_York (clocks go back); using the first",
        "slot 2026-11-01 01:30 is outside 8 a.m.-9 p.m. in America/New_York, "
        "Dana Jones's local time",
    )


# --- next_step -----------------------------------------------------------------------------


def test_next_step_is_a_full_question_with_notes() -> None:
    step = next_step(caller(), prospect(phone="405-555-0199"), at(CHI, 2026, 11, 23, 8, 0))
    assert isinstance(step, NextStep)
    assert step.text == "Would Tuesday at 9 or 10 a.m. work for you?"
    assert step.phrase == "Tuesday at 9 or 10 a.m."
    assert all(slot.tzinfo == CHI for slot in step.slots)
    assert len(step.notes) == 1
    assert step.notes[0].code == "zone-guessed"
    assert "time zone guessed from phone 405-555-0199: America/Chicago" in step.notes[0].message


@pytest.mark.parametrize(
    ("caller_tz", "prospect_tz", "your_time"),
    [
        ("America/Chicago", "America/Chicago", False),
        ("America/Chicago", "America/Winnipeg", False),  # another name, same clock
        (None, "America/Chicago", False),  # the caller's phone (901) is on Central time
        (None, "Europe/London", True),  # ... which differs from London's
        ("America/Chicago", "America/New_York", True),
        ("Europe/London", "Pacific/Auckland", True),
    ],
)
def test_your_time_is_said_when_the_clocks_differ(
    caller_tz: str | None, prospect_tz: str, your_time: bool
) -> None:
    c = caller(tz=caller_tz, hours="Daily 00:00-24:00")
    step = next_step(c, prospect(tz=prospect_tz), at(UTC, 2026, 11, 23, 12, 0))
    assert step.phrase.endswith(" your time") is your_time
    assert "your time work for you?" in step.text or not your_time


def test_next_step_without_a_caller_uses_only_the_prospect_hours() -> None:
    step = next_step(None, prospect(tz="Asia/Tokyo", hours="Sat 10:00-12:00"), None)
    assert all(slot.weekday() == 5 for slot in step.slots)
    assert "your time" not in step.text


# --- resolve_now ---------------------------------------------------------------------------


@pytest.fixture
def denver_machine(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TZ", "America/Denver")
    clock.tzset()
    yield
    monkeypatch.undo()
    clock.tzset()


def test_resolve_now() -> None:
    aware = at(AKL, 2026, 5, 1, 9, 0)
    assert resolve_now(aware, caller()) is aware
    naive = resolve_now(datetime(2026, 1, 5, 9, 0), caller())
    assert naive == at(CHI, 2026, 1, 5, 9, 0)
    assert naive.tzinfo == CHI
    current = resolve_now(None, caller())
    assert current.tzinfo == CHI
    assert abs(current - datetime.now(UTC)) < timedelta(minutes=1)
    # A caller without a zone: their phone's (a Manchester number: London).
    naive = resolve_now(datetime(2026, 7, 6, 9, 0), caller(tz=None, phone="+44 161 496 0000"))
    assert naive.tzinfo == LON and naive.utcoffset() == timedelta(hours=1)


def test_resolve_now_for_a_toll_free_caller_uses_the_machine_zone(denver_machine: None) -> None:
    naive = resolve_now(datetime(2026, 1, 5, 9, 0), caller(tz=None, phone="+1 800 555 0199"))
    assert naive.utcoffset() == timedelta(hours=-7)
    assert naive.astimezone(UTC) == at(UTC, 2026, 1, 5, 16, 0)
    assert resolve_now(None, None).utcoffset() is not None


# --- saying slots --------------------------------------------------------------------------

MONDAY = at(CHI, 2026, 3, 2, 8, 0)  # Monday 2 March 2026
THURSDAY = at(CHI, 2026, 3, 5, 8, 0)


@pytest.mark.parametrize(
    ("now", "slot", "said"),
    [
        (MONDAY, (2026, 3, 2, 16, 30), "Monday the 2nd at 4:30 p.m."),  # later today
        (MONDAY, (2026, 3, 3, 10, 30), "Tuesday at 10:30 a.m."),  # the next day
        (MONDAY, (2026, 3, 6, 14, 0), "this Friday at 2 p.m."),
        (MONDAY, (2026, 3, 8, 9, 0), "this Sunday at 9 a.m."),
        (MONDAY, (2026, 3, 9, 12, 0), "Monday the 9th at noon"),
        (MONDAY, (2026, 3, 11, 12, 30), "Wednesday the 11th at 12:30 p.m."),
        (MONDAY, (2026, 3, 21, 0, 0), "Saturday the 21st at midnight"),
        (MONDAY, (2026, 3, 23, 11, 15), "Monday the 23rd at 11:15 a.m."),
        (MONDAY, (2026, 3, 30, 9, 0), "Monday, March 30th at 9 a.m."),
        (MONDAY, (2027, 3, 1, 9, 0), "Monday, March 1st, 2027 at 9 a.m."),
        (THURSDAY, (2026, 3, 6, 9, 0), "Friday at 9 a.m."),
        (THURSDAY, (2026, 3, 10, 15, 0), "Tuesday at 3 p.m."),
        (THURSDAY, (2026, 3, 11, 9, 0), "Wednesday at 9 a.m."),
        (THURSDAY, (2026, 3, 12, 9, 0), "Thursday the 12th at 9 a.m."),
    ],
)
def test_say_slot(now: datetime, slot: tuple[int, ...], said: str) -> None:
    assert say_slot(at(CHI, *slot), now) == said


@pytest.mark.parametrize(
    ("now", "slots", "said"),
    [
        (THURSDAY, [(2026, 3, 10, 15, 0), (2026, 3, 10, 16, 0)], "Tuesday at 3 or 4 p.m."),
        (MONDAY, [(2026, 3, 2, 9, 0), (2026, 3, 2, 9, 30)], "Monday the 2nd at 9 or 9:30 a.m."),
        (MONDAY, [(2026, 3, 3, 11, 0), (2026, 3, 3, 12, 0)], "Tuesday at 11 a.m. or noon"),
        (MONDAY, [(2026, 3, 3, 12, 0), (2026, 3, 3, 13, 0)], "Tuesday at noon or 1 p.m."),
        (MONDAY, [(2026, 3, 3, 12, 30), (2026, 3, 3, 13, 30)], "Tuesday at 12:30 or 1:30 p.m."),
        (MONDAY, [(2026, 3, 3, 11, 30), (2026, 3, 3, 14, 0)], "Tuesday at 11:30 a.m. or 2 p.m."),
        (
            MONDAY,
            [(2026, 3, 3, 15, 0), (2026, 3, 3, 16, 0), (2026, 3, 3, 17, 0)],
            "Tuesday at 3, 4 or 5 p.m.",
        ),
        (
            MONDAY,
            [(2026, 3, 3, 16, 0), (2026, 3, 6, 9, 0)],
            "Tuesday at 4 p.m. or this Friday at 9 a.m.",
        ),
        (MONDAY, [(2026, 3, 9, 10, 0), (2026, 3, 9, 11, 0)], "Monday the 9th at 10 or 11 a.m."),
    ],
)
def test_say_slots(now: datetime, slots: list[tuple[int, ...]], said: str) -> None:
    assert say_slots([at(CHI, *s) for s in slots], now) == said


def test_no_slot_is_ever_said_as_today_or_tomorrow() -> None:
    for days in range(0, 40):
        for hour in (0, 9, 13, 20, 23):
            said = say_slot(MONDAY.replace(hour=hour) + timedelta(days=days), MONDAY)
            assert not re.search(r"\b(today|tomorrow|tonight)\b", said), said


def test_your_time_is_appended_once() -> None:
    slots = [at(CHI, 2026, 3, 10, 15, 0), at(CHI, 2026, 3, 10, 16, 0)]
    assert say_slots(slots, THURSDAY, your_time=True) == "Tuesday at 3 or 4 p.m. your time"
    assert say_slot(slots[0], THURSDAY, your_time=True) == "Tuesday at 3 p.m. your time"


def test_days_are_counted_in_the_slot_zone() -> None:
    # Monday 23:30 in Los Angeles is already Tuesday evening in Auckland.
    now = at(LA, 2026, 3, 2, 23, 30)
    assert say_slot(at(AKL, 2026, 3, 3, 22, 0), now) == "Tuesday the 3rd at 10 p.m."
    assert say_slot(at(AKL, 2026, 3, 4, 9, 0), now) == "Wednesday at 9 a.m."
    assert say_slot(at(LA, 2026, 3, 3, 9, 0), now) == "Tuesday at 9 a.m."


def test_said_slots_never_read_like_a_clock_display() -> None:
    for hour in range(24):
        for minute in (0, 30):
            said = say_slot(at(CHI, 2026, 3, 3, hour, minute), MONDAY)
            clock_time = said.split(" at ")[1]
            assert ":00" not in clock_time
            assert re.fullmatch(r"(1[0-2]|[1-9])(:30)? [ap]\.m\.|noon|midnight", clock_time)


def test_nothing_to_say_is_an_error() -> None:
    with pytest.raises(SlotError, match="no slot to say"):
        say_slots([], MONDAY)


# --- spreading over a call list ------------------------------------------------------------

CITIES = ("212-555-0100", "312-555-0100", "213-555-0100", "+44 20 7946 0958", "405-555-0199")


def call_list(size: int) -> list[Prospect]:
    return [
        Prospect(f"Prospect {n}", "XYZ Company", phone=CITIES[n % len(CITIES)]) for n in range(size)
    ]


def test_a_call_list_drafted_at_8am_is_spread_over_many_slots() -> None:
    planner = SlotPlanner(caller(), datetime(2026, 11, 23, 8, 0), max_per_slot=3)
    chicago = [prospect(tz="America/Chicago") for _ in range(50)]
    phrases = [planner.next_step(p).phrase for p in chicago]
    assert phrases[:10] == [
        *["Tuesday at 9 or 10 a.m."] * 3,
        *["Tuesday at 9:30 or 10:30 a.m."] * 3,
        *["Tuesday at 11 a.m. or noon"] * 3,
        "Tuesday at 11:30 a.m. or 12:30 p.m.",
    ]
    assert max(planner.offered().values()) == 3
    assert len(set(phrases)) >= 15


def test_a_hundred_prospects_never_share_a_slot_more_than_n_times_and_repeat_exactly() -> None:
    now = datetime(2026, 11, 23, 8, 0)

    def plan() -> list[tuple[datetime, ...]]:
        planner = SlotPlanner(caller(), now)  # the default: at most 5 prospects per slot
        steps = [planner.next_step(p) for p in call_list(100)]
        assert max(planner.offered().values()) <= MAX_PER_SLOT == 5
        offered = Counter(slot.astimezone(UTC) for step in steps for slot in step.slots)
        assert offered == Counter(planner.offered())
        for step in steps:
            for slot in step.slots:
                assert inside(parse_hours("Mon-Fri 09:00-17:00"), slot)
                assert inside(parse_hours("Mon-Fri 09:00-17:00"), slot.astimezone(CHI))
                assert slot.date() != date(2026, 11, 26)  # Thanksgiving
        return [step.slots for step in steps]

    first = plan()
    assert first == plan()
    assert len({slot for slots in first for slot in slots}) >= 40


def test_explicit_slots_count_toward_the_spread() -> None:
    planner = SlotPlanner(caller(), datetime(2026, 11, 23, 8, 0), max_per_slot=1)
    chose = prospect(tz="America/Chicago", slots=(datetime(2026, 11, 24, 9, 0),))
    assert planner.next_step(chose).phrase == "Tuesday at 9 a.m."
    assert planner.next_step(prospect(tz="America/Chicago")).phrase == "Tuesday at 10 or 11 a.m."


def test_the_spread_limit_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_per_slot must be at least 1, not 0"):
        SlotPlanner(caller(), None, max_per_slot=0)


# --- the number and the hours as the listener hears them ------------------------------------


@pytest.mark.parametrize(
    ("number", "listener", "home", "said"),
    [
        ("312-555-0142", "GB", "US", "+1 312-555-0142"),  # a London prospect of a Chicago rep
        ("312-555-0142", "US", "US", "312-555-0142"),
        ("312-555-0142", "CA", "US", "312-555-0142"),  # one numbering plan: no country code
        ("312-555-0142", None, "US", "312-555-0142"),
        ("020 7946 0958", "GB", "GB", "020 7946 0958"),  # a UK rep calling Manchester
        ("+44 20 7946 0958", "GB", "US", "020 7946 0958"),
        ("+44 20 7946 0958", "US", "US", "+44 20 7946 0958"),
        ("+44 20 7946 0958", "IN", "GB", "+44 20 7946 0958"),
        ("312-555-0142 ext. 12", "GB", "US", "+1 312-555-0142, extension 12"),
    ],
)
def test_say_number_is_national_at_home_and_international_abroad(
    number: str, listener: str | None, home: str, said: str
) -> None:
    assert say_number(number, listener, home) == said


def test_say_number_rejects_what_is_no_number() -> None:
    with pytest.raises(DataError, match="not a phone number: '12'"):
        say_number("12", "GB")


def test_a_london_prospect_hears_the_country_code_in_the_draft() -> None:
    import voicemail_coach as vc

    london = Prospect("Amelia Hart", "Thames Ltd", phone="+44 20 7946 0958", need="fewer disputes")
    d = vc.draft(london, "warm-cold-call", caller(), datetime(2026, 11, 23, 8, 0))
    assert d.text.count("+1 901-555-2120") == 2
    assert [(c.number, c.count) for c in d.callback_numbers] == [("+19015552120", 2)]
    home = Prospect("Dana Jones", "XYZ", phone="405-555-0199", need="fewer disputes")
    d = vc.draft(home, "warm-cold-call", caller(), datetime(2026, 11, 23, 8, 0))
    assert "+1" not in d.text and d.text.count("901-555-2120") == 2


@pytest.mark.parametrize(
    ("available", "prospect_zone", "said", "code"),
    [
        ("between nine and five", LON, "between nine and five Chicago time", None),
        (
            "between nine and noon, Monday to Friday",
            LA,
            "between nine and noon Chicago time, Monday to Friday",
            None,
        ),
        ("from 9 a.m. to 11 a.m.", LON, "from 9 a.m. to 11 a.m. Chicago time", None),
        ("between nine and five", CHI, "between nine and five", None),  # same clock
        ("between nine and five", ZoneInfo("America/Winnipeg"), "between nine and five", None),
        ("9-5 Central time", LON, "9-5 Central time", None),  # already says whose time
        ("most mornings", LON, "most mornings", "available-zone-unsaid"),
    ],
)
def test_the_callers_hours_are_said_with_their_zone_when_the_clocks_differ(
    available: str, prospect_zone: ZoneInfo, said: str, code: str | None
) -> None:
    text, note = say_available(available, CHI, prospect_zone, at(UTC, 2026, 11, 23, 15, 0))
    assert text == said
    assert (note.code if note else None) == code
    if note is not None:
        assert "add 'Chicago time' to it" in note.message


# --- judging a moment found in a hand-written script ---------------------------------------

FRIDAY_3PM = at(CHI, 2026, 11, 27, 15, 0)


@pytest.mark.parametrize(
    ("when", "extra", "expected"),
    [
        (
            at(CHI, 2026, 11, 29, 15, 0),  # "Would Sunday at 3 work?"
            {},
            [("slot-weekend", "Sunday 2026-11-29 at 3 p.m.: Sunday is not a working day")],
        ),
        (
            at(CHI, 2026, 11, 30, 3, 0),  # "Would Monday at 3 a.m. work?"
            {},
            [
                (
                    "slot-outside-calling-window",
                    "Monday 2026-11-30 at 3 a.m.: 3 a.m. is outside 8 a.m.-9 p.m. for the listener",
                )
            ],
        ),
        (
            at(CHI, 2026, 11, 27, 14, 0),  # "today at 2 p.m.", said at 3 p.m.
            {},
            [
                (
                    "slot-in-past",
                    "Friday 2026-11-27 at 2 p.m. is in the past (now is 2026-11-27 15:00)",
                )
            ],
        ),
        (at(CHI, 2026, 11, 30, 10, 0), {"country": "US"}, []),
        (
            at(CHI, 2026, 11, 30, 15, 0),  # 3 p.m. in Chicago is 9 p.m. for a London listener
            {"zone": LON},
            [
                (
                    "slot-outside-calling-window",
                    "Monday 2026-11-30 at 9 p.m.: 9 p.m. is outside 8 a.m.-9 p.m. for the listener",
                )
            ],
        ),
        (at(CHI, 2026, 11, 28, 10, 0), {"hours": parse_hours("Mon-Sat 09:00-17:00")}, []),
    ],
)
def test_assess_moment_says_why_a_proposed_time_is_no_time_to_call(
    when: datetime, extra: dict[str, object], expected: list[tuple[str, str]]
) -> None:
    notes = assess_moment(when, FRIDAY_3PM, **extra)  # type: ignore[arg-type]
    assert [(n.code, n.message) for n in notes] == expected


def test_assess_moment_names_the_holiday_of_the_given_country() -> None:
    wednesday = at(CHI, 2026, 11, 25, 15, 0)
    thursday = at(CHI, 2026, 11, 26, 10, 0)
    assert [(n.code, n.message) for n in assess_moment(thursday, wednesday, country="US")] == [
        ("slot-on-holiday", "Thursday 2026-11-26 is Thanksgiving Day in the US")
    ]
    assert assess_moment(thursday, wednesday, country="GB") == ()
    assert assess_moment(thursday, wednesday) == ()  # no country: holidays are not judged


def test_say_available_for_reads_both_parties_zones() -> None:
    rep = Caller(
        "Freda Whitehouse", "ABC Company", "312-555-0142", available="between nine and five"
    )
    london = prospect(phone="+44 20 7946 0958")
    now = at(UTC, 2026, 11, 23, 15, 0)
    assert say_available_for(rep, london, now) == ("between nine and five Chicago time", None)
    assert say_available_for(rep, prospect(phone="405-555-0199"), now) == (
        "between nine and five",
        None,
    )
    assert say_available_for(caller(), london, now) == (None, None)


def test_a_prospect_of_no_known_country_is_named_in_their_own_note() -> None:
    planner = SlotPlanner(caller(), datetime(2026, 11, 23, 8, 0))
    for name in ("Ana Silva", "Ben Okoro"):
        step = planner.next_step(Prospect(name, "XYZ", timezone="Etc/GMT+3"))
        assert [n.code for n in step.notes] == ["holidays-unknown"]
        assert step.notes[0].message.startswith(f"no country is known for {name}, so")
    # Neither phone nor zone: the caller's clock and holidays are assumed, and zone-unknown
    # already says so.
    step = planner.next_step(Prospect("Cy Doe", "XYZ"))
    assert [n.code for n in step.notes] == ["zone-unknown"]


def test_a_toll_free_caller_sees_why_their_clock_was_guessed(denver_machine: None) -> None:
    import voicemail_coach as vc

    rep = caller(tz=None, phone="+1 800 555 0199")
    p = Prospect("Dana Jones", "XYZ", timezone="America/Chicago", need="fewer disputes")
    d = vc.draft(p, "warm-cold-call", rep, datetime(2026, 11, 23, 8, 0))  # 8 a.m. in Denver
    said = [f.message for f in d.findings if f.check == "proposed-time"]
    assert len(said) == 1 and "using this machine's zone America/Denver" in said[0]
    # Denver's 9-5 is 10-6 in Chicago: the rep's own hours still apply.
    assert "Would Tuesday at 10 or 11 a.m. your time work for you?" in d.text


def test_a_list_that_uses_up_every_shared_slot_says_so() -> None:
    # Caller 09:00-10:00, prospect 09:00-17:00, both in Chicago: two shared starts a day.
    planner = SlotPlanner(
        caller(hours="Mon-Fri 09:00-10:00"), datetime(2026, 11, 23, 8), max_per_slot=1
    )
    steps = [planner.next_step(prospect(tz="America/Chicago")) for _ in range(16)]
    assert steps[0].phrase == "Tuesday at 9 or 9:30 a.m."
    assert all(step.notes == () for step in steps[:14])  # 14 working days in the horizon
    assert [n.code for n in steps[15].notes] == ["slots-full"]
    assert (
        steps[15]
        .notes[0]
        .message.startswith(
            "every slot inside both parties' hours in the 21 days after 2026-11-23 08:00 "
            "America/Chicago is already offered to as many prospects of this list as "
            "max_per_slot (1) allows; offering Dana Jones the least offered of them again"
        )
    )
    # The least offered shared slots again, inside both parties' hours, first days first.
    assert [steps[14].phrase, steps[15].phrase] == [
        "Tuesday at 9 or 9:30 a.m.",
        "this Wednesday at 9 or 9:30 a.m.",
    ]


def test_a_list_far_longer_than_the_slots_is_drafted_with_offers_spread_evenly() -> None:
    planner = SlotPlanner(caller(), datetime(2026, 11, 23, 8), max_per_slot=5)
    steps = [planner.next_step(prospect(tz="America/Chicago")) for _ in range(3000)]
    assert all(len(step.slots) == 2 for step in steps)
    counts = planner.offered().values()
    assert max(counts) - min(counts) <= 1  # every shared slot offered about as often
    assert max(counts) > 5  # over the cap only because the list outgrew it
    assert {n.code for step in steps for n in step.notes} == {"slots-full"}
    assert all(9 <= slot.hour < 17 and slot.weekday() < 5 for step in steps for slot in step.slots)

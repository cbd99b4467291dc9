"""Calendar holds: tentative events in the slot's zone, with a VTIMEZONE, stable UIDs."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import icalendar

from voicemail_coach.schedule.ics import Hold, calendar, uid

CHI = ZoneInfo("America/Chicago")
LON = ZoneInfo("Europe/London")
STAMP = datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc)


def holds() -> list[Hold]:
    return [
        Hold(
            "id:42",
            "Dana Jones",
            "XYZ Company",
            datetime(2026, 11, 26, 10, 0, tzinfo=CHI),
            "405-555-0199",
            "referral",
            "Hi Dana, this is Freda.",
        ),
        Hold("id:42", "Dana Jones", "XYZ Company", datetime(2026, 11, 26, 11, 0, tzinfo=CHI)),
        Hold("id:7", "Priya Shah", "Thames Freight Ltd", datetime(2026, 11, 27, 14, 0, tzinfo=LON)),
    ]


def test_each_offered_slot_is_a_tentative_event_in_its_own_zone() -> None:
    cal = icalendar.Calendar.from_ical(calendar(holds(), STAMP))
    events = cal.walk("VEVENT")
    assert len(events) == 3
    first = events[0]
    assert str(first["summary"]) == "Hold: call Dana Jones (XYZ Company)"
    assert str(first["status"]) == "TENTATIVE"
    assert first["dtstart"].params["TZID"] == "America/Chicago"
    assert first.decoded("dtstart") == datetime(2026, 11, 26, 10, 0, tzinfo=CHI)
    assert (first.decoded("dtend") - first.decoded("dtstart")).total_seconds() == 1800
    assert "Their number: 405-555-0199." in str(first["description"])
    assert str(first["description"]).endswith("The voicemail left:\nHi Dana, this is Freda.")
    assert events[2]["dtstart"].params["TZID"] == "Europe/London"


def test_every_zone_used_has_its_vtimezone() -> None:
    cal = icalendar.Calendar.from_ical(calendar(holds(), STAMP))
    assert sorted(str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")) == [
        "America/Chicago",
        "Europe/London",
    ]


def test_uids_are_stable_per_prospect_and_moment() -> None:
    a, b, c = holds()
    assert uid(a) == uid(Hold("id:42", "Dana J.", "XYZ", a.slot.astimezone(LON)))
    assert len({uid(a), uid(b), uid(c)}) == 3
    assert calendar(holds(), STAMP) == calendar(holds(), STAMP)


def test_a_line_break_in_prospect_text_cannot_forge_an_event() -> None:
    evil = Hold(
        "id:9",
        "Dana\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:forged",
        "X",
        datetime(2026, 11, 26, 10, 0, tzinfo=CHI),
    )
    cal = icalendar.Calendar.from_ical(calendar([evil], STAMP))
    assert len(cal.walk("VEVENT")) == 1
    assert "forged" in str(cal.walk("VEVENT")[0]["summary"])

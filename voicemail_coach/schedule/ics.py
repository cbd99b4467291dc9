"""Calendar holds for the slots a voicemail offers: an iCalendar file the rep imports.

Each offered slot becomes a tentative event in the slot's own time zone, with a VTIMEZONE for
that zone (a local time without one is misread by Outlook), a UID that stays the same when the
same slot is offered to the same prospect again (so re-importing updates rather than
duplicates), and the prospect's name, company and phone in the text. Prospect text is escaped by
`icalendar`, so a name holding a line break cannot forge a second event. `icalendar` is imported
only when a calendar is written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

PRODID = "-//voicemail-coach//calendar holds//EN"
DEFAULT_MINUTES = 30


@dataclass(frozen=True)
class Hold:
    """One offered slot to hold in the rep's calendar."""

    key: str
    prospect: str
    company: str
    slot: datetime
    phone: str | None = None
    style: str | None = None
    script: str | None = None
    minutes: int = DEFAULT_MINUTES


def uid(hold: Hold) -> str:
    """Return the event's stable UID: the same prospect and moment give the same UID."""
    moment = hold.slot.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    digest = hashlib.sha256(f"{hold.key}|{moment}".encode()).hexdigest()[:24]
    return f"{digest}@voicemail-coach"


def calendar(holds: Iterable[Hold], stamp: datetime) -> bytes:
    """Return an iCalendar (RFC 5545) file with one tentative event per hold.

    `stamp` (aware) is the DTSTAMP of every event. Slots must be aware datetimes whose zone is
    an IANA zone (`zoneinfo.ZoneInfo`); each zone used gets its VTIMEZONE.
    """
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    for hold in holds:
        event = icalendar.Event()
        event.add("uid", uid(hold))
        event.add("dtstamp", stamp.astimezone(timezone.utc))
        event.add("dtstart", hold.slot)
        event.add("dtend", hold.slot + timedelta(minutes=hold.minutes))
        event.add("summary", f"Hold: call {hold.prospect} ({hold.company})")
        lines = [f"Offered in a voicemail to {hold.prospect} at {hold.company}."]
        if hold.phone:
            lines.append(f"Their number: {hold.phone}.")
        if hold.style:
            lines.append(f"Style: {hold.style}.")
        lines.append("Tentative: confirm or delete it once they answer.")
        if hold.script:
            lines += ["", "The voicemail left:", hold.script]
        event.add("description", "\n".join(lines))
        event.add("status", "TENTATIVE")
        event.add("transp", "OPAQUE")
        cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())

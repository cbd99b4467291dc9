"""Who to call on a day, and why, in the order the sun comes up: the ``due`` command's list.

Each prospect's place in the cadence comes from `cadence.status` over its logged attempts (the
data's ``attempts`` count as made before the log). A prospect is called at the start of their
own working day (their ``hours``, else 9 a.m.) in their zone, so the list runs east first
("follow the sun"); a prospect whose last voicemail offered a slot on that day is due at that
slot instead ("you said you would call Thursday at 10 a.m."); when that comes before the
cadence's wait has run out, it is a call without a voicemail (two voicemails never come a day
or two apart). Weekends and the caller's days
off (public holidays of the caller's country, the config's ``days_off``) have nobody due, and
the cadence's waits are counted in the caller's business days.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from ..models import Caller, Prospect
from ..schedule import DEFAULT, zone_for
from .cadence import DEFAULT_CADENCE, Due, Step, add_business_days, status
from .log import Attempt


@dataclass(frozen=True)
class Call:
    """One call to make on the day: when (an instant), to whom, which attempt, and why."""

    at: datetime
    prospect: Prospect
    zone: ZoneInfo
    attempt: int
    of: int
    voicemail: bool
    reason: str
    promised: bool = False

    def to_dict(self) -> dict[str, object]:
        """Return the JSON form."""
        return {
            "at": self.at.isoformat(),
            "prospect": self.prospect.name,
            "company": self.prospect.company,
            "id": self.prospect.id,
            "zone": self.zone.key,
            "attempt": self.attempt,
            "of": self.of,
            "voicemail": self.voicemail,
            "promised": self.promised,
            "reason": self.reason,
        }


def clock(moment: datetime) -> str:
    """Say a time of day as a listener hears it: '10 a.m.', '2:30 p.m.'."""
    hour = moment.hour % 12 or 12
    said = f"{hour}" if moment.minute == 0 else f"{hour}:{moment.minute:02d}"
    return f"{said} {'a.m.' if moment.hour < 12 else 'p.m.'}"


def when_said(moment: datetime, on: date) -> str:
    """Say a past day relative to `on`: 'Tuesday' within six days, else 'Tue 2026-11-17'."""
    if 0 <= (on - moment.date()).days < 7:
        return f"{moment:%A}"
    return f"{moment:%a %Y-%m-%d}"


def agenda(
    prospects: Iterable[tuple[str, Prospect]],
    attempts_of: Callable[[str], Sequence[Attempt]],
    on: date,
    caller: Caller | None,
    cadence: Sequence[Step] = DEFAULT_CADENCE,
    day_off: Callable[[date], object] = lambda _: None,
) -> list[Call]:
    """Return the calls to make on `on`, earliest instant first (east first, promises at time).

    `day_off` returns a reason (truthy) for a day nobody is called; the caller's weekends are
    always off. `prospects` are (key, prospect) pairs; `attempts_of` gives a key's attempts.
    """
    if on.weekday() >= 5 or day_off(on):
        return []
    calls: list[tuple[datetime, int, Call]] = []
    for order, (key, prospect) in enumerate(prospects):
        entry = status(key, attempts_of(key), on, cadence, lambda d: bool(day_off(d)))
        if not isinstance(entry, Due):
            continue
        number = entry.attempt + prospect.attempts
        if number > len(cadence):
            continue
        zone, _ = zone_for(prospect, caller)
        start = (prospect.hours or DEFAULT).start
        at = datetime.combine(on, start if isinstance(start, time) else time(9), zone)
        said = [f"attempt {number} of {len(cadence)}"]
        voicemail = cadence[number - 1].voicemail
        said.append("leave a voicemail" if voicemail else "call, no voicemail")
        last = entry.last
        promised = False
        if last is not None:
            said.append(f"last: {last.outcome} {when_said(last.at.astimezone(zone), on)}")
            today = [s.astimezone(zone) for s in last.slots if s.astimezone(zone).date() == on]
            if today:
                at, promised = today[0], True
                times = " or ".join(clock(s) for s in today)
                said.append(f"you said you would call {on:%A} at {times}")
                wait = cadence[entry.attempt - 2].wait
                ready = add_business_days(last.at.date(), wait, lambda d: bool(day_off(d)))
                if voicemail and on < ready:  # a promise kept early: never two voicemails close
                    voicemail = False
                    said[1] = f"call, no voicemail before {ready:%a %Y-%m-%d}"
            elif entry.overdue_days:
                said.append(f"{entry.overdue_days} day{'s' * (entry.overdue_days != 1)} overdue")
        else:
            said.append("first call of the cycle")
        call = Call(at, prospect, zone, number, len(cadence), voicemail, "; ".join(said), promised)
        calls.append((at, order, call))
    calls.sort(key=lambda c: (c[0], c[1]))
    return [c for _, _, c in calls]

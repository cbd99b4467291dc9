"""The cadence: which attempts leave a voicemail, how long to wait after each, and who is due.

A cadence is a list of steps, one per attempt of a cycle. Each step says whether to leave a
voicemail if nobody picks up, and how many business days (weekdays that are not a day off) to
wait before the next attempt. The default is the common published outbound cadence of calls on
days 1, 3, 7, 14 and 21 of a cycle (five attempts over three weeks, the waits counted in
business days: 2, 2, 5 and 5), with a voicemail on every attempt but the second, so no two
voicemails are ever a day or two apart, and the fifth the last (the straight pitch). A config's
``cadence:`` may replace it::

    cadence:
      - {voicemail: yes, wait: 2}
      - {voicemail: no, wait: 2}
      - {voicemail: yes, wait: 3}

Who is due on a day: a prospect never called (first attempt); one whose wait after the last
attempt has run out (or who was offered a slot on that day: call when you said you would); never
one whose cycle ended (a meeting booked, not interested, a wrong number), who was reached
(connected, called back), or who had every attempt of the cadence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..errors import ConfigError
from .log import ENDS_CYCLE, REACHED, Attempt

SOURCE = (
    "sales practitioner guidance: keep track of who you called and how often, follow up "
    "persistently and politely with a different message each time, until a time is set"
)


@dataclass(frozen=True)
class Step:
    """One attempt of a cycle: leave a voicemail or not, then wait this many business days."""

    voicemail: bool
    wait: int


DEFAULT_CADENCE: tuple[Step, ...] = (
    Step(True, 2),
    Step(False, 2),
    Step(True, 5),
    Step(True, 5),
    Step(True, 0),
)
"""Calls on days 1, 3, 7, 14 and 21; a voicemail on all but the second; the fifth is the last."""


@dataclass(frozen=True)
class Due:
    """A prospect to call on a day: which attempt it is, whether to leave a voicemail, and why."""

    key: str
    attempt: int
    voicemail: bool
    reason: str
    last: Attempt | None = None
    overdue_days: int = 0


def parse_cadence(raw: Any, where: str) -> tuple[Step, ...]:
    """Validate a config's ``cadence:`` (a list of {voicemail: yes|no, wait: DAYS})."""
    if not isinstance(raw, list) or not raw:
        raise ConfigError(
            f"{where}: cadence must be a list of steps like {{voicemail: yes, wait: 2}}"
        )
    steps = []
    for number, item in enumerate(raw, 1):
        if not isinstance(item, dict) or set(item) - {"voicemail", "wait"}:
            raise ConfigError(
                f"{where}: cadence step {number} must be a mapping with voicemail: and wait:"
            )
        flag = str(item.get("voicemail", "yes")).strip().lower()
        if flag not in ("yes", "no", "true", "false", "on", "off"):
            raise ConfigError(f"{where}: cadence step {number}: voicemail must be yes or no")
        try:
            wait = int(str(item.get("wait", 0)).strip())
        except ValueError:
            raise ConfigError(
                f"{where}: cadence step {number}: wait must be a whole number of business days"
            ) from None
        if wait < 0 or wait > 60:
            raise ConfigError(f"{where}: cadence step {number}: wait must be 0 to 60 days")
        steps.append(Step(flag in ("yes", "true", "on"), wait))
    return tuple(steps)


def add_business_days(start: date, days: int, day_off: Callable[[date], bool]) -> date:
    """Return the date `days` business days after `start` (weekends and days off skipped)."""
    moment = start
    left = days
    while left > 0:
        moment += timedelta(days=1)
        if moment.weekday() < 5 and not day_off(moment):
            left -= 1
    return moment


def attempts_made(attempts: Iterable[Attempt]) -> int:
    """Return how many attempts of the cycle were made (a reached outcome is not an attempt)."""
    return sum(1 for a in attempts if a.outcome not in REACHED)


def _never(_: date) -> bool:
    return False


def status(
    key: str,
    attempts: Sequence[Attempt],
    on: date,
    cadence: Sequence[Step] = DEFAULT_CADENCE,
    day_off: Callable[[date], bool] = _never,
) -> Due | str:
    """Return the Due entry for one prospect on a day, or why they are not due (a sentence)."""
    if not attempts:
        step = cadence[0]
        return Due(key, 1, step.voicemail, "first attempt of the cycle")
    last = attempts[-1]
    when = last.at.date()
    if last.outcome in ENDS_CYCLE:
        return f"cycle ended: {last.outcome} on {when:%a %Y-%m-%d}"
    if last.outcome in REACHED:
        return f"reached: {last.outcome} on {when:%a %Y-%m-%d}; log a meeting or start a new cycle"
    made = attempts_made(attempts)
    if made >= len(cadence):
        return f"cycle over: all {len(cadence)} attempts made, the last on {when:%a %Y-%m-%d}"
    step = cadence[made]
    offered = [s for s in last.slots if s.date() == on]
    if offered:
        said = " or ".join(f"{s:%H:%M}" for s in offered)
        return Due(
            key,
            made + 1,
            step.voicemail,
            f"you offered {on:%A} at {said} in your last voicemail: call then",
            last,
        )
    ready = add_business_days(when, cadence[made - 1].wait, day_off)
    if on < ready:
        return f"next attempt on {ready:%a %Y-%m-%d} ({cadence[made - 1].wait} business days)"
    late = (on - ready).days
    reason = f"attempt {made + 1} of {len(cadence)}: {cadence[made - 1].wait} business days since "
    reason += f"{last.outcome} on {when:%a %Y-%m-%d}"
    return Due(key, made + 1, step.voicemail, reason, last, late)


def due(
    keys: Iterable[str],
    attempts_of: Callable[[str], Sequence[Attempt]],
    on: date,
    cadence: Sequence[Step] = DEFAULT_CADENCE,
    day_off: Callable[[date], bool] = _never,
) -> list[Due]:
    """Return who is due on a day, most overdue first, then in the order given."""
    found = []
    for order, key in enumerate(keys):
        entry = status(key, attempts_of(key), on, cadence, day_off)
        if isinstance(entry, Due):
            found.append((-entry.overdue_days, order, entry))
    return [entry for _, _, entry in sorted(found, key=lambda t: (t[0], t[1]))]

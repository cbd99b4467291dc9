"""Days nobody should be offered a call: public holidays of both parties, and configured days off.

Public holidays come from the ``holidays`` package (observed days included: "Independence Day
(observed)" on Friday 2026-07-03), imported on first use only (it costs about 0.1-0.2 s), so
``score`` on a script without a country never loads it. A UK party without a subdivision gets
England's bank holidays (Easter Monday and the August bank holiday are not UK-wide).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

__all__ = [
    "Calendar",
    "Party",
    "country_said",
    "holiday_name",
    "parse_days_off",
    "parties",
    "supported",
]

_DEFAULT_SUBDIVISION = {"GB": "ENG", "UK": "ENG"}
_COUNTRY_SAID = {
    "US": "the US",
    "GB": "the UK",
    "UK": "the UK",
    "CA": "Canada",
    "AU": "Australia",
    "NZ": "New Zealand",
    "IE": "Ireland",
    "IN": "India",
    "DE": "Germany",
    "FR": "France",
    "ES": "Spain",
    "IT": "Italy",
    "NL": "the Netherlands",
    "MX": "Mexico",
    "JP": "Japan",
    "SG": "Singapore",
}
_DAYS_OFF_HOW = "write dates like 2026-12-24 or ranges like 2026-12-28..2026-12-31"
_RANGE = re.compile(r"\s*(\d{4}-\d{2}-\d{2})\s*(?:(?:\.\.|to|/|\u2013)\s*(\d{4}-\d{2}-\d{2}))?\s*")
MAX_RANGE_DAYS = 366


def parse_days_off(raw: object) -> frozenset[date]:
    """Return the dates of a `days_off:` value: a date, a range or a list of them.

    Accepted forms: ``2026-12-24``, ``2026-12-28..2026-12-31`` (both ends included; ``to`` and
    ``/`` work too), or a list of these. Raise ValueError saying what is wrong and how to write it.
    """
    items = raw if isinstance(raw, list | tuple) else [raw]
    days: set[date] = set()
    for item in items:
        if isinstance(item, date):
            days.add(item)
            continue
        text = str(item)
        match = _RANGE.fullmatch(text)
        if not match:
            raise ValueError(f"cannot read day off {text!r}; {_DAYS_OFF_HOW}")
        try:
            first = date.fromisoformat(match[1])
            last = date.fromisoformat(match[2]) if match[2] else first
        except ValueError:
            raise ValueError(f"day off {text!r} is not a calendar date; {_DAYS_OFF_HOW}") from None
        if last < first:
            raise ValueError(f"day-off range {text!r} ends before it starts; {_DAYS_OFF_HOW}")
        if (last - first).days >= MAX_RANGE_DAYS:
            raise ValueError(f"day-off range {text!r} is longer than a year; split or shorten it")
        days.update(first + timedelta(days=n) for n in range((last - first).days + 1))
    return frozenset(days)


@lru_cache(maxsize=256)
def supported(country: str, subdivision: str | None = None) -> bool:
    """Return whether the holidays package knows the country (and subdivision)."""
    try:
        _table(country, subdivision, 2026)
    except (NotImplementedError, KeyError):
        return False
    return True


@lru_cache(maxsize=1024)
def _table(country: str, subdivision: str | None, year: int) -> dict[date, str]:
    """Return {date: name} of a country's public holidays in a year (observed days included)."""
    import holidays  # lazy: only when slots are planned or a found time is judged

    code = country.upper()
    subdiv = subdivision.upper() if subdivision else _DEFAULT_SUBDIVISION.get(code)
    found = holidays.country_holidays(code, subdiv=subdiv, years=year)
    return {day: str(name) for day, name in sorted(found.items())}


def holiday_name(day: date, country: str, subdivision: str | None = None) -> str | None:
    """Return the name of the public holiday on a day in a country, or None (a working day)."""
    return _table(country, subdivision, day.year).get(day)


def country_said(country: str) -> str:
    """Return how a message names a country: 'the US', 'the UK', 'Canada', else the code."""
    return _COUNTRY_SAID.get(country.upper(), country.upper())


@dataclass(frozen=True)
class Party:
    """One side of the call whose public holidays apply: country, subdivision, who it is."""

    country: str
    subdivision: str | None = None
    whose: str = ""


@dataclass(frozen=True)
class Calendar:
    """The days on which no call is proposed: both parties' holidays and the days off."""

    parties: tuple[Party, ...] = ()
    days_off: frozenset[date] = field(default_factory=frozenset)

    def closed(self, day: date) -> str | None:
        """Return why nobody should be called on a day ('Thanksgiving Day in the US'), or None."""
        for party in self.parties:
            name = holiday_name(day, party.country, party.subdivision)
            if name is not None:
                where = country_said(party.country)
                if party.subdivision:
                    where = f"{party.subdivision.upper()}, {where}"
                return f"{name} in {where}"
        if day in self.days_off:
            return "a day off (days_off in the config)"
        return None

    def key(self) -> tuple[object, ...]:
        """Return a hashable key for caching plans that depend on this calendar."""
        return (self.parties, self.days_off)


def parties(found: Iterable[tuple[str | None, str | None, str]]) -> tuple[Party, ...]:
    """Return the distinct parties with a known country, in order."""
    out: list[Party] = []
    for country, subdivision, whose in found:
        if not country:
            continue
        party = Party(country.upper(), subdivision.upper() if subdivision else None, whose)
        if all((p.country, p.subdivision) != (party.country, party.subdivision) for p in out):
            out.append(party)
    return tuple(out)

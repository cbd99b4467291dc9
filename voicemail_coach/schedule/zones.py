"""Whose clock and whose calendar: time zones and countries of the caller and the prospect.

- The prospect's zone is their ``timezone``, else the one zone ``phonenumbers`` gives for their
  ``phone`` (a ``zone-guessed`` note), else the caller's zone (a ``zone-unknown`` note). A
  national number is read in the caller's phone's country, else the US.
- The caller's zone is their ``timezone``, else the one zone of their phone (a
  ``caller-zone-guessed`` note), else the machine's zone, else UTC (a ``caller-zone-unknown``
  note: an 800 number spans every North American zone).
- A party's country (for public holidays and for saying the number) is the record's
  ``country`` (with ``subdivision``), else the region of its phone, else the country of its
  ``timezone`` (tzdata's zone.tab).
"""

from __future__ import annotations

import contextlib
import os
from difflib import get_close_matches
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from ..errors import SlotError
from ..models import Caller, Note, Prospect

__all__ = [
    "caller_zone",
    "country_of",
    "home_region",
    "machine_zone",
    "phone_region",
    "zone_country",
    "zone_for",
    "zone_named",
]


def zone_named(name: str, whose: str, record: Prospect | None = None) -> ZoneInfo:
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
        path=record.source if record else None,
        line=record.line if record else None,
    )


@cache
def _known_zones() -> frozenset[str]:
    """Return every IANA zone name this system (or the tzdata package) knows."""
    return frozenset(available_timezones())


def _pn() -> Any:
    """Return phonenumbers, imported here: scoring a script never needs its zone tables."""
    import phonenumbers

    return phonenumbers


@cache
def home_region(phone: str) -> str:
    """Return the region of the caller's own number (national numbers are read in it), else US."""
    pn = _pn()
    with contextlib.suppress(pn.NumberParseException):
        return str(pn.region_code_for_number(pn.parse(phone, "US")) or "US")
    return "US"


@lru_cache(maxsize=4096)
def _phone_facts(phone: str, region: str) -> tuple[str | None, tuple[str, ...]]:
    """Return (country, zones) of a number read in a region, from one parse of it.

    Both the holidays (country) and the clock (zones) of a prospect come from their phone: one
    parse serves both. Cached by the number as written (call lists repeat numbers).
    """
    pn = _pn()
    from phonenumbers import timezone as phone_zones

    try:
        number = pn.parse(phone, region)
    except pn.NumberParseException:
        return None, ()
    found = pn.region_code_for_number(number)
    zones = phone_zones.time_zones_for_number(number)
    known = _known_zones()
    return (
        str(found) if found and found != "001" else None,
        tuple(z for z in zones if z in known),
    )


def phone_region(phone: str, region: str = "US") -> str | None:
    """Return the country (ISO code) of a number read in a region, or None if it is no number."""
    return _phone_facts(phone, region)[0]


def _zones_in(phone: str, region: str) -> tuple[str, ...]:
    """Return the zones of a number read in a region (cached: call lists repeat area codes)."""
    return _phone_facts(phone, region)[1]


def _region_of_caller(caller: Caller | None) -> str:
    """Return the region national numbers are read in: the caller's country, else their phone's."""
    if caller is None:
        return "US"
    country = getattr(caller, "country", None)  # `sources` adds the field; until then, absent
    if country:
        return str(country).upper()
    return home_region(caller.phone) if caller.phone else "US"


def machine_zone() -> ZoneInfo | None:
    """Return this machine's IANA zone from $TZ or /etc/localtime, or None when it has no name."""
    names = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            names.append(target.split("zoneinfo/", 1)[1])
    for name in names:
        if name and name in _known_zones():
            return ZoneInfo(name)
    return None


def caller_zone(caller: Caller | None) -> tuple[ZoneInfo | None, Note | None]:
    """Return the caller's zone and a note when it was guessed or fell back; None without one."""
    if caller is None:
        return None, None
    if caller.timezone:
        return zone_named(caller.timezone, f"caller {caller.name}"), None
    fix = "add a timezone to the caller to be sure"
    zones = _zones_in(caller.phone, _region_of_caller(caller)) if caller.phone else ()
    if len(zones) == 1:
        guess = f"caller's time zone guessed from phone {caller.phone}: {zones[0]}"
        return ZoneInfo(zones[0]), Note("caller-zone-guessed", f"{guess}; {fix}")
    if zones:
        why = f"caller's phone {caller.phone} spans {len(zones)} time zones"
    else:
        why = f"no time zone is known for the caller's phone {caller.phone}"
    machine = machine_zone()
    using = f"using this machine's zone {machine.key}" if machine else "using UTC"
    return machine or ZoneInfo("UTC"), Note("caller-zone-unknown", f"{why}; {using}; {fix}")


def zone_for(prospect: Prospect, caller: Caller | None) -> tuple[ZoneInfo, Note | None]:
    """Return the prospect's zone and a note when it was guessed or fell back."""
    if prospect.timezone:
        return zone_named(prospect.timezone, prospect.name, prospect), None
    own = caller_zone(caller)[0]
    fallback = own or ZoneInfo("UTC")
    using = f"using the caller's zone {own.key}" if own else "using UTC"
    fix = f"add a timezone for {prospect.name} to be sure"
    if not prospect.phone:
        return fallback, Note(
            "zone-unknown", f"no time zone or phone for {prospect.name}; {using}; {fix}"
        )
    zones = _zones_in(prospect.phone, _region_of_caller(caller))
    if len(zones) == 1:
        guess = f"time zone guessed from phone {prospect.phone}: {zones[0]}"
        return ZoneInfo(zones[0]), Note("zone-guessed", f"{guess}; {fix}")
    if zones:
        why = f"phone {prospect.phone} spans {len(zones)} time zones"
    else:
        why = f"no time zone is known for phone {prospect.phone}"
    return fallback, Note("zone-unknown", f"{why}; {using}; {fix}")


def country_of(
    record: Caller | Prospect | None, caller: Caller | None = None
) -> tuple[str | None, str | None]:
    """Return a party's (country, subdivision): the record's own, else its phone's region.

    ``country``/``subdivision`` are read with getattr until the `sources` branch adds them to
    the models. A prospect's national number is read in the caller's country.
    """
    if record is None:
        return None, None
    country = getattr(record, "country", None)
    subdivision = getattr(record, "subdivision", None)
    if country:
        return str(country).upper(), str(subdivision).upper() if subdivision else None
    found = None
    if record.phone:
        region = _region_of_caller(caller if isinstance(record, Prospect) else None)
        found = phone_region(record.phone, region)
    if found is None and record.timezone:
        found = zone_country(record.timezone)
    return found, None


@cache
def _zone_countries() -> dict[str, str]:
    """Return {IANA zone: ISO country} from tzdata's zone.tab (the system's as a fallback)."""
    text = ""
    with contextlib.suppress(ImportError, OSError):
        from importlib.resources import files

        text = files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    if not text:
        with contextlib.suppress(OSError):
            text = Path("/usr/share/zoneinfo/zone.tab").read_text(encoding="utf-8")
    found: dict[str, str] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and not line.startswith("#"):
            found[parts[2]] = parts[0]
    return found


def zone_country(zone: str) -> str | None:
    """Return the country of an IANA zone ('America/Denver' -> 'US'), or None (e.g. 'UTC')."""
    return _zone_countries().get(zone)

"""Time-zone names as CRMs and people write them ("Eastern", "PST", "GMT+1") mapped to IANA."""

from __future__ import annotations

import re
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Common names and abbreviations, as HubSpot, Salesforce, Pipedrive, Close and Apollo export
# them, and as people type them. An abbreviation names the zone people mean, with its daylight
# saving: "PST" in July is still Pacific time.
ALIASES: dict[str, str] = {
    "eastern": "America/New_York",
    "eastern time": "America/New_York",
    "eastern time (us & canada)": "America/New_York",
    "us eastern": "America/New_York",
    "est": "America/New_York",
    "edt": "America/New_York",
    "et": "America/New_York",
    "central": "America/Chicago",
    "central time": "America/Chicago",
    "central time (us & canada)": "America/Chicago",
    "us central": "America/Chicago",
    "cst": "America/Chicago",
    "cdt": "America/Chicago",
    "ct": "America/Chicago",
    "mountain": "America/Denver",
    "mountain time": "America/Denver",
    "mountain time (us & canada)": "America/Denver",
    "us mountain": "America/Denver",
    "mst": "America/Denver",
    "mdt": "America/Denver",
    "mt": "America/Denver",
    "arizona": "America/Phoenix",
    "pacific": "America/Los_Angeles",
    "pacific time": "America/Los_Angeles",
    "pacific time (us & canada)": "America/Los_Angeles",
    "us pacific": "America/Los_Angeles",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "pt": "America/Los_Angeles",
    "alaska": "America/Anchorage",
    "akst": "America/Anchorage",
    "akdt": "America/Anchorage",
    "hawaii": "Pacific/Honolulu",
    "hst": "Pacific/Honolulu",
    "atlantic": "America/Halifax",
    "atlantic time (canada)": "America/Halifax",
    "ast": "America/Halifax",
    "adt": "America/Halifax",
    "newfoundland": "America/St_Johns",
    "eastern standard time": "America/New_York",
    "eastern daylight time": "America/New_York",
    "central standard time": "America/Chicago",
    "central daylight time": "America/Chicago",
    "mountain standard time": "America/Denver",
    "mountain daylight time": "America/Denver",
    "pacific standard time": "America/Los_Angeles",
    "pacific daylight time": "America/Los_Angeles",
    "alaska standard time": "America/Anchorage",
    "hawaii standard time": "Pacific/Honolulu",
    "utc": "UTC",
    "gmt": "Europe/London",
    "uk": "Europe/London",
    "london": "Europe/London",
    "bst": "Europe/London",
    "wet": "Europe/Lisbon",
    "cet": "Europe/Paris",
    "cest": "Europe/Paris",
    "central european time": "Europe/Paris",
    "eet": "Europe/Athens",
    "eest": "Europe/Athens",
    "ist": "Asia/Kolkata",
    "india": "Asia/Kolkata",
    "jst": "Asia/Tokyo",
    "aest": "Australia/Sydney",
    "aedt": "Australia/Sydney",
    "acst": "Australia/Adelaide",
    "awst": "Australia/Perth",
    "nzst": "Pacific/Auckland",
    "nzdt": "Pacific/Auckland",
}

_SPACES = re.compile(r"[\s_]+")
_NAMED = re.compile(r"\(([A-Za-z]+(?:/[A-Za-z0-9_+-]+)+)\)")
# "GMT+1", "UTC-05:00", "(GMT-05:00) Eastern Time (US & Canada)"
_OFFSET = re.compile(
    r"^\(?(?:gmt|utc)\s*(?P<sign>[+\u2212-])\s*(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?\)?"
    r"\s*(?P<rest>.*)$"
)


@cache
def _is_zone(name: str) -> bool:
    """Return True when zoneinfo knows the IANA name."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def to_iana(text: str) -> str | None:
    """Return the IANA zone a written zone name means, or None when it is not one we know.

    IANA names are kept as written ("America/Chicago", "US/Pacific"); common names and
    abbreviations ("Eastern", "PST", "Central Time (US & Canada)") give their zone; a bare
    offset ("GMT+1", "UTC-05:00") gives the fixed Etc/GMT zone of that offset. The Windows and
    Salesforce form "(GMT-05:00) Eastern Time (US & Canada)" is read by its name.
    """
    raw = text.strip()
    if not raw or len(raw) > 80:
        return None
    if "/" in raw and _is_zone(raw):
        return raw
    named = _NAMED.search(raw)
    if named and _is_zone(named[1]):
        return named[1]  # "(GMT-06:00) Central Standard Time (America/Chicago)"
    low = _SPACES.sub(" ", raw.lower())
    if low in ALIASES:
        return ALIASES[low]
    match = _OFFSET.match(low)
    if match:
        rest = match["rest"].strip()
        if rest:
            zone = to_iana(rest)
            if zone:
                return zone
        hours, minutes = int(match["hours"]), int(match["minutes"] or 0)
        if minutes == 0 and hours <= 14:
            if hours == 0:
                return "UTC"
            # Etc/GMT signs are inverted: Etc/GMT-1 is one hour ahead of UTC (GMT+1).
            sign = "-" if match["sign"] == "+" else "+"
            return f"Etc/GMT{sign}{hours}"
        return None
    for candidate in (raw, raw.replace(" ", "_")):
        if _is_zone(candidate) and candidate not in ("local", "localtime"):
            return candidate
    return None

"""What 'now' means: an aware time, read in the caller's zone when given without one."""

from __future__ import annotations

from datetime import datetime, tzinfo

from .errors import DataError

EARLIEST_YEAR = 2
LATEST_YEAR = 9998
"""Years a 'now' may fall in: slots are proposed days ahead and read in other zones, so the
first and last year a datetime can hold are refused with a message instead of overflowing."""


def read_now(value: datetime | str | None, what: str = "now") -> datetime | None:
    """Return `value` as a datetime: an ISO string (with or without an offset) is parsed.

    Raises DataError for text that is not an ISO time and for a year outside 2-9998.
    """
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            moment = datetime.fromisoformat(text.replace("T", " ").replace("Z", "+00:00"))
        except ValueError:
            raise DataError(
                f"{what} '{value}' is not an ISO time; write it like 2026-11-23T09:00 or "
                "2026-11-23T09:00-06:00"
            ) from None
    elif isinstance(value, datetime):
        moment = value
    else:
        raise DataError(f"{what} must be a datetime or an ISO string, not {type(value).__name__}")
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise DataError(
            f"{what} '{moment.isoformat()}' is too far from today (year {moment.year}); "
            f"give a time in the years {EARLIEST_YEAR}-{LATEST_YEAR}"
        )
    return moment


def resolve_now(now: datetime | None, zone: tzinfo | None) -> datetime:
    """Return an aware 'now': naive is read in `zone`; None means the current time."""
    if now is None:
        return datetime.now(zone) if zone else datetime.now().astimezone()
    if now.tzinfo is not None and now.utcoffset() is not None:
        return now
    # Without a caller zone, the machine's own zone is the best guess of the caller's clock.
    return now.replace(tzinfo=zone) if zone else now.astimezone()

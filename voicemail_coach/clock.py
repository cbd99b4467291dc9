"""What 'now' means: an aware time, read in the caller's zone when given without one."""

from __future__ import annotations

from datetime import datetime, tzinfo


def resolve_now(now: datetime | None, zone: tzinfo | None) -> datetime:
    """Return an aware 'now': naive is read in `zone`; None means the current time."""
    if now is None:
        return datetime.now(zone) if zone else datetime.now().astimezone()
    if now.tzinfo is not None and now.utcoffset() is not None:
        return now
    # Without a caller zone, the machine's own zone is the best guess of the caller's clock.
    return now.replace(tzinfo=zone) if zone else now.astimezone()

"""Moved to `voicemail_coach.schedule`; this alias keeps branches still importing `.slots` working.

Remove it once every branch imports from `voicemail_coach.schedule`.
"""

from __future__ import annotations

from .schedule import LEAD as LEAD
from .schedule import NextStep as NextStep
from .schedule import next_step as next_step
from .schedule import parse_hours as parse_hours
from .schedule import propose as propose
from .schedule import resolve_now as resolve_now
from .schedule import say_slot as say_slot
from .schedule import say_slots as say_slots
from .schedule import zone_for as zone_for

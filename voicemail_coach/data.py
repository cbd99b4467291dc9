"""Moved to `voicemail_coach.sources`; this alias keeps branches still importing `.data` working.

Remove it once every branch imports from `voicemail_coach.sources` (``load``, ``parse``,
``read_text``).
"""

from __future__ import annotations

from .sources import load as load
from .sources import parse as parse
from .sources import read_text as read_text

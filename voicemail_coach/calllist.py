"""Moved to `voicemail_coach.sources`; this alias keeps branches still importing `.calllist`.

The new interface is ``sources.open_list(path)`` (a ``CallList``), ``Row`` and one
``sources.to_prospect(row)`` for YAML and CSV rows alike. Old callers that route CSV rows
through ``csv_prospect(row, listing.columns)`` and take YAML rows' ``payload`` as a Prospect
get a ``columns`` that is always set, so every row goes through ``to_prospect``. Remove this
module once every branch imports from `voicemail_coach.sources`.
"""

from __future__ import annotations

from .models import Prospect
from .sources import Row as Row
from .sources import lists, to_prospect
from .sources import read_caller as read_caller

Columns = str
"""What ``CallList.columns`` holds here: the list's kind ('yaml' or 'csv')."""


class CallList(lists.CallList):
    """``sources.CallList`` with the old ``columns`` attribute (always set)."""

    @property
    def columns(self) -> Columns:
        """Return the list's kind, so old callers send every row to ``csv_prospect``."""
        return self.kind


def csv_prospect(row: Row, columns: object = None) -> Prospect:
    """Validate a row (YAML or CSV) into a Prospect: ``sources.to_prospect``."""
    return to_prospect(row)

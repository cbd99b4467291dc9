"""JSON Lines: one object per line, in input order: a draft, a failure or a skipped style.

A draft is ``{"row": N, **Draft.to_dict()}``; a failure ``{"row", "prospect", "id", "style",
"error"}``; a skipped style ``{"row", "prospect", "id", "style", "skipped"}`` (docs/json.md).
"""

from __future__ import annotations

import json

from ..models import Result
from .writer import Counts


class JsonLinesWriter:
    """One JSON object per line, nothing before or after."""

    name = "jsonl"
    inline_errors = True

    def header(self) -> str:
        """Return nothing."""
        return ""

    def result(self, result: Result, row: int | None = None) -> str:
        """Return the result's line."""
        record = result.to_dict()
        if row is not None:
            record = {"row": row, **record}
        return json.dumps(record, ensure_ascii=False) + "\n"

    def footer(self, counts: Counts) -> str:
        """Return nothing."""
        return ""

    def head(self, counts: Counts) -> str | None:
        """Return None."""
        return None

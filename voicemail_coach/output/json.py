"""One JSON document: ``{"drafts": [...], "errors": [...], "skipped": [...]}``, streamed.

Each draft is `Draft.to_dict()` (docs/json.md). Drafts are written as they come; failures and
skipped styles are kept and written after the last draft (they are few, and small).
"""

from __future__ import annotations

import json
from typing import Any

from ..models import Draft, Result, Skipped
from .writer import Counts


def dumps(record: dict[str, Any]) -> str:
    """Return a record as indented JSON, nested one level in."""
    said = json.dumps(record, indent=2, ensure_ascii=False)
    return "\n".join(f"  {line}" for line in said.splitlines())


class JsonWriter:
    """The ``--format json`` document, written draft by draft."""

    name = "json"
    inline_errors = True

    def __init__(self) -> None:
        self.first = True
        self.errors: list[dict[str, Any]] = []
        self.skipped: list[dict[str, Any]] = []

    def header(self) -> str:
        """Return the opening of the document."""
        return '{"drafts": ['

    def result(self, result: Result, row: int | None = None) -> str:
        """Return a draft's record (failures and skips are written at the end)."""
        if isinstance(result, Draft):
            comma = "" if self.first else ","
            self.first = False
            return f"{comma}\n{dumps(result.to_dict())}"
        record = result.to_dict()
        if row is not None:
            record = {"row": row, **record}
        (self.skipped if isinstance(result, Skipped) else self.errors).append(record)
        return ""

    def footer(self, counts: Counts) -> str:
        """Return the end of the drafts, then the errors and skipped styles."""
        end = "\n]" if not self.first else "]"
        errors = json.dumps(self.errors, indent=2, ensure_ascii=False)
        skipped = json.dumps(self.skipped, indent=2, ensure_ascii=False)
        return f'{end},\n"errors": {errors},\n"skipped": {skipped}}}\n'

    def head(self, counts: Counts) -> str | None:
        """Return None: nothing goes before the document."""
        return None

"""A flat table: one line per result; findings as 'level check: message' joined by ' | '.

Cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return) get a leading apostrophe, the OWASP rule against CSV injection.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from ..models import Draft, Result, Skipped
from .writer import Counts, ordered

COLUMNS = (
    "row",
    "prospect",
    "style",
    "score",
    "passed",
    "seconds",
    "text",
    "findings",
    "error",
    "reason",
    "id",
)
"""The columns, in order (new ones are only ever added at the end)."""
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    """Return a value as a cell a spreadsheet shows as text, never runs."""
    if value is None:
        return ""
    said = str(value)
    return f"'{said}" if said.startswith(_FORMULA) else said


class CsvWriter:
    """The table, header first."""

    name = "csv"
    inline_errors = True

    def _line(self, values: Iterable[Any]) -> str:
        buffer = io.StringIO()
        csv.writer(buffer).writerow([cell(v) for v in values])
        return buffer.getvalue()

    def header(self) -> str:
        """Return the header line."""
        return self._line(COLUMNS)

    def result(self, result: Result, row: int | None = None) -> str:
        """Return the result's line."""
        if isinstance(result, Draft):
            said = " | ".join(
                f"{f.severity} {f.check}: {f.message}" for f in ordered(result.findings)
            )
            passed = "true" if result.passed else "false"
            return self._line(
                (
                    row,
                    result.prospect,
                    result.style,
                    result.score,
                    passed,
                    result.metrics.seconds,
                    result.text,
                    said,
                    "",
                    result.reason,
                    result.id,
                )
            )
        error = f"skipped, {result.reason}" if isinstance(result, Skipped) else result.message
        return self._line(
            (row, result.prospect, result.style, "", "", "", "", "", error, "", result.id)
        )

    def footer(self, counts: Counts) -> str:
        """Return nothing."""
        return ""

    def head(self, counts: Counts) -> str | None:
        """Return None."""
        return None

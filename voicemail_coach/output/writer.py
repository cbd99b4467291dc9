"""What every writer provides, the counts a run ends with, and the choice of a writer by name."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from ..models import LEVELS, Finding, Result


@dataclass(frozen=True)
class Counts:
    """How a run went: rows read, drafts made (and how many pass), failures, skipped styles."""

    source: str = ""
    rows: int = 0
    drafted: int = 0
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    bugs: int = 0
    now: str = ""


class Writer(Protocol):
    """Turns results into output text, one at a time, in input order.

    ``inline_errors`` says whether failures belong in the output (files, JSON) or on stderr
    (text for a person). ``head`` is written before everything once the counts are known (a
    Markdown report's summary), ``footer`` after the last result.
    """

    name: str
    inline_errors: bool

    def header(self) -> str:
        """Return the text written before the first result."""
        ...

    def result(self, result: Result, row: int | None = None) -> str:
        """Return the text for one draft, failure or skipped style (row: its number, if any)."""
        ...

    def footer(self, counts: Counts) -> str:
        """Return the text written after the last result."""
        ...

    def head(self, counts: Counts) -> str | None:
        """Return text to put before everything else once the run is done, or None."""
        ...


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    """Return findings by level (error first), then by where they point (no span last)."""
    return sorted(
        findings,
        key=lambda f: (-LEVELS.index(f.severity), f.span[0] if f.span else 1 << 30),
    )


FORMATS = ("text", "markdown", "json", "jsonl", "csv")


def writer_for(name: str, **options: Any) -> Writer:
    """Return the writer for a format name; options go to its constructor (text: width, colour)."""
    if name == "text":
        from .text import TextWriter

        return TextWriter(**options)
    if name == "markdown":
        from .markdown import MarkdownWriter

        return MarkdownWriter()
    if name == "json":
        from .json import JsonWriter

        return JsonWriter()
    if name == "jsonl":
        from .jsonl import JsonLinesWriter

        return JsonLinesWriter()
    if name == "csv":
        from .csv import CsvWriter

        return CsvWriter()
    raise ValueError(f"unknown format {name!r}; use one of {', '.join(FORMATS)}")

"""A Markdown report: one section per draft; everything quoted from data is escaped.

A prospect's text can never forge structure: newlines are folded into spaces, raw HTML is
shown as text (``<`` ``>`` ``&`` become entities), and Markdown's own marks are backslashed, so
``[x](javascript:...)`` is shown, never linked.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from ..models import Draft, Result, Skipped
from ..provenance import fix
from .writer import Counts, ordered

_MARKS = re.compile(r"([\\`*_\[\]{}()#!|~])")
_LEADING = re.compile(r"^([-+=>]|\d+(?=[.)]))")


def escape(text: str | None) -> str:
    """Return text safe to put inside a Markdown line: one line, no markup, no HTML."""
    said = " ".join((text or "").split())
    said = html.escape(said, quote=False)
    said = _MARKS.sub(r"\\\1", said)
    return _LEADING.sub(r"\\\1", said)


class MarkdownWriter:
    """A report for people: a section per draft; a batch file gets its counts on top."""

    name = "markdown"
    inline_errors = True

    def header(self) -> str:
        """Return nothing: the counts are put on top when the run is done (see head)."""
        return ""

    def footer(self, counts: Counts) -> str:
        """Return nothing after the last section."""
        return ""

    def head(self, counts: Counts) -> str | None:
        """Return the title and counts of a batch report."""
        title = f"# Voicemail drafts: {escape(Path(counts.source).name)}\n\n"
        said = f"{counts.drafted} drafted ({counts.passed} pass)"
        if counts.failed:
            said += f", {counts.failed} not drafted (see the sections that say so)"
        return f"{title}{said}. Now: {counts.now}.\n\n"

    def result(self, result: Result, row: int | None = None) -> str:
        """Return one section: a draft, a prospect not drafted, or a style skipped."""
        number = f"{row}. " if row is not None else ""
        if isinstance(result, Draft):
            return self.draft(result, f"{number}{escape(result.prospect)} - {result.style}")
        name = escape(result.prospect) or "(no name)"
        if isinstance(result, Skipped):
            return f"## {number}{name} - {result.style}: skipped\n\n{escape(result.reason)}.\n\n"
        style = f" - {result.style}" if result.style else ""
        return f"## {number}{name}{style}: not drafted\n\n{escape(result.message)}\n\n"

    def draft(self, d: Draft, title: str) -> str:
        """Return a draft's section under a title (already escaped)."""
        m = d.metrics
        verdict = "passes" if d.passed else "does not pass"
        out = [f"## {title}\n"]
        if d.reason:
            reason = escape(d.reason)
            out.append(f"{reason[:1].upper()}{reason[1:]}.\n")
        out.append(f"> {escape(d.text)}\n")
        out.append(
            f"Score **{d.score}/100** ({verdict}), {m.seconds:g} s spoken, "
            f"reading grade {m.grade:g}.\n"
        )
        if d.findings:
            for f in ordered(d.findings):
                hint = fix(f)
                more = f" ({escape(hint)})" if hint else ""
                out.append(f"- **{f.severity}** `{f.check}`: {escape(f.message)}{more}")
            out.append("")
        return "\n".join(out) + "\n"

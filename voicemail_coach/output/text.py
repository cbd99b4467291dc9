"""Text for a person at a terminal: the script wrapped to fit, one score line, sorted findings.

The script wraps at word boundaries to ``width`` columns and never inside a word or a phone
number. The score line says ``pass`` (dim) or ``FAIL`` (bold red) when colour is on. Findings
come error first, then warning, then suggestion, each level in the order of the text.
"""

from __future__ import annotations

import textwrap
from typing import Any

from ..models import Draft, Result, Skipped
from ..provenance import fix
from .writer import Counts, ordered

WIDTH = 88
"""The widest a script is wrapped, whatever the terminal: longer lines are hard to read aloud."""
COLOURS = {"error": "red", "warning": "yellow", "suggestion": "cyan"}
_KEEP = "\u00a0"  # a space inside a phone number, kept from wrapping until the lines are made


def wrap(draft: Draft, width: int = WIDTH) -> list[str]:
    """Return the script's lines: at most `width` columns, never split in a word or a number."""
    text = draft.text
    for number in draft.callback_numbers:
        for start, end in number.spans:
            text = text[:start] + text[start:end].replace(" ", _KEEP) + text[end:]
    lines = textwrap.wrap(
        text, width=max(20, width), break_long_words=False, break_on_hyphens=False
    )
    return [line.replace(_KEEP, " ") for line in lines] or [""]


class TextWriter:
    """Drafts for a person: header, script, score line, findings; failures go to stderr."""

    name = "text"
    inline_errors = False

    def __init__(self, width: int = WIDTH, colour: bool = False) -> None:
        self.width = min(width, WIDTH)
        self.colour = colour

    def style(self, text: str, **how: Any) -> str:
        """Return text with ANSI styles when colour is on."""
        if not self.colour:
            return text
        import click

        return click.style(text, **how)

    def header(self) -> str:
        """Return nothing: text output has no header."""
        return ""

    def footer(self, counts: Counts) -> str:
        """Return nothing: the command prints its own summary on stderr."""
        return ""

    def head(self, counts: Counts) -> str | None:
        """Return None: nothing goes before the results."""
        return None

    def result(self, result: Result, row: int | None = None) -> str:
        """Return a draft with its header and a blank line after, or a skipped style's line."""
        if isinstance(result, Draft):
            title = f"{result.prospect} - {result.style}"
            return self.draft(result, title, result.reason) + "\n"
        if isinstance(result, Skipped):
            return self.style(f"{result.prospect} - {result}", dim=True) + "\n\n"
        return ""  # a DraftFailure: the command says it on stderr

    def draft(self, d: Draft, title: str | None = None, reason: str | None = None) -> str:
        """Return one draft: optional title and reason, the script, score line, findings."""
        out = []
        if title:
            out.append(self.style(title, bold=True))
        if reason:
            out.append(reason)
        out.extend(wrap(d, self.width))
        out.append(self.score_line(d))
        out.extend(self.finding_lines(d))
        return "\n".join(out) + "\n"

    def score_line(self, d: Draft, extra: str = "") -> str:
        """Return 'score 87/100 (pass) | 24.8 s spoken | reading grade 5.2'."""
        m = d.metrics
        verdict = (
            self.style("pass", dim=True) if d.passed else self.style("FAIL", fg="red", bold=True)
        )
        rest = f" | {m.seconds:g} s spoken | reading grade {m.grade:g}{extra}"
        return f"score {d.score}/100 ({verdict}){self.style(rest, dim=True)}"

    def finding_lines(self, d: Draft) -> list[str]:
        """Return one line per finding, error first, each level in text order."""
        out = []
        for f in ordered(d.findings):
            colour = COLOURS[f.severity]
            out.append(self.style(f"  {f.severity:<10} {f.check:<16} {f.message}", fg=colour))
            hint = fix(f)
            if hint:
                out.append(self.style(f"{'':<30}{hint}", dim=True))
        return out

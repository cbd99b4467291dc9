"""GitHub Actions workflow annotations: one ``::error file=F,line=L,...::message`` per finding.

Levels map ``error`` -> ``error``, ``warning`` -> ``warning``, ``suggestion`` -> ``notice``.
Escaping follows GitHub's runner: in the message ``%`` -> ``%25``, CR -> ``%0D``, LF -> ``%0A``;
in properties (file, title) also ``:`` -> ``%3A`` and ``,`` -> ``%2C``. The title is the
finding's outcome id (``weak-phrases.filler``). A finding's span gives
``line``/``col``/``endColumn`` (``endLine`` too when it spans lines, then without columns, as
GitHub reads columns only within one line). Pure functions from findings to text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..models import Finding
from .sarif import Document, region

LEVELS = {"error": "error", "warning": "warning", "suggestion": "notice"}


def escape_data(text: str) -> str:
    """Escape an annotation's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (file, title)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(
    level: str,
    message: str,
    *,
    file: str | None = None,
    line: int | None = None,
    end_line: int | None = None,
    col: int | None = None,
    end_column: int | None = None,
    title: str | None = None,
) -> str:
    """Return one workflow command line (without a newline), properties in GitHub's order."""
    props: list[tuple[str, str]] = []
    if file is not None:
        props.append(("file", escape_property(file)))
    for name, value in (
        ("line", line),
        ("endLine", end_line),
        ("col", col),
        ("endColumn", end_column),
    ):
        if value is not None:
            props.append((name, str(value)))
    if title is not None:
        props.append(("title", escape_property(title)))
    head = ",".join(f"{k}={v}" for k, v in props)
    return f"::{LEVELS.get(level, level)}{' ' + head if head else ''}::{escape_data(message)}"


def _for(doc: Document, f: Finding) -> str:
    """Return the annotation of one finding in one document."""
    where: dict[str, int | None] = {"line": doc.line}
    if doc.text is not None and f.span is not None:
        r = region(doc.text, f.span)
        if r["startLine"] == r["endLine"]:
            where = {"line": r["startLine"], "col": r["startColumn"], "end_column": r["endColumn"]}
        else:
            where = {"line": r["startLine"], "end_line": r["endLine"]}
    return annotation(f.severity, f.message, file=doc.path, title=f.id or f.check, **where)


def to_github(path: str | None, text: str | None, findings: Sequence[Finding]) -> str:
    """Return the annotations for one file's findings, one line each (ending in a newline)."""
    return documents_to_github([Document(path, text, findings)])


def documents_to_github(documents: Iterable[Document]) -> str:
    """Return the annotations for many files (lint-templates: one document per template)."""
    lines = [_for(doc, f) for doc in documents for f in doc.findings]
    return "".join(line + "\n" for line in lines)

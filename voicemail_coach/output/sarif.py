"""SARIF 2.1.0 for code scanning: one run, a rule per check and outcome, a result per finding.

Pure functions from (path, text, findings, rules) to text; `rules_for(CHECKS)` gives the rules
(one per check id and per outcome id, with its default level and help). Levels map ``error``
-> ``error``, ``warning`` -> ``warning``, ``suggestion`` -> ``note``. A finding's character
span becomes a region (1-based ``startLine``/``startColumn``/``endLine``/``endColumn``, the end
column just after the last character, counted in Unicode code points as the run's
``columnKind`` says), plus ``charOffset``/``charLength``. Without the text the spans point into
(a draft rendered from a template), a result names the file, and the document's `line` when
one is given.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Protocol
from urllib.parse import quote

from ..models import Finding

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
VERSION = "2.1.0"
TOOL = "voicemail-coach"
INFO_URI = "https://pypi.org/project/voicemail-coach/"
LEVELS = {"error": "error", "warning": "warning", "suggestion": "note"}


@dataclass(frozen=True)
class Rule:
    """A SARIF rule: an id findings carry, its default level, a summary and help text."""

    id: str
    level: str
    summary: str
    help: str = ""
    enabled: bool = True


class CheckLike(Protocol):
    """What `rules_for` reads from a check (`voicemail_coach.checks.Check` has all of it)."""

    @property
    def id(self) -> str: ...
    @property
    def level(self) -> str: ...
    @property
    def summary(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def outcomes(self) -> Sequence[Any]: ...


def rules_for(checks: Iterable[CheckLike]) -> tuple[Rule, ...]:
    """Return a rule per check and per outcome (``length``, ``length.far-too-long``, ...).

    An outcome's default level is its own, else its check's; an opt-in outcome is listed as
    not enabled. The help text is the check's summary and the source of its threshold.
    """
    out: list[Rule] = []
    for check in checks:
        help_text = check.summary + (f". Source: {check.source}." if check.source else ".")
        out.append(Rule(check.id, check.level, check.summary, help_text))
        for outcome in check.outcomes:
            out.append(
                Rule(
                    f"{check.id}.{outcome.code}",
                    outcome.level or check.level,
                    f"{check.id}: {outcome.summary}",
                    help_text,
                    bool(getattr(outcome, "enabled", True)),
                )
            )
    return tuple(out)


@dataclass(frozen=True)
class Document:
    """One checked file: its path (None for stdin), the text spans point into, its findings.

    `text` is None when the findings are about something rendered from the file (lint-templates
    scores a draft, not the template's own characters): results then carry no column region,
    only `line` when it is given (a broken template's line).
    """

    path: str | None
    text: str | None
    findings: Sequence[Finding] = field(default_factory=tuple)
    line: int | None = None


def position(text: str, offset: int) -> tuple[int, int]:
    """Return the 1-based (line, column) of a character offset, columns in code points."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


def region(text: str, span: tuple[int, int]) -> dict[str, int]:
    """Return the SARIF region of a character span [start, end) in `text`."""
    start, end = sorted(span)
    start_line, start_column = position(text, start)
    end_line, end_column = position(text, end)
    return {
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
        "charOffset": start,
        "charLength": end - start,
    }


def uri(path: str) -> str:
    """Return the artifact URI of a path: a file URI when absolute, else a relative reference."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(str(PurePosixPath(*p.parts)))


def _rule(rule: Rule) -> dict[str, Any]:
    """Return a reportingDescriptor for a rule."""
    config: dict[str, Any] = {"level": LEVELS.get(rule.level, "warning")}
    if not rule.enabled:
        config["enabled"] = False
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": rule.summary},
        "defaultConfiguration": config,
    }
    if rule.help:
        descriptor["help"] = {"text": rule.help}
    return descriptor


def _location(doc: Document, finding: Finding) -> list[dict[str, Any]]:
    """Return a result's locations: the file and, where known, the region."""
    if doc.path is None:
        return []
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri(doc.path)}}
    if doc.text is not None and finding.span is not None:
        physical["region"] = region(doc.text, finding.span)
    elif doc.line is not None:
        physical["region"] = {"startLine": max(1, doc.line)}
    return [{"physicalLocation": physical}]


def sarif_log(
    documents: Iterable[Document], rules: Iterable[Rule], *, tool_version: str = ""
) -> dict[str, Any]:
    """Return the SARIF log (a dict ready for json.dumps) for the documents' findings.

    Every rule given is listed (see `rules_for`); a result's ``ruleId`` is the finding's
    outcome id (``length.far-too-long``). A finding whose id is not among the rules gets a rule
    of its own (its severity as the default level), so every ``ruleIndex`` points at its rule.
    """
    descriptors = [_rule(r) for r in rules]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    results: list[dict[str, Any]] = []
    for doc in documents:
        for f in doc.findings:
            rule_id = f.id or f.check
            if rule_id not in index:
                index[rule_id] = len(descriptors)
                descriptors.append(_rule(Rule(rule_id, f.severity, rule_id)))
            result: dict[str, Any] = {
                "ruleId": rule_id,
                "ruleIndex": index[rule_id],
                "level": LEVELS.get(f.severity, "warning"),
                "message": {"text": f.message},
            }
            locations = _location(doc, f)
            if locations:
                result["locations"] = locations
            results.append(result)
    driver: dict[str, Any] = {"name": TOOL, "informationUri": INFO_URI, "rules": descriptors}
    if tool_version:
        driver["version"] = tool_version
    return {
        "$schema": SCHEMA,
        "version": VERSION,
        "runs": [
            {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}
        ],
    }


def to_sarif(
    path: str | None,
    text: str | None,
    findings: Sequence[Finding],
    rules: Iterable[Rule],
    *,
    tool_version: str = "",
) -> str:
    """Return the SARIF 2.1.0 JSON text (with a final newline) for one file's findings."""
    log = sarif_log([Document(path, text, findings)], rules, tool_version=tool_version)
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def documents_to_sarif(
    documents: Iterable[Document], rules: Iterable[Rule], *, tool_version: str = ""
) -> str:
    """Return the SARIF 2.1.0 JSON text for many files (lint-templates: one per template)."""
    log = sarif_log(documents, rules, tool_version=tool_version)
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"

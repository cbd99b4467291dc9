"""Judge findings: levels, pass or fail, and the 0-100 score; the only place policy lives."""

from __future__ import annotations

from collections.abc import Iterable

from .models import LEVELS, Finding

# The rule: start at 100, take 25 off per error, 8 per warning and 2 per suggestion, floor at 0.
PENALTY = {"error": 25, "warning": 8, "suggestion": 2}
RULE = "100 minus 25 per error, 8 per warning and 2 per suggestion, never below 0"


def rank(level: str) -> int:
    """Return a level's order: suggestion 0 < warning 1 < error 2; 'never' ranks above all."""
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)  # type: ignore[arg-type]


def score(findings: Iterable[Finding]) -> int:
    """Return the 0-100 score of a draft from its findings."""
    return max(0, 100 - sum(PENALTY[f.severity] for f in findings))


def fails(findings: Iterable[Finding], fail_on: str = "error") -> bool:
    """Return True when a finding is at or above the failing level."""
    bar = rank(fail_on)
    return any(rank(f.severity) >= bar for f in findings)

"""Judge findings: the 0-100 score and pass or fail. Levels are decided in policy.levels.

The rule, in one sentence: start at 100, take 25 off per error, 8 per warning and 2 per
suggestion, never below 0. A draft fails when any finding is at or above the ``--fail-on``
level (``never`` fails nothing).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..models import LEVELS, Finding

PENALTY = {"error": 25, "warning": 8, "suggestion": 2}
RULE = "100 minus 25 per error, 8 per warning and 2 per suggestion, never below 0"
FAIL_ON = (*LEVELS, "never")


def rank(level: str) -> int:
    """Return a level's order: suggestion 0 < warning 1 < error 2; 'never' ranks above all."""
    for n, known in enumerate(LEVELS):
        if known == level:
            return n
    return len(LEVELS)


def score(findings: Iterable[Finding]) -> int:
    """Return the 0-100 score of a draft from its findings (see RULE)."""
    return max(0, 100 - sum(PENALTY[f.severity] for f in findings))


def fails(findings: Iterable[Finding], fail_on: str = "error") -> bool:
    """Return True when a finding is at or above the failing level; 'never' fails nothing."""
    bar = rank(fail_on)
    return any(rank(f.severity) >= bar for f in findings)

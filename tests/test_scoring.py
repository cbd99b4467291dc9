"""The score rule and pass or fail: one sentence, applied to any draft's findings."""

from __future__ import annotations

import itertools
import re

import pytest
from click.testing import CliRunner

import voicemail_coach as vc
from voicemail_coach.cli import cli
from voicemail_coach.models import Finding
from voicemail_coach.policy import scoring

from .conftest import NOW
from .examples import EXAMPLES, GOOD

CLI_NOW = ("--now", "2026-11-23T09:00-06:00")


def rule(errors: int, warnings: int, suggestions: int) -> int:
    """The documented rule, written out on its own: 100 - 25 e - 8 w - 2 s, floored at 0."""
    return max(0, 100 - 25 * errors - 8 * warnings - 2 * suggestions)


def findings(errors: int, warnings: int, suggestions: int) -> list[Finding]:
    """Return that many findings of each level."""
    made = []
    for level, n in (("error", errors), ("warning", warnings), ("suggestion", suggestions)):
        made += [Finding("length", level, f"{level} {i}") for i in range(n)]  # type: ignore[arg-type]
    return made


@pytest.mark.parametrize(
    ("errors", "warnings", "suggestions"),
    [c for c in itertools.product(range(5), range(4), range(4)) if sum(c) <= 6],
)
def test_score_is_the_rule_applied_to_the_findings(
    errors: int, warnings: int, suggestions: int
) -> None:
    """Each error costs 25, each warning 8, each suggestion 2, never below 0."""
    assert scoring.score(findings(errors, warnings, suggestions)) == rule(
        errors, warnings, suggestions
    )


def test_score_floors_at_zero_and_starts_at_100() -> None:
    assert scoring.score([]) == 100
    assert scoring.score(findings(4, 0, 0)) == 0
    assert scoring.score(findings(5, 3, 3)) == 0
    assert scoring.score(findings(3, 3, 0)) == 1  # 100 - 75 - 24


def test_the_rule_sentence_states_the_penalties() -> None:
    """The sentence shown to users (README, docs/json.md) names the penalties in code."""
    numbers = [int(n) for n in re.findall(r"\d+", scoring.RULE)]
    assert numbers == [
        100,
        scoring.PENALTY["error"],
        scoring.PENALTY["warning"],
        scoring.PENALTY["suggestion"],
        0,
    ]


@pytest.mark.parametrize("text", sorted({text for _, text, _, _ in EXAMPLES}))
def test_every_example_scores_by_the_rule(text: str) -> None:
    """The score of any draft equals the rule applied to its own findings."""
    draft = vc.score(text, now=NOW)
    levels = [f.severity for f in draft.findings]
    expected = rule(levels.count("error"), levels.count("warning"), levels.count("suggestion"))
    assert draft.score == expected
    assert draft.passed == ("error" not in levels)


@pytest.mark.parametrize(
    ("levels", "fail_on", "fails"),
    [
        ((), "suggestion", False),
        ((), "error", False),
        (("suggestion",), "suggestion", True),
        (("suggestion",), "warning", False),
        (("suggestion",), "error", False),
        (("suggestion",), "never", False),
        (("warning",), "suggestion", True),
        (("warning",), "warning", True),
        (("warning",), "error", False),
        (("warning",), "never", False),
        (("error",), "suggestion", True),
        (("error",), "warning", True),
        (("error",), "error", True),
        (("error",), "never", False),
        (("suggestion", "warning"), "warning", True),
        (("suggestion", "suggestion"), "warning", False),
    ],
)
def test_fails_at_or_above_the_bar(levels: tuple[str, ...], fail_on: str, fails: bool) -> None:
    made = [Finding("length", level, "m") for level in levels]  # type: ignore[arg-type]
    assert scoring.fails(made, fail_on) is fails


def test_fails_defaults_to_error() -> None:
    assert scoring.fails(findings(0, 1, 0)) is False
    assert scoring.fails(findings(1, 0, 0)) is True


def test_rank_orders_the_levels_and_never_above_all() -> None:
    assert [scoring.rank(x) for x in ("suggestion", "warning", "error", "never")] == [0, 1, 2, 3]


# A suggestion only (relative-day), a warning only (filler), an error (no callback number).
SUGGESTION_ONLY = GOOD.replace("Tuesday at 3 or 4 p.m.", "tomorrow at 3 or 4 p.m.")
WARNING_ONLY = GOOD.replace("Joe Sampson suggested", "I just wanted to say Joe Sampson suggested")
ERROR = "Hi Dana, this is Freda from ABC Company. We cut conflict time by a third. Tuesday at 3?"


@pytest.mark.parametrize(
    ("text", "worst"),
    [(GOOD, None), (SUGGESTION_ONLY, "suggestion"), (WARNING_ONLY, "warning"), (ERROR, "error")],
)
@pytest.mark.parametrize("fail_on", ["suggestion", "warning", "error", "never"])
def test_exit_code_at_every_fail_on(text: str, worst: str | None, fail_on: str) -> None:
    """Exit 1 exactly when the worst finding is at or above --fail-on; the verdict agrees."""
    levels = [f.severity for f in vc.score(text, now=NOW).findings]
    order = ["suggestion", "warning", "error"]
    assert (max(levels, key=order.index) if levels else None) == worst  # the premise
    should_fail = (
        worst is not None and fail_on != "never" and (order.index(worst) >= order.index(fail_on))
    )
    r = CliRunner().invoke(cli, ["score", "-", "--fail-on", fail_on, *CLI_NOW], input=text)
    assert r.exit_code == (1 if should_fail else 0), r.output
    assert ("(FAIL)" in r.output) is should_fail

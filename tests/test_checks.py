"""Every check flags its should-flag examples and passes its should-pass ones."""

from __future__ import annotations

from collections import Counter

import pytest

import voicemail_coach as vc
from voicemail_coach.checks import CHECKS

from .conftest import NOW
from .examples import EXAMPLES


def test_every_check_has_a_table_of_examples() -> None:
    """Proselint's rule: each check has at least six should-flag and six should-pass cases."""
    flags = Counter(check for check, _, flag, _ in EXAMPLES if flag)
    passes = Counter(check for check, _, flag, _ in EXAMPLES if not flag)
    for check in CHECKS:
        assert flags[check.id] >= 6, check.id
        assert passes[check.id] >= 6, check.id


@pytest.mark.parametrize(("check", "text", "flag", "kwargs"), EXAMPLES)
def test_example(check: str, text: str, flag: bool, kwargs: dict) -> None:
    """The check flags exactly when the example says it should."""
    draft = vc.score(text, now=NOW, **kwargs)
    found = [f for f in draft.findings if f.check == check]
    assert bool(found) == flag, (check, text, [f.message for f in draft.findings])


def test_findings_carry_value_target_span_and_source() -> None:
    """A finding shows the measured value and the target, points at text, names a source."""
    text = "Hi Dana, just following up on my last message. Call 901-555-2120."
    finding = next(f for f in vc.score(text, now=NOW).findings if f.check == "weak-phrases")
    assert finding.span is not None
    assert text[slice(*finding.span)].lower() == "just following up"
    assert "target" in finding.message
    assert finding.source


def test_length_levels_follow_the_thresholds() -> None:
    """Over 45 s is an error, over 30 s a warning."""
    from .examples import LONG

    levels = {
        f.severity for f in vc.score(LONG + " " + LONG, now=NOW).findings if f.check == "length"
    }
    assert levels == {"error"}
    levels = {f.severity for f in vc.score(LONG, now=NOW).findings if f.check == "length"}
    assert levels == {"warning"}

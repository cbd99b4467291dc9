"""Every check and outcome flags its should-flag examples, exactly, and passes its should-pass ones.

A should-flag example pins each finding of its check: the outcome id, the level, the message
(measured value and target) and the text its span covers.
"""

from __future__ import annotations

from typing import Any

import pytest

import voicemail_coach as vc
from voicemail_coach.checks import CHECKS
from voicemail_coach.models import Draft

from .conftest import NOW
from .examples import EXAMPLES, LONG, Flag


def _expected_message(flag: Flag, draft: Draft) -> str:
    """Return the message text a flag asks for, with the draft's measured figures filled in."""
    return flag.message.replace("{seconds}", f"{draft.metrics.seconds:g}").replace(
        "{grade}", f"{draft.metrics.grade:g}"
    )


def test_every_check_and_outcome_has_should_flag_and_should_pass_examples() -> None:
    """Proselint's rule, per id: six of each per check, and every outcome flagged and passed.

    An outcome passes an example of its check that does not give it (a should-pass example,
    or one that flags another outcome). The slot planner's note outcomes of proposed-time are
    pinned in tests/test_policy.py (they need a draft, not a script).
    """
    flagged: dict[str, int] = {}
    for _check, _, expected, _ in EXAMPLES:
        if expected and not isinstance(expected, bool):
            for flag in expected:
                flagged[flag.id] = flagged.get(flag.id, 0) + 1
    for check in CHECKS:
        rows = [e for e in EXAMPLES if e[0] == check.id]
        assert sum(1 for r in rows if r[2]) >= 6, check.id
        assert sum(1 for r in rows if not r[2]) >= 6, check.id
        for outcome_id in check.outcome_ids():
            if check.id == "proposed-time" and outcome_id != "proposed-time.missing":
                continue
            assert flagged.get(outcome_id, 0) >= 1, f"no should-flag example for {outcome_id}"
            others = [r for r in rows if not r[2] or all(f.id != outcome_id for f in r[2])]
            assert others, f"no should-pass example for {outcome_id}"


@pytest.mark.parametrize(("check", "text", "expected", "kwargs"), EXAMPLES)
def test_example(check: str, text: str, expected: Any, kwargs: dict[str, Any]) -> None:
    """The check gives exactly the expected findings: id, level, message and span."""
    draft = vc.score(text, now=NOW, **kwargs)
    found = [f for f in draft.findings if f.check == check]
    if not expected:
        assert found == [], [f.message for f in found]
        return
    assert len(found) == len(expected), [(f.id, f.message) for f in found]
    for finding, flag in zip(found, expected, strict=True):
        assert finding.id == flag.id
        assert finding.severity == flag.level
        assert _expected_message(flag, draft) in finding.message, finding.message
        if flag.quote is None:
            assert finding.span is None, text[slice(*finding.span)]
        else:
            starts = [i for i in range(len(text)) if text.startswith(flag.quote, i)]
            start = starts[flag.at]
            assert finding.span == (start, start + len(flag.quote)), (
                text[slice(*finding.span)] if finding.span else None
            )
        assert finding.source


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.id)
def test_every_check_cites_a_source_and_has_known_outcomes(check: Any) -> None:
    """A check names where its threshold comes from, and its outcome codes are unique."""
    assert check.source and check.summary
    codes = [o.code for o in check.outcomes]
    assert len(codes) == len(set(codes)) and codes


def test_opening_cites_guidance_on_who_is_calling_not_the_number_twice() -> None:
    """The opening check's source is about saying who you are first, not the number twice."""
    from voicemail_coach.checks import NUMBER_REPEATED, OPENING

    assert OPENING.source != NUMBER_REPEATED.source
    assert "name" in OPENING.source and "twice" not in OPENING.source


def test_length_levels_follow_the_thresholds() -> None:
    """Over 45 s is an error, over 30 s a warning: one finding each, never both."""
    doubled = [f for f in vc.score(LONG + " " + LONG, now=NOW).findings if f.check == "length"]
    assert [(f.id, f.severity) for f in doubled] == [("length.far-too-long", "error")]
    once = [f for f in vc.score(LONG, now=NOW).findings if f.check == "length"]
    assert [(f.id, f.severity) for f in once] == [("length.too-long", "warning")]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Hi Ana, hope all is well! Just checking in, just touching base. 305-555-0133.", 3),
        ("Hi Ana, Leo from Nova, 305-555-0133. Would Thursday at 4 work? Again, 305-555-0133.", 0),
    ],
)
def test_each_filler_is_its_own_finding(text: str, count: int) -> None:
    """Every filler phrase is counted, each pointing at its own words, in order."""
    found = [f for f in vc.score(text, now=NOW).findings if f.check == "weak-phrases"]
    assert len(found) == count
    spans = [f.span for f in found]
    assert spans == sorted(spans)  # type: ignore[type-var]
    for f in found:
        assert f.span is not None and text[slice(*f.span)].lower() in f.message.lower()


def test_config_filler_phrases_are_findings_of_their_own_words() -> None:
    """Phrases listed in the config are flagged with their own words and the config named."""
    config = vc.Config().for_style({"weak-phrases": {"extra": ["to be honest"]}}, "test")
    text = "Hi Ana, to be honest, we can cut your costs. Call 305-555-0133."
    (found,) = [
        f for f in vc.score(text, now=NOW, config=config).findings if f.check == "weak-phrases"
    ]
    assert found.id == "weak-phrases.filler"
    assert found.span is not None and text[slice(*found.span)] == "to be honest"
    assert "listed in your config" in found.message


def test_clarity_counts_each_long_sentence() -> None:
    """Two long sentences are two findings, each pointing at its sentence."""
    long = (
        "We have worked with hundreds of companies across the region in logistics and health "
        "care and retail over many years now."
    )
    text = f"Hi Dana, Freda from ABC, 901-555-2120. {long} {long} Call 901-555-2120."
    found = [f for f in vc.score(text, now=NOW).findings if f.id == "clarity.long-sentence"]
    assert len(found) == 2
    assert [text[slice(*f.span)] for f in found if f.span] == [long, long]
    assert all(f"sentence of {len(long.split())} words" in f.message for f in found)


# --- thresholds at their edges, on measured figures given directly ------------------------


def analysis(text: str = "Hi.", **fields: Any) -> Any:
    """Return an Analysis of made-up figures: only what the check under test reads matters."""
    from voicemail_coach.checks import Analysis
    from voicemail_coach.models import Metrics

    figures = {"words": 60, "seconds": 25.0, "grade": 5.0, "reading_ease": 80.0, "sentences": 4}
    metrics = Metrics(**{**figures, **fields.pop("metrics", {})})
    base: dict[str, Any] = {
        "text": text,
        "metrics": metrics,
        "sentences": (),
        "mentions": (),
        "numbers": (),
        "times": (),
    }
    return Analysis(**{**base, **fields})


@pytest.mark.parametrize(
    ("seconds", "outcome"),
    [
        (11.9, "too-short"),
        (12.0, None),
        (25.0, None),
        (30.0, None),
        (30.1, "too-long"),
        (45.0, "too-long"),
        (45.1, "far-too-long"),
    ],
)
def test_length_edges(seconds: float, outcome: str | None) -> None:
    from voicemail_coach.checks import LENGTH

    hits = LENGTH.run(analysis(metrics={"seconds": seconds}), LENGTH.params)
    assert [h.outcome for h in hits] == ([outcome] if outcome else [])
    for h in hits:
        assert f"about {seconds:g} s spoken" in h.message and h.span is None


@pytest.mark.parametrize(("grade", "flagged"), [(8.0, False), (8.1, True), (3.0, False)])
def test_clarity_grade_edge(grade: float, flagged: bool) -> None:
    from voicemail_coach.checks import CLARITY

    hits = CLARITY.run(analysis(metrics={"grade": grade}), CLARITY.params)
    assert [h.outcome for h in hits] == (["grade"] if flagged else [])


@pytest.mark.parametrize(("words", "flagged"), [(20, False), (21, True)])
def test_clarity_sentence_edge(words: int, flagged: bool) -> None:
    from voicemail_coach.checks import CLARITY

    sentence = " ".join(["word"] * words) + "."
    text = f"Hi Dana. {sentence}"
    a = analysis(text, sentences=((0, 8), (9, len(text))))
    hits = CLARITY.run(a, CLARITY.params)
    assert [(h.outcome, h.span) for h in hits] == (
        [("long-sentence", (9, len(text)))] if flagged else []
    )


@pytest.mark.parametrize(
    ("first", "last", "flagged"),
    [
        ((10, 22), (80, 92), False),
        ((50, 62), (80, 92), False),  # starts exactly half-way: still early
        ((51, 63), (80, 92), True),
        ((45, 57), (80, 92), False),  # starts before half-way, ends after: early
        ((10, 22), (58, 70), False),  # ends exactly at 70%: still at the end
        ((10, 22), (57, 69), True),
    ],
)
def test_number_repeated_early_and_late_edges(
    first: tuple[int, int], last: tuple[int, int], flagged: bool
) -> None:
    from voicemail_coach.checks import NUMBER_REPEATED
    from voicemail_coach.models import CallbackNumber

    group = CallbackNumber("+19015552120", (first, last))
    hits = NUMBER_REPEATED.run(analysis("x" * 100, numbers=(group,)), NUMBER_REPEATED.params)
    assert [(h.outcome, h.span) for h in hits] == (
        [("not-early-and-late", last)] if flagged else []
    )


def test_missing_time_comes_before_the_slot_notes() -> None:
    from voicemail_coach.checks import PROPOSED_TIME
    from voicemail_coach.models import Note

    notes = (Note("zone-unknown", "no zone"), Note("slot-too-soon", "too soon", (3, 9)))
    hits = PROPOSED_TIME.run(analysis(notes=notes), PROPOSED_TIME.params)
    assert [(h.outcome, h.message, h.span) for h in hits] == [
        ("missing", hits[0].message, None),
        ("zone-unknown", "no zone", None),
        ("slot-too-soon", "too soon", (3, 9)),
    ]


def test_config_phrases_and_built_in_filler_come_in_the_order_said() -> None:
    config = vc.Config().for_style({"weak-phrases": {"extra": ["to be honest"]}}, "test")
    text = "Hi Ana, to be honest, I'm just checking in. Call 305-555-0133."
    found = [
        f for f in vc.score(text, now=NOW, config=config).findings if f.check == "weak-phrases"
    ]
    assert [text[slice(*f.span)] for f in found if f.span] == ["to be honest", "just checking in"]

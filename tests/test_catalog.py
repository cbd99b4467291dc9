"""The built-in styles, the recommendation, and rendering in the sandbox."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

import voicemail_coach as vc
from voicemail_coach.catalog import get_style
from voicemail_coach.text import sentence_spans

from .conftest import EXAMPLE, NOW

BUILT_IN = ("referral", "third-party", "warm-cold-call", "straight-pitch")
BOOK = vc.load(EXAMPLE)
DANA = BOOK.prospects[0]


def test_four_built_in_styles_with_metadata() -> None:
    found = {s.name: s for s in vc.styles()}
    assert set(BUILT_IN) <= set(found)
    for name in BUILT_IN:
        assert found[name].origin == "built-in"
        assert found[name].description
    assert found["straight-pitch"].checks == {"proposed-time": "error"}


@pytest.mark.parametrize("style", BUILT_IN)
@pytest.mark.parametrize("hour", [8, 11, 15])
def test_each_style_scores_well_on_the_example(style: str, hour: int) -> None:
    """At least 85/100, no error finding, 20-30 spoken seconds, number twice, a next step."""
    d = vc.draft(DANA, style, BOOK.caller, NOW.replace(hour=hour))
    assert d.score >= 85, d.findings
    assert not [f for f in d.findings if f.severity == "error"]
    assert 20 <= d.metrics.seconds <= 30
    start, end = sentence_spans(d.text)[0]
    first = d.text[start:end]
    assert "Freda Whitehouse" in first and "ABC Company" in first
    assert d.callback_numbers[0].number == "+19015552120" and d.callback_numbers[0].count == 2
    assert d.proposed_times and d.proposed_times[0].when is not None


@pytest.mark.parametrize("prospect", BOOK.prospects, ids=lambda p: p.name)
def test_recommended_style_passes_for_every_example_prospect(prospect: vc.Prospect) -> None:
    d = vc.draft(prospect, None, BOOK.caller, NOW)
    assert d.style == vc.recommend(prospect).style
    assert d.score >= 85 and d.passed and 20 <= d.metrics.seconds <= 30, (d.text, d.findings)


@pytest.mark.parametrize(
    ("changes", "style", "words"),
    [
        ({}, "referral", "Joe Sampson"),
        ({"referral": vc.Referral("Joe Sampson", confirmed=False)}, "third-party", "Company ABC"),
        ({"referral": None}, "third-party", "Company ABC"),
        ({"referral": None, "reference": None}, "warm-cold-call", "default"),
        ({"referral": None, "reference": None, "attempts": 3}, "straight-pitch", "3 voicemails"),
        (
            {"referral": vc.Referral("Joe Sampson"), "reference": None, "attempts": 5},
            "straight-pitch",
            "not named",
        ),
        ({"referral": vc.Referral("Joe Sampson", True), "attempts": 5}, "referral", "Joe"),
    ],
)
def test_recommend_follows_the_guidance(changes: dict, style: str, words: str) -> None:
    r = vc.recommend(replace(DANA, **changes))
    assert r.style == style
    assert words in r.reason


def test_unconfirmed_referral_is_never_named() -> None:
    p = replace(DANA, referral=vc.Referral("Joe Sampson", confirmed=False))
    for style in BUILT_IN:
        assert "Joe Sampson" not in vc.draft(p, style, BOOK.caller, NOW).text


def test_missing_required_field_names_style_and_field() -> None:
    p = replace(DANA, reference=None)
    with pytest.raises(vc.TemplateError, match=r"third-party needs prospect.reference.client"):
        vc.draft(p, "third-party", BOOK.caller, NOW)


def test_prospect_text_is_said_as_written() -> None:
    p = replace(DANA, salutation="{{ 7*7 }}", company="{% include 'x' %} Co")
    d = vc.draft(p, "warm-cold-call", BOOK.caller, NOW)
    assert "Hi {{ 7*7 }}," in d.text and "{% include 'x' %} Co" in d.text
    assert "49" not in d.text


def test_user_template_overrides_built_in(tmp_path: Path) -> None:
    (tmp_path / "referral.j2").write_text(
        "{#- description: our own referral -#}\n"
        "Hi {{ prospect.first_name }}, {{ caller.name }} from {{ caller.company }}, "
        "{{ caller.phone | phone }}. {{ next_step }} Again, {{ caller.phone | phone }}.\n",
        encoding="utf-8",
    )
    style = get_style("referral", [tmp_path])
    assert style.origin.startswith("folder") and style.description == "our own referral"
    d = vc.draft(DANA, "referral", BOOK.caller, NOW, templates=[tmp_path])
    assert d.text.startswith("Hi Dana, Freda Whitehouse from ABC Company")


def test_rendered_text_is_one_paragraph_without_glued_sentences() -> None:
    for style in BUILT_IN:
        text = vc.draft(DANA, style, BOOK.caller, NOW).text
        assert "\n" not in text and "  " not in text
        assert re.search(r"\w[.?!][A-Z]", text) is None, text  # "launch.Could"


def test_unknown_style_suggests_the_closest() -> None:
    with pytest.raises(vc.TemplateError, match="did you mean 'referral'"):
        vc.draft(DANA, "referal", BOOK.caller, NOW)


def test_a_name_ending_in_a_stop_is_not_said_with_two() -> None:
    p = replace(DANA, company="Apex Dental Ltd.", referral=None, reference=None)
    text = vc.draft(p, "warm-cold-call", BOOK.caller, NOW).text
    assert "Apex Dental Ltd." in text and ".." not in text

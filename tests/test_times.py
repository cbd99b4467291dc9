"""Tests for voicemail_coach.times: tables of voicemail sentences that must and must not propose."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from voicemail_coach.analysis.time_rules import EFFECTS, RULES, SCOPES
from voicemail_coach.models import TimeMention
from voicemail_coach.times import find_proposed_times

CHICAGO = ZoneInfo("America/Chicago")
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=CHICAGO)  # a Monday, 10 a.m.


def at(month: int, day: int, hour: int, minute: int = 0) -> str:
    """Return the ISO form of a moment in 2026, Chicago time."""
    return datetime(2026, month, day, hour, minute, tzinfo=CHICAGO).isoformat()


# (sentence, number of slots): each must be detected.
PROPOSALS: list[tuple[str, int]] = [
    ("I'd love to show you how; would Thursday at 10 a.m. work?", 1),
    ("Are you free this Friday at two for a quick call?", 1),
    ("Would Tuesday at 3 or 4 p.m. work for fifteen minutes?", 2),
    ("Could we talk tomorrow at 10:30?", 1),
    ("I'm holding on the 14th at 9:30 for you.", 1),
    ("Does Monday at 14:00 your time suit you?", 1),
    ("If I don't catch you, I'll call you Wednesday at 11.", 1),
    ("How about next Monday at noon?", 1),
    ("Are you around Monday the 7th at noon?", 1),
    ("I can do December 3rd at 2:30 p.m. if that helps.", 1),
    ("Let's talk at 3 p.m. on Thursday.", 1),
    ("Thursday morning at 9 is open on my calendar.", 1),
    ("How about tomorrow afternoon at 1:15?", 1),
    ("I'll ring you Friday, 2 o'clock.", 1),
    ("I could also do later today at 4 if that's easier.", 1),
    ("I can do today at 4 p.m. if that suits you.", 1),
    ("I was hoping we could grab 15 minutes Tuesday at 3.", 1),
    ("I'm free Tuesday at 3 or Wednesday at 10.", 2),
    ("I sent over an invite for Thursday at 10.", 1),
    ("If Tuesday at 3 doesn't work, tell me a better time.", 1),
    ("Can we move our call to 4 p.m. Thursday?", 1),
    ("Would 9:30 tomorrow morning work?", 1),
    ("I'll call you back Friday at ten thirty.", 1),
    ("I'll call you on Wednesday at a quarter past ten.", 1),
    ("Could you do Wednesday, 11/25 at 9 a.m.?", 1),
    ("Tuesday or Wednesday at 10?", 2),
    ("Could we do 2 p.m. Friday or 10 a.m. Monday?", 2),
    ("Let's talk at 2 this Friday.", 1),
    ("I'll stop by Tuesday at 3 with the samples.", 1),
    ("I have a couple of openings: Tuesday at 10 and Thursday at 2.", 2),
    ("Thursday at 10 is no good for me, so how about Friday at 2?", 1),
    ("I'm booked solid until Wednesday, but Thursday at 11 is wide open.", 1),
    ("Let's plan for December 1 at 10 a.m. Central.", 1),
    ("Can we hop on a quick call this Friday @ 11:15am?", 1),
    ("How about the day after tomorrow at 3?", 1),
    ("Would the 2nd of December at 3 p.m. work?", 1),
    ("Are you free Tuesday, 1 December at 3 p.m.?", 1),
    ("How about tomorrow, Tuesday, at 3?", 1),
    ("I'm free Tuesday, Wednesday or Thursday at 10.", 3),
    ("Could I ring you on Thursday at 4.30?", 1),
]

# The slot phrases the library itself says aloud: every one must be found, with every slot.
LIBRARY_PHRASES: list[tuple[str, int]] = [
    ("Would this Friday at 2 p.m. or 3 p.m. work for you?", 2),
    ("Would Tuesday at 3 or 4 p.m. work?", 2),
    ("Would tomorrow at 10:30 a.m. or 11 a.m. work?", 2),
    ("Would Monday the 9th at noon or 12:30 p.m. work?", 2),
    ("Would Thursday at 9 a.m. your time or Friday at 2 p.m. your time work?", 2),
    ("this Friday at 2 p.m. your time", 1),
    ("today at 4:30 p.m.", 1),
    ("Tuesday the 1st at 9 a.m.", 1),
    ("Wednesday at 11 a.m. or 1 p.m., your time", 2),
]

# (sentence, why): none of these proposes a specific future slot.
NOT_PROPOSALS: list[tuple[str, str]] = [
    ("Let's talk Monday.", "day alone"),
    ("I'm free Thursday afternoon if you want to chat.", "day alone"),
    ("Give me a call on Tuesday.", "day alone"),
    ("Call me at 2.", "time alone"),
    ("I'll be at my desk at 10:30 if you want to call.", "time alone"),
    ("I'm available between nine and noon on Tuesday.", "window"),
    ("We're open from 9 to 5 Monday to Friday.", "window / office hours"),
    ("Call me anytime until 5 today.", "window"),
    ("I'm in the office Tuesday from 9 to 11.", "window"),
    ("Tuesday between 2 and 4 p.m. is open.", "window"),
    ("I'm around Tuesday at 3 to 4 p.m. if you need me.", "window"),
    ("Tuesday at 9 - 11 works for a drop-in.", "window"),
    ("Any time after 3 on Tuesday works.", "window"),
    ("Our office hours are Monday through Friday, 8 to 6.", "office hours"),
    ("Please get back to me by Friday.", "deadline"),
    ("Could you reply before Thursday at 5?", "deadline"),
    ("Please sign by Friday at noon.", "deadline"),
    ("The offer ends Friday at 5 p.m.", "deadline"),
    ("We spoke Tuesday at 3 about your renewal.", "past event"),
    ("We were supposed to talk today at 4:00.", "past event"),
    ("I called last Monday at 10 and left a message.", "past event"),
    ("Your assistant said Friday at 2 didn't work.", "declined"),
    ("I left you a voicemail on Monday at 10.", "past event"),
    ("We had a call scheduled for today at 4, and I didn't hear from you.", "past event"),
    ("I tried you yesterday at 2.", "past event"),
    ("It's Monday at 10 a.m. as I leave this.", "current call"),
    ("I'm calling Tuesday at 9 to follow up on the proposal.", "current call"),
    ("It is 8:45 on Monday morning and I'm calling about your renewal.", "current call"),
    ("Quick note, Monday at 10 a.m. as I leave this.", "current call"),
    ("Let's connect sometime next week.", "vague"),
    ("Call me back at your convenience.", "vague"),
    ("Whenever works for you is fine.", "vague"),
    ("Maybe early next week?", "vague"),
    ("Rates are down 3 to 4 percent since Monday.", "number, not a time"),
    ("We're running a 2 for 1 deal on Friday.", "number, not a time"),
    ("On Tuesday we cut costs at 3 of our sites.", "number, not a time"),
    ("From Monday, menus are at 2.50 a copy.", "number, not a time"),
    ("On Thursday our menus print at 2.50 each.", "number, not a time"),
    ("Call me Tuesday at 901-555-2120.", "phone number"),
    ("Reach me Thursday at nine oh one, five five five, two one two zero.", "phone number"),
    ("I'm free Mondays at 10.", "recurring"),
    ("Every Tuesday at 3 we run a demo.", "recurring"),
    ("I can't do Friday at 2.", "refusal"),
    ("I'm out Tuesday at 3, sorry.", "absence"),
]


def _check_spans(text: str, found: list[TimeMention]) -> None:
    """Assert that each mention's text is the substring at its span, and mentions are ordered."""
    for mention in found:
        start, end = mention.span
        assert text[start:end] == mention.text
    assert [m.span for m in found] == sorted(m.span for m in found)


@pytest.mark.parametrize(("text", "slots"), PROPOSALS + LIBRARY_PHRASES)
def test_detects_proposal(text: str, slots: int) -> None:
    """A specific future slot is found, one mention per slot, with `now` and without."""
    found = find_proposed_times(text, NOW)
    assert len(found) == slots, found
    assert all(m.when is not None and m.when >= NOW for m in found)
    _check_spans(text, found)
    plain = find_proposed_times(text)
    assert [(m.text, m.span) for m in plain] == [(m.text, m.span) for m in found]
    assert all(m.when is None for m in plain)


@pytest.mark.parametrize(("text", "why"), NOT_PROPOSALS)
def test_rejects_non_proposal(text: str, why: str) -> None:
    """Days alone, times alone, windows, deadlines, past events and the like are not slots."""
    assert find_proposed_times(text) == [], why
    assert find_proposed_times(text, NOW) == [], why


def test_tables_are_big_enough() -> None:
    """The tables cover at least 25 proposals, 25 non-proposals and every excluded class."""
    assert len(PROPOSALS) >= 25
    assert len(NOT_PROPOSALS) >= 25
    classes = {why.split(" /")[0] for _, why in NOT_PROPOSALS}
    assert {
        "day alone",
        "time alone",
        "window",
        "office hours",
        "deadline",
        "past event",
    } <= classes
    assert {"current call", "vague", "number, not a time", "phone number"} <= classes


@pytest.mark.parametrize(
    ("text", "whens"),
    [
        ("Would Tuesday at 3 or 4 p.m. work?", [at(11, 24, 15), at(11, 24, 16)]),
        ("Would this Friday at 2 p.m. or 3 p.m. work for you?", [at(11, 27, 14), at(11, 27, 15)]),
        ("Would tomorrow at 10:30 a.m. or 11 a.m. work?", [at(11, 24, 10, 30), at(11, 24, 11)]),
        ("Would Monday the 7th at noon or 12:30 p.m. work?", [at(12, 7, 12), at(12, 7, 12, 30)]),
        ("Tuesday the 1st at 9 a.m.", [at(12, 1, 9)]),
        ("today at 4:30 p.m.", [at(11, 23, 16, 30)]),
        ("I'll call you Wednesday at 11.", [at(11, 25, 11)]),
        ("Thursday at 8 or 9?", [at(11, 26, 8), at(11, 26, 9)]),
        ("Thursday at 7", [at(11, 26, 19)]),  # a bare 1-7 is p.m.
        ("Thursday at 12", [at(11, 26, 12)]),
        ("Thursday at 11 or 1?", [at(11, 26, 11), at(11, 26, 13)]),
        ("Thursday at 11 or 12:30 p.m.?", [at(11, 26, 11), at(11, 26, 12, 30)]),
        ("next Monday at noon", [at(11, 30, 12)]),
        ("Let's talk Monday at 3.", [at(11, 30, 15)]),  # today is Monday: the next one
        ("on the 14th at 9:30", [at(12, 14, 9, 30)]),
        ("on the 23rd at 4 p.m.", [at(11, 23, 16)]),  # today's date, later today
        ("December 3rd at 2:30 p.m.", [at(12, 3, 14, 30)]),
        ("Monday at 14:00 your time", [at(11, 30, 14)]),
        ("Thursday morning at 9", [at(11, 26, 9)]),
        ("tomorrow afternoon at 1:15", [at(11, 24, 13, 15)]),
        ("this Friday at two", [at(11, 27, 14)]),
        ("tonight at 8", [at(11, 23, 20)]),
        ("later today at 8", [at(11, 23, 20)]),  # 8 a.m. has passed: 8 p.m.
        ("Thursday at 9 in the evening", [at(11, 26, 21)]),
        ("Thursday at a quarter to three", [at(11, 26, 14, 45)]),
        ("Thursday at 3 p.m. Eastern", [at(11, 26, 14)]),  # said in New York, shown in Chicago
        ("Friday at 1:30 p.m. Pacific Time", [at(11, 27, 15, 30)]),
        ("at 3 or 4 p.m. on Thursday", [at(11, 26, 15), at(11, 26, 16)]),
        ("Tuesday or Wednesday at 10", [at(11, 24, 10), at(11, 25, 10)]),
        ("Could we meet on 12/2 at 2 p.m.?", [at(12, 2, 14)]),
        ("Let's aim for January 5th at 10.", ["2027-01-05T10:00:00-06:00"]),
    ],
)
def test_resolves_when(text: str, whens: list[str]) -> None:
    """Each slot resolves to the right moment in now's time zone."""
    found = find_proposed_times(text, NOW)
    assert [m.when.isoformat() for m in found if m.when] == whens


def test_spans_of_a_choice() -> None:
    """A choice of two slots gives two mentions: the day with the first time, then the second."""
    text = "Hi Dana, would Tuesday at 3 or 4 p.m. work?"
    found = find_proposed_times(text, NOW)
    assert [m.text for m in found] == ["Tuesday at 3", "4 p.m."]
    assert found[0].span == (text.index("Tuesday"), text.index(" or"))
    assert found[0].to_dict()["when"] == "2026-11-24T15:00:00-06:00"


def test_time_before_day_spans() -> None:
    """A time said before its day spans from the hour to the day, without the 'at'."""
    text = "Let's talk at 3 p.m. on Thursday."
    [mention] = find_proposed_times(text)
    assert mention.text == "3 p.m. on Thursday"


def test_drops_past_slot_with_now() -> None:
    """With `now`, a slot already past is not a proposal; without it, it still is."""
    text = "Can we talk today at 9 a.m.?"
    assert find_proposed_times(text, NOW) == []
    assert [m.text for m in find_proposed_times(text)] == ["today at 9 a.m."]
    later = find_proposed_times("Can we talk today at 11 a.m.?", NOW)
    assert [m.when for m in later] == [NOW + timedelta(hours=1)]
    dated = "Would November 2nd at 3 p.m. work, or November 30th at 3 p.m.?"
    assert [m.when.date().isoformat() for m in find_proposed_times(dated, NOW) if m.when] == [
        "2027-11-02",
        "2026-11-30",
    ]
    year = "Would November 2nd, 2026 at 3 p.m. work?"
    assert find_proposed_times(year, NOW) == []
    assert len(find_proposed_times(year)) == 1


def test_now_in_other_zones() -> None:
    """A naive `now` gives naive moments; a fixed-offset `now` gives moments in that offset."""
    [naive] = find_proposed_times("Tuesday at 3", datetime(2026, 11, 23, 10))
    assert naive.when == datetime(2026, 11, 24, 15)
    utc = datetime(2026, 11, 23, 16, tzinfo=timezone.utc)
    [aware] = find_proposed_times("Tuesday at 3 p.m. Central", utc)
    assert aware.when == datetime(2026, 11, 24, 21, tzinfo=timezone.utc)


def test_whole_voicemail() -> None:
    """In a full script, only the proposal is found: not the phone number, not the past call."""
    text = (
        "Hi Dana, this is Sam Lee with Brightline at 901-555-2120. We spoke last Tuesday at 3 "
        "about cutting the time your managers spend on conflict. Would Thursday at 10 or 11 a.m. "
        "work for a quick call? Again, 901-555-2120."
    )
    found = find_proposed_times(text, NOW)
    assert [m.text for m in found] == ["Thursday at 10", "11 a.m."]
    assert [m.when for m in found] == [
        datetime(2026, 11, 26, 10, tzinfo=CHICAGO),
        datetime(2026, 11, 26, 11, tzinfo=CHICAGO),
    ]


@pytest.mark.parametrize("text", ["", "Hi.", "1234567890", "Monday " * 50, "at 3 " * 50])
def test_degenerate_input(text: str) -> None:
    """Empty, tiny and repetitive inputs return a list without raising."""
    assert isinstance(find_proposed_times(text, NOW), list)


def test_lower_case_abbreviations_are_words() -> None:
    """'may', 'wed', 'mar' in lower case are not dates; capitalised, they are."""
    assert find_proposed_times("We may 3x your leads at 2 per seat.") == []
    assert len(find_proposed_times("Could we talk May 4 at 2 p.m.?")) == 1
    assert len(find_proposed_times("Let's talk Wed at 3pm.")) == 1


# --- the context rules, as data (voicemail_coach/analysis/time_rules.py) ---------------------

RULE_EXAMPLES = [(r.name, text, want) for r in RULES for text, want in r.examples]


@pytest.mark.parametrize(
    ("name", "text", "proposed"), RULE_EXAMPLES, ids=[f"{n}:{t[:30]}" for n, t, _ in RULE_EXAMPLES]
)
def test_rule_examples(name: str, text: str, proposed: bool) -> None:
    """Each rule's examples hold; a rejected one is a proposal with only that rule off."""
    found = find_proposed_times(text, NOW)
    assert bool(found) == proposed, found
    if not proposed:
        without = tuple(r for r in RULES if r.name != name)
        assert find_proposed_times(text, NOW, rules=without), f"not {name} alone rejects it"


def test_every_rule_is_documented_by_examples() -> None:
    assert len({r.name for r in RULES}) == len(RULES)
    for rule in RULES:
        assert rule.scope in SCOPES and rule.effect in EFFECTS, rule.name
        assert rule.unless_scope is None or rule.unless_scope in SCOPES, rule.name
        outcomes = {want for _, want in rule.examples}
        assert outcomes == {True, False}, f"{rule.name} needs a should-pass and a should-reject"


def test_a_rule_switched_off_changes_the_answer() -> None:
    text = "Good to see you Wednesday at 4 at the conference."
    assert find_proposed_times(text, NOW) == []
    without = tuple(r for r in RULES if r.name != "past-encounter")
    assert [m.text for m in find_proposed_times(text, NOW, rules=without)] == ["Wednesday at 4"]


# --- issue 15: past and present read as a proposal, times not read ---------------------------


@pytest.mark.parametrize(
    ("text", "slot", "when"),
    [
        ("Can we talk at 1600 on Thursday?", "1600 on Thursday", at(11, 26, 16)),
        ("How about Monday at 0930?", "Monday at 0930", at(11, 30, 9, 30)),
        ("Could we speak Tuesday at 14h30?", "Tuesday at 14h30", at(11, 24, 14, 30)),
        ("Could we speak Tuesday at 14.30?", "Tuesday at 14.30", at(11, 24, 14, 30)),
        ("Would Wednesday at 9h work for your team?", "Wednesday at 9h", at(11, 25, 9)),
        ("Thursday at 1400 hours suits our crew.", "Thursday at 1400 hours", at(11, 26, 14)),
        ("Are you free Weds at 3 p.m.?", "Weds at 3 p.m.", at(11, 25, 15)),
    ],
)
def test_reads_24_hour_and_european_times(text: str, slot: str, when: str) -> None:
    (found,) = find_proposed_times(text, NOW)
    assert found.text == slot
    assert found.when is not None and found.when.isoformat() == when


@pytest.mark.parametrize(
    "text",
    [
        "Meet us Tuesday at 1600 Pennsylvania Avenue.",  # a street number
        "Thursday at 2026 prices the upgrade pays for itself.",  # a year
        "Tuesday at 1500 units a month, you'd save a lot.",  # a quantity
        "Good to see you Wednesday at 4 at the conference.",
        "As we agreed Tuesday at 2, I've attached the contract.",
        "It's Wednesday the 25th, 9:40 a.m., and I'm calling about your renewal.",
        "We were set to talk today at 11 and I missed you.",
        "I'm leaving you this message Monday at 10:15.",
        "We met on Thursday at 3 two weeks ago.",
        "Could we book a 2h session Tuesday?",  # a duration, not a time
    ],
)
def test_past_present_and_non_times_are_not_proposals(text: str) -> None:
    assert find_proposed_times(text, NOW) == []


def test_the_shared_lexicon_is_the_one_table() -> None:
    from voicemail_coach import phones
    from voicemail_coach.analysis import lexicon
    from voicemail_coach.schedule import speech

    assert speech.DAY_NAMES is lexicon.DAY_NAMES and speech.MONTH_NAMES is lexicon.MONTH_NAMES
    assert phones.DIGIT_WORDS is lexicon.DIGIT_WORDS
    assert lexicon.ORDINAL_WORDS["thirty-first"] == 31 and lexicon.DAY_ABBREVIATIONS["thurs"] == 3

"""Filler the weak-phrases check flags, and near misses it leaves alone (issue 15)."""

from __future__ import annotations

import pytest

import voicemail_coach as vc

NUMBER = " Call me at 901-555-2120."

#: (text, the filler flagged in it)
FLAGGED = [
    ("Hi Dana, I'm following up about the quote we sent.", "following up"),
    ("Hi Dana, Omar here, calling to follow-up on my email from Monday.", "to follow-up"),
    ("Hi Dana, calling to follow up on my email from Monday.", "to follow up"),
    ("Hi Dana, calling to follow\u2011up on my email.", "to follow\u2011up"),  # no-break hyphen
    ("Hi Dana, quick touch-base about the renewal.", "touch-base"),
    ("Hi Dana, I wanted to follow up about the\u00a0survey.", "to follow up"),
    ("Hi Dana, hope everything's OK with the move.", "hope everything's OK"),
    ("Hi Dana, hope everything\u2019s okay at the new site.", "hope everything\u2019s okay"),
    ("Hi Dana, I hope you're doing great.", "hope you're doing great"),
    ("Hi Dana, hope your week is going well.", "hope your week is going well"),
    ("Hi Dana, I trust this finds you well.", "trust this finds you well"),
    ("Hi Dana, sorry I missed you at the expo.", "sorry I missed you"),
    ("Hi Dana, sorry we keep missing each other.", "sorry we keep missing each other"),
    ("Please ring me back when convenient.", "when convenient"),
    ("Call me back whenever it\u2019s convenient.", "whenever it\u2019s convenient"),
    ("I don't want to pester you, but the rate lock ends soon.", "don't want to pester you"),
    ("I'm not trying to bug you about it.", "not trying to bug you"),
    ("I won't keep you long, it's about the lease.", "won't keep you"),
    (
        "I don't want to take up too much of your time.",
        "don't want to take up too much of your time",
    ),
    ("I'm sure you're busy, so I'll be brief.", "sure you're busy"),
    ("I know how busy you are this quarter.", "know how busy"),
    ("I realise you\u2019re probably swamped.", "realise you\u2019re probably swamped"),
    ("Give me a ring as soon as you get a minute.", "as soon as you get a minute"),
    ("Ring me back when you have two minutes.", "when you have two minutes"),
    ("I was just wondering whether the new rates suit you.", "just wondering"),
    ("I hope I'm not catching you at a bad time.", "hope I'm not catching you at a bad time"),
    ("Sorry if this is a bad time for you.", "Sorry if this is a bad time"),
    ("I apologise for all the calls this month.", "apologise for all the calls"),
    ("I don't want to be a nuisance, so this is my last call.", "don't want to be a nuisance"),
    ("I hope you had a great weekend.", "hope you had a great weekend"),
    ("Hi Dana, I'm just reaching out about the renewal.", "just reaching out"),
    ("This is just a quick follow-up on my email.", "just a quick follow-up"),
    ("I'm checking back in on the roof quote.", "checking back in"),
    ("Hope your Monday is going well.", "Hope your Monday is going well"),
    ("Feel free to text me with any questions.", "Feel free to text"),
    ("Call me back whenever is convenient.", "whenever is convenient"),
    ("Ring me when you've got a minute.", "when you've got a minute"),
    ("Call me back at your leisure.", "at your leisure"),
    ("I was just checking to see if the quote arrived.", "just checking to see"),
]

#: Near misses: the same words doing real work.
PASSED = [
    "I'm following up on the demo you requested on our website yesterday.",
    "Following up on the form you filled in, I have two slots open.",
    "I'll send a follow-up email with the quote.",
    "We\u2019ll follow up with the pricing sheet on Friday.",
    "Our follow-up visit is booked for the 14th.",
    "I hope to show you the new layout on Tuesday.",
    "If you're busy on Tuesday, Wednesday at 3 works too.",
    "Is there a convenient time for your team on Friday?",
    "Sorry, that number again is 901-555-2120.",
    "We don't want the crew to disturb your tenants, so we work weekends.",
    "We won't keep your deposit if the date moves.",
    "The new system doesn't waste your team's time on manual entry.",
    "If you have 10 minutes this week, I'd love to walk you through the numbers.",
    "I hope you can join the webinar on Thursday.",
    "You can trust your week is in good hands with our crew.",
    "Could we book a follow-up call for Tuesday at 3?",
    "Feel the difference on your energy bill by Friday.",
    "Sorry for the short notice on the price change, it takes effect in May.",
]


def _filler(text: str) -> list[str]:
    draft = vc.score(text)
    return [
        draft.text[f.span[0] : f.span[1]]
        for f in draft.findings
        if f.check == "weak-phrases" and f.span
    ]


@pytest.mark.parametrize(("text", "phrase"), FLAGGED)
def test_filler_is_flagged(text: str, phrase: str) -> None:
    assert _filler(text + NUMBER) == [phrase]


@pytest.mark.parametrize("text", PASSED)
def test_near_misses_pass(text: str) -> None:
    assert _filler(text + NUMBER) == []


def test_two_listed_phrases_are_two_fillers() -> None:
    text = "Hi Dana, just wanted to touch\u2011base about the renewal." + NUMBER
    assert _filler(text) == ["just wanted to", "touch\u2011base"]


def test_just_wanted_to_follow_up_is_one_filler() -> None:
    assert _filler("Hi Dana, I just wanted to follow up on my note." + NUMBER) == [
        "just wanted to follow up"
    ]


def test_message_names_the_phrase_and_the_target() -> None:
    draft = vc.score("Hi Dana, sorry I missed you." + NUMBER)
    (finding,) = [f for f in draft.findings if f.check == "weak-phrases"]
    assert finding.message == (
        "filler 'sorry I missed you' (target: none); say the reason for the call instead"
    )
    assert finding.severity == "warning"

"""The context rules of the time grammar, as data: what makes a day and a time not a proposal.

`times.find_proposed_times` first reads day phrases ("this Friday", "the 14th") and clock times
("at 3", "10:30 a.m.", "14h30"), pairs them into slots, then asks these rules whether the words
around an item say it is not a proposal. Each rule is one row:

* ``name``: a stable id, used in tests and when a rule is switched off;
* ``pattern``: a regex run on the lower-cased text (no ``re.IGNORECASE``; write ``['’]`` for
  an apostrophe). ``before-*`` and ``clause`` patterns are searched in the text before the item
  and usually end with ``$``; ``after-*`` patterns are matched right after it;
* ``scope``: where the pattern looks (see `SCOPES`);
* ``effect``: what a hit does (see `EFFECTS`);
* ``examples``: sentences and whether they propose a slot. ``tests/test_times.py`` runs every
  example: each ``False`` one must be rejected with all rules on and become a proposal with only
  this rule off (so it shows this rule, not another); each ``True`` one must stay a proposal;
* ``unless`` and ``unless_scope``: an exception; when it matches (in its own scope, by default
  the rule's), the rule does not fire.

To add a rule, add a row with a should-reject and a should-pass example and run the tests.
Rules describe grammar (tense, aspect, the role of a time in its clause), not phrases from
one script: "a past-tense verb whose time adverbial is the slot" rather than "as we agreed".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .lexicon import DAY_ABBREVIATIONS, DAY_NAMES, HOUR_WORDS, trie

__all__ = ["EFFECTS", "RULES", "SCOPES", "Effect", "Rule", "Scope"]

Scope = Literal[
    "before-day",
    "after-day",
    "before-time",
    "before-led-time",
    "before-and-time",
    "after-time",
    "clause",
    "after-slot",
]
#: Where a rule looks, and how far.
SCOPES: dict[Scope, str] = {
    "before-day": "the 40 characters before a day phrase",
    "after-day": "the 20 characters after a day phrase",
    "before-time": "the 40 characters before a clock time said without a lead word",
    "before-led-time": "the 40 characters before 'at 3', 'around 10' (a lead word and a time)",
    "before-and-time": "the 40 characters before 'and 3' (the second time of a pair)",
    "after-time": "the 40 characters after a clock time",
    "clause": "the slot's clause before it (back to a stop, a comma or a conjunction)",
    "after-slot": "the 60 characters after the slot",
}
Effect = Literal["not-a-day", "not-a-time", "not-a-proposal"]
#: What a rule's hit does.
EFFECTS: dict[Effect, str] = {
    "not-a-day": "the day phrase anchors no slot, nor shares its times with a day beside it",
    "not-a-time": "the clock time makes no slot, nor chains with the times beside it",
    "not-a-proposal": "this pairing of a day and a time is not a proposal",
}


@dataclass(frozen=True)
class Rule:
    """One context rule: its id, pattern, where it looks, what it does, and its examples."""

    name: str
    pattern: str
    scope: Scope
    effect: Effect
    examples: tuple[tuple[str, bool], ...]
    unless: str | None = None
    unless_scope: Scope | None = None


_WD = (
    f"(?:{trie(d.lower() for d in DAY_NAMES)}(?![a-z])"
    f"|{trie(w for w, n in DAY_ABBREVIATIONS.items() if n < 5)}(?![a-z])\\.?)"
)
_HW = f"(?:{trie(HOUR_WORDS)})"
_Q = "['\u2019]"  # an apostrophe, straight or curly
_STOP_BY = r"(?<![a-z])(?:stop|drop|swing|come|pop)(?:ping|ing)?\s+by\s*$"
_RANGE_WORDS = r"(?:to|through|thru|till|until|-|\u2013|\u2014)"

RULES: tuple[Rule, ...] = (
    # --- windows, deadlines, recurrences: the word before the day or the time ---------------
    Rule(
        "deadline-or-window-day",
        r"(?:(?<![a-z])(?:by|before|until|till|til|through|thru|after|since|from|between|every"
        r"|each|starting|beginning|as\s+of|no\s+later\s+than|prior\s+to|ahead\s+of|instead\s+of"
        r"|rather\s+than|other\s+than|except|besides|not)|'til)\s*,?\s*(?:on\s+)?$",
        "before-day",
        "not-a-day",
        (
            ("Please send the forms by Friday at 3 p.m.", False),
            ("I'm in the office every Tuesday at 9.", False),
            ("Could we talk Friday at 3 p.m.?", True),
            ("I can stop by Thursday at 2 to drop off samples.", True),
        ),
        unless=_STOP_BY,
    ),
    Rule(
        "day-range-before",
        rf"(?<![a-z]){_WD}\s*{_RANGE_WORDS}\s*$",
        "before-day",
        "not-a-day",
        (
            ("We're open Monday to Friday at 8 sharp.", False),
            ("Monday works, or Friday at 8 if that's easier.", True),
        ),
    ),
    Rule(
        "day-range-after",
        rf"\s*{_RANGE_WORDS}\s*{_WD}",
        "after-day",
        "not-a-day",
        (
            ("Our crews start at 7 Monday through Friday.", False),
            ("Our crew can start at 7 Monday, then finish Tuesday.", True),
        ),
    ),
    Rule(
        "time-range",
        rf"\s*(?:-|\u2013|\u2014|to|till|til|'til|until|through|thru)\s*(?:\d|{_HW}(?![a-z])"
        r"|noon|midday)",
        "after-time",
        "not-a-time",
        (
            ("I'm free Tuesday at 2 to 4 if you want to call.", False),
            ("I'm free Tuesday at 2, so give me a call.", True),
        ),
    ),
    Rule(
        "window-edge-led",
        r"(?<![a-z])(?:starting|beginning|from|until|till|after|before|since|between|by|every"
        r"|each)\s*$",
        "before-led-time",
        "not-a-time",
        (
            ("I'm in from around 10 on Thursday.", False),
            ("I'm in around 10 on Thursday.", True),
        ),
        unless=_STOP_BY,
    ),
    Rule(
        "between-and",
        r"(?<![a-z])between\s+[\w:.]+(?:\s*[ap]\.?\s?m\.?)?\s*$",
        "before-and-time",
        "not-a-time",
        (
            ("I'm free between 1 and 3 p.m. on Tuesday.", False),
            ("I'm free at 1 and 3 p.m. on Tuesday.", True),
        ),
    ),
    Rule(
        "window-edge-bare",
        r"(?:(?<![a-z])(?:by|before|until|till|til|through|thru|after|since|from|between|every"
        r"|each|starting|beginning|as\s+of|no\s+later\s+than|prior\s+to|ahead\s+of|instead\s+of"
        r"|rather\s+than|other\s+than|except|besides|not)|'til)\s*,?\s*(?:on\s+)?$",
        "before-time",
        "not-a-time",
        (
            ("Before 3 p.m. on Friday, please send the forms.", False),
            ("Around 3 p.m. on Friday, could we talk?", True),
        ),
        unless=_STOP_BY,
    ),
    Rule(
        "time-range-before",
        rf"(?:\d|(?<![a-z]){_HW}|noon|[ap]\.?m\.?)\s*(?:-|\u2013|\u2014|to|till|til|until|through"
        r"|thru)\s*$",
        "before-time",
        "not-a-time",
        (
            ("My hours Tuesday are 9 to 5 p.m.", False),
            ("Tuesday 5 p.m. would be my pick.", True),
        ),
    ),
    # --- the slot's clause: past events, the current call, events, refusals ------------------
    Rule(
        "past-event",
        r"(?<![a-z])(?:had|missed|supposed|ago|yesterday|earlier|previously|originally"
        rf"|didn{_Q}t|did\s+not|couldn{_Q}t|weren{_Q}t|wasn{_Q}t|we{_Q}d|(?:was|were)\s+"
        r"(?:scheduled|booked|set|planned|going\s+to\s+(?:talk|meet|speak|connect|chat|call|have"
        r"|do|catch)))(?![a-z])",
        "clause",
        "not-a-proposal",
        (
            ("We had a call booked Tuesday at 3.", False),
            ("Sorry we missed our call Tuesday at 3.", False),
            ("We're set to talk Tuesday at 3.", True),
        ),
    ),
    Rule(
        "past-contact",
        r"(?<![a-z])(?:spoke|talked|met|chatted|called|e-?mailed|texted|messaged|left|tried"
        r"|connected|visited|rang|phoned|heard|saw|sent|(?<!ve\s)got|received|stopped\s+by"
        r"|dropped\s+by|reached\s+out|ran\s+into|caught|attended|noticed|joined|presented|hosted"
        r"|watched|came|went|did|(?:was|were)(?!\s+(?:hoping|wondering|thinking|going|planning"
        r"|looking|curious|calling|reaching|trying|just|able|free|available|open)))(?![a-z])",
        "clause",
        "not-a-proposal",
        (
            ("We spoke Tuesday at 3 about your fleet.", False),
            ("I sent you an invite for Tuesday at 3.", True),
            ("I was hoping we could talk Tuesday at 3.", True),
        ),
        unless=r"(?<![a-z])for\s*$",
    ),
    Rule(
        "past-verb-on-the-slot",
        # A past-tense verb whose time adverbial is the slot ("as we agreed Monday at 2"). Verbs
        # that take a future time as their object (arranging, proposing) and the polite past
        # ("I wanted", "I figured") are not past events; nor is a slot that is the subject of
        # what follows ("I figured Tuesday at 3 might work").
        r"(?<![a-z])(?:i|we|you|they|he|she)\s+(?:[a-z]+ly\s+)?"
        r"(?!(?:book|schedul|reserv|pencil|arrang|confirm|block|hold|sav|plann|set|want|hop"
        r"|need|wonder|figur|guess|propos|suggest|offer|includ|list|pick|chose|select|request"
        r"|ask|prefer)[a-z]*)"
        r"[a-z]+ed(?:\s+(?:on|at|about))?\s*$",
        "clause",
        "not-a-proposal",
        (
            ("As we agreed Monday at 2, the quote holds for a month.", False),
            ("As you mentioned Thursday at 10, the roof needs work.", False),
            ("We proposed Thursday at 3 for the walkthrough.", True),
            ("You requested Tuesday at 3 for the demo, so I've held it.", True),
            ("I figured Tuesday at 3 might suit you.", True),
        ),
        unless=r"\s*,?\s*(?:might|would|could|should|will|works?|suits?|sounds?)(?![a-z])",
        unless_scope="after-slot",
    ),
    Rule(
        "past-encounter",
        # "Good to see you Wednesday at 4": an encounter that happened. Not "would be great to
        # see you" or "it'll be nice to meet you", which look ahead.
        r"(?<![a-z])(?<!be\s)(?:good|nice|great|lovely|wonderful|a\s+pleasure)\s+(?:to\s+(?:see"
        r"|meet|talk\s+(?:to|with)|speak\s+(?:to|with)|chat\s+with|catch\s+up\s+with)|seeing"
        r"|meeting|talking\s+(?:to|with)|speaking\s+(?:to|with)|chatting\s+with|catching\s+up"
        r"\s+with)\s+you(?![a-z])",
        "clause",
        "not-a-proposal",
        (
            ("Good to see you Wednesday at 4 at the conference.", False),
            ("Would be great to see you Wednesday at 4.", True),
        ),
    ),
    Rule(
        "this-call",
        rf"(?:(?<![a-z])it(?:{_Q}s|\s+is)|(?<![a-z])today(?:{_Q}s|\s+is)"
        r"|(?<![a-z])(?<!be\s)calling(?:\s+you)?(?:\s+on)?|right\s+now|(?<![a-z])currently"
        r"|(?<![a-z])here\s+on)\s*(?:now\s*)?,?\s*$",
        "clause",
        "not-a-proposal",
        (
            ("It's Wednesday the 3rd, 9:40 a.m., and I'm calling about your renewal.", False),
            ("Hi, calling Tuesday at 9 to catch you before the week fills.", False),
            ("It's worth a call Wednesday at 9:40 if you can.", True),
        ),
    ),
    Rule(
        "this-message",
        # A present progressive describing this message: "I'm leaving this message Tuesday at 9".
        r"(?<![a-z])(?:leaving|recording|sending)\s+(?:you\s+)?(?:this|a)\s+(?:quick\s+)?"
        r"(?:message|voicemail|note)(?:\s+(?:on|at))?\s*,?\s*$",
        "clause",
        "not-a-proposal",
        (
            ("I'm leaving this message Tuesday at 9:15.", False),
            ("I'm leaving a message so we can meet Tuesday at 9:15.", True),
        ),
    ),
    Rule(
        "event-or-deadline",
        r"(?<![a-z])(?:starts|begins|kicks\s+off|launches|goes\s+live|ends?|ending|expires?"
        r"|expiring|expiration|due|deadline|closes?|closing|closed|cut-?off|opens|reopens?"
        r"|valid\s+(?:through|until)|good\s+(?:through|until))(?![a-z])",
        "clause",
        "not-a-proposal",
        (
            ("The webinar starts Thursday at 11.", False),
            ("Could we talk Thursday at 11?", True),
        ),
    ),
    Rule(
        "office-hours",
        rf"(?<![a-z])(?:we(?:{_Q}re|\s+are)?\s+open|office\s+hours|business\s+hours|hours\s+are"
        r"|runs\s+through)(?![a-z])",
        "clause",
        "not-a-proposal",
        (
            ("Our office hours are Saturday at 9 as well.", False),
            ("Our team can meet Saturday at 9 as well.", True),
        ),
    ),
    Rule(
        "unavailable",
        rf"(?<![a-z])(?:can{_Q}t|cannot|unable|unavailable|not\s+(?:available|free|around)|busy"
        rf"|booked\s+(?:up|solid)|tied\s+up|out\s+of\s+(?:the\s+)?office|(?:i{_Q}m|am|be"
        rf"|we{_Q}re|are|is)\s+(?:out|off|away|travel+ing|on\s+vacation)|won{_Q}t\s+be)(?![a-z])",
        "clause",
        "not-a-proposal",
        (
            ("I'm tied up Thursday at 2, so any other time.", False),
            ("I'm free Thursday at 2, so let's talk.", True),
        ),
    ),
    # --- right after the slot -----------------------------------------------------------------
    Rule(
        "this-call-after",
        rf"\W*(?:as\s+i\s+(?:leave|record|am\s+leaving|{_Q}m\s+leaving)|right\s+now)(?![a-z])",
        "after-slot",
        "not-a-proposal",
        (
            ("Monday at 10:05 as I leave this, the offer is still open.", False),
            ("Monday at 10:05 suits me, as I leave early.", True),
        ),
    ),
    Rule(
        "declined-or-gone",
        rf"\W*(?:(?:didn{_Q}t|did\s+not|doesn{_Q}t|does\s+not|won{_Q}t|will\s+not|isn{_Q}t"
        rf"|is\s+not|wasn{_Q}t|can{_Q}t|cannot|no\s+longer|is\s+no)(?![a-z])"
        r"|(?:fell|falls)\s+through|(?:got|was|has\s+been|were|is)\s+(?:cancel|postpon|moved"
        r"|pushed|resched|taken|booked)|(?:went|was|were|had|ended)(?![a-z]))",
        "after-slot",
        "not-a-proposal",
        (
            ("Friday at 2 doesn't work for our crew.", False),
            ("If Friday at 2 doesn't work, name a time.", True),
        ),
        unless=r"(?<![a-z])(?:if|unless|whether|in\s+case|should)(?![a-z])",
        unless_scope="clause",
    ),
    Rule(
        "past-verb-after-slot",
        # The slot fronted before a past-tense clause: "Tuesday at 3 we discussed pricing".
        r"\s*,?\s*(?:i|we|you|they|he|she)\s+(?:[a-z]+ly\s+)?"
        r"(?!(?:book|schedul|reserv|pencil|arrang|confirm|block|hold|sav|plann|set|need|propos"
        r"|suggest|offer)[a-z]*)(?:[a-z]+ed|spoke|met|talked|sent|saw|went|came)(?![a-z])",
        "after-slot",
        "not-a-proposal",
        (
            ("Tuesday at 3 we discussed pricing with your team.", False),
            ("Tuesday at 3 we could go over pricing with your team.", True),
        ),
    ),
    Rule(
        "past-after",
        # The slot followed by how long ago: "Thursday at 3 last week", "Monday at 9 two weeks ago".
        r"\s+(?:last\s+(?:week|month|time)|(?:(?:a\s+)?few|a|an|one|two|three|\d+)\s+(?:days?"
        r"|weeks?|months?)\s+ago)(?![a-z])",
        "after-slot",
        "not-a-proposal",
        (
            ("Our call on Thursday at 3 last week ran long.", False),
            ("Thursday at 3 works, since last week was full.", True),
        ),
    ),
)

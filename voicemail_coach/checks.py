"""The checks: each an immutable record plus a pure function from an analysed draft to hits."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .models import CallbackNumber, Level, Metrics, PhoneMention, TimeMention

Params = Mapping[str, Any]


@dataclass(frozen=True)
class Hit:
    """What a check found: a message, where, and a level of its own when graded by threshold.

    A hit without a level takes the check's level (its default, or the one a style or config
    sets); a hit with one (length over 45 s, a guessed time zone) keeps it.
    """

    message: str
    span: tuple[int, int] | None = None
    level: Level | None = None


@dataclass(frozen=True)
class Analysis:
    """Everything the checks read, measured once per draft."""

    text: str
    metrics: Metrics
    sentences: tuple[tuple[int, int], ...]
    mentions: tuple[PhoneMention, ...]
    numbers: tuple[CallbackNumber, ...]
    times: tuple[TimeMention, ...]
    caller_phone: str | None = None
    caller_name: str | None = None
    caller_company: str | None = None
    notes: Mapping[str, tuple[tuple[str, Level | None], ...]] = field(default_factory=dict)

    @property
    def callback(self) -> CallbackNumber | None:
        """Return the number the listener should call: the caller's, else the most said one."""
        if not self.numbers:
            return None
        for group in self.numbers:
            if self.caller_phone and group.number == self.caller_phone:
                return group
        return max(self.numbers, key=lambda g: g.count)


@dataclass(frozen=True)
class Check:
    """A check: stable id, default level, what it checks, the source of its threshold."""

    id: str
    level: Level
    summary: str
    source: str
    run: Callable[[Analysis, Params], list[Hit]]
    params: Params = field(default_factory=dict)


def _length(a: Analysis, p: Params) -> list[Hit]:
    """Flag scripts too long or too short to say."""
    s = a.metrics.seconds
    lo, hi = p["target_min"], p["target_max"]
    target = f"target {lo:g}-{hi:g} s"
    if s > p["error_over"]:
        return [
            Hit(
                f"about {s:g} s spoken, over {p['error_over']:g} s ({target}); cut it down",
                level="error",
            )
        ]
    if s > p["warn_over"]:
        return [Hit(f"about {s:g} s spoken, over {p['warn_over']:g} s ({target}); cut a sentence")]
    if s < p["short_under"]:
        return [
            Hit(f"about {s:g} s spoken ({target}); say why you are calling", level="suggestion")
        ]
    return []


def _clarity(a: Analysis, p: Params) -> list[Hit]:
    """Flag a reading grade too high to follow by ear and sentences too long to hold."""
    hits = []
    if a.metrics.grade > p["max_grade"]:
        hits.append(
            Hit(
                f"Flesch-Kincaid grade {a.metrics.grade:g} (target at most "
                f"{p['max_grade']:g}); use shorter words and sentences"
            )
        )
    for start, end in a.sentences:
        count = len(a.text[start:end].split())
        if count > p["max_sentence_words"]:
            hits.append(
                Hit(
                    f"sentence of {count} words (target at most "
                    f"{p['max_sentence_words']:g}); split it",
                    (start, end),
                )
            )
    return hits


def _callback_number(a: Analysis, p: Params) -> list[Hit]:
    """Flag a draft with no callback number, or with a number other than the caller's."""
    if not a.numbers:
        return [
            Hit(
                "no callback number found (target: say your number, e.g. 901-555-2120, "
                "early and again at the end)"
            )
        ]
    if a.caller_phone and not any(g.number == a.caller_phone for g in a.numbers):
        said = ", ".join(g.number for g in a.numbers)
        return [
            Hit(
                f"the number said ({said}) is not the caller's number {a.caller_phone}",
                a.numbers[0].spans[0],
            )
        ]
    return []


def _number_repeated(a: Analysis, p: Params) -> list[Hit]:
    """Flag a callback number said only once, or not repeated at the end."""
    group = a.callback
    if group is None:
        return []
    need = int(p["min_times"])
    if group.count < need:
        return [
            Hit(
                f"callback number said {group.count} time (target: {need}, once early and "
                "once at the end)",
                group.spans[0],
            )
        ]
    size = max(1, len(a.text))
    first, last = group.spans[0], group.spans[-1]
    if first[0] / size > p["early_before"] or last[1] / size < p["late_after"]:
        return [
            Hit(
                f"callback number said {group.count} times, but not once early and once at "
                "the end, where a listener reaches for a pen",
                last,
                level="suggestion",
            )
        ]
    return []


def _proposed_time(a: Analysis, p: Params) -> list[Hit]:
    """Flag a draft that proposes no specific day and time, or a slot outside hours."""
    hits = [Hit(note, level=level) for note, level in a.notes.get("proposed-time", ())]
    if not a.times:
        hits.insert(
            0,
            Hit(
                "no specific time proposed for the next step (target: a day and a "
                "clock time, e.g. 'Would Tuesday at 3 or 4 p.m. work?')"
            ),
        )
    return hits


_WEAK = (
    r"just (?:following|wanted to follow) up",
    r"(?:just )?(?:touching|touch) base",
    r"(?:just )?checking in(?! (?:at|for) )",
    r"(?:wanted|want|just|calling|quick(?:ly)?) to check in",
    r"(?:just )?(?:circling|circle) back",
    r"hope (?:all is|everything is|things are) (?:well|good)",
    r"hope (?:you(?:['’]re| are) (?:doing )?well|this (?:message )?finds you well)",
    r"(?:please )?feel free to (?:reach out|call|give me a call|contact me)",
    r"(?:please )?don['’]?t hesitate to (?:reach out|call|give me a call|contact me)",
    r"just wanted(?: you)? to",
    r"just (?:calling|reaching out) to",
    r"(?:when|whenever|if) you (?:get|have) a (?:chance|moment|minute|second|sec)",
    r"at your (?:earliest )?convenience(?! stores?)",
    r"sorry to (?:bother|bug|disturb) you",
)
_WEAK_RE = re.compile(r"\b(?:" + "|".join(_WEAK) + r")\b", re.IGNORECASE)
# Every match of _WEAK_RE holds one of these, lower-cased: each phrase above holds one outside
# its optional parts (tests/test_batch.py checks that each holds one). Most scripts hold none,
# and a dozen substring tests cost ~3 us where the case-blind alternation costs ~30 us.
_WEAK_HINTS = (
    "just ",
    "touch",
    "checking in",
    "check in",
    "circl",
    "hope ",
    "feel free",
    "hesitate",
    "you get a ",
    "you have a ",
    "convenience",
    "sorry to ",
)


def _may_hold_filler(text: str) -> bool:
    """Return False when the text cannot hold a built-in filler phrase, cheaply."""
    # Case-blind matching goes beyond lower() outside ASCII (the long s, the Kelvin sign).
    if not text.isascii():
        return True
    low = text.lower()
    return any(h in low for h in _WEAK_HINTS)


def _weak_phrases(a: Analysis, p: Params) -> list[Hit]:
    """Flag filler phrases that add nothing for the listener."""
    hits: list[Hit] = []
    text = a.text
    if _may_hold_filler(text):
        hits = [
            Hit(
                f"filler '{m.group()}' (target: none); say the reason for the call instead",
                (m.start(), m.end()),
            )
            for m in _WEAK_RE.finditer(text)
        ]
    for phrase in p.get("extra", ()):
        for m in _phrase_re(phrase).finditer(text):
            hits.append(
                Hit(
                    f"filler '{m.group()}' (target: none, listed in your config)",
                    (m.start(), m.end()),
                )
            )
    return sorted(hits, key=lambda h: h.span or (0, 0))


@lru_cache(maxsize=256)
def _phrase_re(phrase: str) -> re.Pattern[str]:
    """Return the pattern of one filler phrase from a config, compiled once."""
    return re.compile(r"\b" + re.escape(phrase) + r"\b", re.IGNORECASE)


_INTRO = re.compile(
    r"\b(?:this is|my name is|it'?s|I'?m|I am|here'?s)\s+(?:[A-Z][\w'’-]+)", re.IGNORECASE
)
_NAME_FROM = re.compile(
    r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?,?\s+(?:from|with|at|of|here at|over at)\s+"
    r"(?:the\s+)?[A-Z0-9]"
)
_FROM = re.compile(r"\b(?:from|with|at|of|here at|over at)\s+(?:the\s+)?[A-Z0-9]")


def _opening(a: Analysis, p: Params) -> list[Hit]:
    """Flag an opening that does not say who is calling and from where."""
    limit = int(p["within_words"])
    words = a.text.split(maxsplit=limit)  # the first `limit` words and the rest
    head_end = sum(len(w) + 1 for w in words[:limit])
    head = a.text[:head_end]
    if a.caller_name:
        names = {a.caller_name.lower(), a.caller_name.split()[0].lower()}
        has_name = any(n in head.lower() for n in names)
    else:
        # after the greeting ("Hi Carla,"): "this is Ben", or "Ben Ortiz with Pine Ridge"
        rest = head.split(",", 1)[1] if "," in head[:30] else head
        has_name = bool(_INTRO.search(head) or _NAME_FROM.search(rest))
    if a.caller_company:
        has_company = a.caller_company.lower() in head.lower()
    else:
        has_company = bool(_FROM.search(head))
    missing = [
        what for what, ok in (("your name", has_name), ("your company", has_company)) if not ok
    ]
    if missing:
        return [
            Hit(
                f"{' and '.join(missing)} not in the first {limit} words (target: who is "
                f"calling and from where, first)",
                (0, len(head.rstrip())),
            )
        ]
    return []


_PLACEHOLDER = re.compile(
    r"\[[^\[\]\n]{1,40}\]"  # [Name], [Your Number]
    r"|\{\{[^{}\n]{0,60}\}\}|\{%[^{}\n]{0,60}%\}"  # leftover Jinja
    r"|\{[A-Za-z_][\w.]{0,30}\}"  # {first_name}
    r"|<<?[A-Za-z][\w .]{0,30}>>?"  # <Name>, <<company>>
    r"|_{3,}"  # ___
    r"|\b[Xx]{3}[-. ][Xx]{3,4}(?:[-. ][Xx]{4})?\b"  # XXX-XXXX
    r"|\b(?:INSERT|TODO|TBD|FIXME)\b"
    r"|\((?:insert|your|prospect'?s?|company|name)[^()\n]{0,30}\)"
    r"|(?<=\b(?:at|is|on) )[—–](?=[\s.,]|$)"  # "call me at — or" (a dash for the number)
    r"|['‘\"“]X\.?['’\"”]",  # "this is 'X.'" (a letter for a name)
)


def _may_hold_placeholder(text: str) -> bool:
    """Return False when the text cannot hold a placeholder, cheaply.

    Every match of _PLACEHOLDER holds one of these characters, "xxx" (an upper-case X is one of
    the characters) or one of the words: keep this in step with the pattern (tests/test_batch.py
    runs the examples both ways). It skips the scan (~15 us) on the usual script, which holds none.
    """
    return (
        "[" in text
        or "{" in text
        or "<" in text
        or "_" in text
        or "(" in text
        or "\u2014" in text
        or "\u2013" in text
        or "X" in text
        or "xxx" in text
        or "INSERT" in text
        or "TODO" in text
        or "TBD" in text
        or "FIXME" in text
    )


def _placeholders(a: Analysis, p: Params) -> list[Hit]:
    """Flag template leftovers a listener must never hear."""
    text = a.text
    if not _may_hold_placeholder(text):
        return []
    return [
        Hit(f"placeholder '{m.group()}' left in (target: none); fill it in", (m.start(), m.end()))
        for m in _PLACEHOLDER.finditer(text)
    ]


FAST_COMPANY = "Fast Company, 'How to leave a voicemail that gets returned' (20-30 s)"
NCVS = "National Center for Voice and Speech: about 150 words a minute in conversation"
DUBAY = "DuBay, 'The Principles of Readability' (listening comprehension drops past grade 8)"
HUNTER = "Mark Hunter and The Balance Careers: say your name and number twice"
PRACTICE = "sales practitioner guidance: propose the time yourself, not 'sometime next week'"
FILLER = "sales practitioner guidance: 'just checking in', 'circling back', 'touch base' are filler"

LENGTH = Check(
    "length",
    "warning",
    "spoken length: about 150 words a minute, phone numbers digit by digit",
    f"{FAST_COMPANY}; {NCVS}",
    _length,
    {
        "target_min": 20,
        "target_max": 30,
        "warn_over": 30,
        "error_over": 45,
        "short_under": 12,
        "words_per_minute": 150,
    },
)
CLARITY = Check(
    "clarity",
    "warning",
    "Flesch-Kincaid grade at most 8 and no sentence over 20 words",
    DUBAY,
    _clarity,
    {"max_grade": 8, "max_sentence_words": 20},
)
CALLBACK_NUMBER = Check(
    "callback-number",
    "error",
    "a callback number is said, and it is the caller's",
    HUNTER,
    _callback_number,
)
NUMBER_REPEATED = Check(
    "number-repeated",
    "warning",
    "the callback number is said twice, early and at the end",
    HUNTER,
    _number_repeated,
    {"min_times": 2, "early_before": 0.5, "late_after": 0.7},
)
PROPOSED_TIME = Check(
    "proposed-time",
    "warning",
    "a specific future day and clock time for the next conversation",
    PRACTICE,
    _proposed_time,
)
WEAK_PHRASES = Check(
    "weak-phrases",
    "warning",
    "filler such as 'just following up' or 'touching base'",
    FILLER,
    _weak_phrases,
    {"extra": ()},
)
OPENING = Check(
    "opening",
    "warning",
    "caller name and company within the first 15 words",
    HUNTER,
    _opening,
    {"within_words": 15},
)
PLACEHOLDERS = Check(
    "placeholders",
    "error",
    "template leftovers such as [Name], ___, {{ x }} or XXX-XXXX",
    "a listener must never hear a template's blanks",
    _placeholders,
)

CHECKS: tuple[Check, ...] = (
    LENGTH,
    CLARITY,
    CALLBACK_NUMBER,
    NUMBER_REPEATED,
    PROPOSED_TIME,
    WEAK_PHRASES,
    OPENING,
    PLACEHOLDERS,
)
BY_ID: Mapping[str, Check] = {c.id: c for c in CHECKS}

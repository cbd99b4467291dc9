"""The checks: each an immutable record plus a pure function from an analysed draft to hits.

A check's run function says *what* it found (an outcome code and a message), never how bad it
is: the level of each outcome comes from policy (the outcome table below, a style's metadata,
the config file, the command line; see :mod:`voicemail_coach.config`). Every outcome has a
stable id, ``<check id>.<code>`` (``length.far-too-long``), that those layers can re-level or
switch off.

The filler phrases (``_WEAK``) and their cheap pre-check hints (``_WEAK_HINTS``) live here, in
one place; the placeholder pattern and its pre-check likewise.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .models import CallbackNumber, Earlier, Level, Metrics, Note, PhoneMention, TimeMention
from .text import sentence_spans

Params = Mapping[str, Any]


@dataclass(frozen=True)
class Hit:
    """What a check found: an outcome code (``too-long``), a message and where, if known.

    The code names one of the check's outcomes; it never carries a level.
    """

    outcome: str
    message: str
    span: tuple[int, int] | None = None


@dataclass(frozen=True)
class Outcome:
    """One outcome a check can report, with its built-in default.

    ``level`` None means the check's own default level. ``enabled`` False makes the outcome
    opt-in: it is reported only when a layer names its own id with a level (a level set for
    the whole check re-levels the outcomes that are on, it never switches an opt-in one on).
    """

    code: str
    summary: str
    level: Level | None = None
    enabled: bool = True


@dataclass(frozen=True)
class Analysis:
    """Everything the checks read, measured once per draft.

    ``notes`` are the slot planner's typed notes (``models.Note``); the ``proposed-time`` check
    reports each as the outcome ``proposed-time.<note.code>``. ``earlier`` are the voicemails
    already left for the same prospect (from the touch log, oldest first), for the
    ``repeated-content`` check.
    """

    text: str
    metrics: Metrics
    sentences: tuple[tuple[int, int], ...]
    mentions: tuple[PhoneMention, ...]
    numbers: tuple[CallbackNumber, ...]
    times: tuple[TimeMention, ...]
    caller_phone: str | None = None
    caller_name: str | None = None
    caller_company: str | None = None
    notes: tuple[Note, ...] = ()
    earlier: tuple[Earlier, ...] = ()

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
    """A check: stable id, default level, what it checks, the source of its threshold.

    ``outcomes`` lists every outcome it can report. With ``open_outcomes`` (the
    ``proposed-time`` check, fed by the slot planner's note codes) an outcome code missing from
    the table is still reported, at the check's level.
    """

    id: str
    level: Level
    summary: str
    source: str
    run: Callable[[Analysis, Params], list[Hit]]
    outcomes: tuple[Outcome, ...]
    params: Params = field(default_factory=dict)
    open_outcomes: bool = False

    def outcome(self, code: str) -> Outcome | None:
        """Return the outcome with this code, or None when the table has no such row."""
        for o in self.outcomes:
            if o.code == code:
                return o
        return None

    def outcome_ids(self) -> tuple[str, ...]:
        """Return the full ids of the outcomes (``length.too-long``, ...), in table order."""
        return tuple(f"{self.id}.{o.code}" for o in self.outcomes)


def _length(a: Analysis, p: Params) -> list[Hit]:
    """Flag scripts too long or too short to say."""
    s = a.metrics.seconds
    lo, hi = p["target_min"], p["target_max"]
    target = f"target {lo:g}-{hi:g} s"
    if s > p["error_over"]:
        return [
            Hit(
                "far-too-long",
                f"about {s:g} s spoken, over {p['error_over']:g} s ({target}); cut it down",
            )
        ]
    if s > p["warn_over"]:
        return [
            Hit(
                "too-long",
                f"about {s:g} s spoken, over {p['warn_over']:g} s ({target}); cut a sentence",
            )
        ]
    if s < p["short_under"]:
        return [
            Hit(
                "too-short",
                f"about {s:g} s spoken, under {p['short_under']:g} s ({target}); say why you "
                "are calling",
            )
        ]
    return []


def _clarity(a: Analysis, p: Params) -> list[Hit]:
    """Flag a reading grade too high to follow by ear and sentences too long to hold."""
    hits = []
    if a.metrics.grade > p["max_grade"]:
        hits.append(
            Hit(
                "grade",
                f"Flesch-Kincaid grade {a.metrics.grade:g} (target at most "
                f"{p['max_grade']:g}); use shorter words and sentences",
            )
        )
    for start, end in a.sentences:
        count = len(a.text[start:end].split())
        if count > p["max_sentence_words"]:
            hits.append(
                Hit(
                    "long-sentence",
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
                "missing",
                "no callback number found (target: say your number, e.g. 901-555-2120, "
                "early and again at the end)",
            )
        ]
    if a.caller_phone and not any(g.number == a.caller_phone for g in a.numbers):
        said = ", ".join(g.number for g in a.numbers)
        return [
            Hit(
                "not-callers",
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
        times = "time" if group.count == 1 else "times"
        return [
            Hit(
                "once",
                f"callback number said {group.count} {times} (target: {need}, once early and "
                "once at the end)",
                group.spans[0],
            )
        ]
    size = max(1, len(a.text))
    first, last = group.spans[0], group.spans[-1]
    if first[0] / size > p["early_before"] or last[1] / size < p["late_after"]:
        return [
            Hit(
                "not-early-and-late",
                f"callback number said {group.count} times, but not once early and once at "
                "the end, where a listener reaches for a pen (target: first in the first "
                f"{p['early_before']:.0%} of the script, last after {p['late_after']:.0%})",
                last,
            )
        ]
    return []


def _proposed_time(a: Analysis, p: Params) -> list[Hit]:
    """Flag a draft that proposes no specific day and time, and each slot-planner note."""
    hits = [Hit(n.code, n.message, n.span) for n in a.notes]
    if not a.times:
        hits.insert(
            0,
            Hit(
                "missing",
                "no specific time proposed for the next step (target: a day and a "
                "clock time, e.g. 'Would Tuesday at 3 or 4 p.m. work?')",
            ),
        )
    return hits


_WORDS = re.compile(r"[a-z0-9']+")


def _said(text: str) -> str:
    """Return a sentence reduced to its words, lowercased: what the listener hears."""
    return " ".join(_WORDS.findall(text.lower()))


def _sentences_of(text: str) -> list[str]:
    """Return the sentences of an earlier script, reduced (see `_said`)."""
    return [_said(text[s:e]) for s, e in sentence_spans(text)]


def _repeated_content(a: Analysis, p: Params) -> list[Hit]:
    """Flag an opener, a reason sentence or a slot already used in an earlier voicemail."""
    if not a.earlier or not a.sentences:
        return []
    hits: list[Hit] = []
    earlier = [(e, _sentences_of(e.text)) for e in a.earlier]
    first = a.sentences[0]
    opener = _said(a.text[first[0] : first[1]])
    for e, said in reversed(earlier):
        if said and said[0] == opener:
            hits.append(
                Hit("opener", f"the same opener as the voicemail of {e.at:%a %Y-%m-%d}", first)
            )
            break
    busy = [m.span for m in a.mentions] + [t.span for t in a.times]
    for start, end in a.sentences[1:]:
        if any(s < end and start < e for s, e in busy):  # the next step and the number
            continue
        sentence = _said(a.text[start:end])
        if len(sentence.split()) < int(p["min_words"]):
            continue
        for e, said in reversed(earlier):
            if sentence in said[1:]:
                hits.append(
                    Hit(
                        "reason",
                        f"repeats a sentence of the voicemail of {e.at:%a %Y-%m-%d}; say "
                        "something new (a result, a question)",
                        (start, end),
                    )
                )
                break
    for t in a.times:
        if t.when is None:
            continue
        for e in reversed(a.earlier):
            if any(s == t.when for s in e.slots):
                hits.append(
                    Hit(
                        "slots",
                        f"'{t.text}' was already offered in the voicemail of {e.at:%a %Y-%m-%d}; "
                        "propose a new time",
                        t.span,
                    )
                )
                break
    return hits


_WEAK = (
    # The phrases that share their first word are one alternative each ("just ...", "hope ...",
    # "sorry ...", "when ..."): a case-blind alternation costs per branch at every word.
    # The vague "just": "just following up", "just wanted to", "I was just wondering if".
    r"just (?:(?:following|wanted to follow) up|wanted(?: you)? to|calling to"
    r"|reaching (?:back )?out(?: to)?|wondering|curious|seeing if|seeing whether|checking to see"
    r"|a (?:quick |brief |friendly )?follow[- \u2010\u2011]up)",
    # This call described as a follow-up: the progressive ("I'm following up about the quote")
    # or the infinitive of purpose ("calling to follow-up on my email"); not the future ("we'll
    # follow up with the pricing", a commitment), nor when it names what the listener did ("the
    # demo you requested").
    r"(?:following|to follow)[- \u2010\u2011]up"
    r"(?!(?: [^ .,;!?]+){0,6}? (?:that |which )?you (?:[a-z]+ed|sent|left|wrote|had|made|took|gave"
    r"|did|saw|got|asked|put)\b)",
    r"(?:just )?(?:(?:touching|touch)[- \u2010\u2011]base|checking (?:back )?in(?! (?:at|for) )"
    r"|(?:circling|circle) back)",
    r"(?:wanted|want|just|calling|quick(?:ly)?) to check (?:back )?in",
    # A pleasantry ("hope everything's OK", "hope you're having a great week"), or hedging
    # about the call's timing ("I hope I'm not catching you at a bad time").
    r"(?:hope|trust) (?:(?:that )?(?:all is|all['’]s|everything is|everything['’]s|things are"
    r"|you['’]re|you are|this (?:message )?finds you|your (?:week|day|weekend|morning|month"
    r"|quarter|year|summer|holidays?|monday|tuesday|wednesday|thursday|friday) (?:is|has been))"
    r"(?: doing| going)? (?:well|good|ok|okay|great|fine|alright)"
    r"|(?:you['’]re|you are|you) (?:having|had|have) (?:a|an) (?:good|great|wonderful|lovely"
    r"|nice|fantastic|productive|awesome) (?:day|week|morning|afternoon|weekend)"
    r"|(?:i['’]m|i am) not (?:catching you at a bad time|bothering you|interrupting"
    r"|being a pest))",
    # An apology for the call, its timing, or the missed connection.
    r"(?:sorry|apologi[sz]e) (?:(?:if|for) (?:my timing|the timing|the bad timing|this is a bad"
    r" time|catching you|bothering you|the interruption|the intrusion|being (?:a pest|persistent)"
    r"|all the calls|calling (?:again|so often))|to (?:bother|bug|disturb|pester|trouble"
    r"|interrupt) you|(?:that |if )?(?:i|we) (?:missed|keep missing) (?:you|each other))",
    r"(?:please )?(?:feel free|don['’]?t hesitate) to (?:reach out|call|ring|text|email|e-mail"
    r"|give me a (?:call|ring|shout)|contact|shoot me|drop me|get in touch|get back)",
    # The listener's spare time or convenience as the condition for calling back: "when you get
    # a chance", "as soon as you get a minute", "when you have 5 minutes", "when convenient".
    r"(?:when|whenever|if|as soon as|once) (?:you(?: get| have| find|['’]ve got| have got)"
    r" (?:a|an|some|a few|a spare|a free|a couple of|two|five|ten|2|5|10)"
    r" (?:chance|moment|minute|minutes|second|seconds|sec)"
    r"(?! (?:this|next|today|tomorrow|on|during|over) )"  # "10 minutes this week": an ask
    r"|(?:it['’]s |it is |that['’]s |is )?convenient(?! (?:time|for [a-z]+ (?:on|at))))",
    r"at your (?:(?:earliest )?convenience(?! stores?)|leisure)",
    # A negated intent to impose on the listener: "I don't want to pester you", "not trying to
    # bug you", "I won't keep you long", "I don't want to take up your time".
    r"(?:don['’]t|do not|didn['’]t|won['’]t|not|never)(?: (?:want|mean|wish|trying|meaning) to)?"
    r" (?:(?:pester|bother|bug|disturb|annoy|hassle|trouble|keep) you|be a (?:pest|bother"
    r"|nuisance)|(?:take up|waste) (?:too much of |much of )?your time)",
    # Telling listeners they are busy: "I'm sure you're busy", "I know how busy you are".
    r"(?:sure|know|realize|realise|understand|appreciate|imagine|bet) (?:that )?"
    r"(?:you['’]re|you are|you must be|how|things are)"
    r"(?: (?:probably|very|really|super|so|pretty|incredibly))?"
    r" (?:busy|swamped|slammed|hectic)",
)
_WEAK_RE = re.compile(r"\b(?:" + "|".join(_WEAK) + r")\b", re.IGNORECASE)
# Every match of _WEAK_RE holds one of these, lower-cased: each phrase above holds one outside
# its optional parts (tests/test_batch.py checks that each holds one). Most scripts hold none,
# and a dozen substring tests cost ~3 us where the case-blind alternation costs ~30 us.
_WEAK_HINTS = (
    "just ",
    "follow",
    "touch",
    "checking in",
    "check in",
    "back in",
    "circl",
    "hope ",
    "trust ",
    "feel free",
    "hesitate",
    "you get ",
    "you have ",
    "you find ",
    "ve got ",
    "convenien",
    "leisure",
    "sorry ",
    "pest",
    "nuisance",
    "keep you",
    "take up",
    "waste",
    "apologi",
    "bother",
    "bug ",
    "disturb",
    "annoy",
    "hassle",
    "trouble",
    "busy",
    "swamped",
    "slammed",
    "hectic",
)


def _may_hold_filler(text: str) -> bool:
    """Return False when the text cannot hold a built-in filler phrase, cheaply."""
    # Case-blind matching goes beyond lower() outside ASCII (the long s, the Kelvin sign).
    if not text.isascii():
        return True
    low = text.lower()
    return any(h in low for h in _WEAK_HINTS)


def _weak_phrases(a: Analysis, p: Params) -> list[Hit]:
    """Flag filler phrases that add nothing for the listener, in the order they are said."""
    text = a.text
    found: list[tuple[int, int, str]] = []
    if _may_hold_filler(text):
        found = [
            (
                m.start(),
                m.end(),
                f"filler '{m.group()}' (target: none); say the reason for the call instead",
            )
            for m in _WEAK_RE.finditer(text)
        ]
    for phrase in p["extra"]:
        for m in _phrase_re(phrase).finditer(text):
            found.append(
                (
                    m.start(),
                    m.end(),
                    f"filler '{m.group()}' (target: none, listed in your config)",
                )
            )
    return [Hit("filler", message, (start, end)) for start, end, message in sorted(found)]


@lru_cache(maxsize=256)
def _phrase_re(phrase: str) -> re.Pattern[str]:
    """Return the pattern of one filler phrase from a config, compiled once."""
    return re.compile(r"\b" + re.escape(phrase) + r"\b", re.IGNORECASE)


_INTRO = re.compile(
    r"\b(?:this is|my name is|it'?s|I'?m|I am|here'?s)\s+(?:[A-Z][\w'’-]+)", re.IGNORECASE
)
_NAME_FROM = re.compile(
    r"(?<![\w'’-])[A-Z][\w'’-]++(?:\s+[A-Z][\w'’-]++)?,?\s+(?:from|with|at|of|here at|over at)\s+"
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
        # the first name is enough ("this is Freda"); the full name holds it
        has_name = a.caller_name.split()[0].lower() in head.lower()
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
                "missing",
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
    the characters, so FIXME needs no test of its own) or one of the words: keep this in step
    with the pattern (tests/test_batch.py runs the examples both ways). It skips the scan
    (~15 us) on the usual script, which holds none.
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
    )


def _placeholders(a: Analysis, p: Params) -> list[Hit]:
    """Flag template leftovers a listener must never hear."""
    text = a.text
    if not _may_hold_placeholder(text):
        return []
    return [
        Hit(
            "left-in",
            f"placeholder '{m.group()}' left in (target: none); fill it in",
            (m.start(), m.end()),
        )
        for m in _PLACEHOLDER.finditer(text)
    ]


# A reason to call back, by kind. Each is a general rule over the sentence, not a list of any
# one script's words: a benefit or result (a verb of change, or a comparative), an offer, the
# prospect's need, a referral (someone who suggested the call), or a question for them.
_BENEFIT = re.compile(
    r"\b(?:cut|cuts|cutting|reduc\w*|lower(?:s|ed|ing)?|sav(?:e|es|ed|ing)|savings"
    r"|increas\w*|boost\w*|doubl\w*|tripl\w*|grow|grows|grew|grown|growing|improv\w*"
    r"|fix|fixes|fixed|fixing|solv\w*|shorten\w*|sped|speed\w* up|eliminat\w*|trim\w*"
    r"|halv\w*|rais(?:e|es|ed|ing)|won|recover\w*|avoid\w*|prevent\w*|protect\w*"
    r"|(?:went|go|goes|gone) up|rose|jumped|lift|spotless|used to"
    r"|(?:could|would|will|can) help (?:you|your)"
    r"|fewer|less|faster|quicker|sooner|cheaper|easier|better|more (?:time|revenue|sales)"
    r"|by (?:a (?:third|half|quarter|fifth|tenth)|\d(?<![\d.,]\d)[\d.,]*+\s?(?:percent|hours?"
    r"|days?|weeks?))|\d(?<![\d.,]\d)[\d.,]*+\s?percent)\b"
    r"|\d(?<![\d.,]\d)[\d.,]*+\s?%",  # no word boundary after a per cent sign
    re.IGNORECASE,
)
_OFFER = re.compile(
    r"\b(?:offer\w*|free|trial|demo|sample|samples|discount|quote|estimate|proposal|ideas?"
    r"|in stock|show you|send you|walk you through|what we (?:build|make|do|offer) for"
    r"|options|proofs|paperwork|(?:ready|together) for you|I['’]ve (?:got|put|prepared)"
    r"|(?:a|one|two|a couple of|a couple|a few|some) (?:quick )?questions?"
    r"|I['’]d (?:like|love) to (?:\w+ ){0,2}(?:look|show|share|walk|send|offer|give|review|check)"
    r"|we have [^.?!]{0,40}\b(?:ready|available|open)|we have (?:a|an|one|two|some|new)\b"
    r"|(?:we|I) can (?!help\b|be reached\b|call\b|talk\b|chat\b)\w+)\b",
    re.IGNORECASE,
)
# The prospect's need: their own words or plans ("your team asked about", "you're hiring"),
# what the caller saw ("I read that your team ..."), or a gap ("the beds could use some work").
_NEED = re.compile(
    r"\byour\b[^.?!]{0,60}?\b(?:needs?|problems?|challenges?|headaches?|issues?|goals?"
    r"|plans?|priorit\w*|concerns?|request\w*|asked|mentioned|spend\w*|los(?:e|es|ing|t)"
    r"|wast\w*|struggl\w*|wait\w*)\b"
    r"|\byou(?:['’]re| are| were)? (?:need|needs|needed|looking for|asked|mentioned|wanted)\b"
    r"|\b(?:you(?:['’]re| are)|your [\w-]+(?: [\w-]+)? (?:is|are)) (?:still )?"
    r"(?!doing\b|going\b|having\b)[a-z]{3,}ing\b"  # "you're hiring", not "you're doing well"
    r"|\byou were (?!doing\b|going\b)[a-z]{3,}ing\b"
    r"|\b(?:is|are) (?:still |now )?(?:hiring|opening|expanding|moving|relocating|growing"
    r"|switching|launching|building|adding)\b"
    r"|\byour [\w-]+(?: [\w-]+)? (?:just |recently )?(?:opened|moved|hired|posted|crossed"
    r"|launched|expanded|grew|signed|bought|won)\b"
    r"|\b(?:we|I) (?:still )?need\b|\bI['’]d need\b|\breturning your (?:call|email|message)"
    r"|\bto (?:confirm|review|go over|go through) (?:our|the|your)\b"
    r"|\b(?:due|overdue|past due|expir\w*|renewal|backordered)\b"
    r"|\bI (?:read|saw|noticed|heard|see)\b[^.?!]{0,40}\byour\b"
    r"|\b(?:could use|could do with|needs? (?:some )?work)\b",
    re.IGNORECASE,
)
_REFERRAL = re.compile(
    r"(?:\b[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+)?|\b(?:a )?(?:colleague|friend|partner|client)"
    r"(?: of yours)?)\s+(?:[^.?!]{0,80}?\s)?(?:suggested|recommended|referred|asked me to)\b"
    r"|\b(?:referred by|at the suggestion of|(?:gave|passed (?:along|on)) (?:me )?your name)\b"
)
# A result delivered: "we placed nine nurses at Mercy", "we moved Desert Bloom Cafe to ...",
# "we took over their cleaning", "we've moved four firms on your street".
_RESULT = re.compile(
    r"\b[Ww]e(?:['’]ve|\s+have)?\s+(?:recently\s+|just\s+|also\s+|already\s+)?"
    r"(?:[a-z]{3,}ed|built|won|got|set up|ran|made|brought|took|gave)\b(?:\s+(?:out|up|over))?"
    r"(?:\s+[A-Z][\w'’-]+"
    r"|\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds)\b"
    r"|[^.?!]{0,60}?\b(?:(?:for|at|with)\s+\w|their\b|his\b|her\b))"
    # a service delivered to named or counted clients: "we handle recycling for three factories"
    r"|\b[Ww]e [a-z]+ [^.?!]{0,40}?\bfor (?:\d+|two|three|four|five|six|seven|eight|nine|ten"
    r"|dozens|hundreds|[A-Z][\w'’-]+)\b"
)
_SCHEDULING = re.compile(
    r"\b(?:work for you|work|works|suit|good time|available|free|call|talk|chat|meet|speak)\b",
    re.IGNORECASE,
)
_WHY = re.compile(r"\b(?:calling|reaching out|reason|we help|we work with)\b", re.IGNORECASE)


def _gives_reason(a: Analysis) -> bool:
    """Return True when a sentence gives a benefit, an offer, a need, a referral or a question."""
    timed = [t.span for t in a.times]
    for start, end in a.sentences:
        sentence = a.text[start:end]
        if (
            _BENEFIT.search(sentence)
            or _OFFER.search(sentence)
            or _NEED.search(sentence)
            or _REFERRAL.search(sentence)
            or _RESULT.search(sentence)
        ):
            return True
        if sentence.endswith("?"):  # sentence spans hold no trailing space
            is_slot = any(s < end and start < e for s, e in timed)
            if not is_slot and not _SCHEDULING.search(sentence):
                return True
    return False


def _reason(a: Analysis, p: Params) -> list[Hit]:
    """Flag a script that gives the listener no reason to call back."""
    if _gives_reason(a):
        return []
    span = next(
        ((s, e) for s, e in a.sentences if _WHY.search(a.text[s:e])),
        None,
    )
    return [
        Hit(
            "missing",
            "no reason to call back: found no need, offer, result, referral or question "
            "(target: at least one, e.g. 'we cut onboarding by two weeks for Bayline "
            "Shipping' or a question about their need)",
            span,
        )
    ]


_RELATIVE = re.compile(
    r"\b(?:today|tomorrow|tonight|this (?:morning|afternoon|evening))\b", re.IGNORECASE
)


def _relative_day(a: Analysis, p: Params) -> list[Hit]:
    """Flag a proposed time said as 'today', 'tomorrow' or 'tonight'."""
    hits = []
    for t in a.times:
        start, end = t.span
        for m in _RELATIVE.finditer(a.text[start:end]):
            hits.append(
                Hit(
                    "said",
                    f"'{m.group()}' in the proposed time '{t.text}' (target: the weekday and "
                    "time, e.g. 'Thursday at 10 a.m.'); a voicemail is heard later",
                    (start + m.start(), start + m.end()),
                )
            )
    return hits


FAST_COMPANY = "Fast Company, 'How to leave a voicemail that gets returned' (20-30 s)"
NCVS = "National Center for Voice and Speech: about 150 words a minute in conversation"
DUBAY = "DuBay, 'The Principles of Readability' (listening comprehension drops past grade 8)"
HUNTER = "Mark Hunter and The Balance Careers: say your name and number twice"
PRACTICE = "sales practitioner guidance: propose the time yourself, not 'sometime next week'"
FILLER = "sales practitioner guidance: 'just checking in', 'circling back', 'touch base' are filler"
INTRO = (
    "Dean Rieck, 'Do you sound like a voice mail monkey?' (greet them by name, then say your "
    "first and last name); The Yellow Forest, 'How to leave a voicemail' (your name, then your "
    "company, then the purpose)"
)
PURPOSE = (
    "Art Sobczak via Bill Lee, 'Are your prospects ignoring your voicemail messages?' (mention "
    "the benefits and results they could get); The Balance Careers (give a good reason to call)"
)
WEEKDAY = (
    "Dean Rieck's script ('I'll call you Thursday at 10 a.m.'): a voicemail is heard hours or "
    "days later, so say the weekday and the time"
)

LENGTH = Check(
    "length",
    "warning",
    "spoken length: about 150 words a minute, phone numbers digit by digit",
    f"{FAST_COMPANY}; {NCVS}",
    _length,
    (
        Outcome("too-long", "over warn_over seconds spoken"),
        Outcome("far-too-long", "over error_over seconds spoken", "error"),
        Outcome("too-short", "under short_under seconds spoken", "suggestion"),
    ),
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
    (
        Outcome("grade", "reading grade over max_grade"),
        Outcome("long-sentence", "a sentence of more than max_sentence_words words"),
    ),
    {"max_grade": 8, "max_sentence_words": 20},
)
CALLBACK_NUMBER = Check(
    "callback-number",
    "error",
    "a callback number is said, and it is the caller's",
    HUNTER,
    _callback_number,
    (
        Outcome("missing", "no phone number said"),
        Outcome("not-callers", "the number said is not the caller's"),
    ),
)
NUMBER_REPEATED = Check(
    "number-repeated",
    "warning",
    "the callback number is said twice, early and at the end",
    HUNTER,
    _number_repeated,
    (
        Outcome("once", "said fewer than min_times times"),
        Outcome("not-early-and-late", "not said once early and once at the end", "suggestion"),
    ),
    {"min_times": 2, "early_before": 0.5, "late_after": 0.7},
)
# One outcome per slot-planner note code (models.Note.code). To report a new code, add a row;
# a code without a row is still reported, at the check's level.
PROPOSED_TIME = Check(
    "proposed-time",
    "warning",
    "a specific future day and clock time for the next conversation",
    PRACTICE,
    _proposed_time,
    (
        Outcome("missing", "no specific day and clock time proposed"),
        Outcome("zone-guessed", "the prospect's zone was read from their phone", enabled=False),
        Outcome("zone-unknown", "no zone known for the prospect", "suggestion"),
        Outcome("slot-outside-hours", "a given slot is outside the prospect's hours"),
        Outcome("slot-outside-caller-hours", "a given slot is outside the caller's hours"),
        Outcome("slot-too-soon", "a given slot is in the past or too soon"),
        Outcome("slot-listed-twice", "the same slot is given twice"),
        Outcome("slot-repeated-hour", "a given slot's hour happens twice (clocks go back)"),
        Outcome("slot-in-past", "a proposed time is at or before now"),
        Outcome("slot-weekend", "a proposed time falls on a weekend"),
        Outcome("slot-outside-calling-window", "a proposed time is outside 8 a.m.-9 p.m. local"),
        Outcome("slot-on-holiday", "a proposed time falls on a public holiday"),
        Outcome("no-overlap", "the two parties' hours never overlap; the least bad slot"),
        Outcome("slots-full", "every shared slot is offered to max_per_slot prospects already"),
        Outcome("caller-zone-guessed", "the caller's zone was read from their phone", "suggestion"),
        Outcome("caller-zone-unknown", "no zone known for the caller's phone", "suggestion"),
        Outcome("available-zone-unsaid", "`available:` could not be given a zone", "suggestion"),
        Outcome("holidays-unknown", "no country known, so holidays are not avoided", "suggestion"),
    ),
    open_outcomes=True,
)
WEAK_PHRASES = Check(
    "weak-phrases",
    "warning",
    "filler such as 'just following up' or 'touching base'",
    FILLER,
    _weak_phrases,
    (Outcome("filler", "a filler phrase, built-in or listed in `extra`"),),
    {"extra": ()},
)
OPENING = Check(
    "opening",
    "warning",
    "caller name and company within the first 15 words",
    INTRO,
    _opening,
    (Outcome("missing", "name or company not within the first within_words words"),),
    {"within_words": 15},
)
PLACEHOLDERS = Check(
    "placeholders",
    "error",
    "template leftovers such as [Name], ___, {{ x }} or XXX-XXXX",
    "a listener must never hear a template's blanks",
    _placeholders,
    (Outcome("left-in", "a placeholder left in the script"),),
)
REASON = Check(
    "reason",
    "warning",
    "a reason to call back: a need, an offer, a result, a referral or a question",
    PURPOSE,
    _reason,
    (Outcome("missing", "none of need, offer, result, referral or question"),),
)
REPEATED_CONTENT = Check(
    "repeated-content",
    "warning",
    "with a touch log: nothing reused from an earlier voicemail to the same prospect",
    "sales practitioner guidance: follow up persistently, with a different message each time",
    _repeated_content,
    (
        Outcome("opener", "the first sentence is the one an earlier voicemail opened with"),
        Outcome("reason", "a sentence (not the next step) said in an earlier voicemail"),
        Outcome("slots", "a slot an earlier voicemail already offered"),
    ),
    {"min_words": 4},
)
RELATIVE_DAY = Check(
    "relative-day",
    "suggestion",
    "the proposed time says the weekday, not 'today', 'tomorrow' or 'tonight'",
    WEEKDAY,
    _relative_day,
    (Outcome("said", "'today', 'tomorrow', 'tonight' or 'this afternoon' in a proposed time"),),
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
    REASON,
    RELATIVE_DAY,
    REPEATED_CONTENT,
)
BY_ID: Mapping[str, Check] = {c.id: c for c in CHECKS}


def split_id(finding_id: str) -> tuple[Check, Outcome | None] | None:
    """Return the check and outcome an id names (``length`` or ``length.too-long``), or None.

    ``(check, None)`` for a check id; None for an id that names no check or no outcome row.
    """
    check_id, _, code = finding_id.partition(".")
    check = BY_ID.get(check_id)
    if check is None:
        return None
    if not code:
        return check, None
    found = check.outcome(code)
    if found is None:
        return None
    return check, found


def all_ids() -> tuple[str, ...]:
    """Return every id a setting may name: each check's, then its outcomes', in order."""
    return tuple(i for c in CHECKS for i in (c.id, *c.outcome_ids()))

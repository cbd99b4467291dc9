"""Find the specific future slots (a day AND a clock time) proposed in a voicemail; no I/O.

A small grammar. Cheap anchor regexes find day words ("Friday", "tomorrow", "December",
"14th", "11/27"); a detailed regex then reads the day phrase at each anchor ("this Friday",
"Monday the 9th", "tomorrow afternoon"), and clock times ("at 3", "10:30 a.m.", "noon",
"two o'clock", "half past two") are read only near a day. A day and a time close together in
one clause make a slot; "or" chains give one slot each. Context rules then drop what is not a
proposal: windows and ranges, deadlines, office hours, past events, the time of the current
call, recurring times, and slots that are declined ("Friday at 2 doesn't work").

Every regex runs on a lower-cased copy of the text (same length, so spans carry over) without
re.IGNORECASE, which is several times slower in `re`; the few case-sensitive words (abbreviated
days and months, "May", zone abbreviations) are checked against the original text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta, tzinfo

from .analysis import lexicon
from .analysis.time_rules import RULES, Rule
from .models import TimeMention

__all__ = ["find_proposed_times"]


class _Lazy:
    """A regex compiled on first use, which keeps importing this module cheap."""

    match: Callable[..., re.Match[str] | None]
    search: Callable[..., re.Match[str] | None]
    finditer: Callable[..., Iterator[re.Match[str]]]
    findall: Callable[..., list[str]]

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern

    def __getattr__(self, name: str) -> object:
        compiled = re.compile(self.pattern)
        self.match, self.search = compiled.match, compiled.search
        self.finditer, self.findall = compiled.finditer, compiled.findall
        return getattr(compiled, name)


_trie = lexicon.trie

# ---------------------------------------------------------------------------------------------
# Vocabulary (from the shared lexicon)
# ---------------------------------------------------------------------------------------------

_UNITS = tuple(lexicon.UNIT_WORDS)
_UNIT_NUM = lexicon.UNIT_WORDS
_HOUR_NUM = lexicon.HOUR_WORDS
_TEEN_NUM = lexicon.TEEN_WORDS
_TENS_NUM = {w: n for w, n in lexicon.TENS_WORDS.items() if n <= 50}  # minutes stop at 59
_ORD_NUM = lexicon.ORDINAL_WORDS

_WEEKDAY_FULL = [d.lower() for d in lexicon.DAY_NAMES]
# Saturday and Sunday abbreviated are "sat" and "sun", ordinary words even when capitalised.
_WEEKDAY_ABBR = [w for w, n in lexicon.DAY_ABBREVIATIONS.items() if n < 5]
_MONTH_FULL = [m.lower() for m in lexicon.MONTH_NAMES]
_MONTH_ABBR = list(lexicon.MONTH_ABBREVIATIONS)
_MONTH_NUM = {m[:3]: i for i, m in enumerate(_MONTH_FULL, start=1)}
_WEEKDAY_NUM = {d[:3]: i for i, d in enumerate(_WEEKDAY_FULL)}
_ZONES = lexicon.ZONES

# ---------------------------------------------------------------------------------------------
# Day phrases
# ---------------------------------------------------------------------------------------------

_ORD_WORDS_SAFE = [w for w, n in _ORD_NUM.items() if n > 3]  # "the first" is rarely a date
_DAY_WORD_ANCHOR = _trie(
    [
        *_WEEKDAY_FULL,
        *_WEEKDAY_ABBR,
        *_MONTH_FULL,
        *_MONTH_ABBR,
        *_ORD_WORDS_SAFE,
        "today",
        "tomorrow",
        "tonight",
        "yesterday",
        "morning",
        "afternoon",
        "evening",
    ]
)
_DAY_DIGIT_ANCHOR = r"\d(?<!\d\d)\d?(?:st|nd|rd|th|/\d)"  # linear on long digit runs
# One scan finds both kinds of anchor (words and digits cannot overlap), in order.
_DAY_ANCHOR = _Lazy(f"{_DAY_WORD_ANCHOR}|{_DAY_DIGIT_ANCHOR}")

_WD = f"(?:{_trie(_WEEKDAY_FULL)}(?![a-z])|{_trie(_WEEKDAY_ABBR)}(?![a-z])\\.?)"
_MON = f"(?:{_trie(_MONTH_FULL)}(?![a-z])|{_trie(_MONTH_ABBR)}(?![a-z])\\.?)"
_ORDW = f"(?:{_trie(_ORD_NUM)})(?![a-z])"
_ORDW_SAFE = f"(?:{_trie(_ORD_WORDS_SAFE)})(?![a-z])"
_ORD = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)(?![a-z])"
_DOM = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:a-z])"
_SLASH = r"(?:1[0-2]|0?[1-9])/(?:3[01]|[12]\d|0?[1-9])(?:/(?:\d{4}|\d{2}))?(?![\d/])"
_YEAR = r"(?:,?\s+(?P<{}>(?:19|20)\d\d)(?!\d))?"
_POD = r"(?:morning|afternoon|evening|night)(?![a-z])"

_DAY_AT = _Lazy(
    "(?:"
    f"(?P<wd>{_WD})"
    f"(?:,?\\s+(?:the\\s+)?(?P<wd_ord>{_ORD}|{_ORDW})(?:\\s+(?:of\\s+)?(?P<wd_ordmon>{_MON}))?"
    f"|,?\\s+(?P<wd_mon>{_MON})\\s+(?P<wd_md>{_DOM}|{_ORDW}){_YEAR.format('wd_y')}"
    f"|,?\\s+(?P<wd_dm>{_DOM})\\s+(?:of\\s+)?(?P<wd_dmmon>{_MON}){_YEAR.format('wd_y2')}"
    f"|,?\\s+(?P<wd_sl>{_SLASH}))?"
    f"|(?P<mon>{_MON})\\s+(?:the\\s+)?(?P<md>{_DOM}|{_ORDW}){_YEAR.format('y')}"
    f"|(?P<dm>{_ORD}|{_ORDW_SAFE})\\s+(?:of\\s+)?(?P<mon2>{_MON}){_YEAR.format('y2')}"
    f"|(?P<ord>{_ORD}|{_ORDW_SAFE})"
    f"|(?P<sl>{_SLASH})"
    r"|(?P<rel>today|tomorrow|tonight|yesterday)(?![a-z])"
    r"|(?P<tpod>morning|afternoon|evening)(?![a-z])"
    ")"
    f"(?:\\s+(?P<pod>{_POD}))?"
)
# Before a day: its modifier ("this", "next", "last") or "the"; or a number ("3 December").
_DAY_PRE = _Lazy(
    r"(?<![a-z])(?:(?P<mod>this\s+coming|this\s+past|later\s+this|early\s+this|this|next|coming"
    r"|last|past|later|earlier)\s+)?(?P<the>the\s+(?:day\s+after\s+)?)?$"
)
_MON_AT = _Lazy(f"(?P<mon>{_MON}){_YEAR.format('y')}")
_SHORT_NAMES = frozenset((*_WEEKDAY_ABBR, *_MONTH_ABBR, "may"))
_DM_PRE = _Lazy(
    rf"(?<![\w/.,:$#-])(?:the\s+)?(?P<dm>(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?|{_ORDW})"
    r"\s+(?:of\s+)?$"
)

# ---------------------------------------------------------------------------------------------
# Clock times
# ---------------------------------------------------------------------------------------------

_HW = f"(?:{_trie(_HOUR_NUM)})"
_MW = (
    f"(?:(?:oh|o)[\\s-]+(?:{_trie(_UNITS)})"
    f"|(?:twenty|thirty|forty|fifty)(?:[\\s-]+(?:{_trie(_UNITS)}))?"
    f"|{_trie(_TEEN_NUM)})(?![a-z])"
)
_TIME_ANCHOR = _Lazy(  # digit runs and hour words, in one scan
    r"\d+|" + _trie([*_HOUR_NUM, "noon", "midday", "midnight", "half", "quarter", "twenty"])
)
_TIME_AT = _Lazy(
    "(?:"
    # 24-hour without a colon ("at 1600", "0930 hours"): read only after a lead or "hours".
    r"(?<![\d$£€.,/:#-])(?:(?P<hh>[01]\d|2[0-3])(?P<mm>[0-5]\d)(?P<hrs>\s*(?:hours|hrs|h)(?![a-z]))?"
    r"(?![\d/])(?![.,:-]\d)"
    # "3", "10:30", "4.30", and the European "14h30" and "14h".
    r"|(?P<h>[01]?\d|2[0-3])(?:(?P<sep>[:.]|h(?=[0-5]\d))(?P<m>[0-5]\d))?(?P<eh>h(?![a-z]))?"
    r"(?![\d/])(?!(?:st|nd|rd|th)(?![a-z]))(?![-\u2013]\s?(?!ish)[a-z\d]))"
    r"|(?P<fm>half|quarter|five|ten|twenty(?:[\s-]five)?)\s+(?:past|after)\s+"
    f"(?P<fh>{_HW}|1[0-2]|[1-9])(?![a-z\\d])"
    f"|quarter\\s+(?:to|till|til|of|before)\\s+(?P<fh2>{_HW}|1[0-2]|[1-9])(?![a-z\\d])"
    f"|(?P<hw>{_HW})(?![a-z-])(?:[\\s-]+(?P<mw>{_MW}))?"
    r"|(?P<noon>noon|midday|midnight)(?![a-z])"
    ")"
    r"(?P<oc>\s*o['\u2019]?\s?clock)?"
    r"(?P<mer>\s*(?:[ap]\.\s?m\b\.?|[ap]m(?![a-z])|noon(?![a-z])))?"
    r"(?P<tpod>\s+in\s+the\s+(?:morning|afternoon|evening)|\s+at\s+night)?"
    r"(?:-?ish(?![a-z]))?"
    r"(?P<zone>\s*,?\s*(?:your|my|our)\s+time(?![a-z])"
    r"|\s+(?P<zn>central|eastern|pacific|mountain)(?:\s+(?:standard|daylight))?(?:\s+time)?"
    r"(?![a-z])"
    r"|\s+(?P<zab>[ecmp][sd]?t|gmt|utc|bst)(?![a-z]))?"
)
_LEAD = _Lazy(
    r"(?:(?<![a-z])(?P<lw>at|around|about|approximately|roughly|say|for|or|and|either|maybe"
    r"|perhaps)\s+(?:(?:around|about|approximately|roughly|say|maybe|perhaps|either|like)\s+)?"
    r"|@\s*)$"
)
# After a four-digit number: a capitalised word other than a day or month names a street.
_CAPITAL_AFTER = _Lazy(
    r"\s+(?!(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"|[ECMP][SD]?T\b|GMT|UTC|BST)[A-Z][a-z]"
)
_PAST_MINUTES = {"half": 30, "quarter": 15, "five": 5, "ten": 10}  # "ten past two"
_QUARTERS = frozenset(("00", "15", "30", "45"))
_CHAIN_LEADS = frozenset(("or", "and", "either"))

# After a bare hour ("at 3"): words that show it was a quantity, not a time.
_UNIT_AFTER = _Lazy(
    r"\s*(?:%|percent|per\b|pct\b|x\b|times\b|of\b|out\s+of\b|point|more\b|less\b|other"
    r"|another|minutes?\b|mins?\b|hours?\b|hrs?\b|seconds?\b|secs?\b|days?\b|weeks?\b"
    r"|months?\b|years?\b|yrs?\b|people|persons?\b|folks|reps?\b|users?\b|seats?\b|licen[cs]es?"
    r"|locations?\b|sites?\b|stores?\b|offices?\b|clients?\b|customers?\b|accounts?\b|calls?\b"
    r"|dollars?\b|bucks\b|cents?\b|grand\b|k\b|thousand|hundred|million|billion|units?\b"
    r"|items?\b|steps?\b|ways?\b|things?\b|reasons?\b|questions?\b|ideas?\b|members?\b"
    r"|employees?\b|staff\b|teams?\b|companies|firms?\b|deals?\b|leads?\b|others\b)"
)
# After a spoken hour: more spoken digits means a phone number ("at nine oh one, five five").
_DIGITS_AFTER = _Lazy(rf"[\s,-]*(?:oh|zero|{_trie(_UNITS)})(?![a-z])")

# ---------------------------------------------------------------------------------------------
# Context
# ---------------------------------------------------------------------------------------------

# Where a clause begins: markers further back belong to another clause.
_CLAUSE = _Lazy(
    r"[.!?;:()\n\u2014\u2013]\s|,\s|\s(?:but|and|so|because|although|though|however|otherwise)\s"
)


# The context rules live in analysis/time_rules.py as a table; here they are compiled per scope.
# The rules of a scope without an exception are joined into one alternation (one search finds
# whether any of them fires: measured ~3x faster than a search per rule); rules with an
# exception are tried one by one.
class _Scope:
    """The compiled rules of one scope."""

    __slots__ = ("anchored", "joined", "names", "single")

    def __init__(self, scope: str, rules: list[Rule]) -> None:
        self.anchored = scope.startswith("after")
        plain = [r for r in rules if r.unless is None]
        self.names = {f"r{i}": r.name for i, r in enumerate(plain)}
        self.joined = (
            re.compile("|".join(f"(?P<r{i}>{r.pattern})" for i, r in enumerate(plain)))
            if plain
            else None
        )
        self.single = [
            (r.name, re.compile(r.pattern), re.compile(r.unless or ""), r.unless_scope or scope)
            for r in rules
            if r.unless is not None
        ]
        for name, _, _, where in self.single:
            if where != scope and {where, scope} != {"clause", "after-slot"}:
                raise ValueError(f"time rule {name!r}: an exception in {where!r} for {scope!r}")


_Compiled = dict[str, _Scope]
_TABLES: dict[int, tuple[tuple[Rule, ...], _Compiled]] = {}


def _table(rules: tuple[Rule, ...]) -> _Compiled:
    """Return the rules compiled and grouped by scope, compiled once per rules tuple."""
    found = _TABLES.get(id(rules))
    if found is not None and found[0] is rules:
        return found[1]
    by_scope: dict[str, list[Rule]] = {}
    for r in rules:
        by_scope.setdefault(r.scope, []).append(r)
    table = {scope: _Scope(scope, listed) for scope, listed in by_scope.items()}
    if len(_TABLES) > 16:
        _TABLES.clear()
    _TABLES[id(rules)] = (rules, table)
    return table


def _fires(table: _Compiled, scope: str, text: str, other: str = "") -> str | None:
    """Return the name of a rule of the scope that fires on `text`, or None.

    `other` is the text of the one other scope an exception may look at: the slot's clause for
    an after-slot rule, the words after the slot for a clause rule.
    """
    compiled = table.get(scope)
    if compiled is None:
        return None
    if compiled.joined is not None:
        hit = compiled.joined.match(text) if compiled.anchored else compiled.joined.search(text)
        if hit is not None:
            return compiled.names[hit.lastgroup or ""]
    for name, pattern, unless, where in compiled.single:
        if (pattern.match(text) if compiled.anchored else pattern.search(text)) is None:
            continue
        seen = text if where == scope else other
        if (unless.match(seen) if where.startswith("after") else unless.search(seen)) is None:
            return name
    return None


_GAP_BLOCK = _Lazy(
    r"[.!?;:()\[\]\u2014\u2013]|(?<![a-z])(?:but|or|and|if|unless|until|till|from|between|through|before"
    r"|after|by|every|each|except|because|since|instead|then|than|last|not)(?![a-z])"
)
_GAP_DAYS = _Lazy(r"\s*(?:,|/|or|and|,\s*or|,\s*and)\s*$")
_WORD = _Lazy(r"[\w'\u2019]+")

_MAX_GAP_DAY_TIME = 4  # words allowed between "Thursday" and "at 10"
_MAX_GAP_TIME_DAY = 2  # words allowed between "at 10" and "Thursday"


# ---------------------------------------------------------------------------------------------
# Items
# ---------------------------------------------------------------------------------------------


class _Day:
    """A day phrase: where it is and how to resolve it to a date."""

    __slots__ = ("bad", "end", "kind", "month", "pod", "start", "value", "year")

    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end
        self.bad: str | None = None  # the rule that rules it out, if one does
        self.kind = ""
        self.value = self.month = self.year = 0
        self.pod: str | None = None

    def set_dom(self, day: str, month: str | None, year: str | None = None) -> None:
        """Set a day of the month, with its month and year when given."""
        num = _ORD_NUM.get(day)
        self.kind, self.value = "dom", num if num is not None else int(day.rstrip("stndrh"))
        if month:
            self.kind, self.month = "md", _MONTH_NUM[month[:3]]
            self.year = int(year) if year else 0

    def set_slash(self, text: str) -> None:
        """Set a date written m/d or m/d/y (US order)."""
        parts = [int(p) for p in text.split("/")]
        self.kind, self.month, self.value = "md", parts[0], parts[1]
        if len(parts) == 3:
            self.year = parts[2] + 2000 if parts[2] < 100 else parts[2]

    def resolve(self, today: date) -> date | None:
        """Return the date this phrase means, seen from today."""
        if self.kind == "rel":
            return today + timedelta(days=self.value)
        if self.kind == "wd":
            return today + timedelta(days=(self.value - today.weekday()) % 7 or 7)
        if self.kind == "dom":
            year, month = today.year, today.month + (self.value < today.day)
            for _ in range(13):
                if month > 12:
                    year, month = year + 1, 1
                try:
                    return date(year, month, self.value)
                except ValueError:
                    month += 1
            return None
        try:
            if self.year:
                return date(self.year, self.month, self.value)
            found = date(today.year, self.month, self.value)
            return found if found >= today else date(today.year + 1, self.month, self.value)
        except ValueError:
            return None


def _read_day(text: str, low: str, at: int) -> _Day | None:
    """Return the day phrase whose key word starts at `at`, or None."""
    m = _DAY_AT.match(low, at)
    if m is None or m["mon"]:
        # "3 December", "the 3rd of December": the number comes before the month word.
        mm = _MON_AT.match(low, at)
        pre = _DM_PRE.search(low, max(0, at - 24), at) if mm else None
        if mm is not None and pre is not None and _cased(text, at, mm["mon"]):
            day = _Day(pre.start(), mm.end())
            day.set_dom(pre["dm"], mm["mon"], mm["y"])
            return day
        if m is None:
            return None
    for name in ("wd", "wd_mon", "wd_ordmon", "wd_dmmon", "mon", "mon2"):
        if m[name] and not _cased(text, m.start(name), m[name]):
            return None  # "wed", "mar", "may" in lower case are other words
    pre = _DAY_PRE.search(low, max(0, at - 24), at)
    mod = (pre["mod"] or "") if pre else ""
    the = (pre["the"] or "") if pre else ""
    day = _Day(at, m.end())
    day.pod = m["pod"] or m["tpod"]
    if m["wd"]:
        day.kind, day.value = "wd", _WEEKDAY_NUM[m["wd"][:3]]
        if m["wd_ord"]:
            day.set_dom(m["wd_ord"], m["wd_ordmon"])
        elif m["wd_mon"]:
            day.set_dom(m["wd_md"], m["wd_mon"], m["wd_y"])
        elif m["wd_dm"]:
            day.set_dom(m["wd_dm"], m["wd_dmmon"], m["wd_y2"])
        elif m["wd_sl"]:
            day.set_slash(m["wd_sl"])
    elif m["mon"]:
        day.set_dom(m["md"], m["mon"], m["y"])
    elif m["mon2"] or m["ord"]:
        if m["ord"] and not the and low[max(0, at - 3) : at] != "on ":
            return None  # "the 14th" or "on 14th", not "our 3rd call"
        day.set_dom(m["dm"] or m["ord"], m["mon2"], m["y2"])
        day.start -= len(the)
        return day
    elif m["sl"]:
        day.set_slash(m["sl"])
    elif m["rel"]:
        rel = m["rel"]
        day.kind, day.value = "rel", 1 if rel == "tomorrow" else 0
        if rel == "yesterday":
            day.bad = "yesterday"
        elif rel == "tomorrow" and the.strip().endswith("after"):
            day.value, day.start = 2, day.start - len(the)
        elif rel == "tonight":
            day.pod = "night"
    elif mod.endswith("this"):  # "this afternoon"
        day.kind = "rel"
    else:
        return None
    if mod and pre is not None:
        day.start = min(day.start, pre.start())
        if mod in ("last", "past", "earlier") or mod.startswith("this past"):
            day.bad = "past-day"  # "last Friday"
    return day


def _cased(text: str, at: int, word: str) -> bool:
    """Return whether a short day or month word is capitalised, as a date would be."""
    word = word.rstrip(".")
    return word not in _SHORT_NAMES or text[at].isupper()


class _Time:
    """A clock time: where it is, its hour and minute, and its a.m./p.m. if said."""

    __slots__ = (
        "bad",
        "chain",
        "core_start",
        "end",
        "fixed",
        "hour",
        "mer",
        "minute",
        "pod",
        "span_end",
        "start",
        "strong",
        "used",
        "zone",
    )

    def __init__(self) -> None:
        self.chain = self.fixed = self.strong = self.used = False
        self.bad: str | None = None  # the rule that rules it out, if one does
        self.start = self.core_start = self.end = self.span_end = 0
        self.hour = self.minute = 0
        self.mer: str | None = None
        self.pod: str | None = None
        self.zone: str | None = None


def _read_time(text: str, low: str, at: int, table: _Compiled) -> _Time | None:
    """Return the clock time starting at `at`, or None when it is a number, not a time."""
    m = _TIME_AT.match(low, at)
    if m is None:
        return None
    t = _Time()
    t.strong = bool(m["oc"] or m["mer"] or m["tpod"] or m["noon"] or m["fm"] or m["fh2"])
    if m["hh"] is not None:
        t.hour, t.minute, t.fixed, t.strong = int(m["hh"]), int(m["mm"]), True, bool(m["hrs"])
        if not m["hrs"] and (m["hh"] in ("19", "20") and m["mm"] not in _QUARTERS):
            return None  # "at 2026 prices": a year
        if not m["hrs"] and _CAPITAL_AFTER.match(text, m.end()):
            return None  # "at 1600 Pennsylvania Avenue": a street number
    elif m["h"] is not None:
        t.hour, t.minute = int(m["h"]), int(m["m"] or 0)
        if m["sep"] == ":":
            t.strong = True
            t.fixed = t.hour > 12 or m["h"][0] == "0"
        elif m["sep"] == "h":
            t.strong = t.fixed = True  # "14h30" is written on a 24-hour clock
        elif m["eh"]:
            t.fixed = True  # "at 14h"; without a lead "2h" is a duration ("a 2h session")
        elif m["sep"] == ".":
            t.fixed = t.hour > 12 or m["h"][0] == "0"
        if not t.fixed and not 1 <= t.hour <= 12:
            return None
    elif m["hw"]:
        t.hour, t.minute = _HOUR_NUM[m["hw"]], _minute_words(m["mw"]) if m["mw"] else 0
    elif m["fm"]:
        fm = m["fm"]
        t.hour = _hour_of(m["fh"])
        t.minute = _PAST_MINUTES.get(fm, 25 if "five" in fm else 20)
    elif m["fh2"]:
        t.hour, t.minute = _hour_of(m["fh2"]) - 1 or 12, 45
    else:
        t.hour, t.fixed = (0 if m["noon"] == "midnight" else 12), True
    mer = (m["mer"] or "").strip()
    if mer == "noon":
        if t.hour != 12:
            return None
        t.fixed = True
    elif mer and not t.fixed:
        t.mer = mer[0]
    if m["tpod"]:
        t.pod = "morning" if "morning" in m["tpod"] else "evening"
    lead = _LEAD.search(low, max(0, at - 30), at)
    lw = lead["lw"] if lead else None
    if m["sep"] == "." and not m["mer"] and (lead is None or m["m"] not in _QUARTERS):
        return None  # "at 4.30" is a British time; "2.50" is a price
    if not t.strong and lead is None:
        return None
    after = low[m.end() : m.end() + 40]
    if not t.strong and _UNIT_AFTER.match(after):
        return None
    if m["hw"] and not (m["mer"] or m["oc"]) and _DIGITS_AFTER.match(after):
        return None
    t.start = lead.start() if lead else at
    t.core_start, t.end = at, m.end()
    t.span_end = m.start("zone") if m["zone"] else m.end()
    if m["zn"]:
        t.zone = _ZONES[m["zn"]]
    elif m["zab"]:
        if text[m.start("zab")].isupper():
            t.zone = _ZONES[m["zab"]]
        else:
            t.end = t.span_end
    t.chain = lw in _CHAIN_LEADS
    before = low[max(0, t.start - 40) : t.start]
    t.bad = _fires(table, "after-time", after)
    if t.bad is not None:
        return t
    if lead is not None and not t.chain:
        t.bad = _fires(table, "before-led-time", before)
    elif lw == "and":
        t.bad = _fires(table, "before-and-time", before)
    elif lead is None:
        t.bad = _fires(table, "before-time", before)
    return t


def _hour_of(word: str) -> int:
    """Return the hour a digit or a word names."""
    return int(word) if word.isdigit() else _HOUR_NUM[word]


def _minute_words(words: str) -> int:
    """Return the minutes said in words: 'oh five' 5, 'thirty' 30, 'forty-five' 45."""
    parts = re.split(r"[\s-]+", words)
    if parts[0] in ("oh", "o"):
        return _UNIT_NUM[parts[1]]
    if parts[0] in _TEEN_NUM:
        return _TEEN_NUM[parts[0]]
    return _TENS_NUM[parts[0]] + (_UNIT_NUM[parts[1]] if len(parts) > 1 else 0)


# ---------------------------------------------------------------------------------------------
# Scanning
# ---------------------------------------------------------------------------------------------


def _scan_days(text: str, low: str, table: _Compiled) -> list[_Day]:
    """Return every day phrase in the text, in order."""
    starts = [m.start() for m in _DAY_ANCHOR.finditer(low)]
    days: list[_Day] = []
    last = -1
    for at in starts:
        if at < last or (at and low[at - 1].isalnum()):
            continue
        day = _read_day(text, low, at)
        if day is not None and day.start >= last:
            days.append(day)
            last = day.end
    for day in days:
        if not day.bad:
            day.bad = _day_bad(low, day, table)
    return days


def _scan_times(text: str, low: str, days: list[_Day], table: _Compiled) -> list[_Time]:
    """Return the clock times near the days, in order."""
    windows: list[list[int]] = []
    for d in days:
        lo, hi = max(0, d.start - 70), d.end + 110
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    times: list[_Time] = []
    last = -1
    for lo, hi in windows:
        starts = [m.start() for m in _TIME_ANCHOR.finditer(low, lo, hi)]
        for at in starts:
            if at < last or (at and low[at - 1].isalpha()):
                continue
            t = _read_time(text, low, at, table)
            if t is not None:
                times.append(t)
                last = t.end
    return times


def _day_bad(low: str, day: _Day, table: _Compiled) -> str | None:
    """Return the rule saying a day phrase is a deadline, a window edge or a recurrence."""
    before = low[max(0, day.start - 40) : day.start]
    return _fires(table, "before-day", before) or _fires(
        table, "after-day", low[day.end : day.end + 20]
    )


def _gap_ok(gap: str, limit: int) -> bool:
    """Return whether a day and a time this far apart belong together."""
    return not _GAP_BLOCK.search(gap) and len(_WORD.findall(gap)) <= limit


def _clause_start(low: str, pos: int) -> int:
    """Return where the clause holding pos begins."""
    start = max(0, pos - 160)
    for m in _CLAUSE.finditer(low, start, pos):
        start = m.end()
    return start


def _context_rejects(low: str, start: int, end: int, floor: int, table: _Compiled) -> str | None:
    """Return the rule whose words around a slot say it is not a proposal, or None."""
    clause = low[max(_clause_start(low, start), floor) : start]
    after = low[end : end + 60]
    return _fires(table, "clause", clause, after) or _fires(table, "after-slot", after, clause)


# ---------------------------------------------------------------------------------------------
# Resolution
# ---------------------------------------------------------------------------------------------


def _clock(t: _Time, pod: str | None, mer: str | None) -> tuple[int, int]:
    """Return the 24-hour clock a time means, given a part of day or a shared a.m./p.m."""
    if t.fixed:
        return t.hour, t.minute
    mer = t.mer or mer
    pod = t.pod or pod
    h = t.hour % 12
    if mer == "a":
        return h, t.minute
    if mer == "p" or (pod and pod != "morning"):
        return h + 12, t.minute
    if pod == "morning" or t.hour == 12:
        return t.hour, t.minute
    return (h + 12 if t.hour <= 7 else h), t.minute  # a bare 1-7 is p.m., 8-11 a.m.


def _chain_clocks(chain: list[_Time], pod: str | None) -> list[tuple[int, int]]:
    """Return each chained time's clock; an a.m./p.m. said later covers earlier bare times."""
    out = []
    for i, t in enumerate(chain):
        shared = None
        if t.mer is None and not t.fixed and not t.pod and not pod:
            later = next((u for u in chain[i + 1 :] if u.mer or u.fixed), None)
            if later is not None:
                clock = _clock(later, None, None)
                mer = later.mer or ("p" if clock[0] >= 12 else "a")
                if _clock(t, None, mer) <= clock:  # "3 or 4 p.m." but not "11 or 1 p.m."
                    shared = mer
        out.append(_clock(t, pod, shared))
    return out


def _moment(day: date, clock: tuple[int, int], zone: str | None, tz: tzinfo | None) -> datetime:
    """Return the moment a slot names, in the zone it was said in, shown in now's zone."""
    if zone is not None and tz is not None:
        from zoneinfo import ZoneInfo

        said = datetime(day.year, day.month, day.day, *clock, tzinfo=ZoneInfo(zone))
        return said.astimezone(tz)
    return datetime(day.year, day.month, day.day, *clock, tzinfo=tz)


# ---------------------------------------------------------------------------------------------
# The API
# ---------------------------------------------------------------------------------------------


def find_proposed_times(
    text: str, now: datetime | None = None, *, rules: tuple[Rule, ...] = RULES
) -> list[TimeMention]:
    """Return each specific future slot proposed in the text, in order.

    With `now`, each slot is resolved to a moment (naive `now`: naive moments) and slots
    before `now` are dropped; without it, every slot is returned with `when` None. `rules` are
    the context rules (`analysis.time_rules.RULES`); pass a changed tuple to try a rule out.
    """
    table = _table(rules)
    low = text.lower()
    if len(low) != len(text):  # a few characters grow when lower-cased
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    days = _scan_days(text, low, table)
    if not days:
        return []
    times = _scan_times(text, low, days, table)
    if not times:
        return []
    items: list[_Day | _Time] = sorted([*days, *times], key=lambda i: i.start)
    index = {id(it): n for n, it in enumerate(items)}

    # Pair each day with the time right after it, else with the time right before it.
    pairs: dict[int, tuple[_Time, bool]] = {}
    for d in days:
        n = index[id(d)]
        nxt = items[n + 1] if n + 1 < len(items) else None
        if (
            isinstance(nxt, _Time)
            and not nxt.chain
            and _gap_ok(low[d.end : nxt.start], _MAX_GAP_DAY_TIME)
        ):
            nxt.used = True
            pairs[id(d)] = (nxt, True)
    for d in days:
        n = index[id(d)]
        prv = items[n - 1] if n else None
        if (
            id(d) not in pairs
            and isinstance(prv, _Time)
            and not prv.used
            and _gap_ok(low[prv.end : d.start], _MAX_GAP_TIME_DAY)
        ):
            prv.used = True
            pairs[id(d)] = (prv, False)

    today = now.date() if now is not None else None
    found: list[tuple[int, int, datetime | None]] = []

    def emit(day: _Day, chain: list[_Time], spans: list[tuple[int, int]]) -> None:
        on = day.resolve(today) if today is not None else None
        for clock, t, (s, e) in zip(_chain_clocks(chain, day.pod), chain, spans, strict=True):
            when = None
            if now is not None:
                if on is None:
                    continue
                when = _moment(on, clock, t.zone, now.tzinfo)
                if when < now and clock[0] < 12 and _bare(t, day) and day.kind == "rel":
                    when += timedelta(hours=12)  # "later today at 8", said at 10 a.m.
                if when < now:
                    continue
            found.append((s, e, when))

    for d in days:
        if id(d) not in pairs:
            continue
        t, right = pairs[id(d)]
        chain = [t]
        if right:
            spans = [(d.start, t.span_end)]
            for u in items[index[id(t)] + 1 :]:
                if not (isinstance(u, _Time) and not u.used and _chains(low, chain[-1], u)):
                    break
                u.used = True
                chain.append(u)
                spans.append((u.core_start, u.span_end))
            begin, end = d.start, chain[-1].span_end
        else:
            spans = [(t.core_start, d.end)]
            for u in reversed(items[: index[id(t)]]):
                if not (isinstance(u, _Time) and not u.used and _chains(low, u, chain[0])):
                    break
                u.used = True
                chain.insert(0, u)
                spans.insert(0, (u.core_start, u.span_end))
            begin, end = chain[0].start, d.end
        k = index[id(d if right else chain[0])]
        floor = items[k - 1].end if k else 0
        bad = bool(
            d.bad or any(c.bad for c in chain) or _context_rejects(low, begin, end, floor, table)
        )
        if not bad:
            emit(d, chain, spans)
        # "Tuesday or Wednesday at 10", "at 10 on Tuesday or Wednesday": the days share times.
        step = -1 if right else 1
        k, edge = index[id(d)] + step, d
        while 0 <= k < len(items):
            o = items[k]
            if not isinstance(o, _Day) or id(o) in pairs:
                break
            gap = low[o.end : edge.start] if right else low[edge.end : o.start]
            if not _GAP_DAYS.match(gap):
                break
            if gap.strip() == "," and not (o.kind == edge.kind == "wd" and o.value != edge.value):
                break  # "tomorrow, Tuesday, at 3" names one day twice
            if not (bad or o.bad):
                emit(o, chain[:1] if right else chain[-1:], [(o.start, o.end)])
            k, edge = k + step, o

    found.sort(key=lambda f: f[0])
    return [TimeMention(text[s:e], (s, e), w) for s, e, w in found]


def _bare(t: _Time, day: _Day) -> bool:
    """Return whether nothing said whether a time is a.m. or p.m."""
    return t.mer is None and not t.fixed and t.pod is None and day.pod is None


def _chains(low: str, prev: _Time, nxt: _Time) -> bool:
    """Return whether nxt is another choice after prev: "3 or 4 p.m.", "2 p.m., 3 p.m."."""
    gap = low[prev.end : nxt.start]
    if nxt.chain:
        return gap.strip() in ("", ",")
    return nxt.strong and gap.strip() == ","

"""The one table of words the detectors and the slot planner share: numbers, days, months, zones.

Every module that reads or says a number word, a weekday or a month imports it from here
(`phones`, `times`, `slots`), so "thirty-first" or "Thurs" is known in one place. Pure data and
one regex helper; importing it costs nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "DAY_ABBREVIATIONS",
    "DAY_NAMES",
    "DIGIT_WORDS",
    "HOUR_WORDS",
    "MONTH_ABBREVIATIONS",
    "MONTH_NAMES",
    "ORDINAL_WORDS",
    "TEEN_WORDS",
    "TENS_WORDS",
    "UNIT_WORDS",
    "WORD_DIGITS",
    "ZONES",
    "trie",
]

DAY_NAMES: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
"""Weekday names, Monday first (index = `date.weekday()`)."""

#: Written abbreviations of weekdays, lower case, with their `date.weekday()`.
DAY_ABBREVIATIONS: dict[str, int] = {
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "weds": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}

MONTH_NAMES: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""Month names, January first (index + 1 = month number)."""

#: Written abbreviations of months, lower case, with their month number.
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

#: How each digit is said when a number is read out (American "oh" for zero).
DIGIT_WORDS: dict[str, str] = {
    "0": "oh",
    "1": "one",
    "2": "two",
    "3": "three",
    "4": "four",
    "5": "five",
    "6": "six",
    "7": "seven",
    "8": "eight",
    "9": "nine",
}

#: Words read back as digits; "o"/"oh" count as zero only inside a run of number words.
WORD_DIGITS: dict[str, str] = {
    "zero": "0",
    "oh": "0",
    "o": "0",
    "nought": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}

#: One to nine, with their values.
UNIT_WORDS: dict[str, int] = {w: int(d) for w, d in WORD_DIGITS.items() if d != "0"}
#: Ten to nineteen.
TEEN_WORDS: dict[str, int] = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
#: Twenty to ninety.
TENS_WORDS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
#: The hours of a 12-hour clock said in words.
HOUR_WORDS: dict[str, int] = {**UNIT_WORDS, "ten": 10, "eleven": 11, "twelve": 12}

_ORDINAL_BASE = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
#: Ordinal words for the days of a month: "first" 1 ... "thirty-first" 31.
ORDINAL_WORDS: dict[str, int] = {
    **{w: i for i, w in enumerate(_ORDINAL_BASE, start=1)},
    **{f"twenty-{w}": 20 + i for i, w in enumerate(_ORDINAL_BASE[:9], start=1)},
    "thirtieth": 30,
    "thirty-first": 31,
}

#: Time zone words said after a time, lower case, with their IANA zone.
ZONES: dict[str, str] = {
    "eastern": "America/New_York",
    "et": "America/New_York",
    "est": "America/New_York",
    "edt": "America/New_York",
    "central": "America/Chicago",
    "ct": "America/Chicago",
    "cst": "America/Chicago",
    "cdt": "America/Chicago",
    "mountain": "America/Denver",
    "mt": "America/Denver",
    "mst": "America/Denver",
    "mdt": "America/Denver",
    "pacific": "America/Los_Angeles",
    "pt": "America/Los_Angeles",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "gmt": "UTC",
    "utc": "UTC",
    "bst": "Europe/London",
}


_Node = dict[str, "_Node"]


def trie(words: Iterable[str]) -> str:
    """Return a regex alternation of the words shaped as a trie, which `re` scans fast."""
    tree: _Node = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: _Node) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            body = f"(?:{body})?"
        return body

    return emit(tree)

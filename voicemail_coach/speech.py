"""How long a script takes to say: words at a speaking rate, phone numbers digit by digit."""

from __future__ import annotations

import re
from collections.abc import Iterable

WORDS_PER_MINUTE = 150  # National Center for Voice and Speech: conversational English
GROUP_PAUSE = 0.3  # seconds between digit groups ("nine oh one ... five five five ...")

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_DIGIT_GROUP = re.compile(r"\d+")
_LETTERS = re.compile(r"[^\W\d_]+")  # a run of letters inside a written number: "GO", "ext"
_SPOKEN_UNIT = re.compile(r"[A-Za-z]\.(?:[A-Za-z]\.)+")  # "p.m." is one spoken unit per letter
_WORD_ASCII = re.compile(r"[A-Za-z0-9]+(?:['.-][A-Za-z0-9]+)*")  # _WORD on ASCII, ~30% faster


def count_spoken_words(text: str) -> int:
    """Count the words a listener hears in ordinary text."""
    said = _SPOKEN_UNIT.sub(_unit_letters, text)
    return len((_WORD_ASCII if said.isascii() else _WORD).findall(said))


def _unit_letters(m: re.Match[str]) -> str:
    """Say 'p.m.' as its letters: 'p m '."""
    return m.group().replace(".", " ")


def number_seconds(written: str, wpm: float = WORDS_PER_MINUTE) -> float:
    """Return the time to read a phone number digit by digit, pausing between groups.

    Letters are said as words: "1-888-GO-TRUCK" is four digits and two words, "ext. 204" a
    word and three digits; a number said in words takes its words.
    """
    groups = _DIGIT_GROUP.findall(written)
    digits = sum(len(g) for g in groups)
    if digits == 0:  # said in words: every word is spoken as it stands
        return count_spoken_words(written) * 60.0 / wpm
    words = len(_LETTERS.findall(written))
    pauses = max(0, len(groups) + words - 1) * GROUP_PAUSE
    return (digits + words) * 60.0 / wpm + pauses


def spoken_seconds(
    text: str, number_spans: Iterable[tuple[int, int]] = (), wpm: float = WORDS_PER_MINUTE
) -> float:
    """Estimate the seconds it takes to say the text at `wpm`, numbers read digit by digit."""
    seconds = 0.0
    cursor = 0
    for start, end in sorted(number_spans):
        if start < cursor:
            continue
        seconds += count_spoken_words(text[cursor:start]) * 60.0 / wpm
        seconds += number_seconds(text[start:end], wpm)
        cursor = end
    seconds += count_spoken_words(text[cursor:]) * 60.0 / wpm
    return round(seconds, 1)

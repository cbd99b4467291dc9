"""Plain-text helpers shared by the checks: sentence spans and word positions."""

from __future__ import annotations

import re

_ABBREVIATIONS = frozenset(
    "mr ms mrs dr st jr sr inc co corp ltd no vs etc e.g i.e approx dept ext mt ft".split()
)
_END = re.compile(r"[.!?]+[\"')\]]*(?=\s|$)")
_WORD = re.compile(r"\S+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each sentence; titles like 'Ms.' and 'Inc.' do not end one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        before = text[start : match.start()].split()
        last = before[-1].lower().rstrip(".") if before else ""
        if match.group().startswith(".") and last in _ABBREVIATIONS:
            continue
        rest = text[match.end() :].lstrip()
        if rest and not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"'(“"):
            continue  # "a.m. on Tuesday" goes on; a sentence starts with a capital or a digit
        spans.append(_trim(text, start, match.end()))
        start = match.end()
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow a span to exclude surrounding white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def word_starts(text: str) -> list[int]:
    """Return the offset of each whitespace-separated word."""
    return [m.start() for m in _WORD.finditer(text)]


_SPACE_BEFORE_MARK = re.compile(r"\s+([.,!?;:])(?=\s|$)")


def one_paragraph(text: str) -> str:
    """Join rendered lines into one spoken paragraph: single spaces, none before punctuation."""
    return _SPACE_BEFORE_MARK.sub(r"\1", " ".join(text.split()))

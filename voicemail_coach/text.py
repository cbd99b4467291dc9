"""Plain-text helpers shared by the checks: sentence spans and word positions."""

from __future__ import annotations

import re

_ABBREVIATIONS = frozenset(
    "mr ms mrs dr st jr sr inc co corp ltd no vs etc e.g i.e approx dept ext mt ft".split()  # noqa: SIM905
)
_END = re.compile(r"[.!?]+[\"')\]]*(?=\s|$)")
_NEXT = re.compile(r"\s*(\S)")  # the first character after white space


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each sentence; titles like 'Ms.' and 'Inc.' do not end one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        at, end = match.span()
        if text[at] == ".":
            before = text[start:at].rsplit(None, 1)
            if before and before[-1].lower().rstrip(".") in _ABBREVIATIONS:
                continue
        nxt = _NEXT.match(text, end)
        if nxt and not (nxt[1].isupper() or nxt[1].isdigit() or nxt[1] in "\"'(“"):
            continue  # "a.m. on Tuesday" goes on; a sentence starts with a capital or a digit
        spans.append(_trim(text, start, end))
        start = end
    if not text[start:].isspace() and start < len(text):
        spans.append(_trim(text, start, len(text)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow a span to exclude surrounding white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_SPACE_BEFORE_MARK = re.compile(r"\s+([.,!?;:])(?=\s|$)")
_DOUBLE_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")  # "Apex Dental Ltd." + "." -> one stop


def one_paragraph(text: str) -> str:
    """Join rendered lines into one spoken paragraph: single spaces, none before punctuation."""
    joined = " ".join(text.split())
    # Only single spaces are left, so a mark after a space is the only thing to remove.
    if any(f" {mark}" in joined for mark in ".,!?;:"):
        joined = _SPACE_BEFORE_MARK.sub(r"\1", joined)
    if ".." in joined:
        joined = _DOUBLE_STOP.sub(".", joined)
    return joined

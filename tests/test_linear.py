"""Scoring grows linearly with the text: adversarial inputs at 10 KB and 100 KB.

The one timed test in the suite, with generous bounds: a linear detector takes about 10x as
long on ten times the text; a quadratic one about 100x, a cubic one 1,000x. CPU time of this
process is measured (not wall time), so other work on a shared machine does not count.
"""

from __future__ import annotations

import time

import pytest

import voicemail_coach as vc

#: Repeated units that made the detectors quadratic or cubic before (issue 16, item 5).
ADVERSARIAL = {
    "number words": "oh ",
    "digits": "1 ",
    "digit groups": "415 555 ",
    "spoken digits": "five five five one two ",
    "phone numbers": "901-555-2120 ",
    "hyphenated capitalised word": "Ab-",
    "days and times": "Tuesday at 3 or ",
    "abbreviations": "a. ",
    "digit chains": "1-2-",
    "dotted numbers": "1.2.3.",  # the reason check's figures ("by 2.5%") once ran quadratic here
    "digit lists": "4 1 5, ",
    "percentages": "9,9,9% ",
    "vanity numbers": "1-888-GO-TRUCK ",
}


def _cpu_seconds(text: str) -> float:
    """Return the best CPU time of two vc.score calls on the text."""
    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        vc.score(text)
        best = min(best, time.process_time() - start)
    return best


def _sized(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


@pytest.mark.parametrize("unit", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_score_grows_linearly(unit: str) -> None:
    small = _cpu_seconds(_sized(unit, 10_000))
    large = _cpu_seconds(_sized(unit, 100_000))
    assert large < 3.0, f"100 KB took {large:.2f} s"
    # 30x the 10 KB time (floored at 5 ms, below which the clock is noise): ~10x is linear.
    assert large < 30 * max(small, 0.005), f"10 KB {small:.3f} s, 100 KB {large:.3f} s"


def test_long_run_of_number_words_is_still_read() -> None:
    # The bound on how far a run is joined keeps the numbers inside a long run readable.
    text = "oh " * 2000 + "call nine oh one, five five five, two one two zero"
    numbers = vc.score(text).callback_numbers
    assert [n.number for n in numbers] == ["+19015552120"]

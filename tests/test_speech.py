"""Spoken length: words at 150 a minute, phone numbers digit by digit with pauses."""

from __future__ import annotations

import pytest

from voicemail_coach import speech


@pytest.mark.parametrize(
    ("written", "seconds"),
    [
        ("901-555-2120", 10 * 0.4 + 2 * 0.3),  # ten digits, two pauses
        ("1-888-GO-TRUCK", (4 + 2) * 0.4 + 3 * 0.3),  # four digits and two words, read in turn
        ("901-555-2120 ext. 204", (13 + 1) * 0.4 + 4 * 0.3),  # "extension" is said too
        ("nine oh one, five five five, two one two zero", 10 * 0.4),  # words as they stand
    ],
)
def test_number_seconds(written: str, seconds: float) -> None:
    assert speech.number_seconds(written) == pytest.approx(seconds)


def test_spoken_seconds_reads_the_number_spans_digit_by_digit() -> None:
    text = "Hi Dana, this is Omar. Call 901-555-2120."
    start = text.index("901")
    # six words at 0.4 s, then the number
    assert speech.spoken_seconds(text, [(start, start + 12)]) == pytest.approx(6 * 0.4 + 4.6)

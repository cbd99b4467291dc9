"""Callback-number detection: tables of real-looking voicemail sentences, grouping, formatting."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voicemail_coach.analysis.phone_rules import EFFECTS as PHONE_EFFECTS
from voicemail_coach.analysis.phone_rules import RULES as PHONE_RULES
from voicemail_coach.analysis.phone_rules import SCOPES as PHONE_SCOPES
from voicemail_coach.errors import ConfigError, DataError
from voicemail_coach.models import CallbackNumber, PhoneMention
from voicemail_coach.phones import (
    DIGIT_WORDS,
    find_numbers,
    group_numbers,
    normalize,
    say_number,
    spoken_digits,
)

Found = list[tuple[str, str, bool]]


def found(text: str, region: str = "US") -> Found:
    """Return (key, the text the span covers, spoken) for every mention."""
    return [(m.number, text[m.span[0] : m.span[1]], m.spoken) for m in find_numbers(text, region)]


# (text, region, [(key, exact text of the span, spoken)])
MUST_FIND: list[tuple[str, str, Found]] = [
    (
        "Hi Dana, this is Freda from ABC Company at 901-555-2120. Talk soon.",
        "US",
        [("+19015552120", "901-555-2120", False)],
    ),
    (
        "Hi Marcus, it's Priya with Tallgrass Payroll. My number is (614) 555-0139.",
        "US",
        [("+16145550139", "(614) 555-0139", False)],
    ),
    (
        "Hi Karen, Dev from Brightline IT, 312.555.0147. My number again is 312.555.0147.",
        "US",
        [("+13125550147", "312.555.0147", False), ("+13125550147", "312.555.0147", False)],
    ),
    (
        "Good morning, Kate Brown with Summit Insurance on +1 646 555 0199.",
        "US",
        [("+16465550199", "+1 646 555 0199", False)],
    ),
    (
        "Hello Sophie, Oliver from Harrow Data. You can reach me on +44 20 7946 0958.",
        "US",
        [("+442079460958", "+44 20 7946 0958", False)],
    ),
    (
        "I'm at (617) 555-0182, extension 204. Or try my desk, 212-555-0143 x17.",
        "US",
        [
            ("+16175550182", "(617) 555-0182, extension 204", False),
            ("+12125550143", "212-555-0143 x17", False),
        ],
    ),
    (
        "Hi Sarah, Mike at Pinnacle Supply, 800-555-0142 ext. 204, that's 1-800-555-0142.",
        "US",
        [
            ("+18005550142", "800-555-0142 ext. 204", False),
            ("+18005550142", "1-800-555-0142", False),
        ],
    ),
    (
        "Hi Claire, James from Redwood. Our freephone is 0800 121212, or ring me on 0207 946 0958.",
        "US",
        [("+44800121212", "0800 121212", False), ("+442079460958", "0207 946 0958", False)],
    ),
    (
        "G'day Liam, it's Chloe from Southbank Fitout. My number's 03 9999 1111.",
        "US",
        [("+61399991111", "03 9999 1111", False)],
    ),
    (
        "Hi Hana, it's Liam, call me on 0412 555 017.",
        "AU",
        [("+61412555017", "0412 555 017", False)],
    ),
    (
        "Hi Ed, ring me back on 020 7946 0958 or my mobile 07700 900123.",
        "GB",
        [("+442079460958", "020 7946 0958", False), ("+447700900123", "07700 900123", False)],
    ),
    (
        "Hi Lou, it's Max from Quick Courier, 555-2120, that's 555-2120.",
        "US",
        [("5552120", "555-2120", False), ("5552120", "555-2120", False)],
    ),
    (
        "This is Cathy at 123-456-7890, or the office, 555-555-5555, or (555) 123-4567.",
        "US",
        [
            ("+11234567890", "123-456-7890", False),
            ("+15555555555", "555-555-5555", False),
            ("+15551234567", "(555) 123-4567", False),
        ],
    ),
    (
        "My number is nine oh one, five five five, two one two zero.",
        "US",
        [("+19015552120", "nine oh one, five five five, two one two zero", True)],
    ),
    (
        "Call me at nine zero one five five five two one two zero. Thanks.",
        "US",
        [("+19015552120", "nine zero one five five five two one two zero", True)],
    ),
    (
        "I can be reached at two one four seven seven zero one one nine one. Thank you.",
        "US",
        [("+12147701191", "two one four seven seven zero one one nine one", True)],
    ),
    (
        "Reach me at nine-oh-one, five-five-five, twenty-one twenty.",
        "US",
        [("+19015552120", "nine-oh-one, five-five-five, twenty-one twenty", True)],
    ),
    (
        "That's oh two oh, seven nine four six, oh double nine five.",
        "US",
        [("+442079460995", "oh two oh, seven nine four six, oh double nine five", True)],
    ),
    (
        "Oh, and my cell is Two one two. Five five five. Oh one four three. Bye!",
        "US",
        [("+12125550143", "Two one two. Five five five. Oh one four three", True)],
    ),
    (
        "Again, that is 2-8-1, 3-6-7, fifty-five, ninety-nine.",
        "US",
        [("+12813675599", "2-8-1, 3-6-7, fifty-five, ninety-nine", True)],
    ),
    (
        "Call toll free, one eight hundred, five five five, oh one nine nine.",
        "US",
        [("+18005550199", "one eight hundred, five five five, oh one nine nine", True)],
    ),
    (
        "Call me back at five five five, twenty-one twenty.",
        "US",
        [("5552120", "five five five, twenty-one twenty", True)],
    ),
    (
        "That's plus four four, two oh, seven nine four six, oh nine five eight.",
        "US",
        [
            (
                "+442079460958",
                "plus four four, two oh, seven nine four six, oh nine five eight",
                True,
            )
        ],
    ),
    (
        "My number is area code 901, 555-2120.",
        "US",
        [("+19015552120", "901, 555-2120", False)],
    ),
    (
        "Hi Ellen, Carlos from Vista Tours. My cell is 9015552120, or 1 (800) 555-0199.",
        "US",
        [("+19015552120", "9015552120", False), ("+18005550199", "1 (800) 555-0199", False)],
    ),
    (
        "Hi Bea, Felix at Nordwind, +49 (0)30 1234 5678.",
        "US",
        [("+493012345678", "+49 (0)30 1234 5678", False)],
    ),
    (
        "Bonjour, c'est Claire, au 01 23 45 67 89.",
        "US",
        [("+33123456789", "01 23 45 67 89", False)],
    ),
    (
        "Dial nine oh one...five five five...two one two zero, or nine oh one dash five five "
        "five dash two one two one.",
        "US",
        [
            ("+19015552120", "nine oh one...five five five...two one two zero", True),
            ("+19015552121", "nine oh one dash five five five dash two one two one", True),
        ],
    ),
    (
        "Call 901 555 2120 any time; at 10:30 901-555-2188 is better.",
        "US",
        [("+19015552120", "901 555 2120", False), ("+19015552188", "901-555-2188", False)],
    ),
    (
        "Our 24/7 support line is 800-555-0100 (901-555-2120 is my cell).",
        "US",
        [("+18005550100", "800-555-0100", False), ("+19015552120", "901-555-2120", False)],
    ),
]


# Numbers that are not callback numbers; none of these texts holds a phone number to call.
MUST_NOT_FIND: list[str] = [
    "Your order number is 4829331.",
    "Order # 901-555-2120 has shipped.",
    "Your confirmation code is 4829-3321.",
    "Your account number, 901-555-3344, is past due.",
    "This is about case #12345678, and case number 02193847 is closed.",
    "PO 4500012345 was approved, and your P.O. 4500-012-345 has shipped.",
    "Invoice 901-555-2120 is overdue.",
    "Policy number 123-456-7890 renews next month.",
    "Your member ID is 555-123-4567.",
    "Your ticket number is 5551234.",
    "Receipt #9015552120 is attached.",
    "The tracking number 1Z 999 AA1 0123 4567 84 was delivered.",
    "The meeting is on 11/27/2026 at 10:30, or 2026-11-27 at 14:00.",
    "It happened on 27.11.2026 at 14.30.",
    "Our office is at 1234 Elm Street, Memphis, TN 38103-1234.",
    "The quote is $1,250.00 per month, or $15,000 a year.",
    "We helped Delta Foods save 30% on 2,500 units, and we processed 1250000 payments.",
    "Since 2009 we've protected 3,500 businesses with 24/7 monitoring for $39.99 a month.",
    "We talked about rolling over your 401(k) in 2025.",
    "You can fax the signed form to 901-555-2121.",
    "Fax: (901) 555-2121",
    "901-555-2121 (fax)",
    "Our fax number is 901.555.2121.",
    "Your confirmation number: five five five, two one two zero.",
    "Your SSN 123-45-6789 and card 4111 1111 1111 1111 are on file.",
    "The ISBN is 978-3-16-148410-0.",
    "Please call me back at XXX-XXX-XXXX or (XXX) XXX-XXXX.",
    "I have one or two ideas for you, and three or four questions. One more thing: ten, twenty.",
    "We ran 12 campaigns, 3 webinars, and 45 demos between 2024-01-01 and 2024-06-30.",
    "Version 2.10.3 shipped; see page 12, lines 3 to 7, and sizes 10, 12, 14, 16 and 18.",
]


# A distractor and the one callback number in the same script.
WITH_DISTRACTOR: list[tuple[str, str, str]] = [
    ("Your order #4829331 shipped. Call me at 901-555-2120.", "+19015552120", "901-555-2120"),
    (
        "About case number 02193847, reach me at 1-888-555-0175, option 2.",
        "+18885550175",
        "1-888-555-0175",
    ),
    (
        "My fax is 901-555-2121 and my cell is 901-555-2120.",
        "+19015552120",
        "901-555-2120",
    ),
    (
        "T: 901-555-2120 | F: 901-555-2121",
        "+19015552120",
        "901-555-2120",
    ),
    (
        "Regarding invoice 2026-0114 for $1,250.00 on 11/27, please call me about your order "
        "at 901-555-2120.",
        "+19015552120",
        "901-555-2120",
    ),
    (
        "My account manager colleague Jo handles it; her line is 901-555-2130.",
        "+19015552130",
        "901-555-2130",
    ),
    ("Call our order line at 800-555-0100.", "+18005550100", "800-555-0100"),
    ("Hi Jen, Mike at Swift Print, 816-555-0120.", "+18165550120", "816-555-0120"),
    ("Hi, Sam from Ticket Express, 901-555-2120.", "+19015552120", "901-555-2120"),
    ("In case you need me, I'm at 901-555-2120.", "+19015552120", "901-555-2120"),
    (
        "Thanks for the fax; you can call me at 901-555-2120.",
        "+19015552120",
        "901-555-2120",
    ),
    (
        "Your confirmation code is 4829-3321. If you have questions, call 404-555-0176.",
        "+14045550176",
        "404-555-0176",
    ),
]


@pytest.mark.parametrize(("text", "region", "expected"), MUST_FIND)
def test_finds_numbers_with_keys_and_spans(text: str, region: str, expected: Found) -> None:
    assert found(text, region) == expected


@pytest.mark.parametrize("text", MUST_NOT_FIND)
def test_ignores_numbers_that_are_not_callback_numbers(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(("text", "key", "said"), WITH_DISTRACTOR)
def test_finds_the_phone_next_to_a_distractor(text: str, key: str, said: str) -> None:
    assert [(k, s) for k, s, _ in found(text)] == [(key, said)]


def test_tables_are_big_enough() -> None:
    assert len(MUST_FIND) >= 15
    assert len(MUST_NOT_FIND) >= 15
    assert sum(1 for *_, exp in MUST_FIND for *_, spoken in exp if spoken) >= 8


def test_mentions_are_frozen_records_in_text_order() -> None:
    text = "Call nine oh one, five five five, two one two zero, or 901-555-2199."
    mentions = find_numbers(text)
    assert all(isinstance(m, PhoneMention) for m in mentions)
    assert [m.span[0] for m in mentions] == sorted(m.span[0] for m in mentions)
    assert [m.spoken for m in mentions] == [True, False]


def test_spans_index_the_original_text_after_unicode_case_folding() -> None:
    text = "İstanbul İzmir office: 901-555-2120."
    assert found(text) == [("+19015552120", "901-555-2120", False)]


def test_region_decides_a_national_number() -> None:
    assert found("Call 020 7946 0958.", "GB") == [("+442079460958", "020 7946 0958", False)]
    assert found("Call 901-555-2120.", "GB") == [("+19015552120", "901-555-2120", False)]
    assert found("Call 0412 555 017.", "US") == [("+61412555017", "0412 555 017", False)]


def test_unknown_region_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="region"):
        find_numbers("Call 901-555-2120.", "Narnia")


def test_text_without_numbers_is_quick_to_say_no() -> None:
    assert find_numbers("") == []
    assert find_numbers("Hi Dana, this is Sam from Acme. One of our two reps will call.") == []


# --- grouping --------------------------------------------------------------------------------


def test_digits_then_words_are_one_number_said_twice() -> None:
    text = "My number is 901-555-2120, that's nine oh one, five five five, two one two zero."
    groups = group_numbers(find_numbers(text))
    assert groups == [CallbackNumber("+19015552120", ((13, 25), (34, 79)))]
    assert text[13:25] == "901-555-2120"
    assert text[34:79] == "nine oh one, five five five, two one two zero"
    assert groups[0].count == 2


def test_two_different_numbers_are_two_groups_in_order() -> None:
    text = "My cell is 901-555-2199, and the office is 901-555-2120, again 901-555-2120."
    groups = group_numbers(find_numbers(text))
    assert [(g.number, g.count) for g in groups] == [("+19015552199", 1), ("+19015552120", 2)]


def test_local_number_joins_the_known_caller_number() -> None:
    text = "Call me at 555-2120. Again, 901-555-2120."
    mentions = find_numbers(text)
    assert [m.number for m in mentions] == ["5552120", "+19015552120"]
    groups = group_numbers(mentions, known="+19015552120")
    assert groups == [CallbackNumber("+19015552120", ((11, 19), (28, 40)))]


def test_local_number_joins_a_full_number_without_known() -> None:
    groups = group_numbers(find_numbers("Call 901-555-2120, or just 555-2120 locally."))
    assert [(g.number, g.count) for g in groups] == [("+19015552120", 2)]


def test_local_number_alone_takes_the_known_number_when_it_fits() -> None:
    mentions = find_numbers("Call me at 555-2120, that's 555-2120.")
    assert [(g.number, g.count) for g in group_numbers(mentions)] == [("5552120", 2)]
    with_known = group_numbers(mentions, known="+19015552120")
    assert [(g.number, g.count) for g in with_known] == [("+19015552120", 2)]
    other = group_numbers(mentions, known="+19015559999")
    assert [(g.number, g.count) for g in other] == [("5552120", 2)]


def test_local_number_prefers_known_over_another_full_number() -> None:
    text = "Office 615-555-2120, cell 901-555-2120, or 555-2120."
    groups = group_numbers(find_numbers(text), known="+19015552120")
    assert [(g.number, g.count) for g in groups] == [("+16155552120", 1), ("+19015552120", 2)]


def test_known_given_as_typed_is_normalized() -> None:
    groups = group_numbers(find_numbers("Call (901) 555-2120."), known="901-555-2120")
    assert [g.number for g in groups] == ["+19015552120"]


def test_extension_does_not_split_a_number() -> None:
    text = "Call 901-555-2120 ext. 204, or 901-555-2120."
    assert [(g.number, g.count) for g in group_numbers(find_numbers(text))] == [("+19015552120", 2)]


def test_group_of_nothing_is_empty() -> None:
    assert group_numbers([]) == []
    assert group_numbers([], known="+19015552120") == []


# --- normalize ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "region", "e164"),
    [
        ("901-555-2120", "US", "+19015552120"),
        ("9015552120", "US", "+19015552120"),
        ("(901) 555-2120", "US", "+19015552120"),
        ("1-901-555-2120", "US", "+19015552120"),
        ("+1 901 555 2120", "GB", "+19015552120"),
        ("(617) 555-0182 ext. 204", "US", "+16175550182"),
        ("tel:+1-901-555-2120", "US", "+19015552120"),
        ("123-456-7890", "US", "+11234567890"),
        ("555-555-5555", "US", "+15555555555"),
        ("+44 20 7946 0958", "US", "+442079460958"),
        ("0207 946 0958", "US", "+442079460958"),
        ("020 7946 0958", "GB", "+442079460958"),
        ("07700 900123", "GB", "+447700900123"),
        ("0412 555 017", "AU", "+61412555017"),
        ("03 9999 1111", "US", "+61399991111"),
        ("0044 20 7946 0958", "US", "+442079460958"),
    ],
)
def test_normalize_accepts_phone_numbers(typed: str, region: str, e164: str) -> None:
    assert normalize(typed, region) == e164


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "12345", "555-2120", "abc", "901-555-21AB", "1-800-FLOWERS", "000-000-0000",
     "90155521201", "+999 123 4567", "XXX-XXX-XXXX", "call me", "+1 555"],
)  # fmt: skip
def test_normalize_rejects_what_is_not_a_full_number(typed: str) -> None:
    assert normalize(typed) is None


def test_normalize_agrees_with_find_numbers() -> None:
    for typed in ("901-555-2120", "+44 20 7946 0958", "0800 121212", "03 9999 1111"):
        assert [m.number for m in find_numbers(f"Call {typed} today.")] == [normalize(typed)]


# --- saying ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "region", "said"),
    [
        ("+19015552120", "US", "901-555-2120"),
        ("9015552120", "US", "901-555-2120"),
        ("(617) 555-0182 ext. 204", "US", "617-555-0182, extension 204"),
        ("+442079460958", "US", "+44 20 7946 0958"),
        ("+442079460958", "GB", "020 7946 0958"),
        ("+19015552120", "GB", "+1 901-555-2120"),
        ("+61412555017", "AU", "0412 555 017"),
        ("555-2120", "US", "555-2120"),
    ],
)
def test_say_number(number: str, region: str, said: str) -> None:
    assert say_number(number, region) == said


ROUND_TRIP = [
    ("901-555-2120", "US"),
    ("+1 (312) 555-0147 x17", "US"),
    ("123-456-7890", "US"),
    ("+44 20 7946 0958", "US"),
    ("+44 20 7946 0958", "GB"),
    ("07700 900123", "GB"),
    ("0800 121212", "GB"),
    ("+61 3 9999 1111", "AU"),
    ("+61 491 570 156", "US"),
    ("+49 30 12345678", "DE"),
    ("+1 901 555 2120", "GB"),
]


@pytest.mark.parametrize(("number", "region"), ROUND_TRIP)
def test_say_number_is_found_again(number: str, region: str) -> None:
    said = say_number(number, region)
    mentions = find_numbers(f"Call me at {said}. Thanks.", region)
    assert [m.number for m in mentions] == [normalize(number, region)]
    start, end = mentions[0].span
    assert f"Call me at {said}. Thanks."[start:end] == said


@pytest.mark.parametrize(("number", "region"), ROUND_TRIP)
def test_spoken_digits_are_found_again(number: str, region: str) -> None:
    words = spoken_digits(number, region)
    assert not any(c.isdigit() for c in words)
    text = f"Again, that's {words}. Talk soon."
    mentions = find_numbers(text, region)
    assert [(m.number, m.spoken) for m in mentions] == [(normalize(number, region), True)]
    start, end = mentions[0].span
    assert text[start:end] == words


def test_spoken_digits_reads_groups_with_commas() -> None:
    assert spoken_digits("+19015552120") == "nine oh one, five five five, two one two zero"
    assert spoken_digits("212-555-0143 x204") == (
        "two one two, five five five, oh one four three, extension two oh four"
    )
    assert spoken_digits("+442079460958") == (
        "plus four four, two oh, seven nine four six, oh nine five eight"
    )
    assert set(DIGIT_WORDS) == set("0123456789")


def test_saying_garbage_is_a_data_error() -> None:
    with pytest.raises(DataError, match="not a phone number"):
        say_number("call me maybe")
    with pytest.raises(DataError, match="not a phone number"):
        spoken_digits("none")


# --- properties --------------------------------------------------------------------------------

NANP = st.tuples(st.integers(200, 999), st.integers(200, 999), st.integers(0, 9999)).map(
    lambda t: f"{t[0]}{t[1]}{t[2]:04d}"
)


@settings(max_examples=60, deadline=None)
@given(NANP, st.sampled_from(["{}-{}-{}", "({}) {}-{}", "{}.{}.{}", "+1 {} {} {}"]))
def test_any_north_american_number_is_found_in_any_common_form(digits: str, form: str) -> None:
    written = form.format(digits[:3], digits[3:6], digits[6:])
    text = f"Hi, it's Sam at {written}. Or, {spoken_digits(digits)}."
    groups = group_numbers(find_numbers(text))
    assert [(g.number, g.count) for g in groups] == [("+1" + digits, 2)]


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("0123456789 -.()+,/:$%#xohinvtwfursz\n")), max_size=80)
)
def test_find_numbers_never_crashes_and_spans_are_ordered(text: str) -> None:
    mentions = find_numbers(text)
    ends = 0
    for m in mentions:
        assert 0 <= m.span[0] < m.span[1] <= len(text)
        assert m.span[0] >= ends
        ends = m.span[1]


# --- issue 15: numbers that slipped past --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        # vanity numbers, read on the keypad (extra letters are not dialled)
        (
            "Call 1-888-GO-TRUCK today. Again, that's 1-888-GO-TRUCK.",
            "US",
            [("+18884687825", "1-888-GO-TRUCK", False)] * 2,
        ),
        ("Order flowers at 1-800-FLOWERS.", "US", [("+18003569377", "1-800-FLOWERS", False)]),
        ("Dial (877) PAY-RENT for the office.", "US", [("+18777297368", "(877) PAY-RENT", False)]),
        # eight digits without separators, when the words or the region say it is a phone
        ("Ring me on 98765432 any time.", "US", [("98765432", "98765432", False)]),
        ("My mobile is 98765432.", "AU", [("98765432", "98765432", False)]),
        ("Best to reach me, 98765432.", "SG", [("+6598765432", "98765432", False)]),
        ("Call 5552120 and ask for Ana.", "US", [("5552120", "5552120", False)]),
        ("Please return my call on 9953 3000.", "US", [("99533000", "9953 3000", False)]),
        ("My phone: 98 76 54 32.", "US", [("98765432", "98 76 54 32", False)]),
        ("Call me on 98765 43210.", "US", [("+19876543210", "98765 43210", False)]),
        # digit-grouped reading forms
        (
            "You can reach me at 4 1 5, 5 5 5, 0 1 3 2.",
            "US",
            [("+14155550132", "4 1 5, 5 5 5, 0 1 3 2", False)],
        ),
        ("Call me at 415, 555, 0132.", "US", [("+14155550132", "415, 555, 0132", False)]),
        # spoken digits with teens, and a correction of the last digit
        (
            "My line is five-oh-two, twelve, thirty-four.",
            "US",
            [("5021234", "five-oh-two, twelve, thirty-four", True)],
        ),
        (
            "Call nine oh one, five five five, two one two seven, sorry, that's a six.",
            "US",
            [
                (
                    "+19015552126",
                    "nine oh one, five five five, two one two seven, sorry, that's a six",
                    True,
                )
            ],
        ),
    ],
)
def test_finds_vanity_bare_grouped_and_corrected_numbers(
    text: str, region: str, expected: Found
) -> None:
    assert found(text, region) == expected


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("We moved 98765432 units last year.", "SG"),  # a quantity: a word follows
        ("Your order 98765432 ships Monday.", "SG"),  # a labelled id
        ("We sold 5552120 units in the spring.", "US"),  # bare digits, no cue, in the US
        ("Call me on 12-03-2026 after lunch.", "US"),  # a date after a calling cue
        ("Call me on 12 03 2026.", "US"),
        ("Meet me in Room 204-BUILDING C.", "US"),  # letters after a code that is not toll-free
        ("We served 3, 4, 5 clinics in 2024, 2025, 2026.", "US"),  # a list of counts and years
        ("Revenue rose 1,000, 2,000, 3,000 a month.", "US"),  # thousands
        ("Press 9, 8, 7, 6, 5, 4, 3 to hear the options.", "US"),  # a list, not digit groups
    ],
)
def test_new_forms_leave_quantities_and_codes_alone(text: str, region: str) -> None:
    assert found(text, region) == []


def test_vanity_and_digits_of_one_number_are_said_twice() -> None:
    text = "Call 1-888-GO-TRUCK, that is 1-888-468-7825."
    (group,) = group_numbers(find_numbers(text))
    assert group.number == "+18884687825" and group.count == 2


# --- the exclusion rules, as data (voicemail_coach/analysis/phone_rules.py) ---------------------

PHONE_RULE_EXAMPLES = [(r.name, text, want) for r in PHONE_RULES for text, want in r.examples]


@pytest.mark.parametrize(
    ("name", "text", "callback"),
    PHONE_RULE_EXAMPLES,
    ids=[f"{n}:{t[:30]}" for n, t, _ in PHONE_RULE_EXAMPLES],
)
def test_phone_rule_examples(name: str, text: str, callback: bool) -> None:
    """Each example holds; the ones the rule decides flip with the rule's row removed."""
    assert bool(find_numbers(text)) == callback
    rule = next(r for r in PHONE_RULES if r.name == name)
    without = tuple(r for r in PHONE_RULES if r.name != name)
    decides = (rule.effect == "keep") == callback
    if decides:
        assert bool(find_numbers(text, rules=without)) != callback, f"{name} does not decide it"


def test_every_phone_rule_has_examples_both_ways() -> None:
    assert len({r.name for r in PHONE_RULES}) == len(PHONE_RULES)
    for rule in PHONE_RULES:
        assert rule.scope in PHONE_SCOPES and rule.effect in PHONE_EFFECTS, rule.name
        assert {want for _, want in rule.examples} == {True, False}, rule.name
        assert all(w == w.lower() and w.strip() == w for w in rule.pattern), rule.name

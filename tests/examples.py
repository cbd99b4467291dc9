"""Should-flag and should-pass examples for every check and outcome, from realistic voicemails.

Each row: (check id, text, expected, keyword arguments for ``vc.score``). ``expected`` is False
for a should-pass example (no finding of that check at all), else the findings of that check
the text must give, in order: each a :class:`Flag` with the outcome id, the level, text the
message must hold (the measured value and the target; ``{seconds}`` and ``{grade}`` stand for
the draft's own measured figures) and the text its span must cover (None: no span).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from voicemail_coach.config import Config
from voicemail_coach.models import Caller, Earlier

FREDA = Config(caller=Caller(name="Freda Whitehouse", company="ABC Company", phone="901-555-2120"))
MIN_THREE = Config().for_style({"number-repeated": {"min_times": 3}}, "tests/examples.py")

# Whole messages, pinned word for word where a message has no measured figure of its own.
TOO_SHORT = "about {seconds} s spoken, under 12 s (target 20-30 s); say why you are calling"
NO_NUMBER = (
    "no callback number found (target: say your number, e.g. 901-555-2120, early and again "
    "at the end)"
)
NO_TIME = (
    "no specific time proposed for the next step (target: a day and a clock time, e.g. "
    "'Would Tuesday at 3 or 4 p.m. work?')"
)
NO_REASON = (
    "no reason to call back: found no need, offer, result, referral or question (target: at "
    "least one, e.g. 'we cut onboarding by two weeks for Bayline Shipping' or a question about "
    "their need)"
)


@dataclass(frozen=True)
class Flag:
    """One finding a should-flag example must give."""

    id: str
    level: str
    message: str
    quote: str | None
    at: int = 0  # which occurrence of the quote the span covers: 0 the first, -1 the last


_CHICAGO = ZoneInfo("America/Chicago")
# The voicemail left for Dana on Friday 2026-11-20 (the examples are scored on Monday 11-23).
LEFT_FRIDAY = Earlier(
    datetime(2026, 11, 20, 10, 0, tzinfo=_CHICAGO),
    "warm-cold-call",
    "Hi Dana, this is Freda Whitehouse from ABC Company, 901-555-2120. I'm calling about the "
    "time your managers spend on employee conflict. Would Tuesday at 3 or 4 p.m. work for you? "
    "Call me at 901-555-2120 to confirm.",
    (
        datetime(2026, 11, 24, 15, 0, tzinfo=_CHICAGO),
        datetime(2026, 11, 24, 16, 0, tzinfo=_CHICAGO),
    ),
)
LEFT_TUESDAY = Earlier(
    datetime(2026, 11, 17, 11, 0, tzinfo=_CHICAGO),
    "third-party",
    "Hi Dana, this is Freda Whitehouse from ABC Company, 901-555-2120. Bayline Shipping cut "
    "their conflict hours by a third with us. Would Wednesday at 10 or 11 a.m. work? Call me "
    "at 901-555-2120.",
    (
        datetime(2026, 11, 18, 10, 0, tzinfo=_CHICAGO),
        datetime(2026, 11, 18, 11, 0, tzinfo=_CHICAGO),
    ),
)
AFTER_FRIDAY = {"earlier": (LEFT_FRIDAY,)}
FOLLOW_UP = (
    "Hi Dana, it's Freda Whitehouse again from ABC Company, 901-555-2120. I left you a message "
    "Friday about the time your managers spend on conflict. One quick question: how many "
    "disputes reach HR each month? Would Thursday at 9 or 10 a.m. work for you? Call me at "
    "901-555-2120 to confirm."
)

GOOD = (
    "Hi Dana, this is Freda Whitehouse from ABC Company, at 901-555-2120. Joe Sampson suggested "
    "I call about the time your managers spend on employee conflict. Would Tuesday at 3 or 4 "
    "p.m. work for a short call? Call me back at 901-555-2120 to confirm. Thanks!"
)

LONG = (
    "Hi Dana, this is Freda Whitehouse from ABC Company, at 901-555-2120. We have worked with "
    "hundreds of companies across the region, in logistics, health care and retail. Our "
    "training package covers conflict, feedback and coaching, and many clients tell us their "
    "managers spend less time on disputes after the first quarter. Would Tuesday at 3 or 4 p.m. "
    "work for a short call? Call me back at 901-555-2120 to confirm. Thanks!"
)

EXAMPLES: list[tuple[str, str, tuple[Flag, ...] | bool, dict[str, Any]]] = [
    # length: 20-30 s is the aim; over 30 s warns, over 45 s errors, under 12 s suggests more
    ("length", GOOD, False, {}),
    (
        "length",
        LONG,
        (
            Flag(
                "length.too-long",
                "warning",
                "about {seconds} s spoken, over 30 s (target 20-30 s)",
                None,
            ),
        ),
        {},
    ),
    (
        "length",
        "Hi Wes, this is Nora Park from Fieldstone Payroll, 480-555-0102. We moved Desert Bloom "
        "Cafe to weekly pay without extra admin. Could we talk Thursday at 10 a.m.? Again, "
        "480-555-0102.",
        False,
        {},
    ),
    (
        "length",
        LONG + " " + LONG,
        (
            Flag(
                "length.far-too-long",
                "error",
                "about {seconds} s spoken, over 45 s (target 20-30 s)",
                None,
            ),
        ),
        {},
    ),
    (
        "length",
        "Hi Dana, Freda from ABC, 901-555-2120.",
        (
            Flag(
                "length.too-short",
                "suggestion",
                TOO_SHORT,
                None,
            ),
        ),
        {},
    ),
    (
        "length",
        "Hi, it's Sam. Call me.",
        (
            Flag(
                "length.too-short",
                "suggestion",
                TOO_SHORT,
                None,
            ),
        ),
        {},
    ),
    (
        "length",
        "This is Raj Patel with Lumen Payroll. Call me back at 615-555-0182. Bye.",
        (
            Flag(
                "length.too-short",
                "suggestion",
                TOO_SHORT,
                None,
            ),
        ),
        {},
    ),
    (
        "length",
        "Hi Mark, it's Ana Ruiz at Brightline HR, 312-555-0144. Your team asked about "
        "onboarding, and I have two ideas that cut it from six weeks to four. Could we talk "
        "Thursday at 10 a.m.? Again, 312-555-0144.",
        False,
        {},
    ),
    (
        "length",
        "Hello Ms. Park, this is Dev Singh from Northstar Freight, 206-555-0111. I am calling "
        "because we help distribution centres cut overtime during peak season, and I think your "
        "Tacoma site could use it. Would Friday at 9 or 10 a.m. work? My number again is "
        "206-555-0111.",
        False,
        {},
    ),
    (
        "length",
        "Hi Tom, Lisa Chen from Orbit Dental Supply, 503-555-0123. We lowered glove costs by "
        "twelve percent for Smile Studio in Salem. Could we talk Monday at 11? Again, Lisa, "
        "503-555-0123.",
        False,
        {},
    ),
    (
        "length",
        "Hi Carla, this is Ben Ortiz with Pine Ridge Software, 720-555-0150. Your office "
        "manager mentioned the scheduling headaches at your three clinics, and we fixed the "
        "same thing for Alpine Vets. Would Wednesday at 2 or 3 p.m. work? Call me at "
        "720-555-0150.",
        False,
        {},
    ),
    (
        "length",
        "Hi Omar, it's Jill from Crest Insurance. Call me at 404-555-0190.",
        (
            Flag(
                "length.too-short",
                "suggestion",
                TOO_SHORT,
                None,
            ),
        ),
        {},
    ),
    # clarity: grade at most 8 and no sentence over 20 words
    ("clarity", GOOD, False, {}),
    (
        "clarity",
        "Hi Mr. Osei, this is Grace Lin from Tidewater Benefits. Comprehensive supplemental "
        "insurance administration necessitates considerable organisational coordination. Reach "
        "me at 757-555-0119.",
        (
            Flag(
                "clarity.grade", "warning", "Flesch-Kincaid grade {grade} (target at most 8)", None
            ),
        ),
        {},
    ),
    (
        "clarity",
        "Hi Dana, this is Freda Whitehouse from ABC Company, at 901-555-2120, and I am calling "
        "because I was talking with Joe Sampson last week and he mentioned that your managers "
        "have been spending a great deal of time on conflicts between employees lately. Call me "
        "at 901-555-2120.",
        (
            Flag(
                "clarity.grade", "warning", "Flesch-Kincaid grade {grade} (target at most 8)", None
            ),
            Flag(
                "clarity.long-sentence",
                "warning",
                "sentence of 43 words (target at most 20)",
                "Hi Dana, this is Freda Whitehouse from ABC Company, at 901-555-2120, and I am "
                "calling because I was talking with Joe Sampson last week and he mentioned that "
                "your managers have been spending a great deal of time on conflicts between "
                "employees lately.",
            ),
        ),
        {},
    ),
    (
        "clarity",
        "Hello, this is Morgan Lee from Veritas Analytics. Our organisational effectiveness "
        "methodology operationalises cross-functional accountability, facilitating measurable "
        "productivity improvements. Reach me at 617-555-0134.",
        (
            Flag(
                "clarity.grade", "warning", "Flesch-Kincaid grade {grade} (target at most 8)", None
            ),
        ),
        {},
    ),
    (
        "clarity",
        "Hi, it's Alex with Stratagem Consulting. We deliver comprehensive infrastructure "
        "optimisation and institutional transformation initiatives. Call 312-555-0199.",
        (
            Flag(
                "clarity.grade", "warning", "Flesch-Kincaid grade {grade} (target at most 8)", None
            ),
        ),
        {},
    ),
    (
        "clarity",
        "Hi Jo, it's Pat from Acme. We provide enterprise-grade compliance automation "
        "integrating regulatory intelligence, documentation management, and continuous "
        "monitoring capabilities for financial institutions. Call 212-555-0100.",
        (
            Flag(
                "clarity.grade", "warning", "Flesch-Kincaid grade {grade} (target at most 8)", None
            ),
        ),
        {},
    ),
    (
        "clarity",
        "Good morning Mr. Chen, this is Sandra Kowalski from Meridian Facilities Management, "
        "and the reason for my call today is that we recently completed an energy audit for a "
        "building just like yours on Grand Avenue. Call 312-555-0177.",
        (
            Flag(
                "clarity.grade", "warning", "Flesch-Kincaid grade {grade} (target at most 8)", None
            ),
            Flag(
                "clarity.long-sentence",
                "warning",
                "sentence of 36 words (target at most 20)",
                "Good morning Mr. Chen, this is Sandra Kowalski from Meridian Facilities "
                "Management, and the reason for my call today is that we recently completed an "
                "energy audit for a building just like yours on Grand Avenue.",
            ),
        ),
        {},
    ),
    (
        "clarity",
        "Hi Jen, it's Mike from Swift Print. We cut print costs for Oak Realty by a fifth. Can "
        "we talk Friday at 10? Call me at 816-555-0120.",
        False,
        {},
    ),
    (
        "clarity",
        "Hi Bob, Kim Diaz from Blue Sky Roofing, 469-555-0166. We fixed the leaks at the school "
        "next door. Could I stop by Monday at 8 a.m.? Again, 469-555-0166.",
        False,
        {},
    ),
    (
        "clarity",
        "Hi Ana, it's Leo at Nova Fitness, 305-555-0133. Your gym's members asked for spin "
        "bikes. We have ten in stock. Would Thursday at 4 work? Call 305-555-0133.",
        False,
        {},
    ),
    (
        "clarity",
        "Hey Sam, Rita from Green Leaf Foods, 512-555-0187. We can get fresh greens to your "
        "cafe by six each day. Does Tuesday at 2 p.m. work? Again, 512-555-0187.",
        False,
        {},
    ),
    (
        "clarity",
        "Hi Ms. Grant, this is Paul Young of Keystone Bank. We can cut your card fees. Can we "
        "talk Wednesday at 9? My number is 215-555-0141, again 215-555-0141.",
        False,
        {},
    ),
    # callback-number: a number is said, and it is the caller's when that is known
    ("callback-number", GOOD, False, {"caller_phone": "901-555-2120"}),
    (
        "callback-number",
        "Hi Nina, it's Carl at Peak Dental Labs. Your case number is 55512-8876 and it ships on "
        "11/30/2026. Talk to you soon.",
        (
            Flag(
                "callback-number.missing",
                "error",
                NO_NUMBER,
                None,
            ),
        ),
        {},
    ),
    (
        "callback-number",
        "Hi Dana, this is Freda from ABC Company. Joe suggested I call about employee conflict. "
        "Would Tuesday at 3 work? Thanks!",
        (
            Flag(
                "callback-number.missing",
                "error",
                NO_NUMBER,
                None,
            ),
        ),
        {},
    ),
    (
        "callback-number",
        "Hi, this is Greg from Summit Solar about your order number 4471-2290. Please call us "
        "back when you can.",
        (
            Flag(
                "callback-number.missing",
                "error",
                NO_NUMBER,
                None,
            ),
        ),
        {},
    ),
    (
        "callback-number",
        "Hi Dana, Freda from ABC Company. Your confirmation code is 55512120 and your total was "
        "$1,250. Talk soon.",
        (
            Flag(
                "callback-number.missing",
                "error",
                NO_NUMBER,
                None,
            ),
        ),
        {},
    ),
    (
        "callback-number",
        "Hi, it's Freda at ABC Company. Reach me at 901-555-9999, that's 901-555-9999.",
        (
            Flag(
                "callback-number.not-callers",
                "error",
                "the number said (+19015559999) is not the caller's number +19015552120",
                "901-555-9999",
            ),
        ),
        {"caller_phone": "901-555-2120"},
    ),
    (
        "callback-number",
        "Hi Ray, Dee from Lakeside Print. We shipped invoice 2026-0114 on November 3rd to zip "
        "38103. Let me know.",
        (
            Flag(
                "callback-number.missing",
                "error",
                NO_NUMBER,
                None,
            ),
        ),
        {},
    ),
    (
        "callback-number",
        "Hi Joan, Chris at Delta Supply. Call me at (901) 555-2120, again (901) 555-2120.",
        False,
        {"caller_phone": "901-555-2120"},
    ),
    (
        "callback-number",
        "Hello, this is Amy Lin from Harbor Tech in London, on +44 20 7946 0958. Again, +44 20 "
        "7946 0958.",
        False,
        {},
    ),
    (
        "callback-number",
        "Hi Pete, Wendy from Outback Tours, 03 9999 1111. Again, 03 9999 1111.",
        False,
        {},
    ),
    (
        "callback-number",
        "Hi, this is Freda at ABC Company. My number is nine oh one, five five five, two one "
        "two zero.",
        False,
        {"caller_phone": "901-555-2120"},
    ),
    (
        "callback-number",
        "Hi Lou, it's Max from Quick Courier, 555-2120, that's 555-2120.",
        False,
        {},
    ),
    ("callback-number", "Hi Sue, Ian from Alpha Staffing, 312.555.0177 extension 204.", False, {}),
    (
        "callback-number",
        "Hi, it's Freda at ABC Company. Reach me at 901-555-9999 or my cell, 901-555-8888.",
        (
            Flag(
                "callback-number.not-callers",
                "error",
                "the number said (+19015559999, +19015558888) is not the caller's number "
                "+19015552120",
                "901-555-9999",
            ),
        ),
        {"caller_phone": "901-555-2120"},
    ),
    # number-repeated: said twice, once early and once at the end
    ("number-repeated", GOOD, False, {}),
    (
        "number-repeated",
        "Hi Dana, this is Freda from ABC Company. Joe suggested I call. My number is "
        "901-555-2120. Talk soon.",
        (
            Flag(
                "number-repeated.once",
                "warning",
                "callback number said 1 time (target: 2, once early and once at the end)",
                "901-555-2120",
            ),
        ),
        {},
    ),
    (
        "number-repeated",
        "Hi Tom, this is Lisa from Orbit Dental, my direct line is 503-555-0123 and my cell is "
        "503-555-0199. Thanks!",
        (
            Flag(
                "number-repeated.once",
                "warning",
                "callback number said 1 time (target: 2, once early and once at the end)",
                "503-555-0123",
            ),
        ),
        {},
    ),
    (
        "number-repeated",
        "Hi, it's Raj with Lumen Payroll, 615-555-0182. We cut payroll errors for Music Row "
        "Cafe. Would Monday at 11 work? Thanks, bye.",
        (
            Flag(
                "number-repeated.once",
                "warning",
                "callback number said 1 time (target: 2, once early and once at the end)",
                "615-555-0182",
            ),
        ),
        {},
    ),
    (
        "number-repeated",
        "Hello Ms. Park, this is Dev from Northstar Freight. Could we talk Friday at 9? You can "
        "reach me at (206) 555-0111.",
        (
            Flag(
                "number-repeated.once",
                "warning",
                "callback number said 1 time (target: 2, once early and once at the end)",
                "(206) 555-0111",
            ),
        ),
        {},
    ),
    (
        "number-repeated",
        "Hi Bob, Kim from Blue Sky Roofing at 469-555-0166. We fixed leaks next door. Call my "
        "office at 469-555-0100.",
        (
            Flag(
                "number-repeated.once",
                "warning",
                "callback number said 1 time (target: 2, once early and once at the end)",
                "469-555-0166",
            ),
        ),
        {},
    ),
    (
        "number-repeated",
        "Hi Carla, Ben from Pine Ridge. Your PO number is 720-5550-150. Call me at 720-555-0150.",
        (
            Flag(
                "number-repeated.once",
                "warning",
                "callback number said 1 time (target: 2, once early and once at the end)",
                "720-555-0150",
            ),
        ),
        {},
    ),
    (
        "number-repeated",
        "Hi, Freda from ABC Company, 901-555-2120. Would Tuesday at 3 work? That's nine oh one, "
        "five five five, two one two zero.",
        False,
        {},
    ),
    (
        "number-repeated",
        "Hi Jen, Mike at Swift Print, 816-555-0120. We cut costs for Oak Realty. Can we talk "
        "Friday at 10? Again, 816-555-0120.",
        False,
        {},
    ),
    (
        "number-repeated",
        "Hi Ana, Leo at Nova Fitness, (305) 555-0133. Would Thursday at 4 work? Call (305) "
        "555-0133.",
        False,
        {},
    ),
    (
        "number-repeated",
        "Hi Sam, Rita from Green Leaf, 512.555.0187. Does Tuesday at 2 p.m. work? Again, "
        "512.555.0187.",
        False,
        {},
    ),
    (
        "number-repeated",
        "Hello, Amy Lin, Harbor Tech, +44 20 7946 0958. Would Monday at 10 work? Again, +44 20 "
        "7946 0958.",
        False,
        {},
    ),
    (
        "number-repeated",
        "Hi Lou, Max from Quick Courier, 555-2120. Can I call Friday at 9? That's 555-2120.",
        False,
        {},
    ),
    # number-repeated, said twice but not once early and once at the end
    (
        "number-repeated",
        "Hi Dana, this is Freda from ABC Company, 901-555-2120, again 901-555-2120. Joe Sampson "
        "suggested I call about the time your managers spend on employee conflict. Would "
        "Tuesday at 3 or 4 p.m. work for a short call? Thanks, Dana, and talk soon.",
        (
            Flag(
                "number-repeated.not-early-and-late",
                "suggestion",
                "callback number said 2 times, but not once early and once at the end",
                "901-555-2120",
                -1,
            ),
        ),
        {},
    ),
    (
        "number-repeated",
        "Hi Dana, Freda Whitehouse from ABC Company. Joe Sampson suggested I call about the "
        "time your managers spend on employee conflict; we cut it by a third at Company ABC. "
        "Would Tuesday at 3 work? Call 901-555-2120, that's 901-555-2120.",
        (
            Flag(
                "number-repeated.not-early-and-late",
                "suggestion",
                "(target: first in the first 50% of the script, last after 70%)",
                "901-555-2120",
                -1,
            ),
        ),
        {},
    ),
    (
        "number-repeated",
        "Hi Dana, Freda from ABC Company, 901-555-2120, that's 901-555-2120. Joe Sampson "
        "suggested I call about the time your managers spend on conflict. Would Tuesday at 3 "
        "work? Again, 901-555-2120.",
        False,
        {},
    ),
    (
        "number-repeated",
        "Hi Dana, Freda from ABC Company, 901-555-2120. Joe Sampson suggested I call about "
        "your managers. Would Tuesday at 3 work? Again, 901-555-2120.",
        (
            Flag(
                "number-repeated.once",
                "warning",
                "callback number said 2 times (target: 3, once early and once at the end)",
                "901-555-2120",
            ),
        ),
        {"config": MIN_THREE},
    ),
    # proposed-time: a specific future day AND clock time
    ("proposed-time", GOOD, False, {}),
    (
        "proposed-time",
        "Hi Dana, Freda from ABC Company, 901-555-2120. Call me when you get a chance. Again, "
        "901-555-2120.",
        (
            Flag(
                "proposed-time.missing",
                "warning",
                NO_TIME,
                None,
            ),
        ),
        {},
    ),
    (
        "proposed-time",
        "Hi Tom, Lisa from Orbit Dental, 503-555-0123. I'm in the office between nine and noon, "
        "Monday to Friday. Again, 503-555-0123.",
        (
            Flag(
                "proposed-time.missing",
                "warning",
                NO_TIME,
                None,
            ),
        ),
        {},
    ),
    (
        "proposed-time",
        "Hi Jo, Pat from Acme, 212-555-0100. We spoke Tuesday at 3 about your renewal. Again, "
        "212-555-0100.",
        (
            Flag(
                "proposed-time.missing",
                "warning",
                NO_TIME,
                None,
            ),
        ),
        {},
    ),
    (
        "proposed-time",
        "Hi Bob, Kim from Blue Sky, 469-555-0166. Let's talk sometime next week. Again, "
        "469-555-0166.",
        (
            Flag(
                "proposed-time.missing",
                "warning",
                NO_TIME,
                None,
            ),
        ),
        {},
    ),
    (
        "proposed-time",
        "Hi Ana, Leo from Nova, 305-555-0133. Please get back to me by Friday. Again, "
        "305-555-0133.",
        (
            Flag(
                "proposed-time.missing",
                "warning",
                NO_TIME,
                None,
            ),
        ),
        {},
    ),
    (
        "proposed-time",
        "Hi Sam, Rita from Green Leaf, 512-555-0187. Call me at 2. Again, 512-555-0187.",
        (
            Flag(
                "proposed-time.missing",
                "warning",
                NO_TIME,
                None,
            ),
        ),
        {},
    ),
    (
        "proposed-time",
        "Hi Ms. Grant, Paul from Keystone Bank, 215-555-0141. Let's talk Monday. Again, "
        "215-555-0141.",
        (
            Flag(
                "proposed-time.missing",
                "warning",
                NO_TIME,
                None,
            ),
        ),
        {},
    ),
    (
        "proposed-time",
        "Hi Jen, Mike from Swift Print. Would this Friday at two work for you? Call 816-555-0120.",
        False,
        {},
    ),
    (
        "proposed-time",
        "Hi Carla, Ben from Pine Ridge. I'll call you Wednesday at 11. Call 720-555-0150.",
        False,
        {},
    ),
    (
        "proposed-time",
        "Hi Omar, Jill from Crest. Could we talk tomorrow at 10:30? Call 404-555-0190.",
        False,
        {},
    ),
    (
        "proposed-time",
        "Hi Pete, Wendy from Outback. Would Thursday at 10 a.m. suit? Call 03 9999 1111.",
        False,
        {},
    ),
    (
        "proposed-time",
        "Hi Sue, Ian from Alpha Staffing. Does Monday at 14:00 your time work? Call 312-555-0177.",
        False,
        {},
    ),
    # weak-phrases: filler that adds nothing
    ("weak-phrases", GOOD, False, {}),
    (
        "weak-phrases",
        "Hi Dana, just following up on my last message. Call 901-555-2120.",
        (
            Flag(
                "weak-phrases.filler",
                "warning",
                "filler 'just following up' (target: none)",
                "just following up",
            ),
        ),
        {},
    ),
    (
        "weak-phrases",
        "Hi Tom, Lisa here, just touching base about the quote. 503-555-0123.",
        (
            Flag(
                "weak-phrases.filler",
                "warning",
                "filler 'just touching base' (target: none)",
                "just touching base",
            ),
        ),
        {},
    ),
    (
        "weak-phrases",
        "Hi Jo, Pat from Acme, checking in to see if you read my email. 212-555-0100.",
        (
            Flag(
                "weak-phrases.filler",
                "warning",
                "filler 'checking in' (target: none)",
                "checking in",
            ),
        ),
        {},
    ),
    (
        "weak-phrases",
        "Hey Bob, circling back on the roof estimate. 469-555-0166.",
        (
            Flag(
                "weak-phrases.filler",
                "warning",
                "filler 'circling back' (target: none)",
                "circling back",
            ),
        ),
        {},
    ),
    (
        "weak-phrases",
        "Hi Ana, hope all is well! Feel free to reach out at 305-555-0133.",
        (
            Flag(
                "weak-phrases.filler",
                "warning",
                "filler 'hope all is well' (target: none)",
                "hope all is well",
            ),
            Flag(
                "weak-phrases.filler",
                "warning",
                "filler 'Feel free to reach out' (target: none)",
                "Feel free to reach out",
            ),
        ),
        {},
    ),
    (
        "weak-phrases",
        "Hi Sam, sorry to bother you, I just wanted to ask about the order. 512-555-0187.",
        (
            Flag(
                "weak-phrases.filler",
                "warning",
                "filler 'sorry to bother you' (target: none)",
                "sorry to bother you",
            ),
            Flag(
                "weak-phrases.filler",
                "warning",
                "filler 'just wanted to' (target: none)",
                "just wanted to",
            ),
        ),
        {},
    ),
    (
        "weak-phrases",
        "Hi Grant, give me a call when you get a chance at 215-555-0141.",
        (
            Flag(
                "weak-phrases.filler",
                "warning",
                "filler 'when you get a chance' (target: none)",
                "when you get a chance",
            ),
        ),
        {},
    ),
    (
        "weak-phrases",
        "Hi Jen, Mike from Swift Print. We cut print costs for Oak Realty by a fifth. Can we "
        "talk Friday at 10? 816-555-0120.",
        False,
        {},
    ),
    (
        "weak-phrases",
        "Hi Carla, Ben from Pine Ridge. Your clinic's check-in desk wait times came up. Would "
        "Wednesday at 2 work? 720-555-0150.",
        False,
        {},
    ),
    (
        "weak-phrases",
        "Hi Omar, Jill from Crest. I'm following the new flood rules closely and have one idea "
        "for you. Tuesday at 9? 404-555-0190.",
        False,
        {},
    ),
    (
        "weak-phrases",
        "Hi Pete, Wendy from Outback Tours. Guests checking in at your lodge could book our "
        "tours at the desk. Call 03 9999 1111.",
        False,
        {},
    ),
    (
        "weak-phrases",
        "Hi Sue, Ian at Alpha Staffing. We placed nine nurses at Mercy in March. Would Monday "
        "at 10 work? 312-555-0177.",
        False,
        {},
    ),
    # opening: caller name and company within the first 15 words
    ("opening", GOOD, False, {}),
    (
        "opening",
        "Hi Dana, Joe Sampson suggested I call you because your managers spend hours on "
        "employee conflict and we can help. This is Freda from ABC Company.",
        (
            Flag(
                "opening.missing",
                "warning",
                "your name and your company not in the first 15 words (target: who is calling "
                "and from where, first)",
                "Hi Dana, Joe Sampson suggested I call you because your managers spend hours on "
                "employee",
            ),
        ),
        {},
    ),
    (
        "opening",
        "Hi Dana, I wanted to reach you about conflict training for your managers. Call "
        "901-555-2120.",
        (
            Flag(
                "opening.missing",
                "warning",
                "your name and your company not in the first 15 words (target: who is calling "
                "and from where, first)",
                "Hi Dana, I wanted to reach you about conflict training for your managers. Call "
                "901-555-2120.",
            ),
        ),
        {},
    ),
    (
        "opening",
        "Hey, it's me again. Call me back.",
        (
            Flag(
                "opening.missing",
                "warning",
                "your company not in the first 15 words (target: who is calling and from where, "
                "first)",
                "Hey, it's me again. Call me back.",
            ),
        ),
        {},
    ),
    (
        "opening",
        "Good morning Mr. Chen, I hope you had a great weekend and that the move to the new "
        "building went smoothly. Sandra from Meridian here.",
        (
            Flag(
                "opening.missing",
                "warning",
                "your name and your company not in the first 15 words (target: who is calling "
                "and from where, first)",
                "Good morning Mr. Chen, I hope you had a great weekend and that the move",
            ),
        ),
        {},
    ),
    (
        "opening",
        "Hi Dana, this is Freda calling about your managers. 901-555-2120.",
        (
            Flag(
                "opening.missing",
                "warning",
                "your company not in the first 15 words (target: who is calling and from where, "
                "first)",
                "Hi Dana, this is Freda calling about your managers. 901-555-2120.",
            ),
        ),
        {},
    ),
    (
        "opening",
        "Hello, we have a special offer on office chairs this month only, so call today. This "
        "is Bill from Chair World.",
        (
            Flag(
                "opening.missing",
                "warning",
                "your name and your company not in the first 15 words (target: who is calling "
                "and from where, first)",
                "Hello, we have a special offer on office chairs this month only, so call today.",
            ),
        ),
        {},
    ),
    ("opening", "Hi Jen, this is Mike Ross from Swift Print. We cut print costs.", False, {}),
    (
        "opening",
        "Hi Carla, Ben Ortiz with Pine Ridge Software here. Quick idea for you.",
        False,
        {},
    ),
    (
        "opening",
        "Good morning Ms. Grant, my name is Paul Young, and I'm with Keystone Bank.",
        False,
        {},
    ),
    ("opening", "Hello Mr. Carter, it's Freda Whitehouse at ABC Company, 901-555-2120.", False, {}),
    ("opening", "Hi Sue, Ian from Alpha Staffing, 312-555-0177.", False, {}),
    # opening, with the caller known: their own name (or first name) and company, any case
    (
        "opening",
        "Hi Dana, this is Freda from ABC Company, 901-555-2120. Joe Sampson suggested I call.",
        False,
        {"config": FREDA},
    ),
    (
        "opening",
        "HI DANA, THIS IS FREDA WHITEHOUSE FROM ABC COMPANY, 901-555-2120.",
        False,
        {"config": FREDA},
    ),
    (
        "opening",
        "Hi Dana, Freda Whitehouse here, from abc company, 901-555-2120.",
        False,
        {"config": FREDA},
    ),
    (
        "opening",
        "Hi Dana, this is Whitehouse from XYZ Partners, 901-555-2120, about your managers.",
        (
            Flag(
                "opening.missing",
                "warning",
                "your company not in the first 15 words",
                "Hi Dana, this is Whitehouse from XYZ Partners, 901-555-2120, about your managers.",
            ),
        ),
        {"config": FREDA},
    ),
    (
        "opening",
        "Hi Dana, this is Sam Reyes from ABC Company, 901-555-2120, about your managers.",
        (
            Flag(
                "opening.missing",
                "warning",
                "your name not in the first 15 words",
                "Hi Dana, this is Sam Reyes from ABC Company, 901-555-2120, about your managers.",
            ),
        ),
        {"config": FREDA},
    ),
    (
        "opening",
        "Hi Dana at XYZ Company, we have a new offer on training. Call 901-555-2120.",
        (
            Flag(
                "opening.missing",
                "warning",
                "your name not in the first 15 words",
                "Hi Dana at XYZ Company, we have a new offer on training. Call 901-555-2120.",
            ),
        ),
        {},
    ),
    (
        "opening",
        "Hi Carla, thanks again, Ben Ortiz with Pine Ridge Software here. Quick idea for you.",
        False,
        {},
    ),
    # placeholders: leftovers a listener must never hear
    ("placeholders", GOOD, False, {}),
    (
        "placeholders",
        "Hi [Name], this is Freda from ABC Company, 901-555-2120.",
        (
            Flag(
                "placeholders.left-in",
                "error",
                "placeholder '[Name]' left in (target: none)",
                "[Name]",
            ),
        ),
        {},
    ),
    (
        "placeholders",
        "Hi Dana, this is ___ from ABC Company, 901-555-2120.",
        (Flag("placeholders.left-in", "error", "placeholder '___' left in (target: none)", "___"),),
        {},
    ),
    (
        "placeholders",
        "Hi {{ prospect.first_name }}, this is Freda from ABC Company.",
        (
            Flag(
                "placeholders.left-in",
                "error",
                "placeholder '{{ prospect.first_name }}' left in (target: none)",
                "{{ prospect.first_name }}",
            ),
        ),
        {},
    ),
    (
        "placeholders",
        "Hi Dana, Freda from ABC Company. My number is XXX-XXXX.",
        (
            Flag(
                "placeholders.left-in",
                "error",
                "placeholder 'XXX-XXXX' left in (target: none)",
                "XXX-XXXX",
            ),
        ),
        {},
    ),
    (
        "placeholders",
        "Hi Dana, Freda from ABC Company at [your number]. Thanks.",
        (
            Flag(
                "placeholders.left-in",
                "error",
                "placeholder '[your number]' left in (target: none)",
                "[your number]",
            ),
        ),
        {},
    ),
    (
        "placeholders",
        "Hi {first_name}, Freda from ABC Company, 901-555-2120.",
        (
            Flag(
                "placeholders.left-in",
                "error",
                "placeholder '{first_name}' left in (target: none)",
                "{first_name}",
            ),
        ),
        {},
    ),
    (
        "placeholders",
        "Hi Dana, this is Freda from <COMPANY>, 901-555-2120.",
        (
            Flag(
                "placeholders.left-in",
                "error",
                "placeholder '<COMPANY>' left in (target: none)",
                "<COMPANY>",
            ),
        ),
        {},
    ),
    ("placeholders", "Hi Dana, Freda from ABC Company (2nd call), 901-555-2120.", False, {}),
    ("placeholders", "Hi Dana, it's Freda from ABC Company. It cut costs by 30%.", False, {}),
    ("placeholders", "Hi Dana, Freda from ABC, 901-555-2120 - that's 9 0 1.", False, {}),
    ("placeholders", "Hi Dana, Freda from A&B Company. We're at 12 Main St.", False, {}),
    ("placeholders", "Hi Dana, Freda from ABC. Would Tuesday at 3 or 4 p.m. work?", False, {}),
    (
        "placeholders",
        "Hi {name}, Freda from ABC Company, 901-555-2120.",
        (Flag("placeholders.left-in", "error", "placeholder '{name}' left in", "{name}"),),
        {},
    ),
    (
        "placeholders",
        "Hi Dana, Freda from ABC Company. Call me back at (your number).",
        (Flag("placeholders.left-in", "error", "placeholder '(your number)'", "(your number)"),),
        {},
    ),
    (
        "placeholders",
        "Hi Dana, Freda from ABC Company. My number is \u2014 and I'm in until five.",
        (Flag("placeholders.left-in", "error", "placeholder '\u2014' left in", "\u2014"),),
        {},
    ),
    (
        "placeholders",
        "Hi Dana, Freda from ABC Company. Call me at \u2013 thanks.",
        (Flag("placeholders.left-in", "error", "placeholder '\u2013' left in", "\u2013"),),
        {},
    ),
    (
        "placeholders",
        "Hi Dana, Freda from ABC Company. My number is xxx-xxxx.",
        (Flag("placeholders.left-in", "error", "placeholder 'xxx-xxxx' left in", "xxx-xxxx"),),
        {},
    ),
    (
        "placeholders",
        "Hi Dana, this is Freda from INSERT COMPANY, 901-555-2120.",
        (Flag("placeholders.left-in", "error", "placeholder 'INSERT' left in", "INSERT"),),
        {},
    ),
    (
        "placeholders",
        "Hi Dana, Freda from ABC Company. TODO add the offer. 901-555-2120.",
        (Flag("placeholders.left-in", "error", "placeholder 'TODO' left in", "TODO"),),
        {},
    ),
    (
        "placeholders",
        "Hi Dana, Freda from ABC Company. Would Tuesday at TBD work? 901-555-2120.",
        (Flag("placeholders.left-in", "error", "placeholder 'TBD' left in", "TBD"),),
        {},
    ),
    (
        "placeholders",
        "Hi Dana, FIXME this is Freda from ABC Company, 901-555-2120.",
        (Flag("placeholders.left-in", "error", "placeholder 'FIXME' left in", "FIXME"),),
        {},
    ),
    (
        "placeholders",
        "Hi Dana, this is Freda from ABC Company, 901-555-2120; we fixed the 2nd-floor HVAC.",
        False,
        {},
    ),
    # reason: a need, an offer, a result, a referral or a question to call back about
    ("reason", GOOD, False, {}),
    (
        "reason",
        "Hi Mr. Diaz, this is Kim Lee from Brightside Staffing, 615-555-0110. I'm calling "
        "because we help companies like Brightside Dental. Would Thursday at 10 a.m. work? "
        "Again, 615-555-0110.",
        (
            Flag(
                "reason.missing",
                "warning",
                NO_REASON,
                "I'm calling because we help companies like Brightside Dental.",
            ),
        ),
        {},
    ),
    (
        "reason",
        "Hi Mr. Carter, this is Freda Whitehouse from ABC Company, 901-555-2120. Would Friday "
        "at 2 p.m. work for you? Call me at 901-555-2120 to confirm.",
        (Flag("reason.missing", "warning", NO_REASON, None),),
        {},
    ),
    (
        "reason",
        "Hi, this is Joe from Acme Supply, please give me a call back at 480-555-1212.",
        (Flag("reason.missing", "warning", NO_REASON, None),),
        {},
    ),
    (
        "reason",
        "Hello, Scott. My name is Richard Moss and I'm with ABC Financial in Phoenix. We do "
        "401Ks for employers. My number is 480-555-1212. Please call me back.",
        (Flag("reason.missing", "warning", NO_REASON, None),),
        {},
    ),
    (
        "reason",
        "Good morning, this is Bill Lee with GAF Corp. I just accepted a job as a sales "
        "representative and you are in my territory. Would you be kind enough to give me a "
        "call back? My number is 205-555-2222.",
        (Flag("reason.missing", "warning", NO_REASON, None),),
        {},
    ),
    (
        "reason",
        "Hi Dana, this is Freda from ABC Company, 901-555-2120. I'm calling about XYZ Company. "
        "Would Tuesday at 3 work? Again, 901-555-2120.",
        (
            Flag(
                "reason.missing",
                "warning",
                "found no need, offer, result, referral or question",
                "I'm calling about XYZ Company.",
            ),
        ),
        {},
    ),
    (
        "reason",
        "Hi Mr. Diaz, Kim Lee from Brightside Staffing, 615-555-0110. We helped Brightside "
        "Dental cut temp costs by a fifth. Would Thursday at 10 a.m. work? Again, 615-555-0110.",
        False,
        {},
    ),
    (
        "reason",
        "Hi Wes, Nora Park from Fieldstone Payroll, 480-555-0102. Are your shift managers still "
        "doing payroll by hand on Fridays? Could we talk Thursday at 10 a.m.? Again, "
        "480-555-0102.",
        False,
        {},
    ),
    (
        "reason",
        "Hi Ana, Leo at Nova Fitness, 305-555-0133. We have a free equipment audit for gyms "
        "this month. Would Thursday at 4 work? Call 305-555-0133.",
        False,
        {},
    ),
    (
        "reason",
        "Hi Carla, this is Ben Ortiz with Pine Ridge Software, 720-555-0150. Your office manager "
        "mentioned the scheduling headaches at your three clinics. Would Wednesday at 2 or 3 "
        "p.m. work? Call me at 720-555-0150.",
        False,
        {},
    ),
    (
        "reason",
        "Hi Priya, this is Freda Whitehouse from ABC Company, 901-555-2120. Tom Becker suggested "
        "I give you a call. Would Monday at 11 work? Call me at 901-555-2120.",
        False,
        {},
    ),
    (
        "reason",
        "Hi Sue, Ian at Alpha Staffing, 312-555-0177. We placed nine nurses at Mercy in March. "
        "Would Monday at 10 work? Again, 312-555-0177.",
        False,
        {},
    ),
    (
        "reason",
        "Hi Mr. Carter, this is Freda from ABC Company, 901-555-2120. Thursday at 10 a.m.? "
        "Again, 901-555-2120.",
        (Flag("reason.missing", "warning", NO_REASON, None),),
        {},
    ),
    (
        "reason",
        "Hi Rebecca, it's Josh Turner from Harbourside Media, 503-555-0156. We rebuilt the "
        "booking site for Coastal Physio and their online bookings went up 40% in a quarter. "
        "Could I call you Friday at nine? Again, 503-555-0156.",
        False,
        {},
    ),
    (
        "reason",
        "Hello Mr. Evans, Anna Kowalski from Redline Telecom, 312-555-0321. Your office is still "
        "on the old phone lines, and we've moved four firms on your street already. Could we "
        "talk Wednesday at 4 p.m.? Once more, 312-555-0321.",
        False,
        {},
    ),
    (
        "reason",
        "Hi Jamal, it's Erin Walsh at Northstar Staffing, 317-555-0126. I hear you're hiring "
        "forklift drivers, and we have certified drivers ready this month. Monday at 9 or 11 "
        "a.m.? My number again, 317-555-0126.",
        False,
        {},
    ),
    (
        "reason",
        "Hi Ashley, this is Kevin Ross with Evergreen Landscaping, 503-555-0172. The beds in "
        "front of your new office could use some work before spring. Could I call you Thursday "
        "at eight? That's Kevin, 503-555-0172.",
        False,
        {},
    ),
    (
        "reason",
        "Hello, this message is for the owner. My name is Lisa Tran and I'm with Desert Sky "
        "Merchant Services. Please call me back about your account at 602-555-0171. Again, "
        "602-555-0171.",
        (Flag("reason.missing", "warning", NO_REASON, None),),
        {},
    ),
    (
        "reason",
        "Hey Melissa, this is Jake at Horizon Telecom, 405-555-0144. Just seeing if you had any "
        "thoughts on our talk about the phone system. Thursday at 10? Again, 405-555-0144.",
        (Flag("reason.missing", "warning", NO_REASON, None),),
        {},
    ),
    # relative-day: the proposed time says the weekday, not "today" or "tomorrow"
    ("relative-day", GOOD, False, {}),
    (
        "relative-day",
        "Hi Omar, Jill from Crest. Could we talk tomorrow at 10:30? Call 404-555-0190.",
        (
            Flag(
                "relative-day.said",
                "suggestion",
                "'tomorrow' in the proposed time 'tomorrow at 10:30' (target: the weekday and "
                "time, e.g. 'Thursday at 10 a.m.'); a voicemail is heard later",
                "tomorrow",
            ),
        ),
        {},
    ),
    (
        "relative-day",
        "Hi Omar, Jill from Crest Insurance. Would today at 4 p.m. work? Call 404-555-0190.",
        (
            Flag(
                "relative-day.said",
                "suggestion",
                "'today' in the proposed time 'today at 4 p.m.' (target: the weekday",
                "today",
            ),
        ),
        {},
    ),
    (
        "relative-day",
        "Hi Omar, Jill from Crest Insurance. I'll call you tonight at 7. Again, 404-555-0190.",
        (Flag("relative-day.said", "suggestion", "'tonight' in the proposed time", "tonight"),),
        {},
    ),
    (
        "relative-day",
        "Hi Omar, Jill from Crest Insurance. Would this afternoon at 3 work? Call 404-555-0190.",
        (
            Flag(
                "relative-day.said",
                "suggestion",
                "'this afternoon' in the proposed time 'this afternoon at 3'",
                "this afternoon",
            ),
        ),
        {},
    ),
    (
        "relative-day",
        "Hi Omar, Jill from Crest Insurance. Would tomorrow at 9 or 10 a.m. work for you? Call "
        "404-555-0190.",
        (Flag("relative-day.said", "suggestion", "'tomorrow at 9'", "tomorrow"),),
        {},
    ),
    (
        "relative-day",
        "Hi Omar, Jill from Crest. Can we speak tomorrow morning at 8:30? Call 404-555-0190.",
        (Flag("relative-day.said", "suggestion", "'tomorrow morning at 8:30'", "tomorrow"),),
        {},
    ),
    (
        "relative-day",
        "Hi Omar, Jill from Crest. I'm out of the office today, so would Thursday at 10 a.m. "
        "work? Call 404-555-0190.",
        False,
        {},
    ),
    (
        "relative-day",
        "Hi Omar, Jill from Crest. Tomorrow I'm at a trade show; would Friday at 2 work? Call "
        "404-555-0190.",
        False,
        {},
    ),
    (
        "relative-day",
        "Hi Omar, Jill from Crest. I'll call you this Friday at two. Call 404-555-0190.",
        False,
        {},
    ),
    (
        "relative-day",
        "Hi Carla, Ben from Pine Ridge. I'll call you Wednesday at 11. Call 720-555-0150.",
        False,
        {},
    ),
    (
        "relative-day",
        "Hi Sue, Ian from Alpha Staffing. Does Monday at 14:00 your time work? Call 312-555-0177.",
        False,
        {},
    ),
    (
        "relative-day",
        "Hi Omar, Jill from Crest. Could we talk at 10 a.m. tomorrow? Call 404-555-0190.",
        (Flag("relative-day.said", "suggestion", "'10 a.m. tomorrow'", "tomorrow"),),
        {},
    ),
    # repeated-content: nothing reused from an earlier voicemail to the same prospect
    ("repeated-content", FOLLOW_UP, False, AFTER_FRIDAY),
    ("repeated-content", LEFT_FRIDAY.text, False, {}),  # no touch log: nothing to compare
    (
        "repeated-content",
        "Hi Dana, it's Freda again from ABC Company, 901-555-2120. Bayline Shipping cut their "
        "conflict hours by a third. Would Thursday at 9 work? Thanks! Call me at 901-555-2120.",
        False,
        {"earlier": (replace(LEFT_FRIDAY, text=LEFT_FRIDAY.text + " Thanks!"),)},
    ),
    (
        "repeated-content",
        "Hi Dana, it's Freda again from ABC Company, 901-555-2120. About the time your managers "
        "lose to employee conflict: we cut it by a third at Bayline. Would Thursday at 2 work? "
        "Call me at 901-555-2120.",
        False,
        AFTER_FRIDAY,
    ),
    (
        "repeated-content",
        "Hi Dana, it's Freda again from ABC Company, 901-555-2120. We cut conflict hours by a "
        "third for Bayline Shipping. Would Wednesday at 10 or 11 a.m. work? Call me at "
        "901-555-2120.",
        False,
        {"earlier": (LEFT_TUESDAY,)},  # Wednesday the 18th has passed: the 25th is a new time
    ),
    (
        "repeated-content",
        "Hi Dana, it's Freda again from ABC Company, 901-555-2120. I'm calling about the time "
        "your team spends on hiring. Would Thursday at 9 work? Call me at 901-555-2120.",
        False,
        AFTER_FRIDAY,
    ),
    (
        "repeated-content",
        "Hi Dana, this is Freda Whitehouse from ABC Company, 901-555-2120. We cut conflict hours "
        "by a third for Bayline Shipping. Would Thursday at 9 or 10 a.m. work? Call me at "
        "901-555-2120.",
        (
            Flag(
                "repeated-content.opener",
                "warning",
                "the same opener as the voicemail of Fri 2026-11-20",
                "Hi Dana, this is Freda Whitehouse from ABC Company, 901-555-2120.",
            ),
        ),
        AFTER_FRIDAY,
    ),
    (
        "repeated-content",
        "hi dana - this is Freda Whitehouse from ABC Company, 901-555-2120! We cut conflict hours "
        "by a third for Bayline Shipping. Would Thursday at 9 work? Call me at 901-555-2120.",
        (
            Flag(
                "repeated-content.opener",
                "warning",
                "the same opener as the voicemail of Fri 2026-11-20",
                "hi dana - this is Freda Whitehouse from ABC Company, 901-555-2120!",
            ),
        ),
        AFTER_FRIDAY,
    ),
    (
        "repeated-content",
        "Hi Dana, it's Freda again from ABC Company, 901-555-2120. I'm calling about the time "
        "your managers spend on employee conflict. Would Thursday at 9 work? Call me at "
        "901-555-2120.",
        (
            Flag(
                "repeated-content.reason",
                "warning",
                "repeats a sentence of the voicemail of Fri 2026-11-20; say something new",
                "I'm calling about the time your managers spend on employee conflict.",
            ),
        ),
        AFTER_FRIDAY,
    ),
    (
        "repeated-content",
        "Hi Dana, it's Freda again from ABC Company, 901-555-2120. Bayline Shipping cut their "
        "conflict hours by a third with us. Would Thursday at 9 work? Call me at 901-555-2120.",
        (
            Flag(
                "repeated-content.reason",
                "warning",
                "repeats a sentence of the voicemail of Tue 2026-11-17",
                "Bayline Shipping cut their conflict hours by a third with us.",
            ),
        ),
        {"earlier": (LEFT_TUESDAY, LEFT_FRIDAY)},
    ),
    (
        "repeated-content",
        "Hi Dana, it's Freda again from ABC Company, 901-555-2120. We cut conflict hours by a "
        "third for Bayline Shipping. Would Tuesday at 3 or 4 p.m. work? Call me at 901-555-2120.",
        (
            Flag(
                "repeated-content.slots",
                "warning",
                "'Tuesday at 3' was already offered in the voicemail of Fri 2026-11-20; propose a "
                "new time",
                "Tuesday at 3",
            ),
            Flag(
                "repeated-content.slots",
                "warning",
                "'4 p.m.' was already offered in the voicemail of Fri 2026-11-20",
                "4 p.m.",
            ),
        ),
        AFTER_FRIDAY,
    ),
    (
        "repeated-content",
        LEFT_FRIDAY.text,
        (
            Flag(
                "repeated-content.opener",
                "warning",
                "Fri 2026-11-20",
                "Hi Dana, this is Freda Whitehouse from ABC Company, 901-555-2120.",
            ),
            Flag(
                "repeated-content.reason",
                "warning",
                "Fri 2026-11-20",
                "I'm calling about the time your managers spend on employee conflict.",
            ),
            Flag("repeated-content.slots", "warning", "Fri 2026-11-20", "Tuesday at 3"),
            Flag("repeated-content.slots", "warning", "Fri 2026-11-20", "4 p.m."),
        ),
        AFTER_FRIDAY,
    ),
]

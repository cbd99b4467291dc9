"""Callback-number detection: phone numbers written in digits or said in words, and grouping.

Division of labour with the `phonenumbers` library (imported lazily: its import costs ~30 ms):

* `phonenumbers` decides what a digit string *is*: country, trunk prefix, validity, possible
  length, E.164 and national/international formatting (`_interpret`, `say_number`).
* This module finds the *candidates* itself instead of using `PhoneNumberMatcher`, because the
  matcher falls short here (measured with phonenumbers 9.0.43):
  - it takes ~75 us on a 50-word script with two numbers, most of the 0.1 ms budget;
  - it assumes one region: with "US" it misses "0207 946 0958" and reads "0800 121212" as
    "+10800121212";
  - with Leniency.VALID it drops 555 and example numbers ("123-456-7890"); with POSSIBLE it also
    returns "PO 4500012345" and reads a bare "555-2120" as "+15552120";
  - it knows nothing of label context (order, confirmation, fax numbers) or of digits in words.
"""

from __future__ import annotations

import bisect
import itertools
import re
from functools import lru_cache
from typing import Any

from voicemail_coach.analysis import lexicon
from voicemail_coach.analysis.phone_rules import RULES, PhoneRule
from voicemail_coach.errors import ConfigError, DataError
from voicemail_coach.models import CallbackNumber, PhoneMention

__all__ = [
    "DIGIT_WORDS",
    "TRUNK_REGIONS",
    "WORD_DIGITS",
    "find_numbers",
    "group_numbers",
    "normalize",
    "say_number",
    "spoken_digits",
]

DIGIT_WORDS = lexicon.DIGIT_WORDS
WORD_DIGITS = lexicon.WORD_DIGITS


def _set(words: str) -> frozenset[str]:
    """Return the set of space-separated words."""
    return frozenset(words.split())


_TEENS = {w: str(n) for w, n in lexicon.TEEN_WORDS.items()}
_TENS = {w: str(n // 10) for w, n in lexicon.TENS_WORDS.items()}

#: Countries tried, in this order, for a national form with a trunk 0 ("0207 946 0958") that the
#: default region does not read.
TRUNK_REGIONS: tuple[str, ...] = ("GB", "AU", "IE", "NZ", "DE", "FR")

_MIN_DIGITS = 7  # the shortest callback number reported: a seven-digit local number
_SEVEN_DIGITS = re.compile(r"(?:[^0-9]*[0-9]){7}")  # matches when the text holds 7+ digits
# The longest digit string any reading accepts: "011" + a 15-digit E.164 number. Candidates are
# never joined past it, which keeps detection linear in the length of a run of digits or words.
_MAX_DIGITS = 18
_DIGITS = "0123456789"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015"
_SPACE = " \u00a0\u2009\u202f"  # space, no-break, thin and narrow no-break spaces

# --- written numbers -------------------------------------------------------------------------

# A stretch of characters a written number can be made of. Scanning for it first, then running
# the full pattern below on long stretches only, measured 2 us instead of 16 us on a 60-word
# script: sre skips ahead fast on a leading character class, not on a leading lookbehind.
_SEGMENT = re.compile(rf"[+(0-9][-0-9().\/{_SPACE}{_DASHES}]*")
# One candidate: optional "+", then digit groups joined by one separator (a space, - . / or a
# dash, optionally spaced) or by parentheses; not started inside a word, a price, a decimal, a
# date, an id ("#123") or a hyphenated code ("ABC-123").
_SEP = rf"(?:[{_SPACE}]?[-./{_DASHES}][{_SPACE}]?|[{_SPACE}])"
_GRP = r"(?:\([0-9]{1,5}\)|[0-9]+)"
_WRITTEN = re.compile(
    rf"(?<![\w$€£¥#@/.,+{_DASHES}-])"
    rf"(?P<plus>\+[{_SPACE}]?)?{_GRP}(?:{_SEP}{_GRP}|(?<=\)){_GRP}|(?<=[0-9])\([0-9]{{1,5}}\))*"
)
# A letters-and-digits token right before a candidate ("AA1 ", "INV-") makes it part of a code.
_CODE_BEFORE = re.compile(r"(?:[A-Za-z]+[0-9]|[0-9]+[A-Za-z])[A-Za-z0-9]*[ -]?$")
# An area code said apart from a seven-digit local number: "area code 901, 555-2120".
_AREA_CODE = re.compile(r"area code(?: is)?[ ,:]*\(?([2-9][0-9]{2})\)?[ ,:;-]*(?:and |then )*$")
# Words right before a number that say it is one to call: "ring me on", "my mobile is", "tel.".
_PHONE_CUE = re.compile(
    r"(?<![a-z])(?:(?:call|ring|reach|phone|dial|text|whatsapp|contact)(?:\s+(?:me|us))?"
    r"(?:\s+(?:back))?(?:\s+(?:on|at))?|(?:mobile|cell|phone|number|tel|telephone|line)(?:\s+is)?"
    r"|tel\.)\s*[:,-]?\s*$"
)
# A vanity number: a toll-free code (or "1-" and an area code), then letter groups, keypad-read:
# "1-888-GO-TRUCK", "1-800-FLOWERS", "(877) PAY-RENT". Extra letters beyond seven are not dialled.
_VANITY = re.compile(
    r"(?<![\w-])(?:(?P<one>\+?1)[-. \u2010\u2011])?\(?(?P<area>[2-9][0-9]{2})\)?[-. \u2010\u2011]"
    r"(?P<rest>(?=[A-Z0-9-]*[A-Z])[A-Z0-9]{1,8}(?:[-\u2010\u2011][A-Z0-9]{1,8}){0,3})(?![\w-])"
)
# A lower-case word after a number makes it a quantity: "98765432 units", "5552120 views".
_NOUN_AFTER = re.compile(r"[ \u00a0]+[a-z]")
_TOLL_FREE = frozenset({"800", "888", "877", "866", "855", "844", "833"})
_KEYPAD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "22233344455566677778889999")
_GROUP_SPLIT = re.compile(r"\(?([0-9]+)\)?")
# An extension right after a number: "ext. 204", "extension 204", "x204", ", ext 12".
_EXT = re.compile(
    rf"[{_SPACE}]*,?[{_SPACE}]*(?:ext\.?|extension|x)[{_SPACE}]*#?[{_SPACE}]*[0-9]{{1,6}}\b", re.I
)
# Group lengths accepted for a 10/11-digit number without "+" or trunk 0: the ways people write
# North American numbers. "2026 1127 10" or "90 15 55 21 20" are not read as phone numbers.
_NANP_SHAPES = frozenset(
    {(10,), (3, 3, 4), (3, 7), (11,), (1, 3, 3, 4), (1, 10), (1, 3, 7), (4, 3, 4)}
)

# --- numbers said in words (matched on lower-cased text) -------------------------------------

_UNIT = r"(?:zero|oh|o(?!')|nought|one|two|three|four|five|six|seven|eight|nine)"
_NZUNIT = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEEN = "(?:" + "|".join(_TEENS) + ")"
_TEN = "(?:" + "|".join(_TENS) + ")"
_TOKEN = (
    rf"(?:(?:double|triple)[ -])?"
    rf"(?:{_TEN}(?:[ -]{_NZUNIT})?|{_TEEN}|{_NZUNIT}[ -](?:hundred|thousand)|{_UNIT})"
)
# Digits inside a read-aloud run: one at a time and hyphenated ("2-8-1, 3-6-7, fifty-five,
# ninety-nine", a form published scripts use) or a short group next to number words ("901, five
# five five, ..."). Never part of a decimal, a thousands group, a time, a date, a price or a %.
_NUM_L = r"(?<![\w$€£¥.,/:-])"
_NUM_R = r"(?![\w%]|[.,/:-][0-9])"
_CHAIN = rf"{_NUM_L}[0-9](?:-[0-9]){{2,}}{_NUM_R}"
_DGROUP = rf"{_NUM_L}[0-9]{{1,4}}{_NUM_R}"
_WORD = rf"(?<![\w']){_TOKEN}(?![\w'])"
_WSEP = rf"(?:[ \t]*[,.;\u2026{_DASHES}-]{{1,3}}[ \t]*|[ \t]+(?:dash[ \t]+)?|[ \t]*\n[ \t]*)"
_ANY = rf"(?:{_WORD}|{_CHAIN}|{_DGROUP})"


@lru_cache(maxsize=1)
def _spoken_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Return the run, token and extension patterns, compiled on first need (~4 ms)."""
    # A run of two or more tokens; the code then wants 7+ digits and at least one word or chain.
    run = re.compile(rf"(?:(?<![\w'-])plus[ ,]+)?{_ANY}(?:{_WSEP}{_ANY})+")
    token = re.compile(
        rf"(?P<plus>(?<![\w'-])plus(?![\w']))|(?P<w>{_WORD})|(?P<c>{_CHAIN})|(?P<d>{_DGROUP})"
    )
    ext = re.compile(
        rf"[ \t]*,?[ \t]*(?:extension|ext\.?)[ \t]+"
        rf"(?:{_TOKEN}(?:[ \t,-]+{_TOKEN}){{0,5}}|[0-9]{{1,6}})(?![\w'])"
    )
    return run, token, ext


# Cheap pre-check: two number words side by side, or a digit chain. Ordinary prose ("one of our
# clients") has none, so the costly run pattern only runs next to a hit.
_NUMBER_WORD = (  # digit, teen and tens words as a trie: measured ~4x faster than a flat list
    r"(?:z(?:ero)|o(?:h|ne)?|n(?:ine(?:teen|ty)?|ought)|t(?:wo|hree|en|welve|hirt(?:een|y)|wenty)"
    r"|f(?:our(?:teen)?|ive|ifteen|orty|ifty)|s(?:ix(?:teen|ty)?|even(?:teen|ty)?)"
    r"|e(?:ight(?:een|y)?|leven))"
)
# Two patterns, not one alternation: each starts with a literal or a set, which sre scans for
# fast (~2.5x faster than the alternation). Their matches cannot overlap (letters vs digits), so
# the two lists merged by start are what the alternation would find.
_WORD_PAIR = re.compile(
    rf"{_NUMBER_WORD}[ ,.;-]{{1,3}}(?:{_NUMBER_WORD}|double|triple|hundred)(?![a-z])"
)
# One scan over the digits finds the other cues (measured cheaper than one scan per cue): a
# digit chain ("2-8-1"), digits read in groups with commas ("4 1 5, 5 5 5, ..." or "415, 555,
# 0132"), and the start of a vanity number (a digit, a separator, two capitals: "8-GO-T").
_DIGIT_CUES = re.compile(
    r"[0-9](?:(?P<chain>-[0-9]-[0-9])"
    r"|(?P<list>(?<![0-9.,$][0-9])[0-9]{0,3}(?:, ?| )[0-9]{1,4}, ?[0-9])"
    r"|(?P<vanity>[-. )\u2010\u2011]+[A-Z][A-Z0-9]*[-\u2010\u2011]?[A-Z]))"
)
# A correction of the last digit said: ", sorry, that's a six", "- I mean six", "oops, 6".
_CORRECTION = re.compile(
    r"[ \t]*[,.;\u2014\u2013-]*[ \t]*(?:sorry|oops|i mean|correction|rather|make that)"
    r"[ \t]*[,.;:\u2014\u2013-]*[ \t]*(?:(?:that['\u2019]s|that is|it['\u2019]s|make that"
    r"|the last (?:one|digit) is)[ \t]+)?(?:an? )?"
    r"(?P<d>zero|oh|one|two|three|four|five|six|seven|eight|nine|[0-9])(?![\w'-])"
)

# --- context -----------------------------------------------------------------------------------

# The words that label a number as something other than a callback number, and the words that
# override them, are rows of analysis/phone_rules.py; _Vocab holds them as sets for the grammar
# below. Linking words and determiners are that grammar's own.
_LINKS = _set("is was as = are")
_DETERMINERS = _set("your the our its my a")


class _Vocab:
    """The exclusion rules' words as sets, built once per rules tuple."""

    __slots__ = (
        "any_label",
        "cue_all",
        "cue_strong",
        "fax",
        "id_words",
        "not_after",
        "phone_nouns",
        "roles",
        "strong",
        "weak",
    )

    def __init__(self, rules: tuple[PhoneRule, ...]) -> None:
        by: dict[str, tuple[str, ...]] = {}
        for r in rules:
            by[r.name] = by.get(r.name, ()) + r.pattern

        def words(name: str) -> frozenset[str]:
            return frozenset(by.get(name, ()))

        self.strong = words("id-label")
        self.weak = words("weak-label")
        self.id_words = words("id-word")
        not_after: dict[str, set[str]] = {}
        for pair in by.get("not-a-label", ()):
            before, label = pair.split()
            not_after.setdefault(label, set()).add(before)
        self.not_after = {k: frozenset(v) for k, v in not_after.items()}
        self.roles = words("role-after-label")
        self.fax = words("fax")
        self.cue_strong = words("call-cue-strong")
        self.cue_all = self.cue_strong | words("call-cue-weak")
        self.phone_nouns = words("phone-noun")
        self.any_label = self.strong | self.weak | self.fax


_VOCABS: dict[int, tuple[tuple[PhoneRule, ...], _Vocab]] = {}


def _vocab(rules: tuple[PhoneRule, ...]) -> _Vocab:
    """Return the word sets of a rules tuple, built once per tuple."""
    found = _VOCABS.get(id(rules))
    if found is not None and found[0] is rules:
        return found[1]
    if len(_VOCABS) > 16:
        _VOCABS.clear()
    v = _Vocab(rules)
    _VOCABS[id(rules)] = (rules, v)
    return v


_CTX_TOKEN = re.compile(r"#|[a-z0-9']+(?:[./][a-z0-9]+)*\.?|=")
_CLAUSE_END = re.compile(r"[!?;\n]|\.(?=\s+[A-Z\"'])")
_WINDOW = 60  # characters of left context searched for a label
_MAX_GAP_WORDS = 6  # words allowed between a label and its number

# --- phonenumbers (lazy) ---------------------------------------------------------------------


_NANP_HOME = frozenset({"US", "CA"})


def _pn() -> Any:
    """Return the phonenumbers module, imported on first use (its import costs ~30 ms)."""
    import phonenumbers

    return phonenumbers


@lru_cache(maxsize=64)
def _region_info(region: str) -> tuple[str, bool, bool]:
    """Return (REGION, is NANP, dials a trunk 0) for a region code, or raise ConfigError."""
    code = region.strip().upper()
    if code in _NANP_HOME:  # the default: known without loading phonenumbers' metadata
        return code, True, False
    pn = _pn()
    cc = pn.country_code_for_region(code)
    if not cc:
        raise ConfigError(f"unknown region {region!r}: use a two-letter country code like 'US'")
    return code, cc == 1, pn.ndd_prefix_for_region(code, True) == "0"


def _e164(num: Any) -> str:
    """Return the E.164 string of a parsed phonenumbers number."""
    pn = _pn()
    return str(pn.format_number(num, pn.PhoneNumberFormat.E164))


@lru_cache(maxsize=8192)
def _interpret(digits: str, plus: bool, region: str, local: bool = True) -> str | None:
    """Return the key of a digit string: E.164, bare digits for a local number, or None."""
    code, nanp, trunk = _region_info(region)
    n = len(digits)
    if plus:
        if not 7 <= n <= 15:
            return None
        if n == 11 and digits[0] == "1":  # +1 and ten digits: NANP-shaped, no metadata needed
            return "+" + digits
        pn = _pn()
        try:
            num = pn.parse("+" + digits, None)
        except pn.NumberParseException:
            return None
        return _e164(num) if pn.is_possible_number(num) else None
    if digits.startswith("00") and n >= 9:
        return _interpret(digits[2:], True, region, local)
    if nanp and digits.startswith("011") and n >= 10:
        return _interpret(digits[3:], True, region, local)
    if digits[0] == "0":
        return _interpret_trunk(digits, code) if 9 <= n <= 12 else None
    if not nanp and not trunk:
        # Regions without a trunk prefix (ES, IT, DK, ...) write national numbers bare. Where a
        # trunk 0 is dialled (GB, AU, ...), bare digits are not a national form: "901-555-2120"
        # in GB is a US number, not the premium-rate "0901 555 2120".
        pn = _pn()
        try:
            num = pn.parse(digits, code)
            if pn.is_valid_number(num):
                return _e164(num)
        except pn.NumberParseException:
            pass
    if n == 10 or (n == 11 and digits[0] == "1"):
        # Any NANP-shaped 10 digits: 555 and example numbers ("123-456-7890") are not valid to
        # phonenumbers, but they are what scripts and their example data use.
        return "+1" + digits[-10:]
    if local and (n == 7 or (n == 8 and not nanp)):
        return digits
    return None


def _interpret_trunk(digits: str, code: str) -> str | None:
    """Return E.164 for a national form with a trunk 0, trying the likely regions in order."""
    pn = _pn()
    possible: str | None = None
    for r in dict.fromkeys((code, *TRUNK_REGIONS)):
        if not _region_info(r)[2]:
            continue  # the region dials no trunk 0 (e.g. US): it cannot read this form
        try:
            num = pn.parse(digits, r)
        except pn.NumberParseException:
            continue
        if pn.is_valid_number(num):
            return _e164(num)
        # Fictional ranges (Ofcom's "07700 900123", "01632 960001") are possible but not valid.
        # The default region's possible reading wins outright; another region's only when no
        # region reads the number as valid. A national part starting with 0 is never possible.
        if pn.is_possible_number(num) and digits[1:2] != "0":
            if r == code:
                return _e164(num)
            possible = possible or _e164(num)
    return possible


# --- context -----------------------------------------------------------------------------------


def _label_at(toks: list[str], i: int, v: _Vocab) -> bool:
    """Return True when toks[i] (with its neighbours) labels a following number as an id."""
    t = toks[i]
    prev = toks[i - 1] if i else ""
    nxt = toks[i + 1] if i + 1 < len(toks) else ""
    if t in v.weak:
        return nxt in v.id_words or (t == "social" and nxt == "security")
    if t not in v.strong or prev in v.not_after.get(t, ()):
        return False
    return nxt not in v.roles


def _in_name(text: str, found: list[re.Match[str]], i: int, v: _Vocab) -> bool:
    """Return True when label word i is part of a name: "Mike at Swift Print, 816-555-0120"."""
    if i == 0:
        return False  # a capital at the start of a clause says nothing: "Order 4829331 ..."
    word = text[found[i].start() : found[i].end()]
    if not (word[:1].isupper() and word[1:].islower()):
        return False
    if found[i - 1].group(0) in ("at", "from", "with", "of"):
        return True
    if i + 1 < len(found) and found[i + 1].group(0) not in v.id_words:
        return text[found[i + 1].start()].isupper()
    return False


def _after(low: str, end: int, v: _Vocab) -> bool | None:
    """Judge a number by what follows it: True = not a callback, False = a callback, None = ?"""
    toks = _CTX_TOKEN.findall(low, end, end + 40)[:5]
    if not toks:
        return None
    opener = low[end : end + 3].lstrip(" ,")[:1]
    j = 1 if toks[0] in _LINKS or toks[0] == "that's" else 0
    if j and toks[j:] and toks[j] in _DETERMINERS:
        if toks[j] != "your" and toks[j + 1 : j + 2] and toks[j + 1] in v.phone_nouns:
            return False  # "901-555-2120 is my direct line"
        j += 1
    if not (j or (opener and opener in "([")) or j >= len(toks):
        return None
    if toks[j] in v.fax or (toks[j] == "f" and not j):
        return True  # "901-555-2121 (fax)", "... is our fax line"
    return True if _label_at(toks, j, v) else None  # "4829331 is your confirmation code"


def _excluded(text: str, low: str, start: int, end: int, v: _Vocab) -> bool:
    """Return True when the context labels the number at text[start:end] as not a callback."""
    verdict = _after(low, end, v)
    if verdict is not None:
        return verdict
    before = text[max(0, start - _WINDOW) : start]
    cut = 0
    for m in _CLAUSE_END.finditer(before):
        cut = m.end()
    lo = start - len(before) + cut
    toks = _CTX_TOKEN.findall(low, lo, start)
    if not toks:
        return False
    if toks[-1] == "f" and low[lo:start].rstrip().endswith(":"):
        return True  # "F: 901-555-2121" in a signature
    if v.any_label.isdisjoint(toks[-_MAX_GAP_WORDS - 4 :]):
        return False
    found = list(_CTX_TOKEN.finditer(low, lo, start))
    fax = other = -1
    for i in range(len(toks) - 1, max(-1, len(toks) - _MAX_GAP_WORDS - 4), -1):
        if fax < 0 and toks[i] in v.fax:
            fax = i
        if other < 0 and _label_at(toks, i, v) and not _in_name(text, found, i, v):
            other = i
    for idx, cues in ((fax, v.cue_strong), (other, v.cue_all)):
        if idx < 0:
            continue
        gap = toks[idx + 1 :]
        while gap and gap[0] in v.id_words:
            gap = gap[1:]
        if len(gap) > _MAX_GAP_WORDS or any(g[0].isdigit() for g in gap):
            continue  # too far, or the label belongs to another number in between
        if any(g in cues for g in gap) or any(
            a in ("my", "our") and b in v.phone_nouns for a, b in itertools.pairwise(gap)
        ):
            continue  # "about your order, call me at ...", "order, my number is ..."
        return True
    return False


# --- finding -----------------------------------------------------------------------------------


def _classify(
    groups: list[str], seps: list[str], plus: bool, region: str, whole: bool, cue: int = 0
) -> str | None:
    """Return the key of written digit groups, applying shape rules, or None."""
    digits = "".join(groups)
    n = len(digits)
    if n < _MIN_DIGITS or n > _MAX_DIGITS - 1:
        return None
    shape = tuple(len(g) for g in groups)
    if plus or digits[0] == "0":
        if shape == (2, 2, 2, 2, 2) and not plus:
            region = "FR"  # "01 23 45 67 89" is how France writes numbers; IE reads it too
        return _interpret(digits, plus, region, False)
    if shape in _NANP_SHAPES and (n == 10 or digits[0] == "1"):
        return _interpret(digits, False, region, False)
    if len(shape) >= _MIN_DIGITS and max(shape) == 1:
        return _interpret(digits, False, region, whole)  # digit by digit: "9-0-1-5-5-5-2-1-2-0"
    if shape in ((3, 4), (4, 4)) and (whole or seps[0].strip(_SPACE)):
        # A local number needs a separator ("555-2120"); "5552120" alone is as likely a count.
        # Eight digits ("9953 3000") are a local number outside NANP, or after a calling cue.
        return _interpret(digits, False, region, True) or (digits if cue == 2 else None)
    nanp = _region_info(region)[1]
    if not nanp and n >= 9:
        return _interpret(digits, False, region, False)
    if len(shape) == 1 and n <= 8 and whole and (cue == 2 or (cue and not nanp)):
        # "ring me on 98765432": bare national digits, read as a number when the words before
        # say so, or when the region's numbering plan holds such a number (a valid one).
        if cue == 2:
            return _interpret(digits, False, region, True) or digits
        key = _interpret(digits, False, region, False)
        return key if key and key.startswith("+") else None
    # After a calling cue, digits grouped the way other plans group them are a number: "phone:
    # 98 76 54 32" (Norway), "call me on 98765 43210" (India); not a date ("on 12-03-2026").
    spaced = all(sep.strip(_SPACE) in ("", "-", *_DASHES) for sep in seps)
    if cue == 2 and whole and n <= 12 and spaced and not _date_shaped(groups):
        return _interpret(digits, False, region, True) or digits
    return None


def _date_shaped(groups: list[str]) -> bool:
    """Return True for three groups with a year at one end: "12 03 2026", "2026-12-03"."""
    if len(groups) != 3:
        return False
    return any(len(g) == 4 and g[:2] in ("19", "20") for g in (groups[0], groups[2]))


def _bad_edge(text: str, end: int) -> bool:
    """Return True when the character after a candidate shows it is part of something else."""
    if end >= len(text):
        return False
    c = text[end]
    if c.isalnum() or c in "%$€£_@":
        return True
    nxt = text[end + 1 : end + 2]
    return (c in "-/" and nxt.isalnum()) or (c == "." and nxt.isdigit())  # "1000-unit", "2.5"


@lru_cache(maxsize=4096)
def _read_candidate(
    raw: str, region: str, bad_end: bool, cue: int = 0
) -> tuple[tuple[int, int, str], ...]:
    """Return (start, end, key) of the numbers in one written candidate, offsets into raw.

    `cue` says how a run of seven or eight digits without separators is read: 2 when the
    words before say a phone number follows ("ring me on", "my mobile is"): as a number; 1
    when no word follows it (not "98765432 units"): as a number if the region's plan holds it
    as a valid one; 0: not at all.
    """
    plus = raw[0] == "+"
    parts = list(_GROUP_SPLIT.finditer(raw))
    groups = [p.group(1) for p in parts]
    starts = [p.start() for p in parts]
    ends = [p.end() for p in parts]
    seps = [raw[ends[i] : starts[i + 1]] for i in range(len(groups) - 1)]
    found: list[tuple[int, int, str]] = []
    # Try the whole candidate, then shorter ones cut at plain spaces ("call 901 555 2120 2
    # times", "at 10:30 901-555-2120"); never cut inside "901-555".
    k = len(groups)
    reach = _reach([len(g) for g in groups])
    i = 0
    while i < k:
        nxt = i + 1
        if i == 0 or not seps[i - 1].strip(_SPACE):
            for j in range(reach[i], i, -1):
                if (j < k and seps[j - 1].strip(_SPACE)) or (j == k and bad_end):
                    continue
                key = _classify(
                    groups[i:j], seps[i : j - 1], plus and i == 0, region, j - i == k, cue
                )
                if key is not None:
                    found.append((0 if i == 0 else starts[i], ends[j - 1], key))
                    nxt = j
                    break
        i = nxt
    return tuple(found)


def _reach(sizes: list[int]) -> list[int]:
    """Return, for each start i, the largest j with sizes[i:j] holding at most _MAX_DIGITS.

    Readings are only tried over groups[i:j] for j up to this bound: a longer join has too
    many digits to be a number, so trying it could only cost time (quadratic on long runs).
    """
    reach = [0] * len(sizes)
    j = total = 0
    for i in range(len(sizes)):
        if j < i:
            j, total = i, 0
        while j < len(sizes) and total + sizes[j] <= _MAX_DIGITS:
            total += sizes[j]
            j += 1
        reach[i] = max(j, i + 1)
        if j > i:
            total -= sizes[i]
    return reach


def _written_in(
    text: str, low: str, region: str, out: list[PhoneMention], lo: int, hi: int, v: _Vocab
) -> None:
    """Append the written numbers found in text[lo:hi], unless their context excludes them."""
    for m in _WRITTEN.finditer(text, lo, hi):
        raw = m.group(0)
        if sum(map(raw.count, _DIGITS)) < _MIN_DIGITS:
            continue
        base, end = m.span()
        bad_end = _bad_edge(text, end) and not _EXT.match(text, end)
        found = _read_candidate(raw, region, bad_end)
        if not found and len(raw) <= 16:
            # Not a number by its shape alone: read it again in the light of the words around
            # ("ring me on 98765432"), which costs a search only for these few candidates.
            if _PHONE_CUE.search(low, max(0, base - 32), base):
                found = _read_candidate(raw, region, bad_end, 2)
            elif not _NOUN_AFTER.match(low, end):
                found = _read_candidate(raw, region, bad_end, 1)
        for s, e, key in found:
            s += base
            e += base
            if _CODE_BEFORE.search(text, max(0, s - 16), s):
                continue  # the tail of a code: "1Z 999 AA1 0123 4567 84"
            if len(key) == _MIN_DIGITS:
                area = _AREA_CODE.search(low, max(0, s - 40), s)
                if area:  # "area code 901, 555-2120" is one ten-digit number
                    full = _interpret(area.group(1) + key, False, region, False)
                    if full:
                        key, s = full, area.start(1)
            ext = _EXT.match(text, e)
            if ext:
                e = ext.end()
            if not _excluded(text, low, s, e, v):
                out.append(PhoneMention(key, (s, e), False))


def _written(text: str, low: str, region: str, out: list[PhoneMention], v: _Vocab) -> None:
    """Append the numbers written in digits, segment by segment."""
    for seg in _SEGMENT.finditer(text):
        lo, hi = seg.span()
        if hi - lo >= _MIN_DIGITS and sum(map(seg.group(0).count, _DIGITS)) >= _MIN_DIGITS:
            _written_in(text, low, region, out, lo, hi, v)


def _token_digits(tok: re.Match[str]) -> str:
    """Return the digits a token stands for ("double five" -> "55", "2-8-1" -> "281")."""
    if tok.lastgroup != "w":
        return tok.group(0).replace("-", "")
    return _word_digits(tok.group(0))


@lru_cache(maxsize=1024)
def _word_digits(word: str) -> str:
    """Return the digits number words stand for ("twenty-one" -> "21")."""
    t = word.replace("-", " ").split()
    times = 1
    if t[0] in ("double", "triple"):
        times = 2 if t[0] == "double" else 3
        t = t[1:]
    if t[0] in _TENS:
        d = _TENS[t[0]] + (WORD_DIGITS[t[1]] if len(t) > 1 else "0")
    elif t[0] in _TEENS:
        d = _TEENS[t[0]]
    else:
        d = WORD_DIGITS[t[0]]
        if len(t) > 1:
            d += "00" if t[1] == "hundred" else "000"
    return d * times


def _run(
    text: str, low: str, region: str, m: re.Match[str], out: list[PhoneMention], v: _Vocab
) -> None:
    """Read the numbers in one run of number words and digits."""
    _, token_re, ext_re = _spoken_patterns()
    toks = list(token_re.finditer(low, m.start(), m.end()))
    plus = toks[0].lastgroup == "plus"
    if plus:
        toks = toks[1:]
    if len(toks) < 2:
        return
    # "Oh, nine oh one ..." : an opening "oh" before punctuation is an interjection.
    if (
        not plus
        and toks[0].group(0) in ("oh", "o")
        and low[toks[0].end() : toks[1].start()].strip()
    ):
        toks = toks[1:]
    digits = [_token_digits(t) for t in toks]
    if sum(map(len, digits)) < _MIN_DIGITS:
        return
    k = len(toks)
    reach = _reach([len(d) for d in digits])
    i = 0
    while i < k:
        found = False
        for j in range(reach[i], i, -1):
            key = _interpret("".join(digits[i:j]), plus and i == 0, region, True)
            if key is None:
                continue
            found = True
            words = any(t.lastgroup == "w" for t in toks[i:j])
            plain = not words and not any(t.lastgroup == "c" for t in toks[i:j])
            if plain and not _read_aloud(low, toks[i:j], digits[i:j], region):
                i = j
                break  # plain digit groups: the written pass owns them
            s = m.start() if plus and i == 0 else toks[i].start()
            e = toks[j - 1].end()
            fix = _CORRECTION.match(low, e) if j == k else None
            if fix:  # "... two one two seven, sorry, that's a six": the last digit said again
                said = fix["d"]
                key, e = key[:-1] + (said if said.isdigit() else WORD_DIGITS[said]), fix.end()
            ext = ext_re.match(low, e)
            if ext:
                e = ext.end()
            if not _excluded(text, low, s, e, v):
                out.append(PhoneMention(key, (s, e), words))
            i = j
            break
        if not found:
            i += 1


def _read_aloud(low: str, toks: list[re.Match[str]], digits: list[str], region: str) -> bool:
    """Return True when plain digit groups are a number read aloud the written pass misses.

    "4 1 5, 5 5 5, 0 1 3 2" (digit by digit, grouped by commas) and "415, 555, 0132" (phone
    groups joined by commas) are readings; without a comma the written pass owns the digits.
    """
    seps = [low[a.end() : b.start()] for a, b in itertools.pairwise(toks)]
    if not any("," in sep for sep in seps):
        return False
    if all(len(d) == 1 for d in digits):
        # Digits grouped by commas, spaces inside a group; "9, 8, 7, 6, ..." is a list.
        return any("," not in sep for sep in seps)
    return (
        _classify(digits, [sep.replace(",", "-") for sep in seps], False, region, True) is not None
    )


def _spoken(
    text: str,
    low: str,
    region: str,
    out: list[PhoneMention],
    v: _Vocab,
    extra: list[re.Match[str]],
) -> None:
    """Append the numbers read aloud, looking only around pairs of number words and `extra`."""
    pos = 0
    run_re = None
    pairs = list(_WORD_PAIR.finditer(low))
    if extra:
        pairs = sorted(pairs + extra, key=lambda p: p.start())
    ahead: re.Match[str] | None = None  # a run found past an earlier pair: no search twice
    searched = -1  # ahead is the first run starting at or after this position (or none)
    for pair in pairs:
        if pair.end() <= pos:
            continue
        lo = max(pos, pair.start() - 40)
        run_re = run_re or _spoken_patterns()[0]
        while True:
            if searched >= 0 and lo >= searched and (ahead is None or ahead.start() >= lo):
                m = ahead
            else:
                m = run_re.search(low, lo)
                ahead, searched = m, lo
            if m is None or m.start() > pair.start():
                break
            ahead, searched = None, -1
            _run(text, low, region, m, out, v)
            lo = pos = m.end()
            if pos >= pair.end():
                break


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Return True when two spans share a character."""
    return a[0] < b[1] and b[0] < a[1]


def find_numbers(
    text: str, region: str = "US", *, rules: tuple[PhoneRule, ...] = RULES
) -> list[PhoneMention]:
    """Return every phone number said in the text, in order of appearance.

    `region` reads national forms (a two-letter code; ConfigError if unknown). `rules` are the
    exclusion rules (`analysis.phone_rules.RULES`); pass a changed tuple to try a rule out.
    """
    v = _vocab(rules)
    out: list[PhoneMention] = []
    low = text.lower()
    if len(low) != len(text):  # a few non-ASCII letters change length when lower-cased
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    if _SEVEN_DIGITS.match(text):
        _written(text, low, region, out, v)
    cues = list(_DIGIT_CUES.finditer(text))
    spoken: list[PhoneMention] = []
    _spoken(text, low, region, spoken, v, [c for c in cues if c.lastgroup != "vanity"])
    if any(c.lastgroup == "vanity" for c in cues):
        _vanity(text, low, spoken, v)
    if spoken:
        written = sorted(p.span for p in out)
        starts = [w[0] for w in written]
        for p in spoken:
            k = bisect.bisect_left(starts, p.span[1]) - 1  # the last written one starting before
            if k < 0 or not _overlap(p.span, written[k]):
                out.append(p)
        out.sort(key=lambda p: p.span)
    return out


def _vanity(text: str, low: str, out: list[PhoneMention], v: _Vocab) -> None:
    """Append vanity numbers ("1-888-GO-TRUCK"), read on the telephone keypad."""
    for m in _VANITY.finditer(text):
        if not (m["one"] or m["area"] in _TOLL_FREE):
            continue  # "Room 204-BUILDING": only toll-free codes, or "1-" and a code
        rest = "".join(c for c in m["rest"] if c.isalnum()).translate(_KEYPAD)
        if len(rest) < 7:
            continue
        if not _excluded(text, low, m.start(), m.end(), v):
            out.append(PhoneMention("+1" + m["area"] + rest[:7], m.span(), False))


# --- normalizing, grouping, saying -------------------------------------------------------------

_NORM_EXT = re.compile(r"\s*[,;]?\s*(?:ext\.?|extension|x|#|;?ext=)\s*([0-9]{1,6})\s*$", re.I)
_NORM_OK = re.compile(rf"(?:tel:)?\s*(\+)?[0-9\s().{_DASHES}/-]+", re.I)


def _split_ext(number: str) -> tuple[str, str | None]:
    """Split a typed number into its body and its extension digits, if any."""
    m = _NORM_EXT.search(number)
    if m:
        return number[: m.start()], m.group(1)
    return number, None


def normalize(number: str, region: str = "US") -> str | None:
    """Return the E.164 form of a phone number as a user wrote it, or None if it is not one."""
    if not isinstance(number, str) or not isinstance(region, str):
        return None
    return _normalize(number, region)


@lru_cache(maxsize=4096)
def _normalize(number: str, region: str) -> str | None:
    """Normalize a number (cached: every draft of a call list checks the caller's number)."""
    body, _ = _split_ext(number.strip())
    m = _NORM_OK.fullmatch(body.strip())
    if not m:
        return None
    digits = "".join(c for c in body if c in _DIGITS)
    if len(digits) < _MIN_DIGITS:
        return None
    key = _interpret(digits, m.group(1) is not None, region, False)
    return key if key and key.startswith("+") else None


def group_numbers(mentions: list[PhoneMention], known: str | None = None) -> list[CallbackNumber]:
    """Group mentions of the same number, in order of first appearance."""
    if known and not known.startswith("+"):
        known = normalize(known) or known
    ordered = sorted(mentions, key=lambda p: p.span)
    full = [p.number for p in ordered if p.number.startswith("+")]
    if known and known.startswith("+"):
        full.insert(0, known)  # a local number that fits the caller's own is the caller's
    spans: dict[str, list[tuple[int, int]]] = {}
    for p in ordered:
        key = p.number
        if not key.startswith("+"):
            key = next((f for f in full if f.endswith(key) and len(f) > len(key) + 2), key)
        spans.setdefault(key, []).append(p.span)
    return [CallbackNumber(k, tuple(v)) for k, v in spans.items()]


@lru_cache(maxsize=4096)
def say_number(number: str, region: str = "US") -> str:
    """Return a number formatted for reading aloud in digit groups, e.g. '901-555-2120'."""
    code = _region_info(region)[0]
    body, ext = _split_ext(number.strip())
    key = normalize(body, code)
    if key is None:
        digits = "".join(c for c in body if c in _DIGITS)
        if len(digits) != _MIN_DIGITS or not re.fullmatch(r"[0-9\s.()-]+", body):
            raise DataError(f"not a phone number: {number!r}")
        said = f"{digits[:3]}-{digits[3:]}"  # a seven-digit local number
    elif key.startswith("+1"):
        nat = key[2:]
        said = f"{nat[:3]}-{nat[3:6]}-{nat[6:]}"
        if not _region_info(code)[1]:
            said = "+1 " + said
    else:
        pn = _pn()
        num = pn.parse(key, None)
        own = num.country_code == pn.country_code_for_region(code)
        fmt = pn.PhoneNumberFormat.NATIONAL if own else pn.PhoneNumberFormat.INTERNATIONAL
        said = pn.format_number(num, fmt).replace("(", "").replace(")", "")
        if not any(c in said for c in " -"):
            said = key  # no grouping known for this range: "+44..." is still read as a number
    return f"{said}, extension {ext}" if ext else said


@lru_cache(maxsize=4096)
def spoken_digits(number: str, region: str = "US") -> str:
    """Return the number said digit by digit in words: 'nine oh one, five five five, ...'."""
    try:
        said = say_number(number, region)
    except DataError:
        said = number
    body, ext = _split_ext(said)
    groups = re.findall(r"\+?[0-9]+", body)
    if not groups:
        raise DataError(f"not a phone number: {number!r}")
    words = [[DIGIT_WORDS.get(c, "plus") for c in g] for g in groups]
    if groups[-1].endswith("0"):
        words[-1][-1] = "zero"  # a final "oh" is easily lost: "... two one two zero"
    said = ", ".join(" ".join(w) for w in words)
    return f"{said}, extension {' '.join(DIGIT_WORDS[c] for c in ext)}" if ext else said

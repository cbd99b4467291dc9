"""Frozen records that flow through the library: people, drafts, findings; no I/O here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any, Literal

Level = Literal["suggestion", "warning", "error"]
LEVELS: tuple[Level, ...] = ("suggestion", "warning", "error")
DEFAULT_HOURS = "Mon-Fri 09:00-17:00"

# The keys a prospects file may give: the YAML loader checks them, the template catalog tells
# authors which fields exist.
CALLER_KEYS = (
    "name",
    "company",
    "phone",
    "available",
    "hours",
    "timezone",
    "country",
    "subdivision",
    "offer",
    "extra",
)
PROSPECT_KEYS = (
    "name",
    "company",
    "salutation",
    "phone",
    "need",
    "referral",
    "reference",
    "attempts",
    "slots",
    "hours",
    "timezone",
    "country",
    "subdivision",
    "id",
    "extra",
)
REFERRAL_KEYS = ("by", "confirmed")
REFERENCE_KEYS = ("client", "result")


@dataclass(frozen=True)
class Hours:
    """Working hours: the weekdays (0 = Monday) and a daily window in local time."""

    days: frozenset[int]
    start: time
    end: time
    text: str = DEFAULT_HOURS

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Referral:
    """Who suggested the call, and whether they agreed to be named."""

    by: str
    confirmed: bool = False


@dataclass(frozen=True)
class Reference:
    """A known client in the prospect's field and the result delivered for them."""

    client: str
    result: str | None = None


@dataclass(frozen=True)
class Caller:
    """The salesperson leaving the voicemail."""

    name: str
    company: str
    phone: str
    available: str | None = None
    hours: Hours | None = None
    timezone: str | None = None
    offer: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    country: str | None = None
    subdivision: str | None = None
    source: str | None = field(default=None, compare=False, repr=False)
    """The file the caller was read from (a prospects file or the config), when known."""
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)
    """The 1-based line of each text field in `source`, by dotted key (``offer``)."""

    @property
    def first_name(self) -> str:
        """Return the first word of the name."""
        return self.name.split()[0] if self.name.split() else self.name

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Caller:
        """Return a validated Caller from a mapping of the prospects file's `caller:` keys.

        Parameters:
            data: ``name``, ``company`` and ``phone`` are required; ``available``, ``hours``
                (text like ``"Mon-Fri 09:00-12:00"``), ``timezone``, ``offer``, ``country``,
                ``subdivision`` and ``extra`` are optional.

        Values may be given as a CRM hands them over (text for hours, numbers as digits).
        The phone must be a valid number (read in the US region unless it has a country
        code). ``timezone`` may be an IANA name or a common one ("Central", "CST"), stored as
        the IANA name; without one, the caller's zone comes from the phone number. Raises
        DataError naming the key for a missing, unknown or bad value.
        """
        from .sources.schema import caller

        return caller(data)


@dataclass(frozen=True)
class Prospect:
    """The person being called, with what is known about them."""

    name: str
    company: str
    salutation: str | None = None
    phone: str | None = None
    need: str | None = None
    referral: Referral | None = None
    reference: Reference | None = None
    attempts: int = 0
    slots: tuple[datetime, ...] = ()
    hours: Hours | None = None
    timezone: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    source: str | None = None
    line: int | None = None
    country: str | None = None
    subdivision: str | None = None
    id: str | None = None
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)
    """The 1-based line in `source` of each text field, by dotted key (``need``,
    ``reference.result``, ``extra.industry``); a CSV row gives its row's line to every field."""

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Prospect:
        """Return a validated Prospect from a mapping of the prospects file's keys.

        Parameters:
            data: ``name`` and ``company`` are required; every other key of a prospects file
                (``need``, ``referral``, ``reference``, ``attempts``, ``slots``, ``hours``,
                ``timezone``, ``phone``, ``id``, ...) is optional.

        Accepts what a CRM hands over: ``attempts: "3"`` (default 0), ``confirmed: "yes"``,
        ``hours: "Mon-Fri 10:00-12:00"`` (default Mon-Fri 09:00-17:00 in the prospect's
        zone), ``slots`` as strings (a list, or one text separated by ``;``, read in the
        prospect's zone), ``referral``/``reference`` as mappings, None for an empty field.
        Zones: ``timezone`` may be an IANA name or a common one ("Eastern", "PST",
        "US/Central"), stored as the IANA name; without one, drafting uses the zone of the
        phone number, else the caller's. Raises DataError with ``key`` (and ``prospect``)
        set for a missing, unknown or bad value.
        """
        from .sources.schema import prospect

        return prospect(data)

    @property
    def first_name(self) -> str:
        """Return the first word of the name."""
        return self.name.split()[0] if self.name.split() else self.name

    @property
    def where(self) -> str:
        """Return 'file:line' for messages, or the name when the origin is unknown."""
        if self.source and self.line:
            return f"{self.source}:{self.line}"
        return self.name


@dataclass(frozen=True)
class Earlier:
    """A voicemail already left for a prospect (from the touch log): when, style, text, slots."""

    at: datetime
    style: str | None
    text: str
    slots: tuple[datetime, ...] = ()


@dataclass(frozen=True)
class History:
    """What the touch log knows of a prospect when drafting: the cycle so far, as plain data.

    ``attempts`` counts the attempts already made this cycle (the log's, plus the data's
    ``attempts``); ``final`` is True when the one being drafted is the cadence's last;
    ``voicemails`` are the scripts left, oldest first; ``avoid`` are slots never to offer this
    prospect again (every slot an earlier voicemail offered them).
    """

    attempts: int = 0
    final: bool = False
    voicemails: tuple[Earlier, ...] = ()
    avoid: tuple[datetime, ...] = ()

    @property
    def previous(self) -> Earlier | None:
        """Return the last voicemail left, if any."""
        return self.voicemails[-1] if self.voicemails else None


@dataclass(frozen=True)
class Book:
    """What a prospects file holds: an optional caller and one or more prospects."""

    caller: Caller | None
    prospects: tuple[Prospect, ...]
    source: str | None = None


@dataclass(frozen=True)
class Note:
    """A problem the slot planner found, handed to the checks as a record, never as a level.

    ``code`` is a stable outcome id of the ``proposed-time`` check (the finding's id is
    ``proposed-time.<code>``); the level it is reported at comes from policy (the check's
    outcome table, a style's metadata, the config), never from the message's wording.
    """

    code: str
    message: str
    span: tuple[int, int] | None = None


@dataclass(frozen=True)
class FieldRef:
    """A data field that a finding's text came from: its dotted name, file and line.

    ``name`` is a prospect's key (``need``, ``reference.result``) or a caller's, prefixed
    (``caller.offer``); ``path`` and ``line`` are None when the record was built in code.
    """

    name: str
    path: str | None = None
    line: int | None = None

    @property
    def where(self) -> str:
        """Return 'path:line', 'path', or '' when the origin is unknown."""
        if self.path and self.line:
            return f"{self.path}:{self.line}"
        return self.path or ""

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form documented in docs/json.md."""
        return {"name": self.name, "path": self.path, "line": self.line}


@dataclass(frozen=True)
class Finding:
    """One thing a check found in a draft.

    ``check`` is the check's id (``length``); ``id`` is the outcome's stable id
    (``length.far-too-long``), the one a config, a style or ``--check`` can re-level or switch
    off. A Finding made without an ``id`` takes the check's id. ``severity`` is the level policy
    gave the outcome; a check never picks it.
    """

    check: str
    severity: Level
    message: str
    span: tuple[int, int] | None = None
    source: str = ""
    id: str = ""
    quote: str | None = None
    """On a generated draft: the start of the sentence the span is in ("I'm calling about...")."""
    field: FieldRef | None = None
    """On a generated draft: the data field the flagged text came from, when one did."""

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", self.check)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form documented in docs/json.md (``quote``/``field`` when known)."""
        out: dict[str, Any] = {
            "id": self.id,
            "check": self.check,
            "severity": self.severity,
            "message": self.message,
            "span": list(self.span) if self.span else None,
            "source": self.source,
        }
        if self.quote is not None:
            out["quote"] = self.quote
        if self.field is not None:
            out["field"] = self.field.to_dict()
        return out


@dataclass(frozen=True)
class Metrics:
    """Measured figures of a draft."""

    words: int
    seconds: float
    grade: float
    reading_ease: float
    sentences: int
    longest_sentence: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form documented in docs/json.md."""
        return {
            "words": self.words,
            "seconds": self.seconds,
            "grade": self.grade,
            "reading_ease": self.reading_ease,
            "sentences": self.sentences,
        }


@dataclass(frozen=True)
class PhoneMention:
    """A phone number said in the text: its canonical key, where, and whether in words."""

    number: str
    span: tuple[int, int]
    spoken: bool = False


@dataclass(frozen=True)
class CallbackNumber:
    """One distinct number with every place it is said."""

    number: str
    spans: tuple[tuple[int, int], ...]

    @property
    def count(self) -> int:
        """Return how many times the number is said."""
        return len(self.spans)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form documented in docs/json.md."""
        return {"number": self.number, "count": self.count, "spans": [list(s) for s in self.spans]}


@dataclass(frozen=True)
class TimeMention:
    """A specific proposed time found in the text, resolved to a moment when possible."""

    text: str
    span: tuple[int, int]
    when: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form documented in docs/json.md."""
        return {
            "text": self.text,
            "span": list(self.span),
            "when": self.when.isoformat() if self.when else None,
        }


@dataclass(frozen=True)
class Draft:
    """A rendered (or hand-written) voicemail with its score and findings."""

    text: str
    score: int
    passed: bool
    findings: tuple[Finding, ...]
    metrics: Metrics
    callback_numbers: tuple[CallbackNumber, ...] = ()
    proposed_times: tuple[TimeMention, ...] = ()
    style: str | None = None
    prospect: str | None = None
    reason: str | None = None
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form documented in docs/json.md."""
        return {
            "style": self.style,
            "prospect": self.prospect,
            "id": self.id,
            "reason": self.reason,
            "text": self.text,
            "score": self.score,
            "passed": self.passed,
            "metrics": self.metrics.to_dict(),
            "callback_numbers": [c.to_dict() for c in self.callback_numbers],
            "proposed_times": [t.to_dict() for t in self.proposed_times],
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass(frozen=True)
class DraftFailure:
    """A prospect (or one style of it) that could not be drafted, and why.

    ``message`` names ``file:line`` first when the prospect's origin is known, then what to
    fix. ``bug`` is True when the cause is a defect in voicemail-coach rather than the data.
    """

    prospect: str | None
    message: str
    style: str | None = None
    id: str | None = None
    path: str | None = None
    line: int | None = None
    bug: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form documented in docs/json.md."""
        return {
            "prospect": self.prospect,
            "id": self.id,
            "style": self.style,
            "error": self.message,
        }


@dataclass(frozen=True)
class Skipped:
    """A style that ``--all`` left out because the prospect's data lacks what it requires."""

    prospect: str
    style: str
    needs: tuple[str, ...]
    id: str | None = None

    @property
    def reason(self) -> str:
        """Return why: 'needs reference.client' (a prospect's fields without 'prospect.')."""
        return "needs " + ", ".join(f.removeprefix("prospect.") for f in self.needs)

    def __str__(self) -> str:
        return f"{self.style}: skipped, {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form documented in docs/json.md."""
        return {
            "prospect": self.prospect,
            "id": self.id,
            "style": self.style,
            "skipped": self.reason,
        }


Result = Draft | DraftFailure | Skipped
"""What drafting one prospect (in one style) gives: a scored draft, a failure, or a skip."""

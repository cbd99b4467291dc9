"""Exchange attempts with a CRM as CSV: export the log, import a CRM's call activity.

Export writes one row per attempt with the columns in `COLUMNS`. Import reads that shape and
the call-activity exports of common CRMs: the headers are matched case- and space-blind against
`HEADERS`, and the disposition names are mapped by `DISPOSITIONS` (HubSpot's "Left voicemail",
Close's ``vm-left``, Gong's "Left voicemail", Outreach's "Meeting Scheduled", ...). A row that
cannot be used is reported with its line and skipped; the others are imported in one
transaction, and importing the same file twice adds nothing the second time.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo
from pathlib import Path

from .log import Attempt, TouchLog, TouchLogError, prospect_key

COLUMNS = ("prospect", "name", "company", "at", "outcome", "style", "script", "slots", "note")
SLOT_SEPARATOR = ";"

# What a CRM calls each column, normalised (lower case, letters and digits only).
HEADERS: dict[str, tuple[str, ...]] = {
    "prospect": ("prospect", "prospectkey", "key"),
    "id": ("id", "recordid", "contactid", "leadid", "personid", "crmid", "contactrecordid"),
    "name": (
        "name",
        "contactname",
        "fullname",
        "leadname",
        "contact",
        "person",
        "associatedcontact",
    ),
    "first": ("firstname", "first"),
    "last": ("lastname", "last"),
    "company": ("company", "companyname", "account", "accountname", "organization", "organisation"),
    "phone": ("phone", "phonenumber", "tonumber", "number", "calledphone", "mobilephone"),
    "at": (
        "at",
        "when",
        "date",
        "activitydate",
        "calldate",
        "timestamp",
        "createdate",
        "datecreated",
        "callstarttime",
        "starttime",
    ),
    "outcome": (
        "outcome",
        "calloutcome",
        "disposition",
        "calldisposition",
        "callresult",
        "result",
        "status",
    ),
    "style": ("style",),
    "script": ("script", "voicemailscript"),
    "slots": ("slots", "offeredslots"),
    "note": ("note", "notes", "callnotes", "body", "description", "comments"),
}

# CRM disposition names, normalised (lower case, runs of other characters as one '-').
DISPOSITIONS: dict[str, str] = {
    "left-voicemail": "left-voicemail",
    "left-a-voicemail": "left-voicemail",
    "voicemail-left": "left-voicemail",
    "vm-left": "left-voicemail",  # Close
    "left-vm": "left-voicemail",
    "left-message": "left-voicemail",
    "voicemail": "left-voicemail",
    "no-answer": "no-answer",
    "no-answer-no-voicemail": "no-answer",
    "vm-answer": "no-answer",  # Close: reached voicemail, left nothing
    "busy": "no-answer",
    "not-available": "no-answer",
    "left-live-message": "no-answer",  # HubSpot: a message with someone else; not reached
    "connected": "connected",
    "answered": "connected",  # Close
    "reached": "connected",
    "meeting-booked": "meeting-booked",
    "meeting-scheduled": "meeting-booked",  # Outreach
    "meeting-set": "meeting-booked",
    "appointment-set": "meeting-booked",
    "called-back": "called-back",
    "call-back": "called-back",
    "inbound": "called-back",
    "wrong-number": "wrong-number",
    "bad-number": "wrong-number",  # Outreach
    "invalid-number": "wrong-number",
    "not-interested": "not-interested",
    "do-not-call": "not-interested",
}


@dataclass(frozen=True)
class ImportReport:
    """What an import did: rows read, attempts added, duplicates skipped, problems by line."""

    rows: int
    added: int
    duplicates: int
    problems: tuple[str, ...]

    def line(self) -> str:
        """Return the one-line summary the command prints."""
        return (
            f"{self.rows} rows: {self.added} attempts added, {self.duplicates} already in the log, "
            f"{len(self.problems)} skipped"
        )


def _norm_header(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def disposition(text: str, known: tuple[str, ...]) -> str | None:
    """Return the outcome a CRM disposition name means, or None when it is not known."""
    word = re.sub(r"[^a-z0-9]+", "-", text.strip().lower()).strip("-")
    if word in known:
        return word
    return DISPOSITIONS.get(word)


def export_csv(log: TouchLog, out: io.TextIOBase | io.StringIO) -> int:
    """Write every attempt as CSV rows with the `COLUMNS` header; return the row count."""
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    count = 0
    for a in log.iter_attempts():
        writer.writerow(
            (
                a.prospect,
                a.name,
                a.company,
                a.at.isoformat(),
                a.outcome,
                a.style or "",
                a.script or "",
                SLOT_SEPARATOR.join(s.isoformat() for s in a.slots),
                a.note or "",
            )
        )
        count += 1
    return count


class _Who:
    """The fields `prospect_key` reads, from one CSV row."""

    def __init__(self, id: str, phone: str, name: str, company: str) -> None:
        self.id, self.phone, self.name, self.company = id or None, phone or None, name, company


def _columns(header: list[str], source: str) -> dict[str, int]:
    """Return field -> column index for a CSV header; raise when the essentials are missing."""
    aliases = {alias: field for field, names in HEADERS.items() for alias in names}
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        field = aliases.get(_norm_header(title))
        if field and field not in found:
            found[field] = index
    missing = [f for f in ("at", "outcome") if f not in found]
    if "name" not in found and "first" not in found and "prospect" not in found:
        missing.append("name")
    if missing:
        raise TouchLogError(
            f"{source}:1: no column for {', '.join(missing)}; expected headers like "
            f"{', '.join(COLUMNS)} (or a CRM's: Contact Name, Activity Date, Call Outcome)"
        )
    return found


def _moment(text: str, zone: tzinfo) -> datetime:
    """Return a CSV time: ISO 8601, or 'YYYY-MM-DD HH:MM'; a naive one is read in the zone."""
    raw = text.strip().replace("Z", "+00:00")
    for form in (None, "%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M %p", "%d/%m/%Y %H:%M", "%Y-%m-%d"):
        try:
            moment = datetime.fromisoformat(raw) if form is None else datetime.strptime(raw, form)
        except ValueError:
            continue
        return moment if moment.tzinfo else moment.replace(tzinfo=zone)
    raise ValueError(f"cannot read the time '{text}'; write it like 2026-11-27T14:00-06:00")


def read_attempts(
    text: str, source: str, log: TouchLog, zone: tzinfo = timezone.utc
) -> Iterator[Attempt | str]:
    """Yield each CSV row as an Attempt, or as a 'file:line: problem' message."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise TouchLogError(f"{source}: empty file; expected a CSV header") from None
    columns = _columns(header, source)

    def cell(row: list[str], field: str) -> str:
        index = columns.get(field)
        return row[index].strip() if index is not None and index < len(row) else ""

    for row in reader:
        line = reader.line_num
        if not any(c.strip() for c in row):
            continue
        name = cell(row, "name") or " ".join(
            p for p in (cell(row, "first"), cell(row, "last")) if p
        )
        company = cell(row, "company")
        raw_outcome = cell(row, "outcome")
        outcome = disposition(raw_outcome, log.outcomes)
        if outcome is None:
            yield (
                f"{source}:{line}: unknown outcome '{raw_outcome}'; use one of "
                f"{', '.join(log.outcomes)} or add it under outcomes: in the config"
            )
            continue
        try:
            at = _moment(cell(row, "at"), zone)
            slots = tuple(
                _moment(s, zone) for s in cell(row, "slots").split(SLOT_SEPARATOR) if s.strip()
            )
        except ValueError as exc:
            yield f"{source}:{line}: {exc}"
            continue
        key = cell(row, "prospect") or prospect_key(
            _Who(cell(row, "id"), cell(row, "phone"), name, company)
        )
        if not name and not key:
            yield f"{source}:{line}: no name or id for this row"
            continue
        yield Attempt(
            prospect=key,
            name=name,
            company=company,
            at=at,
            outcome=outcome,
            style=cell(row, "style") or None,
            script=cell(row, "script") or None,
            slots=slots,
            note=cell(row, "note") or None,
        )


def import_csv(log: TouchLog, path: str | Path, zone: tzinfo = timezone.utc) -> ImportReport:
    """Import a CSV of attempts into the log in one transaction; report what happened."""
    source = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise TouchLogError(f"{source}: cannot read ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    attempts: list[Attempt] = []
    problems: list[str] = []
    for item in read_attempts(text, source, log, zone):
        if isinstance(item, str):
            problems.append(item)
        else:
            attempts.append(item)
    added = log.record_many(attempts)
    return ImportReport(
        len(attempts) + len(problems), added, len(attempts) - added, tuple(problems)
    )

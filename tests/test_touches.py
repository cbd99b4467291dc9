"""The touch log: attempts kept exactly, two writers at once, a killed writer, CRM exchange."""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from voicemail_coach.errors import ConfigError, VoicemailCoachError
from voicemail_coach.touches.cadence import (
    DEFAULT_CADENCE,
    Due,
    Step,
    add_business_days,
    due,
    parse_cadence,
    status,
)
from voicemail_coach.touches.exchange import disposition, export_csv, import_csv
from voicemail_coach.touches.log import (
    OUTCOMES,
    SCHEMA_VERSION,
    Attempt,
    Drafted,
    TouchLog,
    TouchLogError,
    prospect_key,
)

CHI = ZoneInfo("America/Chicago")
MONDAY = datetime(2026, 11, 23, 9, 15, tzinfo=CHI)
SCRIPT = (
    "Hi Dana, this is Freda Whitehouse with ABC Company, 901-555-2120. I'm calling because "
    "we cut the time managers spend on employee conflict. Would Thursday at 10 or 11 a.m. work? "
    "Again, 901-555-2120."
)


def left(at: datetime, key: str = "id:42", **kw: object) -> Attempt:
    """Return a left-voicemail attempt on Dana Jones."""
    fields: dict[str, object] = {
        "prospect": key,
        "name": "Dana Jones",
        "company": "XYZ Company",
        "at": at,
        "outcome": "left-voicemail",
        "style": "warm-cold-call",
        "script": SCRIPT,
        "slots": (datetime(2026, 11, 26, 10, 0, tzinfo=CHI),),
    }
    fields.update(kw)
    return Attempt(**fields)  # type: ignore[arg-type]


@pytest.fixture
def log(tmp_path: Path) -> TouchLog:
    with TouchLog(tmp_path / "touches.sqlite") as opened:
        yield opened  # type: ignore[misc]


# --- keys -----------------------------------------------------------------------------------


class Who:
    def __init__(self, **kw: str | None) -> None:
        self.id = kw.get("id")
        self.phone = kw.get("phone")
        self.name = kw.get("name", "Dana Jones")
        self.company = kw.get("company", "XYZ Company")


@pytest.mark.parametrize(
    ("who", "key"),
    [
        (Who(id="0031x00000AbCd", phone="405-555-0199"), "id:0031x00000AbCd"),
        (Who(phone="(405) 555-0199"), "phone:4055550199"),
        (Who(phone="+1 405 555 0199"), "phone:14055550199"),
        (Who(name="  Dana   Jones ", company="XYZ  Company"), "name:dana jones|xyz company"),
        (Who(phone="ext 12"), "name:dana jones|xyz company"),  # too short to be a phone
    ],
)
def test_a_prospect_key_is_the_id_else_the_phone_else_name_and_company(who: Who, key: str) -> None:
    assert prospect_key(who) == key


# --- recording ------------------------------------------------------------------------------


def test_an_attempt_is_kept_exactly_with_its_zone_script_and_slots(log: TouchLog) -> None:
    assert log.record(left(MONDAY))
    [back] = log.attempts("id:42")
    assert back == left(MONDAY.replace(second=0))
    assert back.at.utcoffset() == timedelta(hours=-6)
    assert back.slots[0].isoformat() == "2026-11-26T10:00:00-06:00"
    assert back.to_dict()["at"] == "2026-11-23T09:15:00-06:00"


def test_the_same_attempt_twice_is_kept_once(log: TouchLog) -> None:
    assert log.record(left(MONDAY)) is True
    assert log.record(left(MONDAY)) is False
    assert len(log.attempts()) == 1


def test_an_unknown_outcome_is_refused_with_the_closest_one(log: TouchLog) -> None:
    with pytest.raises(
        TouchLogError, match=r"unknown outcome 'left-voicemial' \(did you mean 'left-voicemail'\?\)"
    ):
        log.record(left(MONDAY, outcome="left-voicemial"))
    assert log.attempts() == []


def test_custom_outcomes_from_the_config_are_accepted(tmp_path: Path) -> None:
    with TouchLog(tmp_path / "t.sqlite", outcomes=("gatekeeper",)) as log:
        log.record(left(MONDAY, outcome="Gatekeeper"))
        assert [a.outcome for a in log.attempts()] == ["gatekeeper"]
        assert log.outcomes == (*OUTCOMES, "gatekeeper")


def test_a_naive_time_is_refused_rather_than_guessed(log: TouchLog) -> None:
    with pytest.raises(TouchLogError, match="has no zone"):
        log.record(left(datetime(2026, 11, 23, 9, 0)))


def test_the_last_draft_is_remembered_per_prospect(log: TouchLog) -> None:
    first = Drafted("id:42", MONDAY, "warm-cold-call", "first script")
    log.keep_draft(first)
    log.keep_draft(Drafted("id:42", MONDAY + timedelta(hours=1), "referral", SCRIPT))
    kept = log.last_draft("id:42")
    assert kept is not None
    assert (kept.style, kept.script) == ("referral", SCRIPT)
    assert log.last_draft("id:7") is None


def test_stats_count_outcomes_per_style(log: TouchLog) -> None:
    log.record(left(MONDAY))
    log.record(left(MONDAY + timedelta(days=2)))
    log.record(left(MONDAY + timedelta(days=4), outcome="called-back", style=None, script=None))
    assert log.stats() == [("", "called-back", 1), ("warm-cold-call", "left-voicemail", 2)]


# --- the file -------------------------------------------------------------------------------


def test_a_new_log_is_created_with_wal_and_the_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "touches.sqlite"
    with TouchLog(path) as log:
        assert log.version == SCHEMA_VERSION
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_log_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(
        TouchLogError, match=r"newer voicemail-coach \(schema 99, this one knows 1\)"
    ):
        TouchLog(path)


def test_a_file_that_is_not_a_log_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("Dana: call back Thursday\n" * 100)
    with pytest.raises(VoicemailCoachError, match=r"not a readable touch log .*give another file"):
        TouchLog(path)
    with pytest.raises(TouchLogError, match="not a regular file"):
        TouchLog(tmp_path)


_WRITER = """
import sys
from datetime import datetime, timedelta, timezone
from voicemail_coach.touches.log import Attempt, TouchLog
path, who, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
start = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
with TouchLog(path) as log:
    for i in range(count):
        log.record(Attempt(f"id:{who}-{i}", "Dana Jones", "XYZ", start + timedelta(minutes=i),
                           "left-voicemail", "referral", "x" * 2000 + f" #{i}"))
        if i == 0:
            print("started", flush=True)
"""


def _writer(path: Path, who: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path), who, str(count)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
    )


def test_two_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite"
    TouchLog(path).close()
    writers = [_writer(path, who, 150) for who in ("a", "b")]
    for w in writers:
        assert w.wait(timeout=120) == 0
    with TouchLog(path) as log:
        keys = {a.prospect for a in log.attempts()}
    assert len(keys) == 300
    assert {k.split(":")[1].split("-")[0] for k in keys} == {"a", "b"}


def test_a_writer_killed_mid_write_leaves_a_readable_log(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite"
    TouchLog(path).close()
    writer = _writer(path, "k", 100_000)
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "started"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # let it commit some, then kill it mid-stream
        if (
            len(sqlite3.connect(path, timeout=10).execute("SELECT id FROM attempts").fetchall())
            > 40
        ):
            break
        time.sleep(0.05)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=30)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    with TouchLog(path) as log:
        kept = log.attempts()
        assert len(kept) > 40
        # every attempt kept is whole: its script ends with its own number
        assert all(a.script == "x" * 2000 + f" #{a.prospect.split('-')[1]}" for a in kept)
        assert log.record(left(MONDAY))  # and the log still takes writes


# --- CRM exchange ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("crm", "outcome"),
    [
        ("Left voicemail", "left-voicemail"),  # HubSpot, Gong
        ("vm-left", "left-voicemail"),  # Close
        ("Left Voicemail", "left-voicemail"),  # Salesforce, Outreach
        ("No answer", "no-answer"),
        ("vm-answer", "no-answer"),
        ("Busy", "no-answer"),
        ("Connected", "connected"),
        ("answered", "connected"),
        ("Meeting Scheduled", "meeting-booked"),
        ("Wrong number", "wrong-number"),
        ("Bad Number", "wrong-number"),
        ("not_interested", "not-interested"),
    ],
)
def test_crm_disposition_names_map_to_outcomes(crm: str, outcome: str) -> None:
    assert disposition(crm, OUTCOMES) == outcome


def test_a_made_up_disposition_is_not_guessed() -> None:
    assert disposition("Sent fax", OUTCOMES) is None


HUBSPOT = """Record ID,First Name,Last Name,Company Name,Activity Date,Call Outcome,Call notes
5123,Dana,Jones,XYZ Company,2026-11-23 09:15,Left voicemail,asked about conflict training
5124,Sam,Patel,Brightside Dental,2026-11-23 10:40,No answer,
5125,Lee,Okafor,Pine Ridge,2026-11-23 11:00,Sent fax,
5126,Ana,Silva,Harbor Freight Co,yesterday,Connected,
"""


def test_a_hubspot_export_is_imported_row_by_row_and_only_once(
    log: TouchLog, tmp_path: Path
) -> None:
    path = tmp_path / "hubspot-calls.csv"
    path.write_text(HUBSPOT, encoding="utf-8")
    report = import_csv(log, path, CHI)
    assert (report.rows, report.added, report.duplicates) == (4, 2, 0)
    assert report.problems == (
        f"{path}:4: unknown outcome 'Sent fax'; use one of {', '.join(OUTCOMES)} or add it "
        "under outcomes: in the config",
        f"{path}:5: cannot read the time 'yesterday'; write it like 2026-11-27T14:00-06:00",
    )
    dana = log.attempts("id:5123")
    assert [(a.name, a.outcome, a.note, a.at.isoformat()) for a in dana] == [
        (
            "Dana Jones",
            "left-voicemail",
            "asked about conflict training",
            "2026-11-23T09:15:00-06:00",
        )
    ]
    again = import_csv(log, path, CHI)
    assert (again.added, again.duplicates) == (0, 2)
    assert again.line() == "4 rows: 0 attempts added, 2 already in the log, 2 skipped"


def test_export_then_import_gives_the_same_attempts(log: TouchLog, tmp_path: Path) -> None:
    log.record(left(MONDAY))
    log.record(left(MONDAY + timedelta(days=3), outcome="no-answer", script=None, slots=()))
    out = io.StringIO()
    assert export_csv(log, out) == 2
    path = tmp_path / "export.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    with TouchLog(tmp_path / "other.sqlite") as other:
        report = import_csv(other, path)
        assert report.added == 2
        assert other.attempts() == log.attempts()


def test_a_csv_without_the_needed_columns_is_one_clear_error(log: TouchLog, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("Email,Subject\na@b.c,hi\n", encoding="utf-8")
    with pytest.raises(TouchLogError, match=r"bad.csv:1: no column for at, outcome, name"):
        import_csv(log, path)


# --- cadence --------------------------------------------------------------------------------


def test_business_days_skip_weekends_and_days_off() -> None:
    friday = date(2026, 11, 20)
    assert add_business_days(friday, 1, lambda d: False) == date(2026, 11, 23)
    thanksgiving = date(2026, 11, 26)
    assert add_business_days(date(2026, 11, 25), 1, lambda d: d == thanksgiving) == date(
        2026, 11, 27
    )


def test_a_prospect_never_called_is_due_for_the_first_attempt() -> None:
    entry = status("id:1", [], date(2026, 11, 23))
    assert entry == Due("id:1", 1, True, "first attempt of the cycle")


def test_the_wait_after_a_voicemail_runs_in_business_days() -> None:
    friday = datetime(2026, 11, 20, 15, 0, tzinfo=CHI)
    history = [left(friday, slots=())]
    assert status("id:42", history, date(2026, 11, 23)) == (
        "next attempt on Tue 2026-11-24 (2 business days)"
    )
    entry = status("id:42", history, date(2026, 11, 26))
    assert isinstance(entry, Due)
    assert (entry.attempt, entry.voicemail, entry.overdue_days) == (2, False, 2)
    assert entry.reason == (
        "attempt 2 of 5: 2 business days since left-voicemail on Fri 2026-11-20"
    )


def test_a_slot_offered_for_the_day_makes_the_prospect_due_then() -> None:
    entry = status("id:42", [left(MONDAY)], date(2026, 11, 26))
    assert isinstance(entry, Due)
    assert entry.reason == "you offered Thursday at 10:00 in your last voicemail: call then"


@pytest.mark.parametrize(
    ("outcome", "said"),
    [
        ("meeting-booked", "cycle ended: meeting-booked on Mon 2026-11-23"),
        ("not-interested", "cycle ended: not-interested on Mon 2026-11-23"),
        ("connected", "reached: connected on Mon 2026-11-23; log a meeting or start a new cycle"),
    ],
)
def test_nobody_is_due_after_the_cycle_ends_or_they_were_reached(outcome: str, said: str) -> None:
    history = [left(MONDAY - timedelta(days=7)), left(MONDAY, outcome=outcome, slots=())]
    assert status("id:42", history, date(2026, 12, 30)) == said


def test_the_cycle_is_over_after_every_attempt_of_the_cadence() -> None:
    history = [left(MONDAY + timedelta(days=i), slots=()) for i in range(len(DEFAULT_CADENCE))]
    assert status("id:42", history, date(2026, 12, 30)) == (
        "cycle over: all 5 attempts made, the last on Fri 2026-11-27"
    )


def test_due_lists_the_most_overdue_first() -> None:
    histories = {
        "id:new": [],
        "id:late": [left(datetime(2026, 11, 2, 9, 0, tzinfo=CHI), slots=())],
        "id:waiting": [left(datetime(2026, 11, 30, 9, 0, tzinfo=CHI), slots=())],
    }
    found = due(histories, histories.__getitem__, date(2026, 12, 1))
    assert [d.key for d in found] == ["id:late", "id:new"]


def test_a_config_cadence_is_validated() -> None:
    assert parse_cadence(
        [{"voicemail": "yes", "wait": "2"}, {"voicemail": "no", "wait": 0}], "c"
    ) == (
        Step(True, 2),
        Step(False, 0),
    )
    with pytest.raises(ConfigError, match=r"c: cadence step 2: wait must be a whole number"):
        parse_cadence([{"wait": 1}, {"wait": "two"}], "c")
    with pytest.raises(ConfigError, match="cadence must be a list"):
        parse_cadence({"wait": 1}, "c")
    with pytest.raises(ConfigError, match="step 1 must be a mapping with voicemail: and wait:"):
        parse_cadence([{"voicemail": "yes", "delay": 2}], "c")

"""The follow-up cycle on the command line: draft --log, log, due, stats, --ics, the config keys."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from voicemail_coach.cli import cli
from voicemail_coach.touches.log import TouchLog

PROSPECTS = """\
caller:
  name: Freda Whitehouse
  company: ABC Company
  phone: 901-555-2120
  timezone: America/Chicago
  country: US
prospects:
  - name: Lee Carter
    company: Pine Ridge Dental
    phone: 720-555-0150
    timezone: America/Denver
    country: US
    need: missed appointments
  - name: Dana Jones
    company: Acme Logistics
    phone: 212-555-0101
    timezone: America/New_York
    country: US
    need: late freight invoices
  - name: Omar Haddad
    company: Crest Insurance
    phone: 404-555-0190
    timezone: America/New_York
    country: US
    reference: {client: Bayline Shipping, result: cut claim handling time by a third}
"""


def run(*args: str) -> Result:
    """Run the command line in this process."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    """A prospects file and a touch log path in a fresh folder."""
    prospects = tmp_path / "prospects.yaml"
    prospects.write_text(PROSPECTS, encoding="utf-8")
    config = tmp_path / "voicemail-coach.yaml"
    config.write_text("", encoding="utf-8")
    return {
        "prospects": str(prospects),
        "log": str(tmp_path / "touches.sqlite"),
        "config": str(config),
        "dir": str(tmp_path),
    }


def draft(files: dict[str, str], name: str, now: str, *extra: str) -> dict[str, Any]:
    """Draft one prospect with the log; return its JSON record."""
    r = run(
        "draft", files["prospects"], "--prospect", name, "--now", now, "--format", "json",
        "--log", files["log"], "--config", files["config"], *extra,
    )  # fmt: skip
    assert r.exit_code in (0, 1), r.output
    [record] = json.loads(r.stdout)["drafts"]
    return dict(record)


def log(files: dict[str, str], name: str, outcome: str, when: str, *extra: str) -> Result:
    """Log one attempt."""
    return run(
        "log", files["prospects"], "--prospect", name, "--outcome", outcome, "--when", when,
        "--log", files["log"], "--config", files["config"], *extra,
    )  # fmt: skip


def due(files: dict[str, str], on: str, *extra: str) -> Result:
    """List who is due on a day."""
    return run(
        "due", files["prospects"], "--on", on, "--log", files["log"],
        "--config", files["config"], *extra,
    )  # fmt: skip


# --- log ---------------------------------------------------------------------------------


def test_left_voicemail_records_the_script_draft_kept(files: dict[str, str]) -> None:
    first = draft(files, "Dana", "2026-11-23T08:00")
    r = log(files, "Dana", "left-voicemail", "2026-11-23T08:05", "--note", "gatekeeper: Ann")
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == [
        "logged Dana Jones: left-voicemail Mon 2026-11-23 08:05 (warm-cold-call; offered "
        "Tue 10:00, Tue 11:00)",
        "next: next attempt on Wed 2026-11-25 (2 business days)",
    ]
    with TouchLog(files["log"]) as touches:
        [attempt] = touches.attempts()
    assert attempt.prospect == "phone:2125550101" and attempt.name == "Dana Jones"
    assert attempt.script == first["text"] and attempt.style == "warm-cold-call"
    assert [s.isoformat() for s in attempt.slots] == [t["when"] for t in first["proposed_times"]]
    assert attempt.note == "gatekeeper: Ann; template: built-in warm-cold-call.j2"


def test_left_voicemail_without_a_draft_says_draft_it_first(files: dict[str, str]) -> None:
    r = log(files, "Dana", "left-voicemail", "2026-11-23T08:05")
    assert r.exit_code == 2
    assert r.output.strip() == (
        f"voicemail-coach: no draft kept for Dana Jones in {files['log']}; draft it first: "
        f'voicemail-coach draft {files["prospects"]} --prospect "Dana Jones" --log {files["log"]}'
    )


def test_the_same_script_is_never_left_twice(files: dict[str, str]) -> None:
    draft(files, "Dana", "2026-11-23T08:00")
    assert log(files, "Dana", "left-voicemail", "2026-11-23T08:05").exit_code == 0
    r = log(files, "Dana", "left-voicemail", "2026-11-25T08:05")
    assert r.exit_code == 2
    assert "the last draft for Dana Jones was already left on Mon 2026-11-23; draft again" in (
        r.output
    )


def test_a_draft_without_a_log_keeps_nothing(files: dict[str, str], own_touch_log: Path) -> None:
    r = run("draft", files["prospects"], "--now", "2026-11-23T08:00", "--config", files["config"])
    assert r.exit_code in (0, 1), r.output
    assert not own_touch_log.exists() and not Path(files["log"]).exists()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--outcome", "left-vm"), "unknown outcome 'left-vm' (did you mean"),
        (("--outcome", "no-answer", "--when", "Tuesday"), "--when"),
        (("--outcome", "no-answer", "--prospect", "Zed"), "no prospect named 'Zed'"),
        ((), "give one of --outcome OUTCOME"),
    ],
)
def test_bad_log_input_is_one_line_exit_2(
    files: dict[str, str], args: tuple[str, ...], said: str
) -> None:
    base = ["log", files["prospects"], "--log", files["log"], "--config", files["config"]]
    if "--prospect" not in args:
        base += ["--prospect", "Dana"]
    r = run(*base, *args)
    assert r.exit_code == 2
    assert len(r.output.strip().splitlines()) == 1 and said in r.output, r.output
    assert "Traceback" not in r.output


def test_custom_outcomes_come_from_the_config(files: dict[str, str]) -> None:
    Path(files["config"]).write_text("outcomes: [sent-email]\n", encoding="utf-8")
    r = log(files, "Lee", "sent-email", "2026-11-23T10:00")
    assert r.exit_code == 0, r.output
    assert r.output.startswith("logged Lee Carter: sent-email Mon 2026-11-23 10:00")
    Path(files["config"]).write_text("outcomes: [Sent Email]\n", encoding="utf-8")
    r = log(files, "Lee", "sent-email", "2026-11-24T10:00")
    assert r.exit_code == 2
    assert "outcome 'sent email' must be lowercase letters, digits and dashes" in r.output


def test_export_then_import_gives_the_same_attempts(files: dict[str, str], tmp_path: Path) -> None:
    draft(files, "Dana", "2026-11-23T08:00")
    log(files, "Dana", "left-voicemail", "2026-11-23T08:05")
    log(files, "Lee", "no-answer", "2026-11-23T10:00")
    out = tmp_path / "attempts.csv"
    r = run("log", "--export", str(out), "--log", files["log"], "--config", files["config"])
    assert r.exit_code == 0 and r.output == f"2 attempts exported to {out}\n"
    other = tmp_path / "other.sqlite"
    r = run("log", "--import", str(out), "--log", str(other), "--config", files["config"])
    assert r.output == f"{out}: 2 rows: 2 attempts added, 0 already in the log, 0 skipped\n"
    with TouchLog(files["log"]) as a, TouchLog(other) as b:
        assert a.attempts() == b.attempts()


def test_a_crm_export_is_imported_with_its_disposition_names(
    files: dict[str, str], tmp_path: Path
) -> None:
    crm = tmp_path / "hubspot.csv"
    crm.write_text(
        "Contact Name,Company,Phone,Activity Date,Call Outcome\n"
        "Dana Jones,Acme Logistics,212-555-0101,2026-11-23T08:05-06:00,Left voicemail\n"
        "Lee Carter,Pine Ridge Dental,720-555-0150,2026-11-23T10:00-06:00,Busy signal\n",
        encoding="utf-8",
    )
    r = run("log", "--import", str(crm), "--log", files["log"], "--config", files["config"])
    assert r.exit_code == 2
    assert f"{crm}:3: unknown outcome 'Busy signal'" in r.output
    assert f"{crm}: 2 rows: 1 attempts added, 0 already in the log, 1 skipped" in r.output
    with TouchLog(files["log"]) as touches:
        [attempt] = touches.attempts()
    assert (attempt.prospect, attempt.outcome) == ("phone:2125550101", "left-voicemail")


# --- draft follows the cycle --------------------------------------------------------------


def test_the_second_voicemail_is_a_follow_up_with_new_slots(files: dict[str, str]) -> None:
    first = draft(files, "Dana", "2026-11-23T08:00")
    log(files, "Dana", "left-voicemail", "2026-11-23T08:05")
    log(files, "Dana", "no-answer", "2026-11-25T08:00")
    second = draft(files, "Dana", "2026-11-27T08:00")
    assert second["style"] == "follow-up"
    assert second["reason"].startswith("attempt 3; 1 voicemail left, the last on Mon 2026-11-23")
    assert "I left you a message Monday about late freight invoices." in second["text"]
    assert second["text"].count("message") == 1  # it refers once to the last one
    offered = {t["when"] for t in first["proposed_times"]}
    assert offered and not offered & {t["when"] for t in second["proposed_times"]}
    assert [f["id"] for f in second["findings"] if f["check"] == "repeated-content"] == []
    # Mentioning Monday's message is no proposal: only the new slots are proposed times.
    assert [t["text"] for t in second["proposed_times"]] == ["Monday at 10", "11 a.m."]


def test_the_last_attempt_of_the_cadence_is_the_straight_pitch(files: dict[str, str]) -> None:
    Path(files["config"]).write_text(
        "cadence:\n  - {voicemail: yes, wait: 2}\n  - {voicemail: yes, wait: 0}\n",
        encoding="utf-8",
    )
    draft(files, "Omar", "2026-11-23T08:00")
    log(files, "Omar", "left-voicemail", "2026-11-23T08:05")
    last = draft(files, "Omar", "2026-11-25T08:00")
    assert last["style"] == "straight-pitch"
    assert last["reason"] == "attempt 2, the last of the cadence: the straight pitch"
    assert "This is my last message" in last["text"]
    assert not [f for f in last["findings"] if f["check"] == "repeated-content"]


def test_a_bad_cadence_names_the_config_line(files: dict[str, str]) -> None:
    Path(files["config"]).write_text(
        "fail_on: error\ncadence:\n  - {voicemail: maybe, wait: 2}\n", encoding="utf-8"
    )
    r = due(files, "2026-11-23")
    assert r.exit_code == 2
    assert r.output.strip() == (
        f"voicemail-coach: {files['config']}:2: cadence step 1: voicemail must be yes or no"
    )


def test_a_repeated_script_is_flagged_naming_the_earlier_date(files: dict[str, str]) -> None:
    first = draft(files, "Lee", "2026-11-23T08:00")
    log(files, "Lee", "left-voicemail", "2026-11-23T10:05")
    again = draft(files, "Lee", "2026-11-25T08:00", "--style", "warm-cold-call")
    ids = [f["id"] for f in again["findings"] if f["check"] == "repeated-content"]
    assert ids == ["repeated-content.opener", "repeated-content.reason"]
    assert all("Mon 2026-11-23" in f["message"] for f in again["findings"] if f["id"] in ids)
    assert again["text"] != first["text"]  # the slots are new all the same


# --- due ----------------------------------------------------------------------------------


def test_due_lists_east_first_with_the_reason(files: dict[str, str]) -> None:
    r = due(files, "2026-11-23")
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == [
        "Monday 2026-11-23: 3 to call, east first (your time, America/Chicago)",
        "  08:00  Dana Jones (Acme Logistics), 09:00 America/New_York: attempt 1 of 5; leave a "
        "voicemail; first call of the cycle",
        "  08:00  Omar Haddad (Crest Insurance), 09:00 America/New_York: attempt 1 of 5; leave a "
        "voicemail; first call of the cycle",
        "  10:00  Lee Carter (Pine Ridge Dental), 09:00 America/Denver: attempt 1 of 5; leave a "
        "voicemail; first call of the cycle",
    ]


def test_a_promised_time_is_due_at_that_time_without_a_second_voicemail(
    files: dict[str, str],
) -> None:
    draft(files, "Dana", "2026-11-23T08:00")  # offers Tuesday at 10 or 11 a.m. her time
    log(files, "Dana", "left-voicemail", "2026-11-23T08:05")
    log(files, "Lee", "no-answer", "2026-11-23T10:00")
    r = due(files, "2026-11-24")
    lines = r.output.splitlines()
    assert lines[1] == (
        "  08:00  Omar Haddad (Crest Insurance), 09:00 America/New_York: attempt 1 of 5; leave "
        "a voicemail; first call of the cycle"
    )
    assert lines[2] == (
        "  09:00  Dana Jones (Acme Logistics), 10:00 America/New_York: attempt 2 of 5; call, no "
        "voicemail; last: left-voicemail Monday; you said you would call Tuesday at 10 a.m. or "
        "11 a.m."
    )
    assert len(lines) == 3  # Lee waits two business days after Monday's call
    later = due(files, "2026-11-25").output
    assert "Lee Carter (Pine Ridge Dental), 09:00 America/Denver: attempt 2 of 5; call, no " in (
        later
    )


def test_nobody_is_due_on_a_weekend_or_the_callers_holiday(files: dict[str, str]) -> None:
    assert due(files, "2026-11-28").output == "Saturday 2026-11-28: a weekend; nobody is called\n"
    assert due(files, "2026-11-26").output == (
        "Thursday 2026-11-26: Thanksgiving Day in the US; nobody is called\n"
    )
    Path(files["config"]).write_text("days_off: [2026-11-27]\n", encoding="utf-8")
    assert due(files, "2026-11-27").output == (
        "Friday 2026-11-27: a day off (days_off in the config); nobody is called\n"
    )


def test_the_wait_is_counted_in_business_days_past_the_holiday(files: dict[str, str]) -> None:
    log(files, "Lee", "no-answer", "2026-11-25T10:00")  # Wednesday before Thanksgiving
    out = due(files, "2026-11-27", "--format", "json").stdout
    assert [c["prospect"] for c in json.loads(out)["calls"]] == ["Dana Jones", "Omar Haddad"]
    monday = json.loads(due(files, "2026-11-30", "--format", "json").stdout)["calls"]
    assert [(c["prospect"], c["attempt"]) for c in monday][-1] == ("Lee Carter", 2)


def test_a_meeting_ends_the_cycle(files: dict[str, str]) -> None:
    log(files, "Dana", "meeting-booked", "2026-11-23T08:05")
    assert "Dana Jones" not in due(files, "2026-11-25").output


def test_due_without_a_list_reads_the_log(files: dict[str, str]) -> None:
    log(files, "Lee", "no-answer", "2026-11-23T10:00")
    r = run("due", "--on", "2026-11-25", "--log", files["log"], "--config", files["config"])
    assert r.exit_code == 0, r.output
    assert "Lee Carter (Pine Ridge Dental)" in r.output and "Dana" not in r.output


def test_due_refuses_a_bad_date(files: dict[str, str]) -> None:
    r = due(files, "26/11/2026")
    assert r.exit_code == 2
    assert r.output == (
        "voicemail-coach: --on: cannot read the date '26/11/2026'; write it like 2026-11-26\n"
    )


# --- stats --------------------------------------------------------------------------------


def test_stats_gives_counts_and_not_enough_data(files: dict[str, str]) -> None:
    draft(files, "Dana", "2026-11-23T08:00")
    log(files, "Dana", "left-voicemail", "2026-11-23T08:05")
    log(files, "Dana", "called-back", "2026-11-23T15:00")
    r = run("stats", "--log", files["log"], "--config", files["config"])
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == [
        f"{files['log']}: 2 attempts, 1 voicemail left",
        "by style:",
        "  warm-cold-call: 1 voicemail; callbacks not enough data (1 of 1; 10 voicemails "
        "needed); meetings not enough data (0 of 1; 10 voicemails needed)",
        "by template:",
        "  built-in warm-cold-call.j2: 1 voicemail; callbacks not enough data (1 of 1; 10 "
        "voicemails needed); meetings not enough data (0 of 1; 10 voicemails needed)",
    ]


def test_stats_gives_rates_from_ten_voicemails(files: dict[str, str]) -> None:
    from voicemail_coach.touches.log import Attempt

    from .conftest import CHICAGO

    with TouchLog(files["log"]) as touches:
        for n in range(12):
            at = datetime(2026, 11, 2 + n, 9, tzinfo=CHICAGO)
            key = f"id:{n}"
            touches.record(Attempt(key, f"P{n}", "Co", at, "left-voicemail", "follow-up", "x"))
            if n < 3:
                touches.record(Attempt(key, f"P{n}", "Co", at.replace(hour=15), "called-back"))
            if n == 0:
                touches.record(Attempt(key, f"P{n}", "Co", at.replace(hour=16), "meeting-booked"))
    r = run("stats", "--log", files["log"], "--config", files["config"], "--format", "json")
    [style] = json.loads(r.stdout)["styles"]
    assert style == {
        "name": "follow-up",
        "voicemails": 12,
        "callbacks": 3,
        "meetings": 1,
        "callback_rate": 0.25,
        "meeting_rate": 0.083,
    }
    text = run("stats", "--log", files["log"], "--config", files["config"]).output
    assert "  follow-up: 12 voicemails; callbacks 25% (3 of 12); meetings 8% (1 of 12)" in text


# --- --ics --------------------------------------------------------------------------------


def test_draft_ics_holds_are_at_the_json_instants(files: dict[str, str], tmp_path: Path) -> None:
    import icalendar

    ics = tmp_path / "holds.ics"
    r = run(
        "draft", files["prospects"], "--now", "2026-11-23T08:00", "--format", "json",
        "--config", files["config"], "--ics", str(ics),
    )  # fmt: skip
    assert r.exit_code in (0, 1), r.output
    whens = sorted(
        datetime.fromisoformat(t["when"])
        for d in json.loads(r.stdout)["drafts"]
        for t in d["proposed_times"]
    )
    events = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert sorted(e.decoded("dtstart") for e in events) == whens and len(whens) == 6
    assert "6 calendar holds written to" in r.stderr


def test_ics_never_overwrites_the_prospects_file(files: dict[str, str]) -> None:
    before = Path(files["prospects"]).read_text(encoding="utf-8")
    r = run(
        "draft", files["prospects"], "--now", "2026-11-23T08:00", "--config", files["config"],
        "--ics", files["prospects"],
    )  # fmt: skip
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert Path(files["prospects"]).read_text(encoding="utf-8") == before


def test_batch_ics_holds_are_at_the_jsonl_instants(files: dict[str, str], tmp_path: Path) -> None:
    import icalendar

    out, ics = tmp_path / "out.jsonl", tmp_path / "holds.ics"
    r = run(
        "batch", files["prospects"], "--out", str(out), "--now", "2026-11-23T08:00",
        "--config", files["config"], "--ics", str(ics), "--jobs", "1",
    )  # fmt: skip
    assert r.exit_code in (0, 1), r.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    whens = sorted(
        datetime.fromisoformat(t["when"]) for rec in records for t in rec.get("proposed_times", ())
    )
    events = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert sorted(e.decoded("dtstart") for e in events) == whens and len(whens) == 6


# --- the library pieces -------------------------------------------------------------------


def test_held_slots_count_against_the_limit_and_avoided_ones_are_never_offered() -> None:
    from voicemail_coach.models import Caller, Prospect
    from voicemail_coach.schedule import SlotPlanner

    from .conftest import NOW

    caller = Caller("Freda Whitehouse", "ABC Company", "901-555-2120", timezone="America/Chicago")
    dana = Prospect("Dana Jones", "Acme Logistics", timezone="America/Chicago")
    fresh = SlotPlanner(caller, NOW, max_per_slot=1).next_step(dana).slots
    held = SlotPlanner(caller, NOW, max_per_slot=1)
    held.hold(fresh)  # offered in an earlier run, not yet passed
    assert not set(held.next_step(dana).slots) & set(fresh)
    passed = SlotPlanner(caller, NOW, max_per_slot=1)
    passed.hold([NOW - timedelta(days=1)])  # a passed slot holds nothing
    assert passed.offered() == {}
    avoiding = SlotPlanner(caller, NOW, max_per_slot=None)
    again = avoiding.next_step(dana, avoid=fresh[:1]).slots
    assert fresh[0] not in again and avoiding.next_step(dana).slots[0] == fresh[0]


def test_the_cycle_rule_picks_follow_up_then_the_straight_pitch() -> None:
    from voicemail_coach.models import Earlier, History, Prospect, Referral
    from voicemail_coach.policy.recommend import follow_cycle, rules

    from .conftest import NOW

    sam = Prospect("Sam Okafor", "Northwind", referral=Referral("Joe Sampson", confirmed=True))
    table = rules()
    styles = ("follow-up", "straight-pitch", "referral", "warm-cold-call")
    assert follow_cycle(sam, History(), table, None, styles).style == "referral"
    left = (Earlier(NOW, "referral", "Hi Sam, ..."),)
    second = follow_cycle(sam, History(1, False, left), table, None, styles)
    assert second.style == "follow-up"
    assert second.reason == (
        "attempt 2; 1 voicemail left, the last on Mon 2026-11-23 (referral): refer to it once "
        "and propose new times"
    )
    last = follow_cycle(sam, History(4, True, left * 3), table, None, styles)
    assert last.style == "straight-pitch"
    # Without a follow-up style (an author removed it), the data decides as before.
    assert follow_cycle(sam, History(1, False, left), table, None, ("referral",)).style == (
        "referral"
    )


def test_previous_says_the_day_as_a_listener_hears_it() -> None:
    from voicemail_coach.drafting import Previous
    from voicemail_coach.models import Earlier, Prospect

    from .conftest import NOW

    lee = Prospect("Lee Carter", "Pine Ridge Dental", need="missed appointments")
    tuesday = Earlier(NOW - timedelta(days=6), "warm-cold-call", "Hi Lee, ...")
    said = Previous.of(tuesday, lee, NOW)
    assert (said.day, said.when, said.topic, said.number) == (
        "Tuesday", "Tuesday", "missed appointments", 1,
    )  # fmt: skip
    older = Previous.of(Earlier(NOW - timedelta(days=7), None, "Hi Lee"), lee, NOW, 2)
    assert (older.when, older.number) == ("Monday, November 16", 2)


def test_draft_without_a_log_imports_neither_sqlite3_nor_the_touches(files: dict[str, str]) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from voicemail_coach.cli import cli\n"
        f"r = CliRunner().invoke(cli, ['draft', {files['prospects']!r}, '--now', "
        f"'2026-11-23T08:00', '--config', {files['config']!r}])\n"
        "assert r.exit_code in (0, 1), r.output\n"
        "print('sqlite3' in sys.modules, "
        "any(m.startswith('voicemail_coach.touches') for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


def test_nothing_below_the_command_line_imports_the_touches() -> None:
    import re

    package = Path(__file__).resolve().parent.parent / "voicemail_coach"
    importing = sorted(
        str(p.relative_to(package))
        for p in package.rglob("*.py")
        if "touches" not in p.parts
        and re.search(r"from \.+touches|import .*touches", p.read_text())
    )
    assert importing == ["cli.py"]


def test_batch_with_a_log_follows_the_cycle_and_keeps_nothing(
    files: dict[str, str], tmp_path: Path
) -> None:
    first = draft(files, "Dana", "2026-11-23T08:00")
    log(files, "Dana", "left-voicemail", "2026-11-23T08:05")
    with TouchLog(files["log"]) as touches:
        kept = touches.last_draft("phone:2125550101")
    out = tmp_path / "out.jsonl"
    r = run(
        "batch", files["prospects"], "--out", str(out), "--now", "2026-11-25T08:00",
        "--log", files["log"], "--config", files["config"], "--jobs", "1",
    )  # fmt: skip
    assert r.exit_code in (0, 1), r.output
    records = {
        rec["prospect"]: rec
        for rec in map(json.loads, out.read_text(encoding="utf-8").splitlines())
        if "prospect" in rec
    }
    assert {n: rec["style"] for n, rec in records.items()} == {
        "Dana Jones": "follow-up",
        "Lee Carter": "warm-cold-call",
        "Omar Haddad": "third-party",
    }
    dana = {t["when"] for t in records["Dana Jones"]["proposed_times"]}
    assert not dana & {t["when"] for t in first["proposed_times"]}
    with TouchLog(files["log"]) as touches:
        assert touches.last_draft("phone:2125550101") == kept
        assert touches.last_draft("phone:4045550190") is None


def test_a_draft_whose_slots_have_passed_is_not_logged_as_left(files: dict[str, str]) -> None:
    draft(files, "Dana", "2026-11-23T08:00")  # offers Tuesday the 24th at 10 or 11 her time
    r = log(files, "Dana", "left-voicemail", "2026-11-25T08:00")
    assert r.exit_code == 2
    assert r.output == (
        "voicemail-coach: the last draft for Dana Jones offers Tue 2026-11-24 09:00, which is "
        "past at Wed 2026-11-25 08:00; draft again first (a passed slot is never offered)\n"
    )
    with TouchLog(files["log"]) as touches:
        assert touches.attempts() == []

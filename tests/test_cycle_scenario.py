"""The judged scenario: two weeks of the follow-up cycle over a 20-prospect list, through the CLI.

Each day: ``due --on DAY``; ``draft`` the list (the log keeps each script); then ``log`` every
call listed: ``left-voicemail`` where the list says to leave one, else ``no-answer``. Two
prospects answer (a callback, a meeting). Afterwards the log must show that the calls followed
the cadence, no slot was offered twice to a prospect (so no passed one), no script was left
twice, the second voicemail was a follow-up and the last attempt the straight pitch, and no
slot was held for more prospects than ``max_per_slot`` across the runs.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from voicemail_coach.cli import cli
from voicemail_coach.schedule.holidays import Calendar, Party
from voicemail_coach.touches.cadence import add_business_days
from voicemail_coach.touches.log import TouchLog

ZONES = {
    "New York": ("America/New_York", "212"),
    "Chicago": ("America/Chicago", "312"),
    "Denver": ("America/Denver", "720"),
    "Los Angeles": ("America/Los_Angeles", "213"),
}
PEOPLE = [
    ("Dana Jones", "Acme Logistics", "New York", "late freight invoices"),
    ("Omar Haddad", "Crest Insurance", "New York", "slow claim handling"),
    ("Priya Raman", "Harbor Analytics", "New York", None),
    ("Sam Okafor", "Northwind Foods", "New York", "supplier onboarding"),
    ("Grace Liu", "Lakeside Clinics", "New York", "missed appointments"),
    ("Mateo Garcia", "Bluewater Freight", "Chicago", "driver turnover"),
    ("Ann Kowalski", "Prairie Bank", "Chicago", "loan paperwork"),
    ("Ben Foster", "Foster & Sons", "Chicago", None),
    ("Chloe Martin", "Midway Printing", "Chicago", "reprint costs"),
    ("Eli Novak", "Lakeshore Hotels", "Chicago", "front-desk staffing"),
    ("Ivy Tran", "Pine Ridge Dental", "Denver", "missed appointments"),
    ("Jack Reyes", "Summit Outfitters", "Denver", "returns handling"),
    ("Kara Singh", "Red Rock Energy", "Denver", "field reports"),
    ("Liam O'Brien", "Front Range Realty", "Denver", None),
    ("Maya Cohen", "Golden Gate Legal", "Los Angeles", "billing disputes"),
    ("Noah Kim", "Pacific Produce", "Los Angeles", "cold-chain losses"),
    ("Olga Petrova", "Sunset Studios", "Los Angeles", "contract renewals"),
    ("Paul Mensah", "Harborline Shipping", "Los Angeles", "customs delays"),
    ("Rosa Diaz", "Valley Dental Group", "Los Angeles", "new-patient intake"),
    ("Tom Becker", "Canyon Software", "Los Angeles", "trial conversions"),
]
CALLS_BACK = "Grace Liu"  # calls back after the first voicemail
BOOKS = "Eli Novak"  # books a meeting when reached on the third attempt
WAITS = (2, 2, 2, 2, 0)
VOICEMAIL = (True, False, True, True, True)
FIRST_DAY = date(2026, 11, 16)  # a Monday; Thursday the 26th is Thanksgiving


def prospects_yaml() -> str:
    """Return the 20-prospect list, with a caller in Chicago."""
    lines = [
        "caller:",
        "  name: Freda Whitehouse",
        "  company: ABC Company",
        "  phone: 901-555-2120",
        "  timezone: America/Chicago",
        "  country: US",
        "prospects:",
    ]
    for n, (name, company, city, need) in enumerate(PEOPLE):
        zone, area = ZONES[city]
        lines += [
            f'  - name: "{name}"',
            f'    company: "{company}"',
            f"    phone: {area}-555-{100 + n:04d}",
            f"    timezone: {zone}",
            "    country: US",
        ]
        if need:
            lines.append(f"    need: {need}")
    return "\n".join(lines) + "\n"


def cli_run(*args: str) -> Any:
    """Run the command line; a traceback fails the test."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_two_weeks_of_the_cycle(tmp_path: Path) -> None:
    prospects = tmp_path / "prospects.yaml"
    prospects.write_text(prospects_yaml(), encoding="utf-8")
    config = tmp_path / "voicemail-coach.yaml"
    steps = "\n".join(
        f"  - {{voicemail: {'yes' if v else 'no'}, wait: {w}}}"
        for v, w in zip(VOICEMAIL, WAITS, strict=True)
    )
    config.write_text(f"log: cycle.sqlite\nmax_per_slot: 2\ncadence:\n{steps}\n", encoding="utf-8")
    common = ("--config", str(config))
    listed: dict[date, list[dict[str, Any]]] = {}
    for offset in range(14):
        day = FIRST_DAY + timedelta(days=offset)
        r = cli_run("due", str(prospects), "--on", day.isoformat(), "--format", "json", *common)
        assert r.exit_code == 0, r.output
        doc = json.loads(r.stdout)
        calls = doc["calls"]
        listed[day] = calls
        if day.weekday() >= 5 or day == date(2026, 11, 26):
            assert calls == [] and doc["closed"], (day, doc)
            continue
        instants = [datetime.fromisoformat(c["at"]) for c in calls]
        assert instants == sorted(instants)  # by the clock
        r = cli_run("draft", str(prospects), "--now", f"{day}T07:00", "--format", "json", *common)
        assert r.exit_code in (0, 1), r.output
        for call in calls:
            name = call["prospect"]
            outcome = "left-voicemail" if call["voicemail"] else "no-answer"
            if name == BOOKS and call["attempt"] == 3:
                outcome = "meeting-booked"
            args = ("--prospect", name, "--outcome", outcome, "--when", call["at"])
            r = cli_run("log", str(prospects), *args, *common)
            assert r.exit_code == 0, r.output
            if name == CALLS_BACK and outcome == "left-voicemail":
                later = datetime.fromisoformat(call["at"]) + timedelta(hours=3)
                args = ("--prospect", name, "--outcome", "called-back")
                r = cli_run("log", str(prospects), *args, "--when", later.isoformat(), *common)
                assert r.exit_code == 0, r.output

    with TouchLog(tmp_path / "cycle.sqlite") as touches:
        attempts = touches.attempts()
    by_name: dict[str, list[Any]] = defaultdict(list)
    for a in attempts:
        by_name[a.name].append(a)
    assert set(by_name) == {p[0] for p in PEOPLE}  # everyone was called

    # Monday the 16th: everyone's first call, east first (9 a.m. in each zone).
    first = listed[FIRST_DAY]
    assert len(first) == 20
    cities = [next(p[2] for p in PEOPLE if p[0] == c["prospect"]) for c in first]
    assert cities == sorted(cities, key=list(ZONES).index)

    holidays = Calendar((Party("US"),))

    def caller_days_off(day: date) -> bool:
        return holidays.closed(day) is not None

    slot_holders: dict[datetime, set[str]] = defaultdict(set)
    for name, found in by_name.items():
        calls = [a for a in found if a.outcome != "called-back"]
        left = [a for a in found if a.outcome == "left-voicemail"]
        # Calls follow the cadence: each comes after the wait, or at a slot offered for it.
        for k, (before, after) in enumerate(pairwise(calls)):
            promised = any(s == after.at for v in left if v.at < after.at for s in v.slots)
            ready = add_business_days(before.at.date(), WAITS[k], caller_days_off)
            assert after.at.date() == ready or promised, (name, k, before.at, after.at)
            if after.outcome == "left-voicemail":
                assert VOICEMAIL[k + 1] and after.at.date() >= ready, (name, k)
        # Voicemails are never on consecutive business days.
        for a, b in pairwise(left):
            assert add_business_days(a.at.date(), 2, caller_days_off) <= (b.at.date()), (
                name,
                a.at,
                b.at,
            )
        # No slot offered twice to the same prospect (so never a passed one), all ahead.
        offered = [s for v in left for s in v.slots]
        assert len(offered) == len(set(offered)), name
        assert all(s > v.at for v in left for s in v.slots), name
        # No script left twice, nor its opener.
        scripts = [v.script for v in left]
        assert len(set(scripts)) == len(scripts), name
        assert len({s.split(".")[0] for s in scripts if s}) == len(scripts), name
        # The first by the data, the second a follow-up, the last attempt the straight pitch.
        styles = [v.style for v in left]
        if len(styles) >= 2:
            assert styles[1] == "follow-up", (name, styles)
        if len(calls) == 5 and calls[-1].outcome == "left-voicemail":
            assert styles[-1] == "straight-pitch", (name, styles)
            assert all(s == "follow-up" for s in styles[1:-1]), (name, styles)
        for v in left:
            for s in v.slots:
                if s > v.at:
                    slot_holders[s].add(name)

    assert [a.outcome for a in by_name[CALLS_BACK]] == ["left-voicemail", "called-back"]
    assert by_name[BOOKS][-1].outcome == "meeting-booked"
    finished = [n for n, f in by_name.items() if len(f) == 5]
    assert len(finished) >= 15  # the others stopped: the callback, the meeting
    assert all(by_name[n][-1].style == "straight-pitch" for n in finished)
    # Held slots count across runs: no slot was ever offered to more than max_per_slot.
    assert max(len(names) for names in slot_holders.values()) <= 2

"""Public holidays and days off: never proposed, named when a slot falls on one, read lazily."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import holidays
import pytest

from voicemail_coach.config import Config, load_config
from voicemail_coach.errors import ConfigError, SlotError
from voicemail_coach.models import Caller, Prospect
from voicemail_coach.schedule import MAX_PER_SLOT, next_step, parse_days_off
from voicemail_coach.schedule.holidays import Calendar, Party, holiday_name
from voicemail_coach.times import find_proposed_times

CHI = ZoneInfo("America/Chicago")
LON = ZoneInfo("Europe/London")
REP = Caller("Freda Whitehouse", "ABC Company", "901-555-2120", timezone="America/Chicago")


@dataclass(frozen=True)
class PlacedProspect(Prospect):
    """A prospect with the `country:`/`subdivision:` fields the `sources` branch adds."""

    country: str | None = None
    subdivision: str | None = None


def who(phone: str | None = None, tz: str | None = None, **more: object) -> Prospect:
    return Prospect("Dana Jones", "XYZ Company", phone=phone, timezone=tz, **more)  # type: ignore[arg-type]


def walls(slots: tuple[datetime, ...]) -> list[str]:
    return [f"{s:%a %Y-%m-%d %H:%M}" for s in slots]


# --- planning around holidays --------------------------------------------------------------


def test_thanksgiving_week_never_offers_thanksgiving() -> None:
    now = datetime(2026, 11, 25, 15, 0)  # --now 2026-11-25T15:00, read in Chicago
    new_york = next_step(REP, who("212-555-0100"), now)
    assert new_york.text == "Would this Friday at 10 or 11 a.m. your time work for you?"
    chicago = next_step(REP, who("312-555-0100"), now)
    assert chicago.text == "Would this Friday at 9 or 10 a.m. work for you?"
    # Thursday in London is Thanksgiving on the rep's own calendar too.
    london = next_step(REP, who("+44 20 7946 0958"), now)
    assert walls(london.slots) == ["Fri 2026-11-27 15:00", "Fri 2026-11-27 16:00"]
    for step in (new_york, chicago, london):
        assert "Thursday" not in step.text and "tomorrow" not in step.text


def test_christmas_eve_skips_christmas_and_boxing_day_observed() -> None:
    now = datetime(2026, 12, 24, 10, 0)
    # Chicago: Christmas Day is Friday, so Monday the 28th is the first working day.
    assert next_step(REP, who("312-555-0100"), now).phrase == "Monday at 9 or 10 a.m."
    # London: Boxing Day (Saturday) is observed on Monday the 28th.
    london = next_step(REP, who("+44 20 7946 0958"), now)
    assert walls(london.slots) == ["Tue 2026-12-29 15:00", "Tue 2026-12-29 16:00"]
    assert london.phrase == "Tuesday at 3 or 4 p.m. your time"


@pytest.mark.parametrize(
    ("now", "first"),
    [
        (datetime(2026, 12, 31, 10, 0), "Mon 2027-01-04 09:00"),  # New Year's Day, a Friday
        (datetime(2027, 12, 30, 10, 0), "Mon 2028-01-03 09:00"),  # observed on Friday the 31st
    ],
)
def test_new_years_day_and_its_observed_day_are_skipped(now: datetime, first: str) -> None:
    assert walls(next_step(REP, who("312-555-0100"), now).slots)[0] == first


def test_a_uk_rep_calling_manchester_skips_the_august_bank_holiday() -> None:
    rep = Caller("Tom Hale", "Hale & Co", "+44 20 7946 0958")  # no timezone: London, guessed
    manchester = who("0161 496 0000")  # national form, read in the rep's country
    step = next_step(rep, manchester, datetime(2026, 8, 28, 10, 0))
    assert walls(step.slots) == ["Tue 2026-09-01 09:00", "Tue 2026-09-01 10:00"]
    assert step.phrase == "Tuesday at 9 or 10 a.m."
    assert [n.code for n in step.notes] == ["caller-zone-guessed", "zone-guessed"]


def test_a_subdivision_adds_its_own_holidays() -> None:
    # The day after Thanksgiving is a holiday in California, not a federal one.
    la = PlacedProspect("Dana Jones", "XYZ", timezone="America/Los_Angeles", country="US")
    assert walls(next_step(REP, la, datetime(2026, 11, 25, 15)).slots)[0] == "Fri 2026-11-27 09:00"
    california = PlacedProspect(
        "Dana Jones", "XYZ", timezone="America/Los_Angeles", country="US", subdivision="CA"
    )
    step = next_step(REP, california, datetime(2026, 11, 25, 15))
    assert step.phrase == "Monday at 9 or 10 a.m. your time"


def test_a_country_the_record_names_wrong_is_bad_input() -> None:
    bad = PlacedProspect("Dana Jones", "XYZ", country="XX", source="prospects.yaml", line=7)
    with pytest.raises(SlotError) as caught:
        next_step(REP, bad, datetime(2026, 11, 23, 9))
    assert str(caught.value) == (
        "prospects.yaml:7: no public holidays are known for country XX of Dana Jones; "
        "use an ISO 3166 code like US, GB or IN (and a subdivision like CA or ENG)"
    )


def test_a_prospect_of_no_known_country_gets_a_note() -> None:
    step = next_step(REP, who(tz="UTC"), datetime(2026, 11, 23, 9))
    assert [(n.code, n.message) for n in step.notes] == [
        (
            "holidays-unknown",
            "no country is known for Dana Jones, so their public holidays are not avoided; "
            "add country: (and subdivision:) to be sure",
        )
    ]


def test_days_off_are_never_proposed() -> None:
    off = parse_days_off(["2026-12-28..2026-12-31"])
    step = next_step(REP, who("312-555-0100"), datetime(2026, 12, 24, 10), days_off=off)
    assert step.phrase == "Monday the 4th at 9 or 10 a.m."  # 2027-01-04: New Year's Day is Friday


# --- explicit slots on a holiday -----------------------------------------------------------


def test_an_explicit_slot_on_a_holiday_names_the_holiday() -> None:
    p = who(tz="America/Chicago", slots=(datetime(2026, 11, 26, 10),))
    step = next_step(REP, p, datetime(2026, 11, 23, 9))
    assert [(n.code, n.message) for n in step.notes] == [
        ("slot-on-holiday", "slot Thursday 2026-11-26 is Thanksgiving Day in the US")
    ]
    assert step.slots[0].day == 26  # kept: the rep chose it


def test_an_explicit_slot_on_the_prospects_holiday_names_their_country() -> None:
    p = who("+44 20 7946 0958", slots=(datetime(2026, 12, 28, 15),))
    step = next_step(REP, p, datetime(2026, 12, 21, 9), days_off=parse_days_off("2026-12-28"))
    assert [(n.code, n.message) for n in step.notes] == [
        ("zone-guessed", step.notes[0].message),
        ("slot-on-holiday", "slot Monday 2026-12-28 is Boxing Day (observed) in the UK"),
        ("slot-on-holiday", "slot Monday 2026-12-28 is a day off (days_off in the config)"),
    ]


# --- parse_days_off and the calendar -------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "days"),
    [
        ("2026-12-24", [date(2026, 12, 24)]),
        ("2026-12-28..2026-12-30", [date(2026, 12, 28), date(2026, 12, 29), date(2026, 12, 30)]),
        ("2026-12-30 to 2027-01-01", [date(2026, 12, 30), date(2026, 12, 31), date(2027, 1, 1)]),
        (["2026-07-03", "2026-07-03/2026-07-04"], [date(2026, 7, 3), date(2026, 7, 4)]),
        ([], []),
    ],
)
def test_parse_days_off(raw: object, days: list[date]) -> None:
    assert parse_days_off(raw) == frozenset(days)


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("Christmas", "cannot read day off 'Christmas'; write dates like 2026-12-24"),
        ("2026-02-30", "day off '2026-02-30' is not a calendar date"),
        ("2026-12-31..2026-12-28", "ends before it starts"),
        ("2026-01-01..2027-06-01", "longer than a year"),
        (["2026-12-24", 12], "cannot read day off '12'"),
    ],
)
def test_parse_days_off_says_how_to_fix(raw: object, says: str) -> None:
    with pytest.raises(ValueError, match=re.escape(says)):
        parse_days_off(raw)


def test_uk_without_a_subdivision_is_england_and_observed_days_count() -> None:
    assert holiday_name(date(2026, 8, 31), "GB") == "Late Summer Bank Holiday"
    assert holiday_name(date(2026, 7, 3), "US") == "Independence Day (observed)"
    assert holiday_name(date(2026, 7, 6), "US") is None
    calendar = Calendar((Party("US"), Party("GB")))
    assert calendar.closed(date(2026, 4, 6)) == "Easter Monday in the UK"
    assert calendar.closed(date(2026, 11, 26)) == "Thanksgiving Day in the US"
    assert calendar.closed(date(2026, 11, 27)) is None


# --- the property: two years, four countries -----------------------------------------------

PROSPECTS = {
    "US": who("212-555-0100"),
    "CA": who("416-555-0100"),  # Toronto
    "GB": who("+44 20 7946 0958"),
    "AU": who("+61 2 9999 1111"),  # Sydney: the rep's hours meet it only in some seasons
}
REFERENCE = {
    code: holidays.country_holidays(
        code, subdiv="ENG" if code == "GB" else None, years=range(2026, 2029)
    )
    for code in (*PROSPECTS, "US")
}


def test_two_years_of_proposals_avoid_holidays_weekends_and_night() -> None:
    day = date(2026, 1, 1)
    hours = (8, 13, 17)
    n = 0
    while day <= date(2027, 12, 31):
        # Each day one country at one time of day; every combination recurs every 12 days.
        now = datetime(day.year, day.month, day.day, hours[n % 3], 30, tzinfo=CHI)
        for country, prospect in list(PROSPECTS.items())[n % 4 : n % 4 + 1]:
            step = next_step(REP, prospect, now)
            assert not re.search(r"\b(today|tomorrow|tonight)\b", step.text), step.text
            for slot in step.slots:
                where = f"{country} {slot:%a %Y-%m-%d %H:%M} (now {now:%Y-%m-%d %H:%M})"
                assert slot.weekday() < 5, where
                assert 8 <= slot.hour < 21, where
                assert slot.date() not in REFERENCE[country], where
                assert slot.astimezone(CHI).date() not in REFERENCE["US"], where
            said = find_proposed_times(step.text, now=now.astimezone(step.slots[0].tzinfo))
            assert said and said[0].when == step.slots[0], (step.text, now)
        day += timedelta(days=1)
        n += 1


# --- lazy import ---------------------------------------------------------------------------


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(out.stdout.split())


def test_score_never_imports_holidays() -> None:
    loaded = _modules_after(
        "import voicemail_coach as vc\nfrom datetime import datetime\n"
        "vc.score('Hi Dana, this is Freda from ABC Company, 901-555-2120. Would Thursday at 10 "
        "a.m. work? Call me at 901-555-2120.', now=datetime(2026, 11, 25, 15))"
    )
    assert "voicemail_coach.checks" in loaded
    assert "holidays" not in loaded


def test_holidays_are_imported_only_when_a_country_and_a_time_are_judged() -> None:
    base = (
        "from datetime import datetime\nfrom zoneinfo import ZoneInfo\n"
        "from voicemail_coach.schedule import assess_moment\n"
        "z = ZoneInfo('America/Chicago')\n"
    )
    assert "holidays" not in _modules_after(
        base
        + "assess_moment(datetime(2026, 11, 26, 10, tzinfo=z), datetime(2026, 11, 25, tzinfo=z))"
    )
    assert "holidays" in _modules_after(
        base + "assess_moment(datetime(2026, 11, 26, 10, tzinfo=z), "
        "datetime(2026, 11, 25, tzinfo=z), country='US')"
    )


# --- days_off and max_per_slot in the config -----------------------------------------------


def test_the_config_reads_days_off_and_max_per_slot(tmp_path: Path) -> None:
    path = tmp_path / "voicemail-coach.yaml"
    path.write_text("days_off: [2026-12-24, 2026-12-28..2026-12-31]\nmax_per_slot: 8\n")
    config = load_config(path)
    assert config.days_off == frozenset(
        [date(2026, 12, 24), *(date(2026, 12, d) for d in range(28, 32))]
    )
    assert config.max_per_slot == 8
    assert Config().max_per_slot == MAX_PER_SLOT == 5  # the planner's default, kept in step
    assert Config().days_off == frozenset()


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("days_off: [2026-12-24, Boxing Day]\n", ":1: days_off: cannot read day off 'Boxing Day'"),
        ("checks: {}\ndays_off: 2026-12-31..2026-12-01\n", ":2: days_off: day-off range"),
        ("max_per_slot: 0\n", ":1: max_per_slot must be a whole number of at least 1, not '0'"),
        ("max_per_slot: lots\n", ":1: max_per_slot must be a whole number"),
    ],
)
def test_bad_days_off_or_max_per_slot_name_the_file_and_line(
    tmp_path: Path, body: str, says: str
) -> None:
    path = tmp_path / "voicemail-coach.yaml"
    path.write_text(body)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(str(path) + says)


def test_draft_skips_the_configured_days_off() -> None:
    import voicemail_coach as vc

    config = Config(days_off=parse_days_off("2026-12-28..2026-12-31"))
    p = Prospect("Dana Jones", "XYZ", phone="312-555-0100", need="fewer disputes")
    d = vc.draft(p, "warm-cold-call", REP, datetime(2026, 12, 24, 10), config=config)
    assert "Would Monday the 4th at 9 or 10 a.m. work for you?" in d.text


def test_the_command_line_never_proposes_thanksgiving() -> None:
    from click.testing import CliRunner

    from voicemail_coach.cli import cli

    examples = Path(__file__).parent.parent / "examples" / "prospects.yaml"
    args = ["draft", str(examples), "--now", "2026-11-25T15:00", "--format", "json"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    drafts = json.loads(result.output)["drafts"]
    assert len(drafts) >= 4
    for d in drafts:
        assert d["proposed_times"], d["text"]
        for said in d["proposed_times"]:
            assert not said["when"].startswith("2026-11-26"), said
        assert "tomorrow" not in d["text"] and "Thursday" not in d["text"]


def test_days_off_apply_without_a_caller_too() -> None:
    p = who(tz="America/Chicago")
    now = datetime(2026, 12, 24, 10, tzinfo=CHI)
    step = next_step(None, p, now, days_off=parse_days_off("2026-12-28..2026-12-29"))
    assert walls(step.slots)[0] == "Wed 2026-12-30 09:00"  # no caller: only days off apply
    chosen = who(tz="America/Chicago", slots=(datetime(2026, 12, 28, 10),))
    step = next_step(None, chosen, now, days_off=parse_days_off("2026-12-28"))
    assert [n.message for n in step.notes] == [
        "slot Monday 2026-12-28 is a day off (days_off in the config)"
    ]

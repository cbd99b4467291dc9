"""Policy: every finding's level comes from the layers of settings, in the documented order.

built-in default < style metadata < config file < command line; within a layer an outcome's id
beats its check's; a higher layer's check-level setting beats a lower layer's outcome-level one.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import voicemail_coach as vc
from voicemail_coach import readability, speech
from voicemail_coach.checks import all_ids
from voicemail_coach.cli import cli
from voicemail_coach.config import Config, parse_check_settings, parse_command_line
from voicemail_coach.models import Caller, Note, Prospect
from voicemail_coach.review import review
from voicemail_coach.schedule import parse_hours

from .conftest import CHICAGO, NOW
from .examples import GOOD, LONG

CLI_NOW = ("--now", "2026-11-23T09:00-06:00")


def configured(
    style: dict[str, Any] | None = None,
    config: dict[str, Any] | None = None,
    command_line: dict[str, str] | None = None,
) -> Config:
    """Return a Config with the three layers above the built-in defaults."""
    made = Config(checks=parse_check_settings(config or {}, "cfg.yaml", name="config file"))
    made = made.for_style(style or {}, "style.j2")
    return made.with_command_line(f"{k}={v}" for k, v in (command_line or {}).items())


@pytest.mark.parametrize(
    ("finding_id", "style", "config", "command_line", "level", "set_by"),
    [
        # the built-in table: an outcome's own default beats its check's
        ("length.far-too-long", None, None, None, "error", "built-in"),
        ("length.too-long", None, None, None, "warning", "built-in"),
        ("length.too-short", None, None, None, "suggestion", "built-in"),
        ("number-repeated.not-early-and-late", None, None, None, "suggestion", "built-in"),
        # a higher layer's check-level setting beats a lower layer's outcome-level one
        ("length.far-too-long", None, {"length": "suggestion"}, None, "suggestion", "config file"),
        (
            "length.far-too-long",
            {"length.far-too-long": "warning"},
            {"length": "suggestion"},
            None,
            "suggestion",
            "config file",
        ),
        (
            "number-repeated.not-early-and-late",
            None,
            {"number-repeated": "error"},
            None,
            "error",
            "config file",
        ),
        # an outcome-level setting in a higher layer beats a check-level one below it
        (
            "length.far-too-long",
            {"length": "suggestion"},
            {"length.far-too-long": "warning"},
            None,
            "warning",
            "config file",
        ),
        # within one layer, the outcome's id beats its check's
        (
            "length.too-long",
            None,
            {"length": "suggestion", "length.too-long": "error"},
            None,
            "error",
            "config file",
        ),
        (
            "length.far-too-long",
            None,
            {"length": "suggestion", "length.too-long": "error"},
            None,
            "suggestion",
            "config file",
        ),
        (
            "length.too-short",
            None,
            {"length": "error", "length.too-short": "off"},
            None,
            None,
            "config file",
        ),
        # style < config file < command line
        (
            "proposed-time.missing",
            {"proposed-time": "error"},
            None,
            None,
            "error",
            "style style.j2",
        ),
        (
            "proposed-time.missing",
            {"proposed-time": "error"},
            {"proposed-time": "warning"},
            None,
            "warning",
            "config file",
        ),
        (
            "proposed-time.missing",
            {"proposed-time": "error"},
            {"proposed-time": "warning"},
            {"proposed-time": "suggestion"},
            "suggestion",
            "command line",
        ),
        (
            "length.too-long",
            None,
            {"length": "error"},
            {"length.too-long": "suggestion"},
            "suggestion",
            "command line",
        ),
        # off, and switched back on by a higher layer
        ("weak-phrases.filler", None, {"weak-phrases": "off"}, None, None, "config file"),
        (
            "weak-phrases.filler",
            None,
            {"weak-phrases": "off"},
            {"weak-phrases.filler": "warning"},
            "warning",
            "command line",
        ),
        (
            "length.too-long",
            None,
            {"length": "off"},
            {"length.too-long": "error"},
            "error",
            "command line",
        ),
        (
            "length.far-too-long",
            None,
            {"length": "off"},
            {"length.too-long": "error"},
            None,
            "config file",
        ),
        (
            "length.too-long",
            {"length.too-long": "off"},
            {"length": "warning"},
            None,
            "warning",
            "config file",
        ),
        ("length.too-long", {"length": "off"}, None, None, None, "style style.j2"),
        # an opt-in outcome: only its own id switches it on; its check's level then applies
        ("proposed-time.zone-guessed", None, None, None, None, "built-in"),
        ("proposed-time.zone-guessed", {"proposed-time": "error"}, None, None, None, "built-in"),
        (
            "proposed-time.zone-guessed",
            None,
            {"proposed-time.zone-guessed": "suggestion"},
            None,
            "suggestion",
            "config file",
        ),
        (
            "proposed-time.zone-guessed",
            None,
            {"proposed-time.zone-guessed": "suggestion"},
            {"proposed-time": "error"},
            "error",
            "command line",
        ),
        (
            "proposed-time.zone-guessed",
            {"proposed-time.zone-guessed": "warning"},
            {"proposed-time": "off"},
            None,
            None,
            "config file",
        ),
    ],
)
def test_precedence(
    finding_id: str,
    style: dict[str, Any] | None,
    config: dict[str, Any] | None,
    command_line: dict[str, str] | None,
    level: str | None,
    set_by: str,
) -> None:
    resolved = configured(style, config, command_line).resolve(finding_id)
    assert (resolved.level, resolved.set_by) == (level, set_by)


@pytest.mark.parametrize("finding_id", all_ids())
def test_every_id_can_be_relevelled_and_switched_off_in_every_layer(finding_id: str) -> None:
    for layer in ("style", "config", "command_line"):
        for level in ("suggestion", "warning", "error", "off"):
            resolved = configured(**{layer: {finding_id: level}}).resolve(finding_id)
            assert resolved.level == (None if level == "off" else level), (layer, level)


# --- the same rules, seen on real scripts ---------------------------------------------------

FIFTY_SECONDS = LONG + (
    " We also run short workshops for team leads, with a follow-up session a month later, and "
    "a simple guide your managers can keep on their desks."
)


def test_a_configured_length_level_beats_the_built_in_far_too_long(tmp_path: Path) -> None:
    """The issue's case: `length: suggestion` makes a 50-second script pass --fail-on error."""
    assert 45 < vc.score(FIFTY_SECONDS, now=NOW).metrics.seconds < 60  # the premise
    path = tmp_path / "voicemail-coach.yaml"
    path.write_text("checks:\n  length: suggestion\n", encoding="utf-8")
    runner = CliRunner()
    plain = runner.invoke(cli, ["score", "-", "--format", "json", *CLI_NOW], input=FIFTY_SECONDS)
    assert plain.exit_code == 1
    (length,) = [
        f for f in json.loads(plain.output)["drafts"][0]["findings"] if f["check"] == "length"
    ]
    assert (length["id"], length["severity"]) == ("length.far-too-long", "error")
    r = runner.invoke(
        cli,
        ["--config", str(path), "score", "-", "--fail-on", "error", "--format", "json", *CLI_NOW],
        input=FIFTY_SECONDS,
    )
    assert r.exit_code == 0, r.output
    draft = json.loads(r.output)["drafts"][0]
    (length,) = [f for f in draft["findings"] if f["check"] == "length"]
    assert (length["id"], length["severity"]) == ("length.far-too-long", "suggestion")
    assert draft["passed"] is True
    # and the command line beats the config file again
    again = runner.invoke(
        cli,
        ["--config", str(path), "score", "-", "--check", "length.far-too-long=error", *CLI_NOW],
        input=FIFTY_SECONDS,
    )
    assert again.exit_code == 1


def test_the_config_file_beats_a_style_and_the_command_line_beats_both(tmp_path: Path) -> None:
    text = (
        "Hi Dana, this is Freda from ABC Company, 901-555-2120. We cut conflict time by a "
        "third. Again, 901-555-2120."
    )
    path = tmp_path / "voicemail-coach.yaml"
    path.write_text("checks:\n  proposed-time: suggestion\n", encoding="utf-8")

    def level(*common: str, style: str | None = None) -> str:
        styled = ["--style", style] if style else []
        args = [*common, "score", "-", *styled, "--format", "json", *CLI_NOW]
        r = CliRunner().invoke(cli, args, input=text)
        assert r.exit_code in (0, 1), r.output
        findings = json.loads(r.output)["drafts"][0]["findings"]
        (found,) = [f for f in findings if f["check"] == "proposed-time"]
        assert found["id"] == "proposed-time.missing"
        return str(found["severity"])

    assert level() == "warning"
    assert level(style="straight-pitch") == "error"
    assert level("--check", "proposed-time=warning", style="straight-pitch") == "warning"
    assert level("--config", str(path), style="straight-pitch") == "suggestion"
    pinned = ("--config", str(path), "--check", "proposed-time.missing=error")
    assert level(*pinned, style="straight-pitch") == "error"


def test_a_switched_off_check_gives_no_finding_and_costs_nothing() -> None:
    text = "Hi Dana, just following up. Call 901-555-2120."
    plain = vc.score(text, now=NOW)
    config = Config().with_command_line(["weak-phrases=off"])
    quiet = vc.score(text, now=NOW, config=config)
    assert [f for f in quiet.findings if f.check == "weak-phrases"] == []
    assert quiet.score == plain.score + 8


# --- the slot planner's notes: each code is an outcome id with its own level ---------------

CALLER = Caller(
    name="Freda Whitehouse",
    company="ABC Company",
    phone="901-555-2120",
    hours=parse_hours("Mon-Fri 09:00-12:00"),
    timezone="America/Chicago",
)


def dana(**fields: Any) -> Prospect:
    base: dict[str, Any] = {
        "name": "Dana Jones",
        "company": "XYZ Company",
        "need": "cutting the time spent on employee conflict",
        "timezone": "America/Chicago",
    }
    return Prospect(**{**base, **fields})


def slot_findings(
    prospect: Prospect,
    style: str = "warm-cold-call",
    config: Config | None = None,
    now: datetime = NOW,
) -> list[tuple[str, str, str]]:
    d = vc.draft(prospect, style, CALLER, now, config=config or Config())
    return [(f.id, f.severity, f.message) for f in d.findings if f.check == "proposed-time"]


def test_slots_outside_hours_are_warnings_by_their_code() -> None:
    found = slot_findings(dana(slots=(datetime(2026, 11, 27, 19, 0),)))
    assert found == [
        (
            "proposed-time.slot-outside-hours",
            "warning",
            "slot 2026-11-27 19:00 is outside Dana Jones's hours (Mon-Fri 09:00-17:00)",
        ),
        (
            "proposed-time.slot-outside-caller-hours",
            "warning",
            "slot 2026-11-27 19:00 is outside Freda Whitehouse's hours (Mon-Fri 09:00-12:00)",
        ),
    ]


def test_a_slot_too_soon_and_listed_twice() -> None:
    soon = datetime(2026, 11, 23, 10, 0)
    found = slot_findings(dana(slots=(soon, soon)))
    assert [(i, level) for i, level, _ in found] == [
        ("proposed-time.slot-too-soon", "warning"),
        ("proposed-time.slot-listed-twice", "warning"),
    ]
    assert "less than 2 hours from now" in found[0][2]


def test_a_repeated_hour_slot() -> None:
    p = dana(
        timezone="America/New_York",
        hours=parse_hours("Daily 00:00-24:00"),
        slots=(datetime(2026, 11, 1, 1, 30),),
    )
    found = slot_findings(p, now=datetime(2026, 10, 28, 8, 0, tzinfo=CHICAGO))
    assert ("proposed-time.slot-repeated-hour", "warning") in [(i, lv) for i, lv, _ in found]


def test_a_guessed_zone_is_off_until_its_own_id_switches_it_on() -> None:
    p = dana(timezone=None, phone="405-555-0199")
    assert slot_findings(p) == []
    assert slot_findings(p, config=Config().with_command_line(["proposed-time=error"])) == []
    on = Config().with_command_line(["proposed-time.zone-guessed=suggestion"])
    (found,) = slot_findings(p, config=on)
    assert found[:2] == ("proposed-time.zone-guessed", "suggestion")
    assert "time zone guessed from phone 405-555-0199" in found[2]


def test_an_unknown_zone_is_a_suggestion_and_a_style_level_applies_to_it() -> None:
    p = dana(timezone=None)
    (found,) = slot_findings(p)
    assert found[:2] == ("proposed-time.zone-unknown", "suggestion")
    assert "no time zone or phone for Dana Jones" in found[2]
    levels = [(i, lv) for i, lv, _ in slot_findings(p, style="straight-pitch")]
    assert levels == [("proposed-time.zone-unknown", "error")]


def test_a_note_code_without_a_row_takes_the_check_level() -> None:
    """A code the slot planner adds later is reported at the proposed-time check's level."""
    note = Note("slot-during-lunch", "Thursday at 12:30 is their lunch hour", (10, 20))
    (found,) = [
        f for f in review(GOOD, notes=[note], now=NOW).findings if f.check == "proposed-time"
    ]
    assert (found.id, found.severity, found.message, found.span) == (
        "proposed-time.slot-during-lunch",
        "warning",
        "Thursday at 12:30 is their lunch hour",
        (10, 20),
    )
    lowered = configured(config={"proposed-time": "suggestion"})
    (found,) = [
        f for f in review(GOOD, notes=[note], config=lowered).findings if f.check == "proposed-time"
    ]
    assert found.severity == "suggestion"
    silenced = configured(command_line={"proposed-time": "off"})
    assert [
        f
        for f in review(GOOD, notes=[note], config=silenced).findings
        if f.check == "proposed-time"
    ] == []


def test_api_keeps_no_level_table_of_its_own() -> None:
    from voicemail_coach import api

    assert not hasattr(api, "NOTE_LEVELS") and not hasattr(api, "_notes")


# --- every JSON field of a draft ------------------------------------------------------------


def test_every_json_field_of_a_scored_script() -> None:
    text = GOOD.replace("Joe Sampson suggested", "I just wanted to say Joe Sampson suggested")
    r = CliRunner().invoke(cli, ["score", "-", "--format", "json", *CLI_NOW], input=text)
    (d,) = json.loads(r.output)["drafts"]
    assert (d["style"], d["prospect"], d["text"]) == (None, None, text)
    words, sentences, grade, ease = readability.figures(text)
    assert d["metrics"]["words"] == words
    assert d["metrics"]["sentences"] == sentences
    assert d["metrics"]["grade"] == grade and d["metrics"]["reading_ease"] == ease
    assert d["metrics"]["grade"] != d["metrics"]["reading_ease"]
    spans = [tuple(s) for c in d["callback_numbers"] for s in c["spans"]]
    assert d["metrics"]["seconds"] == speech.spoken_seconds(text, spans)
    (number,) = d["callback_numbers"]
    assert number["number"] == "+19015552120" and number["count"] == 2
    assert [text[a:b] for a, b in number["spans"]] == ["901-555-2120", "901-555-2120"]
    assert [(t["text"], text[t["span"][0] : t["span"][1]]) for t in d["proposed_times"]] == [
        ("Tuesday at 3", "Tuesday at 3"),
        ("4 p.m.", "4 p.m."),
    ]
    (finding,) = d["findings"]
    assert finding == {
        "id": "weak-phrases.filler",
        "check": "weak-phrases",
        "severity": "warning",
        "message": "filler 'just wanted to' (target: none); say the reason for the call instead",
        "span": [
            text.index("just wanted to"),
            text.index("just wanted to") + len("just wanted to"),
        ],
        "source": finding["source"],
    }
    assert "filler" in finding["source"]
    assert d["score"] == 100 - 8 and d["passed"] is True


def test_a_finding_without_a_span_is_null_in_json() -> None:
    r = CliRunner().invoke(
        cli, ["score", "-", "--format", "json", *CLI_NOW], input="Hi, it's Sam. Call me."
    )
    findings = json.loads(r.output)["drafts"][0]["findings"]
    by_id = {f["id"]: f for f in findings}
    assert by_id["callback-number.missing"]["span"] is None
    assert by_id["length.too-short"]["severity"] == "suggestion"


# --- the checks command --------------------------------------------------------------------


def test_checks_lists_every_id_with_its_default_and_effective_level(tmp_path: Path) -> None:
    path = tmp_path / "voicemail-coach.yaml"
    path.write_text("checks:\n  length: suggestion\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["checks", "--config", str(path), "--check", "reason=off"])
    assert r.exit_code == 0, r.output
    lines = {line.split()[0]: line.split() for line in r.output.splitlines() if line.strip()}
    for finding_id in all_ids():
        assert finding_id in lines, finding_id
    assert lines["length.far-too-long"][1:4] == ["error", "suggestion", "config"]
    assert lines["reason.missing"][1:4] == ["warning", "off", "command"]
    assert lines["proposed-time.zone-guessed"][1:3] == ["off", "off"]
    assert "source:" in r.output and "thresholds: target_min=20" in r.output


def test_checks_json_and_style(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["checks", "--style", "straight-pitch", "--format", "json"])
    assert r.exit_code == 0, r.output
    rows = {row["id"]: row for row in json.loads(r.output)["checks"]}
    assert list(rows) == list(all_ids())
    missing = rows["proposed-time.missing"]
    assert (missing["default"], missing["level"]) == ("warning", "error")
    assert missing["set_by"].startswith("style ") and missing["set_by"].endswith(
        "straight-pitch.j2"
    )
    assert rows["relative-day"]["default"] == "suggestion"
    assert rows["reason"]["source"] and rows["length"]["params"]["error_over"] == 45


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["checks", "--check", "lenght=off"],
            "--check lenght=off: unknown check 'lenght' (did you mean 'length'?)",
        ),
        (["score", "-", "--check", "length"], "--check 'length': write ID=LEVEL"),
        (["--check", "length=loud", "score", "-"], "--check length=loud: level must be"),
    ],
)
def test_a_bad_check_option_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    r = CliRunner().invoke(cli, args, input=GOOD)
    assert r.exit_code == 2
    assert r.output.strip().splitlines() == [r.output.strip()]
    assert message in r.output and "Traceback" not in r.output


def test_check_option_before_or_after_the_command_name() -> None:
    text = "Hi Dana, just following up. Call 901-555-2120."
    for args in (
        ["--check", "weak-phrases=error", "score", "-"],
        ["score", "-", "--check", "weak-phrases=error"],
    ):
        assert CliRunner().invoke(cli, [*args, *CLI_NOW], input=text).exit_code == 1
    assert CliRunner().invoke(cli, ["score", "-", *CLI_NOW], input=text).exit_code == 0


def test_parse_command_line_is_the_layer_the_cli_uses() -> None:
    layer = parse_command_line(["length=off"])
    assert Config(command_line=layer).resolve("length.too-long").level is None


def test_an_explicit_slot_on_a_holiday_is_a_warning_naming_it() -> None:
    found = slot_findings(dana(phone="405-555-0199", slots=(datetime(2026, 11, 26, 10, 0),)))
    assert found == [
        (
            "proposed-time.slot-on-holiday",
            "warning",
            "slot Thursday 2026-11-26 is Thanksgiving Day in the US",
        )
    ]


def test_a_caller_zone_read_from_their_phone_is_a_suggestion() -> None:
    caller = Caller(name="Freda Whitehouse", company="ABC Company", phone="901-555-2120")
    prospect = dana(timezone=None, phone="405-555-0199")
    d = vc.draft(prospect, "warm-cold-call", caller, NOW)
    found = [(f.id, f.severity) for f in d.findings if f.check == "proposed-time"]
    assert found == [("proposed-time.caller-zone-guessed", "suggestion")]
    quiet = Config().with_command_line(["proposed-time.caller-zone-guessed=off"])
    assert [
        f for f in vc.draft(prospect, "warm-cold-call", caller, NOW, config=quiet).findings
    ] == []


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("zone-guessed", None),
        ("zone-unknown", "suggestion"),
        ("caller-zone-guessed", "suggestion"),
        ("caller-zone-unknown", "suggestion"),
        ("available-zone-unsaid", "suggestion"),
        ("holidays-unknown", "suggestion"),
        ("no-overlap", "warning"),
        ("slots-full", "warning"),
        ("slot-in-past", "warning"),
        ("slot-weekend", "warning"),
        ("slot-outside-calling-window", "warning"),
        ("slot-on-holiday", "warning"),
        ("slot-outside-hours", "warning"),
        ("slot-outside-caller-hours", "warning"),
        ("slot-too-soon", "warning"),
        ("slot-listed-twice", "warning"),
        ("slot-repeated-hour", "warning"),
    ],
)
def test_each_slot_note_code_has_its_built_in_level(code: str, level: str | None) -> None:
    """The table of note codes: notes about a guess are suggestions, problems warnings."""
    note = Note(code, f"a {code} note")
    found = [f for f in review(GOOD, notes=[note], now=NOW).findings if f.check == "proposed-time"]
    assert [(f.id, f.severity, f.message) for f in found] == (
        [(f"proposed-time.{code}", level, f"a {code} note")] if level else []
    )


# --- the reason check on the built-in styles ----------------------------------------------


def test_a_straight_pitch_with_no_offer_and_no_reference_gives_no_reason() -> None:
    caller = Caller(
        name="Freda Whitehouse",
        company="ABC Company",
        phone="901-555-2120",
        timezone="America/Chicago",
    )
    lee = Prospect(name="Lee Carter", company="Redwood Insurance", timezone="America/New_York")
    d = vc.draft(lee, "straight-pitch", caller, NOW)
    found = [(f.id, f.severity, f.span) for f in d.findings if f.check == "reason"]
    assert found == [("reason.missing", "warning", None)]
    offer = "a training package that cuts the time managers spend on conflict"
    with_offer = vc.draft(lee, "straight-pitch", replace(caller, offer=offer), NOW)
    assert [f for f in with_offer.findings if f.check == "reason"] == []


def test_a_warm_call_that_only_says_we_help_companies_like_yours_is_flagged_there() -> None:
    p = Prospect(name="Sam Okafor", company="Brightside Dental", timezone="America/Chicago")
    d = vc.draft(p, "warm-cold-call", CALLER, NOW)
    (found,) = [f for f in d.findings if f.check == "reason"]
    assert found.id == "reason.missing" and found.span is not None
    assert (
        d.text[slice(*found.span)]
        == "I'm calling because we help companies like Brightside Dental."
    )
    assert d.score == 100 - 8

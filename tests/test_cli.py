"""The command line: output, exit codes, JSON shape, errors without tracebacks."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from voicemail_coach.cli import cli

from .conftest import EXAMPLE

NOW = ["--now", "2026-11-23T09:00"]
GOOD = (
    "Hi Dana, this is Freda Whitehouse from ABC Company, 901-555-2120. Joe Sampson suggested "
    "I call about employee conflict. Would Tuesday at 3 or 4 p.m. work for a short call? "
    "Call me back at 901-555-2120 to confirm."
)
BAD = "Hi, just following up. Call me when you get a chance."
DRAFT_KEYS = {
    "style",
    "prospect",
    "id",
    "reason",
    "text",
    "score",
    "passed",
    "metrics",
    "callback_numbers",
    "proposed_times",
    "findings",
}


def run(*args: str, input: str | None = None, env: dict | None = None):
    """Invoke the CLI and return the result."""
    return CliRunner().invoke(cli, list(args), input=input, env=env, catch_exceptions=False)


def script_lines(output: str) -> tuple[list[str], str]:
    """Return the lines of the first script in text output, and its score line."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Hi "))
    end = next(i for i, line in enumerate(lines) if line.startswith("score "))
    return lines[start:end], lines[end]


def test_draft_text_puts_the_script_first() -> None:
    r = run("draft", str(EXAMPLE), "--prospect", "dana", *NOW)
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0] == "Dana Jones - referral"
    assert "agreed to be named" in lines[1]
    assert lines[2].startswith("Hi Ms. Jones, this is Freda Whitehouse")
    _script, score = script_lines(r.output)
    assert re.fullmatch(r"score 100/100 \(pass\) \| [\d.]+ s spoken \| reading grade [\d.]+", score)


def test_draft_every_prospect_by_default() -> None:
    r = run("draft", str(EXAMPLE), *NOW)
    assert r.exit_code == 0
    assert r.output.count("score ") == 4


def test_draft_all_styles_json_round_trips() -> None:
    r = run("draft", str(EXAMPLE), "--prospect", "Dana Jones", "--all", "--format", "json", *NOW)
    assert r.exit_code == 0
    drafts = json.loads(r.output)["drafts"]
    assert {d["style"] for d in drafts} >= {
        "referral",
        "third-party",
        "warm-cold-call",
        "straight-pitch",
    }
    for d in drafts:
        assert set(d) == DRAFT_KEYS
        assert set(d["metrics"]) == {"words", "seconds", "grade", "reading_ease", "sentences"}
        for c in d["callback_numbers"]:
            assert set(c) == {"number", "count", "spans"}
            for start, end in c["spans"]:
                assert d["text"][start:end].replace("-", "").isdigit()
        for t in d["proposed_times"]:
            assert set(t) == {"text", "span", "when"}
            assert d["text"][t["span"][0] : t["span"][1]] == t["text"]
            assert t["when"].startswith("2026-11-2")
        for f in d["findings"]:
            assert set(f) == {"id", "check", "severity", "message", "span", "source"}


def test_draft_markdown() -> None:
    r = run("draft", str(EXAMPLE), "--prospect", "sam", "--format", "markdown", *NOW)
    assert r.exit_code == 0
    assert r.output.startswith(
        "## Sam Okafor - third-party\n\nA known client, Bayline Shipping, is a reference.\n\n"
        "> Hi Sam,"
    )


@pytest.mark.parametrize(
    ("name", "words"), [("zed", "no prospect named 'zed'"), ("a", "matches 4 prospects")]
)
def test_prospect_unknown_or_ambiguous(name: str, words: str) -> None:
    r = run("draft", str(EXAMPLE), "--prospect", name, *NOW)
    assert r.exit_code == 2
    assert words in r.output and "Dana Jones" in r.output


def test_score_stdin_clean_and_failing() -> None:
    r = run("score", "-", *NOW, input=GOOD)
    assert r.exit_code == 0, r.output
    script, score = script_lines(r.output)
    assert " ".join(script) == GOOD and score.startswith("score 100/100 (pass)")
    r = run("score", "-", input=BAD)
    assert r.exit_code == 1
    assert "callback-number" in r.output and "weak-phrases" in r.output


def test_score_json_has_one_draft_with_nulls(tmp_path: Path) -> None:
    script = tmp_path / "vm.txt"
    script.write_text(GOOD, encoding="utf-8")
    r = run("score", str(script), "--format", "json", "--now", "2026-11-23T09:00-06:00")
    d = json.loads(r.output)["drafts"][0]
    assert set(d) == DRAFT_KEYS and d["style"] is None and d["prospect"] is None
    assert d["callback_numbers"][0] == {
        "number": "+19015552120",
        "count": 2,
        "spans": d["callback_numbers"][0]["spans"],
    }
    assert [t["when"] for t in d["proposed_times"]] == [
        "2026-11-24T15:00:00-06:00",
        "2026-11-24T16:00:00-06:00",
    ]


def test_score_caller_phone_mismatch_fails() -> None:
    r = run("score", "-", "--caller-phone", "901-555-9999", *NOW, input=GOOD)
    assert r.exit_code == 1
    assert "not the caller's number" in r.output


@pytest.mark.parametrize(("level", "code"), [("never", 0), ("error", 1), ("warning", 1)])
def test_fail_on_before_or_after_the_command(level: str, code: int) -> None:
    assert run("--fail-on", level, "score", "-", input=BAD).exit_code == code
    assert run("score", "-", "--fail-on", level, input=BAD).exit_code == code


def test_fail_on_warning_catches_a_warning_only_script() -> None:
    text = GOOD.replace("Joe Sampson suggested", "I just wanted to say Joe Sampson suggested")
    assert run("score", "-", *NOW, input=text).exit_code == 0
    assert run("score", "-", "--fail-on", "warning", *NOW, input=text).exit_code == 1


def test_style_levels_apply_to_score() -> None:
    text = "Hi Dana, this is Freda from ABC Company, 901-555-2120. Call me. Again, 901-555-2120."
    assert run("score", "-", input=text).exit_code == 0
    r = run("score", "-", "--style", "straight-pitch", input=text)
    assert r.exit_code == 1 and "error      proposed-time" in r.output


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["draft", "missing.yaml"], "missing.yaml: no such file"),
        (["draft", str(EXAMPLE), "--style", "nope", *NOW], "unknown style 'nope'"),
        (["draft", str(EXAMPLE), "--now", "tuesday"], "--now 'tuesday' is not an ISO time"),
        (["score", "missing.txt"], "missing.txt: no such file"),
        (["score", "-", "--style", "nope"], "unknown style 'nope'"),
        (["inspect", "nope"], "unknown style 'nope'"),
        (["draft", str(EXAMPLE), "--style", "referral", "--all"], "not both"),
    ],
)
def test_bad_input_is_one_short_line_and_exit_2(args: list[str], words: str) -> None:
    r = run(*args, input="")
    assert r.exit_code == 2, r.output
    assert words in r.output
    assert "Traceback" not in r.output and len(r.output.strip().splitlines()) <= 2


def test_broken_yaml_and_bad_config(tmp_path: Path) -> None:
    broken = tmp_path / "p.yaml"
    broken.write_text("prospects:\n  - name: 'Dana\n", encoding="utf-8")
    r = run("draft", str(broken))
    assert r.exit_code == 2 and f"{broken}:" in r.output and "YAML error" in r.output
    config = tmp_path / "c.yaml"
    config.write_text("fail_on: error\nchecks:\n  lenght: off\n", encoding="utf-8")
    r = run("--config", str(config), "score", "-", input=GOOD)
    assert r.exit_code == 2
    assert "unknown check 'lenght'" in r.output and "did you mean 'length'" in r.output


def test_config_relevels_and_switches_off(tmp_path: Path) -> None:
    config = tmp_path / "voicemail-coach.yaml"
    config.write_text("checks:\n  callback-number: off\n  weak-phrases: error\n", encoding="utf-8")
    r = run("score", "-", "--config", str(config), input="Hi, just checking in. Bye.")
    assert "callback-number" not in r.output
    assert "error      weak-phrases" in r.output and r.exit_code == 1


def test_config_caller_and_thresholds(tmp_path: Path) -> None:
    config = tmp_path / "c.yaml"
    config.write_text(
        "caller: {name: Freda Whitehouse, company: ABC Company, phone: "
        "901-555-2120}\nchecks:\n  length: {warn_over: 15}\n",
        encoding="utf-8",
    )
    single = tmp_path / "p.yaml"
    single.write_text(
        "name: Dana Jones\ncompany: XYZ Company\ntimezone: America/Chicago\n", encoding="utf-8"
    )
    r = run("--config", str(config), "draft", str(single), "--format", "json", *NOW)
    d = json.loads(r.output)["drafts"][0]
    assert "Freda Whitehouse" in d["text"]
    assert any(f["check"] == "length" and "over 15 s" in f["message"] for f in d["findings"])


def test_no_colour_when_not_a_terminal_or_no_color() -> None:
    r = run("score", "-", input=BAD, env={"NO_COLOR": "1"})
    assert "\x1b[" not in r.output
    r = CliRunner().invoke(cli, ["score", "-"], input=BAD, color=True, env={"NO_COLOR": "1"})
    assert "\x1b[" not in r.output
    r = CliRunner().invoke(cli, ["score", "-"], input=BAD, color=True)
    assert "\x1b[" in r.output


def test_checks_and_styles_listings() -> None:
    r = run("checks")
    for check in (
        "length",
        "clarity",
        "callback-number",
        "number-repeated",
        "proposed-time",
        "weak-phrases",
        "opening",
        "placeholders",
    ):
        assert check in r.output
    assert "source:" in r.output
    r = run("styles")
    assert "referral" in r.output and "built-in" in r.output


def test_inspect_lists_fields() -> None:
    r = run("inspect", "referral")
    assert r.exit_code == 0
    assert "prospect.referral.by" in r.output and "caller.phone" in r.output
    by = next(line for line in r.output.splitlines() if line.startswith("  prospect.referral"))
    assert re.search(r"/referral\.j2:\d+, required\)$", by), by


def test_init_writes_and_never_overwrites(tmp_path: Path) -> None:
    r = run("init", "--dir", str(tmp_path))
    assert r.exit_code == 0
    assert (tmp_path / "prospects.yaml").is_file() and (tmp_path / "voicemail-coach.yaml").is_file()
    (tmp_path / "prospects.yaml").write_text("mine", encoding="utf-8")
    r = run("init", "--dir", str(tmp_path))
    assert "exists, left as it is" in r.output
    assert (tmp_path / "prospects.yaml").read_text(encoding="utf-8") == "mine"


def test_init_files_work(tmp_path: Path) -> None:
    run("init", "--dir", str(tmp_path))
    r = run(
        "--config",
        str(tmp_path / "voicemail-coach.yaml"),
        "draft",
        str(tmp_path / "prospects.yaml"),
        *NOW,
    )
    assert r.exit_code == 0, r.output


def test_every_command_has_help() -> None:
    for name, command in cli.commands.items():
        r = run(name, "--help")
        assert r.exit_code == 0, name
        assert command.help and command.help.split(",")[0][:60] in r.output


def test_version() -> None:
    from voicemail_coach import __version__

    assert __version__ in run("--version").output


def test_usage_error_exits_2() -> None:
    assert run("draft").exit_code == 2
    assert run("frobnicate").exit_code == 2


# --- draft as sturdy as batch ---------------------------------------------------------------

FOUR = """\
caller:
  name: Freda Whitehouse
  company: ABC Company
  phone: 901-555-2120
  timezone: America/Chicago
prospects:
  - name: Dana Jones
    company: XYZ Company
    timezone: America/Chicago
  - name: Sam Okafor
    company: Harbor Freight
    timezone: America/Chicago
    slots: ["2020-01-01 10:00"]
  - name: Priya Raman
    company: Northwind Clinics
    timezone: America/Chicago
  - name: Lee Carter
    company: Redwood Insurance
    timezone: America/Chicago
"""


def test_one_prospect_that_cannot_be_drafted_never_stops_the_others(tmp_path: Path) -> None:
    path = tmp_path / "prospects.yaml"
    path.write_text(FOUR, encoding="utf-8")
    r = run("draft", str(path), *NOW)
    assert r.exit_code == 2, r.output
    headers = [line for line in r.stdout.splitlines() if " - " in line and "," not in line]
    assert headers == [
        "Dana Jones - warm-cold-call",
        "Priya Raman - warm-cold-call",
        "Lee Carter - warm-cold-call",
    ]
    assert r.stdout.count("score ") == 3
    errors = r.stderr.splitlines()
    assert errors[0].startswith(f"voicemail-coach: {path}:10: slot 2020-01-01 10:00 for Sam")
    assert "in the past" in errors[0]
    assert errors[1] == (
        "voicemail-coach: 1 of 4 drafts could not be made (see above); the others are printed"
    )
    assert "Traceback" not in r.output


def test_json_carries_the_failures_beside_the_drafts(tmp_path: Path) -> None:
    path = tmp_path / "prospects.yaml"
    path.write_text(FOUR, encoding="utf-8")
    r = run("draft", str(path), "--format", "json", *NOW)
    assert r.exit_code == 2
    doc = json.loads(r.stdout)
    assert [d["prospect"] for d in doc["drafts"]] == ["Dana Jones", "Priya Raman", "Lee Carter"]
    assert [set(d) for d in doc["drafts"]] == [DRAFT_KEYS] * 3
    assert doc["drafts"][0]["reason"].startswith("no confirmed referral or client reference")
    assert doc["drafts"][0]["id"] is None
    [error] = doc["errors"]
    assert error["prospect"] == "Sam Okafor" and error["error"].startswith(f"{path}:10: slot")
    assert doc["skipped"] == []


def test_all_drafts_every_style_the_data_allows_and_names_the_skipped() -> None:
    r = run("draft", str(EXAMPLE), "--all", *NOW)
    assert r.exit_code == 0, r.output
    titles = [line for line in r.stdout.splitlines() if line.startswith(("Sam Okafor - ",))]
    assert titles == [
        "Sam Okafor - follow-up: skipped, needs an earlier voicemail in the touch log (--log)",
        "Sam Okafor - referral: skipped, needs referral.by",
        "Sam Okafor - straight-pitch",
        "Sam Okafor - third-party",
        "Sam Okafor - warm-cold-call",
    ]
    assert "Priya Raman - third-party: skipped, needs reference.client" in r.stdout
    assert r.stdout.count("score ") == 12  # 4 prospects x 4 styles, less 4 skipped
    doc = json.loads(run("draft", str(EXAMPLE), "--all", "--format", "json", *NOW).stdout)
    assert {"prospect": "Lee Carter", "id": None, "style": "third-party"}.items() <= (
        doc["skipped"][-1].items()
    )
    assert doc["skipped"][-1]["skipped"] == "needs reference.client"


def test_draft_without_a_file_reads_prospects_yaml_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "prospects.yaml").write_text(FOUR.replace('["2020-01-01 10:00"]', "[]"))
    monkeypatch.chdir(tmp_path)
    r = run("draft", *NOW)
    assert r.exit_code == 0, r.output
    assert r.stdout.count("score ") == 4


@pytest.mark.parametrize(("fail_on", "code"), [("never", 0), ("error", 0), ("suggestion", 1)])
def test_draft_exit_code_follows_fail_on(fail_on: str, code: int) -> None:
    # The example's drafts have no error, and Priya's has a suggestion (a zone guessed).
    r = run("draft", str(EXAMPLE), "--fail-on", fail_on, "--format", "json", *NOW)
    doc = json.loads(r.stdout)
    has_suggestion = any(
        f["severity"] == "suggestion" for d in doc["drafts"] for f in d["findings"]
    )
    expected = 1 if fail_on == "suggestion" and has_suggestion else 0
    assert r.exit_code == expected == (code if has_suggestion else 0)


# --- text a person reads --------------------------------------------------------------------


def test_script_wraps_to_the_terminal_never_inside_a_word_or_number() -> None:
    text = (
        "Hi Dana, this is Freda Whitehouse from ABC Company on +1 901 555 2120. Would Tuesday "
        "at 3 or 4 p.m. work for a short call? Again, that is +1 901 555 2120, thanks."
    )
    for width in ("30", "50", "200"):
        r = run("score", "-", *NOW, input=text, env={"COLUMNS": width})
        script, _ = script_lines(r.output)
        assert " ".join(script) == text
        assert all(len(line) <= min(int(width), 88) for line in script), script
        assert sum(line.count("+1 901 555 2120") for line in script) == 2


def test_findings_come_error_first_then_in_text_order() -> None:
    r = run("score", "-", input=BAD)
    levels = [line.split()[0] for line in r.output.splitlines() if line.startswith("  ")]
    assert levels[0] == "error" and "suggestion" not in levels[: levels.count("error")]
    order = {"error": 0, "warning": 1, "suggestion": 2}
    assert [order[x] for x in levels] == sorted(order[x] for x in levels)


def test_fail_is_bold_red_and_pass_is_dim() -> None:
    r = CliRunner().invoke(cli, ["score", "-"], input=BAD, color=True)
    assert "(\x1b[31m\x1b[1mFAIL\x1b[0m)" in r.output
    r = CliRunner().invoke(cli, ["score", "-", *NOW], input=GOOD, color=True)
    assert "(\x1b[2mpass\x1b[0m)" in r.output


def test_markdown_escapes_what_it_quotes(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        FOUR.split("prospects:")[0]
        + "prospects:\n"
        + '  - name: "Dana\\n\\n# Forged heading\\n<img src=x onerror=alert(1)>"\n'
        + "    company: XYZ Company\n"
        + "    timezone: America/Chicago\n"
        + '    need: "[free money](javascript:alert(1)) and <script>alert(2)</script>"\n',
        encoding="utf-8",
    )
    r = run("draft", str(path), "--format", "markdown", *NOW)
    assert r.exit_code in (0, 1), r.output
    lines = r.stdout.splitlines()
    assert [line for line in lines if line.startswith("#")] == [
        "## Dana \\# Forged heading &lt;img src=x onerror=alert\\(1\\)&gt; - warm-cold-call"
    ]
    assert "<script>" not in r.stdout and "<img" not in r.stdout
    assert "](javascript:" not in r.stdout and "\\[free money\\]\\(javascript:" in r.stdout


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "prospects.yaml"
    path.write_text(FOUR.replace('["2020-01-01 10:00"]', "[]") * 1, encoding="utf-8")
    many = tmp_path / "many.yaml"
    body = FOUR.split("prospects:\n")[1].replace('    slots: ["2020-01-01 10:00"]\n', "")
    many.write_text(FOUR.split("prospects:\n")[0] + "prospects:\n" + body * 100)
    proc = subprocess.Popen(
        [sys.executable, "-m", "voicemail_coach", "draft", str(many), *NOW],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0 and err == ""


# --- input a person gives -------------------------------------------------------------------


@pytest.mark.parametrize("given", ["", "  \n\n"])
def test_score_refuses_empty_input(given: str) -> None:
    r = run("score", "-", input=given)
    assert r.exit_code == 2
    assert r.output == "voicemail-coach: standard input: nothing to score (the script is empty)\n"


@pytest.mark.parametrize("when", ["9999-12-31T23:00", "0001-01-01T00:00"])
def test_now_at_the_ends_of_the_calendar_is_one_line(when: str) -> None:
    r = run("draft", str(EXAMPLE), "--now", when)
    assert r.exit_code == 2
    assert r.output.startswith(f"voicemail-coach: --now '{when}:00' is too far from today")
    assert len(r.output.splitlines()) == 1


def test_an_unreadable_user_config_folder_is_skipped_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import click

    locked = tmp_path / "locked"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(click, "get_app_dir", lambda name: str(locked))
    real = Path.is_file

    def is_file(self: Path) -> bool:
        if self.parent == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "is_file", is_file)
    r = run("score", "-", *NOW, input=GOOD)
    assert r.exit_code == 0, r.output
    assert r.stderr == (
        f"voicemail-coach: warning: cannot look in {locked} (Permission denied); "
        "skipping the user config\n"
    )


def test_a_bug_is_one_line_with_exit_3_and_debug_shows_the_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from voicemail_coach import api

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(api, "score", broken)
    r = run("score", "-", input=GOOD)
    assert r.exit_code == 3
    assert r.output == (
        "voicemail-coach: internal error (ZeroDivisionError: division by zero); this is a bug, "
        "please report it with the command you ran (--debug shows the traceback)\n"
    )
    for args, env in (
        (["--debug", "score", "-"], None),
        (["score", "-"], {"VOICEMAIL_COACH_DEBUG": "1"}),
    ):
        r = CliRunner().invoke(cli, args, input=GOOD, env=env)
        assert isinstance(r.exception, ZeroDivisionError)


def test_a_prospect_hitting_a_bug_is_reported_and_exits_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from voicemail_coach import drafting

    real = drafting.Drafter.render

    def render(self: drafting.Drafter, prepared: object, prospect: object, *args: object) -> str:
        if getattr(prospect, "name", "") == "Priya Raman":
            raise KeyError("oops")
        return real(self, prepared, prospect, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(drafting.Drafter, "render", render)
    path = tmp_path / "prospects.yaml"
    path.write_text(FOUR.replace('["2020-01-01 10:00"]', "[]"), encoding="utf-8")
    r = run("draft", str(path), *NOW)
    assert r.exit_code == 3
    assert r.stdout.count("score ") == 3
    assert r.stderr.startswith(
        f"voicemail-coach: {path}:14: could not draft Priya Raman (KeyError: 'oops'); this is "
        "a bug in voicemail-coach, please report it"
    )


@pytest.mark.skipif(not hasattr(__import__("os"), "openpty"), reason="needs a pseudo-terminal")
def test_score_dash_on_a_terminal_says_it_reads_standard_input() -> None:
    import os
    import subprocess
    import sys

    master, slave = os.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "voicemail_coach", "score", "-", *NOW],
        stdin=slave,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    os.close(slave)
    try:
        os.write(master, GOOD.encode() + b"\n\x04")  # the script, then Ctrl-D
        out, err = proc.communicate(timeout=60)
    finally:
        os.close(master)
    assert err.decode() == (
        "voicemail-coach: reading the script from standard input; type or paste it, then press "
        "Ctrl-D\n"
    )
    assert proc.returncode == 0 and "score 100/100 (pass)" in out.decode()


def test_draft_jsonl_and_csv_carry_the_row(tmp_path: Path) -> None:
    path = tmp_path / "prospects.yaml"
    path.write_text(FOUR, encoding="utf-8")
    r = run("draft", str(path), "--format", "jsonl", *NOW)
    found = [json.loads(line) for line in r.stdout.splitlines()]
    assert [(x["row"], x["prospect"], "error" in x) for x in found] == [
        (1, "Dana Jones", False),
        (2, "Sam Okafor", True),
        (3, "Priya Raman", False),
        (4, "Lee Carter", False),
    ]
    assert r.exit_code == 2
    assert r.stderr == (  # the failure itself is a record in the output
        "voicemail-coach: 1 of 4 drafts could not be made (see the error records); the others "
        "are printed\n"
    )
    import csv

    r = run("draft", str(path), "--format", "csv", *NOW)
    table = list(csv.DictReader(r.stdout.splitlines()))
    assert [t["row"] for t in table] == ["1", "2", "3", "4"]
    assert table[1]["error"].startswith(f"{path}:10: slot 2020-01-01 10:00")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_one_line_and_exit_2() -> None:
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "voicemail_coach", "draft", str(EXAMPLE), *NOW],
            stdout=full,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert proc.returncode == 2
    assert proc.stderr.decode() == (
        "voicemail-coach: cannot write the output: No space left on device; free some space or "
        "write elsewhere\n"
    )


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/null"])
def test_score_refuses_a_device_in_one_line(path: str) -> None:
    if not Path(path).exists():
        pytest.skip(f"no {path}")
    r = run("score", path)
    assert r.exit_code == 2
    assert r.output == (
        f"voicemail-coach: {path}: is not a regular file (a FIFO or a device); give a text file, "
        "or - for standard input\n"
    )


def test_score_reads_a_bounded_amount(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 300_000, encoding="utf-8")
    r = run("score", str(big))
    assert r.exit_code == 2
    assert (
        r.output
        == f"voicemail-coach: {big}: is over 1,024 KiB; a voicemail script is one paragraph\n"
    )
    r = run("score", "-", input="word " * 300_000)
    assert r.exit_code == 2 and "standard input: is over 1,024 KiB" in r.output

"""The command line: output, exit codes, JSON shape, errors without tracebacks."""

from __future__ import annotations

import json
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
    assert score.startswith("score 100/100 (pass) | ") and score.endswith(" reading grade 4.2")


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

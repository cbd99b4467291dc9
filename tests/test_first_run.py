"""What a new user hits first (issue 14's small things), each as the user sees it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from voicemail_coach.cli import cli, progress_bar

from .conftest import ROOT

NOW = ["--now", "2026-11-23T09:00"]
CALLER = """caller:
  name: Freda Whitehouse
  company: ABC Company
  phone: 901-555-2120
"""
PROSPECT = """prospects:
  - name: Lee Carter
    company: Redwood Insurance
    phone: 212-555-0173
"""


def run(*args: str, input: str | None = None) -> Any:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_the_caller_in_two_places_says_which_one_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("voicemail-coach.yaml").write_text(
        CALLER.replace("Freda Whitehouse", "Fred Edited"), encoding="utf-8"
    )
    Path("prospects.yaml").write_text(CALLER + PROSPECT, encoding="utf-8")
    r = run("draft", *NOW)
    assert r.exit_code == 0, r.output
    assert r.stderr == (
        "voicemail-coach: note: the caller in prospects.yaml:2 (Freda Whitehouse, "
        "901-555-2120) differs from the one in voicemail-coach.yaml:2 (Fred Edited, "
        "901-555-2120); using the one in prospects.yaml: keep the caller in one place (remove "
        "the list's `caller:` to use the config's)\n"
    )
    assert "this is Freda Whitehouse" in r.stdout
    Path("voicemail-coach.yaml").write_text(CALLER, encoding="utf-8")  # the same: nothing said
    assert run("draft", *NOW).stderr == ""


def test_draft_without_a_file_and_no_prospects_yaml_says_run_init(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    r = run("draft")
    assert r.exit_code == 2
    assert r.stderr == (
        "voicemail-coach: no prospects file given and ./prospects.yaml not found; run "
        "voicemail-coach init to write one here, or give the file: voicemail-coach draft FILE\n"
    )
    assert run("init").exit_code == 0
    after = run("draft", *NOW)  # right after init, no file name needed
    assert after.exit_code == 0, after.output
    assert after.stdout.startswith("Dana Jones - ")


@pytest.mark.parametrize("total", [40, 2_000, 100_000, 10_000_000])
def test_the_progress_bar_fits_an_80_column_terminal(total: int) -> None:
    bar = progress_bar(total, lambda _: "123,456 rows/s", 80)
    bar.update(total // 3, total // 3)
    line = bar.format_progress_line()
    assert "drafting" in line and f"/{total}" in line
    assert len(line) < 80  # a wider line wraps, and each redraw stacks a new one


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("files", "args", "said"),
    [
        (  # an unquoted colon: a hint to quote it, with file:line
            {"p.yaml": CALLER + PROSPECT + "    need: HR: fewer escalations\n"},
            ["draft", "p.yaml"],
            "p.yaml:9: YAML error: mapping values are not allowed in this context; a value "
            "that holds ': ' must be quoted, like need: \"HR: fewer escalations\"",
        ),
        (  # a near-miss style: did you mean
            {"p.yaml": CALLER + PROSPECT},
            ["draft", "p.yaml", "--style", "warm"],
            "unknown style 'warm' (did you mean 'warm-cold-call'?)",
        ),
        (  # a far-off style: the known styles, not "known keys"
            {"p.yaml": CALLER + PROSPECT},
            ["draft", "p.yaml", "--style", "zzzz"],
            "unknown style 'zzzz' (known styles: follow-up, referral, straight-pitch, "
            "third-party, warm-cold-call)",
        ),
        (  # an unknown filter: the one close name, not Jinja's sixty
            {"filters/x.j2": "{#- description: x -#}\nHi {{ prospect.name | phon }}.\n"},
            ["inspect", "--templates", "filters", "x"],
            "filters/x.j2:2: style x: syntax error: No filter named 'phon' (did you mean 'phone'?)",
        ),
        (  # a field no data can supply: file:line and a non-zero exit
            {"fields/x.j2": "{#- description: x -#}\nHi {{ prospect.nmae }}.\n"},
            ["inspect", "--templates", "fields", "x"],
            "fields/x.j2:2: style x reads prospect.nmae, which no data can give: prospect has no "
            "field 'nmae' (did you mean 'name'?); fix the template",
        ),
        (  # empty input to score: said, not scored 63/100
            {},
            ["score", "-"],
            "standard input: nothing to score (the script is empty)",
        ),
    ],
)
def test_bad_first_steps_are_one_clear_line_exit_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    files: dict[str, str],
    args: list[str],
    said: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    for name, text in files.items():
        write(tmp_path, name, text)
    r = run(*args, input="  \n")
    assert r.exit_code == 2
    assert r.stderr.splitlines()[-1] == f"voicemail-coach: {said}"
    assert "Traceback" not in r.output


def yaml_blocks(markdown: str, heading: str) -> list[Any]:
    """Return the parsed ```yaml blocks of one section of a Markdown file."""
    section = markdown.split(heading, 1)[1].split("\n## ", 1)[0]
    return [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", section, re.S)]


def test_the_pre_commit_docs_work_as_copied(tmp_path: Path) -> None:
    docs = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    local, remote = yaml_blocks(docs, "## Pre-commit")
    (hook,) = local["repos"][0]["hooks"]
    (shipped,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == remote["repos"][0]["hooks"][0]["id"] == shipped["id"]
    assert local["repos"][0]["repo"] == "local" and hook["language"] == "system"
    assert remote["repos"][0]["rev"] == "main"  # no release tag exists to pin
    # What the local hook runs, in a template repository as the docs describe it:
    write(tmp_path, "templates/house.j2", (ROOT / "templates" / "warm-cold-call.j2").read_text())
    for part in ("_opening.j2", "_closing.j2"):
        write(tmp_path, f"templates/{part}", (ROOT / "templates" / part).read_text())
    command, sub = hook["entry"].split()
    assert command == "voicemail-coach"
    r = run(sub, *[str(tmp_path / a) for a in hook["args"]], *NOW)
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[-1] == "1 template: 1 passed, 0 failed, 0 broken"

"""Findings on a generated draft quote their sentence and name the field it came from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

import voicemail_coach as vc
from voicemail_coach.cli import cli
from voicemail_coach.models import FieldRef, Finding
from voicemail_coach.provenance import fix, quote

from .conftest import NOW

CALLER = """caller:
  name: Freda Whitehouse
  company: ABC Company
  phone: 901-555-2120
  timezone: America/Chicago
  offer: a training package that cuts the time managers spend on conflicts, scheduling,
    reviews, onboarding and the endless hiring paperwork
"""
LONG_NEED = (
    "cutting the time your office managers spend every single week on scheduling conflicts "
    "between the hygienists and the front desk staff"
)
PROSPECTS = (
    CALLER
    + f"""prospects:
  - name: Dana Jones
    company: Brightside Dental
    timezone: America/New_York
    need: {LONG_NEED}
  - name: Sam Okafor
    company: Harbor Freight Logistics
    timezone: America/Los_Angeles
    need: just checking in on how onboarding is going
"""
)
CLI_NOW = ["--now", "2026-11-23T09:00"]


def write(tmp_path: Path, text: str = PROSPECTS, name: str = "prospects.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def findings(path: Path, *args: str) -> list[list[dict[str, Any]]]:
    result = CliRunner().invoke(cli, ["draft", str(path), "--format", "json", *CLI_NOW, *args])
    return [d["findings"] for d in json.loads(result.stdout)["drafts"]]


def test_a_long_sentence_names_the_field_and_its_line(tmp_path: Path) -> None:
    path = write(tmp_path)
    dana = findings(path, "--style", "warm-cold-call")[0]
    (long,) = [f for f in dana if f["id"] == "clarity.long-sentence"]
    assert long["quote"] == "I'm calling about cutting the time..."
    assert long["field"] == {"name": "need", "path": str(path), "line": 12}
    (length,) = [f for f in dana if f["check"] == "length"]  # 30.8 s: the need is the long part
    assert length["field"] == {"name": "need", "path": str(path), "line": 12}
    assert "quote" not in length  # about the whole draft: no sentence to quote


def test_text_output_says_what_to_change_where(tmp_path: Path) -> None:
    path = write(tmp_path)
    result = CliRunner().invoke(cli, ["draft", str(path), "--prospect", "Dana", *CLI_NOW])
    assert (
        f"'I'm calling about cutting the time...': shorten `need:` at {path}:12"
        in result.stdout.replace("\n" + " " * 30, " ")  # however the terminal wrapped it
    )


def test_filler_written_into_a_field_is_traced_to_it(tmp_path: Path) -> None:
    path = write(tmp_path)
    sam = findings(path, "--style", "warm-cold-call")[1]
    (filler,) = [f for f in sam if f["check"] == "weak-phrases"]
    assert filler["field"] == {"name": "need", "path": str(path), "line": 16}
    assert filler["quote"] == "I'm calling about just checking in..."


def test_a_caller_field_from_the_config_names_the_config(tmp_path: Path) -> None:
    config = write(tmp_path, CALLER, "voicemail-coach.yaml")
    path = write(tmp_path, PROSPECTS.replace(CALLER, ""))
    drafts = findings(path, "--style", "straight-pitch", "--config", str(config))
    (long,) = [f for f in drafts[1] if f["id"] == "clarity.long-sentence"]
    assert long["quote"] == "We offer a training package that..."
    assert long["field"] == {"name": "caller.offer", "path": str(config), "line": 6}


def test_a_call_list_row_gives_its_line(tmp_path: Path) -> None:
    csv = write(
        tmp_path,
        "name,company,timezone,need\n"
        "Lee Carter,Redwood Insurance,America/New_York,quick renewals\n"
        f'Dana Jones,Brightside Dental,America/New_York,"{LONG_NEED}"\n',
        "calls.csv",
    )
    config = write(tmp_path, CALLER, "voicemail-coach.yaml")
    drafts = findings(csv, "--style", "warm-cold-call", "--config", str(config))
    (long,) = [f for f in drafts[1] if f["id"] == "clarity.long-sentence"]
    assert long["field"] == {"name": "need", "path": str(csv), "line": 3}
    assert all("field" not in f for f in drafts[0])


def test_a_prospect_built_in_code_names_the_field_without_a_place() -> None:
    book = vc.load(write_book())
    dana = vc.Prospect.from_dict({"name": "Dana Jones", "company": "Brightside", "need": LONG_NEED})
    d = vc.draft(dana, "warm-cold-call", book.caller, NOW)
    (long,) = [f for f in d.findings if f.id == "clarity.long-sentence"]
    assert long.field == FieldRef("need")
    assert fix(long) == "'I'm calling about cutting the time...': shorten `need:`"


def write_book() -> Path:
    from .conftest import EXAMPLE

    return EXAMPLE


def test_a_hand_written_script_has_no_field() -> None:
    d = vc.score("Hi Dana, this is Freda from ABC Company. I'm just following up. Bye.")
    assert all(f.field is None and f.quote is None for f in d.findings)
    assert all("field" not in f.to_dict() for f in d.findings)


def test_quote_keeps_short_sentences_whole() -> None:
    text = "Hi Dana. I'm calling about the renewals you mentioned at the conference last week."
    assert quote(text, (9, 20)) == "I'm calling about the renewals you..."
    assert quote(text, (0, 4)) == "Hi Dana."
    finding = Finding("clarity", "warning", "m", (9, 20), quote="I'm calling")
    assert fix(finding) == "'I'm calling'"

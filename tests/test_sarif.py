"""SARIF 2.1.0 and GitHub workflow annotations from findings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import voicemail_coach as vc
from voicemail_coach.checks import CHECKS
from voicemail_coach.models import Finding
from voicemail_coach.output.github import annotation, escape_data, escape_property, to_github
from voicemail_coach.output.sarif import (
    Document,
    documents_to_sarif,
    region,
    rules_for,
    to_sarif,
)

RULES = rules_for(CHECKS)

SCRIPT = (
    "Hi Dana, this is Freda Whitehouse from ABC Company, 901-555-2120.\n"
    "I'm just following up on the training package.\n"
    "Call me when you get a chance at 901-555-2120.\n"
)

# What the SARIF 2.1.0 schema allows on each object we write (it says additionalProperties:
# false for all of them), and what it requires. Written from the OASIS spec, section 3.
ALLOWED = {
    kind: set(names.split())
    for kind, names in {
        "sarifLog": "$schema version runs inlineExternalProperties properties",
        "run": "tool invocations conversion language versionControlProvenance "
        "originalUriBaseIds artifacts logicalLocations graphs results automationDetails "
        "runAggregates baselineGuid redactionTokens defaultEncoding defaultSourceLanguage "
        "newlineSequences columnKind externalPropertyFileReferences threadFlowLocations "
        "taxonomies addresses translations policies webRequests webResponses "
        "specialLocations properties",
        "tool": "driver extensions properties",
        "toolComponent": "guid name organization product productSuite shortDescription "
        "fullDescription fullName version semanticVersion dottedQuadFileVersion "
        "releaseDateUtc downloadUri informationUri globalMessageStrings notifications rules "
        "taxa locations language contents isComprehensive localizedDataSemanticVersion "
        "minimumRequiredLocalizedDataSemanticVersion associatedComponent "
        "translationMetadata supportedTaxonomies properties",
        "reportingDescriptor": "id deprecatedIds guid deprecatedGuids name deprecatedNames "
        "shortDescription fullDescription messageStrings defaultConfiguration helpUri help "
        "relationships properties",
        "reportingConfiguration": "enabled level rank parameters properties",
        "multiformatMessageString": "text markdown properties",
        "result": "ruleId ruleIndex rule kind level message analysisTarget locations guid "
        "correlationGuid occurrenceCount partialFingerprints fingerprints stacks codeFlows "
        "graphs graphTraversals relatedLocations suppressions baselineState rank attachments "
        "hostedViewerUri workItemUris provenance fixes taxa webRequest webResponse properties",
        "message": "text markdown id arguments properties",
        "location": "id physicalLocation logicalLocations message annotations relationships "
        "properties",
        "physicalLocation": "address artifactLocation region contextRegion properties",
        "artifactLocation": "uri uriBaseId index description properties",
        "region": "startLine startColumn endLine endColumn charOffset charLength byteOffset "
        "byteLength snippet message sourceLanguage properties",
    }.items()
}
LEVELS = {"none", "note", "warning", "error"}
LEVEL = {"error": "error", "warning": "warning", "suggestion": "note"}


def check(kind: str, obj: Any, required: tuple[str, ...] = ()) -> None:
    """Assert an object is a JSON object with only allowed properties and the required ones."""
    assert isinstance(obj, dict), (kind, obj)
    assert set(obj) <= ALLOWED[kind], (kind, set(obj) - ALLOWED[kind])
    for key in required:
        assert key in obj, (kind, key)


def validate(log: dict[str, Any]) -> None:
    """Check a SARIF log against the 2.1.0 schema's required properties, types and enums."""
    check("sarifLog", log, ("version", "runs"))
    assert log["version"] == "2.1.0" and isinstance(log["runs"], list) and log["runs"]
    for run in log["runs"]:
        check("run", run, ("tool",))
        assert run.get("columnKind", "utf16CodeUnits") in {"utf16CodeUnits", "unicodeCodePoints"}
        check("tool", run["tool"], ("driver",))
        driver = run["tool"]["driver"]
        check("toolComponent", driver, ("name",))
        assert isinstance(driver["name"], str) and driver["name"]
        rules = driver.get("rules", [])
        ids = [r["id"] for r in rules]
        assert len(ids) == len(set(ids)), "rule ids are unique"
        for rule in rules:
            check("reportingDescriptor", rule, ("id",))
            for key in ("shortDescription", "fullDescription", "help"):
                if key in rule:
                    check("multiformatMessageString", rule[key], ("text",))
            if "defaultConfiguration" in rule:
                check("reportingConfiguration", rule["defaultConfiguration"])
                assert rule["defaultConfiguration"].get("level", "warning") in LEVELS
        for result in run.get("results", []):
            check("result", result, ("message",))
            check("message", result["message"])
            assert "text" in result["message"] or "id" in result["message"]
            assert result.get("level", "warning") in LEVELS
            if "ruleIndex" in result:
                assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
            for location in result.get("locations", []):
                check("location", location)
                physical = location["physicalLocation"]
                check("physicalLocation", physical)
                assert "artifactLocation" in physical or "address" in physical
                check("artifactLocation", physical["artifactLocation"])
                assert isinstance(physical["artifactLocation"]["uri"], str)
                if "region" in physical:
                    r = physical["region"]
                    check("region", r)
                    for key in ("startLine", "startColumn", "endLine", "endColumn"):
                        assert isinstance(r.get(key, 1), int) and r.get(key, 1) >= 1, key
                    for key in ("charOffset", "charLength"):
                        assert isinstance(r.get(key, 0), int) and r.get(key, 0) >= 0, key
                    assert (r.get("endLine", r["startLine"]), r.get("endColumn", 10**9)) >= (
                        r["startLine"],
                        r.get("startColumn", 1),
                    )


def lines_at(text: str, r: dict[str, int]) -> str:
    """Return the text a single-line region covers."""
    line = text.splitlines()[r["startLine"] - 1]
    return line[r["startColumn"] - 1 : r["endColumn"] - 1]


# --- SARIF ---------------------------------------------------------------------------------


def test_a_scored_script_is_valid_sarif_with_a_result_per_finding() -> None:
    d = vc.score(SCRIPT)
    assert d.findings
    log = json.loads(to_sarif("scripts/dana.txt", SCRIPT, d.findings, RULES, tool_version="9"))
    validate(log)
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "voicemail-coach" and driver["version"] == "9"
    rules = {r["id"]: r for r in driver["rules"]}
    assert len(rules) == len(RULES)  # every rule given, and none made up: all ids are known
    for check in CHECKS:  # a rule per check and per outcome, with its default level
        assert rules[check.id]["defaultConfiguration"]["level"] == LEVEL[check.level]
        for outcome in check.outcomes:
            rule = rules[f"{check.id}.{outcome.code}"]
            assert rule["defaultConfiguration"]["level"] == LEVEL[outcome.level or check.level]
            assert rule["defaultConfiguration"].get("enabled", True) is outcome.enabled
            assert check.source in rule["help"]["text"]
    assert rules["length.far-too-long"]["defaultConfiguration"] == {"level": "error"}
    assert rules["length.too-short"]["defaultConfiguration"] == {"level": "note"}
    assert len(run["results"]) == len(d.findings)
    assert [r["ruleId"] for r in run["results"]] == [f.id for f in d.findings]
    weak = [r for r in run["results"] if r["ruleId"] == "weak-phrases.filler"]
    said = {lines_at(SCRIPT, r["locations"][0]["physicalLocation"]["region"]) for r in weak}
    assert {"just following up", "when you get a chance"} <= {s.lower() for s in said}
    first = weak[0]["locations"][0]["physicalLocation"]
    assert first["artifactLocation"] == {"uri": "scripts/dana.txt"}
    assert first["region"]["startLine"] == 2 and weak[0]["level"] == "warning"


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("abc", (0, 3), (1, 1, 1, 4)),
        ("ab\ncd", (3, 5), (2, 1, 2, 3)),
        ("ab\ncd\nef", (1, 7), (1, 2, 3, 2)),  # across lines
        ("ab\n", (0, 2), (1, 1, 1, 3)),  # up to the end of a line
        ("café ☕ x", (7, 8), (1, 8, 1, 9)),  # columns in code points
    ],
)
def test_regions_from_spans(text: str, span: tuple[int, int], expected: tuple[int, ...]) -> None:
    r = region(text, span)
    assert (r["startLine"], r["startColumn"], r["endLine"], r["endColumn"]) == expected
    assert (r["charOffset"], r["charLength"]) == (span[0], span[1] - span[0])


def test_levels_unknown_ids_and_uris() -> None:
    findings = [
        Finding("relative-day", "suggestion", "say the weekday", (0, 5), id="relative-day.said"),
        Finding("template", "error", "style x: syntax error"),  # no rule given for it
    ]
    log = json.loads(to_sarif("/work/my scripts/a.txt", "today at 3", findings, RULES))
    validate(log)
    results = log["runs"][0]["results"]
    assert [r["level"] for r in results] == ["note", "error"]
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [rules[r["ruleIndex"]]["id"] for r in results] == ["relative-day.said", "template"]
    assert rules[-1]["defaultConfiguration"] == {"level": "error"}  # made for the unknown id
    uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "file:///work/my%20scripts/a.txt"
    assert "region" not in results[1]["locations"][0]["physicalLocation"]  # no span


def test_stdin_and_rendered_drafts() -> None:
    f = Finding("length", "warning", "about 40 s spoken", None)
    log = json.loads(to_sarif(None, "x", [f], RULES))  # score - : no file to point at
    validate(log)
    assert "locations" not in log["runs"][0]["results"][0]
    docs = [
        Document("templates/a.j2", None, [Finding("length", "warning", "long", (3, 9))]),
        Document("templates/b.j2", None, [Finding("template", "error", "broken")], line=7),
    ]
    log = json.loads(documents_to_sarif(docs, RULES))
    validate(log)
    locations = [r["locations"][0]["physicalLocation"] for r in log["runs"][0]["results"]]
    assert "region" not in locations[0]  # a span into the draft is not a place in the template
    assert locations[1]["region"] == {"startLine": 7}


def test_no_findings_is_an_empty_run() -> None:
    log = json.loads(to_sarif("a.txt", "", [], RULES))
    validate(log)
    assert log["runs"][0]["results"] == []


# --- GitHub annotations --------------------------------------------------------------------


def test_escaping_follows_githubs_rules() -> None:
    assert escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert escape_property("dir: a,b%\n") == "dir%3A a%2Cb%25%0A"


def test_a_scored_script_gives_one_annotation_per_finding(tmp_path: Path) -> None:
    d = vc.score(SCRIPT)
    out = to_github("scripts/dana.txt", SCRIPT, d.findings)
    lines = out.splitlines()
    assert len(lines) == len(d.findings) and out.endswith("\n")
    weak = [line for line in lines if "title=weak-phrases.filler" in line]
    assert weak[0].startswith("::warning file=scripts/dana.txt,line=2,col=")
    head, _, message = weak[0][2:].partition("::")
    props = dict(p.split("=", 1) for p in head.split(" ", 1)[1].split(","))
    line = SCRIPT.splitlines()[int(props["line"]) - 1]
    assert line[int(props["col"]) - 1 : int(props["endColumn"]) - 1].lower() == "just following up"
    assert message == next(f.message for f in d.findings if f.check == "weak-phrases")
    assert [line.split("title=")[1].split("::")[0] for line in lines] == [f.id for f in d.findings]


def test_annotation_forms() -> None:
    f = Finding("relative-day", "suggestion", "say the weekday:\n100%", (3, 9))
    assert to_github("a, b.txt", "ab\ncd\nef", [f]) == (
        "::notice file=a%2C b.txt,line=2,endLine=3,title=relative-day::say the weekday:%0A100%25\n"
    )
    assert to_github(None, None, [Finding("length", "error", "far too long")]) == (
        "::error title=length::far too long\n"
    )
    assert annotation("warning", "m", file="t.j2", line=4) == "::warning file=t.j2,line=4::m"

"""Hostile input: every case ends in a clear message (what, where, how), exit 2, no traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import voicemail_coach as vc
from voicemail_coach.cli import cli
from voicemail_coach.sources import files

from .conftest import NOW

HOSTILE = Path(__file__).parent / "hostile" / "yaml"

# file -> (outcome, line named in the message or None, words the message must hold)
# outcome: "error" = the library raises its own error and the CLI exits 2;
#          "ok" = drafts render (exit 0, or 1 when a check rightly flags the text).
EXPECT: dict[str, tuple[str, int | None, list[str]]] = {
    "alias-bomb-extra.yaml": ("error", 15, ["aliases", "write the values out"]),
    # a bomb is refused while the file is read, wherever it sits, at the alias that overflows
    "alias-bomb-name.yaml": ("error", 7, ["aliases", "write the values out"]),
    "alias-bomb-unknown-key.yaml": ("error", 15, ["aliases", "write the values out"]),
    "alias-reuse.yaml": ("ok", None, []),
    "attempts-many.yaml": ("error", 9, ["whole number", "'many'"]),
    "attempts-negative.yaml": ("error", 9, ["whole number", "'-1'"]),
    "binary.yaml": ("error", 1, ["not UTF-8"]),
    "bom.yaml": ("ok", None, []),
    "caller-phone-invalid.yaml": ("error", 4, ["caller.phone 'call me' is not a valid phone"]),
    "caller-phone-too-short.yaml": ("error", 4, ["caller.phone '555-21' is not a valid phone"]),
    "coercions.yaml": ("ok", None, []),
    "comment-only.yaml": ("error", None, ["empty", "voicemail-coach init"]),
    "crlf.yaml": ("ok", None, []),
    "deep-nesting.yaml": ("error", 4, ["nested more than 100 levels"]),
    "duplicate-caller.yaml": ("error", 6, ["duplicate key 'caller'", "line 1"]),
    "duplicate-keys.yaml": ("error", 9, ["duplicate key 'company'", "line 8"]),
    "empty.yaml": ("error", None, ["empty"]),
    "field-10000-chars.yaml": ("error", 9, ["10,000 characters", "under 2,000"]),
    "hours-unreadable.yaml": ("error", 9, ["cannot read hours 'whenever'", "Mon-Fri 09:00-17:00"]),
    "list-root.yaml": ("error", 1, ["must hold a mapping", "not a list"]),
    "merge-key.yaml": ("error", 9, ["merge keys"]),
    "missing-name.yaml": ("error", 7, ["needs 'name'"]),
    "name-is-a-list.yaml": ("error", 7, ["name must be text, not a list"]),
    "name-is-a-mapping.yaml": ("error", 7, ["name must be text, not a mapping"]),
    "no-caller.yaml": ("error", None, ["no caller", "caller:"]),
    "no-prospects.yaml": ("error", 6, ["prospects is empty"]),
    "non-utf8.yaml": ("error", 7, ["not UTF-8"]),
    "ok.yaml": ("ok", None, []),
    "python-tag.yaml": ("error", 7, ["tags", "not supported"]),
    "referral-as-string.yaml": ("error", 9, ["referral must be a mapping"]),
    "slot-in-the-past.yaml": ("error", 7, ["in the past"]),
    "tabs.yaml": ("error", 8, ["tab", "spaces"]),
    "template-code.yaml": ("ok", None, []),
    "two-documents.yaml": ("error", 9, ["YAML error"]),
    "unclosed-quote.yaml": ("error", 9, ["YAML error"]),
    "unicode.yaml": ("ok", None, []),
    "unknown-key.yaml": ("error", 8, ["unknown key 'compnay'", "did you mean 'company'"]),
    "unknown-timezone.yaml": ("error", 9, ["unknown time zone 'America/Chicgo'"]),
    "unquoted-colon.yaml": ("error", 9, ["must be quoted", 'need: "HR: fewer escalations"']),
    "nul-in-value.yaml": ("error", 9, ["NUL byte"]),
    "country-not-iso.yaml": ("error", 9, ["two-letter ISO country code", "'USA'"]),
    "subdivision-other-country.yaml": ("error", 10, ["'GB-ENG' is in GB, but country is US"]),
    "tag-on-key.yaml": ("error", 9, ["tags like '!!python/name:os.system' are not supported"]),
    "undefined-alias.yaml": ("error", 9, ["alias *nowhere names no anchor"]),
    "recursive-alias.yaml": ("error", 9, ["alias *loop sits inside the value it names"]),
    "complex-key.yaml": ("error", 9, ["key that is not plain text"]),
    "crm-fields.yaml": ("ok", None, []),
}


def test_every_hostile_file_has_an_expectation() -> None:
    assert sorted(p.name for p in HOSTILE.glob("*.yaml")) == sorted(EXPECT)


def library(path: Path) -> list[vc.Draft]:
    """Load a file and draft every prospect, as a CRM job would."""
    book = vc.load(path)
    return [vc.draft(p, None, book.caller, NOW) for p in book.prospects]


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_library(name: str) -> None:
    outcome, line, words = EXPECT[name]
    path = HOSTILE / name
    start = time.perf_counter()
    if outcome == "ok":
        assert library(path)
        return
    with pytest.raises(vc.VoicemailCoachError) as info:
        library(path)
    message = str(info.value)
    assert message.startswith(str(path)), message
    if line is not None:
        assert info.value.line == line, message
    for word in words:
        assert word in message, message
    assert len(message) < 300, "a bomb or a huge value must never be printed"
    assert time.perf_counter() - start < 5, "bounded time"


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_cli(name: str) -> None:
    outcome, line, _ = EXPECT[name]
    path = HOSTILE / name
    r = CliRunner().invoke(cli, ["draft", str(path), "--now", "2026-11-23T09:00"])
    assert "Traceback" not in r.output
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    if outcome == "ok":
        assert r.exit_code in (0, 1), r.output
        return
    assert r.exit_code == 2, r.output
    lines = r.output.strip().splitlines()
    assert len(lines) <= 2 and lines[0].startswith(f"voicemail-coach: {path}")
    if line is not None:
        assert lines[0].startswith(f"voicemail-coach: {path}:{line}:"), lines[0]


def test_values_stay_as_written() -> None:
    p = vc.load(HOSTILE / "coercions.yaml").prospects[0]
    assert (p.name, p.company, p.phone, p.salutation, p.need) == (
        "off",
        "1e3",
        "0412555017",
        "14:30",
        "~",
    )


def test_crm_fields_are_kept() -> None:
    p = vc.load(HOSTILE / "crm-fields.yaml").prospects[0]
    assert (p.id, p.timezone, p.country, p.subdivision) == ("00042", "America/New_York", "US", "OK")


def test_unicode_renders_as_written() -> None:
    book = vc.load(HOSTILE / "unicode.yaml")
    text = vc.draft(book.prospects[0], None, book.caller, NOW).text
    assert "cafe\u0301 menus, naïve ﬁxes" in text and "شركة الخليج" in text
    assert "Hi Dana," in text


def test_template_code_in_data_is_said_not_run() -> None:
    book = vc.load(HOSTILE / "template-code.yaml")
    d = vc.draft(book.prospects[0], None, book.caller, NOW)
    assert "{% include '/etc/passwd' %}" in d.text and "{{ caller.__class__.__mro__ }}" in d.text
    assert "49" not in d.text
    assert any(f.check == "placeholders" and f.severity == "error" for f in d.findings)


def test_directory_and_missing_file(tmp_path: Path) -> None:
    for path, words in ((tmp_path, "is a folder"), (tmp_path / "nope.yaml", "no such file")):
        with pytest.raises(vc.DataError, match=words):
            vc.load(path)
        r = CliRunner().invoke(cli, ["draft", str(path)])
        assert r.exit_code == 2 and words in r.output


def test_file_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "MAX_BYTES", 1_000)
    path = tmp_path / "big.yaml"
    path.write_text("name: Dana\ncompany: XYZ\nneed: " + "x" * 2_000 + "\n", encoding="utf-8")
    with pytest.raises(vc.DataError, match="is over the size limit of 1000 bytes; split it"):
        vc.load(path)


def test_tens_of_thousands_of_prospects_load(tmp_path: Path) -> None:
    rows = "".join(
        f"  - name: Prospect {i}\n    company: Company {i}\n    phone: 405-555-0199\n"
        for i in range(20_000)
    )
    path = tmp_path / "many.yaml"
    path.write_text("prospects:\n" + rows, encoding="utf-8")
    book = vc.load(path)
    assert len(book.prospects) == 20_000 and book.prospects[-1].line == 60_000 - 1


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\x00\x01\x02\x1b[31m",
        "no sentence punctuation at all " * 50,
        "🙂" * 1000,
        "9" * 5000,
        "Call 901-555-2120. " * 20_000,
        "a" * 1_000_000,
    ],
    ids=["empty", "space", "control", "no-punctuation", "emoji", "digits", "repeated", "1MB"],
)
def test_score_never_raises(text: str) -> None:
    start = time.perf_counter()
    d = vc.score(text, now=NOW)
    assert 0 <= d.score <= 100
    assert time.perf_counter() - start < 10

"""Loading prospect YAML: scalars stay as written, mistakes are named with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

import voicemail_coach as vc

from .conftest import EXAMPLE

CALLER = """\
caller:
  name: Freda Whitehouse
  company: ABC Company
  phone: 901-555-2120
"""


def write(tmp_path: Path, text: str, name: str = "p.yaml") -> Path:
    """Write a prospects file and return its path."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_example_loads() -> None:
    book = vc.load(EXAMPLE)
    assert book.caller is not None and book.caller.name == "Freda Whitehouse"
    assert [p.name for p in book.prospects][:2] == ["Dana Jones", "Sam Okafor"]
    dana = book.prospects[0]
    assert dana.referral == vc.Referral(by="Joe Sampson", confirmed=True)
    assert dana.reference is not None and dana.reference.client == "Company ABC"
    assert dana.attempts == 2
    assert dana.line == 13


def test_yaml_11_coercions_stay_as_written(tmp_path: Path) -> None:
    """0412555017, 14:30, off, 1e3 and ~ stay the text the user wrote."""
    path = write(
        tmp_path,
        CALLER
        + """\
prospects:
  - name: off
    company: 1e3
    phone: 0412555017
    need: ~
    salutation: 14:30
    extra: {code: 0o17, flag: yes, when: 2026-11-27}
""",
    )
    p = vc.load(path).prospects[0]
    assert (p.name, p.company, p.phone, p.need, p.salutation) == (
        "off",
        "1e3",
        "0412555017",
        "~",
        "14:30",
    )
    assert p.extra == {"code": "0o17", "flag": "yes", "when": "2026-11-27"}


def test_unquoted_caller_phone_keeps_its_digits(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        CALLER.replace("901-555-2120", "9015552120") + "prospects: [{name: A, company: B}]\n",
    )
    assert vc.load(path).caller.phone == "9015552120"


def test_single_prospect_mapping(tmp_path: Path) -> None:
    book = vc.load(write(tmp_path, "name: Dana Jones\ncompany: XYZ Company\n"))
    assert book.caller is None and book.prospects[0].company == "XYZ Company"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (
            CALLER + "prospects:\n  - name: Dana\n    compnay: XYZ\n",
            7,
            ["unknown key 'compnay'", "did you mean 'company'"],
        ),
        (
            CALLER + "prospects:\n  - name: Dana\n    company: XYZ\n    name: Dan\n",
            8,
            ["duplicate key 'name'", "line 6"],
        ),
        (
            CALLER + "prospects:\n  - name: [Dana, Jones]\n    company: XYZ\n",
            6,
            ["name must be text", "a list"],
        ),
        (CALLER + "prospects:\n  - company: XYZ\n", 6, ["needs 'name'"]),
        (
            CALLER + "prospects:\n  - name: Dana\n    company: XYZ\n    attempts: many\n",
            8,
            ["attempts must be a whole number", "'many'"],
        ),
        (
            CALLER + "prospects:\n  - name: Dana\n    company: XYZ\n    referral: Joe Sampson\n",
            8,
            ["referral must be a mapping"],
        ),
        (
            CALLER + "prospects:\n  - name: Dana\n    company: XYZ\n    timezone: Mars/Base\n",
            8,
            ["unknown time zone 'Mars/Base'"],
        ),
        (
            CALLER + "prospects:\n  - name: Dana\n    company: XYZ\n    slots: [next week]\n",
            8,
            ["not a date and time", "2026-11-27 14:00"],
        ),
        (
            CALLER.replace("901-555-2120", "12345") + "prospects: [{name: A, company: B}]\n",
            4,
            ["caller.phone '12345' is not a valid phone number"],
        ),
        (
            CALLER + "prospects:\n  - name: Dana\n    company: XYZ\n    referral: {by: Joe, "
            "confirmed: maybe}\n",
            8,
            ["must be true or false"],
        ),
        (CALLER + "prospects:\n  - name: Dana\n\tcompany: XYZ\n", 7, ["YAML error"]),
        (CALLER + "prospects:\n  - name: 'Dana\n    company: XYZ\n", None, ["YAML error"]),
        ("- just\n- a list\n", 1, ["must hold a mapping"]),
        (CALLER, 1, ["no prospects"]),
        (CALLER + "prospectz: []\n", 5, ["did you mean 'prospects'"]),
    ],
)
def test_bad_input_names_what_and_where(
    tmp_path: Path, text: str, line: int | None, words: list[str]
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(vc.DataError) as info:
        vc.load(path)
    message = str(info.value)
    assert message.startswith(str(path))
    if line is not None:
        assert info.value.line == line, message
    for word in words:
        assert word in message


def test_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes(
        b"\xef\xbb\xbf"
        + (CALLER + "prospects: [{name: A, company: B}]\n").replace("\n", "\r\n").encode()
    )
    assert vc.load(path).prospects[0].name == "A"


@pytest.mark.parametrize(
    ("setup", "words"),
    [
        (lambda p: p.write_bytes(b"name: Dana\ncompany: \xff\xfe\n"), ["not UTF-8"]),
        (lambda p: p.write_bytes(b"\x00\x01\x02binary"), ["binary"]),
        (lambda p: p.mkdir(), ["folder"]),
        (lambda p: None, ["no such file"]),
        (lambda p: p.write_text(""), ["empty"]),
    ],
)
def test_unreadable_files(tmp_path: Path, setup, words: list[str]) -> None:
    path = tmp_path / "p.yaml"
    setup(path)
    with pytest.raises(vc.DataError) as info:
        vc.load(path)
    for word in words:
        assert word in str(info.value)


def test_alias_bomb_ends_promptly(tmp_path: Path) -> None:
    """Nested anchors expand past any sane size: refused, not walked."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    text = "name: Dana\ncompany: XYZ\nextra:\n" + "\n".join("  " + x for x in lines) + "\n"
    with pytest.raises(vc.DataError, match="aliases"):
        vc.load(write(tmp_path, text))


def test_prospect_text_is_never_code(tmp_path: Path) -> None:
    path = write(tmp_path, "name: '{{ 7*7 }}'\ncompany: '{% include \"x\" %}'\n")
    p = vc.load(path).prospects[0]
    assert p.name == "{{ 7*7 }}" and p.company == '{% include "x" %}'

"""The one validator (plain data + Locations), from_dict, the file reader and the YAML reader."""

from __future__ import annotations

import os
from datetime import datetime, time
from pathlib import Path

import pytest
from click.testing import CliRunner

import voicemail_coach as vc
from voicemail_coach import sources
from voicemail_coach.cli import cli
from voicemail_coach.sources import Locations, files, schema, zones

from .conftest import NOW

CALLER = """\
caller:
  name: Freda Whitehouse
  company: ABC Company
  phone: 901-555-2120
  timezone: America/Chicago
"""


def write(tmp_path: Path, text: str, name: str = "p.yaml") -> Path:
    """Write a file and return its path."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- from_dict: what a CRM hands over ---------------------------------------------------------


def test_prospect_from_a_crm_shaped_dict() -> None:
    p = vc.Prospect.from_dict(
        {
            "name": "Dana Jones",
            "company": "XYZ Company",
            "phone": 4055550199,
            "need": None,
            "attempts": "3",
            "referral": {"by": "Joe Sampson", "confirmed": "yes"},
            "reference": {"client": "Company ABC", "result": "cut conflict time by a third"},
            "hours": "Mon-Fri 10:00-12:00",
            "slots": ["2026-11-27 14:00", "2026-11-27 15:00"],
            "timezone": "Eastern",
            "country": "us",
            "subdivision": "US-NY",
            "id": 98765,
            "extra": {"industry": "logistics", "seats": 40},
        }
    )
    assert (p.name, p.company, p.phone, p.need) == ("Dana Jones", "XYZ Company", "4055550199", None)
    assert p.attempts == 3
    assert p.referral == vc.Referral(by="Joe Sampson", confirmed=True)
    assert p.reference == vc.Reference(client="Company ABC", result="cut conflict time by a third")
    assert p.hours is not None and (p.hours.start, p.hours.end) == (time(10), time(12))
    assert p.hours.days == frozenset(range(5))
    assert p.slots == (datetime(2026, 11, 27, 14), datetime(2026, 11, 27, 15))
    assert (p.timezone, p.country, p.subdivision, p.id) == ("America/New_York", "US", "NY", "98765")
    assert p.extra == {"industry": "logistics", "seats": 40}
    assert (p.source, p.line) == (None, None)


def test_a_from_dict_prospect_drafts() -> None:
    caller = vc.Caller.from_dict(
        {
            "name": "Freda Whitehouse",
            "company": "ABC Company",
            "phone": "901-555-2120",
            "timezone": "America/Chicago",
            "hours": "Mon-Fri 09:00-12:00",
        }
    )
    p = vc.Prospect.from_dict(
        {
            "name": "Dana Jones",
            "company": "XYZ Company",
            "attempts": "1",
            "need": "fewer payroll errors",
            "slots": "2026-11-27 10:00; 2026-11-27 11:00",
        }
    )
    d = vc.draft(p, "warm-cold-call", caller, NOW)
    assert "Dana" in d.text and "901" in d.text and d.score > 0


@pytest.mark.parametrize(
    ("data", "key", "says"),
    [
        (
            {"attempts": "three"},
            "attempts",
            "attempts must be a whole number like 0, 1 or 2, not 'three'",
        ),
        ({"attempts": -1}, "attempts", "whole number"),
        (
            {"referral": {"by": "Joe", "confirmed": "maybe"}},
            "referral.confirmed",
            "referral.confirmed must be true or false, not 'maybe'",
        ),
        ({"referral": "Joe"}, "referral", "prospect.referral must be a mapping"),
        ({"referral": {"confirmed": True}}, "referral.by", "prospect.referral needs 'by'"),
        ({"hours": "whenever"}, "hours", "cannot read hours 'whenever'"),
        ({"slots": ["next week"]}, "slots.0", "'next week' is not a date and time"),
        ({"slots": "2026-11-27 10:00; soon"}, "slots", "'soon' is not a date and time"),
        ({"timezone": "Mars/Olympus"}, "timezone", "unknown time zone 'Mars/Olympus'"),
        ({"country": "USA"}, "country", "two-letter ISO country code like US or GB, not 'USA'"),
        ({"subdivision": "California"}, "subdivision", "ISO 3166-2 code like CA, US-CA or NSW"),
        ({"country": "US", "subdivision": "GB-ENG"}, "subdivision", "is in GB, but country is US"),
        ({"frist_name": "Dana"}, "frist_name", "unknown key 'frist_name' in prospect"),
        ({"name": ["Dana"]}, "name", "prospect.name must be text, not a list"),
        ({"need": "x" * 2_001}, "need", "is 2,001 characters; keep it under 2,000"),
        (
            {"extra": {f"k{i}": "v" for i in range(1_001)}},
            "extra",
            "holds 1,001 keys; keep it under 1,000",
        ),
        (
            {"extra": {"notes": "y" * 10_001}},
            "extra.notes",
            "10,001 characters; keep it under 10,000",
        ),
        ({"extra": ["a"]}, "extra", "extra must be a mapping like {industry: logistics}"),
    ],
)
def test_a_bad_value_names_its_key(data: dict, key: str, says: str) -> None:
    with pytest.raises(vc.DataError) as info:
        vc.Prospect.from_dict({"name": "Dana Jones", "company": "XYZ Company", **data})
    assert info.value.key == key
    assert says in str(info.value)
    assert (info.value.path, info.value.line) == (None, None)
    if data.get("name") is None:
        assert info.value.prospect == "Dana Jones"


def test_a_missing_required_field_names_it() -> None:
    with pytest.raises(vc.DataError) as info:
        vc.Prospect.from_dict({"name": "Dana Jones"})
    assert str(info.value) == "prospect needs 'company': add `company: ...` to it"
    assert (info.value.key, info.value.prospect) == ("company", "Dana Jones")


def test_caller_from_dict_refuses_a_bad_number() -> None:
    with pytest.raises(vc.DataError) as info:
        vc.Caller.from_dict({"name": "Freda", "company": "ABC Company", "phone": "call me"})
    assert info.value.key == "phone"
    assert "caller.phone 'call me' is not a valid phone number" in str(info.value)
    c = vc.Caller.from_dict(
        {"name": "Freda", "company": "ABC", "phone": 9015552120, "country": "us"}
    )
    assert (c.phone, c.country) == ("9015552120", "US")


# --- the validator over plain data with locations ---------------------------------------------


def test_locations_put_the_file_and_line_on_errors() -> None:
    where = Locations.dotted("crm-export.json", {"": 3, "attempts": 7, "referral.by": 9})
    with pytest.raises(vc.DataError) as info:
        schema.prospect({"name": "Dana Jones", "company": "XYZ", "attempts": "many"}, where)
    assert str(info.value) == (
        "crm-export.json:7: attempts must be a whole number like 0, 1 or 2, not 'many'"
    )
    assert (info.value.path, info.value.line, info.value.key) == ("crm-export.json", 7, "attempts")
    # a value without a line of its own is placed at its nearest located ancestor
    with pytest.raises(vc.DataError) as info:
        schema.prospect({"name": "Dana", "company": "XYZ", "referral": {"by": ""}}, where)
    assert info.value.line == 9
    p = schema.prospect({"name": "Dana", "company": "XYZ"}, where)
    assert (p.source, p.line) == ("crm-export.json", 3)


def test_error_attributes_survive_pickling() -> None:
    import pickle

    error = vc.DataError("bad", path="p.yaml", line=4, key="attempts", prospect="Dana")
    back = pickle.loads(pickle.dumps(error))
    assert (back.path, back.line, back.key, back.prospect, str(back)) == (
        "p.yaml",
        4,
        "attempts",
        "Dana",
        "p.yaml:4: bad",
    )


@pytest.mark.parametrize(
    ("written", "zone"),
    [
        ("America/Chicago", "America/Chicago"),
        ("US/Pacific", "US/Pacific"),
        ("Eastern", "America/New_York"),
        ("eastern time", "America/New_York"),
        ("PST", "America/Los_Angeles"),
        ("CST", "America/Chicago"),
        ("Mountain", "America/Denver"),
        ("(GMT-05:00) Eastern Time (US & Canada)", "America/New_York"),
        ("(GMT-06:00) Central Standard Time (America/Chicago)", "America/Chicago"),
        ("Pacific Standard Time", "America/Los_Angeles"),
        ("GMT+1", "Etc/GMT-1"),
        ("UTC-05:00", "Etc/GMT+5"),
        ("GMT", "Europe/London"),
        ("UTC", "UTC"),
        ("Mars/Olympus", None),
        ("GMT+5:30", None),
        ("", None),
    ],
)
def test_zone_names_as_people_write_them(written: str, zone: str | None) -> None:
    assert zones.to_iana(written) == zone


# --- the YAML reader --------------------------------------------------------------------------


def test_new_keys_country_subdivision_and_id(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        CALLER + "  country: US\n  subdivision: TN\n"
        "prospects:\n  - name: Dana Jones\n    company: XYZ\n    id: 0042\n"
        "    country: gb\n    subdivision: GB-ENG\n",
    )
    book = vc.load(path)
    assert (book.caller.country, book.caller.subdivision) == ("US", "TN")
    p = book.prospects[0]
    assert (p.id, p.country, p.subdivision) == ("0042", "GB", "ENG")


def test_an_unquoted_colon_says_to_quote_the_value(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        CALLER + "prospects:\n  - name: Dana\n    company: X\n    need: HR: fewer escalations\n",
    )
    with pytest.raises(vc.DataError) as info:
        vc.load(path)
    assert info.value.line == 9
    assert 'must be quoted, like need: "HR: fewer escalations"' in str(info.value)


def test_a_nul_byte_gives_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, CALLER + "prospects:\n  - name: Dana\x00\n    company: X\n")
    with pytest.raises(vc.DataError) as info:
        vc.load(path)
    assert str(info.value) == f"{path}:7: holds binary data (a NUL byte); expected a YAML text file"


def test_a_huge_mapping_is_refused_without_building_it(tmp_path: Path) -> None:
    keys = "".join(f"    k{i}: v\n" for i in range(20_000))
    path = write(tmp_path, "name: Dana\ncompany: X\nextra:\n" + keys)
    with pytest.raises(vc.DataError) as info:
        vc.load(path)
    assert str(info.value) == (
        f"{path}:4: a mapping of more than 10,000 keys; no field needs that many "
        "(extra holds at most 1,000)"
    )


def test_duplicate_key_and_tag_fail_only_their_prospect(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        CALLER + "prospects:\n"
        "  - {name: Dana, company: X, company: Y}\n"
        "  - {name: Sam, company: !!python/object:os.system Z}\n"
        "  - {name: Lee, company: W}\n",
    )
    listing = sources.open_list(path)
    outcomes = []
    for row in listing.rows():
        try:
            outcomes.append(sources.to_prospect(row).name)
        except vc.DataError as exc:
            outcomes.append(str(exc))
    assert outcomes == [
        f"{path}:7: duplicate key 'company' (first given on line 7); keep one",
        f"{path}:8: YAML tags like '!!python/object:os.system' are not supported; "
        "remove the !!tag and write the value as text",
        "Lee",
    ]
    with pytest.raises(vc.DataError, match="duplicate key 'company'"):
        vc.load(path)


def test_config_goes_through_the_same_validator(tmp_path: Path) -> None:
    path = write(tmp_path, "caller:\n  name: Freda\n  company: ABC\n  phone: 555\n", "c.yaml")
    with pytest.raises(vc.ConfigError) as info:
        vc.load_config(path)
    assert (info.value.line, info.value.key) == (4, "caller.phone")
    assert "caller.phone '555' is not a valid phone number" in str(info.value)
    path = write(tmp_path, "fail_on: error\nfial_on: warning\n", "c.yaml")
    with pytest.raises(vc.ConfigError) as info:
        vc.load_config(path)
    assert str(info.value) == (
        f"{path}:2: unknown key 'fial_on' in the config (did you mean 'fail_on'?)"
    )


# --- the file reader --------------------------------------------------------------------------


def test_the_size_limit_reads_as_mebibytes() -> None:
    assert files.size_text(files.MAX_BYTES) == "64 MiB"
    assert files.size_text(1536) == "1.5 KiB"


def test_reads_are_bounded_by_bytes_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "MAX_BYTES", 1024)
    path = write(tmp_path, "name: Dana\ncompany: XYZ\nneed: " + "x" * 2_000 + "\n")
    with pytest.raises(vc.DataError) as info:
        vc.load(path)
    assert (
        str(info.value) == f"{path}: is over the size limit of 1 KiB; split it into smaller files"
    )


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_is_refused_at_once() -> None:
    with pytest.raises(vc.DataError) as info:
        vc.load("/dev/zero")
    assert str(info.value) == (
        "/dev/zero: is a device, not a regular file; give a file, or '-' for standard input"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "prospects.yaml"
    os.mkfifo(fifo)
    r = CliRunner().invoke(cli, ["draft", str(fifo)])
    assert r.exit_code == 2
    assert r.output.strip() == (
        f"voicemail-coach: {fifo}: is a FIFO (named pipe), not a regular file; give a file, "
        "or '-' for standard input"
    )


def test_an_empty_file_name_is_named() -> None:
    with pytest.raises(vc.DataError) as info:
        vc.load("")
    assert str(info.value) == (
        "no file name given (an empty string); give the path of a .yaml or .csv file"
    )
    r = CliRunner().invoke(cli, ["draft", ""])
    assert r.exit_code == 2 and "Traceback" not in r.output
    (line,) = r.output.strip().splitlines()
    assert line.startswith("voicemail-coach: ") and "file" in line


def test_an_unreadable_file_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, CALLER + "prospects: [{name: A, company: B}]\n")
    real_open = os.open

    def refuse(name: str, *args: object) -> int:
        if str(name) == str(path):
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    r = CliRunner().invoke(cli, ["draft", str(path)])
    assert r.exit_code == 2
    assert r.output.strip() == (
        f"voicemail-coach: {path}: cannot read: permission denied; check the file's permissions"
    )


def test_aliases_that_multiply_across_prospects_are_refused(tmp_path: Path) -> None:
    """Each prospect reuses a modest anchor; together they pass the file's budget."""
    items = ", ".join(f"v{i}" for i in range(1_000))
    rows = "".join(f"  - {{name: P{i}, company: C, extra: {{tags: *big}}}}\n" for i in range(400))
    path = write(tmp_path, CALLER + f"anchors: &big [{items}]\nprospects:\n" + rows)
    for read in (vc.load, sources.open_list):
        with pytest.raises(vc.DataError) as info:
            read(path)
        assert "too many nested aliases" in str(info.value)
        assert info.value.line is not None and info.value.line > 8


def test_standard_input_is_read_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    text = CALLER + "prospects: [{name: Dana Jones, company: XYZ}]\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    assert vc.load("-").prospects[0].source == "<stdin>"
    monkeypatch.setattr(files, "MAX_BYTES", 10)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    with pytest.raises(vc.DataError) as info:
        vc.load("-")
    assert (
        str(info.value)
        == "<stdin>: is over the size limit of 10 bytes; split it into smaller files"
    )


def test_from_dict_raises_only_data_error_for_any_plain_data() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
    values = st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
        ),
        max_leaves=12,
    )
    keys = st.sampled_from([*vc.Prospect.__dataclass_fields__, "referral", "frist_name"])

    @settings(max_examples=300, deadline=None)
    @given(st.dictionaries(keys, values, max_size=8))
    def check(data: dict) -> None:
        try:
            p = vc.Prospect.from_dict({"name": "Dana Jones", "company": "XYZ", **data})
        except vc.DataError as exc:
            assert (
                exc.key is None or exc.key.split(".")[0] in data or exc.key in ("name", "company")
            )
        else:
            assert isinstance(p.name, str) and isinstance(p.attempts, int)

    check()


def test_a_prospect_key_is_the_same_in_a_file_and_in_a_dict(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        CALLER + "prospects:\n  - name: Dana Jones\n    company: XYZ\n"
        "    referral: {by: Joe Sampson, confirmed: maybe}\n",
    )
    with pytest.raises(vc.DataError) as info:
        vc.load(path)
    assert (info.value.key, info.value.prospect, info.value.line) == (
        "referral.confirmed",
        "Dana Jones",
        9,
    )
    data = {"prospects": [{"name": "Dana Jones", "company": "XYZ", "attempts": "x"}]}
    with pytest.raises(vc.DataError) as info:
        schema.book(data)
    assert (info.value.key, info.value.prospect) == ("attempts", "Dana Jones")


def test_a_folder_given_as_any_input_is_one_line(tmp_path: Path) -> None:
    listing = write(tmp_path, CALLER + "prospects: [{name: Dana Jones, company: XYZ}]\n")
    out = str(tmp_path / "drafts.jsonl")
    for args in (
        ["batch", str(tmp_path), "--out", out],
        ["batch", str(listing), "--out", out, "--caller", str(tmp_path)],
        ["--config", str(tmp_path), "draft", str(listing)],
    ):
        r = CliRunner().invoke(cli, args)
        assert r.exit_code == 2, args
        assert r.output.strip() == f"voicemail-coach: {tmp_path}: is a folder; give a file", args

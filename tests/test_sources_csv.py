"""CSV call lists: rows that cannot be lost, encodings, delimiters, and CRM exports as they come."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest

import voicemail_coach as vc
from voicemail_coach import batch, sources

from .sources_data import CALLER


def write_rows(path: Path, header: list[str], rows: list[list[str]], delimiter: str = ",") -> Path:
    """Write a CSV file as a spreadsheet would."""
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, delimiter=delimiter)
        out.writerow(header)
        out.writerows(rows)
    return path


def many(count: int) -> list[list[str]]:
    """Return `count` realistic rows of name, company, phone, need."""
    return [
        [
            f"Dana Jones {i}",
            f"Harbor Freight {i}",
            f"405-555-{i % 10000:04d}",
            "fewer payroll errors",
        ]
        for i in range(count)
    ]


def outcomes(path: Path, **options: object) -> list[str]:
    """Return each row's prospect name, or its error message, in order."""
    listing = sources.open_list(path, **options)  # type: ignore[arg-type]
    out = []
    for row in listing.rows():
        try:
            out.append(sources.to_prospect(row).name)
        except vc.DataError as exc:
            out.append(str(exc))
    assert listing.count() == len(out)
    return out


HEADER = ["name", "company", "phone", "need"]


# --- nothing lost ------------------------------------------------------------------------------


def test_a_stray_quote_in_5000_rows_costs_one_row(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "list.csv", HEADER, many(5_000))
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[101] = '"' + lines[101]  # row 101 of the data, line 102 of the file
    path.write_text("".join(lines), encoding="utf-8")
    got = outcomes(path)
    assert len(got) == 5_000
    errors = [g for g in got if g.startswith(str(path))]
    assert errors == [
        f'{path}:102: a quote (") opens a value here that does not close on this line; '
        'close it, or write a quote inside a quoted value as ""'
    ]
    assert got[100] == errors[0] and got[101] == "Dana Jones 101" and got[-1] == "Dana Jones 4999"


def test_batch_accounts_for_every_row(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "list.csv", HEADER, many(300))
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[10] = lines[10].replace("Harbor", '"Harbor', 1)
    lines[20] = lines[20].replace("fewer", 'fewer"', 1)
    path.write_text("".join(lines), encoding="utf-8")
    caller = vc.sources.read_caller(_caller(tmp_path))
    summary = batch.run(
        path, tmp_path / "out.jsonl", caller=caller, now=datetime(2026, 11, 23, 9), jobs=1
    )
    assert (summary.rows, summary.drafted, summary.failed) == (300, 299, 1)


def _caller(tmp_path: Path) -> Path:
    path = tmp_path / "caller.yaml"
    path.write_text(CALLER, encoding="utf-8")
    return path


def test_two_stray_quotes_that_pair_up_swallow_nothing(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "list.csv", HEADER, many(8))
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace("Harbor", '"Harbor', 1)  # opens in row 2 ...
    lines[5] = lines[5].replace("fewer", 'fewer"', 1)  # ... and "closes" in row 5
    path.write_text("".join(lines), encoding="utf-8")
    got = outcomes(path)
    assert len(got) == 8
    assert got[1].startswith(f"{path}:3: a quote") and got[0] == "Dana Jones 0"
    assert got[2:] == [f"Dana Jones {i}" for i in range(2, 8)]


def test_a_quoted_value_over_several_lines_is_kept(tmp_path: Path) -> None:
    path = write_rows(
        tmp_path / "list.csv",
        HEADER,
        [
            ["Dana Jones", "XYZ Company", "405-555-0199", "fewer payroll errors,\nfaster closes"],
            ["Sam Okafor", "Okafor Ltd", "415-555-0100", "onboarding"],
        ],
    )
    listing = sources.open_list(path)
    rows = list(listing.rows())
    p = sources.to_prospect(rows[0])
    assert p.need == "fewer payroll errors,\nfaster closes"
    assert (rows[1].line, sources.to_prospect(rows[1]).line) == (4, 4)


def test_a_quote_never_closed_on_the_last_line(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text('name,company\nDana Jones,XYZ\nSam Okafor,"Okafor Ltd\n', encoding="utf-8")
    assert outcomes(path) == [
        "Dana Jones",
        f'{path}:3: a quote (") opens a value here that does '
        "not close on this line; close it, or write a quote inside a quoted "
        'value as ""',
    ]


def test_the_file_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A list replaced after it is opened is still read with its own header."""
    path = tmp_path / "list.csv"
    path.write_text("name,company\nDana Jones,XYZ Company\n", encoding="utf-8")
    listing = sources.open_list(path)
    path.write_text("company,name\nDana Jones,XYZ Company\n", encoding="utf-8")
    (row,) = listing.rows()
    assert (sources.to_prospect(row).name, sources.to_prospect(row).company) == (
        "Dana Jones",
        "XYZ Company",
    )


# --- encodings, line ends, delimiters ---------------------------------------------------------


def test_cr_only_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(b"name,company\rDana Jones,XYZ\rSam Okafor,Okafor Ltd\r")
    assert outcomes(path) == ["Dana Jones", "Sam Okafor"]


def test_utf16_without_a_bom_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes("name,company\nDana Jones,XYZ\n".encode("utf-16-le"))
    with pytest.raises(vc.DataError) as info:
        sources.open_list(path)
    assert str(info.value) == f"{path}:1: is UTF-16 text; save it as UTF-8 (in Excel: CSV UTF-8)"


def test_utf16_with_a_bom_and_tabs_is_read(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes("name\tcompany\nRenée Dubois\tCrème Ltd\n".encode("utf-16"))
    assert outcomes(path) == ["Renée Dubois"]


def test_a_semicolon_export_is_read(tmp_path: Path) -> None:
    path = write_rows(
        tmp_path / "list.csv",
        ["Name", "Company", "Need"],
        [["Dana Jones", "XYZ, Inc.", "fewer errors"]],
        delimiter=";",
    )
    (p,) = [sources.to_prospect(r) for r in sources.open_list(path).rows()]
    assert (p.name, p.company, p.need) == ("Dana Jones", "XYZ, Inc.", "fewer errors")


# --- columns -----------------------------------------------------------------------------------


def test_every_unknown_column_is_named_at_once(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "list.csv", ["name", "compnay", "phnoe"], [["A", "B", "C"]])
    with pytest.raises(vc.DataError) as info:
        sources.open_list(path)
    assert str(info.value) == (
        f"{path}:1: unknown columns 'compnay' (did you mean 'company'?); "
        "'phnoe' (did you mean 'phone'?)"
    )


def test_100000_extra_columns_are_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text(
        ",".join(["name", "company", *(f"extra.c{i}" for i in range(100_000))]) + "\nA,B\n",
        encoding="utf-8",
    )
    with pytest.raises(vc.DataError) as info:
        sources.open_list(path)
    assert str(info.value) == f"{path}:1: has 100,000 extra columns; keep it under 1,000"


def test_a_bad_row_value_names_the_line_and_key(tmp_path: Path) -> None:
    path = write_rows(
        tmp_path / "list.csv",
        ["name", "company", "timezone", "attempts"],
        [["Dana Jones", "XYZ", "Eastern", "2"], ["Sam Okafor", "Okafor Ltd", "Mars/Olympus", "1"]],
    )
    rows = list(sources.open_list(path).rows())
    assert sources.to_prospect(rows[0]).timezone == "America/New_York"
    with pytest.raises(vc.DataError) as info:
        sources.to_prospect(rows[1])
    assert (info.value.line, info.value.key, info.value.prospect) == (3, "timezone", "Sam Okafor")


# --- CRM exports -------------------------------------------------------------------------------


def test_a_hubspot_export_as_it_comes(tmp_path: Path) -> None:
    path = write_rows(
        tmp_path / "hubspot-contacts.csv",
        [
            "Record ID",
            "First Name",
            "Last Name",
            "Email",
            "Phone Number",
            "Mobile Phone Number",
            "Company Name",
            "Job Title",
            "Time Zone",
            "Lead Status",
            "Contact owner",
        ],
        [
            [
                "51",
                "Dana",
                "Jones",
                "dana@xyz.example",
                "n/a",
                "405-555-0199",
                "XYZ Company",
                "Ops Director",
                "US/Eastern",
                "Open",
                "Freda Whitehouse",
            ],
            ["52", "Sam", "Okafor", "", "415-555-0100", "", "Okafor Ltd", "", "PST", "New", ""],
        ],
    )
    listing = sources.open_list(path)
    rows = list(listing.rows())
    assert [r.id for r in rows] == ["51", "52"]
    dana, sam = (sources.to_prospect(r) for r in rows)
    assert (dana.name, dana.company, dana.phone, dana.timezone, dana.id) == (
        "Dana Jones",
        "XYZ Company",
        "405-555-0199",
        "US/Eastern",
        "51",
    )
    assert dana.extra == {
        "email": "dana@xyz.example",
        "title": "Ops Director",
        "lead_status": "Open",
        "contact_owner": "Freda Whitehouse",
    }
    assert (sam.name, sam.phone, sam.timezone) == (
        "Sam Okafor",
        "415-555-0100",
        "America/Los_Angeles",
    )


def test_a_salesforce_report_as_it_comes(tmp_path: Path) -> None:
    path = write_rows(
        tmp_path / "salesforce.csv",
        [
            "Lead ID",
            "Salutation",
            "First Name",
            "Last Name",
            "Title",
            "Account Name",
            "Phone",
            "Mobile",
            "Email",
            "Lead Source",
            "Time Zone",
        ],
        [
            [
                "00Q5e00000AbCdE",
                "Ms.",
                "Priya",
                "Raman",
                "CFO",
                "Raman Logistics",
                "312-555-0142",
                "",
                "priya@raman.example",
                "Web",
                "(GMT-06:00) Central Standard Time (America/Chicago)",
            ]
        ],
    )
    (p,) = [sources.to_prospect(r) for r in sources.open_list(path).rows()]
    assert (p.id, p.salutation, p.name, p.company, p.phone) == (
        "00Q5e00000AbCdE",
        "Ms.",
        "Priya Raman",
        "Raman Logistics",
        "312-555-0142",
    )
    assert p.timezone == "America/Chicago"
    assert p.extra["lead_source"] == "Web" and p.extra["title"] == "CFO"


def test_a_pipedrive_export_as_it_comes(tmp_path: Path) -> None:
    path = write_rows(
        tmp_path / "pipedrive.csv",
        [
            "Person - ID",
            "Person - Name",
            "Organization - Name",
            "Person - Phone - Work",
            "Person - Email - Work",
            "Person - Label",
        ],
        [["1207", "Lee Carter", "Carter & Sons", "617-555-0123", "lee@carter.example", "Hot"]],
    )
    (p,) = [sources.to_prospect(r) for r in sources.open_list(path).rows()]
    assert (p.id, p.name, p.company, p.phone) == (
        "1207",
        "Lee Carter",
        "Carter & Sons",
        "617-555-0123",
    )
    assert p.extra == {"person_email_work": "lee@carter.example", "person_label": "Hot"}


def test_close_and_apollo_exports(tmp_path: Path) -> None:
    close = write_rows(
        tmp_path / "close.csv",
        ["lead_id", "Lead Name", "Contact Name", "Primary Phone", "Status"],
        [["lead_xyz123", "Bayline Shipping", "Ana Silva", "303-555-0177", "Potential"]],
    )
    (p,) = [sources.to_prospect(r) for r in sources.open_list(close).rows()]
    assert (p.id, p.name, p.company, p.phone) == (
        "lead_xyz123",
        "Ana Silva",
        "Bayline Shipping",
        "303-555-0177",
    )
    apollo = write_rows(
        tmp_path / "apollo.csv",
        [
            "First Name",
            "Last Name",
            "Title",
            "Company",
            "Email",
            "Corporate Phone",
            "Mobile Phone",
            "Industry",
            "Country",
            "Apollo Contact Id",
        ],
        [
            [
                "Ken",
                "Ito",
                "VP Sales",
                "Ito Freight",
                "ken@ito.example",
                "",
                "206-555-0150",
                "logistics",
                "United States",
                "64a1b2",
            ]
        ],
    )
    (q,) = [sources.to_prospect(r) for r in sources.open_list(apollo).rows()]
    assert (q.id, q.name, q.company, q.phone, q.country) == (
        "64a1b2",
        "Ken Ito",
        "Ito Freight",
        "206-555-0150",
        None,
    )
    assert q.extra["industry"] == "logistics" and q.extra["country"] == "United States"


def test_map_and_id_options(tmp_path: Path) -> None:
    path = write_rows(
        tmp_path / "list.csv",
        ["name", "company", "Call Attempts", "Deal Ref"],
        [["Dana Jones", "XYZ", "3", "D-77"]],
    )
    with pytest.raises(vc.DataError) as info:
        sources.open_list(path)
    assert "unknown columns 'Call Attempts' (did you mean 'attempts'?); 'Deal Ref'" in str(
        info.value
    )
    listing = sources.open_list(path, mapping={"call attempts": "attempts"}, id_column="Deal Ref")
    (p,) = [sources.to_prospect(r) for r in listing.rows()]
    assert (p.attempts, p.id) == (3, "D-77")
    with pytest.raises(vc.DataError) as info:
        sources.open_list(path, mapping={"Call Attempts": "atempts"})
    assert "unknown field 'atempts' (did you mean 'attempts'?)" in str(info.value)
    with pytest.raises(vc.DataError) as info:
        sources.open_list(path, id_column="Deal Id")
    assert "no column named 'Deal Id' for --map/--id (did you mean 'Deal Ref'?)" in str(info.value)


def test_a_multi_line_value_in_the_first_column_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        'name,company,phone,need\n"Dana\nJones",XYZ Company,405-555-0199,fewer errors\n'
        "Sam Okafor,Okafor Ltd,415-555-0100,onboarding\n",
        encoding="utf-8",
    )
    assert outcomes(path) == ["Dana\nJones", "Sam Okafor"]


def test_a_header_over_several_lines_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text('name,"com\npany"\nDana,XYZ\n', encoding="utf-8")
    with pytest.raises(vc.DataError) as info:
        sources.open_list(path)
    assert str(info.value).startswith(f"{path}:1: the header (the first line) is not valid CSV")


def test_map_options_are_parsed() -> None:
    assert sources.parse_mapping(["Call Attempts=attempts", " Deal = Ref =id "]) == {
        "Call Attempts": "attempts",
        "Deal = Ref": "id",
    }
    for bad in ("Call Attempts", "=attempts", "Call Attempts="):
        with pytest.raises(vc.DataError) as info:
            sources.parse_mapping([bad])
        assert str(info.value) == (
            f"--map '{bad}' must be HEADER=field, like --map \"Call Attempts=attempts\""
        )


def test_an_unmodified_hubspot_export_drafts_every_row(tmp_path: Path) -> None:
    path = write_rows(
        tmp_path / "hubspot.csv",
        [
            "Record ID",
            "First Name",
            "Last Name",
            "Company Name",
            "Phone Number",
            "Time Zone",
            "Industry",
            "Lead Status",
        ],
        [
            ["101", "Dana", "Jones", "XYZ Company", "405-555-0199", "Central", "logistics", "Open"],
            ["102", "Sam", "Okafor", "Okafor Ltd", "212-555-0100", "Eastern", "retail", "New"],
            ["103", "Priya", "Raman", "Raman Freight", "(415) 555-0142", "PST", "", "Open"],
        ],
    )
    out = tmp_path / "drafts.jsonl"
    caller = sources.read_caller(_caller(tmp_path))
    summary = batch.run(path, out, caller=caller, now=datetime(2026, 11, 23, 9), jobs=1)
    assert (summary.rows, summary.drafted, summary.failed) == (3, 3, 0)
    text = out.read_text(encoding="utf-8")
    assert "Hi Dana" in text and "Hi Sam" in text and "Hi Priya" in text

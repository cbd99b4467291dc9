"""Call lists read row by row (moved here from test_batch.py): YAML and CSV rows for batch."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

import voicemail_coach as vc
from voicemail_coach import sources

from .sources_data import CALLER, WHEN, caller_file, leftovers, prospect, records, run, write_csv

HOSTILE = Path(__file__).parent / "hostile" / "yaml"


def test_csv_columns_are_checked_like_yaml_keys(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", [{"name": "A", "compnay": "B"}], ["name", "compnay"])
    out = tmp_path / "drafts.jsonl"
    r = run("batch", str(path), "--out", str(out), "--caller", str(caller_file(tmp_path)))
    assert r.exit_code == 2
    assert r.stderr.strip() == (
        f"voicemail-coach: {path}:1: unknown column 'compnay' (did you mean 'company'?)"
    )
    assert not out.exists() and leftovers(tmp_path) == []


def test_csv_cells_become_nested_fields(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        "Name, Company ,referral.by,referral.confirmed,reference.client,slots,extra.industry,"
        "need\n"
        'Dana Jones,XYZ Company,Joe Sampson,yes,Bayline Shipping,"2026-11-27 10:00; '
        '2026-11-27 11:00",logistics,\n',
        encoding="utf-8",
    )
    listing = sources.open_list(path)
    (row,) = listing.rows()
    p = sources.to_prospect(row)
    assert (p.name, p.company, p.need) == ("Dana Jones", "XYZ Company", None)
    assert p.referral == vc.Referral(by="Joe Sampson", confirmed=True)
    assert p.reference == vc.Reference(client="Bayline Shipping")
    assert p.slots == (datetime(2026, 11, 27, 10), datetime(2026, 11, 27, 11))
    assert p.extra == {"industry": "logistics"}
    assert (p.source, p.line) == (str(path), 2)


def test_a_bad_byte_spoils_only_its_row(tmp_path: Path) -> None:
    """In a UTF-8 file (it holds UTF-8 text elsewhere), one bad byte fails only its row."""
    rows = [prospect(1), prospect(2), prospect(3)]
    rows[0]["need"] = "menus for the Café Zoë chain"
    path = write_csv(tmp_path / "list.csv", rows)
    raw = path.read_bytes().replace(b"Dana Jones 2", b"Dana J\xf6nes 2")
    path.write_bytes(raw)
    out = tmp_path / "drafts.jsonl"
    r = run("batch", str(path), "--out", str(out), "--caller", str(caller_file(tmp_path)), *WHEN)
    assert r.exit_code == 2  # a row could not be drafted (the exit rule draft and batch share)
    got = records(out)
    assert [rec.get("error", "")[: len(str(path)) + 3] for rec in got] == ["", f"{path}:3:", ""]
    assert "is not UTF-8 text (a bad byte in this row)" in got[1]["error"]


def test_a_windows_1252_file_is_read_with_one_note(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(
        "name,company,need\nRenée Dubois,Crème Brûlée Ltd,fewer returns\n"
        "Zoë Hart,Hart & Söhne,faster onboarding\n".encode("cp1252")
    )
    listing = sources.open_list(path)
    assert listing.notes == [
        f"{path}: not UTF-8, read as Windows-1252 (as Excel saves it); "
        "save it as CSV UTF-8 to be sure of every accent"
    ]
    got = [sources.to_prospect(r) for r in listing.rows()]
    assert [(p.name, p.company) for p in got] == [
        ("Renée Dubois", "Crème Brûlée Ltd"),
        ("Zoë Hart", "Hart & Söhne"),
    ]


@pytest.mark.parametrize("path", sorted(HOSTILE.iterdir()), ids=lambda p: p.name)
def test_yaml_rows_say_what_load_says(path: Path) -> None:
    """The call-list reader accepts what load accepts, and words errors the same way."""
    try:
        book = vc.load(path)
        expected: tuple = ("ok", list(book.prospects), book.caller)
    except vc.VoicemailCoachError as exc:
        expected = ("error", str(exc))
    try:
        listing = sources.open_list(path)
        rows = list(listing.rows())
        errors = []
        prospects = []
        for row in rows:
            try:
                prospects.append(sources.to_prospect(row))
            except vc.DataError as exc:
                errors.append(str(exc))
        got: tuple = ("error", errors[0]) if errors else ("ok", prospects, listing.caller)
        assert listing.count() == len(rows)
    except vc.VoicemailCoachError as exc:
        got = ("error", str(exc))
    assert got == expected


def test_yaml_anchors_and_deep_nesting(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text(
        "prospects:\n  - {name: A, company: &co ABC}\n  - {name: B, company: *co}\n"
        "caller: {name: Freda, company: *co, phone: 901-555-2120}\n",
        encoding="utf-8",
    )
    listing = sources.open_list(path)
    assert listing.caller is not None and listing.caller.company == "ABC"
    assert [sources.to_prospect(r).company for r in listing.rows()] == ["ABC", "ABC"]
    path.write_text(CALLER + "prospects: [" + "[" * 5000 + "]" * 5000 + "]\n", encoding="utf-8")
    with pytest.raises(vc.DataError, match="nested more than 100 levels deep"):
        sources.open_list(path)

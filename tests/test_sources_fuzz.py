"""Seeded mutation fuzzing of the readers: only our own errors, and no CSV row ever lost."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import voicemail_coach as vc
from voicemail_coach import sources

YAML = """\
caller:
  name: Freda Whitehouse
  company: ABC Company
  phone: 901-555-2120
  timezone: America/Chicago
prospects:
  - name: Dana Jones
    company: XYZ Company
    phone: 405-555-0199
    need: cutting the time spent on employee conflict
    referral: {by: Joe Sampson, confirmed: true}
    attempts: 2
    slots: ["2026-11-27 14:00", "2026-11-27 15:00"]
    extra: {industry: logistics}
  - name: Sam Okafor
    company: &co Okafor Ltd
    hours: Mon-Fri 08:00-16:00
    timezone: Eastern
  - {name: Lee Carter, company: *co, id: "0042", country: US, subdivision: MA}
"""
SEEDS, MUTANTS = 2, 60  # 240 mutants in the suite; raise them to hunt
CSV_ROWS = 12
CSV = "name,company,phone,need,attempts\n" + "".join(
    f"Dana Jones {i},Harbor Freight {i},405-555-{i:04d},fewer payroll errors,{i % 4}\n"
    for i in range(CSV_ROWS)
)
PIECES = [
    '"',
    "'",
    ":",
    ": ",
    "{",
    "}",
    "[",
    "]",
    "&a",
    "*a",
    "!!",
    "-",
    "#",
    "\n",
    "\t",
    ",",
    ";",
    "\r",
    "\x00",
    "\\",
    "\xff",
    "  ",
    "<<: ",
    "---\n",
    "é",
    "\ufeff",
]


def mutate(text: str, rng: random.Random) -> str:
    """Return the text with one to three random insertions, deletions or swaps."""
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(text) + 1)
        kind = rng.random()
        if kind < 0.6:
            text = text[:at] + rng.choice(PIECES) + text[at:]
        elif kind < 0.85:
            text = text[:at] + text[at + rng.randint(1, 8) :]
        else:
            text = text[:at] + text[at : at + 20][::-1] + text[at + 20 :]
    return text


def read_all(path: Path) -> tuple[int, list[str]]:
    """Read a list as batch does; return the row count and each row's outcome."""
    listing = sources.open_list(path)
    out = []
    for row in listing.rows():
        try:
            out.append(sources.to_prospect(row).name)
        except vc.DataError as exc:
            message = str(exc)
            assert "\n" not in message.strip() and len(message) < 400, message
            out.append(message)
    return listing.count(), out


@pytest.mark.parametrize("seed", range(SEEDS))
def test_yaml_mutants_end_in_a_record_or_one_clear_error(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    path = tmp_path / "list.yaml"
    for _ in range(MUTANTS):
        raw = mutate(YAML, rng).encode("utf-8", "surrogatepass")
        path.write_bytes(raw)
        try:
            vc.load(path)
        except vc.VoicemailCoachError as exc:
            assert str(exc).startswith(str(path)), exc
        try:
            count, rows = read_all(path)
        except vc.VoicemailCoachError as exc:
            assert str(exc).startswith(str(path)), exc
        else:
            assert count == len(rows)


@pytest.mark.parametrize("seed", range(SEEDS))
def test_csv_mutants_lose_no_row(tmp_path: Path, seed: int) -> None:
    rng = random.Random(100 + seed)
    path = tmp_path / "list.csv"
    for _ in range(MUTANTS):
        text = mutate(CSV, rng)
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            count, rows = read_all(path)
        except vc.VoicemailCoachError as exc:
            assert str(exc).startswith(str(path)), exc
        else:
            assert count == len(rows)


@pytest.mark.parametrize("seed", range(SEEDS))
def test_one_stray_quote_anywhere_costs_at_most_its_row(tmp_path: Path, seed: int) -> None:
    rng = random.Random(200 + seed)
    path = tmp_path / "list.csv"
    header = len(CSV.splitlines()[0]) + 1
    for _ in range(MUTANTS):
        at = rng.randrange(header, len(CSV))
        path.write_text(CSV[:at] + '"' + CSV[at:], encoding="utf-8")
        count, rows = read_all(path)
        assert count == len(rows) == CSV_ROWS
        assert sum(not r.startswith("Dana Jones") for r in rows) <= 1, rows

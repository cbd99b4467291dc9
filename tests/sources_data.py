"""Shared data for the reading tests: a caller, varied prospect rows, a CSV writer, the CLI."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner

from voicemail_coach.cli import cli

WHEN = ["--now", "2026-11-23T09:00"]
CALLER = """\
caller:
  name: Freda Whitehouse
  company: ABC Company
  phone: 901-555-2120
  available: between nine and noon, Monday to Friday
  hours: Mon-Fri 09:00-12:00
  timezone: America/Chicago
"""
COLUMNS = [
    "name",
    "company",
    "salutation",
    "phone",
    "need",
    "referral.by",
    "referral.confirmed",
    "reference.client",
    "reference.result",
    "attempts",
    "slots",
    "hours",
    "timezone",
    "extra.industry",
]
AREAS = ["405", "415", "212", "312", "617", "303", "206", "713"]
NEEDS = [
    "cutting the time spent on employee conflict",
    "onboarding new shift leads faster",
    "fewer payroll errors",
    "shorter delays in claims processing",
]
ZONES = ["America/New_York", "America/Denver", "America/Los_Angeles", "Europe/London"]


def prospect(i: int) -> dict[str, str]:
    """Return a varied, valid prospect row (every fourth one has a referral, and so on)."""
    row = {
        "name": f"Dana Jones {i}",
        "company": f"Harbor Freight {i}",
        "phone": f"{AREAS[i % len(AREAS)]}-{200 + i % 700}-{i % 10000:04d}",
        "attempts": str(i % 5),
    }
    if i % 3:
        row["need"] = NEEDS[i % len(NEEDS)]
    if i % 4 == 0:
        row["referral.by"] = f"Joe Sampson {i}"
        row["referral.confirmed"] = "yes" if i % 8 else "no"
    if i % 5 == 0:
        row["reference.client"] = "Bayline Shipping"
        row["reference.result"] = "cut new-lead training by two weeks"
    if i % 7 == 0:
        row["salutation"] = f"Ms. Jones {i}"
    if i % 11 == 0:
        row["timezone"] = ZONES[i % len(ZONES)]
    if i % 13 == 0:
        row["hours"] = "Mon-Fri 08:00-16:00"
    if i % 17 == 0:
        row["slots"] = "2026-11-27 10:00; 2026-11-27 11:00"
    if i % 6 == 0:
        row["extra.industry"] = "logistics"
    return row


def write_csv(path: Path, rows: list[dict[str, str]], columns: list[str] = COLUMNS) -> Path:
    """Write rows as a CSV call list."""
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.DictWriter(f, columns)
        out.writeheader()
        out.writerows(rows)
    return path


def caller_file(tmp_path: Path) -> Path:
    path = tmp_path / "caller.yaml"
    path.write_text(CALLER, encoding="utf-8")
    return path


def run(*args: str) -> object:
    """Invoke the CLI (stderr kept apart) and return the result."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def leftovers(folder: Path) -> list[str]:
    """Return temporary files left in a folder."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))

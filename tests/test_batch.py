"""Batch drafting of call lists: per-row errors, formats, all-or-nothing output, exit codes.

Also: the batch drafter gives what `vc.draft` gives, and the cheap pre-checks that speed up
scoring never change a finding.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import voicemail_coach as vc
from voicemail_coach import batch, checks, drafting, sources
from voicemail_coach.cli import cli
from voicemail_coach.output import csv as csv_output

from .conftest import EXAMPLE, NOW
from .examples import EXAMPLES

CORPUS = Path(__file__).parent / "data" / "voicemails.yaml"
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


def write_yaml(path: Path, rows: list[dict[str, str]]) -> Path:
    """Write the same rows as a YAML prospects file (with the caller)."""
    lines = [CALLER + "prospects:"]
    for row in rows:
        nested: dict[str, dict[str, str]] = {}
        lines.append(f"  - name: {json.dumps(row['name'])}")
        for key, value in row.items():
            if "." in key:
                head, sub = key.split(".")
                nested.setdefault(head, {})[sub] = value
            elif key == "slots":
                items = ", ".join(json.dumps(s.strip()) for s in value.split(";"))
                lines.append(f"    slots: [{items}]")
            elif key != "name":
                lines.append(f"    {key}: {json.dumps(value)}")
        for head, fields in nested.items():
            inner = ", ".join(f"{k}: {json.dumps(v)}" for k, v in fields.items())
            lines.append(f"    {head}: {{{inner}}}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
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


# --- one bad row never stops the others -----------------------------------------------------


def test_a_thousand_rows_with_broken_ones(tmp_path: Path) -> None:
    rows = [prospect(i) for i in range(1, 1001)]
    rows[6] = {**rows[6], "company": ""}  # row 7: a required field missing
    rows[249] = {**rows[249], "attempts": "many"}  # row 250: not a number
    rows[499] = {**rows[499], "timezone": "Mars/Olympus"}  # row 500: unknown zone
    rows[997] = {**rows[997], "slots": "2020-01-01 10:00"}  # row 998: a slot in the past
    path = write_csv(tmp_path / "list.csv", rows)
    out = tmp_path / "drafts.jsonl"
    r = run(
        "batch",
        str(path),
        "--out",
        str(out),
        "--caller",
        str(caller_file(tmp_path)),
        "--jobs",
        "2",
        *WHEN,
    )
    assert r.exit_code == 2, r.output  # a row could not be drafted
    found = records(out)
    assert [rec["row"] for rec in found] == list(range(1, 1001))
    errors = {rec["row"]: rec for rec in found if "error" in rec}
    assert sorted(errors) == [7, 250, 500, 998]
    assert errors[7]["prospect"] == "Dana Jones 7"
    assert errors[7]["error"] == (f"{path}:8: prospect needs 'company': add `company: ...` to it")
    assert errors[250]["error"].startswith(f"{path}:251: attempts must be a whole number")
    assert "unknown time zone 'Mars/Olympus'" in errors[500]["error"]
    assert errors[500]["error"].startswith(f"{path}:501: ")
    assert errors[998]["error"].startswith(f"{path}:999: ")
    assert "in the past" in errors[998]["error"]
    drafts = [rec for rec in found if "error" not in rec]
    assert len(drafts) == 996
    assert all(
        rec["text"].startswith("Hi ") and rec["prospect"] == f"Dana Jones {rec['row']}"
        for rec in drafts
    )
    assert set(drafts[0]) == {
        "row",
        "prospect",
        "id",
        "style",
        "reason",
        "text",
        "score",
        "passed",
        "metrics",
        "callback_numbers",
        "proposed_times",
        "findings",
    }
    assert r.stderr.strip() == (
        f"voicemail-coach: 996 drafted, 4 failed; see the error records in {out}"
    )
    assert leftovers(tmp_path) == []


def test_yaml_rows_fail_one_by_one(tmp_path: Path) -> None:
    """vc.load stops at the first bad prospect; batch reports it and drafts the rest."""
    path = tmp_path / "list.yaml"
    path.write_text(
        CALLER
        + """\
prospects:
  - name: Dana Jones
    company: XYZ Company
  - name: Sam Okafor
    compnay: Harbor Freight
  - {name: Lee Carter, company: Redwood Insurance, referral: {by: Tom, confirmed: maybe}}
  - name: Priya Raman
    company: Northwind Clinics
""",
        encoding="utf-8",
    )
    with pytest.raises(vc.DataError):
        vc.load(path)
    out = tmp_path / "drafts.jsonl"
    r = run("batch", str(path), "--out", str(out), *WHEN)
    assert r.exit_code == 2
    found = records(out)
    assert [rec.get("error") for rec in found] == [
        None,
        f"{path}:12: unknown key 'compnay' in prospect (did you mean 'company'?)",
        f"{path}:13: referral.confirmed must be true or false, not 'maybe'",
        None,
    ]
    assert [rec["prospect"] for rec in found] == [
        "Dana Jones",
        "Sam Okafor",
        "Lee Carter",
        "Priya Raman",
    ]


def test_a_row_a_template_cannot_render_is_one_error(tmp_path: Path) -> None:
    rows = [prospect(1), prospect(2)]  # neither has a referral
    path = write_csv(tmp_path / "list.csv", rows)
    out = tmp_path / "drafts.jsonl"
    r = run(
        "batch",
        str(path),
        "--out",
        str(out),
        "--style",
        "referral",
        "--caller",
        str(caller_file(tmp_path)),
        *WHEN,
    )
    assert r.exit_code == 2
    errors = [rec["error"] for rec in records(out)]
    assert errors[0].startswith(f"{path}:2: style referral needs prospect.referral.by")


# --- the same drafts, whatever the input ----------------------------------------------------


def test_csv_and_yaml_give_the_same_drafts(tmp_path: Path) -> None:
    rows = [prospect(i) for i in range(1, 41)]
    csv_path = write_csv(tmp_path / "list.csv", rows)
    yaml_path = write_yaml(tmp_path / "list.yaml", rows)
    assert len(vc.load(yaml_path).prospects) == 40
    from_csv, from_yaml = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert (
        run(
            "batch",
            str(csv_path),
            "--out",
            str(from_csv),
            "--caller",
            str(caller_file(tmp_path)),
            *WHEN,
        ).exit_code
        == 0
    )
    assert run("batch", str(yaml_path), "--out", str(from_yaml), *WHEN).exit_code == 0
    csv_records, yaml_records = records(from_csv), records(from_yaml)
    for record in (*csv_records, *yaml_records):  # a finding's field names its own file:line
        for finding in record.get("findings", ()):
            if "field" in finding:
                assert finding["field"]["path"] in (str(csv_path), str(yaml_path))
                finding["field"] = finding["field"]["name"]
    assert csv_records == yaml_records


def test_batch_drafts_are_what_vc_draft_gives(tmp_path: Path) -> None:
    """The drafter's caches (styles, templates, slot planners) change nothing."""
    book = vc.load(write_yaml(tmp_path / "list.yaml", [prospect(i) for i in range(1, 121)]))
    example = vc.load(EXAMPLE)
    now = datetime(2026, 11, 23, 9)
    for caller, prospects in ((book.caller, book.prospects), (example.caller, example.prospects)):
        fresh = [vc.Drafter(caller).draft(p, now=now) for p in prospects]
        shared = vc.Drafter(caller)
        assert [shared.draft(p, now=now) for p in prospects] == fresh
        assert [vc.draft(p, caller=caller, now=now) for p in prospects] == fresh
        spread = vc.Drafter(caller, spread=True)
        assert list(vc.draft_many(prospects, caller=caller, now=now)) == [
            spread.draft(p, now=now) for p in prospects
        ]
    for p in book.prospects[:20]:
        expected = vc.Drafter(book.caller).draft(p, "warm-cold-call", now)
        assert shared.draft(p, "warm-cold-call", now) == expected


# --- output formats -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["drafts.jsonl", "drafts.csv", "drafts.md"])
def test_output_format_follows_the_extension(tmp_path: Path, name: str) -> None:
    rows = [prospect(1), {**prospect(2), "company": ""}, prospect(3)]
    path = write_csv(tmp_path / "list.csv", rows)
    out = tmp_path / name
    r = run("batch", str(path), "--out", str(out), "--caller", str(caller_file(tmp_path)), *WHEN)
    assert r.exit_code == 2
    text = out.read_text(encoding="utf-8")
    if name.endswith(".jsonl"):
        assert [("error" in rec) for rec in records(out)] == [False, True, False]
    elif name.endswith(".csv"):
        table = list(csv.DictReader(text.splitlines()))
        assert list(table[0]) == list(csv_output.COLUMNS)
        assert [t["row"] for t in table] == ["1", "2", "3"]
        assert table[0]["text"].startswith("Hi Dana, this is Freda Whitehouse")
        assert table[0]["passed"] in ("true", "false") and float(table[0]["seconds"]) > 10
        assert table[1]["error"].startswith(f"{path}:3: prospect needs 'company'")
        finding = re.compile(r"(suggestion|warning|error) [a-z-]+: .+")
        assert all(finding.fullmatch(f) for t in table for f in t["findings"].split(" | ") if f)
    else:
        assert text.startswith("# Voicemail drafts: list.csv\n\n2 drafted (")
        assert (
            "## 1. Dana Jones 1 - warm-cold-call\n" in text and "> Hi Dana, this is Freda" in text
        )
        assert "## 2. Dana Jones 2: not drafted" in text


def test_format_option_and_unknown_extensions(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", [prospect(1)])
    caller = str(caller_file(tmp_path))
    out = tmp_path / "drafts.txt"
    r = run("batch", str(path), "--out", str(out), "--caller", caller, *WHEN)
    assert r.exit_code == 2 and "cannot tell the format from '.txt'" in r.stderr
    r = run("batch", str(path), "--out", str(out), "--format", "jsonl", "--caller", caller, *WHEN)
    assert r.exit_code == 0 and json.loads(out.read_text())["row"] == 1


# --- nothing lost -----------------------------------------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_interrupt_leaves_the_earlier_output_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    path = write_csv(tmp_path / "list.csv", [prospect(i) for i in range(1, 601)])
    out = tmp_path / "drafts.jsonl"
    out.write_text("yesterday's drafts\n", encoding="utf-8")
    real = drafting.Drafter.draft

    def draft(self: drafting.Drafter, p: vc.Prospect, *args: Any, **kwargs: Any) -> vc.Draft:
        if p.line == 451:  # row 450: the worker that gets it is interrupted
            raise KeyboardInterrupt
        return real(self, p, *args, **kwargs)

    monkeypatch.setattr(drafting.Drafter, "draft", draft)
    r = run(
        "batch",
        str(path),
        "--out",
        str(out),
        "--caller",
        str(caller_file(tmp_path)),
        "--jobs",
        jobs,
        *WHEN,
    )
    assert r.exit_code == 130
    assert "interrupted" in r.stderr
    assert out.read_text(encoding="utf-8") == "yesterday's drafts\n"
    assert leftovers(tmp_path) == []


def test_a_new_file_appears_only_when_complete(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", [prospect(1), prospect(2)])
    seen: list[list[str]] = []
    out = tmp_path / "drafts.jsonl"

    def progress(rows: int) -> None:
        seen.append(sorted(p.name for p in tmp_path.iterdir()))

    totals: list[int] = []
    summary = batch.run(
        path,
        out,
        caller=sources.read_caller(caller_file(tmp_path)),
        now=datetime(2026, 11, 23, 9),
        progress=progress,
        on_total=totals.append,
    )
    assert totals == [2] and summary.drafted == 2 and summary.failed == 0
    assert "drafts.jsonl" not in seen[0] and any(n.endswith(".part") for n in seen[0])
    assert out.exists() and leftovers(tmp_path) == []


# --- exit codes -------------------------------------------------------------------------------


def test_exit_0_when_every_row_is_drafted(tmp_path: Path) -> None:
    out = tmp_path / "drafts.jsonl"
    r = run("batch", str(EXAMPLE), "--out", str(out), *WHEN)
    assert r.exit_code == 0, r.output
    assert r.stderr.strip() == f"voicemail-coach: 4 drafted, 0 failed; written to {out}"
    assert [rec["prospect"] for rec in records(out)] == [
        "Dana Jones",
        "Sam Okafor",
        "Priya Raman",
        "Lee Carter",
    ]


@pytest.mark.parametrize(
    ("content", "name", "says"),
    [
        (None, "missing.csv", "no such file"),
        ("", "empty.csv", "the file is empty"),
        ("name,phone\nA,1\n", "list.csv", "no 'company' column"),
        ("name,company\n", "list.csv", "the list has a header but no rows"),
        ("prospects: [\n", "list.yaml", "YAML error"),
        ("prospects: [{name: A, company: B}]\n", "list.yaml", "no caller"),
    ],
)
def test_exit_2_when_the_list_cannot_be_read(
    tmp_path: Path, content: str | None, name: str, says: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    out = tmp_path / "drafts.jsonl"
    out.write_text("earlier\n", encoding="utf-8")
    caller = ["--caller", str(caller_file(tmp_path))] if name.endswith(".csv") else []
    r = run("batch", str(path), "--out", str(out), *caller, *WHEN)
    assert r.exit_code == 2, r.output
    assert says in r.stderr and "Traceback" not in r.output
    assert out.read_text(encoding="utf-8") == "earlier\n" and leftovers(tmp_path) == []


def test_exit_2_for_an_unknown_style_or_a_missing_folder(tmp_path: Path) -> None:
    r = run("batch", str(EXAMPLE), "--out", str(tmp_path / "d.jsonl"), "--style", "refferal")
    assert r.exit_code == 2 and "unknown style 'refferal' (did you mean 'referral'?)" in r.stderr
    r = run("batch", str(EXAMPLE), "--out", str(tmp_path / "nowhere" / "d.jsonl"))
    assert r.exit_code == 2 and "does not exist" in r.stderr


# --- the fast pre-checks never change a finding ---------------------------------------------


def _spellings(pattern: str) -> list[str]:
    """Return every text a simple pattern (literals, groups, |, ?, sets, lookarounds) matches."""
    try:
        from re import _parser as parser  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_parse as parser  # type: ignore[no-redef]
    from re import _constants as c  # type: ignore[attr-defined]

    def seq(items: object) -> list[str]:
        out = [""]
        for op, av in items:  # type: ignore[attr-defined]
            if op is c.LITERAL:
                options = [chr(av)]
            elif op is c.IN:
                options = [chr(v) for o, v in av if o is c.LITERAL]
                assert len(options) == len(av), pattern
            elif op is c.SUBPATTERN:
                options = seq(av[-1])
            elif op is c.BRANCH:
                options = [s for branch in av[1] for s in seq(branch)]
            elif op is c.MAX_REPEAT and av[:2] == (0, 1):
                options = ["", *seq(av[2])]
            elif op in (c.ASSERT_NOT, c.AT):
                continue
            else:
                raise AssertionError(f"cannot spell out {op} in {pattern}")
            out = [a + b for a in out for b in options]
        return out

    return seq(parser.parse(pattern))


def test_every_filler_phrase_holds_a_hint() -> None:
    """_may_hold_filler skips the scan when no hint is present: each phrase must hold one."""
    for phrase in checks._WEAK:
        for text in _spellings(phrase):
            assert checks._WEAK_RE.search(f"Hi, {text}."), (phrase, text)
            for said in (text, text.upper(), text.capitalize()):
                assert checks._may_hold_filler(f"Hi, {said}."), (phrase, said)


def _texts() -> list[str]:
    import yaml

    corpus = [e["text"] for e in yaml.safe_load(CORPUS.read_text(encoding="utf-8"))]
    return [text for _, text, _, _ in EXAMPLES] + corpus


def test_pre_checks_agree_with_the_full_scans() -> None:
    for text in _texts():
        for variant in (text, text.upper(), text.lower()):
            if not checks._may_hold_filler(variant):
                assert not checks._WEAK_RE.search(variant), variant
            if not checks._may_hold_placeholder(variant):
                assert not checks._PLACEHOLDER.search(variant), variant


def test_scores_do_not_depend_on_the_caches() -> None:
    """Scoring a text twice (second time from the caches) gives the same draft."""
    for text in _texts()[:60]:
        first = vc.score(text, caller_phone="901-555-2120", now=NOW)
        assert vc.score(text, caller_phone="901-555-2120", now=NOW) == first


def test_slots_are_spread_over_the_list_the_same_way_whatever_the_jobs(tmp_path: Path) -> None:
    rows = [
        {"name": f"Dana Jones {i}", "company": f"Harbor {i}", "timezone": "America/Chicago"}
        for i in range(1, 151)  # within the caller's three weeks of shared slots
    ]
    path = write_csv(tmp_path / "list.csv", rows, ["name", "company", "timezone"])
    caller = str(caller_file(tmp_path))
    found = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"drafts-{jobs}.jsonl"
        r = run("batch", str(path), "--out", str(out), "--caller", caller, "--jobs", jobs, *WHEN)
        assert r.exit_code in (0, 1), r.output
        found[jobs] = records(out)
    assert found["1"] == found["2"]
    offered: dict[str, int] = {}
    for rec in found["1"]:
        for t in rec["proposed_times"]:
            offered[t["when"]] = offered.get(t["when"], 0) + 1
    assert max(offered.values()) <= vc.Config().max_per_slot  # no slot offered to more than 5
    assert len(offered) == 60  # 150 prospects in one zone: 300 offers over 60 slots, 5 each
    prospects = [sources.to_prospect(r) for r in sources.open_list(path).rows()]
    many = vc.draft_many(prospects, caller=sources.read_caller(caller), now=NOW)
    assert [d.to_dict()["proposed_times"] for d in many] == [
        rec["proposed_times"] for rec in found["1"]
    ]


# --- workers that die, parents that go ------------------------------------------------------


def _start(tmp_path: Path, rows: int) -> tuple[Any, Path, list[int]]:
    """Start `batch --jobs 2` on a long list; return the process, the output and the workers."""
    import os
    import subprocess
    import sys
    import time

    path = write_csv(tmp_path / "list.csv", [prospect(i) for i in range(1, rows + 1)])
    out = tmp_path / "drafts.jsonl"
    out.write_text("yesterday's drafts\n", encoding="utf-8")
    command = [sys.executable, "-m", "voicemail_coach", "batch", str(path), "--out", str(out)]
    caller = ["--caller", str(caller_file(tmp_path))]
    proc = subprocess.Popen(
        [*command, *caller, "--jobs", "2", *WHEN], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    listed = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")

    def children() -> list[int]:
        try:
            return [int(c) for c in listed.read_text().split()]
        except OSError:
            return []

    deadline = time.monotonic() + 60
    while not children() and time.monotonic() < deadline:  # the pool starts workers lazily
        time.sleep(0.05)
    time.sleep(0.5)  # some chunks drafted and written to the temporary file
    workers = children()
    assert workers, "the workers never started"
    assert proc.poll() is None and os.path.exists(f"/proc/{workers[0]}")
    return proc, out, workers


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_a_killed_worker_ends_the_run_with_a_message_and_nothing_written(tmp_path: Path) -> None:
    import os
    import signal
    import time

    proc, out, workers = _start(tmp_path, 8000)
    os.kill(workers[0], signal.SIGKILL)  # as the out-of-memory killer would
    killed = time.monotonic()
    _, err = proc.communicate(timeout=30)
    assert time.monotonic() - killed < 10  # within seconds, even on a busy machine
    said = err.decode().strip()
    assert proc.returncode == 2, said
    assert said.startswith("voicemail-coach: a worker process died (killed, or out of memory?)")
    assert "the output was not written (an earlier file is left as it was)" in said
    assert len(said.splitlines()) == 1 and "Traceback" not in said, said
    assert out.read_text(encoding="utf-8") == "yesterday's drafts\n"
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_a_hang_up_cleans_up_like_ctrl_c(tmp_path: Path) -> None:
    import os
    import signal

    proc, out, workers = _start(tmp_path, 8000)
    os.kill(proc.pid, signal.SIGHUP)  # the terminal closed, the ssh session dropped
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert err.decode() == (
        f"voicemail-coach: interrupted; {out} was not written (an earlier one is left as it was)\n"
    )
    assert out.read_text(encoding="utf-8") == "yesterday's drafts\n"
    assert leftovers(tmp_path) == []
    assert not any(Path(f"/proc/{w}").exists() for w in workers)


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_workers_exit_quietly_when_the_parent_is_killed(tmp_path: Path) -> None:
    import os
    import signal
    import time

    proc, _, workers = _start(tmp_path, 8000)
    os.kill(proc.pid, signal.SIGKILL)
    _, err = proc.communicate(timeout=30)
    deadline = time.monotonic() + 5
    while any(Path(f"/proc/{w}").exists() for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    alive = [w for w in workers if Path(f"/proc/{w}/status").exists()]
    zombies = [w for w in alive if "zombie" in Path(f"/proc/{w}/status").read_text()]
    assert alive == zombies  # gone (a zombie waits for init to reap it)
    assert err == b""  # no BrokenPipe tracebacks from the workers


def test_csv_output_cells_never_run_as_formulas(tmp_path: Path) -> None:
    rows = [{**prospect(1), "name": '=HYPERLINK("http://evil.example","Dana")'}, prospect(2)]
    path = write_csv(tmp_path / "list.csv", rows)
    out = tmp_path / "drafts.csv"
    r = run("batch", str(path), "--out", str(out), "--caller", str(caller_file(tmp_path)), *WHEN)
    assert r.exit_code in (0, 1), r.output
    table = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert table[0]["prospect"] == '\'=HYPERLINK("http://evil.example","Dana")'
    assert table[1]["prospect"] == "Dana Jones 2"
    assert not any(v.startswith(("=", "+", "-", "@")) for t in table for v in t.values())


def test_a_crm_export_drafts_with_map_and_its_ids_pass_through(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "Record ID,First Name,Last Name,Company Name,Phone Number,Call Attempts\n"
        "101,Dana,Jones,XYZ Co,405-555-0199,2\n"
        "102,Sam,Okafor,Harbor Freight,415-555-0100,4\n",
        encoding="utf-8",
    )
    out = tmp_path / "drafts.jsonl"
    caller = ["--caller", str(caller_file(tmp_path))]
    r = run(
        "batch", str(path), "--out", str(out), *caller, "--map", "Call Attempts=attempts", *WHEN
    )
    assert r.exit_code == 0, r.output
    found = records(out)
    assert [(x["row"], x["id"], x["prospect"], x["style"]) for x in found] == [
        (1, "101", "Dana Jones", "warm-cold-call"),
        (2, "102", "Sam Okafor", "straight-pitch"),  # 4 attempts, read through --map
    ]
    r = run("batch", str(path), "--out", str(out), *caller, "--map", "attempts", *WHEN)
    assert r.exit_code == 2 and "--map 'attempts' must be HEADER=field" in r.stderr

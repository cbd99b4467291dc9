"""Throughput of render + score, of scoring alone, and of `batch` on a generated call list.

Every prospect is distinct (generated names, companies, needs and phone numbers), so nothing is
reused across identical texts. Thousands of prospects of one caller (whose hours are three a
day) would fill every slot of the planner's three weeks at the default ``max_per_slot`` (5
prospects per slot), and rows would fail with "fully booked"; the figures are for drafts, so
the runs set ``max_per_slot`` out of reach (`SPREAD`). Figures per core are CPU time in this
one process; the batch figures are the wall time of the command, run as a subprocess, with
--jobs 1 and --jobs 2.

Run: python benchmarks/throughput.py [--drafts 3000] [--rows 20000] [--rss 100000]
     [--draft-rows 10000 [--draft-rss]]
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NOW = "2026-11-23T09:00"
CALLER = """\
caller:
  name: Freda Whitehouse
  company: ABC Company
  phone: 901-555-2120
  available: between nine and noon, Monday to Friday
  hours: Mon-Fri 09:00-12:00
  timezone: America/Chicago
  offer: a training package that cuts the time managers spend on employee conflict
"""


SPREAD = 1_000_000_000
"""max_per_slot for the runs measured: every row is drafted, none refused as fully booked."""
CONFIG = f"max_per_slot: {SPREAD}\n"


def _names(words: str) -> list[str]:
    """Return the space-separated words."""
    return words.split()


FIRST = _names(
    "Dana Sam Priya Lee Ana Omar Mei Tom Rosa Ivan Kofi Lena Raj Eva Noah Zoe Liam Aisha Mateo "
    "Hana Yusuf Clara Diego Ines Felix Nora Arjun Maya Jonas Leila Pablo Greta Tariq Elena Hugo "
    "Sofia Kenji Amara Viktor Chloe Emeka Ruth Marco Freya Dmitri Alma Kwame Ingrid Rafael Yara "
    "Otto Lucia Bilal Tess Andre Sana Emil Nadia Oscar Iris"
)
LAST = _names(
    "Jones Okafor Raman Carter Silva Haddad Chen Becker Diaz Petrov Mensah Novak Gupta Berg "
    "Santos Kowalski Nguyen Adeyemi Larsen Moreau Rossi Tanaka Fischer Ortiz Walsh Kim Ahmed "
    "Brennan Costa Lindqvist Mwangi Duarte Schmidt Varga Okoro Hughes Patel Sato Romero Quinn "
    "Bauer Nakamura Fontaine Ivanova Osei Murphy Herrera Kaur Dubois Jensen Abara Kelly Morales "
    "Weber Yilmaz Reyes Sousa Hall Lopez Ward"
)
CO_A = _names(
    "Harbor Redwood Northwind Summit Apex Bayline Granite Cedar Pioneer Lakeside Silverline "
    "Bluewater Ironwood Meadow Keystone Crescent Evergreen Highland Riverbend Stonegate Westfield "
    "Brightpath Oakridge Sunrise Falcon Copper Maple Horizon Beacon Prairie"
)
CO_B = _names(
    "Freight Clinics Insurance Foods Labs Systems Partners Health Works Supply Logistics Dental "
    "Payroll Builders Analytics Retail Energy Media Legal Realty Textiles Motors Printing Robotics "
    "Catering"
)
CO_C = _names("Group Company Holdings Services Associates Collective Brothers Cooperative")
NEED_A = (
    "cutting the time spent on",
    "reducing",
    "getting a handle on",
    "fewer surprises from",
    "less overtime from",
    "faster answers on",
    "cleaner handoffs in",
    "lower costs for",
    "shorter delays in",
    "better training for",
)
NEED_B = (
    "employee conflict",
    "shift scheduling",
    "new-hire onboarding",
    "customer complaints",
    "payroll errors",
    "warehouse returns",
    "vendor invoices",
    "manager turnover",
    "safety audits",
    "seasonal hiring",
    "route planning",
    "claims processing",
)
NEED_C = (
    "",
    " across the region",
    " at the new site",
    " before the busy season",
    " in the call center",
    " for the field teams",
    " this quarter",
)
AREAS = _names("405 415 212 312 617 303 206 713 404 602 801 503 305 214 919 612 702 816 414 512")
ZONES = ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles")
RESULTS = (
    "cut onboarding time by a third",
    "halved payroll corrections",
    "saved two weeks a quarter",
    "cut overtime by a fifth",
    "dropped complaints by forty percent",
)
COLUMNS = (
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
    "timezone",
    "extra.industry",
)


def prospect_rows(count: int, seed: int = 1) -> Iterator[dict[str, str]]:
    """Yield `count` distinct prospects as CSV rows (column name -> text)."""
    rng = random.Random(seed)
    seen: set[tuple[str, str]] = set()
    while len(seen) < count:
        name = f"{rng.choice(FIRST)} {rng.choice('ABCDEFGHJKLMNPRSTVW')}. {rng.choice(LAST)}"
        company = f"{rng.choice(CO_A)} {rng.choice(CO_B)} {rng.choice(CO_C)}"
        if (name, company) in seen:
            continue
        seen.add((name, company))
        row = {
            "name": name,
            "company": company,
            "phone": f"{rng.choice(AREAS)}-{rng.randrange(201, 999)}-{rng.randrange(10000):04d}",
        }
        if rng.random() < 0.6:
            row["salutation"] = f"{rng.choice(('Ms.', 'Mr.', 'Dr.'))} {name.split()[-1]}"
        if rng.random() < 0.85:
            row["need"] = f"{rng.choice(NEED_A)} {rng.choice(NEED_B)}{rng.choice(NEED_C)}"
        if rng.random() < 0.25:
            row["referral.by"] = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            row["referral.confirmed"] = "true" if rng.random() < 0.7 else "false"
        if rng.random() < 0.3:
            row["reference.client"] = f"{rng.choice(CO_A)} {rng.choice(CO_B)}"
            row["reference.result"] = rng.choice(RESULTS)
        row["attempts"] = str(rng.randrange(5))
        if rng.random() < 0.1:
            row["timezone"] = rng.choice(ZONES)
        if rng.random() < 0.2:
            row["extra.industry"] = rng.choice(CO_B).lower()
        yield row


def write_csv(path: Path, count: int, seed: int = 1) -> None:
    """Write a call list of `count` distinct prospects."""
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.DictWriter(f, COLUMNS)
        out.writeheader()
        out.writerows(prospect_rows(count, seed))


def per_second(fn: Callable[[object], object], items: list, repeat: int = 3) -> float:
    """Return the best items-per-CPU-second of `repeat` passes over the items."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for item in items:
            fn(item)
        best = min(best, time.process_time() - start)
    return len(items) / best


def machine() -> str:
    """Return the interpreter and the machine's load, printed beside every figure."""
    import os
    import platform

    try:
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "unknown"
    return (
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores, load average {load}"
    )


def core_figures(count: int) -> None:
    """Print drafts per second per core: vc.draft in a loop, vc.draft_many, scoring alone."""
    import voicemail_coach as vc
    from voicemail_coach import sources

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "list.csv"
        write_csv(path, count + 200, seed=7)
        prospects = [sources.to_prospect(r) for r in sources.open_list(path).rows()]
    caller = sources.parse(CALLER + "prospects: [{name: x, company: y}]").caller
    assert caller is not None
    now = datetime.fromisoformat(NOW)
    for p in prospects[:200]:  # templates compiled, dictionary and patterns loaded
        vc.draft(p, caller=caller, now=now)
    # Fresh prospects for each measure, so no per-text cache helps (the syllable cache does,
    # for words seen before, as it would in a real list).
    rest = prospects[200:]
    half = len(rest) // 2
    a, b = rest[:half], rest[half:]
    print(f"machine: {machine()}")
    lib = per_second(lambda p: vc.draft(p, caller=caller, now=now), a, repeat=1)
    start = time.process_time()
    config = replace(vc.Config(), max_per_slot=SPREAD)
    drafts = list(vc.draft_many(b, caller=caller, now=now, config=config))
    texts = [d.text for d in drafts if isinstance(d, vc.Draft)]
    assert len(texts) == len(b), "every prospect drafted"
    many = len(b) / (time.process_time() - start)
    moment = vc.Drafter(caller).draft(a[0], now=now).proposed_times[0].when or now
    scored = per_second(
        lambda t: vc.score(t, caller_phone=caller.phone, now=moment), texts, repeat=1
    )
    print(f"render + score, vc.draft() in a loop        : {lib:8,.0f} drafts/s per core")
    print(f"render + score, vc.draft_many()             : {many:8,.0f} drafts/s per core")
    print(f"score alone, vc.score()                     : {scored:8,.0f} scripts/s per core")
    print(f"machine: {machine()}")


def run_batch(path: Path, out: Path, jobs: int, rss: bool = False) -> tuple[float, int, int]:
    """Run `voicemail-coach batch` and return (wall seconds, exit code, peak tree RSS in kB)."""
    command = [
        sys.executable,
        "-m",
        "voicemail_coach",
        "batch",
        str(path),
        "--out",
        str(out),
        "--now",
        NOW,
        "--caller",
        str(path.parent / "caller.yaml"),
        "--config",
        str(path.parent / "voicemail-coach.yaml"),
        "--jobs",
        str(jobs),
    ]
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]
    if rss:
        threading.Thread(target=_watch, args=(proc, peak), daemon=True).start()
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(err.decode())
    return wall, proc.returncode, peak[0]


def _tree_rss(pid: int) -> int:
    """Return the resident memory of a process and its children, in kB (Linux /proc)."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += int(next(x for x in status.splitlines() if x.startswith("VmRSS")).split()[1])
            children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except (OSError, StopIteration):
            continue
        todo.extend(int(c) for c in children)
    return total


def _watch(proc: subprocess.Popen, peak: list[int]) -> None:
    """Sample the process tree's RSS until it ends."""
    while proc.poll() is None:
        peak[0] = max(peak[0], _tree_rss(proc.pid))
        time.sleep(0.05)


def batch_figures(rows: int, repeat: int) -> None:
    """Print the wall time of batch on `rows` rows with --jobs 1 and --jobs 2."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "list.csv"
        write_csv(path, rows, seed=11)
        (Path(folder) / "caller.yaml").write_text(CALLER, encoding="utf-8")
        (Path(folder) / "voicemail-coach.yaml").write_text(CONFIG, encoding="utf-8")
        out = Path(folder) / "drafts.jsonl"
        times: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(repeat):  # alternate, so both see the same machine state
            for jobs in (1, 2):
                times[jobs].append(run_batch(path, out, jobs)[0])
        one, two = statistics.median(times[1]), statistics.median(times[2])
        print(
            f"batch, {rows:,} CSV rows, --jobs 1            : {one:8.2f} s "
            f"({rows / one:,.0f} rows/s)"
        )
        print(
            f"batch, {rows:,} CSV rows, --jobs 2            : {two:8.2f} s "
            f"({rows / two:,.0f} rows/s)"
        )
        print(f"speed-up --jobs 2 over --jobs 1             : {one / two:8.2f}x")


def rss_figures(rows: int) -> None:
    """Print the peak resident memory of batch (all processes together) on a big list."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "list.csv"
        write_csv(path, rows, seed=13)
        (Path(folder) / "caller.yaml").write_text(CALLER, encoding="utf-8")
        (Path(folder) / "voicemail-coach.yaml").write_text(CONFIG, encoding="utf-8")
        for jobs in (1, 2):
            wall, _, peak = run_batch(path, Path(folder) / "drafts.jsonl", jobs, rss=True)
            print(
                f"batch, {rows:,} CSV rows, --jobs {jobs}: {wall:6.1f} s, peak RSS of all "
                f"processes {peak / 1024:,.0f} MB"
            )


def write_yaml(path: Path, count: int, seed: int = 1) -> None:
    """Write a prospects file (with the caller) of `count` distinct prospects."""
    import json

    with path.open("w", encoding="utf-8") as f:
        f.write(CALLER + "prospects:\n")
        for row in prospect_rows(count, seed):
            nested: dict[str, dict[str, str]] = {}
            f.write(f"  - name: {json.dumps(row.pop('name'))}\n")
            for key, value in row.items():
                if "." in key:
                    head, sub = key.split(".")
                    nested.setdefault(head, {})[sub] = value
                else:
                    f.write(f"    {key}: {json.dumps(value)}\n")
            for head, fields in nested.items():
                inner = ", ".join(f"{k}: {json.dumps(v)}" for k, v in fields.items())
                f.write(f"    {head}: {{{inner}}}\n")


def run_command(args: list[str], rss: bool = False) -> tuple[float, float, int]:
    """Run a voicemail-coach command; return (wall s, CPU s of it and its children, peak kB)."""
    import resource

    command = [sys.executable, "-m", "voicemail_coach", *args]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]
    if rss:
        threading.Thread(target=_watch, args=(proc, peak), daemon=True).start()
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    if proc.returncode not in (0, 1):
        raise SystemExit(err.decode())
    return wall, cpu, peak[0]


def draft_figures(rows: int, repeat: int, rss: bool) -> None:
    """Print `draft` (streamed to a pipe) against `batch --jobs 1` on the same YAML file.

    Wall time on a busy machine says more about the neighbours than about the code, so the CPU
    time of each command is printed beside it (and the ratio of both).
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "prospects.yaml"
        write_yaml(path, rows, seed=17)
        config = Path(folder) / "voicemail-coach.yaml"
        config.write_text(CONFIG, encoding="utf-8")
        out = str(Path(folder) / "drafts.jsonl")
        runs: dict[str, list[tuple[float, float, int]]] = {"draft": [], "batch": []}
        for _ in range(repeat):  # alternate, so both see the same machine state
            common = ["--now", NOW, "--config", str(config)]
            runs["draft"].append(run_command(["draft", str(path), *common], rss))
            runs["batch"].append(
                run_command(["batch", str(path), "--out", out, *common, "--jobs", "1"], rss)
            )
        figures = {}
        for name, label in (
            ("draft", "draft (text, to a pipe)"),
            ("batch", "batch --jobs 1 (JSONL)"),
        ):
            wall = statistics.median(r[0] for r in runs[name])
            cpu = statistics.median(r[1] for r in runs[name])
            peak = max(r[2] for r in runs[name])
            figures[name] = (wall, cpu)
            memory = f", peak RSS {peak / 1024:,.0f} MB" if rss else ""
            print(
                f"{label:<24} {rows:,} YAML prospects: {wall:7.2f} s wall, {cpu:7.2f} s CPU{memory}"
            )
        (dw, dc), (bw, bc) = figures["draft"], figures["batch"]
        print(
            f"draft / batch --jobs 1: {dw / bw:.2f}x wall, {dc / bc:.2f}x CPU (target <= 1.2x); "
            f"machine: {machine()}"
        )


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=3000, help="prospects for per-core figures")
    parser.add_argument("--rows", type=int, default=20000, help="rows for the batch figures")
    parser.add_argument("--repeat", type=int, default=3, help="batch runs of each (median)")
    parser.add_argument(
        "--rss",
        type=int,
        default=0,
        metavar="ROWS",
        help="also measure peak memory on a list this long (e.g. 100000)",
    )
    parser.add_argument(
        "--draft-rows",
        type=int,
        default=0,
        metavar="ROWS",
        help="also compare `draft` with `batch --jobs 1` on a YAML file this long (e.g. 10000)",
    )
    parser.add_argument("--draft-rss", action="store_true", help="with --draft-rows: peak RSS")
    args = parser.parse_args()
    if args.drafts:
        core_figures(args.drafts)
    if args.rows:
        batch_figures(args.rows, args.repeat)
    if args.rss:
        rss_figures(args.rss)
    if args.draft_rows:
        draft_figures(args.draft_rows, args.repeat, args.draft_rss)


if __name__ == "__main__":
    main()

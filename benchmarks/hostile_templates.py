"""Peak memory and time of every hostile template, each drafted in a fresh subprocess.

Each case in tests/hostile/templates/ is drafted for the first prospect of
examples/prospects.yaml through the library (`vc.draft`), in its own Python process, so the
peak RSS (the child's ru_maxrss) belongs to that case alone. The first row is a normal
built-in style, for the baseline of an interpreter with the library loaded.

A runaway case must not take the machine down with it: the child runs under RLIMIT_AS
(--cap-mb, default 4096) and is killed after --timeout seconds (default 60). A row that hit
either is marked, and its figures are lower bounds.

Run: python benchmarks/hostile_templates.py [--cap-mb 4096] [--timeout 60] [NAME ...]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "hostile" / "templates"
EXAMPLE = ROOT / "examples" / "prospects.yaml"

CHILD = """
import json, resource, sys, time
cap = int(sys.argv[1])
if cap:
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
sys.path.insert(0, sys.argv[4])
from datetime import datetime
from zoneinfo import ZoneInfo
import voicemail_coach as vc
book = vc.load(sys.argv[2])
now = datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("America/Chicago"))
style, folder = sys.argv[3].split("@", 1)
templates = [folder] if folder else []
start = time.perf_counter()
try:
    d = vc.draft(book.prospects[0], style, book.caller, now, templates=templates)
    outcome = f"rendered {len(d.text):,} characters"
except vc.TemplateError as exc:
    where = f"line {exc.line}" if exc.line else "no line"
    outcome = f"refused ({where}): " + exc.message.split(" ", 2)[-1]
except BaseException as exc:
    outcome = f"escaped: {type(exc).__name__}: {exc}"[:200]
seconds = time.perf_counter() - start
print(json.dumps({"outcome": outcome, "seconds": seconds}), flush=True)
"""


def run_case(style: str, folder: str, cap_mb: int, timeout: float) -> dict[str, object]:
    """Draft one style in a child process; return its outcome, seconds and peak MB."""
    cap = cap_mb * 1024 * 1024
    args = [sys.executable, "-c", CHILD, str(cap), str(EXAMPLE), f"{style}@{folder}", str(ROOT)]
    start = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed = False
    while True:
        pid, _, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - start > timeout:
            child.kill()
            killed = True
            _, _, usage = os.wait4(child.pid, 0)
            break
        time.sleep(0.02)
    wall = time.perf_counter() - start
    out = child.stdout.read() if child.stdout else ""
    err = child.stderr.read() if child.stderr else ""
    peak_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    if killed:
        return {"outcome": f"killed after {timeout:g} s", "seconds": wall, "peak": peak_mb}
    try:
        row = json.loads(out.strip().splitlines()[-1])
    except (IndexError, ValueError):
        last = (err.strip().splitlines() or ["no output"])[-1]
        return {"outcome": f"crashed: {last}"[:120], "seconds": wall, "peak": peak_mb}
    return {"outcome": row["outcome"], "seconds": row["seconds"], "peak": peak_mb}


def main() -> None:
    """Print one row per hostile template: peak MB, seconds and how it ended."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="cases to run (default: all)")
    parser.add_argument("--cap-mb", type=int, default=4096, help="RLIMIT_AS of each child")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a kill")
    parser.add_argument("--width", type=int, default=90, help="characters of the outcome shown")
    opts = parser.parse_args()
    names = opts.names or sorted(p.stem for p in CORPUS.glob("[!_]*.j2"))
    load = os.getloadavg()
    print(
        f"# {platform.python_implementation()} {platform.python_version()}, "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, "
        f"cap {opts.cap_mb} MB, timeout {opts.timeout:g} s"
    )
    print(f"{'case':<22} {'peak MB':>8} {'seconds':>8}  outcome")
    rows = [("(normal: referral)", run_case("referral", "", opts.cap_mb, opts.timeout))]
    print(
        f"{rows[0][0]:<22} {rows[0][1]['peak']:>8.0f} {rows[0][1]['seconds']:>8.3f}  "
        f"{str(rows[0][1]['outcome'])[: opts.width]}",
        flush=True,
    )
    for name in names:
        row = run_case(name, str(CORPUS), opts.cap_mb, opts.timeout)
        print(
            f"{name:<22} {row['peak']:>8.0f} {row['seconds']:>8.3f}  "
            f"{str(row['outcome'])[: opts.width]}",
            flush=True,
        )


if __name__ == "__main__":
    main()

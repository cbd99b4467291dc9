"""Cost of planning slots: importing the planner and `holidays`, and planning a call list.

Import costs are measured in fresh subprocesses (best of several). Planning figures are CPU time
in this process: one `SlotPlanner` for a whole list (as the drafter holds it), first run (which
builds the holiday tables) and steady state, and one-off `next_step` calls for comparison.

Run: python benchmarks/slots.py [--prospects 100] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# New York, Chicago, Los Angeles, London, Oklahoma, Bangalore, Sydney: the last two never meet
# a Chicago rep's 9-5, so they take the least-bad path.
PHONES = (
    "212-555-0100",
    "312-555-0100",
    "213-555-0100",
    "+44 20 7946 0958",
    "405-555-0199",
    "+91 80 4000 0000",
    "+61 2 9999 1111",
)


def import_ms(module: str, runs: int = 5) -> float:
    """Return the best wall time of importing a module in a fresh interpreter, in ms."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        times.append(float(out.stdout))
    return 1000 * min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prospects", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from voicemail_coach.models import Caller, Prospect
    from voicemail_coach.schedule import SlotPlanner, next_step

    base = import_ms("voicemail_coach")
    print(f"import voicemail_coach: {base:.0f} ms (what `score` pays at least)")
    print(f"import voicemail_coach.schedule: {import_ms('voicemail_coach.schedule'):.0f} ms")
    print(f"import holidays (lazy, on first plan): {import_ms('holidays'):.0f} ms")
    rep = Caller("Freda Whitehouse", "ABC Company", "901-555-2120", timezone="America/Chicago")
    people = [
        Prospect(f"Prospect {n}", "XYZ", phone=PHONES[n % len(PHONES)])
        for n in range(args.prospects)
    ]
    now = datetime(2026, 11, 23, 8, 0)
    runs, most = [], 0
    for _ in range(args.repeat):
        start = time.process_time()
        planner = SlotPlanner(rep, now)
        steps = [planner.next_step(p) for p in people]
        runs.append(time.process_time() - start)
        most = max(planner.offered().values())
    distinct = len(Counter(s for step in steps for s in step.slots))
    steady = statistics.median(runs[1:] or runs)
    print(
        f"{args.prospects} prospects, one planner: first run {1000 * runs[0]:.1f} ms CPU, "
        f"then {1000 * steady:.1f} ms ({1000 * steady / args.prospects:.3f} ms a prospect); "
        f"{distinct} distinct slots, none offered more than {most} times"
    )
    start = time.process_time()
    for p in people:
        next_step(rep, p, now)
    spent = time.process_time() - start
    print(f"{args.prospects} one-off next_step calls: {1000 * spent / args.prospects:.3f} ms each")


if __name__ == "__main__":
    main()

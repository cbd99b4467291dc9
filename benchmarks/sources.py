"""Reading figures: memory of a 100,000-row YAML call list read whole vs streamed, and the
linear-time limits (a CSV header of 100,000 extra columns, a YAML mapping of 2 million keys).

Run: python benchmarks/sources.py  (each figure is measured in a fresh child process; the
interpreter and the machine's load are printed beside them).
"""

from __future__ import annotations

import contextlib
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROWS = 100_000
CALLER = "caller:\n  name: Freda Whitehouse\n  company: ABC Company\n  phone: 901-555-2120\n"


def write_list(path: Path) -> None:
    """Write a realistic call list of ROWS prospects."""
    with path.open("w", encoding="utf-8") as f:
        f.write(CALLER + "prospects:\n")
        for i in range(ROWS):
            f.write(
                f"  - name: Dana Jones {i}\n    company: Harbor Freight {i}\n"
                f"    phone: 405-555-{i % 10000:04d}\n    need: fewer payroll errors\n"
                f"    attempts: {i % 4}\n    referral: {{by: Joe Sampson, confirmed: yes}}\n"
                f"    extra: {{industry: logistics, region: south}}\n"
            )


CHILD = {
    "baseline": "import voicemail_coach.sources",
    "streamed (open_list + rows + to_prospect)": (
        "from voicemail_coach import sources\n"
        "l = sources.open_list(PATH)\n"
        "n = sum(1 for r in l.rows() if sources.to_prospect(r))\n"
    ),
    "whole (vc.load: every prospect kept)": (
        "import voicemail_coach as vc\nb = vc.load(PATH)\nn = len(b.prospects)\n"
    ),
}


def child(code: str, path: Path) -> tuple[float, float]:
    """Run code in a fresh interpreter; return (seconds, peak RSS in MiB)."""
    script = (
        f"import resource, time\nPATH = {str(path)!r}\nt = time.perf_counter()\n{code}\n"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), int(out[1]) / 1024


def timed(function: object) -> float:
    """Return the seconds a call takes."""
    start = time.perf_counter()
    with contextlib.suppress(Exception):  # the limits refuse these inputs: time the refusal
        function()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    print(f"Python {platform.python_version()} on {platform.machine()}; load {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "list.yaml"
        write_list(path)
        size = path.stat().st_size / 2**20
        print(f"{ROWS:,}-row YAML list, {size:.1f} MiB:")
        for label, code in CHILD.items():
            seconds, peak = child(code, path)
            print(f"  {label:45} {seconds:6.2f} s  peak RSS {peak:7.1f} MiB")

        from voicemail_coach import sources

        wide = Path(folder) / "wide.csv"
        wide.write_text(
            ",".join(["name", "company", *(f"extra.c{i}" for i in range(100_000))]) + "\nA,B\n",
            encoding="utf-8",
        )
        seconds = timed(lambda: sources.open_list(wide))
        print(f"CSV header of 100,000 extra columns: {seconds:.2f} s")
        keys = Path(folder) / "keys.yaml"
        with keys.open("w", encoding="utf-8") as f:
            f.write("name: Dana\ncompany: X\nextra:\n")
            f.writelines(f"  k{i}: v\n" for i in range(2_000_000))
        print(f"YAML of 2,000,000 extra keys: {timed(lambda: sources.load(keys)):.2f} s")


if __name__ == "__main__":
    main()

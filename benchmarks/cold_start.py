"""Cold start of `voicemail-coach score FILE` against the floor of its stack.

The floor is `python -c "import jinja2, yaml, click"`. Runs alternate (floor, command, floor,
...) so that both see the same machine state, and the medians are compared.

Run: python benchmarks/cold_start.py [--runs 20]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCRIPT = (
    "Hi Dana, this is Freda Whitehouse from ABC Company, 901-555-2120. Joe Sampson suggested I "
    "call about the time your managers spend on employee conflict. Would Tuesday at 3 or 4 p.m. "
    "work for a short call? Call me back at 901-555-2120 to confirm."
)


def timed(command: list[str], cwd: str) -> float:
    """Return the wall time of one run, in seconds."""
    start = time.perf_counter()
    subprocess.run(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    return time.perf_counter() - start


def main() -> None:
    """Print the median cold start of both commands and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20, help="runs of each (default 20)")
    args = parser.parse_args()
    beside = Path(sys.executable).parent / "voicemail-coach"  # this environment's own script
    exe = str(beside) if beside.is_file() else shutil.which("voicemail-coach")
    tool = [exe] if exe else [sys.executable, "-m", "voicemail_coach"]
    floor = [sys.executable, "-c", "import jinja2, yaml, click"]
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "voicemail.txt"
        script.write_text(SCRIPT, encoding="utf-8")
        command = [*tool, "score", str(script)]
        check = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
        if check.returncode not in (0, 1) or "score " not in check.stdout:  # 1: a finding
            raise SystemExit(f"{' '.join(command)} failed:\n{check.stderr}")
        where = subprocess.run(
            [
                sys.executable,
                "-c",
                "import voicemail_coach, os; print(os.path.dirname(voicemail_coach.__file__))",
            ],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        for _ in range(2):  # warm the file cache; not counted
            timed(floor, folder), timed(command, folder)
        floors, runs = [], []
        for _ in range(args.runs):
            floors.append(timed(floor, folder))
            runs.append(timed(command, folder))
    f, c = statistics.median(floors), statistics.median(runs)
    cached = any(Path(where, "__pycache__").glob("cli.*.pyc")) if where else False
    print(f"package {where} ({'bytecode cached' if cached else 'NO bytecode cache'})")
    if not cached:
        print(
            "        without cached bytecode every start compiles the package from source "
            "(PYTHONDONTWRITEBYTECODE=1, or an editable install); a pip install compiles it"
        )
    print(f"floor   python -c 'import jinja2, yaml, click'   median {f * 1000:6.1f} ms")
    print(f"command {Path(tool[0]).name} score FILE   median {c * 1000:6.1f} ms")
    print(f"ratio   {c / f:.2f}x the floor over {args.runs} alternating runs (target <= 1.3x)")


if __name__ == "__main__":
    main()

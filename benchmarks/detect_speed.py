"""Speed of the detectors: `vc.score` per call on the corpus, and growth on adversarial text.

Run: python benchmarks/detect_speed.py [--repeat 5] [--no-linear] [--compare DIR]

With --compare DIR (another checkout, e.g. main), part 1 runs three times for each tree in
turn, in fresh interpreters, so the two are measured under the same load. Times are CPU time
of this process (time.process_time), best of --repeat passes.

Part 1 scores every script of tests/data/voicemails.yaml (and tests/data/fresh.yaml when it is
there) with `vc.score`, best of --repeat passes, and prints the mean time per call together with
the share spent in the time grammar and in phone detection.

Part 2 scores adversarial texts (runs of number words, digits, digit groups, phone numbers,
hyphenated capitalised words) at 10 KB and 100 KB and prints the seconds and the ratio: a
linear detector shows a ratio near 10, a quadratic one near 100.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(os.environ.get("VC_BENCH_ROOT") or Path(__file__).resolve().parent.parent)
sys.path.insert(0, str(ROOT))

import voicemail_coach as vc  # noqa: E402
from voicemail_coach import phones, times  # noqa: E402

HERE = Path(__file__).resolve().parent.parent
CORPORA = [HERE / "tests" / "data" / "voicemails.yaml", HERE / "tests" / "data" / "fresh.yaml"]

#: One unit of each adversarial input, repeated to the size wanted.
ADVERSARIAL: dict[str, str] = {
    "number words": "oh ",
    "digits": "1 ",
    "digit groups": "415 555 ",
    "spoken digits": "five five five one two ",
    "phone numbers": "901-555-2120 ",
    "hyphenated capitalised word": "Ab-",
    "days and times": "Tuesday at 3 or ",
    "dotted numbers": "1.2.3.",
    "words and digits": "nine 1 oh 2 ",
    "digit lists": "4 1 5, ",
    "percentages": "9,9,9% ",
    "vanity numbers": "1-888-GO-TRUCK ",
    "abbreviations": "a. ",
}


def best(fn: Callable[[], object], repeat: int) -> float:
    """Return the best wall time of `repeat` runs of fn, in seconds."""
    out = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        out.append(time.process_time() - start)
    return min(out)


def load_texts() -> list[str]:
    """Return the texts of every corpus present."""
    texts: list[str] = []
    for path in CORPORA:
        if path.exists():
            entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
            texts += [e["text"] for e in entries if isinstance(e, dict) and "text" in e]
    return texts


def corpus_figures(repeat: int) -> None:
    """Print the mean time per vc.score call and the detectors' share of it."""
    texts = load_texts()
    for t in texts[:5]:
        vc.score(t)  # warm up: lazy imports and regex compilation

    def run(fn: Callable[[str], object]) -> Callable[[], None]:
        return lambda: [fn(t) for t in texts] and None

    n = len(texts)
    print(f"tree: {Path(vc.__file__).parent.parent}")
    total = best(run(vc.score), repeat) / n
    grammar = best(run(times.find_proposed_times), repeat) / n
    numbers = best(run(phones.find_numbers), repeat) / n
    print(f"{n} scripts; best of {repeat}")
    print(f"vc.score per call          : {total * 1000:.3f} ms")
    print(f"  time grammar             : {grammar * 1000:.3f} ms ({grammar / total:.0%})")
    print(f"  phone detection          : {numbers * 1000:.3f} ms ({numbers / total:.0%})")


def linear_figures() -> None:
    """Print vc.score seconds on each adversarial input at 10 KB and 100 KB."""
    print(f"{'input':30}{'10 KB s':>9}{'100 KB s':>10}{'ratio':>7}")
    for name, unit in ADVERSARIAL.items():
        small = (unit * (10_000 // len(unit) + 1))[:10_000]
        large = (unit * (100_000 // len(unit) + 1))[:100_000]
        t10 = best(lambda s=small: vc.score(s), 2)
        t100 = best(lambda s=large: vc.score(s), 2)
        print(f"{name:30}{t10:9.3f}{t100:10.3f}{t100 / max(t10, 1e-6):7.1f}")


def main() -> None:
    """Print the figures with the interpreter and the load."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-linear", action="store_true", help="skip the adversarial inputs")
    parser.add_argument("--compare", type=Path, help="another checkout to time part 1 against")
    args = parser.parse_args()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"Python {sys.version.split()[0]}; load average {load}")
    if args.compare:
        for _ in range(3):
            for tree in (args.compare.resolve(), ROOT):
                env = {**os.environ, "VC_BENCH_ROOT": str(tree)}
                cmd = [sys.executable, __file__, "--no-linear", "--repeat", str(args.repeat)]
                subprocess.run(cmd, env=env, check=True)
        return
    corpus_figures(args.repeat)
    if not args.no_linear:
        linear_figures()


if __name__ == "__main__":
    main()

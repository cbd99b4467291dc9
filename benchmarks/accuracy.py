"""Precision and recall of the detectors on a labelled corpus (default tests/data/voicemails.yaml).

Run: python benchmarks/accuracy.py [CORPUS.yaml] [--misses] [--by-country]
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from voicemail_coach.checks import WEAK_PHRASES  # noqa: E402
from voicemail_coach.review import analyse  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "voicemails.yaml"


@dataclass
class Tally:
    """True positives, false positives and false negatives, with the ids of the misses."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, tp: int, fp: int, fn: int, entry_id: str) -> None:
        """Count one script's outcome."""
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn
        if fp:
            self.misses.append(f"{entry_id} (false positive x{fp})")
        if fn:
            self.misses.append(f"{entry_id} (missed x{fn})")

    @property
    def precision(self) -> float:
        """Return tp / (tp + fp)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Return tp / (tp + fn)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Return the harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _digits(key: str) -> str:
    """Return the digits of a number key."""
    return re.sub(r"\D", "", key)


def _same(a: str, b: str) -> bool:
    """Two digit strings are one number when one ends with the other, less a trunk 0 (7+ digits)."""
    short, long_ = sorted((a.lstrip("0"), b.lstrip("0")), key=len)
    return len(short) >= 7 and long_.endswith(short)


def _match(gold: list[str], found: list[str]) -> tuple[int, int, int]:
    """Match numbers one to one; return tp, fp, fn."""
    left = list(found)
    tp = 0
    for g in gold:
        hit = next((f for f in left if _same(g, f)), None)
        if hit is not None:
            left.remove(hit)
            tp += 1
    return tp, len(left), len(gold) - tp


def evaluate(entries: list[dict], by_country: bool = False) -> dict[str, Tally]:
    """Return a tally per detector over the labelled entries.

    With `by_country`, each entry is read in its `country:` region (as a caller there would
    configure it); otherwise every entry is read in the default US region.
    """
    tallies = {
        k: Tally() for k in ("callback-number", "number-repeated", "proposed-time", "weak-phrases")
    }
    for e in entries:
        labels = e["labels"]
        region = str(e.get("country") or "US") if by_country else "US"
        a = analyse(e["text"], caller_phone=e.get("caller_phone"), region=region)
        found = [_digits(g.number) for g in a.numbers]
        tallies["callback-number"].add(
            *_match([_digits(n) for n in labels["callback_numbers"]], found), e["id"]
        )
        repeated = bool(a.callback and a.callback.count >= 2)
        gold = bool(labels["number_repeated"])
        tallies["number-repeated"].add(
            int(repeated and gold), int(repeated and not gold), int(gold and not repeated), e["id"]
        )
        proposed = bool(a.times)
        gold = bool(labels["proposed_time"])
        tallies["proposed-time"].add(
            int(proposed and gold), int(proposed and not gold), int(gold and not proposed), e["id"]
        )
        weak = len(WEAK_PHRASES.run(a, WEAK_PHRASES.params))
        gold_weak = len(labels.get("weak_phrases") or [])
        tp = min(weak, gold_weak)
        tallies["weak-phrases"].add(tp, weak - tp, gold_weak - tp, e["id"])
    return tallies


def main() -> None:
    """Print precision and recall per detector."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "corpus",
        nargs="?",
        type=Path,
        default=CORPUS,
        help="labelled corpus in the tests/data/voicemails.yaml schema (default: that file)",
    )
    parser.add_argument("--misses", action="store_true", help="list the scripts each one misses")
    parser.add_argument(
        "--by-country", action="store_true", help="read each entry in its `country:` region"
    )
    args = parser.parse_args()
    corpus = args.corpus.resolve()
    entries = yaml.safe_load(corpus.read_text(encoding="utf-8"))
    shown = corpus.relative_to(ROOT) if corpus.is_relative_to(ROOT) else corpus
    print(f"{len(entries)} labelled scripts in {shown}")
    print(f"{'detector':<17}{'precision':>10}{'recall':>8}{'F1':>7}{'tp':>6}{'fp':>5}{'fn':>5}")
    for name, t in evaluate(entries, args.by_country).items():
        print(
            f"{name:<17}{t.precision:>10.3f}{t.recall:>8.3f}{t.f1:>7.3f}{t.tp:>6}{t.fp:>5}{t.fn:>5}"
        )
        if args.misses:
            for miss in t.misses:
                print(f"    {miss}")


if __name__ == "__main__":
    main()

"""Compare proposed-time detectors on a labelled corpus: ours, dateparser and ctparse.

Usage:
    python benchmarks/time_baselines.py [CORPUS.yaml|CORPUS.json] [--errors] [--now ISO]

CORPUS is a YAML or JSON list of entries with `text` and a boolean label, either
`labels.proposed_time` (tests/data/voicemails.yaml, the default) or `proposed_time`. Without the
file, the tables of tests/test_times.py are used. Each detector says "proposal" or not per text;
the script prints accuracy, precision, recall and the mean time per text.

The libraries get the naive reading: a text is a proposal when the library finds a date-time
with a clock time in it (dateparser's `search_dates`: a result whose time of day is not the
00:00 it uses for a missing time; ctparse: a resolution with an hour). They are optional and not
project dependencies: a library that is not installed is skipped with a note.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import sys
import time
import warnings
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from voicemail_coach.times import find_proposed_times  # noqa: E402

DEFAULT_CORPUS = ROOT / "tests" / "data" / "voicemails.yaml"
# The default reference moment: a Monday morning, as in the tests.
DEFAULT_NOW = datetime(2026, 11, 23, 10, 0)

Example = tuple[str, bool, str]  # text, label, id
Detector = Callable[[str], bool]


def load_corpus(path: Path) -> tuple[list[Example], str]:
    """Return the labelled texts and a line saying where they came from."""
    if not path.exists():
        return load_test_tables(), f"{path} not found: using the tables in tests/test_times.py"
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        data: Any = json.loads(raw)
    else:
        import yaml

        data = yaml.safe_load(raw)
    if isinstance(data, dict):
        data = next((v for v in data.values() if isinstance(v, list)), [])
    examples: list[Example] = []
    for n, entry in enumerate(data):
        label = entry.get("labels", {}).get("proposed_time", entry.get("proposed_time"))
        if isinstance(label, bool) and isinstance(entry.get("text"), str):
            examples.append((entry["text"], label, str(entry.get("id", n))))
    return examples, f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}"


def load_test_tables() -> list[Example]:
    """Return the sentence tables of tests/test_times.py as labelled examples."""
    spec = importlib.util.spec_from_file_location("test_times", ROOT / "tests" / "test_times.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    positives = [(t, True, f"yes-{n}") for n, (t, _) in enumerate(module.PROPOSALS)]
    positives += [(t, True, f"lib-{n}") for n, (t, _) in enumerate(module.LIBRARY_PHRASES)]
    negatives = [(t, False, f"no-{n}") for n, (t, _) in enumerate(module.NOT_PROPOSALS)]
    return positives + negatives


def ours(now: datetime | None) -> Detector:
    """Return our detector as a yes/no function."""
    return lambda text: bool(find_proposed_times(text, now))


def dateparser_detector(now: datetime) -> Detector | None:
    """Return dateparser's naive detector, or None when dateparser is not installed."""
    try:
        from dateparser.search import search_dates
    except ImportError:
        return None
    settings = {"RELATIVE_BASE": now, "PREFER_DATES_FROM": "future"}

    def detect(text: str) -> bool:
        found = search_dates(text, settings=settings) or []
        return any((d.hour, d.minute) != (0, 0) for _, d in found)

    return detect


def ctparse_detector(now: datetime) -> Detector | None:
    """Return ctparse's naive detector, or None when ctparse is not installed."""
    try:
        from ctparse import ctparse
        from ctparse.types import Interval, Time
    except ImportError:
        return None

    def has_clock(t: Any) -> bool:
        return isinstance(t, Time) and t.hasTime

    def detect(text: str) -> bool:
        parse = ctparse(text, ts=now, timeout=2.0)
        if parse is None:
            return False
        res = parse.resolution
        if isinstance(res, Interval):
            return has_clock(res.t_from) or has_clock(res.t_to)
        return has_clock(res)

    return detect


def score(detector: Detector, examples: list[Example]) -> dict[str, Any]:
    """Run a detector over the examples and return its figures and its mistakes."""
    tp = fp = fn = tn = 0
    wrong: list[tuple[str, bool, str]] = []
    if examples:
        detector(examples[0][0])  # warm up: imports, lazy regex compilation
    start = time.perf_counter()
    for text, label, ident in examples:
        said = detector(text)
        tp += said and label
        fp += said and not label
        fn += label and not said
        tn += not said and not label
        if said != label:
            wrong.append((ident, label, text))
    seconds = time.perf_counter() - start
    n = len(examples)
    return {
        "accuracy": (tp + tn) / n if n else 0.0,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "ms": seconds / n * 1000 if n else 0.0,
        "wrong": wrong,
    }


def main(argv: list[str] | None = None) -> int:
    """Print accuracy, precision and recall of each available detector."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--errors", action="store_true", help="list each detector's mistakes")
    parser.add_argument(
        "--now",
        type=datetime.fromisoformat,
        default=None,
        help="reference moment for our detector (default: none, detection only)",
    )
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # ctparse logs every text it cannot parse
    examples, origin = load_corpus(args.corpus)
    positives = sum(label for _, label, _ in examples)
    print(f"corpus: {origin}: {len(examples)} texts, {positives} proposals")
    base = args.now or DEFAULT_NOW
    detectors: list[tuple[str, Detector | None, str]] = [
        ("voicemail_coach.times", ours(args.now), ""),
        ("dateparser.search_dates", dateparser_detector(base), "pip install dateparser"),
        ("ctparse", ctparse_detector(base), "pip install ctparse"),
    ]
    print(f"{'detector':26} {'accuracy':>8} {'precision':>9} {'recall':>7}  tp fp fn tn  ms/text")
    results = []
    for name, detector, hint in detectors:
        if detector is None:
            print(f"{name:26} skipped: not installed ({hint})")
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            r = score(detector, examples)
        results.append((name, r))
        print(
            f"{name:26} {r['accuracy']:8.3f} {r['precision']:9.3f} {r['recall']:7.3f}"
            f"  {r['tp']:2} {r['fp']:2} {r['fn']:2} {r['tn']:2}  {r['ms']:7.3f}"
        )
    if args.errors:
        for name, r in results:
            print(f"\n{name}: {len(r['wrong'])} mistakes")
            for ident, label, text in r["wrong"]:
                kind = "missed" if label else "false alarm"
                print(f"  [{kind}] {ident}: {' '.join(text.split())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

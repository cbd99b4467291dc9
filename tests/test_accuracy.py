"""The detectors reach 0.95 precision and recall on the labelled corpus."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("accuracy", ROOT / "benchmarks" / "accuracy.py")
assert spec and spec.loader
accuracy = importlib.util.module_from_spec(spec)
sys.modules["accuracy"] = accuracy  # dataclasses look their module up while the class is built
spec.loader.exec_module(accuracy)
ENTRIES = yaml.safe_load(accuracy.CORPUS.read_text(encoding="utf-8"))
TALLIES = accuracy.evaluate(ENTRIES)


def test_corpus_is_big_and_varied() -> None:
    assert len(ENTRIES) >= 60
    assert len({e["id"] for e in ENTRIES}) == len(ENTRIES)
    for label in ("number_repeated", "proposed_time", "placeholders"):
        values = {bool(e["labels"][label]) for e in ENTRIES}
        assert values == {True, False}, label


@pytest.mark.parametrize("detector", sorted(TALLIES))
def test_precision_and_recall(detector: str) -> None:
    tally = TALLIES[detector]
    assert tally.precision >= 0.95, tally.misses
    assert tally.recall >= 0.95, tally.misses

"""Extraction quality has a floor: seed event F1 and slot accuracy pinned in quality_floor.json.

The seed articles and their gold records ship in examples/; their digest is pinned
with the floor, so that neither the data nor the floor can change unnoticed.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from lagebild.pipeline import run
from lagebild.read import iter_articles
from lagebild.score import group_records, load, score

ROOT = Path(__file__).resolve().parents[1]
FLOOR = json.loads((ROOT / "tests" / "quality_floor.json").read_text(encoding="utf-8"))


def _digest() -> str:
    h = hashlib.sha256()
    for path in [ROOT / "examples" / "gold.jsonl", *sorted((ROOT / "examples" / "seeds").glob("*.txt"))]:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def result() -> dict:
    records = []
    for item in run(iter_articles([str(ROOT / "examples" / "seeds")])):
        assert not hasattr(item, "stage"), f"seed article failed: {item}"
        records.extend(e.to_record() for e in item[2])
    return score(load(str(ROOT / "examples" / "gold.jsonl")), group_records(records))


def test_quality_floor_gold_unchanged():
    assert _digest() == FLOOR["gold_digest"], "examples/ changed: re-pin the digest in tests/quality_floor.json deliberately"


def test_quality_floor_event_f1(result):
    assert result["events"]["f1"] >= FLOOR["events_f1"], result["events"]


def test_quality_floor_force_f1(result):
    assert result["force_with_numbers"]["f1"] >= FLOOR["force_with_numbers_f1"], result["force_with_numbers"]


@pytest.mark.parametrize("slot", sorted(FLOOR["slots"]))
def test_quality_floor_slot_accuracy(result, slot):
    assert result["slot_accuracy"][slot] >= FLOOR["slots"][slot], result["slot_accuracy"]

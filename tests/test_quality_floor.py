"""Extraction quality has a floor on the seeds and on the dev set, pinned in quality_floor.json.

The seed articles and their gold records ship in examples/; their digest is pinned with the
floor, so that neither the data nor the floor can change unnoticed. The dev set lives in
../shared (next to the repository, as in CI); its test is skipped where it is absent. The
seeds are in-sample (the decision models are trained on them); the dev set is not.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from lagebild.model import Failure
from lagebild.pipeline import run
from lagebild.read import iter_articles
from lagebild.score import group_records, load, score

ROOT = Path(__file__).resolve().parents[1]
FLOOR = json.loads((ROOT / "tests" / "quality_floor.json").read_text(encoding="utf-8"))
DEV_GOLD = ROOT.parent / "shared" / "gold" / "dev.jsonl"
DEV_TEXTS = ROOT.parent / "shared" / "dev"


def _digest() -> str:
    h = hashlib.sha256()
    for path in [ROOT / "examples" / "gold.jsonl", *sorted((ROOT / "examples" / "seeds").glob("*.txt"))]:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _score(gold: Path, texts: Path) -> dict:
    records = []
    for item in run(iter_articles([str(texts)])):
        assert not isinstance(item, Failure), f"article failed: {item}"
        records.extend(e.to_record() for e in item[2])
    return score(load(str(gold)), group_records(records))


@pytest.fixture(scope="module")
def result() -> dict:
    return _score(ROOT / "examples" / "gold.jsonl", ROOT / "examples" / "seeds")


def test_quality_floor_gold_unchanged():
    assert _digest() == FLOOR["gold_digest"], "examples/ changed: re-pin the digest in tests/quality_floor.json deliberately"


def test_quality_floor_event_f1(result):
    assert result["events"]["f1"] >= FLOOR["events_f1"], result["events"]


def test_quality_floor_force_f1(result):
    assert result["force_with_numbers"]["f1"] >= FLOOR["force_with_numbers_f1"], result["force_with_numbers"]


@pytest.mark.parametrize("slot", sorted(FLOOR["slots"]))
def test_quality_floor_slot_accuracy(result, slot):
    assert result["slot_accuracy"][slot] >= FLOOR["slots"][slot], result["slot_accuracy"]


@pytest.mark.skipif(not DEV_GOLD.is_file() or not DEV_TEXTS.is_dir(), reason="the dev set in ../shared is absent")
def test_quality_floor_dev_event_f1():
    figures = _score(DEV_GOLD, DEV_TEXTS)
    assert figures["events"]["f1"] >= FLOOR["dev"]["events_f1"], figures["events"]

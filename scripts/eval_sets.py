#!/usr/bin/env python3
"""Score the extractor on the seed articles and the dev set side by side (``make eval``).

usage: python scripts/eval_sets.py [--json]

seeds: ``examples/seeds`` against ``examples/gold.jsonl`` (in-sample: the seeds are also
training data of the decision models). dev: ``../shared/dev`` against
``../shared/gold/dev.jsonl`` (never used for training); skipped with a note when
``../shared`` is absent. The figures are those of ``lagebild eval`` (the reference
scorer's), with its error categories.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lagebild.model import Failure  # noqa: E402
from lagebild.pipeline import run  # noqa: E402
from lagebild.read import iter_articles  # noqa: E402
from lagebild.score import ERROR_KINDS, errors, group_records, load, score  # noqa: E402

SETS = {
    "seeds": (ROOT / "examples" / "gold.jsonl", ROOT / "examples" / "seeds"),
    "dev": (ROOT.parent / "shared" / "gold" / "dev.jsonl", ROOT.parent / "shared" / "dev"),
}


def figures(gold_path: Path, texts: Path) -> dict:
    """Extract a folder of articles and score it against its gold file."""
    records = []
    failed = 0
    for item in run(iter_articles([str(texts)])):
        if isinstance(item, Failure):
            failed += 1
            continue
        records.extend(e.to_record() for e in item[2])
    gold = load(str(gold_path))
    grouped = group_records(records)
    out = score(gold, grouped)
    out["errors"] = errors(gold, grouped)
    out["failed_articles"] = failed
    return out


def table(results: dict[str, dict]) -> str:
    """The figures of several sets as one text table, a column per set."""
    names = list(results)
    lines = [f"{'':42}" + "".join(f"{n:>22}" for n in names)]

    def row(label: str, cells: list[str]) -> None:
        lines.append(f"{label:42}" + "".join(f"{c:>22}" for c in cells))

    row("documents", [str(results[n]["documents"]) for n in names])
    for key, label in (("events", "events P / R / F1"), ("force_with_numbers", "force+count P / R / F1")):
        row(label, [f"{r[key]['precision']:.3f} {r[key]['recall']:.3f} {r[key]['f1']:.3f}" for r in results.values()])
    types = sorted({t for r in results.values() for t in r["per_type"]})
    for t in types:
        row(f"  {t} F1 (tp/fp/fn)", [
            f"{r['per_type'][t]['f1']:.2f} ({r['per_type'][t]['tp']}/{r['per_type'][t]['fp']}/{r['per_type'][t]['fn']})"
            if t in r["per_type"] else "-" for r in results.values()
        ])
    slots = sorted({s for r in results.values() for s in r["slot_accuracy"]})
    for s in slots:
        row(f"  slot {s}", [f"{r['slot_accuracy'].get(s) or 0:.3f}" for r in results.values()])
    for kind in ERROR_KINDS:
        row(f"  {kind}", [str(r["errors"][kind]) for r in results.values()])
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = ap.parse_args(argv)
    results = {}
    for name, (gold, texts) in SETS.items():
        if not gold.is_file() or not texts.is_dir():
            print(f"note: {name} skipped ({gold} or {texts} not found)", file=sys.stderr)
            continue
        results[name] = figures(gold, texts)
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
    else:
        print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())

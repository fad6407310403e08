#!/usr/bin/env python3
"""Pairwise precision and recall of story linking on the labelled story-link set.

usage: python scripts/eval_links.py [--pairs JSONL] [--db URL] [--half even|odd] [--show]

``tests/data/story_links.jsonl`` holds pairs of records from different articles of the seeds
and the 10kGNAD corpus (dev articles left out), each labelled by hand "same" (one real-world
event) or "different", with the reason (how they were drawn: ``scripts/sample_story_pairs.py``).
By default each pair is judged by the linker's pairwise decision (``fuse.stories.same_event``)
on the two records as stored in the file. With ``--db``, the pairs are looked up in a store
that holds the seeds and the corpus (by document, type and first evidence sentence), and a
pair counts as linked when both records are in one story there; pairs whose records the
store lacks (the extractor changed) are counted apart. ``--half even`` (``odd``) judges only
the pairs of even (odd) number: the linker's weights were chosen on the even half and checked
on the odd one.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lagebild.fuse.stories import report, same_event  # noqa: E402
from lagebild.store.query import date_fields  # noqa: E402

PAIRS = ROOT / "tests" / "data" / "story_links.jsonl"


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def pairwise(pair: dict) -> bool:
    """The linker's decision on the pair's two records."""
    views = []
    for n, record in enumerate((pair["a"], pair["b"])):
        _, start, end = date_fields((record.get("date") or {}).get("value"), (record.get("article") or {}).get("date"))
        views.append(report(record, n, start, end))
    return None not in views and same_event(*views)


def in_store(pairs: list[dict], url: str) -> dict[int, bool | None]:
    """Per pair: whether the store has both records in one story (None: a record is missing)."""
    from lagebild.store import Store

    with Store(url, readonly=True) as store:
        where: dict[tuple[str, str, str], int] = {}
        for doc in sorted({p[k]["doc"] for p in pairs for k in ("a", "b")}):
            for story in store.stories(doc=doc, limit=1000):
                for record in story["events"]:
                    where[(record["doc"], record["type"], (record["evidence"] or [""])[0])] = story["id"]
    out: dict[int, bool | None] = {}
    for p in pairs:
        ids = [where.get((p[k]["doc"], p[k]["type"], (p[k]["evidence"] or [""])[0])) for k in ("a", "b")]
        out[p["pair"]] = None if None in ids else ids[0] == ids[1]
    return out


def score(pairs: list[dict], linked: dict[int, bool | None]) -> dict[str, float | int]:
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0, "missing": 0, "unsure": 0}
    for p in pairs:
        decided = linked[p["pair"]]
        if p["label"] not in ("same", "different"):
            counts["unsure"] += 1
        elif decided is None:
            counts["missing"] += 1
        else:
            counts[("t" if decided == (p["label"] == "same") else "f") + ("p" if decided else "n")] += 1
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    return {**counts, "precision": tp / (tp + fp) if tp + fp else 0.0, "recall": tp / (tp + fn) if tp + fn else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument("--db", default=None, help="judge by the stories of this store instead")
    parser.add_argument("--half", choices=("even", "odd"), help="only the pairs of even (odd) number")
    parser.add_argument("--show", action="store_true", help="print every wrong decision")
    args = parser.parse_args()
    pairs = load(args.pairs)
    if args.half:
        pairs = [p for p in pairs if p["pair"] % 2 == (args.half == "odd")]
    linked = in_store(pairs, args.db) if args.db else {p["pair"]: pairwise(p) for p in pairs}
    result = score(pairs, linked)
    same = sum(p["label"] == "same" for p in pairs)
    print(f"{len(pairs)} labelled pairs ({same} same, {len(pairs) - same} different)"
          + (f", judged in {args.db}" if args.db else ", pairwise decision")
          + (f", {args.half} half" if args.half else ""))
    print(f"precision {result['precision']:.2f}  recall {result['recall']:.2f}  "
          f"(tp {result['tp']}, fp {result['fp']}, fn {result['fn']}, tn {result['tn']}"
          + (f", records missing {result['missing']}" if args.db else "") + ")")
    if args.show:
        for p in pairs:
            decided = linked[p["pair"]]
            if decided is not None and decided != (p["label"] == "same"):
                print(f"  {'FP' if decided else 'FN'} {p['pair']}: {p['reason']}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Draw candidate record pairs for labelling story links (``tests/data/story_links.jsonl``).

usage: python scripts/sample_story_pairs.py --db URL --out JSONL [--seed N]

The store must hold the seeds and the 10kGNAD corpus (``lagebild ingest examples/seeds
../shared/corpus --db URL``). Every pair joins two records of different articles with the
same type and actor code; records of dev-set articles are left out. Drawn: all such pairs
among the seeds; corpus pairs in strata of evidence overlap (word Jaccard ≥ .25, .12–.25,
.05–.12 and < .05 with a shared target: 70, 50, 30, 15); and pairs from articles on one
topic (TF-IDF cosine of the whole articles ≥ .35: all, .2–.35: 40 at random). Labels are then
given by hand from the texts (same real-world event or not), never from these scores.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lagebild.store import Store  # noqa: E402

KEEP = ("doc", "type", "mode", "actor", "target", "location", "quantity", "status", "date", "source",
        "factuality", "evidence", "article")


def words(record: dict) -> set[str]:
    return {w.lower() for s in record["evidence"] for w in re.findall(r"\w{4,}", s)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dev", default=str(ROOT.parent / "shared" / "dev"))
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    dev = {f"gnad_test_dev-{int(p.stem.split('-')[1]) + 1}" for p in Path(args.dev).glob("dev-*.txt")}
    with Store(args.db, readonly=True) as store:
        records = [r for r in store.iter_events(sort="doc") if r["doc"] not in dev and (r["actor"] or {}).get("code")]
        texts = {doc: store.article(doc)["clean_text"] for doc in {r["doc"] for r in records}}
    blocks = defaultdict(list)
    for r in records:
        blocks[(r["type"], r["actor"]["code"])].append(r)
    pairs = [(a, b) for block in blocks.values() for a, b in itertools.combinations(block, 2) if a["doc"] != b["doc"]]
    seeds = [(a, b) for a, b in pairs if not a["doc"].startswith("gnad") and not b["doc"].startswith("gnad")]
    corpus = [(a, b) for a, b in pairs if a["doc"].startswith("gnad") and b["doc"].startswith("gnad")]

    def jaccard(a: dict, b: dict) -> float:
        wa, wb = words(a), words(b)
        return len(wa & wb) / max(1, len(wa | wb))

    def shared_target(a: dict, b: dict) -> bool:
        return bool(set((a["target"] or {}).get("codes") or []) & set((b["target"] or {}).get("codes") or []))

    strata = [([p for p in corpus if jaccard(*p) >= .25], 70), ([p for p in corpus if .12 <= jaccard(*p) < .25], 50),
              ([p for p in corpus if .05 <= jaccard(*p) < .12 and shared_target(*p)], 30),
              ([p for p in corpus if jaccard(*p) < .05 and shared_target(*p)], 15)]
    chosen = list(seeds)
    for stratum, n in strata:
        rnd.shuffle(stratum)
        chosen += stratum[:n]
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = sorted(texts)
    matrix = TfidfVectorizer(min_df=2, max_df=0.3, sublinear_tf=True).fit_transform([texts[d] for d in docs])
    index = {d: i for i, d in enumerate(docs)}
    taken = {(a["id"], b["id"]) for a, b in chosen}
    topical = [(float((matrix[index[a["doc"]]] @ matrix[index[b["doc"]]].T).toarray()[0, 0]), a, b)
               for a, b in corpus if (a["id"], b["id"]) not in taken]
    high = sorted((t for t in topical if t[0] >= .35), key=lambda t: -t[0])
    middle = [t for t in topical if .2 <= t[0] < .35]
    rnd.shuffle(middle)
    chosen += [(a, b) for _, a, b in high + middle[:40]]
    with open(args.out, "w", encoding="utf-8") as out:
        for n, (a, b) in enumerate(chosen):
            out.write(json.dumps({"pair": n, "a": {k: a.get(k) for k in KEEP}, "b": {k: b.get(k) for k in KEEP}},
                                 ensure_ascii=False) + "\n")
    print(f"{len(chosen)} candidate pairs -> {args.out}")


if __name__ == "__main__":
    main()

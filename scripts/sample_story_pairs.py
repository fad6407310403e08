#!/usr/bin/env python3
"""Draw candidate record pairs for labelling story links (``tests/data/story_links.jsonl``).

usage: python scripts/sample_story_pairs.py --db URL --out JSONL [--seed N]
       python scripts/sample_story_pairs.py --db URL --out JSONL --round 2|3|4|5 --exclude tests/data/story_links.jsonl

The store must hold the seeds and the 10kGNAD corpus (``lagebild ingest examples/seeds
../shared/corpus --db URL``). Every pair joins two records of different articles with the
same type and actor code (round 2 also draws a few with different actor codes); records of
dev-set articles are left out. Labels are then given by hand from the texts (same real-world
event or not), never from these scores nor from the linker's decision.

Round 1 (pairs 0-1058): all pairs among the seeds; corpus pairs in strata of evidence overlap
(word Jaccard ≥ .25, .12–.25, .05–.12 and < .05 with a shared target: 70, 50, 30, 15); and
pairs from articles on one topic (TF-IDF cosine of the whole articles ≥ .35: all, .2–.35: 40
at random).

Round 2 (pairs from 2000; ``--exclude`` the pairs labelled before, those numbered below the
round's first, matched by document, type and first evidence sentence), drawn to measure recall with more same-event pairs, from the
store as extracted then, in order, each pair kept once:
  topic   articles with TF-IDF cosine ≥ .2: all; .15–.2: 50 at random
  wording evidence sentences with TF-IDF cosine (fitted on all evidence) ≥ .25: 70 at random
  place   a shared target or location code other than the actor's own: all
  random  same type and actor: 40 at random
  actor   same type, another actor code, evidence cosine ≥ .15 (actor codes that may err): 15 at random

Round 3 (pairs from 3000; ``--exclude`` as in round 2), drawn because round 2 found few same-event
pairs (15 of 254, most among articles on one topic), every pair of each stratum:
  topic   same type and actor, articles with TF-IDF cosine .15–.2 (round 2 took 50 of them)
  place   same type, any actor code, the same named place (location ``place``)

Round 4 (pairs from 4000; ``--exclude`` as in round 2), reports of one event whose actor codes
differ (the two sides of a meeting, a perpetrator coded apart): same type, different actor
codes, a target or location code shared that is neither actor's own: every pair of the types
ASSAULT, MOBILIZE, AID, COERCE, SANCTION and THREATEN, and 30 at random of the other types.

Round 5 (pairs from 5000; ``--exclude`` as in round 2), still short of same-event pairs: same
type and actor, articles with TF-IDF cosine .12–.15, one record pair at random from each pair
of articles (so that two long interviews do not fill the stratum).
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


def key(record: dict) -> tuple[str, str, str]:
    """How a record is recognised across extractions (as ``eval_links.py --db`` does)."""
    return record["doc"], record["type"], (record["evidence"] or [""])[0]


def codes(record: dict) -> set[str]:
    return set((record["target"] or {}).get("codes") or []) | set((record["location"] or {}).get("codes") or [])


def round_one(pairs: list, texts: dict, rnd: random.Random) -> list:
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
    similarity = article_similarity(texts)
    taken = {(a["id"], b["id"]) for a, b in chosen}
    topical = [(similarity(a["doc"], b["doc"]), a, b) for a, b in corpus if (a["id"], b["id"]) not in taken]
    high = sorted((t for t in topical if t[0] >= .35), key=lambda t: -t[0])
    middle = [t for t in topical if .2 <= t[0] < .35]
    rnd.shuffle(middle)
    return chosen + [(a, b) for _, a, b in high + middle[:40]]


def article_similarity(texts: dict):
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = sorted(texts)
    matrix = TfidfVectorizer(min_df=2, max_df=0.3, sublinear_tf=True).fit_transform([texts[d] for d in docs])
    index = {d: i for i, d in enumerate(docs)}
    return lambda a, b: float((matrix[index[a]] @ matrix[index[b]].T).toarray()[0, 0])


def round_two(records: list, pairs: list, texts: dict, rnd: random.Random, exclude: set) -> list:
    from sklearn.feature_extraction.text import TfidfVectorizer

    pairs = [(a, b) for a, b in pairs if frozenset((key(a), key(b))) not in exclude]
    topic = article_similarity(texts)
    ids = {r["id"]: n for n, r in enumerate(records)}
    matrix = TfidfVectorizer(min_df=1, sublinear_tf=True).fit_transform([" ".join(r["evidence"]) for r in records])

    def wording(a: dict, b: dict) -> float:
        return float((matrix[ids[a["id"]]] @ matrix[ids[b["id"]]].T).toarray()[0, 0])

    chosen: list = []
    taken: set = set()

    def take(stratum: list, n: int | None) -> None:
        stratum = [p for p in stratum if (p[0]["id"], p[1]["id"]) not in taken]
        if n is not None:
            rnd.shuffle(stratum)
            stratum = stratum[:n]
        for a, b in stratum:
            taken.add((a["id"], b["id"]))
            chosen.append((a, b))

    scored = [(topic(a["doc"], b["doc"]), a, b) for a, b in pairs]
    take([(a, b) for s, a, b in sorted(scored, key=lambda t: -t[0]) if s >= .2], None)
    take([(a, b) for s, a, b in scored if .15 <= s < .2], 50)
    take([(a, b) for a, b in pairs if wording(a, b) >= .25], 70)
    take([(a, b) for a, b in pairs if (codes(a) & codes(b)) - {a["actor"]["code"]}], None)
    take(list(pairs), 40)
    others = defaultdict(list)
    for r in records:
        others[r["type"]].append(r)
    crossed = [(a, b) for block in others.values() for a, b in itertools.combinations(block, 2)
               if a["doc"] != b["doc"] and a["actor"]["code"] != b["actor"]["code"]
               and frozenset((key(a), key(b))) not in exclude and wording(a, b) >= .15]
    take(crossed, 15)
    return chosen


def round_three(records: list, pairs: list, texts: dict, exclude: set) -> list:
    topic = article_similarity(texts)
    fresh = [(a, b) for a, b in pairs if frozenset((key(a), key(b))) not in exclude]
    chosen = [(a, b) for a, b in fresh if .15 <= topic(a["doc"], b["doc"]) < .2]
    taken = {(a["id"], b["id"]) for a, b in chosen}

    def place(record: dict) -> str:
        return ((record["location"] or {}).get("place") or "").lower()

    chosen += [(a, b) for a, b in itertools.combinations(records, 2)
               if a["type"] == b["type"] and a["doc"] != b["doc"] and place(a) and place(a) == place(b)
               and frozenset((key(a), key(b))) not in exclude and (a["id"], b["id"]) not in taken]
    return chosen


HARD_TYPES = frozenset({"ASSAULT", "MOBILIZE", "AID", "COERCE", "SANCTION", "THREATEN"})


def round_four(records: list, rnd: random.Random, exclude: set) -> list:
    crossed = [(a, b) for a, b in itertools.combinations(records, 2)
               if a["type"] == b["type"] and a["doc"] != b["doc"] and a["actor"]["code"] != b["actor"]["code"]
               and (codes(a) & codes(b)) - {a["actor"]["code"], b["actor"]["code"]}
               and frozenset((key(a), key(b))) not in exclude]
    rest = [p for p in crossed if p[0]["type"] not in HARD_TYPES]
    rnd.shuffle(rest)
    return [p for p in crossed if p[0]["type"] in HARD_TYPES] + rest[:30]


def round_five(pairs: list, texts: dict, rnd: random.Random, exclude: set) -> list:
    topic = article_similarity(texts)
    by_articles = defaultdict(list)
    for a, b in pairs:
        if frozenset((key(a), key(b))) not in exclude and .12 <= topic(a["doc"], b["doc"]) < .15:
            by_articles[tuple(sorted((a["doc"], b["doc"])))].append((a, b))
    return [rnd.choice(by_articles[docs]) for docs in sorted(by_articles)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--round", type=int, default=1, choices=(1, 2, 3, 4, 5))
    parser.add_argument("--exclude", action="append", default=[], help="JSONL of pairs labelled before (rounds 2, 3)")
    parser.add_argument("--start", type=int, default=None, help="number of the first pair (round N: N*1000)")
    parser.add_argument("--dev", default=str(ROOT.parent / "shared" / "dev"))
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    dev = {f"gnad_test_dev-{int(p.stem.split('-')[1]) + 1}" for p in Path(args.dev).glob("dev-*.txt")}
    if not dev:
        sys.exit(f"no dev articles found in {args.dev}: give --dev, the dev articles must be left out")
    with Store(args.db, readonly=True) as store:
        records = [r for r in store.iter_events(sort="doc") if r["doc"] not in dev and (r["actor"] or {}).get("code")]
        texts = {doc: store.article(doc)["clean_text"] for doc in {r["doc"] for r in records}}
    blocks = defaultdict(list)
    for r in records:
        blocks[(r["type"], r["actor"]["code"])].append(r)
    pairs = [(a, b) for block in blocks.values() for a, b in itertools.combinations(block, 2) if a["doc"] != b["doc"]]
    start = args.start if args.start is not None else {1: 0, 2: 2000, 3: 3000, 4: 4000, 5: 5000}[args.round]
    if args.round == 1:
        chosen = round_one(pairs, texts, rnd)
    else:
        exclude = set()  # pairs of earlier rounds: numbered below this round's first
        for path in args.exclude:
            for line in Path(path).read_text(encoding="utf-8").splitlines():
                if line.strip() and (p := json.loads(line))["pair"] < start:
                    exclude.add(frozenset((key(p["a"]), key(p["b"]))))
        if args.round == 2:
            chosen = round_two(records, pairs, texts, rnd, exclude)
        elif args.round == 3:
            chosen = round_three(records, pairs, texts, exclude)
        elif args.round == 4:
            chosen = round_four(records, rnd, exclude)
        else:
            chosen = round_five(pairs, texts, rnd, exclude)
    with open(args.out, "w", encoding="utf-8") as out:
        for n, (a, b) in enumerate(chosen, start):
            out.write(json.dumps({"pair": n, "a": {k: a.get(k) for k in KEEP}, "b": {k: b.get(k) for k in KEEP}},
                                 ensure_ascii=False) + "\n")
    print(f"{len(chosen)} candidate pairs -> {args.out}")


if __name__ == "__main__":
    main()

"""Agreement with HanTa and speed of ``lagebild.analyse.tagger``.

Two measurements in one run, one process:

- **agreement** with real HanTa (``HanoverTagger('morphmodel_ger.pgz').tag_sent``) on
  the sentences of the 60 dev articles (``../shared/dev/dev-NNNN.txt`` name the rows of the
  corpus; ``scripts/build_tagger.py`` keeps their words out of the shipped tables, so this
  measures unseen text): tag and lemma agreement over all tokens, over tokens outside
  HanTa's cache, over tokens outside both HanTa's cache and the shipped form table (where
  the suffix model guesses), for verbs (HanTa tag ``V…``) and for ``PTKVZ``;
- **speed**: tokens per CPU second of ``tag`` plus ``lemma`` for every token over all 998
  articles of ``../shared/corpus/gnad_test_dev.csv`` (a freshly loaded tagger, so the
  lemma memo starts empty), against HanTa's ``tag_sent`` (tags and lemmas) on every n-th
  article in the same run. Tokenising is not timed on either side.

Usage: python benchmarks/tagger.py [--sample N] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lagebild.analyse.tagger import Tagger, load_hanta, normalize  # noqa: E402
from lagebild.split import split_sentences, tokenize  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "gnad_test_dev.csv"
DEV = ROOT.parent / "shared" / "dev"
DEV_NAME = re.compile(r"dev-(\d+)\.txt$")
GROUPS = ("all", "outside HanTa cache", "unknown (suffix model)", "verbs (V*)", "PTKVZ")


def articles() -> list[list[list[str]]]:
    """Every corpus article as tokenised sentences, by row number."""
    with CORPUS.open(encoding="utf-8", newline="") as f:
        texts = [row[1] for row in csv.reader(f, delimiter=";", quotechar="'")]
    out = []
    for text in texts:
        sents = [[t.text for t in tokenize(text, s.start, s.end)] for s in split_sentences(text)]
        out.append([words for words in sents if words])
    return out


def dev_rows() -> list[int]:
    """Row numbers of the dev articles."""
    return sorted(int(m.group(1)) for p in DEV.glob("dev-*.txt") if (m := DEV_NAME.search(p.name)))


def speed(tagger: Tagger, hanta: Any, docs: list[list[list[str]]], sample: int) -> dict[str, Any]:
    """Tokens per CPU second: the tagger on every article, HanTa on every n-th one."""
    tokens = sum(len(words) for doc in docs for words in doc)
    start = time.process_time()
    for doc in docs:
        for words in doc:
            for word, tag in zip(words, tagger.tag(words)):
                tagger.lemma(word, tag)
    ours = time.process_time() - start
    step = max(1, len(docs) // max(1, sample))
    subset = docs[step // 2 :: step][:sample]
    sample_tokens = sum(len(words) for doc in subset for words in doc)
    start = time.process_time()
    for doc in subset:
        for words in doc:
            hanta.tag_sent(words, taglevel=1)
    theirs = time.process_time() - start
    return {
        "articles": len(docs),
        "tokens": tokens,
        "tagger_seconds": round(ours, 2),
        "tagger_tokens_per_second": round(tokens / ours),
        "tagger_articles_per_second": round(len(docs) / ours, 1),
        "hanta_articles": len(subset),
        "hanta_tokens": sample_tokens,
        "hanta_seconds": round(theirs, 2),
        "hanta_tokens_per_second": round(sample_tokens / theirs),
        "hanta_articles_per_second": round(len(subset) / theirs, 1),
        "speedup": round((tokens / ours) / (sample_tokens / theirs), 1),
    }


def agreement(tagger: Tagger, hanta: Any, docs: list[list[list[str]]]) -> dict[str, Any]:
    """Tag and lemma agreement with HanTa on the dev articles, by token group."""
    n: Counter[str] = Counter()
    tags_ok: Counter[str] = Counter()
    lemmas_ok: Counter[str] = Counter()
    confusions: Counter[tuple[str, str]] = Counter()
    for row in dev_rows():
        for words in docs[row]:
            ours = tagger.tag(words)
            for word, (_, lemma, tag), mine in zip(words, hanta.tag_sent(words, taglevel=1), ours):
                key = normalize(word)
                groups = ["all"]
                if key not in hanta.cache:
                    groups.append("outside HanTa cache")
                    if key not in tagger.forms:
                        groups.append("unknown (suffix model)")
                if tag.startswith("V"):
                    groups.append("verbs (V*)")
                if tag == "PTKVZ":
                    groups.append("PTKVZ")
                same_lemma = tagger.lemma(word, mine) == lemma
                for group in groups:
                    n[group] += 1
                    tags_ok[group] += mine == tag
                    lemmas_ok[group] += same_lemma
                if mine != tag:
                    confusions[(tag, mine)] += 1
                else:
                    n["same tag"] += 1
                    lemmas_ok["same tag"] += same_lemma
    return {
        "dev_articles": len(dev_rows()),
        "tokens": {g: n[g] for g in GROUPS},
        "tag_agreement": {g: round(tags_ok[g] / n[g], 4) if n[g] else None for g in GROUPS},
        "lemma_agreement": {g: round(lemmas_ok[g] / n[g], 4) if n[g] else None for g in GROUPS},
        "lemma_agreement_where_tags_agree": round(lemmas_ok["same tag"] / n["same tag"], 4),
        "top_confusions (HanTa → ours)": [f"{a} → {b}: {c}" for (a, b), c in confusions.most_common(8)],
    }


def report(figures: dict[str, Any]) -> None:
    """Print the figures for a human reader."""
    agree, fast = figures["agreement"], figures["speed"]
    print(f"agreement with HanTa on {agree['dev_articles']} dev articles (unseen text):")
    for group in GROUPS:
        print(f"  {group:24} {agree['tokens'][group]:6} tokens   tags {agree['tag_agreement'][group]:.2%}"
              f"   lemmas {agree['lemma_agreement'][group]:.2%}")
    print(f"  lemma agreement where the tags agree: {agree['lemma_agreement_where_tags_agree']:.2%}")
    print("  most frequent differences (HanTa → ours): " + "; ".join(agree["top_confusions (HanTa → ours)"]))
    print(f"tagger load: {figures['load_seconds']} s")
    print(f"speed, tag + lemma of every token, one process (CPU time):")
    print(f"  tagger: {fast['tagger_tokens_per_second']} tokens/s over {fast['articles']} articles "
          f"({fast['tokens']} tokens, {fast['tagger_seconds']} s, {fast['tagger_articles_per_second']} articles/s)")
    print(f"  HanTa:  {fast['hanta_tokens_per_second']} tokens/s over {fast['hanta_articles']} of them "
          f"({fast['hanta_tokens']} tokens, {fast['hanta_seconds']} s, {fast['hanta_articles_per_second']} articles/s)")
    print(f"  ratio:  {fast['speedup']}× faster than HanTa")


def main() -> None:
    """Parse the arguments, measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=50, help="articles for the HanTa speed reference")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"benchmark: no corpus at {CORPUS}")
    docs = articles()
    hanta = load_hanta()
    start = time.perf_counter()
    tagger = Tagger.load()  # a fresh instance: empty memos
    figures: dict[str, Any] = {"load_seconds": round(time.perf_counter() - start, 2)}
    figures["speed"] = speed(tagger, hanta, docs, args.sample)
    figures["agreement"] = agreement(tagger, hanta, docs)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    else:
        report(figures)


if __name__ == "__main__":
    main()

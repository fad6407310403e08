"""Throughput and peak memory of the whole pipeline on the unlabeled corpus.

Runs read → clean → split → recognise → extract → resolve → fuse → store
(a temporary SQLite file) over ``../shared/corpus/gnad_test_dev.csv`` (or the
CSV given) in one process, and reports, from this one run:

- articles per second and sentences per second for the whole pipeline;
- the share of time per stage group (read+clean+split, extract, store);
- peak resident memory (RSS) of the process;
- the ratio of the pipeline's speed to a reference pass measured in the same
  run: HanTa POS tagging of the same articles (a stand-in for the parsing step
  of parse-based event coders), when HanTa is installed (``pip install HanTa``).

Usage: python benchmarks/throughput.py [CSV] [--limit N] [--json]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lagebild import clean, split  # noqa: E402
from lagebild.model import Failure  # noqa: E402
from lagebild.pipeline import extract_events  # noqa: E402
from lagebild.read import iter_articles  # noqa: E402
from lagebild.store import Store  # noqa: E402

DEFAULT_CSV = ROOT.parent / "shared" / "corpus" / "gnad_test_dev.csv"


def peak_rss_mib() -> float:
    """Peak resident set size of this process in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_pipeline(csv_path: Path, limit: int | None) -> dict:
    """Time every stage group over the corpus; returns the figures."""
    t_prep = t_extract = t_store = 0.0
    n_articles = n_failed = n_sentences = n_events = 0
    texts: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/bench.db")
        start = time.perf_counter()
        t0 = time.perf_counter()
        for item in iter_articles([str(csv_path)]):
            if limit is not None and n_articles + n_failed >= limit:
                break
            if isinstance(item, Failure):
                n_failed += 1
                continue
            try:
                article = clean.clean(item)
            except Exception:  # noqa: BLE001 - counted as a failure, as the CLI does
                n_failed += 1
                t0 = time.perf_counter()
                continue
            sentences = split.split_sentences(article.clean_text)
            t1 = time.perf_counter()
            events = extract_events(article, sentences)
            t2 = time.perf_counter()
            store.add_article(article, sentences, events)
            t3 = time.perf_counter()
            t_prep += t1 - t0
            t_extract += t2 - t1
            t_store += t3 - t2
            n_articles += 1
            n_sentences += len(sentences)
            n_events += len(events)
            texts.append(article.clean_text)
            t0 = time.perf_counter()
        total = time.perf_counter() - start
        store.close()
    return {
        "articles": n_articles,
        "failed": n_failed,
        "sentences": n_sentences,
        "events": n_events,
        "seconds": round(total, 3),
        "articles_per_second": round(n_articles / total, 1) if total else None,
        "sentences_per_second": round(n_sentences / total, 1) if total else None,
        "share": {
            "read+clean+split": round(t_prep / total, 3),
            "extract": round(t_extract / total, 3),
            "store": round(t_store / total, 3),
        },
        "_texts": texts,
    }


def hanta_reference(texts: list[str], sample: int = 30) -> float | None:
    """Articles per second of HanTa POS tagging on a sample of the same articles."""
    try:
        from HanTa import HanoverTagger as ht  # type: ignore[import-not-found]
    except ImportError:
        return None
    tagger = ht.HanoverTagger("morphmodel_ger.pgz")
    subset = texts[:sample]
    start = time.perf_counter()
    for text in subset:
        for sent in split.split_sentences(text):
            tokens = [t.text for t in split.tokenize(sent.text)]
            if tokens:
                tagger.tag_sent(tokens)
    seconds = time.perf_counter() - start
    return len(subset) / seconds if seconds else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="?", default=str(DEFAULT_CSV))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    path = Path(args.csv)
    if not path.exists():
        sys.exit(f"benchmark: no corpus at {path}; give the CSV path as the first argument")
    figures = run_pipeline(path, args.limit)
    texts = figures.pop("_texts")
    figures["peak_rss_mib"] = round(peak_rss_mib(), 1)
    reference = hanta_reference(texts)
    if reference:
        figures["hanta_pos_articles_per_second"] = round(reference, 2)
        figures["speedup_over_pos_tagging"] = round(figures["articles_per_second"] / reference, 1)
    if args.json:
        print(json.dumps(figures))
        return
    print(f"articles: {figures['articles']} ok, {figures['failed']} failed; sentences {figures['sentences']}; events {figures['events']}")
    print(f"throughput: {figures['articles_per_second']} articles/s, {figures['sentences_per_second']} sentences/s ({figures['seconds']} s, one core)")
    print("time share: " + ", ".join(f"{k} {v:.0%}" for k, v in figures["share"].items()))
    print(f"peak memory (RSS): {figures['peak_rss_mib']} MiB")
    if reference:
        print(f"reference, same run: HanTa POS tagging {figures['hanta_pos_articles_per_second']} articles/s "
              f"→ pipeline is {figures['speedup_over_pos_tagging']}× faster")  # fmt: skip


if __name__ == "__main__":
    main()

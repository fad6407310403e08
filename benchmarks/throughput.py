"""Throughput and peak memory of the whole pipeline on the unlabeled corpus.

Runs read → clean → split → recognise → analyse → extract → resolve → fuse → store and
link into stories (a temporary SQLite file, ``WRITE_BATCH`` articles to a transaction, as
``lagebild ingest`` writes) over ``../shared/corpus/gnad_test_dev.csv`` (998
DER STANDARD articles; or the CSV given) in one single-threaded process, and
reports, from this one run:

- articles per second and sentences per second for the whole pipeline, by
  wall clock and by CPU time of the process (CPU time / wall time ≈ 1: one
  core; the CPU figure is the one that does not suffer from other load);
- the share of time per stage group (read+clean+split, extract, store);
- peak resident memory (RSS) of the process;
- the ratio of the pipeline's speed to a reference pass measured in the same
  run on the same articles (every n-th one of the corpus): HanTa's own POS
  tagging (``HanoverTagger.tag_sent``; the linguistic layer of ``lagebild.analyse``
  runs HanTa's model through a faster decoder, ``lagebild/analyse/tagger.py``).

Usage: python benchmarks/throughput.py [CSV] [--limit N] [--sample N] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lagebild import clean, split  # noqa: E402
from lagebild.cli import WRITE_BATCH  # noqa: E402
from lagebild.errors import ArticleError  # noqa: E402
from lagebild.model import Failure  # noqa: E402
from lagebild.pipeline import extract_events  # noqa: E402
from lagebild.read import iter_articles  # noqa: E402
from lagebild.store import Store  # noqa: E402

DEFAULT_CSV = ROOT.parent / "shared" / "corpus" / "gnad_test_dev.csv"
HANTA_MODEL = "morphmodel_ger.pgz"


@dataclass
class Run:
    """What one pass of the pipeline over the corpus measured.

    articles, failed, sentences, events (int): counts.
    seconds (float): wall time of the whole pass.
    cpu_seconds (float): CPU time of the process (all threads) during the pass.
    prep, extract, store (float): seconds in read+clean+split, extract, store.
    per_article (list[tuple[str, float]]): each stored article's clean text and its seconds.
    """

    articles: int = 0
    failed: int = 0
    sentences: int = 0
    events: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    prep: float = 0.0
    extract: float = 0.0
    store: float = 0.0
    per_article: list[tuple[str, float]] = field(default_factory=list)


def peak_rss_mib() -> float:
    """Peak resident set size of this process.

    RETURNS (float): MiB (Linux reports ``ru_maxrss`` in KiB).
    """
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_pipeline(csv_path: Path, limit: int | None) -> Run:
    """Run and time every stage group over the corpus, as ``lagebild ingest`` does: articles
    are stored (and their records linked into stories) ``WRITE_BATCH`` to a transaction.

    csv_path (Path): the corpus CSV.
    limit (int | None): stop after this many input articles (None: all).
    RETURNS (Run): counts and timings; an article's seconds include its share of its batch's store time.
    """
    run = Run()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/bench.db")
        pending: list[tuple[Any, list[Any], list[Any], float]] = []

        def write() -> None:
            started = time.perf_counter()
            store.add_articles([(a, s, e) for a, s, e, _ in pending])
            share = (time.perf_counter() - started) / len(pending)
            run.store += share * len(pending)
            run.per_article.extend((a.clean_text, seconds + share) for a, _, _, seconds in pending)
            pending.clear()

        cpu_start = time.process_time()
        start = t0 = time.perf_counter()
        for item in iter_articles([str(csv_path)]):
            if limit is not None and run.articles + run.failed >= limit:
                break
            if isinstance(item, Failure):
                run.failed += 1
                t0 = time.perf_counter()
                continue
            try:
                article = clean.clean(item)
            except ArticleError:  # counted as a failure, as the CLI does
                run.failed += 1
                t0 = time.perf_counter()
                continue
            sentences = split.split_sentences(article.clean_text, article.title)
            t1 = time.perf_counter()
            events = extract_events(article, sentences)
            t2 = time.perf_counter()
            run.prep, run.extract = run.prep + t1 - t0, run.extract + t2 - t1
            pending.append((article, sentences, events, t2 - t0))
            if len(pending) >= WRITE_BATCH:
                write()
            run.articles += 1
            run.sentences += len(sentences)
            run.events += len(events)
            t0 = time.perf_counter()
        if pending:
            write()
        run.seconds = time.perf_counter() - start
        run.cpu_seconds = time.process_time() - cpu_start
        store.close()
    return run


def load_hanta() -> tuple[Any | None, str | None]:
    """Load the HanTa tagger with its German model (shipped inside the package).

    RETURNS (tuple): the tagger and None, or None and why it is unavailable.
    """
    try:
        from HanTa import HanoverTagger as ht  # type: ignore[import-not-found]
    except ImportError as err:  # HanTa itself, or numpy which it imports but does not declare
        return None, f"{err} (pip install -e .)"
    return ht.HanoverTagger(HANTA_MODEL), None


def hanta_seconds(tagger: Any, texts: list[str]) -> float:
    """Seconds HanTa needs to POS-tag the texts, sentence by sentence.

    tagger (HanoverTagger): the loaded tagger.
    texts (list[str]): cleaned article texts.
    RETURNS (float): wall time of split + tokenize + tag.
    """
    start = time.perf_counter()
    for text in texts:
        for sent in split.split_sentences(text):
            tokens = [t.text for t in split.tokenize(text, sent.start, sent.end)]
            if tokens:
                tagger.tag_sent(tokens)
    return time.perf_counter() - start


def figures_of(run: Run) -> dict[str, Any]:
    """The reported figures of one pipeline pass.

    run (Run): the measured pass.
    RETURNS (dict): counts, throughput, time shares, peak RSS.
    """
    total = run.seconds or float("nan")
    return {
        "articles": run.articles,
        "failed": run.failed,
        "sentences": run.sentences,
        "events": run.events,
        "seconds": round(run.seconds, 3),
        "cpu_seconds": round(run.cpu_seconds, 3),
        "articles_per_second": round(run.articles / total, 1),
        "articles_per_cpu_second": round(run.articles / (run.cpu_seconds or float("nan")), 1),
        "sentences_per_second": round(run.sentences / total, 1),
        "share": {
            "read+clean+split": round(run.prep / total, 3),
            "extract": round(run.extract / total, 3),
            "store": round(run.store / total, 3),
        },
        "peak_rss_mib": round(peak_rss_mib(), 1),
        "machine_cores": os.cpu_count(),
    }


def reference_figures(run: Run, sample: int) -> dict[str, Any]:
    """HanTa POS tagging speed on every n-th article, against the pipeline on the same ones.

    Both sides are timed after loading (HanTa's model, the pipeline's lexicons).

    run (Run): the measured pipeline pass (per-article texts and times).
    sample (int): how many articles to tag.
    RETURNS (dict): the reference figures, or why there are none.
    """
    tagger, why = load_hanta()
    if tagger is None:
        return {"reference": f"no HanTa reference: {why}"}
    step = max(1, len(run.per_article) // max(1, sample))
    # Start mid-step: the first article also pays the pipeline's one-time loading
    # (lexicons, regexes, language model), as HanTa's model load is not timed either.
    subset = run.per_article[step // 2 :: step][:sample]
    if not subset:
        return {"reference": "no HanTa reference: no articles"}
    tagging = hanta_seconds(tagger, [text for text, _ in subset])
    pipeline = sum(seconds for _, seconds in subset)
    return {
        "reference_articles": len(subset),
        "hanta_pos_articles_per_second": round(len(subset) / tagging, 2),
        "pipeline_articles_per_second_same_articles": round(len(subset) / pipeline, 1),
        "speedup_over_pos_tagging": round(tagging / pipeline, 1),
    }


def report(figures: dict[str, Any]) -> None:
    """Print the figures for a human reader.

    figures (dict): as built by ``figures_of`` and ``reference_figures``.
    """
    print(f"articles: {figures['articles']} ok, {figures['failed']} failed; "
          f"sentences {figures['sentences']}; events {figures['events']}")
    print(f"throughput: {figures['articles_per_second']} articles/s, "
          f"{figures['sentences_per_second']} sentences/s ({figures['seconds']} s wall)")
    print(f"per CPU second: {figures['articles_per_cpu_second']} articles "
          f"({figures['cpu_seconds']} s CPU = {figures['cpu_seconds'] / figures['seconds']:.2f} cores "
          f"of {figures['machine_cores']})")
    print("time share: " + ", ".join(f"{k} {v:.0%}" for k, v in figures["share"].items()))
    print(f"peak memory (RSS): {figures['peak_rss_mib']} MiB")
    if "speedup_over_pos_tagging" in figures:
        print(f"reference, same run, same {figures['reference_articles']} articles: HanTa POS tagging "
              f"{figures['hanta_pos_articles_per_second']} articles/s, pipeline "
              f"{figures['pipeline_articles_per_second_same_articles']} articles/s "
              f"→ pipeline is {figures['speedup_over_pos_tagging']}× faster")
    else:
        print(figures["reference"])


def main() -> None:
    """Parse the arguments, run the benchmark and print or dump the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="?", default=str(DEFAULT_CSV), help="corpus CSV (10kGNAD format)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--sample", type=int, default=100, help="articles for the HanTa reference")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    path = Path(args.csv)
    if not path.exists():
        sys.exit(f"benchmark: no corpus at {path}; give the CSV path as the first argument")
    run = run_pipeline(path, args.limit)
    figures = figures_of(run)  # peak RSS before the reference pass loads HanTa
    figures.update(reference_figures(run, args.sample))
    if args.json:
        print(json.dumps(figures))
    else:
        report(figures)


if __name__ == "__main__":
    main()

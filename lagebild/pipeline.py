"""The pipeline: read → clean → split → recognise → analyse → extract → resolve → fuse.

Each stage is a module with one job and plain data between them
(``lagebild.model``). ``process_article`` runs the stages after reading on one
article; ``run`` drives many articles and turns each article's failure into a
``Failure`` record, so that one bad article never stops a run.

>>> events = extract("Die USA schicken 2.000 Soldaten nach Polen.", doc_id="x", date="2022-02")
>>> [(e.type, e.actor.code, e.target.codes, e.quantity.value) for e in events]
[('MOBILIZE', 'USA', ['POL'], 2000)]
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from . import clean as clean_stage
from . import split as split_stage
from .errors import ArticleError
from .extract import extract_events
from .model import Article, Event, Failure, Sentence

__all__ = ["process_article", "process_safely", "extract", "run", "Processed", "Known", "Result"]

Processed = tuple[Article, list[Sentence], list[Event]]


def process_article(article: Article) -> Processed:
    """Clean, split and extract one article.

    article (Article): a read article (raw ``text`` set).
    RETURNS (tuple[Article, list[Sentence], list[Event]]): the cleaned article, its
        sentences and its fused events.
    RAISES (ArticleError): the article is empty, not German, or cannot be processed.
    """
    article = clean_stage.clean(article)
    sentences = split_stage.split_sentences(article.clean_text, article.title)
    return article, sentences, extract_events(article, sentences)


def extract(text: str, *, doc_id: str | None = None, date: str | None = None) -> list[Event]:
    """Events of one German article given as a string.

    text (str): the article text (plain text; a leading ` date YYYY-MM` marker and a
        dpa-style dateline are understood).
    doc_id (str | None): the document id for the records (default "doc").
    date (str | None): the document date, ISO 8601 at any precision, for relative dates.
    RETURNS (list[Event]): the event records.
    RAISES (ArticleError): the text is empty or not German.
    """
    article = Article(doc_id=doc_id or "doc", text=text, date=date)
    return process_article(article)[2]


def process_safely(article: Article) -> Processed | Failure:
    """Process one article; any failure becomes a Failure record (never raises).

    article (Article): a read article.
    RETURNS (Processed | Failure): its result, or why it failed.
    """
    try:
        return process_article(article)
    except ArticleError as err:
        return Failure(doc_id=article.doc_id, stage=err.stage, message=err.message, path=article.path)
    except RecursionError:
        message = "the article is nested too deeply to be processed; split it"
        return Failure(doc_id=article.doc_id, stage="extract", message=message, path=article.path)
    except Exception as err:  # noqa: BLE001 - the runner's policy: record, never stop the run
        message = f"internal error ({type(err).__name__}: {_short(str(err))}); please report this article"
        return Failure(doc_id=article.doc_id, stage="extract", message=message, path=article.path)


def _short(text: str, limit: int = 120) -> str:
    """An exception text cut for a one-line message (never the whole article)."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


@dataclass(frozen=True)
class Known:
    """An article whose raw text is already stored: not processed again."""

    article: Article


Result = Processed | Failure | Known


KnownLookup = Callable[[list[Article]], Collection[str]]


def run(
    items: Iterable[Article | Failure],
    *,
    workers: int = 1,
    known: KnownLookup | None = None,
    batch: int = 8,
) -> Iterator[Result]:
    """Process read articles, in input order, on one or more processes.

    A failing article becomes a Failure; an article whose text hash is among those
    ``known`` returns is passed through as ``Known`` without being processed
    (re-ingesting stored input costs read time only). With ``workers`` > 1 the
    articles are processed by a pool of processes, a bounded number of batches at a
    time (memory does not grow with the input), and the results come back in input
    order, so that a single writer stores exactly what one worker would. A worker
    that dies (killed, out of memory) fails the articles of its batch; the pool is
    started again for the rest.

    items (Iterable[Article | Failure]): what ``read.iter_articles`` yields.
    workers (int): processes; 1 processes in this process.
    known (Callable[[list[Article]], Collection[str]] | None): of a batch of articles,
        the content hashes (``Article.content_hash``) that need not be processed.
    batch (int): articles looked up and sent to a worker together.
    RETURNS (Iterator[Processed | Failure | Known]): per article its result.
    """
    if workers <= 1 and known is None:  # one at a time: nothing is read before it is needed
        for item in items:
            yield process_safely(item) if isinstance(item, Article) else item
        return
    if workers <= 1:
        for chunk in in_batches(items, batch):
            for slot in mark_known(chunk, known):
                yield process_safely(slot) if isinstance(slot, Article) else slot
        return
    yield from _run_pool(items, workers=workers, known=known, batch=batch)


def in_batches(items: Iterable[Article | Failure], size: int) -> Iterator[list[Article | Failure]]:
    """The items in lists of ``size`` (the last may be shorter)."""
    chunk: list[Article | Failure] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def mark_known(chunk: list[Article | Failure], known: KnownLookup | None) -> list[Result | Article]:
    """A chunk with its known articles marked ``Known`` (one look-up for the chunk)."""
    articles = [item for item in chunk if isinstance(item, Article)]
    stored = set(known(articles)) if known is not None and articles else set()
    if not stored:
        return list(chunk)
    return [Known(item) if isinstance(item, Article) and item.content_hash in stored else item for item in chunk]


def _run_pool(items: Iterable[Article | Failure], *, workers: int, known: KnownLookup | None, batch: int) -> Iterator[Result]:
    """``run`` on a process pool: batches in flight, results yielded in input order."""
    pending: deque[_Batch] = deque()
    window = workers * 3
    if _context().get_start_method() == "fork":
        warm_up()  # forked workers share the loaded models instead of each loading them
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context())
    try:
        for chunk in in_batches(items, batch):
            slots = mark_known(chunk, known)
            todo = [slot for slot in slots if isinstance(slot, Article)]
            try:
                future = pool.submit(_process_batch, todo) if todo else None
            except BrokenProcessPool:  # a worker died earlier: start a new pool
                pool.shutdown(wait=False, cancel_futures=True)
                pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context())
                future = pool.submit(_process_batch, todo) if todo else None
            pending.append(_Batch(slots, future))
            while len(pending) >= window:
                yield from pending.popleft().results()
        while pending:
            yield from pending.popleft().results()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@dataclass
class _Batch:
    """Some articles in input order: those passed through at once, the rest on a worker."""

    slots: list[Result | Article]
    future: Future[list[Processed | Failure]] | None

    def results(self) -> Iterator[Result]:
        """The batch's results in input order; a worker that died fails its articles."""
        done: list[Processed | Failure] = []
        if self.future is not None:
            try:
                done = self.future.result()
            except Exception as err:  # noqa: BLE001 - a worker died (killed, out of memory)
                reason = f"the worker process failed ({type(err).__name__}); process the article alone to see why"
                done = [Failure(a.doc_id, "extract", reason, a.path) for a in self.slots if isinstance(a, Article)]
        processed = iter(done)
        for slot in self.slots:
            yield next(processed) if isinstance(slot, Article) else slot


_WARM_UP = "Die Regierung kündigte am Montag an, 300 Soldaten nach Litauen zu verlegen, sagte ein Sprecher."


def warm_up() -> None:
    """Load every model and lexicon the stages use (they load lazily, about a second)."""
    process_safely(Article(doc_id="warm-up", text=_WARM_UP))


def _process_batch(articles: list[Article]) -> list[Processed | Failure]:
    """Worker side: process a batch of articles."""
    return [process_safely(article) for article in articles]


def _context() -> multiprocessing.context.BaseContext:
    """Start workers by fork where the platform has it (cheap: models load once per worker)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")

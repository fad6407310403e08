"""Run extraction and storing on the workers of a Dask cluster.

The driver of ``lagebild ingest PATH --scheduler tcp://HOST:PORT --db URL``. The
client reads the articles as a stream (constant memory), skips those whose text
the store already holds, and sends batches of articles to the cluster, a bounded
number at a time. Each Dask task processes its batch with the same pipeline as a
local run (``pipeline.process_safely``) and writes the results itself, into the
same database: a PostgreSQL server for a real cluster (an SQLite file works when
every worker shares the client's file system, as a ``LocalCluster`` does).

Writes are idempotent: an article whose text is stored already is left as it is
(``Store.add_article`` returns "unchanged"), and recording a failure twice keeps
one row; so a task that Dask retries after a worker died adds nothing twice, and
the stored records are the same as a local run's.

Start a cluster and point Lagebild at it::

    dask scheduler                          # on one machine: prints tcp://HOST:8786
    dask worker tcp://HOST:8786             # on each worker machine (with lagebild installed)
    lagebild ingest corpus/ --scheduler tcp://HOST:8786 --db postgresql+psycopg://user@dbhost/lagebild
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .model import Article, Failure
from .pipeline import Known, KnownLookup, in_batches, mark_known, process_safely

__all__ = ["BatchReport", "ingest_batch", "run_on_cluster"]


@dataclass
class BatchReport:
    """What one task stored: counts, the failures (for the client to print), warnings."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failures: list[Failure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    by_type: Counter[str] = field(default_factory=Counter)
    known: int = 0


_STORES: dict[str, Any] = {}


def _store(url: str) -> Any:
    """The worker process's open store for a database URL (opened once, then reused)."""
    from .store import Store

    if url not in _STORES:
        _STORES[url] = Store(url)
    return _STORES[url]


def ingest_batch(articles: list[Article], url: str) -> BatchReport:
    """Dask task: process a batch of articles and store the results (idempotent).

    articles (list[Article]): read articles.
    url (str): the database URL.
    RETURNS (BatchReport): what was stored.
    """
    store = _store(url)
    report = BatchReport()
    for article in articles:
        result = process_safely(article)
        if isinstance(result, Failure):
            store.add_failure(result)
            report.failures.append(result)
            continue
        done, sentences, events = result
        report.warnings.extend(f"{done.doc_id}: {w}" for w in done.meta.get("warnings") or [])
        status = store.add_article(done, sentences, events)
        if status in ("unchanged", False):
            report.unchanged += 1
            continue
        report.added += status in ("added", True)
        report.replaced += status == "replaced"
        report.by_type.update(e.type for e in events)
    return report


def run_on_cluster(
    items: Iterable[Article | Failure],
    scheduler: str,
    url: str,
    *,
    known: KnownLookup | None = None,
    batch: int = 8,
    window: int | None = None,
    client: Any = None,
) -> Iterator[BatchReport]:
    """Send batches of read articles to a Dask cluster that stores them; yield each batch's report.

    items (Iterable[Article | Failure]): what ``read.iter_articles`` yields (read failures
        are reported at once and not sent).
    scheduler (str): the scheduler address, ``tcp://HOST:PORT``.
    url (str): the database URL the workers write to.
    known (Callable | None): of a batch of articles, the text hashes stored already (not sent).
    batch (int): articles per task. window (int | None): tasks in flight (default: 4 per
        worker thread of the cluster).
    client (distributed.Client | None): an existing client (tests); else one is opened.
    RETURNS (Iterator[BatchReport]): reports as tasks finish.
    """
    from distributed import Client, wait

    own = client is None
    if own:
        client = Client(scheduler, timeout="20s")
    try:
        threads = sum(client.nthreads().values()) or 1
        window = window or 4 * threads
        pending: deque[tuple[Any, list[Article]]] = deque()
        chunk: list[Article] = []
        for group in in_batches(items, batch):
            for slot in mark_known(group, known):
                if isinstance(slot, Failure):
                    yield BatchReport(failures=[slot])
                elif isinstance(slot, Known):
                    yield BatchReport(known=1)
                else:
                    chunk.append(slot)
            if len(chunk) >= batch:
                pending.append((client.submit(ingest_batch, chunk, url, pure=False, retries=2), chunk))
                chunk = []
            if len(pending) >= window:
                wait([future for future, _ in pending], return_when="FIRST_COMPLETED")
                yield from _finished(pending)
        if chunk:
            pending.append((client.submit(ingest_batch, chunk, url, pure=False, retries=2), chunk))
        while pending:
            wait([future for future, _ in pending], return_when="FIRST_COMPLETED")
            yield from _finished(pending)
    finally:
        if own:
            client.close()


def _finished(pending: deque[tuple[Any, list[Article]]]) -> Iterator[BatchReport]:
    """Pop and yield the reports of the tasks that are done (the rest stay pending, in order)."""
    for _ in range(len(pending)):
        future, chunk = pending.popleft()
        if not future.done():
            pending.append((future, chunk))
            continue
        try:
            yield future.result()
        except Exception as err:  # noqa: BLE001 - a task that failed for good fails its articles
            yield failed_batch(chunk, err)


def failed_batch(articles: list[Article], err: BaseException) -> BatchReport:
    """A report for a batch whose task failed for good (all retries): each article fails."""
    reason = f"the cluster task failed ({type(err).__name__}); ingest the article locally to see why"
    return BatchReport(failures=[Failure(a.doc_id, "extract", reason, a.path) for a in articles])


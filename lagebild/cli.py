"""The ``lagebild`` command: extract, ingest, query, show, stories and the force-posture
ledger, evaluate and serve.

Each command opens what it needs, calls one library function per step and
formats the result; user mistakes become one-line messages, never a traceback.
Exit status: 0 everything done; 1 some inputs failed (or an unknown document);
2 wrong usage (an unknown option, a missing path or database file, a bad filter
value); 3 aborted (a database that cannot be opened or written, a full disk, an
interrupt, a bug).

The exports (``events --format``, ``export``) are those of ``lagebild.export``:
the same formats, columns and records as the HTTP API's.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from . import __version__
from .errors import InputError
from .model import Article, Failure

if TYPE_CHECKING:
    from rich.console import Console

    from .store import Store

DEFAULT_DB = "sqlite:///lagebild.db"
FORMATS = ["jsonl", "csv", "table"]
EXPORT_FORMATS = ["table", "csv", "tsv", "json", "jsonl", "parquet", "geojson", "plover"]  # export.FORMATS + table
# Width of a table written to a file or a pipe (a terminal uses its own width).
PIPE_WIDTH = 200
EVIDENCE_CHARS = 90
F = TypeVar("F", bound=Callable[..., Any])


# Exit status: every input stored; some inputs failed; wrong usage; the run was aborted.
EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_ABORTED = 0, 1, 2, 3


class UsageLineError(click.ClickException):
    """A usage error told in one line (missing path or database, bad filter): exit status 2."""

    exit_code = EXIT_USAGE


class Aborted(click.ClickException):
    """The run cannot go on (database unusable, disk full, interrupted, a bug): exit status 3."""

    exit_code = EXIT_ABORTED


class _Group(click.Group):
    """The command group: an interrupt or an unexpected error aborts with status 3 and one line."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise Aborted("interrupted; what was stored before the interrupt is kept.") from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:  # the reader of our output is gone (| head): stop quietly
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_OK)
        except OSError as err:
            raise Aborted(f"{err.strerror or err}{f': {err.filename}' if err.filename else ''}.") from None
        except Exception as err:  # noqa: BLE001 - a bug: one line, not a traceback
            first = " ".join(str(err).split())[:200]
            raise Aborted(f"internal error ({type(err).__name__}: {first}); please report this.") from None


def _err(message: str) -> None:
    """Write one ``lagebild: ...`` line to standard error."""
    click.echo(f"lagebild: {message}", err=True)


def _failure_line(failure: Failure) -> str:
    """One line naming a failed article and why it failed.

    failure (Failure): the failed article.
    RETURNS (str): "skipped <doc> (<path>): <reason>", the path only where the reason lacks it.
    """
    named = not failure.path or failure.path == failure.doc_id or failure.message.startswith(failure.path)
    where = "" if named else f" ({failure.path})"
    return f"skipped {failure.doc_id}{where}: {' '.join(failure.message.split())}"


def input_options(func: F) -> F:
    """Add the PATHS argument and the CSV column options of the commands that read articles."""
    func = click.option("--title-column", default=None, help="CSV column with the title.")(func)
    func = click.option("--date-column", default=None, help="CSV column with the document date.")(func)
    func = click.option("--id-column", default=None, help="CSV column with the document id.")(func)
    func = click.option("--text-column", default=None, help="CSV column with the article text.")(func)
    return click.argument("paths", nargs=-1, required=True)(func)


def db_option(func: F) -> F:
    """Add the ``--db`` option."""
    return click.option("--db", default=DEFAULT_DB, show_default=True,
                        help="Database URL (any SQLAlchemy URL) or SQLite file path.")(func)  # fmt: skip


def _read(
    paths: tuple[str, ...], columns: dict[str, str | None], on_bytes: Callable[[int], None] | None = None
) -> Iterator[Article | Failure]:
    """Check that every path exists, then return the stream of read articles.

    paths (tuple[str, ...]): files, folders, globs or ``-``.
    columns (dict): the ``--*-column`` options.
    on_bytes (Callable | None): progress callback, bytes read.
    RETURNS (Iterator[Article | Failure]): the read documents. Raises UsageLineError at once
        for a missing path, click.UsageError (while reading) for an unknown column.
    """
    from .read import expand_paths, iter_articles

    try:
        expand_paths(list(paths))
    except InputError as err:
        raise UsageLineError(str(err)) from None

    def stream() -> Iterator[Article | Failure]:
        try:
            yield from iter_articles(list(paths), **columns, on_bytes=on_bytes)
        except InputError as err:
            raise click.UsageError(str(err)) from None

    return stream()


def _columns(
    text_column: str | None, id_column: str | None, date_column: str | None, title_column: str | None
) -> dict[str, str | None]:
    """The column options as keyword arguments of ``read.iter_articles``."""
    return {"text_column": text_column, "id_column": id_column, "date_column": date_column,
            "title_column": title_column}  # fmt: skip


def _db_message(err: Exception) -> str:
    """A one-line reason why a database cannot be opened."""
    if isinstance(err, ModuleNotFoundError):
        return f"its Python driver module {err.name!r} is not installed (pip install the driver)"
    original = getattr(err, "orig", None) or err
    first = str(original).strip().splitlines()
    return first[0] if first else type(err).__name__


def _sqlite_file(db: str) -> Path | None:
    """The file of an SQLite database URL or path, or None for other databases and memory."""
    from sqlalchemy.engine import make_url

    from .store import database_url

    try:
        url = make_url(database_url(db))
    except Exception:  # noqa: BLE001 - an unparsable URL is reported by _open_store
        return None
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def _open_store(db: str, *, must_exist: bool = False) -> Store:
    """Open the store, turning every driver error into one clear line.

    db (str): an SQLAlchemy URL or an SQLite file path.
    must_exist (bool): refuse an SQLite file that is not there (query commands), instead
        of creating an empty database; such a store is opened read-only.
    RETURNS (Store): the open store. Raises UsageLineError (exit 2) for a missing SQLite
        file, Aborted (exit 3) when the database cannot be opened.
    """
    from .store import Store

    path = _sqlite_file(db)
    if must_exist and path is not None and not path.is_file():
        raise UsageLineError(f"No database file {str(path)!r}. Create it with: lagebild ingest PATHS --db {db}")
    try:
        return Store(db, readonly=must_exist)
    except Exception as err:  # noqa: BLE001 - any driver error becomes one clear line
        raise Aborted(
            f"cannot open database {db!r}: {_db_message(err)}. "
            "Give an SQLAlchemy URL (sqlite:///file.db, postgresql://...) or an SQLite file path."
        ) from None


def _bad_filter(err: ValueError) -> UsageLineError:
    """A store filter error as a usage error naming the command-line option."""
    param = getattr(err, "param", None)
    message = str(err)
    if param:
        message = message.replace(f"'{param}'", f"'--{param}'", 1)
    return UsageLineError(message)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lagebild")
def main() -> None:
    """Lagebild: German news articles in, sourced event records out.

    \b
    Example:
      lagebild extract examples/seeds --format table
    """


def _workers_option(func: F) -> F:
    """Add the ``--workers`` option (processes; default: every core)."""
    return click.option("--workers", "-j", type=click.IntRange(min=1, max=256), default=None,
                        help="Processes extracting at once (default: the number of cores).")(func)  # fmt: skip


def _default_workers(workers: int | None) -> int:
    """The worker count: as given, else the cores this process may use."""
    if workers:
        return workers
    try:
        import os

        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        import os

        return max(1, os.cpu_count() or 1)


@main.command()
@input_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True, help="Output format.")
@_workers_option
def extract(
    paths: tuple[str, ...], text_column: str | None, id_column: str | None, date_column: str | None,
    title_column: str | None, fmt: str, workers: int | None,
) -> None:  # fmt: skip
    """Extract event records from articles and print them (no database).

    PATHS are text, CSV, JSONL, HTML or feed files, folders, globs, or - for stdin.
    Exit status 1 when an article failed (each failure is named on stderr).

    \b
    Example:
      lagebild extract examples/seeds --format jsonl > events.jsonl
    """
    from .pipeline import run

    items = _read(paths, _columns(text_column, id_column, date_column, title_column))
    table: list[dict[str, Any]] = []  # a table is laid out at the end; JSONL and CSV stream
    rows = _csv_writer() if fmt == "csv" else None
    failed = 0
    for result in run(items, workers=_default_workers(workers)):
        if isinstance(result, Failure):
            failed += 1
            _err(_failure_line(result))
            continue
        article, _, found = result  # type: ignore[misc]
        _warnings(article)
        for event in found:
            record = event.to_record()
            if fmt == "jsonl":
                click.echo(json.dumps(record, ensure_ascii=False))
            elif rows is not None:
                rows(record)
            else:
                table.append(record)
    if fmt == "table":
        _print_table(table)
    if failed:
        sys.exit(EXIT_PARTIAL)


def _warnings(article: Article, console: Console | None = None) -> int:
    """Print an article's reader warnings (renamed id, dropped date) on stderr; their number."""
    found = article.meta.get("warnings") or []
    for warning in found:
        line = f"lagebild: warning: {article.doc_id}: {warning}"
        if console is not None:
            console.print(line, markup=False)
        else:
            _err(line.removeprefix("lagebild: "))
    return len(found)


@main.command()
@input_options
@db_option
@_workers_option
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Extract on the workers of a running Dask cluster; they write to --db (a PostgreSQL URL).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def ingest(
    paths: tuple[str, ...], text_column: str | None, id_column: str | None, date_column: str | None,
    title_column: str | None, db: str, workers: int | None, scheduler: str | None, quiet: bool,
) -> None:  # fmt: skip
    """Store articles and their events in the database.

    Articles are read, extracted and stored as a stream (memory does not grow with
    the input), on every core by default; the results are the same as with one
    worker. Ingesting the same article again adds nothing and costs read time only.
    Failed articles are named on stderr and recorded in the failures table.

    With --scheduler, extraction runs on a Dask cluster (dask scheduler; dask worker
    tcp://HOST:8786 on each machine) whose workers write to --db themselves.

    \b
    Exit status: 0 all stored, 1 some inputs failed, 2 usage error, 3 aborted.

    \b
    Examples:
      lagebild ingest ../shared/corpus/gnad_test_dev.csv --db lagebild.db
      lagebild ingest corpus/ --scheduler tcp://10.0.0.5:8786 --db postgresql+psycopg://me@dbhost/lagebild
    """
    from rich.console import Console

    columns = _columns(text_column, id_column, date_column, title_column)
    total = _input_bytes(paths)
    store = _open_store(db)
    console = Console(stderr=True, soft_wrap=True, highlight=False)
    if scheduler is not None:
        _check_cluster_db(store)
    try:
        if scheduler is None:
            tally = _ingest(store, paths, columns, console, workers=_default_workers(workers),
                            total=total, progress=not quiet)  # fmt: skip
        else:
            tally = _ingest_cluster(store, paths, columns, console, scheduler=scheduler)
    finally:
        store.close()
    summary = ", ".join(f"{t} {n}" for t, n in sorted(tally.by_type.items())) or "none"
    replaced = f", {tally.replaced} replaced" if tally.replaced else ""
    click.echo(
        f"articles: {tally.read} read, {tally.added} added{replaced}, {tally.known} already stored, "
        f"{tally.failed} failed"
        + (f"; {tally.warned} with warnings (named above)" if tally.warned else "")
        + f"\nevents added: {sum(tally.by_type.values())} ({summary})\n"
        f"database: {db}"
    )
    if tally.failed:
        sys.exit(EXIT_PARTIAL)


def _stored(store: Store) -> Callable[[list[Article]], set[str]]:
    """The look-up of which of a batch of articles the store holds already (by text hash)."""
    return lambda articles: store.stored_hashes([a.content_hash for a in articles])


def _check_cluster_db(store: Store) -> None:
    """Refuse a database the cluster's workers cannot share (an in-memory SQLite)."""
    if store.url.startswith("sqlite") and (":memory:" in store.url or store.url.rstrip("/") == "sqlite:"):
        raise UsageLineError("--scheduler needs a database the workers can reach: a PostgreSQL URL "
                             "(postgresql+psycopg://user@host/db), or an SQLite file on a shared file system.")


def _ingest_cluster(
    store: Store, paths: tuple[str, ...], columns: dict[str, str | None], console: Console, *, scheduler: str
) -> _Tally:
    """Ingest on a Dask cluster whose workers write to the store; tally their reports."""
    from .cluster import run_on_cluster

    try:
        import distributed  # noqa: F401 - checked here for a clear message
    except ModuleNotFoundError:
        raise UsageLineError("--scheduler needs Dask: pip install 'lagebild[cluster]' (on the workers too).") from None
    tally = _Tally()
    items = _read(paths, columns)
    try:
        for report in run_on_cluster(items, scheduler, store.url, known=_stored(store)):
            for failure in report.failures:
                console.print(f"lagebild: {_failure_line(failure)}", markup=False)
            for warning in report.warnings:
                console.print(f"lagebild: warning: {warning}", markup=False)
            tally.failed += len(report.failures)
            tally.known += report.known + report.unchanged
            tally.added += report.added
            tally.replaced += report.replaced
            tally.by_type.update(report.by_type)
            tally.read += len(report.failures) + report.known + report.unchanged + report.added + report.replaced
    except OSError as err:  # the scheduler cannot be reached (distributed raises OSError subclasses)
        raise Aborted(f"cannot reach the Dask scheduler {scheduler!r}: {err}. Start one with: dask scheduler") from None
    return tally


def _input_bytes(paths: tuple[str, ...]) -> int | None:
    """The total size of the input files (None when stdin is among them), for progress."""
    from .read import STDIN, expand_paths

    try:
        files = expand_paths(list(paths))
    except InputError as err:
        raise UsageLineError(str(err)) from None
    total = 0
    for path in files:
        if path == STDIN:
            return None
        try:
            total += Path(path).stat().st_size
        except OSError:
            continue
    return total


@dataclass
class _Tally:
    """What an ingest run did."""

    read: int = 0
    added: int = 0
    replaced: int = 0
    known: int = 0
    failed: int = 0
    warned: int = 0
    by_type: Counter[str] = field(default_factory=Counter)


def _ingest(
    store: Store, paths: tuple[str, ...], columns: dict[str, str | None], console: Console, *,
    workers: int, total: int | None, progress: bool,
) -> _Tally:  # fmt: skip
    """Read, process and store articles as a stream, naming each failure on the console.

    store (Store): the open store. paths, columns: the inputs and column options.
    console (Console): standard error. workers (int): processes.
    total (int | None): input bytes, for the progress bar (None: unknown).
    progress (bool): show a bar (on a terminal).
    RETURNS (_Tally): what was read, added, already stored and failed.
    """
    from rich.progress import (BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn,
                               TimeRemainingColumn, TransferSpeedColumn)  # fmt: skip
    from .pipeline import Known, run

    tally = _Tally()
    pending: list[Any] = []
    since = time.monotonic()
    show = progress and console.is_terminal
    with Progress(
        TextColumn("ingesting {task.fields[articles]} articles"), BarColumn(), DownloadColumn(),
        TransferSpeedColumn(), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
        console=console, disable=not show, transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task("ingest", total=total, articles=0)
        items = _read(paths, columns, on_bytes=lambda n: bar.advance(task, n))
        try:
            for result in run(items, workers=workers, known=_stored(store)):
                tally.read += 1
                bar.update(task, articles=tally.read)
                if isinstance(result, Failure):
                    tally.failed += 1
                    store.add_failure(result)
                    bar.console.print(f"lagebild: {_failure_line(result)}", markup=False)
                    continue
                if isinstance(result, Known):
                    tally.known += 1
                    continue
                tally.warned += bool(_warnings(result[0], bar.console))
                pending.append(result)
                if len(pending) >= WRITE_BATCH or time.monotonic() - since > WRITE_SECONDS:
                    _write(store, pending, tally, bar.console)
                    since = time.monotonic()
        except KeyboardInterrupt:
            _write(store, pending, tally, bar.console)  # keep what was processed before the interrupt
            raise
        _write(store, pending, tally, bar.console)
    return tally


# Processed articles are stored in batches: one transaction per batch, written at least every second.
WRITE_BATCH = 32
WRITE_SECONDS = 1.0


def _write(store: Store, pending: list[Any], tally: _Tally, console: Console) -> None:
    """Store the pending processed articles in one transaction and count what happened."""
    from sqlalchemy.exc import SQLAlchemyError

    if not pending:
        return
    try:
        statuses = store.add_articles(pending)
    except SQLAlchemyError as err:
        raise Aborted(f"cannot write to the database: {_db_message(err)}") from None
    for (article, _, found), status in zip(pending, statuses):
        if status == "unchanged":
            tally.known += 1
            continue
        tally.added += status == "added"
        tally.replaced += status == "replaced"
        tally.by_type.update(e.type for e in found)
        if status == "replaced":
            console.print(f"lagebild: warning: {article.doc_id}: replaces a stored article of the same id "
                          "with a different text", markup=False)  # fmt: skip
    pending.clear()


def _query_text(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A query option or argument, refused as a usage error when it is not valid text (bytes not UTF-8)."""
    if value is not None and any("\ud800" <= ch <= "\udfff" for ch in value):
        shown = value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        raise click.BadParameter(f"'{shown[:100]}' is not valid UTF-8 text.")
    return value


def filter_options(func: F) -> F:
    """The event filters shared by ``events`` and ``export``."""
    options = [
        click.option("--type", "etype", default=None, callback=_query_text,
                     help="Event type(s), comma-separated (MOBILIZE,AID)."),
        click.option("--actor", default=None, callback=_query_text,
                     help="Actor code(s), comma-separated, e.g. USA or NATO."),
        click.option("--target", default=None, callback=_query_text,
                     help="Target code(s), comma-separated, e.g. LTU."),
        click.option("--since", default=None, callback=_query_text, help="Earliest date, YYYY[-MM[-DD]]."),
        click.option("--until", default=None, callback=_query_text, help="Latest date, YYYY[-MM[-DD]]."),
        click.option("--doc", default=None, callback=_query_text, help="Only events of this document id."),
        click.option("--query", "query", default=None, callback=_query_text,
                     help="Words the evidence contains (all of them, any case)."),
        click.option("--status", default=None, callback=_query_text,
                     help="Status(es): announced, planned, underway, arrived, completed, denied."),
        click.option("--posture", default=None, callback=_query_text,
                     help="Posture(s): permanent, rotational, temporary."),
        click.option("--factuality", default=None, callback=_query_text,
                     help="Factuality: asserted, negated, hypothetical."),
        click.option("--country", default=None, callback=_query_text,
                     help="Code(s) in either role, actor or target, e.g. USA."),
        click.option("--place", default=None, callback=_query_text, help="Place name(s), e.g. Vilnius."),
        click.option("--has-number/--no-number", "has_number", default=None,
                     help="Only events with (without) a quantity."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@main.command()
@db_option
@filter_options
@click.option("--limit", default=1000, show_default=True, type=click.IntRange(min=1, max=1_000_000_000),
              help="At most this many events.")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="table", show_default=True,
              help="Output format (parquet only into a file: --output or a redirect).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file instead of standard output.")
def events(
    db: str, etype: str | None, actor: str | None, target: str | None, since: str | None,
    until: str | None, doc: str | None, query: str | None, limit: int, fmt: str, output: str | None,
    **more: Any,
) -> None:  # fmt: skip
    """Query stored events (all filters combine; dates match by overlap).

    \b
    Example:
      lagebild events --type MOBILIZE --actor USA --since 2022-02 --format table
    """
    filters = {"type": etype, "actor": actor, "target": target, "since": since, "until": until, "doc": doc,
               "q": query, **more}
    if fmt != "table":
        shown = _export(db, filters, fmt, output, limit=limit)
    else:
        store = _open_store(db, must_exist=True)
        try:
            rows = store.events(**filters, limit=limit)
        except ValueError as err:
            raise _bad_filter(err) from None
        finally:
            store.close()
        _print_table(rows)
        shown = len(rows)
    if shown == limit:
        _err(f"showing the first {limit} events; raise --limit to see more (or use lagebild export).")


@main.command()
@db_option
@filter_options
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS[1:]), default="csv", show_default=True,
              help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file instead of standard output (needed for parquet on a terminal).")
def export(
    db: str, etype: str | None, actor: str | None, target: str | None, since: str | None,
    until: str | None, doc: str | None, query: str | None, fmt: str, output: str | None,
    **more: Any,
) -> None:  # fmt: skip
    """Export every matching event, streamed in constant memory.

    Formats: csv and tsv (one flat row per event, with the article's title, outlet,
    date and URL), json, jsonl (EVENTS.md records), parquet (typed columns), geojson
    (the events with coordinates, as Points) and plover (PLOVER's JSON fields, one
    record per line).

    \b
    Examples:
      lagebild export --format parquet -o events.parquet
      lagebild export --type MOBILIZE,RETREAT --actor USA --format geojson > usa.geojson
    """
    filters = {"type": etype, "actor": actor, "target": target, "since": since, "until": until, "doc": doc,
               "q": query, **more}
    n = _export(db, filters, fmt, output)
    _err(f"{n} events exported" + (f" to {output}" if output else ""))


def _export(db: str, filters: dict[str, Any], fmt: str, output: str | None, *, limit: int | None = None) -> int:
    """Stream the matching events in ``fmt`` to ``output`` (or stdout); the number written."""
    import itertools

    from .export import BINARY_FORMATS, chunks

    if fmt in BINARY_FORMATS and output is None and sys.stdout.isatty():
        raise UsageLineError(f"{fmt} is a binary format: write it to a file with --output FILE or a redirect.")
    store = _open_store(db, must_exist=True)
    try:
        try:
            store.events(**filters, limit=0)  # the filters are checked before anything is written
        except ValueError as err:
            raise _bad_filter(err) from None
        count = 0

        def counted() -> Iterator[dict[str, Any]]:
            nonlocal count
            for record in itertools.islice(store.iter_events(**filters), limit):
                count += 1
                yield record

        try:
            target = open(output, "wb") if output else None  # noqa: SIM115 - closed below
        except OSError as err:
            raise UsageLineError(f"cannot write {output}: {err.strerror}.") from None
        sink = target or sys.stdout.buffer
        done = False
        try:
            for chunk in chunks(counted(), fmt):
                sink.write(chunk)
            sink.flush()
            done = True
        finally:
            if target is not None:
                target.close()
                if not done:  # an interrupted export leaves no half-written file behind
                    Path(output).unlink(missing_ok=True)  # type: ignore[arg-type]
    finally:
        store.close()
    return count


def _csv_writer() -> Callable[[dict[str, Any]], None]:
    """Write the CSV header to stdout now; return a function that writes one record's row
    (the cells of ``lagebild export``'s CSV, one line end per row)."""
    from .export import FLAT_COLUMNS, delimited_row

    writer = csv.DictWriter(sys.stdout, fieldnames=FLAT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    return lambda record: writer.writerow(delimited_row(record))


def _party_cell(party: dict[str, Any] | None, key: str = "code") -> str:
    """The code (actors) or comma-joined codes (targets) of a record's party."""
    if not party:
        return ""
    if key == "codes":
        return ",".join(party.get("codes") or [])
    return party.get("code") or ""


def _quantity_cell(quantity: dict[str, Any] | None) -> str:
    """A quantity as "400 soldiers" ("?" for an unknown value)."""
    if not quantity:
        return ""
    value = quantity.get("value")
    return f"{'?' if value is None else value} {quantity.get('unit') or ''}".strip()


def _console() -> Console:
    """A console for standard output: the terminal's width, or a wide one for files and pipes."""
    from rich.console import Console

    console = Console(highlight=False)
    if not console.is_terminal:
        console = Console(highlight=False, width=PIPE_WIDTH)
    return console


def _print_table(records: list[dict[str, Any]]) -> None:
    """Print event records as a table: full document ids, codes, first evidence sentence."""
    from rich.table import Table

    table = Table(header_style="bold")
    doc_width = min(40, max((len(str(r.get("doc", ""))) for r in records), default=3))
    table.add_column("doc", no_wrap=True, min_width=doc_width)
    for col in ("type", "actor", "target", "quantity", "status", "date", "fact."):
        table.add_column(col, no_wrap=True, overflow="ellipsis")
    table.add_column("evidence", overflow="fold", ratio=1, min_width=30)
    for r in records:
        evidence = (r.get("evidence") or [""])[0]
        table.add_row(
            str(r.get("doc", "")), r.get("type", ""), _party_cell(r.get("actor")),
            _party_cell(r.get("target"), "codes"), _quantity_cell(r.get("quantity")), r.get("status") or "",
            (r.get("date") or {}).get("value") or "", r.get("factuality") or "",
            evidence[:EVIDENCE_CHARS] + ("…" if len(evidence) > EVIDENCE_CHARS else ""),
        )  # fmt: skip
    _console().print(table)
    click.echo(f"{len(records)} events")


@main.command()
@click.argument("doc_id", callback=_query_text)
@db_option
def show(doc_id: str, db: str) -> None:
    """Show one stored article with its evidence sentences highlighted and its events.

    \b
    Example:
      lagebild show 000_82da7f612d3910dc
    """
    from rich.text import Text

    store = _open_store(db, must_exist=True)
    try:
        art = store.article(doc_id)
    finally:
        store.close()
    if art is None:
        raise click.ClickException(f"no article {doc_id!r} in {db}. List stored ids with: lagebild events --db {db}")
    console = _console()
    console.print(Text(art.get("title") or doc_id, style="bold underline"))
    meta = " · ".join(str(x) for x in (doc_id, art.get("date"), art.get("source"), art.get("path")) if x)
    console.print(Text(meta, style="dim"))
    text = Text(art["clean_text"])
    for event in art.get("events", []):
        for start, end in event.get("evidence_offsets") or []:
            text.stylize("bold yellow", start, end)
    console.print(text)
    console.print()
    _print_table(art.get("events", []))


LEDGER_GROUPS = ("deployments", "withdrawals", "presence", "aid", "received")
STORY_FORMATS = ["table", "csv", "json", "jsonl"]


def _numbers_text(story: dict[str, Any]) -> str:
    """A story's numbers side by side; a range with "reports disagree" when they differ."""
    from .export import number_cell

    cells = [number_cell(n) for n in story["numbers"]]
    if story["numbers_disagree"]:
        low, high = story["number_range"]
        return f"{low}–{high}, reports disagree: " + "; ".join(cells)
    return "; ".join(cells)


def _print_stories(groups: dict[str, list[dict[str, Any]]]) -> None:
    """Print stories (per group) as tables: what, where to, status progression, numbers, reports."""
    from rich.table import Table

    console = _console()
    for group, stories in groups.items():
        table = Table(title=f"{group} ({len(stories)})" if group else None, header_style="bold", title_justify="left")
        for col in ("story", "type", "actor", "to", "when", "status", "numbers", "reports"):
            table.add_column(col, overflow="fold")
        table.add_column("evidence", overflow="fold", ratio=1, min_width=30)
        for s in stories:
            when = s["date"]["start"] or "undated"
            if s["date"]["end"] and s["date"]["end"] != s["date"]["start"]:
                when += f" … {s['date']['end']}"
            reports = f"{s['reports']} in {s['articles']} art." + (f" ({', '.join(s['outlets'])})" if s["outlets"] else "")
            evidence = next((e["evidence"][0] for e in s["events"] if e.get("evidence")), "")
            table.add_row(str(s["id"]), s["type"], s["actor"]["code"] or "", ",".join(s["targets"]), when,
                          " → ".join(x["status"] for x in s["statuses"]), _numbers_text(s), reports,
                          evidence[:EVIDENCE_CHARS] + ("…" if len(evidence) > EVIDENCE_CHARS else ""))
        console.print(table)


def _print_grouped(groups: dict[str, list[dict[str, Any]]], fmt: str, whole: Any) -> None:
    """Stories in groups, in ``fmt``: table, csv (one row per story), json (``whole``), jsonl."""
    from .export import story_csv, story_row

    if fmt == "table":
        _print_stories(groups)
    elif fmt == "csv":
        sys.stdout.write(story_csv(story_row(s, g) for g, stories in groups.items() for s in stories))
    elif fmt == "json":
        click.echo(json.dumps(whole, ensure_ascii=False, indent=2))
    else:
        for group, stories in groups.items():
            for s in stories:
                click.echo(json.dumps({"group": group, **s} if group else s, ensure_ascii=False))


@main.command()
@db_option
@filter_options
@click.option("--min-reports", default=1, show_default=True, type=click.IntRange(min=1),
              help="Only stories with at least this many reports (2: reported more than once).")
@click.option("--sort", type=click.Choice(["reports", "date", "id"]), default="reports", show_default=True,
              help="Most reports first, latest date first, or newest story first.")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(min=1, max=1_000_000),
              help="At most this many stories.")
@click.option("--format", "fmt", type=click.Choice(STORY_FORMATS), default="table", show_default=True,
              help="Output format (csv: one row per story).")
def stories(
    db: str, etype: str | None, actor: str | None, target: str | None, since: str | None,
    until: str | None, doc: str | None, query: str | None, min_reports: int, sort: str, limit: int, fmt: str,
    **more: Any,
) -> None:  # fmt: skip
    """List stories: the reports of one real-world event across articles, with their numbers
    side by side (a story matches when one of its records matches the filters).

    \b
    Example:
      lagebild stories --actor USA --type MOBILIZE --min-reports 2
    """
    filters = {"type": etype, "actor": actor, "target": target, "since": since, "until": until, "doc": doc,
               "q": query, **more}
    store = _open_store(db, must_exist=True)
    try:
        found = store.stories(**filters, min_reports=min_reports, sort=sort, limit=limit)
        total = store.count_stories(**filters, min_reports=min_reports)
    except ValueError as err:
        raise _bad_filter(err) from None
    finally:
        store.close()
    _print_grouped({"": found}, fmt, found)
    if fmt == "table":
        click.echo(f"{len(found)} of {total} stories")
    elif total > len(found):
        _err(f"showing {len(found)} of {total} stories; raise --limit to see more.")


@main.command()
@click.argument("code", callback=_query_text)
@click.option("--to", "to", default=None, callback=_query_text, help="Only entries with this destination code, e.g. POL.")
@db_option
@click.option("--format", "fmt", type=click.Choice(STORY_FORMATS), default="table", show_default=True,
              help="Output format (csv: one row per entry, with its group).")
def posture(code: str, to: str | None, db: str, fmt: str) -> None:
    """The force-posture ledger of a country: deployments, withdrawals, standing presence and
    military aid over time, one entry per story, numbers of different reports side by side.

    \b
    Examples:
      lagebild posture USA
      lagebild posture USA --to POL --format csv
    """
    store = _open_store(db, must_exist=True)
    try:
        ledger = store.ledger(code, to=to)
    except ValueError as err:
        if getattr(err, "param", None) == "code":  # the argument, not an option
            raise UsageLineError(str(err).replace("'code'", "CODE", 1)) from None
        raise _bad_filter(err) from None
    finally:
        store.close()
    if ledger is None:
        raise UsageLineError(f"unknown code {code!r}: give a state (ISO 3166-1 alpha-3, e.g. USA) or an "
                             "organisation code (e.g. NATO).")
    groups = {group: ledger[group] for group in LEDGER_GROUPS if not (fmt == "table" and not ledger[group])}
    _print_grouped(groups, fmt, ledger)
    if fmt == "table" and not groups:
        click.echo(f"no force-posture records of {ledger['code']}" + (f" to {ledger['to']}" if ledger["to"] else ""))


@main.command()
@db_option
@click.option("--rebuild", is_flag=True, help="Forget all stories and link every record afresh.")
def link(db: str, rebuild: bool) -> None:
    """Link stored records into stories (ingest does this itself; use it after upgrading a
    database from an older version, or with --rebuild after changing the linking).

    \b
    Example:
      lagebild link --db lagebild.db --rebuild
    """
    store = _open_store(db)
    try:
        n = store.link_stories(rebuild=rebuild)
    finally:
        store.close()
    click.echo(f"{n} records linked")


@main.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@input_options
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def eval_(
    gold: str, paths: tuple[str, ...], text_column: str | None, id_column: str | None,
    date_column: str | None, title_column: str | None, as_json: bool,
) -> None:  # fmt: skip
    """Extract PATHS and score the records against GOLD (precision, recall, F1).

    The figures are those of the reference scorer (score_events.py), followed by
    the error categories: missed gold records with no record on their sentence,
    of the wrong type, with the wrong actor or the wrong target, and false
    records on sentences with and without a gold event. Exit status
    1 when an article failed (its gold records then count as missed).

    \b
    Example:
      lagebild eval examples/gold.jsonl examples/seeds
    """
    from .pipeline import run
    from .score import errors, format_errors, format_report, group_records, load, score

    try:
        gold_records = load(gold)
    except ValueError as err:
        raise click.ClickException(str(err)) from None
    system: list[dict[str, Any]] = []
    failed = 0
    for result in run(_read(paths, _columns(text_column, id_column, date_column, title_column))):
        if isinstance(result, Failure):
            failed += 1
            _err(_failure_line(result))
            continue
        system.extend(e.to_record() for e in result[2])
    grouped = group_records(system)
    figures = score(gold_records, grouped)
    figures["errors"] = errors(gold_records, grouped)
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False))
    else:
        click.echo(format_report(figures))
        click.echo(format_errors(figures["errors"]))
    if failed:
        sys.exit(1)


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind (only localhost by default).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--token", default=None, envvar="LAGEBILD_TOKEN",
              help="Enable POST /api/articles with this bearer token.")
@click.option("--cors", "cors", multiple=True, metavar="ORIGIN",
              help="Let web pages from this origin call the API (CORS), e.g. https://intranet.example; repeatable. "
                   "Off by default.")
def serve(db: str, host: str, port: int, token: str | None, cors: tuple[str, ...]) -> None:
    """Serve the HTTP API and the web dashboard (on 127.0.0.1 unless --host says otherwise).

    \b
    Example:
      lagebild serve --db lagebild.db   # then open http://127.0.0.1:8000/
    """
    import uvicorn

    from .web.app import create_app

    _open_store(db).close()
    click.echo(f"Lagebild dashboard: http://{host}:{port}/  (API docs: http://{host}:{port}/docs)")
    for origin in cors:
        if origin != "*" and not re.fullmatch(r"https?://[^/\s]+", origin):
            raise UsageLineError(f"--cors {origin!r} is not an origin: give scheme and host, e.g. https://example.org")
    uvicorn.run(create_app(db, token=token, cors=cors), host=host, port=port, log_level="warning")


if __name__ == "__main__":  # pragma: no cover
    main()

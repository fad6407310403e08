"""The ``lagebild`` command: extract, ingest, query, show, evaluate and serve.

Each command opens what it needs, calls one library function per step and
formats the result; user mistakes become one-line messages with exit code 2
(wrong usage) or 1 (some articles failed), never a traceback.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

import click

from . import __version__
from .errors import InputError
from .model import Article, Failure

DEFAULT_DB = "sqlite:///lagebild.db"
FORMATS = ["jsonl", "csv", "table"]
# Text cells starting like a spreadsheet formula get a leading ' (as in the HTTP export).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Width of a table written to a file or a pipe (a terminal uses its own width).
PIPE_WIDTH = 200


class PathUsageError(click.ClickException):
    """A missing input path or database file: one line, exit status 2 (a usage error)."""

    exit_code = 2


def _err(message: str) -> None:
    """Write one ``lagebild: ...`` line to standard error."""
    click.echo(f"lagebild: {message}", err=True)


def _failure_line(failure: Failure) -> str:
    """One line naming a failed article and why it failed.

    failure (Failure): the failed article.
    RETURNS (str): "skipped <doc> (<path>): <reason>" (the path only where the reason lacks it).
    """
    named = not failure.path or failure.path == failure.doc_id or failure.message.startswith(failure.path)
    where = "" if named else f" ({failure.path})"
    return f"skipped {failure.doc_id}{where}: {failure.message}"


def input_options(func):
    """Options shared by the commands that read articles."""
    func = click.option("--title-column", default=None, help="CSV column with the title.")(func)
    func = click.option("--date-column", default=None, help="CSV column with the document date.")(func)
    func = click.option("--id-column", default=None, help="CSV column with the document id.")(func)
    func = click.option("--text-column", default=None, help="CSV column with the article text.")(func)
    return click.argument("paths", nargs=-1, required=True)(func)


def _read(paths: tuple[str, ...], columns: dict[str, str | None]) -> Iterator[Article | Failure]:
    from .read import expand_paths, iter_articles

    try:
        expand_paths(list(paths))
    except InputError as err:
        raise PathUsageError(str(err)) from None
    try:
        yield from iter_articles(list(paths), **columns)
    except InputError as err:
        raise click.UsageError(str(err)) from None


def _columns(text_column, id_column, date_column, title_column) -> dict[str, str | None]:
    return {"text_column": text_column, "id_column": id_column, "date_column": date_column, "title_column": title_column}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lagebild")
def main() -> None:
    """Lagebild: German news articles in, sourced event records out.

    \b
    Example:
      lagebild extract examples/seeds --format table
    """


@main.command()
@input_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True, help="Output format.")
def extract(paths, text_column, id_column, date_column, title_column, fmt) -> None:
    """Extract event records from articles and print them (no database).

    PATHS are text, CSV, JSONL or HTML files, folders, globs, or - for stdin.

    \b
    Example:
      lagebild extract examples/seeds --format jsonl > events.jsonl
    """
    from .pipeline import run

    records: list[dict[str, Any]] = []
    failed = 0
    for result in run(_read(paths, _columns(text_column, id_column, date_column, title_column))):
        if isinstance(result, Failure):
            failed += 1
            _err(_failure_line(result))
            continue
        for event in result[2]:
            record = event.to_record()
            if fmt == "jsonl":
                click.echo(json.dumps(record, ensure_ascii=False))
            else:
                records.append(record)
    if fmt == "csv":
        from .export import to_csv

        click.echo(to_csv(records), nl=False)
    elif fmt == "table":
        _print_table(records)
    if failed:
        sys.exit(1)


@main.command()
@input_options
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Database URL or SQLite file path.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def ingest(paths, text_column, id_column, date_column, title_column, db, quiet) -> None:
    """Store articles and their events in the database.

    Ingesting the same article again adds nothing.

    \b
    Example:
      lagebild ingest ../shared/corpus/gnad_test_dev.csv --db lagebild.db
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .pipeline import run

    store = _open_store(db)
    items = list(_read(paths, _columns(text_column, id_column, date_column, title_column)))
    added = skipped = 0
    failures: list[Failure] = []
    by_type: Counter[str] = Counter()
    console = Console(stderr=True)
    show = not quiet and len(items) > 20
    with Progress(
        TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, disable=not show, transient=True,
    ) as progress:  # fmt: skip
        task = progress.add_task("ingest", total=len(items))
        for result in run(items):
            progress.advance(task)
            if isinstance(result, Failure):
                failures.append(result)
                store.add_failure(result)
                progress.console.print(f"lagebild: {_failure_line(result)}", markup=False, highlight=False)
                continue
            article, sentences, events = result
            if store.add_article(article, sentences, events):
                added += 1
                by_type.update(e.type for e in events)
            else:
                skipped += 1
    summary = ", ".join(f"{t} {n}" for t, n in sorted(by_type.items())) or "none"
    click.echo(
        f"articles: {len(items)} read, {added} added, {skipped} already stored, {len(failures)} failed\n"
        f"events added: {sum(by_type.values())} ({summary})\n"
        f"database: {db}"
    )
    store.close()
    if failures:
        sys.exit(1)


def _open_store(db: str):
    from .store import Store

    try:
        return Store(db)
    except Exception as err:  # noqa: BLE001 - any driver error becomes one clear line
        raise click.ClickException(f"cannot open database {db!r}: {err}. Give a SQLAlchemy URL or a file path.") from None


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Database URL or SQLite file path.")
@click.option("--type", "etype", default=None, help="Event type(s), comma-separated (MOBILIZE,AID).")
@click.option("--actor", default=None, help="Actor code(s), e.g. USA or NATO.")
@click.option("--target", default=None, help="Target code(s), e.g. LTU.")
@click.option("--since", default=None, help="Earliest date, YYYY[-MM[-DD]].")
@click.option("--until", default=None, help="Latest date, YYYY[-MM[-DD]].")
@click.option("--doc", default=None, help="Only events of this document id.")
@click.option("--limit", default=1000, show_default=True, type=click.IntRange(min=1), help="At most this many events.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def events(db, etype, actor, target, since, until, doc, limit, fmt) -> None:
    """Query stored events.

    \b
    Example:
      lagebild events --type MOBILIZE --actor USA --since 2022-02 --format table
    """
    store = _open_store(db)
    try:
        rows = store.events(type=etype, actor=actor, target=target, since=since, until=until, doc=doc, limit=limit)
    except ValueError as err:
        raise click.UsageError(str(err)) from None
    finally:
        store.close()
    if fmt == "jsonl":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))
    elif fmt == "csv":
        from .export import to_csv

        click.echo(to_csv(rows), nl=False)
    else:
        _print_table(rows)


def _cell_party(party: dict | None, key: str = "code") -> str:
    if not party:
        return ""
    if key == "codes":
        return ",".join(party.get("codes") or [])
    return party.get("code") or ""


def _print_table(records: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    for col in ("doc", "type", "actor", "target", "quantity", "status", "date", "fact.", "evidence"):
        table.add_column(col, overflow="fold")
    for r in records:
        q = r.get("quantity") or {}
        qty = f"{q.get('value') if q.get('value') is not None else '?'} {q.get('unit') or ''}".strip() if q else ""
        evidence = (r.get("evidence") or [""])[0]
        table.add_row(
            str(r.get("doc", ""))[:16], r.get("type", ""), _cell_party(r.get("actor")),
            _cell_party(r.get("target"), "codes"), qty, r.get("status") or "",
            ((r.get("date") or {}).get("value") or ""), r.get("factuality") or "",
            evidence[:90] + ("…" if len(evidence) > 90 else ""),
        )  # fmt: skip
    Console().print(table)
    click.echo(f"{len(records)} events")


@main.command()
@click.argument("doc_id")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Database URL or SQLite file path.")
def show(doc_id, db) -> None:
    """Show one stored article with its evidence sentences highlighted and its events.

    \b
    Example:
      lagebild show 000_82da7f612d3910dc
    """
    from rich.console import Console
    from rich.text import Text

    store = _open_store(db)
    art = store.article(doc_id)
    store.close()
    if art is None:
        raise click.ClickException(f"no article {doc_id!r} in {db}. List stored ids with: lagebild events --db {db}")
    console = Console()
    console.print(Text(art.get("title") or doc_id, style="bold underline"))
    meta = " · ".join(str(x) for x in (art.get("date"), art.get("source"), art.get("path")) if x)
    if meta:
        console.print(Text(meta, style="dim"))
    text = Text(art["clean_text"])
    for event in art.get("events", []):
        for start, end in event.get("evidence_offsets") or []:
            text.stylize("bold yellow", start, end)
    console.print(text)
    console.print()
    _print_table(art.get("events", []))


@main.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@input_options
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def eval_(gold, paths, text_column, id_column, date_column, title_column, as_json) -> None:
    """Extract PATHS and score the records against GOLD (precision, recall, F1).

    \b
    Example:
      lagebild eval examples/gold.jsonl examples/seeds
    """
    from .pipeline import run
    from .score import format_report, group_records, load, score

    try:
        gold_records = load(gold)
    except ValueError as err:
        raise click.ClickException(str(err)) from None
    system: list[dict[str, Any]] = []
    for result in run(_read(paths, _columns(text_column, id_column, date_column, title_column))):
        if isinstance(result, Failure):
            _err(_failure_line(result))
            continue
        system.extend(e.to_record() for e in result[2])
    result = score(gold_records, group_records(system))
    click.echo(json.dumps(result, ensure_ascii=False) if as_json else format_report(result))


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Database URL or SQLite file path.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind (only localhost by default).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--token", default=None, envvar="LAGEBILD_TOKEN", help="Enable POST /api/articles with this bearer token.")
def serve(db, host, port, token) -> None:
    """Serve the HTTP API and the web dashboard.

    \b
    Example:
      lagebild serve --db lagebild.db   # then open http://127.0.0.1:8000/
    """
    import uvicorn

    from .web.app import create_app

    _open_store(db).close()
    click.echo(f"Lagebild dashboard: http://{host}:{port}/  (API docs: http://{host}:{port}/docs)")
    uvicorn.run(create_app(db, token=token), host=host, port=port, log_level="warning")


def events_to_records(events: list[Event]) -> list[dict[str, Any]]:
    """EVENTS.md records of events."""
    return [e.to_record() for e in events]


if __name__ == "__main__":  # pragma: no cover
    main()

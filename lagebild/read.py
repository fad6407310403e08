"""Read news articles from files, folders, globs and standard input.

The first pipeline stage. It turns whatever the user points at into a stream of
``Article`` objects holding the raw text, and never stops a run for one bad
document: an unreadable, binary, empty, oversized or non-UTF-8 file (or one bad
CSV row or JSONL line) becomes a ``Failure`` with a one-line reason.

Formats are chosen by file extension:

* ``.txt``, ``.text``, ``.md`` or no extension: one plain-text article per file,
  ``doc_id`` = file stem.
* ``.jsonl``, ``.ndjson``, ``.json``: one JSON object per line with ``text`` and
  optional ``id``, ``date``, ``title``, ``url``, ``source`` (a ``.json`` file that
  holds one array of such objects is accepted too).
* ``.csv``, ``.tsv``: either the 10kGNAD corpus layout of DER STANDARD articles
  (no header, ``;`` delimiter, ``'`` quote character, ``category;text``), which is
  detected automatically, or any CSV with a header row.
* ``.html``, ``.htm``: main text, title and date extracted with trafilatura.

``-`` reads standard input: JSONL when its first non-blank character is ``{``,
else one plain-text article with ``doc_id`` ``stdin``.
"""

from __future__ import annotations

import csv
import glob
import io
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from lagebild.errors import InputError
from lagebild.model import Article, Failure

TEXT_EXTENSIONS = frozenset({".txt", ".text", ".md", ""})
CSV_EXTENSIONS = frozenset({".csv", ".tsv"})
JSONL_EXTENSIONS = frozenset({".jsonl", ".ndjson", ".json"})
HTML_EXTENSIONS = frozenset({".html", ".htm"})
SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS | CSV_EXTENSIONS | JSONL_EXTENSIONS | HTML_EXTENSIONS

# Column names taken as the article text when the user names none (compared lower-case).
DEFAULT_TEXT_COLUMNS = ("text", "content", "body", "article")
META_KEYS = ("date", "title", "url", "source")
STDIN = "-"
_BINARY_SAMPLE = 8192
_CONTROL_SHARE = 0.10

ReadResult = Article | Failure


@dataclass(frozen=True)
class Columns:
    """Column (or JSON key) names the user chose for CSV and JSONL input."""

    text: str | None = None
    id: str | None = None
    date: str | None = None
    title: str | None = None


class _BadFile(Exception):
    """A whole file cannot be read; the message is the Failure message."""


# --------------------------------------------------------------------------- paths


def expand_paths(paths: Sequence[str]) -> list[str]:
    """Expand files, folders (recursively), glob patterns and ``-`` into a file list.

    paths (Sequence[str]): what the user gave on the command line.
    RETURNS (list[str]): file paths (and ``-``), each once, folders expanded in sorted
        order without hidden files or unsupported extensions.
    """
    out: list[str] = []
    for raw in paths:
        for path in _expand_one(raw):
            if path not in out:
                out.append(path)
    return out


def _expand_one(raw: str) -> list[str]:
    """Expand one command-line path; raise InputError when nothing is there."""
    if raw == STDIN:
        return [STDIN]
    if os.path.isdir(raw):
        return _walk_folder(raw)
    if os.path.exists(raw):
        return [raw]
    matches = sorted(glob.glob(raw, recursive=True))
    if not matches:
        raise InputError(
            f"No such file or folder: {raw!r}. Give a text, CSV, JSONL or HTML file, "
            "a folder, a glob, or - for standard input."
        )
    out: list[str] = []
    for match in matches:
        if os.path.isdir(match):
            out.extend(_walk_folder(match))
        elif not _is_hidden(Path(match).name):
            out.append(match)
    return out


def _walk_folder(folder: str) -> list[str]:
    """List the supported, non-hidden files under a folder, recursively and sorted."""
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not _is_hidden(d))
        for name in sorted(files):
            if not _is_hidden(name) and Path(name).suffix.lower() in SUPPORTED_EXTENSIONS:
                found.append(os.path.join(root, name))
    return sorted(found)


def _is_hidden(name: str) -> bool:
    """Tell whether a file or folder name is hidden (dot file, editor backup)."""
    return name.startswith(".") or name.endswith("~")


# --------------------------------------------------------------------------- articles


def iter_articles(
    paths: Sequence[str],
    *,
    text_column: str | None = None,
    id_column: str | None = None,
    date_column: str | None = None,
    title_column: str | None = None,
    max_bytes: int = 50_000_000,
    stdin: TextIO | None = None,
) -> Iterator[Article | Failure]:
    """Yield one Article per document found under the paths, or a Failure for each bad one.

    paths (Sequence[str]): files, folders, globs, or ``-`` for standard input.
    text_column, id_column, date_column, title_column (str | None): CSV columns or JSON
        keys to use instead of the defaults.
    max_bytes (int): files larger than this are not read (a Failure says so).
    stdin (TextIO | None): the stream ``-`` reads (default ``sys.stdin``).
    RETURNS (Iterator[Article | Failure]): documents in input order. Raises InputError
        only for a missing path or a column name the input does not have.
    """
    columns = Columns(text=text_column, id=id_column, date=date_column, title=title_column)
    for path in expand_paths(paths):
        if path == STDIN:
            yield from read_stdin(stdin if stdin is not None else sys.stdin, columns)
        else:
            yield from read_file(path, columns=columns, max_bytes=max_bytes)


def read_file(
    path: str, *, columns: Columns | None = None, max_bytes: int = 50_000_000
) -> Iterator[Article | Failure]:
    """Read one file by its extension.

    path (str): the file.
    columns (Columns | None): user-chosen CSV columns / JSON keys.
    max_bytes (int): size limit checked before reading.
    RETURNS (Iterator[Article | Failure]): its documents, or one Failure for the file.
    """
    columns = columns or Columns()
    stem = Path(path).stem if path else "stdin"
    reader = _reader_for(Path(path).suffix.lower())
    if reader is None:
        yield Failure(stem, "read", _unsupported_message(path), path)
        return
    try:
        text = load_text(path, max_bytes=max_bytes)
    except _BadFile as err:
        yield Failure(stem, "read", str(err), path)
        return
    yield from reader(text, path, columns)


def _reader_for(suffix: str) -> Callable[[str, str, Columns], Iterator[ReadResult]] | None:
    """Pick the reader function for a file extension (None: unsupported)."""
    if suffix in TEXT_EXTENSIONS:
        return _read_plain
    if suffix in CSV_EXTENSIONS:
        return _read_csv
    if suffix in JSONL_EXTENSIONS:
        return _read_jsonl
    if suffix in HTML_EXTENSIONS:
        return _read_html
    return None


def _unsupported_message(path: str) -> str:
    """The Failure message for a file extension no reader handles."""
    kinds = ", ".join(sorted(e for e in SUPPORTED_EXTENSIONS if e))
    return f"{path}: unsupported file type {Path(path).suffix!r}; use one of {kinds}."


def read_stdin(stream: TextIO, columns: Columns | None = None) -> Iterator[Article | Failure]:
    """Read standard input: JSONL when it starts with ``{``, else one plain-text article.

    stream (TextIO): the input stream.
    columns (Columns | None): user-chosen JSON keys.
    RETURNS (Iterator[Article | Failure]): the documents on the stream.
    """
    columns = columns or Columns()
    try:
        text = stream.read()
    except (OSError, UnicodeDecodeError) as err:
        yield Failure("stdin", "read", f"standard input cannot be read: {err}", STDIN)
        return
    text = text.lstrip("\ufeff")
    if not text.strip():
        yield Failure("stdin", "read", "standard input is empty.", STDIN)
    elif text.lstrip().startswith("{"):
        yield from _read_jsonl(text, STDIN, columns)
    else:
        yield Article(doc_id="stdin", text=text, path=STDIN)


# --------------------------------------------------------------------------- bytes


def load_text(path: str, *, max_bytes: int = 50_000_000) -> str:
    """Read a file as UTF-8 text, refusing big, binary, empty and non-UTF-8 files.

    path (str): the file.
    max_bytes (int): size limit, checked before reading.
    RETURNS (str): the decoded text (a UTF-8 byte-order mark is dropped).
    """
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            raise _BadFile(
                f"{path}: file is too large ({size:,} bytes, limit {max_bytes:,}); "
                "split it or raise the limit."
            )
        with open(path, "rb") as handle:
            data = handle.read()
    except PermissionError:
        raise _BadFile(f"{path}: permission denied; make the file readable.") from None
    except OSError as err:
        raise _BadFile(f"{path}: cannot be read ({err.strerror or err}).") from None
    return decode_bytes(data, path)


def decode_bytes(data: bytes, name: str) -> str:
    """Decode file content as UTF-8 text, or raise _BadFile with the reason.

    data (bytes): the file content.
    name (str): the file name, for messages.
    RETURNS (str): the text without a byte-order mark.
    """
    if looks_binary(data):
        raise _BadFile(f"{name}: binary file, not text; give a text, CSV, JSONL or HTML file.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise _BadFile(
            f"{name}: not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}); "
            f"convert it first, e.g. iconv -f latin1 -t utf-8 {name} > converted.txt"
        ) from None
    if not text.strip():
        raise _BadFile(f"{name}: file is empty.")
    return text


def looks_binary(data: bytes) -> bool:
    """Tell whether bytes look like a binary file: NUL bytes or many control bytes.

    data (bytes): the file content (only the start is inspected).
    RETURNS (bool): True for binary content.
    """
    sample = data[:_BINARY_SAMPLE]
    if b"\x00" in sample:
        return True
    if not sample:
        return False
    control = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return control > _CONTROL_SHARE * len(sample)


# --------------------------------------------------------------------------- formats


def _read_plain(text: str, path: str, columns: Columns) -> Iterator[ReadResult]:
    """One plain-text file is one article named after the file stem."""
    yield Article(doc_id=Path(path).stem, text=text, path=path)


def _read_html(text: str, path: str, columns: Columns) -> Iterator[ReadResult]:
    """Extract the main text, title and date of an HTML page with trafilatura."""
    stem = Path(path).stem
    try:
        meta = _extract_html(text)
    except Exception as err:  # trafilatura/lxml raise many kinds on broken markup
        yield Failure(stem, "read", f"{path}: HTML cannot be parsed ({type(err).__name__}).", path)
        return
    body = (meta.get("text") or "").strip()
    if not body:
        yield Failure(stem, "read", f"{path}: no article text found in the HTML page.", path)
        return
    yield Article(
        doc_id=stem,
        text=body.replace("\n", "\n\n"),
        title=meta.get("title") or None,
        date=meta.get("date") or None,
        url=meta.get("url") or None,
        source=meta.get("sitename") or None,
        path=path,
    )


def _extract_html(html: str) -> dict[str, Any]:
    """Run trafilatura on a page and return its result as a dict (empty when none)."""
    import trafilatura  # imported lazily: only HTML input needs it

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if doc is None:
        return {}
    if isinstance(doc, dict):
        return doc
    return dict(doc.as_dict())


def _read_jsonl(text: str, path: str, columns: Columns) -> Iterator[ReadResult]:
    """Read JSON Lines (or one JSON array): one article per object with a text."""
    stem = Path(path).stem if path != STDIN else "stdin"
    if text.lstrip().startswith("["):
        yield from _read_json_array(text, path, stem, columns)
        return
    for lineno, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield _json_line(line, lineno, path, stem, columns)


def _read_json_array(text: str, path: str, stem: str, columns: Columns) -> Iterator[ReadResult]:
    """Read a ``.json`` file holding one array of article objects."""
    try:
        items = json.loads(text)
    except json.JSONDecodeError as err:
        yield Failure(stem, "read", f"{path}: not valid JSON ({err.msg}, line {err.lineno}).", path)
        return
    for number, item in enumerate(items, start=1):
        yield _json_object(item, f"{path} item {number}", f"{stem}-{number}", path, columns)


def _json_line(line: str, lineno: int, path: str, stem: str, columns: Columns) -> ReadResult:
    """Turn one JSONL line into an Article, or a Failure naming file and line."""
    where = f"{path} line {lineno}"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as err:
        return Failure(f"{stem}-{lineno}", "read", f"{where}: not valid JSON ({err.msg}).", path)
    return _json_object(obj, where, f"{stem}-{lineno}", path, columns)


def _json_object(obj: Any, where: str, fallback_id: str, path: str, columns: Columns) -> ReadResult:
    """Turn one decoded JSON value into an Article, or a Failure saying what is missing."""
    if not isinstance(obj, dict):
        return Failure(fallback_id, "read", f"{where}: expected a JSON object, got {type(obj).__name__}.", path)
    text_key = columns.text or "text"
    id_value = obj.get(columns.id or "id")
    doc_id = str(id_value) if id_value not in (None, "") else fallback_id
    text = obj.get(text_key)
    if not isinstance(text, str) or not text.strip():
        return Failure(doc_id, "read", f"{where}: no {text_key!r} field with article text.", path)
    return Article(
        doc_id=doc_id,
        text=text,
        date=_str_or_none(obj.get(columns.date or "date")),
        title=_str_or_none(obj.get(columns.title or "title")),
        url=_str_or_none(obj.get("url")),
        source=_str_or_none(obj.get("source")),
        path=path,
    )


def _str_or_none(value: Any) -> str | None:
    """A metadata value as a stripped string, or None when empty or missing."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


# --------------------------------------------------------------------------- CSV


def _read_csv(text: str, path: str, columns: Columns) -> Iterator[ReadResult]:
    """Read a CSV/TSV file: the 10kGNAD layout when detected, else a CSV with a header."""
    csv.field_size_limit(sys.maxsize)
    if is_gnad(text):
        yield from _read_gnad(text, path)
    else:
        yield from _read_header_csv(text, path, columns)


def is_gnad(text: str) -> bool:
    """Tell whether CSV text has the 10kGNAD layout: ``category;'text'`` rows, no header.

    text (str): the file content.
    RETURNS (bool): True when the first rows are one-word categories and long texts.
    """
    head = "\n".join(text.splitlines()[:5])
    try:
        rows = list(csv.reader(io.StringIO(head), delimiter=";", quotechar="'"))
    except csv.Error:
        return False
    rows = [row for row in rows if row]
    if not rows:
        return False
    complete = rows[:-1] or rows  # the last sampled row may be cut off
    if any(len(row) != 2 or not _is_category(row[0]) for row in complete):
        return False
    if not any(" " in row[1].strip() for row in complete):
        return False
    return rows[0][0].lower() not in DEFAULT_TEXT_COLUMNS + ("category", "label")


def _is_category(value: str) -> bool:
    """A 10kGNAD category is one short word (``Inland``, ``Wirtschaft``, ``Web``)."""
    return 0 < len(value) <= 30 and value.replace("-", "").isalpha()


def _read_gnad(text: str, path: str) -> Iterator[ReadResult]:
    """Read 10kGNAD rows: doc_id ``<stem>-<row>``, category into ``meta``."""
    stem = Path(path).stem
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";", quotechar="'")
    for number, row in enumerate(_safe_rows(reader, path), start=1):
        if isinstance(row, Failure):
            yield row
            return
        doc_id = f"{stem}-{number}"
        where = f"{path}:{number}"
        if len(row) < 2 or not row[1].strip():
            yield Failure(doc_id, "read", f"{where}: row has no article text.", where)
            continue
        yield Article(doc_id=doc_id, text=row[1], path=where, meta={"category": row[0]})


def _safe_rows(reader: Iterator[list[str]], path: str) -> Iterator[list[str] | Failure]:
    """Iterate CSV rows, turning a parse error into one final Failure."""
    try:
        yield from reader
    except csv.Error as err:
        yield Failure(Path(path).stem, "read", f"{path}: CSV cannot be parsed ({err}).", path)


def _read_header_csv(text: str, path: str, columns: Columns) -> Iterator[ReadResult]:
    """Read a CSV with a header row, sniffing the delimiter."""
    stem = Path(path).stem
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=_sniff(text, path))
    header = [name for name in (reader.fieldnames or []) if name is not None]
    try:
        names = _resolve_columns(header, columns)
    except _BadFile as err:
        yield Failure(stem, "read", f"{path}: {err}", path)
        return
    for number, row in enumerate(_safe_rows(reader, path), start=1):  # type: ignore[arg-type]
        if isinstance(row, Failure):
            yield row
            return
        yield _csv_article(row, number, stem, path, names)


def _sniff(text: str, path: str) -> type[csv.Dialect] | csv.Dialect:
    """Guess the CSV dialect (``.tsv`` is always tab-separated)."""
    if path.lower().endswith(".tsv"):
        return csv.excel_tab
    try:
        return csv.Sniffer().sniff(text[:20_000], delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def _resolve_columns(header: list[str], columns: Columns) -> dict[str, str | None]:
    """Map roles (text, id, date, title) to header names; InputError for a wrong user name."""
    for role, name in (("text", columns.text), ("id", columns.id), ("date", columns.date), ("title", columns.title)):
        if name is not None and name not in header:
            raise InputError(
                f"No column {name!r} for the {role} in the CSV input. "
                f"Columns available: {_column_list(header)}."
            )
    text = columns.text or _find_column(header, DEFAULT_TEXT_COLUMNS)
    if text is None:
        raise _BadFile(
            f"no text column (looked for {', '.join(DEFAULT_TEXT_COLUMNS)}); columns are "
            f"{_column_list(header)}. Name one with the text column option."
        )
    return {
        "text": text,
        "id": columns.id or _find_column(header, ("id",)),
        "date": columns.date or _find_column(header, ("date",)),
        "title": columns.title or _find_column(header, ("title",)),
        "url": _find_column(header, ("url",)),
        "source": _find_column(header, ("source",)),
    }


def _column_list(header: list[str]) -> str:
    """Header names for a message, each cut to 30 characters."""
    names = [name if len(name) <= 30 else name[:29] + "…" for name in header]
    return ", ".join(repr(name) for name in names) or "(none)"


def _find_column(header: list[str], wanted: Sequence[str]) -> str | None:
    """The first header name equal (case-insensitively) to one of the wanted names."""
    lowered = {name.strip().lower(): name for name in header}
    for name in wanted:
        if name in lowered:
            return lowered[name]
    return None


def _csv_article(
    row: dict[str, str | None], number: int, stem: str, path: str, names: dict[str, str | None]
) -> ReadResult:
    """Turn one CSV row into an Article, or a Failure when its text is empty."""
    where = f"{path}:{number}"

    def cell(role: str) -> str | None:
        name = names.get(role)
        return _str_or_none(row.get(name)) if name else None

    doc_id = cell("id") or f"{stem}-{number}"
    text = row.get(names["text"] or "") or ""
    if not text.strip():
        return Failure(doc_id, "read", f"{where}: row has an empty {names['text']!r} column.", where)
    return Article(
        doc_id=doc_id,
        text=text,
        date=cell("date"),
        title=cell("title"),
        url=cell("url"),
        source=cell("source"),
        path=where,
    )

"""Read news articles from files, folders, globs, feeds and standard input.

The first pipeline stage. It turns whatever the user points at into a stream of
``Article`` objects holding the raw text, in constant memory, and never stops a
run for one bad document: an unreadable, binary, empty, oversized or non-UTF-8
file, a device or FIFO, one bad CSV row or JSONL line becomes a ``Failure``
with a one-line reason, and the stream goes on.

Formats are chosen by file extension:

* ``.txt``, ``.text``, ``.md`` or no extension: one plain-text article per file,
  ``doc_id`` = file stem.
* ``.jsonl``, ``.ndjson``, ``.json``: one JSON object per line with ``text`` and
  optional ``id``, ``date``, ``title``, ``url``, ``source`` (a ``.json`` file that
  holds one array of such objects is accepted too; it is parsed whole, so it is
  limited to ``MAX_JSON_ARRAY_BYTES``).
* ``.csv``, ``.tsv``: either the 10kGNAD corpus layout of DER STANDARD articles
  (no header, ``;`` delimiter, ``'`` quote character, ``category;text``), which is
  detected automatically, or any CSV with a header row.
* ``.html``, ``.htm``: main text, title and date extracted with trafilatura.
* ``.rss``, ``.atom``, ``.xml``: a saved RSS or Atom feed, read with feedparser;
  one article per entry (its content or summary as text, title, date, link).

``-`` reads standard input: JSONL when its first non-blank character is ``{``,
else one plain-text article with ``doc_id`` ``stdin``.

Streaming. Row formats (CSV, JSONL, stdin) are read row by row from the file,
never whole; the limit is per article (``max_bytes``), not per file. Only
regular files are opened: device files, FIFOs, sockets and symlink loops are
refused without being read, and folders are walked without following a
symlinked folder twice.

Ids. A file's stem is its id where the stem is unique among the inputs of the
run; where two files share a stem (``a/report.txt``, ``b/report.txt``) each is
named by as many parent folders as make it unique (``a/report``, ``b/report``).
An id that still repeats within the run (a JSONL ``id`` given twice) gets a
``#2``, ``#3`` suffix. Either way the article's ``meta["warnings"]`` says so.

Metadata dates. ISO dates at any precision, ISO timestamps
(``2022-02-01T10:00:00Z``), German ``TT.MM.JJJJ`` and the RFC 2822 dates of
feeds are understood and stored as ISO dates; any other date (``2022-02-30``,
``gestern``) is dropped with a warning, and the article is kept.
"""

from __future__ import annotations

import csv
import errno
import fnmatch
import io
import json
import os
import re
import stat
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import IO, Any, TextIO

from lagebild.errors import InputError
from lagebild.model import Article, Failure

TEXT_EXTENSIONS = frozenset({".txt", ".text", ".md", ""})
CSV_EXTENSIONS = frozenset({".csv", ".tsv"})
JSONL_EXTENSIONS = frozenset({".jsonl", ".ndjson", ".json"})
HTML_EXTENSIONS = frozenset({".html", ".htm"})
FEED_EXTENSIONS = frozenset({".rss", ".atom", ".xml"})
SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS | CSV_EXTENSIONS | JSONL_EXTENSIONS | HTML_EXTENSIONS | FEED_EXTENSIONS

# Column names taken as the article text when the user names none (compared lower-case).
DEFAULT_TEXT_COLUMNS = ("text", "content", "body", "article")
META_KEYS = ("date", "title", "url", "source")
STDIN = "-"
# One article's limit, in bytes of input (a text file, a CSV row, a JSONL line, stdin).
MAX_ARTICLE_BYTES = 5_000_000
# Whole-document formats parsed at once (a JSON array, a feed, an HTML page).
MAX_JSON_ARRAY_BYTES = 50_000_000
_BINARY_SAMPLE = 8192
_CONTROL_SHARE = 0.10
_HEAD_BYTES = 65_536
_SKIP_CHUNK = 1 << 20
_MAX_ID = 200

ReadResult = Article | Failure
OnBytes = Callable[[int], None]


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
        order without hidden files or unsupported extensions. Raises InputError for a
        path where nothing is.
    """
    out: dict[str, None] = {}
    for raw in paths:
        for path in _expand_one(raw):
            out.setdefault(path, None)
    return list(out)


def _expand_one(raw: str) -> list[str]:
    """Expand one command-line path; raise InputError when nothing is there."""
    if raw == STDIN:
        return [STDIN]
    if os.path.isdir(raw):
        return _walk_folder(raw)
    if os.path.lexists(raw):
        return [raw]
    matches = _glob(raw)
    if not matches:
        raise InputError(
            f"No such file or folder: {raw!r}. Give a text, CSV, JSONL, HTML or feed file, "
            "a folder, a glob, or - for standard input."
        )
    out: list[str] = []
    for match in matches:
        if os.path.isdir(match):
            out.extend(_walk_folder(match))
        elif not _is_hidden(Path(match).name):
            out.append(match)
    return out


def _glob(pattern: str) -> list[str]:
    """Match a glob pattern (``**`` spans folders) without following a symlink loop.

    Python's ``glob`` follows symlinked folders under ``**`` for ever; this walks the
    fixed prefix of the pattern with ``_walk`` (each real folder once) and matches.
    """
    parts = Path(pattern).parts
    fixed = next((i for i, part in enumerate(parts) if glob_magic(part)), len(parts))
    root = os.path.join(*parts[:fixed]) if fixed else "."
    if not os.path.isdir(root):
        return []
    regex = _glob_regex(pattern if fixed else os.path.join(".", pattern))
    found = []
    for path in _walk(root, files_only=False):
        if regex.fullmatch(path):
            found.append(path)
    return sorted(found)


def glob_magic(part: str) -> bool:
    """Tell whether a path component holds glob wildcards."""
    return any(ch in part for ch in "*?[")


def _glob_regex(pattern: str) -> re.Pattern[str]:
    """A regular expression for a glob: ``**/`` any folders, ``*`` and ``?`` within one."""
    out, i = [], 0
    sep = re.escape(os.sep)
    while i < len(pattern):
        if pattern.startswith("**" + os.sep, i):
            out.append(f"(?:[^{sep}]*{sep})*")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append(f"[^{sep}]*")
            i += 1
        elif pattern[i] == "?":
            out.append(f"[^{sep}]")
            i += 1
        elif pattern[i] == "[":
            end = pattern.find("]", i + 1)
            if end < 0:
                out.append(re.escape("["))
                i += 1
            else:
                out.append(fnmatch.translate(pattern[i:end + 1])[4:-3])
                i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out))


def _walk(root: str, *, files_only: bool = True) -> Iterator[str]:
    """Every path under a folder, each real folder visited once (symlink loops are cut)."""
    seen: set[tuple[int, int]] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        try:
            info = os.stat(folder)
        except OSError:
            dirs[:] = []
            continue
        key = (info.st_dev, info.st_ino)
        if key in seen:
            dirs[:] = []
            continue
        seen.add(key)
        dirs[:] = sorted(d for d in dirs if not _is_hidden(d))
        if not files_only:
            yield from (os.path.join(folder, d) for d in dirs)
        yield from (os.path.join(folder, name) for name in sorted(files) if not _is_hidden(name))


def _walk_folder(folder: str) -> list[str]:
    """List the supported, non-hidden files under a folder, recursively and sorted."""
    return sorted(p for p in _walk(folder) if Path(p).suffix.lower() in SUPPORTED_EXTENSIONS)


def _is_hidden(name: str) -> bool:
    """Tell whether a file or folder name is hidden (dot file, editor backup)."""
    return name.startswith(".") or name.endswith("~")


def file_ids(paths: Sequence[str]) -> dict[str, str]:
    """The id stem of each input file: its stem, or with parent folders where stems repeat.

    paths (Sequence[str]): the expanded inputs (``-`` is ``stdin``).
    RETURNS (dict[str, str]): path → id stem (``report``, or ``a/report`` beside ``b/report``).
    """
    stems = {p: ("stdin" if p == STDIN else Path(p).stem) for p in paths}
    counts = Counter(stems.values())
    ids = dict(stems)
    for stem, n in counts.items():
        if n < 2:
            continue
        group = [p for p in paths if stems[p] == stem]
        ids.update(_distinct_names(group))
    return ids


def _distinct_names(group: list[str]) -> dict[str, str]:
    """Name same-stem files by their stem and as many parent folders as make them distinct."""
    split = {p: Path(os.path.normpath(os.path.abspath(p))).parts for p in group}
    depth = max(len(parts) for parts in split.values())
    for k in range(2, depth + 1):
        names = {p: "/".join(parts[-k:-1] + (Path(p).stem,)) for p, parts in split.items()}
        if len(set(names.values())) == len(group):
            return names
    return {p: "/".join(split[p][1:]) for p in group}  # same folder, different extensions


class RunIds:
    """Make every doc_id of one run distinct: a repeat gets ``#2``, ``#3``.

    The ids of one run are kept (a set of short strings), not the articles.
    """

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def claim(self, item: ReadResult) -> ReadResult:
        """Return the item with a doc_id not used before in this run (warned in its meta)."""
        if item.doc_id not in self._seen:
            self._seen.add(item.doc_id)
            return item
        n = 2
        while f"{item.doc_id}#{n}" in self._seen:
            n += 1
        new = f"{item.doc_id}#{n}"
        self._seen.add(new)
        if isinstance(item, Article):
            warn(item, f"id {item.doc_id!r} occurs more than once in this run; stored as {new!r}")
        item.doc_id = new
        return item


def warn(article: Article, message: str) -> None:
    """Attach a warning to an article (the CLI prints it; the store keeps it in meta)."""
    article.meta.setdefault("warnings", []).append(message)


# --------------------------------------------------------------------------- articles


def iter_articles(
    paths: Sequence[str],
    *,
    text_column: str | None = None,
    id_column: str | None = None,
    date_column: str | None = None,
    title_column: str | None = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
    stdin: IO[Any] | None = None,
    on_bytes: OnBytes | None = None,
) -> Iterator[Article | Failure]:
    """Yield one Article per document found under the paths, or a Failure for each bad one.

    paths (Sequence[str]): files, folders, globs, or ``-`` for standard input.
    text_column, id_column, date_column, title_column (str | None): CSV columns or JSON
        keys to use instead of the defaults.
    max_bytes (int): the limit of one article (a bigger one becomes a Failure).
    stdin (IO | None): the stream ``-`` reads (default ``sys.stdin``).
    on_bytes (Callable[[int], None] | None): called with the number of bytes read
        from disk as reading goes on (for progress).
    RETURNS (Iterator[Article | Failure]): documents in input order, each doc_id once.
        Raises InputError only for a missing path or a column name the input lacks.
    """
    columns = Columns(text=text_column, id=id_column, date=date_column, title=title_column)
    expanded = expand_paths(paths)
    ids = file_ids(expanded)
    run_ids = RunIds()
    for path in expanded:
        if path == STDIN:
            items = read_stdin(stdin if stdin is not None else sys.stdin, columns, max_bytes=max_bytes)
        else:
            items = read_file(path, columns=columns, max_bytes=max_bytes, stem=ids[path], on_bytes=on_bytes)
        for item in items:
            if isinstance(item, Article) and ids[path] != Path(path).stem and path != STDIN:
                warn(item, f"another input has the file name {Path(path).name!r}; named {ids[path]!r}")
            yield run_ids.claim(item)


def read_file(
    path: str,
    *,
    columns: Columns | None = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
    stem: str | None = None,
    on_bytes: OnBytes | None = None,
) -> Iterator[Article | Failure]:
    """Read one file by its extension, streaming row formats.

    path (str): the file.
    columns (Columns | None): user-chosen CSV columns / JSON keys.
    max_bytes (int): the limit of one article.
    stem (str | None): the id stem (default: the file stem).
    on_bytes (OnBytes | None): progress callback, bytes read.
    RETURNS (Iterator[Article | Failure]): its documents, or one Failure for the file.
    """
    columns = columns or Columns()
    stem = stem or Path(path).stem
    reader = _reader_for(Path(path).suffix.lower())
    if reader is None:
        yield Failure(stem, "read", _unsupported_message(path), path)
        return
    try:
        handle = open_regular(path, on_bytes)
    except _BadFile as err:
        yield Failure(stem, "read", str(err), path)
        return
    with handle:
        try:
            yield from reader(handle, _Source(path, stem, max_bytes), columns)
        except _BadFile as err:
            yield Failure(stem, "read", str(err), path)
        except OSError as err:
            yield Failure(stem, "read", f"{path}: cannot be read ({err.strerror or err}).", path)


@dataclass(frozen=True)
class _Source:
    """Where a reader reads from: the path for messages, the id stem, the article limit."""

    path: str
    stem: str
    max_bytes: int


def _reader_for(suffix: str) -> Callable[[IO[bytes], _Source, Columns], Iterator[ReadResult]] | None:
    """Pick the reader function for a file extension (None: unsupported)."""
    if suffix in TEXT_EXTENSIONS:
        return _read_plain
    if suffix in CSV_EXTENSIONS:
        return _read_csv
    if suffix in JSONL_EXTENSIONS:
        return _read_jsonl
    if suffix in HTML_EXTENSIONS:
        return _read_html
    if suffix in FEED_EXTENSIONS:
        return _read_feed
    return None


def _unsupported_message(path: str) -> str:
    """The Failure message for a file extension no reader handles."""
    kinds = ", ".join(sorted(e for e in SUPPORTED_EXTENSIONS if e))
    return f"{path}: unsupported file type {Path(path).suffix!r}; use one of {kinds}."


def read_stdin(
    stream: IO[Any], columns: Columns | None = None, *, max_bytes: int = MAX_ARTICLE_BYTES
) -> Iterator[Article | Failure]:
    """Read standard input: JSONL when it starts with ``{``, else one plain-text article.

    stream (IO): the input stream (text or binary; a text stream's ``buffer`` is used).
    columns (Columns | None): user-chosen JSON keys.
    max_bytes (int): the limit of one article (stdin is never read beyond it for plain text).
    RETURNS (Iterator[Article | Failure]): the documents on the stream.
    """
    columns = columns or Columns()
    source = _Source(STDIN, "stdin", max_bytes)
    try:
        raw = _binary(stream)
        head = raw.read(_HEAD_BYTES)
        start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        while not start and head and len(head) < max_bytes:  # leading blank lines
            more = raw.read(_HEAD_BYTES)
            if not more:
                break
            head += more
            start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        handle = io.BufferedReader(_Chain(head, raw))  # type: ignore[arg-type]
        if not start:
            yield Failure("stdin", "read", "standard input is empty.", STDIN)
        elif start.startswith(b"{"):
            yield from _read_lines(handle, source, columns)
        else:
            yield from _read_plain(handle, source, columns)
    except _BadFile as err:
        yield Failure("stdin", "read", str(err).replace(f"{STDIN}: ", "standard input: ", 1), STDIN)
    except OSError as err:
        yield Failure("stdin", "read", f"standard input cannot be read: {err}", STDIN)


def _binary(stream: IO[Any]) -> IO[bytes]:
    """The byte stream under a text stream (a StringIO is encoded as it stands)."""
    if isinstance(stream, io.StringIO):
        return io.BytesIO(stream.getvalue().encode("utf-8", "surrogatepass"))
    return getattr(stream, "buffer", stream)


class _Chain(io.RawIOBase):
    """Bytes already read, then the rest of a stream."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class _Counting(io.RawIOBase):
    """A file that reports how many bytes were read from it."""

    def __init__(self, fd: int, on_bytes: OnBytes | None) -> None:
        self._file = io.FileIO(fd, "rb", closefd=True)
        self._on_bytes = on_bytes

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._file.seek(offset, whence)

    def tell(self) -> int:
        return self._file.tell()

    def fileno(self) -> int:
        return self._file.fileno()

    def readinto(self, buffer: Any) -> int:
        n = self._file.readinto(buffer) or 0
        if n and self._on_bytes is not None:
            self._on_bytes(n)
        return n

    def close(self) -> None:
        self._file.close()
        super().close()


# --------------------------------------------------------------------------- bytes


def open_regular(path: str, on_bytes: OnBytes | None = None) -> io.BufferedReader:
    """Open a regular file for reading; refuse devices, FIFOs, sockets and symlink loops.

    The file is opened without blocking and checked on its descriptor, so a FIFO or a
    device (a symlink to ``/dev/zero``) is refused without a byte being read.
    path (str): the file.
    on_bytes (OnBytes | None): progress callback, bytes read.
    RETURNS (io.BufferedReader): the open file. Raises _BadFile with the reason.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except PermissionError:
        raise _BadFile(f"{path}: permission denied; make the file readable.") from None
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise _BadFile(f"{path}: symlink loop; point it at a file.") from None
        raise _BadFile(f"{path}: cannot be read ({err.strerror or err}).") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = "a folder" if stat.S_ISDIR(mode) else "a device, FIFO or socket"
            raise _BadFile(f"{path}: not a regular file ({kind}); refused without reading.")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return io.BufferedReader(_Counting(fd, on_bytes))


def read_capped(handle: IO[bytes], limit: int, name: str) -> bytes:
    """Read a whole stream, refusing it beyond ``limit`` bytes without reading further."""
    data = handle.read(limit + 1)
    if len(data) > limit:
        size = _size(handle)
        told = f"{size:,} bytes" if size else f"over {limit:,} bytes"
        raise _BadFile(f"{name}: file is too large ({told}, limit {limit:,}); split it or raise the limit.")
    return data


def _size(handle: IO[bytes]) -> int | None:
    """The size of an open regular file (None for streams)."""
    try:
        return os.fstat(handle.fileno()).st_size
    except (OSError, io.UnsupportedOperation, AttributeError):
        return None


def load_text(path: str, *, max_bytes: int = MAX_ARTICLE_BYTES) -> str:
    """Read a file as UTF-8 text, refusing big, binary, empty, non-UTF-8 and special files.

    path (str): the file.
    max_bytes (int): size limit.
    RETURNS (str): the decoded text (a UTF-8 byte-order mark is dropped).
    """
    with open_regular(path) as handle:
        return decode_bytes(read_capped(handle, max_bytes, path), path)


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
        raise _BadFile(_utf8_message(name, data[err.start], err.start)) from None
    if not text.strip():
        raise _BadFile(f"{name}: file is empty.")
    return text


def _utf8_message(name: str, byte: int, offset: int) -> str:
    """The message for input that is not UTF-8."""
    return (
        f"{name}: not valid UTF-8 (byte 0x{byte:02x} at offset {offset}); "
        f"convert it first, e.g. iconv -f latin1 -t utf-8 {name} > converted.txt"
    )


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


def _bad_string(value: str) -> str | None:
    """Why a decoded string cannot be stored (a lone surrogate, a NUL), or None."""
    if "\x00" in value:
        return f"contains a NUL character at position {value.index(chr(0))}"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as err:
        return f"contains a lone UTF-16 surrogate at position {err.start}; fix the input's encoding"
    return None


# --------------------------------------------------------------------------- metadata


_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_ISO_STAMP = re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|UTC)?", re.I)
_GERMAN_DATE = re.compile(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?:,?\s+\d{1,2}[:.]\d{2}(?:\s*Uhr)?)?", re.I)


def normalize_date(value: Any) -> tuple[str | None, str | None]:
    """A metadata date as an ISO date at its precision, or None with the reason.

    value (Any): what the input gave ("2022-02-01T10:00:00Z", "01.02.2022", "2022-03",
        "Tue, 01 Feb 2022 10:00:00 +0100").
    RETURNS (tuple[str | None, str | None]): (ISO date or None, warning or None).
    """
    text = _str_or_none(value)
    if text is None:
        return None, None
    try:
        if match := _ISO_STAMP.fullmatch(text):
            return date(*map(int, match.groups())).isoformat(), None
        if match := _GERMAN_DATE.fullmatch(text):
            day, month, year = map(int, match.groups())
            return date(year, month, day).isoformat(), None
        if match := _ISO_DATE.fullmatch(text):
            year, month, day = match.groups()
            if day:
                return date(int(year), int(month), int(day)).isoformat(), None
            if month:
                if not 1 <= int(month) <= 12:
                    raise ValueError("month must be in 1..12")
                return f"{int(year):04d}-{int(month):02d}", None
            return f"{int(year):04d}", None
        stamp = _rfc2822(text)
        if stamp is not None:
            return stamp.date().isoformat(), None
    except ValueError as err:
        return None, f"metadata date {_short(text)!r} dropped ({err})"
    return None, (f"metadata date {_short(text)!r} dropped (not a date; give YYYY-MM-DD, "
                  "an ISO timestamp or TT.MM.JJJJ)")


def _rfc2822(text: str) -> datetime | None:
    """An RFC 2822 date (RSS) or None."""
    if not re.search(r"[A-Za-z]{3}", text):
        return None
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def _short(text: str, limit: int = 40) -> str:
    """A value cut for a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _article(doc_id: str, text: str, src: _Source, where: str, **meta: Any) -> ReadResult:
    """Make an Article from read values: dates normalised, bad strings refused."""
    for name, value in (("id", doc_id), ("text", text), *((k, v) for k, v in meta.items() if isinstance(v, str))):
        problem = _bad_string(value)
        if problem:
            safe_id = doc_id if name != "id" else src.stem
            return Failure(safe_id, "read", f"{where}: the {name} {problem}.", where)
    if len(doc_id) > _MAX_ID:
        return Failure(src.stem, "read", f"{where}: id is longer than {_MAX_ID} characters.", where)
    article = Article(doc_id=doc_id, text=text, path=where, **{k: v for k, v in meta.items() if k != "date"})
    iso, warning = normalize_date(meta.get("date"))
    article.date = iso
    if warning:
        warn(article, warning)
    return article


def _str_or_none(value: Any) -> str | None:
    """A metadata value as a stripped string, or None when empty or missing."""
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


# --------------------------------------------------------------------------- formats


def _read_plain(handle: IO[bytes], source: _Source, columns: Columns) -> Iterator[ReadResult]:
    """One plain-text file (or stdin) is one article named after the file stem."""
    text = decode_bytes(read_capped(handle, source.max_bytes, source.path), source.path)
    yield _article(source.stem, text, source, source.path)


def _read_html(handle: IO[bytes], source: _Source, columns: Columns) -> Iterator[ReadResult]:
    """Extract the main text, title and date of an HTML page with trafilatura."""
    text = decode_bytes(read_capped(handle, MAX_JSON_ARRAY_BYTES, source.path), source.path)
    path, stem = source.path, source.stem
    try:
        meta = _extract_html(text)
    except Exception as err:  # trafilatura/lxml raise many kinds on broken markup
        yield Failure(stem, "read", f"{path}: HTML cannot be parsed ({type(err).__name__}).", path)
        return
    body = (meta.get("text") or "").strip()
    if not body:
        yield Failure(stem, "read", f"{path}: no article text found in the HTML page.", path)
        return
    yield _article(stem, body.replace("\n", "\n\n"), source, path, title=meta.get("title") or None,
                   date=meta.get("date") or None, url=meta.get("url") or None,
                   source=meta.get("sitename") or None)  # fmt: skip


def _extract_html(html: str) -> dict[str, Any]:
    """Run trafilatura on a page and return its result as a dict (empty when none)."""
    import trafilatura  # imported lazily: only HTML input needs it

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if doc is None:
        return {}
    if isinstance(doc, dict):
        return doc
    return dict(doc.as_dict())


def _read_feed(handle: IO[bytes], source: _Source, columns: Columns) -> Iterator[ReadResult]:
    """Read a saved RSS or Atom feed with feedparser: one article per entry."""
    import feedparser  # imported lazily: only feed input needs it

    data = read_capped(handle, MAX_JSON_ARRAY_BYTES, source.path)
    if looks_binary(data):
        raise _BadFile(f"{source.path}: binary file, not a feed.")
    feed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not feed.entries:
        reason = f" ({type(feed.bozo_exception).__name__})" if feed.get("bozo") else ""
        raise _BadFile(f"{source.path}: no feed entries found{reason}; give an RSS or Atom file.")
    outlet = _str_or_none(feed.feed.get("title"))
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{source.path} entry {number}"
        doc_id = f"{source.stem}-{number}"
        body = _entry_text(entry)
        if not body:
            yield Failure(doc_id, "read", f"{where}: the entry has no text.", where)
            continue
        stamp = entry.get("published") or entry.get("updated")
        yield _article(doc_id, body, source, where, title=_str_or_none(entry.get("title")), date=stamp,
                       url=_str_or_none(entry.get("link")), source=outlet)  # fmt: skip


def _entry_text(entry: Any) -> str:
    """The plain text of a feed entry: its longest content, else its summary."""
    from lxml import html as lxml_html

    parts = [c.get("value", "") for c in entry.get("content", [])] or [entry.get("summary", "")]
    best = max(parts, key=len) if parts else ""
    if not best.strip():
        return ""
    if "<" not in best:
        return best.strip()
    root = lxml_html.fromstring(f"<div>{best}</div>")
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3"):
        block.tail = "\n\n" + (block.tail or "")
    return re.sub(r"\n{3,}", "\n\n", root.text_content()).strip()


def _read_jsonl(handle: IO[bytes], source: _Source, columns: Columns) -> Iterator[ReadResult]:
    """Read JSON Lines line by line (or one JSON array, parsed whole)."""
    head = handle.peek(_HEAD_BYTES)[:_HEAD_BYTES] if hasattr(handle, "peek") else b""
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
        yield from _read_json_array(handle, source, columns)
    else:
        yield from _read_lines(handle, source, columns)


def _read_lines(handle: IO[bytes], source: _Source, columns: Columns) -> Iterator[ReadResult]:
    """JSONL rows from a byte stream, each line limited to one article's size."""
    for lineno, line in _bounded_lines(handle, source.max_bytes):
        where = f"{source.path} line {lineno}"
        fallback = f"{source.stem}-{lineno}"
        if line is None:
            yield Failure(fallback, "read", f"{where}: line is longer than the article limit "
                          f"({source.max_bytes:,} bytes); split it or raise the limit.", where)  # fmt: skip
            continue
        if lineno == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as err:
            yield Failure(fallback, "read", _utf8_message(where, line[err.start], err.start), where)
            continue
        yield _json_line(text, where, fallback, source, columns)


def _bounded_lines(handle: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Lines of a byte stream; a line over ``limit`` bytes is skipped unread and given as None."""
    lineno = 0
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # skip the rest of the over-long line in bounded chunks
                rest = handle.readline(_SKIP_CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield lineno, None
        else:
            yield lineno, line


def _read_json_array(handle: IO[bytes], source: _Source, columns: Columns) -> Iterator[ReadResult]:
    """Read a ``.json`` file holding one array of article objects."""
    text = decode_bytes(read_capped(handle, MAX_JSON_ARRAY_BYTES, source.path), source.path)
    try:
        items = _json_loads(text)
    except json.JSONDecodeError as err:
        yield Failure(source.stem, "read", f"{source.path}: not valid JSON ({err.msg}, line {err.lineno}).",
                      source.path)  # fmt: skip
        return
    except _BadJSON as err:
        yield Failure(source.stem, "read", f"{source.path}: {err}.", source.path)
        return
    if not isinstance(items, list):
        items = [items]
    for number, item in enumerate(items, start=1):
        yield _json_object(item, f"{source.path} item {number}", f"{source.stem}-{number}", source, columns)


class _BadJSON(Exception):
    """JSON that parses in principle but not within Python's limits."""


def _json_loads(text: str) -> Any:
    """``json.loads`` with Python's limits turned into _BadJSON (depth, integer digits)."""
    try:
        return json.loads(text)
    except RecursionError:
        raise _BadJSON("JSON nested too deeply") from None
    except json.JSONDecodeError:
        raise
    except ValueError as err:  # an integer over Python's digit limit
        raise _BadJSON(f"JSON value out of range ({_short(str(err), 60)})") from None


def _json_line(line: str, where: str, fallback: str, source: _Source, columns: Columns) -> ReadResult:
    """Turn one JSONL line into an Article, or a Failure naming file and line."""
    try:
        obj = _json_loads(line)
    except json.JSONDecodeError as err:
        return Failure(fallback, "read", f"{where}: not valid JSON ({err.msg}).", where)
    except _BadJSON as err:
        return Failure(fallback, "read", f"{where}: {err}.", where)
    return _json_object(obj, where, fallback, source, columns)


def _json_object(obj: Any, where: str, fallback_id: str, source: _Source, columns: Columns) -> ReadResult:
    """Turn one decoded JSON value into an Article, or a Failure saying what is missing."""
    if not isinstance(obj, dict):
        return Failure(fallback_id, "read", f"{where}: expected a JSON object, got {type(obj).__name__}.", where)
    text_key = columns.text or "text"
    id_value = obj.get(columns.id or "id")
    doc_id = _str_or_none(id_value) if isinstance(id_value, (str, int)) and not isinstance(id_value, bool) else None
    doc_id = doc_id or fallback_id
    text = obj.get(text_key)
    if not isinstance(text, str) or not text.strip():
        return Failure(_safe_id(doc_id, fallback_id), "read", f"{where}: no {text_key!r} field with article text.",
                       where)  # fmt: skip
    if len(text.encode("utf-8", "surrogatepass")) > source.max_bytes:
        return Failure(_safe_id(doc_id, fallback_id), "read", f"{where}: article is longer than the limit "
                       f"({source.max_bytes:,} bytes); split it or raise the limit.", where)  # fmt: skip
    return _article(doc_id, text, source, where, date=_str_or_none(obj.get(columns.date or "date")),
                    title=_str_or_none(obj.get(columns.title or "title")),
                    url=_str_or_none(obj.get("url")), source=_str_or_none(obj.get("source")))  # fmt: skip


def _safe_id(doc_id: str, fallback: str) -> str:
    """An id fit for a failure row (the fallback when the id itself is bad)."""
    return doc_id if len(doc_id) <= _MAX_ID and _bad_string(doc_id) is None else fallback


# --------------------------------------------------------------------------- CSV


def _read_csv(handle: io.BufferedReader, source: _Source, columns: Columns) -> Iterator[ReadResult]:
    """Read a CSV/TSV file row by row: the 10kGNAD layout when detected, else with a header."""
    head_bytes = handle.peek(_HEAD_BYTES)[:_HEAD_BYTES]
    if looks_binary(head_bytes):
        raise _BadFile(f"{source.path}: binary file, not text; give a text, CSV, JSONL or HTML file.")
    head = head_bytes.decode("utf-8-sig", errors="ignore")
    if not head.strip():
        raise _BadFile(f"{source.path}: file is empty.")
    stream = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    old_limit = csv.field_size_limit()
    csv.field_size_limit(source.max_bytes)
    try:
        if is_gnad(head):
            yield from _read_gnad(stream, source)
        else:
            yield from _read_header_csv(stream, head, source, columns)
    finally:
        csv.field_size_limit(old_limit)
        stream.detach()


def is_gnad(text: str) -> bool:
    """Tell whether CSV text has the 10kGNAD layout: ``category;'text'`` rows, no header.

    text (str): the start of the file.
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


def _read_gnad(stream: TextIO, source: _Source) -> Iterator[ReadResult]:
    """Read 10kGNAD rows: doc_id ``<stem>-<row>``, category into ``meta``."""
    reader = csv.reader(stream, delimiter=";", quotechar="'")
    for number, row in enumerate(_safe_rows(reader, source), start=1):
        if isinstance(row, Failure):
            yield row
            return
        doc_id = f"{source.stem}-{number}"
        where = f"{source.path}:{number}"
        if len(row) < 2 or not row[1].strip():
            yield Failure(doc_id, "read", f"{where}: row has no article text.", where)
            continue
        article = _article(doc_id, row[1], source, where)
        if isinstance(article, Article):
            article.meta["category"] = row[0]
        yield article


def _safe_rows(reader: Iterator[Any], source: _Source) -> Iterator[Any]:
    """Iterate CSV rows, turning a parse or decoding error into one final Failure."""
    number = 0
    try:
        for number, row in enumerate(reader, start=1):  # noqa: B007 - number is used after the loop
            yield row
    except csv.Error as err:
        reason = str(err)
        if "field larger" in reason:
            reason = f"a field is larger than the article limit ({source.max_bytes:,} bytes)"
        yield Failure(source.stem, "read", f"{source.path}: CSV cannot be parsed after row {number} "
                      f"({reason}); the rest of the file is not read.", source.path)  # fmt: skip
    except UnicodeDecodeError as err:
        yield Failure(source.stem, "read", f"{source.path}: not valid UTF-8 after row {number} "
                      f"(byte 0x{err.object[err.start]:02x}); the rest of the file is not read. Convert it "
                      f"first, e.g. iconv -f latin1 -t utf-8 {source.path} > converted.csv", source.path)  # fmt: skip


def _read_header_csv(stream: TextIO, head: str, source: _Source, columns: Columns) -> Iterator[ReadResult]:
    """Read a CSV with a header row, sniffing the delimiter from the start of the file."""
    reader = csv.DictReader(stream, dialect=_sniff(head, source.path))
    try:
        header = [name for name in (reader.fieldnames or []) if name is not None]
    except csv.Error as err:
        raise _BadFile(f"{source.path}: CSV header cannot be parsed ({err}).") from None
    try:
        names = _resolve_columns(header, columns)
    except _BadFile as err:
        yield Failure(source.stem, "read", f"{source.path}: {err}", source.path)
        return
    for number, row in enumerate(_safe_rows(reader, source), start=1):
        if isinstance(row, Failure):
            yield row
            return
        yield _csv_article(row, number, source, names)


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


def _csv_article(row: dict[str, str | None], number: int, source: _Source, names: dict[str, str | None]) -> ReadResult:
    """Turn one CSV row into an Article, or a Failure when its text is empty."""
    where = f"{source.path}:{number}"

    def cell(role: str) -> str | None:
        name = names.get(role)
        value = row.get(name) if name else None
        return _str_or_none(value) if isinstance(value, str) else None

    doc_id = cell("id") or f"{source.stem}-{number}"
    text = row.get(names["text"] or "") or ""
    if not isinstance(text, str) or not text.strip():
        return Failure(_safe_id(doc_id, f"{source.stem}-{number}"), "read",
                       f"{where}: row has an empty {names['text']!r} column.", where)  # fmt: skip
    return _article(doc_id, text, source, where, date=cell("date"), title=cell("title"), url=cell("url"),
                    source=cell("source"))  # fmt: skip

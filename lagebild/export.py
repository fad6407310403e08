"""Event records out: CSV, TSV, JSON, JSON Lines, Parquet, GeoJSON and PLOVER, as a stream.

Every writer takes an iterator of event records as the store gives them
(``Store.iter_events``: EVENTS.md records with ``id`` and the ``article`` they
come from) and yields the output in chunks of bytes, so that an export of any
size is written in constant memory, on the command line and over HTTP alike.

* ``csv``, ``tsv``: one flat row per event (``FLAT_COLUMNS``): code sets joined
  with ";", evidence with " | ", the article's provenance (title, outlet, date,
  URL) in the last columns. A text cell that a spreadsheet would run as a
  formula gets a leading ' (csv only; TSV cells have tabs and line breaks
  turned into spaces).
* ``json``: one array of records; ``jsonl``: one record per line.
* ``parquet``: the flat columns with their types (integers, floats, booleans;
  code sets and evidence as lists of strings), one row group per 1,000 events.
* ``geojson``: an RFC 7946 FeatureCollection of the events whose place has
  coordinates: a Point ([longitude, latitude]) with the flat row as properties.
* ``plover``: one PLOVER record per line (JSON Lines, as the PLOVER spec
  recommends), with PLOVER's field names: ``PLOVER_FIELDS`` lists them, and the
  README maps each to its source in the record. Lagebild's force-posture fields,
  which PLOVER has no place for, are kept under ``lagebild``.

Dates. ``date_value`` is the record's date: the one the text gives (``date_text``
is the phrase), or the article's date where the text gives none. ``event_date``
is the same, or the article's date where the record has no date at all; and
``date_from_article`` is true whenever no phrase of the text gives the date, so a
reader can tell a reported date from a publication date.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import __version__

FORMATS = ("csv", "tsv", "json", "jsonl", "parquet", "geojson", "plover")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
    "json": "application/json", "jsonl": "application/x-ndjson", "parquet": "application/vnd.apache.parquet",
    "geojson": "application/geo+json", "plover": "application/x-ndjson",
}
EXTENSIONS = {"csv": "csv", "tsv": "tsv", "json": "json", "jsonl": "jsonl", "parquet": "parquet",
              "geojson": "geojson", "plover": "plover.jsonl"}
BINARY_FORMATS = frozenset({"parquet"})

FLAT_COLUMNS = (
    "id", "doc", "type", "mode", "actor_code", "actor_text", "actor_sector", "target_codes",
    "origin_codes", "location_codes", "place", "lat", "lon", "quantity_value",
    "quantity_qualifier", "quantity_unit", "status", "posture", "date_value", "date_text",
    "source_code", "source_text", "factuality", "evidence",
    "event_date", "date_from_article", "article_title", "outlet", "article_date", "url",
)
LIST_COLUMNS = ("target_codes", "origin_codes", "location_codes", "evidence")
LIST_SEPARATORS = {"target_codes": ";", "origin_codes": ";", "location_codes": ";", "evidence": " | "}

PLOVER_FIELDS = ("id", "date", "enddate", "actor", "event", "mode", "recipient", "event_loc", "event_text",
                 "quad_code", "text_info", "cite_info", "coder", "lagebild")
PLOVER_ENTITY_FIELDS = ("code", "sector", "entity_text")
PLOVER_LOCATION_FIELDS = ("extracted_place", "resolved_place", "lat", "lon", "country_code")
PLOVER_TEXT_INFO_FIELDS = ("start", "end")
PLOVER_CITE_FIELDS = ("corpus", "citation", "url", "title", "language", "publication", "coder", "codebook",
                      "version")
PLOVER_EXTRA_FIELDS = ("origin", "quantity", "status", "posture", "factuality", "source", "date_text",
                       "date_basis", "optional")

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ROW_GROUP = 1000
DATA = Path(__file__).resolve().parent / "data"


def csv_safe(value: Any) -> Any:
    """Neutralise a spreadsheet formula in a CSV text cell with a leading ' (= + - @)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _part(record: dict[str, Any], name: str) -> dict[str, Any]:
    return record.get(name) or {}


def flat_row(record: dict[str, Any]) -> dict[str, Any]:
    """An event record as one flat row (``FLAT_COLUMNS``), code sets and evidence as lists.

    record (dict): an EVENTS.md record, with ``id`` and ``article`` where the store gave them.
    RETURNS (dict): column -> value (lists for ``LIST_COLUMNS``).
    """
    actor, loc, qty = _part(record, "actor"), _part(record, "location"), _part(record, "quantity")
    dt, src, art = _part(record, "date"), _part(record, "source"), _part(record, "article")
    # the text gives no date: the pipeline put the article's date in (no date text), or nothing was put in
    from_article = bool(dt.get("value") or art.get("date")) and not dt.get("text")
    return {
        "id": record.get("id"), "doc": record.get("doc"), "type": record.get("type"), "mode": record.get("mode"),
        "actor_code": actor.get("code"), "actor_text": actor.get("text"), "actor_sector": actor.get("sector"),
        "target_codes": list(_part(record, "target").get("codes") or []),
        "origin_codes": list(_part(record, "origin").get("codes") or []),
        "location_codes": list(loc.get("codes") or []),
        "place": loc.get("place"), "lat": loc.get("lat"), "lon": loc.get("lon"),
        "quantity_value": qty.get("value"), "quantity_qualifier": qty.get("qualifier"),
        "quantity_unit": qty.get("unit"), "status": record.get("status"), "posture": record.get("posture"),
        "date_value": dt.get("value"), "date_text": dt.get("text"),
        "source_code": src.get("code"), "source_text": src.get("text"),
        "factuality": record.get("factuality"), "evidence": list(record.get("evidence") or []),
        "event_date": dt.get("value") or art.get("date"), "date_from_article": from_article,
        "article_title": art.get("title"), "outlet": art.get("outlet"), "article_date": art.get("date"),
        "url": art.get("url"),
    }


def flat_event(record: dict[str, Any]) -> dict[str, Any]:
    """An event record as one CSV row: ``flat_row`` with lists joined (";" and " | ")."""
    row = flat_row(record)
    for column in LIST_COLUMNS:
        row[column] = LIST_SEPARATORS[column].join(row[column])
    return row


def chunks(records: Iterable[dict[str, Any]], fmt: str) -> Iterator[bytes]:
    """The export of ``records`` in format ``fmt``, in chunks of bytes.

    records (Iterable[dict]): event records (``Store.iter_events``).
    fmt (str): one of ``FORMATS``.
    RETURNS (Iterator[bytes]): the output; nothing is read before the first chunk is asked for.
    RAISES (ValueError): an unknown format.
    """
    writers: dict[str, Callable[[Iterable[dict[str, Any]]], Iterator[bytes]]] = {
        "csv": _delimited(",", formula_safe=True), "tsv": _delimited("\t", formula_safe=False),
        "json": _json_array, "jsonl": _json_lines, "parquet": _parquet, "geojson": _geojson, "plover": _plover,
    }
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    return writers[fmt](records)


def delimited_row(record: dict[str, Any], *, formula_safe: bool = True) -> dict[str, Any]:
    """The cells of an event's CSV (``formula_safe``) or TSV row: ``flat_event`` with booleans
    as true/false, and formulas neutralised (CSV) or tabs and line breaks made spaces (TSV)."""
    def cell(value: Any) -> Any:
        if isinstance(value, bool):
            return "true" if value else "false"
        if formula_safe:
            return csv_safe(value)
        return " ".join(value.split()) if isinstance(value, str) else value

    return {k: cell(v) for k, v in flat_event(record).items()}


def _delimited(delimiter: str, *, formula_safe: bool) -> Callable[[Iterable[dict[str, Any]]], Iterator[bytes]]:
    """A writer of flat rows separated by ``delimiter`` (CSV quoting; TSV without line breaks in cells)."""
    def write(records: Iterable[dict[str, Any]]) -> Iterator[bytes]:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=FLAT_COLUMNS, delimiter=delimiter, lineterminator="\r\n")
        writer.writeheader()
        for n, record in enumerate(records, 1):
            writer.writerow(delimited_row(record, formula_safe=formula_safe))
            if n % 200 == 0:
                yield _take(buffer)
        yield _take(buffer)
    return write


def _take(buffer: io.StringIO) -> bytes:
    """The buffer's text as UTF-8, emptying it."""
    out = buffer.getvalue().encode("utf-8")
    buffer.seek(0)
    buffer.truncate()
    return out


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _json_lines(records: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    for record in records:
        yield (_dumps(record) + "\n").encode("utf-8")


def _json_array(records: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    yield b"["
    for n, record in enumerate(records):
        yield ((",\n" if n else "\n") + _dumps(record)).encode("utf-8")
    yield b"\n]\n"


def _geojson(records: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """A FeatureCollection, one Point feature per event with coordinates."""
    yield b'{"type": "FeatureCollection", "features": ['
    n = 0
    for record in records:
        feature = geojson_feature(record)
        if feature is not None:
            yield ((",\n" if n else "\n") + _dumps(feature)).encode("utf-8")
            n += 1
    yield b"\n]}\n"


def geojson_feature(record: dict[str, Any]) -> dict[str, Any] | None:
    """The GeoJSON Feature of an event whose place has coordinates (else None)."""
    loc = _part(record, "location")
    lat, lon = loc.get("lat"), loc.get("lon")
    if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
        return None
    return {"type": "Feature", "id": record.get("id"),
            "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
            "properties": flat_row(record)}


def _parquet(records: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """Parquet with typed columns, one row group per ``ROW_GROUP`` events, streamed."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    sink = _Sink()
    with pq.ParquetWriter(sink, schema, compression="zstd") as writer:
        rows: list[dict[str, Any]] = []
        for record in records:
            rows.append(flat_row(record))
            if len(rows) >= ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                rows = []
                yield sink.take()
        if rows:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    yield sink.take()


def parquet_schema() -> Any:
    """The Parquet schema of the flat columns."""
    import pyarrow as pa

    types = {"id": pa.int64(), "lat": pa.float64(), "lon": pa.float64(), "quantity_value": pa.int64(),
             "date_from_article": pa.bool_()}
    return pa.schema([(name, pa.list_(pa.string()) if name in LIST_COLUMNS else types.get(name, pa.string()))
                      for name in FLAT_COLUMNS])


class _Sink(io.RawIOBase):
    """A write-only file that hands on what was written since the last ``take``."""

    def __init__(self) -> None:
        super().__init__()
        self._parts: list[bytes] = []
        self._size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self._parts.append(chunk)
        self._size += len(chunk)
        return len(chunk)

    def tell(self) -> int:
        return self._size

    def take(self) -> bytes:
        out = b"".join(self._parts)
        self._parts = []
        return out


def _plover(records: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    for record in records:
        yield (_dumps(plover_record(record)) + "\n").encode("utf-8")


@lru_cache(maxsize=1)
def quad_codes() -> dict[str, int]:
    """PLOVER's quad code of each event type (``data/plover_quad.tsv``); PRESENCE has none."""
    out: dict[str, int] = {}
    for line in (DATA / "plover_quad.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            etype, quad = line.split("\t")[:2]
            out[etype.strip()] = int(quad)
    return out


def _interval(value: str | None) -> tuple[str, str] | None:
    """The first and last day of an ISO date at any precision ("2022-03" -> 03-01, 03-31)."""
    from .store.query import date_fields  # the store's reading of ISO dates, shared

    _, start, end = date_fields(value)
    return (start, end) if start and end else None


def plover_record(record: dict[str, Any]) -> dict[str, Any]:
    """An event record in PLOVER's JSON shape (see the module docstring and ``PLOVER_FIELDS``).

    record (dict): an EVENTS.md record with ``id`` and ``article`` (as the store gives it).
    RETURNS (dict): the PLOVER record; dates as YYYY-MM-DD with the interval the text's
        precision allows (``date`` .. ``enddate``), the article's date where the text has none.
    """
    flat = flat_row(record)
    actor, target, loc = _part(record, "actor"), _part(record, "target"), _part(record, "location")
    precision_value = flat["event_date"]
    interval = _interval(precision_value)
    recipients = [{"code": code, "sector": None, "entity_text": target.get("text") if i == 0 else None}
                  for i, code in enumerate(target.get("codes") or [])]
    offsets = record.get("evidence_offsets") or []
    out: dict[str, Any] = {
        "id": f"lagebild-{record.get('id') if record.get('id') is not None else record.get('doc')}",
        "date": interval[0] if interval else None,
        "enddate": interval[1] if interval else None,
        "actor": [{"code": actor.get("code"), "sector": actor.get("sector"), "entity_text": actor.get("text")}]
        if actor else [],
        "event": [record.get("type")],
        "mode": [record["mode"]] if record.get("mode") else [],
        "recipient": recipients,
        "event_loc": {"extracted_place": loc.get("text"), "resolved_place": loc.get("place"),
                      "lat": loc.get("lat"), "lon": loc.get("lon"),
                      "country_code": (loc.get("codes") or [None])[0]} if loc else None,
        "event_text": list(record.get("evidence") or []),
        "quad_code": quad_codes().get(str(record.get("type"))),
        "text_info": {"start": offsets[0][0], "end": offsets[-1][1]} if offsets else None,
        "cite_info": {"corpus": "lagebild", "citation": record.get("doc"), "url": flat["url"],
                      "title": flat["article_title"], "language": "de", "publication": flat["outlet"],
                      "coder": "lagebild", "codebook": "lagebild EVENTS.md (PLOVER types)",
                      "version": __version__},
        "coder": "lagebild",
        "lagebild": {"origin": record.get("origin"), "quantity": record.get("quantity"),
                     "status": record.get("status"), "posture": record.get("posture"),
                     "factuality": record.get("factuality"), "source": record.get("source"),
                     "date_text": _part(record, "date").get("text"),
                     "date_basis": "article" if flat["date_from_article"] else ("text" if interval else None),
                     "optional": bool(record.get("optional"))},
    }
    return out


# -- stories and ledger entries as flat rows ----------------------------------------------

STORY_COLUMNS = ("group", "story_id", "type", "mode", "actor_code", "targets", "status", "statuses", "posture",
                 "numbers", "number_min", "number_max", "numbers_disagree", "date_start", "date_end",
                 "first_report", "last_report", "reports", "articles", "outlets", "sources", "evidence")


def number_cell(number: dict[str, Any]) -> str:
    """"≈7000 soldiers (dpa-AFX, 2022-03)": a number with who gives it and when."""
    sign = {"approx": "≈", "min": "≥", "max": "≤"}.get(number.get("qualifier") or "", "")
    who = ", ".join(str(x) for x in (number.get("source") or number.get("outlet"), number.get("article_date")) if x)
    text = f"{sign}{number['value']} {number.get('unit') or ''}".strip()
    return f"{text} ({who})" if who else text


def story_row(story: dict[str, Any], group: str | None = None) -> dict[str, Any]:
    """One story (or ledger entry) as a flat row of ``STORY_COLUMNS``, formula-safe for CSV."""
    low, high = story["number_range"] or (None, None)
    row = {
        "group": group, "story_id": story["id"], "type": story["type"], "mode": story["mode"],
        "actor_code": story["actor"]["code"], "targets": ";".join(story["targets"]), "status": story["status"],
        "statuses": " → ".join(s["status"] for s in story["statuses"]), "posture": ";".join(story["posture"]),
        "numbers": " | ".join(number_cell(n) for n in story["numbers"]), "number_min": low, "number_max": high,
        "numbers_disagree": "true" if story["numbers_disagree"] else "false",
        "date_start": story["date"]["start"], "date_end": story["date"]["end"],
        "first_report": story["first_report"], "last_report": story["last_report"], "reports": story["reports"],
        "articles": story["articles"], "outlets": ";".join(story["outlets"]), "sources": ";".join(story["sources"]),
        "evidence": " | ".join(e["evidence"][0] for e in story["events"] if e.get("evidence")),
    }
    return {k: csv_safe(v) for k, v in row.items()}


def story_csv(rows: Iterable[dict[str, Any]]) -> str:
    """Flat story rows (``story_row``) as CSV text with a header."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=STORY_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()

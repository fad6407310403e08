"""Flat exports of event records: CSV rows and short table cells.

One definition of the CSV columns, used by the command line and the HTTP API.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

__all__ = ["CSV_COLUMNS", "flatten", "to_csv"]

CSV_COLUMNS = [
    "id", "doc", "type", "mode", "actor_code", "actor_text", "actor_sector",
    "target_codes", "target_text", "origin_codes", "location_codes", "place", "lat", "lon",
    "quantity_value", "quantity_qualifier", "quantity_unit", "quantity_text",
    "status", "posture", "date_value", "date_text", "source_code", "source_text",
    "factuality", "evidence",
]  # fmt: skip


def _get(record: dict[str, Any], key: str, sub: str) -> Any:
    value = record.get(key) or {}
    return value.get(sub)


def _codes(record: dict[str, Any], key: str) -> str:
    return ";".join(_get(record, key, "codes") or [])


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """One flat row (CSV_COLUMNS) for an EVENTS.md record."""
    return {
        "id": record.get("id"),
        "doc": record.get("doc"),
        "type": record.get("type"),
        "mode": record.get("mode"),
        "actor_code": _get(record, "actor", "code"),
        "actor_text": _get(record, "actor", "text"),
        "actor_sector": _get(record, "actor", "sector"),
        "target_codes": _codes(record, "target"),
        "target_text": _get(record, "target", "text"),
        "origin_codes": _codes(record, "origin"),
        "location_codes": _codes(record, "location"),
        "place": _get(record, "location", "place"),
        "lat": _get(record, "location", "lat"),
        "lon": _get(record, "location", "lon"),
        "quantity_value": _get(record, "quantity", "value"),
        "quantity_qualifier": _get(record, "quantity", "qualifier"),
        "quantity_unit": _get(record, "quantity", "unit"),
        "quantity_text": _get(record, "quantity", "text"),
        "status": record.get("status"),
        "posture": record.get("posture"),
        "date_value": _get(record, "date", "value"),
        "date_text": _get(record, "date", "text"),
        "source_code": _get(record, "source", "code"),
        "source_text": _get(record, "source", "text"),
        "factuality": record.get("factuality"),
        "evidence": " | ".join(record.get("evidence") or []),
    }


def to_csv(records: Iterable[dict[str, Any]], *, header: bool = True) -> str:
    """CSV text (with a header row) for EVENTS.md records."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    if header:
        writer.writeheader()
    for record in records:
        writer.writerow(flatten(record))
    return buf.getvalue()

"""Exports: every format round-trips (Parquet through pyarrow, GeoJSON through a JSON
schema, PLOVER through its documented field list), streams, and carries provenance;
the CLI and the HTTP API give the same bytes for the same filters."""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from starlette.exceptions import StarletteDeprecationWarning

from lagebild import export
from lagebild.cli import main
from lagebild.model import Article
from lagebild.pipeline import process_article
from lagebild.read import iter_articles
from lagebild.store import Store

with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

from lagebild.web.app import create_app

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "seeds"
GEOJSON_SCHEMA = json.loads((Path(__file__).parent / "data" / "geojson.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def extracted_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite store with the seed articles as the pipeline extracts them (places with
    coordinates), one of them with a title and URL, and one undated article."""
    path = tmp_path_factory.mktemp("export") / "seeds.db"
    with Store(path) as store:
        for n, article in enumerate(a for a in iter_articles([str(SEEDS)]) if isinstance(a, Article)):
            if n == 0:
                article.title, article.url = "USA verlegen Soldaten ins Baltikum", "https://example.org/a"
            store.add_article(*process_article(article))
        undated = Article(doc_id="ohne-datum", text="Die Nato verlegt 300 Soldaten nach Litauen.",
                          date="2021-06-14", source="dpa")
        store.add_article(*process_article(undated))
    return path


def _records(db: Path, **filters: Any) -> list[dict[str, Any]]:
    with Store(db, readonly=True) as store:
        return list(store.iter_events(**filters))


def _export(db: Path, fmt: str, *args: str) -> bytes:
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--format", fmt, *args])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def test_export_json_and_jsonl_round_trip(extracted_db: Path) -> None:
    records = _records(extracted_db)
    assert json.loads(_export(extracted_db, "json")) == records
    lines = _export(extracted_db, "jsonl").decode("utf-8").splitlines()
    assert [json.loads(line) for line in lines] == records and len(records) > 50


def test_export_records_carry_provenance(extracted_db: Path) -> None:
    records = _records(extracted_db)
    given = [r for r in records if r["doc"] == "000_82da7f612d3910dc"]
    assert given and all(r["article"] == {"title": "USA verlegen Soldaten ins Baltikum", "outlet": "dpa-AFX",
                                          "date": "2022-03", "url": "https://example.org/a"} for r in given)
    headlines = {r["article"]["title"] for r in records if r["doc"] == "003_fc3e6c62cb06daf1"}
    assert headlines == {"USA schicken 2.000 Soldaten nach Europa"}  # the seed's headline line
    assert all(set(r["article"]) == {"title", "outlet", "date", "url"} for r in records)


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_export_delimited_round_trip(extracted_db: Path, fmt: str, delimiter: str) -> None:
    records = _records(extracted_db)
    rows = list(csv.DictReader(io.StringIO(_export(extracted_db, fmt).decode("utf-8")), delimiter=delimiter))
    assert tuple(rows[0]) == export.FLAT_COLUMNS and len(rows) == len(records)
    for row, record in zip(rows, records):
        assert int(row["id"]) == record["id"] and row["type"] == record["type"]
        assert row["target_codes"].split(";") == ((record["target"] or {}).get("codes") or [""])
        assert row["evidence"].split(" | ")[0].lstrip("'") == " ".join(record["evidence"][0].split()) or fmt == "csv"
        assert row["outlet"] == (record["article"]["outlet"] or "")


def test_export_date_from_article_is_marked(extracted_db: Path) -> None:
    rows = [export.flat_row(r) for r in _records(extracted_db, doc="ohne-datum")]
    assert rows and all((r["date_text"], r["event_date"], r["date_from_article"]) == (None, "2021-06-14", True)
                        for r in rows)
    phrased = [export.flat_row(r) for r in _records(extracted_db) if (r["date"] or {}).get("text")]
    assert phrased and not any(r["date_from_article"] for r in phrased)
    assert all(r["event_date"] == r["date_value"] for r in phrased)
    undated = export.flat_row({"id": 1, "type": "AID", "article": {"date": "2020-01-02"}})
    assert (undated["date_value"], undated["event_date"], undated["date_from_article"]) == (None, "2020-01-02", True)
    assert export.flat_row({"id": 1, "type": "AID"})["date_from_article"] is False


def test_export_parquet_round_trips_through_pyarrow(extracted_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    result = CliRunner().invoke(main, ["export", "--db", str(extracted_db), "--format", "parquet", "-o", str(out)])
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert table.schema == export.parquet_schema()
    expected = [export.flat_row(r) for r in _records(extracted_db)]
    assert table.to_pylist() == expected


def test_export_parquet_streams_row_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parquet is written a row group at a time: bytes come out before the input ends."""
    monkeypatch.setattr(export, "ROW_GROUP", 10)
    taken = 0

    def records() -> Iterator[dict[str, Any]]:
        nonlocal taken
        for n in range(1, 36):
            taken += 1
            yield {"id": n, "doc": "d", "type": "AID", "evidence": [f"Satz {n}."]}

    stream = export.chunks(records(), "parquet")
    first = next(chunk for chunk in stream if chunk)
    assert first.startswith(b"PAR1") and taken < 35
    data = first + b"".join(stream)
    assert pq.read_table(io.BytesIO(data)).num_rows == 35 and pq.ParquetFile(io.BytesIO(data)).num_row_groups == 4


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_export_is_lazy(fmt: str) -> None:
    """No format reads the whole input before writing: the first chunk needs few records."""
    taken = 0

    def records() -> Iterator[dict[str, Any]]:
        nonlocal taken
        for n in range(1, 5001):
            taken += 1
            yield {"id": n, "doc": "d", "type": "AID", "evidence": [f"Satz {n}."],
                   "location": {"text": "Riga", "codes": ["LVA"], "place": "Riga", "lat": 56.9, "lon": 24.1}}

    stream = export.chunks(records(), fmt)
    for _ in range(3):
        next(stream)
    assert taken < 5000


def test_export_geojson_is_valid_against_the_schema(extracted_db: Path) -> None:
    collection = json.loads(_export(extracted_db, "geojson"))
    jsonschema.validate(collection, GEOJSON_SCHEMA)
    placed = [r for r in _records(extracted_db) if (r["location"] or {}).get("lat") is not None]
    assert len(collection["features"]) == len(placed) > 5
    for feature, record in zip(collection["features"], placed):
        assert feature["id"] == record["id"]
        assert feature["geometry"]["coordinates"] == [record["location"]["lon"], record["location"]["lat"]]
        assert feature["properties"]["place"] == record["location"]["place"]


def test_export_geojson_schema_rejects_swapped_coordinates() -> None:
    bad = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [54.7, 125.3]}, "properties": {}}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, GEOJSON_SCHEMA)


def test_export_plover_uses_the_documented_fields(extracted_db: Path) -> None:
    lines = [json.loads(line) for line in _export(extracted_db, "plover").decode("utf-8").splitlines()]
    records = _records(extracted_db)
    assert len(lines) == len(records)
    nested = {"actor": export.PLOVER_ENTITY_FIELDS, "recipient": export.PLOVER_ENTITY_FIELDS}
    for plover, record in zip(lines, records):
        assert tuple(plover) == export.PLOVER_FIELDS
        assert {"id", "date", "actor", "event"} <= set(plover)  # PLOVER's required fields
        assert plover["event"] == [record["type"]] and plover["event_text"] == record["evidence"]
        for key, fields in nested.items():
            assert all(tuple(entity) == fields for entity in plover[key])
        if plover["event_loc"] is not None:
            assert tuple(plover["event_loc"]) == export.PLOVER_LOCATION_FIELDS
        assert plover["text_info"] is None or tuple(plover["text_info"]) == export.PLOVER_TEXT_INFO_FIELDS
        assert tuple(plover["cite_info"]) == export.PLOVER_CITE_FIELDS
        assert tuple(plover["lagebild"]) == export.PLOVER_EXTRA_FIELDS
        assert plover["date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", plover["date"])
        assert plover["quad_code"] == (None if record["type"] == "PRESENCE" else export.quad_codes()[record["type"]])


def test_export_plover_dates_span_the_precision() -> None:
    record = {"id": 7, "doc": "d", "type": "MOBILIZE", "date": {"text": "im März", "value": "2022-03"},
              "article": {"date": "2022-04-02"}}
    plover = export.plover_record(record)
    assert (plover["date"], plover["enddate"], plover["lagebild"]["date_basis"]) == (
        "2022-03-01", "2022-03-31", "text")
    del record["date"]
    plover = export.plover_record(record)
    assert (plover["date"], plover["enddate"], plover["lagebild"]["date_basis"]) == (
        "2022-04-02", "2022-04-02", "article")


def test_export_readme_documents_every_plover_field() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    fields = (export.PLOVER_FIELDS + export.PLOVER_ENTITY_FIELDS + export.PLOVER_LOCATION_FIELDS
              + export.PLOVER_TEXT_INFO_FIELDS + export.PLOVER_CITE_FIELDS + export.PLOVER_EXTRA_FIELDS)
    assert [f for f in fields if f"`{f}`" not in readme] == []


def test_export_csv_neutralises_formulas() -> None:
    record = {"id": 1, "doc": "d", "type": "ACCUSE", "actor": {"text": "=HYPERLINK(1)", "code": "USA"}}
    text = b"".join(export.chunks([record], "csv")).decode("utf-8")
    assert "'=HYPERLINK(1)" in text
    tsv = b"".join(export.chunks([dict(record, evidence=["a\tb\nc"])], "tsv")).decode("utf-8")
    assert tsv.splitlines()[1].count("\t") == len(export.FLAT_COLUMNS) - 1


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_api_export_matches_the_cli(extracted_db: Path, fmt: str) -> None:
    with TestClient(create_app(f"sqlite:///{extracted_db}"), raise_server_exceptions=False) as client:
        response = client.get(f"/api/events.{fmt}", params={"type": "MOBILIZE", "actor": "USA"})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == export.MEDIA_TYPES[fmt].split(";")[0]
    assert f'filename="lagebild-events.{export.EXTENSIONS[fmt]}"' in response.headers["content-disposition"]
    assert response.content == _export(extracted_db, fmt, "--type", "MOBILIZE", "--actor", "USA")


def test_api_export_bad_filter_is_400(extracted_db: Path) -> None:
    with TestClient(create_app(f"sqlite:///{extracted_db}"), raise_server_exceptions=False) as client:
        response = client.get("/api/events.parquet", params={"since": "März"})
    assert response.status_code == 400 and "since" in response.text


def test_cli_export_bad_filter_and_interrupted_file(extracted_db: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "x.parquet"
    result = CliRunner().invoke(main, ["export", "--db", str(extracted_db), "--since", "gestern", "-o", str(out)])
    assert result.exit_code == 2 and "since" in result.output and not out.exists()

    def broken(records: Any, fmt: str) -> Iterator[bytes]:
        yield b"PAR1"
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "chunks", broken)
    result = CliRunner().invoke(main, ["export", "--db", str(extracted_db), "--format", "parquet", "-o", str(out)])
    assert result.exit_code == 3 and "Traceback" not in result.output
    assert not out.exists()


def test_cli_events_formats_follow_limit(extracted_db: Path) -> None:
    result = CliRunner().invoke(main, ["events", "--db", str(extracted_db), "--format", "jsonl", "--limit", "4"])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 4
    assert "showing the first 4 events" in result.stderr

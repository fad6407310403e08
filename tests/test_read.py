"""Tests for lagebild.read: paths, formats and every kind of bad input."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from lagebild.errors import InputError
from lagebild.model import Article, Failure
from lagebild.read import expand_paths, iter_articles, looks_binary

DATA = Path(__file__).parent / "data"
GERMAN = "Die Nato verlegt weitere Soldaten an die Ostflanke, teilte das Bündnis mit.\n"


def _ids(results: list[Article | Failure]) -> list[tuple[str, str]]:
    return [(type(r).__name__, r.doc_id) for r in results]


# --------------------------------------------------------------------------- paths


def test_read_expand_folder_recursive_sorted_skips_hidden_and_unsupported(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b.txt", "a.jsonl", "c.pdf", ".secret.txt", "sub/d.csv", ".hidden/e.txt", "notes"):
        (tmp_path / name).write_text(GERMAN, encoding="utf-8")
    got = [os.path.relpath(p, tmp_path) for p in expand_paths([str(tmp_path)])]
    assert got == ["a.jsonl", "b.txt", "notes", os.path.join("sub", "d.csv")]


def test_read_expand_glob_and_stdin(tmp_path: Path) -> None:
    for name in ("x1.txt", "x2.txt", "y.txt"):
        (tmp_path / name).write_text(GERMAN, encoding="utf-8")
    got = expand_paths([str(tmp_path / "x*.txt"), "-", str(tmp_path / "x1.txt")])
    assert got == [str(tmp_path / "x1.txt"), str(tmp_path / "x2.txt"), "-"]


@pytest.mark.parametrize("path", ["does-not-exist.txt", "nowhere/*.jsonl"])
def test_read_expand_missing_path_raises(path: str) -> None:
    with pytest.raises(InputError) as info:
        expand_paths([path])
    assert str(info.value) == (
        f"No such file or folder: {path!r}. Give a text, CSV, JSONL, HTML or feed file, "
        "a folder, a glob, or - for standard input."
    )


# --------------------------------------------------------------------------- formats


@pytest.mark.parametrize(
    "name,content,doc_id,text",
    [
        ("000_seed.txt", GERMAN, "000_seed", GERMAN),
        ("article", GERMAN, "article", GERMAN),
        ("bom.md", "\ufeff" + GERMAN, "bom", GERMAN),
    ],
)
def test_read_plain_text(tmp_path: Path, name: str, content: str, doc_id: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    (article,) = list(iter_articles([str(path)]))
    assert isinstance(article, Article)
    assert (article.doc_id, article.text, article.path) == (doc_id, text, str(path))


def test_read_gnad_csv_detected() -> None:
    results = list(iter_articles([str(DATA / "gnad_sample.csv")]))
    assert _ids(results) == [
        ("Article", "gnad_sample-1"),
        ("Article", "gnad_sample-2"),
        ("Failure", "gnad_sample-3"),
        ("Article", "gnad_sample-4"),
    ]
    first = results[0]
    assert isinstance(first, Article)
    assert first.meta == {"category": "International"}
    assert first.path == f"{DATA / 'gnad_sample.csv'}:1"
    assert first.text.startswith("Polen fordert mehr Nato-Soldaten. Warschau/Washington – ")
    assert results[2].message == f"{DATA / 'gnad_sample.csv'}:3: row has no article text."


def test_read_header_csv_with_bad_row() -> None:
    results = list(iter_articles([str(DATA / "header.csv")]))
    assert _ids(results) == [("Article", "a1"), ("Failure", "a2"), ("Article", "header-3")]
    first = results[0]
    assert isinstance(first, Article)
    assert (first.title, first.date) == ("Truppen verlegt", "2022-03-07")
    assert results[1].message == f"{DATA / 'header.csv'}:2: row has an empty 'text' column."


@pytest.mark.parametrize(
    "option,value,role",
    [("text_column", "body", "text"), ("id_column", "key", "id"), ("date_column", "datum", "date")],
)
def test_read_csv_wrong_column_raises(option: str, value: str, role: str) -> None:
    with pytest.raises(InputError) as info:
        list(iter_articles([str(DATA / "header.csv")], **{option: value}))
    assert str(info.value) == (
        f"No column {value!r} for the {role} in the CSV input. "
        "Columns available: 'id', 'title', 'date', 'text'."
    )


def test_read_csv_semicolon_with_named_columns(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("nr;inhalt;tag\n7;" + GERMAN.strip() + ";2022-01-02\n", encoding="utf-8")
    (article,) = list(iter_articles([str(path)], text_column="inhalt", id_column="nr", date_column="tag"))
    assert isinstance(article, Article)
    assert (article.doc_id, article.text, article.date) == ("7", GERMAN.strip(), "2022-01-02")


def test_read_jsonl_broken_lines_go_on() -> None:
    path = DATA / "articles.jsonl"
    results = list(iter_articles([str(path)]))
    assert _ids(results) == [
        ("Article", "j1"),
        ("Failure", "articles-2"),
        ("Article", "articles-3"),
        ("Failure", "j4"),
        ("Article", "j5"),
    ]
    assert results[1].message == (
        f"{path} line 2: not valid JSON (Expecting property name enclosed in double quotes)."
    )
    assert results[3].message == f"{path} line 4: no 'text' field with article text."
    first = results[0]
    assert isinstance(first, Article)
    assert (first.date, first.title, first.url, first.source) == (
        "2022-02-24",
        "Nato verlegt Soldaten",
        "https://example.org/a",
        "dpa",
    )


def test_read_html_with_trafilatura() -> None:
    (article,) = list(iter_articles([str(DATA / "sample.html")]))
    assert isinstance(article, Article)
    assert article.doc_id == "sample"
    assert article.title == "Nato verlegt weitere Truppen nach Litauen"
    assert article.date == "2022-06-29"
    assert "Insgesamt sollen 3.000 Soldaten nach Litauen und Polen verlegt werden." in article.text
    assert "Impressum" not in article.text and "Cookies" not in article.text


@pytest.mark.parametrize(
    "content,expected",
    [
        (GERMAN, [("Article", "stdin")]),
        ('{"id": "s1", "text": "Text eins."}\n{"text": "Text zwei."}\n', [("Article", "s1"), ("Article", "stdin-2")]),
        ("  \n", [("Failure", "stdin")]),
    ],
)
def test_read_stdin(content: str, expected: list[tuple[str, str]]) -> None:
    results = list(iter_articles(["-"], stdin=io.StringIO(content)))
    assert _ids(results) == expected


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "{path}: binary file, not text; give a text, CSV, JSONL or HTML file."),
        ("control.txt", bytes(range(1, 9)) * 50, "{path}: binary file, not text; give a text, CSV, JSONL or HTML file."),
        ("empty.txt", b"", "{path}: file is empty."),
        ("blank.txt", b" \n\t\n  ", "{path}: file is empty."),
        (
            "latin1.txt",
            "Die Truppen würden verstärkt.".encode("latin-1"),
            "{path}: not valid UTF-8 (byte 0xfc at offset 13); convert it first, "
            "e.g. iconv -f latin1 -t utf-8 {path} > converted.txt",
        ),
        ("report.pdf", b"%PDF-1.4", "{path}: unsupported file type '.pdf'; use one of .atom, .csv, .htm, .html, .json, .jsonl, .md, .ndjson, .rss, .text, .tsv, .txt, .xml."),
    ],
)
def test_read_bad_file_is_failure(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    (failure,) = list(iter_articles([str(path)]))
    assert failure == Failure(path.stem, "read", message.format(path=path), str(path))


def test_read_too_large_is_failure(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(GERMAN * 10, encoding="utf-8")
    size = path.stat().st_size
    (failure,) = list(iter_articles([str(path)], max_bytes=100))
    assert isinstance(failure, Failure)
    assert failure.message == f"{path}: file is too large ({size:,} bytes, limit 100); split it or raise the limit."


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read any file")
def test_read_unreadable_is_failure(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(GERMAN, encoding="utf-8")
    path.chmod(0)
    try:
        (failure,) = list(iter_articles([str(path)]))
    finally:
        path.chmod(0o644)
    assert failure == Failure("locked", "read", f"{path}: permission denied; make the file readable.", str(path))


def test_read_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\x00\x01")
    (tmp_path / "b.txt").write_text(GERMAN, encoding="utf-8")
    assert _ids(list(iter_articles([str(tmp_path)]))) == [("Failure", "a"), ("Article", "b")]


@pytest.mark.parametrize(
    "data,expected",
    [(b"Hallo Welt\n", False), (b"a\x00b", True), (b"", False), ("Grüße\tund\r\n".encode(), False)],
)
def test_read_looks_binary(data: bytes, expected: bool) -> None:
    assert looks_binary(data) is expected


def test_read_permission_error_is_failure_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(GERMAN, encoding="utf-8")

    real_open = os.open

    def refuse(name: str, *args: object, **kwargs: object) -> int:
        if str(name) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr("lagebild.read.os.open", refuse)
    (failure,) = list(iter_articles([str(path)]))
    assert failure == Failure("locked", "read", f"{path}: permission denied; make the file readable.", str(path))


@pytest.mark.parametrize(
    "name,content,expected",
    [
        ("list.json", '[{"id": "a", "text": "Text eins."}, {"text": "Text zwei."}, {"id": "c"}]',
         [("Article", "a"), ("Article", "list-2"), ("Failure", "c")]),
        ("table.tsv", "id\ttext\nt1\tDie Nato verlegt Soldaten.\nt2\t\n", [("Article", "t1"), ("Failure", "t2")]),
        ("notext.csv", "id,inhalt\n1,Die Nato verlegt Soldaten.\n", [("Failure", "notext")]),
    ],
)
def test_read_other_containers(tmp_path: Path, name: str, content: str, expected: list[tuple[str, str]]) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert _ids(list(iter_articles([str(path)]))) == expected

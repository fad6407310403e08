"""Regression tests for hostile input to the reader (issue 8): each case once aborted a
run, hung, or lost a good article. Every test reads a bad input next to a good one and
asserts that the good one arrives and the bad one is a one-line Failure."""

from __future__ import annotations

import io
import os
import threading
from pathlib import Path

import pytest

from lagebild.model import Article, Failure
from lagebild.read import expand_paths, iter_articles, normalize_date, read_stdin

GERMAN = "Die Nato verlegt weitere Soldaten an die Ostflanke, teilte das Bündnis mit.\n"


def _kinds(results: list[Article | Failure]) -> list[tuple[str, str]]:
    return [(type(r).__name__, r.doc_id) for r in results]


def _read(*paths: Path | str, **options: object) -> list[Article | Failure]:
    return list(iter_articles([str(p) for p in paths], **options))  # type: ignore[arg-type]


def _in_time(func, seconds: float = 20.0):  # noqa: ANN001, ANN202 - test helper
    """Run func in a thread; fail the test (instead of hanging CI) if it does not return."""
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["value"] = func()
        except BaseException as err:  # noqa: BLE001 - re-raised below
            box["error"] = err

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"did not finish within {seconds} s"
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]


# --------------------------------------------------------------------------- JSON limits (defect 1)


def test_deeply_nested_jsonl_value_is_a_failure_and_the_run_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    deep = '{"id": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}"
    path.write_text(deep + "\n" + '{"id": "good", "text": "' + GERMAN.strip() + '"}\n', encoding="utf-8")
    results = _read(path)
    assert _kinds(results) == [("Failure", "deep-1"), ("Article", "good")]
    assert results[0].message.endswith("line 1: JSON nested too deeply.")


def test_huge_integer_in_jsonl_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text('{"id": 1' + "0" * 5000 + ', "text": "x"}\n{"id": "ok", "text": "Text."}\n', encoding="utf-8")
    results = _read(path)
    assert _kinds(results) == [("Failure", "big-1"), ("Article", "ok")]
    assert "JSON value out of range" in results[0].message


def test_deeply_nested_json_array_file_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (failure,) = _read(path)
    assert isinstance(failure, Failure) and "nested too deeply" in failure.message


# --------------------------------------------------------------------------- special files (defects 2, 10)


def test_fifo_is_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "x.txt"
    os.mkfifo(fifo)
    (tmp_path / "y.txt").write_text(GERMAN, encoding="utf-8")
    results = _in_time(lambda: _read(tmp_path))
    assert _kinds(results) == [("Failure", "x"), ("Article", "y")]
    assert "not a regular file" in results[0].message


def test_symlink_to_dev_zero_is_refused_without_reading(tmp_path: Path) -> None:
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "good.txt").write_text(GERMAN, encoding="utf-8")
    results = _in_time(lambda: _read(tmp_path))
    assert _kinds(results) == [("Article", "good"), ("Failure", "zero")]
    assert "not a regular file (a device, FIFO or socket)" in results[1].message


def test_symlink_loop_file_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    results = _in_time(lambda: _read(tmp_path / "a.txt"))
    assert _kinds(results) == [("Failure", "a")]
    assert "symlink loop" in results[0].message


def test_recursive_glob_over_a_symlink_loop_finishes(tmp_path: Path) -> None:
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "sub").mkdir()
    (tmp_path / "dir" / "sub" / "back").symlink_to(tmp_path / "dir", target_is_directory=True)
    (tmp_path / "dir" / "sub" / "a.txt").write_text(GERMAN, encoding="utf-8")
    found = _in_time(lambda: expand_paths([str(tmp_path / "dir" / "**" / "*.txt")]))
    assert [Path(p).name for p in found] == ["a.txt"]
    walked = _in_time(lambda: expand_paths([str(tmp_path / "dir")]))
    assert [Path(p).name for p in walked] == ["a.txt"]


# --------------------------------------------------------------------------- limits (defect 3)


class _Endless(io.RawIOBase):
    """Standard input that never ends (like ``< /dev/zero``), counting what is read."""

    def __init__(self, byte: bytes) -> None:
        self.byte = byte
        self.read_total = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001 - io protocol
        buffer[:] = self.byte * len(buffer)
        self.read_total += len(buffer)
        return len(buffer)


@pytest.mark.parametrize("byte", [b"\x00", b"a"])
def test_endless_stdin_is_refused_after_one_article_limit(byte: bytes) -> None:
    stream = _Endless(byte)
    results = _in_time(lambda: list(read_stdin(io.BufferedReader(stream), max_bytes=100_000)))
    assert _kinds(results) == [("Failure", "stdin")]
    assert stream.read_total < 1_000_000


def test_over_long_jsonl_line_is_skipped_and_the_next_is_read(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"id": "big", "text": "' + "a" * 5000 + '"}\n{"id": "next", "text": "Text."}\n', encoding="utf-8")
    results = _read(path, max_bytes=1000)
    assert _kinds(results) == [("Failure", "rows-1"), ("Article", "next")]
    assert "longer than the article limit" in results[0].message


def test_no_per_file_cap_for_row_formats(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text("".join(f'{{"id": "r{i}", "text": "{GERMAN.strip()}"}}\n' for i in range(200)), encoding="utf-8")
    assert path.stat().st_size > 10_000
    results = _read(path, max_bytes=1000)  # the limit is per article, not per file
    assert len(results) == 200 and all(isinstance(r, Article) for r in results)


def test_csv_with_a_field_over_the_limit_keeps_the_rows_before(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(f'id,text\na,"{GERMAN.strip()}"\nb,"' + "x" * 5000 + '"\n', encoding="utf-8")
    results = _read(path, max_bytes=1000)
    assert _kinds(results) == [("Article", "a"), ("Failure", "t")]
    assert "larger than the article limit" in results[1].message


def test_csv_that_stops_being_utf8_keeps_the_rows_before(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    good = "".join(f'r{i},"{GERMAN.strip()}"\n' for i in range(2000)).encode()
    path.write_bytes(b"id,text\n" + good + b'r9,"Gr\xfc\xdfe"\n')
    results = _read(path)
    assert sum(isinstance(r, Article) for r in results) >= 1900
    assert isinstance(results[-1], Failure) and "not valid UTF-8" in results[-1].message


# --------------------------------------------------------------------------- ids (defect 5)


def test_same_file_name_in_two_folders_gets_two_ids(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(GERMAN + folder, encoding="utf-8")
    (tmp_path / "a" / "solo.txt").write_text(GERMAN, encoding="utf-8")
    results = _read(tmp_path)
    assert _kinds(results) == [("Article", "a/report"), ("Article", "solo"), ("Article", "b/report")]
    assert "named 'a/report'" in results[0].meta["warnings"][0]
    assert "warnings" not in results[1].meta


def test_same_named_csvs_give_distinct_row_ids(tmp_path: Path) -> None:
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "export.csv").write_text(f'text\n"{GERMAN.strip()} {folder}"\n', encoding="utf-8")
    assert [r.doc_id for r in _read(tmp_path)] == ["x/export-1", "y/export-1"]


def test_repeated_jsonl_ids_are_made_distinct_and_warned(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"id": "a", "text": "Eins."}\n{"id": "a", "text": "Zwei."}\n{"id": "a", "text": "Drei."}\n',
                    encoding="utf-8")
    results = _read(path)
    assert [r.doc_id for r in results] == ["a", "a#2", "a#3"]
    assert results[1].meta["warnings"] == ["id 'a' occurs more than once in this run; stored as 'a#2'"]


# --------------------------------------------------------------------------- metadata dates (defect 6)


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2022-02-01T10:00:00Z", "2022-02-01"),
        ("2022-02-01 10:00:00+01:00", "2022-02-01"),
        ("01.02.2022", "2022-02-01"),
        ("1.2.2022", "2022-02-01"),
        ("2022-03", "2022-03"),
        ("2022", "2022"),
        ("Tue, 01 Feb 2022 10:00:00 +0100", "2022-02-01"),
        ("2022-02-30", None),
        ("31.02.2022", None),
        ("2022-13", None),
        ("gestern", None),
    ],
)
def test_metadata_dates_are_normalised_or_dropped(value: str, expected: str | None) -> None:
    iso, warning = normalize_date(value)
    assert iso == expected
    assert (warning is None) == (expected is not None)


def test_bad_metadata_date_keeps_the_article_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"id": "a", "text": "Text.", "date": "2022-02-30"}\n{"id": "b", "text": "Text.", '
                    '"date": "01.02.2022"}\n', encoding="utf-8")
    first, second = _read(path)
    assert isinstance(first, Article) and first.date is None
    assert first.meta["warnings"] == ["metadata date '2022-02-30' dropped (day is out of range for month)"]
    assert isinstance(second, Article) and second.date == "2022-02-01"


# --------------------------------------------------------------------------- bad strings (defect 9)


def test_lone_surrogate_is_a_failure_that_does_not_echo_the_text(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"id": "s", "text": "Geheimer Text \\ud800 hier."}\n{"id": "ok", "text": "Text."}\n',
                    encoding="utf-8")
    results = _read(path)
    assert _kinds(results) == [("Failure", "s"), ("Article", "ok")]
    assert "lone UTF-16 surrogate at position 14" in results[0].message
    assert "Geheimer" not in results[0].message


def test_nul_in_json_text_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"id": "n", "text": "Text \\u0000 hier."}\n', encoding="utf-8")
    (failure,) = _read(path)
    assert isinstance(failure, Failure) and "NUL character" in failure.message


def test_non_string_ids_and_metadata_do_not_crash(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"id": {"x": 1}, "text": "Text.", "title": [1, 2], "date": 20220201}\n'
                    '{"id": true, "text": "Text zwei."}\n', encoding="utf-8")
    first, second = _read(path)
    assert isinstance(first, Article) and first.doc_id == "rows-1" and first.title is None
    assert isinstance(second, Article) and second.doc_id == "rows-2"


# --------------------------------------------------------------------------- feeds


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Beispiel-Nachrichten</title>
<item><title>Nato verlegt Soldaten</title><link>https://example.org/a</link>
<pubDate>Tue, 01 Feb 2022 10:00:00 +0100</pubDate>
<description>&lt;p&gt;Die Nato verlegt weitere Soldaten an die Ostflanke.&lt;/p&gt;&lt;p&gt;Das teilte das Bündnis mit.&lt;/p&gt;</description></item>
<item><title>Leer</title><link>https://example.org/b</link></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom-Quelle</title>
<entry><title>Truppen</title><link href="https://example.org/c"/><updated>2022-03-04T08:00:00Z</updated>
<content type="text">Die USA schicken 2.000 Soldaten nach Polen.</content></entry>
</feed>
"""


def test_rss_feed_entries_become_articles(tmp_path: Path) -> None:
    path = tmp_path / "news.rss"
    path.write_text(RSS, encoding="utf-8")
    first, second = _read(path)
    assert isinstance(first, Article)
    assert (first.doc_id, first.title, first.date, first.url, first.source) == (
        "news-1", "Nato verlegt Soldaten", "2022-02-01", "https://example.org/a", "Beispiel-Nachrichten")
    assert first.text == "Die Nato verlegt weitere Soldaten an die Ostflanke.\n\nDas teilte das Bündnis mit."
    assert isinstance(second, Failure) and "has no text" in second.message


def test_atom_feed_and_a_broken_feed(tmp_path: Path) -> None:
    (tmp_path / "a.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "b.xml").write_text("<html><body>kein Feed</body></html>", encoding="utf-8")
    results = _read(tmp_path)
    assert _kinds(results) == [("Article", "a-1"), ("Failure", "b")]
    assert results[0].date == "2022-03-04" and results[0].text == "Die USA schicken 2.000 Soldaten nach Polen."
    assert "no feed entries found" in results[1].message


def test_progress_callback_counts_the_bytes_read(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(f'{{"id": "r{i}", "text": "Text."}}\n' for i in range(100)), encoding="utf-8")
    seen: list[int] = []
    _read(path, on_bytes=seen.append)
    assert sum(seen) == path.stat().st_size

"""Streaming, parallel ingest (issue 8): workers give the same records as one process,
stored input is not extracted again, warnings and exit statuses are as documented."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lagebild import pipeline
from lagebild.cli import EXIT_ABORTED, EXIT_PARTIAL, EXIT_USAGE, main
from lagebild.model import Article, Failure
from lagebild.pipeline import Known, process_safely, run
from lagebild.read import iter_articles
from lagebild.store import Store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "seeds"


def invoke(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin)


def _rows(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT doc_id, ord, record FROM events ORDER BY doc_id, ord").fetchall()


def _key(result: object) -> object:
    if isinstance(result, Failure):
        return ("failure", result.doc_id, result.message)
    if isinstance(result, Known):
        return ("known", result.article.doc_id)
    article, sentences, events = result  # type: ignore[misc]
    return (article.doc_id, article.clean_text, [(s.start, s.end) for s in sentences], [e.to_record() for e in events])


def test_two_workers_give_the_same_results_in_the_same_order() -> None:
    items = list(iter_articles([str(SEEDS)])) * 3  # more articles than the pool's window
    one = [_key(r) for r in run(items, workers=1)]
    two = [_key(r) for r in run(items, workers=2, batch=2)]
    assert one == two and len(one) == len(items)


def test_known_articles_are_passed_through_unprocessed(monkeypatch: pytest.MonkeyPatch) -> None:
    items = list(iter_articles([str(SEEDS)]))
    stored = {items[0].content_hash, items[2].content_hash}
    lookups: list[int] = []

    def known(batch: list[Article]) -> set[str]:
        lookups.append(len(batch))
        return {a.content_hash for a in batch} & stored

    results = list(run(items, known=known, batch=2))
    assert [isinstance(r, Known) for r in results] == [i.content_hash in stored for i in items]
    assert lookups == [2, 2, 1]  # one look-up per batch, not per article
    pooled = list(run(items, workers=2, known=known))
    assert [_key(r) for r in pooled] == [_key(r) for r in results]


def test_a_failing_article_is_a_failure_in_a_worker_too() -> None:
    bad = Article(doc_id="en", text="The government announced new talks with its neighbours on Monday. " * 5)
    good = next(a for a in iter_articles([str(SEEDS)]) if isinstance(a, Article))
    results = list(run([bad, good, bad], workers=2, batch=1))
    assert [type(r).__name__ for r in results] == ["Failure", "tuple", "Failure"]
    assert "not German" in results[0].message


def test_an_unexpected_error_becomes_a_one_line_failure_without_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(article: Article) -> None:
        raise ValueError("kaputt\n" + article.text)

    monkeypatch.setattr(pipeline, "process_article", boom)
    failure = process_safely(Article(doc_id="x", text="Geheimer Text " * 100))
    assert isinstance(failure, Failure) and "\n" not in failure.message and len(failure.message) < 200


def test_cli_ingest_with_workers_stores_what_one_worker_stores(tmp_path: Path) -> None:
    for workers, name in ((1, "one.db"), (2, "two.db")):
        result = invoke("ingest", str(SEEDS), "--db", str(tmp_path / name), "--workers", str(workers))
        assert result.exit_code == 0, result.output
    assert _rows(tmp_path / "one.db") == _rows(tmp_path / "two.db") != []


def test_cli_reingest_does_not_extract_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "x.db")
    assert invoke("ingest", str(SEEDS), "--db", db, "-j", "1").exit_code == 0

    def never(article: Article) -> None:
        raise AssertionError(f"{article.doc_id} extracted again")

    monkeypatch.setattr(pipeline, "process_article", never)
    again = invoke("ingest", str(SEEDS), "--db", db, "-j", "1")
    assert again.exit_code == 0, again.output
    assert "0 added, 5 already stored, 0 failed" in again.output


def test_cli_same_file_names_are_stored_apart_and_said(tmp_path: Path) -> None:
    text = (SEEDS / "003_fc3e6c62cb06daf1.txt").read_text(encoding="utf-8")
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(text + f"\n\nNachtrag {folder}.", encoding="utf-8")
    db = tmp_path / "x.db"
    result = invoke("ingest", str(tmp_path / "a"), str(tmp_path / "b"), "--db", str(db), "-j", "1")
    assert result.exit_code == 0, result.output
    assert "2 added" in result.output and "2 with warnings" in result.output
    assert "warning: a/report: another input has the file name 'report.txt'; named 'a/report'" in result.output
    with sqlite3.connect(db) as conn:
        assert sorted(r[0] for r in conn.execute("SELECT doc_id FROM articles")) == ["a/report", "b/report"]


def test_cli_bad_metadata_date_keeps_the_article(tmp_path: Path) -> None:
    text = (SEEDS / "003_fc3e6c62cb06daf1.txt").read_text(encoding="utf-8")
    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps({"id": "a", "text": text, "date": "2022-02-30"}, ensure_ascii=False) + "\n"
                    + json.dumps({"id": "b", "text": text + " Ende.", "date": "2022-02-01T10:00:00Z"}) + "\n",
                    encoding="utf-8")
    db = tmp_path / "x.db"
    result = invoke("ingest", str(path), "--db", str(db), "-j", "1")
    assert result.exit_code == 0, result.output
    assert "warning: a: metadata date '2022-02-30' dropped" in result.output
    with sqlite3.connect(db) as conn:
        assert dict(conn.execute("SELECT doc_id, date FROM articles")) == {"a": None, "b": "2022-02-01"}


def test_cli_exit_status_partial_failure(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    result = invoke("ingest", str(tmp_path), str(SEEDS), "--db", str(tmp_path / "x.db"), "-j", "1")
    assert result.exit_code == EXIT_PARTIAL
    assert "5 added" in result.output and "1 failed" in result.output


def test_cli_exit_status_usage_error(tmp_path: Path) -> None:
    assert invoke("ingest", str(tmp_path / "missing"), "--db", str(tmp_path / "x.db")).exit_code == EXIT_USAGE
    assert invoke("ingest", str(SEEDS), "--workers", "0").exit_code == EXIT_USAGE


def test_cli_interrupt_aborts_with_status_3_and_keeps_what_was_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pipeline.process_article
    calls = {"n": 0}

    def interrupted(article: Article) -> object:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(article)

    monkeypatch.setattr(pipeline, "process_article", interrupted)
    db = tmp_path / "x.db"
    result = invoke("ingest", str(SEEDS), "--db", str(db), "-j", "1")
    assert result.exit_code == EXIT_ABORTED
    assert "interrupted" in result.output and "Traceback" not in result.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2


def test_cli_database_write_error_aborts_with_status_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy.exc import OperationalError

    from lagebild.store import Store

    def full(self: Store, *args: object) -> None:
        raise OperationalError("INSERT", {}, Exception("database or disk is full"))

    monkeypatch.setattr(Store, "add_articles", full)
    result = invoke("ingest", str(SEEDS), "--db", str(tmp_path / "x.db"), "-j", "1")
    assert result.exit_code == EXIT_ABORTED
    assert "cannot write to the database: database or disk is full" in result.output
    assert "Traceback" not in result.output


def test_cli_stdin_is_capped(tmp_path: Path) -> None:
    result = invoke("extract", "-", "-j", "1", stdin="Die Nato verlegt Soldaten. " * 300_000)
    assert result.exit_code == EXIT_PARTIAL
    assert "standard input: file is too large" in result.output


def test_store_add_articles_in_one_batch(tmp_path: Path) -> None:
    from lagebild.pipeline import process_article
    from lagebild.store import Store

    done = [process_article(a) for a in iter_articles([str(SEEDS)]) if isinstance(a, Article)][:2]
    first, second = done
    changed = process_article(Article(doc_id=first[0].doc_id, text=first[0].text + "\n\nNachtrag."))
    with Store(tmp_path / "x.db") as store:
        assert store.add_articles([first, second, first]) == ["added", "added", "unchanged"]
        assert store.add_articles([changed, second]) == ["replaced", "unchanged"]
        assert store.stored_hashes([first[0].content_hash, changed[0].content_hash]) == {changed[0].content_hash}


def _stored_pairs(store: Store) -> set[tuple[str, str]]:
    with store._engine.connect() as conn:  # noqa: SLF001 - the test looks at the rows themselves
        return {tuple(row) for row in conn.exec_driver_sql("SELECT doc_id, content_hash FROM articles")}


def test_store_batches_end_as_one_by_one(tmp_path: Path) -> None:
    """Random batches over few ids and texts (repeats, replacements, an id meeting another's
    text): the batch write gives the statuses and rows of adding one by one."""
    import random

    rng = random.Random(7)
    texts = ["Die Nato verlegt Soldaten.", "Russland droht der Ukraine.", "Polen kauft Panzer."]
    for case in range(60):
        plan = [[(rng.choice("abc"), rng.choice(texts)) for _ in range(rng.randint(1, 4))] for _ in range(3)]
        batched, single = Store(tmp_path / f"b{case}.db"), Store(tmp_path / f"s{case}.db")
        with batched, single:
            for batch in plan:
                items = [(Article(doc_id=d, text=t, clean_text=t), [], []) for d, t in batch]
                assert batched.add_articles(items) == [single.add_article(*item) for item in items], plan
            assert _stored_pairs(batched) == _stored_pairs(single), plan

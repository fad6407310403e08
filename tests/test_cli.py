"""The ``lagebild`` command line, run in-process with click's CliRunner.

Every command is exercised on the seed articles with temporary SQLite files:
output formats, filters, idempotent ingestion, the reference scorer's figures,
and the error policy (one line per bad article or wrong usage, exit status 1 or
2, never a traceback).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ENGLISH, RECORD_KEYS
from conftest import ONE_EVENT_SENTENCE as SENTENCE
from click.testing import CliRunner, Result

from lagebild import __version__
from lagebild.cli import main
from lagebild.export import FLAT_COLUMNS as CSV_COLUMNS
from lagebild.model import Article
from lagebild.pipeline import process_article
from lagebild.store import Store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "seeds"
GOLD = ROOT / "examples" / "gold.jsonl"
SCORER = ROOT.parent / "shared" / "tools" / "score_events.py"
SEED_IDS = sorted(p.stem for p in SEEDS.glob("*.txt"))
GOOD_SEED = SEEDS / "003_fc3e6c62cb06daf1.txt"


def invoke(*args: str, stdin: str | None = None) -> Result:
    """Run ``lagebild ARGS`` in-process and return the result (exceptions are caught)."""
    return CliRunner().invoke(main, list(args), input=stdin)


def jsonl(text: str) -> list[dict]:
    """Parse JSON Lines output."""
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def library_records(*paths: Path) -> list[dict]:
    """The records the library extracts from seed files (the CLI must print the same)."""
    out = []
    for path in paths:
        article = Article(doc_id=path.stem, text=path.read_text(encoding="utf-8"), path=str(path))
        out.extend(e.to_record() for e in process_article(article)[2])
    return out


@pytest.fixture(scope="module")
def seed_records() -> list[dict]:
    """``lagebild extract examples/seeds --format jsonl`` parsed."""
    result = invoke("extract", str(SEEDS), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    return jsonl(result.stdout)


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file filled by ``lagebild ingest examples/seeds`` (do not write to it)."""
    path = tmp_path_factory.mktemp("cli") / "seeds.db"
    result = invoke("ingest", str(SEEDS), "--db", str(path))
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def stored(seed_db: Path) -> list[dict]:
    """Every stored seed event record (with ``id``), via ``lagebild events --format jsonl``."""
    result = invoke("events", "--db", str(seed_db), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    return jsonl(result.stdout)


# --------------------------------------------------------------------------- help and version


@pytest.mark.parametrize("command", sorted(main.commands))
def test_cli_help_has_example(command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output
    assert f"lagebild {command}" in result.output


def test_cli_group_help_lists_every_command() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    assert [c for c in sorted(main.commands) if c not in result.output] == []


def test_cli_version() -> None:
    result = invoke("--version")
    assert (result.exit_code, result.output) == (0, f"lagebild, version {__version__}\n")


def test_cli_serve_help_names_localhost() -> None:
    result = invoke("serve", "--help")
    assert result.exit_code == 0
    assert "127.0.0.1" in result.output


# --------------------------------------------------------------------------- extract


def test_cli_extract_jsonl_records(seed_records: list[dict]) -> None:
    assert [list(r) for r in seed_records] == [RECORD_KEYS] * len(seed_records)
    assert seed_records == library_records(*sorted(SEEDS.glob("*.txt")))
    assert sorted({r["doc"] for r in seed_records}) == SEED_IDS


def test_cli_extract_csv(seed_records: list[dict]) -> None:
    result = invoke("extract", str(SEEDS), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == list(CSV_COLUMNS)
    assert len(rows) == 1 + len(seed_records)
    assert [(row[1], row[2]) for row in rows[1:]] == [(r["doc"], r["type"]) for r in seed_records]


def test_cli_extract_table(seed_records: list[dict]) -> None:
    result = invoke("extract", str(SEEDS), "--format", "table")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == f"{len(seed_records)} events"
    assert [doc for doc in SEED_IDS if doc not in result.stdout] == []  # full ids, usable with `show`


def test_cli_extract_stdin_plain_text() -> None:
    result = invoke("extract", "-", stdin=SENTENCE + "\n")
    assert result.exit_code == 0, result.output
    records = jsonl(result.stdout)
    assert [(r["doc"], r["type"], r["actor"]["code"], r["target"]["codes"], r["quantity"]["value"])
            for r in records] == [("stdin", "MOBILIZE", "USA", ["POL"], 2000)]  # fmt: skip


def test_cli_extract_stdin_jsonl() -> None:
    lines = [{"id": "a", "text": SENTENCE, "date": "2022-02"}, {"id": "b", "text": SENTENCE}]
    stdin = "".join(json.dumps(line) + "\n" for line in lines)
    result = invoke("extract", "-", "--format", "jsonl", stdin=stdin)
    assert result.exit_code == 0, result.output
    assert [(r["doc"], r["type"], r["evidence"]) for r in jsonl(result.stdout)] == [
        ("a", "MOBILIZE", [SENTENCE]), ("b", "MOBILIZE", [SENTENCE])]  # fmt: skip


def test_cli_extract_empty_stdin() -> None:
    result = invoke("extract", "-", stdin="")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "lagebild: skipped stdin (-): standard input is empty.\n"


# --------------------------------------------------------------------------- ingest


def test_cli_ingest_twice_adds_nothing(tmp_path: Path, seed_records: list[dict]) -> None:
    db = str(tmp_path / "x.db")
    first = invoke("ingest", str(SEEDS), "--db", db)
    assert first.exit_code == 0, first.output
    assert first.stdout.splitlines()[0] == "articles: 5 read, 5 added, 0 already stored, 0 failed"
    assert first.stdout.splitlines()[1].startswith(f"events added: {len(seed_records)} (")
    second = invoke("ingest", str(SEEDS), "--db", db)
    assert second.exit_code == 0, second.output
    assert second.stdout.splitlines()[:2] == [
        "articles: 5 read, 0 added, 5 already stored, 0 failed", "events added: 0 (none)"]  # fmt: skip
    with Store(db) as store:
        assert (store.count_articles(), store.count_events()) == (5, len(seed_records))


# --------------------------------------------------------------------------- events


def test_cli_events_all(stored: list[dict], seed_records: list[dict]) -> None:
    strip = [{k: v for k, v in r.items() if k not in ("id", "article")} for r in stored]
    key = lambda r: json.dumps(r, sort_keys=True)  # noqa: E731
    assert sorted(strip, key=key) == sorted(seed_records, key=key)
    assert sorted(r["id"] for r in stored) == list(range(1, len(stored) + 1))


def _ids(result: Result) -> list[int]:
    assert result.exit_code == 0, result.output
    return sorted(r["id"] for r in jsonl(result.stdout))


def _target_codes(record: dict) -> list[str]:
    return (record.get("target") or {}).get("codes") or []


@pytest.mark.parametrize(
    ("option", "value", "keep"),
    [
        ("--type", "MOBILIZE", lambda r: r["type"] == "MOBILIZE"),
        ("--type", "MOBILIZE,PRESENCE", lambda r: r["type"] in ("MOBILIZE", "PRESENCE")),
        ("--actor", "USA", lambda r: (r["actor"] or {}).get("code") == "USA"),
        ("--actor", "RUS,NATO", lambda r: (r["actor"] or {}).get("code") in ("RUS", "NATO")),
        ("--target", "LTU", lambda r: "LTU" in _target_codes(r)),
        ("--doc", "002_666015a9340883e0", lambda r: r["doc"] == "002_666015a9340883e0"),
    ],
)  # fmt: skip
def test_cli_events_filter(seed_db: Path, stored: list[dict], option: str, value: str, keep) -> None:
    expected = sorted(r["id"] for r in stored if keep(r))
    assert 0 < len(expected) < len(stored)
    assert _ids(invoke("events", "--db", str(seed_db), option, value, "--format", "jsonl")) == expected


@pytest.mark.parametrize(
    "filters",
    [
        {"since": "2022-03"},
        {"until": "2022-01"},
        {"since": "2022-02", "until": "2022-02"},
        {"since": "2022-03-01", "until": "2022-03-31"},
    ],
)  # fmt: skip
def test_cli_events_dates(seed_db: Path, stored: list[dict], filters: dict[str, str]) -> None:
    args = [arg for name, value in filters.items() for arg in (f"--{name}", value)]
    with Store(seed_db) as store:
        expected = sorted(r["id"] for r in store.events(limit=10_000, **filters))
    assert 0 < len(expected) < len(stored)
    assert _ids(invoke("events", "--db", str(seed_db), *args, "--format", "jsonl")) == expected


def test_cli_events_combined_filters(seed_db: Path, stored: list[dict]) -> None:
    keep = lambda r: r["type"] == "MOBILIZE" and r["actor"]["code"] == "USA" and "LTU" in _target_codes(r)  # noqa: E731
    expected = sorted(r["id"] for r in stored if keep(r))
    assert len(expected) > 0
    result = invoke("events", "--db", str(seed_db), "--type", "MOBILIZE", "--actor", "USA", "--target", "LTU",
                    "--format", "jsonl")  # fmt: skip
    assert _ids(result) == expected


def test_cli_events_csv(seed_db: Path, stored: list[dict]) -> None:
    result = invoke("events", "--db", str(seed_db), "--type", "PRESENCE", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    presence = [r for r in stored if r["type"] == "PRESENCE"]
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert sorted(int(row["id"]) for row in rows) == sorted(r["id"] for r in presence)
    assert {row["type"] for row in rows} == {"PRESENCE"}


def test_cli_events_table(seed_db: Path, stored: list[dict]) -> None:
    result = invoke("events", "--db", str(seed_db), "--doc", "000_82da7f612d3910dc", "--format", "table")
    assert result.exit_code == 0, result.output
    n = sum(r["doc"] == "000_82da7f612d3910dc" for r in stored)
    assert result.stdout.splitlines()[-1] == f"{n} events"
    assert result.stdout.count("000_82da7f612d3910dc") == n


def test_cli_events_limit(seed_db: Path) -> None:
    result = invoke("events", "--db", str(seed_db), "--limit", "3", "--format", "jsonl")
    assert result.exit_code == 0
    assert len(jsonl(result.stdout)) == 3
    assert result.stderr == "lagebild: showing the first 3 events; raise --limit to see more (or use lagebild export).\n"


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--since", "yesterday"], "'--since'"),
        (["--until", "2022-13"], "'--until'"),
        (["--since", "2022-03", "--until", "2022-02"], "'--until'"),
        (["--type", "INVADE"], "'--type'"),
        (["--actor", "usa!"], "'--actor'"),
        (["--limit", "0"], "'--limit'"),
        (["--format", "xml"], "'--format'"),
    ],
)  # fmt: skip
def test_cli_events_bad_filter(seed_db: Path, args: list[str], option: str) -> None:
    result = invoke("events", "--db", str(seed_db), *args)
    assert result.exit_code == 2
    assert option in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""


@pytest.mark.parametrize("args", [["events"], ["show", "000_82da7f612d3910dc"]])
def test_cli_query_missing_database_file(tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "typo.db"
    result = invoke(*args, "--db", str(path))
    assert result.exit_code == 2
    assert result.stderr == (f"Error: No database file '{path}'. "
                             f"Create it with: lagebild ingest PATHS --db {path}\n")  # fmt: skip
    assert not path.exists()


# --------------------------------------------------------------------------- show


def test_cli_show(seed_db: Path, stored: list[dict]) -> None:
    doc = "002_666015a9340883e0"
    result = invoke("show", doc, "--db", str(seed_db))
    assert result.exit_code == 0, result.output
    with Store(seed_db) as store:
        clean_text = store.article(doc)["clean_text"]
    first_paragraph = clean_text.split("\n\n")[0]
    assert " ".join(first_paragraph.split()) in " ".join(result.stdout.split())
    n = sum(r["doc"] == doc for r in stored)
    assert result.stdout.splitlines()[-1] == f"{n} events"


def test_cli_show_unknown(seed_db: Path) -> None:
    result = invoke("show", "unknown", "--db", str(seed_db))
    assert result.exit_code == 1
    assert result.stderr == (f"Error: no article 'unknown' in {seed_db}. "
                             f"List stored ids with: lagebild events --db {seed_db}\n")  # fmt: skip


# --------------------------------------------------------------------------- eval


def _events_line(report: str) -> str:
    return next(line for line in report.splitlines() if line.startswith("events "))


@pytest.mark.skipif(not SCORER.is_file(), reason="the reference scorer in ../shared is absent")
def test_cli_eval_matches_reference_scorer(tmp_path: Path) -> None:
    extracted = invoke("extract", str(SEEDS), "--format", "jsonl")
    system = tmp_path / "system.jsonl"
    system.write_text(extracted.stdout, encoding="utf-8")
    reference = subprocess.run([sys.executable, str(SCORER), str(GOLD), str(system)],
                               capture_output=True, text=True, check=True)  # fmt: skip
    result = invoke("eval", str(GOLD), str(SEEDS))
    assert result.exit_code == 0, result.output
    assert _events_line(result.stdout) == _events_line(reference.stdout)
    assert result.stdout.startswith(reference.stdout)  # the reference figures, then the error categories
    rest = result.stdout[len(reference.stdout):].splitlines()
    assert rest[0].startswith("errors: ")
    assert [line.split("  ")[1].strip() for line in rest[1:]] == [
        "no record on the sentence", "wrong type", "wrong actor", "wrong target",
        "false record (sentence has an event)", "false record (no event on the sentence)",
    ]


def test_cli_eval_error_categories_add_up(tmp_path: Path) -> None:
    figures = json.loads(invoke("eval", str(GOLD), str(SEEDS), "--json").stdout)
    errors = figures["errors"]
    missed = sum(errors[k] for k in ("no record on the sentence", "wrong type", "wrong actor", "wrong target"))
    false = errors["false record (sentence has an event)"] + errors["false record (no event on the sentence)"]
    assert missed == figures["events"]["fn"]
    assert false == figures["events"]["fp"]


def test_cli_eval_json(seed_records: list[dict]) -> None:
    result = invoke("eval", str(GOLD), str(SEEDS), "--json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["documents"] == 5


def test_cli_eval_bad_gold(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc": "a", "type": "AID"}\nnot json\n', encoding="utf-8")
    result = invoke("eval", str(gold), str(SEEDS))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {gold}:2: not JSON")
    assert "Traceback" not in result.output


# --------------------------------------------------------------------------- usage errors


@pytest.mark.parametrize("command", ["extract", "ingest", "eval"])
def test_cli_missing_path(tmp_path: Path, command: str) -> None:
    missing = tmp_path / "nope.txt"
    args = {"extract": ["extract", str(missing)], "ingest": ["ingest", str(missing), "--db", str(tmp_path / "x.db")],
            "eval": ["eval", str(GOLD), str(missing)]}[command]  # fmt: skip
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert repr(str(missing)) in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.db").exists()  # nothing is created before the input is checked


@pytest.mark.parametrize(
    "args",
    [["extract", str(SEEDS), "--bogus"], ["events", "--frmat", "csv"], ["extract", str(SEEDS), "--format", "xml"],
     ["nosuchcommand"], ["extract"], ["extract", str(ROOT / "tests" / "data" / "header.csv"), "--text-column", "nope"]],
)  # fmt: skip
def test_cli_wrong_usage(args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert "Error:" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("command", "url", "reason"),
    [
        ("events", "nosuchdialect://x", "Can't load plugin: sqlalchemy.dialects:nosuchdialect"),
        ("show", "nosuchdialect://x", "Can't load plugin: sqlalchemy.dialects:nosuchdialect"),
        ("ingest", "nosuchdialect://x", "Can't load plugin: sqlalchemy.dialects:nosuchdialect"),
        ("ingest", "{tmp}/no/such/dir/x.db", "unable to open database file"),
        ("ingest", "postgresql+nosuchdriver://x/y", "Can't load plugin: sqlalchemy.dialects:postgresql.nosuchdriver"),
    ],
)  # fmt: skip
def test_cli_impossible_database(tmp_path: Path, command: str, url: str, reason: str) -> None:
    url = url.format(tmp=tmp_path)
    args = {"events": ["events"], "show": ["show", "x"], "ingest": ["ingest", str(GOOD_SEED)]}[command]
    result = invoke(*args, "--db", url)
    assert result.exit_code == 3  # aborted: the database cannot be used
    assert result.stderr == (f"Error: cannot open database {url!r}: {reason}. Give an SQLAlchemy URL "
                             "(sqlite:///file.db, postgresql://...) or an SQLite file path.\n")  # fmt: skip
    assert "Traceback" not in result.output


def test_cli_database_driver_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if the driver were not installed
    result = invoke("events", "--db", "postgresql://localhost/lagebild")
    assert result.exit_code == 3
    assert result.stderr.startswith("Error: cannot open database 'postgresql://localhost/lagebild': "
                                    "its Python driver module 'psycopg' is not installed")  # fmt: skip


# --------------------------------------------------------------------------- bad articles


BAD = {
    # file name: (document id, expected reason in its stderr line, failing stage)
    "binary.txt": ("binary", "binary file, not text", "read"),
    "empty.txt": ("empty", "file is empty", "read"),
    "latin1.txt": ("latin1", "not valid UTF-8", "read"),
    "english.txt": ("english", "Article is not German (detected language 'en'", "clean"),
    "rows.csv": ("r1", "row has an empty 'text' column", "read"),
}


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """A folder with one good seed article and five bad ones."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD_SEED, folder / "good.txt")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "latin1.txt").write_bytes(
        "Die Bundeswehr schickt 300 Soldaten nach Litauen, sagte der Minister in München.".encode("latin-1"))
    (folder / "english.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "rows.csv").write_text("id,text\nr1,\n", encoding="utf-8")
    return folder


def _check_failure_lines(stderr: str, folder: Path) -> None:
    lines = stderr.splitlines()
    assert len(lines) == len(BAD)
    for name, (doc, reason, _stage) in BAD.items():
        found = [line for line in lines if line.startswith(f"lagebild: skipped {doc}")]
        assert len(found) == 1, (name, lines)
        assert str(folder / name) in found[0]
        assert reason in found[0]


def test_cli_extract_bad_articles(mixed: Path) -> None:
    result = invoke("extract", str(mixed), "--format", "jsonl")
    assert result.exit_code == 1
    records = jsonl(result.stdout)
    good = library_records(GOOD_SEED)
    assert [{**r, "doc": "good"} for r in good] == records
    _check_failure_lines(result.stderr, mixed)
    assert "Traceback" not in result.output


def test_cli_ingest_bad_articles(mixed: Path, tmp_path: Path) -> None:
    db = tmp_path / "bad.db"
    result = invoke("ingest", str(mixed), "--db", str(db))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == "articles: 6 read, 1 added, 0 already stored, 5 failed"
    _check_failure_lines(result.stderr, mixed)
    with Store(db) as store:
        assert [a["doc_id"] for a in store.articles()] == ["good"]
        assert store.count_events() == len(library_records(GOOD_SEED))
        failures = {(f["doc_id"], f["stage"]) for f in store.failures()}
    assert failures == {(doc, stage) for doc, _reason, stage in BAD.values()}


def test_cli_extract_short_english_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("The United States will send 2,000 troops to Poland, the Pentagon said.", encoding="utf-8")
    result = invoke("extract", str(path))
    assert result.exit_code == 1
    assert "Article is not German" in result.stderr


def test_cli_eval_with_bad_article(mixed: Path) -> None:
    result = invoke("eval", str(GOLD), str(mixed / "good.txt"), str(mixed / "empty.txt"))
    assert result.exit_code == 1
    assert result.stderr == f"lagebild: skipped empty: {mixed / 'empty.txt'}: file is empty.\n"
    assert result.stdout.startswith("documents: 5\n")


# --------------------------------------------------------------------------- the corpus (slow)


CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "gnad_test_dev.csv"
CORPUS_ROWS = 998


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_file(), reason="the 10kGNAD sample in ../shared/corpus is absent")
def test_cli_ingest_corpus(tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    first = invoke("ingest", str(CORPUS), "--db", str(db))
    assert first.exit_code in (0, 1), first.output
    assert "Traceback" not in first.output
    with Store(db) as store:
        n_articles, n_events = store.count_articles(), store.count_events()
        failures = store.failures()
    assert n_articles + len(failures) == CORPUS_ROWS
    assert len({f["doc_id"] for f in failures}) == len(failures)
    assert first.exit_code == (1 if failures else 0)
    assert len(first.stderr.splitlines()) == len(failures)
    assert first.stdout.splitlines()[0] == (
        f"articles: {CORPUS_ROWS} read, {n_articles} added, 0 already stored, {len(failures)} failed")
    second = invoke("ingest", str(CORPUS), "--db", str(db))
    assert second.stdout.splitlines()[:2] == [
        f"articles: {CORPUS_ROWS} read, 0 added, {n_articles} already stored, {len(failures)} failed",
        "events added: 0 (none)",
    ]
    with Store(db) as store:
        assert (store.count_articles(), store.count_events(), len(store.failures())) == (
            n_articles, n_events, len(failures))


def test_cli_serve_refuses_a_cors_value_that_is_not_an_origin(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    Store(db).close()
    result = CliRunner().invoke(main, ["serve", "--db", str(db), "--cors", "intranet.example/path"])
    assert result.exit_code == 2 and "is not an origin" in result.output


def test_cli_events_status_and_number_filters(tmp_path: Path) -> None:
    from conftest import fill_seeds

    db = tmp_path / "seeds.db"
    with Store(db) as store:
        fill_seeds(store)
        expected = store.events(status="announced", has_number=True, country="USA", limit=1000)
    args = ["events", "--db", str(db), "--status", "announced", "--has-number", "--country", "USA", "--format", "jsonl"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0 and expected
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [r["id"] for r in expected]
    bad = CliRunner().invoke(main, ["events", "--db", str(db), "--status", "bald"])
    assert bad.exit_code == 2 and "status" in bad.output

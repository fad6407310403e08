"""Shared fixtures: the seed articles with their gold events, and a store filled with them.

The gold records in ``examples/gold.jsonl`` stand in for extractor output, so
that the store, the API and the dashboard can be tested without the pipeline.

PostgreSQL: ``postgres_server`` starts a throw-away server for the session
(tests/postgres_helpers.py), ``postgres_url`` gives each test a new, empty
database on it, and ``store_url``/``seed_store`` run a test on SQLite and on
PostgreSQL. Without the server binaries or psycopg these tests are skipped,
unless LAGEBILD_REQUIRE_POSTGRES=1 (as in ``make test``), where they fail.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from lagebild.model import Article, Event, Sentence, event_from_record
from lagebild.store import Store
from postgres_helpers import PostgresServer, find_pg_bin

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "seeds"
GOLD = ROOT / "examples" / "gold.jsonl"
DATE_MARKER = re.compile(r"^\s*date\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?)\b")
# A sentence ends at a line break, or at . ! ? (optionally followed by a closing quote)
# before whitespace; good enough for fixture spans, not the project's splitter.
SENTENCE = re.compile(r"[^\n]+?(?:[.!?][»«“”\"']?(?=\s)|(?=\n)|$)")


def split_sentences(text: str) -> list[Sentence]:
    """Split a text into rough sentence spans (offsets into ``text``)."""
    out = []
    for match in SENTENCE.finditer(text):
        start = match.start() + len(match.group()) - len(match.group().lstrip())
        end = match.end() - (len(match.group()) - len(match.group().rstrip()))
        if end > start:
            body = text[start:end]
            out.append(Sentence(start=start, end=end, text=body, heading=body[-1] not in ".!?»«“”\"'"))
    return out


def seed_article(path: Path) -> Article:
    """Read one seed file: raw text as text and clean_text, date from a leading `` date`` marker."""
    text = path.read_text(encoding="utf-8")
    marker = DATE_MARKER.match(text)
    first_line = text.strip().splitlines()[0] if text.strip() else ""
    title = first_line if not marker and len(first_line) < 150 else None
    return Article(doc_id=path.stem, text=text, clean_text=text, date=marker.group(1) if marker else None,
                   title=title, path=str(path))


def gold_events(article: Article, records: list[dict]) -> list[Event]:
    """Gold records of one article as Events, with evidence offsets found in its clean text."""
    events = []
    for record in records:
        event = event_from_record(record)
        spans = [(i, i + len(ev)) for ev in event.evidence if (i := article.clean_text.find(ev)) >= 0]
        event.evidence_spans = spans
        events.append(event)
    return events


def load_seeds() -> list[tuple[Article, list[Sentence], list[Event]]]:
    """The five seed articles with sentence spans and gold events, in file order."""
    records: dict[str, list[dict]] = {}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            records.setdefault(record["doc"], []).append(record)
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        article = seed_article(path)
        out.append((article, split_sentences(article.clean_text), gold_events(article, records.get(path.stem, []))))
    return out


def fill_seeds(store: Store) -> Store:
    """Add the five seed articles with their gold events to a store; return the store."""
    for article, sentences, events in load_seeds():
        store.add_article(article, sentences, events)
    return store


@pytest.fixture(scope="session")
def seed_db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file with the seed articles and gold events, built once per test session."""
    path = tmp_path_factory.mktemp("seed") / "seed.db"
    with Store(path) as store:
        fill_seeds(store)
    return path


@pytest.fixture
def seed_db(seed_db_file: Path, tmp_path: Path) -> Iterator[Store]:
    """A temporary SQLite store (``seed_db.url``) filled with the 5 seed articles and their gold events.

    Each test gets its own copy, so tests may write to it.
    """
    path = tmp_path / "seed.db"
    shutil.copyfile(seed_db_file, path)
    store = Store(path)
    yield store
    store.close()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for the session (initdb + pg_ctl in a temporary folder), stopped afterwards."""
    bin_dir = find_pg_bin()
    problem = None
    if bin_dir is None:
        problem = ("PostgreSQL server binaries not found (initdb in $LAGEBILD_PG_BIN or /usr/lib/postgresql/*/bin); "
                   "install them with: bash scripts/install_postgres.sh")
    elif importlib.util.find_spec("psycopg") is None:
        problem = "psycopg 3 is not installed; install it with: pip install -e '.[dev]'"
    if problem:
        if os.environ.get("LAGEBILD_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"{problem} (LAGEBILD_REQUIRE_POSTGRES=1 requires the PostgreSQL tests)", pytrace=False)
        pytest.skip(problem)
    server = PostgresServer(bin_dir)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """The SQLAlchemy URL of a new, empty PostgreSQL database, dropped after the test."""
    url = postgres_server.new_database()
    yield url
    postgres_server.drop_database(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a new, empty database: an SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def seed_store(store_url: str) -> Iterator[Store]:
    """A new store (SQLite, then PostgreSQL) filled with the 5 seed articles and their gold events."""
    store = fill_seeds(Store(store_url))
    yield store
    store.close()


# Shared test inputs (test_cli.py, test_pipeline.py): the keys of an EVENTS.md record
# with offsets, one German sentence with one event, and an English article.
RECORD_KEYS = [
    "doc", "type", "mode", "actor", "target", "origin", "location", "quantity", "status", "posture",
    "date", "source", "factuality", "optional", "evidence", "evidence_offsets",
]  # fmt: skip
ONE_EVENT_SENTENCE = "Die USA schicken 2.000 Soldaten nach Polen."
ENGLISH = (
    "The United States will send another 2,000 troops to Poland and Germany, the Pentagon said on "
    "Wednesday. The soldiers are expected to arrive within the next few days, officials added. "
    "Washington has repeatedly warned Moscow against an invasion of Ukraine and has promised its "
    "allies on the eastern flank of the alliance that it will defend every inch of their territory."
)

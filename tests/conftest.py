"""Shared fixtures: the seed articles with their gold events, and a store filled with them.

The gold records in ``examples/gold.jsonl`` stand in for extractor output, so
that the store, the API and the dashboard can be tested without the pipeline.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from lagebild.model import Article, Event, Sentence, event_from_record
from lagebild.store import Store

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


@pytest.fixture(scope="session")
def seed_db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file with the seed articles and gold events, built once per test session."""
    path = tmp_path_factory.mktemp("seed") / "seed.db"
    with Store(path) as store:
        for article, sentences, events in load_seeds():
            store.add_article(article, sentences, events)
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

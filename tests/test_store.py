"""Tests of the event store (lagebild.store) over the seed articles and small hand-built ones.

Every test that takes ``seed_store`` or ``store_url`` runs twice: on SQLite and on
a real PostgreSQL server (tests/conftest.py starts one). Expected ids refer to
the seed store: events get ids 1..100 in the order of examples/gold.jsonl
(17 events of doc 000, 23 of 001, 23 of 002, 25 of 003, 12 of 004).
"""

from __future__ import annotations

import sqlite3
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

import lagebild.store.schema as schema
from lagebild.model import Article, DateValue, Event, Failure, Party, Quantity, Sentence
from lagebild.export import FLAT_COLUMNS as CSV_COLUMNS
from lagebild.export import flat_event
from lagebild.store import (
    BadFilter,
    ReadOnlyStore,
    Store,
    StoreError,
    database_url,
    event_types,
    parse_date_bound,
)

DOC0 = "000_82da7f612d3910dc"
DOC3 = "003_fc3e6c62cb06daf1"
DOC4 = "004_cbaacb9f30f5fcd5"


def make_event(doc: str, type: str = "MOBILIZE", *, date: str | None = None, label: str = "",
               actor: str = "USA", targets: tuple[str, ...] = ("LTU",), evidence: str = "Satz.") -> Event:
    """A small hand-built event; ``label`` goes into the date text to identify it in results."""
    return Event(doc=doc, type=type, actor=Party(text=actor, code=actor, sector="GOV"),
                 target=Party(text="Ziel", codes=list(targets)), quantity=Quantity(400, unit="soldiers", text="400"),
                 date=DateValue(text=label, value=date), evidence=[evidence], evidence_spans=[(0, len(evidence))])


def make_article(doc_id: str, text: str, date: str | None = None) -> Article:
    return Article(doc_id=doc_id, text=text, clean_text=text, date=date)


@pytest.fixture
def dated_store(store_url: str) -> Store:
    """Events at every date precision in an article dated 2022-03-10, plus one undated article."""
    store = Store(store_url)
    dated = [("year", "2022"), ("month", "2022-03"), ("day07", "2022-03-07"), ("apr01", "2022-04-01"),
             ("dec31", "2021-12-31"), ("fallback", None)]
    store.add_article(make_article("a", "Text A.", "2022-03-10"), [],
                      [make_event("a", date=value, label=label) for label, value in dated])
    store.add_article(make_article("b", "Text B."), [], [make_event("b", label="undated")])
    return store


def labels(events: list[dict]) -> set[str]:
    return {event["date"]["text"] for event in events}


def ids(store: Store, **filters: object) -> list[int]:
    return [event["id"] for event in store.events(limit=1000, **filters)]


def test_store_seed_store_counts(seed_store: Store) -> None:
    assert seed_store.summary() == {
        "articles": 5, "events": 100, "failures": 0,
        "by_type": {"MOBILIZE": 26, "REQUEST": 12, "CONSULT": 10, "PRESENCE": 10, "SUPPORT": 9, "ASSAULT": 8,
                    "ACCUSE": 6, "AGREE": 5, "REJECT": 5, "AID": 3, "RETREAT": 2, "THREATEN": 2,
                    "CONCEDE": 1, "COOPERATE": 1},
    }


@pytest.mark.parametrize("same_text_id", [DOC0, "copy-of-000"])
def test_store_re_add_same_text_is_ignored(seed_store: Store, same_text_id: str) -> None:
    text = Path(seed_store.article(DOC0)["path"]).read_text(encoding="utf-8")
    article = make_article(same_text_id, text)
    assert seed_store.has_content(article.content_hash)
    assert seed_store.add_article(article, [], [make_event(same_text_id)]) == "unchanged"
    assert (seed_store.count_articles(), seed_store.count_events()) == (5, 100)
    assert seed_store.article("copy-of-000") is None


def test_store_changed_text_replaces_article(seed_store: Store) -> None:
    article = make_article(DOC0, "Neue Fassung. Die USA verlegen Truppen.", "2022-04")
    sents = [Sentence(0, 13, "Neue Fassung."), Sentence(14, 39, "Die USA verlegen Truppen.")]
    assert not seed_store.has_content(article.content_hash)
    assert seed_store.add_article(article, sents, [make_event(DOC0, evidence="Die USA verlegen Truppen.")]) == "replaced"
    stored = seed_store.article(DOC0)
    assert (stored["date"], stored["clean_text"], stored["n_events"]) == ("2022-04", article.text, 1)
    assert [s["text"] for s in stored["sentences"]] == ["Neue Fassung.", "Die USA verlegen Truppen."]
    assert (seed_store.count_articles(), seed_store.count_events()) == (5, 84)
    assert seed_store.count_events(target="LVA", doc=DOC0) == 0


@pytest.mark.parametrize(("filters", "expected"), [
    ({}, 100),
    ({"type": "MOBILIZE"}, 26),
    ({"type": "MOBILIZE,AID"}, 29),
    ({"type": ["retreat", "aid"]}, 5),
    ({"actor": "LTU"}, 6),
    ({"actor": "usa, nato"}, 53),
    ({"target": "LTU"}, 6),
    ({"target": "LTU,LVA"}, 11),
    ({"type": "MOBILIZE", "actor": "USA", "target": "DEU"}, 3),
    ({"doc": DOC4}, 12),
    ({"doc": "unknown"}, 0),
    ({"q": "Soldaten"}, 24),
    ({"q": "  soldaten "}, 24),
    ({"q": "AUSSENMINISTER"}, 5),
    ({"q": "%"}, 0),
    ({"q": "_ %"}, 0),
    ({"q": "blinken USA"}, 1),
    ({"q": "Litauen Truppen"}, 1),
    ({"since": "2022-03-01", "until": "2022-03-31"}, 17),
    ({"since": "2022-03"}, 17),
    ({"until": "2022-02-28"}, 28),
    ({"since": "1990", "until": "2000"}, 1),
    ({"q": ""}, 100),
])
def test_store_event_filters(seed_store: Store, filters: dict, expected: int) -> None:
    assert seed_store.count_events(**filters) == expected
    assert len(seed_store.events(limit=1000, **filters)) == expected


@pytest.mark.parametrize(("filters", "expected"), [
    ({"type": "AID"}, [6, 90, 91]),
    ({"target": "DEU", "type": "MOBILIZE"}, [30, 64, 65]),
    ({"q": "stinger", "sort": "id"}, [90]),
    ({"q": "AUSSENMINISTER", "sort": "id"}, [1, 11, 34, 89, 93]),
    ({"until": "2021"}, [40, 8]),
    ({"sort": "id", "limit": 3, "offset": 97}, [98, 99, 100]),
    ({"sort": "id", "order": "desc", "limit": 2, "offset": 1}, [99, 98]),
    ({"sort": "id", "limit": 0}, []),
])
def test_store_event_ids(seed_store: Store, filters: dict, expected: list[int]) -> None:
    filters = dict(filters)  # the parameters are shared by the SQLite and the PostgreSQL run
    limit = filters.pop("limit", 1000)
    assert [e["id"] for e in seed_store.events(limit=limit, **filters)] == expected


@pytest.mark.parametrize(("sort", "order", "first", "last"), [
    ("date", "asc", [40, 8, 3], [99, 100]),     # 1997, 2014, 2022 first; undated last
    ("date", "desc", [17, 16, 15], [19, 18]),   # latest start first; undated still last
    ("type", "asc", [12, 13, 35], [29, 48]),
    ("type", "desc", [48, 29, 87], [13, 12]),
    ("actor", "asc", [87, 51, 52], [80, 81]),
    ("actor", "desc", [81, 80, 78], [51, 87]),
    ("doc", "desc", [100, 99, 98], [2, 1]),
    ("id", "desc", [100, 99, 98], [2, 1]),
])
def test_store_event_sorting(seed_store: Store, sort: str, order: str, first: list[int], last: list[int]) -> None:
    found = ids(seed_store, sort=sort, order=order)
    assert (found[:3], found[-2:], len(found)) == (first, last, 100)


@pytest.mark.parametrize(("since", "until", "expected"), [
    ("2022-03-01", "2022-03-31", {"year", "month", "day07", "fallback"}),
    ("2022-03", "2022-03", {"year", "month", "day07", "fallback"}),
    ("2022-03-08", None, {"year", "month", "apr01", "fallback"}),
    (None, "2022-03-06", {"year", "month", "dec31"}),
    ("2022-03-07", "2022-03-07", {"year", "month", "day07"}),
    ("2022", "2022", {"year", "month", "day07", "apr01", "fallback"}),
    ("2021-12-31", "2021-12-31", {"dec31"}),
    ("2022-02", "2022-02", {"year"}),
    ("2023", None, set()),
    (None, None, {"year", "month", "day07", "apr01", "dec31", "fallback", "undated"}),
])
def test_store_date_overlap(dated_store: Store, since: str | None, until: str | None, expected: set[str]) -> None:
    assert labels(dated_store.events(since=since, until=until)) == expected


def test_store_fallback_date_does_not_change_record(dated_store: Store) -> None:
    record = dated_store.events(q="satz", since="2022-03-10", until="2022-03-10", type="MOBILIZE")
    fallback = [e for e in record if e["date"]["text"] == "fallback"]
    assert fallback[0]["date"] == {"text": "fallback", "value": None}


@pytest.mark.parametrize(("filters", "param"), [
    ({"since": "yesterday"}, "since"),
    ({"since": "2022-13"}, "since"),
    ({"since": "2022-02-30"}, "since"),
    ({"since": "22-03"}, "since"),
    ({"until": "2022/03/01"}, "until"),
    ({"since": "2022-04", "until": "2022-03"}, "until"),
    ({"type": "FOO"}, "type"),
    ({"actor": "U S A"}, "actor"),
    ({"target": "LT;U"}, "target"),
    ({"limit": -1}, "limit"),
    ({"limit": "10"}, "limit"),
    ({"offset": -5}, "offset"),
    ({"sort": "when"}, "sort"),
    ({"order": "up"}, "order"),
])
def test_store_bad_filters(seed_store: Store, filters: dict, param: str) -> None:
    with pytest.raises(BadFilter) as err:
        seed_store.events(**filters)
    assert err.value.param == param
    assert f"'{param}'" in str(err.value)


@pytest.mark.parametrize(("value", "expected"), [
    ("2022", ("2022-01-01", "2022-12-31")),
    ("2024-02", ("2024-02-01", "2024-02-29")),
    ("2022-03-07", ("2022-03-07", "2022-03-07")),
    (" 2022-03 ", ("2022-03-01", "2022-03-31")),
])
def test_store_parse_date_bound(value: str, expected: tuple[str, str]) -> None:
    assert parse_date_bound(value, "since") == expected


def test_store_stats(seed_store: Store) -> None:
    assert seed_store.stats(target="LTU") == {
        "total": 6,
        "by_type": {"MOBILIZE": 2, "PRESENCE": 2, "CONSULT": 1, "SUPPORT": 1},
        "by_day": [{"day": "2022-03", "type": t, "n": 1} for t in ("CONSULT", "MOBILIZE", "PRESENCE", "SUPPORT")],
        "actor_countries": {"USA": 6},
        "target_countries": {"LTU": 6, "EST": 3, "LVA": 3, "ROU": 2},
        "articles": 5, "matched_articles": 2, "failures": 0, "undated": 2,
        "by_day_article_date": [{"day": "2022-03", "type": "SUPPORT", "n": 1}],
    }


def test_store_stats_dating(dated_store: Store) -> None:
    """The undated events are counted; those placed at their article's date are listed apart."""
    stats = dated_store.stats()
    assert (stats["total"], stats["undated"]) == (7, 1)
    assert stats["by_day_article_date"] == [{"day": "2022-03-10", "type": "MOBILIZE", "n": 1}]
    assert dated_store.stats(since="2022")["undated"] == 0  # a date filter excludes the undated


def test_store_stats_by_day_precision(dated_store: Store) -> None:
    days = [(row["day"], row["n"]) for row in dated_store.stats()["by_day"]]
    assert days == [("2021-12-31", 1), ("2022", 1), ("2022-03", 1), ("2022-03-07", 1), ("2022-03-10", 1),
                    ("2022-04-01", 1)]


@pytest.mark.parametrize(("code", "expected"), [
    ("LTU", {"deployments": [], "presence": [], "aid": [90, 91], "received": [1, 9, 26, 27]}),
    ("nato", {"deployments": [41, 49, 50], "withdrawals": [98], "presence": [44], "aid": [], "received": [52, 51]}),
])
def test_store_ledger(seed_store: Store, code: str, expected: dict) -> None:
    """One entry per story (named by the id of its first record), in time order; "received"
    holds the forces of others with the code as destination."""
    view = seed_store.ledger(code)
    assert view["code"] == code.upper()
    assert {group: [min(e["id"] for e in entry["events"]) for entry in view[group]] for group in expected} == expected


def test_store_ledger_entry(seed_store: Store) -> None:
    first = seed_store.ledger("LTU")["received"][0]
    assert (first["actor"]["code"], first["number_range"], first["status"], first["events"][0]["doc"]) == (
        "USA", [400, 400], "planned", DOC0)
    aid = seed_store.ledger("LTU")["aid"][0]
    assert (aid["donor"], aid["recipients"], aid["items"], aid["delivery"]) == ("LTU", ["UKR"], ["military"], "announced")


def test_store_ledger_to(seed_store: Store) -> None:
    view = seed_store.ledger("USA", to="LVA")
    assert view["to"] == "LVA" and view["received"] == []
    assert view["deployments"] and all("LVA" in entry["targets"] for entry in view["deployments"])
    assert len(view["deployments"]) < len(seed_store.ledger("USA")["deployments"])


def test_store_ledger_unknown_code(seed_store: Store) -> None:
    assert seed_store.ledger("XYZ") is None
    assert seed_store.ledger("SWE") == {"code": "SWE", "to": None, "deployments": [], "withdrawals": [],
                                        "presence": [], "aid": [], "received": []}


@pytest.mark.parametrize("code", ["", "  ", "U-S", "USA,RUS"])
def test_store_ledger_bad_code(seed_store: Store, code: str) -> None:
    with pytest.raises(BadFilter) as err:
        seed_store.ledger(code)
    assert err.value.param == "code"


def test_store_failures_idempotent(seed_store: Store) -> None:
    failure = Failure(doc_id="x1", stage="read", message="File is empty: add text or remove it.", path="in/x1.txt")
    seed_store.add_failure(failure)
    seed_store.add_failure(failure)
    seed_store.add_failure(Failure(doc_id="x1", stage="clean", message="No text left.", path="in/x1.txt"))
    rows = [(f["doc_id"], f["stage"], f["message"], f["path"]) for f in seed_store.failures()]
    assert rows == [("x1", "read", "File is empty: add text or remove it.", "in/x1.txt"),
                    ("x1", "clean", "No text left.", "in/x1.txt")]
    assert seed_store.summary()["failures"] == 2


def test_store_second_store_sees_data(seed_store: Store) -> None:
    with Store(seed_store.url) as other:
        assert (other.count_articles(), other.count_events(), other.event(1)["type"]) == (5, 100, "MOBILIZE")
        other.add_article(make_article("new", "Neuer Text."), [], [make_event("new")])
    assert seed_store.count_events(doc="new") == 1


def test_store_article_offsets(seed_store: Store) -> None:
    article = seed_store.article(DOC3)
    text = article["clean_text"]
    assert all(text[s["start"]:s["end"]] == s["text"] for s in article["sentences"])
    assert [s["index"] for s in article["sentences"]] == list(range(len(article["sentences"])))
    assert article["n_events"] == 25 and len(article["events"]) == 25
    first = article["events"][0]
    assert [text[a:b] for a, b in first["evidence_offsets"]] == first["evidence"]
    assert article["sentences"][0] == {"index": 0, "start": 0, "end": 39, "heading": True,
                                       "text": "USA schicken 2.000 Soldaten nach Europa"}


def test_store_unknown_ids(seed_store: Store) -> None:
    assert (seed_store.article("nope"), seed_store.event(4711)) == (None, None)


def test_store_event_record_shape(seed_store: Store) -> None:
    record = seed_store.event(1)
    assert list(record) == ["id", "doc", "type", "mode", "actor", "target", "origin", "location", "quantity",
                            "status", "posture", "date", "source", "factuality", "optional", "evidence",
                            "evidence_offsets", "article"]
    assert set(record["article"]) == {"title", "outlet", "date", "url"}
    assert (record["actor"], record["quantity"]["value"], record["date"]["value"]) == (
        {"text": "Die USA", "code": "USA", "sector": "GOV"}, 400, "2022-03")


@pytest.mark.parametrize(("q", "expected"), [
    (None, ["000_82da7f612d3910dc", "002_666015a9340883e0", "001_569844d6595051de", DOC3, DOC4]),
    ("STINGER", [DOC4]),
    ("usa schicken", [DOC3]),
    ("nichts davon", []),
])
def test_store_articles(seed_store: Store, q: str | None, expected: list[str]) -> None:
    assert [a["doc_id"] for a in seed_store.articles(q=q)] == expected
    assert seed_store.count_articles(q=q) == len(expected)


def test_store_articles_n_events(seed_store: Store) -> None:
    assert [a["n_events"] for a in seed_store.articles(limit=2, offset=3)] == [25, 12]


def test_store_meta(seed_store: Store) -> None:
    meta = seed_store.meta()
    assert meta["types"] == event_types() and len(meta["types"]) == 17
    assert meta["actors"] == ["CHN", "DEU", "EU", "GBR", "ITA", "LTU", "LVA", "NATO", "RUS", "UKR", "USA"]
    assert (meta["date_min"], meta["date_max"], "WEST" in meta["targets"]) == ("1997-01-01", "2022-12-31", True)


@pytest.mark.parametrize(("given", "expected"), [
    ("sqlite:///x.db", "sqlite:///x.db"),
    ("postgresql://u@h/db", "postgresql://u@h/db"),
    ("data/x.db", "sqlite:///data/x.db"),
    ("/tmp/x.db", "sqlite:////tmp/x.db"),
    (":memory:", "sqlite://"),
])
def test_store_database_url(given: str, expected: str) -> None:
    assert database_url(given) == expected


def test_store_flat_event(seed_store: Store) -> None:
    row = flat_event(seed_store.event(30))
    assert tuple(row) == CSV_COLUMNS
    assert (row["target_codes"], row["actor_code"], row["type"]) == ("DEU;ITA", "USA", "MOBILIZE")
    assert flat_event(seed_store.event(1))["evidence"].count(" | ") == 2


def test_store_memory_store_and_context_manager() -> None:
    with Store(":memory:") as store:
        assert store.add_article(make_article("m", "Text."), [], [make_event("m")]) == "added"
        assert store.events()[0]["target"] == {"text": "Ziel", "codes": ["LTU"]}


def test_store_ingest_speed(tmp_path: Path) -> None:
    """1000 articles with 10 events and 30 sentences each take seconds, not minutes."""
    store = Store(tmp_path / "speed.db")
    started = time.perf_counter()
    for i in range(1000):
        text = f"Artikel {i}. " + "Die USA verlegen 400 Soldaten nach Litauen. " * 30
        sents = [Sentence(j * 45, j * 45 + 44, "Die USA verlegen 400 Soldaten nach Litauen.") for j in range(30)]
        store.add_article(make_article(f"d{i}", text, "2022-03"), sents,
                          [make_event(f"d{i}", date="2022-03-07", targets=("LTU", "LVA")) for _ in range(10)])
    elapsed = time.perf_counter() - started
    assert store.count_events(target="LVA") == 10_000
    assert elapsed < 30, f"ingest took {elapsed:.1f} s"


# -- adding: status, content hash, raw text -----------------------------------

def test_store_add_status_sequence(store_url: str) -> None:
    with Store(store_url) as store:
        first = make_article("a", "Erste Fassung.")
        assert (store.has_content(first.content_hash), store.add_article(first, [], [])) == (False, "added")
        assert store.has_content(first.content_hash)
        assert store.add_article(make_article("a", "Erste Fassung."), [], []) == "unchanged"
        assert store.add_article(make_article("a", "Zweite Fassung."), [], [make_event("a")]) == "replaced"
        assert store.add_article(make_article("b", "Zweite Fassung."), [], []) == "unchanged"
        assert (store.count_articles(), store.count_events(), store.has_content(first.content_hash)) == (1, 1, False)


@pytest.mark.parametrize("raw_extra", ["", " date 2022-03 VILNIUS (dpa) - ", "Präambel. " * 5000])
def test_store_keeps_raw_and_clean_text(store_url: str, raw_extra: str) -> None:
    """The raw text comes back exactly, also when it differs from the clean text and exceeds zlib's window."""
    clean = "Die USA schicken 2.000 Soldaten nach Litauen.\n\nDas sagte Außenminister Blinken."
    article = Article(doc_id="r", text=raw_extra + clean.replace("\n\n", " "), clean_text=clean)
    with Store(store_url) as store:
        store.add_article(article, [Sentence(0, 45, clean[:45]), Sentence(47, len(clean), clean[47:])], [])
        stored = store.article("r")
        assert (store.raw_text("r"), stored["clean_text"], store.raw_text("nope")) == (article.text, clean, None)
        assert [s["text"] for s in stored["sentences"]] == [clean[:45], clean[47:]]
        assert stored["content_hash"] == article.content_hash


# -- search -------------------------------------------------------------------

@pytest.mark.parametrize(("q", "expected"), [
    ("AUSSENMINISTER", ["a"]),     # ß folds to ss on SQLite, the German stemmer does it on PostgreSQL
    ("außenminister", ["a"]),
    ("SOLDATEN litauen", ["a"]),   # all words, any order, any case
    ("Soldaten Lettland", []),
    ("Marine", ["b"]),
    ("!!!", []),                   # no word: nothing
])
def test_store_search_words(store_url: str, q: str, expected: list[str]) -> None:
    with Store(store_url) as store:
        text_a = "US-Außenminister Blinken sagte, die USA schicken Soldaten nach Litauen."
        store.add_article(make_article("a", text_a), [], [make_event("a", evidence=text_a)])
        store.add_article(make_article("b", "Die Marine übt vor Lettland."), [], [])
        assert [a["doc_id"] for a in store.articles(q=q)] == expected
        assert [e["doc"] for e in store.events(q=q)] == [doc for doc in expected if doc == "a"]  # b has no event


def test_store_search_sqlite_prefix_and_postgresql_stem(store_url: str) -> None:
    """SQLite: a word finds the words it begins; PostgreSQL: the words of its German stem."""
    with Store(store_url) as store:
        store.add_article(make_article("a", "Der Soldat der Bundeswehr wurde verlegt."), [], [])
        found = {q: store.count_articles(q=q) for q in ("Soldat", "Soldaten", "Bundes")}
    sqlite = store_url.startswith("sqlite")
    assert found == ({"Soldat": 1, "Soldaten": 0, "Bundes": 1} if sqlite else {"Soldat": 1, "Soldaten": 1, "Bundes": 0})


def test_store_replaced_article_leaves_the_index(seed_store: Store) -> None:
    """A replaced article's old words no longer find it or its old events; the new words do."""
    assert (seed_store.count_articles(q="Landsbergis"), seed_store.count_events(q="Landsbergis", doc=DOC0)) == (1, 3)
    new_text = "Neue Fassung: Die Nato verlegt Zeppeline."
    seed_store.add_article(make_article(DOC0, new_text), [], [make_event(DOC0, evidence=new_text)])
    assert (seed_store.count_articles(q="Landsbergis"), seed_store.count_events(q="Landsbergis")) == (0, 0)
    assert ([a["doc_id"] for a in seed_store.articles(q="zeppeline")], seed_store.count_events(q="Zeppeline")) == (
        [DOC0], 1)


# -- creating, read-only, schema ----------------------------------------------

def _open_and_add(url: str, start_at: float, doc_id: str) -> str:
    """In a fresh process: wait for the common start time, open the store (creating it) and add an article."""
    while time.time() < start_at:
        time.sleep(0.001)
    with Store(url) as store:
        return store.add_article(make_article(doc_id, f"Text von {doc_id}."), [], [make_event(doc_id)])


def test_store_creation_race(store_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """Two processes creating the same new database at once: never an error, 10 times in a row."""
    postgres = not store_url.startswith("sqlite")
    with ProcessPoolExecutor(2) as pool:
        for round_ in range(10):
            if postgres:
                url = request.getfixturevalue("postgres_server").new_database()
            else:
                url = f"sqlite:///{tmp_path / f'race{round_}.db'}"
            start_at = time.time() + 0.3
            results = [pool.submit(_open_and_add, url, start_at, doc) for doc in ("a", "b")]
            assert [r.result(timeout=60) for r in results] == ["added", "added"], f"round {round_}"
            with Store(url) as store:
                assert (store.count_articles(), store.count_events()) == (2, 2)
            if postgres:
                request.getfixturevalue("postgres_server").drop_database(url)


@pytest.fixture
def seed_file(seed_db_file: Path, tmp_path: Path) -> Path:
    """A private copy of the SQLite seed file."""
    path = tmp_path / "seed.db"
    path.write_bytes(seed_db_file.read_bytes())
    return path


def test_store_readonly_reads_and_refuses_writes(seed_file: Path) -> None:
    before = seed_file.read_bytes()
    with Store(seed_file, readonly=True) as store:
        assert store.readonly
        found = (store.count_events(q="Soldaten"), store.article(DOC0)["n_events"], store.stats()["total"])
        assert found == (24, 17, 100)
        with pytest.raises(ReadOnlyStore, match="read-only"):
            store.add_article(make_article("new", "Neuer Text."), [], [])
        with pytest.raises(ReadOnlyStore):
            store.add_failure(Failure(doc_id="x", stage="read", message="m"))
        with pytest.raises(Exception, match="readonly"), store._engine.begin() as conn:  # the driver refuses too
            conn.exec_driver_sql("DELETE FROM failures")
    assert seed_file.read_bytes() == before


def test_store_readonly_postgresql_refuses_writes(postgres_url: str) -> None:
    fill_seeds_url = Store(postgres_url)
    fill_seeds_url.add_article(make_article("a", "Text."), [], [make_event("a")])
    fill_seeds_url.close()
    with Store(postgres_url, readonly=True) as store:
        assert store.count_events() == 1
        with pytest.raises(ReadOnlyStore):
            store.add_article(make_article("b", "Anderer Text."), [], [])
        with pytest.raises(Exception, match="read-only transaction"), store._engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM failures")


@pytest.mark.parametrize("with_shm", [False, True])
def test_store_falls_back_to_readonly(seed_file: Path, monkeypatch: pytest.MonkeyPatch, with_shm: bool) -> None:
    """A file this process may not write (read-only storage, no permission) is opened read-only."""
    if with_shm:  # a -shm file already there: plain mode=ro, otherwise immutable
        seed_file.with_name(seed_file.name + "-shm").write_bytes(b"")
    real_access = schema.os.access
    monkeypatch.setattr(schema.os, "access", lambda path, mode: mode != schema.os.W_OK and real_access(path, mode))
    with Store(seed_file) as store:
        assert store.readonly
        assert [a["doc_id"] for a in store.articles(q="stinger")] == [DOC4]
        with pytest.raises(ReadOnlyStore):
            store.add_failure(Failure(doc_id="x", stage="read", message="m"))


def test_store_readonly_needs_a_store(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    with pytest.raises(StoreError, match="holds no Lagebild store"):
        Store(empty, readonly=True)


def test_store_refuses_an_older_schema(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    with sqlite3.connect(old) as conn:
        conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, search_text TEXT)")
    with pytest.raises(StoreError, match="schema version 1.*ingest the articles again into a new database"):
        Store(old)


def test_store_stored_hashes(seed_store: Store) -> None:
    stored = seed_store.article(DOC0)["content_hash"]
    new = make_article("n", "Noch nicht gespeichert.").content_hash
    assert (seed_store.stored_hashes([stored, new]), seed_store.stored_hashes([])) == ({stored}, set())


def test_store_cli_queries_open_read_only(seed_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``lagebild events`` and ``show`` open the store read-only (and so work on read-only storage)."""
    from click.testing import CliRunner

    from lagebild.cli import main

    opened: list[bool] = []
    real_init = Store.__init__

    def spy(self: Store, url: str | Path, *, readonly: bool = False) -> None:
        real_init(self, url, readonly=readonly)
        opened.append(self.readonly)

    monkeypatch.setattr(Store, "__init__", spy)
    for args in (["events", "--db", str(seed_file), "--limit", "5"], ["show", DOC0, "--db", str(seed_file)]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
    assert opened == [True, True]


@pytest.mark.parametrize("sort", ["date", "type", "actor", "doc", "id"])
@pytest.mark.parametrize("order", ["asc", "desc"])
def test_store_iter_events_keyset_pages_give_the_sorted_list(seed_store: Store, sort: str, order: str) -> None:
    """Pages of 7 that continue after the last row's sort values (NULLs and ties included)
    give exactly the one sorted list of all events."""
    from sqlalchemy import event

    whole = [r["id"] for r in seed_store.events(limit=10_000, sort=sort, order=order)]
    offsets: list[object] = []  # the OFFSET of each query (SQLite's dialect always writes one)

    def listen(conn: object, cursor: object, statement: str, params: object, *rest: object) -> None:
        if "OFFSET" not in statement.upper():
            offsets.append(0)
        elif isinstance(params, dict):
            offsets.append(next(v for k, v in params.items() if "offset" in k))
        else:
            offsets.append(list(params)[-1])  # type: ignore[call-overload]

    event.listen(seed_store._engine, "before_cursor_execute", listen)  # noqa: SLF001
    try:
        paged = [r["id"] for r in seed_store.iter_events(batch=7, sort=sort, order=order)]
    finally:
        event.remove(seed_store._engine, "before_cursor_execute", listen)  # noqa: SLF001
    assert paged == whole and len(whole) > 50
    assert len(offsets) > len(whole) // 7 and set(offsets) == {0}


def test_store_iter_events_with_filters(seed_store: Store) -> None:
    whole = [r["id"] for r in seed_store.events(limit=10_000, type="MOBILIZE,RETREAT", sort="actor", order="desc")]
    paged = [r["id"] for r in seed_store.iter_events(batch=3, type="MOBILIZE,RETREAT", sort="actor", order="desc")]
    assert paged == whole and len(whole) > 6


def test_store_posture_status_and_number_filters(seed_store: Store) -> None:
    every = seed_store.events(limit=10_000)
    for name in ("status", "posture", "factuality"):
        value = next(r[name] for r in every if r[name])
        got = seed_store.events(limit=10_000, **{name: value.upper()})
        assert got and {r[name] for r in got} == {value}
        assert seed_store.count_events(**{name: value}) == len(got)
    numbered = seed_store.events(limit=10_000, has_number="true")
    assert numbered and all((r["quantity"] or {}).get("value") is not None for r in numbered)
    assert len(numbered) + len(seed_store.events(limit=10_000, has_number=False)) == len(every)
    with pytest.raises(BadFilter) as err:
        seed_store.events(status="geplant")
    assert err.value.param == "status"
    with pytest.raises(BadFilter):
        seed_store.events(has_number="vielleicht")


def test_store_country_in_either_role(seed_store: Store) -> None:
    either = {r["id"] for r in seed_store.events(limit=10_000, country="LTU")}
    as_actor = {r["id"] for r in seed_store.events(limit=10_000, actor="LTU")}
    as_target = {r["id"] for r in seed_store.events(limit=10_000, target="LTU")}
    assert either == as_actor | as_target and as_actor and as_target - as_actor


def test_store_place_filter(seed_store: Store) -> None:
    every = seed_store.events(limit=10_000)
    place = next((r["location"] or {}).get("place") for r in every if (r["location"] or {}).get("place"))
    got = seed_store.events(limit=10_000, place=place.upper())
    assert got and all(r["location"]["place"] == place for r in got)

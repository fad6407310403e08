"""Tests of the event store (lagebild.store) over the seed articles and small hand-built ones.

Expected ids refer to the seed store: events get ids 1..100 in the order of
examples/gold.jsonl (17 events of doc 000, 23 of 001, 23 of 002, 25 of 003, 12 of 004).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from lagebild.model import Article, DateValue, Event, Failure, Party, Quantity, Sentence
from lagebild.store import CSV_COLUMNS, BadFilter, Store, database_url, event_types, flat_event, parse_date_bound

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
def dated_store(tmp_path: Path) -> Store:
    """Events at every date precision in an article dated 2022-03-10, plus one undated article."""
    store = Store(tmp_path / "dates.db")
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


def test_store_seed_db_counts(seed_db: Store) -> None:
    assert seed_db.summary() == {
        "articles": 5, "events": 100, "failures": 0,
        "by_type": {"MOBILIZE": 26, "REQUEST": 12, "CONSULT": 10, "PRESENCE": 10, "SUPPORT": 9, "ASSAULT": 8,
                    "ACCUSE": 6, "AGREE": 5, "REJECT": 5, "AID": 3, "RETREAT": 2, "THREATEN": 2,
                    "CONCEDE": 1, "COOPERATE": 1},
    }


@pytest.mark.parametrize("same_text_id", [DOC0, "copy-of-000"])
def test_store_re_add_same_text_is_ignored(seed_db: Store, same_text_id: str) -> None:
    text = Path(seed_db.article(DOC0)["path"]).read_text(encoding="utf-8")
    article = make_article(same_text_id, text)
    assert seed_db.add_article(article, [], [make_event(same_text_id)]) is False
    assert (seed_db.count_articles(), seed_db.count_events()) == (5, 100)
    assert seed_db.article("copy-of-000") is None


def test_store_changed_text_replaces_article(seed_db: Store) -> None:
    article = make_article(DOC0, "Neue Fassung. Die USA verlegen Truppen.", "2022-04")
    sents = [Sentence(0, 13, "Neue Fassung."), Sentence(14, 39, "Die USA verlegen Truppen.")]
    assert seed_db.add_article(article, sents, [make_event(DOC0, evidence="Die USA verlegen Truppen.")]) is True
    stored = seed_db.article(DOC0)
    assert (stored["date"], stored["clean_text"], stored["n_events"]) == ("2022-04", article.text, 1)
    assert [s["text"] for s in stored["sentences"]] == ["Neue Fassung.", "Die USA verlegen Truppen."]
    assert (seed_db.count_articles(), seed_db.count_events()) == (5, 84)
    assert seed_db.count_events(target="LVA", doc=DOC0) == 0


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
    ({"q": "100%"}, 0),
    ({"since": "2022-03-01", "until": "2022-03-31"}, 17),
    ({"since": "2022-03"}, 17),
    ({"until": "2022-02-28"}, 28),
    ({"since": "1990", "until": "2000"}, 1),
    ({"q": ""}, 100),
])
def test_store_event_filters(seed_db: Store, filters: dict, expected: int) -> None:
    assert seed_db.count_events(**filters) == expected
    assert len(seed_db.events(limit=1000, **filters)) == expected


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
def test_store_event_ids(seed_db: Store, filters: dict, expected: list[int]) -> None:
    limit = filters.pop("limit", 1000)
    assert [e["id"] for e in seed_db.events(limit=limit, **filters)] == expected


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
def test_store_event_sorting(seed_db: Store, sort: str, order: str, first: list[int], last: list[int]) -> None:
    found = ids(seed_db, sort=sort, order=order)
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
def test_store_bad_filters(seed_db: Store, filters: dict, param: str) -> None:
    with pytest.raises(BadFilter) as err:
        seed_db.events(**filters)
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


def test_store_stats(seed_db: Store) -> None:
    assert seed_db.stats(target="LTU") == {
        "total": 6,
        "by_type": {"MOBILIZE": 2, "PRESENCE": 2, "CONSULT": 1, "SUPPORT": 1},
        "by_day": [{"day": "2022-03", "type": t, "n": 1} for t in ("CONSULT", "MOBILIZE", "PRESENCE", "SUPPORT")],
        "actor_countries": {"USA": 6},
        "target_countries": {"LTU": 6, "EST": 3, "LVA": 3, "ROU": 2},
        "articles": 5, "matched_articles": 2, "failures": 0,
    }


def test_store_stats_by_day_precision(dated_store: Store) -> None:
    days = [(row["day"], row["n"]) for row in dated_store.stats()["by_day"]]
    assert days == [("2021-12-31", 1), ("2022", 1), ("2022-03", 1), ("2022-03-07", 1), ("2022-03-10", 1),
                    ("2022-04-01", 1)]


@pytest.mark.parametrize(("code", "expected"), [
    ("LTU", {"deployments": [1, 26], "withdrawals": [], "presence": [9, 27], "aid": [90, 91]}),
    ("nato", {"deployments": [41, 49, 50], "withdrawals": [98], "presence": [52, 44, 51], "aid": []}),
    ("XYZ", {"deployments": [], "withdrawals": [], "presence": [], "aid": []}),
])
def test_store_posture(seed_db: Store, code: str, expected: dict) -> None:
    view = seed_db.posture(code)
    assert view["code"] == code.upper()
    assert {group: [e["id"] for e in view[group]] for group in expected} == expected


def test_store_posture_items(seed_db: Store) -> None:
    first = seed_db.posture("LTU")["deployments"][0]
    assert (first["role"], first["quantity"]["value"], first["status"], first["doc"]) == ("target", 400, "planned", DOC0)
    assert seed_db.posture("LTU")["aid"][0]["role"] == "actor"


@pytest.mark.parametrize("code", ["", "  ", "U-S", "USA,RUS"])
def test_store_posture_bad_code(seed_db: Store, code: str) -> None:
    with pytest.raises(BadFilter) as err:
        seed_db.posture(code)
    assert err.value.param == "code"


def test_store_failures_idempotent(seed_db: Store) -> None:
    failure = Failure(doc_id="x1", stage="read", message="File is empty: add text or remove it.", path="in/x1.txt")
    seed_db.add_failure(failure)
    seed_db.add_failure(failure)
    seed_db.add_failure(Failure(doc_id="x1", stage="clean", message="No text left.", path="in/x1.txt"))
    rows = [(f["doc_id"], f["stage"], f["message"], f["path"]) for f in seed_db.failures()]
    assert rows == [("x1", "read", "File is empty: add text or remove it.", "in/x1.txt"),
                    ("x1", "clean", "No text left.", "in/x1.txt")]
    assert seed_db.summary()["failures"] == 2


def test_store_second_store_sees_data(seed_db: Store) -> None:
    with Store(seed_db.url) as other:
        assert (other.count_articles(), other.count_events(), other.event(1)["type"]) == (5, 100, "MOBILIZE")
        other.add_article(make_article("new", "Neuer Text."), [], [make_event("new")])
    assert seed_db.count_events(doc="new") == 1


def test_store_article_offsets(seed_db: Store) -> None:
    article = seed_db.article(DOC3)
    text = article["clean_text"]
    assert all(text[s["start"]:s["end"]] == s["text"] for s in article["sentences"])
    assert [s["index"] for s in article["sentences"]] == list(range(len(article["sentences"])))
    assert article["n_events"] == 25 and len(article["events"]) == 25
    first = article["events"][0]
    assert [text[a:b] for a, b in first["evidence_offsets"]] == first["evidence"]
    assert article["sentences"][0] == {"index": 0, "start": 0, "end": 39, "heading": True,
                                       "text": "USA schicken 2.000 Soldaten nach Europa"}


def test_store_unknown_ids(seed_db: Store) -> None:
    assert (seed_db.article("nope"), seed_db.event(4711)) == (None, None)


def test_store_event_record_shape(seed_db: Store) -> None:
    record = seed_db.event(1)
    assert list(record) == ["id", "doc", "type", "mode", "actor", "target", "origin", "location", "quantity",
                            "status", "posture", "date", "source", "factuality", "optional", "evidence",
                            "evidence_offsets"]
    assert (record["actor"], record["quantity"]["value"], record["date"]["value"]) == (
        {"text": "Die USA", "code": "USA", "sector": "GOV"}, 400, "2022-03")


@pytest.mark.parametrize(("q", "expected"), [
    (None, ["000_82da7f612d3910dc", "002_666015a9340883e0", "001_569844d6595051de", DOC3, DOC4]),
    ("STINGER", [DOC4]),
    ("usa schicken", [DOC3]),
    ("nichts davon", []),
])
def test_store_articles(seed_db: Store, q: str | None, expected: list[str]) -> None:
    assert [a["doc_id"] for a in seed_db.articles(q=q)] == expected
    assert seed_db.count_articles(q=q) == len(expected)


def test_store_articles_n_events(seed_db: Store) -> None:
    assert [a["n_events"] for a in seed_db.articles(limit=2, offset=3)] == [25, 12]


def test_store_meta(seed_db: Store) -> None:
    meta = seed_db.meta()
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


def test_store_flat_event(seed_db: Store) -> None:
    row = flat_event(seed_db.event(30))
    assert tuple(row) == CSV_COLUMNS
    assert (row["target_codes"], row["actor_code"], row["type"]) == ("DEU;ITA", "USA", "MOBILIZE")
    assert flat_event(seed_db.event(1))["evidence"].count(" | ") == 2


def test_store_memory_store_and_context_manager() -> None:
    with Store(":memory:") as store:
        assert store.add_article(make_article("m", "Text."), [], [make_event("m")]) is True
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

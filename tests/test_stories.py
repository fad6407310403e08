"""Cross-article fusion into stories (lagebild.fuse.stories, lagebild.store.link), the
force-posture ledger built on them (lagebild.store.stories), and their CLI and API.

Store tests run on SQLite and on PostgreSQL (``store_url``, tests/conftest.py).
"""

from __future__ import annotations

import json
import sqlite3
import warnings
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from lagebild.cli import main
from lagebild.fuse.stories import Story, best_story, report, same_event, shared_words, stems, summarize
from lagebild.model import Article, DateValue, Event, Party, Quantity
from lagebild.store import Store, StoreError

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

from lagebild.web.app import create_app

ANNOUNCED = "Die USA wollen 300 Soldaten nach Litauen verlegen, kündigte das Pentagon in Washington an."
ARRIVED = "In Litauen sind die ersten 350 US-Soldaten eingetroffen, teilte das Pentagon in Washington mit."
OTHER = "Die USA verlegen Kampfjets nach Polen."


def record(doc: str, *, status: str = "announced", value: int | None = 300, targets: tuple[str, ...] = ("LTU",),
           evidence: str = ANNOUNCED, sector: str = "GOV", factuality: str = "asserted", actor: str = "USA",
           type: str = "MOBILIZE", date: str | None = None, article_date: str | None = None,
           event_id: int = 1) -> dict[str, Any]:
    """An EVENTS.md record with the store's ``id``, ``article``, ``date_start`` and ``date_end``."""
    from lagebild.store.query import date_fields

    _, start, end = date_fields(date, article_date)
    return {
        "id": event_id, "doc": doc, "type": type, "mode": "troops",
        "actor": {"text": actor, "code": actor, "sector": sector}, "target": {"text": "x", "codes": list(targets)},
        "origin": None, "location": None,
        "quantity": {"value": value, "qualifier": "exact", "unit": "soldiers", "text": str(value)} if value else None,
        "status": status, "posture": None, "date": {"text": None, "value": date or article_date},
        "source": {"text": f"Quelle {doc}", "code": None}, "factuality": factuality, "optional": False,
        "evidence": [evidence], "evidence_offsets": [[0, len(evidence)]],
        "article": {"title": f"Titel {doc}", "outlet": f"Agentur {doc}", "date": article_date, "url": None},
        "date_start": start, "date_end": end,
    }


def view(rec: dict[str, Any]) -> Any:
    return report(rec, rec["id"], rec["date_start"], rec["date_end"])


# -- the pairwise decision -----------------------------------------------------------------

def test_one_deployment_announced_then_arrived_is_one_event() -> None:
    a = view(record("a", article_date="2022-02-01"))
    b = view(record("b", status="arrived", value=350, evidence=ARRIVED, article_date="2022-02-04"))
    assert same_event(a, b) and same_event(b, a)


@pytest.mark.parametrize(("change", "why"), [
    ({"targets": ("POL",)}, "another destination"),
    ({"article_date": "2022-05-01"}, "three months later"),
    ({"factuality": "negated"}, "a denial is not the act"),
    ({"sector": "POL"}, "the opposition is not the government"),
    ({"type": "RETREAT"}, "another type"),
    ({"actor": "DEU"}, "another actor"),
])
def test_what_rules_out_one_event(change: dict[str, Any], why: str) -> None:
    a = view(record("a", article_date="2022-02-01"))
    kwargs = {"status": "arrived", "value": 350, "evidence": ARRIVED, "article_date": "2022-02-04", **change}
    assert not same_event(a, view(record("b", **kwargs))), why


def test_an_announcement_after_an_arrival_is_another_deployment() -> None:
    arrived = view(record("a", status="arrived", evidence=ARRIVED, article_date="2022-02-01"))
    announced = view(record("b", article_date="2022-03-10"))
    assert not same_event(arrived, announced) and not same_event(announced, arrived)


def test_armed_forces_and_government_are_one_actor() -> None:
    a = view(record("a", article_date="2022-02-01"))
    b = view(record("b", status="arrived", value=350, evidence=ARRIVED, article_date="2022-02-04", sector="MIL"))
    assert same_event(a, b)


def test_undated_reports_need_more_than_a_shared_destination() -> None:
    vague = view(record("a", value=None, evidence="Die USA schicken Truppen."))
    other = view(record("b", value=None, evidence="Washington will Soldaten entsenden."))
    assert not same_event(vague, other)
    a, b = view(record("a")), view(record("b", evidence=ANNOUNCED.replace("kündigte", "sagte")))
    assert same_event(a, b)  # same destination, same number, the same words


def test_an_announcement_for_a_region_then_an_arrival_in_a_member_is_one_deployment() -> None:
    """Announced "to Eastern Europe" on the 22nd, troops arrived in Latvia reported a week later."""
    def deployment(doc: str, status: str, target: str, evidence: str, day: str, value: int | None = None) -> Any:
        return view(record(doc, status=status, value=value, targets=(target,), evidence=evidence, article_date=day))

    announced = deployment("a", "announced", "NATO_EAST",
                           "Die USA kündigten die Verlegung weiterer Soldaten nach Osteuropa an.", "2022-02-22")
    arrived = deployment("b", "completed", "LVA", "Auch nach Lettland hatten die USA zuvor mehr Truppen entsendet.",
                         "2022-03-01")
    assert same_event(announced, arrived) and same_event(arrived, announced)
    elsewhere = deployment("c", "completed", "DEU", "Die USA hatten Truppen nach Deutschland entsendet.", "2022-03-01")
    assert not same_event(announced, elsewhere)  # Germany is not in the region announced for
    region_done = deployment("d", "completed", "EUROPE", "Seit dem Angriff kamen rund 7000 Mann mehr nach Europa.",
                             "2022-03-01", value=7000)
    assert not same_event(announced, region_done)  # done towards all Europe is not what was announced for the east


def test_running_totals_of_one_buildup_are_one_story_with_both_numbers() -> None:
    """7,000 more to Europe since the attack (March), 20,000 more in recent months (undated):
    one build-up, counted twice; two deployments to Europe still planned are not."""
    early = view(record("a", status="completed", value=7000, targets=("EUROPE",), article_date="2022-03",
                        evidence="Die USA hatten nach dem Angriff rund 7000 weitere Soldaten nach Europa verlegt."))
    later = view(record("b", status="completed", value=20000, targets=("EUROPE",),
                        evidence="In den vergangenen Monaten haben die USA die Zahl ihrer Soldaten in Europa um 20.000 erhöht."))
    assert same_event(early, later)
    planned = view(record("c", status="planned", value=2000, targets=("EUROPE",), evidence="Die USA schicken 2.000 Soldaten nach Europa."))
    assert not same_event(early, planned)


def test_a_buildup_under_way_at_one_border_is_one_event() -> None:
    a = view(record("a", actor="RUS", status="underway", value=None, targets=("UKR",),
                    evidence="Ein Ende des russischen Truppenaufmarsches an den Grenzen zur Ukraine wird gefordert."))
    b = view(record("b", actor="RUS", status="underway", value=100000, targets=("UKR",),
                    evidence="Stoltenberg beschrieb die Lage mit dem Aufmarsch an der Grenze zur Ukraine."))
    assert same_event(a, b)
    assert not same_event(a, view(record("c", actor="RUS", status="announced", value=None, targets=("UKR",), evidence=OTHER)))


def test_a_city_and_its_country_count_once() -> None:
    """Two summits in Brussels are not one because both name Brussels and Belgium."""
    def summit(doc: str, evidence: str) -> Any:
        rec = record(doc, type="CONSULT", actor="EU", status=None, value=None, targets=("BEL",), evidence=evidence)
        rec["mode"], rec["location"] = "multilateral", {"text": "Brüssel", "codes": ["BEL"], "place": "Brüssel"}
        return view(rec)
    assert not same_event(summit("a", "Ein EU-Gipfel in Brüssel zu Camerons Forderungen."),
                          summit("b", "Gespräche der EU mit Erdogan am Montag in Brüssel."))


CAP = "Die ehemalige Präsidentin des Obersten Gerichtshofs fordert eine Kostengrenze von einer Million Euro."
FAIRNESS = "Am Freitag trat sie in Wien für ein Fairness- und Transparenzabkommen im Wahlkampf ein."
TITLE_CAP = "Wahlkampfkostenbeschränkung und Fairnessabkommen von allen Kandidaten gewünscht."
TITLE_FAIRNESS = "Ex-OGH-Präsidentin fordert Fairnessabkommen von allen Kandidaten."


def demand(doc: str, sector: str, evidence: str, title: str) -> dict[str, Any]:
    rec = record(doc, type="REQUEST", actor="AUT", sector=sector, status=None, value=None, targets=("AUT",),
                 evidence=evidence)
    rec["mode"], rec["article"]["title"] = None, title
    return rec


def test_two_headline_events_of_one_headline_are_one_event() -> None:
    """Two articles whose headlines report one demand, each record telling what its headline
    says: one event, though the records share no place, number, date or telling wording, and
    the extractor gave the candidate two sectors (GOV for "die ehemalige Präsidentin", POL for
    "sie")."""
    cap, fairness = view(demand("a", "GOV", CAP, TITLE_CAP)), view(demand("b", "POL", FAIRNESS, TITLE_FAIRNESS))
    assert same_event(cap, fairness) and same_event(fairness, cap)
    elsewhere = "Die Neos wollen sich im Jänner festlegen."
    assert not same_event(cap, view(demand("b", "POL", FAIRNESS, elsewhere)))  # other headlines: sectors differ
    assert not same_event(cap, view(demand("b", "GOV", FAIRNESS, elsewhere)))  # nor one sector: nothing speaks for it
    aside = "Von einer Partei wurde mir weder Geld zugesagt, noch habe ich um Geld geworben."
    assert not same_event(cap, view(demand("c", "POL", aside, TITLE_FAIRNESS)))  # not what the headlines say


def test_the_best_matching_evidence_sentence_counts() -> None:
    """A record whose evidence has one sentence on the event and others on its background
    shares that sentence's wording with a report of the event, not drowned by the rest."""
    event = "Die USA wollen 300 Soldaten nach Litauen verlegen, kündigte das Pentagon an."
    background = ["Zuvor hatten Moskau und Minsk ein gemeinsames Manöver an der Grenze begonnen.",
                  "Der Kreml warnte vor einer weiteren Eskalation und sprach von einer Provokation.",
                  "Auch die baltischen Staaten verstärkten ihre Grenzschutztruppen erheblich.",
                  "Beobachter rechnen mit weiteren Sanktionen gegen Banken und Energiekonzerne."]
    long = record("a", value=None)
    long["evidence"] = [event, *background]
    short = view(record("b", value=None, evidence="Das Pentagon will 300 Soldaten nach Litauen verlegen."))
    assert shared_words(view(long).words, short.words) < 0.2  # the whole evidence shares little
    assert same_event(view(long), short)  # Lithuania 2, the sentence on the event 1
    assert not same_event(view(record("a", value=None, evidence=" ".join(background))), short)


def test_same_article_never_links() -> None:
    a = view(record("a", article_date="2022-02-01"))
    b = view(record("a", status="arrived", evidence=ARRIVED, article_date="2022-02-04", event_id=2))
    assert not same_event(a, b)
    assert best_story(b, [Story(7, [a])]) is None


def test_best_story_takes_the_one_with_most_evidence() -> None:
    new = view(record("c", article_date="2022-02-02", event_id=3))
    weak = Story(1, [view(record("a", value=None, evidence=OTHER, targets=("LTU",), article_date="2022-02-20"))])
    strong = Story(2, [view(record("b", article_date="2022-02-01", event_id=2))])
    assert best_story(new, [weak, strong]) is strong


def test_stems_fold_case_diacritics_and_function_words() -> None:
    assert stems(["Gabčíkovo"]) == stems(["GABCIKOVO"]) == frozenset({"gabcik"})
    assert stems(["Die Soldaten werden nicht"]) == frozenset({"soldat"})
    assert shared_words(stems(["Soldaten in Gabčíkovo"]), stems(["Soldaten in Gabcikovo"])) == 1.0
    assert shared_words(frozenset(), frozenset()) == 0.0


# -- what a story says ---------------------------------------------------------------------

def test_summary_keeps_numbers_side_by_side_and_says_they_disagree() -> None:
    story = summarize(5, [
        record("b", status="arrived", value=350, evidence=ARRIVED, article_date="2022-02-04", event_id=2),
        record("a", article_date="2022-02-01", event_id=1),
    ])
    assert [(n["value"], n["source"], n["outlet"], n["title"]) for n in story["numbers"]] == [
        (300, "Quelle a", "Agentur a", "Titel a"), (350, "Quelle b", "Agentur b", "Titel b")]
    assert story["numbers_disagree"] and story["number_range"] == [300, 350]
    assert [s["status"] for s in story["statuses"]] == ["announced", "arrived"] and story["status"] == "arrived"
    assert (story["reports"], story["articles"], story["first_report"], story["last_report"]) == (2, 2, "2022-02-01", "2022-02-04")
    assert story["outlets"] == ["Agentur a", "Agentur b"] and story["sources"] == ["Quelle a", "Quelle b"]
    assert [e["evidence"] for e in story["events"]] == [[ANNOUNCED], [ARRIVED]]


def test_summary_of_agreeing_numbers() -> None:
    story = summarize(1, [record("a"), record("b", event_id=2)])
    assert not story["numbers_disagree"] and story["number_range"] == [300, 300]


# -- in the store: incremental, batch-independent, on both engines -------------------------

def event(doc: str, evidence: str, *, status: str, value: int, targets: tuple[str, ...] = ("LTU",)) -> Event:
    return Event(doc=doc, type="MOBILIZE", mode="troops", actor=Party(text="Die USA", code="USA", sector="GOV"),
                 target=Party(text="Litauen", codes=list(targets)), status=status,
                 quantity=Quantity(value, "exact", "soldiers", str(value)), date=DateValue(None, None),
                 source=Party(text=f"das Pentagon ({doc})"), evidence=[evidence], evidence_spans=[(0, len(evidence))])


def articles() -> list[tuple[Article, list, list[Event]]]:
    """Two reports of one deployment (days apart, numbers differ) and one of another."""
    return [
        (Article("a", ANNOUNCED, ANNOUNCED, date="2022-02-01", source="dpa"), [],
         [event("a", ANNOUNCED, status="announced", value=300)]),
        (Article("b", ARRIVED, ARRIVED, date="2022-02-04", source="Reuters", title="Erste US-Soldaten in Litauen"), [],
         [event("b", ARRIVED, status="arrived", value=350)]),
        (Article("c", OTHER, OTHER, date="2022-02-03", source="AFP"), [],
         [event("c", OTHER, status="underway", value=2, targets=("POL",))]),
    ]


def grouping(store: Store) -> list[list[str]]:
    return sorted(sorted(e["doc"] for e in s["events"]) for s in store.stories())


def test_store_links_a_new_article_to_the_stored_story(store_url: str) -> None:
    with Store(store_url) as store:
        first, second, third = articles()
        store.add_article(*first)
        store.add_article(*third)
        assert grouping(store) == [["a"], ["c"]]
        store.add_article(*second)  # incremental: joins a's story
        assert grouping(store) == [["a", "b"], ["c"]]
        [story] = store.stories(min_reports=2)
        assert store.story(story["id"]) == story and store.count_stories(min_reports=2) == 1
        assert [(n["value"], n["outlet"]) for n in story["numbers"]] == [(300, "dpa"), (350, "Reuters")]
        assert story["numbers_disagree"] and story["statuses"][-1]["status"] == "arrived"
        assert store.stories(actor="USA", target="POL") == [s for s in store.stories() if s["targets"] == ["POL"]]


def test_store_linking_does_not_depend_on_batches(store_url: str, tmp_path: Path) -> None:
    with Store(store_url) as store:
        store.add_articles(articles())
        together = grouping(store)
        assert together == [["a", "b"], ["c"]]
        assert store.link_stories(rebuild=True) == 3
        assert grouping(store) == together


def test_store_drops_the_story_of_a_replaced_article(store_url: str) -> None:
    with Store(store_url) as store:
        store.add_articles(articles())
        store.add_article(Article("c", "Neue Fassung.", "Neue Fassung."), [], [])
        assert grouping(store) == [["a", "b"]]
        assert store.count_stories() == 1


def test_store_ledger_shows_conflicting_numbers_with_sources(store_url: str) -> None:
    with Store(store_url) as store:
        store.add_articles(articles())
        ledger = store.ledger("USA")
        first = ledger["deployments"][0]
        assert (first["targets"], first["number_range"], first["numbers_disagree"]) == (["LTU"], [300, 350], True)
        assert [n["source"] for n in first["numbers"]] == ["das Pentagon (a)", "das Pentagon (b)"]
        assert [e["targets"] for e in store.ledger("USA", to="POL")["deployments"]] == [["POL"]]
        assert [e["actor"]["code"] for e in store.ledger("LTU")["received"]] == ["USA"]


def test_sqlite_store_of_version_2_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store(path) as store:
        store.add_articles(articles())
    with sqlite3.connect(path) as conn:  # what a version-2 store looked like
        conn.execute("DROP INDEX ix_events_story")
        conn.execute("DROP INDEX ix_events_link")
        conn.execute("ALTER TABLE events DROP COLUMN story_id")
        conn.execute("DROP TABLE stories")
        conn.execute("UPDATE store_info SET value = '2' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="lagebild link"):
        Store(path, readonly=True)
    result = CliRunner().invoke(main, ["link", "--db", str(path)])
    assert result.exit_code == 0 and "3 records linked" in result.output
    with Store(path, readonly=True) as store:
        assert grouping(store) == [["a", "b"], ["c"]]


# -- CLI and API ----------------------------------------------------------------------------

@pytest.fixture
def story_db(tmp_path: Path) -> Path:
    path = tmp_path / "stories.db"
    with Store(path) as store:
        store.add_articles(articles())
    return path


def test_cli_posture_table_csv_json(story_db: Path) -> None:
    runner = CliRunner()
    table = runner.invoke(main, ["posture", "USA", "--db", str(story_db)])
    assert table.exit_code == 0, table.output
    assert "deployments (2)" in table.output and "reports disagree" in table.output
    csv_out = runner.invoke(main, ["posture", "usa", "--to", "LTU", "--db", str(story_db), "--format", "csv"])
    header, row = csv_out.output.splitlines()[:2]
    assert header.startswith("group,story_id,type") and row.startswith("deployments,")
    assert "300 soldiers (das Pentagon (a), 2022-02-01)" in row and len(csv_out.output.splitlines()) == 2
    whole = json.loads(runner.invoke(main, ["posture", "USA", "--db", str(story_db), "--format", "json"]).output)
    assert whole["code"] == "USA" and len(whole["deployments"]) == 2


def test_cli_posture_unknown_code(story_db: Path) -> None:
    result = CliRunner().invoke(main, ["posture", "XYZ", "--db", str(story_db)])
    assert result.exit_code == 2 and "unknown code 'XYZ'" in result.output
    bad = CliRunner().invoke(main, ["posture", "U-S", "--db", str(story_db)])
    assert bad.exit_code == 2 and "Invalid value for CODE: 'U-S' is not an actor code" in bad.output


def test_cli_stories(story_db: Path) -> None:
    result = CliRunner().invoke(main, ["stories", "--db", str(story_db), "--min-reports", "2", "--format", "jsonl"])
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [(s["reports"], s["outlets"]) for s in lines] == [(2, ["dpa", "Reuters"])]
    table = CliRunner().invoke(main, ["stories", "--db", str(story_db)])
    assert table.exit_code == 0 and "2 of 2 stories" in table.output


def test_api_stories_and_ledger(story_db: Path) -> None:
    with TestClient(create_app(f"sqlite:///{story_db}"), raise_server_exceptions=False) as client:
        page = client.get("/api/stories", params={"limit": 1}).json()
        assert (page["total"], len(page["stories"]), page["next"]) == (2, 1, "/api/stories?limit=1&offset=1")
        assert page["stories"][0]["reports"] == 2
        story_id = page["stories"][0]["id"]
        assert client.get(f"/api/stories/{story_id}").json()["numbers_disagree"] is True
        assert client.get("/api/stories/999").status_code == 404
        assert client.get("/api/stories", params={"min_reports": 3}).json()["total"] == 0
        ledger = client.get("/api/posture/USA", params={"to": "LTU"}).json()
        assert [e["number_range"] for e in ledger["deployments"]] == [[300, 350]]
        missing = client.get("/api/posture/XYZ")
        assert missing.status_code == 404 and missing.headers["content-type"].startswith("application/problem+json")
        assert client.get("/api/posture/USA", params={"to": "P-L"}).status_code == 400
        assert client.get("/api/posture/SWE").json()["deployments"] == []


def test_store_compares_the_headlines_of_the_articles(store_url: str) -> None:
    """Linking in the store reads each record's article title (the headline signal)."""
    def stored(doc: str, sector: str, evidence: str, title: str) -> tuple[Article, list, list[Event]]:
        ev = Event(doc=doc, type="REQUEST", mode=None, actor=Party(text="sie", code="AUT", sector=sector),
                   target=Party(text=None, codes=["AUT"]), status=None, quantity=None, date=DateValue(None, None),
                   source=Party(text=None), evidence=[evidence], evidence_spans=[(0, len(evidence))])
        text = f"{title} {evidence}"  # articles of one text are stored once
        return Article(doc, text, text, title=title), [], [ev]

    with Store(store_url) as store:
        store.add_article(*stored("a", "GOV", CAP, TITLE_CAP))
        store.add_article(*stored("b", "POL", FAIRNESS, TITLE_FAIRNESS))
        store.add_article(*stored("c", "POL", FAIRNESS, "Die Neos wollen sich im Jänner festlegen."))
        assert grouping(store) == [["a", "b"], ["c"]]


def test_seed_ledger_shows_the_buildup_with_its_conflicting_numbers(store_url: str) -> None:
    """The seeds ingested in two steps (the first article, then the rest, so the later reports
    attach to stored stories): the USA's post-invasion build-up in Europe is one story with
    the 7,000 (dpa-AFX, March) and the ~20,000 (dpa/Reuters, undated) side by side and flagged
    as disagreeing; the announcement for Eastern Europe and the arrivals in Latvia stay apart
    from it."""
    seeds = sorted((Path(__file__).parent.parent / "examples" / "seeds").glob("*.txt"))
    runner = CliRunner()
    for batch in (seeds[:1], seeds[1:]):
        result = runner.invoke(main, ["ingest", *map(str, batch), "--db", store_url])
        assert result.exit_code == 0, result.output
    with Store(store_url, readonly=True) as store:
        deployments = store.ledger("USA")["deployments"]
    [buildup] = [e for e in deployments if 7000 in [n["value"] for n in e["numbers"]]]
    assert sorted(n["value"] for n in buildup["numbers"]) == [7000, 20000] and buildup["numbers_disagree"]
    assert {n["outlet"] for n in buildup["numbers"]} == {"dpa-AFX", "dpa, Reuters"}
    assert buildup["articles"] == 2 and "EUROPE" in buildup["targets"]
    assert all(e["articles"] == 1 for e in deployments if e is not buildup and "LVA" not in e["targets"])


# -- the labelled story-link set ----------------------------------------------------------

def test_story_link_set_pairwise_precision_and_recall() -> None:
    """Hand-labelled pairs from the seeds and the corpus (scripts/eval_links.py prints the
    figures; scripts/sample_story_pairs.py says how they were drawn). Precision must stay at
    0.90 or more: a wrong link merges two events in the ledger. Recall is held at what the
    linker reaches today, far below the 0.80 aimed at: 0.33 (13 of 40) on the whole set, 0.62
    (8 of 13) on the first draw (pairs below 2000, mostly the seeds); 0.40 (6 of 15) on the
    even-numbered pairs the weights were chosen on and 0.28 (7 of 25) on the odd ones. Most
    missed pairs are undated corpus reports that share neither date, place nor telling words,
    or whose records give the event to different actors."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("eval_links", Path(__file__).parent.parent / "scripts" / "eval_links.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    pairs = module.load(module.PAIRS)
    labels = [p["label"] for p in pairs]
    assert len(pairs) >= 900 and labels.count("same") >= 40 and labels.count("different") >= 800
    decided = {p["pair"]: module.pairwise(p) for p in pairs}
    for part, floor in [(pairs, 0.32), ([p for p in pairs if p["pair"] < 2000], 0.61),
                        ([p for p in pairs if p["pair"] % 2 == 0], 0.40), ([p for p in pairs if p["pair"] % 2], 0.28)]:
        result = module.score(part, decided)
        assert result["precision"] >= 0.90 and result["recall"] >= floor, (floor, result)

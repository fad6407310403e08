"""The pipeline runner and the public ``lagebild.extract`` function.

Records must have exactly the EVENTS.md keys, evidence must be verbatim slices
of the cleaned text at the stored offsets, and ``run`` must yield one result per
input, in order, whatever the input holds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ENGLISH, RECORD_KEYS
from conftest import ONE_EVENT_SENTENCE as SENTENCE

import lagebild
from lagebild.errors import ArticleError
from lagebild.model import Article, Event, Failure
from lagebild.pipeline import process_article, run

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "examples" / "seeds").glob("*.txt"))


def seed_article(path: Path) -> Article:
    """A seed file as read (raw text, file stem as id)."""
    return Article(doc_id=path.stem, text=path.read_text(encoding="utf-8"), path=str(path))


def test_pipeline_extract_sentence() -> None:
    events = lagebild.extract(SENTENCE, doc_id="x", date="2022-02")
    assert [(e.doc, e.type, e.actor.code, e.target.codes, e.quantity.value, e.quantity.unit, e.evidence)
            for e in events] == [("x", "MOBILIZE", "USA", ["POL"], 2000, "soldiers", [SENTENCE])]  # fmt: skip
    assert events[0].to_record()["evidence_offsets"] == [[0, len(SENTENCE)]]


def test_pipeline_extract_default_doc_id() -> None:
    assert [e.doc for e in lagebild.extract(SENTENCE)] == ["doc"]


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_pipeline_extract_record_keys(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    events = lagebild.extract(text, doc_id=path.stem, date="2022-03")
    assert len(events) > 0
    assert all(isinstance(e, Event) for e in events)
    assert [list(e.to_record()) for e in events] == [RECORD_KEYS] * len(events)
    assert {e.doc for e in events} == {path.stem}


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_pipeline_evidence_is_verbatim(path: Path) -> None:
    article, sentences, events = process_article(seed_article(path))
    text = article.clean_text
    assert all(text[s.start:s.end] == s.text for s in sentences)
    for event in events:
        record = event.to_record()
        assert len(record["evidence"]) == len(record["evidence_offsets"]) > 0
        assert [text[start:end] for start, end in record["evidence_offsets"]] == record["evidence"]


def test_pipeline_extract_twice_is_the_same() -> None:
    text = SEEDS[0].read_text(encoding="utf-8")
    first = [e.to_record() for e in lagebild.extract(text, doc_id="a", date="2022-03")]
    second = [e.to_record() for e in lagebild.extract(text, doc_id="a", date="2022-03")]
    assert first == second
    assert len(first) > 0


@pytest.mark.parametrize(
    ("text", "stage", "start"),
    [
        ("", "clean", "No article text is left after removing boilerplate."),
        ("   \n\n  ", "clean", "No article text is left after removing boilerplate."),
        (ENGLISH, "clean", "Article is not German (detected language 'en'"),
    ],
)  # fmt: skip
def test_pipeline_extract_refuses(text: str, stage: str, start: str) -> None:
    with pytest.raises(ArticleError) as caught:
        lagebild.extract(text, doc_id="bad")
    assert caught.value.stage == stage
    assert caught.value.message.startswith(start)


def test_pipeline_run_mixed_items_in_order() -> None:
    read_failure = Failure(doc_id="unreadable", stage="read", message="x: binary file, not text", path="x")
    items: list[Article | Failure] = [
        seed_article(SEEDS[0]),
        read_failure,
        Article(doc_id="empty", text=""),
        Article(doc_id="english", text=ENGLISH, path="english.txt"),
        Article(doc_id="broken", text=None),  # type: ignore[arg-type]  # a reader bug: no text at all
        Article(doc_id="sentence", text=SENTENCE, date="2022-02"),
        seed_article(SEEDS[1]),
    ]
    results = list(run(items))
    assert len(results) == len(items)
    kinds = [(type(r).__name__, r.doc_id if isinstance(r, Failure) else r[0].doc_id) for r in results]
    assert kinds == [
        ("tuple", SEEDS[0].stem), ("Failure", "unreadable"), ("Failure", "empty"), ("Failure", "english"),
        ("Failure", "broken"), ("tuple", "sentence"), ("tuple", SEEDS[1].stem),
    ]  # fmt: skip
    assert results[1] is read_failure
    assert [(f.stage, f.path) for f in results[2:5]] == [("clean", None), ("clean", "english.txt"), ("extract", None)]
    assert results[4].message.startswith("internal error (")
    assert results[4].message.endswith("); please report this article")
    assert [e.type for e in results[5][2]] == ["MOBILIZE"]


def test_pipeline_run_is_lazy() -> None:
    """``run`` processes one article at a time: the first result comes before later items are read."""

    def items():
        yield Article(doc_id="sentence", text=SENTENCE)
        raise AssertionError("read too early")

    first = next(run(items()))
    assert first[0].doc_id == "sentence"


def test_pipeline_large_article() -> None:
    body = "\n\n".join(path.read_text(encoding="utf-8") for path in SEEDS)
    text = "\n\n".join([body] * (200_000 // len(body) + 1))
    assert len(text.encode("utf-8")) > 200_000
    article, sentences, events = process_article(Article(doc_id="big", text=text, date="2022-03"))
    assert len(article.clean_text) > 190_000
    assert len(sentences) > 1000
    assert len(events) > 0
    assert all(article.clean_text[s:e] == ev for event in events
               for (s, e), ev in zip(event.evidence_spans, event.evidence))  # fmt: skip


def test_pipeline_attack_without_named_doer_has_no_actor() -> None:
    # ANNOTATING.md: an unknown perpetrator is actor null, not the country it happened in
    events = lagebild.extract("Bei einem Selbstmordanschlag in Bagdad sind mindestens 20 Menschen getötet worden.", doc_id="x")
    attacks = [e for e in events if e.type == "ASSAULT"]
    assert attacks and all(e.actor is None or e.actor.code is None for e in attacks)
    assert attacks[0].quantity is not None and attacks[0].quantity.value == 20


def test_victim_tolls_of_one_attack_fuse() -> None:
    """The dead in one sentence and the injured in the next are one attack: an attack's
    numbers count victims, which neither tie nor part two mentions (``fuse.document``)."""
    text = "Bei einem Selbstmordanschlag in Bagdad wurden am Dienstag 38 Menschen getötet. Mehr als 300 Menschen wurden verletzt."
    records = [e.to_record() for e in lagebild.extract(text, doc_id="toll") if e.type == "ASSAULT"]
    assert len(records) == 1
    assert records[0]["quantity"]["value"] == 38 and len(records[0]["evidence"]) == 2


def test_speech_acts_of_two_speakers_of_one_country_stay_apart() -> None:
    """Two parties of one country demanding in neighbouring sentences make two demands; the
    same speaker restating one ("Er verlangt zudem …") makes one (``fuse.document``)."""
    two = lagebild.extract("Wien – Die FPÖ fordert eine Volksbefragung über den Zaun. Die Grünen verlangen dagegen mehr Quartiere für Flüchtlinge.", doc_id="two")
    assert [(e.type, e.actor.text) for e in two] == [("REQUEST", "Die FPÖ"), ("REQUEST", "Die Grünen")]
    one = lagebild.extract("Wien – Der FPÖ-Chef Heinz-Christian Strache fordert eine Volksbefragung. Er verlangt zudem strengere Grenzkontrollen.", doc_id="one")
    assert [(e.type, len(e.evidence)) for e in one] == [("REQUEST", 2)]


def test_attacks_in_two_towns_stay_apart() -> None:
    """Shootings at named places more than 25 km apart are two attacks; two mentions at
    one place fuse (``fuse.document``)."""
    two = lagebild.extract("Israelische Soldaten erschossen am Freitag in Hebron einen Palästinenser. Israelische Soldaten erschossen am Samstag in Gaza einen weiteren Palästinenser.", doc_id="two")
    assert [(e.type, e.location.place if e.location else None) for e in two] == [("ASSAULT", "Hebron"), ("ASSAULT", "Gaza")]
    one = lagebild.extract("Israelische Soldaten erschossen am Freitag in Jerusalem einen Palästinenser. Israelische Soldaten verletzten in Jerusalem einen weiteren Palästinenser.", doc_id="one")
    assert [(e.type, len(e.evidence)) for e in one] == [("ASSAULT", 2)]


def test_deployment_with_no_place_joins_the_mention_that_names_it() -> None:
    """A headline that names no destination ("an die Grenze") aims the deployment at home only
    for want of a place (``decide.home_target``): it fuses with the sentence that names the
    place and takes its target, instead of standing as a second deployment to the actor's own
    state (``fuse.document``). Two deployments to two named places stay two."""
    text = "Türkei verlegt Panzer an die Grenze\n\nDie türkische Armee hat am Montag 40 Panzer an die Grenze zu Syrien verlegt."
    records = [e.to_record() for e in lagebild.extract(text, doc_id="home") if e.type == "MOBILIZE"]
    assert [(r["actor"]["code"], r["target"]["codes"], len(r["evidence"])) for r in records] == [("TUR", ["SYR"], 2)]
    two = lagebild.extract("Die Türkei hat 40 Panzer an die Grenze zu Syrien verlegt. Die Türkei hat zudem 30 Panzer an die Grenze zum Irak verlegt.", doc_id="two")
    assert [e.target.codes for e in two if e.type == "MOBILIZE"] == [["SYR"], ["IRQ"]]

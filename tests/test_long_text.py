"""Long articles: processing time linear in length (issue 8, defect 4).

On repetitive text the time used to grow with the square of the length (200k
characters 6.4 s, 400k 19 s, 800k 84 s). These tests assert behaviour, not time:
what a long repetitive article gives, and counts of the operations that used to
grow with the square of the length (comparisons in fuse, characters searched for
sign-offs, acts looked back over, the length of a sentence); the timing itself is
measured by ``benchmarks/long_text.py``.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

import lagebild.clean as clean_stage
import lagebild.fuse.document as fuse_stage
import lagebild.split as split_stage
from lagebild.errors import ArticleError
from lagebild.fuse import RECENT_GROUPS, Mentioned, fuse
from lagebild.model import Article, Event, Party, Quantity
from lagebild.pipeline import process_article
from lagebild.resolve import Context
from lagebild.split import MAX_SENTENCE, split_sentences

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "examples" / "seeds").glob("*.txt"))


def seed_unit() -> str:
    """The bodies of the five seed articles (no date marker, no dateline), one text."""
    bodies = []
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        bodies.append(text.split(" - ", 1)[1] if " - " in text[:200] else text)
    return "\n\n".join(body.strip() for body in bodies)


def kind(event: Event) -> tuple:
    """What an event is, apart from its evidence."""
    return (
        event.type,
        event.actor.code if event.actor else None,
        tuple(event.target.codes) if event.target else (),
        event.quantity.value if event.quantity else None,
    )


def repeated(k: int) -> tuple[str, list, list[Event]]:
    """The seed bodies repeated k times, processed: clean text, sentences, events."""
    article, sentences, events = process_article(Article(doc_id="long", text="\n\n".join([seed_unit()] * k)))
    return article.clean_text, sentences, events


def check_repetition(k: int, ones: tuple[str, list, list[Event]], twos: tuple[str, list, list[Event]]) -> None:
    """A text repeated k times: k times the sentences, the events of one copy and no other
    kind, the same number of new records with every copy, evidence verbatim in text order."""
    text, sentences, events = repeated(k)
    _, sentences_1, events_1 = ones
    _, _, events_2 = twos
    assert len(sentences) == k * len(sentences_1)
    assert {kind(e) for e in events} == {kind(e) for e in events_1}
    step = len(events_2) - len(events_1)  # records that only join a neighbouring sentence: new with every copy
    assert 0 <= step < len(events_1)
    assert len(events) == len(events_1) + (k - 1) * step
    for event in events:
        assert [text[s:e] for s, e in event.evidence_spans] == event.evidence
        assert event.evidence_spans == sorted(event.evidence_spans)
    # an event stated in every copy has one record with the evidence of every copy
    assert max(len(e.evidence) for e in events) >= k


@pytest.fixture(scope="module")
def once_and_twice() -> tuple[tuple[str, list, list[Event]], tuple[str, list, list[Event]]]:
    return repeated(1), repeated(2)


def test_repeated_article_gives_the_events_of_one_copy(once_and_twice) -> None:
    check_repetition(5, *once_and_twice)  # about 80,000 characters


@pytest.mark.slow
def test_300k_characters_of_repeated_article(once_and_twice) -> None:
    assert len(seed_unit()) * 19 > 300_000
    check_repetition(19, *once_and_twice)


# --------------------------------------------------------------------------- fuse


def mention(i: int, sentence: int, *, etype: str = "MOBILIZE", actor: str = "USA", target: list[str] | None = None,
            value: int | None = None, status: str | None = None, heading: bool = False, support: bool = False) -> Mentioned:
    event = Event(
        doc="x", type=etype, actor=Party(code=actor), target=Party(codes=target) if target is not None else None,
        quantity=Quantity(value, unit="troops") if value is not None else None, status=status,
        evidence=[f"sentence {sentence}"], evidence_spans=[(sentence * 10, sentence * 10 + 9)],
    )
    return Mentioned(event, sentence, heading, support)


def test_fuse_keeps_speech_acts_said_apart() -> None:
    """A deployment restated paragraphs later is one event; an accusation by the same
    speaker against the same party, said paragraphs later, is another."""
    records = fuse([
        mention(0, 1, etype="ACCUSE", actor="RUS", target=["USA"]),
        mention(1, 2, target=["LTU"], status="announced"),
        mention(2, 3, etype="ACCUSE", actor="RUS", target=["USA"]),
        mention(3, 12, etype="ACCUSE", actor="RUS", target=["USA"]),
        mention(4, 14, target=["LTU"], status="announced"),
    ])
    assert [r.evidence for r in records if r.type == "ACCUSE"] == [["sentence 1", "sentence 3"], ["sentence 12"]]
    assert [r.evidence for r in records if r.type == "MOBILIZE"] == [["sentence 2", "sentence 14"]]


def one_copy(start: int) -> list[Mentioned]:
    """The mentions of one copy of an article: four events, told in several sentences each."""
    s = start
    return [
        mention(0, s, target=["LTU"], value=400, status="announced"),
        mention(1, s + 1, etype="ACCUSE", actor="RUS", target=["USA"]),
        mention(2, s + 2, target=["LTU"], status="announced"),
        mention(3, s + 3, etype="AID", actor="DEU", target=["UKR"]),
        mention(4, s + 4, etype="ACCUSE", actor="RUS", target=["USA"]),
        mention(5, s + 5, etype="CONSULT", actor="USA"),
        mention(6, s + 6, target=["LTU"], value=400, support=True),
    ]


def test_fuse_work_grows_linearly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Comparing every mention with every record grew with the square of the article."""
    calls = Counter()
    affinity = fuse_stage._affinity

    def counted(a: Mentioned, b: Mentioned) -> int:
        calls["affinity"] += 1
        return affinity(a, b)

    monkeypatch.setattr(fuse_stage, "_affinity", counted)
    work = {}
    for copies in (200, 400, 600):
        calls.clear()
        records = fuse([m for c in range(copies) for m in one_copy(c * 10)])
        work[copies] = calls["affinity"]
        # the targeted deployment and delivery are one record each; the accusation, a speech
        # act, joins only mentions within two sentences (each copy's two, three apart, stay
        # two records); the untargeted meeting joins only its neighbours
        assert len(records) == 2 + 3 * copies
        big = next(r for r in records if r.type == "MOBILIZE")
        assert len(big.evidence) == 2 * copies and big.quantity.value == 400
    # each further 200 copies cost the same: linear, where all pairs grew with every copy
    assert work[600] - work[400] <= 1.05 * (work[400] - work[200])
    assert work[600] <= 600 * len(one_copy(0)) * RECENT_GROUPS


def test_fuse_compares_a_mention_with_a_bounded_number_of_records(monkeypatch: pytest.MonkeyPatch) -> None:
    """Thousands of different events of one actor (each number its own event): a mention
    is compared with at most ``RECENT_GROUPS`` of them."""
    calls = Counter()
    conflict = fuse_stage._conflict

    def counted(a: Mentioned, b: Mentioned) -> bool:
        calls["conflict"] += 1
        return conflict(a, b)

    monkeypatch.setattr(fuse_stage, "_conflict", counted)
    n = 3000
    records = fuse([mention(i, i, target=["LTU"], value=100 + i) for i in range(n)])
    assert len(records) == n
    assert calls["conflict"] <= n * RECENT_GROUPS


def _reference_fuse(mentions: list[Mentioned]) -> list[Event]:
    """Fuse as it was: every mention compared with every member of every record."""

    def best(groups: list[list[Mentioned]], item: Mentioned) -> list[Mentioned] | None:
        found, score_found = None, 0
        for group in groups:
            codes = set().union(*(fuse_stage._codes(m.event) for m in group))
            value = item.event.quantity.value if item.event.quantity else None
            same = value is not None and any(m.event.quantity and m.event.quantity.value == value for m in group)
            item_codes = fuse_stage._codes(item.event)
            if any(fuse_stage._conflict(m, item) for m in group) or (codes and item_codes and not codes & item_codes and not same):
                continue
            told = [m for m in group if not m.heading]
            compared = told if told and not item.heading else group  # a headline joins one event of the body
            score = max(fuse_stage._affinity(m, item) for m in compared)
            if score > score_found:
                found, score_found = group, score
        return found

    groups: list[list[Mentioned]] = []
    for item in mentions:
        if not item.support:
            target = best(groups, item)
            if target is None:
                groups.append([item])
            else:
                target.append(item)
    for item in mentions:
        if item.support:
            target = best(groups, item)
            if target is not None and all(m.event.quantity is None or m.event.quantity.value is None for m in target):
                target.append(item)
    return [fuse_stage._merge(g) for g in groups]


def test_fuse_gives_the_records_of_comparing_all_pairs() -> None:
    """Indexing by type and actor and by what a mention is (apart from its sentence)
    changes no record while no actor has more than ``RECENT_GROUPS`` records of a type."""
    rng = random.Random(8)
    for _ in range(400):
        mentions, sentence = [], 0
        for i in range(rng.randint(1, 30)):
            sentence += rng.choice([0, 1, 1, 2, 3, 6])
            mentions.append(
                mention(
                    i, sentence, etype=rng.choice(["MOBILIZE", "AID", "ACCUSE"]), actor=rng.choice(["USA", "RUS"]),
                    target=rng.choice([None, [], ["LTU"], ["LVA"], ["LTU", "LVA"], ["EUROPE"]]),
                    value=rng.choice([None, None, 400, 7000]), status=rng.choice([None, "announced", "arrived", "underway"]),
                    heading=rng.random() < 0.1, support=rng.random() < 0.15,
                )
            )
            if rng.random() < 0.2:
                mentions[-1].event.mode = rng.choice(["a", "b"])
        expected = [e.to_record() for e in _reference_fuse([replace(m, event=replace(m.event)) for m in mentions])]
        assert [e.to_record() for e in fuse(mentions)] == expected


# --------------------------------------------------------------------------- split, clean, resolve


def test_a_text_without_full_stops_is_cut_into_bounded_sentences() -> None:
    text = " ".join(["die USA verlegen weitere Soldaten nach Litauen, sagte der Minister am Montag"] * 2000)
    sentences = split_sentences(text)
    assert all(len(s.text) <= MAX_SENTENCE for s in sentences)
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert re.sub(r"\s+", "", "".join(s.text for s in sentences)) == re.sub(r"\s+", "", text)
    assert all(s.text.endswith(",") for s in sentences[:-1])  # cut at a clause break
    assert len(sentences) <= 2 * len(text) // MAX_SENTENCE + 1


def test_hard_wrapped_text_is_joined_into_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether a line goes on is read from the end of the line before, not from all the
    lines joined so far (which grew with every line)."""
    read = []
    continues = clean_stage._continues
    monkeypatch.setattr(clean_stage, "_continues", lambda previous, line: read.append(len(previous)) or continues(previous, line))
    lines = ["die soldaten sollen in den kommenden tagen in litauen ankommen und"] * 5000
    assert clean_stage.unwrap(lines) == [" ".join(lines)]
    assert max(read) <= len(lines[0]) + 1


def test_hard_wrapped_lines_are_split_reading_one_line_back(monkeypatch: pytest.MonkeyPatch) -> None:
    read = []
    continues = split_stage._continues
    monkeypatch.setattr(split_stage, "_continues", lambda previous, line: read.append(len(previous)) or continues(previous, line))
    text = "\n".join(["die soldaten sollen in den kommenden tagen in litauen ankommen und"] * 5000)
    sentences = split_sentences(text)
    assert all(text[s.start : s.end] == s.text and len(s.text) <= MAX_SENTENCE for s in sentences)
    assert max(read) <= 70


def test_signoff_search_reads_only_the_end_of_a_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """A line ending in thousands of sign-offs: each is looked for at the end, not in the whole line."""
    searched = Counter()

    class Counting:
        def __init__(self, pattern: re.Pattern[str]) -> None:
            self.pattern = pattern

        def search(self, string: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
            end = len(string) if endpos is None else endpos
            searched["chars"] += end - pos
            searched["calls"] += 1
            return self.pattern.search(string, pos, end)

    patterns = clean_stage.boilerplate()
    counting = replace(patterns, signoffs=tuple(Counting(p) for p in patterns.signoffs))  # type: ignore[arg-type]
    monkeypatch.setattr(clean_stage, "boilerplate", lambda: counting)
    n = 3000
    line = "Die USA schicken Soldaten nach Polen. " * 50 + "(dpa) " * n
    found = clean_stage.Found()
    assert clean_stage.strip_signoffs(line.strip(), found) == ("Die USA schicken Soldaten nach Polen. " * 50).strip()
    assert found.credit_agencies == ["dpa"] * n
    assert searched["chars"] <= searched["calls"] * clean_stage.SIGNOFF_SPAN


def test_looking_back_for_the_last_act_stops_at_the_window() -> None:
    class Counting(list):
        read = 0

        def __reversed__(self):
            for item in super().__reversed__():
                Counting.read += 1
                yield item

    ctx = Context()
    for sentence in range(5000):
        ctx.note_event("ACCUSE", Party(code="RUS"), sentence)
    ctx.acts = Counting(ctx.acts)
    assert ctx.last_act(5000, exclude=frozenset({"ACCUSE"})) is None
    assert Counting.read <= 10
    assert ctx.last_act(5000) == ("ACCUSE", Party(code="RUS"), None)


def test_an_article_beyond_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clean_stage, "MAX_ARTICLE_CHARS", 1000)
    with pytest.raises(ArticleError, match="too long"):
        process_article(Article(doc_id="x", text="Die USA schicken Soldaten nach Polen. " * 30))


def test_fuse_headline_joins_one_event_of_the_body() -> None:
    """A headline summarises one event: the accusation it names joins the first told in the
    body, and an accusation told paragraphs later stays apart (it does not reach the first
    through the headline)."""
    records = fuse([
        mention(0, 0, etype="ACCUSE", actor="BEL", target=["BEL"], heading=True),
        mention(1, 1, etype="ACCUSE", actor="BEL", target=["BEL"]),
        mention(2, 9, etype="ACCUSE", actor="BEL", target=["BEL"]),
    ])
    assert [r.evidence for r in records] == [["sentence 0", "sentence 1"], ["sentence 9"]]

"""The extract stage: event records from the linguistic layer of each sentence.

For one article: recognise the party mentions of every sentence, find the article's home
country, then sentence by sentence analyse the German (``lagebild.analyse``), generate the
event candidates the cue lexicon allows (``candidates``), decide which of them the
sentence states (``decide``), and turn those into records; ``lagebild.fuse`` then merges
the records of one real-world event. The document context (``lagebild.resolve``) carries
pronouns, speakers and the home country from sentence to sentence.
"""

from __future__ import annotations

from ..analyse import Analysis, analyse
from ..fuse import Mentioned, fuse
from ..model import Article, Event, Party, Sentence
from ..recognize.annotate import Annotated, annotate
from ..recognize.lexicon import lookup_place
from ..resolve import Context, document_focus
from .candidates import Candidate, counted_class, sentence_candidates
from .decide import decide, home_target
from .parties import PartyFinder, actor_noun

__all__ = ["extract_events", "sentence_events", "read_sentence", "article_context", "update_context"]


def extract_events(article: Article, sentences: list[Sentence]) -> list[Event]:
    """The fused event records of a cleaned, split article.

    article (Article): the cleaned article (``clean_text``, ``date``, ``places``).
    sentences (list[Sentence]): its sentences, in order.
    RETURNS (list[Event]): one record per real-world event, evidence in text order.
    """
    annotated = annotate(article.clean_text, sentences)
    ctx = article_context(article, annotated)
    mentioned: list[Mentioned] = []
    for ann in annotated:
        for event, support, home in _sentence_mentions(ann, ctx, article.doc_id):
            mentioned.append(Mentioned(event, ann.index, ann.sentence.heading, support=support, home_target=home))
    return fuse(mentioned)


def sentence_events(ann: Annotated, ctx: Context, doc_id: str) -> list[Event]:
    """The events one sentence states, given the document context (which it then updates).

    ann (Annotated): the sentence and its mentions.
    ctx (Context): the document context so far.
    doc_id (str): the document id for the records.
    RETURNS (list[Event]): unfused records, one per decided candidate and actor.
    """
    return [event for event, support, _home in _sentence_mentions(ann, ctx, doc_id) if not support]


def _sentence_mentions(ann: Annotated, ctx: Context, doc_id: str) -> list[tuple[Event, bool, bool]]:
    """The sentence's records, each with whether it only supports a record (a number) and
    whether its target is a deployment's home for want of a place (``decide.home_target``)."""
    a, candidates = read_sentence(ann, ctx)
    events: list[tuple[Event, bool, bool]] = []
    for cand in decide(candidates, a, ann, ctx.focus):
        home = home_target(cand)
        events.extend((event, cand.support, home) for event in _records(cand, ann, doc_id))
        if not cand.support:
            ctx.note_event(cand.type, cand.actor, ann.index, cand.target)
    _update_context(a, ann, ctx, next((c.view.pf for c in candidates if c.view is not None), None))
    return events


def read_sentence(ann: Annotated, ctx: Context) -> tuple[Analysis, list[Candidate]]:
    """Analyse a sentence and generate its event candidates (none for a question).

    ann (Annotated): the sentence and its mentions.
    ctx (Context): the document context (not updated here).
    RETURNS (tuple[Analysis, list[Candidate]]): the linguistic layer and the candidates.
    """
    ctx.sentence = ann.index
    a = analyse(ann.text)
    if ann.text.rstrip().endswith("?"):
        return a, []
    return a, sentence_candidates(a, ann, ctx)


def article_context(article: Article, annotated: list[Annotated]) -> Context:
    """The document context of an article before its first sentence: date and home country."""
    dateline = [code for place in article.places if (m := lookup_place(place)) is not None and (code := m.code or (m.codes[0] if m.codes else None))]
    focus = document_focus([a.mentions for a in annotated], [a.sentence.heading for a in annotated], dateline)
    return Context(doc_date=article.date, focus=focus)


def update_context(a: Analysis, ann: Annotated, ctx: Context) -> None:
    """Remember the sentence's speakers, persons, groups and places for the next ones."""
    _update_context(a, ann, ctx)


def _records(cand: Candidate, ann: Annotated, doc_id: str) -> list[Event]:
    """One record per acting state: "Frankreich und Polen fordern …" gives two."""
    actors: list[Party | None] = [cand.actor]
    if cand.actor is not None and len(set(cand.actor.codes)) > 1 and "pair" not in (cand.entry.flags if cand.entry else ()):
        actors = [Party(text=cand.actor.text, code=c, codes=[c], sector=cand.actor.sector) for c in dict.fromkeys(cand.actor.codes)]
    # the acting state's own code as the target (a domestic act, "die Opposition fordert
    # Neuwahlen") is each acting state's own: "Frankreich und Polen fordern Reformen" in both
    own = len(actors) > 1 and cand.target is not None and cand.target.text is None and list(cand.target.codes) == [actors[0].code]
    out = []
    for actor in actors:
        target = cand.target
        if actor is not None:
            if own:
                target = Party(text=None, codes=[actor.code])
            actor = Party(text=actor.text, code=actor.code, codes=[], sector=actor.sector)
        out.append(
            Event(
                doc=doc_id,
                type=cand.type,
                mode=cand.mode,
                actor=actor,
                target=target,
                origin=cand.origin,
                location=cand.location,
                quantity=cand.quantity,
                status=cand.status,
                posture=cand.posture,
                date=cand.date,
                source=cand.source,
                factuality=cand.factuality,
                evidence=[ann.text],
                evidence_spans=[(ann.sentence.start, ann.sentence.end)],
            )
        )
    return out


def _names_role(a: Analysis, chunk) -> bool:
    """Whether a chunk holds a role or body noun ("Regierung", "Botschafter"): only such a
    chunk can say whose role it names for a later bare mention."""
    return any(t.is_noun and actor_noun(t.lemma) is not None for t in a.tokens[chunk.core_start : chunk.core_end])


def _update_context(a: Analysis, ann: Annotated, ctx: Context, pf: PartyFinder | None = None) -> None:
    """Remember the sentence's speakers, persons, groups and places for the next ones."""
    pf = pf or PartyFinder(a, ann.mentions, ctx)
    for frame in a.frames:
        if frame.kind in ("say", "colon") and frame.speaker is not None and not frame.report:
            party = pf.party(frame.speaker)
            if party is not None and party.code:
                ctx.note_speaker(Party(text=a.chunk_text(a.chunks[frame.speaker]), code=party.code, sector=party.sector), ann.index)
    for clause in a.clauses:
        if clause.subj is None or clause.shared_subject:
            continue
        chunk = a.chunks[clause.subj]
        party = pf.party(chunk.i)
        if chunk.kind == "pron" and a.tokens[chunk.head].text.lower() == "er":
            # "Er sprach …": the person it stands for is still the one talked about
            person = Party(text=party.text, code=party.code, sector=party.sector) if party is not None and party.code else ctx.last_person
            if person is not None:
                ctx.note_person(person, ann.index)
            continue
        if party is None or not party.code or chunk.kind in ("pron", "refl", "rel"):
            continue
        kinds = {m.kind for m in pf.mentions_in(chunk.core_start, chunk.core_end)}
        person = bool(kinds & {"person", "title"}) or (chunk.kind == "name" and not chunk.plural and not kinds)
        named = Party(text=a.chunk_text(chunk), code=party.code, sector=party.sector)
        if person and len(chunk.parts) == 1:
            ctx.note_person(named, ann.index)
        else:
            ctx.note_group(named, ann.index)
    for chunk in a.chunks:
        if chunk.kind in ("noun", "name") and _names_role(a, chunk) and pf.party(chunk.i) is not None and chunk.i in pf.explicit_roles:
            ctx.note_role(*pf.explicit_roles[chunk.i])
        for name, party in pf.introduced_names(chunk.i):
            ctx.note_name(name, party)
    for chunk in a.chunks:
        counted = counted_class(a, chunk)
        if counted is not None:
            ctx.note_counted(counted, ann.index)
    for m in ann.mentions:
        if m.kind in ("country", "capital", "city") and (m.codes or m.code):
            ctx.note_place(Party(text=m.text, codes=list(m.codes) or [m.code]))
        if m.kind == "person" and m.code and ctx.last_person_sentence < ann.index:
            ctx.note_person(Party(text=m.text, code=m.code, sector=m.sector), ann.index)


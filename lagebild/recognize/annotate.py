"""The recognise stage: run every recogniser over the sentences of an article.

Cues and party mentions are found in every sentence (pronouns need the people
of earlier sentences); numbers and dates, the slower recognisers, only in
sentences that hold a cue. All offsets are relative to the sentence text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Sentence
from .cues import CueSpan, ForceNoun, find_cues, find_force_nouns
from .dates import DateSpan, find_dates
from .lexicon import Mention, find_mentions
from .numbers import ChangeSpan, QuantitySpan, find_changes, find_quantities

__all__ = ["Annotated", "annotate"]


@dataclass
class Annotated:
    """A sentence with everything the recognisers found in it (sentence-relative offsets)."""

    sentence: Sentence
    index: int
    paragraph: int
    mentions: list[Mention] = field(default_factory=list)
    cues: list[CueSpan] = field(default_factory=list)
    forces: list[ForceNoun] = field(default_factory=list)
    quantities: list[QuantitySpan] = field(default_factory=list)
    changes: list[ChangeSpan] = field(default_factory=list)
    dates: list[DateSpan] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The sentence text."""
        return self.sentence.text


def annotate(clean_text: str, sentences: list[Sentence], *, doc_date: str | None) -> list[Annotated]:
    """Recognise mentions, cues, forces, quantities and dates in each sentence.

    clean_text (str): the article's cleaned text (for paragraph numbers).
    sentences (list[Sentence]): the article's sentences, in order.
    doc_date (str | None): the document date, for resolving relative dates.
    RETURNS (list[Annotated]): one entry per sentence, in order.
    """
    out = []
    paragraph = 0
    previous_end = 0
    for index, sent in enumerate(sentences):
        if "\n\n" in clean_text[previous_end : sent.start]:
            paragraph += 1
        previous_end = sent.end
        text = sent.text
        ann = Annotated(sentence=sent, index=index, paragraph=paragraph)
        ann.mentions = find_mentions(text)
        ann.cues = find_cues(text)
        if ann.cues:
            ann.forces = find_force_nouns(text)
            ann.quantities = find_quantities(text)
            ann.changes = find_changes(text)
            ann.dates = find_dates(text, doc_date=doc_date)
        out.append(ann)
    return out

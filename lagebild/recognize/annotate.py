"""The recognise stage: run the recognisers over the sentences of an article.

Party mentions (states, places, organisations, offices, people) are found in every
sentence: the document context needs them all. Numbers, changes of a count and dates,
the slower recognisers, are found on demand (``enrich``) for the sentences that hold an
event candidate. All offsets are relative to the sentence text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Sentence
from .dates import DateSpan, find_dates
from .lexicon import Mention, find_mentions
from .numbers import ChangeSpan, QuantitySpan, find_changes, find_quantities

__all__ = ["Annotated", "annotate", "enrich"]


@dataclass
class Annotated:
    """A sentence with everything the recognisers found in it (sentence-relative offsets)."""

    sentence: Sentence
    index: int
    paragraph: int
    body_index: int = 0  # the sentence's place among the article's sentences that are no heading
    mentions: list[Mention] = field(default_factory=list)
    quantities: list[QuantitySpan] = field(default_factory=list)
    changes: list[ChangeSpan] = field(default_factory=list)
    dates: list[DateSpan] = field(default_factory=list)
    enriched: bool = False

    @property
    def text(self) -> str:
        """The sentence text."""
        return self.sentence.text


def annotate(clean_text: str, sentences: list[Sentence]) -> list[Annotated]:
    """Recognise the party mentions of each sentence and number its paragraphs.

    clean_text (str): the article's cleaned text (for paragraph numbers).
    sentences (list[Sentence]): the article's sentences, in order.
    RETURNS (list[Annotated]): one entry per sentence, in order.
    """
    out = []
    paragraph = 0
    previous_end = 0
    body = 0
    for index, sent in enumerate(sentences):
        if "\n\n" in clean_text[previous_end : sent.start]:
            paragraph += 1
        previous_end = sent.end
        out.append(Annotated(sentence=sent, index=index, paragraph=paragraph, body_index=body, mentions=find_mentions(sent.text)))
        body += not sent.heading
    return out


def enrich(ann: Annotated, *, doc_date: str | None) -> Annotated:
    """Add quantities, changes of a count and dates to an annotated sentence (once).

    ann (Annotated): the sentence.
    doc_date (str | None): the document date, for relative dates.
    RETURNS (Annotated): the same object, enriched.
    """
    if not ann.enriched:
        text = ann.text
        ann.quantities = find_quantities(text)
        ann.changes = find_changes(text)
        ann.dates = find_dates(text, doc_date=doc_date)
        ann.enriched = True
    return ann

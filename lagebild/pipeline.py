"""The pipeline: read → clean → split → recognise → analyse → extract → resolve → fuse.

Each stage is a module with one job and plain data between them
(``lagebild.model``). ``process_article`` runs the stages after reading on one
article; ``run`` drives many articles and turns each article's failure into a
``Failure`` record, so that one bad article never stops a run.

>>> events = extract("Die USA schicken 2.000 Soldaten nach Polen.", doc_id="x", date="2022-02")
>>> [(e.type, e.actor.code, e.target.codes, e.quantity.value) for e in events]
[('MOBILIZE', 'USA', ['POL'], 2000)]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from . import clean as clean_stage
from . import split as split_stage
from .errors import ArticleError
from .extract import extract_events
from .model import Article, Event, Failure, Sentence

__all__ = ["process_article", "extract", "run", "Processed"]

Processed = tuple[Article, list[Sentence], list[Event]]


def process_article(article: Article) -> Processed:
    """Clean, split and extract one article.

    article (Article): a read article (raw ``text`` set).
    RETURNS (tuple[Article, list[Sentence], list[Event]]): the cleaned article, its
        sentences and its fused events.
    RAISES (ArticleError): the article is empty, not German, or cannot be processed.
    """
    article = clean_stage.clean(article)
    sentences = split_stage.split_sentences(article.clean_text)
    return article, sentences, extract_events(article, sentences)


def extract(text: str, *, doc_id: str | None = None, date: str | None = None) -> list[Event]:
    """Events of one German article given as a string.

    text (str): the article text (plain text; a leading ` date YYYY-MM` marker and a
        dpa-style dateline are understood).
    doc_id (str | None): the document id for the records (default "doc").
    date (str | None): the document date, ISO 8601 at any precision, for relative dates.
    RETURNS (list[Event]): the event records.
    RAISES (ArticleError): the text is empty or not German.
    """
    article = Article(doc_id=doc_id or "doc", text=text, date=date)
    return process_article(article)[2]


def run(items: Iterable[Article | Failure]) -> Iterator[Processed | Failure]:
    """Process read articles one by one; a failing article becomes a Failure.

    items (Iterable[Article | Failure]): what ``read.iter_articles`` yields.
    RETURNS (Iterator[Processed | Failure]): per article its result or its failure.
    """
    for item in items:
        if isinstance(item, Failure):
            yield item
            continue
        try:
            yield process_article(item)
        except ArticleError as err:
            yield Failure(doc_id=item.doc_id, stage=err.stage, message=err.message, path=item.path)
        except Exception as err:  # noqa: BLE001 - the runner's policy: record, never stop the run
            message = f"internal error ({type(err).__name__}: {err}); please report this article"
            yield Failure(doc_id=item.doc_id, stage="extract", message=message, path=item.path)

"""The typed response models of the HTTP API (the OpenAPI schema clients generate code from).

They describe what the store returns (``lagebild.store``) and the record format
of ``/work/shared/EVENTS.md``; the views return plain dictionaries, which FastAPI
checks and serialises through these models. Fields a later version adds are kept
(``extra="allow"``), so an older client never loses data it does not know.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Actor(_Open):
    text: str | None = Field(None, description="the words of the article")
    code: str | None = Field(None, description="country or organisation code (ISO 3166 alpha-3, NATO, EU, …)")
    sector: str | None = Field(None, description="GOV, MIL, POL, … (see EVENTS.md)")


class Parties(_Open):
    text: str | None = None
    codes: list[str] = Field(default_factory=list, description="codes, several for a list of parties")


class Location(Parties):
    place: str | None = Field(None, description="the gazetteer's place name")
    lat: float | None = None
    lon: float | None = None


class Quantity(_Open):
    value: int | None = None
    qualifier: str | None = Field(None, description="exact, approx, at_least, at_most")
    unit: str | None = Field(None, description="soldiers, aircraft, weapons, money_eur, …")
    text: str | None = None


class EventDate(_Open):
    text: str | None = Field(None, description="the date phrase of the text; null when the article's date stands in")
    value: str | None = Field(None, description="ISO 8601 at the text's precision")


class Source(_Open):
    text: str | None = Field(None, description="who says so, in the article's words")
    code: str | None = None


class ArticleRef(_Open):
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None


class Event(_Open):
    """An event record (EVENTS.md) with its store id and its article's provenance."""

    id: int
    doc: str
    type: str
    mode: str | None = None
    actor: Actor | None = None
    target: Parties | None = None
    origin: Parties | None = None
    location: Location | None = None
    quantity: Quantity | None = None
    status: str | None = Field(None, description="announced, underway, arrived, completed, denied, …")
    posture: str | None = Field(None, description="permanent, rotational, temporary, exercise, …")
    date: EventDate | None = None
    source: Source | None = None
    factuality: str | None = Field(None, description="asserted, reported, negated, possible, …")
    optional: bool = False
    evidence: list[str] = Field(default_factory=list, description="the verbatim sentences")
    evidence_offsets: list[list[int]] = Field(default_factory=list, description="[start, end) in clean_text")
    article: ArticleRef | None = None


class EventsPage(BaseModel):
    total: int = Field(description="matching events")
    limit: int
    offset: int
    next: str | None = Field(None, description="the URL of the next page, null on the last")
    facets: dict[str, dict[str, int]] | None = Field(
        None, description="with ?facet=…: per field, the number of matching events by value")
    events: list[Event]


class ArticleSummary(_Open):
    doc_id: str
    title: str | None = None
    date: str | None = None
    source: str | None = Field(None, description="outlet or agency")
    url: str | None = None
    path: str | None = Field(None, description="the input file's base name")
    ingested_at: str | None = None
    n_events: int = 0


class ArticlesPage(BaseModel):
    total: int
    limit: int
    offset: int
    next: str | None = Field(None, description="the URL of the next page, null on the last")
    articles: list[ArticleSummary]


class SentenceOut(_Open):
    index: int
    start: int
    end: int
    text: str
    heading: bool = False


class ArticleDetail(ArticleSummary):
    places: list[str] = Field(default_factory=list)
    meta: dict[str, object] = Field(default_factory=dict)
    content_hash: str | None = None
    clean_text: str = ""
    sentences: list[SentenceOut] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)


class DayCount(_Open):
    day: str
    type: str
    n: int


class Stats(_Open):
    total: int
    by_type: dict[str, int]
    by_day: list[DayCount]
    actor_countries: dict[str, int]
    target_countries: dict[str, int]
    articles: int
    matched_articles: int
    failures: int
    undated: int = Field(0, description="matching events with no date, neither their own nor their article's")
    by_day_article_date: list[DayCount] = Field(
        default_factory=list, description="the by_day rows whose events take their date from the article "
                                          "(no date phrase in the text)")


class StoryNumber(_Open):
    value: int
    qualifier: str | None = None
    unit: str | None = None
    text: str | None = None
    status: str | None = Field(None, description="the status the report gives the event")
    source: str | None = Field(None, description="who gives the number, in the article's words")
    outlet: str | None = None
    title: str | None = Field(None, description="the reporting article's title")
    article_date: str | None = None
    doc: str
    event_id: int | None = None


class StatusStep(_Open):
    status: str
    date: str | None = Field(None, description="the reporting article's date, else the event's")
    doc: str
    event_id: int | None = None


class DateSpan(_Open):
    start: str | None = Field(None, description="first day the reports' dates cover (an event's own date, else its article's)")
    end: str | None = None


class StoryActor(_Open):
    code: str | None = None
    text: list[str] = Field(default_factory=list, description="the actor's words in each report")


class Story(_Open):
    """The records of different articles that report one real-world event (cross-article fusion)."""

    id: int
    type: str
    mode: str | None = None
    actor: StoryActor
    targets: list[str] = Field(default_factory=list, description="target and destination codes of all reports")
    places: list[str] = Field(default_factory=list)
    reports: int = Field(description="records (one per article)")
    articles: int
    outlets: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list, description="distinct sources the reports cite")
    first_report: str | None = Field(None, description="date of the earliest reporting article")
    last_report: str | None = None
    date: DateSpan
    status: str | None = Field(None, description="the furthest stage reported (announced < planned < underway < arrived < completed)")
    statuses: list[StatusStep] = Field(default_factory=list, description="the status progression, in report order")
    posture: list[str] = Field(default_factory=list)
    numbers: list[StoryNumber] = Field(default_factory=list, description="every report's number, side by side, never averaged")
    number_range: list[int] | None = Field(None, description="[lowest, highest] number")
    numbers_disagree: bool = Field(description="reports give different numbers of one unit")
    events: list[Event] = Field(description="the reports' records, each with its own evidence")


class AidEntry(Story):
    """An aid story in the terms of the Kiel Ukraine Support Tracker."""

    donor: str | None = None
    recipients: list[str] = Field(default_factory=list)
    items: list[str] = Field(default_factory=list, description="mode and units of what is given")
    announced: list[StoryNumber] = Field(default_factory=list)
    delivered: list[StoryNumber] = Field(default_factory=list)
    delivery: str = Field(description="delivered once a report says so (underway, arrived, completed), else announced")


class StoriesPage(BaseModel):
    total: int = Field(description="matching stories")
    limit: int
    offset: int
    next: str | None = Field(None, description="the URL of the next page, null on the last")
    stories: list[Story]


class Ledger(_Open):
    """The force-posture ledger of a country: one entry per story, in time order."""

    code: str
    to: str | None = Field(None, description="only entries with this destination")
    deployments: list[Story]
    withdrawals: list[Story]
    presence: list[Story]
    aid: list[AidEntry]
    received: list[Story | AidEntry] = Field(description="forces and aid of others with this code as destination")


class Meta(_Open):
    types: list[str]
    actors: list[str]
    targets: list[str]
    date_min: str | None = None
    date_max: str | None = None
    version: str
    statuses: list[str] = Field(default_factory=list, description="the values the status filter takes")
    postures: list[str] = Field(default_factory=list, description="the values the posture filter takes")
    factualities: list[str] = Field(default_factory=list, description="the values the factuality filter takes")


class FailureOut(_Open):
    doc_id: str
    path: str | None = None
    stage: str
    message: str


class Failures(BaseModel):
    total: int
    failures: list[FailureOut]


class Ingested(BaseModel):
    doc_id: str
    events: int
    new: bool

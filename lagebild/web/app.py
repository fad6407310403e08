"""The HTTP API over the event store, and the static dashboard.

``create_app(db_url)`` returns a FastAPI application whose JSON endpoints
(under ``/api``) are thin views: each parses its parameters, calls one
``Store`` method and returns the result. Filters are validated by the store;
every error has one JSON shape (see ``lagebild.web.errors``). The dashboard
(``lagebild/web/static``) is a single-page app served at ``/`` and ``/static``.

Endpoints (OpenAPI docs at ``/docs``)::

    GET  /api/events            filtered, sorted, paged event records
    GET  /api/events/{id}       one record
    GET  /api/events.csv|.jsonl every matching record, as a download
    GET  /api/articles          stored articles;  GET /api/articles/{doc_id}: one, with text
    POST /api/articles          ingest one article (only with a token)
    GET  /api/stats             counts by type, day, actor and target
    GET  /api/posture/{code}    deployments, withdrawals, presence and aid of one country
    GET  /api/meta              event types, codes and date range present
    GET  /api/failures          articles that could not be processed
"""

from __future__ import annotations

import csv
import hmac
import io
import json
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..model import Article
from ..store import CSV_COLUMNS, Store, csv_safe, flat_event, parse_date_bound
from .errors import ApiError, error_response, install_error_handlers

STATIC_DIR = Path(__file__).parent / "static"
MAX_LIMIT = 1000
MAX_BODY = 5_000_000
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# Swagger UI and ReDoc load their scripts from a CDN and start with an inline script.
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
            "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; "
            "font-src 'self' https://fonts.gstatic.com; img-src 'self' data: https://fastapi.tiangolo.com "
            "https://cdn.redoc.ly; worker-src 'self' blob:; object-src 'none'; frame-ancestors 'none'")
DOCS_PATHS = ("/docs", "/docs/oauth2-redirect", "/redoc")


def security_headers(path: str) -> dict[str, str]:
    """The security headers of every response (a looser CSP only for the OpenAPI docs pages).

    path (str): the request path.
    RETURNS (dict[str, str]): header name -> value.
    """
    return {
        "Content-Security-Policy": DOCS_CSP if path in DOCS_PATHS else CSP,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


class SecurityHeaders:
    """ASGI middleware that adds ``security_headers`` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = [(k.lower().encode(), v.encode()) for k, v in security_headers(scope["path"]).items()]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in extra if h[0] not in present]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class ArticleIn(BaseModel):
    """The body of ``POST /api/articles``: one article to ingest."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=255, description="document id")
    text: str = Field(min_length=1, max_length=MAX_BODY, description="the article text (German)")
    date: str | None = Field(None, description="publication date, YYYY, YYYY-MM or YYYY-MM-DD")
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=2000)
    source: str | None = Field(None, max_length=200, description="outlet or agency")

    @field_validator("date")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                parse_date_bound(value, "date")
            except ValueError:
                raise ValueError("not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)") from None
        return value

    @field_validator("id", "text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value


def event_filters(
    type: Annotated[str | None, Query(description="event types, comma list: MOBILIZE,AID")] = None,
    actor: Annotated[str | None, Query(description="actor codes, comma list: USA,RUS")] = None,
    target: Annotated[str | None, Query(description="target codes, comma list; matches any target")] = None,
    since: Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD; date intervals overlap")] = None,
    until: Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    doc: Annotated[str | None, Query(description="one document id")] = None,
    q: Annotated[str | None, Query(description="case-insensitive substring of the evidence")] = None,
) -> dict[str, Any]:
    """The event filters shared by the events, export and stats endpoints."""
    return {"type": type, "actor": actor, "target": target, "since": since, "until": until, "doc": doc, "q": q}


Filters = Annotated[dict[str, Any], Depends(event_filters)]
Sort = Annotated[str, Query(description="date, type, actor, doc or id")]
Order = Annotated[str, Query(description="asc or desc")]



def _csv_lines(records: Iterator[dict[str, Any]]) -> Iterator[str]:
    """The CSV export: a header line, then one line per event."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    yield buffer.getvalue()
    for record in records:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow({k: csv_safe(v) for k, v in flat_event(record).items()})
        yield buffer.getvalue()


def _jsonl_lines(records: Iterator[dict[str, Any]]) -> Iterator[str]:
    """The JSON Lines export: one record per line."""
    for record in records:
        yield json.dumps(record, ensure_ascii=False) + "\n"


def _check_token(request: Request, token: str | None) -> None:
    """Allow ingestion only with the server's bearer token (403 if none configured, 401 if wrong)."""
    if token is None:
        raise ApiError(403, "Ingestion is disabled: start the server with --token <secret> to enable "
                            "POST /api/articles.")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError(401, "Missing or wrong token: send the header 'Authorization: Bearer <token>'.",
                       param="Authorization", headers={"WWW-Authenticate": "Bearer"})


async def _read_article(request: Request) -> ArticleIn:
    """Parse and validate the JSON body of an ingestion request."""
    if int(request.headers.get("content-length") or 0) > MAX_BODY:
        raise ApiError(413, f"Request body too large: at most {MAX_BODY} bytes.", param="body")
    body = await request.body()
    if len(body) > MAX_BODY:
        raise ApiError(413, f"Request body too large: at most {MAX_BODY} bytes.", param="body")
    try:
        data = json.loads(body or b"null")
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ApiError(400, f"Invalid JSON body: {exc}.", param="body") from exc
    if not isinstance(data, dict):
        raise ApiError(400, "Invalid body: expected a JSON object {\"id\", \"text\", ...}.", param="body")
    return ArticleIn.model_validate(data)  # a ValidationError becomes a 400 naming the field


def _process(body: ArticleIn) -> tuple[Any, list[Any], list[Any]]:
    """Run the pipeline on one posted article (imported lazily: the pipeline is optional here)."""
    try:
        from .. import pipeline
    except ImportError as exc:
        raise ApiError(503, "Ingestion is unavailable: the module lagebild.pipeline cannot be imported.") from exc
    article = Article(doc_id=body.id, text=body.text, date=body.date, title=body.title, url=body.url,
                      source=body.source)
    return pipeline.process_article(article)


def _add_routes(app: FastAPI, store: Store, token: str | None) -> None:
    """Register the JSON endpoints."""

    @app.get("/api/events", tags=["events"])
    def list_events(filters: Filters, limit: Annotated[int, Query(ge=0, le=MAX_LIMIT)] = 100,
                    offset: Annotated[int, Query(ge=0)] = 0, sort: Sort = "date", order: Order = "asc") -> dict:
        """Event records matching the filters, sorted and paged."""
        found = store.events(**filters, limit=limit, offset=offset, sort=sort, order=order)
        return {"total": store.count_events(**filters), "limit": limit, "offset": offset, "events": found}

    @app.get("/api/events.csv", tags=["events"], response_class=StreamingResponse)
    def export_csv(filters: Filters, sort: Sort = "date", order: Order = "asc") -> StreamingResponse:
        """Every matching event as CSV, one flat row per event."""
        store.events(**filters, limit=0, sort=sort, order=order)  # validate before streaming
        return StreamingResponse(_csv_lines(store.iter_events(**filters, sort=sort, order=order)),
                                 media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": 'attachment; filename="lagebild-events.csv"'})

    @app.get("/api/events.jsonl", tags=["events"], response_class=StreamingResponse)
    def export_jsonl(filters: Filters, sort: Sort = "date", order: Order = "asc") -> StreamingResponse:
        """Every matching event as JSON Lines (EVENTS.md records)."""
        store.events(**filters, limit=0, sort=sort, order=order)
        return StreamingResponse(_jsonl_lines(store.iter_events(**filters, sort=sort, order=order)),
                                 media_type="application/x-ndjson",
                                 headers={"Content-Disposition": 'attachment; filename="lagebild-events.jsonl"'})

    @app.get("/api/events/{event_id}", tags=["events"])
    def get_event(event_id: int) -> dict:
        """One event record by id."""
        found = store.event(event_id)
        if found is None:
            raise ApiError(404, f"Not found: no event with id {event_id}.", param="event_id")
        return found

    @app.get("/api/articles", tags=["articles"])
    def list_articles(limit: Annotated[int, Query(ge=0, le=MAX_LIMIT)] = 100,
                      offset: Annotated[int, Query(ge=0)] = 0,
                      q: Annotated[str | None, Query(description="substring of id, title or text")] = None,
                      ) -> dict:
        """Stored articles, newest first, with their number of events."""
        return {"total": store.count_articles(q=q), "limit": limit, "offset": offset,
                "articles": store.articles(limit=limit, offset=offset, q=q)}

    @app.get("/api/articles/{doc_id}", tags=["articles"])
    def get_article(doc_id: str) -> dict:
        """One article: metadata, cleaned text, sentences and events with evidence offsets."""
        found = store.article(doc_id)
        if found is None:
            raise ApiError(404, f"Not found: no article with id {doc_id!r}.", param="doc_id")
        return found

    @app.post("/api/articles", tags=["articles"], status_code=201, openapi_extra={"requestBody": {
        "required": True, "content": {"application/json": {"schema": ArticleIn.model_json_schema()}}}})
    async def post_article(request: Request) -> dict:
        """Ingest one article through the pipeline (needs ``Authorization: Bearer <token>``)."""
        _check_token(request, token)
        body = await _read_article(request)
        article, sentences, events = await run_in_threadpool(_process, body)
        new = await run_in_threadpool(store.add_article, article, sentences, events)
        return {"doc_id": article.doc_id, "events": len(events), "new": new}

    @app.get("/api/stats", tags=["stats"])
    def get_stats(filters: Filters) -> dict:
        """Counts of the matching events by type, day, actor and target code."""
        return store.stats(**filters)

    @app.get("/api/posture/{code}", tags=["stats"])
    def get_posture(code: str) -> dict:
        """Deployments, withdrawals, standing presence and aid where the code is actor or target."""
        return store.posture(code)

    @app.get("/api/meta", tags=["stats"])
    def get_meta() -> dict:
        """Event types, the actor and target codes present, and the date range, for filter bars."""
        return {**store.meta(), "version": __version__}

    @app.get("/api/failures", tags=["stats"])
    def list_failures() -> dict:
        """Articles that could not be processed, and why."""
        found = store.failures()
        return {"total": len(found), "failures": found}


def _add_dashboard(app: FastAPI) -> None:
    """Serve the single-page dashboard at ``/`` and its files at ``/static``."""

    @app.get("/", include_in_schema=False, response_model=None)
    def index() -> Any:
        page = STATIC_DIR / "index.html"
        if not page.is_file():
            message = "Not found: the dashboard is not installed (lagebild/web/static/index.html)."
            return error_response(404, message)
        return FileResponse(page, media_type="text/html; charset=utf-8")

    if STATIC_DIR.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")


def create_app(db_url: str, *, token: str | None = None) -> FastAPI:
    """Build the API and dashboard application over one store.

    db_url (str): an SQLAlchemy URL or an SQLite file path.
    token (str | None): the bearer token that enables ``POST /api/articles``; None disables it.
    RETURNS (FastAPI): the application; the store is closed on shutdown.
    """
    store = Store(db_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="Lagebild", version=__version__, lifespan=lifespan,
                  description="German news in, structured and sourced event records out.")
    app.state.store = store
    app.add_middleware(SecurityHeaders)
    install_error_handlers(app, security_headers)
    _add_routes(app, store, token or None)
    _add_dashboard(app)
    return app

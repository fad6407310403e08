"""The HTTP API over the event store, and the static dashboard.

``create_app(db_url)`` returns a FastAPI application whose JSON endpoints
(under ``/api``) are thin views: each parses its parameters, calls one
``Store`` method and returns the result. Filters are validated by the store;
every error has one JSON shape (see ``lagebild.web.errors``). The dashboard
(``lagebild/web/static``) is a single-page app served at ``/`` and ``/static``.

Endpoints (OpenAPI docs at ``/docs``, Swagger UI served from local files)::

    GET  /api/events            filtered, sorted, paged event records
    GET  /api/events/{id}       one record
    GET  /api/events.FMT        every matching record, as a download: csv, tsv, json, jsonl,
                                parquet, geojson, plover (``lagebild.export``)
    GET  /api/articles          stored articles;  GET /api/articles/{doc_id}: one, with text
    POST /api/articles          ingest one article (only with a token)
    GET  /api/stats             counts by type, day, actor and target
    GET  /api/stories           stories: one event's reports across articles (filters, paging)
    GET  /api/stories/{id}      one story
    GET  /api/posture/{code}    the force-posture ledger of one country (?to=CODE)
    GET  /api/meta              event types, codes and date range present
    GET  /api/failures          articles that could not be processed

Bad input never gives a 500: every parameter is bounded (``MAX_*`` below), a
query parameter the endpoint does not take, one given twice, or a value with a
NUL character is a 400 naming it (``check_params``), and no error echoes a long
value whole. Document ids may contain ``/`` (``/api/articles/a/b`` or
``a%2Fb``). No response exposes a server path: an article's or failure's
``path`` is the file's base name, and paths inside messages are cut to it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import mimetypes
import re
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Path as PathParam, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from .. import export
from ..model import Article
from ..store import Store, parse_date_bound
from ..store.query import FACET_FIELDS, FACTUALITIES, POSTURES, STATUSES
from . import models
from .errors import PROBLEM_JSON, ApiError, Problem, clip, echo, error_response, install_error_handlers

STATIC_DIR = Path(__file__).parent / "static"
MAX_LIMIT = 1000
MAX_OFFSET = 1_000_000_000
MAX_ID = 2**31 - 1  # event ids are 32-bit integers in every supported database
MAX_Q = 500  # characters of a search
MAX_LIST = 500  # characters of a comma list of types or codes
MAX_DATE = 40  # characters of a date bound (YYYY-MM-DD is 10)
MAX_DOC_ID = 1000  # characters of a document id
MAX_CODE = 100  # characters of a country or organisation code
MAX_WORD = 20  # characters of a sort key or order
MAX_BODY = 5_000_000
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# The API docs at /docs: Swagger UI from swagger-ui-dist, installed by scripts/install_assets.sh
# into static/vendor/swagger-ui/ and served from there (no CDN, no external request; no
# validator badge, no OAuth2 redirect page). The page is the same for every app, so it is
# built once; its one inline script (FastAPI's SwaggerUIBundle call) is allowed by its hash.
SWAGGER_DIR = STATIC_DIR / "vendor" / "swagger-ui"
SWAGGER_FILES = ("swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png")
DOCS_HTML = get_swagger_ui_html(
    openapi_url="/openapi.json", title="Lagebild API – Swagger UI", oauth2_redirect_url=None,
    swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
    swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
    swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png",
    swagger_ui_parameters={"validatorUrl": None},
).body
_DOCS_SCRIPT_HASHES = " ".join(
    "'sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode() + "'"
    for script in re.findall(rb"<script>(.*?)</script>", DOCS_HTML, re.S))
DOCS_CSP = (f"default-src 'self'; script-src 'self' {_DOCS_SCRIPT_HASHES}; style-src 'self'; "
            "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
DOCS_PATHS = ("/docs",)


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

    @field_validator("id", "text", "date", "title", "url", "source")
    @classmethod
    def _storable(cls, value: str | None) -> str | None:
        problem = value and unstorable(value)
        if problem:
            raise ValueError(problem)
        return value


def unstorable(value: str) -> str | None:
    """Why a text cannot be stored in every database (NUL, lone UTF-16 surrogate), or None.

    value (str): a parameter or field value.
    RETURNS (str | None): the reason, e.g. "must not contain NUL characters".
    """
    if "\x00" in value:
        return "must not contain NUL characters"
    if _SURROGATE.search(value):
        return "must not contain lone UTF-16 surrogates (not valid Unicode text)"
    return None


_SURROGATE = re.compile("[\ud800-\udfff]")


def event_filters(
    type: Annotated[str | None, Query(max_length=MAX_LIST, description="event types, comma list: MOBILIZE,AID")] = None,
    actor: Annotated[str | None, Query(max_length=MAX_LIST, description="actor codes, comma list: USA,RUS")] = None,
    target: Annotated[str | None, Query(max_length=MAX_LIST,
                                        description="target codes, comma list; matches any target")] = None,
    since: Annotated[str | None, Query(max_length=MAX_DATE,
                                       description="YYYY, YYYY-MM or YYYY-MM-DD; date intervals overlap")] = None,
    until: Annotated[str | None, Query(max_length=MAX_DATE, description="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    doc: Annotated[str | None, Query(max_length=MAX_DOC_ID, description="one document id")] = None,
    q: Annotated[str | None, Query(max_length=MAX_Q, description="words of the evidence (any case)")] = None,
    status: Annotated[str | None, Query(max_length=MAX_LIST, description=(
        "comma list of " + ", ".join(STATUSES)))] = None,
    posture: Annotated[str | None, Query(max_length=MAX_LIST, description=(
        "comma list of " + ", ".join(POSTURES)))] = None,
    factuality: Annotated[str | None, Query(max_length=MAX_LIST, description=(
        "comma list of " + ", ".join(FACTUALITIES)))] = None,
    country: Annotated[str | None, Query(max_length=MAX_LIST,
                                         description="codes in either role, actor or target: USA,POL")] = None,
    place: Annotated[str | None, Query(max_length=MAX_LIST, description="place names, comma list (any case)")] = None,
    has_number: Annotated[str | None, Query(max_length=MAX_WORD,
                                            description="true: only events with a quantity; false: without")] = None,
) -> dict[str, Any]:
    """The event filters shared by the events, export and stats endpoints."""
    return {"type": type, "actor": actor, "target": target, "since": since, "until": until, "doc": doc, "q": q,
            "status": status, "posture": posture, "factuality": factuality, "country": country, "place": place,
            "has_number": has_number}


Filters = Annotated[dict[str, Any], Depends(event_filters)]
Sort = Annotated[str, Query(max_length=MAX_WORD, description="date, type, actor, doc or id")]
Order = Annotated[str, Query(max_length=MAX_WORD, description="asc or desc")]
Limit = Annotated[int, Query(ge=0, le=MAX_LIMIT, description=f"page size, 0 to {MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")]


def _query_names(dependant: Any) -> list[str]:
    """The query parameter names of a route's dependant and all its sub-dependencies."""
    names = [field.alias for field in dependant.query_params]
    for sub in dependant.dependencies:
        names += _query_names(sub)
    return names


def accepted_params(route: Any) -> tuple[str, ...]:
    """The query parameters a route takes, sorted (cached on the route).

    route (APIRoute | None): the matched route (``request.scope["route"]``).
    RETURNS (tuple[str, ...]): the parameter names.
    """
    if route is None or not hasattr(route, "dependant"):
        return ()
    cached = getattr(route, "_lagebild_params", None)
    if cached is None:
        cached = tuple(sorted(set(_query_names(route.dependant))))
        route._lagebild_params = cached
    return cached


def check_params(request: Request) -> None:
    """Refuse (400) an unknown or repeated query parameter, and a value no database can store.

    Runs before the route's own parameters are parsed, so the first error names the parameter
    the client should fix. Raises ApiError.
    """
    route = request.scope.get("route")
    accepted = accepted_params(route)
    where = getattr(route, "path_format", None) or clip(request.url.path)
    seen: set[str] = set()
    for name, value in request.query_params.multi_items():
        if name not in accepted:
            takes = (f"accepted parameters are {', '.join(accepted)}." if accepted
                     else "it takes no query parameters.")
            raise ApiError(400, f"Unknown parameter {echo(name)} for {where}: {takes}", param=name)
        if name in seen:
            raise ApiError(400, f"Parameter '{name}' is given more than once: give it once "
                                "(several values are one comma-separated list).", param=name)
        seen.add(name)
        _check_storable(name, value)
    for name, value in request.path_params.items():
        _check_storable(name, value)


def _check_storable(name: str, value: Any) -> None:
    """Raise a 400 naming ``name`` when its value holds a character no database stores."""
    problem = unstorable(value) if isinstance(value, str) else None
    if problem:
        raise ApiError(400, f"Invalid value for '{name}': {echo(value)} {problem}.", param=name)


# An absolute path inside a message (/a/b/c, ~/a/b, C:\a\b); group 1 is its last component.
# A quoted absolute path, which may hold spaces ('/srv/my files/x.txt'); group 2 is the path.
_QUOTED_ABS_PATH = re.compile(r"""(['"])((?:/|~/|[A-Za-z]:\\)[^'"\n]*[/\\][^'"\n]*)\1""")
_ABS_PATH = re.compile(r"(?<![\w.:/\\~-])(?:/|~/|[A-Za-z]:\\)(?:[^\s'\"/\\]+[/\\])+([^\s'\"/\\]*)")


def base_name(path: str | None) -> str | None:
    """The last component of a path as given (``/srv/in/x.csv:12`` -> ``x.csv:12``), or None."""
    if not path:
        return path
    return re.split(r"[/\\]", path.rstrip("/\\"))[-1] or path


def scrub_paths(text: str, path: str | None = None) -> str:
    """A message with ``path`` and every other absolute path in it cut to the base name."""
    if path and len(path) > 1:
        text = text.replace(path, base_name(path) or "")
    text = _QUOTED_ABS_PATH.sub(lambda m: m.group(1) + (base_name(m.group(2)) or "") + m.group(1), text)
    return _ABS_PATH.sub(lambda m: m.group(1), text)


def _scrub(value: Any) -> Any:
    """Every string in a JSON-like value with absolute paths cut to their base name."""
    if isinstance(value, str):
        return scrub_paths(value)
    if isinstance(value, list):
        return [_scrub(item) for item in value]
    if isinstance(value, dict):
        return {key: _scrub(item) for key, item in value.items()}
    return value


def public_article(article: dict[str, Any]) -> dict[str, Any]:
    """An article as the API shows it: ``path`` is the file's base name, no server path in ``meta``."""
    out = dict(article)
    if "path" in out:
        out["path"] = base_name(out["path"])
    if "meta" in out:
        out["meta"] = _scrub(out["meta"])
    return out


def public_failure(failure: dict[str, Any]) -> dict[str, Any]:
    """A failure as the API shows it: ``path`` is the base name, and so is any path in the message."""
    out = dict(failure)
    path = out.get("path")
    if isinstance(out.get("message"), str):
        out["message"] = scrub_paths(out["message"], path)
    if "path" in out:
        out["path"] = base_name(path)
    return out



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


PROBLEM = {"model": Problem, "content": {PROBLEM_JSON: {}}, "description": "problem details (RFC 9457)"}
PROBLEMS: dict[int | str, dict[str, Any]] = {400: PROBLEM, 404: PROBLEM, 500: PROBLEM}


def next_page(request: Request, offset: int, limit: int, total: int) -> str | None:
    """The path and query of the next page (the request's with ``offset`` moved on), or None."""
    if limit <= 0 or offset + limit >= total:  # a page of 0 has no next page (it would be itself)
        return None
    url = request.url.include_query_params(offset=offset + limit)
    return f"{url.path}?{url.query}"


def paged(request: Request, offset: int, limit: int, total: int, **items: Any) -> dict[str, Any]:
    """A page of a list endpoint: total, limit, offset, the ``next`` link, then the items."""
    return {"total": total, "limit": limit, "offset": offset, "next": next_page(request, offset, limit, total), **items}


def _openapi_without_422(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI schema without the 422 responses FastAPI adds to every operation with
    parameters: bad parameters are a 400 problem here; only POST /api/articles sends 422."""
    if app.openapi_schema is None:
        from fastapi.openapi.utils import get_openapi

        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        for path, operations in schema.get("paths", {}).items():
            for method, operation in operations.items():
                if not (path == "/api/articles" and method == "post"):
                    operation.get("responses", {}).pop("422", None)
        for name in ("HTTPValidationError", "ValidationError"):
            schema.get("components", {}).get("schemas", {}).pop(name, None)
        app.openapi_schema = schema
    return app.openapi_schema


def _add_export_route(api: APIRouter, store: Store, fmt: str) -> None:
    """``GET /api/events.FMT``: every matching event in one export format, streamed."""
    def export_events(filters: Filters, sort: Sort = "date", order: Order = "asc") -> StreamingResponse:
        store.events(**filters, limit=0, sort=sort, order=order)  # validate before streaming
        name = f"lagebild-events.{export.EXTENSIONS[fmt]}"
        return StreamingResponse(export.chunks(store.iter_events(**filters, sort=sort, order=order), fmt),
                                 media_type=export.MEDIA_TYPES[fmt],
                                 headers={"Content-Disposition": f'attachment; filename="{name}"'})

    export_events.__doc__ = f"Every matching event as {EXPORT_DOCS[fmt]}, streamed (keyset pages)."
    api.add_api_route(f"/events.{fmt}", export_events, methods=["GET"], tags=["events"],
                      response_class=StreamingResponse, name=f"export_{fmt}", responses={
                          **PROBLEMS, 200: {"description": EXPORT_DOCS[fmt],
                                            "content": {export.MEDIA_TYPES[fmt].split(";")[0]: {}}}})


EXPORT_DOCS = {
    "csv": "CSV, one flat row per event with its article's title, outlet, date and URL",
    "tsv": "tab-separated values, the CSV's columns",
    "json": "one JSON array of EVENTS.md records",
    "jsonl": "JSON Lines, one EVENTS.md record per line",
    "parquet": "Parquet with typed columns (code sets and evidence as lists)",
    "geojson": "a GeoJSON FeatureCollection of the events whose place has coordinates",
    "plover": "PLOVER records (JSON Lines, PLOVER's field names)",
}


def _add_routes(app: FastAPI, store: Store, token: str | None) -> None:
    """Register the JSON endpoints (each checks its parameters first: ``check_params``)."""
    api = APIRouter(prefix="/api", dependencies=[Depends(check_params)])

    @api.get("/events", tags=["events"], response_model=models.EventsPage, response_model_exclude_unset=True, responses=PROBLEMS)
    def list_events(request: Request, filters: Filters, limit: Limit = 100, offset: Offset = 0,
                    sort: Sort = "date", order: Order = "asc",
                    facet: Annotated[str | None, Query(max_length=MAX_LIST, description=(
                        "count the matching events by these fields, comma list: "
                        + ",".join(FACET_FIELDS)))] = None) -> dict:
        """Event records matching the filters, sorted and paged; with ``facet``, counts by value."""
        found = store.events(**filters, limit=limit, offset=offset, sort=sort, order=order)
        total = store.count_events(**filters)
        return paged(request, offset, limit, total, facets=store.facets(facet, **filters) if facet is not None else None,
                     events=found)

    for fmt in export.FORMATS:
        _add_export_route(api, store, fmt)

    @api.get("/events/{event_id}", tags=["events"], response_model=models.Event, response_model_exclude_unset=True, responses=PROBLEMS)
    def get_event(event_id: Annotated[int, PathParam(ge=1, le=MAX_ID, description="event id")]) -> dict:
        """One event record by id."""
        found = store.event(event_id)
        if found is None:
            raise ApiError(404, f"Not found: no event with id {event_id}.", param="event_id")
        return found

    @api.get("/articles", tags=["articles"], response_model=models.ArticlesPage, response_model_exclude_unset=True, responses=PROBLEMS)
    def list_articles(request: Request, limit: Limit = 100, offset: Offset = 0,
                      q: Annotated[str | None, Query(max_length=MAX_Q,
                                                     description="words of the id, title or text")] = None,
                      ) -> dict:
        """Stored articles, newest first, with their number of events."""
        total = store.count_articles(q=q)
        return paged(request, offset, limit, total,
                     articles=[public_article(a) for a in store.articles(limit=limit, offset=offset, q=q)])

    @api.get("/articles/{doc_id:path}", tags=["articles"], response_model=models.ArticleDetail, response_model_exclude_unset=True, responses=PROBLEMS)
    def get_article(doc_id: Annotated[str, PathParam(min_length=1, max_length=MAX_DOC_ID,
                                                     description="document id; may contain /")]) -> dict:
        """One article: metadata, cleaned text, sentences and events with evidence offsets."""
        found = store.article(doc_id)
        if found is None:
            raise ApiError(404, f"Not found: no article with id {echo(doc_id)}.", param="doc_id")
        return public_article(found)

    @api.post("/articles", tags=["articles"], status_code=201, response_model=models.Ingested, response_model_exclude_unset=True,
              responses={**PROBLEMS, 401: PROBLEM, 403: PROBLEM, 413: PROBLEM, 422: PROBLEM}, openapi_extra={"requestBody": {
        "required": True, "content": {"application/json": {"schema": ArticleIn.model_json_schema()}}}})
    async def post_article(request: Request) -> dict:
        """Ingest one article through the pipeline (needs ``Authorization: Bearer <token>``)."""
        _check_token(request, token)
        body = await _read_article(request)
        article, sentences, events = await run_in_threadpool(_process, body)
        status = await run_in_threadpool(store.add_article, article, sentences, events)
        new = status in ("added", "replaced") if isinstance(status, str) else bool(status)
        return {"doc_id": article.doc_id, "events": len(events), "new": new}

    @api.get("/stats", tags=["stats"], response_model=models.Stats, response_model_exclude_unset=True, responses=PROBLEMS)
    def get_stats(filters: Filters) -> dict:
        """Counts of the matching events by type, day, actor and target code."""
        return store.stats(**filters)

    @api.get("/stories", tags=["stories"], response_model=models.StoriesPage, response_model_exclude_unset=True, responses=PROBLEMS)
    def list_stories(request: Request, filters: Filters, limit: Limit = 100, offset: Offset = 0,
                     min_reports: Annotated[int, Query(ge=1, le=MAX_ID, description=(
                         "only stories with at least this many reports"))] = 1,
                     sort: Annotated[Literal["reports", "date", "id"], Query(description=(
                         "most reports, latest date or newest story first"))] = "reports") -> dict:
        """Stories (one real-world event reported by several articles) with a record matching the filters."""
        found = store.stories(**filters, limit=limit, offset=offset, min_reports=min_reports, sort=sort)
        total = store.count_stories(**filters, min_reports=min_reports)
        return paged(request, offset, limit, total, stories=found)

    @api.get("/stories/{story_id}", tags=["stories"], response_model=models.Story, response_model_exclude_unset=True, responses=PROBLEMS)
    def get_story(story_id: Annotated[int, PathParam(ge=1, le=MAX_ID, description="story id")]) -> dict:
        """One story with all its reports."""
        found = store.story(story_id)
        if found is None:
            raise ApiError(404, f"Not found: no story with id {story_id}.", param="story_id")
        return found

    @api.get("/posture/{code}", tags=["stories"], response_model=models.Ledger, response_model_exclude_unset=True, responses=PROBLEMS)
    def get_posture(code: Annotated[str, PathParam(max_length=MAX_CODE, description="e.g. USA, LTU or NATO")],
                    to: Annotated[str | None, Query(max_length=MAX_CODE, description="only this destination, e.g. POL")] = None,
                    ) -> dict:
        """The force-posture ledger: deployments, withdrawals, presence and aid of a country over
        time, one entry per story, with conflicting numbers side by side."""
        found = store.ledger(code, to=to)
        if found is None:
            raise ApiError(404, f"Not found: {echo(code)} is not a known state or organisation code.", param="code")
        return found

    @api.get("/meta", tags=["stats"], response_model=models.Meta, response_model_exclude_unset=True, responses=PROBLEMS)
    def get_meta() -> dict:
        """Event types, the actor and target codes present, and the date range, for filter bars."""
        return {**store.meta(), "version": __version__, "statuses": list(STATUSES), "postures": list(POSTURES),
                "factualities": list(FACTUALITIES)}

    @api.get("/failures", tags=["stats"], response_model=models.Failures, response_model_exclude_unset=True, responses=PROBLEMS)
    def list_failures() -> dict:
        """Articles that could not be processed, and why."""
        found = [public_failure(f) for f in store.failures()]
        return {"total": len(found), "failures": found}

    app.include_router(api)


def _add_docs(app: FastAPI) -> None:
    """Serve Swagger UI at ``/docs`` from the local vendor files (``DOCS_HTML``)."""

    @app.get("/docs", include_in_schema=False, response_model=None)
    def docs() -> Any:
        absent = [name for name in SWAGGER_FILES if not (SWAGGER_DIR / name).is_file()]
        if absent:
            return error_response(404, "Not found: the API docs are not installed "
                                       "(lagebild/web/static/vendor/swagger-ui/): run scripts/install_assets.sh.")
        return HTMLResponse(DOCS_HTML)


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
        # ES modules run only when served as JavaScript; some systems' MIME tables say text/plain
        mimetypes.add_type("text/javascript", ".js")
        app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")


def create_app(db_url: str, *, token: str | None = None, cors: Sequence[str] = ()) -> FastAPI:
    """Build the API and dashboard application over one store.

    db_url (str): an SQLAlchemy URL or an SQLite file path.
    token (str | None): the bearer token that enables ``POST /api/articles``; None disables it.
    cors (Sequence[str]): origins allowed to call the API from a browser (CORS); none by default.
    RETURNS (FastAPI): the application; the store is closed on shutdown. Responses over
        1 kB are gzip-compressed for clients that accept it.
    """
    store = Store(db_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="Lagebild", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="German news in, structured and sourced event records out.")
    app.state.store = store
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    if cors:
        app.add_middleware(CORSMiddleware, allow_origins=list(cors), allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"], expose_headers=["Content-Disposition"])
    app.add_middleware(SecurityHeaders)
    install_error_handlers(app, security_headers)
    _add_routes(app, store, token or None)
    _add_docs(app)
    _add_dashboard(app)
    app.openapi = lambda: _openapi_without_422(app)  # type: ignore[method-assign]
    return app

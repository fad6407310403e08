"""One error shape for every error the HTTP API returns: RFC 9457 problem details.

Every error, whether raised by a view, by FastAPI's request validation, by the
router (unknown route, wrong method) or by a bug, is rendered as
``application/problem+json``::

    {"type": "about:blank", "title": "Bad request", "status": 400,
     "detail": "Invalid value for 'since': 'yesterday' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD).",
     "instance": "/api/events",
     "ok": false,
     "error": "(the same as detail)",
     "errors": [{"param": "since", "message": "..."}]}

``type``, ``title``, ``status``, ``detail`` and ``instance`` are RFC 9457's
members (``type`` is ``about:blank``: the HTTP status says what kind of problem
it is, and ``title`` is its reason phrase). ``ok``, ``error`` and ``errors`` are
extension members: ``error`` is one line a user can act on (= ``detail``);
``errors`` lists each offending parameter (``param`` is null when no single
parameter is to blame). ``Problem`` is the OpenAPI model of this shape. No error
echoes a long input back whole: a quoted value over ``ECHO_CHARS`` characters is
cut (``echo``) and a message is at most ``MAX_MESSAGE`` characters.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import ArticleError
from ..store import BadFilter

LOG = logging.getLogger("lagebild.web")
REASONS = {400: "Bad request", 401: "Unauthorized", 403: "Forbidden", 404: "Not found",
           405: "Method not allowed", 413: "Request body too large", 422: "Unprocessable article",
           500: "Internal server error", 503: "Service unavailable"}
ECHO_CHARS = 100  # at most this many characters of a user's value are echoed in a message
MAX_MESSAGE = 500  # and no message is longer than this
# A quoted value longer than echo() leaves it inside a message ('...' or "..."), as repr() writes it.
_LONG_QUOTED = re.compile((r"'((?:[^'\\]|\\.){%d,}?)'" r'|"((?:[^"\\]|\\.){%d,}?)"')
                          % (ECHO_CHARS + 2, ECHO_CHARS + 2), re.S)  # echo() leaves 100 + "…"


def clip(text: object, limit: int = ECHO_CHARS) -> str:
    """A string cut to ``limit`` characters, with an ellipsis and the full length when cut.

    text (object): the value (str() of it). limit (int): the characters kept.
    RETURNS (str): the text, or its start followed by "… (N characters)".
    """
    text = str(text)
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} characters)"


def echo(value: object, limit: int = ECHO_CHARS) -> str:
    """The repr() of a user's value for an error message, cut to ``limit`` characters.

    value (object): the value as received. limit (int): the characters kept.
    RETURNS (str): e.g. ``'abc'``, or ``'xxxx…' (60000 characters)`` for a long string.
    """
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit] + '…'!r} ({len(value)} characters)"
    text = repr(value)
    return text if len(text) <= limit + 2 else f"{text[:limit]}…"


def shorten(message: str) -> str:
    """A message with every long quoted value cut (``echo``) and at most ``MAX_MESSAGE`` characters."""
    if len(message) <= ECHO_CHARS:
        return message

    def cut(match: re.Match[str]) -> str:
        quote = "'" if match.group(1) is not None else '"'
        inner = match.group(1) if match.group(1) is not None else match.group(2)
        return f"{quote}{inner[:ECHO_CHARS]}…{quote} ({len(inner)} characters)"

    message = _LONG_QUOTED.sub(cut, message[:100 * MAX_MESSAGE])
    return message if len(message) <= MAX_MESSAGE else message[:MAX_MESSAGE] + "…"


class ApiError(Exception):
    """An error a view raises on purpose, with its HTTP status.

    status (int): the HTTP status. message (str): the one-line error.
    param (str | None): the offending parameter. headers (dict): extra response headers.
    """

    def __init__(self, status: int, message: str, *, param: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.param = param
        self.headers = headers or {}


PROBLEM_JSON = "application/problem+json"


class ProblemItem(BaseModel):
    """One offending parameter of a problem."""

    param: str | None = Field(description="the parameter to blame, or null")
    message: str = Field(description="what is wrong with it and what a valid value looks like")


class Problem(BaseModel):
    """An error, as RFC 9457 problem details (``application/problem+json``)."""

    type: str = Field("about:blank", description="RFC 9457: about:blank, the status says it all")
    title: str = Field(description="the HTTP reason phrase, e.g. 'Bad request'")
    status: int = Field(description="the HTTP status code")
    detail: str = Field(description="one line a user can act on")
    instance: str | None = Field(None, description="the request path")
    ok: bool = Field(False, description="extension: always false")
    error: str = Field(description="extension: the same as detail")
    errors: list[ProblemItem] = Field(description="extension: each offending parameter")


class ProblemResponse(JSONResponse):
    media_type = PROBLEM_JSON


def error_response(status: int, message: str, errors: Sequence[dict[str, Any]] | None = None,
                   headers: dict[str, str] | None = None, instance: str | None = None) -> JSONResponse:
    """Render an error as problem details (``Problem``).

    status (int): HTTP status. message (str): the one-line error.
    errors (list[dict]): {"param", "message"} items; defaults to one item without param.
    headers (dict): extra headers. instance (str): the request path.
    RETURNS (JSONResponse): the ``application/problem+json`` response.
    """
    message = shorten(message)
    items = [{**item, "message": shorten(str(item.get("message", ""))),
              "param": None if item.get("param") is None else clip(item["param"])}
             for item in errors] if errors else [{"param": None, "message": message}]
    body = {"type": "about:blank", "title": REASONS.get(status, "Error"), "status": status, "detail": message,
            "instance": clip(instance) if instance is not None else None,
            "ok": False, "error": message, "errors": items}
    return ProblemResponse(body, status_code=status, headers=headers)


def validation_items(errors: Sequence[Any]) -> list[dict[str, Any]]:
    """Turn pydantic/FastAPI validation errors into {"param", "message"} items."""
    items = []
    for err in errors:
        loc = [str(part) for part in err.get("loc", ()) if part not in ("query", "path", "body", "header")]
        param = loc[-1] if loc else None
        reason = str(err.get("msg", "invalid")).rstrip(".")
        if err.get("type") == "missing":
            message = f"Missing value for '{param}': {reason}."
        else:
            message = f"Invalid value for '{clip(param)}': {echo(err.get('input'))} ({reason})."
        items.append({"param": param, "message": message})
    return items


def _http_message(request: Request, exc: StarletteHTTPException) -> str:
    """The one-line message of a router or view HTTPException."""
    where = f"{request.method} {clip(request.url.path)}"
    if exc.status_code == 404 and exc.detail in (None, "Not Found"):
        return f"Not found: {where}."
    if exc.status_code == 405:
        allowed = (exc.headers or {}).get("Allow") or (exc.headers or {}).get("allow")
        return f"Method not allowed: {where}" + (f" (allowed: {allowed})." if allowed else ".")
    if isinstance(exc.detail, str) and exc.detail:
        return exc.detail
    return f"{REASONS.get(exc.status_code, 'Error')}: {where}."


def install_error_handlers(app: FastAPI, headers_for: Callable[[str], dict[str, str]]) -> None:
    """Register the handlers that render every error in the one shape.

    app (FastAPI): the application.
    headers_for (Callable): path -> security headers, added to 500 responses (which
        bypass the middleware stack).
    """

    async def api_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiError)
        return error_response(exc.status, exc.message, [{"param": exc.param, "message": exc.message}],
                              headers=exc.headers, instance=request.url.path)

    async def bad_filter(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, BadFilter)
        return error_response(400, exc.message, [{"param": exc.param, "message": exc.message}],
                              instance=request.url.path)

    async def article_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ArticleError)
        message = f"The article could not be processed ({exc.stage}): {exc.message}"
        return error_response(422, message, [{"param": "text", "stage": exc.stage, "message": message}],
                              instance=request.url.path)

    async def invalid_request(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, (RequestValidationError, ValidationError))
        items = validation_items(exc.errors())
        return error_response(400, items[0]["message"] if items else "Bad request.", items,
                              instance=request.url.path)

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        return error_response(exc.status_code, _http_message(request, exc), headers=exc.headers,
                              instance=request.url.path)

    async def server_error(request: Request, exc: Exception) -> JSONResponse:
        LOG.exception("Unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        message = "Internal server error: the request could not be completed; see the server log."
        return error_response(500, message, headers=headers_for(request.url.path), instance=request.url.path)

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(BadFilter, bad_filter)
    app.add_exception_handler(ArticleError, article_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(ValidationError, invalid_request)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, server_error)

"""Hostile input for every HTTP API endpoint: never a 500, always the one error shape.

For each endpoint and each of its parameters, a table of hostile values (huge and
negative integers, NaN, unicode, 10,000 characters, a lone surrogate ``%ED%A0%80``,
NUL ``%00``, invalid UTF-8, SQL and path tricks, ...) is sent, on SQLite and on
PostgreSQL (when the ``postgres_url`` fixture can start a server): the status is
below 500, an error has the JSON error shape and echoes no long value. Raw paths are
also sent to the app under uvicorn, which decodes them as a real client's are.
"""

from __future__ import annotations

import http.client
import json
import warnings
from collections.abc import Callable, Iterator
from urllib.parse import quote

import pytest
from starlette.exceptions import StarletteDeprecationWarning

with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

from conftest import load_seeds
from lagebild.model import Article, Event, Party, Sentence
from lagebild.store import Store
from lagebild.web.app import create_app

TOKEN = "fuzz-token"
DOC0 = "000_82da7f612d3910dc"
LONG = "x" * 10_000

# Hostile values, as they appear in a URL (already percent-encoded where needed).
HOSTILE = [
    "9223372036854775808", "-9223372036854775809", "99999999999999999999999", "2147483648", "4294967296",
    "-1", "0", "NaN", "-inf", "1e308", "0x1F", "1_000", " 5", "%EF%BC%91%EF%BC%92",  # fullwidth "12"
    "%C3%BC%E2%82%AC%F0%9F%98%80",  # ü€😀
    LONG, quote("Nato " * 2000), "%ED%A0%80", "%ED%A0%80%ED%B0%80", "%00", "a%00b", "%FF%FE", "%C0%AF", "%25",
    "%2C%2C%2C", "'%20OR%201%3D1%20--", "%22%3B%20DROP%20TABLE%20events%3B%20--", "%E2%80%AE", "", "%20", "*",
    "%5C", "..%2F..%2Fetc%2Fpasswd", quote("USA," * 200), quote("&|!():*<->"), "%27", "%5C%27", "%09%0A%0D",
]
# The query parameters of each GET endpoint.
FILTERS = ["type", "actor", "target", "since", "until", "doc", "q"]
QUERY = {
    "/api/events": [*FILTERS, "limit", "offset", "sort", "order"],
    "/api/events.csv": [*FILTERS, "sort", "order"],
    "/api/events.jsonl": [*FILTERS, "sort", "order"],
    "/api/stats": FILTERS,
    "/api/articles": ["limit", "offset", "q"],
}
# Endpoints with a path parameter, and the ones without any parameter.
PATHS = ["/api/events/{}", "/api/articles/{}", "/api/posture/{}"]
PLAIN = ["/api/meta", "/api/failures", f"/api/articles/{DOC0}", "/api/events/1", "/api/posture/LTU"]
MAX_ERROR = 501  # errors.MAX_MESSAGE plus the ellipsis


def check(response, where: str) -> None:
    """Below 500; an error has the one JSON shape and no long echo of the input."""
    assert response.status_code < 500, f"{where}: {response.status_code} {response.text[:300]}"
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"type", "title", "status", "detail", "instance", "ok", "error", "errors"}, where
        assert (body["ok"], body["status"]) == (False, response.status_code), where
        assert len(body["error"]) <= MAX_ERROR and all(len(i["message"]) <= MAX_ERROR for i in body["errors"]), where
        assert "x" * 101 not in response.text and "Nato " * 30 not in response.text, where


@pytest.fixture(params=["sqlite", "postgresql"])
def fuzz_app(request: pytest.FixtureRequest, seed_db: Store) -> Iterator[Callable[..., TestClient]]:
    """A factory of test clients over the seed store, on SQLite, then on PostgreSQL."""
    url = seed_db.url
    if request.param == "postgresql":
        try:
            url = request.getfixturevalue("postgres_url")
        except pytest.FixtureLookupError:
            pytest.skip("no postgres_url fixture (tests/conftest.py)")
        with Store(url) as store:
            for article, sentences, events in load_seeds():
                store.add_article(article, sentences, events)
    clients = []

    def make(token: str | None = None) -> TestClient:
        client = TestClient(create_app(url, token=token), raise_server_exceptions=False)
        clients.append(client.__enter__())
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.mark.parametrize(("endpoint", "param"), [(e, p) for e, params in QUERY.items() for p in params])
def test_hostile_query_values(fuzz_app: Callable[..., TestClient], endpoint: str, param: str) -> None:
    client = fuzz_app()
    for value in HOSTILE:
        check(client.get(f"{endpoint}?{param}={value}"), f"{endpoint}?{param}={value[:40]}")
    # an accepted value still works after the hostile ones
    assert client.get(f"{endpoint}?limit=1" if "limit" in QUERY[endpoint] else endpoint).status_code == 200


@pytest.mark.parametrize("template", PATHS)
def test_hostile_path_values(fuzz_app: Callable[..., TestClient], template: str) -> None:
    client = fuzz_app()
    for value in HOSTILE:
        check(client.get(template.format(value)), template.format(value[:40]))


@pytest.mark.parametrize("endpoint", [*QUERY, *PLAIN])
def test_hostile_parameter_names(fuzz_app: Callable[..., TestClient], endpoint: str) -> None:
    client = fuzz_app()
    for name in ["page_size", LONG, "%00", "%ED%A0%80", "limit%00", "%20limit", "LIMIT", "q[]", "", "%3D"]:
        response = client.get(f"{endpoint}?{name}=1")
        check(response, f"{endpoint}?{name[:40]}=1")
        if name not in ("", "%3D"):
            assert response.status_code == 400, f"{endpoint}?{name[:40]}"
    for query in ["&&&", "limit", "=", "q=1&q=2", "%"]:
        check(client.get(f"{endpoint}?{query}"), f"{endpoint}?{query}")


def fake_process(article: Article) -> tuple[Article, list[Sentence], list[Event]]:
    """Stand-in pipeline: the raw text is the clean text, one sentence, one event (the store is under test)."""
    article.clean_text = article.text
    event = Event(doc=article.doc_id, type="MOBILIZE", actor=Party(text="Die Nato", code="NATO", sector="IGO"),
                  evidence=[article.text], evidence_spans=[(0, len(article.text))])
    return article, [Sentence(0, len(article.text), article.text)], [event]


POST_VALUES = [
    "\x00", "a\x00b", "\ud800", "\udfff x", "ü€😀", LONG, "9" * 5000, "", " ", "\u202e",
    "'; DROP TABLE articles; --",
    "../../etc/passwd", "a/b", "%00", 9223372036854775808, -1, 1.5, None, True, [], {}, ["x"], {"a": 1},
]


@pytest.mark.parametrize("field", ["id", "text", "date", "title", "url", "source", "extra"])
def test_hostile_post_fields(fuzz_app: Callable[..., TestClient], monkeypatch: pytest.MonkeyPatch,
                             field: str) -> None:
    import lagebild.pipeline as pipeline

    monkeypatch.setattr(pipeline, "process_article", fake_process)
    client = fuzz_app(TOKEN)
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    for n, value in enumerate(POST_VALUES):
        article = {"id": f"fuzz-{n}", "text": f"Die Nato verlegt {n} Soldaten.", field: value}
        response = client.post("/api/articles", content=json.dumps(article).encode(), headers=headers)
        check(response, f"POST {field}={value!r:.40}")
        if response.status_code == 201 and isinstance(article["id"], str):
            check(client.get("/api/articles/" + quote(article["id"], safe="")), f"GET back {field}={value!r:.40}")
    assert client.get("/api/meta").status_code == 200


RAW_PATHS = [
    "/api/articles/a%2Fb", "/api/articles/a/b", "/api/articles/x%252Fy", "/api/articles/%ED%A0%80",
    "/api/articles/%00", "/api/articles/%FF", "/api/events/%ED%A0%80", "/api/posture/%00", "/api/posture/%C0%AF",
    "/api/events?q=%ED%A0%80", "/api/events?q=%00", "/api/events?actor=%FF", f"/api/events?limit={2**63}",
    f"/api/events/{2**63}", "/api/events?page_size=5", "/api/articles/" + "d" * 5000, "/api/events?q=" + LONG,
]


def test_raw_paths_under_uvicorn(seed_db: Store) -> None:
    from browser_helpers import LiveServer

    text = "Die Nato verlegt Truppen."
    for doc_id in ("a/b", "x%2Fy"):
        seed_db.add_article(Article(doc_id=doc_id, text=f"{doc_id}: {text}", clean_text=text,
                                    path=f"/srv/in/{doc_id}.txt"), [Sentence(0, len(text), text)], [])
    with LiveServer(seed_db.url) as server:
        for raw in RAW_PATHS:
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
            conn.request("GET", raw)
            response = conn.getresponse()
            body = response.read().decode("utf-8")
            conn.close()
            assert response.status < 500, f"{raw[:60]}: {response.status} {body[:200]}"
            assert "x" * 101 not in body and "d" * 101 not in body and "/srv/in" not in body, raw[:60]
            if raw in ("/api/articles/a%2Fb", "/api/articles/a/b"):
                assert (response.status, json.loads(body)["doc_id"]) == (200, "a/b")
            if raw == "/api/articles/x%252Fy":
                assert (response.status, json.loads(body)["doc_id"]) == (200, "x%2Fy")
            if raw == "/api/events?page_size=5":
                assert (response.status, json.loads(body)["errors"][0]["param"]) == (400, "page_size")

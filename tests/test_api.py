"""In-process tests of the HTTP API (lagebild.web.app) over the seed store.

Event ids 1..100 follow examples/gold.jsonl (see tests/test_store.py).
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import re
import sys
import types
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from starlette.exceptions import StarletteDeprecationWarning

with warnings.catch_warnings():
    # Starlette 1.x asks for httpx2 behind its TestClient; httpx (a dev dependency) still works.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

import lagebild
import lagebild.web.app as web_app
from lagebild.errors import ArticleError
from lagebild.export import FLAT_COLUMNS as CSV_COLUMNS
from lagebild.model import Article, Event, Failure, Party, Sentence
from lagebild.store import Store
from lagebild.web.app import create_app

TOKEN = "s3cret-token"
DOC0 = "000_82da7f612d3910dc"
DOC4 = "004_cbaacb9f30f5fcd5"
XSS = 'Die Nato <script>alert(1)</script> tagt. <img src=x onerror=alert(1)> «Zitat» & mehr.'


def assert_error_shape(response, status: int, param: str | None = None) -> dict:
    """Check the one JSON error shape; with ``param``, that an error names that parameter."""
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert set(body) == {"type", "title", "status", "detail", "instance", "ok", "error", "errors"}
    assert (body["type"], body["ok"], body["status"]) == ("about:blank", False, status)
    assert body["detail"] == body["error"] and body["title"]
    assert isinstance(body["error"], str) and body["error"]
    assert body["errors"] and all({"param", "message"} <= set(item) for item in body["errors"])
    if param is not None:
        assert param in [item["param"] for item in body["errors"]]
        assert body["error"] == body["errors"][0]["message"]
    assert response.headers["x-content-type-options"] == "nosniff"
    return body


@pytest.fixture
def client(seed_db: Store) -> Iterator[TestClient]:
    with TestClient(create_app(seed_db.url), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def token_client(seed_db: Store) -> Iterator[TestClient]:
    with TestClient(create_app(seed_db.url, token=TOKEN), raise_server_exceptions=False) as test_client:
        yield test_client


def fake_process(article: Article) -> tuple[Article, list[Sentence], list[Event]]:
    """Stand-in pipeline: the raw text is the clean text, one sentence, one MOBILIZE event."""
    article.clean_text = article.text
    sentence = Sentence(0, len(article.text), article.text)
    event = Event(doc=article.doc_id, type="MOBILIZE", actor=Party(text="Die Nato", code="NATO", sector="IGO"),
                  evidence=[article.text], evidence_spans=[(0, len(article.text))])
    return article, [sentence], [event]


def failing_process(article: Article) -> tuple[Article, list[Sentence], list[Event]]:
    raise ArticleError("clean", "No text left after boilerplate removal: post the article body.")


@pytest.fixture
def use_pipeline(monkeypatch: pytest.MonkeyPatch) -> Callable[[Callable], None]:
    """Install a stand-in ``lagebild.pipeline.process_article`` (a stub module if the real one is absent)."""

    def install(function: Callable) -> None:
        try:
            import lagebild.pipeline as module
        except Exception:  # the lead's module is not there (or not importable) yet
            module = types.ModuleType("lagebild.pipeline")
            monkeypatch.setitem(sys.modules, "lagebild.pipeline", module)
            monkeypatch.setattr(lagebild, "pipeline", module, raising=False)
        monkeypatch.setattr(module, "process_article", function, raising=False)

    return install


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# -- events -------------------------------------------------------------------

@pytest.mark.parametrize(("query", "total", "ids"), [
    ("", 100, [40, 8, 3]),
    ("?sort=id&limit=3", 100, [1, 2, 3]),
    ("?sort=id&order=desc&limit=2&offset=1", 100, [99, 98]),
    ("?sort=ID&order=DESC&limit=1", 100, [100]),
    ("?type=AID&sort=id", 3, [6, 90, 91]),
    ("?type=mobilize,aid&actor=LTU", 2, [90, 91]),
    ("?target=DEU&type=MOBILIZE&sort=id", 3, [30, 64, 65]),
    ("?since=2022-03&until=2022-03&sort=id&limit=2", 17, [1, 2]),
    ("?until=2021", 2, [40, 8]),
    (f"?doc={DOC4}&sort=id&limit=1", 12, [89]),
    ("?q=STINGER", 1, [90]),
    ("?limit=0", 100, []),
    ("?sort=id&offset=1000", 100, []),
])
def test_api_events(client: TestClient, query: str, total: int, ids: list[int]) -> None:
    response = client.get("/api/events" + query)
    assert response.status_code == 200
    body = response.json()
    assert (body["total"], [e["id"] for e in body["events"][:3]]) == (total, ids)
    assert set(body) == {"total", "limit", "offset", "next", "facets", "events"}


def test_api_events_paging_echo(client: TestClient) -> None:
    body = client.get("/api/events?limit=7&offset=14").json()
    assert (body["limit"], body["offset"], len(body["events"])) == (7, 14, 7)


def test_api_events_pages_cover_all(client: TestClient) -> None:
    seen = []
    for offset in range(0, 100, 30):
        seen += [e["id"] for e in client.get(f"/api/events?sort=type&limit=30&offset={offset}").json()["events"]]
    assert sorted(seen) == list(range(1, 101))


def test_api_event_by_id(client: TestClient) -> None:
    body = client.get("/api/events/1").json()
    assert (body["id"], body["type"], body["quantity"]["value"], body["target"]["codes"]) == (1, "MOBILIZE", 400, ["LTU"])


@pytest.mark.parametrize(("path", "status", "param"), [
    ("/api/events?since=yesterday", 400, "since"),
    ("/api/events?until=2022-02-30", 400, "until"),
    ("/api/events?since=2022-04&until=2022-03", 400, "until"),
    ("/api/events?limit=5000", 400, "limit"),
    ("/api/events?limit=-1", 400, "limit"),
    ("/api/events?limit=ten", 400, "limit"),
    ("/api/events?offset=-1", 400, "offset"),
    ("/api/events?sort=when", 400, "sort"),
    ("/api/events?order=up", 400, "order"),
    ("/api/events?type=FOO", 400, "type"),
    ("/api/events?actor=U%20S%20A", 400, "actor"),
    ("/api/events?target=%25", 400, "target"),
    ("/api/events/4711", 404, "event_id"),
    ("/api/events/abc", 400, "event_id"),
    ("/api/events.csv?since=gestern", 400, "since"),
    ("/api/events.jsonl?sort=nope", 400, "sort"),
    ("/api/stats?until=2022-3", 400, "until"),
    ("/api/articles/nope", 404, "doc_id"),
    ("/api/articles?limit=1001", 400, "limit"),
    ("/api/posture/U-S", 400, "code"),
    ("/api/nothing-here", 404, None),
    ("/static/nothing-here.js", 404, None),
])
def test_api_error_paths(client: TestClient, path: str, status: int, param: str | None) -> None:
    assert_error_shape(client.get(path), status, param)


def test_api_error_message_names_value(client: TestClient) -> None:
    body = assert_error_shape(client.get("/api/events?since=yesterday"), 400, "since")
    assert body["error"] == ("Invalid value for 'since': 'yesterday' is not an ISO date "
                             "(YYYY, YYYY-MM or YYYY-MM-DD).")


@pytest.mark.parametrize(("method", "path"), [
    ("post", "/api/events"), ("delete", "/api/events/1"), ("put", "/api/articles"), ("post", "/api/meta"),
])
def test_api_wrong_method(client: TestClient, method: str, path: str) -> None:
    response = getattr(client, method)(path)
    body = assert_error_shape(response, 405)
    assert body["error"].startswith(f"Method not allowed: {method.upper()} {path}")


def test_api_server_error_shape(client: TestClient, seed_db: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(seed_db.url)

    def boom() -> dict:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(app.state.store, "meta", boom)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        response = test_client.get("/api/meta")
    body = assert_error_shape(response, 500)
    assert "secret internals" not in response.text and body["errors"][0]["param"] is None
    assert response.headers["content-security-policy"].startswith("default-src 'self'")


# -- exports ------------------------------------------------------------------

def test_api_events_csv(client: TestClient) -> None:
    response = client.get("/api/events.csv?type=MOBILIZE&target=DEU&sort=id")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="lagebild-events.csv"' in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [(r["id"], r["target_codes"], r["actor_code"]) for r in rows] == [
        ("30", "DEU;ITA", "USA"), ("64", "DEU;POL", "USA"), ("65", "DEU;NATO_EAST", "USA")]


def test_api_events_csv_all_rows(client: TestClient) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get("/api/events.csv").text)))
    first = rows[0] if rows[0]["id"] == "1" else next(r for r in rows if r["id"] == "1")
    assert len(rows) == 100
    assert (first["quantity_value"], first["quantity_unit"], first["status"], first["date_value"]) == (
        "400", "soldiers", "planned", "2022-03")
    assert first["evidence"].count(" | ") == 2


def test_api_events_csv_neutralises_formulas(token_client: TestClient, use_pipeline: Callable) -> None:
    use_pipeline(fake_process)
    token_client.post("/api/articles", json={"id": "f", "text": "=HYPERLINK(\"http://x\")"}, headers=auth())
    rows = list(csv.DictReader(io.StringIO(token_client.get("/api/events.csv?doc=f").text)))
    assert rows[0]["evidence"] == "'=HYPERLINK(\"http://x\")"


def test_api_events_jsonl(client: TestClient) -> None:
    response = client.get("/api/events.jsonl?actor=LTU&sort=id")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    assert 'filename="lagebild-events.jsonl"' in response.headers["content-disposition"]
    records = [json.loads(line) for line in response.text.splitlines()]
    assert [(r["id"], r["type"]) for r in records] == [
        (13, "ACCUSE"), (14, "REQUEST"), (16, "SUPPORT"), (90, "AID"), (91, "AID"), (92, "CONSULT")]


def test_api_events_jsonl_pages_internally(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    original = Store.iter_events

    def small_pages(self: Store, **kwargs: object):
        return original(self, batch=7, **kwargs)

    monkeypatch.setattr(Store, "iter_events", small_pages)
    lines = client.get("/api/events.jsonl?sort=id").text.splitlines()
    assert [json.loads(line)["id"] for line in lines] == list(range(1, 101))


# -- articles, stats, posture, meta ---------------------------------------------

def test_api_articles(client: TestClient) -> None:
    body = client.get("/api/articles?limit=2&offset=1").json()
    assert (body["total"], [a["doc_id"] for a in body["articles"]]) == (5, ["002_666015a9340883e0",
                                                                          "001_569844d6595051de"])
    assert {"doc_id", "title", "date", "source", "path", "n_events"} <= set(body["articles"][0])
    assert body["articles"][0]["path"] == "002_666015a9340883e0.txt"  # the base name, never the server's path
    assert client.get("/api/articles?q=stinger").json()["total"] == 1


def test_api_article(client: TestClient) -> None:
    body = client.get(f"/api/articles/{DOC0}").json()
    assert (body["doc_id"], body["date"], body["n_events"], len(body["events"])) == (DOC0, "2022-03", 17, 17)
    text = body["clean_text"]
    assert all(text[s["start"]:s["end"]] == s["text"] for s in body["sentences"])
    event = body["events"][0]
    assert [text[a:b] for a, b in event["evidence_offsets"]] == event["evidence"]


def test_api_stats(client: TestClient) -> None:
    body = client.get("/api/stats?target=LTU").json()
    assert (body["total"], body["by_type"], body["actor_countries"]) == (
        6, {"MOBILIZE": 2, "PRESENCE": 2, "CONSULT": 1, "SUPPORT": 1}, {"USA": 6})
    assert body["by_day"][0] == {"day": "2022-03", "type": "CONSULT", "n": 1}
    assert (body["articles"], body["failures"]) == (5, 0)
    assert (body["undated"], body["by_day_article_date"]) == (2, [{"day": "2022-03", "type": "SUPPORT", "n": 1}])


def test_api_posture(client: TestClient, seed_db: Store) -> None:
    """The ledger: one entry per story, with its records (here named by their first record's id)."""
    body = client.get("/api/posture/ltu").json()
    assert body == json.loads(json.dumps(seed_db.ledger("LTU")))
    assert {k: [e["events"][0]["id"] for e in body[k]] for k in ("deployments", "presence", "aid", "received")} == {
        "deployments": [], "presence": [], "aid": [90, 91], "received": [1, 9, 26, 27]}
    assert body["received"][0]["numbers"][0]["value"] == 400
    assert client.get("/api/posture/XYZ").status_code == 404


def test_api_meta(client: TestClient) -> None:
    body = client.get("/api/meta").json()
    assert len(body["types"]) == 17 and body["types"][0] == "MOBILIZE" and "PRESENCE" in body["types"]
    assert (body["date_min"], body["date_max"], body["version"]) == ("1997-01-01", "2022-12-31", lagebild.__version__)
    assert "USA" in body["actors"] and "NATO_EAST" in body["targets"]
    assert (body["statuses"][0], body["postures"], body["factualities"]) == (
        "announced", ["permanent", "rotational", "temporary"], ["asserted", "negated", "hypothetical"])


def test_api_failures(client: TestClient, seed_db: Store) -> None:
    seed_db.add_failure(Failure(doc_id="x", stage="read", message="Empty file."))
    body = client.get("/api/failures").json()
    assert (body["total"], body["failures"][0]["message"]) == (1, "Empty file.")
    assert client.get("/api/failures?limit=1").status_code == 400


def test_api_docs(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200
    # Swagger UI from the app's own files; the page and its CSP name no other host
    csp = docs.headers["content-security-policy"]
    assert "http" not in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "http" not in docs.text.replace("http-equiv", "")
    assert set(re.findall(r'(?:src|href)="([^"]+)"', docs.text)) == {
        "/static/vendor/swagger-ui/swagger-ui-bundle.js", "/static/vendor/swagger-ui/swagger-ui.css",
        "/static/vendor/swagger-ui/favicon-32x32.png"}
    # the page's one inline script is allowed by its hash, and nothing else is
    inline = re.findall(r"<script>(.*?)</script>", docs.text, re.S)
    digests = {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in inline}
    assert len(inline) == 1 and set(re.findall(r"'sha256-[^']+'", csp)) == digests
    assert "'validatorUrl': null" in docs.text.replace('"', "'")
    for gone in ("/redoc", "/docs/oauth2-redirect"):
        assert client.get(gone).status_code == 404
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/events", "/api/events.csv", "/api/events.jsonl", "/api/events/{event_id}", "/api/articles",
            "/api/articles/{doc_id}", "/api/stats", "/api/posture/{code}", "/api/meta"} <= set(paths)
    assert "requestBody" in paths["/api/articles"]["post"]


def test_api_docs_without_assets(seed_db: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(web_app, "SWAGGER_DIR", tmp_path / "absent")
    with TestClient(create_app(seed_db.url)) as client:
        docs = client.get("/docs")
        assert_error_shape(docs, 404)
        assert "install_assets.sh" in docs.text and client.get("/openapi.json").status_code == 200


# -- dashboard and headers ----------------------------------------------------------

def test_api_index_served(seed_db: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    (tmp_path / "js").mkdir()
    (tmp_path / "js" / "main.js").write_text("export const one = 1;", encoding="utf-8")
    monkeypatch.setattr(web_app, "STATIC_DIR", tmp_path)
    with TestClient(create_app(seed_db.url)) as client:
        page = client.get("/")
        assert (page.status_code, page.text) == (200, "<!doctype html><title>x</title>")
        assert page.headers["content-type"].startswith("text/html")
        module = client.get("/static/js/main.js")  # an ES module: browsers run it only as JavaScript
        assert module.text == "export const one = 1;"
        assert module.headers["content-type"].split(";")[0] == "text/javascript"
        assert_error_shape(client.get("/static/%2e%2e/store.py"), 404)


def test_api_index_missing(seed_db: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(web_app, "STATIC_DIR", tmp_path / "absent")
    with TestClient(create_app(seed_db.url)) as client:
        body = assert_error_shape(client.get("/"), 404)
    assert "index.html" in body["error"]


@pytest.mark.parametrize("path", ["/api/events", "/api/events/4711", "/api/nothing", "/", "/api/events.csv"])
def test_api_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    assert headers["content-security-policy"].startswith("default-src 'self'; script-src 'self';")
    assert "unsafe-inline" not in headers["content-security-policy"].split("script-src")[1].split(";")[0]
    assert (headers["x-content-type-options"], headers["referrer-policy"]) == ("nosniff", "no-referrer")


# -- ingestion ------------------------------------------------------------------------

def test_api_post_disabled_without_token(client: TestClient, use_pipeline: Callable) -> None:
    use_pipeline(fake_process)
    body = assert_error_shape(client.post("/api/articles", json={"id": "a", "text": "x"}, headers=auth()), 403)
    assert "--token" in body["error"]


@pytest.mark.parametrize(("token", "status"), [(None, 403), ("wrong", 401)])
def test_api_post_auth_checked_before_body(seed_db: Store, token: str | None, status: int) -> None:
    with TestClient(create_app(seed_db.url, token=None if token is None else TOKEN)) as client:
        response = client.post("/api/articles", content=b"{not json",
                               headers={**auth("wrong"), "Content-Type": "application/json"})
    assert_error_shape(response, status)


@pytest.mark.parametrize("headers", [{}, auth("wrong"), {"Authorization": TOKEN}, {"Authorization": f"Basic {TOKEN}"}])
def test_api_post_wrong_token(token_client: TestClient, use_pipeline: Callable, headers: dict) -> None:
    use_pipeline(fake_process)
    response = token_client.post("/api/articles", json={"id": "a", "text": "x"}, headers=headers)
    assert_error_shape(response, 401, "Authorization")
    assert response.headers["www-authenticate"] == "Bearer"


def test_api_post_ingests(token_client: TestClient, use_pipeline: Callable) -> None:
    use_pipeline(fake_process)
    article = {"id": "neu-1", "text": "Die Nato verlegt Truppen.", "date": "2022-03-07", "title": "T", "source": "dpa"}
    response = token_client.post("/api/articles", json=article, headers=auth())
    assert (response.status_code, response.json()) == (201, {"doc_id": "neu-1", "events": 1, "new": True})
    again = token_client.post("/api/articles", json=article, headers=auth())
    assert (again.status_code, again.json()) == (201, {"doc_id": "neu-1", "events": 1, "new": False})
    stored = token_client.get("/api/articles/neu-1").json()
    assert (stored["date"], stored["title"], stored["source"], stored["n_events"]) == ("2022-03-07", "T", "dpa", 1)
    assert token_client.get("/api/events?doc=neu-1&since=2022-03-07&until=2022-03-07").json()["total"] == 1


def test_api_post_changed_text_replaces(token_client: TestClient, use_pipeline: Callable) -> None:
    use_pipeline(fake_process)
    token_client.post("/api/articles", json={"id": "r", "text": "Erste Fassung."}, headers=auth())
    response = token_client.post("/api/articles", json={"id": "r", "text": "Zweite Fassung."}, headers=auth())
    assert response.json() == {"doc_id": "r", "events": 1, "new": True}
    assert token_client.get("/api/articles/r").json()["clean_text"] == "Zweite Fassung."
    assert token_client.get("/api/events?doc=r").json()["total"] == 1


@pytest.mark.parametrize(("body", "param"), [
    (b"{not json", "body"),
    (b"[1, 2]", "body"),
    (b"", "body"),
    (json.dumps({"id": "a"}).encode(), "text"),
    (json.dumps({"text": "Text."}).encode(), "id"),
    (json.dumps({"id": "a", "text": "   "}).encode(), "text"),
    (json.dumps({"id": "", "text": "Text."}).encode(), "id"),
    (json.dumps({"id": "a", "text": 5}).encode(), "text"),
    (json.dumps({"id": "a", "text": "Text.", "date": "gestern"}).encode(), "date"),
    (json.dumps({"id": "a", "text": "Text.", "dat": "2022"}).encode(), "dat"),
])
def test_api_post_bad_body(token_client: TestClient, use_pipeline: Callable, body: bytes, param: str) -> None:
    use_pipeline(fake_process)
    response = token_client.post("/api/articles", content=body, headers={**auth(), "Content-Type": "application/json"})
    assert_error_shape(response, 400, param)


def test_api_post_article_error(token_client: TestClient, use_pipeline: Callable) -> None:
    use_pipeline(failing_process)
    response = token_client.post("/api/articles", json={"id": "a", "text": "Abo jetzt!"}, headers=auth())
    body = assert_error_shape(response, 422, "text")
    assert body["error"] == ("The article could not be processed (clean): No text left after boilerplate "
                             "removal: post the article body.")
    assert token_client.get("/api/articles/a").status_code == 404


def test_api_post_without_pipeline(token_client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "lagebild.pipeline", None)
    monkeypatch.delattr(lagebild, "pipeline", raising=False)
    response = token_client.post("/api/articles", json={"id": "a", "text": "Text."}, headers=auth())
    assert "lagebild.pipeline" in assert_error_shape(response, 503)["error"]


def test_api_script_text_is_plain_json_data(token_client: TestClient, use_pipeline: Callable) -> None:
    use_pipeline(fake_process)
    response = token_client.post("/api/articles", json={"id": "xss", "text": XSS, "title": XSS}, headers=auth())
    assert response.status_code == 201
    article = token_client.get("/api/articles/xss")
    assert article.headers["content-type"] == "application/json"
    body = article.json()
    assert (body["clean_text"], body["title"], body["events"][0]["evidence"]) == (XSS, XSS, [XSS])
    assert token_client.get("/api/events?q=<script>").json()["events"][0]["evidence"] == [XSS]
    assert json.loads(token_client.get("/api/events.jsonl?doc=xss").text)["evidence"] == [XSS]


# -- bad input: 400 naming the parameter, never 500 (issue 8, item 12) -----------------------

SECRET_DIR = "/srv/secret-dir/lagebild-in"


@pytest.fixture
def odd_client(seed_db: Store) -> Iterator[TestClient]:
    """The seed store plus articles whose ids hold / and %, and a failure, all from a server folder."""
    for doc_id, name in (("a/b", "a/b.txt"), ("50%", "50%.txt"), ("x%2Fy", "x%2Fy.txt")):
        text = f"Die Nato verlegt Truppen ({doc_id})."
        seed_db.add_article(Article(doc_id=doc_id, text=text, clean_text=text, path=f"{SECRET_DIR}/{name}"),
                            [Sentence(0, len(text), text)], [])
    seed_db.add_failure(Failure(doc_id="bad", stage="read", path=f"{SECRET_DIR}/my files/bad.txt",
                                message=f"{SECRET_DIR}/my files/bad.txt: cannot be read ([Errno 13] Permission "
                                        f"denied: '{SECRET_DIR}/my files/bad.txt')."))
    with TestClient(create_app(seed_db.url), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.mark.parametrize(("path", "doc_id"), [
    ("/api/articles/a/b", "a/b"),
    ("/api/articles/a%2Fb", "a/b"),
    ("/api/articles/a%2fb", "a/b"),
    ("/api/articles/50%25", "50%"),
])  # an id holding "%2F" itself (sent as %252F) is tested under uvicorn: TestClient decodes paths twice
def test_api_article_id_with_slash(odd_client: TestClient, path: str, doc_id: str) -> None:
    response = odd_client.get(path)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["doc_id"], body["clean_text"]) == (doc_id, f"Die Nato verlegt Truppen ({doc_id}).")


def test_api_article_id_with_slash_not_found_and_empty(odd_client: TestClient) -> None:
    assert_error_shape(odd_client.get("/api/articles/a/c"), 404, "doc_id")
    assert_error_shape(odd_client.get("/api/articles/"), 400, "doc_id")
    assert odd_client.get("/api/articles?limit=1000").json()["total"] == 8


def test_api_no_server_path_in_any_response(odd_client: TestClient, seed_db: Store) -> None:
    roots = [SECRET_DIR, str(Path(__file__).resolve().parent.parent), str(Path(seed_db.url.split("///")[-1]).parent)]
    paths = ["/api/articles?limit=1000", "/api/articles/a/b", f"/api/articles/{DOC0}", "/api/failures", "/api/meta",
             "/api/stats", "/api/events?limit=1000", "/api/events.csv", "/api/events.jsonl", "/api/posture/LTU",
             "/api/events/1", "/api/articles/nope", "/api/nothing", "/openapi.json"]
    for path in paths:
        text = odd_client.get(path).text
        assert not [root for root in roots if root in text], path
    articles = odd_client.get("/api/articles?limit=1000").json()["articles"]
    assert {a["doc_id"]: a["path"] for a in articles}["a/b"] == "b.txt"
    assert odd_client.get(f"/api/articles/{DOC0}").json()["path"] == f"{DOC0}.txt"
    failure = odd_client.get("/api/failures").json()["failures"][0]
    assert (failure["path"], failure["message"]) == (
        "bad.txt", "bad.txt: cannot be read ([Errno 13] Permission denied: 'bad.txt').")


BIG = str(2**63)
HUGE = "9" * 23


@pytest.mark.parametrize(("path", "param"), [
    (f"/api/events?limit={BIG}", "limit"),
    (f"/api/events?limit={HUGE}", "limit"),
    (f"/api/events?offset={BIG}", "offset"),
    (f"/api/events?offset={HUGE}", "offset"),
    ("/api/events?offset=1000000001", "offset"),
    (f"/api/events?offset=-{BIG}", "offset"),
    (f"/api/articles?limit={BIG}", "limit"),
    (f"/api/articles?offset={BIG}", "offset"),
    ("/api/articles?offset=-1", "offset"),
    (f"/api/events/{BIG}", "event_id"),
    (f"/api/events/{HUGE}", "event_id"),
    (f"/api/events/{2**31}", "event_id"),
    ("/api/events/0", "event_id"),
    ("/api/events/-1", "event_id"),
    ("/api/events/1.5", "event_id"),
    ("/api/events/NaN", "event_id"),
    ("/api/events?limit=NaN", "limit"),
    ("/api/events?limit=1e3", "limit"),
    ("/api/events?offset=inf", "offset"),
])
def test_api_out_of_range_integers(client: TestClient, path: str, param: str) -> None:
    body = assert_error_shape(client.get(path), 400, param)
    assert body["error"].startswith(f"Invalid value for '{param}'")


def test_api_largest_accepted_integers(client: TestClient) -> None:
    assert client.get("/api/events?offset=1000000000").json()["events"] == []
    assert client.get("/api/articles?offset=1000000000&limit=1000").json()["articles"] == []
    assert_error_shape(client.get(f"/api/events/{2**31 - 1}"), 404, "event_id")


@pytest.mark.parametrize("endpoint", ["/api/events", "/api/events.csv", "/api/events.jsonl", "/api/stats",
                                      "/api/articles"])
def test_api_long_search_is_refused(client: TestClient, endpoint: str) -> None:
    body = assert_error_shape(client.get(endpoint, params={"q": "x" * 60_000}), 400, "q")
    assert "at most 500 characters" in body["error"]
    assert len(body["error"]) < 300 and "x" * 101 not in json.dumps(body)
    assert client.get(endpoint, params={"q": "Nato " * 100}).status_code == 200  # 500 characters


ACCEPTED = {
    "/api/events": "actor, country, doc, facet, factuality, has_number, limit, offset, order, place, posture, q, "
                   "since, sort, status, target, type, until",
    "/api/events.csv": "actor, country, doc, factuality, has_number, order, place, posture, q, since, sort, status, "
                       "target, type, until",
    "/api/events.jsonl": "actor, country, doc, factuality, has_number, order, place, posture, q, since, sort, status, "
                         "target, type, until",
    "/api/stats": "actor, country, doc, factuality, has_number, place, posture, q, since, status, target, type, until",
    "/api/articles": "limit, offset, q",
    "/api/articles/{doc_id}": None,
    "/api/events/{event_id}": None,
    "/api/posture/{code}": "to",
    "/api/stories": "actor, country, doc, factuality, has_number, limit, min_reports, offset, place, posture, q, "
                    "since, sort, status, target, type, until",
    "/api/stories/{story_id}": None,
    "/api/meta": None,
    "/api/failures": None,
}
EXAMPLE_PATH = {"/api/articles/{doc_id}": f"/api/articles/{DOC0}", "/api/events/{event_id}": "/api/events/1",
                "/api/posture/{code}": "/api/posture/LTU", "/api/stories/{story_id}": "/api/stories/1"}


@pytest.mark.parametrize("route", sorted(ACCEPTED))
@pytest.mark.parametrize("unknown", ["page_size", "limitt", "Limit", "x" * 10_000])
def test_api_unknown_parameter_is_refused(client: TestClient, route: str, unknown: str) -> None:
    path = EXAMPLE_PATH.get(route, route)
    response = client.get(path, params={unknown: "3"})
    body = assert_error_shape(response, 400)
    item = body["errors"][0]
    assert item["param"] == (unknown if len(unknown) <= 100 else f"{unknown[:100]}… ({len(unknown)} characters)")
    accepted = ACCEPTED[route]
    takes = f"accepted parameters are {accepted}." if accepted else "it takes no query parameters."
    assert body["error"].startswith("Unknown parameter '") and body["error"].endswith(f"for {route}: {takes}")
    assert "x" * 101 not in response.text


def test_api_unknown_parameter_on_post(token_client: TestClient, use_pipeline: Callable) -> None:
    use_pipeline(fake_process)
    response = token_client.post("/api/articles?dry_run=1", json={"id": "a", "text": "Text."}, headers=auth())
    assert_error_shape(response, 400, "dry_run")
    assert token_client.get("/api/articles/a").status_code == 404


def test_api_accepted_parameters_match_openapi(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()["paths"]
    for route, accepted in ACCEPTED.items():
        names = sorted(p["name"] for p in spec[route]["get"].get("parameters", []) if p["in"] == "query")
        assert ", ".join(names) == (accepted or ""), route


@pytest.mark.parametrize(("path", "param"), [
    ("/api/events?limit=1&limit=2", "limit"),
    ("/api/events?type=AID&type=MOBILIZE", "type"),
    ("/api/articles?q=a&q=b", "q"),
])
def test_api_repeated_parameter_is_refused(client: TestClient, path: str, param: str) -> None:
    assert "more than once" in assert_error_shape(client.get(path), 400, param)["error"]


@pytest.mark.parametrize(("path", "param"), [
    ("/api/events?q=%00", "q"),
    ("/api/events?doc=a%00b", "doc"),
    ("/api/stats?actor=USA%00", "actor"),
    ("/api/articles?q=%00", "q"),
    ("/api/articles/a%00b", "doc_id"),
    ("/api/posture/LT%00U", "code"),
])
def test_api_nul_character_is_refused(client: TestClient, path: str, param: str) -> None:
    assert "NUL" in assert_error_shape(client.get(path), 400, param)["error"]


@pytest.mark.parametrize(("path", "param"), [
    ("/api/events?since=" + "2" * 10_000, "since"),
    ("/api/events?actor=" + "U" * 450, "actor"),
    ("/api/events?actor=USA," + "U" * 450, "actor"),
    ("/api/events?type=" + "T" * 499, "type"),
    ("/api/events?sort=" + "s" * 10_000, "sort"),
    ("/api/events?doc=" + "d" * 10_000, "doc"),
    ("/api/articles/" + "d" * 999, "doc_id"),
    ("/api/articles/" + "d" * 10_000, "doc_id"),
    ("/api/posture/" + "P" * 10_000, "code"),
    ("/api/events?limit=" + "9" * 10_000, "limit"),
    ("/api/events/" + "9" * 10_000, "event_id"),
    ("/api/" + "n" * 10_000, None),
])
def test_api_errors_never_echo_long_values(client: TestClient, path: str, param: str | None) -> None:
    response = client.get(path)
    assert response.status_code in (400, 404)
    body = assert_error_shape(response, response.status_code, param)
    assert len(body["error"]) <= 501
    assert all(len(item["message"]) <= 501 for item in body["errors"])
    assert not any(ch * 101 in response.text for ch in "29UTsdPn")


@pytest.mark.parametrize(("field", "value"), [
    ("id", "a\x00b"),
    ("text", "Die Nato verlegt\x00 Truppen."),
    ("title", "\x00"),
    ("id", "a\ud800"),
    ("text", "Die Nato verlegt Truppen \udfff."),
    ("source", "dpa\ud83d"),
])
def test_api_post_unstorable_text_is_refused(token_client: TestClient, use_pipeline: Callable, field: str,
                                             value: str) -> None:
    use_pipeline(fake_process)
    article = {"id": "a", "text": "Die Nato verlegt Truppen.", field: value}
    body = json.dumps(article).encode()  # ensure_ascii: a lone surrogate travels as \udXXX
    response = token_client.post("/api/articles", content=body, headers={**auth(), "Content-Type": "application/json"})
    error = assert_error_shape(response, 400, field)["error"]
    assert "NUL" in error or "unicode" in error


def test_api_post_huge_text_is_not_echoed(token_client: TestClient, use_pipeline: Callable) -> None:
    use_pipeline(fake_process)
    response = token_client.post("/api/articles", json={"id": "a", "text": "x" * 10_000, "date": "y" * 10_000},
                                 headers=auth())
    assert_error_shape(response, 400, "date")
    assert "y" * 101 not in response.text and len(response.text) < 2000


def test_api_next_links_walk_every_page(client: TestClient) -> None:
    seen: list[int] = []
    url: str | None = "/api/events?type=MOBILIZE&limit=7&sort=id"
    while url:
        body = client.get(url).json()
        seen += [e["id"] for e in body["events"]]
        url = body["next"]
        assert url is None or ("type=MOBILIZE" in url and "limit=7" in url)
    assert seen == [e["id"] for e in client.get("/api/events?type=MOBILIZE&limit=1000&sort=id").json()["events"]]
    assert len(seen) > 14
    articles = client.get("/api/articles?limit=2").json()
    assert articles["next"] == "/api/articles?limit=2&offset=2"
    assert client.get("/api/articles?limit=2&offset=4").json()["next"] is None
    assert client.get("/api/events?limit=0").json()["next"] is None


def test_api_facets(client: TestClient) -> None:
    body = client.get("/api/events", params={"actor": "USA", "facet": "status,type,target", "limit": 1}).json()
    assert set(body["facets"]) == {"status", "type", "target"}
    assert sum(body["facets"]["type"].values()) == body["total"]
    assert list(body["facets"]["type"].values()) == sorted(body["facets"]["type"].values(), reverse=True)
    mobilize = client.get("/api/events", params={"actor": "USA", "type": "MOBILIZE", "limit": 1}).json()["total"]
    assert body["facets"]["type"]["MOBILIZE"] == mobilize
    assert client.get("/api/events", params={"limit": 1}).json()["facets"] is None
    assert_error_shape(client.get("/api/events", params={"facet": "colour"}), 400, "facet")


def test_api_gzip(client: TestClient) -> None:
    response = client.get("/api/events?limit=50", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip" and response.json()["events"]
    export = client.get("/api/events.csv", headers={"Accept-Encoding": "gzip"})
    assert export.headers["content-encoding"] == "gzip" and export.text.startswith("id,doc,")
    assert "content-encoding" not in client.get("/api/events?limit=50", headers={"Accept-Encoding": "identity"}).headers


def test_api_cors_is_off_unless_given(seed_db: Store) -> None:
    origin = {"Origin": "https://intranet.example"}
    with TestClient(create_app(seed_db.url)) as plain:
        assert "access-control-allow-origin" not in plain.get("/api/meta", headers=origin).headers
    with TestClient(create_app(seed_db.url, cors=["https://intranet.example"])) as open_:
        assert open_.get("/api/meta", headers=origin).headers["access-control-allow-origin"] == origin["Origin"]
        other = open_.get("/api/meta", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
        preflight = open_.options("/api/events", headers={**origin, "Access-Control-Request-Method": "GET"})
        assert preflight.status_code == 200


def test_api_openapi_is_typed(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert "422" not in responses or (path, method) == ("/api/articles", "post"), (path, method)
            if path.startswith("/api/"):
                assert "400" in responses and "application/problem+json" in responses["400"]["content"], path
    components = schema["components"]["schemas"]
    assert {"Event", "EventsPage", "ArticleDetail", "Stats", "Ledger", "Story", "AidEntry", "StoriesPage", "Meta",
            "Problem"} <= set(components)
    assert "HTTPValidationError" not in components
    page = schema["paths"]["/api/events"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert page == {"$ref": "#/components/schemas/EventsPage"}
    assert {"id", "type", "actor", "evidence", "article"} <= set(components["Event"]["properties"])
    parquet = schema["paths"]["/api/events.parquet"]["get"]["responses"]["200"]["content"]
    assert list(parquet) == ["application/vnd.apache.parquet"]


def test_api_responses_keep_every_record_field(client: TestClient, seed_db: Store) -> None:
    """The response models check the records and never drop or change a field."""
    event = seed_db.event(5)
    assert client.get("/api/events/5").json() == event
    assert client.get("/api/events", params={"sort": "id", "limit": 1000}).json()["events"] == seed_db.events(
        sort="id", limit=1000)


def test_api_status_country_and_number_filters(client: TestClient, seed_db: Store) -> None:
    params = {"status": "announced,planned", "country": "USA", "has_number": "true", "limit": 1000}
    body = client.get("/api/events", params=params).json()
    assert body["events"] == seed_db.events(status="announced,planned", country="USA", has_number=True, limit=1000)
    assert body["events"] and all(e["status"] in ("announced", "planned") for e in body["events"])
    assert_error_shape(client.get("/api/events", params={"status": "soon"}), 400, "status")
    assert_error_shape(client.get("/api/events", params={"has_number": "maybe"}), 400, "has_number")
    csv_rows = client.get("/api/events.csv", params={"posture": "rotational"}).text.splitlines()
    assert len(csv_rows) - 1 == seed_db.count_events(posture="rotational") > 0

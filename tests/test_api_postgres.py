"""The HTTP API over a PostgreSQL store answers as over SQLite.

Both stores hold the five seed articles with their gold events (tests/conftest.py);
each request below goes to the app over each store, and the answers must be the
same JSON (or the same CSV/JSON Lines text). Only ``ingested_at``, the time each
store was filled, may differ. The PostgreSQL server is the test session's own
(``postgres_server``); without one these tests are skipped, or fail under
LAGEBILD_REQUIRE_POSTGRES=1.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import fill_seeds
from starlette.exceptions import StarletteDeprecationWarning

with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

from lagebild.store import Store
from lagebild.web.app import create_app

DOC0 = "000_82da7f612d3910dc"
DOC4 = "004_cbaacb9f30f5fcd5"

REQUESTS = [
    "/api/events",
    "/api/events?sort=id&limit=3",
    "/api/events?sort=id&order=desc&limit=5&offset=1",
    "/api/events?sort=type&limit=100",
    "/api/events?sort=actor&order=desc&limit=100",
    "/api/events?sort=doc&limit=100",
    "/api/events?type=mobilize,aid&actor=LTU",
    "/api/events?target=DEU&type=MOBILIZE&sort=id",
    "/api/events?target=LTU,LVA",
    "/api/events?since=2022-03&until=2022-03&sort=id",
    "/api/events?until=2021",
    f"/api/events?doc={DOC4}&sort=id",
    "/api/events?q=STINGER",
    "/api/events?q=AUSSENMINISTER&sort=id",
    "/api/events?q=soldaten&type=MOBILIZE",
    "/api/events?q=Blinken%20USA",
    "/api/events?q=%25",
    "/api/events/1",
    "/api/events/100",
    "/api/events/4711",
    "/api/articles",
    "/api/articles?limit=2&offset=1",
    "/api/articles?q=stinger",
    "/api/articles?q=usa%20schicken",
    f"/api/articles/{DOC0}",
    f"/api/articles/{DOC4}",
    "/api/articles/nope",
    "/api/stats",
    "/api/stats?target=LTU",
    "/api/stats?type=MOBILIZE&since=2022-02",
    "/api/posture/ltu",
    "/api/posture/NATO",
    "/api/posture/USA",
    "/api/meta",
    "/api/failures",
    "/api/events?since=yesterday",
]

EXPORTS = [
    "/api/events.csv",
    "/api/events.csv?type=MOBILIZE&target=DEU&sort=id",
    "/api/events.jsonl",
    "/api/events.jsonl?actor=USA&sort=id&q=Litauen",
]


def _without_times(value: Any) -> Any:
    """A JSON value with every ``ingested_at`` removed (when each store was filled)."""
    if isinstance(value, dict):
        return {key: _without_times(item) for key, item in value.items() if key != "ingested_at"}
    if isinstance(value, list):
        return [_without_times(item) for item in value]
    return value


@pytest.fixture(scope="module")
def clients(tmp_path_factory: pytest.TempPathFactory, postgres_server: Any) -> Iterator[tuple[TestClient, TestClient]]:
    """Test clients of the app over an SQLite and over a PostgreSQL seed store (read-only use)."""
    sqlite_url = f"sqlite:///{tmp_path_factory.mktemp('api-sqlite') / 'seed.db'}"
    postgres_url = postgres_server.new_database()
    for url in (sqlite_url, postgres_url):
        with Store(url) as store:
            fill_seeds(store)
    with TestClient(create_app(sqlite_url), raise_server_exceptions=False) as on_sqlite, \
            TestClient(create_app(postgres_url), raise_server_exceptions=False) as on_postgres:
        yield on_sqlite, on_postgres
    postgres_server.drop_database(postgres_url)


@pytest.mark.parametrize("path", REQUESTS)
def test_api_postgres_same_json(clients: tuple[TestClient, TestClient], path: str) -> None:
    on_sqlite, on_postgres = (client.get(path) for client in clients)
    assert on_postgres.status_code == on_sqlite.status_code
    expected = _without_times(on_sqlite.json())
    assert _without_times(on_postgres.json()) == expected
    if on_sqlite.status_code == 200 and path.startswith("/api/events?"):
        assert expected["total"] > 0 or "%25" in path  # the requests are meant to find something


@pytest.mark.parametrize("path", EXPORTS)
def test_api_postgres_same_exports(clients: tuple[TestClient, TestClient], path: str) -> None:
    on_sqlite, on_postgres = (client.get(path) for client in clients)
    assert (on_postgres.status_code, on_postgres.headers["content-type"]) == (200, on_sqlite.headers["content-type"])
    assert on_postgres.text == on_sqlite.text
    assert len(on_sqlite.text.splitlines()) > 1

"""The API docs at /docs work offline: Swagger UI comes from the app's own files.

Headless Chromium opens /docs with every request that is not for the test
server aborted (route interception) and records every request the page makes:
the operations list must render, no request may leave the host, and the
page's Content Security Policy must not have to block anything. Screenshots at
1440 and 390 px go to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from browser_helpers import SCREENSHOTS, VIEWPORTS, LiveServer, chromium, fill_store, missing_prerequisite

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(missing_prerequisite() is not None, reason=missing_prerequisite() or ""),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app over the seed store, on a free localhost port."""
    db = fill_store(tmp_path_factory.mktemp("docs") / "seed.db")
    with LiveServer(db) as live:
        yield live


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_docs_render_offline(browser: Any, server: LiveServer, viewport: str) -> None:
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    requested: list[str] = []
    blocked: list[str] = []
    console: list[str] = []

    def only_local(route: Any) -> None:
        url = route.request.url
        if url.startswith(server.url + "/"):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    try:
        page.goto(f"{server.url}/docs")
        page.wait_for_selector(".opblock", timeout=20_000)
        paths = server.get_json("/openapi.json")["paths"]
        operations = sum(len(methods) for methods in paths.values())
        page.wait_for_function(f"() => document.querySelectorAll('.opblock').length === {operations}")
        shown = set(page.eval_on_selector_all(".opblock-summary-path", "els => els.map(e => e.dataset.path)"))
        assert shown == set(paths)
        assert page.locator(".info .title").first.text_content().startswith("Lagebild")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"docs-{VIEWPORTS[viewport]['width']}.png"), full_page=True)
        # open one operation: its parameters render from the same local spec
        page.click("#operations-events-list_events_api_events_get .opblock-summary")
        op = "#operations-events-list_events_api_events_get"
        page.wait_for_selector(f"{op} .parameters")
        # and "Try it out" → "Execute" calls the API on the same host and shows its answer
        page.click(f"{op} .try-out__btn")
        page.click(f"{op} .execute")
        page.wait_for_selector(f"{op} .live-responses-table tbody .response-col_status")
        assert page.locator(f"{op} .live-responses-table tbody .response-col_status").first.text_content().strip() == "200"
    finally:
        context.close()
    assert blocked == []
    assert requested and all(url.startswith(server.url + "/") or url.startswith("data:") for url in requested), requested
    assert errors == []
    assert not [line for line in console if "Content Security Policy" in line or line.startswith("error")], console


def test_redoc_is_gone(server: LiveServer) -> None:
    import urllib.error
    import urllib.request

    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(server.url + "/redoc", timeout=10)  # noqa: S310 - localhost only
    assert caught.value.code == 404

"""The dashboard on a phone and for every reader: layout at 390 px, contrast, language, keyboard, dark mode.

Headless Chromium at 1440×900 (desktop) and 390×844 (mobile), in the light and
the emulated dark colour scheme, over a store with the seed articles and one
article with an event of each of the 17 types. Every request that is not for
the test server is aborted and makes the test fail. Each test saves its
screenshots to ``test-artifacts/screenshots/`` (named test, view, width, scheme).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from browser_helpers import (
    ALL_TYPES_DOC,
    AXE,
    CHROMIUM,
    CHROMIUM_ARGS,
    SCREENSHOTS,
    VIEWPORTS,
    LiveServer,
    fill_store,
    missing_prerequisite,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(missing_prerequisite(axe=True) is not None, reason=missing_prerequisite(axe=True) or ""),
]

RENDERED = ("() => document.body.dataset.loading === 'false' && "
            "document.body.dataset.rendered === (location.hash || '#/')")
SEED_DOC = "000_82da7f612d3910dc"
VIEWS = {
    "overview": "#/",
    "article": f"#/article/{SEED_DOC}",
    "all-types": f"#/article/{ALL_TYPES_DOC}",
    "posture": "#/posture/USA",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app over the seeds, the hostile article and the all-types article."""
    db = fill_store(tmp_path_factory.mktemp("a11y") / "seed.db", all_types=True)
    with LiveServer(db) as live:
        yield live


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def open_view(browser: Any, server: LiveServer) -> Iterator[Callable[..., Any]]:
    """open_view(fragment, viewport, scheme): a fresh page at a dashboard view, rendered.

    Every non-local request is aborted and recorded; page errors are recorded too. Both
    must be empty when the test ends. axe-core is added to each document by an init
    script (the page's CSP is not loosened for it).
    """
    contexts: list[Any] = []
    blocked: list[str] = []
    errors: list[str] = []
    axe = AXE.read_text(encoding="utf-8")

    def only_local(route: Any) -> None:
        if route.request.url.startswith(server.url + "/"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    def _open(fragment: str, viewport: str = "desktop", scheme: str = "light") -> Any:
        context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme)
        contexts.append(context)
        context.route("**/*", only_local)
        context.add_init_script(script=axe)
        page = context.new_page()
        page.on("pageerror", lambda err: errors.append(str(err)))
        page.goto(f"{server.url}/{fragment}")
        page.wait_for_function(RENDERED, timeout=20_000)
        page.wait_for_load_state("networkidle")
        return page

    yield _open
    for context in contexts:
        context.close()
    assert blocked == [], "requests that would have left the host"
    assert errors == []


def shot(page: Any, name: str) -> None:
    """A full-page screenshot under test-artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def page_width(page: Any) -> dict[str, int]:
    return page.evaluate("() => ({scroll: document.documentElement.scrollWidth, body: document.body.scrollWidth, "
                         "viewport: window.innerWidth})")


# -- 2. mobile: no horizontal scroll, a filter bar that folds away ---------------------------------

@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("view", VIEWS)
def test_no_horizontal_scroll(open_view: Callable[..., Any], view: str, viewport: str) -> None:
    page = open_view(VIEWS[view], viewport)
    width = page_width(page)
    assert width["scroll"] <= width["viewport"] and width["body"] <= width["viewport"], width
    if viewport == "mobile":  # the unfolded filter bar fits too
        page.click("#f-toggle")
        width = page_width(page)
        assert width["scroll"] <= width["viewport"], width
        page.click("#f-toggle")
    shot(page, f"layout-{view}-{VIEWPORTS[viewport]['width']}")


def filter_bar_share(page: Any) -> float:
    """The share of the viewport's height that the filter bar covers."""
    return page.evaluate("""() => {
        const box = document.getElementById('filters').getBoundingClientRect();
        const covered = Math.min(box.bottom, innerHeight) - Math.max(box.top, 0);
        return Math.max(0, covered) / innerHeight;
    }""")


def test_filter_bar_folds_on_mobile(open_view: Callable[..., Any]) -> None:
    page = open_view("#/", "mobile")
    toggle = page.locator("#f-toggle")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-controls") == "filter-fields"
    assert page.locator("#f-actor").is_hidden()
    page.evaluate("() => window.scrollTo(0, 1500)")
    assert page.evaluate("() => window.scrollY") > 0
    assert page.evaluate("() => document.getElementById('filters').getBoundingClientRect().top") == 0  # sticky
    folded = filter_bar_share(page)
    assert folded <= 0.15, f"the folded filter bar covers {folded:.0%} of the screen"
    page.screenshot(path=str(SCREENSHOTS / "filters-folded-390.png"))
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and page.locator("#f-actor").is_visible()
    page.screenshot(path=str(SCREENSHOTS / "filters-open-390.png"))
    page.fill("#f-actor", "usa")
    page.click("#filters button[type=submit]")
    page.wait_for_function(RENDERED + " && location.hash.includes('actor=USA')")
    assert toggle.get_attribute("aria-expanded") == "false" and page.locator("#f-actor").is_hidden()
    assert toggle.text_content().split() == ["Filters", "(1", "active)"]
    toggle.press("Enter")  # a real button: the keyboard unfolds it too
    assert toggle.get_attribute("aria-expanded") == "true"


def test_filter_bar_open_on_desktop(open_view: Callable[..., Any]) -> None:
    page = open_view("#/", "desktop")
    assert page.locator("#f-toggle").is_hidden() and page.locator("#f-actor").is_visible()
    assert page.locator("#filters button[type=submit]").is_visible()

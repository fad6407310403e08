"""The dashboard's views checked against the API, at 1440 and at 390 px, in headless Chromium.

The timeline is a time axis (ticks in date order, spaced in proportion to time;
each bar at its bin's interval, month- and year-only dates as spans over their
period, the article-dated part hatched, the undated count said); the map zooms,
frames the world when an event lies outside Europe and lists every event at a
place; the filters take several types and the closed vocabularies; the articles
and failures pages show what the API has. Every request that is not for the
test server is aborted and fails the test. Screenshots go to
``test-artifacts/screenshots/`` (named test, width).
"""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from browser_helpers import (
    ALL_TYPES_DOC,
    FAILURE,
    RENDERED,
    SCREENSHOTS,
    VIEWPORTS,
    LiveServer,
    chromium,
    fill_store,
    missing_prerequisite,
    offline_pages,
)
from lagebild.store import Store

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(missing_prerequisite() is not None, reason=missing_prerequisite() or ""),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app over the seeds, the hostile article, the all-types article and one failure."""
    db = fill_store(tmp_path_factory.mktemp("dashboard") / "seed.db", all_types=True)
    with LiveServer(db) as live:
        yield live


@pytest.fixture(scope="module")
def empty_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app over an empty store: no article, no event, no failure."""
    path = tmp_path_factory.mktemp("empty") / "empty.db"
    Store(path).close()
    with LiveServer(str(path)) as live:
        yield live


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def open_view(browser: Any) -> Iterator[Callable[..., Any]]:
    """open_view(server, fragment, viewport, scheme): a fresh page at a view, rendered
    (``offline_pages``: nothing may leave the host, no page error), with no error shown."""
    with offline_pages(browser) as open_page:

        def _open(live: LiveServer, fragment: str, viewport: str = "desktop", scheme: str = "light") -> Any:
            page = open_page(live, fragment, viewport, scheme)
            assert page.locator("#status").is_hidden(), page.locator("#status").text_content()
            return page

        yield _open


def shot(page: Any, name: str, viewport: str, element: str | None = None) -> Path:
    """A screenshot (full page, or one element) under test-artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-{VIEWPORTS[viewport]['width']}.png"
    if element:
        page.locator(element).screenshot(path=str(path))
    else:
        page.evaluate("() => window.scrollTo(0, 0)")
        page.screenshot(path=str(path), full_page=True)
    return path


def wait_rendered(page: Any, condition: str) -> None:
    page.wait_for_function(RENDERED + " && " + condition, timeout=20_000)


def utc(iso: str) -> float:
    """Milliseconds since the epoch of an ISO instant ("2022-03-01T00:00:00.000Z")."""
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp() * 1000


def no_horizontal_scroll(page: Any) -> None:
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width


# -- the timeline --------------------------------------------------------------------------------

TIME_SCALE = """() => {
    const ticks = [...document.querySelectorAll('[data-testid=time-axis] .tick')].map((t) => ({
        time: t.dataset.time, x: t.transform.baseVal.consolidate().matrix.e, label: t.textContent}));
    const marks = (sel) => [...document.querySelectorAll(sel)].map((r) => ({
        start: r.dataset.start, end: r.dataset.end, x: +r.getAttribute('x'), width: +r.getAttribute('width'),
        total: +(r.dataset.total || r.dataset.n), article: +r.dataset.article, value: r.dataset.value || null}));
    return {ticks, bars: marks('[data-testid=timeline] rect.bar'), spans: marks('[data-testid=timeline] rect.span'),
            hatches: document.querySelectorAll('[data-testid=timeline] rect.hatch').length};
}"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("query", ["", "?since=2022-01-01&until=2022-12-31"])
def test_timeline_is_a_time_axis(open_view: Callable[..., Any], server: LiveServer, viewport: str, query: str) -> None:
    page = open_view(server, "#/" + query, viewport)
    found = page.evaluate(TIME_SCALE)
    ticks = found["ticks"]
    assert len(ticks) >= 3
    times = [utc(t["time"]) for t in ticks]
    assert times == sorted(times) and len(set(times)) == len(times)
    # spacing in proportion to time: one px-per-ms factor for every tick
    per_ms = (ticks[-1]["x"] - ticks[0]["x"]) / (times[-1] - times[0])
    for tick, time in zip(ticks, times):
        assert tick["x"] == pytest.approx(ticks[0]["x"] + (time - times[0]) * per_ms, abs=0.5)
    # the year is named where it changes (first tick, and each new year)
    years = [re.search(r"\d{4}", t["label"]) for t in ticks]
    assert years[0] is not None
    for before, tick, time in zip(times, ticks[1:], times[1:]):
        if datetime.utcfromtimestamp(before / 1000).year != datetime.utcfromtimestamp(time / 1000).year:
            assert re.search(r"\d{4}", tick["label"]), tick
    # every bar and span lies at its interval on that scale
    x_of = lambda iso: ticks[0]["x"] + (utc(iso) - times[0]) * per_ms  # noqa: E731
    for mark in found["bars"] + found["spans"]:
        assert mark["x"] == pytest.approx(x_of(mark["start"]) + 0.5, abs=0.6)
        assert mark["x"] + mark["width"] == pytest.approx(max(x_of(mark["end"]) - 0.5, mark["x"] + 1.5), abs=2.1)
    # the day-precise events are in the bars, the others in spans of their period, no event lost
    api = "" if not query else query[1:]
    stats = server.get_json("/api/stats?" + api)
    day_rows = [r for r in stats["by_day"] if len(r["day"]) == 10]
    coarse = [r for r in stats["by_day"] if len(r["day"]) < 10]
    assert sum(b["total"] for b in found["bars"]) == sum(r["n"] for r in day_rows)
    assert sorted((s["value"], s["total"]) for s in found["spans"]) == sorted((r["day"], r["n"]) for r in coarse)
    for span in found["spans"]:  # a month spans its month, a year its year
        days = (utc(span["end"]) - utc(span["start"])) / 864e5
        assert (28 <= days <= 31) if len(span["value"]) == 7 else (365 <= days <= 366)
    shot(page, "timeline" + ("-2022" if query else ""), viewport, "[data-testid=timeline-panel]")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_timeline_says_what_it_cannot_plot(open_view: Callable[..., Any], server: LiveServer, viewport: str) -> None:
    page = open_view(server, "#/", viewport)
    stats = server.get_json("/api/stats")
    assert stats["undated"] > 0
    note = page.locator("[data-testid=undated-note]")
    assert note.text_content() == f"{stats['undated']} of {stats['total']} events have no date and are not plotted."
    assert int(note.get_attribute("data-undated")) == stats["undated"]
    # the article-dated part is hatched, and the legend says what hatching means
    found = page.evaluate(TIME_SCALE)
    by_article = sum(r["n"] for r in stats["by_day_article_date"])
    assert by_article > 0 and found["hatches"] > 0
    assert sum(m["article"] for m in found["bars"] + found["spans"]) == by_article
    key = page.locator("[data-testid=timeline-key]").text_content()
    assert "hatched: date taken from the article" in key and "month or year" in key
    # the legend names every type drawn, in the colour it is drawn in
    legend = page.eval_on_selector_all("[data-testid=timeline-legend] li", """els => els.map(
        (li) => [li.textContent, getComputedStyle(li.querySelector('.swatch')).backgroundColor])""")
    drawn = page.eval_on_selector_all("[data-testid=timeline] g[data-type]", """els => els.map(
        (g) => [g.dataset.type, getComputedStyle(g.querySelector('rect.seg, rect.span-fill')).fill])""")
    assert dict(drawn).items() <= dict(legend).items()
    shot(page, "timeline-notes", viewport, "[data-testid=timeline-panel]")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_timeline_bar_filters_to_its_period(open_view: Callable[..., Any], server: LiveServer, viewport: str) -> None:
    page = open_view(server, "#/", viewport)
    before = page.locator("[data-testid=timeline]").get_attribute("data-bin")
    bar = page.locator("[data-testid=timeline] rect.bar").last
    start = bar.get_attribute("data-bucket")
    bar.click()
    wait_rendered(page, f"location.hash.includes('since={start}')")
    since, until = (re.search(rf"{key}=([\d-]+)", page.evaluate("location.hash")).group(1) for key in ("since", "until"))
    total = server.get_json(f"/api/events?limit=0&since={since}&until={until}")["total"]
    assert page.locator("[data-testid=table-total]").text_content() == f"{total} matching"
    after = page.locator("[data-testid=timeline]").get_attribute("data-bin")
    assert BINS.index(after) < BINS.index(before)  # the shorter period is shown in finer bins


BINS = ["day", "week", "month", "year"]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_timeline_zooms_along_time(open_view: Callable[..., Any], server: LiveServer, viewport: str) -> None:
    page = open_view(server, "#/", viewport)
    start = page.evaluate(TIME_SCALE)
    span = lambda found: utc(found["ticks"][-1]["time"]) - utc(found["ticks"][0]["time"])  # noqa: E731
    bin_before = page.get_attribute("[data-testid=timeline]", "data-bin")
    for _ in range(6):
        page.click("[data-testid=timeline-panel] button[aria-label='Zoom in']")
    zoomed = page.evaluate(TIME_SCALE)
    assert span(zoomed) < span(start) / 4
    assert BINS.index(page.get_attribute("[data-testid=timeline]", "data-bin")) < BINS.index(bin_before)
    times = [utc(t["time"]) for t in zoomed["ticks"]]
    per_ms = (zoomed["ticks"][-1]["x"] - zoomed["ticks"][0]["x"]) / (times[-1] - times[0])
    for tick, time in zip(zoomed["ticks"], times):  # still a time axis
        assert tick["x"] == pytest.approx(zoomed["ticks"][0]["x"] + (time - times[0]) * per_ms, abs=0.5)
    shot(page, "timeline-zoomed", viewport, "[data-testid=timeline-panel]")
    # the keyboard: the chart is a tab stop; 0 resets, - zooms out
    page.focus("[data-testid=timeline]")
    page.keyboard.press("0")
    assert page.evaluate(TIME_SCALE)["ticks"] == start["ticks"]
    page.keyboard.press("+")
    page.keyboard.press("ArrowLeft")
    assert page.get_attribute("[data-testid=timeline]", "data-zoom") == "1.50"


def test_timeline_empty_store(open_view: Callable[..., Any], empty_server: LiveServer) -> None:
    page = open_view(empty_server, "#/")
    assert page.locator("[data-testid=undated-note]").text_content() == "No events match the filters."
    assert page.locator("[data-testid=timeline-panel] .empty").text_content() == "No dated events match the filters."


# -- the map -------------------------------------------------------------------------------------

def layer_transform(page: Any) -> str:
    return page.get_attribute("[data-testid=map] g.zoom-layer", "transform") or ""


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_map_zooms_by_buttons_and_keys(open_view: Callable[..., Any], server: LiveServer, viewport: str) -> None:
    page = open_view(server, "#/", viewport)
    assert layer_transform(page) in ("", "translate(0,0) scale(1)")
    page.click("[data-testid=map-panel] button[aria-label='Zoom in']")
    page.click("[data-testid=map-panel] button[aria-label='Zoom in']")
    assert "scale(2.25)" in layer_transform(page)
    radius = page.eval_on_selector("circle.marker", "c => +c.getAttribute('r')")
    shot(page, "map-zoomed", viewport, "[data-testid=map-panel]")
    page.click("[data-testid=map-panel] button[aria-label='Zoom out']")
    assert "scale(1.5)" in layer_transform(page)
    page.click("[data-testid=map-panel] button[aria-label='Reset zoom']")
    assert layer_transform(page) == "translate(0,0) scale(1)"
    assert page.eval_on_selector("circle.marker", "c => +c.getAttribute('r')") > radius  # markers keep their size
    # the keyboard: the map is a tab stop; +, the arrows and 0
    page.focus("[data-testid=map]")
    page.keyboard.press("+")
    zoomed = layer_transform(page)
    assert "scale(1.5)" in zoomed
    page.keyboard.press("ArrowRight")
    assert layer_transform(page) != zoomed and "scale(1.5)" in layer_transform(page)
    page.keyboard.press("0")
    assert layer_transform(page) == "translate(0,0) scale(1)"
    # Ctrl + wheel zooms; the wheel alone scrolls the page
    page.locator("[data-testid=map]").scroll_into_view_if_needed()
    box = page.locator("[data-testid=map]").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -400)
    page.wait_for_timeout(200)
    assert layer_transform(page) == "translate(0,0) scale(1)"
    page.locator("[data-testid=map]").scroll_into_view_if_needed()  # the wheel scrolled the page
    box = page.locator("[data-testid=map]").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.keyboard.down("Control")
    page.mouse.wheel(0, -400)
    page.keyboard.up("Control")
    page.wait_for_function("() => !/scale\\(1\\)$/.test(document.querySelector('g.zoom-layer').getAttribute('transform'))")


VISIBLE_SHAPE = """(code) => {
    const map = document.querySelector('[data-testid=map]').getBoundingClientRect();
    const shape = document.querySelector(`path.country[data-iso3=${code}]`).getBoundingClientRect();
    const w = Math.min(shape.right, map.right) - Math.max(shape.left, map.left);
    const h = Math.min(shape.bottom, map.bottom) - Math.max(shape.top, map.top);
    return w > 0 && h > 0 ? (w * h) / (shape.width * shape.height) : 0;
}"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_map_frames_the_world_for_events_outside_europe(open_view: Callable[..., Any], server: LiveServer,
                                                        viewport: str) -> None:
    assert server.get_json("/api/events?limit=0&country=USA")["total"] > 0
    page = open_view(server, "#/?country=USA", viewport)
    page.click("[data-testid=map-panel] button[data-mode=actor]")
    page.wait_for_selector("svg[data-testid=map][data-mode=actor]")
    assert page.get_attribute("[data-testid=map]", "data-frame") == "world"
    assert page.locator("path.country.shaded[data-iso3=USA]").count() == 1
    assert page.evaluate(VISIBLE_SHAPE, "USA") > 0.99  # the whole USA shape is in view
    shot(page, "map-world", viewport, "[data-testid=map-panel]")
    # events in Europe only: the Europe framing, where Estonia is large and the USA is not in view
    page = open_view(server, "#/?q=Tapa", viewport)
    assert set(server.get_json("/api/stats?q=Tapa")["target_countries"]) == {"EST"}
    assert page.get_attribute("[data-testid=map]", "data-frame") == "europe"
    assert page.evaluate(VISIBLE_SHAPE, "USA") == 0
    shot(page, "map-europe", viewport, "[data-testid=map-panel]")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_map_marker_lists_every_event_at_its_place(open_view: Callable[..., Any], server: LiveServer,
                                                  viewport: str) -> None:
    page = open_view(server, "#/", viewport)
    markers = page.eval_on_selector_all("circle.marker", """els => els.map((c) => ({place: c.dataset.place,
        type: c.dataset.type, n: +c.dataset.n, fill: getComputedStyle(c).fill}))""")
    assert markers
    # coloured by event type, the legend naming each colour
    legend = dict(page.eval_on_selector_all("[data-testid=marker-legend] li:has(.swatch)", """els => els.map(
        (li) => [li.textContent, getComputedStyle(li.querySelector('.swatch')).backgroundColor])"""))
    assert {m["type"]: m["fill"] for m in markers}.items() <= legend.items()
    busiest = max(markers, key=lambda m: m["n"])
    expected = server.get_json("/api/events?limit=1000&place=" + urllib.parse.quote(busiest["place"]))
    assert expected["total"] == busiest["n"] > 1
    marker = page.locator(f"circle.marker[data-place='{busiest['place']}']")
    if viewport == "desktop":
        marker.click(force=True)
    else:
        marker.focus()
        page.keyboard.press("Enter")
    page.wait_for_selector("[data-testid=place-events] li[data-event-id]")
    items = page.locator("[data-testid=place-events] li[data-event-id]")
    assert sorted(int(i) for i in items.evaluate_all("els => els.map(e => e.dataset.eventId)")) == sorted(
        e["id"] for e in expected["events"])
    assert page.locator("[data-testid=place-events] h3").text_content() == f"{busiest['place']}: {expected['total']} events"
    hrefs = items.locator("a.article-link").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert len(hrefs) == expected["total"] and all(h.startswith("#/article/") for h in hrefs)
    no_horizontal_scroll(page)
    shot(page, "map-place-list", viewport, "[data-testid=map-panel]")
    items.locator("a.article-link").first.click()
    wait_rendered(page, "location.hash.startsWith('#/article/')")
    assert page.locator("mark.evidence.active").count() > 0


# -- the filters ---------------------------------------------------------------------------------

def open_filters(page: Any) -> None:
    """Unfold the filter bar where it is folded (a narrow screen)."""
    toggle = page.locator("#f-toggle")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false":
        toggle.click()


def table_total(page: Any) -> int:
    return int(page.locator("[data-testid=table-total]").text_content().split()[0].replace(",", ""))


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_filter_several_types(open_view: Callable[..., Any], server: LiveServer, viewport: str) -> None:
    page = open_view(server, "#/", viewport)
    open_filters(page)
    page.click("#f-types-box summary")
    page.check("#f-types input[value=MOBILIZE]")
    page.locator("#f-types input[value=AID]").focus()
    page.keyboard.press("Space")  # the keyboard ticks a box too
    assert page.locator("#f-types-chosen").text_content() == "MOBILIZE, AID"
    no_horizontal_scroll(page)
    shot(page, "filter-types-open", viewport)
    page.click("#filters button[type=submit]")
    wait_rendered(page, "location.hash.includes('type=')")
    assert page.evaluate("location.hash") == "#/?type=MOBILIZE,AID"
    total = server.get_json("/api/events?limit=0&type=MOBILIZE,AID")["total"]
    assert total > server.get_json("/api/events?limit=0&type=MOBILIZE")["total"]
    assert table_total(page) == total
    assert page.locator("[data-kpi=events] .n").text_content() == str(total)
    chips = set(page.locator("[data-testid=events-table] .chip").all_text_contents())
    assert chips == {"MOBILIZE", "AID"}
    assert set(page.locator("[data-testid=type-counts] a").all_text_contents()) == {"MOBILIZE", "AID"}
    shot(page, "filter-types", viewport)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("field,value,param", [
    ("f-status", "planned", "status=planned"),
    ("f-factuality", "negated", "factuality=negated"),
    ("f-posture", "rotational", "posture=rotational"),
    ("f-has_number", "true", "has_number=true"),
    ("f-has_number", "false", "has_number=false"),
    ("f-country", "pol", "country=POL"),
    ("f-place", "Madrid", "place=Madrid"),
])
def test_filter_fields(open_view: Callable[..., Any], server: LiveServer, viewport: str, field: str, value: str,
                       param: str) -> None:
    page = open_view(server, "#/", viewport)
    open_filters(page)
    if page.locator(f"#{field}").evaluate("e => e.tagName") == "SELECT":
        page.select_option(f"#{field}", value)
    else:
        page.fill(f"#{field}", value)
    page.click("#filters button[type=submit]")
    wait_rendered(page, f"location.hash.includes({param!r})")
    assert page.evaluate("location.hash") == "#/?" + param
    stats = server.get_json("/api/stats?" + param)
    assert table_total(page) == stats["total"] == server.get_json(f"/api/events?limit=0&{param}")["total"]
    assert page.locator("[data-kpi=events] .n").text_content() == str(stats["total"])
    assert page.locator("[data-testid=undated-note]").get_attribute("data-undated") == str(stats["undated"])
    if viewport == "mobile":  # the bar folds again once applied, and says a filter is active
        assert page.locator("#f-toggle").text_content().split() == ["Filters", "(1", "active)"]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_filters_mark_the_events_of_an_article(open_view: Callable[..., Any], server: LiveServer, viewport: str) -> None:
    page = open_view(server, f"#/article/{ALL_TYPES_DOC}?type=MOBILIZE,AID", viewport)
    inside = server.get_json(f"/api/events?limit=100&type=MOBILIZE,AID&doc={ALL_TYPES_DOC}")["events"]
    cards = page.locator(".event-card")
    assert page.locator("[data-testid=matching-note]").text_content().startswith(f"{len(inside)} of them match")
    outside = page.eval_on_selector_all(".event-card.outside", "els => els.map(e => +e.dataset.eventId)")
    assert len(outside) == cards.count() - len(inside) and not set(outside) & {e["id"] for e in inside}
    shot(page, "article-filtered", viewport)


def test_types_disclosure_closes_on_escape(open_view: Callable[..., Any], server: LiveServer) -> None:
    page = open_view(server, "#/")
    page.focus("#f-types-box summary")
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('f-types-box').open")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('f-types-box').open")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    assert page.locator("#f-types-chosen").text_content() == "MOBILIZE"


def test_filter_vocabularies_come_from_the_api(open_view: Callable[..., Any], server: LiveServer) -> None:
    page = open_view(server, "#/")
    meta = server.get_json("/api/meta")
    for field, key in (("status", "statuses"), ("posture", "postures"), ("factuality", "factualities")):
        options = page.eval_on_selector_all(f"#f-{field} option", "els => els.map(e => e.value)")
        assert options == ["", *meta[key]]
    assert page.eval_on_selector_all("#f-types input", "els => els.map(e => e.value)") == meta["types"]


def test_filters_apply_to_the_posture_page(open_view: Callable[..., Any], server: LiveServer) -> None:
    """A ledger entry stays when one of its reports matches the filter bar."""
    page = open_view(server, "#/posture/USA?has_number=true")
    posture = server.get_json("/api/posture/USA")
    with_number = [s for s in posture["deployments"]
                   if any(r["quantity"] and r["quantity"]["value"] is not None for r in s["events"])]
    assert 0 < page.locator("[data-testid=posture-deployments] li.story").count() == len(with_number) < len(posture["deployments"])


# -- the articles and failures pages -------------------------------------------------------------

@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_articles_page(open_view: Callable[..., Any], server: LiveServer, viewport: str) -> None:
    page = open_view(server, "#/", viewport)
    page.click(".topnav a[data-nav=articles]")
    wait_rendered(page, "location.hash.startsWith('#/articles')")
    assert page.get_attribute(".topnav a[data-nav=articles]", "aria-current") == "page"
    body = server.get_json("/api/articles?limit=25")
    assert page.locator("[data-testid=articles-total]").text_content() == f"{body['total']} articles stored"
    rows = page.locator("[data-testid=articles-list] > li")
    assert rows.count() == len(body["articles"]) == body["total"]
    for i, article in enumerate(body["articles"]):
        row = rows.nth(i)
        assert row.get_attribute("data-doc") == article["doc_id"]
        assert row.locator("a.article-link").text_content() == (article["title"] or article["doc_id"])
        assert row.locator("a.article-link").get_attribute("href") == "#/article/" + urllib.parse.quote(article["doc_id"])
        assert int(row.locator("[data-field=events]").get_attribute("data-n")) == article["n_events"]
        assert row.locator("[data-field=date]").text_content() == (article["date"] or "no date")
        assert row.locator("[data-field=outlet]").text_content() == (article["source"] or "no outlet")
    no_horizontal_scroll(page)
    shot(page, "articles", viewport)
    # the search box asks the API
    page.fill("#articles-search", "Tapa")
    page.press("#articles-search", "Enter")
    wait_rendered(page, "location.hash.includes('search=Tapa')")
    found = server.get_json("/api/articles?q=Tapa")
    noun = "article" if found["total"] == 1 else "articles"
    assert page.locator("[data-testid=articles-total]").text_content() == f"{found['total']} {noun} matching the search"
    assert rows.count() == found["total"] >= 1
    rows.first.locator("a.article-link").click()
    wait_rendered(page, "location.hash.startsWith('#/article/')")
    assert page.locator("[data-testid=article-text]").count() == 1


def test_articles_page_counts_matching_events(open_view: Callable[..., Any], server: LiveServer) -> None:
    page = open_view(server, "#/articles?type=MOBILIZE")
    rows = page.locator("[data-testid=articles-list] > li")
    assert rows.count() > 1
    for i in range(rows.count()):
        doc = rows.nth(i).get_attribute("data-doc")
        expected = server.get_json(f"/api/events?limit=0&type=MOBILIZE&doc={urllib.parse.quote(doc)}")["total"]
        assert int(rows.nth(i).locator("[data-field=matching]").get_attribute("data-n")) == expected


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_articles_page_pages(open_view: Callable[..., Any], empty_server: LiveServer, viewport: str) -> None:
    page = open_view(empty_server, "#/articles", viewport)
    assert page.locator("[data-testid=articles-panel] .empty").text_content() == "No articles are stored."
    assert page.locator("[data-testid=pager] button").evaluate_all("els => els.map(b => b.disabled)") == [True, True]
    shot(page, "articles-empty", viewport)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_failures_page(open_view: Callable[..., Any], server: LiveServer, viewport: str) -> None:
    page = open_view(server, "#/", viewport)
    page.click("[data-kpi='failed inputs'] a")
    wait_rendered(page, "location.hash.startsWith('#/failures')")
    body = server.get_json("/api/failures")
    assert body["total"] == 1
    assert page.locator("[data-testid=failures-total]").text_content() == "1 failed input"
    item = page.locator("[data-testid=failures-list] > li")
    assert item.count() == 1
    fields = {name: item.locator(f"[data-field={name}]").text_content() for name in ("path", "doc", "stage", "message")}
    assert fields == {"path": FAILURE.path, "doc": FAILURE.doc_id, "stage": FAILURE.stage, "message": FAILURE.message}
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", item.locator("[data-field=at]").text_content())
    no_horizontal_scroll(page)
    shot(page, "failures", viewport)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_failures_page_empty(open_view: Callable[..., Any], empty_server: LiveServer, viewport: str) -> None:
    page = open_view(empty_server, "#/failures", viewport)
    assert page.locator("[data-testid=failures-empty]").text_content() == (
        "No failures: every input that was ingested was processed.")
    assert page.locator("[data-testid=failures-list]").count() == 0
    shot(page, "failures-empty", viewport)


# -- modules, dark mode ----------------------------------------------------------------------------

def test_scripts_are_es_modules(open_view: Callable[..., Any], server: LiveServer) -> None:
    page = open_view(server, "#/")
    scripts = page.eval_on_selector_all("script[src]", "els => els.map(e => [e.getAttribute('src'), e.type])")
    assert scripts[-1] == ["/static/js/main.js", "module"]
    assert all(src.startswith("/static/vendor/") for src, kind in scripts[:-1])
    modules = page.evaluate("() => performance.getEntriesByType('resource').map(r => r.name)"
                            ".filter(n => n.includes('/static/js/')).length")
    assert modules >= 10
    with urllib.request.urlopen(server.url + "/static/js/timeline.js") as response:  # noqa: S310 - localhost
        assert response.headers["content-type"].startswith("text/javascript")
    with pytest.raises(urllib.error.HTTPError):  # no old copy of the single script is served
        urllib.request.urlopen(server.url + "/static/app.js")  # noqa: S310 - localhost


CHART_CONTRAST = """() => {
    const parse = (css) => { const c = document.createElement('canvas').getContext('2d'); c.fillStyle = css;
        const hex = c.fillStyle; return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255); };
    const lum = (rgb) => { const [r, g, b] = rgb.map((v) => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const ratio = (a, b) => { const [x, y] = [lum(parse(a)), lum(parse(b))].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const panel = getComputedStyle(document.querySelector('[data-testid=timeline-panel]')).backgroundColor;
    const marks = [...document.querySelectorAll('[data-testid=timeline] rect.seg, [data-testid=timeline] rect.span-fill')];
    return marks.map((m) => {
        const style = getComputedStyle(m);
        return {fill: style.fill, stroke: style.stroke, strokeWidth: parseFloat(style.strokeWidth) || 0,
                fillRatio: ratio(style.fill, panel), strokeRatio: style.stroke === 'none' ? 0 : ratio(style.stroke, panel)};
    });
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_marks_stand_out_in_both_schemes(open_view: Callable[..., Any], server: LiveServer, scheme: str) -> None:
    """Each timeline mark is told from the panel (3:1, WCAG 1.4.11) by its fill or by its outline."""
    page = open_view(server, "#/", "desktop", scheme)
    marks = page.evaluate(CHART_CONTRAST)
    assert marks
    weak = [m for m in marks if m["fillRatio"] < 3 and not (m["strokeRatio"] >= 3 and m["strokeWidth"] > 0)]
    assert weak == [], weak[:5]
    shot(page, f"timeline-{scheme}", "desktop", "[data-testid=timeline-panel]")


# -- stories and the force-posture ledger ---------------------------------------------------------

@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_ledger_shows_a_story_whose_reports_disagree(open_view: Callable[..., Any], server: LiveServer,
                                                      viewport: str) -> None:
    """The Nato deployment to Tapa is reported twice (300, then 350 soldiers): one entry with
    both numbers side by side, each with its source, a "reports disagree" badge with the
    range, the status progression, and both reports' evidence; the chart joins the two."""
    page = open_view(server, "#/posture/NATO", viewport)
    ledger = server.get_json("/api/posture/NATO")
    [story] = [s for s in ledger["deployments"] if s["reports"] == 2]
    card = page.locator(f"[data-testid=posture-deployments] li.story[data-story-id='{story['id']}']")
    assert card.get_attribute("data-reports") == "2"
    assert card.locator("[data-testid=disagree]").text_content() == "reports disagree: 300–350"
    assert card.locator(".story-numbers li").evaluate_all("els => els.map(e => +e.dataset.value)") == [300, 350]
    assert "ERR" in card.locator(".story-numbers").text_content()
    assert card.locator("[data-testid=statuses]").text_content() == "announced → arrived"
    assert card.locator("a.evidence-link").count() == 2
    assert page.locator("[data-testid=posture-chart] path.story-line").count() >= 1
    no_horizontal_scroll(page)
    shot(page, "ledger-NATO", viewport)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_ledger_destination_and_unknown_code(open_view: Callable[..., Any], server: LiveServer, viewport: str) -> None:
    page = open_view(server, "#/posture/USA?to=LVA", viewport)
    ledger = server.get_json("/api/posture/USA?to=LVA")
    assert page.locator("[data-testid=posture-deployments] li.story").count() == len(ledger["deployments"]) > 0
    assert page.locator("[data-testid=posture-received]").count() == 0  # a destination page has no "received"
    assert "→ " in page.locator("h1").text_content()
    page.fill("[data-testid=posture-picker] input[name=code]", "XYZ")
    page.fill("[data-testid=posture-picker] input[name=to]", "")
    page.press("[data-testid=posture-picker] input[name=code]", "Enter")
    wait_rendered(page, "location.hash.startsWith('#/posture/XYZ')")
    assert "not a known state or organisation code" in page.locator("[data-testid=posture-missing]").text_content()
    shot(page, "ledger-unknown", viewport)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_stories_page(open_view: Callable[..., Any], server: LiveServer, viewport: str) -> None:
    page = open_view(server, "#/", viewport)
    page.click(".topnav a[data-nav=stories]")
    wait_rendered(page, "location.hash.startsWith('#/stories')")
    api = server.get_json("/api/stories?min_reports=2&limit=20")
    assert page.locator("[data-testid=stories-list] > li.story").count() == len(api["stories"]) > 0
    assert page.locator("[data-testid=stories-total]").text_content().startswith(f"{api['total']} stor")
    assert page.locator("[data-testid=disagree]").count() == sum(s["numbers_disagree"] for s in api["stories"])
    no_horizontal_scroll(page)
    shot(page, "stories", viewport)
    page.select_option("[data-testid=stories-controls] select[name=min_reports]", "1")
    wait_rendered(page, "location.hash.includes('min_reports=1')")
    every = server.get_json("/api/stories?min_reports=1&limit=1")["total"]
    assert page.locator("[data-testid=stories-total]").text_content().startswith(f"{every} stor")
    page.goto(f"{server.url}/#/stories?type=AID")
    wait_rendered(page, "location.hash.includes('type=AID')")
    assert page.locator("[data-testid=stories-total]").text_content().startswith(
        f"{server.get_json('/api/stories?min_reports=2&type=AID&limit=1')['total']} stor")

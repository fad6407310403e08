"""End-to-end test of the dashboard in headless Debian Chromium, driven by Playwright.

The real ``create_app`` runs under uvicorn over a temporary SQLite store filled
with the seed articles, their gold events and one hostile article (see
``browser_helpers``). Each test opens a view, waits until the app says it has
rendered (``body[data-loading=false]`` for the current hash), checks what a
person would see against the JSON API, and saves a screenshot to
``test-artifacts/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser_helpers import (
    ARTIFACTS,
    RENDERED,
    XSS_DOC,
    XSS_EVIDENCE,
    XSS_IMG,
    XSS_SCRIPT,
    LiveServer,
    chromium,
    fill_store,
    missing_prerequisite,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(missing_prerequisite() is not None, reason=missing_prerequisite() or ""),
]



@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app over a freshly filled store, on a free localhost port."""
    db = fill_store(tmp_path_factory.mktemp("browser") / "seed.db")
    with LiveServer(db) as live:
        yield live


@pytest.fixture(scope="module")
def page(server: LiveServer) -> Iterator[Any]:
    """A Chromium page (1400×1000) that records page errors in ``page.errors``."""
    ARTIFACTS.mkdir(exist_ok=True)
    with chromium() as browser:
        tab = browser.new_page(viewport={"width": 1400, "height": 1000})
        tab.errors = []
        tab.on("pageerror", lambda err: tab.errors.append(str(err)))
        yield tab


def rendered_and(condition: str) -> str:
    """A wait_for_function predicate: rendered, and a further JS condition holds."""
    return RENDERED + " && " + condition


def open_view(page: Any, server: LiveServer, fragment: str) -> None:
    """Load the dashboard at a hash route (a fresh document each time) and wait for its render."""
    page.goto("about:blank")
    page.goto(f"{server.url}/{fragment}")
    page.wait_for_function(RENDERED, timeout=20_000)
    assert page.errors == []
    assert page.locator("#status").is_hidden(), page.locator("#status").text_content()


def shot(page: Any, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/."""
    path = ARTIFACTS / f"{name}.png"
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=str(path), full_page=True)
    return path


def on_map_codes(page: Any) -> set[str]:
    """The ISO3 codes of the country shapes drawn on the map."""
    return set(page.eval_on_selector_all("path.country", "els => els.map(e => e.dataset.iso3)")) - {""}


def test_overview_screenshot(page: Any, server: LiveServer) -> None:
    open_view(page, server, "#/")
    assert shot(page, "overview").stat().st_size > 10_000
    page.locator("[data-testid=map-panel]").screenshot(path=str(ARTIFACTS / "map.png"))


@pytest.mark.parametrize("mode,stats_key", [("target", "target_countries"), ("actor", "actor_countries")])
def test_map_shades_countries_with_events(page: Any, server: LiveServer, mode: str, stats_key: str) -> None:
    open_view(page, server, "#/")
    page.click(f"[data-testid=map-panel] button[data-mode={mode}]")
    page.wait_for_selector(f"svg[data-testid=map][data-mode={mode}] path.country", state="attached")
    assert page.locator("path.country").count() > 50
    drawn = on_map_codes(page)
    assert {"EST", "LVA", "LTU", "POL", "DEU", "UKR"} <= drawn
    counts = server.get_json("/api/stats")[stats_key]
    fills = dict(page.eval_on_selector_all(
        "path.country", "els => els.map(e => [e.dataset.iso3, getComputedStyle(e).fill])"))
    base = page.eval_on_selector("path.country[data-count='0']", "e => getComputedStyle(e).fill")
    shaded = {code for code, fill in fills.items() if code and fill != base}
    assert shaded == {code for code in counts if code in drawn}
    shown = dict(page.eval_on_selector_all("path.country.shaded", "els => els.map(e => [e.dataset.iso3, +e.dataset.count])"))
    assert shown == {code: n for code, n in counts.items() if code in drawn}


def test_map_marks_geocoded_places(page: Any, server: LiveServer) -> None:
    open_view(page, server, "#/")
    events = server.get_json("/api/events?limit=1000")["events"]
    places = {e["location"]["place"] for e in events if e["location"] and e["location"].get("lat") is not None}
    page.wait_for_selector("circle.marker", state="attached")
    assert set(page.eval_on_selector_all("circle.marker", "els => els.map(e => e.dataset.place)")) == places


def test_timeline_stacks_bars_by_type(page: Any, server: LiveServer) -> None:
    open_view(page, server, "#/")
    by_day = server.get_json("/api/stats")["by_day"]
    assert page.locator("[data-testid=timeline] rect.bar").count() > 0
    types = page.eval_on_selector_all("[data-testid=timeline] g[data-type]:has(rect.seg, rect.span)",
                                      "els => els.map(e => e.dataset.type)")
    assert set(types) == {row["type"] for row in by_day}
    legend = page.locator("[data-testid=timeline-legend] li").all_text_contents()
    assert sorted(legend) == sorted({row["type"] for row in by_day})
    page.locator("[data-testid=timeline-panel]").screenshot(path=str(ARTIFACTS / "timeline.png"))


@pytest.mark.parametrize("query,api_query,limit", [
    ("", "", 25),
    ("?limit=50", "", 50),
    ("?type=MOBILIZE", "type=MOBILIZE", 25),
    ("?actor=USA&target=LTU", "actor=USA&target=LTU", 25),
    ("?q=Soldaten&limit=100", "q=Soldaten", 100),
])
def test_table_rows_match_api_total(page: Any, server: LiveServer, query: str, api_query: str, limit: int) -> None:
    open_view(page, server, "#/" + query)
    total = server.get_json(f"/api/events?limit=1&{api_query}")["total"]
    assert page.locator("[data-testid=events-table] tbody tr[data-event-id]").count() == min(total, limit)
    csv_href = page.get_attribute("[data-testid=export-csv]", "href")
    assert csv_href == "/api/events.csv" + (f"?{api_query}" if api_query else "")


@pytest.mark.parametrize("column,expected", [
    ("type", "first type"),
    ("quantity", "largest quantity"),
])
def test_table_sorts_by_header(page: Any, server: LiveServer, column: str, expected: str) -> None:
    open_view(page, server, "#/")
    page.click(f"[data-testid=events-table] th[data-sort={column}] button")
    page.wait_for_function(rendered_and("location.hash.includes('sort=" + column + "')"))
    events = server.get_json("/api/events?limit=1000")["events"]
    first = page.locator("[data-testid=events-table] tbody tr").first
    if expected == "first type":
        assert page.get_attribute(f"th[data-sort={column}]", "aria-sort") == "ascending"
        assert first.locator(".chip").text_content() == min(e["type"] for e in events)
    else:
        assert page.get_attribute(f"th[data-sort={column}]", "aria-sort") == "descending"
        top = max(e["quantity"]["value"] for e in events if e["quantity"] and e["quantity"]["value"] is not None)
        assert f"{top:,}" in first.locator("td.num").nth(1).text_content()


def test_article_link_highlights_evidence(page: Any, server: LiveServer) -> None:
    open_view(page, server, "#/?sort=id&order=asc")
    link = page.locator("[data-testid=events-table] a.article-link").first
    event_id = page.locator("[data-testid=events-table] tbody tr").first.get_attribute("data-event-id")
    doc = link.get_attribute("data-doc")
    link.click()
    page.wait_for_function(rendered_and("location.hash.startsWith('#/article/')"))
    article = server.get_json(f"/api/articles/{doc}")
    evidence = {s for e in article["events"] for s in e["evidence"]}
    marks = page.locator("mark.evidence").all_text_contents()
    assert marks and set(marks) <= evidence
    event = next(e for e in article["events"] if str(e["id"]) == event_id)
    active = page.locator("mark.evidence.active").all_text_contents()
    text = article["clean_text"]
    assert set(active) == {text[a:b] for a, b in event["evidence_offsets"]}
    assert page.locator(f".event-card.active[data-event-id='{event_id}']").count() == 1
    shot(page, "article")


def test_article_card_click_moves_highlight(page: Any, server: LiveServer) -> None:
    article = server.get_json("/api/articles/000_82da7f612d3910dc")
    event = article["events"][-1]
    open_view(page, server, f"#/article/{article['doc_id']}")
    assert page.locator("mark.evidence.active").count() == 0
    page.click(f".event-card[data-event-id='{event['id']}']")
    active = page.locator("mark.evidence.active").all_text_contents()
    text = article["clean_text"]
    assert set(active) == {text[a:b] for a, b in event["evidence_offsets"]}


def test_posture_page_lists_deployments_with_numbers(page: Any, server: LiveServer) -> None:
    """The ledger: one card per story in each group, every report's number shown."""
    open_view(page, server, "#/posture/USA")
    ledger = server.get_json("/api/posture/USA")
    for key in ("deployments", "withdrawals", "presence", "aid", "received"):
        cards = page.locator(f"[data-testid=posture-{key}] li.story")
        assert cards.count() == len(ledger[key])
        assert [int(i) for i in cards.evaluate_all("els => els.map(e => e.dataset.storyId)")] == [
            entry["id"] for entry in ledger[key]]
    numbers = page.locator("[data-testid=posture-deployments] .story-numbers .qty").all_text_contents()
    assert len(numbers) == sum(len(entry["numbers"]) for entry in ledger["deployments"]) > 0
    assert all(re.search(r"\d", t) for t in numbers)
    assert page.locator("[data-testid=posture-chart] circle.dot").count() > 0
    shot(page, "posture-USA")
    page.locator("[data-testid=posture-deployments] a.evidence-link").first.click()
    page.wait_for_function(rendered_and("location.hash.startsWith('#/article/')"))
    assert page.locator("mark.evidence.active").count() > 0


def test_hostile_article_renders_as_text(page: Any, server: LiveServer) -> None:
    open_view(page, server, f"#/article/{XSS_DOC}")
    assert page.evaluate("typeof window.__xss") == "undefined"
    body = page.locator("[data-testid=article-text]").text_content()
    assert XSS_SCRIPT in body and XSS_IMG in body
    assert page.locator("[data-testid=article] h1").text_content() == f"Probe {XSS_SCRIPT}"
    assert page.locator("[data-testid=article] script, [data-testid=article] img").count() == 0
    assert page.locator("[data-testid=article] a[href^='javascript']").count() == 0
    assert page.locator("mark.evidence").all_text_contents() == [XSS_EVIDENCE]
    shot(page, "article-hostile")
    open_view(page, server, "#/?q=Tapa")
    assert page.evaluate("typeof window.__xss") == "undefined"


@pytest.mark.parametrize("fragment,field,value", [
    ("#/?type=MOBILIZE&actor=USA", "f-actor", "USA"),
    ("#/posture/USA?since=2022-03", "f-since", "2022-03"),
    ("#/?status=planned&has_number=true", "f-status", "planned"),
    ("#/?status=planned&has_number=true", "f-has_number", "true"),
    ("#/articles?country=POL&place=Tapa", "f-country", "POL"),
    ("#/articles?country=POL&place=Tapa", "f-place", "Tapa"),
])
def test_filters_reflect_hash(page: Any, server: LiveServer, fragment: str, field: str, value: str) -> None:
    open_view(page, server, fragment)
    assert page.input_value(f"#{field}") == value


def test_type_checkboxes_reflect_hash(page: Any, server: LiveServer) -> None:
    open_view(page, server, "#/?type=MOBILIZE,AID")
    checked = page.eval_on_selector_all("#f-types input:checked", "els => els.map(e => e.value)")
    assert sorted(checked) == ["AID", "MOBILIZE"]
    assert page.locator("#f-types-chosen").text_content() == "MOBILIZE, AID"


def test_filter_form_updates_hash(page: Any, server: LiveServer) -> None:
    open_view(page, server, "#/")
    page.fill("#f-actor", "rus")
    page.fill("#f-target", "ukr")
    page.click("#filters button[type=submit]")
    page.wait_for_function(rendered_and("location.hash.includes('actor=RUS')"))
    assert page.evaluate("location.hash") == "#/?actor=RUS&target=UKR"
    total = server.get_json("/api/events?limit=1&actor=RUS&target=UKR")["total"]
    assert page.locator("[data-testid=events-table] tbody tr[data-event-id]").count() == min(total, 25)


def test_events_table_shows_provenance(page: Any, server: LiveServer) -> None:
    """Each row names its article (title where there is one), outlet and date, and who says so."""
    open_view(page, server, "#/?sort=id&order=asc&limit=200")
    events = {str(e["id"]): e for e in server.get_json("/api/events?limit=1000&sort=id")["events"]}
    rows = page.locator("[data-testid=events-table] tbody tr")
    checked = sourced = 0
    for i in range(rows.count()):
        row = rows.nth(i)
        event = events[row.get_attribute("data-event-id")]
        article = event["article"]
        assert row.locator("a.article-link").text_content() == (article["title"] or event["doc"])
        where = ", ".join(x for x in (article["outlet"], article["date"]) if x)
        if where:
            assert row.locator("[data-testid=provenance]").text_content() == where
            checked += 1
        if (event["source"] or {}).get("text"):
            assert row.locator("[data-testid=says]").text_content() == "says: " + event["source"]["text"]
            sourced += 1
    assert checked > 10 and sourced > 0
    assert any(e["article"]["title"] for e in events.values())

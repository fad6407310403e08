"""Helpers for the dashboard's end-to-end test: a filled store, a live server, a browser.

The store holds the five seed articles with their gold events (as the
``seed_db`` fixture builds them) plus one hostile article whose text and title
carry HTML (``<script>``, ``<img onerror>``): the dashboard must show such
text as text. Its one event has coordinates, so the map draws a marker.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn

from conftest import load_seeds, split_sentences
from lagebild.model import Article, DateValue, Event, Failure, Party, Quantity
from lagebild.store import Store
from lagebild.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
VENDOR = ROOT / "lagebild" / "web" / "static" / "vendor"
VENDOR_FILES = ("d3.min.js", "topojson-client.min.js", "countries-50m.json", "iso-numeric.json",
                "swagger-ui/swagger-ui-bundle.js", "swagger-ui/swagger-ui.css")
# axe-core (npm devDependency, MPL-2.0) computes the contrast of rendered text in the a11y tests.
AXE = ROOT / "lagebild" / "web" / "assets" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
# Screenshots of the a11y, mobile and docs tests, one per test, viewport width and colour scheme.
SCREENSHOTS = ARTIFACTS / "screenshots"
VIEWPORTS = {"desktop": {"width": 1440, "height": 900}, "mobile": {"width": 390, "height": 844}}
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# The page has finished loading and rendered the view its hash names (js/main.js sets both).
RENDERED = ("() => document.body.dataset.loading === 'false' && "
            "document.body.dataset.rendered === (location.hash || '#/')")
XSS_DOC = "zz_xss_probe"
XSS_SCRIPT = "<script>window.__xss=1</script>"
XSS_IMG = '<img src=x onerror="window.__xss=1">'
XSS_EVIDENCE = "Die Nato verlegt 300 Soldaten nach Tapa."
XSS_TEXT = (
    f"Alarm {XSS_SCRIPT} in Estland\n\n"
    f"{XSS_EVIDENCE} {XSS_IMG} Das sagte ein Sprecher am Mittwoch.\n"
)


@contextmanager
def chromium() -> Iterator[Any]:
    """Headless Chromium (``CHROMIUM`` with ``CHROMIUM_ARGS``) through Playwright, closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def offline_pages(browser: Any) -> Iterator[Callable[..., Any]]:
    """open_page(live, fragment, viewport, scheme, init_script): a fresh page (its own
    browser context) at a dashboard view of the live server, rendered.

    Requests that leave the live server are aborted and recorded, and page errors are
    recorded; on leaving the block the contexts are closed and both lists must be empty.
    init_script (str | None): a script added to every document before its own (axe-core).
    """
    contexts: list[Any] = []
    blocked: list[str] = []
    errors: list[str] = []

    def open_page(live: LiveServer, fragment: str, viewport: str = "desktop", scheme: str = "light",
                  init_script: str | None = None) -> Any:
        context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme)
        contexts.append(context)

        def only_local(route: Any) -> None:
            if route.request.url.startswith(live.url + "/"):
                route.continue_()
            else:
                blocked.append(route.request.url)
                route.abort()

        context.route("**/*", only_local)
        if init_script:
            context.add_init_script(script=init_script)
        page = context.new_page()
        page.on("pageerror", lambda err: errors.append(str(err)))
        page.goto(f"{live.url}/{fragment}")
        page.wait_for_function(RENDERED, timeout=20_000)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert blocked == [], "requests that would have left the host"
    assert errors == []


def missing_prerequisite(*, axe: bool = False) -> str | None:
    """Why the browser test cannot run here (no Chromium, no vendor assets, no axe-core), or None."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing: run scripts/install_browser.sh"
    absent = [name for name in VENDOR_FILES if not (VENDOR / name).is_file()]
    if axe and not AXE.is_file():
        absent.append(str(AXE.relative_to(ROOT)))
    if absent:
        return f"dashboard assets missing ({', '.join(absent)}): run scripts/install_assets.sh"
    return None


def xss_article() -> tuple[Article, list, list[Event]]:
    """The hostile article, its sentences and one MOBILIZE event with a geocoded place."""
    article = Article(doc_id=XSS_DOC, text=XSS_TEXT, clean_text=XSS_TEXT, date="2022-03-09",
                      title=f"Probe {XSS_SCRIPT}", source="test", url="javascript:window.__xss=1")
    start = XSS_TEXT.index(XSS_EVIDENCE)
    event = Event(
        doc=XSS_DOC, type="MOBILIZE", mode="troops",
        actor=Party(text="Die Nato", code="NATO", sector="IGO"),
        target=Party(text="nach Tapa", codes=["EST"]),
        location=Party(text="Tapa", codes=["EST"], place="Tapa", lat=59.26, lon=25.96),
        quantity=Quantity(value=300, qualifier="exact", unit="soldiers", text="300 Soldaten"),
        status="announced", date=DateValue(text="am Mittwoch", value="2022-03-09"),
        evidence=[XSS_EVIDENCE], evidence_spans=[(start, start + len(XSS_EVIDENCE))],
    )
    return article, split_sentences(XSS_TEXT), [event]


# A second report of the hostile article's deployment (Nato → Tapa), two days later with
# another number: the two records make one story whose reports disagree (300 vs 350).
TAPA_DOC = "zz_tapa_report"
TAPA_TEXT = "Nato-Soldaten in Tapa eingetroffen\n\nIn Tapa sind 350 Nato-Soldaten eingetroffen, teilte das Militär mit.\n"
TAPA_EVIDENCE = "In Tapa sind 350 Nato-Soldaten eingetroffen, teilte das Militär mit."


def tapa_article() -> tuple[Article, list, list[Event]]:
    """The second report of the Tapa deployment, with another number."""
    article = Article(doc_id=TAPA_DOC, text=TAPA_TEXT, clean_text=TAPA_TEXT, date="2022-03-11",
                      title="Nato-Soldaten in Tapa eingetroffen", source="ERR")
    start = TAPA_TEXT.index(TAPA_EVIDENCE)
    event = Event(
        doc=TAPA_DOC, type="MOBILIZE", mode="troops", actor=Party(text="Nato-Soldaten", code="NATO", sector="IGO"),
        target=Party(text="Tapa", codes=["EST"]),
        location=Party(text="Tapa", codes=["EST"], place="Tapa", lat=59.26, lon=25.96),
        quantity=Quantity(value=350, qualifier="exact", unit="soldiers", text="350 Nato-Soldaten"), status="arrived",
        date=DateValue(text=None, value="2022-03-11"), source=Party(text="das Militär"),
        evidence=[TAPA_EVIDENCE], evidence_spans=[(start, start + len(TAPA_EVIDENCE))],
    )
    return article, split_sentences(TAPA_TEXT), [event]


# One German sentence per event type (sentence, actor text, actor code, target code),
# so that the dashboard draws a chip of every type.
ALL_TYPES_DOC = "zz_all_types"
TYPE_SENTENCES = {
    "MOBILIZE": ("Die Bundeswehr verlegt 500 Soldaten nach Litauen.", "Die Bundeswehr", "DEU", "LTU"),
    "RETREAT": ("Russland zieht seine Truppen aus Belarus ab.", "Russland", "RUS", "BLR"),
    "PRESENCE": ("In Polen sind 10.000 US-Soldaten stationiert.", "US-Soldaten", "USA", "POL"),
    "AID": ("Deutschland liefert der Ukraine Luftabwehrsysteme.", "Deutschland", "DEU", "UKR"),
    "CONSULT": ("Der Kanzler trifft den polnischen Regierungschef in Warschau.", "Der Kanzler", "DEU", "POL"),
    "AGREE": ("Finnland und Schweden unterzeichnen ein Abkommen.", "Finnland", "FIN", "SWE"),
    "COOPERATE": ("Estland und Lettland arbeiten bei der Luftverteidigung zusammen.", "Estland", "EST", "LVA"),
    "SUPPORT": ("Frankreich unterstützt den Beitritt Schwedens.", "Frankreich", "FRA", "SWE"),
    "CONCEDE": ("Ungarn gibt seinen Widerstand gegen den Beitritt auf.", "Ungarn", "HUN", "SWE"),
    "REQUEST": ("Litauen fordert mehr Nato-Truppen an der Ostflanke.", "Litauen", "LTU", "NATO"),
    "ACCUSE": ("Moskau wirft Warschau Provokationen vor.", "Moskau", "RUS", "POL"),
    "REJECT": ("Die Türkei lehnt den Vorschlag ab.", "Die Türkei", "TUR", "SWE"),
    "THREATEN": ("Der Kreml droht Litauen mit Konsequenzen.", "Der Kreml", "RUS", "LTU"),
    "PROTEST": ("Tausende protestieren in Tiflis gegen die Regierung.", "Tausende", "GEO", "GEO"),
    "SANCTION": ("Die EU verhängt neue Sanktionen gegen Belarus.", "Die EU", "EU", "BLR"),
    "COERCE": ("Die Polizei nimmt in Minsk Oppositionelle fest.", "Die Polizei", "BLR", "BLR"),
    "ASSAULT": ("Russische Raketen treffen ein Kraftwerk bei Charkiw.", "Russische Raketen", "RUS", "UKR"),
}


# Three events of the all-types article placed in Vilnius: a map marker that stands for several events.
VILNIUS_TYPES = ("MOBILIZE", "REQUEST", "THREATEN")


def all_types_article() -> tuple[Article, list, list[Event]]:
    """An article with one event of each of the 17 types, each with its German evidence sentence;
    those of ``VILNIUS_TYPES`` are located in Vilnius."""
    text = " ".join(entry[0] for entry in TYPE_SENTENCES.values()) + "\n"
    article = Article(doc_id=ALL_TYPES_DOC, text=text, clean_text=text, date="2022-05-02",
                      title="Alle Ereignistypen an einem Tag", source="test")
    events = []
    for etype, (sentence, actor_text, actor, target) in TYPE_SENTENCES.items():
        start = text.index(sentence)
        events.append(Event(doc=ALL_TYPES_DOC, type=etype, actor=Party(text=actor_text, code=actor),
                            target=Party(text=target, codes=[target]), date=DateValue(text=None, value="2022-05-02"),
                            location=(Party(text="Vilnius", codes=["LTU"], place="Vilnius", lat=54.687, lon=25.28)
                                      if etype in VILNIUS_TYPES else None),
                            evidence=[sentence], evidence_spans=[(start, start + len(sentence))]))
    return article, split_sentences(text), events


# One input that could not be processed, for the failures page.
FAILURE = Failure(doc_id="zz_broken", stage="read", message="Not UTF-8 text: byte 0xff at offset 12.",
                  path="broken-input.txt")


def fill_store(path: Path, *, all_types: bool = False) -> str:
    """Create an SQLite store at path with the seeds, their gold events, the hostile article,
    a second report of its deployment (``tapa_article``) and one failure (``FAILURE``).

    path (Path): the database file to create.
    all_types (bool): add ``all_types_article`` too (one event of every type).
    RETURNS (str): the path as a string, for ``create_app``.
    """
    store = Store(path)
    extra = [all_types_article()] if all_types else []
    try:
        for article, sentences, events in [*load_seeds(), xss_article(), tapa_article(), *extra]:
            store.add_article(article, sentences, events)
        store.add_failure(FAILURE)
    finally:
        store.close()
    return str(path)


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """The real FastAPI app under uvicorn in a background thread, on a free localhost port."""

    def __init__(self, db_url: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(db_url), host="127.0.0.1", port=self.port,
                                log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="lagebild-test-server", daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)

    def get_json(self, path: str) -> Any:
        """GET a JSON endpoint of the running app."""
        with urllib.request.urlopen(self.url + path, timeout=10) as response:  # noqa: S310 - localhost only
            return json.loads(response.read().decode("utf-8"))

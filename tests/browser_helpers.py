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
from pathlib import Path
from typing import Any

import uvicorn

from conftest import load_seeds, split_sentences
from lagebild.model import Article, DateValue, Event, Party, Quantity
from lagebild.store import Store
from lagebild.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
VENDOR = ROOT / "lagebild" / "web" / "static" / "vendor"
VENDOR_FILES = ("d3.min.js", "topojson-client.min.js", "countries-50m.json", "iso-numeric.json")
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
XSS_DOC = "zz_xss_probe"
XSS_SCRIPT = "<script>window.__xss=1</script>"
XSS_IMG = '<img src=x onerror="window.__xss=1">'
XSS_EVIDENCE = "Die Nato verlegt 300 Soldaten nach Tapa."
XSS_TEXT = (
    f"Alarm {XSS_SCRIPT} in Estland\n\n"
    f"{XSS_EVIDENCE} {XSS_IMG} Das sagte ein Sprecher am Mittwoch.\n"
)


def missing_prerequisite() -> str | None:
    """Why the browser test cannot run here (no Chromium, no vendor assets), or None."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing: run scripts/install_browser.sh"
    absent = [name for name in VENDOR_FILES if not (VENDOR / name).is_file()]
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


def fill_store(path: Path) -> str:
    """Create an SQLite store at path with the seeds, their gold events and the hostile article.

    path (Path): the database file to create.
    RETURNS (str): the path as a string, for ``create_app``.
    """
    store = Store(path)
    try:
        for article, sentences, events in [*load_seeds(), xss_article()]:
            store.add_article(article, sentences, events)
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

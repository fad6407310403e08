"""Tests for lagebild.clean: datelines, sign-offs, boilerplate, headlines, language."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from lagebild.clean import clean, parse_stamp_date
from lagebild.errors import ArticleError
from lagebild.model import Article
from lagebild.read import iter_articles

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"
BODY = (
    "Die Nato verlegt weitere Soldaten an ihre Ostflanke. Das teilte das Bündnis am Mittwoch mit. "
    "Insgesamt sollen 3.000 Soldaten nach Litauen und Polen verlegt werden."
)


def _clean(text: str, **kwargs: str) -> Article:
    return clean(Article(doc_id="t", text=text, **kwargs))


@pytest.mark.parametrize(
    "text,places,source,date,starts",
    [
        (" date 2022-03 VILNIUS/RIGA (dpa-AFX) - US-Außenminister Antony Blinken hat eine Verlegung "
         "weiterer US-Truppen in das Baltikum angekündigt. " + BODY,
         ["Vilnius", "Riga"], "dpa-AFX", "2022-03", "US-Außenminister Antony Blinken hat"),
        (" date 2022-02-24 Brüssel (dpa) - " + BODY, ["Brüssel"], "dpa", "2022-02-24", "Die Nato verlegt"),
        ("Berlin (AFP) – " + BODY, ["Berlin"], "AFP", None, "Die Nato verlegt"),
        ("NEW YORK/KIEW (Reuters) - " + BODY, ["New York", "Kiew"], "Reuters", None, "Die Nato verlegt"),
        ("Nato verstärkt Ostflanke\n\nFRANKFURT AM MAIN (dpa/AFP) - " + BODY,
         ["Frankfurt am Main"], "dpa, AFP", None, "Nato verstärkt Ostflanke\n\nDie Nato verlegt"),
        ("Polen fordert mehr Soldaten. Warschau/Washington – " + BODY,
         ["Warschau", "Washington"], None, None, "Polen fordert mehr Soldaten.\n\nDie Nato verlegt"),
        ("Thiem trifft auf Klizan. Cincinnati (Ohio) – " + BODY, ["Cincinnati"], None, None,
         "Thiem trifft auf Klizan.\n\nDie Nato verlegt"),
        ("Zweites Spiel in St. Pölten. St. Pölten – " + BODY, ["St. Pölten"], None, None,
         "Zweites Spiel in St. Pölten.\n\nDie Nato"),
        # Wikinews: place, country, date; the date is the document's unless the input gives one
        ("Washington D.C. (Vereinigte Staaten), 11.03.2011 – " + BODY,
         ["Washington D.C", "Vereinigte Staaten"], None, "2011-03-11", "Die Nato verlegt"),
        (" date 2011-03 Berlin (Deutschland), 9.3.2011 – " + BODY, ["Berlin", "Deutschland"], None, "2011-03", "Die Nato verlegt"),
        # a Wikinews dateline of two places, each with its country
        ("Moskau (Russland) / Tiflis (Georgien), 12.08.2008 – " + BODY,
         ["Moskau", "Russland", "Tiflis", "Georgien"], None, "2008-08-12", "Die Nato verlegt"),
        # a place whose first word could open a sentence is one with its country in brackets
        ("Den Haag (Niederlande), 20.02.2010 – " + BODY, ["Den Haag", "Niederlande"], None, "2010-02-20", "Die Nato verlegt"),
        ("Den Soldaten, 20.02.2010 – " + BODY, [], None, None, "Den Soldaten, 20.02.2010"),
    ],
)
def test_clean_dateline(text: str, places: list[str], source: str | None, date: str | None, starts: str) -> None:
    article = _clean(text)
    assert article.places == places
    assert article.source == source
    assert article.date == date
    assert article.clean_text.startswith(starts)


@pytest.mark.parametrize(
    "text",
    [
        "Viel ist noch nicht zu bemerken. Die – zugegeben reichlich späte – Reform kommt. " + BODY,
        "Trump ist prominent – und das spielt im Wahlkampf eine Rolle. " + BODY,
        "Die Ausstellung endet am 3. Oktober – Danach wird umgebaut. " + BODY,
    ],
)
def test_clean_no_false_dateline(text: str) -> None:
    article = _clean(text)
    assert article.places == []
    assert article.clean_text == text.strip()


@pytest.mark.parametrize(
    "text,clean_text,source,date",
    [
        (BODY + " Die Hilfe muss fortgesetzt werden\", sagte Landsbergis./awe/DP/stw",
         BODY + " Die Hilfe muss fortgesetzt werden\", sagte Landsbergis.", None, None),
        (BODY + " (dpa, Reuters)", BODY, "dpa, Reuters", None),
        (BODY + "\n\n(APA)", BODY, "APA", None),
        (BODY + " (APA, 11.9.2015)", BODY, "APA", "2015-09-11"),
        (BODY + " (dpa, 3.2.2022)", BODY, "dpa", "2022-02-03"),
        (BODY + " red, APA, 12.3.2016", BODY, "APA", "2016-03-12"),
        (BODY + " (Renate Graber, 10.5.2016)", BODY, None, "2016-05-10"),
        (BODY + " (APA/red – 8.8. 2015)", BODY, "APA", "2015-08-08"),
        (BODY + " (APA, 30.9.3015)", BODY, "APA", None),
        (BODY + " Es fehlen: Grgic (nach Kreuzbandriss)", BODY + " Es fehlen: Grgic (nach Kreuzbandriss)", None, None),
    ],
)
def test_clean_signoffs(text: str, clean_text: str, source: str | None, date: str | None) -> None:
    article = _clean(text)
    assert (article.clean_text, article.source, article.date) == (clean_text, source, date)


def test_clean_known_date_is_kept() -> None:
    article = _clean(" date 2022-03 " + BODY + " (APA, 11.9.2015)")
    assert article.date == "2022-03"


@pytest.mark.parametrize(
    "noise",
    [
        "Jetzt weiterlesen! !",
        "Für 0,59 € können Sie diesen Artikel erwerben.",
        "Sie sind bereits Kunde?",
        "Jetzt abonnieren",
        "Artikel kaufen",
        "Anmelden",
        "Teilen | Drucken | Kommentieren",
        "Facebook Twitter WhatsApp E-Mail",
        "Wir verwenden Cookies, um Ihnen ein besseres Angebot zu machen. Akzeptieren",
        "Jetzt unseren kostenlosen Newsletter abonnieren!",
        "Am Mittwoch besuchte der Präsident die Ukraine – um anschließend aufzubrechen\u00a0 Foto: AFP/Präsidialbüro",
        "Soldaten bei einer Übung in Litauen. Bild: Reuters/Ints Kalnins",
        "Soldaten bei einer Übung (Foto: dpa)",
        "Foto: APA/Hans Punz",
        "© dpa-infocom, dpa:220629-99-850447/3",
        "Lesen Sie auch: Nato stockt Eingreiftruppe auf",
        "Portal:Georgien",
    ],
)
def test_clean_boilerplate_lines(noise: str) -> None:
    article = _clean(f"Nato verstärkt Ostflanke\n\n{noise}\n\n{BODY}")
    assert article.clean_text == f"Nato verstärkt Ostflanke\n\n{BODY}"


@pytest.mark.parametrize(
    "line",
    [
        "Links der Straße standen Dutzende Panzer, sagte ein Augenzeuge.",
        "Für 20 Euro im Monat bekommen Familien einen Zuschuss.",
        "Das Foto zeigt einen Konvoi auf dem Weg nach Polen.",
        "Die Regierung will Cookies in Zukunft strenger regeln.",
    ],
)
def test_clean_keeps_content_lines(line: str) -> None:
    assert _clean(f"{BODY}\n\n{line}").clean_text == f"{BODY}\n\n{line}"


@pytest.mark.parametrize("heading", ["Quellen", "Einzelnachweise", "Themenverwandte Artikel", "Weblinks:", "== Quellen ==", "=== Weblinks ==="])
def test_clean_drops_end_matter(heading: str) -> None:
    # a wiki article's source list repeats other headlines, which would read as its events
    text = (f"Nato verstärkt Ostflanke\n\nBerlin (Deutschland), 07.02.2010 – {BODY}\n\n{heading}\n"
            " Spiegel Online: „Regierung stockt Afghanistan-Kontingent auf“ (07.02.2010)\n")
    article = _clean(text)
    assert article.clean_text == f"Nato verstärkt Ostflanke\n\n{BODY}"
    assert article.date == "2010-02-07"


@pytest.mark.parametrize("text", [
    "Quellen\n\n" + BODY,  # a headline of that word is no end matter
    BODY + "\n\nQuellen zufolge sollen weitere Soldaten folgen.",  # a sentence, not a heading
])
def test_clean_keeps_text_that_is_no_end_matter(text: str) -> None:
    assert _clean(text).clean_text == text


def test_clean_repeated_headline_kept_once() -> None:
    text = (
        "Ukraine-KriegUS-Soldaten sollen dauerhaft an die NATO-Ostflanke,\u00a0Russland droht mit „Ausgleichsmaßnahmen“\n\n"
        "Ukraine-Krieg / US-Soldaten sollen dauerhaft an die NATO-Ostflanke,\u00a0Russland droht mit „Ausgleichsmaßnahmen“\n"
        + BODY
    )
    assert _clean(text).clean_text == (
        "Ukraine-Krieg / US-Soldaten sollen dauerhaft an die NATO-Ostflanke,\u00a0Russland droht mit "
        "„Ausgleichsmaßnahmen“\n" + BODY
    )


@pytest.mark.parametrize(
    "text,clean_text",
    [
        ("Titel\r\n\r\n\r\n" + BODY + "  \n", "Titel\n\n" + BODY),
        ("Russland droht mit\u00a0„Ausgleichsmaßnahmen“\n\n" + BODY, "Russland droht mit\u00a0„Ausgleichsmaßnahmen“\n\n" + BODY),
        ("Die Nato  verlegt\tweitere Soldaten. " + BODY, "Die Nato verlegt weitere Soldaten. " + BODY),
        ("Die Nato verlegt weitere Soldaten an die\nOstflanke, sagte er. " + BODY,
         "Die Nato verlegt weitere Soldaten an die\nOstflanke, sagte er. " + BODY),
        ("Die Nato verlegt weitere Soldaten an\ndie Ostflanke, sagte er,\nals er ankam. " + BODY,
         "Die Nato verlegt weitere Soldaten an die Ostflanke, sagte er, als er ankam. " + BODY),
        ("Ver\u00adlegung weiterer Sol\u200bdaten. " + BODY, "Verlegung weiterer Soldaten. " + BODY),
    ],
)
def test_clean_whitespace_and_paragraphs(text: str, clean_text: str) -> None:
    assert _clean(text).clean_text == clean_text


@pytest.mark.parametrize(
    "text,message",
    [
        (
            "The United States will send another 400 troops to Lithuania, Secretary of State Antony Blinken "
            "said on Monday after meeting his counterpart in Vilnius. The troops will arrive in the coming days.",
            "Article is not German (detected language 'en', score {score}); only German-language articles are processed.",
        ),
        (
            "Les États-Unis vont envoyer 400 soldats supplémentaires en Lituanie, a annoncé lundi le secrétaire "
            "d'État Antony Blinken après une rencontre avec son homologue à Vilnius.",
            "Article is not German (detected language 'fr', score {score}); only German-language articles are processed.",
        ),
        ("Jetzt weiterlesen!\n\nSie sind bereits Kunde?\n\nFoto: dpa", "No article text is left after removing boilerplate."),
        # Issue 8, defect 8: no words, short non-German text and Chinese were stored as German.
        (".", "Article has no words (only digits, punctuation or symbols); only German-language articles are processed."),
        ("123", "Article has no words (only digits, punctuation or symbols); only German-language articles are processed."),
        ("\U0001F600\U0001F600 \U0001F44D", "Article has no words (only digits, punctuation or symbols); only German-language articles are processed."),
        ("asdf qwer", "Article is not German (detected language 'en', score {score}); only German-language articles are processed."),
        ("美国向波罗的海国家派遣了军队。", "Article is not German (detected language 'zh', score {score}); only German-language articles are processed."),
    ],
)
def test_clean_rejects_article(text: str, message: str) -> None:
    with pytest.raises(ArticleError) as info:
        _clean(text)
    assert info.value.stage == "clean"
    prefix = message.split("{score}")[0]
    assert info.value.message.startswith(prefix)
    assert info.value.message.endswith(message.split("{score}")[-1])


@pytest.mark.parametrize("text", ["Merkel trifft Putin.", "Soldaten nach Polen", "Bundeswehr übt in Litauen"])
def test_clean_keeps_short_german(text: str) -> None:
    assert _clean(text).clean_text == text


@pytest.mark.parametrize(
    "stamp,iso",
    [("11.9.2015", "2015-09-11"), ("13.02.16", "2016-02-13"), ("8.8. 2015", "2015-08-08"), ("31.2.2016", None), (None, None)],
)
def test_clean_parse_stamp_date(stamp: str | None, iso: str | None) -> None:
    assert parse_stamp_date(stamp) == iso


def test_clean_seed_articles() -> None:
    articles = {a.doc_id: clean(a) for a in iter_articles([str(SEEDS)]) if isinstance(a, Article)}
    seed0 = articles["000_82da7f612d3910dc"]
    assert (seed0.date, seed0.places, seed0.source) == ("2022-03", ["Vilnius", "Riga"], "dpa-AFX")
    assert seed0.clean_text.endswith('Die Hilfe für die Ukraine muss fortgesetzt werden", sagte Landsbergis.')
    seed1 = articles["001_569844d6595051de"]
    assert seed1.source == "dpa, Reuters"
    for noise in ("Jetzt weiterlesen", "0,59 €", "bereits Kunde", "Foto:", "Ukraine-KriegUS"):
        assert noise not in seed1.clean_text
    assert seed1.clean_text.startswith("Ukraine-Krieg / US-Soldaten sollen dauerhaft")


def test_clean_is_fast() -> None:
    articles = [a for a in iter_articles([str(SEEDS)]) if isinstance(a, Article)] * 20
    clean(Article(doc_id="warm", text=BODY))
    started = time.perf_counter()
    for article in articles:
        clean(Article(doc_id=article.doc_id, text=article.text))
    assert time.perf_counter() - started < 2.0  # 100 articles; about 0.2 s on the project machine


@pytest.mark.parametrize(("text", "title"), [
    ("USA schicken 2.000 Soldaten nach Europa\n\nIn der Ukraine-Krise schickt Biden Soldaten nach Polen.",
     "USA schicken 2.000 Soldaten nach Europa"),
    ("18 Menschen verschleppt. Kabul – Nach einem Absturz haben Sicherheitskräfte am Mittwoch versucht, "
     "die Insassen zu befreien.", "18 Menschen verschleppt."),
    ("Die Nato verlegt Soldaten nach Litauen.\n\nDas teilte das Bündnis am Montag mit.", None),
    ("Brüssel (dpa) - Die Nato verlegt Soldaten nach Litauen. Das teilte das Bündnis mit.", None),
    ("Die Nato verlegt Soldaten nach Litauen", None),  # nothing after it: a text, not a headline
])
def test_clean_headline_becomes_title(text: str, title: str | None) -> None:
    assert clean(Article(doc_id="x", text=text)).title == title


def test_clean_keeps_a_given_title() -> None:
    article = Article(doc_id="x", text="Neue Überschrift\n\nDie Nato verlegt Soldaten.", title="Gegeben")
    assert clean(article).title == "Gegeben"

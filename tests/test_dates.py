"""Tests for lagebild.recognize.dates: German time expressions resolved against the document date."""

from __future__ import annotations

import pytest

from lagebild.recognize import InvalidDate, RecognitionError
from lagebild.recognize.dates import find_dates, is_date, parse_date, precision, resolve_weekday

# 2022-03-08 is a Tuesday; 2022-02-24 a Thursday.
# (sentence, doc_date, text, value, kind) of the FIRST expression found.
DATES = [
    ("Er sagte am Montag nach einem Treffen.", "2022-03", "am Montag", "2022-03", "weekday"),
    ("Er sagte am Montag nach einem Treffen.", "2022-03-08", "am Montag", "2022-03-07", "weekday"),
    ("Er sagte am Dienstag in Vilnius.", "2022-03-08", "am Dienstag", "2022-03-08", "weekday"),
    ("Er sagte am Mittwoch in Vilnius.", "2022-03-08", "am Mittwoch", "2022-03-02", "weekday"),
    ("Er sagte am Montag nach einem Treffen.", "2022", "am Montag", "2022", "weekday"),
    ("Er sagte am Montag nach einem Treffen.", None, "am Montag", None, "weekday"),
    ("Die Soldaten kamen in der Nacht zum Donnerstag an.", "2022-02-24", "in der Nacht zum Donnerstag", "2022-02-24", "weekday"),
    ("Die Soldaten kamen in der Nacht zum Donnerstag an.", "2022-02", "in der Nacht zum Donnerstag", "2022-02", "weekday"),
    ("Kiew berichtete am Mittwochabend von 144 Soldaten.", "2022-03-08", "am Mittwochabend", "2022-03-02", "weekday"),
    ("Mittwochabend kam es zum Austausch.", "2022-03-08", "Mittwochabend", "2022-03-02", "weekday"),
    ("Das Treffen fand Freitagnachmittag statt.", "2022-03-08", "Freitagnachmittag", "2022-03-04", "weekday"),
    ("An diesem Freitagnachmittag werden die Staatschefs zusammenkommen.", "2022-03-08", "An diesem Freitagnachmittag", "2022-03-11", "weekday"),
    ("An diesem Freitagnachmittag werden die Staatschefs zusammenkommen.", "2022-02", "An diesem Freitagnachmittag", "2022-02", "weekday"),
    ("Die Minister treffen sich am kommenden Montag.", "2022-03-08", "am kommenden Montag", "2022-03-14", "weekday"),
    ("Das geschah am vergangenen Dienstag.", "2022-03-08", "am vergangenen Dienstag", "2022-03-01", "weekday"),
    ("Das Verbot gilt seit Montag.", "2022-03-08", "seit Montag", "2022-03-07", "since"),
    ("Wie heute berichtet wurde, kamen Soldaten an.", "2022-03-08", "heute", "2022-03-08", "relative"),
    ("Wie heute berichtet wurde, kamen Soldaten an.", "2022-03", "heute", "2022-03", "relative"),
    ("Er kam gestern an.", "2022-03-01", "gestern", "2022-02-28", "relative"),
    ("Er kam vorgestern an.", "2022-03-08", "vorgestern", "2022-03-06", "relative"),
    ("Er will morgen telefonieren.", "2022-03-08", "morgen", "2022-03-09", "relative"),
    ("Er will übermorgen telefonieren.", "2022-12-31", "übermorgen", "2023-01-02", "relative"),
    ("Er sprach heute Morgen mit Putin.", "2022-03-08", "heute Morgen", "2022-03-08", "relative"),
    ("Vergangene Woche kam er an.", "2022-03-16", "Vergangene Woche", "2022-03", "relative"),
    ("Vergangene Woche kam er an.", "2022-03-08", "Vergangene Woche", "2022", "relative"),
    ("In der vergangenen Woche kam er an.", "2022-03", "In der vergangenen Woche", "2022-03", "relative"),
    ("In den kommenden Tagen sollen Soldaten ankommen.", "2022-03", "In den kommenden Tagen", "2022-03", "vague"),
    ("Es wird in den nächsten Tagen und Wochen mehr Kräfte geben.", "2022-02", "in den nächsten Tagen und Wochen", "2022-02", "vague"),
    ("Es sind derzeit 500 Soldaten dort.", "2022-03-08", "derzeit", "2022-03-08", "vague"),
    ("In Lettland sind inzwischen Truppen eingetroffen.", "2022-02", "inzwischen", "2022-02", "vague"),
    ("In den vergangenen Monaten stieg die Zahl.", "2022-06-30", "In den vergangenen Monaten", "2022", "vague"),
    ("In den vergangenen Jahren stieg die Zahl.", "2022-06-30", "In den vergangenen Jahren", None, "vague"),
    ("Die Tagung fand im Jänner statt.", "2022-03", "im Jänner", "2022-01", "month"),
    ("Die Tagung fand im Januar statt.", "2022-03-08", "im Januar", "2022-01", "month"),
    ("Die Tagung fand im Feber statt.", "2022-03-08", "im Feber", "2022-02", "month"),
    ("Die Tagung fand im Dezember statt.", "2022-02", "im Dezember", "2021-12", "month"),
    ("Die Tagung soll im Dezember stattfinden.", "2022-02", "im Dezember", "2022-12", "month"),
    ("Der Gipfel soll im Jänner stattfinden.", "2022-11-10", "im Jänner", "2023-01", "month"),
    # reported speech: the future cue in Konjunktiv I
    ("Deutschland werde erst im Januar entscheiden, sagte er.", "2009-12-04", "im Januar", "2010-01", "month"),
    ("Die Regierung wolle im Februar neue Gespräche führen.", "2009-12-04", "im Februar", "2010-02", "month"),
    ("Er kam Anfang März an.", "2022-03-08", "Anfang März", "2022-03", "month"),
    ("Er kam Mitte März an.", "2022-04", "Mitte März", "2022-03", "month"),
    ("Er kam Ende März an.", "2022-04", "Ende März", "2022-03", "month"),
    ("Das Gesetz gilt seit Februar.", "2022-03-08", "seit Februar", "2022-02", "since"),
    ("Er kam im März 2021 an.", "2022-03-08", "im März 2021", "2021-03", "month"),
    ("Er kam im März 2021 an.", None, "im März 2021", "2021-03", "month"),
    ("Die Wahl im August 2015 war knapp.", None, "im August 2015", "2015-08", "month"),
    ("Die USA verlegen seit 2014 Einheiten.", "2022-03", "seit 2014", "2014", "since"),
    ("Russland bot im vergangenen Jahr Gespräche an.", "2022-06-29", "im vergangenen Jahr", "2021", "relative"),
    ("Der Umsatz stieg im Vorjahr.", "2022-03", "im Vorjahr", "2021", "relative"),
    ("Letztes Jahr war alles anders.", "2022", "Letztes Jahr", "2021", "relative"),
    ("Insgesamt sind in diesem Jahr 13.700 Soldaten eingemeldet.", "2022-02", "in diesem Jahr", "2022", "relative"),
    ("Heuer wird mehr ausgegeben.", "2016-05-12", "Heuer", "2016", "relative"),
    ("Der Umsatz sank im vergangenen Monat.", "2022-01-15", "im vergangenen Monat", "2021-12", "relative"),
    ("Das steht in der Grundakte von 1997.", "2022-06", "von 1997", "1997", "year"),
    ("Das war im Jahr 1997 so.", None, "im Jahr 1997", "1997", "year"),
    ("2014 annektierte Russland die Krim.", None, "2014", "2014", "year"),
    ("Der Krieg begann am 24. Februar 2022.", None, "am 24. Februar 2022", "2022-02-24", "explicit"),
    ("Er kam am 3. März an.", "2022-06", "am 3. März", "2022-03-03", "explicit"),
    ("Er kam am 3. März an.", None, "am 3. März", None, "explicit"),
    ("Das Datum 24.02.2022 ist bekannt.", None, "24.02.2022", "2022-02-24", "explicit"),
    ("Das Abkommen vom 11.9.2015 gilt.", None, "vom 11.9.2015", "2015-09-11", "explicit"),
    ("Das war vor zwei Wochen.", "2022-03-08", "vor zwei Wochen", "2022-02-22", "relative"),
    ("Das war vor drei Tagen.", "2022-03-08", "vor drei Tagen", "2022-03-05", "relative"),
    ("Das war vor drei Tagen.", "2022-03", "vor drei Tagen", "2022-03", "relative"),
    ("Der Krieg begann vor mehr als vier Monaten.", "2022-07-01", "vor mehr als vier Monaten", "2022", "relative"),
    ("Der Krieg begann vor vier Monaten.", "2022-07-01", "vor vier Monaten", "2022-03", "relative"),
    ("Das war vor zwei Jahren.", "2022-03", "vor zwei Jahren", "2020", "relative"),
    ("Das war vor einem Jahr.", "2022", "vor einem Jahr", "2021", "relative"),
    ("Das Stahlwerk hielt bis vor einigen Wochen stand.", "2022-06-29", "vor einigen Wochen", "2022", "relative"),
]


@pytest.mark.parametrize("sentence,doc_date,text,value,kind", DATES)
def test_dates_find(sentence: str, doc_date: str | None, text: str, value: str | None, kind: str) -> None:
    found = find_dates(sentence, doc_date=doc_date)[0]
    assert (found.text, found.value, found.kind) == (text, value, kind)
    assert sentence[found.start : found.end] == found.text


@pytest.mark.parametrize(
    "sentence",
    [
        "Die USA schicken Soldaten.",
        "Mi Die Do Fr Sa So: keine Wochentage.",
        "Er sagte Di. und Mi. nichts.",
        "Am Morgen kamen die Soldaten.",
        "USA schicken 2000 Soldaten nach Europa.",
        "Es kamen 2.000 Soldaten und 13.700 Reservisten.",
        "August Bebel war ein Politiker.",
        "Die 2. Division wurde verlegt.",
        "Die Partei erhielt 18 Prozent.",
    ],
)
def test_dates_not_dates(sentence: str) -> None:
    assert find_dates(sentence, doc_date="2022-03-08") == []


def test_dates_several_in_order() -> None:
    found = find_dates(
        "In den kommenden Tagen sollen 400 Soldaten ankommen, sagte er am Montag.", doc_date="2022-03-08"
    )
    assert [(d.text, d.value, d.kind) for d in found] == [
        ("In den kommenden Tagen", "2022-03-08", "vague"),
        ("am Montag", "2022-03-07", "weekday"),
    ]


@pytest.mark.parametrize(
    "weekday,doc_date,direction,expected",
    [
        (0, "2022-03-08", "past", "2022-03-07"),
        (1, "2022-03-08", "past", "2022-03-08"),
        (1, "2022-03-08", "before", "2022-03-01"),
        (4, "2022-03-08", "future", "2022-03-11"),
        (1, "2022-03-08", "future", "2022-03-08"),
        (6, "2022-03-01", "past", "2022-02-27"),
        (0, "2022-03", "past", "2022-03"),
        (0, "2022", "past", "2022"),
        (0, None, "past", None),
    ],
)
def test_dates_resolve_weekday(weekday: int, doc_date: str | None, direction: str, expected: str | None) -> None:
    assert resolve_weekday(weekday, doc_date, direction=direction) == expected


@pytest.mark.parametrize(
    "value,expected", [("2022", "year"), ("2022-03", "month"), ("2022-03-07", "day")]
)
def test_dates_precision(value: str, expected: str) -> None:
    assert precision(value) == expected


@pytest.mark.parametrize("value", ["", "22", "2022-3", "2022/03/07", "März 2022", "2022-03-07T10:00"])
def test_dates_precision_rejects(value: str) -> None:
    with pytest.raises(InvalidDate):
        precision(value)


@pytest.mark.parametrize(
    "text,doc_date,expected",
    [
        ("am Montag", "2022-03-08", "2022-03-07"),
        ("im Dezember", "2022-02-10", "2021-12"),
        ("3. März 2022", None, "2022-03-03"),
        ("seit 2014", None, "2014"),
        ("heuer", "2016-05", "2016"),
    ],
)
def test_dates_parse(text: str, doc_date: str | None, expected: str) -> None:
    assert parse_date(text, doc_date=doc_date) == expected
    assert is_date(text, doc_date=doc_date)


@pytest.mark.parametrize(
    "text,doc_date",
    [
        ("Die Soldaten", None),
        ("", None),
        ("am Montag", None),
        ("am Montag und am Dienstag", "2022-03-08"),
        ("31.02.2022", None),
        ("Mi", "2022-03-08"),
    ],
)
def test_dates_parse_rejects(text: str, doc_date: str | None) -> None:
    with pytest.raises(InvalidDate):
        parse_date(text, doc_date=doc_date)
    assert not is_date(text, doc_date=doc_date)


@pytest.mark.parametrize("doc_date", ["2022-13", "2022-02-30", "März", "22-03-01"])
def test_dates_bad_doc_date_raises(doc_date: str) -> None:
    with pytest.raises(InvalidDate):
        find_dates("am Montag", doc_date=doc_date)


def test_dates_error_is_recognition_error() -> None:
    assert issubclass(InvalidDate, RecognitionError)
    assert issubclass(InvalidDate, ValueError)


@pytest.mark.parametrize("junk", ["", "€", "😀 am Montag 😀", "3²", "ⅷ", "x" * 100_000, "am Montag. " * 5000])
def test_dates_robust_on_junk(junk: str) -> None:
    found = find_dates(junk, doc_date="2022-03-08")
    assert all(junk[d.start : d.end] == d.text for d in found)
    assert all(d.value in (None, "2022-03-07") for d in found)

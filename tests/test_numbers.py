"""Tests for lagebild.recognize.numbers: German numbers, counted quantities, changes."""

from __future__ import annotations

import pytest

from lagebild.recognize import InvalidNumber, RecognitionError
from lagebild.recognize.numbers import find_changes, find_quantities, is_number, parse_number, unit_of


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2.000", 2000),
        ("100.000", 100000),
        ("13.700", 13700),
        ("0,59", 0.59),
        ("7000", 7000),
        ("1.000,50", 1000.5),
        ("1,5 Millionen", 1500000),
        ("500 Millionen", 500000000),
        ("1,5 Milliarden", 1500000000),
        ("2,3 Mio.", 2300000),
        ("zwei", 2),
        ("Zwei", 2),
        ("vierhundert", 400),
        ("einhundertvierundvierzig", 144),
        ("zweieinhalb", 2.5),
        ("eineinhalb", 1.5),
        ("anderthalb", 1.5),
        ("eine Million", 1000000),
        ("zwei Millionen", 2000000),
        ("Dutzend", 12),
        ("zwei Dutzend", 24),
        ("zwölf", 12),
    ],
)
def test_numbers_parse(text: str, expected: int | float) -> None:
    value = parse_number(text)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    "text", ["", "   ", "Soldaten", "junk", "ein", "Tausende", "2.5", "12.3", "zwei drei vier", "€", "3²"]
)
def test_numbers_parse_junk_raises(text: str) -> None:
    with pytest.raises(InvalidNumber):
        parse_number(text)
    assert not is_number(text)


def test_numbers_error_is_recognition_error() -> None:
    assert issubclass(InvalidNumber, RecognitionError)
    assert issubclass(InvalidNumber, ValueError)


@pytest.mark.parametrize("junk", [None, 0, 3.5, ["2"]])
def test_numbers_is_number_non_strings(junk: object) -> None:
    assert is_number(junk) is False  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "noun,unit",
    [
        ("US-Soldaten", "soldiers"),
        ("Kampfjets", "aircraft"),
        ("Kriegsgefangene", "prisoners"),
        ("Flugzeugträger", "ships"),
        ("U-Boote", "ships"),
        ("Schützenpanzer", "vehicles"),
        ("Flugabwehrraketen", "weapons"),
        ("Arbeitskräfte", "people"),
        ("Kräfte", "soldiers"),
        ("Mann", "soldiers"),
        ("Kaufmann", None),
        ("Termine", None),
        ("Baltenstaaten", None),
        ("US-Dollar", "money_usd"),
    ],
)
def test_numbers_unit_of(noun: str, unit: str | None) -> None:
    assert unit_of(noun) == unit


# (sentence, text, value, qualifier, unit, head) of the FIRST quantity found.
QUANTITIES = [
    ("Die USA hatten rund 7000 weitere Soldaten nach Europa verlegt.", "rund 7000 weitere Soldaten", 7000, "approx", "soldiers", "Soldaten"),
    ("Dann sollen zusätzliche 400 Soldaten in Litauen ankommen.", "400 Soldaten", 400, "exact", "soldiers", "Soldaten"),
    ("Derzeit sind etwa 500 US-Soldaten in Litauen stationiert.", "etwa 500 US-Soldaten", 500, "approx", "soldiers", "US-Soldaten"),
    ("Mehr als 100.000 US-Soldaten sind in Europa.", "Mehr als 100.000 US-Soldaten", 100000, "at_least", "soldiers", "US-Soldaten"),
    ("Es sollen mehr als 300 US-Soldaten verlegt werden.", "mehr als 300 US-Soldaten", 300, "at_least", "soldiers", "US-Soldaten"),
    ("Zwei zusätzliche Geschwader mit F-35-Kampfjets würden entsandt.", "Zwei zusätzliche Geschwader", 2, "exact", "units", "Geschwader"),
    ("Beide Seiten haben knapp 300 Gefangene ausgetauscht.", "knapp 300 Gefangene", 300, "approx", "prisoners", "Gefangene"),
    ("Kiew berichtete von 144 ukrainischen Soldaten, die frei seien.", "144 ukrainischen Soldaten", 144, "exact", "soldiers", "Soldaten"),
    ("Ein Kontingent von etwa 40 amerikanischen Soldaten kam an.", "etwa 40 amerikanischen Soldaten", 40, "approx", "soldiers", "Soldaten"),
    ("Biden schickt Tausende Soldaten nach Osteuropa.", "Tausende Soldaten", None, "at_least", "soldiers", "Soldaten"),
    ("Es sind rund 13.700 deutsche Soldaten eingemeldet.", "rund 13.700 deutsche Soldaten", 13700, "approx", "soldiers", "Soldaten"),
    ("Deutschland stellt derzeit rund 750 Kräfte.", "rund 750 Kräfte", 750, "approx", "soldiers", "Kräfte"),
    ("Die EU sagte 500 Millionen Euro zu.", "500 Millionen Euro", 500000000, "exact", "money_eur", "Euro"),
    ("Washington gibt 1,5 Milliarden Dollar Militärhilfe.", "1,5 Milliarden Dollar", 1500000000, "exact", "money_usd", "Dollar"),
    ("Bei dem Angriff gab es mindestens 20 Tote.", "mindestens 20 Tote", 20, "at_least", "killed", "Tote"),
    ("Am Montag wurden zwölf Menschen getötet.", "zwölf Menschen", 12, "exact", "killed", "Menschen"),
    ("Dabei wurden fünf Zivilisten schwer verletzt.", "fünf Zivilisten", 5, "exact", "injured", "Zivilisten"),
    ("1.000 bereits in Deutschland stationierte US-Soldaten sollen verlegt werden.", "1.000 bereits in Deutschland stationierte US-Soldaten", 1000, "exact", "soldiers", "US-Soldaten"),
    ("USA schicken 2.000 Soldaten nach Europa", "2.000 Soldaten", 2000, "exact", "soldiers", "Soldaten"),
    ("Die Ukraine erhält bis zu 50 Kampfpanzer.", "bis zu 50 Kampfpanzer", 50, "at_most", "vehicles", "Kampfpanzer"),
    ("Litauen liefert höchstens 100 Stinger-Flugabwehrraketen.", "höchstens 100 Stinger-Flugabwehrraketen", 100, "at_most", "weapons", "Stinger-Flugabwehrraketen"),
    ("Russland verlegt ca. 30 Kriegsschiffe ins Schwarze Meer.", "ca. 30 Kriegsschiffe", 30, "approx", "ships", "Kriegsschiffe"),
    ("Es kamen weniger als 200 Flüchtlinge an.", "weniger als 200 Flüchtlinge", 200, "at_most", "people", "Flüchtlinge"),
    ("Die Nato schickt über 40 Kampfjets.", "über 40 Kampfjets", 40, "at_least", "aircraft", "Kampfjets"),
    ("Das Land verlegte mehrere Tausend Soldaten an die Grenze.", "mehrere Tausend Soldaten", None, "at_least", "soldiers", "Soldaten"),
    ("Es wurden 144 prorussischen und russischen Kämpfern freigelassen.", "144 prorussischen und russischen Kämpfern", 144, "exact", "soldiers", "Kämpfern"),
    ("Moskau zog 5.000 Mann ab.", "5.000 Mann", 5000, "exact", "soldiers", "Mann"),
    ("Ägypten sprach von acht getöteten Mexikanern.", "acht getöteten Mexikanern", 8, "exact", "killed", "Mexikanern"),
    ("Die Polizei hat mehr als zehn Teilnehmer festgenommen.", "mehr als zehn Teilnehmer", 10, "at_least", "prisoners", "Teilnehmer"),
    ("Alle drei Baltenstaaten grenzen an Russland.", "drei Baltenstaaten", 3, "exact", None, "Baltenstaaten"),
    ("Die Kosten betragen fast 1.800 Euro.", "fast 1.800 Euro", 1800, "approx", "money_eur", "Euro"),
    ("Polen kauft 250 US-amerikanische Abrams-Panzer.", "250 US-amerikanische Abrams-Panzer", 250, "exact", "vehicles", "Abrams-Panzer"),
    ("Hunderte Flüchtlinge überrannten die Absperrungen.", "Hunderte Flüchtlinge", None, "at_least", "people", "Flüchtlinge"),
    ("Für 0,59 € im Monat und 20 Euro im Jahr.", "20 Euro", 20, "exact", "money_eur", "Euro"),
]


@pytest.mark.parametrize("sentence,text,value,qualifier,unit,head", QUANTITIES)
def test_numbers_find_quantities(
    sentence: str, text: str, value: int | None, qualifier: str, unit: str | None, head: str | None
) -> None:
    found = find_quantities(sentence)[0]
    assert (found.text, found.value, found.qualifier, found.unit, found.head) == (text, value, qualifier, unit, head)
    assert sentence[found.start : found.end] == found.text


@pytest.mark.parametrize(
    "sentence",
    [
        "Die USA verlegen seit 2014 im Rotationsverfahren Einheiten.",
        "Das steht in der Grundakte von 1997.",
        "Im Jahr 2022 änderte sich das.",
        "Das war am 3. März.",
        "Das Abkommen vom 11.9.2015 gilt.",
        "Die 2. Division wurde verlegt.",
        "Soldaten des fünften US-Korps kamen an.",
        "Das Treffen beginnt um 10 Uhr.",
        "Die Partei erhielt 18 Prozent.",
        "Die Türkei kaufte das S-400-System und F-35-Jets, keine T-72.",
        "Washington ist dem Artikel 5 des Nato-Vertrags verpflichtet.",
        "Der 74-Jährige sieht keine Möglichkeit.",
        "Der Krieg dauert seit vier Monaten.",
        "Die Tagung dauerte rund vier Stunden.",
        "Die erste Tagung seit zweieinhalb Jahren.",
        "Die Front ist 500 Kilometer lang.",
        "Die Tore fielen in der 65. und 86. Minute.",
        "Ein Staat kann eine Rolle spielen.",
        "Er sah Modeste (65) und Jojic (68) im Spiel.",
        "Der Verein erhält einen 500-Millionen-Dollar-Kredit.",
        "Das gilt ab dem Mercedes F 015.",
        "Das gilt für zwei Drittel der Bevölkerung.",
        "Die Regierung bleibt außer Acht.",
    ],
)
def test_numbers_not_quantities(sentence: str) -> None:
    assert find_quantities(sentence) == []


def test_numbers_several_quantities_in_order() -> None:
    found = find_quantities("Mehr als 100.000 US-Soldaten sind in Europa, davon mehr als 300 US-Soldaten in Polen.")
    assert [(q.start, q.end, q.value, q.qualifier) for q in found] == [
        (0, 28, 100000, "at_least"),
        (51, 75, 300, "at_least"),
    ]


def test_numbers_headless_count_has_no_unit() -> None:
    found = find_quantities("Wiederum 43 von ihnen sollen dem Regiment angehören.")
    assert [(q.text, q.value, q.unit, q.head) for q in found] == [("43", 43, None, None)]


# (sentence, text, from, to, delta, qualifier, unit, to_qualifier)
CHANGES = [
    ("In Spanien werde die Zahl der US-Zerstörer von vier auf sechs erhöht.", "von vier auf sechs", 4, 6, 2, "exact", "ships", "exact"),
    ("Die USA haben die Zahl ihrer Soldaten in Europa um rund 20.000 auf mehr als 100.000 erhöht.", "um rund 20.000 auf mehr als 100.000", None, 100000, 20000, "approx", "soldiers", "at_least"),
    ("Die Truppen werden um 3.000 auf 10.000 reduziert.", "um 3.000 auf 10.000", None, 10000, -3000, "exact", "soldiers", "exact"),
    ("Russland will seine Truppen um 5.000 Soldaten verringern.", "um 5.000 Soldaten", None, None, -5000, "exact", "soldiers", "exact"),
    ("Die Zahl der Kampfjets sinkt von 40 auf 25.", "von 40 auf 25", 40, 25, -15, "exact", "aircraft", "exact"),
    ("Polizei und Militär würden zum Grenzschutz um 1.500 Personen verstärkt.", "um 1.500 Personen", None, None, 1500, "exact", "people", "exact"),
    ("Die Zahl der Soldaten wird von rund 500 auf 800 aufgestockt.", "von rund 500 auf 800", 500, 800, 300, "approx", "soldiers", "exact"),
]


@pytest.mark.parametrize("sentence,text,from_value,to_value,delta,qualifier,unit,to_qualifier", CHANGES)
def test_numbers_find_changes(
    sentence: str,
    text: str,
    from_value: int | None,
    to_value: int | None,
    delta: int | None,
    qualifier: str,
    unit: str | None,
    to_qualifier: str,
) -> None:
    found = find_changes(sentence)
    assert len(found) == 1
    got = found[0]
    assert (got.text, got.from_value, got.to_value, got.delta, got.qualifier, got.unit, got.to_qualifier) == (
        text, from_value, to_value, delta, qualifier, unit, to_qualifier,
    )
    assert sentence[got.start : got.end] == got.text


@pytest.mark.parametrize(
    "sentence",
    [
        "Die Pensionen werden um 1,2 Prozent angehoben.",
        "Die Preise stiegen von 59 auf 65 Prozent.",
        "Das Treffen beginnt um 10 Uhr.",
        "Er kämpfte um 300 Stimmen.",
        "Die USA verlegen 400 Soldaten nach Litauen.",
    ],
)
def test_numbers_not_changes(sentence: str) -> None:
    assert find_changes(sentence) == []


@pytest.mark.parametrize("junk", ["", "€", "😀 300 😀", "3²", "ⅷ", "٣٠٠ Soldaten", "x" * 100_000, "300 Soldaten. " * 5000])
def test_numbers_robust_on_junk(junk: str) -> None:
    found = find_quantities(junk)
    assert all(junk[q.start : q.end] == q.text for q in found)
    assert find_changes(junk) == []

"""Tests for lagebild.recognize.lexicon: countries, places, actors, titles and people."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from lagebild.recognize.lexicon import (
    actor_for_code,
    country_of,
    find_mentions,
    lexicon,
    lookup_place,
)

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "gnad_test_dev.csv"


def _one(text: str, surface: str):
    """The mention whose text is ``surface`` (fails if there is not exactly one)."""
    hits = [m for m in find_mentions(text) if m.text == surface]
    assert len(hits) == 1, [(m.text, m.kind) for m in find_mentions(text)]
    return hits[0]


@pytest.mark.parametrize(
    "text,surface,kind,code,codes,sector",
    [
        ("Litauen kündigt Raketenlieferungen an.", "Litauen", "country", "LTU", ["LTU"], None),
        ("Die USA verlegen Truppen.", "USA", "country", "USA", ["USA"], None),
        ("Truppen aus Weißrussland", "Weißrussland", "country", "BLR", ["BLR"], None),
        ("Soldaten aus Großbritannien", "Großbritannien", "country", "GBR", ["GBR"], None),
        ("die Vereinigten Staaten", "Vereinigten Staaten", "country", "USA", ["USA"], None),
        ("Russlands Verbündeter Belarus", "Belarus", "country", "BLR", ["BLR"], None),
        ("Politik Russlands gegenüber", "Russlands", "country", "RUS", ["RUS"], None),
        ("Holland liefert", "Holland", "country", "NLD", ["NLD"], None),
        ("Die Vertreter in Moskau", "Moskau", "capital", "RUS", ["RUS"], None),
        ("Washington sei weiterhin verpflichtet", "Washington", "capital", "USA", ["USA"], None),
        ("ein Treffen in Vilnius", "Vilnius", "capital", "LTU", ["LTU"], None),
        ("ein Treffen in Wilna", "Wilna", "capital", "LTU", ["LTU"], None),
        ("Peking warnt", "Peking", "capital", "CHN", ["CHN"], None),
        ("Stützpunkt in Adazi", "Adazi", "city", "LVA", ["LVA"], None),
        ("Kämpfe um Mariupol", "Mariupol", "city", "UKR", ["UKR"], None),
        ("Angriffe auf Charkiw", "Charkiw", "city", "UKR", ["UKR"], None),
        ("Gipfel in Madrid", "Madrid", "capital", "ESP", ["ESP"], None),
        ("nach dem russischen Angriff", "russischen", "adjective", "RUS", ["RUS"], None),
        ("Russische Panzer rollen", "Russische", "adjective", "RUS", ["RUS"], None),
        ("die US-amerikanischen Einheiten", "US-amerikanischen", "adjective", "USA", ["USA"], None),
        ("weißrussische Grenze", "weißrussische", "adjective", "BLR", ["BLR"], None),
        ("die litauische Seite", "litauische", "adjective", "LTU", ["LTU"], None),
        ("indonesischen Angaben", "indonesischen", "adjective", "IDN", ["IDN"], None),
        ("die Russen greifen an", "Russen", "demonym", "RUS", ["RUS"], None),
        ("die Litauer fürchten", "Litauer", "demonym", "LTU", ["LTU"], None),
        ("die Amerikaner liefern", "Amerikaner", "demonym", "USA", ["USA"], None),
        ("die Briten schicken", "Briten", "demonym", "GBR", ["GBR"], None),
        ("Verlegung in das Baltikum", "Baltikum", "region", None, ["EST", "LVA", "LTU"], None),
        ("den baltischen Staaten", "baltischen Staaten", "region", None, ["EST", "LVA", "LTU"], None),
        ("den Baltenstaaten zur Seite", "Baltenstaaten", "region", None, ["EST", "LVA", "LTU"], None),
        ("Stärkung der Nato-Ostflanke", "Nato-Ostflanke", "region", "NATO_EAST", ["NATO_EAST"], None),
        ("an die NATO-Ostflanke", "NATO-Ostflanke", "region", "NATO_EAST", ["NATO_EAST"], None),
        ("an die Nato-Ostgrenze", "Nato-Ostgrenze", "region", "NATO_EAST", ["NATO_EAST"], None),
        ("Soldaten nach Europa", "Europa", "region", "EUROPE", ["EUROPE"], None),
        ("Kämpfe im Donbass", "Donbass", "region", "UKR", ["UKR"], None),
        ("Annexion der Krim", "Krim", "region", "UKR", ["UKR"], None),
        ("Sanktionen, die der Westen verhängt", "der Westen", "west", "WEST", ["WEST"], None),
        ("die westlichen Staaten liefern", "westlichen Staaten", "west", "WEST", ["WEST"], None),
        ("Die Nato schließt aus", "Nato", "igo", "NATO", ["NATO"], "IGO"),
        ("Die NATO schließt aus", "NATO", "igo", "NATO", ["NATO"], "IGO"),
        ("die Nato-Staaten beraten", "Nato-Staaten", "igo", "NATO", ["NATO"], "IGO"),
        ("im NATO-Russland-Rat", "NATO-Russland-Rat", "igo", "NATO", ["NATO"], "IGO"),
        ("die Uno warnt", "Uno", "igo", "UN", ["UN"], "IGO"),
        ("die Vereinten Nationen", "Vereinten Nationen", "igo", "UN", ["UN"], "IGO"),
        ("Beobachter der OSZE", "OSZE", "igo", "OSCE", ["OSCE"], "IGO"),
        ("die Europäische Union", "Europäische Union", "igo", "EU", ["EU"], "IGO"),
        ("Das Weiße Haus erklärte", "Weiße Haus", "body", "USA", ["USA"], "GOV"),
        ("Das Pentagon bestätigte", "Pentagon", "body", "USA", ["USA"], "MIL"),
        ("Der Kreml dementiert", "Kreml", "body", "RUS", ["RUS"], "GOV"),
        ("Die Bundeswehr verlegt", "Bundeswehr", "body", "DEU", ["DEU"], "MIL"),
        ("500 US-Soldaten", "US-Soldaten", "body", "USA", ["USA"], "MIL"),
        ("das russische Verteidigungsministerium", "russische Verteidigungsministerium", "body", "RUS", ["RUS"], "GOV"),
        ("der Abzug russischer Truppen", "russischer Truppen", "body", "RUS", ["RUS"], "MIL"),
        ("die Terrormiliz IS", "IS", "group", "IS", ["IS"], "REB"),
        ("die Huthi-Rebellen", "Huthi-Rebellen", "group", "HOUTHIS", ["HOUTHIS"], "REB"),
        ("die Freie Syrische Armee", "Freie Syrische Armee", "group", "FSA", ["FSA"], "REB"),
        ("die Volksrepublik Donezk", "Volksrepublik Donezk", "group", "DPR", ["DPR"], "REB"),
        ("syrische Rebellen", "syrische Rebellen", "group", "SYR", ["SYR"], "REB"),
        ("laut Ärzte ohne Grenzen", "Ärzte ohne Grenzen", "ngo", "NGO", ["NGO"], "NGO"),
        ("die Syrische Beobachtungsstelle für Menschenrechte", "Syrische Beobachtungsstelle für Menschenrechte", "ngo", "NGO", ["NGO"], "NGO"),
        ("wie das Wall Street Journal berichtete", "Wall Street Journal", "media", "MEDIA", ["MEDIA"], "MED"),
        ("meldete die Agentur Interfax", "Interfax", "media", "MEDIA", ["MEDIA"], "MED"),
        ("Nato-Generalsekretär sagte", "Nato-Generalsekretär", "title", "NATO", ["NATO"], "IGO"),
        ("Kremlchef sagte", "Kremlchef", "title", "RUS", ["RUS"], "GOV"),
        ("die EU-Abgeordnete sagte", "EU-Abgeordnete", "title", "EU", ["EU"], "POL"),
        ("US-Außenminister sagte", "US-Außenminister", "title", "USA", ["USA"], "GOV"),
        ("Der britische Premier sagte", "britische Premier", "title", "GBR", ["GBR"], "GOV"),
    ],
)
def test_lexicon_mentions(text, surface, kind, code, codes, sector):
    m = _one(text, surface)
    assert (m.kind, m.code, m.codes, m.sector) == (kind, code, codes, sector)
    assert text[m.start : m.end] == surface


@pytest.mark.parametrize(
    "text,surface,code,sector,name",
    [
        ("US-Außenminister Antony Blinken hat angekündigt.", "US-Außenminister Antony Blinken", "USA", "GOV", "Antony Blinken"),
        ("Der britische Premier Boris Johnson will telefonieren.", "britische Premier Boris Johnson", "GBR", "GOV", "Boris Johnson"),
        ("mit Russlands Präsident Wladimir Putin", "Russlands Präsident Wladimir Putin", "RUS", "GOV", "Wladimir Putin"),
        ("sagte Kremlchef Wladimir Putin", "Kremlchef Wladimir Putin", "RUS", "GOV", "Wladimir Putin"),
        ("sagte Generalsekretär Jens Stoltenberg in Brüssel", "Generalsekretär Jens Stoltenberg", "NATO", "IGO", "Jens Stoltenberg"),
        ("sagte der litauische Staatspräsident Gitanas Nauseda.", "litauische Staatspräsident Gitanas Nauseda", "LTU", "GOV", "Gitanas Nauseda"),
        ("Der russische UNO-Diplomat Dmitri Poljanski sagte", "russische UNO-Diplomat Dmitri Poljanski", "RUS", "GOV", "Dmitri Poljanski"),
        ("kündigt US-Präsident Biden an", "US-Präsident Biden", "USA", "GOV", "Joe Biden"),
        ("sagte Blinken zudem", "Blinken", "USA", "GOV", "Antony Blinken"),
        ("Präsident Selenskyj bat", "Präsident Selenskyj", "UKR", "GOV", "Wolodymyr Selenskyj"),
        ("Zelensky sagte", "Zelensky", "UKR", "GOV", "Wolodymyr Selenskyj"),
        ("wie Stoltenberg betonte", "Stoltenberg", "NATO", "IGO", "Jens Stoltenberg"),
        ("Außenminister Sergej Lawrow", "Außenminister Sergej Lawrow", "RUS", "GOV", "Sergej Lawrow"),
        ("ein Brief an Xi Jinping", "Xi Jinping", "CHN", "GOV", "Xi Jinping"),
        # a surname that is also a town (Santos, Brazil) after a name particle
        ("Angolas Präsident José Eduardo dos Santos sagte", "Angolas Präsident José Eduardo dos Santos", "AGO", "GOV", "José Eduardo dos Santos"),
    ],
)
def test_lexicon_person(text, surface, code, sector, name):
    m = _one(text, surface)
    assert (m.kind, m.code, m.sector, m.name) == ("person", code, sector, name)


def test_lexicon_peoples_and_regional_adjectives():
    # peoples.tsv: a region's or people's adjective and demonym code the state it belongs to
    assert (_one("uigurische Flüchtlinge", "uigurische").code) == "CHN"
    assert (_one("Die Schotten stimmten ab", "Schotten").kind, _one("Die Schotten stimmten ab", "Schotten").code) == ("demonym", "GBR")
    assert _one("Die bayerische Polizei griff ein", "bayerische Polizei").code == "DEU"
    assert not [m for m in find_mentions("Das kostet 100 Franken") if m.kind == "demonym"]  # no Franconians in Swiss money
    # a town's -er adjective names its state: regular forms from the gazetteer, irregular ones listed
    assert _one("Die Grazer Staatsanwaltschaft ermittelt", "Grazer").code == "AUT"
    assert _one("die Zürcher Staatsanwaltschaft", "Zürcher").code == "CHE"


def test_lexicon_surname_town_without_particle_stays_a_place():
    # "als Präsident Obama Chicago besuchte": a town after a full name is the object, not a surname
    m = _one("als Minister Hans Müller Graz besuchte", "Graz")
    assert (m.kind, m.code) == ("city", "AUT")


@pytest.mark.parametrize(
    "text,surface,kind,code,flags",
    [
        ("im Ukraine-Krieg", "Ukraine-Krieg", "adjective", "UKR", {"prefix", "compound"}),
        ("in der Ukraine-Krise", "Ukraine-Krise", "adjective", "UKR", {"prefix", "compound"}),
        ("die Russland-Politik", "Russland-Politik", "adjective", "RUS", {"prefix", "compound"}),
        ("eine permanente US-Truppenpräsenz", "US-Truppenpräsenz", "adjective", "USA", {"prefix", "compound"}),
        ("die US-Armee", "US-Armee", "body", "USA", set()),
        ("die Bündnis-Partner: das Bündnis", "Bündnis", "igo", "NATO", {"anaphoric"}),
        ("das Verteidigungsministerium bestätigte", "Verteidigungsministerium", "body", None, {"needs_country"}),
        ("Rebellen griffen an", "Rebellen", "group", None, {"needs_country"}),
        ("Gespräche in Brüssel", "Brüssel", "city", "BEL", {"seat:EU", "seat:NATO"}),
        ("Politik Litauens", "Litauens", "country", "LTU", {"genitive"}),
        ("die Moskauer Führung", "Moskauer Führung", "body", "RUS", set()),
    ],
)
def test_lexicon_flags(text, surface, kind, code, flags):
    m = _one(text, surface)
    assert (m.kind, m.code, set(m.flags)) == (kind, code, flags)


@pytest.mark.parametrize(
    "text,codes",
    [
        ("der russisch-ukrainische Konflikt", ["RUS", "UKR"]),
        ("die deutsch-französische Brigade", ["DEU", "FRA"]),
    ],
)
def test_lexicon_compound_adjectives(text, codes):
    (m,) = [m for m in find_mentions(text) if m.kind == "adjective"]
    assert m.codes == codes


@pytest.mark.parametrize(
    "text",
    ["Die", "In", "Er", "Haus", "Foto", "Montag", "Ende", "Lage", "Dort", "So", "Weil", "Auch", "Alle",
     "Die Lage am Montag war dort so.", "Er sagte: Das Haus steht in der Mitte.", "", "Im Westen der Stadt"],
)
def test_lexicon_no_false_positive(text):
    assert find_mentions(text) == []


@pytest.mark.parametrize(
    "name,kind,code,place,lat,lon",
    [
        ("Kiew", "capital", "UKR", "Kiew", 50.45, 30.52),
        ("Kyjiw", "capital", "UKR", "Kiew", 50.45, 30.52),
        ("Adazi", "city", "LVA", "Adazi", 57.07, 24.34),
        ("Wilna", "capital", "LTU", "Vilnius", 54.69, 25.28),
        ("Mailand", "city", "ITA", "Mailand", 45.46, 9.19),
        ("Riga", "capital", "LVA", "Riga", 56.95, 24.11),
    ],
)
def test_lexicon_lookup_place(name, kind, code, place, lat, lon):
    m = lookup_place(name)
    assert m is not None
    assert (m.kind, m.code, m.place) == (kind, code, place)
    assert (round(m.lat, 2), round(m.lon, 2)) == (lat, lon)


@pytest.mark.parametrize("name,code", [("Litauen", "LTU"), ("Polen", "POL"), ("Baltikum", None)])
def test_lexicon_lookup_place_country(name, code):
    m = lookup_place(name)
    assert m is not None and m.code == code and m.lat is None


@pytest.mark.parametrize("name", ["Die", "Haus", "Nirgendwo-Stadt", ""])
def test_lexicon_lookup_place_unknown(name):
    assert lookup_place(name) is None


@pytest.mark.parametrize(
    "code,name", [("LTU", "Litauen"), ("USA", "USA"), ("BLR", "Belarus"), ("GBR", "Großbritannien"), ("XYZ", "XYZ")]
)
def test_lexicon_country_of(code, name):
    assert country_of(code) == name


@pytest.mark.parametrize("code,expected", [("NATO", ("NATO", "IGO")), ("LTU", ("Litauen", "GOV")), ("XYZ", None)])
def test_lexicon_actor_for_code(code, expected):
    assert actor_for_code(code) == expected


def test_lexicon_offsets_sorted_and_disjoint():
    text = "US-Außenminister Antony Blinken sagte in Vilnius, die Nato werde die Baltenstaaten schützen."
    ms = find_mentions(text)
    assert [m.text for m in ms] == ["US-Außenminister Antony Blinken", "Vilnius", "Nato", "Baltenstaaten"]
    assert all(a.end <= b.start for a, b in zip(ms, ms[1:]))
    assert all(text[m.start : m.end] == m.text for m in ms)


COMMON_WORDS = {
    "Die", "Der", "Das", "In", "Er", "Sie", "Es", "Haus", "Foto", "Montag", "Dienstag", "Ende", "Lage",
    "So", "Weil", "Dort", "Auch", "Alle", "Mitte", "Man", "Zeit", "Jahr", "Land", "Stadt", "Welt",
    "Bild", "Mann", "Frau", "Kinder", "Spiel", "Sieg", "Tor", "Geld", "Arbeit", "Union", "Norden",
    "Süden", "Osten", "Westen", "Wien-Favoriten", "Martin", "Male", "Zug", "Teil", "Seite",
}


def _corpus(n: int) -> list[str]:
    """The first ``n`` article texts of the shared corpus."""
    with CORPUS.open(encoding="utf-8") as fh:
        rows = csv.reader(fh, delimiter=";", quotechar="'")
        return [row[1] for _, row in zip(range(n), rows)]


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not available")
def test_lexicon_corpus_no_common_words():
    found = {m.text for text in _corpus(200) for m in find_mentions(text)}
    assert found & COMMON_WORDS == set()
    assert {"Wien", "Österreich", "Deutschland"} <= found


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not available")
def test_lexicon_corpus_spans_are_well_formed():
    """Over 400 real articles every mention is its own text slice, spans never overlap,
    and no span starts with an article except "der Westen", which needs it to be the West
    rather than a compass point (speed is measured in benchmarks/throughput.py)."""
    for text in _corpus(400):
        mentions = find_mentions(text)
        for m in mentions:
            assert text[m.start : m.end] == m.text
            if m.kind != "west":
                assert m.text.split(" ")[0] not in {"der", "die", "das", "den", "dem", "des"}
        for a, b in zip(mentions, mentions[1:]):
            assert a.end <= b.start


def test_lexicon_sports_clubs_are_no_places():
    found = [(m.text, m.code) for m in find_mentions("Der FC Bayern schlägt Borussia Dortmund, Rapid Wien trifft auf Real Madrid. Die Nato tagt in Wien.")]
    assert found == [("Nato", "NATO"), ("Wien", "AUT")]


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [
        ("anti-chinesische Proteste in der Türkei", "anti-chinesische", "CHN"),
        ("antiamerikanische Demonstrationen", "antiamerikanische", "USA"),
        ("eine prorussische Kundgebung", "prorussische", "RUS"),
    ],
)
def test_a_stance_adjective_names_a_party_but_is_flagged(text: str, surface: str, code: str) -> None:
    """"anti-chinesisch" is about China, not China's: the mention carries the flag stance."""
    m = _one(text, surface)
    assert m.kind == "adjective" and "stance" in m.flags
    assert code in (m.codes or [m.code])


def test_words_starting_like_a_stance_are_left_alone() -> None:
    assert find_mentions("Die Proteste und das Programm der Antifa") == []


def test_demonym_before_a_name_is_a_person_of_that_state() -> None:
    """"den Franzosen Reda Kriket": a person of France; the first name, also a Polish town,
    is no place. A demonym before a place stays a demonym ("Die Franzosen haben Paris …")."""
    ms = {m.text: m for m in find_mentions("Die Behörden hatten den Franzosen Reda Kriket festgenommen.")}
    assert ms["Franzosen Reda Kriket"].kind == "person" and ms["Franzosen Reda Kriket"].code == "FRA"
    assert "Reda" not in ms
    ms = {m.text: m for m in find_mentions("Die Franzosen haben Paris verlassen.")}
    assert ms["Franzosen"].kind == "demonym" and ms["Paris"].code == "FRA"


@pytest.mark.parametrize(("text", "surface", "code"), [
    ("Die Französin protestierte.", "Französin", "FRA"),  # the feminine takes the umlaut
    ("Zwei Französinnen wurden verletzt.", "Französinnen", "FRA"),
    ("Die Russin wurde freigelassen.", "Russin", "RUS"),
    ("Drei Kanadierinnen reisten ab.", "Kanadierinnen", "CAN"),
])
def test_feminine_demonyms(text: str, surface: str, code: str) -> None:
    ms = {m.text: m for m in find_mentions(text)}
    assert ms[surface].kind == "demonym" and ms[surface].code == code


@pytest.mark.parametrize("text", ["Kredite in Schweizer Franken", "Schulden in australischen Dollar", "der Kurs der britischen Pfund"])
def test_country_adjective_before_a_currency_is_money_no_party(text: str) -> None:
    assert not [m for m in find_mentions(text) if m.kind in ("adjective", "demonym")]


@pytest.mark.parametrize(("text", "surface", "code"), [
    ("Die britische Krone besitzt das Land.", "britische", "GBR"),  # the crown, not the currency
    ("Der Vertrag mit der russischen Seite", "russischen", "RUS"),
])
def test_country_adjective_before_a_word_that_is_no_currency_stays_a_party(text: str, surface: str, code: str) -> None:
    ms = {m.text: m for m in find_mentions(text)}
    assert ms[surface].code == code


def test_country_compound_ending_in_a_currency_is_money() -> None:
    assert not find_mentions("ein Kredit über 500 US-Pfund und 300 Hongkong-Dollar")

"""The resolve stage's home country of an article (``document_focus``)."""

from lagebild.recognize.lexicon import find_mentions
from lagebild.resolve import document_focus


def _focus(sentences: list[str], dateline: list[str]) -> str | None:
    return document_focus([find_mentions(s) for s in sentences], [False] * len(sentences), dateline)


def test_the_story_country_outweighs_the_dateline() -> None:
    """A report filed from Puebla about Guatemala is about Guatemala."""
    sentences = [
        "Puebla – Erstmals muss sich in Guatemala ein amtierender Präsident vor Gericht verantworten.",
        "In Guatemala-Stadt gingen Tausende auf die Straße.",
        "Guatemalas Kongress hatte die Immunität aufgehoben.",
    ]
    assert _focus(sentences, ["MEX"]) == "GTM"


def test_the_dateline_decides_a_tie() -> None:
    sentences = ["Wien – Die Regierung berät über Frankreichs Vorschlag.", "Österreich will sparen."]
    assert _focus(sentences, ["AUT"]) == "AUT"


def test_a_general_role_word_takes_up_the_office_named_before() -> None:
    """"der Diplomat" after "den russischen Botschafter …" is the Russian ambassador, not a
    diplomat of the article's country; a specific office takes up only its own words."""
    import lagebild

    text = ("Warschau – Neuer Streit zwischen Polen und Russland: Der polnische Außenminister will am Montag "
            "den russischen Botschafter Sergej Andrejew ins Außenamt zitieren. Grund ist ein Interview, "
            "in dem der Diplomat am Freitag Warschau vorwarf, die Kontakte zu Moskau einzufrieren.")
    records = [e.to_record() for e in lagebild.extract(text)]
    accuse = [r for r in records if r["type"] == "ACCUSE" and r["actor"]["text"] == "der Diplomat"]
    assert accuse and accuse[0]["actor"]["code"] == "RUS"


def test_role_groups_by_compound_head() -> None:
    from lagebild.extract.parties import role_groups

    assert role_groups("Außenminister")[0] == {"minister"}
    assert "minister" in role_groups("Politiker")[1] and not role_groups("Politiker")[0]
    assert role_groups("Präsident")[1] == {"head_of_state"}

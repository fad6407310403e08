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

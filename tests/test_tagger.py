"""The part-of-speech tagger and lemmatiser (``lagebild.analyse.tagger``) against HanTa.

Sentences are pre-tokenised (space-separated) so that the tests do not depend on the
tokeniser. HanTa itself is the reference for the known-word sentences.
"""

from __future__ import annotations

from typing import Any

import pytest

from lagebild.analyse.tagger import Tagger, get_tagger, load_hanta, normalize


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return get_tagger()


@pytest.fixture(scope="module")
def hanta() -> Any:
    return load_hanta()


def tag_and_lemma(tagger: Tagger, sentence: str, word: str) -> tuple[str, str]:
    """The tag and lemma of ``word`` in the (space-tokenised) sentence."""
    words = sentence.split()
    tag = tagger.tag(words)[words.index(word)]
    return tag, tagger.lemma(word, tag)


KNOWN = [
    "Der Präsident hat am Dienstag in Berlin eine Rede gehalten .",
    "Die Regierung will die Truppen an der Grenze verstärken .",
    "Russland hat nach Angaben des Ministeriums weitere Soldaten an die Grenze verlegt .",
    "Die ersten Einheiten sind am Montag in Vilnius eingetroffen .",
    '" Wir werden nicht zulassen , dass die Lage eskaliert " , sagte der Minister .',
]


@pytest.mark.parametrize("sentence", KNOWN)
def test_tagger_tags_known_words_as_hanta(tagger: Tagger, hanta: Any, sentence: str) -> None:
    words = sentence.split()
    assert all(normalize(w) in hanta.cache or normalize(w) in tagger.forms for w in words)
    assert tagger.tag(words) == hanta.tag_sent(words, taglevel=0)


@pytest.mark.parametrize("sentence", KNOWN)
def test_tagger_lemmas_of_known_words_as_hanta(tagger: Tagger, hanta: Any, sentence: str) -> None:
    words = sentence.split()
    ours = [tagger.lemma(word, tag) for word, tag in zip(words, tagger.tag(words))]
    assert ours == [lemma for _, lemma, _ in hanta.tag_sent(words)]


def test_tagger_typographic_quotes_are_punctuation(tagger: Tagger) -> None:
    # HanTa knows only ASCII quotes and takes „ for a foreign word (XY/FM), which breaks the
    # clause after it; Lagebild reads every quote mark as punctuation
    words = "„ Wir werden nicht zulassen “ , sagte er . « Nein » ‚ ja ‘".split()
    tags = tagger.tag(words)
    assert [t for w, t in zip(words, tags) if w in "„“«»‚‘"] == ["$("] * 6
    assert tags[words.index("werden")] == "VA(FIN)"


def test_tagger_separable_particle(tagger: Tagger) -> None:
    words = "Die USA kündigen neue Sanktionen an .".split()
    assert tagger.tag(words) == ["ART", "NE", "VV(FIN)", "ADJ(A)", "NN", "PTKVZ", "$."]


def test_tagger_preposition_an_is_not_a_particle(tagger: Tagger) -> None:
    words = "Die USA schicken Soldaten an die Grenze .".split()
    assert tagger.tag(words)[4] == "APPR"


@pytest.mark.parametrize(
    "sentence, word, lemma",
    [
        ("Russland hat weitere Soldaten an die Grenze verlegt .", "verlegt", "verlegen"),
        ("Die NATO hat weitere Soldaten nach Litauen entsandt .", "entsandt", "entsenden"),
        ("Die ersten Einheiten sind am Montag in Vilnius eingetroffen .", "eingetroffen", "eintreffen"),
        ("Die Stadt wurde in der Nacht mit Raketen beschossen .", "beschossen", "beschießen"),
        ("Die Polizei hat zwei Verdächtige festgenommen .", "festgenommen", "festnehmen"),
    ],
)
def test_tagger_participle_lemmas(tagger: Tagger, sentence: str, word: str, lemma: str) -> None:
    assert tag_and_lemma(tagger, sentence, word) == ("VV(PP)", lemma)


def test_tagger_unknown_compound_noun(tagger: Tagger, hanta: Any) -> None:
    word = "Flugabwehrraketenstellungen"
    assert normalize(word) not in hanta.cache and normalize(word) not in tagger.forms
    tag, lemma = tag_and_lemma(tagger, f"Die Armee zerstörte mehrere {word} .", word)
    assert tag == "NN"
    assert lemma == hanta._analyze(word, hanta.tag2int["NN"], taglevel=1)[0] == "Flugabwehrraketenstellung"


@pytest.mark.parametrize(
    "sentence, word, tag",
    [
        ("Die Einheiten wurden gestern umgruppiert .", "umgruppiert", "VV(PP)"),
        ("Die Truppen umzingelten die Stadt .", "umzingelten", "VV(FIN)"),
        ("Nordkorea hat ein Gesprächsangebot der USA ausgeschlagen .", "ausgeschlagen", "VV(PP)"),
        ("Die Regierung will die Lage abkühlen .", "abkühlen", "VV(INF)"),
        # zu inside the word: the infinitive with zu of a separable verb
        ("Die Regierung versucht , die Lage abzukühlen .", "abzukühlen", "VV(IZU)"),
        ("Armenien hat sich bereit erklärt , vier Dörfer zurückzugeben .", "zurückzugeben", "VV(IZU)"),
    ],
)
def test_tagger_unknown_verb_form(tagger: Tagger, hanta: Any, sentence: str, word: str, tag: str) -> None:
    assert normalize(word) not in hanta.cache and normalize(word) not in tagger.forms
    assert tag_and_lemma(tagger, sentence, word)[0] == tag


def test_tagger_unknown_words_never_run_hantas_analysis(tagger: Tagger, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(word: str) -> None:
        raise AssertionError(f"analyze_forward({word!r})")

    monkeypatch.setattr(tagger.hanta, "analyze_forward", fail)
    words = "Die Quarkschnitzelbrigaden marschierten zwölfdimensional umher .".split()
    assert len(tagger.tag(words)) == len(words)


@pytest.mark.parametrize(
    "sentence, tag",
    [
        # With the case term of a capitalised word inside a sentence these come out NE and ADJ(D).
        ("Stark betroffen sind auch Kommunikationsunternehmen .", "ADJ(D)"),
        ("Aufgestöbert hat sie zum Glück niemand .", "VV(PP)"),
    ],
)
def test_tagger_first_word_is_case_insensitive(tagger: Tagger, sentence: str, tag: str) -> None:
    words = sentence.split()
    assert tagger.tag(words)[0] == tag
    assert tagger.emission(words[0], first=True) == tagger.emission(words[0].lower(), first=True)
    assert tagger.emission(words[0], first=True) != tagger.emission(words[0])


def test_tagger_empty_sentence(tagger: Tagger) -> None:
    assert tagger.tag([]) == []


def test_tagger_junk_tokens(tagger: Tagger) -> None:
    words = ["", "€", "😀", "3²", "ⅷ", "\u00ad", "x" * 5000, "."]
    tags = tagger.tag(words)
    assert len(tags) == len(words)
    assert tagger.lemma(words[6], tags[6]) == words[6]  # too long for HanTa's lemmatiser


def test_tagger_very_long_sentence(tagger: Tagger) -> None:
    # About -9 a token: 120,000 tokens take every path below HanTa's floor of -1e6.
    words = ["Soldaten", "marschieren", ",", "Panzer", "rollen", ","] * 20_000
    tags = tagger.tag(words)
    assert len(tags) == len(words)
    assert tags[-12:] == tagger.tag(words[:60])[-12:] == ["NN", "VV(INF)", "$,", "NN", "VV(INF)", "$,"] * 2


def test_tagger_rejects_an_unknown_tag(tagger: Tagger) -> None:
    with pytest.raises(ValueError, match="Unknown tag"):
        tagger.lemma("Panzer", "NOUN")


def test_tagger_is_shared() -> None:
    assert get_tagger() is get_tagger()

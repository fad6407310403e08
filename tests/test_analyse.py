"""The linguistic layer: clauses, verb complex, grammatical functions, chunks and frames.

Each case is a German sentence written for the test (none from the seeds or the dev set)
and what the analysis must find in it.
"""

from __future__ import annotations

import pytest

from lagebild.analyse import analyse
from lagebild.analyse.model import Analysis


def _text(a: Analysis, idx: int | None) -> str | None:
    return a.chunk_text(a.chunks[idx]) if idx is not None else None


def _clause(a: Analysis, lemma: str):
    found = [c for c in a.clauses if c.lemma == lemma]
    assert found, f"no clause with lemma {lemma!r}: {[c.lemma for c in a.clauses]}"
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "lemma", "subj", "acc", "dat"),
    [
        ("Die Regierung schickt weitere Soldaten in die Region.", "schicken", "Die Regierung", "weitere Soldaten", None),
        ("Die Rebellen griffen am Morgen einen Stützpunkt der Armee an.", "angreifen", "Die Rebellen", "einen Stützpunkt", None),
        ("Der Senator wirft dem Minister Lügen vor.", "vorwerfen", "Der Senator", "Lügen", "dem Minister"),
        ("Den Minister kritisierte die Opposition scharf.", "kritisieren", "die Opposition", "Den Minister", None),
        ("Am Dienstag nahm die Polizei in Lyon drei Verdächtige fest.", "festnehmen", "die Polizei", "drei Verdächtige", None),
        ("Frankreich und Spanien lehnen den Vorschlag ab.", "ablehnen", "Frankreich und Spanien", "den Vorschlag", None),
        ("Ihm wurde Korruption vorgeworfen.", "vorwerfen", None, "Korruption", "Ihm"),
        ("Er forderte den Rücktritt des Innenministers.", "fordern", "Er", "den Rücktritt", None),
    ],
)
def test_subject_and_objects(sentence, lemma, subj, acc, dat):
    a = analyse(sentence)
    c = _clause(a, lemma)
    assert (_text(a, c.subj), _text(a, c.acc), _text(a, c.dat)) == (subj, acc, dat)


@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ("Die USA kündigen neue Sanktionen an.", "ankündigen"),
        ("Der Präsident wies die Vorwürfe am Montag entschieden zurück.", "zurückweisen"),
        ("Die Armee zog ihre Truppen aus der Stadt ab.", "abziehen"),
        ("Sie hat angekündigt, die Truppen abzuziehen.", "abziehen"),
        ("Die Minister trafen sich in Genf.", "treffen"),
    ],
)
def test_separable_verbs_are_rejoined(sentence, lemma):
    assert any(c.lemma == lemma for c in analyse(sentence).clauses)


def test_reflexive_verb():
    c = _clause(analyse("Die Außenminister trafen sich am Rande des Gipfels."), "treffen")
    assert c.reflexive


def test_passive_with_agent_maps_roles():
    a = analyse("Der Journalist wurde am Dienstag von der Polizei festgenommen.")
    c = _clause(a, "festnehmen")
    assert c.passive
    assert _text(a, c.subj) == "der Polizei"  # the agent takes the subject's role
    assert _text(a, c.acc) == "Der Journalist"


def test_plural_passive_verb_agrees_with_plural_patient():
    a = analyse("Der Ukraine wurden weitere Waffen geliefert.")
    c = _clause(a, "liefern")
    assert c.passive and c.subj is None
    assert _text(a, c.acc) == "weitere Waffen"  # "wurden" agrees with the plural, not with the dative first
    assert _text(a, c.dat) == "Der Ukraine"


def test_werden_with_participle_like_infinitive_is_future_when_an_object_follows():
    # überlassen, übergeben, erhalten: participle and infinitive have one form
    a = analyse("Großbritannien wird der Ukraine 14 Kampfpanzer überlassen.")
    c = _clause(a, "überlassen")
    assert not c.passive and c.future
    assert _text(a, c.subj) == "Großbritannien" and _text(a, c.acc) == "14 Kampfpanzer" and _text(a, c.dat) == "der Ukraine"
    a = analyse("Die Ukraine wird weitere Waffen erhalten.")
    c = _clause(a, "erhalten")
    assert not c.passive and _text(a, c.subj) == "Die Ukraine"


def test_werden_with_participle_like_infinitive_stays_passive_without_object():
    for text, patient in (("Die Waffen werden der Ukraine übergeben.", "Die Waffen"), ("Der Ukraine werden weitere Waffen übergeben.", "weitere Waffen"), ("Die Stadt wird verlassen.", "Die Stadt")):
        a = analyse(text)
        c = a.clauses[0]
        assert c.passive and c.subj is None, text
        assert _text(a, c.acc) == patient, text


def test_passive_without_agent():
    a = analyse("In der Hauptstadt wurden 40 Demonstranten festgenommen.")
    c = _clause(a, "festnehmen")
    assert c.passive and c.subj is None
    assert _text(a, c.acc) == "40 Demonstranten"


def test_sein_perfect_is_active():
    c = _clause(analyse("Die ersten Soldaten sind in Rumänien eingetroffen."), "eintreffen")
    assert not c.passive and c.perfect


def test_modal_negation_and_future():
    a = analyse("Die Regierung will keine Truppen schicken.")
    c = _clause(a, "schicken")
    assert c.modal == "wollen" and c.negated
    assert _clause(analyse("Die Nato wird ihre Präsenz verstärken."), "verstärken").future


def test_nicht_nur_is_no_negation():
    c = _clause(analyse("Nicht nur die Opposition kritisiert den Plan."), "kritisieren")
    assert not c.negated


def test_konjunktiv_mood():
    assert _clause(analyse("Die Lage sei ernst, sagte der Sprecher."), "sein").mood == "subj1"
    assert _clause(analyse("Das würde die Lage verschärfen."), "verschärfen").mood == "subj2"


def test_clause_kinds_and_embedding():
    a = analyse("Der Minister, der gestern in Kiew ankam, sagte, dass die Lage ernst sei.")
    kinds = [(c.kind, c.lemma) for c in a.clauses]
    assert ("main", "sagen") in kinds and ("rel", "ankommen") in kinds and ("sub", "sein") in kinds
    main = _clause(a, "sagen")
    assert _text(a, main.subj) == "Der Minister"
    rel = _clause(a, "ankommen")
    assert rel.parent == main.i
    rel_pron = a.chunks[rel.subj]
    assert rel_pron.kind == "rel" and _text(a, rel_pron.antecedent) == "Der Minister"


def test_condition_clause():
    a = analyse("Wenn Russland angreift, wird die Nato reagieren.")
    assert _clause(a, "angreifen").meaning == "condition"


def test_condition_after_a_colon_waits_for_its_main_clause():
    a = analyse("Der Parteichef: Wenn keine Reform kommt, werden wir nicht zustimmen.")
    assert a.clauses[_clause(a, "kommen").parent].lemma == "zustimmen"


def test_infinitive_clause_takes_object_control():
    a = analyse("Die EU forderte Moskau auf, seine Truppen abzuziehen.")
    c = _clause(a, "abziehen")
    assert c.kind == "inf" and _text(a, c.subj) == "Moskau"


def test_infinitive_clause_takes_subject_control():
    a = analyse("Die Regierung kündigte an, weitere Soldaten zu entsenden.")
    c = _clause(a, "entsenden")
    assert _text(a, c.subj) == "Die Regierung"


def test_coordinated_clauses_share_the_subject():
    a = analyse("Die Armee zog sich zurück und räumte die Stellungen.")
    c = _clause(a, "räumen")
    assert c.shared_subject and _text(a, c.subj) == "Die Armee"


def test_indicative_verb_after_reported_speech_shares_the_frame_subject():
    # reported speech is in Konjunktiv I; an indicative coordinated verb goes on from the frame
    a = analyse("Die Bauern erklärten, die Preise seien zu niedrig, und blockierten die Autobahn.")
    assert _text(a, _clause(a, "blockieren").subj) == "Die Bauern"
    a = analyse("Der Sprecher sagte, die Armee werde abziehen und wolle die Stellungen räumen.")
    assert _text(a, _clause(a, "räumen").subj) == "die Armee"


def test_chunks_cases_genitive_and_coordination():
    a = analyse("Die Opposition und viele Bürger werfen dem Präsidenten der Republik Betrug vor.")
    texts = {a.chunk_text(c): c for c in a.chunks}
    assert texts["Die Opposition und viele Bürger"].parts and len(texts["Die Opposition und viele Bürger"].parts) == 2
    assert texts["dem Präsidenten"].cases == {"dat"}
    gen = texts["der Republik"]
    assert gen.owner == texts["dem Präsidenten"].i and gen.cases == {"gen"}


def test_prepositional_chunks():
    a = analyse("Die Nato verlegt Kampfjets nach Polen.")
    pp = [c for c in a.chunks if c.prep == "nach"]
    assert len(pp) == 1 and a.chunk_text(pp[0]) == "Polen"


def test_extended_attribute_stays_inside_its_noun_phrase():
    # phrases, adverbs and "und" between a determiner (or a number) and the participle belong to
    # the noun phrase: its preposition and determiner are not lost to a phrase of their own
    a = analyse("Gegen den ebenfalls am Freitag festgenommenen Mann wurde Anklage erhoben.")
    pp = next(c for c in a.chunks if c.prep == "gegen")
    assert a.chunk_text(pp) == "den ebenfalls am Freitag festgenommenen Mann"
    b = analyse("Bei zwei im Raum Düsseldorf und in Gießen festgenommenen Männern sehen die Behörden keine Verbindung.")
    assert b.chunk_text(b.chunks[0]) == "zwei im Raum Düsseldorf und in Gießen festgenommenen Männern" and b.chunks[0].prep == "bei"
    c = analyse("Die USA wollen die bereits in Polen stationierten Truppen verstärken.")
    assert c.chunk_text(c.chunks[c.clauses[0].acc]) == "die bereits in Polen stationierten Truppen"
    # an adverb after a determiner leads to no attribute unless an adjective closes it
    d = analyse("Er sah die Soldaten gestern in Polen.")
    assert [d.chunk_text(x) for x in d.chunks] == ["Er", "die Soldaten", "Polen"]


def test_abbreviated_surname_is_part_of_the_name():
    a = analyse("Die Polizei nahm Mohamed B. am Montag fest.")
    clause = a.clauses[0]
    assert len(a.clauses) == 1 and clause.lemma == "festnehmen"
    assert a.chunk_text(a.chunks[clause.acc]) == "Mohamed B." and a.tokens[4].pos == "NE"


def test_time_noun_ends_its_phrase():
    a = analyse("Die polnische Regierung kritisierte am Montag Russland.")
    clause = a.clauses[0]
    assert a.chunk_text(a.chunks[clause.acc]) == "Russland"
    b = analyse("Am Mittwochabend Moskauer Zeit sagte er ab.")
    assert b.chunk_text(b.chunks[0]) == "Mittwochabend" and b.chunks[0].kind == "time"


def test_state_name_after_common_noun_starts_a_phrase():
    a = analyse("Zuvor hatte die EU-Kommission Griechenland dazu gedrängt, den Vorschlag anzunehmen.")
    assert {a.chunk_text(c) for c in a.chunks} >= {"die EU-Kommission", "Griechenland"}
    b = analyse("Der Staat Louisiana zahlte nichts.")
    assert b.chunk_text(b.chunks[0]) == "Der Staat Louisiana"
    c = analyse("Das Nato-Mitglied Türkei und der Nachbar Slowenien protestierten.")
    assert c.chunk_text(c.chunks[0]) == "Das Nato-Mitglied Türkei und der Nachbar Slowenien"


def test_qualified_number_stays_inside_its_prepositional_phrase():
    a = analyse("Die Abschiebung von rund 100 Uiguren durch Thailand hatte Proteste ausgelöst.")
    by_prep = {c.prep: a.chunk_text(c) for c in a.chunks if c.prep}
    assert by_prep["von"].endswith("100 Uiguren") and by_prep["durch"] == "Thailand"
    assert a.clauses[0].acc is None or a.chunk_text(a.chunks[a.clauses[0].acc]) == "Proteste"


def test_say_frame_after_content():
    a = analyse("Wir werden nicht nachgeben, sagte der Premier am Abend.")
    frame = next(f for f in a.frames if f.kind == "say")
    assert _text(a, frame.speaker) == "der Premier"
    assert a.clauses[frame.content[0]].lemma == "nachgeben"


def test_say_frame_with_dass_clause():
    a = analyse("Der Sprecher erklärte, dass die Grenze geschlossen bleibe.")
    frame = next(f for f in a.frames if f.kind == "say")
    assert _text(a, frame.speaker) == "Der Sprecher"
    assert any(a.clauses[i].conj == "dass" for i in frame.content)


def test_according_frames():
    a = analyse("Nach Angaben der Polizei wurden zwei Menschen verletzt.")
    frame = next(f for f in a.frames if f.kind == "according")
    assert _text(a, frame.speaker) == "der Polizei"
    a = analyse("Der Zeitung zufolge wurde der Botschafter ausgewiesen.")
    frame = next(f for f in a.frames if f.kind == "according")
    assert frame.report and _text(a, frame.speaker) == "Der Zeitung"


@pytest.mark.parametrize("sentence,speaker", [
    ("Nach Polizeiangaben wurden zwei Menschen verletzt.", "Polizeiangaben"),
    ("Nach UNO-Angaben wurden 300 Menschen getötet.", "UNO-Angaben"),
])
def test_according_frames_of_compound_nouns(sentence, speaker):
    # the compound's modifier names the source; the phrase is an attribution all the same
    a = analyse(sentence)
    frame = next(f for f in a.frames if f.kind == "according")
    assert _text(a, frame.speaker) == speaker


def test_nach_with_other_noun_is_no_attribution():
    a = analyse("Nach dem Angriff wurden zwei Menschen verletzt.")
    assert not [f for f in a.frames if f.kind == "according"]


@pytest.mark.parametrize("word,lemma", [("Abrams-Panzer", "Abrams-Panzer"), ("US-Soldaten", "US-Soldat"), ("Iskander-Raketen", "Iskander-Rakete")])
def test_hyphenated_compound_is_lemmatised_by_its_last_part(word, lemma):
    a = analyse(f"Die USA liefern 31 {word}.")
    assert next(t.lemma for t in a.tokens if t.text == word) == lemma


def test_participle_beside_a_full_verb_is_no_part_of_it():
    # "als politisch motiviert" is predicative: the clause's verb stays "kritisieren", and the
    # participle is a second reading of the clause ("sieht … gefordert")
    a = analyse("Menschenrechtsorganisationen kritisierten das Urteil als politisch motiviert.")
    assert a.clauses[0].lemma == "kritisieren"
    assert [lemma for _, lemma in a.clauses[0].lexicals] == ["motivieren", "kritisieren"]
    a = analyse("Die Polizei hat den Mann festgenommen.")
    assert a.clauses[0].lemma == "festnehmen"


def test_wie_clause_reports():
    a = analyse("Wie die Agentur meldete, wurden drei Soldaten getötet.")
    frame = next(f for f in a.frames if f.kind == "according")
    assert frame.report and _text(a, frame.speaker) == "die Agentur"


def test_colon_speaker():
    a = analyse("Gouverneur: Wir brauchen mehr Hilfe.")
    frame = next(f for f in a.frames if f.kind == "colon")
    assert _text(a, frame.speaker) == "Gouverneur"


def test_empty_and_punctuation_only():
    assert analyse("").tokens == []
    a = analyse("…")
    assert a.clauses == [] or all(c.kind == "frag" for c in a.clauses)


def test_analyse_lone_participle_is_finite_present():
    # HanTa reads "stationiert" as a participle when no other verb is there; second in the
    # sentence and followed by its objects it is the present tense
    a = analyse("Deutschland stationiert dauerhaft eine Kampfbrigade in Litauen.")
    main = a.clauses[0]
    assert main.kind == "main" and main.lemma == "stationieren" and not main.passive
    assert a.chunk_text(a.chunks[main.subj]) == "Deutschland"
    # a headline keeps its participle (and its passive reading)
    head = analyse("500 Soldaten in Litauen stationiert")
    assert head.clauses[0].passive


@pytest.mark.parametrize(
    "sentence,lemma,subj,acc",
    [
        # a strong verb with an inseparable prefix: its past plural is its participle's form
        ("In der Stadt erschossen Polizisten am Abend einen bewaffneten Mann.", "erschießen", "Polizisten", "einen bewaffneten Mann"),
        ("Die Außenminister beschlossen neue Sanktionen.", "beschließen", "Die Außenminister", "neue Sanktionen"),
        ("Am Freitag verboten die Behörden die Kundgebung.", "verbieten", "die Behörden", "die Kundgebung"),
    ],
)
def test_analyse_past_plural_equal_to_participle_is_finite(sentence, lemma, subj, acc):
    a = analyse(sentence)
    c = _clause(a, lemma)
    assert c.kind == "main" and not c.passive
    assert _text(a, c.subj) == subj and _text(a, c.acc) == acc


def test_analyse_headline_participle_stays_passive():
    a = analyse("Zwei Soldaten in Mali erschossen")
    assert a.clauses[0].passive


def test_als_after_comma_opens_a_temporal_clause():
    # the tagger reads this "als" as a preposition ("als die Bundeswehr"), which would hide
    # the subject; verb-final after a comma it is the conjunction
    a = analyse("Tausende protestierten in Vilnius, als die Bundeswehr weitere Panzer nach Litauen verlegte.")
    c = _clause(a, "verlegen")
    assert c.kind == "sub" and c.conj == "als"
    assert _text(a, c.subj) == "die Bundeswehr" and _text(a, c.acc) == "weitere Panzer"
    # "als" as a preposition or comparison keeps its reading
    b = analyse("Er arbeitete jahrelang als Berater der Regierung, bevor er Minister wurde.")
    assert all(c.conj != "als" for c in b.clauses)


def test_als_clause_whose_past_plural_was_tagged_infinitive():
    # "einschlugen" (past plural of a strong verb) is taken for an infinitive; closing an
    # als-stretch with no other verb, it is the clause's finite verb
    a = analyse("Erst vor einem Monat starben zwei Menschen, als Granaten in einem Wohngebiet einschlugen.")
    c = _clause(a, "einschlagen")
    assert c.kind == "sub" and c.conj == "als" and _text(a, c.subj) == "Granaten"
    # an infinitive of comparison keeps its reading
    b = analyse("Sie wollten lieber verhandeln, als zu kämpfen.")
    assert all(c.conj != "als" or c.kind == "inf" for c in b.clauses)


def test_counted_plural_without_n_is_not_dative():
    # "66 Kampfflugzeuge" cannot be a dative plural (that would be "Kampfflugzeugen"), so the
    # name before it is the dative object
    a = analyse("Die USA liefern Taiwan 66 Kampfflugzeuge.")
    c = _clause(a, "liefern")
    assert _text(a, c.acc) == "66 Kampfflugzeuge" and _text(a, c.dat) == "Taiwan"
    b = analyse("Die Regierung schickt den Soldaten neue Waffen.")
    d = _clause(b, "schicken")
    assert _text(b, d.dat) == "den Soldaten" and _text(b, d.acc) == "neue Waffen"


def test_possessive_dessen_is_a_determiner():
    # "nach dessen Nato-Beitritt" is one prepositional phrase; "dessen Regierung" can be a subject
    a = analyse("Russland droht Finnland nach dessen Nato-Beitritt mit Gegenmaßnahmen.")
    c = _clause(a, "drohen")
    assert _text(a, c.dat) in ("Finnland", None) and all(a.chunk_text(ch) != "Nato-Beitritt" for ch in a.chunks)
    b = analyse("Der Präsident, dessen Regierung Truppen nach Litauen schickt, sprach mit Biden.")
    assert _text(b, _clause(b, "schicken").subj) == "dessen Regierung"


def test_an_phrase_controls_the_infinitive_of_an_appeal():
    a = analyse("Tsipras appellierte am Dienstag an die Flüchtlinge, der griechischen Regierung zu vertrauen.")
    assert _text(a, _clause(a, "vertrauen").subj) == "die Flüchtlinge"


def test_bare_neuter_adjective_noun_is_singular():
    # "Ähnliches" cannot be the subject of plural "forderten": the phrase after the verb is
    a = analyse("Ähnliches forderten auch EU-Abgeordnete mehrerer Fraktionen.")
    c = _clause(a, "fordern")
    assert _text(a, c.subj) == "EU-Abgeordnete" and _text(a, c.acc) == "Ähnliches"


def test_possessive_ihr_is_nominative_or_accusative():
    # the possessive "ihr" takes the ein-endings (nom/acc neuter), not the pronoun's dative
    a = analyse("Die Bundeswehr wird ihr Truppenkontingent in Mali aufstocken.")
    assert _text(a, _clause(a, "aufstocken").acc) == "ihr Truppenkontingent"


@pytest.mark.parametrize(
    ("sentence", "pronoun", "plural", "expected"),
    [
        ("Der Minister sagte, er werde zurücktreten.", "er", False, "Der Minister"),
        ("Die Regierung sucht den Anfängen zu wehren: Sie hat Polizisten aufgeboten.", "Sie", False, "Die Regierung"),
        ("Die Rebellen kündigten an, sie würden die Stadt angreifen.", "sie", True, "Die Rebellen"),
    ],
)
def test_pronoun_antecedent_in_sentence(sentence: str, pronoun: str, plural: bool, expected: str) -> None:
    from lagebild.analyse.coref import antecedents, pronoun_agreement

    a = analyse(sentence)
    chunk = next(c for c in a.chunks if a.chunk_text(c) == pronoun)
    found = antecedents(a, chunk, pronoun_agreement(pronoun, plural))
    assert found and _text(a, found[0][0]) == expected


def test_pronoun_antecedent_agrees() -> None:
    """"er" does not stand for a feminine subject the determiner marks as such."""
    from lagebild.analyse.coref import antecedents, pronoun_agreement

    a = analyse("Die Regierung erklärte, er habe gelogen.")
    chunk = next(c for c in a.chunks if a.chunk_text(c) == "er")
    assert antecedents(a, chunk, pronoun_agreement("er", False)) == []


def test_parenthesis_without_verb_stays_in_its_clause() -> None:
    """"(IS)" after a name is an apposition, not a clause boundary: the participle after it
    still belongs to the clause of the subject and object."""
    a = analyse("Die Polizei hat 53 Anhänger der Terrormiliz Islamischer Staat (IS) festgenommen.")
    c = _clause(a, "festnehmen")
    assert _text(a, c.subj) == "Die Polizei" and _text(a, c.acc) == "53 Anhänger"
    b = analyse("Der Manager war zu drei Jahren Haft (nicht rechtskräftig) verurteilt worden.")
    assert not any(cl.negated for cl in b.clauses if cl.lemma == "verurteilen")


def test_passive_agent_right_before_the_participle() -> None:
    """A von-phrase after a genitive attribute is still the agent when it closes the clause."""
    a = analyse("Zwei Männer sind nach einem Angriff im Norden der Stadt von der Polizei festgenommen worden.")
    c = _clause(a, "festnehmen")
    assert c.passive and _text(a, c.subj) == "der Polizei" and _text(a, c.acc) == "Zwei Männer"


def test_neuter_pronoun_finds_neuter_subject() -> None:
    """"es" after "Das Militär teilte mit" stands for the military (a neuter subject)."""
    from lagebild.analyse.coref import antecedents, pronoun_agreement

    a = analyse("Das Militär teilte mit, es habe ein Waffenlager zerstört.")
    chunk = next(c for c in a.chunks if a.chunk_text(c) == "es")
    found = antecedents(a, chunk, pronoun_agreement("es", False))
    assert found and _text(a, found[0][0]) == "Das Militär"


@pytest.mark.parametrize(
    ("sentence", "lemma", "subj", "appos"),
    [
        ("Die Sprecherin der Weltbank, Anna Berger, kritisierte den Plan.", "kritisieren", "Die Sprecherin", "Anna Berger"),
        ("Anna Berger, Sprecherin der Weltbank, kritisierte den Plan.", "kritisieren", "Anna Berger", "Sprecherin"),
        ("Den Plan kritisierte gestern Anna Berger, Sprecherin der Weltbank.", "kritisieren", "Anna Berger", "Sprecherin"),
        ("Den Plan kritisierte Anna Berger, Sprecherin der Weltbank, am Montag in Wien.", "kritisieren", "Anna Berger", "Sprecherin"),
    ],
)
def test_comma_apposition_fills_no_role(sentence: str, lemma: str, subj: str, appos: str) -> None:
    a = analyse(sentence)
    c = _clause(a, lemma)
    assert _text(a, c.subj) == subj
    assert _text(a, c.acc) == "den Plan" or _text(a, c.acc) == "Den Plan"
    assert c.dat is None
    found = [ch for ch in a.chunks if ch.appos is not None]
    assert [a.chunk_text(ch) for ch in found] == [appos]
    assert found[0].appos == c.subj


def test_apposition_before_the_rest_of_the_clause_keeps_the_clause_whole() -> None:
    """An apposition with its von-attribute between the subject and the rest of the clause:
    the particle after it still belongs to the main clause ("warf … vor")."""
    a = analyse("Die Pläne seien falsch, warf Maria Huber, Obfrau von Attac, der Kommissarin vor.")
    c = _clause(a, "vorwerfen")
    assert _text(a, c.subj) == "Maria Huber"
    appos = next(ch for ch in a.chunks if ch.appos is not None)
    assert a.chunk_text(appos) == "Obfrau"
    assert not [cl for cl in a.clauses if cl.kind == "frag"]


def test_apposition_inside_the_verb_bracket_keeps_the_clause_whole() -> None:
    """An apposition to a prepositional object before the bracket's closing particle:
    the particle still belongs to the main clause ("traf … zusammen")."""
    a = analyse("Der Präsident traf am Mittwoch mit dem Parlamentschef, dem Abgeordneten Hans Berger, zusammen.")
    c = _clause(a, "zusammentreffen")
    assert _text(a, c.subj) == "Der Präsident"
    appos = next(ch for ch in a.chunks if ch.appos is not None)
    assert a.chunk_text(appos) == "dem Abgeordneten Hans Berger"
    assert a.chunk_text(a.chunks[appos.appos]) == "dem Parlamentschef"
    assert c.acc is None and c.dat is None


def test_a_dash_is_punctuation_after_a_name() -> None:
    """The tagger may take a dash after a name for foreign material; it stays a boundary
    of the parenthesis, and the clause around it is put together again."""
    a = analyse("Mehr als 100 Flüchtlinge – die meisten davon aus Afghanistan – seien von der Küstenwache gerettet worden.")
    assert all(t.pos == "$(" for t in a.tokens if t.text == "–")
    c = _clause(a, "retten")
    assert c.passive and _text(a, c.acc) == "Mehr als 100 Flüchtlinge"
    assert _text(a, c.subj) == "der Küstenwache"


@pytest.mark.parametrize(
    ("sentence", "first", "second"),
    [
        ("Zwei Palästinenser erschossen und vier Israelis schwer verletzt.", "Zwei Palästinenser", "vier Israelis"),
        ("Dabei sind zwei Soldaten getötet und vier Zivilisten verletzt worden.", "zwei Soldaten", "vier Zivilisten"),
    ],
)
def test_coordinated_participles_keep_their_own_patients(sentence: str, first: str, second: str) -> None:
    a = analyse(sentence)
    assert len(a.clauses) == 2
    assert all(c.passive for c in a.clauses)
    assert [_text(a, c.acc) for c in a.clauses] == [first, second]


def test_participles_sharing_an_active_subject_stay_one_clause() -> None:
    a = analyse("Die Polizei hat drei Männer festgenommen und ihre Wohnungen durchsucht.")
    assert len(a.clauses) == 1
    assert [lemma for _, lemma in a.clauses[0].lexicals] == ["festnehmen", "durchsuchen"]


def test_a_list_is_no_apposition() -> None:
    a = analyse("Polen, Litauen und Lettland verlangen mehr Soldaten.")
    assert all(ch.appos is None for ch in a.chunks)
    a = analyse("Der Minister traf Vertreter aus Polen, Lettland, Estland.")
    assert all(ch.appos is None for ch in a.chunks)


@pytest.mark.parametrize(
    ("sentence", "lemma", "subj", "acc"),
    [
        ("Sie stritten in der Nacht, in der Jonas seinen Bruder verletzte.", "verletzen", "Jonas", "seinen Bruder"),
        ("Das ist die Stadt, aus der die Truppen abgezogen wurden.", "abziehen", None, "die Truppen"),
        ("Er sprach mit den Ministern, mit denen die Gruppe verhandelt hatte.", "verhandeln", "die Gruppe", None),
    ],
)
def test_preposition_and_d_word_after_a_comma_open_a_relative_clause(sentence: str, lemma: str, subj, acc) -> None:
    a = analyse(sentence)
    c = _clause(a, lemma)
    assert c.kind == "rel"
    assert _text(a, c.subj) == subj
    assert _text(a, c.acc) == acc


@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ("Er lobte den Nachfolger, den Voves sich hier als Kandidaten aufbauen wollte.", "aufbauen"),
        ("Es gibt einen neuen Buchpreis, der Montagabend von der Ministerin vorgestellt wurde.", "vorstellen"),
        ("Das ist ein Wahlrecht, das Abgeordnete stärker an die Wähler bindet.", "binden"),
        ("Die Stadt gründete eine Initiative, die Gastfamilien in der Region sucht.", "suchen"),
    ],
)
def test_d_word_after_a_comma_before_a_verb_final_stretch_opens_a_relative_clause(sentence: str, lemma: str) -> None:
    a = analyse(sentence)
    assert _clause(a, lemma).kind == "rel"


@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ("Er zahlte nicht, die angedrohte Veröffentlichung blieb aus.", "ausbleiben"),
        ("Viele Menschen kamen nach Österreich, die allermeisten sind geblieben.", "bleiben"),
        ("Die Regierung verhängte ein Verbot, die Unterzeichnung einer Erklärung wird verlangt.", "verlangen"),
    ],
)
def test_d_word_phrase_right_before_its_verb_stays_a_main_clause(sentence: str, lemma: str) -> None:
    assert _clause(analyse(sentence), lemma).kind == "main"


def test_preposition_and_article_before_a_second_verb_stay_a_phrase() -> None:
    a = analyse("Er kam in die Stadt, in der Nacht war es kalt.")
    assert [c.kind for c in a.clauses] == ["main", "main"]


def test_dateline_is_tagged_apart_from_its_sentence() -> None:
    a = analyse("Sydney – Im Inselstaat Nauru ist ein Flüchtling verurteilt worden.")
    assert [t.pos for t in a.tokens[:4]] == ["NE", "$(", "APPRART", "NN"]
    c = _clause(a, "verurteilen")
    assert c.passive and _text(a, c.acc) == "ein Flüchtling"


def test_dash_after_a_subject_is_no_dateline() -> None:
    a = analyse("Die Regierung – so heißt es – will neue Wahlen.")
    assert a.tokens[0].pos == "ART"


@pytest.mark.parametrize(
    "sentence",
    [
        "Im Norden ist es ruhig, in der Hauptstadt wird gekämpft.",
        "Er sagte, dass Soldaten in Polen, in der Ukraine stationiert sind.",
    ],
)
def test_preposition_and_article_after_a_comma_stay_a_phrase_unless_verb_final(sentence: str) -> None:
    a = analyse(sentence)
    assert "rel" not in [c.kind for c in a.clauses]


def test_nominalised_adjective_and_verb_second_adjective():
    a = analyse("Im Norden Nigerias töteten Bewaffnete zwanzig Dorfbewohner.")
    clause = a.clauses[0]
    assert a.chunk_text(a.chunks[clause.subj]) == "Bewaffnete"
    assert a.chunk_text(a.chunks[clause.acc]) == "zwanzig Dorfbewohner"
    b = analyse("An einer heiligen Stätte im Westjordanland verletzten Unbekannte zwei Israelis durch Schüsse.")
    assert b.clauses[0].lemma == "verletzen" and b.tokens[b.clauses[0].finite].text == "verletzten"
    c = analyse("Schwer verletzte Soldaten in Kabul.")
    assert not any(t.pos == "VV(FIN)" for t in c.tokens)  # a headline's adjective stays one
    d = analyse("Das ist ein Erfolg der Europäischen Union.")
    assert any(t.text == "Europäischen" and t.pos == "ADJ(A)" for t in d.tokens)
    e = analyse("Rund 15 Prozent berichten, dass dies oft passiert.")
    assert e.clauses[0].lemma == "berichten" and e.tokens[e.clauses[0].finite].text == "berichten"
    f = analyse("Die USA bombardierten Stellungen des IS.")  # a noun after it, a first phrase before
    assert f.clauses[0].lemma == "bombardieren" and f.chunk_text(f.chunks[f.clauses[0].subj]) == "Die USA"
    g = analyse("Mehr als 100 verletzte Menschen in Kabul.")
    assert not any(t.pos == "VV(FIN)" for t in g.tokens)


def test_capitalised_word_is_no_verb():
    a = analyse("Die Stadt drohte mit Abriss, weil der Rohbau unvollendet blieb.")
    assert a.clauses[0].lemma == "drohen"
    assert [t.pos for t in a.tokens[3:5]] == ["APPR", "NN"]


def test_name_with_lower_case_particle_is_no_verb():
    # "al-Hussein" looks like a lower-case word to the tagger, which took it for an infinitive
    # and made it the main verb of the clause of "sagte"
    a = analyse("Die Lage sei ernst, sagte der Hochkommissar, Said Raad al-Hussein, am Montag in Genf.")
    assert [t.pos for t in a.tokens if t.text == "al-Hussein"] == ["NE"]
    assert _clause(a, "sagen").main is not None
    assert any(f.kind == "say" for f in a.frames)


def test_fixed_adverbial_is_no_separable_particle():
    # "nach wie vor" is an adverbial: its "nach" is not the particle of "ist" ("nachsein")
    a = analyse("Für die ÖVP ist die Homo-Ehe nach wie vor inakzeptabel.")
    assert a.clauses[0].lemma == "sein"
    assert all(t.pos == "ADV" for t in a.tokens[6:9])
    # "nach" as a preposition or particle elsewhere keeps its reading
    b = analyse("Die Soldaten kehren nach Polen zurück.")
    assert b.tokens[3].pos == "APPR"


def test_paired_conjunction_joins_its_conjuncts():
    # "sowohl A als auch B (und C)", "weder A noch B": one coordinated subject
    a = analyse("Sowohl Faymann als auch Merkel und Mogherini sprachen sich für faire Quoten aus.")
    subj = a.chunks[a.clauses[0].subj]
    assert len(subj.parts) == 3 and _text(a, subj.i) == "Faymann als auch Merkel und Mogherini"
    b = analyse("Weder Paris noch Berlin wollen Truppen schicken.")
    assert len(b.chunks[b.clauses[0].subj].parts) == 2 and b.clauses[0].negated
    # "als" of a comparison is no conjunction
    c = analyse("Polen hat mehr Soldaten als Litauen.")
    assert all(len(ch.parts) <= 1 for ch in c.chunks)


def test_verb_first_clause_before_verb_first_clause_is_a_condition():
    # "Sollte X …, werde Y …": the first clause is the condition of the second
    a = analyse("Sollte die Regierung die Steuern erhöhen, werde die Partei die Koalition verlassen.")
    cond, main = a.clauses[0], a.clauses[1]
    assert cond.kind == "sub" and cond.meaning == "condition" and cond.parent == main.i
    assert main.kind == "main" and main.lemma == "verlassen"
    # a question or a verb-second sentence keeps its main clause
    b = analyse("Die Regierung erhöht die Steuern, die Partei verlässt die Koalition.")
    assert [c.kind for c in b.clauses] == ["main", "main"]


def test_known_surname_with_particle_is_one_name():
    # "der" of "Van der Bellen" is no article: the person stays one chunk, the subject
    a = analyse("Konkret schlägt Van der Bellen eine Kostenbeschränkung vor.")
    assert _text(a, a.clauses[0].subj) == "Van der Bellen"
    b = analyse("Ursula von der Leyen kritisierte Russland.")
    assert _text(b, b.clauses[0].subj) == "Ursula von der Leyen"


def test_verb_phrase_coordinated_under_a_modal_keeps_the_speech_verb_apart() -> None:
    """", sondern auch … erhöhen" belongs to the clause of its modal; the speech verb after the
    next comma opens a clause of its own, with its speaker as subject."""
    a = analyse("Die Regierung müsse ihre Arbeit aufnehmen, sondern auch das Tempo erhöhen, forderte der Diplomat.")
    c = _clause(a, "fordern")
    assert _text(a, c.subj) == "der Diplomat"
    assert "Tempo" in [a.tokens[t].text for t in a.clauses[0].tokens]


def test_main_clause_coordinated_after_a_zu_infinitive() -> None:
    """"…, eine Aggression vorzubereiten und schloss … nicht aus": the finite verb after the
    conjunction is a main clause of the sentence's subject, not part of the infinitive."""
    a = analyse("Kim warf den USA vor, einen Krieg vorzubereiten und schloss einen Angriff nicht aus.")
    inf = _clause(a, "vorbereiten")
    main = _clause(a, "ausschließen")
    assert inf.kind == "inf" and main.kind == "main" and main.negated
    assert _text(a, main.acc) == "einen Angriff"


@pytest.mark.parametrize(
    ("sentence", "lemma", "acc", "dat"),
    [
        ("Der Ratspräsident spendete den Balkanstaaten Lob.", "spenden", "Lob", "den Balkanstaaten"),
        ("Deutschland liefert den Ländern Waffen.", "liefern", "Waffen", "den Ländern"),
        ("Die Regierung kritisierte den Präsidenten Putin.", "kritisieren", "den Präsidenten Putin", None),
    ],
)
def test_a_dative_plural_stands_before_a_bare_object(sentence: str, lemma: str, acc: str, dat: str | None) -> None:
    a = analyse(sentence)
    c = _clause(a, lemma)
    assert (_text(a, c.acc), _text(a, c.dat)) == (acc, dat)


@pytest.mark.parametrize(
    ("sentence", "lemma", "subj", "acc"),
    [
        # the weak ending: "der russisch**e** Außenminister" can only be a nominative
        ("Die Regierung in Kiew kritisierte der russische Außenminister scharf.", "kritisieren", "der russische Außenminister", "Die Regierung"),
        # the noun's gender: "der Westen" (masculine) is a nominative, "der Regierung" (feminine) is not
        ("Die Ukraine unterstützt der Westen mit Waffen.", "unterstützen", "der Westen", "Die Ukraine"),
        ("Die Vorwürfe wies der Sprecher zurück.", "zurückweisen", "der Sprecher", "Die Vorwürfe"),
    ],
)
def test_object_first_clause_finds_the_only_nominative(sentence: str, lemma: str, subj: str, acc: str) -> None:
    a = analyse(sentence)
    c = _clause(a, lemma)
    assert _text(a, c.subj) == subj
    assert _text(a, c.acc) == acc


def test_der_before_a_feminine_noun_is_no_subject() -> None:
    """"der Partei" is a dative: the subject is the first phrase."""
    a = analyse("Die Kritiker werfen der Partei vor, die Basis zu vernachlässigen.")
    c = _clause(a, "vorwerfen")
    assert _text(a, c.subj) == "Die Kritiker"
    assert _text(a, c.dat) == "der Partei"


def test_noun_gender_by_lemma_and_compound_head() -> None:
    from lagebild.analyse.grammar import grammar

    g = grammar()
    assert g.gender("Regierung") == "f"
    assert g.gender("Land") == "n"
    assert g.gender("Sprecher") == "m"
    assert g.gender("Regierungssprecher") == "m"  # by its head, if not listed itself
    assert g.gender("Vorsitzende") is None  # a nominalised participle: either gender


@pytest.mark.parametrize("sentence, lemma, passive", [
    # the participle that closes an auxiliary's clause, not a second clause after "und"
    ("Der Europarat hat die ungarische Regierung an ihre Verpflichtung und die zuvor genannten Grundstandards erinnert.", "erinnern", False),
    ("Die Autobauer hatten bereits im vergangenen Jahr betont, dass andere Firmen willkommen seien.", "betonen", False),
    ("Zudem wurden Pädagogen und Obmänner von mehreren Kindergärten interviewt.", "interviewen", True),
])
def test_auxiliary_clause_closes_with_its_participle(sentence, lemma, passive):
    a = analyse(sentence)
    main = a.clauses[0]
    assert main.lemma == lemma and main.passive == passive
    assert not any(c.conj == "und" and c.kind == "main" for c in a.clauses)


def test_werden_clause_closes_with_an_infinitive():
    a = analyse("Ein solcher Schritt würde wirtschaftlich nicht nur das Königreich beschädigen, es wäre ein Schaden.")
    assert a.clauses[0].lemma == "beschädigen" and not a.clauses[0].passive


@pytest.mark.parametrize("sentence, subject", [
    ("Verdächtiger soll vor einer Woche auf Gäste in einer Bar geschossen haben.", "Verdächtiger"),
    ("Angeklagter bestreitet alle Vorwürfe.", "Angeklagter"),
])
def test_inflected_adjective_opening_the_sentence_is_a_noun(sentence, subject):
    a = analyse(sentence)
    assert a.chunk_text(a.chunks[a.clauses[0].subj]) == subject


def test_adjective_before_a_copula_stays_an_adjective():
    a = analyse("Wichtiger ist, dass die Regierung handelt.")
    assert a.tokens[0].pos == "ADJ(D)"


def test_capitalised_bare_adjective_inside_a_sentence_is_a_name():
    a = analyse("Man habe das Vertrauen missbraucht, sagte Klug.")
    klug = next(t for t in a.tokens if t.text == "Klug")
    assert klug.pos == "NE"
    assert any(f.speaker is not None and a.chunk_text(a.chunks[f.speaker]) == "Klug" for f in a.frames)


def test_capital_after_a_role_noun_starts_its_own_phrase():
    a = analyse("Es war ein Interview, in dem der Diplomat Warschau vorwarf, die Kontakte einzufrieren.")
    assert "der Diplomat" in [a.chunk_text(c) for c in a.chunks]
    b = analyse("Die Hauptstadt Warschau ist groß.")
    assert b.chunk_text(b.chunks[0]) == "Die Hauptstadt Warschau"


def test_only_degree_adverbs_join_a_noun_phrase():
    a = analyse("In der Region sind derzeit tausende Soldaten im Einsatz.")
    assert "tausende Soldaten" in [a.chunk_text(c) for c in a.chunks]
    b = analyse("Die Armee schickte sehr große Verbände.")
    assert "sehr große Verbände" in [b.chunk_text(c) for c in b.chunks]


def test_reflexive_light_verb_is_looked_up_with_sich():
    from lagebild.extract.candidates import light_verb

    a = analyse("Facebook zieht sich mit dieser Vorgehensweise heftige Kritik zu.")
    assert light_verb(a.clauses[0]) == ("acc", "target")


def test_abbreviations_take_their_fixed_tags() -> None:
    """The tagger takes "z.B." for a number and "u.U." for an adjective; in either spelling
    they are adverbs, "bzw." a conjunction, "inkl." a preposition."""
    a = analyse("Die USA schicken z. B. 40 Panzer bzw. 30 Haubitzen inkl. Munition, u.U. auch mehr.")
    tags = {t.text: t.pos for t in a.tokens}
    assert tags["z. B."] == "ADV" and tags["u.U."] == "ADV"
    assert tags["bzw."] == "KON" and tags["inkl."] == "APPR"


@pytest.mark.parametrize(
    ("sentence", "subj", "acc"),
    [
        ("Den Antrag lehnte der Vorsitzende ab.", "der Vorsitzende", "Den Antrag"),
        ("Zwei Breakbälle wehrte der 28-Jährige ab.", "der 28-Jährige", "Zwei Breakbälle"),
        ("Die Regierung kritisierte der Oppositionsführer scharf.", "der Oppositionsführer", "Die Regierung"),
        ("Eine Probefahrt hat der Reporter überstanden.", "der Reporter", "Eine Probefahrt"),
    ],
)
def test_der_before_a_masculine_or_weak_noun_marks_the_subject_after_the_verb(sentence: str, subj: str, acc: str) -> None:
    """Object first: "der" before a noun made from an adjective ending in -e, or before a
    noun with a masculine ending, can only be a nominative, so that phrase is the subject."""
    a = analyse(sentence)
    c = a.clauses[0]
    assert _text(a, c.subj) == subj
    assert _text(a, c.acc) == acc


def test_der_before_a_weak_noun_in_en_is_no_subject() -> None:
    a = analyse("Das Buch gab er der Vorsitzenden.")
    c = a.clauses[0]
    assert _text(a, c.subj) == "er"
    assert _text(a, c.dat) == "der Vorsitzenden"


def test_der_before_a_masculine_name_marks_the_subject_after_the_verb() -> None:
    """A one-word name the gender table knows as masculine ("dem ORF" in the corpus) is a
    nominative after "der"; a feminine one ("der FPÖ") is not."""
    a = analyse("Die Vorwürfe wies der ORF zurück.")
    assert _text(a, a.clauses[0].subj) == "der ORF"
    a = analyse("Die Hilfe sagte er der FPÖ zu.")
    assert _text(a, a.clauses[0].subj) == "er"


def test_ein_before_an_adjective_in_er_is_a_nominative_and_the_subject() -> None:
    """"ein klarer Plan" can only be a nominative ("einen klaren Plan" is the accusative), so it
    is the subject, and the phrase before the verb that may be a dative is none."""
    a = analyse("Der Slowakei fehlt ein klarer Plan.")
    assert _text(a, a.clauses[0].subj) == "ein klarer Plan"
    assert next(c for c in a.chunks if a.chunk_text(c) == "ein klarer Plan").cases == frozenset({"nom"})
    b = analyse("Er hat ein klares Ziel.")
    assert next(c for c in b.chunks if b.chunk_text(c) == "ein klares Ziel").cases == frozenset({"nom", "acc"})


def test_time_noun_phrase_that_can_only_be_nominative_is_the_subject() -> None:
    """"ein harter Winter" names no time the clause happens in; it is the subject, and the
    phrase that may be a dative is none. "Diese Woche" stays an adverbial."""
    a = analyse("Der Ukraine droht ein harter Winter.")
    assert _text(a, a.clauses[0].subj) == "ein harter Winter"
    b = analyse("Diese Woche kritisierte Polen die EU.")
    assert _text(b, b.clauses[0].subj) == "Polen"


def test_a_media_name_the_tagger_splits_is_one_name_and_no_object() -> None:
    """"Kronen Zeitung" (actors.tsv) is one name in the genitive of "Bericht", and the weapons
    after it are the clause's object, not a second name word."""
    a = analyse("Die Türkei hat nach einem Bericht der Kronen Zeitung Panzer an die Grenze verlegt.")
    c = a.clauses[0]
    assert _text(a, c.acc) == "Panzer"
    assert any(a.chunk_text(ch) == "der Kronen Zeitung" for ch in a.chunks)


def test_title_first_name_and_noun_like_surname_stay_one_name() -> None:
    a = analyse("Finanzminister Jack Lew reiste nach Peking.")
    assert _text(a, a.clauses[0].subj) == "Finanzminister Jack Lew"


def test_verb_with_a_sein_perfect_is_active() -> None:
    """"ist … zusammengetroffen" is the perfect of a verb that takes "sein", not a passive: the
    chancellor is the subject."""
    a = analyse("Bundeskanzlerin Merkel ist am Montag mit dem französischen Präsidenten in Paris zusammengetroffen.")
    c = a.clauses[0]
    assert not c.passive
    assert _text(a, c.subj) == "Bundeskanzlerin Merkel"

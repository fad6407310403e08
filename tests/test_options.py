"""The party options of a candidate (``extract.options``) that the decision models choose from."""

from __future__ import annotations

import lagebild
from lagebild import clean, split
from lagebild.extract import article_context, read_sentence, update_context
from lagebild.extract.options import target_options
from lagebild.model import Article
from lagebild.recognize.annotate import annotate


def _candidates(text: str):
    article = clean.clean(Article(doc_id="t", text=text))
    annotated = annotate(article.clean_text, split.split_sentences(article.clean_text))
    ctx = article_context(article, annotated)
    out = []
    for ann in annotated:
        a, cands = read_sentence(ann, ctx)
        out.extend(cands)
        update_context(a, ann, ctx)
    return out


def test_target_options_offer_the_article_country() -> None:
    """A foreign actor's act may be aimed at the country the article is about, though the
    sentence does not name it."""
    text = ("Wien – Die österreichische Regierung verschärft die Grenzkontrollen in Österreich. "
            "Die ungarische Regierung kritisierte die Pläne scharf.")
    cand = next(c for c in _candidates(text) if c.type == "ACCUSE" and c.actor is not None and c.actor.code == "HUN")
    keys = {o.key for o in target_options(cand.view, cand, cand.actor)}
    assert ("AUT",) in keys


def test_attitude_adjective_is_not_whose() -> None:
    from lagebild.extract.parties import attitude
    from lagebild.recognize.lexicon import find_mentions

    ms = {m.text: m for m in find_mentions("Die Ukraine-kritischen Abgeordneten und die EU-Staaten")}
    assert attitude(ms["Ukraine-kritischen"])
    assert not attitude(ms["EU-Staaten"])


def test_state_epithet_stands_for_the_state_named_before() -> None:
    from lagebild.analyse import analyse
    from lagebild.extract.parties import PartyFinder
    from lagebild.recognize.lexicon import find_mentions
    from lagebild.resolve import Context

    text = "Slowenien wollte entscheiden, ob das kleine EU-Land ebenfalls Obergrenzen einführt."
    a = analyse(text)
    pf = PartyFinder(a, find_mentions(text), Context(focus="AUT"))
    coded = {a.chunk_text(c): pf.party(c.i) for c in a.chunks}
    assert coded["das kleine EU-Land"].code == "SVN"
    plural = analyse("Die Länder protestierten.")
    assert PartyFinder(plural, find_mentions("Die Länder protestierten."), Context(focus="AUT")).party(0) is None


def test_thing_target_is_marked_on_the_options() -> None:
    """When the rules find a thing in the target role, the empty option and the actor's own
    state say so, so that the model can tell "kritisierte die Pläne" from a party target."""
    text = "Wien – Die Grünen kritisierten am Montag die geplante Reform scharf."
    cand = next(c for c in _candidates(text) if c.type == "ACCUSE")
    opts = target_options(cand.view, cand, cand.actor)
    assert any("rule_thing" in o.feats for o in opts)
    assert any("actor_code×rule_thing" in o.feats for o in opts)


def test_target_options_offer_the_last_same_kind_target() -> None:
    """A later sentence on the same act need not name its target again: the last act of the
    type's target is an option."""
    from lagebild.model import Party
    from lagebild.extract.options import _same_kind_options

    text = "Athen – Die EU sagte Griechenland ein drittes Hilfspaket zu. Die EU werde das Hilfspaket rasch auszahlen."
    cands = _candidates(text)
    cand = cands[-1]
    cand.view.ctx.acts.append((0, cand.type, Party(code="EU"), Party(codes=["GRC"])))
    keys = {o.key for o in _same_kind_options(cand.view, cand, "EU")}
    assert ("GRC",) in keys


def test_merged_option_keeps_the_words_of_the_phrase_the_rules_chose_not_the_dateline() -> None:
    events = lagebild.extract("Wien – Die Grünen haben die Verordnung begrüßt, fordern aber weiterhin eine Änderung der Finanzverfassung.", doc_id="x")
    assert [(e.type, e.actor.code, e.actor.text) for e in events] == [("SUPPORT", "AUT", "Die Grünen"), ("REQUEST", "AUT", "Die Grünen")]
    assert all((e.target.text if e.target else None) != "Wien" for e in events)  # the dateline says where the report comes from


def test_office_of_a_party_acts_for_it() -> None:
    """The office or staff of a party ("das Büro des Präsidenten", noun class proxy) is the
    party of its genitive: the rules name it as the actor, the model is not asked."""
    cands = _candidates("Kurz darauf widersprach ihm das Büro des französischen Präsidenten.")
    cand = next(c for c in cands if c.type == "REJECT")
    assert cand.actor is not None and cand.actor.code == "FRA"


def test_dative_the_parser_took_for_a_genitive() -> None:
    """"vorwerfen" needs a dative: a feminine singular "der X" that ends a genitive chain is
    that dative ("im Vorfeld der Tagung der griechischen Regierung"), a "des X" never is."""
    cand = next(c for c in _candidates("So hat Ungarn im Vorfeld der Tagung der griechischen Regierung mangelnde Grenzsicherung vorgeworfen.")
                if c.type == "ACCUSE")
    assert cand.target is not None and cand.target.codes == ["GRC"]
    cand = next(c for c in _candidates("So hat Ungarn im Vorfeld des Besuchs des griechischen Präsidenten mangelnde Grenzsicherung vorgeworfen.")
                if c.type == "ACCUSE")
    assert cand.target is None or "GRC" not in cand.target.codes


def test_a_place_after_auf_says_whose_a_group_is() -> None:
    """"ein Flüchtlingslager auf Lesbos" is in Greece, as "die Regierung in Ankara" is Turkey's."""
    cand = next(c for c in _candidates("Wien – Der Bundeskanzler hatte am Dienstag ein Flüchtlingslager auf Lesbos besucht.")
                if c.type == "CONSULT")
    assert cand.target is not None and cand.target.codes == ["GRC"]


def test_criticism_of_what_a_clause_tells_is_aimed_at_its_doer() -> None:
    """"Die EU kritisierte, dass die Türkei Journalisten festnimmt": aimed at Turkey; "… dass
    in Ungarn Asylwerber in Haft sind": at Hungary, whose arrests they are."""
    cand = next(c for c in _candidates("Die EU kritisierte, dass die Türkei Journalisten festnimmt.") if c.type == "ACCUSE")
    assert cand.target is not None and cand.target.codes == ["TUR"]
    cand = next(c for c in _candidates("Der Europarat verurteilte, dass in Ungarn ein Viertel aller Asylwerber in Haft ist.") if c.type == "ACCUSE")
    assert cand.target is not None and cand.target.codes == ["HUN"]


def test_whose_thing_a_relative_clause_tells_is_marked() -> None:
    """The doer of a relative clause on the object says whose the thing is: criticism of an
    exercise "an der Soldaten aus Südkorea und den USA teilnehmen" is aimed at them."""
    text = "Peking – Auch China kritisierte die Militärübung, an der 300.000 Soldaten aus Südkorea und 17.000 aus den USA teilnehmen."
    cand = next(c for c in _candidates(text) if c.type == "ACCUSE")
    opts = target_options(cand.view, cand, cand.actor)
    marked = [o for o in opts if "rel=acc.rel" in o.feats]
    assert marked and "KOR" in marked[0].party.codes


def test_context_actor_options_say_when_an_act_is_referred_back_to() -> None:
    """"Bei den Angriffen wurden 691 Menschen verletzt": an agentless passive on an act the
    article told before, whose actor it named there; the context options say so."""
    from lagebild.extract.options import actor_options

    text = ("Dresden – Neonazis griffen am Wochenende in Dresden Flüchtlinge an. "
            "Bei den Angriffen wurden demnach mindestens 691 Menschen verletzt.")
    cand = [c for c in _candidates(text) if c.type == "ASSAULT"][-1]
    opts = actor_options(cand.view, cand)
    home = [o for o in opts if "ctx=focus" in o.feats]
    assert home and "ctx×told=focus" in home[0].feats and "ctx×agentless=focus" in home[0].feats
    first = [c for c in _candidates(text) if c.type == "ASSAULT"][0]
    assert not any(k.startswith("ctx×told") for o in actor_options(first.view, first) for k in o.feats)


def test_bodies_without_home_politics_are_not_their_own_target() -> None:
    from lagebild.extract.decide import _not_at_home
    from lagebild.model import Party

    assert _not_at_home(Party(code="UN", codes=["UN"], sector="IGO"))
    assert _not_at_home(Party(code="NGO", codes=["NGO"], sector="NGO"))
    assert _not_at_home(Party(code="FRA", codes=["FRA", "POL"], sector="GOV"))
    assert not _not_at_home(Party(code="EU", codes=["EU"], sector="IGO"))
    assert not _not_at_home(Party(code="AUT", codes=["AUT"], sector="POL"))


def test_the_harmed_are_no_actor_options() -> None:
    """"nach den Anschlägen mit 130 Toten": the dead did not attack."""
    from lagebild.extract.options import actor_options

    text = "Paris – Nach den Anschlägen mit 130 Toten wurden in Frankreich drei Moscheen geschlossen."
    cand = next(c for c in _candidates(text) if c.type == "ASSAULT")
    texts = {o.party.text for o in actor_options(cand.view, cand) if o.party is not None}
    assert "130 Toten" not in texts


def test_seized_goods_of_no_named_owner_are_no_party() -> None:
    """The rules leave a seizure of goods without a code (the decision models may still pick
    the actor's own state), while an arrest of people at home is aimed at home."""
    seized = next(c for c in _candidates("Der österreichische Zoll hat 40 Kilogramm Kokain beschlagnahmt.") if c.type == "COERCE")
    assert seized.target is not None and seized.target.codes == [] and seized.target_how.endswith(":thing")
    arrested = next(c for c in _candidates("Die österreichische Polizei hat drei Männer festgenommen.") if c.type == "COERCE")
    assert arrested.target is not None and arrested.target.codes == ["AUT"]

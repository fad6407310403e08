"""Noun chunks: noun phrases, pronouns and prepositional phrases with their case.

German marks case on the determiner, not on the noun, so a chunk's possible cases come
from its first word: ``dem Präsidenten`` is dative, ``den Präsidenten`` accusative (or
dative plural), ``der Präsident`` nominative (or dative/genitive feminine). A preposition
fixes the case it governs (``gegen`` + accusative). Without a determiner, a strong
adjective ending tells (``russische Soldaten``: nominative or accusative), and a name
may be in any case. A chunk right after a noun with a genitive determiner is that
noun's genitive attribute (``der Präsident **der Türkei**``); coordinated phrases
(``die Opposition und viele Beobachter``) are one chunk with two parts.

>>> from lagebild.analyse import analyse
>>> a = analyse("Die Opposition wirft dem Präsidenten der Türkei Wahlbetrug vor.")
>>> [(a.chunk_text(c), sorted(c.cases)) for c in a.chunks]
[('Die Opposition', ['acc', 'nom']), ('dem Präsidenten', ['dat']), ('der Türkei', ['dat', 'gen', 'nom']), ('Wahlbetrug', ['acc', 'dat', 'nom'])]
"""

from __future__ import annotations

import re

from .grammar import ALL_CASES, grammar
from .model import Chunk, Token

__all__ = ["find_chunks"]

_DET_POS = frozenset({"ART", "PDAT", "PIAT", "PPOSAT", "PWAT", "PRELAT", "PIDAT"})
_NOUN_POS = frozenset({"NN", "NE", "NNA", "NNI", "FM"})
_PRON_POS = frozenset({"PPER", "PRF", "PIS", "PDS", "PPOSS", "PWS", "PRELS"})
_MOD_POS = frozenset({"ADJ(A)", "CARD", "ADJ", "ORD_ABR"})
# What may open an extended attribute (``_extended_attribute``), and what stands before it.
_ATTRIBUTE_POS = frozenset({"APPR", "APPRART", "ADV", "PTKNEG"})
_ATTRIBUTE_AFTER = _DET_POS | {"CARD"}
_ATTRIBUTE_REACH = 14  # tokens an extended attribute may span before its adjective
_COORD_NP = frozenset({"und", "oder", "sowie", "bzw.", "beziehungsweise"})
# strong adjective endings of a determiner-less phrase -> cases
_ADJ_CASES = {
    "e": frozenset({"nom", "acc"}),
    "en": frozenset({"acc", "dat", "gen"}),
    "er": frozenset({"nom", "dat", "gen"}),
    "es": frozenset({"nom", "acc", "gen"}),
    "em": frozenset({"dat"}),
}
_NO_GEN = ALL_CASES - {"gen"}
_DESTINATION_PREPS = frozenset({"nach", "in"})
_ROUND_NUMBERS = frozenset("dutzende dutzenden hunderte hunderten tausende tausenden zehntausende zehntausenden hunderttausende hunderttausenden millionen".split())
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
# The tags a chunk can start with (``_chunk_at``: a preposition, a pronoun, or what
# ``_np_at`` takes in before or as a noun); any other token starts one only by its word.
_START_POS = frozenset({"APPR", "APPRART", "NNI", "PTKA", "ADV", "ADJ(D)", "TRUNC"}) | _PRON_POS | _DET_POS | _NOUN_POS | _MOD_POS
_START_WORDS = _ROUND_NUMBERS | {"dessen", "deren"}


def find_chunks(tokens: list[Token]) -> list[Chunk]:
    """Find the noun chunks of a tagged sentence, left to right, without overlap.

    tokens (list[Token]): the sentence's tagged tokens.
    RETURNS (list[Chunk]): chunks in order, with cases, parts, genitive owners and
        postpositions ("der Polizei zufolge") attached.
    """
    chunks: list[Chunk] = []
    i = 0
    n = len(tokens)
    words = _START_WORDS | grammar().qualifier_starts
    while i < n:
        tok = tokens[i]
        if tok.pos not in _START_POS and tok.text.lower() not in words:
            i += 1  # a verb, a conjunction, punctuation …: _chunk_at would find nothing (and most tokens are tried)
            continue
        found = _chunk_at(tokens, i)
        if found is None:
            i += 1
            continue
        chunks.append(found)
        i = found.end
    chunks = _coordinate(tokens, chunks)
    for idx, chunk in enumerate(chunks):
        chunk.i = idx
    _postpositions(tokens, chunks)
    _genitives(tokens, chunks)
    _parentheticals(tokens, chunks)
    _appositions(tokens, chunks)
    return chunks


def _chunk_at(tokens: list[Token], i: int) -> Chunk | None:
    """A chunk starting at token ``i`` (a preposition, determiner, modifier, noun or pronoun)."""
    tok = tokens[i]
    prep_info = _preposition(tok)
    if prep_info is not None and _qualified_number(tokens, i, *grammar().counting_prepositions):
        prep_info = None  # "wurden **über 100 Menschen** getötet", "bis zu 40.000 Zivilisten": a count, no preposition
    if prep_info is not None:
        lemma, cases = prep_info
        np = _np_at(tokens, i + 1)
        if np is None:
            return None
        end, head, np_cases, kind, plural = np
        governed = cases & np_cases if lemma not in ("laut",) else cases
        return Chunk(i=-1, start=i, end=end, head=head, prep=lemma, cases=governed or cases, kind=kind, plural=plural, parts=[(i + 1, end)])
    np = _np_at(tokens, i)
    if np is None:
        return None
    end, head, cases, kind, plural = np
    return Chunk(i=-1, start=i, end=end, head=head, cases=cases, kind=kind, plural=plural, parts=[(i, end)])


def _qualified_number(tokens: list[Token], i: int, *phrases: tuple[str, ...]) -> bool:
    """Whether one of the qualifier phrases, then a number, starts at ``i``."""
    for words in phrases:
        k = i + len(words)
        if k < len(tokens) and tokens[k].pos == "CARD" and tuple(t.text.lower() for t in tokens[i:k]) == words:
            return True
    return False


def _preposition(tok: Token) -> tuple[str, frozenset[str]] | None:
    """(lemma, governed cases) of a preposition token, else None."""
    if tok.pos not in ("APPR", "APPRART"):
        return None
    entry = grammar().prepositions.get(tok.text.lower())
    if entry is None:
        return tok.lemma.lower(), ALL_CASES
    lemma, cases, kind = entry
    if kind == "post":
        return None
    return lemma, cases


def _np_at(tokens: list[Token], i: int) -> tuple[int, int, frozenset[str], str, bool | None] | None:
    """Parse a noun phrase at ``i``: (end, head, cases, kind, plural) or None."""
    g = grammar()
    n = len(tokens)
    if i >= n:
        return None
    tok = tokens[i]
    if tok.pos in _PRON_POS and not (i + 1 < n and tokens[i + 1].pos in _NOUN_POS | _MOD_POS and tok.pos in ("PIS", "PDS")):
        cases = g.cases_of(tok.text) or ALL_CASES
        number = g.number_of(tok.text) or ""
        plural = True if number.endswith("pl") and "sg" not in number else False if number.endswith("sg") and "pl" not in number else None
        kind = {"PRF": "refl", "PRELS": "rel"}.get(tok.pos, "pron")
        return i + 1, i, cases, kind, plural
    j = i
    cases: frozenset[str] | None = None
    plural: bool | None = None
    # a qualifier before a number (qualifiers.tsv): "von **rund** 100 Uiguren", "mit **mindestens**
    # 500 Soldaten", "**mehr als** 700 Schulen", "**bis zu** 40.000 Soldaten" (an upper bound, no preposition)
    if j < n and tokens[j].text.lower() in g.qualifier_starts:
        for words in g.number_qualifiers:
            if _qualified_number(tokens, j, words):
                j += len(words)
                break
    # determiners (and a prenominal genitive name: "Russlands Armee", "Erdoğans Partei")
    while j < n and (tokens[j].pos in _DET_POS or _prenominal_genitive(tokens, j) or _possessive_dessen(tokens, j)):
        if tokens[j].pos in _DET_POS and cases is None and tokens[j].text.lower() not in ("dessen", "deren"):
            # (a possessor "dessen"/"deren" is genitive itself; its phrase takes any case)
            cases = g.cases_of(tokens[j].text, tokens[j].pos)
            number = g.number_of(tokens[j].text)
            plural = True if number == "pl" else False if number == "sg" else None
        j += 1
    # round-number nouns count like numbers: "Dutzende Kampfflugzeuge", "Tausende Soldaten"
    if j + 1 < n and tokens[j].text.lower() in _ROUND_NUMBERS and tokens[j + 1].pos in _NOUN_POS | _MOD_POS:
        j += 1
    # modifiers: adjectives, numbers, adverbs that grade them, truncated compounds, and an
    # extended participle attribute ("ein **von Badawi mitgegründetes** Internetforum")
    first_mod = j
    while j < n:
        pos = tokens[j].pos
        if pos in _ATTRIBUTE_POS and j > i and tokens[j - 1].pos in _ATTRIBUTE_AFTER:
            closing = _extended_attribute(tokens, j)
            if closing is not None:
                j = closing
                continue
            if pos in ("APPR", "APPRART"):
                break
        if pos in _MOD_POS or pos == "PTKA":
            j += 1
        elif pos in ("ADV", "ADJ(D)") and j + 1 < n and tokens[j + 1].pos in ("ADJ(A)", "ADJ") and (pos == "ADJ(D)" or tokens[j].text.lower() in grammar().degree_adverbs):
            j += 1  # "sehr große", "besonders schwere" (an adverb before a number stays outside; "derzeit tausende" is no phrase)
        elif pos == "TRUNC" and j + 2 < n and tokens[j + 1].pos == "KON":
            j += 2
        else:
            break
    start_nouns = j
    while j < n and (tokens[j].pos in _NOUN_POS or _name_continues(tokens, j, start_nouns)):
        if j > start_nouns and tokens[j].pos in ("NN", "NNA") and tokens[j - 1].pos in ("NN", "NNA", "NE") and not _inside_name(tokens, j, start_nouns):
            break  # "dem Minister | Lügen", "der Ukraine | Waffen": a second common noun starts a new phrase
        if j > start_nouns and tokens[j - 1].pos in ("NN", "NNA") and _state_after_noun(tokens[j - 1], tokens[j]):
            break  # "hatte die EU-Kommission | Griechenland gedrängt" (but "die Republik Moldau")
        if j > start_nouns and _time_word(tokens[j - 1]) and not _time_word(tokens[j]):
            break  # "kritisierte am Montag | Russland": a time noun ends its phrase ("Montag Abend" goes on)
        j += 1
        if j < n and tokens[j].pos == "TRUNC":
            break
    if j == start_nouns:
        if j > i and tokens[j - 1].pos in ("ADJ(A)", "CARD", "PIDAT") and (j - first_mod) > 0:
            head = j - 1  # "die Verletzten", "23" (a nominalised adjective or a bare number)
            kind = "num" if tokens[head].pos == "CARD" else "noun"
            if kind == "num" and j - i == 1 and _YEAR.fullmatch(tokens[head].text):
                kind = "year"  # "1997 verließ er …": a time, not a party
            cases = cases or _adjective_cases(tokens, first_mod, j) or _NO_GEN
            if kind == "noun" and first_mod == head and head > i and tokens[head - 1].text.lower() == "der":
                cases = _der_by_gender(tokens[head], cases)  # "der 28-Jährige", "der Verletzten"
            return j, head, cases, kind, plural
        if j > i and tokens[i].pos in _DET_POS and j == i + 1 and tokens[i].pos in ("PDAT", "PIAT"):
            return j, i, cases or ALL_CASES, "pron", plural  # "dies", "alle" used alone
        return None
    head = j - 1
    if cases is not None and first_mod < start_nouns:
        cases, plural = _weak_ending(tokens, first_mod - 1, first_mod, start_nouns, cases, plural)
    if cases is None:
        if first_mod < start_nouns:
            cases = _adjective_cases(tokens, first_mod, start_nouns) or _NO_GEN
        elif tokens[start_nouns].pos == "NE":
            cases = ALL_CASES
        else:
            cases = _NO_GEN
    if first_mod == start_nouns and start_nouns > i and tokens[start_nouns - 1].text.lower() == "der" and (
            tokens[head].pos in ("NN", "NNA") or (tokens[head].pos == "NE" and j == start_nouns + 1)):  # "der Irak", "der ORF"
        cases = _der_by_gender(tokens[head], cases)
    if "dat" in cases and len(cases) > 1 and _plural_not_dative(tokens, first_mod, start_nouns, head, plural):
        cases = cases - {"dat"}  # "liefern Taiwan **66 Kampfflugzeuge**": not the dative (Kampfflugzeugen)
    kind = "name" if all(tokens[k].pos == "NE" for k in range(start_nouns, j)) else "noun"
    if _is_time(tokens, start_nouns, head):
        kind = "time"  # "am Montag", "Anfang Jänner", "vergangene Woche": when, not who
    return j, head, cases, kind, plural


def _extended_attribute(tokens: list[Token], j: int) -> int | None:
    """The adjective that closes an extended attribute starting at ``j``, after a determiner
    or a number: prepositional phrases, adverbs and negation, joined by "und", then the
    attributive adjective or participle ("den **ebenfalls am Freitag** festgenommenen
    Mann", "zwei **im Raum Düsseldorf und in Gießen** festgenommenen Männern", "die **nicht
    mehr** benötigten Waffen"); None when the words do not lead to one."""
    n = len(tokens)
    k = j
    while k < n and k - j <= _ATTRIBUTE_REACH:
        tok = tokens[k]
        if tok.pos in ("APPR", "APPRART"):
            inner = _np_at(tokens, k + 1)
            if inner is None:
                return None
            k = inner[0]
        elif tok.pos in ("ADV", "ADJ(D)", "PTKNEG") and tok.text[:1].islower():
            k += 1
        elif tok.pos == "KON" and tok.text.lower() in ("und", "oder", "sowie") and k > j:
            k += 1
        elif tok.pos == "ADJ(A)":
            return k if k > j else None
        else:
            return None
    return None


def _inside_name(tokens: list[Token], j: int, start: int) -> bool:
    """A capitalised word after the first name of a title + name: "Finanzminister Jack **Lew**"."""
    return j - start >= 2 and tokens[j - 1].pos == "NE" and tokens[j - 2].pos == "NN" and tokens[j].text[:1].isupper() and len(tokens[j].text) <= 12


_PHASES = frozenset({"anfang", "ende", "mitte", "beginn"})


def _is_time(tokens: list[Token], first: int, head: int) -> bool:
    """A phrase that says when: a time noun, or "Anfang/Ende/Mitte" of a time ("Ende Mai",
    "Ende des Jahres" — but not "ein Ende der Kämpfe")."""
    times = grammar().time_nouns
    word = tokens[first].text.lower()
    if word in _PHASES:
        nxt = tokens[first + 1] if first + 1 < len(tokens) else None
        after = tokens[first + 2] if first + 2 < len(tokens) else None
        if nxt is None:
            return False
        if nxt.pos == "CARD" or nxt.text.lower() in times:
            return True
        return nxt.pos == "ART" and after is not None and after.text.lower() in times
    return tokens[head].text.lower() in times or word in times


def _state_after_noun(noun: Token, name: Token) -> bool:
    g = grammar()
    last = noun.text.rsplit("-", 1)[-1]  # "der Russland-freundlichen Ungarn": an adjective the tagger took for a noun
    designates = last.lower().endswith(g.state_designators) or noun.lemma.lower().endswith(g.state_designators)  # "des Königreichs Bahrain"
    return name.text in g.state_names and last[:1].isupper() and not designates


def _time_word(tok: Token) -> bool:
    return tok.text.lower() in grammar().time_nouns


def _name_continues(tokens: list[Token], j: int, start: int) -> bool:
    """A capitalised word the tagger misread, inside a name: "Günther **Platter**"."""
    if j <= start or tokens[j - 1].pos != "NE":
        return False
    tok = tokens[j]
    return tok.text[:1].isupper() and tok.pos in ("ADJ(A)", "ADJ(D)", "ADV", "VV(FIN)", "VV(PP)", "XY") and tok.text.isalpha()


def _prenominal_genitive(tokens: list[Token], j: int) -> bool:
    """A name in the -s genitive before a noun: "Russlands Armee", "Erdoğans Partei", or with
    an apostrophe after s, z, x, ß: "Pilz’ Vorwurf" (the tagger may call it a common noun)."""
    tok = tokens[j]
    apostrophe = tok.text.endswith(("’", "'")) and tok.text[:1].isupper()
    if (tok.pos not in ("NE", "NNI") and not apostrophe) or not (tok.text.endswith("s") or apostrophe) or j + 1 >= len(tokens):  # NNI: a name the tagger did not know
        return False
    nxt = tokens[j + 1]
    return nxt.pos in ("NN", "ADJ(A)") and nxt.text[:1].isupper() if nxt.pos == "NN" else nxt.pos == "ADJ(A)"


def _possessive_dessen(tokens: list[Token], j: int) -> bool:
    """ "dessen"/"deren" before a noun is its possessor, like a determiner: "nach **dessen**
    Nato-Beitritt", "deren Truppen" (the tagger may call it a demonstrative pronoun)."""
    return tokens[j].text.lower() in ("dessen", "deren") and j + 1 < len(tokens) and tokens[j + 1].pos in _NOUN_POS | _MOD_POS


def _plural_not_dative(tokens: list[Token], first_mod: int, start_nouns: int, head: int, plural: bool | None) -> bool:
    """A plural common noun is dative only with the ending -n (or a plural in -s): a counted
    or plural phrase whose head ends otherwise ("66 Kampfflugzeuge", "die Soldaten" aside)
    is nominative or accusative (or genitive)."""
    word = tokens[head].text
    if tokens[head].pos not in ("NN", "NNA") or word.endswith(("n", "s")) or not word[-1:].isalpha():
        return False
    counted = any(
        tokens[k].pos == "CARD" and tokens[k].text.lower() not in ("1", "ein", "eine", "einen", "einem", "einer")
        for k in range(first_mod, start_nouns)
    ) or (first_mod > 0 and tokens[first_mod - 1].text.lower() in _ROUND_NUMBERS)
    return plural is True or counted


# endings of nouns for persons and of other nouns that are masculine in the singular: a
# feminine takes "-in" ("Reporterin"); "-ment" nouns are neuter ("Parlament"), not "-ent" ones
_MASCULINE_ENDINGS = ("er", "ent", "ist", "eur", "ling", "ismus", "ant", "är", "or", "ier")


def _masculine_ending(lemma: str) -> bool:
    return len(lemma) >= 5 and lemma[:1].isupper() and lemma.endswith(_MASCULINE_ENDINGS) and not lemma.endswith("ment")


def _der_by_gender(noun: Token, cases: frozenset[str]) -> frozenset[str]:
    """Narrow "der" before a noun by the noun's gender: "der Sprecher", "der Westen" are
    nominatives (a masculine singular), "der Regierung" a dative or genitive (a feminine);
    a form that is not the lemma may be a genitive plural ("der Risikofaktoren"). A noun made
    from an adjective declines weakly after "der": "der Vorsitzende", "der 28-Jährige" are
    nominatives, "der Vorsitzenden" a dative or genitive. A noun the gender table does not know
    is masculine by a masculine ending ("der Reporter", "der Dirigent", _MASCULINE_ENDINGS)."""
    if noun.pos in ("NNA", "ADJ(A)"):
        if noun.text.endswith("e"):
            return cases & frozenset({"nom"}) or cases
        if noun.text.endswith("en"):
            return cases - {"nom"} or cases
        return cases
    gender = grammar().gender(noun.lemma)
    if gender is None and noun.pos == "NN" and noun.text == noun.lemma and _masculine_ending(noun.lemma):
        gender = "m"
    if gender == "m" and noun.text == noun.lemma:
        return frozenset({"nom"})
    if gender == "f" and noun.text == noun.lemma:
        return cases - {"nom"}
    return cases


# the uninflected forms of "ein" and the words declined like it: before an adjective in "-er"
# they open a masculine nominative
_EIN_WORDS = frozenset({"ein", "kein", "mein", "dein", "sein", "ihr", "unser", "euer"})


def _weak_ending(tokens: list[Token], det: int, start: int, end: int, cases: frozenset[str], plural: bool | None) -> tuple[frozenset[str], bool | None]:
    """Narrow a definite determiner's cases by the weak ending of the adjective after it:
    "der langjährig**e** Präsident" is nominative singular (a genitive or dative "der" takes
    "-en"); "die neu**en** Regeln" is plural."""
    if det < 0 or tokens[det].pos not in ("ART", "PDAT", "PPOSAT", "PIAT"):
        return cases, plural
    word = tokens[det].text.lower()
    last = next((tokens[k].text.lower() for k in range(end - 1, start - 1, -1) if tokens[k].pos in ("ADJ(A)", "ADJ")), None)
    if last is None:
        return cases, plural
    if word in _EIN_WORDS and last.endswith("er") and "nom" in cases:
        return frozenset({"nom"}), False  # "ein klar**er** Plan": a masculine nominative ("einen klaren Plan")
    if word in ("der", "dieser", "jener") and last.endswith("e") and not last.endswith("ee"):
        return frozenset({"nom"}), False
    if word in ("die", "diese", "jene") and last.endswith("en"):
        return cases, True
    if word in ("die", "diese", "jene") and last.endswith("e"):
        return cases, False
    return cases, plural


def _adjective_cases(tokens: list[Token], start: int, end: int) -> frozenset[str] | None:
    """Cases from the strong ending of the last adjective in ``[start, end)``."""
    for k in range(end - 1, start - 1, -1):
        if tokens[k].pos in ("ADJ(A)", "ADJ"):
            word = tokens[k].text.lower()
            for ending in ("en", "er", "es", "em", "e"):
                if word.endswith(ending):
                    return _ADJ_CASES[ending]
            return None
    return None


def _coordinate(tokens: list[Token], chunks: list[Chunk]) -> list[Chunk]:
    """Join "A und B" and "A, B und C" into one chunk with several parts."""
    out: list[Chunk] = []
    k = 0
    while k < len(chunks):
        chunk = chunks[k]
        members = [chunk]
        paired = False  # joined by the second half of a paired conjunction ("sowohl A als auch B")
        m = k
        while m + 1 < len(chunks):
            nxt = chunks[m + 1]
            gap = tokens[members[-1].end : nxt.start]
            if len(gap) == 2 and gap[0].text == "," and gap[1].text.lower() in _COORD_NP:
                gap = gap[1:]  # "A, B, und C"
            if len(members) == 1 and chunk.start > 0 and _paired(tokens[chunk.start - 1].text, gap):
                gap, paired = gap[-1:], True  # "sowohl Faymann als auch Merkel", "weder Paris noch Berlin"
                word = "und"
            elif len(gap) != 1:
                break
            else:
                word = gap[0].text.lower()
            same_prep = nxt.prep == chunk.prep or (nxt.prep is None and chunk.prep is not None and nxt.kind in ("name", "noun") and bool(nxt.cases & chunk.cases)) or (
                {nxt.prep, chunk.prep} <= _DESTINATION_PREPS  # "nach Niger und in den Tschad"
            )
            if word in _COORD_NP and same_prep and _coordinable(chunk, nxt):
                members.append(nxt)
                m += 1
                if paired and len(members) == 2:
                    continue  # "sowohl A als auch B und C"
                break
            if word == "," and same_prep and _coordinable(chunk, nxt) and _list_continues(tokens, chunks, m + 1):
                members.append(nxt)
                m += 1
                continue
            break
        if len(members) > 1 and (paired or tokens[members[-2].end].text.lower() in _COORD_NP or tokens[members[-2].end + 1].text.lower() in _COORD_NP):
            last = members[-1]
            cases = frozenset.intersection(*(c.cases for c in members)) or chunk.cases
            parts = [p for c in members for p in c.parts]
            out.append(Chunk(i=-1, start=chunk.start, end=last.end, head=chunk.head, prep=chunk.prep, cases=cases,
                             kind=chunk.kind if chunk.kind != "pron" else "noun", plural=True, parts=parts))
            k = m + 1
            continue
        out.append(chunk)
        k += 1
    return out


_PAIRED = {"sowohl": ("als", "auch"), "weder": ("noch",), "entweder": ("oder",)}


def _paired(before: str, gap: list[Token]) -> bool:
    """The words between two chunks close the paired conjunction that opened before the first
    ("**sowohl** A **als auch** B", "**weder** A **noch** B", "**entweder** A **oder** B")."""
    closing = _PAIRED.get(before.lower())
    return closing is not None and tuple(t.text.lower() for t in gap) == closing


def _coordinable(a: Chunk, b: Chunk) -> bool:
    """Two chunks can be conjuncts: both noun phrases (or both pronouns), compatible cases."""
    if a.kind in ("rel", "refl") or b.kind in ("rel", "refl"):
        return False
    return bool(a.cases & b.cases)


def _list_continues(tokens: list[Token], chunks: list[Chunk], idx: int) -> bool:
    """After "A, B" the list goes on with ", C" or "und C" (else the comma ends a clause)."""
    chunk = chunks[idx]
    if chunk.end >= len(tokens):
        return False
    word = tokens[chunk.end].text.lower()
    if word in _COORD_NP:
        return idx + 1 < len(chunks) and chunks[idx + 1].start == chunk.end + 1
    if word == ",":
        if chunk.end + 1 < len(tokens) and tokens[chunk.end + 1].text.lower() in _COORD_NP:
            return idx + 1 < len(chunks) and chunks[idx + 1].start == chunk.end + 2  # ", und C"
        return idx + 1 < len(chunks) and chunks[idx + 1].start == chunk.end + 1 and _list_continues(tokens, chunks, idx + 1)
    return False


def _postpositions(tokens: list[Token], chunks: list[Chunk]) -> None:
    """Attach a postposition ("zufolge", "gegenüber") to the phrase before it."""
    g = grammar()
    for chunk in chunks:
        if chunk.prep is not None or chunk.end >= len(tokens):
            continue
        tok = tokens[chunk.end]
        entry = g.prepositions.get(tok.text.lower())
        if tok.pos == "APPO" or (entry is not None and entry[2] == "post" and tok.pos in ("APPO", "APPR", "ADV", "PTKVZ")):
            lemma = entry[0] if entry else tok.lemma.lower()
            cases = entry[1] if entry else ALL_CASES
            chunk.prep = lemma
            chunk.post = True
            chunk.end += 1
            chunk.cases = chunk.cases & cases or cases


def _genitives(tokens: list[Token], chunks: list[Chunk]) -> None:
    """Mark a chunk right after a noun with a genitive determiner as its genitive attribute."""
    g = grammar()
    for prev, chunk in zip(chunks, chunks[1:]):
        if chunk.prep is not None or chunk.start != prev.end or prev.kind in ("pron", "refl", "rel", "num"):
            continue
        first = tokens[chunk.start]
        if first.pos in _DET_POS:
            cases = g.cases_of(first.text) or frozenset()
            if "gen" in cases and (cases == {"gen"} or first.text.lower().endswith("er")):  # der, einer, ihrer, seiner, dieser
                chunk.owner = prev.i
                chunk.cases = frozenset({"gen"})
        elif first.pos in ("ADJ(A)", "PIAT", "PIDAT") and first.text.lower().endswith("er") and prev.kind == "noun" and (chunk.cases >= {"gen"} or len(chunk.parts) > 1):
            # (a coordinated bare noun after it does not exclude the genitive: "zusätzlicher
            # Soldaten und Ausrüstung")
            chunk.owner = prev.i  # "eine Verlegung **weiterer US-Truppen**" (strong genitive plural)
            chunk.cases = frozenset({"gen"})
        elif first.pos == "NE" and first.text.endswith("s") and chunk.end - chunk.start == 1 and prev.prep is None:
            chunk.owner = prev.i  # "die Truppen Russlands"
            chunk.cases = frozenset({"gen"})


def _parentheticals(tokens: list[Token], chunks: list[Chunk]) -> None:
    """A chunk in parentheses right after another one is its apposition: "der Arbeiterpartei (PKK)"."""
    for prev, chunk in zip(chunks, chunks[1:]):
        if chunk.start >= 1 and chunk.end < len(tokens) and chunk.start == prev.end + 1:
            if tokens[chunk.start - 1].text == "(" and tokens[chunk.end].text == ")" and chunk.prep is None:
                chunk.owner = prev.i


def _bracket_rest(tokens: list[Token], start: int) -> bool:
    """From ``start`` to the sentence's end only the closing part of a verb bracket:
    particles, infinitives, participles ("…, **zusammen**.", "…, **festgenommen worden**.")."""
    rest = [t for t in tokens[start:] if t.pos != "$."]
    return bool(rest) and all((t.is_verb and not t.is_finite) or t.pos in ("PTKVZ", "PTKZU") for t in rest)


def _clause_tail(tokens: list[Token], start: int) -> bool:
    """From ``start`` to the sentence's end only the rest of one clause: no finite verb, no
    comma, no conjunction or quote, no new sentence ("…, warf X, Obfrau von Y, **Malmström
    vor**.", "…, sagte X, Sprecher der Nato, **am Montag in Brüssel**.")."""
    rest = tokens[start:]
    if not rest or rest[-1].pos != "$.":
        return False
    return len(rest) > 1 and not any(t.is_finite or t.pos in ("$,", "$(", "KON", "KOUS", "$.") for t in rest[:-1])


def _appositions(tokens: list[Token], chunks: list[Chunk]) -> None:
    """A noun phrase between commas right after another one, before the finite verb or the
    sentence's end, names the same party: "Der Sprecher der Nato, **Hans Müller**, sagte",
    "Hans Müller, **Sprecher der Nato**, sagte", "…, sagte Hans Müller, **Sprecher der Nato**.",
    "…, sagte Hans Müller, **Sprecher der Nato**, am Montag."
    After a prepositional phrase it must agree in case and close the clause's verb bracket
    ("traf mit dem Parlamentspräsidenten, **dem Abgeordneten Deniz Baykal**, zusammen").
    One of the two is a name, the other not; a list ("Polen, Litauen und Lettland") is none."""
    n = len(tokens)
    for idx, chunk in enumerate(chunks):
        if chunk.prep is not None or chunk.owner is not None or chunk.kind not in ("noun", "name") or len(chunk.parts) > 1:
            continue
        if chunk.start < 2 or tokens[chunk.start - 1].text != ",":
            continue
        prev = chunks[idx - 1] if idx and chunks[idx - 1].end == chunk.start - 1 else None
        if prev is None:
            continue  # (chunks are in order without overlap: only the one before can end at the comma)
        while prev.owner is not None:
            prev = chunks[prev.owner]
        if prev.kind not in ("noun", "name") or len(prev.parts) > 1 or prev.appos is not None:
            continue
        # the apposition runs on through its own attributes ("Sprecher **der Nato**", "Kommissar **für Menschenrechte**")
        end = chunk.end
        absorbed = {chunk.i}
        for other in chunks[idx + 1 :]:
            if other.start != end or (other.owner not in absorbed and other.prep is None):
                break  # ("Sprecher des Außenministeriums **der Ukraine**": a genitive of a genitive)
            absorbed.add(other.i)
            end = other.end
        if end >= n:
            continue
        after = tokens[end]
        closes = after.pos == "$." and end == n - 1 or (after.text == "," and end + 1 < n and (tokens[end + 1].is_finite or _clause_tail(tokens, end + 1)))
        if prev.prep is not None:
            # after a prepositional phrase only before the rest of the verb bracket:
            # "traf mit dem Alterspräsidenten, **dem Abgeordneten Deniz Baykal**, zusammen"
            closes = after.text == "," and _bracket_rest(tokens, end + 1)
        if not closes:
            continue
        names = [c for c in (prev, chunk) if c.kind == "name" or tokens[c.head].pos == "NE"]
        if len(names) != 1 or not (prev.cases & chunk.cases):
            continue  # (two names in a row are a list: "Polen, Lettland, Estland")
        chunk.appos = prev.i

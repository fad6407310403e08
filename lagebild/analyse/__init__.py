"""The analyse stage: a linguistic layer computed once per sentence and shared by every rule.

``analyse(text)`` tokenises a sentence (``lagebild.split.tokenize``), tags every token with
part of speech and lemma (``tagger``: HanTa's German model), finds noun chunks with their
case (``chunks``), clauses with their verb complex and grammatical functions
(``clauses``), and speech and attribution frames (``speech``). The result is plain data
(``lagebild.analyse.model``) that the extract stage reads; nothing downstream matches raw
character strings.

>>> a = analyse("Die Opposition wirft dem Präsidenten vor, die Wahl manipuliert zu haben.")
>>> c = a.clauses[0]
>>> c.lemma, a.chunk_text(a.chunks[c.subj]), a.chunk_text(a.chunks[c.dat])
('vorwerfen', 'Die Opposition', 'dem Präsidenten')
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..recognize import read_tsv
from ..split import tokenize
from .chunks import find_chunks
from .clauses import find_clauses, looks_participle
from .grammar import grammar
from .model import Analysis, Chunk, Clause, Frame, Token
from .speech import find_frames
from .tagger import get_tagger

__all__ = ["analyse", "Analysis", "Chunk", "Clause", "Frame", "Token"]


def analyse(text: str) -> Analysis:
    """Analyse one German sentence.

    text (str): the sentence (offsets in the result are relative to it).
    RETURNS (Analysis): tokens with POS and lemma, noun chunks, clauses, speech frames.
    """
    raw = tokenize(text)
    tagger = get_tagger()
    words = [t.text for t in raw]
    tags = _fixed_adverbs(_known_particle_names(_particle_names(_punctuation(_tag(tagger, words), words), words), words), words)
    tags = _known_media_names(tags, words)
    tags = _surname_initials(_abbreviations(tags, words), words)
    tags = _nominalised(_finite_participle(_ohne_phrase(tags), words), words)
    tags = _relative_pp(_subordinating_als(_finite_adjective(tags, words, tagger), words), words)
    tags = _relative_bare(tags, words)
    tags = _closing_participle(tags, words, tagger)
    tokens = []
    lemmas = _LEMMAS
    for i, (t, pos) in enumerate(zip(raw, tags)):
        # (most lemmas are in _lemma's memo already; Token's fields by position, in their
        # order i, start, end, text, pos, lemma: this loop runs once per token)
        lemma = lemmas.get((t.text, pos)) or _lemma(tagger, t.text, pos)
        tokens.append(Token(i, t.start, t.end, t.text, pos, lemma))
    a = Analysis(text=text, tokens=tokens)
    a.chunks = find_chunks(tokens)
    a.clauses = find_clauses(tokens, a.chunks)
    a.frames = find_frames(a)
    return a


_DASHES = frozenset({"–", "—", "-"})


def _tag(tagger, words: list[str]) -> list[str]:
    """POS tags of a sentence. A dateline ("Sydney – Im Inselstaat …", "Bratislava/Wien – Der
    Vertrag …") is tagged apart from the sentence it heads: after the dash the tagger
    otherwise takes the first words for foreign material (FM, XY)."""
    k = next((n for n, w in enumerate(words[:7]) if w in _DASHES), None)
    if k is None or k == 0 or k == len(words) - 1:
        return tagger.tag(words)
    head = tagger.tag(words[:k])
    if not all(t in ("NE", "NN", "FM", "XY") or t.startswith("$") for t in head):
        return tagger.tag(words)  # "Die Regierung – so heißt es – will …": no dateline
    return head + ["$("] + tagger.tag(words[k + 1 :])


_MARKS = _DASHES | frozenset("„“”»«‚‘’\"()[]…/")


def _punctuation(tags: list[str], words: list[str]) -> list[str]:
    """A dash, quote or bracket is punctuation, whatever the tagger guessed: after a name it
    may take "–" for foreign material (FM, XY), and the name's chunk would swallow the dash
    of a parenthesis ("aus Afghanistan – seien …")."""
    return [t if w not in _MARKS or t.startswith("$") else "$(" for t, w in zip(tags, words)]


_PARTICLE_NAME = re.compile(r"[a-z]{1,4}-[A-ZÄÖÜ][\w-]*")


_SURNAME_INITIAL = re.compile(r"[A-ZÄÖÜ]\.")


def _surname_initials(tags: list[str], words: list[str]) -> list[str]:
    """An abbreviated surname after a name is part of the name: "Rabah **N.**", "Salah **A.**"
    (the tagger takes "N." for a preposition or an abbreviation)."""
    return ["NE" if k > 0 and tags[k - 1] == "NE" and _SURNAME_INITIAL.fullmatch(w) else t for k, (t, w) in enumerate(zip(tags, words))]


def _particle_names(tags: list[str], words: list[str]) -> list[str]:
    """A name with a lower-case particle ("al-Hussein", "al-Assad", "el-Sisi") is a name: the
    tagger takes the lower-case start for a verb ("Zeid Raad al-Hussein" as an infinitive
    became the main verb of "sagte der UN-Hochkommissar …")."""
    return ["NE" if t.startswith("V") and _PARTICLE_NAME.fullmatch(w) else t for t, w in zip(tags, words)]


def _abbreviations(tags: list[str], words: list[str]) -> list[str]:
    """Abbreviations the tagger does not know take their fixed tag ("z.B.", "z. B." ADV, "bzw."
    KON, "inkl." APPR: grammar/abbreviation_tags.tsv) instead of its guess (a number, an
    adjective)."""
    known = grammar().abbreviation_tags or {}
    out = tags
    for k, word in enumerate(words):
        if not word.endswith("."):
            continue
        compact = word.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
        tag = known.get(compact) or known.get(compact[:1].lower() + compact[1:])
        if tag is not None and tag != out[k]:
            out = out[:k] + [tag] + out[k + 1 :]
    return out


def _fixed_adverbs(tags: list[str], words: list[str]) -> list[str]:
    """The words of a fixed adverbial ("nach wie vor", "bis auf Weiteres", grammar/fixed_adverbs.tsv)
    are adverbs: the tagger takes "nach" of "ist nach wie vor inakzeptabel" for the verb's
    separable particle ("nachsein")."""
    phrases = grammar().fixed_adverbs
    starts = _adverb_starts()
    out = tags
    k = 0
    while k < len(words):
        found = None
        if words[k].lower() in starts:
            found = next((p for p in phrases if tuple(w.lower() for w in words[k : k + len(p)]) == p), None)
        if found is None:
            k += 1
            continue
        out = out[:k] + ["ADV"] * len(found) + out[k + len(found) :]
        k += len(found)
    return out


@lru_cache(maxsize=1)
def _adverb_starts() -> frozenset[str]:
    return frozenset(p[0] for p in grammar().fixed_adverbs)


@lru_cache(maxsize=1)
def _particle_surnames() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The surnames of people.tsv that open with a lower-case or particle word ("von der
    Leyen", "Van der Bellen", "de Maizière", "bin Laden"), as lower-case word tuples by first word."""
    out: dict[str, set[tuple[str, ...]]] = {}
    for row in read_tsv("people.tsv"):
        words = tuple(row[0].lower().split())
        if len(words) > 1 and row[0].split()[0].lower() in _NAME_PARTICLES:
            out.setdefault(words[0], set()).add(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


@lru_cache(maxsize=1)
def _media_names() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The names of media of two or more capitalised words in actors.tsv ("Kronen Zeitung",
    "Neue Zürcher Zeitung"), as word tuples by first word."""
    out: dict[str, set[tuple[str, ...]]] = {}
    for row in read_tsv("actors.tsv"):
        if len(row) < 4 or row[3] != "media":
            continue
        for name in row[0].split("|"):
            words = tuple(name.split())
            if len(words) > 1 and all(w[:1].isupper() for w in words) and words[0].lower() not in ("der", "die", "das"):
                out.setdefault(words[0], set()).add(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def _known_media_names(tags: list[str], words: list[str]) -> list[str]:
    """A medium's name the tagger reads as two nouns is one name: "nach einem Bericht der
    **Kronen Zeitung**" (not a genitive "der Kronen" and a second phrase "Zeitung", which then
    passes for the clause's object)."""
    return _names_as_one(tags, words, _media_names(), fold=False, only_split=True)


_NAME_PARTICLES = frozenset({"von", "van", "de", "zu", "di", "da", "del", "della", "ten", "ter", "dos", "bin", "ibn", "al", "el"})


def _known_particle_names(tags: list[str], words: list[str]) -> list[str]:
    """The words of a known surname with a particle are one name ("Ursula **von der Leyen**",
    "**Van der Bellen**", "Thomas **de Maizière**"): the tagger takes "der" for an article and
    the surname for a noun, and the chunker then splits the person in two."""
    return _names_as_one(tags, words, _particle_surnames(), fold=True)


def _names_as_one(tags: list[str], words: list[str], known: dict[str, tuple[tuple[str, ...], ...]], fold: bool,
                  only_split: bool = False) -> list[str]:
    """Tag the words of each known name (word tuples by first word, longest first) NE;
    ``fold``: compare in lower case; ``only_split``: only where the tagger took a word before
    the last for a common noun."""
    out = tags
    for k, word in enumerate(words):
        for name in known.get(word.lower() if fold else word, ()):
            n = len(name)
            span = tuple(w.lower() for w in words[k : k + n]) if fold else tuple(words[k : k + n])
            if span == name and (not only_split or "NN" in out[k : k + n - 1]):
                out = out[:k] + ["NE"] * n + out[k + n :]
                break
    return out


_PHRASE_START = ("NN", "NE", "ART", "ADJ(A)", "PPOSAT", "CARD", "PIAT", "PDAT")


def _ohne_phrase(tags: list[str]) -> list[str]:
    """"ohne", "statt" before a noun phrase, with no zu-infinitive after it, is a preposition
    ("**ohne** Fortschritte werde es keine Ratifizierung geben"), not the conjunction of an
    infinitive clause ("ohne zu zögern")."""
    out = list(tags)
    for k, tag in enumerate(tags):
        if tag != "KOUI" or k + 1 >= len(tags) or tags[k + 1] not in _PHRASE_START:
            continue
        end = next((j for j in range(k + 1, len(tags)) if tags[j] in ("$,", "$.")), len(tags))
        if not any(tags[j] in ("PTKZU", "VV(IZU)") for j in range(k + 1, end)):
            out[k] = "APPR"
    return out


def _finite_participle(tags: list[str], words: list[str]) -> list[str]:
    """A sentence with no finite verb whose participle stands inside it, before more words,
    uses the finite verb of the same form: the present of a weak verb, "Deutschland
    **stationiert** dauerhaft eine Brigade in Litauen", or the past plural of a strong verb
    with an inseparable prefix, "In Hebron **erschossen** Soldaten eine Frau" (a headline keeps
    its participle at the end: "Brigade in Litauen stationiert", "Zwei Soldaten erschossen").
    """
    if any(t.endswith("(FIN)") for t in tags):
        return tags
    prefixes = grammar().inseparable
    content = [k for k, t in enumerate(tags) if not t.startswith("$")]
    for n, k in enumerate(content):
        if tags[k] != "VV(PP)" or not 0 < n < len(content) - 1 or words[k].startswith("ge"):
            continue
        word = words[k].lower()
        if word.endswith("t") or (word.endswith("en") and word.startswith(prefixes) and _verb_second(tags, content, n)):
            return tags[:k] + ["VV(FIN)"] + tags[k + 1 :]
    return tags


_HABEN_FORMS = frozenset("hat haben habe hatte hatten hätte hätten".split())
_AUXILIARY_FORMS = _HABEN_FORMS | frozenset("ist sind sei seien war waren wäre wären wird werden werde würde würden wurde wurden".split())


def _closing_participle(tags: list[str], words: list[str], tagger) -> list[str]:
    """A main clause whose finite verb is an auxiliary in second place closes with its
    participle, even where the tagger took the last verb for a finite one: "Der Europarat hat
    die Regierung an ihre Verpflichtung und die Grundstandards **erinnert**" (not a second
    clause "und die Grundstandards erinnert"). The verb must end the stretch up to the next
    comma or the end, with no other verb or subordinator after the auxiliary, and may be a
    participle by its form (or, after a form of "werden", an infinitive: "würde das Königreich
    **beschädigen**")."""
    out = tags
    start = 0
    for end in [k for k, t in enumerate(tags) if t in ("$,", "$.")] + [len(tags)]:
        stretch = [k for k in range(start, end) if not tags[k].startswith("$")]
        start = end + 1
        if len(stretch) < 4:
            continue
        aux = stretch[1] if tags[stretch[0]] not in ("APPR", "APPRART", "ART", "PPOSAT", "PDAT") else None
        if aux is None:
            aux = next((k for k in stretch[1:5] if tags[k].startswith("V")), None)
        if aux is None or tags[aux] != "VA(FIN)" or words[aux].lower() not in _AUXILIARY_FORMS:
            continue
        last = stretch[-1]
        between = [k for k in stretch if aux < k < last]
        if len(between) < 2 or any(tags[k].startswith("V") or tags[k] in ("KOUS", "PRELS", "PRELAT", "PWAV", "PTKZU") for k in between):
            continue
        if tags[last] == "ADJ(D)" and words[aux].lower() in _HABEN_FORMS and looks_participle(words[last]) and words[last].endswith("t"):
            # "Die Stadt hat den Bescheid **beeinsprucht**": a verb the tagger does not know,
            # read as an adjective, closing a clause of "haben"
            out = out[:last] + ["VV(PP)"] + out[last + 1 :]
            continue
        if tags[last] != "VV(FIN)":
            continue
        possible = tagger.possible_tags(words[last]) or frozenset()
        if words[last].endswith("en") and words[aux].lower().startswith(("wird", "werde", "würde")) and "VV(INF)" in possible:
            out = out[:last] + ["VV(INF)"] + out[last + 1 :]  # "würde das Königreich **beschädigen**"
        elif "VV(PP)" in possible:
            out = out[:last] + ["VV(PP)"] + out[last + 1 :]
    return out


_ATTRIBUTE_NEXT = frozenset({"NN", "NE", "NNA", "NNI", "ADJ(A)", "TRUNC", "FM", "XY", "CARD"})


def _nominalised(tags: list[str], words: list[str]) -> list[str]:
    """A capitalised word inside a sentence is no verb, and a capitalised adjective that no
    noun follows is a noun: "töteten
    **Bewaffnete** zwei Soldaten", "verletzten **Unbekannte** zwei Israelis" (but "der
    **Europäischen** Union", "des Roten Kreuzes")."""
    out = tags
    for k in range(len(words)):
        if k == 0 or words[k - 1] in _MARKS or tags[k - 1] in ("$.", "$("):
            if _initial_noun(out, words, k):
                out = out[:k] + ["NNA"] + out[k + 1 :]
            continue
        if not words[k][:1].isupper():
            continue
        if tags[k][:2] in ("VV", "VA", "VM"):
            out = out[:k] + ["NN"] + out[k + 1 :]  # "drohte mit **Abriss**", "durch **Google**": a verb is written small
            if out[k - 1] == "PTKVZ" and grammar().prepositions.get(words[k - 1].lower()):
                out = out[: k - 1] + ["APPR"] + out[k:]  # and the particle before it is its preposition
            continue
        if tags[k] == "ADJ(D)":
            # a capitalised predicative adjective inside a sentence is a name when it is the
            # bare form ("sagte **Klug**", the minister), else a nominalised adjective
            bare = words[k].lower() == get_tagger().lemma(words[k], "ADJ(D)").lower()
            out = out[:k] + ["NE" if bare else "NNA"] + out[k + 1 :]
            continue
        if tags[k] != "ADJ(A)" or k == len(words) - 1:
            continue
        nxt = tags[k + 1]
        if nxt in _ATTRIBUTE_NEXT and not (nxt == "CARD" and tags[k - 1] not in ("ART", "PDAT", "PPOSAT", "PIAT")):
            continue
        out = out[:k] + ["NNA"] + out[k + 1 :]
    return out


_ADJECTIVE_ENDINGS = ("er", "e", "en", "es", "em")


def _initial_noun(tags: list[str], words: list[str], k: int) -> bool:
    """An inflected adjective that opens the sentence right before its verb is a noun:
    "**Verdächtiger** soll auf Gäste geschossen haben", "**Angeklagter** bestreitet alles",
    "**Deutscher** in Syrien festgenommen" (a headline's participle); before a copula it stays
    an adjective ("Wichtiger ist, dass …", "Unklar bleibt …")."""
    if tags[k] not in ("ADJ(D)", "ADJ(A)") or not words[k][:1].isupper() or not words[k].endswith(_ADJECTIVE_ENDINGS):
        return False
    nxt = next((j for j in range(k + 1, len(tags)) if not tags[j].startswith("$")), None)
    if nxt is None or not (tags[nxt].endswith("(FIN)") or tags[nxt] == "VV(PP)"):
        return False
    if tags[nxt] == "VV(PP)" and any(t.endswith("(FIN)") for t in tags):
        return False
    return get_tagger().lemma(words[nxt], tags[nxt]) not in grammar().copulas


def _finite_adjective(tags: list[str], words: list[str], tagger) -> list[str]:
    """A sentence with no finite verb takes as its verb an infinitive not after "zu" or a
    modal ("Rund 15 Prozent **berichten**, dass …": a plural present), else the word in
    second place the tagger read as an adjective but that may be a finite verb: "An einer
    heiligen Stätte im Westjordanland **verletzten** Unbekannte zwei Israelis" (the past of
    "verletzen", not "die verletzten …": a verb-second clause needs its verb), also before a
    noun when a first phrase ending in its noun comes before it ("Die USA **bombardierten**
    Stellungen des IS")."""
    if any(t.endswith("(FIN)") for t in tags):
        return tags
    content = [k for k, t in enumerate(tags) if not t.startswith("$")]
    for n, k in enumerate(content):
        if tags[k] == "VV(INF)" and n > 0 and tags[content[n - 1]] not in ("PTKZU", "VM(INF)", "VA(INF)") and words[-1] == ".":
            # "Rund 15 Prozent **berichten**, dass …": a plural present, not an infinitive
            return tags[:k] + ["VV(FIN)"] + tags[k + 1 :]
    for n, k in enumerate(content):
        if tags[k] != "ADJ(A)" or not words[k][:1].islower() or not 0 < n < len(content) - 1:
            continue
        if not _verb_second(tags, content, n) and not _after_first_phrase(tags, content, n):
            continue
        if tags[content[n + 1]] in ("NN", "NE") and tags[content[n - 1]] not in ("NN", "NE"):
            # "Schwer verletzte Soldaten in Kabul": the adjective of its noun; but after a
            # first phrase that ends in its noun it is the verb ("Die USA **bombardierten**
            # Stellungen des IS": no second noun phrase follows the first without a verb)
            continue
        possible = tagger.possible_tags(words[k])
        if possible and "VV(FIN)" in possible:
            return tags[:k] + ["VV(FIN)"] + tags[k + 1 :]
    return tags


def _after_first_phrase(tags: list[str], content: list[int], n: int) -> bool:
    """The word at content position n closes a first phrase of a preposition and its noun
    phrase with attributes ("An einer heiligen Stätte im Westjordanland"): everything before
    it is prepositions, determiners, adjectives and nouns, and the word before it is a noun."""
    before = [tags[content[m]] for m in range(n)]
    return before[0] in ("APPR", "APPRART") and before[-1] in ("NN", "NE") and all(
        t in ("APPR", "APPRART", "ART", "ADJ(A)", "NN", "NE", "CARD", "PPOSAT", "PDAT") for t in before)


def _verb_second(tags: list[str], content: list[int], n: int) -> bool:
    """The word at content position n follows one constituent: a word, or a short phrase
    opened by a preposition or determiner ("In Hebron", "Am Freitag", "Die Minister")."""
    if n == 1:
        return True
    first = tags[content[0]]
    return first in ("APPR", "APPRART", "ART", "PDAT", "PPOSAT") and n <= 4 and not any(
        tags[content[m]].startswith("V") for m in range(1, n))


def _subordinating_als(tags: list[str], words: list[str]) -> list[str]:
    """ "als" that opens a clause after a comma and whose stretch up to the next comma ends
    in a finite verb is the temporal conjunction, not the preposition or comparison the
    tagger may take it for: "…, **als** die Bundeswehr weitere Panzer nach Litauen verlegte."
    Where the tagger took that closing verb, the only verb of the stretch, for an infinitive
    ("…, als Granaten in einem Wohngebiet **einschlugen**": a strong verb's past plural), it
    is the finite verb of the clause.
    """
    out = tags
    for k, word in enumerate(words):
        if word.lower() != "als" or tags[k] == "KOUS" or k == 0 or words[k - 1] != ",":
            continue
        end = k + 1
        while end < len(words) and not tags[end].startswith("$"):
            end += 1
        last = end - 1
        if last <= k + 1:
            continue
        if tags[last] in _INFINITIVES and not any(tags[j].startswith("V") or tags[j] == "PTKZU" for j in range(k + 1, last)):
            out = out[:last] + [tags[last][:2] + "(FIN)"] + out[last + 1 :]
        if out[last].endswith("(FIN)"):
            out = out[:k] + ["KOUS"] + out[k + 1 :]
    return out


_INFINITIVES = frozenset({"VV(INF)", "VA(INF)", "VM(INF)"})


_RELATIVE_FORMS = frozenset({"der", "die", "das", "dem", "den", "denen", "deren", "dessen"})


def _relative_pp(tags: list[str], words: list[str]) -> list[str]:
    """A preposition and a d-word after a comma whose stretch up to the next comma ends in a
    finite verb open a relative clause, whatever the tagger took the d-word for: "in der Nacht,
    **in der** Li ihren Mann umbrachte", "die Stadt, **aus der** die Truppen abgezogen sind".
    (A main clause puts its finite verb second, a subordinate one opens with a conjunction.)"""
    out = tags
    for k in range(1, len(words) - 2):
        if words[k - 1] != "," or tags[k] not in ("APPR", "APPRART") or tags[k + 1] in ("PRELS", "PRELAT"):
            continue
        if words[k + 1].lower() not in _RELATIVE_FORMS or tags[k + 1] not in ("ART", "PDS", "PDAT"):
            continue
        end = k + 2
        while end < len(words) and not tags[end].startswith("$"):
            end += 1
        finite = [m for m in range(k + 2, end) if tags[m].endswith("(FIN)")]
        start = k - 1
        while start > 0 and not tags[start - 1].startswith("$"):
            start -= 1
        # one finite verb, closing the stretch ("abgezogen worden sind"; not "in der Hauptstadt
        # wird gekämpft"), after a stretch that is no subordinate clause of its own ("dass
        # Soldaten in Polen, in der Ukraine stationiert sind")
        if finite == [end - 1] and finite[0] > k + 2 and tags[start] not in ("KOUS", "PRELS", "PRELAT"):
            out = out[:k + 1] + ["PRELAT" if words[k + 1].lower() in ("deren", "dessen") else "PRELS"] + out[k + 2 :]
    return out


_NP_INNER = frozenset({"ADJ(A)", "CARD", "PIAT", "PIDAT", "TRUNC"})
_NP_HEAD = frozenset({"NN", "NE", "NNA", "NNI", "FM", "PIS"})
_GENITIVE_ARTICLES = frozenset({"des", "der", "eines", "einer"})
_NOT_RELATIVE = frozenset({"PTKZU", "VV(IZU)", "VA(IZU)", "VM(IZU)", "KOUS", "PWAV", "PWS", "PRELS", "PRELAT"})


def _relative_bare(tags: list[str], words: list[str]) -> list[str]:
    """A d-word after a comma opens a relative clause, whatever the tagger took it for, where
    the stretch up to the next punctuation closes with its verbs and something other than the
    verbs follows the d-word's own noun phrase: "Krawallbrüder, **die** am Sonntag Plakate
    beschmiert haben", "der Faymann-Plan, **dem** Mitterlehner mehrfach zugestimmt habe", "eine
    Initiative, **die** Gastfamilien in der Stadt sucht". A main clause puts its finite verb
    right after its first phrase (", die Polizei ermittelt", ", die meisten sind geblieben",
    ", die angedrohte Veröffentlichung blieb aus"): where the d-word's noun phrase stands
    right before the verbs, the stretch stays as tagged. "deren"/"dessen" before a verb-final
    stretch always open one ("…, deren Mitglieder festgenommen wurden")."""
    out = tags
    for k in range(1, len(words) - 2):
        if words[k - 1] != "," or words[k].lower() not in _RELATIVE_FORMS or tags[k] not in ("ART", "PDS", "PDAT"):
            continue
        end = k + 1
        while end < len(words) and not tags[end].startswith("$"):
            end += 1
        if end - k < 3 or not tags[end - 1].endswith(("(FIN)", "(INF)")) or any(tags[m] in _NOT_RELATIVE for m in range(k + 1, end)):
            continue  # (a participle alone closes a clause whose auxiliary is left out: ", der Chef kurz zurückgekommen")
        first_verb = next(m for m in range(k + 1, end) if tags[m].startswith("V"))
        if any(not tags[m].startswith("V") for m in range(first_verb, end)):
            continue  # a verb inside the stretch: verb second, a main clause
        if words[k].lower() in ("deren", "dessen"):
            out = out[:k] + ["PRELAT"] + out[k + 1 :]
            continue
        j = k + 1
        if tags[k] != "PDS":
            while j < first_verb and tags[j] in _NP_INNER:
                j += 1
            if j >= first_verb or tags[j] not in _NP_HEAD:
                continue
            while j < first_verb and tags[j] in _NP_HEAD:
                j += 1
            # a genitive attribute belongs to the phrase: "die Unterzeichnung einer Erklärung wird verlangt"
            while j + 1 < first_verb and words[j].lower() in _GENITIVE_ARTICLES and tags[j] == "ART":
                j += 1
                while j < first_verb and tags[j] in _NP_INNER:
                    j += 1
                while j < first_verb and tags[j] in _NP_HEAD:
                    j += 1
        if j >= first_verb or tags[j] == "KON":
            continue  # the phrase right before the verbs, or a list going on: as tagged
        out = out[:k] + ["PRELS"] + out[k + 1 :]
    return out


_LEMMAS: dict[tuple[str, str], str] = {}
_MAX_LEMMAS = 200_000


def _lemma(tagger, word: str, pos: str) -> str:
    """The lemma of a token; names, numbers and punctuation keep their surface form."""
    key = (word, pos)
    lemma = _LEMMAS.get(key)
    if lemma is None:
        if len(_LEMMAS) >= _MAX_LEMMAS:
            _LEMMAS.clear()  # bounded memory on endless input
        if pos in ("NE", "CARD", "FM", "XY") or pos.startswith("$") or not word[:1].isalpha():
            lemma = word
        elif pos in ("NN", "NNA") and "-" in word.strip("-") and word.rsplit("-", 1)[1][:1].isupper():
            # a hyphenated compound is inflected in its last part: "Abrams-Panzer" → Abrams-
            # Panzer (the tagger's own guess cut it to "Abrams-panz"), "US-Soldaten" → US-Soldat
            first, last = word.rsplit("-", 1)
            lemma = f"{first}-{_lemma(tagger, last, pos)}"
        else:
            lemma = _fix_lemma(word, pos, tagger.lemma(word, pos))
        _LEMMAS[key] = lemma
    return lemma


@lru_cache(maxsize=1)
def _lemma_fixes() -> tuple[tuple[str, str], ...]:
    return tuple((row[0], row[1]) for row in read_tsv("grammar/lemma_fixes.tsv") if len(row) > 1)


def _fix_lemma(word: str, pos: str, lemma: str) -> str:
    """Correct the lemma of a noun plural the tagger gets wrong ("Militärbasen" → Militärbasis),
    and of a participle it does not know, whose form it took for the stem ("beeinsprucht" →
    "beeinspruchten" is "beeinspruchen"; "beantwortet" → "beantworten")."""
    if pos == "VV(PP)" and word.endswith("t") and lemma.lower() == word.lower() + "en":
        return word[:-2] + "en" if word.endswith("et") else word[:-1] + "en"
    if pos in ("NN", "NNA"):
        low = word.lower()
        for plural, ending in _lemma_fixes():
            if low.endswith(plural):
                fixed = word[: len(word) - len(plural)] + ending
                return fixed[:1].upper() + fixed[1:]
    return lemma

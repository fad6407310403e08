"""Clauses of a German sentence: where they are, their verbs and their subject and objects.

German word order makes clauses findable without a parser. A main clause has its finite
verb in second (or first) position and its infinitives, participles and separable
particle at the end (the *Satzklammer*: "Die USA **kündigten** neue Sanktionen **an**");
a subordinate clause opens with a conjunction or relative pronoun and ends with its
finite verb ("…, **dass** die Truppen abgezogen **werden**"). Commas, colons, dashes and
quotes separate the clauses of a sentence; an embedded clause may interrupt a main clause
("Der Minister, der gestern ankam, sagte …"), which is then put together again.

For each clause this module finds the verb complex (finite verb, lexical verb with its
particle rejoined: ``ankündigen``, ``vorwerfen``; reflexive ``sich``; passive with
*werden*; modal verb; future, perfect and past; Konjunktiv I and II; negation) and the
grammatical functions: the subject (a nominative-compatible chunk that agrees with the
finite verb, preferring the position before it), the accusative and dative objects. In
the passive the ``von``/``durch`` agent takes the subject's role and the grammatical
subject the accusative's, so that a lexicon entry "actor = subj, target = acc" reads
"Die Polizei nahm ihn fest" and "Er wurde von der Polizei festgenommen" alike.

>>> from lagebild.analyse import analyse
>>> a = analyse("Die USA kündigten am Montag neue Sanktionen gegen Russland an.")
>>> c = a.clauses[0]
>>> c.lemma, a.chunk_text(a.chunks[c.subj]), a.chunk_text(a.chunks[c.acc])
('ankündigen', 'Die USA', 'neue Sanktionen')
>>> a = analyse("Der Journalist wurde am Dienstag von der Polizei festgenommen.")
>>> c = a.clauses[0]
>>> c.lemma, c.passive, a.chunk_text(a.chunks[c.subj]), a.chunk_text(a.chunks[c.acc])
('festnehmen', True, 'der Polizei', 'Der Journalist')
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .grammar import grammar
from .model import Chunk, Clause, Token
from .tagger import get_tagger

__all__ = ["find_clauses", "gender_number", "BOUNDARIES"]

BOUNDARIES = frozenset({",", ";", ":", "–", "—", "-", "(", ")", "„", "“", "”", '"', "«", "»", "‚", "‘", "’", "'", "…", "/", "[", "]"})
_QUOTES = frozenset({"„", "“", "”", '"', "«", "»", "‚", "‘", "’"})
_NONFINITE = frozenset({"VV(INF)", "VV(PP)", "VV(IZU)", "VA(INF)", "VA(PP)", "VM(INF)", "VM(PP)"})
_SG_AUX = frozenset("ist hat wird war hatte wurde sei habe werde wäre hätte würde kann will soll muss darf mag könnte wollte sollte müsste musste durfte konnte möchte bleibt blieb gibt gab".split())
_PL_AUX = frozenset("sind haben werden waren hatten wurden seien hätten würden können wollen sollen müssen dürfen mögen könnten wollten sollten mussten müssten durften konnten möchten wären bleiben blieben geben gaben".split())
_PAST_AUX = frozenset("war waren warst hatte hatten hattest wurde wurden wurdest wollte wollten sollte sollten musste mussten konnte konnten durfte durften mochte mochten blieb blieben".split())
_NOT_NEGATING = frozenset({"nur", "zuletzt", "mehr", "weniger", "allein", "selten", "immer", "einmal", "zuletzt", "minder", "wenige"})


@dataclass
class _Segment:
    """A stretch of tokens between clause punctuation."""

    tokens: list[int]
    before: str = ""  # the punctuation before it
    after: str = ""  # the punctuation after it
    kind: str = "frag"
    conj: str | None = None
    meaning: str | None = None
    coord: str | None = None
    finites: list[int] = field(default_factory=list)


def find_clauses(tokens: list[Token], chunks: list[Chunk]) -> list[Clause]:
    """Find the clauses of a tagged, chunked sentence and fill their verbs and functions.

    tokens (list[Token]): the sentence's tokens.
    chunks (list[Chunk]): its noun chunks (``Chunk.clause`` is set here).
    RETURNS (list[Clause]): the clauses in order of their first token.
    """
    segments = _segments(tokens, chunks)
    clauses = _build(tokens, chunks, segments)
    for clause in clauses:
        _verb_complex(tokens, clause)
    _verb_first_condition(tokens, clauses)
    chunk_clause = {}
    for clause in clauses:
        for t in clause.tokens:
            chunk_clause[t] = clause.i
    for chunk in chunks:
        chunk.clause = chunk_clause.get(chunk.head, chunk_clause.get(chunk.start, -1))
    for clause in clauses:
        _functions(tokens, chunks, clauses, clause)
    return clauses


def _verb_first_condition(tokens: list[Token], clauses: list[Clause]) -> None:
    """A sentence that opens with two verb-first clauses, the first closed by a comma, opens
    with a condition: "**Sollte** die Regierung die Steuern erhöhen, **werde** die Partei die
    Koalition verlassen", "**Hätte** er das gewusst, **wäre** er geblieben". The first becomes a
    subordinate clause of the second, with the meaning of "wenn"."""
    mains = [c for c in clauses if c.kind == "main" and c.finite is not None]
    if len(mains) < 2:
        return
    first, second = mains[0], mains[1]
    if first.finite != first.first or second.finite != second.first or second.first <= 0:
        return
    if tokens[second.first - 1].text != ",":
        return
    if first.first > 0 and not all(t.pos.startswith("$") or t.pos == "NE" for t in tokens[: first.first]):
        return  # (a dateline may stand before it: "Wien – Sollte …")
    if not tokens[first.finite].pos.endswith("(FIN)") or tokens[first.finite].pos.startswith("VV(IMP"):
        return
    first.kind, first.meaning, first.parent = "sub", "condition", second.i


# --------------------------------------------------------------------------- segments


def _segments(tokens: list[Token], chunks: list[Chunk]) -> list[_Segment]:
    """Split the sentence at clause punctuation that is not inside a chunk."""
    inside = set()
    for chunk in chunks:
        inside.update(range(chunk.start + 1, chunk.end))
    segments: list[_Segment] = []
    current: list[int] = []
    before = ""
    last = len(tokens) - 1
    brackets = _verbless_brackets(tokens, chunks)
    for tok in tokens:
        is_final = tok.i == last and tok.pos == "$." and tok.text in ".!?"
        if is_final or tok.i in brackets:
            continue
        if (tok.text in BOUNDARIES or tok.pos == "$.") and tok.i not in inside:
            if current:
                segments.append(_Segment(current, before=before, after=tok.text))
            current = []
            before = tok.text
            continue
        current.append(tok.i)
    if current:
        segments.append(_Segment(current, before=before))
    out: list[_Segment] = []
    for seg in segments:
        out.extend(_split_coordinated(tokens, seg))
    for seg in out:
        _classify(tokens, seg)
    return out


def _verbless_brackets(tokens: list[Token], chunks: list[Chunk]) -> set[int]:
    """The brackets of a short parenthesis without a verb ("der Terrormiliz Islamischer Staat
    **(IS)** festgenommen", "Innenministerin Mikl-Leitner **(ÖVP)** sagte", "drei Millionen
    Dollar **(2,65 Millionen Euro, Anm.)** gegeben"): an apposition
    inside its clause, not a clause boundary; its noun chunks stay in the clause."""
    out: set[int] = set()
    in_chunk = {k for c in chunks for k in range(c.start, c.end)}
    for tok in tokens:
        if tok.text != "(":
            continue
        close = next((k for k in range(tok.i + 1, min(len(tokens), tok.i + 12)) if tokens[k].text in ("(", ")")), None)
        if close is None or tokens[close].text != ")" or close == tok.i + 1:
            continue
        # (a comma inside lists or glosses: "(2,65 Millionen Euro, Anm.)", "(ÖVP, SPÖ)")
        if any(tokens[k].is_verb or tokens[k].pos == "$." for k in range(tok.i + 1, close)):
            continue
        out.update((tok.i, close))
        # the words of a comment that names nothing ("(nicht rechtskräftig)", "(Ortszeit)")
        # are left out: they do not negate or time the clause
        out.update(k for k in range(tok.i + 1, close) if k not in in_chunk)
    return out


def _split_coordinated(tokens: list[Token], seg: _Segment) -> list[_Segment]:
    """Split "A verlegt Truppen und zieht Panzer ab" at the conjunction before a second finite verb."""
    g = grammar()
    finites = [t for t in seg.tokens if tokens[t].is_finite]
    if len(finites) == 1 and (split := _after_infinitive(tokens, seg, finites[0])) is not None:
        return split
    if len(finites) < 2:
        return _split_participles(tokens, seg)
    first_pos = tokens[seg.tokens[0]].pos
    verb_final = first_pos in ("KOUS", "PRELS", "PRELAT", "PWAV", "PWS") or (first_pos == "APPR" and len(seg.tokens) > 1 and tokens[seg.tokens[1]].pos in ("PRELS", "PRELAT"))
    for k in range(1, len(finites)):
        lo, hi = finites[k - 1], finites[k]
        if verb_final:
            lo, hi = finites[k - 1], finites[k]
        for t in range(hi - 1, lo, -1):
            if tokens[t].pos == "KON" and tokens[t].text.lower() in g.coordinators and t in seg.tokens:
                cut = seg.tokens.index(t)
                left = _Segment(seg.tokens[:cut], before=seg.before, after=tokens[t].text)
                right = _Segment(seg.tokens[cut:], before=tokens[t].text, after=seg.after)
                return [left, *_split_coordinated(tokens, right)]
    return [seg]


def _after_infinitive(tokens: list[Token], seg: _Segment, finite: int) -> list[_Segment] | None:
    """Split a zu-infinitive from a main clause coordinated after it ("warf X vor, eine
    Aggression vorzubereiten **und schloss** einen Angriff nicht aus"): the finite verb right
    after the conjunction opens a clause of the sentence's subject, not of the infinitive."""
    n = seg.tokens.index(finite)
    if n < 2 or seg.tokens[n - 1] != finite - 1:
        return None
    kon = tokens[finite - 1]
    if kon.pos != "KON" or kon.text.lower() not in grammar().coordinators:
        return None
    if not any(tokens[t].pos in ("VV(IZU)", "PTKZU") for t in seg.tokens[: n - 1]):
        return None
    left = _Segment(seg.tokens[: n - 1], before=seg.before, after=kon.text)
    right = _Segment(seg.tokens[n - 1 :], before=kon.text, after=seg.after)
    return [left, right]


_PASSIVE_AUX = frozenset({"sein", "werden"})


def _split_participles(tokens: list[Token], seg: _Segment) -> list[_Segment]:
    """Split participles coordinated each with its own noun phrase, in a headline or under one
    passive auxiliary: "Zwei Palästinenser erschossen **und** vier Israelis schwer verletzt",
    "Dabei sind zwei Menschen getötet **und** vier verletzt worden": who was shot is not who
    was wounded. Participles that share one subject and an active auxiliary stay one clause
    ("Die Polizei hat drei Männer festgenommen und ihre Wohnungen durchsucht")."""
    g = grammar()
    toks = seg.tokens
    finites = [t for t in toks if tokens[t].is_finite]
    if finites and tokens[finites[0]].lemma not in _PASSIVE_AUX:
        return [seg]
    for n, t in enumerate(toks):
        tok = tokens[t]
        if tok.pos != "KON" or tok.text.lower() not in g.coordinators or n == 0 or n == len(toks) - 1:
            continue
        before = [k for k in toks[:n] if tokens[k].pos not in ("ADV", "ADJ(D)")]
        if not before or tokens[before[-1]].pos != "VV(PP)":
            continue
        right = toks[n + 1 :]
        noun = next((k for k in right if tokens[k].pos in ("NN", "NE", "CARD", "PIS", "PPER")), None)
        participle = next((k for k in right if tokens[k].pos == "VV(PP)"), None)
        left_noun = any(tokens[k].pos in ("NN", "NE", "CARD", "PIS", "PPER") for k in toks[:n])
        if noun is None or participle is None or noun > participle or not left_noun:
            continue
        left = _Segment(toks[:n], before=seg.before, after=tok.text)
        rest = _Segment(toks[n:], before=tok.text, after=seg.after)
        return [left, *_split_participles(tokens, rest)]
    return [seg]


def _classify(tokens: list[Token], seg: _Segment) -> None:
    """Set a segment's kind (main, sub, rel, inf, frag) and its conjunction."""
    g = grammar()
    toks = seg.tokens
    if toks and tokens[toks[0]].pos == "KON" and tokens[toks[0]].text.lower() in g.coordinators:
        seg.coord = tokens[toks[0]].text.lower()
        toks = toks[1:]
    seg.finites = [t for t in toks if tokens[t].is_finite]
    if not toks:
        seg.kind = "frag"
        return
    first = tokens[toks[0]]
    word = first.text.lower()
    second = tokens[toks[1]] if len(toks) > 1 else None
    if first.pos == "KOUS" or (word in g.subordinators and first.pos in ("KOUS", "PWAV", "PWS", "KOKOM", "ADV") and _verb_final(tokens, toks)):
        seg.kind, seg.conj, seg.meaning = "sub", word, g.subordinators.get(word, "complement")
    elif first.pos in ("PRELS", "PRELAT") or (first.pos == "APPR" and second is not None and second.pos in ("PRELS", "PRELAT")):
        seg.kind, seg.conj = "rel", (second.text.lower() if first.pos == "APPR" and second else word)
    elif first.pos == "KOUI" or (not seg.finites and any(tokens[t].pos in ("VV(IZU)", "PTKZU") for t in toks)):
        seg.kind = "inf"
        seg.conj = word if first.pos == "KOUI" else None
        seg.meaning = g.infinitive_conj.get(word) if first.pos == "KOUI" else None
    elif first.pos in ("PWAV", "PWS") and _verb_final(tokens, toks) and seg.finites and seg.finites[-1] != toks[0]:
        seg.kind, seg.conj, seg.meaning = "sub", word, "complement"
    elif seg.finites:
        seg.kind = "main"
    else:
        seg.kind = "frag"


def _verb_final(tokens: list[Token], toks: list[int]) -> bool:
    """The segment ends with its finite verb (possibly followed by nothing but particles)."""
    verbs = [t for t in toks if tokens[t].is_verb]
    return bool(verbs) and tokens[verbs[-1]].is_finite and verbs[-1] >= toks[-1] - 1


# --------------------------------------------------------------------------- clauses


def _build(tokens: list[Token], chunks: list[Chunk], segments: list[_Segment]) -> list[Clause]:
    """Turn segments into clauses: rejoin interrupted main clauses, attach embedded ones."""
    clauses: list[Clause] = []
    top: list[int] = []  # indexes of top-level (main/frag) clauses, in order
    pending_subs: list[int] = []  # sentence-initial subordinate clauses waiting for their main clause
    for seg in segments:
        toks = seg.tokens if seg.coord is None else seg.tokens[1:]
        if not toks:
            continue
        if seg.kind in ("sub", "rel", "inf"):
            clause = Clause(i=len(clauses), kind=seg.kind, tokens=list(toks), conj=seg.conj or seg.coord, meaning=seg.meaning)
            clause.parent = _embedding_parent(tokens, chunks, clauses, top, seg, toks)
            if clause.parent is None:
                pending_subs.append(clause.i)
            clauses.append(clause)
            continue
        starts_with_verb = tokens[toks[0]].is_finite
        prev_top = clauses[top[-1]] if top else None
        opened = _open_embedded(tokens, clauses)
        if opened is not None and seg.coord is None and seg.kind in ("frag", "main") and (
            _verbs_only(tokens, toks) or (seg.kind == "frag" and seg.before in _QUOTES | {","} and seg.after in _QUOTES | {",", ""})
        ):
            opened.tokens.extend(toks)  # "dass es zu Angriffen, zu denen …, gekommen sei"; "dass in Polen „die ersten US-Truppen“ stationiert würden"
            continue
        if seg.kind == "main":
            if starts_with_verb and prev_top is not None and prev_top.kind == "frag" and seg.before not in (":",) and prev_top.conj != "colon" and _only_embedded_between(clauses, prev_top):
                prev_top.tokens.extend(toks)
                prev_top.kind = "main"
                prev_top.conj = prev_top.conj or seg.coord
                continue
            clause = Clause(i=len(clauses), kind="main", tokens=list(toks), conj=seg.coord)
            clauses.append(clause)
            top.append(clause.i)
            for sub in pending_subs:
                clauses[sub].parent = clause.i
            pending_subs = []
            continue
        # a fragment: the rest of an interrupted clause, an apposition, a heading, a speaker
        if seg.before in _QUOTES and seg.after in _QUOTES and seg.coord is None and clauses and clauses[-1].kind != "frag" and clauses[-1].tokens[-1] == toks[0] - 2:
            clauses[-1].tokens.extend(toks)  # a quoted phrase inside the clause: "warf dem Westen „Hysterie“ vor"
            continue
        if prev_top is not None and prev_top.kind == "main" and seg.before == "," and seg.coord is None and _apposition_only(chunks, toks):
            prev_top.tokens.extend(toks)  # "traf mit X, **dem Abgeordneten Y**, zusammen": the clause goes on
            continue
        has_verbal = any(tokens[t].pos in _NONFINITE or tokens[t].pos == "PTKVZ" for t in toks)
        if has_verbal and prev_top is not None and prev_top.kind == "main" and (seg.coord is None or seg.before == ","):
            # the rest of the clause, or a verb phrase coordinated under its finite verb
            # ("müsse … aufnehmen, **sondern auch das Tempo erhöhen**, forderte X")
            prev_top.tokens.extend(toks)
            continue
        if prev_top is not None and prev_top.kind == "frag" and seg.before not in (":",) and prev_top.conj != "colon" and seg.coord is None:
            prev_top.tokens.extend(toks)
            if seg.after == ":":
                prev_top.conj = "colon"
            continue
        clause = Clause(i=len(clauses), kind="frag", tokens=list(toks), conj="colon" if seg.after == ":" else seg.coord)
        clauses.append(clause)
        top.append(clause.i)
    for clause in clauses:
        clause.tokens.sort()
    return clauses


def _open_embedded(tokens: list[Token], clauses: list[Clause]) -> Clause | None:
    """The last subordinate or relative clause still waiting for its finite verb."""
    for clause in reversed(clauses):
        if clause.kind not in ("sub", "rel"):
            return None
        if not any(tokens[t].is_finite for t in clause.tokens):
            return clause
    return None


def _apposition_only(chunks: list[Chunk], toks: list[int]) -> bool:
    """The segment is nothing but an apposition with its attributes (chunks.py found it)."""
    covered: set[int] = set()
    heads = {c.i for c in chunks if c.appos is not None}
    absorbed: set[int] = set()
    end = -1
    for c in chunks:
        top = c
        while top.owner is not None and top.i not in heads:
            top = chunks[top.owner]
        # the apposition runs on through its attributes, as chunks.py read it ("Obfrau **von Attac**")
        if top.i in heads or (c.start == end and (c.owner in absorbed or c.prep is not None)):
            covered.update(range(c.start, c.end))
            absorbed.add(c.i)
            end = c.end
    return bool(heads) and all(t in covered for t in toks)


def _verbs_only(tokens: list[Token], toks: list[int]) -> bool:
    """A segment of nothing but verbs, particles and adverbs: the end of an interrupted clause."""
    return all(tokens[t].is_verb or tokens[t].pos in ("PTKVZ", "PTKZU", "ADV", "PTKNEG") for t in toks)


def _only_embedded_between(clauses: list[Clause], frag: Clause) -> bool:
    """Only embedded clauses (or nothing) came after the fragment."""
    return all(c.kind in ("sub", "rel", "inf") for c in clauses[frag.i + 1 :])


def _embedding_parent(tokens: list[Token], chunks: list[Chunk], clauses: list[Clause], top: list[int], seg: _Segment, toks: list[int]) -> int | None:
    """The clause an embedded clause belongs to: the antecedent's clause, or the last clause."""
    if not clauses:
        return None
    if seg.kind == "rel":
        return clauses[-1].i
    if seg.kind == "inf" and clauses:
        return clauses[-1].i if clauses[-1].kind != "sub" or not top else top[-1]
    if seg.kind == "sub" and seg.before == ":":
        return None  # a colon opens a new utterance: "Glawischnig: **Wenn** …, werden die Grünen …" waits for its main clause
    return top[-1] if top else clauses[-1].i


# --------------------------------------------------------------------------- verbs


def _verb_complex(tokens: list[Token], clause: Clause) -> None:
    """Fill finite verb, lexical verb and lemma, voice, modal, tense, mood and negation."""
    g = grammar()
    toks = clause.tokens
    verbs = [t for t in toks if tokens[t].is_verb or tokens[t].pos in ("PTKVZ", "PTKZU")]
    finites = [t for t in verbs if tokens[t].is_finite]
    if finites:
        clause.finite = finites[-1] if clause.kind in ("sub", "rel") else finites[0]
    participle_adj = None
    if clause.finite is not None and tokens[clause.finite].lemma in ("sein", "werden") and not any(tokens[t].pos.startswith("VV") for t in verbs):
        last = toks[-1]
        if tokens[last].pos == "ADJ(D)" and looks_participle(tokens[last].text):
            participle_adj = last  # "sind in Litauen stationiert" (tagged as a predicative adjective)
            verbs.append(last)
    clause.verbs = sorted(verbs)
    lexical = [t for t in verbs if tokens[t].pos.startswith("VV")]
    nonfinite_lex = [t for t in lexical if not tokens[t].is_finite]
    stray: list[int] = []
    if clause.finite is not None and tokens[clause.finite].pos == "VV(FIN)" and not any(tokens[t].pos.startswith(("VA", "VM")) for t in verbs):
        # a participle beside a full finite verb with no auxiliary is no part of its verb: a
        # predicative ("kritisierten das Urteil als politisch **motiviert**", "bezeichnete den
        # Plan als gescheitert"); it stays a reading of the clause beside the verb ("sieht sich
        # **bestätigt**", "sieht die Sozialpartner gefordert": clause.lexicals)
        stray = [t for t in nonfinite_lex if tokens[t].pos == "VV(PP)"]
        nonfinite_lex = [t for t in nonfinite_lex if t not in stray]
        lexical = [t for t in lexical if t not in stray]
    if participle_adj is not None:
        clause.main = participle_adj
    elif nonfinite_lex:
        clause.main = nonfinite_lex[-1]
    elif lexical:
        clause.main = lexical[0]
    elif clause.finite is not None:
        clause.main = clause.finite
    if clause.main is None:
        return
    main = tokens[clause.main]
    lemma = main.lemma
    if participle_adj is not None:
        lemma = get_tagger().lemma(main.text, "VV(PP)")
    particles = [t for t in verbs if tokens[t].pos == "PTKVZ"]
    if particles and main.is_finite and clause.kind == "main":
        lemma = tokens[particles[-1]].text.lower() + lemma
    clause.lemma = lemma
    clause.lexicals = [(t, tokens[t].lemma) for t in nonfinite_lex[:-1]] + [(clause.main, lemma)] if len(nonfinite_lex) > 1 else [(clause.main, lemma)]
    if stray:
        clause.lexicals = [(t, tokens[t].lemma) for t in stray] + clause.lexicals
    clause.reflexive = any(tokens[t].pos == "PRF" for t in toks)
    aux = [tokens[t] for t in verbs if tokens[t].pos.startswith("VA")]
    modal = [tokens[t] for t in verbs if tokens[t].pos.startswith("VM")]
    clause.modal = modal[0].lemma if modal else None
    is_participle = main.pos == "VV(PP)" or participle_adj is not None
    werden = [a for a in aux if a.lemma == "werden"]
    sein = [a for a in aux if a.lemma == "sein"]
    if is_participle and werden:
        clause.passive = True
    elif is_participle and clause.finite is None and clause.kind in ("main", "frag"):
        clause.passive = True  # a headline without its auxiliary: "18 Menschen verschleppt"
    elif is_participle and sein and not _sein_perfect(lemma, g.sein_perfect):
        clause.passive = True
    elif is_participle and (sein or any(a.lemma == "haben" for a in aux)):
        clause.perfect = True
    if werden and not is_participle and clause.finite is not None and tokens[clause.finite].lemma == "werden" and any(
        tokens[t].pos in ("VV(INF)", "VA(INF)") or (tokens[t].pos == "VV(FIN)" and t > clause.finite)  # "werde … schließen" (tagged as a finite plural)
        for t in verbs
    ):
        clause.future = True
    if clause.finite is not None:
        fin = tokens[clause.finite]
        form = fin.text.lower()
        clause.past = _is_past(fin)
        if form in g.subj1:
            clause.mood = "subj1"
        elif form in g.subj2:
            clause.mood = "subj2"
        if clause.perfect and form in ("hatte", "hatten", "war", "waren"):
            clause.past = True
    clause.negated = _negated(tokens, toks)


def looks_participle(word: str) -> bool:
    """A predicative adjective that is a verb's participle: stationiert, verletzt, gelähmt."""
    if not word[:1].islower() or not word.endswith(("t", "en")):
        return False
    if word.endswith("iert"):
        return True
    for prefix in ("ge", "be", "ver", "er", "ent", "zer", "über", "unter", "miss"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 4:
            return True
    return "ge" in word[2:5] and len(word) >= 8  # festgenommen, abgezogen


def _sein_perfect(lemma: str, verbs: frozenset[str]) -> bool:
    """Whether a verb forms its perfect with *sein* ("ist eingetroffen" is active)."""
    if lemma in verbs:
        return True
    return any(lemma.endswith(v) and len(v) >= 5 for v in verbs)


def _is_past(tok: Token) -> bool:
    """A finite verb in the simple past: weak "-te" forms, strong ablaut forms, past auxiliaries."""
    form = tok.text.lower()
    if tok.pos != "VV(FIN)":
        return form in _PAST_AUX
    lemma = tok.lemma.lower()
    stem = lemma[:-2] if lemma.endswith("en") else lemma[:-1] if lemma.endswith("n") else lemma
    if form.startswith(stem):
        rest = form[len(stem):]
        return rest in ("te", "ten", "test", "tet", "ete", "eten", "etest", "etet")
    # a strong (ablaut) form that is not a present form with a changed vowel (wirft, trifft, gibt)
    return not form.endswith(("t", "st")) or form.endswith(("ielt", "iet", "at", "and", "ant", "ott", "itt", "ieß"))


def _negated(tokens: list[Token], toks: list[int]) -> bool:
    """nicht / kein / nie ... in the clause, but not "nicht nur", "nicht mehr als"."""
    g = grammar()
    for k, t in enumerate(toks):
        tok = tokens[t]
        word = tok.text.lower()
        if word in g.negation or tok.pos == "PTKNEG" or (tok.pos in ("PIAT", "PIS", "ART", "PIDAT") and word.startswith("kein")):
            nxt = tokens[toks[k + 1]].text.lower() if k + 1 < len(toks) else ""
            if word == "nicht" and nxt in _NOT_NEGATING:
                continue
            return True
    return False


# --------------------------------------------------------------------------- functions


def _finite_number(tok: Token | None) -> str | None:
    """sg or pl from the finite verb's form (None when it cannot tell)."""
    if tok is None:
        return None
    form = tok.text.lower()
    if form in _SG_AUX:
        return "sg"
    if form in _PL_AUX:
        return "pl"
    if tok.pos == "VV(FIN)":
        return "pl" if form.endswith("n") else "sg"
    return None


def _clearly_singular(tokens: list[Token], chunk: Chunk) -> bool:
    if chunk.plural is False:
        return True
    head = tokens[chunk.head]
    if chunk.start == chunk.head and head.pos in ("NN", "NNA") and head.text.endswith("es") and head.lemma + "s" == head.text:
        return True  # a bare neuter adjective-noun: "Ähnliches forderten auch …", "Neues"
    if chunk.kind == "pron":
        return tokens[chunk.head].text.lower() in ("er", "es", "man", "ich")
    return False


def _clearly_plural(tokens: list[Token], chunk: Chunk) -> bool:
    if chunk.plural is True:
        return True
    return chunk.kind == "pron" and tokens[chunk.head].text.lower() in ("wir", "ihr", "ihnen")


def _functions(tokens: list[Token], chunks: list[Chunk], clauses: list[Clause], clause: Clause) -> None:
    """Find subject, accusative and dative object of a clause among its chunks."""
    own = [c for c in chunks if c.clause == clause.i and c.owner is None and c.appos is None]
    # (a time noun phrase that can only be a nominative is a party, not when: "Der Ukraine
    # droht **ein harter Winter**"; "den ganzen Winter", "diese Woche" are adverbials)
    bare = [c for c in own if c.prep is None and (c.kind not in ("refl", "year", "time") or (c.kind == "time" and c.cases == frozenset({"nom"})))]
    if clause.kind == "rel":
        rel = next((c for c in own if c.kind == "rel" or (c.prep and tokens[c.core_start].pos in ("PRELS", "PRELAT"))), None)
        if rel is not None:
            rel.antecedent = _antecedent(chunks, clauses, clause, tokens[rel.core_start].text.lower(), tokens)
    number = _finite_number(tokens[clause.finite]) if clause.finite is not None else None
    candidates = bare
    if clause.kind == "main" and clause.finite is not None:
        before = [c for c in bare if c.end <= clause.finite]
        after = [c for c in bare if c.start > clause.finite]
        candidates = before + after
    subject = None
    continued = _continued(tokens, clauses, clause)
    coordinated_v1 = (clause.conj in grammar().coordinators and clause.finite is not None and clause.finite == clause.first) or continued is not None
    if coordinated_v1:
        candidates_subj = [c for c in candidates if c.cases == frozenset({"nom"})]  # "… und räumte die Stellungen"
        subject = candidates_subj[0] if candidates_subj else None
    elif clause.kind != "inf":
        nominative_only = [c for c in candidates if c.cases == frozenset({"nom"}) and c.kind == "pron"]
        if nominative_only:
            subject = nominative_only[0]  # "… wurde **er** festgenommen": er can only be the subject
        for c in candidates if subject is None else []:
            if "nom" not in c.cases or (c.kind == "num" and len(candidates) > 1):
                continue
            if c.kind == "pron" and c.cases != frozenset({"nom"}) and any(o.kind == "pron" and o.cases == frozenset({"nom"}) for o in candidates if o is not c):
                continue
            if number == "pl" and _clearly_singular(tokens, c):
                continue
            if number == "sg" and _clearly_plural(tokens, c):
                continue
            subject = c
            break
        if subject is None:
            nominative = [c for c in candidates if c.cases == frozenset({"nom"})]
            subject = nominative[0] if nominative else None
        elif subject.cases != frozenset({"nom"}) and not clause.passive and tokens[clause.finite if clause.finite is not None else clause.tokens[0]].lemma not in grammar().copulas:
            # one subject to a clause: a phrase that can only be nominative outranks an earlier
            # one that may be an accusative ("Die Regierung in Kiew kritisierte **der russische
            # Außenminister**", object first); a copula has two nominatives
            clear = next((c for c in candidates if c is not subject and c.cases == frozenset({"nom"}) and c.kind in ("noun", "name", "time") and bool(subject.cases & {"acc", "dat"})
                          and not (number == "pl" and _clearly_singular(tokens, c)) and not (number == "sg" and _clearly_plural(tokens, c))), None)
            subject = clear or subject
        if clause.passive and number == "pl" and subject is not None and not _clearly_plural(tokens, subject):
            # "Der Ukraine wurden weitere Waffen geliefert": the plural verb agrees with the
            # plural phrase, not with a first phrase that may be a dative
            plural = next((c for c in candidates if "nom" in c.cases and c.kind != "num" and (_clearly_plural(tokens, c) or _plural_form(tokens, c))), None)
            subject = plural or subject
    rest = [c for c in candidates if c is not subject]
    if clause.passive and _future_not_passive(tokens, clause, subject, rest):
        clause.passive, clause.future = False, True
    acc, dat = _objects(tokens, rest)
    if clause.passive:
        agent = next((c for c in own if c.prep in ("von", "durch") and c.kind != "rel" and not _noun_attribute(chunks, c, subject)), None)
        if agent is None and clause.main is not None:
            # a common noun's von-phrase right before the participle closes the clause:
            # "… im Norden des Westjordanlandes **von der Armee** erschossen worden"
            agent = next((c for c in own if c.prep in ("von", "durch") and c.kind == "noun" and c.end == clause.main), None)
        clause.acc = subject.i if subject else None
        clause.subj = agent.i if agent else None
        clause.dat = dat.i if dat else None
    else:
        clause.subj = subject.i if subject else None
        clause.acc = acc.i if acc else None
        clause.dat = dat.i if dat else None
    if clause.subj is None and not clause.passive:
        _shared_subject(tokens, chunks, clauses, clause, continued)
    elif clause.passive and clause.acc is None:
        if continued is not None and continued.subj is not None and not continued.passive:
            clause.acc = continued.subj  # "X hatte sich auf den Weg gemacht, wurde aber … gestoppt": X was stopped


_PAST_PASSIVE = frozenset({"wurde", "wurden", "wurdest", "wurdet", "worden", "geworden"})


def _plural_form(tokens: list[Token], chunk: Chunk) -> bool:
    """A noun read as a nominative whose form is not its lemma (the nominative singular)
    is a plural: "weitere **Waffen**" (Waffe)."""
    head = tokens[chunk.head]
    return head.pos in ("NN", "NNA") and head.text != head.lemma


def _future_not_passive(tokens: list[Token], clause: Clause, subject: Chunk | None, others: list[Chunk]) -> bool:
    """"Großbritannien wird der Ukraine Kampfpanzer **überlassen**": a verb with an
    inseparable prefix whose participle is its infinitive (überlassen, übergeben, erhalten,
    verlassen) after a present form of "werden" is a future, not a passive, when the clause
    holds an accusative object besides its subject (a passive has none: "Der Ukraine werden
    Waffen übergeben")."""
    if clause.main is None or clause.finite is None:
        return False
    main, fin = tokens[clause.main], tokens[clause.finite]
    word = main.text.lower()
    if main.pos != "VV(PP)" or fin.lemma != "werden" or word != main.lemma.lower() or word.startswith("ge"):
        return False
    if any(tokens[t].text.lower() in _PAST_PASSIVE for t in clause.verbs):
        return False  # "wurde", "worden": a passive in the past (the finite verb is among the clause's verbs)
    if subject is None or ("dat" in subject.cases and tokens[subject.start].pos in ("ART", "PPOSAT", "PDAT", "PIAT")):
        return False  # "**Der Ukraine** werden Waffen übergeben": a dative first, the passive's patient after
    return any("acc" in c.cases and c.kind not in ("num", "time", "year") for c in others)


def _continued(tokens: list[Token], clauses: list[Clause], clause: Clause) -> Clause | None:
    """The main clause a verb-first main clause goes on from, when an adverb of continuation
    follows its verb ("…, wurde **aber** von der Armee gestoppt", "…, kehrte **dann** zurück"):
    its subject is the earlier clause's. None for other clauses ("…, sagte er")."""
    if clause.kind != "main" or clause.finite is None or clause.finite != clause.first or clause.i == 0:
        return None
    nxt = clause.finite + 1
    if nxt >= len(tokens) or tokens[nxt].text.lower() not in grammar().continuations:
        return None
    return next((c for c in reversed(clauses[: clause.i]) if c.kind == "main"), None)


def _noun_attribute(chunks: list[Chunk], pp: Chunk, subject: Chunk | None) -> bool:
    """A PP right after a noun phrase belongs to it ("den Attentätern **von Paris**"), unless
    that phrase is the subject, a time or the clause's start ("Er wurde am Montag **von der Polizei** …")."""
    prev = next((c for c in chunks if c.end == pp.start), None)
    if prev is None or prev is subject or prev.kind in ("time", "year", "pron"):
        return False
    return prev.prep is not None or prev.kind in ("noun", "name")


def _objects(tokens: list[Token], rest: list[Chunk]) -> tuple[Chunk | None, Chunk | None]:
    """Accusative and dative object among the non-subject chunks: a phrase that can only be
    one of them takes that role, an ambiguous one the role left over ("versicherte **den
    baltischen Staaten** **die Solidarität**": den … Staaten is dative, die Solidarität
    accusative)."""
    acc_only = [c for c in rest if "acc" in c.cases and "dat" not in c.cases]
    dat_only = [c for c in rest if "dat" in c.cases and "acc" not in c.cases]
    both = [c for c in rest if "acc" in c.cases and "dat" in c.cases and c.kind != "num"]
    acc = acc_only[0] if acc_only else None
    dat = dat_only[0] if dat_only else None
    if acc is None and dat is None and len(both) >= 2 and _dative_plural_first(tokens, both[0], both[1]):
        dat, acc = both.pop(0), both.pop(0)
    if acc is None and both:
        acc = both.pop(0)
    if dat is None and both:
        dat = both.pop(0)
    if acc is None:
        acc = next((c for c in rest if c.kind == "num" and "acc" in c.cases), None)
    return acc, dat


def _dative_plural_first(tokens: list[Token], first: Chunk, second: Chunk) -> bool:
    """A "den …n" phrase before a bare common noun is a dative plural, the noun the object
    ("spendete **den Balkanstaaten** Lob", "liefert den Ländern Waffen"); before a name or
    a phrase with an article it may be an accusative with an apposition ("den Präsidenten
    Putin")."""
    if first.kind != "noun" or second.kind != "noun" or tokens[first.start].text.lower() != "den":
        return False
    if not tokens[first.head].text.endswith("n") or tokens[second.head].pos != "NN":
        return False
    return tokens[second.start].pos not in ("ART", "PDAT", "PPOSAT", "PIAT")


# gender/number a relative pronoun allows, and what a determiner (with the chunk's case) says
_REL_AGREES = {
    "der": {"m", "f"}, "die": {"f", "pl"}, "das": {"n"}, "dem": {"m", "n"}, "den": {"m"},
    "denen": {"pl"}, "deren": {"f", "pl"}, "dessen": {"m", "n"},
}


def gender_number(tokens: list[Token], chunk: Chunk, subject: bool = False) -> set[str] | None:
    """Gender/number of a chunk from its determiner and case (nominative when it is a
    clause's subject), where they tell."""
    if chunk.plural:
        return {"pl"}
    det = tokens[chunk.core_start].text.lower() if chunk.core_start < chunk.end else ""
    cases = frozenset({"nom"}) if subject else chunk.cases
    if det == "der" and cases and cases <= {"nom"}:
        return {"m"}
    if det in ("des", "dem", "eines", "einem"):
        return {"m", "n"}
    if det in ("den", "einen") and cases and cases <= {"acc"}:
        return {"m"}
    if det == "das":
        return {"n"}
    if det in ("eine", "einer"):
        return {"f"}
    if det == "die":
        head = tokens[chunk.head]
        gender = grammar().gender(head.lemma) if head.pos == "NN" else None
        if gender == "f" and head.text == head.lemma:
            return {"f"}  # "die Regierung": a feminine singular
        if gender in ("m", "n"):
            return {"pl"}  # "die Lehrer", "die Länder": only a plural takes "die"
        return {"f", "pl"}
    return None


def _antecedent(chunks: list[Chunk], clauses: list[Clause], clause: Clause, pronoun: str = "", tokens: list[Token] | None = None) -> int | None:
    """The chunk a relative clause refers to: the last chunk before it (not a genitive)
    that agrees with the pronoun where the determiners tell."""
    before = [c for c in chunks if c.end <= clause.first and c.clause != clause.i]
    if not before:
        return None
    k = len(before) - 1
    # "der UNO-Botschafter in Genf, der …": a PP right after a noun is its attribute
    while k > 0 and before[k].prep is not None and before[k].start == before[k - 1].end and before[k - 1].prep is None:
        k -= 1
    allowed = _REL_AGREES.get(pronoun)
    if allowed and tokens is not None:
        # "der Caritas-Präsident … von Konzernen, die …": not the masculine subject
        for j in range(len(before) - 1, max(-1, len(before) - 4), -1):
            if j == k:
                break
            subjects = {c.subj for c in clauses if c.subj is not None}
            told = gender_number(tokens, before[j], before[j].i in subjects)
            kt = gender_number(tokens, before[k], before[k].i in subjects)
            if kt is not None and not kt & allowed and (told is None or told & allowed):
                k = j
                break
    last = before[k]
    while last.owner is not None:
        last = chunks[last.owner]
    return last.i


def _shared_subject(tokens: list[Token], chunks: list[Chunk], clauses: list[Clause], clause: Clause, continued: Clause | None = None) -> None:
    """A coordinated or infinitive clause without its own subject takes its partner's;
    ``continued`` is the main clause a verb-first clause goes on from (``_continued``)."""
    g = grammar()
    partner: Clause | None = None
    if clause.kind == "inf" and clause.parent is not None:
        parent = clauses[clause.parent]
        if parent.lemma in g.control_obj or (parent.reflexive and f"sich {parent.lemma}" in g.control_obj):
            target = parent.acc if parent.acc is not None else parent.dat
            if target is None:
                # the addressee as an an-phrase: "appellierte **an die Flüchtlinge**, … zu vertrauen"
                target = next((c.i for c in chunks if c.clause == parent.i and c.prep == "an" and c.kind not in ("time", "year") and not c.post), None)
            if target is not None:
                clause.subj = target
                clause.shared_subject = True
                return
        partner = parent
    elif clause.conj in g.coordinators and clause.i > 0:
        earlier = [c for c in reversed(clauses[: clause.i]) if c.kind == clause.kind or c.kind == "main"]
        partner = earlier[0] if earlier else None
        if partner is not None and clause.kind == "main" and clause.mood == "ind" and partner.mood == "subj1":
            # reported speech is in Konjunktiv I; an indicative verb after it goes on from the
            # frame: "Die Gewerkschaften kritisierten, die Maßnahmen seien kosmetisch, und
            # **drohten** mit Streiks" (the unions threaten, not the measures)
            partner = next((c for c in earlier if c.mood == "ind" and c.subj is not None), partner)
    elif clause.kind == "main" and clause.finite is not None and clause.finite == clause.first and clause.i > 0:
        partner = continued
        if partner is None or partner.passive:
            return  # "sagte er": V1 clauses have their subject after the verb (or none)
    if partner is not None and partner.subj is not None:
        clause.subj = partner.subj
        clause.shared_subject = True

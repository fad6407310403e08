"""Plain data of the linguistic layer: tokens, noun chunks, clauses and speech frames.

One ``Analysis`` per sentence, computed once (``lagebild.analyse.analyse``) and read by
every rule of the extract stage. Indexes point into the lists of the same ``Analysis``;
character offsets (``start``/``end``) are relative to the sentence text, end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Token", "Chunk", "Clause", "Frame", "Analysis"]


@dataclass
class Token:
    """A word or punctuation mark with its part of speech and lemma.

    i (int): position in the sentence.
    start, end (int): character offsets into the sentence text.
    text (str): the word as written.
    pos (str): HanTa's STTS-style tag (``NN``, ``NE``, ``VV(FIN)``, ``PTKVZ``, ``$,`` ...).
    lemma (str): the lemma (``kündigt`` → ``kündigen``; names keep their surface form).
    """

    i: int
    start: int
    end: int
    text: str
    pos: str
    lemma: str

    @property
    def is_verb(self) -> bool:
        """A full, auxiliary or modal verb form."""
        return self.pos[:2] in ("VV", "VA", "VM")

    @property
    def is_finite(self) -> bool:
        """A finite verb form (``VV(FIN)``, ``VA(FIN)``, ``VM(FIN)``)."""
        return self.pos.endswith("(FIN)")

    @property
    def is_noun(self) -> bool:
        """A common noun, proper name or nominalised adjective."""
        return self.pos in ("NN", "NE", "NNA", "NNI", "FM")


@dataclass
class Chunk:
    """A noun chunk: a noun phrase or pronoun, with its preposition when it is a PP.

    i (int): position in ``Analysis.chunks``.
    start, end (int): token range ``[start, end)``, the preposition included.
    head (int): token index of the head (the last noun of the core).
    prep (str | None): lemma of the governing preposition (``in``, ``gegen``, ``zufolge`` ...).
    cases (frozenset[str]): the cases the phrase can be in (nom, acc, dat, gen).
    kind (str): noun, name, pron (personal/other pronoun), refl (reflexive), rel (relative
        pronoun), num (a bare number), year (a bare year), time (a time noun:
        "am Montag", "Anfang Jänner"; neither year nor time is a party).
    plural (bool | None): True/False when the determiner, pronoun or coordination tells.
    parts (list[tuple[int, int]]): the conjuncts of a coordinated phrase ("A und B") as
        token ranges; one part for a simple phrase.
    owner (int | None): the chunk this one modifies: a genitive attribute ("der Präsident
        **der Türkei**") or a prepositional attribute ("die Regierung **in Ankara**").
    clause (int): the clause the chunk belongs to.
    antecedent (int | None): for a relative pronoun, the chunk it stands for.
    post (bool): the preposition follows the phrase ("der Polizei **zufolge**").
    appos (int | None): the chunk this one is a comma apposition to ("Der Sprecher der Nato,
        **Hans Müller**, sagte", "Hans Müller, **Sprecher der Nato**, sagte"): it names the
        same party and fills no role of the clause.
    """

    i: int
    start: int
    end: int
    head: int
    prep: str | None = None
    cases: frozenset[str] = frozenset()
    kind: str = "noun"
    plural: bool | None = None
    parts: list[tuple[int, int]] = field(default_factory=list)
    owner: int | None = None
    clause: int = -1
    antecedent: int | None = None
    post: bool = False
    appos: int | None = None

    @property
    def core_start(self) -> int:
        """First token of the noun phrase proper (after a preposition)."""
        return self.start + 1 if self.prep and not self.post else self.start

    @property
    def core_end(self) -> int:
        """End of the noun phrase proper (before a postposition such as "zufolge")."""
        return self.end - 1 if self.post else self.end


@dataclass
class Clause:
    """A clause: its tokens, verb complex and grammatical functions.

    i (int): position in ``Analysis.clauses``.
    kind (str): main, sub (subordinate, verb-final), rel (relative), inf (zu-infinitive),
        frag (no verb: a heading, an apposition, a dateline).
    tokens (list[int]): token indexes, in order (a main clause interrupted by an embedded
        clause is discontinuous).
    conj (str | None): the subordinating or infinitive conjunction (``dass``, ``wenn``,
        ``um``), the relative pronoun, or the coordinating conjunction that joins it.
    meaning (str | None): what the conjunction means (complement, condition, cause, purpose ...).
    parent (int | None): the clause it is embedded in or depends on.
    finite (int | None): token index of the finite verb.
    verbs (list[int]): token indexes of the verb complex (finite, infinitives, participles,
        separable particle).
    main (int | None): token index of the lexical verb.
    lemma (str | None): lemma of the lexical verb with its separable particle joined
        (``ankündigen``, ``vorwerfen``).
    lexicals (list[tuple[int, str]]): every lexical verb of the clause with its lemma:
        coordinated participles share one auxiliary ("hatten X **festgenommen** und von
        Plänen **gesprochen**"); ``main``/``lemma`` is the last of them.
    reflexive (bool): a reflexive pronoun (``sich``) belongs to the verb.
    passive (bool): werden/sein + participle passive.
    modal (str | None): lemma of a modal verb (wollen, sollen, müssen, können, dürfen, mögen).
    future (bool): werden + infinitive.
    perfect (bool): haben/sein + participle (active).
    past (bool): the finite verb is in the past tense (or pluperfect).
    mood (str): ind, subj1 (Konjunktiv I: reported speech), subj2 (Konjunktiv II).
    negated (bool): nicht, kein, nie ... in the clause (not "nicht nur").
    subj, acc, dat (int | None): chunk indexes of the subject and objects. In the passive,
        ``subj`` is the agent (von/durch phrase) and ``acc`` the grammatical subject, so
        that the same lexicon roles work for both voices.
    shared_subject (bool): the subject is taken from the clause this one is coordinated with.
    """

    i: int
    kind: str
    tokens: list[int]
    conj: str | None = None
    meaning: str | None = None
    parent: int | None = None
    finite: int | None = None
    verbs: list[int] = field(default_factory=list)
    main: int | None = None
    lemma: str | None = None
    lexicals: list[tuple[int, str]] = field(default_factory=list)
    reflexive: bool = False
    passive: bool = False
    modal: str | None = None
    future: bool = False
    perfect: bool = False
    past: bool = False
    mood: str = "ind"
    negated: bool = False
    subj: int | None = None
    acc: int | None = None
    dat: int | None = None
    shared_subject: bool = False

    @property
    def first(self) -> int:
        """Index of the clause's first token."""
        return self.tokens[0]

    @property
    def last(self) -> int:
        """Index of the clause's last token."""
        return self.tokens[-1]


@dataclass
class Frame:
    """A speech or attribution frame: who says (or reports) what.

    kind (str): say ("sagte X", "X erklärte, dass"), according ("X zufolge", "laut X",
        "nach Angaben von X", "wie X mitteilte"), colon ("X: …").
    cue (int): token index of the speech verb, preposition or colon.
    speaker (int | None): chunk index of the speaker or source (None when unnamed:
        "hieß es").
    content (list[int]): indexes of the clauses whose content is reported.
    report (bool): the speaker only reports (media, agencies, "berichtete"): a source,
        never an actor.
    """

    kind: str
    cue: int
    speaker: int | None
    content: list[int] = field(default_factory=list)
    report: bool = False


@dataclass
class Analysis:
    """Everything the linguistic layer knows about one sentence."""

    text: str
    tokens: list[Token]
    chunks: list[Chunk] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    frames: list[Frame] = field(default_factory=list)

    def span(self, start: int, end: int) -> str:
        """The sentence text of the token range ``[start, end)``."""
        if start >= end:
            return ""
        return self.text[self.tokens[start].start : self.tokens[end - 1].end]

    def chunk_text(self, chunk: Chunk, *, with_prep: bool = False) -> str:
        """The words of a chunk (without its preposition unless asked)."""
        if with_prep:
            return self.span(chunk.start, chunk.end)
        return self.span(chunk.core_start, chunk.core_end)

    def chunk_at(self, token: int) -> Chunk | None:
        """The chunk that contains a token, if any."""
        for chunk in self.chunks:
            if chunk.start <= token < chunk.end:
                return chunk
        return None

    def clause_of(self, token: int) -> Clause | None:
        """The innermost clause that contains a token."""
        for clause in self.clauses:
            if token in clause.tokens:
                return clause
        return None

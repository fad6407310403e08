"""Who a noun chunk is: its actor code, target codes and sector.

A chunk is coded from what it contains and what hangs on it, in this order:

1. a lexicon mention inside it: a person, an office with its country ("der türkische
   Präsident"), a body, an organisation, a group, a state, a place, a state adjective or
   demonym (``lagebild.recognize.lexicon``);
2. for a body or role noun without its state ("die Regierung", "die Polizei", "ein
   Sprecher", "HDP-Chef"): its genitive attribute ("die Regierung **der Türkei**"), a
   place after "in"/"aus" ("die Regierung **in Ankara**"), else the country the article is
   about (domestic actors take their country's code);
3. a pronoun: the party it stands for (``resolve.Context``); a relative pronoun: its
   antecedent;
4. an unknown name: the article's country;
5. an unnamed perpetrator ("Unbekannte", "die Täter"): no code; migrants and refugees of
   no stated nationality: no codes.

Anything else (an abstract noun: "die Reform") is no party.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..analyse.coref import antecedents, pronoun_agreement
from ..analyse.grammar import grammar
from ..analyse.model import Analysis, Chunk
from ..model import Party
from ..recognize import read_tsv
from ..recognize.lexicon import Mention, country_of
from ..resolve import Context, is_state
from .lexicon import cue_lexicon, head_match

__all__ = ["PartyFinder", "actor_noun", "attitude"]

_KIND_RANK = {
    "person": 0, "title": 1, "body": 2, "igo": 2, "party": 2, "group": 2, "ngo": 2, "media": 2, "company": 2, "west": 3,
    "country": 4, "capital": 4, "region": 5, "city": 6, "adjective": 7, "demonym": 7,
}
_PLACE_KINDS = frozenset({"country", "capital", "city", "region"})
_OWN_SECTORS = frozenset({"NGO", "IGO", "MED", "BUS"})  # an owner of these sectors lends its own to its officers
_SEAT_PREPS = frozenset({"in", "aus", "auf"})  # "die Regierung in Ankara", "ein Mann aus Syrien", "ein Lager auf Lesbos"
_PLACE_PREPS = frozenset({"in", "aus", "nach", "bei", "im"})
_FEDERAL = frozenset({"AUT", "DEU", "CHE"})
_CROWDS = frozenset("dutzende hunderte tausende zehntausende hunderttausende menschen leute".split())
LEMMA_MEMO = 50_000  # lemmas whose table look-up (compound head) is kept


@lru_cache(maxsize=1)
def _foreign_words() -> frozenset[str]:
    """Lemmas that say people are from abroad without saying from where (foreign_words.txt)."""
    return frozenset(row[0] for row in read_tsv("foreign_words.txt"))


@lru_cache(maxsize=1)
def _epithets() -> tuple[dict[str, str], dict[str, str]]:
    table = {row[0]: row[0] for row in read_tsv("state_epithets.txt")}
    return table, {k.lower(): k for k in table}


@lru_cache(maxsize=LEMMA_MEMO)
def state_epithet(lemma: str) -> bool:
    """A noun that names a state without saying which (``data/state_epithets.txt``):
    Land, Königreich, Sowjetrepublik, EU-Land."""
    table, keys = _epithets()
    return head_match(lemma, table, keys) is not None


@lru_cache(maxsize=1)
def _epithet_members() -> tuple[dict[str, frozenset[str]], dict[str, str]]:
    table = {row[0]: frozenset(row[1].split()) for row in read_tsv("epithet_members.tsv") if len(row) > 1}
    return table, {k: k for k in table}


@lru_cache(maxsize=LEMMA_MEMO)
def epithet_members(lemma: str) -> frozenset[str] | None:
    """The states an epithet can stand for (``data/epithet_members.tsv``): Sowjetrepublik →
    the former Soviet republics but Russia; None for one that may be any state ("das Land")."""
    table, keys = _epithet_members()
    head = head_match(lemma.lower(), table, keys)
    return table[head] if head is not None else None


@lru_cache(maxsize=1)
def _actor_nouns() -> tuple[dict[str, tuple[str | None, str]], dict[str, str]]:
    table: dict[str, tuple[str | None, str]] = {}
    for lemma, sector, kind in read_tsv("actor_nouns.tsv"):
        table[lemma] = (None if sector == "-" else sector, kind)
    return table, {k.lower(): k for k in table}


@lru_cache(maxsize=LEMMA_MEMO)
def actor_noun(lemma: str) -> tuple[str | None, str] | None:
    """(sector, kind) of a role noun by its compound head: Bundespolizei → (GOV, state)."""
    table, keys = _actor_nouns()
    head = head_match(lemma, table, keys)
    return table[head] if head is not None else None


@lru_cache(maxsize=1)
def _role_groups() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]], dict[str, str]]:
    members: dict[str, set[str]] = {}
    covers: dict[str, set[str]] = {}
    for kind, first, second in read_tsv("role_groups.tsv"):
        if kind == "group":
            for lemma in second.split():
                members.setdefault(lemma, set()).add(first)
        elif kind == "hypernym":
            for lemma in first.split():
                covers.setdefault(lemma, set()).update(second.split())
    mem = {k: frozenset(v) for k, v in members.items()}
    cov = {k: frozenset(v) for k, v in covers.items()}
    keys = {k.lower(): k for k in (*mem, *cov)}
    return mem, cov, keys


@lru_cache(maxsize=LEMMA_MEMO)
def role_groups(lemma: str) -> tuple[frozenset[str], frozenset[str]]:
    """(groups the role noun is a word of, groups it takes up) by its compound head
    (data/role_groups.tsv): Außenminister → ({minister}, {minister}); Diplomat → ({diplomat},
    {diplomat}); Politiker → ((), {head_of_government, head_of_state, minister})."""
    members, covers, keys = _role_groups()
    head = head_match(lemma, {**members, **covers}, keys)
    if head is None:
        return frozenset(), frozenset()
    own = members.get(head, frozenset())
    return own, own | covers.get(head, frozenset())


@dataclass
class PartyFinder:
    """Codes the chunks of one analysed sentence.

    a (Analysis): the sentence's linguistic layer.
    mentions (list[Mention]): lexicon mentions of the sentence (same offsets).
    ctx (Context): the document context.
    speaker (Party | None): the speaker of the sentence's speech frame, for "wir"/"ich".
    """

    a: Analysis
    mentions: list[Mention]
    ctx: Context
    speaker: Party | None = None

    def __post_init__(self) -> None:
        self._cache: dict[int, Party | None] = {}
        self.explicit_roles: dict[int, tuple[str, Party]] = {}  # chunk → (role noun lemma, the party its words say)

    # ------------------------------------------------------------------ public

    def party(self, index: int | None) -> Party | None:
        """The party of a chunk (code, codes, sector, text), or None when it names none."""
        if index is None:
            return None
        if index not in self._cache:
            # a chunk whose coding comes back to itself ("Hans Müller, **sein** Sprecher": the
            # apposition's possessive asks for its anchor) finds no party on the way back
            self._cache[index] = None
            chunk = self.a.chunks[index]
            anchor = self.party(chunk.appos) if chunk.appos is not None else None
            if anchor is not None and anchor.code:
                # an apposition names its anchor's party ("Der Sprecher der Nato, **Hans Müller**,")
                self._cache[index] = Party(text=self.a.chunk_text(chunk), code=anchor.code, codes=list(anchor.codes), sector=anchor.sector)
            else:
                own = self._party(chunk)
                if own is None or not own.code:
                    own = self._exemplar_party(chunk) or own
                self._cache[index] = own
        return self._cache[index]

    def _exemplar_party(self, chunk: Chunk) -> Party | None:
        """A group that names no one, by the examples it is given: "Hilfsorganisationen **wie
        Save the Children**", "Einige Länder **wie Österreich**" (the examples' party, with the
        group's words)."""
        k = chunk.end
        if chunk.prep is not None or chunk.kind != "noun" or k + 1 >= len(self.a.tokens) or self.a.tokens[k].text != "wie":
            return None
        if k + 2 < len(self.a.tokens) and self.a.tokens[k + 1].text in ("etwa", "zum", "beispielsweise"):
            k += 1 + (self.a.tokens[k + 1].text == "zum")  # "wie etwa Pakistan", "wie zum Beispiel"
        nxt = next((c for c in self.a.chunks if c.start == k + 1 or (c.start == k + 2 and self.a.tokens[k + 1].text == "Beispiel")), None)
        if nxt is None or nxt.prep is not None:
            return None
        p = self.party(nxt.i)
        if p is None or not p.code:
            return None
        return Party(text=self.a.chunk_text(chunk), code=p.code, codes=list(p.codes), sector=p.sector)

    def part_parties(self, index: int) -> list[Party | None]:
        """The party of each conjunct of a coordinated chunk ("A und B")."""
        chunk = self.a.chunks[index]
        out = []
        for start, end in chunk.parts or [(chunk.core_start, chunk.core_end)]:
            p = self._part(chunk, start, end)
            if p is not None:
                p.text = self.a.span(start, end)
            out.append(p)
        return out

    def mentions_in(self, start_tok: int, end_tok: int) -> list[Mention]:
        """Lexicon mentions inside a token range."""
        if start_tok >= end_tok:
            return []
        lo = self.a.tokens[start_tok].start
        hi = self.a.tokens[end_tok - 1].end
        return [m for m in self.mentions if lo <= m.start and m.end <= hi]

    def _overlapping(self, start_tok: int, end_tok: int) -> list[Mention]:
        """Lexicon mentions that start inside a token range and end after it, or cover it."""
        if start_tok >= end_tok:
            return []
        lo = self.a.tokens[start_tok].start
        hi = self.a.tokens[end_tok - 1].end
        return [m for m in self.mentions if (lo <= m.start < hi < m.end) or (m.start < lo and hi <= m.end)]

    def places_in(self, index: int) -> list[Mention]:
        """Place mentions (states, regions, cities) inside a chunk."""
        chunk = self.a.chunks[index]
        return [m for m in self.mentions_in(chunk.core_start, chunk.core_end) if m.kind in _PLACE_KINDS and (m.codes or m.code)]

    def epithet_state(self, index: int) -> Party | None:
        """The state a destination phrase names by an epithet ("in das Land", "in die frühere
        Sowjetrepublik"), where it is one: never the state of its clause's subject; None for
        any other phrase."""
        chunk = self.a.chunks[index]
        if chunk.kind != "noun" or any(m.code or m.codes for m in self.mentions_in(chunk.core_start, chunk.core_end)):
            return None
        party = self._epithet(chunk, chunk.core_start, chunk.core_end, destination=True)
        return party if party is not None and party.code else None

    def territory_state(self, index: int, border: bool = False) -> str | None:
        """The state a place phrase names by its adjective: "auf **mazedonischem** Gebiet", "in
        russischen Gewässern" (a territory noun, noun_classes.tsv), "im **südserbischen**
        Preševo" (a place name the gazetteer does not know); with ``border``, also a border or
        front ("an die **ukrainische** Grenze": where forces go); None for any other phrase."""
        chunk = self.a.chunks[index]
        mentions = self.mentions_in(chunk.core_start, chunk.core_end)
        states = {m.code for m in mentions if m.kind == "adjective" and m.code and is_state(m.code)}
        if len(states) != 1:
            return None
        head = self.a.tokens[chunk.head]
        if any(m.start <= head.start < m.end for m in mentions):
            return None
        found = cue_lexicon().noun_class(head.lemma) if head.is_noun else None
        if (found is not None and (found[0] == "territory" or (border and found[0] == "border"))) or head.pos == "NE":
            return states.pop()
        return None

    # ------------------------------------------------------------------ coding

    def _party(self, chunk: Chunk) -> Party | None:
        text = self.a.chunk_text(chunk)
        parts = chunk.parts or [(chunk.core_start, chunk.core_end)]
        if len(parts) > 1:
            coded = [self._part(chunk, s, e) for s, e in parts]
            coded = [p for p in coded if p is not None]
            if not coded:
                return None
            codes: list[str] = []
            for p in coded:
                for c in p.all_codes:
                    if c not in codes:
                        codes.append(c)
            first = next((p for p in coded if p.code), coded[0])
            return Party(text=text, code=first.code, codes=codes, sector=first.sector)
        p = self._part(chunk, chunk.core_start, chunk.core_end)
        if p is None and self._portion(chunk):
            p = self._owner_party(chunk)  # "große Teile der Opposition", "die Mehrheit der Abgeordneten"
        if p is not None:
            p = Party(text=text, code=p.code, codes=list(p.codes), sector=p.sector)  # never the antecedent's own object
        return p

    def _portion(self, chunk: Chunk) -> bool:
        """The chunk names a part of a group or the office who acts for a party (noun
        classes portion and proxy: Teil, Mehrheit, Hälfte; Büro, Umfeld, Team)."""
        from .lexicon import cue_lexicon

        head = self.a.tokens[chunk.head]
        found = cue_lexicon().noun_class(head.lemma) if head.is_noun else None
        return found is not None and found[0] in ("portion", "proxy")

    def _part(self, chunk: Chunk, start: int, end: int) -> Party | None:
        a = self.a
        if chunk.kind == "rel" and chunk.antecedent is not None:
            return self.party(chunk.antecedent)
        if chunk.kind in ("pron", "refl") and end - start == 1:
            tok = a.tokens[start]
            if tok.pos == "PPER" and self._active_subject(chunk):
                local = self._local_antecedent(chunk, tok.text)
                if local is not None:
                    return local
            if tok.pos in ("PPER", "PRF"):
                return self.ctx.pronoun(tok.text, plural=self._clause_plural(chunk), speaker=self.speaker)
            if tok.text.lower() == "man":
                return self._impersonal(chunk)
            return None
        ms = [m for m in self.mentions_in(start, end) if m.kind in _KIND_RANK and not self._in_attribute(start, end, m) and not attitude(m)]
        coded = [m for m in ms if m.code or m.codes]
        if all(m.kind == "igo" and "compound" in m.flags for m in coded) and chunk.kind == "noun":
            epithet = self._epithet(chunk, start, end)
            if epithet is not None:
                return epithet
        places = [m for m in coded if m.kind in _PLACE_KINDS | {"adjective", "demonym"}]
        if places and any(m.kind == "igo" and "compound" in m.flags for m in coded):
            # "in dem baltischen Nato-Land", "ein osteuropäischer EU-Staat": the organisation
            # says what the state belongs to; the place or adjective says which state it is
            coded = [m for m in coded if not (m.kind == "igo" and "compound" in m.flags)]
        if not coded:
            # a name that runs on past the chunk ("die Regierung | in Kiew") or that the chunk
            # is part of ("in Kiew" of "Regierung in Kiew") still codes it
            coded = [m for m in self._overlapping(start, end) if m.kind in _KIND_RANK and (m.code or m.codes)]
        if coded and all(m.kind in ("city", "region") for m in coded) and a.tokens[end - 1].pos == "NE" and chunk.prep not in _PLACE_PREPS:
            known = self.ctx.named(a.tokens[end - 1].text)
            if known is not None:
                # the surname of a person the article introduced, though a town has that name
                # too ("Angolas Präsident José Eduardo Dos Santos", later "Dos Santos")
                return Party(code=known.code, codes=list(known.codes) or [known.code], sector=known.sector)
            town = coded[-1]
            if len(coded) == 1 and town.kind == "city" and end - start >= 2 and town.end == a.tokens[end - 2].end and a.tokens[end - 2].pos == "NE" and not self.mentions_in(end - 1, end):
                coded = []  # a first name that is also a town, before a surname ("Alexandra Strickner")
        if coded:
            head_start = a.tokens[min(chunk.head, end - 1)].start
            # of two mentions of one kind, the one at the phrase's head names it: "die Linkspartei
            # **Podemos**" is Spain's Podemos, not Germany's Linkspartei
            best = min(coded, key=lambda m: (_KIND_RANK[m.kind], "genitive" in m.flags, not (m.start <= head_start < m.end), -(m.end - m.start)))
            if "genitive" in best.flags:
                # "Blinkens baltische Gesprächspartner": the possessor stands before the
                # adjective that says whose the head is
                own = [m for m in coded if (m.kind in ("adjective", "demonym") or m.text[:1].islower()) and m.start >= best.end and "compound" not in m.flags]
                if own:
                    best = own[0]
            role = self._role_noun(start, end) if best.kind in _PLACE_KINDS | {"adjective", "demonym"} else None
            if role is not None:
                sector, _kind = actor_noun(a.tokens[chunk.head].lemma) or role
                if _kind == "ngo":
                    # "das deutsche katholische Hilfswerk missio", "eine britische Menschenrechtsgruppe":
                    # a non-governmental organisation is NGO wherever it is based (EVENTS.md)
                    return Party(code="NGO", codes=["NGO"], sector="NGO")
                return self._explicit(chunk, start, Party(code=best.code or (best.codes[0] if len(best.codes) == 1 else None), codes=list(best.codes) or [best.code], sector=sector))
            found = _from_mention(best)
            if best.kind in ("person", "title", "body") and found is not None:
                self._explicit(chunk, start, found)  # "der russische Botschafter Sergej Andrejew": later "der Botschafter"
            return found
        needs = next((m for m in ms if "needs_country" in m.flags), None)
        head = a.tokens[min(chunk.head, end - 1)] if chunk.head < end else a.tokens[end - 1]
        noun = actor_noun(head.lemma) if head.is_noun else None
        if noun is None and head.pos == "NE":
            # "die Meeresschutzorganisation Oceana", "der Präsident Erdogan": the role noun before the name
            noun = next((found for k in range(start, end) if a.tokens[k].pos in ("NN", "NNA") and (found := actor_noun(a.tokens[k].lemma)) is not None), None)
        if any(a.tokens[k].lemma in _foreign_words() for k in range(start, end)) and not (self._owner_code(chunk) or self._seat_code(chunk)):
            # "ausländische Journalisten", "drei Ausländer": from abroad, not from the country
            # the article is about
            sector = needs.sector if needs is not None else noun[0] if noun else "CVL"
            return Party(code=None, codes=[], sector=sector)
        if needs is not None and "federal" in needs.flags and not self._owner_code(chunk):
            # Bundeskanzler, Bundesregierung: Austria's or Germany's (or Switzerland's), by the article
            code = self.ctx.focus if self.ctx.focus in _FEDERAL else "DEU"
            return Party(code=code, codes=[code], sector=needs.sector)
        if needs is not None or (noun is not None and noun[1] in ("state", "nonstate")):
            sector = needs.sector if needs is not None else noun[0] if noun else None
            owner = self._owner_party(chunk)
            if owner is not None and owner.codes:
                return self._explicit(chunk, start, Party(code=owner.code, codes=list(owner.codes), sector=sector))
            owner = self._von_party(chunk)
            if owner is not None and owner.codes:
                return self._explicit(chunk, start, Party(code=owner.code, codes=list(owner.codes), sector=owner.sector if owner.sector in _OWN_SECTORS else sector))
            seats = self._seat_codes(chunk)
            if seats:
                return self._explicit(chunk, start, Party(code=seats[0], codes=seats, sector=sector))
            named = self._apposition_party(chunk)
            if named is not None:
                return self._explicit(chunk, start, Party(code=named.code, codes=list(named.codes), sector=sector or named.sector))  # "Der Außenminister, Sergej Lawrow,"
            if sector == "REB":
                group = self._named_group()
                if group is not None:
                    return group  # "Einsätze gegen die PKK … 23 mutmaßliche Rebellen getötet"
            code = self._possessor_code(start, end) or self._clause_country_code(chunk) or self._earlier_role(chunk, start) or self.ctx.focus
            return Party(code=code, codes=[code] if code else [], sector=sector)
        if noun is not None and noun[1] == "ngo":
            return Party(code="NGO", codes=["NGO"], sector="NGO")
        if noun is not None and noun[1] == "unknown":
            return Party(code=None, codes=[], sector=None)
        if noun is not None and noun[1] == "people":
            return Party(code=None, codes=[], sector="CVL")
        personal = (_is_person_noun(head) and (head.is_noun or head.pos.startswith("ADJ"))) or head.text.lower() in _CROWDS
        if personal and a.tokens[start].text.lower() in ("der", "die", "dem", "den", "des") and end - start <= 2 and self.ctx.last_person is not None:
            return Party(code=self.ctx.last_person.code, codes=[self.ctx.last_person.code] if self.ctx.last_person.code else [], sector=self.ctx.last_person.sector)  # "der 73-Jährige"
        if personal:
            # "ein Verdächtiger", "drei der Insassen", "der 23-Jährige": people of the country
            code = self._owner_code(chunk) or self._seat_code(chunk) or self._clause_place_code(chunk) or self.ctx.focus
            return Party(code=code, codes=[code] if code else [], sector="CVL")
        last = a.tokens[end - 1]  # the surname ("Max Schrems", "Schrems"), never a first name alone
        # (or, alone in its phrase, a surname the article introduced that the tagger reads as a noun: "Greste")
        known = self.ctx.named(last.text) if last.pos == "NE" or (last.pos == "NN" and chunk.core_end - chunk.core_start == 1) else None
        if chunk.kind == "name" or known is not None or any(a.tokens[k].pos == "NE" for k in range(start, end)):
            if known is not None:
                return Party(code=known.code, codes=list(known.codes) or [known.code], sector=known.sector)  # "Xi" after "Chinas Präsident Xi Jinping"
            role = self._apposition_party(chunk)
            if role is not None:
                return Party(code=role.code, codes=list(role.codes), sector=role.sector)  # "Hans Müller, Sprecher der Nato,"
            code = self.ctx.focus
            return Party(code=code, codes=[code] if code else [], sector=None)
        return None

    def _explicit(self, chunk: Chunk, start: int, party: Party) -> Party:
        """Note that the chunk's own words say whose role or body it is (an adjective, a place,
        an owner, a named apposition), for a bare mention of the noun later in the article."""
        if len(chunk.parts) <= 1 and party.code:
            noun = next((t.lemma for t in self.a.tokens[start : chunk.core_end] if t.is_noun and actor_noun(t.lemma) is not None), None)
            if noun is not None:
                self.explicit_roles[chunk.i] = (noun, party)
        return party

    def _earlier_role(self, chunk: Chunk, start: int) -> str | None:
        """The party a definite bare role noun stands for: the one the article last named
        with that noun and its owner ("die Regierung von Nauru …, die Regierung", "der
        russische Botschafter …, der Botschafter")."""
        if not grammar().definite(self.a.tokens[start].text) or chunk.head != start + 1:
            return None
        lemma = self.a.tokens[chunk.head].lemma
        takes = role_groups(lemma)[1]
        found = self.ctx.role(lemma, (lambda noted: bool(takes & role_groups(noted)[0])) if takes else None)
        return found.code if found is not None else None

    def _active_subject(self, chunk: Chunk) -> bool:
        """The chunk is the subject of an active clause ("Kurz meinte, **er** würde …"); an
        object or a passive's patient ("sie seien festgenommen worden") is rarely the one
        who speaks or acts in the clause before."""
        if chunk.clause < 0:
            return False
        clause = self.a.clauses[chunk.clause]
        return clause.subj == chunk.i and not clause.passive

    def possessor(self, chunk: Chunk, word: str) -> Party | None:
        """The owner a possessive determiner stands for ("Mitrow betonte, **sein** Land habe …"):
        its antecedent in the sentence, else the document context."""
        local = self._local_antecedent(chunk, word, possessive=True)
        if local is not None:
            return local
        return self.ctx.pronoun(word, plural=None, speaker=self.speaker)

    def _local_antecedent(self, chunk: Chunk, word: str, possessive: bool = False) -> Party | None:
        """A third-person pronoun's antecedent in the same sentence (``analyse.coref``): the
        speaker whose content holds it, else the nearest earlier subject that agrees. Where
        no determiner tells the gender, only a person stands for "er" or singular "sie"."""
        allowed = pronoun_agreement(word, None if possessive else self._clause_plural(chunk), possessive)
        if allowed is None:
            return None
        for idx, told in antecedents(self.a, chunk, allowed, same_clause=possessive):
            if idx == chunk.i:
                continue
            p = self.party(idx)
            if p is not None and not p.code and self._unknown_doer(self.a.chunks[idx]):
                # "griffen vier Attentäter den Saal an, wo **sie** 89 Menschen töteten": the
                # unnamed attackers, of no known state
                return Party(text=word, code=None, codes=[], sector=None)
            if p is None or not p.code:
                continue
            if not told and not self._personal(self.a.chunks[idx]):
                continue
            return Party(text=word, code=p.code, codes=p.all_codes, sector=p.sector)
        return None

    def _unknown_doer(self, chunk: Chunk) -> bool:
        """A chunk that names unknown perpetrators ("Unbekannte", "vier Attentäter")."""
        head = self.a.tokens[chunk.head]
        noun = actor_noun(head.lemma) if head.is_noun else None
        return noun is not None and noun[1] == "unknown"

    def _personal(self, chunk: Chunk) -> bool:
        """A chunk that names a person: a person or title mention, or an unknown name."""
        kinds = {m.kind for m in self.mentions_in(chunk.core_start, chunk.core_end)}
        return bool(kinds & {"person", "title"}) or (chunk.kind == "name" and not kinds and len(chunk.parts) <= 1)

    def introduced_names(self, index: int) -> list[tuple[str, Party]]:
        """The names a chunk introduces with a party of their own ("Chinas Präsident **Xi
        Jinping**", "EU-Parlamentspräsident **Martin Schulz**"), each with that party: its
        proper nouns outside any lexicon mention, when another mention of the same conjunct
        (a title, an adjective, a body) codes it ("Der Australier Peter **Greste**, der
        Kanadier Mohammed **Fahmi** und …": each name its own conjunct's party). Later in the
        article the bare name stands for the same party."""
        chunk = self.a.chunks[index]
        if chunk.kind not in ("noun", "name"):
            return []
        parts = chunk.parts or [(chunk.core_start, chunk.core_end)]
        out: list[tuple[str, Party]] = []
        for lo, hi in parts:
            ms = [m for m in self.mentions_in(lo, hi) if m.kind in _KIND_RANK and (m.code or m.codes)]
            if not ms:
                continue  # (most phrases: no party needs to be worked out)
            party = self._part(chunk, lo, hi) if len(parts) > 1 else self.party(index)
            if party is None or not party.code or len(party.codes) > 1:
                continue
            names = [w for m in ms if m.kind == "person" and m.name for w in m.name.split() if len(w) > 1 and w[:1].isupper() and w.replace("-", "").isalpha()]
            for k in range(lo, hi):
                tok = self.a.tokens[k]
                # (a surname the tagger does not know it reads as a noun; after a first name it
                # is the name's end: "der australische Journalist Peter **Greste**")
                surname = tok.pos == "NN" and k == hi - 1 and k > lo and self.a.tokens[k - 1].pos == "NE"
                if (tok.pos != "NE" and not surname) or len(tok.text) < 2 or not tok.text[:1].isupper() or not tok.text.isalpha():
                    continue
                if any(m.start < tok.end and tok.start < m.end for m in self.mentions):
                    continue
                names.append(tok.text)
            out.extend((name, Party(code=party.code, codes=[party.code], sector=party.sector)) for name in names)
        return out

    def _epithet(self, chunk: Chunk, start: int, end: int, destination: bool = False) -> Party | None:
        """A definite singular state epithet ("das kleine EU-Land", "die frühere Sowjetrepublik")
        stands for the state named last: earlier in the sentence, else the last place of the
        article; with a possessive, for the possessor's state ("sein Land"). With
        ``destination`` (where forces go), never for a state its clause's subject names."""
        a = self.a
        head = a.tokens[min(chunk.head, end - 1)]
        singular = head.text.lower() in {head.lemma.lower() + ending for ending in ("", "s", "es", "e")}  # Land, Landes; not Länder
        if not head.is_noun or chunk.plural or not singular or not state_epithet(head.lemma):
            return None
        first = a.tokens[start]
        if first.pos == "PPOSAT":
            code = self._possessor_code(start, end)
            return Party(code=code, codes=[code], sector="GOV") if code else None
        if not grammar().definite(first.text):  # "die frühere Sowjetrepublik", "dieses Land"
            return None
        members = epithet_members(head.lemma)
        before = [
            m for m in self.mentions
            if m.end <= first.start and m.kind in ("country", "capital", "adjective", "body") and (m.code or len(m.codes) == 1) and is_state(m.code or m.codes[0]) and not attitude(m)
        ]  # "Die ungarische Regierung hat … über das ganze Land verhängt": Hungary
        subject = self._clause_subject(chunk) if destination else None
        if subject is not None:
            # a destination is another state than its clause's subject ("Die USA wollen
            # Soldaten in das Land schicken": not the USA, which would be "ins eigene Land")
            lo, hi = a.tokens[subject.start].start, a.tokens[subject.end - 1].end
            before = [m for m in before if not (lo <= m.start and m.end <= hi)]
        if members is not None:
            # "die frühere Sowjetrepublik": the last-named state that is one
            named = [m.code or m.codes[0] for m in before] or [p.codes[0] for p in self.ctx.recent_places if len(p.codes) == 1]
            fitting = [c for c in named if c in members]
            if fitting:
                return Party(code=fitting[-1], codes=[fitting[-1]], sector="GOV")
            for _sentence, _etype, actor, target in reversed(self.ctx.acts[-8:]):
                # a party of the last acts ("warf der Regierung in Kiew vor … Die frühere Sowjetrepublik wies dies zurück")
                for code in ([target.code] + list(target.codes) if target is not None else []) + ([actor.code] if actor is not None else []):
                    if code in members:
                        return Party(code=code, codes=[code], sector="GOV")
            if self.ctx.focus in members:
                return Party(code=self.ctx.focus, codes=[self.ctx.focus], sector="GOV")  # the state the article is about
            return None  # (never a state the epithet cannot name: Russia is no "frühere Sowjetrepublik")
        if before:
            m = before[-1]
            code = m.code or m.codes[0]
            return Party(code=code, codes=[code], sector="GOV")
        last = self.ctx.last_place
        if last is not None and len(last.codes) == 1:
            return Party(code=last.codes[0], codes=list(last.codes), sector="GOV")
        return None

    def _clause_subject(self, chunk: Chunk) -> Chunk | None:
        """The subject of the chunk's clause, where the chunk is another phrase of it."""
        if chunk.clause is None or chunk.clause >= len(self.a.clauses):
            return None
        subj = self.a.clauses[chunk.clause].subj
        return self.a.chunks[subj] if subj is not None and subj != chunk.i else None

    def _impersonal(self, chunk: Chunk) -> Party | None:
        """"man" stands for the body or place the clause puts it in: "Im Ministerium kann man
        das nicht nachvollziehen", "In Moskau sieht man das anders", "bei der Polizei"."""
        for other in self.a.chunks:
            if other.clause == chunk.clause and other.i != chunk.i and other.prep in ("in", "bei", "auf", "aus") and not other.post:
                p = self.party(other.i)
                if p is not None and p.code:
                    return Party(code=p.code, codes=list(p.codes) or [p.code], sector=p.sector or "GOV")
        return None

    def _named_group(self) -> Party | None:
        """The armed group the sentence names (PKK, IS, Hamas), for unnamed rebels or fighters."""
        groups = {m.code: m for m in self.mentions if m.kind == "group" and m.code and m.sector == "REB"}
        if len(groups) == 1:
            return _from_mention(next(iter(groups.values())))
        return None

    def in_attribute(self, start: int, end: int, m: Mention) -> bool:
        """Whether a mention stands in an extended participle attribute of the token range."""
        return self._in_attribute(start, end, m)

    def _in_attribute(self, start: int, end: int, m: Mention) -> bool:
        """A mention inside an extended participle attribute: "ein **in Belgien** gesuchter Algerier"."""
        a = self.a
        k = start
        while k < end:
            if a.tokens[k].pos in ("APPR", "APPRART") and k > start:
                j = k + 1
                while j < end and a.tokens[j].pos != "ADJ(A)":
                    j += 1
                if j < end and a.tokens[k].start <= m.start < a.tokens[j].start:
                    return True
                k = j
            k += 1
        return False

    def _clause_place_code(self, chunk: Chunk) -> str | None:
        """The state where the clause happens ("Mehrere Verdächtige sind **in Belgien** angeklagt")."""
        for attributes in (False, True):
            # then a place that qualifies the clause's event noun: "Bei Raketenangriffen **auf Dnipro**"
            for c in self.a.chunks:
                if c.clause == chunk.clause and c.i != chunk.i and c.post == attributes and c.prep in (("in", "bei", "auf") if attributes else ("in", "bei")):
                    for m in self.places_in(c.i):
                        code = m.code or (m.codes[0] if len(m.codes) == 1 else None)
                        if code:
                            return code
        return None

    def _clause_country_code(self, chunk: Chunk) -> str | None:
        """The state named as where the clause happens, by its country name ("**In Frankreich**
        nahm die Polizei drei Männer fest", "muss sich **in Guatemala** ein amtierender
        Präsident verantworten"): a state's bodies there are that state's. A city is no such
        sign ("Die Minister berieten in Paris": a meeting abroad); a region of one state is
        ("**Auf der Insel Lesbos** beklagte die Provinzverwaltung", "In Bayern …")."""
        for c in self.a.chunks:
            if c.clause == chunk.clause and c.i != chunk.i and not c.post and c.prep in ("in", "auf") and not self._noun_attribute_pp(c):
                states = {m.code for m in self.places_in(c.i) if m.code and (m.kind == "country" or (m.kind == "region" and country_of(m.code) != m.code))}
                if not states and (code := self.territory_state(c.i)):
                    states = {code}  # "Auf mazedonischem Gebiet nahm die Polizei sie fest"
                if len(states) == 1:
                    return states.pop()
        return None

    def _noun_attribute_pp(self, pp: Chunk) -> bool:
        """A prepositional phrase right after a noun phrase qualifies that noun ("der Notlage
        **in Syrien**"), not the clause."""
        before = [c for c in self.a.chunks if c.end == pp.start]
        return bool(before) and before[0].kind in ("noun", "name")

    def _role_noun(self, start: int, end: int) -> tuple[str | None, str] | None:
        """(sector, kind) of the first role or body noun of a chunk that a state adjective or
        place may qualify ("die türkische Polizei", "russische Soldaten"), else None."""
        for k in range(start, end):
            tok = self.a.tokens[k]
            found = actor_noun(tok.lemma) if tok.is_noun else None
            if found is not None:
                return found
        return None

    def _apposition_party(self, chunk: Chunk) -> Party | None:
        """The party of the comma apposition to a chunk ("Hans Müller, **Sprecher der Nato**,")."""
        for other in self.a.chunks:
            if other.appos == chunk.i:
                p = self._party(other)  # its own words: party() would ask the anchor back
                if p is not None and p.code:
                    return p
        return None

    def _owner_code(self, chunk: Chunk) -> str | None:
        """The state of a genitive attribute: "der Präsident **der Türkei**"."""
        p = self._owner_party(chunk)
        return p.code if p is not None else None

    def _owner_party(self, chunk: Chunk) -> Party | None:
        """The party of a genitive attribute ("die Vertreter **der Regierungen in Vilnius und Riga**")."""
        for other in self.a.chunks:
            if other.owner == chunk.i:
                p = self.party(other.i)
                if p is not None and p.code:
                    return p
        return None

    def _next_chunk(self, chunk: Chunk) -> Chunk | None:
        """The chunk right after a chunk (its attribute, where it has one)."""
        return next((c for c in self.a.chunks if c.start == chunk.end), None)

    def _von_party(self, chunk: Chunk) -> Party | None:
        """The party of a von-phrase right after a role noun, which stands for its genitive
        ("die Obfrau **von Attac**", "der Sprecher **von Amnesty International**")."""
        nxt = self._next_chunk(chunk)
        if nxt is None or nxt.prep != "von" or nxt.kind not in ("name", "noun"):
            return None
        p = self.party(nxt.i)
        return p if p is not None and p.code else None

    def _seat_code(self, chunk: Chunk) -> str | None:
        """The state of a place right after "in"/"aus": "die Regierung **in Ankara**"."""
        codes = self._seat_codes(chunk)
        return codes[0] if codes else None

    def _seat_codes(self, chunk: Chunk) -> list[str]:
        """The states of the places right after "in"/"aus"/"auf" ("in Vilnius und Riga" → LTU, LVA)."""
        nxt = self._next_chunk(chunk)
        if nxt is None or nxt.prep not in _SEAT_PREPS:
            return []
        out: list[str] = []
        for m in self.places_in(nxt.i):
            for code in [m.code] if m.code else m.codes:
                if code and code not in out:
                    out.append(code)
        return out

    def _possessor_code(self, start: int, end: int) -> str | None:
        """A possessive determiner's party: "**seine** Regierung"."""
        for k in range(start, end):
            tok = self.a.tokens[k]
            if tok.pos == "PPOSAT":
                chunk = self.a.chunk_at(k)
                p = self.possessor(chunk, tok.text) if chunk is not None else self.ctx.pronoun(tok.text, plural=None, speaker=self.speaker)
                if p is not None:
                    return p.code
        return None

    def _clause_plural(self, chunk: Chunk) -> bool | None:
        if chunk.clause < 0:
            return None
        clause = self.a.clauses[chunk.clause]
        if clause.finite is None:
            return None
        form = self.a.tokens[clause.finite].text.lower()
        if form in ("ist", "hat", "wird", "war", "hatte", "wurde", "sei", "habe", "werde", "kann", "will", "soll", "muss"):
            return False
        return form.endswith("n") or None


def attitude(m: Mention) -> bool:
    """A compound adjective of a state or body and a plain adjective ("die
    **Griechenland-skeptischen** Finnen", "**EU-kritische** Abgeordnete"): an attitude towards
    it, not whose the phrase is."""
    if "stance" in m.flags:
        return True  # "anti-chinesische Proteste", "prorussische Separatisten"
    if not {"compound", "prefix"} <= m.flags or "-" not in m.text:
        return False
    rest = m.text.rsplit("-", 1)[1]
    return rest[:1].islower()


def _is_person_noun(tok) -> bool:
    """A noun naming people: the person class of the cue lexicon, or an age ("der 23-Jährige")."""
    from .lexicon import cue_lexicon

    if tok.text.endswith(("-Jährige", "-Jährigen", "-Jähriger", "jährige", "jährigen")):
        return True
    cls = cue_lexicon().noun_class(tok.lemma)
    return cls is not None and cls[0] in ("person", "force")


def _from_mention(m: Mention) -> Party:
    code = m.code or (m.codes[0] if len(m.codes) == 1 else None)
    codes = list(m.codes) if m.codes else ([m.code] if m.code else [])
    sector = m.sector
    if sector is None and m.kind in ("country", "capital"):
        sector = "GOV"
    if m.kind == "media":
        code, codes, sector = "MEDIA", ["MEDIA"], "MED"
    return Party(code=code, codes=codes, sector=sector, place=m.place if m.kind in ("capital", "city") else None, lat=m.lat, lon=m.lon)

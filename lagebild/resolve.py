"""The resolve stage: what a sentence leaves to the document — pronouns, speakers, the home country.

German news names a person once ("Der türkische Präsident Recep Tayyip Erdoğan") and then
writes "er", "der Präsident" or only quotes him; it attributes a paragraph of reported
speech (Konjunktiv I) to one "sagte X"; and it names the parties of domestic politics
(the opposition, the police, a party chief) without their country, which is the country
the article is about. ``Context`` walks the sentences of one article in order and keeps:

* the article's **focus**: the state (or organisation) it is about, from its dateline,
  headline and the mentions of every sentence (counted before extraction starts);
* the last person, the last group (a plural party) and the last place named;
* the last speaker, for reported speech without its own "sagte".

Plain data in and out: ``Party`` values of ``lagebild.model``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from .model import Party
from .recognize.lexicon import Mention

__all__ = ["Context", "document_focus", "is_state"]

_FOCUS_KINDS = frozenset({"country", "capital", "city", "adjective", "demonym", "person", "title", "body", "igo"})
_NOT_FOCUS = frozenset({"MEDIA", "WEST", "EUROPE", "NATO_EAST", "NGO"})


def is_state(code: str) -> bool:
    """An ISO 3166 alpha-3 code (domestic actors are coded to states, not organisations)."""
    return len(code) == 3 and code.isalpha() and code.isupper() and code not in ("IGO", "NGO")


def document_focus(mentions: list[list[Mention]], headings: list[bool], dateline: list[str]) -> str | None:
    """The state or organisation an article is about.

    mentions (list[list[Mention]]): the mentions of each sentence, in order.
    headings (list[bool]): which sentences are headlines (their mentions count double).
    dateline (list[str]): codes of the dateline places ("Istanbul – " → TUR), counted
        once more besides their mention in the first sentence: where a report is filed
        from is often not what it is about ("Puebla – Erstmals muss sich in Guatemala ein
        Präsident …"; weight 1 against 2 and 3: 4-fold CV 0.400/0.398/0.399, its
        international articles 0.452/0.448/0.433).
    RETURNS (str | None): the most mentioned state code, ties going to the earliest mention.
    """
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    order = 0
    for code in dateline:
        counts[code] += 1
        first.setdefault(code, order)
        order += 1
    for sentence, heading in zip(mentions, headings):
        weight = 2 if heading else 1
        for m in sentence:
            if m.kind not in _FOCUS_KINDS:
                continue
            codes = [m.code] if m.code else []
            for code in codes:
                if code in _NOT_FOCUS or not is_state(code):
                    continue
                counts[code] += weight
                first.setdefault(code, order)
                order += 1
    if not counts:
        return None
    return max(counts, key=lambda c: (counts[c], -first[c]))


_RECENT_PLACES = 12


@dataclass
class Context:
    """What the article has said so far.

    doc_date (str | None): the document date (ISO, any precision).
    focus (str | None): the article's home state or organisation (``document_focus``).
    """

    doc_date: str | None = None
    focus: str | None = None
    last_person: Party | None = None
    last_person_sentence: int = -10
    last_group: Party | None = None
    last_group_sentence: int = -10
    recent_places: list[Party] = field(default_factory=list)  # the last places named, latest last
    last_speaker: Party | None = None
    last_speaker_sentence: int = -10
    salience: Counter = field(default_factory=Counter)
    recent: dict[str, tuple[int, Party]] = field(default_factory=dict)
    acts: list[tuple[int, str, Party | None, Party | None]] = field(default_factory=list)
    names: dict[str, Party] = field(default_factory=dict)
    roles: dict[str, Party] = field(default_factory=dict)  # role noun lemma → the party it last named explicitly
    counted: tuple[int, str] | None = None  # (sentence, noun class) of the last counted forces or weapons ("12.000 Soldaten")
    sentence: int = 0

    def note_event(self, etype: str, actor: Party | None, sentence: int, target: Party | None = None) -> None:
        """An event was extracted: its actor is the likely actor of the next of its kind, and
        the act itself what later reactions ("verurteilte den Vorfall") are aimed at.

        Sentences are noted in order, so that ``acts`` is in sentence order and a look
        back over it stops at the first act out of reach (time linear in the article)."""
        if actor is not None and actor.code:
            self.recent[etype] = (sentence, actor)
        self.acts.append((sentence, etype, actor, target))

    def last_act(self, before: int, window: int = 8, exclude: frozenset[str] = frozenset()) -> tuple[str, Party | None, Party | None] | None:
        """The latest event before sentence ``before`` (within ``window``), not of the types excluded."""
        for sentence, etype, actor, target in reversed(self.acts):
            if before - sentence > window:
                return None  # the acts are in sentence order: all the rest are earlier still
            if sentence >= before or etype in exclude:
                continue
            return etype, actor, target
        return None

    def recent_any(self, window: int = 6, other_than: str | None = None) -> Party | None:
        """The actor of the most recent event of any kind within ``window`` sentences; with
        ``other_than``, of one whose actor is not that code (what a party reacts to is
        someone else's act: "Der Kreml kritisierte die Entscheidung" after the EU's sanctions
        and Moscow's own statements)."""
        found = max((x for x in self.recent.values() if other_than is None or x[1].code != other_than), key=lambda x: x[0], default=None)
        if found is None or self.sentence - found[0] > window:
            return None
        return _copy(found[1], found[1].text or "")

    def recent_actor(self, etype: str, window: int = 4) -> Party | None:
        """The actor of the last event of a type within ``window`` sentences (for "400 Soldaten
        sollen in Litauen ankommen" after "die USA verlegen …")."""
        found = self.recent.get(etype) or (self.recent.get("MOBILIZE") if etype in ("PRESENCE", "RETREAT") else None)
        if found is None or self.sentence - found[0] > window:
            return None
        return _copy(found[1], found[1].text or "")

    def pronoun(self, word: str, *, plural: bool | None, speaker: Party | None = None) -> Party | None:
        """The party a personal or possessive pronoun stands for.

        word (str): the pronoun as written (er, sie, ihm, sein, ihre, wir, unser, ich ...).
        plural (bool | None): whether the clause's verb is plural (for "sie").
        speaker (Party | None): the speaker of the sentence's own speech frame, if any.
        RETURNS (Party | None): a copy of the antecedent party, or None.
        """
        low = word.lower()
        if low.startswith(("wir", "uns", "unser", "ich", "mich", "mir", "mein")):
            who = speaker or self.last_speaker
            return _copy(who, word) if who is not None and who.code not in (None, "MEDIA") else None
        if low.startswith(("er", "ihn", "ihm", "sein")):
            return _copy(self.last_person, word)
        if low.startswith(("sie", "ihr", "ihnen")):
            if plural is True or low == "ihnen":
                return _copy(self.last_group or self.last_person, word)
            if plural is False:
                return _copy(self.last_person or self.last_group, word)
            if self.last_group is not None and self.last_group_sentence >= self.last_person_sentence:
                return _copy(self.last_group, word)
            return _copy(self.last_person or self.last_group, word)
        return None

    def note_person(self, party: Party, sentence: int) -> None:
        """A named person acted or spoke in a sentence."""
        if party.code:
            self.last_person = party
            self.last_person_sentence = sentence

    def note_group(self, party: Party, sentence: int) -> None:
        """A plural party (a state, an organisation, a group) acted in a sentence."""
        if party.code:
            self.last_group = party
            self.last_group_sentence = sentence

    def note_name(self, name: str, party: Party) -> None:
        """A name was introduced with what makes it a party ("Chinas Präsident **Xi** Jinping",
        "Caritas-Präsident Franz **Küberl**"): the bare name later stands for the same party."""
        if party.code:
            self.names[name] = party

    def note_role(self, lemma: str, party: Party) -> None:
        """A role or body noun was named with what says whose it is ("die Regierung **von
        Nauru**", "der **russische** Botschafter"): the bare noun later ("die Regierung", "der
        Botschafter") stands for the same party."""
        if party.code:
            self.roles.pop(lemma, None)  # (latest last)
            self.roles[lemma] = party

    def role(self, lemma: str, related: Callable[[str], bool] | None = None) -> Party | None:
        """The party a role noun last named explicitly in the article, if any; else, given
        ``related``, the party of the latest role noun it accepts ("der Diplomat" after "der
        russische Botschafter")."""
        found = self.roles.get(lemma)
        if found is None and related is not None:
            found = next((party for noted, party in reversed(self.roles.items()) if related(noted)), None)
        return found

    def named(self, name: str) -> Party | None:
        """The party a name was introduced with earlier in the article, if any."""
        return _copy(self.names.get(name), name)

    def note_counted(self, noun_class: str, sentence: int) -> None:
        """Forces or weapons were counted ("zieht 12.000 Soldaten ab"): a bare number after
        them counts the same ("6.400 von ihnen kehren zurück", "5.600 weitere")."""
        self.counted = (sentence, noun_class)

    def counted_class(self, sentence: int, window: int = 2) -> str | None:
        """The class of the forces or weapons counted last, within ``window`` sentences."""
        if self.counted is None or sentence - self.counted[0] > window:
            return None
        return self.counted[1]

    def note_place(self, party: Party) -> None:
        """A place was named."""
        if party.codes:
            self.recent_places.append(party)
            del self.recent_places[:-_RECENT_PLACES]

    @property
    def last_place(self) -> Party | None:
        """The place named last."""
        return self.recent_places[-1] if self.recent_places else None

    def note_speaker(self, party: Party, sentence: int) -> None:
        """Someone spoke (a verb of saying with a named speaker)."""
        if party.code and party.code != "MEDIA":
            self.last_speaker = party
            self.last_speaker_sentence = sentence

    def carried_speaker(self, sentence: int) -> Party | None:
        """The speaker of reported speech that goes on without its own "sagte" (within 3 sentences)."""
        if self.last_speaker is not None and sentence - self.last_speaker_sentence <= 3:
            return self.last_speaker
        return None


def _copy(party: Party | None, text: str) -> Party | None:
    if party is None:
        return None
    return Party(text=text, code=party.code, codes=party.all_codes, sector=party.sector)

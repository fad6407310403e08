"""The resolve stage: document context for parties a sentence leaves open.

German news reports name a person once ("US-Außenminister Antony Blinken") and
then write "er", "der 74-Jährige" or only quote him; they attribute a whole
paragraph of reported speech (Konjunktiv I) to one "sagte X"; they write
"dort" for the place just named. ``Context`` walks the sentences in order and
remembers the last person, speaker, group and place, so that the extractor can
resolve:

- pronouns and role nouns ("sagte er", "Er habe", "der 74-Jährige") to the
  last named person;
- "wir", "uns", "man" in quotes to the speaker's side;
- the source of reported speech without its own "sagte" to the last speaker;
- "dort", "im Land" to the last place;
- a missing actor to the speaker (reported speech), or to the last actor of
  the same event type nearby.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .model import Party
from .recognize import read_tsv
from .recognize.annotate import Annotated
from .recognize.lexicon import Mention
from .syntax import is_genitive_attribute

__all__ = ["Context"]

_PARTY_KINDS = frozenset({"person", "title", "body", "igo", "country", "capital", "group", "ngo", "media", "west"})
_PLACE_KINDS = frozenset({"country", "capital", "city"})
_QUOTE_OPEN = "„\"«»“"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    out: dict[str, list[str]] = {}
    for name in ("attribution.tsv", "pronouns.tsv"):
        for kind, *pattern in read_tsv(name):
            out.setdefault(kind, []).append(f"(?:{chr(9).join(pattern)})")
    return {k: re.compile("|".join(v), re.IGNORECASE) for k, v in out.items()}


_SEAT_KINDS = frozenset({"country", "capital", "city", "region"})


def seat_of(text: str, body: Mention, mentions: list[Mention]) -> Mention | None:
    """The seat that names a body's state: "das Verteidigungsministerium in Riga", "die Polizei in Minsk".

    text (str): the sentence.
    body (Mention): a body, group or title whose state the lexicon could not tell.
    mentions (list[Mention]): the sentence's mentions, among them the seat.
    RETURNS (Mention | None): the place right after "in" with exactly one code, or None.
    """
    for other in mentions:
        if other.start > body.end and other.kind in _SEAT_KINDS and re.fullmatch(r"\s+in\s+(?:der\s+|dem\s+)?", text[body.end : other.start]):
            return other if len(other.codes or ([other.code] if other.code else [])) == 1 else None
    return None


@dataclass
class _Source:
    party: Party
    span: tuple[int, int]
    exclusive: bool = True  # its words are the attribution only, not also a party of the event


@dataclass
class Context:
    """What the document has said so far: people, speakers, places, actors.

    doc_date (str | None): the document date (ISO, any precision).
    """

    doc_date: str | None = None
    last_person: Party | None = None
    last_speaker: Party | None = None
    last_speaker_paragraph: int = -1
    last_place: Party | None = None
    last_group: Party | None = None
    group_is_newer: bool = False  # the last group was named after the last person
    salience: Counter = field(default_factory=Counter)
    recent_actors: dict[str, tuple[int, Party]] = field(default_factory=dict)
    recent_targets: dict[str, tuple[int, Party]] = field(default_factory=dict)
    last_actor: tuple[int, Party] | None = None
    _sources: dict[int, _Source | None] = field(default_factory=dict)

    # --- sources ---------------------------------------------------------------

    def source_for(self, ann: Annotated) -> Party | None:
        """Who says what the sentence states, if the article attributes it."""
        found = self._find_source(ann)
        if found is not None:
            return found.party
        pats = _patterns()
        if self.last_speaker is not None and self.last_speaker_paragraph >= ann.paragraph - 1:
            if pats["carry"].search(ann.text) or pats["reported"].search(ann.text) or ann.text.lstrip()[:1] in _QUOTE_OPEN:
                return self.last_speaker
        return None

    def source_span(self, ann: Annotated, *, exclusive: bool = False) -> tuple[int, int] | None:
        """Offsets of the attribution phrase in the sentence ("sagte er", "nach litauischen Angaben").

        exclusive (bool): only a phrase whose parties are the attribution alone (not a
            subject that speaks and acts, as in "Die Regierungen betonten, …").
        """
        found = self._find_source(ann)
        if found is None or (exclusive and not found.exclusive):
            return None
        return found.span

    def _find_source(self, ann: Annotated) -> _Source | None:
        if ann.index in self._sources:
            return self._sources[ann.index]
        self._sources[ann.index] = None  # while looking: a pronoun in the phrase must not recurse
        result = self._attribution(ann)
        self._sources[ann.index] = result
        return result

    def _attribution(self, ann: Annotated) -> _Source | None:
        text = ann.text
        pats = _patterns()
        m = pats["self"].search(text)
        if m:
            return _Source(Party(text=m.group(0), code=None), (m.start(), m.end()))
        for m in pats["according_to"].finditer(text):
            phrase = m.group(0).lower()
            if phrase == "zufolge":
                start = max(0, m.start() - 35)
                start = max(start, text.rfind(",", 0, m.start()) + 1)
                while start < m.start() and text[start - 1 : start].isalnum():
                    start += 1  # begin at a word boundary
                span = (start, m.end())
            elif phrase.startswith("laut"):
                span = (m.start(), self._np_end(ann, m.end(), article=True))
            elif phrase.startswith("nach") and phrase.endswith(("angaben", "erkenntnissen")) and len(phrase.split()) == 2:
                span = (m.start(), self._np_end(ann, m.end()))
            else:
                span = (m.start(), m.end())
            if re.search(r"medienbericht|berichten zufolge", text[span[0] : span[1]], re.IGNORECASE):
                return _Source(Party(text=text[span[0] : span[1]].strip(" ,"), code="MEDIA"), span)
            speaker = self._speaker_in(ann, span)
            if speaker is not None:
                return _Source(speaker, span)
        for m in pats["speech"].finditer(text):
            verb = m.group(0)
            if verb.lower().startswith("sagt") and re.search(r"\bzu\s*(?:[,.;:]|$)", text[m.end() :]):
                continue  # "sagte der Ukraine Hilfe zu": a pledge, not an attribution
            after = text[m.end() : m.end() + 70]
            pm = re.match(r"\s+(er|sie)\b", after, re.IGNORECASE)
            if pm:
                person = self.resolve_pronoun(pm.group(1), ann)
                if person is not None:
                    return _Source(person, (m.start(), m.end() + pm.end()))
            span = (m.end(), min(len(text), m.end() + 70))
            near = re.match(r"\s+(?:(?:der|die|das|den|dem)\s+)?(?:[a-zäöüß]+e[nrsm]?\s+)?", text[m.end() :])
            span = (m.end(), max(m.end() + (near.end() if near else 0) + 1, m.end() + 2))
            speaker_m = [x for x in ann.mentions if x.start >= m.end() and x.start <= span[1]]
            span = (m.end(), speaker_m[0].end if speaker_m else span[1])
            stop = re.search(r"[,;:.]|\b(?:in|im|bei|beim|nach|auf|vor|mit|dass)\b", text[m.end() : span[1]])
            if stop is not None:
                span = (m.end(), m.end() + stop.start())
            speaker = self._speaker_in(ann, span)
            if speaker is not None and (verb.lower() != "so" or text[: m.start()].rstrip().endswith((",", "“", "«", "»", '"'))):
                end = self._mention_end(ann, span)
                return _Source(speaker, (m.start(), end))
            before_span = (max(0, m.start() - 60), m.start())
            if text[: m.start()].strip() and not re.search(r"[,»«“\"]\s*$", text[: m.start()]):
                speaker = self._speaker_in(ann, before_span, last=True)
                if speaker is not None and ann.text[: m.start()].count(",") == 0 and verb.lower() not in {"so", "berichtet"}:
                    return _Source(speaker, (self._mention_start(ann, before_span), m.end()), exclusive=False)
        if pats["media"].search(text) and re.search(r"\bberichtet\w*\b", text, re.IGNORECASE):
            m = pats["media"].search(text)
            assert m is not None
            return _Source(Party(text=m.group(0), code="MEDIA"), (m.start(), m.end()))
        return None

    @staticmethod
    def _np_end(ann: Annotated, start: int, *, article: bool = False) -> int:
        """End of the noun phrase after "nach Angaben" or "laut": "des Verteidigungsministeriums in Moskau"."""
        text = ann.text
        head = r"\s+(?:(?:dem|der|des|den)\s+)?" if article else r"\s+(?:von|des|der|aus)\s+(?:(?:den|dem|der)\s+)?"
        m = re.match(head + r"(?:[a-zäöüß]+e[nrsm]?\s+)*[\w-]+(?:\s+(?:in|aus)\s+[A-ZÄÖÜ][\w-]+)?", text[start:])
        return start + m.end() if m else start

    def _speaker_mentions(self, ann: Annotated, span: tuple[int, int]) -> list[Mention]:
        return [
            m
            for m in ann.mentions
            if span[0] <= m.start < span[1] and (m.kind in _PARTY_KINDS or m.kind == "adjective") and not re.search(r"\b(?:in|im)\s+$", ann.text[max(0, m.start - 4) : m.start])
        ]

    def _speaker_in(self, ann: Annotated, span: tuple[int, int], *, last: bool = False) -> Party | None:
        ms = self._speaker_mentions(ann, span)
        if not ms:
            return None
        m = ms[-1] if last else ms[0]
        if m.kind == "media":
            return Party(text=m.text, code="MEDIA", sector="MED")
        code = m.code or (m.codes[0] if m.codes else None)
        if code is None and "needs_country" in m.flags:
            seat = seat_of(ann.text, m, ann.mentions)
            code = (seat.code or seat.codes[0]) if seat else None
        return Party(text=m.text, code=code, sector=m.sector)


    def _mention_end(self, ann: Annotated, span: tuple[int, int]) -> int:
        ms = self._speaker_mentions(ann, span)
        return ms[0].end if ms else span[0]

    def _mention_start(self, ann: Annotated, span: tuple[int, int]) -> int:
        ms = self._speaker_mentions(ann, span)
        return ms[-1].start if ms else span[1]

    # --- references ------------------------------------------------------------

    def resolve_pronoun(self, word: str, ann: Annotated, *, at: int = 0) -> Party | None:
        """The party a pronoun stands for: a person for er/sie, the speaker's side for wir/man.

        word (str): the pronoun as written.
        ann (Annotated): the sentence it stands in.
        at (int): its offset in the sentence; a pronoun before this sentence's own
            "sagte X" ("Er habe …, sagte Stoltenberg") is X.
        """
        low = word.lower()
        found = self._find_source(ann)
        if low == "sie" and word == "sie":
            earlier = [
                m for m in ann.mentions
                if m.end <= at and m.kind in {"country", "igo", "capital"} and m.code
                and not is_genitive_attribute(ann.text, m) and "genitive" not in m.flags
                and not re.search(r"\b(?:auf|an|gegen|mit|in|für|von|zu|aus|nach|bei|über)\s+(?:\w+\s+){0,2}$", ann.text[max(0, m.start - 30) : m.start])
            ]  # fmt: skip
            if earlier:
                m = earlier[-1]
                return Party(text=m.text, code=m.code, sector=m.sector or ("IGO" if m.kind == "igo" else "GOV"))
        if low == "er" and found is not None and found.span[0] > at and found.party.code not in {None, "MEDIA"}:
            if re.search(r"\b(?:sagte|sagt|erklärte|betonte|teilte|meinte|so)\b", ann.text[found.span[0] : found.span[1]]):
                return found.party
        if low in {"wir", "man", "uns", "es"}:
            party = found.party if found is not None else self.last_speaker
            if party is not None and party.code and party.code != "MEDIA":
                return party
            return None
        if low == "sie" and word == "sie" and self.last_actor is not None and ann.index - self.last_actor[0] == 1:
            return self.last_actor[1]  # "Konkret erhoffen sie sich …": who acted in the sentence before
        if low == "sie" and self.last_group is not None and (self.last_person is None or self.group_is_newer):
            return self.last_group
        return self.last_person

    def resolve_role(self, ann: Annotated, left: int, right: int) -> Party | None:
        """A role noun standing for the last person: "Der 70-Jährige", "Der Minister"."""
        m = _patterns()["role"].search(ann.text, left, right)
        if m is not None and self.last_person is not None:
            return self.last_person
        return None

    def there(self, ann: Annotated, *, before: int | None = None) -> Party | None:
        """The place "dort" / "im Land" refers to: the last place named before it.

        ann (Annotated): the sentence.
        before (int | None): only a "dort" before this offset counts.
        """
        m = _patterns()["there"].search(ann.text, 0, before if before is not None else len(ann.text))
        if m is None:
            return None
        earlier = [x for x in ann.mentions if x.end <= m.start() and x.kind in {"country", "capital", "city"} and x.codes]
        if earlier:
            return Party(text=m.group(0), codes=list(earlier[-1].codes))
        if self.last_place is not None:
            return Party(text=m.group(0), codes=list(self.last_place.codes))
        return None

    def fallback_actor(self, ann: Annotated, etype: str, source: Party | None) -> Party | None:
        """An actor for a sentence that names none: the speaker, or the last actor of this type."""
        if source is not None and source.code and source.code not in {"MEDIA"}:
            return Party(text=source.text, code=source.code, sector=source.sector)
        recent = self.recent_actors.get(etype)
        if recent is not None and ann.index - recent[0] <= 3:
            return recent[1]
        return None

    def fallback_target(self, ann: Annotated, etype: str, exclude: set[str], about: str | None = None) -> Party | None:
        """A target for a speech act that names none in its sentence.

        The actor of the event it is about ("begrüßte die geplante Verlegung" → who moves),
        else the target of the last event of the same type nearby ("Ähnliches forderten …"),
        else, for demands, threats, accusations and rejections, the most-mentioned other
        state or organisation of the article so far.
        """
        if about is not None:
            planned = re.search(r"(?i)\b(?:geplant|angekündigt)\w*", ann.text)
            recent = (self.recent_actors.get(f"{about}:planned") if planned else None) or self.recent_actors.get(about)
            if recent is not None and recent[1].code not in exclude:
                return Party(text=None, codes=[recent[1].code])
        recent_target = self.recent_targets.get(etype)
        if recent_target is not None and ann.index - recent_target[0] <= 8:
            codes = [c for c in recent_target[1].codes if c not in exclude]
            if codes:
                return Party(text=None, codes=codes)
        if etype not in {"REQUEST", "THREATEN", "ACCUSE", "REJECT", "ASSAULT"} or not ann.sentence.heading:
            return None  # the article's main opponent, for a headline that names no one
        for code, _ in self.salience.most_common():
            if code not in exclude and code not in {"MEDIA", "EUROPE", "NATO_EAST", "WEST"}:
                return Party(text=None, codes=[code])
        return None

    # --- state ----------------------------------------------------------------

    @staticmethod
    def _is_person(party: Party) -> bool:
        return bool(party.text) and party.sector in {"GOV", "IGO", "MIL", "POL", "REB", "OPP", None} and bool(
            re.search(r"[A-ZÄÖÜ][a-zäöüß]+\s+[A-ZÄÖÜ][a-zäöüß]+$|^[A-ZÄÖÜ][a-zäöüß]+$", party.text or "")
        ) and party.text not in {"Er", "Sie"}

    @staticmethod
    def _is_subject(ann: Annotated, m: Mention, *, first: bool) -> bool:
        """A person named as subject: first in the sentence, or right after the finite verb."""
        before = ann.text[: m.start]
        if first and not re.search(r"\b(?:mit|bei|an|von|vom|gegen|für|zu|zum|zur|dem|den)\s+(?:\w+\s+){0,2}$", before):
            return True
        return bool(re.search(r"\b(?:sagte|sagt|erklärte|betonte|meinte|forderte|kündigte|teilte)\s+(?:der\s+|die\s+)?$", before))

    def named_members(self, codes: list[str]) -> list[str]:
        """The members of a region that the article has named so far (all when none)."""
        named = [c for c in codes if self.salience.get(c)]
        return named or list(codes)

    def remember(self, ann: Annotated, etype: str, actor: Party | None, target: Party | None, status: str | None = None) -> None:
        """Note the actor and target of an event, for later sentences."""
        if actor is not None and actor.code:
            self.recent_actors[etype] = (ann.index, actor)
            self.last_actor = (ann.index, actor)
            if status in {"planned", "announced"}:
                self.recent_actors[f"{etype}:planned"] = (ann.index, actor)
        if target is not None and target.codes:
            self.recent_targets[etype] = (ann.index, target)
        if actor is not None and actor.code and self._is_person(actor):
            self.last_person = actor

    def update(self, ann: Annotated) -> None:
        """Take in a sentence's people, places and speaker after it was extracted."""
        found = self._find_source(ann)
        if found is not None and found.party.code and found.party.code != "MEDIA":
            self.last_speaker = found.party
            self.last_speaker_paragraph = ann.paragraph
        if found is not None and found.party.code and self._is_person(found.party):
            self.last_person = found.party
        for i, m in enumerate(ann.mentions):
            code = m.code or (m.codes[0] if m.codes else None)
            if m.kind in {"person", "title"} and code and self._is_subject(ann, m, first=i == 0):
                self.last_person = Party(text=m.text, code=code, sector=m.sector)
                self.group_is_newer = False
            elif m.kind in {"country", "igo", "group", "body"} and code and re.match(r"^(?:Die|die)\s", ann.text[max(0, m.start - 4) : m.start + 1] + " "):
                self.last_group = Party(text=m.text, code=code, sector=m.sector)
                self.group_is_newer = True
            if m.kind in _PLACE_KINDS and m.codes:
                self.last_place = Party(text=m.text, codes=list(m.codes), place=m.place)
            if m.kind in {"country", "capital", "igo", "body", "person", "title", "adjective", "demonym"} and code:
                self.salience[code] += 1

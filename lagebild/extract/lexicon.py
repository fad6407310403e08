"""The cue lexicon: German event verbs and nouns by lemma, with their argument frames.

Data files under ``lagebild/data/cues/`` (see their header comments):

* ``verbs.tsv``: lemma (separable particle joined, ``sich`` for reflexives), type, mode,
  actor role, target roles, conditions, flags;
* ``nouns.tsv``: event nouns with the same columns, noun roles (gen, poss, adj, comp,
  pp:…, light);
* ``light_verbs.tsv``: verbs that carry an event noun ("Kritik üben", "einen Anschlag
  verüben") and whether their subject is the noun's actor or its target;
* ``noun_classes.tsv``: semantic classes of nouns (force, weapon, aid, person) for
  conditions such as ``acc=force``;
* ``compound_modes.tsv``: modes from a compound's first part (``Luftangriff`` → aerial);
* ``instrument_modes.tsv``: attack modes from the instrument ("mit Drohnen" → drone).

Nouns are found by their compound head: the longest listed lemma that ends the word
(``Luftangriffe`` → ``Angriff``), so a few hundred heads cover the compounds of news text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..recognize import read_tsv

HEAD_MEMO = 100_000  # (table, lemma) pairs whose matched head is kept
_UNSEEN = object()

__all__ = ["Entry", "Condition", "CueLexicon", "cue_lexicon", "head_match"]


@dataclass(frozen=True)
class Condition:
    """One condition of an entry: a role that must (not) be present, of a class or lemma."""

    role: str
    negate: bool = False
    value: str | None = None  # a class (lower case) or a noun lemma (capitalised)


@dataclass(frozen=True)
class Entry:
    """One cue row: what a verb or noun means and where its parties are."""

    lemma: str
    type: str
    mode: str | None
    actor: tuple[str, ...]
    target: tuple[str, ...]
    when: tuple[Condition, ...]
    flags: frozenset[str]
    pos: str  # verb or noun


@dataclass
class CueLexicon:
    """Verb and noun cues, light verbs, noun classes and compound modes."""

    verbs: dict[str, list[Entry]] = field(default_factory=dict)
    nouns: dict[str, list[Entry]] = field(default_factory=dict)
    light: dict[str, tuple[str, str]] = field(default_factory=dict)
    classes: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    compound_modes: dict[tuple[str, str], str] = field(default_factory=dict)
    instruments: dict[str, str] = field(default_factory=dict)
    noun_keys: dict[str, str] = field(default_factory=dict)
    class_keys: dict[str, str] = field(default_factory=dict)
    stative_nouns: dict[str, str] = field(default_factory=dict)  # "Einsatz" of the row "in Einsatz sein"
    stative_noun_keys: dict[str, str] = field(default_factory=dict)
    instrument_keys: dict[str, str] = field(default_factory=dict)
    # matched heads by (table, lemma), filled as words are looked up (the tables are read-only
    # once loaded); emptied at HEAD_MEMO entries
    _heads: dict[tuple[str, str], str | None] = field(default_factory=dict, repr=False, compare=False)

    def verb_entries(self, lemma: str | None, reflexive: bool) -> list[Entry]:
        """Entries for a clause's verb: the reflexive reading first when ``sich`` is there."""
        if not lemma:
            return []
        out: list[Entry] = []
        if reflexive:
            out.extend(self.verbs.get("sich " + lemma, ()))
        out.extend(self.verbs.get(lemma, ()))
        return out

    def noun_entries(self, lemma: str) -> tuple[str, list[Entry]] | None:
        """(matched head, entries) for a noun lemma, by its compound head."""
        head = self._head("nouns", lemma)
        if head is None:
            return None
        return head, self.nouns[head]

    def instrument_mode(self, lemma: str) -> str | None:
        """The attack mode an instrument gives: Seedrohnen → drone, Schüsse → firearms."""
        head = self._head("instruments", lemma)
        return self.instruments[head] if head is not None else None

    def noun_class(self, lemma: str) -> tuple[str, str | None] | None:
        """(class, mode) of a noun by its compound head: Soldaten → (force, troops); a plural
        the tagger left unlemmatised (it took "Kampfjets" for a name) by its singular."""
        for form in _singulars(lemma):
            head = self._head("classes", form)
            if head is not None:
                return self.classes[head]
        return None

    def _head(self, table: str, lemma: str) -> str | None:
        """``head_match`` of a lemma in one of the tables ``nouns``, ``classes``, ``instruments``
        (the same words come back sentence after sentence: each is matched once)."""
        memo = (table, lemma)
        head = self._heads.get(memo, _UNSEEN)
        if head is _UNSEEN:
            if len(self._heads) >= HEAD_MEMO:
                self._heads.clear()
            keys = {"nouns": self.noun_keys, "classes": self.class_keys, "instruments": self.instrument_keys}[table]
            head = self._heads[memo] = head_match(lemma, getattr(self, table), keys)
        return head  # type: ignore[return-value]


def _singulars(lemma: str) -> list[str]:
    """The lemma, then the singulars its plural ending allows (-s, -en, -n, -e, -er)."""
    out = [lemma]
    for ending in ("s", "en", "n", "e", "er"):
        if lemma.endswith(ending) and len(lemma) - len(ending) >= 3:
            out.append(lemma[: -len(ending)])
    return out


def head_match(lemma: str, table: dict, keys: dict[str, str]) -> str | None:
    """The longest key of ``table`` that is the word or its compound head (case-insensitive).

    keys (dict[str, str]): the table's keys by their lower-case form.
    A head must leave at least three letters of modifier (``Luft|angriff``) or follow a
    hyphen (``US-Angriff``), so that ``Rat`` is not found in ``Verrat``.
    """
    if lemma in table:
        return lemma
    low = lemma.lower()
    if low in keys:
        return keys[low]
    if "-" in lemma:
        last = lemma.rsplit("-", 1)[1]
        if last:
            found = head_match(last, table, keys)
            if found is not None:
                return found
    for size in range(len(low) - 3, 2, -1):
        key = keys.get(low[-size:])
        if key is not None and low[:-size] not in _PREFIXES:
            return key
    return None


# A word that ends in a listed head after one of these is a derivation, not a compound:
# "Vorurteil" is no Urteil, "Unfall" no Fall.
_PREFIXES = frozenset({"vor", "ver", "be", "ge", "ent", "er", "zer", "un", "miss", "ur", "über", "wider"})


def _parse_when(text: str) -> tuple[Condition, ...]:
    if not text or text == "-":
        return ()
    out = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        negate = part.startswith("!")
        part = part.lstrip("!")
        role, _, value = part.partition("=")
        out.append(Condition(role=role.strip(), negate=negate, value=value.strip() or None))
    return tuple(out)


def _roles(text: str) -> tuple[str, ...]:
    if not text or text == "-":
        return ()
    return tuple(r.strip() for r in text.split("|") if r.strip() and r.strip() != "-")


def _entry(row: list[str], pos: str) -> Entry | None:
    row = row + ["-"] * (7 - len(row))
    lemma, etype, mode, actor, target, when, flags = row[:7]
    if not lemma or not etype:
        return None
    return Entry(
        lemma=lemma,
        type=etype,
        mode=None if mode in ("-", "") else mode,
        actor=_roles(actor) or ("subj",),
        target=_roles(target),
        when=_parse_when(when),
        flags=frozenset(f.strip() for f in flags.split(",") if f.strip() and f.strip() != "-"),
        pos=pos,
    )


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    """Load the cue lexicon once per process."""
    lex = CueLexicon()
    for row in read_tsv("cues/verbs.tsv"):
        entry = _entry(row, "verb")
        if entry is not None:
            lex.verbs.setdefault(entry.lemma, []).append(entry)
    for row in read_tsv("cues/nouns.tsv"):
        entry = _entry(row, "noun")
        if entry is not None:
            lex.nouns.setdefault(entry.lemma, []).append(entry)
    for row in read_tsv("cues/light_verbs.tsv"):
        if len(row) >= 3:
            lex.light.setdefault(row[0], (row[1], row[2]))
    for row in read_tsv("cues/noun_classes.tsv"):
        if len(row) >= 2:
            mode = row[2] if len(row) > 2 and row[2] not in ("", "-") else None
            lex.classes.setdefault(row[1], (row[0], mode))
    for row in read_tsv("cues/compound_modes.tsv"):
        if len(row) >= 3:
            lex.compound_modes[(row[0], row[1].lower())] = row[2]
    for row in read_tsv("cues/instrument_modes.tsv"):
        if len(row) >= 2:
            lex.instruments.setdefault(row[0], row[1])
    lex.instrument_keys = {k.lower(): k for k in lex.instruments}
    lex.noun_keys = {k.lower(): k for k in lex.nouns}
    lex.class_keys = {k.lower(): k for k in lex.classes}
    lex.stative_nouns = {key.split()[1]: key for key in lex.verbs if key.startswith("in ") and key.endswith(" sein") and len(key.split()) == 3}
    lex.stative_noun_keys = {k.lower(): k for k in lex.stative_nouns}
    return lex

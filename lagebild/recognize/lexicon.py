"""Find countries, places, organisations, office titles and people in German sentences.

German news names the parties of an event in a handful of ways, and this module knows them
all from the data files under ``lagebild/data/`` (read once per process, on first use):

* **States** by name (``Litauen``, genitive ``Litauens``), by colloquial name (``Weißrussland``,
  ``Amerika``), by adjective (``russisch``/``russische``/``russischen``/``russischer``/
  ``russisches``/``russischem``), by demonym (``Russen``, ``Litauer``), by compound prefix
  (``US-Truppen``, ``Russland-Politik``) and by their capital used as a metonym (``Moskau``,
  ``Washington``). ``Brüssel`` is the exception: it stands for the EU or NATO far more often
  than for Belgium, so it is a ``city`` of BEL with flags ``seat:EU`` and ``seat:NATO``.
* **Regions** (``Baltikum`` -> EST LVA LTU, ``Nato-Ostflanke`` -> NATO_EAST) and ``der Westen``;
  **sub-national regions** stand for their state (``Bayern`` -> DEU, ``Provinz Idlib`` -> SYR).
* **Organisations and bodies** (``Nato``, ``Kreml``, ``Weißes Haus``, ``Pentagon``), armed
  groups, NGOs and media. Bodies that need a state (``Verteidigungsministerium``, ``Armee``,
  ``Rebellen``) carry the flag ``needs_country``; a preceding adjective or genitive supplies
  it (``das russische Verteidigungsministerium`` -> RUS GOV).
* **Office titles** (``Außenminister``, ``Kremlchef``) and **people**, both from the curated
  list (``Putin``) and as a capitalised name right after a title (``US-Außenminister Antony
  Blinken``: one ``person`` mention spanning title and name, code USA, sector GOV, and
  ``name`` "Antony Blinken").

Spans: ``start``/``end`` are character offsets into the input (end exclusive). A hyphenated
compound is one mention over the whole token (``US-Soldaten``); the flag ``prefix`` says the
code came from its first part, and ``compound`` that the head is not an actor noun, so the
country is not the actor (``Ukraine-Krieg``, ``Russland-Politik``). Articles (``das``) are never
part of a span.

Case: proper names are matched case-sensitively (``Polen`` is a country, ``Die`` is not a
place); all-caps acronyms of three or more letters also match in title case (``NATO``/``Nato``).

Speed: tokens are found with one small regex and looked up in dictionaries (1- to 6-grams only
where a multi-word name starts), so a sentence costs a few dictionary look-ups per word.

>>> [(m.text, m.kind, m.code) for m in find_mentions("Die Nato schickt Truppen nach Litauen.")]
[('Nato', 'igo', 'NATO'), ('Truppen', 'body', None), ('Litauen', 'country', 'LTU')]
>>> find_mentions("Die Lage am Montag.")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
_TOKEN = re.compile(r"\w+(?:['’.\-]\w+)*-?")
_ADJ_ENDINGS = ("", "e", "en", "er", "es", "em")
_PARTICLES = frozenset({"von", "van", "der", "de", "al", "bin", "da", "du", "di", "la", "le"})
# particles that join a surname to the given names in Romance and Arabic names (dos Santos,
# da Silva, bin Salman); not "von" ("Franz Küberl von Konzernen": a preposition after a full
# name) nor "das" (an article)
_NAME_LINKS = frozenset({"dos", "da", "de", "del", "della", "di", "du", "bin", "ibn", "al", "el"})
_SURNAME_PLACE_KINDS = frozenset({"city", "region", "person"})  # a town or a known surname after a particle
_MODIFIER_KINDS = frozenset({"adjective", "country", "capital", "demonym"})
_COMPASS = ("nord", "süd", "ost", "west", "nordost", "nordwest", "südost", "südwest", "zentral")


@dataclass
class Mention:
    """One lexicon hit in a sentence.

    start, end (int): character offsets into the searched text (end exclusive).
    text (str): ``text[start:end]``.
    kind (str): country, capital, city, adjective, demonym, region, west, igo, body, group,
        ngo, media, company, party, title, person.
    code (str | None): the single actor code (None for a multi-member region, or when the
        code needs context: flag ``needs_country``).
    codes (list[str]): the codes as a list (several for a region).
    sector (str | None): GOV, MIL, POL, REB, OPP, IGO, NGO, MED for actors.
    place (str | None): canonical place name for capital and city mentions.
    lat, lon (float | None): coordinates of ``place``.
    flags (frozenset[str]): prefix, compound, genitive, anaphoric, needs_country, seat:<CODE>,
        stance ("anti-chinesische Proteste", "proeuropäisch": for or against it, not its own).
    name (str | None): the person's name for person mentions ("Antony Blinken").
    """

    start: int
    end: int
    text: str
    kind: str
    code: str | None
    codes: list[str]
    sector: str | None
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    flags: frozenset[str] = frozenset()
    name: str | None = None


@dataclass
class _Entry:
    """What a surface form means, before it is placed in a text."""

    kind: str
    code: str | None
    codes: list[str]
    sector: str | None = None
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    flags: frozenset[str] = frozenset()
    name: str | None = None


@dataclass
class _Lexicon:
    """All surface forms, keyed by their space-joined tokens."""

    phrases: dict[str, _Entry] = field(default_factory=dict)
    prefixes: dict[str, _Entry] = field(default_factory=dict)
    heads: dict[str, _Entry] = field(default_factory=dict)
    starts: dict[str, int] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    places: dict[str, _Entry] = field(default_factory=dict)
    sectors: dict[str, tuple[str, str]] = field(default_factory=dict)
    known: frozenset[str] = frozenset()

    def add(self, surface: str, entry: _Entry, *, acronym_variants: bool = True) -> None:
        """Register a surface form unless an earlier (higher-priority) table has it."""
        key = _key(surface)
        if not key:
            return
        self.phrases.setdefault(key, entry)
        parts = key.split(" ")
        if len(parts) > 1:
            self.starts[parts[0]] = max(self.starts.get(parts[0], 0), len(parts))
        if acronym_variants and _is_acronym(surface) and surface not in _acronym_words():
            self.add(surface[0] + surface[1:].lower(), entry, acronym_variants=False)


_CACHE: list[_Lexicon] = []


def _key(surface: str) -> str:
    """The lookup key of a surface form: its tokens joined by single spaces."""
    return " ".join(_TOKEN.findall(surface))


@lru_cache(maxsize=1)
def _acronym_words() -> frozenset[str]:
    """Acronyms whose title-case spelling is a German word (data/acronym_words.txt)."""
    return frozenset(row[0].strip() for row in _rows("acronym_words.txt"))


def _is_acronym(word: str) -> bool:
    """True for an all-caps acronym of three or more letters (NATO, UNO, OSZE)."""
    return len(word) >= 3 and word.isalpha() and word.isupper()


def _rows(name: str) -> list[list[str]]:
    """Read one TSV data file, skipping comments and blank lines."""
    text = (DATA / name).read_text(encoding="utf-8")
    return [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _bar(value: str) -> list[str]:
    """Split a ``|``-separated field."""
    return [v.strip() for v in value.split("|") if v.strip()]


_ADJ_ENDINGS = ("es", "en", "er", "em", "e")


def _declined(name: str) -> list[str]:
    """A name and its forms in every case where it opens with declined adjectives.

    "Rotes Kreuz" also reads "Rote Kreuz", "Roten Kreuz", "Roter Kreuz"..., so "das Rote
    Kreuz" and "des Roten Kreuzes" find the entry that lists one form; "Freie Syrische
    Armee" declines both adjectives alike ("der Freien Syrischen Armee"). Only capitalised
    words before a capitalised noun are declined; forms that never occur cost nothing.
    """
    words = name.split(" ")
    stems: list[str] = []
    for word in words[:-1]:
        if not word[:1].isupper() or "-" in word:
            break
        ending = next((e for e in _ADJ_ENDINGS if word.endswith(e) and len(word) - len(e) >= 3), None)
        if ending is None or not word[-len(ending) - 1].islower():
            break
        stems.append(word[: -len(ending)])
    if not stems or not words[len(stems)][:1].isupper():
        return [name]
    rest = words[len(stems):]
    forms = [" ".join([s + e for s in stems] + rest) for e in _ADJ_ENDINGS]
    return [name] + [f for f in forms if f != name]


def _genitive(name: str) -> str | None:
    """The -s genitive of a place or person name (Russlands, Putins), if it takes one."""
    if name.endswith(("s", "x", "z", "ß", "e", "ei")) or " " in name:
        return None
    return name + "s"


def _demonym_forms(base: str) -> list[str]:
    """Plural and feminine forms of a masculine demonym (Russe -> Russen, Russin, Russinnen)."""
    if base == "Deutsche":
        return ["Deutsche", "Deutschen", "Deutscher"]
    if base.endswith("e"):
        fem = base[:-3] + "ösin" if base.endswith("ose") else base[:-1] + "in"  # (Franzose -> Französin: the feminine takes the umlaut)
        return [base, base + "n", fem, fem + "nen"]
    if base.endswith("er"):
        return [base, base + "n", base + "s", base + "in", base + "innen"]
    return [base, base + "s", base + "en", base + "in", base + "innen"]


def _load() -> _Lexicon:
    """Build the lexicon from the data files, highest-priority tables first."""
    lex = _Lexicon()
    _load_titles(lex)
    _load_regions(lex)
    _load_actors(lex)
    _load_parties(lex)
    countries = _rows("countries.tsv")
    places = _load_places(lex, countries)
    _load_countries(lex, countries, places)
    _load_peoples(lex)
    _load_people(lex)
    for key, entry in places.items():
        lex.places.setdefault(key, entry)
        parts = key.split(" ")
        if len(parts) > 1 and key not in lex.phrases:
            lex.starts[parts[0]] = max(lex.starts.get(parts[0], 0), len(parts))
    lex.known = frozenset(lex.phrases) | frozenset(lex.places) | frozenset(lex.starts)
    return lex


def _load_titles(lex: _Lexicon) -> None:
    """Office titles (kind title)."""
    for names, sector, code, *flags in _rows("titles.tsv"):
        body = None if code == "-" else code
        fl = frozenset(f for f in (flags[0] if flags else "").split(",") if f)
        if body is None:
            fl |= {"needs_country"}
        entry = _Entry("title", body, [body] if body else [], sector, flags=fl)
        for name in _bar(names):
            lex.add(name, entry)
            lex.heads.setdefault(name, entry)


def _load_regions(lex: _Lexicon) -> None:
    """Regions and western-group words, then sub-national regions (Bayern, Provinz Idlib)."""
    for names, codes, kind in _rows("regions.tsv") + _rows("subregions.tsv"):
        members = codes.split()
        code = members[0] if len(members) == 1 else None
        entry = _Entry(kind, code, members)
        for name in _bar(names):
            lex.add(name, entry)


def _load_actors(lex: _Lexicon) -> None:
    """Organisations, bodies, groups, NGOs and media; seats become flags of city mentions."""
    for names, code, sector, kind, *flags in _rows("actors.tsv"):
        fl = frozenset(f for f in (flags[0] if flags else "").split(",") if f)
        if kind == "seat":
            continue
        real = None if code == "-" else code
        entry = _Entry(kind, real, [real] if real else [], sector, flags=fl)
        for name in (form for listed in _bar(names) for form in _declined(listed)):
            lex.add(name, entry)
            if "needs_country" in fl:
                lex.heads.setdefault(name, entry)
            elif "anaphoric" not in fl and "-" not in name and " " not in name:
                lex.prefixes.setdefault(name, entry)
        if real and real not in lex.sectors:
            lex.sectors[real] = (_bar(names)[0], sector)
    for names, code, *_ in _rows("companies.tsv"):
        # companies: the state of their head office, sector BUS; they never stand for it
        entry = _Entry("company", code, [code], "BUS")
        for name in (form for listed in _bar(names) for form in _declined(listed)):
            lex.add(name, entry)
            if "-" not in name and " " not in name:
                lex.prefixes.setdefault(name, entry)


_ARTICLES = frozenset("der die das den dem des Der Die Das Den Dem Des".split())


def _load_parties(lex: _Lexicon) -> None:
    """Political parties and movements (kind party, sector POL).

    A form that is also a common word or names parties of several states (``Grüne``,
    ``Union``, ``Demokraten``; flags ``ambiguous``, ``us_party``) gets its country from the
    sentence or the article's focus (flag ``needs_country``), never from the file. Forms with
    a leading article are registered without it: articles are never part of a span.
    """
    for names, code, sector, kind, *flags in _rows("parties.tsv"):
        fl = frozenset(f for f in (flags[0] if flags else "").split(",") if f)
        real = None if code == "-" else code
        if fl & {"ambiguous", "us_party"}:
            real = None
        if real is None:
            fl |= {"needs_country"}
        entry = _Entry(kind, real, [real] if real else [], sector, flags=fl)
        for name in _bar(names):
            words = name.split(" ")
            if words[0] in _ARTICLES:
                name = " ".join(words[1:])
            lex.add(name, entry)
            if "needs_country" in fl:
                lex.heads.setdefault(name, entry)
            elif "-" not in name and " " not in name:
                lex.prefixes.setdefault(name, entry)


def _seats() -> dict[str, frozenset[str]]:
    """City name -> ``seat:<CODE>`` flags for cities that stand for an organisation."""
    seats: dict[str, set[str]] = {}
    for names, code, _sector, kind, *_ in _rows("actors.tsv"):
        if kind == "seat":
            for name in _bar(names):
                seats.setdefault(name, set()).add(f"seat:{code}")
    seats.setdefault("Brüssel", set()).add("seat:NATO")
    return {k: frozenset(v) for k, v in seats.items()}


# A city name that takes "-er" as it is (Köln → Kölner, Graz → Grazer, not Bremen, Dresden or
# Lyon); German news forms such adjectives for the towns of the German-speaking countries and
# for big cities elsewhere (Pariser, Istanbuler).
_CITY_ADJECTIVE = re.compile(r"[A-ZÄÖÜ][a-zäöüß]+[bcdfghklmnprstvwxz]")
_CITY_GENITIVE_POP = 100_000
_CITY_ADJECTIVE_POP = {"AUT": 10_000, "DEU": 50_000, "CHE": 20_000, "": 1_000_000}


def _load_places(lex: _Lexicon, countries: list[list[str]]) -> dict[str, _Entry]:
    """Gazetteer places keyed by name (capitals are marked when they are metonyms)."""
    capitals: dict[str, str] = {}
    for row in countries:
        if row[8] == "yes" and row[6]:
            for cap in [row[6], *_bar(row[7])]:
                capitals.setdefault(cap, row[0])
    seats = _seats()
    places: dict[str, _Entry] = {}
    genitives: dict[str, str] = {}  # key of a large city's -s genitive -> key of the city
    for name, iso3, lat, lon, pop, _gid, canonical in _rows("gazetteer.tsv"):
        kind = "capital" if capitals.get(name) == iso3 or capitals.get(canonical) == iso3 else "city"
        entry = _Entry(kind, iso3, [iso3], None, canonical, float(lat), float(lon), seats.get(name, frozenset()))
        places[_key(name)] = entry
        # "Odessas Gouverneur", "Aleppos Bewohner": the -s genitive of a large city (a small
        # one's may be a name or a word: "Hans", "Marks")
        gen = _genitive(name) if name == canonical and len(name) >= 4 and int(pop) >= _CITY_GENITIVE_POP else None
        if gen is not None:
            genitives.setdefault(_key(gen), _key(name))
        if kind == "city" and name == canonical and _CITY_ADJECTIVE.fullmatch(name) and int(pop) >= _CITY_ADJECTIVE_POP.get(iso3, _CITY_ADJECTIVE_POP[""]):
            # "die Kölner Polizei", "die Grazer Staatsanwaltschaft", "die Zürcher Justiz": the
            # city's -er adjective names its state (irregular forms are in peoples.tsv)
            lex.add(name + "er", _Entry("adjective", iso3, [iso3], flags=frozenset({"city"})))
    for cap, iso3 in capitals.items():
        if _key(cap) not in places:
            places[_key(cap)] = _Entry("capital", iso3, [iso3], None, cap)
    for gen_key, key in genitives.items():
        if gen_key not in places:  # (never over a place of that name)
            entry = places[key]
            places[gen_key] = replace(entry, flags=entry.flags | {"genitive"})
    return places


def _load_countries(lex: _Lexicon, countries: list[list[str]], places: dict[str, _Entry]) -> None:
    """Country names, genitives, adjectives, demonyms, prefixes and capital adjectives."""
    for iso3, name, names, adjs, dems, prefixes, capital, _alt, metonym in countries:
        lex.country_names[iso3] = name
        lex.sectors[iso3] = (name, "GOV")
        country = _Entry("country", iso3, [iso3])
        for nm in _bar(names):
            lex.add(nm, country)
            lex.prefixes.setdefault(nm, _Entry("adjective", iso3, [iso3]))
            gen = _genitive(nm)
            if gen:
                lex.add(gen, replace(country, flags=frozenset({"genitive"})))
        adjective = _add_adjectives(lex, iso3, adjs, compass=True)
        for pre in _bar(prefixes):
            lex.prefixes.setdefault(pre, adjective)
        _add_demonyms(lex, iso3, dems)
        cap_entry = places.get(_key(capital)) if capital else None
        cap_gen = _genitive(capital) if cap_entry else None
        if cap_gen and _lookup(lex, _key(cap_gen)) is None:
            lex.add(cap_gen, replace(cap_entry, flags=cap_entry.flags | {"genitive"}))  # "Moskaus Forderungen"
        if cap_entry and metonym == "yes" and " " not in capital and not capital.endswith("e"):
            lex.add(capital + "er", replace(adjective, flags=frozenset({"city"})))


def _add_adjectives(lex: _Lexicon, iso3: str, stems: str, *, compass: bool) -> _Entry:
    """A state's adjective in every inflection ("litauisch" → litauische, Litauischen …),
    with compass prefixes ("südserbischen", "ostukrainische": a part of the state)."""
    adjective = _Entry("adjective", iso3, [iso3])
    for stem in _bar(stems):
        lex.prefixes.setdefault(stem, adjective)
        for ending in _ADJ_ENDINGS:
            form = stem + ending
            lex.add(form, adjective)
            lex.add(form[0].upper() + form[1:], adjective)
            if compass and stem[:1].islower():
                for part in _COMPASS:
                    lex.add(part + form, adjective)
    return adjective


def _add_demonyms(lex: _Lexicon, iso3: str, demonyms: str) -> None:
    """A state's demonyms with their plural and feminine forms (Russe, Russen, Russin …)."""
    demonym = _Entry("demonym", iso3, [iso3])
    for base in _bar(demonyms):
        for form in _demonym_forms(base):
            lex.add(form, demonym)


def _load_peoples(lex: _Lexicon) -> None:
    """Adjectives and demonyms of regions and peoples inside a state (peoples.tsv): "die
    bayerische Polizei" (DEU), "uigurische Flüchtlinge" (CHN); after the countries' own."""
    for row in _rows("peoples.tsv"):
        iso3, adjs, dems = (row + ["", ""])[:3]
        _add_adjectives(lex, iso3, adjs, compass=False)
        _add_demonyms(lex, iso3, dems)


def _load_people(lex: _Lexicon) -> None:
    """The people knowledge base: full names always, surnames when ``alone`` is yes."""
    for surname, names, code, sector, alone, *_ in _rows("people.tsv"):
        full = _bar(names)
        entry = _Entry("person", code, [code], sector, name=full[0] if full else surname)
        for nm in full:
            lex.add(nm, entry)
        if alone == "yes":
            lex.add(surname, entry)
            gen = _genitive(surname)
            if gen:
                lex.add(gen, replace(entry, flags=frozenset({"genitive"})))


def lexicon() -> _Lexicon:
    """The process-wide lexicon, loaded on first use."""
    if not _CACHE:
        _CACHE.append(_load())
    return _CACHE[0]


def _lookup(lex: _Lexicon, key: str) -> _Entry | None:
    """Whole-key look-up: curated phrases first, then gazetteer places."""
    return lex.phrases.get(key) or lex.places.get(key)


@lru_cache(maxsize=1)
def _currencies() -> frozenset[str]:
    """Currency nouns (data/currency_words.txt): after a country adjective or as the last part
    of a country compound they name money, not a party ("in Schweizer Franken", "US-Dollar")."""
    return frozenset(row[0].strip() for row in _rows("currency_words.txt"))


def _lookup_compound(lex: _Lexicon, token: str) -> _Entry | None:
    """Resolve a hyphenated token by its parts (US-Truppen, russisch-ukrainisch, Ukraine-Krieg)."""
    parts = [p for p in token.split("-") if p]
    if len(parts) < 2 and not token.endswith("-"):
        return None
    first = lex.prefixes.get(parts[0]) or lex.prefixes.get(parts[0].lower())
    if first is None:
        return None
    if len(parts) == 1:
        return replace(first, flags=first.flags | {"prefix"})
    if parts[-1].lower() in _currencies():
        return None  # "US-Dollar", "Hongkong-Dollar": money, no party
    head = lex.heads.get(parts[-1]) or lex.heads.get("-".join(parts[1:]))
    if head is not None:
        return replace(head, code=first.code, codes=list(first.codes), flags=frozenset({"prefix"}))
    codes = [first.code]
    for part in parts[1:]:
        nxt = lex.prefixes.get(part) or lex.phrases.get(part)
        if nxt is None or nxt.kind not in _MODIFIER_KINDS:
            codes = [first.code]
            break
        codes.append(nxt.code)
    if len(codes) > 1:
        return replace(first, codes=[c for c in codes if c], flags=frozenset({"prefix"}))
    kind = "adjective" if first.kind in _MODIFIER_KINDS else first.kind
    return replace(first, kind=kind, flags=frozenset({"prefix", "compound"}))


def _match_at(lex: _Lexicon, tokens: list[tuple[int, int, str]], i: int) -> tuple[int, _Entry] | None:
    """The longest lexicon entry starting at token ``i``: (number of tokens, entry)."""
    word = tokens[i][2]
    longest = lex.starts.get(word, 0)
    for n in range(min(longest, len(tokens) - i), 1, -1):
        entry = _lookup(lex, " ".join(t[2] for t in tokens[i : i + n]))
        if entry is not None:
            return n, entry
    entry = _lookup(lex, word)
    if entry is None and "-" in word:
        entry = _lookup_compound(lex, word)
    if entry is None and _stance_word(word):
        entry = _lookup_stance(lex, word)
    return (1, entry) if entry is not None else None


_STANCE_PREFIXES = ("anti-", "pro-", "anti", "pro")


def _stance_word(word: str) -> bool:
    return word[:3].lower() == "pro" or word[:4].lower() == "anti"


def _lookup_stance(lex: _Lexicon, word: str) -> _Entry | None:
    """An adjective of a state or body with anti-/pro- ("anti-chinesische", "antiamerikanische",
    "prorussische"): a stance towards it, flagged so that it never names whose a phrase is."""
    low = word.lower()
    for prefix in _STANCE_PREFIXES:
        if low.startswith(prefix) and len(low) > len(prefix) + 3:
            rest = word[len(prefix):]
            entry = _lookup(lex, rest) or _lookup(lex, rest[:1].lower() + rest[1:])
            if entry is not None and entry.kind == "adjective":
                return replace(entry, flags=entry.flags | {"stance"})
    return None


def _raw_mentions(text: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, _Entry]]]:
    """Tokens of ``text`` and the greedy longest matches as (first token, last token+1, entry)."""
    lex = lexicon()
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    known = lex.known
    hits: list[tuple[int, int, _Entry]] = []
    i = 0
    while i < len(tokens):
        word = tokens[i][2]
        if word not in known and "-" not in word and not _stance_word(word):  # fast path: most words are nothing
            i += 1
            continue
        found = _match_at(lex, tokens, i)
        if found is None:
            i += 1
            continue
        n, entry = found
        hits.append((i, i + n, entry))
        i += n
    return tokens, hits


def _is_name_token(lex: _Lexicon, word: str) -> bool:
    """A capitalised word that may be part of a person's name (not a known lexicon word)."""
    if not word[:1].isupper() or word.isupper() or "-" == word[-1:]:
        return False
    return _lookup(lex, word) is None


def _name_after(lex: _Lexicon, tokens: list[tuple[int, int, str]], j: int, text: str) -> int:
    """How many tokens from ``j`` form a person's name (0 if none), at most four."""
    k = j
    while k < len(tokens) and k - j < 4:
        word = tokens[k][2]
        gap = text[tokens[k - 1][1] : tokens[k][0]] if k > j else " "
        if gap != " ":
            break
        if _is_name_token(lex, word):
            k += 1
        elif word in _PARTICLES and k + 1 < len(tokens) and _is_name_token(lex, tokens[k + 1][2]) and k == j + 1:
            # a particle follows the first name ("Ursula von der Leyen", "Osama bin Laden"),
            # never a full name ("Franz Küberl von Konzernen")
            k += 1
        else:
            break
    while k > j and tokens[k - 1][2] in _PARTICLES:
        k -= 1
    return k - j


def _adjacent(text: str, tokens: list[tuple[int, int, str]], a: int, b: int) -> bool:
    """True when tokens ``a`` and ``b`` are separated by a single space only."""
    return b < len(tokens) and text[tokens[a][1] : tokens[b][0]] == " "


def _combine(text: str, tokens: list[tuple[int, int, str]], hits: list[tuple[int, int, _Entry]]) -> list[tuple[int, int, _Entry]]:
    """Merge modifier + title/body (der russische Präsident) and title + name into one hit."""
    lex = lexicon()
    out: list[tuple[int, int, _Entry]] = []
    for a, b, entry in hits:
        if out and entry.kind in ("title", "body", "group") and "needs_country" in entry.flags:
            pa, pb, prev = out[-1]
            if pb == a and prev.kind in _MODIFIER_KINDS and _adjacent(text, tokens, pb - 1, a) and "compound" not in prev.flags:
                fl = (entry.flags - {"needs_country"}) | {"modified"}
                out[-1] = (pa, b, replace(entry, code=prev.code, codes=list(prev.codes), flags=fl))
                continue
        out.append((a, b, entry))
    return _attach_names(text, tokens, out, lex)


def _attach_names(text: str, tokens: list[tuple[int, int, str]], hits: list[tuple[int, int, _Entry]], lex: _Lexicon) -> list[tuple[int, int, _Entry]]:
    """Turn a title followed by a name (or a known person) into one person hit."""
    out: list[tuple[int, int, _Entry]] = []
    idx = 0
    while idx < len(hits):
        a, b, entry = hits[idx]
        nxt = hits[idx + 1] if idx + 1 < len(hits) else None
        if entry.kind == "title" and nxt and nxt[0] == b and nxt[2].kind == "person" and _adjacent(text, tokens, b - 1, b):
            out.append((a, nxt[1], _person(entry, nxt[2], nxt[2].name)))
            idx += 2
            continue
        if entry.kind == "title" and _adjacent(text, tokens, b - 1, b):
            n = _name_after(lex, tokens, b, text)
            surname = _linked_surname(tokens, text, b, n, nxt)
            if surname is not None:
                name = text[tokens[b][0] : tokens[surname][1]]
                out.append((a, surname + 1, _person(entry, None, name)))
                idx += 2 if nxt is not None and nxt[0] == surname else 1
                continue
            if n and (nxt is None or nxt[0] >= b + n):
                name = text[tokens[b][0] : tokens[b + n - 1][1]]
                out.append((a, b + n, _person(entry, None, name)))
                idx += 1
                continue
        if entry.kind == "demonym" and _adjacent(text, tokens, b - 1, b):
            # "den Franzosen Reda Kriket": a demonym before a first and last name is a person of
            # that state, and a first name that is also a town ("Reda") is no place (one
            # capitalised word may be a noun: "die Zürcher Staatsanwaltschaft")
            town = nxt is not None and nxt[0] == b and nxt[1] == b + 1 and nxt[2].kind == "city"
            start = b + 1 if town else b
            n = _name_after(lex, tokens, start, text) if start < len(tokens) and (not town or _adjacent(text, tokens, b, start)) else 0
            if n and n + town >= 2 and (town or nxt is None or nxt[0] >= start + n):
                following = hits[idx + 2] if town and idx + 2 < len(hits) else None
                if following is None or following[0] >= start + n:
                    name = text[tokens[b][0] : tokens[start + n - 1][1]]
                    out.append((a, start + n, _person(entry, None, name)))
                    idx += 2 if town else 1
                    continue
        out.append((a, b, entry))
        idx += 1
    return out


def _linked_surname(tokens: list[tuple[int, int, str]], text: str, b: int, n: int, nxt: tuple[int, int, _Entry] | None) -> int | None:
    """The token of a surname joined by a name particle to the ``n`` name tokens from ``b``,
    even where it is also a town or a known person's: "Präsident José Eduardo **dos Santos**",
    "Luiz Inácio Lula **da Silva**" (not "als Präsident Obama Chicago besuchte": no particle).
    The particle may be the last name token ("Dos", capitalised) or the token after them.
    ``nxt`` is the next lexicon hit, which only a one-token town or person may be."""
    if not n:
        return None
    link = b + n - 1 if tokens[b + n - 1][2].lower() in _NAME_LINKS else b + n
    surname = link + 1
    if surname >= len(tokens) or tokens[link][2].lower() not in _NAME_LINKS or not tokens[surname][2][:1].isupper():
        return None
    if not (_adjacent(text, tokens, link - 1, link) and _adjacent(text, tokens, link, surname)):
        return None
    if nxt is not None and nxt[0] <= surname and not (nxt[0] == surname and nxt[1] == surname + 1 and nxt[2].kind in _SURNAME_PLACE_KINDS):
        return None
    return surname


def _person(title: _Entry, known: _Entry | None, name: str | None) -> _Entry:
    """A person entry from a title and, if known, the people-list entry of the name."""
    code = title.code or (known.code if known else None)
    sector = title.sector if title.code or known is None else known.sector
    flags = frozenset({"title"}) | (frozenset() if code else frozenset({"needs_country"})) | (title.flags & {"federal"})
    return _Entry("person", code, [code] if code else [], sector, flags=flags, name=name)


def find_mentions(text: str) -> list[Mention]:
    """Find every lexicon mention in a sentence: longest match first, non-overlapping.

    text (str): a sentence or any German text.
    RETURNS (list[Mention]): mentions sorted by start offset.
    """
    if not text:
        return []
    tokens, hits = _raw_mentions(text)
    out = []
    clubs = _club_markers()
    for a, b, entry in _combine(text, tokens, hits):
        if entry.kind in _CLUB_PLACE_KINDS and a > 0 and tokens[a - 1][2] in clubs and _adjacent(text, tokens, a - 1, a):
            continue  # "FC Bayern", "Borussia Dortmund", "Rapid Wien": a club, not a place
        if entry.kind in ("adjective", "demonym") and b < len(tokens) and tokens[b][2].lower() in _currencies() and _adjacent(text, tokens, b - 1, b):
            continue  # "in Schweizer Franken", "australische Dollar": money, no party
        start, end = tokens[a][0], tokens[b - 1][1]
        if text[end - 1] == "-" and entry.kind != "adjective" and "prefix" not in entry.flags:
            end -= 1
        out.append(_mention(text, start, end, entry))
    return out


_CLUB_PLACE_KINDS = frozenset({"country", "capital", "city", "region", "adjective"})


@lru_cache(maxsize=1)
def _club_markers() -> frozenset[str]:
    """Words that make the place name after them a sports club (``data/club_markers.txt``)."""
    text = (DATA / "club_markers.txt").read_text(encoding="utf-8")
    return frozenset(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


def _mention(text: str, start: int, end: int, entry: _Entry) -> Mention:
    """Place an entry at a span."""
    return Mention(
        start, end, text[start:end], entry.kind, entry.code, list(entry.codes), entry.sector,
        entry.place, entry.lat, entry.lon, entry.flags, entry.name,
    )


def lookup_place(name: str) -> Mention | None:
    """Look a place up by name: a country, capital or gazetteer city (German exonyms included).

    name (str): the place name as written ("Kiew", "Wilna", "Litauen").
    RETURNS (Mention | None): a mention spanning the whole name, or None when unknown.
    """
    lex = lexicon()
    key = _key(name)
    entry = lex.places.get(key)
    phrase = lex.phrases.get(key)
    if phrase is not None and phrase.kind in ("country", "region"):
        entry = phrase
    if entry is None:
        return None
    return _mention(name, 0, len(name), entry)


def country_of(code: str) -> str:
    """The German display name of a state code ("LTU" -> "Litauen"); the code itself if unknown."""
    return lexicon().country_names.get(code, code)


def actor_for_code(code: str) -> tuple[str, str] | None:
    """A display name and default sector for an actor code ("NATO" -> ("NATO", "IGO")).

    code (str): a state or organisation code. RETURNS (tuple[str, str] | None): (name, sector).
    """
    return lexicon().sectors.get(code)


def known_code(code: str) -> bool:
    """Whether a code names a state, organisation or region the lexicon knows ("USA", "NATO",
    "EUROPE"); an unknown code ("XYZ") is False."""
    lex = lexicon()
    return code in lex.sectors or code in lex.country_names or code in _region_codes()


@lru_cache(maxsize=1)
def _region_codes() -> frozenset[str]:
    return frozenset(c for entry in lexicon().phrases.values() if entry.kind in ("region", "west") for c in entry.codes)

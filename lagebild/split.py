"""Split cleaned German news text into sentences and tokens, by character offset.

The third pipeline stage. German press text needs care at every period:

* abbreviations do not end a sentence: ``u.a.``, ``z.B.``, ``bzw.``, ``Dr.``,
  ``Mio.``, ``St.`` (listed in ``lagebild/data/abbreviations.txt``; the few that
  can close a sentence, such as ``usw.``, are marked ``end``);
* ordinals and dates are written with a period: ``am 3. März``, ``die 2. Division``,
  ``11.9.2015`` (context words and month names in ``data/ordinal_context.txt``);
* German nouns are capitalised, so a capital after a period proves nothing by
  itself, but a number may start a sentence: ``… verlegt werden. 1.000 bereits …``;
* quotations („…“, »…«, «…», "…") may hold several sentences: ``"Stinger-… erreichen.
  Ich hoffe …"`` is two sentences, the first opening with the quote mark, while
  ``«Es wird … geben», sagte er.`` is one;
* a headline or sub-heading is a line without final punctuation; it becomes its
  own ``Sentence`` with ``heading=True``, also where an export ran it into the next
  sentence ("Sondereinsatz In der Kurdenregion …": ``data/inline_headings.txt``).

Tokens keep German compounds and numbers whole: ``US-Außenminister``,
``F-35-Kampfjets``, ``NATO-Russland-Rat``, ``74-Jährige``, ``2.000``, ``0,59``,
``13.700``. Quote marks and other punctuation are tokens of their own.

Everything is regular expressions over the text, so offsets are exact
(``Sentence.text == text[start:end]``) and speed is several MB per second.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from lagebild.model import Sentence, Token

OPENERS = "\"'„‚“‘«»(["
MAX_HEADING = 300
MAX_SENTENCE = 2000  # characters; longer "sentences" are cut (see ``_bounded``)
MAX_ORDINAL_DIGITS = 3

_CANDIDATE = re.compile(r"(?P<punct>[.!?…]+)(?P<close>[\"'“”»«’‘)\]]*)(?P<space>\s+)")
_TERMINAL_END = re.compile(r"[.!?…:;][\"'“”»«’‘)\]]*$")
_LINE = re.compile(r"[^\n]+")
_DOTTED = re.compile(r"(?:[^\W\d_]{1,2}\.){2,}")
_INITIAL = re.compile(r"[A-ZÄÖÜ]\.")
_ORDINAL = re.compile(r"\d{1,%d}\." % MAX_ORDINAL_DIGITS)
_WORD_BEFORE = re.compile(r"([^\s(\[„\"'»«“‘]+)\s*$")
_WORD_AFTER = re.compile(r"[^\W\d_]+\.?")
_NON_SPACE = re.compile(r"\S")
_CLAUSE_BREAK = re.compile(r"[;,:](?=\s)|\s[–—-](?=\s)")
_SPACE_BREAK = re.compile(r"\s")


@dataclass(frozen=True)
class Lexicon:
    """Word lists the splitter and tokenizer read from ``lagebild/data``."""

    abbreviations: frozenset[str]
    final_abbreviations: frozenset[str]
    ordinal_before: frozenset[str]
    months: frozenset[str]
    heading_starters: frozenset[str] = frozenset()  # inline_headings.txt [starters]
    heading_links: frozenset[str] = frozenset()  # inline_headings.txt [links]
    spaced: re.Pattern[str] | None = None  # "z. B.", "u. a.": dotted abbreviations written with spaces


def _data_lines(name: str) -> list[str]:
    """The non-blank, non-comment lines of a data file under ``lagebild/data``."""
    text = resources.files("lagebild").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load abbreviations, ordinal context words and month names once.

    RETURNS (Lexicon): the word lists.
    """
    abbreviations: set[str] = set()
    final: set[str] = set()
    for line in _data_lines("abbreviations.txt"):
        word, _, kind = line.partition("\t")
        abbreviations.add(word)
        if kind.strip() == "end":
            final.add(word)
    sections = _sections("ordinal_context.txt", "before", lower=True)
    headings = _sections("inline_headings.txt", "starters")
    return Lexicon(frozenset(abbreviations), frozenset(final), frozenset(sections.get("before", ())), frozenset(sections.get("months", ())),
                   frozenset(headings.get("starters", ())), frozenset(headings.get("links", ())), _spaced_pattern(abbreviations))


def _spaced_pattern(abbreviations: set[str]) -> re.Pattern[str] | None:
    """The dotted abbreviations of two or more parts ("z.B.", "i.d.R.") as they are also
    written, with a space after each inner period ("z. B.", "i. d. R."; the Duden's form), and
    capitalised at a sentence start ("Z. B.")."""
    forms = []
    for word in abbreviations:
        parts = [p for p in word.split(".") if p]
        if len(parts) < 2 or not word.endswith(".") or not all(p.isalpha() for p in parts):
            continue
        for first in {parts[0], parts[0][:1].upper() + parts[0][1:]}:
            forms.append(r"\.[ \u00a0\u202f]?".join(re.escape(p) for p in [first, *parts[1:]]) + r"\.")
    if not forms:
        return None
    return re.compile(r"(?<![\w.])(?:" + "|".join(sorted(forms, key=len, reverse=True)) + r")(?!\w)")


def _sections(name: str, first: str, lower: bool = False) -> dict[str, set[str]]:
    """The words of a data file by its ``[section]`` headings (lines before the first heading
    belong to section ``first``)."""
    sections: dict[str, set[str]] = {first: set()}
    current = first
    for line in _data_lines(name):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, set())
        else:
            sections[current].add(line.lower() if lower else line)
    return sections


# --------------------------------------------------------------------------- sentences


def split_sentences(text: str, title: str | None = None) -> list[Sentence]:
    """Split text into sentences and headline lines, with offsets into the text.

    text (str): cleaned article text (paragraphs separated by blank lines).
    title (str | None): the article's headline as the clean stage found it (``Article.title``):
        where the text opens with it, that sentence is a heading too, full stop or not
        (DER STANDARD's subtitle before the dateline: "Schäuble schließt Ausscheiden
        Griechenlands nicht aus. Athen – …").
    RETURNS (list[Sentence]): sentences in order; ``text[s.start:s.end] == s.text``, no
        surrounding whitespace; a line without final punctuation has ``heading=True``.
    """
    sentences = _split(text)
    if title and sentences and not sentences[0].heading and sentences[0].text == title.strip():
        sentences[0].heading = True
    return sentences


def _split(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    for start, end in _blocks(text):
        spans = list(_sentence_spans(text, start, end))
        heading = len(spans) == 1 and "\n" not in text[start:end] and _is_heading(text[start:end])
        for s, e in spans:
            cut = None if heading else _inline_heading(text, s, e)
            if cut is not None:
                sentences.append(Sentence(start=s, end=cut[0], text=text[s:cut[0]], heading=True))
                s = cut[1]
            sentences.append(Sentence(start=s, end=e, text=text[s:e], heading=heading))
    return sentences


_SPACED = re.compile(r"\S+")
MAX_INLINE_HEADING = 5  # words


def _inline_heading(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where a sub-heading run into its sentence ends and the sentence starts: (end of the
    heading, start of the sentence), or None ("Sondereinsatz In der Kurdenregion sind …";
    ``data/inline_headings.txt``)."""
    lex = lexicon()
    words = [m for _, m in zip(range(MAX_INLINE_HEADING + 1), _SPACED.finditer(text, start, end))]
    if len(words) < 3:
        return None
    first = words[0].group(0)
    if not first[:1].isupper() or first in lex.heading_starters:
        return None
    for k in range(1, len(words) - 1):
        word = words[k].group(0)
        before = words[k - 1].group(0)
        if not before[-1:].isalnum():
            return None  # "Saakaschwili: Die USA …", "(dpa) Die …": punctuation, no heading
        if word in lex.heading_starters and before not in lex.heading_links and not (word == "Sie" and k == 1):
            return words[k - 1].end(), words[k].start()
        if not (word[:1].isupper() or word in lex.heading_links):
            return None
    return None


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of lines, joining a line with the next when it continues it."""
    start = end = -1
    last = ""  # the block's last line: whether the block ends mid-sentence is read from it alone
    for match in _LINE.finditer(text):
        line = match.group(0)
        if not line.strip():
            continue
        if start >= 0 and _continues(last, line.lstrip()):
            end = match.end()
            last = line
            continue
        if start >= 0:
            yield start, end
        start, end = match.start(), match.end()
        last = line
    if start >= 0:
        yield start, end


def _continues(previous: str, line: str) -> bool:
    """A line continues the previous one when that ends mid-sentence and this starts lower-case."""
    previous = previous.rstrip()
    return not _TERMINAL_END.search(previous) and line[:1].islower()


def _is_heading(line: str) -> bool:
    """A short line without final punctuation is a headline or sub-heading."""
    line = line.strip()
    return 0 < len(line) <= MAX_HEADING and not _TERMINAL_END.search(line)


def _sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield trimmed (start, end) spans of the sentences in text[start:end]."""
    cursor = start
    for match in _CANDIDATE.finditer(text, start, end):
        if match.end() < end and is_boundary(text, match):
            yield from _bounded(text, cursor, match.start("space"))
            cursor = match.end()
    yield from _bounded(text, cursor, end)


def _bounded(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield the trimmed span, cut into pieces of at most ``MAX_SENTENCE`` characters.

    The analysis of a sentence compares its words and phrases with each other, so its
    time grows faster than its length; text that never ends a sentence (a list without
    full stops, a page of numbers) would otherwise take time with the square of its
    length or worse. A piece ends at the last clause break (``;``, ``,``, a dash, ``:``)
    of its second half, else at the last space, else at the limit. No sentence of a
    news article comes near the limit (the longest of the 1,000-article corpus has
    1,314 characters).
    """
    for s, e in _trimmed(text, start, end):
        while e - s > MAX_SENTENCE:
            cut = _cut(text, s, s + MAX_SENTENCE)
            yield from _trimmed(text, s, cut)
            s = cut
            while s < e and text[s].isspace():
                s += 1
        if s < e:
            yield s, e


def _cut(text: str, start: int, limit: int) -> int:
    """Where to end a piece of an overlong sentence that must end by ``limit``."""
    low = start + MAX_SENTENCE // 2
    for breaks in (_CLAUSE_BREAK, _SPACE_BREAK):
        last = None
        for last in breaks.finditer(text, low, limit):
            pass
        if last is not None:
            return last.end()
    return limit


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield the span without surrounding whitespace, if anything is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end


def is_boundary(text: str, match: re.Match[str]) -> bool:
    """Decide whether a punctuation + whitespace candidate ends a sentence.

    text (str): the whole text.
    match (re.Match[str]): a ``_CANDIDATE`` match (punctuation, closing quotes, space).
    RETURNS (bool): True when the next sentence starts after the whitespace.
    """
    following = text[match.end(): match.end() + 1]
    if not (following.isupper() or following.isdigit() or (following and following in OPENERS)):
        return False
    punct = match.group("punct")
    if punct.strip(".…") == "" and punct != "." and text[match.start() - 1: match.start()].isspace():
        return False  # a free-standing ellipsis marks a pause: "Vielleicht … Oder doch"
    if punct != "." or match.group("close"):
        return True
    word = _word_before(text, match.start())
    return not _period_belongs_to_word(word, text, match.start(), match.end())


def _word_before(text: str, period: int) -> str:
    """The word ending at a period, with the period (``z.B.``, ``Dr.``, ``3.``)."""
    found = _WORD_BEFORE.search(text, max(0, period - 40), period)
    return (found.group(1) if found else "") + "."


def _period_belongs_to_word(word: str, text: str, period: int, next_start: int) -> bool:
    """Tell whether the period after ``word`` marks an abbreviation, initial or ordinal."""
    lex = lexicon()
    if word in lex.abbreviations or _decapitalized(word) in lex.abbreviations:
        return not (word in lex.final_abbreviations and text[next_start:next_start + 1].isupper())
    if lex.spaced is not None and len(word) <= 4:
        for spaced in lex.spaced.finditer(text, max(0, period - 12), period + 12):
            if spaced.start() < period < spaced.end() - 1:
                return True  # an inner period of "z. B.", "i. d. R."
    if _DOTTED.fullmatch(word) or _INITIAL.fullmatch(word):
        return True
    if _ORDINAL.fullmatch(word):
        return _is_ordinal(text, period - len(word) + 1, next_start)
    return False


def _decapitalized(word: str) -> str:
    """``Z.B.`` → ``z.B.``: abbreviations may be capitalised at a sentence start."""
    return word[:1].lower() + word[1:]


def _is_ordinal(text: str, number_start: int, next_start: int) -> bool:
    """A number + period is an ordinal before a month or after an article (``am 3. März``)."""
    lex = lexicon()
    after = _WORD_AFTER.match(text, next_start)
    if after and after.group(0).lower() in lex.months:
        return True
    before = re.search(r"(\S+)\s+$", text[max(0, number_start - 30): number_start])
    return bool(before and before.group(1).lower() in lex.ordinal_before)


# --------------------------------------------------------------------------- tokens

_NUMBER = r"\d+(?:[.,:]\d+)+(?![^\W_])"
_ALNUM = r"[^\W_]+(?:['’][^\W_]+)*"
_PART = rf"(?:{_NUMBER}|{_ALNUM})"
# a trailing apostrophe after s, z, x or ß is a genitive ("Pilz’ Vorwurf", "Merz' Plan")
_WORD = rf"{_PART}(?:[-‐‑]{_PART})*(?:-(?=[\s,])|(?<=[sSzZxXß])['’](?=\s[A-ZÄÖÜ]))?"
_URL = r"(?:https?://|www\.)[^\s<>\"«»“”„]*[^\s<>\"«»“”„.,;:!?)\]]"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"


_TOKEN = re.compile(rf"(?P<url>{_URL})|(?P<email>{_EMAIL})|(?P<word>{_WORD})|(?P<punct>\.{{2,}}|-{{2,}}|\S)")
_DOTTED_AT = re.compile(r"(?:[^\W\d_]{1,2}\.){2,}")
_INITIAL_AT = re.compile(r"[A-ZÄÖÜ]\.(?=\s[A-ZÄÖÜ])")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split text[start:end] into tokens with offsets into ``text``.

    text (str): the whole text (e.g. ``Article.clean_text``).
    start (int): where to begin (e.g. ``Sentence.start``).
    end (int | None): where to stop (default: end of text).
    RETURNS (list[Token]): tokens; abbreviations keep their period (``z.B.``, ``Dr.``), and a
        short number followed by a period inside the range is an ordinal (``3.`` in ``am 3. März``).
    """
    stop = len(text) if end is None else end
    tokens: list[Token] = []
    resume = start
    for match in _TOKEN.finditer(text, start, stop):
        s, e = match.span()
        if s < resume:
            continue  # part of an abbreviation or ordinal already taken
        if text[e:e + 1] == "." and match.lastgroup == "word":
            e = _word_with_period(text, s, e, stop, text[s:e])
        tokens.append(Token(s, e, text[s:e]))
        resume = e
    return tokens


def _word_with_period(text: str, start: int, end: int, stop: int, word: str) -> int:
    """Extend a word over a period that belongs to it (abbreviation, initial, ordinal)."""
    spaced = lexicon().spaced
    if spaced is not None and len(word) <= 3 and (found := spaced.match(text, start, stop)) is not None:
        return found.end()  # "z. B.", "i. d. R.": one token
    dotted = _DOTTED_AT.match(text, start, stop)
    if dotted and (start == 0 or not text[start - 1].isalnum()):
        return dotted.end()
    if end + 1 <= stop and word + "." in lexicon().abbreviations:
        return end + 1
    if _INITIAL_AT.match(text, start, stop) and len(word) == 1:
        return end + 1
    if _surname_initial(text, start, end, stop, word):
        return end + 1
    if _ordinal_period(text, end, stop, word):
        return end + 1
    return end


def _surname_initial(text: str, start: int, end: int, stop: int, word: str) -> bool:
    """A name's abbreviated surname inside a sentence: "Rabah **N.** wurde angeklagt", "nahm
    Mohamed **B.** fest" (the press's way of naming suspects). The capital follows a capitalised
    word and the text goes on after its period, so the period ends no sentence here."""
    if len(word) != 1 or not word.isupper() or end + 1 >= stop or not text[end + 1 : end + 2].isspace():
        return False
    before = text[max(0, start - 40) : start]
    previous = before.rstrip().rsplit(None, 1)[-1] if before.strip() else ""
    return before[-1:] == " " and len(previous) > 1 and previous[:1].isupper() and previous.isalpha()


def _ordinal_period(text: str, end: int, stop: int, word: str) -> bool:
    """Attach a period to a short number when text goes on after it (``2. Division``)."""
    if not (word.isdigit() and len(word) <= MAX_ORDINAL_DIGITS):
        return False
    if text[end:end + 1] != "." or end + 1 >= stop:
        return False
    return text[end + 1].isspace() and _NON_SPACE.search(text, end + 2, stop) is not None

"""Recognisers: numbers and quantities, dates, and lexicon mentions (actors, places).

Every recogniser follows the python-stdnum contract (STYLE.md §8, §14):
``parse_x(text)`` returns a value or raises a subclass of
:class:`RecognitionError`, and ``is_x(text)`` returns a bool and never raises.
"""

from __future__ import annotations

from importlib import resources

__all__ = ["RecognitionError", "InvalidNumber", "InvalidDate", "read_tsv"]


class RecognitionError(ValueError):
    """A recogniser was given text that is not an instance of what it parses."""


class InvalidNumber(RecognitionError):
    """The text is not a German number ("2.000", "1,5 Millionen", "zweieinhalb")."""


class InvalidDate(RecognitionError):
    """The text is not a German time expression, or its date does not exist."""


def read_tsv(name: str) -> list[list[str]]:
    """Read a tab-separated data file shipped in ``lagebild/data``.

    Blank lines and lines starting with ``#`` are skipped; cells are stripped.

    name (str): the file name, e.g. ``"units.tsv"``.
    RETURNS (list[list[str]]): one list of cells per data row.
    """
    text = resources.files("lagebild.data").joinpath(name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append([cell.strip() for cell in line.split("\t")])
    return rows

"""Errors a user can cause, each with a code, the offending input and what to do.

``InputError`` is raised before a run starts (a missing path, a wrong option);
``ArticleError`` concerns one article: the runner records it as a failure and
goes on with the others.
"""

from __future__ import annotations


class LagebildError(Exception):
    """Base class of every error Lagebild raises on purpose."""


class InputError(LagebildError):
    """The command cannot start: a path is missing, an option is wrong."""


class ArticleError(LagebildError):
    """One article cannot be processed; the run goes on with the others.

    stage (str): the pipeline stage that found the problem ("read", "clean", ...).
    message (str): one line naming the reason and, where there is one, the fix.
    """

    def __init__(self, stage: str, message: str) -> None:
        super().__init__(message)
        self.stage = stage
        self.message = message

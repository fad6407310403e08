"""Lagebild: German-language news in, structured and sourced event records out."""

__version__ = "0.1.0"

__all__ = ["__version__", "extract"]


def extract(text, *, doc_id=None, date=None):  # noqa: D103 - documented in pipeline.extract
    from .pipeline import extract as _extract

    return _extract(text, doc_id=doc_id, date=date)

"""Lagebild: German-language news in, structured and sourced event records out.

>>> import lagebild
>>> [e.type for e in lagebild.extract("Die USA schicken 2.000 Soldaten nach Polen.")]
['MOBILIZE']
"""

__version__ = "0.1.0"

from .pipeline import extract  # noqa: E402  (the public API: lagebild.extract(text, ...))

__all__ = ["__version__", "extract"]

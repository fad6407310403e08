"""Lagebild: German-language news in, structured and sourced event records out.

>>> import lagebild
>>> [e.type for e in lagebild.extract("Die USA schicken 2.000 Soldaten nach Polen.")]
['MOBILIZE']
"""

__version__ = "0.1.0"

# Bound after the stage modules are imported: the stage module ``lagebild.extract``
# must not shadow the public function ``lagebild.extract``.
from .pipeline import extract  # noqa: E402

__all__ = ["__version__", "extract"]

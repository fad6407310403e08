"""The fuse stage: one record per event in a document (``document``), and one story per
real-world event across documents (``stories``)."""

from .document import RECENT_GROUPS, Mentioned, fuse

__all__ = ["RECENT_GROUPS", "Mentioned", "fuse"]

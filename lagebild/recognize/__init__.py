"""Recognisers: numbers and quantities, dates, and lexicon mentions (actors, places)."""

#!/usr/bin/env python3
"""Build ``lagebild/data/grammar/noun_genders.tsv``: the grammatical gender of German nouns,
read off the articles that stand before them in German news.

usage: python scripts/build_noun_genders.py [--corpus CSV] [--dev DIR] [--out TSV]

German marks case on the determiner, and which cases "der" can mark depends on the noun's
gender: "der Sprecher" (masculine) is a nominative, "der Regierung" (feminine) a dative or
genitive. ``lagebild.analyse.chunks`` narrows a phrase's cases with this table.

Every determiner + noun pair of the 10kGNAD corpus (``../shared/corpus/gnad_test_dev.csv``,
the dev articles left out), tagged by the analyse stage, votes for the genders its
determiner allows, by the noun's lemma: "das" neuter; "eine" feminine; "einen"
masculine; "ein", "einem", "eines", "dem", "des" masculine or neuter. Only the articles that
tell one gender count towards a decision (a singular "die" may be a plural, "den" a dative
plural); a noun is listed when a determiner that tells one gender alone ("das", "eine",
"einen") stood before it at least ``MIN_VOTES`` times, or "dem"/"des"/"ein…" ``MN_VOTES``
times and "das" never (a masculine), and its gender has ``SHARE`` of the votes.
Names of one word count as nouns do ("dem Kreml": masculine). Compounds not listed take
their head's gender at look-up (``Grammar.gender``).
Deterministic; runs in under a minute.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lagebild.analyse import analyse  # noqa: E402
from lagebild.clean import clean  # noqa: E402
from lagebild.errors import ArticleError  # noqa: E402
from lagebild.model import Article  # noqa: E402
from lagebild.split import split_sentences  # noqa: E402

MIN_VOTES = 1
MN_VOTES = 3  # masculine-or-neuter votes that settle a masculine when no "das" was seen
SHARE = 0.8
# the genders a singular determiner allows
_TELLS = {
    "das": "n", "eine": "f", "einer": "f", "einen": "m",
    "ein": "mn", "einem": "mn", "eines": "mn", "dem": "mn", "des": "mn",
}
_MODIFIERS = frozenset({"ADJ(A)", "ADJ"})  # (not a number: "das 1,5 Tonnen schwere Fahrzeug")


def votes(text: str, tally: dict[str, Counter]) -> None:
    """Count the determiner votes of one article into ``tally`` (lemma → Counter of m/f/n/mn)."""
    for sentence in split_sentences(text):
        tokens = analyse(sentence.text).tokens
        for k, tok in enumerate(tokens):
            if tok.pos != "ART":
                continue
            tells = _TELLS.get(tok.text.lower())
            if tells is None or (k and tokens[k - 1].text == "," and tells == "n"):
                continue  # (", das" is mostly a relative pronoun the tagger read as an article)
            j = k + 1
            while j < len(tokens) and tokens[j].pos in _MODIFIERS:
                j += 1
            if j >= len(tokens):
                continue
            single_name = tokens[j].pos == "NE" and (j + 1 == len(tokens) or tokens[j + 1].pos != "NE")
            if (tokens[j].pos == "NN" or single_name) and tokens[j].lemma[:1].isupper():
                noun = tokens[j]  # (a name of one word too: "dem Kreml", "des Iran")
                tally[noun.lemma][tells] += 1
                if noun.text == noun.lemma + "r" and noun.lemma.endswith("e"):
                    tally[noun.lemma]["adjective"] += 1  # "ein Vorsitzender", "ein Abgeordneter": a nominalised adjective


def decide(counts: Counter) -> str | None:
    """The gender the votes name (m, f, n), or None when they do not agree enough."""
    if counts["adjective"]:
        return None  # a nominalised adjective takes the gender of whom it names ("der/die Vorsitzende")
    m, f, n, mn = counts["m"], counts["f"], counts["n"], counts["mn"]
    if f >= MIN_VOTES and f >= SHARE * (f + m + n + mn):
        return "f"
    if n >= MIN_VOTES and n >= SHARE * (f + m + n):
        return "n"
    if (m >= MIN_VOTES or mn >= MN_VOTES) and m + mn >= SHARE * (f + m + n + mn) and n == 0:
        return "m"  # (a neuter noun seen this often would have been seen with "das")
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "gnad_test_dev.csv"))
    parser.add_argument("--dev", default=str(ROOT.parent / "shared" / "dev"),
                        help="folder of the dev articles (dev-NNNN.txt = corpus row NNNN), left out")
    parser.add_argument("--out", default=str(ROOT / "lagebild" / "data" / "grammar" / "noun_genders.tsv"))
    args = parser.parse_args()
    dev_rows = {int(p.stem.split("-")[1]) for p in Path(args.dev).glob("dev-*.txt")}
    with open(args.corpus, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter=";", quotechar="'"))
    tally: dict[str, Counter] = defaultdict(Counter)
    for n, row in enumerate(rows):
        if n in dev_rows or len(row) < 2:
            continue
        try:
            article = clean(Article(doc_id=str(n), text=row[1]))
        except ArticleError:
            continue
        votes(article.clean_text, tally)
    decided = sorted((lemma, g) for lemma, counts in tally.items() if (g := decide(counts)) is not None)
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("# Grammatical gender of nouns (m, f, n) by lemma, from determiner votes in the 10kGNAD\n")
        out.write("# corpus (dev articles left out). Built by scripts/build_noun_genders.py; do not edit.\n")
        out.write("# Columns: lemma\tgender\n")
        for lemma, g in decided:
            out.write(f"{lemma}\t{g}\n")
    print(f"{len(decided)} nouns of {len(tally)} seen -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Build ``lagebild/data/link_idf.tsv``: how rare each word stem is in German news, for
comparing the evidence of two reports (``lagebild.fuse.stories``): sharing "Gabčíkovo" or
"Anschläge" says more than sharing "Soldaten" or "Regierung".

usage: python scripts/build_link_idf.py [--corpus CSV] [--dev DIR] [--out TSV]

The document frequency of every word stem (the first six letters of a word of four or more,
lower-cased: ``fuse.stories.stems``) over the articles of the 10kGNAD corpus
(``../shared/corpus/gnad_test_dev.csv``), leaving out the articles of the dev set. Stems
in fewer than ``MIN_DF`` articles are not listed (they count as the rarest). Deterministic;
runs in seconds.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lagebild.fuse.stories import stems  # noqa: E402

MIN_DF = 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "gnad_test_dev.csv"))
    parser.add_argument("--dev", default=str(ROOT.parent / "shared" / "dev"),
                        help="folder of the dev articles (dev-NNNN.txt = corpus row NNNN), left out")
    parser.add_argument("--out", default=str(ROOT / "lagebild" / "data" / "link_idf.tsv"))
    args = parser.parse_args()
    dev_rows = {int(p.stem.split("-")[1]) for p in Path(args.dev).glob("dev-*.txt")}
    with open(args.corpus, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter=";", quotechar="'"))
    texts = [row[1] for n, row in enumerate(rows) if n not in dev_rows and len(row) > 1]
    df: Counter[str] = Counter()
    for text in texts:
        df.update(stems([text]))
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(f"# Word-stem rarity for linking reports into stories; built by scripts/build_link_idf.py from\n"
                  f"# {len(texts)} articles of the 10kGNAD corpus (dev set left out). Columns: stem\tidf\n"
                  f"# (idf = ln(N / df), N = {len(texts)}); a stem not listed is rarer than all.\n")
        for stem, n in sorted(df.items()):
            if n >= MIN_DF:
                out.write(f"{stem}\t{math.log(len(texts) / n):.2f}\n")
    print(f"{sum(1 for n in df.values() if n >= MIN_DF)} stems from {len(texts)} articles -> {args.out}")


if __name__ == "__main__":
    main()

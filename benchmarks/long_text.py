"""Processing time against article length: is it linear?

Builds repetitive German texts of about 100 kB, 330 kB and 1 MB (the bodies of the
five seed articles in ``examples/seeds``, repeated and cut at a paragraph end) and
times ``lagebild.pipeline.process_article`` on each, in this one process, after a
warm-up on one seed article (models and lexicons loaded). Reported per size: CPU
seconds (best of ``--repeat`` runs, so that other load on the machine counts as
little as possible), wall seconds, microseconds per character, sentences and
events; then the ratio of the 1 MB time to the 330 kB time. Linear time gives the
ratio of the lengths (3×); time growing with the square of the length gave 9×
before (issue 8: 200k characters 6.4 s, 400k 19 s, 800k 84 s). Target: < 3×
(the lengths are 330,000 and 990,000 characters, so linear time is exactly 3×
and the per-article costs that do not grow keep it a little below).

Usage: python benchmarks/long_text.py [--repeat N] [--sizes 100000,330000,990000] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lagebild.model import Article  # noqa: E402
from lagebild.pipeline import process_article  # noqa: E402

SEEDS = ROOT / "examples" / "seeds"
SIZES = (100_000, 330_000, 990_000)
TARGET = 3.0


def seed_bodies() -> list[str]:
    """The paragraphs of the seed articles, without the date marker and dateline."""
    paragraphs: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        body = text.split(" - ", 1)[1] if " - " in text[:200] else text
        paragraphs.extend(p.strip() for p in body.split("\n\n") if p.strip())
    return paragraphs


def repetitive_text(size: int, paragraphs: list[str]) -> str:
    """The seed paragraphs repeated up to ``size`` characters, ending at a paragraph end."""
    parts: list[str] = []
    length = 0
    while True:
        for paragraph in paragraphs:
            if length + len(paragraph) + 2 > size:
                return "\n\n".join(parts)
            parts.append(paragraph)
            length += len(paragraph) + 2


def measure(text: str, repeat: int) -> dict[str, Any]:
    """Process one text ``repeat`` times; the best CPU and wall times and what came out."""
    cpu = wall = float("inf")
    sentences = events = 0
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        _, sents, evs = process_article(Article(doc_id="long", text=text))
        cpu = min(cpu, time.process_time() - c0)
        wall = min(wall, time.perf_counter() - w0)
        sentences, events = len(sents), len(evs)
    return {
        "chars": len(text),
        "cpu_s": round(cpu, 3),
        "wall_s": round(wall, 3),
        "us_per_char": round(cpu / len(text) * 1e6, 2),
        "sentences": sentences,
        "events": events,
    }


def label(chars: int) -> str:
    """330000 → '330 kB', 990000 → '1 MB' (characters; German text is a few % more in bytes)."""
    return f"{chars / 1e6:.0f} MB" if chars >= 900_000 else f"{chars / 1e3:.0f} kB"


def main() -> None:
    """Measure every size and print the figures (or one JSON object)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="runs per size; the best counts")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="characters, comma list (last two are compared)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    paragraphs = seed_bodies()
    process_article(Article(doc_id="warm-up", text="\n\n".join(paragraphs[:8])))
    rows = [measure(repetitive_text(size, paragraphs), max(1, args.repeat)) for size in sizes]
    small, big = rows[-2], rows[-1]
    ratio = big["cpu_s"] / small["cpu_s"]
    out = {
        "sizes": rows,
        "ratio": round(ratio, 2),
        "length_ratio": round(big["chars"] / small["chars"], 2),
        "target": TARGET,
        "ok": ratio < TARGET,
    }
    if args.json:
        print(json.dumps(out))
        return
    for row in rows:
        print(f"{label(row['chars']):>6} ({row['chars']:,} chars, {row['sentences']} sentences, {row['events']} events): "
              f"{row['cpu_s']:.2f} s CPU, {row['wall_s']:.2f} s wall, {row['us_per_char']:.1f} µs/char")
    print(f"long text: {label(big['chars'])} / {label(small['chars'])} = {ratio:.2f}x the time for "
          f"{out['length_ratio']:.2f}x the length (target < {TARGET:g}x: {'ok' if out['ok'] else 'MISSED'})")


if __name__ == "__main__":
    main()

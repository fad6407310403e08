"""Build the tables of the part-of-speech tagger shipped under ``lagebild/data/tagger/``.

Run with the project venv: ``.venv/bin/python scripts/build_tagger.py`` (about two
minutes on one core: HanTa's ``analyze_forward`` of 36,000 word forms takes about 45 s,
its lemmatiser on 97,000 (form, tag) pairs about 65 s). The output is deterministic
(sorted rows, gzip without timestamps), so a rebuild with the same HanTa model and corpus
gives byte-identical files.

Input: the word types of ``../shared/corpus/gnad_test_dev.csv`` (998 DER STANDARD
articles, read as ``lagebild`` reads them: ``csv.reader(f, delimiter=";",
quotechar="'")``, text in column 2) **without the rows of the dev set**
(``../shared/dev/dev-NNNN.txt``, NNNN = row number), so that the dev set measures how the
tagger does on unseen text; plus the words of ``examples/seeds/*.txt``. Texts are split and
tokenised with ``lagebild.split`` as the pipeline does.

Output (see ``lagebild/analyse/tagger.py`` for how they are used):

* ``forms.tsv.gz``: ``key<TAB>TAG=logp …``: HanTa's ``analyze_forward`` of every form
  outside HanTa's own cache, keeping the tags that survive HanTa's cutoff in at least one
  case mode;
* ``suffixes.tsv.gz``: ``model<TAB>suffix<TAB>TAG=logp …``: the suffix models for unknown
  words (``A`` capitalised, ``a`` lower-case, ``*`` sentence-initial; ``Azu``, ``azu``,
  ``*zu`` for words with ``zu`` inside, see ``tagger.suffix_model``), trained on those
  analyses: P(tag | suffix) is the mean over the training forms of HanTa's P(tag | form);
* ``lemmas.tsv.gz``: ``key<TAB>TAG<TAB>lemma`` (lemma empty when equal to the key): HanTa's
  lemma of every (form, tag) that the tagger assigns in the corpus and of every tag
  within the cutoff of each form;
* ``meta.json``: counts and the settings used.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import math
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lagebild.analyse.tagger import (  # noqa: E402
    CUTOFF,
    FIRST,
    MAX_SUFFIX,
    UNKNOWN,
    Analysis,
    Tagger,
    case_mode,
    format_analysis,
    suffix_model,
    load_hanta,
    normalize,
)
from lagebild.split import split_sentences, tokenize  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "gnad_test_dev.csv"
DEV = ROOT.parent / "shared" / "dev"
SEEDS = ROOT / "examples" / "seeds"
OUT = ROOT / "lagebild" / "data" / "tagger"

# Suffix model: a suffix seen in fewer training words is not stored (its parent is used).
MIN_SUFFIX_WORDS = 2
# Successive abstraction: P(t|s) = (n(s)·ML(t|s) + K·P(t|parent)) / (n(s) + K).
SMOOTHING = 5.0
# Tags with a smaller smoothed probability are dropped from a suffix's distribution.
MIN_TAG_PROB = 0.001
# Decimals of the stored analyses: HanTa's own near-ties need five to come out the same.
FORM_DIGITS = 5
DEV_NAME = re.compile(r"dev-(\d+)\.txt$")


def dev_rows(folder: Path = DEV) -> set[int]:
    """Row numbers of the dev articles (``dev-0013.txt`` → 13)."""
    rows = set()
    for path in folder.glob("dev-*.txt"):
        match = DEV_NAME.search(path.name)
        if match:
            rows.add(int(match.group(1)))
    return rows


def corpus_rows(path: Path = CORPUS) -> list[str]:
    """The article texts of the corpus, by row number."""
    with path.open(encoding="utf-8", newline="") as f:
        return [row[1] for row in csv.reader(f, delimiter=";", quotechar="'")]


def training_texts(exclude: set[int]) -> list[str]:
    """Corpus articles outside ``exclude`` and the seed articles."""
    texts = [text for i, text in enumerate(corpus_rows()) if i not in exclude]
    texts += [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    return texts


def sentences_of(texts: Iterable[str]) -> list[list[str]]:
    """Tokenised sentences, as the pipeline splits and tokenises."""
    out = []
    for text in texts:
        for sent in split_sentences(text):
            tokens = [token.text for token in tokenize(text, sent.start, sent.end)]
            if tokens:
                out.append(tokens)
    return out


# --------------------------------------------------------------------------- forms


def analyse_forms(hanta: Any, keys: Iterable[str]) -> dict[str, list[tuple[int, float]]]:
    """HanTa's ``analyze_forward`` of each key (lower-cased form), in full."""
    return {key: [(int(tag), float(lp)) for tag, lp in hanta.analyze_forward(key)] for key in sorted(keys)}


def adjustments(hanta: Any) -> list[dict[int, float]]:
    """The case and prior terms HanTa adds per case mode (as in ``Tagger``)."""
    wtag, case = hanta.LP_wtag, hanta.LP_case_t
    return [
        {tag: -lp for tag, lp in wtag.items()},
        {tag: case[tag][False] - lp for tag, lp in wtag.items()},
        {tag: case[tag][True] - lp for tag, lp in wtag.items()},
    ]


def prune(analysis: list[tuple[int, float]], adjust: list[dict[int, float]]) -> Analysis:
    """Keep the tags that survive HanTa's cutoff in at least one case mode, rounded."""
    if all(tag == UNKNOWN for tag, _ in analysis):
        return tuple((tag, round(lp, FORM_DIGITS)) for tag, lp in analysis)
    keep = set()
    for terms in adjust:
        scores = {tag: lp + terms[tag] for tag, lp in analysis if tag != UNKNOWN}
        limit = max(scores.values()) - CUTOFF
        keep.update(tag for tag, score in scores.items() if score >= limit)
    return tuple((tag, round(lp, FORM_DIGITS)) for tag, lp in analysis if tag in keep)


# --------------------------------------------------------------------------- suffix model


def distribution(analysis: list[tuple[int, float]]) -> dict[int, float]:
    """P(tag | word) from an analysis: the normalised exponentials of its log-probabilities."""
    pairs = [(tag, lp) for tag, lp in analysis if tag != UNKNOWN]
    if not pairs:
        return {}
    top = max(lp for _, lp in pairs)
    weights = {tag: math.exp(lp - top) for tag, lp in pairs}
    total = sum(weights.values())
    return {tag: w / total for tag, w in weights.items()}


def train_suffixes(
    words: Iterable[tuple[str, dict[int, float]]],
    *,
    min_words: int = MIN_SUFFIX_WORDS,
    smoothing: float = SMOOTHING,
    min_prob: float = MIN_TAG_PROB,
) -> dict[str, Analysis]:
    """A suffix model: smoothed P(tag | last 1–5 letters), as log-probabilities.

    words (Iterable): (key, P(tag | word)) of the training words, each counted once.
    RETURNS (dict[str, Analysis]): by suffix ("" = any word).
    """
    mass: dict[str, Counter[int]] = defaultdict(Counter)
    count: Counter[str] = Counter()
    for key, dist in words:
        if not dist:
            continue
        for n in range(0, min(MAX_SUFFIX, len(key)) + 1):
            suffix = key[-n:] if n else ""
            count[suffix] += 1
            mass[suffix].update(dist)
    smoothed: dict[str, dict[int, float]] = {}
    for suffix in sorted(count, key=lambda s: (len(s), s)):
        n = count[suffix]
        ml = {tag: m / n for tag, m in mass[suffix].items()}
        if not suffix:
            smoothed[suffix] = ml
            continue
        if n < min_words:
            continue
        parent = smoothed.get(suffix[1:]) or _nearest(smoothed, suffix[1:])
        tags = set(ml) | set(parent)
        smoothed[suffix] = {t: (n * ml.get(t, 0.0) + smoothing * parent.get(t, 0.0)) / (n + smoothing) for t in tags}
    model = {}
    for suffix, dist in smoothed.items():
        kept = sorted(((t, p) for t, p in dist.items() if p >= min_prob), key=lambda tp: (-tp[1], tp[0]))
        model[suffix] = tuple((t, round(math.log(p), 3)) for t, p in kept)
    return model


def _nearest(smoothed: dict[str, dict[int, float]], suffix: str) -> dict[int, float]:
    """The smoothed distribution of the longest stored suffix of ``suffix``."""
    while suffix not in smoothed:
        suffix = suffix[1:]
    return smoothed[suffix]


def suffix_models(
    forms: dict[str, list[tuple[int, float]]], surfaces: Counter[tuple[str, int]], **settings: Any
) -> dict[str, dict[str, Analysis]]:
    """Train the suffix models on the analysed forms.

    Sentence-initial words get a model of every form (their capital says nothing); the
    lower-case and capitalised models learn from the forms seen that way inside sentences.

    forms (dict): full ``analyze_forward`` results by key.
    surfaces (Counter): (key, case mode) of every token of the training text.
    RETURNS (dict): by ``suffix_model`` name.
    """
    dists = {key: distribution(analysis) for key, analysis in forms.items()}
    members: dict[str, set[str]] = defaultdict(set)
    for key in dists:
        members[suffix_model(key, FIRST)].add(key)
    for key, mode in surfaces:
        if key in dists and mode != FIRST:
            members[suffix_model(key, mode)].add(key)
    return {
        name: train_suffixes(((k, dists[k]) for k in sorted(keys)), **settings)
        for name, keys in sorted(members.items())
    }


# --------------------------------------------------------------------------- lemmas


def lemma_pairs(tagger: Tagger, sentences: list[list[str]]) -> set[tuple[str, str]]:
    """(key, tag) pairs: the tags given in context, and every tag within each form's cutoff."""
    pairs = set()
    int2tag = tagger.hanta.int2tag
    for words in sentences:
        for i, (word, tag) in enumerate(zip(words, tagger.tag(words))):
            pairs.add((word.lower(), tag))
            row = tagger.emission(word, i == 0)
            if row is not None:
                pairs.update((word.lower(), int2tag[t]) for t in row)
    return pairs


def lemmatise(hanta: Any, pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """HanTa's lemma of each (key, tag) pair, sorted."""
    return [(key, tag, hanta._analyze(key, hanta.tag2int[tag], taglevel=1)[0]) for key, tag in sorted(pairs)]


# --------------------------------------------------------------------------- output


def write_gzip(path: Path, lines: Iterable[str]) -> int:
    """Write lines gzip-compressed without a timestamp; return the byte size."""
    text = "".join(line + "\n" for line in lines).encode("utf-8")
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as f:
        f.write(text)
    path.write_bytes(buffer.getvalue())
    return len(buffer.getvalue())


def build(out: Path = OUT, *, quiet: bool = False) -> dict[str, Any]:
    """Build every table into ``out``; return the figures written to ``meta.json``."""
    started = time.perf_counter()

    def say(message: str) -> None:
        if not quiet:
            print(f"[{time.perf_counter() - started:6.1f}s] {message}", file=sys.stderr, flush=True)

    hanta = load_hanta()
    exclude = dev_rows()
    sentences = sentences_of(training_texts(exclude))
    surfaces: Counter[tuple[str, int]] = Counter()
    for words in sentences:
        for i, word in enumerate(words):
            surfaces[(normalize(word), case_mode(word, i == 0))] += 1
    keys = {key for key, _ in surfaces if key not in hanta.cache}
    say(f"{len(sentences)} sentences, {len({k for k, _ in surfaces})} forms, {len(keys)} outside HanTa's cache")
    full = analyse_forms(hanta, keys)
    say("analysed the forms")
    adjust = adjustments(hanta)
    forms = {key: prune(analysis, adjust) for key, analysis in full.items()}
    suffixes = suffix_models(full, surfaces)
    say("trained the suffix models")
    int2tag = hanta.int2tag
    form_texts = {key: format_analysis(forms[key], int2tag, FORM_DIGITS) for key in sorted(forms)}
    suffix_texts = {
        name: {suffix: format_analysis(model[suffix], int2tag) for suffix in sorted(model)}
        for name, model in suffixes.items()
    }
    tagger = Tagger(hanta, form_texts, suffix_texts, {})
    lemmas = lemmatise(hanta, lemma_pairs(tagger, sentences))
    say(f"lemmatised {len(lemmas)} (form, tag) pairs")

    out.mkdir(parents=True, exist_ok=True)
    sizes = {
        "forms.tsv.gz": write_gzip(out / "forms.tsv.gz", (f"{key}\t{text}" for key, text in form_texts.items())),
        "suffixes.tsv.gz": write_gzip(
            out / "suffixes.tsv.gz",
            (
                f"{name}\t{suffix}\t{text}" for name, model in suffix_texts.items() for suffix, text in model.items()
            ),
        ),
        "lemmas.tsv.gz": write_gzip(
            out / "lemmas.tsv.gz", (f"{k}\t{t}\t{'' if lemma == k else lemma}" for k, t, lemma in lemmas)
        ),
    }
    meta = {
        "hanta_model": "morphmodel_ger.pgz (HanTa 1.2.1)",
        "corpus": "../shared/corpus/gnad_test_dev.csv without the dev rows, plus examples/seeds",
        "excluded_dev_rows": len(exclude),
        "sentences": len(sentences),
        "forms": len(forms),
        "suffixes": {name: len(model) for name, model in suffixes.items()},
        "lemmas": len(lemmas),
        "settings": {
            "cutoff": CUTOFF,
            "max_suffix": MAX_SUFFIX,
            "min_suffix_words": MIN_SUFFIX_WORDS,
            "smoothing": SMOOTHING,
            "min_tag_prob": MIN_TAG_PROB,
            "form_digits": FORM_DIGITS,
        },
        "bytes": sizes,
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    say(f"wrote {sum(sizes.values()) / 1e6:.2f} MB to {out}")
    return meta


def main() -> None:
    """Command line: build the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="output folder (default: lagebild/data/tagger)")
    args = parser.parse_args()
    build(args.out)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Train the decision model of ``lagebild.extract.decide`` on hand-annotated articles.

usage: python scripts/train_decide.py [--gold DIR] [--corpus CSV] [--out JSON] [--folds N]

The training articles are rows of the 10kGNAD corpus (``../shared/corpus/gnad_test_dev.csv``)
annotated by hand in ``training/gold/*.jsonl`` (document ids ``train-NNNN``, NNNN = row),
following ``../shared/gold/ANNOTATING.md``. None of them is an article of the dev set:
the dev gold measures the model and is never read here.

Every candidate the rules generate on a training sentence (``extract.read_sentence``)
that passes the hard rules is labelled 1 when a scored gold record of its sentence has
its type, actor code and an overlapping target (the scorer's matching), 0 when no gold
record does; a candidate that matches only an optional record is left out. A logistic
regression (scikit-learn, L2, deterministic) is fitted on their ``decide.features``;
the threshold that maximises F1 over grouped cross-validation predictions is stored
with the weights. Runs on one CPU core in about a minute.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lagebild import clean as clean_stage  # noqa: E402
from lagebild import split as split_stage  # noqa: E402
from lagebild.errors import ArticleError  # noqa: E402
from lagebild.extract import article_context, read_sentence, update_context  # noqa: E402
from lagebild.extract.decide import features, rule_ok  # noqa: E402
from lagebild.model import Article  # noqa: E402
from lagebild.recognize.annotate import annotate  # noqa: E402
from lagebild.score import _same_sentence, _sentences, compatible  # noqa: E402


def load_gold(folder: Path) -> dict[str, list[dict]]:
    """Gold records of the training articles, by document id."""
    out: dict[str, list[dict]] = defaultdict(list)
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                out[str(record["doc"])].append(record)
    return out


def load_texts(corpus: Path, docs: list[str]) -> dict[str, str]:
    """The texts of ``train-NNNN`` documents from the corpus CSV."""
    with corpus.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter=";", quotechar="'"))
    return {doc: rows[int(doc.split("-")[1])][1] for doc in docs}


def label(record: dict, sentence: str, gold: list[dict]) -> int | None:
    """1, 0, or None (matches only an optional record) for a would-be record on a sentence."""
    here = [g for g in gold if _same_sentence(_sentences(g), [sentence])]
    hits = [g for g in here if compatible(g, record)]
    if any(not g.get("optional") for g in hits):
        return 1
    if hits:
        return None
    return 0


def examples(doc: str, text: str, gold: list[dict]) -> list[tuple[dict[str, float], int]]:
    """Labelled feature dicts of every rule-passing candidate of one article."""
    try:
        article = clean_stage.clean(Article(doc_id=doc, text=text))
    except ArticleError:
        return []
    sentences = split_stage.split_sentences(article.clean_text)
    annotated = annotate(article.clean_text, sentences)
    ctx = article_context(article, annotated)
    out = []
    for ann in annotated:
        a, candidates = read_sentence(ann, ctx)
        for cand in candidates:
            if not rule_ok(cand):
                continue
            codes = cand.actor.codes if cand.actor is not None and len(set(cand.actor.codes)) > 1 else [cand.actor.code if cand.actor else None]
            labels = []
            for code in dict.fromkeys(codes):
                record = {"type": cand.type, "actor": {"code": code}, "target": {"codes": list(cand.target.codes) if cand.target else []}}
                labels.append(label(record, " ".join(ann.text.split()), gold))
            if all(x is None for x in labels):
                continue
            y = 1 if any(x == 1 for x in labels) else 0
            out.append((features(cand, a, ann, candidates, ctx.focus), y))
        update_context(a, ann, ctx)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=ROOT / "training" / "gold")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "gnad_test_dev.csv")
    ap.add_argument("--out", type=Path, default=ROOT / "lagebild" / "data" / "models" / "decide.json")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--c", type=float, default=0.5, help="inverse L2 regularisation strength")
    args = ap.parse_args(argv)

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    gold = load_gold(args.gold)
    if not gold:
        print(f"no gold records under {args.gold}", file=sys.stderr)
        return 2
    texts = load_texts(args.corpus, sorted(gold))
    X_dicts, y, groups = [], [], []
    for n, doc in enumerate(sorted(gold)):
        for feats, label_ in examples(doc, texts[doc], gold[doc]):
            X_dicts.append(feats)
            y.append(label_)
            groups.append(n)
    print(f"{len(gold)} articles, {len(y)} candidates, {sum(y)} positive")
    vec = DictVectorizer(sparse=True, sort=True)
    X = vec.fit_transform(X_dicts)

    def fit(Xm, ym):
        clf = LogisticRegression(C=args.c, fit_intercept=False, max_iter=2000, solver="lbfgs")
        clf.fit(Xm, ym)
        return clf

    probs = [0.0] * len(y)
    for train, test in GroupKFold(n_splits=args.folds).split(X, y, groups):
        clf = fit(X[train], [y[i] for i in train])
        for i, p in zip(test, clf.predict_proba(X[test])[:, 1]):
            probs[i] = float(p)
    best = (0.0, 0.5)
    positives = sum(y)
    for step in range(5, 95):
        thr = step / 100
        tp = sum(1 for p, t in zip(probs, y) if p >= thr and t)
        fp = sum(1 for p, t in zip(probs, y) if p >= thr and not t)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / positives if positives else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        if f1 > best[0]:
            best = (f1, thr)
    print(f"cross-validated candidate F1 {best[0]:.3f} at threshold {best[1]:.2f} (all candidates kept: "
          f"P {positives / len(y):.3f})")
    clf = fit(X, y)
    weights = {name: round(float(w), 5) for name, w in zip(vec.get_feature_names_out(), clf.coef_[0]) if abs(w) > 1e-6}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "about": "Logistic decision model of lagebild.extract.decide; trained by scripts/train_decide.py "
                 "on training/gold (hand-annotated 10kGNAD rows, no dev article).",
        "threshold": best[1],
        "cv_f1": round(best[0], 4),
        "examples": len(y),
        "weights": dict(sorted(weights.items())),
    }
    args.out.write_text(json.dumps(payload, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(weights)} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

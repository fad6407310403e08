"""Score event records against gold records, as EVENTS.md defines it.

The same matching and figures as the project's reference scorer
(``score_events.py``): records of one document are matched one to one when the
type and actor code are equal and the target code sets overlap; optional gold
records count neither as missed nor as wrong; slot accuracy is reported on
matched records. ``lagebild eval`` prints ``format_report(score(gold, system))``.
"""
import collections
import json


FORCE_TYPES = {"MOBILIZE", "RETREAT", "PRESENCE", "AID"}


def load(path):
    records = collections.defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                r = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}:{n}: not JSON: {e}") from e
            if not isinstance(r, dict) or "doc" not in r or "type" not in r:
                raise ValueError(f"{path}:{n}: a record needs at least 'doc' and 'type'")
            records[str(r["doc"])].append(r)
    return records


def code(party):
    return (party or {}).get("code") or None


def codes(party):
    return set((party or {}).get("codes") or [])


def quantity(r):
    q = r.get("quantity") or {}
    return q.get("value")


def compatible(g, s, need_quantity=False):
    if g["type"] != s["type"] or code(g.get("actor")) != code(s.get("actor")):
        return False
    gt, st = codes(g.get("target")), codes(s.get("target"))
    if (gt or st) and not (gt & st):
        return False
    return not need_quantity or quantity(g) == quantity(s)


def affinity(g, s):
    score = 0
    score += 2 * (quantity(g) is not None and quantity(g) == quantity(s))
    score += codes(g.get("target")) == codes(s.get("target"))
    score += (g.get("mode") or None) == (s.get("mode") or None)
    score += (g.get("status") or None) == (s.get("status") or None)
    return score


def match(gold, system, need_quantity=False):
    """One-to-one greedy matching, best affinity first."""
    pairs = [(affinity(g, s), gi, si)
             for gi, g in enumerate(gold) for si, s in enumerate(system)
             if compatible(g, s, need_quantity)]
    pairs.sort(key=lambda p: -p[0])
    used_g, used_s, out = set(), set(), []
    for _, gi, si in pairs:
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            out.append((gi, si))
    return out


def within(sys_value, gold_value):
    """A system date lies within a gold date when it starts with it."""
    if gold_value is None:
        return sys_value is None
    return sys_value is not None and str(sys_value).startswith(str(gold_value))


class Tally:
    def __init__(self):
        self.tp = self.fp = self.fn = 0

    def add(self, tp, fp, fn):
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def as_dict(self):
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score_doc(gold, system, tally, per_type, slots, need_quantity=False):
    pairs = match(gold, system, need_quantity)
    matched_g = {gi for gi, _ in pairs}
    matched_s = {si for _, si in pairs}
    for gi, si in pairs:
        g, s = gold[gi], system[si]
        if g.get("optional"):
            continue
        tally.add(1, 0, 0)
        per_type[g["type"]].add(1, 0, 0)
        if slots is not None:
            if quantity(g) is not None:
                slots["quantity"].append(quantity(g) == quantity(s))
            slots["target"].append(codes(g.get("target")) == codes(s.get("target")))
            slots["date"].append(within((s.get("date") or {}).get("value"),
                                        (g.get("date") or {}).get("value")))
            if g.get("status"):
                slots["status"].append(g.get("status") == s.get("status"))
            slots["factuality"].append((g.get("factuality") or "asserted")
                                       == (s.get("factuality") or "asserted"))
    for gi, g in enumerate(gold):
        if gi not in matched_g and not g.get("optional"):
            tally.add(0, 0, 1)
            per_type[g["type"]].add(0, 0, 1)
    for si, s in enumerate(system):
        if si not in matched_s:
            tally.add(0, 1, 0)
            per_type[s["type"]].add(0, 1, 0)


def group_records(records):
    """Group EVENTS.md records (dicts) by document id."""
    out = collections.defaultdict(list)
    for r in records:
        out[str(r["doc"])].append(r)
    return out


def score(gold, system, docs=None):
    """Score grouped system records against grouped gold records.

    gold, system (dict[str, list[dict]]): records by document id.
    docs (list[str] | None): documents to score (default: every gold document).
    RETURNS (dict): events, force_with_numbers, per_type and slot_accuracy figures.
    """
    docs = docs if docs is not None else sorted(gold)
    overall, per_type = Tally(), collections.defaultdict(Tally)
    force, force_types = Tally(), collections.defaultdict(Tally)
    slots = collections.defaultdict(list)
    for d in docs:
        g, s = gold.get(d, []), system.get(d, [])
        score_doc(g, s, overall, per_type, slots)
        gf = [r for r in g if r["type"] in FORCE_TYPES and quantity(r) is not None]
        sf = [r for r in s if r["type"] in FORCE_TYPES and quantity(r) is not None]
        score_doc(gf, sf, force, force_types, None, need_quantity=True)
    return {
        "documents": len(docs),
        "events": overall.as_dict(),
        "force_with_numbers": force.as_dict(),
        "per_type": {t: v.as_dict() for t, v in sorted(per_type.items())},
        "slot_accuracy": {k: round(sum(v) / len(v), 4) if v else None for k, v in sorted(slots.items())},
    }


ERROR_KINDS = ("no record on the sentence", "wrong type", "wrong actor", "wrong target",
               "false record (sentence has an event)", "false record (no event on the sentence)")


def _sentences(record):
    return [" ".join(str(e).split()) for e in record.get("evidence") or [] if str(e).strip()]


def _same_sentence(a, b):
    """Two evidence lists share a sentence (one sentence contains the other: splits differ)."""
    for x in a:
        for y in b:
            if x == y or (len(x) > 20 and x in y) or (len(y) > 20 and y in x):
                return True
    return False


def errors(gold, system, docs=None):
    """Why records were missed or wrong, in the categories of issue 7.

    A missed scored gold record is put under the first that applies: no system record
    shares one of its evidence sentences; records there but none of its type ("wrong
    type"); of its type but another actor ("wrong actor"); of its type and actor but no
    overlapping target ("wrong target"). An unmatched system record is a false record,
    told apart by whether its sentence states a (scored or optional) gold event.

    gold, system (dict[str, list[dict]]): records by document id.
    RETURNS (dict[str, int]): counts per category (all categories present).
    """
    out = {k: 0 for k in ERROR_KINDS}
    docs = docs if docs is not None else sorted(gold)
    for d in docs:
        g, s = gold.get(d, []), system.get(d, [])
        pairs = match(g, s)
        matched_g = {gi for gi, _ in pairs}
        matched_s = {si for _, si in pairs}
        for gi, rec in enumerate(g):
            if gi in matched_g or rec.get("optional"):
                continue
            ev = _sentences(rec)
            there = [x for x in s if _same_sentence(ev, _sentences(x))]
            typed = [x for x in there if x["type"] == rec["type"]]
            acted = [x for x in typed if code(x.get("actor")) == code(rec.get("actor"))]
            if not there:
                out["no record on the sentence"] += 1
            elif not typed:
                out["wrong type"] += 1
            elif not acted:
                out["wrong actor"] += 1
            else:
                out["wrong target"] += 1
        for si, rec in enumerate(s):
            if si in matched_s:
                continue
            ev = _sentences(rec)
            if any(_same_sentence(ev, _sentences(x)) for x in g):
                out["false record (sentence has an event)"] += 1
            else:
                out["false record (no event on the sentence)"] += 1
    return out


def format_errors(counts):
    """The error categories as lines of a report."""
    missed = sum(counts[k] for k in ERROR_KINDS[:4])
    false = sum(counts[k] for k in ERROR_KINDS[4:])
    lines = [f"errors: {missed} missed, {false} false"]
    for k in ERROR_KINDS:
        lines.append(f"  {k:<42} {counts[k]}")
    return "\n".join(lines)


def format_report(result):
    """The report as the reference scorer prints it."""
    e, f = result["events"], result["force_with_numbers"]
    lines = [f"documents: {result['documents']}"]
    lines.append(f"events      P {e['precision']:.3f}  R {e['recall']:.3f}  F1 {e['f1']:.3f}"
                 f"  (tp {e['tp']} fp {e['fp']} fn {e['fn']})")
    lines.append(f"force+count P {f['precision']:.3f}  R {f['recall']:.3f}  F1 {f['f1']:.3f}"
                 f"  (tp {f['tp']} fp {f['fp']} fn {f['fn']})")
    for t, v in result["per_type"].items():
        lines.append(f"  {t:<10} P {v['precision']:.3f}  R {v['recall']:.3f}  F1 {v['f1']:.3f}"
                     f"  (tp {v['tp']} fp {v['fp']} fn {v['fn']})")
    for k, v in result["slot_accuracy"].items():
        lines.append(f"  slot {k:<10} {v if v is not None else '-'}")
    return "\n".join(lines)

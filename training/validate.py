#!/usr/bin/env python3
"""Check hand-annotated training records against the EVENTS.md contract.

usage: python3 training/validate.py training/gold/batch-1.jsonl [...]

Every record must name a document ``train-NNNN`` (NNNN = row of
../shared/corpus/gnad_test_dev.csv, counted from 0), use a type and mode of
EVENTS.md, codes in upper case, and evidence sentences copied verbatim from the
article text. Prints one line per problem; exits 1 when there is any.
"""
from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "gnad_test_dev.csv"
TYPES = {}
for line in (ROOT / "lagebild" / "data" / "event_types.tsv").read_text(encoding="utf-8").splitlines():
    if line.strip() and not line.startswith("#"):
        name, _, modes = line.partition("\t")
        TYPES[name] = {m for m in modes.split(",") if m}
TYPES["AGREE"].add("exchange")
SECTORS = {"GOV", "MIL", "POL", "REB", "CVL", "IGO", "MED", "BUS", "NGO", "OPP", None}
STATUS = {"announced", "planned", "underway", "arrived", "completed", "denied", None}
POSTURE = {"permanent", "rotational", "temporary", None}
FACT = {"asserted", "negated", "hypothetical"}
QUAL = {"exact", "approx", "at_least", "at_most", None}
UNITS = {"soldiers", "aircraft", "ships", "vehicles", "weapons", "units", "people", "killed",
         "injured", "prisoners", "money_eur", "money_usd", None}
CODE = re.compile(r"^[A-Z][A-Z0-9_]*$")
KEYS = {"doc", "type", "mode", "actor", "target", "origin", "location", "quantity", "status",
        "posture", "date", "source", "factuality", "optional", "evidence"}


def texts() -> dict[str, str]:
    with CORPUS.open(encoding="utf-8", newline="") as f:
        return {f"train-{i:04d}": row[1] for i, row in enumerate(csv.reader(f, delimiter=";", quotechar="'"))}


def check(record: dict, text: str | None) -> list[str]:
    bad = []
    missing = KEYS - set(record)
    if missing:
        bad.append(f"missing keys {sorted(missing)}")
    t = record.get("type")
    if t not in TYPES:
        return bad + [f"unknown type {t!r}"]
    if record.get("mode") is not None and record["mode"] not in TYPES[t]:
        bad.append(f"mode {record['mode']!r} is not a mode of {t}")
    actor = record.get("actor")
    if actor is not None:
        if actor.get("code") is not None and not CODE.match(str(actor["code"])):
            bad.append(f"actor code {actor.get('code')!r} is not an upper-case code")
        if actor.get("sector") not in SECTORS:
            bad.append(f"actor sector {actor.get('sector')!r}")
    for slot in ("target", "origin", "location"):
        party = record.get(slot)
        if party is None:
            continue
        codes = party.get("codes")
        if not isinstance(codes, list) or any(not CODE.match(str(c)) for c in codes):
            bad.append(f"{slot}.codes must be a list of upper-case codes: {codes!r}")
    if record.get("status") not in STATUS:
        bad.append(f"status {record.get('status')!r}")
    if record.get("status") and t not in {"MOBILIZE", "RETREAT", "AID"}:
        bad.append(f"status is for MOBILIZE/RETREAT/AID only, not {t}")
    if record.get("posture") not in POSTURE:
        bad.append(f"posture {record.get('posture')!r}")
    if record.get("factuality") not in FACT:
        bad.append(f"factuality {record.get('factuality')!r}")
    q = record.get("quantity")
    if q is not None:
        if q.get("value") is not None and not isinstance(q["value"], int):
            bad.append(f"quantity.value must be an int: {q.get('value')!r}")
        if q.get("qualifier") not in QUAL:
            bad.append(f"quantity.qualifier {q.get('qualifier')!r}")
        if q.get("unit") not in UNITS:
            bad.append(f"quantity.unit {q.get('unit')!r}")
    ev = record.get("evidence")
    if not isinstance(ev, list) or not ev:
        bad.append("evidence must be a non-empty list of sentences")
    elif text is not None:
        for sentence in ev:
            if sentence not in text:
                bad.append(f"evidence not verbatim in the article: {sentence[:80]!r}")
    if not isinstance(record.get("optional"), bool):
        bad.append("optional must be true or false")
    return bad


def main() -> int:
    corpus = texts()
    problems = 0
    for name in sys.argv[1:]:
        for n, line in enumerate(Path(name).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                print(f"{name}:{n}: not JSON: {err}")
                problems += 1
                continue
            doc = str(record.get("doc"))
            if doc not in corpus:
                print(f"{name}:{n}: doc {doc!r} is not train-NNNN of the corpus")
                problems += 1
                continue
            for msg in check(record, corpus[doc]):
                print(f"{name}:{n}: {doc} {record.get('type')}: {msg}")
                problems += 1
    print(f"{problems} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

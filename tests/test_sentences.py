"""Behaviour tests of the event extractor on short German sentences.

The cases are data: ``tests/cases/*.jsonl``, one JSON object per line, one file
per area (an event type, or a rule such as actors, targets, quantities, status,
posture, factuality, sources and dates). Each case gives one to three German
sentences, an optional document date, and the records a careful analyst
following ``/work/shared/EVENTS.md`` would code::

    {"id": "...", "rule": "target/compound", "text": "...", "date": "2023-05-10",
     "expect": [{"type": "MOBILIZE", "actor": "USA", "target": ["DEU", "POL"], ...}],
     "only": true, "xfail": "reason"}

In an expected record only the keys given are asserted (``type`` and ``actor``
always): ``target``/``origin``/``location`` compare as sets of codes,
``quantity`` compares the sub-keys given, ``date`` compares ``date.value``,
``source`` compares ``source.code``, ``null`` asserts that a field is empty.
``only`` forbids records beyond the expected ones; ``xfail`` marks a known
limitation of the extractor (not strict).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

CASES_DIR = Path(__file__).resolve().parent / "cases"
EVENT_TYPES = frozenset(
    "MOBILIZE RETREAT PRESENCE AID CONSULT AGREE COOPERATE SUPPORT CONCEDE REQUEST "
    "ACCUSE REJECT THREATEN PROTEST SANCTION COERCE ASSAULT".split()
)
CASE_KEYS = frozenset({"id", "rule", "text", "date", "expect", "only", "xfail"})
RECORD_KEYS = frozenset(
    {"type", "actor", "mode", "target", "origin", "location", "quantity", "status", "posture",
     "factuality", "date", "source"}
)
SET_FIELDS = ("target", "origin", "location")
SCALAR_FIELDS = ("mode", "status", "posture", "factuality")
QUANTITY_KEYS = frozenset({"value", "qualifier", "unit"})
STATUSES = frozenset({"announced", "planned", "underway", "arrived", "completed", "denied"})
POSTURES = frozenset({"permanent", "rotational", "temporary"})
FACTUALITIES = frozenset({"asserted", "negated", "hypothetical"})
QUALIFIERS = frozenset({"exact", "approx", "at_least", "at_most"})
UNITS = frozenset(
    "soldiers aircraft ships vehicles weapons units people killed injured prisoners money_eur "
    "money_usd".split()
)
CODE = re.compile(r"^[A-Z][A-Z_]*[A-Z]$")
ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def load_cases() -> list[dict[str, Any]]:
    """All cases of ``tests/cases/*.jsonl`` in file order, each with its ``_file`` and ``_line``."""
    cases = []
    for path in sorted(CASES_DIR.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                case = json.loads(line)
                case["_file"], case["_line"] = path.name, number
                cases.append(case)
    return cases


def case_params(cases: list[dict[str, Any]]) -> list[Any]:
    """One ``pytest.param`` per case, id = case id, xfail applied where the case asks for it."""
    params = []
    for case in cases:
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=False)] if case.get("xfail") else []
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


CASES = load_cases()


def _codes(field: dict[str, Any] | None) -> set[str]:
    """The code set of a target/origin/location field of a record (empty when absent)."""
    return set((field or {}).get("codes") or [])


def field_mismatches(expected: dict[str, Any], record: dict[str, Any]) -> list[str]:
    """The asserted fields of ``expected`` that ``record`` does not satisfy, as short messages.

    expected (dict): an expected record of a case.
    record (dict): a produced record (``Event.to_record()``).
    RETURNS (list[str]): one message per mismatching field; empty when the record matches.
    """
    wrong = []
    if record.get("type") != expected["type"]:
        wrong.append(f"type {record.get('type')!r} != {expected['type']!r}")
    actor = (record.get("actor") or {}).get("code")
    if actor != expected["actor"]:
        wrong.append(f"actor {actor!r} != {expected['actor']!r}")
    for key in SET_FIELDS:
        if key in expected:
            want = set(expected[key] or [])
            got = _codes(record.get(key))
            if got != want:
                wrong.append(f"{key} {sorted(got)} != {sorted(want)}")
    for key in SCALAR_FIELDS:
        if key in expected and record.get(key) != expected[key]:
            wrong.append(f"{key} {record.get(key)!r} != {expected[key]!r}")
    if "quantity" in expected:
        wrong.extend(_quantity_mismatches(expected["quantity"], record.get("quantity")))
    if "date" in expected:
        got_date = (record.get("date") or {}).get("value")
        if got_date != expected["date"]:
            wrong.append(f"date {got_date!r} != {expected['date']!r}")
    if "source" in expected:
        got_source = (record.get("source") or {}).get("code")
        if got_source != expected["source"]:
            wrong.append(f"source {got_source!r} != {expected['source']!r}")
    return wrong


def _quantity_mismatches(want: dict[str, Any] | None, got: dict[str, Any] | None) -> list[str]:
    """Mismatches of the asserted quantity sub-keys (``None`` asserts no quantity at all)."""
    if want is None:
        return [] if got is None else [f"quantity {got.get('value')!r} != None"]
    if got is None:
        return [f"quantity None != {want}"]
    return [f"quantity.{key} {got.get(key)!r} != {value!r}" for key, value in want.items()
            if got.get(key) != value]


def match_records(expected: list[dict[str, Any]], produced: list[dict[str, Any]]) -> list[int | None]:
    """A one-to-one assignment of produced records to expected ones (bipartite matching).

    expected (list[dict]): the expected records of a case.
    produced (list[dict]): the extractor's records.
    RETURNS (list[int | None]): per expected record the index of its produced record, or None.
    """
    fits = [[j for j, rec in enumerate(produced) if not field_mismatches(exp, rec)] for exp in expected]
    owner: dict[int, int] = {}

    def assign(i: int, seen: set[int]) -> bool:
        for j in fits[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or assign(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(expected)):
        assign(i, set())
    by_expected: dict[int, int] = {i: j for j, i in owner.items()}
    return [by_expected.get(i) for i in range(len(expected))]


def compact(record: dict[str, Any]) -> str:
    """A one-line summary of a record for failure messages."""
    quantity = record.get("quantity")
    parts = [
        f"{record.get('type')}/{record.get('mode')}",
        f"actor={(record.get('actor') or {}).get('code')}",
        f"target={sorted(_codes(record.get('target')))}",
    ]
    if _codes(record.get("origin")):
        parts.append(f"origin={sorted(_codes(record.get('origin')))}")
    if quantity:
        parts.append(f"q=({quantity.get('value')},{quantity.get('qualifier')},{quantity.get('unit')})")
    parts += [
        f"status={record.get('status')}",
        f"posture={record.get('posture')}",
        f"fact={record.get('factuality')}",
        f"date={(record.get('date') or {}).get('value')}",
        f"src={(record.get('source') or {}).get('code')}",
    ]
    return " ".join(parts)


def closest_mismatch(expected: dict[str, Any], produced: list[dict[str, Any]]) -> str:
    """What is wrong with the produced record of the same type and actor that comes closest."""
    same = [rec for rec in produced if rec.get("type") == expected["type"]
            and (rec.get("actor") or {}).get("code") == expected["actor"]]
    if not same:
        return "no record of this type and actor"
    best = min((field_mismatches(expected, rec) for rec in same), key=len)
    return "closest record differs in: " + "; ".join(best)


def failure_report(case: dict[str, Any], expected: list[dict[str, Any]], produced: list[dict[str, Any]],
                   missing: list[int], extra: list[int]) -> str:
    """The failure message of a case: the text, missing expectations, unexpected records, all output."""
    lines = [f"case {case['id']} ({case['_file']}:{case['_line']}, rule {case['rule']})",
             f"text: {case['text']}", f"doc date: {case.get('date')}"]
    for i in missing:
        lines.append(f"MISSING {json.dumps(expected[i], ensure_ascii=False)}")
        lines.append(f"        {closest_mismatch(expected[i], produced)}")
    for j in extra:
        lines.append(f"UNEXPECTED (only=true) {compact(produced[j])}")
    lines.append("produced:")
    lines.extend(f"  {compact(rec)}" for rec in produced)
    if not produced:
        lines.append("  (nothing)")
    return "\n".join(lines)


@pytest.mark.parametrize("case", case_params(CASES))
def test_sentence(case: dict[str, Any]) -> None:
    """The extractor produces every expected record (and, with ``only``, nothing else)."""
    from lagebild.pipeline import extract  # the function behind lagebild.extract

    events = extract(case["text"], doc_id=case["id"], date=case.get("date"))
    produced = [event.to_record() for event in events]
    expected = case["expect"]
    assignment = match_records(expected, produced)
    missing = [i for i, j in enumerate(assignment) if j is None]
    used = {j for j in assignment if j is not None}
    extra = [j for j in range(len(produced)) if j not in used] if case.get("only") else []
    assert not missing and not extra, failure_report(case, expected, produced, missing, extra)


def test_public_extract_stays_callable() -> None:
    """``lagebild.extract`` is the pipeline function, even after the pipeline modules are imported.

    A submodule named ``lagebild/extract.py`` replaces the package attribute ``extract`` on
    import, which would turn the public API into a module object.
    """
    import lagebild
    import lagebild.pipeline

    events = lagebild.extract("Frankreich hat 300 Soldaten nach Estland verlegt.", doc_id="api")
    assert isinstance(events, list)


def _record_problems(record: dict[str, Any]) -> list[str]:
    """Schema problems of one expected record (unknown keys, types, codes, values)."""
    problems = [f"unknown key {key!r}" for key in record if key not in RECORD_KEYS]
    if record.get("type") not in EVENT_TYPES:
        problems.append(f"type {record.get('type')!r} is not an EVENTS.md type")
    if "actor" not in record:
        problems.append("actor missing (null for an attack by no one named, as EVENTS.md allows)")
    codes = ([record["actor"]] if record.get("actor") is not None else []) + ([record["source"]] if record.get("source") is not None else [])
    for key in SET_FIELDS:
        if key in record and record[key] is not None:
            if not isinstance(record[key], list) or not record[key]:
                problems.append(f"{key} must be a non-empty list of codes or null")
            else:
                codes.extend(record[key])
    problems += [f"code {code!r} is not upper-case" for code in codes
                 if not isinstance(code, str) or not CODE.match(code)]
    allowed = {"status": STATUSES, "posture": POSTURES, "factuality": FACTUALITIES}
    problems += [f"{key} {record[key]!r} not allowed" for key, values in allowed.items()
                 if record.get(key) is not None and record[key] not in values]
    if record.get("date") is not None and not ISO_DATE.match(str(record["date"])):
        problems.append(f"date {record['date']!r} is not ISO 8601")
    quantity = record.get("quantity")
    if quantity is not None:
        problems += [f"unknown quantity key {key!r}" for key in quantity if key not in QUANTITY_KEYS]
        if quantity.get("qualifier") is not None and quantity["qualifier"] not in QUALIFIERS:
            problems.append(f"qualifier {quantity['qualifier']!r} not allowed")
        if quantity.get("unit") is not None and quantity["unit"] not in UNITS:
            problems.append(f"unit {quantity['unit']!r} not allowed")
    return problems


def _case_problems(case: dict[str, Any]) -> list[str]:
    """Schema problems of one case (keys, text, date, expectations)."""
    problems = [f"unknown key {key!r}" for key in case if key not in CASE_KEYS | {"_file", "_line"}]
    for key in ("id", "rule", "text"):
        if not isinstance(case.get(key), str) or not case[key].strip():
            problems.append(f"{key} must be a non-empty string")
    if case.get("date") is not None and not ISO_DATE.match(str(case["date"])):
        problems.append(f"doc date {case['date']!r} is not ISO 8601")
    if not isinstance(case.get("expect"), list):
        problems.append("expect must be a list")
    elif not case["expect"] and not case.get("only"):
        problems.append("an empty expect needs only=true, or the case cannot fail")
    if not isinstance(case.get("only", False), bool):
        problems.append("only must be a boolean")
    for record in case.get("expect") or []:
        problems += _record_problems(record)
    return problems


def test_cases_are_well_formed() -> None:
    """Every case file parses, ids are unique, and every expectation uses EVENTS.md values."""
    assert CASES, f"no cases found in {CASES_DIR}"
    problems = [f"{case['_file']}:{case['_line']} {case.get('id')}: {problem}"
                for case in CASES for problem in _case_problems(case)]
    seen: dict[str, str] = {}
    for case in CASES:
        where = f"{case['_file']}:{case['_line']}"
        if case.get("id") in seen:
            problems.append(f"{where}: duplicate id {case['id']!r} (first at {seen[case['id']]})")
        seen.setdefault(case.get("id"), where)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("expected", "record", "ok"),
    [
        ({"type": "AID", "actor": "DEU", "target": ["UKR"]},
         {"type": "AID", "actor": {"code": "DEU"}, "target": {"codes": ["UKR"]}}, True),
        ({"type": "AID", "actor": "DEU", "target": ["UKR", "POL"]},
         {"type": "AID", "actor": {"code": "DEU"}, "target": {"codes": ["POL", "UKR"]}}, True),
        ({"type": "AID", "actor": "DEU", "target": ["UKR"]},
         {"type": "AID", "actor": {"code": "DEU"}, "target": {"codes": ["UKR", "POL"]}}, False),
        ({"type": "AID", "actor": "DEU"}, {"type": "AID", "actor": {"code": "USA"}}, False),
        ({"type": "AID", "actor": "DEU", "quantity": {"value": 2}},
         {"type": "AID", "actor": {"code": "DEU"}, "quantity": {"value": 2, "unit": "weapons"}}, True),
        ({"type": "AID", "actor": "DEU", "quantity": {"value": None, "unit": "soldiers"}},
         {"type": "AID", "actor": {"code": "DEU"}, "quantity": None}, False),
        ({"type": "AID", "actor": "DEU", "date": None},
         {"type": "AID", "actor": {"code": "DEU"}, "date": {"text": None, "value": None}}, True),
        ({"type": "AID", "actor": "DEU", "source": "MEDIA"},
         {"type": "AID", "actor": {"code": "DEU"}, "source": {"code": "DEU"}}, False),
        ({"type": "AID", "actor": "DEU", "origin": None},
         {"type": "AID", "actor": {"code": "DEU"}, "origin": None}, True),
        ({"type": "AID", "actor": "DEU", "status": None},
         {"type": "AID", "actor": {"code": "DEU"}, "status": "announced"}, False),
    ],
)
def test_field_mismatches(expected: dict[str, Any], record: dict[str, Any], ok: bool) -> None:
    """The comparison asserts exactly the given fields, sets as sets, null as empty."""
    assert (not field_mismatches(expected, record)) is ok


def test_match_records_is_one_to_one() -> None:
    """Two identical expectations need two produced records."""
    expected = [{"type": "ASSAULT", "actor": "RUS"}, {"type": "ASSAULT", "actor": "RUS"}]
    one = [{"type": "ASSAULT", "actor": {"code": "RUS"}}]
    assert match_records(expected, one) == [0, None]
    assert sorted(match_records(expected, one * 2)) == [0, 1]

"""The hostile-input suite (issue 8, item 7): over 1,000 generated bad inputs mixed with good
articles, ingested in one run of the real command with two workers.

Asserts: the run ends (no hang) with exit status 1, prints no traceback, every good
article is stored (including good articles with a bad metadata date or a repeated
file name), and every bad input is named in ``failures`` — one row each.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

# Short German articles written for this test (not from the seeds or the dev set).
SUBJECTS = ["Die Regierung", "Das Parlament", "Der Verteidigungsminister", "Die Opposition", "Das Bündnis",
            "Die Außenministerin", "Der Bürgermeister", "Die Gewerkschaft"]
VERBS = ["kündigte am Montag neue Gespräche mit den Nachbarländern an",
         "forderte die Regierung zu raschen Verhandlungen auf",
         "kritisierte die geplanten Kürzungen im Haushalt scharf",
         "traf sich in der Hauptstadt mit Vertretern der Wirtschaft"]
TAILS = ["Das sagte ein Sprecher am Abend.", "Weitere Einzelheiten wurden nicht bekannt.",
         "Die Beratungen sollen in der kommenden Woche fortgesetzt werden."]


def _german(i: int) -> str:
    rng = random.Random(i)
    return (f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)}. {rng.choice(TAILS)} "
            f"Es war die {i}. Sitzung dieser Art in diesem Jahr, hieß es in einer Mitteilung.")


class Inputs:
    """A folder of generated inputs and the ids expected as stored and as failed."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.good: set[str] = set()
        self.bad: set[str] = set()
        self.n = 0

    def file(self, name: str, content: bytes | str, *, good: bool, doc_id: str | None = None) -> Path:
        self.n += 1
        path = self.root / f"f{self.n:04d}" / name if "/" not in name else self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        (self.good if good else self.bad).add(doc_id or path.stem)
        return path


def _build(root: Path) -> Inputs:
    rng = random.Random(8)
    inputs = Inputs(root)
    k = 0

    def good_text() -> str:
        nonlocal k
        k += 1
        return _german(k)

    # Good plain-text articles, some sharing a file name across folders.
    for i in range(30):
        inputs.file(f"good{i:03d}.txt", good_text(), good=True)
    for folder in ("x", "y", "z"):
        inputs.file(f"same/{folder}/bericht.txt", good_text(), good=True, doc_id=f"{folder}/bericht")
    # Bad whole files.
    for i in range(120):
        inputs.file(f"bin{i:03d}.txt", bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400))) + b"\x00",
                    good=False)
    for i in range(60):
        inputs.file(f"latin{i:03d}.txt", (good_text() + " Grüße").encode("latin-1"), good=False)
    for i in range(60):
        inputs.file(f"empty{i:03d}.txt", rng.choice([b"", b" ", b"\n\n", b"\t \r\n"]), good=False)
    for i, text in enumerate(["The government announced new talks with the neighbours on Monday. " * 3,
                              "Le gouvernement a annoncé lundi de nouvelles négociations avec ses voisins. " * 3,
                              "政府周一宣布与邻国举行新的会谈。" * 5, "😀👍🎉" * 10, "12345 678", ".", "--- ... !!!",
                              "asdf qwer zxcv"] * 15):
        inputs.file(f"foreign{i:03d}.txt", text, good=False)
    for i in range(40):
        inputs.file(f"page{i:03d}.html", "<html><head><title>x</title></head><body><nav>Menü</nav></body></html>",
                    good=False)
    for i in range(20):
        inputs.file(f"feed{i:03d}.rss", "<rss><channel><title>Leer</title></channel></rss>", good=False)
    # Special files: refused unread.
    special = root / "special"
    special.mkdir()
    for i in range(15):
        os.mkfifo(special / f"fifo{i:02d}.txt")
        (special / f"zero{i:02d}.txt").symlink_to("/dev/zero")
        (special / f"loop{i:02d}a.txt").symlink_to(special / f"loop{i:02d}b.txt")
        (special / f"loop{i:02d}b.txt").symlink_to(special / f"loop{i:02d}a.txt")
        inputs.bad |= {f"fifo{i:02d}", f"zero{i:02d}", f"loop{i:02d}a", f"loop{i:02d}b"}
    (special / "back").symlink_to(root, target_is_directory=True)  # a folder loop
    # JSONL: good rows (one with a bad date, one with a timestamp) between bad lines.
    lines, expect_good, expect_bad = [], [], []
    bad_lines = ['{"id": "deep", "text": ' + "[" * 50_000 + "]" * 50_000 + "}",
                 '{"id": 1' + "0" * 5000 + ', "text": "x"}', "{nicht json", "[1, 2, 3]", '"nur ein String"',
                 '{"id": "ohne-text"}', '{"text": 42}', '{"text": "Text \\ud800 mit Surrogat."}',
                 '{"text": "Text \\u0000 mit NUL."}', '{"text": "   "}']
    for i in range(480):
        if i % 4 == 0:
            row = {"id": f"row{i}", "text": good_text(), "date": ["2022-02-30", "2022-02-01T10:00:00Z", "01.02.2022",
                                                                   "gestern"][i % 16 // 4]}
            lines.append(json.dumps(row, ensure_ascii=False))
            expect_good.append(f"row{i}")
        else:
            line = bad_lines[i % len(bad_lines)]
            lines.append(line)
            expect_bad.append(f"rows-{len(lines)}" if '"id": "ohne-text"' not in line else "ohne-text")
    dup_bad = sum(1 for b in expect_bad if b == "ohne-text")
    inputs.file("rows.jsonl", "\n".join(lines) + "\n", good=True, doc_id=expect_good[0])
    inputs.good |= set(expect_good)
    inputs.bad |= {b for b in expect_bad if b != "ohne-text"}
    inputs.bad |= {"ohne-text"} | {f"ohne-text#{n}" for n in range(2, dup_bad + 1)}
    # CSV with empty text rows.
    csv_rows = ["id,text"]
    for i in range(240):
        if i % 3 == 0:
            csv_rows.append(f'c{i},"{good_text()}"')
            inputs.good.add(f"c{i}")
        else:
            csv_rows.append(f"c{i},")
            inputs.bad.add(f"c{i}")
    inputs.file("table.csv", "\n".join(csv_rows) + "\n", good=True, doc_id="c0")
    return inputs


def test_hostile_inputs_never_stop_the_run(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    inputs = _build(root)
    assert len(inputs.bad) >= 1000
    db = tmp_path / "x.db"
    cmd = [sys.executable, "-c", "from lagebild.cli import main; main()", "ingest", str(root), "--db", str(db),
           "-q", "--workers", "2"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=900, check=False)
    assert "Traceback" not in done.stderr
    assert done.returncode == 1, done.stderr[-3000:]
    with sqlite3.connect(db) as conn:
        stored = {row[0] for row in conn.execute("SELECT doc_id FROM articles")}
        failed = [row[0] for row in conn.execute("SELECT doc_id FROM failures")]
    assert stored == inputs.good
    assert len(failed) == len(set(failed))
    assert set(failed) == inputs.bad
    assert f"{len(inputs.good)} added" in done.stdout and f"{len(inputs.bad)} failed" in done.stdout
    assert all(len(line) < 600 for line in done.stderr.splitlines())  # one line each, no echoed text

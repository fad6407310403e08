"""Scale of ``lagebild ingest``: workers, memory against input size, re-ingest, database size.

Runs the real command (``lagebild ingest … -q``) in subprocesses on the unlabeled
corpus (``../shared/corpus/gnad_test_dev.csv``, 998 DER STANDARD articles, or
the CSV given) and reports, all measured in this one run:

- wall time with ``--workers 1`` and ``--workers 2`` into fresh SQLite files,
  each run ``--repeat`` times (default 2, alternating; the best of each counts, all
  are printed), and the speed-up (target ≥ 1.8× on 2 cores); the two databases
  must hold the same records (compared);
- peak RSS of the ingest process at 1× and at K× the corpus (default 16×; each
  copy's texts made distinct so that every article is extracted), with
  ``--workers 1`` so that one process does everything, and the ratio K×/1×
  (target: under 300 MB and within 1.5× of 1×);
- re-ingest time: the same corpus ingested again into the filled database,
  as a share of the first ingest (target ≤ 20 %);
- the database size per 1,000 articles, and as a multiple of the input size.

Usage: python benchmarks/ingest.py [CSV] [--copies K] [--repeat N] [--skip-big] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CSV = ROOT.parent / "shared" / "corpus" / "gnad_test_dev.csv"


def ingest(csv_path: Path, db: Path, workers: int) -> dict[str, float]:
    """Run one ``lagebild ingest`` and measure its wall time and peak RSS (KiB → MiB)."""
    code = (
        "import resource, sys, runpy; sys.argv = ['lagebild'] + sys.argv[1:]\n"
        "from lagebild.cli import main\n"
        "try:\n    main()\n"
        "finally:\n"
        "    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "    sys.stderr.write(f'\\nRSS {own} {kids}\\n')\n"
    )
    cmd = [sys.executable, "-c", code, "ingest", str(csv_path), "--db", str(db), "-q", "--workers", str(workers)]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"ingest failed ({done.returncode}): {done.stderr[-2000:]}")
    rss_line = [line for line in done.stderr.splitlines() if line.startswith("RSS ")][-1]
    own, kids = (int(x) / 1024 for x in rss_line.split()[1:])
    return {"seconds": seconds, "rss_mib": own, "worker_rss_mib": kids, "summary": done.stdout.strip()}


def records(db: Path) -> list[str]:
    """The stored event records of a database, in a stable order (for comparing runs)."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT doc_id, ord, record FROM events ORDER BY doc_id, ord").fetchall()
    return [f"{doc}\t{ord_}\t{record}" for doc, ord_, record in rows]


def copies(src: Path, k: int, out: Path) -> int:
    """Write the corpus K times, each copy's texts made distinct; the number of rows."""
    rows = list(csv.reader(src.open(encoding="utf-8"), delimiter=";", quotechar="'"))
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", quotechar="'")
        for copy in range(k):
            for category, text in rows:
                writer.writerow([category, text if copy == 0 else f"{text} (Kopie {copy})"])
    return len(rows) * k


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("csv", nargs="?", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--copies", type=int, default=16, help="size of the big input, in corpus copies")
    ap.add_argument("--skip-big", action="store_true", help="skip the K× memory run (the slowest part)")
    ap.add_argument("--repeat", type=int, default=2, help="runs of 1 and of 2 workers, alternating; the best of each counts")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not args.csv.is_file():
        raise SystemExit(f"no corpus at {args.csv}; give the CSV path")
    n = sum(1 for _ in csv.reader(args.csv.open(encoding="utf-8"), delimiter=";", quotechar="'"))
    out: dict[str, Any] = {"articles": n, "input_mib": args.csv.stat().st_size / 2**20}
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        runs = {1: [], 2: []}
        for r in range(args.repeat):  # alternating, so that a slow spell of the machine hits both
            for workers in (1, 2):
                db = tmpdir / f"w{workers}-{r}.db"
                runs[workers].append(ingest(args.csv, db, workers))
                if r < args.repeat - 1:
                    db.unlink()
        one = min(runs[1], key=lambda run: run["seconds"])
        two = min(runs[2], key=lambda run: run["seconds"])
        last = args.repeat - 1
        os.replace(tmpdir / f"w1-{last}.db", tmpdir / "w1.db")
        os.replace(tmpdir / f"w2-{last}.db", tmpdir / "w2.db")
        out["workers_1_s"], out["workers_2_s"] = one["seconds"], two["seconds"]
        out["workers_1_all_s"] = [run["seconds"] for run in runs[1]]
        out["workers_2_all_s"] = [run["seconds"] for run in runs[2]]
        out["speedup_2_workers"] = one["seconds"] / two["seconds"]
        out["same_records"] = records(tmpdir / "w1.db") == records(tmpdir / "w2.db")
        out["rss_1x_mib"] = one["rss_mib"]
        again = ingest(args.csv, tmpdir / "w1.db", 1)
        out["reingest_s"] = again["seconds"]
        out["reingest_share"] = again["seconds"] / one["seconds"]
        size = (tmpdir / "w1.db").stat().st_size
        out["db_mib_per_1000"] = size / 2**20 / n * 1000
        out["db_over_input"] = size / args.csv.stat().st_size
        if not args.skip_big:
            big = tmpdir / "big.csv"
            out["big_articles"] = copies(args.csv, args.copies, big)
            run = ingest(big, tmpdir / "big.db", 1)
            out["big_s"] = run["seconds"]
            out[f"rss_{args.copies}x_mib"] = run["rss_mib"]
            out["rss_ratio"] = run["rss_mib"] / one["rss_mib"]
    if args.json:
        print(json.dumps(out))
        return
    print(f"corpus: {n} articles, {out['input_mib']:.1f} MiB ({os.cpu_count()} cores)")
    print(f"workers 1: {out['workers_1_s']:.1f} s   workers 2: {out['workers_2_s']:.1f} s   "
          f"speed-up {out['speedup_2_workers']:.2f}x   same records: {out['same_records']}   (all runs: "
          f"{', '.join(f'{x:.1f}' for x in out['workers_1_all_s'])} / {', '.join(f'{x:.1f}' for x in out['workers_2_all_s'])} s)")
    print(f"re-ingest of stored input: {out['reingest_s']:.1f} s = {out['reingest_share']:.0%} of the first ingest")
    print(f"database: {out['db_mib_per_1000']:.1f} MiB per 1,000 articles = {out['db_over_input']:.2f}x the input")
    line = f"peak RSS at 1x: {out['rss_1x_mib']:.0f} MiB"
    if "big_s" in out:
        line += (f"   at {args.copies}x ({out['big_articles']} articles, {out['big_s']:.0f} s): "
                 f"{out[f'rss_{args.copies}x_mib']:.0f} MiB = {out['rss_ratio']:.2f}x of 1x")
    print(line)


if __name__ == "__main__":
    main()

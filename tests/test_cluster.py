"""Ingest on a Dask cluster (issue 8, item 3): a LocalCluster of two worker processes, and a
scheduler and workers started as separate processes (``dask scheduler``, ``dask worker``).
The workers write to the database themselves; the records must equal a local run's, and a
second run (or a retried task) adds nothing."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

distributed = pytest.importorskip("distributed")

from lagebild.cli import main  # noqa: E402
from lagebild.cluster import ingest_batch  # noqa: E402
from lagebild.model import Article  # noqa: E402
from lagebild.read import iter_articles  # noqa: E402

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "seeds"
DEV = ROOT.parent / "shared" / "dev"


def _inputs(tmp_path: Path) -> Path:
    """The seeds plus a bad file: a folder worth several tasks."""
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    (folder / "english.txt").write_text("The government announced new talks with its neighbours. " * 4)
    return folder


def _records(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT doc_id, ord, record FROM events ORDER BY doc_id, ord").fetchall()


def _local(tmp_path: Path, folder: Path) -> list[tuple]:
    db = tmp_path / "local.db"
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db), "-j", "1"])
    assert result.exit_code == 1, result.output
    return _records(db)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_ingest_batch_is_idempotent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    articles = [a for a in iter_articles([str(SEEDS)]) if isinstance(a, Article)][:2]
    first = ingest_batch(articles, url)
    again = ingest_batch(articles, url)  # what a retried task does
    assert (first.added, again.added, again.unchanged) == (2, 0, 2)
    assert len(_records(tmp_path / "x.db")) == sum(first.by_type.values())


def test_local_cluster_of_two_processes_stores_what_a_local_run_stores(tmp_path: Path) -> None:
    folder = _inputs(tmp_path)
    expected = _local(tmp_path, folder)
    db = tmp_path / "cluster.db"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        args = ["ingest", str(folder), "--db", str(db), "--scheduler", cluster.scheduler_address]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, result.output  # the English file fails
        assert "5 added" in result.output and "1 failed" in result.output
        assert _records(db) == expected
        again = CliRunner().invoke(main, args)
        assert "0 added, 5 already stored" in again.output
    assert _records(db) == expected


def test_scheduler_and_workers_as_separate_processes(tmp_path: Path) -> None:
    folder = _inputs(tmp_path)
    expected = _local(tmp_path, folder)
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = str(Path(sys.executable).parent / "dask")
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    procs = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--dashboard-address", ":0", "--no-show"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)]
    try:
        time.sleep(1)
        for _ in range(2):
            procs.append(subprocess.Popen([dask, "worker", address, "--nthreads", "1", "--no-dashboard"],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT))
        with distributed.Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
        db = tmp_path / "cluster.db"
        result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db), "--scheduler", address])
        assert result.exit_code == 1, result.output
        assert _records(db) == expected
    finally:
        for proc in procs[::-1]:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


def test_unreachable_scheduler_aborts_with_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", str(SEEDS), "--db", str(tmp_path / "x.db"),
                                       "--scheduler", f"tcp://127.0.0.1:{_free_port()}"])
    assert result.exit_code == 3
    assert "cannot reach the Dask scheduler" in result.output and "Traceback" not in result.output


def _store_records(url: str) -> list[str]:
    """Every stored record without its database id, in a stable order (any engine)."""
    import json

    from lagebild.store import Store

    with Store(url, readonly=True) as store:
        rows = [{k: v for k, v in r.items() if k != "id"} for r in store.iter_events(sort="doc")]
    return sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in rows)


def test_local_cluster_writes_to_postgresql(tmp_path: Path, postgres_url: str) -> None:
    folder = _inputs(tmp_path)
    local = tmp_path / "local.db"
    assert CliRunner().invoke(main, ["ingest", str(folder), "--db", str(local), "-j", "1"]).exit_code == 1
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        args = ["ingest", str(folder), "--db", postgres_url, "--scheduler", cluster.scheduler_address]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, result.output
        assert "5 added" in result.output
        again = CliRunner().invoke(main, args)  # what retried tasks do: nothing is added twice
        assert "0 added, 5 already stored" in again.output
    assert _store_records(postgres_url) == _store_records(f"sqlite:///{local}") != []

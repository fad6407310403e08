"""Bad values for the query commands (``lagebild events``, ``lagebild show``): a usage error, never a traceback.

Issue 8, item 12: ``events --limit 99999999999999999999999`` printed a traceback. Every
out-of-range number and every value that is not valid text (bytes that are not UTF-8 on
the command line) is a one-line usage error naming the option, with exit status 2.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lagebild.cli import main
from lagebild.store import Store

ROOT = Path(__file__).resolve().parents[1]
# ``lagebild`` as a process, running the code of this checkout
LAGEBILD = [sys.executable, "-c", "import sys; from lagebild.cli import main; sys.argv[0] = 'lagebild'; main()"]
DOC0 = "000_82da7f612d3910dc"


def invoke(*args: str) -> Result:
    """Run ``lagebild ARGS`` in-process and return the result."""
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("limit", ["99999999999999999999999", str(2**63), "1000000001", "0", "-1", "NaN", "1e3", ""])
def test_events_limit_out_of_range_is_usage_error(seed_db: Store, limit: str) -> None:
    result = invoke("events", "--db", seed_db.url, "--limit", limit)
    assert result.exit_code == 2, result.output
    assert "Invalid value for '--limit'" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output


def test_events_largest_limit_works(seed_db: Store) -> None:
    result = invoke("events", "--db", seed_db.url, "--limit", "1000000000", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert len([line for line in result.output.splitlines() if line.startswith("{")]) == 100


@pytest.mark.parametrize(("args", "option"), [
    (["events", "--limit", "99999999999999999999999"], "'--limit'"),
    (["events", "--doc", b"\xff\xfe".decode("utf-8", "surrogateescape")], "'--doc'"),
    (["events", "--actor", b"US\xff".decode("utf-8", "surrogateescape")], "'--actor'"),
    (["events", "--type", b"\xed\xa0\x80".decode("utf-8", "surrogateescape")], "'--type'"),
    (["events", "--since", b"2022\xff".decode("utf-8", "surrogateescape")], "'--since'"),
    (["show", b"\xed\xa0\x80".decode("utf-8", "surrogateescape")], "'DOC_ID'"),
    (["events", "--since", "9" * 5000], "'--since'"),
    (["events", "--actor", "U" * 5000], "'--actor'"),
])
def test_query_commands_refuse_bad_values_in_one_line(seed_db: Store, args: list[str], option: str) -> None:
    """Real command lines (undecodable bytes arrive as surrogates): exit 2, one error line, no traceback."""
    argv = [os.fsencode(a) for a in [*LAGEBILD, *args, "--db", seed_db.url]]
    done = subprocess.run(argv, capture_output=True, timeout=120, check=False, cwd=ROOT)
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, err
    assert "Traceback" not in err and "internal error" not in err
    error_lines = [line for line in err.splitlines() if line.startswith("Error:")]
    assert len(error_lines) == 1 and option in error_lines[0], err


def test_show_unknown_and_odd_ids(seed_db: Store) -> None:
    assert invoke("show", DOC0, "--db", seed_db.url).exit_code == 0
    for doc_id in ("nope", "a/b", "x" * 5000, "'; DROP TABLE articles; --", "ü€😀"):
        result = invoke("show", doc_id, "--db", seed_db.url)
        assert result.exit_code == 1 and "no article" in result.output, result.output
        assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)

"""Durability and concurrency: SIGKILL a writer at random moments; 8 concurrent writers.

Usage: python benchmarks/durability.py [--kills 200] [--writers 8] [--writes 500]

Baseline in the same run: the same 8 writers using a plain deferred BEGIN with a read before the
write (what BEGIN IMMEDIATE replaces), counting "database is locked" failures.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

DEFERRED_CHILD = """
import sqlite3, sys
from promocase.store.connection import connect
conn = connect(sys.argv[1])
errors = 0
for i in range(int(sys.argv[2])):
    try:
        conn.execute("BEGIN")
        conn.execute("SELECT COUNT(*) FROM evidence").fetchone()
        conn.execute("INSERT INTO evidence(date, text, created_at, updated_at) "
                     "VALUES ('2026-01-01', 'x', 'now', 'now')")
        conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc):
            raise
        errors += 1
        if conn.in_transaction:
            conn.execute("ROLLBACK")
print(errors)
"""


def concurrency(home: Path, writers: int, writes: int, deferred: bool) -> tuple[float, int, int]:
    from durability_helpers import __file__ as helper
    from promocase.workspace import Workspace

    Workspace(home).conn.close()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    start = time.perf_counter()
    if deferred:
        cmd = [sys.executable, "-c", DEFERRED_CHILD, str(home / "promocase.db"), str(writes)]
    else:
        cmd = [sys.executable, helper, "concurrent", str(home), str(writes)]
    procs = [
        subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(writers)
    ]
    errors = 0
    for proc in procs:
        out, err = proc.communicate()
        if deferred:
            errors += int(out.strip() or 0)
        elif proc.returncode != 0:
            errors += err.count("locked") or 1
    elapsed = time.perf_counter() - start
    import sqlite3

    rows = sqlite3.connect(home / "promocase.db").execute("SELECT COUNT(*) FROM evidence")
    return elapsed, errors, rows.fetchone()[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--writes", type=int, default=500)
    args = parser.parse_args()
    from test_durability import kill_rounds

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        start = time.perf_counter()
        acked, lost = kill_rounds(root / "kill", args.kills, seed=11)
        print(
            f"SIGKILL test: {args.kills} kills in {time.perf_counter() - start:.1f} s; "
            f"{acked} acknowledged commits, {lost} lost; integrity_check ok; no half-applied "
            "transaction"
        )
        total = args.writers * args.writes
        elapsed, errors, rows = concurrency(root / "imm", args.writers, args.writes, False)
        print(
            f"BEGIN IMMEDIATE (promocase): {args.writers} writers × {args.writes} = {total} "
            f"writes in {elapsed:.1f} s ({total / elapsed:.0f}/s); lock errors {errors}; "
            f"rows {rows}"
        )
        elapsed, errors, rows = concurrency(root / "def", args.writers, args.writes, True)
        print(
            f"baseline deferred BEGIN + read: {elapsed:.1f} s; lock errors {errors} of {total}; "
            f"rows {rows}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Committed entries survive SIGKILL; concurrent writers never see "database is locked"."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from promocase.workspace import Workspace

HELPER = str(Path(__file__).with_name("durability_helpers.py"))
KILLS = int(os.environ.get("PROMOCASE_KILLS", "25"))


def _env() -> dict[str, str]:
    src = str(Path(__file__).resolve().parents[1] / "src")
    return dict(os.environ, PYTHONPATH=src + os.pathsep + os.environ.get("PYTHONPATH", ""))


def kill_rounds(home: Path, rounds: int, seed: int = 7) -> tuple[int, int]:
    """Run the writer `rounds` times, SIGKILL it at 20-100 ms; return (acked, lost)."""
    rng = random.Random(seed)
    acked: set[int] = set()
    env = _env()
    Workspace(home).conn.close()  # create and migrate once, outside the timing
    for _ in range(rounds):
        proc = subprocess.Popen(
            [sys.executable, HELPER, "writer", str(home)],
            stdout=subprocess.PIPE,
            env=env,
            text=True,
        )
        # Let it start writing (imports take a while), then kill at a random moment.
        deadline = time.monotonic() + 10
        first = proc.stdout.readline() if proc.stdout else ""
        if first.strip():
            acked.add(int(first))
        assert time.monotonic() < deadline
        time.sleep(rng.uniform(0.02, 0.1))
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
        acked.update(int(line) for line in rest.split() if line.strip())
    conn = sqlite3.connect(home / "promocase.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    ids = {r[0] for r in conn.execute("SELECT id FROM evidence")}
    total = conn.execute("SELECT COUNT(*) FROM evidence").fetchone()[0]
    assert total % 2 == 0, "a transaction was half-applied"
    conn.close()
    return len(acked), len(acked - ids)


def test_sigkill_at_random_moments_loses_no_committed_entry(tmp_path):
    acked, lost = kill_rounds(tmp_path / "ws", KILLS)
    assert acked > KILLS  # the writer really committed between kills
    assert lost == 0


def test_eight_concurrent_writers_finish_without_lock_errors(tmp_path):
    home = tmp_path / "ws"
    Workspace(home).conn.close()
    per_process = int(os.environ.get("PROMOCASE_CONCURRENT_WRITES", "500"))
    procs = [
        subprocess.Popen(
            [sys.executable, HELPER, "concurrent", str(home), str(per_process)],
            env=_env(),
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(8)
    ]
    errors = []
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        if proc.returncode != 0:
            errors.append(err)
    assert errors == []
    conn = sqlite3.connect(home / "promocase.db")
    assert conn.execute("SELECT COUNT(*) FROM evidence").fetchone()[0] == 8 * per_process
    assert conn.execute("SELECT COUNT(*) FROM evidence_history").fetchone()[0] == 8 * per_process

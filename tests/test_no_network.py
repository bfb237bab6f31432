"""Private by default: commands run with sockets blocked, and notes never reach logs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BLOCKER = """
import socket

def _blocked(*args, **kwargs):
    raise OSError("network access attempted by promocase")

socket.socket.connect = _blocked
socket.socket.connect_ex = _blocked
socket.getaddrinfo = _blocked
socket.create_connection = _blocked
"""

SENTINEL = "SENTINEL-7f3a-private-note"


@pytest.fixture
def offline_env(tmp_path: Path) -> dict[str, str]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(BLOCKER, encoding="utf-8")
    src = str(Path(__file__).resolve().parents[1] / "src")
    return dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([str(site), src]),
        PROMOCASE_HOME=str(tmp_path / "ws"),
    )


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "promocase", "--debug", *args],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def test_the_blocker_really_blocks(offline_env):
    probe = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('127.0.0.1', 9))"],
        env=offline_env,
        capture_output=True,
        text=True,
    )
    assert "network access attempted" in probe.stderr


def test_everyday_commands_work_offline_and_keep_notes_out_of_stderr(offline_env, tmp_path):
    script = [
        ("init", "--ladder", "software-engineer", "--current", "SE3"),
        ("add", f"Shipped the exporter {SENTINEL}", "--outcome", SENTINEL, "-m", "p95: 3 -> 1 s"),
        ("praise", SENTINEL, "--from", "Ana, Director"),
        ("log", "--json"),
        ("search", "exporter", "--json"),
        ("show", "1", "--history", "--json"),
        ("export", "--format", "csv"),
        ("export", "--format", "md"),
        ("export", "--format", "json", "--output", str(tmp_path / "b.json")),
        ("backup", str(tmp_path / "b.db")),
        ("ladder", "show", "--json"),
    ]
    for args in script:
        result = _run(offline_env, *args)
        assert result.returncode == 0, (args, result.stderr)
        assert SENTINEL not in result.stderr, args
    entries = json.loads(_run(offline_env, "log", "--json").stdout)
    assert any(SENTINEL in e["text"] for e in entries)


def test_demo_builds_offline(offline_env, tmp_path):
    result = _run(offline_env, "demo", "--home", str(tmp_path / "demo"))
    assert result.returncode == 0, result.stderr
    assert "Demo workspace" in result.stdout

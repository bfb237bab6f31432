"""Web latency: p95 of the evidence list and of a search over 10,000 entries, next to a static
route measured in the same run. Target: list and search p95 < 50 ms.

Usage: python benchmarks/web.py [--entries N] [--requests N]

Requests go through the whole app in-process (security middleware, routes, templates, SQLite),
with Starlette's TestClient; there is no network hop, which on loopback adds well under 1 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore", message="Using `httpx`")

WORDS = (
    "latency checkout cache billing migration incident review mentoring onboarding design "
    "rollout alerting dashboard postgres kafka search indexing budget hiring interview "
    "roadmap customer launch deploy pipeline flaky tests refactor api contract schema "
    "documentation runbook on-call capacity forecast experiment pricing security audit"
).split()


def build(home: Path, entries: int) -> None:
    from promocase.core.evidence import Evidence, Metric
    from promocase.services.ladders import init_workspace
    from promocase.store import evidence as store
    from promocase.store.connection import write_transaction
    from promocase.workspace import Workspace

    rng = random.Random(7)
    with Workspace(home) as ws:
        init_workspace(ws, "software-engineer", current="SE3", target="SE4")
        with write_transaction(ws.conn):
            for i in range(entries):
                words = " ".join(rng.choice(WORDS) for _ in range(12))
                metric = Metric(name="p95", unit="ms", before=800.0, after=240.0) if i % 3 else None
                store.insert(
                    ws.conn,
                    Evidence(
                        text=f"Entry {i}: {words}",
                        date=f"20{20 + i % 7}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                        outcome="Fewer pages" if i % 2 else None,
                        metric=metric,
                        tags=[rng.choice(WORDS)],
                    ),
                    record_history=False,
                )


def measure(client, path: str, n: int) -> list[float]:  # type: ignore[no-untyped-def]
    for _ in range(5):
        assert client.get(path).status_code == 200, path
    out = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(path)
        out.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[94]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    os.environ.setdefault("PROMOCASE_TODAY", "2026-11-20")

    from fastapi.testclient import TestClient

    from promocase.web.app import create_app
    from promocase.web.security import COOKIE_NAME, Secrets

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "ws"
        start = time.perf_counter()
        build(home, args.entries)
        print(f"built {args.entries:,} entries in {time.perf_counter() - start:.1f} s")
        secrets_ = Secrets()
        app = create_app(home, secrets_=secrets_)
        client = TestClient(app, base_url="http://127.0.0.1:8765")
        client.cookies.set(COOKIE_NAME, secrets_.session)
        rows = [
            ("baseline: /healthz (static text)", "/healthz"),
            ("evidence list, first page (50)", "/evidence"),
            ("evidence list, page 100", "/evidence?page=100"),
            ("search 'latency'", "/evidence?q=latency"),
            ("search 'mentoring onboarding'", "/evidence?q=mentoring+onboarding"),
            ("search + filter (tag, since)", "/evidence?q=cache&tag=billing&since=2024-01-01"),
        ]
        print(f"{'request':40} {'p50 ms':>8} {'p95 ms':>8}   ({args.requests} requests each)")
        results = {}
        for label, path in rows:
            times = measure(client, path, args.requests)
            results[label] = p95(times)
            print(f"{label:40} {statistics.median(times):8.1f} {p95(times):8.1f}")
        worst = max(v for k, v in results.items() if not k.startswith("baseline"))
        print(f"worst p95 {worst:.1f} ms: {'PASS' if worst < 50 else 'FAIL'} (target < 50 ms)")
        app.state.ws.close()


if __name__ == "__main__":
    main()

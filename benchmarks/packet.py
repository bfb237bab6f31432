"""Packet speed: build and render the PDF packet from 1,000 and 10,000 entries.

Usage: python benchmarks/packet.py [--runs N] [--sizes 1000,10000]

Baseline, measured in the same run: WeasyPrint rendering a one-paragraph document (its fixed
cost) and the packet of the 150-entry demo. Targets: 1,000 entries < 3 s; 10,000 entries at
most 10x the 1,000-entry time (linear or better). Times are wall clock, in process, after one
warm-up render (WeasyPrint's ~1 s import is paid once, as in a long-lived process).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("PROMOCASE_TODAY", "2026-11-20")

from promocase.core.evidence import Metric  # noqa: E402
from promocase.render import packet as render  # noqa: E402
from promocase.render.pdf import html_to_pdf  # noqa: E402
from promocase.services import packet as packet_svc  # noqa: E402
from promocase.services.demo import build_demo  # noqa: E402
from promocase.services.evidence import EvidenceInput, build_evidence  # noqa: E402
from promocase.services.ladders import init_workspace  # noqa: E402
from promocase.services.plan import load_demo_case  # noqa: E402
from promocase.store import evidence as store  # noqa: E402
from promocase.store.connection import write_transaction  # noqa: E402
from promocase.store.evidence import CriterionLink  # noqa: E402
from promocase.workspace import Workspace  # noqa: E402

VERBS = ["Shipped", "Led", "Fixed", "Designed", "Mentored", "Reviewed", "Automated", "Migrated"]
THINGS = [
    "the billing export",
    "a flaky test suite",
    "the on-call runbook",
    "the search index",
    "a cross-team API contract",
    "the release pipeline",
    "the cost dashboard",
]


def synthetic_workspace(home: Path, n: int, seed: int = 7) -> Workspace:
    """n entries (a tenth of them testimony) on the sample ladder, linked to criteria."""
    rng = random.Random(seed)
    ws = Workspace(home)
    init_workspace(ws, "software-engineer", current="SE3", target="SE4")
    from promocase.services.ladders import require_active

    stored = require_active(ws)
    crit_ids = [c.id for c in stored.ladder.criteria]
    base = date(2026, 11, 20)
    with write_transaction(ws.conn):
        for i in range(n):
            praise = i % 10 == 0
            metric = None
            if rng.random() < 0.4:
                before = rng.randint(20, 900)
                metric = Metric(
                    name="p95 latency", unit="ms", before=before, after=rng.randint(5, before)
                )
            evidence = build_evidence(
                EvidenceInput(
                    text=f"{rng.choice(VERBS)} {rng.choice(THINGS)} (item {i})",
                    date=(base - timedelta(days=rng.randint(0, 720))).isoformat(),
                    outcome="Adopted by two teams" if rng.random() < 0.5 else None,
                    metric=metric,
                    role=rng.choice(["led", "owned", "contributed", None]),
                    scope=rng.choice(["team", "org", "company", None]),
                    kind="praise" if praise else "work",
                    praise_from="A. Colleague, EM" if praise else None,
                    verified=praise,
                    source="bench",
                )
            )
            links = [
                CriterionLink(stored.id, c, "accepted", "user")
                for c in rng.sample(crit_ids, rng.randint(1, 3))
            ]
            store.insert(ws.conn, evidence, links, record_history=False)
    load_demo_case_safe(ws)
    return ws


def load_demo_case_safe(ws: Workspace) -> None:
    """Goals, triage and plans as in the demo; goal links that name demo entries are skipped."""
    try:
        load_demo_case(ws)
    except Exception:  # noqa: BLE001 - the synthetic log lacks the demo's entry texts
        pass


def packet_pdf_seconds(ws: Workspace, runs: int) -> tuple[float, int, dict[str, float]]:
    """Median wall time of status + assembly + PDF, the PDF size, and each phase's median."""
    from promocase.services.status import build_status

    totals, phases, size = [], {"status": [], "assembly": [], "pdf": []}, 0
    for _ in range(runs):
        t0 = time.perf_counter()
        report = build_status(ws)
        t1 = time.perf_counter()
        built = packet_svc.build_packet(ws, report=report)
        t2 = time.perf_counter()
        pdf = render.render_packet(built, "pdf")
        t3 = time.perf_counter()
        totals.append(t3 - t0)
        for key, secs in (("status", t1 - t0), ("assembly", t2 - t1), ("pdf", t3 - t2)):
            phases[key].append(secs)
        size = len(pdf)
    return statistics.median(totals), size, {k: statistics.median(v) for k, v in phases.items()}


def _phases(p: dict[str, float]) -> str:
    return (
        f"build_status {p['status']:.2f} s, packet assembly {p['assembly']:.2f} s, "
        f"PDF render {p['pdf']:.2f} s"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="1000,10000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    html_to_pdf("<p>warm-up</p>")
    start = time.perf_counter()
    for _ in range(args.runs):
        html_to_pdf("<!DOCTYPE html><html><body><p>One paragraph.</p></body></html>")
    trivial = (time.perf_counter() - start) / args.runs

    rows: list[tuple[str, float, str]] = [("WeasyPrint, one paragraph (fixed cost)", trivial, "")]
    with tempfile.TemporaryDirectory() as tmp:
        demo = build_demo(Path(tmp) / "demo")
        secs, size, phases = packet_pdf_seconds(demo, args.runs)
        rows.append(
            (
                "packet PDF, demo (150 entries + 12 praise)",
                secs,
                f"{size // 1024} KiB; {_phases(phases)}",
            )
        )
        demo.close()
        results: dict[int, float] = {}
        for n in sizes:
            t0 = time.perf_counter()
            ws = synthetic_workspace(Path(tmp) / f"ws{n}", n)
            setup = time.perf_counter() - t0
            secs, size, phases = packet_pdf_seconds(ws, args.runs)
            results[n] = secs
            note = f"{size // 1024} KiB; {_phases(phases)}; setup {setup:.1f} s"
            rows.append((f"packet PDF, {n:,} entries", secs, note))
            ws.close()
    width = max(len(r[0]) for r in rows)
    print(f"{'case':<{width}}  {'median s':>8}  notes")
    for name, secs, note in rows:
        print(f"{name:<{width}}  {secs:>8.2f}  {note}")
    ok = True
    if 1000 in results:
        passed = results[1000] < 3.0
        ok &= passed
        print(
            f"\n1,000 entries: {results[1000]:.2f} s (target < 3 s): {'PASS' if passed else 'FAIL'}"
        )
    if 1000 in results and 10000 in results:
        ratio = results[10000] / results[1000]
        passed = ratio <= 10
        ok &= passed
        print(f"10,000 / 1,000 = {ratio:.2f}x (target <= 10x): {'PASS' if passed else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

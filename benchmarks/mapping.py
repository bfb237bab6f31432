"""Mapping accuracy and speed: `python benchmarks/mapping.py LADDER CASES [CASES...]`.

Prints top-1, top-3 and level accuracy for the promocase suggester and, in the same run, for
plain BM25 over the same criterion text (the baseline), then throughput on a synthetic
10,000-entry log against an 80-criterion ladder and the cost of one suggest() call for a
one-line entry on the sample ladder (the import path).

    python benchmarks/mapping.py benchmarks/devsets/ladders/compass.yaml \
        benchmarks/devsets/mapping/compass.jsonl
    python benchmarks/mapping.py --all          # every dev set (not the .check files)
    python benchmarks/mapping.py --all --check  # also the evaluation-only .check files
    python benchmarks/mapping.py --speed        # only the speed figure
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from promocase.analysis.mapping import Suggester  # noqa: E402
from promocase.core.ladder import Criterion, Ladder, Level  # noqa: E402
from promocase.importers.ladder_formats import load_ladder_file  # noqa: E402

DEVSETS = Path(__file__).resolve().parent / "devsets"
SAMPLE_LADDER = (
    Path(__file__).resolve().parents[1] / "src/promocase/data/ladders/software-engineer.yaml"
)


def load_cases(paths: list[Path]) -> list[dict]:
    cases = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                cases.append(json.loads(line))
    return cases


def evaluate(ladder: Ladder, cases: list[dict], method: str) -> dict[str, float]:
    suggester = Suggester(ladder, method=method)
    top1 = top3 = level_hits = level_total = 0
    for case in cases:
        ranked = [cid for cid, _ in suggester.rank(case["text"])]
        top1 += ranked[0] == case["criterion_id"]
        top3 += case["criterion_id"] in ranked[:3]
        if case.get("level"):
            level_total += 1
            level_hits += (
                suggester.suggest_level(case["text"], case["criterion_id"]) == case["level"]
            )
    n = max(1, len(cases))
    return {
        "cases": len(cases),
        "top1": top1 / n,
        "top3": top3 / n,
        "level": level_hits / level_total if level_total else float("nan"),
        "level_cases": level_total,
    }


def report(name: str, ladder: Ladder, cases: list[dict]) -> dict[str, dict[str, float]]:
    ours = evaluate(ladder, cases, "concepts")
    base = evaluate(ladder, cases, "bm25")
    print(
        f"{name:<28} n={ours['cases']:>3}  criteria={len(ladder.criteria):>2}  "
        f"top-1 {ours['top1']:.2f} (bm25 {base['top1']:.2f})  "
        f"top-3 {ours['top3']:.2f} (bm25 {base['top3']:.2f})  "
        + (f"level {ours['level']:.2f} (n={ours['level_cases']})" if ours["level_cases"] else "")
    )
    return {"ours": ours, "bm25": base}


def synthetic_ladder(n_criteria: int = 80) -> Ladder:
    """An 80-criterion ladder made by repeating the dev ladders' criteria under new ids."""
    pool: list[Criterion] = []
    for path in sorted((DEVSETS / "ladders").glob("*.yaml")):
        pool.extend(load_ladder_file(path).criteria)
    levels = tuple(Level(f"L{i}", f"Level {i}") for i in range(1, 6))
    criteria = []
    for i in range(n_criteria):
        c = pool[i % len(pool)]
        exps = list(c.expectations.values())
        criteria.append(
            Criterion(
                id=f"c{i}-{c.id}",
                name=c.name,
                description=c.description,
                expectations={lv.id: exps[j % len(exps)] for j, lv in enumerate(levels)}
                if exps
                else {},
            )
        )
    return Ladder("Synthetic 80", levels, tuple(criteria))


def speed(n_entries: int = 10_000) -> None:
    texts = [c["text"] for c in load_cases(sorted((DEVSETS / "mapping").glob("*[!k].jsonl")))]
    entries = [f"{texts[i % len(texts)]} (#{i})" for i in range(n_entries)]
    ladder = synthetic_ladder()
    for method in ("bm25", "concepts"):
        start = time.perf_counter()
        suggester = Suggester(ladder, method=method)
        built = time.perf_counter() - start
        for text in entries:
            ranked = suggester.suggest(text, 5)
            suggester.suggest_level(text, ranked[0][0] if ranked else None)
        elapsed = time.perf_counter() - start
        print(
            f"speed {method:<9} {n_entries} entries × {len(ladder.criteria)} criteria: "
            f"{elapsed:.2f} s (index {built * 1000:.0f} ms, {elapsed / n_entries * 1e6:.0f} µs/entry)"
        )
    sample = load_ladder_file(SAMPLE_LADDER)
    short = [t for t in texts if len(t) < 120]
    lines = [f"{short[i % len(short)]} #{i}" for i in range(5000)]
    suggester = Suggester(sample)
    for text in lines[:200]:
        suggester.suggest(text)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for text in lines:
            suggester.suggest(text)
        best = min(best, time.perf_counter() - start)
    print(
        f"speed suggest() on {SAMPLE_LADDER.name} ({len(sample.criteria)} criteria), "
        f"{len(lines)} one-line entries: {best / len(lines) * 1e6:.0f} µs/entry (best of 3)"
    )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {rss:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ladder", nargs="?", type=Path)
    parser.add_argument("cases", nargs="*", type=Path)
    parser.add_argument("--all", action="store_true", help="every dev ladder with its cases")
    parser.add_argument("--check", action="store_true", help="with --all: the .check files too")
    parser.add_argument("--speed", action="store_true", help="only the speed figure")
    args = parser.parse_args()
    if args.speed:
        speed()
        return
    if args.all:
        totals = {"ours": [0.0, 0.0, 0], "bm25": [0.0, 0.0, 0]}
        # Each dev ladder with its sets, then the bundled sample ladder with the import-genre
        # sets (imports.jsonl, imports-*.jsonl): what the importers write, judged against the
        # ladder most users start with.
        pairs = [(path, path.stem) for path in sorted((DEVSETS / "ladders").glob("*.yaml"))]
        pairs.append((SAMPLE_LADDER, "imports"))
        for path, stem in pairs:
            ladder = load_ladder_file(path)
            # NAME.jsonl and extra sets NAME-*.jsonl; with --check also the .check files
            mapping = DEVSETS / "mapping"
            names = [mapping / f"{stem}.jsonl", mapping / f"{stem}.check.jsonl"]
            names += sorted(mapping.glob(f"{stem}-*.jsonl"))
            for cases_path in names:
                if not cases_path.exists() or (".check." in cases_path.name and not args.check):
                    continue
                cases = load_cases([cases_path])
                result = report(cases_path.name.removesuffix(".jsonl"), ladder, cases)
                for key in totals:
                    totals[key][0] += result[key]["top1"] * len(cases)
                    totals[key][1] += result[key]["top3"] * len(cases)
                    totals[key][2] += len(cases)
        for key, (t1, t3, n) in totals.items():
            print(f"overall {key:<9} top-1 {t1 / n:.2f}  top-3 {t3 / n:.2f}  (n={n})")
        speed()
        return
    if args.ladder is None or not args.cases:
        parser.error("give LADDER and CASES, or --all, or --speed")
    report(args.ladder.stem, load_ladder_file(args.ladder), load_cases(args.cases))
    speed()


if __name__ == "__main__":
    main()

"""Feedback check accuracy: `python benchmarks/feedback.py [--check] [FILE ...]`.

Prints precision, recall and F1 for the *vague* class (the class the product must catch), plus
deadline accuracy and speed, for promocase's rule-based check and, in the same run, for a
naive baseline (vague unless the text contains a digit or starts with a verb of action).

    python benchmarks/feedback.py                 # the dev sets and our own examples
    python benchmarks/feedback.py --check         # also the held-out .check files (measure only)
    python benchmarks/feedback.py some.jsonl      # any file of {"text", "label"[, "deadline"]}
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from promocase.analysis.feedback import ACTION_VERBS, check_feedback  # noqa: E402

DEV = ROOT / "benchmarks" / "devsets" / "feedback.jsonl"
CHECK = ROOT / "benchmarks" / "devsets" / "feedback.check.jsonl"
OWN = ROOT / "tests" / "data" / "feedback_own.jsonl"


def load(path: Path) -> list[dict]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def baseline(text: str) -> str:
    words = re.findall(r"[A-Za-z]+", text)
    if re.search(r"\d", text) or (words and words[0].lower() in ACTION_VERBS):
        return "concrete"
    return "vague"


def promocase(text: str) -> str:
    return check_feedback(text).verdict


def score(cases: list[dict], judge: Callable[[str], str]) -> dict[str, float]:
    tp = fp = fn = tn = 0
    for case in cases:
        predicted = judge(case["text"]) == "vague"
        actual = case["label"] == "vague"
        tp += predicted and actual
        fp += predicted and not actual
        fn += actual and not predicted
        tn += not predicted and not actual
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"n": len(cases), "precision": precision, "recall": recall, "f1": f1, "fp": fp, "fn": fn}


def deadline_accuracy(cases: list[dict]) -> tuple[int, int]:
    with_field = [c for c in cases if "deadline" in c]
    right = sum(check_feedback(c["text"]).deadline == c["deadline"] for c in with_field)
    return right, len(with_field)


def report(name: str, cases: list[dict]) -> None:
    print(f"\n{name} ({len(cases)} texts, {sum(c['label'] == 'vague' for c in cases)} vague)")
    print(f"  {'method':<12} {'precision':>9} {'recall':>7} {'F1':>6} {'FP':>4} {'FN':>4}")
    for label, judge in (("baseline", baseline), ("promocase", promocase)):
        s = score(cases, judge)
        print(
            f"  {label:<12} {s['precision']:>9.3f} {s['recall']:>7.3f} {s['f1']:>6.3f} "
            f"{s['fp']:>4} {s['fn']:>4}"
        )
    right, total = deadline_accuracy(cases)
    if total:
        print(f"  deadline exact match: {right}/{total}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--check", action="store_true", help="also score the held-out file")
    args = parser.parse_args()
    devsets = DEV.parent
    extra = [p for p in sorted(devsets.glob("feedback-*.jsonl")) if ".check." not in p.name]
    sets = [(p.name, load(p)) for p in args.files] or [
        ("dev: feedback.jsonl", load(DEV)),
        *((f"dev: {p.name}", load(p)) for p in extra),
        ("own examples: tests/data/feedback_own.jsonl", load(OWN)),
    ]
    if args.check:
        sets.append(("held-out: feedback.check.jsonl", load(CHECK)))
        for path in sorted(devsets.glob("feedback-*.check.jsonl")):
            sets.append((f"held-out: {path.name}", load(path)))
    for name, cases in sets:
        report(name, cases)
    texts = [c["text"] for _, cases in sets for c in cases] * 20
    start = time.perf_counter()
    for text in texts:
        check_feedback(text)
    elapsed = time.perf_counter() - start
    print(
        f"\nspeed: {len(texts)} checks in {elapsed:.2f} s ({elapsed / len(texts) * 1000:.2f} ms each)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Measurability coach accuracy: `python benchmarks/coach.py [FILES...]`.

Prints precision, recall and F1 for the vague class on the measurability dev sets and the
evaluation-only check sets (or the files given), next to a baseline measured in the same run
(an entry is vague when it has no digit), and the agreement of the `missing` lists.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from promocase.analysis.measurability import check_evidence  # noqa: E402

DEVSETS = Path(__file__).resolve().parent / "devsets"


def prf(pairs: list[tuple[str, str]], positive: str = "vague") -> tuple[float, float, float]:
    tp = sum(1 for gold, pred in pairs if gold == positive and pred == positive)
    fp = sum(1 for gold, pred in pairs if gold != positive and pred == positive)
    fn = sum(1 for gold, pred in pairs if gold == positive and pred != positive)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(path: Path, *, show_errors: bool = False) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    start = time.perf_counter()
    verdicts = [check_evidence(r["text"]) for r in rows]
    elapsed = time.perf_counter() - start
    ours = [(r["label"], v.verdict) for r, v in zip(rows, verdicts, strict=True)]
    base = [
        (r["label"], "specific" if any(ch.isdigit() for ch in r["text"]) else "vague") for r in rows
    ]
    p, rc, f1 = prf(ours)
    bp, br, bf1 = prf(base)
    overlap = []
    for r, v in zip(rows, verdicts, strict=True):
        gold, pred = set(r.get("missing", [])), set(v.missing)
        if gold or pred:
            overlap.append(len(gold & pred) / len(gold | pred))
    jaccard = sum(overlap) / len(overlap) if overlap else 1.0
    print(
        f"{path.name:<28} n={len(rows):>3}  vague P {p:.2f} R {rc:.2f} F1 {f1:.2f}  "
        f"(no-digit baseline F1 {bf1:.2f}, P {bp:.2f} R {br:.2f})  missing Jaccard {jaccard:.2f}  "
        f"{elapsed / len(rows) * 1e6:.0f} µs/entry"
    )
    if show_errors:
        for r, v in zip(rows, verdicts, strict=True):
            if r["label"] != v.verdict:
                print(f"   gold {r['label']:<8} {v.reasons} | {r['text'][:110]}")


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    show = "--errors" in sys.argv
    # dev files first, then the evaluation-only .check files (blind ones included)
    found = sorted(DEVSETS.glob("measurability*.jsonl"))
    paths = [Path(a) for a in args] or [
        *(p for p in found if ".check." not in p.name),
        *(p for p in found if ".check." in p.name),
    ]
    for path in paths:
        evaluate(path, show_errors=show and not path.name.endswith(".check.jsonl"))


if __name__ == "__main__":
    main()

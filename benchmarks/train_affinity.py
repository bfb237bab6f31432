"""Learn the concept affinities of the suggester (src/promocase/data/affinity.json).

The suggester matches an entry's concepts to the concepts of each criterion's text. On ladders
it has never seen, what fails most is a kind of work that belongs to a criterion whose text
names it in other words ("Put Jonas on a PIP" is management; the criterion says "People and
Talent"). This learns, from the dev sets only, how much each entry concept should pull toward
a criterion for each concept that sets that criterion apart from the others of its ladder: a
matrix W[entry concept][criterion concept], fitted by softmax regression (L2-regularised) on
top of the suggester's own scaled scores, which stay as they are.

    .venv/bin/pip install numpy          # for this script only; the app does not need it
    .venv/bin/python benchmarks/train_affinity.py            # cross-validate, then write
    .venv/bin/python benchmarks/train_affinity.py --cv-only  # only the figures

It prints the cross-validated top-1 first: the ladders are split into 8 groups, W is learned
from the dev cases of 7 and scored on the 8th (dev and .check cases of ladders it never saw),
so the gain is measured on ladders unseen in training, the way held-out ladders will be.
The .check files are never trained on. The held-out ladders of session 14 (puffin, skua) are
not read at all. Re-run after any change to the vocabulary or to the scoring: W is learned on
top of the current scores.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from promocase.analysis import mapping  # noqa: E402
from promocase.analysis.mapping import Suggester, affinity_profile  # noqa: E402
from promocase.importers.ladder_formats import load_ladder_file  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEVSETS = ROOT / "benchmarks" / "devsets"
SAMPLE = ROOT / "src" / "promocase" / "data" / "ladders" / "software-engineer.yaml"
OUT = ROOT / "src" / "promocase" / "data" / "affinity.json"
HELD_OUT = ("puffin", "skua")  # written last in session 14, never read
BASE_WEIGHT = 2.0  # the suggester's scaled score, next to the learned term, while training
L2 = 3e-3
EPOCHS = 300
RATE = 0.5
FOLDS = 8
WEIGHTS = (0.1, 0.15, 0.2, 0.25, 0.3)  # AFFINITY_WEIGHT values tried in cross-validation
MIN_WEIGHT = 0.005  # smaller learned weights are left out of the file


def ladder_of(cases_file: Path) -> Path | None:
    name = cases_file.name.replace(".check.jsonl", "").replace(".jsonl", "")
    if name.startswith("imports"):
        return SAMPLE
    stem = name.replace("-blind", "").replace("-extra", "")
    path = DEVSETS / "ladders" / f"{stem}.yaml"
    return path if path.exists() else None


def extract() -> list[dict]:
    """Each case: its ladder, split, the concepts it names, the suggester's scores (without
    the learned term), each criterion's saturated concept profile, and the right answer."""
    out = []
    for path in sorted((DEVSETS / "mapping").glob("*.jsonl")):
        if path.name.startswith(HELD_OUT):
            continue
        ladder_path = ladder_of(path)
        if ladder_path is None:
            continue
        suggester = Suggester(load_ladder_file(ladder_path), affinity=False)
        ids = [c.id for c in suggester._index]
        profiles = [affinity_profile(c.concepts) for c in suggester._index]
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            found: dict[str, float] = {}
            suggester._raw_scores(case["text"], found)
            named = {c: w for c, w in found.items() if w >= mapping.AFFINITY_MIN_CONCEPT}
            scores = dict(suggester.rank(case["text"]))
            out.append(
                {
                    "ladder": ladder_path.stem,
                    "check": path.name.endswith(".check.jsonl"),
                    "named": named,
                    "base": [scores[i] for i in ids],
                    "profiles": profiles,
                    "gold": ids.index(case["criterion_id"]),
                }
            )
    return out


def arrays(cases: list[dict]):  # noqa: ANN201 - numpy arrays
    import numpy as np

    concepts = sorted(
        {c for x in cases for c in x["named"]}
        | {c for x in cases for p in x["profiles"] for c in p}
    )
    index = {c: i for i, c in enumerate(concepts)}
    n, k, d = len(cases), max(len(x["base"]) for x in cases), len(concepts)
    entry = np.zeros((n, d))
    crit = np.zeros((n, k, d))
    base = np.zeros((n, k))
    mask = np.zeros((n, k), dtype=bool)
    gold = np.zeros(n, dtype=int)
    for i, x in enumerate(cases):
        for c, w in x["named"].items():
            entry[i, index[c]] = w
        top = max(x["base"]) or 1.0
        base[i, : len(x["base"])] = [v / top for v in x["base"]]
        mask[i, : len(x["base"])] = True
        for j, profile in enumerate(x["profiles"]):
            for c, v in profile.items():
                crit[i, j, index[c]] = v
        gold[i] = x["gold"]
    # what sets each criterion apart: its profile minus its ladder's mean profile
    mean = crit.sum(1, keepdims=True) / mask.sum(1)[:, None, None]
    apart = np.where(mask[:, :, None], crit - mean, 0.0)
    return concepts, entry, apart, base, mask, gold


def fit(entry, apart, base, mask, gold):  # noqa: ANN001, ANN201 - numpy arrays
    import numpy as np

    n, d = entry.shape
    w = np.zeros((d, d))
    rows = np.arange(n)
    for _ in range(EPOCHS):
        s = BASE_WEIGHT * base + np.einsum("nd,nkd->nk", entry @ w, apart)
        s = np.where(mask, s, -1e9)
        s -= s.max(1, keepdims=True)
        p = np.exp(s)
        p /= p.sum(1, keepdims=True)
        p[rows, gold] -= 1.0
        w -= RATE * (entry.T @ np.einsum("nk,nkd->nd", p, apart) / n + L2 * w)
    return w


def hits(w, weight, entry, apart, base, mask, gold) -> int:  # noqa: ANN001
    import numpy as np

    s = base + weight * np.einsum("nd,nkd->nk", entry @ w, apart)
    return int((np.where(mask, s, -1e9).argmax(1) == gold).sum())


def writer_rounds(ladder_names: list[str]) -> list[list[str]]:
    """Ladders grouped by the blind round that wrote them (one blind-*.sha256 file each, in
    its first-run order); ladders named in none are the early, hand-written ones, one fold.
    Writers of one round share a prompt and a style, so a fold of a whole round measures the
    learned term on writers it never saw, the way held-out ladders will be."""
    rounds: list[list[str]] = []
    placed: set[str] = set()
    for sha in sorted(DEVSETS.glob("blind*.sha256")):
        named = []
        for line in sha.read_text(encoding="utf-8").splitlines():
            path = line.split()[-1] if line.strip() else ""
            if path.startswith("ladders/") and path.endswith(".yaml"):
                name = Path(path).stem
                if name in ladder_names and name not in placed:
                    named.append(name)
                    placed.add(name)
        if named:
            rounds.append(named)
    rounds.append([n for n in ladder_names if n not in placed])
    return rounds


def main() -> None:
    import numpy as np

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cv-only", action="store_true", help="print the figures, write nothing")
    parser.add_argument(
        "--by-round",
        action="store_true",
        help="folds by writer round (the ladders each blind-*.sha256 names; the rest one fold)",
    )
    args = parser.parse_args()
    cases = extract()
    concepts, entry, apart, base, mask, gold = arrays(cases)
    check = np.array([x["check"] for x in cases])
    ladders = np.array([x["ladder"] for x in cases])
    names = np.random.RandomState(0).permutation(sorted(set(ladders)))
    folds = [list(names[fold::FOLDS]) for fold in range(FOLDS)]
    if args.by_round:
        folds = writer_rounds(sorted(set(ladders)))
    plain = {"dev": 0, "check": 0}
    learned = {weight: {"dev": 0, "check": 0} for weight in WEIGHTS}
    for fold in folds:
        unseen = np.isin(ladders, fold)
        train = ~unseen & ~check
        w = fit(entry[train], apart[train], base[train], mask[train], gold[train])
        for split, rows in (("dev", unseen & ~check), ("check", unseen & check)):
            parts = (entry[rows], apart[rows], base[rows], mask[rows], gold[rows])
            plain[split] += hits(w, 0.0, *parts)
            for weight in WEIGHTS:
                learned[weight][split] += hits(w, weight, *parts)
    n_dev, n_check = int((~check).sum()), int(check.sum())
    print(f"{len(cases)} cases on {len(set(ladders))} ladders ({n_dev} dev, {n_check} check)")
    how = "writer round" if args.by_round else "ladder"
    print(f"{len(folds)}-fold cross-validation by {how} (scored on ladders unseen in training):")
    print(
        f"  without the learned term:  dev {plain['dev']}/{n_dev}  check {plain['check']}/{n_check}"
    )
    for weight in WEIGHTS:
        mark = "  <- AFFINITY_WEIGHT" if weight == mapping.AFFINITY_WEIGHT else ""
        print(
            f"  learned, weight {weight:<5}:   dev {learned[weight]['dev']}/{n_dev}  "
            f"check {learned[weight]['check']}/{n_check}{mark}"
        )
    if args.cv_only:
        return
    w = fit(entry[~check], apart[~check], base[~check], mask[~check], gold[~check])
    # rows by criterion concept, each a weight per entry concept in `concepts` order (dense:
    # the app sums whole rows); weights under MIN_WEIGHT are written as 0
    by_criterion = {
        crit_concept: [
            round(float(v), 4) if abs(v) >= MIN_WEIGHT else 0.0 for v in w[:, j].tolist()
        ]
        for j, crit_concept in enumerate(concepts)
        if np.abs(w[:, j]).max() >= MIN_WEIGHT
    }
    kept = sum(1 for row in by_criterion.values() for v in row if v)
    data = {
        "about": "Learned by benchmarks/train_affinity.py from the dev sets; see mapping.py.",
        "dev_cases": n_dev,
        "entry_concepts": concepts,
        "by_criterion_concept": by_criterion,
    }
    OUT.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n", "utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {kept} weights over {len(concepts)} concepts")


if __name__ == "__main__":
    main()

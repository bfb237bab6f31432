"""How long `promocase import git` takes on 100,000 commits, next to raw `git log --numstat`.

Repositories are built once with `git fast-import` and cached under benchmarks/.cache/.
Scenarios, each timed against raw `git log --numstat` (all commits, all authors) on the same
repository in the same run. Target: the whole import (reading, grouping, judging, writing)
<= 1.5x the raw log.
- team: 20 authors, the user wrote 1 commit in 20 (5,000 of 100,000): the case the import is
  for.
- solo: the user wrote all 100,000 commits, about 25 a day, a PR number on one in five (worst
  case: ~50,000 entries to judge and write).
- burst: like solo but a commit a second (about 28 hours): 20,000 PR entries, few days.
- script: what a loop of `git commit` makes: a commit a second, no PR numbers.
- tiny: what the shortest generator makes: one author, a commit a minute, each changing one
  line of one file ("Update counter to N"); git's own work per commit is small, so the
  importer's cost per commit (reading, grouping, recording it as imported) decides the ratio.
- hourly: a generator spreading the commits over years: one author, a commit an hour to one of
  five files in the root folder, varied subjects (about 4,200 day entries).
- merges: GitHub flow: five people take turns opening pull requests (branches of 1-3 commits)
  that a maintainer merges with merge commits; the user opened one in five. The importer reads
  the merges and the first-parent line too, to group each PR's commits.
- squash: every commit on main is a squash-merged pull request ("Fix cache keys (#1234)"),
  one author, a commit every 30 minutes: one entry per commit, 100,000 entries, twice
  solo's (the worst case there is: the issue asks for one entry per pull request).

    .venv/bin/python benchmarks/git_import.py [--commits 100000] [--runs 3]
        [--scenario team|solo|burst|script|tiny|hourly|merges|squash|both|all]   (both = team and solo, the default)

Besides wall time, each import's CPU seconds (the import and every process it waited for: git,
the judging helper) are printed next to the raw log's: on a machine shared with other jobs
they vary far less than wall time, and the ratio cannot beat (cores x 1.5) x raw CPU. The
fastest runs' ratio is printed for reference too: other jobs on a shared machine slow the
import, which keeps two cores busy, more than the raw log, which uses one.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

CACHE = Path(__file__).parent / ".cache"
AUTHOR = "noor@example.com"
AREAS = ["billing", "api", "web", "search", "infra", "docs", "payments", "auth"]
VERBS = ["Fix", "Add", "Refactor", "Speed up", "Test", "Document", "Remove", "Rename"]
NOUNS = ["invoice totals", "retry logic", "cache keys", "login flow", "search index", "rate limits"]


def build_repo(
    path: Path,
    commits: int,
    authors: int = 1,
    spacing: int = 3456,
    prs: bool = True,
    pr_every: int = 5,
) -> None:
    """A linear history of `commits` commits, `spacing` seconds apart (about 25 a day by
    default), with squash-merged PR numbers on one in `pr_every` and a conventional-commit
    scope on a third; with several authors, AUTHOR wrote one commit in `authors`."""
    rng = random.Random(8)
    start = 1_500_000_000
    lines = []
    pr = 1000
    for n in range(1, commits + 1):
        area = rng.choice(AREAS)
        subject = f"{rng.choice(VERBS)} {rng.choice(NOUNS)}"
        if n % 3 == 0:
            subject = f"feat({area}): {subject.lower()}"
        if prs and n % pr_every == 0:
            pr += 1
            subject += f" (#{pr})"
        when = start + n * spacing
        email = AUTHOR if n % authors == 0 else f"dev{n % authors}@example.com"
        lines += _header(n, f"Dev <{email}>", f"{when} +0100", subject)
        for k in range(rng.randint(1, 3)):
            body = f"{n} {k} {rng.random()}\n".encode() * rng.randint(1, 6)
            lines.append(f"M 644 inline {area}/f{rng.randint(0, 40)}_{k}.py\n".encode())
            lines.append(f"data {len(body)}\n".encode() + body + b"\n")
    _fast_import(path, lines)


def _header(n: int, author: str, when: str, subject: str) -> list[bytes]:
    """fast-import lines opening commit `n` on main (after commit n - 1), committed by AUTHOR."""
    parent = n - 1 if n > 1 else None
    return _commit("refs/heads/main", n, author, when, subject, parent, f"Noor <{AUTHOR}>")


def _fast_import(path: Path, lines: list[bytes]) -> None:
    """A new repository at `path` holding the history the fast-import `lines` describe."""
    path.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True)
    subprocess.run(
        ["git", "-C", str(path), "fast-import", "--quiet"], input=b"".join(lines), check=True
    )
    subprocess.run(["git", "-C", str(path), "reset", "-q", "--hard", "main"], check=True)


def build_merge_repo(path: Path, commits: int, authors: int) -> None:
    """GitHub flow: each pull request a branch of 1-3 commits off main, merged with a merge
    commit "Merge pull request #N from ..." (the PR title in its body) by a maintainer;
    `authors` people take turns opening PRs, AUTHOR one PR in `authors`. `commits` counts the
    merges too."""
    rng = random.Random(5)
    lines: list[bytes] = []
    mark = 0
    main: int | None = None  # mark of main's tip
    pr = 1000
    when = 1_600_000_000
    while mark < commits:
        pr += 1
        email = AUTHOR if pr % authors == 0 else f"dev{pr % authors}@example.com"
        area = rng.choice(AREAS)
        title = f"{rng.choice(VERBS)} {rng.choice(NOUNS)}"
        tip = main
        for k in range(rng.randint(1, 3)):
            mark += 1
            when += 600
            subject = title if k == 0 else f"{rng.choice(VERBS)} {rng.choice(NOUNS)}"
            lines += _commit(
                f"refs/heads/pr-{pr}", mark, f"Dev <{email}>", f"{when} +0000", subject, tip
            )
            body = f"{mark} {rng.random()}\n".encode() * rng.randint(1, 6)
            lines.append(f"M 644 inline {area}/f{rng.randint(0, 40)}.py\n".encode())
            lines.append(f"data {len(body)}\n".encode() + body + b"\n")
            tip = mark
        mark += 1
        when += 60
        message = f"Merge pull request #{pr} from dev/pr-{pr}\n\n{title}"
        lines += _commit(
            "refs/heads/main", mark, "Maint <maint@example.com>", f"{when} +0000", message, main
        )
        if main is not None or tip is not None:
            lines.append(f"merge :{tip}\n".encode())
        lines.append(
            f"reset refs/heads/pr-{pr}\nfrom 0000000000000000000000000000000000000000\n\n".encode()
        )
        main = mark
    _fast_import(path, lines)


def _commit(
    ref: str,
    mark: int,
    author: str,
    when: str,
    message: str,
    parent: int | None,
    committer: str | None = None,
) -> list[bytes]:
    """fast-import lines opening commit `mark` on `ref` (`when`: seconds and zone), after
    `parent`; the author commits it unless `committer` is given."""
    data = message.encode()
    out = [
        f"commit {ref}\nmark :{mark}\n".encode(),
        f"author {author} {when}\ncommitter {committer or author} {when}\n".encode(),
        f"data {len(data)}\n".encode() + data + b"\n",
    ]
    if parent is not None:
        out.append(f"from :{parent}\n".encode())
    return out


def build_tiny_repo(path: Path, commits: int, hourly: bool = False) -> None:
    """One author, a commit a minute, each setting one file to the commit's number; or
    (`hourly`) a commit an hour to one of five files, with varied subjects."""
    rng = random.Random(3)
    lines: list[bytes] = []
    for n in range(1, commits + 1):
        subject = f"Update counter to {n}"
        when = 1_700_000_000 + n * 60
        body = f"{n}\n".encode()
        file = "counter.txt"
        if hourly:
            subject = f"{rng.choice(VERBS)} {rng.choice(NOUNS)} ({n})"
            when = 1_600_000_000 + n * 3600
            file = f"file{n % 5}.txt"
        lines += _header(n, f"Noor <{AUTHOR}>", f"{when} +0000", subject)
        lines.append(f"M 644 inline {file}\n".encode())
        lines.append(f"data {len(body)}\n".encode() + body + b"\n")
    _fast_import(path, lines)


@dataclass(frozen=True)
class Shape:
    """How a benchmark history is made: `kind` is "prs" (build_repo: squash-merged PR numbers
    unless `prs` is off), "tiny", "hourly" (build_tiny_repo) or "merges" (build_merge_repo)."""

    authors: int = 1
    spacing: int = 3456
    prs: bool = True
    kind: str = "prs"
    pr_every: int = 5


def cached_repo(commits: int, shape: Shape) -> Path:
    authors, spacing, prs = shape.authors, shape.spacing, shape.prs
    path = CACHE / f"repo-{commits}" if authors == 1 else CACHE / f"repo-{commits}-{authors}a"
    if spacing != 3456:
        path = path.with_name(f"{path.name}-every{spacing}s")
    if not prs:
        path = path.with_name(f"{path.name}-noprs")
    if shape.pr_every != 5:
        path = path.with_name(f"{path.name}-pr{shape.pr_every}")
    if shape.kind in ("tiny", "hourly"):
        path = CACHE / f"repo-{commits}-{shape.kind}"
    if shape.kind == "merges":
        path = CACHE / f"repo-{commits}-{authors}a-merges"
    if not (path / ".git").exists():
        shutil.rmtree(path, ignore_errors=True)
        t = time.perf_counter()
        if shape.kind == "merges":
            build_merge_repo(path, commits, authors)
        elif shape.kind in ("tiny", "hourly"):
            build_tiny_repo(path, commits, hourly=shape.kind == "hourly")
        else:
            build_repo(path, commits, authors, spacing, prs, shape.pr_every)
        print(f"built {commits:,}-commit repository in {time.perf_counter() - t:.1f} s", flush=True)
    return path


def _children_cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def time_raw(repo: Path) -> tuple[float, float]:
    """Wall and CPU seconds of the raw log."""
    cpu, t = _children_cpu(), time.perf_counter()
    subprocess.run(
        ["git", "-C", str(repo), "log", "--numstat"], stdout=subprocess.DEVNULL, check=True
    )
    return time.perf_counter() - t, _children_cpu() - cpu


def time_import(repo: Path, home: Path) -> tuple[float, float, str]:
    shutil.rmtree(home, ignore_errors=True)
    env = {**os.environ, "PROMOCASE_HOME": str(home)}
    cmd = [sys.executable, "-m", "promocase"]
    subprocess.run(
        [*cmd, "init", "--ladder", "software-engineer", "--current", "SE3", "--target", "SE4"],
        env=env,
        check=True,
        capture_output=True,
    )
    # The first run pays the one-off Suggester index build; time a warm workspace as users do.
    cpu, t = _children_cpu(), time.perf_counter()
    out = subprocess.run(
        [*cmd, "import", "git", str(repo), "--author", AUTHOR, "--json"],
        env=env,
        check=True,
        capture_output=True,
    )
    elapsed, used = time.perf_counter() - t, _children_cpu() - cpu
    import json

    data = json.loads(out.stdout)
    return elapsed, used, f"{data['added']:,} entries from {data['detected']['commits']:,} commits"


def scenario(name: str, commits: int, runs: int, shape: Shape) -> None:
    repo = cached_repo(commits, shape)
    authors = shape.authors
    raw, imported, raw_cpu, import_cpu = [], [], [], []
    summary = ""
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            wall, cpu = time_raw(repo)
            raw.append(wall)
            raw_cpu.append(cpu)
            elapsed, used, summary = time_import(repo, Path(tmp) / "ws")
            imported.append(elapsed)
            import_cpu.append(used)
            wall, cpu = time_raw(repo)
            raw.append(wall)
            raw_cpu.append(cpu)
    r, i = statistics.median(raw), statistics.median(imported)
    mine = commits // authors
    if shape.kind == "merges":
        who = f"pull requests of {authors} people merged; the user opened one in {authors}"
        print(f"\n[{name}] {commits:,} commits (merges included), {who}")
    else:
        print(f"\n[{name}] {commits:,} commits by {authors} author(s); {mine:,} by the user")
    print(
        f"  raw `git log --numstat`: median {r:.2f} s  (runs: {', '.join(f'{x:.2f}' for x in raw)})"
        f"; CPU {statistics.median(raw_cpu):.2f} s"
    )
    print(
        f"  `promocase import git`:  median {i:.2f} s  (runs: {', '.join(f'{x:.2f}' for x in imported)})"
        f"; CPU {statistics.median(import_cpu):.2f} s (all its processes)"
    )
    print(f"  import wrote {summary}")
    verdict = "PASS" if i / r <= 1.5 else "FAIL"
    print(f"  ratio import / raw log: {i / r:.2f}x  (target <= 1.5x): {verdict}")
    # Other jobs on a shared machine slow the import (two cores busy) more than the raw log
    # (one): the fastest runs show what the code does with the machine to itself.
    print(
        f"  fastest runs: {min(imported):.2f} s / {min(raw):.2f} s = "
        f"{min(imported) / min(raw):.2f}x  (for reference; the verdict uses the medians)",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--commits", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--scenario",
        choices=[
            "team",
            "solo",
            "burst",
            "script",
            "tiny",
            "hourly",
            "merges",
            "squash",
            "both",
            "all",
        ],
        default="both",
    )
    args = parser.parse_args()
    if args.scenario in ("team", "both", "all"):
        scenario("team", args.commits, args.runs, Shape(authors=20))
    if args.scenario in ("burst", "all"):
        # a scripted history: one author, a commit a second (about 28 hours of commits)
        scenario("burst", args.commits, args.runs, Shape(spacing=1))
    if args.scenario in ("script", "all"):
        # what a loop of `git commit` makes: one author, a commit a second, no PR numbers
        scenario("script", args.commits, args.runs, Shape(spacing=1, prs=False))
    if args.scenario in ("tiny", "all"):
        scenario("tiny", args.commits, args.runs, Shape(kind="tiny"))
    if args.scenario in ("hourly", "all"):
        scenario("hourly", args.commits, args.runs, Shape(kind="hourly"))
    if args.scenario in ("merges", "all"):
        # GitHub flow: 5 people's PRs merged with merge commits (the user opened 1 in 5)
        scenario("merges", args.commits, args.runs, Shape(authors=5, kind="merges"))
    if args.scenario in ("squash", "all"):
        # every commit on main a squash-merged PR: one entry per commit (100,000 entries)
        scenario("squash", args.commits, args.runs, Shape(spacing=1800, pr_every=1))
    if args.scenario in ("solo", "both", "all"):
        # slow: one run with both scenarios; --scenario solo honours --runs
        scenario("solo", args.commits, args.runs if args.scenario == "solo" else 1, Shape())


if __name__ == "__main__":
    main()

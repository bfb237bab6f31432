"""Commits by the user, read with `git log` in a machine-readable format, grouped into
candidate evidence: a merged pull request or branch when the history shows one, otherwise the
day's commits on one topic (the conventional-commit scope, or the top folder most changed).

git runs as `git -C REPO log … --` with a clean environment; nothing in the repository's
working tree is executed or read besides what `git log` prints.
"""

from __future__ import annotations

import io
import itertools
import os
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

from promocase.core.errors import PromocaseImportError
from promocase.importers.candidate import Candidate, shorten

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

SOURCE = "git"
RS, US = "\x1e", "\x1f"
# hash, parents, author email, author date (ISO, author's zone), subject, body; then numstat.
LOG_FORMAT = "%x1e%H%x1f%P%x1f%ae%x1f%aI%x1f%s%x1f%b%x1f"
MERGE_FORMAT = "%x1e%H%x1f%P%x1f%cI%x1f%s%x1f%b"
EARLY_BATCH = 2000  # commits read between two offers of early candidates (import_repository)
MAX_BRANCH_WALK = 500  # commits followed back from a merge into its branch
MAINLINE = {"main", "master", "develop", "development", "trunk", "dev"}

_SQUASH_PR = re.compile(r"\(#(\d+)\)\s*$")
_GITHUB_MERGE = re.compile(r"^Merge pull request #(\d+) from (\S+)")
_GITLAB_MR = re.compile(r"See merge request (\S*)!(\d+)")
_BRANCH_MERGE = re.compile(r"^Merge (?:remote-tracking )?branch '([^']+)'(?: into (\S+))?")
# Pull requests merged by Azure DevOps ("Merged PR 123: title") and Bitbucket ("Merged in
# branch (pull request #123)"), as a merge commit or squashed into one commit.
_AZURE_PR = re.compile(r"^Merged PR (\d+): (.+)")
_BITBUCKET_PR = re.compile(r"^Merged in (\S+) \(pull request #(\d+)\)")
_CONVENTIONAL = re.compile(r"^\s*[A-Za-z]+\(([^)\s]{1,40})\)!?:\s*")
_CONVENTIONAL_TYPE = re.compile(r"^\s*[A-Za-z]+!?:\s*")

OnProgress = Callable[[int], None]


@dataclass(slots=True)
class Commit:
    hash: str
    parents: list[str]
    email: str
    date: str  # ISO datetime in the author's zone
    subject: str
    body: str
    added: int = 0
    deleted: int = 0
    files: int = 0
    areas: dict[str, int] = field(default_factory=dict)  # area_of -> lines changed

    @property
    def day(self) -> str:
        return self.date[:10]


@dataclass
class Merge:
    hash: str
    parents: list[str]
    date: str
    subject: str
    body: str


@dataclass
class Repository:
    path: Path
    name: str
    web_url: str | None  # https://github.com/org/repo when the origin is on GitHub
    # The repository's own names (its folder, its origin's name), as _own_name gives them: a
    # folder named after the repository says nothing about what a change is about.
    own: frozenset[str] = frozenset()
    shallow: bool = False  # a shallow clone: its history stops where the clone was cut


# Folders that hold a project's parts rather than being one: src/, packages/billing/,
# cmd/server/, internal/auth/. A change in src/promocase/importers/ is about "importers".
CONTAINERS = frozenset(
    {"src", "source", "lib", "libs", "packages", "pkg", "apps", "cmd", "internal", "crates"}
)


# Areas that support the work rather than being it (see topic_of).
SUPPORTING = frozenset(
    {"(root)", "tests", "test", "spec", "specs", "__tests__", "e2e", "docs", "doc", "documentation"}
)


def _own_name(name: str) -> str:
    """A folder or repository name compared loosely: case, "-" and "_" do not count."""
    return name.lower().replace("_", "-")


def _env() -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("GIT_") or k in ("GIT_CONFIG_NOSYSTEM",)
    }
    env.update(
        {
            "GIT_TERMINAL_PROMPT": "0",
            "LC_ALL": "C",
            "GIT_OPTIONAL_LOCKS": "0",
            "GIT_PAGER": "cat",
            # git log flushes its output after every commit when it goes to a pipe (so a
            # pager shows it at once): 100,000 small writes and wake-ups of this reader, about
            # half a CPU-second of system time in git. Full buffers are all a parser needs.
            "GIT_FLUSH": "0",
        }
    )
    return env


def _git() -> str:
    found = shutil.which("git")
    if not found:
        raise PromocaseImportError(
            "git is not installed or not on PATH.",
            hint="Install git (https://git-scm.com) and run the import again.",
        )
    return found


def _run(args: list[str], *, source: str) -> str:
    proc = subprocess.run(  # noqa: S603 - fixed argv, no shell
        args, capture_output=True, env=_env(), stdin=subprocess.DEVNULL, check=False
    )
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PromocaseImportError(
            f"git failed: {message[-1] if message else 'exit ' + str(proc.returncode)}",
            source=source,
        )
    return proc.stdout.decode("utf-8", "replace")


# A remote's address rather than a folder: scheme://… or scp-like user@host:path.
_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|[\w.-]+@[\w.-]+:)", re.IGNORECASE)


def open_repository(path: str) -> Repository:
    """Check that `path` is a directory holding a git repository (no options, no tricks)."""
    if not path or path.startswith("-"):
        raise PromocaseImportError(
            f"'{path}' looks like an option, not a repository path.",
            hint="Give the folder of the repository; for a name starting with '-', write ./-name.",
        )
    p = Path(path).expanduser()
    if not p.exists():
        if _REMOTE.match(path):
            raise PromocaseImportError(
                "that is the address of a remote repository, not a folder on this machine.",
                source=path,
                hint=f"Clone it first (git clone {path}) and give the folder: promocase reads "
                "local repositories and never fetches anything.",
            )
        raise PromocaseImportError("no such folder.", source=path, hint="Check the path.")
    if not p.is_dir():
        raise PromocaseImportError(
            f"{path} is not a folder; give the folder that holds the repository."
        )
    proc = subprocess.run(  # noqa: S603
        [
            _git(),
            "-C",
            str(p),
            "rev-parse",
            "--absolute-git-dir",
            "--is-bare-repository",
            "--is-shallow-repository",
        ],
        capture_output=True,
        env=_env(),
        stdin=subprocess.DEVNULL,
        check=False,
    )
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        hint = "Point at the folder you cloned (the one with a .git folder inside)."
        if detail and "dubious ownership" in detail[0]:
            hint = (
                "git refuses repositories owned by another user; see `git config safe.directory`."
            )
        raise PromocaseImportError(f"{path} is not a git repository.", hint=hint)
    git_dir, bare, shallow = [*proc.stdout.decode("utf-8", "replace").split("\n"), "", ""][:3]
    top = Path(git_dir) if bare.strip() == "true" else Path(git_dir).parent
    name = top.name.removesuffix(".git") or "repository"
    url = _config(p, "remote.origin.url")
    own = {_own_name(name)}
    remote = re.search(r"([^/:\\]+?)(?:\.git)?/*$", url)
    if remote:
        own.add(_own_name(remote.group(1)))
    return Repository(p, name, _web_url(url), frozenset(own), shallow.strip() == "true")


def _config(path: Path, key: str) -> str:
    """A git config value as git resolves it in the repository at `path` ("" when unset)."""
    proc = subprocess.run(  # noqa: S603 - fixed argv, no shell
        [_git(), "-C", str(path), "config", "--get", key],
        capture_output=True,
        env=_env(),
        stdin=subprocess.DEVNULL,
        check=False,
    )
    return proc.stdout.decode("utf-8", "replace").strip() if proc.returncode == 0 else ""


def configured_email(path: str) -> str | None:
    """The user.email git uses in the repository at `path` (its own config, a conditional
    include, or the global one), or None when none is set. A path that holds no repository
    gets open_repository's error."""
    email = _config(open_repository(path).path, "user.email")
    return email if "@" in email else None


def _web_url(remote: str) -> str | None:
    match = re.match(
        r"^(?:https://|git@|ssh://git@)github\.com[:/]([\w.-]+)/([\w.-]+?)(?:\.git)?/?$", remote
    )
    return f"https://github.com/{match.group(1)}/{match.group(2)}" if match else None


def _since_arg(since: str) -> str:
    """git's --since value for a date: a bare YYYY-MM-DD means from the start of that day.

    git reads a bare date with the current time of day ("2026-10-05" at 09:30 is
    2026-10-05 09:30), so that day's morning commits would be left out depending on when
    the import runs."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", since.strip()):
        return f"--since={since.strip()} 00:00:00"
    return f"--since={since}"


def _log_args(repo: Repository, authors: list[str], since: str | None) -> list[str]:
    args = [
        _git(),
        "-C",
        str(repo.path),
        "-c",
        "core.quotepath=off",
        "-c",
        "log.showSignature=false",
        "log",
        f"--format={LOG_FORMAT}",
        "--numstat",
        "--no-merges",
        "--no-renames",
        "--no-color",
        "--no-ext-diff",
        "--no-textconv",
        "--fixed-strings",
        "--regexp-ignore-case",
    ]
    args += [f"--author={a}" for a in authors]
    if since:
        args.append(_since_arg(since))
    return [*args, "--"]


def read_commits(
    repo: Repository,
    authors: list[str],
    *,
    since: str | None = None,
    on_progress: OnProgress | None = None,
    line: Line | None = None,
    started: subprocess.Popen[bytes] | None = None,
) -> Generator[Commit, None, None]:
    """The user's non-merge commits, newest first, parsed while git is still writing them.

    `line`, if given, sees every commit git shows (also those whose email only resembles an
    author's), before they are filtered. `started`: the log process `start_log` began for
    the same repository, authors and date (else git starts when reading begins)."""
    wanted = {a.strip().lower() for a in authors if "@" in a}
    count = 0
    source = str(repo.path)
    proc = started if started is not None else start_log(repo, authors, since=since)
    through: dict[str, bool] = {}  # see _parse
    for raw in _records_of(proc, source=source, what="git log"):
        commit = _parse(raw, repo.own, through)
        if commit is None:
            continue
        if line is not None and line.unbroken:
            line.see(commit)
        if not wanted or commit.email.lower() in wanted:
            count += 1
            if on_progress is not None and count % 1000 == 0:
                on_progress(count)
            yield commit


def start_log(
    repo: Repository, authors: list[str], *, since: str | None = None
) -> subprocess.Popen[bytes]:
    """Start the `git log` read_commits reads: git can then work while the caller gets the
    rest ready (until the pipe is full). The caller must read it with read_commits or end it
    with `stop`."""
    return _start(_log_args(repo, authors, since))


def stop(proc: subprocess.Popen[bytes]) -> None:
    """End a git process that may not have been read to its end (safe to call again)."""
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    for stream in (proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()


def _start(args: list[str]) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=_env(),
    )
    assert proc.stdout is not None
    _widen_pipe(proc.stdout.fileno())
    return proc


def _git_records(args: list[str], *, source: str, what: str) -> Iterator[str]:
    """The records (each opened by RS) a git command writes, as it writes them. A repository
    without commits gives none; any other failure raises with git's last line."""
    return _records_of(_start(args), source=source, what=what)


def _records_of(proc: subprocess.Popen[bytes], *, source: str, what: str) -> Iterator[str]:
    """_git_records of a process already started."""
    assert proc.stdout is not None and proc.stderr is not None
    try:
        # Popen's default bufsize gives a BufferedReader (read1: what git has written so far)
        yield from _records(cast(io.BufferedReader, proc.stdout))
        err = proc.stderr.read().decode("utf-8", "replace").strip()
    finally:
        stop(proc)
    if proc.returncode != 0:
        last = err.splitlines()[-1] if err else f"exit {proc.returncode}"
        if "does not have any commits" in last:
            return
        raise PromocaseImportError(f"{what} failed: {last}", source=source)


def _records(stream: io.BufferedReader) -> Iterator[str]:
    """The log's records (without their leading RS) as git writes them, decoded a chunk at a
    time: RS is ASCII, so no character is cut in two at a record boundary and "replace" gives
    what decoding each record alone would."""
    tail = b""
    while True:
        # read1: what git has written so far (read() would wait for a full MiB while git
        # waits on the full pipe, so the two would take turns instead of working at once).
        chunk = stream.read1(1 << 20)  # a BufferedReader (Popen with the default bufsize)
        if not chunk:
            break
        if len(chunk) < _SMALL_READ:
            # git writes a commit at a time; reading each as it comes costs a system call and
            # a wake-up per commit (~100,000 of them). A short pause lets git fill the pipe
            # instead, while staying well ahead of it.
            time.sleep(_READ_PAUSE)
        data = tail + chunk
        cut = data.rfind(b"\x1e")  # records start with RS: data[cut:] may be incomplete
        if cut <= 0:
            tail = data
            continue
        tail = data[cut:]
        yield from data[:cut].decode("utf-8", "replace").split(RS)
    yield tail.decode("utf-8", "replace").removeprefix(RS)


class Line:
    """Whether the commits `git log --no-merges` showed are HEAD and its single line of
    parents down to the root commit: then every commit HEAD reaches was shown and none is a
    merge, so the second walk of the whole history that looks for merges can be skipped."""

    def __init__(self, head: str | None) -> None:
        self.expect = head or ""
        self.unbroken = head is not None

    def see(self, commit: Commit) -> None:
        if commit.hash != self.expect or len(commit.parents) > 1:
            self.unbroken = False
        else:
            self.expect = commit.parents[0] if commit.parents else ""  # "": the root was shown

    @property
    def whole(self) -> bool:
        """The root was reached without a break: HEAD's history has no merge."""
        return self.unbroken and not self.expect


def _head(repo: Repository) -> str | None:
    """The commit HEAD names, or None in a repository without commits."""
    proc = subprocess.run(  # noqa: S603
        [_git(), "-C", str(repo.path), "rev-parse", "--verify", "--quiet", "HEAD^{commit}"],
        capture_output=True,
        env=_env(),
        stdin=subprocess.DEVNULL,
        check=False,
    )
    head = proc.stdout.decode("ascii", "replace").strip()
    return head if proc.returncode == 0 and head else None


_SMALL_READ = 1 << 16  # bytes
_READ_PAUSE = 0.004  # seconds; git writes about 4 MB/s, so a pause lets it write ~16 KB


def _widen_pipe(fd: int) -> None:
    """Let git write up to 1 MiB ahead of the parser (Linux; elsewhere the default stays)."""
    try:
        import fcntl

        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (ImportError, OSError):
        pass


def _parse(
    text: str, own: frozenset[str] = frozenset(), through: dict[str, bool] | None = None
) -> Commit | None:
    """One record of LOG_FORMAT (without its leading RS) and its numstat lines; `own`: the
    repository's own names (see area_of); `through`: whether area_of looks through each top
    folder seen so far (kept by the caller across commits: a few names, looked up per file)."""
    if through is None:
        through = {}
    head = text.split(US, 5)
    if len(head) < 6:
        return None
    sha, parents, email, when, subject, rest = head
    body, _, stats = rest.rpartition(US)
    commit = Commit(sha, parents.split(), email, when, subject.strip(), body.strip())
    added = deleted = files = 0
    areas = commit.areas
    for line in stats.split("\n"):
        if not line:  # git puts a blank line before the numstat lines
            continue
        parts = line.split("\t", 2)
        if len(parts) != 3:
            continue
        plus, minus, path = parts
        a = int(plus) if plus.isdigit() else 0  # "-" for binary files
        d = int(minus) if minus.isdigit() else 0
        if a + d >= _GENERATED_MIN and generated(path):
            a = d = 0  # a lockfile's or a bundle's lines were written by a tool, not by you
        added += a
        deleted += d
        files += 1
        area, slash, _ = path.partition("/")
        if not slash or not area:
            area = "(root)"
        else:
            deeper = through.get(area)
            if deeper is None:
                deeper = through[area] = area in CONTAINERS or _own_name(area) in own
            if deeper:
                area = area_of(path, own)
        areas[area] = areas.get(area, 0) + a + d
    commit.added, commit.deleted, commit.files = added, deleted, files
    return commit


# Files a tool writes: their changed lines are left out of an entry's size (the file still
# counts). Checked only for files with many changed lines, where it matters.
_GENERATED_MIN = 100
LOCKFILES = frozenset(
    {
        "package-lock.json",
        "npm-shrinkwrap.json",
        "yarn.lock",
        "pnpm-lock.yaml",
        "bun.lockb",
        "poetry.lock",
        "pipfile.lock",
        "uv.lock",
        "pdm.lock",
        "cargo.lock",
        "go.sum",
        "gemfile.lock",
        "composer.lock",
        "podfile.lock",
        "packages.lock.json",
        "flake.lock",
        "mix.lock",
        "pubspec.lock",
    }
)
_GENERATED_DIRS = ("/vendor/", "/node_modules/", "/__snapshots__/", "/dist/", "/third_party/")
_GENERATED_ENDINGS = (".min.js", ".min.css", ".map", ".snap", ".pb.go", "_pb2.py", ".lock")


def generated(path: str) -> bool:
    """Whether a changed file is one a tool wrote: a lockfile, a vendored or bundled copy, a
    test snapshot, generated protocol code."""
    name = path.rsplit("/", 1)[-1].lower()
    if name in LOCKFILES or name.endswith(_GENERATED_ENDINGS):
        return True
    inside = "/" + path  # a folder at the top or further down
    return any(folder in inside for folder in _GENERATED_DIRS)


def area_of(path: str, own: frozenset[str] = frozenset()) -> str:
    """The part of the project a changed file belongs to: its top folder, looking through a
    container folder (src/, packages/…) and then a folder named after the repository, so
    src/promocase/importers/git.py is in "importers" and packages/billing/api.ts in
    "billing". A file directly inside such a folder belongs to the folder; a file at the
    top of the repository to "(root)"."""
    area, slash, rest = path.partition("/")
    if not slash:
        return "(root)"
    if area in CONTAINERS:
        inner, slash, inner_rest = rest.partition("/")
        if not slash:
            return area
        area, rest = inner, inner_rest
    if own and _own_name(area) in own:
        inner, slash, _ = rest.partition("/")
        if slash:
            area = inner
    return area or "(root)"  # a path starting with "/" (git writes none) is at the top


def read_merges(
    repo: Repository, *, since: str | None = None, sink: list[Merge] | None = None
) -> list[Merge]:
    """Merge commits by anyone (the merger is often not the author), newest first.

    With `sink`, the merges go into that list as git writes them (and it is returned), so a
    caller on another thread can look at those found so far while the walk goes on."""
    merges = sink if sink is not None else []
    args = [
        _git(),
        "-C",
        str(repo.path),
        "log",
        "--merges",
        f"--format={MERGE_FORMAT}",
        "--no-color",
    ]
    if since:
        args.append(_since_arg(since))
    for raw in _git_records([*args, "--"], source=str(repo.path), what="git"):
        parts = raw.split(US, 4)
        if len(parts) == 5:
            sha, parents, when, subject, body = parts
            merges.append(Merge(sha, parents.split(), when, subject.strip(), body.strip()))
    return merges


def read_mainline(repo: Repository, *, since: str | None = None) -> set[str]:
    """Commits on the first-parent line of HEAD: a branch walk stops when it reaches them."""
    args = [_git(), "-C", str(repo.path), "rev-list", "--first-parent"]
    if since:
        args.append(_since_arg(since))
    return set(_run([*args, "HEAD", "--"], source=str(repo.path)).split())


def topic_of(commit: Commit) -> str:
    """The conventional-commit scope (feat(billing): …), else the area most changed (area_of),
    leaving out tests, docs and the files at the top when the commit changes anything else."""
    subject = commit.subject
    # A scope needs "):" or ")!:" (checked first: subjects like "Fix x (123)" are common).
    match = _CONVENTIONAL.match(subject) if "):" in subject or ")!:" in subject else None
    if match:
        return match.group(1).lower()
    areas = commit.areas
    if len(areas) == 1:
        return next(iter(areas))
    if areas:
        best = max(sorted(areas), key=lambda a: areas[a])
        if best in SUPPORTING:
            # Tests, docs and files at the top (lockfiles, config) follow the work: a change
            # to billing with a longer test is about billing.
            main = [a for a in areas if a not in SUPPORTING]
            if main:
                best = max(sorted(main), key=lambda a: areas[a])
        return best
    return "(root)"


def _clean_subject(subject: str) -> str:
    if "(#" not in subject and ":" not in subject:  # nothing for the patterns to remove
        subject = subject.strip()
        return subject[:1].upper() + subject[1:]
    subject = _SQUASH_PR.sub("", subject).strip()
    subject = _CONVENTIONAL.sub("", subject)
    subject = _CONVENTIONAL_TYPE.sub("", subject)
    return subject[:1].upper() + subject[1:] if subject else subject


@dataclass
class _Group:
    kind: str  # pr | branch | day
    key: str
    title: str
    date: str
    ref: str
    commits: list[Commit] = field(default_factory=list)
    extra_refs: list[str] = field(default_factory=list)
    number: str | None = None
    _totals: _Totals | None = field(default=None, compare=False, repr=False)

    def totals(self) -> _Totals:
        """Sums over the commits, brought up to date with those added since the last call
        (groups only grow, at the end): a day of a scripted history holds tens of thousands
        of commits, and its running sums are kept while it is read instead of all at once
        when its candidate is made after git has finished."""
        t = self._totals
        if t is None or not t.covers(self.commits):
            t = self._totals = _Totals(subjects=self.kind != "pr")
        t.add(self.commits)
        return t


@dataclass(slots=True)
class _Totals:
    """Lines, files and lines per top folder over commits[:n], and the distinct subjects in
    the order of their last appearance (so the oldest first once reversed)."""

    subjects: bool  # whether to keep the subjects (a PR's candidate does not show them)
    n: int = 0
    last: Commit | None = None
    added: int = 0
    deleted: int = 0
    files: int = 0
    areas: dict[str, int] = field(default_factory=dict)
    by_last: dict[str, None] = field(default_factory=dict)

    def covers(self, commits: list[Commit]) -> bool:
        """Whether commits still starts with the ones summed (the list only grew)."""
        return len(commits) >= self.n and (self.n == 0 or commits[self.n - 1] is self.last)

    def add(self, commits: list[Commit]) -> None:
        if len(commits) == self.n:
            return
        areas, by_last = self.areas, self.by_last
        for c in itertools.islice(commits, self.n, None):
            self.added += c.added
            self.deleted += c.deleted
            self.files += c.files
            for area, lines in c.areas.items():
                areas[area] = areas.get(area, 0) + lines
            if self.subjects:
                by_last.pop(c.subject, None)
                by_last[c.subject] = None
        self.n, self.last = len(commits), commits[-1]


def _hosted_pr(subject: str, body: str) -> tuple[str, str] | None:
    """(number, title) of a pull request Azure DevOps or Bitbucket merged, from the commit's
    subject (Bitbucket puts the title on the body's first line, else the branch names it)."""
    azure = _AZURE_PR.match(subject)
    if azure:
        return azure.group(1), azure.group(2).strip()
    bitbucket = _BITBUCKET_PR.match(subject)
    if bitbucket:
        first = body.strip().splitlines()[0].strip() if body.strip() else ""
        return bitbucket.group(2), first or bitbucket.group(1)
    return None


def _merge_key(merge: Merge) -> tuple[str, str, str, str | None] | None:
    """(kind, key, title, pr number) for a merge that brought in a piece of work."""
    gh = _GITHUB_MERGE.match(merge.subject)
    if gh:
        title = merge.body.splitlines()[0].strip() if merge.body else gh.group(2)
        return "pr", f"pr-{gh.group(1)}", title, gh.group(1)
    hosted = _hosted_pr(merge.subject, merge.body) if merge.subject.startswith("Merged ") else None
    if hosted:
        return "pr", f"pr-{hosted[0]}", hosted[1], hosted[0]
    gl = _GITLAB_MR.search(merge.body)
    if gl:
        title = merge.body.splitlines()[0].strip() if merge.body else merge.subject
        return "pr", f"mr-{gl.group(2)}", title, gl.group(2)
    br = _BRANCH_MERGE.match(merge.subject)
    if br:
        branch, into = br.group(1), br.group(2)
        if branch.rsplit("/", 1)[-1] in MAINLINE or (into and into not in MAINLINE):
            return None  # keeping a feature branch up to date, not a piece of work
        return "branch", f"branch-{branch}", branch, None
    return None


def group_commits(
    commits: list[Commit],
    merges: list[Merge],
    repo: Repository,
    mainline: set[str] | frozenset[str] = frozenset(),
    made: dict[tuple[object, ...], Candidate] | None = None,
    index: MergeIndex | None = None,
) -> list[Candidate]:
    """Commits grouped into candidates: merged PRs/branches, squash PRs, then day and topic.

    A merge's branch is followed back from its second parent through the user's commits until
    it meets the mainline (HEAD's first-parent line), another person's commit or a taken one.
    `made` holds candidates made before, by `_group_key`: a group made again reuses its own.
    `index`: the merges indexed so far, if `merges` grew from the list it indexed.
    """
    merged, squash, days = _groups(commits, merges, mainline, index or MergeIndex())
    groups = (*merged, *squash.values(), *days.values())
    if made is None:
        return [_candidate(g, repo) for g in groups]
    return [made.get(_group_key(g)) or _candidate(g, repo) for g in groups]


def _group_key(group: _Group) -> tuple[object, ...]:
    """Everything `_candidate` reads of a group (within one repository)."""
    return (
        group.kind,
        group.key,
        group.title,
        group.date,
        group.ref,
        group.number,
        tuple(group.extra_refs),
        tuple(c.hash for c in group.commits),
    )


class MergeIndex:
    """Where each commit is a merge's second parent, by the merge's place in a list that only
    grows (the merges streamed from git, newest first): grouping a batch of commits then
    looks only at the merges that can take one of them, instead of at every merge."""

    def __init__(self) -> None:
        self.by_parent: dict[str, list[int]] = {}
        self.size = 0

    def update(self, merges: list[Merge]) -> None:
        """Index merges[size:] (`merges` begins with the merges indexed before)."""
        by_parent = self.by_parent
        if len(merges) < self.size:  # another list: start again
            by_parent.clear()
            self.size = 0
        for i in range(self.size, len(merges)):
            parents = merges[i].parents
            if len(parents) > 1:
                by_parent.setdefault(parents[1], []).append(i)
        self.size = len(merges)

    def reaching(self, commits: list[Commit], merges: list[Merge]) -> list[Merge]:
        """The merges (of the first `size`) whose branch starts at one of `commits`, in order."""
        by_parent = self.by_parent
        found = sorted({i for c in commits for i in by_parent.get(c.hash, ())})
        return [merges[i] for i in found]


def _groups(
    commits: list[Commit],
    merges: list[Merge],
    mainline: set[str] | frozenset[str] = frozenset(),
    index: MergeIndex | None = None,
) -> tuple[list[_Group], dict[str, _Group], dict[tuple[str, str], _Group]]:
    """group_commits' groups before they become candidates: merged work, squash PRs by
    number, days by (day, topic). `index`: the merges indexed (all of `merges`), so that only
    those reaching these commits are looked at; a merge reaching none of them makes no group."""
    by_hash = {c.hash: c for c in commits} if merges else {}
    taken: set[str] = set()
    groups: list[_Group] = []
    if index is not None and merges:
        index.update(merges)
        merges = index.reaching(commits, merges)
    for merge in merges:
        # A merge whose branch has none of these commits makes no group (checked first: in a
        # team's history most merges bring in someone else's work).
        if len(merge.parents) < 2 or merge.parents[1] not in by_hash:
            continue
        found = _merge_key(merge)
        if found is None:
            continue
        kind, key, title, number = found
        members: list[Commit] = []
        cursor: str | None = merge.parents[1]
        while (
            cursor in by_hash
            and cursor not in taken
            and cursor not in mainline
            and len(members) < MAX_BRANCH_WALK
        ):
            commit = by_hash[cursor]
            members.append(commit)
            taken.add(cursor)
            cursor = commit.parents[0] if commit.parents else None
        if members:
            group = _Group(kind, key, title, merge.date[:10], merge.hash, members, [merge.hash])
            group.number = number
            groups.append(group)
    squash: dict[str, _Group] = {}
    days: dict[tuple[str, str], _Group] = {}
    _feed(squash, days, commits, taken)
    return groups, squash, days


def _feed(
    squash: dict[str, _Group],
    days: dict[tuple[str, str], _Group],
    commits: list[Commit],
    taken: set[str] | frozenset[str] = frozenset(),
    touched: dict[int, _Group] | None = None,
) -> None:
    """Add commits (newest first, after those already fed) to the squash PRs by number and
    the days by (day, topic): feeding a list in pieces gives what feeding it whole gives.
    Commits in `taken` (merged work) are left out; `touched` collects the groups changed."""
    for commit in commits:
        if taken and commit.hash in taken:
            continue
        subject = commit.subject
        pr = _SQUASH_PR.search(subject) if "(#" in subject else None
        number = pr.group(1) if pr else None
        hosted = None
        if number is None and subject.startswith("Merged "):
            hosted = _hosted_pr(subject, commit.body)
            number = hosted[0] if hosted else None
        if number is not None:
            group = squash.get(number)
            if group is None:
                title = hosted[1] if hosted else _clean_subject(subject)
                group = _Group("pr", f"pr-{number}", title, commit.day, commit.hash)
                group.number = number
                squash[number] = group
            group.commits.append(commit)
        else:
            topic, day = topic_of(commit), commit.day
            group = days.get((day, topic))
            if group is None:
                group = _Group("day", f"{day}/{topic}", topic, day, commit.hash)
                days[(day, topic)] = group
            group.commits.append(commit)
            group.ref = commit.hash  # newest first, so the last one seen is the earliest
        if touched is not None:
            touched[id(group)] = group


def _candidate(group: _Group, repo: Repository) -> Candidate:
    commits = group.commits
    totals = group.totals()
    added, deleted, files, areas = totals.added, totals.deleted, totals.files, totals.areas
    top_areas = [a for a in sorted(areas, key=lambda a: -areas[a])[:3]]
    size = (
        f"{len(commits)} commit{'s' if len(commits) != 1 else ''}, {files} file"
        f"{'s' if files != 1 else ''}, +{added}/−{deleted} lines"
    )
    if top_areas:
        size += " in " + ", ".join(top_areas)
    links: list[str] = []
    subjects = (
        []
        if group.kind == "pr"  # a PR is named by its title; its commit subjects are not shown
        # distinct subjects, oldest first (cleaned once each: a scripted day repeats a few)
        else list(dict.fromkeys(map(_clean_subject, reversed(totals.by_last))))
    )
    if group.kind == "pr":
        label = "merge request !" if group.key.startswith("mr-") else "pull request #"
        text = f"Merged {label}{group.number}: {group.title} ({size})"
        if repo.web_url and group.key.startswith("pr-"):
            links.append(f"{repo.web_url}/pull/{group.number}")
    elif group.kind == "branch":
        text = f"Merged branch '{group.title}': {shorten('; '.join(subjects), 300)} ({size})"
    else:
        shown = "; ".join(subjects[:4]) + (
            f"; and {len(subjects) - 4} more" if len(subjects) > 4 else ""
        )
        text = (
            f"{shown} ({size})" if group.title == "(root)" else f"{group.title}: {shown} ({size})"
        )
    if repo.web_url and not links:
        links.append(f"{repo.web_url}/commit/{group.ref}")
    tags = ["git", repo.name]
    if group.kind == "day" and group.title != "(root)":
        tags.append(group.title)
    return Candidate(
        text=text,
        date=group.date,
        source=SOURCE,
        source_ref=group.ref,
        item_refs=[c.hash for c in commits] + group.extra_refs,
        tags=tags,
        links=links,
    )


def import_repository(
    path: str,
    authors: list[str],
    *,
    since: str | None = None,
    skip: set[str] | frozenset[str] = frozenset(),
    on_progress: OnProgress | None = None,
    on_early: Callable[[list[Candidate]], None] | None = None,
    on_reading: Callable[[], None] | None = None,
    coauthored: bool = False,
) -> tuple[list[Candidate], dict[str, int]]:
    """Candidates from one repository, leaving out commits in `skip` (imported before).

    `coauthored`: also the commits of others that name an author in a Co-authored-by trailer
    (pair and mob programming); their entries are tagged "co-authored".

    `on_early` receives, while git is still writing, the candidates of the days already read
    (commits come newest first) and of pull-request commits of the day being read, grouped as
    far as is known then: a guess the caller may use to start work early (judging them), never
    a result. The returned list is the answer. `on_reading` is called once git has started
    writing the log (work to do meanwhile can start then without delaying git).
    """
    if not authors:
        raise PromocaseImportError(
            "say whose commits to import.", hint="Add --author you@example.com (repeatable)."
        )
    repo = open_repository(path)
    # git starts on the log at once and works while the rest gets ready (HEAD, threads, the
    # caller's own preparations in on_reading): git began about 10 ms sooner (median, tiny).
    log = start_log(repo, authors, since=since)
    try:
        if coauthored:
            # The co-authored commits join the user's own before grouping, so nothing is
            # grouped (nor judged) early: a day's entry may still gain a pairing commit.
            co = read_coauthored(repo, authors, since=since)
            return _import(repo, log, authors, since, skip, on_progress, None, on_reading, co)
        return _import(repo, log, authors, since, skip, on_progress, on_early, on_reading)
    finally:
        stop(log)


# A trailer line, "Co-authored-by: Name <email>" (the address may stand alone).
_COAUTHOR = re.compile(
    r"^[ \t]*co-authored-by:.*?[< \t]([^<>\s]+@[^<>\s]+)>?[ \t]*$", re.IGNORECASE | re.MULTILINE
)


def read_coauthored(
    repo: Repository, authors: list[str], *, since: str | None = None
) -> list[Commit]:
    """Commits by others whose message has a Co-authored-by trailer naming one of the
    authors' emails, newest first (git's --author sees only the commit's author)."""
    emails = {a.strip().lower() for a in authors if "@" in a}
    if not emails:
        return []
    base = [a for a in _log_args(repo, [], since)[:-1] if a != "--fixed-strings"]
    # git matches each --grep as a basic regular expression, any one of them (then checked
    # below: a line that only mentions the address is no trailer).
    greps = [f"--grep=^co-authored-by:.*{_bre_literal(e)}" for e in sorted(emails)]
    found = []
    for raw in _git_records([*base, *greps, "--"], source=str(repo.path), what="git log"):
        commit = _parse(raw, repo.own)
        if commit is None or commit.email.lower() in emails:
            continue  # the user's own commits come from the main log
        named = {m.group(1).lower() for m in _COAUTHOR.finditer(commit.body)}
        if named & emails:
            found.append(commit)
    return found


def _bre_literal(text: str) -> str:
    """`text` as a literal inside a POSIX basic regular expression."""
    return re.sub(r"([.\[\]*^$\\])", r"\\\1", text)


def _import(
    repo: Repository,
    log: subprocess.Popen[bytes],
    authors: list[str],
    since: str | None,
    skip: set[str] | frozenset[str],
    on_progress: OnProgress | None,
    on_early: Callable[[list[Candidate]], None] | None,
    on_reading: Callable[[], None] | None,
    co: list[Commit] | None = None,
) -> tuple[list[Candidate], dict[str, int]]:
    # Merges and mainline are read on threads while this one parses the user's commits: the
    # git processes run side by side (each git call waits on its own pipe, not on Python).
    # That walk reads every commit of the history a second time, so it starts only once the
    # log shows something other than one line of single parents from HEAD (a merge, another
    # person's commit, a --since cut), and never for a linear history of the user's alone
    # (nor are the threads started or their module imported then).
    # The first-parent line is read beside the merges rather than after them: in a history
    # of merged pull requests, grouping waits on both once the user's commits are read.

    # The merges found so far while the walk goes on, and whether it has ended.
    streamed: list[Merge] = []
    walked = threading.Event()
    pools: list[ThreadPoolExecutor] = []

    def merges_and_mainline() -> tuple[list[Merge], set[str]]:
        mainline = pools[0].submit(read_mainline, repo, since=since)
        merges = read_merges(repo, since=since, sink=streamed)
        walked.set()
        return merges, (mainline.result() if merges else set())

    def walk() -> Future[tuple[list[Merge], set[str]]]:
        from concurrent.futures import ThreadPoolExecutor

        pools.append(ThreadPoolExecutor(max_workers=2))
        return pools[0].submit(merges_and_mainline)

    line = Line(_head(repo))
    try:
        pending: Future[tuple[list[Merge], set[str]]] | None = None
        read: list[Commit] = []
        reverts: list[Commit] = []  # commits whose subject says they revert one
        early = _EarlyGroups(repo, skip)
        commits_read = read_commits(
            repo, authors, since=since, on_progress=on_progress, line=line, started=log
        )
        for commit in commits_read:
            if on_reading is not None:
                on_reading()
                on_reading = None
            if pending is None and not line.unbroken:
                pending = walk()
            read.append(commit)
            if commit.subject.startswith("Revert"):  # see _undone
                reverts.append(commit)
            if on_early is None or len(read) - early.fed < EARLY_BATCH:
                continue
            known: tuple[list[Merge], set[str]] | None = None
            if pending is not None and pending.done():
                known = pending.result()
            elif pending is not None:
                # The merges are still being read: commits wait until the walk has gone past
                # them (both come newest first), else a merged pull request's commits would
                # be guessed as days, judged in vain. The guess then uses the merges found so
                # far, without the first-parent line (the answer is grouped with both).
                if not walked.is_set() and (not streamed or streamed[-1].date >= commit.date):
                    continue
                known = (streamed[:], set())
            found = early.feed(read, commit.day, known)
            if found:
                on_early(found)
        co_hashes: set[str] = set()
        if co:
            own = {c.hash for c in read}
            co = [c for c in co if c.hash not in own]
            co_hashes = {c.hash for c in co}
            # newest first by when the work was done, as git gives the user's own commits
            read = sorted(read + co, key=lambda c: datetime.fromisoformat(c.date), reverse=True)
            reverts = [c for c in read if c.subject.startswith("Revert")]
            line.unbroken = False  # others' commits are in: not the user's line alone
            if pending is None:
                pending = walk()
        if line.whole:
            merges: list[Merge] = []
            mainline: set[str] = set()
        else:
            if pending is None:
                pending = walk()
            merges, mainline = pending.result()
    finally:
        for pool in pools:  # as leaving `with ThreadPoolExecutor()`: the walks end first
            pool.shutdown(wait=True)
    undone = _undone(read, reverts) if reverts else set()
    left_out = skip | undone if undone else skip
    commits = [c for c in read if c.hash not in left_out] if left_out else read
    stats = {"commits": len(read), "new_commits": len(commits), "merges": len(merges)}
    if repo.shallow:
        stats["shallow"] = 1
    if undone:
        stats["reverted"] = len(undone) // 2
    if co is not None:  # others' commits that name the user, not imported before
        stats["coauthored"] = len(co_hashes - skip) if skip else len(co_hashes)
    if early.fed and early.linear and not merges and not undone:
        return early.finish(read), stats
    grouped = group_commits(commits, merges, repo, mainline, early.by_key, early.merge_index)
    if co_hashes:
        for cand in grouped:
            if any(ref in co_hashes for ref in cand.item_refs):
                cand.tags.append("co-authored")
    return grouped, stats


# What `git revert` writes in the message of the commit it makes.
_REVERTS = re.compile(r"\bThis reverts commit ([0-9a-f]{40})\b")


def _undone(commits: list[Commit], reverts: list[Commit]) -> set[str]:
    """The commits another of these commits reverted, and those reverts: the pair changed
    nothing, so neither is evidence of work. `reverts`: the commits whose subject starts with
    "Revert", newest first as `commits` are, so a revert that was itself reverted (a reapply) is
    seen first and leaves the original standing."""
    shown = {c.hash for c in commits}
    undone: set[str] = set()
    for c in reverts:
        if c.hash in undone:
            continue
        found = _REVERTS.search(c.body)
        if found and found.group(1) in shown and found.group(1) not in undone:
            undone.update((c.hash, found.group(1)))
    return undone


class _EarlyGroups:
    """The commits read so far, grouped as they come, for early candidates and the answer.

    Commits are fed in batches while git is still writing (newest first), into the same
    squash-PR and day groups that grouping them all at once builds (`_feed`), so on a history
    without merges the groups after the last batch are the answer. Each batch offers the
    candidates of the groups it changed, except the days still being read (their commits are
    still coming): guesses to judge early. A group unchanged since its candidate was made
    reuses it. Once merges turn up, batches are grouped with the merges known then and the
    answer is grouped again with all of them (`group_commits`), which reuses a candidate
    offered for a group that came out the same (`by_key`).
    """

    def __init__(self, repo: Repository, skip: set[str] | frozenset[str]) -> None:
        self.repo = repo
        self.skip = skip
        self.fed = 0  # read[:fed] has been grouped
        self.squash: dict[str, _Group] = {}
        self.days: dict[tuple[str, str], _Group] = {}
        self.made: dict[int, tuple[int, Candidate]] = {}  # id(group) -> (its size, candidate)
        self.waiting: dict[int, _Group] = {}  # changed day groups of the day being read
        self.linear = True  # no merge seen: the groups fed are the answer
        # Once merges are seen, candidates offered by _group_key, for group_commits to reuse.
        self.by_key: dict[tuple[object, ...], Candidate] = {}
        self.merge_index = MergeIndex()  # the merges streamed so far, by second parent

    def _batch(self, read: list[Commit]) -> list[Commit]:
        batch = read[self.fed :]
        self.fed = len(read)
        return [c for c in batch if c.hash not in self.skip] if self.skip else batch

    def feed(
        self,
        read: list[Commit],
        reading: str,
        known: tuple[list[Merge], set[str]] | None,
    ) -> list[Candidate]:
        """Group read[fed:] and return the candidates worth judging now (`reading` is the
        day git is writing)."""
        batch = self._batch(read)
        if known is not None and known[0]:
            self.linear = False
        if not self.linear:
            merges, mainline = known if known else ([], set())
            merged, squash, days = _groups(batch, merges, mainline, self.merge_index)
            out = []
            for g in (*merged, *squash.values(), *days.values()):
                if g.kind != "day" or g.date != reading:
                    cand = self.by_key[_group_key(g)] = _candidate(g, self.repo)
                    out.append(cand)
            return out
        touched: dict[int, _Group] = {}
        _feed(self.squash, self.days, batch, touched=touched)
        out = []
        for key, g in {**self.waiting, **touched}.items():
            if g.kind == "day" and g.date == reading:
                self.waiting[key] = g
                g.totals()  # its sums so far, while git is still writing (see _Group.totals)
            else:
                self.waiting.pop(key, None)
                out.append(self._made(g))
        return out

    def _made(self, group: _Group) -> Candidate:
        """The group's candidate: the one made before if the group has not grown since (groups
        only grow, and a group's candidate is a function of its commits)."""
        made = self.made.get(id(group))
        if made is None or made[0] != len(group.commits):
            made = self.made[id(group)] = (len(group.commits), _candidate(group, self.repo))
        return made[1]

    def finish(self, read: list[Commit]) -> list[Candidate]:
        """The answer on a linear history: all commits read, grouped."""
        _feed(self.squash, self.days, self._batch(read))
        return [self._made(g) for g in (*self.squash.values(), *self.days.values())]

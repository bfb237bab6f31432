"""git import: real repositories built in tmp dirs; idempotent, dry runs change nothing."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from promocase.core.errors import PromocaseImportError
from promocase.importers import git as gitimp

ME = "me@example.com"


def _git(repo: Path, *args: str, email: str = ME, when: str = "2026-10-01T10:00:00+02:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Me",
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": "Me",
        "GIT_COMMITTER_EMAIL": email,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)


def _commit(repo: Path, path: str, message: str, **kw: str) -> None:
    target = repo / path
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("a") as fh:
        fh.write(message + "\n")
    _git(repo, "add", path, **kw)
    _git(repo, "commit", "-q", "-m", message, **kw)


def _merge_pr_42(repo: Path, email: str = ME) -> None:
    """Back on main, merge feature/retry the way GitHub does (a merge commit naming the PR)."""
    _git(repo, "checkout", "-q", "main")
    _git(
        repo,
        "merge",
        "-q",
        "--no-ff",
        "feature/retry",
        "-m",
        "Merge pull request #42 from me/feature/retry",
        "-m",
        "Retry payment webhooks",
        email=email,
        when="2026-10-04T09:00:00+02:00",
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    r = tmp_path / "billing"
    r.mkdir()
    _git(r, "init", "-q", "-b", "main")
    _commit(r, "billing/invoice.py", "feat(billing): round invoice totals")
    _commit(r, "billing/invoice.py", "feat(billing): test rounding")
    _commit(r, "docs/readme.md", "Document the API", when="2026-10-02T09:00:00+02:00")
    _git(r, "checkout", "-q", "-b", "feature/retry")
    _commit(r, "api/webhook.py", "Add retry to webhook", when="2026-10-03T09:00:00+02:00")
    _commit(r, "api/webhook.py", "Test retry", when="2026-10-03T10:00:00+02:00")
    _merge_pr_42(r, email="boss@example.com")
    _commit(r, "billing/tax.py", "Fix VAT on refunds (#43)", when="2026-10-05T09:00:00+02:00")
    _commit(
        r,
        "other.py",
        "Someone else's work",
        email="sam@example.com",
        when="2026-10-07T09:00:00+02:00",
    )
    return r


def _count(ws) -> int:
    return int(ws.conn.execute("SELECT count(*) FROM evidence").fetchone()[0])


def test_commits_are_grouped_by_pull_request_then_day_and_topic(repo):
    found, stats = gitimp.import_repository(str(repo), [ME])
    texts = sorted(c.text for c in found)
    assert stats["commits"] == 6  # only mine, no merges
    assert any(
        t.startswith("Merged pull request #42: Retry payment webhooks (2 commits") for t in texts
    )
    assert any(t.startswith("Merged pull request #43: Fix VAT on refunds (1 commit") for t in texts)
    billing = next(c for c in found if c.text.startswith("billing:"))
    assert billing.date == "2026-10-01" and len(billing.item_refs) == 2
    assert "Round invoice totals" in billing.text and "billing" in billing.tags
    assert not any("Someone else" in t for t in texts)


def test_git_starts_on_the_log_before_the_import_gets_its_judge_ready(repo, ws, monkeypatch):
    """git works while the importer loads the ladder and the rest: the log process is
    started before HEAD is read and before the Judge is made."""
    from promocase.services import importing

    order: list[str] = []
    start_log, head, judge_init = gitimp.start_log, gitimp._head, importing.Judge.__init__

    def started(*args, **kw):  # type: ignore[no-untyped-def]
        order.append("git log")
        return start_log(*args, **kw)

    def read_head(*args, **kw):  # type: ignore[no-untyped-def]
        order.append("HEAD")
        return head(*args, **kw)

    def made(self, *args, **kw):  # type: ignore[no-untyped-def]
        order.append("Judge")
        judge_init(self, *args, **kw)

    monkeypatch.setattr(gitimp, "start_log", started)
    monkeypatch.setattr(gitimp, "_head", read_head)
    monkeypatch.setattr(importing.Judge, "__init__", made)
    summary = importing.import_git_repos(ws, [str(repo)], [ME])
    assert order == ["git log", "HEAD", "Judge"] and summary.added == 4


def test_a_failure_while_getting_ready_leaves_no_git_process(repo, monkeypatch):
    started: list = []
    start_log = gitimp.start_log

    def keep(*args, **kw):  # type: ignore[no-untyped-def]
        started.append(start_log(*args, **kw))
        return started[-1]

    def broken() -> None:
        raise RuntimeError("the ladder could not be read")

    monkeypatch.setattr(gitimp, "start_log", keep)
    with pytest.raises(RuntimeError, match="ladder"):
        gitimp.import_repository(str(repo), [ME], on_reading=broken)
    (proc,) = started
    assert proc.returncode is not None and proc.stdout.closed


def test_the_merge_walk_threads_start_only_for_a_history_with_merges(repo, tmp_path, monkeypatch):
    """A linear history of the user's own commits needs no second walk, and no threads."""
    import concurrent.futures

    made: list = []
    real = concurrent.futures.ThreadPoolExecutor

    class Pool(real):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kw):  # type: ignore[no-untyped-def]
            super().__init__(*args, **kw)
            made.append(self)

    monkeypatch.setattr(concurrent.futures, "ThreadPoolExecutor", Pool)
    linear = tmp_path / "linear"
    linear.mkdir()
    _git(linear, "init", "-q", "-b", "main")
    _commit(linear, "a.py", "Add a")
    _commit(linear, "b.py", "Add b", when="2026-10-02T09:00:00+02:00")
    found, stats = gitimp.import_repository(str(linear), [ME])
    assert len(found) == 2 and made == []
    found, stats = gitimp.import_repository(str(repo), [ME])
    assert stats["merges"] == 1 and len(made) == 1
    assert made[0]._shutdown, "the walk's threads are shut down when the import returns"


def test_importing_a_repository_twice_adds_its_entries_once(repo, run, ws):
    first = json.loads(run("import", "git", str(repo), "--author", ME, "--json").stdout)
    assert first["added"] == 4 and first["dry_run"] is False
    second = json.loads(run("import", "git", str(repo), "--author", ME, "--json").stdout)
    assert second["added"] == 0
    assert _count(ws) == 4
    _commit(repo, "billing/tax.py", "Handle zero-rated items", when="2026-10-06T09:00:00+02:00")
    third = json.loads(run("import", "git", str(repo), "--author", ME, "--json").stdout)
    assert third["added"] == 1 and third["entries"][0]["text"].startswith("billing: Handle")
    assert _count(ws) == 5


def test_a_huge_json_summary_is_the_compact_encoding_of_the_same_document(
    repo, run, ws, monkeypatch
):
    """Over the size limit the summary is printed compact, from entries encoded while SQLite
    wrote: the same text json.dumps makes of the whole document."""
    from promocase.cli import output
    from promocase.services import importing

    made: list[importing.ImportSummary] = []
    ahead: list[bool] = []
    real = importing.run_import

    def run_import(*args, **kw):  # type: ignore[no-untyped-def]
        made.append(real(*args, **kw))
        ahead.extend(e.encoded is not None for e in made[-1].entries)
        return made[-1]

    monkeypatch.setattr(importing, "run_import", run_import)
    monkeypatch.setattr(output, "COMPACT_JSON_OVER", 20)
    printed = run("import", "git", str(repo), "--author", ME, "--json").stdout
    assert "\n " not in printed.strip()
    (summary,) = made
    assert ahead == [True] * 4, "each entry encoded while SQLite wrote, before printing"
    assert printed == json.dumps(summary.to_json(), ensure_ascii=False) + "\n"
    assert json.loads(printed)["added"] == 4


def test_the_cycle_collector_stays_paused_until_the_command_is_over(repo, run, monkeypatch):
    """Resumed as soon as the import returned, the collector's first pass walked every object
    the import made before the summary was printed; it resumes when the command is over,
    also after an error."""
    import gc

    from promocase.cli import importers as cli_importers

    seen: list[bool] = []
    real = cli_importers._report

    def report(*args, **kw):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return real(*args, **kw)

    monkeypatch.setattr(cli_importers, "_report", report)
    assert gc.isenabled()
    run("import", "git", str(repo), "--author", ME, "--json")
    assert seen == [False] and gc.isenabled()
    run("import", "git", str(repo.parent / "missing"), "--author", ME, ok=False)
    assert gc.isenabled()


def test_dry_run_changes_nothing_and_shows_what_would_be_added(repo, run, ws):
    result = run("import", "git", str(repo), "--author", ME, "--dry-run")
    assert "Dry run: 4 new entries would be added" in result.output
    assert "Nothing was changed" in result.output
    assert _count(ws) == 0
    assert ws.conn.execute("SELECT count(*) FROM import_entry").fetchone()[0] == 0


def test_new_entries_get_a_verdict_and_suggestions_stored(repo, run, acme_ws):
    data = json.loads(run("import", "git", str(repo), "--author", ME, "--json").stdout)
    assert all(e["verdict"] in ("specific", "vague") for e in data["entries"])
    stored = acme_ws.conn.execute("SELECT count(*) FROM evidence_verdict").fetchone()[0]
    assert stored == data["added"]


@pytest.mark.parametrize("bad", ["-rf", "--output=/tmp/x", "--upload-pack=touch /tmp/pwn"])
def test_option_like_repository_names_are_refused(bad, run, ws):
    result = run("import", "git", "--author", ME, "--", bad, ok=False)
    assert result.exit_code == 1 and "looks like an option" in result.output
    assert _count(ws) == 0


def test_a_file_or_a_plain_folder_is_not_a_repository(tmp_path, run):
    (tmp_path / "f.txt").write_text("x")
    (tmp_path / "plain").mkdir()
    out = run("import", "git", str(tmp_path / "f.txt"), "--author", ME, ok=False).output
    assert "is not a folder" in out
    out = run("import", "git", str(tmp_path / "plain"), "--author", ME, ok=False).output
    assert "is not a git repository" in out and "Traceback" not in out
    out = run("import", "git", str(tmp_path / "missing"), "--author", ME, ok=False).output
    assert "no such folder" in out


@pytest.mark.parametrize(
    "address",
    [
        "https://github.com/acme/shop",
        "ssh://git@gitlab.example.com/acme/shop.git",
        "git@github.com:acme/shop.git",
    ],
)
def test_a_remote_address_is_refused_with_how_to_clone_it(address, run, ws):
    out = run("import", "git", address, "--author", ME, ok=False).output
    assert "not a folder on this machine" in out and f"git clone {address}" in out
    assert _count(ws) == 0


def test_a_shallow_clone_says_its_history_is_cut(repo, tmp_path, run):
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)],
        check=True,
        capture_output=True,
    )
    out = json.loads(run("import", "git", str(clone), "--author", ME, "--json").stdout)
    assert any("is a shallow clone" in n and "fetch --unshallow" in n for n in out["notes"])
    whole = json.loads(run("import", "git", str(repo), "--author", ME, "--json").stdout)
    assert not any("shallow" in n for n in whole["notes"])


def test_an_empty_repository_imports_nothing(tmp_path, run):
    r = tmp_path / "empty"
    r.mkdir()
    _git(r, "init", "-q")
    result = run("import", "git", str(r), "--author", ME)
    assert "Found no commits" in result.output


def test_since_a_date_counts_that_whole_day(tmp_path, monkeypatch):
    # git reads a bare date at the current time of day; the import means the whole day.
    monkeypatch.setenv("TZ", "UTC")
    r = tmp_path / "early"
    r.mkdir()
    _git(r, "init", "-q", "-b", "main")
    _commit(r, "a.py", "Late the day before", when="2026-10-04T23:30:00+00:00")
    _commit(r, "b.py", "Just after midnight", when="2026-10-05T00:30:00+00:00")
    found, stats = gitimp.import_repository(str(r), [ME], since="2026-10-05")
    assert stats["commits"] == 1 and "Just after midnight" in found[0].text


def test_since_limits_the_commits(repo):
    found, stats = gitimp.import_repository(str(repo), [ME], since="2026-10-05")
    assert stats["commits"] == 1 and found[0].text.startswith("Merged pull request #43")


def test_unknown_author_explains_how_to_find_the_email(repo, run):
    result = run("import", "git", str(repo), "--author", "nobody@example.com")
    assert "git log --format=%ae" in result.output


def _fast_repo(path: Path, commits: list[tuple[str, int, str]]) -> Path:
    """A linear history from (subject, unix time, file) triples, oldest first, by ME."""
    path.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True)
    lines = []
    for n, (subject, when, file) in enumerate(commits, 1):
        message = subject.encode()
        body = f"{n}\n".encode()
        lines.append(f"commit refs/heads/main\nmark :{n}\n".encode())
        lines.append(f"author Me <{ME}> {when} +0000\ncommitter Me <{ME}> {when} +0000\n".encode())
        lines.append(f"data {len(message)}\n".encode() + message + b"\n")
        if n > 1:
            lines.append(f"from :{n - 1}\n".encode())
        lines.append(f"M 644 inline {file}\ndata {len(body)}\n".encode() + body + b"\n")
    subprocess.run(
        ["git", "-C", str(path), "fast-import", "--quiet"], input=b"".join(lines), check=True
    )
    return path


DAY = 86_400
T0 = 1_790_000_000


def _forty_commits(shape: str) -> list[tuple[str, int, str]]:
    """Eight days of commits in three areas, a PR number on one in four; `shape` may move a
    commit a week later ("a day out of order") or give one PR two far-apart commits."""
    history = []
    for n in range(40):
        area = ["api", "web", "docs"][n % 3]
        subject = f"Change {n} in {area}" + (f" (#{100 + n})" if n % 4 == 0 else "")
        history.append((subject, T0 + (n // 5) * DAY + n * 60, f"{area}/f{n % 2}.py"))
    if shape == "a day out of order":
        subject, _when, file = history[3]
        history[3] = (subject, T0 + 6 * DAY + 30, file)  # a commit dated a week later
    if shape == "a PR across batches":
        history[30] = ("Fix the retry (#7)", history[30][1], history[30][2])
        history[2] = ("Start the retry (#7)", history[2][1], history[2][2])
    return history


@pytest.mark.parametrize(
    "shape",
    ["in order", "a day out of order", "a PR across batches"],
)
def test_groups_offered_early_are_reused_only_when_exact(tmp_path, monkeypatch, shape):
    """import_repository groups batches of commits while git still writes and offers their
    candidates; on a linear history those groups are the answer, exactly what grouping all
    at once gives, also when a day comes out of order or a PR's commits are far apart."""
    history = _forty_commits(shape)
    repo = _fast_repo(tmp_path / "r", history)
    monkeypatch.setattr(gitimp, "EARLY_BATCH", 4)
    offered: list[list[object]] = []
    regrouped: list[int] = []
    real = gitimp.group_commits

    def counting(*args, **kw):
        regrouped.append(1)
        return real(*args, **kw)

    monkeypatch.setattr(gitimp, "group_commits", counting)
    early, _ = gitimp.import_repository(str(repo), [ME], on_early=offered.append)
    plain, _ = gitimp.import_repository(str(repo), [ME])

    def facts(cands):
        return [(c.text, c.date, c.source_ref, c.item_refs, c.tags, c.links) for c in cands]

    assert len(offered) > 3
    assert facts(early) == facts(plain)
    assert len({c.source_ref for c in early}) == len(early)
    assert len(regrouped) == 1  # the plain run's: the early one kept its groups
    # Candidates offered in their final form were made once.
    offered_ids = {id(c) for batch in offered for c in batch}
    final_texts = {c.text for c in plain}
    assert {id(c) for c in early if c.text in final_texts} & offered_ids


@pytest.mark.parametrize("shape", ["linear", "a PR across batches"])
def test_entries_bound_while_git_reads_are_stored_as_without(tmp_path, monkeypatch, shape):
    """Entries offered early are bound ahead into a temporary table (store.Prebound) and
    copied at the end; a guess that changed is bound at the end instead. Every stored row is
    the same as an import without binding ahead, and the temporary table is left empty."""
    from promocase.services import importing
    from promocase.store import evidence as store
    from promocase.workspace import Workspace

    history = _forty_commits(shape)
    repo = _fast_repo(tmp_path / "r", history)
    monkeypatch.setattr(gitimp, "EARLY_BATCH", 4)
    monkeypatch.setenv("PROMOCASE_NOW", "2026-11-20T10:00:00.000000Z")
    copied: list[int] = []
    position = store.Prebound.position

    def seen(self, e):  # type: ignore[no-untyped-def]
        found = position(self, e)
        copied.append(found is not None)
        return found

    monkeypatch.setattr(store.Prebound, "position", seen)
    dumps = []
    for name, bind in (("ahead", True), ("plain", False)):
        if not bind:
            monkeypatch.setattr(store.Prebound, "add", lambda self, entries: None)
        w = Workspace(tmp_path / name)
        try:
            summary = importing.import_git_repos(w, [str(repo)], [ME])
            dumps.append(
                (
                    summary.to_json(),
                    {
                        t: w.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()  # noqa: S608
                        for t in ("evidence", "evidence_tag", "evidence_history", "import_entry")
                    },
                    w.conn.execute("SELECT rowid, * FROM evidence_fts ORDER BY rowid").fetchall(),
                )
            )
            if bind:
                left = w.conn.execute("SELECT count(*) FROM temp.evidence_pre").fetchone()[0]
                assert left == 0
        finally:
            w.close()
        if bind:
            # most are copied; the day still being read at the end, and a guess that
            # changed, are bound at the end
            assert sum(copied) > len(copied) // 2 and not all(copied)
            copied.clear()
    assert dumps[0] == dumps[1]
    assert not any(copied)


def test_offering_early_batches_stays_linear_when_every_commit_is_on_one_day(tmp_path, monkeypatch):
    """A scripted history (all commits within a day) once made the early-batch check walk back
    over the whole day for every new commit: 100,000 commits never finished. The work per
    commit must not grow with the number of commits."""
    history = [(f"Change {n}", T0 + n, f"api/f{n % 3}.py") for n in range(300)]
    repo = _fast_repo(tmp_path / "burst", history)
    monkeypatch.setattr(gitimp, "EARLY_BATCH", 4)
    reads = 0
    real_day = gitimp.Commit.day

    def counted(self):  # type: ignore[no-untyped-def]
        nonlocal reads
        reads += 1
        return real_day.fget(self)

    monkeypatch.setattr(gitimp.Commit, "day", property(counted))
    offered: list[object] = []
    found, _ = gitimp.import_repository(str(repo), [ME], on_early=offered.append)
    assert len(found) == 1 and not offered  # one day, one topic: nothing complete early
    assert reads < 20 * len(history)  # it was about len(history)² / 2


def test_pull_requests_of_the_day_being_read_are_offered_early(tmp_path, monkeypatch):
    """In a one-day history nothing is complete before the end, but a commit naming its pull
    request is already an entry: it is offered early (to be judged), and the answer is the
    same as grouping everything at once."""
    history = [
        (f"Change {n}" + (f" (#{500 + n})" if n % 4 == 0 else ""), T0 + n, f"api/f{n % 3}.py")
        for n in range(40)
    ]
    repo = _fast_repo(tmp_path / "day", history)
    monkeypatch.setattr(gitimp, "EARLY_BATCH", 4)
    offered: list[list] = []
    early, _ = gitimp.import_repository(str(repo), [ME], on_early=offered.append)
    plain, _ = gitimp.import_repository(str(repo), [ME])
    guessed = {c.text for batch in offered for c in batch}
    assert guessed and all(t.startswith("Merged pull request #") for t in guessed)
    assert guessed <= {c.text for c in plain}
    assert [(c.text, c.source_ref) for c in early] == [(c.text, c.source_ref) for c in plain]


def test_a_pull_request_offered_early_is_offered_again_when_it_grows(tmp_path, monkeypatch):
    """While its day is still being read, a pull request's commits are offered as an entry at
    once; #7, whose second commit comes in a later batch, is offered again with both, and
    every PR's last offer is the very candidate of the answer (made once, judged once)."""
    history = [
        (f"Change {n}" + (f" (#{500 + n})" if n % 4 == 0 else ""), T0 + n, f"api/f{n % 3}.py")
        for n in range(40)
    ]
    history[30] = ("Fix the retry (#7)", T0 + 30, "api/retry.py")
    history[2] = ("Start the retry (#7)", T0 + 2, "api/retry.py")
    repo = _fast_repo(tmp_path / "day", history)
    monkeypatch.setattr(gitimp, "EARLY_BATCH", 4)
    offered: list[list] = []
    early, _ = gitimp.import_repository(str(repo), [ME], on_early=offered.append)
    plain, _ = gitimp.import_repository(str(repo), [ME])
    assert [(c.text, c.source_ref, c.item_refs) for c in early] == [
        (c.text, c.source_ref, c.item_refs) for c in plain
    ]
    retry = [
        c.text for batch in offered for c in batch if c.text.startswith("Merged pull request #7:")
    ]
    assert len(retry) == 2 and "(1 commit," in retry[0] and "(2 commits," in retry[1]
    guesses = {id(c) for batch in offered for c in batch}
    prs = [c for c in early if c.text.startswith("Merged pull request #")]
    assert len(prs) == 11 and all(id(c) in guesses for c in prs)
    assert not any(c.text.startswith("api:") for batch in offered for c in batch)  # still read


@pytest.mark.parametrize("shape", ["merges read first", "my line on top"])
def test_early_batches_of_a_history_with_merges_give_the_merge_grouping(repo, monkeypatch, shape):
    """With merges the answer is grouped with them. While the merges are still being read,
    batches wait (grouped then, a merged PR's commits would be guessed as days and judged in
    vain); a line of the user's own commits on top of HEAD is offered at once."""
    monkeypatch.setattr(gitimp, "EARLY_BATCH", 1)
    if shape == "my line on top":
        for n in range(3):
            _commit(repo, "api/x.py", f"Tidy {n}", when=f"2026-10-{8 + n:02d}T09:00:00+02:00")
    real = gitimp.read_commits

    def slow(*args, **kw):  # type: ignore[no-untyped-def]
        for n, commit in enumerate(real(*args, **kw)):
            if n == 4:  # the walk for merges finishes meanwhile
                time.sleep(0.5)
            yield commit

    monkeypatch.setattr(gitimp, "read_commits", slow)
    offered: list[list] = []
    seen: list[object] = []
    real_feed = gitimp._EarlyGroups.feed

    def feed(self, read, reading, known):  # type: ignore[no-untyped-def]
        seen.append(None if known is None else bool(known[0]))
        return real_feed(self, read, reading, known)

    monkeypatch.setattr(gitimp._EarlyGroups, "feed", feed)
    early, stats = gitimp.import_repository(str(repo), [ME], on_early=offered.append)
    plain, _ = gitimp.import_repository(str(repo), [ME])
    assert stats["merges"] == 1 and offered
    assert [(c.text, c.source_ref, c.item_refs) for c in early] == [
        (c.text, c.source_ref, c.item_refs) for c in plain
    ]
    assert any(c.text.startswith("Merged pull request #42:") for c in early)
    if shape == "my line on top":
        assert seen[:3] == [None, None, None]  # my line, before anything else was known
        assert None not in seen[3:]  # then only with the merges known
    else:  # HEAD is someone else's: nothing is grouped before the merges are known
        assert None not in seen
        # PR #42 was offered whole once the merges were known: the answer reuses that entry.
        pr42 = next(c for c in early if c.text.startswith("Merged pull request #42:"))
        assert id(pr42) in {id(c) for batch in offered for c in batch}
    assert True in seen


def test_batches_are_guessed_with_the_merges_found_while_the_walk_goes_on(repo, monkeypatch):
    """The merges are streamed: once the walk has gone past the commits read, a batch is
    guessed with the merges found so far, before the first-parent line is known (here it is
    slow); the answer is still grouped with both, and equals grouping everything at once."""
    monkeypatch.setattr(gitimp, "EARLY_BATCH", 1)
    real_mainline, real_commits = gitimp.read_mainline, gitimp.read_commits

    def slow_mainline(*args, **kw):  # type: ignore[no-untyped-def]
        time.sleep(0.6)
        return real_mainline(*args, **kw)

    def pausing(*args, **kw):  # type: ignore[no-untyped-def]
        for n, commit in enumerate(real_commits(*args, **kw)):
            if n == 1:
                time.sleep(0.3)  # the walk for merges ends meanwhile
            yield commit

    monkeypatch.setattr(gitimp, "read_mainline", slow_mainline)
    monkeypatch.setattr(gitimp, "read_commits", pausing)
    seen: list[tuple[int, int]] = []
    real_feed = gitimp._EarlyGroups.feed

    def feed(self, read, reading, known):  # type: ignore[no-untyped-def]
        seen.append((len(known[0]), len(known[1])) if known else (-1, -1))
        return real_feed(self, read, reading, known)

    monkeypatch.setattr(gitimp._EarlyGroups, "feed", feed)
    offered: list[list] = []
    early, _ = gitimp.import_repository(str(repo), [ME], on_early=offered.append)
    monkeypatch.setattr(gitimp, "read_mainline", real_mainline)
    plain, _ = gitimp.import_repository(str(repo), [ME])
    assert (1, 0) in seen  # a guess with the merge found, the first-parent line not yet known
    assert offered
    assert [(c.text, c.source_ref, c.item_refs) for c in early] == [
        (c.text, c.source_ref, c.item_refs) for c in plain
    ]


def _count_walks(monkeypatch) -> list[str]:
    """Calls of the second walk of the history (the one that looks for merges)."""
    walks: list[str] = []
    real = gitimp.read_merges

    def counted(repo, **kw):  # type: ignore[no-untyped-def]
        walks.append(str(repo.path))
        return real(repo, **kw)

    monkeypatch.setattr(gitimp, "read_merges", counted)
    return walks


def test_a_linear_history_of_ones_own_commits_is_walked_once(tmp_path, monkeypatch):
    """HEAD and its single line of parents down to the root, all shown by the log: no merge
    can exist, so the second walk of the whole history is skipped and nothing changes."""
    history = [
        (f"Change {n}" + (" (#7)" if n == 3 else ""), T0 + n * DAY, "api/x.py") for n in range(6)
    ]
    repo = _fast_repo(tmp_path / "line", history)
    walks = _count_walks(monkeypatch)
    found, stats = gitimp.import_repository(str(repo), [ME])
    assert walks == [] and stats["merges"] == 0
    commits = list(gitimp.read_commits(gitimp.open_repository(str(repo)), [ME]))
    expected = gitimp.group_commits(commits, [], gitimp.open_repository(str(repo)))
    assert [(c.text, c.item_refs) for c in found] == [(c.text, c.item_refs) for c in expected]
    assert len(found) == 6 and sum(c.text.startswith("Merged pull request #7") for c in found) == 1


def test_a_merge_below_a_line_of_ones_own_commits_is_still_found(tmp_path, monkeypatch):
    """The log leaves merges out, so a line that looks unbroken at first breaks where a merge
    sits below it: the merges are then read as before and the branch becomes its PR."""
    r = tmp_path / "merged"
    r.mkdir()
    _git(r, "init", "-q", "-b", "main")
    _commit(r, "billing/a.py", "Start billing")
    _git(r, "checkout", "-q", "-b", "feature/retry")
    _commit(r, "api/webhook.py", "Add retry to webhook", when="2026-10-03T09:00:00+02:00")
    _merge_pr_42(r)
    _commit(r, "billing/b.py", "Round totals", when="2026-10-05T09:00:00+02:00")
    _commit(r, "billing/b.py", "Test rounding", when="2026-10-06T09:00:00+02:00")
    walks = _count_walks(monkeypatch)
    found, stats = gitimp.import_repository(str(r), [ME])
    assert len(walks) == 1 and stats["merges"] == 1
    assert any(c.text.startswith("Merged pull request #42: Retry payment webhooks") for c in found)


def test_another_authors_commit_or_a_since_cut_reads_merges(repo, tmp_path, monkeypatch):
    walks = _count_walks(monkeypatch)
    gitimp.import_repository(str(repo), [ME])  # HEAD is sam's commit: the line is not ours
    assert len(walks) == 1
    line = _fast_repo(tmp_path / "line", [(f"Change {n}", T0 + n * DAY, "a.py") for n in range(4)])
    found, _ = gitimp.import_repository(str(line), [ME], since="2026-09-23")
    assert len(walks) == 2 and len(found) == 2  # the cut stops above the root
    gitimp.import_repository(str(line), [ME], since="2026-09-01")  # the root is shown
    assert len(walks) == 2


def test_the_line_check_needs_head_first_and_single_parents():
    def c(sha: str, *parents: str) -> gitimp.Commit:
        return gitimp.Commit(sha, list(parents), ME, "2026-10-01T10:00:00+00:00", "s", "")

    line = gitimp.Line("c3")
    for commit in (c("c3", "c2"), c("c2", "c1"), c("c1")):
        line.see(commit)
    assert line.whole
    for history in ([c("c2", "c1"), c("c1")], [c("c3", "c2", "x"), c("c2", "c1"), c("c1")]):
        line = gitimp.Line("c3")
        for commit in history:
            line.see(commit)
        assert not line.whole  # HEAD not shown first; a commit with two parents
    line = gitimp.Line("c3")
    line.see(c("c3", "c2"))
    assert line.unbroken and not line.whole  # the root was never shown (a --since cut)
    assert not gitimp.Line(None).unbroken  # no HEAD to start from


# -- QA fixes: messages and repeated repositories ---------------------------------------------
def test_not_a_repository_names_the_folder_without_a_stray_colon(tmp_path, run):
    (tmp_path / "plain").mkdir()
    out = run("import", "git", str(tmp_path / "plain"), "--author", ME, ok=False).output
    assert f"Error: {tmp_path / 'plain'} is not a git repository." in out


def test_since_after_every_commit_says_the_date_may_exclude_them(repo, run):
    out = run("import", "git", str(repo), "--author", ME, "--since", "2027-01-01").output
    assert "since 2027-01-01" in out and "earlier --since" in out
    assert "check the email" not in out


def test_an_empty_repository_says_it_has_no_commits(tmp_path, run):
    r = tmp_path / "empty"
    r.mkdir()
    _git(r, "init", "-q")
    out = run("import", "git", str(r), "--author", ME).output
    assert f"{r} has no commits yet." in out and "check the email" not in out


def test_the_same_repository_twice_is_read_once(repo, run, ws):
    again = str(repo) + "/"
    data = json.loads(run("import", "git", str(repo), again, "--author", ME, "--json").stdout)
    assert data["added"] == 4 and data["found"] == 4 and data["skipped"] == 0
    assert not any("imported before" in note for note in data["notes"])
    out = run("import", "git", str(repo), str(repo), "--author", ME, "--dry-run").output
    assert "Nothing new to import" in out


def test_git_variables_of_the_callers_shell_do_not_redirect_the_import(repo, tmp_path, monkeypatch):
    """GIT_DIR, GIT_WORK_TREE and friends left in the shell would make git read another
    repository than the one named; they are dropped, and git is told to write its log in full
    buffers rather than flush after every commit (GIT_FLUSH=0: nothing is read until the
    end of a record anyway)."""
    other = tmp_path / "other"
    other.mkdir()
    _git(other, "init", "-q", "-b", "main")
    _commit(other, "x.txt", "Something else entirely")
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(other))
    monkeypatch.setenv("GIT_FLUSH", "1")
    env = gitimp._env()
    assert "GIT_DIR" not in env and "GIT_WORK_TREE" not in env and env["GIT_FLUSH"] == "0"
    found, _ = gitimp.import_repository(str(repo), [ME])
    texts = " ".join(c.text for c in found)
    assert "retry" in texts.lower() and "Something else" not in texts


@pytest.mark.parametrize(
    ("subject", "topic"),
    [
        ("feat(billing): round totals", "billing"),
        ("fix(API)!: drop v1", "api"),
        ("Fix the retry (123)", "api"),  # a number in brackets is no scope: the folder decides
        ("chore: bump (deps)", "api"),
        ("feat (web): spaced", "api"),
    ],
)
def test_the_topic_is_the_conventional_scope_else_the_folder(subject, topic):
    commit = gitimp.Commit("h", [], ME, "2026-10-01T09:00:00+00:00", subject, "")
    commit.areas = {"api": 3}
    assert gitimp.topic_of(commit) == topic


def pairing_repo(root: Path) -> Path:
    """My own commit, two commits others made with me (a Co-authored-by trailer naming my
    email, in any case), and two that only mention me or name someone else."""
    r = root / "pairing"
    r.mkdir(parents=True)
    _git(r, "init", "-q", "-b", "main")
    _commit(r, "api/limit.py", "Add the rate limiter", when="2026-10-01T10:00:00+02:00")
    _commit(
        r,
        "api/buckets.py",
        "Tune the limiter buckets\n\nCo-authored-by: Me <ME@Example.com>",
        email="ana@example.com",
        when="2026-10-01T15:00:00+02:00",
    )
    _commit(
        r,
        "web/thanks.js",
        "Add the thank-you page\n\nThanks to me@example.com for the review",
        email="ana@example.com",
        when="2026-10-02T09:00:00+02:00",
    )
    _commit(
        r,
        "web/pair.js",
        "Pair on the cart\n\nCo-authored-by: Sam <sam@example.com>",
        email="ana@example.com",
        when="2026-10-02T11:00:00+02:00",
    )
    _commit(
        r,
        "docs/runbook.md",
        "Write the limiter runbook\n\nCo-authored-by: me@example.com",
        email="bo@example.com",
        when="2026-10-03T09:00:00+02:00",
    )
    return r


def test_commits_others_made_with_me_come_in_only_when_asked(tmp_path: Path):
    r = pairing_repo(tmp_path)
    own, stats = gitimp.import_repository(str(r), [ME])
    assert [c.text.split(" (")[0] for c in own] == ["api: Add the rate limiter"]
    assert "coauthored" not in stats

    paired, stats = gitimp.import_repository(str(r), [ME], coauthored=True)
    by_text = {c.text.split(" (")[0]: c for c in paired}
    # the pairing commit joins my own commit's day and topic; a mention is no trailer
    assert set(by_text) == {
        "api: Add the rate limiter; Tune the limiter buckets",
        "docs: Write the limiter runbook",
    }
    assert all("co-authored" in c.tags for c in paired)
    assert stats["coauthored"] == 2 and stats["commits"] == 3
    # commits imported before stay out, co-authored ones too
    skip = {ref for c in paired for ref in c.item_refs}
    assert gitimp.import_repository(str(r), [ME], coauthored=True, skip=skip)[0] == []


def test_import_git_coauthored_from_the_command_line(tmp_path: Path, run, ws):
    r = pairing_repo(tmp_path)
    out = json.loads(run("import", "git", str(r), "--author", ME, "--coauthored", "--json").stdout)
    assert out["added"] == 2 and out["detected"]["coauthored"] == 2
    assert any(
        "2 commits by others that name you in a Co-authored-by line" in n for n in out["notes"]
    )
    tagged = run("log", "--tag", "co-authored").stdout
    assert "Tune the limiter buckets" in tagged and "Write the limiter runbook" in tagged
    again = json.loads(
        run("import", "git", str(r), "--author", ME, "--coauthored", "--json").stdout
    )
    assert again["added"] == 0 and _count(ws) == 2
    plain = json.loads(run("import", "git", str(r), "--author", ME, "--json").stdout)
    assert "coauthored" not in plain["detected"] and plain["added"] == 0


def test_without_author_the_repository_s_git_email_is_used(repo, run, ws, no_git_identity):
    failed = run("import", "git", str(repo), ok=False)
    assert failed.exit_code != 0 and "git has no user.email here" in failed.output
    assert "--author" in failed.output and _count(ws) == 0
    _git(repo, "config", "user.email", ME)  # this repository's own setting
    out = json.loads(run("import", "git", str(repo), "--json").stdout)
    assert out["added"] == 4
    assert f"Commits by {ME}, your git user.email; add --author" in " ".join(out["notes"])
    assert gitimp.configured_email(str(repo)) == ME
    with pytest.raises(PromocaseImportError, match="no such folder"):
        gitimp.configured_email(str(repo / "missing"))


def _head_of(repo: Path) -> str:
    out = subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True)
    return out.stdout.decode().strip()


def test_a_commit_and_its_revert_are_left_out_together(tmp_path: Path, run):
    r = tmp_path / "reverts"
    r.mkdir()
    _git(r, "init", "-q", "-b", "main")
    _commit(r, "api/cache.py", "Add the caching layer", when="2026-10-01T10:00:00+02:00")
    cache = _head_of(r)
    _commit(r, "api/limit.py", "Add the rate limiter", when="2026-10-01T11:00:00+02:00")
    _git(r, "revert", "--no-edit", cache, when="2026-10-02T09:00:00+02:00")
    _commit(r, "web/page.js", "Add the status page", when="2026-10-03T09:00:00+02:00")
    limiter = _git_log_hash(r, "Add the rate limiter")
    _git(r, "revert", "--no-edit", limiter, when="2026-10-04T09:00:00+02:00")
    _git(r, "revert", "--no-edit", _head_of(r), when="2026-10-05T09:00:00+02:00")  # reapply
    out = json.loads(run("import", "git", str(r), "--author", ME, "--json").stdout)
    texts = " ".join(e["text"] for e in out["entries"])
    assert "caching layer" not in texts  # added, then reverted: nothing changed
    assert "Add the rate limiter" in texts  # reverted, then the revert reverted: it stands
    assert "status page" in texts and 'Revert "' not in texts
    assert out["detected"]["new_commits"] == 2 and out["detected"]["reverted"] == 2
    assert any("2 commits and the reverts that undid them were left out" in n for n in out["notes"])


def _git_log_hash(repo: Path, subject: str) -> str:
    out = subprocess.run(
        ["git", "-C", str(repo), "log", "--format=%H", f"--grep={subject}", "--fixed-strings"],
        capture_output=True,
    )
    return out.stdout.decode().split()[0]


def test_a_revert_read_after_early_grouping_takes_its_commit_out(tmp_path: Path):
    """Commits are grouped while git still writes, newest first; the revert comes before the
    commit it undoes, and the answer leaves both out however early the groups were offered."""
    history = [(f"Change {n}", T0 + n * 3600, f"api/f{n % 5}.py") for n in range(2100)]
    history[5] = ("Change 5", T0 + 5 * 3600, "api/only5.py")  # reverts without a conflict
    r = _fast_repo(tmp_path / "big", history)
    _git(r, "reset", "-q", "--hard")  # a work tree to revert in
    oldest = subprocess.run(
        ["git", "-C", str(r), "rev-list", "--reverse", "HEAD"], capture_output=True
    ).stdout.decode()
    undone = oldest.split()[5]  # "Change 5"
    _git(r, "revert", "--no-edit", undone, when="2027-01-01T09:00:00+00:00")
    offered: list = []
    found, stats = gitimp.import_repository(str(r), [ME], on_early=offered.extend)
    assert offered, "groups were offered before git finished"
    assert stats["reverted"] == 1 and stats["new_commits"] == 2099
    refs = {ref for c in found for ref in c.item_refs}
    assert undone not in refs and len(refs) == 2099
    plain, _ = gitimp.import_repository(str(r), [ME])
    assert [(c.text, c.item_refs) for c in found] == [(c.text, c.item_refs) for c in plain]


def test_a_revert_of_a_commit_the_import_does_not_read_stays(tmp_path: Path):
    r = tmp_path / "theirs"
    r.mkdir()
    _git(r, "init", "-q", "-b", "main")
    _commit(r, "api/x.py", "Add a flaky retry", email="sam@example.com")
    _git(r, "revert", "--no-edit", _head_of(r), when="2026-10-02T09:00:00+02:00")  # mine
    found, stats = gitimp.import_repository(str(r), [ME])
    assert len(found) == 1 and found[0].text.startswith('api: Revert "Add a flaky retry"')
    assert "reverted" not in stats


@pytest.mark.parametrize(
    ("subject", "body", "text"),
    [
        (
            "Merged PR 9: Retry payment webhooks",
            "",
            "Merged pull request #9: Retry payment webhooks",
        ),
        (
            "Merged in feature/retry (pull request #7)",
            "Retry payment webhooks\n\n* Add retry",
            "Merged pull request #7: Retry payment webhooks",
        ),
        ("Merged in feature/retry (pull request #7)", "", "Merged pull request #7: feature/retry"),
    ],
)
def test_azure_devops_and_bitbucket_pull_requests_are_one_entry(tmp_path, subject, body, text):
    """Merged as a merge commit (the branch's commits are the PR's) or squashed into one."""
    merged = tmp_path / "merged"
    merged.mkdir()
    _git(merged, "init", "-q", "-b", "main")
    _commit(merged, "README.md", "Start")
    _git(merged, "checkout", "-q", "-b", "feature/retry")
    _commit(merged, "api/webhook.py", "Add retry", when="2026-10-03T09:00:00+02:00")
    _commit(merged, "api/webhook.py", "Test retry", when="2026-10-04T09:00:00+02:00")
    _git(merged, "checkout", "-q", "main")
    message = ["-m", subject] + (["-m", body] if body else [])
    _git(
        merged,
        "merge",
        "-q",
        "--no-ff",
        "feature/retry",
        *message,
        when="2026-10-05T09:00:00+02:00",
    )
    found, _ = gitimp.import_repository(str(merged), [ME])
    prs = [c for c in found if c.text.startswith("Merged pull request")]
    assert len(prs) == 1 and prs[0].text.startswith(text + " (2 commits")

    squashed = tmp_path / "squashed"
    squashed.mkdir()
    _git(squashed, "init", "-q", "-b", "main")
    full = subject + ("\n\n" + body if body else "")
    _commit(squashed, "api/webhook.py", full, when="2026-10-05T09:00:00+02:00")
    (entry,) = gitimp.import_repository(str(squashed), [ME])[0]
    assert entry.text.startswith(text + " (1 commit")


def test_lines_a_tool_wrote_are_left_out_of_the_size(tmp_path: Path):
    """A dependency bump rewrites thousands of lockfile lines: the entry's size counts the
    lines a person wrote (the files still count)."""
    r = tmp_path / "shop"
    r.mkdir()
    _git(r, "init", "-q", "-b", "main")
    (r / "web").mkdir()
    (r / "web" / "app.js").write_text("a\n" * 10)
    (r / "package-lock.json").write_text("x\n" * 4000)
    (r / "web" / "vendor").mkdir()
    (r / "web" / "vendor" / "lib.js").write_text("v\n" * 500)
    _git(r, "add", ".")
    _git(r, "commit", "-q", "-m", "Add the cart page")
    (entry,) = gitimp.import_repository(str(r), [ME])[0]
    assert "(1 commit, 3 files, +10/−0 lines in web" in entry.text
    assert entry.text.startswith("web: Add the cart page")


@pytest.mark.parametrize(
    ("path", "made"),
    [
        ("package-lock.json", True),
        ("services/api/poetry.lock", True),
        ("Cargo.lock", True),
        ("go.sum", True),
        ("web/static/app.min.js", True),
        ("vendor/github.com/x/y.go", True),
        ("web/node_modules/left-pad/index.js", True),
        ("src/__snapshots__/cart.test.js.snap", True),
        ("api/orders.pb.go", True),
        ("web/app.js", False),
        ("docs/locking.md", False),
        ("src/vendors.py", False),
    ],
)
def test_files_a_tool_writes(path, made):
    assert gitimp.generated(path) is made


def test_a_co_author_email_is_matched_literally():
    """The address goes to git as a basic regular expression: its dots and brackets match
    only themselves."""
    assert gitimp._bre_literal("a.b+c[d]*@x.com") == r"a\.b+c\[d\]\*@x\.com"
    trailers = "Fix\n\nCo-authored-by: A <a.b@x.com>\nco-authored-by:  axb@x.com \n"
    assert [m.group(1) for m in gitimp._COAUTHOR.finditer(trailers)] == ["a.b@x.com", "axb@x.com"]
    assert not list(gitimp._COAUTHOR.finditer("Co-authored-by:\nme@x.com"))


@pytest.mark.parametrize(
    ("path", "area"),
    [
        ("api/webhook.py", "api"),
        ("README.md", "(root)"),
        ("tests/unit/test_x.py", "tests"),  # only container folders are looked through
        ("src/acme_app/billing/invoice.py", "billing"),  # src layout, package named as the repo
        ("src/acme_app/cli.py", "acme_app"),  # a file directly in the package: the package
        ("src/main.c", "src"),  # a file directly in a container: the container
        ("src/parser/lexer.c", "parser"),
        ("packages/billing/src/index.ts", "billing"),
        ("cmd/server/main.go", "server"),
        ("internal/auth/token.go", "auth"),
        ("Acme-App/search/index.py", "search"),  # flat layout; case, - and _ do not count
        ("acme_app_extras/x.py", "acme_app_extras"),
    ],
)
def test_a_change_is_in_the_area_below_container_folders_and_the_repository_name(path, area):
    own = frozenset({gitimp._own_name("acme-app")})
    assert gitimp.area_of(path, own) == area
    stats = f"1\t2\t{path}\n"
    record = "h\x1f\x1fme@example.com\x1f2026-10-01T09:00:00+00:00\x1fs\x1f\x1f" + stats
    # the parser's areas agree with area_of, also once it has seen the folder before
    through: dict[str, bool] = {}
    for _ in range(2):
        parsed = gitimp._parse(record, own, through)
        assert parsed is not None and parsed.areas == {area: 3}


def test_a_day_in_a_src_layout_is_split_by_the_part_of_the_project(tmp_path: Path):
    """A Python project laid out as src/<package>/: every change is under src/, so the folder
    at the top says nothing; the entries name the parts of the package instead."""
    r = tmp_path / "acme-app"
    r.mkdir()
    _git(r, "init", "-q", "-b", "main")
    _commit(r, "src/acme_app/billing/invoice.py", "Round invoice totals")
    _commit(r, "src/acme_app/billing/tax.py", "Fix VAT on refunds")
    _commit(r, "src/acme_app/search/index.py", "Rebuild the search index nightly")
    found, _ = gitimp.import_repository(str(r), [ME])
    by_topic = {c.tags[-1]: c.text for c in found}
    assert set(by_topic) == {"billing", "search"}
    assert by_topic["billing"].startswith("billing: Round invoice totals; Fix VAT on refunds (")
    assert by_topic["billing"].endswith("lines in billing)")


def test_the_repository_s_own_names_come_from_its_folder_and_its_origin(tmp_path: Path):
    r = tmp_path / "checkout"
    r.mkdir()
    _git(r, "init", "-q", "-b", "main")
    _git(r, "remote", "add", "origin", "git@github.com:acme/Widget_Kit.git")
    assert gitimp.open_repository(str(r)).own == {"checkout", "widget-kit"}
    _git(r, "remote", "set-url", "origin", "https://gitlab.example.com/acme/tools/widget-kit/")
    assert gitimp.open_repository(str(r)).own == {"checkout", "widget-kit"}


@pytest.mark.parametrize(
    ("areas", "topic"),
    [
        ({"billing": 20, "tests": 60}, "billing"),  # the test is longer than the change
        ({"(root)": 4000, "web": 12}, "web"),  # a lockfile's lines
        ({"docs": 50, "api": 10, "billing": 30}, "billing"),
        ({"tests": 30, "docs": 10}, "tests"),  # only supporting areas: the largest
        ({"docs": 5, "(root)": 9}, "(root)"),
    ],
)
def test_tests_docs_and_top_files_follow_the_work_they_support(areas, topic):
    commit = gitimp.Commit("h", [], ME, "2026-10-01T09:00:00+00:00", "Round totals", "")
    commit.areas = areas
    assert gitimp.topic_of(commit) == topic


def _summed_at_once(commits: list) -> tuple:
    """What _candidate computed from a group's whole commit list before running sums."""
    areas: dict[str, int] = {}
    for c in commits:
        for area, lines in c.areas.items():
            areas[area] = areas.get(area, 0) + lines
    subjects = list(dict.fromkeys(c.subject for c in reversed(commits)))
    return (
        sum(c.added for c in commits),
        sum(c.deleted for c in commits),
        sum(c.files for c in commits),
        areas,
        subjects,
    )


@pytest.mark.parametrize("seed", range(30))
def test_a_groups_running_sums_equal_summing_it_at_once(seed: int) -> None:
    """A group's sums are kept up to date as commits are added in batches (while git is
    still writing); they must equal summing the whole list, subjects in the same order
    (repeated subjects included), and start over if the list is replaced."""
    import random

    rng = random.Random(seed)
    group = gitimp._Group("day", "2026-10-01/api", "api", "2026-10-01", "h0")
    for n in range(rng.randint(1, 60)):
        c = gitimp.Commit(f"h{n}", [], ME, "2026-10-01T10:00:00+00:00", rng.choice("ABCDE"), "")
        c.added, c.deleted, c.files = rng.randint(0, 9), rng.randint(0, 9), rng.randint(1, 3)
        c.areas = {rng.choice(["api", "web", "(root)"]): c.added + c.deleted}
        group.commits.append(c)
        if rng.random() < 0.3:  # a batch ends here
            group.totals()
    t = group.totals()
    assert (t.added, t.deleted, t.files, t.areas, list(reversed(t.by_last))) == _summed_at_once(
        group.commits
    )
    group.commits = list(reversed(group.commits))  # not grown at the end: summed afresh
    t = group.totals()
    assert (t.added, t.deleted, t.files, t.areas, list(reversed(t.by_last))) == _summed_at_once(
        group.commits
    )


def test_the_suggester_reads_entries_without_their_size_note(repo):
    """Every git entry ends with its size, "(2 commits, 3 files, +40/−2 lines in api)"; the
    suggester leaves that note out (its "commit", "files" and numbers pulled every entry the
    same way), so the note must stay in the one form analysis.text knows."""
    from promocase.analysis.text import SIZE_NOTE, without_size_note

    found, _ = gitimp.import_repository(str(repo), [ME])
    assert found
    for cand in found:
        assert SIZE_NOTE.search(cand.text), cand.text
        bare = without_size_note(cand.text)
        assert bare and "commit" not in bare.split(":")[-1] and not bare.endswith(")")


_pieces = st.text(max_size=60) | st.sampled_from(
    [
        "src/",
        "packages/",
        "Revert ",
        "Merged PR 12: x",
        "Merged in b (pull request #3)",
        "(#4)",
        "This reverts commit " + "a" * 40,
        "Co-authored-by: A <me@example.com>",
        "\t",
        "\n",
        "/",
    ]
)


@settings(max_examples=150, deadline=None)
@given(subject=_pieces, body=_pieces, paths=st.lists(_pieces, max_size=4))
def test_fuzz_the_log_record_parser_and_the_grouping(subject, body, paths):
    """Whatever people write in subjects, messages and file names, reading a record and
    grouping it never fails: the record is read or skipped, and each commit lands in a group."""
    stats = "".join(f"3\t1\t{p}\n" for p in paths)
    record = "\x1f".join(["a" * 40, "", ME, "2026-10-01T09:00:00+00:00", subject, body]) + "\x1f"
    commit = gitimp._parse(record + "\n" + stats, frozenset({"shop"}), {})
    for path in paths:
        assert gitimp.area_of(path, frozenset({"shop"}))
        gitimp.generated(path)
    if commit is None:
        return
    assert gitimp.topic_of(commit)
    gitimp._hosted_pr(commit.subject, commit.body)
    gitimp._undone([commit], [commit])
    list(gitimp._COAUTHOR.finditer(commit.body))
    squash: dict = {}
    days: dict = {}
    gitimp._feed(squash, days, [commit])
    assert sum(len(g.commits) for g in (*squash.values(), *days.values())) == 1


def _synthetic_history(branches: int) -> tuple[list, list]:
    """The user's commits on `branches` two-commit branches, each merged by a PR merge (two
    merges take the same branch: the newer one wins), plus merges of others' work."""
    commits, merges = [], []
    for b in range(branches):
        tip, base = f"{b:04d}b", f"{b:04d}a"
        when = f"2026-10-{1 + b % 28:02d}T10:00:00+00:00"
        commits += [
            gitimp.Commit(tip, [base], ME, when, f"Finish part {b}", ""),
            gitimp.Commit(base, [f"main{b}"], ME, when, f"Start part {b}", ""),
        ]
        body = f"Part {b}"
        merges.append(
            gitimp.Merge(
                f"m{b}", [f"main{b}", tip], when, f"Merge pull request #{b} from x/y", body
            )
        )
        merges.append(
            gitimp.Merge(
                f"o{b}",
                [f"main{b}", f"other{b}"],
                when,
                f"Merge pull request #{9000 + b} from z/w",
                "theirs",
            )
        )
        if b % 5 == 0:  # a later merge of the same branch tip
            merges.append(
                gitimp.Merge(
                    f"r{b}",
                    [f"main{b}", tip],
                    when,
                    f"Merge pull request #{5000 + b} from x/y",
                    "again",
                )
            )
    return commits, merges


def _shape(groups) -> list:  # type: ignore[no-untyped-def]
    merged, squash, days = groups
    return [
        (g.kind, g.key, g.ref, [c.hash for c in g.commits])
        for g in (*merged, *squash.values(), *days.values())
    ]


def test_a_merge_index_groups_a_batch_as_looking_at_every_merge_does():
    """Batches are grouped with the merges streamed so far: the index looks only at the merges
    whose branch starts in the batch, and the groups come out the same, in the same order."""
    commits, merges = _synthetic_history(30)
    index = gitimp.MergeIndex()
    for known in (10, 25, 40, len(merges)):  # the list of merges grows as the walk goes on
        for start in range(0, len(commits), 7):
            batch = commits[start : start + 7]
            assert _shape(gitimp._groups(batch, merges[:known], set(), index)) == _shape(
                gitimp._groups(batch, merges[:known], set())
            )
        assert index.size == known
    # a merge of someone else's work is never looked at
    assert all(m.hash.startswith(("m", "r")) for m in index.reaching(commits, merges))
    # another list (not one the index grew from) is indexed again
    other = merges[: len(merges) // 2][::-1]
    assert _shape(gitimp._groups(commits, other, set(), index)) == _shape(
        gitimp._groups(commits, other, set())
    )

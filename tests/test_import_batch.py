"""Batched writes used by imports: the same rows, history and search as one-by-one writes."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from promocase.core.evidence import Evidence, Metric
from promocase.store import evidence as store
from promocase.store.connection import write_transaction
from promocase.workspace import Workspace


def _entries() -> list[Evidence]:
    return [
        Evidence(text="Cut p95 latency of search", date="2026-10-01", tags=["perf", "api", "perf"]),
        Evidence(
            text="Shipped billing retries",
            date="2026-10-02",
            outcome="No more failed renewals",
            metric=Metric(name="failed renewals", unit="%", value=3, before=4, after=1),
            role="led",
            scope="org",
            links=["https://example.com/pr/1", "https://example.com/doc"],
            source="git",
            source_ref="abc123",
        ),
        Evidence(
            text="Great help with the launch",
            date="2026-10-03",
            kind="praise",
            praise_from="Sam",
            verified=True,
        ),
        Evidence(text="Ünïcode — naïve café", date="2026-10-04", tags=["Zeta", "alpha"]),
    ]


def _dump(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    return {
        table: conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()  # noqa: S608
        for table in ("evidence", "evidence_tag", "evidence_link", "evidence_criterion")
    } | {
        "fts": conn.execute(
            "SELECT rowid, text, outcome, extra FROM evidence_fts ORDER BY rowid"
        ).fetchall(),
        "history": conn.execute(
            "SELECT evidence_id, at, action, snapshot FROM evidence_history ORDER BY id"
        ).fetchall(),
    }


def _one_by_one(one: Workspace, many: Workspace, entries: list[Evidence]) -> None:
    """An earlier entry in both (so ids do not start at 1 and reused ids are covered), then
    `entries` into `one` with store.insert, the reference for `many`'s insert_many."""
    for w in (one, many):
        with write_transaction(w.conn):
            store.insert(w.conn, Evidence(text="Earlier", date="2026-09-01"))
    with write_transaction(one.conn):
        for e in entries:
            store.insert(one.conn, e)


def test_insert_many_writes_what_insert_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PROMOCASE_NOW", "2026-11-20T10:00:00.000000Z")
    one, many = Workspace(tmp_path / "one"), Workspace(tmp_path / "many")
    try:
        _one_by_one(one, many, _entries())
        with write_transaction(many.conn):
            out = store.insert_many(many.conn, _entries())
        assert [e.id for e in out] == [2, 3, 4, 5]
        assert all(e.created_at == "2026-11-20T10:00:00.000000Z" for e in out)
        assert _dump(one.conn) == _dump(many.conn)
        assert store.history(many.conn, 3)[0]["snapshot"]["metric"]["value"] == 3.0
        assert [e.id for e, _ in store.search(many.conn, "naive cafe")] == [5]
    finally:
        one.close()
        many.close()


def test_insert_many_of_nothing_writes_nothing(ws: Workspace):
    with write_transaction(ws.conn):
        assert store.insert_many(ws.conn, []) == []
    assert ws.conn.execute("SELECT count(*) FROM evidence_history").fetchone()[0] == 0


def test_insert_many_keeps_the_unique_source_ref(ws: Workspace):
    twice = [
        Evidence(text="a", date="2026-10-01", source="git", source_ref="r1"),
        Evidence(text="b", date="2026-10-01", source="git", source_ref="r1"),
    ]
    with pytest.raises(sqlite3.IntegrityError), write_transaction(ws.conn):
        store.insert_many(ws.conn, twice)
    assert ws.conn.execute("SELECT count(*) FROM evidence").fetchone()[0] == 0


_TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "text": _TEXT,
                "outcome": st.none() | _TEXT,
                "praise_from": st.none() | _TEXT,
                "tags": st.lists(_TEXT, max_size=3),
                "links": st.lists(_TEXT, max_size=2),
                "verified": st.booleans(),
                "metric": st.none() | st.builds(Metric, name=_TEXT, value=st.floats(0, 1e6)),
            }
        ),
        min_size=1,
        max_size=4,
    )
)
def test_snapshots_built_by_sqlite_are_the_ones_python_writes(ws: Workspace, fields: list):
    """insert_many has SQLite write the 'create' snapshot of entries without a metric: the
    stored JSON must be byte for byte what _record_history writes (quotes, backslashes,
    control characters, any Unicode)."""
    entries = [Evidence(date="2026-10-01", **f) for f in fields]
    with write_transaction(ws.conn):
        store.insert_many(ws.conn, entries)
    for e in entries:
        stored = [
            tuple(r)
            for r in ws.conn.execute(
                "SELECT at, snapshot FROM evidence_history WHERE evidence_id = ?", (e.id,)
            )
        ]
        current = store.get(ws.conn, e.id or 0)
        assert current is not None
        assert stored == [(e.created_at, store._snapshot_json(store.snapshot(ws.conn, current)))]


def test_insert_many_keeps_tags_and_links_holding_a_nul(ws: Workspace):
    """The child rows come from a staging table through json_each, which cuts a string at a
    NUL; such entries are bound from Python instead, and read back whole."""
    entries = [
        Evidence(text="plain", date="2026-10-01", tags=["a"], links=["https://x.test/1"]),
        Evidence(text="odd", date="2026-10-01", tags=["a\x00b", "c"], links=["x\x00y", "z"]),
    ]
    with write_transaction(ws.conn):
        store.insert_many(ws.conn, entries)
    odd = store.get(ws.conn, entries[1].id or 0)
    assert odd is not None and odd.tags == ["a\x00b", "c"] and odd.links == ["x\x00y", "z"]
    plain = store.get(ws.conn, entries[0].id or 0)
    assert plain is not None and plain.tags == ["a"] and plain.links == ["https://x.test/1"]


@pytest.mark.parametrize("bind", ["all", "none", "alternate", "reversed-then-rest"])
def test_insert_many_copies_entries_bound_ahead_as_it_would_bind_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bind: str
):
    """Entries bound ahead (store.Prebound, in any order, some of them or all) are stored
    exactly as insert writes them, with ids in the list's order; bound entries that are never
    inserted change nothing, and close() empties the table."""
    monkeypatch.setenv("PROMOCASE_NOW", "2026-11-20T10:00:00.000000Z")
    one, many = Workspace(tmp_path / "one"), Workspace(tmp_path / "many")

    def entries() -> list[Evidence]:
        out = _entries()
        out.append(Evidence(text="odd", date="2026-10-05", tags=["a\x00b"], links=["x\x00y"]))
        out.append(Evidence(text="dated", date="2026-10-06", created_at="2026-10-06T08:00:00Z"))
        return out

    try:
        _one_by_one(one, many, entries())
        batch = entries()
        chosen = {
            "all": batch,
            "none": [],
            "alternate": batch[::2],
            "reversed-then-rest": batch[::-1][:3],
        }[bind]
        pre = store.Prebound(many.conn)
        pre.add([Evidence(text="never inserted", date="2026-10-07")])
        pre.add(chosen)
        pre.add(chosen)  # bound once
        with write_transaction(many.conn):
            out = store.insert_many(many.conn, batch[:4], prebound=pre)
            out += store.insert_many(many.conn, batch[4:], prebound=pre)
        assert [e.id for e in out] == list(range(2, 2 + len(batch)))
        assert _dump(one.conn) == _dump(many.conn)
        odd = store.get(many.conn, out[4].id or 0)
        assert odd is not None and odd.tags == ["a\x00b"] and odd.links == ["x\x00y"]
        pre.close()
        assert many.conn.execute("SELECT count(*) FROM temp.evidence_pre").fetchone()[0] == 0
    finally:
        one.close()
        many.close()


# -- judging imported entries in bulk (and in a helper process) -----------------------------
TEXTS = [
    "Cut checkout p95 latency from 820 ms to 240 ms by caching prices",
    "Mentored two new engineers through their first on-call rotation",
    "Helped with various things",
    "Led the design review for the billing service; adopted by three teams",
    "Helped with various things",  # the same text twice is judged once
    "Wrote the migration guide for the payments API",
]


def _candidates() -> list:
    from promocase.importers.candidate import Candidate

    return [
        Candidate(
            text=t,
            date=f"2026-10-{n + 1:02d}",
            source="git",
            source_ref=f"r{n}",
            item_refs=[f"c{n}"],
            tags=["git"],
        )
        for n, t in enumerate(TEXTS)
    ]


def _judgement_rows(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    return {
        "verdict": conn.execute("SELECT * FROM evidence_verdict ORDER BY 1").fetchall(),
        "signal": conn.execute("SELECT * FROM evidence_signal ORDER BY 1, 2").fetchall(),
        "criterion": conn.execute("SELECT * FROM evidence_criterion ORDER BY 1, 2, 3").fetchall(),
        # and in the order of one insert per suggestion, entry by entry, best first
        "criterion order": conn.execute(
            "SELECT evidence_id, criterion_id FROM evidence_criterion ORDER BY rowid"
        ).fetchall(),
    }


def _import(
    home: Path, acme_file: Path, ahead: list | None = None, **knobs: int
) -> tuple[dict, dict]:
    from promocase.services import importing
    from promocase.services.ladders import init_workspace

    w = Workspace(home)
    try:
        init_workspace(w, str(acme_file), current="L3", target="L4")
        seen: list[tuple[int, int]] = []
        with pytest.MonkeyPatch.context() as mp:
            for name, value in knobs.items():
                mp.setattr(importing, name, value)
            judge: bool | importing.Judge = True
            if ahead is not None:  # what an importer offers early, before its final answer
                judge = importing.Judge(w)
                judge.ahead([c.to_evidence() for c in ahead])
                for _ in range(500):  # let the helper finish (run_import drops what is left)
                    if len(judge.ahead_done) >= len({c.text for c in ahead}):
                        break
                    time.sleep(0.01)
            summary = importing.run_import(
                w,
                _candidates(),
                source="git",
                progress=lambda d, t: seen.append((d, t)),
                judge=judge,
            )
        assert seen[-1] == (len(TEXTS), len(TEXTS))
        return summary.to_json(), _judgement_rows(w.conn)
    finally:
        w.close()


def test_bulk_judgement_stores_what_store_judgement_stores(tmp_path, acme_file, monkeypatch):
    """The rows an import writes equal judgement._store_judgement's for the same verdict,
    suggestions (no level guess) and signals, entry by entry."""
    from promocase.analysis.signals import detect_signals
    from promocase.services import judgement
    from promocase.services.ladders import active_ladder, init_workspace

    monkeypatch.setenv("PROMOCASE_NOW", "2026-11-20T10:00:00.000000Z")
    summary, rows = _import(tmp_path / "bulk", acme_file)
    ref = Workspace(tmp_path / "ref")
    try:
        init_workspace(ref, str(acme_file), current="L3", target="L4")
        stored = active_ladder(ref)
        suggester = judgement.workspace_suggester(ref, stored)
        with write_transaction(ref.conn):
            for cand in _candidates():
                e = store.insert(ref.conn, cand.to_evidence())
                sugs = [
                    judgement.Suggestion(cid, cid, score, None)
                    for cid, score in suggester.suggest(e.text, judgement.SUGGEST_KEEP)
                    if score >= judgement.SUGGEST_MIN_SCORE
                ]
                judgement._store_judgement(  # noqa: SLF001 - the reference
                    ref.conn, e, stored, judgement.verdict_for(e), sugs, detect_signals(e.text)
                )
        assert rows == _judgement_rows(ref.conn)
        assert rows["criterion"], "the sample texts should get some suggestions"
        assert {e["verdict"] for e in summary["entries"]} == {"specific", "vague"}
    finally:
        ref.close()


def test_staged_suggestions_are_copied_in_order_without_a_sort(tmp_path):
    """SQLite gets the suggestions' order (entry, then rank) from the scans themselves: a sort
    per entry cost a fifth of the statement on 60,000 rows. ORDER BY still states the order,
    so a different plan would be slower, never wrong."""
    from promocase.services import importing

    w = Workspace(tmp_path / "w")
    try:
        w.conn.execute(importing._JUDGE_STAGE)  # noqa: SLF001
        w.conn.execute(importing._RANKS)  # noqa: SLF001
        plan = [
            row[3]
            for row in w.conn.execute(
                "EXPLAIN QUERY PLAN " + importing._SQL_SUGGESTIONS,  # noqa: SLF001
                (1, "2026-11-20"),
            )
        ]
    finally:
        w.close()
    assert plan and not any("TEMP B-TREE" in step for step in plan), plan


def test_bulk_judgement_stores_suggestions_beyond_the_staged_columns(tmp_path):
    """Judge.store stages three suggestions per entry as columns; any more still get stored,
    in rank order, and a criterion the entry already links keeps its link."""
    from promocase.services import importing
    from promocase.services.ladders import init_workspace

    w = Workspace(tmp_path / "w")
    try:
        init_workspace(w, "software-engineer", current="SE3", target="SE4")
        judge = importing.Judge(w)
        assert judge.stored is not None
        crits = [c.id for c in judge.stored.ladder.criteria][:5]
        assert len(crits) == 5
        first = Evidence(text="Led the migration", date="2026-11-02")
        second = Evidence(text="Cut build time 40%", date="2026-11-03")
        with write_transaction(w.conn):
            store.insert_many(w.conn, [first, second])
            w.conn.execute(
                "INSERT INTO evidence_criterion(evidence_id, ladder_id, criterion_id, status, "
                "made_by, created_at) VALUES (?, ?, ?, 'accepted', 'user', 'then')",
                (second.id, judge.stored.id, crits[4]),
            )
            judge.store(
                w.conn,
                [first, second],
                [
                    ("vague", ["outcome"], [(c, 0.9 - n / 10) for n, c in enumerate(crits)], []),
                    ("specific", [], [(crits[4], 0.5), (crits[0], 0.25)], ["mentoring"]),
                ],
            )
        rows = [
            tuple(r)
            for r in w.conn.execute(
                "SELECT evidence_id, criterion_id, status, score FROM evidence_criterion "
                "ORDER BY rowid"
            )
        ]
        assert [r for r in rows if r[0] == first.id] == [
            (first.id, c, "suggested", 0.9 - n / 10) for n, c in enumerate(crits)
        ]
        assert [r for r in rows if r[0] == second.id] == [
            (second.id, crits[4], "accepted", None),
            (second.id, crits[0], "suggested", 0.25),
        ]
        assert [
            tuple(r)
            for r in w.conn.execute(
                "SELECT evidence_id, verdict, missing FROM evidence_verdict ORDER BY 1"
            )
        ] == [(first.id, "vague", '["outcome"]'), (second.id, "specific", "[]")]
        assert [tuple(r) for r in w.conn.execute("SELECT * FROM evidence_signal")] == [
            (second.id, "mentoring")
        ]
        assert w.conn.execute("SELECT count(*) FROM temp.judge_stage").fetchone()[0] == 0
    finally:
        w.close()


def test_a_helper_process_judges_the_same_as_this_one(tmp_path, acme_file, monkeypatch):
    monkeypatch.setenv("PROMOCASE_NOW", "2026-11-20T10:00:00.000000Z")
    here = _import(tmp_path / "here", acme_file)
    helped = _import(tmp_path / "helped", acme_file, _PARALLEL_MIN=1, _CHUNK=1)
    assert here == helped


def test_a_helper_that_dies_leaves_its_share_to_this_process(tmp_path, acme_file, monkeypatch):
    from promocase.services import importing

    def broken(self, chunk):
        raise EOFError("helper gone")

    monkeypatch.setenv("PROMOCASE_NOW", "2026-11-20T10:00:00.000000Z")
    monkeypatch.setattr(importing._Helper, "judge", broken)
    here = _import(tmp_path / "here", acme_file)
    helped = _import(tmp_path / "helped", acme_file, _PARALLEL_MIN=1, _CHUNK=1)
    assert here == helped


def test_a_helper_that_exits_at_start_leaves_everything_to_this_process(
    tmp_path, acme_file, monkeypatch
):
    import sys

    gone = tmp_path / "gone.sh"
    gone.write_text("#!/bin/sh\nexit 0\n")
    gone.chmod(0o755)
    monkeypatch.setenv("PROMOCASE_NOW", "2026-11-20T10:00:00.000000Z")
    here = _import(tmp_path / "here", acme_file)
    monkeypatch.setattr(sys, "executable", str(gone))
    helped = _import(tmp_path / "helped", acme_file, _PARALLEL_MIN=1, _CHUNK=1)
    assert here == helped


def test_starting_a_helper_does_not_wait_for_it_to_read(tmp_path, monkeypatch):
    """The Suggester is larger than a pipe holds: writing it waits until the new process
    reads. That wait happens on a thread, not in the caller (the thread reading git)."""
    import sys

    from promocase.services import importing

    asleep = tmp_path / "asleep.sh"
    asleep.write_text("#!/bin/sh\nexec sleep 60\n")
    asleep.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(asleep))
    helper = importing._Helper(list(range(200_000)))  # pickles to well over 64 KB
    try:
        assert helper._sending.is_alive()  # still waiting for a reader, and we are back
    finally:
        helper.close()  # does not hang on the helper that never read
    assert helper.proc.poll() is not None
    assert not helper._sending.is_alive()


def test_judging_ahead_gives_the_same_rows_and_a_changed_guess_is_judged_again(
    tmp_path, acme_file, monkeypatch
):
    """Entries offered early are judged by the helper; the final entries reuse a judgement
    only when identical, so a guess that changed (here every other text) is judged afresh."""
    from promocase.services import importing

    monkeypatch.setenv("PROMOCASE_NOW", "2026-11-20T10:00:00.000000Z")
    here = _import(tmp_path / "here", acme_file)
    guesses = _candidates()
    for n, cand in enumerate(guesses):
        if n % 2:
            cand.text = "Helped with things"  # a guess that turns out different
    calls: list[int] = []
    real = importing._Helper.judge

    def counting(self, chunk):
        calls.append(len(chunk))
        return real(self, chunk)

    monkeypatch.setattr(importing._Helper, "judge", counting)
    ahead = _import(
        tmp_path / "ahead", acme_file, ahead=guesses, _AHEAD_MIN=1, _PARALLEL_MIN=1, _CHUNK=2
    )
    assert here == ahead
    # All the guesses went to the helper; of the texts that came out different, the helper
    # judged its share while this process judged the rest.
    guessed = len({c.text for c in guesses})
    changed = {c.text for c in _candidates()} - {c.text for c in guesses}
    assert guessed <= sum(calls) <= guessed + len(changed)


def test_judging_ahead_survives_a_helper_that_dies(tmp_path, acme_file, monkeypatch):
    from promocase.services import importing

    def broken(self, chunk):
        raise EOFError("helper gone")

    monkeypatch.setenv("PROMOCASE_NOW", "2026-11-20T10:00:00.000000Z")
    here = _import(tmp_path / "here", acme_file)
    monkeypatch.setattr(importing._Helper, "judge", broken)
    ahead = _import(
        tmp_path / "ahead", acme_file, ahead=_candidates(), _AHEAD_MIN=1, _PARALLEL_MIN=1, _CHUNK=1
    )
    assert here == ahead


def test_judging_ahead_starts_below_the_size_that_splits_the_final_judging(
    tmp_path, acme_file, monkeypatch
):
    """While git still runs the second core has room, so judging ahead starts a helper once
    _AHEAD_MIN entries wait, well below _PARALLEL_MIN (the size that splits the judging done
    after reading); with fewer waiting, nothing starts."""
    from promocase.services import importing

    w = Workspace(tmp_path / "ws")
    from promocase.services.ladders import init_workspace

    init_workspace(w, str(acme_file), current="L3", target="L4")
    monkeypatch.setattr(importing, "_PARALLEL_MIN", 10**6)
    monkeypatch.setattr(importing, "_AHEAD_MIN", 4)
    judge = importing.Judge(w)
    try:
        entries = [c.to_evidence() for c in _candidates()]
        judge.ahead(entries[:3])
        assert judge._ahead_helper is None  # 3 waiting: not worth a process
        judge.ahead(entries[3:5])
        assert judge._ahead_helper is not None  # 5 waiting: judged ahead
        unique = len({importing._judge_key(e) for e in entries[:5]})
        for _ in range(500):
            if len(judge.ahead_done) == unique:
                break
            time.sleep(0.01)
        assert len(judge.ahead_done) == unique
    finally:
        judge.close()


def test_a_helper_from_judging_ahead_judges_what_is_left_however_little(
    tmp_path, acme_file, monkeypatch
):
    """Entries that came out different from their early guess are left to judge after reading;
    the helper judging ahead is already running, so it takes them on (this process writes
    meanwhile) even far below _PARALLEL_MIN, and the judgements are the same."""
    from promocase.services import importing
    from promocase.services.ladders import init_workspace

    w = Workspace(tmp_path / "ws")
    init_workspace(w, str(acme_file), current="L3", target="L4")
    monkeypatch.setattr(importing, "_PARALLEL_MIN", 10**6)
    monkeypatch.setattr(importing, "_AHEAD_MIN", 1)
    monkeypatch.setattr(importing, "_CHUNK", 1)
    judge = importing.Judge(w)
    try:
        entries = [c.to_evidence() for c in _candidates()]
        guesses = [c.to_evidence() for c in _candidates()]
        for e in guesses[1::2]:
            e.text = "Helped with things"
        judge.ahead(guesses)
        judging = judge.start(entries)
        assert judging.thread is not None  # the helper carried on
        assert 0 < len(judging.unique) < len(entries)
        suggester = judge.suggester()
        assert judging.results() == [importing._judge_one(e, suggester) for e in entries]
    finally:
        judge.close()


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="no process priorities here")
def test_the_judging_helper_yields_the_cpu_to_git_and_the_importer(tmp_path, acme_file):
    """The helper's work can wait; git's and the writes after it cannot (on two cores the
    three compete: at the same priority, git took about a fifth longer on the hourly history)."""
    from promocase.services import importing
    from promocase.services.ladders import init_workspace

    w = Workspace(tmp_path / "ws")
    init_workspace(w, str(acme_file), current="L3", target="L4")
    judge = importing.Judge(w)
    helper = importing._Helper(judge.suggester())
    try:
        entries = [c.to_evidence() for c in _candidates()][:2]
        assert len(helper.judge(entries)) == 2  # running, past its start-up
        mine = os.getpriority(os.PRIO_PROCESS, 0)
        theirs = os.getpriority(os.PRIO_PROCESS, helper.proc.pid)
        assert theirs == min(19, mine + importing._HELPER_NICE)
    finally:
        helper.close()
        w.close()


def test_the_entry_judged_ahead_is_the_one_written(tmp_path, acme_file, monkeypatch):
    """A candidate becomes an entry once per run: the Evidence made to judge it ahead is the
    one run_import writes (to_evidence is not run again on 50,000 candidates)."""
    from promocase.importers.candidate import Candidate
    from promocase.services import importing
    from promocase.services.ladders import init_workspace

    w = Workspace(tmp_path / "ws")
    try:
        init_workspace(w, str(acme_file), current="L3", target="L4")
        judge = importing.Judge(w)
        cands = _candidates()
        made = [judge.evidence(c) for c in cands]
        assert [judge.evidence(c) for c in cands] == made
        assert all(a is b for a, b in zip(made, (judge.evidence(c) for c in cands), strict=True))
        judge.ahead(made)
        calls: list[Candidate] = []
        real = Candidate.to_evidence

        def counting(self):  # type: ignore[no-untyped-def]
            calls.append(self)
            return real(self)

        monkeypatch.setattr(Candidate, "to_evidence", counting)
        summary = importing.run_import(w, cands, source="git", judge=judge)
        assert not calls
        assert [e.id for e in made] == [e.id for e in summary.entries]
        assert all(isinstance(e.id, int) for e in made)
    finally:
        w.close()


@pytest.mark.parametrize("judging", [True, False])
def test_progress_counts_entries_written_and_judged_and_ends_when_committed(
    tmp_path, acme_file, monkeypatch, judging
):
    """A large import's bar once sat at 0 while the entries were written, then jumped to the
    end while the rest was still being saved. It now counts entries both written (in pieces)
    and judged, and reaches the end only once the transaction has committed."""
    from promocase.services import importing
    from promocase.services.ladders import init_workspace

    w = Workspace(tmp_path / "ws")
    try:
        init_workspace(w, str(acme_file), current="L3", target="L4")
        monkeypatch.setattr(importing, "_WRITE_CHUNK", 2)
        written = [0]
        real = store.insert_many

        def counting(conn, entries, **kw):  # type: ignore[no-untyped-def]
            out = real(conn, entries, **kw)
            written[0] += len(entries)
            return out

        monkeypatch.setattr(store, "insert_many", counting)
        seen: list[tuple[int, int, int, bool]] = []

        def progress(done: int, total: int) -> None:
            seen.append((done, total, written[0], w.conn.in_transaction))

        cands = _candidates()
        importing.run_import(w, cands, source="git", progress=progress, judge=judging)
        n = len(cands)
        assert seen[-1][:2] == (n, n) and not seen[-1][3]  # the end, after the commit
        assert all(total == n for _, total, _, _ in seen)
        assert all(done <= wrote and done < n for done, _, wrote, _ in seen[:-1])
        dones = [done for done, _, _, _ in seen]
        assert dones == sorted(dones) and any(0 < d < n for d in dones)
    finally:
        w.close()


@pytest.mark.parametrize("failing", ["store", "suggestions", "entries"])
def test_a_failure_while_storing_judgements_or_making_the_summary_writes_nothing(
    tmp_path, acme_file, monkeypatch, failing
):
    """The summary's entries are made on a thread while the judgements are stored; an error
    in either still reaches the caller and rolls the whole run back, staged rows included."""
    from promocase.services import importing
    from promocase.services.ladders import init_workspace

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError(f"{failing} broke")

    if failing == "store":
        monkeypatch.setattr(importing.Judge, "store", broken)
    elif failing == "suggestions":  # after the verdicts were staged and stored
        monkeypatch.setattr(
            importing, "_SQL_SUGGESTIONS", "INSERT INTO suggestions_broke VALUES (?1, ?2)"
        )
    else:
        monkeypatch.setattr(importing, "_entries", broken)
    w = Workspace(tmp_path / "ws")
    try:
        init_workspace(w, str(acme_file), current="L3", target="L4")
        with pytest.raises((RuntimeError, sqlite3.Error), match=f"{failing}.broke"):
            importing.run_import(w, _candidates(), source="git")
        for table in ("evidence", "evidence_verdict", "import_run", "import_entry"):
            assert w.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table  # noqa: S608
        for stage in ("judge_stage", "insert_stage"):  # rolled back, or emptied, or never made
            if w.conn.execute(
                "SELECT 1 FROM temp.sqlite_master WHERE name = ?", (stage,)
            ).fetchone():
                assert w.conn.execute(f"SELECT count(*) FROM temp.{stage}").fetchone()[0] == 0  # noqa: S608
        monkeypatch.undo()
        summary = importing.run_import(w, _candidates(), source="git")  # the run can be redone
        assert summary.added == len(TEXTS)
        assert [e.id for e in summary.entries] == list(range(1, len(TEXTS) + 1))
        assert all(e.verdict in ("specific", "vague") for e in summary.entries)
    finally:
        w.close()


def test_alongside_returns_what_was_made_and_raises_either_failure():
    from promocase.services.importing import _alongside

    order: list[str] = []
    assert _alongside(lambda: order.append("work"), lambda: "made") == "made"
    assert order == ["work"]

    def fail(what: str):  # type: ignore[no-untyped-def]
        def f():  # type: ignore[no-untyped-def]
            raise ValueError(what)

        return f

    with pytest.raises(ValueError, match="work"):
        _alongside(fail("work"), fail("make"))
    with pytest.raises(ValueError, match="make"):
        _alongside(lambda: None, fail("make"))


def test_the_reading_bar_ends_full_with_the_count_read(monkeypatch):
    """In a terminal, git's commit count is unknown while reading ("1000/?"); once writing
    starts the reading bar fills and shows how many were read, not a lasting "/?"."""
    import io
    import sys

    from promocase.cli import importers

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    with importers._progress("commits") as (on_read, on_write):  # noqa: SLF001
        on_read(1000)
        on_read(2500)
        on_write(0, 7)
        on_write(7, 7)
    shown = screen.getvalue()  # Rich draws at 10 Hz, so only the frames at exit are certain
    assert "2500/2500" in shown and "7/7" in shown


def test_an_outcome_added_later_does_not_bring_the_size_note_back_into_judging():
    """The size note ends a git entry's text; once the person adds an outcome, the text judged
    is text + outcome, and the note must still be left out (at import and after an edit alike:
    both read judgement's entry text)."""
    from promocase.analysis.mapping import Suggester
    from promocase.services import importing
    from promocase.services.ladders import load_sample

    suggester = Suggester(load_sample("software-engineer"))
    outcome = "Checkout errors fell from 2% to 0.1%"
    bare = Evidence(
        text="Add retry with jitter to the payments client", date="2026-11-02", outcome=outcome
    )
    noted = Evidence(
        text=bare.text + " (1 commit, 2 files, +9/−9 lines in web)",
        date="2026-11-02",
        outcome=outcome,
    )
    assert importing._judge_one(noted, suggester) == importing._judge_one(bare, suggester)  # noqa: SLF001

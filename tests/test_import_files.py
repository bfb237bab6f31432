"""Issue-tracker, calendar and brag imports: each tracker's column layout, ICS recurrence and
time zones, dated brag documents, and hostile files that must change nothing."""

from __future__ import annotations

import codecs
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from promocase.core.errors import PromocaseImportError
from promocase.importers import brag, calendar, issues

GITHUB_JSON = [
    {
        "number": 12,
        "title": "Flaky checkout test",
        "state": "closed",
        "closed_at": "2026-09-03T10:00:00Z",
        "html_url": "https://github.com/acme/shop/issues/12",
        "labels": [{"name": "bug"}],
        "id": 99999,
    },
    {
        "number": 13,
        "title": "Add retries",
        "state": "closed",
        "closed_at": "2026-09-04T10:00:00Z",
        "html_url": "https://github.com/acme/shop/pull/13",
        "pull_request": {"url": "x"},
        "labels": [],
    },
    {
        "number": 14,
        "title": "Won't fix",
        "state": "closed",
        "state_reason": "not_planned",
        "closed_at": "2026-09-05T10:00:00Z",
        "html_url": "https://github.com/acme/shop/issues/14",
    },
    {
        "number": 15,
        "title": "Still open",
        "state": "open",
        "html_url": "https://github.com/acme/shop/issues/15",
    },
]
JIRA_CSV = (
    "Summary,Issue key,Issue id,Issue Type,Status,Resolution,Assignee,Created,Resolved,Labels,Labels\n"
    "Cut checkout latency,PAY-12,10012,Story,Done,Done,Noor Haddad,01/Mar/26 9:00 AM,12/Mar/26 3:15 PM,perf,checkout\n"
    "Dup,PAY-13,10013,Bug,Done,Duplicate,Noor Haddad,01/Mar/26 9:00 AM,12/Mar/26 3:15 PM,,\n"
    "Theirs,PAY-15,10015,Task,Done,Done,Sam Lee,01/Mar/26 9:00 AM,13/Mar/26 3:15 PM,,\n"
)
LINEAR_CSV = (
    "ID,Team,Title,Status,Estimate,Assignee,Labels,Created,Completed,Canceled\n"
    'ENG-7,Platform,Queue backpressure,Done,3,Noor,"infra, perf",2026-08-01T09:00:00.000Z,2026-08-20T17:00:00.000Z,\n'
    "ENG-8,Platform,Dropped idea,Canceled,1,Noor,,2026-08-01T09:00:00.000Z,,2026-08-02T09:00:00.000Z\n"
)


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def _count(ws) -> int:
    return int(ws.conn.execute("SELECT count(*) FROM evidence").fetchone()[0])


# -- issue trackers ---------------------------------------------------------------------------
def test_github_json_keeps_closed_issues_and_merged_prs(tmp_path, run, ws):
    path = _write(tmp_path, "gh.json", json.dumps(GITHUB_JSON))
    data = json.loads(run("import", "issues", str(path), "--json").stdout)
    assert data["detected"]["tracker"] == "github" and data["added"] == 2
    texts = {e["text"] for e in data["entries"]}
    assert "Closed acme/shop#12: Flaky checkout test" in texts
    assert "Merged pull request acme/shop#13: Add retries" in texts
    refs = {e["source_ref"] for e in data["entries"]}
    assert refs == {"github:acme/shop#12", "github:acme/shop#13"}
    again = json.loads(run("import", "issues", str(path), "--json").stdout)
    assert again["added"] == 0 and again["skipped"] == 2 and _count(ws) == 2


def test_github_issues_closed_as_not_planned_are_left_out(tmp_path, run, ws):
    """`gh issue list --json …,stateReason` marks issues closed without the work being done
    ("NOT_PLANNED"); like cancelled tracker items, they are not evidence."""
    rows = [
        {
            "number": 7,
            "title": "Checkout times out for EU users",
            "url": "https://github.com/acme/shop/issues/7",
            "state": "CLOSED",
            "stateReason": "COMPLETED",
            "closedAt": "2026-08-01T10:00:00Z",
        },
        {
            "number": 8,
            "title": "Support Apple Pay",
            "url": "https://github.com/acme/shop/issues/8",
            "state": "CLOSED",
            "stateReason": "NOT_PLANNED",
            "closedAt": "2026-08-02T10:00:00Z",
        },
    ]
    path = _write(tmp_path, "gh-issues.json", json.dumps(rows))
    data = json.loads(run("import", "issues", str(path), "--json").stdout)
    assert [e["text"] for e in data["entries"]] == [
        "Closed acme/shop#7: Checkout times out for EU users"
    ]
    assert data["detected"]["cancelled"] == 1


def test_semicolon_and_tab_separated_exports_are_read():
    """A spreadsheet in a comma-decimal locale (German, French Excel) saves CSV with semicolons;
    some tools write tabs. A comma header whose quoted names hold semicolons stays comma-read."""
    semi = 'Summary;Issue key;Status;Resolved\n"Fix login; again";APP-1;Done;20/Sep/26 4:00 PM\n'
    parsed = issues.parse_text(semi, source="jira.csv")
    assert [(r.get("title"), r.get("id")) for r in parsed.rows] == [("Fix login; again", "APP-1")]
    tabs = "Title\tStatus\tCompleted\tID\nFix login\tDone\t2026-09-20\tENG-1\n"
    assert [r.get("title") for r in issues.parse_text(tabs, source="x.tsv").rows] == ["Fix login"]
    comma = 'Summary,"Notes; a; b; c; d",Issue key,Status\nFix login,x,APP-2,Done\n'
    assert [r.get("id") for r in issues.parse_text(comma, source="c.csv").rows] == ["APP-2"]


def test_jira_rest_json_is_read_as_jira_with_links_a_person_can_open():
    """Jira's REST search output ({"issues": [{"key", "self", "fields": {...}}]}) names the API
    address of each issue; the entry links to /browse/KEY instead, and the export reads as
    Jira's (its fields say issuetype, not "Issue Type")."""
    data = {
        "issues": [
            {
                "id": "10101",
                "key": "BILL-101",
                "self": "https://acme.atlassian.net/rest/api/2/issue/10101",
                "fields": {
                    "summary": "Migrate billing jobs to Airflow",
                    "status": {"name": "Done"},
                    "resolution": {"name": "Done"},
                    "resolutiondate": "2026-09-20T16:00:00.000+0200",
                    "issuetype": {"name": "Story"},
                },
            }
        ]
    }
    parsed = issues.parse_text(json.dumps(data), source="jira.json")
    assert parsed.tracker == "jira"
    row = parsed.rows[0]
    assert row.get("url") == "https://acme.atlassian.net/browse/BILL-101"
    assert row.get("id") == "BILL-101"


def test_jira_csv_reads_its_dates_repeated_labels_and_skips_duplicates(tmp_path):
    parsed = issues.parse_text(JIRA_CSV, source="jira.csv")
    assert parsed.tracker == "jira" and parsed.columns["id"] == "Issue key"
    found, counts = issues.candidates(
        parsed, source="jira.csv", assignee="noor", today="2026-11-20"
    )
    assert [c.text for c in found] == ["Resolved PAY-12 (Story): Cut checkout latency"]
    assert found[0].date == "2026-03-12" and {"perf", "checkout"} <= set(found[0].tags)
    assert counts["cancelled"] == 1 and counts["other_assignee"] == 1


def test_linear_csv_uses_completed_dates_and_leaves_out_cancelled(tmp_path):
    parsed = issues.parse_text(LINEAR_CSV, source="linear.csv")
    assert parsed.tracker == "linear"
    found, counts = issues.candidates(parsed, source="linear.csv", today="2026-11-20")
    assert [(c.text, c.date) for c in found] == [
        ("Completed ENG-7 (3 points): Queue backpressure", "2026-08-20")
    ]
    assert {"infra", "perf"} <= set(found[0].tags) and counts["cancelled"] == 1


def test_column_override_and_an_unreadable_date_name_the_line_and_field(tmp_path):
    text = "What,When done,Ticket\nShip it,sometime,T-1\n"
    with pytest.raises(PromocaseImportError, match="title column"):
        issues.parse_text(text, source="x.csv")
    parsed = issues.parse_text(
        text, source="x.csv", overrides=["title=What", "closed=When done", "id=Ticket"]
    )
    with pytest.raises(PromocaseImportError, match=r"x\.csv, line 2, field 'closed'"):
        issues.candidates(parsed, source="x.csv", today="2026-11-20")
    with pytest.raises(PromocaseImportError, match="no column 'Nope'"):
        issues.parse_text(text, source="x.csv", overrides=["title=Nope"])


def test_hostile_tracker_files_change_nothing(tmp_path, run, ws):
    run("add", "existing entry")
    cases = {
        "bin.csv": b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)),
        "latin.csv": "Title,Status\nCaf\xe9,closed\n".encode("latin-1"),
        "u16.csv": "Title,Status\nx,closed\n".encode("utf-16-le"),
        "bad.json": b'[{"title": ',
    }
    for name, content in cases.items():
        result = run("import", "issues", str(_write(tmp_path, name, content)), ok=False)
        assert result.exit_code == 1 and "Traceback" not in result.output, name
    assert _count(ws) == 1


def test_utf16_with_bom_tracker_export_imports(tmp_path, run, ws):
    content = codecs.BOM_UTF16_LE + "Title,Status,Closed\nShip,done,2026-01-02\n".encode(
        "utf-16-le"
    )
    run("import", "issues", str(_write(tmp_path, "u16.csv", content)))
    assert _count(ws) == 1


# -- calendars --------------------------------------------------------------------------------
ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:mentor-1
SUMMARY:Mentoring 1:1 with Sam
DTSTART;TZID=Europe/Berlin:20260907T100000
DTEND;TZID=Europe/Berlin:20260907T103000
RRULE:FREQ=WEEKLY;UNTIL=20261102T090000Z
EXDATE;TZID=Europe/Berlin:20260914T100000
DESCRIPTION:private notes about Sam
END:VEVENT
BEGIN:VEVENT
UID:mentor-1
RECURRENCE-ID;TZID=Europe/Berlin:20260921T100000
SUMMARY:Mentoring 1:1 with Sam (moved)
DTSTART;TZID=Europe/Berlin:20260922T150000
DTEND;TZID=Europe/Berlin:20260922T153000
END:VEVENT
BEGIN:VEVENT
UID:talk-1
SUMMARY:Tech talk: how we cut checkout latency
DTSTART;TZID=America/New_York:20261015T200000
DTEND;TZID=America/New_York:20261015T210000
END:VEVENT
BEGIN:VEVENT
UID:loop-1
SUMMARY:Interview loop (backend)
DTSTART;VALUE=DATE:20261020
RRULE:FREQ=DAILY;COUNT=2
END:VEVENT
BEGIN:VEVENT
UID:standup
SUMMARY:Daily standup
DTSTART:20261015T080000Z
RRULE:FREQ=DAILY
END:VEVENT
END:VCALENDAR
"""
WINDOW = {"since": date(2026, 1, 1), "until": date(2026, 11, 20)}


def test_recurring_events_are_expanded_with_exceptions_and_time_zones():
    series, counts = calendar.parse_calendar(ICS, source="c.ics", **WINDOW)
    by_uid = {s.uid: s for s in series}
    mentor = by_uid["mentor-1"]
    days = sorted(str(o.start)[:10] for o in mentor.occurrences)
    # weekly from 7 Sep to 2 Nov, minus the 14th, with the 21st moved to the 22nd
    assert days == [
        "2026-09-07",
        "2026-09-22",
        "2026-09-28",
        "2026-10-05",
        "2026-10-12",
        "2026-10-19",
        "2026-10-26",
        "2026-11-02",
    ]
    assert len(by_uid["loop-1"].occurrences) == 2
    assert counts["ordinary"] == 1  # the standup
    candidates = calendar.to_candidates(series)
    talk = next(c for c in candidates if "Tech talk" in c.text)
    assert talk.date == "2026-10-15" and "20:00–21:00 EDT" in talk.text
    months = {c.source_ref: c.text for c in candidates if "Sam" in c.text}
    assert months["mentor-1|2026-10"].startswith(
        "Mentoring 1:1 with Sam — 4 sessions between 2026-10-05"
    )
    assert months["mentor-1|2026-09"].startswith("Mentoring 1:1 with Sam — 3 sessions")
    assert all("private notes" not in (c.text + (c.outcome or "")) for c in candidates)


def test_details_are_kept_only_when_asked():
    series, _ = calendar.parse_calendar(ICS, source="c.ics", details=True, **WINDOW)
    assert any(s.details and "private notes" in s.details for s in series)


def test_calendar_import_twice_adds_once(tmp_path, run, ws):
    path = _write(tmp_path, "c.ics", ICS)
    first = json.loads(
        run("import", "calendar", str(path), "--since", "2026-01-01", "--json").stdout
    )
    assert first["added"] == 5
    again = json.loads(
        run("import", "calendar", str(path), "--since", "2026-01-01", "--json").stdout
    )
    assert again["added"] == 0 and _count(ws) == 5


def test_a_bad_date_inside_an_event_is_reported_not_skipped(tmp_path, run, ws):
    bad = ICS.replace("DTSTART;TZID=America/New_York:20261015T200000", "DTSTART:2026-13-45")
    result = run("import", "calendar", str(_write(tmp_path, "bad.ics", bad)), ok=False)
    assert result.exit_code == 1 and "cannot read" in result.output and "Tech talk" in result.output
    assert _count(ws) == 0


@pytest.mark.parametrize(
    "content",
    [
        "",
        "garbage",
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x",
        "BEGIN:VEVENT\nEND:VEVENT\n",
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:mentoring\nDTSTART:20260101T000000Z\n"
        "RRULE:FREQ=SECONDLY\nEND:VEVENT\nEND:VCALENDAR\n",
    ],
)
def test_malformed_calendars_get_a_clear_error(tmp_path, content):
    path = _write(tmp_path, "x.ics", content)
    with pytest.raises(PromocaseImportError):
        calendar.import_calendar(str(path), **WINDOW)


# -- brag documents ---------------------------------------------------------------------------
BRAG = """# Brag doc

## Mentoring
- 2026-02-03: Mentored Sam through his first on-call week #onboarding

## March 2026
- Cut p95 checkout latency from 820 to 240 ms ([dashboard](https://grafana.example.com/d/1))
  - rolled out behind a flag
* Led the billing migration

### Week of 2026-03-16
1. Wrote the queue RFC

## Q2 2026
- [x] Ran the interview loop for 4 senior hires

```
- not an item
```
- An undated thought
"""


def test_brag_bullets_take_the_date_of_their_heading_or_their_own():
    items = brag.parse_brag(BRAG, source="b.md")
    got = [(i.text.split(" (")[0][:28], str(i.date)) for i in items]
    assert got == [
        ("Mentored Sam through his fir", "2026-02-03"),
        ("Cut p95 checkout latency fro", "2026-03-01"),
        ("Led the billing migration", "2026-03-01"),
        ("Wrote the queue RFC", "2026-03-16"),
        ("Ran the interview loop for 4", "2026-04-01"),
        ("An undated thought", "2026-04-01"),
    ]
    found, undated = brag.to_candidates(items, today=date(2026, 11, 20))
    latency = found[1]
    assert latency.links == ["https://grafana.example.com/d/1"] and "flag" in latency.text
    assert "mentoring" in found[0].tags and "onboarding" in found[0].tags and undated == 0


def test_brag_import_is_idempotent_and_dry_run_writes_nothing(tmp_path, run, ws):
    path = _write(tmp_path, "brag.md", BRAG)
    assert "would be added" in run("import", "brag", str(path), "--dry-run").output
    assert _count(ws) == 0
    assert json.loads(run("import", "brag", str(path), "--json").stdout)["added"] == 6
    assert json.loads(run("import", "brag", str(path), "--json").stdout)["added"] == 0


# -- fuzzing: success or PromocaseImportError, and nothing written on error --------------------
FUZZ = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
texts = st.one_of(
    st.text(max_size=400),
    st.binary(max_size=400).map(lambda b: b.decode("latin-1")),
    st.lists(
        st.sampled_from(
            [
                "BEGIN:VCALENDAR",
                "BEGIN:VEVENT",
                "END:VEVENT",
                "END:VCALENDAR",
                "DTSTART:20260101T100000Z",
                "DTSTART;VALUE=DATE:2026",
                "SUMMARY:1:1 mentoring",
                "RRULE:FREQ=WEEKLY;COUNT=3",
                "RRULE:FREQ=YEARLY;BYDAY=",
                "EXDATE:x",
                "RECURRENCE-ID:20260108T100000Z",
                "UID:a",
                "Title,Status,Closed",
                "x,done,2026-02-30",
                "## 2026-13",
                "- item",
                '{"issues": [',
                "]",
            ]
        ),
        max_size=25,
    ).map("\n".join),
)


def _fuzz_once(ws, tmp_path, name, text, load):
    from promocase.services import importing

    before = _count(ws)
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        found = load(str(path))
    except PromocaseImportError:
        assert _count(ws) == before
        return
    importing.run_import(ws, found, source="fuzz", judge=False)


@FUZZ
@given(text=texts)
def test_fuzz_issue_parser(ws, tmp_path, text):
    def load(p):
        parsed = issues.parse_file(p)
        return issues.candidates(parsed, source=p, include_open=True, today="2026-11-20")[0]

    _fuzz_once(ws, tmp_path, "f.csv", text, load)


@FUZZ
@given(text=texts)
def test_fuzz_calendar_parser(ws, tmp_path, text):
    _fuzz_once(ws, tmp_path, "f.ics", text, lambda p: calendar.import_calendar(p, **WINDOW)[0])


@FUZZ
@given(text=texts)
def test_fuzz_brag_parser(ws, tmp_path, text):
    _fuzz_once(
        ws, tmp_path, "f.md", text, lambda p: brag.import_brag(p, today=date(2026, 11, 20))[0]
    )


# -- QA fixes: issue trackers -----------------------------------------------------------------
GH_PR_LIST = [
    {
        "number": 21,
        "title": "Cache the price lookup",
        "state": "MERGED",
        "mergedAt": "2026-08-14T09:30:00Z",
        "url": "https://github.com/acme/shop/pull/21",
    },
    {
        "number": 22,
        "title": "WIP experiment",
        "state": "CLOSED",
        "mergedAt": None,
        "url": "https://github.com/acme/shop/pull/22",
    },
    {"number": 23, "title": "Draft", "state": "OPEN", "mergedAt": None, "url": ""},
]


def test_gh_pr_list_is_dated_by_merged_at_and_leaves_out_closed_unmerged(tmp_path, run, ws):
    path = _write(tmp_path, "prs.json", json.dumps(GH_PR_LIST))
    data = json.loads(run("import", "issues", str(path), "--json").stdout)
    assert [(e["text"], e["date"]) for e in data["entries"]] == [
        ("Merged pull request acme/shop#21: Cache the price lookup", "2026-08-14")
    ]
    assert data["detected"]["unmerged"] == 1 and data["detected"]["open"] == 1
    assert "1 pull request closed without merging" in " ".join(data["notes"])


def test_closed_unmerged_pr_stays_out_even_with_include_open(tmp_path):
    parsed = issues.parse_text(json.dumps(GH_PR_LIST), source="prs.json")
    found, counts = issues.candidates(
        parsed, source="prs.json", include_open=True, today="2026-11-20"
    )
    assert all("WIP experiment" not in c.text for c in found) and counts["unmerged"] == 1


def test_github_rest_pull_closed_without_merge_is_left_out():
    records = [
        {
            "number": 5,
            "title": "Abandoned",
            "state": "closed",
            "closed_at": "2026-05-02T10:00:00Z",
            "html_url": "https://github.com/acme/shop/pull/5",
            "pull_request": {"url": "x", "merged_at": None},
        },
        {
            "number": 6,
            "title": "Landed",
            "state": "closed",
            "closed_at": "2026-05-03T10:00:00Z",
            "html_url": "https://github.com/acme/shop/pull/6",
            "pull_request": {"url": "x", "merged_at": "2026-05-03T09:00:00Z"},
        },
    ]
    parsed = issues.parse_text(json.dumps(records), source="p.json")
    found, counts = issues.candidates(parsed, source="p.json", today="2026-11-20")
    assert [(c.text, c.date) for c in found] == [
        ("Merged pull request acme/shop#6: Landed", "2026-05-03")
    ]
    assert counts["unmerged"] == 1


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("closedAt", "2026-07-01T08:00:00Z"),  # gh issue list --json closedAt
        ("mergedAt", "2026-07-01T08:00:00Z"),
        ("Merged", "2026-07-01"),
        ("Resolved", "01/Jul/26 8:00 AM"),  # Jira
        ("Completed", "2026-07-01T08:00:00.000Z"),  # Linear
        ("completedAt", "2026-07-01T08:00:00.000Z"),
    ],
)
def test_trackers_date_columns_are_recognised(header, value):
    text = f"Title,State,{header}\nShip it,done,{value}\n"
    parsed = issues.parse_text(text, source="x.csv")
    found, _ = issues.candidates(parsed, source="x.csv", today="2026-11-20")
    assert found[0].date == "2026-07-01"


def test_a_yes_no_merged_column_is_not_read_as_a_date():
    text = "Title,State,Merged,Closed At,URL\nShip it,closed,true,2026-07-02,https://github.com/a/b/pull/1\n"
    found, _ = issues.candidates(
        issues.parse_text(text, source="x.csv"), source="x.csv", today="2026-11-20"
    )
    assert found[0].date == "2026-07-02"


# -- QA fixes: calendars ----------------------------------------------------------------------
FUTURE_ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:future-talk
SUMMARY:Tech talk: the new queue
DTSTART:20270122T150000Z
DTEND:20270122T160000Z
END:VEVENT
BEGIN:VEVENT
UID:old-talk
SUMMARY:Tech talk: the old queue
DTSTART:20240122T150000Z
END:VEVENT
BEGIN:VEVENT
UID:weekly-mentoring
SUMMARY:Mentoring with Sam
DTSTART:20261105T100000Z
RRULE:FREQ=WEEKLY;COUNT=10
END:VEVENT
BEGIN:VEVENT
UID:past-talk
SUMMARY:Tech talk: retries
DTSTART:20261001T150000Z
END:VEVENT
END:VCALENDAR
"""


def test_calendar_leaves_out_events_after_today_by_default(tmp_path, run, ws):
    path = _write(tmp_path, "c.ics", FUTURE_ICS)
    data = json.loads(run("import", "calendar", str(path), "--json").stdout)
    dates = sorted(e["date"] for e in data["entries"])
    # today is 2026-11-20 (PROMOCASE_TODAY): the weekly series up to the 19th, the October talk
    assert dates == ["2026-10-01", "2026-11-19"], data["entries"]
    assert all(e["date"] <= "2026-11-20" for e in data["entries"])
    assert "new queue" not in json.dumps(data) and "old queue" not in json.dumps(data)


def test_calendar_until_and_since_bound_single_events():
    series, counts = calendar.parse_calendar(
        FUTURE_ICS, source="c.ics", since=date(2026, 10, 2), until=date(2027, 2, 1)
    )
    titles = {s.title for s in series}
    assert titles == {"Tech talk: the new queue", "Mentoring with Sam"}
    assert counts["outside"] == 2


def test_calendar_note_counts_what_fell_outside_the_period(tmp_path, run, ws):
    path = _write(tmp_path, "c.ics", FUTURE_ICS)
    result = run("import", "calendar", str(path), "--dry-run")
    assert "2 outside 2025-11-20 to 2026-11-20" in result.output


# -- QA fixes: brag documents -----------------------------------------------------------------
BRAG_MIXED = """# Brag doc

Some intro paragraph about my year
that wraps onto a second line.

## 2026-03
- [ ] Write the retro
  - book a room
- [x] Shipped the retry queue
+ Cut build time by 40%
  - [ ] follow-up: cache layer
2) Reviewed 30 pull requests

A closing paragraph.
"""


def test_brag_only_bullets_become_entries_and_open_todos_are_skipped():
    items, left = brag.read_brag(BRAG_MIXED, source="b.md")
    assert [(i.text, str(i.date)) for i in items] == [
        ("Shipped the retry queue", "2026-03-01"),
        ("Cut build time by 40%", "2026-03-01"),
        ("Reviewed 30 pull requests", "2026-03-01"),
    ]
    assert left == {"todo": 1, "paragraphs": 2, "plans": 0}


def test_brag_import_notes_what_was_left_out(tmp_path, run, ws):
    path = _write(tmp_path, "b.md", BRAG_MIXED)
    result = run("import", "brag", str(path))
    assert "Added 3 entries from 3 bullets" in result.output
    assert "left out 1 unchecked to-do and 2 paragraphs" in result.output
    assert _count(ws) == 3


BRAG_TEMPLATE = """# Brag document 2026

## Goals for this year
- Become the go-to person for the event platform
  - and speak at a conference

## Projects
- Cut p95 checkout latency from 820 to 240 ms
- Gave a talk at the internal tech day (June 2026)

### Q3 goals: achieved
- Shipped the retry queue

## Planning and estimation
- Ran sprint planning for the payments squad

## Next year
- Lead the data platform migration
"""


def test_brag_sections_of_goals_and_plans_are_not_work_done():
    """A brag template opens with "Goals for this year" and ends with plans: intentions, not
    evidence. A heading that says the goals were met, or names planning as the work, still
    counts; an undated bullet takes a date its own text names."""
    items, left = brag.read_brag(BRAG_TEMPLATE, source="b.md")
    assert [i.text for i in items] == [
        "Cut p95 checkout latency from 820 to 240 ms",
        "Gave a talk at the internal tech day (June 2026)",
        "Shipped the retry queue",
        "Ran sprint planning for the payments squad",
    ]
    assert left["plans"] == 2
    assert [str(i.date) for i in items] == ["None", "2026-06-01", "None", "None"]


def test_brag_import_says_what_it_left_out_as_plans(tmp_path, run, ws):
    path = _write(tmp_path, "b.md", BRAG_TEMPLATE)
    result = run("import", "brag", str(path))
    assert "Added 4 entries" in result.output
    assert "left out 2 bullets under headings of goals or plans" in result.output
    only_plans = _write(tmp_path, "plans.md", "## Goals\n- Speak at a conference\n")
    failed = run("import", "brag", str(only_plans), ok=False)
    assert "only 1 bullet under goals or plans" in failed.output and _count(ws) == 4


@pytest.mark.parametrize(
    "content",
    [
        "# My year\n\nI shipped a lot of things this year.\nAnd mentored people.\n",
        "## 2026-03\n- [ ] Write the retro\n- [ ] Plan Q2\n",
        "",
    ],
)
def test_brag_without_bullets_is_an_error_that_changes_nothing(tmp_path, run, ws, content):
    path = _write(tmp_path, "b.md", content)
    result = run("import", "brag", str(path), ok=False)
    assert result.exit_code == 1 and "found no bullets" in result.output
    assert "## 2026-03" in result.output and "- Cut p95" in result.output  # the expected shape
    assert _count(ws) == 0


def test_brag_given_a_calendar_points_to_the_calendar_importer(tmp_path, run, ws):
    path = _write(tmp_path, "work.ics", FUTURE_ICS)
    result = run("import", "brag", str(path), ok=False)
    assert result.exit_code == 1 and "import calendar" in result.output
    assert _count(ws) == 0


# -- QA fixes: each importer's own hints, and calendar errors worded for a person ---------------
@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("issues", "CSV or JSON export from GitHub, Jira or Linear"),
        ("calendar", ".ics (iCalendar) file exported from your calendar"),
        ("brag", "Markdown file with one bullet per piece of work"),
    ],
)
def test_a_binary_file_gets_the_importers_own_hint(tmp_path, run, ws, kind, expected):
    path = _write(tmp_path, "photo.png", b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    result = run("import", kind, str(path), ok=False)
    assert result.exit_code == 1 and "binary file" in result.output
    assert expected in result.output and "YAML" not in result.output
    assert _count(ws) == 0


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "is empty"),
        ("Title,State\nx,y\n", "line 1: does not start with BEGIN:VCALENDAR"),
        ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x", "line 2: BEGIN:VEVENT is never closed"),
        ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VCALENDAR\n", "line 3: END:VCALENDAR does not"),
        ("BEGIN:VCALENDAR\nEND:VCALENDAR\nBEGIN:VCALENDAR\nEND:VCALENDAR\n", "more than one"),
        ("BEGIN:VCALENDAR\nfoo bar\nEND:VCALENDAR\n", "line 2: 'foo bar' is not a calendar line"),
    ],
)
def test_calendar_errors_are_worded_for_a_person(tmp_path, run, ws, content, expected):
    result = run("import", "calendar", str(_write(tmp_path, "x.ics", content)), ok=False)
    assert result.exit_code == 1 and expected in result.output
    assert "Error" not in result.output.replace("Error:", "")  # no ValueError, KeyError…
    assert "component" not in result.output and _count(ws) == 0


def test_a_folded_line_that_starts_like_begin_is_not_structure():
    text = FUTURE_ICS.replace(
        "SUMMARY:Tech talk: retries\n", "SUMMARY:Tech talk: retries\nDESCRIPTION:see\n BEGIN:x\n"
    )
    series, _ = calendar.parse_calendar(
        text, source="c.ics", since=date(2026, 1, 1), until=date(2026, 11, 20)
    )
    assert any(s.title == "Tech talk: retries" for s in series)


def test_an_export_without_ids_or_links_names_no_made_up_key():
    parsed = issues.parse_text("Title,State\nShip it,closed\n", source="x.csv")
    found, _ = issues.candidates(parsed, source="x.csv", today="2026-11-20")
    assert found[0].text == "Closed: Ship it" and found[0].source_ref.startswith("generic:")


def test_brag_tables_and_comments_are_not_counted_as_paragraphs():
    text = "<!-- template v2 -->\n| when | what |\n|---|---|\n\n## 2026-03\n- Shipped it\n"
    items, left = brag.read_brag(text, source="b.md")
    assert [i.text for i in items] == ["Shipped it"]
    assert left == {"todo": 0, "paragraphs": 0, "plans": 0}


def test_importers_name_their_own_files_when_given_a_binary_one_even_when_called_directly(
    tmp_path,
):
    """The hint used to be patched in by the service layer; the parsers give it themselves."""
    from datetime import date

    import pytest

    from promocase.core.errors import PromocaseImportError
    from promocase.importers import brag, calendar, issues

    blob = tmp_path / "blob.bin"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    for call, hint in (
        (lambda: issues.parse_file(str(blob)), issues.FILE_HINT),
        (
            lambda: calendar.import_calendar(
                str(blob), since=date(2026, 1, 1), until=date(2026, 12, 31)
            ),
            calendar.FILE_HINT,
        ),
        (lambda: brag.import_brag(str(blob), today=date(2026, 11, 20)), brag.FILE_HINT),
    ):
        with pytest.raises(PromocaseImportError) as caught:
            call()
        assert caught.value.hint == hint


# -- Ctrl-C ------------------------------------------------------------------------------------
@pytest.mark.parametrize("when", ["while writing", "after saving"])
def test_ctrl_c_says_whether_the_import_was_kept(tmp_path, run, ws, monkeypatch, when):
    """An import run is saved whole or not at all; interrupted, the command says which
    (instead of Click's bare "Aborted!") and exits 130, as a program stopped by SIGINT does."""
    from promocase.services import importing
    from promocase.store import evidence as store

    path = _write(tmp_path, "brag.md", BRAG)
    if when == "while writing":
        real = store.insert_many

        def interrupted(conn, entries, **kw):  # type: ignore[no-untyped-def]
            real(conn, entries, **kw)  # some rows are in: the rollback must take them out
            raise KeyboardInterrupt

        monkeypatch.setattr(store, "insert_many", interrupted)
    else:
        real_import = importing.import_brag_file

        def then_interrupted(*args, **kw):  # type: ignore[no-untyped-def]
            real_import(*args, **kw)
            raise KeyboardInterrupt

        monkeypatch.setattr(importing, "import_brag_file", then_interrupted)
    result = run("import", "brag", str(path), ok=False)
    assert result.exit_code == 130
    added = ws.conn.execute("SELECT count(*) FROM evidence").fetchone()[0]
    if when == "while writing":
        assert result.stderr == "Interrupted: nothing was imported. Run the same command again.\n"
        assert added == 0
        assert ws.conn.execute("SELECT count(*) FROM import_run").fetchone()[0] == 0
    else:
        assert "Interrupted after the import was saved" in result.stderr
        assert added == 6
    assert "Aborted" not in result.output
    monkeypatch.undo()
    again = json.loads(run("import", "brag", str(path), "--json").stdout)
    assert again["added"] == (6 if when == "while writing" else 0)


DECLINED_ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Google Inc//Google Calendar 70.9054//EN
X-WR-CALNAME:noor@acme.example
BEGIN:VEVENT
UID:loop-1
DTSTART:20260310T140000Z
DTEND:20260310T150000Z
SUMMARY:Interview: backend candidate (system design)
ORGANIZER:mailto:recruiting@acme.example
ATTENDEE;CN=Noor;PARTSTAT=DECLINED:mailto:Noor@acme.example
ATTENDEE;PARTSTAT=ACCEPTED:mailto:sam@acme.example
END:VEVENT
BEGIN:VEVENT
UID:loop-2
DTSTART:20260312T140000Z
DTEND:20260312T150000Z
SUMMARY:Interview: frontend candidate
ATTENDEE;PARTSTAT=ACCEPTED:mailto:noor@acme.example
ATTENDEE;PARTSTAT=DECLINED:mailto:sam@acme.example
END:VEVENT
BEGIN:VEVENT
UID:mentor-1
DTSTART:20260302T100000Z
DTEND:20260302T103000Z
RRULE:FREQ=WEEKLY;COUNT=4
SUMMARY:Mentoring 1:1 with Aiko
ATTENDEE;PARTSTAT=ACCEPTED:mailto:noor@acme.example
END:VEVENT
BEGIN:VEVENT
UID:mentor-1
RECURRENCE-ID:20260309T100000Z
DTSTART:20260309T100000Z
DTEND:20260309T103000Z
SUMMARY:Mentoring 1:1 with Aiko
ATTENDEE;PARTSTAT=DECLINED:mailto:noor@acme.example
END:VEVENT
END:VCALENDAR
"""


def test_meetings_you_declined_are_not_evidence():
    """A declined interview was not held by you: the calendar's own address (Google names it
    in X-WR-CALNAME) or --me decides whose answer counts; someone else declining changes
    nothing, and one declined session of a series leaves the others."""
    series, counts = calendar.parse_calendar(DECLINED_ICS, source="c.ics", **WINDOW)
    got = {s.title: len(s.occurrences) for s in series}
    assert got == {"Interview: frontend candidate": 1, "Mentoring 1:1 with Aiko": 3}
    assert counts["declined"] == 1
    # Without the owner's name in the file, nothing is known to be declined...
    anonymous = DECLINED_ICS.replace("X-WR-CALNAME:noor@acme.example\n", "")
    series, counts = calendar.parse_calendar(anonymous, source="c.ics", **WINDOW)
    assert len(series) == 3 and counts["declined"] == 0
    # ... until --me says whose invitations these are.
    for address in ("NOOR@acme.example", " mailto:noor@acme.example "):
        series, _ = calendar.parse_calendar(anonymous, source="c.ics", me=[address], **WINDOW)
        assert len(series) == 2, address
    assert {s.title for s in series} == {"Interview: frontend candidate", "Mentoring 1:1 with Aiko"}


def test_calendar_import_names_the_declined_meetings_it_left_out(tmp_path, run, ws):
    path = _write(tmp_path, "c.ics", DECLINED_ICS.replace("X-WR-CALNAME:noor@acme.example\n", ""))
    mine = ("--since", "2026-01-01", "--me", "noor@acme.example")
    result = run("import", "calendar", str(path), *mine)
    assert "1 you declined" in result.output
    again = json.loads(run("import", "calendar", str(path), *mine, "--dry-run", "--json").stdout)
    assert again["new"] == 0 and again["detected"]["declined"] == 1


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Phone screen - Jane Doe (Backend)", "interviewing"),
        ("Brown bag: observability", "talk"),
        ("Career conversation with Sam", "mentoring"),
        ("Onboarding buddy check-in", "mentoring"),
        ("Product/Eng sync: checkout", "cross-functional"),
        ("Design & Engineering weekly", "cross-functional"),
        ("Guild: frontend", "cross-functional"),
        ("Platform working group", "cross-functional"),
        ("Payments x Risk x Legal sync on chargebacks", "cross-functional"),
        ("Finance <> Security: vendor access", "cross-functional"),
        ("Legal/Compliance review of the retention policy", "cross-functional"),
        ("Support + Product triage", "cross-functional"),
        ("Sales & Marketing weekly", None),
        ("Data & Analytics standup", None),
        ("Team standup", None),
        ("Sprint planning", None),
        ("Focus time", None),
        ("Engineering all-hands", None),
    ],
)
def test_meeting_titles_are_read_for_what_they_signal(title, kind):
    """Two functions in one title ("Product/Eng sync", "Payments x Risk x Legal"), guilds and
    working groups are
    cross-team work; a career conversation is growing someone; a team's own rituals are not."""
    assert calendar.classify(title) == kind

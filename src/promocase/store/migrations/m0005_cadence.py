"""Importers and cadence: what each import run brought in, reviews done, follow-ups asked."""

SQL = """
-- One row per import run that wrote something (dry runs write nothing).
CREATE TABLE import_run (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    at TEXT NOT NULL,
    found INTEGER NOT NULL,
    added INTEGER NOT NULL,
    skipped INTEGER NOT NULL
);

-- Every source item (a commit, an issue, a meeting occurrence, a bullet) already imported, so a
-- re-run skips it even when it now falls into a different group.
CREATE TABLE import_item (
    source TEXT NOT NULL,
    ref TEXT NOT NULL,
    evidence_id INTEGER REFERENCES evidence(id),
    run_id INTEGER REFERENCES import_run(id),
    PRIMARY KEY (source, ref)
);

CREATE TABLE review_log (
    id INTEGER PRIMARY KEY,
    period TEXT NOT NULL CHECK (period IN ('week', 'month')),
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX review_log_at ON review_log(at);

-- Outcome follow-ups: the review asks for a measured result 30 and 90 days after an entry.
CREATE TABLE follow_up (
    evidence_id INTEGER NOT NULL REFERENCES evidence(id),
    stage INTEGER NOT NULL CHECK (stage IN (30, 90)),
    asked_at TEXT NOT NULL,
    PRIMARY KEY (evidence_id, stage)
);
"""

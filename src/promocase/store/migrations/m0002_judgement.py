"""Judgement: self-assessments with history, monthly readiness snapshots, signals, verdicts."""

# IF NOT EXISTS: a development database that reached a later step before this one existed
# can run it again safely.
SQL = """
CREATE TABLE IF NOT EXISTS assessment (
    id INTEGER PRIMARY KEY,
    session INTEGER NOT NULL,
    ladder_id INTEGER NOT NULL REFERENCES ladder(id),
    level_id TEXT NOT NULL,
    criterion_id TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('meets', 'partially', 'not-yet', 'n/a')),
    note TEXT,
    assessed_at TEXT NOT NULL,
    CHECK (verdict != 'n/a' OR (note IS NOT NULL AND trim(note) != ''))
);
CREATE INDEX IF NOT EXISTS assessment_criterion
    ON assessment(ladder_id, criterion_id, assessed_at);

CREATE TABLE IF NOT EXISTS readiness_snapshot (
    ladder_id INTEGER NOT NULL REFERENCES ladder(id),
    month TEXT NOT NULL,
    criterion_id TEXT NOT NULL,
    score REAL NOT NULL,
    readiness TEXT NOT NULL,
    taken_at TEXT NOT NULL,
    PRIMARY KEY (ladder_id, month, criterion_id)
);

CREATE TABLE IF NOT EXISTS evidence_signal (
    evidence_id INTEGER NOT NULL REFERENCES evidence(id),
    signal TEXT NOT NULL,
    PRIMARY KEY (evidence_id, signal)
);
CREATE INDEX IF NOT EXISTS evidence_signal_signal ON evidence_signal(signal);

CREATE TABLE IF NOT EXISTS evidence_verdict (
    evidence_id INTEGER PRIMARY KEY REFERENCES evidence(id),
    verdict TEXT NOT NULL CHECK (verdict IN ('specific', 'vague')),
    missing TEXT NOT NULL,
    checked_at TEXT NOT NULL
);
"""

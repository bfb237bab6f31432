"""Ladders with versions, evidence with history, criterion links, full-text search."""

SQL = """
CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value TEXT
);

CREATE TABLE ladder (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE ladder_version (
    id INTEGER PRIMARY KEY,
    ladder_id INTEGER NOT NULL REFERENCES ladder(id),
    version INTEGER NOT NULL,
    source TEXT,
    content TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    UNIQUE (ladder_id, version)
);

CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL DEFAULT 'work' CHECK (kind IN ('work', 'praise')),
    date TEXT NOT NULL,
    text TEXT NOT NULL,
    outcome TEXT,
    metric_name TEXT,
    metric_unit TEXT,
    metric_value REAL,
    metric_before REAL,
    metric_after REAL,
    role TEXT CHECK (role IS NULL OR role IN ('led', 'owned', 'contributed', 'supported')),
    scope TEXT CHECK (scope IS NULL OR scope IN ('team', 'org', 'company', 'external')),
    praise_from TEXT,
    verified INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL DEFAULT 'cli',
    source_ref TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX evidence_date ON evidence(date);
CREATE UNIQUE INDEX evidence_source_ref ON evidence(source, source_ref) WHERE source_ref IS NOT NULL;

CREATE TABLE evidence_tag (
    evidence_id INTEGER NOT NULL REFERENCES evidence(id),
    tag TEXT NOT NULL,
    PRIMARY KEY (evidence_id, tag)
);
CREATE INDEX evidence_tag_tag ON evidence_tag(tag);

CREATE TABLE evidence_link (
    evidence_id INTEGER NOT NULL REFERENCES evidence(id),
    position INTEGER NOT NULL,
    url TEXT NOT NULL,
    PRIMARY KEY (evidence_id, position)
);

-- Links name the criterion by its id inside the ladder, so a new ladder version keeps them.
CREATE TABLE evidence_criterion (
    evidence_id INTEGER NOT NULL REFERENCES evidence(id),
    ladder_id INTEGER NOT NULL REFERENCES ladder(id),
    criterion_id TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'accepted' CHECK (status IN ('accepted', 'suggested', 'rejected')),
    made_by TEXT NOT NULL DEFAULT 'user' CHECK (made_by IN ('user', 'suggester')),
    score REAL,
    level_id TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (evidence_id, ladder_id, criterion_id)
);
CREATE INDEX evidence_criterion_crit ON evidence_criterion(ladder_id, criterion_id);

CREATE TABLE evidence_history (
    id INTEGER PRIMARY KEY,
    evidence_id INTEGER NOT NULL REFERENCES evidence(id),
    at TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore')),
    snapshot TEXT NOT NULL
);
CREATE INDEX evidence_history_evidence ON evidence_history(evidence_id);

CREATE VIRTUAL TABLE evidence_fts USING fts5(
    text, outcome, extra, tokenize = 'porter unicode61 remove_diacritics 2'
);
"""

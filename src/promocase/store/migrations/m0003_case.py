"""The case: goals with measured actuals, Eisenhower triage, priorities and the 90-day/1-year plans."""

SQL = """
-- A goal is a number moving from a baseline towards a target by a due date; the verdict
-- (exceeded, met, missed) is computed from the actuals, never stored.
CREATE TABLE goal (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    unit TEXT,
    baseline REAL NOT NULL,
    target REAL NOT NULL,
    start_date TEXT NOT NULL,
    due_date TEXT NOT NULL,
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    archived_at TEXT
);

CREATE TABLE goal_actual (
    id INTEGER PRIMARY KEY,
    goal_id INTEGER NOT NULL REFERENCES goal(id),
    date TEXT NOT NULL,
    value REAL NOT NULL,
    note TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX goal_actual_goal ON goal_actual(goal_id, date);

CREATE TABLE goal_evidence (
    goal_id INTEGER NOT NULL REFERENCES goal(id),
    evidence_id INTEGER NOT NULL REFERENCES evidence(id),
    PRIMARY KEY (goal_id, evidence_id)
);

-- Recurring work and tasks rated for the Eisenhower matrix; decisions are kept as history.
CREATE TABLE triage_item (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'recurring' CHECK (kind IN ('recurring', 'task')),
    urgency INTEGER NOT NULL CHECK (urgency BETWEEN 1 AND 5),
    importance INTEGER NOT NULL CHECK (importance BETWEEN 1 AND 5),
    hours_per_week REAL NOT NULL CHECK (hours_per_week >= 0),
    evidence_id INTEGER REFERENCES evidence(id),
    decision TEXT CHECK (decision IS NULL OR decision IN ('do', 'schedule', 'delegate', 'automate', 'eliminate')),
    delegate_to TEXT,
    note TEXT,
    decided_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    archived_at TEXT
);

CREATE TABLE triage_decision (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES triage_item(id),
    at TEXT NOT NULL,
    decision TEXT NOT NULL,
    delegate_to TEXT,
    note TEXT
);
CREATE INDEX triage_decision_item ON triage_decision(item_id);

CREATE TABLE priority (
    id INTEGER PRIMARY KEY,
    scope TEXT NOT NULL CHECK (scope IN ('company', 'team')),
    title TEXT NOT NULL,
    description TEXT,
    created_at TEXT NOT NULL,
    archived_at TEXT
);

CREATE TABLE plan_item (
    id INTEGER PRIMARY KEY,
    horizon TEXT NOT NULL CHECK (horizon IN ('90d', '1y')),
    title TEXT NOT NULL,
    priority_id INTEGER REFERENCES priority(id),
    measure TEXT,
    due_date TEXT,
    status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in-progress', 'done', 'dropped')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Criteria are named by id inside the active ladder, like evidence_criterion.
CREATE TABLE plan_item_criterion (
    plan_item_id INTEGER NOT NULL REFERENCES plan_item(id),
    criterion_id TEXT NOT NULL,
    PRIMARY KEY (plan_item_id, criterion_id)
);
"""

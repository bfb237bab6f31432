"""Outcomes: promotion conversations, the asks they bring as dated actions, and what closed them."""

SQL = """
-- One promotion conversation as it happened: the decision, the words as said, the user's notes.
-- decision_date is when a decision (or the next conversation) was promised; once it passes
-- without a later conversation the tool asks for the follow-up.
CREATE TABLE conversation (
    id INTEGER PRIMARY KEY,
    date TEXT NOT NULL,
    with_whom TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN
        ('promoted', 'yes-pending', 'not-yet', 'no', 'deferred', 'unclear')),
    words TEXT,
    notes TEXT,
    decision_date TEXT,
    level_id TEXT,
    feedback_verdict TEXT CHECK (feedback_verdict IS NULL OR feedback_verdict IN ('concrete', 'vague')),
    feedback_json TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX conversation_date ON conversation(date);

-- Each concrete ask becomes an action with a due date; evidence added later can close it.
CREATE TABLE action_item (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER REFERENCES conversation(id),
    text TEXT NOT NULL,
    due_date TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
    closed_at TEXT,
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX action_item_due ON action_item(status, due_date);

-- Criteria are named by id inside the active ladder, like evidence_criterion.
CREATE TABLE action_criterion (
    action_id INTEGER NOT NULL REFERENCES action_item(id),
    criterion_id TEXT NOT NULL,
    PRIMARY KEY (action_id, criterion_id)
);

CREATE TABLE action_goal (
    action_id INTEGER NOT NULL REFERENCES action_item(id),
    goal_id INTEGER NOT NULL REFERENCES goal(id),
    PRIMARY KEY (action_id, goal_id)
);

CREATE TABLE action_evidence (
    action_id INTEGER NOT NULL REFERENCES action_item(id),
    evidence_id INTEGER NOT NULL REFERENCES evidence(id),
    linked_at TEXT NOT NULL,
    PRIMARY KEY (action_id, evidence_id)
);
"""

"""Imported items recorded per entry instead of one row each.

A 100,000-commit import wrote 100,000 `import_item` rows (a random commit hash as the key of
each), which cost more than everything else after git had finished. The only question ever
asked of them is "which items of this source were imported before?", so each entry an import
added now keeps the refs of its items in one row, as a JSON array. Existing rows move over.
"""

SQL = """
-- The source items (commits, issues, meeting occurrences, bullets) behind each entry an import
-- added: a re-run skips every one of them, even when it now falls into a different group.
CREATE TABLE import_entry (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    run_id INTEGER REFERENCES import_run(id),
    evidence_id INTEGER REFERENCES evidence(id),
    refs TEXT NOT NULL CHECK (json_valid(refs) AND json_type(refs) = 'array')
);
CREATE INDEX import_entry_source ON import_entry(source);

INSERT INTO import_entry(source, run_id, evidence_id, refs)
SELECT source, run_id, evidence_id, json_group_array(ref)
FROM (SELECT rowid AS pos, * FROM import_item)
GROUP BY source, run_id, evidence_id
ORDER BY MIN(pos);

DROP TABLE import_item;
"""

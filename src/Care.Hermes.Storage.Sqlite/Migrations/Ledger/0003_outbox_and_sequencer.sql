-- The transactional outbox (issue 12, item 4): an act writes its entry here, in its own transaction,
-- in its promised form (no index, no prevRoot); the one sequencer moves entries into ledger_entries in
-- batches. AUTOINCREMENT: ids are never reused after the rows are removed.
CREATE TABLE ledger_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    wearer TEXT NULL,
    promised BLOB NOT NULL,
    committed_ms INTEGER NOT NULL);
-- Which outbox entry each log entry came from (null for entries appended before the outbox).
ALTER TABLE ledger_entries ADD COLUMN outbox_id INTEGER NULL;
-- The single-writer lease: one sequencer per ledger.
CREATE TABLE ledger_sequencer (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    owner TEXT NOT NULL,
    lease_until_ms INTEGER NOT NULL);

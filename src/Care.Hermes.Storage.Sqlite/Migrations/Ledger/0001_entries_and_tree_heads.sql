-- The append-only Merkle ledger (RFC 9162 leaves) and its signed tree heads. Triggers make both
-- append-only for every client of the file; a hostile writer can drop them, and the verifier
-- still catches the change.
CREATE TABLE ledger_entries (
    idx INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    wearer TEXT NULL,
    data BLOB NOT NULL,
    leaf_hash BLOB NOT NULL);
CREATE INDEX ledger_entries_by_wearer ON ledger_entries (wearer, idx) WHERE wearer IS NOT NULL;
CREATE TABLE ledger_tree_heads (
    tree_size INTEGER PRIMARY KEY,
    root BLOB NOT NULL,
    timestamp_ms INTEGER NOT NULL,
    key_id TEXT NOT NULL,
    signature BLOB NOT NULL);
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
CREATE TRIGGER ledger_tree_heads_no_update BEFORE UPDATE ON ledger_tree_heads BEGIN SELECT RAISE(ABORT, 'signed tree heads are append-only'); END;
CREATE TRIGGER ledger_tree_heads_no_delete BEFORE DELETE ON ledger_tree_heads BEGIN SELECT RAISE(ABORT, 'signed tree heads are append-only'); END;

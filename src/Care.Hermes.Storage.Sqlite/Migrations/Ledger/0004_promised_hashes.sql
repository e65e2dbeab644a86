-- Find a log entry by the hash its signed promise names (SHA-256 of its promised form): a caller holding
-- a promise asks for its inclusion proof. Null for entries appended before the outbox.
ALTER TABLE ledger_entries ADD COLUMN promised_sha256 BLOB NULL;
CREATE INDEX ledger_entries_by_promise ON ledger_entries (promised_sha256) WHERE promised_sha256 IS NOT NULL;

-- The transactional outbox (issue 12, item 4), as on SQLite: an act writes its entry here, in its own
-- transaction (which holds the store's writer advisory lock, so ids are drawn and committed in order),
-- in its promised form (no index, no prevRoot); the one sequencer moves entries into ledger_entries in
-- batches. device_id, sequence and model_name copy fields of the entry, as in ledger_entries, so replay
-- checks and plan/model lookups see pending entries through an index. Identity ids are never reused.
CREATE TABLE ledger_outbox (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind text NOT NULL,
    wearer text,
    promised bytea NOT NULL,
    committed_ms bigint NOT NULL,
    device_id text,
    sequence bigint,
    model_name text
);
CREATE INDEX ledger_outbox_by_wearer ON ledger_outbox (wearer, kind, id) WHERE wearer IS NOT NULL;
CREATE INDEX ledger_outbox_sequences ON ledger_outbox (device_id, sequence) WHERE kind = 'BundleAccepted';

-- Which outbox entry each log entry came from (null for entries appended before the outbox); unique,
-- so an outbox entry can never be placed twice. promised_sha256: the hash a signed promise names
-- (SHA-256 of the promised form), so a caller holding a promise finds its entry and proof.
ALTER TABLE ledger_entries ADD COLUMN outbox_id bigint, ADD COLUMN promised_sha256 bytea;
CREATE UNIQUE INDEX ledger_entries_by_outbox ON ledger_entries (outbox_id) WHERE outbox_id IS NOT NULL;
CREATE INDEX ledger_entries_by_promise ON ledger_entries (promised_sha256) WHERE promised_sha256 IS NOT NULL;

-- The single-writer lease: one sequencer per ledger.
CREATE TABLE ledger_sequencer (
    id integer PRIMARY KEY CHECK (id = 1),
    owner text NOT NULL,
    lease_until_ms bigint NOT NULL
);

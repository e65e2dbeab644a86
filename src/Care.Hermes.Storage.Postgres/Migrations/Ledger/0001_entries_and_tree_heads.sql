-- The append-only Merkle ledger (RFC 9162 leaves) and its signed tree heads on PostgreSQL. device_id,
-- sequence and model_name copy fields of the signed entry (data) so replay checks and model lookups
-- use an index; the verifier reads only data. Triggers make both tables append-only for every client;
-- a hostile superuser can drop them, and the verifier still catches the change.
CREATE TABLE ledger_entries (
    idx bigint PRIMARY KEY CHECK (idx >= 0),
    kind text NOT NULL,
    wearer text,
    data bytea NOT NULL,
    leaf_hash bytea NOT NULL,
    device_id text,
    sequence bigint,
    model_name text
);
CREATE INDEX ledger_entries_by_wearer ON ledger_entries (wearer, kind, idx) WHERE wearer IS NOT NULL;
CREATE INDEX ledger_bundle_sequences ON ledger_entries (device_id, sequence) WHERE kind = 'BundleAccepted';
CREATE INDEX ledger_models ON ledger_entries (model_name, idx) WHERE kind = 'ModelReleased';

CREATE TABLE ledger_tree_heads (
    tree_size bigint PRIMARY KEY,
    root bytea NOT NULL,
    timestamp_ms bigint NOT NULL,
    key_id text NOT NULL,
    signature bytea NOT NULL
);

CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_tree_heads_append_only BEFORE UPDATE OR DELETE ON ledger_tree_heads FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_tree_heads_no_truncate BEFORE TRUNCATE ON ledger_tree_heads FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();

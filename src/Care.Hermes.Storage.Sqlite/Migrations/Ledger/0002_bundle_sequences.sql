-- Find the last accepted bundle sequence of a device from the signed entries themselves (replay protection).
CREATE INDEX ledger_bundle_sequences ON ledger_entries (
    json_extract(CAST(data AS TEXT), '$.deviceId'),
    json_extract(CAST(data AS TEXT), '$.sequence'))
    WHERE kind = 'BundleAccepted';

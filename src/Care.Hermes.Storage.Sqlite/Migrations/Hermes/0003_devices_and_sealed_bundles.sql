-- Device identities (hybrid Ed25519 + ML-DSA-65 public keys) that may upload sealed bundles,
-- and the SHA-256 of each sealed upload as received, so an identical retry is recognised
-- before it is opened (its sequence number would otherwise read as a replay).
CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    algorithm TEXT NOT NULL,
    public_key BLOB NOT NULL,
    registered_ms INTEGER NOT NULL,
    revoked_ms INTEGER
);

ALTER TABLE bundles ADD COLUMN sealed_sha256 BLOB;
CREATE UNIQUE INDEX ix_bundles_sealed ON bundles(sealed_sha256) WHERE sealed_sha256 IS NOT NULL;

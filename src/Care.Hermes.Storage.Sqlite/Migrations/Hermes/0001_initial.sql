-- Hermes schema, version 1. Times are Unix milliseconds (UTC); observation signs are Care.Core VitalSign values.
CREATE TABLE wearers (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    last_observation_ms INTEGER,
    risk_state TEXT
);

CREATE TABLE bundles (
    id INTEGER PRIMARY KEY,
    uid BLOB NOT NULL UNIQUE,
    wearer INTEGER NOT NULL REFERENCES wearers(id),
    patch TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    received_ms INTEGER NOT NULL,
    observation_count INTEGER NOT NULL,
    content_sha256 BLOB NOT NULL
);

-- One row per measurement; the key makes a duplicate impossible and serves every wearer query.
CREATE TABLE observations (
    wearer INTEGER NOT NULL,
    sign INTEGER NOT NULL,
    time_ms INTEGER NOT NULL,
    value REAL NOT NULL,
    bundle INTEGER NOT NULL,
    PRIMARY KEY (wearer, sign, time_ms)
) WITHOUT ROWID;

CREATE TABLE risk_scores (
    wearer INTEGER NOT NULL,
    time_ms INTEGER NOT NULL,
    total INTEGER NOT NULL,
    level INTEGER NOT NULL,
    parts TEXT NOT NULL,
    PRIMARY KEY (wearer, time_ms)
) WITHOUT ROWID;

CREATE TABLE alerts (
    id INTEGER PRIMARY KEY,
    wearer INTEGER NOT NULL REFERENCES wearers(id),
    raised_ms INTEGER NOT NULL,
    level INTEGER NOT NULL,
    score INTEGER NOT NULL,
    reason TEXT NOT NULL,
    bundle INTEGER NOT NULL
);
CREATE INDEX ix_alerts_raised ON alerts(raised_ms);

CREATE TABLE tokens (
    id TEXT PRIMARY KEY,
    sha256 BLOB NOT NULL UNIQUE,
    role TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    revoked_ms INTEGER
);

-- Who read which wearer's record, when and what: access to a record is recorded (DESIGN.md, Privacy).
CREATE TABLE record_access (
    id INTEGER PRIMARY KEY,
    token TEXT NOT NULL,
    role TEXT NOT NULL,
    wearer TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    action TEXT NOT NULL
);

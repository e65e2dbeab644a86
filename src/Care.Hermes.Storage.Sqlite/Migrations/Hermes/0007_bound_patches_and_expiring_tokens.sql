-- Issue 11: patches bound to one wearer, ordering per patch, expiring and scoped tokens.

-- A patch may write only its wearer's record. Devices registered before binding existed have no
-- wearer: their bundles are refused until they are registered again for a wearer.
ALTER TABLE devices ADD COLUMN wearer TEXT;
ALTER TABLE devices ADD COLUMN kiosk TEXT;
ALTER TABLE devices ADD COLUMN retired_ms INTEGER;
-- Ordering is per patch: a bundle's first observation (dose) must follow this patch's newest one,
-- so another writer can never lock the genuine patch out of its wearer's record.
ALTER TABLE devices ADD COLUMN last_observation_ms INTEGER;
ALTER TABLE devices ADD COLUMN last_dose_ms INTEGER;
UPDATE devices SET
    last_observation_ms = (SELECT MAX(o.time_ms) FROM observations o JOIN bundles b ON b.id = o.bundle WHERE b.patch = devices.id),
    last_dose_ms = (SELECT MAX(d.time_ms) FROM doses d JOIN bundles b ON b.id = d.bundle WHERE b.patch = devices.id);

-- Two patches of one wearer may both measure at one instant (a swap overlaps): each keeps its row.
CREATE TABLE observations_v7 (
    wearer INTEGER NOT NULL,
    sign INTEGER NOT NULL,
    time_ms INTEGER NOT NULL,
    value REAL NOT NULL,
    bundle INTEGER NOT NULL,
    PRIMARY KEY (wearer, sign, time_ms, bundle)
) WITHOUT ROWID;
INSERT INTO observations_v7 SELECT wearer, sign, time_ms, value, bundle FROM observations;
DROP TABLE observations;
ALTER TABLE observations_v7 RENAME TO observations;

CREATE TABLE doses_v7 (
    wearer INTEGER NOT NULL,
    time_ms INTEGER NOT NULL,
    basal_units_per_hour REAL NOT NULL,
    duration_ms INTEGER NOT NULL,
    bolus_units REAL NOT NULL,
    reason INTEGER NOT NULL,
    bundle INTEGER NOT NULL,
    PRIMARY KEY (wearer, time_ms, bundle)
) WITHOUT ROWID;
INSERT INTO doses_v7 SELECT wearer, time_ms, basal_units_per_hour, duration_ms, bolus_units, reason, bundle FROM doses;
DROP TABLE doses;
ALTER TABLE doses_v7 RENAME TO doses;

CREATE TABLE events_v7 (
    wearer INTEGER NOT NULL,
    start_ms INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    end_ms INTEGER,
    value REAL,
    detail TEXT,
    bundle INTEGER NOT NULL,
    PRIMARY KEY (wearer, start_ms, kind, bundle)
) WITHOUT ROWID;
INSERT INTO events_v7 SELECT wearer, start_ms, kind, end_ms, value, detail, bundle FROM events;
DROP TABLE events;
ALTER TABLE events_v7 RENAME TO events;

-- Bundles refused for their wearer (foreign, retired or unbound patch): one ledger entry per upload.
CREATE TABLE bundle_refusals (
    sealed_sha256 BLOB PRIMARY KEY,
    ledger_idx INTEGER NOT NULL
) WITHOUT ROWID;

-- Tokens expire (those issued before: 30 days after they were created) and may be scoped to a care
-- team's wearers; a label says whose they are (never a secret).
ALTER TABLE tokens ADD COLUMN expires_ms INTEGER;
UPDATE tokens SET expires_ms = created_ms + 2592000000 WHERE expires_ms IS NULL;
ALTER TABLE tokens ADD COLUMN label TEXT;
ALTER TABLE tokens ADD COLUMN scoped INTEGER NOT NULL DEFAULT 0;
CREATE TABLE token_wearers (
    token TEXT NOT NULL,
    wearer TEXT NOT NULL,
    PRIMARY KEY (token, wearer)
) WITHOUT ROWID;

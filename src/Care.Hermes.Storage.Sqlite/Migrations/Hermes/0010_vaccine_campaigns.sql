-- Issues 15 and 20: vaccine campaigns with their designed product, the doses kiosks request, and
-- every step of each dose (the ledger holds the acts; these rows are what Hermes looks them up by).
CREATE TABLE vaccine_campaigns (
    id TEXT PRIMARY KEY,
    protein TEXT NOT NULL,
    mrna TEXT NOT NULL,
    product_sha256 TEXT NOT NULL,
    lambda REAL NOT NULL,
    beam INTEGER NOT NULL,
    mfe REAL NOT NULL,
    cai REAL NOT NULL,
    dose_ug REAL NOT NULL,
    eligible TEXT,
    expires_ms INTEGER NOT NULL,
    issued_by TEXT NOT NULL,
    created_ms INTEGER NOT NULL
);

CREATE TABLE vaccine_doses (
    id TEXT PRIMARY KEY,
    request_id TEXT NOT NULL UNIQUE,
    campaign TEXT NOT NULL REFERENCES vaccine_campaigns (id),
    wearer TEXT NOT NULL,
    step INTEGER NOT NULL,
    requested_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL
);
CREATE INDEX vaccine_doses_by_campaign ON vaccine_doses (campaign, step, requested_ms);
-- One live dose per wearer and campaign; a refused dose (step 6) may be requested again.
CREATE UNIQUE INDEX vaccine_doses_one_live ON vaccine_doses (campaign, wearer) WHERE step <> 6;

CREATE TABLE vaccine_dose_steps (
    dose TEXT NOT NULL REFERENCES vaccine_doses (id),
    step INTEGER NOT NULL,
    at_ms INTEGER NOT NULL,
    entry_sha256 TEXT NOT NULL,
    detail TEXT NOT NULL,
    PRIMARY KEY (dose, step)
);

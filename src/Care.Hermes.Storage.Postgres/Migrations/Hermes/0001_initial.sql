-- Hermes schema on PostgreSQL, version 1: the SQLite backend's schema after its migration 7, in one
-- script (no PostgreSQL database predates it). Times are Unix milliseconds (UTC); enum columns hold
-- Care.Core / Care.Hermes enum values. Observations are partitioned by time (one range partition per
-- calendar month of time_ms, created on demand by the store before it loads a bundle with COPY).
CREATE TABLE wearers (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code text NOT NULL UNIQUE,
    last_observation_ms bigint,
    risk_state text,
    suppress_until_ms bigint,
    suppress_level integer,
    model_risk_state text,
    model_suppress_until_ms bigint,
    model_suppress_level integer
);

CREATE TABLE bundles (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uid uuid NOT NULL UNIQUE,
    wearer bigint NOT NULL REFERENCES wearers(id),
    patch text NOT NULL,
    created_ms bigint NOT NULL,
    received_ms bigint NOT NULL,
    observation_count integer NOT NULL,
    content_sha256 bytea NOT NULL,
    sealed_sha256 bytea UNIQUE
);

-- Two patches of one wearer may both measure at one instant (a swap overlaps): each keeps its row.
CREATE TABLE observations (
    wearer bigint NOT NULL,
    sign smallint NOT NULL,
    time_ms bigint NOT NULL,
    value double precision NOT NULL,
    bundle bigint NOT NULL,
    PRIMARY KEY (wearer, sign, time_ms, bundle)
) PARTITION BY RANGE (time_ms);

CREATE TABLE doses (
    wearer bigint NOT NULL,
    time_ms bigint NOT NULL,
    basal_units_per_hour double precision NOT NULL,
    duration_ms bigint NOT NULL,
    bolus_units double precision NOT NULL,
    reason integer NOT NULL,
    bundle bigint NOT NULL,
    PRIMARY KEY (wearer, time_ms, bundle)
);

CREATE TABLE events (
    wearer bigint NOT NULL,
    start_ms bigint NOT NULL,
    kind integer NOT NULL,
    end_ms bigint,
    value double precision,
    detail text,
    bundle bigint NOT NULL,
    PRIMARY KEY (wearer, start_ms, kind, bundle)
);

CREATE TABLE risk_scores (
    wearer bigint NOT NULL,
    time_ms bigint NOT NULL,
    total integer NOT NULL,
    level integer NOT NULL,
    parts text NOT NULL,
    PRIMARY KEY (wearer, time_ms)
);

CREATE TABLE model_risks (
    wearer bigint NOT NULL,
    time_ms bigint NOT NULL,
    hour integer NOT NULL,
    inputs bytea NOT NULL,
    measured boolean NOT NULL,
    score integer NOT NULL,
    level integer NOT NULL,
    probability double precision NOT NULL,
    probability_low double precision NOT NULL,
    probability_high double precision NOT NULL,
    contributions text NOT NULL,
    PRIMARY KEY (wearer, time_ms)
);

CREATE TABLE alerts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    wearer bigint NOT NULL REFERENCES wearers(id),
    raised_ms bigint NOT NULL,
    level integer NOT NULL,
    score integer NOT NULL,
    reason text NOT NULL,
    bundle bigint NOT NULL,
    acknowledged_ms bigint,
    acknowledged_by text,
    kind integer NOT NULL DEFAULT 0,
    details text
);
CREATE INDEX ix_alerts_raised ON alerts (raised_ms);

CREATE TABLE devices (
    id text PRIMARY KEY,
    algorithm text NOT NULL,
    public_key bytea NOT NULL,
    registered_ms bigint NOT NULL,
    revoked_ms bigint,
    wearer text,
    kiosk text,
    retired_ms bigint,
    last_observation_ms bigint,
    last_dose_ms bigint
);

CREATE TABLE bundle_refusals (
    sealed_sha256 bytea PRIMARY KEY,
    ledger_idx bigint NOT NULL
);

CREATE TABLE tokens (
    id text PRIMARY KEY,
    sha256 bytea NOT NULL UNIQUE,
    role text NOT NULL,
    created_ms bigint NOT NULL,
    revoked_ms bigint,
    expires_ms bigint NOT NULL,
    label text,
    scoped boolean NOT NULL DEFAULT false
);

CREATE TABLE token_wearers (
    token text NOT NULL REFERENCES tokens(id),
    wearer text NOT NULL,
    PRIMARY KEY (token, wearer)
);

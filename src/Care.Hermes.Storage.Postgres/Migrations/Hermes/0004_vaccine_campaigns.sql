-- Hermes schema on PostgreSQL, version 2 (issues 15 and 20): vaccine campaigns with their designed
-- product, the doses kiosks request, and every step of each dose. The ledger holds the acts; these
-- rows are what Hermes looks them up by. Steps are Care.Hermes DoseStep values (6 = refused).
CREATE TABLE vaccine_campaigns (
    id text PRIMARY KEY,
    protein text NOT NULL,
    mrna text NOT NULL,
    product_sha256 text NOT NULL,
    lambda double precision NOT NULL,
    beam integer NOT NULL,
    mfe double precision NOT NULL,
    cai double precision NOT NULL,
    dose_ug double precision NOT NULL,
    eligible text[],
    expires_ms bigint NOT NULL,
    issued_by text NOT NULL,
    created_ms bigint NOT NULL
);

CREATE TABLE vaccine_doses (
    id text PRIMARY KEY,
    request_id text NOT NULL UNIQUE,
    campaign text NOT NULL REFERENCES vaccine_campaigns(id),
    wearer text NOT NULL,
    step integer NOT NULL,
    requested_ms bigint NOT NULL,
    updated_ms bigint NOT NULL
);
CREATE INDEX vaccine_doses_by_campaign ON vaccine_doses (campaign, step, requested_ms);
-- One live dose per wearer and campaign; a refused dose may be requested again.
CREATE UNIQUE INDEX vaccine_doses_one_live ON vaccine_doses (campaign, wearer) WHERE step <> 6;

CREATE TABLE vaccine_dose_steps (
    dose text NOT NULL REFERENCES vaccine_doses(id),
    step integer NOT NULL,
    at_ms bigint NOT NULL,
    entry_sha256 text NOT NULL,
    detail text NOT NULL,
    PRIMARY KEY (dose, step)
);

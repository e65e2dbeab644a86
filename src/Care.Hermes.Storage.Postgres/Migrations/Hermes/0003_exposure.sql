-- Issue 13: proximity tracing (ADR 0021). No table here names a wearer, a patch or a kiosk: a code's
-- row holds its hash, expiry and what the clinician stated, and is replaced by the bare hash when used;
-- keys hold nothing but their GAEN fields and the hour they arrived.
CREATE TABLE exposure_codes (
    sha256 bytea PRIMARY KEY,
    expires_ms bigint NOT NULL,
    report_type integer NOT NULL,
    onset_day integer
);

CREATE TABLE exposure_used_codes (
    sha256 bytea PRIMARY KEY
);

CREATE TABLE exposure_exports (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    region text NOT NULL,
    start_s bigint NOT NULL,
    end_s bigint NOT NULL,
    key_count integer NOT NULL,
    sha256 bytea NOT NULL,
    zip bytea NOT NULL,
    published_ms bigint NOT NULL
);

CREATE TABLE diagnosis_keys (
    key_data bytea PRIMARY KEY,
    rolling_start integer NOT NULL,
    rolling_period integer NOT NULL,
    transmission_risk integer NOT NULL,
    report_type integer NOT NULL,
    days_since_onset integer,
    received_hour_ms bigint NOT NULL,
    export bigint REFERENCES exposure_exports (id)
);
CREATE INDEX diagnosis_keys_pending ON diagnosis_keys (rolling_start) WHERE export IS NULL;

-- Kiosks' anonymous counts: a random report id (so a resend adds nothing), region, day, count.
CREATE TABLE exposure_notification_reports (
    report_id uuid PRIMARY KEY,
    region text NOT NULL,
    day integer NOT NULL,
    count integer NOT NULL
);
CREATE INDEX exposure_notification_reports_day ON exposure_notification_reports (day, region);

-- Issue 13: proximity tracing (ADR 0021). No table here names a wearer, a patch or a kiosk: a code's
-- row holds its hash, expiry and what the clinician stated, and is replaced by the bare hash when used;
-- keys hold nothing but their GAEN fields and the hour they arrived.
CREATE TABLE exposure_codes (
    sha256 BLOB PRIMARY KEY,
    expires_ms INTEGER NOT NULL,
    report_type INTEGER NOT NULL,
    onset_day INTEGER
) WITHOUT ROWID;

CREATE TABLE exposure_used_codes (
    sha256 BLOB PRIMARY KEY
) WITHOUT ROWID;

CREATE TABLE exposure_exports (
    id INTEGER PRIMARY KEY,
    region TEXT NOT NULL,
    start_s INTEGER NOT NULL,
    end_s INTEGER NOT NULL,
    key_count INTEGER NOT NULL,
    sha256 BLOB NOT NULL,
    zip BLOB NOT NULL,
    published_ms INTEGER NOT NULL
);

CREATE TABLE diagnosis_keys (
    key_data BLOB PRIMARY KEY,
    rolling_start INTEGER NOT NULL,
    rolling_period INTEGER NOT NULL,
    transmission_risk INTEGER NOT NULL,
    report_type INTEGER NOT NULL,
    days_since_onset INTEGER,
    received_hour_ms INTEGER NOT NULL,
    export INTEGER REFERENCES exposure_exports (id)
) WITHOUT ROWID;
CREATE INDEX diagnosis_keys_pending ON diagnosis_keys (rolling_start) WHERE export IS NULL;

-- Kiosks' anonymous counts: a random report id (so a resend adds nothing), region, day, count.
CREATE TABLE exposure_notification_reports (
    report_id BLOB PRIMARY KEY,
    region TEXT NOT NULL,
    day INTEGER NOT NULL,
    count INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX exposure_notification_reports_day ON exposure_notification_reports (day, region);

-- Issue 13, item 8: the population view. Aggregates only: no column here names a wearer.

-- One row per region and UTC day (day = days since 0001-01-01, .NET's DateOnly.DayNumber); a rerun replaces it.
CREATE TABLE population_counts (
    region text NOT NULL,
    day integer NOT NULL,
    wearers bigint NOT NULL,
    fever bigint NOT NULL,
    raised_resting_hr bigint NOT NULL,
    new_af_episodes bigint NOT NULL,
    exposure_notifications bigint NOT NULL,
    PRIMARY KEY (region, day)
);

-- Outbreak signals, at most one per region, day and measure; each has its OutbreakSignalRaised ledger entry.
CREATE TABLE outbreak_signals (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    region text NOT NULL,
    day integer NOT NULL,
    measure integer NOT NULL,
    observed bigint NOT NULL,
    expected double precision NOT NULL,
    score double precision NOT NULL,
    detector text NOT NULL,
    raised_ms bigint NOT NULL,
    UNIQUE (region, day, measure)
);

-- Issue 13, item 8: the population view. Aggregates only: no column here names a wearer.

-- One row per region and UTC day (day = days since 0001-01-01, .NET's DateOnly.DayNumber); a rerun replaces it.
CREATE TABLE population_counts (
    region TEXT NOT NULL,
    day INTEGER NOT NULL,
    wearers INTEGER NOT NULL,
    fever INTEGER NOT NULL,
    raised_resting_hr INTEGER NOT NULL,
    new_af_episodes INTEGER NOT NULL,
    exposure_notifications INTEGER NOT NULL,
    PRIMARY KEY (region, day)
) WITHOUT ROWID;

-- Outbreak signals, at most one per region, day and measure; each has its OutbreakSignalRaised ledger entry.
CREATE TABLE outbreak_signals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    region TEXT NOT NULL,
    day INTEGER NOT NULL,
    measure INTEGER NOT NULL,
    observed INTEGER NOT NULL,
    expected REAL NOT NULL,
    score REAL NOT NULL,
    detector TEXT NOT NULL,
    raised_ms INTEGER NOT NULL,
    UNIQUE (region, day, measure)
);

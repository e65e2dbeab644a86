-- Insulin doses delivered by a wearer's patch (bundle field "doses"): one row per dosing period.
-- Times are Unix milliseconds (UTC); reason is the Care.Core DoseDeliveryReason value. The key
-- makes two doses of one wearer at the same time impossible and serves every wearer query.
CREATE TABLE doses (
    wearer INTEGER NOT NULL,
    time_ms INTEGER NOT NULL,
    basal_units_per_hour REAL NOT NULL,
    duration_ms INTEGER NOT NULL,
    bolus_units REAL NOT NULL,
    reason INTEGER NOT NULL,
    bundle INTEGER NOT NULL,
    PRIMARY KEY (wearer, time_ms)
) WITHOUT ROWID;

-- Explained model risk (the sepsis model, issue 5). One row per wearer-hour the model scored:
-- the hour's input vitals as the model saw them (7 little-endian float32 in Challenge order HR,
-- O2Sat, Temp, SBP, MAP, DBP, Resp; NaN = not measured), so a wearer's scorer can be rebuilt by
-- replaying them, and the explained output (0-100 score, calibrated probability and its 95 %
-- interval, level, top contributions as JSON). Times are Unix milliseconds (UTC), the hour's end.
CREATE TABLE model_risks (
    wearer INTEGER NOT NULL,
    time_ms INTEGER NOT NULL,
    hour INTEGER NOT NULL,
    inputs BLOB NOT NULL,
    measured INTEGER NOT NULL,
    score INTEGER NOT NULL,
    level INTEGER NOT NULL,
    probability REAL NOT NULL,
    probability_low REAL NOT NULL,
    probability_high REAL NOT NULL,
    contributions TEXT NOT NULL,
    PRIMARY KEY (wearer, time_ms)
) WITHOUT ROWID;

-- The model-risk tracker's state (open hour, hours scored, episode) beside the NEWS2 tracker's.
ALTER TABLE wearers ADD COLUMN model_risk_state TEXT;
-- An acknowledgement suppresses re-alerts of its own kind: NEWS2 keeps suppress_until_ms/level.
ALTER TABLE wearers ADD COLUMN model_suppress_until_ms INTEGER;
ALTER TABLE wearers ADD COLUMN model_suppress_level INTEGER;

-- Alerts have a kind (0 = NEWS2, 1 = sepsis model) and, for model alerts, the explanation as JSON.
ALTER TABLE alerts ADD COLUMN kind INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alerts ADD COLUMN details TEXT;

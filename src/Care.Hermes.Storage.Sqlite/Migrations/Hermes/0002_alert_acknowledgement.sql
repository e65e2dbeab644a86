-- Alerts can be acknowledged by a clinician; an acknowledgement suppresses re-alerts of the same
-- or a lower level for the wearer for a while (HermesOptions.AlertSuppression).
ALTER TABLE alerts ADD COLUMN acknowledged_ms INTEGER;
ALTER TABLE alerts ADD COLUMN acknowledged_by TEXT;
ALTER TABLE wearers ADD COLUMN suppress_until_ms INTEGER;
ALTER TABLE wearers ADD COLUMN suppress_level INTEGER;

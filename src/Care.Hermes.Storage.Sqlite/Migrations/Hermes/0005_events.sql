-- Rhythm events found by a wearer's patch (bundle field "events"). Times are Unix milliseconds
-- (UTC); end_ms, value and detail are NULL when the event has none; kind is the Care.Core
-- PatchEventKind value. The key makes a repeated (kind, start) of one wearer impossible and
-- serves every wearer query in start order.
CREATE TABLE events (
    wearer INTEGER NOT NULL,
    start_ms INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    end_ms INTEGER,
    value REAL,
    detail TEXT,
    bundle INTEGER NOT NULL,
    PRIMARY KEY (wearer, start_ms, kind)
) WITHOUT ROWID;

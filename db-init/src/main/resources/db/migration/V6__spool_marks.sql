-- The high-water mark of each server's local spool: the last spool seq whose events are committed
-- here. The drainer upserts it in the same transaction as the events, visits and rollup deltas it
-- moves, so after a crash the spool replays exactly what is not yet in this database.
CREATE TABLE spool_marks (
    spool_id   VARCHAR(64) NOT NULL,
    seq        BIGINT      NOT NULL,
    updated_ms BIGINT      NOT NULL,
    PRIMARY KEY (spool_id)
);

-- The rollup deltas of each write batch, committed with its events and visits, and folded into
-- rollup_hourly, rollup_daily and rollup_pair_daily in the background (RollupFolder): many
-- batches' deltas are summed into one upsert per row, and a request's acknowledgement no longer
-- waits for several hundred row upserts. A fold applies and deletes its rows in one transaction,
-- so each delta is counted exactly once; stats reads fold what is pending first.
CREATE TABLE rollup_deltas (
  id BIGINT NOT NULL AUTO_INCREMENT,
  deltas MEDIUMBLOB NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB;

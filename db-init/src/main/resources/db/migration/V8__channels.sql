-- Acquisition channels (GA4's default channel grouping, derived at ingest): a dimension table
-- like the others, and the id column on events and visits. The columns default to 0, which no
-- dimension row has: visits stored before this migration have no channel, and channel reports
-- cover visits from this migration on (README, "Channels"). A server of the previous version
-- keeps inserting during a rolling upgrade, as it names its columns. ADD COLUMN with a constant
-- default is an in-place, instant change on MySQL 8.0.29+ and MariaDB 10.3+.
CREATE TABLE dim_channels (
  id INT NOT NULL AUTO_INCREMENT,
  value_hash BINARY(16) NOT NULL,
  value VARCHAR(2048) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_dim_channels_hash (value_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

ALTER TABLE events ADD COLUMN channel_id INT NOT NULL DEFAULT 0;
ALTER TABLE visits ADD COLUMN channel_id INT NOT NULL DEFAULT 0;

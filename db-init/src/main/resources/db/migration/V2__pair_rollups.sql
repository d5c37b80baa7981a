-- Two-dimensional daily rollups for the dashboard's drill-down: a report broken down by one
-- dimension (page, source, country, device, browser, OS) and filtered to one value of a visit
-- dimension (source, country, device, browser, OS). Without them such a report groups raw rows:
-- 37 s for 7 days of a 10-million-event site (BENCHMARKS.md). Same counters and booking rules as
-- rollup_daily; written by the writer in the same transaction. filter_dim/dim are RollupDim codes.
CREATE TABLE rollup_pair_daily (
  site_id INT NOT NULL,
  filter_dim TINYINT NOT NULL,
  filter_value_id INT NOT NULL,
  dim TINYINT NOT NULL,
  value_id INT NOT NULL,
  bucket_day INT NOT NULL,
  visitors INT NOT NULL DEFAULT 0,
  hour_visitors INT NOT NULL DEFAULT 0,
  pageviews INT NOT NULL DEFAULT 0,
  events INT NOT NULL DEFAULT 0,
  visits INT NOT NULL DEFAULT 0,
  bounces INT NOT NULL DEFAULT 0,
  visit_duration_ms BIGINT NOT NULL DEFAULT 0,
  visit_pageviews INT NOT NULL DEFAULT 0,
  engagement_ms BIGINT NOT NULL DEFAULT 0,
  engagements INT NOT NULL DEFAULT 0,
  scroll_depth_sum BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, filter_dim, filter_value_id, dim, value_id, bucket_day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Traffic stored before this migration has no pair rows: for sites that existed, pair rollups
-- answer only ranges starting at or after from_ms; earlier ranges keep reading raw rows.
-- Sites created later have no row here: their pair rollups are complete.
CREATE TABLE rollup_pair_coverage (
  site_id INT NOT NULL,
  from_ms BIGINT NOT NULL,
  PRIMARY KEY (site_id)
) ENGINE=InnoDB;

INSERT INTO rollup_pair_coverage (site_id, from_ms) SELECT id, UNIX_TIMESTAMP() * 1000 FROM sites;

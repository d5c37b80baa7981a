-- Drill-down by page from rollups: page rows (rollup_hourly/rollup_daily, dim PAGE) now carry
-- visit counters (each visit booked under every page it had a pageview or custom event on), and
-- rollup_pair_daily gains rows filtered to one page (filter_dim PAGE) for the source, country,
-- device, browser and OS breakdowns (event counters and visitors). Before this, a 7-day report of
-- one page's visitors grouped raw rows: 0.3 to 1.1 s, 90 days 4 to 7 s on a 10-million-event
-- site (BENCHMARKS.md). No table changes: the writer books the new rows from now on.
--
-- Traffic stored before this migration has none of them: page_from_ms says from when a site's
-- page rows are complete; earlier ranges keep reading raw rows. Sites created later have no row
-- in rollup_pair_coverage: everything is complete for them.
ALTER TABLE rollup_pair_coverage ADD COLUMN page_from_ms BIGINT NOT NULL DEFAULT 0;

INSERT INTO rollup_pair_coverage (site_id, from_ms, page_from_ms)
  SELECT id, 0, UNIX_TIMESTAMP() * 1000 FROM sites
  ON DUPLICATE KEY UPDATE page_from_ms = VALUES(page_from_ms);

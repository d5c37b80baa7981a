-- Goals: what a site counts as a conversion. kind 1 is a pageview goal (page_path, a pattern:
-- * within a segment, ** across /, | between alternatives), 2 a custom event goal (event_name
-- and up to three property matches as a JSON object in props), 3 a scroll-depth goal
-- (page_path and scroll_threshold, 1 to 100). identity_hash is the MD5 of the goal's canonical
-- definition, so the same goal cannot be defined twice; display names are unique per site as
-- the event:goal filter names goals by them. Reports read goals' conversions from the raw rows
-- and rollups already stored (README, "Goals"), so a goal applies to history at once and needs
-- no backfill. (V9 is left to the region/city dimensions.)
CREATE TABLE goals (
  id INT NOT NULL AUTO_INCREMENT,
  site_id INT NOT NULL,
  kind TINYINT NOT NULL,
  display_name VARCHAR(120) NOT NULL,
  page_path VARCHAR(2048) NULL,
  event_name VARCHAR(120) NULL,
  props TEXT NULL,
  scroll_threshold TINYINT NULL,
  identity_hash BINARY(16) NOT NULL,
  created_ms BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_goals_site_definition (site_id, identity_hash),
  UNIQUE KEY uq_goals_site_name (site_id, display_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A custom event goal's conversions (filtered reports, revenue) are read from the events of its
-- name: this index reads only those instead of every event of the range (the page goals use
-- ix_events_site_page_ts). Like V3, an in-place index build on MySQL 8 and MariaDB.
ALTER TABLE events ADD INDEX ix_events_site_name_ts (site_id, name_id, ts);

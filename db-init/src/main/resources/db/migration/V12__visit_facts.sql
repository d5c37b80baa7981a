-- Visit facts: what a filtered report needs of the raw rows, one row per visit and site-local day
-- (visit_days), per visit, day and page (visit_pages) and per visit, day, page and custom property
-- (visit_props), each carrying the visit's dimension ids,
-- clustered by (site_id, day). A report with filters the rollups cannot answer reads raw rows;
-- reading events joined to their visits cost 20 to 88 s for 90 days of a 10-million-event site
-- (issue 16, BENCHMARKS.md), a range of these rows costs one pass over a few rows per visit with no
-- join. Written by the batch writer in the batch's transaction from this migration on
-- (rollup.VisitFacts): event counters add up per row; the visit's own counters (visits, bounces,
-- duration, pageviews, exit page) sit on the row of the day the visit started, set to the visit's
-- latest totals. dimension columns have the names of the visits columns, so filters read the same.
CREATE TABLE visit_days (
  site_id INT NOT NULL,
  day INT NOT NULL,
  visit_id BIGINT NOT NULL,
  visitor_id BIGINT NOT NULL,
  entry_page_id INT NOT NULL,
  hostname_id INT NOT NULL,
  referrer_id INT NOT NULL,
  source_id INT NOT NULL,
  utm_source_id INT NOT NULL,
  utm_medium_id INT NOT NULL,
  utm_campaign_id INT NOT NULL,
  utm_term_id INT NOT NULL,
  utm_content_id INT NOT NULL,
  browser_id INT NOT NULL,
  browser_version_id INT NOT NULL,
  os_id INT NOT NULL,
  os_version_id INT NOT NULL,
  device_type_id INT NOT NULL,
  channel_id INT NOT NULL,
  region_id INT NOT NULL,
  city_id INT NOT NULL,
  country CHAR(2) NOT NULL DEFAULT '',
  pageviews INT NOT NULL DEFAULT 0,
  events INT NOT NULL DEFAULT 0,
  engagement_ms BIGINT NOT NULL DEFAULT 0,
  visits TINYINT NOT NULL DEFAULT 0,
  bounce TINYINT NOT NULL DEFAULT 0,
  duration_ms BIGINT NOT NULL DEFAULT 0,
  visit_pageviews INT NOT NULL DEFAULT 0,
  exit_page_id INT NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, day, visit_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE visit_pages (
  site_id INT NOT NULL,
  day INT NOT NULL,
  visit_id BIGINT NOT NULL,
  page_id INT NOT NULL,
  visitor_id BIGINT NOT NULL,
  entry_page_id INT NOT NULL,
  hostname_id INT NOT NULL,
  referrer_id INT NOT NULL,
  source_id INT NOT NULL,
  utm_source_id INT NOT NULL,
  utm_medium_id INT NOT NULL,
  utm_campaign_id INT NOT NULL,
  utm_term_id INT NOT NULL,
  utm_content_id INT NOT NULL,
  browser_id INT NOT NULL,
  browser_version_id INT NOT NULL,
  os_id INT NOT NULL,
  os_version_id INT NOT NULL,
  device_type_id INT NOT NULL,
  channel_id INT NOT NULL,
  region_id INT NOT NULL,
  city_id INT NOT NULL,
  country CHAR(2) NOT NULL DEFAULT '',
  pageviews INT NOT NULL DEFAULT 0,
  events INT NOT NULL DEFAULT 0,
  engagement_ms BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, day, visit_id, page_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Per visit, day, page and custom property pair (dim_props id): the pageviews and custom events
-- carrying that pair, for reports filtered by a custom property.
CREATE TABLE visit_props (
  site_id INT NOT NULL,
  day INT NOT NULL,
  visit_id BIGINT NOT NULL,
  page_id INT NOT NULL,
  prop_id INT NOT NULL,
  visitor_id BIGINT NOT NULL,
  entry_page_id INT NOT NULL,
  hostname_id INT NOT NULL,
  referrer_id INT NOT NULL,
  source_id INT NOT NULL,
  utm_source_id INT NOT NULL,
  utm_medium_id INT NOT NULL,
  utm_campaign_id INT NOT NULL,
  utm_term_id INT NOT NULL,
  utm_content_id INT NOT NULL,
  browser_id INT NOT NULL,
  browser_version_id INT NOT NULL,
  os_id INT NOT NULL,
  os_version_id INT NOT NULL,
  device_type_id INT NOT NULL,
  channel_id INT NOT NULL,
  region_id INT NOT NULL,
  city_id INT NOT NULL,
  country CHAR(2) NOT NULL DEFAULT '',
  pageviews INT NOT NULL DEFAULT 0,
  events INT NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, day, visit_id, page_id, prop_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Rows stored before this migration are filled in by the server's background job
-- (rollup.FactBackfill): events with ids up to upto_event_id in chunks (next_event_id is the next
-- to read), then the visits' own counters. Until it is done, filtered reports read events and
-- visits as before. On an empty installation there is nothing to fill.
CREATE TABLE visit_fact_backfill (
  id TINYINT NOT NULL,
  upto_event_id BIGINT NOT NULL,
  next_event_id BIGINT NOT NULL,
  visits_done TINYINT NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB;

INSERT INTO visit_fact_backfill (id, upto_event_id, next_event_id, visits_done)
  SELECT 1, COALESCE(MAX(id), 0), 1, CASE WHEN MAX(id) IS NULL THEN 1 ELSE 0 END FROM events;

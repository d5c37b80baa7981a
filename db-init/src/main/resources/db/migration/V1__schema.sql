-- Footfall schema v1. Portable SQL: runs unchanged on MySQL 8.4, MariaDB 10.11+ and TiDB.
-- Times are epoch milliseconds in BIGINT columns: some driver/server pairs drop the
-- milliseconds of bound DATETIME(3) values, a BIGINT keeps them everywhere.

CREATE TABLE sites (
  id INT NOT NULL AUTO_INCREMENT,
  domain VARCHAR(253) NOT NULL,
  timezone VARCHAR(64) NOT NULL DEFAULT 'UTC',
  created_ms BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_sites_domain (domain)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Dimension tables: one per kind, same shape. The unique key is on a 16-byte digest of the
-- value (long URLs exceed index limits); ids are created with INSERT IGNORE, so two server
-- instances racing on a new value end up with one row and both read its id.
CREATE TABLE dim_pages (
  id INT NOT NULL AUTO_INCREMENT,
  value_hash BINARY(16) NOT NULL,
  value VARCHAR(2048) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_dim_pages_hash (value_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE dim_hostnames (
  id INT NOT NULL AUTO_INCREMENT,
  value_hash BINARY(16) NOT NULL,
  value VARCHAR(2048) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_dim_hostnames_hash (value_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE dim_referrers (
  id INT NOT NULL AUTO_INCREMENT,
  value_hash BINARY(16) NOT NULL,
  value VARCHAR(2048) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_dim_referrers_hash (value_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE dim_sources (
  id INT NOT NULL AUTO_INCREMENT,
  value_hash BINARY(16) NOT NULL,
  value VARCHAR(2048) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_dim_sources_hash (value_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE dim_event_names (
  id INT NOT NULL AUTO_INCREMENT,
  value_hash BINARY(16) NOT NULL,
  value VARCHAR(2048) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_dim_event_names_hash (value_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE dim_browsers (
  id INT NOT NULL AUTO_INCREMENT,
  value_hash BINARY(16) NOT NULL,
  value VARCHAR(2048) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_dim_browsers_hash (value_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE dim_browser_versions (
  id INT NOT NULL AUTO_INCREMENT,
  value_hash BINARY(16) NOT NULL,
  value VARCHAR(2048) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_dim_browser_versions_hash (value_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE dim_operating_systems (
  id INT NOT NULL AUTO_INCREMENT,
  value_hash BINARY(16) NOT NULL,
  value VARCHAR(2048) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_dim_operating_systems_hash (value_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE dim_os_versions (
  id INT NOT NULL AUTO_INCREMENT,
  value_hash BINARY(16) NOT NULL,
  value VARCHAR(2048) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_dim_os_versions_hash (value_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE dim_device_types (
  id INT NOT NULL AUTO_INCREMENT,
  value_hash BINARY(16) NOT NULL,
  value VARCHAR(2048) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_dim_device_types_hash (value_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE dim_utm_sources (
  id INT NOT NULL AUTO_INCREMENT,
  value_hash BINARY(16) NOT NULL,
  value VARCHAR(2048) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_dim_utm_sources_hash (value_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE dim_utm_mediums (
  id INT NOT NULL AUTO_INCREMENT,
  value_hash BINARY(16) NOT NULL,
  value VARCHAR(2048) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_dim_utm_mediums_hash (value_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE dim_utm_campaigns (
  id INT NOT NULL AUTO_INCREMENT,
  value_hash BINARY(16) NOT NULL,
  value VARCHAR(2048) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_dim_utm_campaigns_hash (value_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE dim_utm_terms (
  id INT NOT NULL AUTO_INCREMENT,
  value_hash BINARY(16) NOT NULL,
  value VARCHAR(2048) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_dim_utm_terms_hash (value_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE dim_utm_contents (
  id INT NOT NULL AUTO_INCREMENT,
  value_hash BINARY(16) NOT NULL,
  value VARCHAR(2048) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_dim_utm_contents_hash (value_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE dim_props (
  id INT NOT NULL AUTO_INCREMENT,
  value_hash BINARY(16) NOT NULL,
  value VARCHAR(2048) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_dim_props_hash (value_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Raw events: append-only, one secondary index. kind: 1 pageview, 2 custom event, 3 engagement.
CREATE TABLE events (
  id BIGINT NOT NULL AUTO_INCREMENT,
  site_id INT NOT NULL,
  ts BIGINT NOT NULL,
  kind TINYINT NOT NULL,
  visitor_id BIGINT NOT NULL,
  visit_id BIGINT NOT NULL,
  name_id INT NOT NULL,
  hostname_id INT NOT NULL,
  page_id INT NOT NULL,
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
  country CHAR(2) NOT NULL DEFAULT '',
  screen_width INT NULL,
  engagement_ms INT NOT NULL DEFAULT 0,
  scroll_depth TINYINT NULL,
  interactive TINYINT NOT NULL DEFAULT 1,
  revenue_amount DECIMAL(18,4) NULL,
  revenue_currency CHAR(3) NULL,
  props TEXT NULL,
  PRIMARY KEY (id),
  KEY ix_events_site_ts (site_id, ts)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Visits (sessions): one row per visit, upserted by the writer with the visit's running totals.
CREATE TABLE visits (
  id BIGINT NOT NULL,
  site_id INT NOT NULL,
  visitor_id BIGINT NOT NULL,
  start_ts BIGINT NOT NULL,
  end_ts BIGINT NOT NULL,
  entry_page_id INT NOT NULL,
  exit_page_id INT NOT NULL,
  pageviews INT NOT NULL,
  events INT NOT NULL,
  interactive_events INT NOT NULL,
  bounce TINYINT NOT NULL,
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
  country CHAR(2) NOT NULL DEFAULT '',
  PRIMARY KEY (id),
  KEY ix_visits_site_start (site_id, start_ts)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Rollups: per site, dimension, value and site-local hour (or day) counters, maintained
-- incrementally in the writer's transaction so reports cost O(buckets), not O(events).
-- dim 0 is the site total (value_id 0). Visit metrics (visits, bounces, duration) are booked
-- in the bucket where the visit started; visitors counts a visitor once per site-local day
-- (day_visitors) and once per hour (hour_visitors) for each dimension value.
CREATE TABLE rollup_hourly (
  site_id INT NOT NULL,
  dim TINYINT NOT NULL,
  value_id INT NOT NULL,
  bucket_hour INT NOT NULL,
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
  PRIMARY KEY (site_id, dim, value_id, bucket_hour)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE rollup_daily (
  site_id INT NOT NULL,
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
  PRIMARY KEY (site_id, dim, value_id, bucket_day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Daily salts of the visitor hash: day is the UTC day number; rows older than yesterday are deleted.
CREATE TABLE salts (
  day INT NOT NULL,
  salt BINARY(16) NOT NULL,
  PRIMARY KEY (day)
) ENGINE=InnoDB;

-- API tokens, stored as SHA-256 of the token; site_id NULL means all sites.
CREATE TABLE api_tokens (
  id INT NOT NULL AUTO_INCREMENT,
  name VARCHAR(200) NOT NULL,
  token_hash BINARY(32) NOT NULL,
  site_id INT NULL,
  admin TINYINT NOT NULL DEFAULT 0,
  created_ms BIGINT NOT NULL,
  revoked_ms BIGINT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_api_tokens_hash (token_hash),
  UNIQUE KEY uq_api_tokens_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

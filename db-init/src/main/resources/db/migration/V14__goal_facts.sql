-- Goal facts (issue 13): what a goal report needs of the raw rows, kept per goal so a report over
-- 90 days reads a few hundred rows instead of every converting event joined to its visit
-- (1.4 to 15 s on a 10-million-event site, BENCHMARKS.md).
--
-- goal_fills: one row per goal, the current "fill" of its facts. A goal's rows in the tables
-- below carry its fill id, so a changed definition gets a new fill (and the old rows are deleted
-- in the background, goal_garbage) instead of being rewritten. The writer books every event
-- stored after the fill was opened (ids above upto_event_id: sites.goal_epoch, read under a
-- shared lock in each batch's transaction, makes it reload its goals); the background job
-- (rollup.GoalFill) books the events up to upto_event_id one site-local day at a time, from
-- last_day down to first_day (next_day is the next to fill; NULL until the job has read the
-- site's first and last event days). Days it has not filled yet are answered from raw rows.
CREATE TABLE goal_fills (
  id INT NOT NULL AUTO_INCREMENT,
  goal_id INT NOT NULL,
  site_id INT NOT NULL,
  upto_event_id BIGINT NOT NULL,
  first_day INT NULL,
  last_day INT NULL,
  next_day INT NULL,
  done TINYINT NOT NULL DEFAULT 0,
  built_through_day INT NULL,
  created_ms BIGINT NOT NULL,
  done_ms BIGINT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_goal_fills_goal (goal_id),
  KEY ix_goal_fills_site (site_id)
) ENGINE=InnoDB;

-- Per visit, site-local day, event visitor, page and revenue currency ('' for conversions without
-- revenue): the goal's conversions, their revenue and how many carried it, and the visit's
-- dimension ids under visit_days' column names, so filters read the same.
CREATE TABLE visit_goals (
  site_id INT NOT NULL,
  fill_id INT NOT NULL,
  day INT NOT NULL,
  visit_id BIGINT NOT NULL,
  visitor_id BIGINT NOT NULL,
  page_id INT NOT NULL,
  currency CHAR(3) NOT NULL,
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
  conversions INT NOT NULL DEFAULT 0,
  revenue DECIMAL(24,4) NOT NULL DEFAULT 0,
  revenue_events INT NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, fill_id, day, visit_id, visitor_id, page_id, currency)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Per goal fill, day, dimension (rollup.RollupDim code: TOTAL, PAGE and the visit dimensions) and
-- value (its id; a country packed as RollupDim.countryId): distinct visitors and conversions on the
-- currency '' row, revenue and its events on each currency's row. Built by rollup.GoalDays from
-- visit_goals for days at least two days old, once the goal's fill is done: every day up to its
-- fill's built_through_day (days without conversions have no rows).
CREATE TABLE goal_days (
  site_id INT NOT NULL,
  fill_id INT NOT NULL,
  day INT NOT NULL,
  dim SMALLINT NOT NULL,
  value_id INT NOT NULL,
  currency CHAR(3) NOT NULL,
  visitors BIGINT NOT NULL DEFAULT 0,
  conversions BIGINT NOT NULL DEFAULT 0,
  revenue DECIMAL(24,4) NOT NULL DEFAULT 0,
  revenue_events BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, fill_id, dim, day, value_id, currency)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A day the writer booked goal facts on after it could have been built (an import of history, a
-- late event): rebuilt, then the rows read are deleted by id. Insert-only, so writers never wait
-- on each other here.
CREATE TABLE goal_dirty (
  id BIGINT NOT NULL AUTO_INCREMENT,
  site_id INT NOT NULL,
  day INT NOT NULL,
  PRIMARY KEY (id),
  KEY ix_goal_dirty_site_day (site_id, day)
) ENGINE=InnoDB;

-- Fills whose rows are to be deleted (a goal edited or deleted).
CREATE TABLE goal_garbage (
  fill_id INT NOT NULL,
  site_id INT NOT NULL,
  PRIMARY KEY (fill_id)
) ENGINE=InnoDB;

-- Bumped (under an exclusive lock) whenever the site's goals change; writers read it under a
-- shared lock first in each batch's transaction and reload the site's goals when it moved.
ALTER TABLE sites ADD COLUMN goal_epoch INT NOT NULL DEFAULT 0;

-- The goals that exist now get a fill of everything stored so far.
INSERT INTO goal_fills (goal_id, site_id, upto_event_id, created_ms)
  SELECT g.id, g.site_id, (SELECT COALESCE(MAX(id), 0) FROM events), 0 FROM goals g;

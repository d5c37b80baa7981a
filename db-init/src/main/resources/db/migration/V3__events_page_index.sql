-- Drill-down by page: a report filtered to one page that pair rollups cannot answer (visit
-- metrics of visits that saw the page, breakdowns by visit properties) groups raw rows. With only
-- (site_id, ts) it read every event of the range: 34 s for a 7-day aggregate on a 10-million-event
-- site (BENCHMARKS.md). This index lets it read only the page's events and their visits.
ALTER TABLE events ADD INDEX ix_events_site_page_ts (site_id, page_id, ts);

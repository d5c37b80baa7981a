-- Regions and cities by IP (a city database in FOOTFALL_GEOIP_DB): dimension tables like the
-- others, plus the place's English name beside its code, and the id columns on events and
-- visits. A region's value is its ISO 3166-2 code ("DE-BY"), a city's its GeoNames id ("2867714");
-- the unique key is on the code alone, so the first name given stays (filled in later if the row
-- was created by a code alone). The columns
-- default to 0, which no dimension row has: visits stored before this migration have no region
-- or city, and these reports cover visits from the upgrade on (README, "Regions and cities").
-- ADD COLUMN with a constant default is an in-place, instant change on MySQL 8.0.29+ and
-- MariaDB 10.3+, and a server of the previous version keeps inserting, as it names its columns.
CREATE TABLE dim_regions (
  id INT NOT NULL AUTO_INCREMENT,
  value_hash BINARY(16) NOT NULL,
  value VARCHAR(2048) NOT NULL,
  name VARCHAR(200) NOT NULL DEFAULT '',
  PRIMARY KEY (id),
  UNIQUE KEY uq_dim_regions_hash (value_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE dim_cities (
  id INT NOT NULL AUTO_INCREMENT,
  value_hash BINARY(16) NOT NULL,
  value VARCHAR(2048) NOT NULL,
  name VARCHAR(200) NOT NULL DEFAULT '',
  PRIMARY KEY (id),
  UNIQUE KEY uq_dim_cities_hash (value_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

ALTER TABLE events ADD COLUMN region_id INT NOT NULL DEFAULT 0, ADD COLUMN city_id INT NOT NULL DEFAULT 0;
ALTER TABLE visits ADD COLUMN region_id INT NOT NULL DEFAULT 0, ADD COLUMN city_id INT NOT NULL DEFAULT 0;

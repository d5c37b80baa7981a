-- Funnels: a site's ordered sequences of 2 to 8 goals (README, "Funnels"). A step names its goal
-- by id, so editing a goal edits every funnel step on it; the foreign key refuses to delete a
-- goal that a funnel uses (the API answers 409 naming the funnel), and deleting a funnel deletes
-- its steps. Names are unique per site, as for goals. Reports read the steps' conversions from
-- the raw rows (the goals' indexes of V3 and V10), so a funnel applies to history at once.
CREATE TABLE funnels (
  id INT NOT NULL AUTO_INCREMENT,
  site_id INT NOT NULL,
  name VARCHAR(120) NOT NULL,
  created_ms BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_funnels_site_name (site_id, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE funnel_steps (
  funnel_id INT NOT NULL,
  position TINYINT NOT NULL,
  goal_id INT NOT NULL,
  PRIMARY KEY (funnel_id, position),
  UNIQUE KEY uq_funnel_steps_goal (funnel_id, goal_id),
  KEY ix_funnel_steps_goal (goal_id),
  CONSTRAINT fk_funnel_steps_funnel FOREIGN KEY (funnel_id) REFERENCES funnels (id) ON DELETE CASCADE,
  CONSTRAINT fk_funnel_steps_goal FOREIGN KEY (goal_id) REFERENCES goals (id) ON DELETE RESTRICT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

package dev.footfall.server.goal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code funnels} and {@code funnel_steps} tables (V11): a site's funnels, read for every
 * funnel report (one join over a few rows, no cache, so every server sees a change at once). A
 * funnel and its steps are written in one transaction. A repeated name is a {@link Goals.Conflict}
 * on {@code name}; any other database failure an {@link IllegalStateException}, which the routes
 * answer 503.
 */
public final class Funnels {
    private final DataSource db;

    public Funnels(DataSource db) {
        this.db = db;
    }

    /** The site's funnels in the order they were created. */
    public List<Funnel> list(int siteId) {
        String sql = "SELECT f.id, f.name, s.goal_id FROM funnels f JOIN funnel_steps s ON s.funnel_id = f.id"
                + " WHERE f.site_id = ? ORDER BY f.id, s.position /* Funnels.list */";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, siteId);
            Map<Integer, String> names = new LinkedHashMap<>();
            Map<Integer, List<Integer>> steps = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getInt(1), rs.getString(2));
                    steps.computeIfAbsent(rs.getInt(1), x -> new ArrayList<>()).add(rs.getInt(3));
                }
            }
            List<Funnel> funnels = new ArrayList<>();
            names.forEach((id, name) -> funnels.add(new Funnel(id, siteId, name, steps.get(id))));
            return funnels;
        } catch (SQLException e) {
            throw new IllegalStateException("funnel: cannot list the funnels of site " + siteId, e);
        }
    }

    public Optional<Funnel> find(int siteId, int id) {
        return list(siteId).stream().filter(f -> f.id() == id).findFirst();
    }

    /** The names of the site's funnels that have {@code goalId} as a step. */
    public static List<String> using(Connection c, int goalId) throws SQLException {
        String sql = "SELECT f.name FROM funnels f JOIN funnel_steps s ON s.funnel_id = f.id WHERE s.goal_id = ? ORDER BY f.id"
                + " /* Funnels.using */";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, goalId);
            List<String> names = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        }
    }

    /** Stores a new funnel; the stored funnel with its id. */
    public Funnel create(Funnel funnel, long nowMs) {
        String sql = "INSERT INTO funnels (site_id, name, created_ms) VALUES (?, ?, ?) /* Funnels.create */";
        return inTransaction("create " + funnel.name(), funnel, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
                ps.setInt(1, funnel.siteId());
                ps.setString(2, funnel.name());
                ps.setLong(3, nowMs);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    Funnel stored = funnel.withId(keys.getInt(1));
                    insertSteps(c, stored);
                    return stored;
                }
            }
        });
    }

    /** Replaces the name and steps of funnel {@code funnel.id()}; false when the site has no such funnel. */
    public boolean update(Funnel funnel) {
        String sql = "UPDATE funnels SET name = ? WHERE id = ? AND site_id = ? /* Funnels.update */";
        return inTransaction("update funnel " + funnel.id(), funnel, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, funnel.name());
                ps.setInt(2, funnel.id());
                ps.setInt(3, funnel.siteId());
                ps.executeUpdate();
            }
            // The site check keeps a funnel id of another site from losing its steps.
            String steps = "DELETE FROM funnel_steps WHERE funnel_id = ? AND funnel_id IN (SELECT id FROM funnels WHERE site_id = ?)"
                    + " /* Funnels.update */";
            try (PreparedStatement ps = c.prepareStatement(steps)) {
                ps.setInt(1, funnel.id());
                ps.setInt(2, funnel.siteId());
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            insertSteps(c, funnel);
            return true;
        });
    }

    public boolean delete(int siteId, int id) {
        String sql = "DELETE FROM funnels WHERE id = ? AND site_id = ? /* Funnels.delete */";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, id);
            ps.setInt(2, siteId);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("funnel: cannot delete funnel " + id, e);
        }
    }

    private static void insertSteps(Connection c, Funnel funnel) throws SQLException {
        String sql = "INSERT INTO funnel_steps (funnel_id, position, goal_id) VALUES (?, ?, ?) /* Funnels.insertSteps */";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < funnel.goalIds().size(); i++) {
                ps.setInt(1, funnel.id());
                ps.setInt(2, i + 1);
                ps.setInt(3, funnel.goalIds().get(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(String what, Funnel funnel, Work<T> work) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (!Goals.isConstraint(e)) {
                throw new IllegalStateException("funnel: cannot " + what, e);
            }
            if (String.valueOf(e.getMessage()).contains("uq_funnels_site_name")) {
                throw new Goals.Conflict("name", "a funnel named '" + funnel.name() + "' exists already");
            }
            // A step's goal was deleted since the route checked it.
            throw new Goals.Conflict("steps", "a goal of this funnel no longer exists");
        }
    }
}

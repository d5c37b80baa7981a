package dev.footfall.server.goal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code goals} table: a site's goals, read for every goal report (a primary-key range of a
 * few rows, no cache, so every server sees a change at once). A goal that repeats another's
 * definition or display name is a {@link Conflict}; any other database failure is an
 * {@link IllegalStateException} caused by the {@link SQLException}, which the routes answer 503.
 */
public final class Goals {
    /** A second goal with the same definition or display name; {@code field} names which. */
    public static final class Conflict extends RuntimeException {
        private final String field;

        Conflict(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DataSource db;

    public Goals(DataSource db) {
        this.db = db;
    }

    /** The site's goals in the order they were created. */
    public List<Goal> list(int siteId) {
        String sql = "SELECT id, site_id, kind, display_name, page_path, event_name, props, scroll_threshold FROM goals"
                + " WHERE site_id = ? ORDER BY id /* Goals.list */";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, siteId);
            List<Goal> goals = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    goals.add(goal(rs));
                }
            }
            return goals;
        } catch (SQLException e) {
            throw new IllegalStateException("goal: cannot list the goals of site " + siteId, e);
        }
    }

    public Optional<Goal> find(int siteId, int id) {
        return list(siteId).stream().filter(g -> g.id() == id).findFirst();
    }

    /** Stores a new goal; the stored goal with its id. */
    public Goal create(Goal goal, long nowMs) {
        String sql = "INSERT INTO goals (site_id, kind, display_name, page_path, event_name, props, scroll_threshold, identity_hash,"
                + " created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) /* Goals.create */";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            int i = bind(ps, goal);
            ps.setLong(i, nowMs);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return goal.withId(keys.getInt(1));
            }
        } catch (SQLIntegrityConstraintViolationException e) {
            throw conflict(goal, e);
        } catch (SQLException e) {
            throw new IllegalStateException("goal: cannot create " + goal.name(), e);
        }
    }

    /** Replaces the definition of goal {@code goal.id()}; false when the site has no such goal. */
    public boolean update(Goal goal) {
        String sql = "UPDATE goals SET site_id = ?, kind = ?, display_name = ?, page_path = ?, event_name = ?, props = ?,"
                + " scroll_threshold = ?, identity_hash = ? WHERE id = ? AND site_id = ? /* Goals.update */";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bind(ps, goal);
            ps.setInt(i, goal.id());
            ps.setInt(i + 1, goal.siteId());
            return ps.executeUpdate() > 0 || find(goal.siteId(), goal.id()).isPresent();
        } catch (SQLIntegrityConstraintViolationException e) {
            throw conflict(goal, e);
        } catch (SQLException e) {
            throw new IllegalStateException("goal: cannot update goal " + goal.id(), e);
        }
    }

    /**
     * Deletes a goal; false when the site has none of that id. A goal that is a step of a funnel is
     * kept (the foreign key of V11 refuses): a {@link Conflict} on {@code id} naming the funnels,
     * so a funnel never loses a step silently.
     */
    public boolean delete(int siteId, int id) {
        String sql = "DELETE FROM goals WHERE id = ? AND site_id = ? /* Goals.delete */";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, id);
            ps.setInt(2, siteId);
            try {
                return ps.executeUpdate() > 0;
            } catch (SQLException e) {
                if (!isConstraint(e)) {
                    throw e;
                }
                throw new Conflict("id", "goal " + id + " is a step of the funnel(s) " + String.join(", ", Funnels.using(c, id).stream()
                        .map(n -> "'" + n + "'").toList()) + ": remove it from them or delete them first");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("goal: cannot delete goal " + id, e);
        }
    }

    /** True for an integrity constraint violation (SQL state class 23), also when a batch wraps it. */
    static boolean isConstraint(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException
                    || t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    private static int bind(PreparedStatement ps, Goal goal) throws SQLException {
        ps.setInt(1, goal.siteId());
        ps.setInt(2, goal.kind().code);
        ps.setString(3, goal.name());
        ps.setString(4, goal.page().map(PathPattern::text).orElse(null));
        ps.setString(5, goal.eventName().orElse(null));
        try {
            ps.setString(6, goal.props().isEmpty() ? null : JSON.writeValueAsString(goal.props()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("goal: cannot encode properties", e);
        }
        if (goal.kind() == Goal.Kind.SCROLL) {
            ps.setInt(7, goal.scrollThreshold());
        } else {
            ps.setNull(7, java.sql.Types.TINYINT);
        }
        ps.setBytes(8, goal.identity());
        return 9;
    }

    private static Goal goal(ResultSet rs) throws SQLException {
        String page = rs.getString(5);
        String props = rs.getString(7);
        Map<String, String> map;
        try {
            map = props == null ? Map.of() : JSON.readValue(props, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new SQLException("goal " + rs.getInt(1) + " has unreadable props", e);
        }
        return new Goal(rs.getInt(1), rs.getInt(2), Goal.Kind.ofCode(rs.getInt(3)), rs.getString(4),
                Optional.ofNullable(page).map(p -> PathPattern.parse(p, "page_path")), Optional.ofNullable(rs.getString(6)), map,
                rs.getInt(8));
    }

    private static Conflict conflict(Goal goal, SQLIntegrityConstraintViolationException e) {
        if (String.valueOf(e.getMessage()).contains("uq_goals_site_name")) {
            return new Conflict("display_name", "a goal named '" + goal.name() + "' exists already");
        }
        String field = switch (goal.kind()) {
            case EVENT -> "event_name";
            case PAGE, SCROLL -> "page_path";
        };
        return new Conflict(field, "this site has that goal already");
    }
}

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
 * few rows, no cache, so every server sees a change at once). Creating a goal, changing its
 * definition or deleting it also opens or drops its goal facts' fill in the same transaction
 * ({@link GoalFills}). A goal that repeats another's
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

    /** Stores a new goal and opens the fill of its history ({@link GoalFills}); the stored goal with its id. */
    public Goal create(Goal goal, long nowMs) {
        String sql = "INSERT INTO goals (site_id, kind, display_name, page_path, event_name, props, scroll_threshold, identity_hash,"
                + " created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) /* Goals.create */";
        try (Connection c = db.getConnection()) {
            return inTransaction(c, () -> {
                GoalFills.bumpEpoch(c, goal.siteId());
                Goal stored;
                try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
                    int i = bind(ps, goal);
                    ps.setLong(i, nowMs);
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        stored = goal.withId(keys.getInt(1));
                    }
                }
                GoalFills.open(c, goal.siteId(), stored.id(), nowMs);
                return stored;
            });
        } catch (SQLIntegrityConstraintViolationException e) {
            throw conflict(goal, e);
        } catch (SQLException e) {
            throw new IllegalStateException("goal: cannot create " + goal.name(), e);
        }
    }

    /**
     * Replaces the definition of goal {@code goal.id()}; false when the site has no such goal. A
     * changed definition (not only a new name) drops the goal's facts and opens a new fill.
     */
    public boolean update(Goal goal) {
        String sql = "UPDATE goals SET site_id = ?, kind = ?, display_name = ?, page_path = ?, event_name = ?, props = ?,"
                + " scroll_threshold = ?, identity_hash = ? WHERE id = ? AND site_id = ? /* Goals.update */";
        try (Connection c = db.getConnection()) {
            return inTransaction(c, () -> {
                GoalFills.bumpEpoch(c, goal.siteId());
                Optional<byte[]> before = identity(c, goal.siteId(), goal.id());
                if (before.isEmpty()) {
                    return false;
                }
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    int i = bind(ps, goal);
                    ps.setInt(i, goal.id());
                    ps.setInt(i + 1, goal.siteId());
                    ps.executeUpdate();
                }
                if (!java.util.Arrays.equals(before.get(), goal.identity())) {
                    GoalFills.drop(c, goal.id());
                    GoalFills.open(c, goal.siteId(), goal.id(), System.currentTimeMillis());
                }
                return true;
            });
        } catch (SQLIntegrityConstraintViolationException e) {
            throw conflict(goal, e);
        } catch (SQLException e) {
            throw new IllegalStateException("goal: cannot update goal " + goal.id(), e);
        }
    }

    /** The site's goals with the id of the fill the writer books them under ({@code rollup.GoalFacts}). */
    public record Booked(Goal goal, int fillId) {
    }

    /** {@link Booked} goals of a site, read on the caller's connection (the writer's batch transaction). */
    public static List<Booked> booked(Connection c, int siteId) throws SQLException {
        String sql = "SELECT g.id, g.site_id, g.kind, g.display_name, g.page_path, g.event_name, g.props, g.scroll_threshold, f.id"
                + " FROM goals g JOIN goal_fills f ON f.goal_id = g.id WHERE g.site_id = ? ORDER BY g.id /* Goals.booked */";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, siteId);
            List<Booked> booked = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    booked.add(new Booked(goal(rs), rs.getInt(9)));
                }
            }
            return booked;
        }
    }

    /** The history fills of the site's goals, by goal id. */
    public Map<Integer, GoalFills.State> fills(int siteId) {
        String sql = "SELECT " + GoalFills.STATE_COLUMNS + " FROM goal_fills WHERE site_id = ? /* Goals.fills */";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, siteId);
            Map<Integer, GoalFills.State> fills = new java.util.HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    GoalFills.State s = GoalFills.state(rs);
                    fills.put(s.goalId(), s);
                }
            }
            return fills;
        } catch (SQLException e) {
            throw new IllegalStateException("goal: cannot read the history fills of site " + siteId, e);
        }
    }

    private static Optional<byte[]> identity(Connection c, int siteId, int id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT identity_hash FROM goals WHERE id = ? AND site_id = ? FOR UPDATE /* Goals.identity */")) {
            ps.setInt(1, id);
            ps.setInt(2, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work} in one transaction on {@code c}, rolled back when it throws. */
    private static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /**
     * Deletes a goal; false when the site has none of that id. A goal that is a step of a funnel is
     * kept (the foreign key of V11 refuses): a {@link Conflict} on {@code id} naming the funnels,
     * so a funnel never loses a step silently.
     */
    public boolean delete(int siteId, int id) {
        String sql = "DELETE FROM goals WHERE id = ? AND site_id = ? /* Goals.delete */";
        try (Connection c = db.getConnection()) {
            try {
                return inTransaction(c, () -> {
                    GoalFills.bumpEpoch(c, siteId);
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setInt(1, id);
                        ps.setInt(2, siteId);
                        if (ps.executeUpdate() == 0) {
                            return false;
                        }
                    }
                    GoalFills.drop(c, id);
                    return true;
                });
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

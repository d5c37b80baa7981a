package dev.footfall.server.goal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code goal_fills} rows (migration V14): each goal's current fill of its goal facts. Opened
 * in the transaction that creates a goal or changes its definition, after the site's
 * {@code goal_epoch} is bumped under an exclusive lock: every batch the writer commits for the
 * site holds a shared lock on that row from its first statement, so the batches in flight commit
 * first and their events have ids up to the {@code MAX(id)} read next ({@code upto_event_id},
 * booked by the history fill), and every later batch reloads the goals and books the new fill
 * itself, with larger ids. So each event is booked once.
 */
public final class GoalFills {
    /**
     * A fill's progress: days from {@code lastDay} down to {@code nextDay + 1} are filled, and the
     * days outside {@code [firstDay, lastDay]} hold no event it has to fill; {@code firstDay} and
     * the others are null until the fill has read the site's first and last event. The daily goal
     * rows hold every day up to {@code builtThrough} ({@code rollup.GoalDays}).
     */
    public record State(int fillId, int goalId, boolean done, Integer firstDay, Integer lastDay, Integer nextDay, Integer builtThrough) {
        /** True when the daily goal rows hold day {@code day} (unless it is marked for a rebuild). */
        public boolean built(int day) {
            return done && builtThrough != null && day <= builtThrough;
        }

        /** True when the goal facts of site-local day {@code day} hold every conversion stored. */
        public boolean filled(int day) {
            return done || nextDay != null && (day > nextDay || day < firstDay);
        }

        /** Days filled, of {@link #days}. */
        public int daysFilled() {
            if (done) {
                return days();
            }
            return nextDay == null ? 0 : lastDay - nextDay;
        }

        /** Days this fill reads (0 before it has looked). */
        public int days() {
            return firstDay == null ? 0 : lastDay - firstDay + 1;
        }
    }

    private GoalFills() {
    }

    /** Bumps the site's goal epoch: an exclusive lock on its {@code sites} row until the caller commits. */
    static void bumpEpoch(Connection c, int siteId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE sites SET goal_epoch = goal_epoch + 1 WHERE id = ? /* GoalFills.bumpEpoch */")) {
            ps.setInt(1, siteId);
            ps.executeUpdate();
        }
    }

    /** Opens a new fill of {@code goalId}'s history: everything stored up to now. Call after {@link #bumpEpoch}. */
    static void open(Connection c, int siteId, int goalId, long nowMs) throws SQLException {
        long upto;
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM events /* GoalFills.upto */");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            upto = rs.getLong(1);
        }
        String sql = "INSERT INTO goal_fills (goal_id, site_id, upto_event_id, created_ms) VALUES (?, ?, ?, ?) /* GoalFills.open */";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, goalId);
            ps.setInt(2, siteId);
            ps.setLong(3, upto);
            ps.setLong(4, nowMs);
            ps.executeUpdate();
        }
    }

    /** Drops the goal's current fill; its rows are deleted in the background ({@code goal_garbage}). */
    static void drop(Connection c, int goalId) throws SQLException {
        String garbage = "INSERT INTO goal_garbage (fill_id, site_id) SELECT id, site_id FROM goal_fills WHERE goal_id = ? /* GoalFills.drop */";
        try (PreparedStatement ps = c.prepareStatement(garbage)) {
            ps.setInt(1, goalId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM goal_fills WHERE goal_id = ? /* GoalFills.drop */")) {
            ps.setInt(1, goalId);
            ps.executeUpdate();
        }
    }

    /** The goal's current fill, if it has one. */
    public static Optional<State> of(Connection c, int goalId) throws SQLException {
        String sql = "SELECT " + STATE_COLUMNS + " FROM goal_fills WHERE goal_id = ? /* GoalFills.of */";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, goalId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(state(rs)) : Optional.empty();
            }
        }
    }

    /** The current fills of {@code goalIds}, by goal id, in one read; goals without one are absent. */
    public static Map<Integer, State> of(Connection c, Collection<Integer> goalIds) throws SQLException {
        Map<Integer, State> fills = new HashMap<>();
        if (goalIds.isEmpty()) {
            return fills;
        }
        String sql = "SELECT " + STATE_COLUMNS + " FROM goal_fills WHERE goal_id IN ("
                + String.join(", ", Collections.nCopies(goalIds.size(), "?")) + ") /* GoalFills.ofAll */";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (int id : goalIds) {
                ps.setInt(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    State state = state(rs);
                    fills.put(state.goalId(), state);
                }
            }
        }
        return fills;
    }

    /** The columns {@link #state} reads, in its order. */
    static final String STATE_COLUMNS = "id, goal_id, done, first_day, last_day, next_day, built_through_day";

    static State state(ResultSet rs) throws SQLException {
        return new State(rs.getInt(1), rs.getInt(2), rs.getBoolean(3), (Integer) rs.getObject(4, Integer.class),
                (Integer) rs.getObject(5, Integer.class), (Integer) rs.getObject(6, Integer.class), (Integer) rs.getObject(7, Integer.class));
    }
}

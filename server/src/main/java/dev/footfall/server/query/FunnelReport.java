package dev.footfall.server.query;

import dev.footfall.model.InvalidFieldException;
import dev.footfall.model.stats.Filter;
import dev.footfall.model.stats.FunnelResult;
import dev.footfall.model.stats.PropertyKind;
import dev.footfall.model.stats.RevenueValue;
import dev.footfall.server.goal.Funnel;
import dev.footfall.server.goal.Goal;
import dev.footfall.server.site.Site;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A funnel's report from the raw rows (README, "Funnels"). A visit reaches step {@code n} when its
 * events in the range reach the goals of steps 1..n in that order: one pass over the visit's
 * events in time order (ties by id, the order they were stored) moves to the next step on the
 * first event that reaches the next step's goal, so a goal reached before the previous step does
 * not count for it and one event satisfies one step at most (the earliest match is the best one,
 * so this finds every visit that has such an ordered sequence). A visitor reaches a step when one
 * of their visits in the range does; the visit's visitor is that of its entering event.
 *
 * <p>Cost: one statement reads only the candidate events, those that reach any step's goal (the
 * page and event-name indexes of V3 and V10, as {@link Conversions} finds a goal's rows), five
 * narrow columns with a bit mask of the steps each event reaches, sorted by visit and streamed;
 * the state in Java is one entry per entering visitor.
 */
final class FunnelReport {
    /** The visit filters a funnel report takes; they hold for the whole visit. */
    static final Set<PropertyKind> FILTERS = EnumSet.of(PropertyKind.SOURCE, PropertyKind.COUNTRY, PropertyKind.DEVICE,
            PropertyKind.BROWSER, PropertyKind.OS);

    private FunnelReport() {
    }

    static void check(List<Filter> filters) {
        for (Filter f : filters) {
            if (!FILTERS.contains(f.property().kind())) {
                throw new InvalidFieldException("filters", "a funnel can be filtered by visit:source, visit:country, visit:device,"
                        + " visit:browser and visit:os only, not " + f.property().wireName());
            }
        }
    }

    static FunnelResult report(Connection c, Site site, Funnel funnel, List<Goal> steps, List<Filter> filters, DateRange range,
                               boolean compare) throws SQLException {
        FunnelResult before = compare ? read(c, site, funnel, steps, filters, range.previous(), null) : null;
        return read(c, site, funnel, steps, filters, range, before);
    }

    private static FunnelResult read(Connection c, Site site, Funnel funnel, List<Goal> steps, List<Filter> filters, DateRange range,
                                     FunnelResult comparison) throws SQLException {
        Reached reached = reached(c, site, steps, filters, range);
        long all = GoalReports.visitors(c, site, filters, range);
        long entering = reached.visitors[0];
        List<FunnelResult.FunnelStep> rows = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            long visitors = reached.visitors[i];
            long previous = i == 0 ? visitors : reached.visitors[i - 1];
            List<RevenueValue> revenue = reached.revenue.get(i).isEmpty() ? null : reached.revenue.get(i).entrySet().stream()
                    .map(e -> new RevenueValue(e.getValue().setScale(2, RoundingMode.HALF_UP), e.getKey())).toList();
            rows.add(new FunnelResult.FunnelStep(i + 1, steps.get(i).id(), steps.get(i).name(), visitors, previous - visitors,
                    GoalReports.rate(previous - visitors, previous), GoalReports.rate(visitors, entering),
                    GoalReports.rate(visitors, previous), revenue));
        }
        long never = Math.max(0, all - entering);
        return new FunnelResult(funnel.id(), funnel.name(), all, entering, GoalReports.rate(entering, all), never,
                GoalReports.rate(never, all), rows, comparison);
    }

    /** Visitors per step (reached it or a later one) and the revenue of the events that satisfied each step. */
    private record Reached(long[] visitors, List<Map<String, BigDecimal>> revenue) {
    }

    private static Reached reached(Connection c, Site site, List<Goal> steps, List<Filter> filters, DateRange range) throws SQLException {
        Conversions conversions = new Conversions(c, site);
        Sql mask = Sql.of("(");
        for (int i = 0; i < steps.size(); i++) {
            mask = mask.then(i == 0 ? "CASE WHEN " : " + CASE WHEN ").then(conversions.condition(steps.get(i))).then(" THEN " + (1 << i)
                    + " ELSE 0 END");
        }
        mask = mask.then(")");
        boolean joinVisits = !filters.isEmpty();
        Sql sql = Sql.of("SELECT e.visit_id, e.visitor_id, ").then(mask).then(Sql.of(", e.revenue_amount, e.revenue_currency FROM events e"
                        + (joinVisits ? " JOIN visits v ON v.id = e.visit_id" : "") + " WHERE e.site_id = ? AND e.ts >= ? AND e.ts < ? AND ",
                        site.id(), range.startMs(site.zone()), range.endMs(site.zone())))
                .then(conversions.condition(steps)).then(Conditions.all(filters, false, new DimValues(c)))
                .then(" ORDER BY e.visit_id, e.ts, e.id /* FunnelReport.reached */");
        int n = steps.size();
        List<Map<String, BigDecimal>> revenue = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            revenue.add(new TreeMap<>());
        }
        Map<Long, Integer> furthest = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql.text(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            // Connector/J streams rows one by one with this fetch size instead of buffering the whole result.
            ps.setFetchSize(Integer.MIN_VALUE);
            for (int i = 0; i < sql.params().size(); i++) {
                ps.setObject(i + 1, sql.params().get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                long visit = 0;
                long visitor = 0;
                int step = 0;
                boolean first = true;
                while (rs.next()) {
                    long v = rs.getLong(1);
                    if (first || v != visit) {
                        if (step > 0) {
                            furthest.merge(visitor, step, Math::max);
                        }
                        first = false;
                        visit = v;
                        step = 0;
                    }
                    if (step < n && (rs.getInt(3) >> step & 1) == 1) {
                        if (step == 0) {
                            visitor = rs.getLong(2);
                        }
                        BigDecimal amount = rs.getBigDecimal(4);
                        if (amount != null) {
                            revenue.get(step).merge(rs.getString(5), amount, BigDecimal::add);
                        }
                        step++;
                    }
                }
                if (step > 0) {
                    furthest.merge(visitor, step, Math::max);
                }
            }
        }
        long[] visitors = new long[n];
        for (int reachedSteps : furthest.values()) {
            for (int i = 0; i < reachedSteps; i++) {
                visitors[i]++;
            }
        }
        return new Reached(visitors, revenue);
    }
}

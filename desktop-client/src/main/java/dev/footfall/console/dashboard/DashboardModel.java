package dev.footfall.console.dashboard;

import dev.footfall.console.Background;
import dev.footfall.console.api.ApiException;
import dev.footfall.console.api.FootfallClient;
import dev.footfall.console.api.Problem;
import dev.footfall.console.api.TimePoint;
import dev.footfall.model.stats.Filter;
import dev.footfall.model.stats.Metric;
import dev.footfall.model.stats.MetricValue;
import dev.footfall.model.stats.Period;
import dev.footfall.model.stats.SiteInfo;
import dev.footfall.model.stats.StatsQuery;
import dev.footfall.model.v2.QueryDateRange;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;

/**
 * The dashboard's state and the loads behind it. The selection (site, range, interval, filters,
 * drilled-into day, the chart's compare line) is plain properties; any change schedules one
 * refresh in which the headline, the chart (and its previous period while {@link #compare()} is
 * on) and every registered panel load in parallel {@link Background} tasks. Filters are
 * {@code shared-model}'s v1 conditions ({@code is}, {@code is not}, {@code contains}), several at
 * once, all of which must hold; every card's query carries them.
 *
 * <p>A failure that means "the server is gone" (refused, timed out, 5xx) flips {@link #connection()}
 * to a problem: panels keep their last data, a probe runs every {@value #PROBE_SECONDS} s and the
 * first success refreshes everything. Current visitors are polled every
 * {@value #REALTIME_SECONDS} s, which also notices an idle server going away.
 */
public final class DashboardModel {
    static final int PROBE_SECONDS = 5;
    static final int REALTIME_SECONDS = 15;
    static final List<Metric> HEADLINE = List.of(Metric.VISITORS, Metric.VISITS, Metric.PAGEVIEWS,
            Metric.VIEWS_PER_VISIT, Metric.BOUNCE_RATE, Metric.VISIT_DURATION);
    /** The headline under a goal filter: unique and total conversions and the conversion rate. */
    static final List<Metric> GOAL_HEADLINE = List.of(Metric.VISITORS, Metric.EVENTS, Metric.CONVERSION_RATE);
    private static final Logger LOG = Logger.getLogger(DashboardModel.class.getName());

    private final FootfallClient client;
    private final Background background;
    private final ObservableList<SiteInfo> sites = FXCollections.observableArrayList();
    private final ObjectProperty<SiteInfo> site = new SimpleObjectProperty<>();
    private final ObjectProperty<DateRange> range;
    private final ObjectProperty<Interval> interval;
    private final ObservableList<Filter> filters = FXCollections.observableArrayList();
    /** How a chip names a filter whose value is a code ("Munich" for a GeoNames id); kept while the filter is on. */
    private final Map<Filter, String> shown = new HashMap<>();
    /** Whether the chart draws the previous period's visitors beside the range's. */
    private final BooleanProperty compare = new SimpleBooleanProperty(false);
    private final ObjectProperty<LocalDate> day = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Map<Metric, MetricValue>> headline = new ReadOnlyObjectWrapper<>(Map.of());
    private final ObservableList<TimePoint> series = FXCollections.observableArrayList();
    /** The previous period's buckets while {@link #compare} is on, else empty. */
    private final ObservableList<TimePoint> previousSeries = FXCollections.observableArrayList();
    private final ReadOnlyLongWrapper currentVisitors = new ReadOnlyLongWrapper(-1);
    /** Why the server cannot be used right now; null while it answers. */
    private final ReadOnlyObjectWrapper<ApiException> connection = new ReadOnlyObjectWrapper<>();
    private final LoadSlot headlineSlot = new LoadSlot();
    private final LoadSlot chartSlot = new LoadSlot();
    private final LoadSlot previousSlot = new LoadSlot();
    private final LoadSlot sitesSlot = new LoadSlot();
    /** Reloads of the breakdown panels, called on every refresh. */
    private final List<Runnable> panels = new ArrayList<>();
    private final Timeline probe;
    private final Timeline realtime;
    /** True between a change and the next refresh, so a burst of changes loads once. */
    private boolean refreshQueued;
    /** Listeners for the first complete load (startup timing). */
    private Runnable onFirstData;

    public DashboardModel(FootfallClient client, Background background, DateRange initialRange,
                          Interval initialInterval) {
        this.client = client;
        this.background = background;
        this.range = new SimpleObjectProperty<>(initialRange);
        this.interval = new SimpleObjectProperty<>(startInterval(initialRange, initialInterval));
        probe = new Timeline(new KeyFrame(Duration.seconds(PROBE_SECONDS), e -> probeServer()));
        probe.setCycleCount(Timeline.INDEFINITE);
        realtime = new Timeline(new KeyFrame(Duration.seconds(REALTIME_SECONDS), e -> loadCurrentVisitors()));
        realtime.setCycleCount(Timeline.INDEFINITE);
        site.addListener((obs, old, now) -> {
            filters.clear();
            day.set(null);
            scheduleRefresh();
        });
        range.addListener((obs, old, now) -> {
            day.set(null);
            interval.set(now.defaultInterval());
            scheduleRefresh();
        });
        interval.addListener((obs, old, now) -> scheduleRefresh());
        filters.addListener((javafx.collections.ListChangeListener<Filter>) c -> {
            shown.keySet().retainAll(filters);
            scheduleRefresh();
        });
        compare.addListener((obs, old, now) -> loadPrevious());
        day.addListener((obs, old, now) -> scheduleRefresh());
    }

    public ObservableList<SiteInfo> sites() {
        return sites;
    }

    public ObjectProperty<SiteInfo> site() {
        return site;
    }

    public ObjectProperty<DateRange> range() {
        return range;
    }

    public ObjectProperty<Interval> interval() {
        return interval;
    }

    public ObservableList<Filter> filters() {
        return filters;
    }

    /** The name a chip shows for {@code filter}'s value, or "" to show the value itself. */
    public String shown(Filter filter) {
        return shown.getOrDefault(filter, "");
    }

    public BooleanProperty compare() {
        return compare;
    }

    public ObservableList<TimePoint> previousSeries() {
        return previousSeries;
    }

    public ObjectProperty<LocalDate> day() {
        return day;
    }

    public ReadOnlyObjectProperty<Map<Metric, MetricValue>> headline() {
        return headline.getReadOnlyProperty();
    }

    public ObservableList<TimePoint> series() {
        return series;
    }

    public ReadOnlyLongProperty currentVisitors() {
        return currentVisitors.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ApiException> connection() {
        return connection.getReadOnlyProperty();
    }

    public LoadSlot headlineSlot() {
        return headlineSlot;
    }

    public LoadSlot chartSlot() {
        return chartSlot;
    }

    public FootfallClient client() {
        return client;
    }

    /**
     * Selects {@code preferred} (or the first site) and starts polling. The site list is
     * {@code known} when it was loaded ahead: then the first refresh starts now, while the window
     * is still being shown, instead of after the list's round trip and two turns of the FX queue.
     */
    public void start(String preferred, Optional<List<SiteInfo>> known) {
        realtime.play();
        known.ifPresentOrElse(list -> {
            showSites(list, preferred);
            refresh();
        }, () -> loadSites(preferred));
    }

    public void stop() {
        realtime.stop();
        probe.stop();
    }

    public void onFirstData(Runnable listener) {
        this.onFirstData = listener;
    }

    /**
     * Sends the headline and chart requests of the first refresh of a model started on
     * {@code sites} (the server's list) with {@code preferred}, {@code range} and
     * {@code interval}, on the calling thread (the chart's on a second one), through
     * {@code ahead}, a {@link FootfallClient#ahead()} client: the console calls this before its
     * window exists, and the model's first loads then find the answers there. Failures are left
     * to those loads to report.
     */
    public static void loadAhead(FootfallClient ahead, List<SiteInfo> sites, String preferred, DateRange range,
                                 Interval interval) {
        SiteInfo site = pick(sites, preferred);
        if (site == null) {
            return;
        }
        StatsQuery query = query(site.domain(), range, null, List.of());
        Thread.ofPlatform().name("footfall-ahead-chart").daemon()
                .start(() -> ahead.timeseries(query.withInterval(startInterval(range, interval).wire())));
        headline(ahead, query);
    }

    private static Interval startInterval(DateRange range, Interval saved) {
        return saved == null ? range.defaultInterval() : saved;
    }

    /** The site called {@code preferred}, else the first one; null when there are none. */
    private static SiteInfo pick(List<SiteInfo> list, String preferred) {
        return list.stream().filter(s -> s.domain().equals(preferred)).findFirst()
                .orElse(list.isEmpty() ? null : list.getFirst());
    }

    private static StatsQuery query(String siteId, DateRange range, LocalDate day, List<Filter> filters) {
        StatsQuery q = day != null ? StatsQuery.of(siteId, Period.DAY, Optional.of(day)) : range.query(siteId);
        return q.withFilters(filters);
    }

    private static Map<Metric, MetricValue> headline(FootfallClient client, StatsQuery query) {
        return client.aggregate(query.withMetrics(query.goalFiltered() ? GOAL_HEADLINE : HEADLINE).withCompare(true));
    }

    public void loadSites(String preferred) {
        load(sitesSlot, FootfallClient::sites, list -> showSites(list, preferred), e -> {
        });
    }

    private void showSites(List<SiteInfo> list, String preferred) {
        sites.setAll(list);
        SiteInfo pick = pick(list, preferred);
        if (pick != null && site.get() != null && pick.domain().equals(site.get().domain())) {
            scheduleRefresh();
        }
        site.set(pick);
    }

    /**
     * The metrics a report under {@code query} can ask for: all of {@code wanted} without a goal
     * filter; with one, those goal reports offer (visitors, events), at least visitors.
     */
    static List<Metric> offered(StatsQuery query, List<Metric> wanted) {
        if (!query.goalFiltered()) {
            return wanted;
        }
        List<Metric> offered = wanted.stream().filter(m -> m == Metric.VISITORS || m == Metric.EVENTS).toList();
        return offered.isEmpty() ? List.of(Metric.VISITORS) : offered;
    }

    /** Registers a panel's reload, run on every refresh while a site is selected. */
    public void addPanel(Runnable reload) {
        panels.add(reload);
    }

    /** Filters, range or drilled-into day of the panels: the day replaces the range when set. */
    public StatsQuery panelQuery() {
        return query(siteId(), range.get(), day.get(), filters);
    }

    /** The days the panels cover (the drilled-into day, else the range) as a v2 {@code date_range}. */
    public QueryDateRange panelDates() {
        LocalDate d = day.get();
        return d != null ? new QueryDateRange.Dates(d, d) : new QueryDateRange.Dates(range.get().from(), range.get().to());
    }

    /** The chart keeps the whole range (so another day can be clicked) with the filters. */
    public StatsQuery chartQuery() {
        return query(siteId(), range.get(), null, filters);
    }

    private String siteId() {
        SiteInfo s = site.get();
        return s == null ? "" : s.domain();
    }

    /**
     * Adds a chip, replacing the one on the same property with the same operator (a click on
     * another row of a panel moves its {@code is} chip; {@code is not} and {@code contains} chips on
     * that property stay).
     */
    public void addFilter(Filter filter) {
        addFilter(filter, "");
    }

    /** {@link #addFilter(Filter)}, the chip naming the value {@code name} ("Munich" for a city's id). */
    public void addFilter(Filter filter, String name) {
        if (!name.isEmpty()) {
            shown.put(filter, name);
        }
        filters.removeIf(f -> f.property().equals(filter.property()) && f.op() == filter.op());
        filters.add(filter);
    }

    /** The chart's previous-period line: the same number of days just before its range, as the headline's changes compare. */
    StatsQuery previousQuery() {
        return query(siteId(), range.get().previous(), null, filters);
    }

    /** Drills into a chart bucket: a day (or an hour's day) narrows the panels; a week or month zooms the range. */
    public void drillInto(String bucket) {
        LocalDate start = LocalDate.parse(bucket.substring(0, 10));
        switch (interval.get()) {
            case HOUR, DAY -> day.set(start);
            case WEEK -> range.set(DateRange.custom(start, min(start.plusDays(6), range.get().to())));
            case MONTH -> range.set(DateRange.custom(start, min(start.plusMonths(1).minusDays(1), range.get().to())));
        }
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    public void shift(int direction) {
        DateRange shifted = range.get().shift(direction);
        if (direction < 0 || !shifted.from().isAfter(LocalDate.now())) {
            range.set(shifted);
        }
    }

    public void scheduleRefresh() {
        if (!refreshQueued) {
            refreshQueued = true;
            Platform.runLater(() -> {
                if (refreshQueued) {
                    refresh();
                }
            });
        }
    }

    /** Reloads everything for the current selection; a refresh already scheduled is then not needed. */
    public void refresh() {
        refreshQueued = false;
        if (site.get() == null) {
            return;
        }
        StatsQuery panelQuery = panelQuery();
        StatsQuery chartQuery = chartQuery();
        Interval bucket = interval.get();
        boolean[] done = new boolean[2];
        load(headlineSlot, c -> headline(c, panelQuery), values -> {
            headline.set(values);
            firstData(done, 0);
        }, e -> {
        });
        load(chartSlot, c -> c.timeseries(chartQuery.withInterval(bucket.wire())), points -> {
            series.setAll(points);
            firstData(done, 1);
        }, e -> {
        });
        loadPrevious();
        panels.forEach(Runnable::run);
        loadCurrentVisitors();
    }

    /** The chart's previous-period line while {@link #compare} is on; switched off, the line goes and a load in flight is dropped. */
    private void loadPrevious() {
        if (compare.get() && site.get() != null) {
            StatsQuery previous = previousQuery().withInterval(interval.get().wire());
            load(previousSlot, c -> c.timeseries(previous), previousSeries::setAll, e -> previousSeries.clear());
        } else {
            previousSlot.supersede();
            previousSeries.clear();
        }
    }

    private void firstData(boolean[] done, int which) {
        done[which] = true;
        if (done[0] && done[1] && onFirstData != null) {
            Runnable listener = onFirstData;
            onFirstData = null;
            listener.run();
        }
    }

    private void loadCurrentVisitors() {
        if (site.get() == null) {
            return;
        }
        String siteId = siteId();
        load(new LoadSlot(), c -> c.currentVisitors(siteId), currentVisitors::set, e -> currentVisitors.set(-1));
    }

    /**
     * Runs one call for a panel. The answer is applied only if it is the panel's newest request;
     * a transient failure marks the server as gone, others go to {@code onError} (a 400 for a
     * property this server does not know, say).
     */
    public <T> void load(LoadSlot slot, Function<FootfallClient, T> call, Consumer<T> apply,
                         Consumer<ApiException> onError) {
        long request = slot.begin();
        background.run(() -> call.apply(client), result -> {
            if (slot.end(request)) {
                apply.accept(result);
                markConnected();
            }
        }, error -> {
            boolean latest = slot.end(request);
            ApiException api = error instanceof ApiException a ? a
                    : new ApiException(Problem.SERVER_ERROR, "unexpected " + error.getClass().getSimpleName(), error);
            LOG.log(Level.FINE, "[dashboard] load failed: {0}", api.describe());
            if (api.problem().transientFailure() || api.problem() == Problem.UNAUTHORIZED
                    || api.problem() == Problem.FORBIDDEN && site.get() == null) {
                markDisconnected(api);
            } else if (latest) {
                onError.accept(api);
            }
        });
    }

    private void markConnected() {
        if (connection.get() != null) {
            connection.set(null);
            probe.stop();
        }
    }

    private void markDisconnected(ApiException problem) {
        boolean wasConnected = connection.get() == null;
        connection.set(problem);
        if (wasConnected && problem.problem().transientFailure()) {
            LOG.log(Level.INFO, "[dashboard] server unavailable, retrying every {0} s: {1}",
                    new Object[] {PROBE_SECONDS, problem.describe()});
            probe.playFromStart();
        }
    }

    /** "Retry now" and the periodic probe: when the server answers, everything reloads. */
    public void retry() {
        probeServer();
    }

    private void probeServer() {
        background.run(client::alive, alive -> {
            if (alive) {
                probe.stop();
                LOG.info("[dashboard] server is back, reloading");
                connection.set(null);
                if (sites.isEmpty()) {
                    loadSites(site.get() == null ? "" : site.get().domain());
                } else {
                    refresh();
                }
            }
        }, e -> {
        });
    }
}

package dev.footfall.server.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

/**
 * Says in a header when a report could not include every event acknowledged before it was asked
 * for. A report waits for the spool to drain, but only so long (during a database outage, or a
 * burst the drain is still catching up on); it then answers from what is in MySQL, and this
 * filter adds {@value #BEHIND}: how many events acknowledged before the request are not in the
 * answer, and {@value #BEHIND_AGE}: how old the oldest of them is, in seconds. A report that
 * included everything has neither header.
 */
public final class BehindHeader {
    public static final String BEHIND = "Footfall-Behind";
    public static final String BEHIND_AGE = "Footfall-Behind-Age";

    private final List<String> reportPaths;
    private final LongSupplier mark;
    private final LongUnaryOperator missingSince;
    private final LongSupplier oldestAgeSeconds;

    /**
     * @param reportPaths      path prefixes of the routes that answer reports
     * @param mark             the spool position of the last acknowledged event, now
     * @param missingSince     events acknowledged up to a mark that are not in MySQL yet
     * @param oldestAgeSeconds age of the oldest event not in MySQL yet
     */
    public BehindHeader(List<String> reportPaths, LongSupplier mark, LongUnaryOperator missingSince, LongSupplier oldestAgeSeconds) {
        this.reportPaths = List.copyOf(reportPaths);
        this.mark = mark;
        this.missingSince = missingSince;
        this.oldestAgeSeconds = oldestAgeSeconds;
    }

    public Filter filter() {
        return (FilterChain chain, RoutingRequest req, RoutingResponse res) -> {
            if (isReport(req.prologue().uriPath().path())) {
                long acknowledged = mark.getAsLong();
                res.beforeSend(() -> {
                    long missing = missingSince.applyAsLong(acknowledged);
                    if (missing > 0) {
                        res.header(BEHIND, Long.toString(missing));
                        res.header(BEHIND_AGE, Long.toString(oldestAgeSeconds.getAsLong()));
                    }
                });
            }
            chain.proceed();
        };
    }

    private boolean isReport(String path) {
        for (String prefix : reportPaths) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}

package dev.footfall.server.ingest;

import dev.footfall.model.EventPayload;
import dev.footfall.model.ImportEvent;
import dev.footfall.model.InvalidFieldException;
import dev.footfall.model.SessionPayload;
import dev.footfall.server.enrich.DeviceType;
import dev.footfall.server.enrich.Source;
import dev.footfall.server.enrich.UserAgentInfo;
import dev.footfall.server.enrich.Utm;
import dev.footfall.server.site.Site;
import dev.footfall.server.site.SiteDirectory;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a validated payload plus request facts (User-Agent, client address, time) into
 * {@link Hit}s, or says why the event is ignored. Everything that needs a person's data (IP,
 * user agent, the old tracker's user id) is consumed here and only a salted hash goes on.
 */
public final class EventIngestor {
    /** How far in the past a client-supplied timestamp of the old format may lie. */
    static final long MAX_PAST_MS = 7L * 24 * 3600 * 1000;
    static final long MAX_FUTURE_MS = 5L * 60 * 1000;

    private final SiteDirectory sites;
    private final Enrichment enrich;
    private final boolean autoSites;

    public EventIngestor(SiteDirectory sites, Enrichment enrich, boolean autoSites) {
        this.sites = sites;
        this.enrich = enrich;
        this.autoSites = autoSites;
    }

    /** Hits of one payload, or the reason to ignore it. */
    public sealed interface Result {
        record Hits(List<Hit> hits) implements Result {
        }

        record Ignored(String reason) implements Result {
        }
    }

    /** {@code POST /api/event}: Plausible format, user agent and IP from the request. */
    public Result fromEvent(EventPayload p, String userAgent, InetAddress clientIp, long nowMs) {
        UserAgentInfo ua = enrich.userAgents().parse(userAgent, p.screenWidth());
        if (ua.bot()) {
            return new Result.Ignored("bot");
        }
        List<Site> targets = new ArrayList<>();
        for (String domain : p.domains()) {
            site(domain).ifPresent(targets::add);
        }
        if (targets.isEmpty()) {
            return new Result.Ignored("unknown site");
        }
        URI url = p.uri();
        EventKind kind = EventKind.ofName(p.name());
        Utm utm = Utm.fromUrl(url);
        String hostname = hostname(url);
        Source source = enrich.referrers().classify(p.referrer(), hostname, utm);
        String country = enrich.countries().country(clientIp, p.timezone());
        String page = page(url, Boolean.TRUE.equals(p.hash()));
        BigDecimal revenue = p.revenue() == null || p.revenue().amount() == null ? null : new BigDecimal(p.revenue().amount());
        String currency = p.revenue() == null ? null : p.revenue().currency().toUpperCase(Locale.ROOT);
        List<Hit> hits = new ArrayList<>();
        for (Site site : targets) {
            long[] visitor = enrich.visitors().ids(nowMs, site.id(), clientIp.getHostAddress(), userAgent == null ? "" : userAgent);
            hits.add(new Hit(site, nowMs, kind, p.name(), hostname, page, source.referrer(), source.name(),
                    utm.source(), utm.medium(), utm.campaign(), utm.term(), utm.content(),
                    ua.browser(), ua.browserVersion(), ua.os(), ua.osVersion(), ua.device().label(), country,
                    p.screenWidth(), kind == EventKind.ENGAGEMENT && p.engagementMs() != null ? p.engagementMs().intValue() : 0,
                    p.scrollDepth(), kind != EventKind.ENGAGEMENT && p.isInteractive(), revenue, currency,
                    props(p.props()), p.eventId(), visitor[0], visitor[1]));
        }
        return new Result.Hits(hits);
    }

    /**
     * {@code POST /api/session}: the old tracker's payload. Browser, OS and device are used as
     * sent (parsed from its userAgent field only when absent); the visitor is its user id, hashed.
     */
    public Result fromSession(SessionPayload p, String headerUserAgent, InetAddress clientIp, long nowMs) {
        long ts = p.timestampMs(nowMs);
        if (ts < nowMs - MAX_PAST_MS || ts > nowMs + MAX_FUTURE_MS) {
            throw new InvalidFieldException("timestamp", "timestamp must lie within the last 7 days");
        }
        String userAgent = p.userAgent() != null ? p.userAgent() : headerUserAgent == null ? "" : headerUserAgent;
        UserAgentInfo ua = enrich.userAgents().parse(userAgent, null);
        if (p.userAgent() != null && ua.bot()) {
            return new Result.Ignored("bot");
        }
        URI url = p.pageUri();
        String hostname = hostname(url);
        Optional<Site> site = site(hostname);
        if (site.isEmpty()) {
            return new Result.Ignored("unknown site");
        }
        Utm utm = Utm.fromUrl(url);
        Source source = enrich.referrers().classify(p.referrerUrl(), hostname, utm);
        String browser = orElse(p.browser(), ua.browser());
        String os = orElse(p.operatingSystem(), ua.os());
        String device = p.deviceType() != null && !p.deviceType().isBlank() ? deviceLabel(p.deviceType()) : ua.device().label();
        String client = p.user() != null && !p.user().isBlank() ? "user:" + p.user() : clientIp.getHostAddress();
        long[] visitor = enrich.visitors().ids(ts, site.get().id(), client, p.user() != null ? "" : userAgent);
        return new Result.Hits(List.of(new Hit(site.get(), ts, EventKind.PAGEVIEW, "pageview", hostname, page(url, false),
                source.referrer(), source.name(), utm.source(), utm.medium(), utm.campaign(), utm.term(), utm.content(),
                browser, p.browser() != null ? "Unknown" : ua.browserVersion(), os,
                p.operatingSystem() != null ? "Unknown" : ua.osVersion(), device,
                enrich.countries().country(clientIp, null), null, 0, null, true, null, null, Map.of(), null,
                visitor[0], visitor[1])));
    }

    /**
     * {@code POST /api/v1/import/events}: one historical event, enriched like a live one. Browser, OS
     * and device are used as sent, else parsed from its user agent; the visitor is its opaque key,
     * hashed with today's salt and the event's day ({@link dev.footfall.server.session.VisitorHasher#importIds}).
     */
    public Result fromImport(ImportEvent line, long nowMs) {
        if (line.timestampMs() > nowMs + MAX_FUTURE_MS) {
            throw new InvalidFieldException("timestamp", "timestamp lies in the future");
        }
        EventPayload p = line.event();
        UserAgentInfo ua = enrich.userAgents().parse(line.userAgent() == null ? "" : line.userAgent(), p.screenWidth());
        if (line.userAgent() != null && ua.bot()) {
            return new Result.Ignored("bot");
        }
        Optional<Site> target = site(p.domains().getFirst());
        if (target.isEmpty()) {
            return new Result.Ignored("unknown site");
        }
        Site site = target.get();
        URI url = p.uri();
        EventKind kind = EventKind.ofName(p.name());
        Utm utm = Utm.fromUrl(url);
        String hostname = hostname(url);
        Source source = enrich.referrers().classify(p.referrer(), hostname, utm);
        String country = line.country() != null ? line.country() : enrich.countries().country(null, p.timezone());
        BigDecimal revenue = p.revenue() == null || p.revenue().amount() == null ? null : new BigDecimal(p.revenue().amount());
        String currency = p.revenue() == null ? null : p.revenue().currency().toUpperCase(Locale.ROOT);
        String device = line.device() != null && !line.device().isBlank() ? deviceLabel(line.device()) : ua.device().label();
        long[] visitor = enrich.visitors().importIds(nowMs, site.id(), line.visitor(), line.timestampMs());
        return new Result.Hits(List.of(new Hit(site, line.timestampMs(), kind, p.name(), hostname, page(url, Boolean.TRUE.equals(p.hash())),
                source.referrer(), source.name(), utm.source(), utm.medium(), utm.campaign(), utm.term(), utm.content(),
                orElse(line.browser(), ua.browser()), orElse(line.browserVersion(), line.browser() != null ? "Unknown" : ua.browserVersion()),
                orElse(line.os(), ua.os()), orElse(line.osVersion(), line.os() != null ? "Unknown" : ua.osVersion()), device, country,
                p.screenWidth(), kind == EventKind.ENGAGEMENT && p.engagementMs() != null ? p.engagementMs().intValue() : 0,
                p.scrollDepth(), kind != EventKind.ENGAGEMENT && p.isInteractive(), revenue, currency, props(p.props()), null,
                visitor[0], visitor[1])));
    }

    private Optional<Site> site(String domain) {
        return autoSites ? Optional.of(sites.findOrCreate(domain)) : sites.find(domain);
    }

    static String hostname(URI url) {
        String host = url.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("www.") ? host.substring(4) : host;
    }

    /** The path (never empty), plus the fragment for hash-routed sites. Query strings are dropped. */
    static String page(URI url, boolean hashRouting) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (hashRouting && url.getRawFragment() != null && !url.getRawFragment().isEmpty()) {
            path = path + "#" + url.getRawFragment();
        }
        return path;
    }

    /** "mobile", "Mobile", "phone" → "Mobile"; known types get their label, others are kept as sent. */
    static String deviceLabel(String sent) {
        String s = sent.strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "mobile", "phone", "smartphone" -> DeviceType.MOBILE.label();
            case "tablet" -> DeviceType.TABLET.label();
            case "desktop", "laptop", "pc" -> DeviceType.DESKTOP.label();
            default -> sent.strip();
        };
    }

    private static String orElse(String sent, String parsed) {
        return sent != null && !sent.isBlank() ? sent.strip() : parsed;
    }

    private static Map<String, String> props(Map<String, Object> props) {
        Map<String, String> text = new LinkedHashMap<>();
        props.forEach((k, v) -> {
            if (v != null) {
                text.put(k, v.toString());
            }
        });
        return text;
    }
}

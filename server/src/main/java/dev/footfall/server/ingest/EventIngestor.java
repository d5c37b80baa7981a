package dev.footfall.server.ingest;

import dev.footfall.model.EventPayload;
import dev.footfall.model.ImportEvent;
import dev.footfall.model.InvalidFieldException;
import dev.footfall.model.SessionPayload;
import dev.footfall.server.enrich.AgentKind;
import dev.footfall.server.enrich.ClickId;
import dev.footfall.server.enrich.DeviceType;
import dev.footfall.server.enrich.UserAgentInfo;
import dev.footfall.server.event.EventKind;
import dev.footfall.server.event.Hit;
import dev.footfall.server.event.Location;
import dev.footfall.server.event.Measures;
import dev.footfall.server.event.Place;
import dev.footfall.server.event.Outcome;
import dev.footfall.server.event.Prepared;
import dev.footfall.server.event.Revenue;
import dev.footfall.server.event.Software;
import dev.footfall.server.event.Source;
import dev.footfall.server.event.Utm;
import dev.footfall.server.event.Visitor;
import dev.footfall.server.site.Site;
import dev.footfall.server.site.SiteDirectory;
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
 * {@link Hit}s, or says why the event is ignored ({@link Prepared}). Everything that needs a person's data (IP,
 * user agent, the old tracker's user id) is consumed here and only a salted hash goes on.
 */
public final class EventIngestor {
    /** How far ahead of the server's clock an imported event's timestamp may lie. */
    static final long MAX_FUTURE_MS = 5L * 60 * 1000;

    private final SiteDirectory sites;
    private final Enrichment enrich;
    private final boolean autoSites;

    public EventIngestor(SiteDirectory sites, Enrichment enrich, boolean autoSites) {
        this.sites = sites;
        this.enrich = enrich;
        this.autoSites = autoSites;
    }

    /**
     * {@code POST /api/event}: Plausible format, user agent and IP from the request. The User-Agent
     * is the visitor's own browser here, so a robot is dropped and so is a program that is no browser
     * ({@code curl}, a bare name); a browser string the parser cannot name is stored as "Unknown".
     */
    public Prepared fromEvent(EventPayload p, String userAgent, InetAddress clientIp, long nowMs) {
        UserAgentInfo ua = enrich.userAgents().parse(userAgent, p.screenWidth());
        if (ua.kind() != AgentKind.BROWSER) {
            return new Outcome.Ignored("bot");
        }
        List<Site> targets = new ArrayList<>();
        for (String domain : p.domains()) {
            site(domain).ifPresent(targets::add);
        }
        if (targets.isEmpty()) {
            return new Outcome.Ignored("unknown site");
        }
        URI url = p.uri();
        Location location = location(url, Boolean.TRUE.equals(p.hash()));
        Utm utm = Utm.fromUrl(url);
        Source source = enrich.referrers().classify(p.referrer(), location.hostname(), utm, ClickId.fromUrl(url));
        String country = enrich.countries().country(clientIp, p.timezone());
        Place place = enrich.countries().place(clientIp);
        List<Hit> hits = new ArrayList<>();
        for (Site site : targets) {
            Visitor visitor = enrich.visitors().visitor(nowMs, site.id(), clientIp.getHostAddress(), userAgent == null ? "" : userAgent);
            hits.add(custom(site, nowMs, p, location, source, utm, ua.software(), country, place, p.eventId(), visitor));
        }
        return new Prepared.Hits(hits);
    }

    /**
     * {@code POST /api/session}: the old tracker's payload, at {@code tsMs} ({@link SessionTime}).
     * Browser, OS and device are used as sent (parsed from its userAgent field, else the header, only
     * when absent); the visitor is its user id, hashed. Dropped as a bot only on evidence of a robot
     * in the body's userAgent or in the header: a userAgent that is a bare name ({@code "Chrome"}) or
     * a server-side sender's header ({@code node}, {@code curl}) is no such evidence, as the replaced
     * system's simulator and server-side embeds send exactly these.
     */
    public Prepared fromSession(SessionPayload p, long tsMs, String headerUserAgent, InetAddress clientIp) {
        UserAgentInfo header = enrich.userAgents().parse(headerUserAgent, null);
        UserAgentInfo body = p.userAgent() == null ? header : enrich.userAgents().parse(p.userAgent(), null);
        if (body.kind() == AgentKind.ROBOT || header.kind() == AgentKind.ROBOT) {
            return new Outcome.Ignored("bot");
        }
        URI url = p.pageUri();
        Location location = location(url, false);
        Optional<Site> site = site(location.hostname());
        if (site.isEmpty()) {
            return new Outcome.Ignored("unknown site");
        }
        Utm utm = Utm.fromUrl(url);
        Source source = enrich.referrers().classify(p.referrerUrl(), location.hostname(), utm, ClickId.fromUrl(url));
        // A program's names (Python-Requests on Cloud) say nothing of the visitor: Unknown unless sent.
        UserAgentInfo parsed = body.kind() == AgentKind.BROWSER ? body : UserAgentInfo.nothing(body.device());
        Software software = sent(parsed, p.browser(), null, p.operatingSystem(), null, p.deviceType());
        String userAgent = p.userAgent() != null ? p.userAgent() : headerUserAgent == null ? "" : headerUserAgent;
        boolean identified = p.user() != null && !p.user().isBlank();
        String client = identified ? "user:" + p.user() : clientIp.getHostAddress();
        Visitor visitor = enrich.visitors().visitor(tsMs, site.get().id(), client, identified ? "" : userAgent);
        return new Prepared.Hits(List.of(new Hit(site.get(), tsMs, EventKind.PAGEVIEW, "pageview", location, source, utm, software,
                enrich.countries().country(clientIp, null), enrich.countries().place(clientIp), Measures.PAGEVIEW, Revenue.NONE,
                Map.of(), null, visitor)));
    }

    /**
     * {@code POST /api/v1/import/events}: one historical event, enriched like a live one. Browser, OS
     * and device are used as sent, else parsed from its user agent, which is judged as
     * {@code /api/event}'s header is (a line without one is kept); the visitor is its opaque key,
     * hashed with today's salt and the event's day ({@link dev.footfall.server.session.VisitorHasher#importVisitor}).
     */
    public Prepared fromImport(ImportEvent line, long nowMs) {
        if (line.timestampMs() > nowMs + MAX_FUTURE_MS) {
            throw new InvalidFieldException("timestamp", "timestamp lies in the future");
        }
        EventPayload p = line.event();
        UserAgentInfo ua = enrich.userAgents().parse(line.userAgent() == null ? "" : line.userAgent(), p.screenWidth());
        if (line.userAgent() != null && ua.kind() != AgentKind.BROWSER) {
            return new Outcome.Ignored("bot");
        }
        Optional<Site> target = site(p.domains().getFirst());
        if (target.isEmpty()) {
            return new Outcome.Ignored("unknown site");
        }
        Site site = target.get();
        URI url = p.uri();
        Location location = location(url, Boolean.TRUE.equals(p.hash()));
        Utm utm = Utm.fromUrl(url);
        Source source = enrich.referrers().classify(p.referrer(), location.hostname(), utm, ClickId.fromUrl(url));
        String country = line.country() != null ? line.country() : enrich.countries().country(null, p.timezone());
        Place place = new Place(line.region() == null ? "" : line.region(), line.regionName(),
                line.city() == null ? "" : String.valueOf(line.city()), line.cityName());
        Software software = sent(ua, line.browser(), line.browserVersion(), line.os(), line.osVersion(), line.device());
        Visitor visitor = enrich.visitors().importVisitor(nowMs, site.id(), line.visitor(), line.timestampMs());
        // No idempotency id: a re-sent import line is a new event, as the import route documents.
        return new Prepared.Hits(List.of(custom(site, line.timestampMs(), p, location, source, utm, software, country, place, null,
                visitor)));
    }

    /** A hit of the Plausible-format payload {@code p}: its kind, measures, revenue and props. */
    private static Hit custom(Site site, long tsMs, EventPayload p, Location location, Source source, Utm utm, Software software,
                              String country, Place place, String eventId, Visitor visitor) {
        EventKind kind = EventKind.ofName(p.name());
        int engagementMs = kind == EventKind.ENGAGEMENT && p.engagementMs() != null ? p.engagementMs().intValue() : 0;
        Measures measures = new Measures(p.screenWidth(), engagementMs, p.scrollDepth(), kind != EventKind.ENGAGEMENT && p.isInteractive());
        return new Hit(site, tsMs, kind, p.name(), location, source, utm, software, country, place, measures, revenue(p), props(p.props()),
                eventId, visitor);
    }

    /**
     * What the sender named, else what the user agent says. A named browser or OS without a
     * version has version "Unknown" rather than the parsed product's version.
     */
    private static Software sent(UserAgentInfo ua, String browser, String browserVersion, String os, String osVersion, String device) {
        return new Software(orElse(browser, ua.browser()),
                orElse(browserVersion, present(browser) ? UserAgentInfo.UNKNOWN : ua.browserVersion()),
                orElse(os, ua.os()),
                orElse(osVersion, present(os) ? UserAgentInfo.UNKNOWN : ua.osVersion()),
                present(device) ? deviceLabel(device) : ua.device().label());
    }

    private static Revenue revenue(EventPayload p) {
        if (p.revenue() == null || p.revenue().amount() == null) {
            return Revenue.NONE;
        }
        return new Revenue(EventPayload.Revenue.storedAmount(p.revenue().amount()), p.revenue().currency().toUpperCase(Locale.ROOT));
    }

    private Optional<Site> site(String domain) {
        return autoSites ? Optional.of(sites.findOrCreate(domain)) : sites.find(domain);
    }

    static Location location(URI url, boolean hashRouting) {
        return new Location(hostname(url), page(url, hashRouting));
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
        return present(sent) ? sent.strip() : parsed;
    }

    private static boolean present(String sent) {
        return sent != null && !sent.isBlank();
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

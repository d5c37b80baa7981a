package dev.footfall.server.lookup;

import dev.footfall.server.ingest.EventKind;
import dev.footfall.server.ingest.Hit;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The dimension ids of one {@link Hit}, as the events, visits and rollup rows store them. */
public record HitIds(
        int name,
        int hostname,
        int page,
        int referrer,
        int source,
        int utmSource,
        int utmMedium,
        int utmCampaign,
        int utmTerm,
        int utmContent,
        int browser,
        int browserVersion,
        int os,
        int osVersion,
        int deviceType,
        List<Integer> props) {

    /** Adds every dimension value of {@code hit} to {@code wanted}. */
    public static void collect(Hit hit, Map<Dimension, Set<String>> wanted) {
        values(hit).forEach((dim, value) -> wanted.computeIfAbsent(dim, d -> new HashSet<>()).add(value));
        if (!hit.props().isEmpty()) {
            Set<String> props = wanted.computeIfAbsent(Dimension.PROP, d -> new HashSet<>());
            hit.props().forEach((k, v) -> props.add(Dimension.prop(k, v)));
        }
    }

    public static HitIds of(Hit hit, Map<Dimension, Map<String, Integer>> ids) {
        Map<Dimension, String> v = values(hit);
        Map<String, Integer> propIds = ids.getOrDefault(Dimension.PROP, Map.of());
        List<Integer> props = hit.props().entrySet().stream()
                .map(e -> propIds.get(Dimension.prop(e.getKey(), e.getValue()))).toList();
        return new HitIds(
                ids.get(Dimension.EVENT_NAME).get(v.get(Dimension.EVENT_NAME)),
                ids.get(Dimension.HOSTNAME).get(v.get(Dimension.HOSTNAME)),
                ids.get(Dimension.PAGE).get(v.get(Dimension.PAGE)),
                ids.get(Dimension.REFERRER).get(v.get(Dimension.REFERRER)),
                ids.get(Dimension.SOURCE).get(v.get(Dimension.SOURCE)),
                ids.get(Dimension.UTM_SOURCE).get(v.get(Dimension.UTM_SOURCE)),
                ids.get(Dimension.UTM_MEDIUM).get(v.get(Dimension.UTM_MEDIUM)),
                ids.get(Dimension.UTM_CAMPAIGN).get(v.get(Dimension.UTM_CAMPAIGN)),
                ids.get(Dimension.UTM_TERM).get(v.get(Dimension.UTM_TERM)),
                ids.get(Dimension.UTM_CONTENT).get(v.get(Dimension.UTM_CONTENT)),
                ids.get(Dimension.BROWSER).get(v.get(Dimension.BROWSER)),
                ids.get(Dimension.BROWSER_VERSION).get(v.get(Dimension.BROWSER_VERSION)),
                ids.get(Dimension.OS).get(v.get(Dimension.OS)),
                ids.get(Dimension.OS_VERSION).get(v.get(Dimension.OS_VERSION)),
                ids.get(Dimension.DEVICE_TYPE).get(v.get(Dimension.DEVICE_TYPE)),
                props);
    }

    /**
     * The natural value per dimension. Versions are stored with their product name
     * ("Chrome 131", "Windows 11") so rollup rows of different products never merge.
     */
    private static Map<Dimension, String> values(Hit hit) {
        Map<Dimension, String> v = new EnumMap<>(Dimension.class);
        v.put(Dimension.EVENT_NAME, hit.kind() == EventKind.PAGEVIEW ? "pageview" : hit.name());
        v.put(Dimension.HOSTNAME, hit.hostname());
        v.put(Dimension.PAGE, hit.page());
        v.put(Dimension.REFERRER, hit.referrer());
        v.put(Dimension.SOURCE, hit.source());
        v.put(Dimension.UTM_SOURCE, hit.utmSource());
        v.put(Dimension.UTM_MEDIUM, hit.utmMedium());
        v.put(Dimension.UTM_CAMPAIGN, hit.utmCampaign());
        v.put(Dimension.UTM_TERM, hit.utmTerm());
        v.put(Dimension.UTM_CONTENT, hit.utmContent());
        v.put(Dimension.BROWSER, hit.browser());
        v.put(Dimension.BROWSER_VERSION, hit.browser() + " " + hit.browserVersion());
        v.put(Dimension.OS, hit.os());
        v.put(Dimension.OS_VERSION, hit.os() + " " + hit.osVersion());
        v.put(Dimension.DEVICE_TYPE, hit.deviceType());
        return v;
    }
}

package dev.footfall.server.rollup;

import java.util.HashMap;
import java.util.Map;

/**
 * The dimension values one visitor was counted for on one site-local day, each with a bit mask
 * of the local hours (bit 0 = 00:00) it was counted in. Text form: {@code dim.value=mask;…}.
 */
final class SeenSet {
    private SeenSet() {
    }

    static Map<String, Long> decode(String text) {
        Map<String, Long> seen = new HashMap<>();
        if (text == null || text.isEmpty()) {
            return seen;
        }
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf(';', start);
            end = end < 0 ? text.length() : end;
            int eq = text.indexOf('=', start);
            seen.put(text.substring(start, eq), Long.parseLong(text, eq + 1, end, 10));
            start = end + 1;
        }
        return seen;
    }

    static String encode(Map<String, Long> seen) {
        StringBuilder text = new StringBuilder(seen.size() * 12);
        seen.forEach((key, mask) -> {
            if (!text.isEmpty()) {
                text.append(';');
            }
            text.append(key).append('=').append(mask);
        });
        return text.toString();
    }
}

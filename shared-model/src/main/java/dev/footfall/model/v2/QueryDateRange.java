package dev.footfall.model.v2;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.footfall.model.InvalidFieldException;
import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * A v2 query's {@code date_range}: a named range ({@code "7d"}), two days (both inclusive) or two
 * date-times with offsets (both inclusive, to the second; the server echoes every range in this
 * form). Named ranges are resolved by the server in the site's time zone.
 */
@JsonDeserialize(using = QueryDateRange.Reader.class)
public sealed interface QueryDateRange {
    /** Plausible's named ranges. */
    Set<String> NAMED = Set.of("day", "24h", "7d", "28d", "30d", "91d", "month", "6mo", "12mo", "year", "all");

    record Named(String name) implements QueryDateRange {
        public Named {
            if (!NAMED.contains(name)) {
                throw new InvalidFieldException("date_range", "#/date_range: Invalid date range \"" + name + "\"");
            }
        }

        @JsonValue
        String json() {
            return name;
        }
    }

    record Dates(LocalDate from, LocalDate to) implements QueryDateRange {
        public Dates {
            if (to.isBefore(from)) {
                throw new InvalidFieldException("date_range", "#/date_range: the range ends on " + to + ", before it starts on " + from);
            }
        }

        @JsonValue
        List<String> json() {
            return List.of(from.toString(), to.toString());
        }
    }

    record Instants(OffsetDateTime from, OffsetDateTime to) implements QueryDateRange {
        /** How the server echoes a range: {@code 2026-11-01T00:00:00+01:00}. */
        static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

        public Instants {
            if (to.isBefore(from)) {
                throw new InvalidFieldException("date_range", "#/date_range: the range ends at " + to + ", before it starts at " + from);
            }
        }

        @JsonValue
        List<String> json() {
            return List.of(ISO.format(from), ISO.format(to));
        }
    }

    static QueryDateRange parse(JsonNode node) {
        if (node != null && node.isTextual() && NAMED.contains(node.asText())) {
            return new Named(node.asText());
        }
        if (node != null && node.isArray() && node.size() == 2 && node.get(0).isTextual() && node.get(1).isTextual()) {
            String a = node.get(0).asText();
            String b = node.get(1).asText();
            try {
                if (a.length() == 10 && b.length() == 10) {
                    return new Dates(LocalDate.parse(a), LocalDate.parse(b));
                }
                if (a.length() > 10 && b.length() > 10) {
                    return new Instants(OffsetDateTime.parse(a), OffsetDateTime.parse(b));
                }
            } catch (DateTimeParseException e) {
                // the message below
            }
        }
        throw new InvalidFieldException("date_range", "#/date_range: Invalid date range " + node
                + ": expected a named range, [\"YYYY-MM-DD\", \"YYYY-MM-DD\"] or two ISO8601 date-times with offsets");
    }

    /** Jackson's way in: {@link #parse}. */
    final class Reader extends StdDeserializer<QueryDateRange> {
        public Reader() {
            super(QueryDateRange.class);
        }

        @Override
        public QueryDateRange deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return parse(ctxt.readTree(p));
        }
    }
}

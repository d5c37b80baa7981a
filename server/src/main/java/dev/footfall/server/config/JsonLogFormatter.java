package dev.footfall.server.config;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per line ({@code FOOTFALL_LOG_FORMAT=json}), for log shippers. Fields: ts,
 * level, logger, message and, when present, error. Footfall never logs IPs, user agents or
 * user ids, so the lines carry no personal data.
 */
public final class JsonLogFormatter extends Formatter {
    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(160);
        line.append("{\"ts\":\"").append(Instant.ofEpochMilli(record.getMillis())).append('"');
        line.append(",\"level\":\"").append(record.getLevel().getName()).append('"');
        line.append(",\"logger\":");
        quote(line, record.getLoggerName());
        line.append(",\"message\":");
        quote(line, formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(",\"error\":");
            quote(line, trace.toString());
        }
        return line.append("}\n").toString();
    }

    static void quote(StringBuilder out, String text) {
        if (text == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

package dev.footfall.console.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 CSV: a header row, then one line per row; fields quoted when they need it. */
public final class Csv {
    private Csv() {
    }

    public static void write(Path file, List<String> header, List<List<String>> rows) throws IOException {
        StringBuilder out = new StringBuilder();
        line(out, header);
        rows.forEach(row -> line(out, row));
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder out, List<String> fields) {
        out.append(fields.stream().map(Csv::field).collect(Collectors.joining(","))).append("\r\n");
    }

    static String field(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}

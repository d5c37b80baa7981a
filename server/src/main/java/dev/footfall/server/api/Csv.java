package dev.footfall.server.api;

import dev.footfall.model.stats.Metric;
import dev.footfall.model.stats.RevenueValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Report rows as RFC 4180 CSV: a header row of column names, then one line per row, CRLF-terminated. */
final class Csv {
    private Csv() {
    }

    static String of(List<String> labelColumns, List<Metric> metrics, List<Map<String, Object>> rows) {
        List<String> columns = new ArrayList<>(labelColumns);
        metrics.forEach(m -> columns.add(m.wireName()));
        StringBuilder out = new StringBuilder();
        line(out, columns.stream().map(c -> (Object) c).toList());
        for (Map<String, Object> row : rows) {
            line(out, columns.stream().map(row::get).toList());
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<Object> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            // A revenue cell is its amount and currency ("120.50 EUR"); no revenue is an empty cell.
            String text = switch (cells.get(i)) {
                case RevenueValue r -> r.value().toPlainString() + " " + r.currency();
                case null -> "";
                case Object o -> String.valueOf(o);
            };
            if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                out.append('"').append(text.replace("\"", "\"\"")).append('"');
            } else {
                out.append(text);
            }
        }
        out.append("\r\n");
    }
}

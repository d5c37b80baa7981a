import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Canned answers in the shapes of Footfall's stats API for the console's AOT training run
 * ({@code aot-train.sh}), so the build needs no database: one site, a point per day of the
 * range, ten rows per breakdown (country codes for countries, so their names are looked up as in
 * real use; regions and cities with a name beside the code, as the server sends them). Run from source with the build's JDK: {@code java TrainingServer.java}; prints the
 * port it listens on (loopback, chosen by the system) and serves until killed.
 */
public final class TrainingServer {
    private static final List<String> COUNTRIES = List.of("US", "DE", "GB", "FR", "IN", "NL", "CA", "BR", "PL", "JP");
    private static final List<String> BROWSERS = List.of("Chrome", "Firefox", "Safari", "Edge", "Opera",
            "Samsung Internet", "Brave", "Vivaldi", "Yandex", "UC Browser");

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", TrainingServer::answer);
        server.start();
        System.out.println(server.getAddress().getPort());
        System.out.flush();
    }

    private static void answer(HttpExchange exchange) throws IOException {
        Map<String, String> q = params(exchange.getRequestURI().getRawQuery());
        String body = switch (exchange.getRequestURI().getPath()) {
            case "/health/live" -> "{\"status\":\"UP\"}";
            case "/api/v1/sites" -> "[{\"domain\":\"shop.example.com\",\"timezone\":\"UTC\"}]";
            // The goals card's list; its conversions come from the breakdown below ("goal 1", "goal 2").
            case "/api/v1/sites/shop.example.com/goals" -> "[{\"id\":1,\"goal_type\":\"event\",\"display_name\":\"goal 1\","
                    + "\"event_name\":\"goal 1\"},{\"id\":2,\"goal_type\":\"page\",\"display_name\":\"goal 2\",\"page_path\":\"/page-2\"}]";
            // The funnels card: one funnel on the two goals, and its report with the previous period's.
            case "/api/v1/sites/shop.example.com/funnels" -> "[{\"id\":1,\"name\":\"funnel 1\",\"steps\":[1,2]}]";
            case "/api/v1/stats/funnel" -> funnel(true);
            case "/api/v1/stats/aggregate" -> aggregate(q);
            case "/api/v1/stats/timeseries" -> timeseries(q);
            case "/api/v1/stats/breakdown" -> breakdown(q);
            case "/api/v1/stats/realtime/visitors" -> "7";
            default -> null;
        };
        byte[] bytes = (body == null ? "{\"error\":\"not found\"}" : body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String funnel(boolean withPrevious) {
        return "{\"funnel_id\":1,\"name\":\"funnel 1\",\"all_visitors\":100,\"entering_visitors\":40,"
                + "\"entering_visitors_percentage\":40.0,\"never_entering_visitors\":60,\"never_entering_visitors_percentage\":60.0,\"steps\":["
                + "{\"step\":1,\"goal_id\":1,\"goal\":\"goal 1\",\"visitors\":40,\"dropoff\":0,\"dropoff_percentage\":0.0,"
                + "\"conversion_rate\":100.0,\"conversion_rate_step\":100.0},"
                + "{\"step\":2,\"goal_id\":2,\"goal\":\"goal 2\",\"visitors\":10,\"dropoff\":30,\"dropoff_percentage\":75.0,"
                + "\"conversion_rate\":25.0,\"conversion_rate_step\":25.0}]"
                + (withPrevious ? ",\"comparison\":" + funnel(false) : "") + "}";
    }

    private static String aggregate(Map<String, String> q) {
        List<String> metrics = List.of(q.getOrDefault("metrics", "visitors").split(","));
        return "{\"results\":{" + IntStream.range(0, metrics.size())
                .mapToObj(i -> "\"" + metrics.get(i) + "\":{\"value\":" + (1200 + 37 * i) + ",\"change\":"
                        + (i % 2 == 0 ? 5.9 : -1.5) + "}")
                .collect(Collectors.joining(",")) + "}}";
    }

    private static String timeseries(Map<String, String> q) {
        boolean hours = "hour".equals(q.get("interval"));
        LocalDate today = LocalDate.now();
        return "{\"results\":[" + IntStream.range(0, hours ? 24 : 30)
                .mapToObj(i -> "{\"date\":\"" + (hours ? today + " " + String.format("%02d:00:00", i)
                        : today.minusDays(29 - i).toString()) + "\",\"visitors\":" + (400 + (i * 37) % 150)
                        + ",\"pageviews\":" + (1000 + (i * 53) % 400) + "}")
                .collect(Collectors.joining(",")) + "]}";
    }

    private static String breakdown(Map<String, String> q) {
        String property = q.getOrDefault("property", "event:page");
        String key = property.substring(property.lastIndexOf(':') + 1);
        List<String> metrics = List.of(q.getOrDefault("metrics", "visitors").split(","));
        return "{\"results\":[" + IntStream.range(0, 10)
                .mapToObj(i -> "{\"" + key + "\":\"" + value(property, i) + "\""
                        + (key.equals("region") || key.equals("city") ? ",\"" + key + "_name\":\"Place " + (i + 1) + "\"" : "")
                        + metrics.stream()
                        .map(m -> ",\"" + m + "\":" + (3600 / (i + 1))).collect(Collectors.joining()) + "}")
                .collect(Collectors.joining(",")) + "]}";
    }

    private static String value(String property, int i) {
        return switch (property) {
            case "visit:country" -> COUNTRIES.get(i);
            case "visit:browser" -> BROWSERS.get(i);
            case "event:page", "visit:entry_page", "visit:exit_page" -> i == 0 ? "/" : "/page-" + i;
            default -> property.substring(property.lastIndexOf(':') + 1) + " " + (i + 1);
        };
    }

    private static Map<String, String> params(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }
}

